-- Risk views (the BI contract): the register with levels as text and scores as numeric(8,2),
-- risks above tolerance, acceptance findings, the change log with old and new values, the
-- monthly trend, and zones short of their security-level target per foundational requirement.

CREATE VIEW @extschema@.risk_register WITH (security_invoker = true) AS
SELECT r.id,
       r.organization_id,
       o.code AS organization_code,
       r.code,
       r.title,
       CASE WHEN r.asset_id IS NOT NULL THEN 'asset' ELSE 'zone' END AS target_kind,
       a.tag AS asset_tag,
       a.name AS asset_name,
       z.name AS zone,
       st.code AS site_code,
       t.code AS threat_code,
       t.name AS threat,
       tc.label AS threat_category,
       r.vulnerability,
       CASE WHEN r.asset_id IS NOT NULL THEN @extschema@.asset_effective_criticality(r.organization_id, r.asset_id)
            ELSE (SELECT pg_catalog.max(@extschema@.asset_effective_criticality(x.organization_id, x.id))
                  FROM @extschema@.asset x JOIN @extschema@.lifecycle_state l ON l.code = x.lifecycle_state
                  WHERE x.organization_id = r.organization_id AND x.zone_id = r.zone_id AND l.in_operation)
       END AS effective_criticality,
       r.likelihood,
       r.consequence,
       sc.inherent_level,
       sc.inherent_score,
       r.controls,
       r.residual_likelihood,
       r.residual_consequence,
       sc.residual_level,
       sc.residual_score,
       coalesce(sc.residual_level, sc.inherent_level) AS current_level,
       coalesce(sc.residual_score, sc.inherent_score) AS current_score,
       tol.appetite_score,
       tol.tolerance_score,
       coalesce(sc.residual_score, sc.inherent_score) <= tol.appetite_score AS within_appetite,
       coalesce(sc.residual_score, sc.inherent_score) > tol.tolerance_score AS above_tolerance,
       r.treatment,
       r.status,
       ow.full_name AS owner,
       ap.full_name AS accepted_by,
       r.accepted_on,
       r.acceptance_expires_on,
       coalesce(r.treatment = 'accept' AND r.acceptance_expires_on <= CURRENT_DATE, false) AS acceptance_expired,
       r.review_due_on,
       r.created_at,
       r.updated_at
FROM @extschema@.risk_register_entry r
JOIN @extschema@.organization o ON o.id = r.organization_id
LEFT JOIN @extschema@.asset a ON a.organization_id = r.organization_id AND a.id = r.asset_id
LEFT JOIN @extschema@.zone z ON z.organization_id = r.organization_id AND z.id = coalesce(r.zone_id, a.zone_id)
LEFT JOIN @extschema@.site st ON st.organization_id = z.organization_id AND st.id = z.site_id
LEFT JOIN @extschema@.threat t ON t.organization_id = r.organization_id AND t.id = r.threat_id
LEFT JOIN @extschema@.threat_category tc ON tc.code = t.category
LEFT JOIN @extschema@.person ow ON ow.organization_id = r.organization_id AND ow.id = r.owner_id
LEFT JOIN @extschema@.person ap ON ap.organization_id = r.organization_id AND ap.id = r.accepted_by
LEFT JOIN @extschema@.risk_tolerance_setting tol ON tol.organization_id = r.organization_id
CROSS JOIN LATERAL (
  SELECT @extschema@.organization_risk_matrix(r.organization_id) AS matrix
) mx
CROSS JOIN LATERAL (
  SELECT @extschema@.risk_level(r.likelihood, r.consequence, mx.matrix) AS inherent_level,
         @extschema@.risk_score(r.likelihood, r.consequence, mx.matrix)::numeric(8,2) AS inherent_score,
         @extschema@.risk_level(r.residual_likelihood, r.residual_consequence, mx.matrix) AS residual_level,
         @extschema@.risk_score(r.residual_likelihood, r.residual_consequence, mx.matrix)::numeric(8,2) AS residual_score
) sc;
COMMENT ON VIEW @extschema@.risk_register IS
  'One row per risk: target, threat, inherent and residual risk scored with the organisation''s risk matrix in use, '
  'appetite and tolerance, treatment, owner and acceptance.';
