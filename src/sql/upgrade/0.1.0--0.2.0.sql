-- Changes 0.2.0 makes to objects that 0.1.0 created (appended to the upgrade script after the
-- files new in 0.2.0).  The fresh install gets the same result from the edited source files;
-- test/shell/upgrade.sh checks that both catalogues are identical.

-- initialize_organization_settings also copies the scan coverage window (615_vulnerability_scan.sql),
-- the patch lifecycle settings (620_patch.sql) and the remediation SLAs and policy (640_remediation_sla.sql).
CREATE OR REPLACE FUNCTION @extschema@.initialize_organization_settings(organization_id uuid, profile text DEFAULT 'default')
RETURNS void
LANGUAGE plpgsql VOLATILE STRICT
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
  -- Only what is missing is copied: an organisation's own changes stay, and an upgrade that adds a
  -- setting can call this for every organisation to fill the new one in.
  INSERT INTO @extschema@.organization_settings (organization_id, settings_profile)
  VALUES (initialize_organization_settings.organization_id, profile)
  ON CONFLICT DO NOTHING;

  INSERT INTO @extschema@.zone_exposure_setting (organization_id, exposure, ssvc_system_exposure)
  SELECT initialize_organization_settings.organization_id, e.code, e.ssvc_system_exposure
  FROM @extschema@.zone_exposure e
  ON CONFLICT DO NOTHING;

  -- the risk matrix: a copy of the shipped default, unless one is already in use
  INSERT INTO @extschema@.organization_risk_matrix
    (organization_id, name, matrix, likelihood_labels, consequence_labels, copied_from, description)
  SELECT initialize_organization_settings.organization_id, d.name, d.matrix, d.likelihood_labels,
         d.consequence_labels, d.code, d.description
  FROM @extschema@.risk_matrix_default d
  WHERE d.code = initialize_organization_settings.profile
    AND NOT EXISTS (SELECT 1 FROM @extschema@.organization_settings s
                    WHERE s.organization_id = initialize_organization_settings.organization_id
                      AND s.risk_matrix_id IS NOT NULL)
  ON CONFLICT DO NOTHING;
  UPDATE @extschema@.organization_settings s SET risk_matrix_id = m.id
  FROM @extschema@.organization_risk_matrix m
  JOIN @extschema@.risk_matrix_default d ON d.code = initialize_organization_settings.profile AND d.name = m.name
  WHERE s.organization_id = initialize_organization_settings.organization_id
    AND m.organization_id = s.organization_id
    AND s.risk_matrix_id IS NULL;

  -- supplier assessment criteria, starter questions and risk thresholds (500_supplier.sql)
  PERFORM @extschema@.initialize_supplier_settings(initialize_organization_settings.organization_id);
  -- risk appetite and tolerance (510_risk.sql)
  PERFORM @extschema@.initialize_risk_settings(initialize_organization_settings.organization_id);
  -- patch priority weights and priors (340_patch_priority_parameter.sql)
  PERFORM @extschema@.initialize_patch_priority_settings(initialize_organization_settings.organization_id, profile);
  -- deployment environments and approval routes of the patch lifecycle (620_patch.sql)
  PERFORM @extschema@.initialize_patch_lifecycle_settings(initialize_organization_settings.organization_id, profile);
  -- remediation SLAs and policy (640_remediation_sla.sql)
  PERFORM @extschema@.initialize_remediation_settings(initialize_organization_settings.organization_id, profile);
  -- scan coverage window (615_vulnerability_scan.sql)
  PERFORM @extschema@.initialize_vulnerability_settings(initialize_organization_settings.organization_id);
END
$$;
-- patch_priority/patch_decision with the shipped defaults: C functions reading the defaults once
-- per call site instead of SQL wrappers reading them at every row (340_patch_priority_parameter.sql).
CREATE OR REPLACE FUNCTION @extschema@.patch_priority(vuln @extschema@.cvss, epss numeric, kev boolean, criticality integer,
                                           safety_related boolean, exposure text, compensated boolean)
RETURNS numeric
AS 'MODULE_PATHNAME', 'patch_priority_default' LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.patch_priority(@extschema@.cvss, numeric, boolean, integer, boolean, text, boolean) IS
  'patch_priority with the shipped default parameters, read once per query (for an organisation''s, pass '
  'patch_priority_parameters(org)).';
CREATE OR REPLACE FUNCTION @extschema@.patch_decision(vuln @extschema@.cvss, epss numeric, kev boolean, criticality integer,
                                           safety_related boolean, exposure text, compensated boolean)
