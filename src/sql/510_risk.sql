-- Risk management (BRIEF 4.D, issue 5 "Risk"): threats, the risk register on assets and zones,
-- inherent and residual risk from the organisation's risk matrix, treatment and acceptance,
-- appetite and tolerance, and the full history of every risk with "as of" answers.
--
-- Scoring: the register stores likelihood and consequence (inherent and residual); levels and
-- scores are computed by the views from the organisation's risk matrix in use
-- (organization_settings.risk_matrix_id), so changing the matrix re-scores the register.  The
-- history keeps, for every change, the state of the risk after it with the scores computed at
-- that moment, so the past stays as it was scored then.

CREATE TABLE @extschema@.threat_category (
  code        text PRIMARY KEY CONSTRAINT threat_category_code_format CHECK (code ~ '^[a-z][a-z0-9_]{0,31}$'),
  label       text NOT NULL UNIQUE,
  description text NOT NULL
);
COMMENT ON TABLE @extschema@.threat_category IS
  'Shipped catalogue: categories of threats to an IACS (product wording, no normative text).';
COMMENT ON COLUMN @extschema@.threat_category.code IS 'Category code used by threat.category.';
COMMENT ON COLUMN @extschema@.threat_category.label IS 'Category name.';
COMMENT ON COLUMN @extschema@.threat_category.description IS 'What the category covers.';

INSERT INTO @extschema@.threat_category (code, label, description) VALUES
  ('malware', 'Malware', 'Malicious code reaching the IACS: worms, ransomware, ICS-specific malware, infected removable media.'),
  ('remote_access', 'Unauthorised remote access', 'Abuse of remote access paths: VPNs, vendor gateways, exposed services, stolen credentials.'),
  ('insider', 'Insider', 'Deliberate or careless actions of staff, contractors or service providers with legitimate access.'),
  ('supply_chain', 'Supply chain', 'Compromised products, updates, integrators or service providers.'),
  ('unpatched_vulnerability', 'Unpatched vulnerability', 'Exploitation of known vulnerabilities not yet remediated.'),
  ('denial_of_service', 'Denial of service', 'Loss of availability of networks, controllers or servers by flooding or crashing them.'),
  ('manipulation', 'Manipulation of control', 'Unauthorised changes to logic, set points, commands or process data.'),
  ('loss_of_view', 'Loss of view', 'Operators lose visibility of the process (HMI, historian, telemetry).'),
  ('physical', 'Physical', 'Physical access, theft, tampering, damage to equipment or cabling.'),
  ('social_engineering', 'Social engineering', 'Phishing and pretexting aimed at operators, engineers or support staff.'),
  ('misconfiguration', 'Misconfiguration', 'Weak configuration: default passwords, open ports, flat networks, missing hardening.'),
  ('obsolescence', 'Obsolescence', 'Unsupported or end-of-life products that no longer receive fixes.');

CREATE TABLE @extschema@.threat (
  organization_id uuid NOT NULL REFERENCES @extschema@.organization (id),
  id              uuid NOT NULL DEFAULT pg_catalog.gen_random_uuid(),
  code            text NOT NULL CONSTRAINT threat_code_format CHECK (code ~ '^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}$'),
  name            text NOT NULL CONSTRAINT threat_name_not_blank CHECK (pg_catalog.btrim(name) <> ''),
  category        text NOT NULL REFERENCES @extschema@.threat_category (code),
  description     text,
  created_at      timestamptz NOT NULL DEFAULT pg_catalog.now(),
  PRIMARY KEY (organization_id, id),
  UNIQUE (organization_id, code)
);
CREATE INDEX threat_category_idx ON @extschema@.threat (category);
COMMENT ON TABLE @extschema@.threat IS 'An organisation''s threats (threat scenarios), each in a shipped category.';
COMMENT ON COLUMN @extschema@.threat.organization_id IS 'Owning organisation.';
COMMENT ON COLUMN @extschema@.threat.id IS 'Identifier.';
COMMENT ON COLUMN @extschema@.threat.code IS 'Short code, unique within the organisation, e.g. T-RA-01.';
COMMENT ON COLUMN @extschema@.threat.name IS 'Threat name.';
COMMENT ON COLUMN @extschema@.threat.category IS 'Category (threat_category.code).';
COMMENT ON COLUMN @extschema@.threat.description IS 'The threat scenario.';
COMMENT ON COLUMN @extschema@.threat.created_at IS 'When the row was created.';

