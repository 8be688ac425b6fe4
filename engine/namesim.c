/* namesim.c - weighted edit distances over aksharas and bridge letters. */
#include "engine/namesim.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "engine/normalize.h"

#define MAX_W 16
#define MAX_U 32

struct akshara {
	uint8_t cons[4]; /* code point - 0x900 */
	uint8_t ncons, vowel, nasal;
};

struct nword {
	const char *cmp, *bridge;
	size_t cmp_len, bridge_len;
	int deva, initial;
	double weight;
	struct akshara ak[MAX_U];
	size_t nak;
};

struct name_sim_scratch {
	struct nword w[2][MAX_W];
	size_t n[2];
	double sim[MAX_W][MAX_W];
	double row[2][MAX_U + 2][MAX_U + 2];
};

struct name_sim_scratch *name_sim_scratch_new(void)
{
	return xcalloc(1, sizeof(struct name_sim_scratch));
}

void name_sim_scratch_free(struct name_sim_scratch *s)
{
	free(s);
}

/* --- Devanagari aksharas ----------------------------------------------- */

/* Independent vowels as the sign they pair with (अ = inherent = 0). */
static uint8_t vowel_as_sign(uint32_t c)
{
	static const uint8_t map[0x15] = {
		[0x05] = 0,    [0x06] = 0x3E, [0x07] = 0x3F, [0x08] = 0x40, [0x09] = 0x41,
		[0x0A] = 0x42, [0x0D] = 0x45, [0x0E] = 0x46, [0x0F] = 0x47, [0x10] = 0x48,
		[0x11] = 0x49, [0x12] = 0x4A, [0x13] = 0x4B, [0x14] = 0x4C,
	};
	return c - 0x900 < 0x15 ? map[c - 0x900] : 0;
}

/*
 * Clusters that clerks spell another way: क्ष as छ (लक्ष्मी / लछमी), ज्ञ as
 * ग्य, ह्म as म्ह (ब्रह्मा / ब्रम्हा). Only for scoring; keys keep them.
 */
static void fold_cluster(struct akshara *a)
{
	for (int k = 0; k + 1 < a->ncons; k++) {
		uint8_t p = a->cons[k], q = a->cons[k + 1];
		if (p == 0x15 && q == 0x37) {
			a->cons[k] = 0x1B;
			memmove(a->cons + k + 1, a->cons + k + 2, (size_t)(a->ncons - k - 2));
			a->ncons--;
		} else if (p == 0x1C && q == 0x1E) {
			a->cons[k] = 0x17;
			a->cons[k + 1] = 0x2F;
		} else if (p == 0x39 && q == 0x2E) {
			a->cons[k] = 0x2E;
			a->cons[k + 1] = 0x39;
		}
	}
}

static size_t parse_aksharas(const char *s, size_t len, struct akshara *ak)
{
	uint32_t cps[MAX_U * 4];
	size_t n = 0, nak = 0;
	const unsigned char *p = (const unsigned char *)s;
	for (size_t i = 0; i < len && n < MAX_U * 4;) {
		uint32_t c = p[i];
		if (c >= 0xE0 && i + 2 < len) {
			c = ((c & 0x0F) << 12) | ((p[i + 1] & 0x3F) << 6) | (p[i + 2] & 0x3F);
			i += 3;
		} else {
			i += c < 0x80 ? 1 : c < 0xE0 ? 2 : 4;
		}
		cps[n++] = c;
	}
	int joined = 0; /* the last consonant carried a virama */
	for (size_t i = 0; i < n; i++) {
		uint32_t c = cps[i];
		struct akshara *cur = nak ? &ak[nak - 1] : NULL;
		int cons = c >= 0x915 && c <= 0x939;
		if (cons && joined && cur && cur->ncons < 4) {
			cur->cons[cur->ncons++] = (uint8_t)(c - 0x900);
			joined = 0;
			continue;
		}
		joined = 0;
		if (c == 0x94D) {
			joined = 1;
			continue;
		}
		if (c == 0x902) {
			if (cur)
				cur->nasal = 1;
			continue;
		}
		if (c >= 0x93E && c <= 0x94C && cur && cur->ncons && !cur->vowel) {
			cur->vowel = (uint8_t)(c - 0x900);
			continue;
		}
		if (nak == MAX_U)
			break;
		struct akshara *a = &ak[nak++];
		memset(a, 0, sizeof(*a));
		if (cons || !norm_is_deva(c)) {
			a->cons[0] = (uint8_t)(cons ? c - 0x900 : c & 0xFF);
			a->ncons = 1;
		} else if (c >= 0x93E && c <= 0x94C) {
			a->vowel = (uint8_t)(c - 0x900);
		} else {
			a->vowel = vowel_as_sign(c);
		}
	}
	for (size_t i = 0; i < nak; i++)
		fold_cluster(&ak[i]);
	return nak;
}

