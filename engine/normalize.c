/*
 * normalize.c - names to keys. The pipeline is: decode -> NFC -> display
 * (invisibles out, spaces collapsed) -> comparison code points with word
 * boundaries -> Devanagari folding per word -> relation split, titles,
 * abbreviations, initials -> the strings of struct name_keys.
 *
 * utf8proc_map() allocates per call, so the hot path decodes itself, keeps
 * its own tables for ASCII and the Devanagari block, and calls utf8proc
 * (into the scratch buffers) only for code points outside them.
 */
#include "engine/normalize.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "engine/translit.h"

void cpbuf_reserve(struct cpbuf *b, size_t n)
{
	ALLOC_GROW(b->v, n, b->alloc);
}

void cpbuf_release(struct cpbuf *b)
{
	free(b->v);
	b->v = NULL;
	b->len = b->alloc = 0;
}

static inline void cp_push(struct cpbuf *b, uint32_t c)
{
	if (b->len == b->alloc)
		cpbuf_reserve(b, b->len + 1);
	b->v[b->len++] = c;
}

/*
 * One multi-byte character at p[*i]: its code point, or -1 with *why.
 * The general and slow path of norm_decode.
 */
static int decode_one(const unsigned char *p, size_t len, size_t *i, uint32_t *out, size_t *bad_at,
		      const char **why)
{
	unsigned c = p[*i];
	size_t n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 0;
	uint32_t v = c & (n == 4 ? 0x07 : n == 3 ? 0x0F : 0x1F);
	if (n == 0 || c > 0xF4 || c == 0xC0 || c == 0xC1) {
		*bad_at = *i;
		*why = n ? "a byte that never occurs in UTF-8"
			 : "a continuation byte with no lead byte";
		return -1;
	}
	if (*i + n > len) {
		*bad_at = *i;
		*why = "a character cut off at the end of the text";
		return -1;
	}
	for (size_t k = 1; k < n; k++) {
		if ((p[*i + k] & 0xC0) != 0x80) {
			*bad_at = *i + k;
			*why = "a character cut short (expected a "
			       "continuation byte)";
			return -1;
		}
		v = (v << 6) | (p[*i + k] & 0x3F);
	}
	if ((n == 3 && v < 0x800) || (n == 4 && v < 0x10000) || v > 0x10FFFF ||
	    (v >= 0xD800 && v <= 0xDFFF)) {
		*bad_at = *i;
		*why = v >= 0xD800 && v <= 0xDFFF ? "an encoded UTF-16 surrogate"
						  : "an over-long or out-of-range encoding";
		return -1;
	}
	*out = v;
	*i += n;
	return 0;
}

/*
 * A well-formed three-byte character at p[i] (all of Devanagari): its
 * code point in *u and 1, or 0 for anything else (not three bytes, cut
 * off, over-long after E0, a surrogate after ED), which the caller sends
 * the slow way.
 */
static inline int decode3(const unsigned char *p, size_t i, size_t len, uint32_t *u)
{
	unsigned c = p[i];
	if ((c & 0xF0) != 0xE0 || i + 2 >= len)
		return 0;
	unsigned c1 = p[i + 1], c2 = p[i + 2];
	if ((c1 & 0xC0) != 0x80 || (c2 & 0xC0) != 0x80 || (c == 0xE0 && c1 < 0xA0) ||
	    (c == 0xED && c1 >= 0xA0))
		return 0;
	*u = ((c & 0x0F) << 12) | ((c1 & 0x3F) << 6) | (c2 & 0x3F);
	return 1;
}

int norm_decode(const char *s, size_t len, struct cpbuf *cp, size_t *bad_at, const char **why)
{
	const unsigned char *p = (const unsigned char *)s;
	cpbuf_reserve(cp, len + 1);
	uint32_t *v = cp->v;
	size_t n = 0;
	for (size_t i = 0; i < len;) {
		unsigned c = p[i];
		if (c < 0x80) {
			v[n++] = c;
			i++;
		} else if (decode3(p, i, len, &v[n])) {
			n++;
			i += 3;
		} else if (decode_one(p, len, &i, &v[n], bad_at, why) < 0) {
			cp->len = n;
			return -1;
		} else {
			n++;
		}
	}
	cp->len = n;
	return 0;
}

void norm_encode(const uint32_t *cp, size_t n, struct strbuf *sb)
{
	strbuf_grow(sb, n * 4);
	unsigned char *d = (unsigned char *)sb->buf + sb->len;
	for (size_t i = 0; i < n; i++) {
		uint32_t c = cp[i];
		if (c < 0x80) {
			*d++ = (unsigned char)c;
		} else if (c < 0x800) {
			*d++ = (unsigned char)(0xC0 | (c >> 6));
			*d++ = (unsigned char)(0x80 | (c & 0x3F));
		} else if (c < 0x10000) {
			*d++ = (unsigned char)(0xE0 | (c >> 12));
			*d++ = (unsigned char)(0x80 | ((c >> 6) & 0x3F));
			*d++ = (unsigned char)(0x80 | (c & 0x3F));
		} else {
			*d++ = (unsigned char)(0xF0 | (c >> 18));
			*d++ = (unsigned char)(0x80 | ((c >> 12) & 0x3F));
			*d++ = (unsigned char)(0x80 | ((c >> 6) & 0x3F));
			*d++ = (unsigned char)(0x80 | (c & 0x3F));
		}
	}
	strbuf_setlen(sb, (size_t)((char *)d - sb->buf));
}

int norm_is_invisible(uint32_t c)
{
	return c == 0xAD || c == 0x34F || c == 0x61C || c == 0x180E ||
	       (c >= 0x200B && c <= 0x200F) || (c >= 0x202A && c <= 0x202E) ||
	       (c >= 0x2060 && c <= 0x2064) || c == 0xFEFF;
}

