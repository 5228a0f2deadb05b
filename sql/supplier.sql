--
-- Supplier management: criteria and questions as data, the seed's weighted example (7.1), yes/no
-- polarity, choices, not applicable, criticality inherited from assets, the risk score formula and
-- level, alerts on level changes (exactly one, none when unchanged, a first one only when high or
-- critical), refused weight sets, frozen completed assessments, contract gaps.
--
CREATE EXTENSION iec62443p2;
SET search_path = iec62443p2, public;
\set VERBOSITY terse

INSERT INTO organization (id, code, name) VALUES
  ('00000000-0000-0000-0000-0000000000a1', 'AO', 'Asset Owner'),
  ('00000000-0000-0000-0000-0000000000b1', 'SUP1', 'Supplier One'),
  ('00000000-0000-0000-0000-0000000000b2', 'SUP2', 'Supplier Two'),
  ('00000000-0000-0000-0000-0000000000b3', 'SUP3', 'Supplier Three'),
  ('00000000-0000-0000-0000-0000000000b4', 'NOREL', 'Unrelated');
INSERT INTO organization_role (organization_id, role) VALUES
  ('00000000-0000-0000-0000-0000000000a1', 'asset_owner'),
  ('00000000-0000-0000-0000-0000000000b1', 'product_supplier'),
  ('00000000-0000-0000-0000-0000000000b2', 'service_provider'),
  ('00000000-0000-0000-0000-0000000000b3', 'product_supplier'),
  ('00000000-0000-0000-0000-0000000000b4', 'product_supplier');
INSERT INTO organization_relationship (organization_id, counterpart_id, relationship) VALUES
  ('00000000-0000-0000-0000-0000000000a1', '00000000-0000-0000-0000-0000000000b1', 'product_supplier'),
  ('00000000-0000-0000-0000-0000000000a1', '00000000-0000-0000-0000-0000000000b2', 'service_provider'),
  ('00000000-0000-0000-0000-0000000000a1', '00000000-0000-0000-0000-0000000000b3', 'product_supplier');

-- every organisation gets the seed's criteria, the starter questions and the thresholds
SELECT code, weight, position FROM supplier_criterion
WHERE organization_id = '00000000-0000-0000-0000-0000000000a1' ORDER BY position;
SELECT c.code AS criterion, count(*) AS questions, sum(q.weight) AS weight
FROM supplier_question q JOIN supplier_criterion c ON c.organization_id = q.organization_id AND c.id = q.criterion_id
WHERE q.organization_id = '00000000-0000-0000-0000-0000000000a1' GROUP BY c.code, c.position ORDER BY c.position;
SELECT critical, high, medium, copied_from FROM supplier_risk_threshold_setting
WHERE organization_id = '00000000-0000-0000-0000-0000000000a1';
SELECT count(DISTINCT organization_id) AS organisations_with_criteria FROM supplier_criterion;

-- a supplier needs a relationship
INSERT INTO supplier (organization_id, supplier_org_id)
VALUES ('00000000-0000-0000-0000-0000000000a1', '00000000-0000-0000-0000-0000000000b4');
\echo :LAST_ERROR_SQLSTATE
INSERT INTO supplier (organization_id, id, supplier_org_id, annual_spend) VALUES
  ('00000000-0000-0000-0000-0000000000a1', '00000000-0000-0000-0000-0000000005b1', '00000000-0000-0000-0000-0000000000b1', 250000),
  ('00000000-0000-0000-0000-0000000000a1', '00000000-0000-0000-0000-0000000005b2', '00000000-0000-0000-0000-0000000000b2', 90000),
  ('00000000-0000-0000-0000-0000000000a1', '00000000-0000-0000-0000-0000000005b3', '00000000-0000-0000-0000-0000000000b3', 10000);

