-- The patch queue (issue 5, "Views"): every applicable, unremediated (asset, vulnerability), ranked
-- by patch_priority with the asset's effective criticality, requirements and zone exposure and the
-- organisation's own priority parameters; with its due date and SLA state, the exception that
-- covers it (its compensating controls count in the priority) and the patch that fixes it.

CREATE VIEW @extschema@.vulnerability_finding WITH (security_invoker = true) AS
WITH parameters AS MATERIALIZED (
  -- each organisation's parameters read once, not once per row
  SELECT o.id AS organization_id, @extschema@.patch_priority_parameters(o.id) AS parameters
  FROM @extschema@.organization o
),
finding AS (
  SELECT av.id, av.organization_id, av.asset_id, av.vulnerability_id, av.detected_at, av.resolved_at, av.resolution,
         a.tag, a.name, a.asset_type, a.lifecycle_state, a.safety_related, a.zone_id,
         coalesce(ec.effective_criticality, a.criticality) AS effective_criticality,
         zx.ssvc_system_exposure AS exposure,
         v.cve_id, v.title, v.cvss, v.epss, v.epss_percentile, v.kev, v.kev_due_on, v.published_on,
         @extschema@.cvss_with_requirements(v.cvss, a.confidentiality_requirement, a.integrity_requirement,
                                            a.availability_requirement) AS asset_cvss,
         p.parameters,
         x.code AS exception_code, x.expires_on AS exception_expires_on
  FROM @extschema@.asset_vulnerability av
  JOIN @extschema@.asset a ON a.organization_id = av.organization_id AND a.id = av.asset_id
  JOIN @extschema@.vulnerability v ON v.organization_id = av.organization_id AND v.id = av.vulnerability_id
  JOIN parameters p ON p.organization_id = av.organization_id
  LEFT JOIN @extschema@.asset_effective_criticality ec ON ec.organization_id = a.organization_id AND ec.id = a.id
  LEFT JOIN @extschema@.zone z ON z.organization_id = a.organization_id AND z.id = a.zone_id
  LEFT JOIN @extschema@.zone_exposure_setting zx ON zx.organization_id = z.organization_id AND zx.exposure = z.exposure
  -- the approved exception covering it now (exception_covers), the one lasting longest
  LEFT JOIN LATERAL (
    SELECT e.code, e.expires_on
    FROM @extschema@.vulnerability_exception e
    WHERE e.organization_id = av.organization_id AND e.asset_id = av.asset_id
      AND (e.vulnerability_id IS NULL OR e.vulnerability_id = av.vulnerability_id)
      AND e.status = 'approved' AND e.decided_at <= pg_catalog.now()
      AND (pg_catalog.now() AT TIME ZONE 'UTC')::date <= e.expires_on
    ORDER BY e.expires_on DESC, e.code
    LIMIT 1
  ) x ON true
  WHERE av.applicability = 'affected'
     -- or undetermined, and a person decided it applies
     OR EXISTS (SELECT 1 FROM @extschema@.asset_vulnerability_review r
                WHERE r.organization_id = av.organization_id AND r.asset_vulnerability_id = av.id AND r.verdict = 'affected')
),
scored AS (
  SELECT f.*,
         @extschema@.patch_decision(f.asset_cvss, f.epss, f.kev, f.effective_criticality, f.safety_related,
                                    f.exposure, f.exception_code IS NOT NULL, f.parameters) AS decision,
         @extschema@.patch_priority(f.asset_cvss, f.epss, f.kev, f.effective_criticality, f.safety_related,
                                    f.exposure, f.exception_code IS NOT NULL, f.parameters) AS priority
  FROM finding f
),
due AS (
  -- remediation_due_on's rule, with the SLA days joined once instead of read per row
  SELECT s.*,
         LEAST((s.detected_at AT TIME ZONE 'UTC')::date + coalesce(sla.days, dflt.days), s.kev_due_on) AS due_on
  FROM scored s
  LEFT JOIN @extschema@.remediation_sla_setting sla ON sla.organization_id = s.organization_id AND sla.band = s.decision
  LEFT JOIN @extschema@.remediation_sla_default dflt ON dflt.settings_profile = 'default' AND dflt.band = s.decision
)
SELECT s.id,
       s.organization_id,
       o.code AS organization_code,
       z.site_id,
       st.code AS site_code,
       z.name AS zone,
       s.asset_id,
       s.tag AS asset_tag,
       s.name AS asset_name,
       s.asset_type,
       s.lifecycle_state,
       s.effective_criticality,
       s.safety_related,
       s.exposure,
       s.vulnerability_id,
       s.cve_id,
       s.title,
       s.cvss::text AS cvss_vector,
       @extschema@.cvss_score(s.cvss)::numeric(3,1) AS cvss_score,
       @extschema@.cvss_severity(s.cvss) AS cvss_severity,
       @extschema@.cvss_score(s.asset_cvss)::numeric(3,1) AS asset_cvss_score,
       @extschema@.cvss_severity(s.asset_cvss) AS asset_cvss_severity,
       s.epss,
       s.epss_percentile,
       s.kev,
       s.kev_due_on,
       s.published_on,
       s.detected_at,
       s.resolved_at,
       s.resolution,
       pg_catalog.round((pg_catalog.date_part('epoch', coalesce(s.resolved_at, pg_catalog.now()) - s.detected_at) / 86400)::numeric, 1)::numeric(8,1)
         AS days_open,
       s.decision,
       s.priority::numeric(4,1) AS priority,
       s.due_on,
       @extschema@.remediation_sla_state(s.organization_id, s.due_on, s.resolved_at, pg_catalog.now()) AS sla_state,
       s.exception_code IS NOT NULL AS exception_covered,
       s.exception_code,
       s.exception_expires_on
