/*
 * sniff.h - tell what a file really is from its first bytes, never from its
 * name. Portals hand out HTML pages and old .xls files named .csv or .xls;
 * the readers refuse them with words a clerk understands instead of
 * loading garbage.
 */
#ifndef NK_SNIFF_H
#define NK_SNIFF_H

#include <stddef.h>

enum sniff_kind {
	SNIFF_TEXT_UTF8,         /* text with no byte-order mark (UTF-8 assumed;
				not validated here) */
	SNIFF_TEXT_UTF8_BOM,     /* text starting with EF BB BF */
	SNIFF_TEXT_UTF16LE,      /* starts with FF FE (Excel's "Unicode Text") */
	SNIFF_TEXT_UTF16BE,      /* starts with FE FF */
	SNIFF_ZIP,               /* PK 03 04 or an empty zip PK 05 06 (.xlsx) */
	SNIFF_OLE,               /* D0 CF 11 E0 A1 B1 1A E1: .xls, or an encrypted
				.xlsx */
	SNIFF_HTML,              /* a web page, whatever its name */
	SNIFF_BINARY,            /* NUL bytes in the first block, no UTF-16 BOM */
	SNIFF_EMPTY,             /* zero bytes */
	SNIFF_XML,               /* XML that is not HTML, e.g. an Excel 2003 XML
				spreadsheet */
	SNIFF_TEXT_UTF8_UTF16BOM /* FF FE or FE FF, then UTF-8 with no zero
				    byte: a UTF-16 mark put before UTF-8 text
				    by a program that mixed the two up */
};

/* How many leading bytes sniff_file() looks at. */
#define SNIFF_BYTES 4096

/*
 * Classify the first n bytes of a file (pass at least SNIFF_BYTES when the
 * file is that long: NUL detection looks at all of them). Returns an enum
 * sniff_kind value.
 */
int sniff_buffer(const void *p, size_t n);

/* Read the first SNIFF_BYTES of path and classify them; 0, or -1 with errno. */
int sniff_file(const char *path, enum sniff_kind *out);

/*
 * Plain words for a kind, to follow "this is ..." in a message, e.g.
 * "an old Excel .xls file (OLE/BIFF) — save it as .xlsx or CSV".
 * A static string; never NULL.
 */
const char *sniff_describe(enum sniff_kind kind);

/* True for the four text kinds (and SNIFF_EMPTY): a CSV reader may read them. */
int sniff_is_text(enum sniff_kind kind);

#endif
