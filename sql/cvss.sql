--
-- The cvss type: every reference vector scores as FIRST's specifications say (truth data from
-- RedHatProductSecurity/cvss tests, copied into test/data/cvss with their source in each header),
-- bad vectors are refused with 22P02 and a detail, text and binary forms round-trip.
--
CREATE EXTENSION iec62443p2;
SET search_path = iec62443p2, public;

CREATE TEMP TABLE reference_line (file text, line text);
\copy reference_line (line) FROM 'test/data/cvss/vectors_simple2'
UPDATE reference_line SET file = 'vectors_simple2' WHERE file IS NULL;
\copy reference_line (line) FROM 'test/data/cvss/vectors_cvsslib2'
UPDATE reference_line SET file = 'vectors_cvsslib2' WHERE file IS NULL;
\copy reference_line (line) FROM 'test/data/cvss/vectors_calculator2'
UPDATE reference_line SET file = 'vectors_calculator2' WHERE file IS NULL;
\copy reference_line (line) FROM 'test/data/cvss/vectors_simple3'
UPDATE reference_line SET file = 'vectors_simple3' WHERE file IS NULL;
\copy reference_line (line) FROM 'test/data/cvss/vectors_simple31'
UPDATE reference_line SET file = 'vectors_simple31' WHERE file IS NULL;
\copy reference_line (line) FROM 'test/data/cvss/vectors_cvsslib3'
UPDATE reference_line SET file = 'vectors_cvsslib3' WHERE file IS NULL;
\copy reference_line (line) FROM 'test/data/cvss/vectors_calculator3'
UPDATE reference_line SET file = 'vectors_calculator3' WHERE file IS NULL;
\copy reference_line (line) FROM 'test/data/cvss/vectors_simple4'
UPDATE reference_line SET file = 'vectors_simple4' WHERE file IS NULL;
\copy reference_line (line) FROM 'test/data/cvss/vectors_supplemental4'
UPDATE reference_line SET file = 'vectors_supplemental4' WHERE file IS NULL;
\copy reference_line (line) FROM 'test/data/cvss/vectors_security4'
UPDATE reference_line SET file = 'vectors_security4' WHERE file IS NULL;
\copy reference_line (line) FROM 'test/data/cvss/vectors_threat4'
UPDATE reference_line SET file = 'vectors_threat4' WHERE file IS NULL;

-- "VECTOR - (base, temporal, environmental)" for v2/v3, "VECTOR - (score,)" or "VECTOR - score" for v4.0
CREATE TEMP TABLE reference AS
SELECT file, vector,
       nullif(nullif(nums[1], 'None'), '')::numeric AS expected_1,
       nullif(nullif(nums[2], 'None'), '')::numeric AS expected_2,
       nullif(nullif(nums[3], 'None'), '')::numeric AS expected_3
FROM (SELECT file, split_part(line, ' - ', 1) AS vector,
             regexp_split_to_array(btrim(split_part(line, ' - ', 2), '() '), ',\s*') AS nums
      FROM reference_line WHERE line !~ '^#' AND btrim(line) <> '') parsed;

-- whether the vector defines a temporal or environmental metric (a value other than X, or ND in v2)
CREATE TEMP TABLE judged AS
SELECT r.*, v,
       CASE WHEN r.vector LIKE 'CVSS:4.0/%' THEN 'v4' ELSE 'v2v3' END AS family,
       r.vector ~ '/(E|RL|RC):(?!X(/|$)|ND(/|$))' AS defines_temporal,
       r.vector ~ '/(CDP|TD|CR|IR|AR|MAV|MAC|MPR|MUI|MS|MC|MI|MA):(?!X(/|$)|ND(/|$))' AS defines_environmental
FROM reference r CROSS JOIN LATERAL (SELECT r.vector::cvss AS v) c;

