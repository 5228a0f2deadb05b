-- Maintenance windows (BRIEF 4.E, issue 5 "Maintenance windows"): recurring windows per site in
-- the site's time zone, their occurrences, cancelled occurrences, and the placement of work
-- items (e.g. approved patch deployments) into the next occurrences without overfilling them.
--
-- Time rules (see local_time_at):
--   * a window starts at a local wall-clock time in its site's zone, so a 02:00 window keeps 02:00
--     local across daylight-saving changes;
--   * a local start that does not exist (spring-forward gap) is read with the offset in force
--     before the change, PostgreSQL's rule: 02:30 on the day Europe/Berlin springs forward is
--     03:30 CEST (01:30 UTC);
--   * a local start that occurs twice (fall-back overlap) is the first of the two instants
--     (daylight time): 02:30 on the day Europe/Berlin falls back is 02:30 CEST (00:30 UTC);
--   * duration_hours is elapsed time: a 4-hour window starting at 01:00 local in Europe/Berlin ends
--     4 real hours later, at 04:00 local on a fall-back night (the repeated hour is lived twice)
--     and at 06:00 local on a spring-forward night (the skipped hour is not lived).
-- Occurrences are dated by the local date they start on.

CREATE TABLE @extschema@.maintenance_window (
  organization_id uuid NOT NULL REFERENCES @extschema@.organization (id),
  id              uuid NOT NULL DEFAULT pg_catalog.gen_random_uuid(),
  site_id         uuid NOT NULL,
  name            text NOT NULL CONSTRAINT maintenance_window_name_not_blank CHECK (pg_catalog.btrim(name) <> ''),
  recurrence      text NOT NULL CONSTRAINT maintenance_window_recurrence CHECK (recurrence IN ('weekly', 'monthly')),
  iso_weekday     smallint NOT NULL CONSTRAINT maintenance_window_iso_weekday CHECK (iso_weekday BETWEEN 1 AND 7),
  month_week      smallint CONSTRAINT maintenance_window_month_week CHECK (month_week IN (1, 2, 3, 4, -1)),
  start_time      time NOT NULL,
  duration_hours  numeric(5,2) NOT NULL CONSTRAINT maintenance_window_duration CHECK (duration_hours > 0 AND duration_hours <= 168),
  capacity_hours  numeric(5,2) NOT NULL CONSTRAINT maintenance_window_capacity CHECK (capacity_hours > 0),
  effective_from  date NOT NULL,
  effective_until date,
  active          boolean NOT NULL DEFAULT true,
  description     text,
  created_at      timestamptz NOT NULL DEFAULT pg_catalog.now(),
  updated_at      timestamptz NOT NULL DEFAULT pg_catalog.now(),
  PRIMARY KEY (organization_id, id),
  UNIQUE (organization_id, site_id, name),
  CONSTRAINT maintenance_window_capacity_within_duration CHECK (capacity_hours <= duration_hours),
  CONSTRAINT maintenance_window_month_week_when_monthly CHECK ((recurrence = 'monthly') = (month_week IS NOT NULL)),
  CONSTRAINT maintenance_window_effective_period CHECK (effective_until >= effective_from),
  FOREIGN KEY (organization_id, site_id) REFERENCES @extschema@.site (organization_id, id)
);
CREATE TRIGGER maintenance_window_touch_updated_at BEFORE UPDATE ON @extschema@.maintenance_window
  FOR EACH ROW EXECUTE FUNCTION @extschema@.touch_updated_at();
COMMENT ON TABLE @extschema@.maintenance_window IS
  'Recurring maintenance windows of a site, in the site''s local time: weekly on an ISO weekday, or monthly on the n-th '
  '(1-4) or last weekday of the month, at a local start time, for an elapsed duration, with a capacity of work hours.';
