/* otp.c - TOTP enrolment and verification with liboath. */
#include "engine/otp.h"

#include <liboath/oath.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SECRET_BYTES 20 /* 160 bits, as RFC 4226 recommends */

static int random_bytes(unsigned char *b, size_t n)
{
	FILE *f = fopen("/dev/urandom", "rb");
	if (!f)
		return -1;
	size_t got = fread(b, 1, n, f);
	fclose(f);
	return got == n ? 0 : -1;
}

/* Percent-encodes the characters an otpauth URI label may not hold. */
static void uri_escape(struct strbuf *sb, const char *s)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		    c == '-' || c == '_' || c == '.')
			strbuf_addch(sb, c);
		else
			strbuf_addf(sb, "%%%02X", c);
	}
}

static int officer_exists(struct store *st, const char *officer_id)
{
	sqlite3_stmt *s = store_prepare(st, "SELECT 1 FROM officers WHERE officer_id = ?");
	sqlite3_bind_text(s, 1, officer_id, -1, SQLITE_STATIC);
	int found = sqlite3_step(s) == SQLITE_ROW;
	sqlite3_finalize(s);
	return found;
}

enum nk_err otp_enroll(struct store *st, const char *officer_id, const char *issuer,
		       struct strbuf *uri, struct strbuf *err)
{
	unsigned char secret[SECRET_BYTES];
	char *b32 = NULL;
	size_t b32len = 0;
	if (!officer_exists(st, officer_id)) {
		strbuf_addf(err,
			    "officer %s is not in the officers master; ingest the master "
			    "(nirakaran ingest --kind officers FILE) first",
			    officer_id);
		return NK_ENOTFOUND;
	}
	if (random_bytes(secret, sizeof(secret))) {
		strbuf_addstr(err, "cannot read /dev/urandom to make a secret");
		return NK_EIO;
	}
	if (oath_base32_encode((const char *)secret, sizeof(secret), &b32, &b32len) != OATH_OK) {
		strbuf_addstr(err, "cannot encode the secret");
		return NK_EIO;
	}
	sqlite3_stmt *s =
		store_prepare(st, "INSERT OR REPLACE INTO officer_otp (officer_id, secret,"
				  " enrolled_at, last_counter, failures, locked_until)"
				  " VALUES (?, ?, datetime('now','localtime'), -1, 0, 0)");
	sqlite3_bind_text(s, 1, officer_id, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, b32, (int)b32len, SQLITE_STATIC);
	enum nk_err rc = store_step_once(st, s, "cannot store the secret", err);
	if (!rc) {
		strbuf_addstr(uri, "otpauth://totp/");
		uri_escape(uri, issuer);
		strbuf_addstr(uri, ":");
		uri_escape(uri, officer_id);
		strbuf_addf(uri, "?secret=%.*s&issuer=", (int)b32len, b32);
		uri_escape(uri, issuer);
		strbuf_addf(uri, "&digits=%d&period=%d", OTP_DIGITS, OTP_STEP);
	}
	memset(secret, 0, sizeof(secret));
	free(b32);
	return rc;
}

struct otp_row {
	char *secret; /* base32, malloc'd */
	long long last_counter, failures, locked_until;
};

static int load_row(struct store *st, const char *officer_id, struct otp_row *r)
{
	sqlite3_stmt *s = store_prepare(st, "SELECT secret, last_counter, failures, locked_until"
					    " FROM officer_otp WHERE officer_id = ?");
	sqlite3_bind_text(s, 1, officer_id, -1, SQLITE_STATIC);
	int found = sqlite3_step(s) == SQLITE_ROW;
	if (found) {
		r->secret = xstrdup((const char *)sqlite3_column_text(s, 0));
		r->last_counter = sqlite3_column_int64(s, 1);
		r->failures = sqlite3_column_int64(s, 2);
		r->locked_until = sqlite3_column_int64(s, 3);
	}
	sqlite3_finalize(s);
	return found;
}

