/* merge_review.c - merge-review.xlsx (see merge_review.h). */
#include "reports/merge_review.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "engine/date.h"
#include "engine/labels.h"
#include "reports/book.h"

const char *const merge_review_decisions[3] = {REVIEW_MERGE, REVIEW_REJECT, REVIEW_UNSURE};

/* Fields shown for both complaints, the primary's value above the duplicate's. */
enum field {
	F_DATE,
	F_NAME,
	F_FATHER,
	F_MOBILE,
	F_VILLAGE,
	F_TEHSIL,
	F_CATEGORY,
	F_DEPARTMENT,
	F_STATUS,
	F_OFFICER,
	F_TEXT,
	NFIELDS
};
#define FIRST_FIELD 11 /* the column of F_DATE */

static const struct book_col cols[] = {
	{"proposal_id", NULL, REVIEW_COL_PROPOSAL, BOOK_INT, BOOK_HIDDEN, 0},
	{"run_id", NULL, REVIEW_COL_RUN, BOOK_INT, BOOK_HIDDEN, 0},
	{"group_id", "समूह", "Group", BOOK_INT, 0, 7},
	{"primary_id", "मुख्य शिकायत", REVIEW_COL_PRIMARY, BOOK_TEXT, 0, 0},
	{"complaint_id", "दोहरी शिकायत", REVIEW_COL_COMPLAINT, BOOK_TEXT, 0, 0},
	{"decision", "निर्णय", REVIEW_COL_DECISION, BOOK_TEXT, BOOK_UNLOCKED, 27},
	{"remarks", "टिप्पणी", REVIEW_COL_REMARKS, BOOK_TEXT, BOOK_UNLOCKED | BOOK_WRAP, 18},
	{"certainty", "निश्चितता", "Certainty", BOOK_PCT, 0, 10},
	{"band", "श्रेणी", "Band", BOOK_TEXT, BOOK_WRAP, 13},
	{"rule", "नियम", "Rule", BOOK_TEXT, BOOK_WRAP, 18},
	{"reason", "कारण", "Reason", BOOK_TEXT, BOOK_WRAP, 40},
	{"date", "दिनांक: मुख्य / दोहरी", "Date: primary / duplicate", BOOK_TEXT, BOOK_WRAP, 14},
	{"name", "नाम", "Name", BOOK_TEXT, BOOK_WRAP, 18},
	{"father", "पिता/पति", "Father/husband", BOOK_TEXT, BOOK_WRAP, 18},
	{"mobile", "मोबाइल", "Mobile", BOOK_TEXT, BOOK_WRAP, 14},
	{"village", "ग्राम/वार्ड", "Village/Ward", BOOK_TEXT, BOOK_WRAP, 13},
	{"tehsil", "तहसील", "Tehsil", BOOK_TEXT, BOOK_WRAP, 11},
	{"category", "प्रारूप", "Category", BOOK_TEXT, BOOK_WRAP, 18},
	{"department", "विभाग", "Department", BOOK_TEXT, BOOK_WRAP, 18},
	{"status", "स्थिति, स्तर", "Status, level", BOOK_TEXT, BOOK_WRAP, 20},
	{"officer", "अधिकारी", "Officer", BOOK_TEXT, BOOK_WRAP, 18},
	{"description", "विवरण", "Description", BOOK_TEXT, BOOK_WRAP, 46},
};
#define NCOLS (int)(sizeof(cols) / sizeof(cols[0]))

#define SIDE(t)                                                                                  \
	" " t ".reg_date, " t ".name_raw, " t ".father_raw, " t ".mobile_raw, " t ".village, " t \
	".tehsil, " t ".category, " t ".department, nk_label('status', " t ".status) ||"         \
	" coalesce(', ' || nk_level(" t ".level), ''), trim(coalesce(" t ".officer_id, '') ||"   \
	" ' ' || coalesce(" t ".officer_name, '')), substr(" t ".description, 1, 300)"

/*
 * The groups most certain first (every member in band high before the
 * rest, then by their best score); with a cap, whole groups while the rows
 * before them are fewer than it.
 */
