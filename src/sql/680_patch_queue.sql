-- The patch queue (issue 5, "Views"): every applicable, unremediated (asset, vulnerability), ranked
-- by patch_priority with the asset's effective criticality, requirements and zone exposure and the
-- organisation's own priority parameters.

CREATE VIEW @extschema@.patch_queue WITH (security_invoker = true) AS
WITH parameters AS MATERIALIZED (
  -- each organisation's parameters read once, not once per row
  SELECT o.id AS organization_id, @extschema@.patch_priority_parameters(o.id) AS parameters
  FROM @extschema@.organization o
),
finding AS (
  SELECT av.id, av.organization_id, av.asset_id, av.vulnerability_id, av.detected_at,
         a.tag, a.name, a.asset_type, a.lifecycle_state, a.safety_related, a.zone_id,
         coalesce(ec.effective_criticality, a.criticality) AS effective_criticality,
         zx.ssvc_system_exposure AS exposure,
         v.cve_id, v.title, v.cvss, v.epss, v.epss_percentile, v.kev, v.kev_due_on, v.published_on,
         @extschema@.cvss_with_requirements(v.cvss, a.confidentiality_requirement, a.integrity_requirement,
                                            a.availability_requirement) AS asset_cvss,
         p.parameters
  FROM @extschema@.asset_vulnerability av
  JOIN @extschema@.asset a ON a.organization_id = av.organization_id AND a.id = av.asset_id
  JOIN @extschema@.vulnerability v ON v.organization_id = av.organization_id AND v.id = av.vulnerability_id
  JOIN parameters p ON p.organization_id = av.organization_id
  LEFT JOIN @extschema@.asset_effective_criticality ec ON ec.organization_id = a.organization_id AND ec.id = a.id
  LEFT JOIN @extschema@.zone z ON z.organization_id = a.organization_id AND z.id = a.zone_id
  LEFT JOIN @extschema@.zone_exposure_setting zx ON zx.organization_id = z.organization_id AND zx.exposure = z.exposure
  WHERE av.resolved_at IS NULL AND av.applicability = 'affected'
),
scored AS (
  SELECT f.*,
         @extschema@.patch_decision(f.asset_cvss, f.epss, f.kev, f.effective_criticality, f.safety_related,
                                    f.exposure, false, f.parameters) AS decision,
         @extschema@.patch_priority(f.asset_cvss, f.epss, f.kev, f.effective_criticality, f.safety_related,
                                    f.exposure, false, f.parameters) AS priority
  FROM finding f
)
SELECT s.id,
       s.organization_id,
       o.code AS organization_code,
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
       @extschema@.cvss_score(s.asset_cvss)::numeric(3,1) AS asset_cvss_score,
       @extschema@.cvss_severity(s.asset_cvss) AS asset_cvss_severity,
       s.epss,
       s.epss_percentile,
       s.kev,
       s.kev_due_on,
       s.published_on,
       s.detected_at,
       pg_catalog.round((pg_catalog.date_part('epoch', pg_catalog.now() - s.detected_at) / 86400)::numeric, 1)::numeric(8,1) AS days_open,
       s.decision,
       s.priority::numeric(4,1) AS priority,
       pg_catalog.rank() OVER (PARTITION BY s.organization_id ORDER BY s.priority DESC, s.kev DESC, s.epss DESC NULLS LAST)
         AS queue_rank
FROM scored s
JOIN @extschema@.organization o ON o.id = s.organization_id
LEFT JOIN @extschema@.zone z ON z.organization_id = s.organization_id AND z.id = s.zone_id
LEFT JOIN @extschema@.site st ON st.organization_id = z.organization_id AND st.id = z.site_id;
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

INSERT INTO @extschema@.object_access_class (object_name, object_class) VALUES ('patch_queue', 'view');
