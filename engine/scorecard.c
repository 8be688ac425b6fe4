/* scorecard.c - per-officer counts (see scorecard.h). */
#include "engine/scorecard.h"

#include <stdlib.h>
#include <string.h>

#include "engine/strmap.h"

void scorecard_init(struct scorecard *sc)
{
	memset(sc, 0, sizeof(*sc));
}

void scorecard_release(struct scorecard *sc)
{
	free(sc->s);
	free(sc->fkey);
	free(sc->fday);
	free(sc->cl);
	memset(sc, 0, sizeof(*sc));
}

struct officer_score *scorecard_at(struct scorecard *sc, long i)
{
	if ((size_t)i >= sc->n) {
		size_t old = sc->alloc;
		ALLOC_GROW(sc->s, (size_t)i + 1, sc->alloc);
		memset(sc->s + old, 0, (sc->alloc - old) * sizeof(*sc->s));
		sc->n = (size_t)i + 1;
	}
	return &sc->s[i];
}

static uint64_t pair_key(const char *complainant, const char *category)
{
	uint64_t k = strmap_hash(complainant) * 31 + strmap_hash(category ? category : "");
	return k ? k : 1; /* 0 marks an empty slot */
}

static size_t slot_of(const struct scorecard *sc, uint64_t key)
{
	size_t mask = sc->fslots - 1, i = (size_t)(key ^ (key >> 29)) & mask;
	while (sc->fkey[i] && sc->fkey[i] != key)
		i = (i + 1) & mask;
	return i;
}

static void grow_filings(struct scorecard *sc)
{
	uint64_t *ok = sc->fkey;
	int *od = sc->fday;
	size_t on = sc->fslots;
	sc->fslots = on ? on * 2 : 1024;
	sc->fkey = xcalloc(sc->fslots, sizeof(*sc->fkey));
	sc->fday = xcalloc(sc->fslots, sizeof(*sc->fday));
	for (size_t i = 0; i < on; i++) {
		if (!ok[i])
			continue;
		size_t j = slot_of(sc, ok[i]);
		sc->fkey[j] = ok[i];
		sc->fday[j] = od[i];
	}
	free(ok);
	free(od);
}

void scorecard_note_filing(struct scorecard *sc, const char *complainant, const char *category,
			   int day)
{
	if (!complainant)
		return;
	if ((sc->fused + 1) * 2 > sc->fslots)
		grow_filings(sc);
	uint64_t key = pair_key(complainant, category);
	size_t i = slot_of(sc, key);
	if (!sc->fkey[i]) {
		sc->fkey[i] = key;
		sc->fday[i] = day;
		sc->fused++;
	} else if (day > sc->fday[i]) {
		sc->fday[i] = day;
	}
}

void scorecard_note_close(struct scorecard *sc, long officer, const char *complainant,
			  const char *category, int day)
{
	if (officer >= 0)
		scorecard_at(sc, officer)->force_special++;
	if (!complainant || officer < 0)
		return;
	ALLOC_GROW(sc->cl, sc->ncl + 1, sc->acl);
	sc->cl[sc->ncl++] =
		(struct scorecard_closure){pair_key(complainant, category), day, officer};
}

void scorecard_finish(struct scorecard *sc)
{
	for (size_t i = 0; i < sc->ncl; i++) {
		if (!sc->fslots)
			break;
		size_t j = slot_of(sc, sc->cl[i].key);
		if (sc->fkey[j] && sc->fday[j] > sc->cl[i].day)
			scorecard_at(sc, sc->cl[i].officer)->repeat_after_close++;
	}
}
