-- Benchmark: the patch queue at the scale of the seed's utility case (issue 5): one organisation,
-- 6 sites of 5 zones each (safety, control, supervisory, DMZ, internet-facing remote access),
-- 15,000 assets over 300 products (the vulnerability_match generator: names respelled, 40% through
-- an alias) with criticality, C/I/A requirements, safety relevance and lifecycle states; engineering
-- workstations supporting PLCs and switches supporting workstations (criticality inherited along
-- two levels); 20,000 vulnerabilities with CVSS v3.1 vectors drawn metric by metric, EPSS with its
-- percentile and date, 2% in KEV with their dates; findings detected over the last 18 months, 15%
-- of the assets upgraded out of every range month by month (remediations), exceptions on legacy
-- assets, 4,000 patches and the deployments of 100 of them.
-- Timed: (a) building every match (refresh_asset_vulnerabilities); (b) reading the whole queue
-- (count and sum of priority) and what a BI tool reads (the first 10,000 rows by queue_rank);
-- (c) the same queue written naively: applicability computed on the fly (every asset x every
-- affected product, names normalised inline, vers_contains on each pair) and every score through
-- the per-row functions (effective criticality, exception_covers, remediation_due_on, ...), on a
-- sample of assets and scaled up; (d) the floor: the same rows of asset_vulnerability joined to
-- asset and vulnerability with a trivial built-in instead of the scoring; (e) the other views a BI
-- tool reads at that scale: vulnerability_finding, patch_kpis, patch_kpis_monthly (LIMIT 10000).
-- Run by `make bench` (scripts/bench.sh) on a throwaway cluster.
\set ON_ERROR_STOP on
SET max_parallel_workers_per_gather = 0;
SET jit = off;
SET search_path = iec62443p2, public;
SET client_min_messages = warning;
SET timezone = 'UTC';

INSERT INTO organization (id, code, name) VALUES ('00000000-0000-4000-8000-00000000be05', 'BENCH', 'Bench Utility');
SELECT setseed(0.5);
INSERT INTO person (organization_id, id, full_name) VALUES
  ('00000000-0000-4000-8000-00000000be05', '00000000-0000-4000-8000-0000000000f1', 'Requester'),
  ('00000000-0000-4000-8000-00000000be05', '00000000-0000-4000-8000-0000000000f2', 'Approver');
INSERT INTO site (organization_id, code, name, time_zone)
SELECT '00000000-0000-4000-8000-00000000be05', 'S' || s, 'Site ' || s, 'America/Los_Angeles' FROM generate_series(0, 5) s;
INSERT INTO zone (organization_id, site_id, name, exposure)
SELECT st.organization_id, st.id, st.code || ' ' || e.code, e.code
FROM site st CROSS JOIN (VALUES ('safety'), ('control'), ('supervisory'), ('dmz'), ('internet_facing')) e(code);
INSERT INTO product (organization_id, vendor, name)
SELECT '00000000-0000-4000-8000-00000000be05', 'Vendor ' || (g % 40), 'Product ' || g FROM generate_series(1, 300) g;
INSERT INTO product_alias (organization_id, product_id, vendor, name)
SELECT p.organization_id, p.id, p.vendor || ' Inc', p.name || ' alias ' || k FROM product p, generate_series(1, 2) k;

-- the inventory (the vulnerability_match generator): names respelled (case, spaces), versions
-- a.b.c (3% unparsable, 2% unknown); asset type by number, its zone by type, site by number
INSERT INTO asset (organization_id, tag, name, asset_type, vendor, product, version, zone_id, criticality,
                   confidentiality_requirement, integrity_requirement, availability_requirement, safety_related, lifecycle_state)
