/*
 * translit.h - one phonetic alphabet that Devanagari and romanised names
 * both map into, so "Ramesh" and "रमेश" meet on "ramesh", "Laxmi",
 * "Lakshmi" and "लक्ष्मी" on "lakshmi".
 *
 * The alphabet is lowercase ASCII: vowels a i u e o ai au (long and short
 * folded), consonants k kh g gh ch chh j jh t th d dh n p ph b bh m y r l
 * v sh s h (retroflex and dental folded, every nasal n). Devanagari is read
 * with schwa deletion (कमला -> kamla); romanised spelling is read with
 * rules for x, q, z, w, f, c, ee, oo, ou; doubled letters collapse. The
 * tables are data in translit.c.
 *
 * Input is one word of a comparison form (engine/normalize.h): lowercase
 * Latin or folded Devanagari, no spaces. Output is appended to a strbuf;
 * nothing allocates once the strbuf has grown.
 */
#ifndef NK_TRANSLIT_H
#define NK_TRANSLIT_H

#include <stddef.h>
#include <stdint.h>

#include "engine/util.h"

/* Appends the bridge form of the word cp[0..n); at least one byte. */
void translit_bridge_word(const uint32_t *cp, size_t n, struct strbuf *out);

/*
 * Appends the phonetic key of one bridge word b[0..n): aspirate h dropped
 * (kh -> k, sh -> s), v -> b, a after the first letter dropped, doubled
 * letters collapsed. At least one byte.
 */
void translit_phonetic_word(const char *b, size_t n, struct strbuf *out);

/* The Latin letter an English letter name in Devanagari spells (आर -> 'r'),
 * or 0. Used for initials written out: "आर. के. शर्मा". */
int translit_letter_name(const uint32_t *cp, size_t n);

/* Roman form of the first consonant or vowel of a Devanagari word, for an
 * initial such as "रा." ("r"); appended to out. */
void translit_initial(const uint32_t *cp, size_t n, struct strbuf *out);

#endif
