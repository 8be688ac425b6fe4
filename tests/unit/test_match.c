/*
 * test_match.c - the matcher on small fixed data: every rule and every hard
 * negative of tests/data/match/pairs.tsv, the proposals of a whole run,
 * determinism across thread counts, rejected pairs, stable group ids,
 * increments and complainant ids.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "engine/block.h"
#include "engine/date.h"
#include "engine/explain.h"
#include "engine/freq.h"
#include "engine/match.h"
#include "engine/matchset.h"
#include "engine/score.h"
#include "ingest/load.h"
#include "tests/test.h"

#define CASES "tests/data/match/cases.csv"

static char dir[64];
static struct config cfg;

static struct store *open_db(const char *name)
{
	char path[128];
	xsnprintf(path, sizeof(path), "%s/%s", dir, name);
	struct store *st;
	struct strbuf err = STRBUF_INIT;
	if (store_open(&st, path, STORE_WRITE, &err)) {
		fprintf(stderr, "%s\n", err.buf);
		exit(1);
	}
	strbuf_release(&err);
	return st;
}

static void load(struct store *st, const char *file, int day)
{
	struct load_options lo = {.kind = KIND_COMPLAINTS,
				  .as_of = day,
				  .snapshot_day = day,
				  .max_level = 4,
				  .cfg = &cfg};
	struct load_result r;
	struct strbuf err = STRBUF_INIT;
	enum nk_err e = load_file(st, file, &lo, &r, &err);
	CHECK_MSG(e == NK_OK && r.counts.quarantined == 0, "loading %s: %s (%ld quarantined)", file,
		  err.buf, r.counts.quarantined);
	strbuf_release(&err);
}

static int day_of(const char *s)
{
	struct datetime dt;
	date_parse(s, strlen(s), &dt, NULL);
	return dt.day;
}

static const char *cid(const char *num, char *buf)
{
	xsnprintf(buf, 32, "CMH-2026-%s", num);
	return buf;
}

/*
 * No block windowed: the pairs are exactly those sharing a key of some
 * kind (not a shared mobile) registered within the window, each once and
 * in order, however many kinds find them.
 */
static void check_pairs_whole(const struct mset *set, const struct score_params *p,
			      const uint8_t *shared, const struct pair_list *pl,
			      const struct block_stats *bs)
{
	for (int k = 0; k < BK_COUNT; k++)
		CHECK_INT(bs->oversized[k], 0);
	size_t at = 0, twice = 0;
	for (uint32_t a = 0; a < set->n; a++) {
		for (uint32_t c = a + 1; c < set->n; c++) {
			const struct mrec *x = &set->r[a], *y = &set->r[c];
			int kinds = 0;
			for (int k = 0; k < BK_COUNT; k++)
				kinds += x->key[k] && x->key[k] == y->key[k] &&
					 !(k == BK_MOBILE && shared[a]);
			int days = x->day > y->day ? x->day - y->day : y->day - x->day;
			if (!kinds || days > p->window_days)
				continue;
			twice += kinds > 1;
			uint64_t want = (uint64_t)a << 32 | c;
			CHECK_MSG(at < pl->n && pl->v[at] == want, "pair %u %u: missing or out of order",
				  a, c);
			at += at < pl->n && pl->v[at] == want;
		}
	}
	CHECK_INT((long)at, (long)pl->n);
	CHECK_INT(bs->pairs, (long)pl->n);
	CHECK_MSG(twice > 0, "no pair shares two kinds of key: the test shows nothing");
}

/*
 * The name forms loaded from the k_ columns are the generated columns'
 * texts (schema.c), and each distinct text is one string in memory.
 */
static void check_forms(const struct mset *set, struct store *st)
{
	sqlite3_stmt *s = store_prepare(
		st, "SELECT complaint_id, name_display, name_cmp, name_bridge, name_phon,"
		    " father_cmp, father_bridge FROM complaints");
	int rows = 0, shared = 0, twins = 0;
	while (sqlite3_step(s) == SQLITE_ROW) {
		long i = mset_find(set, (const char *)sqlite3_column_text(s, 0));
		if (i < 0)
			continue; /* merged or registered later: not loaded */
		const struct mrec *r = &set->r[i];
		const char *got[] = {r->name_display, r->name_cmp,   r->name_bridge,
				     r->name_phon,    r->father_cmp, r->father_bridge};
		for (int k = 0; k < 6; k++) {
			const char *want = (const char *)sqlite3_column_text(s, k + 1);
			CHECK_MSG(!strcmp(got[k], want ? want : ""), "%s: form %d is \"%s\", the db's \"%s\"",
				  r->cid, k, got[k], want ? want : "");
			for (int j = 0; j < k; j++)
				shared += *got[k] && got[j] == got[k];
		}
		for (uint32_t j = 0; j < (uint32_t)i; j++)
			if (!strcmp(set->r[j].name_display, r->name_display)) {
				CHECK_MSG(set->r[j].name_display == r->name_display,
					  "%s and %s: the same name held twice", set->r[j].cid, r->cid);
				twins++;
			}
		rows++;
	}
	sqlite3_finalize(s);
	CHECK_INT(rows, (long)set->n);
	CHECK(shared > 0 && twins > 0);
}

