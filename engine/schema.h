/*
 * schema.h - the database schema as forward migrations. Migration i brings
 * the db from user_version i to i+1; a new table or column is a new entry at
 * the end, never an edit of an old one.
 */
#ifndef NK_SCHEMA_H
#define NK_SCHEMA_H

extern const char *const schema_migrations[];
extern const int schema_migration_count;

#endif
