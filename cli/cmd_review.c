/* cmd_review.c - nirakaran review: import a returned workbook, undo, log. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli/commands.h"
#include "cli/common.h"
#include "engine/otp.h"
#include "engine/review.h"
#include "ingest/review_book.h"
#include "reports/approved_merges.h"
#include "reports/outfile.h"

static const char usage_text[] =
	"usage: nirakaran review import FILE --officer ID [--otp CODE]\n"
	"       nirakaran review undo COMPLAINT_ID --officer ID\n"
	"       nirakaran review log\n\n"
	"import  reads the Decision and Remarks columns of a returned merge-review.xlsx,\n"
	"        checks it belongs to this database and that its complaints have not changed,\n"
	"        and applies the decisions: Merge marks the duplicate as merged into its\n"
	"        primary, Not duplicate keeps the pair from being proposed again (until one\n"
	"        side changes), Unsure keeps it in the queue. The officer confirms with the\n"
	"        6-digit code of the authenticator app ('nirakaran officer enroll ID'),\n"
	"        unless [otp] required = no. Then writes approved-merges.csv in the night's\n"
	"        folder. Importing the same file again changes nothing.\n"
	"undo    reverses an approved merge (recorded; nothing is deleted).\n"
	"log     who decided what, when, from which file.\n\n";

/* The OTP step; 0 when confirmed (or switched off), else an exit code. */
static int confirm(struct common *c, struct store *st, const char *officer, const char *code,
		   int *otp_checked)
{
	struct strbuf err = STRBUF_INIT;
	struct otp_policy pol;
	int required;
	enum otp_result res;
	time_t until = 0;
	*otp_checked = 0;
	if (config_bool(&c->cfg, "otp", "required", 1, &required, &err) ||
	    officer_otp_policy(&c->cfg, &pol, &err)) {
		log_error("review", "%s", err.buf);
		strbuf_release(&err);
		return EXIT_FAILURE_;
	}
	if (!required) {
		log_info(c, "review",
			 "OTP is switched off in the config ([otp] required = no); "
			 "the import is recorded as not confirmed by OTP");
		return 0;
	}
	if (!code) {
		strbuf_release(&err);
		return usage_error("review",
				   "--otp CODE is required: the 6-digit code from the "
				   "authenticator app of officer %s",
				   officer);
	}
	enum nk_err e = otp_verify(st, officer, code, time(NULL), &pol, &res, &until, &err);
	if (e || res != OTP_OK) {
		log_error("review", "%s", e ? err.buf : otp_result_message(res));
		strbuf_release(&err);
		return e ? exit_for(e) : EXIT_FAILURE_;
	}
	*otp_checked = 1;
	strbuf_release(&err);
	return 0;
}

/*
 * approved-merges.csv from what the db holds. The decisions are committed
 * before it is written: when it cannot be (a full disk), the message says
 * so, and the same import run again writes it.
 */
static int write_approved(struct common *c, struct store *st)
{
	struct strbuf err = STRBUF_INIT;
	char *dir = common_night_dir(c);
	long rows;
	struct report_ctx rc = {.st = st, .out_dir = dir, .as_of = c->as_of};
	int code = EXIT_OK;
	if (outfile_mkdirs(dir, &err) || approved_merges_write(&rc, &rows, &err)) {
		log_error("review",
			  "%s; the decisions are recorded, but the portal's list is not written:"
			  " free the space and run the same command again to write it / निर्णय"
			  " दर्ज हैं, पर approved-merges.csv नहीं लिखी जा सकी; जगह खाली कर यही आदेश"
			  " दोबारा चलाएँ",
			  err.buf);
		code = EXIT_FAILURE_;
	} else {
		log_info(c, "review",
			 "%s/approved-merges.csv: %ld merges to carry out on the portal", dir,
			 rows);
	}
	free(dir);
	strbuf_release(&err);
	return code;
}

