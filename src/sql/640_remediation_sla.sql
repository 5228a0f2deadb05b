-- Remediation SLAs (BRIEF 4.E, issue 5): days to remediate per priority band (the outcomes of
-- patch_decision: immediate, out-of-cycle, scheduled, defer) as data, due dates, and the SLA state
-- of a finding.  Also the organisation's remediation policy used by the exceptions of
-- 645_vulnerability_exception.sql.
--
-- Dates: a detection or resolution instant counts on its UTC date, so a due date does not depend
-- on the session's TimeZone (sites of one organisation can be in several zones).

CREATE TABLE @extschema@.remediation_sla_default (
  settings_profile text NOT NULL REFERENCES @extschema@.settings_profile (code),
  band             text NOT NULL REFERENCES @extschema@.patch_priority_band (code),
  days             integer NOT NULL CONSTRAINT remediation_sla_default_days CHECK (days BETWEEN 0 AND 3650),
  PRIMARY KEY (settings_profile, band)
);
COMMENT ON TABLE @extschema@.remediation_sla_default IS
  'Shipped catalogue: days to remediate a vulnerability per priority band (patch_decision outcome) and settings profile.  '
  'Product defaults (not from a standard): immediate 7, out-of-cycle 30, scheduled 90, defer 180 days.';
COMMENT ON COLUMN @extschema@.remediation_sla_default.settings_profile IS 'Settings profile.';
COMMENT ON COLUMN @extschema@.remediation_sla_default.band IS 'Priority band: immediate, out-of-cycle, scheduled or defer.';
COMMENT ON COLUMN @extschema@.remediation_sla_default.days IS 'Days from detection to the due date.';

INSERT INTO @extschema@.remediation_sla_default (settings_profile, band, days) VALUES
  ('default', 'immediate', 7), ('default', 'out-of-cycle', 30), ('default', 'scheduled', 90), ('default', 'defer', 180);

CREATE INDEX remediation_sla_default_band_idx ON @extschema@.remediation_sla_default (band);

CREATE TABLE @extschema@.remediation_policy_default (
  settings_profile        text PRIMARY KEY REFERENCES @extschema@.settings_profile (code),
  due_soon_days           integer NOT NULL CONSTRAINT remediation_policy_default_due_soon CHECK (due_soon_days BETWEEN 0 AND 365),
  exception_max_days      integer NOT NULL CONSTRAINT remediation_policy_default_max CHECK (exception_max_days BETWEEN 1 AND 3650),
  exception_expiring_days integer NOT NULL CONSTRAINT remediation_policy_default_expiring CHECK (exception_expiring_days BETWEEN 0 AND 365),
  exception_any_lifecycle boolean NOT NULL,
  description             text NOT NULL
);
COMMENT ON TABLE @extschema@.remediation_policy_default IS
  'Shipped catalogue: the remediation policy per settings profile (when a finding is due soon, how long an exception may run, '
  'which assets may have one).';
COMMENT ON COLUMN @extschema@.remediation_policy_default.settings_profile IS 'Settings profile.';
COMMENT ON COLUMN @extschema@.remediation_policy_default.due_soon_days IS 'An open finding is due_soon this many days before its due date.';
COMMENT ON COLUMN @extschema@.remediation_policy_default.exception_max_days IS 'Longest an approved exception may run (expires_on - decision date), in days.';
COMMENT ON COLUMN @extschema@.remediation_policy_default.exception_expiring_days IS 'An approved exception is listed as expiring this many days before it expires.';
COMMENT ON COLUMN @extschema@.remediation_policy_default.exception_any_lifecycle IS
  'True: exceptions may be approved for any asset; false: only for legacy, unsupported and end-of-life assets.';
COMMENT ON COLUMN @extschema@.remediation_policy_default.description IS 'Where the defaults come from.';

INSERT INTO @extschema@.remediation_policy_default VALUES
  ('default', 14, 365, 30, false,
   'Product defaults: due soon 14 days before the due date; exceptions (with compensating controls) only for legacy, '
   'unsupported and end-of-life assets, for at most one year, listed 30 days before they expire.');

