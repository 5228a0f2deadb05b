--
-- Risk KPIs per site and by month, from the recorded history: assessments counted when a risk is
-- recorded or its likelihood or consequence changes (not when only its owner or status does),
-- the register at each month's end per organisation and per site, deleted risks left out.
--
CREATE EXTENSION iec62443p2;
SET search_path = iec62443p2, public;
SET timezone = 'UTC';
\set VERBOSITY terse

INSERT INTO organization (id, code, name) VALUES ('00000000-0000-4000-8000-000000000001', 'CRU', 'Cascade Regional Utilities');
INSERT INTO site (organization_id, id, code, name, time_zone) VALUES
  ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-0000000000a1', 'WTP', 'Water treatment', 'America/Los_Angeles'),
  ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-0000000000a2', 'SUB', 'Substation', 'America/Los_Angeles');
INSERT INTO zone (organization_id, id, site_id, name, exposure) VALUES
  ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000011', '00000000-0000-4000-8000-0000000000a1', 'WTP control', 'control'),
  ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000012', '00000000-0000-4000-8000-0000000000a2', 'SUB bay', 'control'),
  ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000013', NULL, 'WAN', 'dmz');
INSERT INTO person (organization_id, id, full_name) VALUES
  ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000031', 'Priya Raman'),
  ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000032', 'Daniel Okafor');
INSERT INTO asset (organization_id, id, tag, name, asset_type, vendor, product, criticality, zone_id) VALUES
  ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000041', 'PLC-1', 'Filter PLC', 'plc', 'Rockwell', 'ControlLogix', 5, '00000000-0000-4000-8000-000000000011'),
  ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000042', 'HMI-1', 'Filter HMI', 'hmi', 'Rockwell', 'PanelView', 4, '00000000-0000-4000-8000-000000000011'),
  ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000043', 'IED-1', 'Feeder relay', 'ied', 'SEL', 'SEL-751', 5, '00000000-0000-4000-8000-000000000012');

-- January: three risks recorded (one per site, one on the site-less WAN zone)
BEGIN;
SET LOCAL iec62443p2.changed_at = '2025-01-10 09:00+00';
INSERT INTO risk_register_entry (organization_id, id, code, title, asset_id, zone_id, likelihood, consequence) VALUES
  ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000061', 'R-1', 'PLC logic changed', '00000000-0000-4000-8000-000000000041', NULL, 4, 5),
  ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000062', 'R-2', 'Relay settings changed', NULL, '00000000-0000-4000-8000-000000000012', 3, 4),
  ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000063', 'R-3', 'WAN outage', NULL, '00000000-0000-4000-8000-000000000013', 2, 2);
COMMIT;
-- February: R-1 treated (residual assessed: an assessment), R-2 gets an owner (not an assessment)
BEGIN;
SET LOCAL iec62443p2.changed_at = '2025-02-03 10:00+00';
UPDATE risk_register_entry SET residual_likelihood = 2, residual_consequence = 5, treatment = 'reduce', controls = 'Key switch in RUN'
WHERE code = 'R-1';
UPDATE risk_register_entry SET owner_id = '00000000-0000-4000-8000-000000000031' WHERE code = 'R-2';
COMMIT;
-- March: R-2 re-assessed twice, R-3 deleted
BEGIN;
SET LOCAL iec62443p2.changed_at = '2025-03-05 10:00+00';
UPDATE risk_register_entry SET likelihood = 4 WHERE code = 'R-2';
COMMIT;
BEGIN;
SET LOCAL iec62443p2.changed_at = '2025-03-20 10:00+00';
UPDATE risk_register_entry SET residual_likelihood = 2, residual_consequence = 3, treatment = 'reduce' WHERE code = 'R-2';
DELETE FROM risk_register_entry WHERE code = 'R-3';
COMMIT;

SELECT h.code, e.changed_at, e.operation, e.is_assessment
FROM risk_assessment_event e JOIN risk_register_history h USING (id)
ORDER BY e.changed_at, e.change_no;

SELECT scope, coalesce(site_code, '-') AS site, time::date, open_risks, assessments, risks_assessed, new_risks, treated_risks,
       treatment_effectiveness_percent, mean_inherent_score, mean_residual_score, critical_risks, high_risks, medium_risks, low_risks
FROM risk_kpis_monthly WHERE time < '2025-04-01' ORDER BY scope, site, time;
-- one row per id; every month up to now for the organisation
SELECT count(*) = count(DISTINCT id) AS unique_ids,
       min(time) FILTER (WHERE scope = 'organization') AS first_month,
       max(time) FILTER (WHERE scope = 'organization') = date_trunc('month', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' AS up_to_now
FROM risk_kpis_monthly;

-- per site today: coverage of critical assets (PLC-1 and HMI-1 at WTP: only PLC-1 has a risk);
-- R-1 reassessed now: WTP has one risk assessed in the last 365 days, SUB (last assessed in 2025) none
UPDATE risk_register_entry SET residual_likelihood = 1 WHERE code = 'R-1';
UPDATE risk_register_entry SET owner_id = '00000000-0000-4000-8000-000000000032' WHERE code = 'R-2';
SELECT site_code, open_risks, critical_assets, critical_assets_assessed, assessment_coverage_percent, treated_risks,
       treatment_effectiveness_percent, mean_inherent_score, mean_residual_score, risks_assessed_12_months, assessments_12_months
FROM risk_kpis_by_site ORDER BY site_code;

-- months are UTC months: 23:30 on 31 January in Los Angeles is already February in UTC
SELECT month_start, month_end FROM utc_months('2025-01-31 23:30-08', '2025-03-01 00:00+00');
SELECT count(*) AS months_when_first_is_after_last FROM utc_months('2025-03-01', '2025-01-01');

DROP EXTENSION iec62443p2;
DROP SCHEMA iec62443p2;
