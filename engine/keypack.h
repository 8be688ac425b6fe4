/*
 * keypack.h - what matching keeps of each complaint it compared (its
 * block and complainant keys, fingerprint, complainant), packed into one
 * blob per KEYPACK_SPAN rowids: the rows of match_keys (schema v6).
 *
 * A nightly increment reads these instead of the wide complaints rows.
 * Stored a row per complaint they cost a full run of a million complaints
 * 1.5 s of SQLite inserts, on one core while the other waited; a thousand
 * blobs cost a tenth of that, and encoding them is shared by the threads.
 *
 * A blob: a version byte, then per record, in rowid order:
 *   varint  rowid - the previous rowid (the first: - (the block's lo - 1))
 *   varint  zigzag(day), zigzag(seconds), zigzag(rowid - person)
 *   byte    which of key[0..3], phon_hash, link[0..1] are not 0 (bits 0-6)
 *           and bit 7: the mobile is shared by too many names
 *   byte    which of tf[0..2] are not 0 (bits 0-2; from version 2)
 *   8 bytes each of those hashes not 0, 4 bytes each of those tf not 0,
 *           then fp (little-endian)
 *   the complaint_id and a NUL
 */
#ifndef NK_KEYPACK_H
#define NK_KEYPACK_H

#include <stddef.h>
#include <stdint.h>

#include "engine/util.h"

#define KEYPACK_SPAN 1024 /* rowids a blob covers: lo = rowid - rowid % SPAN */
#define KEYPACK_KEYS 4
#define KEYPACK_TF   3 /* term-frequency keys: MSET_TF (matchset.h) */

struct keyrec {
	int64_t rowid;
	int64_t person; /* rowid of the complainant's earliest complaint */
	const char *cid;
	int32_t day, seconds;
	uint64_t key[KEYPACK_KEYS], phon_hash, link[2], fp;
	int shared; /* the mobile is used by too many names */
	uint32_t tf[KEYPACK_TF];
};

static inline int64_t keypack_lo(int64_t rowid)
{
	return rowid - rowid % KEYPACK_SPAN;
}

/* Whether a and b hold the same record (the complaint ids compared as text). */
int keypack_same(const struct keyrec *a, const struct keyrec *b);

/* Starts a blob in b (emptied). */
void keypack_begin(struct strbuf *b);
/* Appends r; prev is the rowid of the record before it in the blob, or
 * the blob's lo - 1 for the first. */
void keypack_put(struct strbuf *b, int64_t prev, const struct keyrec *r);

struct keypack_iter {
	const unsigned char *p, *end;
	int64_t rowid, hi;
};

/* Starts reading blob[0..n) of the block at lo: 0, or -1 when it is not
 * a blob this version wrote. */
int keypack_start(struct keypack_iter *it, const void *blob, size_t n, int64_t lo);
/*
 * The next record into r: 1, 0 at the end, -1 when the blob is damaged.
 * r->cid points into the blob, which must stay while r is used.
 */
int keypack_next(struct keypack_iter *it, struct keyrec *r);

#endif