COMMENT ON COLUMN @extschema@.maintenance_window.organization_id IS 'Owning organisation.';
COMMENT ON COLUMN @extschema@.maintenance_window.id IS 'Identifier.';
COMMENT ON COLUMN @extschema@.maintenance_window.site_id IS 'The site; its time_zone gives the window''s local time.';
COMMENT ON COLUMN @extschema@.maintenance_window.name IS 'Window name, unique per site, e.g. Weekly Sunday shutdown.';
COMMENT ON COLUMN @extschema@.maintenance_window.recurrence IS 'weekly (every iso_weekday) or monthly (the month_week-th iso_weekday of each month).';
COMMENT ON COLUMN @extschema@.maintenance_window.iso_weekday IS 'ISO weekday the window starts on: 1 Monday .. 7 Sunday.';
COMMENT ON COLUMN @extschema@.maintenance_window.month_week IS
  'For monthly windows (required then, NULL for weekly): 1..4 for the first to fourth such weekday of the month, -1 for the last.';
COMMENT ON COLUMN @extschema@.maintenance_window.start_time IS
  'Local start time in the site''s zone (a time in a spring-forward gap starts one hour later; in a fall-back overlap, at its first instant).';
COMMENT ON COLUMN @extschema@.maintenance_window.duration_hours IS 'Length of the window in elapsed hours (0 < h <= 168), also across a DST change.';
COMMENT ON COLUMN @extschema@.maintenance_window.capacity_hours IS 'Work hours one occurrence can take (at most duration_hours).';
COMMENT ON COLUMN @extschema@.maintenance_window.effective_from IS 'First local date an occurrence may start on.';
COMMENT ON COLUMN @extschema@.maintenance_window.effective_until IS 'Last local date an occurrence may start on; NULL: open-ended.';
COMMENT ON COLUMN @extschema@.maintenance_window.active IS 'False: the window has no occurrences (suspended).';
COMMENT ON COLUMN @extschema@.maintenance_window.description IS 'What the window is for, who must be present.';
COMMENT ON COLUMN @extschema@.maintenance_window.created_at IS 'When the row was created.';
COMMENT ON COLUMN @extschema@.maintenance_window.updated_at IS 'When the row was last updated.';

CREATE TABLE @extschema@.maintenance_window_cancellation (
  organization_id uuid NOT NULL REFERENCES @extschema@.organization (id),
  id              uuid NOT NULL DEFAULT pg_catalog.gen_random_uuid(),
  window_id       uuid NOT NULL,
  local_date      date NOT NULL,
  reason          text NOT NULL CONSTRAINT maintenance_window_cancellation_reason_not_blank CHECK (pg_catalog.btrim(reason) <> ''),
  created_at      timestamptz NOT NULL DEFAULT pg_catalog.now(),
  PRIMARY KEY (organization_id, id),
  UNIQUE (organization_id, window_id, local_date),
  FOREIGN KEY (organization_id, window_id) REFERENCES @extschema@.maintenance_window (organization_id, id) ON DELETE CASCADE
);
COMMENT ON TABLE @extschema@.maintenance_window_cancellation IS
  'One cancelled occurrence of a maintenance window (e.g. a production campaign): the window has no occurrence on that local date.';
COMMENT ON COLUMN @extschema@.maintenance_window_cancellation.organization_id IS 'Owning organisation.';
COMMENT ON COLUMN @extschema@.maintenance_window_cancellation.id IS 'Identifier.';
COMMENT ON COLUMN @extschema@.maintenance_window_cancellation.window_id IS 'The window.';
COMMENT ON COLUMN @extschema@.maintenance_window_cancellation.local_date IS 'Local start date of the cancelled occurrence (must be one of the window''s dates).';
COMMENT ON COLUMN @extschema@.maintenance_window_cancellation.reason IS 'Why it is cancelled.';
COMMENT ON COLUMN @extschema@.maintenance_window_cancellation.created_at IS 'When the row was created.';

