-- Supplier management (IEC 62443-2-4 service providers and product suppliers; BRIEF 4.F).
--
-- A supplier is an organisation serving an asset owner through at least one organization_relationship
-- (service_provider or product_supplier).  What it supplies is tied to the asset owner's assets,
-- directly or by the vendor name the inventory writes, and its criticality is the highest
-- criticality of those assets (supplier_criticality).  Assessments are questionnaires as data:
-- criteria with weights (the seed's by default), questions with weights and per-answer scores,
-- answers per assessment.  Completing an assessment stores its security score (0..10, higher is
-- better), the supplier's criticality, the risk score (0..10, higher is riskier) and the risk level;
-- a changed level writes one supplier_risk_alert row and sends NOTIFY on channel
-- iec62443p2_supplier_risk in the same transaction.  Contracts record which of the six security
-- clause kinds they contain; supplier_contract_gaps lists what is missing.

-- ---------------------------------------------------------------------------------------------
-- Shipped catalogues
-- ---------------------------------------------------------------------------------------------
CREATE TABLE @extschema@.supplier_criterion_default (
  settings_profile text NOT NULL REFERENCES @extschema@.settings_profile (code),
  code             text NOT NULL CONSTRAINT supplier_criterion_default_code_format CHECK (code ~ '^[a-z][a-z0-9_]{0,31}$'),
  label            text NOT NULL,
  weight           numeric(6,4) NOT NULL
                   CONSTRAINT supplier_criterion_default_weight CHECK (weight >= 0 AND weight < 'NaN'),
  position         smallint NOT NULL,
  description      text NOT NULL,
  PRIMARY KEY (settings_profile, code),
  UNIQUE (settings_profile, position)
);
COMMENT ON TABLE @extschema@.supplier_criterion_default IS
  'Shipped catalogue: the supplier assessment criteria and their weights of each settings profile (the seed''s '
  'policy 0.2, controls 0.3, incidents 0.2, compliance 0.2, improvement 0.1), copied into supplier_criterion.';
COMMENT ON COLUMN @extschema@.supplier_criterion_default.settings_profile IS 'The settings profile.';
COMMENT ON COLUMN @extschema@.supplier_criterion_default.code IS 'Criterion code, e.g. controls.';
COMMENT ON COLUMN @extschema@.supplier_criterion_default.label IS 'Human-readable criterion name.';
COMMENT ON COLUMN @extschema@.supplier_criterion_default.weight IS 'Weight of the criterion in the security score (need not sum to 1).';
COMMENT ON COLUMN @extschema@.supplier_criterion_default.position IS 'Display order.';
COMMENT ON COLUMN @extschema@.supplier_criterion_default.description IS 'What the criterion assesses.';

INSERT INTO @extschema@.supplier_criterion_default (settings_profile, code, label, weight, position, description) VALUES
  ('default', 'policy', 'Security policy', 0.2, 1, 'The supplier''s security program: policies, roles, responsibilities.'),
  ('default', 'controls', 'Security controls', 0.3, 2, 'Technical and organisational controls in the supplier''s products, services and own operations.'),
  ('default', 'incidents', 'Incident history and handling', 0.2, 3, 'Security incidents, their handling and notification to customers.'),
  ('default', 'compliance', 'Compliance', 0.2, 4, 'Certifications and compliance with IEC 62443-2-4 / 4-1 and contract clauses.'),
  ('default', 'improvement', 'Continuous improvement', 0.1, 5, 'Corrective actions closed, lessons learnt, trend of findings.');

CREATE TABLE @extschema@.supplier_question_default (
  settings_profile text NOT NULL,
  criterion        text NOT NULL,
  code             text NOT NULL CONSTRAINT supplier_question_default_code_format CHECK (code ~ '^[a-z][a-z0-9_]{0,63}$'),
  question         text NOT NULL,
  weight           numeric(6,4) NOT NULL
                   CONSTRAINT supplier_question_default_weight CHECK (weight >= 0 AND weight < 'NaN'),
  yes_is_good      boolean NOT NULL,
  position         smallint NOT NULL,
  PRIMARY KEY (settings_profile, code),
  FOREIGN KEY (settings_profile, criterion) REFERENCES @extschema@.supplier_criterion_default (settings_profile, code)
);
CREATE INDEX supplier_question_default_criterion_idx ON @extschema@.supplier_question_default (settings_profile, criterion);
COMMENT ON TABLE @extschema@.supplier_question_default IS
  'Shipped catalogue: a starter questionnaire of yes/no questions per criterion (product default wording, not '
  'text of the standard), copied into supplier_question.';
COMMENT ON COLUMN @extschema@.supplier_question_default.settings_profile IS 'The settings profile.';
COMMENT ON COLUMN @extschema@.supplier_question_default.criterion IS 'Criterion code the question scores.';
COMMENT ON COLUMN @extschema@.supplier_question_default.code IS 'Question code.';
COMMENT ON COLUMN @extschema@.supplier_question_default.question IS 'The question.';
COMMENT ON COLUMN @extschema@.supplier_question_default.weight IS 'Weight within its criterion.';
COMMENT ON COLUMN @extschema@.supplier_question_default.yes_is_good IS 'Polarity: true when yes scores 10 and no 0, false for the reverse.';
COMMENT ON COLUMN @extschema@.supplier_question_default.position IS 'Display order within the criterion.';

INSERT INTO @extschema@.supplier_question_default (settings_profile, criterion, code, question, weight, yes_is_good, position) VALUES
  ('default', 'policy', 'policy_documented', 'Is there a documented, management-approved security policy covering IACS work?', 2, true, 1),
  ('default', 'policy', 'policy_reviewed', 'Was the security policy reviewed within the last 12 months?', 1, true, 2),
  ('default', 'controls', 'controls_remote_access', 'Is remote access to customer systems individually authenticated with multi-factor authentication and logged?', 3, true, 1),
  ('default', 'controls', 'controls_patch_qualification', 'Are patches qualified for the customer''s IACS before release?', 2, true, 2),
  ('default', 'controls', 'controls_shared_accounts', 'Are shared or default accounts used to access customer systems?', 2, false, 3),
  ('default', 'incidents', 'incidents_notify', 'Are security incidents affecting customers notified within the contractual time?', 2, true, 1),
  ('default', 'incidents', 'incidents_recent', 'Did a security incident affect customers in the last 12 months?', 1, false, 2),
  ('default', 'compliance', 'compliance_certified', 'Is the supplier certified to IEC 62443-2-4 or IEC 62443-4-1?', 2, true, 1),
  ('default', 'compliance', 'compliance_open_findings', 'Are findings of the last audit still open past their due date?', 1, false, 2),
  ('default', 'improvement', 'improvement_actions_closed', 'Were the corrective actions of the last assessment closed on time?', 1, true, 1);

CREATE TABLE @extschema@.supplier_contract_clause_kind (
  code        text PRIMARY KEY,
  position    smallint NOT NULL UNIQUE,
  label       text NOT NULL UNIQUE,
  description text NOT NULL
);
COMMENT ON TABLE @extschema@.supplier_contract_clause_kind IS
  'Shipped catalogue: the six security clause kinds every supplier contract should contain (the seed''s supplier '
  'contract checklist).';
COMMENT ON COLUMN @extschema@.supplier_contract_clause_kind.code IS 'Clause kind code used by supplier_contract_clause.clause_kind.';
COMMENT ON COLUMN @extschema@.supplier_contract_clause_kind.position IS 'Display order.';
COMMENT ON COLUMN @extschema@.supplier_contract_clause_kind.label IS 'Human-readable clause kind.';
COMMENT ON COLUMN @extschema@.supplier_contract_clause_kind.description IS 'What such a clause provides.';

INSERT INTO @extschema@.supplier_contract_clause_kind (code, position, label, description) VALUES
  ('security_requirements', 1, 'Security requirements', 'Security requirements the supplier must meet.'),
  ('iacs_requirements', 2, 'IACS-specific requirements', 'Requirements specific to the industrial automation and control system.'),
  ('performance_metrics', 3, 'Performance metrics', 'Security performance metrics the supplier reports.'),
  ('audit_rights', 4, 'Audit rights', 'The right to audit the supplier''s security.'),
  ('breach_notification', 5, 'Breach notification', 'Notification of security breaches within an agreed time.'),
  ('termination', 6, 'Termination for security violations', 'The right to terminate the contract for security violations.');

-- ---------------------------------------------------------------------------------------------
-- An organisation's settings: criteria, questions, thresholds
-- ---------------------------------------------------------------------------------------------
CREATE TABLE @extschema@.supplier_criterion (
  organization_id uuid NOT NULL REFERENCES @extschema@.organization (id),
  id              uuid NOT NULL DEFAULT pg_catalog.gen_random_uuid(),
  code            text NOT NULL CONSTRAINT supplier_criterion_code_format CHECK (code ~ '^[a-z][a-z0-9_]{0,31}$'),
  label           text NOT NULL CONSTRAINT supplier_criterion_label_not_blank CHECK (pg_catalog.btrim(label) <> ''),
  weight          numeric(6,4) NOT NULL
                  CONSTRAINT supplier_criterion_weight_not_negative CHECK (weight >= 0 AND weight < 'NaN'),
  position        smallint NOT NULL DEFAULT 0,
  description     text,
  PRIMARY KEY (organization_id, id),
  UNIQUE (organization_id, code)
);
COMMENT ON TABLE @extschema@.supplier_criterion IS
  'An organisation''s supplier assessment criteria and weights (copied from supplier_criterion_default, then its '
  'own).  Weights are >= 0 and, while the organisation has criteria, at least one is positive.';
COMMENT ON COLUMN @extschema@.supplier_criterion.organization_id IS 'The assessing organisation.';
COMMENT ON COLUMN @extschema@.supplier_criterion.id IS 'Identifier.';
COMMENT ON COLUMN @extschema@.supplier_criterion.code IS 'Criterion code, unique within the organisation.';
COMMENT ON COLUMN @extschema@.supplier_criterion.label IS 'Human-readable criterion name.';
COMMENT ON COLUMN @extschema@.supplier_criterion.weight IS 'Weight in the security score (>= 0; need not sum to 1).';
COMMENT ON COLUMN @extschema@.supplier_criterion.position IS 'Display order.';
COMMENT ON COLUMN @extschema@.supplier_criterion.description IS 'What the criterion assesses.';

CREATE TABLE @extschema@.supplier_question (
  organization_id uuid NOT NULL,
  id              uuid NOT NULL DEFAULT pg_catalog.gen_random_uuid(),
  criterion_id    uuid NOT NULL,
  code            text NOT NULL CONSTRAINT supplier_question_code_format CHECK (code ~ '^[a-z][a-z0-9_]{0,63}$'),
  question        text NOT NULL CONSTRAINT supplier_question_not_blank CHECK (pg_catalog.btrim(question) <> ''),
  answer_kind     text NOT NULL DEFAULT 'yes_no'
                  CONSTRAINT supplier_question_answer_kind CHECK (answer_kind IN ('yes_no', 'choice')),
  yes_is_good     boolean,
  weight          numeric(6,4) NOT NULL DEFAULT 1
                  CONSTRAINT supplier_question_weight_not_negative CHECK (weight >= 0 AND weight < 'NaN'),
  position        smallint NOT NULL DEFAULT 0,
  active          boolean NOT NULL DEFAULT true,
  PRIMARY KEY (organization_id, id),
  UNIQUE (organization_id, code),
  CONSTRAINT supplier_question_polarity CHECK ((answer_kind = 'yes_no') = (yes_is_good IS NOT NULL)),
  FOREIGN KEY (organization_id, criterion_id) REFERENCES @extschema@.supplier_criterion (organization_id, id)
);
CREATE INDEX supplier_question_criterion_idx ON @extschema@.supplier_question (organization_id, criterion_id);
COMMENT ON TABLE @extschema@.supplier_question IS
  'An organisation''s supplier assessment questions: each scores one criterion, yes/no with a polarity or a choice '
  'of options with a score each.  Weights are >= 0 and each criterion with active questions has a positive one.';
COMMENT ON COLUMN @extschema@.supplier_question.organization_id IS 'The assessing organisation.';
COMMENT ON COLUMN @extschema@.supplier_question.id IS 'Identifier.';
COMMENT ON COLUMN @extschema@.supplier_question.criterion_id IS 'The criterion the question scores.';
COMMENT ON COLUMN @extschema@.supplier_question.code IS 'Question code, unique within the organisation.';
COMMENT ON COLUMN @extschema@.supplier_question.question IS 'The question.';
COMMENT ON COLUMN @extschema@.supplier_question.answer_kind IS 'yes_no (scored by polarity) or choice (scored by supplier_question_option.score).';
COMMENT ON COLUMN @extschema@.supplier_question.yes_is_good IS
  'yes_no questions: true when yes scores 10 and no 0, false for the reverse; NULL for choice questions.';
COMMENT ON COLUMN @extschema@.supplier_question.weight IS 'Weight within its criterion (>= 0).';
COMMENT ON COLUMN @extschema@.supplier_question.position IS 'Display order.';
COMMENT ON COLUMN @extschema@.supplier_question.active IS 'Whether new assessments ask it.';

CREATE TABLE @extschema@.supplier_question_option (
  organization_id uuid NOT NULL,
  id              uuid NOT NULL DEFAULT pg_catalog.gen_random_uuid(),
  question_id     uuid NOT NULL,
  code            text NOT NULL CONSTRAINT supplier_question_option_code_format CHECK (code ~ '^[a-z0-9][a-z0-9_]{0,31}$'),
  label           text NOT NULL,
  score           numeric(4,2) NOT NULL CONSTRAINT supplier_question_option_score CHECK (score BETWEEN 0 AND 10),
  position        smallint NOT NULL DEFAULT 0,
  PRIMARY KEY (organization_id, id),
  UNIQUE (organization_id, question_id, code),
  UNIQUE (organization_id, question_id, id),
  FOREIGN KEY (organization_id, question_id) REFERENCES @extschema@.supplier_question (organization_id, id)
);
COMMENT ON TABLE @extschema@.supplier_question_option IS 'The options of a choice question, each with its score 0..10.';
COMMENT ON COLUMN @extschema@.supplier_question_option.organization_id IS 'The assessing organisation.';
COMMENT ON COLUMN @extschema@.supplier_question_option.id IS 'Identifier.';
COMMENT ON COLUMN @extschema@.supplier_question_option.question_id IS 'The choice question.';
COMMENT ON COLUMN @extschema@.supplier_question_option.code IS 'Option code, unique within the question.';
COMMENT ON COLUMN @extschema@.supplier_question_option.label IS 'The answer as shown.';
COMMENT ON COLUMN @extschema@.supplier_question_option.score IS 'Score of the answer, 0 (worst) .. 10 (best).';
COMMENT ON COLUMN @extschema@.supplier_question_option.position IS 'Display order.';

-- Weight sets that make no sense: negative weights are refused by CHECK constraints; a set whose
-- weights are all zero by this constraint trigger (23514), checked at the end of each statement
-- (DEFERRABLE: SET CONSTRAINTS ... DEFERRED checks at commit instead).
CREATE FUNCTION @extschema@.supplier_weights_check()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  r record;
BEGIN
  IF TG_OP = 'DELETE' THEN r := OLD; ELSE r := NEW; END IF;
  IF TG_TABLE_NAME = 'supplier_criterion' THEN
    IF EXISTS (SELECT 1 FROM @extschema@.supplier_criterion c WHERE c.organization_id = r.organization_id)
       AND NOT EXISTS (SELECT 1 FROM @extschema@.supplier_criterion c
                       WHERE c.organization_id = r.organization_id AND c.weight > 0) THEN
      RAISE EXCEPTION 'supplier_criterion: the weights of organisation % are all zero', r.organization_id
        USING ERRCODE = 'check_violation', CONSTRAINT = 'supplier_criterion_weights_positive',
              HINT = 'At least one criterion needs a positive weight.';
    END IF;
  ELSE
    -- a question moved to another criterion leaves its old criterion to be checked too
    FOR r IN SELECT DISTINCT x.organization_id, x.criterion_id
             FROM (SELECT NEW.organization_id, NEW.criterion_id WHERE TG_OP <> 'DELETE'
                   UNION ALL SELECT OLD.organization_id, OLD.criterion_id WHERE TG_OP <> 'INSERT') x (organization_id, criterion_id)
    LOOP
      IF EXISTS (SELECT 1 FROM @extschema@.supplier_question q
                 WHERE q.organization_id = r.organization_id AND q.criterion_id = r.criterion_id AND q.active)
         AND NOT EXISTS (SELECT 1 FROM @extschema@.supplier_question q
                         WHERE q.organization_id = r.organization_id AND q.criterion_id = r.criterion_id
                           AND q.active AND q.weight > 0) THEN
        RAISE EXCEPTION 'supplier_question: the weights of the active questions of criterion "%" are all zero',
          (SELECT c.code FROM @extschema@.supplier_criterion c WHERE c.organization_id = r.organization_id AND c.id = r.criterion_id)
          USING ERRCODE = 'check_violation', CONSTRAINT = 'supplier_question_weights_positive',
                HINT = 'At least one active question of each criterion needs a positive weight.';
      END IF;
    END LOOP;
  END IF;
  RETURN NULL;
END
$$;
COMMENT ON FUNCTION @extschema@.supplier_weights_check() IS
  'Constraint trigger function: refuses (23514) an organisation''s criteria whose weights are all zero, and a '
  'criterion whose active questions all weigh zero.';
CREATE CONSTRAINT TRIGGER supplier_criterion_weights_positive
  AFTER INSERT OR UPDATE OF weight OR DELETE ON @extschema@.supplier_criterion
  DEFERRABLE INITIALLY IMMEDIATE FOR EACH ROW EXECUTE FUNCTION @extschema@.supplier_weights_check();
CREATE CONSTRAINT TRIGGER supplier_question_weights_positive
  AFTER INSERT OR UPDATE OF weight, active, criterion_id OR DELETE ON @extschema@.supplier_question
  DEFERRABLE INITIALLY IMMEDIATE FOR EACH ROW EXECUTE FUNCTION @extschema@.supplier_weights_check();

CREATE TABLE @extschema@.supplier_risk_threshold_setting (
  organization_id uuid NOT NULL UNIQUE REFERENCES @extschema@.organization (id),
  id              uuid NOT NULL DEFAULT pg_catalog.gen_random_uuid(),
  critical        numeric(3,1) NOT NULL,
  high            numeric(3,1) NOT NULL,
  medium          numeric(3,1) NOT NULL,
  copied_from     text REFERENCES @extschema@.settings_profile (code),
  PRIMARY KEY (organization_id, id),
  CONSTRAINT supplier_risk_threshold_setting_order CHECK (0 <= medium AND medium < high AND high < critical AND critical <= 10)
);
CREATE INDEX supplier_risk_threshold_setting_copied_from_idx ON @extschema@.supplier_risk_threshold_setting (copied_from);
COMMENT ON TABLE @extschema@.supplier_risk_threshold_setting IS
  'An organisation''s supplier risk level cut-offs (copied from supplier_risk_threshold, then its own).';
COMMENT ON COLUMN @extschema@.supplier_risk_threshold_setting.organization_id IS 'The organisation (one row each).';
COMMENT ON COLUMN @extschema@.supplier_risk_threshold_setting.id IS 'Identifier.';
COMMENT ON COLUMN @extschema@.supplier_risk_threshold_setting.critical IS 'Lowest risk score rated critical.';
COMMENT ON COLUMN @extschema@.supplier_risk_threshold_setting.high IS 'Lowest risk score rated high.';
COMMENT ON COLUMN @extschema@.supplier_risk_threshold_setting.medium IS 'Lowest risk score rated medium; below it, low.';
COMMENT ON COLUMN @extschema@.supplier_risk_threshold_setting.copied_from IS 'Settings profile the values were copied from.';

CREATE FUNCTION @extschema@.initialize_supplier_settings(organization_id uuid)
RETURNS void
LANGUAGE plpgsql VOLATILE STRICT
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  profile text;
BEGIN
  SELECT s.settings_profile INTO profile FROM @extschema@.organization_settings s
  WHERE s.organization_id = initialize_supplier_settings.organization_id;
  profile := coalesce(profile, 'default');

  -- criteria and questions only for an organisation that has none yet: its own set stays its own
  IF NOT EXISTS (SELECT 1 FROM @extschema@.supplier_criterion c
                 WHERE c.organization_id = initialize_supplier_settings.organization_id) THEN
    INSERT INTO @extschema@.supplier_criterion (organization_id, code, label, weight, position, description)
    SELECT initialize_supplier_settings.organization_id, d.code, d.label, d.weight, d.position, d.description
    FROM @extschema@.supplier_criterion_default d WHERE d.settings_profile = profile
    ORDER BY d.position;
    INSERT INTO @extschema@.supplier_question
      (organization_id, criterion_id, code, question, answer_kind, yes_is_good, weight, position)
    SELECT c.organization_id, c.id, d.code, d.question, 'yes_no', d.yes_is_good, d.weight, d.position
    FROM @extschema@.supplier_question_default d
    JOIN @extschema@.supplier_criterion c
      ON c.organization_id = initialize_supplier_settings.organization_id AND c.code = d.criterion
    WHERE d.settings_profile = profile
    ORDER BY c.position, d.position;
  END IF;

  INSERT INTO @extschema@.supplier_risk_threshold_setting (organization_id, critical, high, medium, copied_from)
  SELECT initialize_supplier_settings.organization_id, t.critical, t.high, t.medium, t.settings_profile
  FROM @extschema@.supplier_risk_threshold t WHERE t.settings_profile = profile
  ON CONFLICT DO NOTHING;

  -- audit intervals and tolerated open findings (520_supplier_audit.sql)
  INSERT INTO @extschema@.supplier_audit_interval_setting (organization_id, risk_level, months)
  SELECT initialize_supplier_settings.organization_id, d.risk_level, d.months
  FROM @extschema@.supplier_audit_interval_default d WHERE d.settings_profile = profile
  ORDER BY d.risk_level
  ON CONFLICT DO NOTHING;
  INSERT INTO @extschema@.supplier_finding_threshold_setting (organization_id, severity, tolerated)
  SELECT initialize_supplier_settings.organization_id, d.severity, d.tolerated
  FROM @extschema@.supplier_finding_threshold_default d WHERE d.settings_profile = profile
  ORDER BY d.severity
  ON CONFLICT DO NOTHING;
END
$$;
COMMENT ON FUNCTION @extschema@.initialize_supplier_settings(uuid) IS
  'Copies the shipped supplier assessment criteria, starter questions, risk thresholds, audit intervals and tolerated '
  'open findings of the organisation''s '
  'settings profile into its own settings (criteria and questions only when it has none; called by '
  'initialize_organization_settings).';

CREATE FUNCTION @extschema@.supplier_risk_level(organization_id uuid, risk_score numeric) RETURNS text
LANGUAGE sql STABLE STRICT PARALLEL SAFE
BEGIN ATOMIC
  SELECT @extschema@.supplier_risk_level(risk_score,
           ARRAY[coalesce(s.critical, d.critical), coalesce(s.high, d.high), coalesce(s.medium, d.medium)])
  FROM @extschema@.supplier_risk_threshold d
  LEFT JOIN @extschema@.supplier_risk_threshold_setting s ON s.organization_id = supplier_risk_level.organization_id
  WHERE d.settings_profile = 'default';
END;
COMMENT ON FUNCTION @extschema@.supplier_risk_level(uuid, numeric) IS
  'Supplier risk level of a risk score with the organisation''s thresholds (supplier_risk_threshold_setting), or '
  'the shipped default ones when it has none; a score outside 0..10 is 22023.';

-- The risk score: the security score says how well a supplier protects what it touches, the
-- criticality how much it touches.  risk = min(10, (10 - security) * (0.5 + 0.25 * (criticality - 1))):
-- criticality 3 (moderate) takes the security gap as it is, criticality 1 halves it, 5 multiplies it by 1.5.
CREATE FUNCTION @extschema@.supplier_risk_score(security_score numeric, criticality integer) RETURNS numeric
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
  IF security_score = 'NaN'::numeric OR security_score < 0 OR security_score > 10 THEN
    RAISE EXCEPTION 'supplier_risk_score: security score % is outside 0..10', security_score
      USING ERRCODE = 'invalid_parameter_value';
  END IF;
  IF criticality NOT BETWEEN 1 AND 5 THEN
    RAISE EXCEPTION 'supplier_risk_score: criticality % is outside 1..5', criticality
      USING ERRCODE = 'invalid_parameter_value';
  END IF;
  RETURN round(least(10::numeric, (10 - security_score) * (0.5 + 0.25 * (criticality - 1))), 1);
END
$$;
COMMENT ON FUNCTION @extschema@.supplier_risk_score(numeric, integer) IS
  'Supplier risk score 0..10 (higher is riskier) from a security score 0..10 (higher is better) and the supplier''s '
  'criticality 1..5: round(min(10, (10 - security) * (0.5 + 0.25 * (criticality - 1))), 1).  Out of range is 22023.';

-- ---------------------------------------------------------------------------------------------
-- Suppliers and what they supply
-- ---------------------------------------------------------------------------------------------
CREATE TABLE @extschema@.supplier (
  organization_id      uuid NOT NULL REFERENCES @extschema@.organization (id),
  id                   uuid NOT NULL DEFAULT pg_catalog.gen_random_uuid(),
  supplier_org_id      uuid NOT NULL REFERENCES @extschema@.organization (id),
  annual_spend         numeric(14,2) CONSTRAINT supplier_annual_spend_not_negative CHECK (annual_spend >= 0),
  currency             text NOT NULL DEFAULT 'USD' CONSTRAINT supplier_currency_iso4217 CHECK (currency ~ '^[A-Z]{3}$'),
  declared_criticality smallint REFERENCES @extschema@.criticality_level (level),
  notes                text,
  created_at           timestamptz NOT NULL DEFAULT pg_catalog.now(),
  PRIMARY KEY (organization_id, id),
  UNIQUE (organization_id, supplier_org_id),
  CONSTRAINT supplier_not_self CHECK (supplier_org_id <> organization_id)
);
CREATE INDEX supplier_supplier_org_idx ON @extschema@.supplier (supplier_org_id);
CREATE INDEX supplier_declared_criticality_idx ON @extschema@.supplier (declared_criticality);
COMMENT ON TABLE @extschema@.supplier IS
  'Suppliers of an organisation (the asset owner): one row per organisation serving it through at least one '
  'organization_relationship (service provider or product supplier), with the supplier-management data.';
COMMENT ON COLUMN @extschema@.supplier.organization_id IS 'The organisation served (the asset owner).';
COMMENT ON COLUMN @extschema@.supplier.id IS 'Identifier.';
COMMENT ON COLUMN @extschema@.supplier.supplier_org_id IS 'The supplier organisation (counterpart of an organization_relationship).';
COMMENT ON COLUMN @extschema@.supplier.annual_spend IS 'Annual spend with the supplier, in currency.';
COMMENT ON COLUMN @extschema@.supplier.currency IS 'ISO 4217 currency code of annual_spend.';
COMMENT ON COLUMN @extschema@.supplier.declared_criticality IS
  'Criticality 1..5 set by hand; NULL to inherit it from the assets the supplier''s products and services touch.';
COMMENT ON COLUMN @extschema@.supplier.notes IS 'Free text.';
COMMENT ON COLUMN @extschema@.supplier.created_at IS 'When the row was created.';

CREATE FUNCTION @extschema@.supplier_check_relationship()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM @extschema@.organization_relationship r
                 WHERE r.organization_id = NEW.organization_id AND r.counterpart_id = NEW.supplier_org_id) THEN
    RAISE EXCEPTION 'supplier: organisation % does not serve organisation % (no organization_relationship)',
      NEW.supplier_org_id, NEW.organization_id
      USING ERRCODE = 'foreign_key_violation',
            HINT = 'Record the service_provider or product_supplier relationship first.';
  END IF;
  RETURN NEW;
