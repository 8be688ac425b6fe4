/* records.c - the store's write side for ingest. */
#include "engine/records.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/date.h"
#include "engine/vocab.h"

struct records {
	struct store *st;
	struct vocab *vocab;
	int empty_at_start; /* no complaints held: try a plain insert first */
	sqlite3_stmt *insert, *find, *upsert, *history, *quarantine, *file_seen, *file_begin,
		*file_finish, *category, *officer, *movement;
};

/* The complaint columns the upsert writes, in bind order; v_*: engine/vocab.h. */
static const char upsert_sql[] =
	"INSERT INTO complaint_rows (complaint_id, reg_date, reg_time, name_raw, father_raw,"
	" mobile_raw, v_district, v_tehsil, v_block, v_village, address, v_department, v_category,"
	" v_sub_category, description, level, status, v_status_raw, officer_id, v_officer_name,"
	" level_since, closed_date, v_satisfaction, v_prev_category, category_changed, oj_date,"
	" oj_level, oj_officer, k_display, k_cmp, name_phon, k_bridge, name_flags, k_fcmp,"
	" k_fbridge, mobile, mobile_kind, text_sig, snapshot_date, file_id, src_row, first_seen,"
	" changed_at)"
	" VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17,?18,?19,?20,?21,?22,"
	"?23,?24,?25,?26,?27,?28,?29,?30,?31,?32,?33,?34,?35,?36,?37,?38,?39,?40,?41,?39,?42)"
	" ON CONFLICT(complaint_id) DO UPDATE SET reg_date=excluded.reg_date,"
	" reg_time=excluded.reg_time, name_raw=excluded.name_raw, father_raw=excluded.father_raw,"
	" mobile_raw=excluded.mobile_raw, v_district=excluded.v_district,"
	" v_tehsil=excluded.v_tehsil, v_block=excluded.v_block, v_village=excluded.v_village,"
	" address=excluded.address, v_department=excluded.v_department,"
	" v_category=excluded.v_category, v_sub_category=excluded.v_sub_category,"
	" description=excluded.description, level=excluded.level, status=excluded.status,"
	" v_status_raw=excluded.v_status_raw, officer_id=excluded.officer_id,"
	" v_officer_name=excluded.v_officer_name, level_since=excluded.level_since,"
	" closed_date=excluded.closed_date, v_satisfaction=excluded.v_satisfaction,"
	" v_prev_category=excluded.v_prev_category, category_changed=excluded.category_changed,"
	" oj_date=excluded.oj_date, oj_level=excluded.oj_level, oj_officer=excluded.oj_officer,"
	" k_display=excluded.k_display, k_cmp=excluded.k_cmp,"
	" name_phon=excluded.name_phon, k_bridge=excluded.k_bridge,"
	" name_flags=excluded.name_flags, k_fcmp=excluded.k_fcmp, k_fbridge=excluded.k_fbridge,"
	" mobile=excluded.mobile, mobile_kind=excluded.mobile_kind,"
	/* a signature depends on the description alone: one stored before v9
	 * stays while the description does (schema.c, v9) */
	" text_sig=CASE WHEN description IS excluded.description THEN text_sig"
	" ELSE excluded.text_sig END,"
	" snapshot_date=excluded.snapshot_date, file_id=excluded.file_id,"
	" src_row=excluded.src_row, changed_at=excluded.changed_at";

