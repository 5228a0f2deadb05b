--
-- The risk_matrix type and the risk_level / risk_score lookups: the shipped 5x5 default listed in
-- full, every input form, every kind of malformed grid with its SQLSTATE and detail, coordinates
-- outside the grid, text and binary COPY, and the organisations' own matrices.
--
CREATE EXTENSION iec62443p2;
SET search_path = iec62443p2, public;

-- the shipped default: a product default (IEC 62443 prescribes no matrix), every cell
SELECT code, name, risk_matrix_likelihoods(matrix) AS likelihoods, risk_matrix_consequences(matrix) AS consequences,
       likelihood_labels, consequence_labels
FROM risk_matrix_default ORDER BY code;
SELECT c.likelihood, d.likelihood_labels[c.likelihood] AS likelihood_label,
       c.consequence, d.consequence_labels[c.consequence] AS consequence_label, c.level, c.score
FROM risk_matrix_default d CROSS JOIN LATERAL risk_matrix_cells(d.matrix) c
WHERE d.code = 'default'
ORDER BY c.likelihood, c.consequence;
-- the same grid as a heat map, rare at the top
SELECT c.likelihood AS "likelihood \ consequence",
       string_agg(rpad(c.level || ' ' || c.score, 11), '| ' ORDER BY c.consequence) AS "1 .. 5"
FROM risk_matrix_default d CROSS JOIN LATERAL risk_matrix_cells(d.matrix) c
WHERE d.code = 'default' GROUP BY c.likelihood ORDER BY c.likelihood;
-- the documented rule: score = likelihood x consequence; low 1-4, medium 5-9, high 10-16, critical 20-25
SELECT count(*) AS cells,
       count(*) FILTER (WHERE c.score <> c.likelihood * c.consequence) AS score_not_product,
       count(*) FILTER (WHERE c.level <> CASE WHEN c.score <= 4 THEN 'low' WHEN c.score <= 9 THEN 'medium'
                                              WHEN c.score <= 16 THEN 'high' ELSE 'critical' END) AS level_not_band
FROM risk_matrix_default d CROSS JOIN LATERAL risk_matrix_cells(d.matrix) c WHERE d.code = 'default';
SELECT level, count(*) AS cells, min(score), max(score)
FROM risk_matrix_default d CROSS JOIN LATERAL risk_matrix_cells(d.matrix) c WHERE d.code = 'default'
GROUP BY level ORDER BY min(score);

-- input: whitespace and case tolerated, output canonical (lowercase, no spaces, no trailing zeros)
SELECT '{{low:1}}'::risk_matrix AS one_cell,
       E' { { LOW : 1 , Medium:2.50 } ;\n { High:3.05, CRITICAL : 999999.99 } } '::risk_matrix AS spaced,
       '{{low:0,low:0.5};{low:1.25,low:3.00}}'::risk_matrix AS decimals,
       '{{critical:9,low:1};{low:1,critical:9}}'::risk_matrix AS not_monotone;
SELECT m, m::text::risk_matrix = m AS round_trip, risk_matrix_likelihoods(m) AS n, risk_matrix_consequences(m) AS m_cols
FROM (VALUES ('{{low:1,medium:2,high:3}}'::risk_matrix), ('{{low:1};{medium:2};{high:3}}')) t(m);
-- the largest grid, 10 x 10, scores likelihood x consequence x 1.25
CREATE TEMP TABLE big AS
SELECT ('{' || string_agg(row_text, ';' ORDER BY l) || '}')::risk_matrix AS m
FROM (SELECT l, '{' || string_agg((ARRAY['low','medium','high','critical'])[1 + (l * c) % 4] || ':' || (l * c * 1.25)::text,
                                  ',' ORDER BY c) || '}' AS row_text
      FROM generate_series(1, 10) l, generate_series(1, 10) c GROUP BY l) r;
SELECT risk_matrix_likelihoods(m), risk_matrix_consequences(m), octet_length(m::text) AS text_bytes,
       pg_column_size(m) AS stored_bytes, m::text::risk_matrix = m AS round_trip,
       (SELECT count(*) FROM risk_matrix_cells(m) c
         WHERE c.score <> c.likelihood * c.consequence * 1.25
            OR c.level <> (ARRAY['low','medium','high','critical'])[1 + (c.likelihood * c.consequence) % 4]) AS cells_wrong