END
$$;
COMMENT ON FUNCTION @extschema@.supplier_check_relationship() IS
  'Trigger function: a supplier must serve the organisation through an organization_relationship (23503).';
CREATE TRIGGER supplier_relationship_exists BEFORE INSERT OR UPDATE OF organization_id, supplier_org_id
  ON @extschema@.supplier FOR EACH ROW EXECUTE FUNCTION @extschema@.supplier_check_relationship();

CREATE TABLE @extschema@.supplier_supply (
  organization_id uuid NOT NULL,
  id              uuid NOT NULL DEFAULT pg_catalog.gen_random_uuid(),
  supplier_id     uuid NOT NULL,
  kind            text NOT NULL CONSTRAINT supplier_supply_kind CHECK (kind IN ('product', 'service')),
  asset_id        uuid,
  vendor          text CONSTRAINT supplier_supply_vendor_not_blank CHECK (pg_catalog.btrim(vendor) <> ''),
  description     text,
  PRIMARY KEY (organization_id, id),
  CONSTRAINT supplier_supply_target CHECK (pg_catalog.num_nonnulls(asset_id, vendor) = 1),
  FOREIGN KEY (organization_id, supplier_id) REFERENCES @extschema@.supplier (organization_id, id),
  FOREIGN KEY (organization_id, asset_id) REFERENCES @extschema@.asset (organization_id, id)
);
CREATE INDEX supplier_supply_supplier_idx ON @extschema@.supplier_supply (organization_id, supplier_id);
CREATE INDEX supplier_supply_asset_idx ON @extschema@.supplier_supply (organization_id, asset_id);
COMMENT ON TABLE @extschema@.supplier_supply IS
  'What a supplier supplies, tied to assets: one asset (a service on it), or every asset whose vendor is the given '
  'name (case-insensitive; its products).  The supplier''s criticality is inherited from these assets.';
