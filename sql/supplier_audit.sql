--
-- Supplier audits, findings and incidents: the next audit from the risk level's interval (data),
-- the compliance check against the tolerated open findings (the seed's critical 0, high 5, medium
-- 10; one open alert per supplier and severity), finding and incident time rules, and the KPIs
-- computed from them.
--
CREATE EXTENSION iec62443p2;
SET search_path = iec62443p2, public;
\set VERBOSITY terse

INSERT INTO organization (id, code, name) VALUES
  ('00000000-0000-0000-0000-0000000000a1', 'AO', 'Asset Owner'),
  ('00000000-0000-0000-0000-0000000000b1', 'SUP1', 'Supplier One'),
  ('00000000-0000-0000-0000-0000000000b2', 'SUP2', 'Supplier Two');
INSERT INTO organization_role (organization_id, role) VALUES
  ('00000000-0000-0000-0000-0000000000a1', 'asset_owner'),
  ('00000000-0000-0000-0000-0000000000b1', 'product_supplier'), ('00000000-0000-0000-0000-0000000000b2', 'service_provider');
INSERT INTO organization_relationship (organization_id, counterpart_id, relationship) VALUES
  ('00000000-0000-0000-0000-0000000000a1', '00000000-0000-0000-0000-0000000000b1', 'product_supplier'),
  ('00000000-0000-0000-0000-0000000000a1', '00000000-0000-0000-0000-0000000000b2', 'service_provider');
INSERT INTO supplier (organization_id, id, supplier_org_id, declared_criticality) VALUES
  ('00000000-0000-0000-0000-0000000000a1', '00000000-0000-0000-0000-0000000005b1', '00000000-0000-0000-0000-0000000000b1', 5),
  ('00000000-0000-0000-0000-0000000000a1', '00000000-0000-0000-0000-0000000005b2', '00000000-0000-0000-0000-0000000000b2', 1);
INSERT INTO person (organization_id, id, full_name) VALUES
  ('00000000-0000-0000-0000-0000000000a1', '00000000-0000-0000-0000-0000000000f1', 'Ann Auditor');

-- the settings copied: audit intervals and tolerated open findings
SELECT risk_level, months FROM supplier_audit_interval_setting
WHERE organization_id = '00000000-0000-0000-0000-0000000000a1' ORDER BY months;
SELECT severity, tolerated FROM supplier_finding_threshold_setting
WHERE organization_id = '00000000-0000-0000-0000-0000000000a1' ORDER BY tolerated;

-- SUP1 answers badly (critical), SUP2 well (low); both assessed 20 days ago
CREATE FUNCTION pg_temp.assess(assessment uuid, supplier uuid, good boolean) RETURNS void LANGUAGE sql AS $$
  INSERT INTO iec62443p2.supplier_assessment (organization_id, id, supplier_id, assessed_at)
  VALUES ('00000000-0000-0000-0000-0000000000a1', assessment, supplier, now() - interval '20 days');
  INSERT INTO iec62443p2.supplier_assessment_answer (organization_id, assessment_id, question_id, answer_yes)
  SELECT q.organization_id, assessment, q.id, q.yes_is_good = good
  FROM iec62443p2.supplier_question q WHERE q.organization_id = '00000000-0000-0000-0000-0000000000a1';
  UPDATE iec62443p2.supplier_assessment SET status = 'completed' WHERE id = assessment;
$$;
SELECT pg_temp.assess('00000000-0000-0000-0000-00000000e001', '00000000-0000-0000-0000-0000000005b1', false),
       pg_temp.assess('00000000-0000-0000-0000-00000000e002', '00000000-0000-0000-0000-0000000005b2', true);

-- never audited: due since the assessment
SELECT supplier_code, risk_level, last_audit_on,
       next_audit_due = ((now() - interval '20 days') AT TIME ZONE 'UTC')::date AS due_since_assessment, audit_due
FROM supplier_scorecard ORDER BY supplier_code;
-- audited 30 days ago: next audit 6 months (critical) or 36 months (low) later
INSERT INTO supplier_audit (organization_id, id, supplier_id, reference, planned_on, performed_on, lead_auditor_id, result) VALUES
  ('00000000-0000-0000-0000-0000000000a1', '00000000-0000-0000-0000-0000000a0001', '00000000-0000-0000-0000-0000000005b1', 'A-1',
   current_date - 35, current_date - 30, '00000000-0000-0000-0000-0000000000f1', 'failed'),
  ('00000000-0000-0000-0000-0000000000a1', '00000000-0000-0000-0000-0000000a0002', '00000000-0000-0000-0000-0000000005b2', 'A-2',
   current_date - 30, current_date - 30, '00000000-0000-0000-0000-0000000000f1', 'passed');
