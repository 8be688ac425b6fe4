/*
 * store.h - the district's SQLite database: opening, schema migrations,
 * the run lock and transactions. The tables are created by engine/schema.c.
 *
 * A struct store is used by one thread only (SQLite connections are not
 * shared); OpenMP code in the engine reads its inputs into memory first.
 */
#ifndef NK_STORE_H
#define NK_STORE_H

#include <pthread.h>
#include <sqlite3.h>

#include "engine/error.h"
#include "engine/util.h"

struct store {
	sqlite3 *db;
	char *path;
	int lock_fd; /* -1 when this process does not hold the run lock */
	int in_tx;
	pthread_t checkpointer; /* store_commit_behind's, joined by store_close */
	int checkpointing;
};

enum store_mode {
	STORE_READ = 0,  /* existing db, no lock; readers may run during a run (WAL) */
	STORE_WRITE = 1, /* create or migrate, and take the run lock */
};

/* Sets SQLite up for this process, once; before any connection is opened
 * (store_open calls it; so must any other sqlite3_open). */
void store_sqlite_init(void);

/*
 * Opens (and in STORE_WRITE mode creates and migrates) the database at path.
 * STORE_WRITE takes the run lock (flock on "<path>.lock") first; when another
 * process holds it, returns NK_ELOCKED with a message naming that process.
 * On error *out is NULL and err holds the message.
 */
enum nk_err store_open(struct store **out, const char *path, enum store_mode mode,
		       struct strbuf *err);
void store_close(struct store *st);

/* The schema version this build writes, and the db's own. */
int store_schema_version(void);
int store_db_version(struct store *st);

/* BEGIN IMMEDIATE / COMMIT / ROLLBACK; err gets SQLite's message. */
enum nk_err store_begin(struct store *st, struct strbuf *err);
enum nk_err store_commit(struct store *st, struct strbuf *err);
void store_rollback(struct store *st);

/* SQLite's page cache of a connection: the default, and a larger one for
 * a large transaction (store_set_cache), in KiB. */
#define STORE_CACHE_KIB 65536
void store_set_cache(struct store *st, long kib);

/*
 * Commits as store_commit, but leaves copying the write-ahead log into the
 * database file (the checkpoint SQLite would make now: half a second after
 * a full match of a million complaints) to a thread and a connection of
 * its own, so that the caller's next work, such as reading back what it
 * wrote, overlaps it. One at a time: the next such commit waits for it,
 * and so does store_close. What it cannot copy (the disk is full) stays in
 * the log, committed, for a later checkpoint.
 */
enum nk_err store_commit_behind(struct store *st, struct strbuf *err);

/*
 * Copies the write-ahead log into the database file now (what SQLite does by
 * itself once the log passes 1000 pages), so the next transaction writes the
 * log from its start: a load committed in steps keeps it one step long. A
 * checkpoint that cannot finish (a reader, a full disk) leaves the log as it
 * is, committed; nothing is lost.
 */
void store_checkpoint(struct store *st);

/* Runs SQL that returns no rows; NK_EDB with err set on failure. */
enum nk_err store_exec(struct store *st, const char *sql, struct strbuf *err);

/*
 * Steps s once (a write), finalizes it, and returns NK_OK, or NK_EDB with
 * "what: sqlite message" in err. For one-off statements.
 */
enum nk_err store_step_once(struct store *st, sqlite3_stmt *s, const char *what,
			    struct strbuf *err);

/*
 * Steps a read: 1 with a row, 0 at the end. When SQLite fails (out of
 * memory, a disk error) the process ends with exit 1 and a message, as when
 * xmalloc fails: a reader that took the failure for the end would write a
 * short report and call it complete.
 */
int store_row(sqlite3_stmt *s);
/* sqlite3_column_text, NULL only for SQL NULL: out of memory ends the
 * process as above (SQLite returns NULL when it cannot make the text). */
const char *store_column_text(sqlite3_stmt *s, int i);

/* Prepares sql or dies with a clear message: a bad statement is a bug. */
sqlite3_stmt *store_prepare(struct store *st, const char *sql);

/* Appends "what: sqlite message" to err and returns NK_EDB. */
enum nk_err store_error(struct store *st, const char *what, struct strbuf *err);

/* meta table: the db's identity (db_id, created_at, district) and settings. */
char *store_meta_get(struct store *st, const char *key); /* malloc'd or NULL */
enum nk_err store_meta_set(struct store *st, const char *key, const char *value,
			   struct strbuf *err);

/* Binds text, or NULL when s is NULL or empty. */
void store_bind_text(sqlite3_stmt *s, int i, const char *text);
/* Binds a copy of text[0..len) (len -1: to the NUL); on out of memory the
 * process ends (exit 1) rather than store NULL in its place. */
void store_bind_copy(sqlite3_stmt *s, int i, const char *text, int len);
/* Binds a day number as 'YYYY-MM-DD', or NULL for DAY_NONE. */
void store_bind_day(sqlite3_stmt *s, int i, int day);
/* Reads a 'YYYY-MM-DD' column as a day number, DAY_NONE when NULL. */
int store_column_day(sqlite3_stmt *s, int i);

#define DAY_NONE (-2147483647 - 1)

#endif
