/*
 * proposals_csv.h - proposals.csv for systems that do not read Excel: one
 * row per complaint proposed to merge into primary_id, from the last match
 * run on or before the night, in merge-review.xlsx's order:
 * group_id,complaint_id,primary_id,rule,score,band,proposal_id,run_id,
 * reason_en,reason_hi and the per-field weights w_name..w_days.
 */
#ifndef NK_PROPOSALS_CSV_H
#define NK_PROPOSALS_CSV_H

#include "reports/report.h"

/* Writes rc->out_dir/proposals.csv; NK_ENOTFOUND when no match run exists. */
enum nk_err proposals_csv_write(const struct report_ctx *rc, long *rows, struct strbuf *err);

#endif
