/* translit.c - the transliteration tables and the rules that read them. */
#include "engine/translit.h"

#include <pthread.h>
#include <string.h>

#include "engine/normalize.h"

enum dv_kind {
	DV_OTHER = 0, /* dropped: avagraha, visarga, nukta, signs we ignore */
	DV_CONS,      /* consonant with an inherent a */
	DV_VOWEL,     /* independent vowel */
	DV_SIGN,      /* dependent vowel sign */
	DV_VIRAMA,
	DV_NASAL, /* anusvara, chandrabindu */
	DV_DIGIT,
};

struct dv_entry {
	unsigned char kind;
	const char *roman;
};

/*
 * Devanagari U+0900..U+097F. Retroflex and dental stops share a letter
 * because romanised names never distinguish them; every nasal is n; long
 * and short vowels share one letter because romanisation is inconsistent
 * (Aakash/Akash). ज्ञ is handled in the reader (gy).
 */
static const struct dv_entry dv_table[128] = {
	[0x01] = {DV_NASAL, "n"},  [0x02] = {DV_NASAL, "n"},  [0x05] = {DV_VOWEL, "a"},
	[0x06] = {DV_VOWEL, "a"},  [0x07] = {DV_VOWEL, "i"},  [0x08] = {DV_VOWEL, "i"},
	[0x09] = {DV_VOWEL, "u"},  [0x0A] = {DV_VOWEL, "u"},  [0x0B] = {DV_VOWEL, "ri"},
	[0x0C] = {DV_VOWEL, "li"}, [0x0D] = {DV_VOWEL, "e"},  [0x0E] = {DV_VOWEL, "e"},
	[0x0F] = {DV_VOWEL, "e"},  [0x10] = {DV_VOWEL, "ai"}, [0x11] = {DV_VOWEL, "o"},
	[0x12] = {DV_VOWEL, "o"},  [0x13] = {DV_VOWEL, "o"},  [0x14] = {DV_VOWEL, "au"},
	[0x15] = {DV_CONS, "k"},   [0x16] = {DV_CONS, "kh"},  [0x17] = {DV_CONS, "g"},
	[0x18] = {DV_CONS, "gh"},  [0x19] = {DV_CONS, "n"},   [0x1A] = {DV_CONS, "ch"},
	[0x1B] = {DV_CONS, "chh"}, [0x1C] = {DV_CONS, "j"},   [0x1D] = {DV_CONS, "jh"},
	[0x1E] = {DV_CONS, "n"},   [0x1F] = {DV_CONS, "t"},   [0x20] = {DV_CONS, "th"},
	[0x21] = {DV_CONS, "d"},   [0x22] = {DV_CONS, "dh"},  [0x23] = {DV_CONS, "n"},
	[0x24] = {DV_CONS, "t"},   [0x25] = {DV_CONS, "th"},  [0x26] = {DV_CONS, "d"},
	[0x27] = {DV_CONS, "dh"},  [0x28] = {DV_CONS, "n"},   [0x29] = {DV_CONS, "n"},
	[0x2A] = {DV_CONS, "p"},   [0x2B] = {DV_CONS, "ph"},  [0x2C] = {DV_CONS, "b"},
	[0x2D] = {DV_CONS, "bh"},  [0x2E] = {DV_CONS, "m"},   [0x2F] = {DV_CONS, "y"},
	[0x30] = {DV_CONS, "r"},   [0x31] = {DV_CONS, "r"},   [0x32] = {DV_CONS, "l"},
	[0x33] = {DV_CONS, "l"},   [0x34] = {DV_CONS, "l"},   [0x35] = {DV_CONS, "v"},
	[0x36] = {DV_CONS, "sh"},  [0x37] = {DV_CONS, "sh"},  [0x38] = {DV_CONS, "s"},
	[0x39] = {DV_CONS, "h"},   [0x3E] = {DV_SIGN, "a"},   [0x3F] = {DV_SIGN, "i"},
	[0x40] = {DV_SIGN, "i"},   [0x41] = {DV_SIGN, "u"},   [0x42] = {DV_SIGN, "u"},
	[0x43] = {DV_SIGN, "ri"},  [0x44] = {DV_SIGN, "ri"},  [0x45] = {DV_SIGN, "e"},
	[0x46] = {DV_SIGN, "e"},   [0x47] = {DV_SIGN, "e"},   [0x48] = {DV_SIGN, "ai"},
	[0x49] = {DV_SIGN, "o"},   [0x4A] = {DV_SIGN, "o"},   [0x4B] = {DV_SIGN, "o"},
	[0x4C] = {DV_SIGN, "au"},  [0x4D] = {DV_VIRAMA, ""},  [0x58] = {DV_CONS, "k"},
	[0x59] = {DV_CONS, "kh"},  [0x5A] = {DV_CONS, "g"},   [0x5B] = {DV_CONS, "j"},
	[0x5C] = {DV_CONS, "d"},   [0x5D] = {DV_CONS, "dh"},  [0x5E] = {DV_CONS, "ph"},
	[0x5F] = {DV_CONS, "y"},   [0x60] = {DV_VOWEL, "ri"}, [0x61] = {DV_VOWEL, "li"},
	[0x62] = {DV_SIGN, "li"},  [0x63] = {DV_SIGN, "li"},  [0x66] = {DV_DIGIT, "0"},
	[0x67] = {DV_DIGIT, "1"},  [0x68] = {DV_DIGIT, "2"},  [0x69] = {DV_DIGIT, "3"},
	[0x6A] = {DV_DIGIT, "4"},  [0x6B] = {DV_DIGIT, "5"},  [0x6C] = {DV_DIGIT, "6"},
	[0x6D] = {DV_DIGIT, "7"},  [0x6E] = {DV_DIGIT, "8"},  [0x6F] = {DV_DIGIT, "9"},
	[0x72] = {DV_VOWEL, "a"},  [0x73] = {DV_VOWEL, "o"},  [0x74] = {DV_VOWEL, "o"},
	[0x75] = {DV_VOWEL, "au"}, [0x76] = {DV_VOWEL, "u"},  [0x77] = {DV_VOWEL, "u"},
};

