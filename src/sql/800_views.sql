-- Views: the public API read by analysts and BI tools.  Plain views with security_invoker, so
-- row-level security and column privileges of the tables hold through them; a unique id column;
-- no contact details of people.

CREATE VIEW @extschema@.organization_overview WITH (security_invoker = true) AS
SELECT o.id,
       o.code,
       o.name,
       o.country,
       o.sector,
       (SELECT pg_catalog.string_agg(k.label, ', ' ORDER BY k.code)
          FROM @extschema@.organization_role r JOIN @extschema@.organization_role_kind k ON k.code = r.role
         WHERE r.organization_id = o.id) AS roles,
       EXISTS (SELECT 1 FROM @extschema@.organization_role r WHERE r.organization_id = o.id AND r.role = 'asset_owner') AS is_asset_owner,
       EXISTS (SELECT 1 FROM @extschema@.organization_role r WHERE r.organization_id = o.id AND r.role = 'service_provider') AS is_service_provider,
       EXISTS (SELECT 1 FROM @extschema@.organization_role r WHERE r.organization_id = o.id AND r.role = 'product_supplier') AS is_product_supplier,
       (SELECT pg_catalog.count(*) FROM @extschema@.site s WHERE s.organization_id = o.id) AS sites,
       (SELECT pg_catalog.count(*) FROM @extschema@.zone z WHERE z.organization_id = o.id) AS zones,
       (SELECT pg_catalog.count(*) FROM @extschema@.conduit c WHERE c.organization_id = o.id) AS conduits,
       a.assets,
       a.safety_related_assets,
       a.unsupported_assets,
       (SELECT pg_catalog.count(*) FROM @extschema@.person p WHERE p.organization_id = o.id AND p.active) AS people,
       o.created_at
FROM @extschema@.organization o
CROSS JOIN LATERAL (
  SELECT pg_catalog.count(*) AS assets,
         pg_catalog.count(*) FILTER (WHERE x.safety_related) AS safety_related_assets,
         pg_catalog.count(*) FILTER (WHERE NOT l.vendor_supported) AS unsupported_assets
  FROM @extschema@.asset x JOIN @extschema@.lifecycle_state l ON l.code = x.lifecycle_state
  WHERE x.organization_id = o.id AND l.in_operation
) a;
COMMENT ON VIEW @extschema@.organization_overview IS 'One row per organisation: its roles and how much of its program is recorded.';
COMMENT ON COLUMN @extschema@.organization_overview.id IS 'Organisation identifier.';
COMMENT ON COLUMN @extschema@.organization_overview.code IS 'Organisation code.';
COMMENT ON COLUMN @extschema@.organization_overview.name IS 'Organisation name.';
COMMENT ON COLUMN @extschema@.organization_overview.country IS 'ISO 3166-1 alpha-2 country code.';
COMMENT ON COLUMN @extschema@.organization_overview.sector IS 'Industry sector.';
COMMENT ON COLUMN @extschema@.organization_overview.roles IS 'Roles held, comma-separated labels.';
COMMENT ON COLUMN @extschema@.organization_overview.is_asset_owner IS 'Holds the asset owner role.';
COMMENT ON COLUMN @extschema@.organization_overview.is_service_provider IS 'Holds the service provider role.';
COMMENT ON COLUMN @extschema@.organization_overview.is_product_supplier IS 'Holds the product supplier role.';
COMMENT ON COLUMN @extschema@.organization_overview.sites IS 'Number of sites.';
COMMENT ON COLUMN @extschema@.organization_overview.zones IS 'Number of zones.';
COMMENT ON COLUMN @extschema@.organization_overview.conduits IS 'Number of conduits.';
COMMENT ON COLUMN @extschema@.organization_overview.assets IS 'Number of assets in operation (not decommissioned).';
COMMENT ON COLUMN @extschema@.organization_overview.safety_related_assets IS 'Assets in operation that are safety related.';
COMMENT ON COLUMN @extschema@.organization_overview.unsupported_assets IS
  'Assets in operation without vendor support (unsupported or end of life).';
COMMENT ON COLUMN @extschema@.organization_overview.people IS 'Number of active people.';
COMMENT ON COLUMN @extschema@.organization_overview.created_at IS 'When the organisation was recorded.';

