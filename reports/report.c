/* report.c - helpers shared by the report writers (see report.h). */
#include "reports/report.h"

#include "engine/date.h"

void report_path(const struct report_ctx *rc, const char *name, struct strbuf *path)
{
	strbuf_reset(path);
	strbuf_addf(path, "%s/%s", rc->out_dir, name);
}

int report_has_table(struct store *st, const char *name)
{
	sqlite3_stmt *s = store_prepare(
		st, "SELECT 1 FROM sqlite_master WHERE type IN ('table','view') AND name = ?1");
	sqlite3_bind_text(s, 1, name, -1, SQLITE_TRANSIENT);
	int found = store_row(s);
	sqlite3_finalize(s);
	return found;
}

sqlite3_stmt *report_prepare(const struct report_ctx *rc, const char *sql)
{
	sqlite3_stmt *s = store_prepare(rc->st, sql);
	if (sqlite3_bind_parameter_count(s) >= 1)
		store_bind_day(s, 1, rc->as_of);
	return s;
}

long long report_scalar(const struct report_ctx *rc, const char *sql)
{
	sqlite3_stmt *s = report_prepare(rc, sql);
	long long v = store_row(s) ? sqlite3_column_int64(s, 0) : 0;
	sqlite3_finalize(s);
	return v;
}
