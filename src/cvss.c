/*
 * cvss.c: the SQL type cvss, thin fmgr glue over cvss_core.c.
 *
 * A datum is the core's 16-byte packed form, which carries the scores, so
 * scoring a stored value reads a byte; only text input parses and scores.
 */
#include "postgres.h"

#include "common/hashfn.h"
#include "fmgr.h"
#include "libpq/pqformat.h"
#include "utils/builtins.h"
#include "utils/numeric.h"

#include "cvss_core.h"

#define DatumGetCvssP(d)		((const uint8_t *) DatumGetPointer(d))
#define PG_GETARG_CVSS_P(n)		DatumGetCvssP(PG_GETARG_DATUM(n))

static uint8_t *
packed_copy(const cvss_vector *vector)
{
	uint8_t    *result = palloc(CVSS_PACKED_SIZE);

	cvss_pack(vector, result);
	return result;
}

/* The 22P02 error every text input path raises, with the core's detail. */
static void
report_parse_error(const char *text, size_t length, const cvss_error *err)
{
	char		detail[CVSS_ERROR_DETAIL_SIZE];

	cvss_error_detail(err, detail, sizeof(detail));
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
			 errmsg("invalid input syntax for type cvss: \"%s\"",
					pnstrdup(text, length)),
			 errdetail("%s", detail)));
}

static uint8_t *
parse_text(const char *text, size_t length)
{
	cvss_vector vector;
	cvss_error	err;

	if (cvss_parse(text, length, &vector, &err) != CVSS_OK)
		report_parse_error(text, length, &err);
	return packed_copy(&vector);
}

/* Stored values were validated on the way in; failing here means corruption. */
static void
unpack_stored(const uint8_t *packed, cvss_vector *vector)
{
	if (cvss_unpack(packed, vector) != CVSS_OK)
		elog(ERROR, "corrupt cvss value");
}

static Datum
score_datum(int tenths)
{
	return NumericGetDatum(int64_div_fast_to_numeric(tenths, 1));
}

PG_FUNCTION_INFO_V1(cvss_in);
Datum
cvss_in(PG_FUNCTION_ARGS)
{
	const char *text = PG_GETARG_CSTRING(0);

	PG_RETURN_POINTER(parse_text(text, strlen(text)));
}

PG_FUNCTION_INFO_V1(cvss_from_text);
Datum
cvss_from_text(PG_FUNCTION_ARGS)
{
	text	   *t = PG_GETARG_TEXT_PP(0);

	PG_RETURN_POINTER(parse_text(VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t)));
}

PG_FUNCTION_INFO_V1(cvss_out);
Datum
cvss_out(PG_FUNCTION_ARGS)
{
	cvss_vector vector;
	char		buf[CVSS_TEXT_SIZE];

	unpack_stored(PG_GETARG_CVSS_P(0), &vector);
	cvss_format(&vector, buf);
	PG_RETURN_CSTRING(pstrdup(buf));
}

PG_FUNCTION_INFO_V1(cvss_to_text);
Datum
cvss_to_text(PG_FUNCTION_ARGS)
{
	cvss_vector vector;
	char		buf[CVSS_TEXT_SIZE];
	size_t		length;

	unpack_stored(PG_GETARG_CVSS_P(0), &vector);
	length = cvss_format(&vector, buf);
	PG_RETURN_TEXT_P(cstring_to_text_with_len(buf, length));
}

/* Binary form: the 16 packed bytes, whose first byte is the layout version. */
PG_FUNCTION_INFO_V1(cvss_recv);
Datum
cvss_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	uint8_t    *packed;
	cvss_vector vector;
	cvss_error_code code;

	if (buf->len - buf->cursor != CVSS_PACKED_SIZE)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid binary representation for type cvss"),
				 errdetail("A cvss value is %d bytes, not %d.",
						   CVSS_PACKED_SIZE, buf->len - buf->cursor)));
	packed = palloc(CVSS_PACKED_SIZE);
	pq_copymsgbytes(buf, (char *) packed, CVSS_PACKED_SIZE);
	code = cvss_unpack(packed, &vector);
	if (code != CVSS_OK)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid binary representation for type cvss"),
				 errdetail("%s.", cvss_error_message(code))));
	PG_RETURN_POINTER(packed);
}

