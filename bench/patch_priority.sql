-- Benchmark: patch_priority over one million (vulnerability, asset) rows, parallel workers off,
-- median of several runs.  The C function in both forms (parameters passed, and the seven-argument
-- form reading the shipped defaults once per call site; beside it the SQL wrapper 0.1.0 shipped,
-- which read them at every row) against the floor (the same scan and numeric aggregation, no
-- scoring) and against the same rule in plain SQL: the CVSS score and metrics
-- from the cvss functions, the two SSVC tables joined from the catalogue ssvc_decision, the
-- score by arithmetic.  Run by `make bench` (scripts/bench.sh) on a throwaway cluster.
\set ON_ERROR_STOP on
SET max_parallel_workers_per_gather = 0;
SET jit = off;
SET search_path = iec62443p2, public;

SELECT setseed(0.2443);
CREATE TABLE bench_pp AS
SELECT format('CVSS:3.1/AV:%s/AC:%s/PR:%s/UI:%s/S:U/C:%s/I:%s/A:%s',
              (ARRAY['N','A','L','P'])[1 + floor(random() * 4)::int], (ARRAY['L','H'])[1 + floor(random() * 2)::int],
              (ARRAY['N','L','H'])[1 + floor(random() * 3)::int], (ARRAY['N','R'])[1 + floor(random() * 2)::int],
              (ARRAY['N','L','H'])[1 + floor(random() * 3)::int], (ARRAY['N','L','H'])[1 + floor(random() * 3)::int],
              (ARRAY['N','L','H'])[1 + floor(random() * 3)::int])::cvss AS v,
       round(random()::numeric, 4) AS epss, random() < 0.05 AS kev, 1 + floor(random() * 5)::int AS criticality,
       random() < 0.2 AS safety_related, (ARRAY['small','controlled','open'])[1 + floor(random() * 3)::int] AS exposure,
       random() < 0.3 AS compensated
FROM generate_series(1, 1000000);
VACUUM FREEZE ANALYZE bench_pp;

-- The seven-argument form as 0.1.0 shipped it: a SQL wrapper reading the defaults at every row.
CREATE FUNCTION pg_temp.patch_priority_0_1_0(vuln cvss, epss numeric, kev boolean, criticality integer,
                                             safety_related boolean, exposure text, compensated boolean)
RETURNS numeric LANGUAGE sql STABLE PARALLEL SAFE
RETURN iec62443p2.patch_priority(vuln, epss, kev, criticality, safety_related, exposure, compensated,
                                 iec62443p2.patch_priority_parameters(NULL::uuid));

-- The same rule in SQL, as an analyst would write it from the README.
CREATE VIEW bench_pp_sql AS
WITH derived AS (
  SELECT b.*, cvss_score(b.v) AS score,
         cvss_metric(b.v, 'AV') = 'N' AND cvss_metric(b.v, 'AC') = 'L' AND cvss_metric(b.v, 'PR') = 'N'
           AND cvss_metric(b.v, 'UI') = 'N' AS automatable,
         CASE WHEN b.kev THEN 'active' WHEN b.epss >= 0.1 THEN 'public poc' ELSE 'none' END AS exploitation,
         greatest(array_position(ARRAY['small','controlled','open'], b.exposure) - 1 - b.compensated::int, 0) AS exposure_step,
         CASE WHEN NOT b.safety_related THEN 'negligible' WHEN b.criticality = 5 THEN 'catastrophic' ELSE 'critical' END AS safety_impact,
         (ARRAY['degraded','degraded','mef support crippled','mef failure','mission failure'])[b.criticality] AS mission_impact
  FROM bench_pp b)
SELECT 25 * (array_position(ARRAY['defer','scheduled','out-of-cycle','immediate'], dd.outcome) - 1)
       + round(25 * (0.4 * d.score / 10 + 0.3 * CASE WHEN d.kev THEN 1 ELSE d.epss END
                     + 0.3 * (0.5 * (d.criticality - 1) / 4 + CASE WHEN d.safety_related THEN 0.25 ELSE 0 END
                              + 0.125 * d.exposure_step))
                  * CASE WHEN d.compensated THEN 0.8 ELSE 1 END, 1) AS priority
FROM derived d
JOIN ssvc_decision hi ON hi.tree = 'human_impact' AND hi.safety_impact = d.safety_impact AND hi.mission_impact = d.mission_impact
JOIN ssvc_decision dd ON dd.tree = 'deployer' AND dd.exploitation = d.exploitation
 AND dd.system_exposure = (ARRAY['small','controlled','open'])[d.exposure_step + 1]
 AND dd.automatable = CASE WHEN d.automatable THEN 'yes' ELSE 'no' END AND dd.human_impact = hi.outcome;

-- the SQL rule and the C function agree (up to the last rounding step) on every row
DO $$
BEGIN
  IF (SELECT count(*) FROM bench_pp) <> (SELECT count(*) FROM bench_pp_sql) THEN
    RAISE EXCEPTION 'the SQL rule lost rows: benchmark void';
  END IF;
  IF abs((SELECT sum(patch_priority(v, epss, kev, criticality, safety_related, exposure, compensated)) FROM bench_pp)
         - (SELECT sum(priority) FROM bench_pp_sql)) > 0.1 * 1000000 * 0.05 THEN
    RAISE EXCEPTION 'the SQL rule and the C function disagree: benchmark void';
  END IF;
END $$;

-- pg_temp.median_ms(query, runs) comes from bench/lib/timing.sql
CREATE TEMP TABLE result AS
SELECT 'floor: sum(criticality::numeric)' AS what,
       pg_temp.median_ms('SELECT sum(criticality::numeric) FROM bench_pp', 5) AS ms
UNION ALL SELECT 'C: sum(patch_priority(..., parameters))',
       pg_temp.median_ms('WITH x AS MATERIALIZED (SELECT patch_priority_parameters() AS p)
                          SELECT sum(patch_priority(v, epss, kev, criticality, safety_related, exposure, compensated, x.p))
                          FROM bench_pp, x', 5)
UNION ALL SELECT 'C: the 7-argument form (shipped defaults read once per call site)',
       pg_temp.median_ms('SELECT sum(patch_priority(v, epss, kev, criticality, safety_related, exposure, compensated)) FROM bench_pp', 5)
UNION ALL SELECT '0.1.0: the 7-argument SQL wrapper (defaults read at every row)',
       pg_temp.median_ms('SELECT sum(pg_temp.patch_priority_0_1_0(v, epss, kev, criticality, safety_related, exposure, compensated)) FROM bench_pp', 3)
UNION ALL SELECT 'SQL: the same rule with cvss functions and ssvc_decision joins',
       pg_temp.median_ms('SELECT sum(priority) FROM bench_pp_sql', 3);

\pset footer off
SELECT what, ms FROM result;
SELECT round((SELECT ms FROM result WHERE what LIKE 'C: sum%') / (SELECT ms FROM result WHERE what LIKE 'floor%'), 2) AS "C / floor",
       round((SELECT ms FROM result WHERE what LIKE 'C: the 7%') / (SELECT ms FROM result WHERE what LIKE 'floor%'), 2) AS "C 7-argument / floor",
       round((SELECT ms FROM result WHERE what LIKE '0.1.0%') / (SELECT ms FROM result WHERE what LIKE 'floor%'), 2) AS "0.1.0 wrapper / floor",
       round((SELECT ms FROM result WHERE what LIKE 'SQL%') / (SELECT ms FROM result WHERE what LIKE 'C: sum%'), 1) AS "SQL / C";