FROM big;
SELECT risk_score(10, 10, m) AS corner, risk_score(1, 1, m) AS origin, risk_score(3, 7, m) AS three_seven FROM big;

-- malformed grids: 22P02 naming the type and the whole input, the detail naming the offending part
\set VERBOSITY default
SELECT '{{low:1,medium:2};{medium:2}}'::risk_matrix;
\echo :LAST_ERROR_SQLSTATE
SELECT '{{low:1,severe:2}}'::risk_matrix;
\echo :LAST_ERROR_SQLSTATE
\set VERBOSITY terse
CREATE FUNCTION pg_temp.refused(query text, OUT state text, OUT message text, OUT detail text)
LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE query;
  state := 'accepted';
EXCEPTION WHEN OTHERS THEN
  GET STACKED DIAGNOSTICS state = RETURNED_SQLSTATE, message = MESSAGE_TEXT, detail = PG_EXCEPTION_DETAIL;
END $$;
SELECT kind, input, r.state,
       r.message = format('invalid input syntax for type risk_matrix: "%s"', input) AS message_names_type_and_input,
       r.detail
FROM (VALUES
  ('empty', ''), ('empty', '  '), ('no rows', '{}'), ('empty row', '{{}}'), ('empty row', '{{low:1};{}}'),
  ('syntax', 'low:1'), ('syntax', '{low:1}'), ('syntax', '{{low 1}}'), ('syntax', '{{low:1,}}'), ('syntax', '{{low:1},{low:2}}'),
  ('syntax', '{{low:1};{low:2}'), ('syntax', '{{low:1}'), ('syntax', '{{low:}}'), ('syntax', '{{:1}}'),
  ('unknown level', '{{low:1,severe:2}}'), ('unknown level', '{{lo:1}}'),
  ('negative score', '{{low:1};{low:-2}}'),
  ('bad score', '{{low:3.}}'), ('bad score', '{{low:.5}}'), ('bad score', '{{low:1e3}}'), ('bad score', '{{low:3.125}}'),
  ('bad score', '{{low:0x10}}'), ('bad score', '{{low:NaN}}'), ('bad score', '{{low:-}}'),
  ('score range', '{{low:1000000}}'), ('score range', '{{low:99999999999999999999}}'),
  ('ragged', '{{low:1,medium:2};{medium:2}}'), ('ragged', '{{low:1};{medium:2,high:3}}'),
  ('too many rows', '{' || repeat('{low:1};', 10) || '{low:1}}'),
  ('too many consequences', '{{' || repeat('low:1,', 10) || 'low:1}}'),
  ('trailing', '{{low:1}} x'), ('trailing', '{{low:1}}}')
) AS t(kind, input)
CROSS JOIN LATERAL pg_temp.refused(format('SELECT %L::iec62443p2.risk_matrix', input)) r;

-- lookups: level and score of a cell; outside the grid is 22023 naming the coordinates and size
CREATE TEMP TABLE small AS SELECT '{{low:1,low:2,medium:3};{low:2,medium:4,high:6.5}}'::risk_matrix AS m;
SELECT l, c, risk_level(l, c, m), risk_score(l, c, m) FROM small, generate_series(1, 2) l, generate_series(1, 3) c ORDER BY l, c;
SELECT risk_level(NULL, 1, m) IS NULL AS strict_level, risk_score(1, 1, NULL) IS NULL AS strict_score FROM small;
\set VERBOSITY default
SELECT risk_level(3, 1, m) FROM small;
\echo :LAST_ERROR_SQLSTATE
\set VERBOSITY terse
SELECT q, r.state, r.message, r.detail FROM (VALUES
  ('SELECT iec62443p2.risk_level(3, 1, m) FROM small'),
  ('SELECT iec62443p2.risk_level(0, 1, m) FROM small'),
  ('SELECT iec62443p2.risk_score(1, 4, m) FROM small'),
  ('SELECT iec62443p2.risk_score(-1, 0, m) FROM small'),
  ('SELECT iec62443p2.risk_level(2147483647, 1, m) FROM small'),
  ('SELECT iec62443p2.risk_level(6, 1)'),
  ('SELECT iec62443p2.risk_score(1, 0)'),
  ('SELECT iec62443p2.risk_score(0, 6)')) AS t(q)
