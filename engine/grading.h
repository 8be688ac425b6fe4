/*
 * grading.h - a preview of the state's monthly grading (A-D on 100 points)
 * for the district and each department, so a cell sees its grade before
 * it is published.
 *
 * Configuration, [grading] (defaults in brackets):
 *   w_satisfied = 60      closed with satisfaction
 *   w_pending50 = 20      satisfactory disposal of complaints pending long
 *   w_low_quality = 10    few closures with low quality
 *   w_non_attended = 10   few complaints left non-attended
 *   pending_days = 50     what "pending long" means
 *   band_a = 80, band_b = 60, band_c = 40   lowest total of each grade; below band_c is D
 *   per_complainant_cap = 10   a complainant's complaints beyond this many
 *                         (oldest first) are left out of grading
 *
 * The period is the month of the as-of date, from its first day to the
 * as-of date. Two populations, after the cap:
 *   M  complaints registered in the period;
 *   O  complaints older than pending_days on the as-of date that were still
 *      open when the period began (not closed before its first day).
 * The points, each component rounded to 2 decimals:
 *   satisfied    = w_satisfied    * (M closed with satisfaction) / |M|
 *   pending50    = w_pending50    * (O closed with satisfaction in the period) / |O|
 *   low_quality  = w_low_quality  * (1 - (M closed with low quality) / |M|)
 *   non_attended = w_non_attended * (1 - (M non-attended on the as-of date) / |M|)
 * An empty population gives its components their full weight (nothing to
 * fail). Statuses are those on the as-of date. The bands follow the
 * published grades (totals of 81-94 graded A); the state's own bands may
 * differ and are configuration.
 */
#ifndef NK_GRADING_H
#define NK_GRADING_H

#include <stdint.h>

#include "engine/config.h"
#include "engine/error.h"
#include "engine/strmap.h"

struct grading_weights {
	double w_satisfied, w_pending50, w_low_quality, w_non_attended;
	double band_a, band_b, band_c;
	int pending_days, cap;
};

enum nk_err grading_weights_load(struct grading_weights *w, const struct config *cfg,
				 struct strbuf *err);

enum {
	G_IN_M = 1,       /* registered in the period */
	G_SAT = 2,        /* closed with satisfaction on the as-of date */
	G_LOW = 4,        /* closed with low quality */
	G_NON = 8,        /* non-attended */
	G_IN_O = 16,      /* pending long, open at the period's start */
	G_SAT_PERIOD = 32 /* closed with satisfaction within the period */
};

struct grade_row {
	const char *scope; /* "district" or "department" */
	const char *name;
	long received, old_pending, capped_out;
	long satisfied, low_quality, non_attended, old_satisfied;
	double pts_satisfied, pts_pending50, pts_low_quality, pts_non_attended, total;
	char grade[2];
};

struct grading_item {
	uint64_t who; /* 0: no identity */
	int reg_day;
	uint32_t seq;
	uint32_t dept;
	unsigned flags;
};

struct grading {
	struct strmap depts;
	struct grading_item *it;
	size_t n, alloc;
};

void grading_init(struct grading *g);
void grading_release(struct grading *g);

/* One complaint of M or O (flags as above); complainant may be NULL. */
void grading_add(struct grading *g, const char *department, const char *complainant, int reg_day,
		 unsigned flags);

/* Scores one row's counts (fills the points, total and grade). */
void grading_score(const struct grading_weights *w, struct grade_row *r);

/*
 * Applies the cap and scores the district (row 0, named district_name) and
 * each department (rows 1.., in order of first appearance). *rows is
 * malloc'd (free it); names point into g and district_name.
 */
size_t grading_finish(struct grading *g, const struct grading_weights *w, const char *district_name,
		      struct grade_row **rows);

#endif
