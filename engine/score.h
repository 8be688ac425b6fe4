/*
 * score.h - the evidence two complaints give for "same complainant, same
 * complaint", field by field, combined Fellegi-Sunter style: each field's
 * agreement level carries a weight log2(m/u) (how much likelier that level
 * is among true duplicates than among other pairs), the weights add up
 * with a prior, and the total is turned into a probability. Every field's
 * contribution is kept, so a supervisor (and `nirakaran explain`) sees why.
 *
 * Above the weights sit the helpline's hard rules (guards): a pair that
 * breaks one is never proposed whatever its weight: far apart in time,
 * another nature of complaint, another person's name (family sharing a
 * mobile, neighbours with the same village problem), namesakes (same name,
 * another father or another village without a shared mobile), another
 * grievance (texts unlike).
 *
 * Configuration, section [match] (defaults in brackets):
 *   window_days [90]       complaints further apart are never merged
 *   min_weight [0]         total weight needed to propose a pair (0: even odds)
 *   high_weight [10]       at or above: band "high"; below: "review"
 *   name_min [0.80]        name similarity below this: other person
 *   father_min [0.70]      both fathers given and less alike: namesake
 *   text_min [0.01]        description similarity below this: other grievance.
 *                          Re-filed complaints are paraphrased (often in the
 *                          other language), so the text is weak evidence and
 *                          by default only texts with nothing in common refuse
 *                          (and never a Hindi text against an English one)
 *   mobile_max_names [4]   a mobile used by more distinct names is not identifying
 *   block_max [1000]       a block with more complaints is oversized: each is
 *                          compared with its block_window [200] nearest in time
 *   prior [-12]            log2 odds that a candidate pair is a duplicate
 *   w_name_exact [9] w_name_typo [6] w_name_diff [-10]
 *   w_father_same [4] w_father_near [2] w_father_diff [-6]
 *   w_mobile_equal [7] w_mobile_near [3] w_mobile_diff [-1.5]
 *   w_village [3] w_tehsil [0.5] w_place_diff [-5]
 *                          a village agrees only inside one district (and
 *                          one tehsil where both name one). Two districts'
 *                          complaints are proposed only when the mobile
 *                          identifies one person and the names agree, and
 *                          then in the review band (review_reason "district")
 *   tf_ref [3] tf_max [4]  term frequency: an agreeing name whose phonetic
 *                          key n > 2^tf_ref complaints of the district share
 *                          weighs floor(log2 n) - tf_ref less (at most tf_max
 *                          less, never below 0): "राम यादव" agreeing says
 *                          less than a rare name agreeing (Splink's
 *                          adjustment, for common values only: rare ones keep
 *                          their weight). The same for the father's name
 *                          (tf_father_ref [3]), the village (tf_village_ref
 *                          [7]: a town's ward, not a hamlet) and the text
 *                          (tf_text_ref [1]: the same text filed by more than
 *                          two of the district, a stock sentence of the
 *                          category, says little)
 *   w_category [2] w_department [0] w_nature_diff [-12]
 *   w_text_high [4] (>= 0.5) w_text_mid [2] (>= 0.3) w_text_low [0.5] (>= 0.15)
 *   w_text_none [-1]
 *   w_days_near [1] w_days_far [-20]
 */
#ifndef NK_SCORE_H
#define NK_SCORE_H

#include "engine/config.h"
#include "engine/matchset.h"
#include "engine/namesim.h"

enum score_field { SF_NAME, SF_FATHER, SF_MOBILE, SF_PLACE, SF_NATURE, SF_TEXT, SF_DAYS, SF_COUNT };

enum name_level { NL_EXACT, NL_TYPO, NL_DIFFERENT, NL_MISSING };
enum father_level { FL_SAME, FL_NEAR, FL_DIFFERENT, FL_MISSING };
enum mobile_level { ML_EQUAL, ML_NEAR, ML_DIFFERENT, ML_NOT_IDENT };
/* PL_DISTRICT: both districts known and not the same (a village's name says
 * nothing across districts: names repeat, रामपुर is in most of them). */
