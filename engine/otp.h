/*
 * otp.h - time-based one-time passwords (RFC 6238, through liboath) with
 * which an officer confirms merges. The secret is created by otp_enroll and
 * kept in the officer_otp table; a code is accepted once (a replay of a
 * code or of an older one is refused), within one 30-second step either
 * side of now, and repeated failures lock the officer out for a while.
 */
#ifndef NK_OTP_H
#define NK_OTP_H

#include <time.h>

#include "engine/store.h"

#define OTP_DIGITS 6
#define OTP_STEP   30

enum otp_result {
	OTP_OK,
	OTP_WRONG,       /* not the code of this moment */
	OTP_REUSED,      /* this code (or an older one) was used already */
	OTP_LOCKED,      /* too many wrong codes: wait until locked_until */
	OTP_NOT_ENROLLED /* the officer has no secret: run 'officer enroll' */
};

struct otp_policy {
	int max_failures; /* consecutive wrong codes before a lock (default 5) */
	int lock_minutes; /* how long the lock lasts (default 15) */
};

/*
 * Creates (or replaces) the officer's secret and appends to uri the
 * otpauth:// URI an authenticator app reads ("issuer:officer").
 * The officer must exist in the officers master (NK_ENOTFOUND otherwise).
 */
enum nk_err otp_enroll(struct store *st, const char *officer_id, const char *issuer,
		       struct strbuf *uri, struct strbuf *err);

/*
 * Checks code for the officer at time now and records the outcome (the
 * step used, the failure count, a lock). *locked_until is set for
 * OTP_LOCKED. Runs in its own transaction unless one is open.
 */
enum nk_err otp_verify(struct store *st, const char *officer_id, const char *code, time_t now,
		       const struct otp_policy *policy, enum otp_result *res, time_t *locked_until,
		       struct strbuf *err);

/* A clerk's sentence for a result, English then Hindi. */
const char *otp_result_message(enum otp_result r);

#endif
