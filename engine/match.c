/* match.c - the nightly duplicate search, from store to proposals. */
#include "engine/match.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifdef _OPENMP
#include <omp.h>
#endif

#include "engine/cluster.h"
#include "engine/date.h"
#include "engine/complainant.h"
#include "engine/explain.h"
#include "engine/matchset.h"
#include "engine/score.h"

/* What scoring keeps of a candidate pair: enough to cluster and count. */
struct verdict {
	float weight;
	unsigned char guard, rule;
};

/* One proposal row: a member, its group's primary, their evidence. */
struct prow {
	uint32_t member, primary;
	int64_t gid;
	const char *review_reason; /* NULL, "weak" or "chain" */
	struct evidence ev;
};

struct run {
	struct store *st;
	const struct config *cfg;
	struct score_params p;
	struct mset set;
	int64_t last_run;          /* 0 when none */
	int changed_only;
	uint8_t *mobile_shared;
	struct pair_list pairs;
	struct verdict *verdicts;
	uint64_t *cannot;          /* rejected pairs still current, sorted */
	size_t ncannot, cannot_alloc;
	struct edge *edges;
	size_t nedges, edges_alloc;
	char **stored_person;      /* complainant id stored per record, or NULL */
	struct clustering cl;
	struct prow *rows;
	size_t nrows;
	uint32_t *person;
	struct match_summary *sum;
};

static int64_t query_int(struct store *st, const char *sql)
{
	sqlite3_stmt *s = store_prepare(st, sql);
	int64_t v = sqlite3_step(s) == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
	sqlite3_finalize(s);
	return v;
}

/* Marks records new or changed since the last run; keeps stored person ids. */
static void mark_changed(struct run *R)
{
	struct mset *set = &R->set;
	R->stored_person = xcalloc(set->n + 1, sizeof(char *));
	sqlite3_stmt *s = store_prepare(R->st, "SELECT complaint_id, fp, complainant_id"
					       " FROM complainants");
	for (uint32_t i = 0; i < set->n; i++)
		set->r[i].changed = 1;
	while (sqlite3_step(s) == SQLITE_ROW) {
		long i = mset_find(set, (const char *)sqlite3_column_text(s, 0));
		if (i < 0)
			continue;
		const char *fp = (const char *)sqlite3_column_text(s, 1);
		set->r[i].stored = strtoull(fp ? fp : "", NULL, 16) == set->r[i].fp;
		set->r[i].changed = !set->r[i].stored;
		R->stored_person[i] = arena_strdup(&set->arena,
						   (const char *)sqlite3_column_text(s, 2));
	}
	sqlite3_finalize(s);
	if (!R->changed_only)
		for (uint32_t i = 0; i < set->n; i++)
			set->r[i].changed = 1;
	for (uint32_t i = 0; i < set->n; i++)
		R->sum->changed += set->r[i].changed;
}

static uint64_t pack(uint32_t a, uint32_t b)
{
	return a < b ? ((uint64_t)a << 32 | b) : ((uint64_t)b << 32 | a);
}

/* Rejected pairs whose latest decision still holds (neither side changed). */
static void load_rejections(struct run *R)
{
	sqlite3_stmt *s = store_prepare(
		R->st, "SELECT a, b, fp_a, fp_b FROM pair_decisions d WHERE decision = 'reject'"
		       " AND id = (SELECT max(id) FROM pair_decisions e WHERE e.a = d.a AND e.b = d.b)");
	while (sqlite3_step(s) == SQLITE_ROW) {
		long a = mset_find(&R->set, (const char *)sqlite3_column_text(s, 0));
		long b = mset_find(&R->set, (const char *)sqlite3_column_text(s, 1));
		if (a < 0 || b < 0)
			continue;
		char fa[17], fb[17];
		mset_fp_hex(R->set.r[a].fp, fa);
		mset_fp_hex(R->set.r[b].fp, fb);
		if (strcmp(fa, (const char *)sqlite3_column_text(s, 2)) ||
		    strcmp(fb, (const char *)sqlite3_column_text(s, 3)))
			continue;
		ALLOC_GROW(R->cannot, R->ncannot + 1, R->cannot_alloc);
		R->cannot[R->ncannot++] = pack((uint32_t)a, (uint32_t)b);
	}
	sqlite3_finalize(s);
	uint64_t *tmp = xmalloc((R->ncannot + 1) * sizeof(uint64_t));
	block_sort_u64(R->cannot, tmp, R->ncannot);
	free(tmp);
	R->sum->rejected_pairs = (long)R->ncannot;
}

