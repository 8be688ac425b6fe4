/*
 * freq.h - how common a complaint's name, father's name, village and text
 * are in its district, for the term-frequency adjustment of agreement
 * (engine/score.h, tf_*): an exact agreement on a name that hundreds of the
 * district's complainants share ("राम यादव") is weaker evidence than one on
 * a rare name; so for a common father's name, a large village, and a text
 * that is the stock sentence of its category.
 *
 * The keys: the phonetic name key (engine/block.h, it carries the district)
 * and the record's tf keys (block_record_keys), which every record has,
 * also the light records of an increment (match_keys stores them). A count
 * is kept as a bucket, floor(log2 count), so that the evidence of two
 * unchanged complaints changes only when a count crosses a power of two,
 * and an increment then scores them again (freq_count_changes): its
 * proposals stay those of a full run.
 */
#ifndef NK_FREQ_H
#define NK_FREQ_H

#include <stddef.h>

#include "engine/keypack.h"
#include "engine/matchset.h"
#include "engine/store.h"

enum tf_kind { TF_NAME, TF_FATHER, TF_VILLAGE, TF_TEXT, TF_COUNT };
_Static_assert(TF_COUNT == 1 + MSET_TF, "struct mrec: the name and MSET_TF tf keys");
_Static_assert(KEYPACK_TF == MSET_TF, "match_keys stores every tf key");

/* The key a record's count of kind is of; 0: none. */
uint64_t freq_key(const struct mrec *r, int kind);

/* Sets r->freq[] of every record of set. */
void freq_count(struct mset *set);

/* A record's keys as the last run stored them. */
struct freq_keys {
	uint64_t k[TF_COUNT];
};

/*
 * Increments: freq_count(), and marks changed the unchanged records whose
 * bucket of any kind differs from the one the last run saw, where it
 * matters: a bucket counts only from ref[kind] to ref[kind] + max (score.h:
 * below, no adjustment; above, the most). That run counted what match_keys
 * holds: today's records, less the fresh ones (read anew from complaints),
 * plus old[0..nold), the keys match_keys holds for the fresh records and
 * for those gone since (merged, say). Returns the records marked.
 */
long freq_count_changes(struct mset *set, const struct freq_keys *old, size_t nold,
			const int ref[TF_COUNT], int max);

/*
 * The keys match_keys holds for rowids[0..n) (ascending), or for every
 * record it holds when every, into *keys (malloc'd, *nkeys of them; a rowid
 * it does not hold gives none). -1 when a blob is damaged, else 0.
 */
int freq_stored_keys(struct store *st, int every, const int64_t *rowids, size_t n,
		     struct freq_keys **keys, size_t *nkeys);

/* floor(log2 n) for n >= 1, 0 for 0. */
int freq_bucket(unsigned long n);

#endif
