--
-- Risk register: asset or zone, likelihood and consequence on the organisation's matrix, inherent
-- and residual risk, treatment and acceptance, appetite and tolerance, history and "as of"
-- answers, back-dated imports, zones short of target per FR.  Every refused statement shows its
-- SQLSTATE and leaves the tables as they were.
--
CREATE EXTENSION iec62443p2;
SET search_path = iec62443p2, public;
SET timezone = 'UTC';
\set VERBOSITY terse

INSERT INTO organization (id, code, name) VALUES
  ('00000000-0000-4000-8000-000000000001', 'CRU', 'Cascade Regional Utilities'),
  ('00000000-0000-4000-8000-000000000002', 'OTH', 'Other Utility');
-- each organisation got the default appetite and tolerance
SELECT o.code, t.appetite_score, t.tolerance_score, t.max_acceptance_days, t.copied_from
FROM risk_tolerance_setting t JOIN organization o ON o.id = t.organization_id ORDER BY o.code;
-- re-initialising keeps an organisation's own values
UPDATE risk_tolerance_setting SET tolerance_score = 12 WHERE organization_id = '00000000-0000-4000-8000-000000000002';
SELECT initialize_organization_settings('00000000-0000-4000-8000-000000000002');
SELECT tolerance_score FROM risk_tolerance_setting WHERE organization_id = '00000000-0000-4000-8000-000000000002';
-- appetite above tolerance is refused
UPDATE risk_tolerance_setting SET appetite_score = 13 WHERE organization_id = '00000000-0000-4000-8000-000000000002';
\echo :LAST_ERROR_SQLSTATE

INSERT INTO zone (organization_id, id, name, exposure, sl_target, sl_achieved) VALUES
  ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000011', 'Control', 'control', '{2,2,2,2,2,2,2}', '{2,2,1,2,2,0,2}'),
  ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000012', 'DMZ', 'dmz', '{3,3,2,3,2,2,3}', NULL),
  ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000013', 'Office', 'enterprise', NULL, NULL),
  ('00000000-0000-4000-8000-000000000002', '00000000-0000-4000-8000-000000000021', 'Leitstand', 'supervisory', '{1,1,1,1,1,1,1}', '{1,1,1,1,1,1,1}');
INSERT INTO person (organization_id, id, full_name) VALUES
  ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000031', 'Priya Raman'),
  ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000032', 'Daniel Okafor'),
  ('00000000-0000-4000-8000-000000000002', '00000000-0000-4000-8000-000000000033', 'Katrin Vogel');
INSERT INTO asset (organization_id, id, tag, name, asset_type, vendor, product, criticality, zone_id) VALUES
  ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000041', 'PLC-1', 'Filter PLC', 'plc', 'Rockwell', 'ControlLogix', 5, '00000000-0000-4000-8000-000000000011'),
  ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000042', 'EWS-1', 'Engineering WS', 'engineering_workstation', 'Dell', 'Precision', 2, '00000000-0000-4000-8000-000000000011'),
  ('00000000-0000-4000-8000-000000000002', '00000000-0000-4000-8000-000000000043', 'SPS-1', 'SPS', 'plc', 'Siemens', 'S7-1500', 3, NULL);
INSERT INTO asset_dependency (organization_id, supporting_asset_id, supported_asset_id)
VALUES ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000042', '00000000-0000-4000-8000-000000000041');
INSERT INTO threat (organization_id, id, code, name, category) VALUES
  ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000051', 'T-RA', 'Vendor remote access abused', 'remote_access'),
  ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000052', 'T-MW', 'Ransomware from the office network', 'malware');
INSERT INTO threat (organization_id, code, name, category) VALUES ('00000000-0000-4000-8000-000000000001', 'T-X', 'x', 'aliens');
\echo :LAST_ERROR_SQLSTATE

-- ---- recorded at past times: an import sets iec62443p2.changed_at and iec62443p2.changed_by ----
BEGIN;
SET LOCAL iec62443p2.changed_at = '2025-01-10 09:00+00';
SET LOCAL iec62443p2.changed_by = 'import: legacy register';
INSERT INTO risk_register_entry (organization_id, id, code, title, asset_id, threat_id, likelihood, consequence, owner_id) VALUES
  ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000061', 'R-1', 'EWS compromised via remote access',
   '00000000-0000-4000-8000-000000000042', '00000000-0000-4000-8000-000000000051', 4, 5, '00000000-0000-4000-8000-000000000031'),
  ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000062', 'R-2', 'Ransomware spreads into the control zone',
   NULL, '00000000-0000-4000-8000-000000000052', 3, 4, '00000000-0000-4000-8000-000000000031');
