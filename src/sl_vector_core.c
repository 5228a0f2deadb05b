/*
 * sl_vector_core.c: IEC 62443 security-level vectors (see sl_vector_core.h).
 * libc only; no allocation, no mutable state.
 */
#include "sl_vector_core.h"
#include "ascii.h"
#include "text_sink.h"

#include <string.h>

#define SLV_PACK_BITS	3
#define SLV_PACK_MASK	0x7u
/* bits 0..20 carry the seven 3-bit fields */
#define SLV_PACK_USED	((1u << (SLV_FR_COUNT * SLV_PACK_BITS)) - 1u)

static const char *const fr_names[SLV_FR_COUNT] = {
	"IAC", "UC", "SI", "DC", "RDF", "TRE", "RA"
};

typedef struct slv_parser
{
	const char *text;
	size_t		len;
	size_t		pos;
	slv_error  *err;
} slv_parser;

static slv_status
fail(slv_parser *p, slv_status status, size_t offset, size_t length)
{
	p->err->status = status;
	p->err->offset = offset;
	p->err->length = length;
	return status;
}

static slv_status
fail_syntax(slv_parser *p, const char *expected)
{
	p->err->expected = expected;
	return fail(p, SLV_ERR_SYNTAX, p->pos, p->pos < p->len ? 1 : 0);
}

static void
skip_space(slv_parser *p)
{
	while (p->pos < p->len && ascii_is_space(p->text[p->pos]))
		p->pos++;
}

/* The next byte, or NUL at end of input (NUL itself is never valid). */
static char
peek(const slv_parser *p)
{
	return p->pos < p->len ? p->text[p->pos] : '\0';
}

/*
 * Read a level token ('-'? digit+) for FR fr_index and check it: a value
 * outside 0..4 is out of range ("-1" is reported so, not as junk), and a
 * level in range must be one digit ("-0", "01" are refused).
 */
static slv_status
parse_level(slv_parser *p, int fr_index, uint8_t *level)
{
	size_t		start = p->pos;
	size_t		digits;
	bool		negative = false;
	int32_t		value = 0;

	if (peek(p) == '-')
	{
		negative = true;
		p->pos++;
	}
	if (!ascii_is_digit(peek(p)))
	{
		p->pos = start;
		return fail_syntax(p, "a level 0..4");
	}
	digits = p->pos;
	while (ascii_is_digit(peek(p)))
	{
		/* saturate: the exact size of a huge level does not matter */
		if (value < 100000)
			value = value * 10 + (p->text[p->pos] - '0');
		p->pos++;
	}
	if (negative)
		value = -value;
	p->err->fr_index = fr_index;
	p->err->level = value;
	if (value < 0 || value > SLV_LEVEL_MAX)
		return fail(p, SLV_ERR_LEVEL_RANGE, start, p->pos - start);
	if (negative || p->pos - digits != 1)
		return fail(p, SLV_ERR_LEVEL_FORM, start, p->pos - start);
	*level = (uint8_t) value;
	return SLV_OK;
}

/* After the opening brace of {l1,...,l7}. */
static slv_status
parse_positional(slv_parser *p, slv_vector *out)
{
	int			count = 0;

	skip_space(p);
	if (peek(p) == '}')
	{
		p->err->level_count = 0;
		return fail(p, SLV_ERR_WRONG_LENGTH, p->pos, 1);
	}
	for (;;)
	{
		slv_status	status;

		if (count == SLV_FR_COUNT)
		{
			size_t		start = p->pos;

			/* point at the whole surplus level token when there is one */
			while (p->pos < p->len && (peek(p) == '-' || ascii_is_digit(peek(p))))
				p->pos++;
			p->err->level_count = SLV_FR_COUNT + 1;
			return fail(p, SLV_ERR_WRONG_LENGTH, start,
						p->pos > start ? p->pos - start : (start < p->len));
		}
		status = parse_level(p, count, &out->level[count]);
		if (status != SLV_OK)
			return status;
		count++;
		skip_space(p);
		if (peek(p) == ',')
		{
			p->pos++;
			skip_space(p);
			continue;
		}
		if (peek(p) != '}')
			return fail_syntax(p, "',' or '}'");
		if (count < SLV_FR_COUNT)
		{
			p->err->level_count = count;
			return fail(p, SLV_ERR_WRONG_LENGTH, p->pos, 1);
		}
		p->pos++;
		return SLV_OK;
	}
}

