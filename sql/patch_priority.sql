--
-- patch_priority and patch_decision: ten named scenarios (the README explains their order), the
-- rules for unknown inputs, and bad arguments.
--
CREATE EXTENSION iec62443p2;
SET search_path = iec62443p2, public;

CREATE TEMP TABLE scenario (n int, name text, vuln cvss, epss numeric, kev boolean, criticality int,
                            safety_related boolean, exposure text, compensated boolean);
INSERT INTO scenario VALUES
  (1, 'KEV-listed remote code execution on an internet-reachable safety PLC',
   'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', 0.94, true, 5, true, 'open', false),
  (2, 'the same flaw on the same PLC behind a jump host and allow-listing',
   'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', 0.94, true, 5, true, 'controlled', true),
  (3, 'KEV-listed VPN flaw (CVSS 4.0) on the internet-facing remote access gateway',
   'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H/E:A', NULL, true, 4, false, 'open', false),
  (4, 'unauthenticated denial of service on a protection relay, public exploit',
   'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H', 0.31, false, 5, true, 'controlled', false),
  (5, 'end-of-life Windows 7 HMI, KEV-listed SMB flaw (CVSS 2.0), isolated and monitored',
   'AV:N/AC:L/Au:N/C:C/I:C/A:C', 0.97, true, 3, false, 'controlled', true),
  (6, 'project-file parsing flaw on an engineering workstation (needs a user to open a file)',
   'CVSS:3.1/AV:L/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:H', 0.15, false, 4, false, 'controlled', false),
  (7, 'new CVE not yet scored (no CVSS, no EPSS) on a criticality-4 controller',
   NULL, NULL, false, 4, false, 'small', false),
  (8, 'authenticated SQL injection in the historian',
   'CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:L/A:N', 0.02, false, 3, false, 'controlled', false),
  (9, 'information disclosure on a low-criticality enterprise web server',
   'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:N/A:N', 0.01, false, 1, false, 'open', false),
  (10, 'local low-severity flaw on an isolated HMI with compensating controls',
   'CVSS:3.1/AV:L/AC:H/PR:H/UI:R/S:U/C:L/I:N/A:N', 0.0004, false, 2, false, 'small', true);

SELECT n, patch_priority(vuln, epss, kev, criticality, safety_related, exposure, compensated) AS priority,
       patch_decision(vuln, epss, kev, criticality, safety_related, exposure, compensated) AS decision, name
FROM scenario ORDER BY 2 DESC, 1;

-- the priority band is the decision: 25 points a band
SELECT count(*) AS outside_band
FROM scenario s,
     LATERAL (SELECT patch_priority(vuln, epss, kev, criticality, safety_related, exposure, compensated) AS p,
                     array_position(ARRAY['defer', 'scheduled', 'out-of-cycle', 'immediate'],
                                    patch_decision(vuln, epss, kev, criticality, safety_related, exposure, compensated)) - 1 AS rank) x
WHERE x.p < 25 * x.rank OR x.p > 25 * x.rank + 25;

-- unknown is not zero: a missing vector or EPSS ranks above a known low one
SELECT patch_priority(NULL, NULL, false, 3, false, 'controlled', false) AS unknown_everything,
       patch_priority('CVSS:3.1/AV:L/AC:H/PR:H/UI:R/S:U/C:L/I:N/A:N', 0.001, false, 3, false, 'controlled', false) AS known_low,
       patch_priority(NULL, NULL, NULL, NULL, NULL, NULL, NULL) AS all_null;
-- the asset's requirements, applied first, move the score
SELECT patch_priority(v, 0.02, false, 3, false, 'controlled', false) AS medium_requirements,
       patch_priority(cvss_with_requirements(v, 'high', 'high', 'high'), 0.02, false, 3, false, 'controlled', false) AS high_requirements
FROM (VALUES ('CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:L/I:L/A:L'::cvss)) t(v);

-- bad arguments: 22023 naming the value
SELECT patch_priority('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', 1.5, false, 3, false, 'open', false);
\echo :LAST_ERROR_SQLSTATE
SELECT patch_priority('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', 0.5, false, 0, false, 'open', false);
\echo :LAST_ERROR_SQLSTATE
SELECT patch_decision('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', 0.5, false, 3, false, 'dmz', false);
\echo :LAST_ERROR_SQLSTATE
SELECT patch_priority(NULL, 1e-400, false, 3, false, 'open', false) AS tiny_epss_is_fine;
SELECT patch_priority(NULL, -1e-400, false, 3, false, 'open', false);
\echo :LAST_ERROR_SQLSTATE
-- the EPSS threshold is compared exactly, as ssvc_exploitation compares it
SELECT patch_decision(NULL, 0.0999999999999999999999, false, 3, false, 'open', false) AS just_below,
       ssvc_exploitation(false, 0.0999999999999999999999) AS exploitation_just_below,
       patch_decision(NULL, 0.1, false, 3, false, 'open', false) AS at_threshold,
       ssvc_exploitation(false, 0.1) AS exploitation_at_threshold;

