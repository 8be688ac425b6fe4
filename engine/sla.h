/*
 * sla.h - time limits (समय-सीमा): the days allowed at each level per
 * category, due dates and ageing. Pure functions over what sla_*_load read;
 * the per-complaint walk is in engine/analytics.c.
 *
 * Configuration (defaults in brackets):
 *   [levels] count = 4            levels L1..Ln in use (5 where the chief
 *                                 secretary's level is used); at most SLA_MAX_LEVELS
 *   [levels] auto_escalate = 1-2, 2-3
 *                                 the steps the portal takes by itself when the
 *                                 time limit passes (L3->L4 is manual since 2022)
 *   [levels] oj_level = 4         the lowest level allowed to mark a complaint
 *                                 out of jurisdiction
 *   [levels] state_level = 4      the level "L1->L4 without any action" watches
 *   [sla] default_days = 7, 7, 15, 30, 30
 *                                 days at L1, L2, ... for a category missing
 *                                 from the master, or a level the master leaves
 *                                 empty; the last value repeats for higher levels
 *   [sla] category_change_days = 3
 *                                 an L1 officer may change the category up to
 *                                 this many calendar days after registration
 *                                 (see engine/violations.h for how it is measured)
 */
#ifndef NK_SLA_H
#define NK_SLA_H

#include "engine/calendar.h"
#include "engine/config.h"
#include "engine/store.h"
#include "engine/strmap.h"

#define SLA_MAX_LEVELS 8

struct sla_config {
	int levels;
	int default_days[SLA_MAX_LEVELS]; /* index level - 1 */
	unsigned auto_mask;               /* bit k set: step Lk -> Lk+1 is automatic */
	int category_change_days;
	int oj_level;
	int state_level;
};

/* Reads the keys above; NK_ECONFIG with err naming section, key and value. */
enum nk_err sla_config_load(struct sla_config *sc, const struct config *cfg, struct strbuf *err);

/* The categories master in memory: name -> department and days per level. */
struct sla_categories {
	struct strmap names;
	char **department;           /* malloc'd strings, index = names index */
	int (*days)[SLA_MAX_LEVELS]; /* -1 where the master has no value */
	size_t alloc;
};

void sla_categories_init(struct sla_categories *c);
void sla_categories_release(struct sla_categories *c);
/* Adds or replaces one category (loader and tests). days has 5 entries, -1 for none. */
void sla_categories_add(struct sla_categories *c, const char *name, const char *department,
			const int days[5]);
/* Reads the categories table. */
enum nk_err sla_categories_load(struct sla_categories *c, struct store *st, struct strbuf *err);

/*
 * Days allowed at level for category index cat (-1: not in the master).
 * *from_default (may be NULL) is set when the configured default was used.
 */
int sla_days(const struct sla_config *sc, const struct sla_categories *c, long cat, int level,
	     int *from_default);

/*
 * The day a complaint registered on reg_day is taken to have reached level
 * when nothing records it: registration plus the limits of the levels below,
 * counted with cal. Level 1 starts at registration.
 */
int sla_level_start_computed(const struct sla_config *sc, const struct sla_categories *c,
			     const struct calendar *cal, long cat, int reg_day, int level);

/* The review's ageing buckets by days since registration. */
const char *
sla_age_bucket(int age_days); /* "0-7", "8-15", "16-30", "31-50", "51-100", "101-300", ">300" */

/* Whether the step from level to level + 1 is automatic. */
int sla_step_is_auto(const struct sla_config *sc, int from_level);

#endif