INSERT INTO supplier_audit (organization_id, id, supplier_id, reference, planned_on) VALUES
  ('00000000-0000-0000-0000-0000000000a1', '00000000-0000-0000-0000-0000000a0003', '00000000-0000-0000-0000-0000000005b1', 'A-3', current_date - 5),
  ('00000000-0000-0000-0000-0000000000a1', '00000000-0000-0000-0000-0000000a0004', '00000000-0000-0000-0000-0000000005b1', 'A-4', current_date + 60);
SELECT supplier_code, last_audit_on = current_date - 30 AS last_audit_30_days_ago,
       next_audit_due = (current_date - 30 + CASE risk_level WHEN 'critical' THEN interval '6 months' ELSE interval '36 months' END)::date AS by_interval,
       next_audit_planned_on = current_date - 5 AS planned, audit_due
FROM supplier_scorecard ORDER BY supplier_code;
-- the organisation's own interval: critical suppliers monthly
UPDATE supplier_audit_interval_setting SET months = 1
WHERE organization_id = '00000000-0000-0000-0000-0000000000a1' AND risk_level = 'critical';
SELECT supplier_code, next_audit_due = (current_date - 30 + interval '1 month')::date AS monthly
FROM supplier_scorecard WHERE supplier_code = 'SUP1';
UPDATE supplier_audit_interval_setting SET months = 0 WHERE risk_level = 'critical';
\echo :LAST_ERROR_SQLSTATE
INSERT INTO supplier_audit (organization_id, supplier_id, reference, planned_on, result) VALUES
  ('00000000-0000-0000-0000-0000000000a1', '00000000-0000-0000-0000-0000000005b1', 'A-X', current_date, 'passed');
\echo :LAST_ERROR_SQLSTATE

-- findings: one open critical finding is over the threshold (0): one alert
INSERT INTO supplier_audit_finding (organization_id, id, audit_id, supplier_id, severity, title, due_on) VALUES
  ('00000000-0000-0000-0000-0000000000a1', '00000000-0000-0000-0000-0000000f0001', '00000000-0000-0000-0000-0000000a0001',
   '00000000-0000-0000-0000-0000000005b1', 'critical', 'Shared vendor account on the remote access gateway', current_date - 1);
SELECT severity, open_findings, tolerated, acknowledged_at FROM supplier_compliance_alert ORDER BY raised_at, severity;
-- a second critical one: still one open alert
INSERT INTO supplier_audit_finding (organization_id, audit_id, supplier_id, severity, title, due_on) VALUES
  ('00000000-0000-0000-0000-0000000000a1', '00000000-0000-0000-0000-0000000a0001', '00000000-0000-0000-0000-0000000005b1',
   'critical', 'No patch qualification records', current_date + 30);
SELECT severity, open_findings, tolerated FROM supplier_compliance_alert ORDER BY severity;
-- five high findings are tolerated, the sixth is not
INSERT INTO supplier_audit_finding (organization_id, audit_id, supplier_id, severity, title)
SELECT '00000000-0000-0000-0000-0000000000a1', '00000000-0000-0000-0000-0000000a0001', '00000000-0000-0000-0000-0000000005b1',
       'high', 'High finding ' || n FROM generate_series(1, 5) n;
SELECT severity, open_findings FROM supplier_compliance_alert ORDER BY severity;
INSERT INTO supplier_audit_finding (organization_id, audit_id, supplier_id, severity, title) VALUES
  ('00000000-0000-0000-0000-0000000000a1', '00000000-0000-0000-0000-0000000a0001', '00000000-0000-0000-0000-0000000005b1', 'high', 'High finding 6');
SELECT severity, open_findings, tolerated FROM supplier_compliance_alert ORDER BY severity;
-- acknowledged, and still over: the next check raises a new one; nothing new while one is open
UPDATE supplier_compliance_alert SET acknowledged_by = '00000000-0000-0000-0000-0000000000f1', acknowledged_at = now()
WHERE severity = 'critical';
SELECT check_supplier_compliance('00000000-0000-0000-0000-0000000000a1') AS raised,
       check_supplier_compliance('00000000-0000-0000-0000-0000000000a1') AS raised_again;
