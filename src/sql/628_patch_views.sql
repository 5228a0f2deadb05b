-- Views of the patch lifecycle (BI contract): each deployment's status, and the rollout of each
-- patch through each environment of its organisation.

CREATE VIEW @extschema@.patch_deployment_status WITH (security_invoker = true) AS
SELECT d.id,
       d.organization_id,
       o.code AS organization_code,
       d.patch_id,
       p.code AS patch_code,
       p.title AS patch_title,
       p.vendor_qualification,
       (pg_catalog.btrim(coalesce(p.rollback_plan, '')) <> '') AS has_rollback_plan,
       d.asset_id,
       a.tag AS asset_tag,
       a.name AS asset_name,
       a.environment,
       e.position AS environment_position,
       d.state,
       s.label AS state_label,
       d.band,
       b.label AS band_label,
       d.priority::numeric(4,1) AS priority,
       v.cve_id AS worst_cve_id,
       d.route,
       ap.full_name AS approved_by,
       d.approved_at,
       d.scheduled_for,
       d.state_changed_at,
       t.identified_at,
       t.assessed_at,
       t.tested_at,
       t.deployed_at,
       t.verified_at,
       t.rolled_back_at,
       t.last_rollback_outcome,
       t.transitions
FROM @extschema@.patch_deployment d
JOIN @extschema@.organization o ON o.id = d.organization_id
JOIN @extschema@.patch p ON p.organization_id = d.organization_id AND p.id = d.patch_id
JOIN @extschema@.asset a ON a.organization_id = d.organization_id AND a.id = d.asset_id
JOIN @extschema@.patch_state s ON s.code = d.state
LEFT JOIN @extschema@.organization_deployment_environment e
  ON e.organization_id = a.organization_id AND e.environment = a.environment
LEFT JOIN @extschema@.patch_priority_band b ON b.code = d.band
LEFT JOIN @extschema@.vulnerability v ON v.organization_id = d.organization_id AND v.id = d.worst_vulnerability_id
LEFT JOIN @extschema@.person ap ON ap.organization_id = d.organization_id AND ap.id = d.approved_by
CROSS JOIN LATERAL (
  SELECT pg_catalog.min(x.at) FILTER (WHERE x.to_state = 'identified') AS identified_at,
         pg_catalog.max(x.at) FILTER (WHERE x.to_state = 'assessed') AS assessed_at,
         pg_catalog.max(x.at) FILTER (WHERE x.to_state = 'tested') AS tested_at,
         pg_catalog.max(x.at) FILTER (WHERE x.to_state = 'deployed') AS deployed_at,
         pg_catalog.max(x.at) FILTER (WHERE x.to_state = 'verified') AS verified_at,
         pg_catalog.max(x.at) FILTER (WHERE x.to_state = 'rolled_back') AS rolled_back_at,
         (pg_catalog.array_agg(x.rollback_outcome ORDER BY x.at DESC, x.transition_no DESC)
            FILTER (WHERE x.to_state = 'rolled_back'))[1] AS last_rollback_outcome,
         pg_catalog.count(*) AS transitions
  FROM @extschema@.patch_deployment_transition x
  WHERE x.organization_id = d.organization_id AND x.deployment_id = d.id) t;
COMMENT ON VIEW @extschema@.patch_deployment_status IS
  'One row per patch deployment (patch on asset): environment, current state, priority band and approval route, and the '
  'time of each lifecycle event (from patch_deployment_transition).';