SELECT '00000000-0000-4000-8000-00000000be05', 'A-' || g, 'asset ' || g, t.asset_type,
       CASE WHEN r.alias THEN upper(p.vendor) || ' Inc' ELSE lower(p.vendor) END,
       CASE WHEN r.alias THEN p.name || '  ALIAS 1' ELSE replace(p.name, ' ', '  ') END,
       CASE WHEN r.v < 0.02 THEN NULL
            WHEN r.v < 0.05 THEN (1 + floor(random() * 5)::int) || '.' || floor(random() * 10)::int || ' SP1'
            ELSE (1 + floor(random() * 5)::int) || '.' || floor(random() * 10)::int || '.' || floor(random() * 10)::int END,
       (SELECT z.id FROM zone z JOIN site st ON st.organization_id = z.organization_id AND st.id = z.site_id
        WHERE st.code = 'S' || (g % 6) AND z.exposure = t.exposure),
       CASE t.asset_type WHEN 'safety_controller' THEN 5 WHEN 'engineering_workstation' THEN 2 WHEN 'network_switch' THEN 2
            ELSE 1 + floor(random() * 5)::int END,
       (ARRAY['low', 'medium', 'medium', 'high'])[1 + floor(random() * 4)::int],
       (ARRAY['medium', 'high', 'high', 'high'])[1 + floor(random() * 4)::int],
       (ARRAY['low', 'medium', 'high', 'high'])[1 + floor(random() * 4)::int],
       t.asset_type = 'safety_controller' OR (t.asset_type = 'plc' AND r.s < 0.05),
       CASE WHEN r.l < 0.88 THEN 'in_service' WHEN r.l < 0.94 THEN 'legacy' WHEN r.l < 0.97 THEN 'unsupported'
            WHEN r.l < 0.98 THEN 'end_of_life' ELSE 'decommissioned' END
FROM generate_series(1, 15000) g
CROSS JOIN LATERAL (SELECT random() < 0.4 AS alias, random() AS v, random() AS s, random() AS l,
                           1 + floor(random() * 300)::int + g * 0 AS k) r
CROSS JOIN LATERAL (SELECT CASE WHEN g % 100 < 5 THEN 'engineering_workstation' WHEN g % 100 < 10 THEN 'hmi'
                                WHEN g % 100 < 13 THEN 'safety_controller' WHEN g % 100 < 14 THEN 'historian'
                                WHEN g % 100 < 15 THEN 'gateway' WHEN g % 100 < 20 THEN 'network_switch'
                                ELSE 'plc' END AS asset_type) t0
CROSS JOIN LATERAL (SELECT t0.asset_type,
                           CASE t0.asset_type WHEN 'safety_controller' THEN 'safety' WHEN 'engineering_workstation' THEN 'supervisory'
                                WHEN 'hmi' THEN 'supervisory' WHEN 'historian' THEN 'dmz' WHEN 'gateway' THEN 'internet_facing'
                                ELSE 'control' END AS exposure) t
JOIN product p ON p.name = 'Product ' || r.k;
-- each engineering workstation programs 10 PLCs of its site; each switch connects 2 workstations
CREATE TEMP TABLE bench_kind AS
SELECT a.id, a.asset_type, (substr(a.tag, 3)::int % 6) AS site_no,
       row_number() OVER (PARTITION BY a.asset_type, substr(a.tag, 3)::int % 6 ORDER BY substr(a.tag, 3)::int) - 1 AS n
FROM asset a WHERE a.asset_type IN ('engineering_workstation', 'plc', 'network_switch');
INSERT INTO asset_dependency (organization_id, supporting_asset_id, supported_asset_id, kind)
SELECT '00000000-0000-4000-8000-00000000be05', s.id, t.id, CASE s.asset_type WHEN 'network_switch' THEN 'network' ELSE 'engineering' END
FROM bench_kind s
CROSS JOIN LATERAL generate_series(0, CASE s.asset_type WHEN 'network_switch' THEN 1 ELSE 9 END) k
JOIN bench_kind t ON t.site_no = s.site_no
 AND t.asset_type = CASE s.asset_type WHEN 'network_switch' THEN 'engineering_workstation' ELSE 'plc' END
 AND t.n = CASE s.asset_type WHEN 'network_switch' THEN (s.n * 2 + k) % 125 ELSE s.n * 10 + k END
WHERE s.asset_type IN ('engineering_workstation', 'network_switch');

