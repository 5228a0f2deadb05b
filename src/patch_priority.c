/*
 * patch_priority.c: patch_priority() and patch_decision(), thin glue over
 * patch_priority_core.c.  Not STRICT: an unknown CVSS vector, EPSS or asset
 * attribute is scored by the documented rule instead of making the row NULL.
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "fmgr.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/datum.h"
#include "utils/fmgrprotos.h"
#include "utils/lsyscache.h"
#include "utils/numeric.h"

#include "cvss_core.h"
#include "patch_priority_core.h"

static bool
metric_is(const cvss_vector *vector, const char *metric, const char *value)
{
	const char *actual;

	return cvss_metric_value(vector, metric, strlen(metric), &actual) == CVSS_OK &&
		strcmp(actual, value) == 0;
}

/* Reachable over the network, low complexity, no privileges, no user interaction. */
static bool
automatable(const cvss_vector *vector)
{
	switch (cvss_get_version(vector))
	{
		case CVSS_V2_0:
			return metric_is(vector, "AV", "N") && metric_is(vector, "AC", "L") &&
				metric_is(vector, "Au", "N");
		case CVSS_V4_0:
			if (!metric_is(vector, "AT", "N"))
				return false;
			/* FALLTHROUGH */
		case CVSS_V3_0:
		case CVSS_V3_1:
			return metric_is(vector, "AV", "N") && metric_is(vector, "AC", "L") &&
				metric_is(vector, "PR", "N") && metric_is(vector, "UI", "N");
	}
	return false;
}

/*
 * The parameters array, in the order of patch_priority_parameter_default:
 * EPSS threshold, severity weight, likelihood weight, context weight,
 * compensated factor, unknown CVSS score (0..10), unknown EPSS, criticality
 * weight, safety weight, exposure step weight.
 */
#define PP_PARAMETER_COUNT 10

/* The parsed parameters of the last array seen at this call site (one per query, typically). */
typedef struct parameters_cache
{
	ArrayType  *array;			/* a copy, compared bytewise */
	Datum		epss_threshold; /* a copy of the array's first element */
	pp_parameters parameters;
} parameters_cache;

static void parse_parameters(ArrayType *array, Datum *epss_threshold, pp_parameters *p);

/* Parses the array into the call site's cache, unless the cache holds the same array already. */
static parameters_cache *
cache_parameters(FunctionCallInfo fcinfo, ArrayType *array)
{
	parameters_cache *cache = (parameters_cache *) fcinfo->flinfo->fn_extra;

	if (cache == NULL || VARSIZE(cache->array) != VARSIZE(array) ||
		memcmp(cache->array, array, VARSIZE(array)) != 0)
	{
		Datum		threshold;
		pp_parameters parameters;
		MemoryContext old;

		/* parsed, and so checked, before the cache changes */
		parse_parameters(array, &threshold, &parameters);
		old = MemoryContextSwitchTo(fcinfo->flinfo->fn_mcxt);
		if (cache == NULL)
			cache = palloc0(sizeof(parameters_cache));
		else
		{
			pfree(cache->array);
			pfree(DatumGetPointer(cache->epss_threshold));
		}
		cache->array = (ArrayType *) palloc(VARSIZE(array));
		memcpy(cache->array, array, VARSIZE(array));
		cache->epss_threshold = datumCopy(threshold, false, -1);
		cache->parameters = parameters;
		fcinfo->flinfo->fn_extra = cache;
		MemoryContextSwitchTo(old);
	}
	return cache;
}

static void
read_parameters(FunctionCallInfo fcinfo, int argno, Datum *epss_threshold, pp_parameters *p)
{
	parameters_cache *cache;

	if (PG_ARGISNULL(argno))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("patch priority parameters must not be NULL"),
				 errhint("Use patch_priority_parameters() for the shipped or an organisation's parameters.")));
	cache = cache_parameters(fcinfo, PG_GETARG_ARRAYTYPE_P(argno));
	*epss_threshold = cache->epss_threshold;
	*p = cache->parameters;
}

