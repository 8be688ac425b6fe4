/* score.c - per-field evidence, weights and the helpline's guards. */
#include "engine/score.h"

#include "engine/block.h"
#include "engine/freq.h"

#include <ctype.h>
#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

struct score_scratch {
	struct name_sim_scratch *ns;
};

struct score_scratch *score_scratch_new(void)
{
	struct score_scratch *s = xcalloc(1, sizeof(*s));
	s->ns = name_sim_scratch_new();
	return s;
}

void score_scratch_free(struct score_scratch *s)
{
	if (!s)
		return;
	name_sim_scratch_free(s->ns);
	free(s);
}

struct param_def {
	const char *key;
	size_t off;
	double def;
	int is_int;
};

#define PD(k, d)                                           \
	{                                                  \
#k, offsetof(struct score_params, k), d, 0 \
	}
#define PI(k, d)                                           \
	{                                                  \
#k, offsetof(struct score_params, k), d, 1 \
	}
static const struct param_def param_defs[] = {
	PI(window_days, 90),
	PI(mobile_max_names, 4),
	PI(block_max, 1000),
	PI(block_window, 200),
	PI(tf_ref, 3),
	PI(tf_father_ref, 3),
	PI(tf_village_ref, 7),
	PI(tf_text_ref, 1),
	PI(tf_max, 4),
	PD(min_weight, 0),
	PD(high_weight, 10),
	PD(name_min, NAME_SAME_THRESHOLD),
	PD(father_min, 0.70),
	PD(text_min, 0.01),
	PD(prior, -12),
	PD(w_name_exact, 9),
	PD(w_name_typo, 6),
	PD(w_name_diff, -10),
	PD(w_father_same, 4),
	PD(w_father_near, 2),
	PD(w_father_diff, -6),
	PD(w_mobile_equal, 7),
	PD(w_mobile_near, 3),
	PD(w_mobile_diff, -1.5),
	PD(w_village, 3),
	PD(w_tehsil, 0.5),
	PD(w_place_diff, -5),
	PD(w_category, 2),
	PD(w_department, 0),
	PD(w_nature_diff, -12),
	PD(w_text_high, 4),
	PD(w_text_mid, 2),
	PD(w_text_low, 0.5),
	PD(w_text_none, -1),
	PD(w_days_near, 1),
	PD(w_days_far, -20),
};

int score_params_load(struct score_params *p, const struct config *cfg, struct strbuf *err)
{
	memset(p, 0, sizeof(*p));
	for (size_t i = 0; i < sizeof(param_defs) / sizeof(param_defs[0]); i++) {
		const struct param_def *d = &param_defs[i];
		char *at = (char *)p + d->off;
		if (d->is_int) {
			long v;
			if (config_int(cfg, "match", d->key, (long)d->def, &v, err) < 0)
				return -1;
			*(int *)at = (int)v;
		} else if (config_double(cfg, "match", d->key, d->def, (double *)at, err) < 0) {
			return -1;
		}
	}
	return 0;
}

double score_text(const struct mset *set, const struct mrec *a, const struct mrec *b)
{
	return text_sig_similarity(set->sig + (size_t)(a - set->r) * TEXT_SIG_LEN,
				   set->sig + (size_t)(b - set->r) * TEXT_SIG_LEN);
}

/* Equal ignoring ASCII case, or equal but for a title on one side. */
static int same_written_name(const struct mrec *a, const struct mrec *b)
{
	const char *x = a->name_display, *y = b->name_display;
	size_t n = strlen(x), m = strlen(y);
	if (n < m) {
		const char *t = x;
		x = y, y = t;
		size_t k = n;
		n = m, m = k;
	}
	const char *tail = x + (n - m);
	if (strcasecmp(tail, y))
		return 0;
	return n == m || tail[-1] == ' ';
}

/* One digit wrong, or two neighbours swapped: a slip when typing it. */
static int mobile_near(uint64_t a, uint64_t b)
{
	int d[10], e[10], diff = 0, first = -1, second = -1;
	for (int i = 0; i < 10; i++, a /= 10, b /= 10) {
		d[i] = (int)(a % 10), e[i] = (int)(b % 10);
		if (d[i] != e[i]) {
			if (diff == 0)
				first = i;
			else
				second = i;
			diff++;
		}
	}
	if (diff == 1)
		return 1;
	return diff == 2 && second == first + 1 && d[first] == e[second] && d[second] == e[first];
}

