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

-- Organisations that existed before the upgrade get the settings 0.2.0 adds.
SELECT @extschema@.initialize_organization_settings(o.id) FROM @extschema@.organization o;

-- Every grant recorded before the upgrade covers the new objects and classes (300_access.sql).
SELECT @extschema@.reapply_access();
