/*
 * keys.h - the comparison keys of a complaint, computed once when it is
 * loaded (names, mobile, text) so that matching never normalises again.
 *
 * Keys are computed for a batch of complaints at a time, in parallel
 * (OpenMP), each thread with its own scratch; the strings live in the pool
 * until the next batch. The results do not depend on the thread count:
 * every complaint's keys are a function of its own fields only.
 */
#ifndef NK_KEYS_H
#define NK_KEYS_H

#include <stddef.h>

#include "engine/records.h"

struct keys_pool;

struct keys_pool *keys_pool_new(void);
void keys_pool_free(struct keys_pool *p);

/* Fills the key fields of c[0..n) from their raw fields. */
void keys_batch(struct keys_pool *p, struct complaint *c, size_t n);

/* Normalises a phone number into out (digits); returns its kind's name. */
const char *keys_phone(const char *raw, char out[16]);

#endif
