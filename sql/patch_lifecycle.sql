--
-- Patch lifecycle: patches, environments, approval routes, the state machine with every refused
-- transition, rollout gating (incl. a skipped environment), rollback on failed validation,
-- rollback plans, back-dated transitions, vulnerabilities resolved on verification, bad input.
--
CREATE EXTENSION iec62443p2;
SET search_path = iec62443p2, public;
SET timezone = 'UTC';
\set VERBOSITY terse

INSERT INTO organization (id, code, name) VALUES
  ('00000000-0000-4000-8000-000000000001', 'CRU', 'Cascade Regional Utilities'),
  ('00000000-0000-4000-8000-000000000002', 'OTH', 'Other Utility');
-- the shipped environments and routes, copied for each organisation
SELECT o.code, string_agg(e.environment || ':' || e.position || CASE WHEN e.requires_rollback_plan THEN '(plan)' ELSE '' END, ' ' ORDER BY e.position) AS environments
FROM organization_deployment_environment e JOIN organization o ON o.id = e.organization_id GROUP BY o.code ORDER BY 1;
SELECT b.code AS band, b.label, s.route, r.approver, r.on_assessment, r.needs_schedule
FROM patch_approval_route_setting s JOIN patch_priority_band b ON b.code = s.band JOIN patch_approval_route r ON r.code = s.route
WHERE s.organization_id = '00000000-0000-4000-8000-000000000001' ORDER BY b.rank DESC;
-- OTH has no test environment: the rollout skips it (re-initialising does not bring it back)
DELETE FROM organization_deployment_environment WHERE organization_id = '00000000-0000-4000-8000-000000000002' AND environment = 'test';
SELECT initialize_organization_settings('00000000-0000-4000-8000-000000000002');
SELECT string_agg(environment, ' ' ORDER BY position) FROM organization_deployment_environment WHERE organization_id = '00000000-0000-4000-8000-000000000002';

INSERT INTO zone (organization_id, id, name, exposure) VALUES
  ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000011', 'Control', 'control'),
  ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000012', 'Office', 'enterprise'),
  ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000013', 'Remote', 'internet_facing');
INSERT INTO person (organization_id, id, full_name, active) VALUES
  ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000021', 'Mia Manager', true),
  ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000022', 'Carl Chair', true),
  ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000023', 'Sam Scheduler', true),
  ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000024', 'Olga Operator', true),
  ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000025', 'Max Former', false),
  ('00000000-0000-4000-8000-000000000002', '00000000-0000-4000-8000-000000000026', 'Otto Other', true);
INSERT INTO patch_approver (organization_id, person_id, route) VALUES
  ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000021', 'manager'),
  ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000022', 'committee'),
  ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000023', 'scheduled'),
  ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000025', 'manager'),
  ('00000000-0000-4000-8000-000000000002', '00000000-0000-4000-8000-000000000026', 'committee');
INSERT INTO asset (organization_id, id, tag, name, asset_type, vendor, product, criticality, safety_related, zone_id, environment) VALUES
  ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000031', 'DEV-PLC', 'Lab PLC', 'plc', 'Acme', 'PLC-9', 3, false, '00000000-0000-4000-8000-000000000011', 'development'),
  ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000032', 'TST-PLC', 'Test bench PLC', 'plc', 'Acme', 'PLC-9', 3, false, '00000000-0000-4000-8000-000000000011', 'test'),
  ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000033', 'STG-PLC', 'Spare PLC', 'plc', 'Acme', 'PLC-9', 3, false, '00000000-0000-4000-8000-000000000011', 'staging'),
  ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000034', 'PRD-GW', 'Remote gateway', 'gateway', 'Acme', 'GW-1', 5, true, '00000000-0000-4000-8000-000000000013', 'production'),
  ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000035', 'PRD-HMI', 'Office HMI', 'hmi', 'Acme', 'HMI-2', 2, false, '00000000-0000-4000-8000-000000000012', 'production'),
  ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000036', 'PRD-PLC', 'Filter PLC', 'plc', 'Acme', 'PLC-9', 3, false, '00000000-0000-4000-8000-000000000011', 'production'),
  ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000037', 'PRD-SRV', 'Historian', 'server', 'Acme', 'Hist', 2, false, '00000000-0000-4000-8000-000000000011', 'production'),
  ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000038', 'PRD-EWS', 'Engineering WS', 'engineering_workstation', 'Acme', 'Hist', 1, false, '00000000-0000-4000-8000-000000000011', 'production'),
  ('00000000-0000-4000-8000-000000000002', '00000000-0000-4000-8000-000000000041', 'O-DEV', 'Lab', 'plc', 'Acme', 'PLC-9', 3, false, NULL, 'development'),
  ('00000000-0000-4000-8000-000000000002', '00000000-0000-4000-8000-000000000042', 'O-STG', 'Spare', 'plc', 'Acme', 'PLC-9', 3, false, NULL, 'staging');
-- the engineering workstation supports the gateway: it inherits criticality 5
INSERT INTO asset_dependency (organization_id, supporting_asset_id, supported_asset_id) VALUES
  ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000038', '00000000-0000-4000-8000-000000000034');
-- every asset belongs to an environment its organisation has
INSERT INTO asset (organization_id, tag, name, asset_type, vendor, product, environment)
VALUES ('00000000-0000-4000-8000-000000000002', 'O-TST', 'Test', 'plc', 'Acme', 'PLC-9', 'test');
\echo :LAST_ERROR_SQLSTATE
INSERT INTO asset (organization_id, tag, name, asset_type, vendor, product, environment)
VALUES ('00000000-0000-4000-8000-000000000001', 'X-1', 'x', 'plc', 'Acme', 'PLC-9', 'qa');
\echo :LAST_ERROR_SQLSTATE
-- an environment in use cannot be dropped from the organisation's list
DELETE FROM organization_deployment_environment WHERE organization_id = '00000000-0000-4000-8000-000000000001' AND environment = 'staging';
\echo :LAST_ERROR_SQLSTATE