COMMIT;
\echo :LAST_ERROR_SQLSTATE
-- R-2 names neither asset nor zone: the whole transaction was refused
SELECT count(*) AS risks, (SELECT count(*) FROM risk_register_history) AS history FROM risk_register_entry;
BEGIN;
SET LOCAL iec62443p2.changed_at = '2025-01-10 09:00+00';
SET LOCAL iec62443p2.changed_by = 'import: legacy register';
INSERT INTO risk_register_entry (organization_id, id, code, title, asset_id, zone_id, threat_id, likelihood, consequence, owner_id) VALUES
  ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000061', 'R-1', 'EWS compromised via remote access',
   '00000000-0000-4000-8000-000000000042', NULL, '00000000-0000-4000-8000-000000000051', 4, 5, '00000000-0000-4000-8000-000000000031'),
  ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000062', 'R-2', 'Ransomware spreads into the control zone',
   NULL, '00000000-0000-4000-8000-000000000011', '00000000-0000-4000-8000-000000000052', 3, 4, '00000000-0000-4000-8000-000000000031'),
  ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000063', 'R-3', 'Office laptops lost',
   NULL, '00000000-0000-4000-8000-000000000013', NULL, 2, 2, NULL);
COMMIT;
BEGIN;
SET LOCAL iec62443p2.changed_at = '2025-06-01 12:00+00';
SET LOCAL iec62443p2.changed_by = 'import: legacy register';
-- controls reduce R-1 (treatment reduce); R-2 is accepted for six months by the CISO
UPDATE risk_register_entry SET controls = 'MFA on the VPN, jump host', residual_likelihood = 2, residual_consequence = 5,
       treatment = 'reduce', status = 'in_treatment' WHERE code = 'R-1';
UPDATE risk_register_entry SET treatment = 'accept', accepted_by = '00000000-0000-4000-8000-000000000032',
       accepted_on = '2025-06-01', acceptance_expires_on = '2025-12-01', status = 'monitoring' WHERE code = 'R-2';
COMMIT;
BEGIN;
SET LOCAL iec62443p2.changed_at = '2025-09-15 08:00+00';
UPDATE risk_register_entry SET owner_id = '00000000-0000-4000-8000-000000000032' WHERE code = 'R-1';
UPDATE risk_register_entry SET status = 'closed' WHERE code = 'R-3';
COMMIT;
BEGIN;
SET LOCAL iec62443p2.changed_at = '2025-10-01 08:00+00';
DELETE FROM risk_register_entry WHERE code = 'R-3';
COMMIT;
-- descriptive text alone is not a recorded change
UPDATE risk_register_entry SET description = 'see the 2025 assessment' WHERE code = 'R-1';
SELECT count(*) AS history_rows FROM risk_register_history;

SELECT code, target_kind, asset_tag, zone, threat, threat_category, effective_criticality, likelihood, consequence,
       inherent_level, inherent_score, residual_level, residual_score, current_level, current_score,
       within_appetite, above_tolerance, treatment, status, owner, accepted_by, acceptance_expired, created_at
FROM risk_register ORDER BY code;
SELECT code, current_score, tolerance_score, excess_score, acceptance_expired FROM risks_above_tolerance ORDER BY code;
-- the acceptance expired on 2025-12-01: a finding, not silence
SELECT code, finding, accepted_on, acceptance_expires_on, days_past_expiry > 0 AS overdue, accepted_by FROM risk_acceptance_findings;

-- who, when, old, new
SELECT code, changed_at, changed_by, operation, old_inherent_score, new_inherent_score, old_residual_score, new_residual_score,
       old_treatment, new_treatment, old_owner, new_owner, old_status, new_status
FROM risk_register_change ORDER BY changed_at, code;

