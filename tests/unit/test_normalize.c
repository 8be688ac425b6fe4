/*
 * test_normalize.c - names: the table-driven cases of tests/data/names/,
 * idempotence, invalid UTF-8, the NFC fast path against utf8proc, and the
 * cross-script bridge on ../shared/data/cmu-indian-names/names.tsv.
 *
 * Data files are TSV; '#' starts a comment line; \uXXXX and \xHH escapes
 * write code points and raw bytes.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "engine/namesim.h"
#include "engine/normalize.h"
#include "tests/test.h"

static struct name_scratch S1 = NAME_SCRATCH_INIT, S2 = NAME_SCRATCH_INIT;
static struct name_sim_scratch *SIM;

/* Expands \uXXXX and \xHH in place; returns the new length. */
static size_t unescape(char *s)
{
	char *w = s;
	for (char *r = s; *r;) {
		if (r[0] == '\\' && r[1] == 'u') {
			unsigned long c = strtoul((char[5]){r[2], r[3], r[4], r[5], 0}, NULL, 16);
			struct strbuf sb = STRBUF_INIT;
			uint32_t cp = (uint32_t)c;
			norm_encode(&cp, 1, &sb);
			memcpy(w, sb.buf, sb.len);
			w += sb.len;
			strbuf_release(&sb);
			r += 6;
		} else if (r[0] == '\\' && r[1] == 'x') {
			*w++ = (char)strtoul((char[3]){r[2], r[3], 0}, NULL, 16);
			r += 4;
		} else {
			*w++ = *r++;
		}
	}
	*w = 0;
	return (size_t)(w - s);
}

/* Reads the next data line split on TABs into f[0..max); returns count. */
static int next_row(FILE *f, char *line, size_t cap, char **fld, int max, int *lineno)
{
	while (fgets(line, (int)cap, f)) {
		(*lineno)++;
		line[strcspn(line, "\r\n")] = 0;
		if (!line[0] || line[0] == '#')
			continue;
		int n = 0;
		for (char *p = line; n < max;) {
			fld[n++] = p;
			p = strchr(p, '\t');
			if (!p)
				break;
			*p++ = 0;
		}
		return n;
	}
	return -1;
}

static FILE *open_data(const char *path)
{
	FILE *f = fopen(path, "r");
	CHECK_MSG(f != NULL, "cannot open %s", path);
	return f;
}

static const char *field_of(const struct name_keys *k, const char *name)
{
	static char flags[64];
	if (!strcmp(name, "display"))
		return k->display;
	if (!strcmp(name, "cmp"))
		return k->cmp;
	if (!strcmp(name, "sorted"))
		return k->sorted;
	if (!strcmp(name, "bridge"))
		return k->bridge;
	if (!strcmp(name, "phon"))
		return k->phon;
	if (!strcmp(name, "relation"))
		return k->relation;
	if (!strcmp(name, "relkind"))
		return name_relation_name(k->relation_kind);
	if (!strcmp(name, "flags")) {
		xsnprintf(flags, sizeof(flags), "%s%s%s%s%s%s",
			  k->flags & NAME_EMPTY ? "empty " : "",
			  k->flags & NAME_LEGACY_FONT ? "legacy " : "",
			  k->flags & NAME_HAS_INITIALS ? "initials " : "",
			  k->flags & NAME_HAS_TITLE ? "title " : "",
			  k->flags & NAME_MIXED_SCRIPT ? "mixed " : "",
			  k->flags & NAME_HAS_DIGITS ? "digits " : "");
		size_t n = strlen(flags);
		if (n)
			flags[n - 1] = 0;
		return flags;
	}
	return NULL;
}

/* keys.tsv: field <TAB> input <TAB> expected */
static void test_keys_table(void)
{
	const char *path = "tests/data/names/keys.tsv";
	FILE *f = open_data(path);
	char line[2048], *fld[3];
	int lineno = 0, n;
	struct name_keys k;
	while (f && (n = next_row(f, line, sizeof(line), fld, 3, &lineno)) >= 0) {
		if (n != 3) {
			CHECK_MSG(0, "%s:%d: expected 3 fields", path, lineno);
			continue;
		}
		size_t len = unescape(fld[1]);
		unescape(fld[2]);
		int rc = name_keys(fld[1], len, &S1, &k);
		const char *got = field_of(&k, fld[0]);
		CHECK_MSG(rc == 0 && got && !strcmp(got, fld[2]),
			  "%s:%d: %s of \"%s\" = \"%s\", expected \"%s\"", path, lineno, fld[0],
			  fld[1], got ? got : "?", fld[2]);
	}
	if (f)
		fclose(f);
}

