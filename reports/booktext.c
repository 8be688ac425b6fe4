/* booktext.c - a cell's text before it is written (see booktext.h). */
#include "reports/booktext.h"

#include <ctype.h>
#include <string.h>

#include "reports/book.h"

/* Decodes one UTF-8 sequence at s (len > 0); *n gets its length. Bad bytes count as one. */
unsigned booktext_decode(const unsigned char *s, size_t len, size_t *n)
{
	unsigned c = s[0];
	size_t k = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
	if (k > len || (c >= 0x80 && c < 0xC0)) {
		*n = 1;
		return 0xFFFD;
	}
	*n = k;
	if (k == 1)
		return c;
	c &= 0x3F >> (k - 1);
	for (size_t i = 1; i < k; i++)
		c = (c << 6) | (s[i] & 0x3F);
	return c;
}

/* Width of a code point in Excel's character units (Calibri 11 digits). */
static double cp_width(unsigned c)
{
	if (c < 0x80)
		return 1.0;
	if (c >= 0x0900 && c <= 0x097F) {
		/* Marks that sit above, below or join their letter take no room. */
		if ((c >= 0x0900 && c <= 0x0902) || c == 0x093A || c == 0x093C ||
		    (c >= 0x0941 && c <= 0x0948) || c == 0x094D || (c >= 0x0951 && c <= 0x0957) ||
		    c == 0x0962 || c == 0x0963)
			return 0.0;
		if (c == 0x0903 || c == 0x093B || (c >= 0x093E && c <= 0x0940) ||
		    (c >= 0x0949 && c <= 0x094C) || c == 0x094E || c == 0x094F)
			return 0.6; /* vowel signs beside the letter */
		return 1.4;         /* Devanagari letters are wider than Latin ones */
	}
	if (c == 0x200C || c == 0x200D)
		return 0.0;
	return 1.2;
}

double book_text_width(const char *s, size_t len)
{
	double w = 0;
	size_t n;
	for (size_t i = 0; i < len; i += n)
		w += cp_width(booktext_decode((const unsigned char *)s + i, len - i, &n));
	return w;
}

size_t book_cut_at(const char *s, size_t len)
{
	static long marker_units = -1;
	size_t n, units = 0;
	if (len <= BOOK_MAX_CHARS) /* bytes >= UTF-16 units */
		return len;
	if (marker_units < 0) {
		marker_units = 0;
		for (size_t i = 0; i < sizeof(BOOK_CUT_MARKER) - 1; i += n)
			marker_units +=
				booktext_decode((const unsigned char *)BOOK_CUT_MARKER + i,
						sizeof(BOOK_CUT_MARKER) - 1 - i, &n) >= 0x10000
					? 2
					: 1;
	}
	size_t cut = 0, limit = BOOK_MAX_CHARS - (size_t)marker_units;
	for (size_t i = 0; i < len; i += n) {
		unsigned c = booktext_decode((const unsigned char *)s + i, len - i, &n);
		units += c >= 0x10000 ? 2 : 1;
		if (units > BOOK_MAX_CHARS)
			return cut;
		if (units <= limit)
			cut = i + n;
	}
	return len;
}

/* Whether s starts with an escape Excel decodes in cell text: _xHHHH_. */
static int is_xml_escape(const char *s)
{
	if (s[0] != '_' || s[1] != 'x')
		return 0;
	for (int i = 2; i < 6; i++)
		if (!isxdigit((unsigned char)s[i]))
			return 0;
	return s[6] == '_';
}

/*
 * text with every literal _xHHHH_ kept literal (its '_' written _x005F_),
 * into esc when there is one: libxlsxwriter 1.1 writes them as they are,
 * and Excel would show "_x0041_" in a description as "A". Returns 1 when
 * esc holds the text to write.
 */
int booktext_escape_literal(const char *text, struct strbuf *esc)
{
	const char *p = strstr(text, "_x");
	while (p && !is_xml_escape(p))
		p = strstr(p + 1, "_x");
	if (!p)
		return 0;
	for (const char *t = text; *t; t++) {
		if (*t == '_' && is_xml_escape(t))
			strbuf_addstr(esc, "_x005F_");
		else
			strbuf_addch(esc, *t);
	}
	return 1;
}

int booktext_repair(const char *text, size_t len, struct strbuf *out)
{
	if (utf8_valid(text, len))
		return 0;
	for (size_t i = 0; i < len;) {
		unsigned char c = (unsigned char)text[i];
		size_t k = c < 0x80                ? 1
			   : c >= 0xC2 && c < 0xE0 ? 2
			   : c >= 0xE0 && c < 0xF0 ? 3
			   : c >= 0xF0 && c < 0xF5 ? 4
						   : 0;
		if (k && i + k <= len && utf8_valid(text + i, k)) {
			strbuf_add(out, text + i, k);
			i += k;
		} else {
			strbuf_addstr(out, "\xEF\xBF\xBD"); /* U+FFFD */
			i++;
		}
	}
	return 1;
}

/* A code point's width as LibreOffice and Excel draw wrapped text: the
 * column-width measure (cp_width) is generous with Devanagari on purpose. */
static double drawn_width(unsigned c)
{
	double w = cp_width(c);
	return c >= 0x0900 && c <= 0x097F ? w * 0.78 : w;
}

int booktext_lines(const char *text, size_t len, double width)
{
	int lines = 1;
	double room = width > 2 ? width - 1.0 : 1.0, line = 0, word = 0;
	size_t n;
	/* No character is drawn wider than a byte of it: short text is one line. */
	if ((double)len <= room && !memchr(text, '\n', len))
		return 1;
	for (size_t i = 0; i < len; i += n) {
		unsigned c = booktext_decode((const unsigned char *)text + i, len - i, &n);
		if (c == '\n') {
			lines++;
			line = word = 0;
			continue;
		}
		double w = drawn_width(c);
		if (c == ' ') {
			line += w;
			word = 0;
			continue;
		}
		/* The word so far moves to the next line when it no longer fits. */
		if (line + w > room && line > word) {
			lines++;
			line = word;
		} else if (line + w > room) {
			lines++; /* a word wider than the column breaks inside */
			line = word = 0;
		}
		line += w;
		word += w;
	}
	return lines;
}
