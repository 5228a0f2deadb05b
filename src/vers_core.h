/*
 * vers_core.h: package-url version range specifiers ("vers"), free of
 * PostgreSQL.
 *
 * Follows VERSION-RANGE-SPEC.rst of package-url/purl-spec:
 *
 *		vers:<scheme>/<constraint>|<constraint>|...
 *
 * where a constraint is "*" (alone: every version) or an optional
 * comparator (=, !=, <, <=, >, >=; none means =) followed by a version.
 *
 * Supported schemes:
 *	all		takes the star only ("vers:all/" + "*"); contains every version.
 *	none	takes the star only ("vers:none/" + "*"); contains no version.
 *	intdot	versions are dot-separated non-negative integers ("1", "2.0.10");
 *			segments compare numerically as digit strings (any length, leading
 *			zeros ignored) and a missing segment counts as 0, so 1.2 = 1.2.0.
 *			Anything else ("2.9.4-beta", "1.2rc1") is no intdot version: the
 *			vers-spec type text says intdot versions "consist of ASCII digits
 *			only"; its draft tests would read up to the first other character
 *			(2.9.4-beta = 2.9.4), which would call a pre-release of a fixed
 *			version fixed, so such a tested version is incomparable instead.
 *	semver	SemVer 2.0.0 versions and precedence: prerelease sorts before its
 *			release, identifiers compare numerically or in ASCII order,
 *			build metadata is ignored.
 * Any other well-formed scheme name is VERS_ERR_UNSUPPORTED_SCHEME.
 *
 * Input leniency, as in the spec's parsing procedure: spaces and tabs are
 * ignored anywhere; leading, trailing and repeated '|' are ignored;
 * versions may be percent-encoded.  Decision: "vers:" and the scheme are
 * accepted in any case; the spec requires lowercase, so they are lowercased
 * on output.  Constraints may come in any order.  Other bytes outside
 * printable ASCII are rejected.
 *
 * Normalisation and validation (spec "Normalized, canonical representation
 * and validation"): constraints are sorted by version under the scheme.  A
 * constraint repeated with the same comparator and an equal version is
 * dropped (of differently spelled equal versions, e.g. intdot 1.0 and 1.00,
 * the bytewise smallest is kept); an equal version under two different
 * comparators is VERS_ERR_DUPLICATE_VERSION.  The comparator sequence rules
 * are then enforced (ignoring !=, "=" is followed only by =, >, >=;
 * ignoring = and !=, lower and upper bounds alternate); a range breaking
 * them is VERS_ERR_COMPARATOR_SEQUENCE.  "*" must be alone.
 *
 * Canonical text: "vers:" lowercase scheme "/" constraints joined by '|',
 * no spaces, "=" omitted, versions as decoded (intdot and semver versions
 * never need percent-encoding).  It is never longer than the input, so a
 * buffer of input length + 1 always holds it.  Version spellings are kept
 * as written, as numeric keeps its scale: vers:intdot/<1.0 and
 * vers:intdot/<1.00 print differently but are equal ranges
 * (vers_range_equal), and share one key (vers_format_key) for hashing.
 *
 * Containment follows the spec's algorithm ("Checking if a version is
 * contained within a range"): "*" contains every string, unchecked, as the
 * spec tests the star before choosing a comparison procedure; a version
 * equal to an =, <= or >= constraint is in; equal to a != constraint is
 * out; otherwise it is in when below a leading < / <= bound, above a
 * trailing > / >= bound, or strictly between a > / >= bound and the next
 * < / <= bound.  Two readings where the literal text is silent or self-
 * defeating (read literally, both ranges below would contain only their
 * own >= / <= version, or nothing):
 *  - a single bound ("vers:intdot/<9.90") is a first and last bound at
 *    once, although a list of one has no "pairwise" iteration (the
 *    reference implementation, univers, tests a lone bound by itself);
 *  - a range made only of != constraints contains every version except
 *    those ("!=" excludes a version from the range; with nothing else to
 *    exclude it from, the range is all versions, as gem's '!= 2.2.1' and
 *    univers for one != have it; univers answers false for two or more,
 *    an inconsistency we do not copy).  Beside = constraints alone, a !=
 *    changes nothing: the = versions are the range.
 * A tested version that is not valid under the range's scheme is
 * VERS_INCOMPARABLE, except under "*" and the schemes all and none.  One
 * leniency for tested versions only: under intdot, a single leading 'V' or
 * 'v' directly before a digit is skipped, so the ICS firmware spelling
 * "V2.9.4" compares as 2.9.4 (vers_tested_version_start).  Versions inside
 * a range are never lenient: "vers:intdot/<V2.9.4" is invalid.
 */