#define GROUPS_IN_ORDER                                                                           \
	"WITH g AS (SELECT group_id, min(band = 'high') AS all_high, max(score) AS best,"         \
	"  count(*) AS n FROM proposals WHERE run_id = ?2 AND complaint_id <> primary_id"         \
	"  GROUP BY group_id),\n"                                                                 \
	" o AS (SELECT group_id, all_high, best, sum(n) OVER (ORDER BY all_high DESC, best DESC," \
	"  group_id ROWS UNBOUNDED PRECEDING) - n AS before FROM g)\n"
#define SHOWN "p.run_id = ?2 AND p.complaint_id <> p.primary_id AND (?3 = 0 OR o.before < ?3)"

static const char count_sql[] = GROUPS_IN_ORDER
	"SELECT count(*), (SELECT sum(n) FROM g) FROM proposals p JOIN o ON o.group_id = p.group_id"
	" WHERE " SHOWN;

static const char review_sql[] = GROUPS_IN_ORDER
	"SELECT p.id, p.run_id, p.group_id, p.primary_id, p.complaint_id, p.score,"
	" nk_label('band', p.band), nk_label('rule', p.rule),"
	" p.reason_hi || char(10) || p.reason_en, p.days_apart," SIDE("a") "," SIDE(
		"d") "\n"
		     "FROM proposals p JOIN o ON o.group_id = p.group_id\n"
		     "LEFT JOIN complaints a ON a.complaint_id = p.primary_id\n"
		     "LEFT JOIN complaints d ON d.complaint_id = p.complaint_id\n"
		     "WHERE " SHOWN "\n"
		     "ORDER BY o.all_high DESC, o.best DESC, p.group_id, p.score DESC, p.complaint_id";
#define Q_SIDE_A 10 /* the primary's fields start here, the duplicate's NFIELDS later */

/* Two values differ as a clerk sees them (case and outer spaces aside). */
static int differ(const char *x, const char *y)
{
	x = x ? x : "";
	y = y ? y : "";
	while (*x == ' ')
		x++;
	while (*y == ' ')
		y++;
	size_t n = strlen(x), m = strlen(y);
	while (n && x[n - 1] == ' ')
		n--;
	while (m && y[m - 1] == ' ')
		m--;
	return n != m || strncasecmp(x, y, n);
}

static const char *col_text(sqlite3_stmt *st, int i)
{
	const char *t = (const char *)sqlite3_column_text(st, i);
	return t ? t : "";
}

/* The cell of field f: the primary's value over the duplicate's. */
static void write_field(struct book_sheet *s, sqlite3_stmt *st, enum field f, struct strbuf *cell)
{
	const char *a = col_text(st, Q_SIDE_A + f), *d = col_text(st, Q_SIDE_A + NFIELDS + f);
	char da[11], dd[11];
	strbuf_reset(cell);
	if (f == F_DATE) {
		int x = store_column_day(st, Q_SIDE_A + f),
		    y = store_column_day(st, Q_SIDE_A + NFIELDS + f);
		strbuf_addf(cell, "%s\n%s", x == DAY_NONE ? a : date_format_dmy(x, da),
			    y == DAY_NONE ? d : date_format_dmy(y, dd));
		if (sqlite3_column_type(st, 9) != SQLITE_NULL)
			strbuf_addf(cell, "\n(%d दिन / days)", sqlite3_column_int(st, 9));
	} else if (f == F_TEXT) {
		strbuf_addf(cell, "मुख्य: %s\nदोहरी: %s", a, d);
	} else {
		strbuf_addf(cell, "%s\n%s", *a ? a : "—", *d ? d : "—");
	}
	/* Dates always differ, descriptions nearly always: the reason weighs them. */
	if (f != F_DATE && f != F_TEXT && differ(a, d))
		book_text_mark(s, FIRST_FIELD + f, cell->buf);
	else
		book_text(s, FIRST_FIELD + f, cell->buf);
}

