/* explain.c - reason lines and the evidence report. */
#include "engine/explain.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "engine/date.h"
#include "engine/normalize.h"

#define NOT_PROPOSED_EN "not proposed: "
#define NOT_PROPOSED_HI "प्रस्तावित नहीं: "

static const char *const guard_en[] = {
	"",
	NOT_PROPOSED_EN "registered too far apart",
	NOT_PROPOSED_EN "a different kind of complaint",
	NOT_PROPOSED_EN "a family member sharing the mobile",
	NOT_PROPOSED_EN "a neighbour with the same local problem",
	NOT_PROPOSED_EN "a different complainant",
	NOT_PROPOSED_EN "a namesake (other father or place)",
	NOT_PROPOSED_EN "the same person's other grievance",
	NOT_PROPOSED_EN "rejected by the supervisor earlier",
	NOT_PROPOSED_EN "the evidence is too weak",
	NOT_PROPOSED_EN "another district, and no mobile identifying one person",
};
static const char *const guard_hi[] = {
	"",
	NOT_PROPOSED_HI "समय का अंतर अधिक",
	NOT_PROPOSED_HI "शिकायत का प्रकार अलग",
	NOT_PROPOSED_HI "एक मोबाइल पर परिवार का सदस्य",
	NOT_PROPOSED_HI "पड़ोसी की वही स्थानीय समस्या",
	NOT_PROPOSED_HI "शिकायतकर्ता अलग",
	NOT_PROPOSED_HI "हमनाम (पिता या स्थान अलग)",
	NOT_PROPOSED_HI "उसी व्यक्ति की दूसरी शिकायत",
	NOT_PROPOSED_HI "पर्यवेक्षक ने पहले अस्वीकार किया",
	NOT_PROPOSED_HI "प्रमाण कमज़ोर",
	NOT_PROPOSED_HI "दूसरा ज़िला, और एक व्यक्ति को पहचानने वाला मोबाइल नहीं",
};

const char *explain_guard_en(int guard)
{
	return guard >= 0 && guard <= G_DISTRICT ? guard_en[guard] : "";
}

const char *explain_guard_hi(int guard)
{
	return guard >= 0 && guard <= G_DISTRICT ? guard_hi[guard] : "";
}

/* Splits s at spaces into at most max words; returns how many. */
static int words(const char *s, const char *w[], size_t len[], int max)
{
	int n = 0;
	while (*s && n < max) {
		while (*s == ' ')
			s++;
		const char *b = s;
		while (*s && *s != ' ')
			s++;
		if (s > b) {
			w[n] = b;
			len[n++] = (size_t)(s - b);
		}
	}
	return n;
}

/* A name's words beside their comparison and bridge forms, titles left out. */
struct name_words {
	int n;
	char *w[NAME_MAX_WORDS], *cmp[NAME_MAX_WORDS], *bridge[NAME_MAX_WORDS];
};

/* The comparison form of words w[lo..hi) joined, into out. */
static void cmp_of(const char *const w[], const size_t len[], int lo, int hi,
		   struct name_scratch *ns, struct strbuf *out)
{
	struct strbuf joined = STRBUF_INIT;
	struct name_keys k;
	for (int i = lo; i < hi; i++) {
		if (i > lo)
			strbuf_addch(&joined, ' ');
		strbuf_add(&joined, w[i], len[i]);
	}
	strbuf_reset(out);
	if (!name_keys(joined.buf, joined.len, ns, &k))
		strbuf_addstr(out, k.cmp);
	strbuf_release(&joined);
}

/*
 * The words of display but the titles around them (श्री, Mrs, a final जी):
 * a word at either end is one when the name without it compares the same.
 */
static void name_words(const char *display, struct name_scratch *ns, struct name_words *out)
{
	const char *w[NAME_MAX_WORDS];
	size_t len[NAME_MAX_WORDS];
	struct strbuf full = STRBUF_INIT, part = STRBUF_INIT;
	int n = words(display, w, len, NAME_MAX_WORDS), lo = 0, hi = n;
	cmp_of(w, len, 0, n, ns, &full);
	for (; lo + 1 < hi; lo++) {
		cmp_of(w, len, lo + 1, hi, ns, &part);
		if (strcmp(part.buf, full.buf))
			break;
	}
	for (; hi - 1 > lo; hi--) {
		cmp_of(w, len, lo, hi - 1, ns, &part);
		if (strcmp(part.buf, full.buf))
			break;
	}
	out->n = 0;
	for (int i = lo; i < hi; i++) {
		struct name_keys k;
		if (name_keys(w[i], len[i], ns, &k))
			continue;
		int j = out->n++;
		out->w[j] = xstrndup(w[i], len[i]);
		out->cmp[j] = xstrdup(k.cmp);
		out->bridge[j] = xstrdup(k.bridge);
	}
	strbuf_release(&full);
	strbuf_release(&part);
}

