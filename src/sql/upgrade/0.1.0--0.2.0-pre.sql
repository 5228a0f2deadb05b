-- Changes 0.2.0 makes to objects that 0.1.0 created and that the files new in 0.2.0 rely on
-- (prepended to the upgrade script; src/sql/upgrade/0.1.0--0.2.0.sql is appended).

-- History tables are append-only: a class of their own in the access matrix (300_access.sql).
ALTER TABLE @extschema@.object_access_class DROP CONSTRAINT object_access_class_class;
ALTER TABLE @extschema@.object_access_class ADD CONSTRAINT object_access_class_class
  CHECK (object_class IN ('catalog', 'program', 'history', 'staging', 'access', 'view'));
COMMENT ON COLUMN @extschema@.object_access_class.object_class IS
  'catalog (shipped, read-only), program (program data), history (append-only records of changes, written by triggers: '
  'no level may update or delete them), staging (import staging), access (access records) or view.';
ALTER TABLE @extschema@.access_privilege DROP CONSTRAINT access_privilege_class;
ALTER TABLE @extschema@.access_privilege ADD CONSTRAINT access_privilege_class
  CHECK (object_class IN ('catalog', 'program', 'history', 'staging', 'access', 'view'));
INSERT INTO @extschema@.access_privilege (access, object_class, privilege) VALUES
  ('admin', 'history', 'SELECT'), ('admin', 'history', 'INSERT'),
  ('analyst', 'history', 'SELECT'), ('analyst', 'history', 'INSERT'),
  ('auditor', 'history', 'SELECT'), ('reader', 'history', 'SELECT');
UPDATE @extschema@.object_access_class SET object_class = 'history' WHERE object_name = 'risk_register_history';