CREATE VIEW @extschema@.site_overview WITH (security_invoker = true) AS
SELECT s.id,
       s.organization_id,
       o.name AS organization,
       s.code,
       s.name,
       s.time_zone::text AS time_zone,
       s.country,
       (SELECT pg_catalog.count(*) FROM @extschema@.zone z WHERE z.organization_id = s.organization_id AND z.site_id = s.id) AS zones,
       (SELECT pg_catalog.count(*)
          FROM @extschema@.asset a
          JOIN @extschema@.zone z ON z.organization_id = a.organization_id AND z.id = a.zone_id
          JOIN @extschema@.lifecycle_state l ON l.code = a.lifecycle_state
         WHERE z.organization_id = s.organization_id AND z.site_id = s.id AND l.in_operation) AS assets
FROM @extschema@.site s
JOIN @extschema@.organization o ON o.id = s.organization_id;
COMMENT ON VIEW @extschema@.site_overview IS 'One row per site: its time zone and what it holds.';
COMMENT ON COLUMN @extschema@.site_overview.id IS 'Site identifier.';
COMMENT ON COLUMN @extschema@.site_overview.organization_id IS 'Owning organisation.';
COMMENT ON COLUMN @extschema@.site_overview.organization IS 'Organisation name.';
COMMENT ON COLUMN @extschema@.site_overview.code IS 'Site code.';
COMMENT ON COLUMN @extschema@.site_overview.name IS 'Site name.';
COMMENT ON COLUMN @extschema@.site_overview.time_zone IS 'IANA time zone of the site.';
COMMENT ON COLUMN @extschema@.site_overview.country IS 'ISO 3166-1 alpha-2 country code.';
COMMENT ON COLUMN @extschema@.site_overview.zones IS 'Number of zones at the site.';
COMMENT ON COLUMN @extschema@.site_overview.assets IS 'Assets in operation in the site''s zones.';

CREATE VIEW @extschema@.asset_inventory WITH (security_invoker = true) AS
SELECT a.id,
       a.organization_id,
       o.name AS organization,
       s.code AS site_code,
       s.name AS site,
       s.time_zone::text AS time_zone,
       z.name AS zone,
       z.exposure AS zone_exposure,
       xs.ssvc_system_exposure,
       a.tag,
       a.name,
       a.asset_type,
       t.label AS asset_type_label,
       a.vendor,
       a.product,
       a.version,
       a.serial_number,
       a.criticality,
       c.label AS criticality_label,
       a.confidentiality_requirement,
       a.integrity_requirement,
       a.availability_requirement,
       a.safety_related,
       a.lifecycle_state,
       l.label AS lifecycle_label,
       l.vendor_supported,
       l.in_operation,
       p.full_name AS owner,
       pg_catalog.host(a.ip_address) AS ip_address,
       a.installed_on,
       a.end_of_support_on,
       a.created_at,
       a.updated_at
