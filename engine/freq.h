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
 * Increments: marks changed the unchanged records whose name bucket may
 * differ from the one the last run saw. The last run's count of a key is
 * today's less the new records holding it, give or take the edited
 * records (changed, not new: their old key is not known) and the gone
 * ones (counted then, not in the set now: merged, say), so a record is
 * marked when a power of two lies in that range. is_new[i] tells a new
 * record from an edited one; NULL counts every changed record as edited.
 * Returns the records marked.
 */
long freq_mark_changed(struct mset *set, const uint8_t *is_new, long gone);

/*
 * For explain: the buckets of keys key[0..n) as the last match run counted
 * them, from match_keys (records registered by its as_of), into bucket[].
 * Returns 0, or -1 when no run stored its keys (buckets are then 0).
 */
int freq_stored(struct store *st, const uint64_t *key, int n, uint8_t *bucket);

/* floor(log2 n) for n >= 1, 0 for 0. */
int freq_bucket(unsigned long n);

#endif