CROSS JOIN LATERAL pg_temp.refused(q) r;

-- without a matrix: the shipped default, cell for cell
SELECT count(*) AS cells,
       count(*) FILTER (WHERE risk_level(l, c) <> risk_level(l, c, d.matrix)
                           OR risk_score(l, c) <> risk_score(l, c, d.matrix)) AS differ_from_default
FROM risk_matrix_default d, generate_series(1, 5) l, generate_series(1, 5) c WHERE d.code = 'default';
SELECT risk_level(4, 5) AS likely_catastrophic, risk_score(4, 5) AS score, risk_level(1, 1) AS rare_insignificant;
-- marked truthfully: with a matrix IMMUTABLE, without one STABLE (it reads a table); all strict and parallel safe
SELECT p.oid::regprocedure AS function, p.provolatile AS volatility, p.proisstrict AS strict, p.proparallel AS parallel
FROM pg_proc p WHERE p.pronamespace = 'iec62443p2'::regnamespace AND p.proname IN ('risk_level', 'risk_score')
ORDER BY 1::text;

-- equality and hashing: same grid, same value, however it was written
SELECT '{{low:1,medium:2.5}}'::risk_matrix = ' { { LOW:1.00 , medium:2.50 } } ' AS same,
       '{{low:1,medium:2.5}}'::risk_matrix = '{{low:1,medium:2.51}}' AS other_score,
       '{{low:1,medium:2.5}}'::risk_matrix <> '{{low:1,high:2.5}}' AS other_level,
       '{{low:1};{low:1}}'::risk_matrix = '{{low:1,low:1}}' AS other_shape;
CREATE TEMP TABLE matrices (m risk_matrix);
INSERT INTO matrices SELECT matrix FROM risk_matrix_default;
INSERT INTO matrices SELECT matrix::text FROM risk_matrix_default;
INSERT INTO matrices SELECT m FROM small;
INSERT INTO matrices SELECT m FROM big;
INSERT INTO matrices VALUES ('{{ low : 1 , low:2, medium:3.0};{low:2,medium:4,high:6.50}}');
SET enable_sort = off;
EXPLAIN (COSTS off) SELECT m, count(*) FROM matrices GROUP BY m;
SELECT risk_matrix_likelihoods(m) AS n, risk_matrix_consequences(m) AS m_cols, count(*) FROM matrices GROUP BY m ORDER BY 1;
RESET enable_sort;
SELECT count(DISTINCT m::text) AS distinct_texts FROM matrices;

-- text and binary COPY keep every value
\copy matrices TO 'results/risk_matrix_text.copy'
\copy matrices TO 'results/risk_matrix_binary.copy' WITH (FORMAT binary)
CREATE TEMP TABLE from_text (m risk_matrix);
CREATE TEMP TABLE from_binary (m risk_matrix);
\copy from_text FROM 'results/risk_matrix_text.copy'
\copy from_binary FROM 'results/risk_matrix_binary.copy' WITH (FORMAT binary)
SELECT (SELECT count(*) FROM matrices) AS stored,
       (SELECT count(*) FROM (SELECT m FROM matrices EXCEPT ALL SELECT m FROM from_text) d) AS lost_by_text,
       (SELECT count(*) FROM (SELECT m FROM matrices EXCEPT ALL SELECT m FROM from_binary) d) AS lost_by_binary;