/*
 * The shipped defaults, for the seven-argument forms: read with SPI from
 * patch_priority_parameters(NULL) (the catalogue patch_priority_parameter_default,
 * in the schema of the called function) on the first call at a call site, then
 * taken from the cache for the rest of the query.
 */
static void
read_default_parameters(FunctionCallInfo fcinfo, Datum *epss_threshold, pp_parameters *p)
{
	parameters_cache *cache = (parameters_cache *) fcinfo->flinfo->fn_extra;

	if (cache == NULL)
	{
		char	   *schema = get_namespace_name(get_func_namespace(fcinfo->flinfo->fn_oid));
		char	   *query;
		MemoryContext caller = CurrentMemoryContext;
		bool		isnull;
		Datum		value;
		ArrayType  *array = NULL;

		if (schema == NULL)
			elog(ERROR, "schema of function %u not found", fcinfo->flinfo->fn_oid);
		query = psprintf("SELECT %s.patch_priority_parameters(NULL::pg_catalog.uuid)",
						 quote_identifier(schema));
		if (SPI_connect() != SPI_OK_CONNECT)
			elog(ERROR, "SPI_connect failed");
		if (SPI_execute(query, true, 1) != SPI_OK_SELECT || SPI_processed != 1)
			elog(ERROR, "could not read the shipped patch priority parameters");
		value = SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull);
		if (!isnull)
		{
			/* copied into the caller's context, which outlives SPI's */
			MemoryContext spi = MemoryContextSwitchTo(caller);

			array = DatumGetArrayTypePCopy(value);
			MemoryContextSwitchTo(spi);
		}
		SPI_finish();
		if (array == NULL)
			ereport(ERROR,
					(errcode(ERRCODE_UNDEFINED_OBJECT),
					 errmsg("the shipped patch priority parameters are missing"),
					 errdetail("patch_priority_parameter_default has no row for settings profile \"default\".")));
		cache = cache_parameters(fcinfo, array);
		pfree(array);
	}
	*epss_threshold = cache->epss_threshold;
	*p = cache->parameters;
}

static void
parse_parameters(ArrayType *array, Datum *epss_threshold, pp_parameters *p)
{
	Datum	   *values;
	bool	   *nulls;
	int			count;
	double		v[PP_PARAMETER_COUNT];
	int			i;

	deconstruct_array(array, NUMERICOID, -1, false, TYPALIGN_INT, &values, &nulls, &count);
	if (ARR_NDIM(array) != 1 || count != PP_PARAMETER_COUNT)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("patch priority parameters must be %d numbers, not %d", PP_PARAMETER_COUNT, count)));
	for (i = 0; i < count; i++)
	{
		if (nulls[i] || numeric_is_nan(DatumGetNumeric(values[i])))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("patch priority parameter %d is NULL or NaN", i + 1)));
		v[i] = DatumGetFloat8(DirectFunctionCall1(numeric_float8, values[i]));
	}
	*epss_threshold = values[0];
	p->severity_weight = v[1];
	p->likelihood_weight = v[2];
	p->context_weight = v[3];
	p->compensated_factor = v[4];
	p->unknown_severity = v[5] / 10.0;
	p->unknown_likelihood = v[6];
	p->criticality_weight = v[7];
	p->safety_weight = v[8];
	p->exposure_step_weight = v[9];
	if (!(v[0] >= 0.0 && v[0] <= 1.0) || !pp_parameters_valid(p))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("invalid patch priority parameters"),
				 errdetail("Each must lie within 0..1 (the unknown CVSS score within 0..10), the three weights "
						   "sum to at most 1, and criticality + safety + 2 x exposure step weights to at most 1.")));
}

