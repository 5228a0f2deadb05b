-- Calendar months for the trend views (risk_kpis_monthly, patch_kpis_by_period): one row per UTC
-- month from the month holding `first` to the month holding `last`.

CREATE FUNCTION @extschema@.utc_months(first timestamptz, last timestamptz DEFAULT pg_catalog.now())
RETURNS TABLE (month_start timestamptz, month_end timestamptz)
LANGUAGE sql STABLE STRICT PARALLEL SAFE
ROWS 36   -- a few years of months: the planner's default of 1000 would cost every trend view a JIT compilation
AS $$
  SELECT (m.m AT TIME ZONE 'UTC'), ((m.m OPERATOR(pg_catalog.+) '1 month'::interval) AT TIME ZONE 'UTC')
  FROM pg_catalog.generate_series(pg_catalog.date_trunc('month', $1 AT TIME ZONE 'UTC'),
                                  pg_catalog.date_trunc('month', $2 AT TIME ZONE 'UTC'),
                                  '1 month'::interval) AS m(m)
$$;
COMMENT ON FUNCTION @extschema@.utc_months(timestamptz, timestamptz) IS
  'The UTC calendar months from the one holding first to the one holding last (default now()): their first instant '
  'and the first instant of the next; none when first is after last.';
