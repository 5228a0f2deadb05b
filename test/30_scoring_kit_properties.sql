-- Properties of the scoring kit's types over many generated values: sl_vector's per-FR lattice
-- (meets, gap, max, min and the aggregates agree with each other) and the risk matrix lookups;
-- errors pinned by SQLSTATE and message; volatility and parallel safety as declared.
BEGIN;
SET client_min_messages = warning;
SET LOCAL search_path = public, iec62443p2;
SELECT plan(16);

SELECT setseed(0.314);
CREATE TEMP TABLE slv_pair AS
SELECT iec62443p2.sl_vector(ARRAY(SELECT floor(random() * 5)::int + 0 * g FROM generate_series(1, 7) k)) AS a,
       iec62443p2.sl_vector(ARRAY(SELECT floor(random() * 5)::int + 0 * g FROM generate_series(1, 7) k)) AS b
FROM generate_series(1, 20000) g;

SELECT is((SELECT count(DISTINCT a) > 15000 FROM slv_pair), true, 'the generated vectors are varied');

SELECT is_empty($$
  SELECT a, b FROM slv_pair
  WHERE NOT iec62443p2.sl_meets(iec62443p2.sl_max(a, b), a) OR NOT iec62443p2.sl_meets(iec62443p2.sl_max(a, b), b)
     OR NOT iec62443p2.sl_meets(a, iec62443p2.sl_min(a, b)) OR NOT iec62443p2.sl_meets(b, iec62443p2.sl_min(a, b)) $$,
  'sl_max meets both inputs, and both inputs meet sl_min');

SELECT is_empty($$
  SELECT a, b FROM slv_pair
  WHERE iec62443p2.sl_meets(a, b) <> (iec62443p2.sl_gap(a, b) = '{0,0,0,0,0,0,0}')
     OR iec62443p2.sl_meets(a, b) <> (iec62443p2.sl_max(a, b) = a)
     OR iec62443p2.sl_meets(a, b) <> (iec62443p2.sl_min(a, b) = b) $$,
  'meets exactly when the gap is zero, when max(a, b) = a and when min(a, b) = b');

SELECT is_empty($$
  SELECT a, b FROM slv_pair WHERE iec62443p2.sl_meets(a, b) AND iec62443p2.sl_meets(b, a) AND a <> b $$,
  'meets is antisymmetric: a meets b and b meets a only when a = b');

SELECT is_empty($$
  SELECT a, b FROM slv_pair
  WHERE EXISTS (SELECT 1 FROM unnest(iec62443p2.sl_levels(a), iec62443p2.sl_levels(iec62443p2.sl_gap(a, b)),
                                     iec62443p2.sl_levels(b)) u(x, gap, y)
                WHERE gap <> greatest(y - x, 0)) $$,
  'the gap closes exactly the shortfall on each FR, and is zero where the target is met');

SELECT is_empty($$
  WITH agg AS (SELECT iec62443p2.max(a) AS hi, iec62443p2.min(a) AS lo FROM slv_pair)
  SELECT a FROM slv_pair, agg WHERE NOT iec62443p2.sl_meets(hi, a) OR NOT iec62443p2.sl_meets(a, lo) $$,
  'max(sl_vector) meets every row and every row meets min(sl_vector)');

SELECT is((SELECT iec62443p2.max(a)::text || iec62443p2.min(a)::text FROM slv_pair),
          '{4,4,4,4,4,4,4}{0,0,0,0,0,0,0}', 'over many rows the per-FR extremes are reached');

SELECT throws_ok($$ SELECT '{2,2,1,1,2,3}'::iec62443p2.sl_vector $$, '22P02',
  'invalid input syntax for type sl_vector: "{2,2,1,1,2,3}"', 'a vector of six levels is refused');
SELECT throws_ok($$ SELECT 'IAC:2,UC:2,SI:1,DC:1,RDF:2,TRE:3,IAC:1'::iec62443p2.sl_vector $$, '22P02',
  'invalid input syntax for type sl_vector: "IAC:2,UC:2,SI:1,DC:1,RDF:2,TRE:3,IAC:1"', 'a repeated FR is refused');