/* The words before the last (the given names) of a name key into out;
 * 0 when the name has one word. */
static int given_part(const char *key, char *out, size_t n)
{
	const char *last = strrchr(key, ' ');
	if (!last || last == key || (size_t)(last - key) >= n)
		return 0;
	memcpy(out, key, (size_t)(last - key));
	out[last - key] = 0;
	return 1;
}

/*
 * How alike the fathers' given names are, the surname left out: fathers
 * of one family or caste share it (विजय परमार / संजय परमार are two
 * fathers), so the full names' similarity alone would make them one.
 * -1 when either father has a single word.
 */
static double father_given(const struct mrec *a, const struct mrec *b, struct score_scratch *s)
{
	char ca[256], ba[256], cb[256], bb[256];
	if (!given_part(a->father_cmp, ca, sizeof(ca)) ||
	    !given_part(a->father_bridge, ba, sizeof(ba)) ||
	    !given_part(b->father_cmp, cb, sizeof(cb)) ||
	    !given_part(b->father_bridge, bb, sizeof(bb)))
		return -1;
	return !strcmp(ca, cb) ? 1.0 : name_similarity(ca, ba, cb, bb, s->ns, NULL);
}

static void eval_father(const struct mrec *a, const struct mrec *b, const struct score_params *p,
			struct score_scratch *s, struct evidence *ev)
{
	ev->father_given_sim = -1;
	if (!*a->father_cmp || !*b->father_cmp) {
		ev->father = FL_MISSING;
		return;
	}
	int same = !strcmp(a->father_cmp, b->father_cmp);
	ev->father_sim = same ? 1.0
			      : name_similarity(a->father_cmp, a->father_bridge, b->father_cmp,
						b->father_bridge, s->ns, NULL);
	double sim = ev->father_sim;
	if (!same && sim >= p->father_min) {
		ev->father_given_sim = father_given(a, b, s);
		if (ev->father_given_sim >= 0 && ev->father_given_sim < sim)
			sim = ev->father_given_sim;
	}
	if (sim >= NAME_SAME_THRESHOLD)
		ev->father = FL_SAME, ev->w[SF_FATHER] = p->w_father_same;
	else if (sim >= p->father_min)
		ev->father = FL_NEAR, ev->w[SF_FATHER] = p->w_father_near;
	else
		ev->father = FL_DIFFERENT, ev->w[SF_FATHER] = p->w_father_diff;
}

/*
 * Term frequency: when a and b agree on one value of kind (one key, so one
 * count), a value shared by more than 2^ref complaints of the district
 * weighs a bit less for each doubling, at most tf_max less and never below
 * nothing; rare values keep their weight, so the bands keep their meaning.
 * Kept apart in ev->tf for explain.
 */
static void tf_adjust(const struct mrec *a, const struct mrec *b, int kind, int field, int ref,
		      const struct score_params *p, struct evidence *ev)
{
	uint64_t k = freq_key(a, kind);
	if (!k || k != freq_key(b, kind) || ev->w[field] <= 0)
		return;
	int bucket = a->freq[kind] > b->freq[kind] ? a->freq[kind] : b->freq[kind];
	double adj = bucket > ref ? bucket - ref : 0;
	if (adj > p->tf_max)
		adj = p->tf_max;
	if (adj > ev->w[field])
		adj = ev->w[field];
	ev->tf[field] = -adj;
	ev->w[field] -= adj;
}

static void eval_name(const struct mset *set, const struct mrec *a, const struct mrec *b,
		      const struct score_params *p, struct score_scratch *s, struct evidence *ev)
{
	(void)set;
	if (!*a->name_cmp || !*b->name_cmp) {
		ev->name = NL_MISSING, ev->name_why = NSIM_NO_NAME;
		return;
	}
	if (!strcmp(a->name_cmp, b->name_cmp))
		ev->name_sim = 1.0, ev->name_why = NSIM_EXACT; /* the common case, for free */
	else
		ev->name_sim = name_similarity(a->name_cmp, a->name_bridge, b->name_cmp,
					       b->name_bridge, s->ns, &ev->name_why);
	if (ev->name_sim < p->name_min)
		ev->name = NL_DIFFERENT, ev->w[SF_NAME] = p->w_name_diff;
	else if (!strcmp(a->name_cmp, b->name_cmp) && same_written_name(a, b))
		ev->name = NL_EXACT, ev->w[SF_NAME] = p->w_name_exact;
	else
		ev->name = NL_TYPO, ev->w[SF_NAME] = p->w_name_typo * ev->name_sim;
	tf_adjust(a, b, TF_NAME, SF_NAME, p->tf_ref, p, ev);
	eval_father(a, b, p, s, ev);
	tf_adjust(a, b, TF_FATHER, SF_FATHER, p->tf_father_ref, p, ev);
}

