/* book.c - report sheets in nirakaran's conventions (see book.h). */
#include "reports/book.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "engine/date.h"
#include "engine/store.h"
#include "reports/booktext.h"
#include "reports/csvout.h"
#include "reports/outfile.h"

#define WIDTH_SAMPLE_ROWS 2000  /* rows measured for column widths */
#define URLS_PER_PART     65000 /* under Excel's 65,530 hyperlinks a sheet */
#define ROW_HEIGHT        17.0  /* a line with Devanagari's tall marks */
#define LINE_HEIGHT       15.5  /* a wrapped line of 11-point text, Devanagari's marks included */
#define MAX_LINES         8     /* a taller row would hide its neighbours */
#define WRAP_WIDTH        45.0  /* wrapped columns without a width of their own */
#define MARK_COLOR        0xFCE4D6 /* a cell that differs from its pair */
#define PAPER_A4          9

struct part {
	lxw_worksheet *ws;
	long hdr;      /* 0-based row of its header */
	long last_row; /* 0-based; hdr when only the header is written */
	long urls;
};

struct book_sheet {
	struct book *b;
	char *name;
	struct book_col *cols;
	int ncols;
	lxw_format **fmt; /* per column */
	double *width;    /* per column, measured */
	unsigned char *scale;
	char ***vlist; /* per column drop-down values, or NULL */
	int *nv;
	lxw_format **mark; /* per column, made when first needed */
	struct part *parts;
	size_t nparts, alloc;
	long row;   /* 0-based row of the current part */
	long rows;  /* data rows, all parts, shown or not */
	long shown; /* data rows in the workbook (the rest in the CSV only) */
	int dead, protect, hidden, uncapped;
	int over;  /* the current row is past the cap: CSV only */
	int lines; /* lines the current row's wrapped cells need */
	struct book_sheet_opt opt;
	char *csv_name; /* the CSV twin's file name, for the cap's note */
	struct csvout *csv;
	struct strbuf *cell; /* the CSV fields of the current row */
	char *has;
	int row_open;
};

struct book {
	lxw_workbook *wb;
	char *path, *tmp;
	struct strbuf err;
	int failed;
	long max_rows;
	long cap;     /* data rows a sheet shows; 0: all */
	char *footer; /* the printed pages' footer, NULL until book_set_page */
	lxw_format *fmt[BOOK_FMT_COUNT_];
	struct book_sheet **sheets;
	size_t nsheets, alloc;
	lxw_worksheet **free_ws; /* free-form sheets, for their page setup */
	size_t nfree, free_alloc;
	struct outfile_set *defer; /* committed by the caller, or NULL */
};

void book_fail(struct book *b, const char *fmt, ...)
{
	va_list ap;
	if (b->failed)
		return;
	b->failed = 1;
	va_start(ap, fmt);
	strbuf_vaddf(&b->err, fmt, ap);
	va_end(ap);
}

/*
 * What went wrong in a libxlsxwriter call, in words, or NULL. Not only e:
 * libxlsxwriter 1.1.4 drops a cell whose copy it cannot allocate and still
 * says LXW_NO_ERROR, its setters return nothing, and it writes its
 * temporary files (the sheets' XML) without looking at the result. A
 * failed malloc or write leaves errno, so that counts too. Clears errno
 * for the next call.
 */
static const char *lxw_problem(lxw_error e)
{
	int en = errno;
	errno = 0;
	if (e != LXW_NO_ERROR)
		return lxw_strerror(e);
	if (en == ENOMEM || en == ENOSPC || en == EIO || en == EDQUOT || en == EFBIG)
		return strerror(en);
	return NULL;
}

int book_check(struct book *b, lxw_error e, const char *what)
{
	const char *problem = lxw_problem(e);
	if (!problem)
		return 0;
	book_fail(b, "%s of %s: %s", what, b->path, problem);
	return -1;
}

int book_failed(const struct book *b)
{
	return b->failed;
}

/* Records a cell's error with the sheet, row and column it happened at. */
static void cell_check(struct book_sheet *s, int col, lxw_error e)
{
	char what[256];
	const char *problem = lxw_problem(e);
	if (!problem)
		return;
	xsnprintf(what, sizeof(what), "writing sheet '%s' row %ld column '%s'", s->name, s->row + 1,
		  s->cols[col].en);
	book_fail(s->b, "%s of %s: %s", what, s->b->path, problem);
}

