/* test_field.c - level, status and action synonyms from tests/data/fields. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ingest/field.h"
#include "tests/test.h"

/* Each line: kind<TAB>input<TAB>expected ('#' comments). */
static void run_table(const char *path)
{
	FILE *f = fopen(path, "r");
	char line[512];
	int n = 0;
	CHECK_MSG(f != NULL, "cannot open %s", path);
	if (!f)
		return;
	while (fgets(line, sizeof(line), f)) {
		line[strcspn(line, "\r\n")] = 0;
		if (!*line || *line == '#')
			continue;
		char *kind = line, *in = strchr(kind, '\t'), *want;
		if (!in || !(want = strchr(in + 1, '\t'))) {
			CHECK_MSG(0, "%s: bad line '%s'", path, line);
			continue;
		}
		*in++ = 0;
		*want++ = 0;
		n++;
		if (!strcmp(kind, "status")) {
			const char *got = status_name(status_parse(in, strlen(in)));
			CHECK_MSG(!strcmp(got, want), "status \"%s\" -> %s, expected %s", in, got,
				  want);
		} else if (!strcmp(kind, "level")) {
			int got = level_parse(in, strlen(in), 4);
			CHECK_MSG(got == atoi(want), "level \"%s\" -> %d, expected %s", in, got,
				  want);
		} else if (!strcmp(kind, "action")) {
			const char *got = action_name(action_parse(in, strlen(in)));
			CHECK_MSG(!strcmp(got, want), "action \"%s\" -> %s, expected %s", in, got,
				  want);
		} else {
			CHECK_MSG(0, "%s: unknown kind '%s'", path, kind);
		}
	}
	fclose(f);
	CHECK_MSG(n >= 60, "only %d cases in %s", n, path);
}

int main(void)
{
	run_table("tests/data/fields/synonyms.tsv");
	CHECK(status_is_open(ST_OPEN) && status_is_open(ST_NON_ATTENDED));
	CHECK(!status_is_open(ST_FORCE_CLOSED) && !status_is_open(ST_OUT_OF_JURISDICTION));
	CHECK_INT(status_from_name("closed_low_quality"), ST_CLOSED_LOW_QUALITY);
	char out[64];
	CHECK_INT(field_fold_label("  Mobile_No. ", 13, out), 9);
	CHECK_STR(out, "mobile no");
	TEST_DONE();
}