SELECT file, count(*) AS vectors,
       count(*) FILTER (WHERE family = 'v2v3' AND cvss_base_score(v) IS DISTINCT FROM expected_1) AS base_wrong,
       count(*) FILTER (WHERE family = 'v2v3' AND cvss_temporal_score(v)
                        IS DISTINCT FROM CASE WHEN defines_temporal THEN expected_2 END) AS temporal_wrong,
       count(*) FILTER (WHERE family = 'v2v3' AND cvss_environmental_score(v)
                        IS DISTINCT FROM CASE WHEN defines_environmental THEN expected_3 END) AS environmental_wrong,
       count(*) FILTER (WHERE family = 'v2v3' AND cvss_score(v) IS DISTINCT FROM
                        CASE WHEN defines_environmental THEN expected_3 WHEN defines_temporal THEN expected_2 ELSE expected_1 END)
         AS score_wrong,
       count(*) FILTER (WHERE family = 'v4' AND cvss_score(v) IS DISTINCT FROM expected_1) AS v4_score_wrong,
       -- a v4.0 vector of base metrics alone: its listed score is also CVSS-B
       count(*) FILTER (WHERE family = 'v4' AND vector ~ '^CVSS:4\.0(/(AV|AC|AT|PR|UI|VC|VI|VA|SC|SI|SA):[A-Z])+$') AS v4_base_only,
       count(*) FILTER (WHERE family = 'v4' AND vector ~ '^CVSS:4\.0(/(AV|AC|AT|PR|UI|VC|VI|VA|SC|SI|SA):[A-Z])+$'
                        AND cvss_base_score(v) IS DISTINCT FROM expected_1) AS v4_base_wrong,
       count(*) FILTER (WHERE family = 'v4' AND (cvss_temporal_score(v) IS NOT NULL OR cvss_environmental_score(v) IS NOT NULL))
         AS v4_group_scores_not_null
FROM judged GROUP BY file ORDER BY file;
-- any wrong vector, named (none expected)
SELECT file, vector, expected_1, expected_2, expected_3,
       cvss_base_score(v), cvss_temporal_score(v), cvss_environmental_score(v), cvss_score(v)
FROM judged
WHERE (family = 'v2v3' AND (cvss_base_score(v) IS DISTINCT FROM expected_1
        OR cvss_temporal_score(v) IS DISTINCT FROM CASE WHEN defines_temporal THEN expected_2 END
        OR cvss_environmental_score(v) IS DISTINCT FROM CASE WHEN defines_environmental THEN expected_3 END))
   OR (family = 'v4' AND cvss_score(v) IS DISTINCT FROM expected_1)
LIMIT 20;

-- text -> cvss -> text -> cvss keeps the value and every score
SELECT count(*) AS round_trips,
       count(*) FILTER (WHERE v::text::cvss <> v OR v::text <> v::text::cvss::text
                        OR cvss_score(v::text::cvss) <> cvss_score(v)
                        OR cvss_base_score(v::text::cvss) <> cvss_base_score(v)) AS changed
FROM judged;

-- the vector version, and severity on each version's own scale
SELECT cvss_version(v), cvss_severity(v), min(cvss_score(v)), max(cvss_score(v)), count(*)
FROM judged GROUP BY 1, 2 ORDER BY 1, 3;

-- canonical text: specification order, optional metrics not defined left out
SELECT 'CVSS:3.1/S:U/AV:N/C:H/AC:L/PR:N/I:H/UI:N/A:H/E:X/CR:X'::cvss;
SELECT 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:X'::cvss = 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H'::cvss AS x_is_absent;
SELECT 'AV:N/AC:L/Au:N/C:P/I:P/A:P/E:ND/RL:OF/RC:C/CDP:ND'::cvss AS v2;
SELECT '  CVSS:4.0/SA:N/SI:N/SC:N/VA:H/VI:H/VC:H/UI:N/PR:N/AT:N/AC:L/AV:N/E:A/U:Red  '::cvss AS v4;
SELECT 'CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H'::cvss <> 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H'::cvss AS versions_differ;

-- bad vectors: 22P02, the whole input in the message and the offending part in the detail
\set VERBOSITY default
SELECT ''::cvss;
SELECT 'CVSS:3.2/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H'::cvss;
SELECT 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H'::cvss;
SELECT 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/ZZ:1'::cvss;
SELECT 'CVSS:3.1/AV:Q/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H'::cvss;
SELECT 'CVSS:3.1/AV:N/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H'::cvss;
SELECT 'CVSS:3.1/AV:N//AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H'::cvss;
SELECT 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/'::cvss;
SELECT 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A'::cvss;
SELECT 'cvss:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H'::cvss;
SELECT 'CVSS:2.0/AV:N/AC:L/Au:N/C:P/I:P/A:P'::cvss;
SELECT 'AV:N/AC:L/Au:N/C:P/I:P/A:P/E:X'::cvss;
SELECT 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:S'::cvss;
SELECT 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H junk'::cvss;
\echo :LAST_ERROR_SQLSTATE
\set VERBOSITY terse

-- metrics
SELECT cvss_metric('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:P', m) FROM unnest(ARRAY['AV', 'E', 'RL', 'MAV']) m;
SELECT cvss_metric('AV:N/AC:L/Au:N/C:P/I:P/A:P', 'CDP');
SELECT cvss_metric('CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/U:Amber', 'U');
SELECT cvss_metric('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', 'AT');
\echo :LAST_ERROR_SQLSTATE

