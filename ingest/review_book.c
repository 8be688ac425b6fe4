/* review_book.c - reading a returned merge-review workbook (see review_book.h). */
#include "ingest/review_book.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "ingest/xlsx.h"

/* Where the workbook's bytes are: a file, or memory. */
struct src {
	const char *name;
	const void *data; /* NULL: read the file name */
	size_t len;
};

static struct xlsx_reader *open_sheet(const struct src *s, const char *sheet, struct strbuf *err)
{
	struct xlsx_options o = {.sheet = sheet};
	return s->data ? xlsx_open_mem(s->data, s->len, s->name, &o, err)
		       : xlsx_open(s->name, &o, err);
}

/* A cell the reader could not read: its message says which and why. */
static int damaged(const struct src *s, const struct row *row, struct strbuf *err)
{
	strbuf_addf(err,
		    "%s: %s; nothing was imported: decide on tonight's merge-review.xlsx "
		    "instead / फ़ाइल ख़राब है, कुछ भी दर्ज नहीं हुआ",
		    s->name, row->problem);
	return -1;
}

/* The sheet's next row: ROW_OK, ROW_EOF, or ROW_ERROR with err set (a
 * damaged cell, or what the reader says). */
static int next_row(const struct src *s, struct xlsx_reader *r, struct row *row, struct strbuf *err)
{
	int rc = xlsx_next(r, row);
	if (rc == ROW_OK && row->problem)
		return damaged(s, row, err);
	if (rc == ROW_ERROR && !err->len)
		strbuf_addstr(err, xlsx_error(r));
	return rc;
}

static int read_meta(struct review_book *b, const struct src *s, struct strbuf *err)
{
	struct xlsx_reader *r = open_sheet(s, REVIEW_META_SHEET, err);
	struct row row;
	int rc;
	if (!r)
		return -1;
	while ((rc = next_row(s, r, &row, err)) == ROW_OK) {
		if (row.nfields < 2)
			continue;
		const char *v = arena_strdup(&b->arena, row.field[1]);
		if (!strcmp(row.field[0], "db_id"))
			b->f.db_id = v;
		else if (!strcmp(row.field[0], "run_id"))
			b->f.run_id = v;
	}
	xlsx_close(r);
	return rc < 0 ? -1 : 0;
}

enum { K_DECISION, K_REMARKS, K_PROPOSAL, K_RUN, K_COMPLAINT, K_PRIMARY, K_COUNT };

/* "निर्णय\nDecision" -> "Decision" */
static const char *english(const char *header)
{
	const char *nl = strrchr(header, '\n');
	return nl ? nl + 1 : header;
}

/* hdr NULL: the sheet has no header row. */
static int find_columns(const struct row *hdr, int col[K_COUNT], const struct src *s,
			struct strbuf *err)
{
	static const char *names[K_COUNT] = {REVIEW_COL_DECISION,  REVIEW_COL_REMARKS,
					     REVIEW_COL_PROPOSAL,  REVIEW_COL_RUN,
					     REVIEW_COL_COMPLAINT, REVIEW_COL_PRIMARY};
	for (int k = 0; k < K_COUNT; k++) {
		col[k] = -1;
		for (size_t c = 0; hdr && c < hdr->nfields && col[k] < 0; c++)
			if (!strcmp(english(hdr->field[c]), names[k]))
				col[k] = (int)c;
		if (col[k] < 0) {
			strbuf_addf(
				err,
				"%s: the column \"%s\" is missing from the review sheet; use the "
				"workbook as the engine wrote it",
				s->name, names[k]);
			return -1;
		}
	}
	return 0;
}

static const char *cell(struct review_book *b, const struct row *row, int c)
{
	return arena_strdup(&b->arena, (size_t)c < row->nfields ? row->field[c] : "");
}

static void add_row(struct review_book *b, const struct row *row, const int col[K_COUNT])
{
	ALLOC_GROW(b->f.rows, b->f.nrows + 1, b->alloc);
	struct review_row *rr = &b->f.rows[b->f.nrows++];
	rr->row = row->number;
	rr->decision = cell(b, row, col[K_DECISION]);
	rr->remarks = cell(b, row, col[K_REMARKS]);
	rr->proposal_id = cell(b, row, col[K_PROPOSAL]);
	rr->run_id = cell(b, row, col[K_RUN]);
	rr->complaint_id = cell(b, row, col[K_COMPLAINT]);
	rr->primary_id = cell(b, row, col[K_PRIMARY]);
}

/* Whether row is the header: a cell whose English part is "Decision". */
static int is_header(const struct row *row)
{
	for (size_t c = 0; c < row->nfields; c++)
		if (!strcmp(english(row->field[c]), REVIEW_COL_DECISION))
			return 1;
	return 0;
}

/* The review sheet under its name, or the name workbooks had before it. */
static struct xlsx_reader *open_review(const struct src *s, struct strbuf *err)
{
	size_t was = err->len;
	struct xlsx_reader *r = open_sheet(s, REVIEW_SHEET, err);
	if (r)
		return r;
	struct strbuf again = STRBUF_INIT;
	r = open_sheet(s, REVIEW_SHEET_V1, &again);
	if (r)
		strbuf_setlen(err, was);
	strbuf_release(&again);
	return r;
}

static int read_rows(struct review_book *b, const struct src *s, struct strbuf *err)
{
	struct xlsx_reader *r = open_review(s, err);
	struct row row;
	int col[K_COUNT], rc, first = 1;
	long above = 0;
	if (!r)
		return -1;
	while ((rc = next_row(s, r, &row, err)) == ROW_OK) {
		if (first) {
			/* Title rows above the header (up to a few) are skipped. */
			if (!is_header(&row) && ++above <= REVIEW_TITLE_ROWS_MAX)
				continue;
			first = 0;
			if (find_columns(&row, col, s, err)) {
				rc = -1;
				break;
			}
			continue;
		}
		add_row(b, &row, col);
	}
	if (rc == ROW_EOF && first && find_columns(NULL, col, s, err))
		rc = -1;
	xlsx_close(r);
	return rc < 0 ? -1 : 0;
}

static int read_book(struct review_book *b, const struct src *s, struct strbuf *err)
{
	if (read_meta(b, s, err) || read_rows(b, s, err))
		return -1;
	return 0;
}

int review_book_read(struct review_book *b, const char *path, struct strbuf *err)
{
	struct src s = {.name = path};
	memset(b, 0, sizeof(*b));
	b->f.path = arena_strdup(&b->arena, path);
	if (sha256_file(path, b->f.sha256)) {
		strbuf_addf(err, "%s: cannot read the file: %s", path, strerror(errno));
		return -1;
	}
	return read_book(b, &s, err);
}

int review_book_read_mem(struct review_book *b, const void *data, size_t len, const char *name,
			 struct strbuf *err)
{
	static const char none;
	struct src s = {.name = name, .data = data ? data : &none, .len = len};
	memset(b, 0, sizeof(*b));
	b->f.path = arena_strdup(&b->arena, name);
	sha256_hex(s.data, len, b->f.sha256);
	return read_book(b, &s, err);
}

void review_book_release(struct review_book *b)
{
	free(b->f.rows);
	arena_release(&b->arena);
	memset(b, 0, sizeof(*b));
}