/* Phonetic class of a consonant: letters clerks swap share a class. */
static int cons_class(uint8_t c)
{
	switch (c) {
	case 0x15:
	case 0x16: return 'k';
	case 0x17:
	case 0x18: return 'g';
	case 0x1A:
	case 0x1B: return 'c';
	case 0x1C:
	case 0x1D: return 'j';
	case 0x1F:
	case 0x20:
	case 0x24:
	case 0x25: return 't';
	case 0x21:
	case 0x22:
	case 0x26:
	case 0x27: return 'd';
	case 0x19:
	case 0x1E:
	case 0x23:
	case 0x28: return 'n';
	case 0x2A:
	case 0x2B: return 'p';
	case 0x2C:
	case 0x2D:
	case 0x35: return 'b';
	case 0x32:
	case 0x33: return 'l';
	case 0x36:
	case 0x37:
	case 0x38: return 's';
	}
	return 0x100 + c;
}

static int voicing_pair(int a, int b)
{
	return (a == 'k' && b == 'g') || (a == 'g' && b == 'k') || (a == 'c' && b == 'j') ||
	       (a == 'j' && b == 'c') || (a == 't' && b == 'd') || (a == 'd' && b == 't') ||
	       (a == 'p' && b == 'b') || (a == 'b' && b == 'p');
}

static double cons_cost(uint8_t a, uint8_t b)
{
	if (a == b)
		return 0;
	int ca = cons_class(a), cb = cons_class(b);
	if (ca == cb)
		return 0.3;
	return voicing_pair(ca, cb) ? 0.6 : 1.0;
}

static double min3(double a, double b, double c)
{
	double m = a < b ? a : b;
	return m < c ? m : c;
}

/* Consonant clusters: a half letter present or absent (्व, ्य, ्) is cheap. */
static double cluster_cost(const struct akshara *a, const struct akshara *b)
{
	double d[5][5];
	for (int i = 0; i <= a->ncons; i++)
		d[i][0] = 0.45 * i;
	for (int j = 0; j <= b->ncons; j++)
		d[0][j] = 0.45 * j;
	for (int i = 1; i <= a->ncons; i++)
		for (int j = 1; j <= b->ncons; j++)
			d[i][j] = min3(d[i - 1][j] + 0.45, d[i][j - 1] + 0.45,
				       d[i - 1][j - 1] + cons_cost(a->cons[i - 1], b->cons[j - 1]));
	if (a->ncons == 0 || b->ncons == 0)
		return a->ncons == b->ncons ? 0 : 1.0;
	return d[a->ncons][b->ncons];
}

static int vpair(uint8_t a, uint8_t b, uint8_t x, uint8_t y)
{
	return (a == x && b == y) || (a == y && b == x);
}

static double vowel_cost(uint8_t a, uint8_t b)
{
	if (a == b)
		return 0;
	if (vpair(a, b, 0, 0x3E) || vpair(a, b, 0x3F, 0x40) || vpair(a, b, 0x41, 0x42) ||
	    vpair(a, b, 0x47, 0x48) || vpair(a, b, 0x4B, 0x4C) || vpair(a, b, 0x49, 0x4B) ||
	    vpair(a, b, 0x49, 0x3E))
		return 0.3;
	if (vpair(a, b, 0x3F, 0x47) || vpair(a, b, 0x40, 0x47) || vpair(a, b, 0x41, 0x4B) ||
	    vpair(a, b, 0x42, 0x4B))
		return 0.6;
	return 0.8;
}

static double akshara_cost(const struct akshara *a, const struct akshara *b)
{
	double c = cluster_cost(a, b) + vowel_cost(a->vowel, b->vowel) +
		   (a->nasal != b->nasal ? 0.2 : 0);
	return c < 1 ? c : 1;
}