static void make_formats(struct book *b)
{
	lxw_workbook *wb = b->wb;
	for (int i = 0; i < BOOK_FMT_COUNT_; i++) {
		b->fmt[i] = workbook_add_format(wb);
		if (!b->fmt[i]) { /* the setters below would write through NULL */
			book_check(b, LXW_ERROR_MEMORY_MALLOC_FAILED, "adding the formats");
			return;
		}
	}
	format_set_bold(b->fmt[BOOK_FMT_HEADER]);
	format_set_text_wrap(b->fmt[BOOK_FMT_HEADER]);
	format_set_align(b->fmt[BOOK_FMT_HEADER], LXW_ALIGN_VERTICAL_TOP);
	format_set_bg_color(b->fmt[BOOK_FMT_HEADER], 0xDDEBF7);
	format_set_bottom(b->fmt[BOOK_FMT_HEADER], LXW_BORDER_THIN);
	format_set_bold(b->fmt[BOOK_FMT_TITLE]);
	format_set_font_size(b->fmt[BOOK_FMT_TITLE], 14);
	format_set_text_wrap(b->fmt[BOOK_FMT_LABEL]);
	format_set_num_format(b->fmt[BOOK_FMT_INT], "#,##0");
	format_set_num_format(b->fmt[BOOK_FMT_NUM], "0.0");
	format_set_num_format(b->fmt[BOOK_FMT_PCT], "0.0%");
	format_set_num_format(b->fmt[BOOK_FMT_DATE], "dd-mm-yyyy");
	format_set_italic(b->fmt[BOOK_FMT_NOTE]);
	format_set_font_color(b->fmt[BOOK_FMT_NOTE], 0x595959);
	format_set_bold(b->fmt[BOOK_FMT_WARN]);
	format_set_font_color(b->fmt[BOOK_FMT_WARN], 0x9C0006);
	format_set_bg_color(b->fmt[BOOK_FMT_WARN], 0xFFC7CE);
	format_set_bold(b->fmt[BOOK_FMT_BIG]);
	format_set_font_size(b->fmt[BOOK_FMT_BIG], 12);
	format_set_num_format(b->fmt[BOOK_FMT_BIG], "#,##0");
	format_set_align(b->fmt[BOOK_FMT_BIG], LXW_ALIGN_LEFT);
	format_set_num_format(b->fmt[BOOK_FMT_DEC], "0.0");
	format_set_align(b->fmt[BOOK_FMT_DEC], LXW_ALIGN_LEFT);
	format_set_num_format(b->fmt[BOOK_FMT_CHANGE], "+#,##0;-#,##0;0");
	format_set_align(b->fmt[BOOK_FMT_CHANGE], LXW_ALIGN_LEFT);
	format_set_text_wrap(b->fmt[BOOK_FMT_WRAP]);
	format_set_align(b->fmt[BOOK_FMT_WRAP], LXW_ALIGN_VERTICAL_TOP);
	book_check(b, LXW_NO_ERROR, "adding the formats");
}

static void dir_of(const char *path, struct strbuf *dir)
{
	const char *slash = strrchr(path, '/');
	if (slash)
		strbuf_add(dir, path, slash == path ? 1 : (size_t)(slash - path));
	else
		strbuf_addstr(dir, ".");
}

struct book *book_open(const char *path, struct strbuf *err)
{
	struct strbuf tmp = STRBUF_INIT, dir = STRBUF_INIT;
	outfile_tmpname(path, &tmp);
	dir_of(path, &dir);
	/* Streamed rows go to temporary files beside the report, not to a
	 * /tmp that may be memory. */
	lxw_workbook_options opt = {.constant_memory = LXW_TRUE, .tmpdir = dir.buf};
	errno = 0;
	lxw_workbook *wb = workbook_new_opt(tmp.buf, &opt);
	const char *problem = lxw_problem(LXW_NO_ERROR);
	strbuf_release(&dir);
	if (!wb || problem) {
		strbuf_addf(err, "cannot start workbook %s: %s", path,
			    problem ? problem : "out of memory or bad file name");
		lxw_workbook_free(wb);
		unlink(tmp.buf);
		strbuf_release(&tmp);
		return NULL;
	}
	struct book *b = xcalloc(1, sizeof(*b));
	b->wb = wb;
	b->path = xstrdup(path);
	b->tmp = strbuf_detach(&tmp, NULL);
	strbuf_init(&b->err, 0);
	b->max_rows = LXW_ROW_MAX;
	make_formats(b);
	return b;
}

void book_set_cap(struct book *b, long rows)
{
	b->cap = rows < 0 ? 0 : rows;
}

void book_uncapped(struct book_sheet *s)
{
	s->uncapped = 1;
}

long book_shown(const struct book_sheet *s)
{
	return s->shown;
}

int book_header_row(const struct book_sheet *s)
{
	return s->opt.title_rows;
}

/* text with each '&' doubled, as a header or footer needs. */
static void add_footer_text(struct strbuf *sb, const char *text)
{
	for (; text && *text; text++) {
		if (*text == '&')
			strbuf_addch(sb, '&');
		strbuf_addch(sb, *text);
	}
}

void book_set_page(struct book *b, const char *district_hi, const char *district, int night)
{
	struct strbuf f = STRBUF_INIT;
	char day[11];
	strbuf_addstr(&f, "&L");
	add_footer_text(&f, district_hi);
	if (district_hi && district)
		strbuf_addstr(&f, " / ");
	add_footer_text(&f, district);
	strbuf_addf(&f, "&Cरात / night %s&Rपृष्ठ / page &P / &N", date_format_dmy(night, day));
	free(b->footer);
	b->footer = strbuf_detach(&f, NULL);
}

