-- Benchmark: CVSS v3.1 base scores over one million stored vectors, parallel workers off,
-- median of several runs.  The C paths against the floor (the same scan, call and numeric
-- aggregation without parsing or scoring) and against a PL/pgSQL scorer written the way an
-- analyst would write it.  Run by `make bench` (scripts/bench.sh) on a throwaway cluster.
\set ON_ERROR_STOP on
SET max_parallel_workers_per_gather = 0;
SET jit = off;
SET search_path = iec62443p2, public;

SELECT setseed(0.62443);
CREATE TABLE bench_cvss AS
SELECT 'CVSS:3.1/AV:' || (ARRAY['N','A','L','P'])[1 + floor(random() * 4)::int]
    || '/AC:' || (ARRAY['L','H'])[1 + floor(random() * 2)::int]
    || '/PR:' || (ARRAY['N','L','H'])[1 + floor(random() * 3)::int]
    || '/UI:' || (ARRAY['N','R'])[1 + floor(random() * 2)::int]
    || '/S:' || (ARRAY['U','C'])[1 + floor(random() * 2)::int]
    || '/C:' || (ARRAY['N','L','H'])[1 + floor(random() * 3)::int]
    || '/I:' || (ARRAY['N','L','H'])[1 + floor(random() * 3)::int]
    || '/A:' || (ARRAY['N','L','H'])[1 + floor(random() * 3)::int] AS vec
FROM generate_series(1, 1000000);
ALTER TABLE bench_cvss ADD COLUMN v cvss;
UPDATE bench_cvss SET v = vec::cvss;
VACUUM FREEZE ANALYZE bench_cvss;
CREATE TABLE bench_cvss_sample AS SELECT * FROM bench_cvss LIMIT 20000;
VACUUM FREEZE ANALYZE bench_cvss_sample;

-- The analyst's PL/pgSQL: check the prefix, split the vector, look each metric's weight up
-- (refusing unknown, repeated and missing metrics, as the C input function does), apply the v3.1
-- formula with its Appendix A Roundup.
CREATE FUNCTION plpgsql_cvss31_base(vector text) RETURNS numeric LANGUAGE plpgsql IMMUTABLE STRICT AS $$
DECLARE
  part text; k text; val text; seen text[] := '{}';
  av numeric; ac numeric; pr text; ui numeric; scope_changed boolean; c numeric; i numeric; a numeric;
  pr_w numeric; iss numeric; impact numeric; exploitability numeric; raw numeric; int_input bigint;
BEGIN
  IF left(vector, 9) <> 'CVSS:3.1/' THEN
    RAISE EXCEPTION 'not a CVSS 3.1 vector: %', vector;
  END IF;
  FOREACH part IN ARRAY string_to_array(substr(vector, 10), '/') LOOP
    k := split_part(part, ':', 1); val := split_part(part, ':', 2);
    IF k = ANY (seen) THEN
      RAISE EXCEPTION 'duplicate metric % in %', k, vector;
    END IF;
    seen := seen || k;
    CASE k
      WHEN 'AV' THEN av := CASE val WHEN 'N' THEN 0.85 WHEN 'A' THEN 0.62 WHEN 'L' THEN 0.55 WHEN 'P' THEN 0.2 END;
      WHEN 'AC' THEN ac := CASE val WHEN 'L' THEN 0.77 WHEN 'H' THEN 0.44 END;
      WHEN 'PR' THEN pr := CASE WHEN val IN ('N', 'L', 'H') THEN val END;
      WHEN 'UI' THEN ui := CASE val WHEN 'N' THEN 0.85 WHEN 'R' THEN 0.62 END;
      WHEN 'S' THEN scope_changed := CASE val WHEN 'C' THEN true WHEN 'U' THEN false END;
      WHEN 'C' THEN c := CASE val WHEN 'H' THEN 0.56 WHEN 'L' THEN 0.22 WHEN 'N' THEN 0 END;
      WHEN 'I' THEN i := CASE val WHEN 'H' THEN 0.56 WHEN 'L' THEN 0.22 WHEN 'N' THEN 0 END;
      WHEN 'A' THEN a := CASE val WHEN 'H' THEN 0.56 WHEN 'L' THEN 0.22 WHEN 'N' THEN 0 END;
      ELSE RAISE EXCEPTION 'unknown metric % in %', k, vector;
    END CASE;
  END LOOP;
  IF av IS NULL OR ac IS NULL OR pr IS NULL OR ui IS NULL OR scope_changed IS NULL
     OR c IS NULL OR i IS NULL OR a IS NULL THEN
    RAISE EXCEPTION 'missing or invalid base metric in %', vector;
  END IF;
  pr_w := CASE pr WHEN 'N' THEN 0.85 WHEN 'L' THEN CASE WHEN scope_changed THEN 0.68 ELSE 0.62 END
                  WHEN 'H' THEN CASE WHEN scope_changed THEN 0.5 ELSE 0.27 END END;
  iss := 1 - (1 - c) * (1 - i) * (1 - a);
  impact := CASE WHEN scope_changed THEN 7.52 * (iss - 0.029) - 3.25 * power(iss - 0.02, 15) ELSE 6.42 * iss END;
  exploitability := 8.22 * av * ac * pr_w * ui;
  IF impact <= 0 THEN RETURN 0; END IF;
  raw := CASE WHEN scope_changed THEN least(1.08 * (impact + exploitability), 10) ELSE least(impact + exploitability, 10) END;
  int_input := round(raw * 100000);
  IF int_input % 10000 = 0 THEN RETURN int_input / 100000.0; END IF;
  RETURN (floor(int_input / 10000) + 1) / 10.0;
