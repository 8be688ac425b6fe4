/* sla_summary.c - the Summary sheet of sla-report.xlsx (see sla_summary.h). */
#include "reports/sla_summary.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/date.h"
#include "engine/labels.h"
#include "reports/csvout.h"
#include "reports/sla_report.h"

#define OPEN_STATUSES "('open','attended','non_attended')"
#define NIGHTS        30
#define WEEK          7
#define NFIG          16

struct figure {
	const char *key, *hi, *en;
	double value;
	double week_ago; /* the value seven nights before; -1: not known */
	char text[32];   /* shown instead of value when set */
	int decimals;    /* 1: a score shown 0.0 */
};

struct series {
	char **label;  /* category labels (levels, departments, dates) */
	double *a, *b; /* values; b may be unused (-1: blank) */
	int n, alloc;
};

struct sla_summary {
	struct figure fig[NFIG];
	int nfig;
	struct series by_level, by_dept, nights;
};

static void series_add(struct series *s, const char *label, double a, double b)
{
	if (s->n == s->alloc) {
		s->alloc = s->alloc ? 2 * s->alloc : 16;
		s->label = xrealloc(s->label, (size_t)s->alloc * sizeof(*s->label));
		s->a = xrealloc(s->a, (size_t)s->alloc * sizeof(*s->a));
		s->b = xrealloc(s->b, (size_t)s->alloc * sizeof(*s->b));
	}
	s->label[s->n] = xstrdup(label);
	s->a[s->n] = a;
	s->b[s->n++] = b;
}

static void series_free(struct series *s)
{
	for (int i = 0; i < s->n; i++)
		free(s->label[i]);
	free(s->label);
	free(s->a);
	free(s->b);
}

static struct figure *add_fig(struct sla_summary *sm, const char *key, const char *hi,
			      const char *en, double v)
{
	struct figure *f = &sm->fig[sm->nfig++];
	*f = (struct figure){key, hi, en, v, -1, "", 0};
	return f;
}

static const struct figure *fig(const struct sla_summary *sm, const char *key)
{
	for (int i = 0; i < sm->nfig; i++)
		if (!strcmp(sm->fig[i].key, key))
			return &sm->fig[i];
	return NULL; /* not reached: keys are this file's own */
}

/*
 * What the Summary reads of every complaint, in one pass: at a million
 * complaints the table is a gigabyte, and each pass over it cost 0.4 s.
 * A complaint is open from its registration until the day before it
 * closed; a closed complaint without a closing date is taken as closed
 * when the change was seen.
 */
struct held {
	long complaints, open, registered;
	struct {
		int level;
		long open;
	} lv[16];
	int nlv;
	long diff[NIGHTS + 1]; /* open complaints, as changes from night to night */
};

static void count_open_level(struct held *h, int level)
{
	int i = 0;
	while (i < h->nlv && h->lv[i].level < level)
		i++;
	if (i < h->nlv && h->lv[i].level == level) {
		h->lv[i].open++;
		return;
	}
	if (h->nlv == (int)(sizeof(h->lv) / sizeof(h->lv[0])))
		return; /* not reached: a level is 1..SLA_MAX_LEVELS */
	memmove(&h->lv[i + 1], &h->lv[i], (size_t)(h->nlv - i) * sizeof(h->lv[0]));
	h->lv[i].level = level;
	h->lv[i].open = 1;
	h->nlv++;
}

static void count_nights(const struct report_ctx *rc, struct held *h, int reg, int close)
{
	int first = rc->as_of - NIGHTS + 1;
	int from = reg > first ? reg : first;
	int to = (close == DAY_NONE || close > rc->as_of) ? rc->as_of : close - 1;
	if (reg == DAY_NONE || from > to)
		return;
	h->diff[from - first]++;
	h->diff[to - first + 1]--;
}

static void read_held(const struct report_ctx *rc, struct held *h)
{
	memset(h, 0, sizeof(*h));
	sqlite3_stmt *s = report_prepare(
		rc, "SELECT status IN " OPEN_STATUSES ", level, reg_date, CASE WHEN status IN"
		    " " OPEN_STATUSES " THEN NULL ELSE coalesce(closed_date, changed_at) END"
		    " FROM complaints WHERE merged_into IS NULL");
	while (store_row(s)) {
		int open = sqlite3_column_int(s, 0);
		int reg = store_column_day(s, 2);
		h->complaints++;
		h->registered += reg == rc->as_of;
		if (open) {
			h->open++;
			count_open_level(h, sqlite3_column_int(s, 1));
		}
		if (reg <= rc->as_of)
			count_nights(rc, h, reg, store_column_day(s, 3));
	}
	sqlite3_finalize(s);
}