static enum nk_err save_row(struct store *st, const char *officer_id, const struct otp_row *r,
			    struct strbuf *err)
{
	sqlite3_stmt *s = store_prepare(st, "UPDATE officer_otp SET last_counter = ?, failures = ?,"
					    " locked_until = ? WHERE officer_id = ?");
	sqlite3_bind_int64(s, 1, r->last_counter);
	sqlite3_bind_int64(s, 2, r->failures);
	sqlite3_bind_int64(s, 3, r->locked_until);
	sqlite3_bind_text(s, 4, officer_id, -1, SQLITE_STATIC);
	enum nk_err rc = store_step_once(st, s, "cannot record the OTP check", err);
	return rc;
}

/* The step counter code matches within one step of now, or -1. */
static long long matching_counter(const struct otp_row *r, const char *code, time_t now)
{
	char *key = NULL;
	size_t keylen = 0;
	int pos = 0;
	uint64_t counter = 0;
	if (oath_base32_decode(r->secret, strlen(r->secret), &key, &keylen) != OATH_OK)
		return -1;
	int rc = oath_totp_validate3(key, keylen, now, OTP_STEP, 0, 1, &pos, &counter, code);
	free(key);
	return rc >= 0 ? (long long)counter : -1;
}

static int code_well_formed(const char *code)
{
	size_t n = 0;
	for (; code[n]; n++)
		if (code[n] < '0' || code[n] > '9')
			return 0;
	return n == OTP_DIGITS;
}

enum nk_err otp_verify(struct store *st, const char *officer_id, const char *code, time_t now,
		       const struct otp_policy *policy, enum otp_result *res, time_t *locked_until,
		       struct strbuf *err)
{
	struct otp_row r = {0};
	int own_tx = !st->in_tx;
	enum nk_err rc;
	oath_init();
	if (own_tx && (rc = store_begin(st, err)))
		return rc;
	if (!load_row(st, officer_id, &r)) {
		*res = OTP_NOT_ENROLLED;
		rc = NK_OK;
		goto out;
	}
	if (r.locked_until > (long long)now) {
		*res = OTP_LOCKED;
		*locked_until = (time_t)r.locked_until;
		rc = NK_OK;
		goto out;
	}
	long long counter = code_well_formed(code) ? matching_counter(&r, code, now) : -1;
	if (counter >= 0 && counter <= r.last_counter) {
		*res = OTP_REUSED;
	} else if (counter >= 0) {
		*res = OTP_OK;
		r.last_counter = counter;
		r.failures = 0;
	} else {
		*res = OTP_WRONG;
		if (++r.failures >= policy->max_failures) {
			r.locked_until = (long long)now + 60LL * policy->lock_minutes;
			r.failures = 0;
			*locked_until = (time_t)r.locked_until;
		}
	}
	rc = save_row(st, officer_id, &r, err);
out:
	free(r.secret);
	if (own_tx)
		rc = rc ? (store_rollback(st), rc) : store_commit(st, err);
	return rc;
}

const char *otp_result_message(enum otp_result r)
{
	switch (r) {
	case OTP_OK: return "the code is correct / कोड सही है";
	case OTP_WRONG:
		return "the OTP code is wrong or has expired; read the current code from the "
		       "authenticator app / OTP कोड गलत है या उसका समय निकल गया; ऐप से अभी का कोड डालें";
	case OTP_REUSED:
		return "this OTP code was used already; wait for the next code / यह OTP कोड पहले "
		       "उपयोग हो चुका है; अगले कोड की प्रतीक्षा करें";
	case OTP_LOCKED:
		return "too many wrong OTP codes: imports by this officer are locked for a while / "
		       "बहुत बार गलत OTP: कुछ समय के लिए इस अधिकारी का आयात रोका गया है";
	case OTP_NOT_ENROLLED:
		return "this officer has no OTP yet: run 'nirakaran officer enroll ID' / "
		       "इस अधिकारी का OTP पंजीकरण नहीं हुआ है";
	}
	return "";
}
