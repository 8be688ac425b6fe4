/* cmd_status.c - nirakaran status: what the database holds. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/commands.h"
#include "cli/common.h"
#include "engine/store.h"

static const char usage_text[] =
	"usage: nirakaran status [--quarantine]\n\n"
	"Prints what the database holds: complaints by status and level, the files\n"
	"ingested last, and the quarantined rows. Safe to run while a nightly run works.\n\n"
	"  --quarantine     list every quarantined row with its file, row and reason\n\n";

static long scalar(struct store *st, const char *sql)
{
	sqlite3_stmt *s = store_prepare(st, sql);
	long v = sqlite3_step(s) == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
	sqlite3_finalize(s);
	return v;
}

static void by_status_and_level(struct store *st)
{
	sqlite3_stmt *s = store_prepare(
		st, "SELECT status, level, count(*) FROM complaints WHERE merged_into IS NULL"
		    " GROUP BY status, level ORDER BY status, level");
	printf("\nby status and level:\n");
	while (sqlite3_step(s) == SQLITE_ROW)
		printf("  %-22s L%d  %8d\n", sqlite3_column_text(s, 0), sqlite3_column_int(s, 1),
		       sqlite3_column_int(s, 2));
	sqlite3_finalize(s);
}

static void last_files(struct store *st)
{
	sqlite3_stmt *s = store_prepare(
		st,
		"SELECT path, kind, snapshot_date, rows_read, rows_loaded, rows_quarantined,"
		" coalesce(finished_at, started_at) FROM ingest_files ORDER BY id DESC LIMIT 10");
	printf("\nlast ingests (newest first):\n");
	while (sqlite3_step(s) == SQLITE_ROW)
		printf("  %s  %-10s %s  snapshot %s: %d read, %d loaded, %d quarantined\n",
		       sqlite3_column_text(s, 6), sqlite3_column_text(s, 1),
		       sqlite3_column_text(s, 0), sqlite3_column_text(s, 2),
		       sqlite3_column_int(s, 3), sqlite3_column_int(s, 4),
		       sqlite3_column_int(s, 5));
	sqlite3_finalize(s);
}

static void quarantine_summary(struct store *st, int list)
{
	sqlite3_stmt *s = store_prepare(st, "SELECT code, count(*) FROM quarantine GROUP BY code"
					    " ORDER BY count(*) DESC, code");
	printf("\nquarantined rows by reason:\n");
	while (sqlite3_step(s) == SQLITE_ROW)
		printf("  %-20s %6d\n", sqlite3_column_text(s, 0), sqlite3_column_int(s, 1));
	sqlite3_finalize(s);
	if (!list)
		return;
	s = store_prepare(st, "SELECT q.reason, q.raw FROM quarantine q"
			      " ORDER BY q.file_id, q.row_number");
	printf("\nquarantined rows:\n");
	while (sqlite3_step(s) == SQLITE_ROW)
		printf("  %s\n      row: %s\n", sqlite3_column_text(s, 0),
		       sqlite3_column_text(s, 1));
	sqlite3_finalize(s);
}

int cmd_status(int argc, char **argv)
{
	struct common c;
	struct strbuf err = STRBUF_INIT;
	struct store *st;
	int code, list = 0;
	if (common_parse(&c, &argc, argv, "status", usage_text, &code))
		return code;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--quarantine")) {
			list = 1;
		} else {
			common_release(&c);
			return usage_error("status", "unexpected argument '%s'", argv[i]);
		}
	}
	enum nk_err e = store_open(&st, c.db, STORE_READ, &err);
	if (e) {
		log_error("status", "%s", err.buf);
		strbuf_release(&err);
		common_release(&c);
		return exit_for(e);
	}
	char *id = store_meta_get(st, "db_id");
	printf("database %s (schema %d, id %s)\n", c.db, store_db_version(st), id ? id : "?");
	free(id);
	printf("complaints: %ld (open %ld, merged %ld)\n",
	       scalar(st, "SELECT count(*) FROM complaints"),
	       scalar(st, "SELECT count(*) FROM complaints WHERE merged_into IS NULL AND status IN"
			  " ('open','attended','non_attended')"),
	       scalar(st, "SELECT count(*) FROM complaints WHERE merged_into IS NOT NULL"));
	printf("history rows: %ld, movements: %ld, categories: %ld, officers: %ld\n",
	       scalar(st, "SELECT count(*) FROM complaint_history"),
	       scalar(st, "SELECT count(*) FROM movements"),
	       scalar(st, "SELECT count(*) FROM categories"),
	       scalar(st, "SELECT count(*) FROM officers"));
	printf("quarantined rows: %ld\n", scalar(st, "SELECT count(*) FROM quarantine"));
	by_status_and_level(st);
	last_files(st);
	quarantine_summary(st, list);
	store_close(st);
	strbuf_release(&err);
	common_release(&c);
	return EXIT_OK;
}
