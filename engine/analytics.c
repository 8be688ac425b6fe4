/*
 * analytics.c - the nightly analytics (see analytics.h). One pass: the
 * complaints, their snapshot history and their movement log are read in
 * complaint-id order and merged here, so each complaint is handled once with
 * its whole timeline and no per-complaint query is made.
 */
#include "engine/analytics.h"

#include <stdlib.h>
#include <string.h>

#include "engine/casefile.h"
#include "engine/casewalk.h"
#include "engine/ckey.h"
#include "engine/date.h"
#include "engine/escalation.h"
#include "engine/grading.h"
#include "engine/normalize.h"
#include "engine/officer_dq.h"
#include "engine/roster.h"
#include "engine/scorecard.h"
#include "engine/sla.h"
#include "engine/violations.h"

/* A count per name with the first complaint that showed it. */
struct tally {
	struct strmap m;
	long *count;
	const char **first;
	size_t alloc;
	struct arena arena;
};

static void tally_init(struct tally *t)
{
	memset(t, 0, sizeof(*t));
	strmap_init(&t->m);
}

static void tally_release(struct tally *t)
{
	strmap_release(&t->m);
	free(t->count);
	free(t->first);
	arena_release(&t->arena);
}

static void tally_add(struct tally *t, const char *name, const char *example)
{
	int added;
	long i = strmap_put(&t->m, name, &added);
	if (added) {
		ALLOC_GROW(t->count, t->m.n, t->alloc);
		t->first = xrealloc(t->first, t->alloc * sizeof(*t->first));
		t->count[i] = 0;
		t->first[i] = example ? arena_strdup(&t->arena, example) : NULL;
	}
	t->count[i]++;
}

struct actx {
	struct store *st;
	const struct config *cfg;
	int as_of, period_start, keep_days;
	int64_t run_id;
	struct sla_config sc;
	struct calendar cal;
	struct sla_categories cats;
	struct roster roster;
	struct grading_weights gw;
	struct grading grading;
	struct scorecard score;
	struct officer_dq odq;
	enum ckey_source cks;
	int *snaps;
	size_t nsnap, asnap;
	struct tally unknown_cat, unknown_officer, unknown_mv;
	long computed[SLA_MAX_LEVELS + 1];
	long feedback_unchecked; /* closures whose export has no satisfaction column */
	sqlite3_stmt *ins_sla, *ins_esc, *ins_viol;
	struct analytics_summary *sum;
	struct nk_case *k; /* the case being analysed (engine/casewalk.h's) */
	struct case_rules rules;
	char keybuf[40];
};

static const char *const detail_tables[] = {
	"sla_status", "escalation_events", "officer_scores", "rule_violations",
	"grading",    "officer_quality",   "data_quality"};
#define NDETAIL (sizeof(detail_tables) / sizeof(detail_tables[0]))

static void bind_texts(sqlite3_stmt *s, int first, const char *const *v, int n)
{
	for (int i = 0; i < n; i++)
		store_bind_text(s, first + i, v[i]);
}

static enum nk_err step_insert(struct actx *a, sqlite3_stmt *s, const char *what,
			       struct strbuf *err)
{
	int rc = sqlite3_step(s);
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return store_error(a->st, what, err);
	return NK_OK;
}

static const char *officer_name(struct actx *a, long oi, const struct nk_case *k,
				const char *officer)
{
	if (oi >= 0 && a->roster.o[oi].name)
		return a->roster.o[oi].name;
	if (officer && k->officer_now && !strcmp(officer, k->officer_now))
		return k->officer_name;
	return NULL;
}

static enum nk_err load_snapshots(struct actx *a, struct strbuf *err)
{
	sqlite3_stmt *s = store_prepare(a->st, "SELECT DISTINCT snapshot_date FROM ingest_files"
					       " WHERE kind = 'complaints' ORDER BY 1");
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		ALLOC_GROW(a->snaps, a->nsnap + 1, a->asnap);
		a->snaps[a->nsnap++] = store_column_day(s, 0);
	}
	sqlite3_finalize(s);
	return rc == SQLITE_DONE ? NK_OK
				 : store_error(a->st, "cannot read the ingested files", err);
}