static double akshara_indel(const struct akshara *a)
{
	return a->ncons ? 1.0 : 0.6; /* a stray vowel (य/ी, अ/आ) */
}

/*
 * A half letter against a full one (् present or absent: पुष्पा / पुशपा,
 * धर्मेन्द्र / धरमेन्द्र): one akshara whole against two, the first of
 * which is bare consonants with the inherent a.
 */
static double split_cost(const struct akshara *whole, const struct akshara *first,
			 const struct akshara *second)
{
	if (first->vowel || first->nasal || !first->ncons || !second->ncons ||
	    whole->ncons != first->ncons + second->ncons)
		return 9;
	double c = 0.3;
	for (int k = 0; k < first->ncons; k++)
		c += cons_cost(whole->cons[k], first->cons[k]);
	struct akshara rest = *whole;
	memmove(rest.cons, whole->cons + first->ncons, second->ncons);
	rest.ncons = second->ncons;
	return c + akshara_cost(&rest, second);
}

static double deva_sim(struct name_sim_scratch *s, const struct nword *x, const struct nword *y)
{
	double(*d)[MAX_U + 2] = s->row[0];
	size_t n = x->nak, m = y->nak;
	if (!n || !m)
		return n == m;
	d[0][0] = 0;
	for (size_t i = 1; i <= n; i++)
		d[i][0] = d[i - 1][0] + akshara_indel(&x->ak[i - 1]);
	for (size_t j = 1; j <= m; j++)
		d[0][j] = d[0][j - 1] + akshara_indel(&y->ak[j - 1]);
	for (size_t i = 1; i <= n; i++)
		for (size_t j = 1; j <= m; j++) {
			d[i][j] =
				min3(d[i - 1][j] + akshara_indel(&x->ak[i - 1]),
				     d[i][j - 1] + akshara_indel(&y->ak[j - 1]),
				     d[i - 1][j - 1] + akshara_cost(&x->ak[i - 1], &y->ak[j - 1]));
			if (j > 1) {
				double v = d[i - 1][j - 2] +
					   split_cost(&x->ak[i - 1], &y->ak[j - 2], &y->ak[j - 1]);
				if (v < d[i][j])
					d[i][j] = v;
			}
			if (i > 1) {
				double v = d[i - 2][j - 1] +
					   split_cost(&y->ak[j - 1], &x->ak[i - 2], &x->ak[i - 1]);
				if (v < d[i][j])
					d[i][j] = v;
			}
		}
	double sim = 1 - d[n][m] / (double)(n > m ? n : m);
	return sim > 0 ? sim : 0;
}

/* --- bridge words ------------------------------------------------------ */

static int is_vowel(char c)
{
	return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u';
}

static int pair_is(char a, char b, char x, char y)
{
	return (a == x && b == y) || (a == y && b == x);
}

static double sub_cost(char a, char b)
{
	if (a == b)
		return 0;
	if (is_vowel(a) && is_vowel(b)) {
		if (pair_is(a, b, 'i', 'e') || pair_is(a, b, 'o', 'u'))
			return 0.4;
		if (pair_is(a, b, 'a', 'e'))
			return 0.5;
		return pair_is(a, b, 'a', 'o') ? 0.6 : 0.7;
	}
	if (pair_is(a, b, 'v', 'b'))
		return 0.3;
	if (pair_is(a, b, 'y', 'i'))
		return 0.4;
	if (pair_is(a, b, 'k', 'g') || pair_is(a, b, 't', 'd') || pair_is(a, b, 'p', 'b') ||
	    pair_is(a, b, 'n', 'm') || pair_is(a, b, 'y', 'e') || pair_is(a, b, 'v', 'u'))
		return 0.5;
	if (pair_is(a, b, 'r', 'd') || pair_is(a, b, 'j', 'y'))
		return 0.6;
	return 1.0;
}

static double indel_cost(char c)
{
	switch (c) {
	case 'h': /* aspiration, sh/s */ return 0.3;
	case 'a': /* schwa kept or dropped */ return 0.4;
	case 'y': return 0.5;
	case 'n': /* anusvara present or absent */ return 0.6;
	}
	return is_vowel(c) ? 0.6 : 1.0;
}

