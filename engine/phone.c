/* phone.c - mobile and landline numbers to keys. */
#include "engine/phone.h"

#include <string.h>

#include "engine/util.h"

/* The first number of the cell: up to a , ; or / that follows digits. */
static size_t first_number(const char *s, size_t len)
{
	int digits = 0;
	for (size_t i = 0; i < len; i++) {
		char c = s[i];
		if (c >= '0' && c <= '9')
			digits++;
		else if ((c == ',' || c == ';' || c == '/' || c == '|') && digits >= 6)
			return i;
	}
	return len;
}

/* ASCII digits of s, Devanagari digits (U+0966..U+096F) folded. */
static size_t collect_digits(const char *s, size_t len, char *d, size_t cap, int *letters, int *sci,
			     size_t *first_group)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = 0;
	int in_group = 0, group_done = 0;
	*letters = *sci = 0;
	*first_group = 0;
	for (size_t i = 0; i < len; i++) {
		int dig = -1;
		if (p[i] >= '0' && p[i] <= '9') {
			dig = p[i] - '0';
		} else if (p[i] == 0xE0 && i + 2 < len && p[i + 1] == 0xA5 && p[i + 2] >= 0xA6 &&
			   p[i + 2] <= 0xAF) {
			dig = p[i + 2] - 0xA6;
			i += 2;
		} else if ((p[i] == 'e' || p[i] == 'E') && n > 0 && i + 1 < len &&
			   (p[i + 1] == '+' || (p[i + 1] >= '0' && p[i + 1] <= '9'))) {
			*sci = 1;
		} else if ((p[i] | 0x20) >= 'a' && (p[i] | 0x20) <= 'z') {
			(*letters)++;
		}
		if (dig >= 0) {
			if (n < cap)
				d[n] = (char)('0' + dig);
			n++;
			in_group = 1;
		} else if (in_group && !group_done && p[i] != '+') {
			*first_group = n;
			group_done = 1;
		}
	}
	if (!group_done)
		*first_group = n;
	return n;
}

static int is_placeholder(const char *d, size_t n)
{
	static const char *const known[] = {"1234567890", "0123456789", "9876543210", "1234512345",
					    NULL};
	int same = 1;
	for (size_t i = 1; i < n; i++)
		same &= d[i] == d[0];
	if (same && n >= 5)
		return 1;
	for (const char *const *k = known; *k; k++)
		if (strlen(*k) == n && memcmp(*k, d, n) == 0)
			return 1;
	return 0;
}

static int empty_word(const char *s, size_t len)
{
	static const char *const words[] = {"na", "n/a", "nil",  "none",          "null",
					    "-",  "--",  "n.a.", "not available", NULL};
	while (len && (*s == ' ' || *s == '\t'))
		s++, len--;
	while (len && (s[len - 1] == ' ' || s[len - 1] == '\t'))
		len--;
	if (!len)
		return 1;
	for (const char *const *w = words; *w; w++)
		if (strlen(*w) == len && strncasecmp(*w, s, len) == 0)
			return 1;
	return 0;
}

static enum phone_kind put(char out[16], const char *d, size_t n, enum phone_kind k)
{
	if (n > 15)
		n = 15;
	memcpy(out, d, n);
	out[n] = 0;
	return k;
}

enum phone_kind phone_normalize(const char *raw, size_t len, char out[16])
{
	char d[32];
	int letters, sci;
	size_t group;
	out[0] = 0;
	if (!raw || empty_word(raw, len))
		return PHONE_EMPTY;
	len = first_number(raw, len);
	size_t n = collect_digits(raw, len, d, sizeof(d), &letters, &sci, &group);
	if (sci)
		return PHONE_DAMAGED;
	if (n == 0)
		return letters ? PHONE_INVALID : PHONE_EMPTY;
	if (n > sizeof(d))
		return put(out, d, sizeof(d), PHONE_INVALID);
	/* Excel's float shows as 9826012345.0: the .0 is not a digit */
	const char *dot = memchr(raw, '.', len);
	if (dot && n == 11 && d[10] == '0' && dot + 2 <= raw + len && dot[1] == '0' &&
	    (dot + 2 == raw + len || dot[2] == ' '))
		n = 10;
	if (is_placeholder(d, n))
		return put(out, d, n, PHONE_PLACEHOLDER);
	const char *p = d;
	int had_zero = 0;
	if (n == 14 && memcmp(p, "0091", 4) == 0)
		p += 4, n -= 4;
	else if (n == 13 && memcmp(p, "091", 3) == 0 && p[3] >= '6')
		p += 3, n -= 3; /* 091-98260-12345: the country code dialled with a 0 */
	else if (n == 12 && memcmp(p, "91", 2) == 0)
		p += 2, n -= 2;
	else if (n == 11 && p[0] == '0')
		p++, n--, had_zero = 1;
	if (n == 10 && is_placeholder(p, n))
		return put(out, p, n, PHONE_PLACEHOLDER);
	/* 0755-2551234: a short first group after the 0 is an STD code */
	int std_group = had_zero && group >= 3 && group <= 5;
	if (n == 10 && p[0] >= '6' && p[0] <= '9' && !std_group)
		return put(out, p, n, PHONE_MOBILE);
	if (n == 10 && p[0] >= '1') {
		out[0] = '0';
		memcpy(out + 1, p, 10);
		out[11] = 0;
		return PHONE_LANDLINE;
	}
	if (n >= 6 && n <= 8 && !had_zero && p[0] >= '2' && p[0] <= '5')
		return put(out, p, n, PHONE_LANDLINE);
	return put(out, d, n + (size_t)(p - d), PHONE_INVALID);
}

const char *phone_kind_name(enum phone_kind k)
{
	static const char *const names[] = {"empty",   "mobile",      "landline",
					    "damaged", "placeholder", "invalid"};
	return (unsigned)k < 6 ? names[k] : "invalid";
}

int phone_identifying(enum phone_kind k)
{
	return k == PHONE_MOBILE || k == PHONE_LANDLINE;
}

enum phone_relation phone_compare(const char *a, const char *b)
{
	size_t n = strlen(a), m = strlen(b);
	if (!n || n != m)
		return PHONE_DIFFERENT;
	if (strcmp(a, b) == 0)
		return PHONE_EQUAL;
	size_t first = n, diffs = 0;
	for (size_t i = 0; i < n; i++)
		if (a[i] != b[i]) {
			if (first == n)
				first = i;
			diffs++;
		}
	if (diffs == 1)
		return PHONE_NEAR;
	if (diffs == 2 && first + 1 < n && a[first] == b[first + 1] && a[first + 1] == b[first])
		return PHONE_NEAR;
	return PHONE_DIFFERENT;
}

const char *phone_relation_name(enum phone_relation r)
{
	return r == PHONE_EQUAL ? "equal" : r == PHONE_NEAR ? "near" : "different";
}
