/*
 * cluster.h - accepted pairs into groups (union-find), the primary of each
 * group, and group ids that stay the same between nights.
 *
 * Pairs are joined strongest first; a join that would put two complaints a
 * supervisor rejected as "not duplicate" into one group is skipped (a
 * cannot-link), so a rejection is never undone through a third complaint.
 * The primary is the earliest registered member (day, time, then id).
 */
#ifndef NK_CLUSTER_H
#define NK_CLUSTER_H

#include <stdint.h>

#include "engine/matchset.h"

struct edge {
	uint32_t a, b; /* record indexes, a < b */
	double weight;
	int rule; /* enum rule (score.h) */
};

struct group {
	int64_t gid;     /* stable id; 0 until cluster_assign_ids() */
	uint32_t off, n; /* members[off .. off+n): primary first, then by time */
	int review;      /* set by the caller: not every member links to the primary */
};

struct clustering {
	struct group *g; /* ordered by the primary's registration */
	size_t ng;
	uint32_t *members;
	size_t nm;
};

/*
 * Groups the records joined by edges[0..ne), strongest first (edges is
 * only read, so other threads may read it meanwhile).
 * cannot[0..ncannot) are pairs (a << 32 | b, a < b) never to be joined.
 * out is filled with groups of two or more; free with cluster_release().
 */
void cluster_build(const struct mset *set, const struct edge *edges, size_t ne,
		   const uint64_t *cannot, size_t ncannot, struct clustering *out);

/*
 * Gives each group the previous id most of its members had (prev_gid per
 * record, -1 when none; an id goes to one group only, the earliest), else
 * a new id from *next_gid (incremented).
 */
void cluster_assign_ids(struct clustering *c, const int64_t *prev_gid, int64_t *next_gid);

void cluster_release(struct clustering *c);

/* Registration order: <0 when record a came before b. */
int cluster_order(const struct mset *set, uint32_t a, uint32_t b);

#endif
