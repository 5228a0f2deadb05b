-- Properties of the patch lifecycle: the state machine in patch_state_transition is well formed
-- (every state and every allowed transition reachable from the initial state, nothing leaves
-- verified but a rollback, the gates sit on every way into tested and deployed), the settings are
-- copied, random sequences of attempted transitions always leave a history that is a path of the
-- catalogue in time order with the deployment's state at its end, and the reader level reads the
-- views but records nothing.
BEGIN;
SET client_min_messages = warning;
SET LOCAL search_path = public, iec62443p2;
SET LOCAL timezone = 'UTC';
SELECT plan(21);
SELECT setseed(0.4242);

SELECT is((SELECT count(*)::int FROM iec62443p2.patch_state WHERE initial), 1, 'exactly one initial state');
SELECT is_empty($$
  WITH RECURSIVE reach (state) AS (
    SELECT code FROM iec62443p2.patch_state WHERE initial
    UNION
    SELECT t.to_state FROM reach r JOIN iec62443p2.patch_state_transition t ON t.from_state = r.state)
  SELECT code FROM iec62443p2.patch_state WHERE code NOT IN (SELECT state FROM reach) $$,
  'every state is reachable from the initial state');
SELECT is_empty($$
  WITH RECURSIVE reach (state) AS (
    SELECT code FROM iec62443p2.patch_state WHERE initial
    UNION
    SELECT t.to_state FROM reach r JOIN iec62443p2.patch_state_transition t ON t.from_state = r.state)
  SELECT from_state, to_state FROM iec62443p2.patch_state_transition WHERE from_state NOT IN (SELECT state FROM reach) $$,
  'every allowed transition starts in a reachable state');
SELECT results_eq($$ SELECT to_state FROM iec62443p2.patch_state_transition WHERE from_state = 'verified' $$,
  $$ VALUES ('rolled_back'::text) $$, 'nothing leaves verified but a rollback');
SELECT is_empty($$ SELECT 1 FROM iec62443p2.patch_state_transition t JOIN iec62443p2.patch_state s ON s.code = t.to_state WHERE s.initial $$,
  'no transition leads back to identified');
SELECT is_empty($$ SELECT from_state, to_state FROM iec62443p2.patch_state_transition
                   WHERE to_state IN ('tested', 'deployed') AND NOT checks_validation $$,
  'every way into tested and deployed passes the rollout gate');
SELECT is_empty($$ SELECT t.from_state, t.to_state FROM iec62443p2.patch_state_transition t
                   JOIN iec62443p2.patch_state a ON a.code = t.from_state JOIN iec62443p2.patch_state b ON b.code = t.to_state
                   WHERE b.installed AND NOT a.installed AND NOT (t.checks_validation AND t.checks_rollback_plan) $$,
  'every way onto an asset checks the rollout gate and the rollback plan');
SELECT is_empty($$ SELECT from_state, to_state FROM iec62443p2.patch_state_transition
                   WHERE requires_outcome <> (to_state = 'rolled_back') OR checks_approval <> (to_state = 'approved')
                      OR computes_band <> (to_state = 'assessed') OR resolves_vulnerabilities <> (to_state = 'verified') $$,
  'outcome, approval, band and resolution rules sit exactly on the transitions into rolled_back, approved, assessed, verified');
SELECT is_empty($$ SELECT t.from_state FROM iec62443p2.patch_state_transition t JOIN iec62443p2.patch_state s ON s.code = t.from_state
                   WHERE t.to_state = 'rolled_back' AND NOT s.installed
                   UNION ALL
                   SELECT s.code FROM iec62443p2.patch_state s WHERE s.installed
                     AND NOT EXISTS (SELECT 1 FROM iec62443p2.patch_state_transition t WHERE t.from_state = s.code AND t.requires_outcome) $$,
  'exactly the installed states can be rolled back');
SELECT results_eq($$ SELECT code, requires_rollback_plan FROM iec62443p2.deployment_environment ORDER BY rank $$,
  $$ VALUES ('development'::text, false), ('test', false), ('staging', false), ('production', true) $$,
  'environments in the seed''s order; production needs a rollback plan');
SELECT results_eq($$ SELECT d.band, d.route FROM iec62443p2.patch_approval_route_default d JOIN iec62443p2.patch_priority_band b ON b.code = d.band
                     WHERE d.settings_profile = 'default' ORDER BY b.rank DESC $$,
  $$ VALUES ('immediate'::text, 'automatic'::text), ('out-of-cycle', 'manager'), ('scheduled', 'committee'), ('defer', 'scheduled') $$,
  'the seed''s routes: critical automatic, high manager, medium committee, low scheduled');