static void open_by_level(const struct held *h, struct series *out)
{
	char label[16];
	int want = 1;
	for (int i = 0; i < h->nlv; i++) {
		int level = h->lv[i].level;
		for (; want < level; want++) /* a level with none open still shows */
			series_add(out, label_level(want, label, sizeof(label)), 0, 0);
		series_add(out, label_level(level, label, sizeof(label)), (double)h->lv[i].open, 0);
		want = level + 1;
	}
}

/* Open complaints on each of the last NIGHTS nights; breaches from each
 * night's analytics (blank where a night was not analysed). */
static void open_by_night(const struct report_ctx *rc, const struct held *h, struct series *out)
{
	int first = rc->as_of - NIGHTS + 1;
	sqlite3_stmt *s = report_prepare(rc, "SELECT breached FROM nightly_summary WHERE as_of = ?2");
	long open = 0;
	char day[11];
	for (int i = 0; i < NIGHTS; i++) {
		open += h->diff[i];
		sqlite3_reset(s);
		sqlite3_bind_text(s, 2, date_format(first + i, day), -1, SQLITE_TRANSIENT);
		double breached = store_row(s) ? sqlite3_column_double(s, 0) : -1;
		series_add(out, day, (double)open, breached);
	}
	sqlite3_finalize(s);
}

static void by_department(const struct report_ctx *rc, struct series *out)
{
	sqlite3_stmt *s = report_prepare(
		rc, "SELECT coalesce(department, '?'), count(*) FROM sla_status"
		    " WHERE as_of = ?1 AND breached GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 20");
	while (store_row(s))
		series_add(out, store_column_text(s, 0), (double)sqlite3_column_int64(s, 1), 0);
	sqlite3_finalize(s);
}

/* The night's nightly_summary figures, and those of a week before. */
static void from_nightly(const struct report_ctx *rc, struct sla_summary *sm)
{
	static const struct {
		const char *key, *hi, *en, *col;
	} n[] = {
		{"breached", "समय-सीमा बाहर", "Past the time limit (breached)", "breached"},
		{"escalated", "इस रात एस्केलेट", "Escalated this night", "escalated_today"},
		{"escalated_month", "इस माह एस्केलेट", "Escalated this month", "escalated_period"},
		{"pending_over_50", "50 दिन से अधिक लंबित", "Pending over 50 days", "pending_50"},
		{"pending_over_100", "100 दिन से अधिक लंबित", "Pending over 100 days", "pending_100"},
		{"violations", "नियम उल्लंघन", "Rule violations", "violations"},
	};
	struct strbuf sql = STRBUF_INIT;
	for (size_t i = 0; i < sizeof(n) / sizeof(n[0]); i++) {
		strbuf_reset(&sql);
		strbuf_addf(&sql,
			    "SELECT (SELECT %s FROM nightly_summary WHERE as_of = ?1),"
			    " (SELECT %s FROM nightly_summary WHERE as_of = date(?1, '-%d days'))",
			    n[i].col, n[i].col, WEEK);
		sqlite3_stmt *s = report_prepare(rc, sql.buf);
		struct figure *f = add_fig(sm, n[i].key, n[i].hi, n[i].en, 0);
		if (store_row(s)) {
			f->value = sqlite3_column_double(s, 0);
			if (sqlite3_column_type(s, 1) != SQLITE_NULL)
				f->week_ago = sqlite3_column_double(s, 1);
		}
		sqlite3_finalize(s);
	}
	strbuf_release(&sql);
}

static void grading(const struct report_ctx *rc, struct sla_summary *sm)
{
	sqlite3_stmt *s = report_prepare(
		rc,
		"SELECT district_total, district_grade, (SELECT district_total FROM nightly_summary"
		" WHERE as_of = date(?1, '-7 days')) FROM nightly_summary WHERE as_of = ?1");
	struct figure *score = add_fig(sm, "grading_score", "ग्रेडिंग अंक (जिला, 100 में)",
				       "Grading score (district, of 100)", 0);
	struct figure *grade = add_fig(sm, "grading_grade", "ग्रेड (जिला)", "Grade (district)", 0);
	score->decimals = 1;
	if (store_row(s)) {
		score->value = sqlite3_column_double(s, 0);
		if (sqlite3_column_type(s, 2) != SQLITE_NULL)
			score->week_ago = sqlite3_column_double(s, 2);
		xsnprintf(grade->text, sizeof(grade->text), "%s",
			  store_column_text(s, 1) ? store_column_text(s, 1) : "?");
	}
	sqlite3_finalize(s);
}

