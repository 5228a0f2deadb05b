-- Maintenance windows: occurrences in the site's zone across DST (Europe/Berlin, America/New_York,
-- both directions; Asia/Kolkata without DST), monthly n-th and last weekday, cancellations,
-- placement of work items, and what bad input gets.
CREATE EXTENSION iec62443p2;
SET search_path = iec62443p2, public;
SET TimeZone = 'UTC';
\set VERBOSITY terse

INSERT INTO organization (id, code, name) VALUES
  ('00000000-0000-0000-0000-0000000000a1', 'AO', 'Asset Owner'),
  ('00000000-0000-0000-0000-0000000000a2', 'OTHER', 'Other');
INSERT INTO site (organization_id, id, code, name, time_zone) VALUES
  ('00000000-0000-0000-0000-0000000000a1', '00000000-0000-0000-0000-00000000b001', 'BER', 'Berlin plant', 'Europe/Berlin'),
  ('00000000-0000-0000-0000-0000000000a1', '00000000-0000-0000-0000-00000000b002', 'NYC', 'New York plant', 'America/New_York'),
  ('00000000-0000-0000-0000-0000000000a1', '00000000-0000-0000-0000-00000000b003', 'PNQ', 'Pune plant', 'Asia/Kolkata'),
  ('00000000-0000-0000-0000-0000000000a1', '00000000-0000-0000-0000-00000000b004', 'HAM', 'Hamburg depot (no windows)', 'Europe/Berlin'),
  ('00000000-0000-0000-0000-0000000000a2', '00000000-0000-0000-0000-00000000b009', 'X', 'Other site', 'UTC');

-- weekly Sunday 02:30 in Berlin (inside the spring-forward gap on 2025-03-30, twice on 2025-10-26)
INSERT INTO maintenance_window (organization_id, id, site_id, name, recurrence, iso_weekday, start_time, duration_hours, capacity_hours, effective_from) VALUES
  ('00000000-0000-0000-0000-0000000000a1', '00000000-0000-0000-0000-0000000000f1', '00000000-0000-0000-0000-00000000b001',
   'Sunday night', 'weekly', 7, '02:30', 4, 3, '2025-01-01'),
-- weekly Sunday 01:30 in New York (twice on 2025-11-02) and a Sunday 02:30 one (gap on 2025-03-09)
  ('00000000-0000-0000-0000-0000000000a1', '00000000-0000-0000-0000-0000000000f2', '00000000-0000-0000-0000-00000000b002',
   'Sunday 01:30', 'weekly', 7, '01:30', 3, 3, '2025-01-01'),
  ('00000000-0000-0000-0000-0000000000a1', '00000000-0000-0000-0000-0000000000f3', '00000000-0000-0000-0000-00000000b002',
   'Sunday 02:30', 'weekly', 7, '02:30', 2, 1.5, '2025-01-01');
-- the last Sunday of the month, 01:00 Berlin, for 4 elapsed hours, until the end of 2025
-- Pune: no DST; the 2nd Tuesday of each month at 22:00 for 6 hours (spans midnight)
INSERT INTO maintenance_window (organization_id, id, site_id, name, recurrence, iso_weekday, month_week, start_time, duration_hours, capacity_hours, effective_from, effective_until) VALUES
  ('00000000-0000-0000-0000-0000000000a1', '00000000-0000-0000-0000-0000000000f4', '00000000-0000-0000-0000-00000000b003',
   'Patch Tuesday', 'monthly', 2, 2, '22:00', 6, 5, '2025-01-01', NULL),
  ('00000000-0000-0000-0000-0000000000a1', '00000000-0000-0000-0000-0000000000f5', '00000000-0000-0000-0000-00000000b001',
   'Last Sunday', 'monthly', 7, -1, '01:00', 4, 4, '2025-01-01', '2025-12-31');

