/*
 * fuzz_risk_matrix.c: libFuzzer harness for risk_matrix_core.
 *
 * The input is parsed as text; whatever parses must print canonically,
 * parse back to the same grid, print identically again and survive
 * pack/unpack.  The same bytes are also unpacked as a packed grid, which
 * must either be rejected or repack to exactly those bytes.  Lookups with
 * coordinates from the input must agree with the grid's size.  Violations
 * abort.
 */
#include "risk_matrix_core.h"

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
check_detail(const riskm_error *err, const char *text, size_t len)
{
	char		detail[RISKM_ERROR_DETAIL_SIZE];
	char		tiny[8];
	size_t		n;

	require(err->status != RISKM_OK);
	require(err->offset <= len && err->length <= len - err->offset);
	n = riskm_error_detail(err, text, len, detail, sizeof(detail));
	require(n < sizeof(detail) && strlen(detail) == n);
	require(riskm_error_detail(err, text, len, tiny, sizeof(tiny)) == n);
}

static void
check_round_trip(const riskm_matrix *m)
{
	char		text[RISKM_TEXT_SIZE];
	char		again_text[RISKM_TEXT_SIZE];
	uint8_t		packed[RISKM_PACKED_MAX];
	riskm_matrix again;
	size_t		n = riskm_format(m, text, sizeof(text));
	size_t		packed_size;

	require(m->rows >= 1 && m->rows <= RISKM_MAX_DIM);
	require(m->cols >= 1 && m->cols <= RISKM_MAX_DIM);
	require(n < sizeof(text) && strlen(text) == n);
	require(riskm_parse(text, n, &again, NULL) == RISKM_OK);
	require(riskm_equal(m, &again));
	require(riskm_format(&again, again_text, sizeof(again_text)) == n);
	require(memcmp(text, again_text, n) == 0);

	packed_size = riskm_pack(m, packed, sizeof(packed));
	require(packed_size == riskm_packed_size(m) && packed_size <= sizeof(packed));
	require(riskm_unpack(packed, packed_size, &again) == RISKM_OK);
	require(riskm_equal(m, &again));
}

static void
check_lookup(const riskm_matrix *m, int32_t likelihood, int32_t consequence)
{
	riskm_level level = RISKM_LOW;
	uint32_t	score = 0;
	riskm_error err;
	int			inside = likelihood >= 1 && likelihood <= m->rows &&
		consequence >= 1 && consequence <= m->cols;
	riskm_status status = riskm_lookup(m, likelihood, consequence,
									   &level, &score, &err);

	if (inside)
	{
		require(status == RISKM_OK);
		require(level == m->cell[likelihood - 1][consequence - 1].level);
		require(score == m->cell[likelihood - 1][consequence - 1].score);
		require(score <= RISKM_SCORE_MAX && riskm_level_name(level) != NULL);
	}
	else
	{
		require(status == RISKM_ERR_OUT_OF_GRID);
		check_detail(&err, NULL, 0);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *) data;
	riskm_matrix m;
	riskm_error err;
	uint8_t		repacked[RISKM_PACKED_MAX];
	/* coordinates from the input, reaching just past every edge */
	int32_t		likelihood = size > 0 ? (int32_t) (data[0] % 13) - 1 : 1;
	int32_t		consequence = size > 1 ? (int32_t) (data[1] % 13) - 1 : 1;

	if (riskm_parse(text, size, &m, &err) == RISKM_OK)
	{
		check_round_trip(&m);
		check_lookup(&m, likelihood, consequence);
	}
	else
		check_detail(&err, text, size);

	if (riskm_unpack(data, size, &m) == RISKM_OK)
	{
		require(riskm_pack(&m, repacked, sizeof(repacked)) == size);
		require(memcmp(repacked, data, size) == 0);
		check_round_trip(&m);
		check_lookup(&m, likelihood, consequence);
		check_lookup(&m, INT32_MIN, INT32_MAX);
	}
	return 0;
}
