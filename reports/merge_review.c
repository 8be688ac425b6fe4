/* merge_review.c - merge-review.xlsx (see merge_review.h). */
#include "reports/merge_review.h"

#include <stdio.h>
#include <stdlib.h>

#include "engine/date.h"
#include "reports/book.h"

const char *const merge_review_decisions[3] = {"मर्ज करें / Merge", "मर्ज न करें / Not duplicate",
					       "संदेह / Unsure"};

static const struct book_col cols[] = {
	{"proposal_id", NULL, "Proposal id", BOOK_INT, BOOK_HIDDEN},
	{"run_id", NULL, "Run id", BOOK_INT, BOOK_HIDDEN},
	{"band", "श्रेणी", "Band", BOOK_TEXT, 0},
	{"group_id", "समूह", "Group", BOOK_INT, 0},
	{"rule", "नियम", "Rule", BOOK_TEXT, 0},
	{"score", "अंक", "Score", BOOK_NUM, 0},
	{"primary_id", "मुख्य शिकायत", "Primary complaint", BOOK_TEXT, 0},
	{"complaint_id", "दोहरी शिकायत", "Duplicate complaint", BOOK_TEXT, 0},
	{"primary_date", "मुख्य: दिनांक", "Primary: date", BOOK_DATE, 0},
	{"dup_date", "दोहरी: दिनांक", "Duplicate: date", BOOK_DATE, 0},
	{"primary_name", "मुख्य: नाम", "Primary: name", BOOK_TEXT, 0},
	{"dup_name", "दोहरी: नाम", "Duplicate: name", BOOK_TEXT, 0},
	{"primary_mobile", "मुख्य: मोबाइल", "Primary: mobile", BOOK_TEXT, 0},
	{"dup_mobile", "दोहरी: मोबाइल", "Duplicate: mobile", BOOK_TEXT, 0},
	{"village", "ग्राम/वार्ड", "Village/Ward", BOOK_TEXT, 0},
	{"category", "प्रारूप", "Category", BOOK_TEXT, 0},
	{"primary_text", "मुख्य: विवरण", "Primary: description", BOOK_TEXT, BOOK_WRAP},
	{"dup_text", "दोहरी: विवरण", "Duplicate: description", BOOK_TEXT, BOOK_WRAP},
	{"reason_hi", "कारण", "Reason (Hindi)", BOOK_TEXT, BOOK_WRAP},
	{"reason_en", NULL, "Reason", BOOK_TEXT, BOOK_WRAP},
	{"decision", "निर्णय", "Decision", BOOK_TEXT, BOOK_UNLOCKED},
	{"remarks", "टिप्पणी", "Remarks", BOOK_TEXT, BOOK_UNLOCKED | BOOK_WRAP},
};

/* Groups with every member in band high first, then by their best score. */
static const char review_sql[] =
	"WITH g AS (SELECT group_id, min(band = 'high') AS all_high, max(score) AS best"
	"  FROM proposals WHERE run_id = ?2 GROUP BY group_id)\n"
	"SELECT p.id, p.run_id, p.band, p.group_id, p.rule, round(p.score, 3), p.primary_id,"
	" p.complaint_id, a.reg_date, d.reg_date, a.name_raw, d.name_raw, a.mobile_raw,"
	" d.mobile_raw, d.village, d.category, substr(a.description, 1, 160),"
	" substr(d.description, 1, 160), p.reason_hi, p.reason_en\n"
	"FROM proposals p JOIN g ON g.group_id = p.group_id\n"
	"LEFT JOIN complaints a ON a.complaint_id = p.primary_id\n"
	"LEFT JOIN complaints d ON d.complaint_id = p.complaint_id\n"
	"WHERE p.run_id = ?2 AND p.complaint_id <> p.primary_id\n"
	"ORDER BY g.all_high DESC, g.best DESC, p.group_id, p.score DESC, p.complaint_id";

static void write_meta(const struct report_ctx *rc, struct book *b, long long run_id, long n)
{
	static const struct book_col mcols[] = {
		{"key", NULL, "key", BOOK_TEXT, 0},
		{"value", NULL, "value", BOOK_TEXT, 0},
	};
	struct book_sheet *m = book_sheet_new(b, MERGE_REVIEW_META_SHEET, mcols, 2, NULL);
	char buf[32], day[11];
	char *db_id = store_meta_get(rc->st, "db_id");
	book_hide(m);
	book_protect(m);
	book_row(m);
	book_text(m, 0, "db_id");
	book_text(m, 1, db_id ? db_id : "");
	book_row(m);
	book_text(m, 0, "run_id");
	xsnprintf(buf, sizeof(buf), "%lld", run_id);
	book_text(m, 1, buf);
	book_row(m);
	book_text(m, 0, "as_of");
	book_text(m, 1, date_format(rc->as_of, day));
	book_row(m);
	book_text(m, 0, "proposals");
	xsnprintf(buf, sizeof(buf), "%ld", n);
	book_text(m, 1, buf);
	free(db_id);
}

enum nk_err merge_review_write(const struct report_ctx *rc, long *rows, struct strbuf *err)
{
	struct strbuf p = STRBUF_INIT;
	char day[11];
	if (rows)
		*rows = 0;
	long long run_id = report_has_table(rc->st, "match_runs")
				   ? report_scalar(rc, "SELECT coalesce(max(id), 0) FROM match_runs"
						       " WHERE as_of <= ?1")
				   : 0;
	if (!run_id) {
		strbuf_addf(err,
			    "no duplicate matching has been run for %s or before: run"
			    " 'nirakaran match' first",
			    date_format(rc->as_of, day));
		return NK_ENOTFOUND;
	}
	report_path(rc, MERGE_REVIEW_FILE, &p);
	struct book *b = book_open(p.buf, err);
	strbuf_release(&p);
	if (!b)
		return NK_EIO;
	if (rc->max_rows)
		book_set_max_rows(b, rc->max_rows);
	struct book_sheet *s = book_sheet_new(b, MERGE_REVIEW_SHEET, cols, 22, NULL);
	book_list_validation(s, MERGE_REVIEW_COL_DECISION, merge_review_decisions, 3);
	book_protect(s);
	sqlite3_stmt *st = report_prepare(rc, review_sql);
	sqlite3_bind_int64(st, 2, run_id);
	long n = 0;
	while (store_row(st)) {
		book_sql_row(s, st);
		book_blank(s,
			   MERGE_REVIEW_COL_DECISION); /* unlocked and in the drop-down's range */
		book_blank(s, MERGE_REVIEW_COL_REMARKS);
		n++;
	}
	sqlite3_finalize(st);
	write_meta(rc, b, run_id, n);
	if (rows)
		*rows = n;
	return book_close(b, err);
}
