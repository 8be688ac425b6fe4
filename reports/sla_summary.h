/*
 * sla_summary.h - the सारांश - Summary sheet of sla-report.xlsx and its
 * sla-summary.csv: what to open first, the night's key figures with their
 * change over seven nights, what each sheet holds (rows of the night, rows
 * in the workbook, the CSV with all of them), and three charts (breaches
 * by department, open by level, the last 30 nights). For sla_report.c.
 */
#ifndef NK_SLA_SUMMARY_H
#define NK_SLA_SUMMARY_H

#include <xlsxwriter.h>

#include "reports/book.h"
#include "reports/report.h"

/* What one data sheet holds, for the Summary's table. */
struct sla_sheet_rows {
	const char *name; /* the sheet's name, NULL when it was not written */
	const char *stem; /* its CSV: sla-<stem>.csv */
	long rows, shown;
};

struct sla_summary;

/* The figures of rc's night (which has been analysed). */
struct sla_summary *sla_summary_gather(const struct report_ctx *rc);

/*
 * sla_summary_gather on a connection of its own and the other core, while
 * the caller writes the other sheets: its pass over every complaint (0.7 s
 * at a million) then costs no wall time. The thread only reads. With one
 * thread allowed (OMP_NUM_THREADS=1), or no second connection, the figures
 * are gathered in sla_summary_wait instead. rc must outlive the job.
 */
struct sla_summary_job;
struct sla_summary_job *sla_summary_start(const struct report_ctx *rc);
struct sla_summary *sla_summary_wait(struct sla_summary_job *job); /* frees job */
/* Fills the free sheet ws; sheets[0..n) are the data sheets written. */
void sla_summary_write(const struct report_ctx *rc, struct book *b, lxw_worksheet *ws,
		       const struct sla_summary *sm, const struct sla_sheet_rows *sheets, int n);
/* sla-summary.csv: key, label_hi, label_en, value, week_ago. */
enum nk_err sla_summary_csv(const struct report_ctx *rc, const struct sla_summary *sm,
			    struct strbuf *err);
void sla_summary_free(struct sla_summary *sm);

#endif