COMMENT ON COLUMN @extschema@.risk_register.id IS 'Risk identifier.';
COMMENT ON COLUMN @extschema@.risk_register.organization_id IS 'Owning organisation.';
COMMENT ON COLUMN @extschema@.risk_register.organization_code IS 'Organisation code.';
COMMENT ON COLUMN @extschema@.risk_register.code IS 'Risk code.';
COMMENT ON COLUMN @extschema@.risk_register.title IS 'Short statement of the risk.';
COMMENT ON COLUMN @extschema@.risk_register.target_kind IS 'asset or zone: what the risk is recorded on.';
COMMENT ON COLUMN @extschema@.risk_register.asset_tag IS 'Tag of the asset at risk; NULL for a zone risk.';
COMMENT ON COLUMN @extschema@.risk_register.asset_name IS 'Name of the asset at risk.';
COMMENT ON COLUMN @extschema@.risk_register.zone IS 'The zone at risk, or the zone of the asset at risk.';
COMMENT ON COLUMN @extschema@.risk_register.site_code IS 'Code of that zone''s site.';
COMMENT ON COLUMN @extschema@.risk_register.threat_code IS 'Threat code.';
COMMENT ON COLUMN @extschema@.risk_register.threat IS 'Threat name.';
COMMENT ON COLUMN @extschema@.risk_register.threat_category IS 'Threat category name.';
COMMENT ON COLUMN @extschema@.risk_register.vulnerability IS 'The weakness exploited, in words.';
COMMENT ON COLUMN @extschema@.risk_register.effective_criticality IS
  'Effective criticality (inherited along asset dependencies) of the asset, or the highest of the zone''s assets in operation.';
COMMENT ON COLUMN @extschema@.risk_register.likelihood IS 'Inherent likelihood.';
COMMENT ON COLUMN @extschema@.risk_register.consequence IS 'Inherent consequence.';
COMMENT ON COLUMN @extschema@.risk_register.inherent_level IS 'Inherent risk level (low, medium, high, critical) from the matrix in use.';
COMMENT ON COLUMN @extschema@.risk_register.inherent_score IS 'Inherent risk score from the matrix in use.';
COMMENT ON COLUMN @extschema@.risk_register.controls IS 'Controls reducing the risk.';
COMMENT ON COLUMN @extschema@.risk_register.residual_likelihood IS 'Likelihood with the controls; NULL while not assessed.';
COMMENT ON COLUMN @extschema@.risk_register.residual_consequence IS 'Consequence with the controls; NULL while not assessed.';
COMMENT ON COLUMN @extschema@.risk_register.residual_level IS 'Residual risk level; NULL while not assessed.';
COMMENT ON COLUMN @extschema@.risk_register.residual_score IS 'Residual risk score; NULL while not assessed.';
COMMENT ON COLUMN @extschema@.risk_register.current_level IS 'Residual level where assessed, else the inherent level.';
COMMENT ON COLUMN @extschema@.risk_register.current_score IS 'Residual score where assessed, else the inherent score.';
COMMENT ON COLUMN @extschema@.risk_register.appetite_score IS 'The organisation''s risk appetite (score).';
COMMENT ON COLUMN @extschema@.risk_register.tolerance_score IS 'The organisation''s risk tolerance (score).';
COMMENT ON COLUMN @extschema@.risk_register.within_appetite IS 'Current score at most the appetite.';
COMMENT ON COLUMN @extschema@.risk_register.above_tolerance IS 'Current score above the tolerance.';
COMMENT ON COLUMN @extschema@.risk_register.treatment IS 'avoid, reduce, transfer or accept; NULL while undecided.';
COMMENT ON COLUMN @extschema@.risk_register.status IS 'open, in_treatment, monitoring or closed.';
COMMENT ON COLUMN @extschema@.risk_register.owner IS 'Name of the risk owner.';
COMMENT ON COLUMN @extschema@.risk_register.accepted_by IS 'Name of the person who approved the acceptance.';
COMMENT ON COLUMN @extschema@.risk_register.accepted_on IS 'Date of the acceptance.';
COMMENT ON COLUMN @extschema@.risk_register.acceptance_expires_on IS 'Date the acceptance expires.';
COMMENT ON COLUMN @extschema@.risk_register.acceptance_expired IS 'An acceptance whose expiry date has come (today or earlier).';
COMMENT ON COLUMN @extschema@.risk_register.review_due_on IS 'Next planned review.';
COMMENT ON COLUMN @extschema@.risk_register.created_at IS 'When the risk was recorded.';
COMMENT ON COLUMN @extschema@.risk_register.updated_at IS 'When the risk was last changed.';