#ifndef VERS_CORE_H
#define VERS_CORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define VERS_MAX_CONSTRAINTS	256
#define VERS_MAX_VERSION_BYTES	8192
/* always enough for vers_error_detail text */
#define VERS_ERROR_DETAIL_SIZE 512

typedef enum vers_scheme
{
	VERS_SCHEME_ALL,
	VERS_SCHEME_NONE,
	VERS_SCHEME_INTDOT,
	VERS_SCHEME_SEMVER
} vers_scheme;

typedef enum vers_comparator
{
	VERS_CMP_EQ,
	VERS_CMP_NE,
	VERS_CMP_LT,
	VERS_CMP_LE,
	VERS_CMP_GT,
	VERS_CMP_GE
} vers_comparator;

typedef enum vers_status
{
	VERS_OK = 0,
	/* malformed range (SQLSTATE 22P02) */
	VERS_ERR_EMPTY,				/* nothing but spaces and tabs */
	VERS_ERR_BAD_CHARACTER,		/* byte outside printable ASCII */
	VERS_ERR_PREFIX,			/* does not start with "vers:" */
	VERS_ERR_SCHEME_SYNTAX,		/* scheme not [A-Za-z][A-Za-z0-9.-]* then '/' */
	VERS_ERR_NO_CONSTRAINTS,	/* nothing after the '/' */
	VERS_ERR_EMPTY_VERSION,		/* a comparator without a version */
	VERS_ERR_PERCENT,			/* '%' not followed by two hex digits */
	VERS_ERR_COMPARATOR,		/* unknown comparator, or one inside a version */
	VERS_ERR_INVALID_VERSION,	/* version not valid under the scheme */
	VERS_ERR_STAR,				/* '*' not alone, or followed by a version */
	VERS_ERR_STAR_REQUIRED,		/* schemes all and none take only '*' */
	VERS_ERR_DUPLICATE_VERSION, /* one version under two comparators */
	VERS_ERR_COMPARATOR_SEQUENCE,	/* sorted comparators break the rules */
	VERS_ERR_TOO_MANY_CONSTRAINTS,	/* more than VERS_MAX_CONSTRAINTS */
	VERS_ERR_TOO_LONG,			/* versions above VERS_MAX_VERSION_BYTES */
	/* well-formed but not implemented (SQLSTATE 0A000) */
	VERS_ERR_UNSUPPORTED_SCHEME
} vers_status;

typedef enum vers_containment
{
	VERS_OUTSIDE = 0,
	VERS_INSIDE = 1,
	VERS_INCOMPARABLE = 2		/* version not valid under the scheme */
} vers_containment;

typedef struct vers_constraint
{
	vers_comparator comparator;
	size_t		version_offset; /* decoded version in vers_range.versions */
	size_t		version_length;
	size_t		source_offset;	/* the constraint in the parsed text */
	size_t		source_length;
} vers_constraint;

/* A parsed, normalised range (about 18 kB; fine on the stack). */
typedef struct vers_range
{
	vers_scheme scheme;
	bool		star;			/* "*": no constraints follow */
	int			constraint_count;
	vers_constraint constraint[VERS_MAX_CONSTRAINTS];	/* sorted */
	size_t		versions_used;
	char		versions[VERS_MAX_VERSION_BYTES];
} vers_range;

/*
 * Where and why parsing failed.  offset/length delimit the offending bytes
 * of the input; related_* the other constraint involved in a
 * DUPLICATE_VERSION or COMPARATOR_SEQUENCE error.
 */
