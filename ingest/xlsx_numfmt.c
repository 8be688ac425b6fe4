/* xlsx_numfmt.c - numbers and date serials of XLSX cells as text. */
#include "ingest/xlsx_numfmt.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum xnf_kind xnf_builtin(unsigned long id)
{
	if (id == 14 || (id >= 15 && id <= 17))
		return XNF_DATE;
	if (id >= 18 && id <= 21)
		return XNF_TIME;
	if (id == 22)
		return XNF_DATETIME;
	if (id == 45 || id == 47)
		return XNF_TIME;
	if (id == 46)
		return XNF_ELAPSED;
	/* ECMA-376 reserves these for the date formats of zh/ja/ko locales. */
	if ((id >= 27 && id <= 36) || (id >= 50 && id <= 58))
		return XNF_DATE;
	return XNF_NUMBER;
}

/* True for "[h]", "[mm]", "[ss]": an elapsed-time section, not a colour or
 * a locale tag like "[Red]" or "[$-409]". */
static int elapsed_bracket(const char *p, size_t n)
{
	if (n == 0)
		return 0;
	int c0 = tolower((unsigned char)p[0]);
	if (c0 != 'h' && c0 != 'm' && c0 != 's')
		return 0;
	for (size_t i = 0; i < n; i++)
		if (tolower((unsigned char)p[i]) != c0)
			return 0;
	return 1;
}

enum xnf_kind xnf_classify(const char *code)
{
	int d = 0, m = 0, y = 0, h = 0, s = 0, el = 0;
	for (const char *p = code; *p && *p != ';'; p++) {
		switch (*p) {
		case '"':
			while (p[1] && p[1] != '"')
				p++;
			if (p[1])
				p++;
			continue;
		case '\\':
		case '_':
		case '*':
			/* The next character is a literal, a space width or a fill. */
			if (p[1])
				p++;
			continue;
		case '[': {
			const char *e = strchr(p, ']');
			if (!e)
				return XNF_NUMBER;
			el |= elapsed_bracket(p + 1, (size_t)(e - p - 1));
			p = e;
			continue;
		}
		}
		switch (tolower((unsigned char)*p)) {
		case 'd': d = 1; break;
		case 'm': m = 1; break;
		case 'y': y = 1; break;
		case 'h': h = 1; break;
		case 's': s = 1; break;
		}
	}
	/* "m" is a month unless hours or seconds make it minutes. */
	int date = d || y || (m && !h && !s);
	int time = h || s;
	if (el && !date)
		return XNF_ELAPSED;
	if (date && time)
		return XNF_DATETIME;
	if (date)
		return XNF_DATE;
	if (time)
		return XNF_TIME;
	return XNF_NUMBER;
}

/*
 * Shortest digits of v: 15 significant digits always identify a double
 * uniquely when they round-trip, and then dropping trailing zeros gives the
 * shortest; otherwise 16, and 17 always round-trips.
 */
static int shortest_digits(double v, char *dig, int *exp10)
{
	char tmp[40];
	for (int prec = 15; prec <= 17; prec++) {
		snprintf(tmp, sizeof(tmp), "%.*e", prec - 1, v);
		if (prec == 17 || strtod(tmp, NULL) == v)
			break;
	}
	/* tmp is "[-]d.ddde[+-]xx" */
	const char *p = tmp + (tmp[0] == '-');
	int n = 0;
	for (; *p && *p != 'e'; p++)
		if (isdigit((unsigned char)*p))
			dig[n++] = *p;
	*exp10 = atoi(p + 1);
	while (n > 1 && dig[n - 1] == '0')
		n--;
	dig[n] = 0;
	return n;
}

size_t xnf_number(double v, char *out)
{
	if (v == 0) {
		memcpy(out, "0", 2);
		return 1;
	}
	char dig[24];
	int e, k = shortest_digits(v, dig, &e);
	int n = e + 1; /* v = 0.dig * 10^n */
	size_t o = 0;
	if (v < 0)
		out[o++] = '-';
	if (k <= n && n <= 21) {
		memcpy(out + o, dig, (size_t)k);
		o += (size_t)k;
		for (int i = k; i < n; i++)
			out[o++] = '0';
	} else if (0 < n && n <= 21) {
		memcpy(out + o, dig, (size_t)n);
		o += (size_t)n;
		out[o++] = '.';
		memcpy(out + o, dig + n, (size_t)(k - n));
		o += (size_t)(k - n);
	} else if (-6 < n && n <= 0) {
		out[o++] = '0';
		out[o++] = '.';
		for (int i = n; i < 0; i++)
			out[o++] = '0';
		memcpy(out + o, dig, (size_t)k);
		o += (size_t)k;
	} else {
		out[o++] = dig[0];
		if (k > 1) {
			out[o++] = '.';
			memcpy(out + o, dig + 1, (size_t)(k - 1));
			o += (size_t)(k - 1);
		}
		o += (size_t)snprintf(out + o, XNF_BUFSZ - o, "E%+d", n - 1);
	}
	out[o] = 0;
	return o;
}

/* True when s is a plain decimal that is already the shortest form of its
 * double: no exponent, no redundant zeros, at most 15 significant digits. */