struct sla_summary *sla_summary_gather(const struct report_ctx *rc)
{
	struct sla_summary *sm = xcalloc(1, sizeof(*sm));
	struct held h;
	read_held(rc, &h);
	add_fig(sm, "complaints", "कुल शिकायतें", "Complaints held", (double)h.complaints);
	add_fig(sm, "open", "लंबित", "Open", (double)h.open);
	sqlite3_stmt *s = report_prepare(
		rc, "SELECT open FROM nightly_summary WHERE as_of = date(?1, '-7 days')");
	if (store_row(s))
		sm->fig[1].week_ago = sqlite3_column_double(s, 0);
	sqlite3_finalize(s);
	add_fig(sm, "registered", "इस रात दर्ज", "Registered this night", (double)h.registered);
	from_nightly(rc, sm);
	long long run = report_match_run(rc);
	add_fig(sm, "duplicates_proposed", "मर्ज हेतु प्रस्तावित दोहरी शिकायतें", "Duplicates proposed",
		run ? report_scalar(rc, "SELECT count(*) FROM proposals WHERE run_id ="
					" (SELECT max(id) FROM match_runs WHERE as_of <= ?1)"
					" AND complaint_id <> primary_id")
		    : 0);
	add_fig(sm, "quarantined", "अलग रखी गई पंक्तियाँ", "Rows quarantined",
		report_scalar(rc, "SELECT count(*) FROM quarantine"));
	grading(rc, sm);
	struct figure *otp = add_fig(sm, "otp", "मर्ज पुष्टि हेतु OTP", "OTP for merge decisions", 0);
	/* A test district may switch OTP off; a supervisor must see that it is. */
	xsnprintf(otp->text, sizeof(otp->text), "%s", rc->otp_off ? "बंद / OFF" : "चालू / on");
	open_by_level(&h, &sm->by_level);
	by_department(rc, &sm->by_dept);
	open_by_night(rc, &h, &sm->nights);
	return sm;
}


struct sla_summary_job {
	const struct report_ctx *caller;
	struct report_ctx rc; /* the caller's, on the thread's own connection */
	struct store *st;
	struct sla_summary *sm;
	pthread_t thread;
	int running;
};

static void *gather_main(void *arg)
{
	struct sla_summary_job *j = arg;
	j->sm = sla_summary_gather(&j->rc);
	return NULL;
}

struct sla_summary_job *sla_summary_start(const struct report_ctx *rc)
{
	struct sla_summary_job *j = xcalloc(1, sizeof(*j));
	struct strbuf err = STRBUF_INIT;
	j->caller = rc;
	j->rc = *rc;
	if (util_threads() > 1 && store_open(&j->st, rc->st->path, STORE_READ, &err) == NK_OK) {
		j->rc.st = j->st;
		j->running = report_begin(&j->rc, &err) == NK_OK &&
			     pthread_create(&j->thread, NULL, gather_main, j) == 0;
	}
	strbuf_release(&err); /* the caller's connection gathers instead */
	return j;
}

struct sla_summary *sla_summary_wait(struct sla_summary_job *j)
{
	struct sla_summary *sm;
	if (j->running) {
		pthread_join(j->thread, NULL);
		sm = j->sm;
	} else {
		sm = sla_summary_gather(j->caller);
	}
	store_close(j->st);
	free(j);
	return sm;
}

void sla_summary_free(struct sla_summary *sm)
{
	if (!sm)
		return;
	series_free(&sm->by_level);
	series_free(&sm->by_dept);
	series_free(&sm->nights);
	free(sm);
}

/* ---- writing ---- */

#define CHART_WHAT "adding a chart to the Summary"
#define CHART_COL  6 /* charts right of the tables */

