--
-- Asset dependencies: no self-dependency, no duplicate, no cycle (with the cycle named), no
-- reference into another organisation; effective criticality inherited along chains and diamonds.
--
CREATE EXTENSION iec62443p2;
SET search_path = iec62443p2, public;
\set VERBOSITY terse

INSERT INTO organization (id, code, name) VALUES
  ('00000000-0000-4000-8000-000000000001', 'CRU', 'Cascade Regional Utilities'),
  ('00000000-0000-4000-8000-000000000002', 'OTH', 'Other Utility');
-- a chain EWS-1 -> HIST-1 -> PLC-1 (criticality 5), a diamond EWS-2 -> {SW-1, SW-2} -> PLC-2 (4),
-- a decommissioned PLC-9 (5) that no longer raises its supporters, and an idle asset
INSERT INTO asset (organization_id, id, tag, name, asset_type, vendor, product, criticality, lifecycle_state)
SELECT '00000000-0000-4000-8000-000000000001', ('00000000-0000-4000-8000-0000000001' || v.n)::uuid,
       v.tag, v.tag, v.t, 'Vendor', 'Product', v.c, v.l
FROM (VALUES ('01', 'EWS-1', 'engineering_workstation', 2, 'in_service'),
             ('02', 'HIST-1', 'historian', 3, 'in_service'),
             ('03', 'PLC-1', 'plc', 5, 'in_service'),
             ('04', 'EWS-2', 'engineering_workstation', 1, 'in_service'),
             ('05', 'SW-1', 'network_switch', 2, 'in_service'),
             ('06', 'SW-2', 'network_switch', 3, 'in_service'),
             ('07', 'PLC-2', 'plc', 4, 'in_service'),
             ('08', 'EWS-9', 'engineering_workstation', 2, 'in_service'),
             ('09', 'PLC-9', 'plc', 5, 'decommissioned'),
             ('10', 'IDLE-1', 'workstation', 2, 'in_service')) AS v(n, tag, t, c, l);
INSERT INTO asset (organization_id, id, tag, name, asset_type, vendor, product, criticality)
VALUES ('00000000-0000-4000-8000-000000000002', '00000000-0000-4000-8000-000000000299', 'PLC-X', 'PLC-X', 'plc', 'V', 'P', 5);

CREATE FUNCTION pg_temp.dep(supporting text, supported text, kind text DEFAULT 'engineering') RETURNS void
LANGUAGE sql AS $$
  INSERT INTO iec62443p2.asset_dependency (organization_id, supporting_asset_id, supported_asset_id, kind)
  SELECT '00000000-0000-4000-8000-000000000001', a.id, b.id, kind
  FROM iec62443p2.asset a, iec62443p2.asset b
  WHERE a.tag = supporting AND b.tag = supported
    AND a.organization_id = '00000000-0000-4000-8000-000000000001' AND b.organization_id = a.organization_id
$$;
SELECT pg_temp.dep('EWS-1', 'HIST-1'), pg_temp.dep('HIST-1', 'PLC-1', 'data');
SELECT pg_temp.dep('EWS-2', 'SW-1', 'network'), pg_temp.dep('EWS-2', 'SW-2', 'network'),
       pg_temp.dep('SW-1', 'PLC-2', 'network'), pg_temp.dep('SW-2', 'PLC-2', 'network');
SELECT pg_temp.dep('EWS-9', 'PLC-9');

SELECT tag, own_criticality, effective_criticality, effective_criticality_label, inherited, inherited_from_tag,
       supports_directly, supports_transitively
FROM asset_effective_criticality ORDER BY organization_id, tag;
-- the function for one asset agrees with the view for every asset
SELECT count(*) AS disagreements FROM asset_effective_criticality v
WHERE asset_effective_criticality(v.organization_id, v.id) <> v.effective_criticality;
SELECT asset_effective_criticality('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-999999999999') AS unknown_asset;

