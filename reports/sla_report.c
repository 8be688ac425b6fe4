/* sla_report.c - sla-report.xlsx (see sla_report.h). */
#include "reports/sla_report.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/date.h"
#include "engine/schema.h"
#include "reports/book.h"
#include "reports/sla_summary.h"
#include "reports/whatsapp.h"

#define OPEN_STATUSES "('open','attended','non_attended')"

/* ---- Data quality ---- */

static const struct book_col dq_cols[] = {
	{"kind", "प्रकार", "Kind", BOOK_TEXT, 0, 0},
	{"file", "फ़ाइल", "File", BOOK_TEXT, BOOK_WRAP, 24},
	{"row", "पंक्ति", "Row", BOOK_INT, 0, 0},
	{"column", "कॉलम", "Column", BOOK_TEXT, 0, 0},
	{"reason_hi", "कारण", "Reason (Hindi)", BOOK_TEXT, BOOK_WRAP, 0},
	{"reason_en", NULL, "Reason", BOOK_TEXT, BOOK_WRAP, 0},
	{"value", "मान / पंक्ति", "Value or row as read", BOOK_TEXT, BOOK_WRAP, 0},
};

/*
 * Quarantined rows first (the clerk can fix and resend them), then
 * categories missing from the master (their time limits are defaults), then
 * officers whose mobile keeps them from the helpline's SMS and OTP, then
 * what the analytics could not place.
 */
