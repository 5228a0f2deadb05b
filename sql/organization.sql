--
-- The organisation model: keys, constraints, cross-organisation references, settings.
-- Every refused statement shows its SQLSTATE and leaves the tables as they were.
--
CREATE EXTENSION iec62443p2;
SET search_path = iec62443p2, public;
-- the failing row of a check violation holds generated ids and times: show the message only
\set VERBOSITY terse

INSERT INTO organization (id, code, name, country, sector) VALUES
  ('00000000-0000-4000-8000-000000000001', 'CRU', 'Cascade Regional Utilities', 'US', 'water'),
  ('00000000-0000-4000-8000-000000000002', 'NWI', 'Northwind Integration', 'US', 'services'),
  ('00000000-0000-4000-8000-000000000003', 'OTH', 'Other Utility', 'DE', 'electricity');
INSERT INTO organization_role VALUES
  ('00000000-0000-4000-8000-000000000001', 'asset_owner'),
  ('00000000-0000-4000-8000-000000000002', 'service_provider'),
  ('00000000-0000-4000-8000-000000000003', 'asset_owner');

-- a new organisation got its own copy of the shipped settings
SELECT o.code, s.settings_profile, pg_catalog.count(x.*) AS exposure_mappings
FROM organization o JOIN organization_settings s ON s.organization_id = o.id
LEFT JOIN zone_exposure_setting x ON x.organization_id = o.id
GROUP BY o.code, s.settings_profile ORDER BY o.code;
-- re-initialising keeps what an organisation changed
UPDATE zone_exposure_setting SET ssvc_system_exposure = 'open'
 WHERE organization_id = '00000000-0000-4000-8000-000000000001' AND exposure = 'enterprise';
SELECT initialize_organization_settings('00000000-0000-4000-8000-000000000001');
SELECT exposure, ssvc_system_exposure FROM zone_exposure_setting
 WHERE organization_id = '00000000-0000-4000-8000-000000000001' ORDER BY exposure;

-- organisation codes and names
INSERT INTO organization (code, name) VALUES ('CRU', 'Duplicate');
\echo :LAST_ERROR_SQLSTATE
INSERT INTO organization (code, name) VALUES ('bad code', 'Spaces');
\echo :LAST_ERROR_SQLSTATE
INSERT INTO organization (code, name) VALUES ('EMPTY', '  ');
\echo :LAST_ERROR_SQLSTATE
INSERT INTO organization (code, name, country) VALUES ('LOW', 'Lowercase country', 'us');
\echo :LAST_ERROR_SQLSTATE
INSERT INTO organization_role VALUES ('00000000-0000-4000-8000-000000000001', 'regulator');
\echo :LAST_ERROR_SQLSTATE

-- relationships: the counterpart must hold the role it serves in
INSERT INTO organization_relationship (organization_id, counterpart_id, relationship, since)
  VALUES ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000002', 'service_provider', '2023-01-01');
INSERT INTO organization_relationship (organization_id, counterpart_id, relationship)
  VALUES ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000003', 'product_supplier');
\echo :LAST_ERROR_SQLSTATE
INSERT INTO organization_relationship (organization_id, counterpart_id, relationship)
  VALUES ('00000000-0000-4000-8000-000000000002', '00000000-0000-4000-8000-000000000002', 'service_provider');
\echo :LAST_ERROR_SQLSTATE
INSERT INTO organization_relationship (organization_id, counterpart_id, relationship, since, until)
  VALUES ('00000000-0000-4000-8000-000000000003', '00000000-0000-4000-8000-000000000002', 'service_provider', '2024-05-01', '2024-01-01');
\echo :LAST_ERROR_SQLSTATE

-- sites and their time zones
INSERT INTO site (organization_id, id, code, name, time_zone, country) VALUES
  ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000101', 'WTP', 'Willow Creek Water Treatment', 'America/Los_Angeles', 'US'),
  ('00000000-0000-4000-8000-000000000003', '00000000-0000-4000-8000-000000000301', 'SUB', 'Umspannwerk Nord', 'Europe/Berlin', 'DE');
INSERT INTO site (organization_id, code, name, time_zone)
  VALUES ('00000000-0000-4000-8000-000000000001', 'MARS', 'Olympus Mons', 'Mars/Olympus');