int review_import_file(struct common *c, struct store *st, const char *path, const char *officer,
		       const char *otp)
{
	struct review_book w;
	struct strbuf err = STRBUF_INIT;
	struct review_result res;
	int code, otp_checked;
	if (review_book_read(&w, path, &err)) {
		log_error("review", "%s", err.buf);
		code = EXIT_FAILURE_;
	} else if ((code = confirm(c, st, officer, otp, &otp_checked)) == 0) {
		enum nk_err e = review_import(st, &w.f, officer, otp_checked, &res, &err);
		if (e) {
			log_error("review", "%s", err.buf);
			code = exit_for(e);
		} else if (res.already) {
			log_info(c, "review", "%s was imported already on %s; nothing changed",
				 path, res.imported_at);
			code = write_approved(c, st); /* a retry after it could not be written */
		} else {
			log_info(c, "review",
				 "%s by %s: %ld merged, %ld not duplicate, %ld unsure, "
				 "%ld not decided yet",
				 path, officer, res.merged, res.rejected, res.unsure,
				 res.undecided);
			if (res.again)
				log_info(
					c, "review",
					"%ld decision(s) were recorded already by an earlier import"
					" (a copy of its file?); not counted again",
					res.again);
			code = write_approved(c, st);
		}
	}
	review_book_release(&w);
	strbuf_release(&err);
	return code;
}

static int do_undo(struct common *c, struct store *st, const char *id, const char *officer)
{
	struct strbuf err = STRBUF_INIT;
	enum nk_err e = review_undo(st, id, officer, &err);
	int code = exit_for(e);
	if (e)
		log_error("review", "%s", err.buf);
	else {
		log_info(c, "review", "merge of %s undone by %s", id, officer);
		code = write_approved(c, st);
	}
	strbuf_release(&err);
	return code;
}

static int do_log(struct store *st)
{
	sqlite3_stmt *s = store_prepare(
		st, "SELECT d.decided_at, d.officer_id, d.decision, d.a, d.b, coalesce(i.path, ''),"
		    " coalesce(i.otp_checked, 0), coalesce(d.remarks, '') FROM pair_decisions d"
		    " LEFT JOIN review_imports i ON i.sha256 = d.file_sha256 ORDER BY d.id");
	printf("when\tofficer\tdecision\tcomplaint\tcomplaint\tfile\totp\tremarks\n");
	while (sqlite3_step(s) == SQLITE_ROW)
		printf("%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", sqlite3_column_text(s, 0),
		       sqlite3_column_text(s, 1), sqlite3_column_text(s, 2),
		       sqlite3_column_text(s, 3), sqlite3_column_text(s, 4),
		       sqlite3_column_text(s, 5), sqlite3_column_int(s, 6) ? "yes" : "no",
		       sqlite3_column_text(s, 7));
	sqlite3_finalize(s);
	return EXIT_OK;
}

/* Takes "--officer ID" and "--otp CODE" out of argv. */
static void take_opts(int *argc, char **argv, const char **officer, const char **otp)
{
	int out = 1;
	for (int i = 1; i < *argc; i++) {
		if (!strcmp(argv[i], "--officer") && i + 1 < *argc)
			*officer = argv[++i];
		else if (!strcmp(argv[i], "--otp") && i + 1 < *argc)
			*otp = argv[++i];
		else
			argv[out++] = argv[i];
	}
	*argc = out;
}

int cmd_review(int argc, char **argv)
{
	struct common c;
	struct strbuf err = STRBUF_INIT;
	struct store *st;
	const char *officer = NULL, *otp = NULL;
	int code;
	if (common_parse(&c, &argc, argv, "review", usage_text, &code))
		return code;
	take_opts(&argc, argv, &officer, &otp);
	const char *verb = argc > 1 ? argv[1] : "";
	int ok = (!strcmp(verb, "import") && argc == 3 && officer) ||
		 (!strcmp(verb, "undo") && argc == 3 && officer) ||
		 (!strcmp(verb, "log") && argc == 2);
	if (!ok) {
		common_release(&c);
		return usage_error("review", "expected 'import FILE --officer ID [--otp CODE]', "
					     "'undo COMPLAINT_ID --officer ID' or 'log'");
	}
	enum nk_err e =
		store_open(&st, c.db, !strcmp(verb, "log") ? STORE_READ : STORE_WRITE, &err);
	if (e) {
		log_error("review", "%s", err.buf);
		code = exit_for(e);
	} else {
		code = !strcmp(verb, "import") ? review_import_file(&c, st, argv[2], officer, otp)
		       : !strcmp(verb, "undo") ? do_undo(&c, st, argv[2], officer)
					       : do_log(st);
		store_close(st);
	}
	strbuf_release(&err);
	common_release(&c);
	return code;
}
