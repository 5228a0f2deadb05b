/*
 * risk_matrix.c: the SQL type risk_matrix and the risk_level / risk_score
 * lookups, thin fmgr glue over risk_matrix_core.c.
 *
 * A datum is a varlena holding the core's packed form (version byte, rows,
 * columns, 4 bytes per cell), so each grid has exactly one representation and
 * equality is byte equality.  The lookups keep the last grid they unpacked in
 * fn_extra: a query that joins one matrix to a million rows unpacks it once.
 */
#include "postgres.h"

#include "common/hashfn.h"
#include "fmgr.h"
#include "libpq/pqformat.h"
#include "utils/builtins.h"
#include "utils/numeric.h"

#include "risk_matrix_core.h"

/* The varlena payload: packed bytes and their length, possibly short-header. */
typedef struct packed_ref
{
	struct varlena *datum;
	const uint8_t *bytes;
	size_t		len;
} packed_ref;

static packed_ref
packed_arg(FunctionCallInfo fcinfo, int n)
{
	packed_ref	ref;

	ref.datum = PG_DETOAST_DATUM_PACKED(PG_GETARG_DATUM(n));
	ref.bytes = (const uint8_t *) VARDATA_ANY(ref.datum);
	ref.len = VARSIZE_ANY_EXHDR(ref.datum);
	return ref;
}

static bytea *
packed_datum(const riskm_matrix *m)
{
	size_t		size = riskm_packed_size(m);
	bytea	   *result = palloc(VARHDRSZ + size);

	SET_VARSIZE(result, VARHDRSZ + size);
	riskm_pack(m, (uint8_t *) VARDATA(result), size);
	return result;
}

/* Stored values were validated on the way in; failing here means corruption. */
static void
unpack_stored(const packed_ref *ref, riskm_matrix *m)
{
	if (riskm_unpack(ref->bytes, ref->len, m) != RISKM_OK)
		elog(ERROR, "corrupt risk_matrix value");
}

/* The 22P02 error every text input path raises, with the core's detail. */
static bytea *
parse_text(const char *text, size_t length)
{
	riskm_matrix m;
	riskm_error err;

	if (riskm_parse(text, length, &m, &err) != RISKM_OK)
	{
		char		detail[RISKM_ERROR_DETAIL_SIZE];

		riskm_error_detail(&err, text, length, detail, sizeof(detail));
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
				 errmsg("invalid input syntax for type risk_matrix: \"%s\"",
						pnstrdup(text, length)),
				 errdetail("%s", detail)));
	}
	return packed_datum(&m);
}

PG_FUNCTION_INFO_V1(risk_matrix_in);
Datum
risk_matrix_in(PG_FUNCTION_ARGS)
{
	const char *text = PG_GETARG_CSTRING(0);

	PG_RETURN_BYTEA_P(parse_text(text, strlen(text)));
}

PG_FUNCTION_INFO_V1(risk_matrix_from_text);
Datum
risk_matrix_from_text(PG_FUNCTION_ARGS)
{
	text	   *t = PG_GETARG_TEXT_PP(0);

	PG_RETURN_BYTEA_P(parse_text(VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t)));
}

static size_t
format_arg(FunctionCallInfo fcinfo, char *buf)
{
	packed_ref	ref = packed_arg(fcinfo, 0);
	riskm_matrix m;

	unpack_stored(&ref, &m);
	return riskm_format(&m, buf, RISKM_TEXT_SIZE);
}

PG_FUNCTION_INFO_V1(risk_matrix_out);
Datum
risk_matrix_out(PG_FUNCTION_ARGS)
{
	char		buf[RISKM_TEXT_SIZE];

	format_arg(fcinfo, buf);
	PG_RETURN_CSTRING(pstrdup(buf));
}

PG_FUNCTION_INFO_V1(risk_matrix_to_text);
Datum
risk_matrix_to_text(PG_FUNCTION_ARGS)
{
	char		buf[RISKM_TEXT_SIZE];
	size_t		length = format_arg(fcinfo, buf);

	PG_RETURN_TEXT_P(cstring_to_text_with_len(buf, length));
}

/*
 * Binary form: the packed bytes (byte 0 the layout version), checked by
 * riskm_unpack as strictly as text input: one packed form per grid.
 */
PG_FUNCTION_INFO_V1(risk_matrix_recv);
Datum
risk_matrix_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	int			len = buf->len - buf->cursor;
	riskm_matrix m;
	bytea	   *result;
	char		problem[RISKM_ERROR_DETAIL_SIZE];

	if (len < RISKM_PACKED_HEADER + 4 || len > RISKM_PACKED_MAX)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid binary representation for type risk_matrix"),
				 errdetail("A risk_matrix value is %d to %d bytes, not %d.",
						   RISKM_PACKED_HEADER + 4, (int) RISKM_PACKED_MAX, len)));
	result = palloc(VARHDRSZ + len);
	SET_VARSIZE(result, VARHDRSZ + len);
	pq_copymsgbytes(buf, VARDATA(result), len);
	if (riskm_unpack_explain((const uint8_t *) VARDATA(result), len, &m, problem, sizeof(problem)) != RISKM_OK)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid binary representation for type risk_matrix"),
				 errdetail("Packed risk_matrix: %s.", problem)));
	PG_RETURN_BYTEA_P(result);
}