COMMENT ON COLUMN @extschema@.supplier_supply.organization_id IS 'The organisation served.';
COMMENT ON COLUMN @extschema@.supplier_supply.id IS 'Identifier.';
COMMENT ON COLUMN @extschema@.supplier_supply.supplier_id IS 'The supplier.';
COMMENT ON COLUMN @extschema@.supplier_supply.kind IS 'product or service.';
COMMENT ON COLUMN @extschema@.supplier_supply.asset_id IS 'One asset the product or service touches; NULL when vendor is given.';
COMMENT ON COLUMN @extschema@.supplier_supply.vendor IS
  'Vendor name as the asset inventory writes it (matched case-insensitively to asset.vendor); NULL when asset_id is given.';
COMMENT ON COLUMN @extschema@.supplier_supply.description IS 'What is supplied.';

-- ---------------------------------------------------------------------------------------------
-- Assessments
-- ---------------------------------------------------------------------------------------------
CREATE TABLE @extschema@.supplier_assessment (
  organization_id uuid NOT NULL,
  id              uuid NOT NULL DEFAULT pg_catalog.gen_random_uuid(),
  supplier_id     uuid NOT NULL,
  assessed_at     timestamptz NOT NULL DEFAULT pg_catalog.now(),
  assessor_id     uuid,
  status          text NOT NULL DEFAULT 'draft' CONSTRAINT supplier_assessment_status CHECK (status IN ('draft', 'completed')),
  completed_at    timestamptz,
  security_score  numeric(4,2) CONSTRAINT supplier_assessment_security_score CHECK (security_score BETWEEN 0 AND 10),
  criticality     smallint CONSTRAINT supplier_assessment_criticality CHECK (criticality BETWEEN 1 AND 5),
  risk_score      numeric(3,1) CONSTRAINT supplier_assessment_risk_score CHECK (risk_score BETWEEN 0 AND 10),
  risk_level      text CONSTRAINT supplier_assessment_risk_level CHECK (risk_level IN ('low', 'medium', 'high', 'critical')),
  notes           text,
  PRIMARY KEY (organization_id, id),
  CONSTRAINT supplier_assessment_completed CHECK (
    (status = 'completed') = (completed_at IS NOT NULL AND security_score IS NOT NULL AND criticality IS NOT NULL
                              AND risk_score IS NOT NULL AND risk_level IS NOT NULL)),
  FOREIGN KEY (organization_id, supplier_id) REFERENCES @extschema@.supplier (organization_id, id),
  FOREIGN KEY (organization_id, assessor_id) REFERENCES @extschema@.person (organization_id, id)
);
CREATE INDEX supplier_assessment_supplier_idx ON @extschema@.supplier_assessment (organization_id, supplier_id, assessed_at);
CREATE INDEX supplier_assessment_assessor_idx ON @extschema@.supplier_assessment (organization_id, assessor_id);
COMMENT ON TABLE @extschema@.supplier_assessment IS
  'Supplier security assessments.  Answers are recorded while draft; setting status to completed computes and '
  'stores the scores (frozen from then on) and raises a supplier_risk_alert when the risk level changes.';
