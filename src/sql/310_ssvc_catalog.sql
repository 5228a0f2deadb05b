-- The SSVC decision tables as a read-only catalogue, so analysts can read the standard's rows and
-- join them.  The same rows are static data in src/ssvc_core.c (what ssvc_cisa, ssvc_deployer,
-- ssvc_human_impact and ssvc_mission_wellbeing compute with); the regression test proves the
-- functions agree with this table on every row, and both with the published CSV files
-- (test/data/ssvc).  The INSERTs at the end were generated from those CSV files (without their
-- "# source" line) with this awk, one run per tree; HASROW is 0 for mission_and_well_being_v1.csv,
-- which has no row column, else 1:
--   awk -F, -v tree=TREE -v cols='INPUT, COLUMNS' -v hasrow=HASROW '
--     function q(s) { return "\047" s "\047" }
--     BEGIN { printf "INSERT INTO @extschema@.ssvc_decision (tree, row_number, %s, outcome) VALUES\n", cols }
--     NR > 1 { if (out != "") print out ","; line = "  (" q(tree) ", " (hasrow ? $1 : NR - 2)
--              for (i = 1 + hasrow; i <= NF; i++) line = line ", " q($i); out = line ")" }
--     END { print out ";" }' FILE.csv

CREATE TABLE @extschema@.ssvc_tree (
  tree         text PRIMARY KEY,
  sql_function text NOT NULL UNIQUE,
  title        text NOT NULL,
  version      text NOT NULL,
  inputs       text[] NOT NULL,
  outcomes     text[] NOT NULL,
  source       text NOT NULL
);
COMMENT ON TABLE @extschema@.ssvc_tree IS
  'Shipped catalogue: the SSVC decision tables the extension implements, with their published versions.';
COMMENT ON COLUMN @extschema@.ssvc_tree.tree IS 'Key used by ssvc_decision.tree.';
COMMENT ON COLUMN @extschema@.ssvc_tree.sql_function IS 'The function that computes this table''s decisions.';
COMMENT ON COLUMN @extschema@.ssvc_tree.title IS 'The table''s published name.';
COMMENT ON COLUMN @extschema@.ssvc_tree.version IS 'The table''s published version.';
COMMENT ON COLUMN @extschema@.ssvc_tree.inputs IS
  'Decision points in the function''s argument order; each is a column of ssvc_decision.';
COMMENT ON COLUMN @extschema@.ssvc_tree.outcomes IS 'The possible outcomes, least to most urgent.';
COMMENT ON COLUMN @extschema@.ssvc_tree.source IS 'Where the published table comes from.';

INSERT INTO @extschema@.ssvc_tree (tree, sql_function, title, version, inputs, outcomes, source) VALUES
  ('cisa', 'ssvc_cisa', 'CISA SSVC coordinator decision tree', '2.0.3',
   '{exploitation,automatable,technical_impact,mission_wellbeing}', '{track,track*,attend,act}',
   'CERTCC/SSVC data/csv/cisa/cisa_coordinator_2_0_3.csv (commit e3b00a2); CISA SSVC guide, November 2022'),
  ('deployer', 'ssvc_deployer', 'CERT/CC SSVC deployer patch application priority', '1.0.0',
   '{exploitation,system_exposure,automatable,human_impact}', '{defer,scheduled,out-of-cycle,immediate}',
   'CERTCC/SSVC data/csv/ssvc/deployer_patch_application_priority_1_0_0.csv (commit e3b00a2)'),
  ('human_impact', 'ssvc_human_impact', 'CERT/CC SSVC human impact', '1.0.0',
   '{safety_impact,mission_impact}', '{low,medium,high,very high}',
   'CERTCC/SSVC data/csv/ssvc/human_impact_1_0_0.csv (commit e3b00a2)'),
  ('mission_wellbeing', 'ssvc_mission_wellbeing', 'CISA SSVC mission and well-being impact', '1',
   '{mission_prevalence,public_wellbeing}', '{low,medium,high}',
   'CERTCC/SSVC data/csvs/mission-and-well-being_v1.csv (parent of commit 9daaf49)');

