--
-- The patch queue and the patch KPIs: applicable, open findings ranked by patch_priority with the
-- asset's effective criticality (inherited along dependencies), requirements and zone exposure;
-- due dates and SLA states from the organisation's SLAs and KEV; an approved exception's
-- compensating controls lower the priority; the fixing patch and its deployment; remediated
-- findings leave the queue; KPIs from the recorded events; deployments placed into windows.
-- Times are relative to now() so the SLA states do not age.
--
CREATE EXTENSION iec62443p2;
SET search_path = iec62443p2, public;
SET timezone = 'UTC';
\set VERBOSITY terse

INSERT INTO organization (id, code, name) VALUES ('00000000-0000-4000-8000-000000000001', 'CRU', 'Cascade Regional Utilities');
INSERT INTO site (organization_id, id, code, name, time_zone) VALUES
  ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-0000000000a1', 'WTP', 'Water treatment', 'America/Los_Angeles');
INSERT INTO zone (organization_id, id, site_id, name, exposure) VALUES
  ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000011', '00000000-0000-4000-8000-0000000000a1', 'WTP control', 'control'),
  ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000012', '00000000-0000-4000-8000-0000000000a1', 'WTP remote access', 'internet_facing');
INSERT INTO person (organization_id, id, full_name) VALUES
  ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000031', 'Priya Raman'),
  ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000032', 'Daniel Okafor');
INSERT INTO product (organization_id, id, vendor, name) VALUES
  ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000201', 'Rockwell Automation', 'ControlLogix 5580'),
  ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000202', 'Microsoft', 'Windows 7'),
  ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000203', 'Fortinet', 'FortiGate');

-- detections 40 days ago
SELECT set_config('iec62443p2.changed_at', (now() - interval '40 days')::text, false) IS NOT NULL AS backdated;
INSERT INTO asset (organization_id, id, tag, name, asset_type, vendor, product, version, criticality, safety_related,
                   lifecycle_state, zone_id, integrity_requirement, availability_requirement) VALUES
  ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000041', 'PLC-1', 'Filter PLC', 'plc',
   'Rockwell Automation', 'ControlLogix 5580', '33.011', 5, true, 'in_service', '00000000-0000-4000-8000-000000000011', 'high', 'high'),
  ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000042', 'EWS-1', 'Engineering WS', 'engineering_workstation',
   'Microsoft', 'Windows 7', '6.1.7601', 2, false, 'in_service', '00000000-0000-4000-8000-000000000011', 'medium', 'medium'),
  ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000043', 'HMI-1', 'Old HMI', 'hmi',
   'Microsoft', 'Windows 7', '6.1.7601', 2, false, 'legacy', '00000000-0000-4000-8000-000000000011', 'medium', 'medium'),
  ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000044', 'FW-1', 'Remote access firewall', 'firewall',
   'Fortinet', 'FortiGate', '7.2.4', 4, false, 'in_service', '00000000-0000-4000-8000-000000000012', 'high', 'high'),
  ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000045', 'FW-SPARE', 'Spare firewall, not zoned', 'firewall',
   'Fortinet', 'FortiGate', '7.2.4', 4, false, 'in_service', NULL, 'high', 'high');
-- the engineering workstation programs the PLC: it inherits criticality 5
INSERT INTO asset_dependency (organization_id, supporting_asset_id, supported_asset_id)
VALUES ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000042', '00000000-0000-4000-8000-000000000041');
INSERT INTO vulnerability (organization_id, id, cve_id, title, cvss, published_on, epss, epss_percentile, epss_on, kev, kev_added_on, kev_due_on) VALUES
  ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000101', 'CVE-2024-6242', 'Logix trusted-slot bypass',
   'CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:C/C:N/I:H/A:N', now()::date - 60, 0.02, 0.60, now()::date - 1, false, NULL, NULL),
  ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000102', 'CVE-2019-0708', 'RDP pre-auth RCE',
   'CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', now()::date - 400, 0.94, 0.999, now()::date - 1, true, now()::date - 50, now()::date - 10),
  ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000103', 'CVE-2024-21762', 'FortiOS SSL VPN out-of-bounds write',
   'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', now()::date - 45, 0.92, 0.998, now()::date - 1, true, now()::date - 44, now()::date + 20);
