-- Benchmark: inherited criticality over an inventory at the scale of the seed's utility case
-- (15,000 assets; ten sites of 100 engineering workstations and servers, 200 switches and 1,200
-- controllers; about 40,000 dependencies).  Loading the dependencies through the cycle-refusing
-- trigger; reading asset_effective_criticality (one recursive query for the whole inventory)
-- against the same answer asset by asset (asset_effective_criticality(org, id): one recursive
-- walk per asset); refusing an edge that closes a cycle and accepting one that does not.
-- Run by `make bench` (scripts/bench.sh) on a throwaway cluster.
\set ON_ERROR_STOP on
SET max_parallel_workers_per_gather = 0;
SET jit = off;
SET search_path = iec62443p2, public;

INSERT INTO organization (id, code, name) VALUES ('00000000-0000-4000-8000-00000000be02', 'BENCH', 'Bench Utility');
SELECT setseed(0.62443);
INSERT INTO asset (organization_id, id, tag, name, asset_type, vendor, product, criticality)
SELECT '00000000-0000-4000-8000-00000000be02',
       md5('bench/asset/' || s || '/' || k)::uuid, 'S' || s || '-' || k, 'asset ' || k,
       CASE WHEN k <= 100 THEN 'engineering_workstation' WHEN k <= 300 THEN 'network_switch' ELSE 'plc' END,
       'V', 'P', CASE WHEN k <= 300 THEN 1 + floor(random() * 3)::int ELSE 1 + floor(random() * 5)::int END
FROM generate_series(1, 10) s CROSS JOIN generate_series(1, 1500) k;
ANALYZE asset;

CREATE TEMP TABLE bench_edge AS
SELECT DISTINCT ON (s, a, b) s, a, b FROM (
  -- each controller: one switch and two workstations of its site
  SELECT s, 101 + floor(random() * 200)::int AS a, k AS b FROM generate_series(1, 10) s, generate_series(301, 1500) k
  UNION ALL
  SELECT s, 1 + floor(random() * 100)::int, k FROM generate_series(1, 10) s, generate_series(301, 1500) k, generate_series(1, 2)
  UNION ALL
  -- each switch: two workstations
  SELECT s, 1 + floor(random() * 100)::int, k FROM generate_series(1, 10) s, generate_series(101, 300) k, generate_series(1, 2)
) e;

\timing on
\echo 'load the dependencies through the cycle-refusing trigger'
INSERT INTO asset_dependency (organization_id, supporting_asset_id, supported_asset_id)
SELECT '00000000-0000-4000-8000-00000000be02', md5('bench/asset/' || s || '/' || a)::uuid, md5('bench/asset/' || s || '/' || b)::uuid
FROM bench_edge;
\timing off
ANALYZE asset_dependency;
SELECT count(*) AS dependencies FROM asset_dependency;

-- the paths agree (a benchmark of a wrong answer proves nothing)
SELECT count(*) AS assets, sum(effective_criticality) AS view_sum,
       (SELECT sum(asset_effective_criticality(a.organization_id, a.id)) FROM asset a) AS function_sum,
       count(*) FILTER (WHERE inherited) AS raised
FROM asset_effective_criticality;

-- pg_temp.median_ms(query, runs) comes from bench/lib/timing.sql

CREATE FUNCTION pg_temp.edge_ms(supporting text, supported text) RETURNS numeric LANGUAGE plpgsql AS $$
DECLARE t0 timestamptz := clock_timestamp();
BEGIN
  BEGIN
    INSERT INTO iec62443p2.asset_dependency (organization_id, supporting_asset_id, supported_asset_id)
    SELECT a.organization_id, a.id, b.id FROM iec62443p2.asset a, iec62443p2.asset b
    WHERE a.organization_id = '00000000-0000-4000-8000-00000000be02' AND a.tag = supporting
      AND b.organization_id = a.organization_id AND b.tag = supported;
    RAISE EXCEPTION USING ERRCODE = 'P0001', MESSAGE = 'accepted';   -- undo it, keep the timing
  EXCEPTION WHEN check_violation OR raise_exception THEN NULL;
  END;
  RETURN (extract(epoch FROM clock_timestamp() - t0) * 1000)::numeric(12,2);
END $$;

CREATE TEMP TABLE result AS
SELECT 'view: whole inventory (one recursive query)' AS what,
       pg_temp.median_ms('SELECT sum(effective_criticality) FROM iec62443p2.asset_effective_criticality', 5) AS ms
UNION ALL SELECT 'function: asset by asset (15,000 walks)',
       pg_temp.median_ms('SELECT sum(iec62443p2.asset_effective_criticality(a.organization_id, a.id)) FROM iec62443p2.asset a', 3)
UNION ALL SELECT 'function: one workstation',
       pg_temp.median_ms('SELECT iec62443p2.asset_effective_criticality(''00000000-0000-4000-8000-00000000be02'', md5(''bench/asset/1/1'')::uuid)', 21)
UNION ALL SELECT 'insert refused: PLC -> workstation closes a cycle', pg_temp.edge_ms('S1-400', 'S1-1')
UNION ALL SELECT 'insert accepted: workstation -> PLC', pg_temp.edge_ms('S1-2', 'S1-1499');

\pset footer off
SELECT what, ms FROM result;
SELECT round((SELECT ms FROM result WHERE what LIKE 'function: asset by asset%') / (SELECT ms FROM result WHERE what LIKE 'view:%'), 1)
         AS "asset by asset / view";
EXPLAIN (ANALYZE, COSTS off, TIMING off, SUMMARY off) SELECT sum(effective_criticality) FROM asset_effective_criticality;
