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
/* Progress: bytes consumed and total, -1 when unknown. */
long long reader_progress(const struct reader *r, long long *total);
void reader_close(struct reader *r);

#endif