CREATE VIEW @extschema@.risks_above_tolerance WITH (security_invoker = true) AS
SELECT r.id,
       r.organization_id,
       r.organization_code,
       r.code,
       r.title,
       r.asset_tag,
       r.zone,
       r.site_code,
       r.effective_criticality,
       r.current_level,
       r.current_score,
       r.tolerance_score,
       (r.current_score - r.tolerance_score)::numeric(8,2) AS excess_score,
       r.treatment,
       r.status,
       r.owner,
       r.acceptance_expires_on,
       r.acceptance_expired
FROM @extschema@.risk_register r
WHERE r.above_tolerance AND r.status <> 'closed';
COMMENT ON VIEW @extschema@.risks_above_tolerance IS
  'Risks not closed whose current (residual, else inherent) score is above the organisation''s tolerance.';
COMMENT ON COLUMN @extschema@.risks_above_tolerance.id IS 'Risk identifier.';
COMMENT ON COLUMN @extschema@.risks_above_tolerance.organization_id IS 'Owning organisation.';
COMMENT ON COLUMN @extschema@.risks_above_tolerance.organization_code IS 'Organisation code.';
COMMENT ON COLUMN @extschema@.risks_above_tolerance.code IS 'Risk code.';
COMMENT ON COLUMN @extschema@.risks_above_tolerance.title IS 'Short statement of the risk.';
COMMENT ON COLUMN @extschema@.risks_above_tolerance.asset_tag IS 'Tag of the asset at risk; NULL for a zone risk.';
COMMENT ON COLUMN @extschema@.risks_above_tolerance.zone IS 'The zone at risk, or the asset''s zone.';
COMMENT ON COLUMN @extschema@.risks_above_tolerance.site_code IS 'Site code of that zone.';
COMMENT ON COLUMN @extschema@.risks_above_tolerance.effective_criticality IS 'Effective criticality of the asset or zone.';
COMMENT ON COLUMN @extschema@.risks_above_tolerance.current_level IS 'Current risk level.';
COMMENT ON COLUMN @extschema@.risks_above_tolerance.current_score IS 'Current risk score.';
COMMENT ON COLUMN @extschema@.risks_above_tolerance.tolerance_score IS 'The organisation''s tolerance.';
COMMENT ON COLUMN @extschema@.risks_above_tolerance.excess_score IS 'How far the current score exceeds the tolerance.';
COMMENT ON COLUMN @extschema@.risks_above_tolerance.treatment IS 'Treatment decided, if any.';
COMMENT ON COLUMN @extschema@.risks_above_tolerance.status IS 'Status.';
COMMENT ON COLUMN @extschema@.risks_above_tolerance.owner IS 'Risk owner.';
COMMENT ON COLUMN @extschema@.risks_above_tolerance.acceptance_expires_on IS 'Acceptance expiry, for an accepted risk.';
COMMENT ON COLUMN @extschema@.risks_above_tolerance.acceptance_expired IS 'The acceptance has expired.';

CREATE VIEW @extschema@.risk_acceptance_findings WITH (security_invoker = true) AS
SELECT r.id,
       r.organization_id,
       o.code AS organization_code,
       r.code,
       r.title,
       CASE WHEN r.acceptance_expires_on <= CURRENT_DATE THEN 'expired' ELSE 'expiring' END AS finding,
       r.accepted_on,
       r.acceptance_expires_on,
       (CURRENT_DATE - r.acceptance_expires_on) AS days_past_expiry,
       ap.full_name AS accepted_by,
       ow.full_name AS owner
FROM @extschema@.risk_register_entry r
JOIN @extschema@.organization o ON o.id = r.organization_id
LEFT JOIN @extschema@.person ap ON ap.organization_id = r.organization_id AND ap.id = r.accepted_by
LEFT JOIN @extschema@.person ow ON ow.organization_id = r.organization_id AND ow.id = r.owner_id
WHERE r.treatment = 'accept' AND r.status <> 'closed' AND r.acceptance_expires_on <= CURRENT_DATE + 30;
COMMENT ON VIEW @extschema@.risk_acceptance_findings IS
  'Findings on risk acceptances of risks not closed: expired (expiry date today or earlier) or expiring within 30 days.';
