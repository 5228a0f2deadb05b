-- Sample program, part 2: supplier management for Cascade Regional Utilities (and a little for
-- Stadtwerke Rabenfeld).  Loaded after demo/10_organizations_and_assets.sql:
--   psql -X -v ON_ERROR_STOP=1 -f demo/20_suppliers.sql
--
-- CRU's supplier base is the 27 real vendors and service providers of part 1 plus 220 fictional
-- regional suppliers (instrumentation, electrical, calibration, network services, ...), about 250
-- in all, the size the seed's case study speaks of.  What each supplies is tied to assets (by
-- vendor name for product suppliers, by site for service providers), so criticality is inherited;
-- each has an annual spend and most a contract whose security clauses are recorded.  Assessments
-- run every six months from June 2024 to June 2026 on the starter questionnaire plus one choice
-- question of CRU's own; each supplier has a baseline quality and a drift, so scores move and risk
-- levels change, and the supplier_risk_alert rows (older ones acknowledged) record it.
--
-- Deterministic: identifiers are md5(...)::uuid of fixed texts and every "random" value is a hash
-- of the supplier code, period and question (pg_temp.demo_rand); every name is schema-qualified.
-- The fictional suppliers' names are invented; any likeness to a real company is a coincidence.

\set ON_ERROR_STOP on
BEGIN;

DO $guard$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM iec62443p2.organization WHERE code = 'CRU') THEN
    RAISE EXCEPTION 'load demo/10_organizations_and_assets.sql first'
      USING ERRCODE = 'foreign_key_violation';
  END IF;
  IF EXISTS (SELECT 1 FROM iec62443p2.supplier) THEN
    RAISE EXCEPTION 'the supplier sample is already loaded in this database' USING ERRCODE = 'unique_violation';
  END IF;
END
$guard$;

-- a number in [0, 1) from a text, the same on every run
CREATE FUNCTION pg_temp.demo_rand(t text) RETURNS numeric
LANGUAGE sql IMMUTABLE STRICT
RETURN (('x' OPERATOR(pg_catalog.||) pg_catalog.substr(pg_catalog.md5(t), 1, 8))::bit(32)::bigint)::numeric
       OPERATOR(pg_catalog./) 4294967296;

-- ---------------------------------------------------------------------------------------------
-- 220 fictional regional suppliers of CRU
-- ---------------------------------------------------------------------------------------------
CREATE TEMPORARY TABLE demo_supplier_kind (
  kind        text PRIMARY KEY,
  role        text NOT NULL,
  criticality smallint NOT NULL,
  spend       numeric NOT NULL
) ON COMMIT DROP;
INSERT INTO pg_temp.demo_supplier_kind VALUES
  ('Instrumentation',          'product_supplier', 3, 180000),
  ('Controls Integration',     'service_provider', 4, 420000),
  ('Electrical Services',      'service_provider', 2, 260000),
  ('Valve & Actuator',         'product_supplier', 2, 150000),
  ('Pump Systems',             'product_supplier', 3, 380000),
  ('Calibration Services',     'service_provider', 2,  60000),
  ('Network Services',         'service_provider', 4, 210000),
  ('Industrial Software',      'product_supplier', 3, 120000),
  ('Cabling & Fibre',          'service_provider', 1,  90000),
  ('Analyzer Systems',         'product_supplier', 3, 140000),
  ('Remote Monitoring',        'service_provider', 4, 160000);

CREATE TEMPORARY TABLE demo_generated (
  n     integer PRIMARY KEY,
  code  text NOT NULL UNIQUE,
  name  text NOT NULL,
  kind  text NOT NULL
) ON COMMIT DROP;
INSERT INTO pg_temp.demo_generated (n, code, name, kind)
SELECT g.n,
       'CRU-S' || pg_catalog.lpad(g.n::text, 3, '0'),
       p.prefix || ' ' || k.kind || CASE g.n % 3 WHEN 0 THEN ' Inc.' WHEN 1 THEN ' LLC' ELSE ' Co.' END,
       k.kind