\echo :LAST_ERROR_SQLSTATE
INSERT INTO site (organization_id, code, name, time_zone)
  VALUES ('00000000-0000-4000-8000-000000000001', 'WTP', 'Same code twice', 'UTC');
\echo :LAST_ERROR_SQLSTATE

-- zones: a zone cannot sit on another organisation's site
INSERT INTO zone (organization_id, id, site_id, name, exposure) VALUES
  ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000001001', '00000000-0000-4000-8000-000000000101', 'WTP Control', 'control'),
  ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000001002', '00000000-0000-4000-8000-000000000101', 'WTP Supervisory', 'supervisory'),
  ('00000000-0000-4000-8000-000000000003', '00000000-0000-4000-8000-000000003001', '00000000-0000-4000-8000-000000000301', 'Station bus', 'control');
INSERT INTO zone (organization_id, site_id, name, exposure)
  VALUES ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000301', 'Stolen site', 'control');
\echo :LAST_ERROR_SQLSTATE
INSERT INTO zone (organization_id, name, exposure)
  VALUES ('00000000-0000-4000-8000-000000000001', 'Outer space', 'orbital');
\echo :LAST_ERROR_SQLSTATE

-- conduits join two different zones of the same organisation
INSERT INTO conduit (organization_id, name, from_zone_id, to_zone_id, protocols) VALUES
  ('00000000-0000-4000-8000-000000000001', 'Control to supervisory', '00000000-0000-4000-8000-000000001002',
   '00000000-0000-4000-8000-000000001001', '{EtherNet/IP,OPC UA}');
INSERT INTO conduit (organization_id, name, from_zone_id, to_zone_id) VALUES
  ('00000000-0000-4000-8000-000000000001', 'Loop', '00000000-0000-4000-8000-000000001001', '00000000-0000-4000-8000-000000001001');
\echo :LAST_ERROR_SQLSTATE
INSERT INTO conduit (organization_id, name, from_zone_id, to_zone_id) VALUES
  ('00000000-0000-4000-8000-000000000001', 'Across tenants', '00000000-0000-4000-8000-000000001001', '00000000-0000-4000-8000-000000003001');
\echo :LAST_ERROR_SQLSTATE
SELECT conduit, from_zone, to_zone, exposure_levels_crossed, protocols FROM conduit_overview;

-- people
INSERT INTO person (organization_id, id, full_name, job_title, email, database_role) VALUES
  ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000010001', 'Dana Whitfield', 'OT security lead', 'dana.whitfield@cru.example', 'dwhitfield'),
  ('00000000-0000-4000-8000-000000000003', '00000000-0000-4000-8000-000000030001', 'Jonas Keller', 'Schutztechniker', 'j.keller@oth.example', NULL);
INSERT INTO person (organization_id, full_name, email) VALUES ('00000000-0000-4000-8000-000000000001', 'No Email', 'not-an-address');
\echo :LAST_ERROR_SQLSTATE
INSERT INTO person (organization_id, full_name, database_role) VALUES ('00000000-0000-4000-8000-000000000001', 'Same login', 'dwhitfield');
\echo :LAST_ERROR_SQLSTATE
INSERT INTO person (organization_id, full_name, email) VALUES ('00000000-0000-4000-8000-000000000001', 'Same mailbox', 'Dana.Whitfield@CRU.example');
\echo :LAST_ERROR_SQLSTATE

-- assets
INSERT INTO asset (organization_id, tag, name, asset_type, vendor, product, version, zone_id, owner_id,
                   criticality, integrity_requirement, availability_requirement, safety_related, ip_address)
VALUES ('00000000-0000-4000-8000-000000000001', 'WTP-PLC-01', 'Filter gallery PLC', 'plc', 'Rockwell Automation',
        'ControlLogix 5580 (1756-L83E)', 'v33.011', '00000000-0000-4000-8000-000000001001',
        '00000000-0000-4000-8000-000000010001', 5, 'high', 'high', true, '10.10.20.11');
