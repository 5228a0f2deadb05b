-- Dashboard section: risk management (IEC 62443-2-1 risk assessment, 62443-3-2 zones), read from
-- the extension's views only.  Run after loading the sample program:
--   psql -X -f demo/dashboard_30_risks.sql
\set QUIET on
\pset footer off
\pset null '-'
\pset border 1
\pset format aligned

\echo
\echo '## Risk register'
SELECT r.organization_code AS org,
       pg_catalog.count(*) AS risks,
       pg_catalog.count(*) FILTER (WHERE r.status <> 'closed') AS open,
       pg_catalog.count(*) FILTER (WHERE r.status <> 'closed' AND r.current_level = 'critical') AS critical,
       pg_catalog.count(*) FILTER (WHERE r.status <> 'closed' AND r.current_level = 'high') AS high,
       pg_catalog.count(*) FILTER (WHERE r.status <> 'closed' AND r.current_level = 'medium') AS medium,
       pg_catalog.count(*) FILTER (WHERE r.status <> 'closed' AND r.current_level = 'low') AS low,
       pg_catalog.count(*) FILTER (WHERE r.status <> 'closed' AND r.within_appetite) AS "within appetite",
       pg_catalog.count(*) FILTER (WHERE r.status <> 'closed' AND r.above_tolerance) AS "above tolerance",
       pg_catalog.count(*) FILTER (WHERE r.status <> 'closed' AND r.treatment IS NULL) AS untreated,
       pg_catalog.count(*) FILTER (WHERE r.status <> 'closed' AND r.treatment = 'accept') AS accepted
FROM iec62443p2.risk_register r
GROUP BY r.organization_code
ORDER BY 1;

\echo '## Risk metrics'
SELECT k.organization_code AS org,
       k.assessment_coverage_percent AS "coverage % (crit >= 4)",
       k.reviewed_12_months_percent AS "reviewed in 12 months %",
       k.treatment_effectiveness_percent AS "treatment effect. %",
       k.mean_inherent_score AS "mean inherent",
       k.mean_residual_score AS "mean residual",
       k.expired_acceptances AS "expired accept."
FROM iec62443p2.risk_kpis k
WHERE k.risks > 0
ORDER BY 1;

\echo '## Risks above tolerance (top 10 by current score, then effective criticality)'
SELECT t.code,
       pg_catalog.left(t.title, 60) AS title,
       t.current_level AS level,
       t.current_score AS score,
       t.excess_score AS excess,
       t.effective_criticality AS crit,
       coalesce(t.treatment, 'untreated') AS treatment,
       t.owner
FROM iec62443p2.risks_above_tolerance t
ORDER BY t.current_score DESC, t.effective_criticality DESC NULLS LAST, t.code
LIMIT 10;

\echo '## Risk acceptances expired or expiring within 30 days'
SELECT f.code,
       pg_catalog.left(f.title, 60) AS title,
       f.finding,
       f.acceptance_expires_on AS expires,
       f.days_past_expiry AS "days past",
       f.accepted_by
FROM iec62443p2.risk_acceptance_findings f
ORDER BY f.acceptance_expires_on, f.code
LIMIT 10;

\echo '## Risk trend (open risks at month end, last 12 months)'
SELECT pg_catalog.to_char(m.time AT TIME ZONE 'UTC', 'YYYY-MM') AS month,
       m.open_risks AS open,
       m.critical_risks AS critical,
       m.high_risks AS high,
       m.medium_risks AS medium,
       m.low_risks AS low,
       m.mean_current_score AS "mean score",
       m.above_tolerance AS "above tol.",
       m.new_risks AS new,
       m.changes
FROM iec62443p2.risk_trend_monthly m
WHERE m.organization_code = 'CRU'
ORDER BY m.time DESC
LIMIT 12;

\echo '## Zones short of their security-level target (FR: shortfall)'
SELECT g.organization_code AS org,
       g.zone,
       pg_catalog.string_agg(g.fr_code || ' -' || g.shortfall::text, ', ' ORDER BY g.fr_number) AS "short on"
FROM iec62443p2.zone_security_level_gap g
WHERE g.shortfall > 0
GROUP BY g.organization_code, g.zone
ORDER BY 1, 2;

\echo '## Criticality inherited along asset dependencies'
SELECT e.effective_criticality_label AS "effective criticality",
       pg_catalog.count(*) AS assets,
       pg_catalog.count(*) FILTER (WHERE e.inherited) AS "raised by dependencies"
FROM iec62443p2.asset_effective_criticality e
GROUP BY e.effective_criticality, e.effective_criticality_label
ORDER BY e.effective_criticality DESC;
