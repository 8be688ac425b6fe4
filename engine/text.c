/* text.c - description tokens and their MinHash signature. */
#include "engine/text.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

static const char *const stop_words[] = {
	/* Hindi: grammar words and the courtesies every complaint carries */
	"है",
	"हैं",
	"था",
	"थे",
	"थी",
	"का",
	"की",
	"के",
	"में",
	"मे",
	"से",
	"को",
	"और",
	"कृपया",
	"क्रिपया",
	"महोदय",
	"महोदया",
	"एवं",
	"एवम",
	"तथा",
	"पर",
	"भी",
	"यह",
	"वह",
	"ये",
	"वो",
	"इस",
	"उस",
	"इसके",
	"उसके",
	"जो",
	"कि",
	"ने",
	"तो",
	"हो",
	"ही",
	"गया",
	"गई",
	"गये",
	"गए",
	"रहा",
	"रही",
	"रहे",
	"करें",
	"करे",
	"करने",
	"किया",
	"कर",
	"एक",
	"लिए",
	"लिये",
	"द्वारा",
	"आप",
	"आपसे",
	"मैं",
	"मै",
	"मेरा",
	"मेरी",
	"मेरे",
	"हम",
	"हमारे",
	"हमारा",
	"हमारी",
	"श्रीमान",
	"निवेदन",
	"प्रार्थी",
	"प्रार्थना",
	"सादर",
	"जी",
	"अतः",
	"अत",
	"विषय",
	"हेतु",
	"साथ",
	"बाद",
	"अभी",
	"तक",
	"जा",
	"दिया",
	"दी",
	"दे",
	"होने",
	"होता",
	"होती",
	"वाले",
	"वाली",
	/* English */
	"a",
	"an",
	"the",
	"is",
	"are",
	"was",
	"were",
	"be",
	"been",
	"of",
	"to",
	"in",
	"on",
	"at",
	"for",
	"from",
	"by",
	"with",
	"and",
	"or",
	"my",
	"me",
	"i",
	"we",
	"our",
	"his",
	"her",
	"it",
	"this",
	"that",
	"please",
	"sir",
	"madam",
	"kindly",
	"has",
	"have",
	"had",
	"do",
	"does",
	"did",
	"request",
	"regarding",
	"dear",
	"respected",
	"also",
	"so",
	"as",
	"which",
	"who",
	"there",
	"since",
	"till",
	"hai",
	"ka",
	"ki",
	"ke",
	"me",
	"se",
	"ko",
	"aur",
	"kripya",
	NULL,
};

#define STOP_SLOTS     1024
#define STOP_MAX_BYTES 32 /* longer tokens are never stop words */
static struct {
	const char *w;
	size_t len;
} stop_table[STOP_SLOTS];

/*
 * The token code point of each ASCII and Devanagari code point: TOK_SEP
 * ends a token, TOK_SKIP drops the code point silently. Tables, because
 * text_keys() asks once for every character of every description.
 */
enum { TOK_SEP = 0, TOK_SKIP = 1 };
static uint32_t ascii_tok[128];
static uint32_t deva_tok[128];
static pthread_once_t tables_once = PTHREAD_ONCE_INIT;

static uint64_t fnv(const char *s, size_t n)
{
	uint64_t h = 1469598103934665603ull;
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 1099511628211ull;
	return h;
}

static uint64_t fmix(uint64_t k)
{
	k ^= k >> 33;
	k *= 0xff51afd7ed558ccdull;
	k ^= k >> 33;
	k *= 0xc4ceb9fe1a85ec53ull;
	k ^= k >> 33;
	return k;
}

static void build_token_tables(void)
{
	for (uint32_t c = 0; c < 128; c++) {
		int keep = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
		int upper = c >= 'A' && c <= 'Z';
		ascii_tok[c] = keep ? c : upper ? c + 32 : TOK_SEP;
		deva_tok[c] = 0x900 + c;
	}
	ascii_tok['\''] = TOK_SKIP;
	for (uint32_t d = 0; d < 10; d++)
		deva_tok[0x66 + d] = '0' + d; /* Devanagari digits */
	static const uint32_t nukta_base[8] = {0x915, 0x916, 0x917, 0x91C,
					       0x921, 0x922, 0x92B, 0x92F};
	for (int k = 0; k < 8; k++)
		deva_tok[0x58 + k] = nukta_base[k]; /* क़ = क */
	deva_tok[0x64] = deva_tok[0x65] = TOK_SEP;  /* danda, double danda */
	deva_tok[0x70] = deva_tok[0x71] = TOK_SEP;
	/* nukta, visarga, accents, avagraha */
	deva_tok[0x3C] = deva_tok[0x03] = deva_tok[0x3D] = TOK_SKIP;
	for (uint32_t c = 0x51; c <= 0x54; c++)
		deva_tok[c] = TOK_SKIP;
	deva_tok[0x01] = 0x902; /* chandrabindu = anusvara */
	deva_tok[0x29] = 0x928; /* ऩ ऱ ऴ = न र ळ */
	deva_tok[0x31] = 0x930;
	deva_tok[0x34] = 0x933;
}

