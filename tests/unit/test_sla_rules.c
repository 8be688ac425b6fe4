/*
 * test_sla_rules.c - the analytics on a small database built here through
 * engine/records.h, with every expectation worked out by hand (as of
 * 2026-11-27, period from 2026-11-01; calendar days).
 *
 * Categories: नाली सफाई 7/7/15/30/30 days, स्ट्रीट लाइट बंद 3/3/7/15/15.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "engine/analytics.h"
#include "engine/date.h"
#include "engine/records.h"
#include "tests/test.h"

#define DRAIN "नाली सफाई"
#define LIGHT "स्ट्रीट लाइट बंद"

static struct store *st;
static struct records *rec;
static int64_t night_file[4];

static int day_of(const char *s)
{
	struct datetime dt;
	return date_parse(s, strlen(s), &dt, NULL) ? DAY_NONE : dt.day;
}

static int64_t file(const char *kind, const char *day)
{
	struct strbuf err = STRBUF_INIT;
	char sha[65];
	sha256_hex(day, strlen(day), sha);
	sha[0] = kind[0]; /* one ledger row per kind and day */
	int64_t id = records_file_begin(rec, day, sha, kind, "test", day_of(day), &err);
	CHECK_MSG(id > 0, "file %s: %s", day, err.buf);
	strbuf_release(&err);
	return id;
}

/* A complaint with the fields the rules read; the rest are fixed. */
struct c_spec {
	const char *id, *reg, *category, *status, *officer, *level_since, *closed, *satisfaction;
	int level;
};

static void put(const struct c_spec *s, int night)
{
	struct complaint c;
	struct strbuf err = STRBUF_INIT;
	memset(&c, 0, sizeof(c));
	c.complaint_id = s->id;
	c.reg_day = day_of(s->reg);
	c.reg_seconds = -1;
	c.name_raw = "रामलाल";
	c.mobile_raw = "9826012345";
	c.village = "चांदबड़";
	c.department = "नगरीय विकास एवं आवास विभाग";
	c.category = s->category;
	c.level = s->level;
	c.status = s->status;
	c.officer_id = s->officer;
	c.level_since = s->level_since ? day_of(s->level_since) : DAY_NONE;
	c.closed_day = s->closed ? day_of(s->closed) : DAY_NONE;
	c.satisfaction = s->satisfaction;
	c.category_changed_day = c.oj_day = DAY_NONE;
	enum upsert_result res;
	long dup;
	static const char *const nights[] = {"2026-11-25", "2026-11-26", "2026-11-27"};
	CHECK_MSG(records_upsert_complaint(rec, &c, night_file[night], 1, day_of(nights[night]),
					   &res, &dup, &err) == NK_OK,
		  "%s: %s", s->id, err.buf);
	strbuf_release(&err);
}

static void move(const char *id, const char *day, const char *action, int from, int to,
		 const char *from_o, const char *to_o, const char *old_c, const char *new_c)
{
	struct movement_rec m = {id,     day_of(day), -1,    action, from, to,
				 from_o, to_o,        old_c, new_c,  NULL};
	struct strbuf err = STRBUF_INIT;
	int added;
	static int64_t mv_file;
	if (!mv_file)
		mv_file = file("movements", "2026-11-27");
	CHECK(records_add_movement(rec, &m, mv_file, 1, &added, &err) == NK_OK);
	strbuf_release(&err);
}