static const char dq_sql[] =
	"WITH om AS (SELECT mobile FROM officers WHERE mobile_kind = 'mobile'),\n"
	/* the complaints both findings need, in one scan of the table, not two */
	" odd AS MATERIALIZED (SELECT complaint_id, mobile, category,\n"
	"        mobile IN (SELECT mobile FROM om) AS officers_mobile FROM complaints\n"
	"        WHERE mobile IN (SELECT mobile FROM om) OR (category IS NOT NULL AND\n"
	"        category NOT IN (SELECT category FROM categories))),\n"
	" cm AS (SELECT mobile, min(complaint_id) AS first FROM odd\n"
	"        WHERE officers_mobile GROUP BY mobile),\n"
	" uc AS (SELECT category, count(*) AS n, min(complaint_id) AS first FROM odd\n"
	"        WHERE category IS NOT NULL AND category NOT IN (SELECT category FROM categories)\n"
	"        GROUP BY category)\n"
	"SELECT nk_label('dq', kind), file, row_no, col, hi, en, value FROM (\n"
	" SELECT 1 AS ord, 'quarantined' AS kind, f.path AS file,\n"
	"  q.row_number AS row_no, q.column_name AS col, q.reason_hi AS hi, q.reason AS en,\n"
	"  q.raw AS value, q.id AS k\n"
	" FROM quarantine q JOIN ingest_files f ON f.id = q.file_id\n"
	" UNION ALL\n"
	" SELECT 2, 'unknown_category', f.path, c.src_row, nk_label('field', 'category'),\n"
	"  'प्रारूप \"' || u.category || '\" प्रारूप सूची (मास्टर) में नहीं है; ' || u.n ||\n"
	"  ' शिकायतों पर डिफ़ॉल्ट समय-सीमा लगी',\n"
	"  'category \"' || u.category || '\" is not in the categories master; default time'\n"
	"  || ' limits were used for ' || u.n || ' complaint(s)',\n"
	"  u.category, 0\n"
	" FROM uc u JOIN complaints c ON c.complaint_id = u.first\n"
	" LEFT JOIN ingest_files f ON f.id = c.file_id\n"
	" UNION ALL\n"
	" SELECT 3, 'officer_mobile', f.path, NULL, nk_label('field', 'mobile'),\n"
	"  'अधिकारी का मोबाइल नंबर दर्ज नहीं है; हेल्पलाइन के SMS और OTP नहीं पहुँचेंगे',\n"
	"  'the officer has no mobile number: the helpline''s SMS and OTP cannot reach them',\n"
	"  o.officer_id || ' ' || coalesce(o.name, ''), 0\n"
	" FROM officers o LEFT JOIN ingest_files f ON f.id = o.file_id\n"
	" WHERE coalesce(o.mobile_raw, '') = '' OR o.mobile_kind = 'empty'\n"
	" UNION ALL\n"
	" SELECT 3, 'officer_mobile', f.path, NULL, nk_label('field', 'mobile'),\n"
	"  'मोबाइल नंबर \"' || o.mobile_raw || '\" सही मोबाइल नंबर नहीं है ('\n"
	"  || nk_label('mobile', o.mobile_kind, 'hi') || ')',\n"
	"  'mobile number \"' || o.mobile_raw || '\" is not a valid mobile number ('\n"
	"  || nk_label('mobile', o.mobile_kind, 'en') || ')',\n"
	"  o.officer_id || ' ' || coalesce(o.name, '') || ': ' || o.mobile_raw, 1\n"
	" FROM officers o LEFT JOIN ingest_files f ON f.id = o.file_id\n"
	" WHERE coalesce(o.mobile_raw, '') <> '' AND o.mobile_kind NOT IN ('mobile', 'empty')\n"
	" UNION ALL\n"
	" SELECT 3, 'officer_mobile', f.path, NULL, nk_label('field', 'mobile'),\n"
	"  'यही मोबाइल नंबर दूसरे अधिकारी का भी दर्ज है: ' || s.others,\n"
	"  'the same mobile number is entered for another officer: ' || s.others,\n"
	"  o.officer_id || ' ' || coalesce(o.name, '') || ': ' || o.mobile_raw, 2\n"
	" FROM officers o JOIN (SELECT a.officer_id AS id, group_concat(b.officer_id, ', ') AS others\n"
	"   FROM officers a JOIN officers b ON b.mobile = a.mobile AND b.officer_id <> a.officer_id\n"
	"   WHERE a.mobile_kind = 'mobile' GROUP BY a.officer_id) s ON s.id = o.officer_id\n"
	" LEFT JOIN ingest_files f ON f.id = o.file_id\n"
	" UNION ALL\n"
	" SELECT 3, 'officer_mobile', f.path, NULL, nk_label('field', 'mobile'),\n"
	"  'यह मोबाइल नंबर एक शिकायतकर्ता का है (शिकायत ' || cm.first ||\n"
	"  '); अधिकारी को हेल्पलाइन के SMS नहीं मिलेंगे',\n"
	"  'this mobile number is a complainant''s (complaint ' || cm.first ||\n"
	"  '): the officer stops receiving the helpline''s SMS',\n"
	"  o.officer_id || ' ' || coalesce(o.name, '') || ': ' || o.mobile_raw, 3\n"
	" FROM officers o JOIN cm ON cm.mobile = o.mobile\n"
	" LEFT JOIN ingest_files f ON f.id = o.file_id\n"
	" WHERE o.mobile_kind = 'mobile'\n"
	/* What the analytics could not place (officers not in the master, log
	 * rows for unknown complaints, level dates it had to compute, columns
	 * an export lacks), under the field it concerns. */
	" UNION ALL\n"
	" SELECT 4, kind, NULL, NULL, nk_label('field', CASE kind\n"
	"   WHEN 'missing_column' THEN subject WHEN 'damaged_mobile' THEN 'mobile'\n"
	"   WHEN 'legacy_font_name' THEN 'name' WHEN 'unknown_officer' THEN 'officer_id'\n"
	"   WHEN 'movement_unknown_complaint' THEN 'complaint_id'\n"
	"   WHEN 'level_start_computed' THEN 'level_since' END),\n"
	"  detail_hi, detail_en,\n"
	"  CASE WHEN kind = 'missing_column' THEN count ELSE subject || ' (' || count || ')' END, 0\n"
	" FROM data_quality WHERE as_of = ?1 AND kind <> 'unknown_category'\n"
	") ORDER BY ord, file, row_no, value, k";

sqlite3_stmt *sla_data_quality_query(const struct report_ctx *rc)
{
	return report_prepare(rc, dq_sql);
}

/* ---- the analytics sheets: one query each, worst rows first ---- */

struct sheet_spec {
	const char *name, *stem;
	const struct book_col *cols;
	int ncols;
	int scale_col; /* -1: none */
	const char *sql;
};