INSERT INTO vulnerability_affected_product (organization_id, vulnerability_id, product_id, affected_range, fixed_version) VALUES
  ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000101', '00000000-0000-4000-8000-000000000201', 'vers:intdot/<33.015', '33.015'),
  ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000102', '00000000-0000-4000-8000-000000000202', 'vers:intdot/*', NULL),
  ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000103', '00000000-0000-4000-8000-000000000203', 'vers:intdot/>=7.2.0|<7.2.7', '7.2.7');
RESET iec62443p2.changed_at;

-- the queue: KEV-listed flaws on the internet-facing firewall and on the workstation that
-- programs a safety PLC come first; the unzoned spare has no exposure (scored as controlled)
SELECT queue_rank, asset_tag, cve_id, effective_criticality AS crit, exposure, asset_cvss_score AS score, epss, kev,
       decision, priority, due_on - detected_at::date AS due_in_days, sla_state, exception_covered AS exc, patch_code
FROM patch_queue ORDER BY queue_rank, asset_tag;
-- the due date is remediation_due_on's, row by row
SELECT count(*) AS findings,
       count(*) FILTER (WHERE due_on = remediation_due_on(organization_id, decision, detected_at, kev_due_on)) AS due_as_remediation_due_on
FROM patch_queue;

-- an approved exception on the legacy HMI: its compensating controls lower the priority
SELECT priority AS before_exception FROM patch_queue WHERE asset_tag = 'HMI-1';
INSERT INTO vulnerability_exception (organization_id, code, asset_id, vulnerability_id, reason, compensating_controls,
                                     requested_by, requested_at) VALUES
  ('00000000-0000-4000-8000-000000000001', 'EX-1', '00000000-0000-4000-8000-000000000043', NULL, 'Windows 7 HMI, no vendor support',
   'Isolated VLAN, RDP disabled, application allow-listing', '00000000-0000-4000-8000-000000000031', now() - interval '5 days');
UPDATE vulnerability_exception SET status = 'approved', decided_by = '00000000-0000-4000-8000-000000000032',
       decided_at = now() - interval '4 days', expires_on = now()::date + 100 WHERE code = 'EX-1';
SELECT priority AS with_exception, decision, exception_covered, exception_code, exception_expires_on - now()::date AS expires_in_days
FROM patch_queue WHERE asset_tag = 'HMI-1';

-- a patch for the FortiOS flaw: identified on both firewalls, assessed (out-of-cycle: a manager approves)
INSERT INTO patch (organization_id, id, code, title, vendor, installs_version, vendor_qualification, rollback_plan, estimated_duration_hours, released_on) VALUES
  ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000301', 'FOS-7.2.7', 'FortiOS 7.2.7', 'Fortinet', '7.2.7',
   'qualified', 'Boot the alternate firmware partition', 1.5, now()::date - 40);
INSERT INTO patch_vulnerability (organization_id, patch_id, vulnerability_id) VALUES
  ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000301', '00000000-0000-4000-8000-000000000103');
SELECT patch_identify_deployments('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000301') AS deployments;
INSERT INTO patch_deployment_transition (organization_id, deployment_id, to_state, note)
SELECT organization_id, id, 'assessed', 'triage' FROM patch_deployment;
INSERT INTO patch_approver (organization_id, person_id, route) VALUES
  ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000032', 'manager');
INSERT INTO patch_deployment_transition (organization_id, deployment_id, to_state, by_person_id, note)
SELECT organization_id, id, 'approved', '00000000-0000-4000-8000-000000000032', 'out-of-cycle change' FROM patch_deployment;
SELECT asset_tag, cve_id, patch_code, patch_qualification, deployment_state FROM patch_queue WHERE patch_code IS NOT NULL ORDER BY asset_tag;

-- a Windows hotfix without a rollback plan: production refuses to deploy it, so it is not placed
INSERT INTO patch (organization_id, id, code, title, vendor, estimated_duration_hours, released_on) VALUES
  ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000302', 'KB4499175', 'RDP hotfix', 'Microsoft', 0.5, now()::date - 30);
INSERT INTO patch_vulnerability (organization_id, patch_id, vulnerability_id) VALUES
  ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000302', '00000000-0000-4000-8000-000000000102');
SELECT patch_identify_deployments('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000302') AS deployments;
INSERT INTO patch_deployment_transition (organization_id, deployment_id, to_state, by_person_id, note)
SELECT d.organization_id, d.id, s.state, CASE s.state WHEN 'approved' THEN '00000000-0000-4000-8000-000000000032'::uuid END, 'hotfix'
FROM patch_deployment d JOIN asset a ON a.organization_id = d.organization_id AND a.id = d.asset_id
CROSS JOIN (VALUES (1, 'assessed'), (2, 'approved')) s(n, state)
WHERE d.patch_id = '00000000-0000-4000-8000-000000000302' AND a.tag = 'EWS-1' ORDER BY s.n;

-- placing the approved deployments: a weekly window at the site; the unzoned spare has no site
INSERT INTO maintenance_window (organization_id, site_id, name, recurrence, iso_weekday, start_time, duration_hours, capacity_hours, effective_from)
VALUES ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-0000000000a1', 'Sunday night', 'weekly', 7, '01:00', 4, 3, '2024-01-01');
SELECT asset_tag, state, duration_hours, window_name, extract(isodow FROM planned_start AT TIME ZONE 'America/Los_Angeles') AS local_weekday,
       (planned_start AT TIME ZONE 'America/Los_Angeles')::time AS local_start, planned_end - planned_start AS takes,
       planned_start > now() AND planned_start <= now() + interval '7 days' AS next_week, unplaced_reason
FROM plan_patch_deployments('00000000-0000-4000-8000-000000000001') ORDER BY asset_tag;
SELECT * FROM plan_patch_deployments(NULL);

-- the PLC is upgraded past the fixed version 10 days ago: its finding is remediated (within SLA?)
SELECT set_config('iec62443p2.changed_at', (now() - interval '10 days')::text, false) IS NOT NULL AS backdated;
UPDATE asset SET version = '33.015' WHERE tag = 'PLC-1';
RESET iec62443p2.changed_at;
SELECT count(*) FILTER (WHERE asset_tag = 'PLC-1') AS plc_in_queue FROM patch_queue;
SELECT asset_tag, cve_id, resolution, days_open, decision, sla_state
FROM vulnerability_finding WHERE resolved_at IS NOT NULL;

-- a scan last week covered the PLC and the firewall of the site (2 of its 4 assets in operation)
INSERT INTO vulnerability_scan (organization_id, id, site_id, tool, started_at, finished_at) VALUES
  ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000501', '00000000-0000-4000-8000-0000000000a1',
   'passive monitoring', now() - interval '7 days', now() - interval '6 days');
INSERT INTO vulnerability_scan_asset (organization_id, scan_id, asset_id) VALUES
  ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000501', '00000000-0000-4000-8000-000000000041'),
  ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000501', '00000000-0000-4000-8000-000000000044');

-- a router whose firmware string the ranges cannot compare: listed for a person, who decides
INSERT INTO product (organization_id, id, vendor, name) VALUES
  ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000204', 'Cisco', 'IR1101');
INSERT INTO asset (organization_id, id, tag, name, asset_type, vendor, product, version, criticality, zone_id) VALUES
  ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000046', 'RTR-1', 'Cellular router', 'router',
   'Cisco', 'IR1101', '17.9.4a', 3, '00000000-0000-4000-8000-000000000012'),
  ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000047', 'RTR-2', 'Spare cellular router', 'router',
   'Cisco', 'IR1101', '17.6.5(x)', 3, '00000000-0000-4000-8000-000000000012');
INSERT INTO vulnerability (organization_id, id, cve_id, title, cvss, published_on) VALUES
  ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000104', 'CVE-2023-20198', 'IOS XE web UI privilege escalation',
   'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H', now()::date - 30);
INSERT INTO vulnerability_affected_product (organization_id, vulnerability_id, product_id, affected_range) VALUES
  ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000104', '00000000-0000-4000-8000-000000000204', 'vers:intdot/<17.9.4');
SELECT asset_tag, cve_id, reason FROM asset_vulnerability_undetermined ORDER BY asset_tag;
SELECT count(*) AS in_queue_before FROM patch_queue WHERE cve_id = 'CVE-2023-20198';
-- the engineer checks the release notes: RTR-1 is affected, RTR-2 is not
INSERT INTO asset_vulnerability_review (organization_id, asset_vulnerability_id, verdict, reviewed_by, rationale)
SELECT av.organization_id, av.id, CASE a.tag WHEN 'RTR-1' THEN 'affected' ELSE 'not_affected' END,
       '00000000-0000-4000-8000-000000000031', 'release notes of the installed image checked'
FROM asset_vulnerability av JOIN asset a ON a.organization_id = av.organization_id AND a.id = av.asset_id
WHERE av.vulnerability_id = '00000000-0000-4000-8000-000000000104';
SELECT count(*) AS still_for_a_person FROM asset_vulnerability_undetermined WHERE cve_id = 'CVE-2023-20198';
SELECT asset_tag, decision, sla_state FROM patch_queue WHERE cve_id = 'CVE-2023-20198';
-- a verdict is for an open undetermined finding only, and needs a rationale
INSERT INTO asset_vulnerability_review (organization_id, asset_vulnerability_id, verdict, reviewed_by, rationale)
SELECT av.organization_id, av.id, 'not_affected', '00000000-0000-4000-8000-000000000031', 'sure'
FROM asset_vulnerability av JOIN asset a ON a.organization_id = av.organization_id AND a.id = av.asset_id
WHERE a.tag = 'FW-1';
\echo :LAST_ERROR_SQLSTATE
UPDATE asset_vulnerability_review SET rationale = ' ' WHERE verdict = 'affected';
\echo :LAST_ERROR_SQLSTATE
UPDATE asset_vulnerability_review SET verdict = 'maybe' WHERE verdict = 'affected';
\echo :LAST_ERROR_SQLSTATE
-- a verdict withdrawn: the finding is back on the list for a person
DELETE FROM asset_vulnerability_review WHERE verdict = 'not_affected';
SELECT asset_tag FROM asset_vulnerability_undetermined WHERE cve_id = 'CVE-2023-20198';

-- the events and the KPIs they give
SELECT kind, count(*) AS events, round(avg(value), 1) AS mean_value, count(*) FILTER (WHERE flag) AS flagged
FROM patch_kpi_event GROUP BY kind ORDER BY kind;
SELECT scope, coalesce(site_code, '-') AS site, detections, detection_time_days, remediations, remediated_within_sla_percent,
       open_findings, vulnerability_mean_age_days, overdue_findings, immediate_findings, findings_covered_by_exception,
       exception_decisions, exception_approval_rate_percent, assets_in_operation, compliant_assets, patch_compliance_rate_percent,
       scan_coverage_percent
FROM patch_kpis ORDER BY scope, site;
SELECT scope, count(*) AS months, sum(detections) AS detections, sum(remediations) AS remediations,
       count(DISTINCT id) = count(*) AS unique_ids
FROM patch_kpis_monthly GROUP BY scope ORDER BY scope;

DROP EXTENSION iec62443p2;
DROP SCHEMA iec62443p2;
