/*
 * load.h - turns the rows of one export into records in the store: maps the
 * header, parses and validates each field, quarantines bad rows with a
 * reason a clerk can act on, and loads the rest, all in one transaction.
 *
 * Invariant, for every file: rows read = rows loaded + rows quarantined.
 * Rows with nothing in them are counted apart (empty) and not read.
 */
#ifndef NK_LOAD_H
#define NK_LOAD_H

#include "engine/config.h"
#include "engine/records.h"
#include "engine/store.h"
#include "ingest/header.h"
#include "ingest/reader.h"

struct load_options {
	enum file_kind kind;
	int as_of;        /* day number: the snapshot date when the name has none */
	int snapshot_day; /* DAY_NONE: taken from the file name, else as_of */
	int max_level;    /* highest level configured (4 by default) */
	const struct config *cfg;
	struct reader_options ropt;
	/* Called after each committed step of a load in steps (load_file); may be NULL. */
	void (*step_hook)(const char *point);
	/* Called every few thousand rows and at the end; may be NULL. */
	void (*progress)(void *ctx, long rows, long long done, long long total);
	void *progress_ctx;
};

struct load_result {
	int skipped;           /* same content ingested before: nothing done */
	int64_t file_id;       /* the ingest_files row (when loaded) */
	struct file_info seen; /* when skipped: the earlier ingest */
	char format[128];
	int snapshot_day;
	const char *snapshot_source; /* "from the file name", ... (static) */
	long title_rows;             /* rows above the header row */
	long headers;                /* header rows again below it (exports joined) */
	long header_row;             /* the last of them, or the header's row */
	struct file_counts counts;
	long inserted, updated, unchanged;
	double seconds;
};

/*
 * Loads path. Returns NK_OK when the file was loaded (bad rows quarantined)
 * or skipped as already seen; otherwise an error with err naming the file,
 * and the store is as it was before the call.
 *
 * A file that only adds rows (complaints into an empty table, a movement
 * log) is committed every [ingest] commit_rows rows (default
 * LOAD_COMMIT_ROWS; 0: one transaction), so the write-ahead log stays the
 * size of a step; it stays marked unfinished until the last step, and a load
 * cut short is undone (records_undo_unfinished), so it is still loaded
 * whole or not at all.
 */
#define LOAD_COMMIT_ROWS 100000
enum nk_err load_file(struct store *st, const char *path, const struct load_options *opt,
		      struct load_result *res, struct strbuf *err);

/*
 * Which kind of file path is, from its header row: the kind all of whose
 * required columns the header names (a file in the nightly inbox may be an
 * export, a movement log or a master). NK_EFORMAT with err when none fits.
 */
enum nk_err load_detect_kind(const char *path, const struct load_options *opt, enum file_kind *out,
			     struct strbuf *err);

/* The snapshot date a file name carries (YYYY-MM-DD, DD-MM-YYYY, YYYYMMDD or
 * DDMMYYYY), else DAY_NONE. */
int load_date_from_name(const char *path);

#endif
