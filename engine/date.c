/* date.c - day numbers (Howard Hinnant's civil algorithms) and parsing. */
#include "engine/date.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

int date_from_ymd(int y, int m, int d)
{
	y -= m <= 2;
	int era = (y >= 0 ? y : y - 399) / 400;
	int yoe = y - era * 400;
	int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void date_to_ymd(int day, int *y, int *m, int *d)
{
	int z = day + 719468;
	int era = (z >= 0 ? z : z - 146096) / 146097;
	int doe = z - era * 146097;
	int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp + (mp < 10 ? 3 : -9);
	*y = yoe + era * 400 + (*m <= 2);
}

static int days_in_month(int y, int m)
{
	static const int dm[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return dm[m - 1];
}

int date_valid_ymd(int y, int m, int d)
{
	return y >= 1900 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 && d <= days_in_month(y, m);
}

int date_weekday(int day)
{
	return day >= -4 ? (day + 4) % 7 : (day + 5) % 7 + 6;
}

static void put_digits(char *out, unsigned v, int n)
{
	while (n-- > 0) {
		out[n] = (char)('0' + v % 10u);
		v /= 10u;
	}
}

char *date_format(int day, char *buf)
{
	int y, m, d;
	date_to_ymd(day, &y, &m, &d);
	if (y < 0 || y > 9999)
		y = 0; /* out of the range any export uses */
	/* by hand: the analytics and reports format millions of dates */
	put_digits(buf, (unsigned)y, 4);
	buf[4] = '-';
	put_digits(buf + 5, (unsigned)m % 100u, 2);
	buf[7] = '-';
	put_digits(buf + 8, (unsigned)d % 100u, 2);
	buf[10] = '\0';
	return buf;
}

char *date_format_dmy(int day, char *buf)
{
	char ymd[11];
	date_format(day, ymd);
	memcpy(buf, ymd + 8, 2);
	buf[2] = '-';
	memcpy(buf + 3, ymd + 5, 2);
	buf[5] = '-';
	memcpy(buf + 6, ymd, 4);
	buf[10] = '\0';
	return buf;
}

char *datetime_format(const struct datetime *dt, char *buf)
{
	date_format(dt->day, buf);
	if (dt->has_time) {
		unsigned s = (unsigned)dt->seconds % 86400u;
		snprintf(buf + 10, 10, " %02u:%02u:%02u", s / 3600 % 24, s / 60 % 60, s % 60);
	}
	return buf;
}

int date_today(void)
{
	time_t t = time(NULL);
	struct tm tm;
	localtime_r(&t, &tm);
	return date_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

/* A small cursor over the text being parsed. */
struct cur {
	const char *p, *end;
};

static int read_num(struct cur *c, int maxdigits, int *out)
{
	int n = 0, v = 0;
	while (c->p < c->end && isdigit((unsigned char)*c->p) && n < maxdigits) {
		v = v * 10 + (*c->p - '0');
		c->p++;
		n++;
	}
	*out = v;
	return n;
}

static int month_name(struct cur *c)
{
	static const char *names[12] = {"jan", "feb", "mar", "apr", "may", "jun",
					"jul", "aug", "sep", "oct", "nov", "dec"};
	if (c->end - c->p < 3)
		return 0;
	for (int i = 0; i < 12; i++) {
		if (strncasecmp(c->p, names[i], 3) == 0) {
			c->p += 3;
			while (c->p < c->end && isalpha((unsigned char)*c->p))
				c->p++; /* "November", "Sept" */
			return i + 1;
		}
	}
	return 0;
}

static void skip_spaces(struct cur *c)
{
	while (c->p < c->end && (*c->p == ' ' || *c->p == '\t'))
		c->p++;
}

/* [ HH:MM[:SS][.fff] [AM|PM] ] ; 0 on success (also when absent). */
static int parse_time(struct cur *c, struct datetime *out, const char **why)
{
	int h, mi, s = 0;
	skip_spaces(c);
	if (c->p == c->end)
		return 0;
	if (read_num(c, 2, &h) == 0 || c->p == c->end || *c->p != ':') {
		*why = "the time after the date is not HH:MM";
		return -1;
	}
	c->p++;
	if (read_num(c, 2, &mi) != 2) {
		*why = "the time after the date is not HH:MM";
		return -1;
	}
	if (c->p < c->end && *c->p == ':') {
		c->p++;
		if (read_num(c, 2, &s) != 2) {
			*why = "the seconds of the time are not two digits";
			return -1;
		}
		if (c->p < c->end && *c->p == '.') {
			int frac;
			c->p++;
			read_num(c, 9, &frac);
		}
	}
	skip_spaces(c);
	if (c->end - c->p >= 2 &&
	    (strncasecmp(c->p, "am", 2) == 0 || strncasecmp(c->p, "pm", 2) == 0)) {
		int pm = tolower((unsigned char)*c->p) == 'p';
		if (h < 1 || h > 12) {
			*why = "the hour is not between 1 and 12 before AM/PM";
			return -1;
		}
		h = h % 12 + (pm ? 12 : 0);
		c->p += 2;
	}
	if (h > 23 || mi > 59 || s > 59) {
		*why = "the time is not a real time of day";
		return -1;
	}
	out->seconds = h * 3600 + mi * 60 + s;
	out->has_time = 1;
	return 0;
}

static int finish_ymd(int y, int m, int d, struct datetime *out, const char **why)
{
	static char msg[96]; /* only ever read right after the call */
	if (m < 1 || m > 12) {
		*why = "the month is not between 1 and 12";
		return -1;
	}
	if (y < 1900 || y > 9999) {
		*why = "the year is not a four-digit year from 1900";
		return -1;
	}
	if (d < 1 || d > days_in_month(y, m)) {
		static const char *mn[12] = {"January",   "February", "March",    "April",
					     "May",       "June",     "July",     "August",
					     "September", "October",  "November", "December"};
		snprintf(msg, sizeof(msg), "there is no day %d in %s %d", d, mn[m - 1], y);
		*why = msg;
		return -1;
	}
	out->day = date_from_ymd(y, m, d);
	return 0;
}

/*
 * A zone after an ISO time (Z, +hh:mm, -hhmm): the time is moved to Indian
 * time, UTC+05:30, in which the helpline registers complaints.
 */
static int to_ist(struct cur *c, struct datetime *out, const char **why)
{
	int sign = *c->p == '-' ? -1 : 1, h = 0, m = 0;
	if (*c->p++ != 'Z' && c->p[-1] != 'z') {
		if (read_num(c, 2, &h) != 2 || h > 14) {
			*why = "the time zone after the time is not +hh:mm";
			return -1;
		}
		if (c->p < c->end && *c->p == ':')
			c->p++;
		if (c->p < c->end && read_num(c, 2, &m) != 2) {
			*why = "the time zone after the time is not +hh:mm";
			return -1;
		}
	}
	int secs = out->seconds + (330 - sign * (h * 60 + m)) * 60;
	int day = out->day + (secs < 0 ? -1 : secs >= 86400 ? 1 : 0);
	if (day < date_from_ymd(1900, 1, 1) || day > date_from_ymd(9999, 12, 31)) {
		*why = "in Indian time the date falls outside 1900 to 9999";
		return -1;
	}
	out->day = day;
	out->seconds = (secs % 86400 + 86400) % 86400;
	return 0;
}

/* ISO 8601: yyyy-mm-dd[Thh:mm[:ss][Z|±hh:mm]], a zone moved to IST. */
static int parse_iso(struct cur *c, struct datetime *out, const char **why)
{
	int y, m, d;
	read_num(c, 4, &y);
	c->p++;
	if (read_num(c, 2, &m) == 0 || c->p == c->end || (*c->p != '-' && *c->p != '/')) {
		*why = "it looks like year-month-day but the month is missing";
		return -1;
	}
	c->p++;
	if (read_num(c, 2, &d) == 0) {
		*why = "it looks like year-month-day but the day is missing";
		return -1;
	}
	if (finish_ymd(y, m, d, out, why))
		return -1;
	if (c->p < c->end && (*c->p == 'T' || *c->p == 't'))
		c->p++;
	if (parse_time(c, out, why))
		return -1;
	if (c->p < c->end && (*c->p == 'Z' || *c->p == 'z' || *c->p == '+' || *c->p == '-'))
		return to_ist(c, out, why);
	return 0;
}

/* The year after the day and month: four digits. */
static int read_year(struct cur *c, int *y, const char **why)
{
	int ny = read_num(c, 4, y);
	if (ny != 4) {
		*why = ny == 2 ? "the year has two digits; a four-digit year is needed"
			       : "the year is not four digits";
		return -1;
	}
	return 0;
}

/* "Nov 26, 2026", "November 26 2026", each with a time. */
static int parse_mdy(struct cur *c, struct datetime *out, const char **why)
{
	int d, m, y;
	if (!(m = month_name(c))) {
		*why = "it is not a date";
		return -1;
	}
	if (c->p < c->end && *c->p == '.')
		c->p++; /* "Nov." */
	skip_spaces(c);
	if (read_num(c, 2, &d) == 0) {
		*why = "the day is missing after the month";
		return -1;
	}
	if (c->p < c->end && *c->p == ',')
		c->p++;
	skip_spaces(c);
	if (read_year(c, &y, why) || finish_ymd(y, m, d, out, why))
		return -1;
	if (c->p < c->end && *c->p == ',')
		c->p++;
	return parse_time(c, out, why);
}

/* dd-mm-yyyy, dd/mm/yyyy, dd.mm.yyyy, d-Mon-yyyy, d Mon yyyy, each with a time. */
static int parse_dmy(struct cur *c, struct datetime *out, const char **why)
{
	int d, m, y;
	read_num(c, 2, &d);
	char sep = *c->p++;
	if (sep == ' ')
		skip_spaces(c);
	if (c->p < c->end && isalpha((unsigned char)*c->p)) {
		if (!(m = month_name(c))) {
			*why = "the month name is not an English month";
			return -1;
		}
		if (sep == ' ' && c->p < c->end && (*c->p == ',' || *c->p == '.'))
			c->p++; /* "26 Nov, 2026" */
	} else if (sep == ' ' || read_num(c, 2, &m) == 0) {
		*why = "the month is missing";
		return -1;
	}
	if (c->p == c->end || *c->p != sep) {
		*why = "the day, month and year are not separated the same way";
		return -1;
	}
	if (sep == ' ')
		skip_spaces(c);
	else
		c->p++;
	int ny = read_num(c, 4, &y);
	if (ny != 4) {
		*why = ny == 2 ? "the year has two digits; a four-digit year is needed"
			       : "the year is not four digits";
		return -1;
	}
	if (finish_ymd(y, m, d, out, why))
		return -1;
	if (c->p < c->end && *c->p == ',')
		c->p++;
	return parse_time(c, out, why);
}

/*
 * Excel's serial for 01-01-2000. A bare number below it is not taken for a
 * date: "15" in a date column is a day or a count typed alone, not
 * 15-01-1900.
 */
#define SERIAL_FROM 36526

static int parse_serial(const char *s, size_t len, struct datetime *out, const char **why)
{
	char buf[64];
	char *end;
	if (len >= sizeof(buf)) {
		*why = "the number is too long to be a date";
		return -1;
	}
	memcpy(buf, s, len);
	buf[len] = 0;
	double v = strtod(buf, &end);
	if (*end) {
		*why = "it is not a date";
		return -1;
	}
	if (v >= 60 && v < 61) {
		*why = "Excel serial 60 is 29-02-1900, a day that does not exist";
		return -1;
	}
	if (v >= 1 && v < SERIAL_FROM) {
		static char msg[256]; /* only ever read right after the call */
		struct datetime dt;
		int y, m, d;
		date_from_excel_serial(v, 0, &dt);
		date_to_ymd(dt.day, &y, &m, &d);
		snprintf(msg, sizeof(msg),
			 "as an Excel date the number %s would be %02d-%02d-%04d, long before any "
			 "complaint; a number is read as a date only from %d (01-01-2000)",
			 buf, d, m, y, SERIAL_FROM);
		*why = msg;
		return -1;
	}
	if (date_from_excel_serial(v, 0, out)) {
		*why = "the number is outside the range of Excel dates";
		return -1;
	}
	return 0;
}

int date_from_excel_serial(double serial, int date1904, struct datetime *out)
{
	if (!(serial >= 1 && serial < 2958466) || (date1904 && serial < 0))
		return -1;
	double whole = floor(serial);
	int base = date1904 ? date_from_ymd(1904, 1, 1) : date_from_ymd(1899, 12, 31);
	int day = (int)whole;
	if (!date1904 && day >= 60)
		day -= 1; /* Excel counts a 29-02-1900 that never was */
	out->day = base + day;
	double frac = serial - whole;
	out->seconds = (int)llround(frac * 86400.0);
	if (out->seconds >= 86400)
		out->seconds = 86399;
	out->has_time = out->seconds != 0;
	return 0;
}

/* Hindi month names (with their spelling variants) and the English they stand for. */
static const char *const hindi_months[][2] = {
	{"जनवरी", "Jan"},
	{"\u095E\u0930\u0935\u0930\u0940", "Feb"},       /* फ़ precomposed */
	{"\u092B\u093C\u0930\u0935\u0930\u0940", "Feb"}, /* फ + nukta */
	{"फरवरी", "Feb"},
	{"मार्च", "Mar"},
	{"अप्रैल", "Apr"},
	{"अप्रेल", "Apr"},
	{"मई", "May"},
	{"जून", "Jun"},
	{"जुलाई", "Jul"},
	{"अगस्त", "Aug"},
	{"सितंबर", "Sep"},
	{"सितम्बर", "Sep"},
	{"अक्टूबर", "Oct"},
	{"अक्तूबर", "Oct"},
	{"नवंबर", "Nov"},
	{"नवम्बर", "Nov"},
	{"दिसंबर", "Dec"},
	{"दिसम्बर", "Dec"},
};

/*
 * The non-ASCII a date may hold, made ASCII into out (at most cap bytes):
 * Devanagari digits, Hindi month names, no-break and zero-width spaces.
 * Anything else is copied, for the parser to refuse. The new length.
 */
static size_t ascii_date(const char *s, size_t len, char *out, size_t cap)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t o = 0;
	for (size_t i = 0; i < len && o + 4 < cap;) {
		size_t k = 0;
		if (p[i] == 0xE0 && i + 2 < len && p[i + 1] == 0xA5 && p[i + 2] >= 0xA6 &&
		    p[i + 2] <= 0xAF) {
			out[o++] = (char)('0' + p[i + 2] - 0xA6);
			i += 3;
			continue;
		}
		if (p[i] == 0xC2 && i + 1 < len && p[i + 1] == 0xA0)
			k = 2; /* no-break space */
		else if (p[i] == 0xE2 && i + 2 < len && p[i + 1] == 0x80 &&
			 ((p[i + 2] >= 0x80 && p[i + 2] <= 0x8B) || p[i + 2] == 0xAF))
			k = 3; /* U+2000..U+200B, U+202F */
		else if (p[i] == 0xEF && i + 2 < len && p[i + 1] == 0xBB && p[i + 2] == 0xBF)
			k = 3; /* BOM */
		if (k) {
			out[o++] = ' ';
			i += k;
			continue;
		}
		for (size_t m = 0; p[i] >= 0x80 && m < sizeof(hindi_months) / sizeof(*hindi_months);
		     m++) {
			size_t n = strlen(hindi_months[m][0]);
			if (n <= len - i && !memcmp(s + i, hindi_months[m][0], n)) {
				memcpy(out + o, hindi_months[m][1], 3);
				o += 3;
				i += n;
				k = 1;
				break;
			}
		}
		if (!k)
			out[o++] = s[i++];
	}
	return o;
}

/* After the spaces at p, a word: "26 Nov 2026". */
static int month_follows(const char *p, const char *end)
{
	while (p < end && *p == ' ')
		p++;
	return p < end && isalpha((unsigned char)*p);
}

int date_parse(const char *s, size_t len, struct datetime *out, const char **why)
{
	const char *dummy;
	char ascii[128];
	if (!why)
		why = &dummy;
	for (size_t i = 0; i < len; i++) {
		if ((unsigned char)s[i] >= 0x80) {
			if (len >= sizeof(ascii)) {
				*why = "it is not a date";
				return -1;
			}
			len = ascii_date(s, len, ascii, sizeof(ascii));
			s = ascii;
			break;
		}
	}
	struct cur c = {s, s + len};
	*why = NULL;
	memset(out, 0, sizeof(*out));
	while (c.p < c.end && isspace((unsigned char)*c.p))
		c.p++;
	while (c.end > c.p && isspace((unsigned char)c.end[-1]))
		c.end--;
	if (c.p == c.end) {
		*why = "the date is empty";
		return -1;
	}
	const char *q = c.p;
	while (q < c.end && isdigit((unsigned char)*q))
		q++;
	size_t lead = (size_t)(q - c.p);
	int rc;
	if (lead == 4 && q < c.end && (*q == '-' || *q == '/'))
		rc = parse_iso(&c, out, why);
	else if (lead >= 1 && lead <= 2 && q < c.end && (*q == '-' || *q == '/' || *q == '.'))
		rc = parse_dmy(&c, out, why);
	else if (lead >= 1 && lead <= 2 && q < c.end && *q == ' ' && month_follows(q, c.end))
		rc = parse_dmy(&c, out, why);
	else if (lead == 0 && isalpha((unsigned char)*c.p))
		rc = parse_mdy(&c, out, why);
	else if (lead > 0 && (q == c.end || *q == '.'))
		return parse_serial(c.p, (size_t)(c.end - c.p), out, why);
	else if (*c.p == '-' && c.end - c.p > 1 && isdigit((unsigned char)c.p[1])) {
		/* a negative Excel serial, as a sheet shows a date before 1900 */
		*why = "a negative number is not a date (Excel's dates start at 1, which is 01-01-1900)";
		return -1;
	} else {
		*why = "it is not a date";
		return -1;
	}
	if (rc)
		return -1;
	if (c.p != c.end) {
		*why = "there is extra text after the date";
		return -1;
	}
	return 0;
}
