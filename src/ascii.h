/*
 * ascii.h: locale-independent ASCII classification for the PostgreSQL-free
 * parsers (ctype.h depends on the locale and on int arguments).
 */
#ifndef ASCII_H
#define ASCII_H

#include <stdbool.h>

/* space, tab, newline, carriage return, vertical tab, form feed */
static inline bool
ascii_is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

static inline bool
ascii_is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static inline bool
ascii_is_alpha(char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

static inline char
ascii_to_lower(char c)
{
	return (c >= 'A' && c <= 'Z') ? (char) (c - 'A' + 'a') : c;
}

static inline char
ascii_to_upper(char c)
{
	return (c >= 'a' && c <= 'z') ? (char) (c - 'a' + 'A') : c;
}

#endif							/* ASCII_H */