FROM pg_catalog.generate_series(1, 220) AS g(n)
JOIN (SELECT pg_catalog.row_number() OVER (ORDER BY x.prefix) - 1 AS i, x.prefix
      FROM pg_catalog.unnest(ARRAY['Alder', 'Basin', 'Bitterroot', 'Blue Mountain', 'Cedar Valley', 'Chinook',
                                   'Clearwater', 'Columbia', 'Coyote Ridge', 'Evergreen', 'Gorge', 'Grand Coulee',
                                   'Horse Heaven', 'Inland', 'Juniper', 'Klickitat', 'Palouse', 'Rattlesnake',
                                   'Sagebrush', 'Wenatchee']) AS x(prefix)) p
  ON p.i = (g.n - 1) / 11
JOIN (SELECT pg_catalog.row_number() OVER (ORDER BY x.kind) - 1 AS i, x.kind
      FROM pg_temp.demo_supplier_kind x) k
  ON k.i = (g.n - 1) % 11;

INSERT INTO iec62443p2.organization (id, code, name, country, sector)
SELECT pg_catalog.md5('iec62443p2-demo/org/' || g.code)::uuid, g.code, g.name, 'US', 'regional supplier: ' || pg_catalog.lower(g.kind)
FROM pg_temp.demo_generated g ORDER BY g.n;
INSERT INTO iec62443p2.organization_role (organization_id, role)
SELECT pg_catalog.md5('iec62443p2-demo/org/' || g.code)::uuid, k.role
FROM pg_temp.demo_generated g JOIN pg_temp.demo_supplier_kind k ON k.kind = g.kind ORDER BY g.n;
INSERT INTO iec62443p2.organization_relationship (organization_id, id, counterpart_id, relationship, since, notes)
SELECT pg_catalog.md5('iec62443p2-demo/org/CRU')::uuid,
       pg_catalog.md5('iec62443p2-demo/rel/CRU/' || g.code || '/' || k.role)::uuid,
       pg_catalog.md5('iec62443p2-demo/org/' || g.code)::uuid, k.role,
       DATE '2008-01-01' + (pg_temp.demo_rand(g.code || '/since') * 5000)::integer,
       g.kind || ' for the water and power divisions.'
FROM pg_temp.demo_generated g JOIN pg_temp.demo_supplier_kind k ON k.kind = g.kind ORDER BY g.n;

-- ---------------------------------------------------------------------------------------------
-- Suppliers: every organisation serving CRU or SWR, with annual spend
-- ---------------------------------------------------------------------------------------------
INSERT INTO iec62443p2.supplier (organization_id, id, supplier_org_id, annual_spend, currency, declared_criticality, notes)
SELECT r.organization_id,
       pg_catalog.md5('iec62443p2-demo/supplier/' || ow.code || '/' || o.code)::uuid,
       r.counterpart_id,
       CASE WHEN g.code IS NOT NULL
            THEN pg_catalog.round(k.spend * (0.2 + 1.8 * pg_temp.demo_rand(o.code || '/spend')), -2)
            ELSE pg_catalog.round(150000 + 2400000 * pg_temp.demo_rand(o.code || '/spend') ^ 2, -3) END,
       CASE ow.code WHEN 'SWR' THEN 'EUR' ELSE 'USD' END,
       -- the fictional ones without an asset link declare the criticality of their kind
       CASE WHEN g.code IS NOT NULL AND g.n % 4 <> 0 THEN k.criticality END,
       CASE WHEN g.code IS NULL THEN 'Real vendor or service provider of the sample program (part 1).' END
FROM (SELECT DISTINCT x.organization_id, x.counterpart_id FROM iec62443p2.organization_relationship x) r
JOIN iec62443p2.organization ow ON ow.id = r.organization_id
JOIN iec62443p2.organization o ON o.id = r.counterpart_id
LEFT JOIN pg_temp.demo_generated g ON g.code = o.code
LEFT JOIN pg_temp.demo_supplier_kind k ON k.kind = g.kind
WHERE ow.code IN ('CRU', 'SWR')
ORDER BY ow.code, o.code;

