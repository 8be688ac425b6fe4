/*
 * merge_review.h - merge-review.xlsx, the supervisor's queue of proposed
 * duplicates from the last match run on or before the night:
 *
 *   sheet "Review" (protected without a password; only Decision and Remarks
 *   are unlocked): one row per proposed duplicate beside its primary, the
 *   groups most certain first (band high before review, then score), with a
 *   Decision drop-down of MERGE_REVIEW_DECISIONS; hidden columns A and B hold
 *   the proposal id and the run id;
 *   hidden sheet "meta": key/value rows db_id, run_id, as_of, proposals,
 *   so the review import can check a returned workbook belongs to this db
 *   and run.
 */
#ifndef NK_MERGE_REVIEW_H
#define NK_MERGE_REVIEW_H

#include "reports/report.h"

#define MERGE_REVIEW_FILE       "merge-review.xlsx"
#define MERGE_REVIEW_SHEET      "Review"
#define MERGE_REVIEW_META_SHEET "meta"
/* Column indexes (0-based) of the Review sheet the import reads. */
#define MERGE_REVIEW_COL_PROPOSAL 0
#define MERGE_REVIEW_COL_RUN      1
#define MERGE_REVIEW_COL_DECISION 20
#define MERGE_REVIEW_COL_REMARKS  21

extern const char *const merge_review_decisions[3]; /* Merge, Not duplicate, Unsure */

/*
 * Writes rc->out_dir/merge-review.xlsx. When the db has no match run on or
 * before the night, writes nothing and returns NK_ENOTFOUND with err saying
 * so. *rows (may be NULL) gets the number of proposals written.
 */
enum nk_err merge_review_write(const struct report_ctx *rc, long *rows, struct strbuf *err);

#endif