-- criticality: nothing linked gives 3; the highest asset touched wins; declared overrides
INSERT INTO asset (organization_id, id, tag, name, asset_type, vendor, product, criticality) VALUES
  ('00000000-0000-0000-0000-0000000000a1', '00000000-0000-0000-0000-00000000a001', 'PLC-1', 'PLC', 'plc', 'Supplier One', 'P1', 5),
  ('00000000-0000-0000-0000-0000000000a1', '00000000-0000-0000-0000-00000000a002', 'HMI-1', 'HMI', 'hmi', 'SUPPLIER ONE', 'H1', 2),
  ('00000000-0000-0000-0000-0000000000a1', '00000000-0000-0000-0000-00000000a003', 'HIST-1', 'Historian', 'historian', 'Other', 'X', 2);
INSERT INTO asset (organization_id, tag, name, asset_type, vendor, product, criticality, lifecycle_state) VALUES
  ('00000000-0000-0000-0000-0000000000a1', 'OLD-1', 'Decommissioned', 'plc', 'Supplier Three', 'P3', 5, 'decommissioned');
INSERT INTO supplier_supply (organization_id, supplier_id, kind, vendor) VALUES
  ('00000000-0000-0000-0000-0000000000a1', '00000000-0000-0000-0000-0000000005b1', 'product', 'supplier one'),
  ('00000000-0000-0000-0000-0000000000a1', '00000000-0000-0000-0000-0000000005b3', 'product', 'Supplier Three');
INSERT INTO supplier_supply (organization_id, supplier_id, kind, asset_id) VALUES
  ('00000000-0000-0000-0000-0000000000a1', '00000000-0000-0000-0000-0000000005b2', 'service', '00000000-0000-0000-0000-00000000a003');
INSERT INTO supplier_supply (organization_id, supplier_id, kind, asset_id, vendor) VALUES
  ('00000000-0000-0000-0000-0000000000a1', '00000000-0000-0000-0000-0000000005b2', 'service', '00000000-0000-0000-0000-00000000a003', 'Other');
\echo :LAST_ERROR_SQLSTATE
SELECT o.code, k.inherited_criticality, k.assets, k.declared_criticality, k.criticality
FROM supplier_criticality k JOIN organization o ON o.id = k.supplier_org_id ORDER BY o.code;

-- the risk score formula: min(10, (10 - security) * (0.5 + 0.25 * (criticality - 1))), one decimal
SELECT s, c, supplier_risk_score(s, c) AS risk, supplier_risk_level(supplier_risk_score(s, c)) AS level
FROM (VALUES (7.1, 1), (7.1, 3), (7.1, 5), (5.0, 5), (4.0, 5), (0, 5), (0, 1), (10, 5), (3.33, 4)) v(s, c);
SELECT supplier_risk_score(10.5, 3);
\echo :LAST_ERROR_SQLSTATE
SELECT supplier_risk_score(5, 6);
\echo :LAST_ERROR_SQLSTATE
SELECT supplier_risk_score('NaN', 3);
\echo :LAST_ERROR_SQLSTATE

-- The seed's example: criterion scores 8, 6, 9, 7, 5 with the default weights -> 7.1.  One choice
-- question per criterion, answered with the option scoring the seed's value.
INSERT INTO supplier_question (organization_id, id, criterion_id, code, question, answer_kind, weight)
SELECT c.organization_id, ('00000000-0000-0000-0000-0000000c000' || c.position)::uuid, c.id, 'seed_' || c.code,
       'Seed example rating of ' || c.code, 'choice', 1
FROM supplier_criterion c WHERE c.organization_id = '00000000-0000-0000-0000-0000000000a1';
INSERT INTO supplier_question_option (organization_id, question_id, code, label, score)
SELECT q.organization_id, q.id, 'r' || s.score, 'rated ' || s.score, s.score
FROM supplier_question q CROSS JOIN generate_series(0, 10) s(score)
WHERE q.code LIKE 'seed\_%';
INSERT INTO supplier_assessment (organization_id, id, supplier_id, assessed_at) VALUES
  ('00000000-0000-0000-0000-0000000000a1', '00000000-0000-0000-0000-00000000e001', '00000000-0000-0000-0000-0000000005b2', '2025-01-15 10:00+00');
