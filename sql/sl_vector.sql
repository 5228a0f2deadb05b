--
-- The sl_vector type: IEC 62443 security-level vectors over FR1..FR7.  Both text forms, every kind
-- of bad input with its SQLSTATE and detail, the functions checked against the same logic in plain
-- SQL over all 78125 vectors, aggregates (also in a parallel plan), hashing and sorting, text and
-- binary COPY, and the SL-T / SL-A columns of zones and conduits.
--
CREATE EXTENSION iec62443p2;
SET search_path = iec62443p2, public;

-- input: the positional form in FR order, and the named form in any order
SELECT '{2,2,1,1,2,3,1}'::sl_vector AS positional,
       ' { 2 , 2,1,1, 2,3 ,1 } '::sl_vector AS spaced,
       'IAC:2,UC:2,SI:1,DC:1,RDF:2,TRE:3,RA:1'::sl_vector AS named,
       'ra:1, tre:3, rdf:2, dc:1, si:1, uc:2, iac:2'::sl_vector AS named_any_order,
       'FR1:2,FR2:2,FR3:1,FR4:1,FR5:2,FR6:3,FR7:1'::sl_vector AS fr_numbers,
       '{IAC:2,UC:2,SI:1,DC:1,RDF:2,TRE:3,RA:1}'::sl_vector AS named_braced;
SELECT '{0,0,0,0,0,0,0}'::sl_vector AS lowest, '{4,4,4,4,4,4,4}'::sl_vector AS highest,
       pg_column_size('{4,4,4,4,4,4,4}'::sl_vector) AS bytes;
SELECT 'IAC:2,UC:2,SI:1,DC:1,RDF:2,TRE:3,RA:1'::sl_vector = '{2,2,1,1,2,3,1}' AS same_value,
       '{2,2,1,1,2,3,1}'::sl_vector <> '{2,2,1,1,2,3,2}' AS different_value;
-- casts: text and varchar on assignment and explicitly, back to text
CREATE TEMP TABLE assigned (v sl_vector);
INSERT INTO assigned VALUES ('{1,1,1,1,1,1,1}'::text), ('IAC:3,UC:3,SI:3,DC:3,RDF:3,TRE:3,RA:3'::varchar);
SELECT v, v::text AS as_text, pg_typeof(v::text) FROM assigned ORDER BY 1;
SELECT sl_vector('{1,2,3,4,0,1,2}'), text(sl_vector('{1,2,3,4,0,1,2}'));

-- bad input: 22P02 naming the type and the whole input, the detail naming the offending part
\set VERBOSITY default
SELECT '{2,2,1,1,2,3}'::sl_vector;
\echo :LAST_ERROR_SQLSTATE
SELECT 'IAC:2,UC:2,SI:1,DC:1,RDF:2,TRE:3'::sl_vector;
\echo :LAST_ERROR_SQLSTATE
SELECT '{2,2,1,1,5,3,1}'::sl_vector;
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
       r.message = format('invalid input syntax for type sl_vector: "%s"', input) AS message_names_type_and_input,
       r.detail
