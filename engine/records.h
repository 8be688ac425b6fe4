/*
 * records.h - writing what ingest reads into the store: complaints (current
 * state plus history of changes), quarantined rows, the masters, movement
 * log entries and the ledger of ingested files.
 *
 * All calls happen inside a transaction the caller opened (store_begin):
 * one transaction per input file, so a file is loaded whole or not at all.
 * Prepared statements live in struct records and are reused for every row.
 */
#ifndef NK_RECORDS_H
#define NK_RECORDS_H

#include <stdint.h>

#include "engine/store.h"

struct complaint {
	const char *complaint_id;
	int reg_day;     /* day number */
	int reg_seconds; /* -1 when the export gave no time */
	const char *name_raw, *father_raw, *mobile_raw;
	const char *district, *tehsil, *block, *village, *address;
	const char *department, *category, *sub_category, *description;
	int level;
	const char *status; /* canonical name (field.h) */
	const char *status_raw;
	const char *officer_id, *officer_name;
	int level_since; /* day number or DAY_NONE */
	int closed_day;  /* DAY_NONE when open */
	const char *satisfaction;
	const char *prev_category;
	int category_changed_day;
	int oj_day, oj_level; /* DAY_NONE / 0 when absent */
	const char *oj_officer;
	/* Keys computed once at load; NULL when not computed. */
	const char *name_display, *name_cmp, *name_phon, *name_bridge;
	int name_flags;
	const char *father_cmp, *father_bridge;
	const char *mobile, *mobile_kind;
	const void *text_sig;
	int text_sig_bytes;
};

enum upsert_result {
	UPSERT_INSERTED,  /* a complaint not seen before */
	UPSERT_UPDATED,   /* newer snapshot with changes; history appended */
	UPSERT_UNCHANGED, /* newer or same snapshot, nothing tracked changed */
	UPSERT_OLDER,     /* an older snapshot than the state held: kept the newer */
	UPSERT_DUPLICATE  /* the id already came earlier in this same file */
};

struct records;

struct records *records_new(struct store *st);
void records_free(struct records *r);

struct file_info {
	int64_t id;
	char path[512];
	char finished_at[32];
	long quarantined; /* rows it quarantined */
};

/* 1 when the store held no complaint when r was made. */
int records_complaints_empty(const struct records *r);

/*
 * A large file is loaded in steps, each committed (ingest/load.c), so the
 * write-ahead log holds one step and not the whole file. Until its last step
 * the file's ingest_files row has no finished_at; a load cut short (killed,
 * failed) leaves that mark, and this undoes it: every row the file added to
 * complaints, movements, quarantine and complaint_history goes, then the
 * mark. It works in steps too, each committed, and may itself be cut short
 * and called again. A file is loaded in steps only where it adds rows and
 * changes none (complaints into an empty table, a movement log), so removing
 * its rows gives back the store as it was. store_open calls it for a writer.
 * *undone counts the files (may be NULL).
 */
enum nk_err records_undo_unfinished(struct store *st, int *undone, struct strbuf *err);

/* 1 and *info filled when a file with this sha256 was ingested before, else 0. */
int records_file_seen(struct records *r, const char *sha256, struct file_info *info);

/* Sets the sha256 of file file_id, begun before it was known. */
enum nk_err records_file_sha(struct records *r, int64_t file_id, const char *sha256,
			     struct strbuf *err);

/* Records the start of a file's ingest; returns its id, or -1 with err. */
int64_t records_file_begin(struct records *r, const char *path, const char *sha256,
			   const char *kind, const char *format, int snapshot_day,
			   struct strbuf *err);

struct file_counts {
	long read, loaded, quarantined, empty, older;
};
/*
 * Records the canonical fields the file's header mapped, as schema v8's
 * ingest_files.fields holds them (" complaint_id reg_date ... ").
 */
enum nk_err records_file_fields(struct records *r, int64_t file_id, const char *fields,
				struct strbuf *err);
enum nk_err records_file_finish(struct records *r, int64_t file_id, const struct file_counts *c,
				struct strbuf *err);

/*
 * Inserts or updates one complaint as seen in the snapshot of snapshot_day.
 * For an existing complaint, each change of level, status, category or
 * officer is appended to complaint_history. A row older than the state
 * held changes nothing. *dup_row gets the earlier row for UPSERT_DUPLICATE.
 */
enum nk_err records_upsert_complaint(struct records *r, const struct complaint *c, int64_t file_id,
				     long src_row, int snapshot_day, enum upsert_result *res,
				     long *dup_row, struct strbuf *err);

struct quarantine_row {
	long row_number;
	const char *column_name; /* may be NULL */
	const char *code;
	const char *reason;
	const char *reason_hi;
	const char *raw;
};
enum nk_err records_quarantine(struct records *r, int64_t file_id, const struct quarantine_row *q,
			       struct strbuf *err);

struct category_rec {
	const char *category, *department;
	int days[5]; /* -1 when not given */
};
enum nk_err records_upsert_category(struct records *r, const struct category_rec *c,
				    int64_t file_id, struct strbuf *err);

struct officer_rec {
	const char *officer_id, *name, *designation;
	int level;
	const char *department, *district, *mobile_raw, *mobile, *mobile_kind, *reports_to;
};
enum nk_err records_upsert_officer(struct records *r, const struct officer_rec *o, int64_t file_id,
				   struct strbuf *err);

struct movement_rec {
	const char *complaint_id;
	int day, seconds; /* seconds -1 when no time */
	const char *action;
	int from_level, to_level; /* 0 when absent */
	const char *from_officer, *to_officer, *old_category, *new_category, *remarks;
};
/* *added is 0 when the same movement was already recorded. */
enum nk_err records_add_movement(struct records *r, const struct movement_rec *m, int64_t file_id,
				 long src_row, int *added, struct strbuf *err);

#endif