INSERT INTO supplier_assessment_answer (organization_id, assessment_id, question_id, option_id)
SELECT q.organization_id, '00000000-0000-0000-0000-00000000e001', q.id, o.id
FROM supplier_question q
JOIN supplier_criterion c ON c.organization_id = q.organization_id AND c.id = q.criterion_id
JOIN (VALUES ('policy', 8), ('controls', 6), ('incidents', 9), ('compliance', 7), ('improvement', 5)) v(criterion, score) ON v.criterion = c.code
JOIN supplier_question_option o ON o.organization_id = q.organization_id AND o.question_id = q.id AND o.score = v.score
WHERE q.code LIKE 'seed\_%';
SELECT criterion, weight, score, answered FROM supplier_assessment_criterion_score
WHERE assessment_id = '00000000-0000-0000-0000-00000000e001' ORDER BY weight DESC, criterion;
UPDATE supplier_assessment SET status = 'completed' WHERE id = '00000000-0000-0000-0000-00000000e001';
SELECT security_score, security_score = 7.1 AS is_7_1, criticality, risk_score, risk_level
FROM supplier_assessment WHERE id = '00000000-0000-0000-0000-00000000e001';
-- a first assessment at low raises nothing
SELECT count(*) AS alerts FROM supplier_risk_alert;

-- completed: frozen
UPDATE supplier_assessment_answer SET option_id = NULL, not_applicable = true
WHERE assessment_id = '00000000-0000-0000-0000-00000000e001';
\echo :LAST_ERROR_SQLSTATE
DELETE FROM supplier_assessment_answer WHERE assessment_id = '00000000-0000-0000-0000-00000000e001';
\echo :LAST_ERROR_SQLSTATE
UPDATE supplier_assessment SET status = 'draft' WHERE id = '00000000-0000-0000-0000-00000000e001';
\echo :LAST_ERROR_SQLSTATE
UPDATE supplier_assessment SET notes = 'notes may change' WHERE id = '00000000-0000-0000-0000-00000000e001';

-- yes/no polarity and not applicable: supplier SUP1 (criticality 5) on the starter questions
CREATE FUNCTION pg_temp.assess(assessment uuid, supplier uuid, at timestamptz, yes_codes text[], na_codes text[])
RETURNS void LANGUAGE sql AS $$
  INSERT INTO iec62443p2.supplier_assessment (organization_id, id, supplier_id, assessed_at)
  VALUES ('00000000-0000-0000-0000-0000000000a1', assessment, supplier, at);
  INSERT INTO iec62443p2.supplier_assessment_answer (organization_id, assessment_id, question_id, answer_yes, not_applicable)
  SELECT q.organization_id, assessment, q.id,
         CASE WHEN q.code = ANY (na_codes) THEN NULL ELSE q.code = ANY (yes_codes) END, q.code = ANY (na_codes)
  FROM iec62443p2.supplier_question q
  WHERE q.organization_id = '00000000-0000-0000-0000-0000000000a1' AND q.answer_kind = 'yes_no';
  UPDATE iec62443p2.supplier_assessment SET status = 'completed' WHERE id = assessment;
$$;
-- every good answer (yes where yes is good, no where yes is bad), recent incident not applicable
SELECT pg_temp.assess('00000000-0000-0000-0000-00000000e101', '00000000-0000-0000-0000-0000000005b1', '2025-01-10',
  ARRAY['policy_documented', 'policy_reviewed', 'controls_remote_access', 'controls_patch_qualification',
        'incidents_notify', 'compliance_certified', 'improvement_actions_closed'], ARRAY['incidents_recent']);
SELECT a.not_applicable, a.score, count(*) FROM supplier_assessment_answer a
WHERE a.assessment_id = '00000000-0000-0000-0000-00000000e101' GROUP BY 1, 2 ORDER BY 1, 2;
SELECT security_score, criticality, risk_score, risk_level FROM supplier_assessment WHERE id = '00000000-0000-0000-0000-00000000e101';
SELECT count(*) AS alerts FROM supplier_risk_alert;
-- same answers again: unchanged level, no alert
SELECT pg_temp.assess('00000000-0000-0000-0000-00000000e102', '00000000-0000-0000-0000-0000000005b1', '2025-04-10',
  ARRAY['policy_documented', 'policy_reviewed', 'controls_remote_access', 'controls_patch_qualification',
        'incidents_notify', 'compliance_certified', 'improvement_actions_closed'], ARRAY[]::text[]);
