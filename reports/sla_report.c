/* sla_report.c - sla-report.xlsx (see sla_report.h). */
#include "reports/sla_report.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/date.h"
#include "reports/book.h"
#include "reports/csvout.h"

#define OPEN_STATUSES "('open','attended','non_attended')"
#define NIGHTS 30

/* ---- Data quality ---- */

static const struct book_col dq_cols[] = {
	{"kind", "प्रकार", "Kind", BOOK_TEXT, 0},
	{"file", "फ़ाइल", "File", BOOK_TEXT, 0},
	{"row", "पंक्ति", "Row", BOOK_INT, 0},
	{"column", "कॉलम", "Column", BOOK_TEXT, 0},
	{"reason_hi", "कारण", "Reason (Hindi)", BOOK_TEXT, BOOK_WRAP},
	{"reason_en", NULL, "Reason", BOOK_TEXT, BOOK_WRAP},
	{"value", "मान / पंक्ति", "Value or row as read", BOOK_TEXT, BOOK_WRAP},
};

/*
 * Quarantined rows first (the clerk can fix and resend them), then
 * categories missing from the master (their time limits are defaults), then
 * officers whose mobile keeps them from the helpline's SMS and OTP.
 */
static const char dq_sql[] =
	"WITH om AS (SELECT mobile FROM officers WHERE mobile_kind = 'mobile'),\n"
	" cm AS (SELECT mobile, min(complaint_id) AS first FROM complaints\n"
	"        WHERE mobile IN (SELECT mobile FROM om) GROUP BY mobile),\n"
	" uc AS (SELECT category, count(*) AS n, min(complaint_id) AS first FROM complaints\n"
	"        WHERE category IS NOT NULL AND category NOT IN (SELECT category FROM categories)\n"
	"        GROUP BY category)\n"
	"SELECT kind, file, row_no, col, hi, en, value FROM (\n"
	" SELECT 1 AS ord, 'पंक्ति अलग रखी गई / Row quarantined' AS kind, f.path AS file,\n"
	"  q.row_number AS row_no, q.column_name AS col, q.reason_hi AS hi, q.reason AS en,\n"
	"  q.raw AS value, q.id AS k\n"
	" FROM quarantine q JOIN ingest_files f ON f.id = q.file_id\n"
	" UNION ALL\n"
	" SELECT 2, 'अज्ञात प्रारूप / Unknown category', f.path, c.src_row, 'category',\n"
	"  'प्रारूप \"' || u.category || '\" प्रारूप सूची (मास्टर) में नहीं है; ' || u.n ||\n"
	"  ' शिकायतों पर डिफ़ॉल्ट समय-सीमा लगी',\n"
	"  'category \"' || u.category || '\" is not in the categories master; default time'\n"
	"  || ' limits were used for ' || u.n || ' complaint(s)',\n"
	"  u.category, 0\n"
	" FROM uc u JOIN complaints c ON c.complaint_id = u.first\n"
	" LEFT JOIN ingest_files f ON f.id = c.file_id\n"
	" UNION ALL\n"
	" SELECT 3, 'अधिकारी का मोबाइल / Officer mobile', f.path, NULL, 'mobile',\n"
	"  'अधिकारी का मोबाइल नंबर दर्ज नहीं है; हेल्पलाइन के SMS और OTP नहीं पहुँचेंगे',\n"
	"  'the officer has no mobile number: the helpline''s SMS and OTP cannot reach them',\n"
	"  o.officer_id || ' ' || coalesce(o.name, ''), 0\n"
	" FROM officers o LEFT JOIN ingest_files f ON f.id = o.file_id\n"
	" WHERE coalesce(o.mobile_raw, '') = '' OR o.mobile_kind = 'empty'\n"
	" UNION ALL\n"
	" SELECT 3, 'अधिकारी का मोबाइल / Officer mobile', f.path, NULL, 'mobile',\n"
	"  'मोबाइल नंबर \"' || o.mobile_raw || '\" सही मोबाइल नंबर नहीं है (' || o.mobile_kind || ')',\n"
	"  'mobile number \"' || o.mobile_raw || '\" is not a valid mobile number ('\n"
	"  || o.mobile_kind || ')',\n"
	"  o.officer_id || ' ' || coalesce(o.name, '') || ': ' || o.mobile_raw, 1\n"
	" FROM officers o LEFT JOIN ingest_files f ON f.id = o.file_id\n"
	" WHERE coalesce(o.mobile_raw, '') <> '' AND o.mobile_kind NOT IN ('mobile', 'empty')\n"
	" UNION ALL\n"
	" SELECT 3, 'अधिकारी का मोबाइल / Officer mobile', f.path, NULL, 'mobile',\n"
	"  'यही मोबाइल नंबर दूसरे अधिकारी का भी दर्ज है: ' || s.others,\n"
	"  'the same mobile number is entered for another officer: ' || s.others,\n"
	"  o.officer_id || ' ' || coalesce(o.name, '') || ': ' || o.mobile_raw, 2\n"
	" FROM officers o JOIN (SELECT a.officer_id AS id, group_concat(b.officer_id, ', ') AS others\n"
	"   FROM officers a JOIN officers b ON b.mobile = a.mobile AND b.officer_id <> a.officer_id\n"
	"   WHERE a.mobile_kind = 'mobile' GROUP BY a.officer_id) s ON s.id = o.officer_id\n"
	" LEFT JOIN ingest_files f ON f.id = o.file_id\n"
	" UNION ALL\n"
	" SELECT 3, 'अधिकारी का मोबाइल / Officer mobile', f.path, NULL, 'mobile',\n"
	"  'यह मोबाइल नंबर एक शिकायतकर्ता का है (शिकायत ' || cm.first ||\n"
	"  '); अधिकारी को हेल्पलाइन के SMS नहीं मिलेंगे',\n"
	"  'this mobile number is a complainant''s (complaint ' || cm.first ||\n"
	"  '): the officer stops receiving the helpline''s SMS',\n"
	"  o.officer_id || ' ' || coalesce(o.name, '') || ': ' || o.mobile_raw, 3\n"
	" FROM officers o JOIN cm ON cm.mobile = o.mobile\n"
	" LEFT JOIN ingest_files f ON f.id = o.file_id\n"
	" WHERE o.mobile_kind = 'mobile'\n"
	") ORDER BY ord, file, row_no, value, k";