-- The instant of a local wall-clock time in a zone, by the rules at the top of this file.  The
-- offset "before" is the one in force 24 hours before PostgreSQL's reading; intervals are in hours
-- only, so the result does not depend on the session's TimeZone.
CREATE FUNCTION @extschema@.local_time_at(local_time timestamp, time_zone text)
RETURNS timestamptz
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
RETURN (
  SELECT CASE WHEN e.early < e.late AND (e.early AT TIME ZONE local_time_at.time_zone) = local_time_at.local_time
              THEN e.early ELSE e.late END
  FROM (SELECT l.late,
               (local_time_at.local_time AT TIME ZONE 'UTC')
               - (((l.late - interval '24 hours') AT TIME ZONE local_time_at.time_zone)
                  - ((l.late - interval '24 hours') AT TIME ZONE 'UTC')) AS early
        FROM (SELECT local_time_at.local_time AT TIME ZONE local_time_at.time_zone AS late) l) e);
COMMENT ON FUNCTION @extschema@.local_time_at(timestamp, text) IS
  'The instant a local wall-clock time names in a time zone: a time in a spring-forward gap is read with the offset '
  'before the change (02:30 -> 03:30 new time, PostgreSQL''s rule); a time that occurs twice (fall back) is its first '
  'instant, in daylight time (PostgreSQL alone would take the second).';

-- The local dates a recurrence falls on within [first_date, last_date].
CREATE FUNCTION @extschema@.maintenance_window_dates(recurrence text, iso_weekday integer, month_week integer,
                                                     first_date date, last_date date)
RETURNS SETOF date
LANGUAGE sql IMMUTABLE PARALLEL SAFE
BEGIN ATOMIC
  SELECT x.d
  FROM (SELECT (s.f + 7 * k.k) AS d
        FROM (SELECT maintenance_window_dates.first_date
                     + (maintenance_window_dates.iso_weekday - pg_catalog.date_part('isodow', maintenance_window_dates.first_date)::integer + 7) % 7 AS f) s
        CROSS JOIN pg_catalog.generate_series(0, (maintenance_window_dates.last_date - maintenance_window_dates.first_date) / 7) k(k)
        WHERE maintenance_window_dates.recurrence = 'weekly'
        UNION ALL
        SELECT CASE WHEN maintenance_window_dates.month_week > 0
                    THEN m.m + (maintenance_window_dates.iso_weekday - pg_catalog.date_part('isodow', m.m)::integer + 7) % 7
                             + 7 * (maintenance_window_dates.month_week - 1)
                    ELSE m.l - (pg_catalog.date_part('isodow', m.l)::integer - maintenance_window_dates.iso_weekday + 7) % 7
               END
        FROM (SELECT g.m::date AS m, (g.m + interval '1 month' - interval '1 day')::date AS l
              FROM pg_catalog.generate_series(pg_catalog.date_trunc('month', maintenance_window_dates.first_date::timestamp),
                                              pg_catalog.date_trunc('month', maintenance_window_dates.last_date::timestamp),
                                              interval '1 month') g(m)) m
        WHERE maintenance_window_dates.recurrence = 'monthly' AND maintenance_window_dates.month_week IN (1, 2, 3, 4, -1)) x
  WHERE x.d BETWEEN maintenance_window_dates.first_date AND maintenance_window_dates.last_date
  ORDER BY x.d;
END;
COMMENT ON FUNCTION @extschema@.maintenance_window_dates(text, integer, integer, date, date) IS
  'The local dates between first_date and last_date (inclusive) that a recurrence falls on: weekly on an ISO weekday '
  '(1 Monday .. 7 Sunday), or monthly on the month_week-th (1..4) or last (-1) such weekday; none for anything else.';

