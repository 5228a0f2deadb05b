-- Remediation SLAs and vulnerability exceptions: due dates per band (KEV earlier wins), SLA states,
-- the organisation's own SLAs, exceptions (every refused decision with its SQLSTATE, lifecycle
-- rule, expiry, covers / not covers, history, back-dating) and the views.
CREATE EXTENSION iec62443p2;
SET search_path = iec62443p2, public;
SET TimeZone = 'UTC';
\set VERBOSITY terse

INSERT INTO organization (id, code, name) VALUES ('00000000-0000-0000-0000-0000000000a1', 'AO', 'Asset Owner');
-- the shipped SLAs and policy, copied to the organisation
SELECT band, days, copied_from FROM remediation_sla_setting ORDER BY days;
SELECT due_soon_days, exception_max_days, exception_expiring_days, exception_any_lifecycle FROM remediation_policy_setting;

-- due dates: UTC date of detection + SLA days; the KEV due date when earlier
SELECT b AS band, remediation_due_on('00000000-0000-0000-0000-0000000000a1', b, '2025-03-01 23:30+00', NULL) AS due_on
FROM unnest(ARRAY['immediate', 'out-of-cycle', 'scheduled', 'defer']) b;
SELECT remediation_due_on('00000000-0000-0000-0000-0000000000a1', 'scheduled', '2025-03-01 10:00+00', '2025-03-22') AS kev_earlier,
       remediation_due_on('00000000-0000-0000-0000-0000000000a1', 'immediate', '2025-03-01 10:00+00', '2025-03-22') AS sla_earlier,
       remediation_due_on('00000000-0000-0000-0000-0000000000a1', 'scheduled', '2025-03-01 23:30-05', NULL) AS utc_date_counts,
       remediation_due_on(NULL, 'scheduled', '2025-03-01 10:00+00', NULL) AS shipped_defaults,
       remediation_due_on('00000000-0000-0000-0000-0000000000a1', NULL, '2025-03-01 10:00+00', NULL) AS no_band;
-- the organisation's own SLA
UPDATE remediation_sla_setting SET days = 60 WHERE band = 'scheduled';
SELECT remediation_due_on('00000000-0000-0000-0000-0000000000a1', 'scheduled', '2025-03-01 10:00+00', NULL) AS own_sla;
-- bad input
SELECT remediation_due_on('00000000-0000-0000-0000-0000000000a1', 'urgent', '2025-03-01', NULL);
\echo :LAST_ERROR_SQLSTATE
SELECT remediation_due_on('00000000-0000-0000-0000-0000000000a1', 'defer', 'infinity', NULL);
\echo :LAST_ERROR_SQLSTATE
UPDATE remediation_sla_setting SET days = -1 WHERE band = 'defer';
\echo :LAST_ERROR_SQLSTATE
INSERT INTO remediation_sla_setting (organization_id, band, days) VALUES ('00000000-0000-0000-0000-0000000000a1', 'immediate', 3);
\echo :LAST_ERROR_SQLSTATE

-- SLA states (due 2025-04-30, due_soon 14 days before)
SELECT s.label, remediation_sla_state('00000000-0000-0000-0000-0000000000a1', '2025-04-30', s.resolved_at, s.as_of) AS state
FROM (VALUES ('open', NULL::timestamptz, '2025-04-15 23:59+00'::timestamptz),
             ('due soon, first day', NULL, '2025-04-16 00:00+00'),
             ('due soon, due day', NULL, '2025-04-30 23:59+00'),
             ('overdue', NULL, '2025-05-01 00:00+00'),
             ('met on the due day', '2025-04-30 23:00+00', '2025-06-01'),
             ('missed', '2025-05-01 00:30+00', '2025-06-01'),
             ('resolved after as_of: still open then', '2025-05-01 00:30+00', '2025-04-01'),
             ('no due date', NULL, '2025-04-01')) s(label, resolved_at, as_of)
ORDER BY s.as_of, s.label;
SELECT remediation_sla_state(NULL, NULL, '2025-04-01') AS no_due_date;
-- the organisation's due_soon_days is data
UPDATE remediation_policy_setting SET due_soon_days = 30;
SELECT remediation_sla_state('00000000-0000-0000-0000-0000000000a1', '2025-04-30', NULL, '2025-04-01') AS own_due_soon,
       remediation_sla_state('2025-04-30', NULL, '2025-04-01') AS shipped_due_soon;