static const struct book_col breach_cols[] = {
	{"complaint_id", "शिकायत क्रमांक", "Complaint No", BOOK_TEXT, 0, 0},
	{"days_overdue", "समय-सीमा से अधिक दिन", "Days overdue", BOOK_INT, 0, 0},
	{"level", "स्तर", "Level", BOOK_TEXT, 0, 0},
	{"officer_id", "अधिकारी", "Officer", BOOK_TEXT, 0, 0},
	{"officer_name", "अधिकारी का नाम", "Officer name", BOOK_TEXT, 0, 0},
	{"department", "विभाग", "Department", BOOK_TEXT, BOOK_WRAP, 22},
	{"category", "प्रारूप", "Category", BOOK_TEXT, BOOK_WRAP, 20},
	{"village", "ग्राम/वार्ड", "Village/Ward", BOOK_TEXT, 0, 0},
	{"tehsil", "तहसील", "Tehsil", BOOK_TEXT, 0, 0},
	{"reg_date", "दर्ज दिनांक", "Registration date", BOOK_DATE, 0, 0},
	{"level_start", "स्तर पर दिनांक", "At this level since", BOOK_DATE, 0, 0},
	{"days_allowed", "समय-सीमा (दिन)", "Days allowed", BOOK_INT, 0, 0},
	{"due_date", "नियत दिनांक", "Due date", BOOK_DATE, 0, 0},
	{"age_days", "कुल आयु (दिन)", "Age (days)", BOOK_INT, 0, 0},
	{"age_bucket", "आयु वर्ग (दिन)", "Age bucket (days)", BOOK_TEXT, 0, 0},
	{"status", "स्थिति", "Status", BOOK_TEXT, 0, 0},
	{"no_action_to_top", "बिना कार्रवाई शीर्ष स्तर तक", "Reached the top with no action",
	 BOOK_TEXT, BOOK_WRAP, 14},
	{"sla_source", "स्तर दिनांक का स्रोत", "Level date from", BOOK_TEXT, BOOK_WRAP, 16},
};

static const struct book_col esc_cols[] = {
	{"complaint_id", "शिकायत क्रमांक", "Complaint No", BOOK_TEXT, 0, 0},
	{"event_date", "दिनांक", "Date", BOOK_DATE, 0, 0},
	{"from_level", "से स्तर", "From level", BOOK_TEXT, 0, 0},
	{"to_level", "को स्तर", "To level", BOOK_TEXT, 0, 0},
	{"how", "कैसे", "How", BOOK_TEXT, 0, 0},
	{"charged_officer", "उत्तरदायी अधिकारी", "Officer charged", BOOK_TEXT, 0, 0},
	{"charged_officer_name", "अधिकारी का नाम", "Officer name", BOOK_TEXT, 0, 0},
	{"to_officer", "को अधिकारी", "To officer", BOOK_TEXT, 0, 0},
	{"department", "विभाग", "Department", BOOK_TEXT, BOOK_WRAP, 22},
	{"category", "प्रारूप", "Category", BOOK_TEXT, BOOK_WRAP, 20},
	{"village", "ग्राम/वार्ड", "Village/Ward", BOOK_TEXT, 0, 0},
	{"source", "स्रोत", "Source", BOOK_TEXT, BOOK_WRAP, 16},
};

static const struct book_col score_cols[] = {
	{"officer_id", "अधिकारी", "Officer", BOOK_TEXT, 0, 0},
	{"name", "नाम", "Name", BOOK_TEXT, 0, 0},
	{"designation", "पद", "Designation", BOOK_TEXT, BOOK_WRAP, 20},
	{"level", "स्तर", "Level", BOOK_TEXT, 0, 0},
	{"department", "विभाग", "Department", BOOK_TEXT, BOOK_WRAP, 22},
	{"breached", "समय-सीमा बाहर", "Breached", BOOK_INT, 0, 0},
	{"pending", "लंबित", "Pending", BOOK_INT, 0, 0},
	{"escalated", "एस्केलेट", "Escalated", BOOK_INT, 0, 0},
	{"escalation_rate", "एस्केलेशन दर", "Escalation rate", BOOK_PCT, 0, 0},
	{"disposed", "निराकृत", "Disposed", BOOK_INT, 0, 0},
	{"disposed_in_time", "समय में निराकृत", "Disposed in time", BOOK_INT, 0, 0},
	{"satisfaction_rate", "संतुष्टि दर", "Satisfaction rate", BOOK_PCT, 0, 0},
	{"category_changes", "प्रारूप परिवर्तन", "Category changes", BOOK_INT, 0, 0},
	{"category_violations", "प्रारूप नियम उल्लंघन", "Category rule breaches", BOOK_INT, 0, 0},
	{"oj_marks", "कार्यक्षेत्र से बाहर", "Out-of-jurisdiction marks", BOOK_INT, 0, 0},
	{"oj_violations", "कार्यक्षेत्र नियम उल्लंघन", "Out-of-jurisdiction breaches", BOOK_INT, 0, 0},
	{"force_special", "फोर्स/विशेष क्लोज", "Force/special closes", BOOK_INT, 0, 0},
	{"repeat_after_close", "बंद के बाद दोबारा शिकायत", "Repeat after close", BOOK_INT, 0, 0},
};