INSERT INTO vulnerability (organization_id, id, cve_id, cvss, epss, epss_percentile, epss_on, kev, kev_added_on, identified_at) VALUES
  ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000051', 'CVE-2024-1001', 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', 0.9, 0.99, '2024-02-20', true, '2024-02-19', '2024-02-20'),
  ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000052', 'CVE-2024-1002', 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', 0.2, 0.95, '2024-02-20', false, NULL, '2024-02-20'),
  ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000053', 'CVE-2024-1003', 'CVSS:3.1/AV:L/AC:H/PR:H/UI:R/S:U/C:L/I:N/A:N', 0.01, 0.6, '2024-02-20', false, NULL, '2024-02-20'),
  ('00000000-0000-4000-8000-000000000002', '00000000-0000-4000-8000-000000000054', 'CVE-2024-1002', 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', 0.2, 0.95, '2024-02-20', false, NULL, '2024-02-20');
INSERT INTO asset_vulnerability (organization_id, asset_id, vulnerability_id, applicability, detected_at)
SELECT a.organization_id, a.id, v.id, 'affected', '2024-02-21'
FROM asset a JOIN vulnerability v ON v.organization_id = a.organization_id
WHERE (a.tag IN ('DEV-PLC', 'TST-PLC', 'STG-PLC', 'PRD-PLC', 'O-DEV', 'O-STG') AND v.cve_id = 'CVE-2024-1002')
   OR (a.tag IN ('PRD-GW', 'PRD-HMI', 'PRD-PLC') AND v.cve_id = 'CVE-2024-1001')
   OR (a.tag IN ('PRD-SRV', 'PRD-EWS', 'DEV-PLC') AND v.cve_id = 'CVE-2024-1003');

INSERT INTO patch (organization_id, id, code, title, vendor, advisory_reference, installs_version, released_on, vendor_qualification, rollback_plan, estimated_duration_hours) VALUES
  ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000061', 'FW-2.9.5', 'Firmware 2.9.5', 'Acme', 'ACME-SA-2024-01', '2.9.5', '2024-02-25', 'qualified',
   'Re-flash 2.9.4 from the engineering workstation; restore the project backup.', 1.5),
  ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000062', 'HOTFIX-7', 'Historian hotfix 7', 'Acme', 'ACME-SA-2024-02', '7.0.1', '2024-02-26', 'not_tested', NULL, 0.5),
  ('00000000-0000-4000-8000-000000000002', '00000000-0000-4000-8000-000000000063', 'FW-2.9.5', 'Firmware 2.9.5', 'Acme', 'ACME-SA-2024-01', '2.9.5', '2024-02-25', 'qualified', 'Re-flash.', 1);
INSERT INTO patch_vulnerability (organization_id, patch_id, vulnerability_id) VALUES
  ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000061', '00000000-0000-4000-8000-000000000051'),
  ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000061', '00000000-0000-4000-8000-000000000052'),
  ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000062', '00000000-0000-4000-8000-000000000053'),
  ('00000000-0000-4000-8000-000000000002', '00000000-0000-4000-8000-000000000063', '00000000-0000-4000-8000-000000000054');

-- a session's transitions helper: record transition(s) of deployments by patch code and asset tag
CREATE TEMP VIEW dep AS
SELECT d.organization_id, d.id, p.code AS patch, a.tag, d.state FROM patch_deployment d
JOIN patch p ON p.organization_id = d.organization_id AND p.id = d.patch_id
JOIN asset a ON a.organization_id = d.organization_id AND a.id = d.asset_id;

-- ---- identified (2024-03-01) ----
BEGIN;
SET LOCAL iec62443p2.changed_at = '2024-03-01 08:00+00';
SET LOCAL iec62443p2.changed_by = 'import: patch register';
SELECT patch_identify_deployments('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000061') AS fw_deployments,
       patch_identify_deployments('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000062') AS hotfix_deployments,
       patch_identify_deployments('00000000-0000-4000-8000-000000000002', '00000000-0000-4000-8000-000000000063') AS oth_deployments;
SELECT patch_identify_deployments('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000061') AS again;
COMMIT;
-- a deployment starts identified; one per patch and asset; both of one organisation
INSERT INTO patch_deployment (organization_id, patch_id, asset_id, state) VALUES
  ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000061', '00000000-0000-4000-8000-000000000037', 'deployed');
\echo :LAST_ERROR_SQLSTATE
INSERT INTO patch_deployment (organization_id, patch_id, asset_id) VALUES
  ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000061', '00000000-0000-4000-8000-000000000034');
\echo :LAST_ERROR_SQLSTATE
INSERT INTO patch_deployment (organization_id, patch_id, asset_id) VALUES
  ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000061', '00000000-0000-4000-8000-000000000041');
\echo :LAST_ERROR_SQLSTATE
-- a patch that fixes nothing open on the asset cannot be assessed; an identified deployment may be deleted
INSERT INTO patch_deployment (organization_id, patch_id, asset_id) VALUES
  ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000062', '00000000-0000-4000-8000-000000000036');
INSERT INTO patch_deployment_transition (organization_id, deployment_id, to_state)
SELECT organization_id, id, 'assessed' FROM dep WHERE patch = 'HOTFIX-7' AND tag = 'PRD-PLC';
\echo :LAST_ERROR_SQLSTATE
DELETE FROM patch_deployment d USING dep WHERE dep.id = d.id AND dep.patch = 'HOTFIX-7' AND dep.tag = 'PRD-PLC';
SELECT count(*) AS deployments, (SELECT count(*) FROM patch_deployment_transition) AS transitions FROM patch_deployment;

