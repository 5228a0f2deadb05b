/*
 * weighted_score.c: the weighted_score(score numeric, weight numeric)
 * aggregate and supplier_risk_level(risk_score numeric, thresholds numeric[]).
 *
 * weighted_score = sum(score * weight) / sum(weight) over the pairs where
 * both are non-null, in exact numeric arithmetic.
 *
 * The state is internal: two running sums, of score * weight and of weight.
 * Each sum is the accumulator PostgreSQL's own sum(numeric) and avg(numeric)
 * use, driven through their SQL-callable support functions
 * (numeric_avg_accum, numeric_avg_combine, numeric_avg_serialize,
 * numeric_avg_deserialize, numeric_sum), so the sums are exact, keep their
 * scale, and cost what sum(numeric) costs.  Those functions find the
 * aggregate memory context through fcinfo->context, so every call passes on
 * the context this aggregate was called with.
 *
 * Serialized state (parallel aggregation only, never stored):
 *	byte 0			format version, 1
 *	bytes 1..4		n, the length of the first payload (network order)
 *	n bytes			numeric_avg_serialize of the sum of score * weight
 *	the rest		numeric_avg_serialize of the sum of weights
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "fmgr.h"
#include "libpq/pqformat.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/datum.h"
#include "utils/fmgrprotos.h"
#include "utils/memutils.h"
#include "utils/numeric.h"

#define WEIGHTED_SCORE_SERIAL_VERSION 1

typedef struct WeightedScoreState
{
	Datum		products;		/* numeric_avg_accum state: sum of score * weight */
	Datum		weights;		/* numeric_avg_accum state: sum of weight */
} WeightedScoreState;

/* Numeric constants 0 and 10, made once per backend. */
static Numeric
numeric_const(int64 value)
{
	static Numeric zero = NULL;
	static Numeric ten = NULL;
	Numeric    *slot = value == 0 ? &zero : &ten;

	Assert(value == 0 || value == 10);
	if (*slot == NULL)
	{
		MemoryContext old = MemoryContextSwitchTo(TopMemoryContext);

		*slot = int64_to_numeric(value);
		MemoryContextSwitchTo(old);
	}
	return *slot;
}

static int
cmp_numeric(Numeric a, Numeric b)
{
	return DatumGetInt32(DirectFunctionCall2(numeric_cmp, NumericGetDatum(a), NumericGetDatum(b)));
}

static char *
numeric_text(Numeric value)
{
	return DatumGetCString(DirectFunctionCall1(numeric_out, NumericGetDatum(value)));
}

/*
 * Call one of PostgreSQL's numeric aggregate support functions with the
 * caller's aggregate context.  Both argument slots are always set (a slot
 * past nargs as NULL): numeric_avg_accum reads its second argument's null
 * flag even when called to create a state.
 */
static Datum
call_numeric_support(PGFunction fn, FunctionCallInfo caller, int nargs,
					 Datum arg0, bool null0, Datum arg1, bool null1)
{
	LOCAL_FCINFO(fc, 2);
	Datum		result;

	Assert(nargs == 1 || nargs == 2);
	InitFunctionCallInfoData(*fc, NULL, nargs, InvalidOid, caller->context, NULL);
	fc->args[0].value = arg0;
	fc->args[0].isnull = null0;
	fc->args[1].value = arg1;
	fc->args[1].isnull = null1 || nargs < 2;
	result = fn(fc);
	if (fc->isnull)
		return (Datum) 0;
	return result;
}

static void
check_finite(Numeric value, const char *what)
{
	if (numeric_is_nan(value) || numeric_is_inf(value))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("weighted_score %s %s is not a finite number", what, numeric_text(value))));
}

PG_FUNCTION_INFO_V1(weighted_score_accum);
Datum
weighted_score_accum(PG_FUNCTION_ARGS)
{
	MemoryContext aggcontext;
	WeightedScoreState *state = PG_ARGISNULL(0) ? NULL : (WeightedScoreState *) PG_GETARG_POINTER(0);
	Numeric		score;
	Numeric		weight;
	Numeric		product;

	if (!AggCheckCallContext(fcinfo, &aggcontext))
		elog(ERROR, "weighted_score_accum called in non-aggregate context");

	/* a pair with a NULL score or weight does not count */
	if (PG_ARGISNULL(1) || PG_ARGISNULL(2))
	{
		if (state == NULL)
			PG_RETURN_NULL();
		PG_RETURN_POINTER(state);
	}
	score = PG_GETARG_NUMERIC(1);
	weight = PG_GETARG_NUMERIC(2);
	check_finite(score, "score");
	check_finite(weight, "weight");
	if (cmp_numeric(weight, numeric_const(0)) < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("weighted_score weight %s is negative", numeric_text(weight)),
				 errdetail("Weights are zero or positive.")));

	if (state == NULL)
	{
		state = (WeightedScoreState *) MemoryContextAlloc(aggcontext, sizeof(WeightedScoreState));
		state->products = call_numeric_support(numeric_avg_accum, fcinfo, 2, (Datum) 0, true, (Datum) 0, true);
		state->weights = call_numeric_support(numeric_avg_accum, fcinfo, 2, (Datum) 0, true, (Datum) 0, true);
	}
	product = numeric_mul_opt_error(score, weight, NULL);
	call_numeric_support(numeric_avg_accum, fcinfo, 2, state->products, false, NumericGetDatum(product), false);
	call_numeric_support(numeric_avg_accum, fcinfo, 2, state->weights, false, NumericGetDatum(weight), false);
	PG_RETURN_POINTER(state);
}

