/* cmd_report.c - nirakaran report: the night's workbooks and CSVs. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/commands.h"
#include "cli/common.h"
#include "engine/date.h"
#include "engine/store.h"
#include "reports/approved_merges.h"
#include "reports/merge_review.h"
#include "reports/outfile.h"
#include "reports/proposals_csv.h"
#include "reports/sla_report.h"

static const char usage_text[] =
	"usage: nirakaran report [--out DIR] [--no-csv]\n\n"
	"Writes the night's reports from the database into DIR (default: the\n"
	"night's folder OUT/YYYY-MM-DD, OUT being [paths] out or 'out'):\n"
	"  sla-report.xlsx       summary, breaches, escalations, scorecards, rule\n"
	"                        violations, grading, data quality, repeat complainants,\n"
	"                        and WhatsApp: click-to-chat links of each L1-L3 officer's\n"
	"                        lists for their field officers\n"
	"  sla-*.csv             each sheet as CSV, for systems that do not read Excel\n"
	"  whatsapp/OFFICER.txt  the WhatsApp messages as text for pasting\n"
	"  approved-merges.csv   the merges approved so far, to carry out on the portal\n"
	"  merge-review.xlsx     proposed duplicates for the supervisor's decision\n"
	"  proposals.csv         the same proposals as CSV\n"
	"A night never analysed is refused (exit 1: run 'nirakaran analyze' first); the\n"
	"merge review and proposals are skipped with a note when no match has run.\n"
	"A sheet shows at most [report] max_rows rows (default 1000, 0 for all), the\n"
	"most important first; its CSV has every row, and the sheet says so.\n"
	"Each file is written under a temporary name and renamed when complete.\n\n"
	"  --out DIR        write into DIR (created if missing)\n"
	"  --no-csv         workbooks only\n\n";

/* A stage that has not run yet is a note, not a failure. */
static enum nk_err skipped(enum nk_err e, struct strbuf *notes, struct strbuf *err)
{
	if (e != NK_ENOTFOUND)
		return e;
	strbuf_addf(notes, "skipped: %s\n", err->buf);
	strbuf_reset(err);
	return NK_OK;
}

/* An exit for want of memory names the folder and what its files hold. */
void report_doing(const char *dir)
{
	if (dir)
		xalloc_doing("writing the reports into %s (a report not finished keeps its"
			     " previous file)",
			     dir);
	else
		xalloc_doing(NULL);
}

enum nk_err report_settings(const struct common *c, const struct report_ctx *rc,
			    struct report_ctx *out, struct strbuf *err)
{
	int required = 1;
	long cap;
	if (config_bool(&c->cfg, "otp", "required", 1, &required, err) ||
	    config_int(&c->cfg, "report", "max_rows", REPORT_CAP_DEFAULT, &cap, err))
		return NK_ECONFIG;
	if (cap < 0) {
		strbuf_addf(err, "[report] max_rows = %ld: expected 0 (every row) or more", cap);
		return NK_ECONFIG;
	}
	*out = *rc;
	out->otp_off = !required;
	out->cap = cap;
	return NK_OK;
}

enum nk_err report_write_sla(const struct common *c, const struct report_ctx *rc,
			     struct strbuf *err)
{
	double t0 = now_seconds();
	enum nk_err e = sla_report_write(rc, err);
	if (!e)
		log_info(c, "report", "%s/%s written in %.1f s", rc->out_dir, SLA_REPORT_FILE,
			 now_seconds() - t0);
	return e;
}

enum nk_err report_write_matches(const struct report_ctx *rc, struct strbuf *notes,
				 struct strbuf *err)
{
	long n = 0;
	enum nk_err e = merge_review_write(rc, &n, err);
	if (!e)
		strbuf_addf(notes, "%s/%s: %ld proposals\n", rc->out_dir, MERGE_REVIEW_FILE, n);
	e = skipped(e, notes, err);
	if (!e && !(e = proposals_csv_write(rc, &n, err)))
		strbuf_addf(notes, "%s/proposals.csv: %ld rows\n", rc->out_dir, n);
	e = skipped(e, notes, err);
	if (!e && !(e = approved_merges_write(rc, &n, err)))
		strbuf_addf(notes, "%s/%s: %ld merges\n", rc->out_dir, APPROVED_MERGES_FILE, n);
	return e;
}

void report_log_notes(const struct common *c, const struct strbuf *notes)
{
	for (const char *p = notes->buf; p && *p;) {
		const char *nl = strchr(p, '\n');
		int len = nl ? (int)(nl - p) : (int)strlen(p);
		log_info(c, "report", "%.*s", len, p);
		p += len + (nl != NULL);
	}
}

enum nk_err report_write_night(const struct common *c, const struct report_ctx *night,
			       struct strbuf *err)
{
	struct report_ctx rc;
	struct strbuf notes = STRBUF_INIT;
	enum nk_err e = report_settings(c, night, &rc, err);
	if (e)
		return e;
	report_doing(rc.out_dir);
	if (!(e = report_write_sla(c, &rc, err)))
		e = report_write_matches(&rc, &notes, err);
	report_log_notes(c, &notes);
	strbuf_release(&notes);
	report_doing(NULL);
	return e;
}

static int run(struct common *c, const char *out, int csv)
{
	struct strbuf err = STRBUF_INIT;
	struct store *st = NULL;
	if (out)
		report_doing(out);
	char *dir = out ? xstrdup(out) : common_night_dir(c);
	report_doing(dir);
	enum nk_err e = store_open(&st, c->db, STORE_READ, &err);
	/* Sorting a million breaches must spill to disk, not grow the process. */
	if (!e)
		e = store_exec(st, "PRAGMA temp_store = FILE; PRAGMA cache_size = -8192", &err);
	if (!e && outfile_mkdirs(dir, &err))
		e = NK_EIO;
	if (!e) {
		struct report_ctx rc = {
			.st = st,
			.out_dir = dir,
			.as_of = c->as_of,
			.csv = csv,
			.district = config_get(&c->cfg, "district", "name"),
			.district_hi = config_get(&c->cfg, "district", "name_hi"),
		};
		e = report_write_night(c, &rc, &err);
	}
	if (e)
		log_error("report", "%s", err.buf);
	if (st)
		store_close(st);
	free(dir);
	strbuf_release(&err);
	return exit_for(e);
}

int cmd_report(int argc, char **argv)
{
	struct common c;
	const char *out = NULL;
	int code, csv = 1;
	if (common_parse(&c, &argc, argv, "report", usage_text, &code))
		return code;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--out") && i + 1 < argc) {
			out = argv[++i];
		} else if (!strncmp(argv[i], "--out=", 6)) {
			out = argv[i] + 6;
		} else if (!strcmp(argv[i], "--no-csv")) {
			csv = 0;
		} else {
			common_release(&c);
			return usage_error("report", "unexpected argument '%s'", argv[i]);
		}
	}
	code = run(&c, out, csv);
	common_release(&c);
	return code;
}
