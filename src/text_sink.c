/*
 * text_sink.c: see text_sink.h.
 */
#include "text_sink.h"

void
tsink_putc(text_sink *sink, char c)
{
	if (sink->len + 1 < sink->size)
		sink->buf[sink->len] = c;
	sink->len++;
}

void
tsink_puts(text_sink *sink, const char *s)
{
	while (*s)
		tsink_putc(sink, *s++);
}

void
tsink_putn(text_sink *sink, const char *s, size_t n)
{
	size_t		i;

	for (i = 0; i < n; i++)
		tsink_putc(sink, s[i]);
}

void
tsink_putu(text_sink *sink, unsigned long value)
{
	char		digits[24];
	int			n = 0;

	do
	{
		digits[n++] = (char) ('0' + value % 10);
		value /= 10;
	} while (value > 0);
	while (n > 0)
		tsink_putc(sink, digits[--n]);
}

void
tsink_puti(text_sink *sink, long value)
{
	if (value < 0)
	{
		tsink_putc(sink, '-');
		tsink_putu(sink, 0ul - (unsigned long) value);
	}
	else
		tsink_putu(sink, (unsigned long) value);
}

void
tsink_quote(text_sink *sink, const char *text, size_t len,
			size_t offset, size_t length)
{
	static const char hex[] = "0123456789abcdef";
	size_t		i;
	size_t		shown;

	if (offset > len)
		offset = len;
	if (length > len - offset)
		length = len - offset;
	shown = length > TEXT_SINK_QUOTE_MAX ? TEXT_SINK_QUOTE_MAX : length;
	tsink_putc(sink, '"');
	for (i = 0; i < shown; i++)
	{
		unsigned char c = (unsigned char) text[offset + i];

		if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\')
			tsink_putc(sink, (char) c);
		else
		{
			tsink_puts(sink, "\\x");
			tsink_putc(sink, hex[c >> 4]);
			tsink_putc(sink, hex[c & 0xf]);
		}
	}
	if (shown < length)
		tsink_puts(sink, "...");
	tsink_putc(sink, '"');
}

size_t
tsink_finish(text_sink *sink)
{
	if (sink->size > 0)
		sink->buf[sink->len < sink->size ? sink->len : sink->size - 1] = '\0';
	return sink->len;
}