COMMENT ON COLUMN @extschema@.supplier_assessment.organization_id IS 'The assessing organisation.';
COMMENT ON COLUMN @extschema@.supplier_assessment.id IS 'Identifier.';
COMMENT ON COLUMN @extschema@.supplier_assessment.supplier_id IS 'The supplier assessed.';
COMMENT ON COLUMN @extschema@.supplier_assessment.assessed_at IS 'When the assessment took place (orders a supplier''s assessments).';
COMMENT ON COLUMN @extschema@.supplier_assessment.assessor_id IS 'Person who assessed.';
COMMENT ON COLUMN @extschema@.supplier_assessment.status IS 'draft (answers being recorded) or completed (scores stored).';
COMMENT ON COLUMN @extschema@.supplier_assessment.completed_at IS 'When it was completed.';
COMMENT ON COLUMN @extschema@.supplier_assessment.security_score IS
  'Security score 0..10, higher is better: weighted_score of the criterion scores with the criterion weights.';
COMMENT ON COLUMN @extschema@.supplier_assessment.criticality IS 'The supplier''s criticality 1..5 at completion (supplier_criticality).';
COMMENT ON COLUMN @extschema@.supplier_assessment.risk_score IS 'Risk score 0..10, higher is riskier (supplier_risk_score).';
COMMENT ON COLUMN @extschema@.supplier_assessment.risk_level IS 'Risk level of the risk score with the organisation''s thresholds.';
COMMENT ON COLUMN @extschema@.supplier_assessment.notes IS 'Free text.';

