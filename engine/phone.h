/*
 * phone.h - mobile numbers as clerks type them, reduced to one key.
 *
 * "+91 98260 12345", "098260-12345", "919826012345" and "९८२६०१२३४५" are
 * all the mobile 9826012345. "9.83E+09" is a number Excel rounded: the
 * digits are lost, so it is DAMAGED and never converted. 9999999999,
 * 1234567890, 0000000000 and any one digit repeated are PLACEHOLDERs and
 * never evidence that two complaints share a complainant. (A number shared
 * by too many complainants is judged later, in the matcher.)
 */
#ifndef NK_PHONE_H
#define NK_PHONE_H

#include <stddef.h>

enum phone_kind {
	PHONE_EMPTY,       /* nothing, or NA / nil / - */
	PHONE_MOBILE,      /* out: 10 digits, first 6-9 */
	PHONE_LANDLINE,    /* out: "0" + STD code + number, or a local number
			      (6-8 digits starting 2-5) */
	PHONE_DAMAGED,     /* scientific notation: digits lost; out: "" */
	PHONE_PLACEHOLDER, /* out: the digits, for the report */
	PHONE_INVALID,     /* out: the digits seen (at most 15) */
};

/*
 * Normalises raw[0..len) (any bytes; Devanagari digits accepted) into out,
 * always NUL-terminated. Where a cell holds two numbers ("98260 12345,
 * 94250 12345" or with "/" or ";") the first is taken.
 */
enum phone_kind phone_normalize(const char *raw, size_t len, char out[16]);

/* "empty", "mobile", "landline", "damaged", "placeholder", "invalid". */
const char *phone_kind_name(enum phone_kind k);

/* Is a number of this kind evidence of identity? Only mobiles and
 * landlines are. */
int phone_identifying(enum phone_kind k);

enum phone_relation {
	PHONE_DIFFERENT,
	PHONE_NEAR, /* one digit wrong, or two neighbours swapped */
	PHONE_EQUAL,
};

/* Compares two normalised numbers; "" is DIFFERENT from everything. */
enum phone_relation phone_compare(const char *a, const char *b);
const char *phone_relation_name(enum phone_relation r);

#endif
