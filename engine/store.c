/* store.c - opening the db, migrations, the run lock, transactions. */
#include "engine/store.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/statvfs.h>
#include <time.h>
#include <unistd.h>

#include "engine/date.h"
#include "engine/records.h"
#include "engine/schema.h"

int store_schema_version(void)
{
	return schema_migration_count;
}

/*
 * A note for a failure to write beside path that a full disk explains: no
 * room for bytes (ENOSPC, or almost none left), or no room for one more file
 * (no free inodes: SQLite then only says it cannot open the database, as its
 * -wal or -shm cannot be made, and the system says "No space left on device"
 * on a disk that shows free space).
 */
static void note_full_disk(const char *path, int enospc, struct strbuf *err)
{
	struct statvfs fs;
	char *dir = xstrdup(path), *slash = strrchr(dir, '/');
	if (slash)
		*slash = 0;
	const char *where = slash ? (*dir ? dir : "/") : ".";
	int have_fs = statvfs(where, &fs) == 0;
	unsigned long long kb = have_fs ? (unsigned long long)fs.f_bavail * fs.f_frsize / 1024 : 0;
	if (have_fs && fs.f_files > 0 && fs.f_favail == 0)
		strbuf_addf(err,
			    " — the disk holding %s has no room for new files (no free inodes, "
			    "though %llu KB are free): delete files there (old archives, logs) and "
			    "run again; nothing was changed",
			    where, kb);
	else if ((have_fs && kb < 4096) || enospc) {
		strbuf_addf(err, " — the disk holding %s is full", where);
		if (have_fs && kb < 4096)
			strbuf_addf(err, " (%llu KB free)", kb);
		strbuf_addstr(err, ": free some space and run again; nothing was changed");
	}
	free(dir);
}

/* SQLite says "disk I/O error" when it cannot grow a file or map its shared
 * memory on a full disk; a clerk needs to hear that the disk is full. */
static void explain_full_disk(struct store *st, struct strbuf *err)
{
	int code = st->db ? sqlite3_errcode(st->db) & 0xff : SQLITE_OK; /* primary code */
	if (code == SQLITE_FULL || code == SQLITE_IOERR || code == SQLITE_CANTOPEN)
		note_full_disk(st->path, st->db && sqlite3_system_errno(st->db) == ENOSPC, err);
}

enum nk_err store_error(struct store *st, const char *what, struct strbuf *err)
{
	strbuf_addf(err, "%s: %s: %s", st->path, what, sqlite3_errmsg(st->db));
	explain_full_disk(st, err);
	return NK_EDB;
}

