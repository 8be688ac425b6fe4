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

/*
 * Key -> first record seen under it, open addressing. A slot holds only
 * 2 * idx + which + 1 (0: empty): the key itself is the record's
 * link[which], so a state of ten million complaints needs 4 bytes a slot,
 * not 12.
 */
struct keymap {
	uint32_t *slot;
	size_t cap;
};

static void record_links(const struct mset *set, uint32_t i, uint64_t link[2])
{
	const struct mrec *r = &set->r[i];
	if (r->keyed)
		memcpy(link, r->link, sizeof(r->link));
	else
		links_of(set, r, link);
}

static uint64_t link_at(const struct mset *set, uint32_t slot)
{
	uint64_t link[2];
	record_links(set, (slot - 1) >> 1, link);
	return link[(slot - 1) & 1];
}

/* Joins idx with the first record seen under its link[which] (0: none). */
static void link_key(const struct mset *set, uint32_t *parent, struct keymap *m, uint64_t key,
		     uint32_t idx, uint32_t which)
{
	if (!key)
		return;
	size_t h = (size_t)(key >> 7) & (m->cap - 1);
	while (m->slot[h] && link_at(set, m->slot[h]) != key)
		h = (h + 1) & (m->cap - 1);
	if (!m->slot[h])
		m->slot[h] = 2 * idx + which + 1;
	else
		join(set, parent, (m->slot[h] - 1) >> 1, idx);
}

void complainant_keys(const struct mset *set, struct mrec *r)
{
	links_of(set, r, r->link);
}

/* The links record i puts in the map: bit j set for link[j]. */
static unsigned links_used(const struct mset *set, const uint8_t *mobile_shared, uint32_t i,
			   uint64_t link[2])
{
	record_links(set, i, link);
	return (link[0] && !mobile_shared[i]) | (unsigned)(link[1] != 0) << 1;
}

void complainant_link(const struct mset *set, const uint8_t *mobile_shared, const struct edge *e,
		      size_t ne, uint32_t *rep)
{
	uint32_t n = set->n;
	size_t keys = 0;
	uint64_t link[2];
	for (uint32_t i = 0; i < n; i++) {
		unsigned used = links_used(set, mobile_shared, i, link);
		keys += (used & 1) + (used >> 1);
	}
	struct keymap m = {.cap = 1024};
	while (m.cap < keys * 2) /* at most half full */
		m.cap *= 2;
	m.slot = xcalloc(m.cap, sizeof(uint32_t));
	for (uint32_t i = 0; i < n; i++)
		rep[i] = i;
	for (uint32_t i = 0; i < n; i++) {
		unsigned used = links_used(set, mobile_shared, i, link);
		for (uint32_t j = 0; j < 2; j++)
			if (used >> j & 1)
				link_key(set, rep, &m, link[j], i, j);
	}
	for (size_t k = 0; k < ne; k++)
		join(set, rep, e[k].a, e[k].b);
	for (uint32_t i = 0; i < n; i++)
		rep[i] = find(rep, i);
	free(m.slot);
}
