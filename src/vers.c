/*
 * vers.c: the SQL type vers_range and vers_contains, thin fmgr glue over
 * vers_core.c (package-url version range specifiers, "vers:").
 *
 * A datum is a varlena holding the canonical text (vers_format), so output
 * copies bytes and only input parses.  Containment parses the stored text
 * once per distinct range per call site: the parsed range is cached in
 * fn_extra, keyed by the range's bytes, so testing one advisory's range
 * against many assets parses it once.  Equality is the core's: versions
 * equal under the scheme, spellings aside (vers:intdot/<1.0 = <1.00); the
 * order (for sorting, DISTINCT and btree indexes) is vers_range_compare,
 * consistent with it, and the hash is taken over the core's normalised
 * key, which equal ranges share.  Binary form: one format byte (1), then the range text; recv
 * parses that text exactly as input does.
 */
#include "postgres.h"

#include "common/hashfn.h"
#include "fmgr.h"
#include "libpq/pqformat.h"
#include "utils/builtins.h"

#include "vers_core.h"

#define VERS_BINARY_FORMAT 1

/* A parsed range, and the bytes it was parsed from. */
typedef struct vers_cache
{
	bool		valid;
	Size		length;
	Size		capacity;
	char	   *bytes;
	vers_range	range;
} vers_cache;

/*
 * A malformed range is 22P02, an unsupported scheme 0A000; binary input
 * reports malformed text as 22P03 instead.
 */
static void
report_parse_error(const char *text, size_t length, const vers_error *err,
				   bool binary)
{
	char		detail[VERS_ERROR_DETAIL_SIZE];

	if (err->status == VERS_ERR_UNSUPPORTED_SCHEME)
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("unsupported versioning scheme \"%s\" in vers range \"%s\"",
						pnstrdup(text + err->offset, err->length),
						pnstrdup(text, length)),
				 errdetail("Supported versioning schemes: %s.",
						   vers_supported_schemes)));
	vers_error_detail(err, text, length, detail, sizeof(detail));
	if (binary)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid binary representation for type vers_range"),
				 errdetail("%s", detail)));
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
			 errmsg("invalid input syntax for type vers_range: \"%s\"",
					pnstrdup(text, length)),
			 errdetail("%s", detail)));
}

/* Text (not necessarily NUL-terminated) to a datum holding its canonical text. */
static text *
parse_to_datum(const char *input, size_t length, bool binary)
{
	vers_range *range = palloc(sizeof(vers_range));
	vers_error	err;
	text	   *result;
	size_t		canonical_length;

	if (vers_parse(input, length, range, &err) != VERS_OK)
		report_parse_error(input, length, &err, binary);
	/* the canonical text is never longer than the input */
	result = palloc(VARHDRSZ + length + 1);
	canonical_length = vers_format(range, VARDATA(result), length + 1);
	if (canonical_length > length)
		elog(ERROR, "vers canonical text longer than its input");
	SET_VARSIZE(result, VARHDRSZ + canonical_length);
	pfree(range);
	return result;
}

/* Stored values were validated on the way in; failing here means corruption. */
static void
parse_stored(const char *bytes, Size length, vers_range *range)
{
	if (vers_parse(bytes, length, range, NULL) != VERS_OK)
		elog(ERROR, "corrupt vers_range value");
}

/*
 * The parsed range of bytes, from fn_extra when the same bytes came last;
 * stored says whether they are a vers_range datum (else user text, whose
 * errors are reported).
 */
static const vers_range *
cached_range(FunctionCallInfo fcinfo, const char *bytes, Size length,
			 bool stored)
{
	vers_cache *cache = (vers_cache *) fcinfo->flinfo->fn_extra;

	if (cache == NULL)
	{
		cache = MemoryContextAllocZero(fcinfo->flinfo->fn_mcxt,
									   sizeof(vers_cache));
		fcinfo->flinfo->fn_extra = cache;
	}
	if (cache->valid && cache->length == length &&
		memcmp(cache->bytes, bytes, length) == 0)
		return &cache->range;

	cache->valid = false;
	if (stored)
		parse_stored(bytes, length, &cache->range);
	else
	{
		vers_error	err;

		if (vers_parse(bytes, length, &cache->range, &err) != VERS_OK)
			report_parse_error(bytes, length, &err, false);
	}
	if (cache->capacity < length)
	{
		if (cache->bytes != NULL)
			pfree(cache->bytes);
		cache->capacity = Max(length, 64);
		cache->bytes = MemoryContextAlloc(fcinfo->flinfo->fn_mcxt,
										  cache->capacity);
	}
	memcpy(cache->bytes, bytes, length);
	cache->length = length;
	cache->valid = true;
	return &cache->range;
}

PG_FUNCTION_INFO_V1(vers_range_in);
Datum
vers_range_in(PG_FUNCTION_ARGS)
{
	const char *input = PG_GETARG_CSTRING(0);

	PG_RETURN_TEXT_P(parse_to_datum(input, strlen(input), false));
}