/* A series of the values in column col of rows first.., named name. */
static int add_series(struct book *b, lxw_chart *ch, int first, int n, int col, const char *name,
		      int labels)
{
	lxw_chart_series *se = chart_add_series(ch, NULL, NULL);
	if (!se) /* the setters would write through NULL */
		return book_check(b, LXW_ERROR_MEMORY_MALLOC_FAILED, CHART_WHAT);
	chart_series_set_categories(se, SLA_SUMMARY_SHEET, (lxw_row_t)first, 0,
				    (lxw_row_t)(first + n - 1), 0);
	chart_series_set_values(se, SLA_SUMMARY_SHEET, (lxw_row_t)first, (lxw_col_t)col,
				(lxw_row_t)(first + n - 1), (lxw_col_t)col);
	chart_series_set_name(se, name);
	if (labels)
		chart_series_set_labels(se);
	return 0;
}

struct chart_spec {
	uint8_t type;
	const char *title, *name_a, *name_b; /* name_b NULL: one series */
	int at_row;
	double y_scale;
};

static void add_chart(struct book *b, lxw_worksheet *ws, const struct chart_spec *c, int first,
		      const struct series *s)
{
	if (!s->n || book_failed(b))
		return;
	lxw_chart *ch = workbook_add_chart(book_workbook(b), c->type);
	if (!ch) {
		book_check(b, LXW_ERROR_MEMORY_MALLOC_FAILED, CHART_WHAT);
		return;
	}
	int labels = c->type != LXW_CHART_LINE; /* 30 values on a line would crowd it */
	if (add_series(b, ch, first, s->n, 1, c->name_a, labels) ||
	    (c->name_b && add_series(b, ch, first, s->n, 2, c->name_b, 0)))
		return;
	chart_title_set_name(ch, c->title);
	/* A bar chart lays its categories along its y axis. */
	lxw_chart_axis *cat = chart_axis_get(ch, c->type == LXW_CHART_BAR ? LXW_CHART_AXIS_TYPE_Y
									  : LXW_CHART_AXIS_TYPE_X);
	lxw_chart_font small = {.size = 8};
	chart_axis_set_num_font(cat, &small);
	if (c->type == LXW_CHART_LINE) /* categories are dates */
		chart_axis_set_num_format(cat, "dd-mm");
	else
		chart_axis_set_interval_unit(cat, 1); /* every department named */
	chart_legend_set_position(ch, LXW_CHART_LEGEND_BOTTOM);
	/* The setters return nothing; book_check sees in errno what they could not allocate. */
	if (book_check(b, LXW_NO_ERROR, CHART_WHAT))
		return;
	lxw_chart_options opt = {.x_scale = 1.6, .y_scale = c->y_scale};
	book_check(b, worksheet_insert_chart_opt(ws, (lxw_row_t)c->at_row, CHART_COL, ch, &opt),
		   CHART_WHAT);
}

/* A small table: header, then label + one or two numbers. Returns the next free row. */
static int put_table(struct book *b, lxw_worksheet *ws, int row, const char *h0, const char *h1,
		     const char *h2, const struct series *s, enum book_fmt label_fmt)
{
	book_put_text(b, ws, row, 0, h0, BOOK_FMT_HEADER);
	book_put_text(b, ws, row, 1, h1, BOOK_FMT_HEADER);
	if (h2)
		book_put_text(b, ws, row, 2, h2, BOOK_FMT_HEADER);
	for (int i = 0; i < s->n; i++) {
		if (label_fmt == BOOK_FMT_DATE)
			book_put_num(b, ws, row + 1 + i, 0, book_excel_date(s->label[i]),
				     BOOK_FMT_DATE);
		else
			book_put_text(b, ws, row + 1 + i, 0, s->label[i], label_fmt);
		book_put_num(b, ws, row + 1 + i, 1, s->a[i], BOOK_FMT_INT);
		if (h2 && s->b[i] >= 0) /* a night without analytics stays blank */
			book_put_num(b, ws, row + 1 + i, 2, s->b[i], BOOK_FMT_INT);
	}
	return row + 1 + s->n + 1;
}