-- a generated organisation: 40 assets over the four environments, one open vulnerability each,
-- a patch validated everywhere
INSERT INTO iec62443p2.organization (id, code, name) VALUES ('00000000-0000-4000-8000-0000000000c1', 'PLP', 'Patch properties');
SELECT results_eq($$ SELECT (SELECT count(*)::int FROM iec62443p2.organization_deployment_environment WHERE organization_id = '00000000-0000-4000-8000-0000000000c1'),
                            (SELECT count(*)::int FROM iec62443p2.patch_approval_route_setting WHERE organization_id = '00000000-0000-4000-8000-0000000000c1') $$,
  $$ VALUES (4, 4) $$, 'a new organisation gets the four environments and the four routes');
INSERT INTO iec62443p2.person (organization_id, id, full_name) VALUES
  ('00000000-0000-4000-8000-0000000000c1', '00000000-0000-4000-8000-0000000000c2', 'Approver'),
  ('00000000-0000-4000-8000-0000000000c1', '00000000-0000-4000-8000-0000000000c3', 'Bystander');
INSERT INTO iec62443p2.patch_approver (organization_id, person_id, route)
SELECT '00000000-0000-4000-8000-0000000000c1', '00000000-0000-4000-8000-0000000000c2', r FROM unnest(ARRAY['manager', 'committee', 'scheduled']) r;
INSERT INTO iec62443p2.asset (organization_id, tag, name, asset_type, vendor, product, criticality, safety_related, environment)
SELECT '00000000-0000-4000-8000-0000000000c1', 'A-' || g, 'asset ' || g, 'plc', 'V', 'P', 1 + g % 5, g % 7 = 0,
       (ARRAY['development', 'test', 'staging', 'production'])[1 + g % 4]
FROM generate_series(1, 40) g;
INSERT INTO iec62443p2.vulnerability (organization_id, id, cve_id, cvss, epss, epss_percentile, epss_on, kev, kev_added_on) VALUES
  ('00000000-0000-4000-8000-0000000000c1', '00000000-0000-4000-8000-0000000000c4', 'CVE-2024-9001',
   'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', 0.5, 0.98, '2024-01-01', true, '2024-01-01');
INSERT INTO iec62443p2.asset_vulnerability (organization_id, asset_id, vulnerability_id, applicability, detected_at)
SELECT organization_id, id, '00000000-0000-4000-8000-0000000000c4', 'affected', '2024-01-01' FROM iec62443p2.asset
WHERE organization_id = '00000000-0000-4000-8000-0000000000c1';
INSERT INTO iec62443p2.patch (organization_id, id, code, title, rollback_plan) VALUES
  ('00000000-0000-4000-8000-0000000000c1', '00000000-0000-4000-8000-0000000000c5', 'P-1', 'patch', 'reinstall');
INSERT INTO iec62443p2.patch_vulnerability (organization_id, patch_id, vulnerability_id) VALUES
  ('00000000-0000-4000-8000-0000000000c1', '00000000-0000-4000-8000-0000000000c5', '00000000-0000-4000-8000-0000000000c4');
SET LOCAL iec62443p2.changed_at = '2024-01-02';
SELECT is(iec62443p2.patch_identify_deployments('00000000-0000-4000-8000-0000000000c1', '00000000-0000-4000-8000-0000000000c5'), 40,
  'one deployment per affected asset');
INSERT INTO iec62443p2.patch_test_run (organization_id, patch_id, environment, started_at, finished_at, regression_cases_required, regression_cases_run, outcome)
SELECT '00000000-0000-4000-8000-0000000000c1', '00000000-0000-4000-8000-0000000000c5', e, '2024-01-01', '2024-01-01 12:00', 1, 1, 'passed'
FROM unnest(ARRAY['development', 'test', 'staging', 'production']) e;

-- 1500 random attempts, at random (mostly increasing) times, with random companions
CREATE TEMP TABLE attempt (ok boolean, sqlstate text);
DO $$
DECLARE
  d record; target text; ts timestamptz := '2024-01-02';
