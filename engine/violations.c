/* violations.c - the helpline's rules on one complaint (see violations.h). */
#include "engine/violations.h"

#include <string.h>

#include "engine/date.h"
#include "engine/labels.h"
#include "engine/store.h"

const char *violation_kind_name(enum violation_kind v)
{
	static const char *const names[] = {"category_change_late",    "category_change_not_l1",
					    "oj_below_level",          "oj_back_to_same_officer",
					    "closed_without_feedback", "force_close_not_informed"};
	return names[v];
}

static int has_level_timeline(const struct nk_case *k)
{
	for (size_t i = 0; i < k->nhist; i++)
		if (k->hist[i].field == HF_LEVEL)
			return 1;
	for (size_t i = 0; i < k->nmv; i++)
		if (k->mv[i].from_level && k->mv[i].to_level &&
		    k->mv[i].from_level != k->mv[i].to_level)
			return 1;
	return 0;
}

/* The level on day when something records it; 0 when it cannot be known. */
static int known_level_at(const struct nk_case *k, int day)
{
	if (has_level_timeline(k))
		return casefile_level_at(k, day);
	return k->level_now == 1 ? 1 : 0;
}

static struct violation *add_violation(struct case_rules *r, enum violation_kind kind, int day,
				       int level, const char *officer, const char *source)
{
	if (r->nv == RULES_MAX)
		return NULL;
	struct violation *v = &r->v[r->nv++];
	v->kind = kind;
	v->day = day;
	v->level = level;
	v->officer = officer;
	v->source = source;
	v->detail_en[0] = v->detail_hi[0] = 0;
	return v;
}

static void add_change(struct case_rules *r, const struct nk_case *k, int day, int level,
		       const char *officer, const char *old_c, const char *new_c, const char *src)
{
	if (r->ncc == RULES_MAX)
		return;
	struct category_change *c = &r->cc[r->ncc++];
	c->day = day;
	c->level = level ? level : known_level_at(k, day);
	c->officer = officer ? officer : casefile_officer_at(k, day);
	c->old_c = old_c;
	c->new_c = new_c;
	c->source = src;
	c->late = c->not_l1 = 0;
}

static void collect_changes(const struct nk_case *k, const int *snaps, size_t nsnap,
			    struct case_rules *r)
{
	for (size_t i = 0; i < k->nmv_asof; i++) {
		const struct case_move *m = &k->mv[i];
		if (m->act == ACT_CATEGORY_CHANGED)
			add_change(r, k, m->day, m->from_level ? m->from_level : m->to_level,
				   m->from_officer, m->old_category, m->new_category, "movement");
	}
	if (r->ncc)
		return;
	if (k->prev_category && k->category_changed_day != DAY_NONE &&
	    k->category_changed_day <= k->as_of && !k->category_changed_after) {
		add_change(r, k, k->category_changed_day, 0, NULL, k->prev_category,
			   k->category_now, "export");
		return;
	}
	for (size_t i = 0; i < k->nhist_asof; i++) {
		const struct case_hist *h = &k->hist[i];
		if (h->field != HF_CATEGORY)
			continue;
		int lb = casefile_prev_day(snaps, nsnap, h->day);
		add_change(r, k, lb == DAY_NONE ? h->day : lb, 0, NULL, h->old_v, h->new_v,
			   "snapshot");
	}
}