-- What they supply.  Product suppliers: every asset of theirs by the vendor name the inventory
-- writes.  Service providers: the assets of the sites they serve.  Every fourth fictional supplier:
-- one asset, picked by hash.
INSERT INTO iec62443p2.supplier_supply (organization_id, id, supplier_id, kind, vendor, description)
SELECT s.organization_id,
       pg_catalog.md5('iec62443p2-demo/supply/' || s.id::text || '/vendor')::uuid,
       s.id, 'product', o.name, 'Products of ' || o.name || ' in the installed base.'
FROM iec62443p2.supplier s
JOIN iec62443p2.organization o ON o.id = s.supplier_org_id
WHERE EXISTS (SELECT 1 FROM iec62443p2.organization_relationship r
              WHERE r.organization_id = s.organization_id AND r.counterpart_id = s.supplier_org_id
                AND r.relationship = 'product_supplier')
  AND EXISTS (SELECT 1 FROM iec62443p2.asset a WHERE a.organization_id = s.organization_id
                AND pg_catalog.lower(a.vendor) = pg_catalog.lower(o.name))
ORDER BY 1, 2;

INSERT INTO iec62443p2.supplier_supply (organization_id, id, supplier_id, kind, asset_id, description)
SELECT a.organization_id,
       pg_catalog.md5('iec62443p2-demo/supply/' || v.org || '/' || v.provider || '/' || a.id::text)::uuid,
       pg_catalog.md5('iec62443p2-demo/supplier/' || v.org || '/' || v.provider)::uuid,
       'service', a.id, v.service
FROM (VALUES
  ('CRU', 'NWC',     'WTP',  'Integration and maintenance of the water treatment control system.'),
  ('CRU', 'NWC',     'WWTP', 'Integration and maintenance of the wastewater control system.'),
  ('CRU', 'NWC',     'PS-HC', 'Pump station integration and on-call support.'),
  ('CRU', 'NWC',     'DIST', 'Remote station integration and on-call support.'),
  ('CRU', 'KESTREL', 'SOC',  'Managed OT security monitoring of the control centre.'),
  ('CRU', 'ABB',     'HYD',  '800xA lifecycle service at the hydro plant.'),
  ('SWR', 'AUENTAL', 'WW',   'Systemintegration Wasserwerk.'),
  ('SWR', 'AUENTAL', 'NLS',  'Systemintegration Netzleitstelle.')
) AS v(org, provider, site, service)
JOIN iec62443p2.zone z ON z.organization_id = pg_catalog.md5('iec62443p2-demo/org/' || v.org)::uuid
                      AND z.site_id = pg_catalog.md5('iec62443p2-demo/site/' || v.org || '/' || v.site)::uuid
JOIN iec62443p2.asset a ON a.organization_id = z.organization_id AND a.zone_id = z.id
ORDER BY 1, 2;

INSERT INTO iec62443p2.supplier_supply (organization_id, id, supplier_id, kind, asset_id, description)
SELECT s.organization_id,
       pg_catalog.md5('iec62443p2-demo/supply/' || g.code || '/asset')::uuid,
       s.id, CASE k.role WHEN 'product_supplier' THEN 'product' ELSE 'service' END, a.id,
       g.kind || ' for ' || a.name
FROM pg_temp.demo_generated g
JOIN pg_temp.demo_supplier_kind k ON k.kind = g.kind
JOIN iec62443p2.supplier s ON s.id = pg_catalog.md5('iec62443p2-demo/supplier/CRU/' || g.code)::uuid
CROSS JOIN LATERAL (
  SELECT x.id, x.name FROM iec62443p2.asset x
  WHERE x.organization_id = s.organization_id
  ORDER BY pg_catalog.md5(g.code || '/' || x.tag) LIMIT 1) a
WHERE g.n % 4 = 0
ORDER BY g.n;