-- vulnerabilities: CVSS v3.1 vectors drawn metric by metric (network-reachable, low-complexity flaws
-- the most frequent), EPSS skewed low with its percentile, 2% in KEV (higher EPSS, due 21 days after)
INSERT INTO vulnerability (organization_id, cve_id, title, cvss, published_on, epss, epss_percentile, epss_on, kev, kev_added_on, kev_due_on)
SELECT '00000000-0000-4000-8000-00000000be05',
       'CVE-' || extract(year FROM x.published_on) || '-' || (10000 + x.g), 'flaw ' || x.g, x.cvss::cvss, x.published_on,
       x.epss, round(percent_rank() OVER (ORDER BY x.epss)::numeric, 5), current_date - 1,
       x.kev, CASE WHEN x.kev THEN least(x.published_on + 10, current_date - 1) END,
       CASE WHEN x.kev THEN least(x.published_on + 10, current_date - 1) + 21 END
FROM (SELECT g, current_date - floor(random() ^ 1.5 * 1500)::int AS published_on, r.kev,
             round((CASE WHEN r.kev THEN 0.3 + 0.67 * random() ELSE random() ^ 6 * 0.9 END)::numeric, 5) AS epss,
             'CVSS:3.1/AV:' || (ARRAY['N', 'N', 'N', 'A', 'A', 'L', 'L', 'P'])[1 + floor(random() * 8)::int]
             || '/AC:' || (ARRAY['L', 'L', 'L', 'H'])[1 + floor(random() * 4)::int]
             || '/PR:' || (ARRAY['N', 'N', 'L', 'H'])[1 + floor(random() * 4)::int]
             || '/UI:' || (ARRAY['N', 'N', 'R'])[1 + floor(random() * 3)::int]
             || '/S:' || (ARRAY['U', 'U', 'U', 'C'])[1 + floor(random() * 4)::int]
             || '/C:' || (ARRAY['H', 'H', 'L', 'N'])[1 + floor(random() * 4)::int]
             || '/I:' || (ARRAY['H', 'H', 'L', 'N'])[1 + floor(random() * 4)::int]
             || '/A:' || (ARRAY['H', 'H', 'L', 'N'])[1 + floor(random() * 4)::int] AS cvss
      FROM generate_series(1, 20000) g CROSS JOIN LATERAL (SELECT random() < 0.02 + g * 0 AS kev) r) x;
