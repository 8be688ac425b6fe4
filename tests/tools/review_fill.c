/*
 * review_fill - plays the supervisor: copies a merge-review.xlsx (every sheet,
 * through the project's reader) into a new workbook written by libxlsxwriter,
 * with the Decision and Remarks of chosen duplicates filled in.
 *
 *   review_fill IN.xlsx OUT.xlsx [COMPLAINT_ID=DECISION[:REMARKS]]...
 *
 * DECISION is merge, reject or unsure (the drop-down's values) or any other
 * text, written as it is. A trailing @N also rewrites the row's hidden
 * proposal id to N (to test the import's checks): ID=merge@12.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

#include "engine/review.h"
#include "ingest/xlsx.h"

static const char *decision_text(const char *d)
{
	if (!strcmp(d, "merge"))
		return REVIEW_MERGE;
	if (!strcmp(d, "reject"))
		return REVIEW_REJECT;
	if (!strcmp(d, "unsure"))
		return REVIEW_UNSURE;
	return d;
}

static const char *english(const char *h)
{
	const char *nl = strrchr(h, '\n');
	return nl ? nl + 1 : h;
}

/* The argument for complaint id, or NULL. */
static const char *arg_for(int argc, char **argv, const char *id)
{
	size_t n = strlen(id);
	for (int i = 3; i < argc; i++)
		if (!strncmp(argv[i], id, n) && argv[i][n] == '=')
			return argv[i] + n + 1;
	return NULL;
}

static int copy_sheet(const char *in, const char *name, lxw_workbook *wb, int argc, char **argv)
{
	struct strbuf err = STRBUF_INIT;
	struct xlsx_options o = {.sheet = name};
	struct xlsx_reader *r = xlsx_open(in, &o, &err);
	struct row row;
	int dcol = -1, rcol = -1, ccol = -1, pcol = -1;
	if (!r) {
		fprintf(stderr, "review_fill: %s\n", err.buf);
		return -1;
	}
	lxw_worksheet *ws = workbook_add_worksheet(wb, name);
	for (lxw_row_t y = 0; xlsx_next(r, &row) == ROW_OK; y++) {
		const char *id = NULL, *a = NULL;
		for (size_t x = 0; x < row.nfields; x++) {
			const char *h = english(row.field[x]);
			if (y == 0 && !strcmp(h, REVIEW_COL_DECISION))
				dcol = (int)x;
			if (y == 0 && !strcmp(h, REVIEW_COL_REMARKS))
				rcol = (int)x;
			if (y == 0 && !strcmp(h, REVIEW_COL_COMPLAINT))
				ccol = (int)x;
			if (y == 0 && !strcmp(h, REVIEW_COL_PROPOSAL))
				pcol = (int)x;
		}
		if (y > 0 && ccol >= 0 && (size_t)ccol < row.nfields) {
			id = row.field[ccol];
			a = arg_for(argc, argv, id);
		}
		char decision[256] = "", remarks[256] = "", proposal[32] = "";
		if (a) {
			const char *at = strchr(a, '@');
			size_t n = at ? (size_t)(at - a) : strlen(a);
			const char *colon = memchr(a, ':', n);
			snprintf(decision, sizeof(decision), "%.*s",
				 (int)(colon ? (size_t)(colon - a) : n), a);
			if (colon)
				snprintf(remarks, sizeof(remarks), "%.*s",
					 (int)(n - (size_t)(colon + 1 - a)), colon + 1);
			if (at)
				snprintf(proposal, sizeof(proposal), "%s", at + 1);
		}
		for (size_t x = 0; x < row.nfields || (a && (size_t)dcol >= x); x++) {
			const char *v = x < row.nfields ? row.field[x] : "";
			if (a && (int)x == dcol)
				v = decision_text(decision);
			else if (a && (int)x == rcol && *remarks)
				v = remarks;
			else if (a && (int)x == pcol && *proposal)
				v = proposal;
			if (*v)
				worksheet_write_string(ws, y, (lxw_col_t)x, v, NULL);
		}
	}
	xlsx_close(r);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr,
			"usage: review_fill IN.xlsx OUT.xlsx [COMPLAINT_ID=DECISION[:REMARKS]]...\n");
		return 2;
	}
	lxw_workbook *wb = workbook_new(argv[2]);
	if (copy_sheet(argv[1], REVIEW_SHEET, wb, argc, argv) ||
	    copy_sheet(argv[1], REVIEW_META_SHEET, wb, 0, argv))
		return 1;
	lxw_error e = workbook_close(wb);
	if (e) {
		fprintf(stderr, "review_fill: %s\n", lxw_strerror(e));
		return 1;
	}
	return 0;
}