CREATE TABLE @extschema@.supplier_assessment_answer (
  organization_id uuid NOT NULL,
  id              uuid NOT NULL DEFAULT pg_catalog.gen_random_uuid(),
  assessment_id   uuid NOT NULL,
  question_id     uuid NOT NULL,
  answer_yes      boolean,
  option_id       uuid,
  not_applicable  boolean NOT NULL DEFAULT false,
  score           numeric(4,2) CONSTRAINT supplier_assessment_answer_score CHECK (score BETWEEN 0 AND 10),
  comment         text,
  PRIMARY KEY (organization_id, id),
  UNIQUE (organization_id, assessment_id, question_id),
  CONSTRAINT supplier_assessment_answer_one_form CHECK (
    CASE WHEN not_applicable THEN pg_catalog.num_nonnulls(answer_yes, option_id, score) = 0
         ELSE pg_catalog.num_nonnulls(answer_yes, option_id) = 1 END),
  FOREIGN KEY (organization_id, assessment_id) REFERENCES @extschema@.supplier_assessment (organization_id, id),
  FOREIGN KEY (organization_id, question_id) REFERENCES @extschema@.supplier_question (organization_id, id),
  FOREIGN KEY (organization_id, question_id, option_id)
    REFERENCES @extschema@.supplier_question_option (organization_id, question_id, id)
);
CREATE INDEX supplier_assessment_answer_question_idx
  ON @extschema@.supplier_assessment_answer (organization_id, question_id, option_id);
COMMENT ON TABLE @extschema@.supplier_assessment_answer IS
  'Answers of an assessment: yes/no, an option of a choice question, or not applicable (excluded from the scores).';
COMMENT ON COLUMN @extschema@.supplier_assessment_answer.organization_id IS 'The assessing organisation.';
COMMENT ON COLUMN @extschema@.supplier_assessment_answer.id IS 'Identifier.';
COMMENT ON COLUMN @extschema@.supplier_assessment_answer.assessment_id IS 'The assessment.';
COMMENT ON COLUMN @extschema@.supplier_assessment_answer.question_id IS 'The question answered.';
COMMENT ON COLUMN @extschema@.supplier_assessment_answer.answer_yes IS 'Answer to a yes_no question.';
COMMENT ON COLUMN @extschema@.supplier_assessment_answer.option_id IS 'Option chosen for a choice question.';
COMMENT ON COLUMN @extschema@.supplier_assessment_answer.not_applicable IS 'The question does not apply: excluded from the scores.';
COMMENT ON COLUMN @extschema@.supplier_assessment_answer.score IS
  'Score 0..10 of the answer, set when recorded: 10 or 0 by the yes/no polarity, the option''s score; NULL when not applicable.';
COMMENT ON COLUMN @extschema@.supplier_assessment_answer.comment IS 'Evidence or remark.';

CREATE FUNCTION @extschema@.supplier_answer_before()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  q record;
BEGIN
  IF TG_OP <> 'INSERT' AND EXISTS (
       SELECT 1 FROM @extschema@.supplier_assessment s
       WHERE s.organization_id = OLD.organization_id AND s.id = OLD.assessment_id AND s.status = 'completed') THEN
    RAISE EXCEPTION 'supplier_assessment_answer: assessment % is completed; its answers are frozen', OLD.assessment_id
      USING ERRCODE = 'object_not_in_prerequisite_state';
  END IF;
  IF TG_OP = 'DELETE' THEN
    RETURN OLD;
  END IF;
  -- one lookup: the question's form and polarity, and whether the assessment is completed
  SELECT x.code, x.answer_kind, x.yes_is_good, s.status INTO q
  FROM @extschema@.supplier_question x
  JOIN @extschema@.supplier_assessment s ON s.organization_id = x.organization_id AND s.id = NEW.assessment_id
  WHERE x.organization_id = NEW.organization_id AND x.id = NEW.question_id;
  IF NOT FOUND THEN
    RETURN NEW;   -- the foreign keys report a missing question or assessment
  END IF;
  IF q.status = 'completed' THEN
    RAISE EXCEPTION 'supplier_assessment_answer: assessment % is completed; its answers are frozen', NEW.assessment_id
      USING ERRCODE = 'object_not_in_prerequisite_state';
  END IF;
  IF NEW.not_applicable THEN
    NEW.score := NULL;
  ELSIF q.answer_kind = 'yes_no' THEN
    IF NEW.answer_yes IS NULL THEN
      RAISE EXCEPTION 'supplier_assessment_answer: question "%" is yes_no; answer it with answer_yes', q.code
        USING ERRCODE = 'invalid_parameter_value';
    END IF;
    NEW.score := CASE WHEN NEW.answer_yes = q.yes_is_good THEN 10 ELSE 0 END;
  ELSE
    IF NEW.option_id IS NULL THEN
      RAISE EXCEPTION 'supplier_assessment_answer: question "%" is a choice; answer it with option_id', q.code
        USING ERRCODE = 'invalid_parameter_value';
    END IF;
    SELECT o.score INTO NEW.score FROM @extschema@.supplier_question_option o
    WHERE o.organization_id = NEW.organization_id AND o.question_id = NEW.question_id AND o.id = NEW.option_id;
  END IF;
  RETURN NEW;
