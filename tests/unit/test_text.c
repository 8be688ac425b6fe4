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

/* The similarity of two signatures as matching compares them: folded. */
static double sim(const uint32_t *a, const uint32_t *b)
{
	text_bits fa[TEXT_SIG_LEN], fb[TEXT_SIG_LEN];
	text_sig_fold(a, fa);
	text_sig_fold(b, fb);
	return text_sig_similarity(fa, fb);
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
		double s = sim(sa, sb);
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
	CHECK(sim(a, b) >= 0.99); /* same set, reordered */
	text_keys(x, strlen(x), &TS, &t, c, NULL, NULL);
	CHECK(memcmp(a, c, sizeof(a)) == 0); /* deterministic */
	CHECK(sim(a, a) == 1.0);

	/* the negation is a token: with and without नहीं differ */
	const char *z = "गांव में बिजली आ रही है";
	const char *w = "गांव में बिजली नहीं आ रही है";
	text_keys(z, strlen(z), &TS, &t, a, NULL, NULL);
	char *tz = xstrdup(t.buf);
	text_keys(w, strlen(w), &TS, &t, b, NULL, NULL);
	CHECK(strstr(t.buf, "नहीं") != NULL);
	CHECK(text_token_similarity(tz, t.buf) < 1.0);
	free(tz);

	/* the stored blob: the folded buckets, as a blob of v8's 32-bit ones reads */
	text_bits fa[TEXT_SIG_LEN], got[TEXT_SIG_LEN];
	text_sig_fold(a, fa);
	unsigned char blob[TEXT_SIG_BYTES], v8[TEXT_SIG_BYTES_V8];
	text_sig_pack(a, blob);
	CHECK_INT(text_sig_unpack(blob, sizeof(blob), got), 0);
	CHECK(memcmp(fa, got, sizeof(fa)) == 0);
	for (int i = 0; i < TEXT_SIG_LEN; i++)
		for (int k = 0; k < 4; k++)
			v8[4 * i + k] = (unsigned char)(a[i] >> (8 * k));
	memset(got, 0, sizeof(got));
	CHECK_INT(text_sig_unpack(v8, sizeof(v8), got), 0);
	CHECK(memcmp(fa, got, sizeof(fa)) == 0);
	CHECK_INT(text_sig_unpack(blob, sizeof(blob) - 1, got), -1);
	/* a full bucket whose low bits are all ones is not read as an empty one */
	c[0] = 0x1234FFFFu;
	text_sig_fold(c, got);
	CHECK(got[0] != TEXT_BITS_EMPTY && got[0] == 0xFFFE);
	c[0] = TEXT_SIG_EMPTY;
	text_sig_fold(c, got);
	CHECK(got[0] == TEXT_BITS_EMPTY);

	/* empty texts are no evidence of anything */
	text_keys("", 0, &TS, &t, a, NULL, NULL);
	text_keys("है का की", strlen("है का की"), &TS, &t, b, NULL, NULL);
	CHECK_STR(t.buf, "");
	CHECK(sim(a, b) == 0);

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
