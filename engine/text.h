/*
 * text.h - complaint descriptions in Hindi and English turned into
 * normalised tokens and a MinHash signature, stored per complaint so the
 * matcher compares grievances without reading the text again.
 *
 * Tokens: NFC, Latin lowercased, digits (Devanagari too) ASCII, nukta and
 * chandrabindu folded, punctuation out, Hindi and English stop words out
 * (है, का, की, में, कृपया, महोदय, the, is, please ...). Negations stay:
 * नहीं, न, ना, मत, बिना, not, no, never, nahi — "बिजली आती है" and "बिजली
 * नहीं आती है" are different grievances.
 *
 * Signature: one-permutation MinHash (TEXT_SIG_LEN buckets, fixed seeds,
 * empty buckets filled from the next non-empty one) over the set of token
 * unigrams and character trigrams within tokens; the trigrams keep short
 * Hindi texts with inflected or misspelt words (सड़क/सडक, बिजली/बीजली)
 * close. Deterministic on every machine.
 */
#ifndef NK_TEXT_H
#define NK_TEXT_H

#include <stddef.h>
#include <stdint.h>

#include "engine/normalize.h"
#include "engine/util.h"

#define TEXT_SIG_LEN   32
#define TEXT_SIG_EMPTY 0xFFFFFFFFu /* every bucket of an empty text */

/*
 * What is stored and compared of a signature: each bucket's low 16 bits
 * (b-bit MinHash). Two different minima agree in them once in 65,536, which
 * moves a similarity by less than a ten-thousandth; the signatures take
 * half the bytes in the db and in the matcher's memory.
 */
typedef uint16_t text_bits;
#define TEXT_BITS_EMPTY 0xFFFFu /* every bucket of an empty text */
#define TEXT_SIG_BYTES  (TEXT_SIG_LEN * 2)
#define TEXT_SIG_BYTES_V8 (TEXT_SIG_LEN * 4) /* the whole 32-bit buckets, before v9 */

/* Caller-owned working memory; one per thread; zero it to initialise. */
struct text_scratch {
	struct cpbuf in, nfc, tok;
};
void text_scratch_release(struct text_scratch *s);

/*
 * Replaces tokens' contents with the space-separated tokens of
 * raw[0..len) and fills sig. Returns 0, or -1 when raw is not UTF-8
 * (*error and *error_at, when not NULL, say why and where; tokens is then
 * empty and sig all TEXT_SIG_EMPTY).
 */
int text_keys(const char *raw, size_t len, struct text_scratch *s, struct strbuf *tokens,
	      uint32_t sig[TEXT_SIG_LEN], const char **error, size_t *error_at);

/* The stored and compared form of sig. */
void text_sig_fold(const uint32_t *sig, text_bits bits[TEXT_SIG_LEN]);

/* Estimated Jaccard similarity of two signatures, 0..1; two empty texts
 * score 0 (no evidence). */
double text_sig_similarity(const text_bits *a, const text_bits *b);

/* Jaccard similarity of the token sets of two token strings. */
double text_token_similarity(const char *a, const char *b);
/* |A ∩ B| / min(|A|, |B|): a short text contained in a long one. */
double text_token_containment(const char *a, const char *b);

/* sig folded into the little-endian BLOB stored in the db (TEXT_SIG_BYTES). */
void text_sig_pack(const uint32_t *sig, unsigned char blob[TEXT_SIG_BYTES]);
/* A stored BLOB of bytes bytes into bits: TEXT_SIG_BYTES, or the 32-bit
 * buckets of TEXT_SIG_BYTES_V8 stored before v9. -1 for any other size. */
int text_sig_unpack(const unsigned char *blob, size_t bytes, text_bits bits[TEXT_SIG_LEN]);

#endif