static int is_rejected(const struct run *R, uint64_t key)
{
	size_t lo = 0, hi = R->ncannot;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (R->cannot[mid] < key)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < R->ncannot && R->cannot[lo] == key;
}

/* Scores every candidate pair in parallel into R->verdicts[i]. */
static void score_all(struct run *R)
{
	size_t n = R->pairs.n;
	R->verdicts = xmalloc((n + 1) * sizeof(*R->verdicts));
#pragma omp parallel
	{
		struct score_scratch *sc = score_scratch_new();
		struct evidence ev;
#pragma omp for schedule(dynamic, 1024)
		for (size_t i = 0; i < n; i++) {
			uint32_t a = (uint32_t)(R->pairs.v[i] >> 32), b = (uint32_t)R->pairs.v[i];
			score_verdict(&R->set, a, b, &R->p, R->mobile_shared[a], sc, &ev);
			if (ev.guard == G_NONE && R->ncannot && is_rejected(R, R->pairs.v[i]))
				ev.guard = G_REJECTED, ev.rule = RULE_NONE;
			R->verdicts[i] = (struct verdict){(float)ev.weight, ev.guard, ev.rule};
		}
		score_scratch_free(sc);
	}
}

static void add_edge(struct run *R, uint32_t a, uint32_t b, double w, int rule)
{
	ALLOC_GROW(R->edges, R->nedges + 1, R->edges_alloc);
	R->edges[R->nedges++] = (struct edge){a < b ? a : b, a < b ? b : a, w, rule};
}

static int rule_from_name(const char *s)
{
	return s && s[0] == 'R' && s[1] >= '1' && s[1] <= '3' ? s[1] - '0' : RULE_NONE;
}

/* Accepted pairs: those scored now, and (increment) those standing. */
static void collect_edges(struct run *R)
{
	for (size_t i = 0; i < R->pairs.n; i++) {
		const struct verdict *v = &R->verdicts[i];
		R->sum->refused[v->guard]++;
		if (v->guard == G_NONE)
			add_edge(R, (uint32_t)(R->pairs.v[i] >> 32), (uint32_t)R->pairs.v[i],
				 v->weight, v->rule);
	}
	R->sum->refused[G_NONE] = 0;
	R->sum->accepted_pairs = (long)R->nedges;
	if (!R->changed_only)
		return;
	sqlite3_stmt *s = store_prepare(R->st, "SELECT a, b, weight, rule FROM match_pairs"
					       " ORDER BY a, b");
	while (sqlite3_step(s) == SQLITE_ROW) {
		long a = mset_find(&R->set, (const char *)sqlite3_column_text(s, 0));
		long b = mset_find(&R->set, (const char *)sqlite3_column_text(s, 1));
		if (a < 0 || b < 0 || R->set.r[a].changed || R->set.r[b].changed ||
		    is_rejected(R, pack((uint32_t)a, (uint32_t)b)))
			continue;
		add_edge(R, (uint32_t)a, (uint32_t)b, sqlite3_column_double(s, 2),
			 rule_from_name((const char *)sqlite3_column_text(s, 3)));
		R->sum->standing_pairs++;
	}
	sqlite3_finalize(s);
}

