/*
 * scoring_unit.c: unit tests for sl_vector_core, vers_core and
 * risk_matrix_core.  Exits non-zero when any check fails.
 */
#include "sl_vector_core.h"
#include "vers_core.h"
#include "risk_matrix_core.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int	checks_run = 0;
static int	checks_failed = 0;

#define CHECK(cond) check((cond), #cond, __FILE__, __LINE__)
#define CHECK_STR(got, want) check_str((got), (want), __FILE__, __LINE__)
#define CHECK_HAS(text, part) check_has((text), (part), __FILE__, __LINE__)

static void
check(int ok, const char *what, const char *file, int line)
{
	checks_run++;
	if (!ok)
	{
		checks_failed++;
		fprintf(stderr, "%s:%d: check failed: %s\n", file, line, what);
	}
}

static void
check_str(const char *got, const char *want, const char *file, int line)
{
	checks_run++;
	if (strcmp(got, want) != 0)
	{
		checks_failed++;
		fprintf(stderr, "%s:%d: got \"%s\", want \"%s\"\n", file, line, got, want);
	}
}

static void
check_has(const char *text, const char *part, const char *file, int line)
{
	checks_run++;
	if (strstr(text, part) == NULL)
	{
		checks_failed++;
		fprintf(stderr, "%s:%d: \"%s\" lacks \"%s\"\n", file, line, text, part);
	}
}

/* ===================================================================== */
/* sl_vector                                                             */
/* ===================================================================== */

static void
slv_expect(const char *text, const char *canonical, int line)
{
	slv_vector	v;
	slv_error	err;
	char		buf[SLV_TEXT_SIZE];
	char		detail[SLV_ERROR_DETAIL_SIZE];
	slv_status	status = slv_parse(text, strlen(text), &v, &err);

	check(status == SLV_OK, text, __FILE__, line);
	if (status != SLV_OK)
	{
		slv_error_detail(&err, text, strlen(text), detail, sizeof(detail));
		fprintf(stderr, "  detail: %s\n", detail);
		return;
	}
	slv_format(&v, buf, sizeof(buf));
	check_str(buf, canonical, __FILE__, line);
}

static void
slv_expect_error_len(const char *text, size_t len, slv_status want,
					 size_t offset, size_t length, const char *detail_part,
					 int line)
{
	slv_vector	v;
	slv_error	err;
	char		detail[SLV_ERROR_DETAIL_SIZE];
	slv_status	status = slv_parse(text, len, &v, &err);

	check(status == want, "slv status", __FILE__, line);
	check(err.status == want, "slv err.status", __FILE__, line);
	check(err.offset == offset, "slv err.offset", __FILE__, line);
	check(err.length == length, "slv err.length", __FILE__, line);
	if (status != want || err.offset != offset || err.length != length)
		fprintf(stderr, "  input \"%s\": status %d offset %zu length %zu\n",
				text, (int) status, err.offset, err.length);
	check(slv_error_detail(&err, text, len, detail, sizeof(detail)) <
		  sizeof(detail), "slv detail fits", __FILE__, line);
	check_has(detail, detail_part, __FILE__, line);
}

#define SLV_OK_AS(text, canonical) slv_expect((text), (canonical), __LINE__)
#define SLV_FAILS(text, want, offset, length, part) \
	slv_expect_error_len((text), strlen(text), (want), (offset), (length), \
						 (part), __LINE__)

static void
test_slv_parse(void)
{
	SLV_OK_AS("{2,2,1,1,2,3,1}", "{2,2,1,1,2,3,1}");
	SLV_OK_AS(" \t{ 2 ,2, 1 ,1,2 , 3,1 }\n", "{2,2,1,1,2,3,1}");
	SLV_OK_AS("{0,0,0,0,0,0,0}", "{0,0,0,0,0,0,0}");
	SLV_OK_AS("{4,4,4,4,4,4,4}", "{4,4,4,4,4,4,4}");
	SLV_OK_AS("IAC:2,UC:2,SI:1,DC:1,RDF:2,TRE:3,RA:1", "{2,2,1,1,2,3,1}");
	SLV_OK_AS("RA:1,TRE:3,RDF:2,DC:1,SI:1,UC:2,IAC:2", "{2,2,1,1,2,3,1}");
	SLV_OK_AS("iac:2,Uc:2,sI:1,dc:1,rdf:2,tre:3,ra:1", "{2,2,1,1,2,3,1}");
	SLV_OK_AS("FR1:2,fr2:2,FR3:1,DC:1,FR5:2,Fr6:3,RA:1", "{2,2,1,1,2,3,1}");
	SLV_OK_AS("{IAC:2,UC:2,SI:1,DC:1,RDF:2,TRE:3,RA:1}", "{2,2,1,1,2,3,1}");
	SLV_OK_AS("  { IAC : 2 , UC:2,SI:1,DC:1,RDF:2,TRE:3, RA : 1 }  ",
			  "{2,2,1,1,2,3,1}");
	SLV_OK_AS(" IAC:4 ,UC:0,SI:0,DC:0,RDF:0,TRE:0,RA:0 ", "{4,0,0,0,0,0,0}");
}

static void
test_slv_errors(void)
{
	SLV_FAILS("", SLV_ERR_EMPTY, 0, 0, "empty input");
	SLV_FAILS("  \n\t", SLV_ERR_EMPTY, 0, 4, "empty input");
	SLV_FAILS("{2,2,1}", SLV_ERR_WRONG_LENGTH, 6, 1, "found 3 levels");
	SLV_FAILS("{}", SLV_ERR_WRONG_LENGTH, 1, 1, "found 0 levels");
	SLV_FAILS("{3}", SLV_ERR_WRONG_LENGTH, 2, 1, "found 1 level;");
	SLV_FAILS("{2,2,1,1,2,3,1,4}", SLV_ERR_WRONG_LENGTH, 15, 1,
			  "more than 7 levels");
	SLV_FAILS("{2,2,1,1,2,3,1,44 }", SLV_ERR_WRONG_LENGTH, 15, 2,
			  "IAC,UC,SI,DC,RDF,TRE,RA");
	SLV_FAILS("{2,5,1,1,2,3,1}", SLV_ERR_LEVEL_RANGE, 3, 1,
			  "level 5 for FR \"UC\" is outside 0..4");
	SLV_FAILS("{2,2,1,1,2,3,-1}", SLV_ERR_LEVEL_RANGE, 13, 2,
			  "level -1 for FR \"RA\" is outside 0..4");
	SLV_FAILS("{99999999999999999999999,2,1,1,2,3,1}", SLV_ERR_LEVEL_RANGE,
			  1, 23, "level \"99999999999999999999999\" for FR \"IAC\"");
	SLV_FAILS("IAC:2,UC:2,SI:1,DC:7,RDF:2,TRE:3,RA:1", SLV_ERR_LEVEL_RANGE,
			  19, 1, "level 7 for FR \"DC\" is outside 0..4");
	SLV_FAILS("IAC:2,XY:2,SI:1,DC:1,RDF:2,TRE:3,RA:1", SLV_ERR_UNKNOWN_FR,
			  6, 2, "unknown FR \"XY\"");
	SLV_FAILS("IAC:2,FR8:2", SLV_ERR_UNKNOWN_FR, 6, 3, "FR1..FR7");
	SLV_FAILS("IAC:2,UC:2,SI:1,fr1:1,RDF:2,TRE:3,RA:1", SLV_ERR_REPEATED_FR,
			  16, 3, "FR \"fr1\" (IAC) is given more than once");
	SLV_FAILS("IAC:2,UC:2,SI:1,RDF:2,TRE:3", SLV_ERR_MISSING_FR, 27, 0,
			  "missing FR DC, RA;");
	SLV_FAILS("{UC:2}", SLV_ERR_MISSING_FR, 6, 0,
			  "missing FR IAC, SI, DC, RDF, TRE, RA;");
	SLV_FAILS("{2,2,1,1,2,3,1} x", SLV_ERR_TRAILING, 16, 1,
			  "unexpected \"x\" after the end of the vector");
	SLV_FAILS("{2,2,1,1,2,3,1}}", SLV_ERR_TRAILING, 15, 1, "\"}\"");
	SLV_FAILS("IAC:2,UC:2,SI:1,DC:1,RDF:2,TRE:3,RA:1}", SLV_ERR_TRAILING,
			  37, 1, "after the end");
	SLV_FAILS("2,2,1,1,2,3,1", SLV_ERR_SYNTAX, 0, 1,
			  "expected '{' or an FR name at byte 0, found \"2\"");
	SLV_FAILS("{2;2,1,1,2,3,1}", SLV_ERR_SYNTAX, 2, 1,
			  "expected ',' or '}' at byte 2, found \";\"");
	SLV_FAILS("{2,2,1,1,2,3,}", SLV_ERR_SYNTAX, 13, 1, "a level 0..4");
	SLV_FAILS("{2,2,1,1,2,3,1", SLV_ERR_SYNTAX, 14, 0, "found end of input");
	SLV_FAILS("{2,2,1,1,2.5,3,1}", SLV_ERR_SYNTAX, 10, 1, "\".\"");
	SLV_FAILS("IAC=2", SLV_ERR_SYNTAX, 3, 1, "expected ':'");
	SLV_FAILS("IAC:2,UC:2,", SLV_ERR_SYNTAX, 11, 0, "an FR name");
	SLV_FAILS("IAC:2 UC:2", SLV_ERR_SYNTAX, 6, 1, "expected ','");
	SLV_FAILS("{IAC:1,UC:1,SI:1,DC:1,RDF:1,TRE:1,RA:1", SLV_ERR_SYNTAX, 38, 0,
			  "',' or '}'");
	SLV_FAILS("{IAC:x}", SLV_ERR_SYNTAX, 5, 1, "a level 0..4");
	SLV_FAILS("{-}", SLV_ERR_SYNTAX, 1, 1, "a level");
	/* a level in range is one digit: no sign, no leading zero */
	SLV_FAILS("{-0,2,1,1,2,3,1}", SLV_ERR_LEVEL_FORM, 1, 2,
			  "level \"-0\" for FR \"IAC\" is not written as one digit 0..4");
	SLV_FAILS("{2,01,1,1,2,3,1}", SLV_ERR_LEVEL_FORM, 3, 2,
			  "level \"01\" for FR \"UC\" is not written as one digit");
	SLV_FAILS("{04,2,1,1,2,3,1}", SLV_ERR_LEVEL_FORM, 1, 2, "\"04\" for FR \"IAC\"");
	SLV_FAILS("IAC:2,UC:2,SI:1,DC:000,RDF:2,TRE:3,RA:1", SLV_ERR_LEVEL_FORM, 19, 3,
			  "level \"000\" for FR \"DC\"");
	SLV_FAILS("IAC:2,UC:2,SI:1,DC:1,RDF:2,TRE:3,RA:-00", SLV_ERR_LEVEL_FORM, 36, 3,
			  "\"-00\" for FR \"RA\"");
	SLV_FAILS("{2,2,1,1,2,3,-01}", SLV_ERR_LEVEL_RANGE, 13, 3,
			  "level -01 for FR \"RA\" is outside 0..4");
	SLV_FAILS("{2,2,1,1,2,3,05}", SLV_ERR_LEVEL_RANGE, 13, 2,
			  "level 05 for FR \"RA\" is outside 0..4");
	SLV_FAILS("\xff", SLV_ERR_SYNTAX, 0, 1, "found \"\\xff\"");
	/* an embedded NUL is just a wrong byte */
	slv_expect_error_len("{2,2,1,1,2,3,1\0}", 16, SLV_ERR_SYNTAX, 14, 1,
						 "found \"\\x00\"", __LINE__);
}

