-- Benchmark: plan_maintenance placing 10,000 work items over the maintenance windows of 50 sites
-- (each a weekly and a monthly window, in three time zones) for a 90-day horizon, median of
-- several runs.  The C placement (plan_maintenance) against the floor (the same input parsing
-- and occurrence computation, no placement) and against a naive PL/pgSQL version (a loop over the
-- items in order, one index lookup and one UPDATE of the occurrence's used hours per item); the
-- two must place every item identically.  Run by `make bench` (scripts/bench.sh).
\set ON_ERROR_STOP on
SET max_parallel_workers_per_gather = 0;
SET jit = off;
SET search_path = iec62443p2, public;

INSERT INTO organization (id, code, name) VALUES ('00000000-0000-4000-8000-00000000be05', 'BENCH', 'Bench Plants');
SELECT setseed(0.5443);
INSERT INTO site (organization_id, id, code, name, time_zone)
SELECT '00000000-0000-4000-8000-00000000be05', md5('bench/site/' || s)::uuid, 'S' || s, 'Site ' || s,
       (ARRAY['Europe/Berlin', 'America/New_York', 'Asia/Kolkata'])[1 + s % 3]
FROM generate_series(1, 50) s;
INSERT INTO maintenance_window (organization_id, site_id, name, recurrence, iso_weekday, month_week, start_time, duration_hours, capacity_hours, effective_from)
SELECT '00000000-0000-4000-8000-00000000be05'::uuid, md5('bench/site/' || s)::uuid, 'Weekly', 'weekly', 1 + s % 7, NULL::integer, time '01:30', 14, 12, date '2025-01-01'
FROM generate_series(1, 50) s
UNION ALL
SELECT '00000000-0000-4000-8000-00000000be05', md5('bench/site/' || s)::uuid, 'Monthly', 'monthly', 2, 1 + s % 4, time '22:00', 10, 8, date '2025-01-01'
FROM generate_series(1, 50) s;
CREATE TABLE bench_items AS
SELECT jsonb_agg(jsonb_strip_nulls(jsonb_build_object(
         'id', md5('bench/item/' || g)::uuid, 'site_id', md5('bench/site/' || (1 + floor(random() * 50))::int)::uuid,
         'duration_hours', round((0.25 + random() * 1.5)::numeric, 2), 'priority', floor(random() * 100),
         'not_before', CASE WHEN random() < 0.3 THEN timestamptz '2025-03-01' + random() * interval '60 days' END))) AS items
FROM generate_series(1, 10000) g;

-- The naive version: the same rule, item by item in PL/pgSQL.
CREATE FUNCTION pg_temp.naive_plan(org uuid, items jsonb, from_time timestamptz, horizon_days integer)
RETURNS TABLE (item_id uuid, window_id uuid, local_date date, planned_start timestamptz)
LANGUAGE plpgsql AS $$
DECLARE
  it record;
  o record;
BEGIN
  CREATE TEMP TABLE IF NOT EXISTS naive_occ (window_id uuid, site_id uuid, local_date date, starts_at timestamptz,
                                             capacity_h numeric, used_h numeric);
  TRUNCATE naive_occ;
  INSERT INTO naive_occ
  SELECT x.window_id, x.site_id, x.local_date, x.starts_at, x.capacity_hours, 0
  FROM iec62443p2.maintenance_window_occurrences(org, from_time, from_time + horizon_days * interval '24 hours') x;
  CREATE INDEX IF NOT EXISTS naive_occ_site ON naive_occ (site_id, starts_at);
  ANALYZE naive_occ;
  FOR it IN SELECT x.id, x.site_id, x.duration_hours, coalesce(x.not_before, from_time) AS nb
            FROM jsonb_to_recordset(items) AS x(id uuid, site_id uuid, duration_hours numeric, priority numeric, not_before timestamptz)
            ORDER BY x.priority DESC, coalesce(x.not_before, from_time), x.id LOOP
    SELECT n.ctid, n.* INTO o FROM naive_occ n
    WHERE n.site_id = it.site_id AND n.starts_at + n.used_h * interval '1 hour' >= it.nb
      AND n.capacity_h - n.used_h >= it.duration_hours
    ORDER BY n.starts_at, n.window_id LIMIT 1;
    IF FOUND THEN
      item_id := it.id; window_id := o.window_id; local_date := o.local_date;
      planned_start := o.starts_at + o.used_h * interval '1 hour';
      UPDATE naive_occ SET used_h = used_h + it.duration_hours WHERE ctid = o.ctid;
    ELSE
      item_id := it.id; window_id := NULL; local_date := NULL; planned_start := NULL;
    END IF;
    RETURN NEXT;
  END LOOP;
END $$;

-- both place every item the same way, and the sample is not trivial
DO $$
DECLARE placed bigint; differ bigint;
BEGIN
  SELECT count(*) FILTER (WHERE p.unplaced_reason IS NULL),
         count(*) FILTER (WHERE (p.window_id, p.local_date, p.planned_start) IS DISTINCT FROM (n.window_id, n.local_date, n.planned_start))
  INTO placed, differ
  FROM iec62443p2.plan_maintenance('00000000-0000-4000-8000-00000000be05', (SELECT items FROM bench_items), '2025-03-01', 90) p
  FULL JOIN pg_temp.naive_plan('00000000-0000-4000-8000-00000000be05', (SELECT items FROM bench_items), '2025-03-01', 90) n
    ON n.item_id = p.item_id;
  IF differ <> 0 OR placed < 5000 OR placed = 10000 THEN
    RAISE EXCEPTION 'C and naive plans differ on % items (% placed): benchmark void', differ, placed;
  END IF;
  RAISE NOTICE 'items placed: % of 10000', placed;
END $$;

-- pg_temp.median_ms(query, runs) comes from bench/lib/timing.sql
SET client_min_messages = warning;
CREATE TEMP TABLE result AS
SELECT 'floor: parse the items, compute the occurrences' AS what,
       pg_temp.median_ms($q$SELECT (SELECT count(*) FROM jsonb_to_recordset((SELECT items FROM bench_items))
                                 AS x(id uuid, site_id uuid, duration_hours numeric, priority numeric, not_before timestamptz)),
                                (SELECT count(*) FROM maintenance_window_occurrences('00000000-0000-4000-8000-00000000be05',
                                                      '2025-03-01', timestamptz '2025-03-01' + interval '90 days'))$q$, 5) AS ms
UNION ALL SELECT 'C: plan_maintenance',
       pg_temp.median_ms($q$SELECT count(*) FROM plan_maintenance('00000000-0000-4000-8000-00000000be05', (SELECT items FROM bench_items), '2025-03-01', 90)$q$, 5)
UNION ALL SELECT 'naive: PL/pgSQL loop, one lookup and update per item',
       pg_temp.median_ms($q$SELECT count(*) FROM pg_temp.naive_plan('00000000-0000-4000-8000-00000000be05', (SELECT items FROM bench_items), '2025-03-01', 90)$q$, 3);

\pset footer off
SELECT what, ms FROM result;
SELECT round((SELECT ms FROM result WHERE what LIKE 'C:%') / (SELECT ms FROM result WHERE what LIKE 'floor%'), 2) AS "C / floor",
       round((SELECT ms FROM result WHERE what LIKE 'naive%') / (SELECT ms FROM result WHERE what LIKE 'C:%'), 1) AS "naive / C";
