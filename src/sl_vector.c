/*
 * sl_vector.c: the SQL type sl_vector, thin fmgr glue over sl_vector_core.c.
 *
 * A datum is the core's packed uint32 (FR i in bits 3i..3i+2), passed by
 * value.  Every vector has exactly one packed form, so equality and hashing
 * work on the packed value without unpacking.
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "common/hashfn.h"
#include "fmgr.h"
#include "libpq/pqformat.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"

#include "sl_vector_core.h"

#define PG_GETARG_SLV(n)	DatumGetUInt32(PG_GETARG_DATUM(n))
#define PG_RETURN_SLV(x)	return UInt32GetDatum(x)

/* The 22P02 error every text input path raises, with the core's detail. */
static void
report_parse_error(const char *text, size_t length, const slv_error *err)
{
	char		detail[SLV_ERROR_DETAIL_SIZE];

	slv_error_detail(err, text, length, detail, sizeof(detail));
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
			 errmsg("invalid input syntax for type sl_vector: \"%s\"",
					pnstrdup(text, length)),
			 errdetail("%s", detail)));
}

static uint32
parse_text(const char *text, size_t length)
{
	slv_vector	v;
	slv_error	err;

	if (slv_parse(text, length, &v, &err) != SLV_OK)
		report_parse_error(text, length, &err);
	return slv_pack(&v);
}

/* Stored values were validated on the way in; failing here means corruption. */
static void
unpack_stored(uint32 packed, slv_vector *v)
{
	if (slv_unpack(packed, v) != SLV_OK)
		elog(ERROR, "corrupt sl_vector value %08x", packed);
}

PG_FUNCTION_INFO_V1(sl_vector_in);
Datum
sl_vector_in(PG_FUNCTION_ARGS)
{
	const char *text = PG_GETARG_CSTRING(0);

	PG_RETURN_SLV(parse_text(text, strlen(text)));
}

PG_FUNCTION_INFO_V1(sl_vector_from_text);
Datum
sl_vector_from_text(PG_FUNCTION_ARGS)
{
	text	   *t = PG_GETARG_TEXT_PP(0);

	PG_RETURN_SLV(parse_text(VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t)));
}

PG_FUNCTION_INFO_V1(sl_vector_out);
Datum
sl_vector_out(PG_FUNCTION_ARGS)
{
	slv_vector	v;
	char		buf[SLV_TEXT_SIZE];

	unpack_stored(PG_GETARG_SLV(0), &v);
	slv_format(&v, buf, sizeof(buf));
	PG_RETURN_CSTRING(pstrdup(buf));
}

PG_FUNCTION_INFO_V1(sl_vector_to_text);
Datum
sl_vector_to_text(PG_FUNCTION_ARGS)
{
	slv_vector	v;
	char		buf[SLV_TEXT_SIZE];
	size_t		length;

	unpack_stored(PG_GETARG_SLV(0), &v);
	length = slv_format(&v, buf, sizeof(buf));
	PG_RETURN_TEXT_P(cstring_to_text_with_len(buf, length));
}

/*
 * Binary form (sl_vector_core.h): a layout byte (1) and the seven levels,
 * one byte each, checked by slv_from_binary as strictly as text input.  The
 * 4-byte form of release 0.1.0 (the packed value, big-endian) is still read,
 * so COPY BINARY files written by 0.1.0 load; send writes the new form only.
 */
PG_FUNCTION_INFO_V1(sl_vector_recv);
Datum
sl_vector_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	int			length = buf->len - buf->cursor;
	const uint8 *bytes = (const uint8 *) pq_getmsgbytes(buf, length);
	slv_vector	v;
	int			bad_byte;

	if (slv_from_binary(bytes, (size_t) length, &v, &bad_byte) != SLV_OK)
	{
		if (bad_byte < 0)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
					 errmsg("invalid binary representation for type sl_vector"),
					 errdetail("An sl_vector value is %d bytes (a layout byte and seven levels; "
							   "%d in release 0.1.0), not %d.",
							   SLV_BINARY_SIZE, SLV_BINARY_SIZE_0_1_0, length)));
		else if (length == SLV_BINARY_SIZE_0_1_0)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
					 errmsg("invalid binary representation for type sl_vector"),
					 errdetail("0x%02x%02x%02x%02x is not a packed security-level vector (the 4-byte form "
							   "of release 0.1.0): bits 0..20 hold seven 3-bit levels 0..4, bits 21..31 are zero.",
							   bytes[0], bytes[1], bytes[2], bytes[3])));
		else if (bad_byte == 0)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
					 errmsg("invalid binary representation for type sl_vector"),
					 errdetail("Unknown binary layout %d; this release reads layout %d.",
							   bytes[0], SLV_BINARY_LAYOUT)));
		else
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
					 errmsg("invalid binary representation for type sl_vector"),
					 errdetail("Level %d for FR \"%s\" (byte %d) is outside 0..4.",
							   bytes[bad_byte], slv_fr_name(bad_byte - 1), bad_byte)));
	}
	PG_RETURN_SLV(slv_pack(&v));
}

