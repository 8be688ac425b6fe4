/* sla_report.c - sla-report.xlsx (see sla_report.h). */
#include "reports/sla_report.h"

#include "reports/whatsapp.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/date.h"
#include "reports/book.h"
#include "reports/csvout.h"
#include "reports/whatsapp.h"

#define OPEN_STATUSES "('open','attended','non_attended')"
#define NIGHTS        30

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
	" WHERE o.mobile_kind = 'mobile'\n";

/* What the analytics could not place (officers not in the master, log rows
 * for unknown complaints, level dates it had to compute). */
static const char dq_sql_v2[] =
	" UNION ALL\n"
	" SELECT 4, 'विश्लेषण / Analytics', NULL, NULL, kind, detail_hi, detail_en,\n"
	"  subject || ' (' || count || ')', 0\n"
	" FROM data_quality WHERE as_of = ?1 AND kind <> 'unknown_category'\n";

static const char dq_sql_tail[] = ") ORDER BY ord, file, row_no, value, k";

sqlite3_stmt *sla_data_quality_query(const struct report_ctx *rc)
{
	struct strbuf sql = STRBUF_INIT;
	strbuf_addstr(&sql, dq_sql);
	if (report_has_table(rc->st, "data_quality"))
		strbuf_addstr(&sql, dq_sql_v2);
	strbuf_addstr(&sql, dq_sql_tail);
	sqlite3_stmt *st = report_prepare(rc, sql.buf);
	strbuf_release(&sql);
	return st;
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
	struct book_sheet *s =
		book_sheet_new(b, "Data quality", dq_cols, 7, rc->csv ? p.buf : NULL);
	sqlite3_stmt *st = sla_data_quality_query(rc);
	long n = book_sql_rows(s, st);
	sqlite3_finalize(st);
	strbuf_release(&p);
	return n;
}

/* ---- the analytics sheets: one query each, worst rows first ---- */

struct sheet_spec {
	const char *name, *stem;
	const struct book_col *cols;
	int ncols;
	int scale_col; /* -1: none */
	const char *table;
	const char *sql;
};

static const struct book_col breach_cols[] = {
	{"complaint_id", "शिकायत क्रमांक", "Complaint No", BOOK_TEXT, 0},
	{"days_overdue", "समय-सीमा से अधिक दिन", "Days overdue", BOOK_INT, 0},
	{"level", "स्तर", "Level", BOOK_INT, 0},
	{"officer_id", "अधिकारी", "Officer", BOOK_TEXT, 0},
	{"officer_name", "अधिकारी का नाम", "Officer name", BOOK_TEXT, 0},
	{"department", "विभाग", "Department", BOOK_TEXT, 0},
	{"category", "प्रारूप", "Category", BOOK_TEXT, 0},
	{"village", "ग्राम/वार्ड", "Village/Ward", BOOK_TEXT, 0},
	{"tehsil", "तहसील", "Tehsil", BOOK_TEXT, 0},
	{"reg_date", "दर्ज दिनांक", "Registration date", BOOK_DATE, 0},
	{"level_start", "स्तर पर दिनांक", "At this level since", BOOK_DATE, 0},
	{"days_allowed", "समय-सीमा (दिन)", "Days allowed", BOOK_INT, 0},
	{"due_date", "नियत दिनांक", "Due date", BOOK_DATE, 0},
	{"age_days", "कुल आयु (दिन)", "Age (days)", BOOK_INT, 0},
	{"age_bucket", "आयु वर्ग", "Age bucket", BOOK_TEXT, 0},
	{"status", "स्थिति", "Status", BOOK_TEXT, 0},
	{"no_action_to_top", "बिना कार्रवाई शीर्ष स्तर तक", "Reached the top with no action",
	 BOOK_TEXT, 0},
	{"sla_source", "स्तर दिनांक का स्रोत", "Level date from", BOOK_TEXT, 0},
};

