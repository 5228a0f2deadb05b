-- Risk KPIs per site and by month (issue 5, "Views"): the seed's risk metrics (assessment frequency
-- and coverage, treatment effectiveness, residual risk levels, risk trend) computed from the
-- recorded history, for the whole organisation and for each of its sites.
--
-- A risk belongs to the site of its zone (a zone risk) or of its asset's zone (an asset risk), as
-- the zones are placed today; risks on zones without a site count for the organisation only.

-- Each recorded state of a risk, with its site and whether it was an assessment: the risk's
-- recording, or a change of its inherent or residual likelihood or consequence.
CREATE VIEW @extschema@.risk_assessment_event WITH (security_invoker = true) AS
SELECT h.id,
       h.organization_id,
       z.site_id,
       h.risk_id,
       h.change_no,
       h.changed_at,
       h.operation,
       h.status,
       h.treatment,
       h.inherent_score,
       h.residual_score,
       coalesce(h.residual_level, h.inherent_level) AS current_level,
       coalesce(h.residual_score, h.inherent_score) AS current_score,
       h.operation = 'insert'
         OR (h.operation = 'update'
             AND (h.likelihood, h.consequence, h.residual_likelihood, h.residual_consequence) IS DISTINCT FROM
                 (pg_catalog.lag(h.likelihood) OVER w, pg_catalog.lag(h.consequence) OVER w,
                  pg_catalog.lag(h.residual_likelihood) OVER w, pg_catalog.lag(h.residual_consequence) OVER w))
         AS is_assessment
FROM @extschema@.risk_register_history h
LEFT JOIN @extschema@.asset a ON a.organization_id = h.organization_id AND a.id = h.asset_id
LEFT JOIN @extschema@.zone z ON z.organization_id = h.organization_id AND z.id = coalesce(h.zone_id, a.zone_id)
WINDOW w AS (PARTITION BY h.organization_id, h.risk_id ORDER BY h.changed_at, h.change_no);
COMMENT ON VIEW @extschema@.risk_assessment_event IS
  'Every recorded state of every risk (risk_register_history) with the site it belongs to today and whether the change '
  'was an assessment: the risk''s recording or a change of its inherent or residual likelihood or consequence.';
COMMENT ON COLUMN @extschema@.risk_assessment_event.id IS 'History row identifier.';
COMMENT ON COLUMN @extschema@.risk_assessment_event.organization_id IS 'Owning organisation.';
COMMENT ON COLUMN @extschema@.risk_assessment_event.site_id IS 'Site of the risk''s zone (or its asset''s zone); NULL when the zone has no site.';
COMMENT ON COLUMN @extschema@.risk_assessment_event.risk_id IS 'The risk.';
COMMENT ON COLUMN @extschema@.risk_assessment_event.change_no IS 'Order of recording, breaking ties of equal times.';
COMMENT ON COLUMN @extschema@.risk_assessment_event.changed_at IS 'When the change took effect.';
COMMENT ON COLUMN @extschema@.risk_assessment_event.operation IS 'insert, update or delete.';
COMMENT ON COLUMN @extschema@.risk_assessment_event.status IS 'Status after the change.';
COMMENT ON COLUMN @extschema@.risk_assessment_event.treatment IS 'Treatment after the change.';
COMMENT ON COLUMN @extschema@.risk_assessment_event.inherent_score IS 'Inherent score after the change, as scored then.';
COMMENT ON COLUMN @extschema@.risk_assessment_event.residual_score IS 'Residual score after the change, as scored then.';
COMMENT ON COLUMN @extschema@.risk_assessment_event.current_level IS 'Residual level, else inherent level, after the change.';
COMMENT ON COLUMN @extschema@.risk_assessment_event.current_score IS 'Residual score, else inherent score, after the change.';
COMMENT ON COLUMN @extschema@.risk_assessment_event.is_assessment IS
  'True when the change recorded the risk or changed its inherent or residual likelihood or consequence.';

