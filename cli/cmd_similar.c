/* cmd_similar.c - nirakaran similar: the matcher's verdict on pairs of names. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/commands.h"
#include "cli/common.h"
#include "engine/namesim.h"

static const char usage_text[] =
	"usage: nirakaran similar [--reason] < pairs.tsv\n\n"
	"Reads pairs of names, one pair a line as name_a<TAB>name_b, and prints\n"
	"name_a<TAB>name_b<TAB>score<TAB>verdict: the score (0 to 1) and verdict\n"
	"(same or different) that duplicate matching gives for \"these could be one\n"
	"person's name\", forgiving typing mistakes, the other script (Ramesh /\n"
	"रमेश), titles (श्री, Smt) and word order. Initials alone (R. K. Sharma)\n"
	"are weak and stay below the threshold of 0.80.\n\n"
	"  --reason     add a fifth column: exact, typo, other-script, order-swapped,\n"
	"               word-missing, initials, different or no-name\n\n"
	"Exit status: 0 all lines scored; 1 some lines were skipped (a message on\n"
	"stderr names each); 2 bad usage.\n";

/* One line; returns 0 when scored, 1 when skipped with a message. */
static int score_line(struct name_compare_ctx *ctx, char *line, size_t len, long lineno,
		      int with_reason)
{
	char *tab = memchr(line, '\t', len);
	if (!tab) {
		fprintf(stderr,
			"nirakaran similar: stdin line %ld: expected two names "
			"separated by a TAB, found no TAB; line skipped\n",
			lineno);
		return 1;
	}
	size_t alen = (size_t)(tab - line);
	char *b = tab + 1;
	size_t blen = len - alen - 1;
	char *tab2 = memchr(b, '\t', blen);
	if (tab2) /* extra columns are ignored */
		blen = (size_t)(tab2 - b);
	struct name_verdict v;
	if (name_compare(ctx, line, alen, b, blen, &v) < 0) {
		fprintf(stderr,
			"nirakaran similar: stdin line %ld: name %d is not "
			"valid UTF-8 (%s, at byte %zu of the name); line "
			"skipped\n",
			lineno, v.bad_side, v.error, v.error_at + 1);
		return 1;
	}
	fwrite(line, 1, alen, stdout);
	putchar('\t');
	fwrite(b, 1, blen, stdout);
	printf("\t%.3f\t%s", v.score, v.same ? "same" : "different");
	if (with_reason)
		printf("\t%s", name_reason_name(v.reason));
	putchar('\n');
	return 0;
}

int cmd_similar(int argc, char **argv)
{
	int with_reason = 0;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			fputs(usage_text, stdout);
			return EXIT_OK;
		}
		if (!strcmp(argv[i], "--reason"))
			with_reason = 1;
		else
			return usage_error("similar", "unknown argument '%s'", argv[i]);
	}
	struct name_compare_ctx *ctx = name_compare_new();
	char *line = NULL;
	size_t cap = 0;
	ssize_t got;
	long lineno = 0;
	int skipped = 0;
	while ((got = getline(&line, &cap, stdin)) >= 0) {
		size_t len = (size_t)got;
		lineno++;
		while (len && (line[len - 1] == '\n' || line[len - 1] == '\r'))
			len--;
		if (!len)
			continue;
		skipped += score_line(ctx, line, len, lineno, with_reason);
	}
	free(line);
	name_compare_free(ctx);
	if (fflush(stdout) != 0) {
		fprintf(stderr, "nirakaran similar: cannot write the output\n");
		return EXIT_FAILURE_;
	}
	return skipped ? EXIT_FAILURE_ : EXIT_OK;
}
