/* officer_dq.c - officer mobile problems (see officer_dq.h). */
#include "engine/officer_dq.h"

#include <stdlib.h>
#include <string.h>

void officer_dq_init(struct officer_dq *q, const struct roster *r)
{
	memset(q, 0, sizeof(*q));
	q->r = r;
	strmap_init(&q->mobiles);
	size_t alloc = 0, cap = 0;
	for (size_t i = 0; i < r->ids.n; i++) {
		const struct officer *o = &r->o[i];
		if (!o->in_master || o->mobile_state != ROSTER_MOBILE_VALID)
			continue;
		long m = strmap_put(&q->mobiles, o->mobile, NULL);
		if (q->mobiles.n > cap) {
			size_t old = cap;
			ALLOC_GROW(q->officers, q->mobiles.n, alloc);
			cap = alloc;
			q->hits = xrealloc(q->hits, cap * sizeof(*q->hits));
			q->first = xrealloc(q->first, cap * sizeof(*q->first));
			for (size_t j = old; j < cap; j++) {
				q->officers[j] = q->hits[j] = 0;
				q->first[j] = NULL;
			}
		}
		q->officers[m]++;
	}
}

void officer_dq_release(struct officer_dq *q)
{
	strmap_release(&q->mobiles);
	free(q->officers);
	free(q->hits);
	free(q->first);
	arena_release(&q->arena);
	memset(q, 0, sizeof(*q));
}

void officer_dq_note_complaint(struct officer_dq *q, const char *mobile10, const char *complaint_id)
{
	long m = strmap_get(&q->mobiles, mobile10);
	if (m < 0)
		return;
	if (!q->hits[m]++)
		q->first[m] = arena_strdup(&q->arena, complaint_id);
}

/* The other officers with mobile m, as "ID (name), ..." */
static void others(const struct officer_dq *q, size_t self, struct strbuf *sb)
{
	const struct roster *r = q->r;
	for (size_t i = 0; i < r->ids.n; i++) {
		if (i == self || !r->o[i].in_master || strcmp(r->o[i].mobile, r->o[self].mobile))
			continue;
		strbuf_addf(sb, "%s%s (%s)", sb->len ? ", " : "", r->o[i].id,
			    r->o[i].name ? r->o[i].name : "?");
	}
}

static struct officer_finding *add(struct officer_finding **out, size_t *n, size_t *alloc,
				   long officer, const char *problem)
{
	ALLOC_GROW(*out, *n + 1, *alloc);
	struct officer_finding *f = &(*out)[(*n)++];
	f->officer = officer;
	f->problem = problem;
	return f;
}

size_t officer_dq_findings(struct officer_dq *q, struct officer_finding **out)
{
	const struct roster *r = q->r;
	size_t n = 0, alloc = 0;
	*out = NULL;
	for (size_t i = 0; i < r->ids.n; i++) {
		const struct officer *o = &r->o[i];
		struct officer_finding *f;
		if (!o->in_master)
			continue;
		if (o->mobile_state == ROSTER_MOBILE_NONE) {
			f = add(out, &n, &alloc, (long)i, "no_mobile");
			xsnprintf(
				f->detail_en, sizeof(f->detail_en),
				"no mobile number in the officers master: no SMS or OTP reaches them");
			xsnprintf(f->detail_hi, sizeof(f->detail_hi),
				  "अधिकारी सूची में मोबाइल नंबर नहीं: SMS और OTP नहीं पहुँचेंगे");
			continue;
		}
		if (o->mobile_state == ROSTER_MOBILE_INVALID) {
			f = add(out, &n, &alloc, (long)i, "invalid_mobile");
			xsnprintf(f->detail_en, sizeof(f->detail_en),
				  "mobile \"%s\" is not a 10-digit mobile number", o->mobile_raw);
			xsnprintf(f->detail_hi, sizeof(f->detail_hi),
				  "मोबाइल \"%s\" 10 अंकों का मोबाइल नंबर नहीं है", o->mobile_raw);
			continue;
		}
		long m = strmap_get(&q->mobiles, o->mobile);
		if (q->officers[m] > 1) {
			struct strbuf sb = STRBUF_INIT;
			others(q, i, &sb);
			f = add(out, &n, &alloc, (long)i, "shared_mobile");
			xsnprintf(f->detail_en, sizeof(f->detail_en),
				  "mobile %s is also given for %s", o->mobile, sb.buf);
			xsnprintf(f->detail_hi, sizeof(f->detail_hi), "मोबाइल %s %s का भी दर्ज है",
				  o->mobile, sb.buf);
			strbuf_release(&sb);
		}
		if (q->hits[m]) {
			f = add(out, &n, &alloc, (long)i, "complainant_mobile");
			xsnprintf(
				f->detail_en, sizeof(f->detail_en),
				"mobile %s is a complainant's mobile in %ld complaint(s), e.g. %s",
				o->mobile, q->hits[m], q->first[m]);
			xsnprintf(f->detail_hi, sizeof(f->detail_hi),
				  "मोबाइल %s %ld शिकायत(ों) में शिकायतकर्ता का मोबाइल है, जैसे %s",
				  o->mobile, q->hits[m], q->first[m]);
		}
	}
	return n;
}
