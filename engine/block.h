/*
 * block.h - candidate pairs from shared keys, so the work grows with the
 * number of complaints rather than its square.
 *
 * Keys (each a 64-bit hash tagged with its kind):
 *   mobile    a mobile that identifies one person;
 *   phonetic  the name's phonetic key + district (typing mistakes);
 *   bridge    the name's cross-script words, sorted, + district (another
 *             script, another word order);
 *   place     district + category + village + the initials of the name's first and
 *             last phonetic words (same problem, a typing mistake that
 *             changed the phonetic key, another mobile).
 * Inside a block complaints are ordered by registration day and only those
 * within window_days of each other are paired. A block larger than
 * block_max is oversized: each complaint is compared with its block_window
 * nearest in time, and the block is counted in the stats (never dropped).
 * A mobile used by more than mobile_max_names distinct names is not
 * identifying: its block is not used and the pairs through it are scored
 * with the mobile as "not identifying".
 */
#ifndef NK_BLOCK_H
#define NK_BLOCK_H

#include <stdint.h>

#include "engine/matchset.h"
#include "engine/score.h"

enum block_kind { BK_MOBILE, BK_PHONETIC, BK_BRIDGE, BK_PLACE, BK_COUNT };
_Static_assert(BK_COUNT == MSET_KEYS, "struct mrec holds one key per block kind");

struct block_stats {
	long blocks[BK_COUNT];    /* blocks with two or more complaints */
	long oversized[BK_COUNT]; /* blocks over block_max, windowed */
	long largest[BK_COUNT];   /* complaints in the largest block */
	long shared_mobiles;      /* mobiles used by too many names */
	long pair_hits;           /* pairs before removing repeats */
	long pairs;               /* distinct candidate pairs */
};

/* A pair of record indexes a < b packed as a << 32 | b. */
struct pair_list {
	uint64_t *v;
	size_t n, alloc;
};

/*
 * Fills out with the distinct candidate pairs of set, sorted ascending.
 * When changed_only, a pair is kept only when one side has changed set.
 * mobile_shared (n bytes, caller-allocated) gets 1 for records whose
 * mobile is not identifying because too many names use it.
 * Runs in parallel; the result does not depend on the thread count.
 */
void block_pairs(const struct mset *set, const struct score_params *p, int changed_only,
		 uint8_t *mobile_shared, struct pair_list *out, struct block_stats *st);

/*
 * Computes r->key (one key per enum block_kind, 0 when the record has none),
 * r->tf (engine/freq.h) and r->phon_hash from the full record r of set. The
 * keys depend on the strings and the text only, so they can be stored and
 * compared between runs.
 */
void block_record_keys(const struct mset *set, struct mrec *r);

void pair_list_release(struct pair_list *pl);

/* "mobile", "phonetic", "bridge", "place". */
const char *block_kind_name(int kind);

/* Sorts v[0..n) ascending (radix sort; tmp is scratch of n elements). */
void block_sort_u64(uint64_t *v, uint64_t *tmp, size_t n);

#endif