SELECT throws_ok($$ SELECT iec62443p2.sl_fr('{2,2,1,1,2,3,1}', 'AV') $$, '22023',
  'unknown foundational requirement "AV"', 'an unknown FR name is refused');
SELECT throws_ok($$ SELECT '{{low:1,low:2};{low:2}}'::iec62443p2.risk_matrix $$, '22P02',
  'invalid input syntax for type risk_matrix: "{{low:1,low:2};{low:2}}"', 'a ragged grid is refused');
SELECT throws_ok($$ SELECT iec62443p2.risk_level(6, 1) $$, '22023',
  'risk matrix cell (likelihood 6, consequence 1) is outside the 5x5 grid', 'a likelihood outside the default grid is refused');

-- random grids: risk_matrix_cells, risk_level and risk_score agree with the text they were parsed from
CREATE TEMP TABLE grid AS
SELECT g, n, m, cells,
       ('{' || (SELECT string_agg('{' || (SELECT string_agg(cells[(r - 1) * m + c], ',' ORDER BY c)
                                           FROM generate_series(1, m) c) || '}', ';' ORDER BY r)
                FROM generate_series(1, n) r) || '}')::iec62443p2.risk_matrix AS matrix
FROM (SELECT g, n, m,
             ARRAY(SELECT (ARRAY['low','medium','high','critical'])[1 + floor(random() * 4)::int] || ':'
                          || round(floor(random() * 100000000)::numeric / 100, 2)::text || substr(g::text, 1, 0)
                   FROM generate_series(1, n * m)) AS cells
      FROM (SELECT g, 1 + floor(random() * 10)::int AS n, 1 + floor(random() * 10)::int AS m
            FROM generate_series(1, 300) g) s) t;
SELECT is_empty($$
  SELECT g, c.likelihood, c.consequence FROM grid CROSS JOIN LATERAL iec62443p2.risk_matrix_cells(matrix) c
  WHERE c.level <> split_part(cells[(c.likelihood - 1) * m + c.consequence], ':', 1)
     OR c.score <> split_part(cells[(c.likelihood - 1) * m + c.consequence], ':', 2)::numeric
     OR c.level <> iec62443p2.risk_level(c.likelihood, c.consequence, matrix)
     OR c.score <> iec62443p2.risk_score(c.likelihood, c.consequence, matrix) $$,
  'every cell of 300 random grids reads back as written');
SELECT is((SELECT sum(n * m) FROM grid), (SELECT count(*) FROM grid CROSS JOIN LATERAL iec62443p2.risk_matrix_cells(matrix)),
  'risk_matrix_cells lists every cell once');

SELECT is_empty($$
  SELECT p.oid::regprocedure::text FROM pg_proc p
  WHERE p.pronamespace = 'iec62443p2'::regnamespace
    AND (p.proname LIKE 'sl\_%' OR p.proname LIKE 'risk\_matrix%'
         OR (p.proname IN ('risk_level', 'risk_score') AND p.pronargs = 3))
    AND p.prokind = 'f'
    AND NOT (p.provolatile = 'i' AND p.proisstrict AND p.proparallel = 's') $$,
  'sl_vector and risk_matrix functions are IMMUTABLE STRICT PARALLEL SAFE');

INSERT INTO iec62443p2.organization (code, name) SELECT 'PROP' || g, 'Property org ' || g FROM generate_series(1, 5) g;
SELECT is_empty($$
  SELECT o.code FROM iec62443p2.organization o
  LEFT JOIN iec62443p2.organization_settings s ON s.organization_id = o.id
  LEFT JOIN iec62443p2.organization_risk_matrix m ON m.organization_id = s.organization_id AND m.id = s.risk_matrix_id
  WHERE o.code LIKE 'PROP%' AND m.matrix IS DISTINCT FROM
        (SELECT d.matrix FROM iec62443p2.risk_matrix_default d WHERE d.code = 'default') $$,
  'every new organisation uses its own copy of the shipped default matrix');

SELECT * FROM finish();
ROLLBACK;