sqlite3_stmt *sla_data_quality_query(const struct report_ctx *rc)
{
	return report_prepare(rc, dq_sql);
}

static void csv_path(const struct report_ctx *rc, const char *stem, struct strbuf *p)
{
	struct strbuf name = STRBUF_INIT;
	strbuf_addf(&name, "sla-%s.csv", stem);
	report_path(rc, name.buf, p);
	strbuf_release(&name);
}

static long write_data_quality(const struct report_ctx *rc, struct book *b)
{
	struct strbuf p = STRBUF_INIT;
	csv_path(rc, "data-quality", &p);
	struct book_sheet *s = book_sheet_new(b, "Data quality", dq_cols, 7, rc->csv ? p.buf : NULL);
	sqlite3_stmt *st = sla_data_quality_query(rc);
	long n = book_sql_rows(s, st);
	sqlite3_finalize(st);
	strbuf_release(&p);
	return n;
}

/* ---- Summary ---- */

struct figure {
	const char *key, *hi, *en;
	long long value;
	int missing; /* not computed for this db: shown as a dash with a note */
};

struct series {
	char **label;      /* category labels (levels, departments, dates) */
	double *a, *b;     /* values; b may be unused */
	int n, alloc;
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

struct summary {
	struct figure fig[16];
	int nfig;
	struct series by_level, by_dept, nights;
	int have_breaches; /* analytics computed: breached figures and series are real */
	const char *note;
};

static void add_fig(struct summary *sm, const char *key, const char *hi, const char *en,
		    long long v, int missing)
{
	sm->fig[sm->nfig++] = (struct figure){key, hi, en, v, missing};
}

static void open_by_level(const struct report_ctx *rc, struct series *out)
{
	sqlite3_stmt *s = report_prepare(
		rc, "SELECT level, count(*) FROM complaints WHERE merged_into IS NULL AND status IN "
		    OPEN_STATUSES " GROUP BY level ORDER BY level");
	char label[16];
	int want = 1;
	while (sqlite3_step(s) == SQLITE_ROW) {
		int level = sqlite3_column_int(s, 0);
		for (; want < level; want++) { /* a level with none open still shows */
			xsnprintf(label, sizeof(label), "L%d", want);
			series_add(out, label, 0, 0);
		}
		xsnprintf(label, sizeof(label), "L%d", level);
		series_add(out, label, (double)sqlite3_column_int64(s, 1), 0);
		want = level + 1;
	}
	sqlite3_finalize(s);
}

/*
 * Open complaints on each of the last NIGHTS nights, from registration and
 * closing dates in one pass: a complaint is open from its registration
 * until the day before it closed. A closed complaint without a closing
 * date is taken as closed when the change was seen.
 */
static void open_by_night(const struct report_ctx *rc, struct series *out)
{
	int first = rc->as_of - NIGHTS + 1;
	long diff[NIGHTS + 1] = {0};
	sqlite3_stmt *s = report_prepare(
		rc, "SELECT reg_date, CASE WHEN status IN " OPEN_STATUSES " THEN NULL"
		    " ELSE coalesce(closed_date, changed_at) END FROM complaints"
		    " WHERE merged_into IS NULL AND reg_date <= ?1");
	while (sqlite3_step(s) == SQLITE_ROW) {
		int reg = store_column_day(s, 0), close = store_column_day(s, 1);
		int from = reg > first ? reg : first;
		int to = (close == DAY_NONE || close > rc->as_of) ? rc->as_of : close - 1;
		if (reg == DAY_NONE || from > to)
			continue;
		diff[from - first]++;
		diff[to - first + 1]--;
	}
	sqlite3_finalize(s);
	long open = 0;
	char day[11];
	for (int i = 0; i < NIGHTS; i++) {
		open += diff[i];
		series_add(out, date_format(first + i, day), (double)open, 0);
	}
}

static void gather_summary(const struct report_ctx *rc, struct summary *sm)
{
	memset(sm, 0, sizeof(*sm));
	add_fig(sm, "complaints", "कुल शिकायतें", "Complaints held",
		report_scalar(rc, "SELECT count(*) FROM complaints WHERE merged_into IS NULL"), 0);
	add_fig(sm, "open", "लंबित", "Open",
		report_scalar(rc, "SELECT count(*) FROM complaints WHERE merged_into IS NULL"
				  " AND status IN " OPEN_STATUSES),
		0);
	add_fig(sm, "registered", "इस रात दर्ज", "Registered this night",
		report_scalar(rc, "SELECT count(*) FROM complaints WHERE merged_into IS NULL"
				  " AND reg_date = ?1"),
		0);
	add_fig(sm, "breached", "समय-सीमा बाहर", "Past the time limit (breached)", 0, 1);
	add_fig(sm, "escalated", "इस रात एस्केलेट", "Escalated this night",
		report_scalar(rc, "SELECT count(DISTINCT complaint_id) FROM complaint_history"
				  " WHERE field = 'level' AND snapshot_date = ?1"
				  " AND CAST(new_value AS INTEGER) > CAST(old_value AS INTEGER)"),
		0);
	add_fig(sm, "pending_over_50", "50 दिन से अधिक लंबित", "Pending over 50 days",
		report_scalar(rc, "SELECT count(*) FROM complaints WHERE merged_into IS NULL"
				  " AND status IN " OPEN_STATUSES
				  " AND julianday(?1) - julianday(reg_date) > 50"),
		0);
	add_fig(sm, "pending_over_100", "100 दिन से अधिक लंबित", "Pending over 100 days",
		report_scalar(rc, "SELECT count(*) FROM complaints WHERE merged_into IS NULL"
				  " AND status IN " OPEN_STATUSES
				  " AND julianday(?1) - julianday(reg_date) > 100"),
		0);
	add_fig(sm, "duplicates_proposed", "मर्ज हेतु प्रस्तावित दोहरी शिकायतें", "Duplicates proposed", 0, 1);
	add_fig(sm, "quarantined", "अलग रखी गई पंक्तियाँ", "Rows quarantined",
		report_scalar(rc, "SELECT count(*) FROM quarantine"), 0);
	open_by_level(rc, &sm->by_level);
	open_by_night(rc, &sm->nights);
	sm->note = "— : अभी गणना नहीं हुई / not computed for this database yet";
}

static void summary_free(struct summary *sm)
{
	series_free(&sm->by_level);
	series_free(&sm->by_dept);
	series_free(&sm->nights);
}

#define TABLES_ROW 36 /* chart data below the charts, so rows stay in order */

static void put_text(struct book *b, lxw_worksheet *ws, int r, int c, const char *t,
		     enum book_fmt f)
{
	book_check(b, worksheet_write_string(ws, (lxw_row_t)r, (lxw_col_t)c, t, book_format(b, f)),
		   "writing the Summary");
}

static void put_num(struct book *b, lxw_worksheet *ws, int r, int c, double v, enum book_fmt f)
{
	book_check(b, worksheet_write_number(ws, (lxw_row_t)r, (lxw_col_t)c, v, book_format(b, f)),
		   "writing the Summary");
}

static void add_chart(struct book *b, lxw_worksheet *ws, uint8_t type, const char *title,
		      int first, const struct series *s, int with_b, const char *name_a,
		      const char *name_b, int at_row, int at_col, double x_scale)
{
	if (!s->n)
		return;
	lxw_chart *ch = workbook_add_chart(book_workbook(b), type);
	lxw_chart_series *a = chart_add_series(ch, NULL, NULL);
	chart_series_set_categories(a, SLA_SUMMARY_SHEET, (lxw_row_t)first, 0,
				    (lxw_row_t)(first + s->n - 1), 0);
	chart_series_set_values(a, SLA_SUMMARY_SHEET, (lxw_row_t)first, 1,
				(lxw_row_t)(first + s->n - 1), 1);
	chart_series_set_name(a, name_a);
	if (with_b) {
		lxw_chart_series *bs = chart_add_series(ch, NULL, NULL);
		chart_series_set_categories(bs, SLA_SUMMARY_SHEET, (lxw_row_t)first, 0,
					    (lxw_row_t)(first + s->n - 1), 0);
		chart_series_set_values(bs, SLA_SUMMARY_SHEET, (lxw_row_t)first, 2,
					(lxw_row_t)(first + s->n - 1), 2);
		chart_series_set_name(bs, name_b);
	}
	chart_title_set_name(ch, title);
	chart_legend_set_position(ch, LXW_CHART_LEGEND_BOTTOM);
	lxw_chart_options opt = {.x_scale = x_scale, .y_scale = 1.0};
	book_check(b, worksheet_insert_chart_opt(ws, (lxw_row_t)at_row, (lxw_col_t)at_col, ch, &opt),
		   "adding a chart to the Summary");
}

/* A small table under the charts: header, then label + one or two numbers. */
static int put_table(struct book *b, lxw_worksheet *ws, int row, const char *h0, const char *h1,
		     const char *h2, const struct series *s, enum book_fmt label_fmt)
{
	put_text(b, ws, row, 0, h0, BOOK_FMT_HEADER);
	put_text(b, ws, row, 1, h1, BOOK_FMT_HEADER);
	if (h2)
		put_text(b, ws, row, 2, h2, BOOK_FMT_HEADER);
	for (int i = 0; i < s->n; i++) {
		if (label_fmt == BOOK_FMT_DATE)
			put_num(b, ws, row + 1 + i, 0, book_excel_date(s->label[i]), BOOK_FMT_DATE);
		else
			put_text(b, ws, row + 1 + i, 0, s->label[i], label_fmt);
		put_num(b, ws, row + 1 + i, 1, s->a[i], BOOK_FMT_INT);
		if (h2)
			put_num(b, ws, row + 1 + i, 2, s->b[i], BOOK_FMT_INT);
	}
	return row + 1 + s->n + 1;
}

static void write_summary(const struct report_ctx *rc, struct book *b, struct summary *sm)
{
	lxw_worksheet *ws = book_free_sheet(b, SLA_SUMMARY_SHEET);
	struct strbuf t = STRBUF_INIT;
	if (!ws)
		return;
	strbuf_addf(&t, "%s%sशिकायत निराकरण रिपोर्ट / %s%sSLA report", rc->district_hi ? rc->district_hi : "",
		    rc->district_hi ? " — " : "", rc->district ? rc->district : "",
		    rc->district ? " — " : "");
	put_text(b, ws, 0, 0, t.buf, BOOK_FMT_TITLE);
	put_text(b, ws, 1, 0, "दिनांक / As of", BOOK_FMT_LABEL);
	put_num(b, ws, 1, 1, (double)rc->as_of + 25569.0, BOOK_FMT_DATE);
	put_text(b, ws, 3, 0, "सूचक", BOOK_FMT_HEADER);
	put_text(b, ws, 3, 1, "Indicator", BOOK_FMT_HEADER);
	put_text(b, ws, 3, 2, "संख्या / Count", BOOK_FMT_HEADER);
	int r = 4;
	for (int i = 0; i < sm->nfig; i++, r++) {
		put_text(b, ws, r, 0, sm->fig[i].hi, BOOK_FMT_LABEL);
		put_text(b, ws, r, 1, sm->fig[i].en, BOOK_FMT_LABEL);
		if (sm->fig[i].missing)
			put_text(b, ws, r, 2, "—", BOOK_FMT_TEXT);
		else
			put_num(b, ws, r, 2, (double)sm->fig[i].value, BOOK_FMT_INT);
	}
	put_text(b, ws, r + 1, 0, sm->note, BOOK_FMT_NOTE);

	int level_row = TABLES_ROW;
	int dept_row = put_table(b, ws, level_row, "स्तर / Level", "लंबित / Open", NULL,
				 &sm->by_level, BOOK_FMT_TEXT);
	int night_row = put_table(b, ws, dept_row, "विभाग / Department",
				  "समय-सीमा बाहर / Breached", NULL, &sm->by_dept, BOOK_FMT_TEXT);
	put_table(b, ws, night_row, "रात / Night", "लंबित / Open",
		  sm->have_breaches ? "समय-सीमा बाहर / Breached" : NULL, &sm->nights, BOOK_FMT_DATE);

	add_chart(b, ws, LXW_CHART_BAR, "विभागवार समय-सीमा बाहर / Breaches by department",
		  dept_row + 1, &sm->by_dept, 0, "समय-सीमा बाहर / Breached", NULL, 2, 4, 1.0);
	add_chart(b, ws, LXW_CHART_COLUMN, "स्तरवार लंबित / Open by level", level_row + 1,
		  &sm->by_level, 0, "लंबित / Open", NULL, 2, sm->by_dept.n ? 12 : 4, 1.0);
	add_chart(b, ws, LXW_CHART_LINE, "पिछली 30 रातें / Last 30 nights", night_row + 1,
		  &sm->nights, sm->have_breaches, "लंबित / Open", "समय-सीमा बाहर / Breached", 18, 4,
		  2.0);
	book_check(b, worksheet_set_column(ws, 0, 0, 34, NULL), "writing the Summary");
	book_check(b, worksheet_set_column(ws, 1, 1, 32, NULL), "writing the Summary");
	book_check(b, worksheet_set_column(ws, 2, 2, 14, NULL), "writing the Summary");
	worksheet_set_landscape(ws);
	worksheet_fit_to_pages(ws, 1, 1);
	book_check(b, worksheet_print_area(ws, 0, 0, 33, 20), "writing the Summary");
	strbuf_release(&t);
}

static enum nk_err write_summary_csv(const struct report_ctx *rc, const struct summary *sm,
				     struct strbuf *err)
{
	struct strbuf p = STRBUF_INIT;
	csv_path(rc, "summary", &p);
	struct csvout *c = csvout_open(p.buf, err);
	strbuf_release(&p);
	if (!c)
		return NK_EIO;
	csvout_field(c, "key");
	csvout_field(c, "label_hi");
	csvout_field(c, "label_en");
	csvout_field(c, "value");
	csvout_end_row(c);
	for (int i = 0; i < sm->nfig; i++) {
		csvout_field(c, sm->fig[i].key);
		csvout_field(c, sm->fig[i].hi);
		csvout_field(c, sm->fig[i].en);
		if (sm->fig[i].missing)
			csvout_field(c, NULL);
		else
			csvout_int(c, sm->fig[i].value);
		csvout_end_row(c);
	}
	return csvout_close(c, err);
}

enum nk_err sla_report_write(const struct report_ctx *rc, struct strbuf *err)
{
	struct strbuf p = STRBUF_INIT;
	struct summary sm;
	report_path(rc, SLA_REPORT_FILE, &p);
	struct book *b = book_open(p.buf, err);
	strbuf_release(&p);
	if (!b)
		return NK_EIO;
	if (rc->max_rows)
		book_set_max_rows(b, rc->max_rows);
	gather_summary(rc, &sm);
	write_summary(rc, b, &sm);
	write_data_quality(rc, b);
	enum nk_err e = book_close(b, err);
	if (!e && rc->csv)
		e = write_summary_csv(rc, &sm, err);
	summary_free(&sm);
	return e;
}
