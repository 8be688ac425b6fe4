/* freq.c - per-district counts of names, for the term-frequency adjustment. */
#include "engine/freq.h"

#include <stdlib.h>
#include <string.h>

#include "engine/block.h"
#include "engine/keypack.h"

int freq_bucket(unsigned long n)
{
	int b = 0;
	while (n > 1)
		n >>= 1, b++;
	return b;
}

/* Open addressing from a key to the counts of the records holding it. */
struct ftab {
	uint64_t *key; /* 0: empty slot */
	uint32_t *all, *fresh, *edited;
	size_t cap;
};

static void ftab_init(struct ftab *t, size_t n, int with_changes)
{
	t->cap = 1024;
	while (t->cap < 2 * n)
		t->cap *= 2;
	t->key = xcalloc(t->cap, sizeof(*t->key));
	t->all = xcalloc(t->cap, sizeof(*t->all));
	t->fresh = with_changes ? xcalloc(t->cap, sizeof(*t->fresh)) : NULL;
	t->edited = with_changes ? xcalloc(t->cap, sizeof(*t->edited)) : NULL;
}

static void ftab_release(struct ftab *t)
{
	free(t->key);
	free(t->all);
	free(t->fresh);
	free(t->edited);
}

static size_t ftab_slot(struct ftab *t, uint64_t key)
{
	size_t h = (size_t)(key * 0x9e3779b97f4a7c15ULL >> 20) & (t->cap - 1);
	while (t->key[h] && t->key[h] != key)
		h = (h + 1) & (t->cap - 1);
	t->key[h] = key;
	return h;
}

static uint64_t name_key(const struct mrec *r)
{
	return r->key[BK_PHONETIC];
}

static void count_all(struct ftab *t, const struct mset *set)
{
	for (uint32_t i = 0; i < set->n; i++)
		if (name_key(&set->r[i]))
			t->all[ftab_slot(t, name_key(&set->r[i]))]++;
}

void freq_count(struct mset *set)
{
	struct ftab t;
	ftab_init(&t, set->n, 0);
	count_all(&t, set);
	for (uint32_t i = 0; i < set->n; i++) {
		struct mrec *r = &set->r[i];
		r->name_freq = name_key(r) ? (uint8_t)freq_bucket(t.all[ftab_slot(&t, name_key(r))])
					   : 0;
	}
	ftab_release(&t);
}

/* Whether floor(log2) takes one value over the counts lo..hi. */
static int one_bucket(long lo, long hi)
{
	if (lo < 1)
		lo = 1;
	return freq_bucket((unsigned long)lo) == freq_bucket((unsigned long)hi);
}

long freq_mark_changed(struct mset *set, const uint8_t *is_new, long gone)
{
	struct ftab t;
	ftab_init(&t, set->n, 1);
	count_all(&t, set);
	long unsure = gone; /* edited and gone records: each may have left any key */
	for (uint32_t i = 0; i < set->n; i++) {
		const struct mrec *r = &set->r[i];
		if (!r->changed)
			continue;
		int fresh = is_new && is_new[i];
		unsure += !fresh;
		if (name_key(r))
			(fresh ? t.fresh : t.edited)[ftab_slot(&t, name_key(r))]++;
	}
	long marked = 0;
	for (uint32_t i = 0; i < set->n; i++) {
		struct mrec *r = &set->r[i];
		if (r->changed || !name_key(r))
			continue;
		size_t h = ftab_slot(&t, name_key(r));
		long before = (long)t.all[h] - (long)t.fresh[h] - (long)t.edited[h];
		long hi = before + unsure > (long)t.all[h] ? before + unsure : (long)t.all[h];
		if (!one_bucket(before, hi)) {
			r->changed = 1;
			marked++;
		}
	}
	ftab_release(&t);
	return marked;
}

int freq_stored(struct store *st, const uint64_t *key, int n, uint8_t *bucket)
{
	unsigned long count[8] = {0};
	int found = 0;
	memset(bucket, 0, (size_t)n);
	if (n > 8)
		n = 8;
	sqlite3_stmt *s = store_prepare(st, "SELECT lo, data FROM match_keys ORDER BY lo");
	while (sqlite3_step(s) == SQLITE_ROW) {
		struct keypack_iter it;
		struct keyrec k;
		if (keypack_start(&it, sqlite3_column_blob(s, 1),
				  (size_t)sqlite3_column_bytes(s, 1), sqlite3_column_int64(s, 0)))
			continue;
		found = 1;
		while (keypack_next(&it, &k) == 1)
			for (int j = 0; j < n; j++)
				count[j] += key[j] && k.key[BK_PHONETIC] == key[j];
	}
	sqlite3_finalize(s);
	for (int j = 0; j < n; j++)
		bucket[j] = (uint8_t)freq_bucket(count[j]);
	return found ? 0 : -1;
}
