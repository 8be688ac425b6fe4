/*
 * match_reports.h - the night's reports that read only what matching
 * wrote (merge-review.xlsx, proposals.csv, approved-merges.csv), written
 * on a thread of their own connection while the night is analysed, and
 * put in place with the SLA workbook. Analysing a million complaints is
 * one core's work; these took 0.7 s after it.
 */
#ifndef NK_CLI_MATCH_REPORTS_H
#define NK_CLI_MATCH_REPORTS_H

#include "engine/error.h"
#include "engine/util.h"
#include "reports/report.h"

struct match_reports;

/*
 * Starts writing rc's match reports (report_settings applied) under
 * temporary names in rc->out_dir, made if missing. NULL when the process
 * may run one thread, or the folder or a second connection cannot be had:
 * the caller writes them itself.
 */
struct match_reports *match_reports_start(const struct report_ctx *rc);

/*
 * Waits for them. With keep, puts the files in place, appends the lines to
 * log to notes and returns how it went (err appended on failure); without,
 * removes them and returns NK_OK. Frees mr.
 */
enum nk_err match_reports_finish(struct match_reports *mr, int keep, struct strbuf *notes,
				 struct strbuf *err);

#endif
