/* cmd_officer.c - nirakaran officer: OTP enrolment and checks. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "cli/commands.h"
#include "cli/common.h"
#include "cli/qr.h"
#include "engine/otp.h"

static const char usage_text[] =
	"usage: nirakaran officer enroll ID [--no-qr]\n"
	"       nirakaran officer verify ID CODE\n\n"
	"enroll  creates the officer's OTP secret (replacing an old one) and prints the\n"
	"        otpauth:// link and a QR code for an authenticator app. The officer then\n"
	"        confirms merge decisions with the app's 6-digit code.\n"
	"verify  checks a code, as a review import would (a code is accepted once).\n\n";

/* [otp] max_failures and lock_minutes; 0 or -1 with err. */
int officer_otp_policy(const struct config *cfg, struct otp_policy *p, struct strbuf *err)
{
	long f, m;
	if (config_int(cfg, "otp", "max_failures", 5, &f, err) ||
	    config_int(cfg, "otp", "lock_minutes", 15, &m, err))
		return -1;
	p->max_failures = f > 0 ? (int)f : 5;
	p->lock_minutes = m > 0 ? (int)m : 15;
	return 0;
}

static int enroll(struct common *c, struct store *st, const char *id, int qr)
{
	struct strbuf uri = STRBUF_INIT, err = STRBUF_INIT;
	const char *district = config_str(&c->cfg, "district", "name", NULL);
	struct strbuf iss = STRBUF_INIT;
	strbuf_addf(&iss, "nirakaran%s%s", district ? " " : "", district ? district : "");
	enum nk_err e = otp_enroll(st, id, iss.buf, &uri, &err);
	if (e) {
		log_error("officer", "%s", err.buf);
	} else {
		printf("OTP for officer %s. Scan the code with an authenticator app, or enter this link:\n%s\n\n",
		       id, uri.buf);
		if (qr && qr_print(stdout, uri.buf))
			log_error("officer",
				  "the link is too long for a QR code; enter it by hand");
	}
	strbuf_release(&uri);
	strbuf_release(&err);
	strbuf_release(&iss);
	return exit_for(e);
}

static int verify(struct common *c, struct store *st, const char *id, const char *code)
{
	struct strbuf err = STRBUF_INIT;
	struct otp_policy pol;
	enum otp_result res;
	time_t until = 0;
	if (officer_otp_policy(&c->cfg, &pol, &err)) {
		log_error("officer", "%s", err.buf);
		strbuf_release(&err);
		return EXIT_FAILURE_;
	}
	enum nk_err e = otp_verify(st, id, code, time(NULL), &pol, &res, &until, &err);
	if (e)
		log_error("officer", "%s", err.buf);
	else if (res == OTP_OK)
		log_info(c, "officer", "%s: %s", id, otp_result_message(res));
	else
		log_error("officer", "%s: %s", id, otp_result_message(res));
	strbuf_release(&err);
	return e ? exit_for(e) : res == OTP_OK ? EXIT_OK : EXIT_FAILURE_;
}

int cmd_officer(int argc, char **argv)
{
	struct common c;
	struct strbuf err = STRBUF_INIT;
	struct store *st;
	int code, qr = 1;
	if (common_parse(&c, &argc, argv, "officer", usage_text, &code))
		return code;
	if (argc > 3 && !strcmp(argv[3], "--no-qr")) {
		qr = 0;
		argc--;
	}
	int is_enroll = argc == 3 && !strcmp(argv[1], "enroll");
	int is_verify = argc == 4 && !strcmp(argv[1], "verify");
	if (!is_enroll && !is_verify) {
		common_release(&c);
		return usage_error("officer", "expected 'enroll ID' or 'verify ID CODE'");
	}
	enum nk_err e = store_open(&st, c.db, STORE_WRITE, &err);
	if (e) {
		log_error("officer", "%s", err.buf);
		code = exit_for(e);
	} else {
		code = is_enroll ? enroll(&c, st, argv[2], qr) : verify(&c, st, argv[2], argv[3]);
		store_close(st);
	}
	strbuf_release(&err);
	common_release(&c);
	return code;
}