static void
test_slv_values(void)
{
	slv_vector	a,
				b,
				out;
	slv_vector	target;
	slv_error	err;
	char		buf[SLV_TEXT_SIZE];
	char		small[5];
	char		detail[SLV_ERROR_DETAIL_SIZE];
	int32_t		levels[SLV_FR_COUNT] = {2, 2, 1, 1, 2, 3, 1};
	int32_t		bad_levels[SLV_FR_COUNT] = {2, 2, 1, 9, 2, 3, 1};
	uint32_t	packed;
	uint32_t	valid = 0;

	CHECK(slv_from_levels(levels, &a, &err) == SLV_OK);
	CHECK(slv_format(&a, buf, sizeof(buf)) == 15);
	CHECK_STR(buf, "{2,2,1,1,2,3,1}");
	CHECK(slv_format(&a, small, sizeof(small)) == 15);
	CHECK_STR(small, "{2,2");
	CHECK(slv_from_levels(bad_levels, &b, &err) == SLV_ERR_LEVEL_RANGE);
	CHECK(err.fr_index == 3 && err.level == 9);
	slv_error_detail(&err, NULL, 0, detail, sizeof(detail));
	CHECK_STR(detail, "level 9 for FR \"DC\" is outside 0..4");
	bad_levels[3] = -2;
	CHECK(slv_from_levels(bad_levels, &b, &err) == SLV_ERR_LEVEL_RANGE);
	slv_error_detail(&err, NULL, 0, detail, sizeof(detail));
	CHECK_STR(detail, "level -2 for FR \"DC\" is outside 0..4");

	/* packing: 3 bits per FR, FR1 lowest */
	packed = slv_pack(&a);
	CHECK(packed == (2u | 2u << 3 | 1u << 6 | 1u << 9 | 2u << 12 |
					 3u << 15 | 1u << 18));
	CHECK(slv_unpack(packed, &b) == SLV_OK && slv_equal(&a, &b));
	CHECK(slv_unpack(1u << 21, &b) == SLV_ERR_BAD_PACKED);
	CHECK(slv_unpack(0x80000000u, &b) == SLV_ERR_BAD_PACKED);
	CHECK(slv_unpack(5u, &b) == SLV_ERR_BAD_PACKED);
	CHECK(slv_unpack(7u << 18, &b) == SLV_ERR_BAD_PACKED);
	CHECK(slv_unpack(4u << 18, &b) == SLV_OK && b.level[6] == 4);

	/* binary form: layout byte and seven levels; the 0.1.0 4-byte form is still read */
	{
		uint8_t		bin[SLV_BINARY_SIZE];
		const uint8_t old_form[4] = {0x00, 0x05, 0xa2, 0x52};	/* {2,2,1,1,2,3,1} packed, big-endian */
		int			bad;

		slv_to_binary(&a, bin);
		CHECK(bin[0] == SLV_BINARY_LAYOUT && memcmp(bin + 1, a.level, SLV_FR_COUNT) == 0);
		CHECK(slv_from_binary(bin, sizeof(bin), &b, &bad) == SLV_OK && slv_equal(&a, &b));
		CHECK(slv_from_binary(bin, sizeof(bin) - 1, &b, &bad) == SLV_ERR_BAD_PACKED && bad == -1);
		CHECK(slv_from_binary(bin, 0, &b, &bad) == SLV_ERR_BAD_PACKED && bad == -1);
		bin[0] = 2;
		CHECK(slv_from_binary(bin, sizeof(bin), &b, &bad) == SLV_ERR_BAD_PACKED && bad == 0);
		bin[0] = SLV_BINARY_LAYOUT;
		bin[7] = 5;
		CHECK(slv_from_binary(bin, sizeof(bin), &b, &bad) == SLV_ERR_BAD_PACKED && bad == 7);
		CHECK(slv_from_binary(old_form, 4, &b, &bad) == SLV_OK &&
			  slv_pack(&b) == 0x0005a252u);
		CHECK(slv_from_binary((const uint8_t *) "\x80\0\0\0", 4, &b, &bad) == SLV_ERR_BAD_PACKED && bad == 0);
	}

	/* every 21-bit value: exactly the 5^7 vectors unpack, and round-trip */
	for (packed = 0; packed < (1u << 21); packed++)
	{
		if (slv_unpack(packed, &b) != SLV_OK)
			continue;
		valid++;
		slv_format(&b, buf, sizeof(buf));
		if (slv_pack(&b) != packed ||
			slv_parse(buf, strlen(buf), &out, NULL) != SLV_OK ||
			!slv_equal(&b, &out))
		{
			CHECK(!"slv round trip");
			break;
		}
	}
	CHECK(valid == 78125);

	/* meets, gap, max, min */
	CHECK(slv_parse("{3,2,1,1,2,3,1}", 15, &a, NULL) == SLV_OK);
	CHECK(slv_parse("{2,2,2,0,2,4,1}", 15, &target, NULL) == SLV_OK);
	CHECK(!slv_meets(&a, &target));
	CHECK(slv_meets(&a, &a));
	slv_gap(&a, &target, &out);
	slv_format(&out, buf, sizeof(buf));
	CHECK_STR(buf, "{0,0,1,0,0,1,0}");
	slv_gap(&target, &a, &out);
	slv_format(&out, buf, sizeof(buf));
	CHECK_STR(buf, "{1,0,0,1,0,0,0}");
	slv_max(&a, &target, &out);
	slv_format(&out, buf, sizeof(buf));
	CHECK_STR(buf, "{3,2,2,1,2,4,1}");
	CHECK(slv_meets(&out, &a) && slv_meets(&out, &target));
	slv_min(&a, &target, &out);
	slv_format(&out, buf, sizeof(buf));
	CHECK_STR(buf, "{2,2,1,0,2,3,1}");
	CHECK(!slv_equal(&a, &target));

	/* FR names */
	CHECK(slv_fr_index("IAC", 3) == 0);
	CHECK(slv_fr_index("uc", 2) == 1);
	CHECK(slv_fr_index("Si", 2) == 2);
	CHECK(slv_fr_index("DC", 2) == 3);
	CHECK(slv_fr_index("rdf", 3) == 4);
	CHECK(slv_fr_index("TRE", 3) == 5);
	CHECK(slv_fr_index("RA", 2) == 6);
	CHECK(slv_fr_index("FR1", 3) == 0);
	CHECK(slv_fr_index("fr7", 3) == 6);
	CHECK(slv_fr_index("FR0", 3) == -1);
	CHECK(slv_fr_index("FR8", 3) == -1);
	CHECK(slv_fr_index("FR", 2) == -1);
	CHECK(slv_fr_index("IACX", 4) == -1);
	CHECK(slv_fr_index("IAC", 2) == -1);
	CHECK(slv_fr_index("", 0) == -1);
	memset(&err, 0, sizeof(err));
	slv_error_detail(&err, NULL, 0, detail, sizeof(detail));
	CHECK_STR(detail, "no error");
	err.status = SLV_ERR_BAD_PACKED;
	slv_error_detail(&err, NULL, 0, detail, sizeof(detail));
	CHECK_STR(detail, "packed value is not a valid security-level vector");
	CHECK_STR(slv_fr_name(4), "RDF");
	CHECK(slv_fr_name(7) == NULL && slv_fr_name(-1) == NULL);
}

/* ===================================================================== */
/* vers                                                                  */
/* ===================================================================== */

