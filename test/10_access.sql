-- grant_access: what each access level can do, and what it must not.
BEGIN;
SET client_min_messages = warning;
SELECT plan(35);

CREATE ROLE tap_admin;
CREATE ROLE tap_analyst;
CREATE ROLE tap_auditor;
CREATE ROLE tap_reader;
CREATE ROLE tap_nobody;

INSERT INTO iec62443p2.organization (id, code, name) VALUES
  ('00000000-0000-4000-8000-0000000000a1', 'TAPA', 'Tap Utility A'),
  ('00000000-0000-4000-8000-0000000000b1', 'TAPB', 'Tap Utility B');
INSERT INTO iec62443p2.person (organization_id, full_name, email, phone)
  VALUES ('00000000-0000-4000-8000-0000000000a1', 'Pat Tester', 'pat@tap.example', '+1 555 0100');

SELECT lives_ok($$ SELECT iec62443p2.grant_access('tap_admin', 'admin') $$, 'grant admin');
SELECT lives_ok($$ SELECT iec62443p2.grant_access('tap_analyst', 'analyst') $$, 'grant analyst');
SELECT lives_ok($$ SELECT iec62443p2.grant_access('tap_auditor', 'auditor', '00000000-0000-4000-8000-0000000000a1') $$,
  'grant auditor for one organisation');
SELECT lives_ok($$ SELECT iec62443p2.grant_access('tap_reader', 'reader') $$, 'grant reader');
SELECT lives_ok($$ SELECT iec62443p2.grant_access('tap_reader', 'reader') $$, 'granting twice is harmless');
SELECT throws_ok($$ SELECT iec62443p2.grant_access('tap_nobody', 'superuser') $$, '22023', 'invalid access level "superuser"',
  'an unknown access level is refused');
SELECT throws_ok($$ SELECT iec62443p2.grant_access('no_such_role_xyz', 'reader') $$, '42704', NULL,
  'an unknown role is refused');
SELECT results_eq($$ SELECT role_name::text COLLATE "default", access, organization_id FROM iec62443p2.access_grant ORDER BY 1 $$,
  $$ VALUES ('tap_admin', 'admin', NULL::uuid), ('tap_analyst', 'analyst', NULL),
            ('tap_auditor', 'auditor', '00000000-0000-4000-8000-0000000000a1'::uuid), ('tap_reader', 'reader', NULL) $$,
  'grants are recorded, once each, with their organisation');

-- reader: views and the tables beneath them, never contact details, never writes
SET ROLE tap_reader;
SELECT lives_ok($$
  DO $body$
  DECLARE v name;
  BEGIN
    FOR v IN SELECT object_name FROM iec62443p2.object_access_class WHERE object_class = 'view' LOOP
      EXECUTE format('SELECT * FROM iec62443p2.%I LIMIT 1', v);
    END LOOP;
  END $body$ $$, 'reader reads every view (none shows a column the reader may not see)');
SELECT throws_ok($$ SELECT email FROM iec62443p2.person $$, '42501', 'permission denied for table person',
  'the refusal names the table');
SELECT lives_ok($$ SELECT full_name, job_title FROM iec62443p2.person $$, 'reader reads people''s names');
SELECT throws_ok($$ SELECT email FROM iec62443p2.person $$, '42501', NULL, 'reader cannot read email');
SELECT throws_ok($$ SELECT phone FROM iec62443p2.person $$, '42501', NULL, 'reader cannot read phone');
SELECT throws_ok($$ INSERT INTO iec62443p2.organization (code, name) VALUES ('R', 'R') $$, '42501', NULL, 'reader cannot write');
SELECT throws_ok($$ SELECT * FROM iec62443p2.access_grant $$, '42501', NULL, 'reader cannot read the access records');
SELECT throws_ok($$ SELECT iec62443p2.grant_access('tap_reader', 'admin') $$, '42501', NULL, 'reader cannot grant itself more');
RESET ROLE;

-- auditor: reads program data, writes nothing yet
SET ROLE tap_auditor;
SELECT lives_ok($$ SELECT email FROM iec62443p2.person $$, 'auditor reads people with contact details');
SELECT throws_ok($$ UPDATE iec62443p2.organization SET name = 'x' $$, '42501', NULL, 'auditor cannot change program data');
SELECT throws_ok($$ INSERT INTO iec62443p2.asset_import (tag) VALUES ('x') $$, '42501', NULL, 'auditor cannot stage imports');
RESET ROLE;

