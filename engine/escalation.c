/* escalation.c - escalation events and L1->L4 without action (see escalation.h). */
#include "engine/escalation.h"

#include <stdlib.h>

#include "engine/store.h"

static int is_rise(const struct case_move *m)
{
	return m->from_level && m->to_level && m->to_level > m->from_level;
}

/* Whether the log holds the rise from..to seen in the snapshot of day. */
static int in_log(const struct nk_case *k, int from_level, int to_level, int day, const int *snaps,
		  size_t nsnap)
{
	int prev = casefile_prev_day(snaps, nsnap, day);
	if (prev == DAY_NONE)
		prev = day - 31;
	for (size_t i = 0; i < k->nmv; i++) {
		const struct case_move *m = &k->mv[i];
		if (is_rise(m) && m->from_level == from_level && m->to_level == to_level &&
		    m->day <= day && m->day >= prev)
			return 1;
	}
	return 0;
}

/* The officer who held k just before the snapshot of day changed it. */
static const char *officer_before(const struct nk_case *k, size_t hist_i)
{
	int day = k->hist[hist_i].day;
	for (size_t j = 0; j < k->nhist; j++)
		if (k->hist[j].day == day && k->hist[j].field == HF_OFFICER)
			return k->hist[j].old_v;
	return casefile_officer_at(k, day);
}

size_t escalation_events(const struct nk_case *k, const struct sla_config *sc, int from, int to,
			 const int *snapshots, size_t nsnap, struct escalation *out, size_t max)
{
	size_t n = 0;
	for (size_t i = 0; i < k->nmv && n < max; i++) {
		const struct case_move *m = &k->mv[i];
		if (m->day < from || m->day > to || !is_rise(m))
			continue;
		out[n++] = (struct escalation){m->day,          m->from_level,
					       m->to_level,     sla_step_is_auto(sc, m->from_level),
					       m->from_officer, m->to_officer,
					       "movement"};
	}
	for (size_t i = 0; i < k->nhist && n < max; i++) {
		const struct case_hist *h = &k->hist[i];
		if (h->field != HF_LEVEL || h->day < from || h->day > to)
			continue;
		int a = h->old_v ? atoi(h->old_v) : 0, b = h->new_v ? atoi(h->new_v) : 0;
		if (!a || b <= a || in_log(k, a, b, h->day, snapshots, nsnap))
			continue;
		const char *to_officer = NULL;
		for (size_t j = 0; j < k->nhist; j++)
			if (k->hist[j].day == h->day && k->hist[j].field == HF_OFFICER)
				to_officer = k->hist[j].new_v;
		out[n++] = (struct escalation){
			h->day,     a,         b, sla_step_is_auto(sc, a), officer_before(k, i),
			to_officer, "snapshot"};
	}
	return n;
}

int escalation_no_action_to_top(const struct nk_case *k, const struct sla_config *sc)
{
	if (k->level < sc->state_level || (k->status != ST_OPEN && k->status != ST_NON_ATTENDED))
		return 0;
	for (size_t i = 0; i < k->nmv_asof; i++)
		if (k->mv[i].act != ACT_ESCALATED && !is_rise(&k->mv[i]))
			return 0;
	for (size_t i = 0; i < k->nhist_asof; i++)
		if (k->hist[i].field == HF_STATUS)
			return 0;
	return 1;
}