static void write_row(struct book_sheet *s, sqlite3_stmt *st, struct strbuf *cell)
{
	book_row(s);
	book_int(s, 0, sqlite3_column_int64(st, 0));
	book_int(s, 1, sqlite3_column_int64(st, 1));
	book_int(s, 2, sqlite3_column_int64(st, 2));
	book_text(s, 3, col_text(st, 3));
	book_text(s, 4, col_text(st, 4));
	book_blank(s, MERGE_REVIEW_COL_DECISION); /* unlocked and in the drop-down's range */
	book_blank(s, MERGE_REVIEW_COL_REMARKS);
	/* Cut, not rounded: 0.9996 reads 99.9%, never "certain". */
	book_num(s, 7, floor(sqlite3_column_double(st, 5) * 1000.0) / 1000.0);
	for (int c = 8; c <= 10; c++)
		book_text(s, c, col_text(st, c - 2));
	for (int f = 0; f < NFIELDS; f++)
		write_field(s, st, (enum field)f, cell);
}

/* What the title rows say, and the formulas' first values. */
struct title {
	const struct report_ctx *rc;
	long shown, total;
};

/* A1-style range of the Decision cells of the data rows. */
static void decision_range(long shown, struct strbuf *out)
{
	long first = MERGE_REVIEW_TITLE_ROWS + 2; /* Excel's row numbers count from 1 */
	strbuf_addf(out, "%c%ld:%c%ld", 'A' + MERGE_REVIEW_COL_DECISION, first,
		    'A' + MERGE_REVIEW_COL_DECISION, first + (shown > 0 ? shown - 1 : 0));
}

static void write_title(struct book_sheet *s, lxw_worksheet *ws, void *arg)
{
	const struct title *t = arg;
	const struct report_ctx *rc = t->rc;
	struct book *b = book_of(s);
	struct strbuf x = STRBUF_INIT, f = STRBUF_INIT, range = STRBUF_INIT;
	char day[11];
	strbuf_addf(
		&x,
		"मर्ज समीक्षा%s%s — रात %s — पहले 'निर्देश - Instructions' शीट पढ़ें / Merge review%s%s "
		"— night of %s — read the Instructions sheet first",
		rc->district_hi ? " — " : "", rc->district_hi ? rc->district_hi : "",
		date_format_dmy(rc->as_of, day), rc->district ? " — " : "",
		rc->district ? rc->district : "", day);
	book_put_text(b, ws, 0, 3, x.buf, BOOK_FMT_TITLE);
	decision_range(t->shown, &range);
	book_put_text(b, ws, 1, 3, "निर्णय हुए / Decided", BOOK_FMT_LABEL);
	strbuf_addf(&f, "=COUNTA(%s)", range.buf);
	book_put_formula(b, ws, 1, 4, f.buf, 0, BOOK_FMT_BIG);
	book_put_text(b, ws, 1, 5, "शेष / Remaining", BOOK_FMT_LABEL);
	strbuf_reset(&f);
	strbuf_addf(&f, "=%ld-COUNTA(%s)", t->shown, range.buf);
	book_put_formula(b, ws, 1, 6, f.buf, (double)t->shown, BOOK_FMT_BIG);
	strbuf_reset(&x);
	if (t->shown < t->total)
		strbuf_addf(
			&x,
			"यहाँ %ld में से %ld (सबसे निश्चित पहले); बाकी proposals.csv में और अगली "
			"रातों की फ़ाइलों में / %ld of %ld proposals here, the most certain first; the "
			"rest are in proposals.csv and in the next nights' workbooks",
			t->total, t->shown, t->shown, t->total);
	else
		strbuf_addf(&x, "सभी %ld प्रस्ताव यहाँ / all %ld proposals are here", t->total,
			    t->total);
	book_put_text(b, ws, 1, 7, x.buf, BOOK_FMT_NOTE);
	strbuf_release(&x);
	strbuf_release(&f);
	strbuf_release(&range);
}

