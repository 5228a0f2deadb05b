-- Benchmark: vers_contains over one million (range, version) rows of intdot ranges as CSAF
-- advisories carry them (<X; >=X|<Y; two branches; enumerations; != inside an interval), parallel
-- workers off, median of several runs.  C on a stored vers_range, C on range text, against the floor
-- (the same scan reading both columns through a trivial built-in) and against intdot containment in
-- PL/pgSQL written the way an analyst would (string_to_array, int[] comparison).  Rows come in
-- random order (the range changes from row to row, so every call parses) and sorted by range (one
-- advisory against many assets: the parsed range is cached per call site).  Run by `make bench`.
\set ON_ERROR_STOP on
SET max_parallel_workers_per_gather = 0;
SET jit = off;
SET search_path = iec62443p2, public;

SELECT setseed(0.62443);
-- intdot versions from integers, in order: k -> k/1000 . k/100%10 . k%100 (a.b for a.b.0)
CREATE FUNCTION pg_temp.v(k int) RETURNS text LANGUAGE sql IMMUTABLE AS
  $$ SELECT CASE WHEN k % 100 = 0 THEN format('%s.%s', k / 1000, (k / 100) % 10)
                 ELSE format('%s.%s.%s', k / 1000, (k / 100) % 10, k % 100) END $$;
-- 2,000 distinct ranges: five shapes, versions ascending within each
CREATE TABLE bench_range AS
SELECT id, 'vers:intdot/' || CASE id % 5
    WHEN 0 THEN '<' || pg_temp.v(k1)
    WHEN 1 THEN '>=' || pg_temp.v(k1) || '|<' || pg_temp.v(k2)
    WHEN 2 THEN '>=' || pg_temp.v(k1) || '|<' || pg_temp.v(k2) || '|>=' || pg_temp.v(k3) || '|<' || pg_temp.v(k4)
    WHEN 3 THEN pg_temp.v(k1) || '|' || pg_temp.v(k2) || '|' || pg_temp.v(k3)
    ELSE '>=' || pg_temp.v(k1) || '|!=' || pg_temp.v(k2) || '|<' || pg_temp.v(k3) END AS rt
FROM (SELECT id, k1, k2, k3, k3 + 1 + floor(random() * 900)::int AS k4
      FROM (SELECT id, k1, k2, k2 + 1 + floor(random() * 900)::int AS k3
            FROM (SELECT id, k1, k1 + 1 + floor(random() * 900)::int AS k2
                  FROM (SELECT id, floor(random() * 9000)::int AS k1 FROM generate_series(1, 2000) id) a) b) c) d;
CREATE TABLE bench_vers AS
SELECT b.rt, b.rt::vers_range AS r, g.v
FROM (SELECT 1 + floor(random() * 2000)::int AS id, pg_temp.v(floor(random() * 12000)::int) AS v
      FROM generate_series(1, 1000000)) g
JOIN bench_range b USING (id)
ORDER BY random();
VACUUM FREEZE ANALYZE bench_vers;
SELECT count(*) AS rows, count(DISTINCT rt) AS ranges, count(DISTINCT v) AS versions,
       round(avg(octet_length(rt)), 1) AS avg_range_bytes FROM bench_vers;

-- The analyst's PL/pgSQL: versions as int[] without trailing zeros (so 1.2 = 1.2.0), the range's
-- constraints in the stored (sorted) order, the spec's equality, != and interval steps.
CREATE FUNCTION plpgsql_intdot(version text) RETURNS int[] LANGUAGE plpgsql IMMUTABLE STRICT AS $$
DECLARE a int[];
BEGIN
  IF version !~ '^[0-9]+(\.[0-9]+)*$' THEN RETURN NULL; END IF;
  a := string_to_array(version, '.')::int[];
  WHILE cardinality(a) > 1 AND a[cardinality(a)] = 0 LOOP
    a := a[1:cardinality(a) - 1];
  END LOOP;
  RETURN a;
END $$;
CREATE FUNCTION plpgsql_intdot_contains(range text, version text) RETURNS boolean LANGUAGE plpgsql IMMUTABLE STRICT AS $$
DECLARE
  v int[] := plpgsql_intdot(version);
  part text; op text; c int[];
  bound_ops text[] := '{}'; bound_cmps int[] := '{}';
  only_unequal boolean := true; cmp int; i int; n int;
