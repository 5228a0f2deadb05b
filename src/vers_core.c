/*
 * vers_core.c: package-url version range specifiers (see vers_core.h).
 * libc only; no allocation, no mutable state.
 */
#include "vers_core.h"
#include "ascii.h"
#include "text_sink.h"

#include <string.h>

#define VERS_SCHEME_COUNT	4
/* no supported scheme name is longer; longer ones are simply unsupported */
#define VERS_SCHEME_NAME_MAX 16

static const char *const scheme_names[VERS_SCHEME_COUNT] = {
	"all", "none", "intdot", "semver"
};

const char *const vers_supported_schemes = "all, none, intdot, semver";

/* indexed by vers_comparator; "=" is implied by a bare version */
static const char *const comparator_text[] = {
	"", "!=", "<", "<=", ">", ">="
};

/* The spec removes spaces and tabs before parsing; nothing else is blank. */
static bool
is_blank(char c)
{
	return c == ' ' || c == '\t';
}

static int
hex_value(char c)
{
	if (ascii_is_digit(c))
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

static int
sign_of(int value)
{
	return (value > 0) - (value < 0);
}

/* ---------------------------------------------------------------------
 * Version syntax and order
 * ---------------------------------------------------------------------
 */

/* Two digit strings as numbers of any length: no overflow possible. */
static int
compare_digits(const char *a, size_t a_len, const char *b, size_t b_len)
{
	while (a_len > 0 && *a == '0')
	{
		a++;
		a_len--;
	}
	while (b_len > 0 && *b == '0')
	{
		b++;
		b_len--;
	}
	if (a_len != b_len)
		return a_len < b_len ? -1 : 1;
	/* version segments are short: a loop beats a call to memcmp */
	for (; a_len > 0; a++, b++, a_len--)
		if (*a != *b)
			return *a < *b ? -1 : 1;
	return 0;
}

/* digit+ ('.' digit+)* */
static bool
intdot_valid(const char *v, size_t len)
{
	size_t		i;
	bool		segment_has_digit = false;

	for (i = 0; i < len; i++)
	{
		if (ascii_is_digit(v[i]))
			segment_has_digit = true;
		else if (v[i] == '.' && segment_has_digit)
			segment_has_digit = false;
		else
			return false;
	}
	return segment_has_digit;
}

/* Segment by segment; a version that runs out counts as ".0" onwards. */
static int
intdot_compare(const char *a, size_t a_len, const char *b, size_t b_len)
{
	size_t		ia = 0;
	size_t		ib = 0;

	while (ia < a_len || ib < b_len)
	{
		size_t		sa = ia;
		size_t		sb = ib;
		int			cmp;

		while (ia < a_len && a[ia] != '.')
			ia++;
		while (ib < b_len && b[ib] != '.')
			ib++;
		cmp = compare_digits(a + sa, ia - sa, b + sb, ib - sb);
		if (cmp != 0)
			return cmp;
		if (ia < a_len)
			ia++;
		if (ib < b_len)
			ib++;
	}
	return 0;
}

/* Boundaries of a valid SemVer 2.0.0 version. */
typedef struct semver_parts
{
	size_t		core_end[3];	/* end of major, minor, patch */
	size_t		pre_start;		/* prerelease without its '-'; empty if none */
	size_t		pre_end;
} semver_parts;

static bool
is_identifier_char(char c)
{
	return ascii_is_alpha(c) || ascii_is_digit(c) || c == '-';
}

/*
 * Dot-separated non-empty [0-9A-Za-z-]+ identifiers from *pos, stopping at
 * the first other character.  Prerelease numeric identifiers must not have
 * leading zeros; build identifiers may.
 */
static bool
scan_identifiers(const char *v, size_t len, size_t *pos, bool prerelease)
{
	for (;;)
	{
		size_t		start = *pos;
		bool		numeric = true;

		while (*pos < len && is_identifier_char(v[*pos]))
		{
			if (!ascii_is_digit(v[*pos]))
				numeric = false;
			(*pos)++;
		}
		if (*pos == start)
			return false;
		if (prerelease && numeric && v[start] == '0' && *pos - start > 1)
			return false;
		if (*pos < len && v[*pos] == '.')
		{
			(*pos)++;
			continue;
		}
		return true;
	}
}

static bool
semver_scan(const char *v, size_t len, semver_parts *parts)
{
	size_t		pos = 0;
	int			i;

	for (i = 0; i < 3; i++)
	{
		size_t		start;

		if (i > 0)
		{
			if (pos >= len || v[pos] != '.')
				return false;
			pos++;
		}
		start = pos;
		while (pos < len && ascii_is_digit(v[pos]))
			pos++;
		if (pos == start || (v[start] == '0' && pos - start > 1))
			return false;
		parts->core_end[i] = pos;
	}
	parts->pre_start = parts->pre_end = pos;
	if (pos < len && v[pos] == '-')
	{
		pos++;
		parts->pre_start = pos;
		if (!scan_identifiers(v, len, &pos, true))
			return false;
		parts->pre_end = pos;
	}
	if (pos < len && v[pos] == '+')
	{
		pos++;
		if (!scan_identifiers(v, len, &pos, false))
			return false;
	}
	return pos == len;
}

static bool
all_digits(const char *s, size_t len)
{
	size_t		i;

	for (i = 0; i < len; i++)
		if (!ascii_is_digit(s[i]))
			return false;
	return true;
}

static bool
all_zeros(const char *s, size_t len)
{
	size_t		i;

	for (i = 0; i < len; i++)
		if (s[i] != '0')
			return false;
	return true;
}

/* SemVer rule 11.4: numeric < alphanumeric; numbers by value; else ASCII. */
static int
compare_prerelease_identifier(const char *a, size_t a_len,
							  const char *b, size_t b_len)
{
	bool		a_numeric = all_digits(a, a_len);
	bool		b_numeric = all_digits(b, b_len);
	int			cmp;

	if (a_numeric && b_numeric)
		return compare_digits(a, a_len, b, b_len);
	if (a_numeric != b_numeric)
		return a_numeric ? -1 : 1;
	cmp = memcmp(a, b, a_len < b_len ? a_len : b_len);
	if (cmp != 0)
		return sign_of(cmp);
	return a_len == b_len ? 0 : (a_len < b_len ? -1 : 1);
}

static int
semver_compare(const char *a, const semver_parts *pa,
			   const char *b, const semver_parts *pb)
{
	size_t		ia = 0;
	size_t		ib = 0;
	int			i;
	int			cmp;
	bool		a_pre = pa->pre_end > pa->pre_start;
	bool		b_pre = pb->pre_end > pb->pre_start;

	for (i = 0; i < 3; i++)
	{
		cmp = compare_digits(a + ia, pa->core_end[i] - ia,
							 b + ib, pb->core_end[i] - ib);
		if (cmp != 0)
			return cmp;
		ia = pa->core_end[i] + 1;
		ib = pb->core_end[i] + 1;
	}
	/* a release outranks its prereleases */
	if (!a_pre || !b_pre)
		return (int) a_pre == (int) b_pre ? 0 : (a_pre ? -1 : 1);

	ia = pa->pre_start;
	ib = pb->pre_start;
	for (;;)
	{
		size_t		ea = ia;
		size_t		eb = ib;

		if (ia >= pa->pre_end || ib >= pb->pre_end)
		{
			/* the shorter identifier list sorts first */
			if (ia >= pa->pre_end && ib >= pb->pre_end)
				return 0;
			return ia >= pa->pre_end ? -1 : 1;
		}
		while (ea < pa->pre_end && a[ea] != '.')
			ea++;
		while (eb < pb->pre_end && b[eb] != '.')
			eb++;
		cmp = compare_prerelease_identifier(a + ia, ea - ia, b + ib, eb - ib);
		if (cmp != 0)
			return cmp;
		ia = ea + 1;
		ib = eb + 1;
	}
}

bool
vers_version_valid(vers_scheme scheme, const char *version, size_t len)
{
	semver_parts parts;

	switch (scheme)
	{
		case VERS_SCHEME_ALL:
		case VERS_SCHEME_NONE:
			return true;
		case VERS_SCHEME_INTDOT:
			return intdot_valid(version, len);
		case VERS_SCHEME_SEMVER:
			return semver_scan(version, len, &parts);
	}
	return false;
}

bool
vers_version_compare(vers_scheme scheme, const char *a, size_t a_len,
					 const char *b, size_t b_len, int *result)
{
	semver_parts pa;
	semver_parts pb;

	switch (scheme)
	{
		case VERS_SCHEME_ALL:
		case VERS_SCHEME_NONE:
			return false;
		case VERS_SCHEME_INTDOT:
			if (!intdot_valid(a, a_len) || !intdot_valid(b, b_len))
				return false;
			*result = intdot_compare(a, a_len, b, b_len);
			return true;
		case VERS_SCHEME_SEMVER:
			if (!semver_scan(a, a_len, &pa) || !semver_scan(b, b_len, &pb))
				return false;
			*result = semver_compare(a, &pa, b, &pb);
			return true;
	}
	return false;
}

/*
 * Order of two versions already known to be valid under scheme (both
 * parsed from a range, or one checked by the caller): no revalidation.
 */
static int
compare_valid(vers_scheme scheme, const char *a, size_t a_len,
			  const char *b, size_t b_len)
{
	semver_parts pa;
	semver_parts pb;

	switch (scheme)
	{
		case VERS_SCHEME_INTDOT:
			return intdot_compare(a, a_len, b, b_len);
		case VERS_SCHEME_SEMVER:
			if (semver_scan(a, a_len, &pa) && semver_scan(b, b_len, &pb))
				return semver_compare(a, &pa, b, &pb);
			break;
		case VERS_SCHEME_ALL:
		case VERS_SCHEME_NONE:
			break;
	}
	return 0;
}

vers_status
vers_scheme_lookup(const char *name, size_t len, vers_scheme *scheme)
{
	size_t		i;
	int			s;

	if (len == 0 || !ascii_is_alpha(name[0]))
		return VERS_ERR_SCHEME_SYNTAX;
	for (i = 1; i < len; i++)
		if (!ascii_is_alpha(name[i]) && !ascii_is_digit(name[i]) &&
			name[i] != '.' && name[i] != '-')
			return VERS_ERR_SCHEME_SYNTAX;
	for (s = 0; s < VERS_SCHEME_COUNT; s++)
	{
		if (strlen(scheme_names[s]) != len)
			continue;
		for (i = 0; i < len; i++)
			if (ascii_to_lower(name[i]) != scheme_names[s][i])
				break;
		if (i == len)
		{
			*scheme = (vers_scheme) s;
			return VERS_OK;
		}
	}
	return VERS_ERR_UNSUPPORTED_SCHEME;
}

const char *
vers_scheme_name(vers_scheme scheme)
{
	if ((int) scheme < 0 || (int) scheme >= VERS_SCHEME_COUNT)
		return NULL;
	return scheme_names[scheme];
}

/* ---------------------------------------------------------------------
 * Parsing
 * ---------------------------------------------------------------------
 */

typedef struct vers_parser
{
	const char *text;
	size_t		len;
	vers_range *range;
	vers_error *err;
} vers_parser;

static vers_status
fail(vers_parser *p, vers_status status, size_t offset, size_t length)
{
	p->err->status = status;
	p->err->offset = offset;
	p->err->length = length;
	return status;
}

static vers_status
fail_pair(vers_parser *p, vers_status status,
		  const vers_constraint *offending, const vers_constraint *related)
{
	p->err->related_offset = related->source_offset;
	p->err->related_length = related->source_length;
	return fail(p, status, offending->source_offset, offending->source_length);
}

static size_t
skip_blanks(const char *text, size_t pos, size_t end)
{
	while (pos < end && is_blank(text[pos]))
		pos++;
	return pos;
}

/* "vers:" in any case, blanks anywhere; *pos ends after the colon. */
static vers_status
parse_prefix(vers_parser *p, size_t *pos)
{
	static const char prefix[] = "vers:";
	size_t		start = skip_blanks(p->text, 0, p->len);
	size_t		at = start;
	int			k;

	for (k = 0; prefix[k] != '\0'; k++)
	{
		at = skip_blanks(p->text, at, p->len);
		if (at == p->len || ascii_to_lower(p->text[at]) != prefix[k])
		{
			/* show what stands where "vers:" should: up to a colon */
			const char *colon = memchr(p->text + start, ':', p->len - start);
			size_t		shown = colon ? (size_t) (colon - p->text) + 1 : p->len;

			return fail(p, VERS_ERR_PREFIX, start, shown - start);
		}
		at++;
	}
	*pos = at;
	return VERS_OK;
}

/* The scheme name up to '/'; *pos ends after the slash. */
static vers_status
parse_scheme(vers_parser *p, size_t *pos)
{
	char		name[VERS_SCHEME_NAME_MAX];
	size_t		start = skip_blanks(p->text, *pos, p->len);
	size_t		end = start;	/* after the last non-blank */
	size_t		at;
	size_t		n = 0;
	vers_status status;

	for (at = start; at < p->len && p->text[at] != '/'; at++)
	{
		char		c = p->text[at];

		if (is_blank(c))
			continue;
		if (!(ascii_is_alpha(c) ||
			  (n > 0 && (ascii_is_digit(c) || c == '.' || c == '-'))))
			return fail(p, VERS_ERR_SCHEME_SYNTAX, start, at + 1 - start);
		if (n < VERS_SCHEME_NAME_MAX)
			name[n] = c;
		n++;
		end = at + 1;
	}
	if (n == 0 || at == p->len)
		return fail(p, VERS_ERR_SCHEME_SYNTAX, start,
					(at < p->len ? at + 1 : at) - start);
	if (n > VERS_SCHEME_NAME_MAX)
		status = VERS_ERR_UNSUPPORTED_SCHEME;
	else
		status = vers_scheme_lookup(name, n, &p->range->scheme);
	if (status != VERS_OK)
		return fail(p, status, start, end - start);
	p->err->scheme_known = true;
	p->err->scheme = p->range->scheme;
	*pos = at + 1;
	return VERS_OK;
}

/*
 * The comparator at the start of a constraint (blanks may sit between its
 * two characters, since the spec strips them first); *at ends after it.
 */
static vers_comparator
parse_comparator(const char *text, size_t *at, size_t end)
{
	char		first = text[*at];
	size_t		second = skip_blanks(text, *at + 1, end);

	if ((first == '<' || first == '>' || first == '!') &&
		second < end && text[second] == '=')
	{
		*at = second + 1;
		return first == '<' ? VERS_CMP_LE :
			first == '>' ? VERS_CMP_GE : VERS_CMP_NE;
	}
	if (first == '<' || first == '>' || first == '=')
	{
		(*at)++;
		return first == '<' ? VERS_CMP_LT :
			first == '>' ? VERS_CMP_GT : VERS_CMP_EQ;
	}
	return VERS_CMP_EQ;
}

/* One '|'-delimited piece [start, end) of the constraints. */
static vers_status
parse_constraint(vers_parser *p, size_t start, size_t end)
{
	vers_range *r = p->range;
	const char *text = p->text;
	vers_constraint *c;
	size_t		first = skip_blanks(text, start, end);
	size_t		last = end;		/* after the last non-blank */
	size_t		at;
	size_t		version_start;

	if (first == end)
		return VERS_OK;			/* "||" and outer pipes are ignored */
	while (is_blank(text[last - 1]))
		last--;

	if (text[first] == '*')
	{
		if (skip_blanks(text, first + 1, end) != end ||
			r->star || r->constraint_count > 0)
			return fail(p, VERS_ERR_STAR, first, last - first);
		r->star = true;
		return VERS_OK;
	}
	if (r->star)
		return fail(p, VERS_ERR_STAR, first, last - first);
	if (r->scheme == VERS_SCHEME_ALL || r->scheme == VERS_SCHEME_NONE)
		return fail(p, VERS_ERR_STAR_REQUIRED, first, last - first);
	if (r->constraint_count == VERS_MAX_CONSTRAINTS)
		return fail(p, VERS_ERR_TOO_MANY_CONSTRAINTS, first, last - first);

	c = &r->constraint[r->constraint_count];
	at = first;
	c->comparator = parse_comparator(text, &at, end);
	c->source_offset = first;
	c->source_length = last - first;
	c->version_offset = r->versions_used;
	version_start = skip_blanks(text, at, end);
	if (version_start == end)
		return fail(p, VERS_ERR_EMPTY_VERSION, first, last - first);

	for (at = version_start; at < end; at++)
	{
		char		ch = text[at];

		if (is_blank(ch))
			continue;
		if (ch == '*')
			return fail(p, VERS_ERR_STAR, first, last - first);
		if (ch == '<' || ch == '>' || ch == '=' || ch == '!')
			return fail(p, VERS_ERR_COMPARATOR, first, last - first);
		if (ch == '%')
		{
			size_t		high = skip_blanks(text, at + 1, end);
			size_t		low = high < end ? skip_blanks(text, high + 1, end) : end;

			if (low >= end || hex_value(text[high]) < 0 ||
				hex_value(text[low]) < 0)
				return fail(p, VERS_ERR_PERCENT, at,
							last - at < 3 ? last - at : 3);
			ch = (char) (hex_value(text[high]) * 16 + hex_value(text[low]));
			at = low;
		}
		if (r->versions_used == VERS_MAX_VERSION_BYTES)
			return fail(p, VERS_ERR_TOO_LONG, first, last - first);
		r->versions[r->versions_used++] = ch;
	}
	c->version_length = r->versions_used - c->version_offset;
	if (!vers_version_valid(r->scheme, r->versions + c->version_offset,
							c->version_length))
		return fail(p, VERS_ERR_INVALID_VERSION,
					version_start, last - version_start);
	r->constraint_count++;
	return VERS_OK;
}

/* Order of two constraints' versions; both were validated when parsed. */
static int
version_order(const vers_range *r, const vers_constraint *x,
			  const vers_constraint *y)
{
	return compare_valid(r->scheme,
						 r->versions + x->version_offset, x->version_length,
						 r->versions + y->version_offset, y->version_length);
}

/*
 * Total order: version, then comparator, then spelling, so that the
 * outcome does not depend on the input order.
 */
static int
constraint_order(const vers_range *r, const vers_constraint *x,
				 const vers_constraint *y)
{
	int			cmp = version_order(r, x, y);
	size_t		common;

	if (cmp != 0)
		return cmp;
	if (x->comparator != y->comparator)
		return x->comparator < y->comparator ? -1 : 1;
	common = x->version_length < y->version_length ?
		x->version_length : y->version_length;
	cmp = memcmp(r->versions + x->version_offset,
				 r->versions + y->version_offset, common);
	if (cmp != 0)
		return sign_of(cmp);
	return x->version_length == y->version_length ? 0 :
		(x->version_length < y->version_length ? -1 : 1);
}

static void
sort_constraints(vers_range *r)
{
	int			i;

	/* insertion sort: at most VERS_MAX_CONSTRAINTS, usually a handful */
	for (i = 1; i < r->constraint_count; i++)
	{
		vers_constraint moving = r->constraint[i];
		int			j = i;

		while (j > 0 && constraint_order(r, &r->constraint[j - 1], &moving) > 0)
		{
			r->constraint[j] = r->constraint[j - 1];
			j--;
		}
		r->constraint[j] = moving;
	}
}

/* Drop exact repeats; one version under two comparators is an error. */
static vers_status
remove_duplicates(vers_parser *p)
{
	vers_range *r = p->range;
	int			kept = 0;
	int			i;

	for (i = 0; i < r->constraint_count; i++)
	{
		const vers_constraint *c = &r->constraint[i];

		if (kept > 0 && version_order(r, &r->constraint[kept - 1], c) == 0)
		{
			const vers_constraint *prev = &r->constraint[kept - 1];

			if (prev->comparator == c->comparator)
				continue;
			/* blame whichever came later in the text */
			if (prev->source_offset > c->source_offset)
				return fail_pair(p, VERS_ERR_DUPLICATE_VERSION, prev, c);
			return fail_pair(p, VERS_ERR_DUPLICATE_VERSION, c, prev);
		}
		r->constraint[kept++] = *c;
	}
	r->constraint_count = kept;
	return VERS_OK;
}

static bool
is_upper_bound(vers_comparator cmp)
{
	return cmp == VERS_CMP_LT || cmp == VERS_CMP_LE;
}

static bool
is_lower_bound(vers_comparator cmp)
{
	return cmp == VERS_CMP_GT || cmp == VERS_CMP_GE;
}

/* The spec's rules for contiguous comparators of the sorted list. */
static vers_status
check_comparator_sequence(vers_parser *p)
{
	const vers_range *r = p->range;
	const vers_constraint *prev_not_ne = NULL;
	const vers_constraint *prev_bound = NULL;
	int			i;

	for (i = 0; i < r->constraint_count; i++)
	{
		const vers_constraint *c = &r->constraint[i];

		if (c->comparator == VERS_CMP_NE)
			continue;
		if (prev_not_ne != NULL && prev_not_ne->comparator == VERS_CMP_EQ &&
			c->comparator != VERS_CMP_EQ && !is_lower_bound(c->comparator))
		{
			p->err->rule = "ignoring !=, an = constraint may be followed "
				"only by =, > or >=";
			return fail_pair(p, VERS_ERR_COMPARATOR_SEQUENCE, c, prev_not_ne);
		}
		prev_not_ne = c;
		if (c->comparator == VERS_CMP_EQ)
			continue;
		if (prev_bound != NULL &&
			is_upper_bound(prev_bound->comparator) == is_upper_bound(c->comparator))
		{
			p->err->rule = is_upper_bound(c->comparator) ?
				"ignoring = and !=, a < or <= bound must be followed by > or >=" :
				"ignoring = and !=, a > or >= bound must be followed by < or <=";
			return fail_pair(p, VERS_ERR_COMPARATOR_SEQUENCE, c, prev_bound);
		}
		prev_bound = c;
	}
	return VERS_OK;
}

vers_status
vers_parse(const char *text, size_t len, vers_range *out, vers_error *err)
{
	vers_error	ignored;
	vers_parser p;
	vers_status status;
	size_t		pos = 0;
	size_t		constraints_start;
	size_t		piece_start;
	size_t		i;

	if (err == NULL)
		err = &ignored;
	memset(err, 0, sizeof(*err));
	p.text = text;
	p.len = len;
	p.range = out;
	p.err = err;
	out->star = false;
	out->constraint_count = 0;
	out->versions_used = 0;

	for (i = 0; i < len; i++)
	{
		unsigned char c = (unsigned char) text[i];

		if (!is_blank((char) c) && (c < 0x21 || c > 0x7e))
			return fail(&p, VERS_ERR_BAD_CHARACTER, i, 1);
	}
	if (skip_blanks(text, 0, len) == len)
		return fail(&p, VERS_ERR_EMPTY, 0, len);
	status = parse_prefix(&p, &pos);
	if (status == VERS_OK)
		status = parse_scheme(&p, &pos);
	if (status != VERS_OK)
		return status;

	constraints_start = pos;
	for (piece_start = pos; piece_start <= len;)
	{
		size_t		piece_end = piece_start;

		while (piece_end < len && text[piece_end] != '|')
			piece_end++;
		status = parse_constraint(&p, piece_start, piece_end);
		if (status != VERS_OK)
			return status;
		piece_start = piece_end + 1;
	}
	if (!out->star && out->constraint_count == 0)
		return fail(&p, VERS_ERR_NO_CONSTRAINTS, constraints_start,
					len - constraints_start);

	sort_constraints(out);
	status = remove_duplicates(&p);
	if (status == VERS_OK)
		status = check_comparator_sequence(&p);
	return status;
}

size_t
vers_format(const vers_range *range, char *buf, size_t size)
{
	text_sink	sink = {buf, size, 0};
	int			i;

	tsink_puts(&sink, "vers:");
	tsink_puts(&sink, scheme_names[range->scheme]);
	tsink_putc(&sink, '/');
	if (range->star)
		tsink_putc(&sink, '*');
	for (i = 0; i < range->constraint_count; i++)
	{
		const vers_constraint *c = &range->constraint[i];

		if (i > 0)
			tsink_putc(&sink, '|');
		tsink_puts(&sink, comparator_text[c->comparator]);
		tsink_putn(&sink, range->versions + c->version_offset,
				  c->version_length);
	}
	return tsink_finish(&sink);
}

vers_status
vers_normalize(const char *text, size_t len, char *buf, size_t size,
			   size_t *canonical_len, vers_error *err)
{
	vers_range	range;
	vers_status status = vers_parse(text, len, &range, err);

	if (status == VERS_OK)
		*canonical_len = vers_format(&range, buf, size);
	return status;
}

/* ---------------------------------------------------------------------
 * Containment
 * ---------------------------------------------------------------------
 */

size_t
vers_tested_version_start(vers_scheme scheme, const char *version, size_t len)
{
	if (scheme == VERS_SCHEME_INTDOT && len >= 2 &&
		(version[0] == 'V' || version[0] == 'v') && ascii_is_digit(version[1]))
		return 1;
	return 0;
}

vers_containment
vers_range_contains(const vers_range *range, const char *version, size_t len)
{
	bool		have_bound = false;
	bool		only_unequal = true;
	vers_comparator prev_bound = VERS_CMP_EQ;
	int			prev_order = 0;
	size_t		skip;
	int			i;

	/* the spec tests the star before choosing a comparison procedure */
	if (range->star)
		return range->scheme == VERS_SCHEME_NONE ? VERS_OUTSIDE : VERS_INSIDE;
	skip = vers_tested_version_start(range->scheme, version, len);
	version += skip;
	len -= skip;
	if (!vers_version_valid(range->scheme, version, len))
		return VERS_INCOMPARABLE;

	/*
	 * One pass over the sorted list does the spec's three steps: versions
	 * are unique, so at most one constraint equals the tested version, and
	 * every interval that could hold it ends at a constraint above it, i.e.
	 * after that equal constraint in the list.
	 */
	for (i = 0; i < range->constraint_count; i++)
	{
		const vers_constraint *c = &range->constraint[i];
		int			order = compare_valid(range->scheme, version, len,
										  range->versions + c->version_offset,
										  c->version_length);
		if (order == 0)
		{
			if (c->comparator == VERS_CMP_EQ || c->comparator == VERS_CMP_LE ||
				c->comparator == VERS_CMP_GE)
				return VERS_INSIDE;
			if (c->comparator == VERS_CMP_NE)
				return VERS_OUTSIDE;
		}
		if (c->comparator == VERS_CMP_NE)
			continue;
		only_unequal = false;
		if (c->comparator == VERS_CMP_EQ)
			continue;
		if (!have_bound)
		{
			/* below a leading upper bound (a lone bound is leading too) */
			if (is_upper_bound(c->comparator) && order < 0)
				return VERS_INSIDE;
		}
		else if (is_lower_bound(prev_bound) && is_upper_bound(c->comparator) &&
				 prev_order > 0 && order < 0)
			return VERS_INSIDE;
		have_bound = true;
		prev_bound = c->comparator;
		prev_order = order;
	}
	/* above a trailing lower bound (a lone bound is trailing too) */
	if (have_bound && is_lower_bound(prev_bound) && prev_order > 0)
		return VERS_INSIDE;
	/* nothing but exclusions: every version not excluded */
	if (only_unequal)
		return VERS_INSIDE;
	return VERS_OUTSIDE;
}

/* ---------------------------------------------------------------------
 * Equality and keys
 * ---------------------------------------------------------------------
 */

bool
vers_range_equal(const vers_range *a, const vers_range *b)
{
	int			i;

	if (a->scheme != b->scheme || a->star != b->star ||
		a->constraint_count != b->constraint_count)
		return false;
	for (i = 0; i < a->constraint_count; i++)
	{
		const vers_constraint *ca = &a->constraint[i];
		const vers_constraint *cb = &b->constraint[i];
		int			cmp = 1;

		if (ca->comparator != cb->comparator)
			return false;
		if (ca->version_length == cb->version_length &&
			memcmp(a->versions + ca->version_offset,
				   b->versions + cb->version_offset, ca->version_length) == 0)
			continue;
		cmp = compare_valid(a->scheme,
							a->versions + ca->version_offset, ca->version_length,
							b->versions + cb->version_offset, cb->version_length);
		if (cmp != 0)
			return false;
	}
	return true;
}

/* Where a comparator sorts among constraints on the same version. */
static int
comparator_rank(vers_comparator c)
{
	switch (c)
	{
		case VERS_CMP_LT:
			return 0;
		case VERS_CMP_LE:
			return 1;
		case VERS_CMP_EQ:
			return 2;
		case VERS_CMP_NE:
			return 3;
		case VERS_CMP_GE:
			return 4;
		case VERS_CMP_GT:
			return 5;
	}
	return 6;
}

int
vers_range_compare(const vers_range *a, const vers_range *b)
{
	int			cmp;
	int			i;

	if (a->scheme != b->scheme)
		return sign_of(strcmp(scheme_names[a->scheme], scheme_names[b->scheme]));
	if (a->star != b->star)
		return a->star ? -1 : 1;
	for (i = 0; i < a->constraint_count && i < b->constraint_count; i++)
	{
		const vers_constraint *ca = &a->constraint[i];
		const vers_constraint *cb = &b->constraint[i];

		cmp = compare_valid(a->scheme,
							a->versions + ca->version_offset, ca->version_length,
							b->versions + cb->version_offset, cb->version_length);
		if (cmp != 0)
			return sign_of(cmp);
		if (ca->comparator != cb->comparator)
			return comparator_rank(ca->comparator) < comparator_rank(cb->comparator) ?
				-1 : 1;
	}
	if (a->constraint_count != b->constraint_count)
		return a->constraint_count < b->constraint_count ? -1 : 1;
	return 0;
}

/* An intdot version without leading zeros and trailing zero segments. */
static void
sink_intdot_key(text_sink *sink, const char *v, size_t len)
{
	size_t		end = len;
	size_t		at = 0;
	bool		first = true;

	/* drop trailing segments that are all zeros, keeping the first one */
	for (;;)
	{
		size_t		dot = end;

		while (dot > 0 && v[dot - 1] != '.')
			dot--;
		if (dot == 0)
			break;
		if (!all_zeros(v + dot, end - dot))
			break;
		end = dot - 1;
	}
	while (at < end)
	{
		size_t		segment_end = at;

		while (segment_end < end && v[segment_end] != '.')
			segment_end++;
		if (!first)
			tsink_putc(sink, '.');
		first = false;
		while (at + 1 < segment_end && v[at] == '0')
			at++;
		tsink_putn(sink, v + at, segment_end - at);
		at = segment_end + 1;
	}
}

size_t
vers_format_key(const vers_range *range, char *buf, size_t size)
{
	text_sink	sink = {buf, size, 0};
	int			i;

	tsink_puts(&sink, "vers:");
	tsink_puts(&sink, scheme_names[range->scheme]);
	tsink_putc(&sink, '/');
	if (range->star)
		tsink_putc(&sink, '*');
	for (i = 0; i < range->constraint_count; i++)
	{
		const vers_constraint *c = &range->constraint[i];
		const char *v = range->versions + c->version_offset;
		size_t		n = c->version_length;

		if (i > 0)
			tsink_putc(&sink, '|');
		tsink_puts(&sink, comparator_text[c->comparator]);
		if (range->scheme == VERS_SCHEME_INTDOT)
			sink_intdot_key(&sink, v, n);
		else
		{
			const char *plus = memchr(v, '+', n);

			/* semver: build metadata has no part in precedence */
			tsink_putn(&sink, v, plus ? (size_t) (plus - v) : n);
		}
	}
	return tsink_finish(&sink);
}

vers_status
vers_contains(const char *range_text, size_t range_len,
			  const char *version, size_t version_len,
			  vers_containment *result, vers_error *err)
{
	vers_range	range;
	vers_status status = vers_parse(range_text, range_len, &range, err);

	if (status == VERS_OK)
		*result = vers_range_contains(&range, version, version_len);
	return status;
}

/* ---------------------------------------------------------------------
 * Error details
 * ---------------------------------------------------------------------
 */

size_t
vers_error_detail(const vers_error *err, const char *text, size_t len,
				  char *buf, size_t size)
{
	text_sink	sink = {buf, size, 0};
	const char *scheme = err->scheme_known ? vers_scheme_name(err->scheme) : NULL;

	switch (err->status)
	{
		case VERS_OK:
			tsink_puts(&sink, "no error");
			break;
		case VERS_ERR_EMPTY:
			tsink_puts(&sink, "empty input; expected e.g. "
					  "vers:semver/>=1.2.3|<2.0.0");
			break;
		case VERS_ERR_BAD_CHARACTER:
			tsink_puts(&sink, "byte ");
			tsink_quote(&sink, text, len, err->offset, err->length);
			tsink_puts(&sink, " at offset ");
			tsink_putu(&sink, (unsigned long) err->offset);
			tsink_puts(&sink, " is not allowed; a version range holds "
					  "printable ASCII only");
			break;
		case VERS_ERR_PREFIX:
			tsink_puts(&sink, "a version range must start with \"vers:\", found ");
			tsink_quote(&sink, text, len, err->offset, err->length);
			break;
		case VERS_ERR_SCHEME_SYNTAX:
			tsink_puts(&sink, "expected a versioning scheme (a letter, then "
					  "letters, digits, '.' or '-') and '/' after \"vers:\", "
					  "found ");
			tsink_quote(&sink, text, len, err->offset, err->length);
			break;
		case VERS_ERR_UNSUPPORTED_SCHEME:
			tsink_puts(&sink, "versioning scheme ");
			tsink_quote(&sink, text, len, err->offset, err->length);
			tsink_puts(&sink, " is not supported; supported: ");
			tsink_puts(&sink, vers_supported_schemes);
			break;
		case VERS_ERR_NO_CONSTRAINTS:
			tsink_puts(&sink, "no version constraint after the versioning scheme");
			break;
		case VERS_ERR_EMPTY_VERSION:
			tsink_puts(&sink, "constraint ");
			tsink_quote(&sink, text, len, err->offset, err->length);
			tsink_puts(&sink, " has no version");
			break;
		case VERS_ERR_PERCENT:
			tsink_puts(&sink, "invalid percent-encoding ");
			tsink_quote(&sink, text, len, err->offset, err->length);
			tsink_puts(&sink, "; '%' must be followed by two hex digits");
			break;
		case VERS_ERR_COMPARATOR:
			tsink_puts(&sink, "unknown comparator in ");
			tsink_quote(&sink, text, len, err->offset, err->length);
			tsink_puts(&sink, "; use =, !=, <, <=, > or >= (inside a version, "
					  "< > = ! must be percent-encoded)");
			break;
		case VERS_ERR_INVALID_VERSION:
			tsink_quote(&sink, text, len, err->offset, err->length);
			tsink_puts(&sink, " is not a valid ");
			tsink_puts(&sink, scheme ? scheme : "");
			if (err->scheme_known && err->scheme == VERS_SCHEME_SEMVER)
				tsink_puts(&sink, " version (SemVer 2.0.0: "
						  "MAJOR.MINOR.PATCH[-PRERELEASE][+BUILD])");
			else
				tsink_puts(&sink, " version (dot-separated non-negative "
						  "integers)");
			break;
		case VERS_ERR_STAR:
			tsink_puts(&sink, "\"*\" must be the only constraint, with no "
					  "version; found ");
			tsink_quote(&sink, text, len, err->offset, err->length);
			break;
		case VERS_ERR_STAR_REQUIRED:
			tsink_puts(&sink, "versioning scheme \"");
			tsink_puts(&sink, scheme ? scheme : "");
			tsink_puts(&sink, "\" takes only \"*\", found ");
			tsink_quote(&sink, text, len, err->offset, err->length);
			break;
		case VERS_ERR_DUPLICATE_VERSION:
			tsink_puts(&sink, "the same version appears in ");
			tsink_quote(&sink, text, len, err->related_offset, err->related_length);
			tsink_puts(&sink, " and ");
			tsink_quote(&sink, text, len, err->offset, err->length);
			tsink_puts(&sink, "; each version may occur in only one constraint");
			break;
		case VERS_ERR_COMPARATOR_SEQUENCE:
			tsink_puts(&sink, "sorted by version, ");
			tsink_quote(&sink, text, len, err->related_offset, err->related_length);
			tsink_puts(&sink, " is followed by ");
			tsink_quote(&sink, text, len, err->offset, err->length);
			tsink_puts(&sink, "; ");
			tsink_puts(&sink, err->rule ? err->rule : "invalid comparators");
			break;
		case VERS_ERR_TOO_MANY_CONSTRAINTS:
			tsink_puts(&sink, "more than ");
			tsink_putu(&sink, VERS_MAX_CONSTRAINTS);
			tsink_puts(&sink, " constraints");
			break;
		case VERS_ERR_TOO_LONG:
			tsink_puts(&sink, "versions total more than ");
			tsink_putu(&sink, VERS_MAX_VERSION_BYTES);
			tsink_puts(&sink, " bytes");
			break;
	}
	return tsink_finish(&sink);
}
