/*
 * row.h - the one row interface every reader (CSV, XLSX) gives its caller,
 * so ingest does not care which format it reads.
 *
 * A reader owns the memory of the row it returns; the row is valid until
 * the next call to the reader or until it is closed.
 */
#ifndef NK_ROW_H
#define NK_ROW_H

#include <stddef.h>

struct row {
	long number; /* 1-based: CSV physical line where the record starts;
			    XLSX sheet row number (the r= attribute) */
	size_t nfields;
	char **field; /* nfields NUL-terminated UTF-8 strings */
	size_t *len;  /* their lengths in bytes */
	/*
	 * A problem with this row that the reader could not mend (e.g.
	 * "invalid UTF-8"); NULL when the row is clean. The caller quarantines
	 * such a row instead of loading it; field[] still holds what was read
	 * (invalid bytes replaced by U+FFFD) so the raw text can be kept.
	 */
	const char *problem;
	int problem_col; /* 0-based column the problem is in, or -1 */
	/*
	 * CSV: the file ends inside this row, with no line break after it:
	 * 1, or 2 inside a quoted value. A file still being copied, or cut
	 * short, ends so; so does a complete file whose last line has no line
	 * break, which the caller tells apart by the row's field count.
	 */
	int cut;
};

/* Reader return values. */
enum {
	ROW_OK = 1,    /* *row filled */
	ROW_EOF = 0,   /* no more rows */
	ROW_ERROR = -1 /* the file cannot be read further; see the reader's error */
};

#endif