-- the register as it stood at several dates
SELECT d AS as_of, string_agg(r.code || ':' || r.status || ':' || coalesce(r.residual_score, r.inherent_score)::text
                              || ':' || coalesce(r.treatment, '-'), ', ' ORDER BY r.code) AS register
FROM unnest(ARRAY['2025-01-01', '2025-01-10 09:00', '2025-03-01', '2025-06-01 12:00', '2025-09-30', '2025-10-02', '2030-01-01']::timestamptz[]) AS d
LEFT JOIN LATERAL risk_register_as_of(d) r ON true
GROUP BY d ORDER BY d;

-- the trend: months from the first recorded change; the register at each month's end
SELECT to_char(time, 'YYYY-MM') AS month, risks, open_risks, critical_risks, high_risks, medium_risks, low_risks,
       mean_current_score, above_tolerance, accepted_risks, new_risks, changes
FROM risk_trend_monthly WHERE time < '2026-01-01' ORDER BY time;
SELECT count(*) = count(DISTINCT id) AS unique_ids, min(time) AS first_month FROM risk_trend_monthly;

-- the metrics: coverage of critical assets, treatment effectiveness, residual level
SELECT organization_code, risks, open_risks, critical_assets, critical_assets_assessed, assessment_coverage_percent,
       treated_risks, treatment_effectiveness_percent, mean_inherent_score, mean_residual_score,
       above_tolerance, within_appetite, expired_acceptances
FROM risk_kpis ORDER BY organization_code;

-- ---- refused ----
-- likelihood outside the matrix (5x5)
INSERT INTO risk_register_entry (organization_id, code, title, zone_id, likelihood, consequence)
VALUES ('00000000-0000-4000-8000-000000000001', 'R-9', 'x', '00000000-0000-4000-8000-000000000011', 6, 1);
\echo :LAST_ERROR_SQLSTATE
UPDATE risk_register_entry SET residual_likelihood = 1, residual_consequence = 7 WHERE code = 'R-2';
\echo :LAST_ERROR_SQLSTATE
INSERT INTO risk_register_entry (organization_id, code, title, zone_id, likelihood, consequence)
VALUES ('00000000-0000-4000-8000-000000000001', 'R-9', 'x', '00000000-0000-4000-8000-000000000011', 0, 1);
\echo :LAST_ERROR_SQLSTATE
-- both an asset and a zone
INSERT INTO risk_register_entry (organization_id, code, title, asset_id, zone_id, likelihood, consequence)
VALUES ('00000000-0000-4000-8000-000000000001', 'R-9', 'x', '00000000-0000-4000-8000-000000000041', '00000000-0000-4000-8000-000000000011', 1, 1);
\echo :LAST_ERROR_SQLSTATE
-- residual above inherent; residual half given
UPDATE risk_register_entry SET residual_likelihood = 5, residual_consequence = 5 WHERE code = 'R-2';
\echo :LAST_ERROR_SQLSTATE
UPDATE risk_register_entry SET residual_likelihood = 1, residual_consequence = NULL WHERE code = 'R-2';
\echo :LAST_ERROR_SQLSTATE
-- acceptance without approver, without expiry, expiring before it starts, longer than allowed; approver data on a reduced risk
UPDATE risk_register_entry SET treatment = 'accept' WHERE code = 'R-1';
\echo :LAST_ERROR_SQLSTATE
UPDATE risk_register_entry SET acceptance_expires_on = NULL WHERE code = 'R-2';
\echo :LAST_ERROR_SQLSTATE
UPDATE risk_register_entry SET acceptance_expires_on = '2025-05-01' WHERE code = 'R-2';
\echo :LAST_ERROR_SQLSTATE
UPDATE risk_register_entry SET acceptance_expires_on = '2027-06-01' WHERE code = 'R-2';
\echo :LAST_ERROR_SQLSTATE
UPDATE risk_register_entry SET accepted_on = '2025-06-01' WHERE code = 'R-1';
\echo :LAST_ERROR_SQLSTATE
-- unknown treatment and status
UPDATE risk_register_entry SET treatment = 'ignore' WHERE code = 'R-1';
\echo :LAST_ERROR_SQLSTATE
UPDATE risk_register_entry SET status = 'forgotten' WHERE code = 'R-1';
\echo :LAST_ERROR_SQLSTATE
-- another organisation's asset, zone, owner or approver
INSERT INTO risk_register_entry (organization_id, code, title, asset_id, likelihood, consequence)
VALUES ('00000000-0000-4000-8000-000000000001', 'R-9', 'x', '00000000-0000-4000-8000-000000000043', 1, 1);
\echo :LAST_ERROR_SQLSTATE
UPDATE risk_register_entry SET owner_id = '00000000-0000-4000-8000-000000000033' WHERE code = 'R-1';
\echo :LAST_ERROR_SQLSTATE
-- duplicate code
INSERT INTO risk_register_entry (organization_id, code, title, zone_id, likelihood, consequence)
VALUES ('00000000-0000-4000-8000-000000000001', 'R-1', 'x', '00000000-0000-4000-8000-000000000011', 1, 1);
\echo :LAST_ERROR_SQLSTATE
-- a change back-dated before the risk's last recorded change
BEGIN;
SET LOCAL iec62443p2.changed_at = '2025-02-01';
UPDATE risk_register_entry SET status = 'closed' WHERE code = 'R-1';
ROLLBACK;
\echo :LAST_ERROR_SQLSTATE
-- and a deletion back-dated before it: refused, the risk stays in the register as of now
BEGIN;
SET LOCAL iec62443p2.changed_at = '2025-02-01';
DELETE FROM risk_register_entry WHERE code = 'R-1';
ROLLBACK;
\echo :LAST_ERROR_SQLSTATE
SELECT count(*) AS r1_now FROM risk_register_as_of(now()) WHERE code = 'R-1';
-- an unparsable change time
BEGIN;
SET LOCAL iec62443p2.changed_at = 'last Tuesday-ish';
UPDATE risk_register_entry SET status = 'closed' WHERE code = 'R-1';
ROLLBACK;
\echo :LAST_ERROR_SQLSTATE
-- an organisation without a matrix in use cannot score risks
UPDATE organization_settings SET risk_matrix_id = NULL WHERE organization_id = '00000000-0000-4000-8000-000000000002';
INSERT INTO risk_register_entry (organization_id, code, title, asset_id, likelihood, consequence)
VALUES ('00000000-0000-4000-8000-000000000002', 'R-1', 'x', '00000000-0000-4000-8000-000000000043', 1, 1);
\echo :LAST_ERROR_SQLSTATE
-- nothing half-written by any of the above
SELECT count(*) AS risks, (SELECT count(*) FROM risk_register_history) AS history_rows FROM risk_register_entry;
SELECT code, status, treatment, residual_likelihood, residual_consequence, acceptance_expires_on FROM risk_register_entry ORDER BY code;