static void name_words_free(struct name_words *nw)
{
	for (int i = 0; i < nw->n; i++) {
		free(nw->w[i]);
		free(nw->cmp[i]);
		free(nw->bridge[i]);
	}
}

/* Whether no word of x is w written the same (but for case). */
static int lacks(const struct name_words *x, const char *w)
{
	for (int i = 0; i < x->n; i++)
		if (!strcasecmp(x->w[i], w))
			return 0;
	return 1;
}

/*
 * The word of y paired with word i of x (i -1: none), among those x lacks:
 * the one of the same comparison form (संजय/सन्जय), else the one that
 * sounds the same (Lakhan/लखन), else the first. -1 when x has them all.
 */
static int partner(const struct name_words *x, int i, const struct name_words *y)
{
	for (int pass = 0; pass < 3; pass++) {
		for (int k = 0; k < y->n; k++) {
			if (!lacks(x, y->w[k]))
				continue;
			if (pass == 2)
				return k;
			if (i >= 0 && !strcmp(pass ? x->bridge[i] : x->cmp[i],
					      pass ? y->bridge[k] : y->cmp[k]))
				return k;
		}
	}
	return -1;
}

/* The pair of name words that differ, " (Lakhan/लखन)", into pair ("" when none). */
static void name_pair(const struct mrec *a, const struct mrec *b, char *pair, size_t n)
{
	struct name_scratch ns = NAME_SCRATCH_INIT;
	struct name_words x, y;
	name_words(a->name_display, &ns, &x);
	name_words(b->name_display, &ns, &y);
	int i = 0;
	while (i < x.n && !lacks(&y, x.w[i]))
		i++;
	if (i == x.n)
		i = -1;
	int j = partner(&x, i, &y);
	pair[0] = 0;
	if (i >= 0 || j >= 0)
		xsnprintf(pair, n, " (%s/%s)", i >= 0 ? x.w[i] : "-", j >= 0 ? y.w[j] : "-");
	name_words_free(&x);
	name_words_free(&y);
	name_scratch_release(&ns);
}

static void sep(struct strbuf *sb)
{
	if (sb->len)
		strbuf_addstr(sb, ", ");
}

static void name_part(const struct mrec *a, const struct mrec *b, const struct evidence *ev,
		      struct strbuf *en, struct strbuf *hi)
{
	char pair[300];
	name_pair(a, b, pair, sizeof(pair));
	if (ev->name == NL_EXACT) {
		strbuf_addstr(en, "same name");
		strbuf_addstr(hi, "वही नाम");
		return;
	}
	if (ev->name == NL_DIFFERENT || ev->name == NL_MISSING) {
		strbuf_addf(en, "different name%s", pair);
		strbuf_addf(hi, "नाम अलग%s", pair);
		return;
	}
	switch (ev->name_why) {
	case NSIM_OTHER_SCRIPT:
		strbuf_addf(en, "name in the other script%s", pair);
		strbuf_addf(hi, "नाम दूसरी लिपि में%s", pair);
		break;
	case NSIM_ORDER:
		strbuf_addstr(en, "name words in another order");
		strbuf_addstr(hi, "नाम के शब्दों का क्रम अलग");
		break;
	case NSIM_WORD_MISSING:
		strbuf_addf(en, "a word of the name missing%s", pair);
		strbuf_addf(hi, "नाम में एक शब्द कम%s", pair);
		break;
	case NSIM_INITIALS:
		strbuf_addf(en, "initials for the name%s", pair);
		strbuf_addf(hi, "नाम में आद्याक्षर%s", pair);
		break;
	case NSIM_EXACT:
		strbuf_addf(en, "name written differently%s", pair);
		strbuf_addf(hi, "नाम लिखने में भिन्नता%s", pair);
		break;
	default:
		strbuf_addf(en, "typing difference in the name%s", pair);
		strbuf_addf(hi, "नाम में टाइपिंग भिन्नता%s", pair);
	}
}

