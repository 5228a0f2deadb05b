-- Supplier incidents: security incidents at or caused by a supplier, with the times they
-- occurred, were detected, responded to and resolved (the seed's incident frequency and response
-- time are computed from these, never typed in).

CREATE TABLE @extschema@.supplier_incident (
  organization_id uuid NOT NULL,
  id              uuid NOT NULL DEFAULT pg_catalog.gen_random_uuid(),
  supplier_id     uuid NOT NULL,
  title           text NOT NULL CONSTRAINT supplier_incident_title_not_blank CHECK (pg_catalog.btrim(title) <> ''),
  severity        text NOT NULL CONSTRAINT supplier_incident_severity CHECK (severity IN ('critical', 'high', 'medium', 'low')),
  occurred_at     timestamptz,
  detected_at     timestamptz NOT NULL,
  responded_at    timestamptz,
  resolved_at     timestamptz,
  notified_by_supplier boolean NOT NULL DEFAULT false,
  description     text,
  PRIMARY KEY (organization_id, id),
  CONSTRAINT supplier_incident_detected_after_occurred CHECK (occurred_at IS NULL OR detected_at >= occurred_at),
  CONSTRAINT supplier_incident_responded_after_detected CHECK (responded_at IS NULL OR responded_at >= detected_at),
  CONSTRAINT supplier_incident_resolved_after_responded
    CHECK (resolved_at IS NULL OR (responded_at IS NOT NULL AND resolved_at >= responded_at)),
  FOREIGN KEY (organization_id, supplier_id) REFERENCES @extschema@.supplier (organization_id, id)
);
CREATE INDEX supplier_incident_supplier_idx ON @extschema@.supplier_incident (organization_id, supplier_id, detected_at);
COMMENT ON TABLE @extschema@.supplier_incident IS
  'Security incidents involving a supplier, with occurred, detected, responded and resolved times.';
COMMENT ON COLUMN @extschema@.supplier_incident.organization_id IS 'The organisation affected.';
COMMENT ON COLUMN @extschema@.supplier_incident.id IS 'Identifier.';
COMMENT ON COLUMN @extschema@.supplier_incident.supplier_id IS 'The supplier involved.';
COMMENT ON COLUMN @extschema@.supplier_incident.title IS 'Short description.';
COMMENT ON COLUMN @extschema@.supplier_incident.severity IS 'critical, high, medium or low.';
COMMENT ON COLUMN @extschema@.supplier_incident.occurred_at IS 'When it occurred, if known.';
COMMENT ON COLUMN @extschema@.supplier_incident.detected_at IS 'When it was detected.';
COMMENT ON COLUMN @extschema@.supplier_incident.responded_at IS 'When the response started; NULL until then.';
COMMENT ON COLUMN @extschema@.supplier_incident.resolved_at IS 'When it was resolved; NULL until then (needs responded_at).';
COMMENT ON COLUMN @extschema@.supplier_incident.notified_by_supplier IS 'Whether the supplier notified it (the breach notification clause at work).';
COMMENT ON COLUMN @extschema@.supplier_incident.description IS 'What happened.';

INSERT INTO @extschema@.object_access_class (object_name, object_class, reader_hidden_columns) VALUES
  ('supplier_incident', 'program', '{}');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.supplier_incident', '');