FROM due s
JOIN @extschema@.organization o ON o.id = s.organization_id
LEFT JOIN @extschema@.zone z ON z.organization_id = s.organization_id AND z.id = s.zone_id
LEFT JOIN @extschema@.site st ON st.organization_id = z.organization_id AND st.id = z.site_id;
COMMENT ON VIEW @extschema@.vulnerability_finding IS
  'Every (asset, vulnerability) an affected range applies to (or a person decided applies: asset_vulnerability_review), '
  'open or resolved, scored as the patch queue scores it '
  '(priority band and priority today, with the asset''s requirements, effective criticality and zone exposure, the '
  'covering exception''s compensating controls and the organisation''s parameters), with its due date and SLA state: '
  'the findings the patch KPIs count.';
COMMENT ON COLUMN @extschema@.vulnerability_finding.id IS 'The finding (asset_vulnerability.id).';
COMMENT ON COLUMN @extschema@.vulnerability_finding.organization_id IS 'Owning organisation.';
COMMENT ON COLUMN @extschema@.vulnerability_finding.organization_code IS 'Organisation code.';
COMMENT ON COLUMN @extschema@.vulnerability_finding.site_id IS 'Site of the asset''s zone.';
COMMENT ON COLUMN @extschema@.vulnerability_finding.site_code IS 'Site code.';
COMMENT ON COLUMN @extschema@.vulnerability_finding.zone IS 'Zone of the asset.';
COMMENT ON COLUMN @extschema@.vulnerability_finding.asset_id IS 'The asset.';
COMMENT ON COLUMN @extschema@.vulnerability_finding.asset_tag IS 'Asset tag.';
COMMENT ON COLUMN @extschema@.vulnerability_finding.asset_name IS 'Asset name.';
COMMENT ON COLUMN @extschema@.vulnerability_finding.asset_type IS 'Asset type.';
COMMENT ON COLUMN @extschema@.vulnerability_finding.lifecycle_state IS 'Asset lifecycle state.';
COMMENT ON COLUMN @extschema@.vulnerability_finding.effective_criticality IS 'Effective criticality 1..5 (inherited along asset dependencies).';
COMMENT ON COLUMN @extschema@.vulnerability_finding.safety_related IS 'Whether the asset is safety related.';
COMMENT ON COLUMN @extschema@.vulnerability_finding.exposure IS 'SSVC system exposure of the asset''s zone; NULL without a zone (scored as controlled).';
COMMENT ON COLUMN @extschema@.vulnerability_finding.vulnerability_id IS 'The vulnerability.';
COMMENT ON COLUMN @extschema@.vulnerability_finding.cve_id IS 'CVE identifier.';
COMMENT ON COLUMN @extschema@.vulnerability_finding.title IS 'Vulnerability title.';
COMMENT ON COLUMN @extschema@.vulnerability_finding.cvss_vector IS 'CVSS vector as published (text).';
COMMENT ON COLUMN @extschema@.vulnerability_finding.cvss_score IS 'CVSS score of the published vector.';
COMMENT ON COLUMN @extschema@.vulnerability_finding.cvss_severity IS 'Severity of the published vector: none, low, medium, high or critical.';
COMMENT ON COLUMN @extschema@.vulnerability_finding.asset_cvss_score IS 'CVSS score with the asset''s requirements applied.';
COMMENT ON COLUMN @extschema@.vulnerability_finding.asset_cvss_severity IS 'Severity of asset_cvss_score.';
COMMENT ON COLUMN @extschema@.vulnerability_finding.epss IS 'EPSS probability.';
COMMENT ON COLUMN @extschema@.vulnerability_finding.epss_percentile IS 'EPSS percentile.';
COMMENT ON COLUMN @extschema@.vulnerability_finding.kev IS 'Listed in CISA KEV.';
COMMENT ON COLUMN @extschema@.vulnerability_finding.kev_due_on IS 'KEV remediation due date.';
COMMENT ON COLUMN @extschema@.vulnerability_finding.published_on IS 'Public disclosure date.';
COMMENT ON COLUMN @extschema@.vulnerability_finding.detected_at IS 'When the vulnerability was found to apply to the asset.';
COMMENT ON COLUMN @extschema@.vulnerability_finding.resolved_at IS 'When it stopped applying; NULL while open.';
COMMENT ON COLUMN @extschema@.vulnerability_finding.resolution IS 'patched, version_changed, no_longer_affected or asset_retired.';
COMMENT ON COLUMN @extschema@.vulnerability_finding.days_open IS 'Days from detection to resolution, or to now while open (vulnerability aging).';
COMMENT ON COLUMN @extschema@.vulnerability_finding.decision IS 'patch_decision today: immediate, out-of-cycle, scheduled or defer (the priority band).';
COMMENT ON COLUMN @extschema@.vulnerability_finding.priority IS 'patch_priority today, 0..100.';
COMMENT ON COLUMN @extschema@.vulnerability_finding.due_on IS
  'Remediation due date (remediation_due_on): detection date plus the organisation''s SLA days for the band, or the '
  'KEV due date when earlier.';