static void
vers_expect(const char *text, const char *canonical, int line)
{
	vers_error	err;
	char		buf[1024];
	char		detail[VERS_ERROR_DETAIL_SIZE];
	size_t		canonical_len = 0;
	vers_status status = vers_normalize(text, strlen(text), buf, sizeof(buf),
										&canonical_len, &err);

	check(status == VERS_OK, text, __FILE__, line);
	if (status != VERS_OK)
	{
		vers_error_detail(&err, text, strlen(text), detail, sizeof(detail));
		fprintf(stderr, "  detail: %s\n", detail);
		return;
	}
	check_str(buf, canonical, __FILE__, line);
	check(canonical_len == strlen(canonical) && canonical_len <= strlen(text),
		  "canonical length", __FILE__, line);
}

static void
vers_expect_error(const char *text, vers_status want, size_t offset,
				  size_t length, const char *detail_part, int line)
{
	vers_range	range;
	vers_error	err;
	char		detail[VERS_ERROR_DETAIL_SIZE];
	vers_status status = vers_parse(text, strlen(text), &range, &err);

	check(status == want, "vers status", __FILE__, line);
	check(err.status == want, "vers err.status", __FILE__, line);
	check(err.offset == offset, "vers err.offset", __FILE__, line);
	check(err.length == length, "vers err.length", __FILE__, line);
	if (status != want || err.offset != offset || err.length != length)
		fprintf(stderr, "  input \"%s\": status %d offset %zu length %zu\n",
				text, (int) status, err.offset, err.length);
	check(vers_error_detail(&err, text, strlen(text), detail, sizeof(detail)) <
		  sizeof(detail), "vers detail fits", __FILE__, line);
	check_has(detail, detail_part, __FILE__, line);
}

static void
vers_expect_contains(const char *range_text, const char *version,
					 vers_containment want, int line)
{
	vers_containment result = VERS_INCOMPARABLE;
	vers_status status = vers_contains(range_text, strlen(range_text),
									   version, strlen(version), &result, NULL);

	check(status == VERS_OK, range_text, __FILE__, line);
	check(result == want, "containment", __FILE__, line);
	if (result != want)
		fprintf(stderr, "  %s contains %s: got %d, want %d\n",
				range_text, version, (int) result, (int) want);
}

#define VERS_OK_AS(text, canonical) vers_expect((text), (canonical), __LINE__)
#define VERS_FAILS(text, want, offset, length, part) \
	vers_expect_error((text), (want), (offset), (length), (part), __LINE__)
#define VERS_IN(range, version) \
	vers_expect_contains((range), (version), VERS_INSIDE, __LINE__)
#define VERS_OUT(range, version) \
	vers_expect_contains((range), (version), VERS_OUTSIDE, __LINE__)
#define VERS_NULL(range, version) \
	vers_expect_contains((range), (version), VERS_INCOMPARABLE, __LINE__)

/* a < b under scheme, checked both ways */
static void
vers_expect_less(vers_scheme scheme, const char *a, const char *b, int line)
{
	int			ab = 99;
	int			ba = 99;

	check(vers_version_compare(scheme, a, strlen(a), b, strlen(b), &ab) &&
		  vers_version_compare(scheme, b, strlen(b), a, strlen(a), &ba) &&
		  ab < 0 && ba > 0, a, __FILE__, line);
}

static void
vers_expect_same(vers_scheme scheme, const char *a, const char *b, int line)
{
	int			ab = 99;

	check(vers_version_compare(scheme, a, strlen(a), b, strlen(b), &ab) &&
		  ab == 0, a, __FILE__, line);
}

#define VERS_LESS(scheme, a, b) vers_expect_less((scheme), (a), (b), __LINE__)
#define VERS_SAME(scheme, a, b) vers_expect_same((scheme), (a), (b), __LINE__)

static void
test_vers_versions(void)
{
	static const char *const semver_chain[] = {
		"1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta",
		"1.0.0-beta.2", "1.0.0-beta.11", "1.0.0-rc.1", "1.0.0", "1.0.1",
		"1.1.0", "1.9.0", "1.10.0", "2.0.0-0", "2.0.0-0.a", "2.0.0-1",
		"2.0.0-A", "2.0.0-a", "2.0.0", "99999999999999999999999.0.0"
	};
	static const char *const semver_invalid[] = {
		"", "1", "1.0", "1.0.0.0", "01.0.0", "1.00.0", "1.0.00", "v1.0.0",
		"1.0.0-", "1.0.0+", "1.0.0-01", "1.0.0-a..b", "1.0.0-a.", "1.0.0+a..b",
		"1.0.0-a_b", "1.0.0 ", " 1.0.0", "1.0.0-beta junk", "-1.0.0", "1.0.x"
	};
	static const char *const intdot_invalid[] = {
		"", ".", "1.", ".1", "1..2", "1.2a", "v1", "-1", "1.2 ", "1,2",
		"V2.9.4-beta junk", "2.9.4-beta"
	};
	size_t		i;
	int			cmp = 42;

	/* SemVer 2.0.0 section 11 precedence, and a few more */
	for (i = 0; i + 1 < sizeof(semver_chain) / sizeof(semver_chain[0]); i++)
		VERS_LESS(VERS_SCHEME_SEMVER, semver_chain[i], semver_chain[i + 1]);
	VERS_LESS(VERS_SCHEME_SEMVER, "1.0.0-alpha", "1.0.0-beta");
	VERS_LESS(VERS_SCHEME_SEMVER, "1.0.0-rc.1", "2.0.0-alpha");
	VERS_LESS(VERS_SCHEME_SEMVER, "1.0.0-a.b.c", "1.0.0-a.b.c.d");
	VERS_LESS(VERS_SCHEME_SEMVER, "1.0.0-x-y", "1.0.0-x-z");
	VERS_SAME(VERS_SCHEME_SEMVER, "1.0.0+build.1", "1.0.0+build.2");
	VERS_SAME(VERS_SCHEME_SEMVER, "1.0.0-rc.1+001", "1.0.0-rc.1");
	for (i = 0; i < sizeof(semver_invalid) / sizeof(semver_invalid[0]); i++)
		check(!vers_version_valid(VERS_SCHEME_SEMVER, semver_invalid[i],
								  strlen(semver_invalid[i])),
			  semver_invalid[i], __FILE__, __LINE__);
	CHECK(vers_version_valid(VERS_SCHEME_SEMVER, "1.0.0-0A.is.legal", 17));
	CHECK(vers_version_valid(VERS_SCHEME_SEMVER, "1.0.0-x-y-z.--", 14));
	CHECK(vers_version_valid(VERS_SCHEME_SEMVER, "1.0.0+001.0", 11));
	CHECK(vers_version_valid(VERS_SCHEME_SEMVER, "0.0.0", 5));

	/* intdot, including the vers-spec intdot comparison tests */
	VERS_SAME(VERS_SCHEME_INTDOT, "01.002.0003", "1.2.3");
	VERS_SAME(VERS_SCHEME_INTDOT, "1.2", "1.2.0.0");
	VERS_SAME(VERS_SCHEME_INTDOT, "0", "0.0");
	VERS_LESS(VERS_SCHEME_INTDOT, "1.2", "1.10");
	VERS_LESS(VERS_SCHEME_INTDOT, "1.2", "1.2.1");
	VERS_LESS(VERS_SCHEME_INTDOT, "1.2.2", "1.0002.10");
	VERS_SAME(VERS_SCHEME_INTDOT, "1.0002.10", "1.02.0010");
	VERS_LESS(VERS_SCHEME_INTDOT, "9.9", "9.90");
	VERS_LESS(VERS_SCHEME_INTDOT, "18446744073709551615",
			  "18446744073709551616");
	VERS_LESS(VERS_SCHEME_INTDOT, "99999999999999999999999999.1",
			  "100000000000000000000000000");
	for (i = 0; i < sizeof(intdot_invalid) / sizeof(intdot_invalid[0]); i++)
		check(!vers_version_valid(VERS_SCHEME_INTDOT, intdot_invalid[i],
								  strlen(intdot_invalid[i])),
			  intdot_invalid[i], __FILE__, __LINE__);

	/* incomparable */
	CHECK(!vers_version_compare(VERS_SCHEME_INTDOT, "1.0", 3, "1.0a", 4, &cmp));
	CHECK(!vers_version_compare(VERS_SCHEME_SEMVER, "1.0", 3, "1.0.0", 5, &cmp));
	CHECK(!vers_version_compare(VERS_SCHEME_ALL, "1", 1, "1", 1, &cmp));
	CHECK(cmp == 42);
	CHECK(vers_version_valid(VERS_SCHEME_ALL, "anything at all", 15));
	CHECK(vers_version_valid(VERS_SCHEME_NONE, "", 0));
}

static void
test_vers_schemes(void)
{
	vers_scheme scheme = VERS_SCHEME_ALL;

	CHECK(vers_scheme_lookup("semver", 6, &scheme) == VERS_OK &&
		  scheme == VERS_SCHEME_SEMVER);
	CHECK(vers_scheme_lookup("IntDot", 6, &scheme) == VERS_OK &&
		  scheme == VERS_SCHEME_INTDOT);
	CHECK(vers_scheme_lookup("none", 4, &scheme) == VERS_OK &&
		  scheme == VERS_SCHEME_NONE);
	CHECK(vers_scheme_lookup("maven", 5, &scheme) ==
		  VERS_ERR_UNSUPPORTED_SCHEME);
	CHECK(vers_scheme_lookup("1x", 2, &scheme) == VERS_ERR_SCHEME_SYNTAX);
	CHECK(vers_scheme_lookup("", 0, &scheme) == VERS_ERR_SCHEME_SYNTAX);
	CHECK(vers_scheme_lookup("sem ver", 7, &scheme) == VERS_ERR_SCHEME_SYNTAX);
	CHECK_STR(vers_scheme_name(VERS_SCHEME_INTDOT), "intdot");
	CHECK(vers_scheme_name((vers_scheme) 9) == NULL);
}