PG_FUNCTION_INFO_V1(cvss_send);
Datum
cvss_send(PG_FUNCTION_ARGS)
{
	StringInfoData buf;

	pq_begintypsend(&buf);
	pq_sendbytes(&buf, (const char *) PG_GETARG_CVSS_P(0), CVSS_PACKED_SIZE);
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

PG_FUNCTION_INFO_V1(cvss_version_text);
Datum
cvss_version_text(PG_FUNCTION_ARGS)
{
	cvss_vector vector;

	unpack_stored(PG_GETARG_CVSS_P(0), &vector);
	PG_RETURN_TEXT_P(cstring_to_text(cvss_version_name(cvss_get_version(&vector))));
}

static Datum
packed_score(FunctionCallInfo fcinfo, cvss_score_kind kind)
{
	int			tenths = cvss_packed_score(PG_GETARG_CVSS_P(0), kind);

	if (tenths == CVSS_NOT_DEFINED)
		PG_RETURN_NULL();
	return score_datum(tenths);
}

PG_FUNCTION_INFO_V1(cvss_base_score_fn);
Datum
cvss_base_score_fn(PG_FUNCTION_ARGS)
{
	return packed_score(fcinfo, CVSS_SCORE_BASE);
}

PG_FUNCTION_INFO_V1(cvss_temporal_score_fn);
Datum
cvss_temporal_score_fn(PG_FUNCTION_ARGS)
{
	return packed_score(fcinfo, CVSS_SCORE_TEMPORAL);
}

PG_FUNCTION_INFO_V1(cvss_environmental_score_fn);
Datum
cvss_environmental_score_fn(PG_FUNCTION_ARGS)
{
	return packed_score(fcinfo, CVSS_SCORE_ENVIRONMENTAL);
}

PG_FUNCTION_INFO_V1(cvss_score_fn);
Datum
cvss_score_fn(PG_FUNCTION_ARGS)
{
	return packed_score(fcinfo, CVSS_SCORE_OVERALL);
}

PG_FUNCTION_INFO_V1(cvss_severity_fn);
Datum
cvss_severity_fn(PG_FUNCTION_ARGS)
{
	const uint8_t *packed = PG_GETARG_CVSS_P(0);
	cvss_vector vector;
	char		name[16];
	int			i;

	unpack_stored(packed, &vector);
	strlcpy(name, cvss_severity_name(cvss_severity_of(&vector)), sizeof(name));
	/* the SQL API speaks lower case, as BI filters and CASE expressions expect */
	for (i = 0; name[i]; i++)
		name[i] = pg_ascii_tolower((unsigned char) name[i]);
	PG_RETURN_TEXT_P(cstring_to_text(name));
}

PG_FUNCTION_INFO_V1(cvss_metric_fn);
Datum
cvss_metric_fn(PG_FUNCTION_ARGS)
{
	cvss_vector vector;
	text	   *metric = PG_GETARG_TEXT_PP(1);
	const char *value;

	unpack_stored(PG_GETARG_CVSS_P(0), &vector);
	if (cvss_metric_value(&vector, VARDATA_ANY(metric), VARSIZE_ANY_EXHDR(metric), &value) != CVSS_OK)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("unknown CVSS %s metric \"%s\"",
						cvss_version_name(cvss_get_version(&vector)),
						text_to_cstring(metric))));
	PG_RETURN_TEXT_P(cstring_to_text(value));
}

/*
 * A requirement as the core spells it: L, M, H, X (ND in v2.0 too), or the
 * words the asset table uses (low, medium, high), in any case.
 */
static const char *
requirement_code(text *requirement)
{
	char	   *word = text_to_cstring(requirement);

	if (pg_strcasecmp(word, "low") == 0 || pg_strcasecmp(word, "l") == 0)
		return "L";
	if (pg_strcasecmp(word, "medium") == 0 || pg_strcasecmp(word, "m") == 0)
		return "M";
	if (pg_strcasecmp(word, "high") == 0 || pg_strcasecmp(word, "h") == 0)
		return "H";
	if (pg_strcasecmp(word, "x") == 0)
		return "X";
	return word;				/* the core names it in its error */
}