static enum nk_err load_all(struct actx *a, struct strbuf *err)
{
	enum nk_err rc;
	long keep;
	if ((rc = sla_config_load(&a->sc, a->cfg, err)) ||
	    (rc = calendar_load(&a->cal, a->cfg, err)) ||
	    (rc = grading_weights_load(&a->gw, a->cfg, err)))
		return rc;
	if (config_int(a->cfg, "analytics", "keep_days", 40, &keep, err) || keep < 0) {
		if (keep < 0)
			strbuf_addf(err,
				    "configuration [analytics] keep_days = %ld: expected 0 or more",
				    keep);
		return NK_ECONFIG;
	}
	a->keep_days = (int)keep;
	if ((rc = sla_categories_load(&a->cats, a->st, err)) ||
	    (rc = roster_load(&a->roster, a->st, err)) || (rc = load_snapshots(a, err)))
		return rc;
	officer_dq_init(&a->odq, &a->roster);
	a->cks = ckey_detect(a->st);
	return NK_OK;
}

static void prepare_inserts(struct actx *a)
{
	a->ins_sla = store_prepare(
		a->st,
		"INSERT INTO sla_status (as_of, complaint_id, reg_date, status, level,"
		" officer_id, officer_name, department, category, sla_category, category_known,"
		" complainant, village, tehsil, level_start, sla_source, days_allowed, due_date,"
		" days_left, days_overdue, breached, age_days, age_bucket, pending_over_50,"
		" pending_over_100, no_action_to_top) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8,"
		" ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23,"
		" ?24, ?25, ?26)");
	a->ins_esc = store_prepare(
		a->st, "INSERT INTO escalation_events (as_of, complaint_id, event_date, from_level,"
		       " to_level, is_auto, charged_officer, charged_officer_name, to_officer,"
		       " department, category, village, source) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7,"
		       " ?8, ?9, ?10, ?11, ?12, ?13)");
	a->ins_viol = store_prepare(
		a->st,
		"INSERT INTO rule_violations (as_of, complaint_id, kind, event_date, level,"
		" officer_id, officer_name, department, category, village, source, detail_en,"
		" detail_hi) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)");
	store_bind_day(a->ins_sla, 1, a->as_of);
	store_bind_day(a->ins_esc, 1, a->as_of);
	store_bind_day(a->ins_viol, 1, a->as_of);
}

/* Per-complaint facts the writers share. */
struct facts {
	long cat; /* index of the category whose limits apply, -1 unknown */
	const char *department;
	long officer; /* roster index of the as-of officer, -1 none */
	const char *complainant;
	int level_start, due, days;
	enum level_source src;
};

static void compute_due(struct actx *a, const struct nk_case *k, struct facts *f)
{
	f->level_start = casefile_level_start(k, &f->src);
	if (f->level_start == DAY_NONE) {
		f->src = k->level <= 1 ? LS_REGISTRATION : LS_COMPUTED;
		f->level_start = sla_level_start_computed(&a->sc, &a->cats, &a->cal, f->cat,
							  k->reg_day, k->level);
	}
	f->days = sla_days(&a->sc, &a->cats, f->cat, k->level, NULL);
	f->due = calendar_add(&a->cal, f->level_start, f->days);
}

static enum nk_err write_sla(struct actx *a, const struct nk_case *k, const struct facts *f,
			     struct strbuf *err)
{
	sqlite3_stmt *s = a->ins_sla;
	int age = a->as_of - k->reg_day, left = f->due - a->as_of;
	int breached = a->as_of > f->due, top = escalation_no_action_to_top(k, &a->sc);
	const char *t1[] = {k->id};
	bind_texts(s, 2, t1, 1);
	store_bind_day(s, 3, k->reg_day);
	sqlite3_bind_text(s, 4, status_name(k->status), -1, SQLITE_STATIC);
	sqlite3_bind_int(s, 5, k->level);
	const char *t2[] = {k->officer, officer_name(a, f->officer, k, k->officer), f->department,
			    k->category, a->rules.sla_category};
	bind_texts(s, 6, t2, 5);
	sqlite3_bind_int(s, 11, f->cat >= 0);
	const char *t3[] = {k->name, k->village, k->tehsil};
	bind_texts(s, 12, t3, 3);
	store_bind_day(s, 15, f->level_start);
	sqlite3_bind_text(s, 16, casefile_source_name(f->src), -1, SQLITE_STATIC);
	sqlite3_bind_int(s, 17, f->days);
	store_bind_day(s, 18, f->due);
	sqlite3_bind_int(s, 19, left);
	sqlite3_bind_int(s, 20, breached ? -left : 0);
	sqlite3_bind_int(s, 21, breached);
	sqlite3_bind_int(s, 22, age);
	sqlite3_bind_text(s, 23, sla_age_bucket(age), -1, SQLITE_STATIC);
	sqlite3_bind_int(s, 24, age > 50);
	sqlite3_bind_int(s, 25, age > 100);
	sqlite3_bind_int(s, 26, top);
	struct analytics_summary *u = a->sum;
	u->open++;
	u->breached += breached;
	u->pending_50 += age > 50;
	u->pending_100 += age > 100;
	u->no_action_to_top += top;
	if (f->officer >= 0) {
		struct officer_score *o = scorecard_at(&a->score, f->officer);
		o->pending++;
		o->breached += breached;
	}
	if (f->src == LS_COMPUTED)
		a->computed[k->level < SLA_MAX_LEVELS ? k->level : SLA_MAX_LEVELS]++;
	return step_insert(a, s, "cannot store an SLA row", err);
}