/*
 * Romanised spelling rules, tried longest first at each position. "$" at
 * the end of a pattern means "only at the end of the word".
 */
struct latin_rule {
	const char *from, *to;
};
static const struct latin_rule latin_rules[] = {
	{"ngh$", "nh"},                             /* Singh = सिंह */
	{"oque$", "ak"}, {"que$", "k"},             /* Bengali Hoque, Haque = हक */
	{"mbh", "nbh"}, {"mb", "nb"}, {"mp", "np"}, /* anusvara before a labial */
	{"ck", "k"},    {"ch", "ch"}, {"ee", "i"},  {"oo", "u"},  {"aa", "a"},
	{"ii", "i"},    {"uu", "u"},  {"ou", "au"}, {"x", "ksh"}, {"q", "k"},
	{"z", "j"},     {"w", "v"},   {"f", "ph"},  {"c", "k"},
};

/* Letter names of the English alphabet, as Hindi writes initials. */
static const struct {
	const char *deva;
	char letter;
} letter_names[] = {
	{"ए", 'a'},   {"बी", 'b'},  {"सी", 'c'}, {"डी", 'd'}, {"ई", 'e'},    {"एफ", 'f'},
	{"जी", 'g'},  {"एच", 'h'},  {"आई", 'i'}, {"जे", 'j'},  {"के", 'k'},    {"एल", 'l'},
	{"एम", 'm'},  {"एन", 'n'},  {"ओ", 'o'},  {"पी", 'p'}, {"क्यू", 'q'},   {"आर", 'r'},
	{"एस", 's'},  {"टी", 't'},  {"यू", 'u'},  {"वी", 'v'}, {"डब्ल्यू", 'w'}, {"डब्लू", 'w'},
	{"एक्स", 'x'}, {"वाई", 'y'}, {"जेड", 'z'},
};

/*
 * One word's output, written straight into a strbuf that was grown for the
 * longest output the word can give (strbuf_addch per byte was a tenth of
 * name_keys). start is where the word began, for collapsing doubles.
 */
struct wout {
	char *p, *start;
};

static struct wout wout_begin(struct strbuf *out, size_t most)
{
	strbuf_grow(out, most);
	return (struct wout){out->buf + out->len, out->buf + out->len};
}

static void wout_end(struct strbuf *out, const struct wout *o)
{
	strbuf_setlen(out, (size_t)(o->p - out->buf));
}

/* Appends c unless it repeats the last byte written for this word. */
static inline void put_collapsed(struct wout *o, char c)
{
	if (o->p > o->start && o->p[-1] == c)
		return;
	*o->p++ = c;
}

static inline void put_str(struct wout *o, const char *s)
{
	for (; *s; s++)
		put_collapsed(o, *s);
}

/* A code point outside ASCII, copied as UTF-8 (never collapsed). */
static void put_utf8(struct wout *o, uint32_t c)
{
	unsigned char *d = (unsigned char *)o->p;
	if (c < 0x800) {
		*d++ = (unsigned char)(0xC0 | (c >> 6));
	} else if (c < 0x10000) {
		*d++ = (unsigned char)(0xE0 | (c >> 12));
		*d++ = (unsigned char)(0x80 | ((c >> 6) & 0x3F));
	} else {
		*d++ = (unsigned char)(0xF0 | (c >> 18));
		*d++ = (unsigned char)(0x80 | ((c >> 12) & 0x3F));
		*d++ = (unsigned char)(0x80 | ((c >> 6) & 0x3F));
	}
	*d++ = (unsigned char)(0x80 | (c & 0x3F));
	o->p = (char *)d;
}

