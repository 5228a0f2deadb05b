-- Dashboard section: vulnerability and patch management (IEC TR 62443-2-3), read from the
-- extension's views only.  Zones short of their target and risks above tolerance are in
-- dashboard_30_risks.sql.  Run after loading the sample program:
--   psql -X -f demo/dashboard_40_patches.sql
\set QUIET on
\pset footer off
\pset null '-'
\pset border 1
\pset format aligned

\echo
\echo '## Patch queue (CRU, top 15)'
SELECT q.queue_rank AS rank,
       q.asset_tag AS asset,
       q.cve_id AS cve,
       q.cvss_score AS cvss,
       q.epss,
       q.kev,
       q.decision,
       q.priority,
       q.due_on AS due,
       q.sla_state AS sla,
       coalesce(q.exception_code, '-') AS exception,
       q.patch_code AS patch,
       q.deployment_state AS deployment
FROM iec62443p2.patch_queue q
WHERE q.organization_code = 'CRU'
ORDER BY q.queue_rank, q.asset_tag, q.cve_id
LIMIT 15;

\echo '## Findings by SLA state (open and resolved)'
SELECT f.organization_code AS org,
       pg_catalog.count(*) FILTER (WHERE f.sla_state = 'open') AS open,
       pg_catalog.count(*) FILTER (WHERE f.sla_state = 'due_soon') AS "due soon",
       pg_catalog.count(*) FILTER (WHERE f.sla_state = 'overdue') AS overdue,
       pg_catalog.count(*) FILTER (WHERE f.sla_state = 'met') AS met,
       pg_catalog.count(*) FILTER (WHERE f.sla_state = 'missed') AS missed,
       pg_catalog.count(*) FILTER (WHERE f.resolved_at IS NULL AND f.exception_covered) AS "under exception"
FROM iec62443p2.vulnerability_finding f
GROUP BY f.organization_code
ORDER BY 1;

\echo '## Applicability undetermined: for a person to decide (first 12)'
SELECT u.organization_code AS org,
       u.asset_tag AS asset,
       u.product,
       u.version,
       u.cve_id AS cve,
       pg_catalog.left(u.reason, 70) AS reason
FROM iec62443p2.asset_vulnerability_undetermined u
ORDER BY u.organization_code, u.cve_id, u.asset_tag
LIMIT 12;
SELECT u.organization_code AS org, pg_catalog.count(*) AS undetermined, pg_catalog.count(DISTINCT u.asset_id) AS assets
FROM iec62443p2.asset_vulnerability_undetermined u
GROUP BY u.organization_code ORDER BY 1;

\echo '## Patch deployments by state'
SELECT s.organization_code AS org,
       pg_catalog.count(*) FILTER (WHERE s.state = 'identified') AS identified,
       pg_catalog.count(*) FILTER (WHERE s.state = 'assessed') AS assessed,
       pg_catalog.count(*) FILTER (WHERE s.state = 'approved') AS approved,
       pg_catalog.count(*) FILTER (WHERE s.state = 'tested') AS tested,
       pg_catalog.count(*) FILTER (WHERE s.state = 'deployed') AS deployed,
       pg_catalog.count(*) FILTER (WHERE s.state = 'verified') AS verified,
       pg_catalog.count(*) FILTER (WHERE s.state = 'rolled_back') AS "rolled back",
       pg_catalog.count(*) FILTER (WHERE s.environment <> 'production') AS "in test rigs"
FROM iec62443p2.patch_deployment_status s
GROUP BY s.organization_code
ORDER BY 1;

\echo '## Patch KPIs (last 365 days, findings open now)'
SELECT k.organization_code AS org,
       k.detection_time_days AS "detect d",
       k.testing_time_days AS "test d",
       k.deployment_time_days AS "deploy d",
       k.deployments,
       k.patch_success_rate_percent AS "success %",
       k.rollbacks,
       k.rollback_success_rate_percent AS "rollback ok %",
       k.remediated_within_sla_percent AS "in SLA %",
       k.open_findings AS open,
       k.overdue_findings AS overdue,
       k.due_soon_findings AS "due soon",
       k.patch_compliance_rate_percent AS "compliance %"
FROM iec62443p2.patch_kpis k
WHERE k.scope = 'organization' AND k.organization_code IN ('CRU', 'SWR')
ORDER BY 1;

\echo '## Patch KPIs by month (CRU, last 12 months)'
SELECT pg_catalog.to_char(m.time AT TIME ZONE 'UTC', 'YYYY-MM') AS month,
       m.detections,
       m.deployments,
       m.patch_success_rate_percent AS "success %",
       m.rollbacks,
       m.remediations,
       m.remediated_within_sla_percent AS "in SLA %",
       m.validation_runs AS validations,
       m.open_findings AS "open at end",
       m.vulnerability_mean_age_days AS "mean age d"
FROM iec62443p2.patch_kpis_monthly m
WHERE m.organization_code = 'CRU' AND m.scope = 'organization'
ORDER BY m.time DESC
LIMIT 12;

\echo '## Deployment plan (CRU, next 6 weeks)'
SELECT pg_catalog.count(*) FILTER (WHERE p.unplaced_reason IS NULL) AS placed,
       pg_catalog.count(*) FILTER (WHERE p.unplaced_reason IS NOT NULL) AS unplaced,
       pg_catalog.string_agg(DISTINCT p.unplaced_reason, ', ') AS "unplaced because"
FROM iec62443p2.organization o
CROSS JOIN LATERAL iec62443p2.plan_patch_deployments(o.id, pg_catalog.now(), 42) p
WHERE o.code = 'CRU';
SELECT p.patch_code AS patch,
       p.asset_tag AS asset,
       p.site_code AS site,
       p.state,
       p.priority,
       p.window_name AS window,
       p.local_date AS "local date",
       p.duration_hours AS hours,
       coalesce(p.unplaced_reason, '-') AS unplaced
FROM iec62443p2.organization o
CROSS JOIN LATERAL iec62443p2.plan_patch_deployments(o.id, pg_catalog.now(), 42) p
WHERE o.code = 'CRU'
ORDER BY p.planned_start NULLS LAST, p.priority DESC NULLS LAST, p.asset_tag
LIMIT 10;

\echo '## Exceptions that need attention (expired with open vulnerabilities, or expiring)'
SELECT f.code,
       f.finding,
       f.asset_tag AS asset,
       f.lifecycle_state AS lifecycle,
       coalesce(f.cve_id, 'all') AS cve,
       f.expires_on AS expires,
       f.days_to_expiry AS "days",
       f.open_vulnerabilities AS "open vulns"
FROM iec62443p2.vulnerability_exception_findings f
ORDER BY f.expires_on, f.code;

\echo '## Scan coverage by site'
SELECT c.organization_code AS org,
       coalesce(c.site_code, '(no site)') AS site,
       c.assets_in_operation AS "in operation",
       c.assets_scanned AS scanned,
       c.assets_never_scanned AS "never scanned",
       c.coverage_percent AS "coverage %",
       c.coverage_window_days AS "window d"
FROM iec62443p2.scan_coverage c
WHERE c.organization_code IN ('CRU', 'SWR')
ORDER BY 1, c.site_code NULLS LAST;