static void build_stop_table(void)
{
	for (const char *const *w = stop_words; *w; w++) {
		size_t n = strlen(*w), i = fnv(*w, n) & (STOP_SLOTS - 1);
		if (n > STOP_MAX_BYTES)
			abort(); /* a stop word longer than STOP_MAX_BYTES */
		while (stop_table[i].w)
			i = (i + 1) & (STOP_SLOTS - 1);
		stop_table[i].w = *w;
		stop_table[i].len = n;
	}
}

static void build_tables(void)
{
	build_token_tables();
	build_stop_table();
}

/* Is s[0..n), whose fnv() is h, a stop word? */
static int is_stop(const char *s, size_t n, uint64_t h)
{
	if (n > STOP_MAX_BYTES)
		return 0;
	size_t i = h & (STOP_SLOTS - 1);
	for (; stop_table[i].w; i = (i + 1) & (STOP_SLOTS - 1))
		if (stop_table[i].len == n && memcmp(stop_table[i].w, s, n) == 0)
			return 1;
	return 0;
}

/* The token code point for c, TOK_SEP for a separator, TOK_SKIP to drop
 * c silently. */
static inline uint32_t token_cp(uint32_t c)
{
	if (c < 0x80)
		return ascii_tok[c];
	if (norm_is_deva(c))
		return deva_tok[c - 0x900];
	if (norm_is_invisible(c) || c == 0x2019)
		return TOK_SKIP;
	if (norm_is_space(c))
		return TOK_SEP;
	utf8proc_category_t cat = utf8proc_category((utf8proc_int32_t)c);
	if (cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_NO)
		return (uint32_t)utf8proc_tolower((utf8proc_int32_t)c);
	return TOK_SEP;
}

static int is_nasal(uint32_t c)
{
	return c == 0x919 || c == 0x91E || c == 0x923 || c == 0x928 || c == 0x92E;
}

static int is_stop_cons(uint32_t c)
{
	return (c >= 0x936 && c <= 0x938) || (c >= 0x915 && c <= 0x92D && !is_nasal(c));
}

/* Long and short i and u meet in the trigrams (महीने / महिने): ई ी ऊ ू
 * each follow their short vowel in the code chart. */
static inline uint64_t fold_length(uint32_t c)
{
	return c == 0x940 || c == 0x942 || c == 0x908 || c == 0x90A ? c - 1 : c;
}

/*
 * One-permutation MinHash kept as it is built: the feature's top five
 * bits pick the bucket, its low 32 bits compete for the minimum (no array
 * of features, no second pass).
 */
static inline void sig_add(uint32_t *sig, uint64_t feature)
{
	unsigned b = (unsigned)(feature >> 59) % TEXT_SIG_LEN;
	uint32_t v = (uint32_t)feature;
	if (v == TEXT_SIG_EMPTY)
		v--;
	if (v < sig[b])
		sig[b] = v;
}

/* The word itself (h is fnv() of its UTF-8) and its character trigrams. */
static void token_features(uint32_t *sig, uint64_t h, const uint32_t *cp, size_t n)
{
	sig_add(sig, fmix(h));
	if (n < 3)
		return;
	uint64_t a = fold_length(cp[0]), b = fold_length(cp[1]);
	for (size_t i = 2; i < n; i++) {
		uint64_t c = fold_length(cp[i]);
		sig_add(sig, fmix(0x9E3779B97F4A7C15ull ^ (a * 0x100000001B3ull) ^ (b << 21) ^
				  (c << 42)));
		a = b;
		b = c;
	}
}

static void sig_clear(uint32_t *sig)
{
	for (int i = 0; i < TEXT_SIG_LEN; i++)
		sig[i] = TEXT_SIG_EMPTY;
}

