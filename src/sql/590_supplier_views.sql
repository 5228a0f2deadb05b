-- Supplier views read by analysts and BI tools: the scorecard (one row per supplier), the risk
-- level changes, and the seed's supplier metrics now and by month.  After the supplier tables
-- (500-530), so the scorecard can show the next audit.

CREATE VIEW @extschema@.supplier_scorecard WITH (security_invoker = true) AS
SELECT s.id,
       s.organization_id,
       ow.code AS organization,
       o.code AS supplier_code,
       o.name AS supplier,
       (SELECT pg_catalog.string_agg(DISTINCT r.relationship, ', ')
          FROM @extschema@.organization_relationship r
         WHERE r.organization_id = s.organization_id AND r.counterpart_id = s.supplier_org_id) AS relationships,
       s.annual_spend::numeric(14,2) AS annual_spend,
       s.currency,
       k.criticality,
       la.assessed_at AS last_assessed_at,
       (SELECT pg_catalog.count(*) FROM @extschema@.supplier_assessment x
         WHERE x.organization_id = s.organization_id AND x.supplier_id = s.id AND x.status = 'completed')::integer AS assessments,
       cs.policy, cs.controls, cs.incidents, cs.compliance, cs.improvement,
       la.security_score::numeric(4,2) AS security_score,
       la.risk_score::numeric(3,1) AS risk_score,
       la.risk_level,
       pa.risk_score::numeric(3,1) AS previous_risk_score,
       pa.risk_level AS previous_risk_level,
       (la.risk_score - pa.risk_score)::numeric(3,1) AS risk_score_change,
       CASE WHEN la.id IS NULL THEN NULL
            WHEN pa.id IS NULL THEN 'new'
            WHEN la.risk_score < pa.risk_score THEN 'improving'
            WHEN la.risk_score > pa.risk_score THEN 'worsening'
            ELSE 'stable' END AS trend,
       (SELECT pg_catalog.count(*) FROM @extschema@.supplier_contract_gaps g
         WHERE g.organization_id = s.organization_id AND g.supplier_id = s.id)::integer AS contract_gaps,
       (SELECT pg_catalog.count(*) FROM @extschema@.supplier_risk_alert a
         WHERE a.organization_id = s.organization_id AND a.supplier_id = s.id AND a.acknowledged_at IS NULL)::integer AS open_alerts,
       au.last_audit_on,
       CASE WHEN la.risk_level IS NOT NULL
            THEN coalesce((au.last_audit_on + pg_catalog.make_interval(months => iv.months))::date,
                          (la.assessed_at AT TIME ZONE 'UTC')::date) END AS next_audit_due,
       au.next_audit_planned_on,
       coalesce(la.risk_level IS NOT NULL
                AND (au.last_audit_on IS NULL
                     OR (au.last_audit_on + pg_catalog.make_interval(months => iv.months))::date < CURRENT_DATE), false) AS audit_due,
       fi.open_findings,
       fi.overdue_findings,
       (SELECT pg_catalog.count(*) FROM @extschema@.supplier_incident i
         WHERE i.organization_id = s.organization_id AND i.supplier_id = s.id
           AND i.detected_at >= pg_catalog.now() - INTERVAL '365 days')::integer AS incidents_last_12_months,
       cs.criterion_scores
FROM @extschema@.supplier s
JOIN @extschema@.organization o ON o.id = s.supplier_org_id
JOIN @extschema@.organization ow ON ow.id = s.organization_id
JOIN @extschema@.supplier_criticality k ON k.organization_id = s.organization_id AND k.id = s.id
LEFT JOIN LATERAL (
  SELECT x.* FROM @extschema@.supplier_assessment x
  WHERE x.organization_id = s.organization_id AND x.supplier_id = s.id AND x.status = 'completed'
  ORDER BY x.assessed_at DESC, x.completed_at DESC, x.id DESC LIMIT 1) la ON true
LEFT JOIN LATERAL (
  SELECT x.* FROM @extschema@.supplier_assessment x
  WHERE x.organization_id = s.organization_id AND x.supplier_id = s.id AND x.status = 'completed' AND x.id <> la.id
    AND (x.assessed_at, x.completed_at, x.id) < (la.assessed_at, la.completed_at, la.id)
  ORDER BY x.assessed_at DESC, x.completed_at DESC, x.id DESC LIMIT 1) pa ON true
