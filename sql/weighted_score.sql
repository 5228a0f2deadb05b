--
-- weighted_score: the seed's supplier example gives 7.1, exactly; pairs with a NULL are skipped;
-- no positive weight gives NULL; bad weights are 22023; the result equals sum(s*w)/sum(w) value
-- and scale; parallel plans use a Partial Aggregate and give the same answer.
-- supplier_risk_level: the seed's thresholds as shipped data, explicit thresholds, bad input 22023.
--
CREATE EXTENSION iec62443p2;
SET search_path = iec62443p2, public;

-- the seed: policy 0.2, controls 0.3, incidents 0.2, compliance 0.2, improvement 0.1
CREATE TEMP TABLE seed_assessment (criterion text, score numeric, weight numeric);
INSERT INTO seed_assessment VALUES
  ('policy', 8, 0.2), ('controls', 6, 0.3), ('incidents', 9, 0.2), ('compliance', 7, 0.2), ('improvement', 5, 0.1);
SELECT weighted_score(score, weight), weighted_score(score, weight) = 7.1 AS is_7_1,
       supplier_risk_level(weighted_score(score, weight)) AS risk_level
FROM seed_assessment;
-- the output scale is numeric division's own: the same value and scale as sum(s*w)/sum(w)
SELECT weighted_score(score, weight)::text = trim_scale(sum(score * weight) / sum(weight))::text AS same_as_sql,
       round(weighted_score(score, weight), 2) AS rounded
FROM seed_assessment;
-- weights need not sum to 1; order does not matter
SELECT weighted_score(score, weight * 10) AS weights_times_10,
       weighted_score(score, weight ORDER BY criterion DESC) AS reordered
FROM seed_assessment;

-- NULL score or weight: the pair is skipped
SELECT weighted_score(s, w) FROM (VALUES (8, 0.5), (NULL, 0.5), (2, NULL), (4, 0.5)) v(s, w);
-- no pair with a positive weight: NULL (no rows, only NULLs, only zero weights)
SELECT weighted_score(s, w) IS NULL AS no_rows FROM (VALUES (1::numeric, 1::numeric)) v(s, w) WHERE false;
SELECT weighted_score(s, w) IS NULL AS only_nulls FROM (VALUES (NULL::numeric, 1::numeric), (1, NULL)) v(s, w);
SELECT weighted_score(s, w) IS NULL AS zero_weights FROM (VALUES (8::numeric, 0::numeric), (6, 0.0)) v(s, w);
-- a zero weight beside positive ones counts for nothing
SELECT weighted_score(s, w) FROM (VALUES (10, 0), (6, 1), (2, 1)) v(s, w);
-- exact: no binary floating point anywhere
SELECT weighted_score(s, w) FROM (VALUES (0.1, 1), (0.2, 1), (0.3, 1)) v(s, w);
SELECT weighted_score(s, w) FROM (VALUES (1, 1), (2, 2)) v(s, w);
SELECT weighted_score(s, w) FROM (VALUES (1e30, 1e-30), (1, 1)) v(s, w);
SELECT weighted_score(s, w) FROM (VALUES (-3.5, 2), (1.5, 2)) v(s, w);
-- integer arguments are cast to numeric
SELECT weighted_score(s, w) FROM (VALUES (7, 3), (9, 1)) v(s, w);
-- per group, as a window
SELECT g, weighted_score(s, w) OVER (PARTITION BY g) FROM (VALUES ('a', 1, 1), ('a', 3, 3), ('b', 5, 1)) v(g, s, w) ORDER BY g;

-- bad weights and scores: 22023, the value named
SELECT weighted_score(s, w) FROM (VALUES (8, 0.2), (6, -0.3)) v(s, w);
\echo :LAST_ERROR_SQLSTATE
SELECT weighted_score(s, w) FROM (VALUES (8, 'NaN'::numeric)) v(s, w);
\echo :LAST_ERROR_SQLSTATE
SELECT weighted_score(s, w) FROM (VALUES (8, 'Infinity'::numeric)) v(s, w);
SELECT weighted_score(s, w) FROM (VALUES ('-Infinity'::numeric, 1)) v(s, w);
\echo :LAST_ERROR_SQLSTATE

