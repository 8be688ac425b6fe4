/*
 * schema.h - the database schema as forward migrations. Migration i brings
 * the db from user_version i to i+1; a new table or column is a new entry at
 * the end, never an edit of an old one.
 */
#ifndef NK_SCHEMA_H
#define NK_SCHEMA_H

extern const char *const schema_migrations[];
extern const int schema_migration_count;

/*
 * SQL: whether complaint c (an alias of complaints) was compared by the
 * last match run: loaded by then, registered by its as_of, not merged now.
 * The complainants view and engine/ckey.c read match_persons through it.
 */
#define SCHEMA_COMPARED(c)                                                               \
	c ".id <= (SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'match_seen_id')" \
	  " AND " c ".merged_into IS NULL AND " c ".reg_date <="                         \
	  " (SELECT as_of FROM match_runs ORDER BY id DESC LIMIT 1)"

#endif