FROM @extschema@.asset a
JOIN @extschema@.organization o ON o.id = a.organization_id
JOIN @extschema@.asset_type t ON t.code = a.asset_type
JOIN @extschema@.criticality_level c ON c.level = a.criticality
JOIN @extschema@.lifecycle_state l ON l.code = a.lifecycle_state
LEFT JOIN @extschema@.zone z ON z.organization_id = a.organization_id AND z.id = a.zone_id
LEFT JOIN @extschema@.site s ON s.organization_id = z.organization_id AND s.id = z.site_id
LEFT JOIN @extschema@.zone_exposure_setting xs ON xs.organization_id = z.organization_id AND xs.exposure = z.exposure
LEFT JOIN @extschema@.person p ON p.organization_id = a.organization_id AND p.id = a.owner_id;
COMMENT ON VIEW @extschema@.asset_inventory IS 'One row per asset, with its site, zone, owner and lifecycle spelled out.';
COMMENT ON COLUMN @extschema@.asset_inventory.id IS 'Asset identifier.';
COMMENT ON COLUMN @extschema@.asset_inventory.organization_id IS 'Owning organisation.';
COMMENT ON COLUMN @extschema@.asset_inventory.organization IS 'Organisation name.';
COMMENT ON COLUMN @extschema@.asset_inventory.site_code IS 'Code of the site of the asset''s zone.';
COMMENT ON COLUMN @extschema@.asset_inventory.site IS 'Name of the site of the asset''s zone.';
COMMENT ON COLUMN @extschema@.asset_inventory.time_zone IS 'Time zone of that site.';
COMMENT ON COLUMN @extschema@.asset_inventory.zone IS 'Zone name; NULL while not zoned.';
COMMENT ON COLUMN @extschema@.asset_inventory.zone_exposure IS 'Exposure class of the zone.';
COMMENT ON COLUMN @extschema@.asset_inventory.ssvc_system_exposure IS 'SSVC system exposure from the organisation''s mapping.';
COMMENT ON COLUMN @extschema@.asset_inventory.tag IS 'Asset tag.';
COMMENT ON COLUMN @extschema@.asset_inventory.name IS 'Asset name.';
COMMENT ON COLUMN @extschema@.asset_inventory.asset_type IS 'Asset type code.';
COMMENT ON COLUMN @extschema@.asset_inventory.asset_type_label IS 'Asset type name.';
COMMENT ON COLUMN @extschema@.asset_inventory.vendor IS 'Vendor as written in the inventory.';
COMMENT ON COLUMN @extschema@.asset_inventory.product IS 'Product as written in the inventory.';
COMMENT ON COLUMN @extschema@.asset_inventory.version IS 'Firmware or software version as the vendor writes it.';
COMMENT ON COLUMN @extschema@.asset_inventory.serial_number IS 'Serial number.';
COMMENT ON COLUMN @extschema@.asset_inventory.criticality IS 'Criticality 1..5.';
COMMENT ON COLUMN @extschema@.asset_inventory.criticality_label IS 'Criticality name.';
COMMENT ON COLUMN @extschema@.asset_inventory.confidentiality_requirement IS 'Confidentiality requirement (low, medium, high).';
COMMENT ON COLUMN @extschema@.asset_inventory.integrity_requirement IS 'Integrity requirement (low, medium, high).';
COMMENT ON COLUMN @extschema@.asset_inventory.availability_requirement IS 'Availability requirement (low, medium, high).';
COMMENT ON COLUMN @extschema@.asset_inventory.safety_related IS 'Whether a compromise can affect safety functions.';
COMMENT ON COLUMN @extschema@.asset_inventory.lifecycle_state IS 'Lifecycle state code.';
COMMENT ON COLUMN @extschema@.asset_inventory.lifecycle_label IS 'Lifecycle state name.';
COMMENT ON COLUMN @extschema@.asset_inventory.vendor_supported IS 'Whether the vendor still ships fixes in this state.';
COMMENT ON COLUMN @extschema@.asset_inventory.in_operation IS 'Whether the asset is part of the running IACS.';
COMMENT ON COLUMN @extschema@.asset_inventory.owner IS 'Name of the accountable person (no contact details).';
COMMENT ON COLUMN @extschema@.asset_inventory.ip_address IS 'Primary IP address as text.';
COMMENT ON COLUMN @extschema@.asset_inventory.installed_on IS 'Date put into service.';
COMMENT ON COLUMN @extschema@.asset_inventory.end_of_support_on IS 'Date the vendor ends support.';
COMMENT ON COLUMN @extschema@.asset_inventory.created_at IS 'When the asset was recorded.';
COMMENT ON COLUMN @extschema@.asset_inventory.updated_at IS 'When the asset was last updated.';

CREATE VIEW @extschema@.zone_overview WITH (security_invoker = true) AS
SELECT z.id,
       z.organization_id,
       o.name AS organization,
       s.name AS site,
       z.name AS zone,
       z.exposure,
       e.rank AS exposure_rank,
       xs.ssvc_system_exposure,
       z.sl_target::text AS sl_target,
       z.sl_achieved::text AS sl_achieved,
       @extschema@.sl_meets(z.sl_achieved, z.sl_target) AS meets_target,
       @extschema@.sl_gap(z.sl_achieved, z.sl_target)::text AS sl_gap,
       a.assets,
       a.safety_related_assets,
       a.unsupported_assets,
       a.max_criticality,
       (SELECT pg_catalog.count(*) FROM @extschema@.conduit c
         WHERE c.organization_id = z.organization_id AND z.id IN (c.from_zone_id, c.to_zone_id)) AS conduits
