/*
 * nkgen - writes N synthetic complaints of Madhya Pradesh districts with
 * known duplicate groups (R1, R2, R3) and planted hard negatives, and a
 * truth file that says which is which, so that matching quality and the
 * engine's speed can be measured. See samples/README.md for the options
 * and the truth file format.
 *
 * Streaming: complaints are written in registration order. A complaint
 * that will be re-filed later (a duplicate, or a hard negative made to
 * resemble it) leaves a small "filing" in a priority queue keyed by the
 * output slot where it is due; every slot takes the due filing or a fresh
 * complaint. Memory is the queue, which holds the re-filings of about one
 * window (90 days) of complaints, whatever N is.
 *
 * Deterministic: one xoshiro256** stream seeded by splitmix64 from --seed;
 * nothing depends on the clock, the locale or the platform's rand().
 */
#include "engine/util.h"

#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "samples/nkgen_data.h"

/* ------------------------------------------------------------------ PRNG */

struct rng {
	uint64_t s[4];
};

static uint64_t splitmix64(uint64_t *x)
{
	uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static void rng_seed(struct rng *r, uint64_t seed)
{
	for (int i = 0; i < 4; i++)
		r->s[i] = splitmix64(&seed);
}

static inline uint64_t rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

static uint64_t rng_next(struct rng *r)
{
	uint64_t *s = r->s;
	uint64_t result = rotl(s[1] * 5, 7) * 9;
	uint64_t t = s[1] << 17;
	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = rotl(s[3], 45);
	return result;
}

/* Uniform in [0, n); the bias of the multiply-shift is below 2^-32. */
static uint32_t rng_below(struct rng *r, uint32_t n)
{
	return (uint32_t)(((rng_next(r) >> 32) * (uint64_t)n) >> 32);
}

static double rng_unit(struct rng *r)
{
	return (double)(rng_next(r) >> 11) * (1.0 / 9007199254740992.0);
}

static int rng_chance(struct rng *r, double p)
{
	return rng_unit(r) < p;
}

/*
 * Index in [0, n) drawn with the first ones far likelier (u squared: the
 * first 1% of a table get 10% of the draws), as names are: a few very
 * common, a long tail of rare ones. The tables list common names first.
 */
static uint32_t rng_skewed(struct rng *r, uint32_t n)
{
	double u = rng_unit(r);
	uint32_t i = (uint32_t)(u * u * n);
	return i < n ? i : n - 1;
}

/* Index drawn with the given integer weights. */
static int rng_weighted(struct rng *r, const int *w, int n)
{
	int total = 0;
	for (int i = 0; i < n; i++)
		total += w[i];
	int x = (int)rng_below(r, (uint32_t)total);
	for (int i = 0; i < n; i++) {
		if (x < w[i])
			return i;
		x -= w[i];
	}
	return n - 1;
}

#define PICK(r, arr) ((arr)[rng_below((r), (uint32_t)COUNT(arr))])

/* ------------------------------------------------------------------ dates */

/* Days since 1970-01-01 of a civil date (H. Hinnant's algorithm). */
static int32_t days_from_civil(int y, int m, int d)
{
	y -= m <= 2;
	int era = (y >= 0 ? y : y - 399) / 400;
	int yoe = y - era * 400;
	int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static void civil_from_days(int32_t z, int *y, int *m, int *d)
{
	z += 719468;
	int era = (z >= 0 ? z : z - 146096) / 146097;
	int doe = z - era * 146097;
	int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp + (mp < 10 ? 3 : -9);
	*y = yoe + era * 400 + (*m <= 2);
}

static int parse_iso_date(const char *s, int32_t *out)
{
	int y, m, d;
	char tail;
	if (sscanf(s, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3)
		return -1;
	if (m < 1 || m > 12 || d < 1 || d > 31)
		return -1;
	int32_t z = days_from_civil(y, m, d);
	int y2, m2, d2;
	civil_from_days(z, &y2, &m2, &d2);
	if (y2 != y || m2 != m || d2 != d)
		return -1;
	*out = z;
	return 0;
}

static void add_digits(struct strbuf *sb, unsigned v, int width)
{
	char tmp[12];
	int n = 12;
	do {
		tmp[--n] = (char)('0' + v % 10);
		v /= 10;
	} while (v && n > 1);
	while (12 - n < width && n > 0)
		tmp[--n] = '0';
	strbuf_add(sb, tmp + n, (size_t)(12 - n));
}

/* dd/mm/yyyy, and " HH:MM" when minute_of_day >= 0. */
static void add_date(struct strbuf *sb, int32_t day, int minute_of_day)
{
	int y, m, d;
	civil_from_days(day, &y, &m, &d);
	add_digits(sb, (unsigned)d, 2);
	strbuf_addch(sb, '/');
	add_digits(sb, (unsigned)m, 2);
	strbuf_addch(sb, '/');
	add_digits(sb, (unsigned)y, 4);
	if (minute_of_day >= 0) {
		strbuf_addch(sb, ' ');
		add_digits(sb, (unsigned)(minute_of_day / 60), 2);
		strbuf_addch(sb, ':');
		add_digits(sb, (unsigned)(minute_of_day % 60), 2);
	}
}

/* A complainant as the world knows them; rendering makes the export's text. */
struct person {
	uint64_t id;
	uint64_t mobile; /* 10 digits; 9999999999 is the placeholder */
	uint16_t first;  /* index into the first-name table of the gender */
	uint16_t sur;    /* index into the surname table */
	uint16_t father; /* index into the male names */
	int8_t middle;   /* -1 or an index into the middle-name table */
	uint8_t female, roman, title, mobile_style;
	uint32_t village; /* global village index */
};

/* ------------------------------------------------------------------ names */

/*
 * The name tables: the listed names plus compounds, each with a romanised
 * spelling made by transliterate(). Built once at start, never freed.
 */
static const char **male_all, **female_all, **male_rom, **female_rom;
static const char **sur_rom, **mmid_rom, **fmid_rom;
static uint32_t nmale, nfemale;
static const uint32_t nsurname_plain = COUNT(surnames);
static uint8_t *male_muslim, *female_muslim;
static struct arena names_arena = ARENA_INIT;

static const char *const muslim_first[] = {
	"इरफान", "सलीम",  "रफीक",  "अनवर",  "जावेद",  "शाहिद",  "राशिद",  "इमरान", "अकरम",   "असलम",
	"नसीम",  "वसीम",  "फिरोज", "अय्यूब",  "याकूब",  "यूसुफ",    "मुख्तार",  "इकबाल", "मोहम्मद", "अब्दुल",
	"रहीम",  "करीम",  "हामिद", "अनीसा", "शबनम",  "रुखसाना", "फातिमा", "जुबैदा",  "सलमा",   "नसरीन",
	"शाहीन", "परवीन", "रजिया", "हसीना", "तबस्सुम", "यास्मीन", "सायरा",  "ज़ैनब",   "मरियम",
};

static const char *surname_at(uint32_t i)
{
	return i < nsurname_plain ? surnames[i] : muslim_surnames[i - nsurname_plain];
}

static int is_muslim_name(int female, uint32_t i)
{
	return female ? female_muslim[i] : male_muslim[i];
}

/* Decodes well-formed UTF-8 (the tables are) into code points; returns count. */
static int utf8_decode(const char *s, size_t len, uint32_t *cp, int max)
{
	int n = 0;
	const unsigned char *u = (const unsigned char *)s;
	for (size_t i = 0; i < len && n < max;) {
		uint32_t c = u[i];
		int k = c < 0x80 ? 1 : c < 0xe0 ? 2 : c < 0xf0 ? 3 : 4;
		if (k == 2)
			c &= 0x1f;
		else if (k == 3)
			c &= 0x0f;
		else if (k == 4)
			c &= 0x07;
		for (int j = 1; j < k && i + (size_t)j < len; j++)
			c = (c << 6) | (u[i + (size_t)j] & 0x3f);
		cp[n++] = c;
		i += (size_t)k;
	}
	return n;
}

static void utf8_add(struct strbuf *sb, uint32_t c)
{
	if (c < 0x80) {
		strbuf_addch(sb, (int)c);
	} else if (c < 0x800) {
		strbuf_addch(sb, (int)(0xc0 | (c >> 6)));
		strbuf_addch(sb, (int)(0x80 | (c & 0x3f)));
	} else {
		strbuf_addch(sb, (int)(0xe0 | (c >> 12)));
		strbuf_addch(sb, (int)(0x80 | ((c >> 6) & 0x3f)));
		strbuf_addch(sb, (int)(0x80 | (c & 0x3f)));
	}
}

/* ---- transliteration: Devanagari to the spelling clerks type in English */

static const char *const consonant_latin[] = {
	"k",  "kh", "g", "gh", "n", "ch", "chh", "j",  "jh", "n",  "t", "th", "d",
	"dh", "n",  "t", "th", "d", "dh", "n",   "n",  "p",  "ph", "b", "bh", "m",
	"y",  "r",  "r", "l",  "l", "l",  "v",   "sh", "sh", "s",  "h",
};
static const char *const nukta_latin[] = {"q", "kh", "g", "z", "r", "rh", "f", "y"};

struct unit {
	const char *c;  /* consonant in Latin, NULL for a vowel or a nasal */
	const char *v;  /* vowel sign or independent vowel in Latin */
	uint8_t schwa;  /* consonant carries the inherent a */
	uint8_t virama; /* consonant is half (part of a conjunct) */
	uint8_t nasal;  /* anusvara / chandrabindu */
};

static const char *matra_latin(uint32_t c, int first)
{
	switch (c) {
	case 0x93e: return "a";
	case 0x93f: return "i";
	case 0x940: return first ? "ee" : "i";
	case 0x941:
	case 0x942: return "u";
	case 0x943: return "ri";
	case 0x945:
	case 0x947: return "e";
	case 0x948: return "ai";
	case 0x949:
	case 0x94b: return "o";
	case 0x94c: return "au";
	}
	return "";
}

static const char *vowel_latin(uint32_t c)
{
	static const char *const v[] = {"a", "a", "i", "i",  "u", "u", "ri", "",
					"",  "",  "e", "ai", "",  "",  "o",  "au"};
	return c >= 0x905 && c <= 0x914 ? v[c - 0x905] : "";
}

static int has_vowel(const struct unit *u)
{
	return !u->nasal && !u->virama && (u->c == NULL || u->schwa || u->v);
}

/* Schwa deletion, right to left: final a goes (except after a conjunct and
   in -iya), a medial a between two full syllables goes (kamalesh->kamlesh). */
static void delete_schwas(struct unit *u, int n)
{
	for (int k = n - 1; k >= 0; k--) {
		if (!u[k].c || !u[k].schwa)
			continue;
		if (k == n - 1) {
			if (k == 0 || u[k - 1].virama)
				continue;
			if (!strcmp(u[k].c, "y") && u[k - 1].v && u[k - 1].v[0] == 'i')
				continue;
			u[k].schwa = 0;
			continue;
		}
		if (k == 0 || u[k + 1].nasal || !u[k + 1].c || u[k + 1].virama)
			continue;
		if (has_vowel(&u[k - 1]) && has_vowel(&u[k + 1]))
			u[k].schwa = 0;
	}
}

static void translit_word(struct strbuf *out, const uint32_t *cp, int n)
{
	struct unit u[64];
	int nu = 0;
	for (int i = 0; i < n && nu < 64; i++) {
		uint32_t c = cp[i];
		struct unit *last = nu ? &u[nu - 1] : NULL;
		if (c >= 0x915 && c <= 0x939) {
			const char *lat = consonant_latin[c - 0x915];
			if (c == 0x91e && last && last->virama && !strcmp(last->c, "j")) {
				last->c = "g"; /* ज्ञ is said gy */
				lat = "y";
			}
			if (c == 0x935 && last && last->virama)
				lat = "w"; /* श्व, द्व: shw, dw */
			u[nu++] = (struct unit){lat, NULL, 1, 0, 0};
		} else if (c >= 0x958 && c <= 0x95f) {
			u[nu++] = (struct unit){nukta_latin[c - 0x958], NULL, 1, 0, 0};
		} else if (c == 0x93c && last && last->c) {
			if (!strcmp(last->c, "d"))
				last->c = "r";
			else if (!strcmp(last->c, "dh"))
				last->c = "rh";
			else if (!strcmp(last->c, "j"))
				last->c = "z";
			else if (!strcmp(last->c, "ph"))
				last->c = "f";
		} else if (c >= 0x93e && c <= 0x94c && last && last->c) {
			last->schwa = 0;
			last->v = matra_latin(c, nu == 1);
		} else if (c == 0x94d && last) {
			last->schwa = 0;
			last->virama = 1;
		} else if (c == 0x901 || c == 0x902) {
			u[nu++] = (struct unit){NULL, NULL, 0, 0, 1};
		} else if (c == 0x903) {
			u[nu++] = (struct unit){NULL, "h", 0, 0, 0};
		} else if (c >= 0x905 && c <= 0x914) {
			u[nu++] = (struct unit){NULL, vowel_latin(c), 0, 0, 0};
		}
	}
	delete_schwas(u, nu);
	size_t start = out->len;
	for (int k = 0; k < nu; k++) {
		if (u[k].nasal) {
			const char *next = k + 1 < nu && u[k + 1].c ? u[k + 1].c : "";
			if (!strcmp(next, "h") && k + 2 == nu)
				strbuf_addstr(out, "ng"); /* सिंह is Singh */
			else
				strbuf_addch(out, strchr("pbm", next[0]) && next[0] ? 'm' : 'n');
			continue;
		}
		if (u[k].c)
			strbuf_addstr(out, u[k].c);
		if (u[k].schwa)
			strbuf_addch(out, 'a');
		else if (u[k].v)
			strbuf_addstr(out, u[k].v);
	}
	if (out->len > start && out->buf[start] >= 'a' && out->buf[start] <= 'z')
		out->buf[start] = (char)(out->buf[start] - 'a' + 'A');
}

/* Romanised spelling of a Devanagari name (words kept, each capitalised). */
static void transliterate(struct strbuf *out, const char *deva)
{
	uint32_t cp[128];
	int n = utf8_decode(deva, strlen(deva), cp, 128);
	int w = 0;
	for (int i = 0; i <= n; i++) {
		if (i < n && cp[i] != ' ')
			continue;
		if (i > w)
			translit_word(out, cp + w, i - w);
		if (i < n)
			strbuf_addch(out, ' ');
		w = i + 1;
	}
}

static const char *roman_of(const char *deva)
{
	struct strbuf sb = STRBUF_INIT;
	transliterate(&sb, deva);
	const char *r = arena_strdup(&names_arena, sb.buf);
	strbuf_release(&sb);
	return r;
}

static int in_list(const char *s, const char *const *list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(s, list[i]))
			return 1;
	return 0;
}

/* Listed names followed by every prefix+suffix compound. */
static const char **build_names(const char *const *plain, size_t np, const char *const *pre,
				size_t npre, const char *const *suf, size_t nsuf, uint32_t *count)
{
	const char **all = xmalloc((np + npre * nsuf) * sizeof(*all));
	uint32_t n = 0;
	for (size_t i = 0; i < np; i++)
		all[n++] = plain[i];
	struct strbuf sb = STRBUF_INIT;
	for (size_t i = 0; i < npre; i++)
		for (size_t j = 0; j < nsuf; j++) {
			strbuf_reset(&sb);
			strbuf_addstr(&sb, pre[i]);
			strbuf_addstr(&sb, suf[j]);
			if (!in_list(sb.buf, all, n))
				all[n++] = arena_strdup(&names_arena, sb.buf);
		}
	strbuf_release(&sb);
	*count = n;
	return all;
}

static const char **romanise_all(const char *const *deva, size_t n)
{
	const char **r = xmalloc(n * sizeof(*r));
	for (size_t i = 0; i < n; i++)
		r[i] = roman_of(deva[i]);
	return r;
}

static void names_init(void)
{
	male_all = build_names(male_names, COUNT(male_names), male_prefix, COUNT(male_prefix),
			       male_suffix, COUNT(male_suffix), &nmale);
	female_all =
		build_names(female_names, COUNT(female_names), female_prefix, COUNT(female_prefix),
			    female_suffix, COUNT(female_suffix), &nfemale);
	male_rom = romanise_all(male_all, nmale);
	female_rom = romanise_all(female_all, nfemale);
	size_t ns = nsurname_plain + COUNT(muslim_surnames);
	sur_rom = xmalloc(ns * sizeof(*sur_rom));
	for (size_t i = 0; i < ns; i++)
		sur_rom[i] = roman_of(surname_at((uint32_t)i));
	mmid_rom = romanise_all(male_middle, COUNT(male_middle));
	fmid_rom = romanise_all(female_middle, COUNT(female_middle));
	male_muslim = xcalloc(nmale, 1);
	female_muslim = xcalloc(nfemale, 1);
	for (uint32_t i = 0; i < nmale; i++)
		male_muslim[i] = (uint8_t)in_list(male_all[i], muslim_first, COUNT(muslim_first));
	for (uint32_t i = 0; i < nfemale; i++)
		female_muslim[i] =
			(uint8_t)in_list(female_all[i], muslim_first, COUNT(muslim_first));
}

/* ---- typing mistakes */

enum edit {
	E_AA,
	E_I,
	E_VIRAMA,
	E_SHA,
	E_SPACE,
	E_U,
	E_ANUSVARA,
	E_NNA,
	E_YA,
	E_BA,
	E_A,
	E_TA,
	E_KA,
	E_NUKTA,
	E_DA,
	E_CHA,
	E_COUNT
};
/* Relative frequencies of the edits operators make (issue on normalisation). */
static const int edit_weight[E_COUNT] = {20, 15, 8, 8, 6, 6, 5, 4, 3, 3, 2, 2, 2, 2, 2, 1};

static int is_consonant(uint32_t c)
{
	return (c >= 0x915 && c <= 0x939) || (c >= 0x958 && c <= 0x95f);
}

static int is_sign(uint32_t c)
{
	return (c >= 0x93c && c <= 0x94d) || c == 0x901 || c == 0x902 || c == 0x903;
}

/* The pairs an edit swaps, as code points; 0-terminated. */
static const uint32_t swap_pairs[][2] = {
	[E_I] = {0x93f, 0x940},   [E_SHA] = {0x936, 0x938}, [E_U] = {0x941, 0x942},
	[E_NNA] = {0x923, 0x928}, [E_BA] = {0x92c, 0x935},  [E_A] = {0x905, 0x906},
	[E_TA] = {0x924, 0x925},  [E_KA] = {0x915, 0x917},  [E_DA] = {0x921, 0x926},
	[E_CHA] = {0x91a, 0x91b},
};

static int swap_edit(uint32_t *cp, int n, enum edit e, struct rng *r)
{
	int pos[128], np = 0;
	for (int i = 0; i < n; i++)
		if (cp[i] == swap_pairs[e][0] || cp[i] == swap_pairs[e][1])
			pos[np++] = i;
	if (!np)
		return 0;
	int i = pos[rng_below(r, (uint32_t)np)];
	cp[i] = cp[i] == swap_pairs[e][0] ? swap_pairs[e][1] : swap_pairs[e][0];
	return 1;
}

static void cp_delete(uint32_t *cp, int *n, int i)
{
	memmove(cp + i, cp + i + 1, (size_t)(*n - i - 1) * sizeof(*cp));
	(*n)--;
}

static void cp_insert(uint32_t *cp, int *n, int i, uint32_t c)
{
	memmove(cp + i + 1, cp + i, (size_t)(*n - i) * sizeof(*cp));
	cp[i] = c;
	(*n)++;
}

/* ा dropped where written, or added after a bare consonant. */
static int edit_aa(uint32_t *cp, int *n, struct rng *r)
{
	int pos[128], np = 0;
	for (int i = 0; i < *n; i++)
		if (cp[i] == 0x93e || (is_consonant(cp[i]) && (i + 1 == *n || !is_sign(cp[i + 1]))))
			pos[np++] = i;
	if (!np)
		return 0;
	int i = pos[rng_below(r, (uint32_t)np)];
	if (cp[i] == 0x93e)
		cp_delete(cp, n, i);
	else
		cp_insert(cp, n, i + 1, 0x93e);
	return 1;
}

static int edit_space(uint32_t *cp, int *n, struct rng *r)
{
	int pos[128], np = 0;
	for (int i = 0; i < *n; i++)
		if (cp[i] == ' ')
			pos[np++] = i;
	if (np && rng_chance(r, 0.5)) {
		cp_delete(cp, n, pos[rng_below(r, (uint32_t)np)]);
		return 1;
	}
	/* split a word before a consonant that starts a syllable */
	np = 0;
	for (int i = 2; i + 2 < *n; i++)
		if (is_consonant(cp[i]) && cp[i - 1] != 0x94d && cp[i - 1] != ' ' &&
		    cp[i + 1] != ' ' && cp[i + 2] != ' ')
			pos[np++] = i;
	if (!np)
		return 0;
	cp_insert(cp, n, pos[rng_below(r, (uint32_t)np)], ' ');
	return 1;
}

static int edit_delete_one(uint32_t *cp, int *n, uint32_t what, struct rng *r)
{
	int pos[128], np = 0;
	for (int i = 0; i < *n; i++)
		if (cp[i] == what)
			pos[np++] = i;
	if (!np)
		return 0;
	cp_delete(cp, n, pos[rng_below(r, (uint32_t)np)]);
	return 1;
}

/* ं before a consonant <-> न् */
static int edit_anusvara(uint32_t *cp, int *n, struct rng *r)
{
	for (int i = 0; i + 1 < *n; i++) {
		if (cp[i] == 0x902 && is_consonant(cp[i + 1]) && rng_chance(r, 0.8)) {
			cp[i] = 0x928;
			cp_insert(cp, n, i + 1, 0x94d);
			return 1;
		}
		if (cp[i] == 0x928 && cp[i + 1] == 0x94d) {
			cp[i] = 0x902;
			cp_delete(cp, n, i + 1);
			return 1;
		}
	}
	return 0;
}

/* final य <-> ी */
static int edit_ya(uint32_t *cp, int *n)
{
	for (int i = 0; i < *n; i++) {
		int last = i + 1 == *n || cp[i + 1] == ' ';
		if (!last)
			continue;
		if (cp[i] == 0x92f) {
			cp[i] = 0x940;
			return 1;
		}
		if (cp[i] == 0x940) {
			cp[i] = 0x92f;
			return 1;
		}
	}
	return 0;
}

static int edit_nukta(uint32_t *cp, int *n, struct rng *r)
{
	static const uint32_t base[] = {0x915, 0x916, 0x917, 0x91c, 0x921, 0x922, 0x92b, 0x92f};
	for (int i = 0; i < *n; i++)
		if (cp[i] >= 0x958 && cp[i] <= 0x95f) {
			cp[i] = base[cp[i] - 0x958];
			return 1;
		}
	return edit_delete_one(cp, n, 0x93c, r);
}

static int apply_edit(uint32_t *cp, int *n, enum edit e, struct rng *r)
{
	if (*n > 120)
		return 0;
	switch (e) {
	case E_AA: return edit_aa(cp, n, r);
	case E_VIRAMA: return edit_delete_one(cp, n, 0x94d, r);
	case E_SPACE: return edit_space(cp, n, r);
	case E_ANUSVARA: return edit_anusvara(cp, n, r);
	case E_YA: return edit_ya(cp, n);
	case E_NUKTA: return edit_nukta(cp, n, r);
	default: return swap_edit(cp, *n, e, r);
	}
}

/* One realistic typing mistake in a Devanagari name, in place. */
static void typo_devanagari(struct strbuf *name, struct rng *r)
{
	uint32_t cp[128];
	int n = utf8_decode(name->buf, name->len, cp, 120);
	int done = 0;
	for (int tries = 0; tries < 24 && !done; tries++)
		done = apply_edit(cp, &n, (enum edit)rng_weighted(r, edit_weight, E_COUNT), r);
	if (!done)
		done = edit_aa(cp, &n, r);
	strbuf_reset(name);
	for (int i = 0; i < n; i++)
		utf8_add(name, cp[i]);
}

/* Replace s[at..at+len) with rep. */
static void splice(struct strbuf *sb, size_t at, size_t len, const char *rep)
{
	struct strbuf t = STRBUF_INIT;
	strbuf_add(&t, sb->buf, at);
	strbuf_addstr(&t, rep);
	strbuf_addstr(&t, sb->buf + at + len);
	strbuf_reset(sb);
	strbuf_addstr(sb, t.buf);
	strbuf_release(&t);
}

/* Position of a random occurrence of pat (case-insensitive), or -1. */
static long find_random(const struct strbuf *sb, const char *pat, struct rng *r)
{
	long pos[64];
	int np = 0;
	size_t pl = strlen(pat);
	for (size_t i = 0; i + pl <= sb->len && np < 64; i++)
		if (!strncasecmp(sb->buf + i, pat, pl))
			pos[np++] = (long)i;
	return np ? pos[rng_below(r, (uint32_t)np)] : -1;
}

/* One romanised typing mistake: ee/i, sh/s, v/w, doubled letters, a/aa, Kr. */
static void typo_roman(struct strbuf *name, struct rng *r)
{
	static const char *const from[] = {"ee", "i", "sh", "s", "v", "w", "aa", "a", "kumar"};
	static const char *const to[] = {"i", "ee", "s", "sh", "w", "v", "a", "aa", "Kr."};
	static const int w[] = {5, 4, 4, 3, 4, 2, 3, 3, 12};
	for (int tries = 0; tries < 24; tries++) {
		int e = rng_weighted(r, w, (int)COUNT(from));
		long at = find_random(name, from[e], r);
		if (at < 0)
			continue;
		splice(name, (size_t)at, strlen(from[e]), to[e]);
		return;
	}
	/* double a consonant in the middle of the first word */
	for (size_t i = 1; i + 1 < name->len && name->buf[i] != ' '; i++)
		if (!strchr("aeiou ", name->buf[i]) && strchr("aeiou", name->buf[i + 1])) {
			char two[3] = {name->buf[i], name->buf[i], 0};
			splice(name, i, 1, two);
			return;
		}
	strbuf_addch(name, 'h');
}

/* first [middle] surname in one script, without a title */
static void add_person_name(struct strbuf *sb, const struct person *p, int roman)
{
	if (roman)
		strbuf_addstr(sb, p->female ? female_rom[p->first] : male_rom[p->first]);
	else
		strbuf_addstr(sb, p->female ? female_all[p->first] : male_all[p->first]);
	if (p->middle >= 0) {
		strbuf_addch(sb, ' ');
		if (roman)
			strbuf_addstr(sb, p->female ? fmid_rom[p->middle] : mmid_rom[p->middle]);
		else
			strbuf_addstr(sb, p->female ? female_middle[p->middle]
						    : male_middle[p->middle]);
	}
	strbuf_addch(sb, ' ');
	strbuf_addstr(sb, roman ? sur_rom[p->sur] : surname_at(p->sur));
}

static const char *title_of(const struct person *p, int roman)
{
	if (roman)
		return p->female ? "Smt " : "Shri ";
	return p->female ? "श्रीमती " : "श्री ";
}

/* ------------------------------------------------------------------ model */

enum kind {
	K_UNIQUE,
	K_R1,
	K_R2,
	K_R3,
	K_NEG_FAMILY,
	K_NEG_NEIGHBOUR,
	K_NEG_OTHER,
	K_NEG_NAMESAKE,
	K_NEG_FAR,
	K_NEG_DISTRICT,
	K_COUNT
};
static const char *const kind_names[K_COUNT] = {
	"unique",       "R1",      "R2", "R3", "neg_family", "neg_neighbour", "neg_other_grievance",
	"neg_namesake", "neg_far",      "neg_district",
};

/* A grievance: what is wrong, where, with the details that stay fixed. */
struct grievance {
	uint64_t id;
	uint32_t village;
	uint16_t cat;
	uint16_t amount;
	uint8_t core, days, months, english;
	uint8_t templ; /* said in the helpline's stock sentence for the category */
	uint16_t khasra;
	uint8_t khasra_sub, open0, close0, extra0;
};

/* One complaint waiting for its slot (or being written now). */
struct filing {
	int64_t due;    /* output slot where it is due */
	uint64_t order; /* insertion number: ties break by it */
	uint64_t seed;  /* the variation of this filing */
	struct person p;
	struct grievance g;
	uint64_t mobile; /* the mobile shown (R2 shows another) */
	int32_t day;
	uint8_t kind, member, switch_script, name_edits;
	char group[24];  /* dup_group: id of the group's first complaint */
	char neg_of[24]; /* the anchor of a hard negative */
};

struct options {
	long long n;
	uint64_t seed;
	int32_t start;
	int days;
	double dup_rate, neg_rate;
	int window;
	int32_t snapshot;
	int have_snapshot;
	const char *out, *truth, *categories, *officers, *movements;
	long long history_rows;
	int xlsx_friendly;
};

struct heap {
	struct filing *v;
	size_t nr, alloc;
};

static int filing_before(const struct filing *a, const struct filing *b)
{
	return a->due != b->due ? a->due < b->due : a->order < b->order;
}

static void heap_push(struct heap *h, const struct filing *f)
{
	ALLOC_GROW(h->v, h->nr + 1, h->alloc);
	size_t i = h->nr++;
	while (i > 0) {
		size_t parent = (i - 1) / 2;
		if (!filing_before(f, &h->v[parent]))
			break;
		h->v[i] = h->v[parent];
		i = parent;
	}
	h->v[i] = *f;
}

static void heap_pop(struct heap *h, struct filing *out)
{
	*out = h->v[0];
	struct filing last = h->v[--h->nr];
	size_t i = 0;
	for (;;) {
		size_t c = 2 * i + 1;
		if (c >= h->nr)
			break;
		if (c + 1 < h->nr && filing_before(&h->v[c + 1], &h->v[c]))
			c++;
		if (!filing_before(&h->v[c], &last))
			break;
		h->v[i] = h->v[c];
		i = c;
	}
	if (h->nr)
		h->v[i] = last;
}

/* Everything the writer carries from one slot to the next. */
struct gen {
	struct options o;
	struct rng r;
	struct heap pending;
	uint64_t order, next_person, next_grievance, next_mobile;
	uint32_t nvillages;
	uint32_t tehsil_base[COUNT(districts) + 1]; /* first tehsil of a district */
	uint32_t ntehsils;
	double p_group, p_neg;
	FILE *out, *truth, *mov;
	long long mov_rows;
	long long kind_count[K_COUNT];
	struct strbuf row, tmp, tmp2;
};

/* ------------------------------------------------------------------ places */

static void place_of(const struct gen *g, uint32_t village, int *district, uint32_t *tehsil)
{
	uint32_t t = village / VILLAGES_PER_TEHSIL;
	int d = 0;
	while (d + 1 < (int)COUNT(districts) && g->tehsil_base[d + 1] <= t)
		d++;
	*district = d;
	*tehsil = t;
}

static const char *tehsil_name(const struct gen *g, uint32_t t)
{
	int d = 0;
	while (d + 1 < (int)COUNT(districts) && g->tehsil_base[d + 1] <= t)
		d++;
	return districts[d].tehsil[t - g->tehsil_base[d]];
}

/* Whether village v is a town's ward (its name carries the tehsil's). */
static int is_ward(uint32_t v)
{
	return v % VILLAGES_PER_TEHSIL >= VILLAGES_PER_TEHSIL - 8;
}

/* A village's name is fixed by its index (the same village, the same name). */
static void add_village(struct strbuf *sb, const struct gen *g, uint32_t v)
{
	uint32_t k = v % VILLAGES_PER_TEHSIL;
	if (is_ward(v)) {
		strbuf_addf(sb, "वार्ड %u ", k - (VILLAGES_PER_TEHSIL - 8) + 1 + (v / 7) % 20);
		strbuf_addstr(sb, tehsil_name(g, v / VILLAGES_PER_TEHSIL));
		return;
	}
	uint64_t x = v * 0x9e3779b97f4a7c15ULL;
	uint64_t h = splitmix64(&x);
	strbuf_addstr(sb, village_first[h % COUNT(village_first)]);
	strbuf_addstr(sb, village_second[(h >> 20) % COUNT(village_second)]);
}

/*
 * A village of another district with the name of village v (names repeat
 * across districts, as रामपुर does), searched from a random start; for a
 * town's ward (no namesake) a village of another district.
 */
static uint32_t namesake_village(struct gen *g, uint32_t v)
{
	struct strbuf a = STRBUF_INIT, b = STRBUF_INIT;
	int dv;
	uint32_t t, found = v;
	place_of(g, v, &dv, &t);
	add_village(&a, g, v);
	uint32_t start = rng_below(&g->r, g->nvillages);
	for (uint32_t k = 0; k < g->nvillages; k++) {
		uint32_t w = (start + k) % g->nvillages;
		int dw;
		place_of(g, w, &dw, &t);
		if (dw == dv || is_ward(w))
			continue;
		if (found == v)
			found = w; /* another district's, in case no name is shared */
		strbuf_reset(&b);
		add_village(&b, g, w);
		if (!strcmp(a.buf, b.buf)) {
			found = w;
			break;
		}
	}
	strbuf_release(&a);
	strbuf_release(&b);
	return found;
}

/* ------------------------------------------------------------------ people */

static uint64_t new_mobile(struct gen *g)
{
	/* A bijection of a counter onto 6000000000..9999999999: numbers
	   never repeat by accident, only where the generator means it. */
	const uint64_t span = 4000000000ULL;
	uint64_t k = g->next_mobile++;
	return 6000000000ULL + (k * 2654435761ULL + 1234567ULL) % span;
}

static void new_person(struct gen *g, struct person *p, uint32_t village)
{
	struct rng *r = &g->r;
	memset(p, 0, sizeof(*p));
	p->id = ++g->next_person;
	p->female = rng_chance(r, 0.38);
	p->first = (uint16_t)rng_skewed(r, p->female ? nfemale : nmale);
	p->father = (uint16_t)rng_skewed(r, nmale);
	if (is_muslim_name(p->female, p->first))
		p->sur = (uint16_t)(nsurname_plain + rng_below(r, COUNT(muslim_surnames)));
	else
		p->sur = (uint16_t)rng_skewed(r, nsurname_plain);
	p->middle = -1;
	if (rng_chance(r, 0.12))
		p->middle = (int8_t)(p->female ? rng_below(r, COUNT(female_middle))
					       : rng_below(r, COUNT(male_middle)));
	p->roman = rng_chance(r, 0.30);
	p->title = rng_chance(r, 0.15);
	p->mobile_style = (uint8_t)rng_weighted(r, (const int[]){70, 12, 10, 8}, 4);
	p->mobile = rng_chance(r, 0.004) ? 9999999999ULL : new_mobile(g);
	p->village = village;
}

static void new_grievance(struct gen *g, struct grievance *gr, uint32_t village, int cat, int roman)
{
	struct rng *r = &g->r;
	memset(gr, 0, sizeof(*gr));
	gr->id = ++g->next_grievance;
	gr->village = village;
	gr->cat = (uint16_t)(cat >= 0 ? (uint32_t)cat : rng_below(r, COUNT(categories)));
	gr->core = (uint8_t)rng_below(r, 2);
	gr->days = (uint8_t)(2 + rng_below(r, 40));
	gr->months = (uint8_t)(2 + rng_below(r, 10));
	gr->amount = (uint16_t)(900 + 10 * rng_below(r, 800));
	gr->khasra = (uint16_t)(1 + rng_below(r, 900));
	gr->khasra_sub = (uint8_t)(1 + rng_below(r, 9));
	gr->english = roman && rng_chance(r, 0.4);
	gr->open0 = (uint8_t)rng_below(r, COUNT(openings));
	gr->close0 = (uint8_t)rng_below(r, COUNT(closings));
	gr->extra0 = (uint8_t)rng_below(r, COUNT(extras));
	gr->templ = rng_chance(r, 0.2);
}

/* ------------------------------------------------------------------ text */

static void add_template(struct strbuf *sb, const struct gen *g, const char *t,
			 const struct grievance *gr)
{
	for (;;) {
		const char *open = strchr(t, '{');
		if (!open || !open[1] || open[2] != '}') {
			strbuf_addstr(sb, t);
			return;
		}
		strbuf_add(sb, t, (size_t)(open - t));
		switch (open[1]) {
		case 'v': add_village(sb, g, gr->village); break;
		case 'n': add_digits(sb, gr->days, 1); break;
		case 'm': add_digits(sb, gr->months, 1); break;
		case 'a': add_digits(sb, gr->amount, 1); break;
		case 'k':
			add_digits(sb, gr->khasra, 1);
			strbuf_addch(sb, '/');
			add_digits(sb, gr->khasra_sub, 1);
			break;
		}
		t = open + 3;
	}
}

/*
 * The description of filing number `member` of a grievance. Member 0 says it
 * plainly; later members (re-filings, neighbours) take other openings and
 * closings, may say it was filed before, and may state the core the other
 * way, so no two members of a group have the same text.
 */
static void add_description(struct strbuf *sb, const struct gen *g, const struct grievance *gr,
			    int member, int refile, struct rng *r)
{
	const struct category *c = &categories[gr->cat];
	if (gr->templ) { /* one sentence for the category, whoever files it */
		if (gr->english)
			strbuf_addf(sb, "Complaint regarding %s, please solve.", c->name);
		else
			strbuf_addf(sb, stock_sentences[(gr->open0 + member) % COUNT(stock_sentences)],
				    c->name);
		return;
	}
	int resident = (gr->open0 + member) % 3 != 0;
	if (gr->english) {
		strbuf_addstr(sb, en_openings[(gr->open0 + member) % COUNT(en_openings)]);
		if (resident) {
			strbuf_addstr(sb, "I am resident of ");
			add_village(sb, g, gr->village);
			strbuf_addstr(sb, ". ");
		}
		if (refile)
			strbuf_addstr(sb, "Complained earlier also, not solved. ");
		add_template(sb, g, c->en, gr);
		strbuf_addstr(sb, en_closings[(gr->close0 + member) % COUNT(en_closings)]);
		return;
	}
	strbuf_addstr(sb, openings[(gr->open0 + member) % COUNT(openings)]);
	if (resident) {
		strbuf_addstr(sb, "मैं ");
		add_village(sb, g, gr->village);
		strbuf_addstr(sb, " का निवासी हूं। ");
	}
	if (refile)
		strbuf_addstr(sb, PICK(r, refilings));
	int core = member && rng_chance(r, 0.5) ? !gr->core : gr->core;
	add_template(sb, g, c->hi[core], gr);
	if (member == 0 || rng_chance(r, 0.6))
		strbuf_addstr(sb, extras[(gr->extra0 + member) % COUNT(extras)]);
	strbuf_addstr(sb, closings[(gr->close0 + member) % COUNT(closings)]);
}

/* ------------------------------------------------------------------ CSV */

static void add_field(struct strbuf *sb, const char *s, size_t len)
{
	int quote = 0;
	for (size_t i = 0; i < len; i++)
		if (s[i] == ',' || s[i] == '"' || s[i] == '\n' || s[i] == '\r') {
			quote = 1;
			break;
		}
	if (!quote) {
		strbuf_add(sb, s, len);
		return;
	}
	strbuf_addch(sb, '"');
	for (;;) {
		const char *q = memchr(s, '"', len);
		if (!q) {
			strbuf_add(sb, s, len);
			break;
		}
		strbuf_add(sb, s, (size_t)(q - s) + 1);
		strbuf_addch(sb, '"');
		len -= (size_t)(q - s) + 1;
		s = q + 1;
	}
	strbuf_addch(sb, '"');
}

static void add_fieldstr(struct strbuf *sb, const char *s)
{
	add_field(sb, s, strlen(s));
}

static void end_row(struct strbuf *sb, int crlf)
{
	if (sb->len && sb->buf[sb->len - 1] == ',')
		strbuf_setlen(sb, sb->len - 1);
	strbuf_addstr(sb, crlf ? "\r\n" : "\n");
}

static void write_or_die(FILE *f, const char *path, const struct strbuf *sb)
{
	if (fwrite(sb->buf, 1, sb->len, f) != sb->len) {
		fprintf(stderr, "nkgen: cannot write %s: %s\n", path, strerror(errno));
		exit(1);
	}
}

static FILE *open_or_die(const char *path)
{
	FILE *f = fopen(path, "wb");
	if (!f) {
		fprintf(stderr, "nkgen: cannot create %s: %s\n", path, strerror(errno));
		exit(1);
	}
	setvbuf(f, NULL, _IOFBF, 1 << 20);
	return f;
}

static void close_or_die(FILE *f, const char *path)
{
	if (ferror(f) || fclose(f) != 0) {
		fprintf(stderr, "nkgen: cannot write %s: %s\n", path, strerror(errno));
		exit(1);
	}
}

/* ------------------------------------------------------------------ state */

enum status { S_OPEN, S_ATTENDED, S_NON, S_SAT, S_LOW, S_FORCE, S_SPECIAL, S_OOJ };
static const char *const status_en[] = {
	"Pending",
	"Attended",
	"Non Attended",
	"Closed with satisfaction",
	"Closed with low quality",
	"Force Close",
	"Special Close",
	"Out of Jurisdiction",
};

/* Where a complaint stands on the snapshot date. */
struct state {
	int level;
	int32_t since;
	int32_t esc_day[5]; /* esc_day[l]: the day it reached level l+1 */
	int status;
	int32_t closed; /* -1 while open */
	int cat_prev;   /* -1 unless the category was changed */
	int32_t cat_change;
};

static void settle(const struct gen *g, const struct filing *f, struct rng *r, struct state *st)
{
	const int *lim = categories[f->g.cat].days;
	int32_t age = g->o.snapshot - f->day;
	if (age < 0)
		age = 0;
	int32_t closes = (int32_t)(-log(1.0 - rng_unit(r)) * 45.0);
	int32_t horizon = closes < age ? closes : age;
	int32_t t = 0;
	st->level = 1;
	st->since = st->esc_day[0] = f->day;
	while (st->level < 4 && t + lim[st->level - 1] < horizon) {
		if (st->level == 3 && rng_chance(r, 0.5))
			break; /* L3 -> L4 is manual */
		t += lim[st->level - 1];
		st->since = st->esc_day[st->level] = f->day + t;
		st->level++;
	}
	st->closed = -1;
	if (closes < age) {
		st->closed = f->day + closes;
		st->status = S_SAT + rng_weighted(r, (const int[]){55, 15, 15, 6, 4}, 5);
		if (st->status == S_OOJ && st->level < 4)
			st->status = S_FORCE;
	} else {
		st->status = rng_weighted(r, (const int[]){60, 25, 15}, 3);
	}
	st->cat_prev = -1;
	if (f->kind == K_UNIQUE && rng_chance(r, 0.03)) {
		int dept = categories[f->g.cat].dept, other = -1;
		for (int k = 1; k < (int)COUNT(categories) && other < 0; k++) {
			int c = (f->g.cat + k) % (int)COUNT(categories);
			if (categories[c].dept == dept)
				other = c;
		}
		st->cat_prev = other >= 0 ? other : (f->g.cat + 1) % (int)COUNT(categories);
		int late = rng_chance(r, 0.2);
		st->cat_change = f->day + (late ? 4 + (int)rng_below(r, 12) : (int)rng_below(r, 3));
		if (st->cat_change > g->o.snapshot)
			st->cat_change = g->o.snapshot;
	}
}

static void add_officer(struct strbuf *sb, int district, int dept, int level, uint32_t tehsil_local)
{
	char code[4] = {0};
	for (int i = 0; i < 3; i++)
		code[i] = (char)(districts[district].en[i] & ~0x20);
	if (level == 4)
		strbuf_addf(sb, "MP-%s-L4", departments[dept].code);
	else if (level == 1)
		strbuf_addf(sb, "%s-%s-L1-%02u", code, departments[dept].code, tehsil_local + 1);
	else
		strbuf_addf(sb, "%s-%s-L%d", code, departments[dept].code, level);
}

/* ------------------------------------------------------------------ rows */

static void add_mobile(struct strbuf *sb, uint64_t m, int style, int damaged)
{
	char d[11];
	xsnprintf(d, sizeof(d), "%010llu", (unsigned long long)m);
	if (damaged) { /* what Excel shows after reading it as a number */
		unsigned v = (unsigned)((m + 5000000ULL) / 10000000ULL);
		if (v >= 1000)
			strbuf_addstr(sb, "1.00E+10");
		else
			strbuf_addf(sb, "%u.%02uE+09", v / 100, v % 100);
		return;
	}
	switch (style) {
	case 1: strbuf_addf(sb, "+91 %.5s %.5s", d, d + 5); break;
	case 2: strbuf_addf(sb, "0%.5s-%.5s", d, d + 5); break;
	case 3: strbuf_addf(sb, "91-%s", d); break;
	default: strbuf_addstr(sb, d);
	}
}

static void add_name(struct gen *g, struct strbuf *sb, const struct filing *f, struct rng *r)
{
	int roman = f->p.roman ^ f->switch_script;
	struct strbuf *n = &g->tmp2;
	strbuf_reset(n);
	add_person_name(n, &f->p, roman);
	if (f->kind == K_R3 && f->member > 0 && !f->switch_script) {
		struct strbuf *orig = &g->tmp;
		strbuf_reset(orig);
		strbuf_addstr(orig, n->buf);
		for (int e = 0; e < f->name_edits || !strcmp(n->buf, orig->buf); e++) {
			if (roman)
				typo_roman(n, r);
			else
				typo_devanagari(n, r);
			if (e > 8)
				break;
		}
	}
	if (f->p.title)
		strbuf_addstr(sb, title_of(&f->p, roman));
	add_field(sb, n->buf, n->len);
}

static void add_movement(struct gen *g, const char *id, int32_t day, struct rng *r, const char *en,
			 const char *hi, int from, int to, const char *from_off, const char *to_off,
			 const char *old_cat, const char *new_cat, const char *remark)
{
	struct strbuf *m = &g->row;
	strbuf_reset(m);
	strbuf_addstr(m, id);
	strbuf_addch(m, ',');
	add_date(m, day, 540 + (int)rng_below(r, 540));
	strbuf_addch(m, ',');
	strbuf_addstr(m, rng_chance(r, 0.3) ? hi : en);
	strbuf_addf(m, ",L%d,L%d,%s,%s,", from, to, from_off, to_off);
	add_fieldstr(m, old_cat);
	strbuf_addch(m, ',');
	add_fieldstr(m, new_cat);
	strbuf_addch(m, ',');
	add_fieldstr(m, remark);
	end_row(m, g->o.xlsx_friendly);
	write_or_die(g->mov, g->o.movements, m);
	g->mov_rows++;
}

static void officer_str(char *dst, size_t n, const struct gen *g, const struct filing *f, int level)
{
	int district;
	uint32_t t;
	place_of(g, f->g.village, &district, &t);
	struct strbuf sb = STRBUF_INIT;
	add_officer(&sb, district, categories[f->g.cat].dept, level, t - g->tehsil_base[district]);
	xsnprintf(dst, n, "%s", sb.buf);
	strbuf_release(&sb);
}

/* The movements that led to the state, then attended marks up to the target. */
static void write_movements(struct gen *g, const char *id, const struct filing *f,
			    const struct state *st, long long slot, struct rng *r)
{
	char off[5][32];
	for (int l = 1; l <= 4; l++)
		officer_str(off[l], sizeof(off[l]), g, f, l);
	if (st->cat_prev >= 0)
		add_movement(g, id, st->cat_change, r, "category changed", "प्रारूप परिवर्तन", 1, 1,
			     off[1], off[1], categories[st->cat_prev].name,
			     categories[f->g.cat].name, "गलत प्रारूप में दर्ज");
	for (int l = 2; l <= st->level; l++)
		add_movement(g, id, st->esc_day[l - 1], r, "escalated", "अग्रेषित", l - 1, l,
			     off[l - 1], off[l], "", "", "समय-सीमा समाप्त");
	int32_t end = st->closed >= 0 ? st->closed : g->o.snapshot;
	if (st->status == S_ATTENDED || st->closed >= 0)
		add_movement(g, id, end, r, "attended", "अटेंडेड", st->level, st->level,
			     off[st->level], off[st->level], "", "", PICK(r, attended_remarks));
	if (st->status == S_OOJ)
		add_movement(g, id, st->closed, r, "out of jurisdiction", "कार्यक्षेत्र से बाहर", 4, 4,
			     off[4], "", "", "", "अन्य विभाग से संबंधित");
	else if (st->closed >= 0)
		add_movement(g, id, st->closed, r, "closed", "बंद", st->level, st->level,
			     off[st->level], "", "", "", status_en[st->status]);
	if (g->o.history_rows <= 0)
		return;
	long long target =
		(long long)((double)g->o.history_rows * (double)(slot + 1) / (double)g->o.n);
	int32_t span = end - st->since + 1;
	for (int k = 0; g->mov_rows < target && k < 8; k++)
		add_movement(g, id,
			     st->since + (int32_t)rng_below(r, (uint32_t)(span > 0 ? span : 1)), r,
			     "attended", "अटेंडेड", st->level, st->level, off[st->level],
			     off[st->level], "", "", PICK(r, attended_remarks));
}

static void complaint_id(char *dst, size_t n, int32_t day, long long slot)
{
	int y, m, d;
	civil_from_days(day, &y, &m, &d);
	xsnprintf(dst, n, "CMH-%04d-%08lld", y, slot + 1);
}

/* One complaint row, its truth row and its movements. */
static void emit(struct gen *g, long long slot, const struct filing *f)
{
	struct rng r;
	rng_seed(&r, f->seed);
	char id[24];
	complaint_id(id, sizeof(id), f->day, slot);
	struct state st;
	settle(g, f, &r, &st);
	int district;
	uint32_t tehsil;
	place_of(g, f->g.village, &district, &tehsil);
	const struct category *cat = &categories[f->g.cat];
	struct strbuf *sb = &g->row;
	strbuf_reset(sb);
	strbuf_addstr(sb, id);
	strbuf_addch(sb, ',');
	add_date(sb, f->day, 480 + (int)rng_below(&r, 720));
	strbuf_addch(sb, ',');
	add_name(g, sb, f, &r);
	strbuf_addch(sb, ',');
	strbuf_reset(&g->tmp);
	int roman = f->p.roman ^ f->switch_script;
	strbuf_addstr(&g->tmp, roman ? male_rom[f->p.father] : male_all[f->p.father]);
	strbuf_addch(&g->tmp, ' ');
	strbuf_addstr(&g->tmp, roman ? sur_rom[f->p.sur] : surname_at(f->p.sur));
	add_field(sb, g->tmp.buf, g->tmp.len);
	strbuf_addch(sb, ',');
	add_mobile(sb, f->mobile, f->p.mobile_style,
		   f->kind == K_UNIQUE && f->mobile != 9999999999ULL && rng_chance(&r, 0.01));
	strbuf_addf(sb, ",%s,", districts[district].en);
	add_fieldstr(sb, districts[district].tehsil[tehsil - g->tehsil_base[district]]);
	strbuf_addch(sb, ',');
	strbuf_reset(&g->tmp);
	add_village(&g->tmp, g, f->g.village);
	add_field(sb, g->tmp.buf, g->tmp.len);
	strbuf_addch(sb, ',');
	add_fieldstr(sb, departments[cat->dept].name);
	strbuf_addch(sb, ',');
	add_fieldstr(sb, cat->name);
	strbuf_addch(sb, ',');
	strbuf_reset(&g->tmp);
	int refile = f->member > 0 && (f->kind == K_R1 || f->kind == K_R2 || f->kind == K_R3 ||
				       f->kind == K_NEG_FAR);
	add_description(&g->tmp, g, &f->g, f->member, refile, &r);
	add_field(sb, g->tmp.buf, g->tmp.len);
	char off[32];
	officer_str(off, sizeof(off), g, f, st.level);
	strbuf_addf(sb, ",L%d,%s,%s,", st.level, status_en[st.status], off);
	add_date(sb, st.since, -1);
	strbuf_addch(sb, ',');
	if (st.closed >= 0)
		add_date(sb, st.closed, -1);
	strbuf_addch(sb, ',');
	if (st.status == S_SAT)
		strbuf_addstr(sb, "Satisfied");
	else if (st.status == S_LOW)
		strbuf_addstr(sb, "Not Satisfied");
	strbuf_addch(sb, ',');
	if (st.cat_prev >= 0) {
		add_fieldstr(sb, categories[st.cat_prev].name);
		strbuf_addch(sb, ',');
		add_date(sb, st.cat_change, -1);
	} else {
		strbuf_addch(sb, ',');
	}
	strbuf_addstr(sb, g->o.xlsx_friendly ? "\r\n" : "\n");
	write_or_die(g->out, g->o.out, sb);

	strbuf_reset(sb);
	strbuf_addf(sb, "%s,%llu,%llu,%s,%s,%s\n", id, (unsigned long long)f->p.id,
		    (unsigned long long)f->g.id, kind_names[f->kind], f->group, f->neg_of);
	write_or_die(g->truth, g->o.truth, sb);
	g->kind_count[f->kind]++;
	if (g->mov)
		write_movements(g, id, f, &st, slot, &r);
}

/* ------------------------------------------------------------------ plan */

static int32_t last_day(const struct gen *g)
{
	return g->o.start + g->o.days - 1;
}

static void schedule(struct gen *g, long long slot, struct filing *f, int32_t delta)
{
	f->day += delta;
	f->due = slot + 1 + (int64_t)((double)delta * (double)g->o.n / g->o.days);
	f->order = ++g->order;
	f->seed = rng_next(&g->r);
	heap_push(&g->pending, f);
}

static int32_t delta_within(struct gen *g, int32_t day)
{
	int32_t room = last_day(g) - day;
	int32_t max = g->o.window - 1 < room ? g->o.window - 1 : room;
	return max > 0 ? (int32_t)rng_below(&g->r, (uint32_t)max + 1) : 0;
}

static void plan_group(struct gen *g, long long slot, struct filing *f)
{
	int size = 2 + rng_weighted(&g->r, (const int[]){65, 25, 10}, 3);
	f->kind = (uint8_t)(K_R1 + rng_weighted(&g->r, (const int[]){35, 30, 35}, 3));
	complaint_id(f->group, sizeof(f->group), f->day, slot);
	for (int k = 1; k < size; k++) {
		struct filing m = *f;
		m.member = (uint8_t)k;
		if (f->kind == K_R2)
			m.mobile = new_mobile(g);
		if (f->kind == K_R3) {
			m.switch_script = rng_chance(&g->r, 0.2);
			m.name_edits = (uint8_t)(1 + rng_chance(&g->r, 0.25));
		}
		schedule(g, slot, &m, delta_within(g, f->day));
	}
}

static void other_first_name(struct gen *g, struct person *q, const struct person *p)
{
	do {
		q->first = (uint16_t)rng_below(&g->r, q->female ? nfemale : nmale);
	} while (q->female == p->female && q->first == p->first);
}

/* Another person of village v named as p is, written the same way. */
static void namesake_of(struct gen *g, struct person *q, const struct person *p, uint32_t v)
{
	new_person(g, q, v);
	q->female = p->female;
	q->first = p->first;
	q->sur = p->sur;
	q->middle = p->middle;
	q->roman = p->roman;
	q->title = p->title;
}

static void plan_negative(struct gen *g, long long slot, struct filing *f)
{
	int kind = K_NEG_FAMILY + (int)rng_below(&g->r, 6);
	if (kind == K_NEG_FAR && last_day(g) - f->day < g->o.window + 1)
		kind = K_NEG_FAMILY + (int)rng_below(&g->r, 4);
	struct filing n = *f;
	n.kind = (uint8_t)kind;
	n.member = 1;
	complaint_id(n.neg_of, sizeof(n.neg_of), f->day, slot);
	const struct person *p = &f->p;
	int32_t delta = delta_within(g, f->day);
	switch (kind) {
	case K_NEG_FAMILY:
		new_person(g, &n.p, p->village);
		n.p.sur = p->sur;
		n.p.roman = p->roman;
		n.p.mobile = n.mobile = p->mobile;
		n.p.mobile_style = p->mobile_style;
		if (rng_chance(&g->r, 0.5))
			n.p.father = p->father; /* a brother or sister */
		other_first_name(g, &n.p, p);
		if (rng_chance(&g->r, 0.5))
			new_grievance(g, &n.g, p->village, -1, n.p.roman);
		break;
	case K_NEG_NEIGHBOUR:
		new_person(g, &n.p, p->village);
		n.mobile = n.p.mobile;
		if (n.p.sur == p->sur)
			other_first_name(g, &n.p, p);
		break;
	case K_NEG_OTHER: {
		int cat = (f->g.cat + 1 + (int)rng_below(&g->r, COUNT(categories) - 1)) %
			  (int)COUNT(categories);
		new_grievance(g, &n.g, p->village, cat, p->roman);
		n.member = 0;
		break;
	}
	case K_NEG_NAMESAKE: {
		uint32_t v = rng_below(&g->r, g->nvillages);
		if (v == p->village)
			v = (v + 1) % g->nvillages;
		namesake_of(g, &n.p, p, v);
		if (n.p.father == p->father)
			n.p.father = (uint16_t)((p->father + 1) % nmale);
		n.mobile = n.p.mobile;
		new_grievance(g, &n.g, v, rng_chance(&g->r, 0.5) ? (int)f->g.cat : -1, n.p.roman);
		n.member = 0;
		break;
	}
	case K_NEG_DISTRICT: {
		/* a namesake in a same-named village of another district, the
		   same category, often the same father's name: only the
		   district and the mobile tell them apart */
		uint32_t v = namesake_village(g, p->village);
		namesake_of(g, &n.p, p, v);
		if (rng_chance(&g->r, 0.5))
			n.p.father = p->father;
		n.mobile = n.p.mobile;
		new_grievance(g, &n.g, v, (int)f->g.cat, n.p.roman);
		n.g.templ = f->g.templ;
		n.member = 0;
		break;
	}
	case K_NEG_FAR: {
		int32_t room = last_day(g) - f->day - g->o.window;
		delta = g->o.window + 1 +
			(int32_t)rng_below(&g->r, (uint32_t)(room < 150 ? room : 150));
		break;
	}
	}
	if (n.p.mobile == 9999999999ULL)
		n.p.mobile = n.mobile = new_mobile(g);
	schedule(g, slot, &n, delta);
}

/* A complaint filed for the first time; it may plan re-filings. */
static void fresh(struct gen *g, long long slot, struct filing *f)
{
	memset(f, 0, sizeof(*f));
	f->day = g->o.start + (int32_t)(slot * g->o.days / g->o.n);
	uint32_t village = rng_below(&g->r, g->nvillages);
	new_person(g, &f->p, village);
	new_grievance(g, &f->g, village, -1, f->p.roman);
	f->mobile = f->p.mobile;
	f->kind = K_UNIQUE;
	f->seed = rng_next(&g->r);
	long long room = g->o.n - slot - 1 - (long long)g->pending.nr;
	double u = rng_unit(&g->r);
	if (u >= g->p_group + g->p_neg || room < 4)
		return;
	if (f->p.mobile == 9999999999ULL)
		f->p.mobile = f->mobile = new_mobile(g);
	if (u < g->p_group)
		plan_group(g, slot, f);
	else
		plan_negative(g, slot, f);
}

/* ------------------------------------------------------------------ masters */

static void write_categories(const struct gen *g)
{
	FILE *f = open_or_die(g->o.categories);
	struct strbuf sb = STRBUF_INIT;
	strbuf_addstr(&sb, "Category,Department,L1 Days,L2 Days,L3 Days,L4 Days,L5 Days\n");
	for (size_t i = 0; i < COUNT(categories); i++) {
		const struct category *c = &categories[i];
		add_fieldstr(&sb, c->name);
		strbuf_addch(&sb, ',');
		add_fieldstr(&sb, departments[c->dept].name);
		for (int l = 0; l < 5; l++)
			strbuf_addf(&sb, ",%d", c->days[l]);
		strbuf_addch(&sb, '\n');
	}
	write_or_die(f, g->o.categories, &sb);
	strbuf_release(&sb);
	close_or_die(f, g->o.categories);
}

static void officer_row(struct gen *g, struct strbuf *sb, int d, int dept, int level, uint32_t t)
{
	add_officer(sb, d, dept, level, t);
	struct person p;
	new_person(g, &p, 0);
	strbuf_addstr(sb, ",");
	strbuf_addstr(sb, p.female ? female_all[p.first] : male_all[p.first]);
	strbuf_addch(sb, ' ');
	strbuf_addstr(sb, surname_at(p.sur));
	strbuf_addf(sb, ",%s,%d,%s,%s,%010llu,", departments[dept].desig[level - 1], level,
		    departments[dept].name, level == 4 ? "State" : districts[d].en,
		    (unsigned long long)new_mobile(g));
	if (level < 4)
		add_officer(sb, d, dept, level + 1, 0);
	strbuf_addch(sb, '\n');
}

static void write_officers(struct gen *g)
{
	FILE *f = open_or_die(g->o.officers);
	struct strbuf sb = STRBUF_INIT;
	strbuf_addstr(&sb,
		      "Officer ID,Name,Designation,Level,Department,District,Mobile,Reports To\n");
	for (int dept = 0; dept < (int)COUNT(departments); dept++) {
		for (int d = 0; d < (int)COUNT(districts); d++) {
			uint32_t nt = g->tehsil_base[d + 1] - g->tehsil_base[d];
			for (uint32_t t = 0; t < nt; t++)
				officer_row(g, &sb, d, dept, 1, t);
			officer_row(g, &sb, d, dept, 2, 0);
			officer_row(g, &sb, d, dept, 3, 0);
		}
		officer_row(g, &sb, 0, dept, 4, 0);
	}
	write_or_die(f, g->o.officers, &sb);
	strbuf_release(&sb);
	close_or_die(f, g->o.officers);
}

/* ------------------------------------------------------------------ main */

static const char usage_text[] =
	"usage: nkgen -n N [--seed S] [--start YYYY-MM-DD] [--days D] [--dup-rate R]\n"
	"             [--neg-rate R] [--window DAYS] [--snapshot-date YYYY-MM-DD]\n"
	"             --out complaints.csv --truth truth.csv\n"
	"             [--categories FILE] [--officers FILE]\n"
	"             [--movements FILE [--history-rows K]] [--xlsx-friendly]\n"
	"Writes N synthetic complaints with known duplicate groups and hard\n"
	"negatives; the truth file says which is which (see samples/README.md).\n";

static void usage_error(const char *fmt, const char *arg)
{
	fprintf(stderr, "nkgen: ");
	fprintf(stderr, fmt, arg);
	fprintf(stderr, "\n%s", usage_text);
	exit(2);
}

static double number_arg(const char *opt, const char *v, double lo, double hi)
{
	char *end;
	errno = 0;
	double x = strtod(v, &end);
	if (errno || end == v || *end || x < lo || x > hi) {
		fprintf(stderr, "nkgen: %s expects a number from %g to %g, found \"%s\"\n", opt, lo,
			hi, v);
		exit(2);
	}
	return x;
}

static void parse_args(int argc, char **argv, struct options *o)
{
	memset(o, 0, sizeof(*o));
	o->n = -1;
	o->seed = 1;
	o->days = 330;
	o->dup_rate = 0.08;
	o->neg_rate = 0.04;
	o->window = 90;
	parse_iso_date("2026-01-01", &o->start);
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
			fputs(usage_text, stdout);
			exit(0);
		}
		if (!strcmp(a, "--xlsx-friendly")) {
			o->xlsx_friendly = 1;
			continue;
		}
		if (i + 1 >= argc)
			usage_error("option %s needs a value", a);
		const char *v = argv[++i];
		if (!strcmp(a, "-n"))
			o->n = (long long)number_arg(a, v, 1, 1e9);
		else if (!strcmp(a, "--seed"))
			o->seed = (uint64_t)number_arg(a, v, 0, 1e18);
		else if (!strcmp(a, "--days"))
			o->days = (int)number_arg(a, v, 1, 36500);
		else if (!strcmp(a, "--dup-rate"))
			o->dup_rate = number_arg(a, v, 0, 0.6);
		else if (!strcmp(a, "--neg-rate"))
			o->neg_rate = number_arg(a, v, 0, 0.3);
		else if (!strcmp(a, "--window"))
			o->window = (int)number_arg(a, v, 1, 3650);
		else if (!strcmp(a, "--history-rows"))
			o->history_rows = (long long)number_arg(a, v, 0, 1e10);
		else if (!strcmp(a, "--start") || !strcmp(a, "--snapshot-date")) {
			int32_t *d = !strcmp(a, "--start") ? &o->start : &o->snapshot;
			if (parse_iso_date(v, d) < 0)
				usage_error("expected a date as YYYY-MM-DD, found \"%s\"", v);
			if (d == &o->snapshot)
				o->have_snapshot = 1;
		} else if (!strcmp(a, "--out"))
			o->out = v;
		else if (!strcmp(a, "--truth"))
			o->truth = v;
		else if (!strcmp(a, "--categories"))
			o->categories = v;
		else if (!strcmp(a, "--officers"))
			o->officers = v;
		else if (!strcmp(a, "--movements"))
			o->movements = v;
		else
			usage_error("unknown option %s", a);
	}
	if (o->n < 0)
		usage_error("%s", "-n N is required");
	if (!o->out || !o->truth)
		usage_error("%s", "--out and --truth are required");
	if (!o->have_snapshot)
		o->snapshot = o->start + o->days - 1;
}