-- ---------------------------------------------------------------------------------------------
-- CRU's own questionnaire addition: a choice question (patch delivery time) under controls
-- ---------------------------------------------------------------------------------------------
INSERT INTO iec62443p2.supplier_question (organization_id, id, criterion_id, code, question, answer_kind, weight, position)
SELECT c.organization_id, pg_catalog.md5('iec62443p2-demo/question/CRU/controls_patch_delivery')::uuid, c.id,
       'controls_patch_delivery', 'How soon after disclosure of a vulnerability in its products does the supplier deliver a qualified fix or mitigation?',
       'choice', 2, 4
FROM iec62443p2.supplier_criterion c
WHERE c.organization_id = pg_catalog.md5('iec62443p2-demo/org/CRU')::uuid AND c.code = 'controls';
INSERT INTO iec62443p2.supplier_question_option (organization_id, id, question_id, code, label, score, position)
SELECT pg_catalog.md5('iec62443p2-demo/org/CRU')::uuid,
       pg_catalog.md5('iec62443p2-demo/option/CRU/controls_patch_delivery/' || v.code)::uuid,
       pg_catalog.md5('iec62443p2-demo/question/CRU/controls_patch_delivery')::uuid,
       v.code, v.label, v.score, v.position
FROM (VALUES ('within_30_days', 'Within 30 days', 10, 1), ('within_90_days', 'Within 90 days', 6, 2),
             ('beyond_90_days', 'Beyond 90 days', 2, 3), ('no_commitment', 'No commitment', 0, 4)) AS v(code, label, score, position);

-- ---------------------------------------------------------------------------------------------
-- Assessments every six months, June 2024 .. June 2026
-- ---------------------------------------------------------------------------------------------
CREATE TEMPORARY TABLE demo_assessment (
  id          uuid PRIMARY KEY,
  org         uuid NOT NULL,
  supplier_id uuid NOT NULL,
  code        text NOT NULL,
  period      integer NOT NULL,
  assessed_at timestamptz NOT NULL,
  p_good      numeric NOT NULL
) ON COMMIT DROP;
INSERT INTO pg_temp.demo_assessment
SELECT pg_catalog.md5('iec62443p2-demo/assessment/' || ow.code || '/' || o.code || '/' || p.period)::uuid,
       s.organization_id, s.id, o.code, p.period,
       (p.starts + (pg_temp.demo_rand(o.code || '/day/' || p.period) * 60)::integer + TIME '10:00')
         AT TIME ZONE 'America/Los_Angeles',
       -- baseline quality 0.40 .. 0.98, a drift of -0.10 .. +0.10 per period
       GREATEST(0.05, LEAST(0.98, 0.40 + 0.58 * pg_temp.demo_rand(o.code || '/quality')
                                 + (pg_temp.demo_rand(o.code || '/drift') - 0.5) * 0.2 * p.period))
FROM iec62443p2.supplier s
JOIN iec62443p2.organization o ON o.id = s.supplier_org_id
JOIN iec62443p2.organization ow ON ow.id = s.organization_id
JOIN iec62443p2.supplier_criticality k ON k.organization_id = s.organization_id AND k.id = s.id
CROSS JOIN (VALUES (0, DATE '2024-06-01'), (1, DATE '2024-12-01'), (2, DATE '2025-06-01'),
                   (3, DATE '2025-12-01'), (4, DATE '2026-06-01')) AS p(period, starts)
-- critical suppliers (criticality 4-5) every period; the others mostly, some never
WHERE pg_temp.demo_rand(o.code || '/never') >= 0.06
  AND (k.criticality >= 4 OR pg_temp.demo_rand(o.code || '/skip/' || p.period) >= 0.25);

INSERT INTO iec62443p2.supplier_assessment (organization_id, id, supplier_id, assessed_at, assessor_id)
SELECT d.org, d.id, d.supplier_id, d.assessed_at,
       CASE WHEN d.org = pg_catalog.md5('iec62443p2-demo/org/CRU')::uuid
            THEN pg_catalog.md5('iec62443p2-demo/person/CRU/priya.raman@cru.example')::uuid END
FROM pg_temp.demo_assessment d ORDER BY d.assessed_at, d.id;

