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

/* Estimated Jaccard similarity of two signatures, 0..1; two empty texts
 * score 0 (no evidence). */
double text_sig_similarity(const uint32_t *a, const uint32_t *b);

/* Jaccard similarity of the token sets of two token strings. */
double text_token_similarity(const char *a, const char *b);
/* |A ∩ B| / min(|A|, |B|): a short text contained in a long one. */
double text_token_containment(const char *a, const char *b);

/*
 * LSH band keys for blocking: TEXT_SIG_LEN / nbands values a band, each
 * band hashed with its index. nbands divides TEXT_SIG_LEN. Texts whose
 * signature is empty get all-zero bands, which the caller should skip.
 */
void text_sig_bands(const uint32_t *sig, uint64_t *bands, int nbands);

/* Signature to/from the little-endian BLOB stored in the db
 * (TEXT_SIG_LEN * 4 bytes). */
void text_sig_pack(const uint32_t *sig, unsigned char *blob);
void text_sig_unpack(const unsigned char *blob, uint32_t *sig);

#endif
