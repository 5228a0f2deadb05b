-- Zones and their security levels (issue 5, "Views"): one row per zone, SL-T and SL-A side by side
-- with whether the zone meets its target, on which FRs it falls short and by how much.
-- zone_security_level_gap gives the same per FR.

CREATE VIEW @extschema@.zone_security_levels WITH (security_invoker = true) AS
SELECT z.id,
       z.organization_id,
       o.code AS organization_code,
       s.code AS site_code,
       z.name AS zone,
       z.exposure,
       z.sl_target::text AS sl_target,
       z.sl_achieved::text AS sl_achieved,
       @extschema@.sl_gap(z.sl_achieved, z.sl_target)::text AS sl_gap,
       @extschema@.sl_meets(z.sl_achieved, z.sl_target) AS meets_target,
       g.frs_short,
       g.short_on,
       g.max_shortfall,
       g.total_shortfall,
       (SELECT pg_catalog.count(*) FROM @extschema@.asset a
        WHERE a.organization_id = z.organization_id AND a.zone_id = z.id) AS assets
FROM @extschema@.zone z
JOIN @extschema@.organization o ON o.id = z.organization_id
LEFT JOIN @extschema@.site s ON s.organization_id = z.organization_id AND s.id = z.site_id
LEFT JOIN LATERAL (
  SELECT pg_catalog.count(*) FILTER (WHERE x.shortfall > 0) AS frs_short,
         pg_catalog.string_agg(x.fr || ':' || x.shortfall, ', ' ORDER BY x.n) FILTER (WHERE x.shortfall > 0) AS short_on,
         pg_catalog.max(x.shortfall) AS max_shortfall,
         pg_catalog.sum(x.shortfall) AS total_shortfall
  FROM ROWS FROM (pg_catalog.unnest(@extschema@.sl_levels(@extschema@.sl_gap(z.sl_achieved, z.sl_target))),
                  pg_catalog.unnest(ARRAY['IAC', 'UC', 'SI', 'DC', 'RDF', 'TRE', 'RA'])) WITH ORDINALITY AS x(shortfall, fr, n)
) g ON z.sl_target IS NOT NULL AND z.sl_achieved IS NOT NULL;
COMMENT ON VIEW @extschema@.zone_security_levels IS
  'One row per zone: SL-T and SL-A (IEC 62443-3-3 FR1..FR7) as text, the per-FR shortfall, whether the zone meets its '
  'target and on which FRs it falls short by how much (zone_security_level_gap gives one row per FR).';
COMMENT ON COLUMN @extschema@.zone_security_levels.id IS 'Zone identifier.';
COMMENT ON COLUMN @extschema@.zone_security_levels.organization_id IS 'Owning organisation.';
COMMENT ON COLUMN @extschema@.zone_security_levels.organization_code IS 'Organisation code.';
COMMENT ON COLUMN @extschema@.zone_security_levels.site_code IS 'Site of the zone; NULL for a zone spanning sites.';
COMMENT ON COLUMN @extschema@.zone_security_levels.zone IS 'Zone name.';
COMMENT ON COLUMN @extschema@.zone_security_levels.exposure IS 'Zone exposure class.';
COMMENT ON COLUMN @extschema@.zone_security_levels.sl_target IS 'SL-T as text, {FR1,..,FR7}; NULL until set.';
COMMENT ON COLUMN @extschema@.zone_security_levels.sl_achieved IS 'SL-A as text; NULL until assessed.';
COMMENT ON COLUMN @extschema@.zone_security_levels.sl_gap IS 'Per-FR shortfall of SL-A against SL-T (sl_gap), 0 where met; NULL when either is missing.';
COMMENT ON COLUMN @extschema@.zone_security_levels.meets_target IS 'SL-A >= SL-T on every FR (sl_meets); NULL when either is missing.';
COMMENT ON COLUMN @extschema@.zone_security_levels.frs_short IS 'Number of FRs on which the zone falls short.';
COMMENT ON COLUMN @extschema@.zone_security_levels.short_on IS 'The FRs short and by how much, e.g. SI:1, TRE:2.';
COMMENT ON COLUMN @extschema@.zone_security_levels.max_shortfall IS 'The largest shortfall on one FR.';
COMMENT ON COLUMN @extschema@.zone_security_levels.total_shortfall IS 'The shortfalls of every FR added up.';
COMMENT ON COLUMN @extschema@.zone_security_levels.assets IS 'Assets in the zone.';

INSERT INTO @extschema@.object_access_class (object_name, object_class) VALUES ('zone_security_levels', 'view');