/* Each pair of pairs.tsv scored on its own gives the expected rule or guard. */
static void test_pairs(struct store *st)
{
	struct mset set;
	struct strbuf err = STRBUF_INIT;
	CHECK(mset_load(&set, st, day_of("2026-12-31"), NULL, 0, &err) == NK_OK);
	CHECK_INT(set.n, 40);
	CHECK_INT(set.keys_computed, 0);
	struct score_params p;
	CHECK(score_params_load(&p, &cfg, &err) == 0);
	uint8_t *shared = xmalloc(set.n);
	struct pair_list pl = {0};
	struct block_stats bs;
	for (uint32_t i = 0; i < set.n; i++) { /* as a run keys them (match.c) */
		block_record_keys(&set, &set.r[i]);
		set.r[i].keyed = 1;
	}
	block_pairs(&set, &p, 0, shared, &pl, &bs);
	CHECK_INT(bs.shared_mobiles, 1);
	check_pairs_whole(&set, &p, shared, &pl, &bs);
	check_forms(&set, st);
	/* the same with tiny blocks: they are windowed and counted, not dropped */
	struct score_params tiny = p;
	tiny.block_max = 2;
	tiny.block_window = 1;
	struct pair_list pt = {0};
	struct block_stats bt;
	block_pairs(&set, &tiny, 0, shared, &pt, &bt);
	CHECK(bt.oversized[BK_MOBILE] >= 1 && bt.oversized[BK_PHONETIC] >= 1);
	CHECK(pt.n > 0 && pt.n < pl.n);
	long i31 = mset_find(&set, "CMH-2026-0000031"), i1 = mset_find(&set, "CMH-2026-0000001");
	int found = 0;
	for (size_t k = 0; k < pt.n; k++)
		found |= pt.v[k] ==
			 ((uint64_t)(i1 < i31 ? i1 : i31) << 32 | (uint64_t)(i1 < i31 ? i31 : i1));
	CHECK_MSG(found, "31 and 1, neighbours in time, are still compared in an oversized block");
	pair_list_release(&pt);
	FILE *f = fopen("tests/data/match/pairs.tsv", "r");
	CHECK(f != NULL);
	char line[256], a[32], b[32], want[32];
	struct score_scratch *sc = score_scratch_new();
	int n = 0;
	while (f && fgets(line, sizeof(line), f)) {
		char x[32], y[32];
		if (line[0] == '#' || sscanf(line, "%31s %31s %31s", x, y, want) != 3)
			continue;
		long i = mset_find(&set, cid(x, a)), j = mset_find(&set, cid(y, b));
		CHECK_MSG(i >= 0 && j >= 0, "%s or %s not loaded", a, b);
		if (i < 0 || j < 0)
			continue;
		struct evidence ev;
		score_pair(&set, (uint32_t)i, (uint32_t)j, &p, shared[i], sc, &ev);
		const char *got = ev.guard ? score_guard_name(ev.guard) : score_rule_name(ev.rule);
		CHECK_MSG(!strcmp(got, want), "%s %s: got %s, expected %s (weight %.2f)", a, b, got,
			  want, ev.weight);
		struct evidence ev2;
		score_pair(&set, (uint32_t)j, (uint32_t)i, &p, shared[j], sc, &ev2);
		CHECK_MSG(ev2.guard == ev.guard && ev2.rule == ev.rule && ev2.weight == ev.weight,
			  "%s %s: scoring is not symmetric", a, b);
		n++;
	}
	if (f)
		fclose(f);
	CHECK_INT(n, 22);
	score_scratch_free(sc);
	free(shared);
	pair_list_release(&pl);
	mset_release(&set);
	strbuf_release(&err);
}

/* Term frequency: a name's count in its district weighs its agreement; an
 * increment scores again what a count crossing a power of two changes. */