/* Group ids of the last run, per record (-1 none), and the next new id. */
static int64_t *previous_groups(struct run *R, int64_t *next_gid)
{
	int64_t *prev = xmalloc((R->set.n + 1) * sizeof(int64_t));
	for (uint32_t i = 0; i < R->set.n; i++)
		prev[i] = -1;
	*next_gid = query_int(R->st, "SELECT coalesce(max(group_id), 0) + 1 FROM proposals");
	sqlite3_stmt *s = store_prepare(R->st, "SELECT complaint_id, group_id FROM proposals"
					       " WHERE run_id = ?1 UNION ALL"
					       " SELECT primary_id, group_id FROM proposals"
					       " WHERE run_id = ?1");
	sqlite3_bind_int64(s, 1, R->last_run);
	while (sqlite3_step(s) == SQLITE_ROW) {
		long i = mset_find(&R->set, (const char *)sqlite3_column_text(s, 0));
		if (i >= 0)
			prev[i] = sqlite3_column_int64(s, 1);
	}
	sqlite3_finalize(s);
	return prev;
}

/* The rule two complaints meet, ignoring the guards (for chain members). */
static int plain_rule(const struct evidence *ev)
{
	if (ev->name == NL_EXACT)
		return ev->mobile == ML_EQUAL ? RULE_R1 : RULE_R2;
	return RULE_R3;
}

/* Scores each member against its primary: a group whose members do not
 * all link to the primary is a chain and goes to review. */
static void build_rows(struct run *R)
{
	struct clustering *c = &R->cl;
	R->nrows = c->nm - c->ng;
	R->rows = xcalloc(R->nrows + 1, sizeof(*R->rows));
	size_t k = 0;
	for (size_t g = 0; g < c->ng; g++) {
		const struct group *gr = &c->g[g];
		for (uint32_t i = 1; i < gr->n; i++, k++) {
			R->rows[k].member = c->members[gr->off + i];
			R->rows[k].primary = c->members[gr->off];
			R->rows[k].gid = gr->gid;
		}
	}
#pragma omp parallel
	{
		struct score_scratch *sc = score_scratch_new();
#pragma omp for schedule(dynamic, 64)
		for (size_t i = 0; i < R->nrows; i++) {
			struct prow *r = &R->rows[i];
			score_pair(&R->set, r->primary, r->member, &R->p,
				   R->mobile_shared[r->member], sc, &r->ev);
		}
		score_scratch_free(sc);
	}
	k = 0;
	for (size_t g = 0; g < c->ng; g++) {
		struct group *gr = &c->g[g];
		for (uint32_t i = 1; i < gr->n; i++)
			if (R->rows[k + i - 1].ev.guard != G_NONE)
				gr->review = 1;
		for (uint32_t i = 1; i < gr->n; i++, k++) {
			struct prow *r = &R->rows[k];
			if (r->ev.rule == RULE_NONE)
				r->ev.rule = (unsigned char)plain_rule(&r->ev);
			if (gr->review)
				r->review_reason = "chain";
			else if (r->ev.weight < R->p.high_weight)
				r->review_reason = "weak";
		}
		R->sum->review_groups += gr->review;
	}
	R->sum->groups = (long)c->ng;
	R->sum->proposals = (long)R->nrows;
}

static enum nk_err insert_run(struct run *R, int as_of, double started, int64_t *id,
			      struct strbuf *err)
{
	sqlite3_stmt *s = store_prepare(
		R->st, "INSERT INTO match_runs (as_of, started_at, finished_at, mode, threads,"
		       " complaints, changed, candidate_pairs, accepted_pairs, groups, proposals,"
		       " review_groups, oversized_blocks, shared_mobiles, seconds) VALUES (?1,"
		       " datetime('now', 'localtime', ?2), datetime('now', 'localtime'), ?3, ?4, ?5,"
		       " ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)");
	const struct match_summary *m = R->sum;
	char ago[32];
	xsnprintf(ago, sizeof(ago), "-%d seconds", (int)(now_seconds() - started));
	store_bind_day(s, 1, as_of);
	sqlite3_bind_text(s, 2, ago, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 3, R->changed_only ? "increment" : "full", -1, SQLITE_STATIC);
	long over = 0;
	for (int k = 0; k < BK_COUNT; k++)
		over += m->blocks.oversized[k];
	const long v[] = {m->threads,   m->complaints, m->changed,	  m->candidate_pairs,
			  m->accepted_pairs + m->standing_pairs, m->groups, m->proposals,
			  m->review_groups, over,	  m->blocks.shared_mobiles};
	for (int k = 0; k < 10; k++)
		sqlite3_bind_int64(s, 4 + k, v[k]);
	sqlite3_bind_double(s, 14, now_seconds() - started);
	int rc = sqlite3_step(s);
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE)
		return store_error(R->st, "recording the match run", err);
	*id = sqlite3_last_insert_rowid(R->st->db);
	return NK_OK;
}

