/* explain.c - reason lines and the evidence report. */
#include "engine/explain.h"

#include <stdio.h>
#include <string.h>

#include "engine/date.h"

static const char *const guard_en[] = {
	"",
	"not proposed: registered too far apart",
	"not proposed: a different kind of complaint",
	"not proposed: a family member sharing the mobile",
	"not proposed: a neighbour with the same local problem",
	"not proposed: a different complainant",
	"not proposed: a namesake (other father or place)",
	"not proposed: the same person's other grievance",
	"not proposed: rejected by the supervisor earlier",
	"not proposed: the evidence is too weak",
};
static const char *const guard_hi[] = {
	"",
	"प्रस्तावित नहीं: समय का अंतर अधिक",
	"प्रस्तावित नहीं: शिकायत का प्रकार अलग",
	"प्रस्तावित नहीं: एक मोबाइल पर परिवार का सदस्य",
	"प्रस्तावित नहीं: पड़ोसी की वही स्थानीय समस्या",
	"प्रस्तावित नहीं: शिकायतकर्ता अलग",
	"प्रस्तावित नहीं: हमनाम (पिता या स्थान अलग)",
	"प्रस्तावित नहीं: उसी व्यक्ति की दूसरी शिकायत",
	"प्रस्तावित नहीं: पर्यवेक्षक ने पहले अस्वीकार किया",
	"प्रस्तावित नहीं: प्रमाण कमज़ोर",
};

const char *explain_guard_en(int guard)
{
	return guard >= 0 && guard <= G_LOW ? guard_en[guard] : "";
}

const char *explain_guard_hi(int guard)
{
	return guard >= 0 && guard <= G_LOW ? guard_hi[guard] : "";
}

/* The first word of x that y lacks, into buf ("" when none). */
static void first_missing_word(const char *x, const char *y, char *buf, size_t n)
{
	buf[0] = 0;
	const char *p = x;
	while (*p) {
		while (*p == ' ')
			p++;
		const char *w = p;
		while (*p && *p != ' ')
			p++;
		size_t len = (size_t)(p - w);
		if (!len)
			break;
		int found = 0;
		for (const char *q = y; *q && !found;) {
			while (*q == ' ')
				q++;
			const char *v = q;
			while (*q && *q != ' ')
				q++;
			found = (size_t)(q - v) == len && !strncasecmp(v, w, len);
		}
		if (!found) {
			xsnprintf(buf, n, "%.*s", (int)len, w);
			return;
		}
	}
}

static void sep(struct strbuf *sb)
{
	if (sb->len)
		strbuf_addstr(sb, ", ");
}

static void name_part(const struct mrec *a, const struct mrec *b, const struct evidence *ev,
		      struct strbuf *en, struct strbuf *hi)
{
	char wa[128], wb[128], pair[300] = "";
	first_missing_word(a->name_display, b->name_display, wa, sizeof(wa));
	first_missing_word(b->name_display, a->name_display, wb, sizeof(wb));
	if (*wa || *wb)
		xsnprintf(pair, sizeof(pair), " (%s/%s)", *wa ? wa : "-", *wb ? wb : "-");
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
		    struct strbuf *en, struct strbuf *hi)
{
	struct strbuf e = STRBUF_INIT, h = STRBUF_INIT;
	if (ev->guard != G_NONE) {
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
	static const char *const pe[] = {"same village", "same tehsil", "different village", NULL};
	static const char *const ph[] = {"वही ग्राम", "वही तहसील", "ग्राम अलग", NULL};
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
	}
	strbuf_addf(out, "  %-8s %-34s %+6.2f\n", "prior", "", p->prior);
	strbuf_addf(out, "  %-8s %-34s %+6.2f  (probability %.4f)\n", "total", "", ev->weight,
		    ev->score);
	if (ev->guard == G_NONE)
		strbuf_addf(out, "\ndecision: proposed under %s (%s band)\n",
			    score_rule_name(ev->rule),
			    ev->weight >= p->high_weight ? "high" : "review");
	else
		strbuf_addf(out, "\ndecision: %s (%s)\n", explain_guard_en(ev->guard),
			    score_guard_name(ev->guard));
	struct strbuf en = STRBUF_INIT, hi = STRBUF_INIT;
	explain_reason(set, a, b, ev, &en, &hi);
	strbuf_addf(out, "reason: %s\nकारण: %s\n", en.buf, hi.buf);
	strbuf_release(&en);
	strbuf_release(&hi);
}