static void gen_init(struct gen *g)
{
	rng_seed(&g->r, g->o.seed);
	uint32_t t = 0;
	for (size_t d = 0; d < COUNT(districts); d++) {
		g->tehsil_base[d] = t;
		for (int k = 0; k < 8 && districts[d].tehsil[k]; k++)
			t++;
	}
	g->tehsil_base[COUNT(districts)] = t;
	g->ntehsils = t;
	g->nvillages = t * VILLAGES_PER_TEHSIL;
	/* A group re-files 1.45 complaints on average; fresh slots are what
	   is left after the re-filings and the negatives. */
	double fresh_share = 1.0 - g->o.dup_rate - g->o.neg_rate;
	g->p_group = g->o.dup_rate / (1.45 * fresh_share);
	g->p_neg = g->o.neg_rate / fresh_share;
	strbuf_init(&g->row, 4096);
	strbuf_init(&g->tmp, 1024);
	strbuf_init(&g->tmp2, 256);
}

static void write_headers(struct gen *g)
{
	const char *eol = g->o.xlsx_friendly ? "\r\n" : "\n";
	if (g->o.xlsx_friendly)
		fputs("\xef\xbb\xbf", g->out);
	fprintf(g->out,
		"Complaint No,Registration Date,Complainant Name,Father/Husband Name,"
		"Mobile No,District,Tehsil,Village/Ward,Department,Category,Description,"
		"Current Level,Status,Officer ID,Current Level Since,Closing Date,"
		"Satisfaction,Previous Category,Category Change Date%s",
		eol);
	fputs("complaint_id,person_id,grievance_id,kind,dup_group,neg_of\n", g->truth);
	if (g->mov) {
		if (g->o.xlsx_friendly)
			fputs("\xef\xbb\xbf", g->mov);
		fprintf(g->mov,
			"Complaint No,Action Date,Action,From Level,To Level,"
			"From Officer,To Officer,Old Category,New Category,Remarks%s",
			eol);
	}
}

