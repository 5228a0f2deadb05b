-- Patches and the settings of the patch lifecycle (BRIEF 3 and 4.E, issue 5 "Patch and
-- vulnerability management"): the patches that fix vulnerabilities, with the vendor's
-- qualification and a rollback plan; the deployment environments a patch is rolled out through
-- (shipped catalogue, each organisation's own list, every asset in one); the approval route of
-- each priority band and who may approve on it.  The lifecycle itself: 625_patch_deployment.sql.

-- ---- shipped catalogues ----

CREATE TABLE @extschema@.deployment_environment (
  code                   text PRIMARY KEY CONSTRAINT deployment_environment_code_format CHECK (code ~ '^[a-z][a-z0-9_]{0,31}$'),
  rank                   smallint NOT NULL UNIQUE CONSTRAINT deployment_environment_rank CHECK (rank BETWEEN 1 AND 20),
  label                  text NOT NULL UNIQUE,
  requires_rollback_plan boolean NOT NULL,
  description            text NOT NULL
);
COMMENT ON TABLE @extschema@.deployment_environment IS
  'Shipped catalogue: the environments a patch is rolled out through, in order (the seed''s case study: development, '
  'test, staging, production).  Each organisation keeps its own list (organization_deployment_environment).';
COMMENT ON COLUMN @extschema@.deployment_environment.code IS 'Environment code used by asset.environment.';
COMMENT ON COLUMN @extschema@.deployment_environment.rank IS 'Default order of the rollout: a patch reaches an environment after the ones ranked before it.';
COMMENT ON COLUMN @extschema@.deployment_environment.label IS 'Human-readable name.';
COMMENT ON COLUMN @extschema@.deployment_environment.requires_rollback_plan IS
  'Default: a patch is deployed to assets of this environment only with a rollback plan.';
COMMENT ON COLUMN @extschema@.deployment_environment.description IS 'What the environment is for.';

INSERT INTO @extschema@.deployment_environment (code, rank, label, requires_rollback_plan, description) VALUES
  ('development', 1, 'Development', false, 'Engineering lab and development systems: the first place a patch is installed and tried.'),
  ('test', 2, 'Test', false, 'Test systems and the factory or site acceptance test bench: regression and compatibility testing.'),
  ('staging', 3, 'Staging', false, 'Pre-production: systems configured as production (a redundant half, a spare, a simulator).'),
  ('production', 4, 'Production', true, 'The operating IACS.');

CREATE TABLE @extschema@.patch_priority_band (
  code        text PRIMARY KEY,
  rank        smallint NOT NULL UNIQUE,
  label       text NOT NULL UNIQUE,
  description text NOT NULL
);
COMMENT ON TABLE @extschema@.patch_priority_band IS
  'Shipped catalogue: the priority bands of patch_decision (the SSVC deployer outcomes) and the seed''s names for them.';
COMMENT ON COLUMN @extschema@.patch_priority_band.code IS 'patch_decision outcome: immediate, out-of-cycle, scheduled, defer.';
COMMENT ON COLUMN @extschema@.patch_priority_band.rank IS 'Urgency: defer 0 .. immediate 3 (as in patch_priority).';
COMMENT ON COLUMN @extschema@.patch_priority_band.label IS 'The seed''s name of the band: critical, high, medium, low.';
COMMENT ON COLUMN @extschema@.patch_priority_band.description IS 'What the band means.';

INSERT INTO @extschema@.patch_priority_band (code, rank, label, description) VALUES
  ('immediate', 3, 'critical', 'Act now, outside any maintenance cycle (SSVC deployer: immediate).'),
  ('out-of-cycle', 2, 'high', 'Act at the next opportunity, ahead of the regular cycle (SSVC deployer: out-of-cycle).'),
  ('scheduled', 1, 'medium', 'Act in a regular maintenance cycle (SSVC deployer: scheduled).'),
  ('defer', 0, 'low', 'No action needed now; patched when convenient (SSVC deployer: defer).');

CREATE TABLE @extschema@.patch_approval_route (
  code            text PRIMARY KEY,
  label           text NOT NULL UNIQUE,
  approver        text NOT NULL CONSTRAINT patch_approval_route_approver CHECK (approver IN ('system', 'person', 'system_or_person')),
  on_assessment   boolean NOT NULL,
  needs_schedule  boolean NOT NULL,
  description     text NOT NULL,
  CONSTRAINT patch_approval_route_automatic CHECK (on_assessment = (approver = 'system'))
);
COMMENT ON TABLE @extschema@.patch_approval_route IS
  'Shipped catalogue: how a patch deployment is approved.  The approval transition (assessed -> approved) checks the '
  'route of the deployment''s band: who approves, and whether a maintenance cycle must be named.';
COMMENT ON COLUMN @extschema@.patch_approval_route.code IS 'Route code: automatic, manager, committee, scheduled.';
COMMENT ON COLUMN @extschema@.patch_approval_route.label IS 'Human-readable name.';
COMMENT ON COLUMN @extschema@.patch_approval_route.approver IS
  'system (approved without a person), person (a person allowed for the route in patch_approver), or '
  'system_or_person (either the system, without a person, or an allowed person).';
COMMENT ON COLUMN @extschema@.patch_approval_route.on_assessment IS 'Approved by the system at assessment (the automatic route).';
COMMENT ON COLUMN @extschema@.patch_approval_route.needs_schedule IS
  'The approval places the deployment in a maintenance cycle: scheduled_for (the cycle''s start) is required.';
COMMENT ON COLUMN @extschema@.patch_approval_route.description IS 'The route in words.';

INSERT INTO @extschema@.patch_approval_route (code, label, approver, on_assessment, needs_schedule, description) VALUES
  ('automatic', 'Automatic approval', 'system', true, false,
   'Approved by the system the moment the deployment is assessed; no person signs (the transition has no by_person_id).'),
  ('manager', 'Manager approval', 'person', false, false,
   'Approved by a person listed in patch_approver for the manager route.'),
  ('committee', 'Committee approval', 'person', false, false,
   'Approved by the change committee, recorded by one person listed in patch_approver for the committee route '
   '(the chair or secretary who signs the committee''s decision).'),
  ('scheduled', 'Scheduled', 'system_or_person', false, true,
   'Approved when placed in a maintenance cycle: the approval names the cycle (scheduled_for) and is recorded by the '
   'system (no person, e.g. a scheduler) or by a person listed in patch_approver for the scheduled route.');

CREATE TABLE @extschema@.patch_approval_route_default (
  settings_profile text NOT NULL REFERENCES @extschema@.settings_profile (code),
  band             text NOT NULL REFERENCES @extschema@.patch_priority_band (code),
  route            text NOT NULL REFERENCES @extschema@.patch_approval_route (code),
  PRIMARY KEY (settings_profile, band)
);
CREATE INDEX patch_approval_route_default_band_idx ON @extschema@.patch_approval_route_default (band);
CREATE INDEX patch_approval_route_default_route_idx ON @extschema@.patch_approval_route_default (route);
COMMENT ON TABLE @extschema@.patch_approval_route_default IS
  'Shipped catalogue: the approval route of each priority band per settings profile (the seed: critical automatic, '
  'high a manager, medium the committee, low scheduled).';
COMMENT ON COLUMN @extschema@.patch_approval_route_default.settings_profile IS 'Settings profile.';
COMMENT ON COLUMN @extschema@.patch_approval_route_default.band IS 'Priority band (patch_decision outcome).';
COMMENT ON COLUMN @extschema@.patch_approval_route_default.route IS 'Approval route of the band.';

INSERT INTO @extschema@.patch_approval_route_default (settings_profile, band, route) VALUES
  ('default', 'immediate', 'automatic'),
  ('default', 'out-of-cycle', 'manager'),
  ('default', 'scheduled', 'committee'),
  ('default', 'defer', 'scheduled');

-- ---- each organisation's settings ----

CREATE TABLE @extschema@.organization_deployment_environment (
  organization_id        uuid NOT NULL REFERENCES @extschema@.organization (id),
  id                     uuid NOT NULL DEFAULT pg_catalog.gen_random_uuid(),
  environment            text NOT NULL REFERENCES @extschema@.deployment_environment (code),
  position               smallint NOT NULL CONSTRAINT organization_deployment_environment_position CHECK (position BETWEEN 1 AND 20),
  requires_rollback_plan boolean NOT NULL,
  PRIMARY KEY (organization_id, id),
  UNIQUE (organization_id, environment),
  UNIQUE (organization_id, position)
);
CREATE INDEX organization_deployment_environment_environment_idx ON @extschema@.organization_deployment_environment (environment);
COMMENT ON TABLE @extschema@.organization_deployment_environment IS
  'The deployment environments an organisation has, in rollout order (copied from deployment_environment, then its '
  'own): delete the row of an environment it does not have and the rollout skips it.';
COMMENT ON COLUMN @extschema@.organization_deployment_environment.organization_id IS 'The organisation.';
COMMENT ON COLUMN @extschema@.organization_deployment_environment.id IS 'Identifier.';
COMMENT ON COLUMN @extschema@.organization_deployment_environment.environment IS 'The environment (deployment_environment.code).';
COMMENT ON COLUMN @extschema@.organization_deployment_environment.position IS
  'Order of the rollout in this organisation: a patch reaches an environment only after it passed validation in every '
  'environment of a lower position.';
COMMENT ON COLUMN @extschema@.organization_deployment_environment.requires_rollback_plan IS
  'A patch is deployed to assets of this environment only when it has a rollback plan (copied: production).';

CREATE TABLE @extschema@.patch_approval_route_setting (
  organization_id uuid NOT NULL REFERENCES @extschema@.organization (id),
  id              uuid NOT NULL DEFAULT pg_catalog.gen_random_uuid(),
  band            text NOT NULL REFERENCES @extschema@.patch_priority_band (code),
  route           text NOT NULL REFERENCES @extschema@.patch_approval_route (code),
  copied_from     text REFERENCES @extschema@.settings_profile (code),
  PRIMARY KEY (organization_id, id),
  UNIQUE (organization_id, band)
);
CREATE INDEX patch_approval_route_setting_band_idx ON @extschema@.patch_approval_route_setting (band);
CREATE INDEX patch_approval_route_setting_route_idx ON @extschema@.patch_approval_route_setting (route);
CREATE INDEX patch_approval_route_setting_copied_from_idx ON @extschema@.patch_approval_route_setting (copied_from);
COMMENT ON TABLE @extschema@.patch_approval_route_setting IS
  'An organisation''s approval route per priority band (copied from patch_approval_route_default, then its own).';
COMMENT ON COLUMN @extschema@.patch_approval_route_setting.organization_id IS 'The organisation.';
COMMENT ON COLUMN @extschema@.patch_approval_route_setting.id IS 'Identifier.';
COMMENT ON COLUMN @extschema@.patch_approval_route_setting.band IS 'Priority band.';
COMMENT ON COLUMN @extschema@.patch_approval_route_setting.route IS 'Route a deployment of this band is approved by (fixed at its assessment).';
COMMENT ON COLUMN @extschema@.patch_approval_route_setting.copied_from IS 'Settings profile the row was copied from; NULL when the organisation added it.';

CREATE FUNCTION @extschema@.initialize_patch_lifecycle_settings(organization_id uuid, profile text DEFAULT 'default')
RETURNS void
LANGUAGE plpgsql VOLATILE STRICT
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
  -- the environments only when the organisation has none: one it deleted (does not have) stays deleted
  IF NOT EXISTS (SELECT 1 FROM @extschema@.organization_deployment_environment e
                 WHERE e.organization_id = initialize_patch_lifecycle_settings.organization_id) THEN
    INSERT INTO @extschema@.organization_deployment_environment (organization_id, environment, position, requires_rollback_plan)
    SELECT initialize_patch_lifecycle_settings.organization_id, d.code, d.rank, d.requires_rollback_plan
    FROM @extschema@.deployment_environment d;
  END IF;
  INSERT INTO @extschema@.patch_approval_route_setting (organization_id, band, route, copied_from)
  SELECT initialize_patch_lifecycle_settings.organization_id, d.band, d.route, d.settings_profile
  FROM @extschema@.patch_approval_route_default d
  WHERE d.settings_profile = initialize_patch_lifecycle_settings.profile
  ON CONFLICT DO NOTHING;
END
$$;
COMMENT ON FUNCTION @extschema@.initialize_patch_lifecycle_settings(uuid, text) IS
  'Copies the shipped deployment environments (when the organisation has none) and the approval route of every band '
  'it lacks (called by initialize_organization_settings).';

-- Organisations that exist when this release is installed by upgrade: their environments before
-- asset.environment refers to them (initialize_organization_settings fills the rest in later).
SELECT @extschema@.initialize_patch_lifecycle_settings(s.organization_id, s.settings_profile)
FROM @extschema@.organization_settings s;

-- Every asset belongs to one environment of its organisation.
ALTER TABLE @extschema@.asset ADD COLUMN environment text NOT NULL DEFAULT 'production';
ALTER TABLE @extschema@.asset ADD CONSTRAINT asset_environment_fkey FOREIGN KEY (organization_id, environment)
  REFERENCES @extschema@.organization_deployment_environment (organization_id, environment);
CREATE INDEX asset_environment_idx ON @extschema@.asset (organization_id, environment);
COMMENT ON COLUMN @extschema@.asset.environment IS
  'Deployment environment the asset belongs to (one the organisation has, organization_deployment_environment): '
  'development, test, staging or production (the default).';

CREATE TABLE @extschema@.patch_approver (
  organization_id uuid NOT NULL REFERENCES @extschema@.organization (id),
  id              uuid NOT NULL DEFAULT pg_catalog.gen_random_uuid(),
  person_id       uuid NOT NULL,
  route           text NOT NULL REFERENCES @extschema@.patch_approval_route (code),
  created_at      timestamptz NOT NULL DEFAULT pg_catalog.now(),
  PRIMARY KEY (organization_id, id),
  UNIQUE (organization_id, person_id, route),
  FOREIGN KEY (organization_id, person_id) REFERENCES @extschema@.person (organization_id, id)
);
CREATE INDEX patch_approver_route_idx ON @extschema@.patch_approver (route);
COMMENT ON TABLE @extschema@.patch_approver IS
  'Who may approve patch deployments on which route (manager, committee, scheduled); an active person only.';
COMMENT ON COLUMN @extschema@.patch_approver.organization_id IS 'Owning organisation.';
COMMENT ON COLUMN @extschema@.patch_approver.id IS 'Identifier.';
COMMENT ON COLUMN @extschema@.patch_approver.person_id IS 'The person allowed to approve.';
COMMENT ON COLUMN @extschema@.patch_approver.route IS 'The route the person may approve on.';
COMMENT ON COLUMN @extschema@.patch_approver.created_at IS 'When the row was created.';

-- ---- patches ----

CREATE TABLE @extschema@.patch (
  organization_id          uuid NOT NULL REFERENCES @extschema@.organization (id),
  id                       uuid NOT NULL DEFAULT pg_catalog.gen_random_uuid(),
  code                     text NOT NULL CONSTRAINT patch_code_format CHECK (code ~ '^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$'),
  title                    text NOT NULL CONSTRAINT patch_title_not_blank CHECK (pg_catalog.btrim(title) <> ''),
  vendor                   text,
  advisory_reference       text,
  installs_version         text CONSTRAINT patch_installs_version_not_blank CHECK (pg_catalog.btrim(installs_version) <> ''),
  released_on              date,
  vendor_qualification     text NOT NULL DEFAULT 'not_tested'
                           CONSTRAINT patch_vendor_qualification CHECK (vendor_qualification IN ('qualified', 'not_qualified', 'not_tested')),
  rollback_plan            text,
  estimated_duration_hours numeric(6,2) CONSTRAINT patch_estimated_duration_positive CHECK (estimated_duration_hours > 0),
  created_at               timestamptz NOT NULL DEFAULT pg_catalog.now(),
  updated_at               timestamptz NOT NULL DEFAULT pg_catalog.now(),
  PRIMARY KEY (organization_id, id),
  UNIQUE (organization_id, code)
);
CREATE TRIGGER patch_touch_updated_at BEFORE UPDATE ON @extschema@.patch
  FOR EACH ROW EXECUTE FUNCTION @extschema@.touch_updated_at();
COMMENT ON TABLE @extschema@.patch IS
  'Patches: vendor fixes for vulnerabilities (patch_vulnerability), with the vendor''s qualification status for the IACS '
  'and the rollback plan; rolled out asset by asset (patch_deployment).';
COMMENT ON COLUMN @extschema@.patch.organization_id IS 'Owning organisation.';
COMMENT ON COLUMN @extschema@.patch.id IS 'Identifier.';
COMMENT ON COLUMN @extschema@.patch.code IS 'Patch code, unique within the organisation, e.g. the vendor''s KB or update number.';
COMMENT ON COLUMN @extschema@.patch.title IS 'Title.';
COMMENT ON COLUMN @extschema@.patch.vendor IS 'Vendor who issued the patch.';
COMMENT ON COLUMN @extschema@.patch.advisory_reference IS 'The vendor''s security advisory, e.g. SSA-123456 or an advisory URL.';
COMMENT ON COLUMN @extschema@.patch.installs_version IS 'Firmware or software version the patch installs, as the vendor writes it.';
COMMENT ON COLUMN @extschema@.patch.released_on IS 'Vendor release date.';
COMMENT ON COLUMN @extschema@.patch.vendor_qualification IS
  'The IACS vendor''s qualification of the patch for the system: qualified, not_qualified (the vendor advises against it) '
  'or not_tested (the default).';
COMMENT ON COLUMN @extschema@.patch.rollback_plan IS
  'How to return to the previous state if the patch fails; required to deploy in an environment that requires one (production).';
COMMENT ON COLUMN @extschema@.patch.estimated_duration_hours IS 'Estimated work per asset, in hours (for scheduling).';
COMMENT ON COLUMN @extschema@.patch.created_at IS 'When the row was created.';
COMMENT ON COLUMN @extschema@.patch.updated_at IS 'When the row was last updated.';

CREATE TABLE @extschema@.patch_vulnerability (
  organization_id  uuid NOT NULL REFERENCES @extschema@.organization (id),
  id               uuid NOT NULL DEFAULT pg_catalog.gen_random_uuid(),
  patch_id         uuid NOT NULL,
  vulnerability_id uuid NOT NULL,
  PRIMARY KEY (organization_id, id),
  UNIQUE (organization_id, patch_id, vulnerability_id),
  FOREIGN KEY (organization_id, patch_id) REFERENCES @extschema@.patch (organization_id, id) ON DELETE CASCADE,
  FOREIGN KEY (organization_id, vulnerability_id) REFERENCES @extschema@.vulnerability (organization_id, id)
);
CREATE INDEX patch_vulnerability_vulnerability_idx ON @extschema@.patch_vulnerability (organization_id, vulnerability_id);
COMMENT ON TABLE @extschema@.patch_vulnerability IS 'Which vulnerabilities each patch fixes.';
COMMENT ON COLUMN @extschema@.patch_vulnerability.organization_id IS 'Owning organisation.';
COMMENT ON COLUMN @extschema@.patch_vulnerability.id IS 'Identifier.';
COMMENT ON COLUMN @extschema@.patch_vulnerability.patch_id IS 'The patch.';
COMMENT ON COLUMN @extschema@.patch_vulnerability.vulnerability_id IS 'A vulnerability it fixes.';

INSERT INTO @extschema@.object_access_class (object_name, object_class) VALUES
  ('deployment_environment', 'catalog'),
  ('patch_priority_band', 'catalog'),
  ('patch_approval_route', 'catalog'),
  ('patch_approval_route_default', 'catalog'),
  ('organization_deployment_environment', 'program'),
  ('patch_approval_route_setting', 'program'),
  ('patch_approver', 'program'),
  ('patch', 'program'),
  ('patch_vulnerability', 'program');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.organization_deployment_environment', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.patch_approval_route_setting', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.patch_approver', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.patch', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.patch_vulnerability', '');