static void
test_vers_parse(void)
{
	/* spec examples, with the npm/maven/gem versions under semver */
	VERS_OK_AS("vers:semver/1.2.3|>=2.0.0|<5.0.0",
			   "vers:semver/1.2.3|>=2.0.0|<5.0.0");
	VERS_OK_AS("vers:semver/>=1.0.0-beta1|<=1.7.5|>=7.0.0-M1|<=7.0.7|>=7.1.0|"
			   "<=7.1.2|>=8.0.0-M1|<=8.0.1",
			   "vers:semver/>=1.0.0-beta1|<=1.7.5|>=7.0.0-M1|<=7.0.7|>=7.1.0|"
			   "<=7.1.2|>=8.0.0-M1|<=8.0.1");
	VERS_OK_AS("vers:semver/>=2.2.0|!= 2.2.1|<2.3.0",
			   "vers:semver/>=2.2.0|!=2.2.1|<2.3.0");
	VERS_OK_AS("vers:all/*", "vers:all/*");
	VERS_OK_AS("vers:none/*", "vers:none/*");
	VERS_OK_AS("vers:intdot/<1.2.3|>=2.0", "vers:intdot/<1.2.3|>=2.0");
	VERS_OK_AS("vers:intdot/ <  1.2. 3 | > = 2  . 0", "vers:intdot/<1.2.3|>=2.0");
	/* vers-spec canonical parse test, under semver */
	VERS_OK_AS("vers:semver/>=1.0.0|<2.0.0", "vers:semver/>=1.0.0|<2.0.0");

	/* CSAF-style ranges */
	VERS_OK_AS("vers:intdot/<9.90", "vers:intdot/<9.90");
	VERS_OK_AS("vers:intdot/>=2.0|<2.9.4", "vers:intdot/>=2.0|<2.9.4");
	VERS_OK_AS("vers:semver/>=1.2.3|<2.0.0|!=1.5.0",
			   "vers:semver/>=1.2.3|!=1.5.0|<2.0.0");

	/* leniency and normalisation */
	VERS_OK_AS("VERS:IntDot/1.0", "vers:intdot/1.0");
	VERS_OK_AS(" v e r s : intdot / | >= 1.0 || < 2.0 | ",
			   "vers:intdot/>=1.0|<2.0");
	VERS_OK_AS("vers:intdot/<2.0|>=1.0", "vers:intdot/>=1.0|<2.0");
	VERS_OK_AS("vers:intdot/3|1|2", "vers:intdot/1|2|3");
	VERS_OK_AS("vers:intdot/=1.0", "vers:intdot/1.0");
	VERS_OK_AS("vers:intdot/1.0|1.0|=1.0", "vers:intdot/1.0");
	VERS_OK_AS("vers:intdot/1.00|1.0", "vers:intdot/1.0");
	VERS_OK_AS("vers:intdot/1.0|1.00", "vers:intdot/1.0");
	VERS_OK_AS("vers:intdot/<1.0|<1.00", "vers:intdot/<1.0");
	VERS_OK_AS("vers:semver/1.0.0+b|1.0.0+a", "vers:semver/1.0.0+a");
	VERS_OK_AS("vers:intdot/1%2E0", "vers:intdot/1.0");
	VERS_OK_AS("vers:semver/1.0.0%2Bbuild%2d1", "vers:semver/1.0.0+build-1");
	VERS_OK_AS("vers:intdot/*", "vers:intdot/*");
	VERS_OK_AS("vers:intdot/ | * |", "vers:intdot/*");
	VERS_OK_AS("vers:intdot/!=1.0", "vers:intdot/!=1.0");
	VERS_OK_AS("vers:intdot/!=2|!=1", "vers:intdot/!=1|!=2");
	VERS_OK_AS("vers:intdot/<1.0|2.0|>=3.0", "vers:intdot/<1.0|2.0|>=3.0");
	VERS_OK_AS("vers:intdot/>=1.0|2.0", "vers:intdot/>=1.0|2.0");
	VERS_OK_AS("vers:intdot/1|!=2|3|>4", "vers:intdot/1|!=2|3|>4");
	VERS_OK_AS("vers:intdot/<1|!=1.5|>2|!=3|<4",
			   "vers:intdot/<1|!=1.5|>2|!=3|<4");
}

static void
test_vers_errors(void)
{
	char		many[4096];
	char		longer[VERS_MAX_VERSION_BYTES + 64];
	size_t		n;
	int			i;
	vers_range	range;
	vers_containment result = VERS_INSIDE;

	VERS_FAILS("", VERS_ERR_EMPTY, 0, 0, "empty input");
	VERS_FAILS(" \t ", VERS_ERR_EMPTY, 0, 3, "empty input");
	VERS_FAILS("vers:intdot/1.0\n", VERS_ERR_BAD_CHARACTER, 15, 1,
			   "byte \"\\x0a\" at offset 15 is not allowed");
	VERS_FAILS("vers:intdot/1.0\xc3\xa9", VERS_ERR_BAD_CHARACTER, 15, 1,
			   "\"\\xc3\"");
	VERS_FAILS("pkg:npm/foo@1.0", VERS_ERR_PREFIX, 0, 4,
			   "must start with \"vers:\", found \"pkg:\"");
	VERS_FAILS("vers", VERS_ERR_PREFIX, 0, 4, "found \"vers\"");
	VERS_FAILS("versions:intdot/1", VERS_ERR_PREFIX, 0, 9, "\"versions:\"");
	VERS_FAILS("vers:", VERS_ERR_SCHEME_SYNTAX, 5, 0, "versioning scheme");
	VERS_FAILS("vers:intdot", VERS_ERR_SCHEME_SYNTAX, 5, 6, "found \"intdot\"");
	VERS_FAILS("vers:/1.0", VERS_ERR_SCHEME_SYNTAX, 5, 1, "found \"/\"");
	VERS_FAILS("vers:1abc/1", VERS_ERR_SCHEME_SYNTAX, 5, 1, "\"1\"");
	VERS_FAILS("vers:int_dot/1", VERS_ERR_SCHEME_SYNTAX, 5, 4, "\"int_\"");
	VERS_FAILS("vers:npm/1.0.0", VERS_ERR_UNSUPPORTED_SCHEME, 5, 3,
			   "versioning scheme \"npm\" is not supported; supported: all, "
			   "none, intdot, semver");
	VERS_FAILS("vers: maven />=1", VERS_ERR_UNSUPPORTED_SCHEME, 6, 5,
			   "\"maven\"");
	VERS_FAILS("vers:averyveryverylongschemename/1", VERS_ERR_UNSUPPORTED_SCHEME,
			   5, 27, "not supported");
	VERS_FAILS("vers:intdot/", VERS_ERR_NO_CONSTRAINTS, 12, 0,
			   "no version constraint");
	VERS_FAILS("vers:intdot/ || ", VERS_ERR_NO_CONSTRAINTS, 12, 4,
			   "no version constraint");
	VERS_FAILS("vers:intdot/>=", VERS_ERR_EMPTY_VERSION, 12, 2,
			   "constraint \">=\" has no version");
	VERS_FAILS("vers:intdot/1.0|!= |<3", VERS_ERR_EMPTY_VERSION, 16, 2, "\"!=\"");
	VERS_FAILS("vers:intdot/1.0%2", VERS_ERR_PERCENT, 15, 2,
			   "invalid percent-encoding \"%2\"");
	VERS_FAILS("vers:intdot/1.0%zz1", VERS_ERR_PERCENT, 15, 3, "\"%zz\"");
	VERS_FAILS("vers:intdot/=>1.0", VERS_ERR_COMPARATOR, 12, 5,
			   "unknown comparator in \"=>1.0\"");
	VERS_FAILS("vers:intdot/!1.0", VERS_ERR_COMPARATOR, 12, 4, "\"!1.0\"");
	VERS_FAILS("vers:intdot/<<1.0", VERS_ERR_COMPARATOR, 12, 5, "\"<<1.0\"");
	VERS_FAILS("vers:intdot/==1", VERS_ERR_COMPARATOR, 12, 3, "\"==1\"");
	VERS_FAILS("vers:intdot/>=2.0|<2.9.4-beta", VERS_ERR_INVALID_VERSION, 19,
			   10, "\"2.9.4-beta\" is not a valid intdot version");
	VERS_FAILS("vers:semver/>=1.0", VERS_ERR_INVALID_VERSION, 14, 3,
			   "\"1.0\" is not a valid semver version (SemVer 2.0.0");
	VERS_FAILS("vers:intdot/1%2A", VERS_ERR_INVALID_VERSION, 12, 4,
			   "\"1%2A\" is not a valid intdot version");
	VERS_FAILS("vers:intdot/*|1.0", VERS_ERR_STAR, 14, 3,
			   "\"*\" must be the only constraint, with no version; found \"1.0\"");
	VERS_FAILS("vers:intdot/1.0|*", VERS_ERR_STAR, 16, 1, "found \"*\"");
	VERS_FAILS("vers:intdot/*|*", VERS_ERR_STAR, 14, 1, "found \"*\"");
	VERS_FAILS("vers:intdot/*1.0", VERS_ERR_STAR, 12, 4, "\"*1.0\"");
	VERS_FAILS("vers:intdot/>=*", VERS_ERR_STAR, 12, 3, "\">=*\"");
	VERS_FAILS("vers:all/>=1.0", VERS_ERR_STAR_REQUIRED, 9, 5,
			   "versioning scheme \"all\" takes only \"*\", found \">=1.0\"");
	VERS_FAILS("vers:none/1", VERS_ERR_STAR_REQUIRED, 10, 1, "\"none\"");
	VERS_FAILS("vers:intdot/>=1.0|<=1.0", VERS_ERR_DUPLICATE_VERSION, 18, 5,
			   "the same version appears in \">=1.0\" and \"<=1.0\"");
	VERS_FAILS("vers:intdot/1.0|>=1.00", VERS_ERR_DUPLICATE_VERSION, 16, 6,
			   "\"1.0\" and \">=1.00\"");
	VERS_FAILS("vers:semver/!=1.0.0+a|1.0.0", VERS_ERR_DUPLICATE_VERSION, 22, 5,
			   "\"!=1.0.0+a\" and \"1.0.0\"");
	VERS_FAILS("vers:intdot/<1.0|<2.0", VERS_ERR_COMPARATOR_SEQUENCE, 17, 4,
			   "sorted by version, \"<1.0\" is followed by \"<2.0\"; ignoring = "
			   "and !=, a < or <= bound must be followed by > or >=");
	VERS_FAILS("vers:intdot/>2.0|>=1.0", VERS_ERR_COMPARATOR_SEQUENCE, 12, 4,
			   "\">=1.0\" is followed by \">2.0\"; ignoring = and !=, a > or >= "
			   "bound must be followed by < or <=");
	VERS_FAILS("vers:intdot/1.0|<2.0", VERS_ERR_COMPARATOR_SEQUENCE, 16, 4,
			   "an = constraint may be followed only by =, > or >=");
	VERS_FAILS("vers:intdot/1.0|!=1.5|<=2.0", VERS_ERR_COMPARATOR_SEQUENCE,
			   22, 5, "\"1.0\" is followed by \"<=2.0\"");
	VERS_FAILS("vers:intdot/>=1|2|<=3|4", VERS_ERR_COMPARATOR_SEQUENCE, 18, 3,
			   "\"2\" is followed by \"<=3\"; ignoring !=, an = constraint");

	/* long offending text is cut at 40 bytes */
	VERS_FAILS("vers:intdot/1.2.3.4.5.6.7.8.9.10.11.12.13.14.15.16.x",
			   VERS_ERR_INVALID_VERSION, 12, 40,
			   "\"1.2.3.4.5.6.7.8.9.10.11.12.13.14.15.16.x\" is not");
	VERS_FAILS("vers:intdot/1.2.3.4.5.6.7.8.9.10.11.12.13.14.15.16.17.x",
			   VERS_ERR_INVALID_VERSION, 12, 43,
			   "\"1.2.3.4.5.6.7.8.9.10.11.12.13.14.15.16.1...\" is not");

	/* limits */
	n = (size_t) sprintf(many, "vers:intdot/");
	for (i = 0; i < VERS_MAX_CONSTRAINTS; i++)
		n += (size_t) sprintf(many + n, "%d|", i);
	CHECK(vers_parse(many, n, &range, NULL) == VERS_OK &&
		  range.constraint_count == VERS_MAX_CONSTRAINTS);
	n += (size_t) sprintf(many + n, "9999");
	VERS_FAILS(many, VERS_ERR_TOO_MANY_CONSTRAINTS, n - 4, 4,
			   "more than 256 constraints");
	n = (size_t) sprintf(longer, "vers:intdot/");
	memset(longer + n, '7', VERS_MAX_VERSION_BYTES);
	longer[n + VERS_MAX_VERSION_BYTES] = '\0';
	CHECK(vers_parse(longer, strlen(longer), &range, NULL) == VERS_OK);
	strcat(longer, "1");
	VERS_FAILS(longer, VERS_ERR_TOO_LONG, 12, VERS_MAX_VERSION_BYTES + 1,
			   "versions total more than 8192 bytes");

	/* errors surface through vers_contains too */
	CHECK(vers_contains("vers:npm/1.0.0", 14, "1.0.0", 5, &result, NULL) ==
		  VERS_ERR_UNSUPPORTED_SCHEME);
	CHECK(result == VERS_INSIDE);
}

