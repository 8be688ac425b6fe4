/* cmd_report.c - nirakaran report: the night's workbooks and CSVs. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/commands.h"
#include "cli/common.h"
#include "engine/date.h"
#include "engine/store.h"
#include "reports/outfile.h"
#include "reports/sla_report.h"

static const char usage_text[] =
	"usage: nirakaran report [--out DIR] [--no-csv]\n\n"
	"Writes the night's reports from the database into DIR (default: the\n"
	"night's folder OUT/YYYY-MM-DD, OUT being [paths] out or 'out'):\n"
	"  sla-report.xlsx       summary, breaches, escalations, scorecards, rule\n"
	"                        violations, grading, data quality, repeat complainants\n"
	"  sla-*.csv             each sheet as CSV, for systems that do not read Excel\n"
	"Each file is written under a temporary name and renamed when complete.\n\n"
	"  --out DIR        write into DIR (created if missing)\n"
	"  --no-csv         workbooks only\n\n";

/* DIR from --out, else OUT/YYYY-MM-DD of the as-of night. Caller frees. */
static char *out_dir(const struct common *c, const char *out)
{
	struct strbuf sb = STRBUF_INIT;
	char day[11];
	if (out)
		return xstrdup(out);
	char *base = config_path(&c->cfg, "paths", "out", "out");
	strbuf_addf(&sb, "%s/%s", base, date_format(c->as_of, day));
	free(base);
	return strbuf_detach(&sb, NULL);
}

static int run(struct common *c, const char *out, int csv)
{
	struct strbuf err = STRBUF_INIT;
	struct store *st = NULL;
	char *dir = out_dir(c, out);
	enum nk_err e = store_open(&st, c->db, STORE_READ, &err);
	if (!e && outfile_mkdirs(dir, &err))
		e = NK_EIO;
	if (!e) {
		struct report_ctx rc = {
			.st = st, .out_dir = dir, .as_of = c->as_of, .csv = csv,
			.district = config_get(&c->cfg, "district", "name"),
			.district_hi = config_get(&c->cfg, "district", "name_hi"),
		};
		double t0 = now_seconds();
		e = sla_report_write(&rc, &err);
		if (!e)
			log_info(c, "report", "%s/%s written in %.1f s", dir, SLA_REPORT_FILE,
				 now_seconds() - t0);
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
	if (common_parse(&c, &argc, argv, "report", &code))
		return code;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			printf("%s%s", usage_text, common_usage);
			common_release(&c);
			return EXIT_OK;
		} else if (!strcmp(argv[i], "--out") && i + 1 < argc) {
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
