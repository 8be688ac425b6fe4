/* reader.c - one front for the CSV and XLSX readers. */
#include "ingest/reader.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "ingest/csv.h"
#include "ingest/sniff.h"
#include "ingest/xlsx.h"

struct reader {
	struct csv_reader *csv;
	struct xlsx_reader *xlsx;
	char format[128];
};

struct reader *reader_open(const char *path, const struct reader_options *opt, struct strbuf *err)
{
	enum sniff_kind kind;
	if (sniff_file(path, &kind) != 0) {
		strbuf_addf(err, "%s: cannot open: %s", path, strerror(errno));
		return NULL;
	}
	struct reader *r = xcalloc(1, sizeof(*r));
	if (kind == SNIFF_ZIP || kind == SNIFF_OLE) {
		struct xlsx_options xo = {0};
		xo.sheet = opt ? opt->sheet : NULL;
		xo.max_uncompressed = opt ? opt->max_uncompressed : 0;
		r->xlsx = xlsx_open(path, &xo, err);
		if (!r->xlsx)
			goto fail;
		xsnprintf(r->format, sizeof(r->format), "XLSX (sheet %s)",
			  xlsx_sheet_name(r->xlsx, xlsx_sheet_current(r->xlsx)));
		return r;
	}
	r->csv = csv_open(path, err);
	if (!r->csv)
		goto fail;
	char d = csv_delimiter(r->csv);
	xsnprintf(r->format, sizeof(r->format), "CSV (%s, %s)", csv_encoding(r->csv),
		  d == '\t'  ? "tab"
		  : d == ';' ? "semicolon"
			     : "comma");
	return r;
fail:
	free(r);
	return NULL;
}

int reader_next(struct reader *r, struct row *row)
{
	return r->csv ? csv_next(r->csv, row) : xlsx_next(r->xlsx, row);
}

const char *reader_error(const struct reader *r)
{
	return r->csv ? csv_error(r->csv) : xlsx_error(r->xlsx);
}

const char *reader_format(const struct reader *r)
{
	return r->format;
}

long reader_blank_rows(const struct reader *r)
{
	return r->csv ? csv_blank_lines(r->csv) : xlsx_empty_rows(r->xlsx);
}

long long reader_progress(const struct reader *r, long long *total)
{
	if (r->csv) {
		*total = csv_size(r->csv);
		return csv_bytes_read(r->csv);
	}
	*total = -1; /* a zip member's position is not worth a progress bar */
	return -1;
}

void reader_close(struct reader *r)
{
	if (!r)
		return;
	csv_close(r->csv);
	xlsx_close(r->xlsx);
	free(r);
}