CREATE TABLE @extschema@.ssvc_decision (
  tree               text NOT NULL REFERENCES @extschema@.ssvc_tree (tree),
  row_number         smallint NOT NULL CHECK (row_number >= 0),
  exploitation       text CHECK (exploitation IN ('none', 'public poc', 'active')),
  automatable        text CHECK (automatable IN ('no', 'yes')),
  technical_impact   text CHECK (technical_impact IN ('partial', 'total')),
  mission_wellbeing  text CHECK (mission_wellbeing IN ('low', 'medium', 'high')),
  system_exposure    text CHECK (system_exposure IN ('small', 'controlled', 'open')),
  human_impact       text CHECK (human_impact IN ('low', 'medium', 'high', 'very high')),
  safety_impact      text CHECK (safety_impact IN ('negligible', 'marginal', 'critical', 'catastrophic')),
  mission_impact     text CHECK (mission_impact IN ('degraded', 'mef support crippled', 'mef failure', 'mission failure')),
  mission_prevalence text CHECK (mission_prevalence IN ('minimal', 'support', 'essential')),
  public_wellbeing   text CHECK (public_wellbeing IN ('minimal', 'material', 'irreversible')),
  outcome            text NOT NULL,
  PRIMARY KEY (tree, row_number),
  CONSTRAINT ssvc_decision_inputs UNIQUE NULLS NOT DISTINCT
    (tree, exploitation, automatable, technical_impact, mission_wellbeing, system_exposure, human_impact,
     safety_impact, mission_impact, mission_prevalence, public_wellbeing),
  -- each tree's rows set exactly its own inputs, and name one of its outcomes
  CONSTRAINT ssvc_decision_shape CHECK (CASE tree
    WHEN 'cisa' THEN pg_catalog.num_nonnulls(exploitation, automatable, technical_impact, mission_wellbeing) = 4
                     AND pg_catalog.num_nonnulls(system_exposure, human_impact, safety_impact, mission_impact,
                                                 mission_prevalence, public_wellbeing) = 0
                     AND outcome IN ('track', 'track*', 'attend', 'act')
    WHEN 'deployer' THEN pg_catalog.num_nonnulls(exploitation, system_exposure, automatable, human_impact) = 4
                     AND pg_catalog.num_nonnulls(technical_impact, mission_wellbeing, safety_impact, mission_impact,
                                                 mission_prevalence, public_wellbeing) = 0
                     AND outcome IN ('defer', 'scheduled', 'out-of-cycle', 'immediate')
    WHEN 'human_impact' THEN pg_catalog.num_nonnulls(safety_impact, mission_impact) = 2
                     AND pg_catalog.num_nonnulls(exploitation, automatable, technical_impact, mission_wellbeing,
                                                 system_exposure, human_impact, mission_prevalence, public_wellbeing) = 0
                     AND outcome IN ('low', 'medium', 'high', 'very high')
    WHEN 'mission_wellbeing' THEN pg_catalog.num_nonnulls(mission_prevalence, public_wellbeing) = 2
                     AND pg_catalog.num_nonnulls(exploitation, automatable, technical_impact, mission_wellbeing,
                                                 system_exposure, human_impact, safety_impact, mission_impact) = 0
                     AND outcome IN ('low', 'medium', 'high')
    ELSE false END)
);
COMMENT ON TABLE @extschema@.ssvc_decision IS
  'Shipped catalogue: every row of the SSVC decision tables (CISA coordinator 2.0.3, CERT/CC deployer patch '
  'application priority 1.0.0, human impact 1.0.0, CISA mission and well-being v1), as published.  A row sets '
  'the inputs of its tree (see ssvc_tree.inputs) and leaves the other decision points NULL.';
COMMENT ON COLUMN @extschema@.ssvc_decision.tree IS 'The decision table (ssvc_tree.tree).';
COMMENT ON COLUMN @extschema@.ssvc_decision.row_number IS 'Row number in the published CSV file, from 0.';
COMMENT ON COLUMN @extschema@.ssvc_decision.exploitation IS 'Exploitation 1.1.0: none, public poc, active (cisa, deployer).';
COMMENT ON COLUMN @extschema@.ssvc_decision.automatable IS 'Automatable 2.0.0: no, yes (cisa, deployer).';
COMMENT ON COLUMN @extschema@.ssvc_decision.technical_impact IS 'Technical impact 1.0.0: partial, total (cisa).';
COMMENT ON COLUMN @extschema@.ssvc_decision.mission_wellbeing IS 'Mission and well-being impact 1.0.0: low, medium, high (cisa).';
COMMENT ON COLUMN @extschema@.ssvc_decision.system_exposure IS 'System exposure 1.0.1: small, controlled, open (deployer).';
COMMENT ON COLUMN @extschema@.ssvc_decision.human_impact IS 'Human impact 2.0.2: low, medium, high, very high (deployer).';
COMMENT ON COLUMN @extschema@.ssvc_decision.safety_impact IS
  'Safety impact 2.0.1: negligible, marginal, critical, catastrophic (human_impact).';
