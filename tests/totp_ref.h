/*
 * totp_ref.h - an independent RFC 6238 TOTP (HMAC-SHA1 through OpenSSL, base32
 * decoded by hand), so tests check the engine's liboath codes against a
 * second implementation rather than against themselves.
 */
#ifndef NK_TOTP_REF_H
#define NK_TOTP_REF_H

#include <openssl/hmac.h>
#include <stdint.h>
#include <string.h>
#include <time.h>

/* Decodes RFC 4648 base32 (no padding needed); returns bytes, or -1. */
static int ref_base32(const char *in, unsigned char *out, int cap)
{
	int bits = 0, n = 0;
	unsigned buf = 0;
	for (; *in && *in != '='; in++) {
		int v;
		if (*in >= 'A' && *in <= 'Z')
			v = *in - 'A';
		else if (*in >= '2' && *in <= '7')
			v = *in - '2' + 26;
		else
			return -1;
		buf = (buf << 5) | (unsigned)v;
		bits += 5;
		if (bits >= 8) {
			if (n >= cap)
				return -1;
			out[n++] = (unsigned char)(buf >> (bits - 8));
			bits -= 8;
		}
	}
	return n;
}

/* The code of key at time t (30-second steps), digits (<= 9) long, into out[16]. */
static void ref_totp(const unsigned char *key, int keylen, time_t t, int digits, char *out)
{
	uint64_t counter = (uint64_t)t / 30;
	unsigned char msg[8], md[20];
	unsigned int mdlen = 0;
	for (int i = 7; i >= 0; i--, counter >>= 8)
		msg[i] = (unsigned char)(counter & 0xff);
	HMAC(EVP_sha1(), key, keylen, msg, 8, md, &mdlen);
	int off = md[19] & 0x0f;
	uint32_t bin = ((uint32_t)(md[off] & 0x7f) << 24) | ((uint32_t)md[off + 1] << 16) |
		       ((uint32_t)md[off + 2] << 8) | md[off + 3];
	uint32_t mod = 1;
	for (int i = 0; i < digits; i++)
		mod *= 10;
	snprintf(out, 16, "%0*u", digits, bin % mod);
}

#endif