static void
test_vers_contains(void)
{
	const char *npm = "vers:semver/1.2.3|>=2.0.0|<5.0.0";
	const char *tomee = "vers:semver/>=1.0.0-beta1|<=1.7.5|>=7.0.0-M1|<=7.0.7|"
		">=7.1.0|<=7.1.2|>=8.0.0-M1|<=8.0.1";
	const char *gem = "vers:semver/>=2.2.0|!=2.2.1|<2.3.0";
	const char *multi = "vers:intdot/<1.0|>=2.0|<3.0|>4.0|<=5.0|>6";

	VERS_IN(npm, "1.2.3");
	VERS_OUT(npm, "1.2.4");
	VERS_OUT(npm, "0.1.0");
	VERS_IN(npm, "2.0.0");
	VERS_IN(npm, "4.99.99");
	VERS_OUT(npm, "5.0.0");
	VERS_OUT(npm, "2.0.0-rc.1");
	VERS_IN(npm, "5.0.0-rc.1");
	VERS_NULL(npm, "2.0");

	VERS_OUT(tomee, "1.0.0-alpha");
	VERS_IN(tomee, "1.0.0-beta1");
	VERS_IN(tomee, "1.5.0");
	VERS_IN(tomee, "1.7.5");
	VERS_OUT(tomee, "1.7.6");
	VERS_OUT(tomee, "7.0.0-M0");
	VERS_IN(tomee, "7.0.0-M2");
	VERS_OUT(tomee, "7.0.8");
	VERS_IN(tomee, "7.1.1");
	VERS_IN(tomee, "8.0.1");
	VERS_OUT(tomee, "8.0.2");
	VERS_OUT(tomee, "9.0.0");

	VERS_IN(gem, "2.2.0");
	VERS_OUT(gem, "2.2.1");
	VERS_IN(gem, "2.2.2");
	VERS_OUT(gem, "2.3.0");
	VERS_OUT(gem, "2.1.9");

	VERS_IN("vers:all/*", "anything at all");
	VERS_IN("vers:all/*", "");
	VERS_OUT("vers:none/*", "1.0");
	VERS_IN("vers:intdot/*", "1.0");
	VERS_IN("vers:semver/*", "0.0.1-x");
	/* the spec tests "*" before comparing: any string is in, or out */
	VERS_IN("vers:intdot/*", "1.0-beta");
	VERS_IN("vers:semver/*", "v1.2.3");
	VERS_IN("vers:intdot/*", "");
	VERS_OUT("vers:none/*", "not a version");

	/* CSAF examples */
	VERS_IN("vers:intdot/<9.90", "9.89");
	VERS_IN("vers:intdot/<9.90", "9.9");
	VERS_OUT("vers:intdot/<9.90", "9.90");
	VERS_OUT("vers:intdot/<9.90", "10");
	VERS_OUT("vers:intdot/>=2.0|<2.9.4", "1.9.9");
	VERS_IN("vers:intdot/>=2.0|<2.9.4", "2");
	VERS_IN("vers:intdot/>=2.0|<2.9.4", "2.9.3.99");
	VERS_OUT("vers:intdot/>=2.0|<2.9.4", "2.9.4.0");
	VERS_NULL("vers:intdot/>=2.0|<2.9.4", "V2.9.4-beta junk");
	VERS_NULL("vers:intdot/>=2.0|<2.9.4", "2.9.4 ");
	/* intdot tested versions: one leading V or v before a digit is skipped */
	VERS_IN("vers:intdot/>=2.0|<2.9.4", "V2.9.3");
	VERS_OUT("vers:intdot/>=2.0|<2.9.4", "V2.9.4");
	VERS_IN("vers:intdot/>=2.0|<2.9.4", "v2.0");
	VERS_IN("vers:intdot/2.9.4", "V02.9.4.0");
	VERS_NULL("vers:intdot/>=2.0|<2.9.4", "VV2.9.3");
	VERS_NULL("vers:intdot/>=2.0|<2.9.4", "V");
	VERS_NULL("vers:intdot/>=2.0|<2.9.4", "V.2");
	VERS_NULL("vers:intdot/>=2.0|<2.9.4", " V2.9.3");
	VERS_NULL("vers:intdot/>=2.0|<2.9.4", "V2.9 SP1");
	VERS_NULL("vers:intdot/>=2.0|<2.9.4", "2.9.3V");
	/* ... under intdot only: SemVer says "v1.2.3" is no semantic version */
	VERS_NULL("vers:semver/>=1.0.0", "v1.2.3");
	VERS_NULL("vers:semver/>=1.0.0", "V1.2.3");
	VERS_NULL("vers:semver/>=1.0.0", "1.2.3.4");
	VERS_NULL("vers:semver/>=1.0.0", "1.2");
	VERS_IN("vers:semver/>=1.2.3|<2.0.0|!=1.5.0", "1.2.3");
	VERS_OUT("vers:semver/>=1.2.3|<2.0.0|!=1.5.0", "1.2.3-alpha");
	VERS_OUT("vers:semver/>=1.2.3|<2.0.0|!=1.5.0", "1.5.0");
	VERS_OUT("vers:semver/>=1.2.3|<2.0.0|!=1.5.0", "1.5.0+build.7");
	VERS_IN("vers:semver/>=1.2.3|<2.0.0|!=1.5.0", "1.5.0-rc.1");
	VERS_IN("vers:semver/>=1.2.3|<2.0.0|!=1.5.0", "1.5.1");
	VERS_IN("vers:semver/>=1.2.3|<2.0.0|!=1.5.0", "2.0.0-rc.1");
	VERS_OUT("vers:semver/>=1.2.3|<2.0.0|!=1.5.0", "2.0.0");

	/* vers-spec intdot containment tests */
	VERS_IN("vers:intdot/>=1.2|<2.0", "1.5.0");
	VERS_OUT("vers:intdot/>=1.2|<2.0", "2.0");

	/* several intervals: (,1.0) [2.0,3.0) (4.0,5.0] (6,) */
	VERS_IN(multi, "0.9");
	VERS_OUT(multi, "1.0");
	VERS_OUT(multi, "1.5");
	VERS_IN(multi, "2");
	VERS_IN(multi, "2.99");
	VERS_OUT(multi, "3.0.0");
	VERS_OUT(multi, "4");
	VERS_IN(multi, "4.0.1");
	VERS_IN(multi, "5");
	VERS_OUT(multi, "5.1");
	VERS_OUT(multi, "6.0");
	VERS_IN(multi, "6.0.1");

	/* enumerations, single bounds, and = mixed with bounds */
	VERS_IN("vers:intdot/1.0|2.0|3.0", "2.0.0");
	VERS_OUT("vers:intdot/1.0|2.0|3.0", "2.5");
	VERS_IN("vers:intdot/>1.0", "1.0.1");
	VERS_OUT("vers:intdot/>1.0", "1.0");
	VERS_IN("vers:intdot/<=1.0", "1.0");
	VERS_OUT("vers:intdot/<=1.0", "1.0.1");
	VERS_IN("vers:intdot/<1.0|2.0|>=3.0", "0.5");
	VERS_OUT("vers:intdot/<1.0|2.0|>=3.0", "1.0");
	VERS_IN("vers:intdot/<1.0|2.0|>=3.0", "2.0");
	VERS_OUT("vers:intdot/<1.0|2.0|>=3.0", "2.5");
	VERS_IN("vers:intdot/<1.0|2.0|>=3.0", "3.0");
	VERS_IN("vers:intdot/<1.0|2.0|>=3.0", "7");
	VERS_IN("vers:intdot/>=1.0|2.0", "3.0");
	VERS_IN("vers:intdot/1|!=2|3|>4", "3");
	VERS_OUT("vers:intdot/1|!=2|3|>4", "2");
	VERS_IN("vers:intdot/1|!=2|3|>4", "5");
	VERS_IN("vers:intdot/<1|!=1.5|>2|!=3|<4", "2.5");
	VERS_OUT("vers:intdot/<1|!=1.5|>2|!=3|<4", "3");
	VERS_OUT("vers:intdot/<1|!=1.5|>2|!=3|<4", "1.5");
	VERS_OUT("vers:intdot/<1|!=1.5|>2|!=3|<4", "2");
	VERS_IN("vers:intdot/<1|!=1.5|>2|!=3|<4", "0.1");
	/* only != constraints: every version but those (univers, and gem's '!= 2.2.1') */
	VERS_OUT("vers:intdot/!=1.0", "1.0");
	VERS_OUT("vers:intdot/!=1.0", "1.00.0");
	VERS_IN("vers:intdot/!=1.0", "2.0");
	VERS_IN("vers:intdot/!=1.0", "0.9");
	VERS_NULL("vers:intdot/!=1.0", "1.0a");
	VERS_OUT("vers:intdot/!=1|!=2", "2");
	VERS_IN("vers:intdot/!=1|!=2", "1.5");
	VERS_IN("vers:intdot/!=1|!=2", "3");
	VERS_OUT("vers:semver/!=1.0.0", "1.0.0+build.5");
	VERS_IN("vers:semver/!=1.0.0", "1.0.0-rc.1");
	/* beside = constraints alone, != adds nothing: the = versions are the range */
	VERS_IN("vers:intdot/1|!=2", "1");
	VERS_OUT("vers:intdot/1|!=2", "2");
	VERS_OUT("vers:intdot/1|!=2", "3");
	/* a lone bound is both the first and the last bound */
	VERS_IN("vers:intdot/>=1.0", "1.0");
	VERS_IN("vers:intdot/>=1.0", "7");
	VERS_OUT("vers:intdot/>=1.0", "0.9");
	VERS_IN("vers:intdot/<1.0|!=0.5", "0.4");
	VERS_OUT("vers:intdot/<1.0|!=0.5", "0.5");
	VERS_OUT("vers:intdot/<1.0|!=0.5", "1.0");
	VERS_IN("vers:intdot/!=0.5|>1.0", "2");
	VERS_OUT("vers:intdot/!=0.5|>1.0", "0.4");
	VERS_IN("vers:semver/>=2.0.0", "2.0.1-rc.1");
	VERS_OUT("vers:semver/>=2.0.0", "2.0.0-rc.1");
}

