/* block.c - candidate pairs from blocking keys. */
#include "engine/block.h"

#include <stdlib.h>
#include <string.h>

#ifdef _OPENMP
#include <omp.h>
#endif

struct bent {
	uint64_t key; /* kind in the top 2 bits, hash below */
	uint64_t sub; /* day (offset to be unsigned) << 32 | record index */
};

const char *block_kind_name(int kind)
{
	static const char *const n[] = {"mobile", "phonetic", "bridge", "place"};
	return kind >= 0 && kind < BK_COUNT ? n[kind] : "";
}

void pair_list_release(struct pair_list *pl)
{
	free(pl->v);
	memset(pl, 0, sizeof(*pl));
}

static uint64_t mix(uint64_t h, const void *data, size_t n)
{
	const unsigned char *p = data;
	for (size_t i = 0; i < n; i++)
		h = (h ^ p[i]) * 1099511628211ULL;
	return (h ^ 0xff) * 1099511628211ULL;
}

static uint64_t mix_str(uint64_t h, const char *s)
{
	return mix(h, s, strlen(s));
}

static uint64_t tagged(int kind, uint64_t h)
{
	h ^= h >> 29; /* FNV's low bits are weak; spread before cutting */
	h *= 0xbf58476d1ce4e5b9ULL;
	h ^= h >> 32;
	return ((uint64_t)kind << 62) | (h >> 2);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Hash of the bridge words in sorted order: order-free cross-script key. */
static uint64_t sorted_bridge_hash(const char *bridge, uint64_t h)
{
	char buf[512];
	char *w[32];
	int nw = 0;
	xsnprintf(buf, sizeof(buf), "%s", bridge);
	for (char *p = buf; *p && nw < 32;) {
		while (*p == ' ')
			p++;
		if (!*p)
			break;
		w[nw++] = p;
		while (*p && *p != ' ')
			p++;
		if (*p)
			*p++ = 0;
	}
	qsort(w, (size_t)nw, sizeof(w[0]), cmp_str);
	for (int i = 0; i < nw; i++)
		h = mix_str(h, w[i]);
	return h;
}

/* The block keys of full record r (0: none). */
static void keys_of(const struct mset *set, const struct mrec *r, uint64_t key[BK_COUNT])
{
	const uint64_t h0 = 1469598103934665603ULL;
	memset(key, 0, BK_COUNT * sizeof(key[0]));
	if (r->mob_ident && r->mobile)
		key[BK_MOBILE] = tagged(BK_MOBILE, mix(h0, &r->mobile, sizeof(r->mobile)));
	if (*r->name_phon) {
		/* strings, not interned ids: the keys are stored between runs */
		uint64_t h = mix_str(h0, mset_str(set, r->district));
		key[BK_PHONETIC] = tagged(BK_PHONETIC, mix_str(h, r->name_phon));
		key[BK_BRIDGE] = tagged(BK_BRIDGE, sorted_bridge_hash(r->name_bridge, h));
	}
	if (r->category >= 0 && r->village >= 0) {
		/* split by the name's initials: neighbours with the same
		 * village problem would otherwise make most of the pairs */
		uint64_t h = mix_str(h0, mset_str(set, r->district));
		h = mix_str(h, mset_str(set, r->category));
		h = mix_str(h, mset_str(set, r->village));
		char ini[2] = {r->name_phon[0], 0};
		const char *last = strrchr(r->name_phon, ' ');
		ini[1] = last ? last[1] : 0;
		key[BK_PLACE] = tagged(BK_PLACE, mix(h, ini, sizeof(ini)));
	}
}

/* 32 bits of a key, never 0 (0 says "none"). */
static uint32_t tf_cut(uint64_t h)
{
	h = tagged(0, h);
	return (uint32_t)(h >> 29) | 1;
}

/*
 * The term-frequency keys of full record r (engine/freq.h), each of its
 * district: the father's name; the village, in its tehsil; the text, for
 * its category (one signature: the same words, a stock sentence).
 */
static void tf_keys_of(const struct mset *set, const struct mrec *r, uint32_t tf[MSET_TF])
{
	const uint64_t h0 = 1469598103934665603ULL;
	uint64_t d = mix_str(h0, mset_str(set, r->district));
	memset(tf, 0, MSET_TF * sizeof(tf[0]));
	if (*r->father_bridge)
		tf[0] = tf_cut(mix_str(d ^ 1, r->father_bridge));
	if (r->village >= 0)
		tf[1] = tf_cut(mix_str(mix_str(d ^ 2, mset_str(set, r->tehsil)),
				       mset_str(set, r->village)));
	const text_bits *sig = set->sig + (size_t)(r - set->r) * TEXT_SIG_LEN;
	if (r->category >= 0 && sig[0] != TEXT_BITS_EMPTY) {
		uint64_t h = mix_str(d ^ 3, mset_str(set, r->category));
		for (int i = 0; i < TEXT_SIG_LEN; i++) /* a word at a time: a million of these */
			h = (h ^ sig[i]) * 0x100000001b3ULL;
		tf[2] = tf_cut(h);
	}
}

void block_record_keys(const struct mset *set, struct mrec *r)
{
	keys_of(set, r, r->key);
	tf_keys_of(set, r, r->tf);
	r->phon_hash = mix_str(0, r->name_phon);
}

/* The block entry of record i of this kind, when it has the key; 0 or 1. */
static size_t record_entry(const struct mset *set, uint32_t i, int kind, struct bent *e)
{
	const struct mrec *r = &set->r[i];
	uint64_t own[BK_COUNT];
	const uint64_t *key = r->keyed ? r->key : own;
	if (!r->keyed)
		keys_of(set, r, own);
	if (!key[kind])
		return 0;
	e->key = key[kind];
	e->sub = ((uint64_t)(uint32_t)(r->day + 0x40000000) << 32) | i;
	return 1;
}

struct keyset {
	uint64_t *v;
	size_t cap;
};

static int keyset_has(const struct keyset *k, uint64_t key)
{
	size_t h = (size_t)(key * 0x9e3779b97f4a7c15ULL >> 17) & (k->cap - 1);
	while (k->v[h]) {
		if (k->v[h] == key)
			return 1;
		h = (h + 1) & (k->cap - 1);
	}
	return 0;
}

static void keyset_add(struct keyset *k, uint64_t key)
{
	size_t h = (size_t)(key * 0x9e3779b97f4a7c15ULL >> 17) & (k->cap - 1);
	while (k->v[h] && k->v[h] != key)
		h = (h + 1) & (k->cap - 1);
	k->v[h] = key;
}

/* The keys of every kind that the changed records hold. */
static void changed_keys(const struct mset *set, struct keyset *ks)
{
	size_t nchanged = 0;
	for (uint32_t i = 0; i < set->n; i++)
		nchanged += set->r[i].changed;
	ks->cap = 1024;
	while (ks->cap < nchanged * 8 + 8)
		ks->cap *= 2;
	ks->v = xcalloc(ks->cap, sizeof(uint64_t));
	for (uint32_t i = 0; i < set->n; i++) {
		struct bent one;
		for (int kind = 0; kind < BK_COUNT && set->r[i].changed; kind++)
			if (record_entry(set, i, kind, &one))
				keyset_add(ks, one.key);
	}
}

/*
 * Every record's block entry of one kind; with changed (the keys of the
 * changed records), just the entries of blocks that hold a changed record
 * (the others can make no new pair).
 */
static size_t make_entries(const struct mset *set, int kind, const struct keyset *changed,
			   struct bent *e)
{
	size_t n = 0;
	for (uint32_t i = 0; i < set->n; i++)
		if (record_entry(set, i, kind, e + n) && (!changed || keyset_has(changed, e[n].key)))
			n++;
	return n;
}

/*
 * LSD radix sort of v[0..n) by its low `bytes` bytes of (key, sub), sub's
 * first, skipping byte positions that never vary; scratch holds n entries.
 */
static void lsd_sort(struct bent *v, struct bent *scratch, size_t n, int bytes)
{
	struct bent *src = v, *dst = scratch;
	for (int pass = 0; pass < bytes; pass++) {
		int shift = (pass % 8) * 8;
		int use_key = pass >= 8;
		size_t count[256] = {0};
		for (size_t i = 0; i < n; i++)
			count[((use_key ? src[i].key : src[i].sub) >> shift) & 0xff]++;
		int trivial = 0;
		for (int b = 0; b < 256; b++)
			if (count[b] == n)
				trivial = 1;
		if (trivial)
			continue;
		size_t pos = 0;
		for (int b = 0; b < 256; b++) {
			size_t c = count[b];
			count[b] = pos;
			pos += c;
		}
		for (size_t i = 0; i < n; i++)
			dst[count[((use_key ? src[i].key : src[i].sub) >> shift) & 0xff]++] =
				src[i];
		struct bent *t = src;
		src = dst, dst = t;
	}
	if (src != v)
		memcpy(v, src, n * sizeof(*v));
}

/*
 * Sorts by (key, sub). One pass on the key's top byte spreads the entries
 * into 256 buckets small enough for the cache, which the threads then sort
 * apart on the other 15 bytes: the order a single sort gives, found faster
 * on one thread and shared between several.
 */
static void sort_entries(struct bent *e, size_t n)
{
	struct bent *tmp = xmalloc(n * sizeof(*tmp) + 1);
	size_t start[257] = {0}, pos[256];
	for (size_t i = 0; i < n; i++)
		start[(e[i].key >> 56) + 1]++;
	for (int b = 0; b < 256; b++)
		start[b + 1] += start[b];
	memcpy(pos, start, sizeof(pos));
	for (size_t i = 0; i < n; i++)
		tmp[pos[e[i].key >> 56]++] = e[i];
#pragma omp parallel for schedule(dynamic, 1)
	for (int b = 0; b < 256; b++) {
		size_t s = start[b], m = start[b + 1] - s;
		lsd_sort(tmp + s, e + s, m, 15);
		memcpy(e + s, tmp + s, m * sizeof(*e));
	}
	free(tmp);
}

void block_sort_u64(uint64_t *v, uint64_t *tmp, size_t n)
{
	uint64_t *src = v, *dst = tmp;
	for (int shift = 0; shift < 64; shift += 8) {
		size_t count[256] = {0};
		for (size_t i = 0; i < n; i++)
			count[(src[i] >> shift) & 0xff]++;
		int trivial = 0;
		for (int b = 0; b < 256; b++)
			if (count[b] == n)
				trivial = 1;
		if (trivial)
			continue;
		size_t pos = 0;
		for (int b = 0; b < 256; b++) {
			size_t c = count[b];
			count[b] = pos;
			pos += c;
		}
		for (size_t i = 0; i < n; i++)
			dst[count[(src[i] >> shift) & 0xff]++] = src[i];
		uint64_t *t = src;
		src = dst, dst = t;
	}
	if (src != v)
		memcpy(v, src, n * sizeof(*v));
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return x < y ? -1 : x > y;
}

/* Distinct phonetic names in a mobile block [s, e). */
static int distinct_names(const struct mset *set, const struct bent *e, size_t s, size_t end)
{
	size_t k = end - s;
	uint64_t small[64], *h = k <= 64 ? small : xmalloc(k * sizeof(*h));
	for (size_t i = 0; i < k; i++) {
		const struct mrec *r = &set->r[(uint32_t)e[s + i].sub];
		h[i] = r->keyed ? r->phon_hash : mix_str(0, r->name_phon);
	}
	qsort(h, k, sizeof(*h), cmp_u64);
	int d = 0;
	for (size_t i = 0; i < k; i++)
		d += !i || h[i] != h[i - 1];
	if (h != small)
		free(h);
	return d;
}

struct blk {
	size_t s, e;
};

/*
 * A thread's candidate pairs as they are found, in chunks that double up to
 * CHUNK_MAX and never move: a doubled array held them twice while it was
 * copied, with up to half of it unused, and joining the threads' arrays
 * and sorting them held every pair twice more (ten million complaints
 * find fifty million pairs).
 */
#define CHUNK_MIN ((size_t)1 << 12)
#define CHUNK_MAX ((size_t)1 << 23) /* 64 MB: malloc maps it apart, and gives it back when freed */

struct pair_chunks {
	uint64_t **v;
	size_t nchunks, alloc, last; /* pairs in the last chunk */
};

static size_t chunk_cap(size_t k)
{
	return k >= 11 ? CHUNK_MAX : CHUNK_MIN << k;
}

static size_t chunk_len(const struct pair_chunks *c, size_t k)
{
	return k + 1 == c->nchunks ? c->last : chunk_cap(k);
}

static void chunks_add(struct pair_chunks *c, uint64_t v)
{
	if (!c->nchunks || c->last == chunk_cap(c->nchunks - 1)) {
		ALLOC_GROW(c->v, c->nchunks + 1, c->alloc);
		c->v[c->nchunks] = xmalloc(chunk_cap(c->nchunks) * sizeof(uint64_t));
		c->nchunks++;
		c->last = 0;
	}
	c->v[c->nchunks - 1][c->last++] = v;
}

/*
 * Whether an earlier kind's blocks gave the pair a, c already: they share
 * its key, and its block was paired whole (not windowed, not a shared
 * mobile: wide has bit j for the records of such kind-j blocks). Days
 * apart and changes ask the same of every kind. Half the pairs a run
 * finds are found again by another kind; not holding them twice is half
 * the pairs' memory.
 */
static int found_before(const struct mset *set, const uint8_t *wide, int kind, uint32_t a,
			uint32_t c)
{
	const struct mrec *x = &set->r[a], *y = &set->r[c];
	if (!x->keyed || !y->keyed)
		return 0;
	for (int j = 0; j < kind; j++)
		if (x->key[j] && x->key[j] == y->key[j] && !(wide[a] >> j & 1))
			return 1;
	return 0;
}

static void emit_block(const struct mset *set, const struct score_params *p, int changed_only,
		       const uint8_t *wide, int kind, const struct bent *e, struct blk b,
		       struct pair_chunks *out)
{
	int over = (long)(b.e - b.s) > p->block_max;
	for (size_t i = b.s; i < b.e; i++) {
		uint32_t a = (uint32_t)e[i].sub;
		int da = set->r[a].day;
		for (size_t j = i + 1; j < b.e; j++) {
			uint32_t c = (uint32_t)e[j].sub;
			if (set->r[c].day - da > p->window_days)
				break;
			if (over && (long)(j - i) > p->block_window)
				break;
			if (changed_only && !set->r[a].changed && !set->r[c].changed)
				continue;
			if (kind && found_before(set, wide, kind, a, c))
				continue;
			chunks_add(out, a < c ? ((uint64_t)a << 32 | c) : ((uint64_t)c << 32 | a));
		}
	}
}

/* Marks in wide (bit kind) the records of block [s, end). */
static void mark_wide(uint8_t *wide, const struct bent *e, size_t s, size_t end, int kind)
{
	for (size_t i = s; i < end; i++)
		wide[(uint32_t)e[i].sub] |= (uint8_t)(1u << kind);
}

/*
 * Finds blocks, marks shared mobiles and the blocks not paired whole (in
 * wide), fills stats; returns the blocks to pair.
 */
static struct blk *find_blocks(const struct mset *set, const struct score_params *p,
			       const struct bent *e, size_t n, uint8_t *mobile_shared,
			       uint8_t *wide, size_t *nblk, struct block_stats *st)
{
	struct blk *b = NULL;
	size_t nb = 0, alloc = 0;
	for (size_t s = 0; s < n;) {
		size_t end = s + 1;
		while (end < n && e[end].key == e[s].key)
			end++;
		int kind = (int)(e[s].key >> 62);
		long size = (long)(end - s);
		if (size >= 2) {
			st->blocks[kind]++;
			if (size > st->largest[kind])
				st->largest[kind] = size;
			if (kind == BK_MOBILE &&
			    distinct_names(set, e, s, end) > p->mobile_max_names) {
				st->shared_mobiles++;
				for (size_t i = s; i < end; i++)
					mobile_shared[(uint32_t)e[i].sub] = 1;
				mark_wide(wide, e, s, end, kind);
			} else {
				if (size > p->block_max) {
					st->oversized[kind]++;
					mark_wide(wide, e, s, end, kind);
				}
				ALLOC_GROW(b, nb + 1, alloc);
				b[nb++] = (struct blk){s, end};
			}
		}
		s = end;
	}
	*nblk = nb;
	return b;
}

/*
 * The candidate pairs of one kind's blocks, appended to part[thread]. e is
 * scratch for one entry a record: the kind's top 2 bits in every key put
 * the kinds' blocks apart, so blocking a kind at a time gives the blocks
 * (and stats) that sorting all the entries together does, in a quarter of
 * the memory.
 */
static void block_kind(const struct mset *set, const struct score_params *p, int kind,
		       const struct keyset *changed, uint8_t *mobile_shared, uint8_t *wide,
		       struct bent *e, struct pair_chunks *part, struct block_stats *st)
{
	size_t n = make_entries(set, kind, changed, e);
	sort_entries(e, n);
	size_t nb;
	struct blk *b = find_blocks(set, p, e, n, mobile_shared, wide, &nb, st);
	int changed_only = changed != NULL;
#pragma omp parallel
	{
		int t = 0;
#ifdef _OPENMP
		t = omp_get_thread_num();
#endif
#pragma omp for schedule(dynamic, 256)
		for (size_t i = 0; i < nb; i++)
			emit_block(set, p, changed_only, wide, kind, e, b[i], &part[t]);
	}
	free(b);
}

/*
 * The threads' pairs into out->v, bucket b (the pairs whose first record
 * is b << shift and on) at start[b]; each chunk is freed once read, so a
 * pair is held once. Returns start (nb + 1 offsets).
 */
static size_t *spread_pairs(struct pair_chunks *part, int nt, int shift, size_t nb,
			    struct pair_list *out)
{
	size_t *start = xcalloc(nb + 1, sizeof(size_t)), *pos = xmalloc(nb * sizeof(size_t));
	for (int t = 0; t < nt; t++)
		for (size_t k = 0; k < part[t].nchunks; k++)
			for (size_t i = 0, m = chunk_len(&part[t], k); i < m; i++)
				start[(part[t].v[k][i] >> 32 >> shift) + 1]++;
	for (size_t b = 0; b < nb; b++)
		start[b + 1] += start[b];
	memcpy(pos, start, nb * sizeof(size_t));
	out->v = xmalloc((start[nb] + 1) * sizeof(uint64_t));
	for (int t = 0; t < nt; t++) {
		for (size_t k = 0; k < part[t].nchunks; k++) {
			const uint64_t *c = part[t].v[k];
			for (size_t i = 0, m = chunk_len(&part[t], k); i < m; i++)
				out->v[pos[c[i] >> 32 >> shift]++] = c[i];
			free(part[t].v[k]);
		}
		free(part[t].v);
	}
	free(pos);
	return start;
}

/* Sorts each bucket of v apart and drops repeats: kept[b] distinct at start[b]. */
static void sort_buckets(uint64_t *v, const size_t *start, size_t nb, size_t *kept)
{
	size_t biggest = 0;
	for (size_t b = 0; b < nb; b++)
		if (start[b + 1] - start[b] > biggest)
			biggest = start[b + 1] - start[b];
#pragma omp parallel
	{
		uint64_t *tmp = xmalloc((biggest + 1) * sizeof(uint64_t));
#pragma omp for schedule(dynamic, 16)
		for (size_t b = 0; b < nb; b++) {
			uint64_t *w = v + start[b];
			size_t m = start[b + 1] - start[b], u = 0;
			block_sort_u64(w, tmp, m);
			for (size_t i = 0; i < m; i++)
				if (!u || w[i] != w[u - 1])
					w[u++] = w[i];
			kept[b] = u;
		}
		free(tmp);
	}
}

/*
 * The threads' pairs, sorted and each once, into out: spread into
 * buckets by their first record, the buckets then sorted apart, in the
 * cache. The order is the one sorting them all gives.
 */
static void join_pairs(struct pair_chunks *part, int nt, uint32_t n, struct pair_list *out,
		       struct block_stats *st)
{
	int shift = 0;
	while ((n >> shift) > 4096)
		shift++;
	size_t nb = ((size_t)n >> shift) + 1, u = 0;
	size_t *start = spread_pairs(part, nt, shift, nb, out);
	size_t *kept = xmalloc(nb * sizeof(size_t));
	sort_buckets(out->v, start, nb, kept);
	for (size_t b = 0; b < nb; b++) {
		memmove(out->v + u, out->v + start[b], kept[b] * sizeof(uint64_t));
		u += kept[b];
	}
	out->v = xrealloc(out->v, (u + 1) * sizeof(uint64_t));
	out->n = u;
	out->alloc = u + 1;
	st->pair_hits = (long)start[nb];
	st->pairs = (long)u;
	free(start);
	free(kept);
}

void block_pairs(const struct mset *set, const struct score_params *p, int changed_only,
		 uint8_t *mobile_shared, struct pair_list *out, struct block_stats *st)
{
	memset(st, 0, sizeof(*st));
	memset(mobile_shared, 0, set->n);
	struct keyset ks = {NULL, 0};
	if (changed_only)
		changed_keys(set, &ks);
	int nt = 1;
#ifdef _OPENMP
	nt = omp_get_max_threads();
#endif
	struct pair_chunks *part = xcalloc((size_t)nt, sizeof(*part));
	struct bent *e = xmalloc(((size_t)set->n + 1) * sizeof(*e));
	uint8_t *wide = xcalloc((size_t)set->n + 1, 1);
	for (int kind = 0; kind < BK_COUNT; kind++)
		block_kind(set, p, kind, changed_only ? &ks : NULL, mobile_shared, wide, e, part,
			   st);
	/* the entries (16 bytes a record) go before the pairs are joined */
	free(e);
	free(wide);
	free(ks.v);
	pair_list_release(out);
	join_pairs(part, nt, set->n, out, st);
	free(part);
}
