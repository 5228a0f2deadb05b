-- Benchmark: security-level vectors over one million stored (SL-A, SL-T) pairs, parallel workers
-- off, median of several runs.  "Does the zone meet its target?" and "per-FR maximum" in C against
-- the same logic in plain SQL over int[] columns (subscripts, and unnest as an analyst might write
-- it) and over seven smallint columns per vector, and against a floor: one built-in comparison of
-- two int4 columns over the same rows.  Run by `make bench` (scripts/bench.sh) on a throwaway cluster.
\set ON_ERROR_STOP on
SET max_parallel_workers_per_gather = 0;
SET jit = off;
SET search_path = iec62443p2, public;

SELECT setseed(0.62443);
CREATE TABLE bench_slv AS
SELECT ARRAY(SELECT floor(random() * 5)::int + 0 * g FROM generate_series(1, 7)) AS la,
       ARRAY(SELECT 1 + floor(random() * 3)::int + 0 * g FROM generate_series(1, 7)) AS lt
FROM generate_series(1, 1000000) g;
ALTER TABLE bench_slv ADD COLUMN a sl_vector, ADD COLUMN t sl_vector, ADD COLUMN ai int, ADD COLUMN ti int,
  ADD COLUMN a1 smallint, ADD COLUMN a2 smallint, ADD COLUMN a3 smallint, ADD COLUMN a4 smallint,
  ADD COLUMN a5 smallint, ADD COLUMN a6 smallint, ADD COLUMN a7 smallint,
  ADD COLUMN t1 smallint, ADD COLUMN t2 smallint, ADD COLUMN t3 smallint, ADD COLUMN t4 smallint,
  ADD COLUMN t5 smallint, ADD COLUMN t6 smallint, ADD COLUMN t7 smallint,
  ADD COLUMN a_text text;
UPDATE bench_slv SET a = sl_vector(la), t = sl_vector(lt), ai = la[1] * 10 + la[2], ti = lt[1] * 10 + lt[2],
  a1 = la[1], a2 = la[2], a3 = la[3], a4 = la[4], a5 = la[5], a6 = la[6], a7 = la[7],
  t1 = lt[1], t2 = lt[2], t3 = lt[3], t4 = lt[4], t5 = lt[5], t6 = lt[6], t7 = lt[7],
  a_text = sl_vector(la)::text;
VACUUM FREEZE ANALYZE bench_slv;

-- the paths agree (a benchmark of a wrong answer proves nothing)
SELECT count(*) FILTER (WHERE sl_meets(a, t)) AS c_meets,
       count(*) FILTER (WHERE la[1] >= lt[1] AND la[2] >= lt[2] AND la[3] >= lt[3] AND la[4] >= lt[4]
                          AND la[5] >= lt[5] AND la[6] >= lt[6] AND la[7] >= lt[7]) AS sql_subscripts_meets,
       count(*) FILTER (WHERE (SELECT bool_and(x >= y) FROM unnest(la, lt) u(x, y))) AS sql_unnest_meets,
       count(*) FILTER (WHERE a1 >= t1 AND a2 >= t2 AND a3 >= t3 AND a4 >= t4 AND a5 >= t5 AND a6 >= t6 AND a7 >= t7)
         AS sql_columns_meets
FROM bench_slv;
SELECT count(*) FILTER (WHERE sl_levels(sl_gap(a, t)) <> ARRAY[greatest(lt[1] - la[1], 0), greatest(lt[2] - la[2], 0),
         greatest(lt[3] - la[3], 0), greatest(lt[4] - la[4], 0), greatest(lt[5] - la[5], 0), greatest(lt[6] - la[6], 0),
         greatest(lt[7] - la[7], 0)]) AS gap_disagreements
FROM bench_slv;
SELECT (SELECT max(a)::text FROM bench_slv WHERE a1 < 4 AND t7 < 3) AS c_max,
       (SELECT '{' || concat_ws(',', max(la[1]), max(la[2]), max(la[3]), max(la[4]), max(la[5]), max(la[6]), max(la[7])) || '}'
          FROM bench_slv WHERE a1 < 4 AND t7 < 3) AS sql_max;

-- pg_temp.median_ms(query, runs) comes from bench/lib/timing.sql
CREATE TEMP TABLE result AS
SELECT 'floor: count(ai >= ti), int4 columns' AS what,
       pg_temp.median_ms('SELECT count(*) FILTER (WHERE ai >= ti) FROM bench_slv', 7) AS ms
UNION ALL SELECT 'C: count(sl_meets(a, t))',
       pg_temp.median_ms('SELECT count(*) FILTER (WHERE sl_meets(a, t)) FROM bench_slv', 7)
UNION ALL SELECT 'SQL: 7 subscript comparisons over int[]',
       pg_temp.median_ms('SELECT count(*) FILTER (WHERE la[1] >= lt[1] AND la[2] >= lt[2] AND la[3] >= lt[3] AND la[4] >= lt[4]
                            AND la[5] >= lt[5] AND la[6] >= lt[6] AND la[7] >= lt[7]) FROM bench_slv', 7)
