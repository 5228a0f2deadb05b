--
-- Bulk import of an asset inventory from CSV: COPY into asset_import, then import_assets().
--
CREATE EXTENSION iec62443p2;
SET search_path = iec62443p2, public;

INSERT INTO organization (id, code, name) VALUES ('00000000-0000-4000-8000-000000000001', 'CRU', 'Cascade Regional Utilities');
INSERT INTO zone (organization_id, name, exposure) VALUES
  ('00000000-0000-4000-8000-000000000001', 'Control', 'control'),
  ('00000000-0000-4000-8000-000000000001', 'Supervisory', 'supervisory');
INSERT INTO person (organization_id, full_name, email, database_role) VALUES
  ('00000000-0000-4000-8000-000000000001', 'Operations desk', 'ops@cru.example', NULL),
  ('00000000-0000-4000-8000-000000000001', 'Jamie Doe', 'jamie.doe@cru.example', 'jdoe');
INSERT INTO asset (organization_id, tag, name, asset_type, vendor, product)
  VALUES ('00000000-0000-4000-8000-000000000001', 'EXISTING-1', 'Already there', 'plc', 'Schneider Electric', 'Modicon M580');

-- all or nothing: a file with bad rows loads nothing, and every bad row is reported with its line
\copy asset_import (tag, name, asset_type, vendor, product, version, serial_number, zone, owner, criticality, confidentiality_requirement, integrity_requirement, availability_requirement, safety_related, lifecycle_state, ip_address, installed_on, end_of_support_on, notes) FROM 'test/data/asset_import.csv' WITH (FORMAT csv, HEADER true)
SELECT * FROM import_assets('00000000-0000-4000-8000-000000000001', all_or_nothing => true);
SELECT pg_catalog.count(*) AS assets, (SELECT pg_catalog.count(*) FROM asset_import) AS still_staged FROM asset;

-- default: the good rows are loaded, the bad ones reported
\copy asset_import (tag, name, asset_type, vendor, product, version, serial_number, zone, owner, criticality, confidentiality_requirement, integrity_requirement, availability_requirement, safety_related, lifecycle_state, ip_address, installed_on, end_of_support_on, notes) FROM 'test/data/asset_import.csv' WITH (FORMAT csv, HEADER true)
SELECT * FROM import_assets('00000000-0000-4000-8000-000000000001');
SELECT tag, asset_type, vendor, version, zone, owner, criticality, confidentiality_requirement AS c,
       integrity_requirement AS i, availability_requirement AS a, safety_related, lifecycle_state, ip_address, installed_on
FROM asset_inventory ORDER BY tag;

-- rows staged by another role are not taken
CREATE ROLE regress_iec_importer;
GRANT USAGE ON SCHEMA iec62443p2 TO regress_iec_importer;
GRANT INSERT ON asset_import TO regress_iec_importer;
SET ROLE regress_iec_importer;
INSERT INTO asset_import (tag, name, asset_type, vendor, product) VALUES ('OTHER-1', 'Staged by someone else', 'plc', 'WAGO', 'PFC200');
RESET ROLE;
SELECT * FROM import_assets('00000000-0000-4000-8000-000000000001');
SELECT staged_by, tag FROM asset_import;
DELETE FROM asset_import;
DROP OWNED BY regress_iec_importer;
DROP ROLE regress_iec_importer;

-- a negative number of header lines
SELECT * FROM import_assets('00000000-0000-4000-8000-000000000001', header_lines => -1);
\echo :LAST_ERROR_SQLSTATE

-- an organisation that does not exist
SELECT * FROM import_assets('00000000-0000-4000-8000-00000000dead');
\echo :LAST_ERROR_SQLSTATE

RESET search_path;
DROP EXTENSION iec62443p2;
DROP SCHEMA iec62443p2;