SELECT security_score, risk_score, risk_level FROM supplier_assessment WHERE id = '00000000-0000-0000-0000-00000000e102';
SELECT count(*) AS alerts FROM supplier_risk_alert;
-- shared accounts used, remote access not secured, no patch qualification (controls 0), policy not
-- reviewed (6.67), incidents not notified (3.33): security 5.0 -> risk 7.5, high at criticality 5
SELECT pg_temp.assess('00000000-0000-0000-0000-00000000e103', '00000000-0000-0000-0000-0000000005b1', '2025-07-10',
  ARRAY['policy_documented', 'controls_shared_accounts', 'compliance_certified', 'improvement_actions_closed'],
  ARRAY[]::text[]);
SELECT c.criterion, c.score FROM supplier_assessment_criterion_score c
WHERE c.assessment_id = '00000000-0000-0000-0000-00000000e103' ORDER BY c.weight DESC, c.criterion;
SELECT security_score, risk_score, risk_level FROM supplier_assessment WHERE id = '00000000-0000-0000-0000-00000000e103';
-- exactly one alert, from low to high
SELECT o.code, a.old_level, a.new_level, a.severity, a.assessed_at, a.acknowledged_at
FROM supplier_risk_alert a JOIN supplier s ON s.organization_id = a.organization_id AND s.id = a.supplier_id
JOIN organization o ON o.id = s.supplier_org_id ORDER BY a.assessed_at;
-- everything bad: critical, one more alert
SELECT pg_temp.assess('00000000-0000-0000-0000-00000000e104', '00000000-0000-0000-0000-0000000005b1', '2025-10-10',
  ARRAY['controls_shared_accounts', 'incidents_recent', 'compliance_open_findings'], ARRAY[]::text[]);
-- improved back to low: an info alert
SELECT pg_temp.assess('00000000-0000-0000-0000-00000000e105', '00000000-0000-0000-0000-0000000005b1', '2026-01-10',
  ARRAY['policy_documented', 'policy_reviewed', 'controls_remote_access', 'controls_patch_qualification',
        'incidents_notify', 'compliance_certified', 'improvement_actions_closed'], ARRAY[]::text[]);
SELECT a.old_level, a.new_level, a.severity, x.risk_score FROM supplier_risk_alert a
JOIN supplier_assessment x ON x.organization_id = a.organization_id AND x.id = a.assessment_id
WHERE a.supplier_id = '00000000-0000-0000-0000-0000000005b1' ORDER BY a.assessed_at;
-- a back-dated assessment, older than the latest completed one, changes no current level: no alert
SELECT pg_temp.assess('00000000-0000-0000-0000-00000000e106', '00000000-0000-0000-0000-0000000005b1', '2025-12-01',
  ARRAY['controls_shared_accounts', 'incidents_recent', 'compliance_open_findings'], ARRAY[]::text[]);
SELECT risk_level AS back_dated_level,
       (SELECT count(*) FROM supplier_risk_alert WHERE supplier_id = '00000000-0000-0000-0000-0000000005b1') AS alerts
FROM supplier_assessment WHERE id = '00000000-0000-0000-0000-00000000e106';
-- a question moved to another criterion may not leave its old criterion with only zero weights
BEGIN;
INSERT INTO supplier_question (organization_id, criterion_id, code, question, yes_is_good, weight)
SELECT organization_id, id, 'policy_new', 'A new policy question?', true, 1
FROM supplier_criterion WHERE organization_id = '00000000-0000-0000-0000-0000000000a1' AND code = 'policy';
UPDATE supplier_question q SET weight = 0
  FROM supplier_criterion c
 WHERE c.organization_id = q.organization_id AND c.id = q.criterion_id AND c.code = 'policy'
   AND q.organization_id = '00000000-0000-0000-0000-0000000000a1' AND q.code <> 'policy_new';
