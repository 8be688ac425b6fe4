/*
 * keys.h - the comparison keys of a complaint, computed once when it is
 * loaded (names, mobile, text) so that matching never normalises again.
 *
 * Keys are computed a batch at a time by a worker thread of the pool, so a
 * loader can store one batch while the next ones are read and keyed: on two
 * cores, SQLite on one, reading and normalisation on the other. The worker
 * never touches the database. Where OpenMP is allowed one thread
 * (OMP_NUM_THREADS=1) there is no worker: keys_submit_job runs the batch
 * itself, so a one-thread run uses one core. The results do not depend on timing:
 * every complaint's keys are a function of its own fields only.
 */
#ifndef NK_KEYS_H
#define NK_KEYS_H

#include <stddef.h>

#include "engine/records.h"

struct keys_pool;

struct keys_pool *keys_pool_new(void);
void keys_pool_free(struct keys_pool *p); /* first does the batches submitted */
/* 1 when a worker does the batches, 0 when keys_submit_job does them itself. */
int keys_pool_has_worker(const struct keys_pool *p);

/*
 * A batch of the caller's own work: job(arg, i) for each i < n, in order,
 * on the worker (or here, with no worker), while the caller goes on; a job
 * may call keys_compute. Batches are done one after another in the order
 * submitted; up to KEYS_QUEUE wait their turn, a further one waits for a
 * place. Returns the batch's ticket for keys_wait_job. The caller touches
 * nothing a batch uses until keys_wait_job() or keys_wait() returns.
 */
#define KEYS_QUEUE 16
typedef void keys_job_fn(void *arg, size_t i);
size_t keys_submit_job(struct keys_pool *p, keys_job_fn *job, void *arg, size_t n);
/* From inside a job only: c's key fields from its raw fields, strings in out. */
void keys_compute(struct keys_pool *p, struct complaint *c, struct arena *out);
/* Waits until the batch of ticket (and every one before it) is done. */
void keys_wait_job(struct keys_pool *p, size_t ticket);
/* Waits until every batch submitted is done. */
void keys_wait(struct keys_pool *p);

/* Normalises a phone number into out (digits); returns its kind's name. */
const char *keys_phone(const char *raw, char out[16]);

#endif
