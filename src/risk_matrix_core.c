/*
 * risk_matrix_core.c: risk matrix grids (see risk_matrix_core.h).
 * libc only; no allocation, no mutable state.
 */
#include "risk_matrix_core.h"
#include "ascii.h"
#include "text_sink.h"

#include <string.h>

#define RISKM_LEVEL_COUNT	4
#define RISKM_SCORE_BITS	30
#define RISKM_SCORE_MASK	((1u << RISKM_SCORE_BITS) - 1u)

static const char *const level_names[RISKM_LEVEL_COUNT] = {
	"low", "medium", "high", "critical"
};

/* Characters that end a score token: the grid's punctuation and spaces. */
static bool
ends_score(char c)
{
	return ascii_is_space(c) || c == ',' || c == ';' || c == '{' || c == '}' ||
		c == ':';
}

typedef struct riskm_parser
{
	const char *text;
	size_t		len;
	size_t		pos;
	riskm_error *err;
} riskm_parser;

static riskm_status
fail(riskm_parser *p, riskm_status status, size_t offset, size_t length)
{
	p->err->status = status;
	p->err->offset = offset;
	p->err->length = length;
	return status;
}

static riskm_status
fail_syntax(riskm_parser *p, const char *expected)
{
	p->err->expected = expected;
	return fail(p, RISKM_ERR_SYNTAX, p->pos, p->pos < p->len ? 1 : 0);
}

static void
skip_space(riskm_parser *p)
{
	while (p->pos < p->len && ascii_is_space(p->text[p->pos]))
		p->pos++;
}

/* The next byte, or NUL at end of input (NUL itself is never valid). */
static char
peek(const riskm_parser *p)
{
	return p->pos < p->len ? p->text[p->pos] : '\0';
}

static riskm_status
parse_level(riskm_parser *p, riskm_level *level)
{
	size_t		start = p->pos;
	size_t		n;
	int			i;

	if (!ascii_is_alpha(peek(p)))
		return fail_syntax(p, "a level (low, medium, high, critical)");
	while (ascii_is_alpha(peek(p)))
		p->pos++;
	n = p->pos - start;
	for (i = 0; i < RISKM_LEVEL_COUNT; i++)
	{
		size_t		j;

		if (strlen(level_names[i]) != n)
			continue;
		for (j = 0; j < n; j++)
			if (ascii_to_lower(p->text[start + j]) != level_names[i][j])
				break;
		if (j == n)
		{
			*level = (riskm_level) i;
			return RISKM_OK;
		}
	}
	return fail(p, RISKM_ERR_UNKNOWN_LEVEL, start, n);
}

/* digits ['.' digit [digit]] into hundredths; the whole token must match. */
static riskm_status
parse_score(riskm_parser *p, uint32_t *score)
{
	size_t		start = p->pos;
	size_t		end = p->pos;
	size_t		i;
	uint32_t	whole = 0;
	uint32_t	fraction = 0;
	int			fraction_digits = 0;

	while (end < p->len && !ends_score(p->text[end]))
		end++;
	if (end == start)
		return fail_syntax(p, "a score");
	p->pos = end;
	if (p->text[start] == '-' && end - start > 1 && ascii_is_digit(p->text[start + 1]))
		return fail(p, RISKM_ERR_NEGATIVE_SCORE, start, end - start);

	for (i = start; i < end && ascii_is_digit(p->text[i]); i++)
	{
		/* saturate: anything past the limit is reported as such */
		if (whole <= RISKM_SCORE_MAX / 100)
			whole = whole * 10 + (uint32_t) (p->text[i] - '0');
	}
	if (i == start)
		return fail(p, RISKM_ERR_BAD_SCORE, start, end - start);
	if (i < end && p->text[i] == '.')
	{
		for (i++; i < end && ascii_is_digit(p->text[i]) && fraction_digits < 3; i++)
		{
			fraction = fraction * 10 + (uint32_t) (p->text[i] - '0');
			fraction_digits++;
		}
		if (fraction_digits == 0 || fraction_digits > 2)
			return fail(p, RISKM_ERR_BAD_SCORE, start, end - start);
		if (fraction_digits == 1)
			fraction *= 10;
	}
	if (i < end)
		return fail(p, RISKM_ERR_BAD_SCORE, start, end - start);
	if (whole > RISKM_SCORE_MAX / 100)
		return fail(p, RISKM_ERR_SCORE_RANGE, start, end - start);
	*score = whole * 100 + fraction;
	return RISKM_OK;
}

