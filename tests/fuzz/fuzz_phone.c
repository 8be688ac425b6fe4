/*
 * fuzz_phone.c - libFuzzer harness for engine/phone.h.
 *
 * The input is copied into a buffer of exactly its length (no NUL after
 * it) so reads past len are caught. Besides the sanitizers, it aborts when
 * a promise of phone.h is broken:
 *  - out is NUL-terminated within its 16 bytes and holds only ASCII digits;
 *  - EMPTY and DAMAGED give ""; MOBILE gives 10 digits starting 6-9, and
 *    normalising that key again gives the same mobile;
 *  - LANDLINE is "0" + 10 digits or a 6-8 digit local number;
 *  - phone_compare is symmetric, a key is EQUAL to itself unless it is "",
 *    and splitting the input in two and comparing the halves' keys never
 *    crashes either.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "engine/phone.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static enum phone_kind norm(const uint8_t *data, size_t size, char out[16])
{
	char *s = malloc(size ? size : 1);
	memcpy(s, data, size);
	memset(out, 'x', 16);
	enum phone_kind k = phone_normalize(s, size, out);
	free(s);
	size_t n = strnlen(out, 16);
	if (n == 16 || (unsigned)k > PHONE_INVALID)
		abort();
	for (size_t i = 0; i < n; i++)
		if (out[i] < '0' || out[i] > '9')
			abort();
	switch (k) {
	case PHONE_EMPTY:
	case PHONE_DAMAGED:
		if (n)
			abort();
		break;
	case PHONE_MOBILE:
		if (n != 10 || out[0] < '6')
			abort();
		break;
	case PHONE_LANDLINE:
		if (!(n == 11 && out[0] == '0') && !(n >= 6 && n <= 8))
			abort();
		break;
	default: break;
	}
	if (phone_identifying(k) != (k == PHONE_MOBILE || k == PHONE_LANDLINE) ||
	    !phone_kind_name(k))
		abort();
	return k;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char key[16], again[16], a[16], b[16];
	enum phone_kind k = norm(data, size, key);
	if (k == PHONE_MOBILE &&
	    (norm((const uint8_t *)key, strlen(key), again) != PHONE_MOBILE || strcmp(key, again)))
		abort();
	if ((phone_compare(key, key) == PHONE_EQUAL) != (key[0] != 0))
		abort();
	size_t half = size / 2;
	norm(data, half, a);
	norm(data + half, size - half, b);
	if (phone_compare(a, b) != phone_compare(b, a) || !phone_relation_name(phone_compare(a, b)))
		abort();
	return 0;
}