void book_set_max_rows(struct book *b, long rows)
{
	b->max_rows = rows < 2 ? 2 : rows > LXW_ROW_MAX ? LXW_ROW_MAX : rows;
}

lxw_workbook *book_workbook(struct book *b)
{
	return b->wb;
}
struct book *book_of(struct book_sheet *s)
{
	return s->b;
}
lxw_format *book_format(struct book *b, enum book_fmt f)
{
	return b->fmt[f];
}
long book_rows(const struct book_sheet *s)
{
	return s->rows;
}
int book_parts(const struct book_sheet *s)
{
	return (int)s->nparts;
}

lxw_worksheet *book_worksheet(struct book_sheet *s)
{
	return s->nparts ? s->parts[s->nparts - 1].ws : NULL;
}

double book_excel_date(const char *ymd)
{
	int v[3] = {0, 0, 0}, k = 0;
	if (!ymd)
		return -1;
	/* By hand, a date cell a row: a NUL fails both tests, so no overread. */
	for (int i = 0; i < 10; i++) {
		if (i == 4 || i == 7) {
			if (ymd[i] != '-')
				return -1;
			k++;
		} else if (ymd[i] >= '0' && ymd[i] <= '9') {
			v[k] = v[k] * 10 + (ymd[i] - '0');
		} else {
			return -1;
		}
	}
	if (!date_valid_ymd(v[0], v[1], v[2]))
		return -1;
	int day = date_from_ymd(v[0], v[1], v[2]);
	/* 1900-03-01 (-25508): before it Excel's serials count a false 29 February. */
	if (day < -25508)
		return -1;
	return (double)day + 25569.0; /* serial of 1970-01-01 */
}

/* ---- sheets ---- */

/* name, or for part k > 1 name cut to fit " (k)" in Excel's 31 characters. */
static void part_name(const char *name, size_t k, struct strbuf *out)
{
	char suffix[24];
	size_t n, chars = 0, i;
	if (k == 1) {
		strbuf_addstr(out, name);
		return;
	}
	xsnprintf(suffix, sizeof(suffix), " (%zu)", k);
	size_t room = LXW_SHEETNAME_MAX - strlen(suffix);
	size_t len = strlen(name);
	for (i = 0; i < len && chars < room; i += n, chars++)
		booktext_decode((const unsigned char *)name + i, len - i, &n);
	strbuf_add(out, name, i);
	strbuf_addstr(out, suffix);
}

static void header_text(const struct book_col *c, struct strbuf *out)
{
	if (c->hi && *c->hi) {
		strbuf_addstr(out, c->hi);
		strbuf_addch(out, '\n');
	}
	strbuf_addstr(out, c->en);
}

/*
 * A worksheet named name, or NULL with the failure recorded. The names
 * libxlsxwriter copies are checked too: when the copy cannot be allocated
 * it keeps NULL and says nothing (errno is cleared by the temporary file
 * it makes next), and the workbook would lose its filter ranges.
 */
static lxw_worksheet *add_sheet(struct book *b, const char *name)
{
	lxw_error e = workbook_validate_sheet_name(b->wb, name);
	if (e != LXW_NO_ERROR) {
		book_fail(b, "cannot add sheet '%s' to %s: %s", name, b->path, lxw_strerror(e));
		return NULL;
	}
	lxw_worksheet *ws = workbook_add_worksheet(b->wb, name);
	if (ws && ws->name && ws->quoted_name && !book_check(b, LXW_NO_ERROR, "adding a sheet")) {
		worksheet_set_default_row(ws, ROW_HEIGHT, LXW_FALSE);
		return ws;
	}
	book_fail(b, "cannot add sheet '%s' to %s: out of memory", name, b->path);
	return NULL;
}

/* A column's width when it is not measured: its own, or a wrapped one's. */
static double fixed_width(const struct book_col *c)
{
	return c->width > 0 ? c->width : (c->flags & BOOK_WRAP) ? WRAP_WIDTH : 0;
}

/* The header row's height: its tallest cell wrapped in its column. */
static double header_height(const struct book_sheet *s)
{
	int lines = 2;
	struct strbuf h = STRBUF_INIT;
	for (int c = 0; c < s->ncols; c++) {
		if (!fixed_width(&s->cols[c]))
			continue; /* measured columns are as wide as their header */
		strbuf_reset(&h);
		header_text(&s->cols[c], &h);
		int n = booktext_lines(h.buf, h.len, fixed_width(&s->cols[c]) / 1.1);
		if (n > lines)
			lines = n;
	}
	strbuf_release(&h);
	return LINE_HEIGHT * lines + 5.0;
}