/* What to open first: the lists that call for action tonight, most urgent first. */
static int put_pointers(struct book *b, lxw_worksheet *ws, int row, const struct sla_summary *sm)
{
	static const struct {
		const char *key, *where, *hi, *en;
	} to[] = {
		{"breached", SLA_BREACHES_SHEET, "शिकायतें समय-सीमा से बाहर, सबसे अधिक देरी वाली पहले",
		 "complaints past their time limit, the most overdue first"},
		{"violations", SLA_VIOLATION_SHEET, "नियम उल्लंघन, संबंधित अधिकारियों से बात करें",
		 "breaches of the helpline's rules to take up with the officers"},
		{"duplicates_proposed", "merge-review.xlsx", "संभावित दोहरी शिकायतें निर्णय हेतु",
		 "possible duplicates await a decision"},
		{"quarantined", SLA_QUALITY_SHEET, "पंक्तियाँ अलग रखी गईं, सुधार कर दोबारा भेजें",
		 "rows quarantined: correct them and send them again"},
	};
	struct strbuf t = STRBUF_INIT;
	int first = row;
	book_put_text(b, ws, row++, 0, "पहले देखें / Open first", BOOK_FMT_HEADER);
	for (size_t i = 0; i < sizeof(to) / sizeof(to[0]); i++) {
		long n = (long)fig(sm, to[i].key)->value;
		if (n <= 0)
			continue;
		strbuf_reset(&t);
		strbuf_addf(&t, "%s: %ld %s / %ld %s", to[i].where, n, to[i].hi, n, to[i].en);
		book_put_text(b, ws, row++, 0, t.buf, BOOK_FMT_TEXT);
	}
	if (row == first + 1)
		book_put_text(b, ws, row++, 0, "आज कोई तत्काल कार्य नहीं / nothing urgent tonight",
			      BOOK_FMT_TEXT);
	strbuf_release(&t);
	return row + 1;
}

static int put_figures(struct book *b, lxw_worksheet *ws, int row, const struct sla_summary *sm)
{
	book_put_text(b, ws, row, 0, "सूचक", BOOK_FMT_HEADER);
	book_put_text(b, ws, row, 1, "Indicator", BOOK_FMT_HEADER);
	book_put_text(b, ws, row, 2, "संख्या / Count", BOOK_FMT_HEADER);
	book_put_text(b, ws, row, 3, "7 रात पहले से / Change in 7 nights", BOOK_FMT_HEADER);
	row++;
	for (int i = 0; i < sm->nfig; i++, row++) {
		const struct figure *f = &sm->fig[i];
		book_put_text(b, ws, row, 0, f->hi, BOOK_FMT_LABEL);
		book_put_text(b, ws, row, 1, f->en, BOOK_FMT_LABEL);
		if (f->text[0])
			book_put_text(b, ws, row, 2, f->text, BOOK_FMT_BIG);
		else
			book_put_num(b, ws, row, 2, f->value,
				     f->decimals ? BOOK_FMT_DEC : BOOK_FMT_BIG);
		if (f->week_ago >= 0)
			book_put_num(b, ws, row, 3, f->value - f->week_ago, BOOK_FMT_CHANGE);
	}
	book_put_text(b, ws, row, 0,
		      "बदलाव खाली: 7 रात पहले का विश्लेषण नहीं / a blank change: the night a week "
		      "before was not analysed",
		      BOOK_FMT_NOTE);
	return row + 2;
}

/* What each sheet holds: rows of the night, rows shown here, the CSV with all. */
static int put_sheets(const struct report_ctx *rc, struct book *b, lxw_worksheet *ws, int row,
		      const struct sla_sheet_rows *sh, int n)
{
	struct strbuf csv = STRBUF_INIT;
	book_put_text(b, ws, row, 0, "शीट / Sheet", BOOK_FMT_HEADER);
	book_put_text(b, ws, row, 1, "पूरी सूची / Full list", BOOK_FMT_HEADER);
	book_put_text(b, ws, row, 2, "इस रात / Rows tonight", BOOK_FMT_HEADER);
	book_put_text(b, ws, row, 3, "यहाँ / In this workbook", BOOK_FMT_HEADER);
	row++;
	for (int i = 0; i < n; i++) {
		if (!sh[i].name)
			continue;
		strbuf_reset(&csv);
		if (rc->csv)
			strbuf_addf(&csv, "sla-%s.csv", sh[i].stem);
		else
			strbuf_addstr(&csv, "— (--no-csv)");
		book_put_text(b, ws, row, 0, sh[i].name, BOOK_FMT_LABEL);
		book_put_text(b, ws, row, 1, csv.buf, BOOK_FMT_LABEL);
		book_put_num(b, ws, row, 2, (double)sh[i].rows, BOOK_FMT_INT);
		book_put_num(b, ws, row, 3, (double)sh[i].shown,
			     sh[i].shown < sh[i].rows ? BOOK_FMT_WARN : BOOK_FMT_INT);
		row++;
	}
	if (rc->cap) {
		strbuf_reset(&csv);
		strbuf_addf(
			&csv,
			"हर शीट में अधिकतम %ld पंक्तियाँ ([report] max_rows); बाकी CSV में / each "
			"sheet shows at most %ld rows ([report] max_rows); the CSV has them all",
			rc->cap, rc->cap);
		book_put_text(b, ws, row, 0, csv.buf, BOOK_FMT_NOTE);
	}
	strbuf_release(&csv);
	return row + 2;
}