-- yes/no answers are good with probability p_good; about 3% are not applicable; the choice
-- question's option follows the same draw
INSERT INTO iec62443p2.supplier_assessment_answer (organization_id, assessment_id, question_id, answer_yes, option_id, not_applicable)
SELECT d.org, d.id, q.id,
       CASE WHEN q.answer_kind = 'yes_no' AND x.na >= 0.03 THEN (x.r < d.p_good) = q.yes_is_good END,
       CASE WHEN q.answer_kind = 'choice' AND x.na >= 0.03 THEN pg_catalog.md5('iec62443p2-demo/option/CRU/controls_patch_delivery/'
         || CASE WHEN x.r < d.p_good * 0.7 THEN 'within_30_days' WHEN x.r < d.p_good THEN 'within_90_days'
                 WHEN x.r < 0.9 THEN 'beyond_90_days' ELSE 'no_commitment' END)::uuid END,
       x.na < 0.03
FROM pg_temp.demo_assessment d
JOIN iec62443p2.supplier_question q ON q.organization_id = d.org AND q.active
CROSS JOIN LATERAL (SELECT pg_temp.demo_rand(d.code || '/' || d.period || '/' || q.code) AS r,
                           pg_temp.demo_rand(d.code || '/' || d.period || '/' || q.code || '/na') AS na) x
ORDER BY d.id, q.code;

-- complete period by period, so each assessment is compared with the one before it
UPDATE iec62443p2.supplier_assessment a SET status = 'completed', completed_at = a.assessed_at + INTERVAL '7 days'
FROM pg_temp.demo_assessment d WHERE d.id = a.id AND d.period = 0;
UPDATE iec62443p2.supplier_assessment a SET status = 'completed', completed_at = a.assessed_at + INTERVAL '7 days'
FROM pg_temp.demo_assessment d WHERE d.id = a.id AND d.period = 1;
UPDATE iec62443p2.supplier_assessment a SET status = 'completed', completed_at = a.assessed_at + INTERVAL '7 days'
FROM pg_temp.demo_assessment d WHERE d.id = a.id AND d.period = 2;
UPDATE iec62443p2.supplier_assessment a SET status = 'completed', completed_at = a.assessed_at + INTERVAL '7 days'
FROM pg_temp.demo_assessment d WHERE d.id = a.id AND d.period = 3;
UPDATE iec62443p2.supplier_assessment a SET status = 'completed', completed_at = a.assessed_at + INTERVAL '7 days'
FROM pg_temp.demo_assessment d WHERE d.id = a.id AND d.period = 4;

-- a draft under way for a few suppliers (not scored yet)
INSERT INTO iec62443p2.supplier_assessment (organization_id, id, supplier_id, assessed_at, assessor_id, notes)
SELECT s.organization_id, pg_catalog.md5('iec62443p2-demo/assessment/draft/' || o.code)::uuid, s.id,
       TIMESTAMPTZ '2026-11-02 10:00 America/Los_Angeles',
       pg_catalog.md5('iec62443p2-demo/person/CRU/priya.raman@cru.example')::uuid, 'Questionnaire sent, answers pending.'
FROM iec62443p2.supplier s JOIN iec62443p2.organization o ON o.id = s.supplier_org_id
WHERE s.organization_id = pg_catalog.md5('iec62443p2-demo/org/CRU')::uuid AND o.code IN ('NWC', 'KESTREL', 'FORTINET')
ORDER BY o.code;

-- alerts of 2024 and 2025 were acknowledged by the OT security lead three days later
UPDATE iec62443p2.supplier_risk_alert a
SET acknowledged_by = pg_catalog.md5('iec62443p2-demo/person/CRU/priya.raman@cru.example')::uuid,
    acknowledged_at = a.assessed_at + INTERVAL '3 days'
WHERE a.organization_id = pg_catalog.md5('iec62443p2-demo/org/CRU')::uuid AND a.assessed_at < TIMESTAMPTZ '2026-01-01 00:00 UTC';