PG_FUNCTION_INFO_V1(cvss_with_requirements);
Datum
cvss_with_requirements(PG_FUNCTION_ARGS)
{
	cvss_vector vector;
	cvss_error	err;

	unpack_stored(PG_GETARG_CVSS_P(0), &vector);
	if (cvss_set_requirements(&vector,
							  requirement_code(PG_GETARG_TEXT_PP(1)),
							  requirement_code(PG_GETARG_TEXT_PP(2)),
							  requirement_code(PG_GETARG_TEXT_PP(3)),
							  &err) != CVSS_OK)
	{
		char		detail[CVSS_ERROR_DETAIL_SIZE];

		cvss_error_detail(&err, detail, sizeof(detail));
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("invalid security requirement for a CVSS %s vector",
						cvss_version_name(cvss_get_version(&vector))),
				 errdetail("%s", detail),
				 errhint("A requirement is L, M, H or X, or low, medium or high.")));
	}
	PG_RETURN_POINTER(packed_copy(&vector));
}

/*
 * Order: by cvss_score (a stored byte), then by canonical text; identical
 * bytes are the same value, so most comparisons never unpack.
 */
static int
compare_packed(const uint8_t *a, const uint8_t *b)
{
	int			score_a = cvss_packed_score(a, CVSS_SCORE_OVERALL);
	int			score_b = cvss_packed_score(b, CVSS_SCORE_OVERALL);
	cvss_vector va;
	cvss_vector vb;

	if (score_a != score_b)
		return score_a < score_b ? -1 : 1;
	if (memcmp(a, b, CVSS_PACKED_SIZE) == 0)
		return 0;
	unpack_stored(a, &va);
	unpack_stored(b, &vb);
	return cvss_compare(&va, &vb);
}

PG_FUNCTION_INFO_V1(cvss_cmp);
Datum
cvss_cmp(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT32(compare_packed(PG_GETARG_CVSS_P(0), PG_GETARG_CVSS_P(1)));
}

PG_FUNCTION_INFO_V1(cvss_eq);
Datum
cvss_eq(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(memcmp(PG_GETARG_CVSS_P(0), PG_GETARG_CVSS_P(1), CVSS_PACKED_SIZE) == 0);
}

PG_FUNCTION_INFO_V1(cvss_ne);
Datum
cvss_ne(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(memcmp(PG_GETARG_CVSS_P(0), PG_GETARG_CVSS_P(1), CVSS_PACKED_SIZE) != 0);
}

PG_FUNCTION_INFO_V1(cvss_lt);
Datum
cvss_lt(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(compare_packed(PG_GETARG_CVSS_P(0), PG_GETARG_CVSS_P(1)) < 0);
}

PG_FUNCTION_INFO_V1(cvss_le);
Datum
cvss_le(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(compare_packed(PG_GETARG_CVSS_P(0), PG_GETARG_CVSS_P(1)) <= 0);
}

PG_FUNCTION_INFO_V1(cvss_gt);
Datum
cvss_gt(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(compare_packed(PG_GETARG_CVSS_P(0), PG_GETARG_CVSS_P(1)) > 0);
}

PG_FUNCTION_INFO_V1(cvss_ge);
Datum
cvss_ge(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(compare_packed(PG_GETARG_CVSS_P(0), PG_GETARG_CVSS_P(1)) >= 0);
}

PG_FUNCTION_INFO_V1(cvss_smaller);
Datum
cvss_smaller(PG_FUNCTION_ARGS)
{
	Datum		a = PG_GETARG_DATUM(0);
	Datum		b = PG_GETARG_DATUM(1);

	PG_RETURN_DATUM(compare_packed(DatumGetCvssP(a), DatumGetCvssP(b)) <= 0 ? a : b);
}

PG_FUNCTION_INFO_V1(cvss_larger);
Datum
cvss_larger(PG_FUNCTION_ARGS)
{
	Datum		a = PG_GETARG_DATUM(0);
	Datum		b = PG_GETARG_DATUM(1);

	PG_RETURN_DATUM(compare_packed(DatumGetCvssP(a), DatumGetCvssP(b)) >= 0 ? a : b);
}

PG_FUNCTION_INFO_V1(cvss_hash);
Datum
cvss_hash(PG_FUNCTION_ARGS)
{
	return hash_any(PG_GETARG_CVSS_P(0), CVSS_PACKED_SIZE);
}

PG_FUNCTION_INFO_V1(cvss_hash_extended);
Datum
cvss_hash_extended(PG_FUNCTION_ARGS)
{
	return hash_any_extended(PG_GETARG_CVSS_P(0), CVSS_PACKED_SIZE, PG_GETARG_INT64(1));
}
