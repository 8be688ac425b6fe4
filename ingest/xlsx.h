/*
 * xlsx.h - a streaming reader of Excel workbooks (.xlsx): one sheet, row by
 * row, through the row interface of ingest/row.h, so ingest does not care
 * whether it reads CSV or XLSX.
 *
 * The workbook is a zip (minizip) of XML parts (expat). Shared strings are
 * held once in an arena; the sheet itself is never loaded whole but parsed
 * in chunks as rows are asked for, so memory does not grow with the sheet.
 *
 * Cell values come out as text:
 *   - strings (shared, inline, rich text with runs joined), with the
 *     _xHHHH_ escapes decoded (_x000D_ is a carriage return);
 *   - numbers in their shortest exact form, never with an exponent below
 *     1e21: a phone 9876543210 stored as a number reads "9876543210";
 *   - dates and times, when the cell's number format is a date format
 *     (built-in or custom like "dd-mm-yyyy"), as "YYYY-MM-DD",
 *     "YYYY-MM-DD HH:MM:SS" or "HH:MM:SS", under the workbook's 1900 or
 *     1904 date system;
 *   - booleans "TRUE"/"FALSE", errors as Excel shows them ("#N/A"),
 *     formulas as their cached value.
 * A cell missing from a row (sparse r="C5" references) is an empty field in
 * its column. Rows with no value at all, and row numbers the sheet skips,
 * are not returned but counted (xlsx_empty_rows). Every returned row has at
 * least as many fields as the first row returned (the header).
 *
 * The file is recognised by its bytes, never its name: a legacy .xls, an
 * encrypted workbook, an HTML table or a text file named .xls, a zip that
 * is not a workbook, a truncated zip, a zip bomb and malformed XML each get
 * a message that names the file and says what it is.
 */
#ifndef NK_XLSX_H
#define NK_XLSX_H

#include <stddef.h>

#include "engine/util.h"
#include "ingest/row.h"

struct xlsx_options {
	/* Sheet to read by name (exact, then without regard to case); NULL
	 * reads the first visible worksheet. */
	const char *sheet;
	/* Refuse to unpack more than this many bytes in all (zip bombs);
	 * 0 means XLSX_DEFAULT_MAX_UNCOMPRESSED. */
	unsigned long long max_uncompressed;
	/* Refuse a part over 1 MiB that unpacks to more than this many times
	 * its packed size; 0 means XLSX_DEFAULT_MAX_RATIO. */
	unsigned long long max_ratio;
};

#define XLSX_DEFAULT_MAX_UNCOMPRESSED (4ULL << 30) /* 4 GiB */
#define XLSX_DEFAULT_MAX_RATIO        500ULL

struct xlsx_reader;

/*
 * Open path and get ready to read the chosen sheet. opt may be NULL. On
 * failure returns NULL and appends a message naming the file to err.
 * The reader is freed with xlsx_close().
 */
struct xlsx_reader *xlsx_open(const char *path, const struct xlsx_options *opt, struct strbuf *err);

/* The same on len bytes in memory (which must outlive the reader); name
 * stands for the file in messages. */
struct xlsx_reader *xlsx_open_mem(const void *data, size_t len, const char *name,
				  const struct xlsx_options *opt, struct strbuf *err);

/*
 * The next non-empty row into *row: ROW_OK, ROW_EOF, or ROW_ERROR (the
 * sheet cannot be read further; xlsx_error() says why). row->number is the
 * sheet's row number. The row's memory belongs to the reader and is valid
 * until the next call or xlsx_close(). A row with a bad cell (e.g. a shared
 * string index out of range) comes back with row->problem set.
 */
int xlsx_next(struct xlsx_reader *r, struct row *row);

/* The message of the last ROW_ERROR, naming the file, sheet and place;
 * "" when none. Owned by the reader. */
const char *xlsx_error(const struct xlsx_reader *r);

/* Entirely empty rows skipped so far (including row numbers absent from
 * the sheet before the last row read). */
long xlsx_empty_rows(const struct xlsx_reader *r);

/* The workbook's sheets in tab order (worksheets and chart sheets). */
int xlsx_sheet_count(const struct xlsx_reader *r);
const char *xlsx_sheet_name(const struct xlsx_reader *r, int i); /* or NULL */
int xlsx_sheet_hidden(const struct xlsx_reader *r, int i);       /* 1 hidden */
/* Index of the sheet being read. */
int xlsx_sheet_current(const struct xlsx_reader *r);

/*
 * Reads sheet i (a worksheet, in tab order) from its first row instead:
 * for a caller looking for the sheet that holds an export. 0, or -1 with
 * xlsx_error() set.
 */
int xlsx_select_sheet(struct xlsx_reader *r, int i);
/* 1 for a worksheet (not a chart sheet) that is not hidden. */
int xlsx_sheet_readable(const struct xlsx_reader *r, int i);

/* 1 when the workbook uses the 1904 date system. */
int xlsx_date1904(const struct xlsx_reader *r);

void xlsx_close(struct xlsx_reader *r);

#endif