static void write_meta(const struct report_ctx *rc, struct book *b, long long run_id,
		       const struct title *t)
{
	static const struct book_col mcols[] = {
		{"key", NULL, "key", BOOK_TEXT, 0, 0},
		{"value", NULL, "value", BOOK_TEXT, 0, 0},
	};
	struct book_sheet *m = book_sheet_new(b, MERGE_REVIEW_META_SHEET, mcols, 2, NULL);
	char run[32], day[11], total[32], shown[32];
	char *db_id = store_meta_get(rc->st, "db_id");
	xsnprintf(run, sizeof(run), "%lld", run_id);
	xsnprintf(total, sizeof(total), "%ld", t->total);
	xsnprintf(shown, sizeof(shown), "%ld", t->shown);
	const char *kv[][2] = {{"db_id", db_id ? db_id : ""},
			       {"run_id", run},
			       {"as_of", date_format(rc->as_of, day)},
			       {"proposals", total},
			       {"shown", shown}};
	book_hide(m);
	book_protect(m);
	for (size_t i = 0; i < sizeof(kv) / sizeof(kv[0]); i++) {
		book_row(m);
		book_text(m, 0, kv[i][0]);
		book_text(m, 1, kv[i][1]);
	}
	free(db_id);
}

/* The instructions and legend, in both languages, for a first-time reviewer. */
static void write_help(struct book *b)
{
	lxw_worksheet *ws = book_free_sheet(b, MERGE_REVIEW_HELP_SHEET);
	struct strbuf t = STRBUF_INIT;
	static const char *const steps[] = {
		"1. हर पंक्ति एक संभावित दोहरी शिकायत है: ऊपर की पंक्ति में मुख्य (पहली) शिकायत, नीचे दोहरी। "
		"रंगीन खाने में दोनों के मान अलग हैं। / Each row is a possible duplicate: in each field "
		"the primary (earlier) complaint's value is on top, the duplicate's below. A coloured "
		"cell means the two differ.",
		"2. 'निर्णय / Decision' कॉलम में सूची से चुनें / Choose in the Decision column:",
		"   " REVIEW_MERGE ": वही शिकायतकर्ता, वही शिकायत; दोहरी शिकायत मुख्य में मिला दी "
		"जाएगी (कुछ मिटाया नहीं जाता, undo संभव) / the same complainant and complaint: the "
		"duplicate is merged into the primary (nothing is deleted; it can be undone)",
		"   " REVIEW_REJECT ": अलग शिकायतें; यह जोड़ी दोबारा प्रस्तावित नहीं होगी जब तक कोई "
		"बदले नहीं / different complaints: the pair is not proposed again unless one changes",
		"   " REVIEW_UNSURE ": अभी तय नहीं; जोड़ी अगली रात फिर आएगी / not sure yet: the pair "
		"comes back the next night",
		"   खाली छोड़ें तो भी अगली रात फिर आएगी / a row left blank comes back too.",
		"3. 'टिप्पणी / Remarks' में कारण लिख सकते हैं / Remarks are optional, kept with the "
		"decision.",
		"4. केवल निर्णय और टिप्पणी बदलें; पंक्तियाँ न जोड़ें, न हटाएँ, क्रमांक न बदलें / Change "
		"only Decision and Remarks; do not add, delete or copy rows, nor edit the numbers.",
		"5. फ़ाइल सहेजकर MIS प्रकोष्ठ को लौटाएँ; वे OTP से पुष्टि कर दर्ज करते हैं: nirakaran review "
		"import FILE --officer ID --otp CODE / Save the file and return it; it is recorded with "
		"your OTP. All mistakes of a file are listed at once, so one correction round is "
		"enough.",
	};
	book_put_text(b, ws, 0, 0, "मर्ज समीक्षा: निर्देश / Merge review: instructions",
		      BOOK_FMT_TITLE);
	int row = 2;
	for (size_t i = 0; i < sizeof(steps) / sizeof(steps[0]); i++)
		book_put_text(b, ws, row++, 0, steps[i], BOOK_FMT_WRAP);
	row++;
	book_put_text(b, ws, row++, 0, "निश्चितता / Certainty", BOOK_FMT_HEADER);
	book_put_text(
		b, ws, row++, 0,
		"प्रमाण के आधार पर दोनों के एक ही शिकायत होने की संभावना; 100% = लगभग निश्चित / how "
		"likely the two are one complaint, from the evidence; 100% means nearly certain",
		BOOK_FMT_WRAP);
	row++;
	book_put_text(b, ws, row++, 0, "श्रेणी / Band", BOOK_FMT_HEADER);
	static const char *const band_why[] = {
		"सभी मुख्य प्रमाण मिलते हैं / all the main evidence agrees",
		"प्रमाण कम, या समूह की दूसरी शिकायत से जुड़ी: ध्यान से देखें / weaker evidence, or linked "
		"through another complaint of the group: look closely"};
	struct strbuf line = STRBUF_INIT;
	for (int i = 0; label_code("band", i); i++) {
		strbuf_reset(&line);
		strbuf_addf(&line, "%s: %s", label_of("band", label_code("band", i), LABEL_BOTH),
			    band_why[i]);
		book_put_text(b, ws, row++, 0, line.buf, BOOK_FMT_WRAP);
	}
	strbuf_release(&line);
	row++;
	book_put_text(b, ws, row++, 0,
		      "नियम / Rule (हेल्पलाइन के मर्ज नियम / the helpline's merge rules)",
		      BOOK_FMT_HEADER);
	for (int i = 0; label_code("rule", i); i++) {
		strbuf_reset(&t);
		book_put_text(b, ws, row++, 0, label_of("rule", label_code("rule", i), LABEL_BOTH),
			      BOOK_FMT_WRAP);
	}
	book_put_text(b, ws, row++, 0,
		      "केवल एक ही प्रकार (प्रारूप या विभाग) की शिकायतें मर्ज होती हैं / only complaints of "
		      "the same nature (category or department) are merged",
		      BOOK_FMT_NOTE);
	book_check(b, worksheet_set_column(ws, 0, 0, 110, NULL), "writing the instructions");
	strbuf_release(&t);
}