static int key_equal(const char *kind, const struct name_keys *a, const struct name_keys *b)
{
	return !strcmp(field_of(a, kind), field_of(b, kind));
}

/*
 * pairs.tsv: relation <TAB> a <TAB> b, relation one of cmp= cmp!= phon=
 * phon!= bridge= bridge!= sorted= same different, or reason=NAME (the
 * reason name_similarity gives).
 */
static void test_pairs_table(void)
{
	const char *path = "tests/data/names/pairs.tsv";
	FILE *f = open_data(path);
	char line[2048], *fld[3];
	int lineno = 0, n;
	struct name_keys ka, kb;
	while (f && (n = next_row(f, line, sizeof(line), fld, 3, &lineno)) >= 0) {
		if (n != 3) {
			CHECK_MSG(0, "%s:%d: expected 3 fields", path, lineno);
			continue;
		}
		size_t la = unescape(fld[1]), lb = unescape(fld[2]);
		int ok = name_keys(fld[1], la, &S1, &ka) == 0 &&
			 name_keys(fld[2], lb, &S2, &kb) == 0;
		enum name_reason why;
		double sc = name_similarity(ka.cmp, ka.bridge, kb.cmp, kb.bridge, SIM, &why);
		const char *rel = fld[0];
		size_t rl = strlen(rel);
		int pass;
		if (!strcmp(rel, "same"))
			pass = sc >= NAME_SAME_THRESHOLD;
		else if (!strcmp(rel, "different"))
			pass = sc < NAME_SAME_THRESHOLD;
		else if (!strncmp(rel, "reason=", 7))
			pass = !strcmp(name_reason_name(why), rel + 7);
		else if (rl > 2 && !strcmp(rel + rl - 2, "!=")) {
			char kind[16];
			xsnprintf(kind, sizeof(kind), "%.*s", (int)(rl - 2), rel);
			pass = !key_equal(kind, &ka, &kb);
		} else {
			char kind[16];
			xsnprintf(kind, sizeof(kind), "%.*s", (int)(rl - 1), rel);
			pass = key_equal(kind, &ka, &kb);
		}
		CHECK_MSG(ok && pass,
			  "%s:%d: %s failed for \"%s\" / \"%s\": cmp \"%s\" / "
			  "\"%s\", bridge \"%s\" / \"%s\", phon \"%s\" / \"%s\", "
			  "score %.3f (%s)",
			  path, lineno, rel, fld[1], fld[2], ka.cmp, kb.cmp, ka.bridge, kb.bridge,
			  ka.phon, kb.phon, sc, name_reason_name(why));
	}
	if (f)
		fclose(f);
}

/* legacy.tsv: 1 or 0 <TAB> name */
static void test_legacy_table(void)
{
	const char *path = "tests/data/names/legacy.tsv";
	FILE *f = open_data(path);
	char line[1024], *fld[2];
	int lineno = 0, n;
	struct name_keys k;
	while (f && (n = next_row(f, line, sizeof(line), fld, 2, &lineno)) >= 0) {
		if (n != 2) {
			CHECK_MSG(0, "%s:%d: expected 2 fields", path, lineno);
			continue;
		}
		size_t len = unescape(fld[1]);
		name_keys(fld[1], len, &S1, &k);
		int want = fld[0][0] == '1';
		CHECK_MSG(!!(k.flags & NAME_LEGACY_FONT) == want,
			  "%s:%d: \"%s\" %s as legacy-font text", path, lineno, fld[1],
			  want ? "not flagged" : "wrongly flagged");
	}
	if (f)
		fclose(f);
}

/* raw, and its display and cmp forms, normalise to themselves: keys
 * computed from stored forms never drift. where names the case. */
static void check_fixed_point(const char *where, const char *raw, size_t len)
{
	struct name_keys k1, k2;
	if (name_keys(raw, len, &S1, &k1) < 0)
		return;
	char *disp = xstrdup(k1.display);
	char *cmp = xstrdup(k1.cmp);
	name_keys(disp, strlen(disp), &S2, &k2);
	CHECK_MSG(!strcmp(k2.display, disp) && !strcmp(k2.cmp, cmp),
		  "%s: not idempotent: \"%.*s\" -> display \"%s\" cmp \"%s\" -> display "
		  "\"%s\" cmp \"%s\"",
		  where, (int)len, raw, disp, cmp, k2.display, k2.cmp);
	name_keys(cmp, strlen(cmp), &S2, &k2);
	CHECK_MSG(!strcmp(k2.cmp, cmp) && !strcmp(k2.bridge, k1.bridge),
		  "%s: cmp \"%s\" renormalises to \"%s\" (bridge \"%s\" vs \"%s\")", where, cmp,
		  k2.cmp, k1.bridge, k2.bridge);
	free(disp);
	free(cmp);
}