-- ---- assessed (2024-03-01 09:00): band from the worst open vulnerability, route from the band ----
BEGIN;
SET LOCAL iec62443p2.changed_at = '2024-03-01 09:00+00';
INSERT INTO patch_deployment_transition (organization_id, deployment_id, to_state, by_person_id, note)
SELECT organization_id, id, 'assessed', CASE WHEN organization_id = '00000000-0000-4000-8000-000000000001' THEN '00000000-0000-4000-8000-000000000024'::uuid END, 'weekly assessment'
FROM dep ORDER BY patch, tag;
COMMIT;
SELECT organization_code, patch_code, asset_tag, environment, state, band, band_label, priority, worst_cve_id, route, approved_by, approved_at
FROM patch_deployment_status ORDER BY organization_code, patch_code, environment_position, asset_tag;
-- the workstation's band and priority use its inherited criticality (5), not its own (1)
SELECT d.priority,
       patch_priority(v.cvss, v.epss, v.kev, 5, false, 'small', false, patch_priority_parameters(d.organization_id)) AS with_effective,
       patch_priority(v.cvss, v.epss, v.kev, 1, false, 'small', false, patch_priority_parameters(d.organization_id)) AS with_own
FROM patch_deployment d JOIN dep ON dep.id = d.id JOIN vulnerability v ON v.id = d.worst_vulnerability_id WHERE dep.tag = 'PRD-EWS';
-- the automatic route: approved by the system at assessment, without a person
SELECT dep.tag, t.from_state, t.to_state, t.at, t.by_person_id IS NULL AS by_system, t.recorded_by, t.note
FROM patch_deployment_transition t JOIN dep ON dep.id = t.deployment_id WHERE dep.tag = 'PRD-GW' ORDER BY t.transition_no;

-- ---- approval by route (2024-03-02) ----
SET iec62443p2.changed_at = '2024-03-02 10:00+00';
-- manager route: a person is required, and one listed for the route, and active
INSERT INTO patch_deployment_transition (organization_id, deployment_id, to_state)
SELECT organization_id, id, 'approved' FROM dep WHERE patch = 'FW-2.9.5' AND tag = 'PRD-HMI';
\echo :LAST_ERROR_SQLSTATE
INSERT INTO patch_deployment_transition (organization_id, deployment_id, to_state, by_person_id)
SELECT organization_id, id, 'approved', '00000000-0000-4000-8000-000000000024' FROM dep WHERE patch = 'FW-2.9.5' AND tag = 'PRD-HMI';
\echo :LAST_ERROR_SQLSTATE
INSERT INTO patch_deployment_transition (organization_id, deployment_id, to_state, by_person_id)
SELECT organization_id, id, 'approved', '00000000-0000-4000-8000-000000000022' FROM dep WHERE patch = 'FW-2.9.5' AND tag = 'PRD-HMI';
\echo :LAST_ERROR_SQLSTATE
INSERT INTO patch_deployment_transition (organization_id, deployment_id, to_state, by_person_id)
SELECT organization_id, id, 'approved', '00000000-0000-4000-8000-000000000025' FROM dep WHERE patch = 'FW-2.9.5' AND tag = 'PRD-HMI';
\echo :LAST_ERROR_SQLSTATE
INSERT INTO patch_deployment_transition (organization_id, deployment_id, to_state, by_person_id)
SELECT organization_id, id, 'approved', '00000000-0000-4000-8000-000000000026' FROM dep WHERE patch = 'FW-2.9.5' AND tag = 'PRD-HMI';
\echo :LAST_ERROR_SQLSTATE
INSERT INTO patch_deployment_transition (organization_id, deployment_id, to_state, by_person_id)
SELECT organization_id, id, 'approved', '00000000-0000-4000-8000-000000000021' FROM dep WHERE patch = 'FW-2.9.5' AND tag = 'PRD-HMI';
-- committee route: the chair, for every deployment of the band at once
INSERT INTO patch_deployment_transition (organization_id, deployment_id, to_state, by_person_id, note)
SELECT dep.organization_id, dep.id, 'approved', '00000000-0000-4000-8000-000000000022', 'change committee 2024-03-02'
FROM dep JOIN patch_deployment d ON d.id = dep.id WHERE d.route = 'committee' AND dep.organization_id = '00000000-0000-4000-8000-000000000001';
-- scheduled route: placed in a maintenance cycle, by the system or a listed person
INSERT INTO patch_deployment_transition (organization_id, deployment_id, to_state)
SELECT organization_id, id, 'approved' FROM dep WHERE patch = 'HOTFIX-7' AND tag = 'PRD-SRV';
\echo :LAST_ERROR_SQLSTATE
INSERT INTO patch_deployment_transition (organization_id, deployment_id, to_state, scheduled_for)
SELECT organization_id, id, 'approved', '2024-03-01 00:00+00' FROM dep WHERE patch = 'HOTFIX-7' AND tag = 'PRD-SRV';
\echo :LAST_ERROR_SQLSTATE
INSERT INTO patch_deployment_transition (organization_id, deployment_id, to_state, scheduled_for, by_person_id)
SELECT organization_id, id, 'approved', '2024-03-16 06:00+00', '00000000-0000-4000-8000-000000000024' FROM dep WHERE patch = 'HOTFIX-7' AND tag = 'PRD-SRV';
\echo :LAST_ERROR_SQLSTATE
INSERT INTO patch_deployment_transition (organization_id, deployment_id, to_state, scheduled_for)
SELECT organization_id, id, 'approved', '2024-03-16 06:00+00' FROM dep WHERE patch = 'HOTFIX-7' AND tag = 'PRD-SRV';
INSERT INTO patch_deployment_transition (organization_id, deployment_id, to_state, scheduled_for, by_person_id)
SELECT dep.organization_id, dep.id, 'approved', '2024-03-16 06:00+00', '00000000-0000-4000-8000-000000000023'
FROM dep JOIN patch_deployment d ON d.id = dep.id WHERE d.route = 'scheduled' AND d.state = 'assessed';
-- the other organisation's committee
INSERT INTO patch_deployment_transition (organization_id, deployment_id, to_state, by_person_id)
SELECT organization_id, id, 'approved', '00000000-0000-4000-8000-000000000026' FROM dep WHERE organization_id = '00000000-0000-4000-8000-000000000002';
RESET iec62443p2.changed_at;
SELECT organization_code, patch_code, asset_tag, band, route, state, approved_by, approved_at, scheduled_for
FROM patch_deployment_status ORDER BY organization_code, patch_code, environment_position, asset_tag;