CREATE VIEW @extschema@.risk_kpis_monthly WITH (security_invoker = true) AS
WITH months AS (
  SELECT f.organization_id, m.month_start, m.month_end
  FROM (SELECT h.organization_id, pg_catalog.min(h.changed_at) AS first_change
        FROM @extschema@.risk_register_history h
        GROUP BY h.organization_id) f
  CROSS JOIN LATERAL @extschema@.utc_months(f.first_change) m
),
-- the history once, with sites and assessments marked (each month below reads it)
event AS MATERIALIZED (
  SELECT * FROM @extschema@.risk_assessment_event
),
-- the register at each month's end: every risk's last state before it, deleted ones left out
state AS (
  SELECT m.organization_id, m.month_start, x.site_id, x.status, x.treatment, x.inherent_score, x.residual_score,
         x.current_level, x.current_score
  FROM months m
  CROSS JOIN LATERAL (
    SELECT DISTINCT ON (e.risk_id) e.*
    FROM event e
    WHERE e.organization_id = m.organization_id AND e.changed_at < m.month_end
    ORDER BY e.risk_id, e.changed_at DESC, e.change_no DESC
  ) x
  WHERE x.operation <> 'delete'
),
register AS (
  SELECT s.organization_id, s.month_start, s.site_id, GROUPING(s.site_id) = 1 AS whole_organization,
         pg_catalog.count(*) FILTER (WHERE s.status <> 'closed') AS open_risks,
         pg_catalog.count(*) FILTER (WHERE s.status <> 'closed' AND s.residual_score IS NOT NULL) AS treated_risks,
         pg_catalog.avg((s.inherent_score - s.residual_score) / s.inherent_score)
           FILTER (WHERE s.status <> 'closed' AND s.residual_score IS NOT NULL AND s.inherent_score > 0) AS reduction,
         pg_catalog.avg(s.inherent_score) FILTER (WHERE s.status <> 'closed') AS mean_inherent,
         pg_catalog.avg(s.current_score) FILTER (WHERE s.status <> 'closed') AS mean_current,
         pg_catalog.count(*) FILTER (WHERE s.status <> 'closed' AND s.current_level = 'critical') AS critical_risks,
         pg_catalog.count(*) FILTER (WHERE s.status <> 'closed' AND s.current_level = 'high') AS high_risks,
         pg_catalog.count(*) FILTER (WHERE s.status <> 'closed' AND s.current_level = 'medium') AS medium_risks,
         pg_catalog.count(*) FILTER (WHERE s.status <> 'closed' AND s.current_level = 'low') AS low_risks,
         pg_catalog.count(*) FILTER (WHERE s.status <> 'closed' AND s.current_score > tol.tolerance_score) AS above_tolerance,
         pg_catalog.count(*) FILTER (WHERE s.status <> 'closed' AND s.current_score <= tol.appetite_score) AS within_appetite
  FROM state s
  LEFT JOIN @extschema@.risk_tolerance_setting tol ON tol.organization_id = s.organization_id
  GROUP BY GROUPING SETS ((s.organization_id, s.month_start), (s.organization_id, s.month_start, s.site_id))
),
activity AS (
  SELECT e.organization_id, e.month_start, e.site_id, GROUPING(e.site_id) = 1 AS whole_organization,
         pg_catalog.count(*) FILTER (WHERE e.is_assessment) AS assessments,
         pg_catalog.count(DISTINCT e.risk_id) FILTER (WHERE e.is_assessment) AS risks_assessed,
         pg_catalog.count(*) FILTER (WHERE e.operation = 'insert') AS new_risks
  FROM (SELECT x.*, (pg_catalog.date_trunc('month', x.changed_at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC') AS month_start
        FROM event x) e
  GROUP BY GROUPING SETS ((e.organization_id, e.month_start), (e.organization_id, e.month_start, e.site_id))
)
SELECT r.organization_id::text || '/' || coalesce(r.site_id::text, '*') || '/'
         || pg_catalog.to_char(r.month_start AT TIME ZONE 'UTC', 'YYYY-MM') AS id,
       r.organization_id,
       o.code AS organization_code,
       CASE WHEN r.whole_organization THEN 'organization' ELSE 'site' END AS scope,
       r.site_id,
       st.code AS site_code,
       r.month_start AS time,
       r.open_risks,
       coalesce(a.assessments, 0) AS assessments,
       coalesce(a.risks_assessed, 0) AS risks_assessed,
       coalesce(a.new_risks, 0) AS new_risks,
       r.treated_risks,
       pg_catalog.round(100 * r.reduction, 1)::numeric(5,1) AS treatment_effectiveness_percent,
       pg_catalog.round(r.mean_inherent, 2)::numeric(8,2) AS mean_inherent_score,
       pg_catalog.round(r.mean_current, 2)::numeric(8,2) AS mean_residual_score,
       r.critical_risks,
       r.high_risks,
       r.medium_risks,
       r.low_risks,
       r.above_tolerance,
       r.within_appetite
FROM register r
JOIN @extschema@.organization o ON o.id = r.organization_id
LEFT JOIN @extschema@.site st ON st.organization_id = r.organization_id AND st.id = r.site_id
LEFT JOIN activity a ON a.organization_id = r.organization_id AND a.month_start = r.month_start
                    AND a.whole_organization = r.whole_organization
                    AND coalesce(a.site_id, a.organization_id) = coalesce(r.site_id, r.organization_id)
WHERE r.whole_organization OR r.site_id IS NOT NULL;
COMMENT ON VIEW @extschema@.risk_kpis_monthly IS
  'Risk KPIs by UTC calendar month, for each organisation (scope organization) and each of its sites (scope site), '
  'from the recorded history: the register at the month''s end (residual risk levels, treatment effectiveness, '
  'appetite and tolerance as set today) and the assessments made during the month (assessment frequency).';
COMMENT ON COLUMN @extschema@.risk_kpis_monthly.id IS 'Organisation id / site id (* for the whole organisation) / month (YYYY-MM).';
COMMENT ON COLUMN @extschema@.risk_kpis_monthly.organization_id IS 'Owning organisation.';
COMMENT ON COLUMN @extschema@.risk_kpis_monthly.organization_code IS 'Organisation code.';
COMMENT ON COLUMN @extschema@.risk_kpis_monthly.scope IS 'organization (every risk of the organisation) or site (the risks of one site).';
COMMENT ON COLUMN @extschema@.risk_kpis_monthly.site_id IS 'The site (scope site); NULL for the whole organisation.';
COMMENT ON COLUMN @extschema@.risk_kpis_monthly.site_code IS 'Site code (scope site).';
COMMENT ON COLUMN @extschema@.risk_kpis_monthly.time IS 'Start of the month (UTC).';
COMMENT ON COLUMN @extschema@.risk_kpis_monthly.open_risks IS 'Risks not closed at the month''s end.';
COMMENT ON COLUMN @extschema@.risk_kpis_monthly.assessments IS
  'Risk assessments during the month: risks recorded plus changes of inherent or residual likelihood or consequence.';
COMMENT ON COLUMN @extschema@.risk_kpis_monthly.risks_assessed IS 'Distinct risks assessed during the month.';
COMMENT ON COLUMN @extschema@.risk_kpis_monthly.new_risks IS 'Risks recorded during the month.';
COMMENT ON COLUMN @extschema@.risk_kpis_monthly.treated_risks IS 'Open risks with an assessed residual risk at the month''s end.';
COMMENT ON COLUMN @extschema@.risk_kpis_monthly.treatment_effectiveness_percent IS
  'Mean reduction of the score from inherent to residual, in percent, over the open treated risks at the month''s end.';
COMMENT ON COLUMN @extschema@.risk_kpis_monthly.mean_inherent_score IS 'Mean inherent score of the open risks at the month''s end.';
COMMENT ON COLUMN @extschema@.risk_kpis_monthly.mean_residual_score IS
  'Mean current (residual, else inherent) score of the open risks at the month''s end: the residual risk level.';
COMMENT ON COLUMN @extschema@.risk_kpis_monthly.critical_risks IS 'Open risks whose current level was critical.';
COMMENT ON COLUMN @extschema@.risk_kpis_monthly.high_risks IS 'Open risks whose current level was high.';
COMMENT ON COLUMN @extschema@.risk_kpis_monthly.medium_risks IS 'Open risks whose current level was medium.';
COMMENT ON COLUMN @extschema@.risk_kpis_monthly.low_risks IS 'Open risks whose current level was low.';
COMMENT ON COLUMN @extschema@.risk_kpis_monthly.above_tolerance IS 'Open risks scoring above today''s tolerance.';
COMMENT ON COLUMN @extschema@.risk_kpis_monthly.within_appetite IS 'Open risks scoring within today''s appetite.';

CREATE VIEW @extschema@.risk_kpis_by_site WITH (security_invoker = true) AS
WITH coverage AS (
  -- critical assets per site, and which of them an open risk covers (one pass over the inventory)
  SELECT z.organization_id, z.site_id,
         pg_catalog.count(*) FILTER (WHERE e.effective_criticality >= 4) AS critical_assets,
         pg_catalog.count(*) FILTER (WHERE e.effective_criticality >= 4 AND EXISTS (
           SELECT 1 FROM @extschema@.risk_register_entry x
           WHERE x.organization_id = a.organization_id AND x.status <> 'closed'
             AND (x.asset_id = a.id OR x.zone_id = a.zone_id))) AS critical_assets_assessed
  FROM @extschema@.asset a
  JOIN @extschema@.zone z ON z.organization_id = a.organization_id AND z.id = a.zone_id
  JOIN @extschema@.lifecycle_state l ON l.code = a.lifecycle_state
  JOIN @extschema@.asset_effective_criticality e ON e.organization_id = a.organization_id AND e.id = a.id
  WHERE l.in_operation AND z.site_id IS NOT NULL
  GROUP BY z.organization_id, z.site_id
),
risks AS (
  SELECT st.id AS site_id,
         pg_catalog.count(*) FILTER (WHERE r.status <> 'closed') AS open_risks,
         pg_catalog.count(*) FILTER (WHERE r.status <> 'closed' AND r.residual_score IS NOT NULL) AS treated_risks,
         pg_catalog.avg((r.inherent_score - r.residual_score) / r.inherent_score)
           FILTER (WHERE r.status <> 'closed' AND r.residual_score IS NOT NULL AND r.inherent_score > 0) AS reduction,
         pg_catalog.avg(r.inherent_score) FILTER (WHERE r.status <> 'closed') AS mean_inherent,
         pg_catalog.avg(r.current_score) FILTER (WHERE r.status <> 'closed') AS mean_current,
         pg_catalog.count(*) FILTER (WHERE r.status <> 'closed' AND r.above_tolerance) AS above_tolerance,
         pg_catalog.count(*) FILTER (WHERE r.status <> 'closed' AND r.within_appetite) AS within_appetite,
         pg_catalog.count(*) FILTER (WHERE r.status <> 'closed' AND r.acceptance_expired) AS expired_acceptances
  FROM @extschema@.risk_register r
  JOIN @extschema@.site st ON st.organization_id = r.organization_id AND st.code = r.site_code
  GROUP BY st.id
),
assessed AS (
  -- assessment frequency: risks assessed (recorded, or likelihood or consequence changed) in 365 days
  SELECT e.site_id, pg_catalog.count(DISTINCT e.risk_id) AS risks_assessed, pg_catalog.count(*) AS assessments
  FROM @extschema@.risk_assessment_event e
  WHERE e.is_assessment AND e.changed_at > pg_catalog.now() - '365 days'::interval AND e.site_id IS NOT NULL
  GROUP BY e.site_id
)
SELECT st.id,
       st.organization_id,
       o.code AS organization_code,
       st.code AS site_code,
       st.name AS site,
       coalesce(r.open_risks, 0) AS open_risks,
       coalesce(c.critical_assets, 0) AS critical_assets,
       coalesce(c.critical_assets_assessed, 0) AS critical_assets_assessed,
       CASE WHEN c.critical_assets > 0
            THEN pg_catalog.round(100.0 * c.critical_assets_assessed / c.critical_assets, 1) END::numeric(5,1)
         AS assessment_coverage_percent,
       coalesce(r.treated_risks, 0) AS treated_risks,
       pg_catalog.round(100 * r.reduction, 1)::numeric(5,1) AS treatment_effectiveness_percent,
       pg_catalog.round(r.mean_inherent, 2)::numeric(8,2) AS mean_inherent_score,
       pg_catalog.round(r.mean_current, 2)::numeric(8,2) AS mean_residual_score,
       coalesce(r.above_tolerance, 0) AS above_tolerance,
       coalesce(r.within_appetite, 0) AS within_appetite,
       coalesce(r.expired_acceptances, 0) AS expired_acceptances,
       coalesce(x.risks_assessed, 0) AS risks_assessed_12_months,
       coalesce(x.assessments, 0) AS assessments_12_months
FROM @extschema@.site st
JOIN @extschema@.organization o ON o.id = st.organization_id
LEFT JOIN coverage c ON c.organization_id = st.organization_id AND c.site_id = st.id
LEFT JOIN risks r ON r.site_id = st.id
LEFT JOIN assessed x ON x.site_id = st.id;
COMMENT ON VIEW @extschema@.risk_kpis_by_site IS
  'Risk KPIs per site, as risk_kpis gives them per organisation: assessment coverage of critical assets, treatment '
  'effectiveness, inherent and residual levels, appetite and tolerance, expired acceptances.';
COMMENT ON COLUMN @extschema@.risk_kpis_by_site.id IS 'Site identifier.';
COMMENT ON COLUMN @extschema@.risk_kpis_by_site.organization_id IS 'Owning organisation.';
COMMENT ON COLUMN @extschema@.risk_kpis_by_site.organization_code IS 'Organisation code.';
COMMENT ON COLUMN @extschema@.risk_kpis_by_site.site_code IS 'Site code.';
COMMENT ON COLUMN @extschema@.risk_kpis_by_site.site IS 'Site name.';
COMMENT ON COLUMN @extschema@.risk_kpis_by_site.open_risks IS 'Open risks on the site''s zones and assets.';
COMMENT ON COLUMN @extschema@.risk_kpis_by_site.critical_assets IS 'Assets in operation on the site with effective criticality 4 or 5.';
COMMENT ON COLUMN @extschema@.risk_kpis_by_site.critical_assets_assessed IS 'Of those, covered by an open risk on the asset or its zone.';
COMMENT ON COLUMN @extschema@.risk_kpis_by_site.assessment_coverage_percent IS
  'Risk assessment coverage: critical_assets_assessed / critical_assets, in percent; NULL without critical assets.';
COMMENT ON COLUMN @extschema@.risk_kpis_by_site.treated_risks IS 'Open risks with an assessed residual risk.';
COMMENT ON COLUMN @extschema@.risk_kpis_by_site.treatment_effectiveness_percent IS
  'Mean reduction of the score from inherent to residual, in percent, over open risks with a residual.';
COMMENT ON COLUMN @extschema@.risk_kpis_by_site.mean_inherent_score IS 'Mean inherent score of the open risks.';
COMMENT ON COLUMN @extschema@.risk_kpis_by_site.mean_residual_score IS 'Mean current (residual, else inherent) score of the open risks.';
COMMENT ON COLUMN @extschema@.risk_kpis_by_site.above_tolerance IS 'Open risks above tolerance.';
COMMENT ON COLUMN @extschema@.risk_kpis_by_site.within_appetite IS 'Open risks within appetite.';
COMMENT ON COLUMN @extschema@.risk_kpis_by_site.expired_acceptances IS 'Open risks whose acceptance has expired.';
COMMENT ON COLUMN @extschema@.risk_kpis_by_site.risks_assessed_12_months IS
  'Risk assessment frequency: risks of the site assessed (recorded, or inherent or residual likelihood or consequence '
  'changed) in the last 365 days.';
COMMENT ON COLUMN @extschema@.risk_kpis_by_site.assessments_12_months IS 'Assessments of the site''s risks in the last 365 days.';

INSERT INTO @extschema@.object_access_class (object_name, object_class) VALUES
  ('risk_assessment_event', 'view'),
  ('risk_kpis_monthly', 'view'),
  ('risk_kpis_by_site', 'view');
