-- Properties of asset dependencies and the risk history over generated data: effective
-- criticality agrees with a closure computed another way (iterated to a fixed point), never falls
-- below an asset's own nor below what it supports; random edges never leave a cycle behind; the
-- register as of now is the register, and as of any past time it is the state the changes had
-- reached then.
BEGIN;
SET client_min_messages = warning;
SET LOCAL search_path = public, iec62443p2;
SET LOCAL timezone = 'UTC';
SELECT plan(14);
SELECT setseed(0.271);

INSERT INTO iec62443p2.organization (id, code, name) VALUES ('00000000-0000-4000-8000-0000000000a1', 'PROP', 'Properties');
INSERT INTO iec62443p2.asset (organization_id, tag, name, asset_type, vendor, product, criticality, lifecycle_state)
SELECT '00000000-0000-4000-8000-0000000000a1', 'A-' || g, 'asset ' || g, 'server', 'V', 'P',
       1 + floor(random() * 5)::int, CASE WHEN random() < 0.1 THEN 'decommissioned' ELSE 'in_service' END
FROM generate_series(1, 400) g;

-- random edges from lower to higher numbers (a DAG), then random edges in any direction:
-- each one either goes in or is refused as a cycle (23514)
INSERT INTO iec62443p2.asset_dependency (organization_id, supporting_asset_id, supported_asset_id)
SELECT DISTINCT ON (a.id, b.id) a.organization_id, a.id, b.id
FROM (SELECT 1 + floor(random() * 399)::int AS x, random() AS r FROM generate_series(1, 900)) e
JOIN iec62443p2.asset a ON a.tag = 'A-' || e.x
JOIN iec62443p2.asset b ON b.tag = 'A-' || (e.x + 1 + floor(e.r * least(40, 400 - e.x))::int);
CREATE TEMP TABLE refused (n int);
DO $$
DECLARE
  s uuid; t uuid; x int; y int;
BEGIN
  FOR i IN 1..300 LOOP
    x := 1 + floor(random() * 400)::int;
    y := 1 + floor(random() * 400)::int;
    SELECT id INTO STRICT s FROM iec62443p2.asset WHERE tag = 'A-' || x;
    SELECT id INTO STRICT t FROM iec62443p2.asset WHERE tag = 'A-' || y;
    BEGIN
      INSERT INTO iec62443p2.asset_dependency (organization_id, supporting_asset_id, supported_asset_id)
      VALUES ('00000000-0000-4000-8000-0000000000a1', s, t);
    EXCEPTION WHEN check_violation OR unique_violation THEN
      INSERT INTO refused VALUES (1);
    END;
  END LOOP;
END
$$;
SELECT ok((SELECT count(*) FROM refused) BETWEEN 20 AND 290, 'some random edges were refused, others accepted');

SELECT is_empty($$
  WITH RECURSIVE walk (root, node) AS (
    SELECT supporting_asset_id, supported_asset_id FROM iec62443p2.asset_dependency
    UNION
    SELECT w.root, d.supported_asset_id
    FROM walk w JOIN iec62443p2.asset_dependency d ON d.supporting_asset_id = w.node
    WHERE w.node <> w.root)
  SELECT 1 FROM walk WHERE node = root $$,
  'no cycle in the dependency graph after random inserts');

-- a fixed point computed without recursion: inherited(x) = the highest, over the assets x supports
-- directly, of their own criticality (when in operation) and what they inherited; repeated until stable
CREATE TEMP TABLE fixpoint AS
SELECT a.id, a.criticality AS own, 0 AS inh FROM iec62443p2.asset a
WHERE a.organization_id = '00000000-0000-4000-8000-0000000000a1';
DO $$
DECLARE changed int := 1;
BEGIN
  WHILE changed > 0 LOOP
    UPDATE fixpoint f SET inh = x.m
    FROM (SELECT d.supporting_asset_id AS id,
                 max(greatest(t.inh, CASE WHEN l.in_operation THEN t.own ELSE 0 END)) AS m
          FROM iec62443p2.asset_dependency d
          JOIN fixpoint t ON t.id = d.supported_asset_id
          JOIN iec62443p2.asset a ON a.id = d.supported_asset_id
          JOIN iec62443p2.lifecycle_state l ON l.code = a.lifecycle_state
          GROUP BY d.supporting_asset_id) x
    WHERE x.id = f.id AND x.m > f.inh;
    GET DIAGNOSTICS changed = ROW_COUNT;
  END LOOP;