UPDATE supplier_question
   SET criterion_id = (SELECT id FROM supplier_criterion
                        WHERE organization_id = '00000000-0000-0000-0000-0000000000a1' AND code = 'controls')
 WHERE organization_id = '00000000-0000-0000-0000-0000000000a1' AND code = 'policy_new';
\echo :LAST_ERROR_SQLSTATE
ROLLBACK;
-- the scorecard carries every criterion's latest score, whatever the organisation's criteria are
SELECT criterion_scores FROM supplier_scorecard WHERE id = '00000000-0000-0000-0000-0000000005b1';
-- a first assessment that is high or critical counts as a change: SUP3 (criticality 3 once the
-- decommissioned asset is ignored; declared 5 here) answering everything badly
UPDATE supplier SET declared_criticality = 5 WHERE id = '00000000-0000-0000-0000-0000000005b3';
SELECT pg_temp.assess('00000000-0000-0000-0000-00000000e301', '00000000-0000-0000-0000-0000000005b3', '2025-03-01',
  ARRAY['controls_shared_accounts'], ARRAY[]::text[]);
SELECT a.old_level, a.new_level, a.severity FROM supplier_risk_alert a
WHERE a.supplier_id = '00000000-0000-0000-0000-0000000005b3';

-- the organisation's own thresholds decide the level
UPDATE supplier_risk_threshold_setting SET critical = 9.5, high = 9.0, medium = 8.5
WHERE organization_id = '00000000-0000-0000-0000-0000000000a1';
SELECT supplier_risk_level('00000000-0000-0000-0000-0000000000a1', 9.2) AS own, supplier_risk_level(9.2) AS shipped,
       supplier_risk_level('00000000-0000-0000-0000-0000000000b9', 9.2) AS no_settings;
UPDATE supplier_risk_threshold_setting SET critical = 5, high = 6
WHERE organization_id = '00000000-0000-0000-0000-0000000000a1';
\echo :LAST_ERROR_SQLSTATE

-- completing without any applicable answer is refused; answers must match the question's form
INSERT INTO supplier_assessment (organization_id, id, supplier_id) VALUES
  ('00000000-0000-0000-0000-0000000000a1', '00000000-0000-0000-0000-00000000e201', '00000000-0000-0000-0000-0000000005b2');
UPDATE supplier_assessment SET status = 'completed' WHERE id = '00000000-0000-0000-0000-00000000e201';
\echo :LAST_ERROR_SQLSTATE
INSERT INTO supplier_assessment_answer (organization_id, assessment_id, question_id, option_id)
SELECT organization_id, '00000000-0000-0000-0000-00000000e201', id, NULL FROM supplier_question WHERE code = 'seed_policy';
\echo :LAST_ERROR_SQLSTATE
INSERT INTO supplier_assessment_answer (organization_id, assessment_id, question_id, answer_yes)
SELECT organization_id, '00000000-0000-0000-0000-00000000e201', id, true FROM supplier_question WHERE code = 'seed_policy';
\echo :LAST_ERROR_SQLSTATE
-- an option of another question
INSERT INTO supplier_assessment_answer (organization_id, assessment_id, question_id, option_id)
SELECT q.organization_id, '00000000-0000-0000-0000-00000000e201', q.id, o.id
FROM supplier_question q, supplier_question_option o
WHERE q.code = 'seed_policy' AND o.question_id <> q.id LIMIT 1;
\echo :LAST_ERROR_SQLSTATE
INSERT INTO supplier_assessment_answer (organization_id, assessment_id, question_id, answer_yes, not_applicable)
SELECT organization_id, '00000000-0000-0000-0000-00000000e201', id, true, true FROM supplier_question WHERE code = 'policy_documented' AND organization_id = '00000000-0000-0000-0000-0000000000a1';
\echo :LAST_ERROR_SQLSTATE
-- only not applicable answers: still nothing to score
INSERT INTO supplier_assessment_answer (organization_id, assessment_id, question_id, not_applicable)
SELECT organization_id, '00000000-0000-0000-0000-00000000e201', id, true FROM supplier_question WHERE code = 'policy_documented' AND organization_id = '00000000-0000-0000-0000-0000000000a1';
UPDATE supplier_assessment SET status = 'completed' WHERE id = '00000000-0000-0000-0000-00000000e201';
\echo :LAST_ERROR_SQLSTATE