CREATE FUNCTION @extschema@.maintenance_window_occurrences(organization_id uuid, from_time timestamptz, to_time timestamptz)
RETURNS TABLE (window_id uuid, site_id uuid, local_date date, starts_at timestamptz, ends_at timestamptz, capacity_hours numeric)
LANGUAGE sql STABLE STRICT PARALLEL SAFE
BEGIN ATOMIC
  SELECT w.id, w.site_id, d.d, o.starts_at, o.starts_at + w.duration_hours * interval '1 hour', w.capacity_hours
  FROM @extschema@.maintenance_window w
  JOIN @extschema@.site s ON s.organization_id = w.organization_id AND s.id = w.site_id
  CROSS JOIN LATERAL @extschema@.maintenance_window_dates(
      w.recurrence, w.iso_weekday, w.month_week,
      GREATEST((maintenance_window_occurrences.from_time AT TIME ZONE s.time_zone)::date - 1, w.effective_from),
      LEAST((maintenance_window_occurrences.to_time AT TIME ZONE s.time_zone)::date + 1, w.effective_until)) d(d)
  CROSS JOIN LATERAL (SELECT @extschema@.local_time_at(d.d + w.start_time, s.time_zone) AS starts_at) o
  WHERE w.organization_id = maintenance_window_occurrences.organization_id
    AND w.active
    AND o.starts_at >= maintenance_window_occurrences.from_time
    AND o.starts_at < maintenance_window_occurrences.to_time
    AND NOT EXISTS (SELECT 1 FROM @extschema@.maintenance_window_cancellation c
                    WHERE c.organization_id = w.organization_id AND c.window_id = w.id AND c.local_date = d.d)
  ORDER BY o.starts_at, w.id;
END;
COMMENT ON FUNCTION @extschema@.maintenance_window_occurrences(uuid, timestamptz, timestamptz) IS
  'The occurrences of an organisation''s active maintenance windows starting in [from_time, to_time): window, site, '
  'local start date, start and end instants (local start time in the site''s zone, see local_time_at; end = start + '
  'duration in elapsed hours) and capacity hours; cancelled occurrences and dates outside effective_from..until are left out.';

CREATE FUNCTION @extschema@.maintenance_window_cancellation_check()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  w @extschema@.maintenance_window;
BEGIN
  SELECT * INTO w FROM @extschema@.maintenance_window x
  WHERE x.organization_id = NEW.organization_id AND x.id = NEW.window_id;
  IF FOUND AND NOT EXISTS (
       SELECT 1 FROM @extschema@.maintenance_window_dates(w.recurrence, w.iso_weekday, w.month_week, NEW.local_date, NEW.local_date)) THEN
    RAISE EXCEPTION 'maintenance_window_cancellation: window "%" has no occurrence on %', w.name, NEW.local_date
      USING ERRCODE = 'invalid_parameter_value';
  END IF;
  RETURN NEW;
END
$$;
COMMENT ON FUNCTION @extschema@.maintenance_window_cancellation_check() IS
  'Trigger function: a cancellation names a local date the window''s recurrence falls on (22023 otherwise).';
CREATE TRIGGER maintenance_window_cancellation_check BEFORE INSERT OR UPDATE ON @extschema@.maintenance_window_cancellation
  FOR EACH ROW EXECUTE FUNCTION @extschema@.maintenance_window_cancellation_check();

CREATE FUNCTION @extschema@.maintenance_plan_assign(item_site integer[], item_duration bigint[], item_not_before timestamptz[],
                                                    occurrence_site integer[], occurrence_start timestamptz[],
                                                    occurrence_capacity bigint[])
RETURNS TABLE (item_no integer, occurrence_no integer, planned_start timestamptz, unplaced_reason text)
AS 'MODULE_PATHNAME', 'maintenance_plan_assign'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.maintenance_plan_assign(integer[], bigint[], timestamptz[], integer[], timestamptz[], bigint[]) IS
  'The placement core of plan_maintenance (C): items (site key, duration and not-before, in microseconds and instants) in '
  'the order given, placed first-fit into occurrences (site key, start, capacity in microseconds), back to back, never '
  'overfilled; one row per item (1-based), with its occurrence (1-based) and planned start, or the reason it is '
  'unplaced: no_window, too_long, no_window_after_not_before, no_capacity.';