static void build(void)
{
	struct strbuf err = STRBUF_INIT;
	CHECK(store_begin(st, &err) == NK_OK);
	int64_t cf = file("categories", "2026-11-01");
	struct category_rec drain = {DRAIN, "नगरीय विकास एवं आवास विभाग", {7, 7, 15, 30, 30}};
	struct category_rec light = {LIGHT, "नगरीय विकास एवं आवास विभाग", {3, 3, 7, 15, 15}};
	records_upsert_category(rec, &drain, cf, &err);
	records_upsert_category(rec, &light, cf, &err);
	night_file[0] = file("complaints", "2026-11-25");
	night_file[1] = file("complaints", "2026-11-26");
	night_file[2] = file("complaints", "2026-11-27");
	/* the 3-day boundary: both registered 20-11 (a Friday) */
	struct c_spec in = {"C-IN", "2026-11-20", LIGHT, "open", "O-L1", "2026-11-20", 0, 0, 1};
	struct c_spec late = {"C-LATE", "2026-11-20", LIGHT, "open", "O-L1", "2026-11-20", 0, 0, 1};
	put(&in, 0);
	put(&late, 0);
	move("C-IN", "2026-11-23", "category_changed", 1, 1, "O-L1", "O-L1", DRAIN, LIGHT);
	move("C-LATE", "2026-11-24", "category_changed", 1, 1, "O-L1", "O-L1", DRAIN, LIGHT);
	/* an escalation chain seen over three nightly snapshots, no level dates */
	struct c_spec e = {"C-ESC", "2026-11-01", DRAIN, "open", "O-L1", 0, 0, 0, 1};
	put(&e, 0);
	e.level = 2, e.officer = "O-L2";
	put(&e, 1);
	e.level = 3, e.officer = "O-L3";
	put(&e, 2);
	/* out of jurisdiction: below L4; back to the same officer; allowed */
	struct c_spec oj = {"C-OJ-LOW", "2026-11-10", DRAIN,        "out_of_jurisdiction",
			    "O-L2",     "2026-11-18", "2026-11-25", 0,
			    2};
	put(&oj, 0);
	move("C-OJ-LOW", "2026-11-25", "out_of_jurisdiction", 2, 2, "O-L2", NULL, 0, 0);
	struct c_spec back = {
		"C-OJ-BACK", "2026-10-01", DRAIN, "open", "O-L3", "2026-11-22", 0, 0, 3};
	put(&back, 0);
	move("C-OJ-BACK", "2026-11-20", "escalated", 3, 4, "O-L3", "O-L4", 0, 0);
	move("C-OJ-BACK", "2026-11-22", "out_of_jurisdiction", 4, 3, "O-L4", "O-L3", 0, 0);
	struct c_spec ok = back;
	ok.id = "C-OJ-OK";
	ok.officer = "O-L3B";
	put(&ok, 0);
	move("C-OJ-OK", "2026-11-20", "escalated", 3, 4, "O-L3", "O-L4", 0, 0);
	move("C-OJ-OK", "2026-11-22", "out_of_jurisdiction", 4, 3, "O-L4", "O-L3B", 0, 0);
	/* closures */
	struct c_spec nofb = {"C-NOFB",           "2026-11-02", DRAIN,
			      "closed_satisfied", "O-L1",       "2026-11-02",
			      "2026-11-10",       NULL,         1};
	put(&nofb, 0);
	struct c_spec force = {"C-FORCE", "2026-11-02", DRAIN,        "force_closed",
			       "O-L1",    "2026-11-02", "2026-11-12", "शिकायतकर्ता को सूचित नहीं किया",
			       1};
	put(&force, 0);
	/* a category change within 3 days, but by L2 */
	struct c_spec notl1 = {"C-NOTL1", "2026-11-20", LIGHT, "open", "O-L2", "2026-11-20", 0, 0,
			       2};
	put(&notl1, 0);
	move("C-NOTL1", "2026-11-21", "category_changed", 2, 2, "O-L2", "O-L2", DRAIN, LIGHT);
	/* L1 -> L4 with nothing but escalations; and one that was attended on the way */
	struct c_spec top = {"C-TOP", "2026-09-01", DRAIN, "open", "O-L4", "2026-10-20", 0, 0, 4};
	put(&top, 0);
	move("C-TOP", "2026-09-08", "escalated", 1, 2, "O-L1", "O-L2", 0, 0);
	move("C-TOP", "2026-09-15", "escalated", 2, 3, "O-L2", "O-L3", 0, 0);
	move("C-TOP", "2026-10-20", "escalated", 3, 4, "O-L3", "O-L4", 0, 0);
	struct c_spec top2 = top;
	top2.id = "C-TOP2";
	put(&top2, 0);
	move("C-TOP2", "2026-09-05", "attended", 1, 1, "O-L1", "O-L1", 0, 0);
	/* a category not in the master: default limits (7 days at L1) */
	struct c_spec unk = {
		"C-UNK", "2026-11-15", "अज्ञात प्रारूप", "open", "O-L1", "2026-11-15", 0, 0, 1};
	put(&unk, 0);
	/* filed again after the force close of C-FORCE: same mobile, same category */
	struct c_spec rep = {"C-REP", "2026-11-20", DRAIN, "open", "O-L1", "2026-11-20", 0, 0, 1};
	put(&rep, 0);
	static const char *const officers[][2] = {
		{"O-L1", "1"}, {"O-L2", "2"}, {"O-L3", "3"}, {"O-L3B", "3"}, {"O-L4", "4"}};
	int64_t of = file("officers", "2026-11-01");
	for (size_t i = 0; i < 5; i++) {
		struct officer_rec o = {officers[i][0],
					"अधिकारी",
					"पद",
					atoi(officers[i][1]),
					"नगरीय विकास एवं आवास विभाग",
					"सीहोर",
					"7000000001",
					"7000000001",
					"valid",
					NULL};
		records_upsert_officer(rec, &o, of, &err);
	}
	/* movements for a complaint the db does not hold */
	move("C-GHOST", "2026-11-26", "attended", 1, 1, "O-L1", "O-L1", 0, 0);
	CHECK(store_commit(st, &err) == NK_OK);
	strbuf_release(&err);
}