static const struct book_col esc_cols[] = {
	{"complaint_id", "शिकायत क्रमांक", "Complaint No", BOOK_TEXT, 0},
	{"event_date", "दिनांक", "Date", BOOK_DATE, 0},
	{"from_level", "से स्तर", "From level", BOOK_INT, 0},
	{"to_level", "को स्तर", "To level", BOOK_INT, 0},
	{"how", "कैसे", "How", BOOK_TEXT, 0},
	{"charged_officer", "उत्तरदायी अधिकारी", "Officer charged", BOOK_TEXT, 0},
	{"charged_officer_name", "अधिकारी का नाम", "Officer name", BOOK_TEXT, 0},
	{"to_officer", "को अधिकारी", "To officer", BOOK_TEXT, 0},
	{"department", "विभाग", "Department", BOOK_TEXT, 0},
	{"category", "प्रारूप", "Category", BOOK_TEXT, 0},
	{"village", "ग्राम/वार्ड", "Village/Ward", BOOK_TEXT, 0},
	{"source", "स्रोत", "Source", BOOK_TEXT, 0},
};

static const struct book_col score_cols[] = {
	{"officer_id", "अधिकारी", "Officer", BOOK_TEXT, 0},
	{"name", "नाम", "Name", BOOK_TEXT, 0},
	{"designation", "पद", "Designation", BOOK_TEXT, 0},
	{"level", "स्तर", "Level", BOOK_INT, 0},
	{"department", "विभाग", "Department", BOOK_TEXT, 0},
	{"breached", "समय-सीमा बाहर", "Breached", BOOK_INT, 0},
	{"pending", "लंबित", "Pending", BOOK_INT, 0},
	{"escalated", "एस्केलेट", "Escalated", BOOK_INT, 0},
	{"escalation_rate", "एस्केलेशन दर", "Escalation rate", BOOK_PCT, 0},
	{"disposed", "निराकृत", "Disposed", BOOK_INT, 0},
	{"disposed_in_time", "समय में निराकृत", "Disposed in time", BOOK_INT, 0},
	{"satisfaction_rate", "संतुष्टि दर", "Satisfaction rate", BOOK_PCT, 0},
	{"category_changes", "प्रारूप परिवर्तन", "Category changes", BOOK_INT, 0},
	{"category_violations", "प्रारूप नियम उल्लंघन", "Category rule breaches", BOOK_INT, 0},
	{"oj_marks", "कार्यक्षेत्र से बाहर", "Out-of-jurisdiction marks", BOOK_INT, 0},
	{"oj_violations", "कार्यक्षेत्र नियम उल्लंघन", "Out-of-jurisdiction breaches", BOOK_INT, 0},
	{"force_special", "फोर्स/विशेष क्लोज", "Force/special closes", BOOK_INT, 0},
	{"repeat_after_close", "बंद के बाद दोबारा शिकायत", "Repeat after close", BOOK_INT, 0},
};

static const struct book_col viol_cols[] = {
	{"complaint_id", "शिकायत क्रमांक", "Complaint No", BOOK_TEXT, 0},
	{"kind", "उल्लंघन", "Rule broken", BOOK_TEXT, 0},
	{"event_date", "दिनांक", "Date", BOOK_DATE, 0},
	{"level", "स्तर", "Level", BOOK_INT, 0},
	{"officer_id", "अधिकारी", "Officer", BOOK_TEXT, 0},
	{"officer_name", "अधिकारी का नाम", "Officer name", BOOK_TEXT, 0},
	{"department", "विभाग", "Department", BOOK_TEXT, 0},
	{"category", "प्रारूप", "Category", BOOK_TEXT, 0},
	{"detail_hi", "विवरण", "Detail (Hindi)", BOOK_TEXT, BOOK_WRAP},
	{"detail_en", NULL, "Detail", BOOK_TEXT, BOOK_WRAP},
	{"source", "स्रोत", "Source", BOOK_TEXT, 0},
};

