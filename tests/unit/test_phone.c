/* test_phone.c - mobile numbers: the tables in tests/data/phones/ and edge cases. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/normalize.h"
#include "engine/phone.h"
#include "tests/test.h"

/* \uXXXX -> UTF-8 in place (Devanagari digits in the table). */
static void unescape(char *s)
{
	char *w = s;
	for (char *r = s; *r;) {
		if (r[0] == '\\' && r[1] == 'u') {
			uint32_t cp =
				(uint32_t)strtoul((char[5]){r[2], r[3], r[4], r[5], 0}, NULL, 16);
			struct strbuf sb = STRBUF_INIT;
			norm_encode(&cp, 1, &sb);
			memcpy(w, sb.buf, sb.len);
			w += sb.len;
			strbuf_release(&sb);
			r += 6;
		} else {
			*w++ = *r++;
		}
	}
	*w = 0;
}

static int split(char *line, char **f, int max)
{
	int n = 0;
	for (char *p = line; n < max;) {
		f[n++] = p;
		p = strchr(p, '\t');
		if (!p)
			break;
		*p++ = 0;
	}
	return n;
}

static void test_normalize_table(void)
{
	const char *path = "tests/data/phones/phones.tsv";
	FILE *f = fopen(path, "r");
	CHECK_MSG(f != NULL, "cannot open %s", path);
	char line[512], *fld[3], out[16];
	int lineno = 0, rows = 0;
	while (f && fgets(line, sizeof(line), f)) {
		lineno++;
		line[strcspn(line, "\r\n")] = 0;
		if (!line[0] || line[0] == '#')
			continue;
		if (split(line, fld, 3) != 3) {
			CHECK_MSG(0, "%s:%d: expected 3 fields", path, lineno);
			continue;
		}
		unescape(fld[0]);
		enum phone_kind k = phone_normalize(fld[0], strlen(fld[0]), out);
		CHECK_MSG(!strcmp(phone_kind_name(k), fld[1]) && !strcmp(out, fld[2]),
			  "%s:%d: \"%s\" -> %s \"%s\", expected %s \"%s\"", path, lineno, fld[0],
			  phone_kind_name(k), out, fld[1], fld[2]);
		rows++;
	}
	if (f)
		fclose(f);
	CHECK(rows >= 50);
}

static void test_compare_table(void)
{
	const char *path = "tests/data/phones/compare.tsv";
	FILE *f = fopen(path, "r");
	CHECK_MSG(f != NULL, "cannot open %s", path);
	char line[512], *fld[3];
	int lineno = 0;
	while (f && fgets(line, sizeof(line), f)) {
		lineno++;
		line[strcspn(line, "\r\n")] = 0;
		if (!line[0] || line[0] == '#')
			continue;
		if (split(line, fld, 3) != 3) {
			CHECK_MSG(0, "%s:%d: expected 3 fields", path, lineno);
			continue;
		}
		const char *r = phone_relation_name(phone_compare(fld[0], fld[1]));
		CHECK_MSG(!strcmp(r, fld[2]), "%s:%d: %s vs %s: %s, expected %s", path, lineno,
			  fld[0], fld[1], r, fld[2]);
		r = phone_relation_name(phone_compare(fld[1], fld[0]));
		CHECK_MSG(!strcmp(r, fld[2]), "%s:%d: symmetric: %s", path, lineno, r);
	}
	if (f)
		fclose(f);
}

static void test_properties(void)
{
	char out[16], again[16];
	CHECK(phone_identifying(PHONE_MOBILE));
	CHECK(phone_identifying(PHONE_LANDLINE));
	CHECK(!phone_identifying(PHONE_PLACEHOLDER));
	CHECK(!phone_identifying(PHONE_DAMAGED));
	CHECK(!phone_identifying(PHONE_EMPTY));
	CHECK(!phone_identifying(PHONE_INVALID));
	CHECK_INT(phone_normalize(NULL, 0, out), PHONE_EMPTY);
	CHECK_STR(out, "");
	/* a normalised mobile normalises to itself; every byte value is safe */
	unsigned seed = 7;
	for (int t = 0; t < 5000; t++) {
		char raw[24];
		size_t n = (size_t)(t % 23);
		for (size_t i = 0; i < n; i++) {
			seed = seed * 1103515245u + 12345u;
			raw[i] = t & 1 ? "0123456789+-. E"[(seed >> 9) % 15] : (char)(seed >> 9);
		}
		enum phone_kind k = phone_normalize(raw, n, out);
		CHECK_MSG(strlen(out) < 16, "output too long");
		if (k == PHONE_MOBILE) {
			CHECK_INT(phone_normalize(out, strlen(out), again), PHONE_MOBILE);
			CHECK_STR(again, out);
		}
	}
}

int main(void)
{
	test_normalize_table();
	test_compare_table();
	test_properties();
	TEST_DONE();
}
