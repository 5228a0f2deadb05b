-- Placing approved patch deployments into the next maintenance windows of their sites (issue 5,
-- "Maintenance windows"): plan_maintenance over the deployments waiting to be deployed.

CREATE FUNCTION @extschema@.plan_patch_deployments(organization_id uuid, from_time timestamptz DEFAULT pg_catalog.now(),
                                                   horizon_days integer DEFAULT 90)
RETURNS TABLE (deployment_id uuid, patch_code text, asset_tag text, site_code text, state text, duration_hours numeric,
               priority numeric, window_id uuid, window_name text, local_date date, planned_start timestamptz,
               planned_end timestamptz, unplaced_reason text)
LANGUAGE sql STABLE STRICT PARALLEL SAFE
AS $$
  WITH waiting AS (
    SELECT d.id, p.code AS patch_code, a.tag, z.site_id, st.code AS site_code, d.state,
           p.estimated_duration_hours, d.priority,
           -- the lifecycle refuses to deploy there without one (patch_deployment_transition_check)
           coalesce(e.requires_rollback_plan, false)
             AND pg_catalog.btrim(coalesce(p.rollback_plan, '')) OPERATOR(pg_catalog.=) '' AS lacks_rollback_plan,
           -- a deployment the scheduled route approved for a later cycle waits for it
           GREATEST($2, d.scheduled_for) AS not_before
    FROM @extschema@.patch_deployment d
    JOIN @extschema@.patch p ON p.organization_id OPERATOR(pg_catalog.=) d.organization_id AND p.id OPERATOR(pg_catalog.=) d.patch_id
    JOIN @extschema@.asset a ON a.organization_id OPERATOR(pg_catalog.=) d.organization_id AND a.id OPERATOR(pg_catalog.=) d.asset_id
    LEFT JOIN @extschema@.zone z ON z.organization_id OPERATOR(pg_catalog.=) a.organization_id AND z.id OPERATOR(pg_catalog.=) a.zone_id
    LEFT JOIN @extschema@.site st ON st.organization_id OPERATOR(pg_catalog.=) z.organization_id AND st.id OPERATOR(pg_catalog.=) z.site_id
    LEFT JOIN @extschema@.organization_deployment_environment e
      ON e.organization_id OPERATOR(pg_catalog.=) a.organization_id AND e.environment OPERATOR(pg_catalog.=) a.environment
    WHERE d.organization_id OPERATOR(pg_catalog.=) $1 AND d.state OPERATOR(pg_catalog.=) ANY (ARRAY['approved', 'tested'])
  ),
  plan AS (
    SELECT m.*
    FROM @extschema@.plan_maintenance($1,
           coalesce((SELECT pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object(
                              'id', w.id, 'site_id', w.site_id, 'duration_hours', w.estimated_duration_hours,
                              'priority', coalesce(w.priority, 0), 'not_before', w.not_before))
                     FROM waiting w
                     WHERE w.site_id IS NOT NULL AND w.estimated_duration_hours IS NOT NULL AND NOT w.lacks_rollback_plan),
                    '[]'::jsonb),
           $2, $3) m
  )
  SELECT w.id, w.patch_code, w.tag, w.site_code, w.state, w.estimated_duration_hours, w.priority,
         m.window_id, mw.name, m.local_date, m.planned_start, m.planned_end,
         CASE WHEN w.site_id IS NULL THEN 'no_site'
              WHEN w.estimated_duration_hours IS NULL THEN 'no_estimate'
              WHEN w.lacks_rollback_plan THEN 'no_rollback_plan'
              ELSE m.unplaced_reason END
  FROM waiting w
  LEFT JOIN plan m ON m.item_id OPERATOR(pg_catalog.=) w.id
  LEFT JOIN @extschema@.maintenance_window mw
    ON mw.organization_id OPERATOR(pg_catalog.=) $1 AND mw.id OPERATOR(pg_catalog.=) m.window_id
  ORDER BY m.placement_order NULLS LAST, w.priority DESC NULLS LAST, w.tag
$$;
COMMENT ON FUNCTION @extschema@.plan_patch_deployments(uuid, timestamptz, integer) IS
  'Places the organisation''s deployments waiting to be deployed (approved or tested) into the next maintenance windows '
  'of their asset''s site (plan_maintenance): highest priority first, each with its patch''s estimated duration, not '
  'before from_time or the cycle it was scheduled for, never overfilling a window.  Every deployment comes back once: '
  'placed (window, local date, planned start and end) or with the reason it is not: no_site (asset without a site), '
  'no_estimate (patch without estimated_duration_hours), no_rollback_plan (the asset''s environment requires a rollback '
  'plan the patch lacks, so the lifecycle would refuse to deploy it), or plan_maintenance''s reasons.';
