/* strmap.c - string -> index map (see strmap.h). */
#include "engine/strmap.h"

#include <stdlib.h>
#include <string.h>

uint64_t strmap_hash(const char *s)
{
	uint64_t h = 1469598103934665603ULL;
	for (; *s; s++) {
		h ^= (unsigned char)*s;
		h *= 1099511628211ULL;
	}
	return h;
}

void strmap_init(struct strmap *m)
{
	memset(m, 0, sizeof(*m));
	m->nslot = 64;
	m->slot = xcalloc(m->nslot, sizeof(*m->slot));
}

void strmap_release(struct strmap *m)
{
	free(m->slot);
	free(m->key);
	arena_release(&m->arena);
	memset(m, 0, sizeof(*m));
}

static size_t find_slot(const struct strmap *m, const char *key, uint64_t h)
{
	size_t mask = m->nslot - 1, i = (size_t)h & mask;
	while (m->slot[i] && strcmp(m->key[m->slot[i] - 1], key))
		i = (i + 1) & mask;
	return i;
}

static void grow(struct strmap *m)
{
	size_t old = m->nslot;
	uint32_t *os = m->slot;
	m->nslot *= 2;
	m->slot = xcalloc(m->nslot, sizeof(*m->slot));
	for (size_t i = 0; i < old; i++) {
		if (!os[i])
			continue;
		size_t j = (size_t)strmap_hash(m->key[os[i] - 1]) & (m->nslot - 1);
		while (m->slot[j])
			j = (j + 1) & (m->nslot - 1);
		m->slot[j] = os[i];
	}
	free(os);
}

long strmap_get(const struct strmap *m, const char *key)
{
	if (!key)
		return -1;
	size_t i = find_slot(m, key, strmap_hash(key));
	return m->slot[i] ? (long)m->slot[i] - 1 : -1;
}

long strmap_put(struct strmap *m, const char *key, int *added)
{
	if (added)
		*added = 0;
	if ((m->n + 1) * 2 > m->nslot)
		grow(m);
	size_t i = find_slot(m, key, strmap_hash(key));
	if (m->slot[i])
		return (long)m->slot[i] - 1;
	ALLOC_GROW(m->key, m->n + 1, m->alloc);
	m->key[m->n] = arena_strdup(&m->arena, key);
	m->slot[i] = (uint32_t)(++m->n);
	if (added)
		*added = 1;
	return (long)m->n - 1;
}
