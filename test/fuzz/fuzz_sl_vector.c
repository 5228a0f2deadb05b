/*
 * fuzz_sl_vector.c: libFuzzer harness for sl_vector_core.
 *
 * The input is parsed as text; whatever parses must print canonically and
 * parse back to the same vector, and survive pack/unpack and the binary
 * form.  The whole input is also read as a binary (send/recv) value, which
 * must either be rejected or round-trip.  Its first four
 * bytes are also unpacked as a packed vector, which must either be rejected
 * or round-trip exactly.  Any violated property aborts.
 */
#include "sl_vector_core.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
require(int ok)
{
	if (!ok)
		abort();
}

static void
check_error(const slv_error *err, const char *text, size_t len)
{
	char		detail[SLV_ERROR_DETAIL_SIZE];
	char		tiny[8];
	size_t		n;

	require(err->status != SLV_OK);
	require(err->offset <= len && err->length <= len - err->offset);
	n = slv_error_detail(err, text, len, detail, sizeof(detail));
	require(n < sizeof(detail) && strlen(detail) == n);
	/* a short buffer truncates but reports the same length */
	require(slv_error_detail(err, text, len, tiny, sizeof(tiny)) == n);
	require(strlen(tiny) == (n < sizeof(tiny) ? n : sizeof(tiny) - 1));
}

static void
check_round_trip(const slv_vector *v)
{
	char		text[SLV_TEXT_SIZE];
	slv_vector	again;
	size_t		n = slv_format(v, text, sizeof(text));
	int			i;

	for (i = 0; i < SLV_FR_COUNT; i++)
		require(v->level[i] <= SLV_LEVEL_MAX);
	require(n < sizeof(text) && strlen(text) == n);
	require(slv_parse(text, n, &again, NULL) == SLV_OK);
	require(slv_equal(v, &again));
	require(slv_unpack(slv_pack(v), &again) == SLV_OK);
	require(slv_equal(v, &again));
	{
		uint8_t		bin[SLV_BINARY_SIZE];
		int			bad;

		slv_to_binary(v, bin);
		require(slv_from_binary(bin, sizeof(bin), &again, &bad) == SLV_OK);
		require(slv_equal(v, &again));
	}
}

/* Lattice laws of max/min and the meaning of meets and gap. */
static void
check_operations(const slv_vector *a, const slv_vector *b)
{
	slv_vector	out;
	int			i;
	int			gap_is_zero = 1;

	slv_max(a, b, &out);
	require(slv_meets(&out, a) && slv_meets(&out, b));
	slv_min(a, b, &out);
	require(slv_meets(a, &out) && slv_meets(b, &out));
	slv_gap(a, b, &out);
	for (i = 0; i < SLV_FR_COUNT; i++)
	{
		require(a->level[i] + out.level[i] >= b->level[i]);
		if (out.level[i] != 0)
			gap_is_zero = 0;
	}
	require(gap_is_zero == slv_meets(a, b));
	require(slv_equal(a, b) == (slv_pack(a) == slv_pack(b)));
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *) data;
	slv_vector	parsed;
	slv_vector	unpacked;
	slv_error	err;
	uint32_t	word;
	int			have_parsed = 0;

	if (slv_parse(text, size, &parsed, &err) == SLV_OK)
	{
		check_round_trip(&parsed);
		have_parsed = 1;
	}
	else
		check_error(&err, text, size);

	/* the whole input as a binary value (send/recv form): rejected, or it round-trips */
	{
		int			bad;

		if (slv_from_binary(data, size, &unpacked, &bad) == SLV_OK)
		{
			uint8_t		bin[SLV_BINARY_SIZE];

			require(size == SLV_BINARY_SIZE || size == SLV_BINARY_SIZE_0_1_0);
			check_round_trip(&unpacked);
			slv_to_binary(&unpacked, bin);
			require(size != SLV_BINARY_SIZE || memcmp(bin, data, size) == 0);
		}
		else
			require(bad >= -1 && bad < (int) size);
	}

	if (size >= sizeof(word))
	{
		memcpy(&word, data, sizeof(word));
		if (slv_unpack(word, &unpacked) == SLV_OK)
		{
			require(slv_pack(&unpacked) == word);
			check_round_trip(&unpacked);
			if (have_parsed)
			{
				check_operations(&parsed, &unpacked);
				check_operations(&unpacked, &parsed);
			}
		}
	}
	return 0;
}