COMMENT ON COLUMN @extschema@.patch_deployment_status.id IS 'Deployment identifier (patch_deployment.id).';
COMMENT ON COLUMN @extschema@.patch_deployment_status.organization_id IS 'Owning organisation.';
COMMENT ON COLUMN @extschema@.patch_deployment_status.organization_code IS 'Organisation code.';
COMMENT ON COLUMN @extschema@.patch_deployment_status.patch_id IS 'The patch.';
COMMENT ON COLUMN @extschema@.patch_deployment_status.patch_code IS 'Patch code.';
COMMENT ON COLUMN @extschema@.patch_deployment_status.patch_title IS 'Patch title.';
COMMENT ON COLUMN @extschema@.patch_deployment_status.vendor_qualification IS 'Vendor qualification: qualified, not_qualified, not_tested.';
COMMENT ON COLUMN @extschema@.patch_deployment_status.has_rollback_plan IS 'The patch has a rollback plan.';
COMMENT ON COLUMN @extschema@.patch_deployment_status.asset_id IS 'The asset.';
COMMENT ON COLUMN @extschema@.patch_deployment_status.asset_tag IS 'Asset tag.';
COMMENT ON COLUMN @extschema@.patch_deployment_status.asset_name IS 'Asset name.';
COMMENT ON COLUMN @extschema@.patch_deployment_status.environment IS 'The asset''s deployment environment now.';
COMMENT ON COLUMN @extschema@.patch_deployment_status.environment_position IS 'Position of that environment in the organisation''s rollout order.';
COMMENT ON COLUMN @extschema@.patch_deployment_status.state IS 'Current state.';
COMMENT ON COLUMN @extschema@.patch_deployment_status.state_label IS 'Name of the current state.';
COMMENT ON COLUMN @extschema@.patch_deployment_status.band IS 'Priority band set at assessment (immediate, out-of-cycle, scheduled, defer); NULL before.';
COMMENT ON COLUMN @extschema@.patch_deployment_status.band_label IS 'The seed''s name of the band: critical, high, medium, low.';
COMMENT ON COLUMN @extschema@.patch_deployment_status.priority IS 'patch_priority 0..100 at assessment.';
COMMENT ON COLUMN @extschema@.patch_deployment_status.worst_cve_id IS 'CVE that set the band and priority.';
COMMENT ON COLUMN @extschema@.patch_deployment_status.route IS 'Approval route: automatic, manager, committee, scheduled.';
COMMENT ON COLUMN @extschema@.patch_deployment_status.approved_by IS 'Name of the approver; NULL when approved by the system or not yet approved.';
COMMENT ON COLUMN @extschema@.patch_deployment_status.approved_at IS 'When it was approved.';
COMMENT ON COLUMN @extschema@.patch_deployment_status.scheduled_for IS 'Maintenance cycle the approval placed it in.';
COMMENT ON COLUMN @extschema@.patch_deployment_status.state_changed_at IS 'Time of the last transition.';
COMMENT ON COLUMN @extschema@.patch_deployment_status.identified_at IS 'When the deployment was identified.';
COMMENT ON COLUMN @extschema@.patch_deployment_status.assessed_at IS 'When it was assessed.';
COMMENT ON COLUMN @extschema@.patch_deployment_status.tested_at IS 'Last time it became tested.';
COMMENT ON COLUMN @extschema@.patch_deployment_status.deployed_at IS 'Last time it was deployed.';
COMMENT ON COLUMN @extschema@.patch_deployment_status.verified_at IS 'Last time it was verified.';
COMMENT ON COLUMN @extschema@.patch_deployment_status.rolled_back_at IS 'Last time it was rolled back.';
COMMENT ON COLUMN @extschema@.patch_deployment_status.last_rollback_outcome IS 'Outcome of the last rollback: succeeded or failed.';
COMMENT ON COLUMN @extschema@.patch_deployment_status.transitions IS 'Number of transitions recorded.';

CREATE VIEW @extschema@.patch_rollout WITH (security_invoker = true) AS
SELECT pg_catalog.md5(p.id::text || '/' || e.environment)::uuid AS id,
       p.organization_id,
       p.id AS patch_id,
       p.code AS patch_code,
       e.environment,
       e.position AS environment_position,
       e.requires_rollback_plan,
       g.open AS rollout_open,
       g.reason AS blocked_because,
       coalesce(c.deployments, 0) AS deployments,
       coalesce(c.identified, 0) AS identified,
       coalesce(c.assessed, 0) AS assessed,
       coalesce(c.approved, 0) AS approved,
       coalesce(c.tested, 0) AS tested,
       coalesce(c.deployed, 0) AS deployed,
       coalesce(c.verified, 0) AS verified,
       coalesce(c.rolled_back, 0) AS rolled_back,
       coalesce(r.runs, 0) AS validation_runs,
       coalesce(r.failed_runs, 0) AS failed_validation_runs,
       l.outcome AS latest_validation_outcome,
       l.finished_at AS latest_validation_finished_at,
       l.regression_cases_required,
       l.regression_cases_run,
       l.regression_cases_failed,
       CASE WHEN l.regression_cases_required > 0
            THEN pg_catalog.round(100.0 * l.regression_cases_run / l.regression_cases_required, 2)
            WHEN l.id IS NOT NULL THEN 100.00 END::numeric(7,2) AS regression_coverage_percent,
       CASE WHEN l.regression_cases_run > 0
            THEN pg_catalog.round(100.0 * (l.regression_cases_run - l.regression_cases_failed) / l.regression_cases_run, 2)
       END::numeric(5,2) AS regression_pass_percent,
       l.performance_impact_percent::numeric(6,2) AS performance_impact_percent,
       l.compatibility_issues
FROM @extschema@.patch p
JOIN @extschema@.organization_deployment_environment e ON e.organization_id = p.organization_id
CROSS JOIN LATERAL @extschema@.patch_rollout_gate(p.organization_id, p.id, e.environment, pg_catalog.now()) g
LEFT JOIN LATERAL (
  SELECT pg_catalog.count(*) AS deployments,
         pg_catalog.count(*) FILTER (WHERE d.state = 'identified') AS identified,
         pg_catalog.count(*) FILTER (WHERE d.state = 'assessed') AS assessed,
         pg_catalog.count(*) FILTER (WHERE d.state = 'approved') AS approved,
         pg_catalog.count(*) FILTER (WHERE d.state = 'tested') AS tested,
         pg_catalog.count(*) FILTER (WHERE d.state = 'deployed') AS deployed,
         pg_catalog.count(*) FILTER (WHERE d.state = 'verified') AS verified,
         pg_catalog.count(*) FILTER (WHERE d.state = 'rolled_back') AS rolled_back
  FROM @extschema@.patch_deployment d
  JOIN @extschema@.asset a ON a.organization_id = d.organization_id AND a.id = d.asset_id
  WHERE d.organization_id = p.organization_id AND d.patch_id = p.id AND a.environment = e.environment) c ON true