/* NAME:level pairs; braced says whether a '{' opened them. */
static slv_status
parse_named(slv_parser *p, bool braced, slv_vector *out)
{
	unsigned	seen = 0;
	unsigned	all = (1u << SLV_FR_COUNT) - 1u;

	for (;;)
	{
		size_t		name_start;
		int			fr;
		slv_status	status;

		skip_space(p);
		name_start = p->pos;
		if (!ascii_is_alpha(peek(p)))
			return fail_syntax(p, "an FR name (IAC, UC, SI, DC, RDF, TRE, RA)");
		while (ascii_is_alpha(peek(p)) || ascii_is_digit(peek(p)))
			p->pos++;
		fr = slv_fr_index(p->text + name_start, p->pos - name_start);
		if (fr < 0)
			return fail(p, SLV_ERR_UNKNOWN_FR, name_start, p->pos - name_start);
		p->err->fr_index = fr;
		if (seen & (1u << fr))
			return fail(p, SLV_ERR_REPEATED_FR, name_start, p->pos - name_start);
		seen |= 1u << fr;
		skip_space(p);
		if (peek(p) != ':')
			return fail_syntax(p, "':'");
		p->pos++;
		skip_space(p);
		status = parse_level(p, fr, &out->level[fr]);
		if (status != SLV_OK)
			return status;
		skip_space(p);
		if (peek(p) != ',')
			break;
		p->pos++;
	}
	p->err->fr_index = -1;
	if (braced)
	{
		if (peek(p) != '}')
			return fail_syntax(p, "',' or '}'");
		p->pos++;
	}
	else if (p->pos < p->len && seen != all)
		return fail_syntax(p, "','");
	if (seen != all)
	{
		p->err->missing_frs = (uint8_t) (all & ~seen);
		return fail(p, SLV_ERR_MISSING_FR, p->pos, 0);
	}
	return SLV_OK;
}

slv_status
slv_parse(const char *text, size_t len, slv_vector *out, slv_error *err)
{
	slv_error	ignored;
	slv_parser	p;
	slv_vector	v;
	slv_status	status;

	if (err == NULL)
		err = &ignored;
	memset(err, 0, sizeof(*err));
	err->fr_index = -1;
	memset(&v, 0, sizeof(v));
	p.text = text;
	p.len = len;
	p.pos = 0;
	p.err = err;

	skip_space(&p);
	if (p.pos == len)
		return fail(&p, SLV_ERR_EMPTY, 0, len);
	if (peek(&p) == '{')
	{
		p.pos++;
		skip_space(&p);
		if (ascii_is_alpha(peek(&p)))
			status = parse_named(&p, true, &v);
		else
			status = parse_positional(&p, &v);
	}
	else if (ascii_is_alpha(peek(&p)))
		status = parse_named(&p, false, &v);
	else
		return fail_syntax(&p, "'{' or an FR name");
	if (status != SLV_OK)
		return status;
	skip_space(&p);
	if (p.pos < len)
		return fail(&p, SLV_ERR_TRAILING, p.pos, len - p.pos);
	*out = v;
	return SLV_OK;
}

slv_status
slv_from_levels(const int32_t levels[SLV_FR_COUNT], slv_vector *out,
				slv_error *err)
{
	slv_vector	v;
	int			i;

	for (i = 0; i < SLV_FR_COUNT; i++)
	{
		if (levels[i] < 0 || levels[i] > SLV_LEVEL_MAX)
		{
			if (err != NULL)
			{
				memset(err, 0, sizeof(*err));
				err->status = SLV_ERR_LEVEL_RANGE;
				err->fr_index = i;
				err->level = levels[i];
			}
			return SLV_ERR_LEVEL_RANGE;
		}
		v.level[i] = (uint8_t) levels[i];
	}
	*out = v;
	return SLV_OK;
}

size_t
slv_format(const slv_vector *v, char *buf, size_t size)
{
	text_sink	sink = {buf, size, 0};
	int			i;

	tsink_putc(&sink, '{');
	for (i = 0; i < SLV_FR_COUNT; i++)
	{
		if (i > 0)
			tsink_putc(&sink, ',');
		tsink_putu(&sink, v->level[i]);
	}
	tsink_putc(&sink, '}');
	return tsink_finish(&sink);
}

static void
put_fr_order(text_sink *sink)
{
	int			i;

	for (i = 0; i < SLV_FR_COUNT; i++)
	{
		if (i > 0)
			tsink_putc(sink, ',');
		tsink_puts(sink, fr_names[i]);
	}
}

