--
-- SSVC decisions: every row of the four published tables (copied into test/data/ssvc with their
-- source in each first line) through the C functions, the catalogue ssvc_decision against both,
-- the words in any case and their aliases, unknown words refused with 22023, and the derivations
-- of exploitation (KEV, EPSS), automatable and technical impact (cvss).
--
CREATE EXTENSION iec62443p2;
SET search_path = iec62443p2, public;

CREATE TEMP TABLE csv_line (n serial, file text, line text);
\copy csv_line (line) FROM 'test/data/ssvc/cisa_coordinator_2_0_3.csv'
UPDATE csv_line SET file = 'cisa' WHERE file IS NULL;
\copy csv_line (line) FROM 'test/data/ssvc/deployer_patch_application_priority_1_0_0.csv'
UPDATE csv_line SET file = 'deployer' WHERE file IS NULL;
\copy csv_line (line) FROM 'test/data/ssvc/human_impact_1_0_0.csv'
UPDATE csv_line SET file = 'human_impact' WHERE file IS NULL;
\copy csv_line (line) FROM 'test/data/ssvc/mission_and_well_being_v1.csv'
UPDATE csv_line SET file = 'mission_wellbeing' WHERE file IS NULL;

-- each file: a "# source" line, the CSV header, then the rows; mission_and_well_being has no row column
SELECT file, count(*) FILTER (WHERE line LIKE '# source: CERTCC/SSVC %') AS source_lines, count(*) - 2 AS table_rows
FROM csv_line GROUP BY file ORDER BY file;
CREATE TEMP TABLE published AS
SELECT file AS tree, k - 3 AS row_number, f,
       CASE WHEN file = 'mission_wellbeing' THEN NULL ELSE f[1]::int END AS csv_row,
       CASE WHEN file = 'mission_wellbeing' THEN f[1:array_upper(f, 1) - 1] ELSE f[2:array_upper(f, 1) - 1] END AS inputs,
       f[array_upper(f, 1)] AS outcome
FROM (SELECT file, row_number() OVER (PARTITION BY file ORDER BY n) AS k, string_to_array(line, ',') AS f
      FROM csv_line) l
WHERE k > 2;
-- the row column counts from 0 in file order
SELECT count(*) AS rows_out_of_order FROM published WHERE csv_row IS DISTINCT FROM row_number AND tree <> 'mission_wellbeing';

-- every published row through the C function: rows per table and mismatches (0 expected)
CREATE TEMP TABLE decided AS
SELECT p.*, CASE p.tree
         WHEN 'cisa' THEN ssvc_cisa(inputs[1], inputs[2], inputs[3], inputs[4])
         WHEN 'deployer' THEN ssvc_deployer(inputs[1], inputs[2], inputs[3], inputs[4])
         WHEN 'human_impact' THEN ssvc_human_impact(inputs[1], inputs[2])
         WHEN 'mission_wellbeing' THEN ssvc_mission_wellbeing(inputs[1], inputs[2])
       END AS computed
FROM published p;
SELECT tree, count(*) AS rows, count(*) FILTER (WHERE computed IS DISTINCT FROM outcome) AS mismatches,
       string_agg(DISTINCT outcome, ', ') AS outcomes_seen
FROM decided GROUP BY tree ORDER BY tree;
-- any mismatching row, named (none expected)
SELECT tree, row_number, inputs, outcome, computed FROM decided WHERE computed IS DISTINCT FROM outcome ORDER BY tree, row_number;

-- the same rows in upper case, and 'poc' for 'public poc', decide the same
SELECT count(*) AS rows_upper_case,
       count(*) FILTER (WHERE computed IS DISTINCT FROM CASE tree
         WHEN 'cisa' THEN ssvc_cisa(upper(inputs[1]), upper(inputs[2]), upper(inputs[3]), upper(inputs[4]))
         WHEN 'deployer' THEN ssvc_deployer(upper(inputs[1]), upper(inputs[2]), upper(inputs[3]), upper(inputs[4]))
         WHEN 'human_impact' THEN ssvc_human_impact(upper(inputs[1]), upper(inputs[2]))
         WHEN 'mission_wellbeing' THEN ssvc_mission_wellbeing(upper(inputs[1]), upper(inputs[2]))
       END) AS mismatches
FROM decided;
SELECT count(*) AS rows_with_poc,
       count(*) FILTER (WHERE computed IS DISTINCT FROM CASE tree
         WHEN 'cisa' THEN ssvc_cisa('poc', inputs[2], inputs[3], inputs[4])
         WHEN 'deployer' THEN ssvc_deployer('PoC', inputs[2], inputs[3], inputs[4])
       END) AS mismatches
FROM decided WHERE inputs[1] = 'public poc';