-- Appetite and tolerance: shipped defaults per settings profile, an organisation's own copy.
CREATE TABLE @extschema@.risk_tolerance_default (
  settings_profile    text PRIMARY KEY REFERENCES @extschema@.settings_profile (code),
  appetite_score      numeric(8,2) NOT NULL,
  tolerance_score     numeric(8,2) NOT NULL,
  max_acceptance_days integer NOT NULL CONSTRAINT risk_tolerance_default_acceptance CHECK (max_acceptance_days > 0),
  description         text NOT NULL,
  CONSTRAINT risk_tolerance_default_order CHECK (appetite_score <= tolerance_score)
);
COMMENT ON TABLE @extschema@.risk_tolerance_default IS
  'Shipped catalogue: default risk appetite and tolerance (scores of the default risk matrix) per settings profile.';
COMMENT ON COLUMN @extschema@.risk_tolerance_default.settings_profile IS 'Settings profile.';
COMMENT ON COLUMN @extschema@.risk_tolerance_default.appetite_score IS 'Risks scoring at most this are within appetite.';
COMMENT ON COLUMN @extschema@.risk_tolerance_default.tolerance_score IS 'Risks scoring above this are above tolerance and must be treated.';
COMMENT ON COLUMN @extschema@.risk_tolerance_default.max_acceptance_days IS 'Longest a risk acceptance may run before it is reviewed.';
COMMENT ON COLUMN @extschema@.risk_tolerance_default.description IS 'Where the defaults come from.';

INSERT INTO @extschema@.risk_tolerance_default (settings_profile, appetite_score, tolerance_score, max_acceptance_days, description) VALUES
  ('default', 4, 9, 365,
   'Product default for the 5x5 default matrix: low risks (score 1-4) are within appetite, medium risks (5-9) are '
   'tolerated while treated or accepted, high and critical risks (10 and more) are above tolerance; an acceptance '
   'runs at most one year.');

CREATE TABLE @extschema@.risk_tolerance_setting (
  organization_id     uuid NOT NULL UNIQUE REFERENCES @extschema@.organization (id),
  id                  uuid NOT NULL DEFAULT pg_catalog.gen_random_uuid(),
  appetite_score      numeric(8,2) NOT NULL,
  tolerance_score     numeric(8,2) NOT NULL,
  max_acceptance_days integer NOT NULL CONSTRAINT risk_tolerance_setting_acceptance CHECK (max_acceptance_days > 0),
  copied_from         text REFERENCES @extschema@.risk_tolerance_default (settings_profile),
  PRIMARY KEY (organization_id, id),
  CONSTRAINT risk_tolerance_setting_order CHECK (appetite_score <= tolerance_score)
);
CREATE INDEX risk_tolerance_setting_copied_from_idx ON @extschema@.risk_tolerance_setting (copied_from);
COMMENT ON TABLE @extschema@.risk_tolerance_setting IS
  'An organisation''s risk appetite and tolerance (copied from risk_tolerance_default, then its own), in scores of its risk matrix.';
COMMENT ON COLUMN @extschema@.risk_tolerance_setting.organization_id IS 'The organisation (one row each).';
COMMENT ON COLUMN @extschema@.risk_tolerance_setting.id IS 'Identifier.';
COMMENT ON COLUMN @extschema@.risk_tolerance_setting.appetite_score IS 'Risks whose current score is at most this are within appetite.';
COMMENT ON COLUMN @extschema@.risk_tolerance_setting.tolerance_score IS
  'Risks whose current score is above this are above tolerance (listed by risks_above_tolerance).';
COMMENT ON COLUMN @extschema@.risk_tolerance_setting.max_acceptance_days IS
  'Longest a risk acceptance may run (acceptance_expires_on - accepted_on), in days.';
