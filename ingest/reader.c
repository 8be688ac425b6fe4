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
	int by_name; /* the sheet was asked for: no other is tried */
	char format[128];
};

static void xlsx_format(struct reader *r)
{
	xsnprintf(r->format, sizeof(r->format), "XLSX (sheet %s)",
		  xlsx_sheet_name(r->xlsx, xlsx_sheet_current(r->xlsx)));
}

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
		r->by_name = xo.sheet != NULL;
		xlsx_format(r);
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

int reader_next_sheet(struct reader *r)
{
	if (!r->xlsx || r->by_name)
		return 0;
	int n = xlsx_sheet_count(r->xlsx);
	for (int i = xlsx_sheet_current(r->xlsx) + 1; i < n; i++) {
		if (!xlsx_sheet_readable(r->xlsx, i))
			continue;
		if (xlsx_select_sheet(r->xlsx, i))
			return -1;
		xlsx_format(r);
		return 1;
	}
	return 0;
}

const char *reader_sheet(const struct reader *r)
{
	return r->xlsx ? xlsx_sheet_name(r->xlsx, xlsx_sheet_current(r->xlsx)) : NULL;
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