static const struct book_col grade_cols[] = {
	{"scope", "स्तर", "Scope", BOOK_TEXT, 0},
	{"name", "नाम", "Name", BOOK_TEXT, 0},
	{"total", "कुल अंक", "Score (of 100)", BOOK_NUM, 0},
	{"grade", "ग्रेड", "Grade", BOOK_TEXT, 0},
	{"received", "प्राप्त", "Received", BOOK_INT, 0},
	{"satisfied", "संतुष्टि के साथ बंद", "Closed with satisfaction", BOOK_INT, 0},
	{"low_quality", "असंतुष्टि के साथ बंद", "Closed low quality", BOOK_INT, 0},
	{"non_attended", "नॉन अटेंडेड", "Non-attended", BOOK_INT, 0},
	{"old_pending", "50 दिन से पुरानी", "Pending over 50 days", BOOK_INT, 0},
	{"old_satisfied", "पुरानी, संतुष्टि से बंद", "Old, closed satisfied", BOOK_INT, 0},
	{"capped_out", "10 से अधिक (छोड़ी गई)", "Left out (over 10 a complainant)", BOOK_INT, 0},
	{"pts_satisfied", "अंक: संतुष्टि (60)", "Points: satisfaction (60)", BOOK_NUM, 0},
	{"pts_pending50", "अंक: 50+ दिन (20)", "Points: over 50 days (20)", BOOK_NUM, 0},
	{"pts_low_quality", "अंक: गुणवत्ता (10)", "Points: low quality (10)", BOOK_NUM, 0},
	{"pts_non_attended", "अंक: नॉन अटेंडेड (10)", "Points: non-attended (10)", BOOK_NUM, 0},
	{"period_start", "अवधि से", "Period from", BOOK_DATE, 0},
};

static const struct book_col repeat_cols[] = {
	{"complainant_id", "शिकायतकर्ता (पहली शिकायत)", "Complainant (first complaint)", BOOK_TEXT,
	 0},
	{"complaints", "शिकायतें", "Complaints", BOOK_INT, 0},
	{"name", "नाम", "Name", BOOK_TEXT, 0},
	{"mobile", "मोबाइल", "Mobile", BOOK_TEXT, 0},
	{"village", "ग्राम/वार्ड", "Village/Ward", BOOK_TEXT, 0},
	{"first_date", "पहली शिकायत", "First complaint", BOOK_DATE, 0},
	{"last_date", "अंतिम शिकायत", "Last complaint", BOOK_DATE, 0},
	{"open", "लंबित", "Open", BOOK_INT, 0},
	{"over_cap", "ग्रेडिंग से बाहर (10 से अधिक)", "Left out of grading (over 10)", BOOK_INT, 0},
	{"complaint_ids", "शिकायत क्रमांक", "Complaint numbers", BOOK_TEXT, BOOK_WRAP},
};

#define YES_NO(col) "CASE WHEN " col " THEN 'हाँ / yes' ELSE '' END"

static const struct sheet_spec specs[] = {
	{"Breaches", "breaches", breach_cols, 18, 1, "sla_status",
	 "SELECT complaint_id, days_overdue, level, officer_id, officer_name, department,"
	 " category, village, tehsil, reg_date, level_start, days_allowed, due_date, age_days,"
	 " age_bucket, status, " YES_NO(
		 "no_action_to_top") ", sla_source"
				     " FROM sla_status WHERE as_of = ?1 AND breached"
				     " ORDER BY days_overdue DESC, age_days DESC, complaint_id"},
	{"Escalations", "escalations", esc_cols, 12, -1, "escalation_events",
	 "SELECT complaint_id, event_date, from_level, to_level,"
	 " CASE WHEN is_auto THEN 'स्वतः / automatic' ELSE 'अधिकारी द्वारा / by an officer' END,"
	 " charged_officer, charged_officer_name, to_officer, department, category, village, source"
	 " FROM escalation_events WHERE as_of = ?1"
	 " ORDER BY event_date DESC, to_level DESC, complaint_id"},
	{"Officer scorecard", "officer-scorecard", score_cols, 18, 5, "officer_scores",
	 "SELECT officer_id, name, designation, level, department, breached, pending, escalated,"
	 " escalation_rate, disposed, disposed_in_time, satisfaction_rate, category_changes,"
	 " category_violations, oj_marks, oj_violations, force_special, repeat_after_close"
	 " FROM officer_scores WHERE as_of = ?1"
	 " ORDER BY breached DESC, escalated DESC, pending DESC, officer_id"},
	{"Rule violations", "rule-violations", viol_cols, 11, -1, "rule_violations",
	 "SELECT complaint_id, kind, event_date, level, officer_id, officer_name, department,"
	 " category, detail_hi, detail_en, source FROM rule_violations WHERE as_of = ?1"
	 " ORDER BY event_date DESC, complaint_id, kind"},
	{"Grading", "grading", grade_cols, 16, -1, "grading",
	 "SELECT CASE scope WHEN 'district' THEN 'जिला / district' ELSE 'विभाग / department' END,"
	 " name, total, grade, received, satisfied, low_quality, non_attended, old_pending,"
	 " old_satisfied, capped_out, pts_satisfied, pts_pending50, pts_low_quality,"
	 " pts_non_attended, period_start FROM grading WHERE as_of = ?1"
	 " ORDER BY scope = 'district' DESC, total, name"},
	{"Repeat complainants", "repeat-complainants", repeat_cols, 10, 1, "complainants",
	 "WITH p AS (SELECT k.complainant_id AS pid, c.* FROM complainants k"
	 "  JOIN complaints c ON c.complaint_id = k.complaint_id"
	 "  WHERE c.merged_into IS NULL AND c.reg_date <= ?1)"
	 " SELECT pid, count(*) AS n,"
	 "  (SELECT coalesce(name_display, name_raw) FROM complaints WHERE complaint_id = pid),"
	 "  (SELECT mobile_raw FROM complaints WHERE complaint_id = pid),"
	 "  (SELECT village FROM complaints WHERE complaint_id = pid),"
	 "  min(reg_date), max(reg_date),"
	 "  sum(status IN " OPEN_STATUSES "), max(count(*) - 10, 0),"
	 "  group_concat(complaint_id, ', ')"
	 " FROM p GROUP BY pid HAVING n >= 2 ORDER BY n DESC, pid"},
};