static void judge_changes(const struct nk_case *k, const struct sla_config *sc,
			  struct case_rules *r)
{
	char d1[11], d2[11];
	r->sla_category = k->category;
	int reset_blocked = 0;
	for (size_t i = 0; i < r->ncc; i++) {
		struct category_change *c = &r->cc[i];
		int after = c->day - k->reg_day;
		c->late = after > sc->category_change_days;
		c->not_l1 = c->level > 1;
		if ((c->late || c->not_l1) && !reset_blocked) {
			reset_blocked = 1;
			r->sla_category = c->old_c;
		}
		date_format_dmy(c->day, d1);
		date_format_dmy(k->reg_day, d2);
		struct violation *v;
		if (c->late && (v = add_violation(r, V_CATEGORY_LATE, c->day, c->level, c->officer,
						  c->source))) {
			xsnprintf(
				v->detail_en, sizeof(v->detail_en),
				"category changed from \"%s\" to \"%s\" on %s, %d days after "
				"registration on %s (allowed within %d days); time limit not reset",
				c->old_c ? c->old_c : "?", c->new_c ? c->new_c : "?", d1, after, d2,
				sc->category_change_days);
			xsnprintf(v->detail_hi, sizeof(v->detail_hi),
				  "प्रारूप \"%s\" से \"%s\" %s को बदला, पंजीयन (%s) के %d दिन बाद "
				  "(अनुमति %d दिन तक); समय-सीमा पुनः आरंभ नहीं",
				  c->old_c ? c->old_c : "?", c->new_c ? c->new_c : "?", d1, d2,
				  after, sc->category_change_days);
		}
		if (c->not_l1 && (v = add_violation(r, V_CATEGORY_NOT_L1, c->day, c->level,
						    c->officer, c->source))) {
			xsnprintf(
				v->detail_en, sizeof(v->detail_en),
				"category changed from \"%s\" to \"%s\" on %s by the L%d officer; "
				"only L1 may change it; time limit not reset",
				c->old_c ? c->old_c : "?", c->new_c ? c->new_c : "?", d1, c->level);
			xsnprintf(v->detail_hi, sizeof(v->detail_hi),
				  "प्रारूप \"%s\" से \"%s\" %s को L%d अधिकारी ने बदला; केवल L1 बदल "
				  "सकता है; समय-सीमा पुनः आरंभ नहीं",
				  c->old_c ? c->old_c : "?", c->new_c ? c->new_c : "?", d1,
				  c->level);
		}
	}
}

/* The officer a complaint escalated from into level, before move index i. */
static const char *escalated_from(const struct nk_case *k, size_t i, int level)
{
	while (i-- > 0) {
		const struct case_move *m = &k->mv[i];
		if (m->to_level == level && m->from_level && m->from_level < m->to_level)
			return m->from_officer;
	}
	return NULL;
}

static void add_oj(struct case_rules *r, int day, int level, const char *officer,
		   const char *to_officer, const char *source)
{
	if (r->noj == RULES_MAX)
		return;
	struct oj_mark *o = &r->oj[r->noj++];
	o->day = day;
	o->level = level;
	o->officer = officer;
	o->to_officer = to_officer;
	o->source = source;
	o->below = o->back_to_same = 0;
}

static int status_day(const struct nk_case *k, enum status st)
{
	for (size_t i = k->nhist_asof; i-- > 0;)
		if (k->hist[i].field == HF_STATUS && k->hist[i].new_v &&
		    status_from_name(k->hist[i].new_v) == st)
			return k->hist[i].day;
	return k->closed;
}

static void collect_oj(const struct nk_case *k, struct case_rules *r)
{
	for (size_t i = 0; i < k->nmv_asof; i++) {
		const struct case_move *m = &k->mv[i];
		if (m->act != ACT_OUT_OF_JURISDICTION)
			continue;
		int level = m->from_level ? m->from_level : casefile_level_at(k, m->day);
		add_oj(r, m->day, level, m->from_officer, m->to_officer, "movement");
		const char *back = escalated_from(k, i, level);
		r->oj[r->noj - 1].back_to_same =
			back && m->to_officer && !strcmp(back, m->to_officer);
	}
	if (r->noj)
		return;
	if ((k->oj_day != DAY_NONE && k->oj_day <= k->as_of) ||
	    (k->oj_day == DAY_NONE && k->oj_level > 0)) {
		int level = k->oj_level ? k->oj_level : known_level_at(k, k->oj_day);
		add_oj(r, k->oj_day, level, k->oj_officer, NULL, "export");
	} else if (k->status == ST_OUT_OF_JURISDICTION) {
		int day = status_day(k, ST_OUT_OF_JURISDICTION);
		add_oj(r, day, k->level, k->officer, NULL, "status");
	}
}

