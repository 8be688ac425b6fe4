/* cluster.c - union-find with cannot-links, primaries, stable group ids. */
#include "engine/cluster.h"

#include <stdlib.h>
#include <string.h>

int cluster_order(const struct mset *set, uint32_t a, uint32_t b)
{
	const struct mrec *x = &set->r[a], *y = &set->r[b];
	if (x->day != y->day)
		return x->day < y->day ? -1 : 1;
	int sx = x->seconds < 0 ? 0 : x->seconds, sy = y->seconds < 0 ? 0 : y->seconds;
	if (sx != sy)
		return sx < sy ? -1 : 1;
	return strcmp(x->cid, y->cid);
}

static int cmp_edge(const void *pa, const void *pb)
{
	const struct edge *a = pa, *b = pb;
	if (a->weight != b->weight)
		return a->weight > b->weight ? -1 : 1;
	if (a->a != b->a)
		return a->a < b->a ? -1 : 1;
	return a->b < b->b ? -1 : a->b > b->b;
}

struct uf {
	uint32_t *parent, *next, *tail, *size;
	uint32_t *cl_off; /* cannot-link partners of record i: cl[cl_off[i] .. cl_off[i+1]) */
	uint32_t *cl;
};

static uint32_t find(struct uf *u, uint32_t x)
{
	while (u->parent[x] != x) {
		u->parent[x] = u->parent[u->parent[x]];
		x = u->parent[x];
	}
	return x;
}

/* True when joining the sets of roots ra and rb would join a cannot-link. */
static int forbidden(struct uf *u, uint32_t ra, uint32_t rb)
{
	if (u->size[ra] > u->size[rb]) {
		uint32_t t = ra;
		ra = rb, rb = t;
	}
	for (uint32_t m = ra; m != UINT32_MAX; m = u->next[m])
		for (uint32_t k = u->cl_off[m]; k < u->cl_off[m + 1]; k++)
			if (find(u, u->cl[k]) == rb)
				return 1;
	return 0;
}

static void join(struct uf *u, uint32_t ra, uint32_t rb)
{
	if (u->size[ra] < u->size[rb]) {
		uint32_t t = ra;
		ra = rb, rb = t;
	}
	u->parent[rb] = ra;
	u->next[u->tail[ra]] = rb;
	u->tail[ra] = u->tail[rb];
	u->size[ra] += u->size[rb];
}

static void build_cannot(struct uf *u, uint32_t n, const uint64_t *cannot, size_t nc)
{
	u->cl_off = xcalloc((size_t)n + 2, sizeof(uint32_t));
	u->cl = xmalloc((2 * nc + 1) * sizeof(uint32_t));
	for (size_t i = 0; i < nc; i++) {
		u->cl_off[(uint32_t)(cannot[i] >> 32) + 1]++;
		u->cl_off[(uint32_t)cannot[i] + 1]++;
	}
	for (uint32_t i = 0; i < n; i++)
		u->cl_off[i + 1] += u->cl_off[i];
	uint32_t *fill = xmalloc(((size_t)n + 1) * sizeof(uint32_t));
	memcpy(fill, u->cl_off, ((size_t)n + 1) * sizeof(uint32_t));
	for (size_t i = 0; i < nc; i++) {
		uint32_t a = (uint32_t)(cannot[i] >> 32), b = (uint32_t)cannot[i];
		u->cl[fill[a]++] = b;
		u->cl[fill[b]++] = a;
	}
	free(fill);
}

static const struct mset *sort_set; /* qsort has no context argument */
static int cmp_member(const void *a, const void *b)
{
	return cluster_order(sort_set, *(const uint32_t *)a, *(const uint32_t *)b);
}
static int cmp_group(const void *a, const void *b)
{
	return cluster_order(sort_set, ((const uint32_t *)a)[0], ((const uint32_t *)b)[0]);
}