-- Exceptions
INSERT INTO site (organization_id, id, code, name, time_zone) VALUES
  ('00000000-0000-0000-0000-0000000000a1', '00000000-0000-0000-0000-00000000b001', 'BER', 'Berlin plant', 'Europe/Berlin');
INSERT INTO person (organization_id, id, full_name) VALUES
  ('00000000-0000-0000-0000-0000000000a1', '00000000-0000-0000-0000-0000000000e1', 'Rita Requester'),
  ('00000000-0000-0000-0000-0000000000a1', '00000000-0000-0000-0000-0000000000e2', 'Dan Decider');
INSERT INTO asset (organization_id, id, tag, name, asset_type, vendor, product, lifecycle_state) VALUES
  ('00000000-0000-0000-0000-0000000000a1', '00000000-0000-0000-0000-0000000000c1', 'PLC-OLD', 'Legacy PLC', 'plc', 'Acme', 'S5', 'legacy'),
  ('00000000-0000-0000-0000-0000000000a1', '00000000-0000-0000-0000-0000000000c2', 'PLC-NEW', 'Current PLC', 'plc', 'Acme', 'S7', 'in_service');
INSERT INTO vulnerability (organization_id, id, cve_id) VALUES
  ('00000000-0000-0000-0000-0000000000a1', '00000000-0000-0000-0000-0000000000d1', 'CVE-2024-0001'),
  ('00000000-0000-0000-0000-0000000000a1', '00000000-0000-0000-0000-0000000000d2', 'CVE-2024-0002');
INSERT INTO asset_vulnerability (organization_id, asset_id, vulnerability_id, applicability) VALUES
  ('00000000-0000-0000-0000-0000000000a1', '00000000-0000-0000-0000-0000000000c1', '00000000-0000-0000-0000-0000000000d1', 'affected'),
  ('00000000-0000-0000-0000-0000000000a1', '00000000-0000-0000-0000-0000000000c1', '00000000-0000-0000-0000-0000000000d2', 'affected');

-- requested on 2025-01-10 (back-dated import), for one vulnerability on the legacy PLC
SET iec62443p2.changed_at = '2025-01-10 09:00+00';
INSERT INTO vulnerability_exception (organization_id, id, code, asset_id, vulnerability_id, reason, compensating_controls, requested_by) VALUES
  ('00000000-0000-0000-0000-0000000000a1', '00000000-0000-0000-0000-0000000000ee', 'EX-1', '00000000-0000-0000-0000-0000000000c1',
   '00000000-0000-0000-0000-0000000000d1', 'No firmware fix for this PLC generation', 'Isolated cell, unidirectional gateway', '00000000-0000-0000-0000-0000000000e1');
-- refused: a new exception that is already approved; blank compensating controls; missing ones
INSERT INTO vulnerability_exception (organization_id, code, asset_id, reason, compensating_controls, status, requested_by, decided_by, decided_at, expires_on) VALUES
  ('00000000-0000-0000-0000-0000000000a1', 'EX-X', '00000000-0000-0000-0000-0000000000c1', 'r', 'c', 'approved',
   '00000000-0000-0000-0000-0000000000e1', '00000000-0000-0000-0000-0000000000e2', '2025-01-10', '2025-06-01');
\echo :LAST_ERROR_SQLSTATE
INSERT INTO vulnerability_exception (organization_id, code, asset_id, reason, compensating_controls, requested_by) VALUES
  ('00000000-0000-0000-0000-0000000000a1', 'EX-X', '00000000-0000-0000-0000-0000000000c1', 'r', '  ', '00000000-0000-0000-0000-0000000000e1');
\echo :LAST_ERROR_SQLSTATE
INSERT INTO vulnerability_exception (organization_id, code, asset_id, reason, requested_by) VALUES
  ('00000000-0000-0000-0000-0000000000a1', 'EX-X', '00000000-0000-0000-0000-0000000000c1', 'r', '00000000-0000-0000-0000-0000000000e1');