COMMENT ON COLUMN @extschema@.risk_tolerance_setting.copied_from IS 'Settings profile the values were copied from.';

CREATE FUNCTION @extschema@.initialize_risk_settings(organization_id uuid)
RETURNS void
LANGUAGE plpgsql VOLATILE STRICT
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
  INSERT INTO @extschema@.risk_tolerance_setting
    (organization_id, appetite_score, tolerance_score, max_acceptance_days, copied_from)
  SELECT s.organization_id, d.appetite_score, d.tolerance_score, d.max_acceptance_days, d.settings_profile
  FROM @extschema@.organization_settings s
  JOIN @extschema@.risk_tolerance_default d ON d.settings_profile = s.settings_profile
  WHERE s.organization_id = initialize_risk_settings.organization_id
  ON CONFLICT DO NOTHING;
END
$$;
COMMENT ON FUNCTION @extschema@.initialize_risk_settings(uuid) IS
  'Copies the default risk appetite and tolerance of the organisation''s settings profile, unless it has its own '
  '(called by initialize_organization_settings).';

-- The organisation's risk matrix in use.
CREATE FUNCTION @extschema@.organization_risk_matrix(organization_id uuid)
RETURNS @extschema@.risk_matrix
LANGUAGE sql STABLE STRICT PARALLEL SAFE
AS $$
  SELECT m.matrix
  FROM @extschema@.organization_settings s
  JOIN @extschema@.organization_risk_matrix m
    ON m.organization_id OPERATOR(pg_catalog.=) s.organization_id AND m.id OPERATOR(pg_catalog.=) s.risk_matrix_id
  WHERE s.organization_id OPERATOR(pg_catalog.=) $1
$$;
COMMENT ON FUNCTION @extschema@.organization_risk_matrix(uuid) IS
  'The risk matrix the organisation uses (organization_settings.risk_matrix_id); NULL when none is set.';

CREATE TABLE @extschema@.risk_register_entry (
  organization_id       uuid NOT NULL REFERENCES @extschema@.organization (id),
  id                    uuid NOT NULL DEFAULT pg_catalog.gen_random_uuid(),
  code                  text NOT NULL CONSTRAINT risk_register_entry_code_format CHECK (code ~ '^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}$'),
  title                 text NOT NULL CONSTRAINT risk_register_entry_title_not_blank CHECK (pg_catalog.btrim(title) <> ''),
  description           text,
  asset_id              uuid,
  zone_id               uuid,
  threat_id             uuid,
  vulnerability         text,
  likelihood            smallint NOT NULL,
  consequence           smallint NOT NULL,
  controls              text,
  residual_likelihood   smallint,
  residual_consequence  smallint,
  owner_id              uuid,
  treatment             text CONSTRAINT risk_register_entry_treatment CHECK (treatment IN ('avoid', 'reduce', 'transfer', 'accept')),
  status                text NOT NULL DEFAULT 'open'
                        CONSTRAINT risk_register_entry_status CHECK (status IN ('open', 'in_treatment', 'monitoring', 'closed')),
  accepted_by           uuid,
  accepted_on           date,
  acceptance_expires_on date,
  review_due_on         date,
  created_at            timestamptz NOT NULL DEFAULT pg_catalog.now(),
  updated_at            timestamptz NOT NULL DEFAULT pg_catalog.now(),
  PRIMARY KEY (organization_id, id),
  UNIQUE (organization_id, code),
  CONSTRAINT risk_register_entry_asset_or_zone CHECK (pg_catalog.num_nonnulls(asset_id, zone_id) = 1),
  CONSTRAINT risk_register_entry_positive CHECK (likelihood >= 1 AND consequence >= 1
                                                 AND residual_likelihood >= 1 AND residual_consequence >= 1),
  CONSTRAINT risk_register_entry_residual_pair CHECK ((residual_likelihood IS NULL) = (residual_consequence IS NULL)),
  CONSTRAINT risk_register_entry_residual_not_above_inherent
    CHECK (residual_likelihood <= likelihood AND residual_consequence <= consequence),
  CONSTRAINT risk_register_entry_acceptance_complete
    CHECK (treatment IS DISTINCT FROM 'accept'
           OR (accepted_by IS NOT NULL AND accepted_on IS NOT NULL AND acceptance_expires_on IS NOT NULL)),
  CONSTRAINT risk_register_entry_acceptance_only_when_accepted
    CHECK (treatment = 'accept' OR (accepted_by IS NULL AND accepted_on IS NULL AND acceptance_expires_on IS NULL)),
  CONSTRAINT risk_register_entry_acceptance_period CHECK (acceptance_expires_on > accepted_on),
  FOREIGN KEY (organization_id, asset_id) REFERENCES @extschema@.asset (organization_id, id),
  FOREIGN KEY (organization_id, zone_id) REFERENCES @extschema@.zone (organization_id, id),
  FOREIGN KEY (organization_id, threat_id) REFERENCES @extschema@.threat (organization_id, id),
  FOREIGN KEY (organization_id, owner_id) REFERENCES @extschema@.person (organization_id, id),
  FOREIGN KEY (organization_id, accepted_by) REFERENCES @extschema@.person (organization_id, id)
);
CREATE INDEX risk_register_entry_asset_idx ON @extschema@.risk_register_entry (organization_id, asset_id);
CREATE INDEX risk_register_entry_zone_idx ON @extschema@.risk_register_entry (organization_id, zone_id);
CREATE INDEX risk_register_entry_threat_idx ON @extschema@.risk_register_entry (organization_id, threat_id);
CREATE INDEX risk_register_entry_owner_idx ON @extschema@.risk_register_entry (organization_id, owner_id);
CREATE INDEX risk_register_entry_accepted_by_idx ON @extschema@.risk_register_entry (organization_id, accepted_by);
CREATE INDEX risk_register_entry_acceptance_expires_idx ON @extschema@.risk_register_entry (acceptance_expires_on)
  WHERE treatment = 'accept';