COMMENT ON COLUMN @extschema@.risk_acceptance_findings.id IS 'Risk identifier.';
COMMENT ON COLUMN @extschema@.risk_acceptance_findings.organization_id IS 'Owning organisation.';
COMMENT ON COLUMN @extschema@.risk_acceptance_findings.organization_code IS 'Organisation code.';
COMMENT ON COLUMN @extschema@.risk_acceptance_findings.code IS 'Risk code.';
COMMENT ON COLUMN @extschema@.risk_acceptance_findings.title IS 'Short statement of the risk.';
COMMENT ON COLUMN @extschema@.risk_acceptance_findings.finding IS 'expired or expiring (within 30 days).';
COMMENT ON COLUMN @extschema@.risk_acceptance_findings.accepted_on IS 'Date of the acceptance.';
COMMENT ON COLUMN @extschema@.risk_acceptance_findings.acceptance_expires_on IS 'Date the acceptance expires.';
COMMENT ON COLUMN @extschema@.risk_acceptance_findings.days_past_expiry IS 'Days since expiry (negative: days left).';
COMMENT ON COLUMN @extschema@.risk_acceptance_findings.accepted_by IS 'Who approved the acceptance.';
COMMENT ON COLUMN @extschema@.risk_acceptance_findings.owner IS 'Risk owner.';

CREATE VIEW @extschema@.risk_register_change WITH (security_invoker = true) AS
SELECT h.id,
       h.organization_id,
       h.risk_id,
       h.code,
       h.changed_at,
       h.changed_by,
       h.operation,
       p.inherent_score AS old_inherent_score,
       h.inherent_score AS new_inherent_score,
       p.residual_score AS old_residual_score,
       h.residual_score AS new_residual_score,
       p.treatment AS old_treatment,
       h.treatment AS new_treatment,
       po.full_name AS old_owner,
       ho.full_name AS new_owner,
       p.status AS old_status,
       h.status AS new_status,
       p.acceptance_expires_on AS old_acceptance_expires_on,
       h.acceptance_expires_on AS new_acceptance_expires_on
FROM @extschema@.risk_register_history h
LEFT JOIN LATERAL (
  SELECT x.* FROM @extschema@.risk_register_history x
  WHERE x.organization_id = h.organization_id AND x.risk_id = h.risk_id
    AND (x.changed_at, x.change_no) < (h.changed_at, h.change_no)
  ORDER BY x.changed_at DESC, x.change_no DESC
  LIMIT 1
) p ON true
LEFT JOIN @extschema@.person po ON po.organization_id = p.organization_id AND po.id = p.owner_id
LEFT JOIN @extschema@.person ho ON ho.organization_id = h.organization_id AND ho.id = h.owner_id;
COMMENT ON VIEW @extschema@.risk_register_change IS
  'One row per recorded change of a risk: who, when, and the old and new score, treatment, owner, status and acceptance expiry.';
COMMENT ON COLUMN @extschema@.risk_register_change.id IS 'History row identifier.';
COMMENT ON COLUMN @extschema@.risk_register_change.organization_id IS 'Owning organisation.';
COMMENT ON COLUMN @extschema@.risk_register_change.risk_id IS 'The risk.';
COMMENT ON COLUMN @extschema@.risk_register_change.code IS 'Risk code after the change.';
COMMENT ON COLUMN @extschema@.risk_register_change.changed_at IS 'When the change took effect.';
COMMENT ON COLUMN @extschema@.risk_register_change.changed_by IS 'Who made it.';
COMMENT ON COLUMN @extschema@.risk_register_change.operation IS 'insert, update or delete.';
COMMENT ON COLUMN @extschema@.risk_register_change.old_inherent_score IS 'Inherent score before (NULL for an insert).';
COMMENT ON COLUMN @extschema@.risk_register_change.new_inherent_score IS 'Inherent score after.';
COMMENT ON COLUMN @extschema@.risk_register_change.old_residual_score IS 'Residual score before.';
COMMENT ON COLUMN @extschema@.risk_register_change.new_residual_score IS 'Residual score after.';
COMMENT ON COLUMN @extschema@.risk_register_change.old_treatment IS 'Treatment before.';
COMMENT ON COLUMN @extschema@.risk_register_change.new_treatment IS 'Treatment after.';
COMMENT ON COLUMN @extschema@.risk_register_change.old_owner IS 'Owner before.';
COMMENT ON COLUMN @extschema@.risk_register_change.new_owner IS 'Owner after.';
COMMENT ON COLUMN @extschema@.risk_register_change.old_status IS 'Status before.';
COMMENT ON COLUMN @extschema@.risk_register_change.new_status IS 'Status after.';
COMMENT ON COLUMN @extschema@.risk_register_change.old_acceptance_expires_on IS 'Acceptance expiry before.';
COMMENT ON COLUMN @extschema@.risk_register_change.new_acceptance_expires_on IS 'Acceptance expiry after.';

