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
#include "reports/csvout.h"
#include "reports/outfile.h"

#define WIDTH_SAMPLE_ROWS 2000  /* rows measured for column widths */
#define URLS_PER_PART     65000 /* under Excel's 65,530 hyperlinks a sheet */
#define HEADER_HEIGHT     36.0  /* two lines with Devanagari's tall marks */

struct part {
	lxw_worksheet *ws;
	long last_row; /* 0-based; 0 when only the header is written */
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
	struct part *parts;
	size_t nparts, alloc;
	long row;  /* 0-based row of the current part; 0 = header */
	long rows; /* data rows, all parts */
	int dead, protect, hidden;
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
	lxw_format *fmt[BOOK_FMT_COUNT_];
	struct book_sheet **sheets;
	size_t nsheets, alloc;
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

/* ---- measuring and cutting text ---- */

/* Decodes one UTF-8 sequence at s (len > 0); *n gets its length. Bad bytes count as one. */
static unsigned decode(const unsigned char *s, size_t len, size_t *n)
{
	unsigned c = s[0];
	size_t k = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
	if (k > len || (c >= 0x80 && c < 0xC0)) {
		*n = 1;
		return 0xFFFD;
	}
	*n = k;
	if (k == 1)
		return c;
	c &= 0x3F >> (k - 1);
	for (size_t i = 1; i < k; i++)
		c = (c << 6) | (s[i] & 0x3F);
	return c;
}

/* Width of a code point in Excel's character units (Calibri 11 digits). */
static double cp_width(unsigned c)
{
	if (c < 0x80)
		return 1.0;
	if (c >= 0x0900 && c <= 0x097F) {
		/* Marks that sit above, below or join their letter take no room. */
		if ((c >= 0x0900 && c <= 0x0902) || c == 0x093A || c == 0x093C ||
		    (c >= 0x0941 && c <= 0x0948) || c == 0x094D || (c >= 0x0951 && c <= 0x0957) ||
		    c == 0x0962 || c == 0x0963)
			return 0.0;
		if (c == 0x0903 || c == 0x093B || (c >= 0x093E && c <= 0x0940) ||
		    (c >= 0x0949 && c <= 0x094C) || c == 0x094E || c == 0x094F)
			return 0.6; /* vowel signs beside the letter */
		return 1.4;         /* Devanagari letters are wider than Latin ones */
	}
	if (c == 0x200C || c == 0x200D)
		return 0.0;
	return 1.2;
}

double book_text_width(const char *s, size_t len)
{
	double w = 0;
	size_t n;
	for (size_t i = 0; i < len; i += n)
		w += cp_width(decode((const unsigned char *)s + i, len - i, &n));
	return w;
}

size_t book_cut_at(const char *s, size_t len)
{
	static long marker_units = -1;
	size_t n, units = 0;
	if (len <= BOOK_MAX_CHARS) /* bytes >= UTF-16 units */
		return len;
	if (marker_units < 0) {
		marker_units = 0;
		for (size_t i = 0; i < sizeof(BOOK_CUT_MARKER) - 1; i += n)
			marker_units += decode((const unsigned char *)BOOK_CUT_MARKER + i,
					       sizeof(BOOK_CUT_MARKER) - 1 - i, &n) >= 0x10000
						? 2
						: 1;
	}
	size_t cut = 0, limit = BOOK_MAX_CHARS - (size_t)marker_units;
	for (size_t i = 0; i < len; i += n) {
		unsigned c = decode((const unsigned char *)s + i, len - i, &n);
		units += c >= 0x10000 ? 2 : 1;
		if (units > BOOK_MAX_CHARS)
			return cut;
		if (units <= limit)
			cut = i + n;
	}
	return len;
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
		decode((const unsigned char *)name + i, len - i, &n);
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
	if (ws && ws->name && ws->quoted_name && !book_check(b, LXW_NO_ERROR, "adding a sheet"))
		return ws;
	book_fail(b, "cannot add sheet '%s' to %s: out of memory", name, b->path);
	return NULL;
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
	s->parts[s->nparts++] = (struct part){ws, 0, 0};
	s->row = 0;
	/* The height goes before the cells: constant_memory flushes a row once left. */
	book_check(b, worksheet_set_row(ws, 0, HEADER_HEIGHT, NULL), "writing the header");
	for (int c = 0; c < s->ncols; c++) {
		strbuf_reset(&h);
		header_text(&s->cols[c], &h);
		cell_check(s, c,
			   worksheet_write_string(ws, 0, (lxw_col_t)c, h.buf,
						  b->fmt[BOOK_FMT_HEADER]));
	}
	strbuf_release(&h);
	return 0;
}

static lxw_format *col_format(struct book *b, const struct book_col *c)
{
	static const enum book_fmt by_type[] = {BOOK_FMT_TEXT, BOOK_FMT_INT,  BOOK_FMT_NUM,
						BOOK_FMT_PCT,  BOOK_FMT_DATE, BOOK_FMT_TEXT};
	if (!(c->flags & (BOOK_UNLOCKED | BOOK_WRAP)))
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
	if (c->flags & BOOK_WRAP) {
		format_set_text_wrap(f);
		format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
	}
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
	struct book_sheet *s = xcalloc(1, sizeof(*s));
	s->b = b;
	s->name = xstrdup(name);
	s->ncols = ncols;
	s->cols = xcalloc((size_t)ncols + 1, sizeof(*cols));
	memcpy(s->cols, cols, (size_t)ncols * sizeof(*cols));
	s->fmt = xcalloc((size_t)ncols + 1, sizeof(*s->fmt));
	s->width = xcalloc((size_t)ncols + 1, sizeof(*s->width));
	s->scale = xcalloc((size_t)ncols + 1, 1);
	s->vlist = xcalloc((size_t)ncols + 1, sizeof(*s->vlist));
	s->nv = xcalloc((size_t)ncols + 1, sizeof(*s->nv));
	s->cell = xcalloc((size_t)ncols + 1, sizeof(*s->cell));
	s->has = xcalloc((size_t)ncols + 1, 1);
	for (int c = 0; c < ncols; c++) {
		s->fmt[c] = col_format(b, &cols[c]);
		s->width[c] = header_width(&cols[c]);
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
		s->csv = csvout_open(csv_path, &err);
		if (!s->csv)
			book_fail(b, "%s", err.buf);
		strbuf_release(&err);
		for (int c = 0; s->csv && c < ncols; c++)
			csvout_field(s->csv, cols[c].key);
		if (s->csv)
			csvout_end_row(s->csv);
	}
	return s;
}

lxw_worksheet *book_free_sheet(struct book *b, const char *name)
{
	return add_sheet(b, name);
}

static void flush_csv_row(struct book_sheet *s)
{
	if (!s->row_open)
		return;
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
	if (s->row + 1 >= s->b->max_rows && new_part(s))
		return;
	s->row++;
	s->rows++;
	s->parts[s->nparts - 1].last_row = s->row;
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
	if (s->rows > WIDTH_SAMPLE_ROWS)
		return;
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

/* Whether s starts with an escape Excel decodes in cell text: _xHHHH_. */
static int is_xml_escape(const char *s)
{
	if (s[0] != '_' || s[1] != 'x')
		return 0;
	for (int i = 2; i < 6; i++)
		if (!isxdigit((unsigned char)s[i]))
			return 0;
	return s[6] == '_';
}

/*
 * text with every literal _xHHHH_ kept literal (its '_' written _x005F_),
 * into esc when there is one: libxlsxwriter 1.1 writes them as they are,
 * and Excel would show "_x0041_" in a description as "A". Returns 1 when
 * esc holds the text to write.
 */
static int escape_literal(const char *text, struct strbuf *esc)
{
	const char *p = strstr(text, "_x");
	while (p && !is_xml_escape(p))
		p = strstr(p + 1, "_x");
	if (!p)
		return 0;
	for (const char *t = text; *t; t++) {
		if (*t == '_' && is_xml_escape(t))
			strbuf_addstr(esc, "_x005F_");
		else
			strbuf_addch(esc, *t);
	}
	return 1;
}

void book_text(struct book_sheet *s, int col, const char *text)
{
	if (!writable(s, col) || !text || !*text)
		return;
	size_t len = strlen(text);
	csv_cell(s, col, text, len);
	struct strbuf esc = STRBUF_INIT, cut_text = STRBUF_INIT;
	if (escape_literal(text, &esc))
		text = esc.buf, len = esc.len;
	size_t cut = book_cut_at(text, len);
	measure(s, col, text, cut);
	if (cut < len) {
		strbuf_add(&cut_text, text, cut);
		strbuf_addstr(&cut_text, BOOK_CUT_MARKER);
		text = cut_text.buf;
	}
	lxw_worksheet *ws = s->parts[s->nparts - 1].ws;
	cell_check(
		s, col,
		worksheet_write_string(ws, (lxw_row_t)s->row, (lxw_col_t)col, text, s->fmt[col]));
	strbuf_release(&esc);
	strbuf_release(&cut_text);
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
	if (csv) {
		csv_cell(s, col, csv, strlen(csv));
		measure(s, col, csv, strlen(csv));
	}
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
	p->urls++;
	csv_cell(s, col, url, len);
	measure(s, col, label ? label : url, strlen(label ? label : url));
	cell_check(s, col,
		   worksheet_write_url_opt(p->ws, (lxw_row_t)s->row, (lxw_col_t)col, url, NULL,
					   label, NULL));
}

void book_blank(struct book_sheet *s, int col)
{
	if (!writable(s, col))
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
	double w = s->width[c] + 2.0;
	double max = (s->cols[c].flags & BOOK_WRAP) ? 50.0 : 60.0;
	if (s->cols[c].type == BOOK_DATE && w < 12.0)
		w = 12.0;
	return w < 8.0 ? 8.0 : w > max ? max : w;
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

static void finish_rules(struct book_sheet *s, lxw_worksheet *ws, long last)
{
	for (int c = 0; c < s->ncols && last >= 1; c++) {
		if (s->scale[c]) {
			lxw_conditional_format cf = {.type = LXW_CONDITIONAL_3_COLOR_SCALE,
						     .min_color = 0x63BE7B,
						     .mid_color = 0xFFEB84,
						     .max_color = 0xF8696B};
			book_check(s->b,
				   worksheet_conditional_format_range(
					   ws, 1, (lxw_col_t)c, (lxw_row_t)last, (lxw_col_t)c, &cf),
				   "adding the colour scale");
		}
		if (s->vlist[c]) {
			lxw_data_validation dv = {.validate = LXW_VALIDATION_TYPE_LIST,
						  .value_list = s->vlist[c],
						  .error_title = "निर्णय / Decision",
						  .error_message =
							  "सूची में से चुनें / Choose from the list"};
			book_check(s->b,
				   worksheet_data_validation_range(
					   ws, 1, (lxw_col_t)c, (lxw_row_t)last, (lxw_col_t)c, &dv),
				   "adding the drop-down list");
		}
	}
}

static void finish_sheet(struct book_sheet *s)
{
	flush_csv_row(s);
	for (size_t i = 0; i < s->nparts && !s->b->failed; i++) {
		lxw_worksheet *ws = s->parts[i].ws;
		long last = s->parts[i].last_row;
		worksheet_freeze_panes(ws, 1, 0);
		if (s->ncols)
			book_check(s->b,
				   worksheet_autofilter(ws, 0, 0, (lxw_row_t)last,
							(lxw_col_t)(s->ncols - 1)),
				   "adding the filter");
		finish_columns(s, ws);
		finish_rules(s, ws, last);
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
	free(b->path);
	free(b->tmp);
	strbuf_release(&b->err);
	free(b);
	return rc;
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
	if (outfile_commit(b->tmp, b->path, err)) {
		free_book(b, 0, NULL);
		return NK_EIO;
	}
	return free_book(b, 1, err) ? NK_EIO : NK_OK;
}