COMMENT ON TABLE @extschema@.risk_register_entry IS
  'The risk register: one risk on an asset or a zone (exactly one), with inherent and residual likelihood and '
  'consequence on the organisation''s risk matrix, controls, owner, treatment and acceptance.  Every change is kept '
  'in risk_register_history.';
COMMENT ON COLUMN @extschema@.risk_register_entry.organization_id IS 'Owning organisation.';
COMMENT ON COLUMN @extschema@.risk_register_entry.id IS 'Identifier.';
COMMENT ON COLUMN @extschema@.risk_register_entry.code IS 'Risk code, unique within the organisation, e.g. R-2025-014.';
COMMENT ON COLUMN @extschema@.risk_register_entry.title IS 'Short statement of the risk.';
COMMENT ON COLUMN @extschema@.risk_register_entry.description IS 'The risk scenario: threat, vulnerability, consequence.';
COMMENT ON COLUMN @extschema@.risk_register_entry.asset_id IS 'The asset at risk (exactly one of asset_id, zone_id).';
COMMENT ON COLUMN @extschema@.risk_register_entry.zone_id IS 'The zone at risk (exactly one of asset_id, zone_id).';
COMMENT ON COLUMN @extschema@.risk_register_entry.threat_id IS 'The threat (threat.id), if recorded.';
COMMENT ON COLUMN @extschema@.risk_register_entry.vulnerability IS 'The weakness the threat exploits, in words.';
COMMENT ON COLUMN @extschema@.risk_register_entry.likelihood IS 'Inherent likelihood, 1..N of the organisation''s risk matrix.';
COMMENT ON COLUMN @extschema@.risk_register_entry.consequence IS 'Inherent consequence, 1..M of the organisation''s risk matrix.';
COMMENT ON COLUMN @extschema@.risk_register_entry.controls IS 'Controls in place or planned that reduce the risk.';
COMMENT ON COLUMN @extschema@.risk_register_entry.residual_likelihood IS
  'Likelihood with the controls, at most the inherent one; NULL until assessed (with residual_consequence).';
