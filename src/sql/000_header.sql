-- iec62443p2 install script, built by concatenating src/sql/*.sql in file-name order.
-- complain if script is sourced in psql, rather than via CREATE EXTENSION
\echo Use "CREATE EXTENSION iec62443p2" to load this file. \quit

-- The schema comes from the control file.  A schema prepared beforehand by another role would let
-- that role drop or replace our objects later, so refuse it.
DO $guard$
BEGIN
  IF (SELECT n.nspowner FROM pg_catalog.pg_namespace n WHERE n.oid = '@extschema@'::pg_catalog.regnamespace)
     <> (SELECT r.oid FROM pg_catalog.pg_roles r WHERE r.rolname = pg_catalog.current_user()) THEN
    RAISE EXCEPTION 'schema @extschema@ already exists and belongs to another role'
      USING ERRCODE = 'insufficient_privilege',
            HINT = 'Drop or rename that schema, then run CREATE EXTENSION iec62443p2 again.';
  END IF;
END
$guard$;

COMMENT ON SCHEMA @extschema@ IS
  'IEC 62443 Part 2 security program (extension iec62443p2): organisations, sites, zones, conduits, assets and people; '
  'scoring types and functions; views read by analysts and BI tools.';
