-- Patch management KPIs (issue 5, "Views"; the seed's "Patch Management Performance Metrics"),
-- every one computed from recorded events with their own timestamps: detections, resolutions,
-- lifecycle transitions, validation runs, exception decisions.  One event stream, aggregated over
-- the last 365 days (patch_kpis) or by month (patch_kpis_monthly), for each organisation and each
-- of its sites.  A finding, a deployment or an exception belongs to the site of its asset's zone.

CREATE VIEW @extschema@.patch_kpi_event WITH (security_invoker = true) AS
-- the organisation identified a vulnerability: detection time from public disclosure
SELECT v.id::text || '/detection' AS id, v.organization_id, NULL::uuid AS site_id, 'detection'::text AS kind,
       v.identified_at AS at,
       (pg_catalog.date_part('epoch', v.identified_at - (v.published_on::timestamp AT TIME ZONE 'UTC')) / 86400)::numeric(10,2) AS value,
       NULL::boolean AS flag, NULL::integer AS count_a, NULL::integer AS count_b
FROM @extschema@.vulnerability v
WHERE v.published_on IS NOT NULL
UNION ALL
-- a vulnerability first found on a site's assets: the site's detection time from disclosure
SELECT f.vulnerability_id::text || '/' || f.site_id::text || '/site_detection', f.organization_id, f.site_id,
       'site_detection', pg_catalog.min(f.detected_at),
       (pg_catalog.date_part('epoch', pg_catalog.min(f.detected_at) - (f.published_on::timestamp AT TIME ZONE 'UTC')) / 86400)::numeric(10,2),
       NULL, NULL, NULL
FROM @extschema@.vulnerability_finding f
WHERE f.site_id IS NOT NULL AND f.published_on IS NOT NULL
GROUP BY f.organization_id, f.site_id, f.vulnerability_id, f.published_on
UNION ALL
-- a finding remediated (patched, or the asset's version moved out of the range): within its SLA?
-- count_a = 1 for a vulnerability of critical severity
SELECT f.id::text || '/remediation', f.organization_id, f.site_id, 'remediation', f.resolved_at,
       (pg_catalog.date_part('epoch', f.resolved_at - f.detected_at) / 86400)::numeric(10,2),
       f.sla_state = 'met', (f.cvss_severity = 'critical')::integer, NULL
FROM @extschema@.vulnerability_finding f
WHERE f.resolution IN ('patched', 'version_changed')
UNION ALL
-- lifecycle transitions of deployments (approval to test, approval to production deployment,
-- deployments that stayed, rollbacks and their outcome)
SELECT t.id::text, t.organization_id, z.site_id,
       CASE t.to_state WHEN 'tested' THEN 'test' WHEN 'deployed' THEN 'deployment' ELSE 'rollback' END,
       t.at,
       CASE WHEN t.to_state IN ('tested', 'deployed') AND d.approved_at IS NOT NULL
            THEN pg_catalog.date_part('epoch', t.at - d.approved_at) / 86400 END::numeric(10,2),
       CASE t.to_state
         WHEN 'deployed' THEN NOT EXISTS (
           SELECT 1 FROM @extschema@.patch_deployment_transition r
           WHERE r.organization_id = t.organization_id AND r.deployment_id = t.deployment_id
             AND r.to_state = 'rolled_back' AND (r.at, r.transition_no) > (t.at, t.transition_no))
         WHEN 'rolled_back' THEN t.rollback_outcome = 'succeeded'
       END,
       -- count_a = 1 for a deployment to the organisation's last environment (production)
       (t.to_state = 'deployed' AND e.position = (SELECT pg_catalog.max(x.position) FROM @extschema@.organization_deployment_environment x
                                                 WHERE x.organization_id = t.organization_id))::integer,
       NULL
FROM @extschema@.patch_deployment_transition t
JOIN @extschema@.patch_deployment d ON d.organization_id = t.organization_id AND d.id = t.deployment_id
JOIN @extschema@.asset a ON a.organization_id = d.organization_id AND a.id = d.asset_id
LEFT JOIN @extschema@.organization_deployment_environment e ON e.organization_id = a.organization_id AND e.environment = a.environment
LEFT JOIN @extschema@.zone z ON z.organization_id = a.organization_id AND z.id = a.zone_id
WHERE t.to_state IN ('tested', 'deployed', 'rolled_back')
UNION ALL
-- validation runs: performance impact, passed, regression cases run (count_a) of required
-- (count_b); and, as a second event of the run, its hours and compatibility issues
SELECT r.id::text || '/validation', r.organization_id, NULL::uuid, 'validation', r.finished_at,
       r.performance_impact_percent::numeric(10,2), r.outcome = 'passed', r.regression_cases_run, r.regression_cases_required
FROM @extschema@.patch_test_run r
WHERE r.finished_at IS NOT NULL
UNION ALL
SELECT r.id::text || '/compatibility', r.organization_id, NULL::uuid, 'compatibility', r.finished_at,
       (pg_catalog.date_part('epoch', r.finished_at - r.started_at) / 3600)::numeric(10,2), NULL, r.compatibility_issues, NULL
FROM @extschema@.patch_test_run r
WHERE r.finished_at IS NOT NULL
UNION ALL
-- exception decisions: approved or rejected
SELECT x.id::text, x.organization_id, z.site_id, 'exception_decision', x.decided_at, NULL::numeric(10,2), x.status = 'approved', NULL, NULL
FROM @extschema@.vulnerability_exception x
JOIN @extschema@.asset a ON a.organization_id = x.organization_id AND a.id = x.asset_id
LEFT JOIN @extschema@.zone z ON z.organization_id = a.organization_id AND z.id = a.zone_id
WHERE x.decided_at IS NOT NULL;
COMMENT ON VIEW @extschema@.patch_kpi_event IS
  'The recorded events the patch KPIs are computed from, one row each, with the site of the asset: detection '
  '(the organisation identified a vulnerability), site_detection (a vulnerability first found on a site''s assets), '
  'remediation, test and deployment (lifecycle transitions), rollback, validation and compatibility (validation '
  'runs), exception_decision.';
COMMENT ON COLUMN @extschema@.patch_kpi_event.id IS 'The source row''s id, with the kind where one row gives several events.';
COMMENT ON COLUMN @extschema@.patch_kpi_event.organization_id IS 'Owning organisation.';
COMMENT ON COLUMN @extschema@.patch_kpi_event.site_id IS
  'Site of the asset''s zone; NULL for identifications and validation runs (per organisation and environment, not site) '
  'and for assets without a site.';
COMMENT ON COLUMN @extschema@.patch_kpi_event.kind IS
  'detection, site_detection, remediation, test, deployment, rollback, validation, compatibility or exception_decision.';
COMMENT ON COLUMN @extschema@.patch_kpi_event.at IS 'When the event happened (its own recorded time).';
COMMENT ON COLUMN @extschema@.patch_kpi_event.value IS
  'detection, site_detection: days from disclosure; remediation: days from detection; test, deployment: days from approval; '
  'validation: performance impact in percent; compatibility: hours the run took.';
COMMENT ON COLUMN @extschema@.patch_kpi_event.flag IS
  'remediation: within the SLA; deployment: not rolled back since; rollback: succeeded; validation: passed; '
  'exception_decision: approved.';
COMMENT ON COLUMN @extschema@.patch_kpi_event.count_a IS
  'remediation: 1 for a critical-severity vulnerability; deployment: 1 for the last environment (production); '
  'validation: regression cases run; compatibility: compatibility issues found.';
COMMENT ON COLUMN @extschema@.patch_kpi_event.count_b IS 'validation: regression cases required.';

-- The KPIs of the events of a period, one definition for every period: each UTC calendar month
-- since the organisation's first event, and the last 365 days.
CREATE VIEW @extschema@.patch_kpis_by_period WITH (security_invoker = true) AS
WITH event AS MATERIALIZED (
  -- the events and the findings, each computed once (every period reads them)
  SELECT e.id, e.organization_id, e.site_id, e.kind, e.at, e.value, e.flag, e.count_a, e.count_b
  FROM @extschema@.patch_kpi_event e
),
finding AS MATERIALIZED (
  SELECT f.organization_id, f.site_id, f.detected_at, f.resolved_at
  FROM @extschema@.vulnerability_finding f
),
periods AS (
  SELECT f.organization_id, 'month'::text AS period, m.month_start AS period_start, m.month_end AS period_end
  FROM (SELECT e.organization_id, pg_catalog.min(e.at) AS first_event FROM event e GROUP BY e.organization_id) f
  CROSS JOIN LATERAL @extschema@.utc_months(f.first_event) m
  UNION ALL
  SELECT o.id, 'last_365_days', pg_catalog.now() - '365 days'::interval, pg_catalog.now()
  FROM @extschema@.organization o
  -- asset owners, and any organisation with patch events (not every supplier)
  WHERE EXISTS (SELECT 1 FROM @extschema@.organization_role r WHERE r.organization_id = o.id AND r.role = 'asset_owner')
     OR EXISTS (SELECT 1 FROM event e WHERE e.organization_id = o.id)
),
scopes AS (
  SELECT p.*, NULL::uuid AS site_id FROM periods p
  UNION ALL
  SELECT p.*, st.id FROM periods p JOIN @extschema@.site st ON st.organization_id = p.organization_id
),
event_period AS (
  -- each event keyed by its period: its UTC month, and the last 365 days when then (equal keys,
  -- not a range join of every period with every event)
  SELECT e.*, 'month'::text AS period,
         (pg_catalog.date_trunc('month', e.at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC') AS period_start
  FROM event e
  UNION ALL
  SELECT e.*, 'last_365_days', pg_catalog.now() - '365 days'::interval
  FROM event e
  WHERE e.at >= pg_catalog.now() - '365 days'::interval AND e.at < pg_catalog.now()
),
totals AS (
  SELECT s.organization_id, s.period, s.period_start, s.site_id,
         -- detection time: the organisation's identifications; a site's: its first detections
         pg_catalog.avg(e.value) FILTER (WHERE e.kind = CASE WHEN s.site_id IS NULL THEN 'detection' ELSE 'site_detection' END)
           AS detection_days,
         pg_catalog.count(e.id) FILTER (WHERE e.kind = CASE WHEN s.site_id IS NULL THEN 'detection' ELSE 'site_detection' END)
           AS detections,
         pg_catalog.avg(e.value) FILTER (WHERE e.kind = 'test') AS test_days,
         pg_catalog.avg(e.value) FILTER (WHERE e.kind = 'deployment' AND e.count_a = 1) AS production_days,
         pg_catalog.avg(e.value) FILTER (WHERE e.kind = 'remediation' AND e.count_a = 1) AS critical_days,
         pg_catalog.count(e.id) FILTER (WHERE e.kind = 'deployment') AS deployments,
         pg_catalog.count(e.id) FILTER (WHERE e.kind = 'deployment' AND e.flag) AS deployments_kept,
         pg_catalog.count(e.id) FILTER (WHERE e.kind = 'rollback') AS rollbacks,
         pg_catalog.count(e.id) FILTER (WHERE e.kind = 'rollback' AND e.flag) AS rollbacks_succeeded,
         pg_catalog.count(e.id) FILTER (WHERE e.kind = 'remediation') AS remediations,
         pg_catalog.count(e.id) FILTER (WHERE e.kind = 'remediation' AND e.flag) AS remediations_in_sla,
         pg_catalog.count(e.id) FILTER (WHERE e.kind = 'exception_decision') AS exception_decisions,
         pg_catalog.count(e.id) FILTER (WHERE e.kind = 'exception_decision' AND e.flag) AS exceptions_approved,
         pg_catalog.count(e.id) FILTER (WHERE e.kind = 'validation') AS validations,
         pg_catalog.sum(e.count_a) FILTER (WHERE e.kind = 'validation') AS cases_run,
         pg_catalog.sum(e.count_b) FILTER (WHERE e.kind = 'validation') AS cases_required,
         pg_catalog.avg(e.value) FILTER (WHERE e.kind = 'validation') AS performance_impact,
         pg_catalog.sum(e.count_a) FILTER (WHERE e.kind = 'compatibility') AS compatibility_issues,
         pg_catalog.avg(e.value) FILTER (WHERE e.kind = 'compatibility') AS validation_hours
  FROM scopes s
  LEFT JOIN event_period e
    ON e.organization_id = s.organization_id AND e.period = s.period AND e.period_start = s.period_start
   AND (s.site_id IS NULL OR e.site_id = s.site_id)
  GROUP BY s.organization_id, s.period, s.period_start, s.site_id
),
signal AS (
  -- findings open at a period's end E, counted without a range join of every period with every
  -- finding: detected before E and not resolved before E (resolved_at >= detected_at), so
  -- open(E) = #(detected < E) - #(resolved < E); the sum of their detection times likewise (mean
  -- age); open over 90 days at E: #(detected + 90 days < E) - #(resolved, and both that and the
  -- resolution < E).  Each finding gives these signed steps at their times.
  SELECT f.organization_id, f.site_id, f.detected_at AS at, 1 AS open_step,
         pg_catalog.extract('epoch', f.detected_at) AS detected_epoch, 0 AS over_90_step
  FROM finding f
  UNION ALL
  SELECT f.organization_id, f.site_id, f.resolved_at, -1, -pg_catalog.extract('epoch', f.detected_at), 0
  FROM finding f WHERE f.resolved_at IS NOT NULL
  UNION ALL
  SELECT f.organization_id, f.site_id, f.detected_at + '2160 hours'::interval, 0, 0, 1
  FROM finding f
  UNION ALL
  SELECT f.organization_id, f.site_id, GREATEST(f.detected_at + '2160 hours'::interval, f.resolved_at), 0, 0, -1
  FROM finding f WHERE f.resolved_at IS NOT NULL
),
signal_bucket AS (
  -- the steps summed per UTC month, split at now (the end of the last 365 days), per organisation and site
  SELECT g.organization_id, g.site_id, GROUPING(g.site_id) = 1 AS whole_organization, g.month, g.before_now,
         pg_catalog.sum(g.open_step) AS open_step, pg_catalog.sum(g.detected_epoch) AS detected_epoch,
         pg_catalog.sum(g.over_90_step) AS over_90_step
  FROM (SELECT x.*, pg_catalog.date_trunc('month', x.at AT TIME ZONE 'UTC') AS month, x.at < pg_catalog.now() AS before_now
        FROM signal x) g
  GROUP BY GROUPING SETS ((g.organization_id, g.month, g.before_now), (g.organization_id, g.site_id, g.month, g.before_now))
),
open_at_end AS (
  -- findings open at the period's end, and their mean age then (vulnerability aging): the steps
  -- before the end (a month's end is the next month's start; the last 365 days end now)
  SELECT s.organization_id, s.period, s.period_start, s.site_id,
         coalesce(pg_catalog.sum(b.open_step), 0)::bigint AS open_findings,
         (pg_catalog.sum(b.open_step) * pg_catalog.extract('epoch', s.period_end) - pg_catalog.sum(b.detected_epoch))
           / NULLIF(pg_catalog.sum(b.open_step), 0) / 86400 AS mean_age_days,
         coalesce(pg_catalog.sum(b.over_90_step), 0)::bigint AS open_over_90_days
  FROM scopes s
  LEFT JOIN signal_bucket b
    ON b.organization_id = s.organization_id AND b.whole_organization = (s.site_id IS NULL)
   AND (s.site_id IS NULL OR b.site_id = s.site_id)
   AND CASE s.period WHEN 'month' THEN b.month < (s.period_end AT TIME ZONE 'UTC') ELSE b.before_now END
  GROUP BY s.organization_id, s.period, s.period_start, s.site_id, s.period_end
)
SELECT s.organization_id::text || '/' || coalesce(s.site_id::text, '*') || '/'
         || CASE s.period WHEN 'month' THEN pg_catalog.to_char(s.period_start AT TIME ZONE 'UTC', 'YYYY-MM') ELSE s.period END AS id,
       s.organization_id,
       o.code AS organization_code,
       CASE WHEN s.site_id IS NULL THEN 'organization' ELSE 'site' END AS scope,
       s.site_id,
       st.code AS site_code,
       s.period,
       s.period_start AS time,
       s.period_end,
       t.detections,
       pg_catalog.round(t.detection_days, 1)::numeric(8,1) AS detection_time_days,
       pg_catalog.round(t.test_days, 1)::numeric(8,1) AS testing_time_days,
       pg_catalog.round(t.production_days, 1)::numeric(8,1) AS deployment_time_days,
       pg_catalog.round(t.critical_days, 1)::numeric(8,1) AS time_to_patch_critical_days,
       t.deployments,
       pg_catalog.round(100.0 * t.deployments_kept / NULLIF(t.deployments, 0), 1)::numeric(5,1) AS patch_success_rate_percent,
       t.rollbacks,
       pg_catalog.round(100.0 * t.rollbacks_succeeded / NULLIF(t.rollbacks, 0), 1)::numeric(5,1) AS rollback_success_rate_percent,
       t.remediations,
       pg_catalog.round(100.0 * t.remediations_in_sla / NULLIF(t.remediations, 0), 1)::numeric(5,1) AS remediated_within_sla_percent,
       t.exception_decisions,
       pg_catalog.round(100.0 * t.exceptions_approved / NULLIF(t.exception_decisions, 0), 1)::numeric(5,1) AS exception_approval_rate_percent,
       t.validations AS validation_runs,
       pg_catalog.round(100.0 * t.cases_run / NULLIF(t.cases_required, 0), 1)::numeric(6,1) AS regression_test_coverage_percent,
       pg_catalog.round(t.performance_impact, 2)::numeric(6,2) AS performance_impact_percent,
       coalesce(t.compatibility_issues, 0) AS compatibility_issues,
       pg_catalog.round(t.validation_hours, 1)::numeric(8,1) AS validation_hours,
       x.open_findings,
       pg_catalog.round(x.mean_age_days::numeric, 1)::numeric(8,1) AS vulnerability_mean_age_days,
       x.open_over_90_days
FROM scopes s
JOIN @extschema@.organization o ON o.id = s.organization_id
LEFT JOIN @extschema@.site st ON st.organization_id = s.organization_id AND st.id = s.site_id
JOIN totals t ON t.organization_id = s.organization_id AND t.period = s.period AND t.period_start = s.period_start
             AND coalesce(t.site_id, t.organization_id) = coalesce(s.site_id, s.organization_id)
JOIN open_at_end x ON x.organization_id = s.organization_id AND x.period = s.period AND x.period_start = s.period_start
                  AND coalesce(x.site_id, x.organization_id) = coalesce(s.site_id, s.organization_id);
COMMENT ON VIEW @extschema@.patch_kpis_by_period IS
  'Patch management KPIs per period (each UTC calendar month since the organisation''s first event, and the last 365 '
  'days), for each organisation (scope organization) and each of its sites (scope site), from the events of '
  'patch_kpi_event in the period and the findings open at its end.  Validation runs belong to environments, not '
  'sites: their columns count on the organisation''s rows only.  patch_kpis_monthly and patch_kpis read it.';
COMMENT ON COLUMN @extschema@.patch_kpis_by_period.id IS 'Organisation id / site id (* for the whole organisation) / month (YYYY-MM) or last_365_days.';
COMMENT ON COLUMN @extschema@.patch_kpis_by_period.organization_id IS 'Owning organisation.';
COMMENT ON COLUMN @extschema@.patch_kpis_by_period.organization_code IS 'Organisation code.';
COMMENT ON COLUMN @extschema@.patch_kpis_by_period.scope IS 'organization or site.';
COMMENT ON COLUMN @extschema@.patch_kpis_by_period.site_id IS 'The site (scope site); NULL for the whole organisation.';
COMMENT ON COLUMN @extschema@.patch_kpis_by_period.site_code IS 'Site code (scope site).';
COMMENT ON COLUMN @extschema@.patch_kpis_by_period.period IS 'month or last_365_days.';
COMMENT ON COLUMN @extschema@.patch_kpis_by_period.time IS 'Start of the period (a month: its first instant, UTC).';
COMMENT ON COLUMN @extschema@.patch_kpis_by_period.period_end IS 'End of the period (exclusive).';
COMMENT ON COLUMN @extschema@.patch_kpis_by_period.detections IS
  'Vulnerabilities the organisation identified during the period (site rows: vulnerabilities first found on the site''s assets).';
COMMENT ON COLUMN @extschema@.patch_kpis_by_period.detection_time_days IS
  'Patch detection time: mean days from public disclosure to identification by the organisation (site rows: to the first detection on the site''s assets).';
COMMENT ON COLUMN @extschema@.patch_kpis_by_period.testing_time_days IS 'Patch testing time: mean days from approval to tested.';
COMMENT ON COLUMN @extschema@.patch_kpis_by_period.deployment_time_days IS 'Patch deployment time: mean days from approval to deployment in the organisations last environment (production).';
COMMENT ON COLUMN @extschema@.patch_kpis_by_period.time_to_patch_critical_days IS 'Time to patch critical vulnerabilities: mean days from detection to remediation of critical-severity findings.';
COMMENT ON COLUMN @extschema@.patch_kpis_by_period.deployments IS 'Deployments made (transitions to deployed).';
COMMENT ON COLUMN @extschema@.patch_kpis_by_period.patch_success_rate_percent IS 'Patch success rate: deployments not rolled back since, in percent.';
COMMENT ON COLUMN @extschema@.patch_kpis_by_period.rollbacks IS 'Rollbacks made.';
COMMENT ON COLUMN @extschema@.patch_kpis_by_period.rollback_success_rate_percent IS 'Rollback success rate: rollbacks that succeeded, in percent.';
COMMENT ON COLUMN @extschema@.patch_kpis_by_period.remediations IS 'Findings remediated (patched, or the version moved out of range).';
COMMENT ON COLUMN @extschema@.patch_kpis_by_period.remediated_within_sla_percent IS 'Vulnerability remediation rate: remediated findings resolved by their due date, in percent.';
COMMENT ON COLUMN @extschema@.patch_kpis_by_period.exception_decisions IS 'Exceptions approved or rejected.';
COMMENT ON COLUMN @extschema@.patch_kpis_by_period.exception_approval_rate_percent IS 'Exception approval rate: decided exceptions approved, in percent.';
COMMENT ON COLUMN @extschema@.patch_kpis_by_period.validation_runs IS 'Validation runs finished (organisation rows only).';
COMMENT ON COLUMN @extschema@.patch_kpis_by_period.regression_test_coverage_percent IS 'Regression test coverage: regression cases run over those required, in percent (organisation rows only).';
COMMENT ON COLUMN @extschema@.patch_kpis_by_period.performance_impact_percent IS 'Performance impact: mean measured change of the validation runs, in percent (organisation rows only).';
COMMENT ON COLUMN @extschema@.patch_kpis_by_period.compatibility_issues IS 'Compatibility issues found by validation runs (organisation rows only).';
COMMENT ON COLUMN @extschema@.patch_kpis_by_period.validation_hours IS 'Mean hours a validation run took (organisation rows only).';
COMMENT ON COLUMN @extschema@.patch_kpis_by_period.open_findings IS 'Findings open at the periods end.';
COMMENT ON COLUMN @extschema@.patch_kpis_by_period.vulnerability_mean_age_days IS 'Vulnerability aging: mean age of the findings open at the periods end, in days.';
COMMENT ON COLUMN @extschema@.patch_kpis_by_period.open_over_90_days IS 'Findings open for more than 90 days at the periods end.';

CREATE VIEW @extschema@.patch_kpis_monthly WITH (security_invoker = true) AS
SELECT k.id, k.organization_id, k.organization_code, k.scope, k.site_id, k.site_code, k.time,
       k.detections, k.detection_time_days, k.testing_time_days, k.deployment_time_days, k.time_to_patch_critical_days,
       k.deployments, k.patch_success_rate_percent, k.rollbacks, k.rollback_success_rate_percent,
       k.remediations, k.remediated_within_sla_percent, k.exception_decisions, k.exception_approval_rate_percent,
       k.validation_runs, k.regression_test_coverage_percent, k.performance_impact_percent, k.compatibility_issues,
       k.validation_hours, k.open_findings, k.vulnerability_mean_age_days, k.open_over_90_days
FROM @extschema@.patch_kpis_by_period k
WHERE k.period = 'month';
COMMENT ON VIEW @extschema@.patch_kpis_monthly IS
  'Patch management KPIs by UTC calendar month (time: the month''s start), per organisation and per site: '
  'patch_kpis_by_period''s months.';
COMMENT ON COLUMN @extschema@.patch_kpis_monthly.id IS 'Organisation id / site id (* for the whole organisation) / month (YYYY-MM).';
COMMENT ON COLUMN @extschema@.patch_kpis_monthly.organization_id IS 'Owning organisation.';
COMMENT ON COLUMN @extschema@.patch_kpis_monthly.organization_code IS 'Organisation code.';
COMMENT ON COLUMN @extschema@.patch_kpis_monthly.scope IS 'organization or site.';
COMMENT ON COLUMN @extschema@.patch_kpis_monthly.site_id IS 'The site (scope site); NULL for the whole organisation.';
COMMENT ON COLUMN @extschema@.patch_kpis_monthly.site_code IS 'Site code (scope site).';
COMMENT ON COLUMN @extschema@.patch_kpis_monthly.time IS 'Start of the month (UTC).';
COMMENT ON COLUMN @extschema@.patch_kpis_monthly.detections IS
  'Vulnerabilities the organisation identified during the month (site rows: vulnerabilities first found on the site''s assets).';
COMMENT ON COLUMN @extschema@.patch_kpis_monthly.detection_time_days IS
  'Patch detection time: mean days from public disclosure to identification by the organisation (site rows: to the first detection on the site''s assets).';
COMMENT ON COLUMN @extschema@.patch_kpis_monthly.testing_time_days IS 'Patch testing time: mean days from approval to tested.';
COMMENT ON COLUMN @extschema@.patch_kpis_monthly.deployment_time_days IS 'Patch deployment time: mean days from approval to deployment in the organisations last environment (production).';
COMMENT ON COLUMN @extschema@.patch_kpis_monthly.time_to_patch_critical_days IS 'Time to patch critical vulnerabilities: mean days from detection to remediation of critical-severity findings.';
COMMENT ON COLUMN @extschema@.patch_kpis_monthly.deployments IS 'Deployments made (transitions to deployed).';
COMMENT ON COLUMN @extschema@.patch_kpis_monthly.patch_success_rate_percent IS 'Patch success rate: deployments not rolled back since, in percent.';
COMMENT ON COLUMN @extschema@.patch_kpis_monthly.rollbacks IS 'Rollbacks made.';
COMMENT ON COLUMN @extschema@.patch_kpis_monthly.rollback_success_rate_percent IS 'Rollback success rate: rollbacks that succeeded, in percent.';
COMMENT ON COLUMN @extschema@.patch_kpis_monthly.remediations IS 'Findings remediated (patched, or the version moved out of range).';
COMMENT ON COLUMN @extschema@.patch_kpis_monthly.remediated_within_sla_percent IS 'Vulnerability remediation rate: remediated findings resolved by their due date, in percent.';
COMMENT ON COLUMN @extschema@.patch_kpis_monthly.exception_decisions IS 'Exceptions approved or rejected.';
COMMENT ON COLUMN @extschema@.patch_kpis_monthly.exception_approval_rate_percent IS 'Exception approval rate: decided exceptions approved, in percent.';
COMMENT ON COLUMN @extschema@.patch_kpis_monthly.validation_runs IS 'Validation runs finished (organisation rows only).';
COMMENT ON COLUMN @extschema@.patch_kpis_monthly.regression_test_coverage_percent IS 'Regression test coverage: regression cases run over those required, in percent (organisation rows only).';
COMMENT ON COLUMN @extschema@.patch_kpis_monthly.performance_impact_percent IS 'Performance impact: mean measured change of the validation runs, in percent (organisation rows only).';
COMMENT ON COLUMN @extschema@.patch_kpis_monthly.compatibility_issues IS 'Compatibility issues found by validation runs (organisation rows only).';
COMMENT ON COLUMN @extschema@.patch_kpis_monthly.validation_hours IS 'Mean hours a validation run took (organisation rows only).';
COMMENT ON COLUMN @extschema@.patch_kpis_monthly.open_findings IS 'Findings open at the months end.';
COMMENT ON COLUMN @extschema@.patch_kpis_monthly.vulnerability_mean_age_days IS 'Vulnerability aging: mean age of the findings open at the months end, in days.';
COMMENT ON COLUMN @extschema@.patch_kpis_monthly.open_over_90_days IS 'Findings open for more than 90 days at the months end.';

-- Today: the last 365 days' events, the findings open now, and the state of the inventory.
CREATE VIEW @extschema@.patch_kpis WITH (security_invoker = true) AS
WITH lagging AS (
  -- assets with an open finding for which a recorded patch exists that is not yet installed on them
  SELECT DISTINCT av.organization_id, av.asset_id
  FROM @extschema@.asset_vulnerability av
  JOIN @extschema@.patch_vulnerability pv ON pv.organization_id = av.organization_id AND pv.vulnerability_id = av.vulnerability_id
  WHERE av.resolved_at IS NULL
    AND (av.applicability = 'affected'
         OR EXISTS (SELECT 1 FROM @extschema@.asset_vulnerability_review r
                    WHERE r.organization_id = av.organization_id AND r.asset_vulnerability_id = av.id AND r.verdict = 'affected'))
    AND NOT EXISTS (SELECT 1 FROM @extschema@.patch_deployment d
                    JOIN @extschema@.patch_vulnerability x ON x.organization_id = d.organization_id AND x.patch_id = d.patch_id
                    WHERE d.organization_id = av.organization_id AND d.asset_id = av.asset_id
                      AND x.vulnerability_id = av.vulnerability_id AND d.state IN ('deployed', 'verified'))
),
inventory AS (
  SELECT a.organization_id, z.site_id, GROUPING(z.site_id) = 1 AS whole_organization,
         pg_catalog.count(*) AS assets_in_operation,
         pg_catalog.count(*) FILTER (WHERE g.asset_id IS NULL) AS compliant_assets
  FROM @extschema@.asset a
  JOIN @extschema@.lifecycle_state l ON l.code = a.lifecycle_state
  LEFT JOIN @extschema@.zone z ON z.organization_id = a.organization_id AND z.id = a.zone_id
  LEFT JOIN lagging g ON g.organization_id = a.organization_id AND g.asset_id = a.id
  WHERE l.in_operation
  GROUP BY GROUPING SETS ((a.organization_id), (a.organization_id, z.site_id))
),
scans AS (
  SELECT c.organization_id, c.site_id, GROUPING(c.site_id) = 1 AS whole_organization,
         pg_catalog.sum(c.assets_scanned) AS scanned, pg_catalog.sum(c.assets_in_operation) AS in_operation
  FROM @extschema@.scan_coverage c
  GROUP BY GROUPING SETS ((c.organization_id), (c.organization_id, c.site_id))
),
queue AS (
  SELECT f.organization_id, f.site_id, GROUPING(f.site_id) = 1 AS whole_organization,
         pg_catalog.count(*) FILTER (WHERE f.sla_state = 'overdue') AS overdue_findings,
         pg_catalog.count(*) FILTER (WHERE f.sla_state = 'due_soon') AS due_soon_findings,
         pg_catalog.count(*) FILTER (WHERE f.exception_covered) AS findings_covered_by_exception,
         pg_catalog.count(*) FILTER (WHERE f.decision = 'immediate') AS immediate_findings
  FROM @extschema@.vulnerability_finding f
  WHERE f.resolved_at IS NULL
  GROUP BY GROUPING SETS ((f.organization_id), (f.organization_id, f.site_id))
)
SELECT k.id, k.organization_id, k.organization_code, k.scope, k.site_id, k.site_code,
       k.detections, k.detection_time_days, k.testing_time_days, k.deployment_time_days, k.time_to_patch_critical_days,
       k.deployments, k.patch_success_rate_percent, k.rollbacks, k.rollback_success_rate_percent,
       k.remediations, k.remediated_within_sla_percent, k.exception_decisions, k.exception_approval_rate_percent,
       k.validation_runs, k.regression_test_coverage_percent, k.performance_impact_percent, k.compatibility_issues,
       k.validation_hours, k.open_findings, k.vulnerability_mean_age_days, k.open_over_90_days,
       coalesce(q.overdue_findings, 0) AS overdue_findings,
       coalesce(q.due_soon_findings, 0) AS due_soon_findings,
       coalesce(q.immediate_findings, 0) AS immediate_findings,
       coalesce(q.findings_covered_by_exception, 0) AS findings_covered_by_exception,
       coalesce(i.assets_in_operation, 0) AS assets_in_operation,
       coalesce(i.compliant_assets, 0) AS compliant_assets,
       pg_catalog.round(100.0 * i.compliant_assets / NULLIF(i.assets_in_operation, 0), 1)::numeric(5,1) AS patch_compliance_rate_percent,
       pg_catalog.round(100.0 * sc.scanned / NULLIF(sc.in_operation, 0), 1)::numeric(5,1) AS scan_coverage_percent
FROM @extschema@.patch_kpis_by_period k
LEFT JOIN inventory i ON i.organization_id = k.organization_id AND i.whole_organization = (k.site_id IS NULL)
                     AND coalesce(i.site_id, i.organization_id) = coalesce(k.site_id, k.organization_id)
LEFT JOIN queue q ON q.organization_id = k.organization_id AND q.whole_organization = (k.site_id IS NULL)
                 AND coalesce(q.site_id, q.organization_id) = coalesce(k.site_id, k.organization_id)
LEFT JOIN scans sc ON sc.organization_id = k.organization_id AND sc.whole_organization = (k.site_id IS NULL)
                  AND coalesce(sc.site_id, sc.organization_id) = coalesce(k.site_id, k.organization_id)
WHERE k.period = 'last_365_days';
COMMENT ON VIEW @extschema@.patch_kpis IS
  'Patch management KPIs today, per organisation (scope organization) and per site (scope site): the events of the '
  'last 365 days (patch_kpis_by_period), the findings open now and the patch compliance of the assets in operation.';
COMMENT ON COLUMN @extschema@.patch_kpis.id IS 'Organisation id / site id (* for the whole organisation) / last_365_days.';
COMMENT ON COLUMN @extschema@.patch_kpis.organization_id IS 'Owning organisation.';
COMMENT ON COLUMN @extschema@.patch_kpis.organization_code IS 'Organisation code.';
COMMENT ON COLUMN @extschema@.patch_kpis.scope IS 'organization or site.';
COMMENT ON COLUMN @extschema@.patch_kpis.site_id IS 'The site (scope site); NULL for the whole organisation.';
COMMENT ON COLUMN @extschema@.patch_kpis.site_code IS 'Site code (scope site).';
COMMENT ON COLUMN @extschema@.patch_kpis.detections IS
  'Vulnerabilities the organisation identified during the last 365 days (site rows: vulnerabilities first found on the site''s assets).';
COMMENT ON COLUMN @extschema@.patch_kpis.detection_time_days IS
  'Patch detection time: mean days from public disclosure to identification by the organisation (site rows: to the first detection on the site''s assets).';
COMMENT ON COLUMN @extschema@.patch_kpis.testing_time_days IS 'Patch testing time: mean days from approval to tested.';
COMMENT ON COLUMN @extschema@.patch_kpis.deployment_time_days IS 'Patch deployment time: mean days from approval to deployment in the organisations last environment (production).';
COMMENT ON COLUMN @extschema@.patch_kpis.time_to_patch_critical_days IS 'Time to patch critical vulnerabilities: mean days from detection to remediation of critical-severity findings.';
COMMENT ON COLUMN @extschema@.patch_kpis.deployments IS 'Deployments made (transitions to deployed).';
COMMENT ON COLUMN @extschema@.patch_kpis.patch_success_rate_percent IS 'Patch success rate: deployments not rolled back since, in percent.';
COMMENT ON COLUMN @extschema@.patch_kpis.rollbacks IS 'Rollbacks made.';
COMMENT ON COLUMN @extschema@.patch_kpis.rollback_success_rate_percent IS 'Rollback success rate: rollbacks that succeeded, in percent.';
COMMENT ON COLUMN @extschema@.patch_kpis.remediations IS 'Findings remediated (patched, or the version moved out of range).';
COMMENT ON COLUMN @extschema@.patch_kpis.remediated_within_sla_percent IS 'Vulnerability remediation rate: remediated findings resolved by their due date, in percent.';
COMMENT ON COLUMN @extschema@.patch_kpis.exception_decisions IS 'Exceptions approved or rejected.';
COMMENT ON COLUMN @extschema@.patch_kpis.exception_approval_rate_percent IS 'Exception approval rate: decided exceptions approved, in percent.';
COMMENT ON COLUMN @extschema@.patch_kpis.validation_runs IS 'Validation runs finished (organisation rows only).';
COMMENT ON COLUMN @extschema@.patch_kpis.regression_test_coverage_percent IS 'Regression test coverage: regression cases run over those required, in percent (organisation rows only).';
COMMENT ON COLUMN @extschema@.patch_kpis.performance_impact_percent IS 'Performance impact: mean measured change of the validation runs, in percent (organisation rows only).';
COMMENT ON COLUMN @extschema@.patch_kpis.compatibility_issues IS 'Compatibility issues found by validation runs (organisation rows only).';
COMMENT ON COLUMN @extschema@.patch_kpis.validation_hours IS 'Mean hours a validation run took (organisation rows only).';
COMMENT ON COLUMN @extschema@.patch_kpis.open_findings IS 'Findings open at the periods end.';
COMMENT ON COLUMN @extschema@.patch_kpis.vulnerability_mean_age_days IS 'Vulnerability aging: mean age of the findings open at the periods end, in days.';
COMMENT ON COLUMN @extschema@.patch_kpis.open_over_90_days IS 'Findings open for more than 90 days at the periods end.';
COMMENT ON COLUMN @extschema@.patch_kpis.overdue_findings IS 'Open findings past their due date.';
COMMENT ON COLUMN @extschema@.patch_kpis.due_soon_findings IS 'Open findings due within the organisation''s due_soon_days.';
COMMENT ON COLUMN @extschema@.patch_kpis.immediate_findings IS 'Open findings whose band is immediate (critical).';
COMMENT ON COLUMN @extschema@.patch_kpis.findings_covered_by_exception IS 'Open findings an approved, unexpired exception covers.';
COMMENT ON COLUMN @extschema@.patch_kpis.assets_in_operation IS 'Assets in operation (lifecycle state in operation).';
COMMENT ON COLUMN @extschema@.patch_kpis.compliant_assets IS
  'Assets in operation with no open finding whose fixing patch is not yet installed on them (deployed or verified); '
  'findings without a recorded patch do not count against it.';
COMMENT ON COLUMN @extschema@.patch_kpis.patch_compliance_rate_percent IS
  'Patch compliance rate: compliant assets over assets in operation, in percent (the seed''s "systems with approved '
  'patches", read as installed).';
COMMENT ON COLUMN @extschema@.patch_kpis.scan_coverage_percent IS
  'Scan coverage: assets in operation scanned within the organisation''s coverage window, in percent (scan_coverage).';

INSERT INTO @extschema@.object_access_class (object_name, object_class) VALUES
  ('patch_kpi_event', 'view'),
  ('patch_kpis_by_period', 'view'),
  ('patch_kpis_monthly', 'view'),
  ('patch_kpis', 'view');
