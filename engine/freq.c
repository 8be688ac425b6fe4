/* freq.c - per-district counts of names, fathers, villages and texts. */
#include "engine/freq.h"

#include <stdlib.h>
#include <string.h>

#include "engine/block.h"

int freq_bucket(unsigned long n)
{
	int b = 0;
	while (n > 1)
		n >>= 1, b++;
	return b;
}

uint64_t freq_key(const struct mrec *r, int kind)
{
	return kind == TF_NAME ? r->key[BK_PHONETIC] : r->tf[kind - 1];
}

/* Open addressing from a key to the counts of the records holding it. */
struct ftab {
	uint64_t *key;                /* 0: empty slot */
	uint32_t *all, *fresh, *then; /* records: all now, read anew, the last run's */
	size_t cap;
};

/* changes: also the fresh and then counts (an increment's, freq_count_changes) */
static void ftab_init(struct ftab *t, size_t n, int changes)
{
	t->cap = 1024;
	while (t->cap < 2 * n)
		t->cap *= 2;
	t->key = xcalloc(t->cap, sizeof(*t->key));
	t->all = xcalloc(t->cap, sizeof(*t->all));
	t->fresh = changes ? xcalloc(t->cap, sizeof(*t->fresh)) : NULL;
	t->then = changes ? xcalloc(t->cap, sizeof(*t->then)) : NULL;
}

static void ftab_release(struct ftab *t)
{
	free(t->key);
	free(t->all);
	free(t->fresh);
	free(t->then);
}

static size_t ftab_slot(struct ftab *t, uint64_t key)
{
	size_t h = (size_t)(key * 0x9e3779b97f4a7c15ULL >> 20) & (t->cap - 1);
	while (t->key[h] && t->key[h] != key)
		h = (h + 1) & (t->cap - 1);
	t->key[h] = key;
	return h;
}

/* Counts kind over set: all records, and the fresh ones. */
static void count_kind(struct ftab *t, const struct mset *set, int kind)
{
	for (uint32_t i = 0; i < set->n; i++) {
		uint64_t k = freq_key(&set->r[i], kind);
		if (!k)
			continue;
		size_t h = ftab_slot(t, k);
		t->all[h]++;
		if (t->fresh)
			t->fresh[h] += set->r[i].fresh;
	}
}

/* A bucket as the weights see it. */
static int seen_as(unsigned long n, int ref, int max)
{
	int b = freq_bucket(n);
	return b < ref ? ref : b > ref + max ? ref + max : b;
}

/*
 * One kind: sets r->freq[kind]; with mark, also mark[i] = 1 for the
 * unchanged records whose bucket the last run saw otherwise (old, ref, max
 * as freq_count_changes() has them).
 */
static void one_kind(struct mset *set, int kind, const struct freq_keys *old, size_t nold,
		     int ref, int max, uint8_t *mark)
{
	struct ftab t;
	ftab_init(&t, set->n + nold, mark != NULL);
	count_kind(&t, set, kind);
	for (size_t j = 0; mark && j < nold; j++)
		if (old[j].k[kind])
			t.then[ftab_slot(&t, old[j].k[kind])]++;
	for (uint32_t i = 0; i < set->n; i++) {
		struct mrec *r = &set->r[i];
		uint64_t k = freq_key(r, kind);
		if (!k) {
			r->freq[kind] = 0;
			continue;
		}
		size_t h = ftab_slot(&t, k);
		r->freq[kind] = (uint8_t)freq_bucket(t.all[h]);
		if (mark && !r->changed) {
			unsigned long before = t.all[h] - t.fresh[h] + t.then[h];
			mark[i] = seen_as(before, ref, max) != seen_as(t.all[h], ref, max);
		}
	}
	ftab_release(&t);
}

/* The kinds are counted apart, side by side: each writes only its own
 * r->freq[kind] and marks, so the result does not depend on the threads. */
void freq_count(struct mset *set)
{
#pragma omp parallel for schedule(static, 1)
	for (int kind = 0; kind < TF_COUNT; kind++)
		one_kind(set, kind, NULL, 0, 0, 0, NULL);
}

long freq_count_changes(struct mset *set, const struct freq_keys *old, size_t nold,
			const int ref[TF_COUNT], int max)
{
	uint8_t *mark = xcalloc((size_t)TF_COUNT * set->n + 1, 1);
#pragma omp parallel for schedule(static, 1)
	for (int kind = 0; kind < TF_COUNT; kind++)
		one_kind(set, kind, old, nold, ref[kind], max, mark + (size_t)kind * set->n);
	long marked = 0;
	for (uint32_t i = 0; i < set->n; i++) {
		int m = 0;
		for (int kind = 0; kind < TF_COUNT; kind++)
			m |= mark[(size_t)kind * set->n + i];
		if (m && !set->r[i].changed) {
			set->r[i].changed = 1;
			marked++;
		}
	}
	free(mark);
	return marked;
}

/* Appends the keys of the blob in row s whose rowids are in want[0..n) (all
 * when want is NULL). -1 when it is damaged. */
static int blob_keys(sqlite3_stmt *s, const int64_t *want, size_t n, struct freq_keys **keys,
		     size_t *nkeys, size_t *alloc)
{
	struct keypack_iter it;
	struct keyrec k;
	if (keypack_start(&it, sqlite3_column_blob(s, 1), (size_t)sqlite3_column_bytes(s, 1),
			  sqlite3_column_int64(s, 0)))
		return -1;
	size_t j = 0;
	int rc;
	while ((rc = keypack_next(&it, &k)) == 1) {
		while (want && j < n && want[j] < k.rowid)
			j++;
		if (want && (j == n || want[j] != k.rowid))
			continue;
		ALLOC_GROW(*keys, *nkeys + 1, *alloc);
		struct freq_keys *f = &(*keys)[(*nkeys)++];
		f->k[TF_NAME] = k.key[BK_PHONETIC];
		for (int t = 0; t < KEYPACK_TF; t++)
			f->k[1 + t] = k.tf[t];
	}
	return rc < 0 ? -1 : 0;
}

int freq_stored_keys(struct store *st, int every, const int64_t *rowids, size_t n,
		     struct freq_keys **keys, size_t *nkeys)
{
	size_t alloc = 0;
	int bad = 0;
	*keys = NULL;
	*nkeys = 0;
	sqlite3_stmt *s;
	if (every) {
		s = store_prepare(st, "SELECT lo, data FROM match_keys ORDER BY lo");
		while (sqlite3_step(s) == SQLITE_ROW)
			bad |= blob_keys(s, NULL, 0, keys, nkeys, &alloc);
		sqlite3_finalize(s);
		return bad ? -1 : 0;
	}
	s = store_prepare(st, "SELECT lo, data FROM match_keys WHERE lo = ?");
	for (size_t i = 0; i < n;) {
		int64_t lo = keypack_lo(rowids[i]);
		size_t j = i;
		while (j < n && keypack_lo(rowids[j]) == lo)
			j++;
		sqlite3_bind_int64(s, 1, lo);
		if (sqlite3_step(s) == SQLITE_ROW)
			bad |= blob_keys(s, rowids + i, j - i, keys, nkeys, &alloc);
		sqlite3_reset(s);
		i = j;
	}
	sqlite3_finalize(s);
	return bad ? -1 : 0;
}