RETURNS text
AS 'MODULE_PATHNAME', 'patch_decision_default' LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.patch_decision(@extschema@.cvss, numeric, boolean, integer, boolean, text, boolean) IS
  'patch_decision with the shipped default parameters, read once per query (for an organisation''s, pass '
  'patch_priority_parameters(org)).';

-- ssvc_exploitation: the default EPSS threshold comes from data (180_ssvc.sql).
-- Not STRICT: a missing feed value is no evidence, so a CVE without an EPSS score still gets a word.
-- EPSS is the probability of exploitation activity in the next 30 days; the cut-off is data: a NULL
-- (default) epss_threshold is the shipped patch priority parameter epss_poc_threshold
-- (patch_priority_parameter_default, 0.1; see the README for why), the one patch_priority uses.
-- STABLE because it reads that catalogue; an explicit threshold reads nothing.
CREATE OR REPLACE FUNCTION @extschema@.ssvc_exploitation(kev boolean, epss numeric, poc_known boolean DEFAULT false,
                                              epss_threshold numeric DEFAULT NULL) RETURNS text
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  threshold numeric := epss_threshold;
BEGIN
  IF threshold IS NULL THEN
    SELECT d.epss_poc_threshold INTO threshold
    FROM @extschema@.patch_priority_parameter_default d WHERE d.settings_profile = 'default';
    IF threshold IS NULL THEN
      RAISE EXCEPTION 'the shipped EPSS threshold is missing'
        USING ERRCODE = '42704', DETAIL = 'patch_priority_parameter_default has no row for settings profile "default".';
    END IF;
  ELSIF NOT (threshold >= 0 AND threshold <= 1) THEN
    RAISE EXCEPTION 'epss_threshold % is not a probability', threshold
      USING ERRCODE = '22023', DETAIL = 'The threshold lies within 0 and 1; NULL means the shipped one.';
  END IF;
  IF NOT (epss >= 0 AND epss <= 1) THEN      -- NaN sorts above 1, so it is refused too
    RAISE EXCEPTION 'epss % is not a probability', epss
      USING ERRCODE = '22023', DETAIL = 'An EPSS score lies within 0 and 1.';
  END IF;
  IF kev THEN
    RETURN 'active';
  ELSIF poc_known OR epss >= threshold THEN
    RETURN 'public poc';
  END IF;
  RETURN 'none';
END
$$;
COMMENT ON FUNCTION @extschema@.ssvc_exploitation(boolean, numeric, boolean, numeric) IS
  'SSVC exploitation from the feeds: active when listed in CISA KEV; public poc when a proof of concept is known '
  'or the EPSS probability is at least epss_threshold (NULL, the default: the shipped epss_poc_threshold of '
  'patch_priority_parameter_default, 0.1; an organisation''s: (patch_priority_parameters(org))[1]); else none.  '
  'NULL kev, epss or poc_known count as no evidence; epss or epss_threshold outside 0..1 is 22023.';

-- patch_priority ranks v3.0 and v2.0 vectors by a monotone rule (195_patch_priority.sql).
COMMENT ON FUNCTION @extschema@.patch_priority(@extschema@.cvss, numeric, boolean, integer, boolean, text, boolean, numeric[]) IS
  'Patch priority 0..100 (one decimal): 25 x the SSVC deployer decision''s rank (defer 0 .. immediate 3) plus up to 25 '
  'from CVSS score, exploitation likelihood (KEV, EPSS) and asset context.  Not STRICT: an unknown cvss or epss '
  'is scored by the documented rule (unknown is not zero); apply the asset''s requirements first with cvss_with_requirements. '
  'The CVSS score ranks by a rule that never drops when a metric gets more severe: cvss_score, except that a v3.0 '
  'vector is scored with the v3.1 formulas (FIRST''s correction of the v3.0 environmental formula) and a v2.0 '
  'environmental score counts a negative AdjustedBaseScore as 0.  '
  'parameters: the ten numbers patch_priority_parameters() returns (the shipped defaults or an organisation''s).';

-- sl_vector binary form with a layout byte (160_sl_vector.sql; the C functions keep their names).
COMMENT ON FUNCTION @extschema@.sl_vector_recv(internal) IS
  'Binary input of type sl_vector: 8 bytes, layout 1 then the levels of FR1..FR7, validated as strictly as text '
  'input; the 4-byte packed form of release 0.1.0 is still read.';
