-- Patch priority parameters as data: the shipped defaults, each organisation's copy, and the
-- seven-argument patch_priority/patch_decision that use the shipped defaults.

CREATE TABLE @extschema@.patch_priority_parameter_default (
  settings_profile       text PRIMARY KEY REFERENCES @extschema@.settings_profile (code),
  epss_poc_threshold     numeric(6,5) NOT NULL CHECK (epss_poc_threshold BETWEEN 0 AND 1),
  severity_weight        numeric(4,3) NOT NULL CHECK (severity_weight BETWEEN 0 AND 1),
  likelihood_weight      numeric(4,3) NOT NULL CHECK (likelihood_weight BETWEEN 0 AND 1),
  context_weight         numeric(4,3) NOT NULL CHECK (context_weight BETWEEN 0 AND 1),
  compensated_factor     numeric(4,3) NOT NULL CHECK (compensated_factor BETWEEN 0 AND 1),
  unknown_cvss_score     numeric(3,1) NOT NULL CHECK (unknown_cvss_score BETWEEN 0 AND 10),
  unknown_epss           numeric(6,5) NOT NULL CHECK (unknown_epss BETWEEN 0 AND 1),
  criticality_weight     numeric(4,3) NOT NULL CHECK (criticality_weight BETWEEN 0 AND 1),
  safety_weight          numeric(4,3) NOT NULL CHECK (safety_weight BETWEEN 0 AND 1),
  exposure_step_weight   numeric(4,3) NOT NULL CHECK (exposure_step_weight BETWEEN 0 AND 1),
  CONSTRAINT patch_priority_parameter_default_weights
    CHECK (severity_weight + likelihood_weight + context_weight <= 1
           AND criticality_weight + safety_weight + 2 * exposure_step_weight <= 1)
);
COMMENT ON TABLE @extschema@.patch_priority_parameter_default IS
  'Shipped catalogue: the patch priority weights and priors per settings profile (product defaults, see the README).';
COMMENT ON COLUMN @extschema@.patch_priority_parameter_default.settings_profile IS 'Settings profile.';
COMMENT ON COLUMN @extschema@.patch_priority_parameter_default.epss_poc_threshold IS 'EPSS at or above which exploitation counts as public poc.';
COMMENT ON COLUMN @extschema@.patch_priority_parameter_default.severity_weight IS 'Weight of the CVSS score / 10 in the ranking inside a band.';
COMMENT ON COLUMN @extschema@.patch_priority_parameter_default.likelihood_weight IS 'Weight of the exploitation likelihood (1 if KEV, else EPSS).';
COMMENT ON COLUMN @extschema@.patch_priority_parameter_default.context_weight IS 'Weight of the asset context.';
COMMENT ON COLUMN @extschema@.patch_priority_parameter_default.compensated_factor IS 'Factor on the ranking when compensating controls are in place.';
COMMENT ON COLUMN @extschema@.patch_priority_parameter_default.unknown_cvss_score IS 'CVSS score assumed for a vulnerability without a vector.';
COMMENT ON COLUMN @extschema@.patch_priority_parameter_default.unknown_epss IS 'EPSS assumed for ranking when it is unknown.';
COMMENT ON COLUMN @extschema@.patch_priority_parameter_default.criticality_weight IS 'Context term per (criticality - 1) / 4.';
COMMENT ON COLUMN @extschema@.patch_priority_parameter_default.safety_weight IS 'Context term when the asset is safety related.';
COMMENT ON COLUMN @extschema@.patch_priority_parameter_default.exposure_step_weight IS 'Context term per exposure step (small 0, controlled 1, open 2).';

INSERT INTO @extschema@.patch_priority_parameter_default VALUES
  ('default', 0.1, 0.4, 0.3, 0.3, 0.8, 7.0, 0.05, 0.5, 0.25, 0.125);