static void test_name_freq(struct store *st)
{
	struct mset set;
	struct strbuf err = STRBUF_INIT;
	CHECK(mset_load(&set, st, day_of("2026-12-31"), NULL, 0, &err) == NK_OK);
	for (uint32_t i = 0; i < set.n; i++)
		block_record_keys(&set, &set.r[i]);
	freq_count(&set);
	long r1 = mset_find(&set, "CMH-2026-0000001"), r2 = mset_find(&set, "CMH-2026-0000002");
	long r31 = mset_find(&set, "CMH-2026-0000031"), r38 = mset_find(&set, "CMH-2026-0000038");
	/* रमेश साहू: 1, 2 and 31 in Sehore (floor(log2 3) = 1); 38 alone in Raisen */
	CHECK_INT(set.r[r1].freq[TF_NAME], 1);
	CHECK_INT(set.r[r38].freq[TF_NAME], 0);
	struct score_params p;
	CHECK(score_params_load(&p, &cfg, &err) == 0);
	struct score_scratch *sc = score_scratch_new();
	struct evidence rare, common;
	score_pair(&set, (uint32_t)r1, (uint32_t)r2, &p, 0, sc, &rare);
	CHECK(rare.tf[SF_NAME] == 0); /* under 2^tf_ref: as before */
	set.r[r1].freq[TF_NAME] = set.r[r2].freq[TF_NAME] = 9; /* 512 or more share the name */
	score_pair(&set, (uint32_t)r1, (uint32_t)r2, &p, 0, sc, &common);
	CHECK(common.tf[SF_NAME] == -4); /* 3 - 9, at most tf_max less */
	CHECK_MSG(rare.weight - common.weight == 4, "weights %.2f and %.2f", rare.weight,
		  common.weight);
	CHECK(!strcmp(score_rule_name(common.rule), "R1")); /* same mobile: still proposed */
	/* kajlas (आष्टा, Sehore): 1, 2 and 31; 38 is of Raisen */
	CHECK_INT(set.r[r1].freq[TF_VILLAGE], 1);
	CHECK_INT(set.r[r38].freq[TF_VILLAGE], 0);
	/* a town of 4096 complaints, a father's name of 512, one text filed by
	 * 512: each agreement says less, none counts against */
	set.r[r1].freq[TF_VILLAGE] = set.r[r2].freq[TF_VILLAGE] = 12;
	set.r[r1].freq[TF_FATHER] = set.r[r2].freq[TF_FATHER] = 9;
	set.r[r2].tf[TF_TEXT - 1] = set.r[r1].tf[TF_TEXT - 1];
	set.r[r1].freq[TF_TEXT] = set.r[r2].freq[TF_TEXT] = 9;
	struct evidence stock;
	score_pair(&set, (uint32_t)r1, (uint32_t)r2, &p, 0, sc, &stock);
	CHECK(stock.tf[SF_PLACE] == -3 && stock.w[SF_PLACE] == 0); /* 12 - 7, at most w_village */
	CHECK(stock.tf[SF_FATHER] == -4 && stock.w[SF_FATHER] == 0);
	CHECK_MSG(stock.w[SF_TEXT] == 0 && stock.tf[SF_TEXT] < 0, "text %.2f (%.2f)",
		  stock.w[SF_TEXT], stock.tf[SF_TEXT]);
	CHECK(!strcmp(score_rule_name(stock.rule), "R1"));
	struct strbuf rep = STRBUF_INIT;
	explain_report(&set, (uint32_t)r1, (uint32_t)r2, &stock, &p, &rep);
	CHECK_MSG(strstr(rep.buf, "a large village") && strstr(rep.buf, "a stock sentence") &&
			  strstr(rep.buf, "a common father's name"),
		  "explain shows every adjustment:\n%s", rep.buf);
	strbuf_reset(&rep);
	explain_report(&set, (uint32_t)r1, (uint32_t)r2, &common, &p, &rep);
	CHECK_MSG(strstr(rep.buf, "a common name in the district") &&
			  strstr(rep.buf, "-4.00  (of the name's +5.00)"),
		  "explain shows the adjustment:\n%s", rep.buf);
	strbuf_release(&rep);
	block_record_keys(&set, &set.r[r2]);
	freq_count(&set);
	const int any[TF_COUNT] = {0, 0, 0, 0}; /* every bucket matters */
	/* the last run counted 1 and 2 (31 is new): 2, now 3, one bucket */
	for (uint32_t i = 0; i < set.n; i++)
		set.r[i].fresh = 0;
	set.r[r31].fresh = set.r[r31].changed = 1;
	CHECK_INT(freq_count_changes(&set, NULL, 0, any, 30), 0);
	/* it counted only 1 (2 and 31 are new): 1, now 3, 1 is scored again */
	set.r[r2].fresh = set.r[r2].changed = 1;
	CHECK_INT(freq_count_changes(&set, NULL, 0, any, 30), 1);
	CHECK_INT(set.r[r1].changed, 1);
	/* 2 was edited, not new (its old key: the same name's): 2, now 3 */
	set.r[r1].changed = 0;
	struct freq_keys old;
	for (int k = 0; k < TF_COUNT; k++)
		old.k[k] = freq_key(&set.r[r2], k);
	CHECK_INT(freq_count_changes(&set, &old, 1, any, 30), 0);
	/* and two complaints of that name were merged since: 4 then, 3 now */
	struct freq_keys gone[3] = {old, old, old};
	CHECK_INT(freq_count_changes(&set, gone, 3, any, 30), 1);
	/* or two of that village only (other names): the village's count */
	set.r[r1].changed = 0;
	memset(&gone[1], 0, sizeof(gone[1]));
	memset(&gone[2], 0, sizeof(gone[2]));
	gone[1].k[TF_VILLAGE] = gone[2].k[TF_VILLAGE] = old.k[TF_VILLAGE];
	CHECK_INT(freq_count_changes(&set, gone, 3, any, 30), 1);
	CHECK_INT(set.r[r1].changed, 1);
	/* but with tf_village_ref 7, counts 4 and 3 both weigh nothing less */
	set.r[r1].changed = 0;
	const int deflt[TF_COUNT] = {p.tf_ref, p.tf_father_ref, p.tf_village_ref, p.tf_text_ref};
	CHECK_INT(freq_count_changes(&set, gone, 3, deflt, p.tf_max), 0);
	score_scratch_free(sc);
	mset_release(&set);
	strbuf_release(&err);
}

