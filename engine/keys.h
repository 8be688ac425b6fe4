/*
 * keys.h - the comparison keys of a complaint, computed once when it is
 * loaded (names, mobile, text) so that matching never normalises again.
 *
 * Keys are computed a batch at a time by a worker thread of the pool, so a
 * loader can store one batch while the next one's keys are being made: on
 * two cores, parsing and SQLite on one, normalisation on the other. The
 * worker never touches the database. The results do not depend on timing:
 * every complaint's keys are a function of its own fields only.
 */
#ifndef NK_KEYS_H
#define NK_KEYS_H

#include <stddef.h>

#include "engine/records.h"

struct keys_pool;

struct keys_pool *keys_pool_new(void);
void keys_pool_free(struct keys_pool *p); /* waits for a batch in progress */

/*
 * Starts filling the key fields of c[0..n) from their raw fields; the key
 * strings are allocated in out. c and out belong to the worker until
 * keys_wait() returns. One batch at a time: waits for the previous one.
 */
void keys_submit(struct keys_pool *p, struct complaint *c, size_t n, struct arena *out);
/* Waits until the batch submitted last is done. */
void keys_wait(struct keys_pool *p);

/* Normalises a phone number into out (digits); returns its kind's name. */
const char *keys_phone(const char *raw, char out[16]);

#endif