/* One "{level:score,...}" row into m->cell[row]; returns its cell count. */
static riskm_status
parse_row(riskm_parser *p, riskm_matrix *m, int row, int *count)
{
	int			col = 0;

	/* caller saw the '{' */
	p->pos++;
	p->err->row = row + 1;
	p->err->col = 0;
	skip_space(p);
	if (peek(p) == '}')
		return fail(p, RISKM_ERR_EMPTY, p->pos, 1);
	for (;;)
	{
		riskm_cell *cell;
		riskm_status status;

		p->err->col = col + 1;
		if (col == RISKM_MAX_DIM)
			return fail(p, RISKM_ERR_TOO_MANY_COLS, p->pos, p->pos < p->len);
		cell = &m->cell[row][col];
		status = parse_level(p, &cell->level);
		if (status != RISKM_OK)
			return status;
		skip_space(p);
		if (peek(p) != ':')
			return fail_syntax(p, "':'");
		p->pos++;
		skip_space(p);
		status = parse_score(p, &cell->score);
		if (status != RISKM_OK)
			return status;
		col++;
		skip_space(p);
		if (peek(p) == ',')
		{
			p->pos++;
			skip_space(p);
			continue;
		}
		if (peek(p) != '}')
			return fail_syntax(p, "',' or '}'");
		p->pos++;
		*count = col;
		return RISKM_OK;
	}
}

riskm_status
riskm_parse(const char *text, size_t len, riskm_matrix *out, riskm_error *err)
{
	riskm_error ignored;
	riskm_parser p;
	riskm_matrix m;

	if (err == NULL)
		err = &ignored;
	memset(err, 0, sizeof(*err));
	memset(&m, 0, sizeof(m));
	p.text = text;
	p.len = len;
	p.pos = 0;
	p.err = err;

	skip_space(&p);
	if (p.pos == len)
		return fail(&p, RISKM_ERR_EMPTY, 0, len);
	if (peek(&p) != '{')
		return fail_syntax(&p, "'{' to open the grid");
	p.pos++;
	skip_space(&p);
	if (peek(&p) == '}')
		return fail(&p, RISKM_ERR_EMPTY, p.pos, 1);
	for (;;)
	{
		size_t		row_start = p.pos;
		int			count = 0;
		riskm_status status;

		if (m.rows == RISKM_MAX_DIM)
		{
			err->row = m.rows + 1;
			return fail(&p, RISKM_ERR_TOO_MANY_ROWS, p.pos, p.pos < len);
		}
		if (peek(&p) != '{')
			return fail_syntax(&p, "'{' to open a row");
		status = parse_row(&p, &m, m.rows, &count);
		if (status != RISKM_OK)
			return status;
		err->row = 0;
		err->col = 0;
		if (m.rows == 0)
			m.cols = count;
		else if (count != m.cols)
		{
			err->row = m.rows + 1;
			err->expected_cols = m.cols;
			err->found_cols = count;
			return fail(&p, RISKM_ERR_RAGGED, row_start, p.pos - row_start);
		}
		m.rows++;
		skip_space(&p);
		if (peek(&p) == ';')
		{
			p.pos++;
			skip_space(&p);
			continue;
		}
		if (peek(&p) != '}')
			return fail_syntax(&p, "';' between rows or '}'");
		p.pos++;
		break;
	}
	skip_space(&p);
	if (p.pos < len)
		return fail(&p, RISKM_ERR_TRAILING, p.pos, len - p.pos);
	*out = m;
	return RISKM_OK;
}

