/*
 * cvss_core.h: CVSS v2.0, v3.0, v3.1 and v4.0 vectors, free of PostgreSQL.
 *
 * Parses a vector string, keeps it as metric value codes, prints it back in
 * canonical form, scores it and packs it into 16 bytes.  Plain C99, libc
 * only, no heap, no mutable globals.
 *
 * Text input
 *	v2.0	AV:N/AC:L/Au:N/C:P/I:P/A:P[/E:../RL:../RC:../CDP:../TD:../CR:../IR:../AR:..]
 *	v3.x	CVSS:3.0/... or CVSS:3.1/...  base AV AC PR UI S C I A; temporal
 *			E RL RC; environmental CR IR AR MAV MAC MPR MUI MS MC MI MA
 *	v4.0	CVSS:4.0/...  base AV AC AT PR UI VC VI VA SC SI SA; threat E;
 *			environmental CR IR AR MAV MAC MAT MPR MUI MVC MVI MVA MSC MSI MSA;
 *			supplemental S AU R V RE U
 * Metrics may come in any order, each at most once; base metrics are
 * mandatory.  An optional metric may be given as "not defined": ND in v2.0,
 * X otherwise.  Names and values are case-sensitive, as the specifications
 * write them.  ASCII whitespace (space, \t, \n, \v, \f, \r) before and after
 * the vector is ignored; anywhere else it is an error.
 *
 * Canonical text: the prefix (none for v2.0), then the defined metrics in
 * the specification's order; not-defined metrics are left out, so
 * ".../E:X" and "..." are the same value.
 *
 * Scores are integers in tenths, 0..100; CVSS_NOT_DEFINED where a score
 * does not exist.  Rounding follows each specification exactly: v2.0 round
 * half up (away from zero) in exact decimal arithmetic, AdjustedImpact not
 * rounded; v3.x Roundup in the v3.1 Appendix A integer form, for v3.0 too;
 * v4.0 the FIRST macrovector interpolation in exact rational arithmetic,
 * rounded half up.
 *
 * Packed form, CVSS_PACKED_SIZE = 16 bytes, one byte string per value (so
 * byte equality is value equality, and the bytes can be hashed):
 *	byte 0		layout, CVSS_PACKED_LAYOUT (1)
 *	byte 1		cvss_version (1..4)
 *	bytes 2..10	metric value codes in specification order, each in as few
 *				bits as its largest code needs, packed least significant bit
 *				first (bit i of the stream = bit i%8 of byte 2+i/8); bits
 *				past the last metric are zero (v2.0 uses 32 bits, v3.x 48,
 *				v4.0 69)
 *	byte 11		base score, tenths
 *	byte 12		temporal score, tenths, 255 = not defined
 *	byte 13		environmental score, tenths, 255 = not defined
 *	byte 14		overall score (cvss_score), tenths
 *	byte 15		zero
 * A value code is 0 for not defined, else 1 + the value's position in the
 * version's value list (see cvss_core.c).  cvss_unpack recomputes the
 * scores and rejects bytes whose stored scores differ.
 */
#ifndef CVSS_CORE_H
#define CVSS_CORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define CVSS_MAX_METRICS		32
#define CVSS_PACKED_SIZE		16
#define CVSS_PACKED_LAYOUT		1
/* longest canonical text (a v4.0 vector with every metric) is 178 bytes */
#define CVSS_TEXT_SIZE			192
/* enough for any cvss_error_detail text */
#define CVSS_ERROR_DETAIL_SIZE	256
/* offending bytes kept in cvss_error.text */
#define CVSS_ERROR_TEXT_MAX		32
#define CVSS_NOT_DEFINED		(-1)

typedef enum cvss_version
{
	CVSS_V2_0 = 1,
	CVSS_V3_0 = 2,
	CVSS_V3_1 = 3,
	CVSS_V4_0 = 4
} cvss_version;

typedef enum cvss_severity
{
	CVSS_SEVERITY_NONE,
	CVSS_SEVERITY_LOW,
	CVSS_SEVERITY_MEDIUM,
	CVSS_SEVERITY_HIGH,
	CVSS_SEVERITY_CRITICAL
} cvss_severity;