-- Months are UTC calendar months from the organisation's first recorded change to the current one;
-- each month is read at its end (the start of the next) with risk_register_as_of's rule.
CREATE VIEW @extschema@.risk_trend_monthly WITH (security_invoker = true) AS
WITH months AS (
  SELECT f.organization_id,
         ((f.first_month + pg_catalog.make_interval(months => k.k)) AT TIME ZONE 'UTC') AS month_start,
         ((f.first_month + pg_catalog.make_interval(months => k.k + 1)) AT TIME ZONE 'UTC') AS month_end
  FROM (SELECT h.organization_id,
               pg_catalog.date_trunc('month', pg_catalog.min(h.changed_at) AT TIME ZONE 'UTC') AS first_month
        FROM @extschema@.risk_register_history h
        GROUP BY h.organization_id) f
  CROSS JOIN LATERAL pg_catalog.generate_series(0,
      ((pg_catalog.date_part('year', pg_catalog.now() AT TIME ZONE 'UTC') - pg_catalog.date_part('year', f.first_month)) * 12
       + pg_catalog.date_part('month', pg_catalog.now() AT TIME ZONE 'UTC') - pg_catalog.date_part('month', f.first_month))::integer) AS k(k)
)
SELECT m.organization_id::text || '/' || pg_catalog.to_char(m.month_start AT TIME ZONE 'UTC', 'YYYY-MM') AS id,
       m.organization_id,
       o.code AS organization_code,
       m.month_start AS time,
       s.risks,
       s.open_risks,
       s.critical_risks,
       s.high_risks,
       s.medium_risks,
       s.low_risks,
       s.mean_current_score,
       s.above_tolerance,
       s.accepted_risks,
       c.new_risks,
       c.changes
FROM months m
JOIN @extschema@.organization o ON o.id = m.organization_id
LEFT JOIN @extschema@.risk_tolerance_setting tol ON tol.organization_id = m.organization_id
CROSS JOIN LATERAL (
  SELECT pg_catalog.count(*) AS risks,
         pg_catalog.count(*) FILTER (WHERE x.status <> 'closed') AS open_risks,
         pg_catalog.count(*) FILTER (WHERE x.status <> 'closed' AND x.current_level = 'critical') AS critical_risks,
         pg_catalog.count(*) FILTER (WHERE x.status <> 'closed' AND x.current_level = 'high') AS high_risks,
         pg_catalog.count(*) FILTER (WHERE x.status <> 'closed' AND x.current_level = 'medium') AS medium_risks,
         pg_catalog.count(*) FILTER (WHERE x.status <> 'closed' AND x.current_level = 'low') AS low_risks,
         pg_catalog.round(pg_catalog.avg(x.current_score) FILTER (WHERE x.status <> 'closed'), 2)::numeric(8,2) AS mean_current_score,
         pg_catalog.count(*) FILTER (WHERE x.status <> 'closed' AND x.current_score > tol.tolerance_score) AS above_tolerance,
         pg_catalog.count(*) FILTER (WHERE x.status <> 'closed' AND x.treatment = 'accept') AS accepted_risks
  FROM (SELECT DISTINCT ON (h.risk_id) h.status, h.treatment, h.operation,
               coalesce(h.residual_level, h.inherent_level) AS current_level,
               coalesce(h.residual_score, h.inherent_score) AS current_score
        FROM @extschema@.risk_register_history h
        WHERE h.organization_id = m.organization_id AND h.changed_at < m.month_end
        ORDER BY h.risk_id, h.changed_at DESC, h.change_no DESC) x
  WHERE x.operation <> 'delete'
) s
CROSS JOIN LATERAL (
  SELECT pg_catalog.count(*) FILTER (WHERE h.operation = 'insert') AS new_risks,
         pg_catalog.count(*) AS changes
  FROM @extschema@.risk_register_history h
  WHERE h.organization_id = m.organization_id AND h.changed_at >= m.month_start AND h.changed_at < m.month_end
) c;
COMMENT ON VIEW @extschema@.risk_trend_monthly IS
  'Risk trend: per organisation and UTC calendar month, the register as it stood at the month''s end (from the history) '
  'and the changes made during the month; above_tolerance uses today''s tolerance.';