static void
put_score(text_sink *sink, uint32_t score)
{
	uint32_t	fraction = score % 100;

	tsink_putu(sink, score / 100);
	if (fraction == 0)
		return;
	tsink_putc(sink, '.');
	tsink_putc(sink, (char) ('0' + fraction / 10));
	if (fraction % 10 != 0)
		tsink_putc(sink, (char) ('0' + fraction % 10));
}

size_t
riskm_format_score(uint32_t score, char *buf, size_t size)
{
	text_sink	sink = {buf, size, 0};

	put_score(&sink, score);
	return tsink_finish(&sink);
}

size_t
riskm_format(const riskm_matrix *m, char *buf, size_t size)
{
	text_sink	sink = {buf, size, 0};
	int			row;
	int			col;

	tsink_putc(&sink, '{');
	for (row = 0; row < m->rows; row++)
	{
		if (row > 0)
			tsink_putc(&sink, ';');
		tsink_putc(&sink, '{');
		for (col = 0; col < m->cols; col++)
		{
			const riskm_cell *cell = &m->cell[row][col];

			if (col > 0)
				tsink_putc(&sink, ',');
			tsink_puts(&sink, level_names[cell->level]);
			tsink_putc(&sink, ':');
			put_score(&sink, cell->score);
		}
		tsink_putc(&sink, '}');
	}
	tsink_putc(&sink, '}');
	return tsink_finish(&sink);
}

/* "likelihood 2, consequence 3: " when the error names a cell. */
static void
put_location(text_sink *sink, const riskm_error *err)
{
	if (err->row <= 0)
		return;
	tsink_puts(sink, "likelihood ");
	tsink_puti(sink, err->row);
	if (err->col > 0)
	{
		tsink_puts(sink, ", consequence ");
		tsink_puti(sink, err->col);
	}
	tsink_puts(sink, ": ");
}