/* The reason line of the श/स typo pair, in both languages. */
static void test_reason(struct store *st)
{
	struct mset set;
	struct strbuf err = STRBUF_INIT, en = STRBUF_INIT, hi = STRBUF_INIT;
	const char *ids[] = {"CMH-2026-0000005", "CMH-2026-0000006"};
	CHECK(mset_load(&set, st, day_of("2026-12-31"), ids, 2, &err) == NK_OK);
	struct score_params p;
	score_params_load(&p, &cfg, &err);
	struct score_scratch *sc = score_scratch_new();
	struct evidence ev;
	long a = mset_find(&set, ids[0]), b = mset_find(&set, ids[1]);
	score_pair(&set, (uint32_t)a, (uint32_t)b, &p, 0, sc, &ev);
	explain_reason(&set, (uint32_t)a, (uint32_t)b, &ev, 1, &en, &hi);
	char want_hi[512];
	xsnprintf(want_hi, sizeof(want_hi),
		  "नाम में टाइपिंग भिन्नता (रमेश/रमेस), वही पिता/पति, वही मोबाइल, वही ग्राम, "
		  "वही प्रारूप, विवरण %d%% समान, 11 दिन का अंतर",
		  (int)(ev.text_sim * 100 + 0.5));
	CHECK_STR(hi.buf, want_hi);
	CHECK(strstr(en.buf, "typing difference in the name (रमेश/रमेस), same father/husband, "
			     "same mobile, same village, same category") == en.buf);
	score_scratch_free(sc);
	mset_release(&set);
	strbuf_release(&err);
	strbuf_release(&en);
	strbuf_release(&hi);
}

/*
 * The word pair a reason names is the pair that differs, never a title
 * (a reason once read "(Lakhan/Shri)"); a member grouped through another
 * complaint is never said to be "not proposed".
 */
