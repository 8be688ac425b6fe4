/*
 * casewalk.h - every complaint as a case file (engine/casefile.h): its row,
 * its snapshot history and its movements, read in complaint-id order.
 *
 * Reading is most of analysing a night (the three queries and the copies
 * into the case files); on two threads it is done a batch ahead by a
 * worker on a read connection of its own while the caller works through
 * the batch before. The cases come in the same order either way.
 */
#ifndef NK_CASEWALK_H
#define NK_CASEWALK_H

#include "engine/casefile.h"
#include "engine/error.h"
#include "engine/store.h"

struct casewalk;

/* Called on the reading side for each movement whose complaint is not in
 * complaints, in complaint-id order; the caller leaves arg alone until
 * casewalk_finish. */
typedef void casewalk_unknown_fn(void *arg, const char *complaint_id);

/*
 * Starts reading st's complaints with complaints_sql, whose columns are
 * read_complaint's (casewalk.c) and which sorts by complaint_id. It reads
 * complaint_rows: the texts stored once are its v_* ids (engine/vocab.h).
 */
struct casewalk *casewalk_start(struct store *st, const char *complaints_sql,
				casewalk_unknown_fn *unknown, void *arg);

/*
 * The next case, valid until the next call; NULL after the last or when
 * reading failed (casewalk_finish says). *merged: the complaint was merged
 * into another.
 */
struct nk_case *casewalk_next(struct casewalk *w, int *merged);

/* Stops reading, frees w; NK_OK, or how reading failed with err appended. */
enum nk_err casewalk_finish(struct casewalk *w, struct strbuf *err);

#endif