-- weight sets that make no sense are refused
UPDATE supplier_criterion SET weight = -0.1 WHERE code = 'policy' AND organization_id = '00000000-0000-0000-0000-0000000000a1';
\echo :LAST_ERROR_SQLSTATE
UPDATE supplier_criterion SET weight = 'NaN' WHERE code = 'policy' AND organization_id = '00000000-0000-0000-0000-0000000000a1';
\echo :LAST_ERROR_SQLSTATE
UPDATE supplier_criterion SET weight = 0 WHERE organization_id = '00000000-0000-0000-0000-0000000000a1';
\echo :LAST_ERROR_SQLSTATE
UPDATE supplier_question SET weight = -1 WHERE code = 'policy_reviewed';
\echo :LAST_ERROR_SQLSTATE
UPDATE supplier_question SET weight = 0
WHERE organization_id = '00000000-0000-0000-0000-0000000000a1'
  AND criterion_id = (SELECT id FROM supplier_criterion WHERE code = 'improvement' AND organization_id = '00000000-0000-0000-0000-0000000000a1');
\echo :LAST_ERROR_SQLSTATE
DELETE FROM supplier_question WHERE organization_id = '00000000-0000-0000-0000-0000000000b4';
DELETE FROM supplier_criterion WHERE organization_id = '00000000-0000-0000-0000-0000000000b4' AND code <> 'improvement';
UPDATE supplier_criterion SET weight = 0 WHERE organization_id = '00000000-0000-0000-0000-0000000000b4';
\echo :LAST_ERROR_SQLSTATE
-- deferred, a set may pass through zero inside a transaction; checked at commit
BEGIN;
SET CONSTRAINTS supplier_criterion_weights_positive DEFERRED;
UPDATE supplier_criterion SET weight = 0 WHERE organization_id = '00000000-0000-0000-0000-0000000000b4';
UPDATE supplier_criterion SET weight = 2 WHERE organization_id = '00000000-0000-0000-0000-0000000000b4';
COMMIT;
SELECT code, weight FROM supplier_criterion WHERE organization_id = '00000000-0000-0000-0000-0000000000b4';
BEGIN;
SET CONSTRAINTS supplier_criterion_weights_positive DEFERRED;
UPDATE supplier_criterion SET weight = 0 WHERE organization_id = '00000000-0000-0000-0000-0000000000b4';
COMMIT;
\echo :LAST_ERROR_SQLSTATE
-- weights need not sum to 1: scaling all of them keeps the scores
UPDATE supplier_criterion SET weight = weight * 10 WHERE organization_id = '00000000-0000-0000-0000-0000000000a1';
SELECT round(weighted_score(score, weight), 2) AS seed_example_again FROM supplier_assessment_criterion_score
WHERE assessment_id = '00000000-0000-0000-0000-00000000e001';

-- contracts: one with no clause, one with all six, and six each missing a different kind
INSERT INTO supplier_contract (organization_id, id, supplier_id, reference, title, starts_on) VALUES
  ('00000000-0000-0000-0000-0000000000a1', '00000000-0000-0000-0000-0000000c0000', '00000000-0000-0000-0000-0000000005b1', 'C-NONE', 'No clauses', '2024-01-01'),
  ('00000000-0000-0000-0000-0000000000a1', '00000000-0000-0000-0000-0000000c0009', '00000000-0000-0000-0000-0000000005b1', 'C-ALL', 'All clauses', '2024-01-01');
INSERT INTO supplier_contract (organization_id, id, supplier_id, reference, title, starts_on, ends_on) VALUES
  ('00000000-0000-0000-0000-0000000000a1', '00000000-0000-0000-0000-0000000c0008', '00000000-0000-0000-0000-0000000005b2', 'C-EXPIRED', 'Expired, no clauses', '2010-01-01', '2012-12-31');