/* Densify: an empty bucket borrows from the next full one. Call only when
 * at least one feature went in. */
static void sig_densify(uint32_t *sig)
{
	uint32_t orig[TEXT_SIG_LEN];
	memcpy(orig, sig, sizeof(orig));
	for (int i = 0; i < TEXT_SIG_LEN; i++) {
		if (orig[i] != TEXT_SIG_EMPTY)
			continue;
		for (int d = 1; d < TEXT_SIG_LEN; d++) {
			uint32_t v = orig[(i + d) % TEXT_SIG_LEN];
			if (v != TEXT_SIG_EMPTY) {
				sig[i] = v + (uint32_t)d * 0x9E3779B9u;
				if (sig[i] == TEXT_SIG_EMPTY)
					sig[i]--;
				break;
			}
		}
	}
}

/* Writes one byte at *u and mixes it into the FNV hash *x. */
static inline void put_byte(unsigned char **u, uint64_t *x, unsigned b)
{
	*(*u)++ = (unsigned char)b;
	*x = (*x ^ (unsigned char)b) * 1099511628211ull;
}

/* Writes cp[0..n) as UTF-8 at d and its fnv() to *h; returns the end. */
static char *encode_hash(const uint32_t *cp, size_t n, char *d, uint64_t *h)
{
	unsigned char *u = (unsigned char *)d;
	uint64_t x = 1469598103934665603ull;
	for (size_t i = 0; i < n; i++) {
		uint32_t c = cp[i];
		if (c < 0x80) {
			put_byte(&u, &x, c);
			continue;
		}
		if (c < 0x800) {
			put_byte(&u, &x, 0xC0 | (c >> 6));
		} else {
			if (c < 0x10000) {
				put_byte(&u, &x, 0xE0 | (c >> 12));
			} else {
				put_byte(&u, &x, 0xF0 | (c >> 18));
				put_byte(&u, &x, 0x80 | ((c >> 12) & 0x3F));
			}
			put_byte(&u, &x, 0x80 | ((c >> 6) & 0x3F));
		}
		put_byte(&u, &x, 0x80 | (c & 0x3F));
	}
	*h = x;
	return (char *)u;
}

/*
 * Appends the token tok[0..n) to the tokens written so far (*end, after a
 * space unless first) and feeds the signature, or takes it back if it is
 * a stop word. Returns 1 when the token was kept.
 */
static int add_token(char *buf, char **end, const uint32_t *tok, size_t n, uint32_t *sig)
{
	char *start = *end;
	if (start > buf)
		*start++ = ' ';
	uint64_t h;
	char *e = encode_hash(tok, n, start, &h);
	if (is_stop(start, (size_t)(e - start), h))
		return 0; /* *end unchanged: the space goes too */
	token_features(sig, h, tok, n);
	*end = e;
	return 1;
}

int text_keys(const char *raw, size_t len, struct text_scratch *s, struct strbuf *tokens,
	      uint32_t sig[TEXT_SIG_LEN], const char **error, size_t *error_at)
{
	const char *why = NULL;
	size_t bad = 0, kept = 0;
	pthread_once(&tables_once, build_tables);
	strbuf_reset(tokens);
	sig_clear(sig);
	if (norm_decode_nfc(raw, len, &s->in, &s->nfc, &bad, &why) < 0) {
		if (error)
			*error = why;
		if (error_at)
			*error_at = bad;
		return -1;
	}
	const uint32_t *v = s->nfc.v;
	size_t n = s->nfc.len, tn = 0;
	cpbuf_reserve(&s->tok, n + 1);
	uint32_t *tok = s->tok.v;
	/* a token code point is at most 4 bytes, and a space before each */
	strbuf_grow(tokens, 5 * n + 1);
	char *end = tokens->buf;
	for (size_t i = 0; i <= n; i++) {
		uint32_t c = i < n ? token_cp(v[i]) : TOK_SEP;
		if (c == TOK_SKIP)
			continue;
		if (c != TOK_SEP) {
			if (c == 0x94D && tn && is_nasal(tok[tn - 1]) && i + 1 < n &&
			    is_stop_cons(v[i + 1]))
				tok[tn - 1] = 0x902; /* पेन्शन = पेंशन */
			else
				tok[tn++] = c;
			continue;
		}
		if (tn)
			kept += add_token(tokens->buf, &end, tok, tn, sig);
		tn = 0;
	}
	strbuf_setlen(tokens, (size_t)(end - tokens->buf));
	if (kept)
		sig_densify(sig);
	return 0;
}