static void
read_input(FunctionCallInfo fcinfo, const Datum epss_threshold, pp_input *in)
{
	memset(in, 0, sizeof(*in));
	if (!PG_ARGISNULL(0))
	{
		const uint8_t *packed = (const uint8_t *) PG_GETARG_POINTER(0);
		cvss_vector vector;

		if (cvss_unpack(packed, &vector) != CVSS_OK)
			elog(ERROR, "corrupt cvss value");
		in->has_cvss = true;
		in->cvss_score_tenths = cvss_ranking_score(&vector);
		in->automatable = automatable(&vector);
	}
	if (!PG_ARGISNULL(1))
	{
		Datum		epss = PG_GETARG_DATUM(1);
		Datum		zero = NumericGetDatum(int64_to_numeric(0));
		Datum		one = NumericGetDatum(int64_to_numeric(1));

		/* range and threshold compared exactly; only the ranking uses a double */
		if (numeric_is_nan(DatumGetNumeric(epss)) ||
			DatumGetInt32(DirectFunctionCall2(numeric_cmp, epss, zero)) < 0 ||
			DatumGetInt32(DirectFunctionCall2(numeric_cmp, epss, one)) > 0)
		{
			char	   *given = DatumGetCString(DirectFunctionCall1(numeric_out, epss));

			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("EPSS probability is outside 0..1"),
					 errdetail("The value given was %.40s%s.", given, strlen(given) > 40 ? "..." : "")));
		}
		in->has_epss = true;
		in->epss_reaches_poc = DatumGetInt32(DirectFunctionCall2(numeric_cmp, epss, epss_threshold)) >= 0;
		in->epss = DatumGetFloat8(DirectFunctionCall1(numeric_float8,
													  DirectFunctionCall2(numeric_round, epss,
																		  Int32GetDatum(9))));
	}
	in->kev = !PG_ARGISNULL(2) && PG_GETARG_BOOL(2);
	if (!PG_ARGISNULL(3))
	{
		int32		criticality = PG_GETARG_INT32(3);

		if (criticality < 1 || criticality > 5)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("criticality %d is outside 1..5", criticality)));
		in->has_criticality = true;
		in->criticality = criticality;
	}
	in->safety_related = !PG_ARGISNULL(4) && PG_GETARG_BOOL(4);
	if (!PG_ARGISNULL(5))
	{
		text	   *word = PG_GETARG_TEXT_PP(5);

		if (!pp_parse_exposure(VARDATA_ANY(word), VARSIZE_ANY_EXHDR(word), &in->exposure))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("invalid system exposure \"%s\"", text_to_cstring(word)),
					 errdetail("Allowed: small, controlled, open (SSVC system exposure).")));
		in->has_exposure = true;
	}
	in->compensated = !PG_ARGISNULL(6) && PG_GETARG_BOOL(6);
}

/* Scores the call's inputs with its parameters: the eighth argument, or the shipped defaults. */
static void
evaluate(FunctionCallInfo fcinfo, bool shipped_defaults, pp_result *result)
{
	pp_input	in;
	pp_parameters parameters;
	Datum		epss_threshold;

	if (shipped_defaults)
		read_default_parameters(fcinfo, &epss_threshold, &parameters);
	else
		read_parameters(fcinfo, 7, &epss_threshold, &parameters);
	read_input(fcinfo, epss_threshold, &in);
	pp_evaluate(&in, &parameters, result);
}

PG_FUNCTION_INFO_V1(patch_priority);
Datum
patch_priority(PG_FUNCTION_ARGS)
{
	pp_result	result;

	evaluate(fcinfo, false, &result);
	PG_RETURN_NUMERIC(int64_div_fast_to_numeric(result.priority_tenths, 1));
}

PG_FUNCTION_INFO_V1(patch_decision);
Datum
patch_decision(PG_FUNCTION_ARGS)
{
	pp_result	result;

	evaluate(fcinfo, false, &result);
	PG_RETURN_TEXT_P(cstring_to_text(pp_decision_word(result.decision)));
}

PG_FUNCTION_INFO_V1(patch_priority_default);
Datum
patch_priority_default(PG_FUNCTION_ARGS)
{
	pp_result	result;

	evaluate(fcinfo, true, &result);
	PG_RETURN_NUMERIC(int64_div_fast_to_numeric(result.priority_tenths, 1));
}

PG_FUNCTION_INFO_V1(patch_decision_default);
Datum
patch_decision_default(PG_FUNCTION_ARGS)
{
	pp_result	result;

	evaluate(fcinfo, true, &result);
	PG_RETURN_TEXT_P(cstring_to_text(pp_decision_word(result.decision)));
}
