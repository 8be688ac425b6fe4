/* ckey.c - where complainant identity comes from (see ckey.h). */
#include "engine/ckey.h"

#include <string.h>

#include "engine/schema.h"

static int has_column(struct store *st, const char *table, const char *column)
{
	sqlite3_stmt *s = store_prepare(st, "SELECT 1 FROM pragma_table_info(?1) WHERE name = ?2");
	sqlite3_bind_text(s, 1, table, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, column, -1, SQLITE_STATIC);
	int found = sqlite3_step(s) == SQLITE_ROW;
	sqlite3_finalize(s);
	return found;
}

enum ckey_source ckey_detect(struct store *st)
{
	if (has_column(st, "complaints", "complainant_id"))
		return CK_COLUMN;
	if (has_column(st, "complainants", "complaint_id") &&
	    has_column(st, "complainants", "complainant_id")) {
		/* the table exists from the schema on; it identifies once a match run filled it */
		sqlite3_stmt *s = store_prepare(st, "SELECT EXISTS (SELECT 1 FROM complainants)");
		int filled = sqlite3_step(s) == SQLITE_ROW && sqlite3_column_int(s, 0);
		sqlite3_finalize(s);
		if (filled)
			return CK_TABLE;
	}
	return CK_MOBILE;
}

const char *ckey_source_name(enum ckey_source s)
{
	return s == CK_COLUMN  ? "complaints.complainant_id"
	       : s == CK_TABLE ? "complainants table"
			       : "mobile";
}

const char *ckey_select_sql(enum ckey_source s)
{
	/*
	 * The person's earliest complaint by its row id, as the view names it by
	 * its number: the same identity, without reading that complaint's row
	 * (a random read into the largest table for every complaint).
	 */
	return s == CK_COLUMN  ? "c.complainant_id"
	       : s == CK_TABLE ? "CASE WHEN " SCHEMA_COMPARED(
					 "c") " THEN 'p' || coalesce(ckm.person, c.id) END"
			       : "NULL";
}

const char *ckey_join_sql(enum ckey_source s)
{
	/* the complainants view spelt out: on the right of a LEFT JOIN SQLite
	 * would materialise the view and index it on every query */
	return s == CK_TABLE ? " LEFT JOIN match_persons ckm ON ckm.id = c.id" : "";
}

const char *ckey_key(enum ckey_source s, const char *selected, const char *mobile10, char *buf,
		     size_t bufsize)
{
	if (s != CK_MOBILE && selected && *selected)
		return selected;
	if (!mobile10 || !*mobile10)
		return NULL;
	size_t n = strlen(mobile10);
	if (n + 3 > bufsize)
		return NULL;
	memcpy(buf, "m:", 2);
	memcpy(buf + 2, mobile10, n + 1);
	return buf;
}
