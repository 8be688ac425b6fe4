/*
 * casefile.h - one complaint as the analytics see it: its row in complaints
 * (the latest state), its timeline (snapshot history and movement log, both
 * in date order) and, after casefile_rewind(), its state on the as-of date.
 *
 * Rewinding is what makes any past night reproducible: every history row
 * seen after the as-of date is undone (its field set back to old_value), and
 * movements after it are ignored. A complaint first seen after the as-of
 * date, with no history, keeps the state it was first seen in.
 *
 * Strings are copied into the case's arena and live until casefile_reset().
 */
#ifndef NK_CASEFILE_H
#define NK_CASEFILE_H

#include <stddef.h>

#include "engine/util.h"
#include "ingest/field.h"

enum hist_field { HF_LEVEL, HF_STATUS, HF_CATEGORY, HF_OFFICER, HF_OTHER };

struct case_hist {
	int day; /* snapshot in which the change was seen */
	enum hist_field field;
	const char *old_v, *new_v; /* NULL when empty */
};

struct case_move {
	int day, seconds; /* seconds -1 when the log gave no time */
	enum action act;
	int from_level, to_level; /* 0 when absent */
	const char *from_officer, *to_officer, *old_category, *new_category, *remarks;
};

enum level_source {
	LS_EXPORT,       /* the export's "level since" column */
	LS_MOVEMENT,     /* the movement log */
	LS_SNAPSHOT,     /* the first snapshot that showed the level */
	LS_REGISTRATION, /* level 1: the registration date */
	LS_COMPUTED      /* registration + the limits of the levels below */
};
const char *casefile_source_name(enum level_source s); /* "export", "movement", ... */

struct nk_case {
	/* the complaints row */
	const char *id, *department, *category_now, *officer_now, *officer_name;
	const char *village, *tehsil, *name, *satisfaction, *prev_category, *oj_officer;
	const char *complainant; /* complainant key, NULL when unknown */
	const char *mobile;      /* normalised 10-digit mobile, NULL when not valid */
	int no_satisfaction_col; /* its export has no satisfaction column (schema v8) */
	int reg_day, level_now, level_since, closed_day, category_changed_day, oj_day, oj_level;
	enum status status_now;
	/* the timeline, in date order */
	struct case_hist *hist;
	size_t nhist, ahist;
	struct case_move *mv;
	size_t nmv, amv;
	/* the state on as_of (casefile_rewind) */
	int as_of;
	int level;
	enum status status;
	const char *category, *officer;
	int closed;              /* closing day on as_of, DAY_NONE when open */
	int level_changed_after; /* the level on as_of differs from the row's */
	int category_changed_after;
	size_t nhist_asof, nmv_asof; /* timeline entries dated on or before as_of */
	/* strings: a pool reused for each complaint, the arena when it is full */
	char pool[16384];
	size_t pool_used;
	struct arena arena;
	int arena_used;
};

void casefile_init(struct nk_case *k);
/* Forgets everything of the previous complaint (arrays are kept for reuse). */
void casefile_reset(struct nk_case *k);
void casefile_release(struct nk_case *k);

/* Copies s into the case's arena; NULL or "" give NULL. */
const char *casefile_str(struct nk_case *k, const char *s);

/* Appends to the timeline; callers add in date order (the queries sort). */
void casefile_add_hist(struct nk_case *k, int day, const char *field, const char *old_v,
		       const char *new_v);
struct case_move *casefile_add_move(struct nk_case *k);

/* Moves the last movement back among those of its day to keep (day, time) order. */
void casefile_sort_last_move(struct nk_case *k);

/* Fills the as-of state from the row and the timeline. */
void casefile_rewind(struct nk_case *k, int as_of);

/* The level and officer on a day (after that day's changes), from the timeline. */
int casefile_level_at(const struct nk_case *k, int day);
const char *casefile_officer_at(const struct nk_case *k, int day);

/*
 * The day the complaint reached its as-of level, from the export, the
 * movement log or the snapshots (in that order); DAY_NONE when none records
 * it. *src says which.
 */
int casefile_level_start(const struct nk_case *k, enum level_source *src);

/* The last of the sorted days[0..n) before day, or DAY_NONE. */
int casefile_prev_day(const int *days, size_t n, int day);

/* Closed statuses: closed_*, force, special, out of jurisdiction. */
int casefile_is_closed(enum status st);

#endif
