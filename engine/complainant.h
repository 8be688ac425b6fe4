/*
 * complainant.h - one complainant across complaints, mobiles and spellings,
 * so reports can count complaints per person (the grading leaves out a
 * complainant's complaints beyond 10) and list habitual complainants.
 *
 * Two complaints are the same complainant when they are a duplicate pair,
 * or share an identifying mobile and a phonetic name, or share a phonetic
 * name, a village (of one district) and a father/husband name. Unlike duplicates this holds
 * across any time and any grievance. Linear in the number of complaints.
 */
#ifndef NK_COMPLAINANT_H
#define NK_COMPLAINANT_H

#include <stdint.h>

#include "engine/cluster.h"
#include "engine/matchset.h"

/*
 * Computes r->link (the keys two complaints of one complainant share, 0
 * when absent) from the full record r of set; they depend on the strings
 * only, so they can be stored between runs.
 */
void complainant_keys(const struct mset *set, struct mrec *r);

/*
 * For each record i of set, rep[i] gets the index of the earliest
 * registered record of its complainant (rep[i] == i for a complainant's
 * first complaint). mobile_shared marks mobiles that identify nobody
 * (block.h); e[0..ne) are the accepted duplicate pairs.
 */
void complainant_link(const struct mset *set, const uint8_t *mobile_shared, const struct edge *e,
		      size_t ne, uint32_t *rep);

#endif
