/*
 * test_report_util.h - what the report tests share: read a sheet back with
 * nirakaran's own XLSX reader into a table of strings, and read a part of
 * the workbook's zip (sheet XML) with unzip.
 */
#ifndef NK_TEST_REPORT_UTIL_H
#define NK_TEST_REPORT_UTIL_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/util.h"
#include "ingest/xlsx.h"

struct tab {
	int nrows;
	long *number; /* sheet row numbers */
	int *ncols;
	char ***cell;
	char *error; /* NULL when read whole */
};

static struct tab tab_read(const char *path, const char *sheet)
{
	struct tab t = {0};
	struct xlsx_options opt = {.sheet = sheet};
	struct strbuf err = STRBUF_INIT;
	struct xlsx_reader *r = xlsx_open(path, &opt, &err);
	if (!r) {
		t.error = strbuf_detach(&err, NULL);
		return t;
	}
	struct row row;
	int st, alloc = 0;
	while ((st = xlsx_next(r, &row)) == ROW_OK) {
		if (t.nrows == alloc) {
			alloc = alloc ? alloc * 2 : 64;
			t.cell = xrealloc(t.cell, (size_t)alloc * sizeof(*t.cell));
			t.ncols = xrealloc(t.ncols, (size_t)alloc * sizeof(*t.ncols));
			t.number = xrealloc(t.number, (size_t)alloc * sizeof(*t.number));
		}
		t.cell[t.nrows] = xcalloc(row.nfields + 1, sizeof(char *));
		for (size_t i = 0; i < row.nfields; i++)
			t.cell[t.nrows][i] = xstrndup(row.field[i], row.len[i]);
		t.ncols[t.nrows] = (int)row.nfields;
		t.number[t.nrows] = row.number;
		t.nrows++;
	}
	if (st == ROW_ERROR)
		t.error = xstrdup(xlsx_error(r));
	xlsx_close(r);
	strbuf_release(&err);
	return t;
}

/* The cell's text, "" when the row or column is absent. */
static const char *tab_at(const struct tab *t, int r, int c)
{
	if (r < 0 || r >= t->nrows || c < 0 || c >= t->ncols[r] || !t->cell[r][c])
		return "";
	return t->cell[r][c];
}

static void tab_free(struct tab *t)
{
	for (int r = 0; r < t->nrows; r++) {
		for (int c = 0; c < t->ncols[r]; c++)
			free(t->cell[r][c]);
		free(t->cell[r]);
	}
	free(t->cell);
	free(t->ncols);
	free(t->number);
	free(t->error);
	memset(t, 0, sizeof(*t));
}

/* The sheet names of a workbook, "name" or "name\thidden", joined by '|'. */
static char *tab_sheets(const char *path)
{
	struct strbuf sb = STRBUF_INIT, err = STRBUF_INIT;
	struct xlsx_reader *r = xlsx_open(path, NULL, &err);
	if (!r) {
		strbuf_release(&sb);
		return strbuf_detach(&err, NULL);
	}
	for (int i = 0; i < xlsx_sheet_count(r); i++)
		strbuf_addf(&sb, "%s%s%s", i ? "|" : "", xlsx_sheet_name(r, i),
			    xlsx_sheet_hidden(r, i) ? "\thidden" : "");
	xlsx_close(r);
	strbuf_release(&err);
	return strbuf_detach(&sb, NULL);
}

/* A part of the zip (e.g. "xl/worksheets/sheet1.xml") as text; "" when absent. */
static char *zip_part(const char *path, const char *part)
{
	struct strbuf cmd = STRBUF_INIT, out = STRBUF_INIT;
	char buf[65536];
	size_t n;
	strbuf_addf(&cmd, "unzip -p '%s' '%s' 2>/dev/null", path, part);
	FILE *p = popen(cmd.buf, "r");
	while (p && (n = fread(buf, 1, sizeof(buf), p)) > 0)
		strbuf_add(&out, buf, n);
	if (p)
		pclose(p);
	strbuf_release(&cmd);
	return strbuf_detach(&out, NULL);
}

/*
 * 1 when the sheet XML's cell ref (e.g. "B3") has needle among its
 * attributes: t="inlineStr" is text, no t= with a <v> is a number.
 */
static int cell_has(const char *xml, const char *ref, const char *needle)
{
	char open[32];
	xsnprintf(open, sizeof(open), "<c r=\"%s\"", ref);
	const char *c = strstr(xml, open);
	if (!c)
		return 0;
	const char *end = strchr(c, '>');
	const char *hit = strstr(c, needle);
	return hit && end && hit < end;
}

/* The whole of a small file, or NULL. */
static char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	struct strbuf sb = STRBUF_INIT;
	char buf[65536];
	size_t n;
	if (!f)
		return NULL;
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		strbuf_add(&sb, buf, n);
	fclose(f);
	return strbuf_detach(&sb, NULL);
}

/* Files in dir whose names start with '.' and hold ".tmp-": leftovers. */
static int leftover_tmp_files(const char *dir)
{
	struct strbuf cmd = STRBUF_INIT;
	strbuf_addf(&cmd, "ls -A '%s' | grep -c '^\\..*\\.tmp-'", dir);
	FILE *p = popen(cmd.buf, "r");
	int n = -1;
	if (p && fscanf(p, "%d", &n) != 1)
		n = -1;
	if (p)
		pclose(p);
	strbuf_release(&cmd);
	return n;
}

#endif