END $$;

-- The other way analysts write it: one regular expression per metric (and one for the whole
-- vector's shape), then the same formula.
CREATE FUNCTION plpgsql_cvss31_base_regex(vector text) RETURNS numeric LANGUAGE plpgsql IMMUTABLE STRICT AS $$
DECLARE
  av numeric; ac numeric; pr_w numeric; ui numeric; scope_changed boolean; c numeric; i numeric; a numeric;
  iss numeric; impact numeric; exploitability numeric; raw numeric; int_input bigint;
BEGIN
  IF vector !~ '^CVSS:3\.1(/[A-Z]{1,3}:[A-Z])+$' THEN
    RAISE EXCEPTION 'not a CVSS 3.1 vector: %', vector;
  END IF;
  av := CASE substring(vector FROM '/AV:([NALP])') WHEN 'N' THEN 0.85 WHEN 'A' THEN 0.62 WHEN 'L' THEN 0.55 WHEN 'P' THEN 0.2 END;
  ac := CASE substring(vector FROM '/AC:([LH])') WHEN 'L' THEN 0.77 WHEN 'H' THEN 0.44 END;
  scope_changed := CASE substring(vector FROM '/S:([UC])') WHEN 'C' THEN true WHEN 'U' THEN false END;
  pr_w := CASE substring(vector FROM '/PR:([NLH])') WHEN 'N' THEN 0.85
            WHEN 'L' THEN CASE WHEN scope_changed THEN 0.68 ELSE 0.62 END
            WHEN 'H' THEN CASE WHEN scope_changed THEN 0.5 ELSE 0.27 END END;
  ui := CASE substring(vector FROM '/UI:([NR])') WHEN 'N' THEN 0.85 WHEN 'R' THEN 0.62 END;
  c := CASE substring(vector FROM '/C:([NLH])') WHEN 'H' THEN 0.56 WHEN 'L' THEN 0.22 WHEN 'N' THEN 0 END;
  i := CASE substring(vector FROM '/I:([NLH])') WHEN 'H' THEN 0.56 WHEN 'L' THEN 0.22 WHEN 'N' THEN 0 END;
  a := CASE substring(vector FROM '/A:([NLH])') WHEN 'H' THEN 0.56 WHEN 'L' THEN 0.22 WHEN 'N' THEN 0 END;
  IF av IS NULL OR ac IS NULL OR pr_w IS NULL OR ui IS NULL OR scope_changed IS NULL
     OR c IS NULL OR i IS NULL OR a IS NULL THEN
    RAISE EXCEPTION 'missing or invalid base metric in %', vector;
  END IF;
  iss := 1 - (1 - c) * (1 - i) * (1 - a);
  impact := CASE WHEN scope_changed THEN 7.52 * (iss - 0.029) - 3.25 * power(iss - 0.02, 15) ELSE 6.42 * iss END;
  exploitability := 8.22 * av * ac * pr_w * ui;
  IF impact <= 0 THEN RETURN 0; END IF;
  raw := CASE WHEN scope_changed THEN least(1.08 * (impact + exploitability), 10) ELSE least(impact + exploitability, 10) END;
  int_input := round(raw * 100000);
  IF int_input % 10000 = 0 THEN RETURN int_input / 100000.0; END IF;
  RETURN (floor(int_input / 10000) + 1) / 10.0;
END $$;

-- the two scorers agree on the sample (a benchmark of a wrong scorer proves nothing)
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM bench_cvss_sample WHERE plpgsql_cvss31_base(vec) <> cvss_base_score(v)
                                                 OR plpgsql_cvss31_base_regex(vec) <> cvss_base_score(v)) THEN
    RAISE EXCEPTION 'the PL/pgSQL and C scorers disagree: benchmark void';
  END IF;