-- ---- rollout: development first, then test, staging, production ----
SET iec62443p2.changed_at = '2024-03-04 08:00+00';
-- no environment is open before the first validation, not even the first one
INSERT INTO patch_deployment_transition (organization_id, deployment_id, to_state)
SELECT organization_id, id, 'tested' FROM dep WHERE patch = 'FW-2.9.5' AND tag = 'DEV-PLC';
\echo :LAST_ERROR_SQLSTATE
INSERT INTO patch_deployment_transition (organization_id, deployment_id, to_state)
SELECT organization_id, id, 'tested' FROM dep WHERE patch = 'FW-2.9.5' AND tag = 'TST-PLC';
\echo :LAST_ERROR_SQLSTATE
-- a run still going does not open anything
INSERT INTO patch_test_run (organization_id, id, patch_id, environment, started_at, regression_cases_required) VALUES
  ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000071', '00000000-0000-4000-8000-000000000061', 'development', '2024-03-03 08:00+00', 40);
INSERT INTO patch_deployment_transition (organization_id, deployment_id, to_state)
SELECT organization_id, id, 'tested' FROM dep WHERE patch = 'FW-2.9.5' AND tag = 'DEV-PLC';
\echo :LAST_ERROR_SQLSTATE
UPDATE patch_test_run SET finished_at = '2024-03-03 17:00+00', outcome = 'passed', regression_cases_run = 40,
       performance_impact_percent = 1.5 WHERE id = '00000000-0000-4000-8000-000000000071';
INSERT INTO patch_deployment_transition (organization_id, deployment_id, to_state)
SELECT organization_id, id, 'tested' FROM dep WHERE patch = 'FW-2.9.5' AND tag IN ('DEV-PLC', 'TST-PLC');
-- test is open now, staging not yet
INSERT INTO patch_deployment_transition (organization_id, deployment_id, to_state)
SELECT organization_id, id, 'tested' FROM dep WHERE patch = 'FW-2.9.5' AND tag = 'STG-PLC';
\echo :LAST_ERROR_SQLSTATE
SET iec62443p2.changed_at = '2024-03-05 08:00+00';
INSERT INTO patch_deployment_transition (organization_id, deployment_id, to_state, by_person_id)
SELECT organization_id, id, 'deployed', '00000000-0000-4000-8000-000000000024' FROM dep WHERE patch = 'FW-2.9.5' AND tag IN ('DEV-PLC', 'TST-PLC');
SET iec62443p2.changed_at = '2024-03-05 12:00+00';
INSERT INTO patch_deployment_transition (organization_id, deployment_id, to_state)
SELECT organization_id, id, 'verified' FROM dep WHERE patch = 'FW-2.9.5' AND tag IN ('DEV-PLC', 'TST-PLC');
INSERT INTO patch_test_run (organization_id, patch_id, environment, started_at, finished_at, regression_cases_required, regression_cases_run,
                            performance_impact_percent, compatibility_issues, outcome) VALUES
  ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000061', 'test', '2024-03-06 08:00+00', '2024-03-07 16:00+00', 120, 124, 2.25, 1, 'passed');
SET iec62443p2.changed_at = '2024-03-08 08:00+00';
INSERT INTO patch_deployment_transition (organization_id, deployment_id, to_state)
SELECT organization_id, id, 'tested' FROM dep WHERE patch = 'FW-2.9.5' AND tag = 'STG-PLC';
-- production waits for staging
INSERT INTO patch_deployment_transition (organization_id, deployment_id, to_state)
SELECT organization_id, id, 'tested' FROM dep WHERE patch = 'FW-2.9.5' AND tag = 'PRD-GW';
\echo :LAST_ERROR_SQLSTATE
INSERT INTO patch_deployment_transition (organization_id, deployment_id, to_state)
SELECT organization_id, id, 'deployed' FROM dep WHERE patch = 'FW-2.9.5' AND tag = 'STG-PLC';
INSERT INTO patch_test_run (organization_id, patch_id, environment, started_at, finished_at, regression_cases_required, regression_cases_run, outcome) VALUES
  ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000061', 'staging', '2024-03-09 08:00+00', '2024-03-10 08:00+00', 60, 60, 'passed');
SET iec62443p2.changed_at = '2024-03-11 08:00+00';
INSERT INTO patch_deployment_transition (organization_id, deployment_id, to_state)
SELECT organization_id, id, 'tested' FROM dep WHERE patch = 'FW-2.9.5' AND tag IN ('PRD-GW', 'PRD-HMI', 'PRD-PLC');
SET iec62443p2.changed_at = '2024-03-12 02:00+00';
INSERT INTO patch_deployment_transition (organization_id, deployment_id, to_state)
SELECT organization_id, id, 'deployed' FROM dep WHERE patch = 'FW-2.9.5' AND tag IN ('PRD-GW', 'PRD-PLC');
SET iec62443p2.changed_at = '2024-03-12 06:00+00';
INSERT INTO patch_deployment_transition (organization_id, deployment_id, to_state, note)
SELECT organization_id, id, 'verified', 'version read back' FROM dep WHERE patch = 'FW-2.9.5' AND tag = 'PRD-GW';
RESET iec62443p2.changed_at;
-- verification resolved the vulnerabilities the patch fixes on those assets, at the verification time
SELECT a.tag, v.cve_id, av.resolved_at, av.resolution
FROM asset_vulnerability av JOIN asset a ON a.id = av.asset_id JOIN vulnerability v ON v.id = av.vulnerability_id
WHERE av.organization_id = '00000000-0000-4000-8000-000000000001' ORDER BY a.tag, v.cve_id;