LEFT JOIN LATERAL (
  SELECT pg_catalog.max(c.score) FILTER (WHERE c.criterion = 'policy')::numeric(4,2) AS policy,
         pg_catalog.max(c.score) FILTER (WHERE c.criterion = 'controls')::numeric(4,2) AS controls,
         pg_catalog.max(c.score) FILTER (WHERE c.criterion = 'incidents')::numeric(4,2) AS incidents,
         pg_catalog.max(c.score) FILTER (WHERE c.criterion = 'compliance')::numeric(4,2) AS compliance,
         pg_catalog.max(c.score) FILTER (WHERE c.criterion = 'improvement')::numeric(4,2) AS improvement,
         pg_catalog.jsonb_object_agg(c.criterion, c.score::numeric(4,2)) FILTER (WHERE c.criterion IS NOT NULL) AS criterion_scores
  FROM @extschema@.supplier_assessment_criterion_score c
  WHERE c.organization_id = s.organization_id AND c.assessment_id = la.id) cs ON true
LEFT JOIN LATERAL (
  SELECT coalesce(t.months, d.months) AS months
  FROM @extschema@.supplier_audit_interval_default d
  LEFT JOIN @extschema@.supplier_audit_interval_setting t ON t.organization_id = s.organization_id AND t.risk_level = d.risk_level
  WHERE d.settings_profile = 'default' AND d.risk_level = la.risk_level) iv ON true
CROSS JOIN LATERAL (
  SELECT pg_catalog.max(x.performed_on) AS last_audit_on,
         pg_catalog.min(x.planned_on) FILTER (WHERE x.performed_on IS NULL) AS next_audit_planned_on
  FROM @extschema@.supplier_audit x WHERE x.organization_id = s.organization_id AND x.supplier_id = s.id) au
CROSS JOIN LATERAL (
  SELECT pg_catalog.count(*) FILTER (WHERE f.closed_on IS NULL)::integer AS open_findings,
         pg_catalog.count(*) FILTER (WHERE f.closed_on IS NULL AND f.due_on < CURRENT_DATE)::integer AS overdue_findings
  FROM @extschema@.supplier_audit_finding f WHERE f.organization_id = s.organization_id AND f.supplier_id = s.id) fi;
COMMENT ON VIEW @extschema@.supplier_scorecard IS
  'One row per supplier: its latest completed assessment''s score per default criterion, security score, risk '
  'score and level, the change since the previous assessment, contract gaps and open alerts; every criterion, '
  'an organisation''s own included, in criterion_scores.';
COMMENT ON COLUMN @extschema@.supplier_scorecard.id IS 'Supplier identifier (supplier.id).';
COMMENT ON COLUMN @extschema@.supplier_scorecard.organization_id IS 'The organisation served.';
COMMENT ON COLUMN @extschema@.supplier_scorecard.organization IS 'Code of the organisation served.';
COMMENT ON COLUMN @extschema@.supplier_scorecard.supplier_code IS 'Supplier organisation code.';
COMMENT ON COLUMN @extschema@.supplier_scorecard.supplier IS 'Supplier organisation name.';
COMMENT ON COLUMN @extschema@.supplier_scorecard.relationships IS 'service_provider, product_supplier or both.';
COMMENT ON COLUMN @extschema@.supplier_scorecard.annual_spend IS 'Annual spend with the supplier.';
COMMENT ON COLUMN @extschema@.supplier_scorecard.currency IS 'Currency of annual_spend.';
COMMENT ON COLUMN @extschema@.supplier_scorecard.criticality IS 'Criticality 1..5 now (supplier_criticality).';
COMMENT ON COLUMN @extschema@.supplier_scorecard.last_assessed_at IS 'When the latest completed assessment took place; NULL if never assessed.';
COMMENT ON COLUMN @extschema@.supplier_scorecard.assessments IS 'Completed assessments.';
COMMENT ON COLUMN @extschema@.supplier_scorecard.policy IS 'Latest score of criterion policy, 0..10.';
COMMENT ON COLUMN @extschema@.supplier_scorecard.controls IS 'Latest score of criterion controls, 0..10.';
COMMENT ON COLUMN @extschema@.supplier_scorecard.incidents IS 'Latest score of criterion incidents, 0..10.';
COMMENT ON COLUMN @extschema@.supplier_scorecard.compliance IS 'Latest score of criterion compliance, 0..10.';
COMMENT ON COLUMN @extschema@.supplier_scorecard.improvement IS 'Latest score of criterion improvement, 0..10.';
COMMENT ON COLUMN @extschema@.supplier_scorecard.security_score IS 'Latest security score 0..10, higher is better.';
COMMENT ON COLUMN @extschema@.supplier_scorecard.risk_score IS 'Latest risk score 0..10, higher is riskier.';
COMMENT ON COLUMN @extschema@.supplier_scorecard.risk_level IS 'Latest risk level: low, medium, high, critical.';
COMMENT ON COLUMN @extschema@.supplier_scorecard.previous_risk_score IS 'Risk score of the assessment before the latest.';
COMMENT ON COLUMN @extschema@.supplier_scorecard.previous_risk_level IS 'Risk level of the assessment before the latest.';
COMMENT ON COLUMN @extschema@.supplier_scorecard.risk_score_change IS 'Latest minus previous risk score (negative is better).';
COMMENT ON COLUMN @extschema@.supplier_scorecard.trend IS 'new, improving, worsening or stable (by risk score); NULL if never assessed.';
COMMENT ON COLUMN @extschema@.supplier_scorecard.criterion_scores IS
  'Every criterion''s latest score, the organisation''s own criteria included, as a JSON object code -> score 0..10.';