END
$$;
COMMENT ON FUNCTION @extschema@.supplier_answer_before() IS
  'Trigger function: scores an answer (yes/no by polarity, a choice by its option, not applicable NULL), checks its '
  'form matches the question (22023) and refuses changes to a completed assessment''s answers (55000).';
CREATE TRIGGER supplier_assessment_answer_score BEFORE INSERT OR UPDATE OR DELETE
  ON @extschema@.supplier_assessment_answer FOR EACH ROW EXECUTE FUNCTION @extschema@.supplier_answer_before();

-- Criticality: the declared one, else the highest criticality of the assets in operation the
-- supplier's products and services touch, else 3 (moderate) when nothing is linked.
CREATE VIEW @extschema@.supplier_criticality WITH (security_invoker = true) AS
SELECT s.id,
       s.organization_id,
       s.supplier_org_id,
       i.inherited::integer AS inherited_criticality,
       i.assets::integer AS assets,
       s.declared_criticality::integer AS declared_criticality,
       coalesce(s.declared_criticality, i.inherited, 3)::integer AS criticality
FROM @extschema@.supplier s
CROSS JOIN LATERAL (
  SELECT pg_catalog.max(a.criticality) AS inherited, pg_catalog.count(DISTINCT a.id) AS assets
  FROM @extschema@.supplier_supply p
  JOIN @extschema@.asset a
    ON a.organization_id = p.organization_id
   AND (a.id = p.asset_id OR pg_catalog.lower(a.vendor) = pg_catalog.lower(p.vendor))
  JOIN @extschema@.lifecycle_state l ON l.code = a.lifecycle_state
  WHERE p.organization_id = s.organization_id AND p.supplier_id = s.id AND l.in_operation
) i;
COMMENT ON VIEW @extschema@.supplier_criticality IS
  'One row per supplier: the criticality inherited from the assets in operation its products and services touch '
  '(highest wins), the declared one, and the one used (declared, else inherited, else 3 moderate).';
COMMENT ON COLUMN @extschema@.supplier_criticality.id IS 'Supplier identifier (supplier.id).';
COMMENT ON COLUMN @extschema@.supplier_criticality.organization_id IS 'The organisation served.';
COMMENT ON COLUMN @extschema@.supplier_criticality.supplier_org_id IS 'The supplier organisation.';
COMMENT ON COLUMN @extschema@.supplier_criticality.inherited_criticality IS 'Highest criticality of the assets touched; NULL when none.';
COMMENT ON COLUMN @extschema@.supplier_criticality.assets IS 'Number of assets in operation touched.';
COMMENT ON COLUMN @extschema@.supplier_criticality.declared_criticality IS 'Criticality set by hand, if any.';
COMMENT ON COLUMN @extschema@.supplier_criticality.criticality IS 'Criticality used: declared, else inherited, else 3.';

-- Scores of one assessment per criterion, from the answers' stored scores.
CREATE VIEW @extschema@.supplier_assessment_criterion_score WITH (security_invoker = true) AS
SELECT pg_catalog.md5(s.id::text || '/' || c.id::text)::uuid AS id,
       s.organization_id,
       s.id AS assessment_id,
       s.supplier_id,
       c.id AS criterion_id,
       c.code AS criterion,
       c.weight::numeric(6,4) AS weight,
       pg_catalog.round(@extschema@.weighted_score(a.score, q.weight), 2)::numeric(4,2) AS score,
       pg_catalog.count(a.score)::integer AS answered,
       pg_catalog.count(a.id) FILTER (WHERE a.not_applicable)::integer AS not_applicable
FROM @extschema@.supplier_assessment s
JOIN @extschema@.supplier_criterion c ON c.organization_id = s.organization_id
LEFT JOIN @extschema@.supplier_question q ON q.organization_id = c.organization_id AND q.criterion_id = c.id
LEFT JOIN @extschema@.supplier_assessment_answer a
  ON a.organization_id = s.organization_id AND a.assessment_id = s.id AND a.question_id = q.id
GROUP BY s.organization_id, s.id, s.supplier_id, c.id, c.code, c.weight;
COMMENT ON VIEW @extschema@.supplier_assessment_criterion_score IS
  'One row per assessment and criterion: the weighted_score of its answers'' scores with the question weights '
  '(not-applicable answers excluded; NULL when nothing applicable was answered).';
COMMENT ON COLUMN @extschema@.supplier_assessment_criterion_score.id IS 'Row identifier (derived from assessment and criterion).';
COMMENT ON COLUMN @extschema@.supplier_assessment_criterion_score.organization_id IS 'The assessing organisation.';
COMMENT ON COLUMN @extschema@.supplier_assessment_criterion_score.assessment_id IS 'The assessment.';
COMMENT ON COLUMN @extschema@.supplier_assessment_criterion_score.supplier_id IS 'The supplier assessed.';
COMMENT ON COLUMN @extschema@.supplier_assessment_criterion_score.criterion_id IS 'The criterion.';
COMMENT ON COLUMN @extschema@.supplier_assessment_criterion_score.criterion IS 'Criterion code.';
COMMENT ON COLUMN @extschema@.supplier_assessment_criterion_score.weight IS 'The criterion''s weight.';
COMMENT ON COLUMN @extschema@.supplier_assessment_criterion_score.score IS 'Criterion score 0..10 (higher is better), two decimals.';
COMMENT ON COLUMN @extschema@.supplier_assessment_criterion_score.answered IS 'Applicable answers counted.';
COMMENT ON COLUMN @extschema@.supplier_assessment_criterion_score.not_applicable IS 'Answers marked not applicable.';

CREATE FUNCTION @extschema@.supplier_assessment_before()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.status = 'completed' THEN
    IF NEW.status <> 'completed' OR NEW.supplier_id <> OLD.supplier_id OR NEW.assessed_at <> OLD.assessed_at
       OR NEW.security_score IS DISTINCT FROM OLD.security_score OR NEW.risk_score IS DISTINCT FROM OLD.risk_score
       OR NEW.risk_level IS DISTINCT FROM OLD.risk_level OR NEW.criticality IS DISTINCT FROM OLD.criticality THEN
      RAISE EXCEPTION 'supplier_assessment: assessment % is completed; its supplier, time and scores are frozen', OLD.id
        USING ERRCODE = 'object_not_in_prerequisite_state';
    END IF;
    RETURN NEW;
  END IF;
  IF NEW.status <> 'completed' THEN
    NEW.completed_at := NULL; NEW.security_score := NULL; NEW.criticality := NULL;
    NEW.risk_score := NULL; NEW.risk_level := NULL;
    RETURN NEW;
  END IF;
  -- completing: compute and store the scores
  SELECT pg_catalog.round(@extschema@.weighted_score(c.score, c.weight), 2) INTO NEW.security_score
  FROM @extschema@.supplier_assessment_criterion_score c
  WHERE c.organization_id = NEW.organization_id AND c.assessment_id = NEW.id;
  IF NEW.security_score IS NULL THEN
    RAISE EXCEPTION 'supplier_assessment: assessment % has no applicable answer of a weighted criterion; it cannot be completed', NEW.id
      USING ERRCODE = 'invalid_parameter_value';
  END IF;
  SELECT k.criticality INTO NEW.criticality FROM @extschema@.supplier_criticality k
  WHERE k.organization_id = NEW.organization_id AND k.id = NEW.supplier_id;
  NEW.criticality := coalesce(NEW.criticality, 3);
  NEW.risk_score := @extschema@.supplier_risk_score(NEW.security_score, NEW.criticality);
  NEW.risk_level := @extschema@.supplier_risk_level(NEW.organization_id, NEW.risk_score);
  NEW.completed_at := coalesce(NEW.completed_at, pg_catalog.now());
  RETURN NEW;
END
$$;
COMMENT ON FUNCTION @extschema@.supplier_assessment_before() IS
  'Trigger function: on completion computes the security score (weighted_score of the criterion scores), the '
  'criticality, the risk score and level; a completed assessment''s scores are frozen (55000); completing '
  'without an applicable answer is 22023.';
