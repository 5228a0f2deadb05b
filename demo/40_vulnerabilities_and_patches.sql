-- Sample program: vulnerability and patch management (IEC TR 62443-2-3) for the utility, with two
-- years of history (November 2024 to October 2026) recorded through the lifecycle API with
-- back-dated change times (iec62443p2.changed_at / changed_by), and a little for Stadtwerke
-- Rabenfeld.
--
--   * products for the installed base (the inventory's own spelling is the canonical name) and the
--     advisories' spellings as aliases (demo/data/product_aliases.csv);
--   * 43 real ICS CVEs with their published vectors, dates and KEV status
--     (demo/data/ics_vulnerabilities.csv) and the products they affect
--     (demo/data/ics_affected_products.csv); ranges the advisory cannot express in vers go in as
--     vers:intdot/>=0, which leaves every inventory version that is not intdot (Cisco IOS, SEL,
--     Ewon, ESXi build, AVEVA service packs) undetermined, for a person to decide;
--   * test rigs per site (development, test, staging environments); SWR has no test environment;
--   * patches for most CVEs, deployments in every lifecycle state, validation runs per
--     environment (some failing, which rolls the environment back), maintenance windows,
--     exceptions for legacy systems, scans.
--
-- Deterministic: ids from md5 of fixed text, dates from fixed anchors; one transaction; every
-- name schema-qualified.  Exceptions: a few assets commissioned "recently" (relative to the time
-- the demo is loaded) and the latest scan of each site, so that findings open and due soon and the
-- scan coverage of the last 30 days exist whenever the demo runs.
-- Run from the project directory (the CSV files are read with \copy).

\set ON_ERROR_STOP on
BEGIN;

-- ---------------------------------------------------------------------------------------------
-- The data files
-- ---------------------------------------------------------------------------------------------
CREATE TEMPORARY TABLE demo_vuln (
  cve_id text, title text, published_on date, cvss_vector text, cvss_source text, kev boolean,
  kev_added_on date, kev_due_on date, advisory text, source_url text
) ON COMMIT DROP;
CREATE TEMPORARY TABLE demo_affected (
  cve_id text, vendor text, product text, vers_range text, fixed_version text, notes text
) ON COMMIT DROP;
CREATE TEMPORARY TABLE demo_alias (
  advisory_vendor text, advisory_product text, inventory_vendor text, inventory_product text
) ON COMMIT DROP;
\copy pg_temp.demo_vuln FROM 'demo/data/ics_vulnerabilities.csv' WITH (FORMAT csv, HEADER true)
\copy pg_temp.demo_affected FROM 'demo/data/ics_affected_products.csv' WITH (FORMAT csv, HEADER true)
\copy pg_temp.demo_alias FROM 'demo/data/product_aliases.csv' WITH (FORMAT csv, HEADER true)

-- EPSS: the CSV has none.  These probabilities and percentiles are ILLUSTRATIVE, chosen to be
-- plausible for each CVE (KEV-listed network flaws near the top, local or ICS-specific ones low);
-- they are NOT FIRST's real daily scores.  Load the real daily CSV for real use.
CREATE TEMPORARY TABLE demo_epss (cve_id text PRIMARY KEY, epss numeric(6,5), percentile numeric(6,5)) ON COMMIT DROP;
INSERT INTO pg_temp.demo_epss VALUES
  ('CVE-2010-2568', 0.97321, 0.99883), ('CVE-2015-5374', 0.01873, 0.82510), ('CVE-2017-0144', 0.97546, 0.99989),
  ('CVE-2018-0171', 0.96980, 0.99770), ('CVE-2018-16561', 0.00412, 0.61234), ('CVE-2018-19282', 0.00297, 0.52801),
  ('CVE-2019-0708', 0.97452, 0.99962), ('CVE-2019-13554', 0.00681, 0.70452), ('CVE-2019-19279', 0.00517, 0.65920),
  ('CVE-2019-6857', 0.00393, 0.60110), ('CVE-2020-10633', 0.00208, 0.43550), ('CVE-2020-10644', 0.62150, 0.98120),
  ('CVE-2020-15782', 0.00846, 0.74010), ('CVE-2020-6998', 0.00471, 0.63910), ('CVE-2020-7007', 0.01120, 0.77830),
  ('CVE-2021-22659', 0.00308, 0.53890), ('CVE-2021-22779', 0.00614, 0.68920), ('CVE-2021-33012', 0.00297, 0.52790),
  ('CVE-2021-37172', 0.00364, 0.58140), ('CVE-2021-37206', 0.00512, 0.65600), ('CVE-2021-40368', 0.00433, 0.62120),
  ('CVE-2022-1161', 0.00285, 0.51700), ('CVE-2022-22725', 0.00190, 0.41230), ('CVE-2022-2848', 0.00641, 0.69880),
  ('CVE-2022-29922', 0.00330, 0.55910), ('CVE-2022-29966', 0.00257, 0.49210), ('CVE-2022-3157', 0.00330, 0.55920),
  ('CVE-2022-38465', 0.00102, 0.27160), ('CVE-2023-27997', 0.92310, 0.99210), ('CVE-2023-29444', 0.00082, 0.23510),
  ('CVE-2023-34348', 0.00204, 0.42990), ('CVE-2023-3595', 0.04820, 0.88730), ('CVE-2024-1531', 0.00064, 0.19870),
  ('CVE-2024-2103', 0.00053, 0.15110), ('CVE-2024-21762', 0.91670, 0.99150), ('CVE-2024-37085', 0.58930, 0.97980),
  ('CVE-2024-38193', 0.07360, 0.91140), ('CVE-2024-40619', 0.00093, 0.25880), ('CVE-2024-46886', 0.00071, 0.21620),
  ('CVE-2024-6077', 0.00114, 0.29830), ('CVE-2024-6242', 0.00181, 0.39980), ('CVE-2024-7507', 0.00106, 0.28410),
  ('CVE-2024-7567', 0.00096, 0.26640);

DO $check$
BEGIN
  IF (SELECT pg_catalog.count(*) FROM pg_temp.demo_vuln) <> 43
     OR EXISTS (SELECT 1 FROM pg_temp.demo_vuln v LEFT JOIN pg_temp.demo_epss e ON e.cve_id = v.cve_id WHERE e.cve_id IS NULL) THEN
    RAISE EXCEPTION 'sample program: demo/data/ics_vulnerabilities.csv does not match the EPSS list of demo/40';
  END IF;
END
$check$;

-- ---------------------------------------------------------------------------------------------
-- Products: every vendor and product of the two asset owners' installed base, as the inventory
-- writes them (FortiGate firmware is FortiOS, compared by semver); advisory spellings that name
-- one inventory product become its aliases.  An advisory product that stands for several
-- inventory products (Ovation, the S7-1500 family, SIPROTEC 5) is no alias: its affected ranges
-- are recorded for each of them.
-- ---------------------------------------------------------------------------------------------
SET LOCAL iec62443p2.changed_at = '2024-11-01 08:00+00';
SET LOCAL iec62443p2.changed_by = 'import: OT asset inventory';

INSERT INTO iec62443p2.product (organization_id, id, vendor, name, version_scheme, description)
SELECT x.organization_id, pg_catalog.md5('iec62443p2-demo/product/' || o.code || '/' || x.vendor || '/' || x.product)::uuid,
       x.vendor, x.product,
       CASE WHEN x.vendor = 'Fortinet' AND x.product LIKE 'FortiGate%' THEN 'semver' ELSE 'intdot' END,
       CASE WHEN x.vendor = 'Fortinet' AND x.product LIKE 'FortiGate%' THEN 'Firmware: FortiOS.' END
FROM (SELECT DISTINCT a.organization_id, a.vendor, a.product FROM iec62443p2.asset a) x
JOIN iec62443p2.organization o ON o.id = x.organization_id
WHERE o.code IN ('CRU', 'SWR')
ORDER BY o.code, x.vendor, x.product;

INSERT INTO iec62443p2.product_alias (organization_id, id, product_id, vendor, name, source)
SELECT DISTINCT ON (o.code, iec62443p2.product_name_key(m.advisory_vendor), iec62443p2.product_name_key(m.advisory_product))
       p.organization_id,
       pg_catalog.md5('iec62443p2-demo/product_alias/' || o.code || '/' || m.advisory_vendor || '/' || m.advisory_product)::uuid,
       p.id, m.advisory_vendor, m.advisory_product, 'ICS advisories (demo/data/product_aliases.csv)'
FROM pg_temp.demo_alias m
JOIN iec62443p2.product p ON p.vendor = m.inventory_vendor AND p.name = m.inventory_product
JOIN iec62443p2.organization o ON o.id = p.organization_id
WHERE (SELECT pg_catalog.count(*) FROM pg_temp.demo_alias n
       WHERE n.advisory_vendor = m.advisory_vendor AND n.advisory_product = m.advisory_product) = 1
  AND (m.advisory_vendor, m.advisory_product) IS DISTINCT FROM (m.inventory_vendor, m.inventory_product)
-- two spellings differing only in case (Kepware KEPServerEX / KepServerEX) are one alias
ORDER BY o.code, iec62443p2.product_name_key(m.advisory_vendor), iec62443p2.product_name_key(m.advisory_product), m.advisory_product;

-- ---------------------------------------------------------------------------------------------
-- Environments and test rigs.  CRU has the shipped four (development, test, staging,
-- production); SWR has no test environment: its rollout goes development -> staging -> production.
-- ---------------------------------------------------------------------------------------------
DELETE FROM iec62443p2.organization_deployment_environment e
USING iec62443p2.organization o
WHERE o.id = e.organization_id AND o.code = 'SWR' AND e.environment = 'test';

INSERT INTO iec62443p2.asset
  (organization_id, id, tag, name, asset_type, vendor, product, version, zone_id, owner_id, criticality,
   safety_related, lifecycle_state, environment, installed_on, notes)
SELECT o.id, pg_catalog.md5('iec62443p2-demo/asset/' || v.org || '/' || v.tag)::uuid, v.tag, v.name, v.atype,
       v.vendor, v.product, v.version, z.id, pe.id, 2, false, 'in_service', v.env, v.installed::date,
       'Test rig: not connected to the process; patches are tried here first.'
FROM (VALUES
  ('CRU', 'WTP-LAB-001', 'Controls lab ControlLogix 5580', 'plc', 'Rockwell Automation', 'ControlLogix 5580 1756-L83E', '33.011',
   'WTP Process Control', 'tomas.alvarez@cru.example', 'development', '2022-05-02'),
  ('CRU', 'WTP-LAB-002', 'Controls lab CompactLogix 5380', 'plc', 'Rockwell Automation', 'CompactLogix 5380 5069-L330ER', '32.013',
   'WTP Process Control', 'tomas.alvarez@cru.example', 'development', '2022-05-02'),
  ('CRU', 'WTP-LAB-003', 'FAT/SAT test bench ControlLogix 5580', 'plc', 'Rockwell Automation', 'ControlLogix 5580 1756-L83E', '33.011',
   'WTP Process Control', 'tomas.alvarez@cru.example', 'test', '2022-05-02'),
  ('CRU', 'WTP-LAB-004', 'FAT/SAT test bench EtherNet/IP module', 'other', 'Rockwell Automation',
   '1756-EN2TR EtherNet/IP Communication Module', '11.002', 'WTP Process Control', 'tomas.alvarez@cru.example', 'test', '2022-05-02'),
  ('CRU', 'HYD-LAB-001', 'Hydro controls lab S7-1500', 'plc', 'Siemens', 'SIMATIC S7-1500 CPU 1516-3 PN/DP', 'V2.8.3',
   'HYD Unit Control', 'victor.huang@cru.example', 'development', '2021-02-15'),
  ('CRU', 'HYD-LAB-002', 'Governor test rig S7-1500', 'plc', 'Siemens', 'SIMATIC S7-1500 CPU 1516-3 PN/DP', 'V2.8.3',
   'HYD Unit Control', 'victor.huang@cru.example', 'test', '2021-02-15'),
  ('CRU', 'HYD-LAB-003', 'Governor simulator S7-1500 (staging)', 'plc', 'Siemens', 'SIMATIC S7-1500 CPU 1516-3 PN/DP', 'V2.8.3',
   'HYD Unit Control', 'victor.huang@cru.example', 'staging', '2021-02-15'),
  ('CRU', 'BCG-LAB-001', 'Ovation simulator controller (staging)', 'dcs_controller', 'Emerson', 'Ovation OCR1100 Controller', '3.8.0',
   'BCG Turbine & DCS Control', 'ethan.brooks@cru.example', 'staging', '2020-03-02'),
  ('CRU', 'SUB-LAB-001', 'RTU test bench RTU560', 'rtu', 'Hitachi Energy', 'RTU560', '13.5.1',
   'SNR Station LAN', 'owen.fletcher@cru.example', 'test', '2023-01-16'),
  ('CRU', 'SOC-LAB-001', 'Patch test server (Windows Server 2019 image)', 'server', 'Microsoft', 'Windows Server 2019 Standard',
   '1809 (OS Build 17763.5458)', 'SOC SCADA', 'grace.nakamura@cru.example', 'test', '2023-03-06'),
  ('SWR', 'WW-LAB-001', 'Labor-SPS S7-1500', 'plc', 'Siemens', 'SIMATIC S7-1500 CPU 1515-2 PN', 'V2.9.7',
   'WW Steuerungsnetz', 'juergen.hartmann@stadtwerke-rabenfeld.example', 'development', '2021-09-06'),
  ('SWR', 'UWN-LAB-001', 'Schutzprüfplatz SIPROTEC 5 (Staging)', 'ied', 'Siemens', 'SIPROTEC 5 7SJ85', 'V8.30',
   'UW Nord Feld- und Schutzebene', 'lena.schroeder@stadtwerke-rabenfeld.example', 'staging', '2019-11-04')
) AS v (org, tag, name, atype, vendor, product, version, zone, owner, env, installed)
JOIN iec62443p2.organization o ON o.code = v.org
JOIN iec62443p2.zone z ON z.organization_id = o.id AND z.name = v.zone
JOIN iec62443p2.person pe ON pe.organization_id = o.id AND pe.email = v.owner
ORDER BY v.org, v.tag;

-- the spare ControlLogix CPU in stores is the water plant's staging system
UPDATE iec62443p2.asset a SET environment = 'staging', notes = 'Spare, not installed; staging system for Logix firmware.'
FROM iec62443p2.organization o
WHERE o.id = a.organization_id AND o.code = 'CRU' AND a.tag = 'WTP-SPR-901';

-- In November 2024 the firewalls still ran FortiOS 7.2.4 (the inventory's 7.2.8 is the upgrade
-- recorded below, FG-7.2.8).
UPDATE iec62443p2.asset a SET version = '7.2.4'
FROM iec62443p2.organization o
WHERE o.id = a.organization_id AND o.code = 'CRU' AND a.vendor = 'Fortinet';

-- ---------------------------------------------------------------------------------------------
-- Vulnerabilities and what they affect.  The program started in November 2024 with the
-- KEV-listed CVEs and worked through its vendors' advisories over two years: each CVE is
-- identified on its own date (every one of them was published before the program started), and
-- the matching triggers detect it on the assets at that time.  SWR tracks the CVEs that concern
-- its products, a few days after the utility (shared advisory service).
-- ---------------------------------------------------------------------------------------------
DO $vulnerabilities$
DECLARE
  r record;
  org record;
  t timestamptz;
BEGIN
  FOR r IN
    SELECT v.*, e.epss, e.percentile,
           pg_catalog.row_number() OVER (ORDER BY v.kev DESC, v.published_on, v.cve_id) AS k,
           pg_catalog.count(*) OVER () AS n
    FROM pg_temp.demo_vuln v JOIN pg_temp.demo_epss e ON e.cve_id = v.cve_id
    ORDER BY 11
  LOOP
    FOR org IN SELECT o.id, o.code FROM iec62443p2.organization o WHERE o.code IN ('CRU', 'SWR') ORDER BY o.code LOOP
      -- KEV-listed ones in the first weeks, the rest spread until September 2026, at a working hour
      t := CASE WHEN r.kev THEN '2024-11-05 17:00+00'::timestamptz + pg_catalog.make_interval(days => 3 * (r.k - 1)::integer)
                ELSE '2024-12-02 17:00+00'::timestamptz
                     + pg_catalog.make_interval(days => ((r.k - 9) * 640 / (r.n - 8))::integer) END
           + CASE org.code WHEN 'SWR' THEN interval '3 days' - interval '9 hours' ELSE interval '0' END;
      CONTINUE WHEN org.code = 'SWR' AND NOT EXISTS (
        SELECT 1 FROM pg_temp.demo_affected x
        LEFT JOIN pg_temp.demo_alias m ON m.advisory_vendor = x.vendor AND m.advisory_product = x.product
        JOIN iec62443p2.product p ON p.organization_id = org.id
         AND p.vendor = coalesce(m.inventory_vendor, x.vendor) AND p.name = coalesce(m.inventory_product, x.product)
        WHERE x.cve_id = r.cve_id);
      PERFORM pg_catalog.set_config('iec62443p2.changed_at', t::text, true);
      PERFORM pg_catalog.set_config('iec62443p2.changed_by',
        CASE org.code WHEN 'CRU' THEN 'cru_praman' ELSE 'swr_kvogel' END, true);
      INSERT INTO iec62443p2.vulnerability
        (organization_id, id, cve_id, title, description, cvss, published_on, epss, epss_percentile, epss_on,
         kev, kev_added_on, kev_due_on)
      VALUES (org.id, pg_catalog.md5('iec62443p2-demo/vulnerability/' || org.code || '/' || r.cve_id)::uuid, r.cve_id, r.title,
              r.advisory || ' (' || r.source_url || '); vector: ' || r.cvss_source || '.',
              r.cvss_vector::iec62443p2.cvss, r.published_on, r.epss, r.percentile, '2026-11-01',
              r.kev, r.kev_added_on, r.kev_due_on);
      INSERT INTO iec62443p2.vulnerability_affected_product
        (organization_id, id, vulnerability_id, product_id, affected_range, fixed_version, source)
      SELECT org.id,
             pg_catalog.md5('iec62443p2-demo/affected/' || org.code || '/' || r.cve_id || '/' || p.name || '/' || x.rng)::uuid,
             pg_catalog.md5('iec62443p2-demo/vulnerability/' || org.code || '/' || r.cve_id)::uuid,
             p.id, x.rng::iec62443p2.vers_range,
             CASE WHEN x.fixed_version ~ '^[0-9]+(\.[0-9]+)*$'
                       AND iec62443p2.vers_contains(x.rng::iec62443p2.vers_range, x.fixed_version) IS FALSE
                  THEN x.fixed_version END,
             r.advisory || coalesce('; ' || x.notes, '')
      FROM (SELECT DISTINCT ON (coalesce(m.inventory_vendor, a.vendor), coalesce(m.inventory_product, a.product),
                                coalesce(a.vers_range, 'vers:intdot/>=0'))
                   coalesce(m.inventory_vendor, a.vendor) AS vendor, coalesce(m.inventory_product, a.product) AS product,
                   coalesce(a.vers_range, 'vers:intdot/>=0') AS rng, a.fixed_version, a.notes
            FROM pg_temp.demo_affected a
            LEFT JOIN pg_temp.demo_alias m ON m.advisory_vendor = a.vendor AND m.advisory_product = a.product
            WHERE a.cve_id = r.cve_id
            ORDER BY 1, 2, 3, a.fixed_version) x
      JOIN iec62443p2.product p ON p.organization_id = org.id AND p.vendor = x.vendor AND p.name = x.product
      ORDER BY p.name, x.rng;
    END LOOP;
  END LOOP;
END
$vulnerabilities$;

-- ---------------------------------------------------------------------------------------------
-- Who approves patch deployments: managers (high band), the change committee, recorded by its
-- chair (medium band), and the OT security lead for the scheduled route (low band).
-- ---------------------------------------------------------------------------------------------
INSERT INTO iec62443p2.patch_approver (organization_id, id, person_id, route)
SELECT o.id, pg_catalog.md5('iec62443p2-demo/patch_approver/' || v.org || '/' || v.email || '/' || v.route)::uuid, pe.id, v.route
FROM (VALUES
  ('CRU', 'samuel.greene@cru.example', 'manager'), ('CRU', 'helen.brandt@cru.example', 'manager'),
  ('CRU', 'ryan.thibodeaux@cru.example', 'manager'), ('CRU', 'daniel.okafor@cru.example', 'committee'),
  ('CRU', 'lauren.mcallister@cru.example', 'committee'), ('CRU', 'priya.raman@cru.example', 'scheduled'),
  ('SWR', 'juergen.hartmann@stadtwerke-rabenfeld.example', 'manager'),
  ('SWR', 'thomas.berger@stadtwerke-rabenfeld.example', 'committee'),
  ('SWR', 'katrin.vogel@stadtwerke-rabenfeld.example', 'scheduled')
) AS v (org, email, route)
JOIN iec62443p2.organization o ON o.code = v.org
JOIN iec62443p2.person pe ON pe.organization_id = o.id AND pe.email = v.email
ORDER BY 1, 2;

-- ---------------------------------------------------------------------------------------------
-- Patches.  story: how far its rollout got by the end of October 2026 --
--   done       every deployment verified; a few production ones rolled back by hand afterwards
--   stagefail  the first staging validation fails and rolls staging back; a second one passes
--   prodfail   a validation in production fails after the rollout and rolls production back
--              (the rollback itself fails); the deployments are retried
--   rolling    production deployments spread over approved, tested, deployed, verified
--   approved   approved and waiting for a maintenance window (some tested)
--   assessed, identified   not further
-- sets_version: the inventory's version is updated when a production deployment is verified.
-- ---------------------------------------------------------------------------------------------
CREATE TEMPORARY TABLE demo_patch (
  org text, code text, title text, vendor text, advisory text, installs_version text, released_on date,
  qualification text, rollback_plan text, hours numeric, cves text[], story text, starts_on date, sets_version boolean
) ON COMMIT DROP;
INSERT INTO pg_temp.demo_patch VALUES
  ('CRU', 'MS10-046', 'Windows Shell LNK security update (MS10-046)', 'Microsoft', 'MS10-046', NULL, '2010-08-02', 'qualified',
   'Uninstall KB2286198 from Programs and Features; restore the system image taken before the update.', 1.0,
   '{CVE-2010-2568}', 'prodfail', '2024-11-12', false),
  ('CRU', 'MS17-010', 'SMBv1 security update (MS17-010)', 'Microsoft', 'MS17-010', NULL, '2017-03-14', 'qualified',
   'Uninstall the update (wusa /uninstall); restore the system image taken before the update.', 1.0,
   '{CVE-2017-0144}', 'done', '2024-11-15', false),
  ('CRU', 'MS-2019-05-RDS', 'May 2019 security update for Remote Desktop Services (BlueKeep)', 'Microsoft', 'MSRC CVE-2019-0708', NULL,
   '2019-05-14', 'qualified', 'Uninstall the update (wusa /uninstall); restore the system image taken before the update.', 1.0,
   '{CVE-2019-0708}', 'done', '2024-11-19', false),
  ('CRU', 'FG-7.2.8', 'FortiOS 7.2.8 upgrade (SSL VPN fixes)', 'Fortinet', 'FG-IR-23-097, FG-IR-24-015', '7.2.8', '2024-03-28', 'qualified',
   'Boot the alternate partition (previous FortiOS image); restore the configuration backup.', 2.0,
   '{CVE-2023-27997,CVE-2024-21762}', 'done', '2024-11-22', true),
  ('CRU', 'MS-2024-08-CU', 'August 2024 cumulative update (afd.sys elevation of privilege)', 'Microsoft', 'MSRC CVE-2024-38193', NULL,
   '2024-08-13', 'qualified', 'Uninstall the cumulative update; restore the system image taken before the update.', 1.5,
   '{CVE-2024-38193}', 'done', '2024-12-03', false),
  ('CRU', 'ESXI-80U3', 'VMware ESXi 8.0 Update 3 (build 24022510)', 'VMware', 'Broadcom security advisory 24505', '8.0 Update 3', '2024-06-25',
   'not_tested', 'Reboot into the previous bootbank (Shift+R at boot); host profiles restored from vCenter.', 3.0,
   '{CVE-2024-37085}', 'identified', '2026-10-26', false),
  ('CRU', 'SIE-EN100-V4.30', 'SIPROTEC 4 EN100 module firmware V4.30', 'Siemens', 'SSA-732541', 'V4.30', '2017-11-20', 'qualified',
   'Load the previous EN100 firmware with DIGSI 4; re-import the IEC 61850 configuration.', 2.5,
   '{CVE-2015-5374}', 'done', '2024-12-10', false),
  ('CRU', 'MOXA-EDS510E-5.3', 'Moxa EDS-510E firmware 5.3', 'Moxa', 'ICSA-20-056-04', '5.3', '2020-02-25', 'qualified',
   'Load firmware 5.1 from the switch''s backup slot; restore the configuration file.', 1.0,
   '{CVE-2020-7007}', 'done', '2025-03-31', false),
  ('CRU', 'SE-P3-30.205', 'Easergy P3 firmware 30.205', 'Schneider Electric', 'ICSA-22-055-03', '30.205', '2022-02-24', 'qualified',
   'Re-load firmware 30.106 with eSetup Easergy Pro; restore the relay settings file.', 2.0,
   '{CVE-2022-22725}', 'done', '2025-09-29', true),
  ('CRU', 'SIE-S71500-V2.9.7', 'SIMATIC S7-1500 CPU firmware V2.9.7', 'Siemens', 'ICSA-21-152-01, ICSA-22-286-04', 'V2.9.7', '2023-03-14',
   'qualified', 'Load the previous firmware from the SIMATIC memory card backup; download the project from TIA Portal V18.', 2.0,
   '{CVE-2020-15782,CVE-2022-38465}', 'stagefail', '2026-01-05', true),
  ('CRU', 'RA-L7X-33.013', 'ControlLogix 5570 / CompactLogix 5370 firmware 33.013', 'Rockwell Automation', 'ICSA-22-354-02', '33.013',
   '2022-12-20', 'qualified', 'Flash the previous firmware with ControlFLASH Plus; download the project backup.', 2.5,
   '{CVE-2020-6998,CVE-2022-3157}', 'done', '2026-01-19', false),
  ('CRU', 'RA-EN2TR-11.004', '1756-EN2TR Series C firmware 11.004', 'Rockwell Automation', 'ICSA-23-193-01', '11.004', '2023-07-12',
   'qualified', 'Flash firmware 11.002 with ControlFLASH Plus.', 1.0,
   '{CVE-2023-3595}', 'prodfail', '2026-02-02', false),
  ('CRU', 'KEP-6.15', 'KEPServerEX 6.15', 'PTC', 'ICSA-23-243-03', '6.15', '2023-08-31', 'not_tested',
   'Uninstall, reinstall 6.14.263.0 and restore the project file.', 1.5,
   '{CVE-2023-29444}', 'rolling', '2026-02-23', false),
  ('CRU', 'AVEVA-PI-2023-P1', 'AVEVA PI Server 2023 Patch 1', 'AVEVA', 'ICSA-24-018-01', '2023 Patch 1', '2024-01-18', 'not_tested',
   'Restore the PI Data Archive and AF backups on the previous version.', 4.0,
   '{CVE-2023-34348}', 'assessed', '2026-03-16', false),
  ('CRU', 'HIE-RTU560-13.5.4', 'RTU500 CMU firmware 13.5.4', 'Hitachi Energy', 'ICSA-24-116-01', '13.5.4', '2024-04-25', 'qualified',
   'Load the previous CMU firmware with RTUtil500; restore the RTU configuration.', 1.5,
   '{CVE-2024-1531}', 'rolling', '2026-04-20', false),
  -- no rollback plan: production deployments wait at tested
  ('CRU', 'EMR-OVATION-3.8.0-FP3', 'Ovation 3.8.0 Feature Pack 3', 'Emerson', 'ICSA-24-158-02', '3.8.0 Feature Pack 3', '2024-06-06',
   'not_qualified', NULL, 8.0, '{CVE-2022-29966}', 'done', '2026-05-11', false),
  ('CRU', 'RA-L8X-34.014', 'Logix 5580 / 5380 firmware 34.014', 'Rockwell Automation',
   'ICSA-24-214-09, ICSA-24-226-03, ICSA-24-226-09, ICSA-24-256-18', '34.014', '2024-08-13', 'qualified',
   'Flash the previous firmware with ControlFLASH Plus; download the project backup.', 2.5,
   '{CVE-2024-6242,CVE-2024-40619,CVE-2024-7507,CVE-2024-6077}', 'rolling', '2026-08-03', true),
  ('CRU', 'RA-MICRO850-22.011', 'Micro850/870 firmware 22.011', 'Rockwell Automation', 'ICSA-24-226-07', '22.011', '2024-08-13',
   'qualified', 'Flash firmware 21.011 with Connected Components Workbench.', 0.75,
   '{CVE-2024-7567}', 'approved', '2026-07-20', false),
  ('SWR', 'SIE-SIP5-V9.40', 'SIPROTEC 5 Firmware V9.40', 'Siemens', 'ICSA-21-257-16', 'V9.40', '2022-03-01', 'qualified',
   'Firmware V8.30 mit DIGSI 5 zurückspielen; Parametersatz aus dem Projekt laden.', 2.0,
   '{CVE-2021-37206}', 'done', '2025-09-15', true),
  ('SWR', 'SIE-S71500-V3.1.4', 'SIMATIC S7-1500 CPU Firmware V3.1.4', 'Siemens', 'ICSA-24-284-01', 'V3.1.4', '2024-10-08', 'qualified',
   'Vorherige Firmware von der Speicherkarte laden; Projekt aus TIA Portal V18 laden.', 2.0,
   '{CVE-2024-46886}', 'rolling', '2026-08-24', false);

-- One transition, back-dated; false (nothing recorded) when it would fall after the end of the
-- recorded history (the end of October 2026).
CREATE FUNCTION pg_temp.demo_move(org uuid, dep uuid, to_state text, at timestamptz, person uuid,
                                  outcome text DEFAULT NULL, sched timestamptz DEFAULT NULL)
RETURNS boolean
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
  IF at >= '2026-11-01 00:00+00' THEN
    RETURN false;
  END IF;
  PERFORM pg_catalog.set_config('iec62443p2.changed_at', at::text, true);
  INSERT INTO iec62443p2.patch_deployment_transition
    (organization_id, deployment_id, to_state, by_person_id, rollback_outcome, scheduled_for)
  VALUES (org, dep, to_state, person, outcome, sched);
  RETURN true;
END
$$;

-- One validation run of a patch in an environment (nothing when it would finish after October 2026).
CREATE FUNCTION pg_temp.demo_run(org uuid, patch uuid, code text, env text, finished timestamptz, passed boolean,
                                 rollback text, tester uuid)
RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  h text := pg_catalog.md5('iec62443p2-demo/run/' || code || '/' || env || '/' || finished::text);
  n integer := ('x' || pg_catalog.substr(h, 1, 8))::bit(32)::integer & 2147483647;
  required integer := 20 + n % 40;
BEGIN
  IF finished >= '2026-11-01 00:00+00' THEN
    RETURN;
  END IF;
  INSERT INTO iec62443p2.patch_test_run
    (organization_id, id, patch_id, environment, started_at, finished_at, regression_cases_required, regression_cases_run,
     regression_cases_failed, performance_impact_percent, compatibility_issues, outcome, rollback_outcome, tested_by, notes)
  VALUES (org, h::uuid, patch, env, finished - pg_catalog.make_interval(hours => 6 + n % 30), finished, required,
          CASE WHEN passed OR n % 2 = 0 THEN required ELSE required - 1 - n % 5 END,
          CASE WHEN passed THEN 0 ELSE 1 + n % 4 END,
          ((n % 400) / 100.0 + CASE WHEN passed THEN 0 ELSE 6 END)::numeric(6,2),
          CASE WHEN passed THEN n % 2 ELSE 1 + n % 3 END,
          CASE WHEN passed THEN 'passed' ELSE 'failed' END,
          CASE WHEN NOT passed THEN rollback END, tester,
          CASE WHEN passed THEN 'Regression suite passed.' ELSE 'Regression failures: communication to the HMI lost after restart.' END);
END
$$;

DO $patches$
DECLARE
  cp record;
  org uuid;
  pid uuid;
  assessor uuid;
  manager uuid;
  chair uuid;
  scheduler uuid;
  tester uuid;
  d record;
  t0 timestamptz;
  p0 timestamptz;      -- production opens (staging validated)
  st0 timestamptz;     -- staging may start (test validated)
  ta timestamptz;
  tt timestamptz;
  td timestamptz;
  tv timestamptz;
  n integer;
  k integer;
  target text;
  ok boolean;
  has_plan boolean;
BEGIN
  FOR cp IN SELECT * FROM pg_temp.demo_patch ORDER BY starts_on, code LOOP
    org := pg_catalog.md5('iec62443p2-demo/org/' || cp.org)::uuid;
    pid := pg_catalog.md5('iec62443p2-demo/patch/' || cp.org || '/' || cp.code)::uuid;
    IF cp.org = 'CRU' THEN
      assessor := pg_catalog.md5('iec62443p2-demo/person/CRU/priya.raman@cru.example')::uuid;
      manager := pg_catalog.md5('iec62443p2-demo/person/CRU/samuel.greene@cru.example')::uuid;
      chair := pg_catalog.md5('iec62443p2-demo/person/CRU/daniel.okafor@cru.example')::uuid;
      scheduler := assessor;
      tester := pg_catalog.md5('iec62443p2-demo/person/CRU/grace.nakamura@cru.example')::uuid;
    ELSE
      assessor := pg_catalog.md5('iec62443p2-demo/person/SWR/katrin.vogel@stadtwerke-rabenfeld.example')::uuid;
      manager := pg_catalog.md5('iec62443p2-demo/person/SWR/juergen.hartmann@stadtwerke-rabenfeld.example')::uuid;
      chair := pg_catalog.md5('iec62443p2-demo/person/SWR/thomas.berger@stadtwerke-rabenfeld.example')::uuid;
      scheduler := assessor;
      tester := pg_catalog.md5('iec62443p2-demo/person/SWR/lena.schroeder@stadtwerke-rabenfeld.example')::uuid;
    END IF;
    has_plan := pg_catalog.btrim(coalesce(cp.rollback_plan, '')) <> '';
    t0 := cp.starts_on + time '16:00' AT TIME ZONE 'UTC';

    PERFORM pg_catalog.set_config('iec62443p2.changed_at', t0::text, true);
    PERFORM pg_catalog.set_config('iec62443p2.changed_by', CASE cp.org WHEN 'CRU' THEN 'cru_praman' ELSE 'swr_kvogel' END, true);
    INSERT INTO iec62443p2.patch
      (organization_id, id, code, title, vendor, advisory_reference, installs_version, released_on, vendor_qualification,
       rollback_plan, estimated_duration_hours)
    VALUES (org, pid, cp.code, cp.title, cp.vendor, cp.advisory, cp.installs_version, cp.released_on, cp.qualification,
            cp.rollback_plan, cp.hours);
    INSERT INTO iec62443p2.patch_vulnerability (organization_id, id, patch_id, vulnerability_id)
    SELECT org, pg_catalog.md5('iec62443p2-demo/patch_vulnerability/' || cp.org || '/' || cp.code || '/' || c.cve)::uuid, pid,
           pg_catalog.md5('iec62443p2-demo/vulnerability/' || cp.org || '/' || c.cve)::uuid
    FROM pg_catalog.unnest(cp.cves) AS c(cve)
    ORDER BY c.cve;
    PERFORM iec62443p2.patch_identify_deployments(org, pid);
    IF cp.story = 'identified' THEN
      -- the findings are undetermined (versions the advisory's scheme cannot compare): the patch
      -- owner decides the patch applies and records the deployments by hand
      INSERT INTO iec62443p2.patch_deployment (organization_id, patch_id, asset_id)
      SELECT DISTINCT av.organization_id, pid, av.asset_id
      FROM iec62443p2.patch_vulnerability pv
      JOIN iec62443p2.asset_vulnerability av ON av.organization_id = pv.organization_id AND av.vulnerability_id = pv.vulnerability_id
      WHERE pv.organization_id = org AND pv.patch_id = pid AND av.resolved_at IS NULL
      ON CONFLICT DO NOTHING;
      CONTINUE;
    END IF;

    -- assessment and approval of every deployment within the first week
    FOR d IN
      SELECT x.id, a.tag, a.environment, a.owner_id, e.position,
             ('x' || pg_catalog.substr(pg_catalog.md5(cp.code || '/' || a.tag), 1, 8))::bit(32)::integer & 2147483647 AS h
      FROM iec62443p2.patch_deployment x
      JOIN iec62443p2.asset a ON a.organization_id = x.organization_id AND a.id = x.asset_id
      JOIN iec62443p2.organization_deployment_environment e ON e.organization_id = a.organization_id AND e.environment = a.environment
      WHERE x.organization_id = org AND x.patch_id = pid
      ORDER BY a.tag
    LOOP
      ta := t0 + pg_catalog.make_interval(days => 1 + d.h % 2, hours => d.h % 5);
      PERFORM pg_temp.demo_move(org, d.id, 'assessed', ta, assessor);
      CONTINUE WHEN cp.story = 'assessed';
      ta := ta + pg_catalog.make_interval(days => 1 + d.h % 3);
      CASE (SELECT x.route FROM iec62443p2.patch_deployment x WHERE x.organization_id = org AND x.id = d.id)
        WHEN 'automatic' THEN NULL;
        WHEN 'manager' THEN PERFORM pg_temp.demo_move(org, d.id, 'approved', ta, manager);
        WHEN 'committee' THEN PERFORM pg_temp.demo_move(org, d.id, 'approved', ta, chair);
        ELSE PERFORM pg_temp.demo_move(org, d.id, 'approved', ta,
                                       CASE WHEN d.h % 2 = 0 THEN scheduler END, NULL, ta + interval '7 days');
      END CASE;
    END LOOP;
    CONTINUE WHEN cp.story = 'assessed';

    -- validation: development, test (CRU), staging; production follows
    PERFORM pg_temp.demo_run(org, pid, cp.code, 'development', t0 + interval '7 days', true, NULL, tester);
    IF cp.org = 'CRU' THEN
      PERFORM pg_temp.demo_run(org, pid, cp.code, 'test', t0 + interval '12 days', true, NULL, tester);
    END IF;
    st0 := t0 + interval '12 days 4 hours';
    IF cp.story = 'stagefail' THEN
      p0 := t0 + interval '45 days';
    ELSE
      PERFORM pg_temp.demo_run(org, pid, cp.code, 'staging', t0 + interval '18 days', true, NULL, tester);
      p0 := t0 + interval '19 days';
    END IF;

    -- the environments before production: tested, deployed, verified once the rollout reaches them
    FOR d IN
      SELECT x.id, a.tag, a.environment, a.owner_id, e.position,
             ('x' || pg_catalog.substr(pg_catalog.md5(cp.code || '/' || a.tag), 1, 8))::bit(32)::integer & 2147483647 AS h
      FROM iec62443p2.patch_deployment x
      JOIN iec62443p2.asset a ON a.organization_id = x.organization_id AND a.id = x.asset_id
      JOIN iec62443p2.organization_deployment_environment e ON e.organization_id = a.organization_id AND e.environment = a.environment
      WHERE x.organization_id = org AND x.patch_id = pid AND a.environment <> 'production' AND x.state = 'approved'
      ORDER BY e.position, a.tag
    LOOP
      tt := CASE d.environment WHEN 'development' THEN t0 + interval '7 days 3 hours'
                               WHEN 'test' THEN t0 + interval '8 days'
                               ELSE st0 END + pg_catalog.make_interval(hours => d.h % 20);
      ok := pg_temp.demo_move(org, d.id, 'tested', tt, d.owner_id)
            AND pg_temp.demo_move(org, d.id, 'deployed', tt + interval '5 hours', d.owner_id)
            AND (cp.story = 'approved' OR pg_temp.demo_move(org, d.id, 'verified', tt + interval '2 days', d.owner_id));
    END LOOP;
    IF cp.story = 'stagefail' THEN
      -- the first staging validation fails and rolls the staging system back; the second passes
      PERFORM pg_temp.demo_run(org, pid, cp.code, 'staging', t0 + interval '18 days', false, 'succeeded', tester);
      PERFORM pg_temp.demo_run(org, pid, cp.code, 'staging', t0 + interval '44 days', true, NULL, tester);
      FOR d IN
        SELECT x.id, a.owner_id FROM iec62443p2.patch_deployment x
        JOIN iec62443p2.asset a ON a.organization_id = x.organization_id AND a.id = x.asset_id
        WHERE x.organization_id = org AND x.patch_id = pid AND a.environment = 'staging' AND x.state = 'rolled_back'
        ORDER BY a.tag
      LOOP
        ok := pg_temp.demo_move(org, d.id, 'tested', t0 + interval '44 days 3 hours', d.owner_id)
              AND pg_temp.demo_move(org, d.id, 'deployed', t0 + interval '44 days 8 hours', d.owner_id)
              AND pg_temp.demo_move(org, d.id, 'verified', t0 + interval '45 days', d.owner_id);
      END LOOP;
    END IF;

    -- production, a few deployments a week
    k := 0;
    FOR d IN
      SELECT x.id, a.tag, a.owner_id,
             ('x' || pg_catalog.substr(pg_catalog.md5(cp.code || '/' || a.tag), 1, 8))::bit(32)::integer & 2147483647 AS h
      FROM iec62443p2.patch_deployment x
      JOIN iec62443p2.asset a ON a.organization_id = x.organization_id AND a.id = x.asset_id
      WHERE x.organization_id = org AND x.patch_id = pid AND a.environment = 'production' AND x.state = 'approved'
      ORDER BY pg_catalog.md5(cp.code || '/' || a.tag)
    LOOP
      k := k + 1;
      target := CASE cp.story WHEN 'approved' THEN CASE WHEN d.h % 3 = 0 THEN 'tested' ELSE 'approved' END
                              WHEN 'rolling' THEN (ARRAY['verified', 'deployed', 'tested', 'approved'])[1 + d.h % 4]
                              ELSE 'verified' END;
      CONTINUE WHEN target = 'approved';
      tt := p0 + pg_catalog.make_interval(days => (k - 1) / 2 * 4 + d.h % 3, hours => d.h % 7);
      td := tt + pg_catalog.make_interval(days => 1 + d.h % 6, hours => 2);
      tv := td + pg_catalog.make_interval(days => 1 + d.h % 4);
      ok := pg_temp.demo_move(org, d.id, 'tested', tt, d.owner_id);
      CONTINUE WHEN NOT ok OR target = 'tested' OR NOT has_plan;
      ok := pg_temp.demo_move(org, d.id, 'deployed', td, d.owner_id);
      CONTINUE WHEN NOT ok OR target = 'deployed';
      ok := pg_temp.demo_move(org, d.id, 'verified', tv, d.owner_id);
      CONTINUE WHEN NOT ok;
      IF cp.sets_version THEN
        -- the inventory follows the verified installation
        PERFORM pg_catalog.set_config('iec62443p2.changed_at', tv::text, true);
        UPDATE iec62443p2.asset a SET version = cp.installs_version
        FROM iec62443p2.patch_deployment x
        WHERE x.organization_id = org AND x.id = d.id AND a.organization_id = org AND a.id = x.asset_id;
      ELSIF cp.story = 'done' AND d.h % 7 = 3 THEN
        -- rolled back by hand after problems in operation; a third of them retried
        ok := pg_temp.demo_move(org, d.id, 'rolled_back', tv + interval '9 days', d.owner_id,
                                CASE WHEN d.h % 2 = 0 THEN 'succeeded' ELSE 'failed' END);
        IF ok AND d.h % 3 = 0 THEN
          ok := pg_temp.demo_move(org, d.id, 'tested', tv + interval '30 days', d.owner_id)
                AND pg_temp.demo_move(org, d.id, 'deployed', tv + interval '31 days', d.owner_id)
                AND pg_temp.demo_move(org, d.id, 'verified', tv + interval '33 days', d.owner_id);
        END IF;
      END IF;
    END LOOP;

    IF cp.story = 'prodfail' THEN
      -- a validation in production after the rollout fails; rolling back fails too (restored from images later)
      PERFORM pg_temp.demo_run(org, pid, cp.code, 'production', p0 + pg_catalog.make_interval(days => 2 * k + 12), false, 'failed', tester);
      FOR d IN
        SELECT x.id, a.owner_id FROM iec62443p2.patch_deployment x
        JOIN iec62443p2.asset a ON a.organization_id = x.organization_id AND a.id = x.asset_id
        WHERE x.organization_id = org AND x.patch_id = pid AND a.environment = 'production' AND x.state = 'rolled_back'
        ORDER BY a.tag
      LOOP
        tt := p0 + pg_catalog.make_interval(days => 2 * k + 40);
        ok := pg_temp.demo_move(org, d.id, 'tested', tt, d.owner_id)
              AND pg_temp.demo_move(org, d.id, 'deployed', tt + interval '1 day', d.owner_id)
              AND pg_temp.demo_move(org, d.id, 'verified', tt + interval '3 days', d.owner_id);
      END LOOP;
    END IF;
  END LOOP;
  PERFORM pg_catalog.set_config('iec62443p2.changed_at', '', true);
  PERFORM pg_catalog.set_config('iec62443p2.changed_by', '', true);
END
$patches$;

-- ---------------------------------------------------------------------------------------------
-- Maintenance windows, in each site's local time: a weekly window for routine work and a monthly
-- one for longer jobs; a few occurrences cancelled.
-- ---------------------------------------------------------------------------------------------
INSERT INTO iec62443p2.maintenance_window
  (organization_id, id, site_id, name, recurrence, iso_weekday, month_week, start_time, duration_hours, capacity_hours,
   effective_from, description)
SELECT o.id, pg_catalog.md5('iec62443p2-demo/maintenance_window/' || v.org || '/' || v.site || '/' || v.name)::uuid,
       s.id, v.name, v.recurrence, v.dow, v.mweek, v.start_time::time, v.hours, v.capacity, '2024-11-01', v.description
FROM (VALUES
  ('CRU', 'WTP',     'Weekly low-demand window',        'weekly',  3, NULL, '05:00', 4, 3,   'Wednesday morning, low finished-water demand.'),
  ('CRU', 'WTP',     'Monthly plant maintenance',       'monthly', 7, 1,    '01:00', 8, 6,   'First Sunday night, one filter train out of service.'),
  ('CRU', 'WWTP',    'Weekly dry-weather window',       'weekly',  2, NULL, '09:00', 4, 3,   'Tuesday, not during storm events.'),
  ('CRU', 'WWTP',    'Monthly plant maintenance',       'monthly', 6, 2,    '06:00', 8, 6,   'Second Saturday.'),
  ('CRU', 'PS-HC',   'Monthly station visit',           'monthly', 4, 3,    '08:00', 6, 4,   'Third Thursday, technician on site.'),
  ('CRU', 'DIST',    'Weekly telemetry window',         'weekly',  4, NULL, '10:00', 6, 4,   'Thursday round of the remote stations.'),
  ('CRU', 'HYD',     'Weekly unit window',              'weekly',  2, NULL, '22:00', 4, 3,   'Tuesday night, one unit released by dispatch.'),
  ('CRU', 'HYD',     'Monthly unit outage',             'monthly', 6, -1,   '00:00', 24, 16, 'Last Saturday, planned unit outage.'),
  ('CRU', 'SUB-KIT', 'Monthly bay outage',              'monthly', 3, 2,    '07:00', 10, 8,  'Second Wednesday, switching plan approved by system operations.'),
  ('CRU', 'SUB-SNR', 'Monthly bay outage',              'monthly', 3, 3,    '07:00', 10, 8,  'Third Wednesday.'),
  ('CRU', 'BCG',     'Weekly low-load window',          'weekly',  7, NULL, '02:00', 5, 4,   'Sunday night, plant at minimum load.'),
  ('CRU', 'BCG',     'Monthly outage window',           'monthly', 6, 1,    '00:00', 24, 16, 'First Saturday, one gas turbine off line.'),
  ('CRU', 'SOC',     'Weekly SCADA maintenance',        'weekly',  2, NULL, '21:00', 3, 2.5, 'Tuesday evening, failover to the backup master.'),
  ('SWR', 'WW',      'Wöchentliches Wartungsfenster',   'weekly',  4, NULL, '05:00', 4, 3,   'Donnerstag früh.'),
  ('SWR', 'UW-N',    'Monatliche Freischaltung',        'monthly', 6, 2,    '07:00', 8, 6,   'Zweiter Samstag im Monat.'),
  ('SWR', 'NLS',     'Wöchentliches Wartungsfenster',   'weekly',  2, NULL, '20:00', 3, 2,   'Dienstagabend.')
) AS v (org, site, name, recurrence, dow, mweek, start_time, hours, capacity, description)
JOIN iec62443p2.organization o ON o.code = v.org
JOIN iec62443p2.site s ON s.organization_id = o.id AND s.code = v.site
ORDER BY 1, 2, 3;

INSERT INTO iec62443p2.maintenance_window_cancellation (organization_id, id, window_id, local_date, reason)
SELECT w.organization_id, pg_catalog.md5('iec62443p2-demo/cancellation/' || w.id::text || '/' || d.d::text)::uuid, w.id, d.d, v.reason
FROM (VALUES
  ('WTP',  'Monthly plant maintenance', '2025-12-01', '2025-12-31', 'Holiday freeze.'),
  ('WTP',  'Monthly plant maintenance', '2026-12-01', '2026-12-31', 'Holiday freeze.'),
  ('HYD',  'Weekly unit window',        '2025-05-01', '2025-06-15', 'Spring freshet: every unit needed.'),
  ('HYD',  'Weekly unit window',        '2026-05-01', '2026-06-15', 'Spring freshet: every unit needed.'),
  ('BCG',  'Weekly low-load window',    '2026-11-26', '2026-12-10', 'Winter peak readiness: no changes.'),
  ('WWTP', 'Weekly dry-weather window', '2026-12-01', '2026-12-08', 'Storm season: crews on standby.')
) AS v (site, name, from_date, to_date, reason)
JOIN iec62443p2.site s ON s.code = v.site AND s.organization_id = pg_catalog.md5('iec62443p2-demo/org/CRU')::uuid
JOIN iec62443p2.maintenance_window w ON w.organization_id = s.organization_id AND w.site_id = s.id AND w.name = v.name
CROSS JOIN LATERAL iec62443p2.maintenance_window_dates(w.recurrence, w.iso_weekday, w.month_week, v.from_date::date, v.to_date::date) d(d)
ORDER BY 1, 4;

-- ---------------------------------------------------------------------------------------------
-- Exceptions for legacy systems that cannot be patched in time: requested, approved (some expired
-- by now, some renewed), rejected, one still waiting for a decision.
-- ---------------------------------------------------------------------------------------------
DO $exceptions$
DECLARE
  r record;
  org uuid;
BEGIN
  FOR r IN
    SELECT * FROM (VALUES
      ('CRU', 'EX-2024-001', 'WWTP-HMI-225', NULL, 'jenna.morales@cru.example', '2024-11-20', 'approved', 'daniel.okafor@cru.example', '2024-11-27', '2025-11-26',
       'Windows XP: no updates; InTouch 10.1 does not run on a supported OS.', 'Isolated VLAN, USB ports epoxied, no route beyond the zone, passive monitoring.'),
      ('CRU', 'EX-2025-014', 'WWTP-HMI-225', NULL, 'jenna.morales@cru.example', '2025-11-18', 'approved', 'daniel.okafor@cru.example', '2025-12-01', '2026-11-30',
       'Renewal: replacement moved to the 2027 capital plan.', 'As before; monthly review of the firewall logs.'),
      ('CRU', 'EX-2024-002', 'HYD-HMI-144', 'CVE-2010-2568', 'victor.huang@cru.example', '2024-11-22', 'approved', 'daniel.okafor@cru.example', '2024-11-29', '2025-05-31',
       'Windows XP: WinCC flexible 2008 runtime; the gate PLC migration replaces it.', 'Removable media blocked, no route beyond the unit control zone.'),
      ('CRU', 'EX-2025-003', 'WTP-OWS-215', NULL, 'tomas.alvarez@cru.example', '2025-02-03', 'approved', 'daniel.okafor@cru.example', '2025-02-10', '2026-02-09',
       'Windows 7 without ESU; RSView32 is discontinued.', 'Application allow-listing, USB disabled, firewall rule limited to WTP-PLC-111.'),
      ('CRU', 'EX-2026-004', 'WTP-OWS-215', NULL, 'tomas.alvarez@cru.example', '2026-01-29', 'approved', 'daniel.okafor@cru.example', '2026-02-05', '2027-02-04',
       'Renewal until the filter 13-16 rehabilitation.', 'As before.'),
      ('CRU', 'EX-2025-005', 'WWTP-HMI-226', 'CVE-2019-0708', 'jenna.morales@cru.example', '2025-03-01', 'rejected', 'daniel.okafor@cru.example', '2025-03-05', NULL,
       'Operator station cannot be restarted during the digester start-up.', 'Network level authentication enabled.'),
      ('CRU', 'EX-2025-006', 'HYD-PLC-199', NULL, 'victor.huang@cru.example', '2025-04-14', 'rejected', 'daniel.okafor@cru.example', '2025-04-16', NULL,
       'SIMATIC S5 without vendor support.', 'Disconnected.'),
      ('CRU', 'EX-2025-007', 'WWTP-PLC-110', NULL, 'jenna.morales@cru.example', '2025-05-26', 'approved', 'daniel.okafor@cru.example', '2025-06-02', '2026-06-01',
       'PLC-5 is discontinued; the migration kit is quoted.', '1785-ENET reachable from the SCADA server only.'),
      ('CRU', 'EX-2025-008', 'DIST-PLC-107', 'CVE-2021-33012', 'jenna.morales@cru.example', '2025-07-14', 'approved', 'daniel.okafor@cru.example', '2025-07-20', '2026-07-19',
       'MicroLogix 1100: no fix (mitigations only, product discontinued).', 'Cellular router allows the SCADA front end only; key switch in RUN.'),
      ('CRU', 'EX-2026-009', 'DIST-PLC-108', 'CVE-2021-33012', 'jenna.morales@cru.example', '2026-10-20', 'requested', NULL, NULL, NULL,
       'MicroLogix 1100: no fix; replacement with Micro850 in 2027.', 'Cellular router allows the SCADA front end only; key switch in RUN.'),
      ('CRU', 'EX-2026-010', 'WWTP-PLC-105', NULL, 'jenna.morales@cru.example', '2026-02-23', 'approved', 'lauren.mcallister@cru.example', '2026-03-01', '2027-02-28',
       'Modicon Quantum end of life; Modbus flaws without a fix for the installed firmware.', 'Controller reachable from the SCADA server only; write access logged.'),
      ('CRU', 'EX-2025-011', 'WTP-HIST-243', NULL, 'nina.petrova@cru.example', '2025-01-08', 'approved', 'daniel.okafor@cru.example', '2025-01-15', '2025-12-31',
       'Windows Server 2008 R2 kept read-only for the regulatory record.', 'No inbound connections but the historian client; SMBv1 disabled.'),
      ('SWR', 'AUS-2026-01', 'WW-BS-231', NULL, 'juergen.hartmann@stadtwerke-rabenfeld.example', '2026-01-05', 'approved',
       'thomas.berger@stadtwerke-rabenfeld.example', '2026-01-12', '2026-12-31',
       'Windows 7 Bedienstation der Altanlage; Ablösung 2026.', 'Nur lesend, eigenes VLAN, USB gesperrt.')
    ) AS v (org, code, tag, cve, requester, requested_on, status, decider, decided_on, expires_on, reason, controls)
    ORDER BY 6, 2
  LOOP
    org := pg_catalog.md5('iec62443p2-demo/org/' || r.org)::uuid;
    PERFORM pg_catalog.set_config('iec62443p2.changed_at', (r.requested_on || ' 17:00+00'), true);
    PERFORM pg_catalog.set_config('iec62443p2.changed_by', 'import: exception register', true);
    INSERT INTO iec62443p2.vulnerability_exception
      (organization_id, id, code, asset_id, vulnerability_id, reason, compensating_controls, requested_by)
    VALUES (org, pg_catalog.md5('iec62443p2-demo/exception/' || r.org || '/' || r.code)::uuid, r.code,
            pg_catalog.md5('iec62443p2-demo/asset/' || r.org || '/' || r.tag)::uuid,
            CASE WHEN r.cve IS NOT NULL THEN pg_catalog.md5('iec62443p2-demo/vulnerability/' || r.org || '/' || r.cve)::uuid END,
            r.reason, r.controls, pg_catalog.md5('iec62443p2-demo/person/' || r.org || '/' || r.requester)::uuid);
    IF r.status <> 'requested' THEN
      PERFORM pg_catalog.set_config('iec62443p2.changed_at', (r.decided_on || ' 18:00+00'), true);
      UPDATE iec62443p2.vulnerability_exception e
      SET status = r.status, decided_by = pg_catalog.md5('iec62443p2-demo/person/' || r.org || '/' || r.decider)::uuid,
          decided_at = (r.decided_on || ' 18:00+00')::timestamptz, expires_on = r.expires_on::date,
          decision_note = CASE r.status WHEN 'rejected' THEN
                            CASE WHEN r.tag = 'HYD-PLC-199' THEN 'Decommissioned: no exception needed.'
                                 ELSE 'A qualified patch exists: schedule it (MS-2019-05-RDS).' END
                          ELSE 'Approved with the compensating controls listed.' END
      WHERE e.organization_id = org AND e.code = r.code;
    END IF;
  END LOOP;
  PERFORM pg_catalog.set_config('iec62443p2.changed_at', '', true);
  PERFORM pg_catalog.set_config('iec62443p2.changed_by', '', true);
END
$exceptions$;

-- ---------------------------------------------------------------------------------------------
-- Scans: a quarterly active scan of each site since the program started (some devices missed by
-- hash), and the latest passive scan of each site, a few days before the demo is loaded
-- (relative to now(), so scan_coverage's 30-day window shows it): complete at most sites, short
-- at the distribution stations (cellular links), the Snake River substation and the wastewater
-- plant.
-- ---------------------------------------------------------------------------------------------
CREATE TEMPORARY TABLE demo_scan (id uuid, organization_id uuid, site_id uuid, site_code text, started_at timestamptz,
                                  tool text, share integer) ON COMMIT DROP;
INSERT INTO pg_temp.demo_scan
SELECT pg_catalog.md5('iec62443p2-demo/scan/' || s.organization_id::text || '/' || s.code || '/' || q.q::text)::uuid,
       s.organization_id, s.id, s.code,
       ('2025-01-14 15:00+00'::timestamptz + pg_catalog.make_interval(months => 3 * q.q, days => pg_catalog.length(s.code))),
       'Tenable OT Security (active, read-only queries)', 92
FROM iec62443p2.site s
CROSS JOIN pg_catalog.generate_series(0, 7) AS q(q)
WHERE s.organization_id IN (pg_catalog.md5('iec62443p2-demo/org/CRU')::uuid, pg_catalog.md5('iec62443p2-demo/org/SWR')::uuid)
UNION ALL
SELECT pg_catalog.md5('iec62443p2-demo/scan/' || s.organization_id::text || '/' || s.code || '/latest')::uuid,
       s.organization_id, s.id, s.code,
       pg_catalog.date_trunc('hour', pg_catalog.now()) - pg_catalog.make_interval(days => 2 + pg_catalog.length(s.code)),
       'Nozomi Networks Guardian (passive asset and vulnerability inventory)',
       CASE s.code WHEN 'DIST' THEN 70 WHEN 'SUB-SNR' THEN 80 WHEN 'WWTP' THEN 90 ELSE 100 END
FROM iec62443p2.site s
WHERE s.organization_id IN (pg_catalog.md5('iec62443p2-demo/org/CRU')::uuid, pg_catalog.md5('iec62443p2-demo/org/SWR')::uuid);

INSERT INTO iec62443p2.vulnerability_scan (organization_id, id, site_id, tool, started_at, finished_at, notes)
SELECT x.organization_id, x.id, x.site_id, x.tool, x.started_at, x.started_at + interval '5 hours',
       CASE WHEN x.share < 100 THEN 'Some devices did not answer (cellular links, devices switched off).' END
FROM pg_temp.demo_scan x ORDER BY x.organization_id, x.started_at, x.site_code;

INSERT INTO iec62443p2.vulnerability_scan_asset (organization_id, id, scan_id, asset_id)
SELECT x.organization_id, pg_catalog.md5(x.id::text || '/' || a.id::text)::uuid, x.id, a.id
FROM pg_temp.demo_scan x
JOIN iec62443p2.zone z ON z.organization_id = x.organization_id AND z.site_id = x.site_id
JOIN iec62443p2.asset a ON a.organization_id = z.organization_id AND a.zone_id = z.id
JOIN iec62443p2.lifecycle_state l ON l.code = a.lifecycle_state AND l.in_operation
WHERE ((('x' || pg_catalog.substr(pg_catalog.md5(x.id::text || a.tag), 1, 8))::bit(32)::integer & 2147483647) % 100) < x.share
ORDER BY 1, 3, 4;

-- ---------------------------------------------------------------------------------------------
-- Recently commissioned controllers (relative to now(): the findings they bring are open and due
-- soon whenever the demo is loaded).
-- ---------------------------------------------------------------------------------------------
DO $recent$
DECLARE
  r record;
BEGIN
  FOR r IN
    SELECT * FROM (VALUES
      ('WTP-PLC-117', 'Ozone contactor 2 PLC', 'ControlLogix 5580 1756-L83E', '34.011', 'WTP Process Control', 'tomas.alvarez@cru.example', 83),
      ('DIST-PLC-113', 'Well 11 PLC', 'Micro850 2080-LC50-24QWB', '21.011', 'DIST Remote Telemetry', 'jenna.morales@cru.example', 173),
      ('DIST-PLC-114', 'Well 12 PLC', 'Micro850 2080-LC50-24QWB', '21.011', 'DIST Remote Telemetry', 'jenna.morales@cru.example', 4)
    ) AS v (tag, name, product, version, zone, owner, days_ago)
  LOOP
    PERFORM pg_catalog.set_config('iec62443p2.changed_at',
      (pg_catalog.date_trunc('day', pg_catalog.now()) - pg_catalog.make_interval(days => r.days_ago) + interval '15 hours')::text, true);
    PERFORM pg_catalog.set_config('iec62443p2.changed_by', 'import: OT asset inventory', true);
    INSERT INTO iec62443p2.asset
      (organization_id, id, tag, name, asset_type, vendor, product, version, zone_id, owner_id, criticality, lifecycle_state,
       installed_on, notes)
    SELECT o.id, pg_catalog.md5('iec62443p2-demo/asset/CRU/' || r.tag)::uuid, r.tag, r.name, 'plc', 'Rockwell Automation',
           r.product, r.version, z.id, pe.id, 3, 'in_service',
           (pg_catalog.now() AT TIME ZONE 'UTC')::date - r.days_ago, 'Commissioned recently.'
    FROM iec62443p2.organization o
    JOIN iec62443p2.zone z ON z.organization_id = o.id AND z.name = r.zone
    JOIN iec62443p2.person pe ON pe.organization_id = o.id AND pe.email = r.owner
    WHERE o.code = 'CRU';
  END LOOP;
  PERFORM pg_catalog.set_config('iec62443p2.changed_at', '', true);
  PERFORM pg_catalog.set_config('iec62443p2.changed_by', '', true);
END
$recent$;

-- The result must look like the issue: every lifecycle state, every approval route (automatic
-- included), rollbacks that succeeded and failed, failed validations, every SLA state today,
-- exceptions expired and rejected, scan coverage short of 100 %, and monthly KPIs.
DO $check$
DECLARE
  missing text;
BEGIN
  SELECT pg_catalog.string_agg(x.what, ', ') INTO missing
  FROM (
    SELECT 'state ' || s.code AS what FROM iec62443p2.patch_state s
    WHERE NOT EXISTS (SELECT 1 FROM iec62443p2.patch_deployment d
                      WHERE d.organization_id = pg_catalog.md5('iec62443p2-demo/org/CRU')::uuid AND d.state = s.code)
    UNION ALL
    SELECT 'route ' || r.code FROM iec62443p2.patch_approval_route r
    WHERE NOT EXISTS (SELECT 1 FROM iec62443p2.patch_deployment d WHERE d.route = r.code AND d.approved_at IS NOT NULL)
    UNION ALL
    SELECT 'rollback ' || o.o FROM (VALUES ('succeeded'), ('failed')) o(o)
    WHERE NOT EXISTS (SELECT 1 FROM iec62443p2.patch_deployment_transition t WHERE t.rollback_outcome = o.o)
    UNION ALL
    SELECT 'failed validation' WHERE NOT EXISTS (SELECT 1 FROM iec62443p2.patch_test_run t WHERE t.outcome = 'failed')
    UNION ALL
    SELECT 'SLA ' || s.s FROM (VALUES ('open'), ('due_soon'), ('overdue'), ('met'), ('missed')) s(s)
    WHERE NOT EXISTS (SELECT 1 FROM iec62443p2.vulnerability_finding f WHERE f.organization_code = 'CRU' AND f.sla_state = s.s)
    UNION ALL
    SELECT 'exception ' || e.e FROM (VALUES ('expired'), ('rejected'), ('requested'), ('approved')) e(e)
    WHERE NOT EXISTS (SELECT 1 FROM iec62443p2.vulnerability_exceptions x WHERE x.effective_status = e.e)
    UNION ALL
    SELECT 'undetermined findings' WHERE NOT EXISTS (SELECT 1 FROM iec62443p2.asset_vulnerability_undetermined)
    UNION ALL
    SELECT 'scan coverage below 100 %' WHERE NOT EXISTS (SELECT 1 FROM iec62443p2.scan_coverage c WHERE c.site_id IS NOT NULL AND c.coverage_percent < 100)
    UNION ALL
    SELECT 'monthly KPIs' WHERE (SELECT pg_catalog.count(*) FROM iec62443p2.patch_kpis_monthly k
                                 WHERE k.organization_code = 'CRU' AND k.scope = 'organization' AND k.deployments > 0) < 10
  ) x;
  IF missing IS NOT NULL THEN
    RAISE EXCEPTION 'sample program: vulnerability and patch management lacks: %', missing;
  END IF;
END
$check$;

COMMIT;