static const struct book_col viol_cols[] = {
	{"complaint_id", "शिकायत क्रमांक", "Complaint No", BOOK_TEXT, 0, 0},
	{"kind", "उल्लंघन", "Rule broken", BOOK_TEXT, BOOK_WRAP, 24},
	{"event_date", "दिनांक", "Date", BOOK_DATE, 0, 0},
	{"level", "स्तर", "Level", BOOK_TEXT, 0, 0},
	{"officer_id", "अधिकारी", "Officer", BOOK_TEXT, 0, 0},
	{"officer_name", "अधिकारी का नाम", "Officer name", BOOK_TEXT, 0, 0},
	{"department", "विभाग", "Department", BOOK_TEXT, BOOK_WRAP, 22},
	{"category", "प्रारूप", "Category", BOOK_TEXT, BOOK_WRAP, 20},
	{"detail_hi", "विवरण", "Detail (Hindi)", BOOK_TEXT, BOOK_WRAP, 0},
	{"detail_en", NULL, "Detail", BOOK_TEXT, BOOK_WRAP, 0},
	{"source", "स्रोत", "Source", BOOK_TEXT, BOOK_WRAP, 16},
};

static const struct book_col grade_cols[] = {
	{"scope", "स्तर", "Scope", BOOK_TEXT, 0, 0},
	{"name", "नाम", "Name", BOOK_TEXT, BOOK_WRAP, 24},
	{"total", "कुल अंक", "Score (of 100)", BOOK_NUM, 0, 0},
	{"grade", "ग्रेड", "Grade", BOOK_TEXT, 0, 0},
	{"received", "प्राप्त", "Received", BOOK_INT, 0, 0},
	{"satisfied", "संतुष्टि के साथ बंद", "Closed with satisfaction", BOOK_INT, 0, 0},
	{"low_quality", "असंतुष्टि के साथ बंद", "Closed low quality", BOOK_INT, 0, 0},
	{"non_attended", "नॉन अटेंडेड", "Non-attended", BOOK_INT, 0, 0},
	{"old_pending", "50 दिन से पुरानी", "Pending over 50 days", BOOK_INT, 0, 0},
	{"old_satisfied", "पुरानी, संतुष्टि से बंद", "Old, closed satisfied", BOOK_INT, 0, 0},
	{"capped_out", "10 से अधिक (छोड़ी गई)", "Left out (over 10 a complainant)", BOOK_INT, 0, 0},
	{"pts_satisfied", "अंक: संतुष्टि (60)", "Points: satisfaction (60)", BOOK_NUM, 0, 0},
	{"pts_pending50", "अंक: 50+ दिन (20)", "Points: over 50 days (20)", BOOK_NUM, 0, 0},
	{"pts_low_quality", "अंक: गुणवत्ता (10)", "Points: low quality (10)", BOOK_NUM, 0, 0},
	{"pts_non_attended", "अंक: नॉन अटेंडेड (10)", "Points: non-attended (10)", BOOK_NUM, 0, 0},
	{"period_start", "अवधि से", "Period from", BOOK_DATE, 0, 0},
};

