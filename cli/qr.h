/* qr.h - a QR code drawn in the terminal with Unicode half blocks. */
#ifndef NK_CLI_QR_H
#define NK_CLI_QR_H

#include <stdio.h>

/* Draws text as a QR code on out; -1 when it cannot be encoded. */
int qr_print(FILE *out, const char *text);

#endif