-- raising the PLC raises its whole support chain; putting PLC-9 back in service raises EWS-9
UPDATE asset SET criticality = 5 WHERE tag = 'PLC-2';
UPDATE asset SET lifecycle_state = 'in_service' WHERE tag = 'PLC-9';
SELECT tag, effective_criticality FROM asset_effective_criticality WHERE tag IN ('EWS-2', 'SW-1', 'SW-2', 'EWS-9') ORDER BY tag;

-- refused: self-dependency, duplicate, cycles (direct and through the chain), other organisation's asset, bad kind
SELECT pg_temp.dep('PLC-1', 'PLC-1');
\echo :LAST_ERROR_SQLSTATE
SELECT pg_temp.dep('EWS-1', 'HIST-1');
\echo :LAST_ERROR_SQLSTATE
SELECT pg_temp.dep('HIST-1', 'EWS-1');
\echo :LAST_ERROR_SQLSTATE
SELECT pg_temp.dep('PLC-1', 'EWS-1');
\echo :LAST_ERROR_SQLSTATE
SELECT pg_temp.dep('PLC-2', 'EWS-2');
\echo :LAST_ERROR_SQLSTATE
-- an update that would close a cycle is refused too
UPDATE asset_dependency SET supported_asset_id = (SELECT id FROM asset WHERE tag = 'EWS-1')
WHERE supporting_asset_id = (SELECT id FROM asset WHERE tag = 'HIST-1');
\echo :LAST_ERROR_SQLSTATE
INSERT INTO asset_dependency (organization_id, supporting_asset_id, supported_asset_id)
VALUES ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000101', '00000000-0000-4000-8000-000000000299');
\echo :LAST_ERROR_SQLSTATE
SELECT pg_temp.dep('IDLE-1', 'PLC-1', 'telepathy');
\echo :LAST_ERROR_SQLSTATE
-- an update that keeps the graph acyclic is fine: EWS-1 now supports PLC-2 instead of HIST-1
UPDATE asset_dependency SET supported_asset_id = (SELECT id FROM asset WHERE tag = 'PLC-2')
WHERE supporting_asset_id = (SELECT id FROM asset WHERE tag = 'EWS-1');
SELECT tag, effective_criticality, inherited_from_tag FROM asset_effective_criticality WHERE tag IN ('EWS-1', 'HIST-1') ORDER BY tag;
-- nothing half-written
SELECT count(*) AS dependencies FROM asset_dependency;

-- a long chain (200 assets) and a wide fan-out stay one recursive query using the index
INSERT INTO asset (organization_id, tag, name, asset_type, vendor, product, criticality)
SELECT '00000000-0000-4000-8000-000000000001', 'CHAIN-' || i, 'chain ' || i, 'server', 'V', 'P', CASE WHEN i = 200 THEN 5 ELSE 1 END
FROM generate_series(1, 200) i;
INSERT INTO asset_dependency (organization_id, supporting_asset_id, supported_asset_id)
SELECT a.organization_id, a.id, b.id FROM asset a JOIN asset b ON b.organization_id = a.organization_id
WHERE a.tag LIKE 'CHAIN-%' AND b.tag = 'CHAIN-' || (substr(a.tag, 7)::int + 1);
SELECT count(*) FILTER (WHERE effective_criticality = 5) AS raised, max(supports_transitively) AS longest
FROM asset_effective_criticality WHERE tag LIKE 'CHAIN-%';
SELECT pg_temp.dep('CHAIN-3', 'CHAIN-1');
\echo :LAST_ERROR_SQLSTATE
ANALYZE asset_dependency;
ANALYZE asset;
-- the whole inventory: one recursive union, each step an index lookup on the supporting side
-- and hash joins (no nested loop over every pair of assets)
EXPLAIN (COSTS OFF) SELECT * FROM asset_effective_criticality;

DROP EXTENSION iec62443p2;
DROP SCHEMA iec62443p2;