/*
 * A parsed vector with its scores.  Only bytes, so no padding: two vectors
 * are the same value exactly when memcmp says so.  Fill it only through
 * cvss_parse, cvss_unpack and cvss_set_requirements, which keep the scores
 * in step with the metrics.
 */
typedef struct cvss_vector
{
	uint8_t		version;		/* cvss_version */
	uint8_t		base_score;		/* tenths */
	uint8_t		temporal_score; /* tenths, 255 = not defined */
	uint8_t		environmental_score;	/* tenths, 255 = not defined */
	uint8_t		score;			/* tenths, what cvss_score returns */
	uint8_t		value[CVSS_MAX_METRICS];	/* value code per metric in
											 * specification order; 0 = not
											 * defined; unused slots 0 */
} cvss_vector;

typedef enum cvss_error_code
{
	CVSS_OK = 0,
	CVSS_ERR_EMPTY,				/* nothing but whitespace */
	CVSS_ERR_UNKNOWN_PREFIX,	/* "CVSS:<v>" with v not 3.0, 3.1 or 4.0 */
	CVSS_ERR_EMPTY_PART,		/* "//", or "/" at the start */
	CVSS_ERR_TRAILING_SLASH,	/* "/" at the end */
	CVSS_ERR_MALFORMED_PART,	/* a part without ':' */
	CVSS_ERR_UNKNOWN_METRIC,	/* not a metric of this version */
	CVSS_ERR_INVALID_VALUE,		/* not a value of that metric */
	CVSS_ERR_DUPLICATE_METRIC,
	CVSS_ERR_MISSING_METRIC,	/* a base metric absent (text or packed) */
	CVSS_ERR_PACKED_LAYOUT,		/* byte 0 is not a known layout */
	CVSS_ERR_PACKED_VERSION,	/* byte 1 is not a cvss_version */
	CVSS_ERR_PACKED_VALUE,		/* a value code out of range */
	CVSS_ERR_PACKED_PADDING,	/* unused bits or byte 15 not zero */
	CVSS_ERR_PACKED_SCORE		/* stored scores differ from the metrics' */
} cvss_error_code;

/*
 * Where and why something failed.  For text, offset/length delimit the
 * offending bytes of the input (length 0 when something is missing: then
 * offset is the end of the vector); for packed input, offset is the byte.
 */
typedef struct cvss_error
{
	cvss_error_code code;
	cvss_version version;		/* of the vector, 0 when not known yet */
	size_t		offset;
	size_t		length;
	const char *metric;			/* metric concerned, or NULL */
	char		text[CVSS_ERROR_TEXT_MAX + 1];	/* offending bytes (first
												 * CVSS_ERROR_TEXT_MAX),
												 * NUL-terminated */
} cvss_error;

/*
 * Parses length bytes of text (need not be NUL-terminated).  On error
 * returns its code, fills *err when err is not NULL and leaves *out zeroed.
 */
extern cvss_error_code cvss_parse(const char *text, size_t length,
								  cvss_vector *out, cvss_error *err);

/* Writes the canonical text with a NUL; returns its length. */
extern size_t cvss_format(const cvss_vector *vector,
						  char out[CVSS_TEXT_SIZE]);

extern void cvss_pack(const cvss_vector *vector,
					  uint8_t out[CVSS_PACKED_SIZE]);

/*
 * Checks the bytes as strictly as cvss_parse checks text, scores included;
 * on error returns its code (CVSS_ERR_PACKED_*, or CVSS_ERR_MISSING_METRIC
 * for a base metric coded as not defined) and leaves *out zeroed.
 */
extern cvss_error_code cvss_unpack(const uint8_t in[CVSS_PACKED_SIZE],
								   cvss_vector *out);

/*
 * Scores in tenths.  Temporal and environmental exist for v2.0 and v3.x
 * only, and only when the vector defines at least one metric of that group;
 * otherwise they are CVSS_NOT_DEFINED.  For v4.0, base is the CVSS-B score
 * (base metrics alone) and cvss_score the score of the whole vector (CVSS-B,
 * -BT, -BE or -BTE); for v2.0 and v3.x cvss_score is the environmental score
 * if defined, else the temporal score if defined, else the base score.
 */
extern int	cvss_base_score(const cvss_vector *vector);
extern int	cvss_temporal_score(const cvss_vector *vector);
extern int	cvss_environmental_score(const cvss_vector *vector);
extern int	cvss_score(const cvss_vector *vector);