END
$$;
SELECT ok((SELECT count(*) FROM fixpoint WHERE inh > own) > 20, 'dependencies raise the criticality of many generated assets');
SELECT is_empty($$
  SELECT e.tag FROM iec62443p2.asset_effective_criticality e
  WHERE e.organization_id = '00000000-0000-4000-8000-0000000000a1'
    AND e.effective_criticality < e.own_criticality $$,
  'effective criticality is never below the asset''s own');
SELECT is_empty($$
  SELECT e.tag FROM iec62443p2.asset_dependency d
  JOIN iec62443p2.asset_effective_criticality e ON e.id = d.supporting_asset_id
  JOIN iec62443p2.asset_effective_criticality t ON t.id = d.supported_asset_id
  JOIN iec62443p2.asset a ON a.id = d.supported_asset_id
  JOIN iec62443p2.lifecycle_state l ON l.code = a.lifecycle_state
  WHERE e.effective_criticality < t.effective_criticality AND l.in_operation $$,
  'a supporting asset is at least as critical as every in-operation asset it supports');
SELECT is_empty($$
  SELECT e.tag, e.effective_criticality, greatest(f.own, f.inh) FROM iec62443p2.asset_effective_criticality e
  JOIN fixpoint f ON f.id = e.id
  WHERE e.effective_criticality <> greatest(f.own, f.inh) $$,
  'the recursive view agrees with the fixed point on every asset');
SELECT is_empty($$
  SELECT e.tag FROM iec62443p2.asset_effective_criticality e
  WHERE e.organization_id = '00000000-0000-4000-8000-0000000000a1'
    AND e.effective_criticality IS DISTINCT FROM iec62443p2.asset_effective_criticality(e.organization_id, e.id) $$,
  'the one-asset function agrees with the view');

-- ---- history: 60 risks, each changed up to 6 times at increasing random past times ----
INSERT INTO iec62443p2.zone (organization_id, id, name, exposure)
VALUES ('00000000-0000-4000-8000-0000000000a1', '00000000-0000-4000-8000-0000000000b1', 'Z', 'control');
CREATE TEMP TABLE expected_state (risk text, at timestamptz, likelihood int, consequence int, status text, treatment text);
DO $$
DECLARE
  t timestamptz;
  l int; c int; s text; tr text;
BEGIN
  FOR i IN 1..60 LOOP
    t := '2024-01-01 00:00+00'::timestamptz + random() * interval '300 days';
    l := 1 + floor(random() * 5)::int; c := 1 + floor(random() * 5)::int;
    PERFORM set_config('iec62443p2.changed_at', t::text, true);
    INSERT INTO iec62443p2.risk_register_entry (organization_id, code, title, zone_id, likelihood, consequence)
    VALUES ('00000000-0000-4000-8000-0000000000a1', 'P-' || i, 'risk ' || i, '00000000-0000-4000-8000-0000000000b1', l, c);
    INSERT INTO expected_state VALUES ('P-' || i, t, l, c, 'open', NULL);
    FOR j IN 1..floor(random() * 7)::int LOOP
      t := t + random() * interval '60 days';
      l := 1 + floor(random() * 5)::int; c := 1 + floor(random() * 5)::int;
      s := (ARRAY['open', 'in_treatment', 'monitoring', 'closed'])[1 + floor(random() * 4)::int];
      tr := (ARRAY['avoid', 'reduce', 'transfer', NULL])[1 + floor(random() * 4)::int];
      PERFORM set_config('iec62443p2.changed_at', t::text, true);
      UPDATE iec62443p2.risk_register_entry SET likelihood = l, consequence = c, status = s, treatment = tr
      WHERE organization_id = '00000000-0000-4000-8000-0000000000a1' AND code = 'P-' || i;
      INSERT INTO expected_state VALUES ('P-' || i, t, l, c, s, tr);
    END LOOP;
  END LOOP;
  PERFORM set_config('iec62443p2.changed_at', '', true);