static int new_part(struct book_sheet *s)
{
	struct book *b = s->b;
	struct strbuf name = STRBUF_INIT, h = STRBUF_INIT;
	part_name(s->name, s->nparts + 1, &name);
	lxw_worksheet *ws = add_sheet(b, name.buf);
	strbuf_release(&name);
	if (!ws) {
		s->dead = 1;
		return -1;
	}
	ALLOC_GROW(s->parts, s->nparts + 1, s->alloc);
	/* Title rows above the header in the first part only. */
	long hdr = s->nparts ? 0 : s->opt.title_rows;
	s->parts[s->nparts++] = (struct part){ws, hdr, hdr, 0};
	if (hdr && s->opt.title)
		s->opt.title(s, ws, s->opt.arg);
	s->row = hdr;
	/* The height goes before the cells: constant_memory flushes a row once left. */
	book_check(b, worksheet_set_row(ws, (lxw_row_t)hdr, header_height(s), NULL),
		   "writing the header");
	for (int c = 0; c < s->ncols; c++) {
		strbuf_reset(&h);
		header_text(&s->cols[c], &h);
		cell_check(s, c,
			   worksheet_write_string(ws, (lxw_row_t)hdr, (lxw_col_t)c, h.buf,
						  b->fmt[BOOK_FMT_HEADER]));
	}
	strbuf_release(&h);
	return 0;
}

/* The format of column c's cells; with mark, of those that differ from their pair. */
static lxw_format *col_format(struct book *b, const struct book_col *c, int mark, int top)
{
	static const enum book_fmt by_type[] = {BOOK_FMT_TEXT, BOOK_FMT_INT,  BOOK_FMT_NUM,
						BOOK_FMT_PCT,  BOOK_FMT_DATE, BOOK_FMT_TEXT};
	/* Plain columns keep no format: libxlsxwriter writes a formatted text
	 * cell at about twice the cost (a 1M-row sheet: 18 s against 40 s). */
	if (!mark && !top && !(c->flags & (BOOK_UNLOCKED | BOOK_WRAP)))
		return c->type == BOOK_TEXT || c->type == BOOK_URL ? NULL
								   : b->fmt[by_type[c->type]];
	lxw_format *f = workbook_add_format(b->wb);
	if (!f) {
		book_check(b, LXW_ERROR_MEMORY_MALLOC_FAILED, "adding a column format");
		return NULL;
	}
	if (c->type == BOOK_INT)
		format_set_num_format(f, "#,##0");
	else if (c->type == BOOK_NUM)
		format_set_num_format(f, "0.0");
	else if (c->type == BOOK_PCT)
		format_set_num_format(f, "0.0%");
	else if (c->type == BOOK_DATE)
		format_set_num_format(f, "dd-mm-yyyy");
	if (c->flags & BOOK_UNLOCKED) {
		format_set_unlocked(f);
		format_set_bg_color(f, 0xFFF2CC); /* editable cells stand out */
	}
	if (mark) {
		format_set_bg_color(f, MARK_COLOR);
		format_set_bold(f);
	}
	if (c->flags & BOOK_WRAP)
		format_set_text_wrap(f);
	if (top) /* every cell at the top of a row a wrapped neighbour made taller */
		format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
	book_check(b, LXW_NO_ERROR, "adding a column format");
	return f;
}

/* Header widths: the longest line, bold. */
static double header_width(const struct book_col *c)
{
	double w = c->hi ? book_text_width(c->hi, strlen(c->hi)) : 0;
	double en = book_text_width(c->en, strlen(c->en));
	return 1.1 * (w > en ? w : en);
}

struct book_sheet *book_sheet_new(struct book *b, const char *name, const struct book_col *cols,
				  int ncols, const char *csv_path)
{
	return book_sheet_new_opt(b, name, cols, ncols, csv_path, NULL);
}

struct book_sheet *book_sheet_new_opt(struct book *b, const char *name, const struct book_col *cols,
				      int ncols, const char *csv_path,
				      const struct book_sheet_opt *opt)
{
	struct book_sheet *s = xcalloc(1, sizeof(*s));
	s->b = b;
	if (opt)
		s->opt = *opt;
	s->name = xstrdup(name);
	s->ncols = ncols;
	s->cols = xcalloc((size_t)ncols + 1, sizeof(*cols));
	memcpy(s->cols, cols, (size_t)ncols * sizeof(*cols));
	s->fmt = xcalloc((size_t)ncols + 1, sizeof(*s->fmt));
	s->mark = xcalloc((size_t)ncols + 1, sizeof(*s->mark));
	s->width = xcalloc((size_t)ncols + 1, sizeof(*s->width));
	s->scale = xcalloc((size_t)ncols + 1, 1);
	s->vlist = xcalloc((size_t)ncols + 1, sizeof(*s->vlist));
	s->nv = xcalloc((size_t)ncols + 1, sizeof(*s->nv));
	s->cell = xcalloc((size_t)ncols + 1, sizeof(*s->cell));
	s->has = xcalloc((size_t)ncols + 1, 1);
	for (int c = 0; c < ncols; c++) {
		s->fmt[c] = col_format(b, &cols[c], 0, s->opt.top_align);
		s->width[c] =
			fixed_width(&cols[c]) ? fixed_width(&cols[c]) : header_width(&cols[c]);
		strbuf_init(&s->cell[c], 0);
	}
	ALLOC_GROW(b->sheets, b->nsheets + 1, b->alloc);
	b->sheets[b->nsheets++] = s;
	if (b->failed || new_part(s)) {
		s->dead = 1;
		return s;
	}
	if (csv_path) {
		struct strbuf err = STRBUF_INIT;
		const char *slash = strrchr(csv_path, '/');
		s->csv_name = xstrdup(slash ? slash + 1 : csv_path);
		s->csv = csvout_open(csv_path, &err);
		if (!s->csv)
			book_fail(b, "%s", err.buf);
		else
			csvout_defer(s->csv, b->defer);
		strbuf_release(&err);
		for (int c = 0; s->csv && c < ncols; c++)
			csvout_field(s->csv, cols[c].key);
		if (s->csv)
			csvout_end_row(s->csv);
	}
	return s;
}

