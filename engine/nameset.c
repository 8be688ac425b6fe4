/* nameset.c - shared copies of repeated name forms (see nameset.h). */
#include "engine/nameset.h"

#include <stdlib.h>
#include <string.h>

/* A hash of s[0..n) a word at a time. */
static uint32_t name_hash(const char *s, size_t n)
{
	uint64_t h = 0x9e3779b97f4a7c15ULL ^ n, w;
	for (; n >= 8; s += 8, n -= 8) {
		memcpy(&w, s, 8);
		h = (h ^ w) * 0xff51afd7ed558ccdULL;
		h ^= h >> 32;
	}
	w = 0;
	memcpy(&w, s, n);
	h = (h ^ w) * 0xc4ceb9fe1a85ec53ULL;
	return (uint32_t)(h ^ h >> 29 ^ h >> 47);
}

/* Room for more new texts, the table at most half full. */
static void make_room(struct nameset *ns, size_t more)
{
	uint32_t cap = ns->cap ? ns->cap : 1024;
	while ((ns->n + more) * 2 > cap)
		cap *= 2;
	if (cap == ns->cap)
		return;
	struct name_slot *t = xcalloc(cap, sizeof(*t));
	for (uint32_t i = 0; i < ns->cap; i++) {
		if (!ns->slot[i].s)
			continue;
		uint32_t h = ns->slot[i].hash & (cap - 1);
		while (t[h].s)
			h = (h + 1) & (cap - 1);
		t[h] = ns->slot[i];
	}
	free(ns->slot);
	ns->slot = t;
	ns->cap = cap;
}

/* The shared copy of s[0..len) of this hash, made when it is new. */
static const char *find_or_add(struct nameset *ns, struct arena *a, const char *s, size_t len,
			       uint32_t hash)
{
	uint32_t h = hash & (ns->cap - 1);
	for (; ns->slot[h].s; h = (h + 1) & (ns->cap - 1))
		if (ns->slot[h].hash == hash && !strcmp(ns->slot[h].s, s))
			return ns->slot[h].s;
	ns->n++;
	ns->slot[h].hash = hash;
	return ns->slot[h].s = arena_strndup(a, s, len);
}

const char *nameset_get(struct nameset *ns, struct arena *a, const char *s)
{
	if (!s || !*s)
		return "";
	make_room(ns, 1);
	size_t len = strlen(s);
	return find_or_add(ns, a, s, len, name_hash(s, len));
}

void nameset_wait(struct nameset *ns, size_t to, size_t from, const char *s)
{
	ALLOC_GROW(ns->wait, ns->nwait + 1, ns->wait_alloc);
	struct name_wait *w = &ns->wait[ns->nwait++];
	w->to = to;
	w->from = from;
	w->off = ns->text.len;
	w->len = from == SIZE_MAX && s ? (uint32_t)strlen(s) : 0;
	w->hash = name_hash(s ? s : "", w->len);
	strbuf_add(&ns->text, s ? s : "", w->len);
	strbuf_addch(&ns->text, '\0');
}

static int looked_up(const struct name_wait *w)
{
	return w->from == SIZE_MAX && w->len;
}

/* How many lookups ahead a slot is fetched; its text half as many. */
#define AHEAD 16

void nameset_settle(struct nameset *ns, struct arena *a, char *base)
{
	size_t n = ns->nwait;
	if (!n)
		return;
	make_room(ns, n);
	const uint32_t mask = ns->cap - 1;
	for (size_t i = 0; i < n + AHEAD; i++) {
		if (i < n && looked_up(&ns->wait[i]))
			__builtin_prefetch(&ns->slot[ns->wait[i].hash & mask]);
		size_t j = i - AHEAD / 2;
		if (i >= AHEAD / 2 && j < n && looked_up(&ns->wait[j]) &&
		    ns->slot[ns->wait[j].hash & mask].s)
			__builtin_prefetch(ns->slot[ns->wait[j].hash & mask].s);
		if (i < AHEAD)
			continue;
		const struct name_wait *w = &ns->wait[i - AHEAD];
		const char **to = (const char **)(void *)(base + w->to);
		if (w->from != SIZE_MAX)
			*to = *(const char **)(void *)(base + w->from);
		else if (!w->len)
			*to = "";
		else
			*to = find_or_add(ns, a, ns->text.buf + w->off, w->len, w->hash);
	}
	ns->nwait = 0;
	strbuf_reset(&ns->text);
}

void nameset_release(struct nameset *ns)
{
	free(ns->slot);
	free(ns->wait);
	strbuf_release(&ns->text);
	memset(ns, 0, sizeof(*ns));
}