END
$$;

SELECT is_empty($$
  SELECT r.code, r.likelihood, r.consequence, r.status, r.treatment FROM iec62443p2.risk_register_entry r
  WHERE r.organization_id = '00000000-0000-4000-8000-0000000000a1'
  EXCEPT
  SELECT h.code, h.likelihood, h.consequence, h.status, h.treatment FROM iec62443p2.risk_register_as_of(now()) h
  WHERE h.organization_id = '00000000-0000-4000-8000-0000000000a1' $$,
  'the register as of now is the register');

-- 40 probe times: the as-of answer is, for every risk recorded by then, its last state at or before the probe
CREATE TEMP TABLE probe AS
SELECT '2024-01-01 00:00+00'::timestamptz + random() * interval '700 days' AS at FROM generate_series(1, 40);
SELECT is_empty($$
  (SELECT p.at, h.code, h.likelihood, h.consequence, h.status, h.treatment
   FROM probe p CROSS JOIN LATERAL iec62443p2.risk_register_as_of(p.at) h
   WHERE h.organization_id = '00000000-0000-4000-8000-0000000000a1'
   EXCEPT
   SELECT p.at, e.risk, e.likelihood, e.consequence, e.status, e.treatment
   FROM probe p CROSS JOIN LATERAL (SELECT DISTINCT ON (x.risk) x.* FROM expected_state x WHERE x.at <= p.at
                                    ORDER BY x.risk, x.at DESC) e)
  UNION ALL
  (SELECT p.at, e.risk, e.likelihood, e.consequence, e.status, e.treatment
   FROM probe p CROSS JOIN LATERAL (SELECT DISTINCT ON (x.risk) x.* FROM expected_state x WHERE x.at <= p.at
                                    ORDER BY x.risk, x.at DESC) e
   EXCEPT
   SELECT p.at, h.code, h.likelihood, h.consequence, h.status, h.treatment
   FROM probe p CROSS JOIN LATERAL iec62443p2.risk_register_as_of(p.at) h
   WHERE h.organization_id = '00000000-0000-4000-8000-0000000000a1') $$,
  'as of 40 random times, the register is exactly the last state each risk had reached');

SELECT is((SELECT count(*) FROM iec62443p2.risk_register_history WHERE organization_id = '00000000-0000-4000-8000-0000000000a1'),
          (SELECT count(*) FROM expected_state), 'one history row per insert and per recorded update');

SELECT is_empty($$
  SELECT h.risk_id FROM iec62443p2.risk_register_history h
  WHERE h.organization_id = '00000000-0000-4000-8000-0000000000a1'
    AND (h.inherent_score <> iec62443p2.risk_score(h.likelihood, h.consequence)
         OR h.inherent_level <> iec62443p2.risk_level(h.likelihood, h.consequence)) $$,
  'each history row carries the score and level of its likelihood and consequence');

SELECT throws_ok($$
  SELECT set_config('iec62443p2.changed_at', '2023-01-01', true);
  UPDATE iec62443p2.risk_register_entry SET status = 'closed'
  WHERE organization_id = '00000000-0000-4000-8000-0000000000a1' AND code = 'P-1' $$,
  '22023', NULL, 'a change back-dated before the risk''s history is refused with 22023');
SELECT throws_like($$
  SELECT set_config('iec62443p2.changed_at', '2023-01-01', true);
  UPDATE iec62443p2.risk_register_entry SET status = 'closed'
  WHERE organization_id = '00000000-0000-4000-8000-0000000000a1' AND code = 'P-1' $$,
  'risk_register_entry P-1: change time 2023-01-01 00:00:00+00 is before the risk''s last recorded change 2024-%',
  'and a message naming the risk and both times');
SELECT set_config('iec62443p2.changed_at', '', true);

SELECT is((SELECT provolatile::text || proparallel::text || proretset::text FROM pg_proc
           WHERE oid = 'iec62443p2.risk_register_as_of(timestamptz)'::regprocedure), 'sstrue',
          'risk_register_as_of is STABLE, PARALLEL SAFE and set-returning');

SELECT * FROM finish();
ROLLBACK;