PG_FUNCTION_INFO_V1(sl_vector_send);
Datum
sl_vector_send(PG_FUNCTION_ARGS)
{
	StringInfoData buf;
	uint8_t		bytes[SLV_BINARY_SIZE];
	slv_vector	v;

	if (slv_unpack(PG_GETARG_SLV(0), &v) != SLV_OK)
		elog(ERROR, "corrupt sl_vector value");
	slv_to_binary(&v, bytes);
	pq_begintypsend(&buf);
	pq_sendbytes(&buf, (const char *) bytes, SLV_BINARY_SIZE);
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

/* sl_vector(int[]): seven levels in FR order. */
PG_FUNCTION_INFO_V1(sl_vector_from_levels);
Datum
sl_vector_from_levels(PG_FUNCTION_ARGS)
{
	ArrayType  *array = PG_GETARG_ARRAYTYPE_P(0);
	Datum	   *elems;
	bool	   *nulls;
	int			count;
	int32_t		levels[SLV_FR_COUNT];
	slv_vector	v;
	slv_error	err;
	int			i;

	if (ARR_NDIM(array) > 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("sl_vector needs a one-dimensional array of 7 levels, not %d dimensions",
						ARR_NDIM(array))));
	deconstruct_array(array, INT4OID, 4, true, TYPALIGN_INT, &elems, &nulls, &count);
	if (count != SLV_FR_COUNT)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("sl_vector needs 7 levels, one per FR, not %d", count),
				 errdetail("The order is FR1..FR7: IAC, UC, SI, DC, RDF, TRE, RA.")));
	for (i = 0; i < SLV_FR_COUNT; i++)
	{
		if (nulls[i])
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("sl_vector level for FR%d (%s) is NULL", i + 1, slv_fr_name(i))));
		levels[i] = DatumGetInt32(elems[i]);
	}
	if (slv_from_levels(levels, &v, &err) != SLV_OK)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("sl_vector level %d for FR%d (%s) is outside 0..4",
						(int) err.level, err.fr_index + 1, slv_fr_name(err.fr_index))));
	PG_RETURN_SLV(slv_pack(&v));
}

PG_FUNCTION_INFO_V1(sl_levels);
Datum
sl_levels(PG_FUNCTION_ARGS)
{
	slv_vector	v;
	Datum		elems[SLV_FR_COUNT];
	int			i;

	unpack_stored(PG_GETARG_SLV(0), &v);
	for (i = 0; i < SLV_FR_COUNT; i++)
		elems[i] = Int32GetDatum(v.level[i]);
	PG_RETURN_ARRAYTYPE_P(construct_array(elems, SLV_FR_COUNT, INT4OID, 4, true, TYPALIGN_INT));
}

PG_FUNCTION_INFO_V1(sl_fr);
Datum
sl_fr(PG_FUNCTION_ARGS)
{
	slv_vector	v;
	text	   *name = PG_GETARG_TEXT_PP(1);
	int			fr = slv_fr_index(VARDATA_ANY(name), VARSIZE_ANY_EXHDR(name));

	if (fr < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("unknown foundational requirement \"%s\"", text_to_cstring(name)),
				 errhint("Use IAC, UC, SI, DC, RDF, TRE, RA or FR1..FR7.")));
	unpack_stored(PG_GETARG_SLV(0), &v);
	PG_RETURN_INT32(v.level[fr]);
}