-- Berlin spring forward (2025-03-30): 02:30 does not exist and becomes 03:30 CEST (01:30 UTC);
-- the weeks around keep 02:30 local (01:30 UTC in winter, 00:30 UTC in summer)
SELECT local_date, starts_at, ends_at, starts_at AT TIME ZONE 'Europe/Berlin' AS local_start, ends_at AT TIME ZONE 'Europe/Berlin' AS local_end
FROM maintenance_window_occurrences('00000000-0000-0000-0000-0000000000a1', '2025-03-22', '2025-04-07')
WHERE window_id = '00000000-0000-0000-0000-0000000000f1';
-- Berlin fall back (2025-10-26): 02:30 occurs twice; the first (02:30 CEST, 00:30 UTC) is taken
SELECT local_date, starts_at, starts_at AT TIME ZONE 'Europe/Berlin' AS local_start, ends_at AT TIME ZONE 'Europe/Berlin' AS local_end
FROM maintenance_window_occurrences('00000000-0000-0000-0000-0000000000a1', '2025-10-18', '2025-11-03')
WHERE window_id = '00000000-0000-0000-0000-0000000000f1';
-- the last-Sunday window on both change nights: 4 elapsed hours end at 06:00 local in March
-- (the skipped hour is not lived) and at 04:00 local in October (the repeated hour is lived twice)
SELECT local_date, starts_at, ends_at, starts_at AT TIME ZONE 'Europe/Berlin' AS local_start, ends_at AT TIME ZONE 'Europe/Berlin' AS local_end,
       extract(epoch FROM ends_at - starts_at) / 3600 AS elapsed_hours
FROM maintenance_window_occurrences('00000000-0000-0000-0000-0000000000a1', '2025-01-01', '2026-06-01')
WHERE window_id = '00000000-0000-0000-0000-0000000000f5';
-- New York spring forward (2025-03-09): 02:30 becomes 03:30 EDT; 01:30 exists
SELECT window_id, local_date, starts_at, starts_at AT TIME ZONE 'America/New_York' AS local_start
FROM maintenance_window_occurrences('00000000-0000-0000-0000-0000000000a1', '2025-03-01', '2025-03-17')
WHERE site_id = '00000000-0000-0000-0000-00000000b002' ORDER BY window_id, starts_at;
-- New York fall back (2025-11-02): 01:30 occurs twice; the first (01:30 EDT, 05:30 UTC) is taken
SELECT window_id, local_date, starts_at, starts_at AT TIME ZONE 'America/New_York' AS local_start, ends_at AT TIME ZONE 'America/New_York' AS local_end
FROM maintenance_window_occurrences('00000000-0000-0000-0000-0000000000a1', '2025-10-25', '2025-11-10')
WHERE site_id = '00000000-0000-0000-0000-00000000b002' ORDER BY window_id, starts_at;
-- Pune (UTC+05:30, no DST): 2nd Tuesday 22:00 local = 16:30 UTC all year
SELECT local_date, starts_at, ends_at FROM maintenance_window_occurrences('00000000-0000-0000-0000-0000000000a1', '2025-01-01', '2025-07-01')
WHERE window_id = '00000000-0000-0000-0000-0000000000f4';
-- the result does not depend on the session's time zone
SET TimeZone = 'Pacific/Auckland';
SELECT count(*), min(starts_at AT TIME ZONE 'UTC'), max(starts_at AT TIME ZONE 'UTC')
FROM maintenance_window_occurrences('00000000-0000-0000-0000-0000000000a1', '2025-03-22 00:00+00', '2025-11-03 00:00+00');
SET TimeZone = 'UTC';
SELECT count(*), min(starts_at AT TIME ZONE 'UTC'), max(starts_at AT TIME ZONE 'UTC')
FROM maintenance_window_occurrences('00000000-0000-0000-0000-0000000000a1', '2025-03-22 00:00+00', '2025-11-03 00:00+00');
-- the n-th weekday: first, fourth and last Monday of 2025's first months; last Friday of February
SELECT maintenance_window_dates('monthly', 1, 1, '2025-01-01', '2025-03-31') AS first_monday;
SELECT maintenance_window_dates('monthly', 1, 4, '2025-01-01', '2025-03-31') AS fourth_monday;
SELECT maintenance_window_dates('monthly', 1, -1, '2025-01-01', '2025-03-31') AS last_monday;
SELECT maintenance_window_dates('monthly', 5, -1, '2024-02-01', '2024-02-29') AS last_friday_leap_february;
-- local_time_at alone
SELECT local_time_at('2025-03-30 02:00', 'Europe/Berlin') AS gap_start, local_time_at('2025-10-26 02:59:59', 'Europe/Berlin') AS overlap_end,
       local_time_at('2025-10-26 03:00', 'Europe/Berlin') AS after_overlap, local_time_at('2025-07-01 12:00', 'Asia/Kolkata') AS no_dst;

