/* proposals_csv.c - proposals.csv (see proposals_csv.h). */
#include "reports/proposals_csv.h"

#include "engine/date.h"
#include "reports/csvout.h"

static const char sql[] =
	"WITH g AS (SELECT group_id, min(band = 'high') AS all_high, max(score) AS best"
	"  FROM proposals WHERE run_id = ?2 GROUP BY group_id)\n"
	"SELECT p.group_id, p.complaint_id, p.primary_id, p.rule, round(p.score, 4), p.band, p.id,"
	" p.run_id, p.reason_en, p.reason_hi, p.w_name, p.w_father, p.w_mobile, p.w_place,"
	" p.w_nature, p.w_text, p.w_days\n"
	"FROM proposals p JOIN g ON g.group_id = p.group_id\n"
	"WHERE p.run_id = ?2 AND p.complaint_id <> p.primary_id\n"
	"ORDER BY g.all_high DESC, g.best DESC, p.group_id, p.score DESC, p.complaint_id";

static const char *const header[] = {
	"group_id",    "complaint_id", "primary_id", "rule",      "score",  "band",
	"proposal_id", "run_id",       "reason_en",  "reason_hi", "w_name", "w_father",
	"w_mobile",    "w_place",      "w_nature",   "w_text",    "w_days"};

enum nk_err proposals_csv_write(const struct report_ctx *rc, long *rows, struct strbuf *err)
{
	struct strbuf p = STRBUF_INIT;
	char day[11];
	long long run_id = report_has_table(rc->st, "match_runs")
				   ? report_scalar(rc, "SELECT coalesce(max(id), 0) FROM match_runs"
						       " WHERE as_of <= ?1")
				   : 0;
	if (rows)
		*rows = 0;
	if (!run_id) {
		strbuf_addf(err, "no duplicate matching has been run for %s or before",
			    date_format(rc->as_of, day));
		return NK_ENOTFOUND;
	}
	report_path(rc, "proposals.csv", &p);
	struct csvout *c = csvout_open(p.buf, err);
	strbuf_release(&p);
	if (!c)
		return NK_EIO;
	csvout_defer(c, rc->defer);
	for (size_t i = 0; i < sizeof(header) / sizeof(header[0]); i++)
		csvout_field(c, header[i]);
	csvout_end_row(c);
	sqlite3_stmt *st = report_prepare(rc, sql);
	sqlite3_bind_int64(st, 2, run_id);
	while (store_row(st)) {
		for (int i = 0; i < sqlite3_column_count(st); i++)
			csvout_field(c, store_column_text(st, i));
		csvout_end_row(c);
		if (rows)
			++*rows;
	}
	sqlite3_finalize(st);
	return csvout_close(c, err);
}
