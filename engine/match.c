/* match.c - the nightly duplicate search, from store to proposals. */
#include "engine/match.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifdef _OPENMP
#include <omp.h>
#endif

#include "engine/cluster.h"
#include "engine/complainant.h"
#include "engine/date.h"
#include "engine/explain.h"
#include "engine/freq.h"
#include "engine/keypack.h"
#include "engine/matchset.h"
#include "engine/score.h"

/* A proposal row of the last run. */
struct prev {
	int64_t id, gid;
	long member, primary; /* record indexes, -1 when gone */
	int chain;            /* review_reason was "chain" */
};

/* A group of the last run: rows prev[off .. off+n). */
struct pgroup {
	int64_t gid;
	size_t off, n;
};

/*
 * What scoring keeps of a run of SCORE_CHUNK candidate pairs: the accepted
 * ones as edges, in pair order, and how many each guard refused. Chunks are
 * joined in order, so the edges do not depend on the thread count; no
 * verdict is kept per candidate (50 million at 10 million complaints).
 */
#define SCORE_CHUNK 65536
struct scored {
	struct edge *e;
	size_t n, alloc;
	long refused[16]; /* as match_summary.refused */
};

/* One proposal row: a member, its group's primary, their evidence. */
struct prow {
	uint32_t member, primary;
	int64_t gid;
	const char *review_reason; /* NULL, "weak" or "chain" */
	struct evidence ev;
	char *reason_en, *reason_hi; /* explain_reason's lines; NULL when copied */
};

struct run {
	struct store *st;
	const struct config *cfg;
	const struct match_options *opt;
	struct score_params p;
	struct mset set;
	int64_t last_run; /* 0 when none */
	int changed_only;
	uint8_t *mobile_shared;
	struct pair_list pairs;
	size_t nscored; /* edges[0..nscored) were scored now, the rest stand */
	uint64_t *cannot; /* rejected pairs still current, sorted */
	size_t ncannot, cannot_alloc;
	struct edge *edges;
	size_t nedges, edges_alloc;
	struct clustering cl;
	struct prow *rows;
	size_t nrows;
	uint32_t *person;
	struct match_summary *sum;
	int light;        /* an increment from match_keys (matchset.h) */
	long keep_runs;   /* [match] keep_runs: runs whose proposals stay */
	int64_t next_gid; /* the id the next new group gets */
	uint64_t params_hash;
	struct prev *prev; /* the last run's proposal rows, by id */
	size_t nprev;
	struct pgroup *pg; /* the last run's groups, by gid */
	size_t npg;
	int64_t *copy_lo, *copy_hi; /* per group: the last run's rows to copy, 0: none */
	struct strbuf dropped;      /* light: stored pairs no longer standing, "a\tb\n" */
};

static int64_t query_int(struct store *st, const char *sql)
{
	sqlite3_stmt *s = store_prepare(st, sql);
	int64_t v = sqlite3_step(s) == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
	sqlite3_finalize(s);
	return v;
}

/*
 * Marks records new or changed since the last run: those whose fingerprint
 * match_keys does not hold (both are in rowid order), or all of them when
 * the run is full.
 */
static void mark_changed(struct run *R)
{
	struct mset *set = &R->set;
	sqlite3_stmt *s = store_prepare(R->st, "SELECT lo, data FROM match_keys ORDER BY lo");
	uint32_t i = 0;
	while (R->changed_only && i < set->n && sqlite3_step(s) == SQLITE_ROW) {
		struct keypack_iter it;
		struct keyrec k;
		if (keypack_start(&it, sqlite3_column_blob(s, 1),
				  (size_t)sqlite3_column_bytes(s, 1), sqlite3_column_int64(s, 0)))
			continue; /* damaged: its complaints count as changed */
		while (keypack_next(&it, &k) == 1) {
			while (i < set->n && set->r[i].rowid < k.rowid)
				i++;
			if (i < set->n && set->r[i].rowid == k.rowid)
				set->r[i].stored = k.fp == set->r[i].fp;
		}
	}
	sqlite3_finalize(s);
	for (i = 0; i < set->n; i++) {
		set->r[i].changed = !R->changed_only || !set->r[i].stored;
		R->sum->changed += set->r[i].changed;
	}
}

static uint64_t pack(uint32_t a, uint32_t b)
{
	return a < b ? ((uint64_t)a << 32 | b) : ((uint64_t)b << 32 | a);
}