COMMENT ON COLUMN @extschema@.vulnerability_finding.sla_state IS 'remediation_sla_state today: open, due_soon, overdue, met or missed.';
COMMENT ON COLUMN @extschema@.vulnerability_finding.exception_covered IS 'An approved, unexpired exception covers it today.';
COMMENT ON COLUMN @extschema@.vulnerability_finding.exception_code IS 'The covering exception (the one lasting longest).';
COMMENT ON COLUMN @extschema@.vulnerability_finding.exception_expires_on IS 'When the covering exception expires.';

CREATE VIEW @extschema@.patch_queue WITH (security_invoker = true) AS
SELECT f.id,
       f.organization_id,
       f.organization_code,
       f.site_code,
       f.zone,
       f.asset_id,
       f.asset_tag,
       f.asset_name,
       f.asset_type,
       f.lifecycle_state,
       f.effective_criticality,
       f.safety_related,
       f.exposure,
       f.vulnerability_id,
       f.cve_id,
       f.title,
       f.cvss_vector,
       f.cvss_score,
       f.asset_cvss_score,
       f.asset_cvss_severity,
       f.epss,
       f.epss_percentile,
       f.kev,
       f.kev_due_on,
       f.published_on,
       f.detected_at,
       f.days_open,
       f.decision,
       f.priority,
       pg_catalog.rank() OVER (PARTITION BY f.organization_id ORDER BY f.priority DESC, f.kev DESC, f.epss DESC NULLS LAST)
         AS queue_rank,
       f.due_on,
       f.sla_state,
       f.due_on - (pg_catalog.now() AT TIME ZONE 'UTC')::date AS days_to_due,
       f.exception_covered,
       f.exception_code,
       f.exception_expires_on,
       fix.code AS patch_code,
       fix.vendor_qualification AS patch_qualification,
       fix.state AS deployment_state
FROM @extschema@.vulnerability_finding f
-- the newest patch that fixes it, and where its deployment on this asset stands
LEFT JOIN LATERAL (
  SELECT pt.code, pt.vendor_qualification, d.state
  FROM @extschema@.patch_vulnerability pv
  JOIN @extschema@.patch pt ON pt.organization_id = pv.organization_id AND pt.id = pv.patch_id
  LEFT JOIN @extschema@.patch_deployment d
    ON d.organization_id = pv.organization_id AND d.patch_id = pv.patch_id AND d.asset_id = f.asset_id
  WHERE pv.organization_id = f.organization_id AND pv.vulnerability_id = f.vulnerability_id
  ORDER BY pt.released_on DESC NULLS LAST, pt.code
  LIMIT 1
) fix ON true
WHERE f.resolved_at IS NULL;
COMMENT ON VIEW @extschema@.patch_queue IS
  'Every applicable, unremediated (asset, vulnerability) (asset_vulnerability: affected and open), ranked per organisation '
  'by patch_priority over the vector with the asset''s requirements, EPSS, KEV, the asset''s effective criticality '
  '(inherited along dependencies), safety relevance and zone exposure, with the organisation''s priority parameters.';