-- ---------------------------------------------------------------------------------------------
-- Contracts and their security clauses: most suppliers have one; about one clause in nine is
-- missing (older contracts predate the security schedule)
-- ---------------------------------------------------------------------------------------------
INSERT INTO iec62443p2.supplier_contract (organization_id, id, supplier_id, reference, title, starts_on, ends_on)
SELECT s.organization_id, pg_catalog.md5('iec62443p2-demo/contract/' || ow.code || '/' || o.code)::uuid, s.id,
       ow.code || '-C-' || o.code,
       CASE WHEN r.relationship = 'service_provider' THEN 'Services agreement with ' ELSE 'Supply agreement with ' END || o.name,
       DATE '2018-01-01' + (pg_temp.demo_rand(o.code || '/contract') * 2500)::integer,
       CASE WHEN pg_temp.demo_rand(o.code || '/expired') < 0.05 THEN DATE '2025-12-31' END
FROM iec62443p2.supplier s
JOIN iec62443p2.organization o ON o.id = s.supplier_org_id
JOIN iec62443p2.organization ow ON ow.id = s.organization_id
CROSS JOIN LATERAL (SELECT pg_catalog.min(x.relationship) AS relationship FROM iec62443p2.organization_relationship x
                    WHERE x.organization_id = s.organization_id AND x.counterpart_id = s.supplier_org_id) r
WHERE pg_temp.demo_rand(o.code || '/has_contract') < 0.85
ORDER BY 1, 2;

INSERT INTO iec62443p2.supplier_contract_clause (organization_id, id, contract_id, clause_kind, section, summary)
SELECT c.organization_id, pg_catalog.md5('iec62443p2-demo/clause/' || c.reference || '/' || k.code)::uuid, c.id, k.code,
       'Schedule S, clause ' || k.position, k.description
FROM iec62443p2.supplier_contract c
CROSS JOIN iec62443p2.supplier_contract_clause_kind k
WHERE pg_temp.demo_rand(c.reference || '/' || k.code) >= CASE WHEN c.starts_on < DATE '2021-01-01' THEN 0.25 ELSE 0.05 END
ORDER BY 1, 2;

-- ---------------------------------------------------------------------------------------------
-- Audits of the critical suppliers (criticality 4-5) every year since autumn 2024, findings with
-- corrective actions (a weaker supplier has more), their closure and verification; next year's
-- audits planned.  Findings run the compliance check, so suppliers over the tolerated open
-- findings get compliance alerts.
-- ---------------------------------------------------------------------------------------------
INSERT INTO iec62443p2.supplier_audit (organization_id, id, supplier_id, reference, planned_on, performed_on, lead_auditor_id, result, scope)
SELECT s.organization_id,
       pg_catalog.md5('iec62443p2-demo/audit/' || o.code || '/' || y.year)::uuid,
       s.id, 'CRU-AUD-' || y.year || '-' || o.code,
       y.planned,
       CASE WHEN y.planned > DATE '2026-11-01' OR pg_temp.demo_rand(o.code || '/audit_skipped/' || y.year) < 0.1 THEN NULL
            ELSE y.planned + (pg_temp.demo_rand(o.code || '/audit_late/' || y.year) * 20)::integer END,
       pg_catalog.md5('iec62443p2-demo/person/CRU/priya.raman@cru.example')::uuid,
       NULL,
       'Remote access, patch qualification, incident notification, personnel security (IEC 62443-2-4 based questionnaire, on site).'
FROM iec62443p2.supplier s
JOIN iec62443p2.organization o ON o.id = s.supplier_org_id
JOIN iec62443p2.supplier_criticality k ON k.organization_id = s.organization_id AND k.id = s.id
CROSS JOIN LATERAL (VALUES (2024, DATE '2024-09-02' + (pg_temp.demo_rand(o.code || '/audit/2024') * 90)::integer),
                           (2025, DATE '2025-09-01' + (pg_temp.demo_rand(o.code || '/audit/2025') * 90)::integer),
                           (2026, DATE '2026-09-01' + (pg_temp.demo_rand(o.code || '/audit/2026') * 150)::integer)) AS y(year, planned)