-- parallel aggregation: a large table, parallel plans forced by cost settings
CREATE TABLE public.ws_big AS
SELECT g % 1000 AS grp, ((g * 7919) % 1001) / 100.0 AS s, ((g * 104729) % 997 + 1) / 1000.0 AS w
FROM generate_series(1::bigint, 300000) g;
UPDATE ws_big SET w = NULL WHERE grp = 7;
UPDATE ws_big SET w = 0 WHERE grp = 8;
ANALYZE ws_big;
SET max_parallel_workers_per_gather = 0;
CREATE TEMP TABLE serial_total AS SELECT weighted_score(s, w) AS ws FROM ws_big;
CREATE TEMP TABLE serial_groups AS SELECT grp, weighted_score(s, w) AS ws FROM ws_big GROUP BY grp;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
SET parallel_leader_participation = off;
EXPLAIN (COSTS OFF) SELECT weighted_score(s, w) FROM ws_big;
-- the parallel answer is the serial one, digit for digit, and sum(s*w)/sum(w)'s
SELECT p.ws, p.ws::text = s.ws::text AS same_as_serial, p.ws::text = q.ref::text AS same_as_sql
FROM (SELECT weighted_score(s, w) AS ws FROM ws_big) p, serial_total s,
     (SELECT sum(s * w) / sum(w) AS ref FROM ws_big WHERE s IS NOT NULL AND w IS NOT NULL) q;
EXPLAIN (COSTS OFF) SELECT grp, weighted_score(s, w) FROM ws_big GROUP BY grp;
SELECT count(*) AS groups,
       count(*) FILTER (WHERE p.ws::text IS NOT DISTINCT FROM s.ws::text) AS same_as_serial,
       count(*) FILTER (WHERE p.ws IS NULL) AS null_groups
FROM (SELECT grp, weighted_score(s, w) AS ws FROM ws_big GROUP BY grp) p JOIN serial_groups s USING (grp);
RESET parallel_leader_participation;
RESET max_parallel_workers_per_gather;
RESET min_parallel_table_scan_size;
RESET parallel_tuple_cost;
RESET parallel_setup_cost;
DROP TABLE public.ws_big;

-- supplier_risk_level with the shipped default thresholds (the seed's), stored as data
SELECT settings_profile, critical, high, medium FROM supplier_risk_threshold ORDER BY settings_profile;
SELECT score, supplier_risk_level(score)
FROM unnest(ARRAY[0, 4.99, 5.0, 6.49, 6.5, 7.1, 7.99, 8.0, 10]::numeric[]) score;
-- explicit thresholds {critical, high, medium}
SELECT score, supplier_risk_level(score, '{9, 7, 3}')
FROM unnest(ARRAY[2.99, 3, 6.99, 7, 8.99, 9]::numeric[]) score;
SELECT supplier_risk_level(0, '{10, 0.2, 0}') AS lowest_cut_offs, supplier_risk_level(10, '{10, 0.2, 0}') AS at_ten;
-- the one-argument form reads the table: a changed default is used at once
BEGIN;
UPDATE supplier_risk_threshold SET high = 7.5 WHERE settings_profile = 'default';
SELECT supplier_risk_level(7.1) AS with_high_7_5;
ROLLBACK;
SELECT supplier_risk_level(7.1) AS with_high_6_5;
-- the table keeps its cut-offs descending within 0..10
UPDATE supplier_risk_threshold SET medium = 7 WHERE settings_profile = 'default';
\echo :LAST_ERROR_SQLSTATE
-- NULL in, NULL out
SELECT supplier_risk_level(NULL) IS NULL AS null_score, supplier_risk_level(5, NULL) IS NULL AS null_thresholds;

-- bad thresholds and scores: 22023
SELECT supplier_risk_level(7, '{8, 6.5}');
\echo :LAST_ERROR_SQLSTATE
SELECT supplier_risk_level(7, '{9, 8, 6.5, 5}');
SELECT supplier_risk_level(7, '{}');
SELECT supplier_risk_level(7, '{8, NULL, 5}');
SELECT supplier_risk_level(7, '{5, 6.5, 8}');
SELECT supplier_risk_level(7, '{8, 8, 5}');
SELECT supplier_risk_level(7, '{10.5, 6.5, 5}');
SELECT supplier_risk_level(7, '{8, 6.5, -1}');
SELECT supplier_risk_level(7, '{8, NaN, 5}');
SELECT supplier_risk_level(7, '{{8, 6.5, 5}}');
\echo :LAST_ERROR_SQLSTATE
SELECT supplier_risk_level(10.01);
SELECT supplier_risk_level(-0.1, '{8, 6.5, 5}');
SELECT supplier_risk_level('NaN');
\echo :LAST_ERROR_SQLSTATE

-- how the functions are marked
SELECT p.oid::regprocedure AS function, p.prokind AS kind, p.provolatile AS volatility, p.proisstrict AS strict,
       p.proparallel AS parallel
FROM pg_proc p WHERE p.pronamespace = 'iec62443p2'::regnamespace
  AND (p.proname LIKE 'weighted_score%' OR p.proname = 'supplier_risk_level') ORDER BY p.oid::regprocedure::text;
SELECT a.aggfnoid::regprocedure AS aggregate, a.aggtransfn, a.aggcombinefn, a.aggserialfn, a.aggdeserialfn, a.aggfinalfn
FROM pg_aggregate a WHERE a.aggfnoid = 'weighted_score(numeric, numeric)'::regprocedure;

DROP EXTENSION iec62443p2;
DROP SCHEMA iec62443p2;