FROM (VALUES
  ('empty', ''), ('empty', '   '),
  ('junk', 'high'), ('junk', '2,2,1,1,2,3,1'), ('junk', '[2,2,1,1,2,3,1]'), ('junk', '{2;2;1;1;2;3;1}'),
  ('junk', '{2,,1,1,2,3,1}'), ('junk', '{2,2,1,1,2,3,1'), ('junk', '{a,2,1,1,2,3,1}'), ('junk', '{2.0,2,1,1,2,3,1}'),
  ('junk', 'IAC=2,UC:2,SI:1,DC:1,RDF:2,TRE:3,RA:1'), ('junk', 'IAC:2 UC:2,SI:1,DC:1,RDF:2,TRE:3,RA:1'),
  ('junk', '{IAC:2,UC:2,SI:1,DC:1,RDF:2,TRE:3,RA:1'), ('junk', E'{2,2,1,1,2,3,\x01}'),
  ('wrong length', '{}'), ('wrong length', '{2}'), ('wrong length', '{2,2,1,1,2,3}'), ('wrong length', '{2,2,1,1,2,3,1,4}'),
  ('missing FR', 'IAC:2'), ('missing FR', 'IAC:2,UC:2,SI:1,DC:1,RDF:2,TRE:3'), ('missing FR', '{UC:2,SI:1,DC:1,RDF:2,TRE:3,RA:1}'),
  ('repeated FR', 'IAC:2,UC:2,SI:1,DC:1,RDF:2,TRE:3,IAC:1'), ('repeated FR', 'IAC:2,FR1:2,SI:1,DC:1,RDF:2,TRE:3,RA:1'),
  ('unknown FR', 'IAC:2,UC:2,SI:1,DC:1,RDF:2,TRE:3,AV:1'), ('unknown FR', 'FR8:2,UC:2,SI:1,DC:1,RDF:2,TRE:3,RA:1'),
  ('level range', '{5,2,1,1,2,3,1}'), ('level range', '{2,2,1,1,2,3,-1}'), ('level range', '{2,2,1,1,2,3,99999999999}'),
  ('level range', 'IAC:2,UC:2,SI:1,DC:1,RDF:7,TRE:3,RA:1'), ('level range', '{2,2,1,1,2,3,-01}'),
  ('level form', '{-0,2,1,1,2,3,1}'), ('level form', '{2,01,1,1,2,3,1}'), ('level form', '{2,2,1,1,2,3,00}'),
  ('level form', 'IAC:2,UC:2,SI:1,DC:004,RDF:2,TRE:3,RA:1'), ('level form', 'IAC:2,UC:2,SI:1,DC:1,RDF:2,TRE:3,RA:-0'),
  ('trailing', '{2,2,1,1,2,3,1} x'), ('trailing', '{2,2,1,1,2,3,1}{2,2,1,1,2,3,1}'),
  ('trailing', 'IAC:2,UC:2,SI:1,DC:1,RDF:2,TRE:3,RA:1,')
) AS t(kind, input)
CROSS JOIN LATERAL pg_temp.refused(format('SELECT %L::iec62443p2.sl_vector', input)) r;

-- constructor and levels: 22023 for a wrong array, 22004 for a NULL level
SELECT sl_vector(ARRAY[2,2,1,1,2,3,1]) AS from_levels, sl_levels('{2,2,1,1,2,3,1}') AS levels,
       (sl_levels('{2,2,1,1,2,3,1}'))[6] AS tre;
SELECT q, r.state, r.message FROM (VALUES
  ('SELECT iec62443p2.sl_vector(ARRAY[2,2,1,1,2,3])'),
  ('SELECT iec62443p2.sl_vector(ARRAY[2,2,1,1,2,3,1,1])'),
  ('SELECT iec62443p2.sl_vector(''{}''::int[])'),
  ('SELECT iec62443p2.sl_vector(ARRAY[[2,2,1,1,2,3,1]])'),
  ('SELECT iec62443p2.sl_vector(ARRAY[2,2,1,1,5,3,1])'),
  ('SELECT iec62443p2.sl_vector(ARRAY[2,2,1,1,2,3,-1])'),
  ('SELECT iec62443p2.sl_vector(ARRAY[2,2,NULL,1,2,3,1])')) AS t(q)
CROSS JOIN LATERAL pg_temp.refused(q) r;

-- sl_fr: every name and number, any case; an unknown FR is 22023
SELECT f, sl_fr('{0,1,2,3,4,0,1}', f) FROM unnest(ARRAY['IAC','UC','SI','DC','RDF','TRE','RA','fr1','Fr7','iac']) f;
SELECT sl_fr('{0,1,2,3,4,0,1}', 'FR8');
\echo :LAST_ERROR_SQLSTATE
SELECT sl_fr('{0,1,2,3,4,0,1}', '');
\echo :LAST_ERROR_SQLSTATE

-- sl_meets and sl_gap on named cases
SELECT achieved, target, sl_meets(achieved::sl_vector, target::sl_vector), sl_gap(achieved::sl_vector, target::sl_vector)
FROM (VALUES ('{2,2,1,1,2,3,1}', '{2,2,1,1,2,3,1}'),
             ('{3,3,3,3,3,3,3}', '{2,2,1,1,2,3,1}'),
             ('{2,2,1,1,2,2,1}', '{2,2,1,1,2,3,1}'),
             ('{0,0,0,0,0,0,0}', '{4,4,4,4,4,4,4}'),
             ('{4,0,4,0,4,0,4}', '{1,1,1,1,1,1,1}')) t(achieved, target);
