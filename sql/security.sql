--
-- A hostile object on the search_path must not hijack CREATE EXTENSION, nor the extension's
-- functions, triggers and views when they run later under that search_path.
--
CREATE SCHEMA hostile;
CREATE FUNCTION hostile.hijacked(text, text) RETURNS boolean LANGUAGE plpgsql
  AS $$ BEGIN RAISE EXCEPTION 'hostile = (text, text) called'; END $$;
CREATE OPERATOR hostile.= (LEFTARG = text, RIGHTARG = text, FUNCTION = hostile.hijacked);
CREATE FUNCTION hostile.hijacked_uuid(uuid, uuid) RETURNS boolean LANGUAGE plpgsql
  AS $$ BEGIN RAISE EXCEPTION 'hostile = (uuid, uuid) called'; END $$;
CREATE OPERATOR hostile.= (LEFTARG = uuid, RIGHTARG = uuid, FUNCTION = hostile.hijacked_uuid);
CREATE FUNCTION hostile.now() RETURNS timestamptz LANGUAGE plpgsql
  AS $$ BEGIN RAISE EXCEPTION 'hostile now() called'; END $$;
CREATE FUNCTION hostile.btrim(text) RETURNS text LANGUAGE plpgsql
  AS $$ BEGIN RAISE EXCEPTION 'hostile btrim() called'; END $$;
CREATE FUNCTION hostile.gen_random_uuid() RETURNS uuid LANGUAGE plpgsql
  AS $$ BEGIN RAISE EXCEPTION 'hostile gen_random_uuid() called'; END $$;
-- temporary relations are searched before every schema
CREATE TEMP TABLE organization (id uuid, code text, name text);
CREATE TEMP TABLE zone_exposure (code text, ssvc_system_exposure text);
SET search_path = hostile, pg_catalog, public;

CREATE EXTENSION iec62443p2;

-- the extension's code runs under the hostile search_path without calling hostile objects
INSERT INTO iec62443p2.organization (code, name) VALUES ('HOST', 'Hostile test utility');
INSERT INTO iec62443p2.organization_role (organization_id, role)
  SELECT id, 'asset_owner' FROM iec62443p2.organization WHERE code OPERATOR(pg_catalog.=) 'HOST';
INSERT INTO iec62443p2.site (organization_id, code, name, time_zone)
  SELECT id, 'S1', 'Site one', 'Europe/Berlin' FROM iec62443p2.organization WHERE code OPERATOR(pg_catalog.=) 'HOST';
SELECT pg_catalog.count(*) AS settings_rows FROM iec62443p2.zone_exposure_setting;
SELECT code, name, roles, sites FROM iec62443p2.organization_overview;
INSERT INTO iec62443p2.asset_import (tag, name, asset_type, vendor, product) VALUES ('A-1', 'Pump PLC', 'plc', 'Siemens', 'S7-1200');
SELECT * FROM iec62443p2.import_assets((SELECT id FROM iec62443p2.organization WHERE code OPERATOR(pg_catalog.=) 'HOST'));
SELECT tag, vendor FROM iec62443p2.asset_inventory;

-- the temporary tables were not touched and the views read the extension's tables
SELECT pg_catalog.count(*) AS temp_rows FROM pg_temp.organization;
SELECT pg_catalog.count(*) AS views_reading_temp_tables
FROM pg_catalog.pg_depend d
JOIN pg_catalog.pg_rewrite w ON w.oid = d.objid
JOIN pg_catalog.pg_class c ON c.oid = d.refobjid
WHERE c.relpersistence OPERATOR(pg_catalog.=) 't';

RESET search_path;
-- CREATE EXTENSION made the schema; DROP EXTENSION leaves it behind, empty, and CREATE works again
DROP EXTENSION iec62443p2;
SELECT pg_catalog.count(*) AS objects_left FROM pg_catalog.pg_class WHERE relnamespace = 'iec62443p2'::regnamespace;
CREATE EXTENSION iec62443p2;
SELECT pg_catalog.count(*) AS organizations_after_recreate FROM iec62443p2.organization;
DROP EXTENSION iec62443p2;
DROP SCHEMA iec62443p2;
DROP SCHEMA hostile CASCADE;
DROP TABLE pg_temp.organization, pg_temp.zone_exposure;

-- a schema of the extension's name prepared by another role is refused
CREATE ROLE regress_iec_squatter;
CREATE SCHEMA iec62443p2 AUTHORIZATION regress_iec_squatter;
CREATE EXTENSION iec62443p2;
\echo :LAST_ERROR_SQLSTATE
SELECT pg_catalog.count(*) AS extensions FROM pg_catalog.pg_extension WHERE extname = 'iec62443p2';
DROP SCHEMA iec62443p2;
DROP ROLE regress_iec_squatter;