CREATE FUNCTION @extschema@.plan_maintenance(organization_id uuid, items jsonb, from_time timestamptz, horizon_days integer)
RETURNS TABLE (item_id uuid, site_id uuid, duration_hours numeric, priority numeric, not_before timestamptz,
               placement_order integer, window_id uuid, local_date date, occurrence_starts_at timestamptz,
               occurrence_ends_at timestamptz, planned_start timestamptz, planned_end timestamptz, unplaced_reason text)
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
#variable_conflict use_column
DECLARE
  bad record;
BEGIN
  IF plan_maintenance.organization_id IS NULL OR plan_maintenance.items IS NULL
     OR plan_maintenance.from_time IS NULL OR plan_maintenance.horizon_days IS NULL THEN
    RAISE EXCEPTION 'plan_maintenance: organization_id, items, from_time and horizon_days are required'
      USING ERRCODE = 'null_value_not_allowed';
  END IF;
  IF NOT pg_catalog.isfinite(plan_maintenance.from_time) THEN
    RAISE EXCEPTION 'plan_maintenance: from_time % is not finite', plan_maintenance.from_time
      USING ERRCODE = 'invalid_parameter_value';
  END IF;
  IF plan_maintenance.horizon_days NOT BETWEEN 1 AND 3660 THEN
    RAISE EXCEPTION 'plan_maintenance: horizon_days % is outside 1..3660', plan_maintenance.horizon_days
      USING ERRCODE = 'invalid_parameter_value';
  END IF;
  IF pg_catalog.jsonb_typeof(plan_maintenance.items) <> 'array' THEN
    RAISE EXCEPTION 'plan_maintenance: items must be a JSON array of objects, not %', pg_catalog.jsonb_typeof(plan_maintenance.items)
      USING ERRCODE = 'invalid_parameter_value';
  END IF;
  -- every element an object with exactly the known keys, the required ones present and of the right JSON type
  SELECT e.ord, e.v INTO bad
  FROM pg_catalog.jsonb_array_elements(plan_maintenance.items) WITH ORDINALITY e(v, ord)
  WHERE pg_catalog.jsonb_typeof(e.v) <> 'object'
     OR NOT (e.v ?& ARRAY['id', 'site_id', 'duration_hours', 'priority'])
     OR EXISTS (SELECT 1 FROM pg_catalog.jsonb_object_keys(e.v) k
                WHERE k NOT IN ('id', 'site_id', 'duration_hours', 'priority', 'not_before'))
     OR pg_catalog.jsonb_typeof(e.v -> 'duration_hours') <> 'number'
     OR pg_catalog.jsonb_typeof(e.v -> 'priority') <> 'number'
     OR pg_catalog.jsonb_typeof(e.v -> 'not_before') NOT IN ('string', 'null')
  ORDER BY e.ord LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'plan_maintenance: item % (%) is not an object of id, site_id, duration_hours (number), priority (number) and optional not_before (timestamp)',
      bad.ord, pg_catalog.left(bad.v::text, 200)
      USING ERRCODE = 'invalid_parameter_value';
  END IF;
  SELECT x.id, x.site_id, x.duration_hours INTO bad
  FROM pg_catalog.jsonb_to_recordset(plan_maintenance.items) AS x(id uuid, site_id uuid, duration_hours numeric, priority numeric, not_before timestamptz)
  WHERE x.duration_hours <= 0 OR x.duration_hours > 8760 OR x.id IS NULL OR x.site_id IS NULL
     OR NOT EXISTS (SELECT 1 FROM @extschema@.site s WHERE s.organization_id = plan_maintenance.organization_id AND s.id = x.site_id)
  LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'plan_maintenance: item %: duration_hours % must be in (0, 8760] and site % a site of the organisation',
      bad.id, bad.duration_hours, bad.site_id
      USING ERRCODE = 'invalid_parameter_value';
  END IF;
  SELECT x.id INTO bad
  FROM pg_catalog.jsonb_to_recordset(plan_maintenance.items) AS x(id uuid)
  GROUP BY x.id HAVING pg_catalog.count(*) > 1 LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'plan_maintenance: item % appears more than once', bad.id
      USING ERRCODE = 'invalid_parameter_value';
  END IF;

  RETURN QUERY
  WITH it AS MATERIALIZED (
    SELECT x.id, x.site_id, x.duration_hours, x.priority,
           coalesce(x.not_before, plan_maintenance.from_time) AS not_before,
           pg_catalog.round(x.duration_hours * 3600000000)::bigint AS duration_us,
           pg_catalog.row_number() OVER (ORDER BY x.priority DESC, coalesce(x.not_before, plan_maintenance.from_time), x.id)::integer AS ord,
           pg_catalog.dense_rank() OVER (ORDER BY x.site_id)::integer AS site_key
    FROM pg_catalog.jsonb_to_recordset(plan_maintenance.items)
         AS x(id uuid, site_id uuid, duration_hours numeric, priority numeric, not_before timestamptz)
  ), sites AS (
    SELECT DISTINCT it.site_id, it.site_key FROM it
  ), occ AS MATERIALIZED (
    SELECT o.window_id, o.local_date, o.starts_at, o.ends_at, s.site_key,
           pg_catalog.round(o.capacity_hours * 3600000000)::bigint AS capacity_us,
           pg_catalog.row_number() OVER (ORDER BY o.starts_at, o.window_id)::integer AS occ_no
    FROM @extschema@.maintenance_window_occurrences(plan_maintenance.organization_id, plan_maintenance.from_time,
                                                    plan_maintenance.from_time + plan_maintenance.horizon_days * interval '24 hours') o
    JOIN sites s ON s.site_id = o.site_id
  ), placed AS (
    SELECT r.item_no, r.occurrence_no, r.planned_start, r.unplaced_reason
    FROM @extschema@.maintenance_plan_assign(
      coalesce((SELECT pg_catalog.array_agg(it.site_key ORDER BY it.ord) FROM it), '{}'),
      coalesce((SELECT pg_catalog.array_agg(it.duration_us ORDER BY it.ord) FROM it), '{}'),
      coalesce((SELECT pg_catalog.array_agg(it.not_before ORDER BY it.ord) FROM it), '{}'),
      coalesce((SELECT pg_catalog.array_agg(occ.site_key ORDER BY occ.occ_no) FROM occ), '{}'),
      coalesce((SELECT pg_catalog.array_agg(occ.starts_at ORDER BY occ.occ_no) FROM occ), '{}'),
      coalesce((SELECT pg_catalog.array_agg(occ.capacity_us ORDER BY occ.occ_no) FROM occ), '{}')) r
  )
  SELECT it.id, it.site_id, it.duration_hours, it.priority, it.not_before, it.ord,
         occ.window_id, occ.local_date, occ.starts_at, occ.ends_at, p.planned_start,
         p.planned_start + it.duration_us::double precision * interval '1 microsecond',
         p.unplaced_reason
  FROM it
  JOIN placed p ON p.item_no = it.ord
  LEFT JOIN occ ON occ.occ_no = p.occurrence_no
  ORDER BY it.ord;