SELECT sl_meets(NULL, '{1,1,1,1,1,1,1}') IS NULL AS strict_meets, sl_gap('{1,1,1,1,1,1,1}', NULL) IS NULL AS strict_gap;

-- every vector: its text round-trips, its named form parses to it, the levels agree
CREATE TEMP TABLE every AS
SELECT ARRAY[a, b, c, d, e, f, g] AS levels
FROM generate_series(0, 4) a, generate_series(0, 4) b, generate_series(0, 4) c, generate_series(0, 4) d,
     generate_series(0, 4) e, generate_series(0, 4) f, generate_series(0, 4) g;
ALTER TABLE every ADD COLUMN v sl_vector;
UPDATE every SET v = sl_vector(levels);
SELECT count(*) AS vectors,
       count(*) FILTER (WHERE v::text::sl_vector <> v) AS text_round_trip_wrong,
       count(*) FILTER (WHERE v::text <> '{' || array_to_string(levels, ',') || '}') AS text_wrong,
       count(*) FILTER (WHERE format('RA:%s,TRE:%s,RDF:%s,DC:%s,SI:%s,UC:%s,IAC:%s', levels[7], levels[6], levels[5],
                                     levels[4], levels[3], levels[2], levels[1])::sl_vector <> v) AS named_wrong,
       count(*) FILTER (WHERE sl_levels(v) <> levels) AS levels_wrong,
       count(*) FILTER (WHERE sl_fr(v, 'RDF') <> levels[5]) AS sl_fr_wrong,
       count(*) FILTER (WHERE NOT sl_meets(v, v) OR sl_gap(v, v) <> '{0,0,0,0,0,0,0}') AS self_wrong
FROM every;
-- distinct values: as many as vectors, by hashing and by sorting
SET enable_sort = off;
EXPLAIN (COSTS off) SELECT count(*) FROM (SELECT v FROM every GROUP BY v) g;
SELECT count(*) AS hash_groups FROM (SELECT v FROM every GROUP BY v) g;
RESET enable_sort;
SET enable_hashagg = off;
SELECT count(DISTINCT v) AS sorted_distinct FROM every;
RESET enable_hashagg;
-- the sort order is the order of the text, a total order, and not dominance
SELECT bool_and(a.v ~<~ b.v AND a.v::text < b.v::text COLLATE "C") AS sorted_as_text
FROM (SELECT v, row_number() OVER (ORDER BY v) n FROM every) a
JOIN (SELECT v, row_number() OVER (ORDER BY v) n FROM every) b ON b.n = a.n + 1;
SELECT '{1,4,4,4,4,4,4}'::sl_vector ~<~ '{2,0,0,0,0,0,0}' AS sorts_before,
       sl_meets('{1,4,4,4,4,4,4}', '{2,0,0,0,0,0,0}') AS meets;
-- there is deliberately no < or >= on sl_vector
SELECT '{1,1,1,1,1,1,1}'::sl_vector >= '{1,1,1,1,1,1,1}'::sl_vector;
\echo :LAST_ERROR_SQLSTATE
CREATE INDEX every_v_idx ON every (v);
SET enable_seqscan = off;
SELECT count(*) AS found_by_index FROM every WHERE v = '{2,2,1,1,2,3,1}';
SELECT v FROM every WHERE v ~>=~ '{4,4,4,4,4,4,3}' ORDER BY v;
RESET enable_seqscan;

-- pairs: sl_meets, sl_gap, sl_max, sl_min agree with the same logic over the arrays
SELECT setseed(0.62443);
CREATE TEMP TABLE pairs AS
SELECT a.v AS a, a.levels AS la, b.v AS b, b.levels AS lb
FROM (SELECT v, levels, row_number() OVER (ORDER BY random()) n FROM every) a
JOIN (SELECT v, levels, row_number() OVER (ORDER BY random()) n FROM every) b ON b.n = a.n;
INSERT INTO pairs SELECT v, levels, sl_vector(ARRAY(SELECT greatest(x - 1, 0) FROM unnest(levels) x)),
                         ARRAY(SELECT greatest(x - 1, 0) FROM unnest(levels) x) FROM every;