PG_FUNCTION_INFO_V1(weighted_score_combine);
Datum
weighted_score_combine(PG_FUNCTION_ARGS)
{
	MemoryContext aggcontext;
	WeightedScoreState *state1 = PG_ARGISNULL(0) ? NULL : (WeightedScoreState *) PG_GETARG_POINTER(0);
	WeightedScoreState *state2 = PG_ARGISNULL(1) ? NULL : (WeightedScoreState *) PG_GETARG_POINTER(1);

	if (!AggCheckCallContext(fcinfo, &aggcontext))
		elog(ERROR, "weighted_score_combine called in non-aggregate context");
	if (state2 == NULL)
	{
		if (state1 == NULL)
			PG_RETURN_NULL();
		PG_RETURN_POINTER(state1);
	}
	if (state1 == NULL)
	{
		/* numeric_avg_combine copies state2's sums into the aggregate context */
		state1 = (WeightedScoreState *) MemoryContextAlloc(aggcontext, sizeof(WeightedScoreState));
		state1->products = call_numeric_support(numeric_avg_combine, fcinfo, 2, (Datum) 0, true,
												state2->products, false);
		state1->weights = call_numeric_support(numeric_avg_combine, fcinfo, 2, (Datum) 0, true,
											   state2->weights, false);
		PG_RETURN_POINTER(state1);
	}
	call_numeric_support(numeric_avg_combine, fcinfo, 2, state1->products, false, state2->products, false);
	call_numeric_support(numeric_avg_combine, fcinfo, 2, state1->weights, false, state2->weights, false);
	PG_RETURN_POINTER(state1);
}

PG_FUNCTION_INFO_V1(weighted_score_serialize);
Datum
weighted_score_serialize(PG_FUNCTION_ARGS)
{
	WeightedScoreState *state = (WeightedScoreState *) PG_GETARG_POINTER(0);
	bytea	   *products;
	bytea	   *weights;
	StringInfoData buf;

	if (!AggCheckCallContext(fcinfo, NULL))
		elog(ERROR, "weighted_score_serialize called in non-aggregate context");
	products = DatumGetByteaPP(call_numeric_support(numeric_avg_serialize, fcinfo, 1, state->products, false,
													(Datum) 0, true));
	weights = DatumGetByteaPP(call_numeric_support(numeric_avg_serialize, fcinfo, 1, state->weights, false,
												   (Datum) 0, true));
	pq_begintypsend(&buf);
	pq_sendbyte(&buf, WEIGHTED_SCORE_SERIAL_VERSION);
	pq_sendint32(&buf, (uint32) VARSIZE_ANY_EXHDR(products));
	pq_sendbytes(&buf, VARDATA_ANY(products), VARSIZE_ANY_EXHDR(products));
	pq_sendbytes(&buf, VARDATA_ANY(weights), VARSIZE_ANY_EXHDR(weights));
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

static bytea *
bytea_of(const char *data, int length)
{
	bytea	   *result = (bytea *) palloc(VARHDRSZ + length);

	SET_VARSIZE(result, VARHDRSZ + length);
	memcpy(VARDATA(result), data, length);
	return result;
}

PG_FUNCTION_INFO_V1(weighted_score_deserialize);
Datum
weighted_score_deserialize(PG_FUNCTION_ARGS)
{
	bytea	   *serial = PG_GETARG_BYTEA_PP(0);
	const char *data = VARDATA_ANY(serial);
	int			length = VARSIZE_ANY_EXHDR(serial);
	uint32		first;
	WeightedScoreState *state;

	if (!AggCheckCallContext(fcinfo, NULL))
		elog(ERROR, "weighted_score_deserialize called in non-aggregate context");
	if (length < 5 || (unsigned char) data[0] != WEIGHTED_SCORE_SERIAL_VERSION)
		elog(ERROR, "corrupt weighted_score state");
	memcpy(&first, data + 1, sizeof(first));	/* may be unaligned */
	first = pg_ntoh32(first);
	if (first > (uint32) (length - 5))
		elog(ERROR, "corrupt weighted_score state");

	/* the state lives in the current (per-call) context; combine copies it */
	state = (WeightedScoreState *) palloc(sizeof(WeightedScoreState));
	state->products = call_numeric_support(numeric_avg_deserialize, fcinfo, 2,
										   PointerGetDatum(bytea_of(data + 5, first)), false,
										   (Datum) 0, true);
	state->weights = call_numeric_support(numeric_avg_deserialize, fcinfo, 2,
										  PointerGetDatum(bytea_of(data + 5 + first, length - 5 - first)), false,
										  (Datum) 0, true);
	PG_RETURN_POINTER(state);
}

PG_FUNCTION_INFO_V1(weighted_score_final);
Datum
weighted_score_final(PG_FUNCTION_ARGS)
{
	WeightedScoreState *state = PG_ARGISNULL(0) ? NULL : (WeightedScoreState *) PG_GETARG_POINTER(0);
	Datum		weights;
	Datum		products;

	if (state == NULL)
		PG_RETURN_NULL();
	weights = call_numeric_support(numeric_sum, fcinfo, 1, state->weights, false, (Datum) 0, true);
	if (weights == (Datum) 0 || cmp_numeric(DatumGetNumeric(weights), numeric_const(0)) == 0)
		PG_RETURN_NULL();		/* no pair with a positive weight */
	products = call_numeric_support(numeric_sum, fcinfo, 1, state->products, false, (Datum) 0, true);
	if (products == (Datum) 0)
		elog(ERROR, "weighted_score state has weights without products");
	/* the quotient without trailing zeros: the seed's example is 7.1, not 7.1000000000000000 */
	PG_RETURN_DATUM(DirectFunctionCall1(numeric_trim_scale,
										NumericGetDatum(numeric_div_opt_error(DatumGetNumeric(products),
																			  DatumGetNumeric(weights), NULL))));
}

/* A value within 0..10 (NaN and infinities are not). */
static bool
within_0_10(Numeric value)
{
	return !numeric_is_nan(value) && !numeric_is_inf(value)
		&& cmp_numeric(value, numeric_const(0)) >= 0
		&& cmp_numeric(value, numeric_const(10)) <= 0;
}

static void
thresholds_error(const char *detail)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("invalid supplier risk thresholds"),
			 errdetail("%s", detail),
			 errhint("Give three descending cut-offs within 0 and 10: critical, high, medium, e.g. '{8.0,6.5,5.0}'.")));
}