-- a cancelled occurrence disappears; a date the window does not fall on is refused
INSERT INTO maintenance_window_cancellation (organization_id, window_id, local_date, reason) VALUES
  ('00000000-0000-0000-0000-0000000000a1', '00000000-0000-0000-0000-0000000000f1', '2025-03-30', 'Production campaign');
SELECT local_date FROM maintenance_window_occurrences('00000000-0000-0000-0000-0000000000a1', '2025-03-22', '2025-04-07')
WHERE window_id = '00000000-0000-0000-0000-0000000000f1';
INSERT INTO maintenance_window_cancellation (organization_id, window_id, local_date, reason) VALUES
  ('00000000-0000-0000-0000-0000000000a1', '00000000-0000-0000-0000-0000000000f1', '2025-03-31', 'a Monday');
\echo :LAST_ERROR_SQLSTATE
DELETE FROM maintenance_window_cancellation;

-- bad windows: capacity above duration, monthly without month_week, weekly with one, week 5,
-- weekday 0, zero duration, until before from, a site of another organisation
INSERT INTO maintenance_window (organization_id, site_id, name, recurrence, iso_weekday, start_time, duration_hours, capacity_hours, effective_from)
VALUES ('00000000-0000-0000-0000-0000000000a1', '00000000-0000-0000-0000-00000000b001', 'bad', 'weekly', 7, '02:00', 2, 3, '2025-01-01');
\echo :LAST_ERROR_SQLSTATE
INSERT INTO maintenance_window (organization_id, site_id, name, recurrence, iso_weekday, start_time, duration_hours, capacity_hours, effective_from)
VALUES ('00000000-0000-0000-0000-0000000000a1', '00000000-0000-0000-0000-00000000b001', 'bad', 'monthly', 7, '02:00', 2, 1, '2025-01-01');
\echo :LAST_ERROR_SQLSTATE
INSERT INTO maintenance_window (organization_id, site_id, name, recurrence, iso_weekday, month_week, start_time, duration_hours, capacity_hours, effective_from)
VALUES ('00000000-0000-0000-0000-0000000000a1', '00000000-0000-0000-0000-00000000b001', 'bad', 'weekly', 7, 2, '02:00', 2, 1, '2025-01-01');
\echo :LAST_ERROR_SQLSTATE
INSERT INTO maintenance_window (organization_id, site_id, name, recurrence, iso_weekday, month_week, start_time, duration_hours, capacity_hours, effective_from)
VALUES ('00000000-0000-0000-0000-0000000000a1', '00000000-0000-0000-0000-00000000b001', 'bad', 'monthly', 7, 5, '02:00', 2, 1, '2025-01-01');
\echo :LAST_ERROR_SQLSTATE
INSERT INTO maintenance_window (organization_id, site_id, name, recurrence, iso_weekday, start_time, duration_hours, capacity_hours, effective_from)
VALUES ('00000000-0000-0000-0000-0000000000a1', '00000000-0000-0000-0000-00000000b001', 'bad', 'weekly', 0, '02:00', 2, 1, '2025-01-01');
\echo :LAST_ERROR_SQLSTATE
INSERT INTO maintenance_window (organization_id, site_id, name, recurrence, iso_weekday, start_time, duration_hours, capacity_hours, effective_from)
VALUES ('00000000-0000-0000-0000-0000000000a1', '00000000-0000-0000-0000-00000000b001', 'bad', 'weekly', 7, '02:00', 0, 0, '2025-01-01');
\echo :LAST_ERROR_SQLSTATE
INSERT INTO maintenance_window (organization_id, site_id, name, recurrence, iso_weekday, start_time, duration_hours, capacity_hours, effective_from, effective_until)
VALUES ('00000000-0000-0000-0000-0000000000a1', '00000000-0000-0000-0000-00000000b001', 'bad', 'weekly', 7, '02:00', 2, 1, '2025-01-01', '2024-12-31');
\echo :LAST_ERROR_SQLSTATE
INSERT INTO maintenance_window (organization_id, site_id, name, recurrence, iso_weekday, start_time, duration_hours, capacity_hours, effective_from)
VALUES ('00000000-0000-0000-0000-0000000000a1', '00000000-0000-0000-0000-00000000b009', 'bad', 'weekly', 7, '02:00', 2, 1, '2025-01-01');
\echo :LAST_ERROR_SQLSTATE
INSERT INTO maintenance_window (organization_id, site_id, name, recurrence, iso_weekday, start_time, duration_hours, capacity_hours, effective_from)
VALUES ('00000000-0000-0000-0000-0000000000a1', '00000000-0000-0000-0000-00000000b001', 'bad', 'weekly', 7, '25:00', 2, 1, '2025-01-01');
\echo :LAST_ERROR_SQLSTATE
SELECT count(*) AS windows FROM maintenance_window;

