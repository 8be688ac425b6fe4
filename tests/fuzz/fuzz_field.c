/*
 * fuzz_field.c - libFuzzer harness for the coded-field parsers of
 * ingest/field.h: level_parse, status_parse, action_parse and
 * field_fold_label.
 *
 * The input is copied into a buffer of exactly its length (no NUL after
 * it) so reads past len are caught. Besides the sanitizers, it aborts when
 * a promise is broken:
 *  - level_parse gives 1..max, 0, or -N with N > max, for every max 1..9,
 *    and the same level whatever max is when it is within both;
 *  - status_parse and action_parse give a value in their enum whose name
 *    parses back to it, and ignore ASCII case;
 *  - field_fold_label writes at most len bytes, no leading, trailing or
 *    doubled space, and, on valid UTF-8 (what the readers give), folding
 *    twice changes nothing. (On broken UTF-8 it need not: dropping a
 *    zero-width joiner can join two stray bytes into a new one.)
 */
#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "engine/util.h"
#include "ingest/field.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_levels(const char *s, size_t n)
{
	int at9 = level_parse(s, n, 9);
	for (int max = 1; max <= 9; max++) {
		int v = level_parse(s, n, max);
		if (v > max || (v < 0 && -v <= max))
			abort();
		/* the number read does not depend on max */
		int abs9 = at9 < 0 ? -at9 : at9, absv = v < 0 ? -v : v;
		if (absv != abs9)
			abort();
	}
}

static void check_fold(const char *s, size_t n)
{
	char *out = malloc(n + 1), *again = malloc(n + 1);
	size_t k = field_fold_label(s, n, out);
	if (k > n || out[k] != 0)
		abort();
	if (k && (out[0] == ' ' || out[k - 1] == ' '))
		abort();
	for (size_t i = 1; i < k; i++)
		if (out[i] == ' ' && out[i - 1] == ' ')
			abort();
	size_t k2 = field_fold_label(out, k, again);
	if (utf8_valid(s, n) && (k2 != k || memcmp(out, again, k) != 0))
		abort();
	free(out);
	free(again);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = malloc(size ? size : 1);
	char *up = malloc(size ? size : 1);
	memcpy(s, data, size);
	for (size_t i = 0; i < size; i++)
		up[i] = (char)toupper((unsigned char)s[i]);

	check_levels(s, size);
	check_fold(s, size);

	enum status st = status_parse(s, size);
	if ((unsigned)st >= ST_COUNT || status_parse(up, size) != st)
		abort();
	const char *name = status_name(st);
	if (st != ST_UNKNOWN &&
	    (status_parse(name, strlen(name)) != st || status_from_name(name) != st))
		abort();

	enum action a = action_parse(s, size);
	if ((unsigned)a > ACT_CLOSED || action_parse(up, size) != a)
		abort();
	name = action_name(a);
	if (a != ACT_UNKNOWN && action_parse(name, strlen(name)) != a)
		abort();

	free(s);
	free(up);
	return 0;
}
