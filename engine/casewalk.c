/* casewalk.c - the complaints read into case files, a batch ahead (see casewalk.h). */
#include "engine/casewalk.h"

#include <stdlib.h>
#include <string.h>

#include "engine/date.h"
#include "engine/keys.h"
#include "engine/vocab.h"

#define WALK_BATCH 256 /* cases a batch */
#define WALK_SLOTS 4   /* batches read ahead; at most KEYS_QUEUE */
/* The reading connection's page cache: it reads the pages mostly in order,
 * once each; the default (STORE_CACHE_KIB) only added 60 MB to the process. */
#define WALK_CACHE_KIB 8192

/* A query read in complaint-id order, one row ahead. */
struct cursor {
	sqlite3_stmt *s;
	int has;
};

struct slot {
	struct casewalk *w;
	struct nk_case k[WALK_BATCH];
	unsigned char merged[WALK_BATCH];
	size_t n, ticket;
	int last; /* nothing is read after this batch */
};

struct casewalk {
	struct keys_pool *pool; /* its worker reads; none: read when asked */
	struct store *st;       /* the reading connection */
	struct store *own;      /* it, when opened for the worker */
	struct cursor c, h, m;
	struct vocab_texts vocab; /* for the v_* columns of c */
	casewalk_unknown_fn *unknown;
	void *arg;
	int started;
	enum nk_err rc; /* the reading's; its message in err */
	struct strbuf err;
	struct slot slot[WALK_SLOTS];
	size_t cur, at; /* the slot being worked through, its next case */
	int waited;     /* for slot cur's batch */
};

static void cursor_next(struct casewalk *w, struct cursor *c)
{
	int rc = sqlite3_step(c->s);
	c->has = rc == SQLITE_ROW;
	if (rc != SQLITE_ROW && rc != SQLITE_DONE && !w->rc)
		w->rc = store_error(w->st, "cannot read the complaints' timeline", &w->err);
}

/* <0, 0, >0 as the cursor's complaint id sorts before, at, after id; 1 at the end. */
static int cursor_cmp(const struct cursor *c, const char *id)
{
	if (!c->has)
		return 1;
	return strcmp((const char *)sqlite3_column_text(c->s, 0), id);
}

static const char *col(sqlite3_stmt *s, int i)
{
	return (const char *)sqlite3_column_text(s, i);
}

static const char *col_vocab(struct casewalk *w, sqlite3_stmt *s, int i)
{
	return vocab_texts_get(&w->vocab, sqlite3_column_int64(s, i));
}

/* store_column_day for the schema's 'YYYY-MM-DD', without the general parser. */
static int col_day(sqlite3_stmt *s, int i)
{
	const unsigned char *t = sqlite3_column_text(s, i);
	if (t && sqlite3_column_bytes(s, i) == 10 && t[4] == '-' && t[7] == '-') {
		int v[8], ok = 1;
		static const int at[8] = {0, 1, 2, 3, 5, 6, 8, 9};
		for (int j = 0; j < 8; j++) {
			v[j] = t[at[j]] - '0';
			ok &= v[j] >= 0 && v[j] <= 9;
		}
		if (ok)
			return date_from_ymd(v[0] * 1000 + v[1] * 100 + v[2] * 10 + v[3],
					     v[4] * 10 + v[5], v[6] * 10 + v[7]);
	}
	return store_column_day(s, i);
}

static void read_complaint(struct casewalk *w, struct nk_case *k, sqlite3_stmt *s)
{
	casefile_reset(k);
	k->id = casefile_str(k, col(s, 0));
	k->reg_day = col_day(s, 1);
	k->level_now = sqlite3_column_int(s, 2);
	k->status_now = status_from_name(col(s, 3) ? col(s, 3) : "");
	k->category_now = casefile_str(k, col_vocab(w, s, 4));
	k->department = casefile_str(k, col_vocab(w, s, 5));
	k->officer_now = casefile_str(k, col(s, 6));
	k->officer_name = casefile_str(k, col_vocab(w, s, 7));
	k->level_since = col_day(s, 8);
	k->closed_day = col_day(s, 9);
	k->satisfaction = casefile_str(k, col_vocab(w, s, 10));
	k->prev_category = casefile_str(k, col_vocab(w, s, 11));
	k->category_changed_day = col_day(s, 12);
	k->oj_day = col_day(s, 13);
	k->oj_level = sqlite3_column_int(s, 14);
	k->oj_officer = casefile_str(k, col(s, 15));
	k->mobile = casefile_str(k, col(s, 16));
	k->village = casefile_str(k, col_vocab(w, s, 17));
	k->tehsil = casefile_str(k, col_vocab(w, s, 18));
	k->name = casefile_str(k, col(s, 19));
	k->no_satisfaction_col = sqlite3_column_int(s, 21);
	k->complainant = casefile_str(k, col(s, 22));
}

static enum action action_from_name(const char *name)
{
	for (enum action x = ACT_ESCALATED; name && x <= ACT_CLOSED; x++)
		if (!strcmp(action_name(x), name))
			return x;
	return ACT_UNKNOWN;
}

