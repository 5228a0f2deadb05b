/*
 * fuzz_vers.c: libFuzzer harness for vers_core.
 *
 * The whole input is parsed as a range: whatever parses must be sorted and
 * free of duplicate versions, print a canonical text no longer than the
 * input, and that text must parse to the same range and print identically.
 * Then the input is split at newlines into a range, a version and a second
 * version: containment must not crash, must agree between the range and its
 * canonical text, must honour the constraints' own versions, and must equal
 * a step-by-step transcription of the spec's procedure (spec_contains);
 * version comparison must be reflexive and antisymmetric.  When the version
 * line parses as a range too, range equality must agree with key equality
 * and with the order, which must be antisymmetric.
 * Violations abort.
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

/* version (valid, prefix skipped) against constraint i: <0, 0, >0 */
static int
order_of(const vers_range *r, int i, const char *version, size_t len)
{
	int			cmp = 0;

	require(vers_version_compare(r->scheme, version, len,
								 r->versions + r->constraint[i].version_offset,
								 r->constraint[i].version_length, &cmp));
	return cmp;
}

static int
is_upper(vers_comparator c)
{
	return c == VERS_CMP_LT || c == VERS_CMP_LE;
}

static int
is_lower(vers_comparator c)
{
	return c == VERS_CMP_GT || c == VERS_CMP_GE;
}

/*
 * The spec's "Checking if a version is contained within a range", step by
 * step over the two sub lists, with the two readings vers_core.h documents:
 * a lone bound applies alone, and nothing but != means all but those.
 */
static vers_containment
spec_contains(const vers_range *r, const char *version, size_t len)
{
	static int	bound[VERS_MAX_CONSTRAINTS];
	int			bounds = 0;
	int			others = 0;
	size_t		skip;
	int			i;

	if (r->star)
		return r->scheme == VERS_SCHEME_NONE ? VERS_OUTSIDE : VERS_INSIDE;
	skip = vers_tested_version_start(r->scheme, version, len);
	version += skip;
	len -= skip;
	if (!vers_version_valid(r->scheme, version, len))
		return VERS_INCOMPARABLE;
	/* equal to an =, <= or >= version: in */
	for (i = 0; i < r->constraint_count; i++)
	{
		vers_comparator c = r->constraint[i].comparator;

		if ((c == VERS_CMP_EQ || c == VERS_CMP_LE || c == VERS_CMP_GE) &&
			order_of(r, i, version, len) == 0)
			return VERS_INSIDE;
	}
	/* equal to a != version: out */
	for (i = 0; i < r->constraint_count; i++)
		if (r->constraint[i].comparator == VERS_CMP_NE &&
			order_of(r, i, version, len) == 0)
			return VERS_OUTSIDE;
	/* the second list: neither = nor != */
	for (i = 0; i < r->constraint_count; i++)
	{
		vers_comparator c = r->constraint[i].comparator;

		if (c != VERS_CMP_NE)
			others++;
		if (c != VERS_CMP_NE && c != VERS_CMP_EQ)
			bound[bounds++] = i;
	}
	if (others == 0)
		return VERS_INSIDE;		/* reading: only != constraints */
	if (bounds == 1)
	{
		/* reading: a lone bound */
		int			cmp = order_of(r, bound[0], version, len);

		return (is_upper(r->constraint[bound[0]].comparator) ? cmp < 0 : cmp > 0) ?
			VERS_INSIDE : VERS_OUTSIDE;
	}
	for (i = 0; i + 1 < bounds; i++)
	{
		vers_comparator cur = r->constraint[bound[i]].comparator;
		vers_comparator next = r->constraint[bound[i + 1]].comparator;
		int			cur_order = order_of(r, bound[i], version, len);
		int			next_order = order_of(r, bound[i + 1], version, len);

		if (i == 0 && is_upper(cur) && cur_order < 0)
			return VERS_INSIDE;
		if (i + 2 == bounds && is_lower(next) && next_order > 0)
			return VERS_INSIDE;
		if (is_lower(cur) && is_upper(next) && cur_order > 0 && next_order < 0)
			return VERS_INSIDE;
		/* else "<" / "<=" then ">" / ">=": out; validation forbids the rest */
		require(is_upper(cur) != is_upper(next));
	}
	return VERS_OUTSIDE;
}

/* The key is shared by equal ranges and is no longer than the canonical text. */
static void
check_key(const vers_range *r, size_t canonical_len)
{
	char	   *key = malloc(canonical_len + 1);
	size_t		n;

	require(key != NULL);
	n = vers_format_key(r, key, canonical_len + 1);
	require(n <= canonical_len && strlen(key) == n);
	free(key);
}

/*
 * When text also parses, vers_range_equal must agree with the keys, and be
 * symmetric.
 */
static void
check_equality(const vers_range *a, const char *text, size_t len)
{
	vers_range *b = malloc(sizeof(vers_range));
	size_t		key_a_size = VERS_MAX_VERSION_BYTES + 4 * VERS_MAX_CONSTRAINTS + 32;
	char	   *key_a = malloc(key_a_size);
	char	   *key_b = malloc(len + 1);
	size_t		na;
	size_t		nb;

	require(b && key_a && key_b);
	if (vers_parse(text, len, b, NULL) == VERS_OK)
	{
		int			equal = vers_range_equal(a, b);

		require(equal == vers_range_equal(b, a));
		require((vers_range_compare(a, b) == 0) == equal);
		require(vers_range_compare(a, b) == -vers_range_compare(b, a));
		na = vers_format_key(a, key_a, key_a_size);
		require(na < key_a_size);
		nb = vers_format_key(b, key_b, len + 1);
		require(nb <= len);
		require(equal == (na == nb && memcmp(key_a, key_b, na) == 0));
	}
	free(b);
	free(key_a);
	free(key_b);
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
	require(vers_range_equal(range, scratch) && vers_range_equal(scratch, range));
	require(vers_range_compare(range, scratch) == 0);
	check_key(range, n);
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
		size_t		skip;
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
			require(result == spec_contains(range, version, version_len));
			skip = vers_tested_version_start(range->scheme, version,
											 version_len);
			require(skip <= 1 && skip <= version_len);
			require(range->star || (result == VERS_INCOMPARABLE) ==
					!vers_version_valid(range->scheme, version + skip,
										version_len - skip));
			check_equality(range, version, version_len);
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