void book_put_text(struct book *b, lxw_worksheet *ws, int row, int col, const char *text,
		   enum book_fmt f)
{
	if (!book_failed(b) && text)
		book_check(
			b,
			worksheet_write_string(ws, (lxw_row_t)row, (lxw_col_t)col, text, b->fmt[f]),
			"writing a sheet's text");
}

void book_put_num(struct book *b, lxw_worksheet *ws, int row, int col, double v, enum book_fmt f)
{
	if (!book_failed(b))
		book_check(b,
			   worksheet_write_number(ws, (lxw_row_t)row, (lxw_col_t)col, v, b->fmt[f]),
			   "writing a sheet's number");
}

void book_put_formula(struct book *b, lxw_worksheet *ws, int row, int col, const char *formula,
		      double cached, enum book_fmt f)
{
	if (!book_failed(b))
		book_check(b,
			   worksheet_write_formula_num(ws, (lxw_row_t)row, (lxw_col_t)col, formula,
						       b->fmt[f], cached),
			   "writing a sheet's formula");
}

lxw_worksheet *book_free_sheet(struct book *b, const char *name)
{
	lxw_worksheet *ws = add_sheet(b, name);
	if (ws) {
		ALLOC_GROW(b->free_ws, b->nfree + 1, b->free_alloc);
		b->free_ws[b->nfree++] = ws;
	}
	return ws;
}

/* A shown row whose wrapped cells need more than a line gets their height,
 * while it is still libxlsxwriter's current row. */
static void fit_row_height(struct book_sheet *s)
{
	if (s->over || s->lines <= 1)
		return;
	int lines = s->lines > MAX_LINES ? MAX_LINES : s->lines;
	book_check(s->b,
		   worksheet_set_row(s->parts[s->nparts - 1].ws, (lxw_row_t)s->row,
				     LINE_HEIGHT * lines + 3.0, NULL),
		   "setting a row's height");
}

static void flush_csv_row(struct book_sheet *s)
{
	if (!s->row_open)
		return;
	fit_row_height(s);
	s->row_open = 0;
	if (!s->csv)
		return;
	for (int c = 0; c < s->ncols; c++) {
		csvout_field_len(s->csv, s->cell[c].buf, s->cell[c].len);
		strbuf_reset(&s->cell[c]);
	}
	csvout_end_row(s->csv);
}

void book_row(struct book_sheet *s)
{
	if (s->dead || s->b->failed)
		return;
	flush_csv_row(s);
	s->over = s->b->cap && !s->uncapped && s->shown >= s->b->cap;
	s->lines = 1;
	if (!s->over) {
		if (s->row + 1 >= s->b->max_rows && new_part(s))
			return;
		s->row++;
		s->shown++;
		s->parts[s->nparts - 1].last_row = s->row;
	}
	s->rows++;
	s->row_open = 1;
}

/* The cell can be written: a live sheet, a row started, a column in range. */
static int writable(struct book_sheet *s, int col)
{
	if (s->dead || s->b->failed)
		return 0;
	if (!s->row_open || col < 0 || col >= s->ncols) {
		book_fail(s->b, "internal error: sheet '%s' column %d written outside a row",
			  s->name, col);
		return 0;
	}
	return 1;
}

static void measure(struct book_sheet *s, int col, const char *text, size_t len)
{
	if (s->cols[col].flags & BOOK_WRAP) {
		int lines = booktext_lines(text, len, s->width[col]);
		if (lines > s->lines)
			s->lines = lines;
	}
	if (s->rows > WIDTH_SAMPLE_ROWS || fixed_width(&s->cols[col]))
		return; /* a wrapped column keeps its width; its rows grow instead */
	while (len) {
		const char *nl = memchr(text, '\n', len);
		size_t n = nl ? (size_t)(nl - text) : len;
		double w = book_text_width(text, n);
		if (w > s->width[col])
			s->width[col] = w;
		if (!nl)
			break;
		text += n + 1;
		len -= n + 1;
	}
}