/* How many proposals the workbook holds, and the run has: the title's
 * formulas need the range before the rows are written. */
static void count_rows(const struct report_ctx *rc, long long run_id, struct title *t)
{
	sqlite3_stmt *s = report_prepare(rc, count_sql);
	sqlite3_bind_int64(s, 2, run_id);
	sqlite3_bind_int64(s, 3, rc->cap);
	if (store_row(s)) {
		t->shown = (long)sqlite3_column_int64(s, 0);
		t->total = (long)sqlite3_column_int64(s, 1);
	}
	sqlite3_finalize(s);
}

enum nk_err merge_review_write(const struct report_ctx *rc, long *rows, struct strbuf *err)
{
	struct strbuf p = STRBUF_INIT, cell = STRBUF_INIT;
	char day[11];
	if (rows)
		*rows = 0;
	enum nk_err e = report_begin(rc, err);
	if (e)
		return e;
	long long run_id = report_match_run(rc);
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
	book_defer(b, rc->defer);
	if (rc->max_rows)
		book_set_max_rows(b, rc->max_rows);
	book_set_page(b, rc->district_hi, rc->district, rc->as_of);
	struct title t = {rc, 0, 0};
	count_rows(rc, run_id, &t);
	sqlite3_stmt *st = report_prepare(rc, review_sql);
	sqlite3_bind_int64(st, 2, run_id);
	sqlite3_bind_int64(st, 3, rc->cap);
	struct book_sheet_opt opt = {MERGE_REVIEW_TITLE_ROWS, write_title, &t,
				     MERGE_REVIEW_COL_REMARKS + 1, 1};
	struct book_sheet *s = book_sheet_new_opt(b, MERGE_REVIEW_SHEET, cols, NCOLS, NULL, &opt);
	book_list_validation(s, MERGE_REVIEW_COL_DECISION, merge_review_decisions, 3);
	book_protect(s);
	while (store_row(st))
		write_row(s, st, &cell);
	sqlite3_finalize(st);
	write_help(b);
	write_meta(rc, b, run_id, &t);
	if (rows)
		*rows = book_rows(s);
	strbuf_release(&cell);
	return book_close(b, err);
}