SELECT tag, site, zone, zone_exposure, ssvc_system_exposure, criticality_label, owner, lifecycle_label, ip_address
FROM asset_inventory;
-- an asset in another organisation's zone, or owned by another organisation's person
INSERT INTO asset (organization_id, tag, name, asset_type, vendor, product, zone_id)
VALUES ('00000000-0000-4000-8000-000000000001', 'WTP-X', 'Misplaced', 'rtu', 'SEL', 'SEL-3530 RTAC', '00000000-0000-4000-8000-000000003001');
\echo :LAST_ERROR_SQLSTATE
INSERT INTO asset (organization_id, tag, name, asset_type, vendor, product, owner_id)
VALUES ('00000000-0000-4000-8000-000000000001', 'WTP-Y', 'Foreign owner', 'rtu', 'SEL', 'SEL-3530 RTAC', '00000000-0000-4000-8000-000000030001');
\echo :LAST_ERROR_SQLSTATE
-- constraint violations
INSERT INTO asset (organization_id, tag, name, asset_type, vendor, product)
VALUES ('00000000-0000-4000-8000-000000000001', 'WTP-PLC-01', 'Duplicate tag', 'plc', 'Siemens', 'S7-1500');
\echo :LAST_ERROR_SQLSTATE
INSERT INTO asset (organization_id, tag, name, asset_type, vendor, product, criticality)
VALUES ('00000000-0000-4000-8000-000000000001', 'WTP-Z', 'Too critical', 'plc', 'Siemens', 'S7-1500', 6);
\echo :LAST_ERROR_SQLSTATE
INSERT INTO asset (organization_id, tag, name, asset_type, vendor, product, confidentiality_requirement)
VALUES ('00000000-0000-4000-8000-000000000001', 'WTP-Z', 'Odd requirement', 'plc', 'Siemens', 'S7-1500', 'extreme');
\echo :LAST_ERROR_SQLSTATE
INSERT INTO asset (organization_id, tag, name, asset_type, vendor, product, lifecycle_state)
VALUES ('00000000-0000-4000-8000-000000000001', 'WTP-Z', 'Odd state', 'plc', 'Siemens', 'S7-1500', 'retired');
\echo :LAST_ERROR_SQLSTATE
INSERT INTO asset (organization_id, tag, name, asset_type, vendor, product)
VALUES ('00000000-0000-4000-8000-000000000001', ' WTP-Z', 'Padded tag', 'plc', 'Siemens', 'S7-1500');
\echo :LAST_ERROR_SQLSTATE
INSERT INTO asset (organization_id, tag, name, asset_type, vendor, product, version)
VALUES ('00000000-0000-4000-8000-000000000001', 'WTP-Z', 'Blank version', 'plc', 'Siemens', 'S7-1500', '');
\echo :LAST_ERROR_SQLSTATE
INSERT INTO asset (organization_id, tag, name, asset_type, vendor, product, installed_on, end_of_support_on)
VALUES ('00000000-0000-4000-8000-000000000001', 'WTP-Z', 'Support ends before installation', 'plc', 'Siemens', 'S7-1500', '2020-01-01', '2019-12-31');
\echo :LAST_ERROR_SQLSTATE
-- a multi-row statement with one bad row writes nothing
INSERT INTO asset (organization_id, tag, name, asset_type, vendor, product, criticality) VALUES
  ('00000000-0000-4000-8000-000000000001', 'WTP-OK-1', 'Fine', 'hmi', 'Rockwell Automation', 'PanelView Plus 7', 3),
  ('00000000-0000-4000-8000-000000000001', 'WTP-OK-2', 'Not fine', 'hmi', 'Rockwell Automation', 'PanelView Plus 7', 0);
\echo :LAST_ERROR_SQLSTATE
SELECT pg_catalog.count(*) AS assets FROM asset;
-- an organisation with data cannot be deleted out from under it
DELETE FROM organization WHERE code = 'OTH';
\echo :LAST_ERROR_SQLSTATE

-- updated_at follows updates
SELECT created_at = updated_at AS untouched FROM asset WHERE tag = 'WTP-PLC-01';
UPDATE asset SET version = 'v34.011', updated_at = '2000-01-01' WHERE tag = 'WTP-PLC-01';
SELECT updated_at > '2000-01-01' AS touched FROM asset WHERE tag = 'WTP-PLC-01';

SELECT code, roles, is_asset_owner, is_service_provider, sites, zones, conduits, assets, safety_related_assets, people
FROM organization_overview ORDER BY code;
SELECT zone, exposure, assets, max_criticality, conduits FROM zone_overview ORDER BY organization, zone;
SELECT organization, lifecycle_state, assets, share_percent FROM asset_lifecycle_summary ORDER BY organization, lifecycle_state;

RESET search_path;
DROP EXTENSION iec62443p2;
DROP SCHEMA iec62443p2;
