/* test_text.c - description tokens and signatures (tests/data/text/). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/text.h"
#include "tests/test.h"

static struct text_scratch TS;

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

static int read_row(FILE *f, char *line, size_t cap, char **fld, int max, int *lineno)
{
	while (fgets(line, (int)cap, f)) {
		(*lineno)++;
		line[strcspn(line, "\r\n")] = 0;
		if (line[0] == '#' || (!line[0] && max > 2))
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

static void test_tokens(void)
{
	const char *path = "tests/data/text/tokens.tsv";
	FILE *f = fopen(path, "r");
	CHECK_MSG(f != NULL, "cannot open %s", path);
	char line[2048], *fld[2];
	int lineno = 0, n;
	struct strbuf tok = STRBUF_INIT;
	uint32_t sig[TEXT_SIG_LEN];
	while (f && (n = read_row(f, line, sizeof(line), fld, 2, &lineno)) >= 0) {
		if (n != 2)
			continue;
		unescape(fld[0]);
		int rc = text_keys(fld[0], strlen(fld[0]), &TS, &tok, sig, NULL, NULL);
		CHECK_MSG(rc == 0 && !strcmp(tok.buf, fld[1]),
			  "%s:%d: tokens of \"%s\" = \"%s\", expected \"%s\"", path, lineno, fld[0],
			  tok.buf, fld[1]);
		CHECK_MSG((sig[0] == TEXT_SIG_EMPTY) == (tok.len == 0),
			  "%s:%d: empty signature iff no tokens", path, lineno);
	}
	if (f)
		fclose(f);
	strbuf_release(&tok);
}

static void test_pairs(void)
{
	const char *path = "tests/data/text/pairs.tsv";
	FILE *f = fopen(path, "r");
	CHECK_MSG(f != NULL, "cannot open %s", path);
	char line[4096], *fld[3];
	int lineno = 0, n;
	struct strbuf ta = STRBUF_INIT, tb = STRBUF_INIT;
	uint32_t sa[TEXT_SIG_LEN], sb[TEXT_SIG_LEN];
	while (f && (n = read_row(f, line, sizeof(line), fld, 3, &lineno)) >= 0) {
		if (n != 3)
			continue;
		text_keys(fld[1], strlen(fld[1]), &TS, &ta, sa, NULL, NULL);
		text_keys(fld[2], strlen(fld[2]), &TS, &tb, sb, NULL, NULL);
		double s = text_sig_similarity(sa, sb);
		double j = text_token_similarity(ta.buf, tb.buf);
		int similar = !strcmp(fld[0], "similar");
		CHECK_MSG(similar ? s >= 0.6 : s <= 0.25,
			  "%s:%d: %s texts have signature similarity %.3f "
			  "(tokens %.3f)",
			  path, lineno, fld[0], s, j);
		CHECK_MSG(similar ? j >= 0.4 : j <= 0.15,
			  "%s:%d: %s texts have token similarity %.3f", path, lineno, fld[0], j);
	}
	if (f)
		fclose(f);
	strbuf_release(&ta);
	strbuf_release(&tb);
}

static void test_signature_properties(void)
{
	struct strbuf t = STRBUF_INIT;
	uint32_t a[TEXT_SIG_LEN], b[TEXT_SIG_LEN], c[TEXT_SIG_LEN];
	const char *x = "गांव में बिजली नहीं आ रही है ट्रांसफार्मर जल गया";
	const char *y = "ट्रांसफार्मर जल गया गांव में बिजली नहीं आ रही है";
	text_keys(x, strlen(x), &TS, &t, a, NULL, NULL);
	text_keys(y, strlen(y), &TS, &t, b, NULL, NULL);
	CHECK(text_sig_similarity(a, b) >= 0.99); /* same set, reordered */
	text_keys(x, strlen(x), &TS, &t, c, NULL, NULL);
	CHECK(memcmp(a, c, sizeof(a)) == 0); /* deterministic */
	CHECK(text_sig_similarity(a, a) == 1.0);

	/* the negation is a token: with and without नहीं differ */
	const char *z = "गांव में बिजली आ रही है";
	const char *w = "गांव में बिजली नहीं आ रही है";
	text_keys(z, strlen(z), &TS, &t, a, NULL, NULL);
	char *tz = xstrdup(t.buf);
	text_keys(w, strlen(w), &TS, &t, b, NULL, NULL);
	CHECK(strstr(t.buf, "नहीं") != NULL);
	CHECK(text_token_similarity(tz, t.buf) < 1.0);
	free(tz);

	/* bands: equal signatures, equal bands; stored blob round-trips */
	uint64_t ba[8], bb[8];
	text_sig_bands(a, ba, 8);
	text_sig_bands(a, bb, 8);
	CHECK(memcmp(ba, bb, sizeof(ba)) == 0);
	text_sig_bands(b, bb, 8);
	int same_bands = 0;
	for (int i = 0; i < 8; i++)
		same_bands += ba[i] == bb[i];
	CHECK(same_bands < 8);
	unsigned char blob[TEXT_SIG_LEN * 4];
	text_sig_pack(a, blob);
	text_sig_unpack(blob, c);
	CHECK(memcmp(a, c, sizeof(a)) == 0);

	/* empty texts are no evidence of anything */
	text_keys("", 0, &TS, &t, a, NULL, NULL);
	text_keys("है का की", strlen("है का की"), &TS, &t, b, NULL, NULL);
	CHECK_STR(t.buf, "");
	CHECK(text_sig_similarity(a, b) == 0);
	text_sig_bands(a, ba, 4);
	CHECK(ba[0] == 0 && ba[3] == 0);

	/* containment: a short complaint inside a long one */
	CHECK(text_token_containment("बिजली नहीं", "गांव बिजली नहीं ट्रांसफार्मर") == 1.0);
	CHECK(text_token_similarity("a b", "c d") == 0);
	CHECK(text_token_similarity("", "") == 0);
	strbuf_release(&t);
}

static void test_invalid(void)
{
	struct strbuf t = STRBUF_INIT;
	uint32_t s[TEXT_SIG_LEN];
	const char *why = NULL;
	size_t at = 99;
	CHECK_INT(text_keys("बिजली\xff", strlen("बिजली") + 1, &TS, &t, s, &why, &at), -1);
	CHECK_INT(at, strlen("बिजली"));
	CHECK_STR(why, "a byte that never occurs in UTF-8");
	CHECK_STR(t.buf, "");
	CHECK(s[0] == TEXT_SIG_EMPTY);
	strbuf_release(&t);
}

int main(void)
{
	test_tokens();
	test_pairs();
	test_signature_properties();
	test_invalid();
	text_scratch_release(&TS);
	TEST_DONE();
}