enum { V_NONE = 0, V_INHERENT = 1 };

struct dv_unit {
	const char *cons;  /* "" for an independent vowel */
	const char *vowel; /* roman vowel, or NULL with vflag */
	int vflag;         /* V_NONE (virama or deleted), V_INHERENT */
	int nasal;
};

static int unit_has_vowel(const struct dv_unit *u)
{
	return u->vowel || u->vflag == V_INHERENT;
}

/*
 * Hindi drops the inherent a at the end of a word and in V C a C V
 * (कमला -> kamla). Right to left, so an a already dropped keeps the one
 * before it (the usual heuristic; compounds stay imperfect and the
 * distance in namesim.c forgives a single a).
 */
static void delete_schwas(struct dv_unit *u, size_t n)
{
	if (n > 1 && u[n - 1].cons[0] && u[n - 1].vflag == V_INHERENT && !u[n - 1].vowel &&
	    !u[n - 1].nasal)
		u[n - 1].vflag = V_NONE;
	for (size_t i = n >= 2 ? n - 2 : 0; i >= 1 && i < n; i--) {
		struct dv_unit *c = &u[i];
		if (!c->cons[0] || c->vowel || c->vflag != V_INHERENT || c->nasal)
			continue;
		if (!unit_has_vowel(&u[i - 1]))
			continue;
		if (!u[i + 1].cons[0] || !unit_has_vowel(&u[i + 1]))
			continue;
		c->vflag = V_NONE;
	}
}

#define MAX_UNITS 64

static size_t read_units(const uint32_t *cp, size_t n, struct dv_unit *u)
{
	size_t nu = 0;
	for (size_t i = 0; i < n && nu < MAX_UNITS; i++) {
		uint32_t c = cp[i];
		const struct dv_entry *e = (c >= 0x900 && c <= 0x97F) ? &dv_table[c - 0x900] : NULL;
		int kind = e ? e->kind : DV_OTHER;
		struct dv_unit *last = nu ? &u[nu - 1] : NULL;
		switch (kind) {
		case DV_CONS:
			/* ज्ञ is said gy in Hindi and spelt Gyan in Latin */
			if (c == 0x91C && i + 2 < n && cp[i + 1] == 0x94D && cp[i + 2] == 0x91E) {
				u[nu++] = (struct dv_unit){"gy", NULL, V_INHERENT, 0};
				i += 2;
				break;
			}
			u[nu++] = (struct dv_unit){e->roman, NULL, V_INHERENT, 0};
			break;
		case DV_DIGIT: u[nu++] = (struct dv_unit){e->roman, NULL, V_NONE, 0}; break;
		case DV_VOWEL: u[nu++] = (struct dv_unit){"", e->roman, V_NONE, 0}; break;
		case DV_SIGN:
			if (last && last->cons[0] && !last->vowel && last->vflag == V_INHERENT)
				last->vowel = e->roman;
			else
				u[nu++] = (struct dv_unit){"", e->roman, V_NONE, 0};
			break;
		case DV_VIRAMA:
			if (last && !last->vowel)
				last->vflag = V_NONE;
			break;
		case DV_NASAL:
			if (last)
				last->nasal = 1;
			break;
		default: break;
		}
	}
	return nu;
}

static void bridge_deva(const uint32_t *cp, size_t n, struct wout *o)
{
	struct dv_unit u[MAX_UNITS];
	size_t nu = read_units(cp, n, u);
	delete_schwas(u, nu);
	for (size_t i = 0; i < nu; i++) {
		put_str(o, u[i].cons);
		if (u[i].vowel)
			put_str(o, u[i].vowel);
		else if (u[i].vflag == V_INHERENT)
			put_collapsed(o, 'a');
		if (u[i].nasal)
			put_collapsed(o, 'n');
	}
}

#define NRULES (sizeof(latin_rules) / sizeof(latin_rules[0]))

/*
 * The rules of latin_rules by their first letter, in table order (longest
 * first), so each position tries only the rules that can match there
 * instead of all of them. Built once.
 */
static const struct latin_rule *rules_by_letter[26][NRULES + 1];
static pthread_once_t rules_once = PTHREAD_ONCE_INIT;

static void index_rules(void)
{
	size_t n[26] = {0};
	for (size_t r = 0; r < NRULES; r++) {
		int l = latin_rules[r].from[0] - 'a';
		rules_by_letter[l][n[l]++] = &latin_rules[r];
	}
}