-- ---- production needs a rollback plan ----
INSERT INTO patch_test_run (organization_id, patch_id, environment, started_at, finished_at, regression_cases_required, regression_cases_run, outcome)
SELECT '00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000062', e, s, s + interval '4 hours', 10, 10, 'passed'
FROM (VALUES ('development', '2024-03-12 08:00+00'::timestamptz), ('test', '2024-03-13 08:00+00'), ('staging', '2024-03-14 08:00+00')) x(e, s);
SET iec62443p2.changed_at = '2024-03-16 06:00+00';
INSERT INTO patch_deployment_transition (organization_id, deployment_id, to_state)
SELECT organization_id, id, 'tested' FROM dep WHERE patch = 'HOTFIX-7';
INSERT INTO patch_deployment_transition (organization_id, deployment_id, to_state)
SELECT organization_id, id, 'deployed' FROM dep WHERE patch = 'HOTFIX-7' AND tag = 'PRD-SRV';
\echo :LAST_ERROR_SQLSTATE
UPDATE patch SET rollback_plan = '   ' WHERE code = 'HOTFIX-7';
INSERT INTO patch_deployment_transition (organization_id, deployment_id, to_state)
SELECT organization_id, id, 'deployed' FROM dep WHERE patch = 'HOTFIX-7' AND tag = 'PRD-SRV';
\echo :LAST_ERROR_SQLSTATE
-- development needs none
INSERT INTO patch_deployment_transition (organization_id, deployment_id, to_state)
SELECT organization_id, id, 'deployed' FROM dep WHERE patch = 'HOTFIX-7' AND tag = 'DEV-PLC';
UPDATE patch SET rollback_plan = 'Uninstall the hotfix from Programs and Features; reboot.' WHERE code = 'HOTFIX-7';
INSERT INTO patch_deployment_transition (organization_id, deployment_id, to_state)
SELECT organization_id, id, 'deployed' FROM dep WHERE patch = 'HOTFIX-7' AND tag IN ('PRD-SRV', 'PRD-EWS');
RESET iec62443p2.changed_at;

-- ---- a failed validation rolls its environment back and stops the rollout ----
-- a re-run in staging fails: STG-PLC is deployed there, so the rollback's outcome is required
INSERT INTO patch_test_run (organization_id, patch_id, environment, started_at, finished_at, regression_cases_required, regression_cases_run,
                            regression_cases_failed, compatibility_issues, outcome) VALUES
  ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000061', 'staging', '2024-03-14 08:00+00', '2024-03-14 20:00+00', 60, 60, 3, 2, 'failed');
\echo :LAST_ERROR_SQLSTATE
INSERT INTO patch_test_run (organization_id, id, patch_id, environment, started_at, finished_at, regression_cases_required, regression_cases_run,
                            regression_cases_failed, compatibility_issues, outcome, rollback_outcome, notes) VALUES
  ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000072', '00000000-0000-4000-8000-000000000061', 'staging',
   '2024-03-14 08:00+00', '2024-03-14 20:00+00', 60, 60, 3, 2, 'failed', 'succeeded', 'alarm flood after failover');
SELECT dep.tag, t.from_state, t.to_state, t.at, t.environment, t.rollback_outcome, t.test_run_id = '00000000-0000-4000-8000-000000000072' AS by_failed_run, t.note
FROM patch_deployment_transition t JOIN dep ON dep.id = t.deployment_id WHERE t.to_state = 'rolled_back' ORDER BY dep.tag;
-- production is closed again; what is already there stays
SET iec62443p2.changed_at = '2024-03-15 08:00+00';
INSERT INTO patch_deployment_transition (organization_id, deployment_id, to_state)
SELECT organization_id, id, 'deployed' FROM dep WHERE patch = 'FW-2.9.5' AND tag = 'PRD-HMI';
\echo :LAST_ERROR_SQLSTATE
SELECT patch_code, environment, rollout_open, blocked_because, deployments, identified, assessed, approved, tested, deployed, verified, rolled_back,
       validation_runs, failed_validation_runs, latest_validation_outcome, latest_validation_finished_at,
       regression_cases_required, regression_cases_run, regression_cases_failed, regression_coverage_percent, regression_pass_percent,
       performance_impact_percent, compatibility_issues
FROM patch_rollout WHERE organization_id = '00000000-0000-4000-8000-000000000001' ORDER BY patch_code, environment_position;
-- the gate as of a past time still answers as it stood then
SELECT g.open, g.blocked_in, g.reason, r.environment AS relied_on, r.outcome, r.finished_at
FROM patch_rollout_gate('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000061', 'production', '2024-03-12 00:00+00') g
JOIN patch_test_run r ON r.id = g.test_run_id;
SELECT open, blocked_in, reason FROM patch_rollout_gate('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000061', 'qa');
-- retry after the fix: staging again, a new passing run opens production
INSERT INTO patch_deployment_transition (organization_id, deployment_id, to_state)
SELECT organization_id, id, 'tested' FROM dep WHERE patch = 'FW-2.9.5' AND tag = 'STG-PLC';
SET iec62443p2.changed_at = '2024-03-16 08:00+00';
INSERT INTO patch_deployment_transition (organization_id, deployment_id, to_state)
SELECT organization_id, id, 'deployed' FROM dep WHERE patch = 'FW-2.9.5' AND tag = 'STG-PLC';
INSERT INTO patch_test_run (organization_id, patch_id, environment, started_at, finished_at, regression_cases_required, regression_cases_run, outcome, notes) VALUES
  ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000061', 'staging', '2024-03-16 09:00+00', '2024-03-17 09:00+00', 60, 60, 'passed', 'alarm filter fixed');
