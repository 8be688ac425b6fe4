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

	struct datetime dt0;
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
	/* a zone moves the time to Indian time (UTC+05:30) */
	ok("2026-11-26T08:35:09Z", "2026-11-26 14:05:09");
	ok("2026-11-25T20:00:00Z", "2026-11-26 01:30:00");
	ok("2026-11-26T14:05:09+05:30", "2026-11-26 14:05:09");
	ok("2026-11-26T00:10:00+05:45", "2026-11-25 23:55:00");
	ok("2026-11-26T10:00:00-0300", "2026-11-26 18:30:00");
	/* month names, Hindi too; Devanagari digits; no-break spaces */
	ok("26 Nov 2026", "2026-11-26");
	ok("26 November, 2026 10:15", "2026-11-26 10:15:00");
	ok("Nov 26, 2026", "2026-11-26");
	ok("November 26 2026 02:05 PM", "2026-11-26 14:05:00");
	ok("नवंबर 26, 2026", "2026-11-26");
	ok("26 नवम्बर 2026", "2026-11-26");
	ok("26-\u095E\u0930\u0935\u0930\u0940-2026", "2026-02-26");
	ok("२६-११-२०२६", "2026-11-26");
	ok("२६/११/२०२६ १४:०५", "2026-11-26 14:05:00");
	ok("26-11-2026\u00A0", "2026-11-26");
	ok("\u200B26-11-2026", "2026-11-26");
	ok("2026-11-26 14:05:09.123", "2026-11-26 14:05:09");
	/* Excel serials, 1900 system with its fictitious 29-02-1900 */
	ok("36526", "2000-01-01");
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
	/* a bare small number is a day or a count, not a day of 1900 */
	bad("15", "the number 15 would be 15-01-1900, long before any complaint");
	bad("36525", "would be 31-12-1999");
	bad("2026-11-26T10:00+25:00", "time zone");
	bad("2026-11-26+05:30", "HH:MM");
	bad("26 11 2026", "not a date");
	bad("1900-01-01T00:00:00+14:00", "outside 1900 to 9999");
	bad("Sent 26, 2026", "not a date");
	bad("26 Sentember 2026", "not an English month");
	/* Excel's 1900 system, fictitious 29-02-1900 and all */
	CHECK(date_from_excel_serial(59, 0, &dt0) == 0 && dt0.day == date_from_ymd(1900, 2, 28));
	CHECK(date_from_excel_serial(61, 0, &dt0) == 0 && dt0.day == date_from_ymd(1900, 3, 1));
	CHECK(date_from_excel_serial(1, 0, &dt0) == 0 && dt0.day == date_from_ymd(1900, 1, 1));

	struct datetime dt;
	CHECK_INT(date_from_excel_serial(0, 1, &dt), 0 - 1);
	CHECK_INT(date_from_excel_serial(1, 1, &dt), 0);
	char buf[24];
	CHECK_STR(datetime_format(&dt, buf), "1904-01-02");
	TEST_DONE();
}