-- each vulnerability: one or two products, a range within one major version (vulnerability_match's)
CREATE TEMP TABLE bench_vap AS
SELECT DISTINCT ON (v.id, p.id) v.organization_id, v.id AS vulnerability_id, p.id AS product_id,
       ('vers:intdot/>=' || s.major || '.0|<' || s.major || '.' || s.minor || '.0')::vers_range AS affected_range
FROM vulnerability v
CROSS JOIN LATERAL generate_series(1, 1 + (random() < 0.5)::int + length(v.cve_id) * 0) n
CROSS JOIN LATERAL (SELECT 1 + floor(random() * 300)::int + n * 0 AS k, 1 + floor(random() * 5)::int AS major,
                           1 + floor(random() * 9)::int AS minor) s
JOIN product p ON p.name = 'Product ' || s.k
ORDER BY v.id, p.id;
-- loaded with triggers off, as a restore or bulk load would
SET session_replication_role = replica;
INSERT INTO vulnerability_affected_product (organization_id, vulnerability_id, product_id, affected_range)
SELECT organization_id, vulnerability_id, product_id, affected_range FROM bench_vap;
RESET session_replication_role;
ANALYZE;

-- (a) every match from nothing
CREATE TEMP TABLE result (what text, ms numeric(12,1));
CREATE FUNCTION pg_temp.refresh_ms() RETURNS numeric LANGUAGE plpgsql AS $$
DECLARE t0 timestamptz := clock_timestamp();
BEGIN
  PERFORM iec62443p2.refresh_asset_vulnerabilities('00000000-0000-4000-8000-00000000be05');
  RETURN (extract(epoch FROM clock_timestamp() - t0) * 1000)::numeric(12,1);
END $$;
INSERT INTO result SELECT 'refresh_asset_vulnerabilities: every match from nothing (written)', pg_temp.refresh_ms();

-- history: findings detected since publication over the last 18 months; 15% of the assets in
-- operation are upgraded out of every range (version 6.0.0) in monthly batches (remediations)
CREATE TEMP TABLE bench_fate AS
SELECT a.id, CASE WHEN random() < 0.15 THEN now() - (1 + floor(random() * 12)::int) * interval '30 days' END AS upgraded_at
FROM asset a ORDER BY a.tag;
SET session_replication_role = replica;
UPDATE asset_vulnerability av
SET detected_at = CASE WHEN f.upgraded_at IS NULL THEN d.since + random() * (now() - interval '1 day' - d.since)
                       ELSE least(d.since, f.upgraded_at - interval '2 days') + random() * (f.upgraded_at - interval '1 day' - least(d.since, f.upgraded_at - interval '2 days')) END
FROM bench_fate f, vulnerability v,
     LATERAL (SELECT greatest(v.published_on::timestamptz, now() - interval '540 days') AS since) d
WHERE f.id = av.asset_id AND v.organization_id = av.organization_id AND v.id = av.vulnerability_id;
RESET session_replication_role;
DO $$
DECLARE b record;
BEGIN
  FOR b IN SELECT upgraded_at, array_agg(id) AS ids FROM bench_fate WHERE upgraded_at IS NOT NULL GROUP BY 1 ORDER BY 1 LOOP
    PERFORM set_config('iec62443p2.changed_at', b.upgraded_at::text, false);
    UPDATE iec62443p2.asset SET version = '6.0.0'
    WHERE organization_id = '00000000-0000-4000-8000-00000000be05' AND id = ANY (b.ids);
  END LOOP;
  PERFORM set_config('iec62443p2.changed_at', '', false);
END $$;
-- exceptions: requested for 300 legacy or unsupported assets with findings (every vulnerability
-- on the asset, or one), two in three approved for 60 days, the rest rejected
SELECT set_config('iec62443p2.changed_at', (now() - interval '20 days')::text, false) IS NOT NULL AS backdated;
INSERT INTO vulnerability_exception (organization_id, code, asset_id, vulnerability_id, reason, compensating_controls, requested_by)
SELECT x.organization_id, 'EX-' || row_number() OVER (ORDER BY x.tag), x.id,
       CASE WHEN x.k % 4 = 0 THEN x.vulnerability_id END,
       'no vendor patch for a ' || x.lifecycle_state || ' asset', 'isolated VLAN, remote access disabled',
       '00000000-0000-4000-8000-0000000000f1'
FROM (SELECT DISTINCT ON (a.id) a.organization_id, a.id, a.tag, a.lifecycle_state, av.vulnerability_id,
             substr(a.tag, 3)::int AS k
      FROM asset a JOIN asset_vulnerability av ON av.organization_id = a.organization_id AND av.asset_id = a.id
      WHERE a.lifecycle_state IN ('legacy', 'unsupported') AND av.resolved_at IS NULL AND av.applicability = 'affected'
      ORDER BY a.id, av.vulnerability_id) x
ORDER BY x.tag LIMIT 300;
SELECT set_config('iec62443p2.changed_at', (now() - interval '15 days')::text, false) IS NOT NULL AS backdated;
UPDATE vulnerability_exception SET status = CASE WHEN substr(code, 4)::int % 3 = 0 THEN 'rejected' ELSE 'approved' END,
       decided_by = '00000000-0000-4000-8000-0000000000f2',
       expires_on = CASE WHEN substr(code, 4)::int % 3 <> 0 THEN current_date + 45 END;
RESET iec62443p2.changed_at;
-- patches: 4,000, each fixing two vulnerabilities; the first 100 identified on their assets and assessed
INSERT INTO patch (organization_id, code, title, vendor, installs_version, released_on, vendor_qualification)
SELECT '00000000-0000-4000-8000-00000000be05', 'P-' || k, 'patch ' || k, 'Vendor ' || (k % 40), '6.0.0',
       current_date - (k % 400), (ARRAY['qualified', 'not_qualified', 'not_tested'])[1 + k % 3]
FROM generate_series(1, 4000) k;
INSERT INTO patch_vulnerability (organization_id, patch_id, vulnerability_id)
SELECT p.organization_id, p.id, v.id
FROM patch p JOIN vulnerability v ON v.title IN ('flaw ' || (2 * substr(p.code, 3)::int - 1), 'flaw ' || (2 * substr(p.code, 3)::int));
SELECT sum(patch_identify_deployments(p.organization_id, p.id)) AS deployments_identified
FROM patch p WHERE substr(p.code, 3)::int <= 100;
INSERT INTO patch_deployment_transition (organization_id, deployment_id, to_state, note)
SELECT organization_id, id, 'assessed', 'triage' FROM patch_deployment;
ANALYZE;

\pset footer off
SELECT (SELECT count(*) FROM asset) AS assets, (SELECT count(*) FROM asset_dependency) AS dependencies,
       (SELECT count(*) FROM vulnerability) AS vulnerabilities, (SELECT count(*) FILTER (WHERE kev) FROM vulnerability) AS kev,
       (SELECT count(*) FROM vulnerability_affected_product) AS affected_products,
       (SELECT count(*) FROM asset_vulnerability) AS findings,
       (SELECT count(*) FROM asset_vulnerability WHERE resolved_at IS NOT NULL) AS resolved,
       (SELECT count(*) FROM vulnerability_exception) AS exceptions, (SELECT count(*) FROM patch_deployment) AS deployments;
SELECT decision, count(*) AS findings, min(priority) AS min_priority, max(priority) AS max_priority,
       count(*) FILTER (WHERE exception_covered) AS compensated, count(*) FILTER (WHERE sla_state = 'overdue') AS overdue
FROM patch_queue GROUP BY decision ORDER BY min(priority) DESC;

-- (b) reading the queue: the whole of it, and what a BI tool reads
INSERT INTO result SELECT 'patch_queue: count(*), sum(priority), every row', pg_temp.median_ms('SELECT count(*), sum(priority) FROM iec62443p2.patch_queue', 3);
INSERT INTO result SELECT 'patch_queue: first 10,000 rows by queue_rank (a BI tool)',
       pg_temp.median_ms('SELECT count(*) FROM (SELECT * FROM iec62443p2.patch_queue ORDER BY queue_rank LIMIT 10000) q', 3);
-- (d) the floor: the same rows of asset_vulnerability joined to asset and vulnerability, a trivial
-- built-in instead of the scoring (and ranked by EPSS for the first 10,000)
INSERT INTO result SELECT 'floor: same rows joined, count(*), sum(length(cve_id))',
       pg_temp.median_ms($q$SELECT count(*), sum(length(v.cve_id))
                         FROM iec62443p2.asset_vulnerability av
                         JOIN iec62443p2.asset a ON a.organization_id = av.organization_id AND a.id = av.asset_id
                         JOIN iec62443p2.vulnerability v ON v.organization_id = av.organization_id AND v.id = av.vulnerability_id
                         WHERE av.applicability = 'affected' AND av.resolved_at IS NULL$q$, 3);
INSERT INTO result SELECT 'floor: same rows joined, first 10,000 by rank() over EPSS',
       pg_temp.median_ms($q$SELECT count(*) FROM (
                           SELECT av.id, a.tag, a.name, v.cve_id, v.cvss::text, v.epss, v.kev, av.detected_at,
                                  rank() OVER (PARTITION BY av.organization_id ORDER BY v.epss DESC NULLS LAST) AS r
                           FROM iec62443p2.asset_vulnerability av
                           JOIN iec62443p2.asset a ON a.organization_id = av.organization_id AND a.id = av.asset_id
                           JOIN iec62443p2.vulnerability v ON v.organization_id = av.organization_id AND v.id = av.vulnerability_id
                           WHERE av.applicability = 'affected' AND av.resolved_at IS NULL
                           ORDER BY r LIMIT 10000) q$q$, 3);

-- (c) the queue written naively, on a sample of 100 assets of 15,000: applicability on the fly
-- (every asset x every affected product, names normalised inline, vers_contains on each pair),
-- then the same scoring through the per-row functions; only the detection time is read (it is
-- recorded, not derived)
CREATE TEMP VIEW naive_queue_sample AS
WITH pair AS (
  SELECT pr.asset_id, pr.vulnerability_id
  FROM (SELECT a.id AS asset_id, x.vulnerability_id, x.organization_id, x.product_id,
               lower(regexp_replace(a.vendor, '\s', '', 'g')) AS vendor_key,
               lower(regexp_replace(a.product, '\s', '', 'g')) AS name_key,
               vers_contains(x.affected_range, a.version) AS hit
        FROM asset a JOIN lifecycle_state l ON l.code = a.lifecycle_state AND l.in_operation
        CROSS JOIN vulnerability_affected_product x
        WHERE a.tag IN (SELECT 'A-' || g FROM generate_series(1, 15000, 150) g)
        OFFSET 0) pr
  WHERE EXISTS (SELECT 1 FROM product p WHERE p.organization_id = pr.organization_id AND p.id = pr.product_id
                  AND lower(regexp_replace(p.vendor, '\s', '', 'g')) = pr.vendor_key
                  AND lower(regexp_replace(p.name, '\s', '', 'g')) = pr.name_key)
     OR EXISTS (SELECT 1 FROM product_alias pa WHERE pa.organization_id = pr.organization_id AND pa.product_id = pr.product_id
                  AND lower(regexp_replace(pa.vendor, '\s', '', 'g')) = pr.vendor_key
                  AND lower(regexp_replace(pa.name, '\s', '', 'g')) = pr.name_key)
  GROUP BY pr.asset_id, pr.vulnerability_id
  HAVING bool_or(pr.hit)
)
SELECT a.id AS asset_id, v.id AS vulnerability_id, s.priority, s.decision, d.due_on,
       remediation_sla_state(a.organization_id, d.due_on, NULL, now()) AS sla_state, i.compensated AS exception_covered,
       (SELECT pt.code FROM patch_vulnerability pv JOIN patch pt ON pt.organization_id = pv.organization_id AND pt.id = pv.patch_id
        WHERE pv.organization_id = v.organization_id AND pv.vulnerability_id = v.id
        ORDER BY pt.released_on DESC NULLS LAST, pt.code LIMIT 1) AS patch_code,
       rank() OVER (PARTITION BY a.organization_id ORDER BY s.priority DESC, v.kev DESC, v.epss DESC NULLS LAST) AS queue_rank
FROM pair
JOIN asset a ON a.id = pair.asset_id
JOIN vulnerability v ON v.id = pair.vulnerability_id
LEFT JOIN zone z ON z.organization_id = a.organization_id AND z.id = a.zone_id
LEFT JOIN zone_exposure_setting zx ON zx.organization_id = z.organization_id AND zx.exposure = z.exposure
LEFT JOIN asset_vulnerability av ON av.organization_id = a.organization_id AND av.asset_id = a.id
                                AND av.vulnerability_id = v.id AND av.resolved_at IS NULL
CROSS JOIN LATERAL (SELECT cvss_with_requirements(v.cvss, a.confidentiality_requirement, a.integrity_requirement, a.availability_requirement) AS cvss,
                           asset_effective_criticality(a.organization_id, a.id) AS criticality,
                           exception_covers(a.organization_id, a.id, v.id, now()) AS compensated,
                           patch_priority_parameters(a.organization_id) AS parameters) i
CROSS JOIN LATERAL (SELECT patch_priority(i.cvss, v.epss, v.kev, i.criticality, a.safety_related, zx.ssvc_system_exposure, i.compensated, i.parameters)::numeric(4,1) AS priority,
                           patch_decision(i.cvss, v.epss, v.kev, i.criticality, a.safety_related, zx.ssvc_system_exposure, i.compensated, i.parameters) AS decision) s
CROSS JOIN LATERAL (SELECT remediation_due_on(a.organization_id, s.decision, av.detected_at, v.kev_due_on) AS due_on) d;

-- the answers agree on the sample (a benchmark of a wrong answer proves nothing)
CREATE TEMP TABLE naive_rows AS SELECT asset_id, vulnerability_id, priority, decision, due_on, sla_state, exception_covered, patch_code FROM naive_queue_sample;
CREATE TEMP TABLE queue_rows AS
SELECT q.asset_id, q.vulnerability_id, q.priority, q.decision, q.due_on, q.sla_state, q.exception_covered, q.patch_code
FROM patch_queue q WHERE q.asset_tag IN (SELECT 'A-' || g FROM generate_series(1, 15000, 150) g);
SELECT (SELECT count(*) FROM naive_rows) AS naive_sample_rows,
       (SELECT count(*) FROM (SELECT * FROM naive_rows EXCEPT SELECT * FROM queue_rows) d) AS naive_not_in_queue,
       (SELECT count(*) FROM (SELECT * FROM queue_rows EXCEPT SELECT * FROM naive_rows) d) AS queue_not_in_naive;
INSERT INTO result SELECT 'naive: 100 assets, applicability on the fly + per-row scoring', pg_temp.median_ms('SELECT count(*) FROM naive_queue_sample', 1);
INSERT INTO result SELECT 'naive, scaled to 15,000 assets (x150)', 150 * ms FROM result WHERE what LIKE 'naive: 100%';
-- the same 100 assets read from the views: patch_queue scores the whole queue even so (a filter
-- on the asset cannot go below queue_rank, the rank in the organisation's whole queue);
-- vulnerability_finding scores only those assets' rows
INSERT INTO result SELECT 'patch_queue: filtered to the same 100 assets (ranks the whole queue)',
       pg_temp.median_ms($q$SELECT count(*) FROM iec62443p2.patch_queue q
                         WHERE q.asset_tag IN (SELECT 'A-' || g FROM generate_series(1, 15000, 150) g)$q$, 3);
INSERT INTO result SELECT 'vulnerability_finding: the same 100 assets, open (scored, unranked)',
       pg_temp.median_ms($q$SELECT count(*), sum(f.priority) FROM iec62443p2.vulnerability_finding f
                         WHERE f.resolved_at IS NULL AND f.asset_tag IN (SELECT 'A-' || g FROM generate_series(1, 15000, 150) g)$q$, 3);

-- (e) the other views a BI tool reads at this scale
INSERT INTO result SELECT 'vulnerability_finding: LIMIT 10000', pg_temp.median_ms('SELECT count(*) FROM (SELECT * FROM iec62443p2.vulnerability_finding LIMIT 10000) q', 3);
INSERT INTO result SELECT 'patch_kpis: LIMIT 10000 (7 rows)', pg_temp.median_ms('SELECT count(*) FROM (SELECT * FROM iec62443p2.patch_kpis LIMIT 10000) q', 3);
INSERT INTO result SELECT 'patch_kpis_monthly: LIMIT 10000 (18 months x 7 scopes)', pg_temp.median_ms('SELECT count(*) FROM (SELECT * FROM iec62443p2.patch_kpis_monthly LIMIT 10000) q', 3);

SELECT what, ms FROM result;
SELECT round((SELECT ms FROM result WHERE what LIKE 'naive, scaled%') / (SELECT ms FROM result WHERE what LIKE 'patch_queue: count%'), 1) AS "naive / queue (whole)",
       round((SELECT ms FROM result WHERE what LIKE 'naive: 100%') / (SELECT ms FROM result WHERE what LIKE 'vulnerability_finding: the same 100%'), 1) AS "naive / finding (same 100 assets)",
       round((SELECT ms FROM result WHERE what LIKE 'patch_queue: count%') / (SELECT ms FROM result WHERE what LIKE 'floor: same rows joined, count%'), 1) AS "queue / floor (whole)",
       round((SELECT ms FROM result WHERE what LIKE 'patch_queue: first%') / (SELECT ms FROM result WHERE what LIKE 'floor: same rows joined, first%'), 1) AS "queue / floor (first 10,000)";
\echo 'plan of the queue read (the whole queue)'
EXPLAIN (COSTS off) SELECT count(*), sum(priority) FROM patch_queue;
\echo 'plan of the naive query (sample)'
EXPLAIN (COSTS off) SELECT count(*) FROM naive_queue_sample;