SET iec62443p2.changed_at = '2024-03-18 02:00+00';
INSERT INTO patch_deployment_transition (organization_id, deployment_id, to_state)
SELECT organization_id, id, 'deployed' FROM dep WHERE patch = 'FW-2.9.5' AND tag = 'PRD-HMI';
SET iec62443p2.changed_at = '2024-03-18 04:00+00';
INSERT INTO patch_deployment_transition (organization_id, deployment_id, to_state)
SELECT organization_id, id, 'verified' FROM dep WHERE patch = 'FW-2.9.5' AND tag IN ('PRD-HMI', 'STG-PLC');
-- a verified deployment rolled back by hand: its vulnerabilities open again
SET iec62443p2.changed_at = '2024-03-20 04:00+00';
INSERT INTO patch_deployment_transition (organization_id, deployment_id, to_state, rollback_outcome, by_person_id, note)
SELECT organization_id, id, 'rolled_back', 'failed', '00000000-0000-4000-8000-000000000024', 'HMI screens blank; restored from image'
FROM dep WHERE patch = 'FW-2.9.5' AND tag = 'PRD-HMI';
RESET iec62443p2.changed_at;
SELECT a.tag, v.cve_id, av.resolved_at, av.resolution
FROM asset_vulnerability av JOIN asset a ON a.id = av.asset_id JOIN vulnerability v ON v.id = av.vulnerability_id
WHERE a.tag IN ('PRD-HMI', 'STG-PLC') ORDER BY a.tag, v.cve_id;

-- ---- a skipped environment: OTH has no test environment, staging follows development ----
SET iec62443p2.changed_at = '2024-03-10 08:00+00';
INSERT INTO patch_deployment_transition (organization_id, deployment_id, to_state)
SELECT organization_id, id, 'tested' FROM dep WHERE tag = 'O-STG';
\echo :LAST_ERROR_SQLSTATE
INSERT INTO patch_test_run (organization_id, patch_id, environment, started_at, finished_at, regression_cases_required, regression_cases_run, outcome) VALUES
  ('00000000-0000-4000-8000-000000000002', '00000000-0000-4000-8000-000000000063', 'test', '2024-03-09 08:00+00', '2024-03-09 12:00+00', 5, 5, 'passed');
\echo :LAST_ERROR_SQLSTATE
INSERT INTO patch_test_run (organization_id, patch_id, environment, started_at, finished_at, regression_cases_required, regression_cases_run, outcome) VALUES
  ('00000000-0000-4000-8000-000000000002', '00000000-0000-4000-8000-000000000063', 'development', '2024-03-09 08:00+00', '2024-03-09 12:00+00', 5, 5, 'passed');
INSERT INTO patch_deployment_transition (organization_id, deployment_id, to_state)
SELECT organization_id, id, 'tested' FROM dep WHERE tag IN ('O-DEV', 'O-STG');
RESET iec62443p2.changed_at;
SELECT environment, environment_position, rollout_open, blocked_because, deployments, tested, latest_validation_outcome
FROM patch_rollout WHERE organization_id = '00000000-0000-4000-8000-000000000002' ORDER BY environment_position;

-- ---- every refused transition: from each state, every target the catalogue does not allow ----
-- the hotfix's vulnerability is found on three more assets: one stays identified, one assessed, one approved
INSERT INTO asset_vulnerability (organization_id, asset_id, vulnerability_id, applicability, detected_at)
SELECT a.organization_id, a.id, '00000000-0000-4000-8000-000000000053', 'affected', '2024-03-25'
FROM asset a WHERE a.tag IN ('PRD-HMI', 'PRD-PLC', 'STG-PLC');
SET iec62443p2.changed_at = '2024-04-01 08:00+00';
SELECT patch_identify_deployments('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000062') AS new_deployments;
INSERT INTO patch_deployment_transition (organization_id, deployment_id, to_state)
SELECT organization_id, id, 'assessed' FROM dep WHERE patch = 'HOTFIX-7' AND tag IN ('PRD-PLC', 'STG-PLC');
INSERT INTO patch_deployment_transition (organization_id, deployment_id, to_state, scheduled_for)
SELECT organization_id, id, 'approved', '2024-04-13 06:00+00' FROM dep WHERE patch = 'HOTFIX-7' AND tag = 'STG-PLC';
SELECT asset_tag, state, band, route, approved_by, scheduled_for FROM patch_deployment_status WHERE patch_code = 'HOTFIX-7' ORDER BY asset_tag;
CREATE TEMP TABLE refused (from_state text, to_state text, sqlstate text, message text);
DO $$
DECLARE
  s record; t record; dep_id uuid; org uuid;
BEGIN
  FOR s IN SELECT code FROM iec62443p2.patch_state ORDER BY rank LOOP
    SELECT d.organization_id, d.id INTO org, dep_id FROM iec62443p2.patch_deployment d WHERE d.state = s.code ORDER BY d.id LIMIT 1;
    IF dep_id IS NULL THEN RAISE EXCEPTION 'no deployment in state %', s.code; END IF;
    FOR t IN SELECT code FROM iec62443p2.patch_state x
             WHERE NOT EXISTS (SELECT 1 FROM iec62443p2.patch_state_transition r WHERE r.from_state = s.code AND r.to_state = x.code)
             ORDER BY rank LOOP
      BEGIN
        INSERT INTO iec62443p2.patch_deployment_transition (organization_id, deployment_id, to_state, rollback_outcome)
        VALUES (org, dep_id, t.code, CASE WHEN t.code = 'rolled_back' THEN 'succeeded' END);
        INSERT INTO refused VALUES (s.code, t.code, 'accepted!', NULL);
      EXCEPTION WHEN OTHERS THEN
        INSERT INTO refused VALUES (s.code, t.code, SQLSTATE, regexp_replace(SQLERRM, '^.*: ', ''));
      END;
    END LOOP;
  END LOOP;
