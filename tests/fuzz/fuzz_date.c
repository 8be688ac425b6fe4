/*
 * fuzz_date.c - libFuzzer harness for date_parse (engine/date.h).
 *
 * The input is copied into a buffer of exactly its length, with no NUL
 * after it, so a read past len is caught by AddressSanitizer. Besides the
 * sanitizers, it aborts when a promise of date.h is broken:
 *  - a failure always says why, in a non-empty phrase;
 *  - a success gives a real date from 1900-01-01 to 9999-12-31 and a time
 *    of day in [0, 86400), with seconds 0 when no time was given;
 *  - what was parsed, written back as dd-mm-yyyy [HH:MM:SS] and as ISO
 *    8601, parses to the same day and time (so no form loses the date);
 *  - parsing is deterministic.
 * `make fuzz` builds and runs it; see tests/fuzz/README.md.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/date.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void same(const struct datetime *a, const char *text)
{
	struct datetime b;
	const char *why = NULL;
	if (date_parse(text, strlen(text), &b, &why) != 0 || b.day != a->day ||
	    b.has_time != a->has_time || b.seconds != a->seconds) {
		fprintf(stderr, "round trip through \"%s\" changed the date (%s)\n", text,
			why ? why : "parsed differently");
		abort();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = malloc(size ? size : 1);
	struct datetime dt, again;
	const char *why = NULL, *why2 = NULL;
	memcpy(s, data, size);
	int rc = date_parse(s, size, &dt, &why);
	int rc2 = date_parse(s, size, &again, &why2);
	free(s);
	if (rc != rc2 || (rc == -1 && (!why || !*why || !why2 || !*why2)))
		abort();
	if (rc != 0)
		return 0;
	if (memcmp(&dt, &again, sizeof(dt)) != 0)
		abort();
	int y, m, d;
	date_to_ymd(dt.day, &y, &m, &d);
	if (!date_valid_ymd(y, m, d) || dt.seconds < 0 || dt.seconds >= 86400 ||
	    (!dt.has_time && dt.seconds != 0) || (dt.has_time != 0 && dt.has_time != 1))
		abort();
	char text[48], iso[24];
	if (dt.has_time)
		snprintf(text, sizeof(text), "%02d-%02d-%04d %02d:%02d:%02d", d, m, y,
			 dt.seconds / 3600, dt.seconds / 60 % 60, dt.seconds % 60);
	else
		snprintf(text, sizeof(text), "%02d/%02d/%04d", d, m, y);
	same(&dt, text);
	datetime_format(&dt, iso);
	if (dt.has_time)
		iso[10] = 'T';
	same(&dt, iso);
	return 0;
}