END
$$;
COMMENT ON FUNCTION @extschema@.plan_maintenance(uuid, jsonb, timestamptz, integer) IS
  'Places work items, a JSON array of {id, site_id, duration_hours, priority, not_before (optional, default from_time)}, '
  'into the occurrences of the organisation''s maintenance windows starting in [from_time, from_time + horizon_days x 24 h): '
  'highest priority first (ties: earlier not_before, then id), each into the earliest occurrence at its site whose next '
  'free time is at or after its not_before and whose remaining capacity takes it, back to back from the occurrence''s '
  'start, never overfilled.  Every item is returned once, in placing order, with its window occurrence and planned '
  'start and end, or unplaced with a reason: no_window (none at the site in the horizon), too_long (longer than every '
  'occurrence''s capacity), no_window_after_not_before, no_capacity.  Bad input: 22023 (22004 for NULL arguments, '
  '22P02 for an unparsable id).';

CREATE VIEW @extschema@.maintenance_window_calendar WITH (security_invoker = true) AS
SELECT pg_catalog.md5(o.window_id::text || '/' || o.local_date::text)::uuid AS id,
       w.organization_id,
       o.window_id,
       w.name AS window_name,
       s.id AS site_id,
       s.code AS site_code,
       s.time_zone::text AS time_zone,
       w.recurrence,
       o.local_date,
       w.start_time AS local_start_time,
       o.starts_at,
       o.ends_at,
       (pg_catalog.date_part('epoch', (o.starts_at AT TIME ZONE s.time_zone) - (o.starts_at AT TIME ZONE 'UTC')) / 3600)::numeric(4,2)
         AS utc_offset_hours,
       w.duration_hours::numeric(5,2) AS duration_hours,
       o.capacity_hours::numeric(5,2) AS capacity_hours