static double bridge_sim(struct name_sim_scratch *s, const struct nword *x, const struct nword *y)
{
	double(*d)[MAX_U + 2] = s->row[1];
	size_t n = x->bridge_len < MAX_U ? x->bridge_len : MAX_U;
	size_t m = y->bridge_len < MAX_U ? y->bridge_len : MAX_U;
	const char *a = x->bridge, *b = y->bridge;
	d[0][0] = 0;
	for (size_t i = 1; i <= n; i++)
		d[i][0] = d[i - 1][0] + indel_cost(a[i - 1]);
	for (size_t j = 1; j <= m; j++)
		d[0][j] = d[0][j - 1] + indel_cost(b[j - 1]);
	for (size_t i = 1; i <= n; i++)
		for (size_t j = 1; j <= m; j++) {
			double v = min3(d[i - 1][j] + indel_cost(a[i - 1]),
					d[i][j - 1] + indel_cost(b[j - 1]),
					d[i - 1][j - 1] + sub_cost(a[i - 1], b[j - 1]));
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
			    d[i - 2][j - 2] + 0.6 < v)
				v = d[i - 2][j - 2] + 0.6;
			d[i][j] = v;
		}
	double len = (double)(n > m ? n : m) * 0.5;
	double sim = 1 - d[n][m] / (len > 2 ? len : 2);
	return sim > 0 ? sim : 0;
}

/* --- words and the pairing --------------------------------------------- */

static const char *const optional_words[] = {"kumar", "kumari", "devi", "bai", "lal", "sinh", NULL};

static int next_word(const char **p, const char **w, size_t *len)
{
	while (**p == ' ')
		(*p)++;
	if (!**p)
		return 0;
	*w = *p;
	while (**p && **p != ' ')
		(*p)++;
	*len = (size_t)(*p - *w);
	return 1;
}

static size_t count_words(const char *s)
{
	const char *w;
	size_t n = 0, l;
	while (next_word(&s, &w, &l))
		n++;
	return n;
}

static size_t load_words(struct nword *out, const char *cmp, const char *bridge)
{
	if (count_words(cmp) != count_words(bridge))
		cmp = bridge; /* damaged row: trust the bridge alone */
	size_t n = 0;
	const char *w, *b;
	size_t wl, bl;
	while (n < MAX_W && next_word(&cmp, &w, &wl) && next_word(&bridge, &b, &bl)) {
		struct nword *x = &out[n++];
		x->cmp = w;
		x->cmp_len = wl;
		x->bridge = b;
		x->bridge_len = bl;
		x->initial = w[wl - 1] == '.';
		x->deva = (unsigned char)w[0] == 0xE0 &&
			  ((unsigned char)w[1] == 0xA4 || (unsigned char)w[1] == 0xA5);
		x->nak = x->deva && !x->initial ? parse_aksharas(w, wl, x->ak) : 0;
		x->weight = x->initial ? 0.5 : 1.0;
		for (const char *const *o = optional_words; *o; o++)
			if (strlen(*o) == bl && memcmp(*o, b, bl) == 0)
				x->weight = 0.35;
	}
	return n;
}

enum { F_CROSS = 1, F_INITIAL = 2, F_TYPO = 4, F_ORDER = 8, F_MISSING = 16, F_WEAK_WORD = 32 };

/*
 * Two full words that begin with other sounds (not a confusion clerks make:
 * v/b, k/g ...) and are not alike enough to be one are two names, however
 * alike the rest is, the surname above all: विजय / संजय (0.67), मोहन / सोहन.
 * Typing mistakes seldom touch the first letter (पूजा / पुज, शर्मा / सर्म,
 * गौरी / कौरी stay one name).
 */
static int other_names(const struct nword *x, const struct nword *y, double sim)
{
	return sim < NAME_SAME_THRESHOLD && x->weight == 1 && y->weight == 1 && x->bridge_len &&
	       y->bridge_len && sub_cost(x->bridge[0], y->bridge[0]) >= 1.0;
}

static double word_sim(struct name_sim_scratch *s, const struct nword *x, const struct nword *y,
		       unsigned *f)
{
	if (x->cmp_len == y->cmp_len && memcmp(x->cmp, y->cmp, x->cmp_len) == 0)
		return 1;
	if (x->initial || y->initial) {
		if (x->bridge[0] != y->bridge[0])
			return 0;
		if (x->initial && y->initial)
			return 1;
		*f |= F_INITIAL;
		return 0.7;
	}
	if (x->deva && y->deva)
		return deva_sim(s, x, y);
	if (x->deva != y->deva)
		*f |= F_CROSS;
	return bridge_sim(s, x, y);
}

