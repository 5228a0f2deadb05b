/*
 * risk_matrix_core.h: risk matrix grids, free of PostgreSQL.
 *
 * A grid has N likelihood rows (1..N) and M consequence columns (1..M),
 * 1 <= N, M <= 10.  Each cell holds a level (low, medium, high, critical)
 * and a non-negative score with at most two decimals, kept as an integer
 * number of hundredths (0 .. 999999.99).
 *
 * Text form: rows in likelihood order 1..N, each row's cells in consequence
 * order 1..M, as level:score; cells separated by ',', rows by ';', each row
 * and the whole grid in braces:
 *
 *		{{low:1,low:2,medium:3};{low:2,medium:4,high:6};{medium:3,high:6,critical:9}}
 *
 * Input tolerates ASCII whitespace around every token; level names are
 * case-insensitive; a score is digits with an optional '.' and one or two
 * digits ("3", "3.5", "3.25"; not "3.", ".5", "-1", "1e3", "3.125").
 * Output is canonical: no spaces, lowercase levels, scores without trailing
 * fractional zeros ("3.50" prints as "3.5", "3.00" as "3"), so output
 * parses back to the identical grid and prints identically again.
 *
 * Monotonicity (levels and scores not decreasing with likelihood or
 * consequence) is deliberately NOT checked: organisations use asymmetric
 * matrices, and the rule belongs in a CHECK constraint if wanted.
 *
 * Packed binary form (what a varlena would store), all integers little-endian:
 *		byte 0		format version, RISKM_PACK_VERSION
 *		byte 1		N (rows, likelihoods)
 *		byte 2		M (columns, consequences)
 *		then N*M 4-byte cells, row-major: bits 0..29 score in hundredths,
 *		bits 30..31 level.
 * Unpack accepts exactly 3 + 4*N*M bytes with every field in range, so each
 * grid has exactly one packed form.
 */
#ifndef RISK_MATRIX_CORE_H
#define RISK_MATRIX_CORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define RISKM_MAX_DIM		10
#define RISKM_SCORE_MAX		99999999u	/* hundredths: 999999.99 */
#define RISKM_PACK_VERSION	1
#define RISKM_PACKED_HEADER 3
#define RISKM_PACKED_MAX	(RISKM_PACKED_HEADER + 4 * RISKM_MAX_DIM * RISKM_MAX_DIM)
/* longest canonical text, "critical:999999.99" in every cell, plus NUL */
#define RISKM_TEXT_SIZE \
	(2 + RISKM_MAX_DIM * (2 + RISKM_MAX_DIM * 19) + RISKM_MAX_DIM + 1)
/* longest score text, "999999.99", plus NUL */
#define RISKM_SCORE_TEXT_SIZE 10
/* always enough for riskm_error_detail text */
#define RISKM_ERROR_DETAIL_SIZE 512

typedef enum riskm_level
{
	RISKM_LOW = 0,
	RISKM_MEDIUM = 1,
	RISKM_HIGH = 2,
	RISKM_CRITICAL = 3
} riskm_level;

typedef struct riskm_cell
{
	riskm_level level;
	uint32_t	score;			/* hundredths */
} riskm_cell;

typedef struct riskm_matrix
{
	int			rows;			/* likelihoods, 1..10 */
	int			cols;			/* consequences, 1..10 */
	riskm_cell	cell[RISKM_MAX_DIM][RISKM_MAX_DIM]; /* [likelihood-1][consequence-1] */
} riskm_matrix;

typedef enum riskm_status
{
	RISKM_OK = 0,
	RISKM_ERR_EMPTY,			/* no input, no rows, or a row without cells */
	RISKM_ERR_SYNTAX,			/* a token other than the one expected */
	RISKM_ERR_UNKNOWN_LEVEL,	/* not low/medium/high/critical */
	RISKM_ERR_NEGATIVE_SCORE,
	RISKM_ERR_BAD_SCORE,		/* not digits[.d[d]] */
	RISKM_ERR_SCORE_RANGE,		/* above 999999.99 */
	RISKM_ERR_RAGGED,			/* a row whose cell count differs from row 1 */
	RISKM_ERR_TOO_MANY_ROWS,
	RISKM_ERR_TOO_MANY_COLS,
	RISKM_ERR_TRAILING,			/* characters after the closing brace */
	RISKM_ERR_BAD_PACKED,		/* unpack: not a valid packed grid */
	RISKM_ERR_OUT_OF_GRID		/* lookup: coordinates outside the grid */
} riskm_status;

/*
 * Where and why parsing or lookup failed.  offset/length delimit the
 * offending bytes of the parsed text (0/0 for lookup and unpack).
 */
typedef struct riskm_error
{
	riskm_status status;
	size_t		offset;
	size_t		length;
	int			row;			/* 1-based likelihood concerned, 0 if none */
	int			col;			/* 1-based consequence concerned, 0 if none */
	int			expected_cols;	/* RAGGED: cells in row 1 */
	int			found_cols;		/* RAGGED: cells in the offending row */
	int			grid_rows;		/* OUT_OF_GRID: the grid's size */
	int			grid_cols;
	const char *expected;		/* SYNTAX: what the parser wanted there */
} riskm_error;

/* Parse text (not necessarily NUL-terminated). */
extern riskm_status riskm_parse(const char *text, size_t len,
								riskm_matrix *out, riskm_error *err);

/*
 * Write the canonical text (NUL-terminated when size > 0); returns its length
 * like snprintf, so a result >= size means truncated.  RISKM_TEXT_SIZE
 * always suffices.
 */
extern size_t riskm_format(const riskm_matrix *m, char *buf, size_t size);

/* A score in hundredths as canonical decimal text; same return convention. */
extern size_t riskm_format_score(uint32_t score, char *buf, size_t size);

/* Explanation of err for errdetail, quoting the text; same convention. */
extern size_t riskm_error_detail(const riskm_error *err,
								 const char *text, size_t len,
								 char *buf, size_t size);

/* Packed size of m: 3 + 4*rows*cols. */
extern size_t riskm_packed_size(const riskm_matrix *m);
/* Writes riskm_packed_size(m) bytes if they fit in size; returns that size. */
extern size_t riskm_pack(const riskm_matrix *m, uint8_t *buf, size_t size);
extern riskm_status riskm_unpack(const uint8_t *buf, size_t len,
								 riskm_matrix *out);
/* riskm_unpack that, on failure, writes which part is wrong into problem (if not NULL). */
extern riskm_status riskm_unpack_explain(const uint8_t *buf, size_t len,
										 riskm_matrix *out, char *problem, size_t size);

/*
 * Level and score at (likelihood, consequence), both 1-based.
 * RISKM_ERR_OUT_OF_GRID (err filled in, may be NULL) outside the grid.
 */
extern riskm_status riskm_lookup(const riskm_matrix *m,
								 int32_t likelihood, int32_t consequence,
								 riskm_level *level, uint32_t *score,
								 riskm_error *err);

/* "low", "medium", "high", "critical"; NULL for anything else. */
extern const char *riskm_level_name(riskm_level level);

/* Same size and same cells. */
extern bool riskm_equal(const riskm_matrix *a, const riskm_matrix *b);

#endif							/* RISK_MATRIX_CORE_H */