WHERE s.organization_id = pg_catalog.md5('iec62443p2-demo/org/CRU')::uuid AND k.criticality >= 4
ORDER BY 1, 2;

INSERT INTO iec62443p2.supplier_audit_finding
  (organization_id, id, audit_id, supplier_id, severity, title, corrective_action, due_on, closed_on, verified_on, verified_by)
SELECT a.organization_id, pg_catalog.md5(a.reference || '/finding/' || f.n)::uuid, a.id, a.supplier_id,
       f.severity, f.title, f.action, f.due_on,
       CASE WHEN f.closes < 0.8 AND f.due_on + f.late <= DATE '2026-11-15' THEN f.due_on + f.late END,
       CASE WHEN f.closes < 0.6 AND f.due_on + f.late + 14 <= DATE '2026-11-15' THEN f.due_on + f.late + 14 END,
       CASE WHEN f.closes < 0.6 AND f.due_on + f.late + 14 <= DATE '2026-11-15'
            THEN pg_catalog.md5('iec62443p2-demo/person/CRU/priya.raman@cru.example')::uuid END
FROM iec62443p2.supplier_audit a
JOIN iec62443p2.organization o ON o.id = (SELECT s.supplier_org_id FROM iec62443p2.supplier s
                                          WHERE s.organization_id = a.organization_id AND s.id = a.supplier_id)
CROSS JOIN LATERAL pg_catalog.generate_series(1, (8 * (1 - pg_temp.demo_rand(o.code || '/quality')))::integer) AS g(n)
CROSS JOIN LATERAL (
  SELECT g.n,
         CASE WHEN pg_temp.demo_rand(a.reference || '/sev/' || g.n) < 0.08 THEN 'critical'
              WHEN pg_temp.demo_rand(a.reference || '/sev/' || g.n) < 0.35 THEN 'high'
              WHEN pg_temp.demo_rand(a.reference || '/sev/' || g.n) < 0.80 THEN 'medium' ELSE 'low' END AS severity,
         t.title, t.action,
         a.performed_on + CASE WHEN pg_temp.demo_rand(a.reference || '/sev/' || g.n) < 0.35 THEN 30 ELSE 90 END AS due_on,
         (pg_temp.demo_rand(a.reference || '/late/' || g.n) * 60)::integer - 20 AS late,
         pg_temp.demo_rand(a.reference || '/closes/' || g.n) AS closes
  FROM (VALUES (0, 'Shared or default accounts used for remote support', 'Issue personal accounts with MFA to every support engineer.'),
               (1, 'Patches shipped without qualification evidence', 'Provide qualification test reports with every patch release.'),
               (2, 'No incident notification contact on record', 'Name a 24x7 security contact and test the notification path.'),
               (3, 'Laptops used on site lack current malware protection', 'Enforce endpoint protection and a pre-visit check.'),
               (4, 'Personnel security screening not documented', 'Document screening of staff with access to the IACS.'),
               (5, 'Backup of project files not protected', 'Encrypt and access-control project backups.'),
               (6, 'Hardening guide outdated', 'Publish a hardening guide for the current product versions.'),
               (7, 'Subcontractors not bound by the security requirements', 'Flow the security schedule down to subcontractors.'))
       AS t(i, title, action)
  WHERE t.i = (pg_catalog.abs(pg_catalog.hashtext(a.reference || '/' || g.n)) % 8)) f
WHERE a.performed_on IS NOT NULL
ORDER BY 1, 2;

UPDATE iec62443p2.supplier_audit a
SET result = CASE WHEN NOT EXISTS (SELECT 1 FROM iec62443p2.supplier_audit_finding f WHERE f.organization_id = a.organization_id AND f.audit_id = a.id)
                  THEN 'passed'
                  WHEN EXISTS (SELECT 1 FROM iec62443p2.supplier_audit_finding f WHERE f.organization_id = a.organization_id
                                 AND f.audit_id = a.id AND f.severity = 'critical') THEN 'failed'
                  ELSE 'passed_with_findings' END
WHERE a.performed_on IS NOT NULL;