typedef struct vers_error
{
	vers_status status;
	size_t		offset;
	size_t		length;
	size_t		related_offset;
	size_t		related_length;
	bool		scheme_known;	/* scheme below is set */
	vers_scheme scheme;
	const char *rule;			/* COMPARATOR_SEQUENCE: the rule broken */
} vers_error;

/* Parse, validate and normalise text (not necessarily NUL-terminated). */
extern vers_status vers_parse(const char *text, size_t len,
							  vers_range *out, vers_error *err);

/*
 * Write the canonical text (NUL-terminated when size > 0); returns its length
 * like snprintf, so a result >= size means truncated.
 */
extern size_t vers_format(const vers_range *range, char *buf, size_t size);

/*
 * Parse text and write its canonical form to buf (size >= len + 1 always
 * suffices); *canonical_len receives the canonical length.
 */
extern vers_status vers_normalize(const char *text, size_t len,
								  char *buf, size_t size,
								  size_t *canonical_len, vers_error *err);

/*
 * Is version in range?  Taken literally (no decoding, no trimming), except
 * for the intdot 'V' prefix of vers_tested_version_start.
 */
extern vers_containment vers_range_contains(const vers_range *range,
											const char *version, size_t len);

/* Parse range_text, then vers_range_contains; *result is set on VERS_OK. */
extern vers_status vers_contains(const char *range_text, size_t range_len,
								 const char *version, size_t version_len,
								 vers_containment *result, vers_error *err);

/*
 * Scheme by name, case-insensitive: VERS_OK, VERS_ERR_SCHEME_SYNTAX or
 * VERS_ERR_UNSUPPORTED_SCHEME.
 */
extern vers_status vers_scheme_lookup(const char *name, size_t len,
									  vers_scheme *scheme);
/* Lowercase canonical name, NULL for an unknown value. */
extern const char *vers_scheme_name(vers_scheme scheme);

/* The supported schemes for messages: "all, none, intdot, semver". */
extern const char *const vers_supported_schemes;

/*
 * Where the comparable part of a tested version starts: 1 under intdot when
 * it is 'V' or 'v' followed by a digit ("V2.9.4"), else 0.
 */
extern size_t vers_tested_version_start(vers_scheme scheme,
										const char *version, size_t len);

/* Is version a valid version of the scheme (all and none: any string)? */
extern bool vers_version_valid(vers_scheme scheme,
							   const char *version, size_t len);

/*
 * Compare two versions under scheme: *result < 0, 0 or > 0.  False, with
 * *result untouched, when either is invalid or the scheme has no order
 * (all, none): the caller's "incomparable".
 */
extern bool vers_version_compare(vers_scheme scheme,
								 const char *a, size_t a_len,
								 const char *b, size_t b_len, int *result);

/*
 * Same scheme, same star, and constraint by constraint the same comparator
 * with versions equal under the scheme (so vers:intdot/<1.0 equals
 * vers:intdot/<1.00, and vers:semver/1.0.0+a equals vers:semver/1.0.0+b).
 */
extern bool vers_range_equal(const vers_range *a, const vers_range *b);

/*
 * A total order consistent with vers_range_equal, for sorting and btree
 * indexes (as PostgreSQL orders its range types by their lower bounds): by
 * scheme name, then "*" first, then constraint by constraint by version
 * under the scheme and then comparator (< <= = != >= >), then the shorter
 * list first.  Returns <0, 0 or >0.  It says nothing about containment.
 */
extern int	vers_range_compare(const vers_range *a, const vers_range *b);

/*
 * A text two ranges share exactly when vers_range_equal holds: the
 * canonical text with each version in its normal form (intdot: leading
 * zeros and trailing zero segments dropped, "1.00.0" -> "1"; semver: build
 * metadata dropped).  Never longer than the canonical text; snprintf
 * convention.
 */
extern size_t vers_format_key(const vers_range *range, char *buf, size_t size);

/* Explanation of err for errdetail, quoting the text; snprintf convention. */
extern size_t vers_error_detail(const vers_error *err,
								const char *text, size_t len,
								char *buf, size_t size);

#endif							/* VERS_CORE_H */