static void test_reason_words(void)
{
	static const struct {
		const char *a, *b, *pair;
	} cases[] = {
		{"Shri Lakhan Singh", "लखन सिंह", "(Lakhan/लखन)"},
		{"कमला बाई", "Mrs Kamla Bai", "(कमला/Kamla)"},
		{"श्री रमेश पटेल", "रमेस पटेल", "(रमेश/रमेस)"},
		{"संजय कुमार", "सन्जय कुमार", "(संजय/सन्जय)"},
		{"Smt Geeta Yadav", "गीता यादव जी", "(Geeta/गीता)"},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct mrec r[2] = {{.name_display = cases[i].a}, {.name_display = cases[i].b}};
		struct mset set = {.r = r, .n = 2};
		struct evidence ev = {.name = NL_TYPO, .name_why = NSIM_OTHER_SCRIPT};
		struct strbuf en = STRBUF_INIT, hi = STRBUF_INIT;
		explain_reason(&set, 0, 1, &ev, 1, &en, &hi);
		CHECK_MSG(strstr(en.buf, cases[i].pair) != NULL, "%s / %s: reason [%s], want %s",
			  cases[i].a, cases[i].b, en.buf, cases[i].pair);
		CHECK_MSG(strstr(hi.buf, cases[i].pair) != NULL, "%s / %s: Hindi reason [%s]",
			  cases[i].a, cases[i].b, hi.buf);
		strbuf_release(&en);
		strbuf_release(&hi);
	}
	struct mrec r[2] = {{.name_display = "रमेश"}, {.name_display = "रमेश"}};
	struct mset set = {.r = r, .n = 2};
	struct evidence ev = {.name = NL_EXACT, .guard = G_FAR};
	struct strbuf en = STRBUF_INIT, hi = STRBUF_INIT;
	explain_reason(&set, 0, 1, &ev, 1, &en, &hi);
	CHECK_MSG(strstr(en.buf, "linked through another complaint of the group (with the primary "
				 "alone: registered too far apart): same name") == en.buf,
		  "in a group: [%s]", en.buf);
	CHECK_MSG(!strstr(hi.buf, "प्रस्तावित नहीं"), "in a group, Hindi: [%s]", hi.buf);
	strbuf_reset(&en);
	strbuf_reset(&hi);
	explain_reason(&set, 0, 1, &ev, 0, &en, &hi);
	CHECK_MSG(strstr(en.buf, "not proposed: registered too far apart: ") == en.buf,
		  "refused: [%s]", en.buf);
	strbuf_release(&en);
	strbuf_release(&hi);
}

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return xstrdup("");
	struct strbuf sb = STRBUF_INIT;
	char buf[4096];
	size_t n;
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		strbuf_add(&sb, buf, n);
	fclose(f);
	return strbuf_detach(&sb, NULL);
}

/* "complaint,primary,rule" lines of a run, in the table's order. */
static char *proposal_lines(struct store *st, int64_t run_id)
{
	struct strbuf sb = STRBUF_INIT;
	sqlite3_stmt *s = store_prepare(st, "SELECT complaint_id, primary_id, rule FROM proposals"
					    " WHERE run_id = ? ORDER BY complaint_id");
	sqlite3_bind_int64(s, 1, run_id);
	while (sqlite3_step(s) == SQLITE_ROW)
		strbuf_addf(&sb, "%s,%s,%s\n", sqlite3_column_text(s, 0), sqlite3_column_text(s, 1),
			    sqlite3_column_text(s, 2));
	sqlite3_finalize(s);
	return strbuf_detach(&sb, NULL);
}

static int64_t run_match(struct store *st, int threads, int full, struct match_summary *m)
{
	struct strbuf err = STRBUF_INIT;
	struct match_options o = {.full = full, .threads = threads};
	enum nk_err e = match_run(st, &cfg, day_of("2026-12-31"), &o, m, &err);
	CHECK_MSG(e == NK_OK, "match_run: %s", err.buf);
	strbuf_release(&err);
	return m->run_id;
}

static int64_t group_of(struct store *st, int64_t run, const char *id)
{
	sqlite3_stmt *s = store_prepare(st, "SELECT group_id FROM proposals WHERE run_id = ?"
					    " AND (complaint_id = ? OR primary_id = ?)");
	sqlite3_bind_int64(s, 1, run);
	sqlite3_bind_text(s, 2, id, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, id, -1, SQLITE_STATIC);
	int64_t g = sqlite3_step(s) == SQLITE_ROW ? sqlite3_column_int64(s, 0) : -1;
	sqlite3_finalize(s);
	return g;
}

