/*
 * xlsx_zip.h - the zip layer of the XLSX reader (minizip underneath).
 *
 * It looks at the magic bytes before anything else, so a legacy .xls, an
 * encrypted workbook or an HTML table with an .xls name is named for what it
 * is; then it streams one part (member) of the zip at a time, refusing parts
 * that would unpack beyond the limits (zip bombs).
 *
 * Every error message is complete and starts with the file's name; it is
 * written to the caller's strbuf.
 */
#ifndef NK_XLSX_ZIP_H
#define NK_XLSX_ZIP_H

#include <stddef.h>

#include "engine/util.h"

struct xzip_limits {
	unsigned long long max_total; /* bytes unpacked over all parts */
	unsigned long long max_ratio; /* unpacked/packed of a part over 1 MiB */
};

struct xzip;

/*
 * Open the zip at path (or the len bytes at data, which must outlive the
 * handle; name is then used in messages). Returns NULL with a message in
 * err when the file is not a zip or its directory is unreadable.
 */
struct xzip *xzip_open_file(const char *path, const struct xzip_limits *lim, struct strbuf *err);
struct xzip *xzip_open_mem(const void *data, size_t len, const char *name,
			   const struct xzip_limits *lim, struct strbuf *err);
void xzip_close(struct xzip *z);

/* The name given at open (the path), for messages. */
const char *xzip_name(const struct xzip *z);

/* 1 when the zip holds part (matched without regard to case, as OPC says). */
int xzip_has(struct xzip *z, const char *part);

/*
 * Start streaming part: 1 ready, 0 no such part, -1 error (message in err:
 * encrypted member, unsupported compression, over the limits). Opening a
 * part ends the one opened before.
 */
int xzip_open_part(struct xzip *z, const char *part, struct strbuf *err);

/*
 * Read up to n bytes of the open part: returns the count, 0 at its end (the
 * checksum has then been verified), -1 on error (damaged data, checksum
 * mismatch, over the limits) with the message in err.
 */
long xzip_read(struct xzip *z, void *buf, size_t n, struct strbuf *err);

#endif