int norm_is_space(uint32_t c)
{
	return c <= 0x20 || c == 0x7F || (c >= 0x80 && c <= 0xA0) || c == 0x1680 ||
	       (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F ||
	       c == 0x205F || c == 0x3000;
}

/* Canonical combining classes of the Devanagari block (all others 0). */
static const unsigned char deva_ccc_tab[128] = {
	[0x3C] = 7, [0x4D] = 9, [0x51] = 230, [0x52] = 220, [0x53] = 230, [0x54] = 230,
};

static inline int deva_ccc(uint32_t c)
{
	return norm_is_deva(c) ? deva_ccc_tab[c - 0x900] : 0;
}

/* The Devanagari code points NFC may decompose or move: nukta letters,
 * the nukta and the other marks of a nonzero combining class. */
static const unsigned char deva_nfc_special[128] = {
	[0x29] = 1, [0x31] = 1, [0x34] = 1, [0x3C] = 1, [0x4D] = 1, [0x51] = 1,
	[0x52] = 1, [0x53] = 1, [0x54] = 1, [0x58] = 1, [0x59] = 1, [0x5A] = 1,
	[0x5B] = 1, [0x5C] = 1, [0x5D] = 1, [0x5E] = 1, [0x5F] = 1,
};

/* U+0958..U+095F: composition exclusions, so NFC keeps them decomposed. */
static const uint32_t nukta_base[8] = {0x915, 0x916, 0x917, 0x91C, 0x921, 0x922, 0x92B, 0x92F};

/* A code point NFC neither decomposes nor moves, in text the fast path
 * can take: copied as it is (nearly every one). */
static inline int nfc_plain(uint32_t c)
{
	if (c < 0x80)
		return 1;
	if (norm_is_deva(c))
		return !deva_nfc_special[c - 0x900];
	return norm_is_invisible(c) || norm_is_space(c);
}

/* न र ळ: the three letters NFC composes with a nukta (ऩ ऱ ऴ). */
static int composes_with_nukta(uint32_t c)
{
	return c == 0x928 || c == 0x930 || c == 0x933;
}

/*
 * NFC of a nukta letter or a combining mark c, appended at out->v[*n]:
 * decomposed, put in canonical order among the marks before it, and a
 * nukta composed with the letter before it where NFC does. Composing at
 * once is safe: no Devanagari mark sorts before the nukta, so nothing can
 * later come between the two.
 */
static void nfc_mark(uint32_t c, struct cpbuf *out, size_t *n)
{
	if (c >= 0x958 && c <= 0x95F) {
		out->v[(*n)++] = nukta_base[c - 0x958];
		c = 0x93C;
	} else if (c == 0x929 || c == 0x931 || c == 0x934) {
		out->v[(*n)++] = c - 1;
		c = 0x93C;
	}
	int cc = deva_ccc(c);
	size_t j = *n;
	while (cc && j > 0 && deva_ccc(out->v[j - 1]) > cc)
		j--;
	if (c == 0x93C && j > 0 && composes_with_nukta(out->v[j - 1])) {
		out->v[j - 1]++;
		return;
	}
	memmove(out->v + j + 1, out->v + j, (*n - j) * sizeof(*out->v));
	out->v[j] = c;
	(*n)++;
}

/*
 * NFC of text in ASCII and Devanagari (and invisible or space characters)
 * in one pass, from the block's own tables. Returns -1, out undefined, at
 * the first code point outside them: utf8proc's job.
 */
static int nfc_fast(const struct cpbuf *in, struct cpbuf *out)
{
	cpbuf_reserve(out, in->len * 2 + 1);
	size_t n = 0;
	for (size_t i = 0; i < in->len; i++) {
		uint32_t c = in->v[i];
		if (nfc_plain(c))
			out->v[n++] = c;
		else if (norm_is_deva(c))
			nfc_mark(c, out, &n);
		else
			return -1;
	}
	out->len = n;
	return 0;
}

void norm_nfc(const char *s, size_t len, const struct cpbuf *in, struct cpbuf *out)
{
	if (nfc_fast(in, out) == 0)
		return;
	utf8proc_option_t opt = UTF8PROC_STABLE | UTF8PROC_COMPOSE;
	for (;;) {
		utf8proc_ssize_t n = utf8proc_decompose(
			(const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len,
			(utf8proc_int32_t *)out->v, (utf8proc_ssize_t)out->alloc, opt);
		if (n < 0) { /* cannot happen on text norm_decode accepted */
			cpbuf_reserve(out, in->len);
			memcpy(out->v, in->v, in->len * sizeof(uint32_t));
			out->len = in->len;
			return;
		}
		if ((size_t)n <= out->alloc) {
			out->len = (size_t)utf8proc_normalize_utf32((utf8proc_int32_t *)out->v, n,
								    opt);
			return;
		}
		cpbuf_reserve(out, (size_t)n);
	}
}

/*
 * Decoding and NFC in one pass for text in ASCII and Devanagari (nearly
 * every name and description): no code point array to copy or read
 * twice. Anything else (another script, a bad byte) starts again the
 * general way, which also finds the exact error.
 */
int norm_decode_nfc(const char *s, size_t len, struct cpbuf *tmp, struct cpbuf *out, size_t *bad_at,
		    const char **why)
{
	const unsigned char *p = (const unsigned char *)s;
	cpbuf_reserve(out, 2 * len + 1);
	size_t n = 0;
	for (size_t i = 0; i < len;) {
		uint32_t c = p[i];
		if (c < 0x80) {
			out->v[n++] = c;
			i++;
			continue;
		}
		if (!decode3(p, i, len, &c))
			goto general;
		i += 3;
		if (nfc_plain(c))
			out->v[n++] = c;
		else if (norm_is_deva(c))
			nfc_mark(c, out, &n);
		else
			goto general;
	}
	out->len = n;
	return 0;
general:
	if (norm_decode(s, len, tmp, bad_at, why) < 0)
		return -1;
	norm_nfc(s, len, tmp, out);
	return 0;
}

/* display: invisibles out, every kind of space one ASCII space, trimmed */
static void make_display(const struct cpbuf *nfc, struct cpbuf *disp)
{
	cpbuf_reserve(disp, nfc->len + 1);
	size_t n = 0;
	for (size_t i = 0; i < nfc->len; i++) {
		uint32_t c = nfc->v[i];
		if ((c > 0x20 && c < 0x7F) || norm_is_deva(c)) {
			disp->v[n++] = c; /* the usual case, tested first */
			continue;
		}
		if (c >= 0x80 && norm_is_invisible(c))
			continue;
		if (norm_is_space(c)) {
			if (n && disp->v[n - 1] != ' ')
				disp->v[n++] = ' ';
			continue;
		}
		disp->v[n++] = c;
	}
	while (n && disp->v[n - 1] == ' ')
		n--;
	disp->len = n;
}

/* --- comparison code points and words ---------------------------------- */

enum cls { C_LATIN = 1, C_DEVA, C_DIGIT, C_OTHER };
enum sep { S_NONE = 0, S_SPACE, S_DOT, S_SLASH };

struct word {
	size_t start, len;   /* in scratch->cmp */
	size_t dstart, dend; /* in scratch->disp */
	int cls, sep;        /* sep: strongest separator after the word */
	int dot;             /* a '.' or '।' among the separators after it */
	int initial;
	int split;              /* Latin consonants run together, "RK": initials R. K. */
	char letter;            /* initial spelt as an English letter name (आर -> r) */
	const uint32_t *expand; /* abbreviation spelt out, or NULL */
	size_t expand_len;
	int drop;
	const struct lexeme *lx; /* its entry in the word lists, or NULL */
};
#define MAX_PARSE_WORDS 48

struct wordlist {
	struct word w[MAX_PARSE_WORDS];
	size_t n;
	int cur; /* open word, or -1 */
};

static inline void cmp_push(struct name_scratch *s, uint32_t c, size_t di, int cls,
			    struct wordlist *wl)
{
	if (wl->cur >= 0 && wl->w[wl->cur].cls != cls)
		wl->cur = -1; /* a change of script ends a word */
	if (wl->cur < 0) {
		if (wl->n == MAX_PARSE_WORDS)
			return; /* a name this long is not a name; keep 48 */
		struct word *w = &wl->w[wl->n];
		memset(w, 0, sizeof(*w));
		w->start = s->cmp.len;
		w->dstart = di;
		w->cls = cls;
		wl->cur = (int)wl->n++;
	}
	struct word *w = &wl->w[wl->cur];
	cp_push(&s->cmp, c);
	if (s->cmp.len > s->src_alloc) {
		ALLOC_GROW(s->src, s->cmp.len, s->src_alloc);
	}
	s->src[s->cmp.len - 1] = (uint32_t)di;
	w->len++;
	w->dend = di + 1;
}

static void cmp_sep(struct wordlist *wl, int sep)
{
	wl->cur = -1;
	if (wl->n && wl->w[wl->n - 1].sep < sep)
		wl->w[wl->n - 1].sep = sep;
	if (wl->n && sep == S_DOT)
		wl->w[wl->n - 1].dot = 1;
}

static int latin_class(uint32_t r)
{
	if (r >= '0' && r <= '9')
		return C_DIGIT;
	if (r < 0x370)
		return C_LATIN;
	return norm_is_deva(r) ? C_DEVA : C_OTHER;
}

/* Any other script: NFKC, case fold, accents off (é -> e); never applied
 * to Devanagari, where stripping marks would delete vowel signs. */
static void map_other(struct name_scratch *s, uint32_t c, size_t di, struct wordlist *wl)
{
	if (c == 0x2019 || c == 0x2018 || c == 0x2BC)
		return; /* apostrophes join: D'Souza */
	utf8proc_category_t cat = utf8proc_category((utf8proc_int32_t)c);
	if (cat < UTF8PROC_CATEGORY_LU || cat > UTF8PROC_CATEGORY_NO) {
		cmp_sep(wl, S_SPACE);
		return;
	}
	utf8proc_int32_t buf[18];
	int last = 0;
	utf8proc_ssize_t n = utf8proc_decompose_char(
		(utf8proc_int32_t)c, buf, 18,
		UTF8PROC_COMPAT | UTF8PROC_CASEFOLD | UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK,
		&last);
	for (utf8proc_ssize_t k = 0; k < n && k < 18; k++) {
		uint32_t r = (uint32_t)buf[k];
		if (r == 0x2BC)
			continue; /* ŉ -> ʼn: the apostrophe goes, as it does typed alone */
		if (r >= 'A' && r <= 'Z')
			r += 32;
		int keep =
			r < 0x80 ? (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9')
				 : utf8proc_category((utf8proc_int32_t)r) >= UTF8PROC_CATEGORY_LU &&
					   utf8proc_category((utf8proc_int32_t)r) <=
						   UTF8PROC_CATEGORY_NO;
		if (!keep) { /* ¼ -> 1⁄4: the fraction slash separates */
			cmp_sep(wl, S_SPACE);
			continue;
		}
		cmp_push(s, r, di, latin_class(r), wl);
	}
}

static void map_deva(struct name_scratch *s, uint32_t c, size_t di, struct wordlist *wl)
{
	if (c == 0x966 && wl->cur >= 0 && wl->w[wl->cur].cls == C_DEVA) {
		cmp_sep(wl, S_DOT); /* "आर० के०", "मु०": the zero typed for the dot */
		return;
	}
	if (c >= 0x966 && c <= 0x96F) {
		cmp_push(s, '0' + (c - 0x966), di, C_DIGIT, wl);
		return;
	}
	switch (c) {
	case 0x964: /* danda typed for the dot after an initial */
	case 0x965:
	case 0x970:
	case 0x971: cmp_sep(wl, S_DOT); return;
	case 0x900: /* nukta, visarga, avagraha, accents: out */
	case 0x903:
	case 0x93C:
	case 0x93D:
	case 0x951:
	case 0x952:
	case 0x953:
	case 0x954: return;
	case 0x901: /* chandrabindu = anusvara */ c = 0x902; break;
	case 0x929:
	case 0x931:
	case 0x934: c--; break;
	case 0x90B: /* ऋ = रि, ॠ = री */
	case 0x960:
		cmp_push(s, 0x930, di, C_DEVA, wl);
		c = c == 0x90B ? 0x93F : 0x940;
		break;
	case 0x943: /* कृ = क्रि */
	case 0x944:
		cmp_push(s, 0x94D, di, C_DEVA, wl);
		cmp_push(s, 0x930, di, C_DEVA, wl);
		c = c == 0x943 ? 0x93F : 0x940;
		break;
	default:
		if (c >= 0x958 && c <= 0x95F)
			c = nukta_base[c - 0x958];
	}
	cmp_push(s, c, di, C_DEVA, wl);
}

static void map_cmp(struct name_scratch *s, struct wordlist *wl)
{
	const struct cpbuf *d = &s->disp;
	cpbuf_reserve(&s->cmp, d->len * 3 + 1);
	s->cmp.len = 0;
	wl->n = 0;
	wl->cur = -1;
	for (size_t i = 0; i < d->len; i++) {
		uint32_t c = d->v[i];
		if (c < 0x80) {
			if (c >= 'A' && c <= 'Z')
				cmp_push(s, c + 32, i, C_LATIN, wl);
			else if (c >= 'a' && c <= 'z')
				cmp_push(s, c, i, C_LATIN, wl);
			else if (c >= '0' && c <= '9')
				cmp_push(s, c, i, C_DIGIT, wl);
			else if (c == '.')
				cmp_sep(wl, S_DOT);
			else if (c == '/' || c == '\\')
				cmp_sep(wl, S_SLASH);
			else if (c != '\'' && c != '`')
				cmp_sep(wl, S_SPACE);
		} else if (norm_is_deva(c)) {
			map_deva(s, c, i, wl);
		} else {
			map_other(s, c, i, wl);
		}
	}
}

static int is_nasal_cons(uint32_t c)
{
	return c == 0x919 || c == 0x91E || c == 0x923 || c == 0x928 || c == 0x92E;
}

static int is_stop(uint32_t c)
{
	return (c >= 0x936 && c <= 0x938) || (c >= 0x915 && c <= 0x92D && !is_nasal_cons(c));
}

/*
 * Folds Devanagari words in place (the buffer only shrinks): a nasal +
 * virama before a stop or sibilant becomes anusvara (सन्जय = संजय, गङ्गा = गंगा), a
 * final virama goes. Latin words are copied down unchanged.
 */
static void fold_words(struct name_scratch *s, struct wordlist *wl)
{
	uint32_t *v = s->cmp.v, *src = s->src;
	size_t w = 0;
	for (size_t k = 0; k < wl->n; k++) {
		struct word *wd = &wl->w[k];
		size_t r = wd->start, end = wd->start + wd->len;
		wd->start = w;
		for (; r < end; r++) {
			uint32_t c = v[r];
			if (wd->cls == C_DEVA) {
				if (is_nasal_cons(c) && r + 2 < end && v[r + 1] == 0x94D &&
				    is_stop(v[r + 2])) {
					src[w] = src[r];
					v[w++] = 0x902;
					r++;
					continue;
				}
			}
			src[w] = src[r];
			v[w++] = c;
		}
		while (wd->cls == C_DEVA && w > wd->start && v[w - 1] == 0x94D)
			w--;
		wd->len = w - wd->start;
	}
	s->cmp.len = w;
}

/* --- word lists: relations, titles, abbreviations ---------------------- */

/* Is cp[0..n) the word lit (UTF-8, well formed)? */
static int weq(const uint32_t *cp, size_t n, const char *lit)
{
	const unsigned char *p = (const unsigned char *)lit;
	size_t i = 0;
	while (*p) {
		uint32_t c = *p;
		if (c < 0x80) {
			p++;
		} else if (c < 0xE0) {
			c = ((c & 0x1F) << 6) | (p[1] & 0x3F);
			p += 2;
		} else {
			c = ((c & 0x0F) << 12) | ((p[1] & 0x3F) << 6) | (p[2] & 0x3F);
			p += 3;
		}
		if (i >= n || cp[i] != c)
			return 0;
		i++;
	}
	return i == n;
}

static const char *const titles[] = {
	"shri",  "shree", "sri",    "shrimati", "srimati", "smt",   "sushri", "sh", "mr",
	"mrs",   "ms",    "miss",   "mister",   "km",      "kum",   "kumari", "dr", "late",
	"lt",    "श्री",   "श्रीमती", "श्रीमति",   "सुश्री",    "कुमारी", "कु",      "डॉ", "डा",
	"डॉक्टर", "स्व",    "स्वर्गीय", "श्रीमान",   "मिस्टर",   "मि",    "सौ",     "adv",
	"advocate", "एड",  "एडवोकेट", "अधिवक्ता", "prof",    "प्रो",    NULL,
};
static const char *const suffixes[] = {"जी", "ji", "jee", NULL};

static const struct {
	const char *word;
	enum name_relation kind;
} rel_words[] = {
	{"पुत्र", REL_SON_OF},        {"बेटा", REL_SON_OF},       {"आत्मज", REL_SON_OF},
	{"वल्द", REL_SON_OF},        {"पुत्री", REL_DAUGHTER_OF}, {"बेटी", REL_DAUGHTER_OF},
	{"आत्मजा", REL_DAUGHTER_OF}, {"पत्नी", REL_WIFE_OF},     {"पत्नि", REL_WIFE_OF},
	{"जौजे", REL_WIFE_OF},       {"बेवा", REL_WIFE_OF},      {"पति", REL_HUSBAND_OF},
	{"पिता", REL_CHILD_OF},
};

/* "son of" ...: a relation only when "of" follows */
static const struct {
	const char *word;
	enum name_relation kind;
} rel_of[] = {
	{"son", REL_SON_OF},
	{"daughter", REL_DAUGHTER_OF},
	{"wife", REL_WIFE_OF},
	{"husband", REL_HUSBAND_OF},
};

static const uint32_t EX_KUMAR[] = {'k', 'u', 'm', 'a', 'r'};
static const uint32_t EX_PRASAD[] = {'p', 'r', 'a', 's', 'a', 'd'};
static const uint32_t EX_MOHAMMAD[] = {'m', 'o', 'h', 'a', 'm', 'm', 'a', 'd'};
static const uint32_t EX_D_KUMAR[] = {0x915, 0x941, 0x92E, 0x93E, 0x930};
static const uint32_t EX_D_PRASAD[] = {0x92A, 0x94D, 0x930, 0x938, 0x93E, 0x926};
static const uint32_t EX_D_MOHAMMAD[] = {0x92E, 0x94B, 0x939, 0x92E, 0x94D, 0x92E, 0x926};
static const uint32_t EX_SHAIKH[] = {'s', 'h', 'a', 'i', 'k', 'h'};
static const uint32_t EX_D_SHAIKH[] = {0x936, 0x947, 0x916};
#define EX(arr) (arr), sizeof(arr) / sizeof((arr)[0])

enum abbr_when {
	ABBR_ALWAYS = 1,
	ABBR_IF_DOT,        /* "मो." but not the word मो */
	ABBR_IF_AFTER_WORD, /* "रमेश कु." but not "कु. सीता" (a title) */
};

/* Abbreviations clerks use in the middle of a name: "RAMESH KR.", "मो.". */
static const struct {
	const char *word;
	enum abbr_when when;
	const uint32_t *to;
	size_t to_len;
} abbrevs[] = {
	{"kr", ABBR_ALWAYS, EX(EX_KUMAR)},         {"pd", ABBR_ALWAYS, EX(EX_PRASAD)},
	{"prd", ABBR_ALWAYS, EX(EX_PRASAD)},       {"md", ABBR_ALWAYS, EX(EX_MOHAMMAD)},
	{"mohd", ABBR_ALWAYS, EX(EX_MOHAMMAD)},    {"mo", ABBR_IF_DOT, EX(EX_MOHAMMAD)},
	{"कु", ABBR_IF_AFTER_WORD, EX(EX_D_KUMAR)}, {"मो", ABBR_IF_DOT, EX(EX_D_MOHAMMAD)},
	{"मु", ABBR_IF_DOT, EX(EX_D_MOHAMMAD)},    {"sk", ABBR_IF_DOT, EX(EX_SHAIKH)},
	{"शे", ABBR_IF_DOT, EX(EX_D_SHAIKH)},
	/* "राम प्र." is Ram Prasad, "प्र. कुमार" an initial (Prakash?) */
	{"प्र", ABBR_IF_AFTER_WORD, EX(EX_D_PRASAD)},
};

/*
 * Every word of the lists above in one open-addressing table keyed on its
 * code points, so each word of a name is looked up once instead of being
 * compared with some eighty literals (that was a fifth of name_keys).
 */
#define LEX_MAX_LEN 12  /* code points; longer words are in no list */
#define LEX_SLOTS   256 /* a power of two, over twice the words */

struct lexeme {
	uint32_t cp[LEX_MAX_LEN];
	size_t len; /* 0: empty slot */
	unsigned title : 1, suffix : 1;
	enum name_relation rel;    /* a relation marker (पुत्र) */
	enum name_relation rel_of; /* a relation when "of" follows (son) */
	enum abbr_when abbr;       /* 0: not an abbreviation */
	const uint32_t *expand;
	size_t expand_len;
};

static struct lexeme lex_table[LEX_SLOTS];
static pthread_once_t lex_once = PTHREAD_ONCE_INIT;

static size_t lex_hash(const uint32_t *cp, size_t n)
{
	uint32_t h = (uint32_t)n * 0x9E3779B1u;
	for (size_t i = 0; i < n; i++)
		h = (h ^ cp[i]) * 0x01000193u;
	return (h ^ (h >> 15)) & (LEX_SLOTS - 1);
}

/* The entry for cp[0..n), or NULL when the word is in no list. */
static const struct lexeme *lex_find(const uint32_t *cp, size_t n)
{
	if (n == 0 || n > LEX_MAX_LEN)
		return NULL;
	for (size_t i = lex_hash(cp, n);; i = (i + 1) & (LEX_SLOTS - 1)) {
		const struct lexeme *e = &lex_table[i];
		if (!e->len)
			return NULL;
		if (e->len == n && !memcmp(e->cp, cp, n * sizeof(*cp)))
			return e;
	}
}

/* The slot of word (UTF-8), added if new. */
static struct lexeme *lex_add(const char *word)
{
	struct cpbuf cp = {0};
	size_t bad;
	const char *why;
	norm_decode(word, strlen(word), &cp, &bad, &why);
	if (cp.len > LEX_MAX_LEN)
		abort(); /* a list word longer than LEX_MAX_LEN: raise it */
	size_t i = lex_hash(cp.v, cp.len);
	while (lex_table[i].len && !(lex_table[i].len == cp.len &&
				     !memcmp(lex_table[i].cp, cp.v, cp.len * sizeof(*cp.v))))
		i = (i + 1) & (LEX_SLOTS - 1);
	struct lexeme *e = &lex_table[i];
	memcpy(e->cp, cp.v, cp.len * sizeof(*cp.v));
	e->len = cp.len;
	cpbuf_release(&cp);
	return e;
}

static void lex_build(void)
{
	for (const char *const *w = titles; *w; w++)
		lex_add(*w)->title = 1;
	for (const char *const *w = suffixes; *w; w++)
		lex_add(*w)->suffix = 1;
	for (size_t i = 0; i < sizeof(rel_words) / sizeof(rel_words[0]); i++)
		lex_add(rel_words[i].word)->rel = rel_words[i].kind;
	for (size_t i = 0; i < sizeof(rel_of) / sizeof(rel_of[0]); i++)
		lex_add(rel_of[i].word)->rel_of = rel_of[i].kind;
	for (size_t i = 0; i < sizeof(abbrevs) / sizeof(abbrevs[0]); i++) {
		struct lexeme *e = lex_add(abbrevs[i].word);
		e->abbr = abbrevs[i].when;
		e->expand = abbrevs[i].to;
		e->expand_len = abbrevs[i].to_len;
	}
}

static void lookup_words(const struct name_scratch *s, struct wordlist *wl)
{
	pthread_once(&lex_once, lex_build);
	for (size_t i = 0; i < wl->n; i++)
		wl->w[i].lx = lex_find(s->cmp.v + wl->w[i].start, wl->w[i].len);
}

static int word_eq(const struct name_scratch *s, const struct word *w, const char *lit)
{
	return weq(s->cmp.v + w->start, w->len, lit);
}

static enum name_relation latin_rel(uint32_t c)
{
	switch (c) {
	case 's': return REL_SON_OF;
	case 'd': return REL_DAUGHTER_OF;
	case 'w': return REL_WIFE_OF;
	case 'h': return REL_HUSBAND_OF;
	case 'c': return REL_CARE_OF;
	}
	return REL_NONE;
}

/* Finds a relation marker after at least one word: returns its index and
 * sets *mlen (words it spans) and *kind; or returns -1. */
static int find_relation(const struct name_scratch *s, const struct wordlist *wl, size_t *mlen,
			 enum name_relation *kind)
{
	for (size_t i = 1; i < wl->n; i++) {
		const struct word *w = &wl->w[i];
		const uint32_t *cp = s->cmp.v + w->start;
		if (w->cls == C_LATIN && w->len == 1 && latin_rel(cp[0]) && w->sep == S_SLASH &&
		    i + 1 < wl->n &&
		    (word_eq(s, &wl->w[i + 1], "o") || word_eq(s, &wl->w[i + 1], "0"))) {
			*mlen = 2;
			*kind = latin_rel(cp[0]);
			return (int)i;
		}
		if (!w->lx)
			continue;
		if (w->lx->rel_of && i + 1 < wl->n && word_eq(s, &wl->w[i + 1], "of")) {
			*mlen = 2;
			*kind = w->lx->rel_of;
			return (int)i;
		}
		if (w->lx->rel) {
			*mlen = 1;
			*kind = w->lx->rel;
			return (int)i;
		}
	}
	return -1;
}

static int expand_abbrev(struct word *w, int after_full_word)
{
	const struct lexeme *e = w->lx;
	if (!e || !e->abbr)
		return 0;
	if ((e->abbr == ABBR_IF_DOT && !w->dot) ||
	    (e->abbr == ABBR_IF_AFTER_WORD && !after_full_word))
		return 0;
	w->expand = e->expand;
	w->expand_len = e->expand_len;
	return 1;
}
/* Syllables (aksharas) in a Devanagari word: consonants not joined by a
 * virama to the one before, plus independent vowels. */
static size_t akshara_count(const uint32_t *cp, size_t n)
{
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		uint32_t c = cp[i];
		int cons = (c >= 0x915 && c <= 0x939) || (c >= 0x958 && c <= 0x95F);
		int vowel = (c >= 0x904 && c <= 0x914) || c == 0x960;
		if (vowel || (cons && !(i > 0 && cp[i - 1] == 0x94D)))
			k++;
	}
	return k;
}

static int is_deva_consonant(uint32_t c)
{
	return (c >= 0x915 && c <= 0x939) || (c >= 0x958 && c <= 0x95F);
}

/* Latin consonants only, two or three: "RK", "DS" (no name is spelt so). */
static int latin_run_of_initials(const uint32_t *cp, size_t n)
{
	if (n < 2 || n > 3)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (cp[i] < 'a' || cp[i] > 'z' || strchr("aeiouy", (int)cp[i]))
			return 0;
	return 1;
}

/* A word written as an initial without a dot: a letter's name (आर, के,
 * एस; not जी, the honorific), a bare consonant (प, र), Latin "RK". */
static int bare_initial(const struct name_scratch *s, const struct word *w)
{
	const uint32_t *cp = s->cmp.v + w->start;
	if (w->cls == C_LATIN)
		return w->len == 1 || latin_run_of_initials(cp, w->len);
	if (w->cls != C_DEVA || w->dot)
		return 0;
	if (w->len == 1 && is_deva_consonant(cp[0]))
		return 1;
	return translit_letter_name(cp, w->len) && !weq(cp, w->len, "जी");
}

/* Would the word be an initial in a name that has a full word? Only a word
 * that would not counts as a full word: a dotted "ee." or "मनोज." loses its
 * dot in cmp, and must then decide as it will when cmp is read again. */
static int initial_like(const struct name_scratch *s, const struct word *w)
{
	const uint32_t *cp = s->cmp.v + w->start;
	if (w->cls == C_LATIN)
		return w->len == 1 || latin_run_of_initials(cp, w->len);
	if (w->cls != C_DEVA || !(w->dot || bare_initial(s, w)))
		return 0;
	return translit_letter_name(cp, w->len) || akshara_count(cp, w->len) <= 1;
}

/* full_word: the name has a word that is no initial, so bare letters in it
 * are initials (alone, "के" or "RK" could be anything). */
static void mark_initial(const struct name_scratch *s, struct word *w, int full_word)
{
	const uint32_t *cp = s->cmp.v + w->start;
	if (!initial_like(s, w))
		return;
	if (w->cls == C_LATIN && w->len == 1) { /* an initial even alone */
		w->initial = 1;
		w->letter = (char)cp[0];
	} else if (w->cls == C_LATIN) {
		w->split = full_word;
	} else if (w->dot || full_word) { /* undotted: a bare letter, an initial beside a word */
		w->initial = 1;
		w->letter = (char)translit_letter_name(cp, w->len);
	}
}

static size_t kept_words(const struct wordlist *wl, size_t from, size_t to)
{
	size_t k = 0;
	for (size_t i = from; i < to; i++)
		k += !wl->w[i].drop;
	return k;
}

/*
 * Titles at the start, जी at the end, abbreviations, initials. What decides
 * a word's fate must survive into cmp, or normalising cmp again decides
 * otherwise and the key drifts: cmp keeps no dot but an initial's, so a
 * dot may only matter where the word then becomes an initial or is spelt
 * out. (A Latin "ji." was once kept for its dot where "ji" goes, so its
 * cmp "... ji" lost the "ji" when normalised again.)
 */
static unsigned classify_words(const struct name_scratch *s, struct wordlist *wl, size_t nname)
{
	unsigned flags = 0;
	for (size_t i = 0; i < nname; i++)
		if (wl->w[i].len == 0)
			wl->w[i].drop = 1;
	for (size_t i = 0; i < nname && kept_words(wl, i, nname) > 1; i++) {
		struct word *w = &wl->w[i];
		if (w->drop)
			continue;
		if (!w->lx || !w->lx->title)
			break;
		w->drop = 1;
		flags |= NAME_HAS_TITLE;
	}
	for (size_t i = nname; i-- > 0 && kept_words(wl, 0, nname) > 1;) {
		struct word *w = &wl->w[i];
		if (w->drop)
			continue;
		/* "जी." may be the initial G; a Latin "ji." is only the suffix */
		if ((w->dot && w->cls == C_DEVA) || !w->lx || !w->lx->suffix)
			break;
		w->drop = 1;
		flags |= NAME_HAS_TITLE;
	}
	/* Spelling out comes first and never depends on which words become
	 * initials: "श कु." spelt "श कुमार" must make श the initial it is in
	 * that cmp. A spelt-out word is a full word. */
	int full_word = 0, prev_full = 0;
	for (size_t i = 0; i < nname; i++) {
		struct word *w = &wl->w[i];
		if (w->drop)
			continue;
		prev_full = expand_abbrev(w, prev_full) || !initial_like(s, w);
		full_word |= prev_full;
	}
	for (size_t i = 0; i < nname; i++) {
		struct word *w = &wl->w[i];
		if (w->drop || w->expand)
			continue;
		mark_initial(s, w, full_word);
		if (w->initial || w->split)
			flags |= NAME_HAS_INITIALS;
	}
	return flags;
}

/* How many of the first nname words cmp can hold: a split "rk" writes two,
 * and cmp read again keeps only MAX_PARSE_WORDS. */
static size_t words_that_fit(const struct wordlist *wl, size_t nname)
{
	size_t out = 0;
	for (size_t i = 0; i < nname; i++) {
		const struct word *w = &wl->w[i];
		size_t k = w->drop ? 0 : w->split ? w->len : 1;
		if (out + k > MAX_PARSE_WORDS)
			return i;
		out += k;
	}
	return nname;
}

static void unclassify_words(struct wordlist *wl, size_t nname)
{
	for (size_t i = 0; i < nname; i++) {
		struct word *w = &wl->w[i];
		w->drop = w->initial = w->split = 0;
		w->letter = 0;
		w->expand = NULL;
		w->expand_len = 0;
	}
}

/* --- legacy-font detection --------------------------------------------- */

/*
 * Kruti Dev and DevLys store Devanagari as Latin letters and punctuation:
 * रमेश कुमार is "jes'k dqekj". Romanised names have vowels, few marks, and
 * none of these letter pairs; gibberish scores points on each.
 */
/* Letter pairs common in Kruti Dev, by first letter: ['q'] = "ekjly" says
 * qe, qk, qj, ql and qy. */
static const char *const kruti_next[128] = {
	['d'] = "qc",   ['q'] = "ekjly", ['k'] = "jZ", ['j'] = "k",  ['g'] = "k", ['y'] = "k",
	['f'] = "djlu", ['v'] = "k",     ['h'] = "j",  ['l'] = "hq", ['Z'] = "k", ['z'] = "l",
};
/* Punctuation that Kruti Dev uses for letters and marks. */
static const unsigned char kruti_mark[128] = {
	[';'] = 1,  ['{'] = 1, ['}'] = 1, ['['] = 1, [']'] = 1,
	['\\'] = 1, ['~'] = 1, ['|'] = 1, ['^'] = 1,
};

/* Is (a, b) a Kruti Dev pair? The characters are compared by their low
 * byte, as this test always has. */
static int kruti_pair(uint32_t a, uint32_t b)
{
	const char *next = kruti_next[a & 0x7F];
	if ((a & 0xFF) >= 0x80 || !next || (b & 0xFF) == 0)
		return 0;
	for (; *next; next++)
		if ((unsigned char)*next == (b & 0xFF))
			return 1;
	return 0;
}

static int is_latin_vowel(uint32_t lc)
{
	return lc == 'a' || lc == 'e' || lc == 'i' || lc == 'o' || lc == 'u';
}

static int legacy_word_score(const uint32_t *cp, size_t n)
{
	int score = 0, letters = 0, vowels = 0, pairs = 0, mark = 0;
	for (size_t i = 0; i < n; i++) {
		uint32_t c = cp[i], lc = c | 0x20;
		int letter = lc >= 'a' && lc <= 'z';
		letters += letter;
		vowels += letter && is_latin_vowel(lc);
		if (c < 0x80 && kruti_mark[c] && n > 1)
			mark = 2;
		if (c == '\'' && i + 1 < n && (cp[i + 1] | 0x20) >= 'a' &&
		    (cp[i + 1] | 0x20) <= 'z' && !mark)
			mark = 1;
		if (i > 0 && c >= 'A' && c <= 'Z' && cp[i - 1] >= 'a' && cp[i - 1] <= 'z')
			score++;
		if (i + 1 < n && pairs < 2)
			pairs += kruti_pair(c, cp[i + 1]);
	}
	if (n >= 2 && cp[n - 1] == 'k' && !strchr("aeiouck", (int)cp[n - 2]))
		score++;
	if (letters >= 4 && vowels == 0)
		score += 2;
	else if (letters >= 3 && vowels * 4 < letters)
		score++;
	return score + mark + pairs;
}

static int legacy_font(const struct cpbuf *d)
{
	int score = 0, latin = 0;
	size_t start = 0;
	for (size_t i = 0; i <= d->len; i++) {
		if (i < d->len && norm_is_deva(d->v[i]))
			return 0;
		if (i < d->len && d->v[i] != ' ') {
			latin += d->v[i] < 0x80;
			continue;
		}
		if (i > start)
			score += legacy_word_score(d->v + start, i - start);
		start = i + 1;
	}
	return latin >= 3 && score >= 3;
}

/* --- the outputs ------------------------------------------------------- */

static void sort_words(const struct strbuf *cmp, struct strbuf *out)
{
	size_t off[MAX_PARSE_WORDS], len[MAX_PARSE_WORDS], n = 0;
	for (size_t i = 0; i < cmp->len && n < MAX_PARSE_WORDS;) {
		size_t j = i;
		while (j < cmp->len && cmp->buf[j] != ' ')
			j++;
		off[n] = i;
		len[n++] = j - i;
		i = j + 1;
	}
	for (size_t i = 1; i < n; i++) { /* insertion sort: few words */
		size_t o = off[i], l = len[i], j = i;
		while (j > 0) {
			size_t m = l < len[j - 1] ? l : len[j - 1];
			int c = memcmp(cmp->buf + off[j - 1], cmp->buf + o, m);
			if (c < 0 || (c == 0 && len[j - 1] <= l))
				break;
			off[j] = off[j - 1];
			len[j] = len[j - 1];
			j--;
		}
		off[j] = o;
		len[j] = l;
	}
	for (size_t i = 0; i < n; i++) {
		if (i)
			strbuf_addch(out, ' ');
		strbuf_add(out, cmp->buf + off[i], len[i]);
	}
}

static void emit_word(struct name_scratch *s, const struct word *w)
{
	const uint32_t *cp = w->expand ? w->expand : s->cmp.v + w->start;
	size_t n = w->expand ? w->expand_len : w->len;
	if (s->cmp_s.len) {
		strbuf_addch(&s->cmp_s, ' ');
		strbuf_addch(&s->bridge, ' ');
		strbuf_addch(&s->phon, ' ');
	}
	norm_encode(cp, n, &s->cmp_s);
	size_t b0 = s->bridge.len;
	if (w->initial) {
		strbuf_addch(&s->cmp_s, '.');
		if (w->letter)
			strbuf_addch(&s->bridge, w->letter);
		else
			translit_initial(cp, n, &s->bridge);
		strbuf_addch(&s->bridge, '.');
	} else {
		translit_bridge_word(cp, n, &s->bridge);
	}
	translit_phonetic_word(s->bridge.buf + b0, s->bridge.len - b0, &s->phon);
}

static int trim_char(uint32_t c)
{
	return c == ' ' || (c < 0x80 && strchr(",-:;/\\.()[]", (int)c)) || c == 0x964 || c == 0x965;
}

/* A final '.' or '।' stays ("KR.", "र।": it makes an initial); other
 * punctuation at the ends goes. */
static void emit_span(const struct cpbuf *d, size_t a, size_t b, struct strbuf *out)
{
	while (a < b && trim_char(d->v[a]))
		a++;
	while (b > a && trim_char(d->v[b - 1]) && d->v[b - 1] != '.' && d->v[b - 1] != 0x964 &&
	       d->v[b - 1] != 0x965)
		b--;
	norm_encode(d->v + a, b - a, out);
}

static void reset_outputs(struct name_scratch *s)
{
	strbuf_reset(&s->display);
	strbuf_reset(&s->cmp_s);
	strbuf_reset(&s->sorted);
	strbuf_reset(&s->bridge);
	strbuf_reset(&s->phon);
	strbuf_reset(&s->relation);
}

static void point_outputs(struct name_scratch *s, struct name_keys *out)
{
	out->display = s->display.buf;
	out->cmp = s->cmp_s.buf;
	out->sorted = s->sorted.buf;
	out->bridge = s->bridge.buf;
	out->phon = s->phon.buf;
	out->relation = s->relation.buf;
}

int name_keys(const char *raw, size_t len, struct name_scratch *s, struct name_keys *out)
{
	struct wordlist wl;
	memset(out, 0, sizeof(*out));
	reset_outputs(s);
	point_outputs(s, out);
	if (norm_decode_nfc(raw, len, &s->in, &s->nfc, &out->error_at, &out->error) < 0) {
		out->flags = NAME_EMPTY;
		return -1;
	}
	make_display(&s->nfc, &s->disp);
	map_cmp(s, &wl);
	fold_words(s, &wl);
	lookup_words(s, &wl);

	size_t mlen = 0, nname = wl.n, dend = s->disp.len;
	int r = find_relation(s, &wl, &mlen, &out->relation_kind);
	if (r >= 0) {
		nname = (size_t)r;
		dend = wl.w[r].dstart;
		emit_span(&s->disp, wl.w[r + mlen - 1].dend, s->disp.len, &s->relation);
	}
	emit_span(&s->disp, 0, dend, &s->display);
	out->flags = classify_words(s, &wl, nname);
	size_t fit = words_that_fit(&wl, nname);
	if (fit < nname) { /* the words cut may have been its only full words */
		unclassify_words(&wl, nname);
		nname = fit;
		out->flags = classify_words(s, &wl, nname);
	}
	int seen_latin = 0, seen_deva = 0;
	for (size_t i = 0; i < nname; i++) {
		const struct word *w = &wl.w[i];
		if (w->drop)
			continue;
		for (size_t k = 0; w->split && k < w->len; k++) { /* "rk": "r." "k." */
			struct word one = *w;
			one.start += k, one.len = 1, one.initial = 1, one.split = 0;
			one.letter = (char)s->cmp.v[one.start];
			emit_word(s, &one);
			out->nwords++;
		}
		if (w->split)
			continue;
		emit_word(s, w);
		out->nwords++;
		seen_latin |= w->cls == C_LATIN;
		seen_deva |= w->cls == C_DEVA;
		if (w->cls == C_DIGIT)
			out->flags |= NAME_HAS_DIGITS;
	}
	sort_words(&s->cmp_s, &s->sorted);
	if (seen_latin && seen_deva)
		out->flags |= NAME_MIXED_SCRIPT;
	if (!out->nwords)
		out->flags |= NAME_EMPTY;
	if (legacy_font(&s->disp))
		out->flags |= NAME_LEGACY_FONT;
	point_outputs(s, out); /* the strbufs may have moved */
	return 0;
}

const char *name_relation_name(enum name_relation r)
{
	switch (r) {
	case REL_SON_OF: return "son of";
	case REL_DAUGHTER_OF: return "daughter of";
	case REL_WIFE_OF: return "wife of";
	case REL_HUSBAND_OF: return "husband of";
	case REL_CARE_OF: return "care of";
	case REL_CHILD_OF: return "father";
	case REL_NONE: break;
	}
	return "";
}

void name_scratch_init(struct name_scratch *s)
{
	struct name_scratch z = NAME_SCRATCH_INIT;
	*s = z;
}

void name_scratch_release(struct name_scratch *s)
{
	cpbuf_release(&s->in);
	cpbuf_release(&s->nfc);
	cpbuf_release(&s->disp);
	cpbuf_release(&s->cmp);
	free(s->src);
	strbuf_release(&s->display);
	strbuf_release(&s->cmp_s);
	strbuf_release(&s->sorted);
	strbuf_release(&s->bridge);
	strbuf_release(&s->phon);
	strbuf_release(&s->relation);
	strbuf_release(&s->tmp);
	name_scratch_init(s);
}
