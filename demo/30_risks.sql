-- Sample program: the utility's risk register with two years of history (November 2024 to
-- October 2026), recorded through the register itself with back-dated change times
-- (iec62443p2.changed_at / changed_by), as an import of existing records would.  About 150 risks
-- on assets and zones: most reduced by controls, some transferred or avoided, some accepted by
-- the CISO for six or twelve months (several of those acceptances have expired: findings), some
-- still untreated and above tolerance, some closed, owners handed over.
--
-- Deterministic: ids and choices come from md5 of fixed text and the risk's number, dates from
-- fixed anchors; one transaction; every name schema-qualified.
-- Load after demo/10_organizations_and_assets.sql and demo/20_asset_dependencies.sql.

\set ON_ERROR_STOP on
BEGIN;

-- The utility's threat scenarios, one or two per shipped category.
INSERT INTO iec62443p2.threat (organization_id, id, code, name, category, description)
SELECT o.id, pg_catalog.md5('iec62443p2-demo/threat/CRU/' || v.code)::uuid, v.code, v.name, v.category, v.description
FROM (VALUES
  ('T-RA-01', 'Vendor remote access session abused', 'remote_access',
   'An integrator''s remote access path (Ewon, mGuard, VPN) is used by an attacker with stolen credentials.'),
  ('T-RA-02', 'Exposed SSL VPN exploited', 'remote_access', 'A known VPN appliance vulnerability is exploited from the internet.'),
  ('T-MW-01', 'Ransomware spreads from the corporate network', 'malware',
   'Ransomware reaches OT through shared services, RDP or file shares.'),
  ('T-MW-02', 'Infected removable media', 'malware', 'Malware carried on a USB stick used for project files.'),
  ('T-IN-01', 'Careless change by a contractor', 'insider', 'An unreviewed logic or configuration change by a contractor.'),
  ('T-SC-01', 'Compromised vendor update', 'supply_chain', 'A trojanised firmware or software update.'),
  ('T-UV-01', 'Known vulnerability exploited', 'unpatched_vulnerability', 'A published vulnerability without a deployed fix.'),
  ('T-DS-01', 'Network storm or flood', 'denial_of_service', 'Broadcast storm or flood stops controller communication.'),
  ('T-MA-01', 'Set points or logic manipulated', 'manipulation', 'Unauthorised writes to controllers change the process.'),
  ('T-LV-01', 'Operators lose view', 'loss_of_view', 'HMI, SCADA or telemetry unavailable during operations.'),
  ('T-PH-01', 'Unattended site tampered with', 'physical', 'Physical access to an unmanned station or cabinet.'),
  ('T-SE-01', 'Engineer phished', 'social_engineering', 'Credentials of an engineer with OT access are phished.'),
  ('T-MC-01', 'Default credentials left in place', 'misconfiguration', 'Factory passwords or open services remain after commissioning.'),
  ('T-OB-01', 'Unsupported system cannot be fixed', 'obsolescence', 'End-of-life operating system or firmware without fixes.')
) AS v (code, name, category, description)
JOIN iec62443p2.organization o ON o.code = 'CRU'
ORDER BY v.code;

DO $risks$
DECLARE
  org uuid := pg_catalog.md5('iec62443p2-demo/org/CRU')::uuid;
  ciso uuid := pg_catalog.md5('iec62443p2-demo/person/CRU/daniel.okafor@cru.example')::uuid;
  ot_lead uuid := pg_catalog.md5('iec62443p2-demo/person/CRU/priya.raman@cru.example')::uuid;
  network uuid := pg_catalog.md5('iec62443p2-demo/person/CRU/meiling.chen@cru.example')::uuid;
  cutoff constant timestamptz := '2026-11-01 00:00+00';
  threats uuid[];
  threat_categories text[];
  r record;
  h text;
  n integer;
  rid uuid;
  t0 timestamptz;
  t1 timestamptz;
  t2 timestamptz;
  t3 timestamptz;
  lik integer;
  con integer;
  treat text;