/* Every name of the tables. */
static void test_idempotence(void)
{
	const char *files[] = {"tests/data/names/keys.tsv", "tests/data/names/pairs.tsv"};
	char line[2048], *fld[3], where[300];
	int checked = 0;
	for (int fi = 0; fi < 2; fi++) {
		FILE *f = open_data(files[fi]);
		int lineno = 0, n;
		while (f && (n = next_row(f, line, sizeof(line), fld, 3, &lineno)) >= 0) {
			xsnprintf(where, sizeof(where), "%s:%d", files[fi], lineno);
			for (int c = 1; c < n; c++) {
				size_t len = unescape(fld[c]);
				check_fixed_point(where, fld[c], len);
				checked++;
			}
		}
		if (f)
			fclose(f);
	}
	CHECK(checked > 300);
}

/* Every input fuzz_normalize ever stopped at (whole files, raw bytes). */
static void test_fuzz_regressions(void)
{
	const char *dir = "tests/fuzz/regress/normalize";
	DIR *d = opendir(dir);
	struct dirent *e;
	char path[512], buf[4096];
	int n = 0;
	CHECK_MSG(d != NULL, "cannot open %s", dir);
	while (d && (e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		xsnprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		FILE *f = open_data(path);
		if (!f)
			continue;
		size_t len = fread(buf, 1, sizeof(buf), f);
		fclose(f);
		check_fixed_point(path, buf, len);
		n++;
	}
	if (d)
		closedir(d);
	CHECK(n >= 3);
}

static void test_invalid_utf8(void)
{
	static const struct {
		const char *in;
		size_t at;
		const char *why;
	} cases[] = {
		{"Ram\xff", 3, "a byte that never occurs in UTF-8"},
		{"\x80Ram", 0, "a continuation byte with no lead byte"},
		{"र\xe0\xa4", 3, "a character cut off at the end of the text"},
		{"\xe0\xa4z", 2, "a character cut short (expected a continuation byte)"},
		{"\xc0\xaf", 0, "a byte that never occurs in UTF-8"},
		{"\xe0\x80\xaf", 0, "an over-long or out-of-range encoding"},
		{"\xed\xa0\x80", 0, "an encoded UTF-16 surrogate"},
		{"\xf4\x90\x80\x80", 0, "an over-long or out-of-range encoding"},
	};
	struct name_keys k;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		int rc = name_keys(cases[i].in, strlen(cases[i].in), &S1, &k);
		CHECK_INT(rc, -1);
		CHECK_INT(k.error_at, cases[i].at);
		CHECK_STR(k.error, cases[i].why);
		CHECK_STR(k.cmp, "");
		CHECK(k.flags & NAME_EMPTY);
	}
	/* every prefix of a valid name: valid or a clean error, never a crash */
	const char *name = "श्रीमती लक्ष्मी देवी W/O रमेश";
	for (size_t n = 0; n <= strlen(name); n++) {
		int rc = name_keys(name, n, &S1, &k);
		CHECK(rc == 0 || (rc == -1 && k.error && k.error_at <= n));
	}
}

/* The table-driven NFC of the Devanagari block against utf8proc, after
 * norm_decode() and in one pass with norm_decode_nfc(). */
static void test_nfc_fast_path(void)
{
	unsigned seed = 12345;
	struct cpbuf in = {0}, out = {0}, tmp = {0}, one = {0};
	struct strbuf sb = STRBUF_INIT;
	int mismatches = 0, one_pass_mismatches = 0;
	for (int t = 0; t < 20000; t++) {
		size_t n = 1 + t % 7;
		uint32_t cps[8];
		for (size_t i = 0; i < n; i++) {
			seed = seed * 1103515245u + 12345u;
			uint32_t r = (seed >> 8) % 160;
			cps[i] = r < 128 ? 0x900 + r : (uint32_t)(unsigned char)"aZ .-\t"[r % 6];
		}
		strbuf_reset(&sb);
		norm_encode(cps, n, &sb);
		size_t bad;
		const char *why;
		norm_decode(sb.buf, sb.len, &in, &bad, &why);
		norm_nfc(sb.buf, sb.len, &in, &out);
		utf8proc_uint8_t *ref = utf8proc_NFC((utf8proc_uint8_t *)sb.buf);
		struct strbuf got = STRBUF_INIT;
		norm_encode(out.v, out.len, &got);
		if (!ref || strcmp((char *)ref, got.buf))
			mismatches++;
		strbuf_reset(&got);
		if (norm_decode_nfc(sb.buf, sb.len, &tmp, &one, &bad, &why) < 0)
			one_pass_mismatches++;
		norm_encode(one.v, one.len, &got);
		if (!ref || strcmp((char *)ref, got.buf))
			one_pass_mismatches++;
		free(ref);
		strbuf_release(&got);
	}
	CHECK_INT(mismatches, 0);
	CHECK_INT(one_pass_mismatches, 0);
	cpbuf_release(&in);
	cpbuf_release(&out);
	cpbuf_release(&tmp);
	cpbuf_release(&one);
	strbuf_release(&sb);
}