-- analyst: reads and writes program data and imports; catalogues stay read-only
SET ROLE tap_analyst;
SELECT lives_ok($$ INSERT INTO iec62443p2.site (organization_id, code, name, time_zone)
                   VALUES ('00000000-0000-4000-8000-0000000000a1', 'S1', 'Site', 'UTC') $$, 'analyst writes program data');
SELECT lives_ok($$ INSERT INTO iec62443p2.asset_import (tag, name, asset_type, vendor, product) VALUES ('T-1', 'n', 'plc', 'v', 'p') $$,
  'analyst stages imports');
SELECT lives_ok($$ SELECT * FROM iec62443p2.import_assets('00000000-0000-4000-8000-0000000000a1') $$, 'analyst imports');
SELECT throws_ok($$ UPDATE iec62443p2.zone_exposure SET ssvc_system_exposure = 'open' $$, '42501', NULL,
  'analyst cannot change a shipped catalogue');
SELECT lives_ok($$ UPDATE iec62443p2.zone_exposure_setting SET ssvc_system_exposure = 'open'
                   WHERE organization_id = '00000000-0000-4000-8000-0000000000a1' AND exposure = 'dmz' $$,
  'analyst changes the organisation''s own copy of a setting');
SELECT throws_ok($$ SELECT * FROM iec62443p2.access_grant $$, '42501', NULL, 'analyst cannot read the access records');
RESET ROLE;
-- history is append-only for every level: the change triggers insert, nobody rewrites the past
SELECT is_empty($$
  SELECT g.access || ' ' || c.object_name || ' ' || p.p
  FROM iec62443p2.object_access_class c
  CROSS JOIN (VALUES ('admin', 'tap_admin'), ('analyst', 'tap_analyst'), ('auditor', 'tap_auditor'), ('reader', 'tap_reader')) g(access, role)
  CROSS JOIN (VALUES ('UPDATE'), ('DELETE'), ('TRUNCATE')) p(p)
  WHERE c.object_class = 'history' AND has_table_privilege(g.role, format('iec62443p2.%I', c.object_name), p.p) $$,
  'no access level may update, delete or truncate a history table');
SELECT ok(has_table_privilege('tap_analyst', 'iec62443p2.risk_register_history', 'INSERT')
          AND has_table_privilege('tap_reader', 'iec62443p2.risk_register_history', 'SELECT')
          AND NOT has_table_privilege('tap_reader', 'iec62443p2.risk_register_history', 'INSERT'),
  'the analyst''s changes are recorded in the history, the reader reads it');

-- admin: all program data and the access records, still no catalogue writes and no granting
SET ROLE tap_admin;
SELECT lives_ok($$ SELECT * FROM iec62443p2.access_grant $$, 'admin reads the access records');
SELECT lives_ok($$ DELETE FROM iec62443p2.site WHERE code = 'S1' $$, 'admin deletes program data');
SELECT throws_ok($$ DELETE FROM iec62443p2.lifecycle_state $$, '42501', NULL, 'admin cannot change a shipped catalogue');
SELECT throws_ok($$ SELECT iec62443p2.grant_access('tap_nobody', 'admin') $$, '42501', NULL, 'admin cannot grant (the DBA does)');
RESET ROLE;

-- a role without a grant has nothing; revoking takes everything the level gave
SELECT ok(NOT has_schema_privilege('tap_nobody', 'iec62443p2', 'USAGE'), 'an ungranted role has no usage on the schema');
SELECT lives_ok($$ SELECT iec62443p2.revoke_access('tap_analyst') $$, 'revoke analyst');
SELECT ok(NOT has_table_privilege('tap_analyst', 'iec62443p2.asset', 'SELECT')
          AND NOT has_schema_privilege('tap_analyst', 'iec62443p2', 'USAGE'), 'a revoked role keeps nothing');
-- a role holding two levels keeps the wider one after losing the other
SELECT iec62443p2.grant_access('tap_reader', 'analyst');
SELECT iec62443p2.revoke_access('tap_reader', 'analyst');
SELECT ok(has_column_privilege('tap_reader', 'iec62443p2.person', 'full_name', 'SELECT')
          AND NOT has_column_privilege('tap_reader', 'iec62443p2.person', 'email', 'SELECT')
          AND NOT has_table_privilege('tap_reader', 'iec62443p2.asset', 'INSERT'),
  'reader and analyst, then analyst revoked: back to the reader''s privileges');

SELECT * FROM finish();
ROLLBACK;