INSERT INTO supplier_contract (organization_id, id, supplier_id, reference, title, starts_on)
SELECT '00000000-0000-0000-0000-0000000000a1', ('00000000-0000-0000-0000-0000000c000' || k.position)::uuid,
       '00000000-0000-0000-0000-0000000005b2', 'C-NO-' || k.code, 'Missing ' || k.label, '2024-01-01'
FROM supplier_contract_clause_kind k;
INSERT INTO supplier_contract_clause (organization_id, contract_id, clause_kind, section)
SELECT c.organization_id, c.id, k.code, '§' || k.position
FROM supplier_contract c CROSS JOIN supplier_contract_clause_kind k
WHERE c.reference = 'C-ALL' OR (c.reference LIKE 'C-NO-%' AND c.reference <> 'C-NO-' || k.code);
INSERT INTO supplier_contract_clause (organization_id, contract_id, clause_kind)
VALUES ('00000000-0000-0000-0000-0000000000a1', '00000000-0000-0000-0000-0000000c0009', 'audit_rights');
\echo :LAST_ERROR_SQLSTATE
INSERT INTO supplier_contract_clause (organization_id, contract_id, clause_kind)
VALUES ('00000000-0000-0000-0000-0000000000a1', '00000000-0000-0000-0000-0000000c0009', 'warranty');
\echo :LAST_ERROR_SQLSTATE
SELECT reference, clause_kind, missing_clause FROM supplier_contract_gaps WHERE reference <> 'C-NONE' ORDER BY reference;
SELECT reference, count(*) AS missing FROM supplier_contract_gaps GROUP BY reference ORDER BY reference;

-- the scorecard and the risk changes
SELECT supplier_code, relationships, annual_spend, criticality, assessments, policy, controls, incidents, compliance,
       improvement, security_score, risk_score, risk_level, previous_risk_level, risk_score_change, trend,
       contract_gaps, open_alerts
FROM supplier_scorecard ORDER BY supplier_code;
SELECT supplier_code, old_level, new_level, severity, risk_score, security_score, acknowledged
FROM supplier_risk_changes ORDER BY assessed_at;
-- acknowledging: by and at together
INSERT INTO person (organization_id, id, full_name) VALUES
  ('00000000-0000-0000-0000-0000000000a1', '00000000-0000-0000-0000-0000000000f1', 'Ann Analyst');
UPDATE supplier_risk_alert SET acknowledged_by = '00000000-0000-0000-0000-0000000000f1';
\echo :LAST_ERROR_SQLSTATE
UPDATE supplier_risk_alert SET acknowledged_by = '00000000-0000-0000-0000-0000000000f1', acknowledged_at = '2026-02-01'
WHERE supplier_id = '00000000-0000-0000-0000-0000000005b3';
SELECT supplier_code, acknowledged_by, open_alerts FROM supplier_risk_changes
JOIN supplier_scorecard USING (supplier_code) WHERE supplier_code = 'SUP3';

-- KPIs, from recorded rows: organisation KPI with suppliers K1 (assessed 40 and 10 days ago,
-- improved; criticality 5; spend 600), K2 (assessed 400 days ago; spend 300), K3 (never; spend 100)
INSERT INTO organization (id, code, name) VALUES
  ('00000000-0000-0000-0000-0000000000c1', 'KPI', 'KPI owner'),
  ('00000000-0000-0000-0000-0000000000d1', 'K1', 'K one'), ('00000000-0000-0000-0000-0000000000d2', 'K2', 'K two'),
  ('00000000-0000-0000-0000-0000000000d3', 'K3', 'K three');
INSERT INTO organization_role (organization_id, role) VALUES
  ('00000000-0000-0000-0000-0000000000c1', 'asset_owner'), ('00000000-0000-0000-0000-0000000000d1', 'product_supplier'),
  ('00000000-0000-0000-0000-0000000000d2', 'product_supplier'), ('00000000-0000-0000-0000-0000000000d3', 'product_supplier');
