/* text.c - description tokens and their MinHash signature. */
#include "engine/text.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

static const char *const stop_words[] = {
	/* Hindi: grammar words and the courtesies every complaint carries */
	"है", "हैं", "था", "थे", "थी", "का", "की", "के", "में", "मे", "से", "को",
	"और", "कृपया", "क्रिपया", "महोदय", "महोदया", "एवं", "एवम", "तथा", "पर",
	"भी", "यह", "वह", "ये", "वो", "इस", "उस", "इसके", "उसके", "जो", "कि",
	"ने", "तो", "हो", "ही", "गया", "गई", "गये", "गए", "रहा", "रही", "रहे",
	"करें", "करे", "करने", "किया", "कर", "एक", "लिए", "लिये", "द्वारा",
	"आप", "आपसे", "मैं", "मै", "मेरा", "मेरी", "मेरे", "हम", "हमारे",
	"हमारा", "हमारी", "श्रीमान", "निवेदन", "प्रार्थी", "प्रार्थना", "सादर",
	"जी", "अतः", "अत", "विषय", "हेतु", "साथ", "बाद", "अभी", "तक", "जा",
	"दिया", "दी", "दे", "होने", "होता", "होती", "वाले", "वाली",
	/* English */
	"a", "an", "the", "is", "are", "was", "were", "be", "been", "of", "to",
	"in", "on", "at", "for", "from", "by", "with", "and", "or", "my", "me",
	"i", "we", "our", "his", "her", "it", "this", "that", "please", "sir",
	"madam", "kindly", "has", "have", "had", "do", "does", "did",
	"request", "regarding", "dear", "respected", "also", "so", "as",
	"which", "who", "there", "since", "till", "hai", "ka", "ki", "ke",
	"me", "se", "ko", "aur", "kripya", NULL,
};

#define STOP_SLOTS 1024
static struct {
	const char *w;
	size_t len;
} stop_table[STOP_SLOTS];
static pthread_once_t stop_once = PTHREAD_ONCE_INIT;

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

static void build_stop_table(void)
{
	for (const char *const *w = stop_words; *w; w++) {
		size_t n = strlen(*w), i = fnv(*w, n) & (STOP_SLOTS - 1);
		while (stop_table[i].w)
			i = (i + 1) & (STOP_SLOTS - 1);
		stop_table[i].w = *w;
		stop_table[i].len = n;
	}
}

static int is_stop(const char *s, size_t n)
{
	size_t i = fnv(s, n) & (STOP_SLOTS - 1);
	for (; stop_table[i].w; i = (i + 1) & (STOP_SLOTS - 1))
		if (stop_table[i].len == n && memcmp(stop_table[i].w, s, n) == 0)
			return 1;
	return 0;
}

/* The token code point for c, 0 for a separator, 1 to skip c silently. */
static uint32_t token_cp(uint32_t c)
{
	if (c < 0x80) {
		if (c >= 'A' && c <= 'Z')
			return c + 32;
		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
			return c;
		return c == '\'' ? 1 : 0;
	}
	if (norm_is_deva(c)) {
		if (c >= 0x966 && c <= 0x96F)
			return '0' + (c - 0x966);
		if (c >= 0x958 && c <= 0x95F) {
			static const uint32_t base[8] = {0x915, 0x916, 0x917,
							 0x91C, 0x921, 0x922,
							 0x92B, 0x92F};
			return base[c - 0x958];
		}
		switch (c) {
		case 0x964: case 0x965: case 0x970: case 0x971:
			return 0;
		case 0x93C: case 0x903: case 0x951: case 0x952: case 0x953:
		case 0x954: case 0x93D:
			return 1;
		case 0x901:
			return 0x902;
		case 0x929: case 0x931: case 0x934:
			return c - 1;
		}
		return c;
	}
	if (norm_is_invisible(c) || c == 0x2019)
		return 1;
	if (norm_is_space(c))
		return 0;
	utf8proc_category_t cat = utf8proc_category((utf8proc_int32_t)c);
	if (cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_NO)
		return (uint32_t)utf8proc_tolower((utf8proc_int32_t)c);
	return 0;
}

static void add_feature(struct text_scratch *s, size_t *nf, uint64_t h)
{
	if (*nf == s->feat_alloc)
		ALLOC_GROW(s->feat, *nf + 1, s->feat_alloc);
	s->feat[(*nf)++] = fmix(h);
}

static int is_nasal(uint32_t c)
{
	return c == 0x919 || c == 0x91E || c == 0x923 || c == 0x928 ||
	       c == 0x92E;
}

static int is_stop_cons(uint32_t c)
{
	return (c >= 0x936 && c <= 0x938) ||
	       (c >= 0x915 && c <= 0x92D && !is_nasal(c));
}

/* Long and short i and u meet in the trigrams (महीने / महिने). */
static uint32_t fold_length(uint32_t c)
{
	switch (c) {
	case 0x940:
		return 0x93F;
	case 0x942:
		return 0x941;
	case 0x908:
		return 0x907;
	case 0x90A:
		return 0x909;
	}
	return c;
}

