/*
 * fuzz_review.c - libFuzzer harness for the Decision cell of a returned
 * merge-review workbook (engine/review.h: review_parse_decision), the one
 * free-text field of the import a supervisor types into.
 *
 * Aborts when a promise is broken: the result is 0 with a decision of the
 * enum, or -1; blank text is "not decided"; leading and trailing spaces and
 * ASCII case do not matter; each decision's name and the workbook's own
 * drop-down values parse back to it.
 * The import itself (review_import, and the reading of the workbook) is
 * fuzz_review_import's.
 */
#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "engine/review.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int parse(const char *s, enum review_decision *d)
{
	*d = (enum review_decision) - 7; /* must be overwritten on success */
	int rc = review_parse_decision(s, d);
	if (rc != 0 && rc != -1)
		abort();
	if (rc == 0 && (unsigned)*d > REVIEW_DO_UNSURE)
		abort();
	return rc;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const struct {
		const char *text;
		enum review_decision d;
	} own[] = {
		{REVIEW_MERGE, REVIEW_DO_MERGE},
		{REVIEW_REJECT, REVIEW_DO_REJECT},
		{REVIEW_UNSURE, REVIEW_DO_UNSURE},
		{"", REVIEW_NONE},
	};
	enum review_decision d, d2;
	char *s = malloc(size + 1), *up = malloc(size + 3);
	memcpy(s, data, size);
	s[size] = 0; /* cells are NUL-terminated text */
	int rc = parse(s, &d);

	up[0] = ' ';
	for (size_t i = 0; i < size; i++)
		up[i + 1] = (char)toupper((unsigned char)s[i]);
	up[size + 1] = '\t';
	up[size + 2] = 0;
	/* an embedded NUL ends the cell for both */
	if (strlen(s) == size && (parse(up, &d2) != rc || (rc == 0 && d2 != d)))
		abort();
	if (rc == 0 && d != REVIEW_NONE) {
		const char *name = review_decision_name(d);
		if (!name || !*name)
			abort();
	}
	for (size_t i = 0; i < sizeof(own) / sizeof(own[0]); i++)
		if (parse(own[i].text, &d2) != 0 || d2 != own[i].d)
			abort();
	free(s);
	free(up);
	return 0;
}
