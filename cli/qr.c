/* qr.c - QR codes in the terminal, through libqrencode. */
#include "cli/qr.h"

#include <qrencode.h>

#define QUIET 2 /* modules of white border each side; scanners need one */

static int dark(const QRcode *q, int x, int y)
{
	if (x < 0 || y < 0 || x >= q->width || y >= q->width)
		return 0;
	return q->data[y * q->width + x] & 1;
}

/*
 * Two rows of modules per line of text: the upper half block shows the top
 * module, the lower half the bottom one. Drawn light-on-dark-inverted so it
 * scans on both dark and light terminals (white background cells).
 */
int qr_print(FILE *out, const char *text)
{
	QRcode *q = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
	if (!q)
		return -1;
	for (int y = -QUIET; y < q->width + QUIET; y += 2) {
		for (int x = -QUIET; x < q->width + QUIET; x++) {
			int top = dark(q, x, y), bottom = dark(q, x, y + 1);
			fputs(top && bottom ? " "
			      : top         ? "\u2584"
			      : bottom      ? "\u2580"
					    : "\u2588",
			      out);
		}
		fputc('\n', out);
	}
	QRcode_free(q);
	return 0;
}