static const struct book_col repeat_cols[] = {
	{"complainant_id", "शिकायतकर्ता (पहली शिकायत)", "Complainant (first complaint)", BOOK_TEXT,
	 0, 0},
	{"complaints", "शिकायतें", "Complaints", BOOK_INT, 0, 0},
	{"name", "नाम", "Name", BOOK_TEXT, 0, 0},
	{"mobile", "मोबाइल", "Mobile", BOOK_TEXT, 0, 0},
	{"village", "ग्राम/वार्ड", "Village/Ward", BOOK_TEXT, 0, 0},
	{"first_date", "पहली शिकायत", "First complaint", BOOK_DATE, 0, 0},
	{"last_date", "अंतिम शिकायत", "Last complaint", BOOK_DATE, 0, 0},
	{"open", "लंबित", "Open", BOOK_INT, 0, 0},
	{"over_cap", "ग्रेडिंग से बाहर (10 से अधिक)", "Left out of grading (over 10)", BOOK_INT, 0, 0},
	{"complaint_ids", "शिकायत क्रमांक", "Complaint numbers", BOOK_TEXT, BOOK_WRAP, 0},
};

static const struct sheet_spec specs[] = {
	{SLA_BREACHES_SHEET, "breaches", breach_cols, 18, 1,
	 "SELECT complaint_id, days_overdue, nk_level(level), officer_id, officer_name, department,"
	 " category, village, tehsil, reg_date, level_start, days_allowed, due_date, age_days,"
	 " age_bucket, nk_label('status', status), nk_label('yes', nullif(no_action_to_top, 0)),"
	 " nk_label('source', sla_source)"
	 " FROM sla_status WHERE as_of = ?1 AND breached"
	 " ORDER BY days_overdue DESC, age_days DESC, complaint_id"},
	{SLA_ESCALATION_SHEET, "escalations", esc_cols, 12, -1,
	 "SELECT complaint_id, event_date, nk_level(from_level), nk_level(to_level),"
	 " nk_label('how', CASE WHEN is_auto THEN 'auto' ELSE 'officer' END),"
	 " charged_officer, charged_officer_name, to_officer, department, category, village,"
	 " nk_label('source', source)"
	 " FROM escalation_events WHERE as_of = ?1"
	 " ORDER BY event_date DESC, to_level DESC, complaint_id"},
	{SLA_SCORECARD_SHEET, "officer-scorecard", score_cols, 18, 5,
	 "SELECT officer_id, name, designation, nk_level(level), department, breached, pending,"
	 " escalated, escalation_rate, disposed, disposed_in_time, satisfaction_rate,"
	 " category_changes, category_violations, oj_marks, oj_violations, force_special,"
	 " repeat_after_close FROM officer_scores WHERE as_of = ?1"
	 " ORDER BY breached DESC, escalated DESC, pending DESC, officer_id"},
	{SLA_VIOLATION_SHEET, "rule-violations", viol_cols, 11, -1,
	 "SELECT complaint_id, nk_label('violation', kind), event_date, nk_level(level), officer_id,"
	 " officer_name, department, category, detail_hi, detail_en, nk_label('source', source)"
	 " FROM rule_violations WHERE as_of = ?1 ORDER BY event_date DESC, complaint_id, kind"},
	{SLA_GRADING_SHEET, "grading", grade_cols, 16, -1,
	 "SELECT nk_label('scope', scope), name, total, grade, received, satisfied, low_quality,"
	 " non_attended, old_pending, old_satisfied, capped_out, pts_satisfied, pts_pending50,"
	 " pts_low_quality, pts_non_attended, period_start FROM grading WHERE as_of = ?1"
	 " ORDER BY scope = 'district' DESC, total, name"},
	{SLA_QUALITY_SHEET, "data-quality", dq_cols, 7, -1, dq_sql},
	{SLA_REPEAT_SHEET, "repeat-complainants", repeat_cols, 10, 1,
	 /* The complainants view read from its side that matters: a person
	  * with two complaints or more has a row in match_persons (1M: 5.5 s
	  * through the view, 1.8 s so); the person's own complaint is read
	  * once a group, after the grouping (1.2 s -> 0.7 s). */
	 "WITH g AS (SELECT id, person FROM match_persons UNION SELECT person, person"
	 "  FROM match_persons),"
	 " p AS (SELECT g.person, c.complaint_id, c.reg_date, c.status FROM g"
	 "  JOIN complaints c ON c.id = g.id"
	 "  WHERE " SCHEMA_COMPARED("c") " AND c.reg_date <= ?1),"
	 " q AS (SELECT person, count(*) AS n, min(reg_date) AS first, max(reg_date) AS last,"
	 "  sum(status IN " OPEN_STATUSES ") AS open, max(count(*) - 10, 0) AS over,"
	 "  group_concat(complaint_id, ', ') AS ids FROM p GROUP BY person HAVING n >= 2)"
	 " SELECT pc.complaint_id, q.n, coalesce(pc.name_display, pc.name_raw), pc.mobile_raw,"
	 "  pc.village, q.first, q.last, q.open, q.over, q.ids"
	 " FROM q JOIN complaints pc ON pc.id = q.person ORDER BY q.n DESC, pc.complaint_id"},
};