static inline text_bits fold(uint32_t v)
{
	if (v == TEXT_SIG_EMPTY)
		return TEXT_BITS_EMPTY;
	text_bits b = (text_bits)v;
	return b == TEXT_BITS_EMPTY ? b - 1 : b;
}

void text_sig_fold(const uint32_t *sig, text_bits bits[TEXT_SIG_LEN])
{
	for (int i = 0; i < TEXT_SIG_LEN; i++)
		bits[i] = fold(sig[i]);
}

double text_sig_similarity(const text_bits *a, const text_bits *b)
{
	if (a[0] == TEXT_BITS_EMPTY || b[0] == TEXT_BITS_EMPTY)
		return 0;
	int eq = 0;
	for (int i = 0; i < TEXT_SIG_LEN; i++)
		eq += a[i] == b[i];
	return (double)eq / TEXT_SIG_LEN;
}

#define MAX_TOKENS 512

static size_t token_hashes(const char *s, uint64_t *h)
{
	size_t n = 0;
	while (*s && n < MAX_TOKENS) {
		while (*s == ' ')
			s++;
		const char *w = s;
		while (*s && *s != ' ')
			s++;
		if (s > w)
			h[n++] = fnv(w, (size_t)(s - w));
	}
	return n;
}

static int cmp_u64(const void *x, const void *y)
{
	uint64_t a = *(const uint64_t *)x, b = *(const uint64_t *)y;
	return a < b ? -1 : a > b;
}

static size_t uniq(uint64_t *h, size_t n)
{
	qsort(h, n, sizeof(*h), cmp_u64);
	size_t w = 0;
	for (size_t i = 0; i < n; i++)
		if (!w || h[w - 1] != h[i])
			h[w++] = h[i];
	return w;
}

/* Sizes of the two token sets and of their intersection. */
static void token_sets(const char *a, const char *b, size_t *na, size_t *nb, size_t *both)
{
	uint64_t ha[MAX_TOKENS], hb[MAX_TOKENS];
	*na = uniq(ha, token_hashes(a, ha));
	*nb = uniq(hb, token_hashes(b, hb));
	*both = 0;
	for (size_t i = 0, j = 0; i < *na && j < *nb;) {
		if (ha[i] == hb[j])
			(*both)++, i++, j++;
		else if (ha[i] < hb[j])
			i++;
		else
			j++;
	}
}

double text_token_similarity(const char *a, const char *b)
{
	size_t na, nb, both;
	token_sets(a, b, &na, &nb, &both);
	size_t uni = na + nb - both;
	return uni ? (double)both / (double)uni : 0;
}

double text_token_containment(const char *a, const char *b)
{
	size_t na, nb, both;
	token_sets(a, b, &na, &nb, &both);
	size_t m = na < nb ? na : nb;
	return m ? (double)both / (double)m : 0;
}

void text_sig_pack(const uint32_t *sig, unsigned char blob[TEXT_SIG_BYTES])
{
	for (int i = 0; i < TEXT_SIG_LEN; i++) {
		text_bits b = fold(sig[i]);
		blob[2 * i] = (unsigned char)b;
		blob[2 * i + 1] = (unsigned char)(b >> 8);
	}
}

int text_sig_unpack(const unsigned char *blob, size_t bytes, text_bits bits[TEXT_SIG_LEN])
{
	if (bytes == TEXT_SIG_BYTES) {
		for (int i = 0; i < TEXT_SIG_LEN; i++)
			bits[i] = (text_bits)(blob[2 * i] | blob[2 * i + 1] << 8);
		return 0;
	}
	if (bytes != TEXT_SIG_BYTES_V8)
		return -1;
	for (int i = 0; i < TEXT_SIG_LEN; i++)
		bits[i] = fold((uint32_t)blob[4 * i] | (uint32_t)blob[4 * i + 1] << 8 |
			       (uint32_t)blob[4 * i + 2] << 16 | (uint32_t)blob[4 * i + 3] << 24);
	return 0;
}

void text_scratch_release(struct text_scratch *s)
{
	cpbuf_release(&s->in);
	cpbuf_release(&s->nfc);
	cpbuf_release(&s->tok);
}