-- compliance alerts of findings since closed were acknowledged
UPDATE iec62443p2.supplier_compliance_alert c
SET acknowledged_by = pg_catalog.md5('iec62443p2-demo/person/CRU/priya.raman@cru.example')::uuid,
    acknowledged_at = c.raised_at
WHERE NOT EXISTS (SELECT 1 FROM iec62443p2.supplier_audit_finding f
                  WHERE f.organization_id = c.organization_id AND f.supplier_id = c.supplier_id
                    AND f.severity = c.severity AND f.closed_on IS NULL);

-- ---------------------------------------------------------------------------------------------
-- Supplier incidents over two years: detected, responded to, resolved
-- ---------------------------------------------------------------------------------------------
INSERT INTO iec62443p2.supplier_incident
  (organization_id, id, supplier_id, title, severity, occurred_at, detected_at, responded_at, resolved_at, notified_by_supplier, description)
SELECT s.organization_id, pg_catalog.md5('iec62443p2-demo/incident/' || i.n)::uuid, s.id, i.title, i.severity,
       i.detected - pg_catalog.make_interval(hours => (pg_temp.demo_rand('occ' || i.n) * 72)::integer),
       i.detected,
       i.detected + pg_catalog.make_interval(mins => (30 + pg_temp.demo_rand('resp' || i.n) * 600)::integer),
       CASE WHEN i.detected < TIMESTAMPTZ '2026-10-15 00:00 UTC'
            THEN i.detected + pg_catalog.make_interval(hours => (12 + pg_temp.demo_rand('res' || i.n) * 300)::integer) END,
       pg_temp.demo_rand('notified' || i.n) < 0.6,
       'Sample incident.'
FROM (SELECT g.n,
             TIMESTAMPTZ '2024-07-01 00:00 UTC' + pg_catalog.make_interval(hours => (pg_temp.demo_rand('det' || g.n) * 20000)::integer) AS detected,
             (ARRAY['Compromised support laptop connected to a plant network', 'Support credentials exposed in a public repository',
                    'Ransomware at the supplier''s office; project files encrypted', 'Phishing of a field engineer''s mailbox',
                    'Unauthorised remote session outside the maintenance window', 'Tampered firmware image reported by the vendor PSIRT'])
               [1 + (g.n % 6)] AS title,
             (ARRAY['high', 'medium', 'critical', 'low', 'high', 'critical'])[1 + (g.n % 6)] AS severity,
             (SELECT x.id FROM iec62443p2.supplier x JOIN iec62443p2.supplier_criticality k ON k.organization_id = x.organization_id AND k.id = x.id
               WHERE x.organization_id = pg_catalog.md5('iec62443p2-demo/org/CRU')::uuid AND k.criticality >= 3
               ORDER BY pg_catalog.md5(x.id::text || '/incident/' || g.n) LIMIT 1) AS supplier_id
      FROM pg_catalog.generate_series(1, 24) AS g(n)) i
JOIN iec62443p2.supplier s ON s.organization_id = pg_catalog.md5('iec62443p2-demo/org/CRU')::uuid AND s.id = i.supplier_id
ORDER BY i.n;

-- The result must look like the brief: some 250 suppliers for the main utility, assessed over two
-- years, with risk level changes.
DO $check$
DECLARE
  suppliers bigint;
  changes bigint;
BEGIN
  SELECT pg_catalog.count(*) INTO suppliers FROM iec62443p2.supplier s
  WHERE s.organization_id = pg_catalog.md5('iec62443p2-demo/org/CRU')::uuid;
  SELECT pg_catalog.count(*) INTO changes FROM iec62443p2.supplier_risk_alert a
  WHERE a.organization_id = pg_catalog.md5('iec62443p2-demo/org/CRU')::uuid AND a.old_level IS NOT NULL;
  IF suppliers NOT BETWEEN 200 AND 300 OR changes < 20 THEN
    RAISE EXCEPTION 'supplier sample: % suppliers, % risk level changes', suppliers, changes;
  END IF;
END
$check$;

COMMIT;
