/*
 * test_sla_calendar.c - time limits without a database: due dates in
 * calendar and working days (tests/data/sla/due_dates.tsv), the holiday
 * list and its error message, the configuration of levels and limits, the
 * ageing buckets and the officer mobile check (tests/data/sla/mobiles.tsv).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/calendar.h"
#include "engine/date.h"
#include "engine/roster.h"
#include "engine/sla.h"
#include "tests/test.h"

static int day_of(const char *s)
{
	struct datetime dt;
	if (date_parse(s, strlen(s), &dt, NULL))
		return DAY_NONE;
	return dt.day;
}

/* Splits a TSV line in place; returns the number of fields. */
static int split(char *line, char **f, int max)
{
	int n = 0;
	line[strcspn(line, "\r\n")] = 0;
	f[n++] = line;
	for (char *p = line; *p && n < max; p++)
		if (*p == '\t') {
			*p = 0;
			f[n++] = p + 1;
		}
	return n;
}

static void load_cfg(struct config *cfg, const char *holidays, const char *working)
{
	struct strbuf err = STRBUF_INIT;
	config_load(cfg, NULL, &err);
	config_set(cfg, "sla", "working_days", working);
	if (holidays)
		config_set(cfg, "sla", "holidays", holidays);
	strbuf_release(&err);
}

static void test_due_dates(void)
{
	struct calendar cal[2];
	struct config cfg[2];
	struct strbuf err = STRBUF_INIT;
	load_cfg(&cfg[0], NULL, "no");
	load_cfg(&cfg[1], "tests/data/sla/holidays.csv", "yes");
	for (int i = 0; i < 2; i++)
		CHECK_MSG(calendar_load(&cal[i], &cfg[i], &err) == NK_OK, "calendar %d: %s", i,
			  err.buf);
	CHECK_INT(cal[1].nholidays, 2);
	CHECK(calendar_is_holiday(&cal[1], day_of("2026-11-09")));
	CHECK(!calendar_is_working(&cal[1], day_of("2026-11-07")));
	FILE *f = fopen("tests/data/sla/due_dates.tsv", "r");
	CHECK(f != NULL);
	char line[512], *fld[6];
	int cases = 0;
	while (f && fgets(line, sizeof(line), f)) {
		if (line[0] == '#' || split(line, fld, 6) < 4)
			continue;
		const struct calendar *c = &cal[strcmp(fld[0], "working") == 0];
		char got[11];
		date_format(calendar_add(c, day_of(fld[1]), atoi(fld[2])), got);
		CHECK_MSG(!strcmp(got, fld[3]), "%s %s + %s: got %s, expected %s (%s)", fld[0],
			  fld[1], fld[2], got, fld[3], fld[4]);
		cases++;
	}
	if (f)
		fclose(f);
	CHECK(cases >= 10);
	for (int i = 0; i < 2; i++) {
		calendar_release(&cal[i]);
		config_release(&cfg[i]);
	}
	strbuf_release(&err);
}

static void test_bad_holidays(void)
{
	struct config cfg;
	struct calendar cal;
	struct strbuf err = STRBUF_INIT;
	load_cfg(&cfg, "tests/data/sla/bad_holidays.txt", "yes");
	CHECK_INT(calendar_load(&cal, &cfg, &err), NK_ECONFIG);
	CHECK_MSG(strstr(err.buf, "bad_holidays.txt:3:") && strstr(err.buf, "31-02-2026"),
		  "message names file, line and value: %s", err.buf);
	calendar_release(&cal);
	config_release(&cfg);
	strbuf_reset(&err);
	load_cfg(&cfg, "tests/data/sla/no_such_file.txt", "yes");
	CHECK_INT(calendar_load(&cal, &cfg, &err), NK_EIO);
	CHECK_MSG(strstr(err.buf, "no_such_file.txt") != NULL, "%s", err.buf);
	calendar_release(&cal);
	config_release(&cfg);
	strbuf_reset(&err);
	load_cfg(&cfg, NULL, "yes");
	config_set(&cfg, "sla", "weekly_off", "sun, funday");
	CHECK_INT(calendar_load(&cal, &cfg, &err), NK_ECONFIG);
	CHECK_MSG(strstr(err.buf, "funday") != NULL, "%s", err.buf);
	calendar_release(&cal);
	config_release(&cfg);
	strbuf_release(&err);
}