/* Greedy best-first pairing of words; returns the weighted score. */
static double pair_words(struct name_sim_scratch *s, unsigned *flags)
{
	size_t na = s->n[0], nb = s->n[1];
	unsigned pf[MAX_W][MAX_W];
	int ua[MAX_W] = {0}, ub[MAX_W] = {0};
	for (size_t i = 0; i < na; i++)
		for (size_t j = 0; j < nb; j++) {
			pf[i][j] = 0;
			s->sim[i][j] = word_sim(s, &s->w[0][i], &s->w[1][j], &pf[i][j]);
		}
	double got = 0, total = 0;
	int last_j = -1;
	size_t matched[MAX_W];
	int match_of[MAX_W];
	size_t nm = 0;
	for (;;) {
		double best = 0.5 - 1e-9;
		int bi = -1, bj = -1;
		for (size_t i = 0; i < na; i++)
			for (size_t j = 0; j < nb; j++)
				if (!ua[i] && !ub[j] && s->sim[i][j] > best) {
					best = s->sim[i][j];
					bi = (int)i;
					bj = (int)j;
				}
		if (bi < 0)
			break;
		ua[bi] = ub[bj] = 1;
		got += best * (s->w[0][bi].weight + s->w[1][bj].weight);
		*flags |= pf[bi][bj] | (best < 1 ? F_TYPO : 0);
		if (other_names(&s->w[0][bi], &s->w[1][bj], best))
			*flags |= F_WEAK_WORD;
		matched[nm] = (size_t)bi;
		match_of[nm++] = bj;
	}
	/*
	 * Kumar, Devi ... added on one side only cost a fixed 8% each; when
	 * both sides have a word of their own (Kumar / Singh) every word
	 * counts with its weight.
	 */
	int left_a = 0, left_b = 0, heavy = 0;
	for (size_t i = 0; i < na; i++) {
		left_a += !ua[i];
		heavy |= !ua[i] && s->w[0][i].weight > 0.35;
	}
	for (size_t j = 0; j < nb; j++) {
		left_b += !ub[j];
		heavy |= !ub[j] && s->w[1][j].weight > 0.35;
	}
	int lenient = !heavy && !(left_a && left_b);
	double factor = 1;
	for (int side = 0; side < 2; side++)
		for (size_t i = 0; i < s->n[side]; i++) {
			int used = side ? ub[i] : ua[i];
			if (!used && lenient)
				factor *= 0.92;
			else
				total += s->w[side][i].weight;
		}
	*flags |= (left_a || left_b) ? F_MISSING : 0;
	for (size_t k = 0; k < na; k++) /* order: walk a's words in order */
		for (size_t t = 0; t < nm; t++)
			if (matched[t] == k) {
				if (match_of[t] < last_j)
					*flags |= F_ORDER;
				last_j = match_of[t];
			}
	return total > 0 ? factor * got / total : 0;
}

/*
 * "Saideep" and "साई दीप": compare the words run together, a little below
 * a word-by-word match. Only when the word counts differ.
 */
static double joined_sim(struct name_sim_scratch *s, const char *bridge_a, const char *bridge_b)
{
	struct nword x = {0}, y = {0};
	char ja[MAX_U + 1], jb[MAX_U + 1];
	size_t na = 0, nb = 0;
	for (const char *p = bridge_a; *p; p++)
		if (*p != ' ' && *p != '.' && na <= MAX_U)
			ja[na++] = *p;
	for (const char *p = bridge_b; *p; p++)
		if (*p != ' ' && *p != '.' && nb <= MAX_U)
			jb[nb++] = *p;
	if (na > MAX_U || nb > MAX_U || !na || !nb)
		return 0;
	x.bridge = ja;
	x.bridge_len = na;
	y.bridge = jb;
	y.bridge_len = nb;
	return 0.95 * bridge_sim(s, &x, &y);
}