CREATE TABLE @extschema@.patch_priority_setting (
  organization_id      uuid NOT NULL UNIQUE REFERENCES @extschema@.organization (id),
  id                   uuid NOT NULL DEFAULT pg_catalog.gen_random_uuid(),
  epss_poc_threshold   numeric(6,5) NOT NULL CHECK (epss_poc_threshold BETWEEN 0 AND 1),
  severity_weight      numeric(4,3) NOT NULL CHECK (severity_weight BETWEEN 0 AND 1),
  likelihood_weight    numeric(4,3) NOT NULL CHECK (likelihood_weight BETWEEN 0 AND 1),
  context_weight       numeric(4,3) NOT NULL CHECK (context_weight BETWEEN 0 AND 1),
  compensated_factor   numeric(4,3) NOT NULL CHECK (compensated_factor BETWEEN 0 AND 1),
  unknown_cvss_score   numeric(3,1) NOT NULL CHECK (unknown_cvss_score BETWEEN 0 AND 10),
  unknown_epss         numeric(6,5) NOT NULL CHECK (unknown_epss BETWEEN 0 AND 1),
  criticality_weight   numeric(4,3) NOT NULL CHECK (criticality_weight BETWEEN 0 AND 1),
  safety_weight        numeric(4,3) NOT NULL CHECK (safety_weight BETWEEN 0 AND 1),
  exposure_step_weight numeric(4,3) NOT NULL CHECK (exposure_step_weight BETWEEN 0 AND 1),
  copied_from          text REFERENCES @extschema@.settings_profile (code),
  PRIMARY KEY (organization_id, id),
  CONSTRAINT patch_priority_setting_weights
    CHECK (severity_weight + likelihood_weight + context_weight <= 1
           AND criticality_weight + safety_weight + 2 * exposure_step_weight <= 1)
);
CREATE INDEX patch_priority_setting_copied_from_idx ON @extschema@.patch_priority_setting (copied_from);
COMMENT ON TABLE @extschema@.patch_priority_setting IS
  'An organisation''s patch priority weights and priors (copied from patch_priority_parameter_default, then its own).';
COMMENT ON COLUMN @extschema@.patch_priority_setting.organization_id IS 'The organisation (one row each).';
COMMENT ON COLUMN @extschema@.patch_priority_setting.id IS 'Identifier.';
COMMENT ON COLUMN @extschema@.patch_priority_setting.epss_poc_threshold IS 'EPSS at or above which exploitation counts as public poc.';
COMMENT ON COLUMN @extschema@.patch_priority_setting.severity_weight IS 'Weight of the CVSS score / 10.';
COMMENT ON COLUMN @extschema@.patch_priority_setting.likelihood_weight IS 'Weight of the exploitation likelihood.';
COMMENT ON COLUMN @extschema@.patch_priority_setting.context_weight IS 'Weight of the asset context.';
COMMENT ON COLUMN @extschema@.patch_priority_setting.compensated_factor IS 'Factor on the ranking with compensating controls.';
COMMENT ON COLUMN @extschema@.patch_priority_setting.unknown_cvss_score IS 'CVSS score assumed without a vector.';
COMMENT ON COLUMN @extschema@.patch_priority_setting.unknown_epss IS 'EPSS assumed for ranking when unknown.';
COMMENT ON COLUMN @extschema@.patch_priority_setting.criticality_weight IS 'Context term per (criticality - 1) / 4.';
COMMENT ON COLUMN @extschema@.patch_priority_setting.safety_weight IS 'Context term when safety related.';
COMMENT ON COLUMN @extschema@.patch_priority_setting.exposure_step_weight IS 'Context term per exposure step.';
COMMENT ON COLUMN @extschema@.patch_priority_setting.copied_from IS 'Settings profile the values were copied from.';