struct records *records_new(struct store *st)
{
	struct records *r = xcalloc(1, sizeof(*r));
	r->st = st;
	r->vocab = vocab_new(st);
	r->find =
		store_prepare(st, "SELECT snapshot_date, file_id, src_row, level, status, category,"
				  " officer_id, changed_at FROM complaints WHERE complaint_id = ?");
	r->upsert = store_prepare(st, upsert_sql);
	/* The same statement without its ON CONFLICT clause. */
	const char *on = strstr(upsert_sql, " ON CONFLICT");
	char *plain = xstrndup(upsert_sql, (size_t)(on - upsert_sql));
	r->insert = store_prepare(st, plain);
	free(plain);
	sqlite3_stmt *any = store_prepare(st, "SELECT NOT EXISTS (SELECT 1 FROM complaints)");
	r->empty_at_start = sqlite3_step(any) == SQLITE_ROW && sqlite3_column_int(any, 0);
	sqlite3_finalize(any);
	r->history = store_prepare(st, "INSERT INTO complaint_history (complaint_id, snapshot_date,"
				       " field, old_value, new_value, source, file_id)"
				       " VALUES (?, ?, ?, ?, ?, ?, ?)");
	r->quarantine =
		store_prepare(st, "INSERT INTO quarantine (file_id, row_number, column_name,"
				  " code, reason, reason_hi, raw) VALUES (?,?,?,?,?,?,?)");
	r->file_seen = store_prepare(st, "SELECT id, path, coalesce(finished_at, started_at),"
					 " rows_quarantined"
					 " FROM ingest_files WHERE sha256 = ?");
	r->file_begin = store_prepare(st, "INSERT INTO ingest_files (path, sha256, kind, format,"
					  " snapshot_date, started_at)"
					  " VALUES (?, ?, ?, ?, ?, datetime('now', 'localtime'))");
	r->file_finish = store_prepare(st, "UPDATE ingest_files SET rows_read=?, rows_loaded=?,"
					   " rows_quarantined=?, rows_empty=?, rows_older=?,"
					   " finished_at=datetime('now', 'localtime') WHERE id=?");
	r->category = store_prepare(st, "INSERT OR REPLACE INTO categories (category, department,"
					" days_l1, days_l2, days_l3, days_l4, days_l5, file_id)"
					" VALUES (?,?,?,?,?,?,?,?)");
	r->officer = store_prepare(
		st, "INSERT OR REPLACE INTO officers (officer_id, name,"
		    " designation, level, department, district, mobile_raw, mobile,"
		    " mobile_kind, reports_to, file_id) VALUES (?,?,?,?,?,?,?,?,?,?,?)");
	r->movement =
		store_prepare(st, "INSERT OR IGNORE INTO movements (complaint_id, action_date,"
				  " action_time, action, from_level, to_level, from_officer,"
				  " to_officer, old_category, new_category, remarks, file_id,"
				  " src_row) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)");
	return r;
}

void records_free(struct records *r)
{
	if (!r)
		return;
	sqlite3_stmt *all[] = {r->insert,     r->find,      r->upsert,     r->history,
			       r->quarantine, r->file_seen, r->file_begin, r->file_finish,
			       r->category,   r->officer,   r->movement};
	for (size_t i = 0; i < sizeof(all) / sizeof(all[0]); i++)
		sqlite3_finalize(all[i]);
	vocab_free(r->vocab);
	free(r);
}

int records_complaints_empty(const struct records *r)
{
	return r->empty_at_start;
}

/* Rows of the tables a load writes, deleted in steps this long. */
#define UNDO_STEP 50000

/* The rowids [*lo, *hi] of table's rows from file f; 0 when it has none. */
static int file_rows(struct store *st, const char *table, int64_t f, int64_t *lo, int64_t *hi)
{
	char sql[160];
	xsnprintf(sql, sizeof(sql), "SELECT min(rowid), max(rowid) FROM %s WHERE file_id = ?",
		  table);
	sqlite3_stmt *s = store_prepare(st, sql);
	sqlite3_bind_int64(s, 1, f);
	int any = store_row(s) && sqlite3_column_type(s, 0) != SQLITE_NULL;
	if (any) {
		*lo = sqlite3_column_int64(s, 0);
		*hi = sqlite3_column_int64(s, 1);
	}
	sqlite3_finalize(s);
	return any;
}

/* Deletes file f's rows of table, a committed step at a time. */
static enum nk_err undo_table(struct store *st, const char *table, int64_t f, struct strbuf *err)
{
	int64_t lo, hi;
	if (!file_rows(st, table, f, &lo, &hi))
		return NK_OK;
	char sql[160];
	xsnprintf(sql, sizeof(sql),
		  "DELETE FROM %s WHERE rowid >= ? AND rowid < ? AND file_id = ?", table);
	for (int64_t at = lo; at <= hi; at += UNDO_STEP) {
		enum nk_err rc = store_begin(st, err);
		if (rc)
			return rc;
		sqlite3_stmt *s = store_prepare(st, sql);
		sqlite3_bind_int64(s, 1, at);
		sqlite3_bind_int64(s, 2, at + UNDO_STEP);
		sqlite3_bind_int64(s, 3, f);
		if ((rc = store_step_once(st, s, "cannot undo an interrupted load", err)) ||
		    (rc = store_commit(st, err))) {
			store_rollback(st);
			return rc;
		}
	}
	return NK_OK;
}