COMMENT ON COLUMN @extschema@.ssvc_decision.mission_impact IS
  'Mission impact 2.0.0: degraded, mef support crippled, mef failure, mission failure (human_impact).';
COMMENT ON COLUMN @extschema@.ssvc_decision.mission_prevalence IS 'Mission prevalence: minimal, support, essential (mission_wellbeing).';
COMMENT ON COLUMN @extschema@.ssvc_decision.public_wellbeing IS
  'Public well-being impact: minimal, material, irreversible (mission_wellbeing).';
COMMENT ON COLUMN @extschema@.ssvc_decision.outcome IS 'The decision: one of the tree''s outcomes (ssvc_tree.outcomes).';

INSERT INTO @extschema@.ssvc_decision (tree, row_number, exploitation, automatable, technical_impact, mission_wellbeing, outcome) VALUES
  ('cisa', 0, 'none', 'no', 'partial', 'low', 'track'),
  ('cisa', 1, 'none', 'no', 'partial', 'medium', 'track'),
  ('cisa', 2, 'none', 'no', 'partial', 'high', 'track'),
  ('cisa', 3, 'none', 'no', 'total', 'low', 'track'),
  ('cisa', 4, 'none', 'no', 'total', 'medium', 'track'),
  ('cisa', 5, 'none', 'no', 'total', 'high', 'track*'),
  ('cisa', 6, 'none', 'yes', 'partial', 'low', 'track'),
  ('cisa', 7, 'none', 'yes', 'partial', 'medium', 'track'),
  ('cisa', 8, 'none', 'yes', 'partial', 'high', 'attend'),
  ('cisa', 9, 'none', 'yes', 'total', 'low', 'track'),
  ('cisa', 10, 'none', 'yes', 'total', 'medium', 'track'),
  ('cisa', 11, 'none', 'yes', 'total', 'high', 'attend'),
  ('cisa', 12, 'public poc', 'no', 'partial', 'low', 'track'),
  ('cisa', 13, 'public poc', 'no', 'partial', 'medium', 'track'),
  ('cisa', 14, 'public poc', 'no', 'partial', 'high', 'track*'),
  ('cisa', 15, 'public poc', 'no', 'total', 'low', 'track'),
  ('cisa', 16, 'public poc', 'no', 'total', 'medium', 'track*'),
  ('cisa', 17, 'public poc', 'no', 'total', 'high', 'attend'),
  ('cisa', 18, 'public poc', 'yes', 'partial', 'low', 'track'),
  ('cisa', 19, 'public poc', 'yes', 'partial', 'medium', 'track'),
  ('cisa', 20, 'public poc', 'yes', 'partial', 'high', 'attend'),
  ('cisa', 21, 'public poc', 'yes', 'total', 'low', 'track'),
  ('cisa', 22, 'public poc', 'yes', 'total', 'medium', 'track*'),
  ('cisa', 23, 'public poc', 'yes', 'total', 'high', 'attend'),
  ('cisa', 24, 'active', 'no', 'partial', 'low', 'track'),
  ('cisa', 25, 'active', 'no', 'partial', 'medium', 'track'),
  ('cisa', 26, 'active', 'no', 'partial', 'high', 'attend'),
  ('cisa', 27, 'active', 'no', 'total', 'low', 'track'),
  ('cisa', 28, 'active', 'no', 'total', 'medium', 'attend'),
  ('cisa', 29, 'active', 'no', 'total', 'high', 'act'),
  ('cisa', 30, 'active', 'yes', 'partial', 'low', 'attend'),
  ('cisa', 31, 'active', 'yes', 'partial', 'medium', 'attend'),
  ('cisa', 32, 'active', 'yes', 'partial', 'high', 'act'),
  ('cisa', 33, 'active', 'yes', 'total', 'low', 'attend'),
  ('cisa', 34, 'active', 'yes', 'total', 'medium', 'act'),
  ('cisa', 35, 'active', 'yes', 'total', 'high', 'act');

