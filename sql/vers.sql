--
-- vers ranges: the type vers_range and vers_contains, against the examples of the vers specification
-- (package-url VERSION-RANGE-SPEC), the vers-spec test files and SemVer 2.0.0, copied into
-- test/data/vers with their source in each header; then edge cases, ICS examples, every error with
-- its SQLSTATE, and text and binary COPY.
--
CREATE EXTENSION iec62443p2;
SET search_path = iec62443p2, public;

-- outcomes as text: a value ('null' for NULL), or the error's SQLSTATE and its detail (for a bad
-- range) or message (for containment, whose 0A000 message names the scheme)
CREATE FUNCTION pg_temp.contains(r text, v text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE state text; msg text;
BEGIN
  RETURN coalesce(iec62443p2.vers_contains(r, v)::text, 'null');
EXCEPTION WHEN others THEN
  GET STACKED DIAGNOSTICS state = RETURNED_SQLSTATE, msg = MESSAGE_TEXT;
  RETURN state || ': ' || msg;
END $$;
CREATE FUNCTION pg_temp.parsed(r text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE state text; detail text;
BEGIN
  RETURN r::iec62443p2.vers_range::text;
EXCEPTION WHEN others THEN
  GET STACKED DIAGNOSTICS state = RETURNED_SQLSTATE, detail = PG_EXCEPTION_DETAIL;
  RETURN state || ': ' || detail;
END $$;
CREATE FUNCTION pg_temp.message(r text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
  PERFORM r::iec62443p2.vers_range;
  RETURN NULL;
EXCEPTION WHEN others THEN
  RETURN SQLERRM;
END $$;

-- the data files: tab-separated, '#' lines are their source headers
CREATE TEMP TABLE raw_line (file text, n serial, line text);
\copy raw_line (line) FROM 'test/data/vers/purl_spec_examples.tsv' WITH (DELIMITER E'\x01')
UPDATE raw_line SET file = 'purl' WHERE file IS NULL;
\copy raw_line (line) FROM 'test/data/vers/vers_spec_tests.tsv' WITH (DELIMITER E'\x01')
UPDATE raw_line SET file = 'vers-spec' WHERE file IS NULL;
\copy raw_line (line) FROM 'test/data/vers/semver_examples.tsv' WITH (DELIMITER E'\x01')
UPDATE raw_line SET file = 'semver' WHERE file IS NULL;
CREATE TEMP TABLE example AS
SELECT file, n, split_part(line, E'\t', 1) AS a, split_part(line, E'\t', 2) AS b,
       split_part(line, E'\t', 3) AS c, split_part(line, E'\t', 4) AS d
FROM raw_line WHERE line !~ '^#';
SELECT file, count(*) AS checks FROM example GROUP BY file ORDER BY file;

--
-- 1. VERSION-RANGE-SPEC's own examples.  Their schemes (npm, pypi, maven, tomee, gem, deb) are not
-- supported: 0A000.  Their versions are SemVer versions (except pypi's 2.0pre1), so the same
-- constraints are also read under semver; bare constraint examples are read under intdot.
--
SELECT a AS spec_example, CASE WHEN a ~ '^vers:' THEN pg_temp.contains(a, '1.0.0') END AS "given: contains 1.0.0",
       pg_temp.parsed(CASE WHEN a ~ '^vers:(all|none)/' THEN a
                           WHEN a ~ '^vers:' THEN regexp_replace(a, '^vers:[a-z]+/', 'vers:semver/')
                           ELSE 'vers:intdot/' || a END) AS as_read
FROM (SELECT DISTINCT ON (a) a, n FROM example WHERE file = 'purl' ORDER BY a, n) e ORDER BY n;
-- every version the spec's prose places in or out of a range
SELECT a AS spec_example, b AS version, c AS spec_says,
       pg_temp.contains(CASE WHEN a ~ '^vers:' THEN regexp_replace(a, '^vers:[a-z]+/', 'vers:semver/')
                             ELSE 'vers:intdot/' || a END, b) AS we_say
FROM example WHERE file = 'purl' AND b <> '' ORDER BY n;
SELECT count(*) FILTER (WHERE c::boolean::text <> pg_temp.contains(CASE WHEN a ~ '^vers:' THEN regexp_replace(a, '^vers:[a-z]+/', 'vers:semver/')
                                                                  ELSE 'vers:intdot/' || a END, b)) AS disagreements
FROM example WHERE file = 'purl' AND b <> '';

--
-- 2. The vers-spec test files.  Deliberate differences, visible below: versions with a suffix
-- ("1.2beta") are not intdot versions, so they compare as NULL (the draft tests would drop the
-- suffix and call 2.9.4-beta equal to 2.9.4); npm is not a supported scheme (0A000).
--
SELECT a AS kind, b, c, d AS spec_says,
       CASE a WHEN 'equal' THEN coalesce((vers_version_compare('intdot', b, c) = 0)::text, 'null')
              WHEN 'less' THEN coalesce((vers_version_compare('intdot', b, c) < 0
                                         AND vers_version_compare('intdot', c, b) > 0)::text, 'null')
              ELSE pg_temp.contains(b, c) END AS we_say
FROM example WHERE file = 'vers-spec' ORDER BY n;

--
-- 3. SemVer 2.0.0: validity, precedence (both ways), build metadata ignored, and the vers-spec
-- semver type's examples ("^1.2.3" is npm syntax, not a vers comparator: 22P02).
--
SELECT a AS kind, b, c,
       CASE a WHEN 'valid' THEN (vers_version_compare('semver', b, b) IS NOT NULL)::text
              WHEN 'less' THEN (vers_version_compare('semver', b, c) = -1 AND vers_version_compare('semver', c, b) = 1)::text
              WHEN 'same' THEN (vers_version_compare('semver', b, c) = 0)::text
              ELSE pg_temp.parsed(b) END AS result
FROM example WHERE file = 'semver' ORDER BY n;
SELECT count(*) FILTER (WHERE a = 'valid' AND (vers_version_compare('semver', b, b) IS NOT NULL) <> c::boolean
                           OR a = 'less' AND vers_version_compare('semver', b, c) IS DISTINCT FROM -1
                           OR a = 'same' AND vers_version_compare('semver', b, c) IS DISTINCT FROM 0) AS wrong
FROM example WHERE file = 'semver';

--
-- 4. Normalisation: constraints sorted by version, exact repeats dropped, spaces and tabs, outer and
-- repeated pipes ignored, "=" omitted, "vers:" and the scheme in any case, versions percent-decoded.
-- Version spellings are kept as written (as numeric keeps its scale); equal spellings are equal.
--
SELECT r AS input, r::vers_range AS canonical FROM (VALUES
  ('vers:intdot/<2.0|>=1.0'), ('vers:intdot/3|1|2'), ('VERS:IntDot/ | >= 1.0 || < 2.0 | '),
  (E'vers:intdot/\t<1.2.3\t|>=2.0'), ('vers:intdot/=1.0'), ('vers:intdot/1.0|1.0|=1.0'),
  ('vers:intdot/1.00|1.0'), ('vers:intdot/<1.0|<1.00'), ('vers:intdot/1%2E0'),
  ('vers:semver/1.0.0%2Bbuild%2d1'), ('vers:semver/1.0.0+b|1.0.0+a'), ('vers:intdot/!=2|!=1'),
  ('vers:semver/<2.0.0|!=1.5.0|>=1.2.3'), ('vers:intdot/ | * |'), ('vers:ALL/*')) t(r);
SELECT 'vers:intdot/<1.0'::vers_range = 'vers:intdot/<1.00' AS "1.0 = 1.00",
       'vers:intdot/<1.0'::vers_range = 'vers:intdot/<1.0.0' AS "1.0 = 1.0.0",
       'vers:intdot/>=01.002|<2'::vers_range = 'vers:intdot/<2.0|>=1.2' AS leading_zeros,
       'vers:semver/1.0.0+a'::vers_range = 'vers:semver/1.0.0+b' AS build_ignored,
       'vers:semver/1.0.0-a'::vers_range = 'vers:semver/1.0.0' AS prerelease_counts,
       'vers:intdot/<1.0'::vers_range <> 'vers:intdot/<=1.0' AS comparator_counts,
       'vers:intdot/*'::vers_range <> 'vers:semver/*' AS scheme_counts,
       'vers:intdot/1|!=2'::vers_range <> 'vers:intdot/1' AS redundant_constraint_counts;
-- canonical text round trip, and the scheme
SELECT r::vers_range::text::vers_range::text = r::vers_range::text AS stable, vers_scheme(r::vers_range)
FROM (VALUES ('vers:all/*'), ('vers:none/*'), ('vers:intdot/ >=2.0 | <2.9.4'), ('vers:SemVer/1.2.3')) t(r);

--
-- 5. Containment edge cases.
--
SELECT r AS range, v AS version, pg_temp.contains(r, v) AS contains FROM (VALUES
  -- SemVer prerelease ordering: a prerelease sorts before its release
  ('vers:semver/>=1.0.0|<2.0.0', '2.0.0-rc.1'), ('vers:semver/>=1.0.0|<2.0.0', '1.0.0-rc.1'),
  ('vers:semver/>=1.0.0-alpha|<1.0.0', '1.0.0-alpha.beta'), ('vers:semver/>=1.0.0-alpha|<1.0.0', '1.0.0-beta.11'),
  ('vers:semver/>=1.0.0-alpha|<1.0.0', '1.0.0'), ('vers:semver/>1.0.0-beta.2', '1.0.0-beta.11'),
  ('vers:semver/<1.0.0-beta.2', '1.0.0-beta.11'), ('vers:semver/1.0.0', '1.0.0+build.7'),
  -- != inside an interval, and != alone: every version but those
  ('vers:semver/>=1.2.3|!=1.5.0|<2.0.0', '1.5.0'), ('vers:semver/>=1.2.3|!=1.5.0|<2.0.0', '1.5.0-rc.1'),
  ('vers:intdot/!=1.0', '1.0'), ('vers:intdot/!=1.0', '1.0.0'), ('vers:intdot/!=1.0', '2.0'), ('vers:intdot/!=1.0', '0.9'),
  ('vers:intdot/!=1|!=2', '1.5'), ('vers:intdot/!=1|!=2', '2'),
  -- beside = constraints alone, != adds nothing
  ('vers:intdot/1|!=2', '1'), ('vers:intdot/1|!=2', '3'),
  -- a lone bound
  ('vers:intdot/>=1.0', '1.0'), ('vers:intdot/>=1.0', '99'), ('vers:intdot/>=1.0', '0.9'),
  ('vers:intdot/<=1.0', '1.0'), ('vers:intdot/<=1.0', '0'), ('vers:intdot/>1.0', '1.0'),
  -- several intervals: (,1.0) [2.0,3.0) (4.0,5.0] (6,)
  ('vers:intdot/<1.0|>=2.0|<3.0|>4.0|<=5.0|>6', '0.9'), ('vers:intdot/<1.0|>=2.0|<3.0|>4.0|<=5.0|>6', '1.5'),
  ('vers:intdot/<1.0|>=2.0|<3.0|>4.0|<=5.0|>6', '2'), ('vers:intdot/<1.0|>=2.0|<3.0|>4.0|<=5.0|>6', '3.0.0'),
  ('vers:intdot/<1.0|>=2.0|<3.0|>4.0|<=5.0|>6', '4.0.1'), ('vers:intdot/<1.0|>=2.0|<3.0|>4.0|<=5.0|>6', '5'),
  ('vers:intdot/<1.0|>=2.0|<3.0|>4.0|<=5.0|>6', '6.0'), ('vers:intdot/<1.0|>=2.0|<3.0|>4.0|<=5.0|>6', '6.0.1'),
  -- enumerations mixed with bounds
  ('vers:intdot/<1.0|2.0|>=3.0', '2.0.0'), ('vers:intdot/<1.0|2.0|>=3.0', '2.5'),
  -- "*": every string, even one the scheme cannot compare (the spec tests the star first)
  ('vers:all/*', 'anything at all'), ('vers:none/*', '1.0'), ('vers:intdot/*', '1.0'),
  ('vers:intdot/*', 'V2.9 SP1'), ('vers:semver/*', 'v1.2.3'),
  -- versions the scheme cannot compare: NULL (a person must look)
  ('vers:intdot/<9.90', '9.8-beta'), ('vers:intdot/<9.90', ' 9.8'), ('vers:intdot/<9.90', ''),
  ('vers:semver/>=1.0.0', 'v1.2.3'), ('vers:semver/>=1.0.0', '1.2.3.4'), ('vers:semver/>=1.0.0', '1.2'),
  ('vers:semver/>=1.0.0', '01.2.3')) t(r, v);
-- STRICT: a NULL argument gives NULL without looking at the other
SELECT vers_contains(NULL::text, '1.0') IS NULL AS null_range, vers_contains('vers:npm/1', NULL) IS NULL AS null_version,
       vers_contains(NULL::vers_range, '1.0') IS NULL AS null_stored_range;
-- vers_version_compare
SELECT s, a, b, vers_version_compare(s, a, b) FROM (VALUES
  ('intdot', '1.10', '1.9'), ('intdot', 'V2.9.4', '2.9.4'), ('INTDOT', '1', '1.0.0'), ('intdot', '1.2beta', '1.2'),
  ('semver', '1.0.0-rc.1', '1.0.0'), ('semver', '1.0.0+a', '1.0.0+b'), ('semver', 'v1.0.0', '1.0.0'),
  ('all', '1', '1'), ('none', '1', '2')) t(s, a, b);

--
-- 6. ICS assets against CSAF ranges.  Firmware strings as inventories hold them: under intdot one
-- leading V or v before a digit is ignored (Siemens-style V2.9.4 is 2.9.4); anything else that is
-- not digits and dots (service packs, suffixes, blanks) gives NULL, which the query keeps visible.
--
CREATE TEMP TABLE advisory (id text, product text, affected vers_range);
INSERT INTO advisory VALUES
  ('ADV-1', 'PLC firmware', 'vers:intdot/<9.90'),
  ('ADV-2', 'HMI panel', 'vers:intdot/>=2.0|<2.9.4'),
  ('ADV-3', 'Engineering station', 'vers:intdot/>=16.0|<16.0.4|>=17.0|<17.0.2'),
  ('ADV-4', 'Gateway', 'vers:intdot/>2.1.0|<4.2.0'),
  ('ADV-5', 'Historian', 'vers:all/*');
CREATE TEMP TABLE asset (tag text, product text, firmware text);
INSERT INTO asset VALUES
  ('PLC-01', 'PLC firmware', '9.8'), ('PLC-02', 'PLC firmware', '9.90'), ('PLC-03', 'PLC firmware', '9.9'),
  ('PLC-04', 'PLC firmware', 'V9.10.1'),
  ('HMI-01', 'HMI panel', 'V2.9.3'), ('HMI-02', 'HMI panel', 'V2.9.4'), ('HMI-03', 'HMI panel', 'V2.9 SP1'),
  ('HMI-04', 'HMI panel', 'v1.9'),
  ('ES-01', 'Engineering station', '16.0.3'), ('ES-02', 'Engineering station', '16.1'),
  ('ES-03', 'Engineering station', 'V17.0.1'),
  ('GW-01', 'Gateway', '2.1.0'), ('GW-02', 'Gateway', '2.1.0.1'), ('GW-03', 'Gateway', '4.2'),
  ('HIS-01', 'Historian', 'build 2023-07');
SELECT a.tag, a.firmware, v.id, v.affected,
       CASE vers_contains(v.affected, a.firmware) WHEN true THEN 'affected' WHEN false THEN 'not affected'
            ELSE 'check by hand' END AS status
FROM asset a JOIN advisory v USING (product) ORDER BY a.tag;

--
-- 7. Bad input: 22P02 with the offending part in the detail, 0A000 for a scheme we do not support.
--
SELECT r AS input, pg_temp.parsed(r) AS sqlstate_and_detail FROM (VALUES
  (''), ('   '), ('vers:intdot/1.0é'), ('pkg:npm/foo@1.0'), ('versions:intdot/1'), ('vers:'),
  ('vers:intdot'), ('vers:/1.0'), ('vers:1abc/1'), ('vers:int_dot/1'), ('vers:intdot/'), ('vers:intdot/ || '),
  ('vers:intdot/>='), ('vers:intdot/1.0|!= |<3'), ('vers:intdot/1.0%2'), ('vers:intdot/1.0%zz'),
  ('vers:intdot/=>1.0'), ('vers:intdot/<<1.0'), ('vers:intdot/!1.0'), ('vers:intdot/>=2.0|<2.9.4-beta'),
  ('vers:intdot/<V2.9.4'), ('vers:semver/>=1.0'), ('vers:semver/v1.2.3'), ('vers:semver/1.2.3.4'),
  ('vers:semver/^1.2.3'), ('vers:intdot/*|1.0'), ('vers:intdot/>=*'), ('vers:all/>=1.0'), ('vers:none/1'),
  ('vers:intdot/>=1.0|<=1.0'), ('vers:intdot/1.0|>=1.00'), ('vers:intdot/<1.0|<2.0'), ('vers:intdot/>2.0|>=1.0'),
  ('vers:intdot/1.0|<2.0'), ('vers:npm/1.2.3'), ('vers: maven />=1'), ('vers:averyveryverylongschemename/1')) t(r);
-- every 22P02 message quotes the whole input; every 0A000 message names the scheme and the input
SELECT count(*) AS errors,
       count(*) FILTER (WHERE m <> format('invalid input syntax for type vers_range: "%s"', r)
                          AND m !~ '^unsupported versioning scheme "[a-z ]+" in vers range ') AS other_messages
FROM (SELECT r, pg_temp.message(r) AS m FROM (VALUES
  (''), ('   '), ('vers:intdot/1.0é'), ('pkg:npm/foo@1.0'), ('vers:'), ('vers:intdot/'), ('vers:intdot/>='),
  ('vers:intdot/1.0%2'), ('vers:intdot/<<1.0'), ('vers:intdot/<V2.9.4'), ('vers:semver/v1.2.3'), ('vers:intdot/*|1.0'),
  ('vers:all/>=1.0'), ('vers:intdot/>=1.0|<=1.0'), ('vers:intdot/<1.0|<2.0'), ('vers:npm/1.2.3'), ('vers: maven />=1')) t(r)) e;
-- limits: 256 constraints, 8192 bytes of versions
SELECT pg_temp.parsed('vers:intdot/' || string_agg(g::text, '|')) ~ '^vers:intdot/1\|2\|.*\|256$' AS "256 constraints",
       pg_temp.parsed('vers:intdot/' || string_agg(g::text, '|') || '|9999') AS "257 constraints"
FROM generate_series(1, 256) g;
SELECT pg_temp.parsed('vers:intdot/' || repeat('7', 8192)) = 'vers:intdot/' || repeat('7', 8192) AS "8192 bytes",
       pg_temp.parsed('vers:intdot/' || repeat('7', 8193)) AS "8193 bytes";
-- what a user sees
\set VERBOSITY default
SELECT 'vers:intdot/>=2.0|<2.9.4-beta'::vers_range;
SELECT vers_contains('vers:intdot/<2.0|<3.0', '1.0');
SELECT vers_contains('vers:npm/1.2.3|>=2.0.0|<5.0.0', '1.2.3');
\echo :LAST_ERROR_SQLSTATE
SELECT 'vers:maven/>=1.0|<2.0'::vers_range;
\echo :LAST_ERROR_SQLSTATE
SELECT vers_version_compare('deb', '1.0', '1.1');
\echo :LAST_ERROR_SQLSTATE
SELECT vers_version_compare('no scheme', '1.0', '1.1');
\echo :LAST_ERROR_SQLSTATE
\set VERBOSITY terse

--
-- 8. The type: equality and hashing by value, ordering, indexes, casts and assignment.
--
CREATE TEMP TABLE stored (r vers_range);
INSERT INTO stored SELECT r FROM (VALUES
  ('vers:intdot/<1.0'), ('vers:intdot/<1.00'), ('vers:intdot/<1'), ('vers:intdot/<01.0.0'),
  ('vers:intdot/>=2.0|<2.9.4'), ('vers:intdot/<2.9.4|>=2'), ('vers:semver/1.0.0+a'), ('vers:semver/1.0.0+b'),
  ('vers:semver/1.0.0-rc.1'), ('vers:all/*'), ('vers:none/*'), ('vers:intdot/*'), ('vers:intdot/!=1.0'),
  ('vers:intdot/1.0|2.0'), ('vers:intdot/<=1.0'), ('vers:intdot/>1.0')) t(r);
SELECT count(*) AS stored, count(DISTINCT r) AS distinct_sorted,
       (SELECT count(*) FROM (SELECT r FROM stored GROUP BY r) g) AS distinct_hashed FROM stored;
-- one group per value, whatever the spelling; sorted by scheme, then by constraint versions
SELECT min(r::text) AS first_spelling, count(*) FROM stored GROUP BY r ORDER BY r;
CREATE INDEX stored_btree ON stored (r);
CREATE INDEX stored_hash ON stored USING hash (r);
SET enable_seqscan = off;
SET enable_bitmapscan = off;
SELECT count(*) AS by_btree FROM stored WHERE r = 'vers:intdot/<1.0.0.0';
DROP INDEX stored_btree;
SELECT count(*) AS by_hash FROM stored WHERE r = 'vers:intdot/<1.0.0.0';
RESET enable_seqscan;
RESET enable_bitmapscan;
-- a hash join and a merge join find the same pairs
SET enable_mergejoin = off;
SELECT count(*) AS hash_join_pairs FROM stored a JOIN stored b ON a.r = b.r;
RESET enable_mergejoin;
SET enable_hashjoin = off;
SELECT count(*) AS merge_join_pairs FROM stored a JOIN stored b ON a.r = b.r;
RESET enable_hashjoin;
-- assignment casts from text and varchar; a bad value is refused and nothing is written
CREATE TEMP TABLE assigned (r vers_range);
INSERT INTO assigned VALUES ('vers:intdot/<9.90'::text), ('vers:intdot/<9.90'::varchar);
INSERT INTO assigned VALUES ('vers:intdot/<9.90'), ('vers:intdot/<<9.90');
SELECT r, pg_column_size(r) FROM assigned;
-- the cached parse of vers_contains follows the range from row to row
SELECT count(*) AS pairs,
       count(*) FILTER (WHERE vers_contains(a.r, v) IS DISTINCT FROM vers_contains(a.r::text, v)) AS cache_disagrees
FROM stored a CROSS JOIN (VALUES ('0.9'), ('1.0'), ('2.5'), ('1.0.0'), ('x'), ('1.0.0-rc.1'), ('V1')) t(v);

--
-- 9. Text and binary COPY keep every value; binary input is parsed as strictly as text input.
--
\copy stored TO 'results/vers_text.copy'
\copy stored TO 'results/vers_binary.copy' WITH (FORMAT binary)
CREATE TEMP TABLE from_text (r vers_range);
CREATE TEMP TABLE from_binary (r vers_range);
\copy from_text FROM 'results/vers_text.copy'
\copy from_binary FROM 'results/vers_binary.copy' WITH (FORMAT binary)
SELECT (SELECT count(*) FROM stored) AS stored,
       (SELECT count(*) FROM (SELECT r::text FROM stored EXCEPT ALL SELECT r::text FROM from_text) d) AS lost_by_text,
       (SELECT count(*) FROM (SELECT r::text FROM stored EXCEPT ALL SELECT r::text FROM from_binary) d) AS lost_by_binary;
-- (a binary COPY of a bytea column has the framing of a binary COPY of a vers_range column, so the
-- bytes of vers_range_send can be altered and read back)
SELECT vers_range_send('vers:intdot/>=2.0|<2.9.4') AS sent;
CREATE TEMP TABLE rejected (r vers_range);
\set VERBOSITY default
\copy (SELECT '\x01'::bytea || convert_to(' VERS:IntDot/<2.9.4 | >= 2.0', 'UTF8')) TO 'results/vers_lenient.copy' WITH (FORMAT binary)
\copy rejected FROM 'results/vers_lenient.copy' WITH (FORMAT binary)
SELECT r AS read_like_text_input FROM rejected;
TRUNCATE rejected;
\copy (SELECT '\x02'::bytea || convert_to('vers:intdot/<1', 'UTF8')) TO 'results/vers_format.copy' WITH (FORMAT binary)
\copy rejected FROM 'results/vers_format.copy' WITH (FORMAT binary)
\copy (SELECT ''::bytea) TO 'results/vers_empty.copy' WITH (FORMAT binary)
\copy rejected FROM 'results/vers_empty.copy' WITH (FORMAT binary)
\copy (SELECT '\x01'::bytea) TO 'results/vers_nothing.copy' WITH (FORMAT binary)
\copy rejected FROM 'results/vers_nothing.copy' WITH (FORMAT binary)
\copy (SELECT '\x01'::bytea || convert_to('vers:intdot/<1.0|<2.0', 'UTF8')) TO 'results/vers_sequence.copy' WITH (FORMAT binary)
\copy rejected FROM 'results/vers_sequence.copy' WITH (FORMAT binary)
\copy (SELECT '\x01'::bytea || convert_to('vers:intdot/<1', 'UTF8') || '\x00'::bytea) TO 'results/vers_nul.copy' WITH (FORMAT binary)
\copy rejected FROM 'results/vers_nul.copy' WITH (FORMAT binary)
\copy (SELECT '\x01'::bytea || convert_to('vers:npm/1.0.0', 'UTF8')) TO 'results/vers_npm.copy' WITH (FORMAT binary)
\copy rejected FROM 'results/vers_npm.copy' WITH (FORMAT binary)
\set VERBOSITY sqlstate
\copy rejected FROM 'results/vers_sequence.copy' WITH (FORMAT binary)
\copy rejected FROM 'results/vers_npm.copy' WITH (FORMAT binary)
\set VERBOSITY terse
SELECT count(*) AS rows_written_by_failed_copies FROM rejected;

DISCARD TEMP;
RESET search_path;
DROP EXTENSION iec62443p2;
DROP SCHEMA iec62443p2;