/* Does the rest of rule pattern p (after its first letter) match from
 * cp[i + 1]? Returns the pattern's length or 0. */
static size_t rule_match(const char *p, const uint32_t *cp, size_t i, size_t n)
{
	size_t k = 1;
	for (; p[k] && p[k] != '$'; k++)
		if (i + k >= n || cp[i + k] != (unsigned char)p[k])
			return 0;
	if (p[k] == '$' && i + k != n)
		return 0;
	return k;
}

static void bridge_latin(const uint32_t *cp, size_t n, struct wout *o)
{
	pthread_once(&rules_once, index_rules);
	for (size_t i = 0; i < n;) {
		uint32_t c = cp[i];
		size_t used = 0;
		if (c >= 'a' && c <= 'z') {
			const struct latin_rule *const *r = rules_by_letter[c - 'a'];
			for (; *r && !used; r++) {
				used = rule_match((*r)->from, cp, i, n);
				if (used)
					put_str(o, (*r)->to);
			}
		}
		if (!used) {
			if (c < 0x80)
				put_collapsed(o, (char)c);
			else
				put_utf8(o, c);
			used = 1;
		}
		i += used;
	}
}

/* At most 4 bytes for each code point: a consonant and its a (chha), a
 * Latin x (ksh), a code point kept as UTF-8. */
void translit_bridge_word(const uint32_t *cp, size_t n, struct strbuf *out)
{
	struct wout o = wout_begin(out, 4 * n + 1);
	int deva = 0;
	for (size_t i = 0; i < n && !deva; i++)
		deva = cp[i] >= 0x900 && cp[i] <= 0x97F;
	if (deva)
		bridge_deva(cp, n, &o);
	else
		bridge_latin(cp, n, &o);
	if (o.p == o.start)
		*o.p++ = '_';
	wout_end(out, &o);
}

static int is_vowel(char c)
{
	return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u';
}

/*
 * m before a consonant (the a's between dropped, as the key drops them)
 * reads as n: a bridge keeps "ramaprasad" from रामप्रसाद but gets
 * "ranprasad" from Ramprasad, since a Latin m before p may be an anusvara.
 */
static int nasal_before_consonant(const char *b, size_t i, size_t n)
{
	while (i < n && b[i] == 'a')
		i++;
	return i < n && b[i] != '.' && !is_vowel(b[i]);
}

void translit_phonetic_word(const char *b, size_t n, struct strbuf *out)
{
	struct wout o = wout_begin(out, n + 1);
	char prev = 0; /* last bridge letter read, emitted or not */
	for (size_t i = 0; i < n; i++) {
		char c = b[i];
		if (c == 'h' && prev && !is_vowel(prev) && prev != 'h' && prev != '.') {
			prev = c;
			continue;
		}
		prev = c;
		if (c == 'v' || c == 'w')
			c = 'b';
		if (c == 'a' && o.p > o.start)
			continue;
		if (c == 'm' && nasal_before_consonant(b, i + 1, n))
			c = 'n';
		put_collapsed(&o, c);
	}
	if (o.p == o.start)
		*o.p++ = n ? b[0] : '_';
	wout_end(out, &o);
}

int translit_letter_name(const uint32_t *cp, size_t n)
{
	char buf[32];
	size_t len = 0;
	/* all of Devanagari encodes in 3 bytes; these words are short */
	for (size_t i = 0; i < n; i++) {
		uint32_t c = cp[i];
		if (c < 0x800 || c > 0xFFFF || len + 3 >= sizeof(buf))
			return 0;
		buf[len++] = (char)(0xE0 | (c >> 12));
		buf[len++] = (char)(0x80 | ((c >> 6) & 0x3F));
		buf[len++] = (char)(0x80 | (c & 0x3F));
	}
	buf[len] = 0;
	for (size_t i = 0; i < sizeof(letter_names) / sizeof(letter_names[0]); i++)
		if (strcmp(buf, letter_names[i].deva) == 0)
			return letter_names[i].letter;
	return 0;
}

void translit_initial(const uint32_t *cp, size_t n, struct strbuf *out)
{
	for (size_t i = 0; i < n; i++) {
		uint32_t c = cp[i];
		if (c < 0x80) {
			strbuf_addch(out, (char)c);
			return;
		}
		if (c >= 0x900 && c <= 0x97F) {
			const struct dv_entry *e = &dv_table[c - 0x900];
			if (e->kind == DV_CONS || e->kind == DV_VOWEL || e->kind == DV_DIGIT) {
				strbuf_addstr(out, e->roman);
				return;
			}
		}
	}
	strbuf_addch(out, '_');
}
