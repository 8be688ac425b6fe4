/*
 * scorecard.h - per-officer counts for the review meeting. The analytics
 * driver adds each complaint's facts; scorecard_finish() settles repeats.
 *
 * Counts, for the as-of date and the period (the month of the as-of date, up
 * to it):
 *   pending            open complaints the officer holds on the as-of date
 *   breached           of those, past their due date
 *   disposed           complaints closed in the period while the officer held them
 *   disposed_in_time   of those, closed on or before the due date
 *   escalated          escalations in the period charged to the officer
 *                      (escalated_auto: of those, automatic steps)
 *   escalation_rate    escalated / (pending + disposed + escalated)
 *   category_changes   category changes the officer made in the period
 *                      (category_violations: of those, against the rule)
 *   oj_marks           out-of-jurisdiction marks in the period (oj_violations)
 *   closed_satisfied, closed_low_quality   disposals in the period by kind;
 *   satisfaction_rate  closed_satisfied / (closed_satisfied + closed_low_quality)
 *   force_special      force and special closes in the period
 *   repeat_after_close of those, how many the same complainant (engine/ckey.h)
 *                      followed with a complaint of the same category filed
 *                      after the close and on or before the as-of date
 */
#ifndef NK_SCORECARD_H
#define NK_SCORECARD_H

#include <stdint.h>

#include "engine/util.h"

struct officer_score {
	long pending, breached, disposed, disposed_in_time, escalated, escalated_auto;
	long category_changes, category_violations, oj_marks, oj_violations;
	long closed_satisfied, closed_low_quality, force_special, repeat_after_close;
};

struct scorecard_closure {
	uint64_t key; /* complainant and category */
	int day;
	long officer;
};

struct scorecard {
	struct officer_score *s; /* index = roster index */
	size_t n, alloc;
	/* last filing day per (complainant, category): open addressing */
	uint64_t *fkey;
	int *fday;
	size_t fslots, fused;
	struct scorecard_closure *cl;
	size_t ncl, acl;
};

void scorecard_init(struct scorecard *sc);
void scorecard_release(struct scorecard *sc);

/* The counters of officer index i (roster index), growing the table. */
struct officer_score *scorecard_at(struct scorecard *sc, long i);

/* A complaint filed on day by complainant in category (NULL complainant: ignored). */
void scorecard_note_filing(struct scorecard *sc, const char *complainant, const char *category,
			   int day);
/* A force or special close on day by officer i. */
void scorecard_note_close(struct scorecard *sc, long officer, const char *complainant,
			  const char *category, int day);
/* Counts repeat_after_close from the filings and closes noted. */
void scorecard_finish(struct scorecard *sc);

#endif
