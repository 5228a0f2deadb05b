-- Benchmark: risk levels and scores of one million (likelihood, consequence) pairs, each row
-- joined to its organisation's matrix in use (organization_settings -> organization_risk_matrix),
-- parallel workers off, median of several runs.  risk_level / risk_score in C against the same
-- answer in SQL (a CASE expression hard-coding the default's bands, and a join to a table of
-- cells) and against a floor: the same join with a built-in sum(likelihood * consequence); the
-- shipped-default risk_level(l, c) (a STABLE SQL function reading the catalogue on each call) against
-- the same floor without the join.
-- Run by `make bench` (scripts/bench.sh) on a throwaway cluster.
\set ON_ERROR_STOP on
SET max_parallel_workers_per_gather = 0;
SET jit = off;
SET search_path = iec62443p2, public;

INSERT INTO organization (id, code, name) VALUES ('00000000-0000-4000-8000-00000000be01', 'BENCH', 'Bench Utility');
SELECT setseed(0.62443);
CREATE TABLE bench_risk AS
SELECT '00000000-0000-4000-8000-00000000be01'::uuid AS organization_id,
       1 + floor(random() * 5)::int AS likelihood, 1 + floor(random() * 5)::int AS consequence
FROM generate_series(1, 1000000);
VACUUM FREEZE ANALYZE bench_risk;

-- the lookup-table alternative: the same matrix as one row per cell
CREATE TABLE bench_cell AS
SELECT m.organization_id, m.id AS matrix_id, c.likelihood, c.consequence, c.level, c.score
FROM organization_risk_matrix m CROSS JOIN LATERAL risk_matrix_cells(m.matrix) c;
ALTER TABLE bench_cell ADD PRIMARY KEY (organization_id, matrix_id, likelihood, consequence);
ANALYZE bench_cell;

CREATE VIEW bench_joined AS
SELECT r.likelihood, r.consequence, m.id AS matrix_id, m.matrix
FROM bench_risk r
JOIN organization_settings s ON s.organization_id = r.organization_id
JOIN organization_risk_matrix m ON m.organization_id = s.organization_id AND m.id = s.risk_matrix_id;

-- the paths agree (a benchmark of a wrong answer proves nothing)
SELECT count(*) FILTER (WHERE risk_level(likelihood, consequence, matrix) = 'high') AS c_high,
       count(*) FILTER (WHERE risk_level(likelihood, consequence) = 'high') AS c_default_high,
       count(*) FILTER (WHERE CASE WHEN likelihood * consequence >= 20 THEN 'critical' WHEN likelihood * consequence >= 10 THEN 'high'
                                   WHEN likelihood * consequence >= 5 THEN 'medium' ELSE 'low' END = 'high') AS sql_case_high,
       sum(risk_score(likelihood, consequence, matrix)) AS c_score_sum,
       sum(likelihood * consequence) AS sql_score_sum
FROM bench_joined;
SELECT count(*) FILTER (WHERE c.level = 'high') AS sql_cells_high, sum(c.score) AS sql_cells_score_sum
FROM bench_joined j
JOIN bench_cell c ON c.matrix_id = j.matrix_id AND c.likelihood = j.likelihood AND c.consequence = j.consequence;

-- pg_temp.median_ms(query, runs) comes from bench/lib/timing.sql
CREATE TEMP TABLE result AS
SELECT 'floor: joined sum(likelihood * consequence)' AS what,
       pg_temp.median_ms('SELECT sum(likelihood * consequence) FROM bench_joined', 7) AS ms
UNION ALL SELECT 'floor, no join: sum(likelihood * consequence)',
       pg_temp.median_ms('SELECT sum(likelihood * consequence) FROM bench_risk', 7)
UNION ALL SELECT 'C: joined count(risk_level(l, c, matrix) = high)',
       pg_temp.median_ms('SELECT count(*) FILTER (WHERE risk_level(likelihood, consequence, matrix) = ''high'') FROM bench_joined', 7)
UNION ALL SELECT 'C: joined sum(risk_score(l, c, matrix))',
       pg_temp.median_ms('SELECT sum(risk_score(likelihood, consequence, matrix)) FROM bench_joined', 7)
UNION ALL SELECT 'SQL wrapper: count(risk_level(l, c) = high), shipped default',
       pg_temp.median_ms('SELECT count(*) FILTER (WHERE risk_level(likelihood, consequence) = ''high'') FROM bench_risk', 7)
UNION ALL SELECT 'SQL: joined CASE on likelihood * consequence',
       pg_temp.median_ms('SELECT count(*) FILTER (WHERE CASE WHEN likelihood * consequence >= 20 THEN ''critical''
                            WHEN likelihood * consequence >= 10 THEN ''high'' WHEN likelihood * consequence >= 5 THEN ''medium''
                            ELSE ''low'' END = ''high'') FROM bench_joined', 7)
UNION ALL SELECT 'SQL: joined cell table, count(level = high)',
       pg_temp.median_ms('SELECT count(*) FILTER (WHERE c.level = ''high'') FROM bench_joined j JOIN bench_cell c
                            ON c.matrix_id = j.matrix_id AND c.likelihood = j.likelihood AND c.consequence = j.consequence', 7)
UNION ALL SELECT 'SQL: joined cell table, sum(score)',
       pg_temp.median_ms('SELECT sum(c.score) FROM bench_joined j JOIN bench_cell c
                            ON c.matrix_id = j.matrix_id AND c.likelihood = j.likelihood AND c.consequence = j.consequence', 7);

\pset footer off
SELECT what, ms FROM result;
SELECT round((SELECT ms FROM result WHERE what LIKE 'C: joined count%') / (SELECT ms FROM result WHERE what LIKE 'floor: joined%'), 2)
         AS "risk_level / floor",
       round((SELECT ms FROM result WHERE what LIKE 'C: joined sum%') / (SELECT ms FROM result WHERE what LIKE 'floor: joined%'), 2)
         AS "risk_score / floor",
       round((SELECT ms FROM result WHERE what LIKE 'SQL wrapper%') / (SELECT ms FROM result WHERE what LIKE 'floor, no join%'), 2)
         AS "risk_level(l, c) / floor without join",
       round((SELECT ms FROM result WHERE what LIKE 'SQL: joined CASE%') / (SELECT ms FROM result WHERE what LIKE 'C: joined count%'), 2)
         AS "SQL CASE / C",
       round((SELECT ms FROM result WHERE what LIKE 'SQL: joined cell table, count%') / (SELECT ms FROM result WHERE what LIKE 'C: joined count%'), 2)
         AS "SQL cell join / C";
EXPLAIN (COSTS off) SELECT count(*) FILTER (WHERE risk_level(likelihood, consequence, matrix) = 'high') FROM bench_joined;
