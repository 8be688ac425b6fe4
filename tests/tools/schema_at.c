/*
 * schema_at - a database at an older schema version, made by the engine's
 * own migrations (engine/schema.c) up to that version, for the upgrade
 * test (tests/e2e/upgrade.sh) to fill with rows in the old layout and
 * hand to 'nirakaran init'.
 *
 * usage: schema_at DB VERSION
 */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>

#include "engine/schema.h"

int main(int argc, char **argv)
{
	if (argc != 3) {
		fprintf(stderr, "usage: schema_at DB VERSION\n");
		return 2;
	}
	int version = atoi(argv[2]);
	if (version < 1 || version > schema_migration_count) {
		fprintf(stderr, "schema_at: version must be 1 to %d\n", schema_migration_count);
		return 2;
	}
	sqlite3 *db;
	char *msg = NULL;
	if (sqlite3_open(argv[1], &db) != SQLITE_OK ||
	    sqlite3_exec(db, "PRAGMA page_size = 8192; PRAGMA journal_mode = WAL; BEGIN", NULL,
			 NULL, &msg) != SQLITE_OK)
		goto fail;
	for (int v = 0; v < version; v++)
		if (sqlite3_exec(db, schema_migrations[v], NULL, NULL, &msg) != SQLITE_OK)
			goto fail;
	char sql[160];
	snprintf(sql, sizeof(sql),
		 "INSERT INTO meta VALUES ('db_id', 'schema-at-%d'); PRAGMA user_version = %d; COMMIT",
		 version, version);
	if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK)
		goto fail;
	sqlite3_close(db);
	return 0;
fail:
	fprintf(stderr, "schema_at: %s: %s\n", argv[1], msg ? msg : sqlite3_errmsg(db));
	sqlite3_close(db);
	return 1;
}