/*
 * The score to rank by where a more severe metric must never lower the
 * result (patch priority): cvss_score, except where the official formula is
 * not monotone.
 *	v3.0	scored with the v3.1 formulas over the same metrics.  The v3.0
 *			environmental ModifiedImpact (scope changed, power 15, no
 *			0.9731) can fall by 0.1 when C/I/A, CR/IR/AR or MC/MI/MA rise;
 *			FIRST corrected it in v3.1.  Base and temporal scores are the
 *			same under both.
 *	v2.0	the environmental score with a negative AdjustedBaseScore
 *			counted as 0: with a low requirement (CR/IR/AR:L) and a small
 *			impact the official AdjustedBase goes negative, so raising an
 *			impact from N, or E/RL/RC, can lower the score by 0.1 or 0.2.
 *	v3.1, v4.0	cvss_score (monotone: checked exhaustively over base,
 *			base+temporal/threat and base+requirements, and by sampling
 *			with modified metrics).
 */
extern int	cvss_ranking_score(const cvss_vector *vector);

typedef enum cvss_score_kind
{
	CVSS_SCORE_BASE,
	CVSS_SCORE_TEMPORAL,
	CVSS_SCORE_ENVIRONMENTAL,
	CVSS_SCORE_OVERALL			/* cvss_score */
} cvss_score_kind;

/*
 * A score of a valid packed value (one cvss_unpack accepted, e.g. a stored
 * datum) read without unpacking it: same result as the functions above.
 */
extern int	cvss_packed_score(const uint8_t packed[CVSS_PACKED_SIZE],
							  cvss_score_kind kind);

/*
 * Qualitative rating of a score: v3.x and v4.0 none 0.0, low 0.1-3.9,
 * medium 4.0-6.9, high 7.0-8.9, critical 9.0-10.0; v2.0 low 0.0-3.9,
 * medium 4.0-6.9, high 7.0-10.0.  cvss_severity_of rates cvss_score.
 */
extern cvss_severity cvss_severity_for(cvss_version version, int score);
extern cvss_severity cvss_severity_of(const cvss_vector *vector);
extern const char *cvss_severity_name(cvss_severity severity);	/* "None".. */

extern cvss_version cvss_get_version(const cvss_vector *vector);
extern const char *cvss_version_name(cvss_version version); /* "2.0".. */

/*
 * Metric names of a version in specification order: index 0.. until NULL.
 */
extern const char *cvss_metric_name(cvss_version version, unsigned index);

/*
 * Sets *value to the metric's value text ("X", or "ND" in v2.0, when an
 * optional metric is not defined).  CVSS_ERR_UNKNOWN_METRIC when the name
 * (case-sensitive) is no metric of the vector's version.
 */
extern cvss_error_code cvss_metric_value(const cvss_vector *vector,
										 const char *name, size_t name_length,
										 const char **value);

/*
 * Sets the security requirements CR, IR and AR, each "L", "M", "H" or "X"
 * (v2.0 also takes "ND"; X means ND there), NUL-terminated; NULL leaves one
 * unchanged.  Recomputes the scores.  On error (CVSS_ERR_INVALID_VALUE)
 * nothing changes and *err, if given, names the metric and value.
 */
extern cvss_error_code cvss_set_requirements(cvss_vector *vector,
											 const char *cr, const char *ir,
											 const char *ar, cvss_error *err);

/*
 * Total order: by cvss_score, then by canonical text bytewise.  Returns <0,
 * 0 or >0; 0 exactly for the same value.
 */
extern int	cvss_compare(const cvss_vector *a, const cvss_vector *b);

/* One sentence per code, e.g. "invalid CVSS vector" (for errmsg). */
extern const char *cvss_error_message(cvss_error_code code);

/*
 * Writes a NUL-terminated detail such as: unknown metric "ZZ" in a CVSS 3.1
 * vector / invalid value "Q" for metric "AV" / missing mandatory metric "PR".
 * Bytes of the input outside printable ASCII are shown as \xNN.  Truncates
 * to size (CVSS_ERROR_DETAIL_SIZE always suffices); returns the length
 * written.
 */
extern size_t cvss_error_detail(const cvss_error *err, char *out, size_t size);

#endif							/* CVSS_CORE_H */