size_t
riskm_error_detail(const riskm_error *err, const char *text, size_t len,
				   char *buf, size_t size)
{
	text_sink	sink = {buf, size, 0};
	bool		likelihood_out;
	bool		consequence_out;

	switch (err->status)
	{
		case RISKM_OK:
			tsink_puts(&sink, "no error");
			break;
		case RISKM_ERR_EMPTY:
			if (err->row > 0)
			{
				put_location(&sink, err);
				tsink_puts(&sink, "a row needs at least one cell");
			}
			else if (err->length == 1 && err->offset < len &&
					 text[err->offset] == '}')
				tsink_puts(&sink, "the grid has no rows");
			else
				tsink_puts(&sink, "empty input; expected e.g. "
						  "{{low:1,medium:2};{medium:2,high:4}}");
			break;
		case RISKM_ERR_SYNTAX:
			put_location(&sink, err);
			tsink_puts(&sink, "expected ");
			tsink_puts(&sink, err->expected ? err->expected : "a grid");
			tsink_puts(&sink, " at byte ");
			tsink_putu(&sink, (unsigned long) err->offset);
			tsink_puts(&sink, ", found ");
			if (err->length == 0)
				tsink_puts(&sink, "end of input");
			else
				tsink_quote(&sink, text, len, err->offset, err->length);
			break;
		case RISKM_ERR_UNKNOWN_LEVEL:
			put_location(&sink, err);
			tsink_puts(&sink, "unknown level ");
			tsink_quote(&sink, text, len, err->offset, err->length);
			tsink_puts(&sink, "; expected low, medium, high or critical");
			break;
		case RISKM_ERR_NEGATIVE_SCORE:
			put_location(&sink, err);
			tsink_puts(&sink, "score ");
			tsink_quote(&sink, text, len, err->offset, err->length);
			tsink_puts(&sink, " is negative");
			break;
		case RISKM_ERR_BAD_SCORE:
			put_location(&sink, err);
			tsink_puts(&sink, "score ");
			tsink_quote(&sink, text, len, err->offset, err->length);
			tsink_puts(&sink, " is not a number with at most two decimals");
			break;
		case RISKM_ERR_SCORE_RANGE:
			put_location(&sink, err);
			tsink_puts(&sink, "score ");
			tsink_quote(&sink, text, len, err->offset, err->length);
			tsink_puts(&sink, " exceeds 999999.99");
			break;
		case RISKM_ERR_RAGGED:
			tsink_puts(&sink, "row ");
			tsink_puti(&sink, err->row);
			tsink_puts(&sink, " (likelihood ");
			tsink_puti(&sink, err->row);
			tsink_puts(&sink, ") has ");
			tsink_puti(&sink, err->found_cols);
			tsink_puts(&sink, err->found_cols == 1 ? " cell" : " cells");
			tsink_puts(&sink, " but row 1 has ");
			tsink_puti(&sink, err->expected_cols);
			tsink_puts(&sink, "; every row needs one cell per consequence");
			break;
		case RISKM_ERR_TOO_MANY_ROWS:
			tsink_puts(&sink, "more than 10 likelihood rows");
			break;
		case RISKM_ERR_TOO_MANY_COLS:
			tsink_puts(&sink, "row ");
			tsink_puti(&sink, err->row);
			tsink_puts(&sink, " has more than 10 cells (consequences)");
			break;
		case RISKM_ERR_TRAILING:
			tsink_puts(&sink, "unexpected ");
			tsink_quote(&sink, text, len, err->offset, err->length);
			tsink_puts(&sink, " after the closing brace of the grid");
			break;
		case RISKM_ERR_BAD_PACKED:
			tsink_puts(&sink, "packed value is not a valid risk matrix");
			break;
		case RISKM_ERR_OUT_OF_GRID:
			likelihood_out = err->row < 1 || err->row > err->grid_rows;
			consequence_out = err->col < 1 || err->col > err->grid_cols;
			if (likelihood_out)
			{
				tsink_puts(&sink, "likelihood ");
				tsink_puti(&sink, err->row);
				tsink_puts(&sink, " is outside 1..");
				tsink_puti(&sink, err->grid_rows);
			}
			if (likelihood_out && consequence_out)
				tsink_puts(&sink, " and ");
			if (consequence_out)
			{
				tsink_puts(&sink, "consequence ");
				tsink_puti(&sink, err->col);
				tsink_puts(&sink, " is outside 1..");
				tsink_puti(&sink, err->grid_cols);
			}
			break;
	}
	return tsink_finish(&sink);
}

size_t
riskm_packed_size(const riskm_matrix *m)
{
	return RISKM_PACKED_HEADER + 4 * (size_t) m->rows * (size_t) m->cols;
}

size_t
riskm_pack(const riskm_matrix *m, uint8_t *buf, size_t size)
{
	size_t		needed = riskm_packed_size(m);
	size_t		at = RISKM_PACKED_HEADER;
	int			row;
	int			col;

	if (size < needed)
		return needed;
	buf[0] = RISKM_PACK_VERSION;
	buf[1] = (uint8_t) m->rows;
	buf[2] = (uint8_t) m->cols;
	for (row = 0; row < m->rows; row++)
		for (col = 0; col < m->cols; col++)
		{
			const riskm_cell *cell = &m->cell[row][col];
			uint32_t	word = (cell->score & RISKM_SCORE_MASK) |
				((uint32_t) cell->level << RISKM_SCORE_BITS);

			buf[at++] = (uint8_t) word;
			buf[at++] = (uint8_t) (word >> 8);
			buf[at++] = (uint8_t) (word >> 16);
			buf[at++] = (uint8_t) (word >> 24);
		}
	return needed;
}

/* Writes "<before><a><mid><b><after>" into problem (when given) for riskm_unpack_explain. */
static riskm_status
packed_problem(char *problem, size_t size, const char *before, long a, const char *mid, long b,
			   const char *after)
{
	if (problem != NULL && size > 0)
	{
		text_sink	sink = {problem, size, 0};

		tsink_puts(&sink, before);
		tsink_puti(&sink, a);
		tsink_puts(&sink, mid);
		tsink_puti(&sink, b);
		tsink_puts(&sink, after);
		tsink_finish(&sink);
	}
	return RISKM_ERR_BAD_PACKED;
}