void sla_summary_write(const struct report_ctx *rc, struct book *b, lxw_worksheet *ws,
		       const struct sla_summary *sm, const struct sla_sheet_rows *sheets, int n)
{
	struct strbuf t = STRBUF_INIT;
	strbuf_addf(&t, "%s%sशिकायत निराकरण रिपोर्ट / %s%sSLA report",
		    rc->district_hi ? rc->district_hi : "", rc->district_hi ? " — " : "",
		    rc->district ? rc->district : "", rc->district ? " — " : "");
	book_put_text(b, ws, 0, 0, t.buf, BOOK_FMT_TITLE);
	book_put_text(b, ws, 1, 0, "दिनांक / As of", BOOK_FMT_LABEL);
	book_put_num(b, ws, 1, 1, (double)rc->as_of + 25569.0, BOOK_FMT_DATE);
	int row = put_pointers(b, ws, 3, sm);
	row = put_figures(b, ws, row, sm);
	row = put_sheets(rc, b, ws, row, sheets, n);
	/* The charts' data, in order below. */
	int level_row = row;
	int dept_row = put_table(b, ws, level_row, "स्तर / Level", "लंबित / Open", NULL,
				 &sm->by_level, BOOK_FMT_TEXT);
	int night_row = put_table(b, ws, dept_row, "विभाग / Department", "समय-सीमा बाहर / Breached",
				  NULL, &sm->by_dept, BOOK_FMT_WRAP);
	put_table(b, ws, night_row, "रात / Night", "लंबित / Open", "समय-सीमा बाहर / Breached",
		  &sm->nights, BOOK_FMT_DATE);
	/* A bar per department, tall enough for each to be named. */
	double dept_scale = sm->by_dept.n > 8 ? sm->by_dept.n / 8.0 : 1.0;
	const struct chart_spec dept = {LXW_CHART_BAR,
					"विभागवार समय-सीमा बाहर / Breaches by department",
					"समय-सीमा बाहर / Breached",
					NULL,
					0,
					dept_scale};
	const struct chart_spec level = {LXW_CHART_COLUMN,
					 "स्तरवार लंबित / Open by level",
					 "लंबित / Open",
					 NULL,
					 (int)(15 * dept_scale) + 1,
					 1.0};
	const struct chart_spec nights = {LXW_CHART_LINE,
					  "पिछली 30 रातें / Last 30 nights",
					  "लंबित / Open",
					  "समय-सीमा बाहर / Breached",
					  (int)(15 * dept_scale) + 17,
					  1.0};
	add_chart(b, ws, &dept, dept_row + 1, &sm->by_dept);
	add_chart(b, ws, &level, level_row + 1, &sm->by_level);
	add_chart(b, ws, &nights, night_row + 1, &sm->nights);
	book_check(b, worksheet_set_column(ws, 0, 0, 44, NULL), "writing the Summary");
	book_check(b, worksheet_set_column(ws, 1, 1, 36, NULL), "writing the Summary");
	book_check(b, worksheet_set_column(ws, 2, 3, 16, NULL), "writing the Summary");
	strbuf_release(&t);
}

enum nk_err sla_summary_csv(const struct report_ctx *rc, const struct sla_summary *sm,
			    struct strbuf *err)
{
	struct strbuf p = STRBUF_INIT;
	report_path(rc, "sla-summary.csv", &p);
	struct csvout *c = csvout_open(p.buf, err);
	strbuf_release(&p);
	if (!c)
		return NK_EIO;
	static const char *const head[] = {"key", "label_hi", "label_en", "value", "week_ago"};
	for (int i = 0; i < 5; i++)
		csvout_field(c, head[i]);
	csvout_end_row(c);
	for (int i = 0; i < sm->nfig; i++) {
		const struct figure *f = &sm->fig[i];
		csvout_field(c, f->key);
		csvout_field(c, f->hi);
		csvout_field(c, f->en);
		if (f->text[0])
			csvout_field(c, f->text);
		else
			csvout_num(c, f->value);
		if (f->week_ago >= 0)
			csvout_num(c, f->week_ago);
		else
			csvout_field(c, NULL);
		csvout_end_row(c);
	}
	return csvout_close(c, err);
}
