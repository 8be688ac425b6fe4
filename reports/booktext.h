/*
 * booktext.h - what book.c does to a cell's text before libxlsxwriter gets
 * it: decoding, measuring for column widths and row heights, cutting at
 * Excel's limit (book_text_width and book_cut_at in book.h), keeping a
 * literal _xHHHH_ literal, and repairing bytes that are not UTF-8 (a
 * workbook holding them is damaged for every reader).
 */
#ifndef NK_BOOKTEXT_H
#define NK_BOOKTEXT_H

#include <stddef.h>

#include "engine/util.h"

/* Decodes one UTF-8 sequence at s (len > 0); *n gets its length. Bad bytes count as one. */
unsigned booktext_decode(const unsigned char *s, size_t len, size_t *n);

/*
 * text with every literal _xHHHH_ kept literal (its '_' written _x005F_),
 * into esc when there is one. Returns 1 when esc holds the text to write.
 */
int booktext_escape_literal(const char *text, struct strbuf *esc);

/*
 * text[0..len) with each byte that is not part of well-formed UTF-8
 * replaced by U+FFFD, into out, when there is one. Returns 1 when out
 * holds the text to write.
 */
int booktext_repair(const char *text, size_t len, struct strbuf *out);

/* Lines text takes wrapped in a column width characters wide (at least 1). */
int booktext_lines(const char *text, size_t len, double width);

#endif