UNION ALL SELECT 'SQL: bool_and over unnest(int[], int[])',
       pg_temp.median_ms('SELECT count(*) FILTER (WHERE (SELECT bool_and(x >= y) FROM unnest(la, lt) u(x, y))) FROM bench_slv', 3)
UNION ALL SELECT 'SQL: 7 comparisons over smallint columns',
       pg_temp.median_ms('SELECT count(*) FILTER (WHERE a1 >= t1 AND a2 >= t2 AND a3 >= t3 AND a4 >= t4 AND a5 >= t5
                            AND a6 >= t6 AND a7 >= t7) FROM bench_slv', 7)
UNION ALL SELECT 'floor: max(ai), int4 column',
       pg_temp.median_ms('SELECT max(ai) FROM bench_slv', 7)
UNION ALL SELECT 'C: max(a), per-FR aggregate',
       pg_temp.median_ms('SELECT max(a) FROM bench_slv', 7)
UNION ALL SELECT 'SQL: seven max(la[i]) over int[]',
       pg_temp.median_ms('SELECT max(la[1]), max(la[2]), max(la[3]), max(la[4]), max(la[5]), max(la[6]), max(la[7]) FROM bench_slv', 7)
UNION ALL SELECT 'floor: sum(octet_length(a_text)), text',
       pg_temp.median_ms('SELECT sum(octet_length(a_text)) FROM bench_slv', 7)
UNION ALL SELECT 'C: parse count(a_text::sl_vector = a)',
       pg_temp.median_ms('SELECT count(*) FILTER (WHERE a_text::sl_vector = a) FROM bench_slv', 7)
UNION ALL SELECT 'floor: sum(ti - ai), int4 columns',
       pg_temp.median_ms('SELECT sum(ti - ai) FROM bench_slv', 7)
UNION ALL SELECT 'C: sum of sl_gap(a, t) over the FRs',
       pg_temp.median_ms('SELECT sum(sl_fr(g, ''IAC'') + sl_fr(g, ''UC'') + sl_fr(g, ''SI'') + sl_fr(g, ''DC'') + sl_fr(g, ''RDF'')
                            + sl_fr(g, ''TRE'') + sl_fr(g, ''RA'')) FROM (SELECT sl_gap(a, t) AS g FROM bench_slv) x', 7)
UNION ALL SELECT 'SQL: seven greatest(lt[i] - la[i], 0) over int[]',
       pg_temp.median_ms('SELECT sum(greatest(lt[1] - la[1], 0) + greatest(lt[2] - la[2], 0) + greatest(lt[3] - la[3], 0)
                            + greatest(lt[4] - la[4], 0) + greatest(lt[5] - la[5], 0) + greatest(lt[6] - la[6], 0)
                            + greatest(lt[7] - la[7], 0)) FROM bench_slv', 7);

\pset footer off
SELECT what, ms FROM result;
SELECT round((SELECT ms FROM result WHERE what LIKE 'C: count(sl_meets%') / (SELECT ms FROM result WHERE what LIKE 'floor: count%'), 2)
         AS "sl_meets / floor",
       round((SELECT ms FROM result WHERE what LIKE 'SQL: 7 subscript%') / (SELECT ms FROM result WHERE what LIKE 'C: count(sl_meets%'), 2)
         AS "SQL subscripts / C",
       round((SELECT ms FROM result WHERE what LIKE 'SQL: bool_and%') / (SELECT ms FROM result WHERE what LIKE 'C: count(sl_meets%'), 1)
         AS "SQL unnest / C",
       round((SELECT ms FROM result WHERE what LIKE 'SQL: 7 comparisons over smallint%') / (SELECT ms FROM result WHERE what LIKE 'C: count(sl_meets%'), 2)
         AS "SQL columns / C";
SELECT round((SELECT ms FROM result WHERE what LIKE 'C: max%') / (SELECT ms FROM result WHERE what LIKE 'floor: max%'), 2)
         AS "max(sl_vector) / floor",
       round((SELECT ms FROM result WHERE what LIKE 'SQL: seven max%') / (SELECT ms FROM result WHERE what LIKE 'C: max%'), 2)
         AS "SQL seven max / C",
       round((SELECT ms FROM result WHERE what LIKE 'C: parse%') / (SELECT ms FROM result WHERE what LIKE 'floor: sum(octet%'), 2)
         AS "parse / floor";
SELECT round((SELECT ms FROM result WHERE what LIKE 'C: sum of sl_gap%') / (SELECT ms FROM result WHERE what LIKE 'floor: sum(ti%'), 2)
         AS "sl_gap / floor",
       round((SELECT ms FROM result WHERE what LIKE 'SQL: seven greatest%') / (SELECT ms FROM result WHERE what LIKE 'C: sum of sl_gap%'), 2)
         AS "SQL / sl_gap";
SELECT pg_size_pretty(sum(pg_column_size(a) + pg_column_size(t))) AS "two sl_vector",
       pg_size_pretty(sum(pg_column_size(la) + pg_column_size(lt))) AS "two int[]"
FROM bench_slv;