INSERT INTO @extschema@.ssvc_decision (tree, row_number, exploitation, system_exposure, automatable, human_impact, outcome) VALUES
  ('deployer', 0, 'none', 'small', 'no', 'low', 'defer'),
  ('deployer', 1, 'none', 'small', 'no', 'medium', 'defer'),
  ('deployer', 2, 'none', 'small', 'no', 'high', 'scheduled'),
  ('deployer', 3, 'none', 'small', 'no', 'very high', 'scheduled'),
  ('deployer', 4, 'none', 'small', 'yes', 'low', 'defer'),
  ('deployer', 5, 'none', 'small', 'yes', 'medium', 'scheduled'),
  ('deployer', 6, 'none', 'small', 'yes', 'high', 'scheduled'),
  ('deployer', 7, 'none', 'small', 'yes', 'very high', 'scheduled'),
  ('deployer', 8, 'none', 'controlled', 'no', 'low', 'defer'),
  ('deployer', 9, 'none', 'controlled', 'no', 'medium', 'scheduled'),
  ('deployer', 10, 'none', 'controlled', 'no', 'high', 'scheduled'),
  ('deployer', 11, 'none', 'controlled', 'no', 'very high', 'scheduled'),
  ('deployer', 12, 'none', 'controlled', 'yes', 'low', 'scheduled'),
  ('deployer', 13, 'none', 'controlled', 'yes', 'medium', 'scheduled'),
  ('deployer', 14, 'none', 'controlled', 'yes', 'high', 'scheduled'),
  ('deployer', 15, 'none', 'controlled', 'yes', 'very high', 'scheduled'),
  ('deployer', 16, 'none', 'open', 'no', 'low', 'defer'),
  ('deployer', 17, 'none', 'open', 'no', 'medium', 'scheduled'),
  ('deployer', 18, 'none', 'open', 'no', 'high', 'scheduled'),
  ('deployer', 19, 'none', 'open', 'no', 'very high', 'scheduled'),
  ('deployer', 20, 'none', 'open', 'yes', 'low', 'scheduled'),
  ('deployer', 21, 'none', 'open', 'yes', 'medium', 'scheduled'),
  ('deployer', 22, 'none', 'open', 'yes', 'high', 'scheduled'),
  ('deployer', 23, 'none', 'open', 'yes', 'very high', 'out-of-cycle'),
  ('deployer', 24, 'public poc', 'small', 'no', 'low', 'defer'),
  ('deployer', 25, 'public poc', 'small', 'no', 'medium', 'scheduled'),
  ('deployer', 26, 'public poc', 'small', 'no', 'high', 'scheduled'),
  ('deployer', 27, 'public poc', 'small', 'no', 'very high', 'scheduled'),
  ('deployer', 28, 'public poc', 'small', 'yes', 'low', 'scheduled'),
  ('deployer', 29, 'public poc', 'small', 'yes', 'medium', 'scheduled'),
  ('deployer', 30, 'public poc', 'small', 'yes', 'high', 'scheduled'),
  ('deployer', 31, 'public poc', 'small', 'yes', 'very high', 'scheduled'),
  ('deployer', 32, 'public poc', 'controlled', 'no', 'low', 'defer'),
  ('deployer', 33, 'public poc', 'controlled', 'no', 'medium', 'scheduled'),
  ('deployer', 34, 'public poc', 'controlled', 'no', 'high', 'scheduled'),
  ('deployer', 35, 'public poc', 'controlled', 'no', 'very high', 'scheduled'),
  ('deployer', 36, 'public poc', 'controlled', 'yes', 'low', 'scheduled'),
  ('deployer', 37, 'public poc', 'controlled', 'yes', 'medium', 'scheduled'),
  ('deployer', 38, 'public poc', 'controlled', 'yes', 'high', 'scheduled'),
  ('deployer', 39, 'public poc', 'controlled', 'yes', 'very high', 'out-of-cycle'),
  ('deployer', 40, 'public poc', 'open', 'no', 'low', 'scheduled'),
  ('deployer', 41, 'public poc', 'open', 'no', 'medium', 'scheduled'),
  ('deployer', 42, 'public poc', 'open', 'no', 'high', 'scheduled'),
  ('deployer', 43, 'public poc', 'open', 'no', 'very high', 'out-of-cycle'),
  ('deployer', 44, 'public poc', 'open', 'yes', 'low', 'scheduled'),
  ('deployer', 45, 'public poc', 'open', 'yes', 'medium', 'scheduled'),
  ('deployer', 46, 'public poc', 'open', 'yes', 'high', 'out-of-cycle'),
  ('deployer', 47, 'public poc', 'open', 'yes', 'very high', 'out-of-cycle'),
  ('deployer', 48, 'active', 'small', 'no', 'low', 'scheduled'),
  ('deployer', 49, 'active', 'small', 'no', 'medium', 'scheduled'),
  ('deployer', 50, 'active', 'small', 'no', 'high', 'out-of-cycle'),
  ('deployer', 51, 'active', 'small', 'no', 'very high', 'out-of-cycle'),
  ('deployer', 52, 'active', 'small', 'yes', 'low', 'scheduled'),
  ('deployer', 53, 'active', 'small', 'yes', 'medium', 'out-of-cycle'),
  ('deployer', 54, 'active', 'small', 'yes', 'high', 'out-of-cycle'),
  ('deployer', 55, 'active', 'small', 'yes', 'very high', 'out-of-cycle'),
  ('deployer', 56, 'active', 'controlled', 'no', 'low', 'scheduled'),
  ('deployer', 57, 'active', 'controlled', 'no', 'medium', 'scheduled'),
  ('deployer', 58, 'active', 'controlled', 'no', 'high', 'out-of-cycle'),
  ('deployer', 59, 'active', 'controlled', 'no', 'very high', 'out-of-cycle'),
  ('deployer', 60, 'active', 'controlled', 'yes', 'low', 'out-of-cycle'),
  ('deployer', 61, 'active', 'controlled', 'yes', 'medium', 'out-of-cycle'),
  ('deployer', 62, 'active', 'controlled', 'yes', 'high', 'out-of-cycle'),
  ('deployer', 63, 'active', 'controlled', 'yes', 'very high', 'out-of-cycle'),
  ('deployer', 64, 'active', 'open', 'no', 'low', 'scheduled'),
  ('deployer', 65, 'active', 'open', 'no', 'medium', 'out-of-cycle'),
  ('deployer', 66, 'active', 'open', 'no', 'high', 'out-of-cycle'),
  ('deployer', 67, 'active', 'open', 'no', 'very high', 'immediate'),
  ('deployer', 68, 'active', 'open', 'yes', 'low', 'out-of-cycle'),
  ('deployer', 69, 'active', 'open', 'yes', 'medium', 'out-of-cycle'),
  ('deployer', 70, 'active', 'open', 'yes', 'high', 'immediate'),
  ('deployer', 71, 'active', 'open', 'yes', 'very high', 'immediate');