static void
vers_expect_equal(const char *x, const char *y, bool want, int line)
{
	vers_range *a = malloc(sizeof(vers_range));
	vers_range *b = malloc(sizeof(vers_range));
	char		key_a[256];
	char		key_b[256];

	if (a == NULL || b == NULL ||
		vers_parse(x, strlen(x), a, NULL) != VERS_OK ||
		vers_parse(y, strlen(y), b, NULL) != VERS_OK)
	{
		check(false, x, __FILE__, line);
		free(a);
		free(b);
		return;
	}
	check(vers_range_equal(a, b) == want && vers_range_equal(b, a) == want,
		  x, __FILE__, line);
	vers_format_key(a, key_a, sizeof(key_a));
	vers_format_key(b, key_b, sizeof(key_b));
	check((strcmp(key_a, key_b) == 0) == want, "vers key", __FILE__, line);
	check((vers_range_compare(a, b) == 0) == want &&
		  vers_range_compare(a, b) == -vers_range_compare(b, a),
		  "vers compare", __FILE__, line);
	free(a);
	free(b);
}

static void
vers_expect_key(const char *text, const char *key, int line)
{
	vers_range *r = malloc(sizeof(vers_range));
	char		buf[256];
	char		canonical[256];

	if (r == NULL || vers_parse(text, strlen(text), r, NULL) != VERS_OK)
	{
		check(false, text, __FILE__, line);
		free(r);
		return;
	}
	check(vers_format_key(r, buf, sizeof(buf)) == strlen(key), text,
		  __FILE__, line);
	check_str(buf, key, __FILE__, line);
	check(strlen(buf) <= vers_format(r, canonical, sizeof(canonical)),
		  "key no longer than canonical", __FILE__, line);
	free(r);
}

#define VERS_EQUAL(a, b) vers_expect_equal((a), (b), true, __LINE__)
#define VERS_UNEQUAL(a, b) vers_expect_equal((a), (b), false, __LINE__)
#define VERS_KEY(text, key) vers_expect_key((text), (key), __LINE__)

static void
test_vers_equality(void)
{
	VERS_EQUAL("vers:intdot/<1.0", "vers:intdot/<1.00");
	VERS_EQUAL("vers:intdot/<1.0", "vers:intdot/<1");
	VERS_EQUAL("vers:intdot/>=01.002|<2.0.0", "VERS:IntDot/ <2 | >= 1.2.0 ");
	VERS_EQUAL("vers:semver/1.0.0+a", "vers:semver/1.0.0+b");
	VERS_EQUAL("vers:semver/1.0.0+a", "vers:semver/1.0.0");
	VERS_EQUAL("vers:all/*", "vers:all/*");
	VERS_UNEQUAL("vers:intdot/<1.0", "vers:intdot/<=1.0");
	VERS_UNEQUAL("vers:intdot/<1.0", "vers:intdot/<1.0.1");
	VERS_UNEQUAL("vers:intdot/<1.0", "vers:intdot/<1.0|>2");
	VERS_UNEQUAL("vers:intdot/*", "vers:semver/*");
	VERS_UNEQUAL("vers:all/*", "vers:none/*");
	VERS_UNEQUAL("vers:intdot/*", "vers:intdot/>=0");
	VERS_UNEQUAL("vers:semver/1.0.0-a", "vers:semver/1.0.0");
	/* the same versions, but not the same constraints */
	VERS_UNEQUAL("vers:intdot/1|!=2", "vers:intdot/1");

	VERS_KEY("vers:intdot/>=01.002.000|<2.0|!=0|3.0.10|4.00.0.1",
			 "vers:intdot/!=0|>=1.2|<2|3.0.10|4.0.0.1");
	VERS_KEY("vers:intdot/000.000", "vers:intdot/0");
	VERS_KEY("vers:semver/>=1.0.0-rc.1+build.7|<2.0.0+x",
			 "vers:semver/>=1.0.0-rc.1|<2.0.0");
	VERS_KEY("vers:none/*", "vers:none/*");

	/* the order: scheme name, star first, then versions, comparators, length */
	{
		static const char *const ordered[] = {
			"vers:all/*", "vers:intdot/*", "vers:intdot/<0.5",
			"vers:intdot/<1.0|>2", "vers:intdot/<=1.0", "vers:intdot/1",
			"vers:intdot/1.0|2", "vers:intdot/!=1.0", "vers:intdot/>=1.0",
			"vers:intdot/>1.0", "vers:intdot/10", "vers:none/*",
			"vers:semver/1.0.0-rc.1", "vers:semver/1.0.0"
		};
		size_t		i;
		vers_range *a = malloc(sizeof(vers_range));
		vers_range *b = malloc(sizeof(vers_range));

		for (i = 0; a && b && i + 1 < sizeof(ordered) / sizeof(ordered[0]); i++)
		{
			check(vers_parse(ordered[i], strlen(ordered[i]), a, NULL) == VERS_OK &&
				  vers_parse(ordered[i + 1], strlen(ordered[i + 1]), b, NULL) == VERS_OK &&
				  vers_range_compare(a, b) < 0 && vers_range_compare(b, a) > 0,
				  ordered[i], __FILE__, __LINE__);
		}
		free(a);
		free(b);
	}

	CHECK(vers_tested_version_start(VERS_SCHEME_INTDOT, "V1", 2) == 1);
	CHECK(vers_tested_version_start(VERS_SCHEME_INTDOT, "v0.1", 4) == 1);
	CHECK(vers_tested_version_start(VERS_SCHEME_INTDOT, "V", 1) == 0);
	CHECK(vers_tested_version_start(VERS_SCHEME_INTDOT, "Vx", 2) == 0);
	CHECK(vers_tested_version_start(VERS_SCHEME_INTDOT, "1.0", 3) == 0);
	CHECK(vers_tested_version_start(VERS_SCHEME_SEMVER, "v1.0.0", 6) == 0);
	CHECK(vers_tested_version_start(VERS_SCHEME_ALL, "V1", 2) == 0);
	CHECK_STR(vers_supported_schemes, "all, none, intdot, semver");
}