enum nk_err records_undo_unfinished(struct store *st, int *undone, struct strbuf *err)
{
	static const char *const tables[] = {"complaint_rows", "movements", "quarantine",
					     "complaint_history"};
	enum nk_err rc = NK_OK;
	if (undone)
		*undone = 0;
	for (;;) {
		sqlite3_stmt *s = store_prepare(
			st, "SELECT id FROM ingest_files WHERE finished_at IS NULL ORDER BY id LIMIT 1");
		int64_t f = store_row(s) ? sqlite3_column_int64(s, 0) : -1;
		sqlite3_finalize(s);
		if (f < 0)
			return NK_OK;
		for (size_t i = 0; i < sizeof(tables) / sizeof(tables[0]) && !rc; i++)
			rc = undo_table(st, tables[i], f, err);
		if (rc || (rc = store_begin(st, err)))
			return rc;
		/*
		 * The rows deleted were the last complaints added (rowids count
		 * up), so the trigger's marks of them lie above every complaint
		 * left; an uninterrupted run never saw them.
		 */
		s = store_prepare(st, "DELETE FROM match_dirty WHERE id >"
				      " (SELECT coalesce(max(id), 0) FROM complaints)");
		if (!(rc = store_step_once(st, s, "cannot undo an interrupted load", err))) {
			s = store_prepare(st, "DELETE FROM ingest_files WHERE id = ?");
			sqlite3_bind_int64(s, 1, f);
			rc = store_step_once(st, s, "cannot undo an interrupted load", err);
		}
		if (rc || (rc = store_commit(st, err))) {
			store_rollback(st);
			return rc;
		}
		if (undone)
			(*undone)++;
	}
}

/* Steps a write statement once and resets it; NK_EDB with err on failure. */
static enum nk_err step_done(struct records *r, sqlite3_stmt *s, const char *what,
			     struct strbuf *err)
{
	int rc = sqlite3_step(s);
	enum nk_err e = rc == SQLITE_DONE ? NK_OK : store_error(r->st, what, err);
	sqlite3_reset(s);
	sqlite3_clear_bindings(s);
	return e;
}

int records_file_seen(struct records *r, const char *sha256, struct file_info *info)
{
	sqlite3_stmt *s = r->file_seen;
	int seen = 0;
	sqlite3_bind_text(s, 1, sha256, -1, SQLITE_STATIC);
	if (sqlite3_step(s) == SQLITE_ROW) {
		seen = 1;
		info->id = sqlite3_column_int64(s, 0);
		xsnprintf(info->path, sizeof(info->path), "%s", sqlite3_column_text(s, 1));
		xsnprintf(info->finished_at, sizeof(info->finished_at), "%s",
			  sqlite3_column_text(s, 2));
		info->quarantined = sqlite3_column_int(s, 3);
	}
	sqlite3_reset(s);
	return seen;
}

/* One text of file file_id's row set by sql ("UPDATE ... SET x = ?1 WHERE id = ?2"). */
static enum nk_err set_file_text(struct records *r, const char *sql, int64_t file_id,
				 const char *value, const char *what, struct strbuf *err)
{
	sqlite3_stmt *s = store_prepare(r->st, sql);
	sqlite3_bind_text(s, 1, value, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 2, file_id);
	enum nk_err e = step_done(r, s, what, err);
	sqlite3_finalize(s);
	return e;
}

enum nk_err records_file_sha(struct records *r, int64_t file_id, const char *sha256,
			     struct strbuf *err)
{
	return set_file_text(r, "UPDATE ingest_files SET sha256 = ?1 WHERE id = ?2", file_id,
			     sha256, "cannot record the file", err);
}

int64_t records_file_begin(struct records *r, const char *path, const char *sha256,
			   const char *kind, const char *format, int snapshot_day,
			   struct strbuf *err)
{
	sqlite3_stmt *s = r->file_begin;
	sqlite3_bind_text(s, 1, path, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, sha256, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, kind, -1, SQLITE_STATIC);
	store_bind_text(s, 4, format);
	store_bind_day(s, 5, snapshot_day);
	if (step_done(r, s, "cannot record the file", err))
		return -1;
	return sqlite3_last_insert_rowid(r->st->db);
}

enum nk_err records_file_fields(struct records *r, int64_t file_id, const char *fields,
				struct strbuf *err)
{
	return set_file_text(r, "UPDATE ingest_files SET fields = ?1 WHERE id = ?2", file_id,
			     fields, "cannot record the file's columns", err);
}