FROM @extschema@.zone z
JOIN @extschema@.organization o ON o.id = z.organization_id
JOIN @extschema@.zone_exposure e ON e.code = z.exposure
LEFT JOIN @extschema@.site s ON s.organization_id = z.organization_id AND s.id = z.site_id
LEFT JOIN @extschema@.zone_exposure_setting xs ON xs.organization_id = z.organization_id AND xs.exposure = z.exposure
CROSS JOIN LATERAL (
  SELECT pg_catalog.count(*) AS assets,
         pg_catalog.count(*) FILTER (WHERE x.safety_related) AS safety_related_assets,
         pg_catalog.count(*) FILTER (WHERE NOT l.vendor_supported) AS unsupported_assets,
         pg_catalog.max(x.criticality) AS max_criticality
  FROM @extschema@.asset x JOIN @extschema@.lifecycle_state l ON l.code = x.lifecycle_state
  WHERE x.organization_id = z.organization_id AND x.zone_id = z.id AND l.in_operation
) a;
COMMENT ON VIEW @extschema@.zone_overview IS 'One row per zone: exposure, assets in operation, criticality and conduits.';
COMMENT ON COLUMN @extschema@.zone_overview.id IS 'Zone identifier.';
COMMENT ON COLUMN @extschema@.zone_overview.organization_id IS 'Owning organisation.';
COMMENT ON COLUMN @extschema@.zone_overview.organization IS 'Organisation name.';
COMMENT ON COLUMN @extschema@.zone_overview.site IS 'Site name; NULL for a zone spanning sites.';
COMMENT ON COLUMN @extschema@.zone_overview.zone IS 'Zone name.';
COMMENT ON COLUMN @extschema@.zone_overview.exposure IS 'Exposure class code.';
COMMENT ON COLUMN @extschema@.zone_overview.exposure_rank IS 'Exposure order: higher is more exposed.';
COMMENT ON COLUMN @extschema@.zone_overview.ssvc_system_exposure IS 'SSVC system exposure from the organisation''s mapping.';
COMMENT ON COLUMN @extschema@.zone_overview.sl_target IS 'Target security level vector SL-T, FR1..FR7, as text {IAC,UC,SI,DC,RDF,TRE,RA}.';
COMMENT ON COLUMN @extschema@.zone_overview.sl_achieved IS 'Achieved security level vector SL-A, as text.';
COMMENT ON COLUMN @extschema@.zone_overview.meets_target IS 'SL-A reaches SL-T on every FR; NULL while either is unknown.';
COMMENT ON COLUMN @extschema@.zone_overview.sl_gap IS 'Per-FR shortfall of SL-A below SL-T, as text (0 where met).';
COMMENT ON COLUMN @extschema@.zone_overview.assets IS 'Assets in operation in the zone.';
COMMENT ON COLUMN @extschema@.zone_overview.safety_related_assets IS 'Of those, safety related.';
COMMENT ON COLUMN @extschema@.zone_overview.unsupported_assets IS 'Of those, without vendor support.';
COMMENT ON COLUMN @extschema@.zone_overview.max_criticality IS 'Highest criticality among them; NULL for an empty zone.';
COMMENT ON COLUMN @extschema@.zone_overview.conduits IS 'Conduits with the zone at either end.';

CREATE VIEW @extschema@.conduit_overview WITH (security_invoker = true) AS
SELECT c.id,
       c.organization_id,
       o.name AS organization,
       c.name AS conduit,
       fz.name AS from_zone,
       fz.exposure AS from_exposure,
       tz.name AS to_zone,
       tz.exposure AS to_exposure,
       pg_catalog.abs(fe.rank - te.rank) AS exposure_levels_crossed,
       c.sl_target::text AS sl_target,
       c.sl_achieved::text AS sl_achieved,
       @extschema@.sl_meets(c.sl_achieved, c.sl_target) AS meets_target,
       pg_catalog.array_to_string(c.protocols, ', ') AS protocols,
       c.description