CREATE FUNCTION @extschema@.initialize_patch_priority_settings(organization_id uuid, profile text DEFAULT 'default')
RETURNS void
LANGUAGE plpgsql VOLATILE STRICT
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
  INSERT INTO @extschema@.patch_priority_setting
    (organization_id, epss_poc_threshold, severity_weight, likelihood_weight, context_weight, compensated_factor,
     unknown_cvss_score, unknown_epss, criticality_weight, safety_weight, exposure_step_weight, copied_from)
  SELECT initialize_patch_priority_settings.organization_id, d.epss_poc_threshold, d.severity_weight,
         d.likelihood_weight, d.context_weight, d.compensated_factor, d.unknown_cvss_score, d.unknown_epss,
         d.criticality_weight, d.safety_weight, d.exposure_step_weight, d.settings_profile
  FROM @extschema@.patch_priority_parameter_default d
  WHERE d.settings_profile = initialize_patch_priority_settings.profile
  ON CONFLICT DO NOTHING;
END
$$;
COMMENT ON FUNCTION @extschema@.initialize_patch_priority_settings(uuid, text) IS
  'Copies the shipped patch priority parameters of a profile to an organisation, unless it has its own already.';

CREATE FUNCTION @extschema@.patch_priority_parameters(organization_id uuid DEFAULT NULL)
RETURNS numeric[]
LANGUAGE sql STABLE PARALLEL SAFE
RETURN coalesce(
  (SELECT ARRAY[s.epss_poc_threshold, s.severity_weight, s.likelihood_weight, s.context_weight, s.compensated_factor,
                s.unknown_cvss_score, s.unknown_epss, s.criticality_weight, s.safety_weight, s.exposure_step_weight]
     FROM @extschema@.patch_priority_setting s WHERE s.organization_id = patch_priority_parameters.organization_id),
  (SELECT ARRAY[d.epss_poc_threshold, d.severity_weight, d.likelihood_weight, d.context_weight, d.compensated_factor,
                d.unknown_cvss_score, d.unknown_epss, d.criticality_weight, d.safety_weight, d.exposure_step_weight]
     FROM @extschema@.patch_priority_parameter_default d WHERE d.settings_profile = 'default'));
COMMENT ON FUNCTION @extschema@.patch_priority_parameters(uuid) IS
  'The ten patch priority parameters of an organisation (its patch_priority_setting), or the shipped defaults '
  'when NULL or without settings: EPSS threshold, severity, likelihood and context weights, compensated factor, '
  'unknown CVSS score, unknown EPSS, criticality, safety and exposure-step weights.';

-- The seven-argument forms use the shipped defaults; they are STABLE because they read them: C
-- functions that read patch_priority_parameters(NULL) once per call site (on the first call, with
-- SPI) and keep the parsed parameters for the rest of the query.
CREATE FUNCTION @extschema@.patch_priority(vuln @extschema@.cvss, epss numeric, kev boolean, criticality integer,
                                           safety_related boolean, exposure text, compensated boolean)
RETURNS numeric
AS 'MODULE_PATHNAME', 'patch_priority_default' LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.patch_priority(@extschema@.cvss, numeric, boolean, integer, boolean, text, boolean) IS
  'patch_priority with the shipped default parameters, read once per query (for an organisation''s, pass '
  'patch_priority_parameters(org)).';
CREATE FUNCTION @extschema@.patch_decision(vuln @extschema@.cvss, epss numeric, kev boolean, criticality integer,
                                           safety_related boolean, exposure text, compensated boolean)
RETURNS text
AS 'MODULE_PATHNAME', 'patch_decision_default' LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.patch_decision(@extschema@.cvss, numeric, boolean, integer, boolean, text, boolean) IS
  'patch_decision with the shipped default parameters, read once per query (for an organisation''s, pass '
  'patch_priority_parameters(org)).';

INSERT INTO @extschema@.object_access_class (object_name, object_class) VALUES
  ('patch_priority_parameter_default', 'catalog'),
  ('patch_priority_setting', 'program');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.patch_priority_setting', '');