static void csv_cell(struct book_sheet *s, int col, const char *text, size_t len)
{
	if (!s->csv)
		return;
	strbuf_reset(&s->cell[col]);
	strbuf_add(&s->cell[col], text, len);
}

static lxw_format *mark_format(struct book_sheet *s, int col)
{
	if (!s->mark[col])
		s->mark[col] = col_format(s->b, &s->cols[col], 1, s->opt.top_align);
	return s->mark[col];
}

static void write_text(struct book_sheet *s, int col, const char *text, lxw_format *f)
{
	if (!writable(s, col) || !text || !*text)
		return;
	size_t len = strlen(text);
	struct strbuf fixed = STRBUF_INIT, esc = STRBUF_INIT, cut_text = STRBUF_INIT;
	if (booktext_repair(text, len, &fixed))
		text = fixed.buf, len = fixed.len;
	csv_cell(s, col, text, len);
	if (s->over)
		goto out;
	if (booktext_escape_literal(text, &esc))
		text = esc.buf, len = esc.len;
	size_t cut = book_cut_at(text, len);
	measure(s, col, text, cut);
	if (cut < len) {
		strbuf_add(&cut_text, text, cut);
		strbuf_addstr(&cut_text, BOOK_CUT_MARKER);
		text = cut_text.buf;
	}
	lxw_worksheet *ws = s->parts[s->nparts - 1].ws;
	cell_check(s, col, worksheet_write_string(ws, (lxw_row_t)s->row, (lxw_col_t)col, text, f));
out:
	strbuf_release(&fixed);
	strbuf_release(&esc);
	strbuf_release(&cut_text);
}

void book_text(struct book_sheet *s, int col, const char *text)
{
	if (writable(s, col))
		write_text(s, col, text, s->fmt[col]);
}

void book_text_mark(struct book_sheet *s, int col, const char *text)
{
	if (writable(s, col))
		write_text(s, col, text, mark_format(s, col));
}

/* A number's text is wanted for the CSV twin and for measuring widths only;
 * past those, formatting it would cost more than the rest of the cell. */
static int wants_text(const struct book_sheet *s)
{
	return s->csv || s->rows <= WIDTH_SAMPLE_ROWS;
}

/* csv: the cell's text, or NULL when !wants_text(s). */
static void write_number(struct book_sheet *s, int col, double v, const char *csv)
{
	lxw_worksheet *ws = s->parts[s->nparts - 1].ws;
	if (csv)
		csv_cell(s, col, csv, strlen(csv));
	if (s->over)
		return;
	if (csv)
		measure(s, col, csv, strlen(csv));
	cell_check(s, col,
		   worksheet_write_number(ws, (lxw_row_t)s->row, (lxw_col_t)col, v, s->fmt[col]));
}

void book_int(struct book_sheet *s, int col, long long v)
{
	char buf[32];
	if (!writable(s, col))
		return;
	if (!wants_text(s)) {
		write_number(s, col, (double)v, NULL);
		return;
	}
	xsnprintf(buf, sizeof(buf), "%lld", v);
	write_number(s, col, (double)v, buf);
}

void book_num(struct book_sheet *s, int col, double v)
{
	char buf[40];
	if (!writable(s, col))
		return;
	if (!wants_text(s)) {
		write_number(s, col, v, NULL);
		return;
	}
	xsnprintf(buf, sizeof(buf), "%.15g", v);
	write_number(s, col, v, buf);
}

void book_date(struct book_sheet *s, int col, const char *ymd)
{
	if (!writable(s, col) || !ymd || !*ymd)
		return;
	double serial = book_excel_date(ymd);
	if (serial < 0) {
		book_text(s, col, ymd); /* keep what the db holds rather than lose it */
		return;
	}
	char day[11];
	memcpy(day, ymd, 10);
	day[10] = '\0';
	write_number(s, col, serial, wants_text(s) ? day : NULL);
}

void book_url(struct book_sheet *s, int col, const char *url, const char *label)
{
	if (!writable(s, col) || !url || !*url)
		return;
	struct part *p = &s->parts[s->nparts - 1];
	size_t len = strlen(url);
	if (len > BOOK_MAX_URL || p->urls >= URLS_PER_PART) {
		book_text(s, col, url); /* past Excel's limits a link stays copyable text */
		return;
	}
	csv_cell(s, col, url, len);
	if (s->over)
		return;
	p->urls++;
	measure(s, col, label ? label : url, strlen(label ? label : url));
	cell_check(s, col,
		   worksheet_write_url_opt(p->ws, (lxw_row_t)s->row, (lxw_col_t)col, url, NULL,
					   label, NULL));
}

void book_blank(struct book_sheet *s, int col)
{
	if (!writable(s, col) || s->over)
		return;
	cell_check(s, col,
		   worksheet_write_blank(s->parts[s->nparts - 1].ws, (lxw_row_t)s->row,
					 (lxw_col_t)col, s->fmt[col]));
}