PG_FUNCTION_INFO_V1(vers_range_from_text);
Datum
vers_range_from_text(PG_FUNCTION_ARGS)
{
	text	   *input = PG_GETARG_TEXT_PP(0);

	PG_RETURN_TEXT_P(parse_to_datum(VARDATA_ANY(input),
									VARSIZE_ANY_EXHDR(input), false));
}

PG_FUNCTION_INFO_V1(vers_range_out);
Datum
vers_range_out(PG_FUNCTION_ARGS)
{
	PG_RETURN_CSTRING(text_to_cstring(PG_GETARG_TEXT_PP(0)));
}

PG_FUNCTION_INFO_V1(vers_range_to_text);
Datum
vers_range_to_text(PG_FUNCTION_ARGS)
{
	/* the datum is the canonical text already */
	PG_RETURN_TEXT_P(PG_GETARG_TEXT_P_COPY(0));
}

PG_FUNCTION_INFO_V1(vers_range_recv);
Datum
vers_range_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	int			format;
	int			length;
	const char *bytes;

	if (buf->len - buf->cursor < 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid binary representation for type vers_range"),
				 errdetail("A vers_range value starts with a format byte.")));
	format = pq_getmsgbyte(buf);
	if (format != VERS_BINARY_FORMAT)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid binary representation for type vers_range"),
				 errdetail("Unknown format byte %d; this version reads format %d.",
						   format, VERS_BINARY_FORMAT)));
	length = buf->len - buf->cursor;
	bytes = pq_getmsgbytes(buf, length);
	PG_RETURN_TEXT_P(parse_to_datum(bytes, length, true));
}

PG_FUNCTION_INFO_V1(vers_range_send);
Datum
vers_range_send(PG_FUNCTION_ARGS)
{
	text	   *range = PG_GETARG_TEXT_PP(0);
	StringInfoData buf;

	pq_begintypsend(&buf);
	pq_sendbyte(&buf, VERS_BINARY_FORMAT);
	pq_sendbytes(&buf, VARDATA_ANY(range), VARSIZE_ANY_EXHDR(range));
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

/* "vers:<scheme>/...": the stored text is canonical, so no parsing needed. */
PG_FUNCTION_INFO_V1(vers_scheme_fn);
Datum
vers_scheme_fn(PG_FUNCTION_ARGS)
{
	text	   *range = PG_GETARG_TEXT_PP(0);
	const char *bytes = VARDATA_ANY(range);
	Size		length = VARSIZE_ANY_EXHDR(range);
	const char *slash;

	if (length < 7 || memcmp(bytes, "vers:", 5) != 0 ||
		(slash = memchr(bytes + 5, '/', length - 5)) == NULL)
		elog(ERROR, "corrupt vers_range value");
	PG_RETURN_TEXT_P(cstring_to_text_with_len(bytes + 5, slash - (bytes + 5)));
}

static Datum
containment_datum(FunctionCallInfo fcinfo, const vers_range *range)
{
	text	   *version = PG_GETARG_TEXT_PP(1);

	switch (vers_range_contains(range, VARDATA_ANY(version),
								VARSIZE_ANY_EXHDR(version)))
	{
		case VERS_INSIDE:
			PG_RETURN_BOOL(true);
		case VERS_OUTSIDE:
			PG_RETURN_BOOL(false);
		case VERS_INCOMPARABLE:
			break;
	}
	/* a version the scheme cannot compare: a person must look */
	PG_RETURN_NULL();
}

PG_FUNCTION_INFO_V1(vers_contains_range);
Datum
vers_contains_range(PG_FUNCTION_ARGS)
{
	text	   *range = PG_GETARG_TEXT_PP(0);

	return containment_datum(fcinfo,
							 cached_range(fcinfo, VARDATA_ANY(range),
										  VARSIZE_ANY_EXHDR(range), true));
}

PG_FUNCTION_INFO_V1(vers_contains_text);
Datum
vers_contains_text(PG_FUNCTION_ARGS)
{
	text	   *range = PG_GETARG_TEXT_PP(0);

	return containment_datum(fcinfo,
							 cached_range(fcinfo, VARDATA_ANY(range),
										  VARSIZE_ANY_EXHDR(range), false));
}

PG_FUNCTION_INFO_V1(vers_version_compare_fn);
Datum
vers_version_compare_fn(PG_FUNCTION_ARGS)
{
	text	   *name = PG_GETARG_TEXT_PP(0);
	text	   *a = PG_GETARG_TEXT_PP(1);
	text	   *b = PG_GETARG_TEXT_PP(2);
	const char *a_bytes = VARDATA_ANY(a);
	const char *b_bytes = VARDATA_ANY(b);
	size_t		a_length = VARSIZE_ANY_EXHDR(a);
	size_t		b_length = VARSIZE_ANY_EXHDR(b);
	size_t		skip;
	vers_scheme scheme;
	int			result;

	switch (vers_scheme_lookup(VARDATA_ANY(name), VARSIZE_ANY_EXHDR(name),
							   &scheme))
	{
		case VERS_OK:
			break;
		case VERS_ERR_UNSUPPORTED_SCHEME:
			ereport(ERROR,
					(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
					 errmsg("unsupported versioning scheme \"%s\"",
							text_to_cstring(name)),
					 errdetail("Supported versioning schemes: %s.",
							   vers_supported_schemes)));
			break;
		default:
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("invalid versioning scheme name \"%s\"",
							text_to_cstring(name)),
					 errdetail("A scheme name is a letter, then letters, digits, '.' or '-'; "
							   "supported: %s.", vers_supported_schemes)));
	}
	skip = vers_tested_version_start(scheme, a_bytes, a_length);
	a_bytes += skip;
	a_length -= skip;
	skip = vers_tested_version_start(scheme, b_bytes, b_length);
	b_bytes += skip;
	b_length -= skip;
	/* all and none have no order; an invalid version has no place in one */
	if (!vers_version_compare(scheme, a_bytes, a_length, b_bytes, b_length,
							  &result))
		PG_RETURN_NULL();
	PG_RETURN_INT32(result < 0 ? -1 : (result > 0 ? 1 : 0));
}