CREATE TABLE @extschema@.remediation_sla_setting (
  organization_id uuid NOT NULL REFERENCES @extschema@.organization (id),
  id              uuid NOT NULL DEFAULT pg_catalog.gen_random_uuid(),
  band            text NOT NULL REFERENCES @extschema@.patch_priority_band (code),
  days            integer NOT NULL CONSTRAINT remediation_sla_setting_days CHECK (days BETWEEN 0 AND 3650),
  copied_from     text REFERENCES @extschema@.settings_profile (code),
  PRIMARY KEY (organization_id, id),
  UNIQUE (organization_id, band)
);
CREATE INDEX remediation_sla_setting_copied_from_idx ON @extschema@.remediation_sla_setting (copied_from);
CREATE INDEX remediation_sla_setting_band_idx ON @extschema@.remediation_sla_setting (band);
COMMENT ON TABLE @extschema@.remediation_sla_setting IS
  'An organisation''s remediation SLAs: days to remediate per priority band (copied from remediation_sla_default, then its own).';
COMMENT ON COLUMN @extschema@.remediation_sla_setting.organization_id IS 'The organisation.';
COMMENT ON COLUMN @extschema@.remediation_sla_setting.id IS 'Identifier.';
COMMENT ON COLUMN @extschema@.remediation_sla_setting.band IS 'Priority band: immediate, out-of-cycle, scheduled or defer.';
COMMENT ON COLUMN @extschema@.remediation_sla_setting.days IS 'Days from detection to the due date.';
COMMENT ON COLUMN @extschema@.remediation_sla_setting.copied_from IS 'Settings profile the value was copied from.';

CREATE TABLE @extschema@.remediation_policy_setting (
  organization_id         uuid NOT NULL UNIQUE REFERENCES @extschema@.organization (id),
  id                      uuid NOT NULL DEFAULT pg_catalog.gen_random_uuid(),
  due_soon_days           integer NOT NULL CONSTRAINT remediation_policy_setting_due_soon CHECK (due_soon_days BETWEEN 0 AND 365),
  exception_max_days      integer NOT NULL CONSTRAINT remediation_policy_setting_max CHECK (exception_max_days BETWEEN 1 AND 3650),
  exception_expiring_days integer NOT NULL CONSTRAINT remediation_policy_setting_expiring CHECK (exception_expiring_days BETWEEN 0 AND 365),
  exception_any_lifecycle boolean NOT NULL,
  copied_from             text REFERENCES @extschema@.settings_profile (code),
  PRIMARY KEY (organization_id, id)
);
CREATE INDEX remediation_policy_setting_copied_from_idx ON @extschema@.remediation_policy_setting (copied_from);
COMMENT ON TABLE @extschema@.remediation_policy_setting IS
  'An organisation''s remediation policy (copied from remediation_policy_default, then its own).';
COMMENT ON COLUMN @extschema@.remediation_policy_setting.organization_id IS 'The organisation (one row each).';
COMMENT ON COLUMN @extschema@.remediation_policy_setting.id IS 'Identifier.';
COMMENT ON COLUMN @extschema@.remediation_policy_setting.due_soon_days IS 'An open finding is due_soon this many days before its due date.';
COMMENT ON COLUMN @extschema@.remediation_policy_setting.exception_max_days IS 'Longest an approved exception may run, in days from its decision.';
COMMENT ON COLUMN @extschema@.remediation_policy_setting.exception_expiring_days IS 'Approved exceptions expiring within this many days are findings.';
COMMENT ON COLUMN @extschema@.remediation_policy_setting.exception_any_lifecycle IS
  'True: exceptions may be approved for any asset; false: only legacy, unsupported and end-of-life ones.';
COMMENT ON COLUMN @extschema@.remediation_policy_setting.copied_from IS 'Settings profile the values were copied from.';

CREATE FUNCTION @extschema@.initialize_remediation_settings(organization_id uuid, profile text DEFAULT 'default')
RETURNS void
LANGUAGE plpgsql VOLATILE STRICT
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
  INSERT INTO @extschema@.remediation_sla_setting (organization_id, band, days, copied_from)
  SELECT initialize_remediation_settings.organization_id, d.band, d.days, d.settings_profile
  FROM @extschema@.remediation_sla_default d
  WHERE d.settings_profile = initialize_remediation_settings.profile
  ON CONFLICT DO NOTHING;
  INSERT INTO @extschema@.remediation_policy_setting
    (organization_id, due_soon_days, exception_max_days, exception_expiring_days, exception_any_lifecycle, copied_from)
  SELECT initialize_remediation_settings.organization_id, d.due_soon_days, d.exception_max_days,
         d.exception_expiring_days, d.exception_any_lifecycle, d.settings_profile
  FROM @extschema@.remediation_policy_default d
  WHERE d.settings_profile = initialize_remediation_settings.profile
  ON CONFLICT DO NOTHING;