\echo :LAST_ERROR_SQLSTATE
-- refused decisions, on 2025-01-20: the requester decides; no decider; approval without expiry;
-- expiry beyond the maximum (365 days); expiry on the decision date
SET iec62443p2.changed_at = '2025-01-20 09:00+00';
UPDATE vulnerability_exception SET status = 'approved', decided_by = requested_by, expires_on = '2025-07-20' WHERE code = 'EX-1';
\echo :LAST_ERROR_SQLSTATE
UPDATE vulnerability_exception SET status = 'approved', expires_on = '2025-07-20' WHERE code = 'EX-1';
\echo :LAST_ERROR_SQLSTATE
UPDATE vulnerability_exception SET status = 'approved', decided_by = '00000000-0000-0000-0000-0000000000e2' WHERE code = 'EX-1';
\echo :LAST_ERROR_SQLSTATE
UPDATE vulnerability_exception SET status = 'approved', decided_by = '00000000-0000-0000-0000-0000000000e2', expires_on = '2026-01-21' WHERE code = 'EX-1';
\echo :LAST_ERROR_SQLSTATE
UPDATE vulnerability_exception SET status = 'approved', decided_by = '00000000-0000-0000-0000-0000000000e2', expires_on = '2025-01-20' WHERE code = 'EX-1';
\echo :LAST_ERROR_SQLSTATE
-- a decision back-dated before the request
SET iec62443p2.changed_at = '2025-01-01 09:00+00';
UPDATE vulnerability_exception SET status = 'approved', decided_by = '00000000-0000-0000-0000-0000000000e2', expires_on = '2025-06-30' WHERE code = 'EX-1';
\echo :LAST_ERROR_SQLSTATE
-- approved on 2025-01-20 until 2025-06-30 (161 days)
SET iec62443p2.changed_at = '2025-01-20 09:00+00';
UPDATE vulnerability_exception SET status = 'approved', decided_by = '00000000-0000-0000-0000-0000000000e2', expires_on = '2025-06-30',
  decision_note = 'Replacement planned in Q3' WHERE code = 'EX-1';
SELECT code, status, requested_at, decided_at, expires_on FROM vulnerability_exception;
-- decided once: no second decision, no change of expiry or scope; the note may change
UPDATE vulnerability_exception SET status = 'rejected' WHERE code = 'EX-1';
\echo :LAST_ERROR_SQLSTATE
UPDATE vulnerability_exception SET status = 'requested', decided_by = NULL, decided_at = NULL WHERE code = 'EX-1';
\echo :LAST_ERROR_SQLSTATE
UPDATE vulnerability_exception SET expires_on = '2025-12-31' WHERE code = 'EX-1';
\echo :LAST_ERROR_SQLSTATE
UPDATE vulnerability_exception SET vulnerability_id = NULL WHERE code = 'EX-1';
\echo :LAST_ERROR_SQLSTATE
UPDATE vulnerability_exception SET decision_note = 'Replacement planned in Q3 2025' WHERE code = 'EX-1';

-- covers: the right vulnerability, after the decision, through the expiry date (UTC), not after
SELECT exception_covers('00000000-0000-0000-0000-0000000000a1', '00000000-0000-0000-0000-0000000000c1', '00000000-0000-0000-0000-0000000000d1', '2025-01-15') AS before_decision,
       exception_covers('00000000-0000-0000-0000-0000000000a1', '00000000-0000-0000-0000-0000000000c1', '00000000-0000-0000-0000-0000000000d1', '2025-03-01') AS during,
       exception_covers('00000000-0000-0000-0000-0000000000a1', '00000000-0000-0000-0000-0000000000c1', '00000000-0000-0000-0000-0000000000d1', '2025-06-30 23:59+00') AS last_day,
       exception_covers('00000000-0000-0000-0000-0000000000a1', '00000000-0000-0000-0000-0000000000c1', '00000000-0000-0000-0000-0000000000d1', '2025-07-01 00:00+00') AS expired,
       exception_covers('00000000-0000-0000-0000-0000000000a1', '00000000-0000-0000-0000-0000000000c1', '00000000-0000-0000-0000-0000000000d2', '2025-03-01') AS other_vulnerability,
       exception_covers('00000000-0000-0000-0000-0000000000a1', '00000000-0000-0000-0000-0000000000c2', '00000000-0000-0000-0000-0000000000d1', '2025-03-01') AS other_asset;

-- the lifecycle rule: an in-service asset cannot get an approved exception unless the policy allows any
INSERT INTO vulnerability_exception (organization_id, code, asset_id, reason, compensating_controls, requested_by) VALUES
  ('00000000-0000-0000-0000-0000000000a1', 'EX-2', '00000000-0000-0000-0000-0000000000c2', 'Vendor validation pending', 'Jump host only', '00000000-0000-0000-0000-0000000000e1');