-- binary input is checked as strictly as text: layout version, 1..10 rows and columns, exactly 4
-- bytes per cell, every score at most 999999.99.  (A binary COPY of a bytea column has the framing
-- of a binary COPY of a risk_matrix column.)
SELECT risk_matrix_send('{{low:1,medium:2};{high:3,critical:999999.99}}') AS sent;
CREATE TEMP TABLE good_bytes AS SELECT risk_matrix_send('{{low:1,medium:2};{high:3,critical:4}}') AS b;
CREATE TEMP TABLE rejected (m risk_matrix);
\set VERBOSITY default
\copy (SELECT substr(b, 1, 2) FROM good_bytes) TO 'results/risk_matrix_short.copy' WITH (FORMAT binary)
\copy rejected FROM 'results/risk_matrix_short.copy' WITH (FORMAT binary)
\copy (SELECT set_byte(b, 0, 2) FROM good_bytes) TO 'results/risk_matrix_version.copy' WITH (FORMAT binary)
\copy rejected FROM 'results/risk_matrix_version.copy' WITH (FORMAT binary)
\copy (SELECT set_byte(b, 1, 0) FROM good_bytes) TO 'results/risk_matrix_no_rows.copy' WITH (FORMAT binary)
\copy rejected FROM 'results/risk_matrix_no_rows.copy' WITH (FORMAT binary)
\copy (SELECT set_byte(b, 2, 11) FROM good_bytes) TO 'results/risk_matrix_wide.copy' WITH (FORMAT binary)
\copy rejected FROM 'results/risk_matrix_wide.copy' WITH (FORMAT binary)
\copy (SELECT set_byte(b, 1, 3) FROM good_bytes) TO 'results/risk_matrix_size.copy' WITH (FORMAT binary)
\copy rejected FROM 'results/risk_matrix_size.copy' WITH (FORMAT binary)
\copy (SELECT b || '\x00'::bytea FROM good_bytes) TO 'results/risk_matrix_long.copy' WITH (FORMAT binary)
\copy rejected FROM 'results/risk_matrix_long.copy' WITH (FORMAT binary)
\copy (SELECT set_byte(b, 6, 63) FROM good_bytes) TO 'results/risk_matrix_score.copy' WITH (FORMAT binary)
\copy rejected FROM 'results/risk_matrix_score.copy' WITH (FORMAT binary)
\set VERBOSITY sqlstate
\copy rejected FROM 'results/risk_matrix_score.copy' WITH (FORMAT binary)
\set VERBOSITY terse
SELECT count(*) AS rows_written_by_failed_copies FROM rejected;
-- the level sits in the top two bits of a cell: every value of them is a level
\copy (SELECT set_byte(b, 6, 192) FROM good_bytes) TO 'results/risk_matrix_level.copy' WITH (FORMAT binary)
\copy rejected FROM 'results/risk_matrix_level.copy' WITH (FORMAT binary)
SELECT m AS first_cell_now_critical FROM rejected;

-- each organisation gets its own copy of the default, in use from the start
INSERT INTO organization (id, code, name) VALUES
  ('00000000-0000-4000-8000-000000000001', 'CRU', 'Cascade Regional Utilities'),
  ('00000000-0000-4000-8000-000000000002', 'OTH', 'Other Utility');
SELECT o.code, m.name, m.copied_from, m.matrix = d.matrix AS same_as_default, m.likelihood_labels = d.likelihood_labels AS labels_copied,
       s.risk_matrix_id = m.id AS in_use
FROM organization o
JOIN organization_risk_matrix m ON m.organization_id = o.id
JOIN organization_settings s ON s.organization_id = o.id
JOIN risk_matrix_default d ON d.code = m.copied_from
ORDER BY o.code;
-- OTH replaces its matrix by a 3 x 3 of its own and puts it in use
INSERT INTO organization_risk_matrix (organization_id, id, name, matrix, likelihood_labels, consequence_labels) VALUES
  ('00000000-0000-4000-8000-000000000002', '00000000-0000-4000-8000-0000000000b3', 'OTH 3x3',
   '{{low:1,low:2,medium:3};{low:2,medium:4,high:6};{medium:3,high:6,critical:9}}', '{low,medium,high}', '{minor,major,severe}');
UPDATE organization_settings SET risk_matrix_id = '00000000-0000-4000-8000-0000000000b3'
 WHERE organization_id = '00000000-0000-4000-8000-000000000002';