enum place_level { PL_VILLAGE, PL_TEHSIL, PL_DIFFERENT, PL_UNKNOWN, PL_DISTRICT };
enum nature_level { NA_CATEGORY, NA_DEPARTMENT, NA_DIFFERENT };

/* Why a pair is refused; G_NONE when it is proposed. */
enum guard {
	G_NONE,
	G_FAR,       /* further apart than window_days */
	G_NATURE,    /* another category and department */
	G_FAMILY,    /* one mobile, another name: a family member */
	G_NEIGHBOUR, /* same place and problem, another name */
	G_NAME,      /* another name */
	G_NAMESAKE,  /* same name, another father or place */
	G_GRIEVANCE, /* same person, another grievance */
	G_REJECTED,  /* a supervisor said "not duplicate" and neither changed */
	G_LOW,       /* the evidence is too weak */
	G_DISTRICT,  /* another district, without one identifying mobile */
};

enum rule { RULE_NONE, RULE_R1, RULE_R2, RULE_R3 };

struct score_params {
	int window_days, mobile_max_names, block_max, block_window;
	int tf_ref, tf_father_ref, tf_village_ref, tf_text_ref, tf_max;
	double min_weight, high_weight, name_min, father_min, text_min, prior;
	double w_name_exact, w_name_typo, w_name_diff;
	double w_father_same, w_father_near, w_father_diff;
	double w_mobile_equal, w_mobile_near, w_mobile_diff;
	double w_village, w_tehsil, w_place_diff;
	double w_category, w_department, w_nature_diff;
	double w_text_high, w_text_mid, w_text_low, w_text_none;
	double w_days_near, w_days_far;
};

struct evidence {
	double name_sim, father_sim, text_sim;
	double father_given_sim; /* the fathers' given names (surname left out), -1: not compared */
	double tf[SF_COUNT];     /* the term-frequency part of each w (<= 0) */
	enum name_reason name_why;
	unsigned char name, father, mobile, place, nature; /* the *_level enums */
	int days;                                          /* days apart, >= 0 */
	int other_language;  /* one text in Latin letters, the other in Devanagari:
				  their similarity says nothing */
	double w[SF_COUNT];  /* each field's weight */
	double weight;       /* prior + sum of w */
	double score;        /* 1 / (1 + 2^-weight): the probability of a duplicate */
	unsigned char guard; /* enum guard */
	unsigned char rule;  /* enum rule; RULE_NONE when refused */
};

/* Reads [match] of cfg with the defaults above; -1 with err on a bad value. */
int score_params_load(struct score_params *p, const struct config *cfg, struct strbuf *err);

/* Per-thread working memory. */
struct score_scratch;
struct score_scratch *score_scratch_new(void);
void score_scratch_free(struct score_scratch *s);

/*
 * Scores records a and b of set. mobile_shared tells whether the mobile
 * they share is used by too many names to identify anyone (the caller
 * counts that over the whole set). Pure: safe in parallel with one
 * scratch per thread.
 */
void score_pair(const struct mset *set, uint32_t a, uint32_t b, const struct score_params *p,
		int mobile_shared, struct score_scratch *s, struct evidence *ev);

/*
 * The same decision (guard, rule, and weight when proposed) with less work:
 * a pair refused for another nature or for the time apart stops there, so
 * its other fields are not filled. For the bulk of candidate pairs.
 */
void score_verdict(const struct mset *set, uint32_t a, uint32_t b, const struct score_params *p,
		   int mobile_shared, struct score_scratch *s, struct evidence *ev);

/* Similarity of two records' descriptions (MinHash estimate), 0..1. */
double score_text(const struct mset *set, const struct mrec *a, const struct mrec *b);

/* "R1", "R2", "R3" or "" ; and short English names of levels and guards. */
const char *score_rule_name(int rule);
const char *score_guard_name(int guard);
const char *score_field_name(int field);
const char *score_level_name(int field, int level);

#endif