int main(int argc, char **argv)
{
	static struct gen g;
	parse_args(argc, argv, &g.o);
	names_init();
	gen_init(&g);
	double t0 = now_seconds();
	g.out = open_or_die(g.o.out);
	g.truth = open_or_die(g.o.truth);
	g.mov = g.o.movements ? open_or_die(g.o.movements) : NULL;
	write_headers(&g);
	size_t max_pending = 0;
	for (long long slot = 0; slot < g.o.n; slot++) {
		struct filing f;
		if (g.pending.nr &&
		    (g.pending.v[0].due <= slot || (long long)g.pending.nr >= g.o.n - slot))
			heap_pop(&g.pending, &f);
		else
			fresh(&g, slot, &f);
		emit(&g, slot, &f);
		if (g.pending.nr > max_pending)
			max_pending = g.pending.nr;
	}
	close_or_die(g.out, g.o.out);
	close_or_die(g.truth, g.o.truth);
	if (g.mov)
		close_or_die(g.mov, g.o.movements);
	if (g.o.categories)
		write_categories(&g);
	if (g.o.officers)
		write_officers(&g);
	fprintf(stderr, "nkgen: %lld complaints to %s in %.2f s (", g.o.n, g.o.out,
		now_seconds() - t0);
	for (int k = 0; k < K_COUNT; k++)
		fprintf(stderr, "%s%s %lld", k ? ", " : "", kind_names[k], g.kind_count[k]);
	fprintf(stderr, "); at most %zu re-filings pending", max_pending);
	if (g.mov)
		fprintf(stderr, "; %lld movements to %s", g.mov_rows, g.o.movements);
	fputc('\n', stderr);
	free(g.pending.v);
	strbuf_release(&g.row);
	strbuf_release(&g.tmp);
	strbuf_release(&g.tmp2);
	return 0;
}
