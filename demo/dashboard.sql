-- Text dashboard of the security program, read from the extension's views only (the public API
-- that BI tools read too).  Run after loading the sample program:
--   psql -X -f demo/dashboard.sql
\set QUIET on
\pset footer off
\pset null '-'
\pset border 1
\pset format aligned

\echo
\echo '=================================================================================='
\echo ' IEC 62443 Part 2 security program -- dashboard (iec62443p2)'
\echo '=================================================================================='

\echo
\echo '## Asset owners and service providers'
SELECT o.code,
       o.name,
       o.country AS cc,
       o.roles,
       o.sites,
       o.zones,
       o.conduits,
       o.assets AS "assets in operation",
       o.safety_related_assets AS "safety related",
       o.unsupported_assets AS unsupported,
       o.people
FROM iec62443p2.organization_overview o
WHERE o.is_asset_owner OR o.is_service_provider
ORDER BY o.is_asset_owner DESC, o.assets DESC, o.name
LIMIT 20;

\echo '## Product suppliers'
\pset tuples_only on
SELECT CASE WHEN x.line = 0 THEN pg_catalog.lpad(x.suppliers::text, 3) || ' suppliers: ' ELSE pg_catalog.repeat(' ', 15) END
       || pg_catalog.string_agg(x.name, ', ' ORDER BY x.name)
FROM (SELECT o.name,
             (pg_catalog.row_number() OVER (ORDER BY o.name) - 1) / 6 AS line,
             pg_catalog.count(*) OVER () AS suppliers
      FROM iec62443p2.organization_overview o
      WHERE o.is_product_supplier) x
GROUP BY x.line, x.suppliers
ORDER BY x.line
LIMIT 20;
\pset tuples_only off

\echo '## Sites and their local time now'
SELECT s.organization,
       s.code,
       s.name,
       s.time_zone,
       pg_catalog.to_char(pg_catalog.now() AT TIME ZONE s.time_zone, 'Dy YYYY-MM-DD HH24:MI') AS "local time",
       'UTC' || pg_catalog.to_char(
         pg_catalog.date_part('epoch', (pg_catalog.now() AT TIME ZONE s.time_zone) - (pg_catalog.now() AT TIME ZONE 'UTC')) / 3600,
         'SG00') AS "offset",
       s.zones,
       s.assets AS "assets in operation"
FROM iec62443p2.site_overview s
ORDER BY s.organization, s.code
LIMIT 20;

\echo '## Zones by exposure (assets in operation)'
SELECT z.organization,
       z.exposure_rank AS rank,
       z.exposure,
       pg_catalog.min(z.ssvc_system_exposure) AS ssvc,
       pg_catalog.count(*) AS zones,
       pg_catalog.sum(z.assets) AS assets,
       pg_catalog.sum(z.safety_related_assets) AS "safety related",
       pg_catalog.sum(z.unsupported_assets) AS unsupported,
       pg_catalog.max(z.max_criticality) AS "max criticality",
       pg_catalog.sum(z.conduits) AS "conduit ends"
FROM iec62443p2.zone_overview z
GROUP BY z.organization, z.exposure_rank, z.exposure
ORDER BY z.organization, z.exposure_rank
LIMIT 20;

\echo '## Zones short of their target security level (SL-A below SL-T)'
SELECT organization, zone, exposure, sl_target AS "SL-T", sl_achieved AS "SL-A", sl_gap AS "gap per FR", assets
FROM iec62443p2.zone_overview
WHERE NOT meets_target
ORDER BY organization, exposure_rank, zone
LIMIT 20;

\echo '## Conduits crossing two or more exposure levels'
SELECT c.organization,
       c.exposure_levels_crossed AS crossed,
       c.conduit,
       c.from_exposure || ' -> ' || c.to_exposure AS "from -> to",
       c.protocols
FROM iec62443p2.conduit_overview c
WHERE c.exposure_levels_crossed >= 2
ORDER BY c.exposure_levels_crossed DESC, c.organization, c.conduit
LIMIT 20;

\echo '## Assets by vendor (top 10, in operation)'
SELECT a.vendor,
       pg_catalog.count(*) AS assets,
       CAST(100.0 * pg_catalog.count(*) / pg_catalog.sum(pg_catalog.count(*)) OVER () AS numeric(5,1)) AS "share %",
       pg_catalog.count(DISTINCT a.product) AS products,
       pg_catalog.count(*) FILTER (WHERE NOT a.vendor_supported) AS unsupported,
       pg_catalog.count(*) FILTER (WHERE a.safety_related) AS "safety related",
       pg_catalog.string_agg(DISTINCT a.organization, ', ') AS "used by"
FROM iec62443p2.asset_inventory a
WHERE a.in_operation
GROUP BY a.vendor
ORDER BY assets DESC, a.vendor
LIMIT 10;

\echo '## Assets by lifecycle state'
SELECT l.organization,
       l.lifecycle_label AS "lifecycle state",
       l.vendor_supported AS "vendor supported",
       l.assets,
       l.safety_related_assets AS "safety related",
       l.share_percent AS "share %"
FROM iec62443p2.asset_lifecycle_summary l
ORDER BY l.organization, l.vendor_supported DESC, l.lifecycle_state = 'decommissioned', l.lifecycle_state = 'end_of_life', l.lifecycle_label
LIMIT 20;

\echo '## Look here first: no vendor support, still operating, safety related or criticality >= 4'
SELECT a.tag,
       a.site_code AS site,
       a.zone_exposure AS exposure,
       a.vendor,
       a.product,
       a.version,
       a.lifecycle_label AS lifecycle,
       a.criticality AS crit,
       CASE WHEN a.safety_related THEN 'yes' ELSE '' END AS safety,
       a.end_of_support_on AS "support ended"
FROM iec62443p2.asset_inventory a
WHERE a.in_operation
  AND NOT a.vendor_supported
  AND (a.safety_related OR a.criticality >= 4)
ORDER BY a.criticality DESC, a.safety_related DESC, a.end_of_support_on NULLS LAST, a.tag
LIMIT 15;

\echo '## Assets by type (in operation)'
SELECT a.asset_type_label AS "asset type",
       pg_catalog.count(*) AS assets,
       CAST(pg_catalog.avg(a.criticality) AS numeric(3,1)) AS "avg criticality",
       pg_catalog.count(*) FILTER (WHERE a.safety_related) AS "safety related",
       pg_catalog.count(*) FILTER (WHERE NOT a.vendor_supported) AS unsupported,
       pg_catalog.count(*) FILTER (WHERE a.zone IS NULL) AS "not zoned"
FROM iec62443p2.asset_inventory a
WHERE a.in_operation
GROUP BY a.asset_type_label
ORDER BY assets DESC, a.asset_type_label
LIMIT 20;