COMMENT ON COLUMN @extschema@.risk_register_entry.residual_consequence IS
  'Consequence with the controls, at most the inherent one; NULL until assessed (with residual_likelihood).';
COMMENT ON COLUMN @extschema@.risk_register_entry.owner_id IS 'Person who owns the risk.';
COMMENT ON COLUMN @extschema@.risk_register_entry.treatment IS 'Treatment decided: avoid, reduce, transfer or accept; NULL while undecided.';
COMMENT ON COLUMN @extschema@.risk_register_entry.status IS 'open, in_treatment, monitoring or closed.';
COMMENT ON COLUMN @extschema@.risk_register_entry.accepted_by IS 'Person who approved the acceptance (required when treatment is accept).';
COMMENT ON COLUMN @extschema@.risk_register_entry.accepted_on IS 'Date of the acceptance (required when treatment is accept).';
COMMENT ON COLUMN @extschema@.risk_register_entry.acceptance_expires_on IS
  'Date the acceptance expires (required when treatment is accept; after accepted_on, within max_acceptance_days).';
COMMENT ON COLUMN @extschema@.risk_register_entry.review_due_on IS 'Next planned review of the risk.';
COMMENT ON COLUMN @extschema@.risk_register_entry.created_at IS
  'When the risk was recorded (the change time: iec62443p2.changed_at when set, see risk_register_history).';
COMMENT ON COLUMN @extschema@.risk_register_entry.updated_at IS 'When the risk was last changed (the change time, as created_at).';

CREATE TABLE @extschema@.risk_register_history (
  organization_id       uuid NOT NULL REFERENCES @extschema@.organization (id),
  id                    uuid NOT NULL DEFAULT pg_catalog.gen_random_uuid(),
  risk_id               uuid NOT NULL,
  change_no             bigint NOT NULL GENERATED BY DEFAULT AS IDENTITY,
  changed_at            timestamptz NOT NULL,
  changed_by            text NOT NULL,
  operation             text NOT NULL CONSTRAINT risk_register_history_operation CHECK (operation IN ('insert', 'update', 'delete')),
  code                  text NOT NULL,
  title                 text NOT NULL,
  asset_id              uuid,
  zone_id               uuid,
  threat_id             uuid,
  likelihood            smallint NOT NULL,
  consequence           smallint NOT NULL,
  inherent_level        text,
  inherent_score        numeric(8,2),
  residual_likelihood   smallint,
  residual_consequence  smallint,
  residual_level        text,
  residual_score        numeric(8,2),
  owner_id              uuid,
  treatment             text,
  status                text NOT NULL,
  accepted_by           uuid,
  accepted_on           date,
  acceptance_expires_on date,
  PRIMARY KEY (organization_id, id)
);
-- no foreign key to the register: the history outlives a deleted risk
CREATE INDEX risk_register_history_risk_idx ON @extschema@.risk_register_history (organization_id, risk_id, changed_at);
CREATE INDEX risk_register_history_changed_at_idx ON @extschema@.risk_register_history (changed_at);
COMMENT ON TABLE @extschema@.risk_register_history IS
  'Every change of a risk (insert, update of any recorded field, delete): who, when, and the risk''s state after the '
  'change with the scores of that moment; the state before is the previous row of the same risk (risk_register_change '
  'shows both).  Written by a trigger; changed_at and changed_by may be given for imports (settings '
  'iec62443p2.changed_at and iec62443p2.changed_by).';
COMMENT ON COLUMN @extschema@.risk_register_history.organization_id IS 'Owning organisation.';
COMMENT ON COLUMN @extschema@.risk_register_history.id IS 'Identifier.';
COMMENT ON COLUMN @extschema@.risk_register_history.risk_id IS 'The risk (risk_register_entry.id; kept after the risk is deleted).';
COMMENT ON COLUMN @extschema@.risk_register_history.change_no IS
  'Order of recording (orders the changes of one risk made at the same time, e.g. in one transaction).';