INSERT INTO organization_relationship (organization_id, counterpart_id, relationship)
SELECT '00000000-0000-0000-0000-0000000000c1', id, 'product_supplier' FROM organization WHERE code IN ('K1', 'K2', 'K3');
INSERT INTO supplier (organization_id, id, supplier_org_id, annual_spend, declared_criticality) VALUES
  ('00000000-0000-0000-0000-0000000000c1', '00000000-0000-0000-0000-0000000006d1', '00000000-0000-0000-0000-0000000000d1', 600, 5),
  ('00000000-0000-0000-0000-0000000000c1', '00000000-0000-0000-0000-0000000006d2', '00000000-0000-0000-0000-0000000000d2', 300, 4),
  ('00000000-0000-0000-0000-0000000000c1', '00000000-0000-0000-0000-0000000006d3', '00000000-0000-0000-0000-0000000000d3', 100, NULL);
CREATE FUNCTION pg_temp.assess_k(assessment uuid, supplier uuid, at timestamptz, good boolean)
RETURNS void LANGUAGE sql AS $$
  INSERT INTO iec62443p2.supplier_assessment (organization_id, id, supplier_id, assessed_at)
  VALUES ('00000000-0000-0000-0000-0000000000c1', assessment, supplier, at);
  INSERT INTO iec62443p2.supplier_assessment_answer (organization_id, assessment_id, question_id, answer_yes)
  SELECT q.organization_id, assessment, q.id, CASE WHEN q.code = 'policy_reviewed' THEN good ELSE q.yes_is_good END
  FROM iec62443p2.supplier_question q WHERE q.organization_id = '00000000-0000-0000-0000-0000000000c1';
  UPDATE iec62443p2.supplier_assessment SET status = 'completed' WHERE id = assessment;
$$;
SELECT pg_temp.assess_k('00000000-0000-0000-0000-0000000e0d11', '00000000-0000-0000-0000-0000000006d1', now() - interval '40 days', false),
       pg_temp.assess_k('00000000-0000-0000-0000-0000000e0d12', '00000000-0000-0000-0000-0000000006d1', now() - interval '10 days', true),
       pg_temp.assess_k('00000000-0000-0000-0000-0000000e0d21', '00000000-0000-0000-0000-0000000006d2', now() - interval '400 days', true);
INSERT INTO supplier_contract (organization_id, id, supplier_id, reference, title, starts_on, ends_on) VALUES
  ('00000000-0000-0000-0000-0000000000c1', '00000000-0000-0000-0000-0000000c0d01', '00000000-0000-0000-0000-0000000006d1', 'K-1', 'complete', '2020-01-01', NULL),
  ('00000000-0000-0000-0000-0000000000c1', '00000000-0000-0000-0000-0000000c0d02', '00000000-0000-0000-0000-0000000006d2', 'K-2', 'one missing', '2020-01-01', NULL),
  ('00000000-0000-0000-0000-0000000000c1', '00000000-0000-0000-0000-0000000c0d03', '00000000-0000-0000-0000-0000000006d3', 'K-3', 'expired', '2010-01-01', '2011-01-01');
INSERT INTO supplier_contract_clause (organization_id, contract_id, clause_kind)
SELECT '00000000-0000-0000-0000-0000000000c1', c.id, k.code FROM supplier_contract c, supplier_contract_clause_kind k
WHERE c.reference = 'K-1' OR (c.reference = 'K-2' AND k.code <> 'termination');
SELECT organization, suppliers, critical_suppliers, assessed_last_12_months, assessment_coverage_pct,
       contracts_in_force, contracts_complete, contract_compliance_pct, reassessed, improved, improvement_rate_pct,
       risk_critical, risk_high, risk_medium, risk_low, never_assessed, annual_spend, critical_spend,
       critical_spend_coverage_pct, open_alerts
FROM supplier_kpis WHERE organization = 'KPI';
SELECT count(*) BETWEEN 13 AND 15 AS months_since_first_assessment, sum(assessments) AS assessments,
       max(time) = date_trunc('month', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' AS up_to_this_month,
       (array_agg(assessment_coverage_pct ORDER BY time DESC))[1] AS coverage_this_month,
       (array_agg(assessment_coverage_pct ORDER BY time))[1] AS coverage_first_month
FROM supplier_kpis_monthly WHERE organization = 'KPI';

DROP EXTENSION iec62443p2;
DROP SCHEMA iec62443p2;