COMMENT ON COLUMN @extschema@.supplier_scorecard.contract_gaps IS 'Security clauses missing from the supplier''s contracts in force.';
COMMENT ON COLUMN @extschema@.supplier_scorecard.open_alerts IS 'Unacknowledged risk level alerts.';
COMMENT ON COLUMN @extschema@.supplier_scorecard.last_audit_on IS 'Date of the latest performed audit; NULL if never audited.';
COMMENT ON COLUMN @extschema@.supplier_scorecard.next_audit_due IS
  'Next audit due: the latest audit plus the interval of the current risk level (supplier_audit_interval_setting); '
  'the latest assessment''s date when never audited; NULL when never assessed.';
COMMENT ON COLUMN @extschema@.supplier_scorecard.next_audit_planned_on IS 'Earliest planned audit not yet performed.';
COMMENT ON COLUMN @extschema@.supplier_scorecard.audit_due IS 'Whether an audit is due now (next_audit_due has passed, or never audited).';
COMMENT ON COLUMN @extschema@.supplier_scorecard.open_findings IS 'Open audit findings.';
COMMENT ON COLUMN @extschema@.supplier_scorecard.overdue_findings IS 'Open audit findings past their due date.';
COMMENT ON COLUMN @extschema@.supplier_scorecard.incidents_last_12_months IS 'Incidents detected in the last 365 days.';

CREATE VIEW @extschema@.supplier_risk_changes WITH (security_invoker = true) AS
SELECT a.id,
       a.organization_id,
       ow.code AS organization,
       a.supplier_id,
       o.code AS supplier_code,
       o.name AS supplier,
       a.assessment_id,
       a.old_level,
       a.new_level,
       a.severity,
       x.risk_score::numeric(3,1) AS risk_score,
       x.security_score::numeric(4,2) AS security_score,
       a.assessed_at,
       a.created_at,
       a.acknowledged_at IS NOT NULL AS acknowledged,
       p.full_name AS acknowledged_by,
       a.acknowledged_at
