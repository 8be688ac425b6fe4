/*
 * sla_report.h - sla-report.xlsx, the night's workbook for the district's
 * review meeting: सारांश - Summary (key figures and three native charts),
 * Breaches, Escalations, Officer scorecard, Rule violations, Grading, Data
 * quality and Repeat complainants; with rc->csv, one CSV per sheet beside it
 * (sla-<sheet>.csv).
 *
 * Data quality and the Summary's counts come from the core tables
 * (complaints, quarantine, officers, categories, complaint_history); the
 * other sheets read the analytics tables, and say on the Summary when those
 * have not been computed for this db.
 */
#ifndef NK_SLA_REPORT_H
#define NK_SLA_REPORT_H

#include "reports/report.h"

#define SLA_REPORT_FILE   "sla-report.xlsx"
#define SLA_SUMMARY_SHEET "सारांश - Summary"

/* Writes rc->out_dir/sla-report.xlsx (and CSVs). NK_EIO/NK_EDB with err set. */
enum nk_err sla_report_write(const struct report_ctx *rc, struct strbuf *err);

/*
 * The Data quality sheet's rows in the order written: kind, file, row,
 * column, reason in Hindi, reason in English, value. Exposed for the CSV
 * and the tests; the statement is the caller's to finalize.
 */
sqlite3_stmt *sla_data_quality_query(const struct report_ctx *rc);

#endif
