/*
 * totp.c - prints the current 6-digit TOTP code of a base32 secret, as an
 * authenticator app would show it (tests use it to answer an OTP prompt).
 * usage: totp SECRET [UNIX_TIME]
 */
#include <stdio.h>
#include <stdlib.h>

#include "tests/totp_ref.h"

int main(int argc, char **argv)
{
	unsigned char key[128];
	if (argc < 2) {
		fprintf(stderr, "usage: totp SECRET [UNIX_TIME]\n");
		return 2;
	}
	int n = ref_base32(argv[1], key, sizeof(key));
	if (n <= 0) {
		fprintf(stderr, "totp: not a base32 secret\n");
		return 1;
	}
	time_t t = argc > 2 ? (time_t)strtoll(argv[2], NULL, 10) : time(NULL);
	char code[16];
	ref_totp(key, n, t, 6, code);
	printf("%s\n", code);
	return 0;
}
