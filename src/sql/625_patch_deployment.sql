-- The patch lifecycle (BRIEF 3 and 4.E, issue 5): each patch on each asset moves
-- identified -> assessed -> approved -> tested -> deployed -> verified, or is rolled back.
--
-- The API is the transition log: INSERT INTO patch_deployment_transition (organization_id,
-- deployment_id, to_state, ...) records a transition; triggers check it against the rules (all
-- data: patch_state_transition, the organisation's environments and approval routes), stamp it
-- with the change time (risk_change_time(): iec62443p2.changed_at back-dates imports) and keep
-- patch_deployment's current state.  Validation runs (patch_test_run) gate the rollout through the
-- organisation's environments; a failed one rolls its environment back.  Ordinary triggers: a
-- restore with session_replication_role = replica restores the rows as dumped.

CREATE TABLE @extschema@.patch_state (
  code        text PRIMARY KEY,
  rank        smallint NOT NULL UNIQUE,
  label       text NOT NULL UNIQUE,
  initial     boolean NOT NULL DEFAULT false,
  installed   boolean NOT NULL DEFAULT false,
  deletable   boolean NOT NULL DEFAULT false,
  description text NOT NULL
);
CREATE UNIQUE INDEX patch_state_one_initial ON @extschema@.patch_state (initial) WHERE initial;
COMMENT ON TABLE @extschema@.patch_state IS 'Shipped catalogue: the states of a patch on an asset (patch_deployment.state).';
COMMENT ON COLUMN @extschema@.patch_state.code IS 'State code.';
COMMENT ON COLUMN @extschema@.patch_state.rank IS 'Order along the lifecycle.';
COMMENT ON COLUMN @extschema@.patch_state.label IS 'Human-readable name.';
COMMENT ON COLUMN @extschema@.patch_state.initial IS 'The state every deployment starts in (exactly one).';
COMMENT ON COLUMN @extschema@.patch_state.installed IS
  'The patch is on the asset in this state: a failed validation of the asset''s environment rolls it back.';
COMMENT ON COLUMN @extschema@.patch_state.deletable IS 'A deployment in this state may be deleted (with its transitions): nothing was done yet.';
COMMENT ON COLUMN @extschema@.patch_state.description IS 'What the state means.';

INSERT INTO @extschema@.patch_state (code, rank, label, initial, installed, deletable, description) VALUES
  ('identified', 1, 'Identified', true, false, true, 'The patch applies to the asset (it fixes a vulnerability the asset has).'),
  ('assessed', 2, 'Assessed', false, false, true,
   'Priority band and approval route set from the worst open vulnerability the patch fixes on the asset.'),
  ('approved', 3, 'Approved', false, false, false, 'Approved on the route of its band.'),
  ('tested', 4, 'Tested', false, false, false,
   'The patch passed validation in every environment before the asset''s (in the asset''s own for the first environment).'),
  ('deployed', 5, 'Deployed', false, true, false, 'Installed on the asset.'),
  ('verified', 6, 'Verified', false, true, false,
   'Checked on the asset after installation: the vulnerabilities it fixes there are resolved (patched).'),
  ('rolled_back', 7, 'Rolled back', false, false, false,
   'Removed again (by hand, or because validation of the asset''s environment failed), with the outcome of the rollback.');

CREATE TABLE @extschema@.patch_state_transition (
  from_state              text NOT NULL REFERENCES @extschema@.patch_state (code),
  to_state                text NOT NULL REFERENCES @extschema@.patch_state (code),
  computes_band           boolean NOT NULL DEFAULT false,
  checks_approval         boolean NOT NULL DEFAULT false,
  checks_validation       boolean NOT NULL DEFAULT false,
  checks_rollback_plan    boolean NOT NULL DEFAULT false,
  requires_outcome        boolean NOT NULL DEFAULT false,
  resolves_vulnerabilities boolean NOT NULL DEFAULT false,
  reopens_vulnerabilities boolean NOT NULL DEFAULT false,
  description             text NOT NULL,
  PRIMARY KEY (from_state, to_state),
  CONSTRAINT patch_state_transition_not_self CHECK (from_state <> to_state)
);
CREATE INDEX patch_state_transition_to_state_idx ON @extschema@.patch_state_transition (to_state);
COMMENT ON TABLE @extschema@.patch_state_transition IS
  'Shipped catalogue: the allowed transitions of a patch deployment and the rules each one checks.  Any other '
  'transition is refused (55000).';
COMMENT ON COLUMN @extschema@.patch_state_transition.from_state IS 'State before.';
COMMENT ON COLUMN @extschema@.patch_state_transition.to_state IS 'State after.';
COMMENT ON COLUMN @extschema@.patch_state_transition.computes_band IS
  'Sets band, priority and route from the worst open vulnerability the patch fixes on the asset (refused when there is none).';
COMMENT ON COLUMN @extschema@.patch_state_transition.checks_approval IS
  'Checks the approval route: an allowed person, or the system; a maintenance cycle where the route needs one.';
COMMENT ON COLUMN @extschema@.patch_state_transition.checks_validation IS
  'The patch''s latest validation passed in every environment before the asset''s (in the asset''s own for the first).';
COMMENT ON COLUMN @extschema@.patch_state_transition.checks_rollback_plan IS
  'The patch has a rollback plan when the asset''s environment requires one.';
COMMENT ON COLUMN @extschema@.patch_state_transition.requires_outcome IS 'The rollback''s outcome (succeeded or failed) is required.';
COMMENT ON COLUMN @extschema@.patch_state_transition.resolves_vulnerabilities IS
  'Resolves the asset''s open asset_vulnerability rows of the vulnerabilities the patch fixes (patched).';
COMMENT ON COLUMN @extschema@.patch_state_transition.reopens_vulnerabilities IS
  'Reopens the asset_vulnerability rows the deployment''s verification resolved.';
COMMENT ON COLUMN @extschema@.patch_state_transition.description IS 'The transition in words.';

INSERT INTO @extschema@.patch_state_transition
  (from_state, to_state, computes_band, checks_approval, checks_validation, checks_rollback_plan, requires_outcome,
   resolves_vulnerabilities, reopens_vulnerabilities, description) VALUES
  ('identified', 'assessed', true, false, false, false, false, false, false,
   'Assess: band, priority and route from the worst open vulnerability the patch fixes on the asset; the automatic '
   'route approves at once.'),
  ('assessed', 'approved', false, true, false, false, false, false, false, 'Approve on the route of the band.'),
  ('approved', 'tested', false, false, true, false, false, false, false,
   'Tested: the rollout has reached the asset''s environment.'),
  ('tested', 'deployed', false, false, true, true, false, false, false,
   'Deploy: the rollout still stands, and a rollback plan exists where the environment requires one.'),
  ('deployed', 'verified', false, false, false, false, false, true, false,
   'Verify: the patched vulnerabilities of the asset are resolved.'),
  ('deployed', 'rolled_back', false, false, false, false, true, false, false, 'Roll back a deployment, with the outcome.'),
  ('verified', 'rolled_back', false, false, false, false, true, false, true,
   'Roll back a verified deployment, with the outcome; its vulnerabilities open again.'),
  ('rolled_back', 'tested', false, false, true, false, false, false, false,
   'Retry after a rollback: tested again once the rollout reaches the asset''s environment.');

CREATE TABLE @extschema@.patch_test_run (
  organization_id            uuid NOT NULL REFERENCES @extschema@.organization (id),
  id                         uuid NOT NULL DEFAULT pg_catalog.gen_random_uuid(),
  patch_id                   uuid NOT NULL,
  environment                text NOT NULL,
  started_at                 timestamptz NOT NULL,
  finished_at                timestamptz,
  regression_cases_required  integer NOT NULL CONSTRAINT patch_test_run_required CHECK (regression_cases_required >= 0),
  regression_cases_run       integer NOT NULL DEFAULT 0 CONSTRAINT patch_test_run_run CHECK (regression_cases_run >= 0),
  regression_cases_failed    integer NOT NULL DEFAULT 0 CONSTRAINT patch_test_run_failed CHECK (regression_cases_failed >= 0),
  performance_impact_percent numeric(6,2),
  compatibility_issues       integer NOT NULL DEFAULT 0 CONSTRAINT patch_test_run_compatibility_issues CHECK (compatibility_issues >= 0),
  outcome                    text CONSTRAINT patch_test_run_outcome CHECK (outcome IN ('passed', 'failed')),
  rollback_outcome           text CONSTRAINT patch_test_run_rollback_outcome CHECK (rollback_outcome IN ('succeeded', 'failed')),
  tested_by                  uuid,
  notes                      text,
  created_at                 timestamptz NOT NULL DEFAULT pg_catalog.now(),
  PRIMARY KEY (organization_id, id),
  CONSTRAINT patch_test_run_finished_after_start CHECK (finished_at >= started_at),
  CONSTRAINT patch_test_run_finished_with_outcome CHECK ((finished_at IS NULL) = (outcome IS NULL)),
  CONSTRAINT patch_test_run_failed_not_above_run CHECK (regression_cases_failed <= regression_cases_run),
  CONSTRAINT patch_test_run_passed_complete
    CHECK (outcome IS DISTINCT FROM 'passed' OR (regression_cases_run >= regression_cases_required AND regression_cases_failed = 0)),
  CONSTRAINT patch_test_run_rollback_only_when_failed CHECK (rollback_outcome IS NULL OR outcome = 'failed'),
  FOREIGN KEY (organization_id, patch_id) REFERENCES @extschema@.patch (organization_id, id),
  FOREIGN KEY (organization_id, environment) REFERENCES @extschema@.organization_deployment_environment (organization_id, environment),
  FOREIGN KEY (organization_id, tested_by) REFERENCES @extschema@.person (organization_id, id)
);
CREATE INDEX patch_test_run_patch_idx ON @extschema@.patch_test_run (organization_id, patch_id, environment, finished_at);
CREATE INDEX patch_test_run_environment_idx ON @extschema@.patch_test_run (organization_id, environment);
CREATE INDEX patch_test_run_tested_by_idx ON @extschema@.patch_test_run (organization_id, tested_by);
COMMENT ON TABLE @extschema@.patch_test_run IS
  'Validation runs of a patch in a deployment environment: regression cases, performance impact, compatibility issues, '
  'outcome.  The latest finished run of each environment decides whether the rollout passes it; a failed run rolls '
  'back the patch''s installed deployments of that environment.  A finished run is a record: it cannot be changed '
  'or deleted (record a new run).';
COMMENT ON COLUMN @extschema@.patch_test_run.organization_id IS 'Owning organisation.';
COMMENT ON COLUMN @extschema@.patch_test_run.id IS 'Identifier.';
COMMENT ON COLUMN @extschema@.patch_test_run.patch_id IS 'The patch validated.';
COMMENT ON COLUMN @extschema@.patch_test_run.environment IS 'Environment validated (one the organisation has).';
COMMENT ON COLUMN @extschema@.patch_test_run.started_at IS 'When the run started.';
COMMENT ON COLUMN @extschema@.patch_test_run.finished_at IS 'When it finished (with the outcome); NULL while running.';
COMMENT ON COLUMN @extschema@.patch_test_run.regression_cases_required IS 'Regression test cases the test plan requires.';
COMMENT ON COLUMN @extschema@.patch_test_run.regression_cases_run IS 'Regression test cases run.';
COMMENT ON COLUMN @extschema@.patch_test_run.regression_cases_failed IS 'Regression test cases that failed (at most those run).';
COMMENT ON COLUMN @extschema@.patch_test_run.performance_impact_percent IS
  'Measured change of the performance indicator, in percent (positive: slower or heavier); NULL when not measured.';
COMMENT ON COLUMN @extschema@.patch_test_run.compatibility_issues IS 'Compatibility issues found.';
COMMENT ON COLUMN @extschema@.patch_test_run.outcome IS
  'passed or failed; NULL while running.  passed needs every required case run and none failed.';
COMMENT ON COLUMN @extschema@.patch_test_run.rollback_outcome IS
  'For a failed run: the outcome of rolling back the environment (succeeded or failed); required when the failed run '
  'has deployments to roll back, recorded on each of their rollback transitions.';
COMMENT ON COLUMN @extschema@.patch_test_run.tested_by IS 'Person responsible for the run.';
COMMENT ON COLUMN @extschema@.patch_test_run.notes IS 'Free text: what was tested, issues found.';
COMMENT ON COLUMN @extschema@.patch_test_run.created_at IS 'When the row was created.';

CREATE TABLE @extschema@.patch_deployment (
  organization_id        uuid NOT NULL REFERENCES @extschema@.organization (id),
  id                     uuid NOT NULL DEFAULT pg_catalog.gen_random_uuid(),
  patch_id               uuid NOT NULL,
  asset_id               uuid NOT NULL,
  state                  text NOT NULL DEFAULT 'identified' REFERENCES @extschema@.patch_state (code),
  state_changed_at       timestamptz,
  band                   text REFERENCES @extschema@.patch_priority_band (code),
  priority               numeric(4,1),
  worst_vulnerability_id uuid,
  route                  text REFERENCES @extschema@.patch_approval_route (code),
  approved_by            uuid,
  approved_at            timestamptz,
  scheduled_for          timestamptz,
  notes                  text,
  created_at             timestamptz NOT NULL DEFAULT pg_catalog.now(),
  PRIMARY KEY (organization_id, id),
  UNIQUE (organization_id, patch_id, asset_id),
  FOREIGN KEY (organization_id, patch_id) REFERENCES @extschema@.patch (organization_id, id),
  FOREIGN KEY (organization_id, asset_id) REFERENCES @extschema@.asset (organization_id, id),
  FOREIGN KEY (organization_id, worst_vulnerability_id) REFERENCES @extschema@.vulnerability (organization_id, id),
  FOREIGN KEY (organization_id, approved_by) REFERENCES @extschema@.person (organization_id, id)
);
CREATE INDEX patch_deployment_asset_idx ON @extschema@.patch_deployment (organization_id, asset_id);
CREATE INDEX patch_deployment_worst_vulnerability_idx ON @extschema@.patch_deployment (organization_id, worst_vulnerability_id);
CREATE INDEX patch_deployment_approved_by_idx ON @extschema@.patch_deployment (organization_id, approved_by);
CREATE INDEX patch_deployment_state_idx ON @extschema@.patch_deployment (state);
CREATE INDEX patch_deployment_band_idx ON @extschema@.patch_deployment (band);
CREATE INDEX patch_deployment_route_idx ON @extschema@.patch_deployment (route);
COMMENT ON TABLE @extschema@.patch_deployment IS
  'One patch on one asset: its current state in the lifecycle and what its assessment and approval decided.  Insert '
  'the (patch, asset) pair (or call patch_identify_deployments); move it with patch_deployment_transition.  State, band, '
  'priority, route and approval are kept by the triggers and cannot be updated directly.';
COMMENT ON COLUMN @extschema@.patch_deployment.organization_id IS 'Owning organisation.';
COMMENT ON COLUMN @extschema@.patch_deployment.id IS 'Identifier.';
COMMENT ON COLUMN @extschema@.patch_deployment.patch_id IS 'The patch.';
COMMENT ON COLUMN @extschema@.patch_deployment.asset_id IS 'The asset.';
COMMENT ON COLUMN @extschema@.patch_deployment.state IS
  'Current state (patch_state): identified, assessed, approved, tested, deployed, verified or rolled_back.';
COMMENT ON COLUMN @extschema@.patch_deployment.state_changed_at IS 'Time of the last transition.';
COMMENT ON COLUMN @extschema@.patch_deployment.band IS
  'Priority band set at assessment: patch_decision of the worst open vulnerability the patch fixes on the asset, with '
  'the asset''s effective criticality, requirements and zone exposure and the organisation''s parameters.';
COMMENT ON COLUMN @extschema@.patch_deployment.priority IS 'patch_priority (0..100) of that vulnerability at assessment.';
COMMENT ON COLUMN @extschema@.patch_deployment.worst_vulnerability_id IS 'The vulnerability that set band and priority.';
COMMENT ON COLUMN @extschema@.patch_deployment.route IS 'Approval route of the band at assessment (patch_approval_route_setting).';
COMMENT ON COLUMN @extschema@.patch_deployment.approved_by IS 'Person who approved; NULL when the system approved (automatic or scheduled route).';
COMMENT ON COLUMN @extschema@.patch_deployment.approved_at IS 'When it was approved.';
COMMENT ON COLUMN @extschema@.patch_deployment.scheduled_for IS 'Start of the maintenance cycle the approval placed it in (scheduled route).';
COMMENT ON COLUMN @extschema@.patch_deployment.notes IS 'Free text.';
COMMENT ON COLUMN @extschema@.patch_deployment.created_at IS 'When the row was created.';

CREATE TABLE @extschema@.patch_deployment_transition (
  organization_id  uuid NOT NULL REFERENCES @extschema@.organization (id),
  id               uuid NOT NULL DEFAULT pg_catalog.gen_random_uuid(),
  deployment_id    uuid NOT NULL,
  transition_no    bigint NOT NULL GENERATED BY DEFAULT AS IDENTITY,
  from_state       text,
  to_state         text NOT NULL REFERENCES @extschema@.patch_state (code),
  environment      text REFERENCES @extschema@.deployment_environment (code),
  at               timestamptz NOT NULL,
  by_person_id     uuid,
  recorded_by      text NOT NULL,
  note             text,
  rollback_outcome text CONSTRAINT patch_deployment_transition_rollback_outcome CHECK (rollback_outcome IN ('succeeded', 'failed')),
  scheduled_for    timestamptz,
  test_run_id      uuid,
  PRIMARY KEY (organization_id, id),
  CONSTRAINT patch_deployment_transition_outcome_on_rollback CHECK ((rollback_outcome IS NULL) = (to_state <> 'rolled_back')),
  -- the allowed transitions are the catalogue's (the first, to the initial state, has no from_state)
  FOREIGN KEY (from_state, to_state) REFERENCES @extschema@.patch_state_transition (from_state, to_state),
  FOREIGN KEY (organization_id, deployment_id) REFERENCES @extschema@.patch_deployment (organization_id, id) ON DELETE CASCADE,
  FOREIGN KEY (organization_id, by_person_id) REFERENCES @extschema@.person (organization_id, id),
  FOREIGN KEY (organization_id, test_run_id) REFERENCES @extschema@.patch_test_run (organization_id, id)
);
CREATE INDEX patch_deployment_transition_deployment_idx
  ON @extschema@.patch_deployment_transition (organization_id, deployment_id, at, transition_no);
CREATE INDEX patch_deployment_transition_states_idx ON @extschema@.patch_deployment_transition (from_state, to_state);
CREATE INDEX patch_deployment_transition_to_state_idx ON @extschema@.patch_deployment_transition (to_state, at);
CREATE INDEX patch_deployment_transition_environment_idx ON @extschema@.patch_deployment_transition (environment);
CREATE INDEX patch_deployment_transition_by_person_idx ON @extschema@.patch_deployment_transition (organization_id, by_person_id);
CREATE INDEX patch_deployment_transition_test_run_idx ON @extschema@.patch_deployment_transition (organization_id, test_run_id);
COMMENT ON TABLE @extschema@.patch_deployment_transition IS
  'Every transition of every patch deployment, in order: the lifecycle''s events (identified, assessed, approved, '
  'tested, deployed, verified, rolled_back) with their times.  Insert organization_id, deployment_id, to_state and '
  'what the transition needs (by_person_id, note, rollback_outcome, scheduled_for); the trigger checks the rules, '
  'fills the rest and stamps the time (risk_change_time(): set iec62443p2.changed_at to back-date an import).  '
  'Transitions cannot be changed or deleted.';
COMMENT ON COLUMN @extschema@.patch_deployment_transition.organization_id IS 'Owning organisation.';
COMMENT ON COLUMN @extschema@.patch_deployment_transition.id IS 'Identifier.';
COMMENT ON COLUMN @extschema@.patch_deployment_transition.deployment_id IS 'The deployment (patch on asset).';
COMMENT ON COLUMN @extschema@.patch_deployment_transition.transition_no IS 'Order of recording (orders transitions at the same time).';
COMMENT ON COLUMN @extschema@.patch_deployment_transition.from_state IS 'State before (set by the trigger); NULL for the first, to identified.';
COMMENT ON COLUMN @extschema@.patch_deployment_transition.to_state IS 'State after.';
COMMENT ON COLUMN @extschema@.patch_deployment_transition.environment IS 'The asset''s environment at the transition (set by the trigger).';
COMMENT ON COLUMN @extschema@.patch_deployment_transition.at IS
  'When the transition took effect (set by the trigger: now(), or iec62443p2.changed_at); never before the previous one.';
COMMENT ON COLUMN @extschema@.patch_deployment_transition.by_person_id IS
  'Person who made or approved the transition; NULL for the system (automatic approval, rollback by failed validation).';
COMMENT ON COLUMN @extschema@.patch_deployment_transition.recorded_by IS 'Database user, or iec62443p2.changed_by for imports.';
COMMENT ON COLUMN @extschema@.patch_deployment_transition.note IS 'Free text.';
COMMENT ON COLUMN @extschema@.patch_deployment_transition.rollback_outcome IS
  'For rolled_back (required there, only there): succeeded or failed.';
COMMENT ON COLUMN @extschema@.patch_deployment_transition.scheduled_for IS
  'For an approval on a route that needs a schedule: start of the maintenance cycle the deployment is placed in.';
COMMENT ON COLUMN @extschema@.patch_deployment_transition.test_run_id IS
  'The validation run the transition relied on (tested, deployed) or that caused it (rollback by failed validation).';

-- ---- the rollout gate ----

CREATE FUNCTION @extschema@.patch_rollout_gate(organization_id uuid, patch_id uuid, environment text,
                                               at timestamptz DEFAULT pg_catalog.now())
RETURNS TABLE (open boolean, blocked_in text, reason text, test_run_id uuid)
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  pos smallint;
  first_pos smallint;
  e record;
  r record;
  last_run uuid;
BEGIN
  SELECT x.position INTO pos FROM @extschema@.organization_deployment_environment x
  WHERE x.organization_id = patch_rollout_gate.organization_id AND x.environment = patch_rollout_gate.environment;
  IF pos IS NULL THEN
    RETURN QUERY SELECT false, patch_rollout_gate.environment, 'the organisation has no environment ' || patch_rollout_gate.environment, NULL::uuid;
    RETURN;
  END IF;
  SELECT pg_catalog.min(x.position) INTO first_pos FROM @extschema@.organization_deployment_environment x
  WHERE x.organization_id = patch_rollout_gate.organization_id;
  -- the environments whose latest validation must have passed: every one before, or the first itself
  FOR e IN
    SELECT x.environment FROM @extschema@.organization_deployment_environment x
    WHERE x.organization_id = patch_rollout_gate.organization_id
      AND (x.position < pos OR (pos = first_pos AND x.position = pos))
    ORDER BY x.position
  LOOP
    SELECT t.id, t.outcome, t.finished_at INTO r
    FROM @extschema@.patch_test_run t
    WHERE t.organization_id = patch_rollout_gate.organization_id AND t.patch_id = patch_rollout_gate.patch_id
      AND t.environment = e.environment AND t.finished_at <= patch_rollout_gate.at
    ORDER BY t.finished_at DESC, (t.outcome = 'failed') DESC, t.id
    LIMIT 1;
    IF NOT FOUND THEN
      RETURN QUERY SELECT false, e.environment::text, 'no finished validation in ' || e.environment, NULL::uuid;
      RETURN;
    ELSIF r.outcome <> 'passed' THEN
      RETURN QUERY SELECT false, e.environment::text,
        'the latest validation in ' || e.environment || ' (finished ' || r.finished_at::text || ') failed', r.id;
      RETURN;
    END IF;
    last_run := r.id;
  END LOOP;
  RETURN QUERY SELECT true, NULL::text, NULL::text, last_run;
END
$$;
COMMENT ON FUNCTION @extschema@.patch_rollout_gate(uuid, uuid, text, timestamptz) IS
  'Whether the rollout of a patch has reached an environment at a time: the latest validation (patch_test_run finished '
  'by then) passed in every environment the organisation has before it (skipping those it lacks), or, for its first '
  'environment, in that environment itself.  Returns open, the first environment that blocks and why, and the run '
  'relied on (the latest passed run of the environment just before).';

-- ---- triggers ----

CREATE FUNCTION @extschema@.patch_deployment_guard()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  d_state text;
BEGIN
  IF TG_OP = 'INSERT' THEN
    IF NEW.state IS DISTINCT FROM (SELECT s.code FROM @extschema@.patch_state s WHERE s.initial) THEN
      RAISE EXCEPTION 'patch_deployment: a deployment starts in state identified, not %', NEW.state
        USING ERRCODE = 'object_not_in_prerequisite_state',
              HINT = 'Insert the deployment, then record its transitions in patch_deployment_transition.';
    END IF;
    NEW.band := NULL; NEW.priority := NULL; NEW.worst_vulnerability_id := NULL; NEW.route := NULL;
    NEW.approved_by := NULL; NEW.approved_at := NULL; NEW.scheduled_for := NULL;
    NEW.state_changed_at := @extschema@.risk_change_time();
    NEW.created_at := NEW.state_changed_at;
    RETURN NEW;
  ELSIF TG_OP = 'UPDATE' THEN
    -- the transition trigger keeps these columns (it runs nested); a statement of the user may not
    IF pg_catalog.pg_trigger_depth() < 2
       AND (NEW.organization_id, NEW.patch_id, NEW.asset_id, NEW.state, NEW.state_changed_at, NEW.band, NEW.priority,
            NEW.worst_vulnerability_id, NEW.route, NEW.approved_by, NEW.approved_at, NEW.scheduled_for, NEW.created_at)
           IS DISTINCT FROM
           (OLD.organization_id, OLD.patch_id, OLD.asset_id, OLD.state, OLD.state_changed_at, OLD.band, OLD.priority,
            OLD.worst_vulnerability_id, OLD.route, OLD.approved_by, OLD.approved_at, OLD.scheduled_for, OLD.created_at) THEN
      RAISE EXCEPTION 'patch_deployment: only notes can be updated; state, band, route and approval follow the transitions'
        USING ERRCODE = 'object_not_in_prerequisite_state',
              HINT = 'Insert a row into patch_deployment_transition to move a deployment.';
    END IF;
    RETURN NEW;
  ELSE
    SELECT s.code INTO d_state FROM @extschema@.patch_state s WHERE s.code = OLD.state AND s.deletable;
    IF d_state IS NULL THEN
      RAISE EXCEPTION 'patch_deployment: a deployment in state % cannot be deleted', OLD.state
        USING ERRCODE = 'object_not_in_prerequisite_state',
              HINT = 'Only deployments not yet approved can be deleted; its transitions are the record.';
    END IF;
    RETURN OLD;
  END IF;
END
$$;
COMMENT ON FUNCTION @extschema@.patch_deployment_guard() IS
  'Trigger function: a deployment starts identified (its maintained columns empty); only notes may be updated by a '
  'statement; only a deployment in a deletable state (identified, assessed) may be deleted (55000).';

CREATE TRIGGER patch_deployment_guard BEFORE INSERT OR UPDATE OR DELETE ON @extschema@.patch_deployment
  FOR EACH ROW EXECUTE FUNCTION @extschema@.patch_deployment_guard();

CREATE FUNCTION @extschema@.patch_deployment_after_insert()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
  INSERT INTO @extschema@.patch_deployment_transition (organization_id, deployment_id, to_state, at)
  VALUES (NEW.organization_id, NEW.id, NEW.state, NEW.state_changed_at);
  RETURN NULL;
END
$$;
COMMENT ON FUNCTION @extschema@.patch_deployment_after_insert() IS
  'Trigger function: records the first transition of a new deployment (to identified, at its creation time).';

CREATE TRIGGER patch_deployment_after_insert AFTER INSERT ON @extschema@.patch_deployment
  FOR EACH ROW EXECUTE FUNCTION @extschema@.patch_deployment_after_insert();

CREATE FUNCTION @extschema@.patch_deployment_transition_check()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  d @extschema@.patch_deployment;
  p @extschema@.patch;
  a @extschema@.asset;
  rule @extschema@.patch_state_transition;
  rt @extschema@.patch_approval_route;
  env @extschema@.organization_deployment_environment;
  g record;
  w record;
  last_at timestamptz;
  verified_at timestamptz;
  allowed text;
  internal boolean := pg_catalog.pg_trigger_depth() > 1;
BEGIN
  IF TG_OP <> 'INSERT' THEN
    IF internal AND TG_OP = 'DELETE' THEN
      RETURN OLD;   -- the deployment is deleted (allowed only before approval), its transitions with it
    END IF;
    RAISE EXCEPTION 'patch_deployment_transition: transitions are a record and cannot be %',
      CASE TG_OP WHEN 'UPDATE' THEN 'changed' ELSE 'deleted' END
      USING ERRCODE = 'object_not_in_prerequisite_state', HINT = 'Record a new transition instead.';
  END IF;

  SELECT * INTO d FROM @extschema@.patch_deployment x
  WHERE x.organization_id = NEW.organization_id AND x.id = NEW.deployment_id FOR UPDATE;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'patch_deployment_transition: deployment % does not exist in the organisation', NEW.deployment_id
      USING ERRCODE = 'foreign_key_violation';
  END IF;
  SELECT * INTO p FROM @extschema@.patch x WHERE x.organization_id = d.organization_id AND x.id = d.patch_id;
  SELECT * INTO a FROM @extschema@.asset x WHERE x.organization_id = d.organization_id AND x.id = d.asset_id;
  SELECT * INTO env FROM @extschema@.organization_deployment_environment x
  WHERE x.organization_id = a.organization_id AND x.environment = a.environment;

  -- who and when: the system's own transitions (automatic approval, rollbacks) bring their time
  IF NOT internal OR NEW.at IS NULL THEN
    NEW.at := @extschema@.risk_change_time();
  END IF;
  NEW.recorded_by := coalesce(NULLIF(pg_catalog.current_setting('iec62443p2.changed_by', true), ''), CURRENT_USER::text);
  NEW.environment := a.environment;
  IF NOT internal THEN
    NEW.test_run_id := NULL;
  END IF;

  SELECT pg_catalog.max(t.at) INTO last_at FROM @extschema@.patch_deployment_transition t
  WHERE t.organization_id = d.organization_id AND t.deployment_id = d.id;
  IF last_at IS NULL THEN
    -- the first transition, written when the deployment is inserted
    IF NOT internal OR NEW.to_state <> d.state THEN
      RAISE EXCEPTION 'patch_deployment_transition: patch % on asset %: the first transition is recorded with the deployment', p.code, a.tag
        USING ERRCODE = 'object_not_in_prerequisite_state';
    END IF;
    NEW.from_state := NULL;
    RETURN NEW;
  END IF;

  NEW.from_state := d.state;
  SELECT * INTO rule FROM @extschema@.patch_state_transition x WHERE x.from_state = d.state AND x.to_state = NEW.to_state;
  IF NOT FOUND THEN
    SELECT pg_catalog.string_agg(x.to_state, ', ' ORDER BY s.rank) INTO allowed
    FROM @extschema@.patch_state_transition x JOIN @extschema@.patch_state s ON s.code = x.to_state
    WHERE x.from_state = d.state;
    IF NOT EXISTS (SELECT 1 FROM @extschema@.patch_state s WHERE s.code = NEW.to_state) THEN
      RAISE EXCEPTION 'patch_deployment_transition: patch % on asset %: unknown state "%"', p.code, a.tag, NEW.to_state
        USING ERRCODE = 'invalid_parameter_value',
              HINT = 'States: identified, assessed, approved, tested, deployed, verified, rolled_back (patch_state).';
    END IF;
    RAISE EXCEPTION 'patch_deployment_transition: patch % on asset %: % -> % is not allowed', p.code, a.tag, d.state, NEW.to_state
      USING ERRCODE = 'object_not_in_prerequisite_state',
            HINT = CASE WHEN allowed IS NULL THEN pg_catalog.format('No transition leaves %s.', d.state)
                        ELSE pg_catalog.format('From %s the deployment may move to: %s.', d.state, allowed) END;
  END IF;

  IF NEW.at < last_at THEN
    RAISE EXCEPTION 'patch_deployment_transition: patch % on asset %: % -> % at % is before the previous transition at %',
      p.code, a.tag, d.state, NEW.to_state, NEW.at, last_at
      USING ERRCODE = 'invalid_parameter_value', HINT = 'Record (import) the transitions of a deployment in time order.';
  END IF;
  IF NEW.rollback_outcome IS NOT NULL AND NOT rule.requires_outcome THEN
    RAISE EXCEPTION 'patch_deployment_transition: patch % on asset %: a rollback outcome belongs to a rollback, not to % -> %',
      p.code, a.tag, d.state, NEW.to_state
      USING ERRCODE = 'invalid_parameter_value';
  END IF;
  IF rule.requires_outcome AND NEW.rollback_outcome IS NULL THEN
    RAISE EXCEPTION 'patch_deployment_transition: patch % on asset %: % -> % needs the rollback''s outcome',
      p.code, a.tag, d.state, NEW.to_state
      USING ERRCODE = 'invalid_parameter_value', HINT = 'Set rollback_outcome to succeeded or failed.';
  END IF;
  IF NEW.scheduled_for IS NOT NULL AND NOT rule.checks_approval THEN
    RAISE EXCEPTION 'patch_deployment_transition: patch % on asset %: scheduled_for belongs to an approval, not to % -> %',
      p.code, a.tag, d.state, NEW.to_state
      USING ERRCODE = 'invalid_parameter_value';
  END IF;

  IF rule.computes_band THEN
    -- the worst open vulnerability (highest priority) the patch fixes on the asset, open at the transition time
    SELECT v.id,
           @extschema@.patch_priority(x.vector, v.epss, v.kev, x.criticality, a.safety_related, x.exposure, x.compensated, x.parameters) AS priority,
           @extschema@.patch_decision(x.vector, v.epss, v.kev, x.criticality, a.safety_related, x.exposure, x.compensated, x.parameters) AS band
    INTO w
    FROM @extschema@.patch_vulnerability pv
    JOIN @extschema@.asset_vulnerability av
      ON av.organization_id = pv.organization_id AND av.vulnerability_id = pv.vulnerability_id AND av.asset_id = a.id
    JOIN @extschema@.vulnerability v ON v.organization_id = pv.organization_id AND v.id = pv.vulnerability_id
    CROSS JOIN LATERAL (
      SELECT @extschema@.cvss_with_requirements(v.cvss, a.confidentiality_requirement, a.integrity_requirement,
                                                a.availability_requirement) AS vector,
             @extschema@.asset_effective_criticality(a.organization_id, a.id)::integer AS criticality,
             (SELECT xs.ssvc_system_exposure FROM @extschema@.zone z
              JOIN @extschema@.zone_exposure_setting xs ON xs.organization_id = z.organization_id AND xs.exposure = z.exposure
              WHERE z.organization_id = a.organization_id AND z.id = a.zone_id) AS exposure,
             @extschema@.patch_priority_parameters(a.organization_id) AS parameters,
             -- an approved exception's compensating controls count, as in patch_queue
             @extschema@.exception_covers(a.organization_id, a.id, v.id, NEW.at) AS compensated) x
    WHERE pv.organization_id = d.organization_id AND pv.patch_id = d.patch_id
      AND av.detected_at <= NEW.at AND (av.resolved_at IS NULL OR av.resolved_at > NEW.at)
    -- an affected finding decides; an undetermined one only when a person created the deployment
    -- for it (patch_identify_deployments identifies affected findings only)
    ORDER BY av.applicability = 'affected' DESC, 2 DESC, v.cve_id
    LIMIT 1;
    IF NOT FOUND THEN
      RAISE EXCEPTION 'patch_deployment_transition: patch % on asset %: % -> %: the patch fixes no open vulnerability of the asset',
        p.code, a.tag, d.state, NEW.to_state
        USING ERRCODE = 'object_not_in_prerequisite_state',
              HINT = 'List what the patch fixes in patch_vulnerability; the asset''s open ones are in asset_vulnerability.';
    END IF;
    UPDATE @extschema@.patch_deployment x
    SET band = w.band, priority = w.priority, worst_vulnerability_id = w.id,
        route = (SELECT s.route FROM @extschema@.patch_approval_route_setting s
                 WHERE s.organization_id = d.organization_id AND s.band = w.band)
    WHERE x.organization_id = d.organization_id AND x.id = d.id
    RETURNING * INTO d;
    IF d.route IS NULL THEN
      RAISE EXCEPTION 'patch_deployment_transition: patch % on asset %: the organisation has no approval route for band %',
        p.code, a.tag, w.band
        USING ERRCODE = 'object_not_in_prerequisite_state', HINT = 'Add the band to patch_approval_route_setting.';
    END IF;
  END IF;

  IF rule.checks_approval THEN
    SELECT * INTO rt FROM @extschema@.patch_approval_route x WHERE x.code = d.route;
    IF rt.approver = 'system' AND NOT internal THEN
      RAISE EXCEPTION 'patch_deployment_transition: patch % on asset %: route % is approved by the system at assessment',
        p.code, a.tag, d.route
        USING ERRCODE = 'object_not_in_prerequisite_state';
    END IF;
    IF rt.approver = 'person' AND NEW.by_person_id IS NULL THEN
      RAISE EXCEPTION 'patch_deployment_transition: patch % on asset %: band % needs % approval: by_person_id is required',
        p.code, a.tag, d.band, d.route
        USING ERRCODE = 'invalid_parameter_value', HINT = 'Name an approver listed in patch_approver for the route.';
    END IF;
    IF NEW.by_person_id IS NOT NULL AND NOT EXISTS (
         SELECT 1 FROM @extschema@.patch_approver x
         JOIN @extschema@.person pe ON pe.organization_id = x.organization_id AND pe.id = x.person_id
         WHERE x.organization_id = d.organization_id AND x.person_id = NEW.by_person_id AND x.route = d.route AND pe.active) THEN
      RAISE EXCEPTION 'patch_deployment_transition: patch % on asset %: % may not approve on route %',
        p.code, a.tag,
        coalesce((SELECT pe.full_name FROM @extschema@.person pe
                  WHERE pe.organization_id = d.organization_id AND pe.id = NEW.by_person_id), NEW.by_person_id::text),
        d.route
        USING ERRCODE = 'invalid_parameter_value', HINT = 'Approvers are listed per route in patch_approver (active people only).';
    END IF;
    IF rt.needs_schedule AND NEW.scheduled_for IS NULL THEN
      RAISE EXCEPTION 'patch_deployment_transition: patch % on asset %: route % approves by placing it in a maintenance cycle: scheduled_for is required',
        p.code, a.tag, d.route
        USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF NEW.scheduled_for < NEW.at THEN
      RAISE EXCEPTION 'patch_deployment_transition: patch % on asset %: scheduled_for % is before the approval at %',
        p.code, a.tag, NEW.scheduled_for, NEW.at
        USING ERRCODE = 'invalid_parameter_value';
    END IF;
  END IF;

  IF rule.checks_validation THEN
    -- one writer of a patch's rollout at a time: a validation failing concurrently is seen, or sees this deployment
    PERFORM pg_catalog.pg_advisory_xact_lock(pg_catalog.hashtextextended(
      'iec62443p2.patch_rollout/' || d.organization_id::text || '/' || d.patch_id::text, 0));
    SELECT * INTO g FROM @extschema@.patch_rollout_gate(d.organization_id, d.patch_id, a.environment, NEW.at);
    IF NOT g.open THEN
      RAISE EXCEPTION 'patch_deployment_transition: patch % on asset %: % -> % in %: the rollout has not reached %: %',
        p.code, a.tag, d.state, NEW.to_state, a.environment, a.environment, g.reason
        USING ERRCODE = 'object_not_in_prerequisite_state',
              HINT = pg_catalog.format('Record a passed validation of the patch in %s (patch_test_run).', g.blocked_in);
    END IF;
    NEW.test_run_id := g.test_run_id;
  END IF;

  IF rule.checks_rollback_plan AND env.requires_rollback_plan AND pg_catalog.btrim(coalesce(p.rollback_plan, '')) = '' THEN
    RAISE EXCEPTION 'patch_deployment_transition: patch % on asset %: % -> % in %: the patch has no rollback plan',
      p.code, a.tag, d.state, NEW.to_state, a.environment
      USING ERRCODE = 'object_not_in_prerequisite_state',
            HINT = pg_catalog.format('Environment %s requires one: write patch.rollback_plan first.', a.environment);
  END IF;

  IF rule.resolves_vulnerabilities THEN
    UPDATE @extschema@.asset_vulnerability av SET resolved_at = NEW.at, resolution = 'patched'
    FROM @extschema@.patch_vulnerability pv
    WHERE pv.organization_id = d.organization_id AND pv.patch_id = d.patch_id
      AND av.organization_id = d.organization_id AND av.asset_id = d.asset_id AND av.vulnerability_id = pv.vulnerability_id
      AND av.resolved_at IS NULL AND av.detected_at <= NEW.at;
  END IF;
  IF rule.reopens_vulnerabilities THEN
    SELECT pg_catalog.max(t.at) INTO verified_at FROM @extschema@.patch_deployment_transition t
    WHERE t.organization_id = d.organization_id AND t.deployment_id = d.id AND t.to_state = d.state;
    UPDATE @extschema@.asset_vulnerability av SET resolved_at = NULL, resolution = NULL
    FROM @extschema@.patch_vulnerability pv
    WHERE pv.organization_id = d.organization_id AND pv.patch_id = d.patch_id
      AND av.organization_id = d.organization_id AND av.asset_id = d.asset_id AND av.vulnerability_id = pv.vulnerability_id
      AND av.resolution = 'patched' AND av.resolved_at = verified_at;
  END IF;

  UPDATE @extschema@.patch_deployment x
  SET state = NEW.to_state, state_changed_at = NEW.at,
      approved_by = CASE WHEN rule.checks_approval THEN NEW.by_person_id ELSE x.approved_by END,
      approved_at = CASE WHEN rule.checks_approval THEN NEW.at ELSE x.approved_at END,
      scheduled_for = CASE WHEN rule.checks_approval THEN NEW.scheduled_for ELSE x.scheduled_for END
  WHERE x.organization_id = d.organization_id AND x.id = d.id;
  RETURN NEW;
END
$$;
COMMENT ON FUNCTION @extschema@.patch_deployment_transition_check() IS
  'Trigger function: checks a new transition against patch_state_transition and the rules it names (band from the '
  'worst open vulnerability, approval route, rollout gate, rollback plan), refusing with 55000 (not allowed in the '
  'current state) or 22023 (a bad value: approver, outcome, schedule, time before the previous transition); stamps '
  'the time; keeps patch_deployment and resolves or reopens the asset''s vulnerabilities.  Transitions cannot be '
  'updated or deleted.';

CREATE TRIGGER patch_deployment_transition_check BEFORE INSERT OR UPDATE OR DELETE ON @extschema@.patch_deployment_transition
  FOR EACH ROW EXECUTE FUNCTION @extschema@.patch_deployment_transition_check();

CREATE FUNCTION @extschema@.patch_deployment_transition_after()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
  -- the automatic route: approved by the system the moment the deployment is assessed
  IF EXISTS (SELECT 1 FROM @extschema@.patch_state_transition x
             WHERE x.from_state = NEW.from_state AND x.to_state = NEW.to_state AND x.computes_band)
     AND EXISTS (SELECT 1 FROM @extschema@.patch_deployment d
                 JOIN @extschema@.patch_approval_route r ON r.code = d.route
                 WHERE d.organization_id = NEW.organization_id AND d.id = NEW.deployment_id AND r.on_assessment) THEN
    INSERT INTO @extschema@.patch_deployment_transition (organization_id, deployment_id, to_state, at, note)
    SELECT NEW.organization_id, NEW.deployment_id, x.to_state, NEW.at, 'automatic approval on assessment'
    FROM @extschema@.patch_state_transition x
    WHERE x.from_state = NEW.to_state AND x.checks_approval;
  END IF;
  RETURN NULL;
END
$$;
COMMENT ON FUNCTION @extschema@.patch_deployment_transition_after() IS
  'Trigger function: a deployment assessed into a band whose route approves on assessment (automatic) is approved by '
  'the system at the same time (a transition without a person).';

CREATE TRIGGER patch_deployment_transition_after AFTER INSERT ON @extschema@.patch_deployment_transition
  FOR EACH ROW EXECUTE FUNCTION @extschema@.patch_deployment_transition_after();

CREATE FUNCTION @extschema@.patch_test_run_check()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  patch_code text;
  to_roll integer;
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.outcome IS NOT NULL THEN
    IF TG_OP = 'DELETE'
       OR (NEW.organization_id, NEW.patch_id, NEW.environment, NEW.started_at, NEW.finished_at, NEW.outcome,
           NEW.rollback_outcome, NEW.regression_cases_required, NEW.regression_cases_run, NEW.regression_cases_failed,
           NEW.performance_impact_percent, NEW.compatibility_issues)
          IS DISTINCT FROM
          (OLD.organization_id, OLD.patch_id, OLD.environment, OLD.started_at, OLD.finished_at, OLD.outcome,
           OLD.rollback_outcome, OLD.regression_cases_required, OLD.regression_cases_run, OLD.regression_cases_failed,
           OLD.performance_impact_percent, OLD.compatibility_issues) THEN
      SELECT p.code INTO patch_code FROM @extschema@.patch p WHERE p.organization_id = OLD.organization_id AND p.id = OLD.patch_id;
      RAISE EXCEPTION 'patch_test_run: the finished % validation of patch % in % cannot be %',
        OLD.outcome, patch_code, OLD.environment, CASE TG_OP WHEN 'DELETE' THEN 'deleted' ELSE 'changed' END
        USING ERRCODE = 'object_not_in_prerequisite_state', HINT = 'Record a new run; only notes and tested_by may change.';
    END IF;
  END IF;
  IF TG_OP = 'DELETE' THEN
    RETURN OLD;
  END IF;
  IF NEW.outcome IS NOT NULL AND (TG_OP = 'INSERT' OR OLD.outcome IS NULL) THEN
    -- serialised with the deployments it gates or rolls back (see patch_deployment_transition_check)
    PERFORM pg_catalog.pg_advisory_xact_lock(pg_catalog.hashtextextended(
      'iec62443p2.patch_rollout/' || NEW.organization_id::text || '/' || NEW.patch_id::text, 0));
  END IF;
  IF NEW.outcome = 'failed' AND (TG_OP = 'INSERT' OR OLD.outcome IS NULL) THEN
    SELECT pg_catalog.count(*) INTO to_roll
    FROM @extschema@.patch_deployment d
    JOIN @extschema@.asset a ON a.organization_id = d.organization_id AND a.id = d.asset_id
    JOIN @extschema@.patch_state s ON s.code = d.state
    WHERE d.organization_id = NEW.organization_id AND d.patch_id = NEW.patch_id AND a.environment = NEW.environment
      AND s.installed AND d.state_changed_at <= NEW.finished_at;
    IF to_roll > 0 AND NEW.rollback_outcome IS NULL THEN
      SELECT p.code INTO patch_code FROM @extschema@.patch p WHERE p.organization_id = NEW.organization_id AND p.id = NEW.patch_id;
      RAISE EXCEPTION 'patch_test_run: the failed validation of patch % in % rolls back % deployment(s): rollback_outcome is required',
        patch_code, NEW.environment, to_roll
        USING ERRCODE = 'invalid_parameter_value', HINT = 'Set rollback_outcome to succeeded or failed.';
    END IF;
  END IF;
  RETURN NEW;
END
$$;
COMMENT ON FUNCTION @extschema@.patch_test_run_check() IS
  'Trigger function: a finished run cannot be changed (but for notes and tested_by) or deleted (55000); a failed run '
  'that has deployments to roll back needs rollback_outcome (22023).';

CREATE TRIGGER patch_test_run_check BEFORE INSERT OR UPDATE OR DELETE ON @extschema@.patch_test_run
  FOR EACH ROW EXECUTE FUNCTION @extschema@.patch_test_run_check();

CREATE FUNCTION @extschema@.patch_test_run_rollback()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
  IF NEW.outcome = 'failed' AND (TG_OP = 'INSERT' OR OLD.outcome IS NULL) THEN
    -- the environment's installed deployments of the patch (installed by the time the run finished) roll back
    INSERT INTO @extschema@.patch_deployment_transition
      (organization_id, deployment_id, to_state, at, rollback_outcome, test_run_id, note)
    SELECT d.organization_id, d.id, x.to_state, NEW.finished_at, NEW.rollback_outcome, NEW.id,
           'validation in ' || NEW.environment || ' failed'
    FROM @extschema@.patch_deployment d
    JOIN @extschema@.asset a ON a.organization_id = d.organization_id AND a.id = d.asset_id
    JOIN @extschema@.patch_state s ON s.code = d.state
    JOIN @extschema@.patch_state_transition x ON x.from_state = d.state AND x.requires_outcome
    WHERE d.organization_id = NEW.organization_id AND d.patch_id = NEW.patch_id AND a.environment = NEW.environment
      AND s.installed AND d.state_changed_at <= NEW.finished_at
    ORDER BY a.tag;
  END IF;
  RETURN NULL;
END
$$;
COMMENT ON FUNCTION @extschema@.patch_test_run_rollback() IS
  'Trigger function: a failed validation rolls back the patch''s installed (deployed, verified) deployments in the '
  'run''s environment, at the run''s finish time, with the run''s rollback outcome; later environments stay closed '
  'until a new run passes (patch_rollout_gate).';

CREATE TRIGGER patch_test_run_rollback AFTER INSERT OR UPDATE OF outcome ON @extschema@.patch_test_run
  FOR EACH ROW EXECUTE FUNCTION @extschema@.patch_test_run_rollback();

CREATE FUNCTION @extschema@.patch_identify_deployments(organization_id uuid, patch_id uuid)
RETURNS integer
LANGUAGE plpgsql VOLATILE STRICT
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  n integer;
BEGIN
  INSERT INTO @extschema@.patch_deployment (organization_id, patch_id, asset_id)
  SELECT DISTINCT av.organization_id, pv.patch_id, av.asset_id
  FROM @extschema@.patch_vulnerability pv
  JOIN @extschema@.asset_vulnerability av ON av.organization_id = pv.organization_id AND av.vulnerability_id = pv.vulnerability_id
  WHERE pv.organization_id = patch_identify_deployments.organization_id AND pv.patch_id = patch_identify_deployments.patch_id
    AND av.resolved_at IS NULL
    AND (av.applicability = 'affected'
         OR EXISTS (SELECT 1 FROM @extschema@.asset_vulnerability_review r
                    WHERE r.organization_id = av.organization_id AND r.asset_vulnerability_id = av.id AND r.verdict = 'affected'))
  ON CONFLICT DO NOTHING;
  GET DIAGNOSTICS n = ROW_COUNT;
  RETURN n;
END
$$;
COMMENT ON FUNCTION @extschema@.patch_identify_deployments(uuid, uuid) IS
  'Creates the deployments (identified) of a patch on every asset with an open affected vulnerability it fixes '
  '(matched by version, or decided by a person: asset_vulnerability_review), skipping those that exist; returns how '
  'many it created.';

INSERT INTO @extschema@.object_access_class (object_name, object_class) VALUES
  ('patch_state', 'catalog'),
  ('patch_state_transition', 'catalog'),
  ('patch_test_run', 'program'),
  ('patch_deployment', 'program'),
  ('patch_deployment_transition', 'history');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.patch_test_run', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.patch_deployment', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.patch_deployment_transition', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.patch_deployment_transition_transition_no_seq', '');