COMMENT ON FUNCTION @extschema@.sl_vector_send(@extschema@.sl_vector) IS
  'Binary output of type sl_vector: 8 bytes, a layout byte (1) then the levels of FR1..FR7, one byte each.';

-- A back-dated deletion of a risk may not precede its last recorded change (510_risk.sql).
CREATE OR REPLACE FUNCTION @extschema@.risk_register_entry_record()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  r @extschema@.risk_register_entry;
  m @extschema@.risk_matrix;
  ts timestamptz := @extschema@.risk_change_time();
  who text := coalesce(NULLIF(pg_catalog.current_setting('iec62443p2.changed_by', true), ''), CURRENT_USER::text);
BEGIN
  IF TG_OP = 'DELETE' THEN
    r := OLD;
    -- history is written in time order: a back-dated deletion may not precede the risk's last change
    IF ts < (SELECT pg_catalog.max(h.changed_at) FROM @extschema@.risk_register_history h
             WHERE h.organization_id = OLD.organization_id AND h.risk_id = OLD.id) THEN
      RAISE EXCEPTION 'risk_register_entry %: deletion time % is before the risk''s last recorded change', OLD.code, ts
        USING ERRCODE = 'invalid_parameter_value', HINT = 'Import the changes of a risk in time order.';
    END IF;
  ELSE
    r := NEW;
  END IF;
  IF TG_OP = 'UPDATE'
     AND (OLD.code, OLD.title, OLD.asset_id, OLD.zone_id, OLD.threat_id, OLD.likelihood, OLD.consequence,
          OLD.residual_likelihood, OLD.residual_consequence, OLD.owner_id, OLD.treatment, OLD.status,
          OLD.accepted_by, OLD.accepted_on, OLD.acceptance_expires_on)
         IS NOT DISTINCT FROM
         (NEW.code, NEW.title, NEW.asset_id, NEW.zone_id, NEW.threat_id, NEW.likelihood, NEW.consequence,
          NEW.residual_likelihood, NEW.residual_consequence, NEW.owner_id, NEW.treatment, NEW.status,
          NEW.accepted_by, NEW.accepted_on, NEW.acceptance_expires_on) THEN
    RETURN NULL;   -- only descriptive text changed
  END IF;
  m := @extschema@.organization_risk_matrix(r.organization_id);
  INSERT INTO @extschema@.risk_register_history
    (organization_id, risk_id, changed_at, changed_by, operation, code, title, asset_id, zone_id, threat_id,
     likelihood, consequence, inherent_level, inherent_score, residual_likelihood, residual_consequence,
     residual_level, residual_score, owner_id, treatment, status, accepted_by, accepted_on, acceptance_expires_on)
  VALUES
    (r.organization_id, r.id, ts, who, pg_catalog.lower(TG_OP), r.code, r.title, r.asset_id, r.zone_id, r.threat_id,
     r.likelihood, r.consequence,
     @extschema@.risk_level(r.likelihood, r.consequence, m), @extschema@.risk_score(r.likelihood, r.consequence, m),
     r.residual_likelihood, r.residual_consequence,
     @extschema@.risk_level(r.residual_likelihood, r.residual_consequence, m),
     @extschema@.risk_score(r.residual_likelihood, r.residual_consequence, m),
     r.owner_id, r.treatment, r.status, r.accepted_by, r.accepted_on, r.acceptance_expires_on);
  RETURN NULL;
END
$$;
COMMENT ON FUNCTION @extschema@.risk_register_entry_record() IS
  'Trigger function: records the risk''s state after every insert, delete and update of a recorded field '
  '(scores, treatment, owner, status, acceptance, target, threat, code, title) in risk_register_history; a deletion '
  'dated before the risk''s last recorded change is refused (22023).';

-- risk_kpis: organisations chosen before computing, coverage in one pass over the inventory,
-- treatment effectiveness over open risks as per site and per month (520_risk_views.sql).
CREATE OR REPLACE VIEW @extschema@.risk_kpis WITH (security_invoker = true) AS
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
COMMENT ON COLUMN @extschema@.risk_kpis.treatment_effectiveness_percent IS
  'Treatment effectiveness: mean reduction of the score from inherent to residual, in percent, over open risks with a residual.';

-- Organisations that existed before the upgrade get the settings 0.2.0 adds.
SELECT @extschema@.initialize_organization_settings(o.id) FROM @extschema@.organization o;

-- Every grant recorded before the upgrade covers the new objects and classes (300_access.sql).
SELECT @extschema@.reapply_access();