enum nk_err records_file_finish(struct records *r, int64_t file_id, const struct file_counts *c,
				struct strbuf *err)
{
	sqlite3_stmt *s = r->file_finish;
	sqlite3_bind_int64(s, 1, c->read);
	sqlite3_bind_int64(s, 2, c->loaded);
	sqlite3_bind_int64(s, 3, c->quarantined);
	sqlite3_bind_int64(s, 4, c->empty);
	sqlite3_bind_int64(s, 5, c->older);
	sqlite3_bind_int64(s, 6, file_id);
	return step_done(r, s, "cannot record the file's counts", err);
}

static void bind_int_or_null(sqlite3_stmt *s, int i, int v, int none)
{
	if (v == none)
		sqlite3_bind_null(s, i);
	else
		sqlite3_bind_int(s, i, v);
}

/* Binds seconds since midnight as 'HH:MM:SS'; nothing (NULL) when negative. */
static void bind_time(sqlite3_stmt *s, int i, int seconds)
{
	char t[16];
	if (seconds < 0)
		return;
	snprintf(t, sizeof(t), "%02u:%02u:%02u", (unsigned)seconds / 3600 % 24,
		 (unsigned)seconds / 60 % 60, (unsigned)seconds % 60);
	store_bind_copy(s, i, t, -1);
}

/*
 * Binds a form kept only where it differs from the one it is read back
 * from (a virtual column of schema v7): NULL when it is that one, '' when
 * it is empty but that one is not; NULL and "" are the same empty form.
 */
static void bind_derived(sqlite3_stmt *s, int i, const char *form, const char *from)
{
	const char *f = form ? form : "", *b = from ? from : "";
	if (!strcmp(f, b))
		sqlite3_bind_null(s, i);
	else
		sqlite3_bind_text(s, i, f, -1, SQLITE_STATIC);
}

/* Binds the texts stored as vocab ids (v_* of complaint_rows), at their places. */
static enum nk_err bind_vocab(struct records *r, sqlite3_stmt *s, const struct complaint *c,
			      struct strbuf *err)
{
	const struct {
		int i;
		const char *text;
	} t[] = {{7, c->district},      {8, c->tehsil},        {9, c->block},
		 {10, c->village},      {12, c->department},   {13, c->category},
		 {14, c->sub_category}, {18, c->status_raw},   {20, c->officer_name},
		 {23, c->satisfaction}, {24, c->prev_category}};
	enum nk_err rc = NK_OK;
	for (size_t k = 0; k < sizeof(t) / sizeof(t[0]) && !rc; k++)
		rc = vocab_bind(r->vocab, s, t[k].i, t[k].text, err);
	return rc;
}

static enum nk_err bind_complaint(struct records *r, sqlite3_stmt *s, const struct complaint *c,
				  struct strbuf *err)
{
	store_bind_text(s, 1, c->complaint_id);
	store_bind_day(s, 2, c->reg_day);
	bind_time(s, 3, c->reg_seconds);
	sqlite3_bind_text(s, 4, c->name_raw ? c->name_raw : "", -1, SQLITE_STATIC);
	store_bind_text(s, 5, c->father_raw);
	store_bind_text(s, 6, c->mobile_raw);
	store_bind_text(s, 11, c->address);
	store_bind_text(s, 15, c->description);
	sqlite3_bind_int(s, 16, c->level);
	store_bind_text(s, 17, c->status);
	store_bind_text(s, 19, c->officer_id);
	store_bind_day(s, 21, c->level_since);
	store_bind_day(s, 22, c->closed_day);
	store_bind_day(s, 25, c->category_changed_day);
	store_bind_day(s, 26, c->oj_day);
	bind_int_or_null(s, 27, c->oj_level, 0);
	store_bind_text(s, 28, c->oj_officer);
	/* Each derivable form only where it differs from its source (schema v7). */
	bind_derived(s, 29, c->name_display, c->name_raw);
	bind_derived(s, 30, c->name_cmp, c->name_display);
	store_bind_text(s, 31, c->name_phon);
	bind_derived(s, 32, c->name_bridge, c->name_cmp);
	sqlite3_bind_int(s, 33, c->name_flags);
	bind_derived(s, 34, c->father_cmp, c->father_raw);
	bind_derived(s, 35, c->father_bridge, c->father_cmp);
	store_bind_text(s, 36, c->mobile);
	store_bind_text(s, 37, c->mobile_kind);
	if (c->text_sig && c->text_sig_bytes > 0)
		sqlite3_bind_blob(s, 38, c->text_sig, c->text_sig_bytes, SQLITE_STATIC);
	return bind_vocab(r, s, c, err);
}