/* Collects sets of two or more into out, primary first, groups in order. */
static void collect(const struct mset *set, struct uf *u, struct clustering *out)
{
	size_t ng = 0, nm = 0;
	for (uint32_t i = 0; i < set->n; i++)
		if (u->parent[i] == i && u->size[i] > 1)
			ng++, nm += u->size[i];
	out->g = xcalloc(ng + 1, sizeof(*out->g));
	out->members = xmalloc((nm + 1) * sizeof(uint32_t));
	/* sort each set's members, then sets by their first member */
	uint32_t *firsts = xmalloc((ng + 1) * 2 * sizeof(uint32_t));
	size_t pos = 0, k = 0;
	sort_set = set;
	for (uint32_t i = 0; i < set->n; i++) {
		if (u->parent[i] != i || u->size[i] < 2)
			continue;
		size_t start = pos;
		for (uint32_t m = i; m != UINT32_MAX; m = u->next[m])
			out->members[pos++] = m;
		qsort(out->members + start, pos - start, sizeof(uint32_t), cmp_member);
		firsts[2 * k] = out->members[start];
		firsts[2 * k + 1] = (uint32_t)start;
		k++;
	}
	qsort(firsts, ng, 2 * sizeof(uint32_t), cmp_group);
	uint32_t *ordered = xmalloc((nm + 1) * sizeof(uint32_t));
	pos = 0;
	for (size_t g = 0; g < ng; g++) {
		uint32_t start = firsts[2 * g + 1], n = u->size[find(u, firsts[2 * g])];
		memcpy(ordered + pos, out->members + start, n * sizeof(uint32_t));
		out->g[g] = (struct group){0, (uint32_t)pos, n, 0};
		pos += n;
	}
	free(out->members);
	out->members = ordered;
	out->ng = ng;
	out->nm = nm;
	free(firsts);
}

void cluster_build(const struct mset *set, const struct edge *edges, size_t ne,
		   const uint64_t *cannot, size_t ncannot, struct clustering *out)
{
	memset(out, 0, sizeof(*out));
	struct uf u;
	size_t n = set->n ? set->n : 1;
	u.parent = xmalloc(n * sizeof(uint32_t));
	u.next = xmalloc(n * sizeof(uint32_t));
	u.tail = xmalloc(n * sizeof(uint32_t));
	u.size = xmalloc(n * sizeof(uint32_t));
	for (uint32_t i = 0; i < set->n; i++)
		u.parent[i] = i, u.next[i] = UINT32_MAX, u.tail[i] = i, u.size[i] = 1;
	build_cannot(&u, set->n, cannot, ncannot);
	/* A copy: the caller's edges are read by another thread meanwhile. */
	struct edge *e = xmalloc((ne ? ne : 1) * sizeof(*e));
	if (ne) /* edges is NULL when no pair was accepted */
		memcpy(e, edges, ne * sizeof(*e));
	qsort(e, ne, sizeof(*e), cmp_edge);
	for (size_t i = 0; i < ne; i++) {
		uint32_t ra = find(&u, e[i].a), rb = find(&u, e[i].b);
		if (ra == rb || (ncannot && forbidden(&u, ra, rb)))
			continue;
		join(&u, ra, rb);
	}
	collect(set, &u, out);
	free(e);
	free(u.parent);
	free(u.next);
	free(u.tail);
	free(u.size);
	free(u.cl_off);
	free(u.cl);
}

struct idset {
	int64_t *v;
	size_t cap, n;
};

static int idset_has_add(struct idset *s, int64_t id, int add)
{
	if (add && (s->n + 1) * 2 > s->cap) {
		struct idset t = {xcalloc(s->cap ? s->cap * 2 : 256, sizeof(int64_t)),
				  s->cap ? s->cap * 2 : 256, 0};
		for (size_t i = 0; i < s->cap; i++)
			if (s->v[i])
				idset_has_add(&t, s->v[i], 1);
		free(s->v);
		*s = t;
	}
	if (!s->cap)
		return 0;
	size_t h = (size_t)((uint64_t)id * 0x9e3779b97f4a7c15ULL >> 20) & (s->cap - 1);
	while (s->v[h]) {
		if (s->v[h] == id)
			return 1;
		h = (h + 1) & (s->cap - 1);
	}
	if (add)
		s->v[h] = id, s->n++;
	return 0;
}

void cluster_assign_ids(struct clustering *c, const int64_t *prev_gid, int64_t *next_gid)
{
	struct idset used = {0};
	for (size_t g = 0; g < c->ng; g++) {
		struct group *gr = &c->g[g];
		int64_t best = -1;
		int best_n = 0;
		for (uint32_t i = 0; i < gr->n; i++) {
			int64_t id = prev_gid[c->members[gr->off + i]];
			if (id <= 0 || idset_has_add(&used, id, 0))
				continue;
			int cnt = 0;
			for (uint32_t j = 0; j < gr->n; j++)
				cnt += prev_gid[c->members[gr->off + j]] == id;
			if (cnt > best_n || (cnt == best_n && id < best))
				best = id, best_n = cnt;
		}
		gr->gid = best > 0 ? best : (*next_gid)++;
		idset_has_add(&used, gr->gid, 1);
	}
	free(used.v);
}

void cluster_release(struct clustering *c)
{
	free(c->g);
	free(c->members);
	memset(c, 0, sizeof(*c));
}
