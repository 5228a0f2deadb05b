-- Which class each table and view belongs to (drives grant_access), and which tables hold user
-- data that pg_dump must keep.  A pgTAP test fails when a table or view is missing here.

INSERT INTO @extschema@.object_access_class (object_name, object_class, reader_hidden_columns) VALUES
  ('organization_role_kind', 'catalog', '{}'),
  ('zone_exposure', 'catalog', '{}'),
  ('lifecycle_state', 'catalog', '{}'),
  ('asset_type', 'catalog', '{}'),
  ('criticality_level', 'catalog', '{}'),
  ('settings_profile', 'catalog', '{}'),
  ('object_access_class', 'catalog', '{}'),
  ('access_privilege', 'catalog', '{}'),
  ('organization', 'program', '{}'),
  ('organization_role', 'program', '{}'),
  ('organization_relationship', 'program', '{}'),
  ('site', 'program', '{}'),
  ('zone', 'program', '{}'),
  ('conduit', 'program', '{}'),
  ('person', 'program', '{email,phone}'),
  ('asset', 'program', '{}'),
  ('organization_settings', 'program', '{}'),
  ('zone_exposure_setting', 'program', '{}'),
  ('asset_import', 'staging', '{}'),
  ('access_grant', 'access', '{}'),
  ('organization_overview', 'view', '{}'),
  ('site_overview', 'view', '{}'),
  ('asset_inventory', 'view', '{}'),
  ('zone_overview', 'view', '{}'),
  ('conduit_overview', 'view', '{}'),
  ('asset_lifecycle_summary', 'view', '{}');

SELECT pg_catalog.pg_extension_config_dump('@extschema@.organization', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.organization_role', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.organization_relationship', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.site', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.zone', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.conduit', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.person', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.asset', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.organization_settings', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.zone_exposure_setting', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.asset_import', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.access_grant', '');
-- the staging table's arrival counter, so rows staged after a restore do not collide with kept ones
SELECT pg_catalog.pg_extension_config_dump('@extschema@.asset_import_staged_seq_seq', '');