COMMENT ON COLUMN @extschema@.risk_trend_monthly.id IS 'Organisation id / month (YYYY-MM).';
COMMENT ON COLUMN @extschema@.risk_trend_monthly.organization_id IS 'Owning organisation.';
COMMENT ON COLUMN @extschema@.risk_trend_monthly.organization_code IS 'Organisation code.';
COMMENT ON COLUMN @extschema@.risk_trend_monthly.time IS 'Start of the month (UTC).';
COMMENT ON COLUMN @extschema@.risk_trend_monthly.risks IS 'Risks in the register at the month''s end, closed ones included.';
COMMENT ON COLUMN @extschema@.risk_trend_monthly.open_risks IS 'Of those, not closed.';
COMMENT ON COLUMN @extschema@.risk_trend_monthly.critical_risks IS 'Open risks whose current level was critical.';
COMMENT ON COLUMN @extschema@.risk_trend_monthly.high_risks IS 'Open risks whose current level was high.';
COMMENT ON COLUMN @extschema@.risk_trend_monthly.medium_risks IS 'Open risks whose current level was medium.';
COMMENT ON COLUMN @extschema@.risk_trend_monthly.low_risks IS 'Open risks whose current level was low.';
COMMENT ON COLUMN @extschema@.risk_trend_monthly.mean_current_score IS 'Mean current (residual, else inherent) score of the open risks.';
COMMENT ON COLUMN @extschema@.risk_trend_monthly.above_tolerance IS 'Open risks scoring above today''s tolerance.';
COMMENT ON COLUMN @extschema@.risk_trend_monthly.accepted_risks IS 'Open risks treated by acceptance.';
COMMENT ON COLUMN @extschema@.risk_trend_monthly.new_risks IS 'Risks recorded during the month.';
COMMENT ON COLUMN @extschema@.risk_trend_monthly.changes IS 'Recorded changes (inserts, updates, deletes) during the month.';

CREATE VIEW @extschema@.zone_security_level_gap WITH (security_invoker = true) AS
SELECT z.id::text || '/' || f.fr AS id,
       z.id AS zone_id,
       z.organization_id,
       o.code AS organization_code,
       s.code AS site_code,
       z.name AS zone,
       z.exposure,
       f.fr_number,
       f.fr,
       f.fr_code,
       f.fr_name,
       @extschema@.sl_fr(z.sl_target, f.fr) AS sl_target,
       @extschema@.sl_fr(z.sl_achieved, f.fr) AS sl_achieved,
       -- GREATEST ignores NULLs: an SL-A not yet assessed must give NULL, not 0
       CASE WHEN z.sl_achieved IS NOT NULL
            THEN GREATEST(@extschema@.sl_fr(z.sl_target, f.fr) - @extschema@.sl_fr(z.sl_achieved, f.fr), 0) END AS shortfall,
       @extschema@.sl_fr(z.sl_achieved, f.fr) >= @extschema@.sl_fr(z.sl_target, f.fr) AS meets_target
FROM @extschema@.zone z
JOIN @extschema@.organization o ON o.id = z.organization_id
LEFT JOIN @extschema@.site s ON s.organization_id = z.organization_id AND s.id = z.site_id
CROSS JOIN (VALUES
  (1, 'FR1', 'IAC', 'Identification and authentication control'),
  (2, 'FR2', 'UC', 'Use control'),
  (3, 'FR3', 'SI', 'System integrity'),
  (4, 'FR4', 'DC', 'Data confidentiality'),
  (5, 'FR5', 'RDF', 'Restricted data flow'),
  (6, 'FR6', 'TRE', 'Timely response to events'),
  (7, 'FR7', 'RA', 'Resource availability')
) AS f (fr_number, fr, fr_code, fr_name)
WHERE z.sl_target IS NOT NULL;
COMMENT ON VIEW @extschema@.zone_security_level_gap IS
  'One row per zone with a target and foundational requirement: SL-T, SL-A and the shortfall (zones short of target '
  'on an FR have shortfall > 0; SL-A not yet assessed gives NULL).';
