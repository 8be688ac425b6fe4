/*
 * reader.h - opens an export whatever its format (sniffed from its bytes,
 * never its name) and gives its rows through the one row interface.
 */
#ifndef NK_READER_H
#define NK_READER_H

#include "engine/util.h"
#include "ingest/row.h"

struct reader;

struct reader_options {
	const char *sheet;                   /* XLSX: sheet name, NULL = first */
	unsigned long long max_uncompressed; /* XLSX: zip-bomb limit, 0 = default */
};

/* NULL with err set (naming the file and what it really is) on failure. */
struct reader *reader_open(const char *path, const struct reader_options *opt, struct strbuf *err);
int reader_next(struct reader *r, struct row *row); /* ROW_OK / ROW_EOF / ROW_ERROR */
const char *reader_error(const struct reader *r);
/* "CSV (UTF-8 with BOM, comma)" or "XLSX (sheet Sheet1)". */
const char *reader_format(const struct reader *r);
/* Rows (XLSX) or lines (CSV) with nothing in them, skipped so far. */
long reader_blank_rows(const struct reader *r);
/*
 * An XLSX opened without a sheet name: go on to the next visible worksheet
 * and read it from its first row, when the one read holds no export.
 * 1 when there is one (reader_format names it), 0 when there is none (or
 * the file is a CSV, or the sheet was asked for by name), -1 on error.
 */
int reader_next_sheet(struct reader *r);
/* The name of the sheet being read (XLSX), else NULL. */
const char *reader_sheet(const struct reader *r);

/* Progress: bytes consumed and total, -1 when unknown. */
long long reader_progress(const struct reader *r, long long *total);
void reader_close(struct reader *r);

#endif