-- a change of the matrix re-scores the register; the history keeps the scores of its time
UPDATE organization_risk_matrix SET matrix =
  '{{low:1,low:1,low:1,low:1,low:1};{low:1,low:1,low:1,low:1,low:1};{low:1,low:1,low:1,low:1,low:1};'
  '{low:1,low:1,low:1,low:1,low:1};{low:1,low:1,low:1,low:1,low:1}}'
WHERE organization_id = '00000000-0000-4000-8000-000000000001';
SELECT code, inherent_level, inherent_score, above_tolerance FROM risk_register ORDER BY code;
SELECT code, inherent_level, inherent_score FROM risk_register_as_of(now()) ORDER BY code;

-- zones short of target, per FR: the control zone falls short on SI by 1 and TRE by 2; the DMZ
-- is not assessed; the office has no target and no rows
SELECT organization_code, zone, fr, fr_code, sl_target, sl_achieved, shortfall, meets_target
FROM zone_security_level_gap WHERE shortfall IS DISTINCT FROM 0 ORDER BY organization_code, zone, fr_number;
SELECT count(*) AS rows, count(DISTINCT id) AS ids, bool_and(id LIKE zone_id::text || '/FR_') AS id_shape FROM zone_security_level_gap;

-- one row per zone: SL-T, SL-A, the gap and where it falls short
SELECT organization_code, zone, sl_target, sl_achieved, sl_gap, meets_target, frs_short, short_on, max_shortfall, total_shortfall, assets
FROM zone_security_levels ORDER BY organization_code, zone;

DROP EXTENSION iec62443p2;
DROP SCHEMA iec62443p2;
