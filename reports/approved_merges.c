/* approved_merges.c - the merges to carry out on the portal. */
#include "reports/approved_merges.h"

#include "reports/csvout.h"

/*
 * Each merged complaint with the latest 'merge' word on its pair. Only a
 * complaint named in a merge word can have one: looking those up by number
 * spares a scan of the whole complaints table (0.45 s at a million, for a
 * night with no merge at all).
 */
static const char merges_sql[] =
	"SELECT c.merged_into, c.complaint_id, p.rule, d.officer_id, d.decided_at"
	" FROM complaints c JOIN pair_decisions d ON d.id = (SELECT max(id) FROM pair_decisions e"
	"  WHERE e.decision = 'merge' AND ((e.a = c.complaint_id AND e.b = c.merged_into) OR"
	"  (e.b = c.complaint_id AND e.a = c.merged_into)))"
	" LEFT JOIN proposals p ON p.id = d.proposal_id"
	" WHERE c.merged_into IS NOT NULL AND c.complaint_id IN"
	"  (SELECT a FROM pair_decisions WHERE decision = 'merge'"
	"   UNION SELECT b FROM pair_decisions WHERE decision = 'merge')"
	" ORDER BY c.merged_into, c.complaint_id";

enum nk_err approved_merges_write(const struct report_ctx *rc, long *rows, struct strbuf *err)
{
	static const char *const head[5] = {"primary_id", "duplicate_id", "rule", "officer_id",
					    "decided_at"};
	struct strbuf path = STRBUF_INIT;
	*rows = 0;
	report_path(rc, APPROVED_MERGES_FILE, &path);
	struct csvout *o = csvout_open(path.buf, err);
	strbuf_release(&path);
	if (!o)
		return NK_EIO;
	csvout_defer(o, rc->defer);
	for (int i = 0; i < 5; i++)
		csvout_field(o, head[i]);
	csvout_end_row(o);
	if (report_has_table(rc->st, "pair_decisions")) {
		sqlite3_stmt *q = store_prepare(rc->st, merges_sql);
		while (store_row(q)) {
			for (int i = 0; i < 5; i++)
				csvout_field(o, store_column_text(q, i));
			csvout_end_row(o);
			(*rows)++;
		}
		sqlite3_finalize(q);
	}
	return csvout_close(o, err);
}