void book_sql_row(struct book_sheet *s, sqlite3_stmt *st)
{
	int n = sqlite3_column_count(st);
	book_row(s);
	for (int c = 0; c < n && c < s->ncols; c++) {
		if (sqlite3_column_type(st, c) == SQLITE_NULL)
			continue;
		enum book_type ty = s->cols[c].type;
		/* Text only where it is used: sqlite turns a number into text. */
		const char *t = ty == BOOK_INT || ty == BOOK_NUM || ty == BOOK_PCT
					? NULL
					: store_column_text(st, c);
		switch (ty) {
		case BOOK_INT: book_int(s, c, sqlite3_column_int64(st, c)); break;
		case BOOK_NUM:
		case BOOK_PCT: book_num(s, c, sqlite3_column_double(st, c)); break;
		case BOOK_DATE: book_date(s, c, t); break;
		case BOOK_URL: book_url(s, c, t, t); break;
		default: book_text(s, c, t);
		}
	}
}

long book_sql_rows(struct book_sheet *s, sqlite3_stmt *st)
{
	long n = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		book_sql_row(s, st);
		n++;
	}
	if (rc != SQLITE_DONE)
		book_fail(s->b, "reading the rows of sheet '%s' of %s from the database: %s",
			  s->name, s->b->path, sqlite3_errmsg(sqlite3_db_handle(st)));
	return n;
}

void book_color_scale(struct book_sheet *s, int col)
{
	if (col >= 0 && col < s->ncols)
		s->scale[col] = 1;
}

void book_list_validation(struct book_sheet *s, int col, const char *const *values, int n)
{
	if (col < 0 || col >= s->ncols)
		return;
	s->vlist[col] = xcalloc((size_t)n + 1, sizeof(char *));
	for (int i = 0; i < n; i++)
		s->vlist[col][i] = xstrdup(values[i]);
	s->nv[col] = n;
}

void book_protect(struct book_sheet *s)
{
	s->protect = 1;
}
void book_hide(struct book_sheet *s)
{
	s->hidden = 1;
}

/* ---- finishing and closing ---- */

static double col_width(const struct book_sheet *s, int c)
{
	if (fixed_width(&s->cols[c]))
		return fixed_width(&s->cols[c]);
	double w = s->width[c] + 2.0;
	if (s->cols[c].type == BOOK_DATE && w < 12.0)
		w = 12.0;
	return w < 8.0 ? 8.0 : w > 60.0 ? 60.0 : w;
}

static void finish_columns(struct book_sheet *s, lxw_worksheet *ws)
{
	for (int c = 0; c < s->ncols; c++) {
		lxw_row_col_options opt = {.hidden = (s->cols[c].flags & BOOK_HIDDEN) ? 1 : 0};
		lxw_format *f = (s->cols[c].flags & BOOK_UNLOCKED) ? s->fmt[c] : NULL;
		book_check(s->b,
			   worksheet_set_column_opt(ws, (lxw_col_t)c, (lxw_col_t)c, col_width(s, c),
						    f, &opt),
			   "setting column widths");
	}
}

static void finish_rules(struct book_sheet *s, lxw_worksheet *ws, long hdr, long last)
{
	for (int c = 0; c < s->ncols && last > hdr; c++) {
		if (s->scale[c]) {
			lxw_conditional_format cf = {.type = LXW_CONDITIONAL_3_COLOR_SCALE,
						     .min_color = 0x63BE7B,
						     .mid_color = 0xFFEB84,
						     .max_color = 0xF8696B};
			book_check(s->b,
				   worksheet_conditional_format_range(ws, (lxw_row_t)hdr + 1,
								      (lxw_col_t)c, (lxw_row_t)last,
								      (lxw_col_t)c, &cf),
				   "adding the colour scale");
		}
		if (s->vlist[c]) {
			lxw_data_validation dv = {.validate = LXW_VALIDATION_TYPE_LIST,
						  .value_list = s->vlist[c],
						  .error_title = "निर्णय / Decision",
						  .error_message =
							  "सूची में से चुनें / Choose from the list"};
			book_check(s->b,
				   worksheet_data_validation_range(ws, (lxw_row_t)hdr + 1,
								   (lxw_col_t)c, (lxw_row_t)last,
								   (lxw_col_t)c, &dv),
				   "adding the drop-down list");
		}
	}
}

/* Every printed page: landscape A4, one page wide, gridlines, the sheet's
 * name on top and the district, night and page number below. */
static void page_setup(struct book *b, lxw_worksheet *ws)
{
	worksheet_set_landscape(ws);
	worksheet_set_paper(ws, PAPER_A4);
	worksheet_fit_to_pages(ws, 1, 0);
	worksheet_set_margins(ws, 0.4, 0.4, 0.7, 0.7);
	worksheet_gridlines(ws, LXW_SHOW_ALL_GRIDLINES);
	book_check(b, worksheet_set_header(ws, "&L&A"), "setting the page header");
	if (b->footer)
		book_check(b, worksheet_set_footer(ws, b->footer), "setting the page footer");
}