static void
test_vers_range_api(void)
{
	vers_range	range;
	char		buf[64];
	char		tiny[8];
	const char *text = "vers:intdot/<2|>=1";
	vers_error	err;
	char		detail[VERS_ERROR_DETAIL_SIZE];

	memset(&err, 0, sizeof(err));
	vers_error_detail(&err, NULL, 0, detail, sizeof(detail));
	CHECK_STR(detail, "no error");
	CHECK(vers_parse(text, strlen(text), &range, NULL) == VERS_OK);
	CHECK(range.scheme == VERS_SCHEME_INTDOT && !range.star &&
		  range.constraint_count == 2);
	CHECK(range.constraint[0].comparator == VERS_CMP_GE &&
		  range.constraint[1].comparator == VERS_CMP_LT);
	CHECK(vers_format(&range, buf, sizeof(buf)) == 18);
	CHECK_STR(buf, "vers:intdot/>=1|<2");
	CHECK(vers_format(&range, tiny, sizeof(tiny)) == 18);
	CHECK_STR(tiny, "vers:in");
	CHECK(vers_range_contains(&range, "1.5", 3) == VERS_INSIDE);
	CHECK(vers_range_contains(&range, "2", 1) == VERS_OUTSIDE);
	CHECK(vers_range_contains(&range, "x", 1) == VERS_INCOMPARABLE);
}

/* ===================================================================== */
/* risk matrix                                                           */
/* ===================================================================== */

static void
riskm_expect(const char *text, const char *canonical, int line)
{
	riskm_matrix m;
	riskm_matrix again;
	riskm_error err;
	char		buf[RISKM_TEXT_SIZE];
	char		detail[RISKM_ERROR_DETAIL_SIZE];
	uint8_t		packed[RISKM_PACKED_MAX];
	riskm_status status = riskm_parse(text, strlen(text), &m, &err);

	check(status == RISKM_OK, text, __FILE__, line);
	if (status != RISKM_OK)
	{
		riskm_error_detail(&err, text, strlen(text), detail, sizeof(detail));
		fprintf(stderr, "  detail: %s\n", detail);
		return;
	}
	riskm_format(&m, buf, sizeof(buf));
	check_str(buf, canonical, __FILE__, line);
	check(riskm_pack(&m, packed, sizeof(packed)) == riskm_packed_size(&m) &&
		  riskm_unpack(packed, riskm_packed_size(&m), &again) == RISKM_OK &&
		  riskm_equal(&m, &again), "riskm pack round trip", __FILE__, line);
}

static void
riskm_expect_error(const char *text, riskm_status want, size_t offset,
				   size_t length, const char *detail_part, int line)
{
	riskm_matrix m;
	riskm_error err;
	char		detail[RISKM_ERROR_DETAIL_SIZE];
	riskm_status status = riskm_parse(text, strlen(text), &m, &err);

	check(status == want, "riskm status", __FILE__, line);
	check(err.status == want, "riskm err.status", __FILE__, line);
	check(err.offset == offset, "riskm err.offset", __FILE__, line);
	check(err.length == length, "riskm err.length", __FILE__, line);
	if (status != want || err.offset != offset || err.length != length)
		fprintf(stderr, "  input \"%s\": status %d offset %zu length %zu\n",
				text, (int) status, err.offset, err.length);
	check(riskm_error_detail(&err, text, strlen(text), detail, sizeof(detail))
		  < sizeof(detail), "riskm detail fits", __FILE__, line);
	check_has(detail, detail_part, __FILE__, line);
}

#define RISKM_OK_AS(text, canonical) riskm_expect((text), (canonical), __LINE__)
#define RISKM_FAILS(text, want, offset, length, part) \
	riskm_expect_error((text), (want), (offset), (length), (part), __LINE__)

static const char *const example_grid =
"{{low:1,low:2,medium:3};{low:2,medium:4,high:6};{medium:3,high:6,critical:9}}";

static void
test_riskm_parse(void)
{
	char		big[RISKM_TEXT_SIZE];
	char		out[RISKM_TEXT_SIZE];
	riskm_matrix m;
	size_t		n = 0;
	int			row;
	int			col;

	RISKM_OK_AS(example_grid, example_grid);
	RISKM_OK_AS(" { { Low : 1.5 , HIGH:2.25 } ;\n{medium:0, CriTical: 10.10 } } ",
				"{{low:1.5,high:2.25};{medium:0,critical:10.1}}");
	RISKM_OK_AS("{{low:0}}", "{{low:0}}");
	RISKM_OK_AS("{{low:007.50}}", "{{low:7.5}}");
	RISKM_OK_AS("{{critical:999999.99}}", "{{critical:999999.99}}");
	RISKM_OK_AS("{{low:0.05,low:0.5,low:0.50}}", "{{low:0.05,low:0.5,low:0.5}}");
	/* not monotonic, and still accepted */
	RISKM_OK_AS("{{critical:9,low:1};{low:1,critical:9}}",
				"{{critical:9,low:1};{low:1,critical:9}}");

	/* 10 x 10 of the longest cell: the largest canonical text */
	big[n++] = '{';
	for (row = 0; row < RISKM_MAX_DIM; row++)
	{
		if (row > 0)
			big[n++] = ';';
		big[n++] = '{';
		for (col = 0; col < RISKM_MAX_DIM; col++)
			n += (size_t) sprintf(big + n, "%scritical:999999.99",
								  col > 0 ? "," : "");
		big[n++] = '}';
	}
	big[n++] = '}';
	big[n] = '\0';
	CHECK(n < RISKM_TEXT_SIZE);
	CHECK(riskm_parse(big, n, &m, NULL) == RISKM_OK &&
		  m.rows == 10 && m.cols == 10);
	CHECK(riskm_format(&m, out, sizeof(out)) == n);
	CHECK_STR(out, big);
	CHECK(riskm_packed_size(&m) == RISKM_PACKED_MAX);
}

static void
test_riskm_errors(void)
{
	char		text[512];
	size_t		n;
	int			i;

	RISKM_FAILS("", RISKM_ERR_EMPTY, 0, 0, "empty input");
	RISKM_FAILS("  ", RISKM_ERR_EMPTY, 0, 2, "empty input");
	RISKM_FAILS("{ }", RISKM_ERR_EMPTY, 2, 1, "the grid has no rows");
	RISKM_FAILS("{{low:1};{}}", RISKM_ERR_EMPTY, 10, 1,
				"likelihood 2: a row needs at least one cell");
	RISKM_FAILS("{{low:1,low:2};{low:1}}", RISKM_ERR_RAGGED, 15, 7,
				"row 2 (likelihood 2) has 1 cell but row 1 has 2");
	RISKM_FAILS("{{low:1};{low:1};{low:1,low:2}}", RISKM_ERR_RAGGED, 17, 13,
				"row 3 (likelihood 3) has 2 cells but row 1 has 1");
	RISKM_FAILS("{{low:1,severe:2}}", RISKM_ERR_UNKNOWN_LEVEL, 8, 6,
				"likelihood 1, consequence 2: unknown level \"severe\"; "
				"expected low, medium, high or critical");
	RISKM_FAILS("{{low:1};{low:-1}}", RISKM_ERR_NEGATIVE_SCORE, 14, 2,
				"likelihood 2, consequence 1: score \"-1\" is negative");
	RISKM_FAILS("{{low:abc}}", RISKM_ERR_BAD_SCORE, 6, 3,
				"score \"abc\" is not a number with at most two decimals");
	RISKM_FAILS("{{low:1.234}}", RISKM_ERR_BAD_SCORE, 6, 5, "\"1.234\"");
	RISKM_FAILS("{{low:1.}}", RISKM_ERR_BAD_SCORE, 6, 2, "\"1.\"");
	RISKM_FAILS("{{low:.5}}", RISKM_ERR_BAD_SCORE, 6, 2, "\".5\"");
	RISKM_FAILS("{{low:1e3}}", RISKM_ERR_BAD_SCORE, 6, 3, "\"1e3\"");
	RISKM_FAILS("{{low:-}}", RISKM_ERR_BAD_SCORE, 6, 1, "\"-\"");
	RISKM_FAILS("{{low:1.2.3}}", RISKM_ERR_BAD_SCORE, 6, 5, "\"1.2.3\"");
	RISKM_FAILS("{{low:1000000}}", RISKM_ERR_SCORE_RANGE, 6, 7,
				"score \"1000000\" exceeds 999999.99");
	RISKM_FAILS("{{low:99999999999999999999}}", RISKM_ERR_SCORE_RANGE, 6, 20,
				"exceeds");
	RISKM_FAILS("{{low:}}", RISKM_ERR_SYNTAX, 6, 1,
				"likelihood 1, consequence 1: expected a score at byte 6, "
				"found \"}\"");
	RISKM_FAILS("{{low 1}}", RISKM_ERR_SYNTAX, 6, 1, "expected ':'");
	RISKM_FAILS("{{1:low}}", RISKM_ERR_SYNTAX, 2, 1, "expected a level");
	RISKM_FAILS("{{low:1},{low:2}}", RISKM_ERR_SYNTAX, 8, 1,
				"expected ';' between rows or '}' at byte 8, found \",\"");
	RISKM_FAILS("{{low:1;low:2}}", RISKM_ERR_SYNTAX, 7, 1, "',' or '}'");
	RISKM_FAILS("{{low:1}", RISKM_ERR_SYNTAX, 8, 0, "found end of input");
	RISKM_FAILS("{low:1}", RISKM_ERR_SYNTAX, 1, 1, "'{' to open a row");
	RISKM_FAILS("[[low:1]]", RISKM_ERR_SYNTAX, 0, 1, "'{' to open the grid");
	RISKM_FAILS("{{low:1}} x", RISKM_ERR_TRAILING, 10, 1,
				"unexpected \"x\" after the closing brace of the grid");
	RISKM_FAILS("{{low:1}}}", RISKM_ERR_TRAILING, 9, 1, "\"}\"");
	RISKM_FAILS("{{low:1}} \x01\"\\", RISKM_ERR_TRAILING, 10, 3,
				"unexpected \"\\x01\\x22\\x5c\" after");
	RISKM_FAILS("{{abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz:1}}",
				RISKM_ERR_UNKNOWN_LEVEL, 2, 52,
				"unknown level \"abcdefghijklmnopqrstuvwxyzabcdefghijklmn...\"");

	/* 11 rows, 11 columns */
	n = (size_t) sprintf(text, "{");
	for (i = 0; i < 11; i++)
		n += (size_t) sprintf(text + n, "%s{low:1}", i > 0 ? ";" : "");
	strcat(text, "}");
	RISKM_FAILS(text, RISKM_ERR_TOO_MANY_ROWS, 81, 1,
				"more than 10 likelihood rows");
	n = (size_t) sprintf(text, "{{");
	for (i = 0; i < 11; i++)
		n += (size_t) sprintf(text + n, "%slow:1", i > 0 ? "," : "");
	strcat(text, "}}");
	RISKM_FAILS(text, RISKM_ERR_TOO_MANY_COLS, 62, 1,
				"row 1 has more than 10 cells");
}