/*
 * Unpacks and checks the packed form; on failure, when problem is given, says which part is wrong
 * (for the binary input's errdetail).
 */
riskm_status
riskm_unpack_explain(const uint8_t *buf, size_t len, riskm_matrix *out, char *problem, size_t size)
{
	riskm_matrix m;
	size_t		at = RISKM_PACKED_HEADER;
	int			row;
	int			col;

	if (len < RISKM_PACKED_HEADER)
		return packed_problem(problem, size, "", (long) len, " bytes, shorter than the header of ",
							  RISKM_PACKED_HEADER, "");
	if (buf[0] != RISKM_PACK_VERSION)
		return packed_problem(problem, size, "layout version ", buf[0], ", expected ", RISKM_PACK_VERSION, "");
	if (buf[1] < 1 || buf[1] > RISKM_MAX_DIM)
		return packed_problem(problem, size, "", buf[1], " likelihoods, expected 1 to ", RISKM_MAX_DIM, "");
	if (buf[2] < 1 || buf[2] > RISKM_MAX_DIM)
		return packed_problem(problem, size, "", buf[2], " consequences, expected 1 to ", RISKM_MAX_DIM, "");
	memset(&m, 0, sizeof(m));
	m.rows = buf[1];
	m.cols = buf[2];
	if (len != riskm_packed_size(&m))
		return packed_problem(problem, size, "", (long) len, " bytes, expected ", (long) riskm_packed_size(&m),
							  " for the grid (4 bytes a cell)");
	for (row = 0; row < m.rows; row++)
		for (col = 0; col < m.cols; col++)
		{
			uint32_t	word = (uint32_t) buf[at] |
				((uint32_t) buf[at + 1] << 8) |
				((uint32_t) buf[at + 2] << 16) |
				((uint32_t) buf[at + 3] << 24);

			at += 4;
			if ((word & RISKM_SCORE_MASK) > RISKM_SCORE_MAX)
				return packed_problem(problem, size, "cell (", row + 1, ",", col + 1, ") has a score above 999999.99");
			m.cell[row][col].score = word & RISKM_SCORE_MASK;
			m.cell[row][col].level = (riskm_level) (word >> RISKM_SCORE_BITS);
		}
	*out = m;
	return RISKM_OK;
}

riskm_status
riskm_unpack(const uint8_t *buf, size_t len, riskm_matrix *out)
{
	return riskm_unpack_explain(buf, len, out, NULL, 0);
}

riskm_status
riskm_lookup(const riskm_matrix *m, int32_t likelihood, int32_t consequence,
			 riskm_level *level, uint32_t *score, riskm_error *err)
{
	if (likelihood < 1 || likelihood > m->rows ||
		consequence < 1 || consequence > m->cols)
	{
		if (err != NULL)
		{
			memset(err, 0, sizeof(*err));
			err->status = RISKM_ERR_OUT_OF_GRID;
			err->row = likelihood;
			err->col = consequence;
			err->grid_rows = m->rows;
			err->grid_cols = m->cols;
		}
		return RISKM_ERR_OUT_OF_GRID;
	}
	*level = m->cell[likelihood - 1][consequence - 1].level;
	*score = m->cell[likelihood - 1][consequence - 1].score;
	return RISKM_OK;
}

const char *
riskm_level_name(riskm_level level)
{
	if ((int) level < 0 || (int) level >= RISKM_LEVEL_COUNT)
		return NULL;
	return level_names[level];
}

bool
riskm_equal(const riskm_matrix *a, const riskm_matrix *b)
{
	int			row;
	int			col;

	if (a->rows != b->rows || a->cols != b->cols)
		return false;
	for (row = 0; row < a->rows; row++)
		for (col = 0; col < a->cols; col++)
			if (a->cell[row][col].level != b->cell[row][col].level ||
				a->cell[row][col].score != b->cell[row][col].score)
				return false;
	return true;
}
