/*
 * violations.h - the helpline's rules checked on one complaint (see
 * DESIGN.md, "The helpline's rules"):
 *
 *   category_change_late     the category was changed more than
 *                            [sla] category_change_days (3) days after registration
 *   category_change_not_l1   the category was changed by an officer above L1
 *   oj_below_level           out of jurisdiction marked below [levels] oj_level (L4)
 *   oj_back_to_same_officer  a complaint that reached a level by escalation was
 *                            sent back through out of jurisdiction to the very
 *                            officer it escalated from
 *   closed_without_feedback  closed with (or without) satisfaction but the
 *                            complainant's feedback column is empty; judged
 *                            only where the export carries that column (an
 *                            export without it says nothing about feedback:
 *                            case_rules.feedback_unchecked instead)
 *   force_close_not_informed a force close whose feedback column or closing
 *                            remark says the complainant was not informed
 *                            ("not informed", "सूचित नहीं", ...); exports have
 *                            no column of their own for it yet
 *
 * The 3-day boundary is measured in calendar dates, never hours: a change
 * is in time when change_date - registration_date <= 3, whatever the clock
 * times (registered 20-11 23:50, changed 23-11 10:00: in time; changed
 * 24-11 00:10: late). Exports often carry no time, and a rule that counted
 * hours only when both times are known would judge two identical cases
 * differently by what the export happened to include.
 *
 * Where each fact comes from, best first (one source per complaint, so the
 * same change is never counted twice): category changes from the movement
 * log, else the export's previous-category columns, else the snapshots
 * (the change is then dated by the last snapshot that still showed the old
 * category, the earliest it can have happened, so late is never guessed);
 * out-of-jurisdiction marks from the movement log, else the export's OJ
 * columns, else a status of out of jurisdiction.
 */
#ifndef NK_VIOLATIONS_H
#define NK_VIOLATIONS_H

#include "engine/casefile.h"
#include "engine/sla.h"

enum violation_kind {
	V_CATEGORY_LATE,
	V_CATEGORY_NOT_L1,
	V_OJ_BELOW_LEVEL,
	V_OJ_BACK_TO_SAME,
	V_CLOSED_NO_FEEDBACK,
	V_FORCE_NOT_INFORMED,
	V_KINDS
};
const char *violation_kind_name(enum violation_kind v);

#define RULES_MAX 16

struct category_change {
	int day;
	int level;           /* acting level, 0 when unknown */
	const char *officer; /* acting officer, NULL when unknown */
	const char *old_c, *new_c;
	const char *source; /* movement | export | snapshot */
	int late, not_l1;
};

struct oj_mark {
	int day, level;
	const char *officer, *to_officer;
	const char *source; /* movement | export | status */
	int below, back_to_same;
};

struct violation {
	enum violation_kind kind;
	int day, level;
	const char *officer, *source;
	char detail_en[320], detail_hi[400];
};

struct case_rules {
	struct category_change cc[RULES_MAX];
	size_t ncc;
	struct oj_mark oj[RULES_MAX];
	size_t noj;
	struct violation v[RULES_MAX];
	size_t nv;
	/* The category whose time limits apply: the as-of category, unless a
	 * change broke the rule; then the category before the first such change. */
	const char *sla_category;
	/* 1: closed with or without satisfaction, but its export has no
	 * satisfaction column, so closed_without_feedback was not judged. */
	int feedback_unchecked;
};

/*
 * Checks every rule on k (already rewound to its as-of date). snapshots are
 * the sorted days of the complaint exports ingested, used to bound changes
 * seen only in snapshots. Fills *out.
 */
void violations_check(const struct nk_case *k, const struct sla_config *sc, const int *snapshots,
		      size_t nsnap, struct case_rules *out);

#endif