FROM @extschema@.supplier_risk_alert a
JOIN @extschema@.supplier s ON s.organization_id = a.organization_id AND s.id = a.supplier_id
JOIN @extschema@.organization o ON o.id = s.supplier_org_id
JOIN @extschema@.organization ow ON ow.id = a.organization_id
JOIN @extschema@.supplier_assessment x ON x.organization_id = a.organization_id AND x.id = a.assessment_id
LEFT JOIN @extschema@.person p ON p.organization_id = a.organization_id AND p.id = a.acknowledged_by;
COMMENT ON VIEW @extschema@.supplier_risk_changes IS 'One row per supplier risk level change (supplier_risk_alert), with names.';
COMMENT ON COLUMN @extschema@.supplier_risk_changes.id IS 'Alert identifier.';
COMMENT ON COLUMN @extschema@.supplier_risk_changes.organization_id IS 'The assessing organisation.';
COMMENT ON COLUMN @extschema@.supplier_risk_changes.organization IS 'Code of the assessing organisation.';
COMMENT ON COLUMN @extschema@.supplier_risk_changes.supplier_id IS 'The supplier (supplier.id).';
COMMENT ON COLUMN @extschema@.supplier_risk_changes.supplier_code IS 'Supplier organisation code.';
COMMENT ON COLUMN @extschema@.supplier_risk_changes.supplier IS 'Supplier organisation name.';
COMMENT ON COLUMN @extschema@.supplier_risk_changes.assessment_id IS 'The assessment that changed the level.';
COMMENT ON COLUMN @extschema@.supplier_risk_changes.old_level IS 'Previous level; NULL for a first assessment.';
COMMENT ON COLUMN @extschema@.supplier_risk_changes.new_level IS 'New level.';
COMMENT ON COLUMN @extschema@.supplier_risk_changes.severity IS 'info (risk fell) or the new level (risk rose).';
COMMENT ON COLUMN @extschema@.supplier_risk_changes.risk_score IS 'Risk score of the assessment.';
COMMENT ON COLUMN @extschema@.supplier_risk_changes.security_score IS 'Security score of the assessment.';
COMMENT ON COLUMN @extschema@.supplier_risk_changes.assessed_at IS 'When the assessment took place.';
COMMENT ON COLUMN @extschema@.supplier_risk_changes.created_at IS 'When the alert was raised.';
COMMENT ON COLUMN @extschema@.supplier_risk_changes.acknowledged IS 'Whether someone acknowledged it.';
COMMENT ON COLUMN @extschema@.supplier_risk_changes.acknowledged_by IS 'Name of the person who acknowledged it.';
COMMENT ON COLUMN @extschema@.supplier_risk_changes.acknowledged_at IS 'When it was acknowledged.';