static enum nk_err write_escalations(struct actx *a, const struct nk_case *k, const struct facts *f,
				     struct strbuf *err)
{
	struct escalation ev[32];
	size_t n =
		escalation_events(k, &a->sc, a->period_start, a->as_of, a->snaps, a->nsnap, ev, 32);
	enum nk_err rc = NK_OK;
	sqlite3_stmt *s = a->ins_esc;
	for (size_t i = 0; i < n && !rc; i++) {
		long oi = roster_ref(&a->roster, ev[i].charged_officer);
		if (oi >= 0) {
			struct officer_score *o = scorecard_at(&a->score, oi);
			o->escalated++;
			o->escalated_auto += ev[i].is_auto;
		}
		a->sum->escalated_period++;
		a->sum->escalated_today += ev[i].day == a->as_of;
		sqlite3_bind_text(s, 2, k->id, -1, SQLITE_STATIC);
		store_bind_day(s, 3, ev[i].day);
		sqlite3_bind_int(s, 4, ev[i].from_level);
		sqlite3_bind_int(s, 5, ev[i].to_level);
		sqlite3_bind_int(s, 6, ev[i].is_auto);
		const char *t[] = {
			ev[i].charged_officer, officer_name(a, oi, k, ev[i].charged_officer),
			ev[i].to_officer,      f->department,
			k->category,           k->village,
			ev[i].source};
		bind_texts(s, 7, t, 7);
		rc = step_insert(a, s, "cannot store an escalation", err);
	}
	return rc;
}

static int in_period(const struct actx *a, int day)
{
	return day != DAY_NONE && day >= a->period_start && day <= a->as_of;
}

static enum nk_err write_violations(struct actx *a, const struct nk_case *k, const struct facts *f,
				    struct strbuf *err)
{
	const struct case_rules *r = &a->rules;
	for (size_t i = 0; i < r->ncc; i++) {
		long oi = roster_ref(&a->roster, r->cc[i].officer);
		if (oi < 0 || !in_period(a, r->cc[i].day))
			continue;
		struct officer_score *o = scorecard_at(&a->score, oi);
		o->category_changes++;
		o->category_violations += r->cc[i].late || r->cc[i].not_l1;
	}
	for (size_t i = 0; i < r->noj; i++) {
		long oi = roster_ref(&a->roster, r->oj[i].officer);
		if (oi < 0 || !in_period(a, r->oj[i].day))
			continue;
		struct officer_score *o = scorecard_at(&a->score, oi);
		o->oj_marks++;
		o->oj_violations += r->oj[i].below || r->oj[i].back_to_same;
	}
	sqlite3_stmt *s = a->ins_viol;
	enum nk_err rc = NK_OK;
	for (size_t i = 0; i < r->nv && !rc; i++) {
		const struct violation *v = &r->v[i];
		long oi = roster_ref(&a->roster, v->officer);
		a->sum->violations++;
		a->sum->violations_by_kind[v->kind]++;
		sqlite3_bind_text(s, 2, k->id, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 3, violation_kind_name(v->kind), -1, SQLITE_STATIC);
		store_bind_day(s, 4, v->day);
		if (v->level > 0)
			sqlite3_bind_int(s, 5, v->level);
		else
			sqlite3_bind_null(s, 5);
		const char *t[] = {v->officer,    officer_name(a, oi, k, v->officer),
				   f->department, k->category,
				   k->village,    v->source,
				   v->detail_en,  v->detail_hi};
		bind_texts(s, 6, t, 8);
		rc = step_insert(a, s, "cannot store a rule violation", err);
	}
	return rc;
}

static void note_disposal(struct actx *a, const struct nk_case *k, const struct facts *f)
{
	if (k->closed == DAY_NONE || !in_period(a, k->closed) || f->officer < 0)
		return;
	struct officer_score *o = scorecard_at(&a->score, f->officer);
	o->disposed++;
	o->disposed_in_time += k->closed <= f->due;
	o->closed_satisfied += k->status == ST_CLOSED_SATISFIED;
	o->closed_low_quality += k->status == ST_CLOSED_LOW_QUALITY;
	if (k->status == ST_FORCE_CLOSED || k->status == ST_SPECIAL_CLOSED)
		scorecard_note_close(&a->score, f->officer, f->complainant, k->category, k->closed);
}