END
$$;
SELECT from_state, string_agg(to_state || ' ' || sqlstate, ', ' ORDER BY to_state) AS refused_targets
FROM refused r JOIN patch_state s ON s.code = r.from_state GROUP BY from_state, s.rank ORDER BY s.rank;
SELECT DISTINCT sqlstate, message FROM refused WHERE from_state = 'verified' ORDER BY 2;
-- the message names the patch, the asset, both states, and the hint the allowed ones
\set VERBOSITY default
INSERT INTO patch_deployment_transition (organization_id, deployment_id, to_state)
SELECT organization_id, id, 'deployed' FROM dep WHERE patch = 'HOTFIX-7' AND tag = 'PRD-HMI';
\set VERBOSITY terse
-- an unknown state, and bad values for a transition
INSERT INTO patch_deployment_transition (organization_id, deployment_id, to_state)
SELECT organization_id, id, 'installed' FROM dep WHERE patch = 'HOTFIX-7' AND tag = 'PRD-HMI';
\echo :LAST_ERROR_SQLSTATE
INSERT INTO patch_deployment_transition (organization_id, deployment_id, to_state, rollback_outcome)
SELECT organization_id, id, 'assessed', 'succeeded' FROM dep WHERE patch = 'HOTFIX-7' AND tag = 'PRD-HMI';
\echo :LAST_ERROR_SQLSTATE
INSERT INTO patch_deployment_transition (organization_id, deployment_id, to_state, scheduled_for)
SELECT organization_id, id, 'assessed', '2024-05-01' FROM dep WHERE patch = 'HOTFIX-7' AND tag = 'PRD-HMI';
\echo :LAST_ERROR_SQLSTATE
INSERT INTO patch_deployment_transition (organization_id, deployment_id, to_state)
SELECT organization_id, id, 'rolled_back' FROM dep WHERE patch = 'FW-2.9.5' AND tag = 'PRD-GW';
\echo :LAST_ERROR_SQLSTATE
INSERT INTO patch_deployment_transition (organization_id, deployment_id, to_state, rollback_outcome)
SELECT organization_id, id, 'rolled_back', 'partly' FROM dep WHERE patch = 'FW-2.9.5' AND tag = 'PRD-GW';
\echo :LAST_ERROR_SQLSTATE
INSERT INTO patch_deployment_transition (organization_id, deployment_id, to_state)
VALUES ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-0000000000ff', 'assessed');
\echo :LAST_ERROR_SQLSTATE
INSERT INTO patch_deployment_transition (organization_id, deployment_id, to_state, by_person_id)
SELECT organization_id, id, 'assessed', '00000000-0000-4000-8000-000000000026' FROM dep WHERE patch = 'HOTFIX-7' AND tag = 'PRD-HMI';
\echo :LAST_ERROR_SQLSTATE
-- nothing was written by the refused statements
SELECT count(*) AS transitions FROM patch_deployment_transition;

-- ---- back-dated transitions must come in time order ----
SET iec62443p2.changed_at = '2024-03-31 08:00+00';
INSERT INTO patch_deployment_transition (organization_id, deployment_id, to_state)
SELECT organization_id, id, 'assessed' FROM dep WHERE patch = 'HOTFIX-7' AND tag = 'PRD-HMI';
\echo :LAST_ERROR_SQLSTATE
SET iec62443p2.changed_at = 'last tuesday';
INSERT INTO patch_deployment_transition (organization_id, deployment_id, to_state)
SELECT organization_id, id, 'assessed' FROM dep WHERE patch = 'HOTFIX-7' AND tag = 'PRD-HMI';
\echo :LAST_ERROR_SQLSTATE
-- the same time as the previous transition is fine
SET iec62443p2.changed_at = '2024-04-01 08:00+00';
INSERT INTO patch_deployment_transition (organization_id, deployment_id, to_state)
SELECT organization_id, id, 'assessed' FROM dep WHERE patch = 'HOTFIX-7' AND tag = 'PRD-HMI';
RESET iec62443p2.changed_at;
-- an at given by a statement is replaced by the change time (now() here)
BEGIN;
INSERT INTO patch_deployment_transition (organization_id, deployment_id, to_state, at, scheduled_for)
SELECT organization_id, id, 'approved', '1999-01-01', now() + interval '1 day' FROM dep WHERE patch = 'HOTFIX-7' AND tag = 'PRD-HMI';
SELECT to_state, at = now() AS stamped_now FROM patch_deployment_transition t JOIN dep ON dep.id = t.deployment_id
WHERE dep.patch = 'HOTFIX-7' AND dep.tag = 'PRD-HMI' ORDER BY transition_no DESC LIMIT 1;
COMMIT;

-- ---- the record cannot be rewritten ----
UPDATE patch_deployment SET state = 'verified' WHERE id = (SELECT id FROM dep WHERE patch = 'HOTFIX-7' AND tag = 'PRD-HMI');
\echo :LAST_ERROR_SQLSTATE
UPDATE patch_deployment SET band = 'defer' WHERE id = (SELECT id FROM dep WHERE patch = 'FW-2.9.5' AND tag = 'PRD-GW');
\echo :LAST_ERROR_SQLSTATE
UPDATE patch_deployment SET notes = 'first production site' WHERE id = (SELECT id FROM dep WHERE patch = 'FW-2.9.5' AND tag = 'PRD-GW');
UPDATE patch_deployment_transition SET at = at - interval '1 day' WHERE to_state = 'verified';
\echo :LAST_ERROR_SQLSTATE
DELETE FROM patch_deployment_transition WHERE to_state = 'rolled_back';
\echo :LAST_ERROR_SQLSTATE
DELETE FROM patch_deployment WHERE id = (SELECT id FROM dep WHERE patch = 'FW-2.9.5' AND tag = 'PRD-GW');
\echo :LAST_ERROR_SQLSTATE
UPDATE patch_test_run SET outcome = 'passed', regression_cases_failed = 0, rollback_outcome = NULL WHERE id = '00000000-0000-4000-8000-000000000072';
\echo :LAST_ERROR_SQLSTATE
DELETE FROM patch_test_run WHERE id = '00000000-0000-4000-8000-000000000072';
\echo :LAST_ERROR_SQLSTATE
UPDATE patch_test_run SET notes = 'alarm flood after failover (ticket 4711)' WHERE id = '00000000-0000-4000-8000-000000000072';
DELETE FROM patch WHERE code = 'FW-2.9.5';
\echo :LAST_ERROR_SQLSTATE

