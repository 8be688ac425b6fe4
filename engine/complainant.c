/* complainant.c - complainant identity by shared keys (union-find). */
#include "engine/complainant.h"

#include <stdlib.h>
#include <string.h>

static uint32_t find(uint32_t *parent, uint32_t x)
{
	while (parent[x] != x) {
		parent[x] = parent[parent[x]];
		x = parent[x];
	}
	return x;
}

/* Joins so that the root is always the earlier registered record. */
static void join(const struct mset *set, uint32_t *parent, uint32_t a, uint32_t b)
{
	uint32_t ra = find(parent, a), rb = find(parent, b);
	if (ra == rb)
		return;
	if (cluster_order(set, ra, rb) < 0)
		parent[rb] = ra;
	else
		parent[ra] = rb;
}

static uint64_t mix(uint64_t h, const void *data, size_t n)
{
	const unsigned char *p = data;
	for (size_t i = 0; i < n; i++)
		h = (h ^ p[i]) * 1099511628211ULL;
	return (h ^ 0xff) * 1099511628211ULL;
}

struct keymap {
	uint64_t *key;
	uint32_t *first;
	size_t cap;
};

/* Joins idx with the first record seen under key (key 0 means none). */
static void link_key(const struct mset *set, uint32_t *parent, struct keymap *m, uint64_t key,
		     uint32_t idx)
{
	if (!key)
		return;
	size_t h = (size_t)(key >> 7) & (m->cap - 1);
	while (m->key[h] && m->key[h] != key)
		h = (h + 1) & (m->cap - 1);
	if (!m->key[h]) {
		m->key[h] = key;
		m->first[h] = idx;
	} else {
		join(set, parent, m->first[h], idx);
	}
}

/* The complainant keys of full record r (0: none). */
static void links_of(const struct mset *set, const struct mrec *r, uint64_t link[2])
{
	link[0] = link[1] = 0;
	if (!*r->name_phon)
		return;
	const uint64_t h0 = 1469598103934665603ULL;
	uint64_t hn = mix(h0, r->name_phon, strlen(r->name_phon));
	if (r->mob_ident && r->mobile)
		link[0] = mix(hn, &r->mobile, sizeof(r->mobile)) | 1;
	if (*r->father_bridge && r->village >= 0) {
		/* strings: stored between runs; the district too, as village
		 * names repeat across districts */
		const char *d = mset_str(set, r->district), *v = mset_str(set, r->village);
		uint64_t h = mix(mix(hn ^ 0x5bd1e995, d, strlen(d)), v, strlen(v));
		link[1] = mix(h, r->father_bridge, strlen(r->father_bridge)) | 1;
	}
}

void complainant_keys(const struct mset *set, struct mrec *r)
{
	links_of(set, r, r->link);
}

void complainant_link(const struct mset *set, const uint8_t *mobile_shared, const struct edge *e,
		      size_t ne, uint32_t *rep)
{
	uint32_t n = set->n;
	for (uint32_t i = 0; i < n; i++)
		rep[i] = i;
	struct keymap m;
	m.cap = 1024;
	while (m.cap < (size_t)n * 4)
		m.cap *= 2;
	m.key = xcalloc(m.cap, sizeof(uint64_t));
	m.first = xmalloc(m.cap * sizeof(uint32_t));
	for (uint32_t i = 0; i < n; i++) {
		const struct mrec *r = &set->r[i];
		uint64_t own[2];
		const uint64_t *link = r->keyed ? r->link : own;
		if (!r->keyed)
			links_of(set, r, own);
		if (!mobile_shared[i])
			link_key(set, rep, &m, link[0], i);
		link_key(set, rep, &m, link[1], i);
	}
	for (size_t k = 0; k < ne; k++)
		join(set, rep, e[k].a, e[k].b);
	for (uint32_t i = 0; i < n; i++)
		rep[i] = find(rep, i);
	free(m.key);
	free(m.first);
}
