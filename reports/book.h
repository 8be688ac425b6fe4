/*
 * book.h - nirakaran's conventions on top of libxlsxwriter, so every report
 * sheet looks and behaves the same for a supervisor on a small screen:
 *
 *   - a header row with the Hindi name above the English one (one cell,
 *     two lines), frozen, with an autofilter over the data; optional title
 *     rows above it (book_sheet_new_opt);
 *   - printed landscape on A4, one page wide, the header repeated on every
 *     page, the sheet's name above and district, night and page number
 *     below (book_set_page), gridlines shown;
 *   - at most book_set_cap() rows shown a sheet, the most important first
 *     (the queries' order); the rest go to the CSV twin only, and a row
 *     under the last says how many there are and which file has them all;
 *   - wrapped columns of a fixed width, their rows as tall as the text;
 *   - column widths measured from the text, counting Devanagari vowel
 *     signs as zero width and letters as wider than Latin ones;
 *   - dates given as 'YYYY-MM-DD' text written as real Excel dates
 *     (dd-mm-yyyy), numbers as numbers;
 *   - rows streamed in libxlsxwriter's constant_memory mode (rows in order,
 *     memory flat however long the sheet); a sheet that would pass Excel's
 *     1,048,576 rows continues on "Name (2)", "Name (3)", ... with the header
 *     repeated;
 *   - text over Excel's 32,767 characters cut with BOOK_CUT_MARKER;
 *   - an optional CSV twin of each sheet (csvout.h), header = column keys;
 *   - the workbook written under a temporary name and renamed into place
 *     only when complete (outfile.h).
 *
 * Errors are sticky: the first failure (a libxlsxwriter lxw_error turned
 * into words with lxw_strerror, or an I/O error) is recorded with the sheet,
 * row and column it happened at; later writes do nothing; book_close()
 * returns it. So report code writes straight on and checks once.
 *
 * A book is used by one thread (libxlsxwriter is single-threaded).
 */
#ifndef NK_BOOK_H
#define NK_BOOK_H

#include <sqlite3.h>
#include <xlsxwriter.h>

#include "engine/error.h"
#include "engine/util.h"

enum book_type {
	BOOK_TEXT = 0, /* text; cut at 32,767 characters with BOOK_CUT_MARKER */
	BOOK_INT,      /* whole number, shown "0" */
	BOOK_NUM,      /* number, shown "0.0" */
	BOOK_PCT,      /* a fraction shown as per cent, "0.0%" */
	BOOK_DATE,     /* 'YYYY-MM-DD' text, written as an Excel date shown dd-mm-yyyy */
	BOOK_URL       /* a hyperlink (falls back to text past Excel's limits) */
};

/* Column flags. */
#define BOOK_HIDDEN   1u /* hidden column (ids for a round trip) */
#define BOOK_UNLOCKED 2u /* editable when the sheet is protected */
#define BOOK_WRAP     4u /* wrap long text (descriptions) */

struct book_col {
	const char *key; /* machine name, the CSV header: "days_overdue" */
	const char *hi;  /* Hindi header, or NULL */
	const char *en;  /* English header */
	enum book_type type;
	unsigned flags;
	double width; /* in characters; 0: measured (wrapped columns: 45) */
};

/* Shared formats. */
enum book_fmt {
	BOOK_FMT_HEADER,
	BOOK_FMT_TITLE,
	BOOK_FMT_LABEL,
	BOOK_FMT_INT,
	BOOK_FMT_NUM,
	BOOK_FMT_PCT,
	BOOK_FMT_DATE,
	BOOK_FMT_TEXT,
	BOOK_FMT_NOTE,   /* grey italic, wrapped */
	BOOK_FMT_WARN,   /* bold dark red on pink: the cap's note */
	BOOK_FMT_BIG,    /* a key figure: bold, larger, #,##0 */
	BOOK_FMT_DEC,    /* 0.0, left */
	BOOK_FMT_WRAP,   /* wrapped text, top */
	BOOK_FMT_CHANGE, /* a change: +12, -3, 0 */
	BOOK_FMT_COUNT_
};

#define BOOK_CUT_MARKER " …[आगे काटा गया / cut]"
#define BOOK_MAX_CHARS  32767 /* Excel's limit on a cell's text */
#define BOOK_MAX_URL    2079  /* Excel's limit on a hyperlink */

struct book;
struct book_sheet;
struct outfile_set;

/*
 * Starts the workbook that will be path (written as a temporary file in the
 * same folder). NULL with err set when libxlsxwriter cannot start it.
 */
struct book *book_open(const char *path, struct strbuf *err);

/*
 * Finishes every sheet, writes the workbook, fsyncs and renames it to its
 * path, and commits the CSV twins. Returns NK_OK, or the first error of the
 * book's life with its message appended to err; on error nothing is left
 * under the final names (nor temporary files). Frees b.
 */
enum nk_err book_close(struct book *b, struct strbuf *err);
/*
 * From now on book_close leaves the workbook and the CSV twins of sheets
 * added later to set, for its caller to commit with others (reports/
 * outfile.h). A NULL set changes nothing.
 */
void book_defer(struct book *b, struct outfile_set *set);
/* Drops the book and its CSVs, leaving nothing behind. NULL is allowed. */
void book_abort(struct book *b);

/*
 * Adds a data sheet with the header row of cols (copied). csv_path, when not
 * NULL, gets the same rows as CSV. name is at most 31 characters and
 * unique in the book (Excel's rules); a bad name is a recorded error and the
 * returned sheet ignores writes. Never returns NULL.
 */