/* Under the last shown row of a capped sheet: how many rows there are and where. */
static void cap_note(struct book_sheet *s, lxw_worksheet *ws, long last)
{
	struct strbuf n = STRBUF_INIT;
	strbuf_addf(&n,
		    "इस शीट में %ld में से पहली %ld पंक्तियाँ हैं (सबसे महत्वपूर्ण पहले); पूरी सूची: %s / "
		    "this sheet shows the first %ld of %ld rows (most important first); the full "
		    "list: %s",
		    s->rows, s->shown, s->csv_name ? s->csv_name : "— (--no-csv)", s->shown,
		    s->rows, s->csv_name ? s->csv_name : "— (run the report without --no-csv)");
	book_put_text(s->b, ws, (int)last + 2, 0, n.buf, BOOK_FMT_WARN);
	strbuf_release(&n);
}

static void finish_sheet(struct book_sheet *s)
{
	flush_csv_row(s);
	for (size_t i = 0; i < s->nparts && !s->b->failed; i++) {
		lxw_worksheet *ws = s->parts[i].ws;
		long hdr = s->parts[i].hdr, last = s->parts[i].last_row;
		worksheet_freeze_panes(ws, (lxw_row_t)hdr + 1, (lxw_col_t)s->opt.freeze_cols);
		if (s->ncols)
			book_check(s->b,
				   worksheet_autofilter(ws, (lxw_row_t)hdr, 0, (lxw_row_t)last,
							(lxw_col_t)(s->ncols - 1)),
				   "adding the filter");
		finish_columns(s, ws);
		finish_rules(s, ws, hdr, last);
		page_setup(s->b, ws);
		book_check(s->b, worksheet_repeat_rows(ws, (lxw_row_t)hdr, (lxw_row_t)hdr),
			   "repeating the header on each page");
		if (s->rows > s->shown && i == s->nparts - 1)
			cap_note(s, ws, last);
		if (s->protect) {
			lxw_protection p = {
				.autofilter = 1, .sort = 1, .format_columns = 1, .format_rows = 1};
			worksheet_protect(ws, NULL, &p);
		}
		if (s->hidden)
			worksheet_hide(ws);
		book_check(s->b, LXW_NO_ERROR, "finishing the sheets");
	}
}

/* Frees s; with commit, puts its CSV in place. Returns -1 when that failed. */
static int free_sheet(struct book_sheet *s, int commit, struct strbuf *err)
{
	int rc = 0;
	if (s->csv && commit)
		rc = csvout_close(s->csv, err) ? -1 : 0;
	else if (s->csv)
		csvout_abort(s->csv);
	for (int c = 0; c < s->ncols; c++) {
		strbuf_release(&s->cell[c]);
		for (int i = 0; s->vlist[c] && i < s->nv[c]; i++)
			free(s->vlist[c][i]);
		free(s->vlist[c]);
	}
	free(s->name);
	free(s->cols);
	free(s->fmt);
	free(s->mark);
	free(s->csv_name);
	free(s->width);
	free(s->scale);
	free(s->vlist);
	free(s->nv);
	free(s->cell);
	free(s->has);
	free(s->parts);
	free(s);
	return rc;
}

static int free_book(struct book *b, int commit_csv, struct strbuf *err)
{
	int rc = 0;
	for (size_t i = 0; i < b->nsheets; i++)
		if (free_sheet(b->sheets[i], commit_csv && !rc, err))
			rc = -1;
	free(b->sheets);
	free(b->free_ws);
	free(b->footer);
	free(b->path);
	free(b->tmp);
	strbuf_release(&b->err);
	free(b);
	return rc;
}

void book_defer(struct book *b, struct outfile_set *set)
{
	b->defer = set;
}

void book_abort(struct book *b)
{
	if (!b)
		return;
	lxw_workbook_free(b->wb);
	unlink(b->tmp);
	free_book(b, 0, NULL);
}

enum nk_err book_close(struct book *b, struct strbuf *err)
{
	for (size_t i = 0; i < b->nsheets; i++)
		finish_sheet(b->sheets[i]);
	for (size_t i = 0; i < b->nfree && !b->failed; i++)
		page_setup(b, b->free_ws[i]);
	if (b->failed) {
		strbuf_addstr(err, b->err.buf);
		book_abort(b);
		return NK_EIO;
	}
	errno = 0;
	lxw_error e = workbook_close(b->wb);
	int saved = errno;
	const char *problem = lxw_problem(e);
	if (problem) {
		strbuf_addf(err, "cannot write %s: %s", b->path, problem);
		if (e != LXW_NO_ERROR && saved)
			strbuf_addf(err, " (%s)", strerror(saved));
		unlink(b->tmp);
		free_book(b, 0, NULL);
		return NK_EIO;
	}
	if (b->defer) {
		outfile_set_add(b->defer, -1, b->tmp, b->path);
	} else if (outfile_commit(b->tmp, b->path, err)) {
		free_book(b, 0, NULL);
		return NK_EIO;
	}
	return free_book(b, 1, err) ? NK_EIO : NK_OK;
}