LEFT JOIN LATERAL (
  SELECT pg_catalog.count(*) AS runs, pg_catalog.count(*) FILTER (WHERE t.outcome = 'failed') AS failed_runs
  FROM @extschema@.patch_test_run t
  WHERE t.organization_id = p.organization_id AND t.patch_id = p.id AND t.environment = e.environment
    AND t.finished_at IS NOT NULL) r ON true
LEFT JOIN LATERAL (
  SELECT t.*
  FROM @extschema@.patch_test_run t
  WHERE t.organization_id = p.organization_id AND t.patch_id = p.id AND t.environment = e.environment
    AND t.finished_at <= pg_catalog.now()
  ORDER BY t.finished_at DESC, (t.outcome = 'failed') DESC, t.id
  LIMIT 1) l ON true;
COMMENT ON VIEW @extschema@.patch_rollout IS
  'One row per patch and environment of its organisation (in rollout order): whether the rollout has reached the '
  'environment, its deployments by state, and its latest validation with regression coverage and pass rate computed '
  'from the recorded cases.';
COMMENT ON COLUMN @extschema@.patch_rollout.id IS 'Identifier of the (patch, environment) pair (derived from both).';
COMMENT ON COLUMN @extschema@.patch_rollout.organization_id IS 'Owning organisation.';
COMMENT ON COLUMN @extschema@.patch_rollout.patch_id IS 'The patch.';
COMMENT ON COLUMN @extschema@.patch_rollout.patch_code IS 'Patch code.';
COMMENT ON COLUMN @extschema@.patch_rollout.environment IS 'Environment.';
COMMENT ON COLUMN @extschema@.patch_rollout.environment_position IS 'Its position in the organisation''s rollout order.';
COMMENT ON COLUMN @extschema@.patch_rollout.requires_rollback_plan IS 'Deploying here needs a rollback plan.';
COMMENT ON COLUMN @extschema@.patch_rollout.rollout_open IS
  'The rollout has reached the environment now: its deployments may become tested and deployed (patch_rollout_gate).';
COMMENT ON COLUMN @extschema@.patch_rollout.blocked_because IS 'Why not, when not: the environment before without a passed latest validation.';
COMMENT ON COLUMN @extschema@.patch_rollout.deployments IS 'Deployments of the patch on assets of the environment.';
COMMENT ON COLUMN @extschema@.patch_rollout.identified IS 'Of them, in state identified.';
COMMENT ON COLUMN @extschema@.patch_rollout.assessed IS 'Of them, in state assessed.';
COMMENT ON COLUMN @extschema@.patch_rollout.approved IS 'Of them, in state approved.';
COMMENT ON COLUMN @extschema@.patch_rollout.tested IS 'Of them, in state tested.';
COMMENT ON COLUMN @extschema@.patch_rollout.deployed IS 'Of them, in state deployed.';
COMMENT ON COLUMN @extschema@.patch_rollout.verified IS 'Of them, in state verified.';
COMMENT ON COLUMN @extschema@.patch_rollout.rolled_back IS 'Of them, in state rolled_back.';
COMMENT ON COLUMN @extschema@.patch_rollout.validation_runs IS 'Finished validation runs of the patch in the environment.';
COMMENT ON COLUMN @extschema@.patch_rollout.failed_validation_runs IS 'Of them, failed.';
COMMENT ON COLUMN @extschema@.patch_rollout.latest_validation_outcome IS 'Outcome of the latest finished run: passed or failed; NULL when none.';
COMMENT ON COLUMN @extschema@.patch_rollout.latest_validation_finished_at IS 'When the latest run finished.';
COMMENT ON COLUMN @extschema@.patch_rollout.regression_cases_required IS 'Latest run: regression cases required.';
COMMENT ON COLUMN @extschema@.patch_rollout.regression_cases_run IS 'Latest run: regression cases run.';
COMMENT ON COLUMN @extschema@.patch_rollout.regression_cases_failed IS 'Latest run: regression cases failed.';
COMMENT ON COLUMN @extschema@.patch_rollout.regression_coverage_percent IS
  'Latest run: cases run / cases required x 100 (100 when none were required).';
COMMENT ON COLUMN @extschema@.patch_rollout.regression_pass_percent IS 'Latest run: cases run without failure / cases run x 100; NULL when none ran.';
COMMENT ON COLUMN @extschema@.patch_rollout.performance_impact_percent IS 'Latest run: measured performance impact, percent.';
COMMENT ON COLUMN @extschema@.patch_rollout.compatibility_issues IS 'Latest run: compatibility issues found.';

INSERT INTO @extschema@.object_access_class (object_name, object_class) VALUES
  ('patch_deployment_status', 'view'),
  ('patch_rollout', 'view');
