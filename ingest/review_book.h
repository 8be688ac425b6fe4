/*
 * review_book.h - a returned merge-review workbook (written by
 * reports/merge_review.c, filled in by a supervisor) read into the
 * engine's struct review_file, for review_import() (engine/review.h).
 * cli/cmd_review.c wires the two.
 *
 * The hidden sheet REVIEW_META_SHEET gives db_id and run_id (left NULL
 * when absent: review_import() refuses the file for it). The sheet
 * REVIEW_SHEET (or REVIEW_SHEET_V1, its older name) gives one struct
 * review_row per row below its header, the first row with a Decision
 * column within the first REVIEW_TITLE_ROWS_MAX + 1 rows (title rows above
 * it are skipped), the columns found by the English part of their header
 * ("निर्णय\nDecision").
 * A cell the reader could not read (a damaged file) refuses the file: a
 * decision or a hidden id is never guessed. The sha256 is of the bytes
 * that were read.
 */
#ifndef NK_REVIEW_BOOK_H
#define NK_REVIEW_BOOK_H

#include <stddef.h>

#include "engine/review.h"

struct review_book {
	struct review_file f; /* strings and f.path in arena; f.rows from malloc */
	struct arena arena;
	size_t alloc; /* of f.rows */
};

/*
 * Reads the workbook at path into *b (zeroed by the call). Returns 0, or
 * -1 with err naming the file and, where it applies, the sheet, row and
 * column. Either way release b with review_book_release().
 */
int review_book_read(struct review_book *b, const char *path, struct strbuf *err);

/* The same on len bytes in memory, which must outlive the call; name
 * stands for the file in messages and in b->f.path. */
int review_book_read_mem(struct review_book *b, const void *data, size_t len, const char *name,
			 struct strbuf *err);

void review_book_release(struct review_book *b);

#endif