static void
test_riskm_values(void)
{
	riskm_matrix m;
	riskm_matrix other;
	riskm_error err;
	riskm_level level = RISKM_LOW;
	uint32_t	score = 0;
	uint8_t		packed[RISKM_PACKED_MAX];
	uint8_t		bad[RISKM_PACKED_MAX];
	char		buf[RISKM_SCORE_TEXT_SIZE];
	char		detail[RISKM_ERROR_DETAIL_SIZE];
	char		small[6];
	size_t		size;

	CHECK(riskm_parse(example_grid, strlen(example_grid), &m, NULL) ==
		  RISKM_OK);
	CHECK(m.rows == 3 && m.cols == 3);
	CHECK(riskm_lookup(&m, 2, 3, &level, &score, &err) == RISKM_OK);
	CHECK(level == RISKM_HIGH && score == 600);
	CHECK(riskm_lookup(&m, 3, 3, &level, &score, NULL) == RISKM_OK);
	CHECK(level == RISKM_CRITICAL && score == 900);
	CHECK(riskm_lookup(&m, 1, 1, &level, &score, NULL) == RISKM_OK);
	CHECK(level == RISKM_LOW && score == 100);
	CHECK(riskm_lookup(&m, 4, 1, &level, &score, &err) ==
		  RISKM_ERR_OUT_OF_GRID);
	riskm_error_detail(&err, NULL, 0, detail, sizeof(detail));
	CHECK_STR(detail, "likelihood 4 is outside 1..3");
	CHECK(riskm_lookup(&m, 1, 0, &level, &score, &err) ==
		  RISKM_ERR_OUT_OF_GRID);
	riskm_error_detail(&err, NULL, 0, detail, sizeof(detail));
	CHECK_STR(detail, "consequence 0 is outside 1..3");
	CHECK(riskm_lookup(&m, -5, 99, &level, &score, &err) ==
		  RISKM_ERR_OUT_OF_GRID);
	riskm_error_detail(&err, NULL, 0, detail, sizeof(detail));
	CHECK_STR(detail, "likelihood -5 is outside 1..3 and consequence 99 is "
			  "outside 1..3");
	CHECK(riskm_lookup(&m, 0, 1, &level, &score, NULL) ==
		  RISKM_ERR_OUT_OF_GRID);

	CHECK_STR(riskm_level_name(RISKM_MEDIUM), "medium");
	CHECK(riskm_level_name((riskm_level) 4) == NULL);

	CHECK(riskm_format_score(0, buf, sizeof(buf)) == 1);
	CHECK_STR(buf, "0");
	riskm_format_score(5, buf, sizeof(buf));
	CHECK_STR(buf, "0.05");
	riskm_format_score(50, buf, sizeof(buf));
	CHECK_STR(buf, "0.5");
	riskm_format_score(123, buf, sizeof(buf));
	CHECK_STR(buf, "1.23");
	riskm_format_score(100, buf, sizeof(buf));
	CHECK_STR(buf, "1");
	CHECK(riskm_format_score(RISKM_SCORE_MAX, buf, sizeof(buf)) == 9);
	CHECK_STR(buf, "999999.99");
	CHECK(riskm_format(&m, small, sizeof(small)) == strlen(example_grid));
	CHECK_STR(small, "{{low");

	/* packed form */
	size = riskm_pack(&m, packed, sizeof(packed));
	CHECK(size == 3 + 4 * 9);
	CHECK(packed[0] == RISKM_PACK_VERSION && packed[1] == 3 && packed[2] == 3);
	/* cell (3,3): critical (3) << 30 | 900 */
	CHECK(packed[3 + 4 * 8] == (900 & 0xff) && packed[3 + 4 * 8 + 1] == 900 >> 8 &&
		  packed[3 + 4 * 8 + 2] == 0 && packed[3 + 4 * 8 + 3] == 0xc0);
	CHECK(riskm_pack(&m, packed, 10) == size);
	CHECK(riskm_unpack(packed, size, &other) == RISKM_OK &&
		  riskm_equal(&m, &other));
	CHECK(riskm_unpack(packed, size - 1, &other) == RISKM_ERR_BAD_PACKED);
	CHECK(riskm_unpack(packed, size + 1, &other) == RISKM_ERR_BAD_PACKED);
	CHECK(riskm_unpack(packed, 2, &other) == RISKM_ERR_BAD_PACKED);
	CHECK(riskm_unpack(packed, 0, &other) == RISKM_ERR_BAD_PACKED);
	memcpy(bad, packed, size);
	bad[0] = 2;
	CHECK(riskm_unpack(bad, size, &other) == RISKM_ERR_BAD_PACKED);
	{
		/* the binary input's detail names the part that is wrong */
		char		problem[RISKM_ERROR_DETAIL_SIZE];

		CHECK(riskm_unpack_explain(bad, size, &other, problem, sizeof(problem)) == RISKM_ERR_BAD_PACKED &&
			  strcmp(problem, "layout version 2, expected 1") == 0);
		CHECK(riskm_unpack_explain(packed, size - 1, &other, problem, sizeof(problem)) == RISKM_ERR_BAD_PACKED &&
			  strcmp(problem, "38 bytes, expected 39 for the grid (4 bytes a cell)") == 0);
	}
	memcpy(bad, packed, size);
	bad[1] = 0;
	CHECK(riskm_unpack(bad, 3, &other) == RISKM_ERR_BAD_PACKED);
	bad[1] = 11;
	CHECK(riskm_unpack(bad, 3 + 4 * 33, &other) == RISKM_ERR_BAD_PACKED);
	memcpy(bad, packed, size);
	bad[2] = 2;
	CHECK(riskm_unpack(bad, size, &other) == RISKM_ERR_BAD_PACKED);
	memcpy(bad, packed, size);
	/* score 100000000 hundredths, one above the maximum */
	bad[3] = 0x00;
	bad[4] = 0xe1;
	bad[5] = 0xf5;
	bad[6] = 0x05;
	CHECK(riskm_unpack(bad, size, &other) == RISKM_ERR_BAD_PACKED);
	bad[3] = 0xff;
	bad[4] = 0xe0;
	CHECK(riskm_unpack(bad, size, &other) == RISKM_OK &&
		  other.cell[0][0].score == RISKM_SCORE_MAX &&
		  other.cell[0][0].level == RISKM_LOW);
	CHECK(!riskm_equal(&m, &other));
	memset(&err, 0, sizeof(err));
	riskm_error_detail(&err, NULL, 0, detail, sizeof(detail));
	CHECK_STR(detail, "no error");
	err.status = RISKM_ERR_BAD_PACKED;
	riskm_error_detail(&err, NULL, 0, detail, sizeof(detail));
	CHECK_STR(detail, "packed value is not a valid risk matrix");
}

int
main(void)
{
	test_slv_parse();
	test_slv_errors();
	test_slv_values();
	test_vers_versions();
	test_vers_schemes();
	test_vers_parse();
	test_vers_errors();
	test_vers_contains();
	test_vers_equality();
	test_vers_range_api();
	test_riskm_parse();
	test_riskm_errors();
	test_riskm_values();

	printf("scoring_unit: %d checks, %d failed\n", checks_run, checks_failed);
	return checks_failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