static void eval_mobile(const struct mrec *a, const struct mrec *b, const struct score_params *p,
			int mobile_shared, struct evidence *ev)
{
	if (!a->mob_ident || !b->mob_ident || (a->mobile == b->mobile && mobile_shared)) {
		ev->mobile = ML_NOT_IDENT;
	} else if (a->mobile == b->mobile) {
		ev->mobile = ML_EQUAL, ev->w[SF_MOBILE] = p->w_mobile_equal;
	} else if (mobile_near(a->mobile, b->mobile)) {
		ev->mobile = ML_NEAR, ev->w[SF_MOBILE] = p->w_mobile_near;
	} else {
		ev->mobile = ML_DIFFERENT, ev->w[SF_MOBILE] = p->w_mobile_diff;
	}
}

/* Place is a hierarchy: district, tehsil, village; a name agrees only
 * inside the level above it. */
static void eval_place(const struct mrec *a, const struct mrec *b, const struct score_params *p,
		       struct evidence *ev)
{
	int other_tehsil = a->tehsil >= 0 && b->tehsil >= 0 && a->tehsil != b->tehsil;
	if (a->district >= 0 && b->district >= 0 && a->district != b->district) {
		ev->place = PL_DISTRICT, ev->w[SF_PLACE] = p->w_place_diff;
	} else if (a->village >= 0 && b->village >= 0) {
		if (a->village == b->village && !other_tehsil)
			ev->place = PL_VILLAGE, ev->w[SF_PLACE] = p->w_village;
		else
			ev->place = PL_DIFFERENT, ev->w[SF_PLACE] = p->w_place_diff;
	} else if (a->tehsil >= 0 && b->tehsil >= 0) {
		if (a->tehsil == b->tehsil)
			ev->place = PL_TEHSIL, ev->w[SF_PLACE] = p->w_tehsil;
		else
			ev->place = PL_DIFFERENT, ev->w[SF_PLACE] = p->w_place_diff;
	} else {
		ev->place = PL_UNKNOWN;
	}
	if (ev->place == PL_VILLAGE)
		tf_adjust(a, b, TF_VILLAGE, SF_PLACE, p->tf_village_ref, p, ev);
}

/* Same category (before or after an L1 change), or the same department
 * where a category was changed: the helpline's "same nature". */
static void eval_nature(const struct mrec *a, const struct mrec *b, const struct score_params *p,
			struct evidence *ev)
{
	int same_cat = a->category >= 0 &&
		       (a->category == b->category || a->category == b->prev_category ||
			(a->prev_category >= 0 && (a->prev_category == b->category ||
						   a->prev_category == b->prev_category)));
	if (same_cat)
		ev->nature = NA_CATEGORY, ev->w[SF_NATURE] = p->w_category;
	else if (a->department >= 0 && a->department == b->department &&
		 (a->prev_category >= 0 || b->prev_category >= 0))
		ev->nature = NA_DEPARTMENT, ev->w[SF_NATURE] = p->w_department;
	else
		ev->nature = NA_DIFFERENT, ev->w[SF_NATURE] = p->w_nature_diff;
}

static int decide_guard(const struct evidence *ev, const struct score_params *p)
{
	if (ev->days > p->window_days)
		return G_FAR;
	if (ev->nature == NA_DIFFERENT)
		return G_NATURE;
	if (ev->name == NL_DIFFERENT || ev->name == NL_MISSING) {
		if (ev->mobile == ML_EQUAL)
			return G_FAMILY;
		if (ev->place == PL_VILLAGE && ev->text_sim >= p->text_min)
			return G_NEIGHBOUR;
		return G_NAME;
	}
	if (ev->place == PL_DISTRICT && ev->mobile != ML_EQUAL)
		return G_DISTRICT;
	if (ev->father == FL_DIFFERENT)
		return G_NAMESAKE;
	if (ev->place == PL_DIFFERENT && ev->mobile != ML_EQUAL)
		return G_NAMESAKE;
	if (ev->text_sim < p->text_min && !ev->other_language)
		return G_GRIEVANCE;
	if (ev->weight < p->min_weight)
		return G_LOW;
	return G_NONE;
}

