/*
 * sla_report.h - sla-report.xlsx, the night's workbook for the district's
 * review meeting, its sheets named in Hindi and English: सारांश - Summary
 * (what to open first, the key figures with their change over a week,
 * three native charts, what each sheet holds), Breaches, Escalations,
 * Officer scorecard, Rule violations, Grading, Data quality, Repeat
 * complainants and WhatsApp; with rc->csv, one CSV per sheet beside it
 * (sla-<stem>.csv), every row of it whatever the cap (rc->cap) leaves in
 * the workbook. Codes reach no sheet: statuses, rule kinds, sources,
 * levels ("L2") are written as the words of engine/labels.h.
 *
 * Data quality and the Summary's counts come from the core tables
 * (complaints, quarantine, officers, categories, complaint_history); the
 * other sheets read the analytics tables of the night, which must have been
 * computed (sla_report_write refuses a night never analysed).
 */
#ifndef NK_SLA_REPORT_H
#define NK_SLA_REPORT_H

#include "reports/report.h"

#define SLA_REPORT_FILE      "sla-report.xlsx"
#define SLA_SUMMARY_SHEET    "सारांश - Summary"
#define SLA_BREACHES_SHEET   "समय-सीमा बाहर - Breaches"
#define SLA_ESCALATION_SHEET "एस्केलेशन - Escalations"
#define SLA_SCORECARD_SHEET  "अधिकारी - Officer scorecard"
#define SLA_VIOLATION_SHEET  "नियम उल्लंघन - Rule violations"
#define SLA_GRADING_SHEET    "ग्रेडिंग - Grading"
#define SLA_QUALITY_SHEET    "डेटा गुणवत्ता - Data quality"
#define SLA_REPEAT_SHEET     "बार-बार - Repeat complainants"

/*
 * Writes rc->out_dir/sla-report.xlsx (and CSVs). NK_ENOTFOUND with err
 * saying what to run when the night has not been analysed (nothing is
 * written then); NK_EIO/NK_EDB with err set.
 */
enum nk_err sla_report_write(const struct report_ctx *rc, struct strbuf *err);

/* 1 when the analytics were computed for rc's night. */
int sla_report_analysed(const struct report_ctx *rc);

/*
 * The Data quality sheet's rows in the order written: kind, file, row,
 * column, reason in Hindi, reason in English, value. Exposed for the CSV
 * and the tests; the statement is the caller's to finalize.
 */
sqlite3_stmt *sla_data_quality_query(const struct report_ctx *rc);

#endif