#define NSPECS (int)(sizeof(specs) / sizeof(specs[0]))

static void csv_path(const struct report_ctx *rc, const char *stem, struct strbuf *p)
{
	struct strbuf name = STRBUF_INIT;
	strbuf_addf(&name, "sla-%s.csv", stem);
	report_path(rc, name.buf, p);
	strbuf_release(&name);
}

static void write_spec(const struct report_ctx *rc, struct book *b, const struct sheet_spec *sp,
		       struct sla_sheet_rows *out)
{
	struct strbuf p = STRBUF_INIT;
	csv_path(rc, sp->stem, &p);
	struct book_sheet *s =
		book_sheet_new(b, sp->name, sp->cols, sp->ncols, rc->csv ? p.buf : NULL);
	strbuf_release(&p);
	if (sp->scale_col >= 0)
		book_color_scale(s, sp->scale_col);
	sqlite3_stmt *st = report_prepare(rc, sp->sql);
	book_sql_rows(s, st);
	sqlite3_finalize(st);
	*out = (struct sla_sheet_rows){sp->name, sp->stem, book_rows(s), book_shown(s)};
}

int sla_report_analysed(const struct report_ctx *rc)
{
	return report_has_table(rc->st, "nightly_summary") &&
	       report_scalar(rc, "SELECT count(*) FROM nightly_summary WHERE as_of = ?1");
}

enum nk_err sla_report_write(const struct report_ctx *rc, struct strbuf *err)
{
	struct strbuf p = STRBUF_INIT;
	struct sla_sheet_rows rows[NSPECS + 1];
	char day[11], ymd[11];
	enum nk_err e = report_begin(rc, err);
	if (e)
		return e;
	if (!sla_report_analysed(rc)) {
		strbuf_addf(err,
			    "the night of %s has not been analysed: run 'nirakaran analyze --as-of "
			    "%s' first (nothing was written) / इस रात का विश्लेषण नहीं हुआ है",
			    date_format_dmy(rc->as_of, day), date_format(rc->as_of, ymd));
		return NK_ENOTFOUND;
	}
	report_path(rc, SLA_REPORT_FILE, &p);
	struct book *b = book_open(p.buf, err);
	strbuf_release(&p);
	if (!b)
		return NK_EIO;
	if (rc->max_rows)
		book_set_max_rows(b, rc->max_rows);
	book_set_cap(b, rc->cap);
	book_set_page(b, rc->district_hi, rc->district, rc->as_of);
	/* The Summary's tab comes first; it is written last, when it can say
	 * what each sheet holds. */
	lxw_worksheet *summary = book_free_sheet(b, SLA_SUMMARY_SHEET);
	struct sla_summary_job *gathering = sla_summary_start(rc);
	for (int i = 0; i < NSPECS; i++)
		write_spec(rc, b, &specs[i], &rows[i]);
	long links = whatsapp_sheet(rc, b, &rows[NSPECS], err);
	struct sla_summary *sm = sla_summary_wait(gathering);
	if (links < 0) {
		sla_summary_free(sm);
		book_abort(b);
		return NK_EIO;
	}
	if (summary)
		sla_summary_write(rc, b, summary, sm, rows, NSPECS + 1);
	e = book_close(b, err);
	if (!e && rc->csv)
		e = sla_summary_csv(rc, sm, err);
	sla_summary_free(sm);
	return e;
}
