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
	CHECK(status_is_bare_closed("Closed", 6) && status_is_bare_closed(" बंद ", 11));
	CHECK(!status_is_bare_closed("Closed with satisfaction", 24));
	char out[64];
	CHECK_INT(field_fold_label("  Mobile_No. ", 13, out), 9);
	CHECK_STR(out, "mobile no");

	/* blanks: no-break and zero-width spaces trim like ASCII ones */
	char t1[] = "\u200B CMH-1\u00A0\u00A0";
	CHECK_INT(field_trim(t1, strlen(t1)), 5);
	CHECK_STR(t1, "CMH-1");
	char t2[] = "\u0930\u093E\u092E\u200D";
	CHECK_INT(field_trim(t2, strlen(t2)), 9); /* a trailing joiner goes, the name stays */
	char t3[] = "\u00A0";
	CHECK_INT(field_trim(t3, strlen(t3)), 0);
	CHECK_INT(field_blank_at("\u3000x", 4), 3);
	CHECK_INT(field_blank_at("\u0915", 3), 0);
	/* ids: invisible characters out, wide spaces made ' ' */
	char i1[] = "CMH\u200B-\uFEFF1";
	CHECK_INT(field_fold_id(i1, strlen(i1)), 5);
	CHECK_STR(i1, "CMH-1");
	char i2[] = "CMH\u00A01";
	CHECK_INT(field_fold_id(i2, strlen(i2)), 5);
	CHECK_STR(i2, "CMH 1");
	/* Excel's error values */
	const char *en, *hi;
	CHECK(field_excel_error("#REF!", &en, &hi) && strstr(en, "deleted"));
	CHECK(field_excel_error("#n/a", &en, &hi));
	CHECK(!field_excel_error("#12", &en, &hi) && !field_excel_error("REF!", &en, &hi));
	TEST_DONE();
}
