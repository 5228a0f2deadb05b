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

-- the two agree, value and scale, on every group (a benchmark of a wrong aggregate proves nothing)
SELECT count(*) AS groups, count(*) FILTER (WHERE c.ws::text IS DISTINCT FROM q.ws::text) AS disagreements
FROM (SELECT grp, weighted_score(s, w) AS ws FROM bench_ws GROUP BY grp) c
JOIN (SELECT grp, sum(s * w) / nullif(sum(w), 0) AS ws FROM bench_ws GROUP BY grp) q USING (grp);

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

\pset footer off
SELECT what, ms FROM result;
SELECT round((SELECT ms FROM result WHERE what LIKE 'C: weighted_score(s, w) per group%')
             / (SELECT ms FROM result WHERE what LIKE 'floor%'), 2) AS "C / floor",
       round((SELECT ms FROM result WHERE what LIKE 'SQL:%')
             / (SELECT ms FROM result WHERE what LIKE 'C: weighted_score(s, w) per group%'), 2) AS "SQL / C",
       round((SELECT ms FROM result WHERE what LIKE '%serial')
             / (SELECT ms FROM result WHERE what LIKE '%2 workers'), 2) AS "serial / 2 workers";
