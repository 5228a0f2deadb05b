/*
 * fuzz_vers.c: libFuzzer harness for vers_core.
 *
 * The whole input is parsed as a range: whatever parses must be sorted and
 * free of duplicate versions, print a canonical text no longer than the
 * input, and that text must parse to the same range and print identically.
 * Then the input is split at newlines into a range, a version and a second
 * version: containment must not crash, must agree between the range and its
 * canonical text, and must honour the constraints' own versions; version
 * comparison must be reflexive and antisymmetric.  Violations abort.
 */
#include "vers_core.h"

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
check_error(const vers_error *err, const char *text, size_t len)
{
	char		detail[VERS_ERROR_DETAIL_SIZE];
	char		tiny[8];
	size_t		n;

	require(err->status != VERS_OK);
	require(err->offset <= len && err->length <= len - err->offset);
	require(err->related_offset <= len &&
			err->related_length <= len - err->related_offset);
	n = vers_error_detail(err, text, len, detail, sizeof(detail));
	require(n < sizeof(detail) && strlen(detail) == n);
	require(vers_error_detail(err, text, len, tiny, sizeof(tiny)) == n);
}

static const char *
version_of(const vers_range *r, int i)
{
	return r->versions + r->constraint[i].version_offset;
}

static int
same_range(const vers_range *a, const vers_range *b)
{
	int			i;

	if (a->scheme != b->scheme || a->star != b->star ||
		a->constraint_count != b->constraint_count)
		return 0;
	for (i = 0; i < a->constraint_count; i++)
		if (a->constraint[i].comparator != b->constraint[i].comparator ||
			a->constraint[i].version_length != b->constraint[i].version_length ||
			memcmp(version_of(a, i), version_of(b, i),
				   a->constraint[i].version_length) != 0)
			return 0;
	return 1;
}

/* Sorted strictly by version, and each = / <= / >= / != version decides. */
static void
check_normalised(const vers_range *r)
{
	int			i;
	int			cmp;

	require(!r->star || r->constraint_count == 0);
	require(r->star || r->constraint_count > 0);
	for (i = 0; i < r->constraint_count; i++)
	{
		const vers_constraint *c = &r->constraint[i];
		vers_containment in = vers_range_contains(r, version_of(r, i),
												  c->version_length);

		if (i + 1 < r->constraint_count)
		{
			require(vers_version_compare(r->scheme, version_of(r, i),
										 c->version_length,
										 version_of(r, i + 1),
										 r->constraint[i + 1].version_length,
										 &cmp));
			require(cmp < 0);
		}
		if (c->comparator == VERS_CMP_EQ || c->comparator == VERS_CMP_LE ||
			c->comparator == VERS_CMP_GE)
			require(in == VERS_INSIDE);
		else if (c->comparator == VERS_CMP_NE)
			require(in == VERS_OUTSIDE);
		else
			require(in != VERS_INCOMPARABLE);
	}
}

/* Parse text; on success, check the canonical round trip. */
static int
parse_and_check(const char *text, size_t len, vers_range *range,
				vers_range *scratch, char *canonical, size_t *canonical_len)
{
	vers_error	err;
	char	   *again;
	size_t		n;

	if (vers_parse(text, len, range, &err) != VERS_OK)
	{
		check_error(&err, text, len);
		return 0;
	}
	check_normalised(range);
	n = vers_format(range, canonical, len + 1);
	require(n <= len && strlen(canonical) == n);
	require(vers_parse(canonical, n, scratch, &err) == VERS_OK);
	require(same_range(range, scratch));
	again = malloc(n + 1);
	require(again != NULL);
	require(vers_format(scratch, again, n + 1) == n);
	require(memcmp(again, canonical, n) == 0);
	free(again);
	*canonical_len = n;
	return 1;
}

static void
check_compare(vers_scheme scheme, const char *a, size_t a_len,
			  const char *b, size_t b_len)
{
	int			ab = 0;
	int			ba = 0;
	int			aa = 1;
	int			valid_a = vers_version_valid(scheme, a, a_len);
	int			valid_b = vers_version_valid(scheme, b, b_len);

	if (vers_version_compare(scheme, a, a_len, b, b_len, &ab))
	{
		require(valid_a && valid_b);
		require(vers_version_compare(scheme, b, b_len, a, a_len, &ba));
		require((ab > 0) == (ba < 0) && (ab == 0) == (ba == 0));
		require(vers_version_compare(scheme, a, a_len, a, a_len, &aa));
		require(aa == 0);
	}
	else
		require(!valid_a || !valid_b || scheme == VERS_SCHEME_ALL ||
				scheme == VERS_SCHEME_NONE);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *) data;
	vers_range *range = malloc(sizeof(vers_range));
	vers_range *scratch = malloc(sizeof(vers_range));
	char	   *canonical = malloc(size + 1);
	size_t		canonical_len = 0;
	const char *newline = memchr(text, '\n', size);

	require(range && scratch && canonical);
	parse_and_check(text, size, range, scratch, canonical, &canonical_len);

	if (newline != NULL)
	{
		size_t		range_len = (size_t) (newline - text);
		const char *version = newline + 1;
		size_t		rest = size - range_len - 1;
		const char *second = memchr(version, '\n', rest);
		size_t		version_len = second ? (size_t) (second - version) : rest;
		vers_containment result = VERS_INCOMPARABLE;
		vers_status status = vers_contains(text, range_len, version,
										   version_len, &result, NULL);

		if (parse_and_check(text, range_len, range, scratch, canonical,
							&canonical_len))
		{
			vers_containment again = VERS_OUTSIDE;

			require(status == VERS_OK);
			require(result == vers_range_contains(range, version, version_len));
			require(vers_contains(canonical, canonical_len, version,
								  version_len, &again, NULL) == VERS_OK);
			require(again == result);
			require((result == VERS_INCOMPARABLE) ==
					!vers_version_valid(range->scheme, version, version_len));
		}
		else
			require(status != VERS_OK);

		if (second != NULL)
		{
			const char *other = second + 1;
			size_t		other_len = size - (size_t) (other - text);

			check_compare(VERS_SCHEME_INTDOT, version, version_len,
						  other, other_len);
			check_compare(VERS_SCHEME_SEMVER, version, version_len,
						  other, other_len);
			check_compare(VERS_SCHEME_ALL, version, version_len,
						  other, other_len);
		}
	}
	free(range);
	free(scratch);
	free(canonical);
	return 0;
}