static void note_grading(struct actx *a, const struct nk_case *k, const struct facts *f)
{
	unsigned fl = 0;
	if (k->reg_day >= a->period_start) {
		fl |= G_IN_M;
		fl |= k->status == ST_CLOSED_SATISFIED ? G_SAT : 0;
		fl |= k->status == ST_CLOSED_LOW_QUALITY ? G_LOW : 0;
		fl |= k->status == ST_NON_ATTENDED ? G_NON : 0;
	}
	if (a->as_of - k->reg_day > a->gw.pending_days &&
	    (k->closed == DAY_NONE || k->closed >= a->period_start)) {
		fl |= G_IN_O;
		fl |= k->status == ST_CLOSED_SATISFIED && in_period(a, k->closed) ? G_SAT_PERIOD
										  : 0;
	}
	if (fl)
		grading_add(&a->grading, f->department, f->complainant, k->reg_day, fl);
}

static enum nk_err process_case(struct actx *a, struct strbuf *err)
{
	struct nk_case *k = a->k;
	struct facts f;
	casefile_rewind(k, a->as_of);
	violations_check(k, &a->sc, a->snaps, a->nsnap, &a->rules);
	a->feedback_unchecked += a->rules.feedback_unchecked;
	a->sum->complaints++;
	f.cat = strmap_get(&a->cats.names, a->rules.sla_category);
	if (k->category && strmap_get(&a->cats.names, k->category) < 0)
		tally_add(&a->unknown_cat, k->category, k->id);
	f.department = k->department ? k->department
		       : f.cat >= 0  ? a->cats.department[f.cat]
				     : NULL;
	f.officer = roster_ref(&a->roster, k->officer);
	if (f.officer >= 0 && !a->roster.o[f.officer].in_master)
		tally_add(&a->unknown_officer, k->officer, k->id);
	char mobile10[11];
	roster_mobile10(k->mobile, mobile10);
	officer_dq_note_complaint(&a->odq, mobile10[0] ? mobile10 : NULL, k->id);
	f.complainant = ckey_key(a->cks, k->complainant, mobile10[0] ? mobile10 : NULL, a->keybuf,
				 sizeof(a->keybuf));
	/* a repeat follows a close in the period, so only later filings matter */
	if (k->reg_day >= a->period_start)
		scorecard_note_filing(&a->score, f.complainant, k->category, k->reg_day);
	compute_due(a, k, &f);
	enum nk_err rc = NK_OK;
	if (status_is_open(k->status))
		rc = write_sla(a, k, &f, err);
	note_disposal(a, k, &f);
	note_grading(a, k, &f);
	if (!rc)
		rc = write_escalations(a, k, &f, err);
	if (!rc)
		rc = write_violations(a, k, &f, err);
	return rc;
}

/* A movement of no complaint known, from the walk's reading side. */
static void unknown_move(void *arg, const char *complaint_id)
{
	struct actx *a = arg;
	tally_add(&a->unknown_mv, complaint_id, NULL);
}

static enum nk_err walk(struct actx *a, struct strbuf *err)
{
	struct strbuf sql = STRBUF_INIT;
	strbuf_addf(
		&sql,
		"SELECT c.complaint_id, c.reg_date, c.level, c.status, c.v_category, c.v_department,"
		" c.officer_id, c.v_officer_name, c.level_since, c.closed_date, c.v_satisfaction,"
		" c.v_prev_category, c.category_changed, c.oj_date, c.oj_level, c.oj_officer,"
		" coalesce(c.mobile_raw, c.mobile), c.v_village, c.v_tehsil,"
		" coalesce(c.name_display, c.name_raw), c.merged_into,"
		" c.file_id IN (SELECT id FROM ingest_files WHERE instr(fields, ' satisfaction ') = 0),"
		" %s"
		" FROM complaint_rows c%s ORDER BY c.complaint_id",
		ckey_select_sql(a->cks), ckey_join_sql(a->cks));
	/* a->unknown_mv is the reading side's until casewalk_finish */
	struct casewalk *w = casewalk_start(a->st, sql.buf, unknown_move, a);
	strbuf_release(&sql);
	enum nk_err rc = NK_OK;
	int merged;
	while (!rc && (a->k = casewalk_next(w, &merged)))
		if (!merged && a->k->reg_day <= a->as_of)
			rc = process_case(a, err);
	enum nk_err read = casewalk_finish(w, err);
	a->k = NULL;
	return rc ? rc : read;
}