static void add2(struct strbuf *en, struct strbuf *hi, const char *e, const char *h)
{
	sep(en);
	sep(hi);
	strbuf_addstr(en, e);
	strbuf_addstr(hi, h);
}

void explain_reason(const struct mset *set, uint32_t a, uint32_t b, const struct evidence *ev,
		    int in_group, struct strbuf *en, struct strbuf *hi)
{
	struct strbuf e = STRBUF_INIT, h = STRBUF_INIT;
	if (ev->guard != G_NONE && in_group) {
		/* A member grouped through another complaint: it is proposed,
		 * and the guard says what the primary alone would not show. */
		strbuf_addf(&e,
			    "linked through another complaint of the group (with the primary "
			    "alone: %s): ",
			    explain_guard_en(ev->guard) + strlen(NOT_PROPOSED_EN));
		strbuf_addf(&h, "समूह की दूसरी शिकायत से जुड़ी (केवल मुख्य से: %s): ",
			    explain_guard_hi(ev->guard) + strlen(NOT_PROPOSED_HI));
	} else if (ev->guard != G_NONE) {
		strbuf_addf(&e, "%s: ", explain_guard_en(ev->guard));
		strbuf_addf(&h, "%s: ", explain_guard_hi(ev->guard));
	}
	name_part(&set->r[a], &set->r[b], ev, &e, &h);
	static const char *const fe[] = {"same father/husband", "father/husband name similar",
					 "father/husband different", NULL};
	static const char *const fh[] = {"वही पिता/पति", "पिता/पति का नाम मिलता-जुलता",
					 "पिता/पति अलग", NULL};
	if (fe[ev->father])
		add2(&e, &h, fe[ev->father], fh[ev->father]);
	static const char *const me[] = {"same mobile", "mobile differs by one digit",
					 "mobile different", "mobile not identifying"};
	static const char *const mh[] = {"वही मोबाइल", "मोबाइल में एक अंक का अंतर", "मोबाइल अलग",
					 "मोबाइल से पहचान नहीं"};
	add2(&e, &h, me[ev->mobile], mh[ev->mobile]);
	static const char *const pe[] = {"same village", "same tehsil", "different village", NULL,
					 "another district"};
	static const char *const ph[] = {"वही ग्राम", "वही तहसील", "ग्राम अलग", NULL,
					 "दूसरा ज़िला"};
	if (pe[ev->place])
		add2(&e, &h, pe[ev->place], ph[ev->place]);
	static const char *const ne[] = {"same category", "same department, category changed",
					 "different category"};
	static const char *const nh[] = {"वही प्रारूप", "वही विभाग, प्रारूप बदला", "प्रारूप अलग"};
	add2(&e, &h, ne[ev->nature], nh[ev->nature]);
	int pct = (int)(ev->text_sim * 100 + 0.5);
	sep(&e);
	sep(&h);
	strbuf_addf(&e, "description %d%% similar, %d days apart", pct, ev->days);
	strbuf_addf(&h, "विवरण %d%% समान, %d दिन का अंतर", pct, ev->days);
	strbuf_addstr(en, e.buf);
	strbuf_addstr(hi, h.buf);
	strbuf_release(&e);
	strbuf_release(&h);
}

/* Columns a string takes on a terminal: Devanagari vowel signs, virama
 * and nasal marks sit on the letter before them and take none. */
static int text_width(const char *s)
{
	int w = 0;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if ((*p & 0xC0) == 0x80)
			continue;
		if (p[0] == 0xE0 && (p[1] == 0xA4 || p[1] == 0xA5)) {
			unsigned cp = 0x900 + ((p[1] & 1) << 6) + (p[2] & 0x3F);
			if (cp <= 0x903 || (cp >= 0x93A && cp <= 0x94F && cp != 0x93D) ||
			    (cp >= 0x951 && cp <= 0x957) || cp == 0x962 || cp == 0x963)
				continue;
		}
		w++;
	}
	return w;
}

static void row(struct strbuf *out, const char *label, const char *x, const char *y)
{
	x = x ? x : "";
	strbuf_addf(out, "  %-12s %s", label, x);
	for (int pad = 40 - text_width(x); pad > 0; pad--)
		strbuf_addch(out, ' ');
	strbuf_addf(out, " | %s\n", y ? y : "");
}

