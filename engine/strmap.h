/*
 * strmap.h - a string -> index map for the analytics' lookups (categories,
 * officers, complainant keys): open addressing, FNV-1a, keys copied into the
 * map's own arena. Indexes are handed out 0, 1, 2, ... in insertion order, so
 * callers keep their per-key data in plain arrays.
 */
#ifndef NK_STRMAP_H
#define NK_STRMAP_H

#include <stddef.h>
#include <stdint.h>

#include "engine/util.h"

struct strmap {
	uint32_t *slot;   /* index + 1, 0 when empty */
	size_t nslot;     /* a power of two */
	const char **key; /* key[i] of index i, in the arena */
	size_t n, alloc;
	struct arena arena;
};

void strmap_init(struct strmap *m);
void strmap_release(struct strmap *m);

/* The index of key, or -1 when absent. A NULL key is absent. */
long strmap_get(const struct strmap *m, const char *key);
/* The index of key, adding it when absent (*added = 1 then, when added is not NULL). */
long strmap_put(struct strmap *m, const char *key, int *added);

uint64_t strmap_hash(const char *s);

#endif