static enum nk_err write_pairs(struct run *R, int64_t run_id, struct strbuf *err)
{
	if (store_exec(R->st, "DELETE FROM match_pairs", err))
		return NK_EDB;
	sqlite3_stmt *s = store_prepare(R->st, "INSERT OR REPLACE INTO match_pairs (a, b, weight,"
					       " rule, run_id) VALUES (?, ?, ?, ?, ?)");
	for (size_t i = 0; i < R->nedges; i++) {
		const struct mrec *a = &R->set.r[R->edges[i].a], *b = &R->set.r[R->edges[i].b];
		if (strcmp(a->cid, b->cid) > 0) {
			const struct mrec *t = a;
			a = b, b = t;
		}
		sqlite3_bind_text(s, 1, a->cid, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 2, b->cid, -1, SQLITE_STATIC);
		sqlite3_bind_double(s, 3, R->edges[i].weight);
		sqlite3_bind_text(s, 4, score_rule_name(R->edges[i].rule), -1, SQLITE_STATIC);
		sqlite3_bind_int64(s, 5, run_id);
		if (sqlite3_step(s) != SQLITE_DONE) {
			sqlite3_finalize(s);
			return store_error(R->st, "storing the accepted pairs", err);
		}
		sqlite3_reset(s);
	}
	sqlite3_finalize(s);
	return NK_OK;
}

static void bind_row(struct run *R, sqlite3_stmt *s, int64_t run_id, const struct prow *r,
		     struct strbuf *en, struct strbuf *hi)
{
	const struct evidence *ev = &r->ev;
	const struct mrec *m = &R->set.r[r->member], *p = &R->set.r[r->primary];
	char fm[17], fpr[17];
	mset_fp_hex(m->fp, fm);
	mset_fp_hex(p->fp, fpr);
	strbuf_reset(en);
	strbuf_reset(hi);
	explain_reason(&R->set, r->primary, r->member, ev, en, hi);
	int k = 1;
	sqlite3_bind_int64(s, k++, run_id);
	sqlite3_bind_int64(s, k++, r->gid);
	sqlite3_bind_text(s, k++, m->cid, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, k++, p->cid, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, k++, score_rule_name(ev->rule), -1, SQLITE_STATIC);
	sqlite3_bind_double(s, k++, ev->score);
	sqlite3_bind_double(s, k++, ev->weight);
	sqlite3_bind_text(s, k++, r->review_reason ? "review" : "high", -1, SQLITE_STATIC);
	store_bind_text(s, k++, r->review_reason);
	sqlite3_bind_text(s, k++, score_level_name(SF_NAME, ev->name), -1, SQLITE_STATIC);
	sqlite3_bind_text(s, k++, name_reason_name(ev->name_why), -1, SQLITE_STATIC);
	sqlite3_bind_double(s, k++, ev->name_sim);
	sqlite3_bind_text(s, k++, score_level_name(SF_FATHER, ev->father), -1, SQLITE_STATIC);
	sqlite3_bind_text(s, k++, score_level_name(SF_MOBILE, ev->mobile), -1, SQLITE_STATIC);
	sqlite3_bind_text(s, k++, score_level_name(SF_PLACE, ev->place), -1, SQLITE_STATIC);
	sqlite3_bind_text(s, k++, score_level_name(SF_NATURE, ev->nature), -1, SQLITE_STATIC);
	sqlite3_bind_double(s, k++, ev->text_sim);
	sqlite3_bind_int(s, k++, ev->days);
	for (int f = 0; f < SF_COUNT; f++)
		sqlite3_bind_double(s, k++, ev->w[f]);
	sqlite3_bind_text(s, k++, fm, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, k++, fpr, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, k++, en->buf, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, k++, hi->buf, -1, SQLITE_TRANSIENT);
}