-- the catalogue: its trees, and its rows equal to the published ones, column by column
SELECT tree, sql_function, title, version, inputs, outcomes FROM ssvc_tree ORDER BY tree;
SELECT d.tree, count(*) AS catalogue_rows FROM ssvc_decision d GROUP BY d.tree ORDER BY d.tree;
SELECT coalesce(d.tree, p.tree) AS tree, coalesce(d.row_number, p.row_number) AS row_number,
       p.f AS published, d AS catalogue
FROM ssvc_decision d
FULL JOIN published p ON p.tree = d.tree AND p.row_number = d.row_number
WHERE p.tree IS NULL OR d.tree IS NULL OR d.outcome <> p.outcome
   OR p.inputs IS DISTINCT FROM CASE d.tree
        WHEN 'cisa' THEN ARRAY[d.exploitation, d.automatable, d.technical_impact, d.mission_wellbeing]
        WHEN 'deployer' THEN ARRAY[d.exploitation, d.system_exposure, d.automatable, d.human_impact]
        WHEN 'human_impact' THEN ARRAY[d.safety_impact, d.mission_impact]
        WHEN 'mission_wellbeing' THEN ARRAY[d.mission_prevalence, d.public_wellbeing]
      END
ORDER BY 1, 2;
-- the C functions agree with the catalogue on every row (0 mismatches)
SELECT d.tree, count(*) AS rows,
       count(*) FILTER (WHERE d.outcome IS DISTINCT FROM CASE d.tree
         WHEN 'cisa' THEN ssvc_cisa(d.exploitation, d.automatable, d.technical_impact, d.mission_wellbeing)
         WHEN 'deployer' THEN ssvc_deployer(d.exploitation, d.system_exposure, d.automatable, d.human_impact)
         WHEN 'human_impact' THEN ssvc_human_impact(d.safety_impact, d.mission_impact)
         WHEN 'mission_wellbeing' THEN ssvc_mission_wellbeing(d.mission_prevalence, d.public_wellbeing)
       END) AS disagreements
FROM ssvc_decision d GROUP BY d.tree ORDER BY d.tree;
-- a catalogue row that breaks its tree's shape, or uses an alias instead of the table's own word, is refused
\set VERBOSITY terse
INSERT INTO ssvc_decision (tree, row_number, exploitation, automatable, technical_impact, outcome)
VALUES ('cisa', 99, 'none', 'no', 'partial', 'track');
\echo :LAST_ERROR_SQLSTATE
INSERT INTO ssvc_decision (tree, row_number, safety_impact, mission_impact, outcome)
VALUES ('human_impact', 99, 'marginal', 'crippled', 'low');
\echo :LAST_ERROR_SQLSTATE
\set VERBOSITY default

-- words: any letter case, blanks around, the aliases poc and crippled
SELECT ssvc_cisa('Active', 'YES', ' Total ', 'High') AS cisa,
       ssvc_deployer('POC', 'Open', 'yes', 'Very High') AS deployer,
       ssvc_human_impact('CRITICAL', 'crippled') AS human_impact_crippled,
       ssvc_human_impact('critical', 'MEF Support Crippled') AS human_impact,
       ssvc_mission_wellbeing('Essential', 'minimal') AS mission_wellbeing;
-- the sub-tables feed the trees
SELECT ssvc_cisa('public poc', 'no', 'total', ssvc_mission_wellbeing('support', 'irreversible')) AS cisa,
       ssvc_deployer('active', 'open', 'no', ssvc_human_impact('catastrophic', 'degraded')) AS deployer;
-- STRICT: a NULL input gives NULL
SELECT ssvc_cisa(NULL, 'yes', 'total', 'high') IS NULL AS cisa_null,
       ssvc_deployer('none', NULL, 'no', 'low') IS NULL AS deployer_null,
       ssvc_human_impact('marginal', NULL) IS NULL AS human_impact_null,
       ssvc_mission_wellbeing(NULL, 'minimal') IS NULL AS mission_wellbeing_null;

-- an unknown word: 22023, the message names the argument, the detail lists the allowed words
SELECT ssvc_cisa('exploited', 'yes', 'total', 'high');
\echo :LAST_ERROR_SQLSTATE
SELECT ssvc_cisa('active', 'maybe', 'total', 'high');
SELECT ssvc_cisa('active', 'yes', 'complete', 'high');
SELECT ssvc_cisa('active', 'yes', 'total', 'very high');
SELECT ssvc_deployer('public  poc', 'open', 'yes', 'high');
SELECT ssvc_deployer('none', 'internet', 'yes', 'high');
SELECT ssvc_deployer('none', 'open', 'true', 'high');
SELECT ssvc_deployer('none', 'open', 'yes', 'very_high');
\echo :LAST_ERROR_SQLSTATE
SELECT ssvc_human_impact('major', 'degraded');
SELECT ssvc_human_impact('marginal', 'mef crippled');
SELECT ssvc_mission_wellbeing('', 'minimal');
SELECT ssvc_mission_wellbeing('minimal', 'severe');
\echo :LAST_ERROR_SQLSTATE

