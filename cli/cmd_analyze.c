/* cmd_analyze.c - nirakaran analyze: SLA, escalation and grading analytics for a night. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/commands.h"
#include "cli/common.h"
#include "engine/analytics.h"
#include "engine/date.h"
#include "engine/store.h"

int cmd_analyze(int argc, char **argv);

static const char usage_text[] =
	"usage: nirakaran analyze [--db FILE] [--config FILE] [--as-of DATE]\n\n"
	"Computes, for the as-of night, every open complaint's time limit and breach,\n"
	"the escalations of the month, the rule violations, the officers' scorecards,\n"
	"the grading preview and the data-quality findings, and stores them in the\n"
	"database (tables sla_status, escalation_events, officer_scores, rule_violations,\n"
	"grading, officer_quality, data_quality, nightly_summary). Running it again for\n"
	"the same night replaces that night's figures.\n\n";

static void print_summary(const struct common *c, const struct analytics_summary *u)
{
	char d[11], p[11];
	date_format(u->as_of, d);
	date_format(u->period_start, p);
	log_info(c, "analyze", "as of %s (period from %s): %ld complaints, %.1f s", d, p,
		 u->complaints, u->seconds);
	log_info(c, "analyze",
		 "sla: %ld open, %ld breached, %ld pending over 50 days,"
		 " %ld over 100",
		 u->open, u->breached, u->pending_50, u->pending_100);
	log_info(c, "analyze",
		 "escalations: %ld this night, %ld this period; %ld reached the"
		 " state level with no action",
		 u->escalated_today, u->escalated_period, u->no_action_to_top);
	log_info(c, "analyze",
		 "rule violations: %ld (late category change %ld, category change"
		 " above L1 %ld, out of jurisdiction below level %ld, back to the same officer %ld,"
		 " closed without feedback %ld, force close not informed %ld)",
		 u->violations, u->violations_by_kind[0], u->violations_by_kind[1],
		 u->violations_by_kind[2], u->violations_by_kind[3], u->violations_by_kind[4],
		 u->violations_by_kind[5]);
	log_info(c, "analyze", "scorecards: %ld officers; officer mobile problems: %ld",
		 u->officers, u->officer_problems);
	log_info(c, "analyze",
		 "grading: district %.2f points, grade %s (%ld rows; complainants"
		 " by %s)",
		 u->district_total, u->district_grade, u->grading_rows, u->complainant_key);
	log_info(c, "analyze", "data quality: %ld findings (%ld unknown categories)",
		 u->data_quality_rows, u->unknown_categories);
}

int cmd_analyze(int argc, char **argv)
{
	struct common c;
	struct strbuf err = STRBUF_INIT;
	struct store *st;
	int code;
	if (common_parse(&c, &argc, argv, "analyze", usage_text, &code))
		return code;
	if (argc > 1) {
		common_release(&c);
		return usage_error("analyze", "unexpected argument '%s'", argv[1]);
	}
	enum nk_err e = store_open(&st, c.db, STORE_WRITE, &err);
	if (!e) {
		struct analytics_summary sum;
		e = analytics_run(st, &c.cfg, c.as_of, 0, &sum, &err);
		if (!e)
			print_summary(&c, &sum);
		store_close(st);
	}
	if (e)
		log_error("analyze", "%s", err.buf);
	strbuf_release(&err);
	common_release(&c);
	return e ? exit_for(e) : EXIT_OK;
}
