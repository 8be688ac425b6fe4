/*
 * report.h - what every report writer shares: the night being reported,
 * the output folder and the database, and small helpers over the store.
 * Reports read db tables only (never ingest/); each writer is a function
 * taking a struct report_ctx.
 */
#ifndef NK_REPORT_H
#define NK_REPORT_H

#include "engine/error.h"
#include "engine/store.h"
#include "engine/util.h"

struct outfile_set;

struct report_ctx {
	struct store *st;
	const char *out_dir;     /* existing folder the files go into */
	int as_of;               /* day number of the night reported */
	const char *district;    /* English name for titles, or NULL */
	const char *district_hi; /* Hindi name, or NULL */
	long max_rows;           /* rows per worksheet incl. header; 0 = Excel's 1,048,576 */
	long cap;                /* data rows a sheet shows ([report] max_rows); 0 = all */
	int csv;                 /* also write a CSV per sheet */
	int otp_off;             /* the config switched OTP off: the Summary says so */
	/* when not NULL, finished files wait in this set for the caller to put
	 * them in place together (reports/outfile.h) */
	struct outfile_set *defer;
};

#define REPORT_CAP_DEFAULT 1000 /* what a review meeting goes through */

/*
 * Makes rc's database ready for the report queries (the label functions
 * of engine/labels.h). Call before preparing any; NK_EDB with err set.
 */
enum nk_err report_begin(const struct report_ctx *rc, struct strbuf *err);

/* The last match run on or before the night, 0 when none. */
long long report_match_run(const struct report_ctx *rc);

/* out_dir + "/" + name into path (reset first). */
void report_path(const struct report_ctx *rc, const char *name, struct strbuf *path);

/* 1 when the db has a table or view of that name. */
int report_has_table(struct store *st, const char *name);

/* One integer from sql (with ?1 bound to the as-of date); 0 when no row. */
long long report_scalar(const struct report_ctx *rc, const char *sql);

/* Prepares sql with ?1 bound to the as-of date as 'YYYY-MM-DD'. */
sqlite3_stmt *report_prepare(const struct report_ctx *rc, const char *sql);

#endif