size_t
slv_error_detail(const slv_error *err, const char *text, size_t len,
				 char *buf, size_t size)
{
	text_sink	sink = {buf, size, 0};
	int			i;
	bool		first = true;

	switch (err->status)
	{
		case SLV_OK:
			tsink_puts(&sink, "no error");
			break;
		case SLV_ERR_EMPTY:
			tsink_puts(&sink, "empty input; expected e.g. {2,2,1,1,2,3,1} "
					  "or IAC:2,UC:2,SI:1,DC:1,RDF:2,TRE:3,RA:1");
			break;
		case SLV_ERR_SYNTAX:
			tsink_puts(&sink, "expected ");
			tsink_puts(&sink, err->expected ? err->expected : "a vector");
			tsink_puts(&sink, " at byte ");
			tsink_putu(&sink, (unsigned long) err->offset);
			tsink_puts(&sink, ", found ");
			if (err->length == 0)
				tsink_puts(&sink, "end of input");
			else
				tsink_quote(&sink, text, len, err->offset, err->length);
			break;
		case SLV_ERR_WRONG_LENGTH:
			if (err->level_count > SLV_FR_COUNT)
				tsink_puts(&sink, "more than 7 levels");
			else
			{
				tsink_puts(&sink, "found ");
				tsink_putu(&sink, (unsigned long) err->level_count);
				tsink_puts(&sink, err->level_count == 1 ? " level" : " levels");
			}
			tsink_puts(&sink, "; the positional form needs exactly 7, in FR order ");
			put_fr_order(&sink);
			break;
		case SLV_ERR_UNKNOWN_FR:
			tsink_puts(&sink, "unknown FR ");
			tsink_quote(&sink, text, len, err->offset, err->length);
			tsink_puts(&sink, "; expected one of IAC, UC, SI, DC, RDF, TRE, RA "
					  "or FR1..FR7");
			break;
		case SLV_ERR_REPEATED_FR:
			tsink_puts(&sink, "FR ");
			tsink_quote(&sink, text, len, err->offset, err->length);
			if (slv_fr_name(err->fr_index) != NULL)
			{
				tsink_puts(&sink, " (");
				tsink_puts(&sink, slv_fr_name(err->fr_index));
				tsink_putc(&sink, ')');
			}
			tsink_puts(&sink, " is given more than once");
			break;
		case SLV_ERR_MISSING_FR:
			tsink_puts(&sink, "missing FR ");
			for (i = 0; i < SLV_FR_COUNT; i++)
			{
				if (!(err->missing_frs & (1u << i)))
					continue;
				if (!first)
					tsink_puts(&sink, ", ");
				tsink_puts(&sink, fr_names[i]);
				first = false;
			}
			tsink_puts(&sink, "; the named form needs all seven FRs");
			break;
		case SLV_ERR_LEVEL_RANGE:
			tsink_puts(&sink, "level ");
			if (err->length > 0 && err->offset <= len &&
				err->length <= len - err->offset && err->length <= 20)
			{
				/* the token is only '-' and digits: shown as written */
				for (i = 0; (size_t) i < err->length; i++)
					tsink_putc(&sink, text[err->offset + i]);
			}
			else if (err->length > 0)
				tsink_quote(&sink, text, len, err->offset, err->length);
			else
			{
				if (err->level < 0)
					tsink_putc(&sink, '-');
				tsink_putu(&sink, err->level < 0 ?
						  0ul - (unsigned long) err->level :
						  (unsigned long) err->level);
			}
			if (slv_fr_name(err->fr_index) != NULL)
			{
				tsink_puts(&sink, " for FR \"");
				tsink_puts(&sink, slv_fr_name(err->fr_index));
				tsink_putc(&sink, '"');
			}
			tsink_puts(&sink, " is outside 0..4");
			break;
		case SLV_ERR_LEVEL_FORM:
			tsink_puts(&sink, "level ");
			tsink_quote(&sink, text, len, err->offset, err->length);
			if (slv_fr_name(err->fr_index) != NULL)
			{
				tsink_puts(&sink, " for FR \"");
				tsink_puts(&sink, slv_fr_name(err->fr_index));
				tsink_putc(&sink, '"');
			}
			tsink_puts(&sink, " is not written as one digit 0..4 (no sign, no leading zero)");
			break;
		case SLV_ERR_TRAILING:
			tsink_puts(&sink, "unexpected ");
			tsink_quote(&sink, text, len, err->offset, err->length);
			tsink_puts(&sink, " after the end of the vector");
			break;
		case SLV_ERR_BAD_PACKED:
			tsink_puts(&sink, "packed value is not a valid security-level vector");
			break;
	}
	return tsink_finish(&sink);
}

