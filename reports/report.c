/* report.c - helpers shared by the report writers (see report.h). */
#include "reports/report.h"

#include "engine/date.h"
#include "engine/labels.h"

enum nk_err report_begin(const struct report_ctx *rc, struct strbuf *err)
{
	if (label_register(rc->st->db) == SQLITE_OK)
		return NK_OK;
	strbuf_addf(err, "cannot prepare the report queries: %s", sqlite3_errmsg(rc->st->db));
	return NK_EDB;
}

long long report_match_run(const struct report_ctx *rc)
{
	if (!report_has_table(rc->st, "match_runs"))
		return 0;
	return report_scalar(rc, "SELECT coalesce(max(id), 0) FROM match_runs WHERE as_of <= ?1");
}

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
