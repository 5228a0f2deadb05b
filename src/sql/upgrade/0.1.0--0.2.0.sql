-- Changes 0.2.0 makes to objects that 0.1.0 created (appended to the upgrade script after the
-- files new in 0.2.0).  The fresh install gets the same result from the edited source files;
-- test/shell/upgrade.sh checks that both catalogues are identical.

-- Organisations that existed before the upgrade get the settings 0.2.0 adds.
SELECT @extschema@.initialize_organization_settings(o.id) FROM @extschema@.organization o;