static enum nk_err write_grading(struct actx *a, struct strbuf *err)
{
	struct grade_row *r;
	const char *district = config_str(a->cfg, "district", "name", "District");
	size_t n = grading_finish(&a->grading, &a->gw, district, &r);
	sqlite3_stmt *s = store_prepare(
		a->st,
		"INSERT INTO grading (as_of, period_start, scope, name, received, satisfied,"
		" low_quality, non_attended, old_pending, old_satisfied, capped_out,"
		" pts_satisfied, pts_pending50, pts_low_quality, pts_non_attended, total, grade)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16,"
		" ?17)");
	enum nk_err rc = NK_OK;
	for (size_t i = 0; i < n && !rc; i++) {
		store_bind_day(s, 1, a->as_of);
		store_bind_day(s, 2, a->period_start);
		sqlite3_bind_text(s, 3, r[i].scope, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 4, r[i].name, -1, SQLITE_STATIC);
		long v[] = {r[i].received,     r[i].satisfied,   r[i].low_quality,
			    r[i].non_attended, r[i].old_pending, r[i].old_satisfied,
			    r[i].capped_out};
		for (int j = 0; j < 7; j++)
			sqlite3_bind_int64(s, 5 + j, v[j]);
		double p[] = {r[i].pts_satisfied, r[i].pts_pending50, r[i].pts_low_quality,
			      r[i].pts_non_attended, r[i].total};
		for (int j = 0; j < 5; j++)
			sqlite3_bind_double(s, 12 + j, p[j]);
		sqlite3_bind_text(s, 17, r[i].grade, -1, SQLITE_STATIC);
		rc = step_insert(a, s, "cannot store the grading", err);
	}
	a->sum->grading_rows = (long)n;
	a->sum->district_total = r[0].total;
	memcpy(a->sum->district_grade, r[0].grade, 2);
	sqlite3_finalize(s);
	free(r);
	return rc;
}

static void bind_rate(sqlite3_stmt *s, int i, long num, long den)
{
	if (den > 0)
		sqlite3_bind_double(s, i, (double)num / (double)den);
	else
		sqlite3_bind_null(s, i);
}

static enum nk_err write_scores(struct actx *a, struct strbuf *err)
{
	scorecard_finish(&a->score);
	if (a->roster.ids.n) /* every officer gets a row, with or without counts */
		scorecard_at(&a->score, (long)a->roster.ids.n - 1);
	sqlite3_stmt *s = store_prepare(
		a->st, "INSERT INTO officer_scores VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10,"
		       " ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23)");
	enum nk_err rc = NK_OK;
	for (size_t i = 0; i < a->roster.ids.n && !rc; i++) {
		const struct officer *o = &a->roster.o[i];
		const struct officer_score *c = &a->score.s[i];
		store_bind_day(s, 1, a->as_of);
		const char *t[] = {o->id, o->name, o->designation};
		bind_texts(s, 2, t, 3);
		if (o->level)
			sqlite3_bind_int(s, 5, o->level);
		else
			sqlite3_bind_null(s, 5);
		store_bind_text(s, 6, o->department);
		sqlite3_bind_int(s, 7, o->in_master);
		long v[] = {c->pending,          c->breached,  c->disposed,
			    c->disposed_in_time, c->escalated, c->escalated_auto};
		for (int j = 0; j < 6; j++)
			sqlite3_bind_int64(s, 8 + j, v[j]);
		bind_rate(s, 14, c->escalated, c->pending + c->disposed + c->escalated);
		long w[] = {c->category_changes, c->category_violations, c->oj_marks,
			    c->oj_violations,    c->closed_satisfied,    c->closed_low_quality};
		for (int j = 0; j < 6; j++)
			sqlite3_bind_int64(s, 15 + j, w[j]);
		bind_rate(s, 21, c->closed_satisfied, c->closed_satisfied + c->closed_low_quality);
		sqlite3_bind_int64(s, 22, c->force_special);
		sqlite3_bind_int64(s, 23, c->repeat_after_close);
		rc = step_insert(a, s, "cannot store an officer's scores", err);
	}
	a->sum->officers = (long)a->roster.ids.n;
	sqlite3_finalize(s);
	return rc;
}