SELECT count(*) AS pairs,
       count(*) FILTER (WHERE sl_meets(a, b)) AS meeting,
       count(*) FILTER (WHERE sl_meets(a, b) <> (SELECT bool_and(x >= y) FROM unnest(la, lb) u(x, y))) AS meets_wrong,
       count(*) FILTER (WHERE sl_levels(sl_gap(a, b)) <> ARRAY(SELECT greatest(y - x, 0) FROM unnest(la, lb) u(x, y))) AS gap_wrong,
       count(*) FILTER (WHERE sl_levels(sl_max(a, b)) <> ARRAY(SELECT greatest(x, y) FROM unnest(la, lb) u(x, y))) AS max_wrong,
       count(*) FILTER (WHERE sl_levels(sl_min(a, b)) <> ARRAY(SELECT least(x, y) FROM unnest(la, lb) u(x, y))) AS min_wrong,
       count(*) FILTER (WHERE sl_meets(a, b) <> (sl_gap(a, b) = '{0,0,0,0,0,0,0}')) AS gap_meets_disagree
FROM pairs;

-- aggregates work FR by FR: the result need not be any of the inputs; NULLs are skipped
CREATE TEMP TABLE component (zone text, sl_c sl_vector);
INSERT INTO component VALUES
  ('control', '{2,2,1,1,2,3,1}'), ('control', '{3,1,2,1,1,3,2}'), ('control', '{2,2,2,2,2,2,2}'), ('control', NULL),
  ('dmz', '{4,4,3,3,2,2,1}'), ('empty', NULL);
SELECT zone, min(sl_c) AS weakest_per_fr, max(sl_c) AS strongest_per_fr, count(sl_c) AS components
FROM component GROUP BY zone ORDER BY zone;
SELECT min(sl_c) IS NULL AS no_rows_min, max(sl_c) IS NULL AS no_rows_max FROM component WHERE false;

-- a parallel plan combines partial aggregates and gets the same answer
CREATE TABLE parallel_vectors AS SELECT v FROM every;
ANALYZE parallel_vectors;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
EXPLAIN (COSTS off) SELECT max(v), min(v) FROM parallel_vectors WHERE sl_fr(v, 'IAC') < 4 AND sl_fr(v, 'RA') > 0;
SELECT max(v), min(v) FROM parallel_vectors WHERE sl_fr(v, 'IAC') < 4 AND sl_fr(v, 'RA') > 0;
RESET max_parallel_workers_per_gather;
RESET min_parallel_table_scan_size;
RESET parallel_tuple_cost;
RESET parallel_setup_cost;
SET max_parallel_workers_per_gather = 0;
SELECT max(v), min(v) FROM parallel_vectors WHERE sl_fr(v, 'IAC') < 4 AND sl_fr(v, 'RA') > 0;
RESET max_parallel_workers_per_gather;
DROP TABLE parallel_vectors;

-- text and binary COPY keep every value
\copy every (v) TO 'results/sl_vector_text.copy'
\copy every (v) TO 'results/sl_vector_binary.copy' WITH (FORMAT binary)
CREATE TEMP TABLE from_text (v sl_vector);
CREATE TEMP TABLE from_binary (v sl_vector);
\copy from_text FROM 'results/sl_vector_text.copy'
\copy from_binary FROM 'results/sl_vector_binary.copy' WITH (FORMAT binary)
SELECT (SELECT count(*) FROM every) AS stored,
       (SELECT count(*) FROM (SELECT v FROM every EXCEPT ALL SELECT v FROM from_text) d) AS lost_by_text,
       (SELECT count(*) FROM (SELECT v FROM every EXCEPT ALL SELECT v FROM from_binary) d) AS lost_by_binary;
