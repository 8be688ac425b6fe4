/*
 * merge_review.h - merge-review.xlsx, the supervisor's queue of proposed
 * duplicates from the last match run on or before the night, laid out for
 * the decision:
 *
 *   sheet REVIEW_SHEET (protected without a password; only Decision and
 *   Remarks are unlocked): two title rows (district, night, how many are
 *   decided and how many remain, counted by formulas as the supervisor
 *   chooses), then a row per proposed duplicate, the groups most certain
 *   first (band high before review, then certainty). Frozen on the left:
 *   the hidden proposal and run ids (columns A and B), the group, the
 *   primary and duplicate complaint numbers, Decision (a drop-down of
 *   merge_review_decisions) and Remarks; then certainty as a percentage,
 *   band and rule in words, the reason, and one column per field the
 *   reason weighs (and those a supervisor asks for: father or husband,
 *   status and level, officer, department, tehsil), the primary's value
 *   above the duplicate's, the cell coloured where they differ;
 *   sheet MERGE_REVIEW_HELP_SHEET: what to do, what each column and colour
 *   means, the bands and the rules R1-R3 in Hindi and English;
 *   hidden sheet REVIEW_META_SHEET: key/value rows db_id, run_id, as_of,
 *   proposals, shown, so the review import can check a returned workbook
 *   belongs to this db and run.
 *
 * With rc->cap, the workbook holds whole groups up to that many rows, the
 * most certain first; the rest are in proposals.csv and come back in the
 * next nights' workbooks until decided. The title says so.
 */
#ifndef NK_MERGE_REVIEW_H
#define NK_MERGE_REVIEW_H

#include "engine/review.h"
#include "reports/report.h"

#define MERGE_REVIEW_FILE       "merge-review.xlsx"
#define MERGE_REVIEW_SHEET      REVIEW_SHEET
#define MERGE_REVIEW_HELP_SHEET "निर्देश - Instructions"
#define MERGE_REVIEW_META_SHEET REVIEW_META_SHEET
/* Column indexes (0-based) of the Review sheet. */
#define MERGE_REVIEW_COL_PROPOSAL 0
#define MERGE_REVIEW_COL_RUN      1
#define MERGE_REVIEW_COL_DECISION 5
#define MERGE_REVIEW_COL_REMARKS  6
#define MERGE_REVIEW_TITLE_ROWS   2

extern const char *const merge_review_decisions[3]; /* Merge, Not duplicate, Unsure */

/*
 * Writes rc->out_dir/merge-review.xlsx. When the db has no match run on or
 * before the night, writes nothing and returns NK_ENOTFOUND with err saying
 * so. *rows (may be NULL) gets the number of proposals written.
 */
enum nk_err merge_review_write(const struct report_ctx *rc, long *rows, struct strbuf *err);

#endif