static void test_run(struct store *st)
{
	struct match_summary m1, m2;
	int64_t r1 = run_match(st, 1, 1, &m1);
	char *got = proposal_lines(st, r1), *want = slurp("tests/data/match/proposals.expected");
	CHECK_STR(got, want);
	CHECK_INT(m1.groups, 6);
	CHECK_INT(m1.review_groups, 1);
	/* 35 ~ 36 ~ 37 but 35 and 37 are 120 days apart: a chain, for review */
	sqlite3_stmt *q =
		store_prepare(st, "SELECT band || ' ' || review_reason FROM proposals"
				  " WHERE run_id = ? AND complaint_id = 'CMH-2026-0000037'");
	sqlite3_bind_int64(q, 1, r1);
	CHECK(sqlite3_step(q) == SQLITE_ROW &&
	      !strcmp((const char *)sqlite3_column_text(q, 0), "review chain"));
	sqlite3_finalize(q);
	/* 39 re-files 32 from another district on the same mobile: review only */
	q = store_prepare(st, "SELECT band || ' ' || review_reason FROM proposals"
			      " WHERE run_id = ? AND complaint_id = 'CMH-2026-0000039'");
	sqlite3_bind_int64(q, 1, r1);
	CHECK(sqlite3_step(q) == SQLITE_ROW &&
	      !strcmp((const char *)sqlite3_column_text(q, 0), "review district"));
	sqlite3_finalize(q);
	CHECK_INT(m1.blocks.shared_mobiles, 1);
	char p1[160], p2[160];
	xsnprintf(p1, sizeof(p1), "%s/p1.csv", dir);
	xsnprintf(p2, sizeof(p2), "%s/p2.csv", dir);
	struct strbuf err = STRBUF_INIT;
	CHECK_INT(match_write_csv(st, r1, p1, &err), 9);
	int64_t r2 = run_match(st, 2, 1, &m2);
	CHECK_INT(match_write_csv(st, r2, p2, &err), 9);
	char *c1 = slurp(p1), *c2 = slurp(p2);
	CHECK_MSG(!strcmp(c1, c2), "proposals.csv differs between 1 and 2 threads");
	CHECK(!strncmp(c1, "group_id,complaint_id,primary_id,rule,score,", 44));
	CHECK_INT(group_of(st, r1, "CMH-2026-0000031"), group_of(st, r2, "CMH-2026-0000031"));
	/* the complainant of 1, 2 and 31 is the earliest complaint, 31 */
	sqlite3_stmt *s = store_prepare(st, "SELECT count(*) FROM complainants WHERE"
					    " complainant_id = 'CMH-2026-0000031'");
	CHECK(sqlite3_step(s) == SQLITE_ROW && sqlite3_column_int(s, 0) == 3);
	sqlite3_finalize(s);
	/* every compared complaint has a complainant, and the view reads it by id */
	s = store_prepare(st, "SELECT count(*), sum(k.complaint_id = c.complaint_id)"
			      " FROM complainants k JOIN complaints c ON c.id = k.id");
	CHECK(sqlite3_step(s) == SQLITE_ROW && sqlite3_column_int(s, 0) == m2.complaints &&
	      sqlite3_column_int(s, 1) == m2.complaints);
	sqlite3_finalize(s);
	/* 13 and 14: one person with two grievances, one complainant */
	s = store_prepare(st, "SELECT count(DISTINCT complainant_id) FROM complainants WHERE"
			      " complaint_id IN ('CMH-2026-0000013', 'CMH-2026-0000014')");
	CHECK(sqlite3_step(s) == SQLITE_ROW && sqlite3_column_int(s, 0) == 1);
	sqlite3_finalize(s);
	free(got), free(want), free(c1), free(c2);
	strbuf_release(&err);
}

static void reject(struct store *st, const char *a, const char *b)
{
	char fa[17], fb[17];
	struct strbuf err = STRBUF_INIT;
	CHECK(match_fingerprint(st, a, fa, &err) == NK_OK);
	CHECK(match_fingerprint(st, b, fb, &err) == NK_OK);
	sqlite3_stmt *s =
		store_prepare(st, "INSERT INTO pair_decisions (a, b, decision, fp_a,"
				  " fp_b, decided_at) VALUES (?, ?, 'reject', ?, ?, 'now')");
	sqlite3_bind_text(s, 1, a, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, b, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, fa, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 4, fb, -1, SQLITE_STATIC);
	CHECK(sqlite3_step(s) == SQLITE_DONE);
	sqlite3_finalize(s);
	strbuf_release(&err);
}

static int proposed(struct store *st, int64_t run, const char *id)
{
	return group_of(st, run, id) >= 0;
}

/* Increments: a rejection holds until one side changes; ids stay. */
static void test_increment(struct store *st)
{
	struct match_summary m;
	int64_t r = run_match(st, 0, 0, &m);
	int64_t g5 = group_of(st, r, "CMH-2026-0000005");
	CHECK(g5 > 0);
	CHECK_INT(m.full, 0);
	CHECK_INT(m.light, 1); /* from match_keys, not every complaint */
	CHECK_INT(m.changed, 0);
	CHECK_INT(m.candidate_pairs, 0);
	CHECK_INT(m.proposals, 9);
	reject(st, "CMH-2026-0000003", "CMH-2026-0000004");
	/* 1 vs 2 and 31: rejecting 1-31 must also keep 1 out through 2 */
	reject(st, "CMH-2026-0000001", "CMH-2026-0000031");
	r = run_match(st, 0, 0, &m);
	CHECK(!proposed(st, r, "CMH-2026-0000004"));
	CHECK(proposed(st, r, "CMH-2026-0000002"));
	CHECK(group_of(st, r, "CMH-2026-0000001") != group_of(st, r, "CMH-2026-0000031"));
	CHECK_INT(group_of(st, r, "CMH-2026-0000005"), g5);
	/* night 2: 4 is edited (its description), 34 is new and re-files 5 */
	load(st, "tests/data/match/night2.csv", day_of("2026-12-01"));
	/* the edit is marked at load; the new complaint is found by its rowid */
	sqlite3_stmt *d = store_prepare(st, "SELECT count(*) FROM match_dirty");
	CHECK(sqlite3_step(d) == SQLITE_ROW && sqlite3_column_int(d, 0) == 1);
	sqlite3_finalize(d);
	r = run_match(st, 0, 0, &m);
	CHECK_INT(m.light, 1);
	CHECK_INT(m.changed, 2);
	d = store_prepare(st, "SELECT count(*) FROM match_dirty");
	CHECK(sqlite3_step(d) == SQLITE_ROW && sqlite3_column_int(d, 0) == 0);
	sqlite3_finalize(d);
	CHECK(proposed(st, r, "CMH-2026-0000004"));
	CHECK_INT(group_of(st, r, "CMH-2026-0000034"), g5); /* the group grew, kept its id */
	CHECK_INT(group_of(st, r, "CMH-2026-0000005"), g5);
	/* a merged complaint is left out */
	CHECK(store_exec(st,
			 "UPDATE complaints SET merged_into = 'CMH-2026-0000007'"
			 " WHERE complaint_id = 'CMH-2026-0000008'",
			 NULL) == NK_OK);
	r = run_match(st, 0, 0, &m);
	CHECK(!proposed(st, r, "CMH-2026-0000008"));
	CHECK(!proposed(st, r, "CMH-2026-0000007"));
}