UPDATE vulnerability_exception SET status = 'approved', decided_by = '00000000-0000-0000-0000-0000000000e2', expires_on = '2025-03-01' WHERE code = 'EX-2';
\echo :LAST_ERROR_SQLSTATE
UPDATE remediation_policy_setting SET exception_any_lifecycle = true;
UPDATE vulnerability_exception SET status = 'approved', decided_by = '00000000-0000-0000-0000-0000000000e2', expires_on = '2025-03-01' WHERE code = 'EX-2';
-- a rejection needs no expiry; an asset-wide exception (every vulnerability) on the legacy PLC
INSERT INTO vulnerability_exception (organization_id, code, asset_id, reason, compensating_controls, requested_by) VALUES
  ('00000000-0000-0000-0000-0000000000a1', 'EX-3', '00000000-0000-0000-0000-0000000000c1', 'Whole PLC', 'Isolated cell', '00000000-0000-0000-0000-0000000000e1');
UPDATE vulnerability_exception SET status = 'rejected', decided_by = '00000000-0000-0000-0000-0000000000e2', decision_note = 'Too broad' WHERE code = 'EX-3';
INSERT INTO vulnerability_exception (organization_id, code, asset_id, reason, compensating_controls, requested_by) VALUES
  ('00000000-0000-0000-0000-0000000000a1', 'EX-4', '00000000-0000-0000-0000-0000000000c1', 'Whole PLC, until replaced', 'Isolated cell', '00000000-0000-0000-0000-0000000000e1');
UPDATE vulnerability_exception SET status = 'approved', decided_by = '00000000-0000-0000-0000-0000000000e2', expires_on = '2026-01-19' WHERE code = 'EX-4';
SELECT exception_covers('00000000-0000-0000-0000-0000000000a1', '00000000-0000-0000-0000-0000000000c1', '00000000-0000-0000-0000-0000000000d2', '2025-03-01') AS asset_wide,
       exception_covers('00000000-0000-0000-0000-0000000000a1', '00000000-0000-0000-0000-0000000000c1', NULL, '2025-03-01') AS asset_wide_question;
RESET iec62443p2.changed_at;

-- history: who, when, old, new
SELECT e.code, h.changed_at, h.old_status, h.new_status, p.full_name
FROM vulnerability_exception_history h JOIN vulnerability_exception e ON e.id = h.exception_id
LEFT JOIN person p ON p.organization_id = h.organization_id AND p.id = h.person_id
ORDER BY h.change_no;

-- the views (today is after every expiry above: EX-1, EX-2 and EX-4 have expired)
SELECT code, scope, cve_id, status, effective_status, requested_by, decided_by, covers_now, open_vulnerabilities
FROM vulnerability_exceptions ORDER BY code;
-- findings: EX-4 (asset-wide) expired with 2 open vulnerabilities; EX-1 too (1); EX-2 none open
SELECT code, finding, cve_id, open_vulnerabilities FROM vulnerability_exception_findings ORDER BY code;
-- an exception expiring soon is a finding, one far away is not; the expired EX-1 and EX-4 stop
-- being findings once new exceptions cover their open vulnerabilities
UPDATE remediation_policy_setting SET exception_max_days = 3650;
INSERT INTO vulnerability_exception (organization_id, code, asset_id, vulnerability_id, reason, compensating_controls, requested_by) VALUES
  ('00000000-0000-0000-0000-0000000000a1', 'EX-5', '00000000-0000-0000-0000-0000000000c1', '00000000-0000-0000-0000-0000000000d2', 'r', 'c', '00000000-0000-0000-0000-0000000000e1'),
  ('00000000-0000-0000-0000-0000000000a1', 'EX-6', '00000000-0000-0000-0000-0000000000c1', '00000000-0000-0000-0000-0000000000d1', 'r', 'c', '00000000-0000-0000-0000-0000000000e1');
UPDATE vulnerability_exception SET status = 'approved', decided_by = '00000000-0000-0000-0000-0000000000e2',
  expires_on = (now() AT TIME ZONE 'UTC')::date + CASE code WHEN 'EX-5' THEN 10 ELSE 200 END WHERE code IN ('EX-5', 'EX-6');
SELECT code, finding, days_to_expiry, open_vulnerabilities FROM vulnerability_exception_findings ORDER BY code;

-- a failed statement leaves nothing half-written: the history has no row of a refused decision
SELECT count(*) AS history_rows FROM vulnerability_exception_history;

DROP EXTENSION iec62443p2;
DROP SCHEMA iec62443p2;