COMMENT ON COLUMN @extschema@.risk_register_history.changed_at IS 'When the change took effect (now(), or the imported time).';
COMMENT ON COLUMN @extschema@.risk_register_history.changed_by IS 'Who changed it: the database user, or the name given for an import.';
COMMENT ON COLUMN @extschema@.risk_register_history.operation IS 'insert, update or delete.';
COMMENT ON COLUMN @extschema@.risk_register_history.code IS 'Risk code after the change.';
COMMENT ON COLUMN @extschema@.risk_register_history.title IS 'Title after the change.';
COMMENT ON COLUMN @extschema@.risk_register_history.asset_id IS 'Asset at risk after the change.';
COMMENT ON COLUMN @extschema@.risk_register_history.zone_id IS 'Zone at risk after the change.';
COMMENT ON COLUMN @extschema@.risk_register_history.threat_id IS 'Threat after the change.';
COMMENT ON COLUMN @extschema@.risk_register_history.likelihood IS 'Inherent likelihood after the change.';
COMMENT ON COLUMN @extschema@.risk_register_history.consequence IS 'Inherent consequence after the change.';
COMMENT ON COLUMN @extschema@.risk_register_history.inherent_level IS 'Inherent level, from the matrix in use at the change.';
COMMENT ON COLUMN @extschema@.risk_register_history.inherent_score IS 'Inherent score, from the matrix in use at the change.';
COMMENT ON COLUMN @extschema@.risk_register_history.residual_likelihood IS 'Residual likelihood after the change.';
COMMENT ON COLUMN @extschema@.risk_register_history.residual_consequence IS 'Residual consequence after the change.';
COMMENT ON COLUMN @extschema@.risk_register_history.residual_level IS 'Residual level at the change; NULL while not assessed.';
COMMENT ON COLUMN @extschema@.risk_register_history.residual_score IS 'Residual score at the change; NULL while not assessed.';
COMMENT ON COLUMN @extschema@.risk_register_history.owner_id IS 'Owner after the change.';
COMMENT ON COLUMN @extschema@.risk_register_history.treatment IS 'Treatment after the change.';
COMMENT ON COLUMN @extschema@.risk_register_history.status IS 'Status after the change.';
COMMENT ON COLUMN @extschema@.risk_register_history.accepted_by IS 'Approver of the acceptance after the change.';
COMMENT ON COLUMN @extschema@.risk_register_history.accepted_on IS 'Acceptance date after the change.';
COMMENT ON COLUMN @extschema@.risk_register_history.acceptance_expires_on IS 'Acceptance expiry after the change.';

-- The time and author of a change: the settings iec62443p2.changed_at and iec62443p2.changed_by
-- when a session sets them (imports of existing records), else now() and the current user.
CREATE FUNCTION @extschema@.risk_change_time()
RETURNS timestamptz
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  setting text := NULLIF(pg_catalog.current_setting('iec62443p2.changed_at', true), '');
BEGIN
  IF setting IS NULL THEN
    RETURN pg_catalog.now();
  END IF;
  BEGIN
    RETURN setting::timestamptz;
  EXCEPTION WHEN OTHERS THEN
    RAISE EXCEPTION 'invalid iec62443p2.changed_at "%": not a timestamp', setting
      USING ERRCODE = 'invalid_datetime_format';
  END;
END
$$;
COMMENT ON FUNCTION @extschema@.risk_change_time() IS
  'The time a risk change takes effect: the setting iec62443p2.changed_at when set (to import past records), '
  'else now(); an unparsable setting is an error (22007).';

CREATE FUNCTION @extschema@.risk_register_entry_check()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  m @extschema@.risk_matrix;
  n integer;
  k integer;
  max_days integer;
  ts timestamptz := @extschema@.risk_change_time();
  last_change timestamptz;
