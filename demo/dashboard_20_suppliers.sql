-- Dashboard section: supplier management (IEC 62443-2-4), read from the views only.
--   psql -X -f demo/dashboard_20_suppliers.sql
\set QUIET on
\pset footer off
\pset null '-'
\pset border 1
\pset format aligned

\echo
\echo '## Suppliers by risk level (latest completed assessment)'
SELECT s.organization,
       pg_catalog.count(*) AS suppliers,
       pg_catalog.count(*) FILTER (WHERE s.risk_level = 'critical') AS critical,
       pg_catalog.count(*) FILTER (WHERE s.risk_level = 'high') AS high,
       pg_catalog.count(*) FILTER (WHERE s.risk_level = 'medium') AS medium,
       pg_catalog.count(*) FILTER (WHERE s.risk_level = 'low') AS low,
       pg_catalog.count(*) FILTER (WHERE s.risk_level IS NULL) AS "never assessed",
       pg_catalog.round(pg_catalog.avg(s.security_score), 2) AS "avg security",
       pg_catalog.count(*) FILTER (WHERE s.trend = 'worsening') AS worsening,
       pg_catalog.count(*) FILTER (WHERE s.trend = 'improving') AS improving,
       pg_catalog.sum(s.open_alerts) AS "open alerts"
FROM iec62443p2.supplier_scorecard s
GROUP BY s.organization
ORDER BY s.organization;

\echo '## Worst supplier scorecards'
SELECT s.organization || '/' || s.supplier_code AS code,
       pg_catalog.left(s.supplier, 34) AS supplier,
       s.criticality AS crit,
       s.policy, s.controls, s.incidents, s.compliance, s.improvement AS improv,
       s.security_score AS security,
       s.risk_score AS risk,
       s.risk_level AS level,
       s.previous_risk_level AS previous,
       s.trend,
       s.contract_gaps AS "contract gaps",
       pg_catalog.to_char(s.last_assessed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS assessed
FROM iec62443p2.supplier_scorecard s
WHERE s.risk_score IS NOT NULL
ORDER BY s.risk_score DESC, s.criticality DESC, s.supplier_code
LIMIT 12;

\echo '## Recent supplier risk level changes'
SELECT pg_catalog.to_char(c.assessed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS assessed,
       c.organization || '/' || c.supplier_code AS code,
       pg_catalog.left(c.supplier, 34) AS supplier,
       coalesce(c.old_level, '(first)') || ' -> ' || c.new_level AS change,
       c.severity,
       c.risk_score AS risk,
       CASE WHEN c.acknowledged THEN 'by ' || c.acknowledged_by ELSE 'OPEN' END AS acknowledged
FROM iec62443p2.supplier_risk_changes c
ORDER BY c.assessed_at DESC, c.organization, c.supplier_code
LIMIT 12;

\echo '## Contracts in force missing security clauses'
SELECT g.missing_clause AS "missing clause",
       pg_catalog.count(*) AS contracts,
       pg_catalog.string_agg(g.organization || '/' || g.supplier_code, ', ' ORDER BY g.organization, g.supplier_code) FILTER (WHERE g.rn <= 5)
         || CASE WHEN pg_catalog.count(*) > 5 THEN ', ...' ELSE '' END AS "e.g."
FROM (SELECT x.*, pg_catalog.row_number() OVER (PARTITION BY x.clause_kind ORDER BY x.organization, x.supplier_code) AS rn
      FROM iec62443p2.supplier_contract_gaps x) g
JOIN iec62443p2.supplier_contract_clause_kind k ON k.code = g.clause_kind
GROUP BY g.missing_clause, k.position
ORDER BY k.position;

\echo '## Supplier KPIs'
SELECT k.organization,
       k.suppliers,
       k.critical_suppliers AS critical,
       k.assessment_coverage_pct AS "assessed 12m %",
       k.contract_compliance_pct AS "contracts complete %",
       k.improvement_rate_pct AS "improved %",
       k.critical_spend_coverage_pct AS "critical spend covered %",
       k.avg_security_score AS "avg security",
       k.avg_risk_score AS "avg risk",
       k.open_alerts AS "open alerts"
FROM iec62443p2.supplier_kpis k
ORDER BY k.organization;

\echo '## Supplier assessments by quarter (from supplier_kpis_monthly)'
SELECT m.organization,
       pg_catalog.to_char(pg_catalog.min(m.time) AT TIME ZONE 'UTC', 'YYYY-"Q"Q') AS quarter,
       pg_catalog.sum(m.assessments) AS assessments,
       pg_catalog.round(pg_catalog.sum(m.avg_security_score * m.assessments) / NULLIF(pg_catalog.sum(m.assessments), 0), 2) AS "avg security",
       pg_catalog.sum(m.high_or_critical) AS "high or critical",
       pg_catalog.sum(m.risk_increases) AS "risk up",
       pg_catalog.sum(m.risk_decreases) AS "risk down"
FROM iec62443p2.supplier_kpis_monthly m
WHERE m.organization = 'CRU'
GROUP BY m.organization, pg_catalog.date_trunc('quarter', m.time AT TIME ZONE 'UTC')
ORDER BY pg_catalog.date_trunc('quarter', m.time AT TIME ZONE 'UTC');

\echo '## Supplier audits, findings and incidents'
SELECT k.organization,
       k.audits_planned_last_12_months AS "audits planned 12m",
       k.audit_completion_pct AS "completed %",
       k.audit_due AS "audits due",
       k.findings_open AS "open findings",
       k.findings_overdue AS overdue,
       k.findings_verified_last_12_months AS "verified 12m",
       k.incidents_last_12_months AS "incidents 12m",
       k.incidents_per_100_suppliers AS "per 100 suppliers",
       k.mean_response_hours AS "mean response h",
       k.mean_resolution_hours AS "mean resolution h"
FROM iec62443p2.supplier_kpis k
ORDER BY k.organization;

\echo '## Next supplier audits due'
SELECT s.organization || '/' || s.supplier_code AS code,
       pg_catalog.left(s.supplier, 34) AS supplier,
       s.risk_level AS level,
       s.last_audit_on AS "last audit",
       s.next_audit_due AS "next due",
       s.next_audit_planned_on AS planned,
       s.open_findings AS "open findings",
       s.overdue_findings AS overdue
FROM iec62443p2.supplier_scorecard s
WHERE s.audit_due
ORDER BY s.risk_score DESC, s.next_audit_due, s.supplier_code
LIMIT 10;