CREATE TRIGGER supplier_assessment_scores BEFORE INSERT OR UPDATE
  ON @extschema@.supplier_assessment FOR EACH ROW EXECUTE FUNCTION @extschema@.supplier_assessment_before();

-- ---------------------------------------------------------------------------------------------
-- Continuous monitoring: risk level changes
-- ---------------------------------------------------------------------------------------------
CREATE TABLE @extschema@.supplier_risk_alert (
  organization_id uuid NOT NULL,
  id              uuid NOT NULL DEFAULT pg_catalog.gen_random_uuid(),
  supplier_id     uuid NOT NULL,
  assessment_id   uuid NOT NULL,
  old_level       text CONSTRAINT supplier_risk_alert_old_level CHECK (old_level IN ('low', 'medium', 'high', 'critical')),
  new_level       text NOT NULL CONSTRAINT supplier_risk_alert_new_level CHECK (new_level IN ('low', 'medium', 'high', 'critical')),
  severity        text NOT NULL CONSTRAINT supplier_risk_alert_severity CHECK (severity IN ('info', 'medium', 'high', 'critical')),
  assessed_at     timestamptz NOT NULL,
  created_at      timestamptz NOT NULL DEFAULT pg_catalog.now(),
  acknowledged_by uuid,
  acknowledged_at timestamptz,
  PRIMARY KEY (organization_id, id),
  UNIQUE (organization_id, assessment_id),
  CONSTRAINT supplier_risk_alert_changed CHECK (old_level IS DISTINCT FROM new_level),
  CONSTRAINT supplier_risk_alert_acknowledged CHECK ((acknowledged_by IS NULL) = (acknowledged_at IS NULL)),
  FOREIGN KEY (organization_id, supplier_id) REFERENCES @extschema@.supplier (organization_id, id),
  FOREIGN KEY (organization_id, assessment_id) REFERENCES @extschema@.supplier_assessment (organization_id, id),
  FOREIGN KEY (organization_id, acknowledged_by) REFERENCES @extschema@.person (organization_id, id)
);
CREATE INDEX supplier_risk_alert_supplier_idx ON @extschema@.supplier_risk_alert (organization_id, supplier_id);
CREATE INDEX supplier_risk_alert_acknowledged_by_idx ON @extschema@.supplier_risk_alert (organization_id, acknowledged_by);
CREATE INDEX supplier_risk_alert_open_idx ON @extschema@.supplier_risk_alert (organization_id, created_at)
  WHERE acknowledged_at IS NULL;
COMMENT ON TABLE @extschema@.supplier_risk_alert IS
  'Supplier risk level changes, one row per completed assessment that changed its supplier''s level (a first '
  'assessment only when high or critical).  The durable record: listeners of NOTIFY iec62443p2_supplier_risk read '
  'the unacknowledged rows.';
COMMENT ON COLUMN @extschema@.supplier_risk_alert.organization_id IS 'The assessing organisation.';
COMMENT ON COLUMN @extschema@.supplier_risk_alert.id IS 'Identifier.';
COMMENT ON COLUMN @extschema@.supplier_risk_alert.supplier_id IS 'The supplier.';
COMMENT ON COLUMN @extschema@.supplier_risk_alert.assessment_id IS 'The completed assessment that changed the level.';
COMMENT ON COLUMN @extschema@.supplier_risk_alert.old_level IS 'Level of the previous completed assessment; NULL for a first assessment.';
COMMENT ON COLUMN @extschema@.supplier_risk_alert.new_level IS 'Level of this assessment.';
COMMENT ON COLUMN @extschema@.supplier_risk_alert.severity IS
  'The new level when the risk rose (medium, high, critical), info when it fell.';
COMMENT ON COLUMN @extschema@.supplier_risk_alert.assessed_at IS 'When the assessment took place.';
COMMENT ON COLUMN @extschema@.supplier_risk_alert.created_at IS 'When the alert was raised.';
COMMENT ON COLUMN @extschema@.supplier_risk_alert.acknowledged_by IS 'Person who acknowledged it; NULL while open.';
COMMENT ON COLUMN @extschema@.supplier_risk_alert.acknowledged_at IS 'When it was acknowledged; NULL while open.';

CREATE FUNCTION @extschema@.supplier_level_rank(level text) RETURNS integer
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
RETURN CASE level WHEN 'low' THEN 1 WHEN 'medium' THEN 2 WHEN 'high' THEN 3 WHEN 'critical' THEN 4 END;
COMMENT ON FUNCTION @extschema@.supplier_level_rank(text) IS
  'Order of supplier risk levels: low 1, medium 2, high 3, critical 4; NULL for anything else.';

CREATE FUNCTION @extschema@.supplier_assessment_after()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  old_level text;
  sev text;
  alert_id uuid;
BEGIN
  IF NEW.status <> 'completed' OR (TG_OP = 'UPDATE' AND OLD.status = 'completed') THEN
    RETURN NULL;
  END IF;
  -- One completion per supplier at a time, so concurrent completions see each other's levels.
  PERFORM 1 FROM @extschema@.supplier s
  WHERE s.organization_id = NEW.organization_id AND s.id = NEW.supplier_id
  FOR UPDATE;
  -- A back-dated assessment older than the latest completed one does not change the current level.
  IF EXISTS (SELECT 1 FROM @extschema@.supplier_assessment p
             WHERE p.organization_id = NEW.organization_id AND p.supplier_id = NEW.supplier_id
               AND p.status = 'completed' AND p.id <> NEW.id AND p.assessed_at > NEW.assessed_at) THEN
    RETURN NULL;
  END IF;
  SELECT p.risk_level INTO old_level FROM @extschema@.supplier_assessment p
  WHERE p.organization_id = NEW.organization_id AND p.supplier_id = NEW.supplier_id
    AND p.status = 'completed' AND p.id <> NEW.id
  ORDER BY p.assessed_at DESC, p.completed_at DESC, p.id DESC
  LIMIT 1;
  IF old_level IS NOT DISTINCT FROM NEW.risk_level
     OR (old_level IS NULL AND NEW.risk_level NOT IN ('high', 'critical')) THEN
    RETURN NULL;
  END IF;
  sev := CASE WHEN @extschema@.supplier_level_rank(NEW.risk_level) > coalesce(@extschema@.supplier_level_rank(old_level), 0)
              THEN CASE WHEN NEW.risk_level = 'low' THEN 'info' ELSE NEW.risk_level END
              ELSE 'info' END;
  INSERT INTO @extschema@.supplier_risk_alert
    (organization_id, supplier_id, assessment_id, old_level, new_level, severity, assessed_at)
  VALUES (NEW.organization_id, NEW.supplier_id, NEW.id, old_level, NEW.risk_level, sev, NEW.assessed_at)
  RETURNING id INTO alert_id;
  PERFORM pg_catalog.pg_notify('iec62443p2_supplier_risk', pg_catalog.json_build_object(
    'alert_id', alert_id,
    'organization_id', NEW.organization_id,
    'supplier_id', NEW.supplier_id,
    'supplier', (SELECT o.code FROM @extschema@.supplier s JOIN @extschema@.organization o ON o.id = s.supplier_org_id
                 WHERE s.organization_id = NEW.organization_id AND s.id = NEW.supplier_id),
    'old_level', old_level,
    'new_level', NEW.risk_level,
    'severity', sev,
    'risk_score', NEW.risk_score,
    'assessed_at', NEW.assessed_at)::text);
  RETURN NULL;
END
$$;
COMMENT ON FUNCTION @extschema@.supplier_assessment_after() IS
  'Trigger function: when a completed assessment changes its supplier''s current risk level (a first one when high '
  'or critical; a back-dated one older than the latest completed never), writes one supplier_risk_alert and sends '
  'NOTIFY iec62443p2_supplier_risk with a JSON payload.';