SELECT severity, count(*) AS alerts, count(*) FILTER (WHERE acknowledged_at IS NULL) AS open FROM supplier_compliance_alert
GROUP BY severity ORDER BY severity;
-- the organisation tolerates more high findings: nothing to raise
UPDATE supplier_compliance_alert SET acknowledged_by = '00000000-0000-0000-0000-0000000000f1', acknowledged_at = now();
UPDATE supplier_finding_threshold_setting SET tolerated = 10
WHERE organization_id = '00000000-0000-0000-0000-0000000000a1' AND severity = 'high';
UPDATE supplier_audit_finding SET closed_on = current_date WHERE severity = 'critical';
SELECT check_supplier_compliance('00000000-0000-0000-0000-0000000000a1') AS raised_after_closing;
SELECT check_supplier_compliance(NULL);
\echo :LAST_ERROR_SQLSTATE
-- a finding belongs to its audit's supplier; verification follows closure
INSERT INTO supplier_audit_finding (organization_id, audit_id, supplier_id, severity, title) VALUES
  ('00000000-0000-0000-0000-0000000000a1', '00000000-0000-0000-0000-0000000a0001', '00000000-0000-0000-0000-0000000005b2', 'low', 'Wrong supplier');
\echo :LAST_ERROR_SQLSTATE
UPDATE supplier_audit_finding SET verified_on = current_date, verified_by = '00000000-0000-0000-0000-0000000000f1'
WHERE id = '00000000-0000-0000-0000-0000000f0001' AND false OR (severity = 'high' AND title = 'High finding 1');
\echo :LAST_ERROR_SQLSTATE
UPDATE supplier_audit_finding SET verified_on = current_date, verified_by = '00000000-0000-0000-0000-0000000000f1'
WHERE id = '00000000-0000-0000-0000-0000000f0001';
UPDATE supplier_audit_finding SET verified_on = current_date - 10 WHERE id = '00000000-0000-0000-0000-0000000f0001';
\echo :LAST_ERROR_SQLSTATE

-- incidents: times in order
INSERT INTO supplier_incident (organization_id, supplier_id, title, severity, occurred_at, detected_at, responded_at, resolved_at, notified_by_supplier) VALUES
  ('00000000-0000-0000-0000-0000000000a1', '00000000-0000-0000-0000-0000000005b1', 'Compromised vendor laptop', 'high',
   now() - interval '12 days', now() - interval '10 days', now() - interval '10 days' + interval '2 hours', now() - interval '8 days', true),
  ('00000000-0000-0000-0000-0000000000a1', '00000000-0000-0000-0000-0000000005b1', 'Leaked support credentials', 'medium',
   NULL, now() - interval '5 days', now() - interval '5 days' + interval '4 hours', NULL, false),
  ('00000000-0000-0000-0000-0000000000a1', '00000000-0000-0000-0000-0000000005b2', 'Old incident', 'low',
   NULL, now() - interval '500 days', now() - interval '500 days' + interval '30 hours', now() - interval '490 days', false);
INSERT INTO supplier_incident (organization_id, supplier_id, title, severity, occurred_at, detected_at) VALUES
  ('00000000-0000-0000-0000-0000000000a1', '00000000-0000-0000-0000-0000000005b1', 'detected before it occurred', 'low', now(), now() - interval '1 hour');
\echo :LAST_ERROR_SQLSTATE
INSERT INTO supplier_incident (organization_id, supplier_id, title, severity, detected_at, resolved_at) VALUES
  ('00000000-0000-0000-0000-0000000000a1', '00000000-0000-0000-0000-0000000005b1', 'resolved without a response', 'low', now(), now());
\echo :LAST_ERROR_SQLSTATE

SELECT supplier_code, open_findings, overdue_findings, incidents_last_12_months FROM supplier_scorecard ORDER BY supplier_code;
SELECT audits_planned_last_12_months, audits_performed_last_12_months, audit_completion_pct, audit_due,
       findings_open, findings_overdue, findings_closed_last_12_months, findings_verified_last_12_months,
       incidents_last_12_months, incidents_per_100_suppliers, mean_response_hours, mean_resolution_hours
FROM supplier_kpis WHERE organization = 'AO';
SELECT sum(audits_performed) AS audits_performed, sum(findings_closed) AS findings_closed, sum(incidents) AS incidents
FROM supplier_kpis_monthly WHERE organization = 'AO';

DROP EXTENSION iec62443p2;
DROP SCHEMA iec62443p2;
