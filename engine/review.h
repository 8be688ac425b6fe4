/*
 * review.h - the supervisor's decisions on proposed merges, read back from
 * a returned merge-review workbook and applied to the store.
 *
 * The workbook is written by reports/merge_review.c and read back by
 * ingest/review_book.c (cli/cmd_review.c wires the two): the data sheet's
 * columns are found by their English header (names below), the identity
 * of the database and run by the hidden sheet REVIEW_META_SHEET (key/value
 * rows db_id, run_id, as_of).
 *
 * An import is all or nothing: one bad row (an unknown decision, edited
 * hidden ids, a complaint changed since the workbook was made) refuses the
 * whole file with a message naming every bad row, and nothing is recorded.
 * Importing the same file (same sha256) again changes nothing; a copy of it
 * saved again (another sha256) records only decisions that differ from the
 * pair's latest.
 */
#ifndef NK_REVIEW_H
#define NK_REVIEW_H

#include <stdint.h>

#include "engine/store.h"

#define REVIEW_META_SHEET "meta"
#define REVIEW_SHEET      "समीक्षा - Review"
#define REVIEW_SHEET_V1   "Review" /* its name in workbooks written before 2026-12 */
#define REVIEW_TITLE_ROWS_MAX 5  /* rows above the header the reader skips */
/* English parts of the headers the reader looks for. */
#define REVIEW_COL_DECISION  "Decision"
#define REVIEW_COL_REMARKS   "Remarks"
#define REVIEW_COL_PROPOSAL  "Proposal id"
#define REVIEW_COL_RUN       "Run id"
#define REVIEW_COL_COMPLAINT "Duplicate complaint"
#define REVIEW_COL_PRIMARY   "Primary complaint"

/* The drop-down's three values, as the workbook shows them. */
#define REVIEW_MERGE  "मर्ज करें / Merge"
#define REVIEW_REJECT "मर्ज न करें / Not duplicate"
#define REVIEW_UNSURE "संदेह / Unsure"

enum review_decision { REVIEW_NONE = 0, REVIEW_DO_MERGE, REVIEW_DO_REJECT, REVIEW_DO_UNSURE };

/* Also accepts each half alone ("Merge", "मर्ज करें"); -1 for anything else. */
int review_parse_decision(const char *text, enum review_decision *out);
const char *review_decision_name(enum review_decision d); /* merge | reject | unsure */

struct review_row {
	long row;                 /* sheet row, for messages */
	const char *proposal_id;  /* hidden column, as text */
	const char *run_id;       /* hidden column, as text */
	const char *complaint_id; /* visible: the duplicate */
	const char *primary_id;   /* visible */
	const char *decision;     /* as typed or chosen; "" = not decided yet */
	const char *remarks;
};

struct review_file {
	const char *path;
	char sha256[65];
	const char *db_id;
	const char *run_id;
	struct review_row *rows;
	size_t nrows;
};

struct review_result {
	int already;          /* this file was imported before: nothing done */
	char imported_at[32]; /* when already */
	int64_t import_id;
	long merged, rejected, unsure, undecided;
	long again; /* decided so by an earlier import (a copy of its file): not counted twice */
};

/*
 * Checks and applies a returned workbook's decisions for officer_id.
 * otp_checked says whether an OTP confirmed it (recorded for the audit).
 * NK_EREFUSED with err naming the problem (and the row) when the file does
 * not belong to this db, its run is unknown, a decision is not one of the
 * three, hidden ids were edited, or a complaint changed since.
 */
enum nk_err review_import(struct store *st, const struct review_file *f, const char *officer_id,
			  int otp_checked, struct review_result *res, struct strbuf *err);

/* Reverses an approved merge of complaint_id (recorded, nothing deleted). */
enum nk_err review_undo(struct store *st, const char *complaint_id, const char *officer_id,
			struct strbuf *err);

#endif