void
slv_to_binary(const slv_vector *v, uint8_t out[SLV_BINARY_SIZE])
{
	out[0] = SLV_BINARY_LAYOUT;
	memcpy(out + 1, v->level, SLV_FR_COUNT);
}

slv_status
slv_from_binary(const uint8_t *in, size_t len, slv_vector *out, int *bad_byte)
{
	slv_vector	v;
	int			i;

	*bad_byte = -1;
	if (len == SLV_BINARY_SIZE_0_1_0)
	{
		uint32_t	packed = (uint32_t) in[0] << 24 | (uint32_t) in[1] << 16 |
			(uint32_t) in[2] << 8 | (uint32_t) in[3];

		if (slv_unpack(packed, out) != SLV_OK)
		{
			*bad_byte = 0;
			return SLV_ERR_BAD_PACKED;
		}
		return SLV_OK;
	}
	if (len != SLV_BINARY_SIZE)
		return SLV_ERR_BAD_PACKED;
	if (in[0] != SLV_BINARY_LAYOUT)
	{
		*bad_byte = 0;
		return SLV_ERR_BAD_PACKED;
	}
	for (i = 0; i < SLV_FR_COUNT; i++)
	{
		if (in[1 + i] > SLV_LEVEL_MAX)
		{
			*bad_byte = 1 + i;
			return SLV_ERR_BAD_PACKED;
		}
		v.level[i] = in[1 + i];
	}
	*out = v;
	return SLV_OK;
}

uint32_t
slv_pack(const slv_vector *v)
{
	uint32_t	packed = 0;
	int			i;

	for (i = 0; i < SLV_FR_COUNT; i++)
		packed |= (uint32_t) (v->level[i] & SLV_PACK_MASK) << (SLV_PACK_BITS * i);
	return packed;
}

slv_status
slv_unpack(uint32_t packed, slv_vector *out)
{
	slv_vector	v;
	int			i;

	if (packed & ~SLV_PACK_USED)
		return SLV_ERR_BAD_PACKED;
	for (i = 0; i < SLV_FR_COUNT; i++)
	{
		uint32_t	level = (packed >> (SLV_PACK_BITS * i)) & SLV_PACK_MASK;

		if (level > SLV_LEVEL_MAX)
			return SLV_ERR_BAD_PACKED;
		v.level[i] = (uint8_t) level;
	}
	*out = v;
	return SLV_OK;
}

int
slv_fr_index(const char *name, size_t len)
{
	int			i;
	size_t		j;

	/* FR1..FR7 */
	if (len == 3 && ascii_to_upper(name[0]) == 'F' && ascii_to_upper(name[1]) == 'R' &&
		name[2] >= '1' && name[2] <= '0' + SLV_FR_COUNT)
		return name[2] - '1';
	for (i = 0; i < SLV_FR_COUNT; i++)
	{
		if (strlen(fr_names[i]) != len)
			continue;
		for (j = 0; j < len; j++)
			if (ascii_to_upper(name[j]) != fr_names[i][j])
				break;
		if (j == len)
			return i;
	}
	return -1;
}

const char *
slv_fr_name(int fr_index)
{
	if (fr_index < 0 || fr_index >= SLV_FR_COUNT)
		return NULL;
	return fr_names[fr_index];
}

bool
slv_meets(const slv_vector *achieved, const slv_vector *target)
{
	int			i;

	for (i = 0; i < SLV_FR_COUNT; i++)
		if (achieved->level[i] < target->level[i])
			return false;
	return true;
}

void
slv_gap(const slv_vector *achieved, const slv_vector *target, slv_vector *gap)
{
	int			i;

	for (i = 0; i < SLV_FR_COUNT; i++)
		gap->level[i] = target->level[i] > achieved->level[i] ?
			(uint8_t) (target->level[i] - achieved->level[i]) : 0;
}

void
slv_max(const slv_vector *a, const slv_vector *b, slv_vector *out)
{
	int			i;

	for (i = 0; i < SLV_FR_COUNT; i++)
		out->level[i] = a->level[i] > b->level[i] ? a->level[i] : b->level[i];
}

void
slv_min(const slv_vector *a, const slv_vector *b, slv_vector *out)
{
	int			i;

	for (i = 0; i < SLV_FR_COUNT; i++)
		out->level[i] = a->level[i] < b->level[i] ? a->level[i] : b->level[i];
}

bool
slv_equal(const slv_vector *a, const slv_vector *b)
{
	return memcmp(a->level, b->level, SLV_FR_COUNT) == 0;
}