static int64_t scalar(struct store *st, const char *sql)
{
	sqlite3_stmt *s = store_prepare(st, sql);
	int64_t v = sqlite3_step(s) == SQLITE_ROW ? sqlite3_column_int64(s, 0) : -1;
	sqlite3_finalize(s);
	return v;
}

/* A damaged blob of match_keys: that increment compares everything, and
 * stores the keys anew for the next. */
static void test_damaged_keys(struct store *st)
{
	struct match_summary m, again;
	CHECK(store_exec(st,
			 "UPDATE match_keys SET data = x'00' || substr(data, 2)"
			 " WHERE lo = (SELECT min(lo) FROM match_keys)",
			 NULL) == NK_OK);
	int64_t r = run_match(st, 0, 0, &m);
	CHECK_INT(m.keys_damaged, 1);
	CHECK_INT(m.light, 0);
	CHECK(m.changed > 0);
	int64_t r2 = run_match(st, 0, 0, &again);
	CHECK_INT(again.keys_damaged, 0);
	CHECK_INT(again.light, 1);
	CHECK_INT(again.proposals, m.proposals);
	CHECK_INT(group_of(st, r2, "CMH-2026-0000005"), group_of(st, r, "CMH-2026-0000005"));
}

static int64_t count_of(struct store *st, const char *sql, const char *id)
{
	sqlite3_stmt *s = store_prepare(st, sql);
	sqlite3_bind_text(s, 1, id, -1, SQLITE_STATIC);
	int64_t v = sqlite3_step(s) == SQLITE_ROW ? sqlite3_column_int64(s, 0) : -1;
	sqlite3_finalize(s);
	return v;
}

/*
 * A complaint registered after as_of is not compared: it stays in
 * match_dirty for the run that reaches its day, and has no complainant
 * yet; nor has a merged one.
 */
static void test_registered_later(struct store *st)
{
	static const char id[] = "CMH-2026-0000031";
	static const char in_view[] = "SELECT count(*) FROM complainants WHERE complaint_id = ?";
	static const char in_dirty[] = "SELECT count(*) FROM match_dirty d JOIN complaints c"
				       " ON c.id = d.id WHERE c.complaint_id = ?";
	struct match_summary m, later, back;
	run_match(st, 0, 1, &m);
	CHECK_INT(count_of(st, in_view, id), 1);
	CHECK_INT(count_of(st, in_view, "CMH-2026-0000008"), 0); /* merged */
	CHECK(store_exec(st,
			 "CREATE TEMP TABLE was AS SELECT reg_date FROM complaints"
			 " WHERE complaint_id = 'CMH-2026-0000031';"
			 " UPDATE complaints SET reg_date = '2027-01-05'"
			 " WHERE complaint_id = 'CMH-2026-0000031'",
			 NULL) == NK_OK);
	run_match(st, 0, 1, &later);
	CHECK_INT(later.complaints, m.complaints - 1);
	CHECK_INT(count_of(st, in_dirty, id), 1);
	CHECK_INT(count_of(st, in_view, id), 0);
	CHECK(store_exec(st,
			 "UPDATE complaints SET reg_date = (SELECT reg_date FROM was)"
			 " WHERE complaint_id = 'CMH-2026-0000031'; DROP TABLE was",
			 NULL) == NK_OK);
	run_match(st, 0, 0, &back);
	CHECK_INT(back.light, 1);
	CHECK_INT(back.complaints, m.complaints);
	CHECK_INT(count_of(st, in_dirty, id), 0);
	CHECK_INT(count_of(st, in_view, id), 1);
}