COMMENT ON COLUMN @extschema@.zone_security_level_gap.id IS 'Zone id / FR (e.g. ...-.../FR3).';
COMMENT ON COLUMN @extschema@.zone_security_level_gap.zone_id IS 'Zone identifier.';
COMMENT ON COLUMN @extschema@.zone_security_level_gap.organization_id IS 'Owning organisation.';
COMMENT ON COLUMN @extschema@.zone_security_level_gap.organization_code IS 'Organisation code.';
COMMENT ON COLUMN @extschema@.zone_security_level_gap.site_code IS 'Site code; NULL for a zone spanning sites.';
COMMENT ON COLUMN @extschema@.zone_security_level_gap.zone IS 'Zone name.';
COMMENT ON COLUMN @extschema@.zone_security_level_gap.exposure IS 'Exposure class of the zone.';
COMMENT ON COLUMN @extschema@.zone_security_level_gap.fr_number IS 'Foundational requirement number 1..7.';
COMMENT ON COLUMN @extschema@.zone_security_level_gap.fr IS 'FR1..FR7.';
COMMENT ON COLUMN @extschema@.zone_security_level_gap.fr_code IS 'IAC, UC, SI, DC, RDF, TRE or RA.';
COMMENT ON COLUMN @extschema@.zone_security_level_gap.fr_name IS 'Name of the foundational requirement.';
COMMENT ON COLUMN @extschema@.zone_security_level_gap.sl_target IS 'Target level SL-T on this FR (0..4).';
COMMENT ON COLUMN @extschema@.zone_security_level_gap.sl_achieved IS 'Achieved level SL-A on this FR; NULL until assessed.';
COMMENT ON COLUMN @extschema@.zone_security_level_gap.shortfall IS 'Levels SL-A falls short of SL-T (0 where met); NULL until assessed.';
COMMENT ON COLUMN @extschema@.zone_security_level_gap.meets_target IS 'SL-A reaches SL-T on this FR; NULL until assessed.';

INSERT INTO @extschema@.object_access_class (object_name, object_class, reader_hidden_columns) VALUES
  ('threat_category', 'catalog', '{}'),
  ('threat', 'program', '{}'),
  ('risk_tolerance_default', 'catalog', '{}'),
  ('risk_tolerance_setting', 'program', '{}'),
  ('risk_register_entry', 'program', '{}'),
  ('risk_register_history', 'history', '{}'),
  ('risk_register', 'view', '{}'),
  ('risks_above_tolerance', 'view', '{}'),
  ('risk_acceptance_findings', 'view', '{}'),
  ('risk_register_change', 'view', '{}'),
  ('risk_trend_monthly', 'view', '{}'),
  ('zone_security_level_gap', 'view', '{}');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.threat', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.risk_tolerance_setting', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.risk_register_entry', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.risk_register_history', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.risk_register_history_change_no_seq', '');

-- The seed's risk metrics per organisation, computed from the register and its history.
CREATE VIEW @extschema@.risk_kpis WITH (security_invoker = true) AS
WITH coverage AS (
  -- critical assets per organisation and which an open risk covers: one pass over the inventory
  SELECT a.organization_id,
         pg_catalog.count(*) FILTER (WHERE e.effective_criticality >= 4) AS critical_assets,
         pg_catalog.count(*) FILTER (WHERE e.effective_criticality >= 4 AND EXISTS (
           SELECT 1 FROM @extschema@.risk_register_entry x
           WHERE x.organization_id = a.organization_id AND x.status <> 'closed'
             AND (x.asset_id = a.id OR x.zone_id = a.zone_id))) AS critical_assets_assessed
  FROM @extschema@.asset_effective_criticality e
  JOIN @extschema@.asset a ON a.organization_id = e.organization_id AND a.id = e.id
  JOIN @extschema@.lifecycle_state l ON l.code = a.lifecycle_state
  WHERE l.in_operation
  GROUP BY a.organization_id
)
SELECT o.id,
       o.code AS organization_code,
       r.risks,
       r.open_risks,
       coalesce(c.critical_assets, 0) AS critical_assets,
       coalesce(c.critical_assets_assessed, 0) AS critical_assets_assessed,
       CASE WHEN c.critical_assets > 0
            THEN pg_catalog.round(100.0 * c.critical_assets_assessed / c.critical_assets, 1) END::numeric(5,1)
         AS assessment_coverage_percent,
       h.risks_reviewed_12_months,
       CASE WHEN r.open_risks > 0
            THEN pg_catalog.round(100.0 * h.open_risks_reviewed_12_months / r.open_risks, 1) END::numeric(5,1)
         AS reviewed_12_months_percent,
       r.treated_risks,
       r.treatment_effectiveness_percent,
       r.mean_inherent_score,
       r.mean_residual_score,
       r.above_tolerance,
       r.within_appetite,
       r.expired_acceptances
