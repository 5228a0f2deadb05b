/*
 * text_sink.h: bounded text output for the PostgreSQL-free cores (canonical
 * forms and error details), free of PostgreSQL.
 *
 * A sink never overflows its buffer: len counts every byte asked for, so the
 * caller learns the size it needed, as with snprintf.
 */
#ifndef TEXT_SINK_H
#define TEXT_SINK_H

#include <stddef.h>

/* bytes of untrusted input a quotation shows before "..." */
#define TEXT_SINK_QUOTE_MAX 40

typedef struct text_sink
{
	char	   *buf;
	size_t		size;
	size_t		len;
} text_sink;

extern void tsink_putc(text_sink *sink, char c);
extern void tsink_puts(text_sink *sink, const char *s);
extern void tsink_putn(text_sink *sink, const char *s, size_t n);
extern void tsink_putu(text_sink *sink, unsigned long value);
extern void tsink_puti(text_sink *sink, long value);

/*
 * Writes bytes offset..offset+length of untrusted text (len bytes long) in
 * double quotes, unprintable bytes, quotes and backslashes as \xNN, at most
 * TEXT_SINK_QUOTE_MAX of them.
 */
extern void tsink_quote(text_sink *sink, const char *text, size_t len,
						size_t offset, size_t length);

/* NUL-terminates (truncating if need be); returns the length asked for. */
extern size_t tsink_finish(text_sink *sink);

#endif							/* TEXT_SINK_H */