static enum nk_err write_officer_quality(struct actx *a, struct strbuf *err)
{
	struct officer_finding *f;
	size_t n = officer_dq_findings(&a->odq, &f);
	sqlite3_stmt *s = store_prepare(a->st, "INSERT INTO officer_quality VALUES (?1, ?2, ?3,"
					       " ?4, ?5, ?6, ?7, ?8, ?9)");
	enum nk_err rc = NK_OK;
	for (size_t i = 0; i < n && !rc; i++) {
		const struct officer *o = &a->roster.o[f[i].officer];
		store_bind_day(s, 1, a->as_of);
		const char *t[] = {o->id, o->name, o->department};
		bind_texts(s, 2, t, 3);
		sqlite3_bind_int(s, 5, o->level);
		store_bind_text(s, 6, o->mobile_raw);
		const char *u[] = {f[i].problem, f[i].detail_en, f[i].detail_hi};
		bind_texts(s, 7, u, 3);
		rc = step_insert(a, s, "cannot store an officer finding", err);
	}
	a->sum->officer_problems = (long)n;
	sqlite3_finalize(s);
	free(f);
	return rc;
}

static enum nk_err dq_row(struct actx *a, sqlite3_stmt *s, const char *kind, const char *subject,
			  long count, const char *en, const char *hi, struct strbuf *err)
{
	store_bind_day(s, 1, a->as_of);
	const char *t[] = {kind, subject};
	bind_texts(s, 2, t, 2);
	sqlite3_bind_int64(s, 4, count);
	const char *u[] = {en, hi};
	bind_texts(s, 5, u, 2);
	a->sum->data_quality_rows++;
	return step_insert(a, s, "cannot store a data-quality finding", err);
}

static enum nk_err dq_tally(struct actx *a, sqlite3_stmt *s, const struct tally *t,
			    const char *kind, const char *en_fmt, const char *hi_fmt,
			    struct strbuf *err)
{
	enum nk_err rc = NK_OK;
	char en[400], hi[500];
	for (size_t i = 0; i < t->m.n && !rc; i++) {
		const char *ex = t->first[i] ? t->first[i] : "";
		xsnprintf(en, sizeof(en), en_fmt, t->count[i], ex);
		xsnprintf(hi, sizeof(hi), hi_fmt, t->count[i], ex);
		rc = dq_row(a, s, kind, t->m.key[i], t->count[i], en, hi, err);
	}
	return rc;
}

/*
 * What the keys computed at load found wrong with a complaint's own fields:
 * a name typed in a legacy Devanagari font (Kruti Dev's Latin letters, which
 * must not be matched as English) and a mobile that Excel turned into
 * 9.88E+09 (digits lost). One row per complaint, for the clerk to correct.
 */
static enum nk_err dq_keys(struct actx *a, sqlite3_stmt *ins, struct strbuf *err)
{
	/* The WHERE terms are those of the partial indexes of schema v4, word
	 * for word, so SQLite reads the few such rows, not the whole table. */
	_Static_assert(NAME_LEGACY_FONT == 2, "the partial index tests name_flags & 2");
	static const char sql[] =
		"SELECT 'legacy_font_name', complaint_id, name_raw FROM complaints"
		" WHERE name_flags & 2 AND reg_date <= ?1 AND merged_into IS NULL"
		" UNION ALL SELECT 'damaged_mobile', complaint_id, mobile_raw FROM complaints"
		" WHERE mobile_kind = 'damaged' AND reg_date <= ?1 AND merged_into IS NULL"
		" ORDER BY 1, 2";
	sqlite3_stmt *q = store_prepare(a->st, sql);
	enum nk_err rc = NK_OK;
	char en[400], hi[500];
	store_bind_day(q, 1, a->as_of);
	while (!rc && sqlite3_step(q) == SQLITE_ROW) {
		const char *kind = (const char *)sqlite3_column_text(q, 0);
		const char *value = (const char *)sqlite3_column_text(q, 2);
		int legacy = !strcmp(kind, "legacy_font_name");
		xsnprintf(
			en, sizeof(en),
			legacy ? "the name \"%s\" is in a legacy Devanagari font "
				 "(Kruti Dev); retype it in Unicode Hindi"
			       : "the mobile \"%s\" was turned into a number by Excel and lost its digits; "
				 "type the number again",
			value ? value : "");
		xsnprintf(hi, sizeof(hi),
			  legacy ? "नाम \"%s\" पुराने फ़ॉन्ट (कृतिदेव) में है; यूनिकोड हिंदी "
				   "में दोबारा लिखें"
				 : "मोबाइल \"%s\" को एक्सेल ने संख्या बना दिया, अंक खो गए; नंबर "
				   "दोबारा डालें",
			  value ? value : "");
		rc = dq_row(a, ins, kind, (const char *)sqlite3_column_text(q, 1), 1, en, hi, err);
	}
	sqlite3_finalize(q);
	return rc;
}