/* Rejected pairs whose latest decision still holds (neither side changed). */
static void load_rejections(struct run *R)
{
	sqlite3_stmt *s = store_prepare(
		R->st,
		"SELECT a, b, fp_a, fp_b FROM pair_decisions d WHERE decision = 'reject'"
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

static void add_edge(struct run *R, uint32_t a, uint32_t b, double w, int rule)
{
	ALLOC_GROW(R->edges, R->nedges + 1, R->edges_alloc);
	R->edges[R->nedges++] = (struct edge){a < b ? a : b, a < b ? b : a, w, rule};
}

/* Scores every candidate pair in parallel; the accepted become R->edges. */
static void score_all(struct run *R)
{
	size_t n = R->pairs.n, nch = (n + SCORE_CHUNK - 1) / SCORE_CHUNK;
	struct scored *ch = xcalloc(nch + 1, sizeof(*ch));
#pragma omp parallel
	{
		struct score_scratch *sc = score_scratch_new();
		struct evidence ev;
#pragma omp for schedule(dynamic, 1)
		for (size_t c = 0; c < nch; c++) {
			size_t end = (c + 1) * SCORE_CHUNK < n ? (c + 1) * SCORE_CHUNK : n;
			for (size_t i = c * SCORE_CHUNK; i < end; i++) {
				uint32_t a = (uint32_t)(R->pairs.v[i] >> 32), b = (uint32_t)R->pairs.v[i];
				score_verdict(&R->set, a, b, &R->p, R->mobile_shared[a], sc, &ev);
				if (ev.guard == G_NONE && R->ncannot && is_rejected(R, R->pairs.v[i]))
					ev.guard = G_REJECTED;
				if (ev.guard != G_NONE) {
					ch[c].refused[ev.guard]++;
					continue;
				}
				ALLOC_GROW(ch[c].e, ch[c].n + 1, ch[c].alloc);
				ch[c].e[ch[c].n++] = (struct edge){a, b, (float)ev.weight, ev.rule};
			}
		}
		score_scratch_free(sc);
	}
	for (size_t c = 0; c < nch; c++) {
		for (size_t i = 0; i < ch[c].n; i++)
			add_edge(R, ch[c].e[i].a, ch[c].e[i].b, ch[c].e[i].weight, ch[c].e[i].rule);
		for (int g = 1; g < 16; g++)
			R->sum->refused[g] += ch[c].refused[g];
		free(ch[c].e);
	}
	free(ch);
	R->nscored = R->nedges;
}

static int rule_from_name(const char *s)
{
	return s && s[0] == 'R' && s[1] >= '1' && s[1] <= '3' ? s[1] - '0' : RULE_NONE;
}

/* Accepted pairs: those scored now, and (increment) those standing. */
static void collect_edges(struct run *R)
{
	R->sum->accepted_pairs = (long)R->nedges;
	if (!R->changed_only)
		return;
	sqlite3_stmt *s = store_prepare(R->st, "SELECT a, b, weight, rule FROM match_pairs"
					       " ORDER BY a, b");
	while (sqlite3_step(s) == SQLITE_ROW) {
		const char *ca = (const char *)sqlite3_column_text(s, 0);
		const char *cb = (const char *)sqlite3_column_text(s, 1);
		long a = mset_find(&R->set, ca), b = mset_find(&R->set, cb);
		if (a < 0 || b < 0 || R->set.r[a].changed || R->set.r[b].changed ||
		    is_rejected(R, pack((uint32_t)a, (uint32_t)b))) {
			strbuf_addf(&R->dropped, "%s\t%s\n", ca, cb);
			continue;
		}
		add_edge(R, (uint32_t)a, (uint32_t)b, sqlite3_column_double(s, 2),
			 rule_from_name((const char *)sqlite3_column_text(s, 3)));
		R->sum->standing_pairs++;
	}
	sqlite3_finalize(s);
}

static int cmp_pgroup(const void *a, const void *b)
{
	int64_t x = ((const struct pgroup *)a)->gid, y = ((const struct pgroup *)b)->gid;
	return x < y ? -1 : x > y;
}

/*
 * Binds ?1 to run_id and ?2, ?3 to the first and last id of its proposal
 * rows, for "WHERE id BETWEEN ?2 AND ?3 AND +run_id = ?1 ORDER BY id": a
 * run's rows are consecutive ids (one transaction writes them), so they
 * are read as a range of rowids, in order, rather than found through an
 * index on run_id and sorted (50 MB a night).
 */
static void bind_run_rows(struct store *st, sqlite3_stmt *s, int64_t run_id)
{
	sqlite3_stmt *range =
		store_prepare(st, "SELECT min(id), max(id) FROM proposals WHERE run_id = ?");
	sqlite3_bind_int64(range, 1, run_id);
	sqlite3_step(range);
	sqlite3_bind_int64(s, 1, run_id);
	sqlite3_bind_int64(s, 2, sqlite3_column_int64(range, 0));
	sqlite3_bind_int64(s, 3, sqlite3_column_int64(range, 1));
	sqlite3_finalize(range);
}

/* Reads the last run's proposal rows into R->prev and its groups into R->pg. */
static void read_previous(struct run *R)
{
	size_t alloc = 0, galloc = 0;
	sqlite3_stmt *s =
		store_prepare(R->st, "SELECT id, group_id, complaint_id, primary_id,"
				     " review_reason FROM proposals"
				     " WHERE id BETWEEN ?2 AND ?3 AND +run_id = ?1 ORDER BY id");
	bind_run_rows(R->st, s, R->last_run);
	while (sqlite3_step(s) == SQLITE_ROW) {
		ALLOC_GROW(R->prev, R->nprev + 1, alloc);
		struct prev *p = &R->prev[R->nprev++];
		p->id = sqlite3_column_int64(s, 0);
		p->gid = sqlite3_column_int64(s, 1);
		p->member = mset_find(&R->set, (const char *)sqlite3_column_text(s, 2));
		p->primary = mset_find(&R->set, (const char *)sqlite3_column_text(s, 3));
		const char *why = (const char *)sqlite3_column_text(s, 4);
		p->chain = why && !strcmp(why, "chain");
		if (!R->npg || R->pg[R->npg - 1].gid != p->gid) {
			ALLOC_GROW(R->pg, R->npg + 1, galloc);
			R->pg[R->npg++] = (struct pgroup){p->gid, R->nprev - 1, 0};
		}
		R->pg[R->npg - 1].n++;
	}
	sqlite3_finalize(s);
	if (R->npg) /* no groups last run: no array, and qsort must not see NULL */
		qsort(R->pg, R->npg, sizeof(*R->pg), cmp_pgroup);
}

static const struct pgroup *prev_group(const struct run *R, int64_t gid)
{
	struct pgroup key = {gid, 0, 0};
	return R->npg ? bsearch(&key, R->pg, R->npg, sizeof(key), cmp_pgroup) : NULL;
}

/* Group ids of the last run, per record (-1 none), and the next new id. */
static int64_t *previous_groups(struct run *R, int64_t *next_gid)
{
	int64_t *prev = xmalloc((R->set.n + 1) * sizeof(int64_t));
	for (uint32_t i = 0; i < R->set.n; i++)
		prev[i] = -1;
	/* meta keeps the next id: pruned runs may have held the highest */
	int64_t kept = query_int(R->st, "SELECT coalesce(max(group_id), 0) + 1 FROM proposals");
	char *next = store_meta_get(R->st, "match_next_group");
	*next_gid = next && strtoll(next, NULL, 10) > kept ? strtoll(next, NULL, 10) : kept;
	free(next);
	read_previous(R);
	for (size_t k = 0; k < R->nprev; k++) {
		if (R->prev[k].member >= 0)
			prev[R->prev[k].member] = R->prev[k].gid;
		if (R->prev[k].primary >= 0)
			prev[R->prev[k].primary] = R->prev[k].gid;
	}
	return prev;
}

/* The rule two complaints meet, ignoring the guards (for chain members). */
static int plain_rule(const struct evidence *ev)
{
	if (ev->name == NL_EXACT)
		return ev->mobile == ML_EQUAL ? RULE_R1 : RULE_R2;
	return RULE_R3;
}

/*
 * Light runs: whether group gr is the last run's group of the same id with
 * the same rows and no member changed, so its rows can be copied as they
 * were (scoring them again would give the same evidence). Sets *chain.
 */
static const struct pgroup *copyable(const struct run *R, const uint32_t *members,
				     const struct group *gr, int *chain)
{
	const struct pgroup *pg = prev_group(R, gr->gid);
	if (!R->light || !pg || pg->n != gr->n - 1)
		return NULL;
	for (uint32_t i = 0; i < gr->n; i++) {
		const struct mrec *r = &R->set.r[members[i]];
		if (r->fresh || r->changed || r->shared_was != R->mobile_shared[members[i]])
			return NULL;
	}
	*chain = 0;
	for (size_t k = 0; k < pg->n; k++) {
		const struct prev *p = &R->prev[pg->off + k];
		if (p->primary != (long)members[0] || p->member != (long)members[k + 1] ||
		    p->id != R->prev[pg->off].id + (int64_t)k)
			return NULL;
		*chain |= p->chain;
	}
	return pg;
}

/* Marks the groups whose rows are copied; makes the others' records full. */
static enum nk_err plan_rows(struct run *R, struct strbuf *err)
{
	struct clustering *c = &R->cl;
	R->copy_lo = xcalloc(c->ng + 1, sizeof(int64_t));
	R->copy_hi = xcalloc(c->ng + 1, sizeof(int64_t));
	uint32_t *need = xmalloc((c->nm + 1) * sizeof(uint32_t));
	size_t nneed = 0;
	for (size_t g = 0; g < c->ng; g++) {
		struct group *gr = &c->g[g];
		int chain;
		const struct pgroup *pg = copyable(R, c->members + gr->off, gr, &chain);
		if (pg) {
			R->copy_lo[g] = R->prev[pg->off].id;
			R->copy_hi[g] = R->prev[pg->off + pg->n - 1].id;
			gr->review = chain;
			continue;
		}
		memcpy(need + nneed, c->members + gr->off, gr->n * sizeof(uint32_t));
		nneed += gr->n;
	}
	enum nk_err e = R->light ? mset_fill(&R->set, R->st, need, nneed, err) : NK_OK;
	free(need);
	return e;
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
			R->rows[k].gid = R->copy_lo[g] ? 0 : gr->gid; /* 0: copied */
		}
	}
#pragma omp parallel
	{
		struct score_scratch *sc = score_scratch_new();
		struct strbuf en = STRBUF_INIT, hi = STRBUF_INIT;
#pragma omp for schedule(dynamic, 64)
		for (size_t i = 0; i < R->nrows; i++) {
			struct prow *r = &R->rows[i];
			if (!r->gid)
				continue;
			score_pair(&R->set, r->primary, r->member, &R->p,
				   R->mobile_shared[r->member], sc, &r->ev);
			strbuf_reset(&en);
			strbuf_reset(&hi);
			explain_reason(&R->set, r->primary, r->member, &r->ev, 1, &en, &hi);
			r->reason_en = xstrdup(en.buf);
			r->reason_hi = xstrdup(hi.buf);
		}
		strbuf_release(&en);
		strbuf_release(&hi);
		score_scratch_free(sc);
	}
	k = 0;
	for (size_t g = 0; g < c->ng; g++) {
		struct group *gr = &c->g[g];
		if (R->copy_lo[g]) {
			k += gr->n - 1;
			R->sum->review_groups += gr->review;
			continue;
		}
		for (uint32_t i = 1; i < gr->n; i++)
			if (R->rows[k + i - 1].ev.guard != G_NONE)
				gr->review = 1;
		for (uint32_t i = 1; i < gr->n; i++, k++) {
			struct prow *r = &R->rows[k];
			if (r->ev.rule == RULE_NONE)
				r->ev.rule = (unsigned char)plain_rule(&r->ev);
			if (gr->review)
				r->review_reason = "chain";
			else if (r->ev.place == PL_DISTRICT)
				r->review_reason = "district";
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
		R->st,
		"INSERT INTO match_runs (as_of, started_at, finished_at, mode, threads,"
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
	const long v[] = {m->threads,
			  m->complaints,
			  m->changed,
			  m->candidate_pairs,
			  m->accepted_pairs + m->standing_pairs,
			  m->groups,
			  m->proposals,
			  m->review_groups,
			  over,
			  m->blocks.shared_mobiles};
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

/* Light runs: deletes the stored pairs that no longer stand. */
static enum nk_err drop_pairs(struct run *R, struct strbuf *err)
{
	sqlite3_stmt *s = store_prepare(R->st, "DELETE FROM match_pairs WHERE a = ? AND b = ?");
	enum nk_err e = NK_OK;
	for (char *p = R->dropped.buf; *p && !e;) {
		char *tab = strchr(p, '\t'), *nl = strchr(tab, '\n');
		sqlite3_bind_text(s, 1, p, (int)(tab - p), SQLITE_STATIC);
		sqlite3_bind_text(s, 2, tab + 1, (int)(nl - tab - 1), SQLITE_STATIC);
		if (sqlite3_step(s) != SQLITE_DONE)
			e = store_error(R->st, "removing pairs that no longer stand", err);
		sqlite3_reset(s);
		p = nl + 1;
	}
	sqlite3_finalize(s);
	return e;
}

static int put_pair(struct run *R, sqlite3_stmt *s, const struct edge *ed, int64_t run_id)
{
	const struct mrec *a = &R->set.r[ed->a], *b = &R->set.r[ed->b];
	if (strcmp(a->cid, b->cid) > 0) {
		const struct mrec *t = a;
		a = b, b = t;
	}
	sqlite3_bind_text(s, 1, a->cid, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, b->cid, -1, SQLITE_STATIC);
	sqlite3_bind_double(s, 3, ed->weight);
	sqlite3_bind_text(s, 4, score_rule_name(ed->rule), -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 5, run_id);
	int rc = sqlite3_step(s);
	sqlite3_reset(s);
	return rc == SQLITE_DONE;
}

/*
 * Stores the accepted pairs: all of them, or (light) only the ones scored
 * now, taken from the verdicts.
 */
static enum nk_err write_pairs(struct run *R, int64_t run_id, struct strbuf *err)
{
	if (R->light ? drop_pairs(R, err) : store_exec(R->st, "DELETE FROM match_pairs", err))
		return NK_EDB;
	sqlite3_stmt *s = store_prepare(R->st, "INSERT OR REPLACE INTO match_pairs (a, b, weight,"
					       " rule, run_id) VALUES (?, ?, ?, ?, ?)");
	int ok = 1;
	for (size_t i = 0; i < (R->light ? R->nscored : R->nedges) && ok; i++)
		ok = put_pair(R, s, &R->edges[i], run_id);
	sqlite3_finalize(s);
	return ok ? NK_OK : store_error(R->st, "storing the accepted pairs", err);
}

static void bind_row(struct run *R, sqlite3_stmt *s, int64_t run_id, const struct prow *r)
{
	const struct evidence *ev = &r->ev;
	const struct mrec *m = &R->set.r[r->member], *p = &R->set.r[r->primary];
	char fm[17], fpr[17];
	mset_fp_hex(m->fp, fm);
	mset_fp_hex(p->fp, fpr);
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
	sqlite3_bind_text(s, k++, r->reason_en, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, k++, r->reason_hi, -1, SQLITE_STATIC);
}

/* Copies the last run's proposal rows lo..hi into this run, in order. */
static enum nk_err copy_rows(struct run *R, sqlite3_stmt *s, int64_t run_id, int64_t lo, int64_t hi,
			     struct strbuf *err)
{
	sqlite3_bind_int64(s, 1, run_id);
	sqlite3_bind_int64(s, 2, lo);
	sqlite3_bind_int64(s, 3, hi);
	enum nk_err e = sqlite3_step(s) == SQLITE_DONE
				? NK_OK
				: store_error(R->st, "copying proposals", err);
	sqlite3_reset(s);
	return e;
}

/*
 * Frees the proposal rows and their reasons in two languages once they are
 * stored: the keys are written after them, while the page cache holds
 * every page the run has written.
 */
static void release_rows(struct run *R)
{
	for (size_t i = 0; i < R->nrows; i++) {
		free(R->rows[i].reason_en);
		free(R->rows[i].reason_hi);
	}
	free(R->rows);
	R->rows = NULL;
	R->nrows = 0;
}

#define PROPOSAL_COLS                                                                         \
	"group_id, complaint_id, primary_id, rule, score, weight, band, review_reason,"       \
	" name_level, name_reason, name_sim, father_level, mobile_level, place_level,"        \
	" nature_level, text_sim, days_apart, w_name, w_father, w_mobile, w_place, w_nature," \
	" w_text, w_days, fp, primary_fp, reason_en, reason_hi"

/*
 * Rows in group order: scored rows are inserted, the rows of groups that
 * did not change are copied from the last run in runs of consecutive ids.
 */
static enum nk_err write_proposals(struct run *R, int64_t run_id, struct strbuf *err)
{
	sqlite3_stmt *s = store_prepare(
		R->st, "INSERT INTO proposals (run_id, " PROPOSAL_COLS ") VALUES (?, ?, ?, ?, ?,"
		       " ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
	sqlite3_stmt *cp = store_prepare(
		R->st, "INSERT INTO proposals (run_id, " PROPOSAL_COLS ") SELECT ?1, " PROPOSAL_COLS
		       " FROM proposals WHERE id BETWEEN ?2 AND ?3 ORDER BY id");
	enum nk_err e = NK_OK;
	int64_t lo = 0, up = 0; /* the run of rows to copy, pending */
	size_t k = 0;
	for (size_t g = 0; g < R->cl.ng && !e; g++) {
		uint32_t n = R->cl.g[g].n - 1;
		if (R->copy_lo[g]) {
			if (lo && R->copy_lo[g] == up + 1) {
				up = R->copy_hi[g];
			} else {
				if (lo)
					e = copy_rows(R, cp, run_id, lo, up, err);
				lo = R->copy_lo[g], up = R->copy_hi[g];
			}
			k += n;
			continue;
		}
		if (lo && !(e = copy_rows(R, cp, run_id, lo, up, err)))
			lo = 0;
		for (uint32_t i = 0; i < n && !e; i++, k++) {
			bind_row(R, s, run_id, &R->rows[k]);
			if (sqlite3_step(s) != SQLITE_DONE)
				e = store_error(R->st, "storing the proposals", err);
			sqlite3_reset(s);
		}
	}
	if (lo && !e)
		e = copy_rows(R, cp, run_id, lo, up, err);
	sqlite3_finalize(s);
	sqlite3_finalize(cp);
	release_rows(R);
	return e;
}

/* Whether record i keeps the keys and complainant stored for it (light). */
static int keys_unchanged(const struct run *R, uint32_t i)
{
	const struct mrec *r = &R->set.r[i];
	return R->light && !r->fresh && r->person == R->set.r[R->person[i]].rowid &&
	       r->shared_was == R->mobile_shared[i];
}

/*
 * The blocks of match_keys to write (redo[b] for the block at lo = b *
 * SPAN): a full run's every block with records; a light run's blocks
 * holding a record whose keys or complainant changed, or a complaint no
 * longer compared (still in match_dirty).
 */
static uint8_t *blocks_to_write(struct run *R, int64_t *nblocks)
{
	size_t ndirty = 0;
	int64_t *dirty = R->light ? mset_dirty_ids(R->st, &ndirty) : NULL;
	int64_t top = R->set.n ? R->set.r[R->set.n - 1].rowid : 0;
	for (size_t d = 0; d < ndirty; d++)
		top = dirty[d] > top ? dirty[d] : top;
	*nblocks = top / KEYPACK_SPAN + 1;
	uint8_t *redo = xcalloc((size_t)*nblocks, 1);
	for (size_t d = 0; d < ndirty; d++)
		redo[dirty[d] / KEYPACK_SPAN] = 1;
	for (uint32_t i = 0; i < R->set.n; i++)
		if (!keys_unchanged(R, i))
			redo[R->set.r[i].rowid / KEYPACK_SPAN] = 1;
	free(dirty);
	return redo;
}

/* A block of match_keys to write: records [from, to) of the set. */
struct keyblock {
	int64_t lo;
	uint32_t from, to;
	struct strbuf data;
};

static void encode_block(const struct run *R, struct keyblock *kb)
{
	strbuf_grow(&kb->data, (size_t)(kb->to - kb->from) * 96); /* about a record's size */
	keypack_begin(&kb->data);
	int64_t prev = kb->lo - 1;
	for (uint32_t i = kb->from; i < kb->to; i++) {
		const struct mrec *r = &R->set.r[i];
		struct keyrec k = {.rowid = r->rowid,
				   .person = R->set.r[R->person[i]].rowid,
				   .cid = r->cid,
				   .day = r->day,
				   .seconds = r->seconds,
				   .phon_hash = r->phon_hash,
				   .fp = r->fp,
				   .shared = R->mobile_shared[i]};
		memcpy(k.key, r->key, sizeof(k.key));
		memcpy(k.link, r->link, sizeof(k.link));
		memcpy(k.tf, r->tf, sizeof(k.tf));
		keypack_put(&kb->data, prev, &k);
		prev = r->rowid;
	}
}

/* Statements writing a block: its blob, its complainants. */
struct keywriter {
	sqlite3_stmt *put, *drop, *clear, *person;
};

static int write_block(struct run *R, struct keywriter *w, const struct keyblock *kb)
{
	sqlite3_stmt *s = kb->from == kb->to ? w->drop : w->put;
	sqlite3_bind_int64(s, 1, kb->lo);
	if (kb->from < kb->to) {
		sqlite3_bind_int64(s, 2, kb->to - kb->from);
		sqlite3_bind_blob(s, 3, kb->data.buf, (int)kb->data.len, SQLITE_STATIC);
	}
	int ok = sqlite3_step(s) == SQLITE_DONE;
	sqlite3_reset(s);
	if (ok && R->light) { /* a full run emptied the table */
		sqlite3_bind_int64(w->clear, 1, kb->lo);
		sqlite3_bind_int64(w->clear, 2, kb->lo + KEYPACK_SPAN - 1);
		ok = sqlite3_step(w->clear) == SQLITE_DONE;
		sqlite3_reset(w->clear);
	}
	for (uint32_t i = kb->from; i < kb->to && ok; i++) {
		int64_t person = R->set.r[R->person[i]].rowid;
		if (person == R->set.r[i].rowid)
			continue;
		sqlite3_bind_int64(w->person, 1, R->set.r[i].rowid);
		sqlite3_bind_int64(w->person, 2, person);
		ok = sqlite3_step(w->person) == SQLITE_DONE;
		sqlite3_reset(w->person);
	}
	return ok;
}

/* The blocks to write, in order: records of the set by lo. */
static struct keyblock *plan_blocks(struct run *R, size_t *n)
{
	int64_t nblocks;
	uint8_t *redo = blocks_to_write(R, &nblocks);
	struct keyblock *kb = NULL;
	size_t alloc = 0;
	*n = 0;
	uint32_t i = 0;
	for (int64_t b = 0; b < nblocks; b++) {
		uint32_t from = i;
		while (i < R->set.n && R->set.r[i].rowid / KEYPACK_SPAN == b)
			i++;
		if (!redo[b] || (from == i && !R->light))
			continue;
		ALLOC_GROW(kb, *n + 1, alloc);
		kb[(*n)++] = (struct keyblock){b * KEYPACK_SPAN, from, i, STRBUF_INIT};
	}
	free(redo);
	return kb;
}

#define KEYBLOCK_BATCH 64 /* blocks encoded at once (about 6 MB) */

/*
 * match_keys and match_persons after the run: every block (a full run) or
 * the blocks that changed (light). The threads encode a batch of blocks,
 * then this one writes them.
 */
static enum nk_err write_keys(struct run *R, struct strbuf *err)
{
	if (!R->light && (store_exec(R->st, "DELETE FROM match_keys", err) ||
			  store_exec(R->st, "DELETE FROM match_persons", err)))
		return NK_EDB;
	struct keywriter w = {
		store_prepare(R->st,
			      "INSERT OR REPLACE INTO match_keys (lo, n, data) VALUES (?, ?, ?)"),
		store_prepare(R->st, "DELETE FROM match_keys WHERE lo = ?"),
		store_prepare(R->st, "DELETE FROM match_persons WHERE id BETWEEN ? AND ?"),
		store_prepare(R->st, "INSERT INTO match_persons (id, person) VALUES (?, ?)")};
	size_t n;
	struct keyblock *kb = plan_blocks(R, &n);
	int ok = 1;
	for (size_t at = 0; at < n && ok; at += KEYBLOCK_BATCH) {
		size_t end = at + KEYBLOCK_BATCH < n ? at + KEYBLOCK_BATCH : n;
#pragma omp parallel for schedule(dynamic, 1)
		for (size_t j = at; j < end; j++)
			encode_block(R, &kb[j]);
		for (size_t j = at; j < end; j++) {
			ok = ok && write_block(R, &w, &kb[j]);
			strbuf_release(&kb[j].data);
		}
	}
	free(kb);
	enum nk_err e = ok ? NK_OK : store_error(R->st, "storing the matching keys", err);
	sqlite3_finalize(w.put);
	sqlite3_finalize(w.drop);
	sqlite3_finalize(w.clear);
	sqlite3_finalize(w.person);
	return e;
}

/* What a light run needs to trust match_keys: the run and the parameters. */
static void state_text(const struct run *R, int64_t run_id, char *out, size_t n)
{
	xsnprintf(out, n, "%lld %016llx", (long long)run_id, (unsigned long long)R->params_hash);
}

/*
 * match_dirty keeps only the complaints registered after as_of (a later
 * run compares them): a full run puts back those the load found; the
 * state says match_keys is this run's.
 */
static enum nk_err write_state(struct run *R, int64_t run_id, int as_of, struct strbuf *err)
{
	enum nk_err e = NK_OK;
	if (R->light) {
		sqlite3_stmt *s = store_prepare(
			R->st,
			"DELETE FROM match_dirty WHERE NOT EXISTS (SELECT 1 FROM complaints c"
			" WHERE c.id = match_dirty.id AND c.reg_date > ?)");
		store_bind_day(s, 1, as_of);
		e = store_step_once(R->st, s, "clearing the complaints to compare", err);
	} else {
		/* emptied at once: SQLite drops the pages without visiting the rows */
		e = store_exec(R->st, "DELETE FROM match_dirty", err);
		sqlite3_stmt *s = store_prepare(R->st, "INSERT INTO match_dirty (id) VALUES (?)");
		for (size_t i = 0; i < R->set.nlater && !e; i++) {
			sqlite3_bind_int64(s, 1, R->set.later[i]);
			if (sqlite3_step(s) != SQLITE_DONE)
				e = store_error(R->st, "keeping the complaints registered later",
						err);
			sqlite3_reset(s);
		}
		sqlite3_finalize(s);
	}
	char state[64], seen[32];
	state_text(R, run_id, state, sizeof(state));
	xsnprintf(seen, sizeof(seen), "%lld",
		  (long long)query_int(R->st, "SELECT coalesce(max(id), 0) FROM complaints"));
	if (!e)
		e = store_meta_set(R->st, "match_seen_id", seen, err);
	return e ? e : store_meta_set(R->st, "match_state", state, err);
}

/*
 * Every night copies the standing groups' rows, so proposals would grow by
 * a run's worth a night: rows of runs before the last keep_runs go, except
 * those a supervisor decided on (approved-merges.csv shows them). meta
 * says from which run they are kept, for a workbook returned too late, and
 * the next group id, which the rows gone may have held the highest of.
 */
static enum nk_err prune_proposals(struct run *R, int64_t run_id, struct strbuf *err)
{
	int64_t from = run_id - R->keep_runs + 1;
	char v[32];
	xsnprintf(v, sizeof(v), "%lld", (long long)R->next_gid);
	enum nk_err e = store_meta_set(R->st, "match_next_group", v, err);
	if (e || from <= 1)
		return e;
	sqlite3_stmt *s =
		store_prepare(R->st, "DELETE FROM proposals WHERE run_id < ?1 AND id NOT IN"
				     " (SELECT proposal_id FROM pair_decisions"
				     " WHERE proposal_id IS NOT NULL)");
	sqlite3_bind_int64(s, 1, from);
	e = store_step_once(R->st, s, "removing the proposals of old runs", err);
	xsnprintf(v, sizeof(v), "%lld", (long long)from);
	if (!e)
		e = store_meta_set(R->st, "proposals_kept_from_run", v, err);
	return e;
}

/*
 * A full run of a million complaints writes 160 MB: with the default cache
 * SQLite spilled pages to the log half way and wrote many twice, a third
 * of the writing's time. A cache that holds them all costs only the pages
 * used, and goes back to the default after. (An increment writes less than
 * the default cache holds.)
 */
#define WRITE_CACHE_KIB (512 * 1024)

static enum nk_err write_all(struct run *R, int as_of, double started, struct strbuf *err)
{
	if (!R->light)
		store_set_cache(R->st, WRITE_CACHE_KIB);
	enum nk_err e = store_begin(R->st, err);
	if (e) {
		store_set_cache(R->st, STORE_CACHE_KIB);
		return e;
	}
	int64_t run_id = 0;
	if (!(e = insert_run(R, as_of, started, &run_id, err)) &&
	    !(e = write_pairs(R, run_id, err)) && !(e = write_proposals(R, run_id, err)) &&
	    !(e = write_keys(R, err)) && !(e = write_state(R, run_id, as_of, err)) &&
	    !(e = prune_proposals(R, run_id, err)) &&
	    !(e = R->opt->record ? R->opt->record(R->st, run_id, R->opt->record_arg, err) : NK_OK))
		e = store_commit_behind(R->st, err);
	if (e)
		store_rollback(R->st);
	store_set_cache(R->st, STORE_CACHE_KIB);
	R->sum->run_id = run_id;
	return e;
}

static void run_release(struct run *R)
{
	mset_release(&R->set);
	free(R->mobile_shared);
	pair_list_release(&R->pairs);
	free(R->cannot);
	free(R->edges);
	cluster_release(&R->cl);
	release_rows(R);
	free(R->person);
	free(R->prev);
	free(R->pg);
	free(R->copy_lo);
	free(R->copy_hi);
	strbuf_release(&R->dropped);
}

/* Light runs: makes full the records of the candidate pairs. */
static enum nk_err fill_pairs(struct run *R, struct strbuf *err)
{
	if (!R->light)
		return NK_OK;
	uint8_t *seen = xcalloc(R->set.n + 1, 1);
	uint32_t *need = xmalloc((2 * R->pairs.n + 1) * sizeof(uint32_t));
	size_t n = 0;
	for (size_t i = 0; i < R->pairs.n; i++) {
		uint32_t ab[2] = {(uint32_t)(R->pairs.v[i] >> 32), (uint32_t)R->pairs.v[i]};
		for (int k = 0; k < 2; k++)
			if (!seen[ab[k]] && !R->set.r[ab[k]].full)
				seen[ab[k]] = 1, need[n++] = ab[k];
	}
	enum nk_err e = mset_fill(&R->set, R->st, need, n, err);
	free(need);
	free(seen);
	return e;
}

/* The groups of the accepted pairs, with the ids of the last run's. */
static void form_groups(struct run *R)
{
	int64_t *prev = previous_groups(R, &R->next_gid);
	cluster_build(&R->set, R->edges, R->nedges, R->cannot, R->ncannot, &R->cl);
	cluster_assign_ids(&R->cl, prev, &R->next_gid);
	free(prev);
}

/*
 * The counts of names, fathers, villages and texts in the run
 * (engine/freq.h); an increment scores again the unchanged records whose
 * count crossed a power of two since the last run, whose counts it finds
 * from match_keys: the stored keys of the complaints read anew (a light
 * run: those of match_dirty).
 */
static void count_names(struct run *R)
{
	if (!R->changed_only) {
		freq_count(&R->set);
		return;
	}
	size_t ndirty = 0, nold = 0;
	int64_t *dirty = R->light ? mset_dirty_ids(R->st, &ndirty) : NULL;
	struct freq_keys *old = NULL;
	if (freq_stored_keys(R->st, !R->light, dirty, ndirty, &old, &nold) < 0) {
		freq_count(&R->set);
		for (uint32_t i = 0; i < R->set.n; i++) /* unknown counts: score all again */
			R->set.r[i].changed = 1;
	} else {
		const int ref[TF_COUNT] = {R->p.tf_ref, R->p.tf_father_ref, R->p.tf_village_ref,
					   R->p.tf_text_ref};
		freq_count_changes(&R->set, old, nold, ref, R->p.tf_max);
	}
	free(old);
	free(dirty);
}

static enum nk_err stages(struct run *R, struct strbuf *err)
{
	struct match_summary *m = R->sum;
	double t = now_seconds();
	count_names(R);
	R->mobile_shared = xmalloc(R->set.n + 1);
	block_pairs(&R->set, &R->p, R->changed_only, R->mobile_shared, &R->pairs, &m->blocks);
	m->candidate_pairs = (long)R->pairs.n;
	enum nk_err e = fill_pairs(R, err);
	if (e)
		return e;
	m->block_seconds = now_seconds() - t;
	t = now_seconds();
	score_all(R);
	pair_list_release(&R->pairs); /* scored: only the accepted edges are read on */
	m->score_seconds = now_seconds() - t;
	t = now_seconds();
	collect_edges(R);
	R->person = xmalloc((R->set.n + 1) * sizeof(uint32_t));
	/* two single-threaded jobs that only read the records: side by side */
#pragma omp parallel sections
	{
#pragma omp section
		complainant_link(&R->set, R->mobile_shared, R->edges, R->nedges, R->person);
#pragma omp section
		form_groups(R);
	}
	if ((e = plan_rows(R, err)))
		return e;
	build_rows(R);
	for (uint32_t i = 0; i < R->set.n; i++)
		m->complainants += R->person[i] == i;
	m->cluster_seconds = now_seconds() - t;
	return NK_OK;
}

/* Keys of the records read from complaints now (the others' are stored). */
static void compute_keys(struct run *R)
{
	struct mset *set = &R->set;
#pragma omp parallel for schedule(dynamic, 4096)
	for (uint32_t i = 0; i < set->n; i++) {
		if (!set->r[i].fresh)
			continue;
		block_record_keys(set, &set->r[i]);
		complainant_keys(set, &set->r[i]);
		set->r[i].keyed = 1;
	}
}

/*
 * Whether this increment can start from match_keys: they exist, were
 * written by the last run with the same parameters, and that run was not
 * as of a later day (its keys would hold complaints not compared now).
 */
static int can_go_light(struct run *R, int as_of)
{
	if (!R->changed_only)
		return 0;
	char want[64];
	state_text(R, R->last_run, want, sizeof(want));
	char *got = store_meta_get(R->st, "match_state");
	char *seen = store_meta_get(R->st, "match_seen_id");
	int ok = got && !strcmp(got, want) && seen;
	free(got);
	free(seen);
	sqlite3_stmt *s = store_prepare(R->st, "SELECT as_of FROM match_runs WHERE id = ?");
	sqlite3_bind_int64(s, 1, R->last_run);
	ok = ok && sqlite3_step(s) == SQLITE_ROW && store_column_day(s, 0) <= as_of;
	sqlite3_finalize(s);
	return ok;
}

/*
 * Complaints loaded since the last run are the rowids above the highest it
 * saw (rowids only grow: complaints are never deleted); they join the
 * changed ones in match_dirty, which the update trigger keeps.
 */
static enum nk_err mark_new(struct run *R, struct strbuf *err)
{
	char *seen = store_meta_get(R->st, "match_seen_id");
	sqlite3_stmt *s = store_prepare(R->st, "INSERT OR IGNORE INTO match_dirty (id)"
					       " SELECT id FROM complaints WHERE id > ?");
	sqlite3_bind_int64(s, 1, seen ? strtoll(seen, NULL, 10) : 0);
	free(seen);
	return store_step_once(R->st, s, "finding the new complaints", err);
}

static enum nk_err load(struct run *R, int as_of, struct strbuf *err)
{
	R->params_hash = 1469598103934665603ULL;
	const unsigned char *pb = (const unsigned char *)&R->p;
	for (size_t i = 0; i < sizeof(R->p); i++)
		R->params_hash = (R->params_hash ^ pb[i]) * 1099511628211ULL;
	R->light = can_go_light(R, as_of);
	enum nk_err e = R->light ? mark_new(R, err) : NK_OK;
	if (!e && R->light && (e = mset_load_light(&R->set, R->st, as_of, err)) == NK_EFORMAT) {
		/* as after a change of parameters: every complaint, against its stored fp */
		mset_release(&R->set);
		strbuf_reset(err);
		R->light = 0;
		R->sum->keys_damaged = 1;
		e = NK_OK;
	}
	if (!e && !R->light)
		e = mset_load(&R->set, R->st, as_of, NULL, 0, err);
	if (e)
		return e;
	R->sum->complaints = R->set.n;
	R->sum->keys_computed = R->set.keys_computed;
	if (R->light) {
		for (uint32_t i = 0; i < R->set.n; i++)
			R->sum->changed += R->set.r[i].changed;
	} else {
		mark_changed(R);
	}
	compute_keys(R);
	load_rejections(R);
	return NK_OK;
}

enum nk_err match_run(struct store *st, const struct config *cfg, int as_of,
		      const struct match_options *opt, struct match_summary *out,
		      struct strbuf *err)
{
	double started = now_seconds();
	struct run R = {.st = st, .cfg = cfg, .opt = opt, .sum = out, .dropped = STRBUF_INIT};
	memset(out, 0, sizeof(*out));
#ifdef _OPENMP
	if (opt->threads > 0)
		omp_set_num_threads(opt->threads);
	out->threads = omp_get_max_threads();
#else
	out->threads = 1;
#endif
	if (score_params_load(&R.p, cfg, err) < 0 ||
	    config_int(cfg, "match", "keep_runs", 30, &R.keep_runs, err) < 0)
		return NK_ECONFIG;
	if (R.keep_runs < 2) {
		strbuf_addf(err,
			    "[match] keep_runs = %ld: keep at least 2 runs' proposals (the last"
			    " run's are copied forward)",
			    R.keep_runs);
		return NK_ECONFIG;
	}
	R.last_run = query_int(st, "SELECT coalesce(max(id), 0) FROM match_runs");
	R.changed_only = R.last_run > 0 && !opt->full;
	out->full = !R.changed_only;
	enum nk_err e = load(&R, as_of, err);
	out->light = R.light;
	out->load_seconds = now_seconds() - started;
	if (!e)
		e = stages(&R, err);
	/*
	 * Scored and explained: the signatures (a third of the records'
	 * memory) and, for a full run, the candidate pairs are not read again,
	 * and the write's page cache grows in their place.
	 */
	free(R.set.sig);
	R.set.sig = NULL;
	R.set.sig_alloc = 0;
	double t = now_seconds();
	if (!e)
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
	for (const char *q; (q = strchr(v, '"')); v = q + 1)
		strbuf_add(sb, v, (size_t)(q - v + 1)), strbuf_addch(sb, '"');
	strbuf_addstr(sb, v);
	strbuf_addch(sb, '"');
}

/*
 * d with 3 or 4 decimals, as printf's "%.Nf" writes it, without its cost
 * (a million numbers a night). printf rounds the exact binary value, half
 * to even; scaling can move a value onto a tie, so values near one go to
 * printf itself.
 */
static void csv_fixed(struct strbuf *sb, double d, int decimals)
{
	double scale = decimals == 4 ? 1e4 : 1e3, x = d * scale;
	double frac = x - floor(x);
	if (!(fabs(x) < 1e15) || fabs(frac - 0.5) < 1e-6) {
		strbuf_addf(sb, decimals == 4 ? "%.4f" : "%.3f", d);
		return;
	}
	long long v = (long long)floor(x + 0.5);
	char buf[48], *p = buf + sizeof(buf);
	unsigned long long a = (unsigned long long)(v < 0 ? -v : v);
	for (int k = 0; k < decimals; k++, a /= 10)
		*--p = (char)('0' + a % 10);
	*--p = '.';
	do
		*--p = (char)('0' + a % 10);
	while (a /= 10);
	if (v < 0 || (v == 0 && signbit(d)))
		*--p = '-';
	strbuf_add(sb, p, (size_t)(buf + sizeof(buf) - p));
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
			csv_fixed(sb, d, i == 4 ? 4 : 3);
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
		    " WHERE p.id BETWEEN ?2 AND ?3 AND +run_id = ?1 ORDER BY p.id");
	bind_run_rows(st, s, run_id);
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
	sqlite3_stmt *s =
		store_prepare(st, "SELECT count(DISTINCT complainant_id) FROM complainants"
				  " WHERE id IN (SELECT id FROM complaints WHERE mobile = ?)");
	char mob[16];
	xsnprintf(mob, sizeof(mob), "%010llu", (unsigned long long)r->mobile);
	sqlite3_bind_text(s, 1, mob, -1, SQLITE_TRANSIENT);
	int n = sqlite3_step(s) == SQLITE_ROW ? sqlite3_column_int(s, 0) : 0;
	sqlite3_finalize(s);
	return n > p->mobile_max_names;
}

/* The records' counts as the last run saw them, from match_keys (no run
 * yet: all 0, which changes no weight). */
static void explain_counts(struct store *st, struct mset *set)
{
	struct freq_keys *keys;
	size_t nkeys;
	if (freq_stored_keys(st, 1, NULL, 0, &keys, &nkeys) < 0)
		nkeys = 0;
	for (uint32_t i = 0; i < set->n; i++) {
		struct mrec *r = &set->r[i];
		block_record_keys(set, r);
		for (int kind = 0; kind < TF_COUNT; kind++) {
			unsigned long n = 0;
			uint64_t k = freq_key(r, kind);
			for (size_t j = 0; k && j < nkeys; j++)
				n += keys[j].k[kind] == k;
			r->freq[kind] = (uint8_t)freq_bucket(n);
		}
	}
	free(keys);
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
	explain_counts(st, &set);
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