static long write_spec(const struct report_ctx *rc, struct book *b, const struct sheet_spec *sp)
{
	struct strbuf p = STRBUF_INIT;
	csv_path(rc, sp->stem, &p);
	struct book_sheet *s =
		book_sheet_new(b, sp->name, sp->cols, sp->ncols, rc->csv ? p.buf : NULL);
	strbuf_release(&p);
	if (sp->scale_col >= 0)
		book_color_scale(s, sp->scale_col);
	if (!report_has_table(rc->st, sp->table))
		return 0; /* a db from before this stage: the header says what would be here */
	sqlite3_stmt *st = report_prepare(rc, sp->sql);
	long n = book_sql_rows(s, st);
	sqlite3_finalize(st);
	return n;
}

/* ---- Summary ---- */

struct figure {
	const char *key, *hi, *en;
	long long value;
	char text[32]; /* shown instead of value when set */
	int missing;   /* not computed for this db: shown as a dash with a note */
};

struct series {
	char **label;  /* category labels (levels, departments, dates) */
	double *a, *b; /* values; b may be unused */
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
	struct figure fig[20];
	int nfig;
	struct series by_level, by_dept, nights;
	int have_breaches; /* analytics computed: breached figures and series are real */
	const char *note;
};

static void add_fig(struct summary *sm, const char *key, const char *hi, const char *en,
		    long long v, int missing)
{
	sm->fig[sm->nfig++] = (struct figure){key, hi, en, v, "", missing};
}