/*
 * One finding for the rule the exports' columns kept from being judged
 * (instead of a violation on every closure): the satisfaction column.
 */
static enum nk_err dq_missing_columns(struct actx *a, sqlite3_stmt *ins, struct strbuf *err)
{
	if (!a->feedback_unchecked)
		return NK_OK;
	sqlite3_stmt *q = store_prepare(
		a->st, "SELECT path FROM ingest_files WHERE kind = 'complaints'"
		       " AND instr(fields, ' satisfaction ') = 0 ORDER BY id DESC LIMIT 1");
	const char *path =
		sqlite3_step(q) == SQLITE_ROW ? (const char *)sqlite3_column_text(q, 0) : NULL;
	const char *base = path && strrchr(path, '/') ? strrchr(path, '/') + 1 : path ? path : "";
	char en[600], hi[700];
	xsnprintf(en, sizeof(en),
		  "the export %s has no satisfaction column: whether the complainant's feedback "
		  "was taken before closing could not be checked for %ld closed complaint(s); "
		  "export the column to have them checked",
		  base, a->feedback_unchecked);
	xsnprintf(hi, sizeof(hi),
		  "निर्यात फ़ाइल %s में संतुष्टि का कॉलम नहीं है: %ld बंद शिकायत(ों) में यह जाँचा नहीं जा "
		  "सका कि बंद करने से पहले शिकायतकर्ता की संतुष्टि ली गई; जाँच के लिए यह कॉलम "
		  "निर्यात में शामिल करें",
		  base, a->feedback_unchecked);
	enum nk_err rc = dq_row(a, ins, "missing_column", "satisfaction", a->feedback_unchecked, en,
				hi, err);
	sqlite3_finalize(q);
	return rc;
}

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
static enum nk_err write_data_quality(struct actx *a, struct strbuf *err)
{
	sqlite3_stmt *s = store_prepare(a->st, "INSERT INTO data_quality VALUES (?1, ?2, ?3, ?4,"
					       " ?5, ?6)");
	char en[400], hi[500];
	enum nk_err rc = dq_tally(
		a, s, &a->unknown_cat, "unknown_category",
		"used by %ld complaint(s), e.g. %s, but not in the categories master: the default "
		"time limits ([sla] default_days) were used",
		"%ld शिकायत(ों) में प्रयुक्त, जैसे %s, पर प्रारूप सूची में नहीं: डिफ़ॉल्ट समय-सीमा ली गई", err);
	if (!rc)
		rc = dq_tally(a, s, &a->unknown_officer, "unknown_officer",
			      "holds %ld complaint(s), e.g. %s, but is not in the officers master",
			      "%ld शिकायत(ें) इनके पास, जैसे %s, पर अधिकारी सूची में नहीं", err);
	if (!rc)
		rc = dq_tally(a, s, &a->unknown_mv, "movement_unknown_complaint",
			      "%ld movement log row(s) for a complaint not in the database%s",
			      "%ld कार्यवाही पंक्ति(याँ) ऐसी शिकायत की जो डेटाबेस में नहीं%s", err);
	for (int l = 1; l <= SLA_MAX_LEVELS && !rc; l++) {
		if (!a->computed[l])
			continue;
		char subject[8];
		xsnprintf(subject, sizeof(subject), "L%d", l);
		xsnprintf(
			en, sizeof(en),
			"%ld open complaint(s) at L%d with no date for reaching the "
			"level (export, movement log or snapshots): taken as registration plus the "
			"time limits of the levels below",
			a->computed[l], l);
		xsnprintf(hi, sizeof(hi),
			  "L%d पर %ld लंबित शिकायत(ों) में स्तर पर पहुँचने की तिथि नहीं: "
			  "पंजीयन + निचले स्तरों की समय-सीमा मानी गई",
			  l, a->computed[l]);
		rc = dq_row(a, s, "level_start_computed", subject, a->computed[l], en, hi, err);
	}
	if (!rc)
		rc = dq_missing_columns(a, s, err);
	if (!rc)
		rc = dq_keys(a, s, err);
	a->sum->unknown_categories = (long)a->unknown_cat.m.n;
	sqlite3_finalize(s);
	return rc;
}
#pragma GCC diagnostic pop

