/*
 * csv.h - a streaming RFC 4180 reader giving the rows of ingest/row.h.
 *
 * What it accepts: quoted fields, doubled quotes, line breaks inside quotes,
 * CRLF, LF and CR-only line ends (mixed too); comma, tab or semicolon
 * delimiters (detected from the first line); UTF-8, UTF-8 with a BOM, and
 * UTF-16LE/BE with a BOM, all returned as UTF-8 (and UTF-8 behind a UTF-16
 * BOM, which some programs write). The file is read in blocks
 * (64 KiB by default); memory is bounded by the longest record, and a field
 * is cut at a cap (16 MiB by default).
 *
 * It is lenient where Excel is: a quote inside an unquoted field is kept as
 * it is; text after a closing quote is appended to the field.
 *
 * What it never does: drop a row. Damage it cannot mend is reported on the
 * row (row.problem, row.problem_col) and the row still comes back:
 *   - invalid UTF-8, a lone UTF-16 surrogate, or a NUL byte: the bad bytes
 *     become U+FFFD;
 *   - a field longer than the cap: truncated (at a character boundary;
 *     the cap counts bytes as read, so replacing invalid bytes with
 *     U+FFFD can make a returned field up to 3 times the cap);
 *   - an unterminated quoted field at the end of the file: what was read is
 *     the last row.
 * Only one problem is kept per row: the first one found.
 *
 * Lines with no characters at all are skipped and counted
 * (csv_blank_lines()); row.number is the physical line a record starts on,
 * counting every CR, LF or CRLF, including those inside quotes.
 *
 * Files that are not text (zip, OLE .xls, HTML, XML, binary) are refused at
 * open, with sniff_describe()'s words.
 */
#ifndef NK_CSV_H
#define NK_CSV_H

#include "engine/util.h"
#include "ingest/row.h"

struct csv_reader;

struct csv_options {
	size_t field_cap; /* bytes; 0 = CSV_FIELD_CAP */
	size_t read_size; /* bytes per read; 0 = CSV_READ_SIZE. Small values
			      exist so tests can cut records at every byte. */
	char delimiter;   /* ',', '\t' or ';'; 0 = detect from line 1 */
};

#define CSV_FIELD_CAP ((size_t)16 << 20)
#define CSV_READ_SIZE ((size_t)64 << 10)

/*
 * Open path for reading. On failure returns NULL and appends to err (if
 * not NULL) one full sentence naming the file, e.g.
 * "exports/a.csv: not a CSV file: this is an HTML page saved with an .xls
 * name — ...". opt may be NULL for the defaults.
 */
struct csv_reader *csv_open(const char *path, struct strbuf *err);
struct csv_reader *csv_open_opts(const char *path, const struct csv_options *opt,
				 struct strbuf *err);

/*
 * Read from memory instead of a file (for the fuzzer and tests). data is
 * not copied: it must stay valid until csv_close(). name is used in
 * messages (copied).
 */
struct csv_reader *csv_open_mem(const void *data, size_t n, const char *name,
				const struct csv_options *opt, struct strbuf *err);

/*
 * Read the next record into *row. Returns ROW_OK, ROW_EOF, or ROW_ERROR (a
 * read error; see csv_error()). The row's memory is the reader's, valid
 * until the next call or csv_close(). Every field is NUL-terminated, valid
 * UTF-8, and holds no NUL byte; field counts are kept as read (ragged rows
 * are the caller's business).
 */
int csv_next(struct csv_reader *r, struct row *row);

/* The message of the last ROW_ERROR, naming the file; "" when none. */
const char *csv_error(const struct csv_reader *r);

/* The delimiter in use (detected or given). */
char csv_delimiter(const struct csv_reader *r);

/* "UTF-8", "UTF-8 with BOM", "UTF-8 behind a UTF-16 BOM", "UTF-16LE" or
   "UTF-16BE" (static strings). */
const char *csv_encoding(const struct csv_reader *r);

/* Bytes taken from the file so far, and its size (-1 when not known, e.g.
   a pipe): for progress bars. */
long long csv_bytes_read(const struct csv_reader *r);
long long csv_size(const struct csv_reader *r);

/* Lines with no characters at all, skipped so far. */
long csv_blank_lines(const struct csv_reader *r);

/* Close the file and free everything, rows included. NULL is fine. */
void csv_close(struct csv_reader *r);

#endif