INSERT INTO @extschema@.ssvc_decision (tree, row_number, safety_impact, mission_impact, outcome) VALUES
  ('human_impact', 0, 'negligible', 'degraded', 'low'),
  ('human_impact', 1, 'negligible', 'mef support crippled', 'low'),
  ('human_impact', 2, 'negligible', 'mef failure', 'medium'),
  ('human_impact', 3, 'negligible', 'mission failure', 'very high'),
  ('human_impact', 4, 'marginal', 'degraded', 'low'),
  ('human_impact', 5, 'marginal', 'mef support crippled', 'low'),
  ('human_impact', 6, 'marginal', 'mef failure', 'medium'),
  ('human_impact', 7, 'marginal', 'mission failure', 'very high'),
  ('human_impact', 8, 'critical', 'degraded', 'medium'),
  ('human_impact', 9, 'critical', 'mef support crippled', 'high'),
  ('human_impact', 10, 'critical', 'mef failure', 'high'),
  ('human_impact', 11, 'critical', 'mission failure', 'very high'),
  ('human_impact', 12, 'catastrophic', 'degraded', 'very high'),
  ('human_impact', 13, 'catastrophic', 'mef support crippled', 'very high'),
  ('human_impact', 14, 'catastrophic', 'mef failure', 'very high'),
  ('human_impact', 15, 'catastrophic', 'mission failure', 'very high');

INSERT INTO @extschema@.ssvc_decision (tree, row_number, mission_prevalence, public_wellbeing, outcome) VALUES
  ('mission_wellbeing', 0, 'minimal', 'minimal', 'low'),
  ('mission_wellbeing', 1, 'minimal', 'material', 'medium'),
  ('mission_wellbeing', 2, 'minimal', 'irreversible', 'high'),
  ('mission_wellbeing', 3, 'support', 'minimal', 'medium'),
  ('mission_wellbeing', 4, 'support', 'material', 'medium'),
  ('mission_wellbeing', 5, 'support', 'irreversible', 'high'),
  ('mission_wellbeing', 6, 'essential', 'minimal', 'high'),
  ('mission_wellbeing', 7, 'essential', 'material', 'high'),
  ('mission_wellbeing', 8, 'essential', 'irreversible', 'high');

INSERT INTO @extschema@.object_access_class (object_name, object_class, reader_hidden_columns) VALUES
  ('ssvc_tree', 'catalog', '{}'),
  ('ssvc_decision', 'catalog', '{}');