BEGIN
  m := @extschema@.organization_risk_matrix(NEW.organization_id);
  IF m IS NULL THEN
    RAISE EXCEPTION 'risk_register_entry %: the organisation has no risk matrix in use', NEW.code
      USING ERRCODE = 'invalid_parameter_value', HINT = 'Set organization_settings.risk_matrix_id.';
  END IF;
  n := @extschema@.risk_matrix_likelihoods(m);
  k := @extschema@.risk_matrix_consequences(m);
  IF NEW.likelihood > n OR NEW.residual_likelihood > n THEN
    RAISE EXCEPTION 'risk_register_entry %: likelihood % is outside 1..% of the organisation''s risk matrix',
      NEW.code, GREATEST(NEW.likelihood, NEW.residual_likelihood), n
      USING ERRCODE = 'invalid_parameter_value';
  END IF;
  IF NEW.consequence > k OR NEW.residual_consequence > k THEN
    RAISE EXCEPTION 'risk_register_entry %: consequence % is outside 1..% of the organisation''s risk matrix',
      NEW.code, GREATEST(NEW.consequence, NEW.residual_consequence), k
      USING ERRCODE = 'invalid_parameter_value';
  END IF;
  IF NEW.treatment = 'accept' THEN
    SELECT t.max_acceptance_days INTO max_days
    FROM @extschema@.risk_tolerance_setting t WHERE t.organization_id = NEW.organization_id;
    IF NEW.acceptance_expires_on - NEW.accepted_on > max_days THEN
      RAISE EXCEPTION 'risk_register_entry %: acceptance of % days exceeds the organisation''s maximum of % days',
        NEW.code, NEW.acceptance_expires_on - NEW.accepted_on, max_days
        USING ERRCODE = 'invalid_parameter_value';
    END IF;
  END IF;
  IF TG_OP = 'UPDATE' THEN
    -- history is written in time order: a back-dated change may not precede the risk's last one
    SELECT pg_catalog.max(h.changed_at) INTO last_change
    FROM @extschema@.risk_register_history h
    WHERE h.organization_id = OLD.organization_id AND h.risk_id = OLD.id;
    IF ts < last_change THEN
      RAISE EXCEPTION 'risk_register_entry %: change time % is before the risk''s last recorded change %', NEW.code, ts, last_change
        USING ERRCODE = 'invalid_parameter_value', HINT = 'Import the changes of a risk in time order.';
    END IF;
    NEW.created_at := OLD.created_at;
  ELSE
    NEW.created_at := ts;
  END IF;
  NEW.updated_at := ts;
  RETURN NEW;
END
$$;
COMMENT ON FUNCTION @extschema@.risk_register_entry_check() IS
  'Trigger function: likelihood and consequence within the organisation''s risk matrix, acceptance within the maximum '
  'period (22023), changes in time order; sets created_at and updated_at to the change time.';

CREATE TRIGGER risk_register_entry_check BEFORE INSERT OR UPDATE ON @extschema@.risk_register_entry
  FOR EACH ROW EXECUTE FUNCTION @extschema@.risk_register_entry_check();

CREATE FUNCTION @extschema@.risk_register_entry_record()
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

-- Ordinary triggers: a restore with session_replication_role = replica restores the history as dumped.
CREATE TRIGGER risk_register_entry_record AFTER INSERT OR UPDATE OR DELETE ON @extschema@.risk_register_entry
  FOR EACH ROW EXECUTE FUNCTION @extschema@.risk_register_entry_record();

CREATE FUNCTION @extschema@.risk_register_as_of(at timestamptz)
RETURNS SETOF @extschema@.risk_register_history
LANGUAGE sql STABLE STRICT PARALLEL SAFE
AS $$
  SELECT h.*
  FROM (SELECT DISTINCT ON (x.organization_id, x.risk_id) x.*
        FROM @extschema@.risk_register_history x
        WHERE x.changed_at OPERATOR(pg_catalog.<=) $1
        ORDER BY x.organization_id, x.risk_id, x.changed_at DESC, x.change_no DESC) h
  WHERE h.operation OPERATOR(pg_catalog.<>) 'delete'::pg_catalog.text
$$;
COMMENT ON FUNCTION @extschema@.risk_register_as_of(timestamptz) IS
  'The register as it stood at the given time: for every risk recorded by then and not deleted, its last recorded '
  'state (history row) at or before that time, with the scores of that moment.';