CREATE TRIGGER supplier_assessment_risk_alert AFTER INSERT OR UPDATE OF status
  ON @extschema@.supplier_assessment FOR EACH ROW EXECUTE FUNCTION @extschema@.supplier_assessment_after();

-- ---------------------------------------------------------------------------------------------
-- Contracts and their security clauses
-- ---------------------------------------------------------------------------------------------
CREATE TABLE @extschema@.supplier_contract (
  organization_id uuid NOT NULL,
  id              uuid NOT NULL DEFAULT pg_catalog.gen_random_uuid(),
  supplier_id     uuid NOT NULL,
  reference       text NOT NULL CONSTRAINT supplier_contract_reference_not_blank CHECK (pg_catalog.btrim(reference) <> ''),
  title           text NOT NULL,
  starts_on       date NOT NULL,
  ends_on         date,
  notes           text,
  PRIMARY KEY (organization_id, id),
  UNIQUE (organization_id, reference),
  CONSTRAINT supplier_contract_period CHECK (ends_on IS NULL OR ends_on >= starts_on),
  FOREIGN KEY (organization_id, supplier_id) REFERENCES @extschema@.supplier (organization_id, id)
);
CREATE INDEX supplier_contract_supplier_idx ON @extschema@.supplier_contract (organization_id, supplier_id);
COMMENT ON TABLE @extschema@.supplier_contract IS 'Contracts with suppliers; their security clauses are in supplier_contract_clause.';
COMMENT ON COLUMN @extschema@.supplier_contract.organization_id IS 'The contracting organisation.';
COMMENT ON COLUMN @extschema@.supplier_contract.id IS 'Identifier.';
COMMENT ON COLUMN @extschema@.supplier_contract.supplier_id IS 'The supplier.';
COMMENT ON COLUMN @extschema@.supplier_contract.reference IS 'Contract number, unique within the organisation.';
COMMENT ON COLUMN @extschema@.supplier_contract.title IS 'Title.';
COMMENT ON COLUMN @extschema@.supplier_contract.starts_on IS 'First day in force.';
COMMENT ON COLUMN @extschema@.supplier_contract.ends_on IS 'Last day in force; NULL when open-ended.';
COMMENT ON COLUMN @extschema@.supplier_contract.notes IS 'Free text.';

CREATE TABLE @extschema@.supplier_contract_clause (
  organization_id uuid NOT NULL,
  id              uuid NOT NULL DEFAULT pg_catalog.gen_random_uuid(),
  contract_id     uuid NOT NULL,
  clause_kind     text NOT NULL REFERENCES @extschema@.supplier_contract_clause_kind (code),
  section         text,
  summary         text,
  PRIMARY KEY (organization_id, id),
  UNIQUE (organization_id, contract_id, clause_kind),
  FOREIGN KEY (organization_id, contract_id) REFERENCES @extschema@.supplier_contract (organization_id, id)
);
CREATE INDEX supplier_contract_clause_kind_idx ON @extschema@.supplier_contract_clause (clause_kind);
COMMENT ON TABLE @extschema@.supplier_contract_clause IS 'The security clauses a contract contains, one row per clause kind.';
COMMENT ON COLUMN @extschema@.supplier_contract_clause.organization_id IS 'The contracting organisation.';
COMMENT ON COLUMN @extschema@.supplier_contract_clause.id IS 'Identifier.';
COMMENT ON COLUMN @extschema@.supplier_contract_clause.contract_id IS 'The contract.';
COMMENT ON COLUMN @extschema@.supplier_contract_clause.clause_kind IS 'Clause kind (supplier_contract_clause_kind.code).';
COMMENT ON COLUMN @extschema@.supplier_contract_clause.section IS 'Where in the contract, e.g. section 14.2.';
COMMENT ON COLUMN @extschema@.supplier_contract_clause.summary IS 'What the clause says, in short.';

CREATE VIEW @extschema@.supplier_contract_gaps WITH (security_invoker = true) AS
SELECT pg_catalog.md5(c.id::text || '/' || k.code)::uuid AS id,
       c.organization_id,
       ow.code AS organization,
       c.id AS contract_id,
       c.reference,
       s.id AS supplier_id,
       o.code AS supplier_code,
       o.name AS supplier,
       k.code AS clause_kind,
       k.label AS missing_clause,
       c.starts_on,
       c.ends_on
FROM @extschema@.supplier_contract c
JOIN @extschema@.supplier s ON s.organization_id = c.organization_id AND s.id = c.supplier_id
JOIN @extschema@.organization o ON o.id = s.supplier_org_id
JOIN @extschema@.organization ow ON ow.id = c.organization_id
CROSS JOIN @extschema@.supplier_contract_clause_kind k
WHERE (c.ends_on IS NULL OR c.ends_on >= CURRENT_DATE)
  AND NOT EXISTS (SELECT 1 FROM @extschema@.supplier_contract_clause x
                  WHERE x.organization_id = c.organization_id AND x.contract_id = c.id AND x.clause_kind = k.code);
COMMENT ON VIEW @extschema@.supplier_contract_gaps IS
  'One row per contract in force and security clause kind it lacks (of the six of supplier_contract_clause_kind).';
COMMENT ON COLUMN @extschema@.supplier_contract_gaps.id IS 'Row identifier (derived from contract and clause kind).';
COMMENT ON COLUMN @extschema@.supplier_contract_gaps.organization_id IS 'The contracting organisation.';
COMMENT ON COLUMN @extschema@.supplier_contract_gaps.organization IS 'Code of the contracting organisation.';
COMMENT ON COLUMN @extschema@.supplier_contract_gaps.contract_id IS 'The contract.';
COMMENT ON COLUMN @extschema@.supplier_contract_gaps.reference IS 'Contract number.';
COMMENT ON COLUMN @extschema@.supplier_contract_gaps.supplier_id IS 'The supplier (supplier.id).';
COMMENT ON COLUMN @extschema@.supplier_contract_gaps.supplier_code IS 'Supplier organisation code.';
COMMENT ON COLUMN @extschema@.supplier_contract_gaps.supplier IS 'Supplier organisation name.';
COMMENT ON COLUMN @extschema@.supplier_contract_gaps.clause_kind IS 'Code of the missing clause kind.';
COMMENT ON COLUMN @extschema@.supplier_contract_gaps.missing_clause IS 'Label of the missing clause kind.';
COMMENT ON COLUMN @extschema@.supplier_contract_gaps.starts_on IS 'First day in force.';
COMMENT ON COLUMN @extschema@.supplier_contract_gaps.ends_on IS 'Last day in force; NULL when open-ended.';

-- ---------------------------------------------------------------------------------------------
-- Registration
-- ---------------------------------------------------------------------------------------------
INSERT INTO @extschema@.object_access_class (object_name, object_class, reader_hidden_columns) VALUES
  ('supplier_criterion_default', 'catalog', '{}'),
  ('supplier_question_default', 'catalog', '{}'),
  ('supplier_contract_clause_kind', 'catalog', '{}'),
  ('supplier_criterion', 'program', '{}'),
  ('supplier_question', 'program', '{}'),
  ('supplier_question_option', 'program', '{}'),
  ('supplier_risk_threshold_setting', 'program', '{}'),
  ('supplier', 'program', '{}'),
  ('supplier_supply', 'program', '{}'),
  ('supplier_assessment', 'program', '{}'),
  ('supplier_assessment_answer', 'program', '{}'),
  ('supplier_risk_alert', 'program', '{}'),
  ('supplier_contract', 'program', '{}'),
  ('supplier_contract_clause', 'program', '{}'),
  ('supplier_criticality', 'view', '{}'),
  ('supplier_assessment_criterion_score', 'view', '{}'),
  ('supplier_contract_gaps', 'view', '{}');

SELECT pg_catalog.pg_extension_config_dump('@extschema@.supplier_criterion', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.supplier_question', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.supplier_question_option', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.supplier_risk_threshold_setting', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.supplier', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.supplier_supply', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.supplier_assessment', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.supplier_assessment_answer', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.supplier_risk_alert', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.supplier_contract', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.supplier_contract_clause', '');