-- CVSS v3.0's environmental formula is not monotone (v3.1 corrected it): here a more severe I:H
-- lowers the v3.0 score.  cvss_score stays exact to v3.0; patch_priority ranks a v3.0 vector by the
-- v3.1 formulas over the same metrics, so its priority does not drop (documented in the README)
SELECT v::text AS vector, cvss_score(v) AS score,
       cvss_score(replace(v::text, 'CVSS:3.0', 'CVSS:3.1')::cvss) AS score_by_3_1,
       patch_priority(v, 0.01, false, 3, false, 'controlled', false) AS priority,
       patch_priority(replace(v::text, 'CVSS:3.0', 'CVSS:3.1')::cvss, 0.01, false, 3, false, 'controlled', false) AS priority_of_3_1
FROM (VALUES ('CVSS:3.0/AV:L/AC:L/PR:H/UI:R/S:C/C:H/I:L/A:N/E:F/RL:O/RC:R/CR:H/IR:M/AR:L'::cvss),
             ('CVSS:3.0/AV:L/AC:L/PR:H/UI:R/S:C/C:H/I:H/A:N/E:F/RL:O/RC:R/CR:H/IR:M/AR:L'::cvss),
             ('CVSS:3.0/AV:P/AC:H/PR:H/UI:R/S:C/C:N/I:L/A:H/CR:L/IR:H/AR:H'::cvss),
             ('CVSS:3.0/AV:P/AC:H/PR:H/UI:R/S:C/C:L/I:L/A:H/CR:L/IR:H/AR:H'::cvss)) t(v);

-- the seven-argument forms (C, the shipped defaults read once per call site) give exactly what the
-- eight-argument forms give with patch_priority_parameters(), and read the catalogue, not constants
SELECT count(*) AS scenarios,
       count(*) FILTER (WHERE patch_priority(vuln, epss, kev, criticality, safety_related, exposure, compensated)
                              IS DISTINCT FROM patch_priority(vuln, epss, kev, criticality, safety_related, exposure,
                                                              compensated, patch_priority_parameters())
                           OR patch_decision(vuln, epss, kev, criticality, safety_related, exposure, compensated)
                              IS DISTINCT FROM patch_decision(vuln, epss, kev, criticality, safety_related, exposure,
                                                              compensated, patch_priority_parameters())) AS different
FROM scenario;
BEGIN;
UPDATE patch_priority_parameter_default SET severity_weight = 0.1, likelihood_weight = 0.6, epss_poc_threshold = 0.5;
SELECT n, patch_priority(vuln, epss, kev, criticality, safety_related, exposure, compensated) AS changed_shipped,
       patch_decision(vuln, epss, kev, criticality, safety_related, exposure, compensated) AS decision
FROM scenario WHERE n IN (4, 6, 9) ORDER BY n;
DELETE FROM patch_priority_parameter_default;
SELECT patch_priority(NULL, NULL, false, 3, false, 'open', false);
\echo :LAST_ERROR_SQLSTATE
ROLLBACK;

-- the parameters are data: the shipped defaults, or an organisation's own copy
\set VERBOSITY terse
SELECT patch_priority_parameters() AS shipped_defaults;
INSERT INTO organization (id, code, name) VALUES ('00000000-0000-4000-8000-0000000000f1', 'PPO', 'Parameter owner');
UPDATE patch_priority_setting SET severity_weight = 0.1, likelihood_weight = 0.6, epss_poc_threshold = 0.5
 WHERE organization_id = '00000000-0000-4000-8000-0000000000f1';
SELECT n, patch_priority(vuln, epss, kev, criticality, safety_related, exposure, compensated) AS shipped,
       patch_priority(vuln, epss, kev, criticality, safety_related, exposure, compensated,
                      patch_priority_parameters('00000000-0000-4000-8000-0000000000f1')) AS organisation,
       patch_decision(vuln, epss, kev, criticality, safety_related, exposure, compensated,
                      patch_priority_parameters('00000000-0000-4000-8000-0000000000f1')) AS organisation_decision
FROM scenario WHERE n IN (4, 6, 9) ORDER BY n;
-- parameters that would break the 0..100 range or the monotonicity are refused
SELECT patch_priority(NULL, NULL, false, 3, false, 'open', false, '{0.1,0.5,0.5,0.5,0.8,7,0.05,0.5,0.25,0.125}');
\echo :LAST_ERROR_SQLSTATE
SELECT patch_priority(NULL, NULL, false, 3, false, 'open', false, '{0.1,0.4,0.3,0.3,1.2,7,0.05,0.5,0.25,0.125}');
\echo :LAST_ERROR_SQLSTATE
SELECT patch_priority(NULL, NULL, false, 3, false, 'open', false, '{0.1,0.4,0.3}');
\echo :LAST_ERROR_SQLSTATE
SELECT patch_priority(NULL, NULL, false, 3, false, 'open', false, NULL);
\echo :LAST_ERROR_SQLSTATE
UPDATE patch_priority_setting SET severity_weight = 0.9 WHERE organization_id = '00000000-0000-4000-8000-0000000000f1';
\echo :LAST_ERROR_SQLSTATE

DISCARD TEMP;
RESET search_path;
DROP EXTENSION iec62443p2;
DROP SCHEMA iec62443p2;