static enum nk_err write_proposals(struct run *R, int64_t run_id, struct strbuf *err)
{
	sqlite3_stmt *s = store_prepare(
		R->st, "INSERT INTO proposals (run_id, group_id, complaint_id, primary_id, rule,"
		       " score, weight, band, review_reason, name_level, name_reason, name_sim,"
		       " father_level, mobile_level, place_level, nature_level, text_sim, days_apart,"
		       " w_name, w_father, w_mobile, w_place, w_nature, w_text, w_days, fp,"
		       " primary_fp, reason_en, reason_hi) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
		       " ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
	struct strbuf en = STRBUF_INIT, hi = STRBUF_INIT;
	enum nk_err e = NK_OK;
	for (size_t i = 0; i < R->nrows && !e; i++) {
		bind_row(R, s, run_id, &R->rows[i], &en, &hi);
		if (sqlite3_step(s) != SQLITE_DONE)
			e = store_error(R->st, "storing the proposals", err);
		sqlite3_reset(s);
	}
	sqlite3_finalize(s);
	strbuf_release(&en);
	strbuf_release(&hi);
	return e;
}

/* Writes complainant ids and fingerprints that differ from those stored. */
static enum nk_err write_people(struct run *R, int64_t run_id, struct strbuf *err)
{
	sqlite3_stmt *s = store_prepare(R->st, "INSERT OR REPLACE INTO complainants"
					       " (complaint_id, complainant_id, fp, run_id)"
					       " VALUES (?, ?, ?, ?)");
	enum nk_err e = NK_OK;
	long people = 0;
	for (uint32_t i = 0; i < R->set.n && !e; i++) {
		const struct mrec *r = &R->set.r[i];
		const char *person = R->set.r[R->person[i]].cid;
		people += R->person[i] == i;
		if (r->stored && R->stored_person[i] && !strcmp(R->stored_person[i], person))
			continue;
		char fp[17];
		mset_fp_hex(r->fp, fp);
		sqlite3_bind_text(s, 1, r->cid, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 2, person, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 3, fp, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int64(s, 4, run_id);
		if (sqlite3_step(s) != SQLITE_DONE)
			e = store_error(R->st, "storing complainant ids", err);
		sqlite3_reset(s);
	}
	sqlite3_finalize(s);
	R->sum->complainants = people;
	return e;
}

static enum nk_err write_all(struct run *R, int as_of, double started, struct strbuf *err)
{
	enum nk_err e = store_begin(R->st, err);
	if (e)
		return e;
	int64_t run_id = 0;
	if (!(e = insert_run(R, as_of, started, &run_id, err)) &&
	    !(e = write_pairs(R, run_id, err)) && !(e = write_proposals(R, run_id, err)) &&
	    !(e = write_people(R, run_id, err)))
		e = store_commit(R->st, err);
	if (e)
		store_rollback(R->st);
	R->sum->run_id = run_id;
	return e;
}

static void run_release(struct run *R)
{
	mset_release(&R->set);
	free(R->mobile_shared);
	pair_list_release(&R->pairs);
	free(R->verdicts);
	free(R->cannot);
	free(R->edges);
	free(R->stored_person);
	cluster_release(&R->cl);
	free(R->rows);
	free(R->person);
}

static void stages(struct run *R, const struct match_options *opt)
{
	struct match_summary *m = R->sum;
	double t = now_seconds();
	R->mobile_shared = xmalloc(R->set.n + 1);
	block_pairs(&R->set, &R->p, R->changed_only, R->mobile_shared, &R->pairs, &m->blocks);
	m->candidate_pairs = (long)R->pairs.n;
	m->block_seconds = now_seconds() - t;
	t = now_seconds();
	score_all(R);
	m->score_seconds = now_seconds() - t;
	collect_edges(R);
	int64_t next_gid;
	int64_t *prev = previous_groups(R, &next_gid);
	cluster_build(&R->set, R->edges, R->nedges, R->cannot, R->ncannot, &R->cl);
	cluster_assign_ids(&R->cl, prev, &next_gid);
	free(prev);
	build_rows(R);
	R->person = xmalloc((R->set.n + 1) * sizeof(uint32_t));
	complainant_link(&R->set, R->mobile_shared, R->edges, R->nedges, R->person);
	(void)opt;
}

enum nk_err match_run(struct store *st, const struct config *cfg, int as_of,
		      const struct match_options *opt, struct match_summary *out,
		      struct strbuf *err)
{
	double started = now_seconds();
	struct run R = {.st = st, .cfg = cfg, .sum = out};
	memset(out, 0, sizeof(*out));
#ifdef _OPENMP
	if (opt->threads > 0)
		omp_set_num_threads(opt->threads);
	out->threads = omp_get_max_threads();
#else
	out->threads = 1;
#endif
	if (score_params_load(&R.p, cfg, err) < 0)
		return NK_ECONFIG;
	R.last_run = query_int(st, "SELECT coalesce(max(id), 0) FROM match_runs");
	R.changed_only = R.last_run > 0 && !opt->full;
	out->full = !R.changed_only;
	enum nk_err e = mset_load(&R.set, st, as_of, NULL, 0, err);
	if (e)
		return e;
	out->complaints = R.set.n;
	out->keys_computed = R.set.keys_computed;
	mark_changed(&R);
	load_rejections(&R);
	out->load_seconds = now_seconds() - started;
	stages(&R, opt);
	double t = now_seconds();
	e = write_all(&R, as_of, started, err);
	out->write_seconds = now_seconds() - t;
	out->seconds = now_seconds() - started;
	run_release(&R);
	return e;
}

static void csv_field(struct strbuf *sb, const char *v)
{
	if (!v)
		v = "";
	if (!strpbrk(v, ",\"\r\n")) {
		strbuf_addstr(sb, v);
		return;
	}
	strbuf_addch(sb, '"');
	for (; *v; v++) {
		if (*v == '"')
			strbuf_addch(sb, '"');
		strbuf_addch(sb, *v);
	}
	strbuf_addch(sb, '"');
}

static const char csv_header[] =
	"group_id,complaint_id,primary_id,rule,score,band,review_reason,weight,name,name_reason,"
	"name_sim,father,mobile,place,nature,text_sim,days_apart,w_name,w_father,w_mobile,"
	"w_place,w_nature,w_text,w_days,reason_en,reason_hi\n";

/* Columns 0..25 of the query below, in the header's order. */
static void csv_row(sqlite3_stmt *s, struct strbuf *sb)
{
	for (int i = 0; i < 26; i++) {
		if (i)
			strbuf_addch(sb, ',');
		int t = sqlite3_column_type(s, i);
		if (t == SQLITE_FLOAT) {
			double d = sqlite3_column_double(s, i);
			strbuf_addf(sb, i == 4 ? "%.4f" : "%.3f", d);
		} else {
			csv_field(sb, (const char *)sqlite3_column_text(s, i));
		}
	}
	strbuf_addch(sb, '\n');
}

long match_write_csv(struct store *st, int64_t run_id, const char *path, struct strbuf *err)
{
	struct strbuf tmp = STRBUF_INIT, sb = STRBUF_INIT;
	strbuf_addf(&tmp, "%s.tmp", path);
	FILE *f = fopen(tmp.buf, "w");
	if (!f) {
		strbuf_addf(err, "cannot write %s: %s", tmp.buf, strerror(errno));
		strbuf_release(&tmp);
		return -1;
	}
	sqlite3_stmt *s = store_prepare(
		st, "SELECT group_id, p.complaint_id, primary_id, rule, score, band, review_reason,"
		    " weight, name_level, name_reason, name_sim, father_level, mobile_level,"
		    " place_level, nature_level, text_sim, days_apart, w_name, w_father, w_mobile,"
		    " w_place, w_nature, w_text, w_days, reason_en, reason_hi FROM proposals p"
		    " WHERE run_id = ? ORDER BY p.id");
	sqlite3_bind_int64(s, 1, run_id);
	long rows = 0;
	fputs(csv_header, f);
	while (sqlite3_step(s) == SQLITE_ROW) {
		strbuf_reset(&sb);
		csv_row(s, &sb);
		fwrite(sb.buf, 1, sb.len, f);
		rows++;
	}
	sqlite3_finalize(s);
	int bad = fflush(f) != 0 || fsync(fileno(f)) != 0;
	bad |= fclose(f) != 0;
	if (bad || rename(tmp.buf, path) != 0) {
		strbuf_addf(err, "cannot write %s: %s", path, strerror(errno));
		unlink(tmp.buf);
		rows = -1;
	}
	strbuf_release(&tmp);
	strbuf_release(&sb);
	return rows;
}

/* Whether the mobile of record i is used by too many names (explain). */
static int mobile_shared_in_db(struct store *st, const struct mset *set, uint32_t i,
			       const struct score_params *p)
{
	const struct mrec *r = &set->r[i];
	if (!r->mob_ident || !r->mobile)
		return 0;
	sqlite3_stmt *s = store_prepare(st, "SELECT count(DISTINCT c.complainant_id) FROM"
					    " complainants c JOIN complaints k USING (complaint_id)"
					    " WHERE k.mobile = ?");
	char mob[16];
	xsnprintf(mob, sizeof(mob), "%010llu", (unsigned long long)r->mobile);
	sqlite3_bind_text(s, 1, mob, -1, SQLITE_TRANSIENT);
	int n = sqlite3_step(s) == SQLITE_ROW ? sqlite3_column_int(s, 0) : 0;
	sqlite3_finalize(s);
	return n > p->mobile_max_names;
}

enum nk_err match_explain(struct store *st, const struct config *cfg, const char *id1,
			  const char *id2, struct strbuf *out, struct strbuf *err)
{
	struct score_params p;
	if (score_params_load(&p, cfg, err) < 0)
		return NK_ECONFIG;
	struct mset set;
	const char *ids[2] = {id1, id2};
	enum nk_err e = mset_load(&set, st, date_from_ymd(9999, 12, 31), ids, 2, err);
	if (e)
		return e;
	long a = mset_find(&set, id1), b = mset_find(&set, id2);
	if (a < 0 || b < 0) {
		strbuf_addf(err, "complaint %s is not in the database (or was merged into another)",
			    a < 0 ? id1 : id2);
		mset_release(&set);
		return NK_ENOTFOUND;
	}
	struct score_scratch *sc = score_scratch_new();
	struct evidence ev;
	int shared = mobile_shared_in_db(st, &set, (uint32_t)a, &p);
	score_pair(&set, (uint32_t)a, (uint32_t)b, &p, shared, sc, &ev);
	explain_report(&set, (uint32_t)a, (uint32_t)b, &ev, &p, out);
	score_scratch_free(sc);
	mset_release(&set);
	return NK_OK;
}

enum nk_err match_fingerprint(struct store *st, const char *complaint_id, char out[17],
			      struct strbuf *err)
{
	struct mset set;
	const char *ids[1] = {complaint_id};
	enum nk_err e = mset_load(&set, st, date_from_ymd(9999, 12, 31), ids, 1, err);
	if (e)
		return e;
	if (set.n != 1) {
		strbuf_addf(err, "complaint %s is not in the database", complaint_id);
		mset_release(&set);
		return NK_ENOTFOUND;
	}
	mset_fp_hex(set.r[0].fp, out);
	mset_release(&set);
	return NK_OK;
}
