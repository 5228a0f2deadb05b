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
       k.open_alerts
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
         coalesce(pg_catalog.sum(s.open_alerts), 0)::integer AS open_alerts
  FROM @extschema@.supplier_scorecard s WHERE s.organization_id = o.id) k
CROSS JOIN LATERAL (
  SELECT pg_catalog.count(*)::integer AS contracts_in_force,
         pg_catalog.count(*) FILTER (WHERE NOT EXISTS (
           SELECT 1 FROM @extschema@.supplier_contract_gaps g
           WHERE g.organization_id = x.organization_id AND g.contract_id = x.id))::integer AS contracts_complete
  FROM @extschema@.supplier_contract x
  WHERE x.organization_id = o.id AND (x.ends_on IS NULL OR x.ends_on >= CURRENT_DATE)) c
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
  FROM (SELECT y.organization_id, pg_catalog.min(y.month_utc) AS first_month FROM assessed y GROUP BY y.organization_id) x
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
             2)::numeric(5,2) AS assessment_coverage_pct
FROM months m
JOIN @extschema@.organization o ON o.id = m.organization_id;
COMMENT ON VIEW @extschema@.supplier_kpis_monthly IS
  'Supplier metrics by UTC calendar month, from the first month with a completed assessment to the current one '
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

INSERT INTO @extschema@.object_access_class (object_name, object_class, reader_hidden_columns) VALUES
  ('supplier_kpis', 'view', '{}'),
  ('supplier_kpis_monthly', 'view', '{}');
