-- The band a finding's SLA runs by, recorded when it is detected: the patch queue ranks by today's
-- inputs, but a due date must not move when EPSS, KEV, the asset or an exception change later,
-- and "remediated within SLA" is measured against the due date the finding had.

ALTER TABLE @extschema@.asset_vulnerability
  ADD COLUMN sla_band text REFERENCES @extschema@.patch_priority_band (code);
CREATE INDEX asset_vulnerability_sla_band_idx ON @extschema@.asset_vulnerability (sla_band);
COMMENT ON COLUMN @extschema@.asset_vulnerability.sla_band IS
  'The priority band (patch_decision) when the finding was detected as affected, recorded by trigger: its remediation '
  'SLA runs by it.  NULL while undetermined.';

-- Set-based over the statement's new affected rows: one criticality walk per asset, the parameters
-- once per organisation, the rest joined (a bulk match of thousands of rows stays one pass).
CREATE FUNCTION @extschema@.asset_vulnerability_record_sla_band()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
  -- (also what ends the recursion: this UPDATE fires the statement trigger once more, with no
  -- band left to record)
  IF NOT EXISTS (SELECT 1 FROM new_rows n
                 WHERE n.applicability = 'affected' AND n.sla_band IS NULL AND n.resolved_at IS NULL) THEN
    RETURN NULL;
  END IF;
  WITH fresh AS (
    SELECT n.organization_id, n.id, n.asset_id, n.vulnerability_id, n.detected_at
    FROM new_rows n
    WHERE n.applicability = 'affected' AND n.sla_band IS NULL AND n.resolved_at IS NULL
  ), criticality AS (
    SELECT x.organization_id, x.asset_id,
           @extschema@.asset_effective_criticality(x.organization_id, x.asset_id)::integer AS criticality
    FROM (SELECT DISTINCT f.organization_id, f.asset_id FROM fresh f) x
  ), parameters AS (
    SELECT x.organization_id, @extschema@.patch_priority_parameters(x.organization_id) AS parameters
    FROM (SELECT DISTINCT f.organization_id FROM fresh f) x
  )
  UPDATE @extschema@.asset_vulnerability av
  SET sla_band = @extschema@.patch_decision(
        @extschema@.cvss_with_requirements(v.cvss, a.confidentiality_requirement, a.integrity_requirement,
                                           a.availability_requirement),
        v.epss, v.kev, c.criticality, a.safety_related, zx.ssvc_system_exposure,
        @extschema@.exception_covers(f.organization_id, f.asset_id, f.vulnerability_id, f.detected_at), p.parameters)
  FROM fresh f
  JOIN @extschema@.asset a ON a.organization_id = f.organization_id AND a.id = f.asset_id
  JOIN @extschema@.vulnerability v ON v.organization_id = f.organization_id AND v.id = f.vulnerability_id
  JOIN criticality c ON c.organization_id = f.organization_id AND c.asset_id = f.asset_id
  JOIN parameters p ON p.organization_id = f.organization_id
  LEFT JOIN @extschema@.zone z ON z.organization_id = a.organization_id AND z.id = a.zone_id
  LEFT JOIN @extschema@.zone_exposure_setting zx ON zx.organization_id = z.organization_id AND zx.exposure = z.exposure
  WHERE av.organization_id = f.organization_id AND av.id = f.id;
  RETURN NULL;
END
$$;
COMMENT ON FUNCTION @extschema@.asset_vulnerability_record_sla_band() IS
  'Trigger function: records the band (patch_decision, with the same inputs as patch_queue at the time) of findings '
  'that became affected in the statement and have none yet.';

-- Ordinary triggers: a restore with session_replication_role = replica keeps the recorded bands.
CREATE TRIGGER asset_vulnerability_record_sla_band_insert AFTER INSERT ON @extschema@.asset_vulnerability
  REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.asset_vulnerability_record_sla_band();
-- an undetermined finding a new range or version makes affected gets its band then
CREATE TRIGGER asset_vulnerability_record_sla_band_update AFTER UPDATE ON @extschema@.asset_vulnerability
  REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.asset_vulnerability_record_sla_band();
