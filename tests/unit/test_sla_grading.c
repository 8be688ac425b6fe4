/*
 * test_sla_grading.c - the grading preview, worked by hand.
 *
 * Department "ऊर्जा विभाग", weights 60/20/10/10, bands A 80, B 60, C 40.
 * M (registered in the period): 40 complaints, 30 closed with
 * satisfaction, 4 closed with low quality, 2 non-attended.
 * O (pending over 50 days, open when the period began): 10, of which 6
 * were closed with satisfaction in the period.
 *   satisfied    = 60 * 30/40        = 45.00
 *   pending50    = 20 * 6/10         = 12.00
 *   low_quality  = 10 * (1 - 4/40)   =  9.00
 *   non_attended = 10 * (1 - 2/40)   =  9.50
 *   total = 75.50: grade B (60 <= 75.5 < 80).
 * "राजस्व विभाग": one complainant with 12 complaints in M, all closed with
 * satisfaction, and one other complaint non-attended. With the cap of 10
 * the complainant's 11th and 12th are left out: M = 11, satisfied 10,
 * non-attended 1: 60 * 10/11 = 54.545.. -> 54.55; pending50 20 (O empty);
 * low 10; non 10 * (1 - 1/11) = 9.0909.. -> 9.09; total 93.64: A.
 * The district adds both: M = 51, satisfied 40, low 4, non 3, O = 10 with
 * 6: 60*40/51 = 47.06, 20*6/10 = 12, 10*(1-4/51) = 9.22, 10*(1-3/51) = 9.41,
 * total 77.69: B.
 */
#include <stdlib.h>
#include <string.h>

#include "engine/date.h"
#include "engine/grading.h"
#include "tests/test.h"

#define CHECK_PTS(got, want)                                                                       \
	CHECK_MSG((long)((got)*100 + 0.5) == (long)((want)*100 + 0.5), "%s = %.2f, expected %.2f", \
		  #got, (got), (want))

static void add_n(struct grading *g, const char *dept, const char *who, int n, unsigned flags,
		  int day)
{
	for (int i = 0; i < n; i++)
		grading_add(g, dept, who, day + i, flags);
}

int main(void)
{
	struct grading_weights w;
	struct config cfg;
	struct strbuf err = STRBUF_INIT;
	config_load(&cfg, NULL, &err);
	CHECK_INT(grading_weights_load(&w, &cfg, &err), NK_OK);
	CHECK_INT(w.cap, 10);
	CHECK_INT(w.pending_days, 50);

	struct grading g;
	grading_init(&g);
	int d = date_from_ymd(2026, 11, 1);
	const char *energy = "ऊर्जा विभाग", *revenue = "राजस्व विभाग";
	add_n(&g, energy, NULL, 30, G_IN_M | G_SAT, d);
	add_n(&g, energy, NULL, 4, G_IN_M | G_LOW, d);
	add_n(&g, energy, NULL, 2, G_IN_M | G_NON, d);
	add_n(&g, energy, NULL, 4, G_IN_M, d);
	add_n(&g, energy, NULL, 6, G_IN_O | G_SAT_PERIOD, d - 80);
	add_n(&g, energy, NULL, 4, G_IN_O, d - 80);
	add_n(&g, revenue, "m:9826012345", 12, G_IN_M | G_SAT, d);
	add_n(&g, revenue, "m:9425000000", 1, G_IN_M | G_NON, d);
	struct grade_row *r;
	size_t n = grading_finish(&g, &w, "सीहोर", &r);
	CHECK_INT(n, 3);
	CHECK_STR(r[0].name, "सीहोर");
	CHECK_STR(r[1].name, energy);
	CHECK_INT(r[1].received, 40);
	CHECK_PTS(r[1].pts_satisfied, 45.00);
	CHECK_PTS(r[1].pts_pending50, 12.00);
	CHECK_PTS(r[1].pts_low_quality, 9.00);
	CHECK_PTS(r[1].pts_non_attended, 9.50);
	CHECK_PTS(r[1].total, 75.50);
	CHECK_STR(r[1].grade, "B");
	CHECK_INT(r[2].received, 11);
	CHECK_INT(r[2].capped_out, 2);
	CHECK_PTS(r[2].pts_satisfied, 54.55);
	CHECK_PTS(r[2].pts_pending50, 20.00);
	CHECK_PTS(r[2].pts_non_attended, 9.09);
	CHECK_PTS(r[2].total, 93.64);
	CHECK_STR(r[2].grade, "A");
	CHECK_INT(r[0].received, 51);
	CHECK_INT(r[0].capped_out, 2);
	CHECK_PTS(r[0].pts_satisfied, 47.06);
	CHECK_PTS(r[0].pts_low_quality, 9.22);
	CHECK_PTS(r[0].pts_non_attended, 9.41);
	CHECK_PTS(r[0].total, 77.69);
	CHECK_STR(r[0].grade, "B");
	free(r);
	grading_release(&g);

	/* bands at their edges, and configured weights */
	struct grade_row e;
	memset(&e, 0, sizeof(e));
	e.received = 10;
	e.satisfied = 5; /* 30 + 20 + 10 + 10 = 70: B */
	grading_score(&w, &e);
	CHECK_PTS(e.total, 70.0);
	CHECK_STR(e.grade, "B");
	e.satisfied = 0; /* 40: C, the lowest C */
	grading_score(&w, &e);
	CHECK_STR(e.grade, "C");
	e.non_attended = 1; /* 39: D */
	grading_score(&w, &e);
	CHECK_PTS(e.total, 39.0);
	CHECK_STR(e.grade, "D");
	config_set(&cfg, "grading", "band_c", "35");
	config_set(&cfg, "grading", "w_satisfied", "70");
	CHECK_INT(grading_weights_load(&w, &cfg, &err), NK_OK);
	grading_score(&w, &e);
	CHECK_STR(e.grade, "C");
	config_set(&cfg, "grading", "per_complainant_cap", "0");
	CHECK_INT(grading_weights_load(&w, &cfg, &err), NK_ECONFIG);
	CHECK(strstr(err.buf, "per_complainant_cap") != NULL);
	config_release(&cfg);
	strbuf_release(&err);
	TEST_DONE();
}
