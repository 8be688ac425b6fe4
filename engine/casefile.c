/* casefile.c - a complaint's timeline and its state on the as-of date. */
#include "engine/casefile.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "engine/store.h"

const char *casefile_source_name(enum level_source s)
{
	static const char *const names[] = {"export", "movement", "snapshot", "registration",
					    "computed"};
	return names[s];
}

void casefile_init(struct nk_case *k)
{
	memset(k, 0, sizeof(*k));
}

void casefile_reset(struct nk_case *k)
{
	struct case_hist *h = k->hist;
	struct case_move *m = k->mv;
	size_t ah = k->ahist, am = k->amv;
	if (k->arena_used)
		arena_release(&k->arena);
	/* everything but the string pool, which needs no clearing */
	memset(k, 0, offsetof(struct nk_case, pool));
	memset(&k->arena, 0, sizeof(*k) - offsetof(struct nk_case, arena));
	k->pool_used = 0;
	k->hist = h;
	k->ahist = ah;
	k->mv = m;
	k->amv = am;
}

void casefile_release(struct nk_case *k)
{
	free(k->hist);
	free(k->mv);
	arena_release(&k->arena);
	memset(k, 0, sizeof(*k));
}

const char *casefile_str(struct nk_case *k, const char *s)
{
	if (!s || !*s)
		return NULL;
	size_t n = strlen(s) + 1;
	if (k->pool_used + n <= sizeof(k->pool)) {
		char *p = memcpy(k->pool + k->pool_used, s, n);
		k->pool_used += n;
		return p;
	}
	k->arena_used = 1;
	return arena_strdup(&k->arena, s);
}

void casefile_sort_last_move(struct nk_case *k)
{
	for (size_t i = k->nmv - 1; i > 0; i--) {
		struct case_move *a = &k->mv[i - 1], *b = &k->mv[i];
		if (a->day != b->day || a->seconds <= b->seconds)
			break;
		struct case_move t = *a;
		*a = *b;
		*b = t;
	}
}

void casefile_add_hist(struct nk_case *k, int day, const char *field, const char *old_v,
		       const char *new_v)
{
	ALLOC_GROW(k->hist, k->nhist + 1, k->ahist);
	struct case_hist *h = &k->hist[k->nhist++];
	h->day = day;
	h->field = !strcmp(field, "level")        ? HF_LEVEL
		   : !strcmp(field, "status")     ? HF_STATUS
		   : !strcmp(field, "category")   ? HF_CATEGORY
		   : !strcmp(field, "officer_id") ? HF_OFFICER
						  : HF_OTHER;
	h->old_v = casefile_str(k, old_v);
	h->new_v = casefile_str(k, new_v);
}

struct case_move *casefile_add_move(struct nk_case *k)
{
	ALLOC_GROW(k->mv, k->nmv + 1, k->amv);
	struct case_move *m = &k->mv[k->nmv++];
	memset(m, 0, sizeof(*m));
	return m;
}

int casefile_is_closed(enum status st)
{
	return st != ST_UNKNOWN && !status_is_open(st);
}

static int level_value(const char *v)
{
	return v ? atoi(v) : 0;
}

void casefile_rewind(struct nk_case *k, int as_of)
{
	k->as_of = as_of;
	k->level = k->level_now;
	k->status = k->status_now;
	k->category = k->category_now;
	k->officer = k->officer_now;
	k->nhist_asof = 0;
	while (k->nhist_asof < k->nhist && k->hist[k->nhist_asof].day <= as_of)
		k->nhist_asof++;
	k->nmv_asof = 0;
	while (k->nmv_asof < k->nmv && k->mv[k->nmv_asof].day <= as_of)
		k->nmv_asof++;
	for (size_t i = k->nhist; i-- > k->nhist_asof;) {
		const struct case_hist *h = &k->hist[i];
		switch (h->field) {
		case HF_LEVEL:
			k->level = level_value(h->old_v);
			k->level_changed_after = 1;
			break;
		case HF_STATUS: k->status = status_from_name(h->old_v ? h->old_v : ""); break;
		case HF_CATEGORY:
			k->category = h->old_v;
			k->category_changed_after = 1;
			break;
		case HF_OFFICER: k->officer = h->old_v; break;
		default: break;
		}
	}
	k->closed = DAY_NONE;
	if (casefile_is_closed(k->status)) {
		if (k->closed_day != DAY_NONE && k->closed_day > as_of)
			k->status = ST_OPEN; /* first seen closed, but closed after as_of */
		else
			k->closed = k->closed_day;
	}
}

/* The level before any recorded change. */
static int initial_level(const struct nk_case *k)
{
	for (size_t i = 0; i < k->nhist; i++)
		if (k->hist[i].field == HF_LEVEL)
			return level_value(k->hist[i].old_v);
	for (size_t i = 0; i < k->nmv; i++)
		if (k->mv[i].from_level && k->mv[i].to_level &&
		    k->mv[i].from_level != k->mv[i].to_level)
			return k->mv[i].from_level;
	return k->level_now;
}

int casefile_level_at(const struct nk_case *k, int day)
{
	int level = initial_level(k), when = DAY_NONE;
	for (size_t i = 0; i < k->nmv && k->mv[i].day <= day; i++) {
		const struct case_move *m = &k->mv[i];
		if (m->to_level && m->from_level && m->to_level != m->from_level) {
			level = m->to_level;
			when = m->day;
		}
	}
	for (size_t i = 0; i < k->nhist && k->hist[i].day <= day; i++)
		if (k->hist[i].field == HF_LEVEL && k->hist[i].day >= when)
			level = level_value(k->hist[i].new_v);
	return level;
}

const char *casefile_officer_at(const struct nk_case *k, int day)
{
	const char *first = NULL, *cur = NULL;
	int seen = 0;
	for (size_t i = 0; i < k->nhist; i++) {
		if (k->hist[i].field != HF_OFFICER)
			continue;
		if (!seen++)
			first = k->hist[i].old_v;
		if (k->hist[i].day <= day)
			cur = k->hist[i].new_v;
	}
	if (seen)
		return cur ? cur : first;
	return k->officer_now;
}

int casefile_level_start(const struct nk_case *k, enum level_source *src)
{
	if (!k->level_changed_after && k->level_since != DAY_NONE && k->level_since <= k->as_of) {
		*src = LS_EXPORT;
		return k->level_since;
	}
	for (size_t i = k->nmv_asof; i-- > 0;) {
		const struct case_move *m = &k->mv[i];
		if (m->to_level == k->level && m->from_level && m->from_level != m->to_level) {
			*src = LS_MOVEMENT;
			return m->day;
		}
	}
	for (size_t i = k->nhist_asof; i-- > 0;) {
		const struct case_hist *h = &k->hist[i];
		if (h->field == HF_LEVEL && level_value(h->new_v) == k->level) {
			*src = LS_SNAPSHOT;
			return h->day;
		}
	}
	return DAY_NONE;
}

int casefile_prev_day(const int *days, size_t n, int day)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (days[mid] < day)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo ? days[lo - 1] : DAY_NONE;
}