static void score_core(const struct mset *set, uint32_t ia, uint32_t ib,
		       const struct score_params *p, int mobile_shared, struct score_scratch *s,
		       struct evidence *ev, int quick)
{
	const struct mrec *a = &set->r[ia], *b = &set->r[ib];
	memset(ev, 0, sizeof(*ev));
	eval_nature(a, b, p, ev);
	ev->days = abs(a->day - b->day);
	if (quick && (ev->nature == NA_DIFFERENT || ev->days > p->window_days)) {
		ev->guard = ev->nature == NA_DIFFERENT ? G_NATURE : G_FAR;
		ev->weight = -100;
		return;
	}
	eval_name(set, a, b, p, s, ev);
	eval_mobile(a, b, p, mobile_shared, ev);
	eval_place(a, b, p, ev);
	ev->text_sim = score_text(set, a, b);
	ev->other_language = a->text_latin != b->text_latin;
	if (ev->text_sim >= 0.5)
		ev->w[SF_TEXT] = p->w_text_high;
	else if (ev->text_sim >= 0.3)
		ev->w[SF_TEXT] = p->w_text_mid;
	else if (ev->text_sim >= 0.15)
		ev->w[SF_TEXT] = p->w_text_low;
	else if (!ev->other_language)
		ev->w[SF_TEXT] = p->w_text_none;
	tf_adjust(a, b, TF_TEXT, SF_TEXT, p->tf_text_ref, p, ev); /* a stock sentence */
	if (ev->days > p->window_days)
		ev->w[SF_DAYS] = p->w_days_far;
	else if (ev->days <= 30)
		ev->w[SF_DAYS] = p->w_days_near;
	ev->weight = p->prior;
	for (int f = 0; f < SF_COUNT; f++)
		ev->weight += ev->w[f];
	ev->score = 1.0 / (1.0 + exp2(-ev->weight));
	ev->guard = (unsigned char)decide_guard(ev, p);
	if (ev->guard != G_NONE)
		ev->rule = RULE_NONE;
	else if (ev->name == NL_EXACT)
		ev->rule = ev->mobile == ML_EQUAL ? RULE_R1 : RULE_R2;
	else
		ev->rule = RULE_R3;
}

void score_pair(const struct mset *set, uint32_t a, uint32_t b, const struct score_params *p,
		int mobile_shared, struct score_scratch *s, struct evidence *ev)
{
	score_core(set, a, b, p, mobile_shared, s, ev, 0);
}

void score_verdict(const struct mset *set, uint32_t a, uint32_t b, const struct score_params *p,
		   int mobile_shared, struct score_scratch *s, struct evidence *ev)
{
	score_core(set, a, b, p, mobile_shared, s, ev, 1);
}

const char *score_rule_name(int rule)
{
	static const char *const n[] = {"", "R1", "R2", "R3"};
	return rule >= 0 && rule <= RULE_R3 ? n[rule] : "";
}

const char *score_guard_name(int guard)
{
	static const char *const n[] = {
		"",           "far_apart", "other_nature",    "family",   "neighbour",
		"other_name", "namesake",  "other_grievance", "rejected", "weak",
		"other_district",
	};
	return guard >= 0 && guard <= G_DISTRICT ? n[guard] : "";
}

const char *score_field_name(int field)
{
	static const char *const n[] = {"name",   "father", "mobile", "place",
					"nature", "text",   "days"};
	return field >= 0 && field < SF_COUNT ? n[field] : "";
}

const char *score_level_name(int field, int level)
{
	static const char *const name[] = {"exact", "typo", "different", "missing"};
	static const char *const father[] = {"same", "near", "different", "missing"};
	static const char *const mobile[] = {"equal", "near", "different", "not_identifying"};
	static const char *const place[] = {"village", "tehsil", "different", "unknown",
					    "other_district"};
	static const char *const nature[] = {"category", "department", "different"};
	if (level < 0)
		return "";
	switch (field) {
	case SF_NAME: return level <= NL_MISSING ? name[level] : "";
	case SF_FATHER: return level <= FL_MISSING ? father[level] : "";
	case SF_MOBILE: return level <= ML_NOT_IDENT ? mobile[level] : "";
	case SF_PLACE: return level <= PL_DISTRICT ? place[level] : "";
	case SF_NATURE: return level <= NA_DIFFERENT ? nature[level] : "";
	default: return "";
	}
}
