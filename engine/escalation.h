/*
 * escalation.h - movements up a level, and who is charged with them.
 *
 * An escalation is a movement log entry whose action is "escalated" or whose
 * to-level is above its from-level, or, where the log does not record it, a
 * rise of the level between two snapshots (dated by the snapshot that showed
 * it). The officer charged is the one who held the complaint at the lower
 * level: the log's from-officer, else the officer before the change.
 * Automatic steps ([levels] auto_escalate) mean the time limit ran out at
 * the lower level; manual ones are the lower officer's own decision; both
 * are listed, with is_auto telling which.
 */
#ifndef NK_ESCALATION_H
#define NK_ESCALATION_H

#include "engine/casefile.h"
#include "engine/sla.h"

struct escalation {
	int day;
	int from_level, to_level;
	int is_auto;
	const char *charged_officer; /* NULL when not known */
	const char *to_officer;      /* NULL when not known */
	const char *source;          /* movement | snapshot */
};

/*
 * The escalations of k dated from..to (inclusive; k rewound to to or later),
 * at most max, into out; returns how many. snapshots: sorted days of the
 * complaint exports, to tell whether a snapshot's rise is already in the log.
 */
size_t escalation_events(const struct nk_case *k, const struct sla_config *sc, int from, int to,
			 const int *snapshots, size_t nsnap, struct escalation *out, size_t max);

/*
 * 1 when k sits at [levels] state_level or above on its as-of date, is still
 * open or non-attended, and nothing but escalations is recorded for it: no
 * movement of another kind and no change of status (it went L1 -> L4 with
 * no action at any level).
 */
int escalation_no_action_to_top(const struct nk_case *k, const struct sla_config *sc);

#endif