END
$$;
COMMENT ON FUNCTION @extschema@.initialize_remediation_settings(uuid, text) IS
  'Copies the shipped remediation SLAs and policy of a profile to an organisation, adding only what is missing '
  '(called by initialize_organization_settings).';

CREATE FUNCTION @extschema@.remediation_due_on(organization_id uuid, band text, detected_at timestamptz, kev_due_on date)
RETURNS date
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  sla_days integer;
BEGIN
  IF band IS NULL OR detected_at IS NULL THEN
    RETURN NULL;
  END IF;
  IF band NOT IN ('immediate', 'out-of-cycle', 'scheduled', 'defer') THEN
    RAISE EXCEPTION 'remediation_due_on: "%" is not a priority band (immediate, out-of-cycle, scheduled, defer)', band
      USING ERRCODE = 'invalid_parameter_value';
  END IF;
  IF NOT pg_catalog.isfinite(detected_at) THEN
    RAISE EXCEPTION 'remediation_due_on: detected_at % is not finite', detected_at
      USING ERRCODE = 'invalid_parameter_value';
  END IF;
  SELECT s.days INTO sla_days FROM @extschema@.remediation_sla_setting s
  WHERE s.organization_id = remediation_due_on.organization_id AND s.band = remediation_due_on.band;
  IF NOT FOUND THEN
    SELECT d.days INTO sla_days FROM @extschema@.remediation_sla_default d
    WHERE d.settings_profile = 'default' AND d.band = remediation_due_on.band;
  END IF;
  -- LEAST ignores a NULL KEV due date
  RETURN LEAST((detected_at AT TIME ZONE 'UTC')::date + sla_days, kev_due_on);
END
$$;
COMMENT ON FUNCTION @extschema@.remediation_due_on(uuid, text, timestamptz, date) IS
  'Remediation due date of a finding: the UTC date of detection plus the organisation''s SLA days for the band '
  '(remediation_sla_setting; the shipped defaults when the organisation has none or is NULL), or the CISA KEV due date '
  'when that is earlier.  NULL when band or detected_at is NULL; 22023 for an unknown band.';

CREATE FUNCTION @extschema@.remediation_sla_state(organization_id uuid, due_on date, resolved_at timestamptz, as_of timestamptz)
RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE
RETURN CASE
  WHEN due_on IS NULL OR as_of IS NULL THEN NULL
  WHEN resolved_at IS NOT NULL AND resolved_at <= as_of
    THEN CASE WHEN (resolved_at AT TIME ZONE 'UTC')::date <= due_on THEN 'met' ELSE 'missed' END
  WHEN (as_of AT TIME ZONE 'UTC')::date > due_on THEN 'overdue'
  WHEN (as_of AT TIME ZONE 'UTC')::date >= due_on - coalesce(
         (SELECT p.due_soon_days FROM @extschema@.remediation_policy_setting p WHERE p.organization_id = remediation_sla_state.organization_id),
         (SELECT d.due_soon_days FROM @extschema@.remediation_policy_default d WHERE d.settings_profile = 'default'))
    THEN 'due_soon'
  ELSE 'open'
END;
COMMENT ON FUNCTION @extschema@.remediation_sla_state(uuid, date, timestamptz, timestamptz) IS
  'SLA state of a finding at as_of: met or missed once resolved (resolved on or before the due date, by UTC date); '
  'while open at as_of: overdue after the due date, due_soon within the organisation''s due_soon_days before it '
  '(remediation_policy_setting), else open.  A resolution after as_of counts as open at as_of.  NULL without a due date.';

CREATE FUNCTION @extschema@.remediation_sla_state(due_on date, resolved_at timestamptz, as_of timestamptz)
RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE
RETURN @extschema@.remediation_sla_state(NULL::uuid, due_on, resolved_at, as_of);
COMMENT ON FUNCTION @extschema@.remediation_sla_state(date, timestamptz, timestamptz) IS
  'remediation_sla_state with the shipped default policy (for an organisation''s due_soon_days, pass its id first).';

INSERT INTO @extschema@.object_access_class (object_name, object_class) VALUES
  ('remediation_sla_default', 'catalog'),
  ('remediation_policy_default', 'catalog'),
  ('remediation_sla_setting', 'program'),
  ('remediation_policy_setting', 'program');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.remediation_sla_setting', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.remediation_policy_setting', '');