static void judge_oj(const struct sla_config *sc, struct case_rules *r)
{
	char d[11];
	for (size_t i = 0; i < r->noj; i++) {
		struct oj_mark *o = &r->oj[i];
		struct violation *v;
		if (o->day != DAY_NONE)
			date_format_dmy(o->day, d);
		else
			xsnprintf(d, sizeof(d), "?");
		o->below = o->level > 0 && o->level < sc->oj_level;
		if (o->below && (v = add_violation(r, V_OJ_BELOW_LEVEL, o->day, o->level,
						   o->officer, o->source))) {
			xsnprintf(v->detail_en, sizeof(v->detail_en),
				  "marked out of jurisdiction at L%d on %s; only L%d or above may",
				  o->level, d, sc->oj_level);
			xsnprintf(v->detail_hi, sizeof(v->detail_hi),
				  "L%d पर %s को कार्यक्षेत्र से बाहर किया; केवल L%d या ऊपर कर सकता है",
				  o->level, d, sc->oj_level);
		}
		if (o->back_to_same && (v = add_violation(r, V_OJ_BACK_TO_SAME, o->day, o->level,
							  o->officer, o->source))) {
			xsnprintf(
				v->detail_en, sizeof(v->detail_en),
				"sent back on %s through out of jurisdiction to %s, the officer it "
				"escalated from",
				d, o->to_officer);
			xsnprintf(v->detail_hi, sizeof(v->detail_hi),
				  "%s को कार्यक्षेत्र से बाहर के माध्यम से उसी अधिकारी %s को वापस भेजा "
				  "जिससे अग्रेषित हुई थी",
				  d, o->to_officer);
		}
	}
}

static const char *const not_informed[] = {"not informed", "uninformed", "not contacted",
					   "सूचित नहीं",     "सूचना नहीं",   "अवगत नहीं",
					   "संपर्क नहीं"};

static int says_not_informed(const char *s)
{
	if (!s)
		return 0;
	for (size_t i = 0; i < sizeof(not_informed) / sizeof(not_informed[0]); i++)
		if (strcasestr(s, not_informed[i]))
			return 1;
	return 0;
}

/* The closing date as the details print it (formatted only for a
 * violation: most closures have none). */
static const char *closed_on(const struct nk_case *k, char *d)
{
	return k->closed != DAY_NONE ? date_format_dmy(k->closed, d) : "?";
}

static void judge_closure(const struct nk_case *k, struct case_rules *r)
{
	char d[11];
	struct violation *v;
	int closed_feedback =
		k->status == ST_CLOSED_SATISFIED || k->status == ST_CLOSED_LOW_QUALITY;
	r->feedback_unchecked = closed_feedback && k->no_satisfaction_col;
	if (closed_feedback && !k->satisfaction && !k->no_satisfaction_col &&
	    (v = add_violation(r, V_CLOSED_NO_FEEDBACK, k->closed, k->level, k->officer,
			       "export"))) {
		xsnprintf(v->detail_en, sizeof(v->detail_en),
			  "closed on %s as \"%s\" with no feedback from the complainant",
			  closed_on(k, d), label_of("status", status_name(k->status), LABEL_EN));
		xsnprintf(v->detail_hi, sizeof(v->detail_hi),
			  "%s को \"%s\" के रूप में बंद, शिकायतकर्ता की संतुष्टि दर्ज नहीं", closed_on(k, d),
			  label_of("status", status_name(k->status), LABEL_HI));
	}
	if (k->status != ST_FORCE_CLOSED)
		return;
	int said = says_not_informed(k->satisfaction);
	for (size_t i = 0; i < k->nmv_asof && !said; i++)
		said = k->mv[i].act == ACT_CLOSED && says_not_informed(k->mv[i].remarks);
	if (said && (v = add_violation(r, V_FORCE_NOT_INFORMED, k->closed, k->level, k->officer,
				       "export"))) {
		xsnprintf(v->detail_en, sizeof(v->detail_en),
			  "force closed on %s without informing the complainant", closed_on(k, d));
		xsnprintf(v->detail_hi, sizeof(v->detail_hi),
			  "%s को शिकायतकर्ता को सूचित किए बिना फोर्स क्लोज", closed_on(k, d));
	}
}

void violations_check(const struct nk_case *k, const struct sla_config *sc, const int *snapshots,
		      size_t nsnap, struct case_rules *out)
{
	out->ncc = out->noj = out->nv = 0;
	out->feedback_unchecked = 0;
	collect_changes(k, snapshots, nsnap, out);
	judge_changes(k, sc, out);
	collect_oj(k, out);
	judge_oj(sc, out);
	judge_closure(k, out);
}
