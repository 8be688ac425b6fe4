/*
 * analytics.h - everything the MIS cell's review asks, computed for one
 * as-of date and written to the tables of schema v2 (see engine/schema.c):
 *
 *   sla_status         every complaint open on as_of: level, officer, the day
 *                      it reached the level and where that came from, days
 *                      allowed, due date, days left / overdue, breached, age
 *                      and ageing bucket (0-7 8-15 16-30 31-50 51-100 101-300
 *                      >300), pending over 50 and over 100 days, and whether it
 *                      climbed to the state level with no action recorded
 *   escalation_events  escalations dated in the period (engine/escalation.h)
 *   officer_scores     per-officer counts (engine/scorecard.h)
 *   rule_violations    rule breaches known on as_of (engine/violations.h)
 *   grading            the period's grading preview (engine/grading.h)
 *   officer_quality    officer mobile problems (engine/officer_dq.h)
 *   data_quality       unknown categories (default days used), officers not
 *                      in the master, log rows for complaints not in the db,
 *                      levels whose start had to be computed
 *   nightly_summary    one row a night: the key figures for the trend chart
 *
 * The period is the month of as_of, from its first day to as_of.
 * The state of each complaint on as_of is rebuilt from its history
 * (engine/casefile.h), so any past night can be recomputed exactly; a run for
 * an as_of replaces that night's rows in one transaction. Merged complaints
 * and complaints registered after as_of are left out.
 *
 * Due date at the level held on as_of = the day it reached the level + the
 * days the category allows at that level, counted as engine/calendar.h says.
 * The day it reached the level comes from, best first: the export's "level
 * since" column, the movement log, the first snapshot showing the level;
 * else level 1 starts at registration and a higher level at registration +
 * the limits of the levels below ("computed", listed in data_quality).
 * Breached: as_of is after the due date. Days left and overdue are calendar
 * days whatever the counting mode, as a clerk reads a date.
 *
 * Configuration keys and their defaults:
 *   [levels] count = 4, auto_escalate = 1-2, 2-3, oj_level = 4, state_level = 4
 *   [sla] default_days = 7, 7, 15, 30, 30; working_days = no;
 *         weekly_off = sat, sun; holidays = (none); category_change_days = 3
 *   [grading] w_satisfied = 60, w_pending50 = 20, w_low_quality = 10,
 *         w_non_attended = 10, pending_days = 50, band_a = 80, band_b = 60,
 *         band_c = 40, per_complainant_cap = 10
 *   [analytics] keep_days = 40   detail rows (all tables but nightly_summary)
 *         older than this many days before as_of are deleted; 0 keeps all
 *   [district] name = District   the name of the district row of grading
 */
#ifndef NK_ANALYTICS_H
#define NK_ANALYTICS_H

#include <stdint.h>

#include "engine/config.h"
#include "engine/store.h"

struct analytics_summary {
	int as_of, period_start;
	long complaints; /* complaints considered (registered on or before as_of) */
	long open, breached, pending_50, pending_100, no_action_to_top;
	long escalated_today, escalated_period;
	long violations, violations_by_kind[6];
	long unknown_categories, officer_problems, data_quality_rows, officers;
	long grading_rows;
	double district_total;
	char district_grade[2];
	const char *complainant_key; /* static string */
	double seconds;
};

/*
 * Computes everything for as_of (a day number) and writes it, in one
 * transaction the function opens and commits (st must be open for writing
 * and not inside a transaction). run_id is recorded in nightly_summary
 * (0: none). On error nothing is written, err says why and what.
 */
enum nk_err analytics_run(struct store *st, const struct config *cfg, int as_of, int64_t run_id,
			  struct analytics_summary *out, struct strbuf *err);

#endif