FROM @extschema@.organization o
CROSS JOIN LATERAL (
  SELECT pg_catalog.count(*) AS risks,
         pg_catalog.count(*) FILTER (WHERE x.status <> 'closed') AS open_risks,
         pg_catalog.count(*) FILTER (WHERE x.status <> 'closed' AND x.residual_score IS NOT NULL) AS treated_risks,
         pg_catalog.round(100 * pg_catalog.avg((x.inherent_score - x.residual_score) / x.inherent_score)
                          FILTER (WHERE x.status <> 'closed' AND x.residual_score IS NOT NULL AND x.inherent_score > 0), 1)::numeric(5,1)
           AS treatment_effectiveness_percent,
         pg_catalog.round(pg_catalog.avg(x.inherent_score) FILTER (WHERE x.status <> 'closed'), 2)::numeric(8,2) AS mean_inherent_score,
         pg_catalog.round(pg_catalog.avg(x.current_score) FILTER (WHERE x.status <> 'closed'), 2)::numeric(8,2) AS mean_residual_score,
         pg_catalog.count(*) FILTER (WHERE x.status <> 'closed' AND x.above_tolerance) AS above_tolerance,
         pg_catalog.count(*) FILTER (WHERE x.status <> 'closed' AND x.within_appetite) AS within_appetite,
         pg_catalog.count(*) FILTER (WHERE x.status <> 'closed' AND x.acceptance_expired) AS expired_acceptances
  FROM @extschema@.risk_register x
  WHERE x.organization_id = o.id
) r
LEFT JOIN coverage c ON c.organization_id = o.id
CROSS JOIN LATERAL (
  SELECT pg_catalog.count(DISTINCT y.risk_id) AS risks_reviewed_12_months,
         pg_catalog.count(DISTINCT y.risk_id) FILTER (WHERE x.status <> 'closed') AS open_risks_reviewed_12_months
  FROM @extschema@.risk_register_history y
  LEFT JOIN @extschema@.risk_register_entry x ON x.organization_id = y.organization_id AND x.id = y.risk_id
  WHERE y.organization_id = o.id AND y.changed_at > pg_catalog.now() - '365 days'::interval
) h
-- asset owners and any organisation with risks, chosen before anything is computed for them
WHERE EXISTS (SELECT 1 FROM @extschema@.organization_role ro WHERE ro.organization_id = o.id AND ro.role = 'asset_owner')
   OR EXISTS (SELECT 1 FROM @extschema@.risk_register_entry x WHERE x.organization_id = o.id);
COMMENT ON VIEW @extschema@.risk_kpis IS
  'Risk metrics per organisation (asset owners and any organisation with risks): assessment coverage and frequency, '
  'treatment effectiveness, inherent and residual levels, appetite and tolerance, expired acceptances.';
COMMENT ON COLUMN @extschema@.risk_kpis.id IS 'Organisation identifier.';
COMMENT ON COLUMN @extschema@.risk_kpis.organization_code IS 'Organisation code.';
COMMENT ON COLUMN @extschema@.risk_kpis.risks IS 'Risks in the register, closed ones included.';
COMMENT ON COLUMN @extschema@.risk_kpis.open_risks IS 'Risks not closed.';
COMMENT ON COLUMN @extschema@.risk_kpis.critical_assets IS 'Assets in operation with effective criticality 4 or 5.';
COMMENT ON COLUMN @extschema@.risk_kpis.critical_assets_assessed IS
  'Of those, covered by an open risk on the asset or on its zone.';
COMMENT ON COLUMN @extschema@.risk_kpis.assessment_coverage_percent IS
  'Risk assessment coverage: critical_assets_assessed / critical_assets, in percent; NULL without critical assets.';
COMMENT ON COLUMN @extschema@.risk_kpis.risks_reviewed_12_months IS 'Risks recorded or changed in the last 365 days (assessment frequency).';
COMMENT ON COLUMN @extschema@.risk_kpis.reviewed_12_months_percent IS 'Open risks recorded or changed in the last 365 days, in percent of open risks.';
COMMENT ON COLUMN @extschema@.risk_kpis.treated_risks IS 'Open risks with an assessed residual risk.';
COMMENT ON COLUMN @extschema@.risk_kpis.treatment_effectiveness_percent IS
  'Treatment effectiveness: mean reduction of the score from inherent to residual, in percent, over open risks with a residual.';
COMMENT ON COLUMN @extschema@.risk_kpis.mean_inherent_score IS 'Mean inherent score of the open risks.';
COMMENT ON COLUMN @extschema@.risk_kpis.mean_residual_score IS 'Mean current (residual, else inherent) score of the open risks: the residual risk level.';
COMMENT ON COLUMN @extschema@.risk_kpis.above_tolerance IS 'Open risks above tolerance.';
COMMENT ON COLUMN @extschema@.risk_kpis.within_appetite IS 'Open risks within appetite.';
COMMENT ON COLUMN @extschema@.risk_kpis.expired_acceptances IS 'Open risks whose acceptance has expired.';

INSERT INTO @extschema@.object_access_class (object_name, object_class, reader_hidden_columns) VALUES
  ('risk_kpis', 'view', '{}');