static int text_differs(const unsigned char *old, const char *new_)
{
	const char *o = old ? (const char *)old : "";
	const char *n = new_ ? new_ : "";
	return strcmp(o, n) != 0;
}

static enum nk_err add_history(struct records *r, const char *id, int day, const char *field,
			       const char *old, const char *new_, int64_t file_id,
			       struct strbuf *err)
{
	sqlite3_stmt *h = r->history;
	sqlite3_bind_text(h, 1, id, -1, SQLITE_STATIC);
	store_bind_day(h, 2, day);
	sqlite3_bind_text(h, 3, field, -1, SQLITE_STATIC);
	store_bind_text(h, 4, old);
	store_bind_text(h, 5, new_);
	sqlite3_bind_text(h, 6, "snapshot", -1, SQLITE_STATIC);
	sqlite3_bind_int64(h, 7, file_id);
	return step_done(r, h, "cannot append to the complaint history", err);
}

/* History rows for each tracked field that changed; *changed counts them. */
static enum nk_err record_changes(struct records *r, sqlite3_stmt *f, const struct complaint *c,
				  int day, int64_t file_id, int *changed, struct strbuf *err)
{
	char oldlvl[16], newlvl[16];
	enum nk_err rc = NK_OK;
	*changed = 0;
	snprintf(oldlvl, sizeof(oldlvl), "%d", sqlite3_column_int(f, 3));
	snprintf(newlvl, sizeof(newlvl), "%d", c->level);
	struct {
		const char *field, *old, *new_;
	} t[4] = {{"level", oldlvl, newlvl},
		  {"status", (const char *)sqlite3_column_text(f, 4), c->status},
		  {"category", (const char *)sqlite3_column_text(f, 5), c->category},
		  {"officer_id", (const char *)sqlite3_column_text(f, 6), c->officer_id}};
	for (int i = 0; i < 4 && !rc; i++) {
		if (!text_differs((const unsigned char *)t[i].old, t[i].new_))
			continue;
		(*changed)++;
		rc = add_history(r, c->complaint_id, day, t[i].field, t[i].old, t[i].new_, file_id,
				 err);
	}
	return rc;
}

static void bind_provenance(sqlite3_stmt *s, int64_t file_id, long src_row, int snapshot_day,
			    int changed_at)
{
	store_bind_day(s, 39, snapshot_day);
	sqlite3_bind_int64(s, 40, file_id);
	sqlite3_bind_int64(s, 41, src_row);
	store_bind_day(s, 42, changed_at);
}

/*
 * 1 when the plain insert stored the row; 0 when the id exists already; -1
 * with err on any other failure (out of memory, a full disk), which may have
 * rolled the transaction back: the next statements must not run outside it.
 */
static int try_insert(struct records *r, const struct complaint *c, int64_t file_id, long src_row,
		      int snapshot_day, struct strbuf *err)
{
	if (bind_complaint(r, r->insert, c, err)) {
		sqlite3_clear_bindings(r->insert);
		return -1;
	}
	bind_provenance(r->insert, file_id, src_row, snapshot_day, snapshot_day);
	int rc = sqlite3_step(r->insert);
	int out = rc == SQLITE_DONE ? 1 : (rc & 0xff) == SQLITE_CONSTRAINT ? 0 : -1;
	if (out < 0)
		store_error(r->st, "cannot store a complaint", err);
	sqlite3_reset(r->insert);
	sqlite3_clear_bindings(r->insert);
	return out;
}