static void open_by_level(const struct report_ctx *rc, struct series *out)
{
	sqlite3_stmt *s = report_prepare(
		rc,
		"SELECT level, count(*) FROM complaints WHERE merged_into IS NULL AND status IN " OPEN_STATUSES
		" GROUP BY level ORDER BY level");
	char label[16];
	int want = 1;
	while (store_row(s)) {
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
	while (store_row(s)) {
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

static void from_analytics(const struct report_ctx *rc, struct summary *sm);
static void from_matching(const struct report_ctx *rc, struct summary *sm);
static struct figure *fig(struct summary *sm, const char *key);

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
	add_fig(sm, "duplicates_proposed", "मर्ज हेतु प्रस्तावित दोहरी शिकायतें", "Duplicates proposed", 0,
		1);
	add_fig(sm, "quarantined", "अलग रखी गई पंक्तियाँ", "Rows quarantined",
		report_scalar(rc, "SELECT count(*) FROM quarantine"), 0);
	add_fig(sm, "grading", "ग्रेडिंग पूर्वावलोकन (जिला)", "Grading preview (district)", 0, 1);
	add_fig(sm, "otp", "मर्ज पुष्टि हेतु OTP", "OTP for merge decisions", 0, 0);
	/* A test district may switch OTP off; a supervisor must see that it is. */
	xsnprintf(fig(sm, "otp")->text, sizeof(sm->fig[0].text), "%s",
		  rc->otp_off ? "बंद / OFF" : "चालू / on");
	open_by_level(rc, &sm->by_level);
	open_by_night(rc, &sm->nights);
	from_analytics(rc, sm);
	from_matching(rc, sm);
	sm->note = "— : अभी गणना नहीं हुई / not computed for this database yet";
}

static struct figure *fig(struct summary *sm, const char *key)
{
	for (int i = 0; i < sm->nfig; i++)
		if (!strcmp(sm->fig[i].key, key))
			return &sm->fig[i];
	return NULL; /* not reached: keys are this file's own */
}

static void set_fig(struct summary *sm, const char *key, sqlite3_stmt *s, int col)
{
	struct figure *f = fig(sm, key);
	f->value = sqlite3_column_int64(s, col);
	f->missing = 0;
}

/* The figures, department bars and breach trend of the analytics, when
 * they were computed for this night. */
static void from_analytics(const struct report_ctx *rc, struct summary *sm)
{
	if (!report_has_table(rc->st, "nightly_summary"))
		return;
	sqlite3_stmt *s = report_prepare(
		rc, "SELECT breached, escalated_today, pending_50, pending_100, district_total,"
		    " district_grade FROM nightly_summary WHERE as_of = ?1");
	if (store_row(s)) {
		sm->have_breaches = 1;
		set_fig(sm, "breached", s, 0);
		set_fig(sm, "escalated", s, 1);
		set_fig(sm, "pending_over_50", s, 2);
		set_fig(sm, "pending_over_100", s, 3);
		if (sqlite3_column_type(s, 4) != SQLITE_NULL) {
			struct figure *g = fig(sm, "grading");
			g->missing = 0;
			xsnprintf(g->text, sizeof(g->text), "%.1f (%s)",
				  sqlite3_column_double(s, 4),
				  store_column_text(s, 5) ? store_column_text(s, 5) : "?");
		}
	}
	sqlite3_finalize(s);
	if (!sm->have_breaches)
		return;
	s = report_prepare(rc,
			   "SELECT coalesce(department, '?'), count(*) FROM sla_status"
			   " WHERE as_of = ?1 AND breached GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 20");
	while (store_row(s))
		series_add(&sm->by_dept, store_column_text(s, 0),
			   (double)sqlite3_column_int64(s, 1), 0);
	sqlite3_finalize(s);
	s = report_prepare(rc, "SELECT breached FROM nightly_summary WHERE as_of = ?2");
	for (int i = 0; i < sm->nights.n; i++) {
		sqlite3_reset(s);
		sqlite3_bind_text(s, 2, sm->nights.label[i], -1, SQLITE_STATIC);
		sm->nights.b[i] = store_row(s) ? sqlite3_column_double(s, 0) : -1;
	}
	sqlite3_finalize(s);
}

/* Proposals of the last match run on or before this night. */
static void from_matching(const struct report_ctx *rc, struct summary *sm)
{
	if (!report_has_table(rc->st, "match_runs") ||
	    !report_scalar(rc, "SELECT count(*) FROM match_runs WHERE as_of <= ?1"))
		return;
	struct figure *f = fig(sm, "duplicates_proposed");
	f->missing = 0;
	f->value = report_scalar(rc, "SELECT count(*) FROM proposals WHERE run_id ="
				     " (SELECT max(id) FROM match_runs WHERE as_of <= ?1)");
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
	if (book_failed(b))
		return;
	book_check(b, worksheet_write_string(ws, (lxw_row_t)r, (lxw_col_t)c, t, book_format(b, f)),
		   "writing the Summary");
}

static void put_num(struct book *b, lxw_worksheet *ws, int r, int c, double v, enum book_fmt f)
{
	if (book_failed(b))
		return;
	book_check(b, worksheet_write_number(ws, (lxw_row_t)r, (lxw_col_t)c, v, book_format(b, f)),
		   "writing the Summary");
}

#define CHART_WHAT "adding a chart to the Summary"

/* A series of the values in column col of rows first.., named name. */
static int add_series(struct book *b, lxw_chart *ch, int first, int n, int col, const char *name)
{
	lxw_chart_series *se = chart_add_series(ch, NULL, NULL);
	if (!se) /* the setters would write through NULL */
		return book_check(b, LXW_ERROR_MEMORY_MALLOC_FAILED, CHART_WHAT);
	chart_series_set_categories(se, SLA_SUMMARY_SHEET, (lxw_row_t)first, 0,
				    (lxw_row_t)(first + n - 1), 0);
	chart_series_set_values(se, SLA_SUMMARY_SHEET, (lxw_row_t)first, (lxw_col_t)col,
				(lxw_row_t)(first + n - 1), (lxw_col_t)col);
	chart_series_set_name(se, name);
	return 0;
}

static void add_chart(struct book *b, lxw_worksheet *ws, uint8_t type, const char *title, int first,
		      const struct series *s, int with_b, const char *name_a, const char *name_b,
		      int at_row, int at_col, double x_scale)
{
	if (!s->n || book_failed(b))
		return;
	lxw_chart *ch = workbook_add_chart(book_workbook(b), type);
	if (!ch) {
		book_check(b, LXW_ERROR_MEMORY_MALLOC_FAILED, CHART_WHAT);
		return;
	}
	if (add_series(b, ch, first, s->n, 1, name_a) ||
	    (with_b && add_series(b, ch, first, s->n, 2, name_b)))
		return;
	chart_title_set_name(ch, title);
	if (type == LXW_CHART_LINE) /* categories are dates */
		chart_axis_set_num_format(chart_axis_get(ch, LXW_CHART_AXIS_TYPE_X), "dd-mm");
	chart_legend_set_position(ch, LXW_CHART_LEGEND_BOTTOM);
	/* The setters return nothing; book_check sees in errno what they could not allocate. */
	if (book_check(b, LXW_NO_ERROR, CHART_WHAT))
		return;
	lxw_chart_options opt = {.x_scale = x_scale, .y_scale = 1.0};
	book_check(b,
		   worksheet_insert_chart_opt(ws, (lxw_row_t)at_row, (lxw_col_t)at_col, ch, &opt),
		   CHART_WHAT);
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
		if (h2 && s->b[i] >= 0) /* a night without analytics stays blank */
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
	strbuf_addf(&t, "%s%sशिकायत निराकरण रिपोर्ट / %s%sSLA report",
		    rc->district_hi ? rc->district_hi : "", rc->district_hi ? " — " : "",
		    rc->district ? rc->district : "", rc->district ? " — " : "");
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
		else if (sm->fig[i].text[0])
			put_text(b, ws, r, 2, sm->fig[i].text, BOOK_FMT_TEXT);
		else
			put_num(b, ws, r, 2, (double)sm->fig[i].value, BOOK_FMT_INT);
	}
	for (int i = 0; i < sm->nfig; i++) {
		if (sm->fig[i].missing) { /* say what a dash means, once */
			put_text(b, ws, r + 1, 0, sm->note, BOOK_FMT_NOTE);
			break;
		}
	}

	int level_row = TABLES_ROW;
	int dept_row = put_table(b, ws, level_row, "स्तर / Level", "लंबित / Open", NULL,
				 &sm->by_level, BOOK_FMT_TEXT);
	int night_row = put_table(b, ws, dept_row, "विभाग / Department", "समय-सीमा बाहर / Breached",
				  NULL, &sm->by_dept, BOOK_FMT_TEXT);
	put_table(b, ws, night_row, "रात / Night", "लंबित / Open",
		  sm->have_breaches ? "समय-सीमा बाहर / Breached" : NULL, &sm->nights,
		  BOOK_FMT_DATE);

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
		else if (sm->fig[i].text[0])
			csvout_field(c, sm->fig[i].text);
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
	for (int i = 0; i < 5; i++) /* Breaches .. Grading */
		write_spec(rc, b, &specs[i]);
	write_data_quality(rc, b);
	write_spec(rc, b, &specs[5]); /* Repeat complainants */
	if (whatsapp_sheet(rc, b, err) < 0) {
		book_abort(b);
		summary_free(&sm);
		return NK_EIO;
	}
	enum nk_err e = book_close(b, err);
	if (!e && rc->csv)
		e = write_summary_csv(rc, &sm, err);
	summary_free(&sm);
	return e;
}