double name_similarity(const char *cmp_a, const char *bridge_a, const char *cmp_b,
		       const char *bridge_b, struct name_sim_scratch *s, enum name_reason *why)
{
	enum name_reason r;
	double score;
	unsigned f = 0;
	s->n[0] = load_words(s->w[0], cmp_a, bridge_a);
	s->n[1] = load_words(s->w[1], cmp_b, bridge_b);
	if (!s->n[0] || !s->n[1]) {
		r = NSIM_NO_NAME;
		score = 0;
	} else if (strcmp(cmp_a, cmp_b) == 0) {
		r = NSIM_EXACT;
		score = 1;
	} else {
		score = pair_words(s, &f);
		if ((f & F_INITIAL) && score > 0.75)
			score = 0.75; /* initials are weak evidence */
		if ((f & F_WEAK_WORD) && score >= NAME_SAME_THRESHOLD)
			score = NAME_SAME_THRESHOLD - 0.01; /* one given name for another */
		/* other word counts: maybe a space typed inside a word ("श र्मा",
		 * whose श would pass for an initial) or left out */
		if (s->n[0] != s->n[1]) {
			double j = joined_sim(s, bridge_a, bridge_b);
			if (j > score) {
				score = j;
				f = F_MISSING | F_TYPO;
				for (size_t i = 0; i < s->n[0]; i++)
					if (s->w[0][i].deva != s->w[1][0].deva)
						f |= F_CROSS;
			}
		}
		if (f & F_INITIAL) {
			r = score >= 0.5 ? NSIM_INITIALS : NSIM_DIFFERENT;
		} else if (score < NAME_SAME_THRESHOLD) {
			r = NSIM_DIFFERENT;
		} else if (f & F_CROSS) {
			r = NSIM_OTHER_SCRIPT;
		} else if (f & F_MISSING) {
			r = NSIM_WORD_MISSING;
		} else if (f & F_TYPO) {
			r = NSIM_TYPO;
		} else {
			r = (f & F_ORDER) ? NSIM_ORDER : NSIM_EXACT;
		}
	}
	if (why)
		*why = r;
	return score;
}

const char *name_reason_name(enum name_reason r)
{
	static const char *const names[] = {
		"exact",        "typo",     "other-script", "order-swapped",
		"word-missing", "initials", "different",    "no-name",
	};
	return (unsigned)r < 8 ? names[r] : "different";
}

const char *name_reason_phrase(enum name_reason r)
{
	static const char *const phrases[] = {
		"वही नाम / same name",
		"नाम में टाइपिंग भिन्नता / typing difference in the name",
		"नाम दूसरी लिपि में / name in the other script",
		"नाम के शब्द आगे-पीछे / name words in another order",
		"नाम में एक शब्द कम-ज़्यादा / a word of the name missing",
		"केवल आद्याक्षर मिलते हैं / only initials agree",
		"नाम अलग / different name",
		"नाम नहीं दिया / no name given",
	};
	return (unsigned)r < 8 ? phrases[r] : phrases[NSIM_DIFFERENT];
}

/* --- raw names ---------------------------------------------------------- */

struct name_compare_ctx {
	struct name_scratch a, b;
	struct name_sim_scratch sim;
};

struct name_compare_ctx *name_compare_new(void)
{
	struct name_compare_ctx *c = xcalloc(1, sizeof(*c));
	name_scratch_init(&c->a);
	name_scratch_init(&c->b);
	return c;
}

void name_compare_free(struct name_compare_ctx *c)
{
	if (!c)
		return;
	name_scratch_release(&c->a);
	name_scratch_release(&c->b);
	free(c);
}

int name_compare(struct name_compare_ctx *c, const char *a, size_t alen, const char *b, size_t blen,
		 struct name_verdict *out)
{
	struct name_keys ka, kb;
	memset(out, 0, sizeof(*out));
	out->reason = NSIM_NO_NAME;
	if (name_keys(a, alen, &c->a, &ka) < 0 || name_keys(b, blen, &c->b, &kb) < 0) {
		const struct name_keys *bad = ka.error ? &ka : &kb;
		out->bad_side = ka.error ? 1 : 2;
		out->error = bad->error;
		out->error_at = bad->error_at;
		return -1;
	}
	out->score = name_similarity(ka.cmp, ka.bridge, kb.cmp, kb.bridge, &c->sim, &out->reason);
	out->same = out->score >= NAME_SAME_THRESHOLD;
	return 0;
}