struct book_sheet *book_sheet_new(struct book *b, const char *name, const struct book_col *cols,
				  int ncols, const char *csv_path);

/* What a data sheet may have besides its columns (zero: nothing). */
struct book_sheet_opt {
	int title_rows; /* rows above the header, written by title() */
	void (*title)(struct book_sheet *s, lxw_worksheet *ws, void *arg);
	void *arg;
	int freeze_cols; /* columns that stay in view when scrolling right */
	int top_align;   /* every cell at the top of its row (costs a format a column) */
};
/* book_sheet_new() with opt (NULL: none). */
struct book_sheet *book_sheet_new_opt(struct book *b, const char *name, const struct book_col *cols,
				      int ncols, const char *csv_path,
				      const struct book_sheet_opt *opt);
/* The 0-based row of the first part's header (its title rows above it). */
int book_header_row(const struct book_sheet *s);

/*
 * A free-form sheet (the Summary): no header, no CSV, no row streaming;
 * write with the book_put_* calls (or the lxw API, results through
 * book_check()) in row order. It gets the page setup of every sheet.
 */
lxw_worksheet *book_free_sheet(struct book *b, const char *name);
/* Cells of free sheets and title rows; NULL text writes nothing. */
void book_put_text(struct book *b, lxw_worksheet *ws, int row, int col, const char *text,
		   enum book_fmt f);
void book_put_num(struct book *b, lxw_worksheet *ws, int row, int col, double v, enum book_fmt f);
/* A formula with the value it has when written (Excel and LibreOffice show
 * that until they recalculate). */
void book_put_formula(struct book *b, lxw_worksheet *ws, int row, int col, const char *formula,
		      double cached, enum book_fmt f);

/* The district and night every printed page names in its footer. */
void book_set_page(struct book *b, const char *district_hi, const char *district, int night);
/* Data rows shown a sheet (0: all, the default); past them rows go to the CSV only. */
void book_set_cap(struct book *b, long rows);
/* The sheet shows every row whatever the cap (each row is someone's action). */
void book_uncapped(struct book_sheet *s);
/* Data rows in the workbook (book_rows() counts those in the CSV only too). */
long book_shown(const struct book_sheet *s);

/* Starts the next data row (call before the row's cells). */
void book_row(struct book_sheet *s);

/* Cells of the current row. col is the index into the sheet's cols. */
void book_text(struct book_sheet *s, int col, const char *text); /* NULL/"" blank */
/* Text marked as differing from its pair (a coloured, bold cell). */
void book_text_mark(struct book_sheet *s, int col, const char *text);
void book_int(struct book_sheet *s, int col, long long v);
void book_num(struct book_sheet *s, int col, double v);
void book_date(struct book_sheet *s, int col, const char *ymd); /* not a date: as text */
void book_url(struct book_sheet *s, int col, const char *url, const char *label);
void book_blank(struct book_sheet *s, int col);

/*
 * Writes one data row from the current result row of a query: column i of
 * the statement goes to sheet column i, by the sheet column's type; NULL is
 * a blank cell. For BOOK_URL the cell's label is the URL itself.
 */
void book_sql_row(struct book_sheet *s, sqlite3_stmt *st);
/* Steps st to the end, a data row each. Returns rows written. */
long book_sql_rows(struct book_sheet *s, sqlite3_stmt *st);

/* Colours column col by value, green (low) to red (high): "days overdue". */
void book_color_scale(struct book_sheet *s, int col);
/* A drop-down of values (at most 255 characters joined) on column col. */
void book_list_validation(struct book_sheet *s, int col, const char *const *values, int n);
/* Sheet protection without a password: only BOOK_UNLOCKED columns editable;
 * filtering and sorting stay allowed. */
void book_protect(struct book_sheet *s);
/* Hides the sheet's tab. */
void book_hide(struct book_sheet *s);

/* Data rows written so far (all parts, shown or in the CSV only). */
long book_rows(const struct book_sheet *s);
/* Number of worksheets the sheet spans (1 unless it passed the row limit). */
int book_parts(const struct book_sheet *s);

lxw_workbook *book_workbook(struct book *b);
struct book *book_of(struct book_sheet *s);
lxw_worksheet *book_worksheet(struct book_sheet *s); /* the current part */

lxw_format *book_format(struct book *b, enum book_fmt f);

/*
 * Records e (when not LXW_NO_ERROR and no error is recorded yet) as
 * "<what>: <lxw_strerror(e)>". Returns 0 when e is LXW_NO_ERROR, else -1.
 */
int book_check(struct book *b, lxw_error e, const char *what);
/* Records an error message of the caller's own (first one wins). */
void book_fail(struct book *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* 1 once an error is recorded. */
int book_failed(const struct book *b);

/* For tests: rows per worksheet including the header (default Excel's
 * 1,048,576), so continuation sheets can be tested on small data. */
void book_set_max_rows(struct book *b, long rows);

/* 'YYYY-MM-DD' (further text ignored) to an Excel 1900-system serial, or -1. */
double book_excel_date(const char *ymd);
/* The display width in Excel character units of UTF-8 text (one line). */
double book_text_width(const char *s, size_t len);
/*
 * Where to cut UTF-8 text so that it plus BOOK_CUT_MARKER fits in
 * BOOK_MAX_CHARS (counted in UTF-16 units, as Excel counts); len when it
 * fits whole.
 */
size_t book_cut_at(const char *s, size_t len);

#endif
