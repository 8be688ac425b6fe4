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
 *  - field_trim leaves a part of the text with no blank at either end, and
 *    trimming again changes nothing; field_fold_id leaves no zero-width
 *    character on valid UTF-8 and is then a fixed point;
 *  - status_is_bare_closed text is never a status (it is not guessed);
 *    field_excel_error only for text starting '#', with both meanings.
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

/* A blank (field_blank_at) of j bytes ending at s + k, for some j. */
static int blank_at_end(const char *s, size_t k)
{
	for (size_t j = 1; j <= 3 && j <= k; j++)
		if (field_blank_at(s + k - j, j) == j)
			return 1;
	return 0;
}

static void check_trim(const char *s, size_t n)
{
	char *t = malloc(n + 1), *u = malloc(n + 1);
	memcpy(t, s, n);
	size_t k = field_trim(t, n);
	if (k > n || t[k] != 0 || !memmem(s, n, t, k) || field_blank_at(t, k) ||
	    blank_at_end(t, k))
		abort();
	memcpy(u, t, k + 1);
	if (field_trim(u, k) != k || memcmp(u, t, k))
		abort();
	memcpy(t, s, n);
	k = field_fold_id(t, n);
	if (k > n || t[k] != 0)
		abort();
	if (utf8_valid(s, n)) {
		static const char *const zero_width[] = {"\u200B", "\u200C", "\u200D", "\u2060",
							 "\uFEFF", "\u00AD"};
		for (size_t i = 0; i < sizeof(zero_width) / sizeof(*zero_width); i++)
			if (memmem(t, k, zero_width[i], strlen(zero_width[i])))
				abort();
		memcpy(u, t, k + 1);
		if (field_fold_id(u, k) != k || memcmp(u, t, k))
			abort();
	}
	free(t);
	free(u);
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
	check_trim(s, size);
	if (status_is_bare_closed(s, size) && status_parse(s, size) != ST_UNKNOWN)
		abort();
	char *z = malloc(size + 1);
	const char *en = NULL, *hi = NULL;
	memcpy(z, s, size);
	z[size] = 0;
	if (field_excel_error(z, &en, &hi) && (z[0] != '#' || !en || !hi))
		abort();
	free(z);

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