/*
 * The bridge on 8,700 real romanised/Devanagari first-name pairs: most
 * pairs must be judged the same, and names paired with another row's name
 * different. Thresholds sit a little below what was measured (0.985 and
 * 0.9999 when written) so a change that loses recall fails the test.
 */
static void test_cmu_names(void)
{
	const char *path = "../shared/data/cmu-indian-names/names.tsv";
	FILE *f = fopen(path, "r");
	if (!f) {
		fprintf(stderr, "skipping: %s not found\n", path);
		return;
	}
	struct name_compare_ctx *c = name_compare_new();
	char line[512], *fld[2];
	int lineno = 0, n;
	size_t cap = 0, len = 0;
	char **a = NULL, **b = NULL;
	next_row(f, line, sizeof(line), fld, 2, &lineno); /* header */
	while ((n = next_row(f, line, sizeof(line), fld, 2, &lineno)) >= 0) {
		if (n != 2)
			continue;
		if (len == cap) {
			cap = cap ? cap * 2 : 1024;
			a = xrealloc(a, cap * sizeof(*a));
			b = xrealloc(b, cap * sizeof(*b));
		}
		a[len] = xstrdup(fld[0]);
		b[len++] = xstrdup(fld[1]);
	}
	fclose(f);
	size_t same = 0, diff = 0, shuffled = 0;
	struct name_verdict v;
	for (size_t i = 0; i < len; i++) {
		name_compare(c, a[i], strlen(a[i]), b[i], strlen(b[i]), &v);
		same += v.same;
		size_t j = (i * 7919 + 13) % len;
		if (j == i || !strcmp(b[j], b[i]))
			continue;
		name_compare(c, a[i], strlen(a[i]), b[j], strlen(b[j]), &v);
		diff += !v.same;
		shuffled++;
	}
	double rs = len ? (double)same / len : 0;
	double rd = shuffled ? (double)diff / shuffled : 0;
	printf("cmu-indian-names: %zu pairs, judged same %.4f; %zu shuffled "
	       "pairs, judged different %.4f\n",
	       len, rs, shuffled, rd);
	CHECK(len > 8000);
	CHECK_MSG(rs >= 0.97, "same-person pairs judged same: %.4f < 0.97", rs);
	CHECK_MSG(rd >= 0.995, "shuffled pairs judged different: %.4f < 0.995", rd);
	for (size_t i = 0; i < len; i++) {
		free(a[i]);
		free(b[i]);
	}
	free(a);
	free(b);
	name_compare_free(c);
}

static void test_compare_raw(void)
{
	struct name_compare_ctx *c = name_compare_new();
	struct name_verdict v;
	CHECK_INT(name_compare(c, "Ramesh", 6, "रमेश", strlen("रमेश"), &v), 0);
	CHECK(v.same);
	CHECK_STR(name_reason_name(v.reason), "other-script");
	CHECK_INT(name_compare(c, "Ramesh", 6, "b\xffz", 3, &v), -1);
	CHECK_INT(v.bad_side, 2);
	CHECK_INT(v.error_at, 1);
	CHECK(strstr(name_reason_phrase(NSIM_TYPO), "टाइपिंग") != NULL);
	name_compare_free(c);
}

int main(void)
{
	SIM = name_sim_scratch_new();
	test_keys_table();
	test_pairs_table();
	test_legacy_table();
	test_idempotence();
	test_fuzz_regressions();
	test_invalid_utf8();
	test_nfc_fast_path();
	test_compare_raw();
	test_cmu_names();
	name_sim_scratch_free(SIM);
	name_scratch_release(&S1);
	name_scratch_release(&S2);
	TEST_DONE();
}
