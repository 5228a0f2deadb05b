/*
 * sl_vector_core.h: IEC 62443 security-level vectors, free of PostgreSQL.
 *
 * A vector holds one security level (0..4) for each of the seven
 * foundational requirements, in this fixed order:
 *
 *		FR1 IAC  identification and authentication control
 *		FR2 UC   use control
 *		FR3 SI   system integrity
 *		FR4 DC   data confidentiality
 *		FR5 RDF  restricted data flow
 *		FR6 TRE  timely response to events
 *		FR7 RA   resource availability
 *
 * Text input, with ASCII whitespace allowed around every token:
 *
 *	positional	{2,2,1,1,2,3,1}
 *				exactly seven levels in FR order; the braces are required.
 *	named		IAC:2,UC:2,SI:1,DC:1,RDF:2,TRE:3,RA:1
 *				all seven FRs, each exactly once, in any order.  Names are
 *				case-insensitive and may also be spelled FR1..FR7.  The named
 *				form may be wrapped in braces, {IAC:2,...}, so that a value
 *				copied from output-like text still parses.
 *
 * A level is one digit 0..4.  A level token is read as '-'? digit+: a
 * value outside 0..4 ("5", "-1", "12") is reported as out of range, a
 * spelling other than one digit of a level in range ("-0", "01", "004") as
 * SLV_ERR_LEVEL_FORM; both name the token.
 *
 * Text output is always the positional form without spaces, e.g.
 * {2,2,1,1,2,3,1}; it is at most SLV_TEXT_SIZE bytes including the NUL.
 *
 * Packed form (canonical, hash- and equality-friendly): FR i (0-based) sits
 * in bits 3i..3i+2 of a uint32; bits 21..31 are zero.  Every vector has
 * exactly one packed value, so packed equality is value equality.
 *
 * Binary form (send/recv, COPY BINARY), SLV_BINARY_SIZE = 8 bytes:
 *	byte 0		layout, SLV_BINARY_LAYOUT (1)
 *	bytes 1..7	the levels of FR1..FR7, each 0..4
 * The 4-byte form of release 0.1.0 (the packed value, big-endian, no layout
 * byte) is still read: the lengths tell the two apart.
 */
#ifndef SL_VECTOR_CORE_H
#define SL_VECTOR_CORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define SLV_FR_COUNT	7
#define SLV_LEVEL_MAX	4
/* "{4,4,4,4,4,4,4}" plus NUL */
#define SLV_TEXT_SIZE	16
/* binary form: layout byte and seven levels; the 0.1.0 form was 4 bytes */
#define SLV_BINARY_LAYOUT	1
#define SLV_BINARY_SIZE		8
#define SLV_BINARY_SIZE_0_1_0 4
/* always enough for slv_error_detail text */
#define SLV_ERROR_DETAIL_SIZE 512

typedef struct slv_vector
{
	uint8_t		level[SLV_FR_COUNT];	/* index 0 = FR1 (IAC) */
} slv_vector;

typedef enum slv_status
{
	SLV_OK = 0,
	SLV_ERR_EMPTY,				/* nothing but whitespace */
	SLV_ERR_SYNTAX,				/* a token other than the one expected */
	SLV_ERR_WRONG_LENGTH,		/* positional form without exactly 7 levels */
	SLV_ERR_UNKNOWN_FR,			/* named form: not IAC..RA / FR1..FR7 */
	SLV_ERR_REPEATED_FR,		/* named form: an FR given twice */
	SLV_ERR_MISSING_FR,			/* named form: fewer than all seven FRs */
	SLV_ERR_LEVEL_RANGE,		/* level outside 0..4 */
	SLV_ERR_TRAILING,			/* characters after a complete vector */
	SLV_ERR_BAD_PACKED,			/* unpack: not a valid packed vector */
	SLV_ERR_LEVEL_FORM			/* a level in range not written as one
								 * digit: "-0", "01" */
} slv_status;

/*
 * Where and why parsing failed.  offset/length delimit the offending bytes
 * of the input (length 0 at end of input).
 */
typedef struct slv_error
{
	slv_status	status;
	size_t		offset;
	size_t		length;
	int			fr_index;		/* FR concerned (0..6), or -1 */
	int32_t		level;			/* LEVEL_RANGE: the value (saturated) */
	int			level_count;	/* WRONG_LENGTH: levels found (8 = "more") */
	uint8_t		missing_frs;	/* MISSING_FR: bit i set = FR i+1 absent */
	const char *expected;		/* SYNTAX: what the parser wanted there */
} slv_error;

/* Parse text (not necessarily NUL-terminated). */
extern slv_status slv_parse(const char *text, size_t len,
							slv_vector *out, slv_error *err);

/*
 * Build a vector from seven integer levels in FR order (for a SQL
 * constructor); a level outside 0..4 gives SLV_ERR_LEVEL_RANGE with
 * fr_index set and offset/length 0.
 */
extern slv_status slv_from_levels(const int32_t levels[SLV_FR_COUNT],
								  slv_vector *out, slv_error *err);

/*
 * Write the canonical text into buf (always NUL-terminated when size > 0).
 * Returns the text length, like snprintf: a result >= size means truncated.
 */
extern size_t slv_format(const slv_vector *v, char *buf, size_t size);

/*
 * Write a one-line human-readable explanation of err (for errdetail), quoting
 * the offending part of the parsed text.  Same return convention as
 * slv_format.
 */
extern size_t slv_error_detail(const slv_error *err,
							   const char *text, size_t len,
							   char *buf, size_t size);

/*
 * The binary form above; slv_from_binary reads the current and the 0.1.0
 * form, checking every byte.  On SLV_ERR_BAD_PACKED *bad_byte is the
 * offending byte (-1 for a wrong length; 0 for an invalid 0.1.0 form).
 */
extern void slv_to_binary(const slv_vector *v, uint8_t out[SLV_BINARY_SIZE]);
extern slv_status slv_from_binary(const uint8_t *in, size_t len,
								  slv_vector *out, int *bad_byte);

extern uint32_t slv_pack(const slv_vector *v);
/* SLV_ERR_BAD_PACKED unless every bit of packed is that of a valid vector. */
extern slv_status slv_unpack(uint32_t packed, slv_vector *out);

/* FR index 0..6 for "IAC".."RA" or "FR1".."FR7" (case-insensitive), else -1. */
extern int	slv_fr_index(const char *name, size_t len);
/* "IAC".."RA" for 0..6, NULL otherwise. */
extern const char *slv_fr_name(int fr_index);

/* True when every FR of achieved is at least that of target. */
extern bool slv_meets(const slv_vector *achieved, const slv_vector *target);
/* Per FR: max(target - achieved, 0). */
extern void slv_gap(const slv_vector *achieved, const slv_vector *target,
					slv_vector *gap);
/* Per-FR maximum / minimum (aggregate transition functions). */
extern void slv_max(const slv_vector *a, const slv_vector *b, slv_vector *out);
extern void slv_min(const slv_vector *a, const slv_vector *b, slv_vector *out);
extern bool slv_equal(const slv_vector *a, const slv_vector *b);

#endif							/* SL_VECTOR_CORE_H */
