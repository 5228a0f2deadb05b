-- Sample program: dependencies between the utility's assets, so criticality is inherited along
-- them (asset_effective_criticality): engineering workstations program the controllers of their
-- site, switches and firewalls carry the traffic of the controllers in their zone, historians feed
-- the SCADA servers of their site.
--
-- Deterministic (ids from md5 of fixed text), one transaction, every name schema-qualified.
-- Load after demo/10_organizations_and_assets.sql.

\set ON_ERROR_STOP on
BEGIN;

INSERT INTO iec62443p2.asset_dependency (organization_id, id, supporting_asset_id, supported_asset_id, kind, description)
SELECT s.organization_id,
       pg_catalog.md5('iec62443p2-demo/dependency/' || o.code || '/' || s.tag || '/' || t.tag)::uuid,
       s.id, t.id, r.kind, r.description
FROM (VALUES
  ('engineering_workstation', '{plc,dcs_controller,safety_controller,rtu,ied}', 'site', 'engineering',
   'Programs and configures the controller (project files, firmware downloads).'),
  ('network_switch', '{plc,dcs_controller,safety_controller,rtu,ied}', 'zone', 'network',
   'Carries the controller''s traffic in its zone.'),
  ('firewall', '{scada_server,historian}', 'site', 'security',
   'Protects the server''s zone boundary.'),
  ('historian', '{scada_server}', 'site', 'data',
   'Feeds process history to the SCADA server.')
) AS r (supporting_type, supported_types, scope, kind, description)
JOIN iec62443p2.asset s ON s.asset_type = r.supporting_type
JOIN iec62443p2.organization o ON o.id = s.organization_id
JOIN iec62443p2.zone sz ON sz.organization_id = s.organization_id AND sz.id = s.zone_id
JOIN iec62443p2.lifecycle_state sl ON sl.code = s.lifecycle_state AND sl.in_operation
JOIN iec62443p2.asset t ON t.organization_id = s.organization_id AND t.asset_type = ANY (r.supported_types::text[])
JOIN iec62443p2.zone tz ON tz.organization_id = t.organization_id AND tz.id = t.zone_id
JOIN iec62443p2.lifecycle_state tl ON tl.code = t.lifecycle_state AND tl.in_operation
WHERE o.code IN ('CRU', 'SWR')
  AND CASE r.scope WHEN 'zone' THEN tz.id = sz.id ELSE tz.site_id = sz.site_id END
ORDER BY 1, 2;

COMMIT;