/* The thresholds a call site last checked: a query passes the same array for every row. */
typedef struct ThresholdCache
{
	Numeric		cut[3];
	Size		array_size;
	char		array[FLEXIBLE_ARRAY_MEMBER];	/* the array value, to recognise it */
} ThresholdCache;

static ThresholdCache *
checked_thresholds(FunctionCallInfo fcinfo, ArrayType *array)
{
	ThresholdCache *cache = (ThresholdCache *) fcinfo->flinfo->fn_extra;
	Size		size = VARSIZE(array);
	Datum	   *elems;
	bool	   *nulls;
	int			n;
	int			i;

	if (cache != NULL && cache->array_size == size && memcmp(cache->array, array, size) == 0)
		return cache;
	if (ARR_NDIM(array) > 1)
		thresholds_error("The thresholds array has more than one dimension.");
	deconstruct_array(array, NUMERICOID, -1, false, TYPALIGN_INT, &elems, &nulls, &n);
	if (n != 3)
		thresholds_error(psprintf("The thresholds array has %d values, not 3.", n));
	for (i = 0; i < 3; i++)
	{
		if (nulls[i])
			thresholds_error("A threshold is NULL.");
		if (!within_0_10(DatumGetNumeric(elems[i])))
			thresholds_error(psprintf("Threshold %s is not within 0 and 10.",
									  numeric_text(DatumGetNumeric(elems[i]))));
		if (i > 0 && cmp_numeric(DatumGetNumeric(elems[i - 1]), DatumGetNumeric(elems[i])) <= 0)
			thresholds_error(psprintf("Threshold %s is not below the one before it.",
									  numeric_text(DatumGetNumeric(elems[i]))));
	}
	cache = MemoryContextAlloc(fcinfo->flinfo->fn_mcxt, offsetof(ThresholdCache, array) + size);
	for (i = 0; i < 3; i++)
		cache->cut[i] = DatumGetNumeric(datumCopy(elems[i], false, -1));
	cache->array_size = size;
	memcpy(cache->array, array, size);
	fcinfo->flinfo->fn_extra = cache;
	return cache;
}

/*
 * supplier_risk_level(risk_score, thresholds): thresholds are the critical,
 * high and medium cut-offs, strictly descending within 0..10; the level is
 * the first whose cut-off the score reaches, else low.
 */
PG_FUNCTION_INFO_V1(supplier_risk_level_fn);
Datum
supplier_risk_level_fn(PG_FUNCTION_ARGS)
{
	static const char *const levels[] = {"critical", "high", "medium", "low"};
	Numeric		score = PG_GETARG_NUMERIC(0);
	ThresholdCache *thresholds = checked_thresholds(fcinfo, PG_GETARG_ARRAYTYPE_P(1));
	int			i;

	if (!within_0_10(score))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("supplier risk score %s is not within 0 and 10", numeric_text(score))));
	for (i = 0; i < 3; i++)
	{
		if (cmp_numeric(score, thresholds->cut[i]) >= 0)
			break;
	}
	PG_RETURN_TEXT_P(cstring_to_text(levels[i]));
}