void explain_report(const struct mset *set, uint32_t a, uint32_t b, const struct evidence *ev,
		    const struct score_params *p, struct strbuf *out)
{
	const struct mrec *x = &set->r[a], *y = &set->r[b];
	char da[16], db[16], ma[16] = "", mb[16] = "";
	date_format(x->day, da);
	date_format(y->day, db);
	if (x->mobile)
		xsnprintf(ma, sizeof(ma), "%010llu", (unsigned long long)x->mobile);
	if (y->mobile)
		xsnprintf(mb, sizeof(mb), "%010llu", (unsigned long long)y->mobile);
	row(out, "complaint", x->cid, y->cid);
	row(out, "registered", da, db);
	row(out, "name", x->name_display, y->name_display);
	row(out, "name key", x->name_bridge, y->name_bridge);
	row(out, "father key", x->father_bridge, y->father_bridge);
	row(out, "mobile", ma, mb);
	row(out, "district", mset_str(set, x->district), mset_str(set, y->district));
	row(out, "tehsil", mset_str(set, x->tehsil), mset_str(set, y->tehsil));
	row(out, "village", mset_str(set, x->village), mset_str(set, y->village));
	row(out, "department", mset_str(set, x->department), mset_str(set, y->department));
	row(out, "category", mset_str(set, x->category), mset_str(set, y->category));
	strbuf_addstr(out, "\nevidence (weight = log2 of how much likelier among duplicates):\n");
	const int lv[] = {ev->name, ev->father, ev->mobile, ev->place, ev->nature};
	for (int f = 0; f < SF_COUNT; f++) {
		char what[64];
		if (f == SF_NAME)
			xsnprintf(what, sizeof(what), "%s (%s, %.2f)", score_level_name(f, lv[f]),
				  name_reason_name(ev->name_why), ev->name_sim);
		else if (f == SF_FATHER && ev->father_given_sim >= 0)
			xsnprintf(what, sizeof(what), "%s (%.2f, given names %.2f)",
				  score_level_name(f, lv[f]), ev->father_sim, ev->father_given_sim);
		else if (f == SF_FATHER)
			xsnprintf(what, sizeof(what), "%s (%.2f)", score_level_name(f, lv[f]),
				  ev->father_sim);
		else if (f == SF_TEXT)
			xsnprintf(what, sizeof(what), "%.0f%% similar", ev->text_sim * 100);
		else if (f == SF_DAYS)
			xsnprintf(what, sizeof(what), "%d days apart", ev->days);
		else
			xsnprintf(what, sizeof(what), "%s", score_level_name(f, lv[f]));
		strbuf_addf(out, "  %-8s %-34s %+6.2f\n", score_field_name(f), what, ev->w[f]);
		static const char *const common[SF_COUNT] = {
			[SF_NAME] = "a common name in the district",
			[SF_FATHER] = "a common father's name there",
			[SF_PLACE] = "a large village",
			[SF_TEXT] = "a text many filed: a stock sentence",
		};
		if (ev->tf[f] != 0 && common[f])
			strbuf_addf(out, "  %-8s %-34s %+6.2f  (of the %s's %+.2f)\n", "", common[f],
				    ev->tf[f], score_field_name(f), ev->w[f]);
	}
	strbuf_addf(out, "  %-8s %-34s %+6.2f\n", "prior", "", p->prior);
	strbuf_addf(out, "  %-8s %-34s %+6.2f  (probability %.4f)\n", "total", "", ev->weight,
		    ev->score);
	if (ev->guard == G_NONE)
		strbuf_addf(out, "\ndecision: proposed under %s (%s band)\n",
			    score_rule_name(ev->rule),
			    ev->weight >= p->high_weight && ev->place != PL_DISTRICT ? "high"
										 : "review");
	else
		strbuf_addf(out, "\ndecision: %s (%s)\n", explain_guard_en(ev->guard),
			    score_guard_name(ev->guard));
	struct strbuf en = STRBUF_INIT, hi = STRBUF_INIT;
	explain_reason(set, a, b, ev, 0, &en, &hi);
	strbuf_addf(out, "reason: %s\nकारण: %s\n", en.buf, hi.buf);
	strbuf_release(&en);
	strbuf_release(&hi);
}