-- binary form: a layout byte (1), then the levels of FR1..FR7, one byte each; input is checked as
-- strictly as text: 8 bytes, layout 1, every level 0..4.  The 4-byte packed form of release 0.1.0
-- (bits 3i..3i+2 = FR i+1, big-endian) is still read, as strictly as before.
-- (A binary COPY of a bytea column has the framing of a binary COPY of an sl_vector column.)
SELECT sl_vector_send('{2,2,1,1,2,3,1}') AS sent, sl_vector_send('{4,0,0,0,0,0,0}') AS fr1_first;
CREATE TEMP TABLE good_bytes AS SELECT sl_vector_send('{2,2,1,1,2,3,1}') AS b;
CREATE TEMP TABLE rejected (v sl_vector);
CREATE TEMP TABLE from_0_1_0 (v sl_vector);
\copy (SELECT b FROM (VALUES ('\x0005a252'::bytea), ('\x00000004'::bytea), ('\x00124924'::bytea)) t(b)) TO 'results/sl_vector_0_1_0.copy' WITH (FORMAT binary)
\copy from_0_1_0 FROM 'results/sl_vector_0_1_0.copy' WITH (FORMAT binary)
SELECT v AS read_from_0_1_0_form FROM from_0_1_0;
\set VERBOSITY default
\copy (SELECT substr(b, 1, 7) FROM good_bytes) TO 'results/sl_vector_short.copy' WITH (FORMAT binary)
\copy rejected FROM 'results/sl_vector_short.copy' WITH (FORMAT binary)
\copy (SELECT b || '\x00'::bytea FROM good_bytes) TO 'results/sl_vector_long.copy' WITH (FORMAT binary)
\copy rejected FROM 'results/sl_vector_long.copy' WITH (FORMAT binary)
\copy (SELECT set_byte(b, 0, 2) FROM good_bytes) TO 'results/sl_vector_layout.copy' WITH (FORMAT binary)
\copy rejected FROM 'results/sl_vector_layout.copy' WITH (FORMAT binary)
\copy (SELECT set_byte(b, 0, 0) FROM good_bytes) TO 'results/sl_vector_layout0.copy' WITH (FORMAT binary)
\copy rejected FROM 'results/sl_vector_layout0.copy' WITH (FORMAT binary)
\copy (SELECT '\x00200000'::bytea) TO 'results/sl_vector_high_bits.copy' WITH (FORMAT binary)
\copy rejected FROM 'results/sl_vector_high_bits.copy' WITH (FORMAT binary)
\copy (SELECT '\x00000005'::bytea) TO 'results/sl_vector_old_level.copy' WITH (FORMAT binary)
\copy rejected FROM 'results/sl_vector_old_level.copy' WITH (FORMAT binary)
\copy (SELECT set_byte(b, 7, 5) FROM good_bytes) TO 'results/sl_vector_level.copy' WITH (FORMAT binary)
\copy rejected FROM 'results/sl_vector_level.copy' WITH (FORMAT binary)
\set VERBOSITY sqlstate
\copy rejected FROM 'results/sl_vector_level.copy' WITH (FORMAT binary)
\set VERBOSITY terse
SELECT count(*) AS rows_written_by_failed_copies FROM rejected;

-- zones and conduits carry SL-T and SL-A
INSERT INTO organization (id, code, name) VALUES ('00000000-0000-4000-8000-000000000001', 'CRU', 'Cascade Regional Utilities');
INSERT INTO zone (organization_id, id, name, exposure, sl_target, sl_achieved) VALUES
  ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-0000000000a1', 'Control', 'control',
   '{3,3,3,3,2,2,3}', 'IAC:3,UC:3,SI:2,DC:3,RDF:2,TRE:1,RA:3'),
  ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-0000000000a2', 'DMZ', 'dmz',
   '{2,2,2,2,3,2,2}', '{3,2,2,2,3,2,2}'),
  ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-0000000000a3', 'Enterprise', 'enterprise', NULL, NULL);
INSERT INTO conduit (organization_id, name, from_zone_id, to_zone_id, sl_target, sl_achieved) VALUES
  ('00000000-0000-4000-8000-000000000001', 'Historian link', '00000000-0000-4000-8000-0000000000a1',
   '00000000-0000-4000-8000-0000000000a2', '{2,2,2,2,3,1,2}', '{2,2,2,2,2,1,2}');
SELECT name, sl_target, sl_achieved, sl_meets(sl_achieved, sl_target) AS meets_target,
       sl_gap(sl_achieved, sl_target) AS gap
FROM zone ORDER BY name;
SELECT name, sl_meets(sl_achieved, sl_target) AS meets_target, sl_gap(sl_achieved, sl_target) AS gap FROM conduit;
UPDATE zone SET sl_achieved = '{3,3,3,3,2,2,5}' WHERE name = 'Control';
\echo :LAST_ERROR_SQLSTATE
SELECT sl_achieved FROM zone WHERE name = 'Control';

DISCARD TEMP;
RESET search_path;
DROP EXTENSION iec62443p2;
DROP SCHEMA iec62443p2;