-- exploitation from the feeds: KEV wins, then a known PoC or EPSS at or above the threshold (0.1)
SELECT kev, epss, poc_known, ssvc_exploitation(kev, epss, poc_known) AS exploitation
FROM (VALUES (true, 0.00001, false), (true, NULL, false), (false, 0.97, false), (false, 0.1, false),
             (false, 0.0999, false), (false, 0.0999, true), (false, NULL, true), (false, 0, false),
             (NULL, NULL, NULL), (NULL, 0.5, NULL)) v(kev, epss, poc_known);
SELECT ssvc_exploitation(false, 0.05) AS default_threshold,
       ssvc_exploitation(false, 0.05, false, 0.05) AS threshold_5_percent,
       ssvc_exploitation(false, 0.05, epss_threshold => 0.5) AS threshold_half,
       ssvc_exploitation(false, 1, epss_threshold => 1) AS threshold_one;
SELECT ssvc_exploitation(false, 1.2);
\echo :LAST_ERROR_SQLSTATE
SELECT ssvc_exploitation(false, -0.01);
SELECT ssvc_exploitation(false, 'NaN');
SELECT ssvc_exploitation(false, 0.2, false, 2);
\echo :LAST_ERROR_SQLSTATE
-- the default threshold is data: NULL (the default) is the shipped epss_poc_threshold of
-- patch_priority_parameter_default, the one patch_priority uses; an organisation passes its own
SELECT ssvc_exploitation(false, 0.2, false, NULL) AS null_is_shipped_0_1,
       ssvc_exploitation(false, 0.0999, epss_threshold => NULL) AS below_shipped;
BEGIN;
UPDATE patch_priority_parameter_default SET epss_poc_threshold = 0.3 WHERE settings_profile = 'default';
SELECT ssvc_exploitation(false, 0.2) AS shipped_now_0_3, ssvc_exploitation(false, 0.3) AS at_0_3,
       ssvc_exploitation(false, 0.2, false, 0.1) AS explicit_0_1,
       patch_decision(NULL, 0.2, false, 3, false, 'open', false) AS patch_decision_0_2,
       patch_decision(NULL, 0.3, false, 3, false, 'open', false) AS patch_decision_0_3;
DELETE FROM patch_priority_parameter_default;
SELECT ssvc_exploitation(false, 0.2);
\echo :LAST_ERROR_SQLSTATE
ROLLBACK;

-- automatable and technical impact from a cvss vector, in every version
SELECT v::text AS vector, ssvc_automatable(v) AS automatable, ssvc_technical_impact(v) AS technical_impact
FROM (VALUES ('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H'::cvss),
             ('CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H'::cvss),
             ('CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:H'::cvss),
             ('CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:L'::cvss),
             ('CVSS:3.1/AV:A/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H'::cvss),
             ('CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:L/I:L/A:L'::cvss),
             ('CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N'::cvss),
             ('CVSS:4.0/AV:N/AC:L/AT:P/PR:N/UI:N/VC:H/VI:H/VA:L/SC:H/SI:H/SA:H'::cvss),
             ('CVSS:4.0/AV:L/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N'::cvss),
             ('AV:N/AC:L/Au:N/C:C/I:C/A:C'::cvss),
             ('AV:N/AC:L/Au:S/C:C/I:C/A:P'::cvss),
             ('AV:N/AC:M/Au:N/C:P/I:P/A:P'::cvss)) t(v);
-- the whole chain for a KEV-listed network RCE on an internet-reachable safety controller
SELECT ssvc_deployer(ssvc_exploitation(true, 0.94), 'open', ssvc_automatable(v),
                     ssvc_human_impact('catastrophic', 'mef failure')) AS deployer,
       ssvc_cisa(ssvc_exploitation(true, 0.94), ssvc_automatable(v), ssvc_technical_impact(v),
                 ssvc_mission_wellbeing('essential', 'irreversible')) AS cisa
FROM (VALUES ('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H'::cvss)) t(v);

-- how the functions are marked
SELECT p.oid::regprocedure AS function, p.provolatile AS volatility, p.proisstrict AS strict, p.proparallel AS parallel
FROM pg_proc p WHERE p.pronamespace = 'iec62443p2'::regnamespace AND p.proname LIKE 'ssvc%' ORDER BY p.oid::regprocedure::text;

DROP EXTENSION iec62443p2;
DROP SCHEMA iec62443p2;
