-- Shared by every benchmark (scripts/bench.sh loads it first, in the same session): the median
-- wall time of a query over several runs, after one warm-up run.
CREATE FUNCTION pg_temp.median_ms(query text, runs int) RETURNS numeric LANGUAGE plpgsql AS $$
DECLARE t0 timestamptz; times numeric[] := '{}';
BEGIN
  EXECUTE query;                           -- warm the cache
  FOR r IN 1..runs LOOP
    t0 := clock_timestamp();
    EXECUTE query;
    times := times || (extract(epoch FROM clock_timestamp() - t0) * 1000)::numeric;
  END LOOP;
  RETURN (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY x) FROM unnest(times) x)::numeric(12,1);
END $$;