COMMENT ON COLUMN @extschema@.patch_queue.id IS 'The finding (asset_vulnerability.id).';
COMMENT ON COLUMN @extschema@.patch_queue.organization_id IS 'Owning organisation.';
COMMENT ON COLUMN @extschema@.patch_queue.organization_code IS 'Organisation code.';
COMMENT ON COLUMN @extschema@.patch_queue.site_code IS 'Site of the asset''s zone.';
COMMENT ON COLUMN @extschema@.patch_queue.zone IS 'Zone of the asset.';
COMMENT ON COLUMN @extschema@.patch_queue.asset_id IS 'The asset.';
COMMENT ON COLUMN @extschema@.patch_queue.asset_tag IS 'Asset tag.';
COMMENT ON COLUMN @extschema@.patch_queue.asset_name IS 'Asset name.';
COMMENT ON COLUMN @extschema@.patch_queue.asset_type IS 'Asset type.';
COMMENT ON COLUMN @extschema@.patch_queue.lifecycle_state IS 'Asset lifecycle state (legacy and unsupported assets are candidates for exceptions).';
COMMENT ON COLUMN @extschema@.patch_queue.effective_criticality IS 'Effective criticality 1..5 (inherited along asset dependencies, highest wins).';
COMMENT ON COLUMN @extschema@.patch_queue.safety_related IS 'Whether the asset is safety related.';
COMMENT ON COLUMN @extschema@.patch_queue.exposure IS 'SSVC system exposure of the asset''s zone (small, controlled, open); NULL without a zone (scored as controlled).';
COMMENT ON COLUMN @extschema@.patch_queue.vulnerability_id IS 'The vulnerability.';
COMMENT ON COLUMN @extschema@.patch_queue.cve_id IS 'CVE identifier.';
COMMENT ON COLUMN @extschema@.patch_queue.title IS 'Vulnerability title.';
COMMENT ON COLUMN @extschema@.patch_queue.cvss_vector IS 'CVSS vector as published (text).';
COMMENT ON COLUMN @extschema@.patch_queue.cvss_score IS 'CVSS score of the published vector.';
COMMENT ON COLUMN @extschema@.patch_queue.asset_cvss_score IS 'CVSS score with the asset''s confidentiality, integrity and availability requirements applied.';
COMMENT ON COLUMN @extschema@.patch_queue.asset_cvss_severity IS 'Severity of asset_cvss_score.';
COMMENT ON COLUMN @extschema@.patch_queue.epss IS 'EPSS probability.';
COMMENT ON COLUMN @extschema@.patch_queue.epss_percentile IS 'EPSS percentile.';
COMMENT ON COLUMN @extschema@.patch_queue.kev IS 'Listed in CISA KEV.';
COMMENT ON COLUMN @extschema@.patch_queue.kev_due_on IS 'KEV remediation due date.';
COMMENT ON COLUMN @extschema@.patch_queue.published_on IS 'Public disclosure date.';
COMMENT ON COLUMN @extschema@.patch_queue.detected_at IS 'When the vulnerability was found to apply to the asset.';
COMMENT ON COLUMN @extschema@.patch_queue.days_open IS 'Days since detected_at (vulnerability aging).';
COMMENT ON COLUMN @extschema@.patch_queue.decision IS 'patch_decision: immediate, out-of-cycle, scheduled or defer (the priority band).';
COMMENT ON COLUMN @extschema@.patch_queue.priority IS 'patch_priority 0..100.';
COMMENT ON COLUMN @extschema@.patch_queue.queue_rank IS 'Rank in the organisation''s queue (1 = patch first): priority, then KEV, then EPSS.';
COMMENT ON COLUMN @extschema@.patch_queue.due_on IS
  'Remediation due date (remediation_due_on): detection date plus the organisation''s SLA days for the decision''s band, '
  'or the KEV due date when earlier.';
COMMENT ON COLUMN @extschema@.patch_queue.sla_state IS 'open, due_soon or overdue (remediation_sla_state today).';
COMMENT ON COLUMN @extschema@.patch_queue.days_to_due IS 'Days until the due date (negative: overdue by that many days).';
COMMENT ON COLUMN @extschema@.patch_queue.exception_covered IS
  'An approved, unexpired exception covers it (its compensating controls lower the priority: compensated).';
COMMENT ON COLUMN @extschema@.patch_queue.exception_code IS 'The covering exception (the one lasting longest).';
COMMENT ON COLUMN @extschema@.patch_queue.exception_expires_on IS 'When the covering exception expires.';
COMMENT ON COLUMN @extschema@.patch_queue.patch_code IS 'The newest patch that fixes the vulnerability; NULL when none is recorded.';
COMMENT ON COLUMN @extschema@.patch_queue.patch_qualification IS 'Vendor qualification of that patch: qualified, not_qualified or not_tested.';
COMMENT ON COLUMN @extschema@.patch_queue.deployment_state IS
  'State of that patch''s deployment on the asset (identified .. verified, rolled_back); NULL when not started.';

INSERT INTO @extschema@.object_access_class (object_name, object_class) VALUES
  ('vulnerability_finding', 'view'),
  ('patch_queue', 'view');
