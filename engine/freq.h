/*
 * freq.h - how common a complaint's name is in its district, for the
 * term-frequency adjustment of name agreement (engine/score.h, tf_ref):
 * an exact agreement on a name that hundreds of the district's complainants
 * share ("राम यादव") is weaker evidence than one on a rare name.
 *
 * The count is of the phonetic name key (engine/block.h), which carries the
 * district and which every record has, also the light records of an
 * increment; it is kept as a bucket, floor(log2 count), so that the
 * evidence of two unchanged complaints changes only when their name's
 * count crosses a power of two, and an increment then scores them again
 * (freq_mark_changed): its proposals stay those of a full run.
 */
#ifndef NK_FREQ_H
#define NK_FREQ_H

#include <stddef.h>

#include "engine/matchset.h"
#include "engine/store.h"

/* Sets r->name_freq of every record of set from its key[BK_PHONETIC]. */
void freq_count(struct mset *set);

/*
 * Increments: marks changed the unchanged records whose name bucket differs
 * from the one the last run saw. That run counted what match_keys holds:
 * today's records, less the fresh ones (read anew from complaints), plus
 * old[0..nold), the phonetic keys match_keys holds for the fresh records
 * and for those gone since (merged, say). Returns the records marked.
 */
long freq_mark_changed(struct mset *set, const uint64_t *old, size_t nold);

/*
 * The phonetic keys match_keys holds for rowids[0..n) (ascending), or for
 * every record it holds when every, into *keys (malloc'd, *nkeys of them;
 * a rowid it does not hold gives none). -1 when a blob is damaged, else 0.
 */
int freq_stored_keys(struct store *st, int every, const int64_t *rowids, size_t n,
		     uint64_t **keys, size_t *nkeys);

/* floor(log2 n) for n >= 1, 0 for 0. */
int freq_bucket(unsigned long n);

#endif
