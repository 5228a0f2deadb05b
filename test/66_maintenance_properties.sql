-- Properties of plan_maintenance on random items over random windows at several sites (two time
-- zones with DST, one without): every item returned exactly once; no occurrence overfilled; no item
-- before its not-before, outside its occurrence or at another site; items in an occurrence back
-- to back in placing order; placing order by priority, not-before, id; and an item left without
-- capacity has no occurrence starting after its not-before with room left for it.
BEGIN;
SELECT plan(9);
SET LOCAL search_path = public, iec62443p2;
SELECT setseed(0.66);

INSERT INTO iec62443p2.organization (id, code, name) VALUES ('00000000-0000-0000-0000-0000000066a1', 'P66', 'Property org');
INSERT INTO iec62443p2.site (organization_id, id, code, name, time_zone)
SELECT '00000000-0000-0000-0000-0000000066a1', ('00000000-0000-0000-0000-0000000066' || lpad(g::text, 2, '0'))::uuid, 'S' || g, 'Site ' || g,
       (ARRAY['Europe/Berlin', 'America/New_York', 'Asia/Kolkata'])[1 + g % 3]
FROM generate_series(1, 6) g;
INSERT INTO iec62443p2.maintenance_window (organization_id, site_id, name, recurrence, iso_weekday, month_week, start_time,
                                           duration_hours, capacity_hours, effective_from)
SELECT '00000000-0000-0000-0000-0000000066a1', ('00000000-0000-0000-0000-0000000066' || lpad((1 + (g % 5))::text, 2, '0'))::uuid,
       'W' || g, CASE WHEN g % 3 = 0 THEN 'monthly' ELSE 'weekly' END, 1 + (g * 3) % 7,
       CASE WHEN g % 3 = 0 THEN (ARRAY[1, 2, 3, 4, -1])[1 + g % 5] END,
       make_time((g * 7) % 24, (g * 13) % 4 * 15, 0), 4 + g % 5, 1 + (g % 4) * 0.75, '2025-01-01'
FROM generate_series(1, 12) g;   -- site 6 has no window

CREATE TEMP TABLE items AS
SELECT gen_random_uuid() AS id, ('00000000-0000-0000-0000-0000000066' || lpad((1 + floor(random() * 6))::int::text, 2, '0'))::uuid AS site_id,
       round((0.25 + random() * 4)::numeric, 2) AS duration_hours, floor(random() * 10)::numeric AS priority,
       CASE WHEN random() < 0.5 THEN timestamptz '2025-03-01' + random() * interval '70 days' END AS not_before
FROM generate_series(1, 600);
CREATE TEMP TABLE p AS
SELECT * FROM iec62443p2.plan_maintenance('00000000-0000-0000-0000-0000000066a1',
  (SELECT jsonb_agg(jsonb_strip_nulls(to_jsonb(i))) FROM items i), '2025-03-01', 60);
CREATE TEMP TABLE occ AS
SELECT * FROM iec62443p2.maintenance_window_occurrences('00000000-0000-0000-0000-0000000066a1', '2025-03-01', timestamptz '2025-03-01' + interval '60 days');

SELECT is((SELECT count(*) FROM p), 600::bigint, 'every item is returned');
SELECT is((SELECT count(DISTINCT item_id) FROM p JOIN items i ON i.id = p.item_id), 600::bigint, 'each item exactly once');
SELECT ok((SELECT count(*) FILTER (WHERE unplaced_reason IS NULL) > 100 AND count(*) FILTER (WHERE unplaced_reason = 'no_capacity') > 0
                  AND count(*) FILTER (WHERE unplaced_reason = 'no_window') > 0 FROM p),
          'the sample places items and leaves some without capacity and without a window (the test has teeth)');
SELECT is_empty($$
  SELECT p.window_id, p.local_date FROM p JOIN occ o ON o.window_id = p.window_id AND o.local_date = p.local_date
  GROUP BY p.window_id, p.local_date, o.capacity_hours HAVING sum(p.duration_hours) > o.capacity_hours $$,
  'no occurrence is overfilled');
SELECT is_empty($$
  SELECT p.item_id FROM p LEFT JOIN occ o ON o.window_id = p.window_id AND o.local_date = p.local_date
  WHERE p.unplaced_reason IS NULL
    AND (o.window_id IS NULL OR o.site_id <> p.site_id OR p.planned_start < p.not_before
         OR p.planned_start < o.starts_at OR p.planned_end > o.ends_at
         OR p.planned_end <> p.planned_start + p.duration_hours * interval '1 hour') $$,
  'placed items start at or after their not-before, inside an occurrence at their site, for their duration');
SELECT is_empty($$
  SELECT p.item_id FROM p JOIN occ o ON o.window_id = p.window_id AND o.local_date = p.local_date
  WHERE p.planned_start <> o.starts_at + coalesce((SELECT sum(q.duration_hours) FROM p q
                                                    WHERE q.window_id = p.window_id AND q.local_date = p.local_date
                                                      AND q.placement_order < p.placement_order), 0) * interval '1 hour' $$,
  'items fill an occurrence back to back from its start, in placing order');
SELECT is_empty($$
  SELECT 1 FROM p a JOIN p b ON b.placement_order = a.placement_order + 1
  WHERE a.priority < b.priority
     OR (a.priority = b.priority AND (a.not_before, a.item_id) > (b.not_before, b.item_id)) $$,
  'placing order: priority descending, then not-before, then id');
SELECT is_empty($$
  SELECT p.item_id FROM p JOIN occ o ON o.site_id = p.site_id
  WHERE p.unplaced_reason = 'no_capacity' AND o.starts_at >= p.not_before
    AND o.capacity_hours - coalesce((SELECT sum(q.duration_hours) FROM p q WHERE q.window_id = o.window_id AND q.local_date = o.local_date), 0)
        >= p.duration_hours $$,
  'an item left for lack of capacity fits no occurrence starting after its not-before');
SELECT is_empty($$
  SELECT p.item_id FROM p
  WHERE (p.unplaced_reason = 'too_long') <> (p.duration_hours > coalesce((SELECT max(o.capacity_hours) FROM occ o WHERE o.site_id = p.site_id), 0)
                                             AND EXISTS (SELECT 1 FROM occ o WHERE o.site_id = p.site_id))
     OR (p.unplaced_reason = 'no_window') <> NOT EXISTS (SELECT 1 FROM occ o WHERE o.site_id = p.site_id) $$,
  'too_long exactly for items longer than every capacity at their site, no_window exactly for sites without occurrences');

SELECT * FROM finish();
ROLLBACK;
