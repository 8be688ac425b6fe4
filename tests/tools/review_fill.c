/*
 * review_fill - plays the supervisor: copies a merge-review.xlsx (every sheet,
 * through the project's reader) into a new workbook written by libxlsxwriter,
 * with the Decision and Remarks of chosen duplicates filled in.
 *
 *   review_fill IN.xlsx OUT.xlsx [COMPLAINT_ID=DECISION[:REMARKS]]...
 *
 * DECISION is merge, reject or unsure (the drop-down's values) or any other
 * text, written as it is. To test the import's checks: a trailing @N also
 * rewrites the row's hidden proposal id to N, as text (ID=merge@12), a
 * trailing * writes the row twice (ID=merge*), and KEY=VALUE with a key of
 * the hidden sheet rewrites its value (run_id=99). Title rows above the
 * review sheet's header are copied as they are.
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

/* The columns copy_row() changes, found in the header. */
struct cols {
	int decision, remarks, complaint, proposal;
};

static void find_cols(const struct row *hdr, struct cols *c)
{
	*c = (struct cols){-1, -1, -1, -1};
	for (size_t x = 0; x < hdr->nfields; x++) {
		const char *h = english(hdr->field[x]);
		if (!strcmp(h, REVIEW_COL_DECISION))
			c->decision = (int)x;
		if (!strcmp(h, REVIEW_COL_REMARKS))
			c->remarks = (int)x;
		if (!strcmp(h, REVIEW_COL_COMPLAINT))
			c->complaint = (int)x;
		if (!strcmp(h, REVIEW_COL_PROPOSAL))
			c->proposal = (int)x;
	}
}

/* Writes row at y with a (COMPLAINT_ID=... without the id, or NULL) applied. */
static void copy_row(lxw_worksheet *ws, lxw_row_t y, const struct row *row, const struct cols *c,
		     const char *a)
{
	char decision[256] = "", remarks[256] = "", proposal[32] = "";
	if (a) {
		const char *at = strchr(a, '@');
		size_t n = at ? (size_t)(at - a) : strcspn(a, "*");
		const char *colon = memchr(a, ':', n);
		snprintf(decision, sizeof(decision), "%.*s", (int)(colon ? (size_t)(colon - a) : n),
			 a);
		if (colon)
			snprintf(remarks, sizeof(remarks), "%.*s",
				 (int)(n - (size_t)(colon + 1 - a)), colon + 1);
		if (at)
			snprintf(proposal, sizeof(proposal), "%.*s", (int)strcspn(at + 1, "*"),
				 at + 1);
	}
	for (size_t x = 0; x < row->nfields || (a && (size_t)c->decision >= x); x++) {
		const char *v = x < row->nfields ? row->field[x] : "";
		if (a && (int)x == c->decision)
			v = decision_text(decision);
		else if (a && (int)x == c->remarks && *remarks)
			v = remarks;
		else if (a && (int)x == c->proposal && *proposal)
			v = proposal;
		if (*v)
			worksheet_write_string(ws, y, (lxw_col_t)x, v, NULL);
	}
}

static int copy_sheet(const char *in, const char *name, lxw_workbook *wb, int argc, char **argv)
{
	struct strbuf err = STRBUF_INIT;
	struct xlsx_options o = {.sheet = name};
	struct xlsx_reader *r = xlsx_open(in, &o, &err);
	struct row row;
	struct cols c;
	if (!r) {
		fprintf(stderr, "review_fill: %s\n", err.buf);
		return -1;
	}
	lxw_worksheet *ws = workbook_add_worksheet(wb, name);
	int in_data =
		0; /* past the header: the meta sheet's first row, the review's Decision row */
	for (lxw_row_t y = 0; xlsx_next(r, &row) == ROW_OK; y++) {
		const char *a = NULL;
		if (!in_data) {
			find_cols(&row, &c);
			in_data = c.decision >= 0 || strcmp(name, REVIEW_SHEET);
		} else if (c.complaint >= 0 && (size_t)c.complaint < row.nfields)
			a = arg_for(argc, argv, row.field[c.complaint]);
		else if (c.complaint < 0 && row.nfields >= 2 &&
			 (a = arg_for(argc, argv, row.field[0])))
			row.field[1] = (char *)a; /* a key of the hidden sheet */
		copy_row(ws, y, &row, &c, c.complaint >= 0 ? a : NULL);
		if (a && c.complaint >= 0 && a[strlen(a) - 1] == '*')
			copy_row(ws, ++y, &row, &c, a); /* a copied row */
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
	    copy_sheet(argv[1], REVIEW_META_SHEET, wb, argc, argv))
		return 1;
	lxw_error e = workbook_close(wb);
	if (e) {
		fprintf(stderr, "review_fill: %s\n", lxw_strerror(e));
		return 1;
	}
	return 0;
}
