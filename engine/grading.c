/* grading.c - the monthly 100-point grading preview (see grading.h). */
#include "engine/grading.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static int get_d(const struct config *cfg, const char *key, double def, double *out,
		 struct strbuf *err)
{
	if (config_double(cfg, "grading", key, def, out, err))
		return -1;
	if (*out < 0 || *out > 100) {
		strbuf_addf(err, "configuration [grading] %s = %g: expected 0 to 100", key, *out);
		return -1;
	}
	return 0;
}

enum nk_err grading_weights_load(struct grading_weights *w, const struct config *cfg,
				 struct strbuf *err)
{
	long pd, cap;
	if (get_d(cfg, "w_satisfied", 60, &w->w_satisfied, err) ||
	    get_d(cfg, "w_pending50", 20, &w->w_pending50, err) ||
	    get_d(cfg, "w_low_quality", 10, &w->w_low_quality, err) ||
	    get_d(cfg, "w_non_attended", 10, &w->w_non_attended, err) ||
	    get_d(cfg, "band_a", 80, &w->band_a, err) ||
	    get_d(cfg, "band_b", 60, &w->band_b, err) ||
	    get_d(cfg, "band_c", 40, &w->band_c, err) ||
	    config_int(cfg, "grading", "pending_days", 50, &pd, err) ||
	    config_int(cfg, "grading", "per_complainant_cap", 10, &cap, err))
		return NK_ECONFIG;
	if (pd < 1 || cap < 1) {
		strbuf_addf(err,
			    "configuration [grading]: pending_days and per_complainant_cap "
			    "must be 1 or more (found %ld and %ld)",
			    pd, cap);
		return NK_ECONFIG;
	}
	w->pending_days = (int)pd;
	w->cap = (int)cap;
	return NK_OK;
}

void grading_init(struct grading *g)
{
	memset(g, 0, sizeof(*g));
	strmap_init(&g->depts);
}

void grading_release(struct grading *g)
{
	strmap_release(&g->depts);
	free(g->it);
	memset(g, 0, sizeof(*g));
}

void grading_add(struct grading *g, const char *department, const char *complainant, int reg_day,
		 unsigned flags)
{
	ALLOC_GROW(g->it, g->n + 1, g->alloc);
	struct grading_item *it = &g->it[g->n];
	it->who = complainant ? strmap_hash(complainant) | 1 : 0;
	it->reg_day = reg_day;
	it->seq = (uint32_t)g->n;
	it->dept = (uint32_t)strmap_put(&g->depts, department ? department : "", NULL);
	it->flags = flags;
	g->n++;
}

static double round2(double x)
{
	return round(x * 100.0) / 100.0;
}

void grading_score(const struct grading_weights *w, struct grade_row *r)
{
	double m = (double)r->received, o = (double)r->old_pending;
	r->pts_satisfied = round2(m ? w->w_satisfied * r->satisfied / m : w->w_satisfied);
	r->pts_pending50 = round2(o ? w->w_pending50 * r->old_satisfied / o : w->w_pending50);
	r->pts_low_quality =
		round2(m ? w->w_low_quality * (1 - r->low_quality / m) : w->w_low_quality);
	r->pts_non_attended =
		round2(m ? w->w_non_attended * (1 - r->non_attended / m) : w->w_non_attended);
	r->total = round2(r->pts_satisfied + r->pts_pending50 + r->pts_low_quality +
			  r->pts_non_attended);
	r->grade[0] = r->total >= w->band_a   ? 'A'
		      : r->total >= w->band_b ? 'B'
		      : r->total >= w->band_c ? 'C'
					      : 'D';
	r->grade[1] = 0;
}

static int by_who(const void *a, const void *b)
{
	const struct grading_item *x = a, *y = b;
	if (x->who != y->who)
		return x->who < y->who ? -1 : 1;
	if (x->reg_day != y->reg_day)
		return x->reg_day < y->reg_day ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static void count(struct grade_row *r, unsigned f)
{
	if (f & G_IN_M) {
		r->received++;
		r->satisfied += !!(f & G_SAT);
		r->low_quality += !!(f & G_LOW);
		r->non_attended += !!(f & G_NON);
	}
	if (f & G_IN_O) {
		r->old_pending++;
		r->old_satisfied += !!(f & G_SAT_PERIOD);
	}
}

size_t grading_finish(struct grading *g, const struct grading_weights *w, const char *district_name,
		      struct grade_row **rows)
{
	size_t nrows = 1 + g->depts.n;
	struct grade_row *r = xcalloc(nrows, sizeof(*r));
	r[0].scope = "district";
	r[0].name = district_name;
	for (size_t i = 0; i < g->depts.n; i++) {
		r[1 + i].scope = "department";
		r[1 + i].name = g->depts.key[i];
	}
	if (g->n) /* an empty month has no array: qsort must not see NULL */
		qsort(g->it, g->n, sizeof(*g->it), by_who);
	int rank = 0;
	for (size_t i = 0; i < g->n; i++) {
		const struct grading_item *it = &g->it[i];
		rank = (i && it->who && it->who == g->it[i - 1].who) ? rank + 1 : 1;
		struct grade_row *d = &r[1 + it->dept];
		if (it->who && rank > w->cap) {
			r[0].capped_out++;
			d->capped_out++;
			continue;
		}
		count(&r[0], it->flags);
		count(d, it->flags);
	}
	for (size_t i = 0; i < nrows; i++)
		grading_score(w, &r[i]);
	*rows = r;
	return nrows;
}