FROM @extschema@.conduit c
JOIN @extschema@.organization o ON o.id = c.organization_id
JOIN @extschema@.zone fz ON fz.organization_id = c.organization_id AND fz.id = c.from_zone_id
JOIN @extschema@.zone tz ON tz.organization_id = c.organization_id AND tz.id = c.to_zone_id
JOIN @extschema@.zone_exposure fe ON fe.code = fz.exposure
JOIN @extschema@.zone_exposure te ON te.code = tz.exposure;
COMMENT ON VIEW @extschema@.conduit_overview IS 'One row per conduit: the zones it joins and how many exposure levels it crosses.';
COMMENT ON COLUMN @extschema@.conduit_overview.id IS 'Conduit identifier.';
COMMENT ON COLUMN @extschema@.conduit_overview.organization_id IS 'Owning organisation.';
COMMENT ON COLUMN @extschema@.conduit_overview.organization IS 'Organisation name.';
COMMENT ON COLUMN @extschema@.conduit_overview.conduit IS 'Conduit name.';
COMMENT ON COLUMN @extschema@.conduit_overview.from_zone IS 'Zone at one end.';
COMMENT ON COLUMN @extschema@.conduit_overview.from_exposure IS 'Exposure class of that zone.';
COMMENT ON COLUMN @extschema@.conduit_overview.to_zone IS 'Zone at the other end.';
COMMENT ON COLUMN @extschema@.conduit_overview.to_exposure IS 'Exposure class of that zone.';
COMMENT ON COLUMN @extschema@.conduit_overview.exposure_levels_crossed IS
  'Difference of the two zones'' exposure ranks: a conduit crossing several levels (control to enterprise) deserves a look.';
COMMENT ON COLUMN @extschema@.conduit_overview.sl_target IS 'Target security level vector SL-T of the conduit, as text.';
COMMENT ON COLUMN @extschema@.conduit_overview.sl_achieved IS 'Achieved security level vector SL-A of the conduit, as text.';
COMMENT ON COLUMN @extschema@.conduit_overview.meets_target IS 'SL-A reaches SL-T on every FR; NULL while either is unknown.';
COMMENT ON COLUMN @extschema@.conduit_overview.protocols IS 'Allowed protocols, comma-separated.';
COMMENT ON COLUMN @extschema@.conduit_overview.description IS 'How the conduit is built and protected.';

CREATE VIEW @extschema@.asset_lifecycle_summary WITH (security_invoker = true) AS
SELECT o.id::text || '/' || l.code AS id,
       o.id AS organization_id,
       o.name AS organization,
       l.code AS lifecycle_state,
       l.label AS lifecycle_label,
       l.vendor_supported,
       pg_catalog.count(a.id) AS assets,
       pg_catalog.count(a.id) FILTER (WHERE a.safety_related) AS safety_related_assets,
       CAST(100.0 * pg_catalog.count(a.id)
            / nullif(pg_catalog.sum(pg_catalog.count(a.id)) OVER (PARTITION BY o.id), 0) AS numeric(5,2)) AS share_percent
FROM @extschema@.organization o
CROSS JOIN @extschema@.lifecycle_state l
LEFT JOIN @extschema@.asset a ON a.organization_id = o.id AND a.lifecycle_state = l.code
WHERE EXISTS (SELECT 1 FROM @extschema@.organization_role r WHERE r.organization_id = o.id AND r.role = 'asset_owner')
GROUP BY o.id, o.name, l.code, l.label, l.vendor_supported, l.rank;
COMMENT ON VIEW @extschema@.asset_lifecycle_summary IS
  'Assets per asset owner and lifecycle state (every state listed, zero included), with each state''s share.';
COMMENT ON COLUMN @extschema@.asset_lifecycle_summary.id IS 'Organisation identifier and state code, joined by a slash.';
COMMENT ON COLUMN @extschema@.asset_lifecycle_summary.organization_id IS 'Organisation identifier.';
COMMENT ON COLUMN @extschema@.asset_lifecycle_summary.organization IS 'Organisation name.';
COMMENT ON COLUMN @extschema@.asset_lifecycle_summary.lifecycle_state IS 'Lifecycle state code.';
COMMENT ON COLUMN @extschema@.asset_lifecycle_summary.lifecycle_label IS 'Lifecycle state name.';
COMMENT ON COLUMN @extschema@.asset_lifecycle_summary.vendor_supported IS 'Whether the vendor still ships fixes in this state.';
COMMENT ON COLUMN @extschema@.asset_lifecycle_summary.assets IS 'Assets in this state.';
COMMENT ON COLUMN @extschema@.asset_lifecycle_summary.safety_related_assets IS 'Of those, safety related.';
COMMENT ON COLUMN @extschema@.asset_lifecycle_summary.share_percent IS 'Share of the organisation''s assets, in percent.';
