-- Supplier audits: the interval between audits by risk level (data), audits, findings with their
-- corrective actions, due dates and verification, and the compliance check: an organisation
-- tolerates a number of open findings per severity (the seed's critical 0, high 5, medium 10);
-- past it, check_supplier_compliance writes one supplier_compliance_alert and sends NOTIFY on
-- channel iec62443p2_supplier_compliance.

CREATE TABLE @extschema@.supplier_audit_interval_default (
  settings_profile text NOT NULL REFERENCES @extschema@.settings_profile (code),
  risk_level       text NOT NULL CONSTRAINT supplier_audit_interval_default_level CHECK (risk_level IN ('low', 'medium', 'high', 'critical')),
  months           smallint NOT NULL CONSTRAINT supplier_audit_interval_default_months CHECK (months BETWEEN 1 AND 120),
  PRIMARY KEY (settings_profile, risk_level)
);
COMMENT ON TABLE @extschema@.supplier_audit_interval_default IS
  'Shipped catalogue: months between supplier audits by risk level (product default: critical 6, high 12, medium 24, '
  'low 36; the seed asks for regular audits and reports critical suppliers audited annually), copied into '
  'supplier_audit_interval_setting.';
COMMENT ON COLUMN @extschema@.supplier_audit_interval_default.settings_profile IS 'The settings profile.';
COMMENT ON COLUMN @extschema@.supplier_audit_interval_default.risk_level IS 'Supplier risk level.';
COMMENT ON COLUMN @extschema@.supplier_audit_interval_default.months IS 'Months from one audit to the next.';
INSERT INTO @extschema@.supplier_audit_interval_default (settings_profile, risk_level, months) VALUES
  ('default', 'critical', 6), ('default', 'high', 12), ('default', 'medium', 24), ('default', 'low', 36);

CREATE TABLE @extschema@.supplier_finding_threshold_default (
  settings_profile text NOT NULL REFERENCES @extschema@.settings_profile (code),
  severity         text NOT NULL CONSTRAINT supplier_finding_threshold_default_severity CHECK (severity IN ('critical', 'high', 'medium')),
  tolerated        integer NOT NULL CONSTRAINT supplier_finding_threshold_default_tolerated CHECK (tolerated >= 0),
  PRIMARY KEY (settings_profile, severity)
);
COMMENT ON TABLE @extschema@.supplier_finding_threshold_default IS
  'Shipped catalogue: open supplier findings tolerated per severity before a compliance alert (the seed''s '
  'compliance monitor: critical 0, high 5, medium 10), copied into supplier_finding_threshold_setting.';
COMMENT ON COLUMN @extschema@.supplier_finding_threshold_default.settings_profile IS 'The settings profile.';
COMMENT ON COLUMN @extschema@.supplier_finding_threshold_default.severity IS 'Finding severity.';
COMMENT ON COLUMN @extschema@.supplier_finding_threshold_default.tolerated IS 'Open findings of this severity tolerated; one more raises an alert.';
INSERT INTO @extschema@.supplier_finding_threshold_default (settings_profile, severity, tolerated) VALUES
  ('default', 'critical', 0), ('default', 'high', 5), ('default', 'medium', 10);

CREATE TABLE @extschema@.supplier_audit_interval_setting (
  organization_id uuid NOT NULL REFERENCES @extschema@.organization (id),
  id              uuid NOT NULL DEFAULT pg_catalog.gen_random_uuid(),
  risk_level      text NOT NULL CONSTRAINT supplier_audit_interval_setting_level CHECK (risk_level IN ('low', 'medium', 'high', 'critical')),
  months          smallint NOT NULL CONSTRAINT supplier_audit_interval_setting_months CHECK (months BETWEEN 1 AND 120),
  PRIMARY KEY (organization_id, id),
  UNIQUE (organization_id, risk_level)
);
COMMENT ON TABLE @extschema@.supplier_audit_interval_setting IS
  'An organisation''s months between supplier audits by risk level (copied from supplier_audit_interval_default).';
COMMENT ON COLUMN @extschema@.supplier_audit_interval_setting.organization_id IS 'The organisation.';
COMMENT ON COLUMN @extschema@.supplier_audit_interval_setting.id IS 'Identifier.';
COMMENT ON COLUMN @extschema@.supplier_audit_interval_setting.risk_level IS 'Supplier risk level.';
COMMENT ON COLUMN @extschema@.supplier_audit_interval_setting.months IS 'Months from one audit to the next.';

CREATE TABLE @extschema@.supplier_finding_threshold_setting (
  organization_id uuid NOT NULL REFERENCES @extschema@.organization (id),
  id              uuid NOT NULL DEFAULT pg_catalog.gen_random_uuid(),
  severity        text NOT NULL CONSTRAINT supplier_finding_threshold_setting_severity CHECK (severity IN ('critical', 'high', 'medium')),
  tolerated       integer NOT NULL CONSTRAINT supplier_finding_threshold_setting_tolerated CHECK (tolerated >= 0),
  PRIMARY KEY (organization_id, id),
  UNIQUE (organization_id, severity)
);
COMMENT ON TABLE @extschema@.supplier_finding_threshold_setting IS
  'An organisation''s open supplier findings tolerated per severity (copied from supplier_finding_threshold_default).';
COMMENT ON COLUMN @extschema@.supplier_finding_threshold_setting.organization_id IS 'The organisation.';
COMMENT ON COLUMN @extschema@.supplier_finding_threshold_setting.id IS 'Identifier.';
COMMENT ON COLUMN @extschema@.supplier_finding_threshold_setting.severity IS 'Finding severity.';
COMMENT ON COLUMN @extschema@.supplier_finding_threshold_setting.tolerated IS 'Open findings of this severity tolerated; one more raises an alert.';

CREATE TABLE @extschema@.supplier_audit (
  organization_id uuid NOT NULL,
  id              uuid NOT NULL DEFAULT pg_catalog.gen_random_uuid(),
  supplier_id     uuid NOT NULL,
  reference       text NOT NULL CONSTRAINT supplier_audit_reference_not_blank CHECK (pg_catalog.btrim(reference) <> ''),
  planned_on      date NOT NULL,
  performed_on    date,
  lead_auditor_id uuid,
  result          text CONSTRAINT supplier_audit_result CHECK (result IN ('passed', 'passed_with_findings', 'failed')),
  scope           text,
  PRIMARY KEY (organization_id, id),
  UNIQUE (organization_id, reference),
  CONSTRAINT supplier_audit_result_when_performed CHECK (result IS NULL OR performed_on IS NOT NULL),
  FOREIGN KEY (organization_id, supplier_id) REFERENCES @extschema@.supplier (organization_id, id),
  FOREIGN KEY (organization_id, lead_auditor_id) REFERENCES @extschema@.person (organization_id, id)
);
CREATE INDEX supplier_audit_supplier_idx ON @extschema@.supplier_audit (organization_id, supplier_id, performed_on);
CREATE INDEX supplier_audit_lead_auditor_idx ON @extschema@.supplier_audit (organization_id, lead_auditor_id);
COMMENT ON TABLE @extschema@.supplier_audit IS 'Supplier security audits, planned and performed.';
COMMENT ON COLUMN @extschema@.supplier_audit.organization_id IS 'The auditing organisation.';
COMMENT ON COLUMN @extschema@.supplier_audit.id IS 'Identifier.';
COMMENT ON COLUMN @extschema@.supplier_audit.supplier_id IS 'The supplier audited.';
COMMENT ON COLUMN @extschema@.supplier_audit.reference IS 'Audit reference, unique within the organisation.';
COMMENT ON COLUMN @extschema@.supplier_audit.planned_on IS 'Date planned.';
COMMENT ON COLUMN @extschema@.supplier_audit.performed_on IS 'Date performed; NULL while only planned.';
COMMENT ON COLUMN @extschema@.supplier_audit.lead_auditor_id IS 'Lead auditor.';
COMMENT ON COLUMN @extschema@.supplier_audit.result IS 'passed, passed_with_findings or failed; NULL until performed.';
COMMENT ON COLUMN @extschema@.supplier_audit.scope IS 'What was audited.';

CREATE TABLE @extschema@.supplier_audit_finding (
  organization_id   uuid NOT NULL,
  id                uuid NOT NULL DEFAULT pg_catalog.gen_random_uuid(),
  audit_id          uuid NOT NULL,
  supplier_id       uuid NOT NULL,
  severity          text NOT NULL CONSTRAINT supplier_audit_finding_severity CHECK (severity IN ('critical', 'high', 'medium', 'low')),
  title             text NOT NULL CONSTRAINT supplier_audit_finding_title_not_blank CHECK (pg_catalog.btrim(title) <> ''),
  corrective_action text,
  due_on            date,
  closed_on         date,
  verified_on       date,
  verified_by       uuid,
  PRIMARY KEY (organization_id, id),
  CONSTRAINT supplier_audit_finding_verified_after_closed
    CHECK (verified_on IS NULL OR (closed_on IS NOT NULL AND verified_on >= closed_on)),
  CONSTRAINT supplier_audit_finding_verifier CHECK ((verified_on IS NULL) = (verified_by IS NULL)),
  FOREIGN KEY (organization_id, audit_id) REFERENCES @extschema@.supplier_audit (organization_id, id),
  FOREIGN KEY (organization_id, supplier_id) REFERENCES @extschema@.supplier (organization_id, id),
  FOREIGN KEY (organization_id, verified_by) REFERENCES @extschema@.person (organization_id, id)
);
CREATE INDEX supplier_audit_finding_audit_idx ON @extschema@.supplier_audit_finding (organization_id, audit_id);
CREATE INDEX supplier_audit_finding_supplier_idx ON @extschema@.supplier_audit_finding (organization_id, supplier_id, severity)
  WHERE closed_on IS NULL;
CREATE INDEX supplier_audit_finding_supplier_all_idx ON @extschema@.supplier_audit_finding (organization_id, supplier_id);
CREATE INDEX supplier_audit_finding_verified_by_idx ON @extschema@.supplier_audit_finding (organization_id, verified_by);
COMMENT ON TABLE @extschema@.supplier_audit_finding IS
  'Findings of supplier audits and their corrective actions: due date, closure, verification.  A finding is open '
  'until closed_on is set.';
COMMENT ON COLUMN @extschema@.supplier_audit_finding.organization_id IS 'The auditing organisation.';
COMMENT ON COLUMN @extschema@.supplier_audit_finding.id IS 'Identifier.';
COMMENT ON COLUMN @extschema@.supplier_audit_finding.audit_id IS 'The audit that found it.';
COMMENT ON COLUMN @extschema@.supplier_audit_finding.supplier_id IS 'The supplier (the audit''s; checked).';
COMMENT ON COLUMN @extschema@.supplier_audit_finding.severity IS 'critical, high, medium or low.';
COMMENT ON COLUMN @extschema@.supplier_audit_finding.title IS 'What was found.';
COMMENT ON COLUMN @extschema@.supplier_audit_finding.corrective_action IS 'The corrective action agreed.';
COMMENT ON COLUMN @extschema@.supplier_audit_finding.due_on IS 'When the corrective action is due.';
COMMENT ON COLUMN @extschema@.supplier_audit_finding.closed_on IS 'When the supplier reported it done; NULL while open.';
COMMENT ON COLUMN @extschema@.supplier_audit_finding.verified_on IS 'When the closure was verified.';
COMMENT ON COLUMN @extschema@.supplier_audit_finding.verified_by IS 'Person who verified the closure.';

CREATE TABLE @extschema@.supplier_compliance_alert (
  organization_id uuid NOT NULL,
  id              uuid NOT NULL DEFAULT pg_catalog.gen_random_uuid(),
  supplier_id     uuid NOT NULL,
  severity        text NOT NULL CONSTRAINT supplier_compliance_alert_severity CHECK (severity IN ('critical', 'high', 'medium')),
  open_findings   integer NOT NULL,
  tolerated       integer NOT NULL,
  raised_at       timestamptz NOT NULL DEFAULT pg_catalog.now(),
  acknowledged_by uuid,
  acknowledged_at timestamptz,
  PRIMARY KEY (organization_id, id),
  CONSTRAINT supplier_compliance_alert_over CHECK (open_findings > tolerated),
  CONSTRAINT supplier_compliance_alert_acknowledged CHECK ((acknowledged_by IS NULL) = (acknowledged_at IS NULL)),
  FOREIGN KEY (organization_id, supplier_id) REFERENCES @extschema@.supplier (organization_id, id),
  FOREIGN KEY (organization_id, acknowledged_by) REFERENCES @extschema@.person (organization_id, id)
);
-- one open alert per supplier and severity
CREATE UNIQUE INDEX supplier_compliance_alert_open_idx
  ON @extschema@.supplier_compliance_alert (organization_id, supplier_id, severity) WHERE acknowledged_at IS NULL;
CREATE INDEX supplier_compliance_alert_supplier_idx ON @extschema@.supplier_compliance_alert (organization_id, supplier_id);
CREATE INDEX supplier_compliance_alert_acknowledged_by_idx ON @extschema@.supplier_compliance_alert (organization_id, acknowledged_by);
COMMENT ON TABLE @extschema@.supplier_compliance_alert IS
  'A supplier with more open findings of a severity than the organisation tolerates (supplier_finding_threshold_setting); '
  'at most one unacknowledged alert per supplier and severity.  Listeners of NOTIFY iec62443p2_supplier_compliance read '
  'the unacknowledged rows.';
COMMENT ON COLUMN @extschema@.supplier_compliance_alert.organization_id IS 'The auditing organisation.';
COMMENT ON COLUMN @extschema@.supplier_compliance_alert.id IS 'Identifier.';
COMMENT ON COLUMN @extschema@.supplier_compliance_alert.supplier_id IS 'The supplier.';
COMMENT ON COLUMN @extschema@.supplier_compliance_alert.severity IS 'Finding severity over its threshold.';
COMMENT ON COLUMN @extschema@.supplier_compliance_alert.open_findings IS 'Open findings of that severity when raised.';
COMMENT ON COLUMN @extschema@.supplier_compliance_alert.tolerated IS 'Threshold in force when raised.';
COMMENT ON COLUMN @extschema@.supplier_compliance_alert.raised_at IS 'When raised.';
COMMENT ON COLUMN @extschema@.supplier_compliance_alert.acknowledged_by IS 'Person who acknowledged it; NULL while open.';
COMMENT ON COLUMN @extschema@.supplier_compliance_alert.acknowledged_at IS 'When acknowledged; NULL while open.';

CREATE FUNCTION @extschema@.check_supplier_compliance(organization_id uuid, supplier_id uuid DEFAULT NULL)
RETURNS integer
LANGUAGE plpgsql VOLATILE
SET search_path = pg_catalog, pg_temp
AS $$
#variable_conflict use_column
DECLARE
  raised record;
  n integer := 0;
BEGIN
  IF organization_id IS NULL THEN
    RAISE EXCEPTION 'check_supplier_compliance: organization_id is required' USING ERRCODE = 'null_value_not_allowed';
  END IF;
  FOR raised IN
    INSERT INTO @extschema@.supplier_compliance_alert (organization_id, supplier_id, severity, open_findings, tolerated)
    SELECT f.organization_id, f.supplier_id, f.severity, pg_catalog.count(*)::integer,
           coalesce(t.tolerated, d.tolerated)
    FROM @extschema@.supplier_audit_finding f
    JOIN @extschema@.supplier_finding_threshold_default d ON d.settings_profile = 'default' AND d.severity = f.severity
    LEFT JOIN @extschema@.supplier_finding_threshold_setting t
      ON t.organization_id = f.organization_id AND t.severity = f.severity
    WHERE f.organization_id = check_supplier_compliance.organization_id
      AND (check_supplier_compliance.supplier_id IS NULL OR f.supplier_id = check_supplier_compliance.supplier_id)
      AND f.closed_on IS NULL
    GROUP BY f.organization_id, f.supplier_id, f.severity, t.tolerated, d.tolerated
    HAVING pg_catalog.count(*) > coalesce(t.tolerated, d.tolerated)
    ORDER BY f.supplier_id, f.severity
    ON CONFLICT (organization_id, supplier_id, severity) WHERE acknowledged_at IS NULL DO NOTHING
    RETURNING supplier_compliance_alert.id, supplier_compliance_alert.supplier_id, supplier_compliance_alert.severity,
              supplier_compliance_alert.open_findings, supplier_compliance_alert.tolerated
  LOOP
    n := n + 1;
    PERFORM pg_catalog.pg_notify('iec62443p2_supplier_compliance', pg_catalog.json_build_object(
      'alert_id', raised.id,
      'organization_id', check_supplier_compliance.organization_id,
      'supplier_id', raised.supplier_id,
      'supplier', (SELECT o.code FROM @extschema@.supplier s JOIN @extschema@.organization o ON o.id = s.supplier_org_id
                   WHERE s.organization_id = check_supplier_compliance.organization_id AND s.id = raised.supplier_id),
      'severity', raised.severity,
      'open_findings', raised.open_findings,
      'tolerated', raised.tolerated)::text);
  END LOOP;
  RETURN n;
END
$$;
COMMENT ON FUNCTION @extschema@.check_supplier_compliance(uuid, uuid) IS
  'Compares each supplier''s open findings per severity with the organisation''s thresholds '
  '(supplier_finding_threshold_setting, else the shipped ones) and, where over and no alert is open for it, writes '
  'a supplier_compliance_alert and sends NOTIFY iec62443p2_supplier_compliance (JSON: supplier, severity, '
  'open_findings, tolerated).  One supplier or (NULL) all; returns the number of alerts raised.  Findings call it.';

CREATE FUNCTION @extschema@.supplier_finding_after()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM @extschema@.supplier_audit a
                 WHERE a.organization_id = NEW.organization_id AND a.id = NEW.audit_id AND a.supplier_id = NEW.supplier_id) THEN
    RAISE EXCEPTION 'supplier_audit_finding: supplier % is not the supplier of audit %', NEW.supplier_id, NEW.audit_id
      USING ERRCODE = 'foreign_key_violation';
  END IF;
  PERFORM @extschema@.check_supplier_compliance(NEW.organization_id, NEW.supplier_id);
  RETURN NULL;
END
$$;
COMMENT ON FUNCTION @extschema@.supplier_finding_after() IS
  'Trigger function: a finding belongs to its audit''s supplier (23503); runs check_supplier_compliance for it.';
CREATE TRIGGER supplier_audit_finding_compliance AFTER INSERT OR UPDATE
  ON @extschema@.supplier_audit_finding FOR EACH ROW EXECUTE FUNCTION @extschema@.supplier_finding_after();

INSERT INTO @extschema@.object_access_class (object_name, object_class, reader_hidden_columns) VALUES
  ('supplier_audit_interval_default', 'catalog', '{}'),
  ('supplier_finding_threshold_default', 'catalog', '{}'),
  ('supplier_audit_interval_setting', 'program', '{}'),
  ('supplier_finding_threshold_setting', 'program', '{}'),
  ('supplier_audit', 'program', '{}'),
  ('supplier_audit_finding', 'program', '{}'),
  ('supplier_compliance_alert', 'program', '{}');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.supplier_audit_interval_setting', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.supplier_finding_threshold_setting', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.supplier_audit', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.supplier_audit_finding', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.supplier_compliance_alert', '');