static int already_shortest(const char *s, size_t len)
{
	size_t i = 0, sig = 0, dot = 0;
	if (i < len && s[i] == '-')
		i++;
	if (i == len || s[i] == '.' || (s[i] == '0' && i + 1 < len && s[i + 1] != '.'))
		return 0;
	int lead = 1;
	for (; i < len; i++) {
		if (s[i] == '.') {
			if (dot)
				return 0;
			dot = i;
			continue;
		}
		if (!isdigit((unsigned char)s[i]))
			return 0;
		if (s[i] != '0')
			lead = 0;
		if (!lead)
			sig++;
	}
	if (sig > 15 || (s[0] == '-' && sig == 0))
		return 0;
	if (dot && (dot == len - 1 || s[len - 1] == '0'))
		return 0;
	return 1;
}

/*
 * The value of s, a plain decimal of at most 15 significant digits (as
 * already_shortest checks), without strtod: its digits as a whole number m
 * and k decimals give m / 10^k, which is the correctly rounded double when
 * m < 2^53 and 10^k is exact (k <= 22), the same as strtod returns.
 * 0 when k is larger.
 */
static int exact_value(const char *s, size_t len, double *value)
{
	static const double pow10[23] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
					 1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
					 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
	unsigned long long m = 0;
	size_t i = s[0] == '-', k = 0;
	int dot = 0;
	for (; i < len; i++) {
		if (s[i] == '.') {
			dot = 1;
			continue;
		}
		m = m * 10 + (unsigned)(s[i] - '0');
		k += dot;
	}
	if (k > 22 || m >= (1ULL << 53))
		return 0;
	double v = (double)m / pow10[k];
	*value = s[0] == '-' ? -v : v;
	return 1;
}

size_t xnf_number_text(const char *s, size_t len, char *out, double *value)
{
	char tmp[XNF_BUFSZ * 8];
	while (len && isspace((unsigned char)*s))
		s++, len--;
	while (len && isspace((unsigned char)s[len - 1]))
		len--;
	if (len == 0 || len >= sizeof(tmp))
		return 0;
	memcpy(tmp, s, len);
	tmp[len] = 0;
	if (len < XNF_BUFSZ && already_shortest(tmp, len) && exact_value(tmp, len, value)) {
		memcpy(out, tmp, len + 1);
		return len;
	}
	char *end;
	double v = strtod(tmp, &end);
	/* strtod also takes "inf", "nan" and hex; a cell holds none of them. */
	if (*end || !isfinite(v) || strpbrk(tmp, "xXiInN"))
		return 0;
	*value = v;
	if (len < XNF_BUFSZ && already_shortest(tmp, len)) {
		memcpy(out, tmp, len + 1);
		return len;
	}
	return xnf_number(v, out);
}

/* Proleptic Gregorian date of a day count from 1970-01-01 (H. Hinnant). */
static void civil_from_days(long long z, int *y, int *m, int *d)
{
	z += 719468;
	long long era = (z >= 0 ? z : z - 146096) / 146097;
	long long doe = z - era * 146097;
	long long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long long mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

/* Days from 1970-01-01 to 1899-12-30 and to 1904-01-01. */
#define EPOCH_1900 (-25569LL)
#define EPOCH_1904 (-24107LL)
#define SERIAL_MAX 2958466.0 /* 10000-01-01 in the 1900 system */

/* v (0 <= v < 10^n) as n digits with leading zeros. */
static void put_digits(char *out, int v, int n)
{
	for (int i = n - 1; i >= 0; i--, v /= 10)
		out[i] = (char)('0' + v % 10);
}

size_t xnf_serial(double serial, int date1904, enum xnf_kind kind, char *out)
{
	if (!isfinite(serial) || serial < 0 || serial >= SERIAL_MAX)
		return 0;
	long long total = llround(serial * 86400.0);
	long long days = total / 86400;
	int secs = (int)(total % 86400);
	int hh = secs / 3600, mi = secs / 60 % 60, ss = secs % 60;
	if (kind == XNF_ELAPSED)
		return (size_t)snprintf(out, XNF_BUFSZ, "%02lld:%02d:%02d", total / 3600, mi, ss);
	if (kind == XNF_TIME && days == 0)
		return (size_t)snprintf(out, XNF_BUFSZ, "%02d:%02d:%02d", hh, mi, ss);
	int y, m, d;
	if (date1904) {
		civil_from_days(EPOCH_1904 + days, &y, &m, &d);
	} else if (days == 0) {
		return 0; /* Excel's "1900-01-00" is no date */
	} else if (days == 60) {
		y = 1900, m = 2, d = 29; /* Lotus 1-2-3's leap-year bug */
	} else {
		civil_from_days(EPOCH_1900 + days + (days < 60), &y, &m, &d);
	}
	if (y > 9999)
		return 0;
	/* By hand: snprintf cost more than the rest of a date cell. */
	put_digits(out, y, 4);
	out[4] = '-';
	put_digits(out + 5, m, 2);
	out[7] = '-';
	put_digits(out + 8, d, 2);
	if (kind == XNF_DATE && secs == 0) {
		out[10] = 0;
		return 10;
	}
	out[10] = ' ';
	put_digits(out + 11, hh, 2);
	out[13] = ':';
	put_digits(out + 14, mi, 2);
	out[16] = ':';
	put_digits(out + 17, ss, 2);
	out[19] = 0;
	return 19;
}