static char *q(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* The first column of the first row of a query, as text ("" when none, "NULL"). */
static char *q(const char *fmt, ...)
{
	static char out[512];
	struct strbuf sql = STRBUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	strbuf_vaddf(&sql, fmt, ap);
	va_end(ap);
	sqlite3_stmt *s = store_prepare(st, sql.buf);
	out[0] = 0;
	if (sqlite3_step(s) == SQLITE_ROW)
		xsnprintf(out, sizeof(out), "%s",
			  sqlite3_column_text(s, 0) ? (const char *)sqlite3_column_text(s, 0)
						    : "NULL");
	sqlite3_finalize(s);
	strbuf_release(&sql);
	return out;
}

static void run(const char *as_of, struct analytics_summary *sum)
{
	struct config cfg;
	struct strbuf err = STRBUF_INIT;
	config_load(&cfg, NULL, &err);
	config_set(&cfg, "district", "name", "सीहोर");
	CHECK_MSG(analytics_run(st, &cfg, day_of(as_of), 7, sum, &err) == NK_OK, "%s", err.buf);
	config_release(&cfg);
	strbuf_release(&err);
}

#define SLA(id, col)                                                  \
	q("SELECT " col " FROM sla_status WHERE as_of = '2026-11-27'" \
	  " AND complaint_id = '" id "'")

static void test_due_and_breach(void)
{
	/* C-IN: changed by L1 3 days after registration (20 -> 23): the new
	 * category's 3 days count from 20-11, so due 23-11 and 4 days overdue. */
	CHECK_STR(SLA("C-IN", "sla_category"), LIGHT);
	CHECK_STR(SLA("C-IN", "due_date"), "2026-11-23");
	CHECK_STR(SLA("C-IN", "days_overdue"), "4");
	CHECK_STR(SLA("C-IN", "days_left"), "-4");
	CHECK_STR(SLA("C-IN", "breached"), "1");
	CHECK_STR(SLA("C-IN", "age_bucket"), "0-7");
	/* C-LATE: changed 4 days after: late, the old category's 7 days stay: due 27-11 */
	CHECK_STR(SLA("C-LATE", "sla_category"), DRAIN);
	CHECK_STR(SLA("C-LATE", "due_date"), "2026-11-27");
	CHECK_STR(SLA("C-LATE", "days_left"), "0");
	CHECK_STR(SLA("C-LATE", "breached"), "0");
	/* C-ESC reached L3 in the snapshot of 27-11: 15 days, due 12-12 */
	CHECK_STR(SLA("C-ESC", "level"), "3");
	CHECK_STR(SLA("C-ESC", "level_start"), "2026-11-27");
	CHECK_STR(SLA("C-ESC", "sla_source"), "snapshot");
	CHECK_STR(SLA("C-ESC", "due_date"), "2026-12-12");
	CHECK_STR(SLA("C-ESC", "days_left"), "15");
	CHECK_STR(SLA("C-OJ-BACK", "sla_source"), "export");
	CHECK_STR(SLA("C-OJ-BACK", "due_date"), "2026-12-07");
	/* C-NOTL1: the L2 officer's change does not reset: नाली सफाई L2 = 7 days */
	CHECK_STR(SLA("C-NOTL1", "days_allowed"), "7");
	CHECK_STR(SLA("C-NOTL1", "due_date"), "2026-11-27");
	/* C-TOP: L4 since 20-10 + 30 = 19-11, 8 days overdue; 87 days old */
	CHECK_STR(SLA("C-TOP", "days_overdue"), "8");
	CHECK_STR(SLA("C-TOP", "age_days"), "87");
	CHECK_STR(SLA("C-TOP", "age_bucket"), "51-100");
	CHECK_STR(SLA("C-TOP", "pending_over_50"), "1");
	CHECK_STR(SLA("C-TOP", "pending_over_100"), "0");
	CHECK_STR(SLA("C-TOP", "no_action_to_top"), "1");
	CHECK_STR(SLA("C-TOP2", "no_action_to_top"), "0");
	/* C-UNK: unknown category, default 7 days from 15-11 = 22-11 */
	CHECK_STR(SLA("C-UNK", "category_known"), "0");
	CHECK_STR(SLA("C-UNK", "due_date"), "2026-11-22");
	CHECK_STR(SLA("C-UNK", "officer_name"), "अधिकारी");
	CHECK_STR(SLA("C-UNK", "village"), "चांदबड़");
	/* open: all but C-OJ-LOW, C-NOFB, C-FORCE; breached: C-IN C-TOP C-TOP2 C-UNK */
	CHECK_STR(q("SELECT count(*) FROM sla_status WHERE as_of = '2026-11-27'"), "10");
	CHECK_STR(q("SELECT group_concat(complaint_id, ' ') FROM (SELECT complaint_id FROM"
		    " sla_status WHERE as_of = '2026-11-27' AND breached ORDER BY 1)"),
		  "C-IN C-TOP C-TOP2 C-UNK");
}

static void test_escalations(void)
{
	/* in the period: C-ESC 1->2 (26-11) and 2->3 (27-11) from the snapshots;
	 * C-OJ-BACK and C-OJ-OK 3->4 (20-11, manual) from the log; C-TOP's are in
	 * September and October */
	CHECK_STR(
		q("SELECT group_concat(e, ' ') FROM (SELECT complaint_id || ':' || event_date"
		  " || ':' || from_level || '>' || to_level || ':' || charged_officer || ':'"
		  " || coalesce(to_officer, '-') || ':' || is_auto || ':' || source AS e"
		  " FROM escalation_events WHERE as_of = '2026-11-27' ORDER BY e)"),
		"C-ESC:2026-11-26:1>2:O-L1:O-L2:1:snapshot C-ESC:2026-11-27:2>3:O-L2:O-L3:1:snapshot"
		" C-OJ-BACK:2026-11-20:3>4:O-L3:O-L4:0:movement"
		" C-OJ-OK:2026-11-20:3>4:O-L3:O-L4:0:movement");
}

static void test_violations(void)
{
	CHECK_STR(q("SELECT group_concat(v, ' ') FROM (SELECT complaint_id || ':' || kind || ':'"
		    " || coalesce(level, '-') || ':' || coalesce(officer_id, '-') AS v"
		    " FROM rule_violations WHERE as_of = '2026-11-27' ORDER BY v)"),
		  "C-FORCE:force_close_not_informed:1:O-L1 C-LATE:category_change_late:1:O-L1"
		  " C-NOFB:closed_without_feedback:1:O-L1 C-NOTL1:category_change_not_l1:2:O-L2"
		  " C-OJ-BACK:oj_back_to_same_officer:4:O-L4 C-OJ-LOW:oj_below_level:2:O-L2");
	CHECK_STR(q("SELECT event_date FROM rule_violations WHERE complaint_id = 'C-LATE'"),
		  "2026-11-24");
	CHECK(strstr(q("SELECT detail_en FROM rule_violations WHERE complaint_id = 'C-LATE'"),
		     "4 days after registration") != NULL);
	CHECK(strstr(q("SELECT detail_hi FROM rule_violations WHERE complaint_id = 'C-OJ-LOW'"),
		     "कार्यक्षेत्र से बाहर") != NULL);
}

#define SCORE(o, col)                                                     \
	q("SELECT " col " FROM officer_scores WHERE as_of = '2026-11-27'" \
	  " AND officer_id = '" o "'")

static void test_scores(void)
{
	/* O-L1 holds C-IN C-LATE C-UNK C-REP open (C-IN and C-UNK breached);
	 * disposed C-NOFB (10-11) and C-FORCE (12-11), both after their due
	 * date 09-11; charged with C-ESC's 1->2; changed C-IN's and C-LATE's
	 * category (one late); C-REP re-files C-FORCE's grievance after its
	 * force close. escalation rate 1 / (4 + 2 + 1). */
	CHECK_STR(SCORE("O-L1", "pending"), "4");
	CHECK_STR(SCORE("O-L1", "breached"), "2");
	CHECK_STR(SCORE("O-L1", "disposed"), "2");
	CHECK_STR(SCORE("O-L1", "disposed_in_time"), "0");
	CHECK_STR(SCORE("O-L1", "escalated"), "1");
	CHECK_STR(SCORE("O-L1", "round(escalation_rate, 4)"), "0.1429");
	CHECK_STR(SCORE("O-L1", "category_changes"), "2");
	CHECK_STR(SCORE("O-L1", "category_violations"), "1");
	CHECK_STR(SCORE("O-L1", "satisfaction_rate"), "1.0");
	CHECK_STR(SCORE("O-L1", "force_special"), "1");
	CHECK_STR(SCORE("O-L1", "repeat_after_close"), "1");
	CHECK_STR(SCORE("O-L3", "escalated"), "2");
	CHECK_STR(SCORE("O-L3", "escalated_auto"), "0");
	CHECK_STR(SCORE("O-L4", "oj_marks"), "2");
	CHECK_STR(SCORE("O-L4", "oj_violations"), "1");
	CHECK_STR(SCORE("O-L4", "pending"), "2");
	/* all five officers are of one department. Escalated: O-L1 1 (C-ESC
	 * 1->2), O-L2 1 (C-ESC 2->3), O-L3 2 = 4. Pending 4+1+2+1+2 = 10;
	 * disposed: O-L1's 2 and O-L2's out-of-jurisdiction C-OJ-LOW = 3.
	 * Rate 4 / (10 + 3 + 4) = 0.2353. */
	CHECK_STR(q("SELECT officers || ' ' || escalated || ' ' || round(escalation_rate, 4) FROM"
		    " department_scores WHERE as_of = '2026-11-27'"),
		  "5 4 0.2353");
}

static void test_grading_and_quality(void)
{
	/* Every complaint has the same mobile: one complainant, 13 complaints
	 * in M or O. Oldest first, the 11th-13th (C-LATE, C-NOTL1, C-REP, all
	 * 20-11, later ids) are capped out. M = C-ESC C-FORCE C-NOFB C-OJ-LOW
	 * C-UNK C-IN (6), 1 closed with satisfaction (C-NOFB), none low or
	 * non-attended; O = C-TOP C-TOP2 C-OJ-BACK C-OJ-OK (4), none closed.
	 * 60 * 1/6 = 10.00, 20 * 0/4 = 0, 10, 10: total 30.00, grade D. */
	CHECK_STR(q("SELECT received || ' ' || satisfied || ' ' || old_pending || ' ' ||"
		    " capped_out || ' ' || pts_satisfied || ' ' || total || ' ' || grade"
		    " FROM grading WHERE as_of = '2026-11-27' AND scope = 'district'"),
		  "6 1 4 3 10.0 30.0 D");
	CHECK_STR(q("SELECT name FROM grading WHERE scope = 'district'"), "सीहोर");
	CHECK_STR(q("SELECT count(*) FROM grading WHERE as_of = '2026-11-27'"), "2");
	CHECK_STR(q("SELECT count || ' ' || subject FROM data_quality WHERE"
		    " kind = 'unknown_category'"),
		  "1 अज्ञात प्रारूप");
	CHECK_STR(q("SELECT subject FROM data_quality WHERE kind = 'movement_unknown_complaint'"),
		  "C-GHOST");
	CHECK_STR(q("SELECT count(*) FROM data_quality WHERE kind = 'unknown_officer'"), "0");
	/* five officers share 7000000001 */
	CHECK_STR(q("SELECT count(*) FROM officer_quality WHERE problem = 'shared_mobile'"), "5");
}

static void test_reproducible(void)
{
	struct analytics_summary sum;
	/* the night before: C-ESC was at L2 since 26-11 (7 days: due 03-12) */
	run("2026-11-26", &sum);
	CHECK_STR(q("SELECT level || ' ' || level_start || ' ' || due_date FROM sla_status"
		    " WHERE as_of = '2026-11-26' AND complaint_id = 'C-ESC'"),
		  "2 2026-11-26 2026-12-03");
	CHECK_STR(q("SELECT count(*) FROM escalation_events WHERE as_of = '2026-11-26'"), "3");
	CHECK_INT(sum.escalated_today, 1);
	/* running the same night again replaces its rows */
	run("2026-11-27", &sum);
	CHECK_STR(q("SELECT count(*) FROM sla_status WHERE as_of = '2026-11-27'"), "10");
	CHECK_STR(q("SELECT count(*) FROM rule_violations WHERE as_of = '2026-11-27'"), "6");
	CHECK_STR(q("SELECT count(*) FROM nightly_summary"), "3");
	CHECK_STR(q("SELECT open || ' ' || breached || ' ' || escalated_today || ' ' ||"
		    " escalated_period || ' ' || violations || ' ' || run_id FROM nightly_summary"
		    " WHERE as_of = '2026-11-27'"),
		  "10 4 1 4 6 7");
	CHECK_INT(sum.open, 10);
	CHECK_INT(sum.breached, 4);
}

int main(void)
{
	char path[] = "/tmp/nk-test-sla-XXXXXX";
	int fd = mkstemp(path);
	close(fd);
	unlink(path);
	struct strbuf err = STRBUF_INIT;
	CHECK_MSG(store_open(&st, path, STORE_WRITE, &err) == NK_OK, "%s", err.buf);
	rec = records_new(st);
	struct analytics_summary sum;
	/* an empty database: no rows but the night's summary and the district's
	 * grading (empty populations score their full weights) */
	run("2026-11-20", &sum);
	CHECK_INT(sum.open, 0);
	CHECK_STR(q("SELECT count(*) FROM officer_scores"), "0");
	CHECK_STR(q("SELECT total || ' ' || grade FROM grading WHERE as_of = '2026-11-20'"),
		  "100.0 A");
	CHECK_STR(q("SELECT open FROM nightly_summary WHERE as_of = '2026-11-20'"), "0");
	build();
	run("2026-11-27", &sum);
	test_due_and_breach();
	test_escalations();
	test_violations();
	test_scores();
	test_grading_and_quality();
	test_reproducible();
	records_free(rec);
	store_close(st);
	unlink(path);
	static const char *const ext[] = {".lock", "-wal", "-shm"};
	for (int i = 0; i < 3; i++) {
		char side[64];
		xsnprintf(side, sizeof(side), "%s%s", path, ext[i]);
		unlink(side);
	}
	strbuf_release(&err);
	TEST_DONE();
}