static void test_levels_config(void)
{
	struct config cfg;
	struct sla_config sc;
	struct strbuf err = STRBUF_INIT;
	load_cfg(&cfg, NULL, "no");
	CHECK_INT(sla_config_load(&sc, &cfg, &err), NK_OK);
	CHECK_INT(sc.levels, 4);
	CHECK_INT(sc.category_change_days, 3);
	CHECK(sla_step_is_auto(&sc, 1) && sla_step_is_auto(&sc, 2) && !sla_step_is_auto(&sc, 3));
	CHECK_INT(sc.default_days[0], 7);
	CHECK_INT(sc.default_days[2], 15);
	CHECK_INT(sc.default_days[6], 30); /* the last value repeats */
	config_set(&cfg, "levels", "auto_escalate", "1-2, 2-3, 3-4, 4-5");
	config_set(&cfg, "sla", "default_days", "5, 10");
	CHECK_INT(sla_config_load(&sc, &cfg, &err), NK_OK);
	CHECK(sla_step_is_auto(&sc, 3) && sla_step_is_auto(&sc, 4));
	CHECK_INT(sc.default_days[3], 10);
	config_set(&cfg, "levels", "auto_escalate", "1-3");
	CHECK_INT(sla_config_load(&sc, &cfg, &err), NK_ECONFIG);
	CHECK_MSG(strstr(err.buf, "auto_escalate") && strstr(err.buf, "1-3"), "%s", err.buf);
	config_release(&cfg);
	strbuf_release(&err);

	/* limits from the master, with the defaults filling a gap */
	struct sla_categories cats;
	sla_categories_init(&cats);
	int days[5] = {7, 7, 10, -1, -1};
	sla_categories_add(&cats, "ट्रांसफार्मर खराब", "ऊर्जा विभाग", days);
	long cat = strmap_get(&cats.names, "ट्रांसफार्मर खराब");
	int dflt;
	load_cfg(&cfg, NULL, "no");
	sla_config_load(&sc, &cfg, &err);
	CHECK_INT(sla_days(&sc, &cats, cat, 3, &dflt), 10);
	CHECK_INT(dflt, 0);
	CHECK_INT(sla_days(&sc, &cats, cat, 4, &dflt), 30);
	CHECK_INT(dflt, 1);
	CHECK_INT(sla_days(&sc, &cats, -1, 1, &dflt), 7);
	/* L3 computed start: registration + 7 (L1) + 7 (L2) */
	struct calendar cal;
	calendar_init(&cal);
	CHECK_INT(sla_level_start_computed(&sc, &cats, &cal, cat, day_of("2026-11-20"), 3),
		  day_of("2026-12-04"));
	CHECK_INT(sla_level_start_computed(&sc, &cats, &cal, cat, day_of("2026-11-20"), 1),
		  day_of("2026-11-20"));
	sla_categories_release(&cats);
	config_release(&cfg);
	strbuf_release(&err);
}

static void test_age_buckets(void)
{
	static const struct {
		int age;
		const char *bucket;
	} t[] = {{0, "0-7"},       {7, "0-7"},       {8, "8-15"},   {15, "8-15"},   {16, "16-30"},
		 {30, "16-30"},    {31, "31-50"},    {50, "31-50"}, {51, "51-100"}, {100, "51-100"},
		 {101, "101-300"}, {300, "101-300"}, {301, ">300"}};
	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		CHECK_MSG(!strcmp(sla_age_bucket(t[i].age), t[i].bucket), "age %d: %s, expected %s",
			  t[i].age, sla_age_bucket(t[i].age), t[i].bucket);
}

static void test_mobiles(void)
{
	FILE *f = fopen("tests/data/sla/mobiles.tsv", "r");
	CHECK(f != NULL);
	char line[256], *fld[3], out[11];
	int cases = 0;
	while (f && fgets(line, sizeof(line), f)) {
		if (line[0] == '#')
			continue;
		int n = split(line, fld, 3);
		int want = !strcmp(fld[1], "valid")     ? ROSTER_MOBILE_VALID
			   : !strcmp(fld[1], "invalid") ? ROSTER_MOBILE_INVALID
							: ROSTER_MOBILE_NONE;
		int got = roster_mobile10(fld[0], out);
		CHECK_MSG(got == want, "\"%s\": state %d, expected %d", fld[0], got, want);
		if (want == ROSTER_MOBILE_VALID && n > 2)
			CHECK_MSG(!strcmp(out, fld[2]), "\"%s\": %s, expected %s", fld[0], out,
				  fld[2]);
		cases++;
	}
	if (f)
		fclose(f);
	CHECK(cases >= 9);
}

int main(void)
{
	test_due_dates();
	test_bad_holidays();
	test_levels_config();
	test_age_buckets();
	test_mobiles();
	TEST_DONE();
}