-- an asset's requirements applied before scoring
SELECT v, cvss_score(v) FROM (VALUES
  (cvss_with_requirements('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:L/A:H', 'low', 'high', 'high')),
  (cvss_with_requirements('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:L/A:H/CR:H', 'X', 'X', 'X')),
  (cvss_with_requirements('AV:N/AC:L/Au:N/C:P/I:P/A:P', 'H', 'H', 'L')),
  (cvss_with_requirements('CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N', 'L', 'L', 'L'))) t(v);
SELECT cvss_with_requirements('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', 'extreme', 'H', 'H');
\echo :LAST_ERROR_SQLSTATE

-- 16 bytes on disk; ordering by score then text; hashing; min/max
SELECT pg_column_size('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:P/RL:O/RC:C/CR:H/IR:H/AR:H/MAV:A/MAC:H/MPR:L/MUI:R/MS:C/MC:L/MI:L/MA:L'::cvss) AS bytes;
CREATE TEMP TABLE stored AS SELECT v FROM judged;
CREATE INDEX ON stored (v);
SELECT count(DISTINCT v) AS distinct_values, (SELECT count(*) FROM (SELECT v FROM stored GROUP BY v) g) AS groups FROM stored;
SELECT min(v), max(v) FROM stored WHERE cvss_version(v) = '3.1';
SELECT bool_and(a.v < b.v) AS ordered
FROM (SELECT v, row_number() OVER (ORDER BY v) n FROM (SELECT DISTINCT v FROM stored) d) a
JOIN (SELECT v, row_number() OVER (ORDER BY v) n FROM (SELECT DISTINCT v FROM stored) d) b ON b.n = a.n + 1;
SELECT bool_and(cvss_score(a.v) <= cvss_score(b.v)) AS score_order
FROM (SELECT v, row_number() OVER (ORDER BY v) n FROM (SELECT DISTINCT v FROM stored) d) a
JOIN (SELECT v, row_number() OVER (ORDER BY v) n FROM (SELECT DISTINCT v FROM stored) d) b ON b.n = a.n + 1;
SET enable_seqscan = off;
SELECT count(*) AS found_by_index FROM stored WHERE v = 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H';
RESET enable_seqscan;

-- text and binary COPY keep every value
\copy stored TO 'results/cvss_text.copy'
\copy stored TO 'results/cvss_binary.copy' WITH (FORMAT binary)
CREATE TEMP TABLE from_text (v cvss);
CREATE TEMP TABLE from_binary (v cvss);
\copy from_text FROM 'results/cvss_text.copy'
\copy from_binary FROM 'results/cvss_binary.copy' WITH (FORMAT binary)
SELECT (SELECT count(*) FROM stored) AS stored,
       (SELECT count(*) FROM (SELECT v FROM stored EXCEPT ALL SELECT v FROM from_text) d) AS lost_by_text,
       (SELECT count(*) FROM (SELECT v FROM stored EXCEPT ALL SELECT v FROM from_binary) d) AS lost_by_binary;
-- binary input is checked as strictly as text: a wrong length, an unknown layout, a value code out
-- of range, a stored score that lies.  (A binary COPY of a bytea column has the framing of a
-- binary COPY of a cvss column, so the bytes of cvss_send can be altered and read back.)
CREATE TEMP TABLE good_bytes AS SELECT cvss_send('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H') AS b;
SELECT b AS sent FROM good_bytes;
CREATE TEMP TABLE rejected (v cvss);
\set VERBOSITY default
\copy (SELECT substr(b, 1, 15) FROM good_bytes) TO 'results/cvss_short.copy' WITH (FORMAT binary)
\copy rejected FROM 'results/cvss_short.copy' WITH (FORMAT binary)
\copy (SELECT set_byte(b, 0, 9) FROM good_bytes) TO 'results/cvss_layout.copy' WITH (FORMAT binary)
\copy rejected FROM 'results/cvss_layout.copy' WITH (FORMAT binary)
\copy (SELECT set_byte(b, 2, 255) FROM good_bytes) TO 'results/cvss_value.copy' WITH (FORMAT binary)
\copy rejected FROM 'results/cvss_value.copy' WITH (FORMAT binary)
\copy (SELECT set_byte(b, 14, 50) FROM good_bytes) TO 'results/cvss_score.copy' WITH (FORMAT binary)
\copy rejected FROM 'results/cvss_score.copy' WITH (FORMAT binary)
\set VERBOSITY sqlstate
\copy rejected FROM 'results/cvss_score.copy' WITH (FORMAT binary)
\set VERBOSITY terse
SELECT count(*) AS rows_written_by_failed_copies FROM rejected;

DISCARD TEMP;
RESET search_path;
DROP EXTENSION iec62443p2;
DROP SCHEMA iec62443p2;