BEGIN
  SELECT pg_catalog.array_agg(t.id ORDER BY t.code), pg_catalog.array_agg(t.category ORDER BY t.code)
  INTO threats, threat_categories
  FROM iec62443p2.threat t WHERE t.organization_id = org;

  FOR r IN
    -- 120 asset risks on assets in operation (the most critical first, then spread by hash), 30 zone risks
    WITH assets AS (
      SELECT a.id, a.tag, a.name, a.owner_id, e.effective_criticality AS crit,
             pg_catalog.row_number() OVER (ORDER BY e.effective_criticality DESC, pg_catalog.md5(a.tag)) AS k
      FROM iec62443p2.asset a
      JOIN iec62443p2.asset_effective_criticality e ON e.organization_id = a.organization_id AND e.id = a.id
      JOIN iec62443p2.lifecycle_state l ON l.code = a.lifecycle_state AND l.in_operation
      WHERE a.organization_id = org
    ), zones AS (
      SELECT z.id, z.name, pg_catalog.row_number() OVER (ORDER BY z.name) AS k, pg_catalog.count(*) OVER () AS zn,
             coalesce((SELECT pg_catalog.max(a.criticality) FROM iec62443p2.asset a WHERE a.organization_id = z.organization_id
                        AND a.zone_id = z.id), 3) AS crit
      FROM iec62443p2.zone z WHERE z.organization_id = org
    )
    SELECT i, a.id AS asset_id, NULL::uuid AS zone_id, a.name AS target, a.owner_id, a.crit
    FROM pg_catalog.generate_series(1, 150) AS i JOIN assets a ON a.k = i - (i / 5)
    WHERE i % 5 <> 0
    UNION ALL
    SELECT i, NULL, z.id, z.name, NULL, z.crit
    FROM pg_catalog.generate_series(1, 150) AS i JOIN zones z ON z.k = 1 + (i / 5 - 1) % z.zn
    WHERE i % 5 = 0
    ORDER BY 1
  LOOP
    h := pg_catalog.md5('iec62443p2-demo/risk/CRU/' || r.i::text);
    n := ('x' || pg_catalog.substr(h, 1, 8))::bit(32)::integer & 2147483647;
    rid := h::uuid;
    -- recorded every 4.7 days from November 2024, at a working hour
    t0 := '2024-11-04 16:00+00'::timestamptz + pg_catalog.make_interval(hours => (r.i - 1) * 113 + n % 5);
    t1 := t0 + pg_catalog.make_interval(days => 14 + n % 50);         -- assessed, treatment decided
    t2 := t1 + pg_catalog.make_interval(days => 60 + n % 120);        -- owner handed over
    t3 := t1 + pg_catalog.make_interval(days => 90 + n % 300);        -- closed
    lik := 2 + n % 4;
    con := GREATEST(1, LEAST(5, r.crit - (n / 7) % 2));
    treat := CASE WHEN r.i % 6 = 0 THEN NULL            -- not yet treated
                  WHEN r.i % 9 = 0 THEN 'accept'
                  WHEN r.i % 13 = 0 THEN 'transfer'
                  WHEN r.i % 17 = 0 THEN 'avoid'
                  ELSE 'reduce' END;

    PERFORM pg_catalog.set_config('iec62443p2.changed_at', t0::text, true);
    PERFORM pg_catalog.set_config('iec62443p2.changed_by', 'import: CRU risk workbook', true);
    INSERT INTO iec62443p2.risk_register_entry
      (organization_id, id, code, title, description, asset_id, zone_id, threat_id, vulnerability,
       likelihood, consequence, owner_id, status, review_due_on)
    VALUES
      (org, rid, 'R-' || pg_catalog.to_char(t0 AT TIME ZONE 'UTC', 'YYYY') || '-' || pg_catalog.lpad(r.i::text, 3, '0'),
       (SELECT t.name FROM iec62443p2.threat t WHERE t.id = threats[1 + n % pg_catalog.cardinality(threats)]) || ': ' || r.target,
       'Recorded in the 2024-2026 OT risk assessments.',
       r.asset_id, r.zone_id, threats[1 + n % pg_catalog.cardinality(threats)],
       CASE threat_categories[1 + n % pg_catalog.cardinality(threats)]
         WHEN 'remote_access' THEN 'Shared accounts on the remote access path'
         WHEN 'unpatched_vulnerability' THEN 'Firmware two releases behind the vendor''s fix'
         WHEN 'obsolescence' THEN 'Operating system out of vendor support'
         WHEN 'misconfiguration' THEN 'Factory default credentials'
         ELSE 'Flat network inside the zone' END,
       lik, con, coalesce(r.owner_id, ot_lead), 'open', (t0 AT TIME ZONE 'UTC')::date + 365);

    IF treat IS NOT NULL AND t1 < cutoff THEN
      PERFORM pg_catalog.set_config('iec62443p2.changed_at', t1::text, true);
      PERFORM pg_catalog.set_config('iec62443p2.changed_by', 'cru_praman', true);
      UPDATE iec62443p2.risk_register_entry e
      SET controls = CASE treat WHEN 'reduce' THEN 'Jump host with MFA, application allow-listing, zone firewall rules reviewed'
                                WHEN 'transfer' THEN 'Managed service contract with Kestrel OT Security; cyber insurance'
                                WHEN 'avoid' THEN 'Function removed: remote path decommissioned'
                                ELSE 'Monitoring by the OT SOC' END,
          residual_likelihood = CASE treat WHEN 'accept' THEN lik WHEN 'avoid' THEN 1 ELSE GREATEST(1, lik - 1 - n % 2) END,
          residual_consequence = CASE treat WHEN 'accept' THEN con ELSE GREATEST(1, con - (n / 3) % 2) END,
          treatment = treat,
          status = CASE treat WHEN 'accept' THEN 'monitoring' ELSE 'in_treatment' END,
          accepted_by = CASE WHEN treat = 'accept' THEN ciso END,
          accepted_on = CASE WHEN treat = 'accept' THEN (t1 AT TIME ZONE 'UTC')::date END,
          acceptance_expires_on = CASE WHEN treat = 'accept'
                                       THEN (t1 AT TIME ZONE 'UTC')::date + CASE WHEN n % 2 = 0 THEN 182 ELSE 365 END END
      WHERE e.organization_id = org AND e.id = rid;

      IF r.i % 11 = 0 AND t2 < cutoff THEN
        PERFORM pg_catalog.set_config('iec62443p2.changed_at', t2::text, true);
        UPDATE iec62443p2.risk_register_entry e SET owner_id = network WHERE e.organization_id = org AND e.id = rid;
      END IF;
      IF treat IN ('reduce', 'avoid') AND r.i % 4 = 1 AND t3 < cutoff THEN
        PERFORM pg_catalog.set_config('iec62443p2.changed_at', GREATEST(t3, t2 + interval '1 day')::text, true);
        UPDATE iec62443p2.risk_register_entry e SET status = 'closed' WHERE e.organization_id = org AND e.id = rid;
      END IF;
    END IF;
  END LOOP;
  PERFORM pg_catalog.set_config('iec62443p2.changed_at', '', true);
  PERFORM pg_catalog.set_config('iec62443p2.changed_by', '', true);
END
$risks$;

-- The result must look like the brief: about 150 risks, two years of history, expired
-- acceptances and risks above tolerance.
DO $check$
DECLARE
  risks bigint;
  months bigint;
  expired bigint;
  above bigint;
BEGIN
  SELECT pg_catalog.count(*) INTO risks FROM iec62443p2.risk_register WHERE organization_code = 'CRU';
  SELECT pg_catalog.count(*) INTO months FROM iec62443p2.risk_trend_monthly WHERE organization_code = 'CRU' AND time < '2026-11-01';
  SELECT pg_catalog.count(*) INTO expired FROM iec62443p2.risk_register
   WHERE organization_code = 'CRU' AND acceptance_expires_on < '2026-11-01';
  SELECT pg_catalog.count(*) INTO above FROM iec62443p2.risks_above_tolerance WHERE organization_code = 'CRU';
  IF risks < 140 OR months < 24 OR expired < 3 OR above < 10 THEN
    RAISE EXCEPTION 'sample program: % risks, % months, % expired acceptances, % above tolerance', risks, months, expired, above;
  END IF;
END
$check$;

COMMIT;