-- Supplier metrics (the seed's supplier KPIs), each computed from recorded rows: assessments and
-- their completion times, contracts and their clauses, spend, risk level alerts.  Months are UTC
-- calendar months; "last 12 months" is the 365 days before now().

CREATE VIEW @extschema@.supplier_kpis WITH (security_invoker = true) AS
SELECT o.id,
       o.id AS organization_id,
       o.code AS organization,
       k.suppliers,
       k.critical_suppliers,
       k.assessed_last_12_months,
       pg_catalog.round(100.0 * k.assessed_last_12_months / NULLIF(k.suppliers, 0), 2)::numeric(5,2) AS assessment_coverage_pct,
       c.contracts_in_force,
       c.contracts_complete,
       pg_catalog.round(100.0 * c.contracts_complete / NULLIF(c.contracts_in_force, 0), 2)::numeric(5,2) AS contract_compliance_pct,
       k.reassessed,
       k.improved,
       pg_catalog.round(100.0 * k.improved / NULLIF(k.reassessed, 0), 2)::numeric(5,2) AS improvement_rate_pct,
       k.avg_security_score,
       k.avg_risk_score,
       k.risk_critical, k.risk_high, k.risk_medium, k.risk_low, k.never_assessed,
       k.annual_spend,
       k.critical_spend,
       pg_catalog.round(100.0 * k.critical_spend_assessed / NULLIF(k.critical_spend, 0), 2)::numeric(5,2) AS critical_spend_coverage_pct,
       k.open_alerts,
       au.audits_planned_last_12_months,
       au.audits_performed_last_12_months,
       pg_catalog.round(100.0 * au.audits_performed_last_12_months / NULLIF(au.audits_planned_last_12_months, 0), 2)::numeric(5,2)
         AS audit_completion_pct,
       k.audit_due,
       fi.findings_open,
       fi.findings_overdue,
       fi.findings_closed_last_12_months,
       fi.findings_verified_last_12_months,
       inc.incidents_last_12_months,
       pg_catalog.round(inc.incidents_last_12_months::numeric / NULLIF(k.suppliers, 0) * 100, 2)::numeric(8,2)
         AS incidents_per_100_suppliers,
       inc.mean_response_hours,
       inc.mean_resolution_hours
FROM @extschema@.organization o
CROSS JOIN LATERAL (
  SELECT pg_catalog.count(*)::integer AS suppliers,
         pg_catalog.count(*) FILTER (WHERE s.criticality >= 4)::integer AS critical_suppliers,
         pg_catalog.count(*) FILTER (WHERE s.last_assessed_at >= pg_catalog.now() - INTERVAL '365 days')::integer AS assessed_last_12_months,
         pg_catalog.count(*) FILTER (WHERE s.previous_risk_score IS NOT NULL)::integer AS reassessed,
         pg_catalog.count(*) FILTER (WHERE s.risk_score < s.previous_risk_score)::integer AS improved,
         pg_catalog.round(pg_catalog.avg(s.security_score), 2)::numeric(4,2) AS avg_security_score,
         pg_catalog.round(pg_catalog.avg(s.risk_score), 1)::numeric(3,1) AS avg_risk_score,
         pg_catalog.count(*) FILTER (WHERE s.risk_level = 'critical')::integer AS risk_critical,
         pg_catalog.count(*) FILTER (WHERE s.risk_level = 'high')::integer AS risk_high,
         pg_catalog.count(*) FILTER (WHERE s.risk_level = 'medium')::integer AS risk_medium,
         pg_catalog.count(*) FILTER (WHERE s.risk_level = 'low')::integer AS risk_low,
         pg_catalog.count(*) FILTER (WHERE s.risk_level IS NULL)::integer AS never_assessed,
         coalesce(pg_catalog.sum(s.annual_spend), 0)::numeric(16,2) AS annual_spend,
         coalesce(pg_catalog.sum(s.annual_spend) FILTER (WHERE s.criticality >= 4), 0)::numeric(16,2) AS critical_spend,
         coalesce(pg_catalog.sum(s.annual_spend) FILTER (
           WHERE s.criticality >= 4 AND s.last_assessed_at >= pg_catalog.now() - INTERVAL '365 days'), 0) AS critical_spend_assessed,
         coalesce(pg_catalog.sum(s.open_alerts), 0)::integer AS open_alerts,
         pg_catalog.count(*) FILTER (WHERE s.audit_due)::integer AS audit_due
  FROM @extschema@.supplier_scorecard s WHERE s.organization_id = o.id) k
CROSS JOIN LATERAL (
  SELECT pg_catalog.count(*)::integer AS contracts_in_force,
         pg_catalog.count(*) FILTER (WHERE NOT EXISTS (
           SELECT 1 FROM @extschema@.supplier_contract_gaps g
           WHERE g.organization_id = x.organization_id AND g.contract_id = x.id))::integer AS contracts_complete
  FROM @extschema@.supplier_contract x
  WHERE x.organization_id = o.id AND (x.ends_on IS NULL OR x.ends_on >= CURRENT_DATE)) c
CROSS JOIN LATERAL (
  -- audits planned for a day in the last 365 days (up to today), and how many of them were performed
  SELECT pg_catalog.count(*)::integer AS audits_planned_last_12_months,
         pg_catalog.count(*) FILTER (WHERE x.performed_on IS NOT NULL)::integer AS audits_performed_last_12_months
  FROM @extschema@.supplier_audit x
  WHERE x.organization_id = o.id AND x.planned_on > CURRENT_DATE - 365 AND x.planned_on <= CURRENT_DATE) au
CROSS JOIN LATERAL (
  SELECT pg_catalog.count(*) FILTER (WHERE f.closed_on IS NULL)::integer AS findings_open,
         pg_catalog.count(*) FILTER (WHERE f.closed_on IS NULL AND f.due_on < CURRENT_DATE)::integer AS findings_overdue,
         pg_catalog.count(*) FILTER (WHERE f.closed_on > CURRENT_DATE - 365)::integer AS findings_closed_last_12_months,
         pg_catalog.count(*) FILTER (WHERE f.verified_on > CURRENT_DATE - 365)::integer AS findings_verified_last_12_months
  FROM @extschema@.supplier_audit_finding f WHERE f.organization_id = o.id) fi
CROSS JOIN LATERAL (
  SELECT pg_catalog.count(*)::integer AS incidents_last_12_months,
         pg_catalog.round(pg_catalog.avg(pg_catalog.date_part('epoch', i.responded_at - i.detected_at)::numeric / 3600), 2)::numeric(10,2)
           AS mean_response_hours,
         pg_catalog.round(pg_catalog.avg(pg_catalog.date_part('epoch', i.resolved_at - i.detected_at)::numeric / 3600), 2)::numeric(10,2)
           AS mean_resolution_hours
  FROM @extschema@.supplier_incident i
  WHERE i.organization_id = o.id AND i.detected_at >= pg_catalog.now() - INTERVAL '365 days') inc
WHERE k.suppliers > 0;
COMMENT ON VIEW @extschema@.supplier_kpis IS
  'One row per organisation with suppliers: the seed''s supplier metrics now, each from recorded rows (assessments, '
  'contracts and clauses, spend, alerts).';
COMMENT ON COLUMN @extschema@.supplier_kpis.id IS 'Row identifier (the organisation''s id).';
COMMENT ON COLUMN @extschema@.supplier_kpis.organization_id IS 'The organisation served.';
COMMENT ON COLUMN @extschema@.supplier_kpis.organization IS 'Code of the organisation served.';
COMMENT ON COLUMN @extschema@.supplier_kpis.suppliers IS 'Suppliers recorded.';
COMMENT ON COLUMN @extschema@.supplier_kpis.critical_suppliers IS 'Suppliers of criticality 4 or 5.';
COMMENT ON COLUMN @extschema@.supplier_kpis.assessed_last_12_months IS 'Suppliers whose latest completed assessment took place in the last 365 days.';
COMMENT ON COLUMN @extschema@.supplier_kpis.assessment_coverage_pct IS 'Assessment coverage: assessed_last_12_months / suppliers, percent.';
COMMENT ON COLUMN @extschema@.supplier_kpis.contracts_in_force IS 'Contracts in force today.';
COMMENT ON COLUMN @extschema@.supplier_kpis.contracts_complete IS 'Contracts in force with all six security clause kinds.';
COMMENT ON COLUMN @extschema@.supplier_kpis.contract_compliance_pct IS 'Contract compliance rate: contracts_complete / contracts_in_force, percent.';
COMMENT ON COLUMN @extschema@.supplier_kpis.reassessed IS 'Suppliers with at least two completed assessments.';
COMMENT ON COLUMN @extschema@.supplier_kpis.improved IS 'Reassessed suppliers whose latest risk score is below the previous one.';
COMMENT ON COLUMN @extschema@.supplier_kpis.improvement_rate_pct IS 'Improvement rate: improved / reassessed, percent.';
COMMENT ON COLUMN @extschema@.supplier_kpis.avg_security_score IS 'Mean latest security score (0..10, higher is better).';
COMMENT ON COLUMN @extschema@.supplier_kpis.avg_risk_score IS 'Mean latest risk score (0..10, higher is riskier).';
COMMENT ON COLUMN @extschema@.supplier_kpis.risk_critical IS 'Risk score distribution: suppliers at critical.';
COMMENT ON COLUMN @extschema@.supplier_kpis.risk_high IS 'Risk score distribution: suppliers at high.';
COMMENT ON COLUMN @extschema@.supplier_kpis.risk_medium IS 'Risk score distribution: suppliers at medium.';
COMMENT ON COLUMN @extschema@.supplier_kpis.risk_low IS 'Risk score distribution: suppliers at low.';
COMMENT ON COLUMN @extschema@.supplier_kpis.never_assessed IS 'Suppliers without a completed assessment.';
COMMENT ON COLUMN @extschema@.supplier_kpis.annual_spend IS 'Total annual spend with suppliers (in the suppliers'' recorded currencies, added as they are).';
COMMENT ON COLUMN @extschema@.supplier_kpis.critical_spend IS 'Annual spend with suppliers of criticality 4 or 5.';
COMMENT ON COLUMN @extschema@.supplier_kpis.critical_spend_coverage_pct IS
  'Critical supplier coverage by spend: share of critical_spend with suppliers assessed in the last 365 days, percent.';
COMMENT ON COLUMN @extschema@.supplier_kpis.open_alerts IS 'Unacknowledged supplier risk level alerts.';
COMMENT ON COLUMN @extschema@.supplier_kpis.audits_planned_last_12_months IS 'Supplier audits planned for a day in the last 365 days.';
COMMENT ON COLUMN @extschema@.supplier_kpis.audits_performed_last_12_months IS 'Of those, the audits performed.';
COMMENT ON COLUMN @extschema@.supplier_kpis.audit_completion_pct IS 'Audit completion rate: performed / planned, percent.';
COMMENT ON COLUMN @extschema@.supplier_kpis.audit_due IS 'Assessed suppliers whose next audit is due (supplier_scorecard.audit_due).';
COMMENT ON COLUMN @extschema@.supplier_kpis.findings_open IS 'Open supplier audit findings.';
COMMENT ON COLUMN @extschema@.supplier_kpis.findings_overdue IS 'Open findings past their due date.';
COMMENT ON COLUMN @extschema@.supplier_kpis.findings_closed_last_12_months IS 'Findings closed in the last 365 days.';
COMMENT ON COLUMN @extschema@.supplier_kpis.findings_verified_last_12_months IS 'Findings whose closure was verified in the last 365 days.';
COMMENT ON COLUMN @extschema@.supplier_kpis.incidents_last_12_months IS 'Supplier incidents detected in the last 365 days.';
COMMENT ON COLUMN @extschema@.supplier_kpis.incidents_per_100_suppliers IS 'Incident frequency: incidents_last_12_months per 100 suppliers.';
COMMENT ON COLUMN @extschema@.supplier_kpis.mean_response_hours IS 'Mean hours from detection to response of those incidents (responded ones).';
COMMENT ON COLUMN @extschema@.supplier_kpis.mean_resolution_hours IS 'Mean hours from detection to resolution of those incidents (resolved ones).';

CREATE VIEW @extschema@.supplier_kpis_monthly WITH (security_invoker = true) AS
WITH assessed AS (
  SELECT a.organization_id, a.supplier_id, a.assessed_at, a.security_score, a.risk_score, a.risk_level,
         pg_catalog.date_trunc('month', a.assessed_at AT TIME ZONE 'UTC') AS month_utc
  FROM @extschema@.supplier_assessment a
  WHERE a.status = 'completed'
), months AS (
  -- month arithmetic on UTC timestamps, so the session's time zone cannot shift a month
  SELECT x.organization_id, m.month_utc,
         m.month_utc AT TIME ZONE 'UTC' AS month_start,
         (m.month_utc + INTERVAL '1 month') AT TIME ZONE 'UTC' AS month_end,
         (m.month_utc + INTERVAL '1 month' - INTERVAL '365 days') AT TIME ZONE 'UTC' AS window_start
  FROM (SELECT y.organization_id, pg_catalog.min(y.month_utc) AS first_month
        FROM (SELECT a.organization_id, a.month_utc FROM assessed a
              UNION ALL
              SELECT u.organization_id, pg_catalog.date_trunc('month', u.performed_on::timestamp)
              FROM @extschema@.supplier_audit u WHERE u.performed_on IS NOT NULL
              UNION ALL
              SELECT i.organization_id, pg_catalog.date_trunc('month', i.detected_at AT TIME ZONE 'UTC')
              FROM @extschema@.supplier_incident i) y
        GROUP BY y.organization_id) x
  CROSS JOIN LATERAL pg_catalog.generate_series(x.first_month,
      pg_catalog.date_trunc('month', pg_catalog.now() AT TIME ZONE 'UTC'), INTERVAL '1 month') AS m(month_utc)
)
SELECT pg_catalog.md5(m.organization_id::text || '/' || m.month_utc::text)::uuid AS id,
       m.organization_id,
       o.code AS organization,
       m.month_start AS time,
       (SELECT pg_catalog.count(*) FROM assessed a
         WHERE a.organization_id = m.organization_id AND a.month_utc = m.month_utc)::integer AS assessments,
       (SELECT pg_catalog.round(pg_catalog.avg(a.security_score), 2) FROM assessed a
         WHERE a.organization_id = m.organization_id AND a.month_utc = m.month_utc)::numeric(4,2) AS avg_security_score,
       (SELECT pg_catalog.round(pg_catalog.avg(a.risk_score), 1) FROM assessed a
         WHERE a.organization_id = m.organization_id AND a.month_utc = m.month_utc)::numeric(3,1) AS avg_risk_score,
       (SELECT pg_catalog.count(*) FROM assessed a
         WHERE a.organization_id = m.organization_id AND a.month_utc = m.month_utc
           AND a.risk_level IN ('high', 'critical'))::integer AS high_or_critical,
       (SELECT pg_catalog.count(*) FROM @extschema@.supplier_risk_alert r
         WHERE r.organization_id = m.organization_id AND r.assessed_at >= m.month_start AND r.assessed_at < m.month_end
           AND r.severity <> 'info')::integer AS risk_increases,
       (SELECT pg_catalog.count(*) FROM @extschema@.supplier_risk_alert r
         WHERE r.organization_id = m.organization_id AND r.assessed_at >= m.month_start AND r.assessed_at < m.month_end
           AND r.severity = 'info')::integer AS risk_decreases,
       pg_catalog.round(100.0 * (SELECT pg_catalog.count(DISTINCT a.supplier_id) FROM assessed a
                                 WHERE a.organization_id = m.organization_id
                                   AND a.assessed_at >= m.window_start AND a.assessed_at < m.month_end)
             / NULLIF((SELECT pg_catalog.count(*) FROM @extschema@.supplier s WHERE s.organization_id = m.organization_id), 0),
             2)::numeric(5,2) AS assessment_coverage_pct,
       (SELECT pg_catalog.count(*) FROM @extschema@.supplier_audit x
         WHERE x.organization_id = m.organization_id AND x.performed_on >= m.month_utc::date
           AND x.performed_on < (m.month_utc + INTERVAL '1 month')::date)::integer AS audits_performed,
       (SELECT pg_catalog.count(*) FROM @extschema@.supplier_audit_finding f
         WHERE f.organization_id = m.organization_id AND f.closed_on >= m.month_utc::date
           AND f.closed_on < (m.month_utc + INTERVAL '1 month')::date)::integer AS findings_closed,
       i.incidents,
       i.mean_response_hours
FROM months m
CROSS JOIN LATERAL (
  SELECT pg_catalog.count(*)::integer AS incidents,
         pg_catalog.round(pg_catalog.avg(pg_catalog.date_part('epoch', x.responded_at - x.detected_at)::numeric / 3600), 2)::numeric(10,2)
           AS mean_response_hours
  FROM @extschema@.supplier_incident x
  WHERE x.organization_id = m.organization_id AND x.detected_at >= m.month_start AND x.detected_at < m.month_end) i
JOIN @extschema@.organization o ON o.id = m.organization_id;
COMMENT ON VIEW @extschema@.supplier_kpis_monthly IS
  'Supplier metrics by UTC calendar month, from the first month with a completed assessment, a performed audit or '
  'an incident to the current one '
  '(the trend of supplier_kpis).';
COMMENT ON COLUMN @extschema@.supplier_kpis_monthly.id IS 'Row identifier (derived from organisation and month).';
COMMENT ON COLUMN @extschema@.supplier_kpis_monthly.organization_id IS 'The organisation served.';
COMMENT ON COLUMN @extschema@.supplier_kpis_monthly.organization IS 'Code of the organisation served.';
COMMENT ON COLUMN @extschema@.supplier_kpis_monthly.time IS 'Month start (UTC).';
COMMENT ON COLUMN @extschema@.supplier_kpis_monthly.assessments IS 'Completed assessments that took place in the month.';
COMMENT ON COLUMN @extschema@.supplier_kpis_monthly.avg_security_score IS 'Mean security score of the month''s assessments.';
COMMENT ON COLUMN @extschema@.supplier_kpis_monthly.avg_risk_score IS 'Mean risk score of the month''s assessments.';
COMMENT ON COLUMN @extschema@.supplier_kpis_monthly.high_or_critical IS 'The month''s assessments at high or critical.';
COMMENT ON COLUMN @extschema@.supplier_kpis_monthly.risk_increases IS 'Risk level alerts of the month where the level rose.';
COMMENT ON COLUMN @extschema@.supplier_kpis_monthly.risk_decreases IS 'Risk level alerts of the month where the level fell.';
COMMENT ON COLUMN @extschema@.supplier_kpis_monthly.assessment_coverage_pct IS
  'Suppliers assessed in the 365 days up to the month''s end, as a percentage of the suppliers recorded now.';
COMMENT ON COLUMN @extschema@.supplier_kpis_monthly.audits_performed IS 'Supplier audits performed in the month.';
COMMENT ON COLUMN @extschema@.supplier_kpis_monthly.findings_closed IS 'Audit findings closed in the month.';
COMMENT ON COLUMN @extschema@.supplier_kpis_monthly.incidents IS 'Supplier incidents detected in the month.';
COMMENT ON COLUMN @extschema@.supplier_kpis_monthly.mean_response_hours IS 'Mean hours from detection to response of the month''s incidents.';

INSERT INTO @extschema@.object_access_class (object_name, object_class, reader_hidden_columns) VALUES
  ('supplier_scorecard', 'view', '{}'),
  ('supplier_risk_changes', 'view', '{}'),
  ('supplier_kpis', 'view', '{}'),
  ('supplier_kpis_monthly', 'view', '{}');
