-- Benchmark: the SSVC deployer (and CISA coordinator) decision over one million rows of inputs (the tables' words, in
-- mixed letter case as feeds deliver them), parallel workers off, median of several runs.
-- The C function against the floor (the same scan and aggregation over one input column, no
-- decision) and against the same decision in plain SQL: a hash join with the catalogue table
-- ssvc_decision on lower-cased inputs; and both again on inputs already in canonical words.  Run by `make bench` (scripts/bench.sh) on a throwaway cluster.
\set ON_ERROR_STOP on
SET max_parallel_workers_per_gather = 0;
SET jit = off;
SET search_path = iec62443p2, public;

SELECT setseed(0.62443);
CREATE TABLE bench_ssvc AS
SELECT (ARRAY['none', 'public poc', 'Active', 'PoC'])[1 + floor(random() * 4)::int] AS e,
       (ARRAY['small', 'controlled', 'Open'])[1 + floor(random() * 3)::int] AS x,
       (ARRAY['no', 'Yes'])[1 + floor(random() * 2)::int] AS a,
       (ARRAY['low', 'medium', 'High', 'very high'])[1 + floor(random() * 4)::int] AS h,
       (ARRAY['partial', 'Total'])[1 + floor(random() * 2)::int] AS t,
       (ARRAY['low', 'Medium', 'high'])[1 + floor(random() * 3)::int] AS m
FROM generate_series(1, 1000000);
-- the same inputs already in the tables' own lower-case words, for the fairest join
ALTER TABLE bench_ssvc ADD COLUMN ce text, ADD COLUMN cx text, ADD COLUMN ca text, ADD COLUMN ch text;
UPDATE bench_ssvc SET ce = CASE lower(e) WHEN 'poc' THEN 'public poc' ELSE lower(e) END,
                      cx = lower(x), ca = lower(a), ch = lower(h);
VACUUM FREEZE ANALYZE bench_ssvc;

-- the plain SQL decision: the catalogue's rows, joined on the lower-cased words ('poc' mapped)
CREATE VIEW bench_ssvc_sql AS
SELECT i.*, d.outcome
FROM bench_ssvc i
JOIN ssvc_decision d
  ON d.tree = 'deployer'
 AND d.exploitation = CASE lower(i.e) WHEN 'poc' THEN 'public poc' ELSE lower(i.e) END
 AND d.system_exposure = lower(i.x) AND d.automatable = lower(i.a) AND d.human_impact = lower(i.h);

-- the CISA coordinator tree the same way
CREATE VIEW bench_ssvc_cisa_sql AS
SELECT i.*, d.outcome
FROM bench_ssvc i
JOIN ssvc_decision d
  ON d.tree = 'cisa'
 AND d.exploitation = CASE lower(i.e) WHEN 'poc' THEN 'public poc' ELSE lower(i.e) END
 AND d.automatable = lower(i.a) AND d.technical_impact = lower(i.t) AND d.mission_wellbeing = lower(i.m);

CREATE VIEW bench_ssvc_sql_canonical AS
SELECT d.outcome
FROM bench_ssvc i
JOIN ssvc_decision d
  ON d.tree = 'deployer' AND d.exploitation = i.ce AND d.system_exposure = i.cx AND d.automatable = i.ca
 AND d.human_impact = i.ch;

-- every row finds its catalogue row, and the C function agrees with it (a benchmark of a wrong
-- decision proves nothing)
SELECT count(*) AS rows_joined, count(*) FILTER (WHERE ssvc_deployer(e, x, a, h) <> outcome) AS disagreements
FROM bench_ssvc_sql;
SELECT count(*) AS cisa_rows_joined, count(*) FILTER (WHERE ssvc_cisa(e, a, t, m) <> outcome) AS cisa_disagreements
FROM bench_ssvc_cisa_sql;

-- pg_temp.median_ms(query, runs) comes from bench/lib/timing.sql
CREATE TEMP TABLE result AS
SELECT 'floor: sum(octet_length(h)), 1M rows' AS what,
       pg_temp.median_ms('SELECT sum(octet_length(h)) FROM bench_ssvc', 7) AS ms
UNION ALL SELECT 'C: sum(octet_length(ssvc_deployer(e, x, a, h))), 1M rows',
       pg_temp.median_ms('SELECT sum(octet_length(ssvc_deployer(e, x, a, h))) FROM bench_ssvc', 7)
UNION ALL SELECT 'SQL: join with ssvc_decision, sum(octet_length(outcome)), 1M rows',
       pg_temp.median_ms('SELECT sum(octet_length(outcome)) FROM bench_ssvc_sql', 5)
UNION ALL SELECT 'C, canonical words: sum(octet_length(ssvc_deployer(ce, cx, ca, ch))), 1M rows',
       pg_temp.median_ms('SELECT sum(octet_length(ssvc_deployer(ce, cx, ca, ch))) FROM bench_ssvc', 7)
UNION ALL SELECT 'SQL, canonical words: join with ssvc_decision, 1M rows',
       pg_temp.median_ms('SELECT sum(octet_length(outcome)) FROM bench_ssvc_sql_canonical', 5)
UNION ALL SELECT 'C cisa: sum(octet_length(ssvc_cisa(e, a, t, m))), 1M rows',
       pg_temp.median_ms('SELECT sum(octet_length(ssvc_cisa(e, a, t, m))) FROM bench_ssvc', 7)
UNION ALL SELECT 'SQL cisa: join with ssvc_decision, 1M rows',
       pg_temp.median_ms('SELECT sum(octet_length(outcome)) FROM bench_ssvc_cisa_sql', 5);

\pset footer off
SELECT what, ms FROM result;
SELECT round((SELECT ms FROM result WHERE what LIKE 'C:%') / (SELECT ms FROM result WHERE what LIKE 'floor%'), 2)
         AS "C / floor",
       round((SELECT ms FROM result WHERE what LIKE 'SQL:%') / (SELECT ms FROM result WHERE what LIKE 'C:%'), 2)
         AS "SQL join / C",
       round((SELECT ms FROM result WHERE what LIKE 'SQL, canonical%') / (SELECT ms FROM result WHERE what LIKE 'C, canonical%'), 2)
         AS "SQL join / C, canonical words",
       round((SELECT ms FROM result WHERE what LIKE 'C cisa:%') / (SELECT ms FROM result WHERE what LIKE 'floor%'), 2)
         AS "cisa C / floor",
       round((SELECT ms FROM result WHERE what LIKE 'SQL cisa:%') / (SELECT ms FROM result WHERE what LIKE 'C cisa:%'), 2)
         AS "cisa SQL join / C";
EXPLAIN (COSTS off) SELECT sum(octet_length(outcome)) FROM bench_ssvc_sql;