/* The word itself and its character trigrams. */
static void token_features(struct text_scratch *s, size_t *nf,
			   const char *utf8, size_t blen, const uint32_t *cp,
			   size_t n)
{
	add_feature(s, nf, fnv(utf8, blen));
	if (n < 3)
		return;
	for (size_t i = 0; i + 3 <= n; i++)
		add_feature(s, nf,
			    0x9E3779B97F4A7C15ull ^
				    ((uint64_t)fold_length(cp[i]) *
				     0x100000001B3ull) ^
				    ((uint64_t)fold_length(cp[i + 1]) << 21) ^
				    ((uint64_t)fold_length(cp[i + 2]) << 42));
}

static void make_sig(const uint64_t *feat, size_t nf, uint32_t *sig)
{
	for (int i = 0; i < TEXT_SIG_LEN; i++)
		sig[i] = TEXT_SIG_EMPTY;
	for (size_t k = 0; k < nf; k++) {
		unsigned b = (unsigned)(feat[k] >> 59) % TEXT_SIG_LEN;
		uint32_t v = (uint32_t)feat[k];
		if (v == TEXT_SIG_EMPTY)
			v--;
		if (v < sig[b])
			sig[b] = v;
	}
	if (!nf)
		return;
	/* densify: an empty bucket borrows from the next full one */
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

int text_keys(const char *raw, size_t len, struct text_scratch *s,
	      struct strbuf *tokens, uint32_t sig[TEXT_SIG_LEN],
	      const char **error, size_t *error_at)
{
	const char *why = NULL;
	size_t bad = 0, nf = 0;
	pthread_once(&stop_once, build_stop_table);
	strbuf_reset(tokens);
	if (norm_decode(raw, len, &s->in, &bad, &why) < 0) {
		if (error)
			*error = why;
		if (error_at)
			*error_at = bad;
		make_sig(NULL, 0, sig);
		return -1;
	}
	norm_nfc(raw, len, &s->in, &s->nfc);
	cpbuf_reserve(&s->tok, s->nfc.len + 1);
	size_t tn = 0;
	for (size_t i = 0; i <= s->nfc.len; i++) {
		uint32_t c = i < s->nfc.len ? token_cp(s->nfc.v[i]) : 0;
		if (c == 1)
			continue;
		if (c == 0x94D && tn && is_nasal(s->tok.v[tn - 1]) &&
		    i + 1 < s->nfc.len && is_stop_cons(s->nfc.v[i + 1])) {
			s->tok.v[tn - 1] = 0x902; /* पेन्शन = पेंशन */
			continue;
		}
		if (c) {
			s->tok.v[tn++] = c;
			continue;
		}
		if (!tn)
			continue;
		size_t start = tokens->len + (tokens->len ? 1 : 0);
		if (tokens->len)
			strbuf_addch(tokens, ' ');
		norm_encode(s->tok.v, tn, tokens);
		size_t blen = tokens->len - start;
		if (is_stop(tokens->buf + start, blen))
			strbuf_setlen(tokens, start ? start - 1 : 0);
		else
			token_features(s, &nf, tokens->buf + start, blen,
				       s->tok.v, tn);
		tn = 0;
	}
	make_sig(s->feat, nf, sig);
	return 0;
}

double text_sig_similarity(const uint32_t *a, const uint32_t *b)
{
	if (a[0] == TEXT_SIG_EMPTY || b[0] == TEXT_SIG_EMPTY)
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
static void token_sets(const char *a, const char *b, size_t *na, size_t *nb,
		       size_t *both)
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

void text_sig_bands(const uint32_t *sig, uint64_t *bands, int nbands)
{
	int rows = TEXT_SIG_LEN / nbands;
	for (int b = 0; b < nbands; b++) {
		if (sig[0] == TEXT_SIG_EMPTY) {
			bands[b] = 0;
			continue;
		}
		uint64_t h = (uint64_t)(b + 1) * 0x9E3779B97F4A7C15ull;
		for (int r = 0; r < rows; r++)
			h = fmix(h ^ sig[b * rows + r]);
		bands[b] = h ? h : 1;
	}
}

void text_sig_pack(const uint32_t *sig, unsigned char *blob)
{
	for (int i = 0; i < TEXT_SIG_LEN; i++) {
		blob[4 * i] = (unsigned char)sig[i];
		blob[4 * i + 1] = (unsigned char)(sig[i] >> 8);
		blob[4 * i + 2] = (unsigned char)(sig[i] >> 16);
		blob[4 * i + 3] = (unsigned char)(sig[i] >> 24);
	}
}

void text_sig_unpack(const unsigned char *blob, uint32_t *sig)
{
	for (int i = 0; i < TEXT_SIG_LEN; i++)
		sig[i] = (uint32_t)blob[4 * i] | (uint32_t)blob[4 * i + 1] << 8 |
			 (uint32_t)blob[4 * i + 2] << 16 |
			 (uint32_t)blob[4 * i + 3] << 24;
}

void text_scratch_release(struct text_scratch *s)
{
	cpbuf_release(&s->in);
	cpbuf_release(&s->nfc);
	cpbuf_release(&s->tok);
	free(s->feat);
	s->feat = NULL;
	s->feat_alloc = 0;
}
