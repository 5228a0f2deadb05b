/*
 * fuzz_cvss.c: libFuzzer harness for src/cvss_core.c (make -C test/c fuzz).
 *
 * The input is tried as vector text and, when at least 16 bytes long, its
 * first 16 bytes as a packed value.  Whatever is accepted must format to
 * canonical text that parses back to the identical value, pack and unpack
 * identically, and have every score in 0..100 or not defined.  Rejected
 * text must yield an error inside the input and a detail that fits.  A
 * crash, sanitizer report or abort() is a finding.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cvss_core.h"

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define REQUIRE(condition) \
	do { \
		if (!(condition)) \
			abort(); \
	} while (0)

static void
check_score(int score, bool may_be_not_defined)
{
	REQUIRE((score >= 0 && score <= 100) ||
			(may_be_not_defined && score == CVSS_NOT_DEFINED));
}

static void
check_value(const cvss_vector *vector)
{
	char		text[CVSS_TEXT_SIZE];
	cvss_vector again;
	uint8_t		packed[CVSS_PACKED_SIZE];
	uint8_t		repacked[CVSS_PACKED_SIZE];
	size_t		length = cvss_format(vector, text);
	cvss_version version = cvss_get_version(vector);
	unsigned	i;
	const char *name;

	REQUIRE(length < CVSS_TEXT_SIZE && strlen(text) == length);
	REQUIRE(cvss_parse(text, length, &again, NULL) == CVSS_OK);
	REQUIRE(memcmp(&again, vector, sizeof(again)) == 0);

	cvss_pack(vector, packed);
	REQUIRE(cvss_unpack(packed, &again) == CVSS_OK);
	REQUIRE(memcmp(&again, vector, sizeof(again)) == 0);
	cvss_pack(&again, repacked);
	REQUIRE(memcmp(packed, repacked, sizeof(packed)) == 0);
	REQUIRE(cvss_compare(vector, &again) == 0);

	check_score(cvss_base_score(vector), false);
	check_score(cvss_temporal_score(vector), true);
	check_score(cvss_environmental_score(vector), true);
	check_score(cvss_score(vector), false);
	/* the ranking score: a score, and cvss_score itself where the official formula is monotone */
	check_score(cvss_ranking_score(vector), false);
	if (version == CVSS_V3_1 || version == CVSS_V4_0 ||
		cvss_environmental_score(vector) == CVSS_NOT_DEFINED)
		REQUIRE(cvss_ranking_score(vector) == cvss_score(vector));
	if (version == CVSS_V4_0)
		REQUIRE(cvss_temporal_score(vector) == CVSS_NOT_DEFINED &&
				cvss_environmental_score(vector) == CVSS_NOT_DEFINED);
	REQUIRE(cvss_packed_score(packed, CVSS_SCORE_BASE) == cvss_base_score(vector));
	REQUIRE(cvss_packed_score(packed, CVSS_SCORE_TEMPORAL) == cvss_temporal_score(vector));
	REQUIRE(cvss_packed_score(packed, CVSS_SCORE_ENVIRONMENTAL) ==
			cvss_environmental_score(vector));
	REQUIRE(cvss_packed_score(packed, CVSS_SCORE_OVERALL) == cvss_score(vector));
	REQUIRE(cvss_severity_name(cvss_severity_of(vector)) != NULL);

	for (i = 0; (name = cvss_metric_name(version, i)) != NULL; i++)
	{
		const char *value = NULL;

		REQUIRE(cvss_metric_value(vector, name, strlen(name), &value) == CVSS_OK);
		REQUIRE(value != NULL && value[0] != '\0');
	}
}

/* requirements picked by input bytes: NULL (unchanged), L, M, H or X */
static void
check_requirements(const cvss_vector *vector, const uint8_t *data, size_t size)
{
	static const char *const choices[] = {NULL, "L", "M", "H", "X"};
	uint8_t		pick = size > 0 ? data[size - 1] : 0;
	cvss_vector changed = *vector;

	REQUIRE(cvss_set_requirements(&changed, choices[pick % 5], choices[pick / 5 % 5],
								  choices[pick / 25 % 5], NULL) == CVSS_OK);
	check_value(&changed);
}

/* a one-bit change of a valid packed value is rejected or another valid value */
static void
check_bit_flip(const cvss_vector *vector, const uint8_t *data, size_t size)
{
	uint8_t		packed[CVSS_PACKED_SIZE];
	uint8_t		repacked[CVSS_PACKED_SIZE];
	unsigned	bit = 0;
	cvss_vector flipped;
	size_t		i;

	for (i = 0; i < size; i++)
		bit = bit * 31 + data[i];
	bit %= 8 * CVSS_PACKED_SIZE;
	cvss_pack(vector, packed);
	packed[bit / 8] ^= (uint8_t) (1u << (bit % 8));
	if (cvss_unpack(packed, &flipped) == CVSS_OK)
	{
		check_value(&flipped);
		cvss_pack(&flipped, repacked);
		REQUIRE(memcmp(packed, repacked, sizeof(packed)) == 0);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	cvss_vector parsed;
	cvss_vector unpacked;
	cvss_error	err;
	bool		parsed_ok;

	parsed_ok = cvss_parse((const char *) data, size, &parsed, &err) == CVSS_OK;
	if (parsed_ok)
	{
		check_value(&parsed);
		check_requirements(&parsed, data, size);
		check_bit_flip(&parsed, data, size);
	}
	else
	{
		char		detail[CVSS_ERROR_DETAIL_SIZE];
		size_t		length = cvss_error_detail(&err, detail, sizeof(detail));

		REQUIRE(err.offset <= size && err.length <= size - err.offset);
		REQUIRE(length == strlen(detail) && length < sizeof(detail) - 1);
		REQUIRE(cvss_error_message(err.code) != NULL);
	}

	if (size >= CVSS_PACKED_SIZE && cvss_unpack(data, &unpacked) == CVSS_OK)
	{
		uint8_t		repacked[CVSS_PACKED_SIZE];

		check_value(&unpacked);
		cvss_pack(&unpacked, repacked);
		REQUIRE(memcmp(data, repacked, sizeof(repacked)) == 0);
		if (parsed_ok)
			REQUIRE((cvss_compare(&parsed, &unpacked) < 0) ==
					(cvss_compare(&unpacked, &parsed) > 0));
	}
	return 0;
}