-- one query scores every risk with its organisation's matrix
CREATE TEMP TABLE risk (organization_id uuid, title text, likelihood int, consequence int);
INSERT INTO risk VALUES
  ('00000000-0000-4000-8000-000000000001', 'ransomware on HMIs', 4, 5),
  ('00000000-0000-4000-8000-000000000001', 'USB malware on a PLC', 2, 3),
  ('00000000-0000-4000-8000-000000000002', 'ransomware on HMIs', 3, 3),
  ('00000000-0000-4000-8000-000000000002', 'USB malware on a PLC', 1, 2);
SELECT o.code, r.title, r.likelihood, r.consequence, risk_level(r.likelihood, r.consequence, m.matrix) AS level,
       risk_score(r.likelihood, r.consequence, m.matrix) AS score,
       m.likelihood_labels[r.likelihood] AS likelihood_label, m.consequence_labels[r.consequence] AS consequence_label
FROM risk r
JOIN organization o ON o.id = r.organization_id
JOIN organization_settings s ON s.organization_id = r.organization_id
JOIN organization_risk_matrix m ON m.organization_id = s.organization_id AND m.id = s.risk_matrix_id
ORDER BY o.code, r.title;
-- re-initialising adds nothing: the organisation's choice stays
SELECT initialize_organization_settings('00000000-0000-4000-8000-000000000001');
SELECT initialize_organization_settings('00000000-0000-4000-8000-000000000002');
SELECT o.code, count(*) AS matrices, (SELECT m.name FROM organization_risk_matrix m JOIN organization_settings s
                                        ON s.organization_id = m.organization_id AND s.risk_matrix_id = m.id
                                       WHERE m.organization_id = o.id) AS in_use
FROM organization o JOIN organization_risk_matrix m ON m.organization_id = o.id GROUP BY o.id, o.code ORDER BY o.code;
-- refused: labels that do not fit the grid, a malformed grid, a matrix in use, another organisation's matrix
INSERT INTO organization_risk_matrix (organization_id, name, matrix, likelihood_labels) VALUES
  ('00000000-0000-4000-8000-000000000001', 'two labels', '{{low:1};{low:2};{low:3}}', '{a,b}');
\echo :LAST_ERROR_SQLSTATE
INSERT INTO organization_risk_matrix (organization_id, name, matrix) VALUES
  ('00000000-0000-4000-8000-000000000001', 'ragged', '{{low:1};{low:2,low:3}}');
\echo :LAST_ERROR_SQLSTATE
INSERT INTO organization_risk_matrix (organization_id, name, matrix) VALUES
  ('00000000-0000-4000-8000-000000000001', '5x5 likelihood x consequence', '{{low:1}}');
\echo :LAST_ERROR_SQLSTATE
DELETE FROM organization_risk_matrix WHERE id = '00000000-0000-4000-8000-0000000000b3';
\echo :LAST_ERROR_SQLSTATE
UPDATE organization_settings SET risk_matrix_id = '00000000-0000-4000-8000-0000000000b3'
 WHERE organization_id = '00000000-0000-4000-8000-000000000001';
\echo :LAST_ERROR_SQLSTATE
SELECT count(*) AS matrices FROM organization_risk_matrix;

-- the shipped default is read under the caller's search_path: a hostile operator there is not used
CREATE SCHEMA hostile;
CREATE FUNCTION hostile.hijacked(text, text) RETURNS boolean LANGUAGE plpgsql
  AS $$ BEGIN RAISE EXCEPTION 'hostile = (text, text) called'; END $$;
CREATE OPERATOR hostile.= (LEFTARG = text, RIGHTARG = text, FUNCTION = hostile.hijacked);
CREATE TABLE hostile.risk_matrix_default (code text, matrix text);
SET search_path = hostile, pg_catalog, iec62443p2;
SELECT iec62443p2.risk_level(4, 5) AS level, iec62443p2.risk_score(4, 5) AS score;
SET search_path = iec62443p2, public;
DROP SCHEMA hostile CASCADE;

DISCARD TEMP;
RESET search_path;
DROP EXTENSION iec62443p2;
DROP SCHEMA iec62443p2;