static void read_move(struct nk_case *k, sqlite3_stmt *s)
{
	struct case_move *m = casefile_add_move(k);
	m->day = col_day(s, 1);
	const char *t = col(s, 2);
	m->seconds = t && strlen(t) >= 5 ? ((t[0] - '0') * 10 + t[1] - '0') * 3600 +
						   ((t[3] - '0') * 10 + t[4] - '0') * 60
					 : -1;
	const char *act = col(s, 3);
	m->act = action_from_name(act);
	m->from_level = sqlite3_column_int(s, 4);
	m->to_level = sqlite3_column_int(s, 5);
	m->from_officer = casefile_str(k, col(s, 6));
	m->to_officer = casefile_str(k, col(s, 7));
	m->old_category = casefile_str(k, col(s, 8));
	m->new_category = casefile_str(k, col(s, 9));
	m->remarks = casefile_str(k, col(s, 10));
	casefile_sort_last_move(k); /* the query sorts by day, not by time */
}

/* The history and movements of case k, whose cursors are at or before it. */
static void gather_timeline(struct casewalk *w, struct nk_case *k)
{
	int c;
	while (!w->rc && (c = cursor_cmp(&w->h, k->id)) <= 0) {
		if (!c)
			casefile_add_hist(k, col_day(w->h.s, 1), col(w->h.s, 2), col(w->h.s, 3),
					  col(w->h.s, 4));
		cursor_next(w, &w->h);
	}
	while (!w->rc && (c = cursor_cmp(&w->m, k->id)) <= 0) {
		if (c)
			w->unknown(w->arg, col(w->m.s, 0));
		else
			read_move(k, w->m.s);
		cursor_next(w, &w->m);
	}
}

/* A batch of cases into slot arg (the job of keys.h's worker). */
static void read_batch(void *arg, size_t i)
{
	struct slot *sl = arg;
	struct casewalk *w = sl->w;
	(void)i;
	sl->n = 0;
	if (!w->started) {
		w->started = 1;
		cursor_next(w, &w->h);
		cursor_next(w, &w->m);
		cursor_next(w, &w->c);
	}
	while (!w->rc && w->c.has && sl->n < WALK_BATCH) {
		struct nk_case *k = &sl->k[sl->n];
		read_complaint(w, k, w->c.s);
		if (w->vocab.rc && !w->rc)
			w->rc = store_error(w->st, "cannot read the complaints' place and category names",
					    &w->err);
		sl->merged[sl->n] = sqlite3_column_type(w->c.s, 20) != SQLITE_NULL;
		gather_timeline(w, k);
		if (w->rc)
			break;
		sl->n++;
		cursor_next(w, &w->c);
	}
	sl->last = w->rc || !w->c.has;
	while (sl->last && !w->rc && w->m.has) { /* movements after the last complaint */
		w->unknown(w->arg, col(w->m.s, 0));
		cursor_next(w, &w->m);
	}
}

static void submit(struct casewalk *w, struct slot *sl)
{
	sl->ticket = keys_submit_job(w->pool, read_batch, sl, 1);
}

struct casewalk *casewalk_start(struct store *st, const char *complaints_sql,
				casewalk_unknown_fn *unknown, void *arg)
{
	struct casewalk *w = xcalloc(1, sizeof(*w));
	strbuf_init(&w->err, 0);
	w->pool = keys_pool_new();
	w->st = st;
	if (keys_pool_has_worker(w->pool) && store_open(&w->own, st->path, STORE_READ, &w->err) == NK_OK) {
		w->st = w->own;
		store_set_cache(w->own, WALK_CACHE_KIB);
	}
	strbuf_reset(&w->err); /* without a connection of its own it reads on st's */
	w->unknown = unknown;
	w->arg = arg;
	w->c.s = store_prepare(w->st, complaints_sql);
	vocab_texts_init(&w->vocab, w->st->db);
	w->h.s = store_prepare(w->st, "SELECT complaint_id, snapshot_date, field, old_value,"
				      " new_value FROM complaint_history"
				      " ORDER BY complaint_id, snapshot_date, id");
	w->m.s = store_prepare(w->st, "SELECT complaint_id, action_date, action_time, action,"
				      " from_level, to_level, from_officer, to_officer,"
				      " old_category, new_category, remarks"
				      " FROM movements ORDER BY complaint_id, action_date, id");
	for (int s = 0; s < WALK_SLOTS; s++) {
		w->slot[s].w = w;
		for (int k = 0; k < WALK_BATCH; k++)
			casefile_init(&w->slot[s].k[k]);
	}
	for (int s = 0; s < WALK_SLOTS; s++)
		submit(w, &w->slot[s]);
	return w;
}

struct nk_case *casewalk_next(struct casewalk *w, int *merged)
{
	for (;;) {
		struct slot *sl = &w->slot[w->cur];
		if (!w->waited) {
			keys_wait_job(w->pool, sl->ticket);
			w->waited = 1;
			w->at = 0;
		}
		if (w->at < sl->n) {
			*merged = sl->merged[w->at];
			return &sl->k[w->at++];
		}
		if (sl->last)
			return NULL;
		submit(w, sl); /* worked through: read the batch after the others */
		w->cur = (w->cur + 1) % WALK_SLOTS;
		w->waited = 0;
	}
}

enum nk_err casewalk_finish(struct casewalk *w, struct strbuf *err)
{
	keys_pool_free(w->pool); /* the batches submitted are read first */
	enum nk_err rc = w->rc;
	if (rc)
		strbuf_addstr(err, w->err.buf);
	sqlite3_finalize(w->c.s);
	sqlite3_finalize(w->h.s);
	sqlite3_finalize(w->m.s);
	store_close(w->own);
	vocab_texts_release(&w->vocab);
	for (int s = 0; s < WALK_SLOTS; s++)
		for (int k = 0; k < WALK_BATCH; k++)
			casefile_release(&w->slot[s].k[k]);
	strbuf_release(&w->err);
	free(w);
	return rc;
}
