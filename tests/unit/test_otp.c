/* test_otp.c - RFC 6238 vectors, enrolment, one use per code, lockout. */
#include <liboath/oath.h>
#include <stdlib.h>
#include <unistd.h>

#include "engine/otp.h"
#include "tests/test.h"
#include "tests/totp_ref.h"

static void rfc6238_vectors(void)
{
	/* RFC 6238 appendix B, HMAC-SHA1, 8 digits, key "12345678901234567890". */
	static const struct {
		time_t t;
		const char *code;
	} v[] = {{59, "94287082"},         {1111111109, "07081804"}, {1111111111, "14050471"},
		 {1234567890, "89005924"}, {2000000000, "69279037"}, {20000000000, "65353130"}};
	const char *key = "12345678901234567890";
	char got[16];
	oath_init();
	for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		CHECK_INT(oath_totp_generate(key, 20, v[i].t, 30, 0, 8, got), OATH_OK);
		CHECK_STR(got, v[i].code);
		ref_totp((const unsigned char *)key, 20, v[i].t, 8, got);
		CHECK_STR(got, v[i].code);
	}
}

static char *secret_of(struct store *st, const char *id)
{
	sqlite3_stmt *s = store_prepare(st, "SELECT secret FROM officer_otp WHERE officer_id = ?");
	sqlite3_bind_text(s, 1, id, -1, SQLITE_STATIC);
	char *v = sqlite3_step(s) == SQLITE_ROW ? xstrdup((const char *)sqlite3_column_text(s, 0))
						: NULL;
	sqlite3_finalize(s);
	return v;
}

static enum otp_result check(struct store *st, const char *code, time_t now, time_t *until)
{
	struct otp_policy pol = {3, 10};
	struct strbuf err = STRBUF_INIT;
	enum otp_result r = OTP_WRONG;
	CHECK_INT(otp_verify(st, "OFF-1", code, now, &pol, &r, until, &err), NK_OK);
	strbuf_release(&err);
	return r;
}

int main(void)
{
	char path[] = "/tmp/nk-otp-XXXXXX";
	int fd = mkstemp(path);
	close(fd);
	unlink(path);
	rfc6238_vectors();

	struct store *st;
	struct strbuf err = STRBUF_INIT, uri = STRBUF_INIT;
	CHECK_INT(store_open(&st, path, STORE_WRITE, &err), NK_OK);
	CHECK_INT(store_exec(
			  st,
			  "INSERT INTO officers (officer_id, name, level) VALUES ('OFF-1', 'A', 2)",
			  &err),
		  NK_OK);
	CHECK_INT(otp_enroll(st, "NOBODY", "nirakaran Sehore", &uri, &err), NK_ENOTFOUND);
	CHECK(strstr(err.buf, "officer NOBODY is not in the officers master") != NULL);
	CHECK_INT(otp_enroll(st, "OFF-1", "nirakaran Sehore", &uri, &err), NK_OK);
	CHECK(strncmp(uri.buf, "otpauth://totp/nirakaran%20Sehore:OFF-1?secret=", 47) == 0);
	char *secret = secret_of(st, "OFF-1");
	CHECK(secret && strstr(uri.buf, secret));

	unsigned char key[64];
	int keylen = ref_base32(secret, key, sizeof(key));
	CHECK_INT(keylen, 20);
	time_t now = 1790000000, until = 0;
	char code[16], prev[16], next[16];
	ref_totp(key, keylen, now, 6, code);
	ref_totp(key, keylen, now - 30, 6, prev);
	ref_totp(key, keylen, now + 60, 6, next);

	CHECK_INT(check(st, "12345", now, &until), OTP_WRONG); /* not six digits */
	CHECK_INT(check(st, code, now, &until), OTP_OK);
	CHECK_INT(check(st, code, now, &until), OTP_REUSED);  /* a code is used once */
	CHECK_INT(check(st, prev, now, &until), OTP_REUSED);  /* an older one neither */
	CHECK_INT(check(st, next, now + 60, &until), OTP_OK); /* the next step's is fine */
	/* three wrong codes in a row lock the officer for ten minutes */
	const char *wrong = strcmp(code, "000000") ? "000000" : "111111";
	CHECK_INT(check(st, wrong, now + 120, &until), OTP_WRONG);
	CHECK_INT(check(st, wrong, now + 120, &until), OTP_WRONG);
	CHECK_INT(check(st, wrong, now + 120, &until), OTP_WRONG);
	CHECK_INT((long long)until, (long long)(now + 120 + 600));
	ref_totp(key, keylen, now + 150, 6, code);
	CHECK_INT(check(st, code, now + 150, &until), OTP_LOCKED);
	ref_totp(key, keylen, now + 750, 6, code);
	CHECK_INT(check(st, code, now + 750, &until), OTP_OK); /* after the lock */

	struct otp_policy pol = {3, 10};
	enum otp_result r;
	CHECK_INT(otp_verify(st, "OFF-2", "123456", now, &pol, &r, &until, &err), NK_OK);
	CHECK_INT(r, OTP_NOT_ENROLLED);
	CHECK(strstr(otp_result_message(OTP_REUSED), "used already") != NULL);
	free(secret);
	store_close(st);
	unlink(path);
	strbuf_release(&err);
	strbuf_release(&uri);
	TEST_DONE();
}
