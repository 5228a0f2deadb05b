-- Benchmark: weighted_score over 10,000 groups of 50 (score, weight) pairs (500,000 rows),
-- median of several runs, parallel workers off except where a line says so.  The C aggregate
-- against the floor (the same scan and grouping with count(w)) and against the same value in plain
-- SQL, sum(s * w) / sum(w).  Run by `make bench` (scripts/bench.sh) on a throwaway cluster.
\set ON_ERROR_STOP on
SET max_parallel_workers_per_gather = 0;
SET jit = off;
SET search_path = iec62443p2, public;

SELECT setseed(0.62443);
CREATE TABLE bench_ws AS
SELECT g / 50 AS grp, round((random() * 10)::numeric, 1) AS s, round(random()::numeric, 2) AS w
FROM generate_series(0, 499999) g;
VACUUM FREEZE ANALYZE bench_ws;

-- the two agree on every group, to the last digit (weighted_score drops trailing zeros: trim_scale)
-- (a benchmark of a wrong aggregate proves nothing)
SELECT count(*) AS groups, count(*) FILTER (WHERE c.ws::text IS DISTINCT FROM trim_scale(q.ws)::text) AS disagreements
FROM (SELECT grp, weighted_score(s, w) AS ws FROM bench_ws GROUP BY grp) c
JOIN (SELECT grp, sum(s * w) / nullif(sum(w), 0) AS ws FROM bench_ws GROUP BY grp) q USING (grp);

-- supplier_risk_level over one million scores: C against a CASE over the thresholds table, and the floor
CREATE TABLE bench_level AS SELECT round((random() * 10)::numeric, 2) AS score FROM generate_series(1, 1000000);
VACUUM FREEZE ANALYZE bench_level;
CREATE VIEW bench_level_sql AS
SELECT CASE WHEN l.score >= t.critical THEN 'critical' WHEN l.score >= t.high THEN 'high'
            WHEN l.score >= t.medium THEN 'medium' ELSE 'low' END AS level
FROM bench_level l
CROSS JOIN (SELECT d.critical, d.high, d.medium FROM supplier_risk_threshold d WHERE d.settings_profile = 'default') t;
SELECT count(*) FILTER (WHERE supplier_risk_level(l.score) IS DISTINCT FROM
         CASE WHEN l.score >= 8.0 THEN 'critical' WHEN l.score >= 6.5 THEN 'high' WHEN l.score >= 5.0 THEN 'medium' ELSE 'low' END)
         AS level_disagreements
FROM bench_level l;

-- pg_temp.median_ms(query, runs) comes from bench/lib/timing.sql
CREATE TEMP TABLE result AS
SELECT 'floor: count(w) per group, 10k groups x 50' AS what,
       pg_temp.median_ms('SELECT sum(x) FROM (SELECT grp, count(w) AS x FROM bench_ws GROUP BY grp) q', 7) AS ms
UNION ALL SELECT 'C: weighted_score(s, w) per group, 10k groups x 50',
       pg_temp.median_ms('SELECT sum(x) FROM (SELECT grp, weighted_score(s, w) AS x FROM bench_ws GROUP BY grp) q', 7)
UNION ALL SELECT 'SQL: sum(s * w) / sum(w) per group, 10k groups x 50',
       pg_temp.median_ms('SELECT sum(x) FROM (SELECT grp, sum(s * w) / sum(w) AS x FROM bench_ws GROUP BY grp) q', 7)
UNION ALL SELECT 'C: weighted_score(s, w) over all 500k rows, serial',
       pg_temp.median_ms('SELECT weighted_score(s, w) FROM bench_ws', 7);
SET max_parallel_workers_per_gather = 2;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
INSERT INTO result SELECT 'C: weighted_score(s, w) over all 500k rows, 2 workers',
       pg_temp.median_ms('SELECT weighted_score(s, w) FROM bench_ws', 7);
EXPLAIN (COSTS off) SELECT weighted_score(s, w) FROM bench_ws;
SET max_parallel_workers_per_gather = 0;
INSERT INTO result
SELECT 'floor: sum(octet_length(score::text)), 1M scores',
       pg_temp.median_ms('SELECT sum(octet_length(score::text)) FROM bench_level', 7)
UNION ALL SELECT 'C: supplier_risk_level(score), 1M scores',
       pg_temp.median_ms('SELECT sum(octet_length(supplier_risk_level(score))) FROM bench_level', 5)
UNION ALL SELECT 'C: supplier_risk_level(score, thresholds), 1M scores',
       pg_temp.median_ms('SELECT sum(octet_length(supplier_risk_level(score, ''{8.0,6.5,5.0}''))) FROM bench_level', 7)
UNION ALL SELECT 'SQL: CASE over supplier_risk_threshold, 1M scores',
       pg_temp.median_ms('SELECT sum(octet_length(level)) FROM bench_level_sql', 7);

\pset footer off
SELECT what, ms FROM result;
SELECT round((SELECT ms FROM result WHERE what LIKE 'C: weighted_score(s, w) per group%')
             / (SELECT ms FROM result WHERE what LIKE 'floor: count%'), 2) AS "C / floor",
       round((SELECT ms FROM result WHERE what LIKE 'SQL: sum%')
             / (SELECT ms FROM result WHERE what LIKE 'C: weighted_score(s, w) per group%'), 2) AS "SQL / C",
       round((SELECT ms FROM result WHERE what LIKE '%serial')
             / (SELECT ms FROM result WHERE what LIKE '%2 workers'), 2) AS "serial / 2 workers";
SELECT round((SELECT ms FROM result WHERE what LIKE 'C: supplier_risk_level(score, thresholds)%')
             / (SELECT ms FROM result WHERE what LIKE 'floor: sum(octet%'), 2) AS "risk level C (thresholds given) / floor",
       round((SELECT ms FROM result WHERE what LIKE 'SQL: CASE%')
             / (SELECT ms FROM result WHERE what LIKE 'C: supplier_risk_level(score, thresholds)%'), 2) AS "risk level SQL / C",
       round((SELECT ms FROM result WHERE what LIKE 'C: supplier_risk_level(score),%')
             / (SELECT ms FROM result WHERE what LIKE 'C: supplier_risk_level(score, thresholds)%'), 2)
         AS "one-argument form / thresholds given";