/* Old runs' proposals go, but for decided rows; group ids are never reused. */
static void test_prune(struct store *st)
{
	struct match_summary m;
	int64_t decided = scalar(st, "SELECT min(id) FROM proposals WHERE run_id = 1");
	CHECK(decided > 0);
	CHECK(store_exec(st,
			 "INSERT INTO pair_decisions (a, b, decision, fp_a, fp_b, proposal_id,"
			 " decided_at) SELECT complaint_id, primary_id, 'unsure', fp, primary_fp,"
			 " id, 'now' FROM proposals WHERE id = (SELECT min(id) FROM proposals"
			 " WHERE run_id = 1)",
			 NULL) == NK_OK);
	int64_t top_gid = scalar(st, "SELECT max(group_id) FROM proposals");
	config_set(&cfg, "match", "keep_runs", "1");
	struct strbuf err = STRBUF_INIT;
	struct match_options o = {.full = 0};
	CHECK_INT(match_run(st, &cfg, day_of("2026-12-31"), &o, &m, &err), NK_ECONFIG);
	CHECK_MSG(strstr(err.buf, "keep_runs") != NULL, "%s", err.buf);
	strbuf_release(&err);
	config_set(&cfg, "match", "keep_runs", "2");
	int64_t r = run_match(st, 0, 0, &m);
	CHECK(r > 3);
	char sql[160];
	xsnprintf(sql, sizeof(sql), "SELECT count(*) FROM proposals WHERE run_id < %lld",
		  (long long)r - 1);
	CHECK_INT(scalar(st, sql), 1); /* the decided row stays */
	xsnprintf(sql, sizeof(sql), "SELECT count(*) FROM proposals WHERE id = %lld",
		  (long long)decided);
	CHECK_INT(scalar(st, sql), 1);
	CHECK_INT(group_of(st, r, "CMH-2026-0000031"), group_of(st, r - 1, "CMH-2026-0000031"));
	CHECK_INT(scalar(st, "SELECT value FROM meta WHERE key = 'proposals_kept_from_run'"),
		  r - 1);
	CHECK(scalar(st, "SELECT value FROM meta WHERE key = 'match_next_group'") > top_gid);
	config_set(&cfg, "match", "keep_runs", "30");
}

/* The caller's record is written in the run's transaction: with it or not at all. */
static enum nk_err record_run(struct store *st, int64_t run_id, void *arg, struct strbuf *err)
{
	if (arg) {
		strbuf_addstr(err, "refused by the caller");
		return NK_EIO;
	}
	char v[24];
	xsnprintf(v, sizeof(v), "%lld", (long long)run_id);
	return store_meta_set(st, "test_recorded_run", v, err);
}

static void test_record(struct store *st)
{
	struct match_summary m;
	struct strbuf err = STRBUF_INIT;
	int64_t before = scalar(st, "SELECT max(id) FROM match_runs");
	struct match_options o = {.record = record_run, .record_arg = &o};
	CHECK_INT(match_run(st, &cfg, day_of("2026-12-31"), &o, &m, &err), NK_EIO);
	CHECK_MSG(strstr(err.buf, "refused by the caller") != NULL, err.buf);
	CHECK_INT(scalar(st, "SELECT max(id) FROM match_runs"), before);
	CHECK_INT(scalar(st, "SELECT count(*) FROM meta WHERE key = 'test_recorded_run'"), 0);
	strbuf_reset(&err);
	o.record_arg = NULL;
	CHECK_MSG(match_run(st, &cfg, day_of("2026-12-31"), &o, &m, &err) == NK_OK, err.buf);
	CHECK_INT(m.run_id, before + 1);
	CHECK_INT(scalar(st, "SELECT value FROM meta WHERE key = 'test_recorded_run'"), m.run_id);
	strbuf_release(&err);
}

int main(void)
{
	xsnprintf(dir, sizeof(dir), "/tmp/nk-test-match.XXXXXX");
	if (!mkdtemp(dir))
		return 1;
	config_load(&cfg, NULL, NULL);
	struct store *st = open_db("a.db");
	load(st, CASES, day_of("2026-11-30"));
	test_pairs(st);
	test_reason(st);
	test_reason_words();
	test_name_freq(st);
	test_run(st);
	test_increment(st);
	test_damaged_keys(st);
	test_registered_later(st);
	test_prune(st);
	test_record(st);
	store_close(st);
	char cmd[128];
	xsnprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", dir);
	config_release(&cfg);
	TEST_DONE();
}