BEGIN
  IF v IS NULL THEN RETURN NULL; END IF;
  IF range = 'vers:intdot/*' THEN RETURN true; END IF;
  FOREACH part IN ARRAY string_to_array(substr(range, length('vers:intdot/') + 1), '|') LOOP
    op := coalesce(substring(part FROM '^(<=|>=|!=|<|>)'), '=');
    c := plpgsql_intdot(substr(part, CASE WHEN op = '=' THEN 1 ELSE length(op) + 1 END));
    cmp := CASE WHEN v < c THEN -1 WHEN v > c THEN 1 ELSE 0 END;
    IF cmp = 0 AND op IN ('=', '<=', '>=') THEN RETURN true; END IF;
    IF cmp = 0 AND op = '!=' THEN RETURN false; END IF;
    IF op <> '!=' THEN only_unequal := false; END IF;
    IF op IN ('<', '<=', '>', '>=') THEN
      bound_ops := bound_ops || op;
      bound_cmps := bound_cmps || cmp;
    END IF;
  END LOOP;
  IF only_unequal THEN RETURN true; END IF;
  n := cardinality(bound_ops);
  IF n = 0 THEN RETURN false; END IF;
  IF bound_ops[1] IN ('<', '<=') AND bound_cmps[1] < 0 THEN RETURN true; END IF;
  IF bound_ops[n] IN ('>', '>=') AND bound_cmps[n] > 0 THEN RETURN true; END IF;
  FOR i IN 1 .. n - 1 LOOP
    IF bound_ops[i] IN ('>', '>=') AND bound_ops[i + 1] IN ('<', '<=')
       AND bound_cmps[i] > 0 AND bound_cmps[i + 1] < 0 THEN
      RETURN true;
    END IF;
  END LOOP;
  RETURN false;
END $$;

-- the two agree on every row (a benchmark of a wrong implementation proves nothing)
SELECT count(*) FILTER (WHERE vers_contains(r, v)) AS contained,
       count(*) FILTER (WHERE vers_contains(r, v) IS DISTINCT FROM plpgsql_intdot_contains(rt, v)) AS disagreements
FROM bench_vers;

-- pg_temp.median_ms(query, runs) comes from bench/lib/timing.sql
CREATE TEMP TABLE result AS
SELECT 'floor: octet_length(rt) > octet_length(v), random order' AS what,
       pg_temp.median_ms('SELECT count(*) FILTER (WHERE octet_length(rt) > octet_length(v)) FROM bench_vers', 7) AS ms
UNION ALL SELECT 'C, stored vers_range, random order',
       pg_temp.median_ms('SELECT count(*) FILTER (WHERE vers_contains(r, v)) FROM bench_vers', 7)
UNION ALL SELECT 'C, range as text, random order',
       pg_temp.median_ms('SELECT count(*) FILTER (WHERE vers_contains(rt, v)) FROM bench_vers', 7)
UNION ALL SELECT 'PL/pgSQL, range as text, random order',
       pg_temp.median_ms('SELECT count(*) FILTER (WHERE plpgsql_intdot_contains(rt, v)) FROM bench_vers', 3);
-- the same rows sorted by range, alone in shared buffers
CREATE TABLE bench_vers_sorted AS SELECT * FROM bench_vers ORDER BY rt;
DROP TABLE bench_vers;
VACUUM FREEZE ANALYZE bench_vers_sorted;
INSERT INTO result
SELECT 'floor: octet_length(rt) > octet_length(v), sorted by range',
       pg_temp.median_ms('SELECT count(*) FILTER (WHERE octet_length(rt) > octet_length(v)) FROM bench_vers_sorted', 7)
UNION ALL SELECT 'C, stored vers_range, sorted by range',
       pg_temp.median_ms('SELECT count(*) FILTER (WHERE vers_contains(r, v)) FROM bench_vers_sorted', 7);

\pset footer off
SELECT what, ms, round(ms / 1000, 3) AS "µs per row" FROM result;
SELECT round((SELECT ms FROM result WHERE what = 'C, stored vers_range, random order')
             / (SELECT ms FROM result WHERE what LIKE 'floor: %random order'), 2) AS "C stored / floor",
       round((SELECT ms FROM result WHERE what = 'C, range as text, random order')
             / (SELECT ms FROM result WHERE what LIKE 'floor: %random order'), 2) AS "C text / floor",
       round((SELECT ms FROM result WHERE what = 'C, stored vers_range, sorted by range')
             / (SELECT ms FROM result WHERE what LIKE 'floor: %sorted by range'), 2) AS "C cached / floor",
       round((SELECT ms FROM result WHERE what LIKE 'PL/pgSQL%')
             / (SELECT ms FROM result WHERE what = 'C, stored vers_range, random order'), 0) AS "PL/pgSQL / C stored";