FROM @extschema@.organization org
CROSS JOIN LATERAL @extschema@.maintenance_window_occurrences(org.id, pg_catalog.now(), pg_catalog.now() + interval '56 days') o
JOIN @extschema@.maintenance_window w ON w.organization_id = org.id AND w.id = o.window_id
JOIN @extschema@.site s ON s.organization_id = w.organization_id AND s.id = w.site_id;
COMMENT ON VIEW @extschema@.maintenance_window_calendar IS
  'The occurrences of every active maintenance window starting in the next 8 weeks (from now), cancelled ones left out.';
COMMENT ON COLUMN @extschema@.maintenance_window_calendar.id IS 'Identifier of the occurrence (derived from window and local date).';
COMMENT ON COLUMN @extschema@.maintenance_window_calendar.organization_id IS 'Owning organisation.';
COMMENT ON COLUMN @extschema@.maintenance_window_calendar.window_id IS 'The window (maintenance_window.id).';
COMMENT ON COLUMN @extschema@.maintenance_window_calendar.window_name IS 'Window name.';
COMMENT ON COLUMN @extschema@.maintenance_window_calendar.site_id IS 'The site.';
COMMENT ON COLUMN @extschema@.maintenance_window_calendar.site_code IS 'Site code.';
COMMENT ON COLUMN @extschema@.maintenance_window_calendar.time_zone IS 'The site''s time zone.';
COMMENT ON COLUMN @extschema@.maintenance_window_calendar.recurrence IS 'weekly or monthly.';
COMMENT ON COLUMN @extschema@.maintenance_window_calendar.local_date IS 'Local date the occurrence starts on.';
COMMENT ON COLUMN @extschema@.maintenance_window_calendar.local_start_time IS 'Local start time as defined (the actual start differs only in a DST gap).';
COMMENT ON COLUMN @extschema@.maintenance_window_calendar.starts_at IS 'Start instant.';
COMMENT ON COLUMN @extschema@.maintenance_window_calendar.ends_at IS 'End instant (start + duration in elapsed hours).';
COMMENT ON COLUMN @extschema@.maintenance_window_calendar.utc_offset_hours IS 'The site''s UTC offset at the start, in hours (shows daylight-saving time).';
COMMENT ON COLUMN @extschema@.maintenance_window_calendar.duration_hours IS 'Length in elapsed hours.';
COMMENT ON COLUMN @extschema@.maintenance_window_calendar.capacity_hours IS 'Work hours the occurrence can take.';

INSERT INTO @extschema@.object_access_class (object_name, object_class) VALUES
  ('maintenance_window', 'program'),
  ('maintenance_window_cancellation', 'program'),
  ('maintenance_window_calendar', 'view');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.maintenance_window', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.maintenance_window_cancellation', '');