enum nk_err store_exec(struct store *st, const char *sql, struct strbuf *err)
{
	char *msg = NULL;
	if (sqlite3_exec(st->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		strbuf_addf(err, "%s: %s", st->path, msg ? msg : sqlite3_errmsg(st->db));
		sqlite3_free(msg);
		explain_full_disk(st, err);
		return NK_EDB;
	}
	return NK_OK;
}

/*
 * Out of memory, or a disk error, while a transaction may be open: the
 * process ends with exit 1 and SQLite's journal undoes the open transaction,
 * as when xmalloc fails. Only a bad statement is a bug (abort).
 */
static void die_db(sqlite3 *db, int rc, const char *what)
{
	if ((rc & 0xff) == SQLITE_NOMEM)
		die_msg("out of memory (%s)", what);
	die_msg("%s: the database could not be read or written: %s", what,
		db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
}

static void die_reading(sqlite3_stmt *s, int rc)
{
	sqlite3 *db = sqlite3_db_handle(s);
	char what[512];
	xsnprintf(what, sizeof(what), "reading %s", sqlite3_db_filename(db, "main"));
	die_db(db, rc, what);
}

int store_row(sqlite3_stmt *s)
{
	int rc = sqlite3_step(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		die_reading(s, rc);
	return rc == SQLITE_ROW;
}

const char *store_column_text(sqlite3_stmt *s, int i)
{
	/* The type first: a failed conversion turns the value itself into NULL. */
	int type = sqlite3_column_type(s, i);
	const char *t = (const char *)sqlite3_column_text(s, i);
	if (!t && type != SQLITE_NULL)
		die_reading(s, SQLITE_NOMEM);
	return t;
}

enum nk_err store_step_once(struct store *st, sqlite3_stmt *s, const char *what, struct strbuf *err)
{
	enum nk_err rc = sqlite3_step(s) == SQLITE_DONE ? NK_OK : store_error(st, what, err);
	sqlite3_finalize(s);
	return rc;
}

sqlite3_stmt *store_prepare(struct store *st, const char *sql)
{
	sqlite3_stmt *s = NULL;
	int rc = sqlite3_prepare_v2(st->db, sql, -1, &s, NULL);
	if (rc != SQLITE_OK) {
		if ((rc & 0xff) != SQLITE_ERROR)
			die_db(st->db, rc, "preparing a statement");
		fprintf(stderr, "nirakaran: internal error: cannot prepare SQL (%s):\n%s\n",
			sqlite3_errmsg(st->db), sql);
		abort();
	}
	return s;
}

/*
 * The run lock: flock() on a file beside the db. The kernel releases it when
 * the process dies, even by SIGKILL, so a crashed run never blocks the next.
 */
/*
 * The file the lock is taken beside: the db's real path, so that two names
 * of one database (a symlink, a second link to its folder) share one lock.
 * A db not made yet is named through its folder's real path.
 */
static char *lock_target(const char *path)
{
	char *real = realpath(path, NULL);
	if (real)
		return real;
	char *dir = xstrdup(path), *slash = strrchr(dir, '/');
	const char *base = path + (slash ? slash - dir + 1 : 0); /* in path: dir is freed */
	if (slash)
		*slash = 0;
	real = realpath(slash ? (*dir ? dir : "/") : ".", NULL);
	if (!real) {
		free(dir);
		return xstrdup(path);
	}
	struct strbuf sb = STRBUF_INIT;
	strbuf_addf(&sb, "%s/%s", real, base); /* base points into dir */
	free(real);
	free(dir);
	return strbuf_detach(&sb, NULL);
}

static enum nk_err take_lock(struct store *st, struct strbuf *err)
{
	struct strbuf lp = STRBUF_INIT;
	char *target = lock_target(st->path);
	strbuf_addf(&lp, "%s.lock", target);
	free(target);
	int fd = open(lp.buf, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
	if (fd < 0) {
		int e = errno;
		strbuf_addf(err, "cannot create the lock file %s: %s", lp.buf, strerror(e));
		if (e == ENOSPC || e == EDQUOT)
			note_full_disk(lp.buf, 1, err);
		strbuf_release(&lp);
		return NK_EIO;
	}
	if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
		char holder[128] = "";
		ssize_t n = pread(fd, holder, sizeof(holder) - 1, 0);
		holder[n > 0 ? n : 0] = 0;
		holder[strcspn(holder, "\n")] = 0;
		strbuf_addf(err,
			    "another nirakaran run is using %s (%s); this run stops without "
			    "changing anything. Wait for it to finish, then run again.",
			    st->path, *holder ? holder : "lock held");
		close(fd);
		strbuf_release(&lp);
		return NK_ELOCKED;
	}
	char line[128];
	time_t now = time(NULL);
	struct tm tm;
	localtime_r(&now, &tm);
	int n = snprintf(line, sizeof(line), "process %ld, started %04d-%02d-%02d %02d:%02d:%02d\n",
			 (long)getpid(), tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
			 tm.tm_min, tm.tm_sec);
	if (ftruncate(fd, 0) != 0 || pwrite(fd, line, (size_t)n, 0) != n) {
		/* The lock holds without the note; the note only helps the message. */
	}
	st->lock_fd = fd;
	strbuf_release(&lp);
	return NK_OK;
}

int store_db_version(struct store *st)
{
	sqlite3_stmt *s = store_prepare(st, "PRAGMA user_version");
	int v = sqlite3_step(s) == SQLITE_ROW ? sqlite3_column_int(s, 0) : -1;
	sqlite3_finalize(s);
	return v;
}

static void random_id(char out[33])
{
	unsigned char b[16];
	FILE *f = fopen("/dev/urandom", "rb");
	size_t got = f ? fread(b, 1, sizeof(b), f) : 0;
	if (f)
		fclose(f);
	if (got != sizeof(b)) { /* no urandom: time and pid still tell dbs apart */
		unsigned long long t =
			(unsigned long long)time(NULL) ^ ((unsigned long long)getpid() << 32);
		for (int i = 0; i < 16; i++)
			b[i] = (unsigned char)(t >> (i % 8 * 8)) ^ (unsigned char)(i * 37);
	}
	for (int i = 0; i < 16; i++)
		snprintf(out + 2 * i, 3, "%02x", b[i]);
}

/*
 * A db of schema 0 that already holds tables is another program's: adding
 * ours beside them would mix two programs' data in one file. 1 with err set.
 */
static int foreign(struct store *st, struct strbuf *err)
{
	sqlite3_stmt *s = store_prepare(st, "SELECT name FROM sqlite_master WHERE type = 'table'"
					    " AND name NOT LIKE 'sqlite_%' ORDER BY name");
	struct strbuf names = STRBUF_INIT;
	int n = 0;
	while (store_row(s))
		if (n++ < 5)
			strbuf_addf(&names, "%s\"%s\"", n > 1 ? ", " : "", store_column_text(s, 0));
	sqlite3_finalize(s);
	if (n)
		strbuf_addf(err,
			    "%s is not a nirakaran database: it holds %d table(s) of another "
			    "program (%s%s) and none of ours; nirakaran will not add its tables to "
			    "it. Give --db the district's database, or the name of a new file",
			    st->path, n, names.buf, n > 5 ? ", ..." : "");
	strbuf_release(&names);
	return n > 0;
}

static enum nk_err migrate(struct store *st, struct strbuf *err)
{
	int have = store_db_version(st);
	if (have > schema_migration_count) {
		strbuf_addf(
			err,
			"%s was written by a newer nirakaran (schema %d; this one knows up to %d); "
			"install the newer version",
			st->path, have, schema_migration_count);
		return NK_EFORMAT;
	}
	if (have == schema_migration_count)
		return NK_OK;
	if (have == 0 && foreign(st, err))
		return NK_EFORMAT;
	enum nk_err rc = store_begin(st, err);
	if (rc)
		return rc;
	for (int v = have; v < schema_migration_count; v++) {
		if ((rc = store_exec(st, schema_migrations[v], err)))
			goto fail;
	}
	if (have == 0) {
		char id[33], today[11];
		random_id(id);
		if ((rc = store_meta_set(st, "db_id", id, err)) ||
		    (rc = store_meta_set(st, "created_at", date_format(date_today(), today), err)))
			goto fail;
	}
	char pragma[64];
	snprintf(pragma, sizeof(pragma), "PRAGMA user_version = %d", schema_migration_count);
	if ((rc = store_exec(st, pragma, err)))
		goto fail;
	return store_commit(st, err);
fail:
	store_rollback(st);
	return rc;
}

static int file_exists(const char *path)
{
	return access(path, F_OK) == 0;
}

/*
 * With its memory statistics on (Debian's build), SQLite counts every
 * allocation under one process-wide mutex: the threads that each read
 * their own connection (matching's load, the report's summary) queued on
 * it. Nothing here reads the statistics. Must run before SQLite starts.
 */
static void sqlite_setup(void)
{
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

void store_sqlite_init(void)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;
	pthread_once(&once, sqlite_setup);
}

enum nk_err store_open(struct store **out, const char *path, enum store_mode mode,
		       struct strbuf *err)
{
	struct store *st = xcalloc(1, sizeof(*st));
	enum nk_err rc;
	st->path = xstrdup(path);
	st->lock_fd = -1;
	*out = NULL;
	if (mode == STORE_READ && !file_exists(path)) {
		strbuf_addf(err, "%s does not exist; create it with 'nirakaran init --db %s'", path,
			    path);
		rc = NK_ENOTFOUND;
		goto fail;
	}
	if (mode == STORE_WRITE && (rc = take_lock(st, err)))
		goto fail;
	/* One connection per thread (see store.h): SQLite's own mutexes buy nothing. */
	int flags = SQLITE_OPEN_NOMUTEX |
		    (mode == STORE_WRITE ? SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE
					 : SQLITE_OPEN_READWRITE);
	store_sqlite_init();
	if (sqlite3_open_v2(path, &st->db, flags, NULL) != SQLITE_OK) {
		rc = store_error(st, "cannot open the database", err);
		goto fail;
	}
	sqlite3_busy_timeout(st->db, 5000);
	sqlite3_extended_result_codes(st->db, 1);
	if ((rc = store_exec(
		     st,
		     "PRAGMA page_size = 8192; PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;"
		     "PRAGMA foreign_keys = ON; PRAGMA temp_store = MEMORY;",
		     err)))
		goto fail;
	store_set_cache(st, STORE_CACHE_KIB);
	if (sqlite3_exec(st->db, "SELECT count(*) FROM sqlite_master", NULL, NULL, NULL) !=
	    SQLITE_OK) {
		strbuf_addf(err, "%s is not a nirakaran database (SQLite says: %s)", path,
			    sqlite3_errmsg(st->db));
		rc = NK_EFORMAT;
		goto fail;
	}
	if (mode == STORE_WRITE) {
		/* A load cut short in its steps is undone before anything reads it. */
		if ((rc = migrate(st, err)) || (rc = records_undo_unfinished(st, NULL, err)))
			goto fail;
	} else if (store_db_version(st) == 0 && foreign(st, err)) {
		rc = NK_EFORMAT;
		goto fail;
	} else if (store_db_version(st) != schema_migration_count) {
		strbuf_addf(
			err,
			"%s has schema %d, this nirakaran expects %d; run 'nirakaran init' to upgrade it",
			path, store_db_version(st), schema_migration_count);
		rc = NK_EFORMAT;
		goto fail;
	}
	*out = st;
	return NK_OK;
fail:
	store_close(st);
	return rc;
}

void store_close(struct store *st)
{
	if (!st)
		return;
	if (st->in_tx)
		store_rollback(st);
	if (st->checkpointing)
		pthread_join(st->checkpointer, NULL);
	if (st->db)
		sqlite3_close_v2(st->db);
	if (st->lock_fd >= 0)
		close(st->lock_fd); /* releases the flock */
	free(st->path);
	free(st);
}

enum nk_err store_begin(struct store *st, struct strbuf *err)
{
	enum nk_err rc = store_exec(st, "BEGIN IMMEDIATE", err);
	if (!rc)
		st->in_tx = 1;
	return rc;
}

enum nk_err store_commit(struct store *st, struct strbuf *err)
{
	enum nk_err rc = store_exec(st, "COMMIT", err);
	if (!rc)
		st->in_tx = 0;
	else
		store_rollback(st);
	return rc;
}

void store_set_cache(struct store *st, long kib)
{
	char sql[64];
	snprintf(sql, sizeof(sql), "PRAGMA cache_size = -%ld", kib);
	sqlite3_exec(st->db, sql, NULL, NULL, NULL);
}

void store_checkpoint(struct store *st)
{
	sqlite3_wal_checkpoint_v2(st->db, NULL, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
}

static void *checkpoint_main(void *arg)
{
	const char *path = arg;
	sqlite3 *db = NULL;
	store_sqlite_init();
	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL) ==
	    SQLITE_OK) {
		sqlite3_busy_timeout(db, 5000);
		sqlite3_wal_checkpoint_v2(db, NULL, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
	}
	sqlite3_close(db);
	return NULL;
}

enum nk_err store_commit_behind(struct store *st, struct strbuf *err)
{
	sqlite3_wal_autocheckpoint(st->db, 0);
	enum nk_err rc = store_commit(st, err);
	sqlite3_wal_autocheckpoint(st->db, 1000); /* pages; SQLite's default */
	if (rc)
		return rc;
	if (st->checkpointing) /* the one before: long done, as a rule */
		pthread_join(st->checkpointer, NULL);
	st->checkpointing = !pthread_create(&st->checkpointer, NULL, checkpoint_main, st->path);
	return rc;
}

void store_rollback(struct store *st)
{
	sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
	st->in_tx = 0;
}

char *store_meta_get(struct store *st, const char *key)
{
	sqlite3_stmt *s = store_prepare(st, "SELECT value FROM meta WHERE key = ?");
	char *v = NULL;
	sqlite3_bind_text(s, 1, key, -1, SQLITE_STATIC);
	if (store_row(s) && store_column_text(s, 0))
		v = xstrdup(store_column_text(s, 0));
	sqlite3_finalize(s);
	return v;
}

enum nk_err store_meta_set(struct store *st, const char *key, const char *value, struct strbuf *err)
{
	sqlite3_stmt *s =
		store_prepare(st, "INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)");
	sqlite3_bind_text(s, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, value, -1, SQLITE_STATIC);
	enum nk_err rc = store_step_once(st, s, "cannot write meta", err);
	return rc;
}

void store_bind_text(sqlite3_stmt *s, int i, const char *text)
{
	if (text && *text)
		sqlite3_bind_text(s, i, text, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(s, i);
}

void store_bind_day(sqlite3_stmt *s, int i, int day)
{
	char buf[11];
	int y, m, d;
	if (day == DAY_NONE) {
		sqlite3_bind_null(s, i);
		return;
	}
	/* By hand: this runs several times for every row loaded. */
	date_to_ymd(day, &y, &m, &d);
	if (y < 0 || y > 9999)
		y = 0;
	buf[0] = (char)('0' + y / 1000), buf[1] = (char)('0' + y / 100 % 10);
	buf[2] = (char)('0' + y / 10 % 10), buf[3] = (char)('0' + y % 10), buf[4] = '-';
	buf[5] = (char)('0' + m / 10), buf[6] = (char)('0' + m % 10), buf[7] = '-';
	buf[8] = (char)('0' + d / 10), buf[9] = (char)('0' + d % 10), buf[10] = 0;
	store_bind_copy(s, i, buf, 10);
}

void store_bind_copy(sqlite3_stmt *s, int i, const char *text, int len)
{
	/* A failed bind leaves NULL in the parameter and the insert goes on:
	 * a value would be lost without a word. */
	int rc = sqlite3_bind_text(s, i, text, len, SQLITE_TRANSIENT);
	if (rc != SQLITE_OK)
		die_db(sqlite3_db_handle(s), rc, "binding a value");
}

int store_column_day(sqlite3_stmt *s, int i)
{
	const char *t = (const char *)sqlite3_column_text(s, i);
	struct datetime dt;
	if (!t || date_parse(t, strlen(t), &dt, NULL))
		return DAY_NONE;
	return dt.day;
}
