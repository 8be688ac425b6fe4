/*
 * approved_merges.h - approved-merges.csv: every merge in effect, for the
 * clerk to carry out on the portal, one row per duplicate:
 * primary_id,duplicate_id,rule,officer_id,decided_at.
 */
#ifndef NK_APPROVED_MERGES_H
#define NK_APPROVED_MERGES_H

#include "reports/report.h"

#define APPROVED_MERGES_FILE "approved-merges.csv"

/* Writes rc->out_dir/approved-merges.csv; *rows gets the merges listed. */
enum nk_err approved_merges_write(const struct report_ctx *rc, long *rows, struct strbuf *err);

#endif