-- ---- bad input ----
INSERT INTO patch (organization_id, code, title) VALUES ('00000000-0000-4000-8000-000000000001', 'bad code', 'x');
\echo :LAST_ERROR_SQLSTATE
INSERT INTO patch (organization_id, code, title) VALUES ('00000000-0000-4000-8000-000000000001', 'FW-2.9.5', 'again');
\echo :LAST_ERROR_SQLSTATE
INSERT INTO patch (organization_id, code, title, vendor_qualification) VALUES ('00000000-0000-4000-8000-000000000001', 'P-1', 'x', 'maybe');
\echo :LAST_ERROR_SQLSTATE
INSERT INTO patch (organization_id, code, title, estimated_duration_hours) VALUES ('00000000-0000-4000-8000-000000000001', 'P-1', 'x', 0);
\echo :LAST_ERROR_SQLSTATE
INSERT INTO patch (organization_id, code, title) VALUES ('00000000-0000-4000-8000-000000000001', 'P-1', '  ');
\echo :LAST_ERROR_SQLSTATE
INSERT INTO patch_vulnerability (organization_id, patch_id, vulnerability_id) VALUES
  ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000061', '00000000-0000-4000-8000-000000000054');
\echo :LAST_ERROR_SQLSTATE
INSERT INTO patch_approver (organization_id, person_id, route) VALUES ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000021', 'ceo');
\echo :LAST_ERROR_SQLSTATE
INSERT INTO patch_test_run (organization_id, patch_id, environment, started_at, finished_at, regression_cases_required, regression_cases_run, regression_cases_failed, outcome)
VALUES ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000061', 'test', '2024-04-01', '2024-04-02', 10, 10, 1, 'passed');
\echo :LAST_ERROR_SQLSTATE
INSERT INTO patch_test_run (organization_id, patch_id, environment, started_at, finished_at, regression_cases_required, regression_cases_run, outcome)
VALUES ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000061', 'test', '2024-04-01', '2024-04-02', 10, 9, 'passed');
\echo :LAST_ERROR_SQLSTATE
INSERT INTO patch_test_run (organization_id, patch_id, environment, started_at, finished_at, regression_cases_required, regression_cases_run, regression_cases_failed, outcome, rollback_outcome)
VALUES ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000061', 'test', '2024-04-01', '2024-04-02', 10, 5, 6, 'failed', 'succeeded');
\echo :LAST_ERROR_SQLSTATE
INSERT INTO patch_test_run (organization_id, patch_id, environment, started_at, finished_at, regression_cases_required, outcome, rollback_outcome)
VALUES ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000061', 'test', '2024-04-02', '2024-04-01', 0, 'failed', 'succeeded');
\echo :LAST_ERROR_SQLSTATE
INSERT INTO patch_test_run (organization_id, patch_id, environment, started_at, regression_cases_required, outcome)
VALUES ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000061', 'test', '2024-04-01', 0, 'passed');
\echo :LAST_ERROR_SQLSTATE
INSERT INTO patch_test_run (organization_id, patch_id, environment, started_at, finished_at, regression_cases_required, outcome, rollback_outcome)
VALUES ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000061', 'test', '2024-04-01', '2024-04-02', 0, 'passed', 'succeeded');
\echo :LAST_ERROR_SQLSTATE
INSERT INTO patch_test_run (organization_id, patch_id, environment, started_at, regression_cases_required)
VALUES ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000061', 'test', '2024-04-01', -1);
\echo :LAST_ERROR_SQLSTATE
INSERT INTO patch_test_run (organization_id, patch_id, environment, started_at, regression_cases_required)
VALUES ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000061', 'prod', '2024-04-01', 1);
\echo :LAST_ERROR_SQLSTATE
UPDATE organization_deployment_environment SET position = 3 WHERE organization_id = '00000000-0000-4000-8000-000000000001' AND environment = 'test';
\echo :LAST_ERROR_SQLSTATE
INSERT INTO patch_approval_route_setting (organization_id, band, route) VALUES ('00000000-0000-4000-8000-000000000001', 'urgent', 'manager');
\echo :LAST_ERROR_SQLSTATE

-- ---- the history, and a restore: session_replication_role = replica writes rows as given ----
SELECT dep.patch, dep.tag, string_agg(coalesce(t.from_state, '-') || '>' || t.to_state || '@' || CASE WHEN t.at > '2025-01-01' THEN 'now' ELSE to_char(t.at, 'MM-DD HH24:MI') END, ' ' ORDER BY t.at, t.transition_no) AS history
FROM patch_deployment_transition t JOIN dep ON dep.id = t.deployment_id
WHERE dep.organization_id = '00000000-0000-4000-8000-000000000001' GROUP BY dep.patch, dep.tag ORDER BY 1, 2;
BEGIN;
SET LOCAL session_replication_role = replica;
INSERT INTO patch_deployment_transition (organization_id, deployment_id, from_state, to_state, at, recorded_by, rollback_outcome)
SELECT organization_id, id, 'verified', 'rolled_back', '2024-01-01', 'restore', 'succeeded' FROM dep WHERE patch = 'FW-2.9.5' AND tag = 'PRD-GW';
SELECT d.state FROM patch_deployment d JOIN dep USING (id) WHERE dep.patch = 'FW-2.9.5' AND dep.tag = 'PRD-GW';
ROLLBACK;

DROP VIEW dep;
DROP EXTENSION iec62443p2;
DROP SCHEMA iec62443p2;