enum nk_err records_upsert_complaint(struct records *r, const struct complaint *c, int64_t file_id,
				     long src_row, int snapshot_day, enum upsert_result *res,
				     long *dup_row, struct strbuf *err)
{
	sqlite3_stmt *f = r->find;
	int changed_at = snapshot_day;
	enum nk_err rc = NK_OK;
	/*
	 * Loading into an empty table (the first night, a rebuild) almost every
	 * row is new: a plain insert saves the look-up, and only a repeated id
	 * within the file falls through to the full path.
	 */
	if (r->empty_at_start) {
		int ins = try_insert(r, c, file_id, src_row, snapshot_day, err);
		if (ins < 0)
			return NK_EDB;
		if (ins) {
			*res = UPSERT_INSERTED;
			return NK_OK;
		}
	}
	sqlite3_bind_text(f, 1, c->complaint_id, -1, SQLITE_STATIC);
	int step = sqlite3_step(f);
	if (step == SQLITE_ROW) {
		int held = store_column_day(f, 0);
		if (sqlite3_column_int64(f, 1) == file_id) {
			*res = UPSERT_DUPLICATE;
			*dup_row = sqlite3_column_int(f, 2);
			goto out;
		}
		if (snapshot_day < held) {
			*res = UPSERT_OLDER;
			goto out;
		}
		int changed;
		if ((rc = record_changes(r, f, c, snapshot_day, file_id, &changed, err)))
			goto out;
		*res = changed ? UPSERT_UPDATED : UPSERT_UNCHANGED;
		if (!changed)
			changed_at = store_column_day(f, 7);
	} else if (step == SQLITE_DONE) {
		*res = UPSERT_INSERTED;
	} else {
		rc = store_error(r->st, "cannot look up a complaint", err);
		goto out;
	}
	sqlite3_reset(f);
	if ((rc = bind_complaint(r, r->upsert, c, err))) {
		sqlite3_clear_bindings(r->upsert);
		return rc;
	}
	bind_provenance(r->upsert, file_id, src_row, snapshot_day, changed_at);
	return step_done(r, r->upsert, "cannot store a complaint", err);
out:
	sqlite3_reset(f);
	return rc;
}

enum nk_err records_quarantine(struct records *r, int64_t file_id, const struct quarantine_row *q,
			       struct strbuf *err)
{
	sqlite3_stmt *s = r->quarantine;
	sqlite3_bind_int64(s, 1, file_id);
	sqlite3_bind_int64(s, 2, q->row_number);
	store_bind_text(s, 3, q->column_name);
	sqlite3_bind_text(s, 4, q->code, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 5, q->reason, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 6, q->reason_hi, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 7, q->raw ? q->raw : "", -1, SQLITE_STATIC);
	return step_done(r, s, "cannot quarantine a row", err);
}

enum nk_err records_upsert_category(struct records *r, const struct category_rec *c,
				    int64_t file_id, struct strbuf *err)
{
	sqlite3_stmt *s = r->category;
	store_bind_text(s, 1, c->category);
	store_bind_text(s, 2, c->department);
	for (int i = 0; i < 5; i++)
		bind_int_or_null(s, 3 + i, c->days[i], -1);
	sqlite3_bind_int64(s, 8, file_id);
	return step_done(r, s, "cannot store a category", err);
}

enum nk_err records_upsert_officer(struct records *r, const struct officer_rec *o, int64_t file_id,
				   struct strbuf *err)
{
	sqlite3_stmt *s = r->officer;
	const char *t[] = {o->officer_id, o->name, o->designation};
	for (int i = 0; i < 3; i++)
		store_bind_text(s, 1 + i, t[i]);
	sqlite3_bind_int(s, 4, o->level);
	const char *u[] = {o->department, o->district,    o->mobile_raw,
			   o->mobile,     o->mobile_kind, o->reports_to};
	for (int i = 0; i < 6; i++)
		store_bind_text(s, 5 + i, u[i]);
	sqlite3_bind_int64(s, 11, file_id);
	return step_done(r, s, "cannot store an officer", err);
}

enum nk_err records_add_movement(struct records *r, const struct movement_rec *m, int64_t file_id,
				 long src_row, int *added, struct strbuf *err)
{
	sqlite3_stmt *s = r->movement;
	store_bind_text(s, 1, m->complaint_id);
	store_bind_day(s, 2, m->day);
	bind_time(s, 3, m->seconds);
	store_bind_text(s, 4, m->action);
	bind_int_or_null(s, 5, m->from_level, 0);
	bind_int_or_null(s, 6, m->to_level, 0);
	const char *x[] = {m->from_officer, m->to_officer, m->old_category, m->new_category,
			   m->remarks};
	for (int i = 0; i < 5; i++)
		store_bind_text(s, 7 + i, x[i]);
	sqlite3_bind_int64(s, 12, file_id);
	sqlite3_bind_int64(s, 13, src_row);
	enum nk_err rc = step_done(r, s, "cannot store a movement", err);
	*added = !rc && sqlite3_changes(r->st->db) > 0;
	return rc;
}