BEGIN
  FOR i IN 1..1500 LOOP
    SELECT id INTO d FROM iec62443p2.patch_deployment WHERE organization_id = '00000000-0000-4000-8000-0000000000c1'
    ORDER BY random() LIMIT 1;
    target := (ARRAY['identified', 'assessed', 'approved', 'tested', 'deployed', 'verified', 'rolled_back'])[1 + floor(random() * 7)::int];
    ts := ts + (random() * 10 - 1) * interval '1 hour';
    PERFORM set_config('iec62443p2.changed_at', ts::text, true);
    BEGIN
      INSERT INTO iec62443p2.patch_deployment_transition (organization_id, deployment_id, to_state, by_person_id, rollback_outcome, scheduled_for)
      VALUES ('00000000-0000-4000-8000-0000000000c1', d.id, target,
              CASE WHEN random() < 0.7 THEN '00000000-0000-4000-8000-0000000000c2'::uuid WHEN random() < 0.5 THEN '00000000-0000-4000-8000-0000000000c3'::uuid END,
              CASE WHEN random() < 0.8 AND target = 'rolled_back' THEN (ARRAY['succeeded', 'failed'])[1 + floor(random() * 2)::int] END,
              CASE WHEN random() < 0.5 AND target = 'approved' THEN ts + interval '1 day' END);
      INSERT INTO attempt VALUES (true, NULL);
    EXCEPTION WHEN OTHERS THEN
      INSERT INTO attempt VALUES (false, SQLSTATE);
    END;
  END LOOP;
END
$$;
SELECT ok((SELECT count(*) FILTER (WHERE ok) BETWEEN 100 AND 1400 FROM attempt), 'some random transitions were recorded, others refused');
SELECT is_empty($$ SELECT DISTINCT sqlstate FROM attempt WHERE NOT ok AND sqlstate NOT IN ('55000', '22023') $$,
  'every refusal is 55000 or 22023');
SELECT ok((SELECT count(DISTINCT to_state) FROM iec62443p2.patch_deployment_transition t JOIN iec62443p2.patch_deployment d ON d.id = t.deployment_id
           WHERE d.organization_id = '00000000-0000-4000-8000-0000000000c1') = 7, 'the random walk reached every state');
SELECT is_empty($$
  SELECT t.deployment_id FROM (
    SELECT x.*, lag(x.to_state) OVER w AS prev_state, lag(x.at) OVER w AS prev_at, row_number() OVER w AS n
    FROM iec62443p2.patch_deployment_transition x
    WHERE x.organization_id = '00000000-0000-4000-8000-0000000000c1'
    WINDOW w AS (PARTITION BY x.deployment_id ORDER BY x.transition_no)) t
  WHERE (t.n = 1 AND (t.from_state IS NOT NULL OR t.to_state <> 'identified'))
     OR (t.n > 1 AND (t.from_state IS DISTINCT FROM t.prev_state OR t.at < t.prev_at
                      OR NOT EXISTS (SELECT 1 FROM iec62443p2.patch_state_transition r WHERE r.from_state = t.from_state AND r.to_state = t.to_state))) $$,
  'every history is a path of the catalogue, in time order');
SELECT is_empty($$
  SELECT d.id FROM iec62443p2.patch_deployment d
  WHERE d.organization_id = '00000000-0000-4000-8000-0000000000c1'
    AND (d.state, d.state_changed_at) IS DISTINCT FROM
        (SELECT (t.to_state, t.at) FROM iec62443p2.patch_deployment_transition t WHERE t.deployment_id = d.id ORDER BY t.transition_no DESC LIMIT 1) $$,
  'each deployment''s state and time are those of its last transition');
SELECT is_empty($$
  SELECT t.id FROM iec62443p2.patch_deployment_transition t JOIN iec62443p2.patch_deployment d ON d.id = t.deployment_id
  JOIN iec62443p2.patch_approval_route r ON r.code = d.route
  WHERE d.organization_id = '00000000-0000-4000-8000-0000000000c1' AND t.to_state = 'approved'
    AND ((r.approver = 'person' AND t.by_person_id IS DISTINCT FROM '00000000-0000-4000-8000-0000000000c2')
         OR (r.approver = 'system' AND t.by_person_id IS NOT NULL)
         OR (r.needs_schedule AND t.scheduled_for IS NULL)) $$,
  'every approval was made on its route by someone allowed');

-- the reader level reads the views and tables, and records nothing
CREATE ROLE tap_patch_reader;
SELECT iec62443p2.grant_access('tap_patch_reader', 'reader');
SET LOCAL ROLE tap_patch_reader;
SELECT lives_ok($$ SELECT count(*) FROM iec62443p2.patch_deployment_status; SELECT count(*) FROM iec62443p2.patch_rollout;
                   SELECT count(*) FROM iec62443p2.patch_deployment_transition; SELECT count(*) FROM iec62443p2.patch_test_run $$,
  'the reader reads the patch views and the tables beneath them');
SELECT throws_ok($$ INSERT INTO iec62443p2.patch_deployment_transition (organization_id, deployment_id, to_state)
                    SELECT organization_id, id, 'assessed' FROM iec62443p2.patch_deployment LIMIT 1 $$,
  '42501', NULL, 'the reader cannot record a transition');
RESET ROLE;

SELECT * FROM finish();
ROLLBACK;