PG_FUNCTION_INFO_V1(sl_meets);
Datum
sl_meets(PG_FUNCTION_ARGS)
{
	slv_vector	achieved;
	slv_vector	target;

	unpack_stored(PG_GETARG_SLV(0), &achieved);
	unpack_stored(PG_GETARG_SLV(1), &target);
	PG_RETURN_BOOL(slv_meets(&achieved, &target));
}

PG_FUNCTION_INFO_V1(sl_gap);
Datum
sl_gap(PG_FUNCTION_ARGS)
{
	slv_vector	achieved;
	slv_vector	target;
	slv_vector	gap;

	unpack_stored(PG_GETARG_SLV(0), &achieved);
	unpack_stored(PG_GETARG_SLV(1), &target);
	slv_gap(&achieved, &target, &gap);
	PG_RETURN_SLV(slv_pack(&gap));
}

/* Per-FR maximum and minimum: the aggregates' transition and combine functions. */
PG_FUNCTION_INFO_V1(sl_max);
Datum
sl_max(PG_FUNCTION_ARGS)
{
	slv_vector	a;
	slv_vector	b;
	slv_vector	out;

	unpack_stored(PG_GETARG_SLV(0), &a);
	unpack_stored(PG_GETARG_SLV(1), &b);
	slv_max(&a, &b, &out);
	PG_RETURN_SLV(slv_pack(&out));
}

PG_FUNCTION_INFO_V1(sl_min);
Datum
sl_min(PG_FUNCTION_ARGS)
{
	slv_vector	a;
	slv_vector	b;
	slv_vector	out;

	unpack_stored(PG_GETARG_SLV(0), &a);
	unpack_stored(PG_GETARG_SLV(1), &b);
	slv_min(&a, &b, &out);
	PG_RETURN_SLV(slv_pack(&out));
}

/*
 * The btree order: lexicographic over FR1..FR7, which is the order of the
 * canonical text (one digit per level).  Not a dominance order.
 */
static int
compare_packed(uint32 a, uint32 b)
{
	slv_vector	va;
	slv_vector	vb;
	int			i;

	if (a == b)
		return 0;
	unpack_stored(a, &va);
	unpack_stored(b, &vb);
	for (i = 0; i < SLV_FR_COUNT; i++)
		if (va.level[i] != vb.level[i])
			return va.level[i] < vb.level[i] ? -1 : 1;
	return 0;					/* cannot happen: one packed form per vector */
}

PG_FUNCTION_INFO_V1(sl_vector_cmp);
Datum
sl_vector_cmp(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT32(compare_packed(PG_GETARG_SLV(0), PG_GETARG_SLV(1)));
}

PG_FUNCTION_INFO_V1(sl_vector_eq);
Datum
sl_vector_eq(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(PG_GETARG_SLV(0) == PG_GETARG_SLV(1));
}

PG_FUNCTION_INFO_V1(sl_vector_ne);
Datum
sl_vector_ne(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(PG_GETARG_SLV(0) != PG_GETARG_SLV(1));
}

PG_FUNCTION_INFO_V1(sl_vector_lt);
Datum
sl_vector_lt(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(compare_packed(PG_GETARG_SLV(0), PG_GETARG_SLV(1)) < 0);
}

PG_FUNCTION_INFO_V1(sl_vector_le);
Datum
sl_vector_le(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(compare_packed(PG_GETARG_SLV(0), PG_GETARG_SLV(1)) <= 0);
}

PG_FUNCTION_INFO_V1(sl_vector_gt);
Datum
sl_vector_gt(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(compare_packed(PG_GETARG_SLV(0), PG_GETARG_SLV(1)) > 0);
}

PG_FUNCTION_INFO_V1(sl_vector_ge);
Datum
sl_vector_ge(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(compare_packed(PG_GETARG_SLV(0), PG_GETARG_SLV(1)) >= 0);
}

PG_FUNCTION_INFO_V1(sl_vector_hash);
Datum
sl_vector_hash(PG_FUNCTION_ARGS)
{
	return hash_uint32(PG_GETARG_SLV(0));
}

PG_FUNCTION_INFO_V1(sl_vector_hash_extended);
Datum
sl_vector_hash_extended(PG_FUNCTION_ARGS)
{
	return hash_uint32_extended(PG_GETARG_SLV(0), PG_GETARG_INT64(1));
}