END $$;

-- pg_temp.median_ms(query, runs) comes from bench/lib/timing.sql
CREATE TEMP TABLE result AS
SELECT 'floor: sum(octet_length(vec)::numeric), 1M text' AS what,
       pg_temp.median_ms('SELECT sum(octet_length(vec)::numeric) FROM bench_cvss', 7) AS ms
UNION ALL SELECT 'parse and score: sum(cvss_base_score(vec::cvss)), 1M text',
       pg_temp.median_ms('SELECT sum(cvss_base_score(vec::cvss)) FROM bench_cvss', 7)
UNION ALL SELECT 'stored: sum(cvss_base_score(v)), 1M cvss',
       pg_temp.median_ms('SELECT sum(cvss_base_score(v)) FROM bench_cvss', 7)
UNION ALL SELECT 'sample floor: sum(octet_length(vec)::numeric), 20k text',
       pg_temp.median_ms('SELECT sum(octet_length(vec)::numeric) FROM bench_cvss_sample', 7)
UNION ALL SELECT 'sample C: sum(cvss_base_score(vec::cvss)), 20k text',
       pg_temp.median_ms('SELECT sum(cvss_base_score(vec::cvss)) FROM bench_cvss_sample', 7)
UNION ALL SELECT 'sample PL/pgSQL: sum(plpgsql_cvss31_base(vec)), 20k text',
       pg_temp.median_ms('SELECT sum(plpgsql_cvss31_base(vec)) FROM bench_cvss_sample', 3)
UNION ALL SELECT 'sample PL/pgSQL with regexes: sum(plpgsql_cvss31_base_regex(vec)), 20k text',
       pg_temp.median_ms('SELECT sum(plpgsql_cvss31_base_regex(vec)) FROM bench_cvss_sample', 3);

\pset footer off
SELECT what, ms FROM result;
SELECT round((SELECT ms FROM result WHERE what LIKE 'parse%') / (SELECT ms FROM result WHERE what LIKE 'floor%'), 2)
         AS "parse+score / floor (target <= 2.5)",
       round((SELECT ms FROM result WHERE what LIKE 'stored%') / (SELECT ms FROM result WHERE what LIKE 'floor%'), 2)
         AS "stored / floor (target <= 1.8)",
       round((SELECT ms FROM result WHERE what LIKE 'sample PL/pgSQL:%') / (SELECT ms FROM result WHERE what LIKE 'sample C%'), 0)
         AS "PL/pgSQL / C (target >= 100)",
       round((SELECT ms FROM result WHERE what LIKE 'sample PL/pgSQL with%') / (SELECT ms FROM result WHERE what LIKE 'sample C%'), 0)
         AS "PL/pgSQL regexes / C",
       -- the cost of parsing and scoring alone, the shared scan and aggregation taken out
       round(((SELECT ms FROM result WHERE what LIKE 'sample PL/pgSQL:%') - (SELECT ms FROM result WHERE what LIKE 'sample floor%'))
             / nullif((SELECT ms FROM result WHERE what LIKE 'sample C%') - (SELECT ms FROM result WHERE what LIKE 'sample floor%'), 0), 0)
         AS "PL/pgSQL / C above the floor";
EXPLAIN (COSTS off) SELECT sum(cvss_base_score(vec::cvss)) FROM bench_cvss;
