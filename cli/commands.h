/*
 * commands.h - every subcommand of nirakaran. Each lives in its own
 * cli/cmd_<name>.c with its usage text and option parsing; main.c holds the
 * dispatch table. A command returns the process exit code (see README.md):
 * 0 success, 1 runtime failure, 2 usage error, 3 success with quarantined
 * rows, 4 another run holds the lock.
 */
#ifndef NK_COMMANDS_H
#define NK_COMMANDS_H

#include "engine/error.h"

int cmd_init(int argc, char **argv);
int cmd_ingest(int argc, char **argv);
int cmd_status(int argc, char **argv);
int cmd_similar(int argc, char **argv);
int cmd_officer(int argc, char **argv);
int cmd_run(int argc, char **argv);
int cmd_review(int argc, char **argv);
int cmd_match(int argc, char **argv);
int cmd_explain(int argc, char **argv);
int cmd_analyze(int argc, char **argv);
int cmd_report(int argc, char **argv);

struct config;
struct otp_policy;
struct strbuf;
struct common;
struct store;
/* Imports one returned merge-review workbook (cmd_review.c); an exit code. */
int review_import_file(struct common *c, struct store *st, const char *path, const char *officer,
		       const char *otp);
struct report_ctx;
/* Every report of the night into rc->out_dir (cmd_report.c); logs a line each. */
enum nk_err report_write_night(const struct common *c, const struct report_ctx *rc,
			       struct strbuf *err);
/* rc with the [report] and [otp] settings of the config into *out. */
enum nk_err report_settings(const struct common *c, const struct report_ctx *rc,
			    struct report_ctx *out, struct strbuf *err);
/* sla-report.xlsx, its CSV twins and the WhatsApp texts of a night's rc
 * (settings applied); logs how long it took. */
enum nk_err report_write_sla(const struct common *c, const struct report_ctx *rc,
			     struct strbuf *err);
/* What only matching's results make: merge-review.xlsx, proposals.csv,
 * approved-merges.csv, of rc (settings applied). The line to log of each
 * goes into notes, one a line: the thread writing these may not log. */
enum nk_err report_write_matches(const struct report_ctx *rc, struct strbuf *notes,
				 struct strbuf *err);
/* Names dir in the message of an exit for want of memory; NULL: no more. */
void report_doing(const char *dir);
/* Logs each line of notes as the report's. */
void report_log_notes(const struct common *c, const struct strbuf *notes);
/* [otp] policy from the config (cmd_officer.c); 0, or -1 with err. */
int officer_otp_policy(const struct config *cfg, struct otp_policy *p, struct strbuf *err);

#endif
