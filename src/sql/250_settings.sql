-- Each organisation's settings are program data, initialised by copying a shipped default
-- (settings_profile) when the organisation is created; organization_settings records which one.
-- Later capabilities add their settings here (risk matrix, weights, thresholds, SLAs).

CREATE TABLE @extschema@.organization_settings (
  organization_id  uuid NOT NULL UNIQUE REFERENCES @extschema@.organization (id),
  id               uuid NOT NULL DEFAULT pg_catalog.gen_random_uuid(),
  settings_profile text NOT NULL REFERENCES @extschema@.settings_profile (code),
  initialized_at   timestamptz NOT NULL DEFAULT pg_catalog.now(),
  -- foreign key (organization_id, risk_matrix_id) to organization_risk_matrix: 330_risk_matrix_tables.sql
  risk_matrix_id   uuid,
  PRIMARY KEY (organization_id, id)
);
CREATE INDEX organization_settings_profile_idx ON @extschema@.organization_settings (settings_profile);
COMMENT ON TABLE @extschema@.organization_settings IS
  'One row per organisation: which shipped settings profile its own settings were copied from.';
COMMENT ON COLUMN @extschema@.organization_settings.organization_id IS 'The organisation (one row each).';
COMMENT ON COLUMN @extschema@.organization_settings.id IS 'Identifier.';
COMMENT ON COLUMN @extschema@.organization_settings.settings_profile IS 'Shipped profile the settings were initialised from.';
COMMENT ON COLUMN @extschema@.organization_settings.initialized_at IS 'When the settings were copied.';
COMMENT ON COLUMN @extschema@.organization_settings.risk_matrix_id IS
  'The organisation''s risk matrix in use (organization_risk_matrix.id), initially its copy of the shipped default.';

CREATE TABLE @extschema@.zone_exposure_setting (
  organization_id      uuid NOT NULL REFERENCES @extschema@.organization (id),
  id                   uuid NOT NULL DEFAULT pg_catalog.gen_random_uuid(),
  exposure             text NOT NULL REFERENCES @extschema@.zone_exposure (code),
  ssvc_system_exposure text NOT NULL
                       CONSTRAINT zone_exposure_setting_ssvc CHECK (ssvc_system_exposure IN ('small', 'controlled', 'open')),
  PRIMARY KEY (organization_id, id),
  UNIQUE (organization_id, exposure)
);
CREATE INDEX zone_exposure_setting_exposure_idx ON @extschema@.zone_exposure_setting (exposure);
COMMENT ON TABLE @extschema@.zone_exposure_setting IS
  'An organisation''s mapping from zone exposure to SSVC system exposure (copied from zone_exposure, then its own).';
COMMENT ON COLUMN @extschema@.zone_exposure_setting.organization_id IS 'The organisation.';
COMMENT ON COLUMN @extschema@.zone_exposure_setting.id IS 'Identifier.';
COMMENT ON COLUMN @extschema@.zone_exposure_setting.exposure IS 'Zone exposure class.';
COMMENT ON COLUMN @extschema@.zone_exposure_setting.ssvc_system_exposure IS 'SSVC system exposure used for assets in such zones.';

CREATE FUNCTION @extschema@.initialize_organization_settings(organization_id uuid, profile text DEFAULT 'default')
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
COMMENT ON FUNCTION @extschema@.initialize_organization_settings(uuid, text) IS
  'Copies the shipped defaults of a settings profile into an organisation''s own settings, adding only what is missing.';

CREATE FUNCTION @extschema@.organization_after_insert()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
  PERFORM @extschema@.initialize_organization_settings(NEW.id);
  RETURN NULL;
END
$$;
COMMENT ON FUNCTION @extschema@.organization_after_insert() IS
  'Trigger function: gives a new organisation its own copy of the default settings.';

-- An ordinary trigger: a restore with session_replication_role = replica does not fire it, so the
-- dumped settings rows are restored as they were.
CREATE TRIGGER organization_initialize_settings AFTER INSERT ON @extschema@.organization
  FOR EACH ROW EXECUTE FUNCTION @extschema@.organization_after_insert();