static enum nk_err write_summary(struct actx *a, struct strbuf *err)
{
	const struct analytics_summary *u = a->sum;
	sqlite3_stmt *s = store_prepare(
		a->st, "INSERT OR REPLACE INTO nightly_summary VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7,"
		       " ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, datetime('now', 'localtime'))");
	store_bind_day(s, 1, a->as_of);
	if (a->run_id)
		sqlite3_bind_int64(s, 2, a->run_id);
	long v[] = {u->open,
		    u->breached,
		    u->escalated_today,
		    u->escalated_period,
		    u->pending_50,
		    u->pending_100,
		    u->no_action_to_top,
		    u->violations,
		    u->unknown_categories,
		    u->officer_problems};
	for (int i = 0; i < 10; i++)
		sqlite3_bind_int64(s, 3 + i, v[i]);
	sqlite3_bind_double(s, 13, u->district_total);
	sqlite3_bind_text(s, 14, u->district_grade, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 15, a->cal.working ? "working days" : "calendar days", -1,
			  SQLITE_STATIC);
	sqlite3_bind_text(s, 16, u->complainant_key, -1, SQLITE_STATIC);
	enum nk_err rc = step_insert(a, s, "cannot store the nightly summary", err);
	sqlite3_finalize(s);
	return rc;
}

/* Deletes this night's rows (a recomputation) and detail rows past keep_days. */
static enum nk_err clear_night(struct actx *a, struct strbuf *err)
{
	enum nk_err rc = NK_OK;
	char day[11], oldest[11];
	date_format(a->as_of, day);
	date_format(a->as_of - a->keep_days, oldest);
	for (size_t i = 0; i < NDETAIL && !rc; i++) {
		struct strbuf sql = STRBUF_INIT;
		strbuf_addf(&sql, "DELETE FROM %s WHERE as_of = '%s'", detail_tables[i], day);
		if (a->keep_days)
			strbuf_addf(&sql, " OR as_of < '%s'", oldest);
		rc = store_exec(a->st, sql.buf, err);
		strbuf_release(&sql);
	}
	return rc;
}

static int month_start(int day)
{
	int y, m, d;
	date_to_ymd(day, &y, &m, &d);
	return date_from_ymd(y, m, 1);
}

static void actx_init(struct actx *a, struct store *st, const struct config *cfg, int as_of,
		      int64_t run_id, struct analytics_summary *out)
{
	memset(a, 0, sizeof(*a));
	memset(out, 0, sizeof(*out));
	a->st = st;
	a->cfg = cfg;
	a->as_of = out->as_of = as_of;
	a->period_start = out->period_start = month_start(as_of);
	a->run_id = run_id;
	a->sum = out;
	calendar_init(&a->cal);
	sla_categories_init(&a->cats);
	roster_init(&a->roster);
	grading_init(&a->grading);
	scorecard_init(&a->score);
	tally_init(&a->unknown_cat);
	tally_init(&a->unknown_officer);
	tally_init(&a->unknown_mv);
}

static void actx_release(struct actx *a)
{
	sqlite3_finalize(a->ins_sla);
	sqlite3_finalize(a->ins_esc);
	sqlite3_finalize(a->ins_viol);
	calendar_release(&a->cal);
	sla_categories_release(&a->cats);
	officer_dq_release(&a->odq);
	roster_release(&a->roster);
	grading_release(&a->grading);
	scorecard_release(&a->score);
	tally_release(&a->unknown_cat);
	tally_release(&a->unknown_officer);
	tally_release(&a->unknown_mv);
	free(a->snaps);
}

enum nk_err analytics_run(struct store *st, const struct config *cfg, int as_of, int64_t run_id,
			  struct analytics_summary *out, struct strbuf *err)
{
	struct actx a;
	double t0 = now_seconds();
	actx_init(&a, st, cfg, as_of, run_id, out);
	enum nk_err rc = load_all(&a, err);
	out->complainant_key = ckey_source_name(a.cks);
	if (!rc)
		rc = store_begin(st, err);
	if (rc) {
		actx_release(&a);
		return rc;
	}
	prepare_inserts(&a);
	rc = clear_night(&a, err);
	if (!rc)
		rc = walk(&a, err);
	if (!rc)
		rc = write_grading(&a, err);
	if (!rc)
		rc = write_scores(&a, err);
	if (!rc)
		rc = write_officer_quality(&a, err);
	if (!rc)
		rc = write_data_quality(&a, err);
	if (!rc)
		rc = write_summary(&a, err);
	/* the reports read the night's rows while they are checkpointed */
	if (!rc)
		rc = store_commit_behind(st, err);
	else
		store_rollback(st);
	actx_release(&a);
	out->seconds = now_seconds() - t0;
	return rc;
}
