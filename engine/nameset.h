/*
 * nameset.h - the distinct name forms of a load, each held once in an
 * arena and shared by every record that has it.
 *
 * Names repeat: a million complaints hold about a fifth as many distinct
 * display, compared, bridged and phonetic forms, which copied a record at
 * a time were a fifth of matching's memory. The table outgrows the cache,
 * so a lookup costs two trips to memory (its slot, then its text); looked
 * up as each row is read, they added a third to the load. Lookups are
 * therefore queued with the texts (nameset_wait) and settled a batch at a
 * time, each slot and text fetched several lookups ahead of its use.
 */
#ifndef NK_NAMESET_H
#define NK_NAMESET_H

#include <stddef.h>
#include <stdint.h>

#include "engine/util.h"

struct name_slot {
	const char *s; /* in the arena; NULL: empty */
	uint32_t hash;
};

struct name_wait {
	size_t to;    /* where the form goes: a byte offset from settle's base */
	size_t from;  /* the form equal to it, already settled (an offset), or SIZE_MAX */
	size_t off;   /* its text in the queue's text (from == SIZE_MAX) */
	uint32_t len, hash;
};

struct nameset {
	struct name_slot *slot; /* open addressing, at most half full */
	uint32_t cap, n;
	struct name_wait *wait;
	size_t nwait, wait_alloc;
	struct strbuf text; /* the queued texts, each with its NUL */
};

#define NAMESET_INIT {NULL, 0, 0, NULL, 0, 0, STRBUF_INIT}
#define NAMESET_BATCH 4096 /* lookups queued before settling pays */

/* The shared copy of s (NULL and "" give ""), looked up now. */
const char *nameset_get(struct nameset *ns, struct arena *a, const char *s);

/*
 * Queues the form that goes to base + to at the next settle: text s (NULL
 * is ""), or, when from is not SIZE_MAX, the form settled at base + from
 * (queued before it).
 */
void nameset_wait(struct nameset *ns, size_t to, size_t from, const char *s);

/* Settles the queued forms: each const char * at base + to gets its copy. */
void nameset_settle(struct nameset *ns, struct arena *a, char *base);

void nameset_release(struct nameset *ns);

#endif