/* The core's order: identical bytes are equal, else both are parsed. */
static int
compare_ranges(text *a, text *b)
{
	Size		a_length = VARSIZE_ANY_EXHDR(a);
	Size		b_length = VARSIZE_ANY_EXHDR(b);
	vers_range *ra;
	vers_range *rb;
	int			result;

	if (a_length == b_length &&
		memcmp(VARDATA_ANY(a), VARDATA_ANY(b), a_length) == 0)
		return 0;
	ra = palloc(sizeof(vers_range));
	rb = palloc(sizeof(vers_range));
	parse_stored(VARDATA_ANY(a), a_length, ra);
	parse_stored(VARDATA_ANY(b), b_length, rb);
	result = vers_range_compare(ra, rb);
	pfree(ra);
	pfree(rb);
	return result;
}

PG_FUNCTION_INFO_V1(vers_range_cmp);
Datum
vers_range_cmp(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT32(compare_ranges(PG_GETARG_TEXT_PP(0), PG_GETARG_TEXT_PP(1)));
}

PG_FUNCTION_INFO_V1(vers_range_eq);
Datum
vers_range_eq(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(compare_ranges(PG_GETARG_TEXT_PP(0), PG_GETARG_TEXT_PP(1)) == 0);
}

PG_FUNCTION_INFO_V1(vers_range_ne);
Datum
vers_range_ne(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(compare_ranges(PG_GETARG_TEXT_PP(0), PG_GETARG_TEXT_PP(1)) != 0);
}

PG_FUNCTION_INFO_V1(vers_range_lt);
Datum
vers_range_lt(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(compare_ranges(PG_GETARG_TEXT_PP(0), PG_GETARG_TEXT_PP(1)) < 0);
}

PG_FUNCTION_INFO_V1(vers_range_le);
Datum
vers_range_le(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(compare_ranges(PG_GETARG_TEXT_PP(0), PG_GETARG_TEXT_PP(1)) <= 0);
}

PG_FUNCTION_INFO_V1(vers_range_gt);
Datum
vers_range_gt(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(compare_ranges(PG_GETARG_TEXT_PP(0), PG_GETARG_TEXT_PP(1)) > 0);
}

PG_FUNCTION_INFO_V1(vers_range_ge);
Datum
vers_range_ge(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(compare_ranges(PG_GETARG_TEXT_PP(0), PG_GETARG_TEXT_PP(1)) >= 0);
}

/* The normalised key of a stored range, which equal ranges share. */
static char *
range_key(text *range, size_t *key_length)
{
	Size		length = VARSIZE_ANY_EXHDR(range);
	vers_range *parsed = palloc(sizeof(vers_range));
	char	   *key = palloc(length + 1);

	parse_stored(VARDATA_ANY(range), length, parsed);
	/* the key is never longer than the canonical text */
	*key_length = vers_format_key(parsed, key, length + 1);
	if (*key_length > length)
		elog(ERROR, "vers key longer than its canonical text");
	pfree(parsed);
	return key;
}

PG_FUNCTION_INFO_V1(vers_range_hash);
Datum
vers_range_hash(PG_FUNCTION_ARGS)
{
	size_t		length;
	char	   *key = range_key(PG_GETARG_TEXT_PP(0), &length);

	return hash_any((unsigned char *) key, (int) length);
}

PG_FUNCTION_INFO_V1(vers_range_hash_extended);
Datum
vers_range_hash_extended(PG_FUNCTION_ARGS)
{
	size_t		length;
	char	   *key = range_key(PG_GETARG_TEXT_PP(0), &length);

	return hash_any_extended((unsigned char *) key, (int) length,
							 PG_GETARG_INT64(1));
}