PG_FUNCTION_INFO_V1(risk_matrix_send);
Datum
risk_matrix_send(PG_FUNCTION_ARGS)
{
	packed_ref	ref = packed_arg(fcinfo, 0);
	StringInfoData buf;

	pq_begintypsend(&buf);
	pq_sendbytes(&buf, (const char *) ref.bytes, ref.len);
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

static bool
packed_equal(FunctionCallInfo fcinfo)
{
	packed_ref	a = packed_arg(fcinfo, 0);
	packed_ref	b = packed_arg(fcinfo, 1);

	return a.len == b.len && memcmp(a.bytes, b.bytes, a.len) == 0;
}

PG_FUNCTION_INFO_V1(risk_matrix_eq);
Datum
risk_matrix_eq(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(packed_equal(fcinfo));
}

PG_FUNCTION_INFO_V1(risk_matrix_ne);
Datum
risk_matrix_ne(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(!packed_equal(fcinfo));
}

PG_FUNCTION_INFO_V1(risk_matrix_hash);
Datum
risk_matrix_hash(PG_FUNCTION_ARGS)
{
	packed_ref	ref = packed_arg(fcinfo, 0);

	return hash_any(ref.bytes, (int) ref.len);
}

PG_FUNCTION_INFO_V1(risk_matrix_hash_extended);
Datum
risk_matrix_hash_extended(PG_FUNCTION_ARGS)
{
	packed_ref	ref = packed_arg(fcinfo, 0);

	return hash_any_extended(ref.bytes, (int) ref.len, PG_GETARG_INT64(1));
}

/*
 * The grid of argument n, unpacked once per distinct value: the cache in
 * fn_extra holds the packed bytes it was made from.
 */
typedef struct matrix_cache
{
	size_t		len;
	uint8_t		packed[RISKM_PACKED_MAX];
	riskm_matrix m;
} matrix_cache;

static const riskm_matrix *
cached_matrix(FunctionCallInfo fcinfo, int n)
{
	matrix_cache *cache = (matrix_cache *) fcinfo->flinfo->fn_extra;
	packed_ref	ref = packed_arg(fcinfo, n);

	if (cache == NULL)
	{
		cache = MemoryContextAllocZero(fcinfo->flinfo->fn_mcxt, sizeof(matrix_cache));
		fcinfo->flinfo->fn_extra = cache;
	}
	if (cache->len != ref.len || memcmp(cache->packed, ref.bytes, ref.len) != 0)
	{
		cache->len = 0;
		unpack_stored(&ref, &cache->m);
		memcpy(cache->packed, ref.bytes, ref.len);
		cache->len = ref.len;
	}
	return &cache->m;
}

static void
lookup(const riskm_matrix *m, int32 likelihood, int32 consequence,
	   riskm_level *level, uint32_t *score)
{
	riskm_error err;

	if (riskm_lookup(m, likelihood, consequence, level, score, &err) != RISKM_OK)
	{
		char		detail[RISKM_ERROR_DETAIL_SIZE];

		riskm_error_detail(&err, NULL, 0, detail, sizeof(detail));
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("risk matrix cell (likelihood %d, consequence %d) is outside the %dx%d grid",
						likelihood, consequence, m->rows, m->cols),
				 errdetail("%s.", detail),
				 errhint("This matrix has likelihoods 1..%d and consequences 1..%d.",
						 m->rows, m->cols)));
	}
}

/* A score in hundredths as numeric, with no more decimals than it needs. */
static Datum
score_numeric(uint32_t score)
{
	if (score % 100 == 0)
		return NumericGetDatum(int64_to_numeric(score / 100));
	if (score % 10 == 0)
		return NumericGetDatum(int64_div_fast_to_numeric(score / 10, 1));
	return NumericGetDatum(int64_div_fast_to_numeric(score, 2));
}

PG_FUNCTION_INFO_V1(risk_level_fn);
Datum
risk_level_fn(PG_FUNCTION_ARGS)
{
	riskm_level level;
	uint32_t	score;

	lookup(cached_matrix(fcinfo, 2), PG_GETARG_INT32(0), PG_GETARG_INT32(1), &level, &score);
	PG_RETURN_TEXT_P(cstring_to_text(riskm_level_name(level)));
}

PG_FUNCTION_INFO_V1(risk_score_fn);
Datum
risk_score_fn(PG_FUNCTION_ARGS)
{
	riskm_level level;
	uint32_t	score;

	lookup(cached_matrix(fcinfo, 2), PG_GETARG_INT32(0), PG_GETARG_INT32(1), &level, &score);
	return score_numeric(score);
}

PG_FUNCTION_INFO_V1(risk_matrix_likelihoods);
Datum
risk_matrix_likelihoods(PG_FUNCTION_ARGS)
{
	packed_ref	ref = packed_arg(fcinfo, 0);
	riskm_matrix m;

	unpack_stored(&ref, &m);
	PG_RETURN_INT32(m.rows);
}

PG_FUNCTION_INFO_V1(risk_matrix_consequences);
Datum
risk_matrix_consequences(PG_FUNCTION_ARGS)
{
	packed_ref	ref = packed_arg(fcinfo, 0);
	riskm_matrix m;

	unpack_stored(&ref, &m);
	PG_RETURN_INT32(m.cols);
}