-- Placement.  Berlin weekly window: 3 h capacity per Sunday; New York: two windows each Sunday.
-- Items: priority order (highest first, ties by not_before, then id), back to back, no overfill.
-- 05 is longer than any capacity; 03 ties with 02 on priority but has the earlier not_before;
-- 0b finds both Berlin Sundays full; 08 and 0a have no occurrence after their not_before in the
-- 14 days; 09 is at a site without windows.
CREATE TEMP TABLE plan AS
SELECT * FROM plan_maintenance('00000000-0000-0000-0000-0000000000a1', $$[
  {"id": "00000000-0000-0000-0000-000000000001", "site_id": "00000000-0000-0000-0000-00000000b001", "duration_hours": 2, "priority": 40},
  {"id": "00000000-0000-0000-0000-000000000002", "site_id": "00000000-0000-0000-0000-00000000b001", "duration_hours": 1.5, "priority": 90},
  {"id": "00000000-0000-0000-0000-000000000003", "site_id": "00000000-0000-0000-0000-00000000b001", "duration_hours": 1.5, "priority": 90,
   "not_before": "2025-02-01T00:00:00Z"},
  {"id": "00000000-0000-0000-0000-000000000004", "site_id": "00000000-0000-0000-0000-00000000b001", "duration_hours": 1, "priority": 40},
  {"id": "00000000-0000-0000-0000-000000000005", "site_id": "00000000-0000-0000-0000-00000000b001", "duration_hours": 4.5, "priority": 99},
  {"id": "00000000-0000-0000-0000-000000000006", "site_id": "00000000-0000-0000-0000-00000000b002", "duration_hours": 2.5, "priority": 50},
  {"id": "00000000-0000-0000-0000-000000000007", "site_id": "00000000-0000-0000-0000-00000000b002", "duration_hours": 1.5, "priority": 50},
  {"id": "00000000-0000-0000-0000-000000000008", "site_id": "00000000-0000-0000-0000-00000000b002", "duration_hours": 1, "priority": 10,
   "not_before": "2025-03-16T00:00:00Z"},
  {"id": "00000000-0000-0000-0000-000000000009", "site_id": "00000000-0000-0000-0000-00000000b004", "duration_hours": 1, "priority": 5},
  {"id": "00000000-0000-0000-0000-00000000000b", "site_id": "00000000-0000-0000-0000-00000000b001", "duration_hours": 1, "priority": 30},
  {"id": "00000000-0000-0000-0000-00000000000a", "site_id": "00000000-0000-0000-0000-00000000b001", "duration_hours": 1, "priority": 1,
   "not_before": "2026-01-01T00:00:00Z"}
]$$, '2025-03-01 00:00+00', 14);
SELECT right(item_id::text, 2) AS item, placement_order AS ord, priority, duration_hours AS h, right(window_id::text, 2) AS win, local_date,
       planned_start, planned_end, unplaced_reason
FROM plan ORDER BY placement_order;
-- used hours per occurrence never exceed its capacity
SELECT right(p.window_id::text, 2) AS win, p.local_date, sum(p.duration_hours) AS used, min(o.capacity_hours) AS capacity
FROM plan p JOIN maintenance_window_occurrences('00000000-0000-0000-0000-0000000000a1', '2025-03-01', '2025-03-15') o
  ON o.window_id = p.window_id AND o.local_date = p.local_date
GROUP BY 1, 2 ORDER BY 1, 2;
-- an empty list plans nothing
SELECT count(*) FROM plan_maintenance('00000000-0000-0000-0000-0000000000a1', '[]', '2025-03-01', 14);

