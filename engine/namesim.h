/*
 * namesim.h - how alike two names are, from the strings name_keys() stored
 * (engine/normalize.h); nothing is normalised again at match time.
 *
 * Words are paired greedily by similarity, so order does not matter.
 * Two Devanagari words are compared by a weighted edit distance over
 * aksharas (consonant cluster + vowel sign + anusvara: क्ष|त्रि|य), where
 * the confusions clerks make (ा/none, ि/ी, श/स, ब/व, ण/न, त/थ, ्/none) cost
 * a fraction of an unlikely edit; any other pair is compared on the bridge
 * words (one phonetic alphabet) with the same idea. An initial matches a
 * word with its first letter only weakly. Kumar, Kumari, Devi, Bai, Lal and
 * Singh weigh little when present on one side only.
 */
#ifndef NK_NAMESIM_H
#define NK_NAMESIM_H

#include <stddef.h>

/* At or above this score the names could be one person's ("same"). */
#define NAME_SAME_THRESHOLD 0.80

/* Why two names scored as they did, for the matcher's reason line. */
enum name_reason {
	NSIM_EXACT,        /* same comparison form */
	NSIM_TYPO,         /* spelling differs by likely typing mistakes */
	NSIM_OTHER_SCRIPT, /* one in Devanagari, the other romanised */
	NSIM_ORDER,        /* same words, another order */
	NSIM_WORD_MISSING, /* a word (Kumar, a surname) only on one side */
	NSIM_INITIALS,     /* initials against full words: a weak match */
	NSIM_DIFFERENT,    /* different names */
	NSIM_NO_NAME,      /* one side has no name at all */
};

/* "exact", "typo", ... for CSV columns; and a phrase in Hindi and English
 * for a supervisor's reason line ("नाम में टाइपिंग भिन्नता / typing
 * difference in the name"). Static strings. */
const char *name_reason_name(enum name_reason r);
const char *name_reason_phrase(enum name_reason r);

/* Working memory for name_similarity(); one per thread. */
struct name_sim_scratch;
struct name_sim_scratch *name_sim_scratch_new(void);
void name_sim_scratch_free(struct name_sim_scratch *s);

/*
 * Similarity in 0..1 of two names given by their stored cmp and bridge
 * keys. *why (may be NULL) receives the reason. Never allocates. Words
 * beyond the 16th and letters beyond the 32nd of a word are ignored.
 */
double name_similarity(const char *cmp_a, const char *bridge_a, const char *cmp_b,
		       const char *bridge_b, struct name_sim_scratch *s, enum name_reason *why);

/* Two raw names judged as `nirakaran similar` does. */
struct name_verdict {
	double score;
	enum name_reason reason;
	int same;          /* score >= NAME_SAME_THRESHOLD */
	int bad_side;      /* on -1: 1 or 2, the name that is not UTF-8 */
	const char *error; /* on -1: what is wrong */
	size_t error_at;   /* on -1: byte offset in that name */
};
struct name_compare_ctx;
struct name_compare_ctx *name_compare_new(void);
void name_compare_free(struct name_compare_ctx *c);
/* Returns 0, or -1 when a or b is not UTF-8 (see bad_side, error). */
int name_compare(struct name_compare_ctx *c, const char *a, size_t alen, const char *b, size_t blen,
		 struct name_verdict *out);

#endif
