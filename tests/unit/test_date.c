/* test_date.c - every date form of the data contract, and the bad ones. */
#include <string.h>

#include "engine/date.h"
#include "tests/test.h"

static void ok(const char *in, const char *want)
{
	struct datetime dt;
	char buf[24];
	const char *why = NULL;
	int rc = date_parse(in, strlen(in), &dt, &why);
	CHECK_MSG(rc == 0, "date_parse(\"%s\") failed: %s", in, why ? why : "");
	if (rc == 0)
		CHECK_MSG(!strcmp(datetime_format(&dt, buf), want),
			  "date_parse(\"%s\") = %s, expected %s", in, buf, want);
}

static void bad(const char *in, const char *why_part)
{
	struct datetime dt;
	const char *why = NULL;
	int rc = date_parse(in, strlen(in), &dt, &why);
	CHECK_MSG(rc == -1, "date_parse(\"%s\") should fail", in);
	CHECK_MSG(why && strstr(why, why_part), "date_parse(\"%s\") says \"%s\", expected \"%s\"",
		  in, why ? why : "(null)", why_part);
}

int main(void)
{
	/* day numbers */
	CHECK_INT(date_from_ymd(1970, 1, 1), 0);
	CHECK_INT(date_from_ymd(2026, 11, 28) - date_from_ymd(2026, 1, 1), 331);
	CHECK_INT(date_weekday(date_from_ymd(2026, 11, 28)), 6); /* a Saturday */
	int y, m, d;
	date_to_ymd(date_from_ymd(2024, 2, 29), &y, &m, &d);
	CHECK(y == 2024 && m == 2 && d == 29);

	/* forms */
	ok("26-11-2026", "2026-11-26");
	ok("26/11/2026", "2026-11-26");
	ok("26.11.2026", "2026-11-26");
	ok("6-1-2026", "2026-01-06");
	ok(" 26/11/2026 14:05 ", "2026-11-26 14:05:00");
	ok("26-11-2026 14:05:09", "2026-11-26 14:05:09");
	ok("26-11-2026 02:05 PM", "2026-11-26 14:05:00");
	ok("26-11-2026 12:30 am", "2026-11-26 00:30:00");
	ok("26-Nov-2026", "2026-11-26");
	ok("26-November-2026", "2026-11-26");
	ok("2026-11-26", "2026-11-26");
	ok("2026-11-26T14:05:09", "2026-11-26 14:05:09");
	ok("2026-11-26T14:05:09Z", "2026-11-26 14:05:09");
	ok("2026-11-26T14:05:09+05:30", "2026-11-26 14:05:09");
	ok("2026-11-26 14:05:09.123", "2026-11-26 14:05:09");
	/* Excel serials, 1900 system with its fictitious 29-02-1900 */
	ok("1", "1900-01-01");
	ok("59", "1900-02-28");
	ok("61", "1900-03-01");
	ok("46352", "2026-11-26");
	ok("46352.5", "2026-11-26 12:00:00");
	ok("29-02-2024", "2024-02-29");

	bad("31-02-2026", "no day 31 in February 2026");
	bad("29-02-2026", "no day 29 in February 2026");
	bad("32/11/2026", "no day 32 in November 2026");
	bad("26-13-2026", "month is not between 1 and 12");
	bad("26-11-26", "two digits");
	bad("kal", "not a date");
	bad("", "empty");
	bad("60", "29-02-1900");
	bad("-5", "not a date");
	bad("26-11/2026", "separated");
	bad("26-11-2026 25:00", "not a real time");
	bad("26-11-2026 abc", "HH:MM");
	bad("2026-11-26 extra", "HH:MM");
	bad("99999999", "range");

	struct datetime dt;
	CHECK_INT(date_from_excel_serial(0, 1, &dt), 0 - 1);
	CHECK_INT(date_from_excel_serial(1, 1, &dt), 0);
	char buf[24];
	CHECK_STR(datetime_format(&dt, buf), "1904-01-02");
	TEST_DONE();
}