-- bad input to the planner
SELECT * FROM plan_maintenance('00000000-0000-0000-0000-0000000000a1', '{"id": 1}', '2025-03-01', 14);
\echo :LAST_ERROR_SQLSTATE
SELECT * FROM plan_maintenance('00000000-0000-0000-0000-0000000000a1', '[{"id": "00000000-0000-0000-0000-000000000001", "site_id": "00000000-0000-0000-0000-00000000b001", "duration": 2, "priority": 1}]', '2025-03-01', 14);
\echo :LAST_ERROR_SQLSTATE
SELECT * FROM plan_maintenance('00000000-0000-0000-0000-0000000000a1', '[{"id": "00000000-0000-0000-0000-000000000001", "site_id": "00000000-0000-0000-0000-00000000b001", "duration_hours": "2", "priority": 1}]', '2025-03-01', 14);
\echo :LAST_ERROR_SQLSTATE
SELECT * FROM plan_maintenance('00000000-0000-0000-0000-0000000000a1', '[{"id": "00000000-0000-0000-0000-000000000001", "site_id": "00000000-0000-0000-0000-00000000b001", "duration_hours": 0, "priority": 1}]', '2025-03-01', 14);
\echo :LAST_ERROR_SQLSTATE
SELECT * FROM plan_maintenance('00000000-0000-0000-0000-0000000000a1', '[{"id": "00000000-0000-0000-0000-000000000001", "site_id": "00000000-0000-0000-0000-00000000b009", "duration_hours": 1, "priority": 1}]', '2025-03-01', 14);
\echo :LAST_ERROR_SQLSTATE
SELECT * FROM plan_maintenance('00000000-0000-0000-0000-0000000000a1', '[{"id": "not-a-uuid", "site_id": "00000000-0000-0000-0000-00000000b001", "duration_hours": 1, "priority": 1}]', '2025-03-01', 14);
\echo :LAST_ERROR_SQLSTATE
SELECT * FROM plan_maintenance('00000000-0000-0000-0000-0000000000a1', '[{"id": "00000000-0000-0000-0000-000000000001", "site_id": "00000000-0000-0000-0000-00000000b001", "duration_hours": 1, "priority": 1},
  {"id": "00000000-0000-0000-0000-000000000001", "site_id": "00000000-0000-0000-0000-00000000b001", "duration_hours": 1, "priority": 2}]', '2025-03-01', 14);
\echo :LAST_ERROR_SQLSTATE
SELECT * FROM plan_maintenance('00000000-0000-0000-0000-0000000000a1', '[{"id": "00000000-0000-0000-0000-000000000001", "site_id": "00000000-0000-0000-0000-00000000b001", "duration_hours": 1, "priority": 1, "not_before": "soon"}]', '2025-03-01', 14);
\echo :LAST_ERROR_SQLSTATE
SELECT * FROM plan_maintenance('00000000-0000-0000-0000-0000000000a1', '[]', '2025-03-01', 0);
\echo :LAST_ERROR_SQLSTATE
SELECT * FROM plan_maintenance('00000000-0000-0000-0000-0000000000a1', '[]', 'infinity', 14);
\echo :LAST_ERROR_SQLSTATE
SELECT * FROM plan_maintenance('00000000-0000-0000-0000-0000000000a1', NULL, '2025-03-01', 14);
\echo :LAST_ERROR_SQLSTATE
-- the C core rejects inconsistent arrays
SELECT * FROM maintenance_plan_assign('{1}', '{1,2}', '{2025-01-01}', '{}', '{}', '{}');
\echo :LAST_ERROR_SQLSTATE
SELECT * FROM maintenance_plan_assign('{1}', '{0}', '{2025-01-01}', '{}', '{}', '{}');
\echo :LAST_ERROR_SQLSTATE
SELECT * FROM maintenance_plan_assign('{1}', '{1}', '{2025-01-01}', '{1}', '{2025-01-01}', '{-5}');
\echo :LAST_ERROR_SQLSTATE
SELECT * FROM maintenance_plan_assign('{NULL}', '{1}', '{2025-01-01}', '{}', '{}', '{}');
\echo :LAST_ERROR_SQLSTATE

-- the calendar: 8 weeks from now, one row per occurrence, unique ids
SELECT count(*) = count(DISTINCT id) AS unique_ids, bool_and(starts_at >= now() AND starts_at < now() + interval '56 days') AS within_8_weeks,
       count(*) FILTER (WHERE window_name = 'Sunday night') AS sunday_night
FROM maintenance_window_calendar;

DROP EXTENSION iec62443p2;
DROP SCHEMA iec62443p2;
