/*
 * csvout.h - the machine-readable CSV beside each report sheet, for systems
 * that do not read Excel: UTF-8 without BOM, comma-separated, LF line ends,
 * a field quoted (RFC 4180, "" for a quote) when it holds a comma, quote,
 * line break or leading/trailing space. Text that a spreadsheet would run as
 * a formula (starting =, +, -, @, tab or CR, and not a number) gets a
 * leading ' so that it stays text (no formula injection from a complaint).
 * Written through outfile.h, so the file appears under its name only once
 * complete.
 */
#ifndef NK_CSVOUT_H
#define NK_CSVOUT_H

#include <stddef.h>

#include "engine/error.h"
#include "engine/util.h"

struct csvout;
struct outfile_set;

/* Starts path (under a temporary name). NULL with err set on failure. */
struct csvout *csvout_open(const char *path, struct strbuf *err);

/* One field of the current row; NULL is an empty field. */
void csvout_field(struct csvout *c, const char *s);
void csvout_field_len(struct csvout *c, const char *s, size_t len);
void csvout_int(struct csvout *c, long long v);
/* A number in its shortest form that reads back the same (%.15g). */
void csvout_num(struct csvout *c, double v);
/* Ends the current row. */
void csvout_end_row(struct csvout *c);

/* Rows ended so far (the header counts). */
long csvout_rows(const struct csvout *c);

/*
 * Flushes, closes, fsyncs and renames into place; frees c. On any write
 * error since open, removes the temporary file and returns NK_EIO with err
 * naming the file.
 */
enum nk_err csvout_close(struct csvout *c, struct strbuf *err);
/* From now on csvout_close leaves the file to set, for its caller to
 * commit with others (reports/outfile.h). A NULL set changes nothing. */
void csvout_defer(struct csvout *c, struct outfile_set *set);
/* Closes and removes the temporary file; frees c. NULL is allowed. */
void csvout_abort(struct csvout *c);

#endif
