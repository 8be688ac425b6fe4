/*
 * xlsxfloor - the floor under the XLSX reader's speed: what minizip and
 * expat alone cost to go through a workbook's parts, with none of the
 * reader's work (no cells, no conversions, no rows handed out).
 *
 *   xlsxfloor MODE FILE.xlsx [PART...]
 *
 *   inflate     unpack each part with minizip into one reused buffer;
 *   expat       unpack and feed expat with no handlers set;
 *   expat-rows  the same with one start-element handler counting <row>.
 *
 * The parts default to xl/sharedStrings.xml (when the zip has it) and
 * xl/worksheets/sheet1.xml, the first sheet as Excel and libxlsxwriter name
 * it: the least any reader of that sheet must parse. The calls are those of
 * ingest/xlsx_zip.c and ingest/xlsx.c (unzLocateFile without regard to case,
 * unzReadCurrentFile straight into expat's own buffer, 256 KiB a feed, the
 * checksum checked at the end), but called directly, so no line of ours is
 * timed. It prints one line:
 *
 *   xlsxfloor: MODE: BYTES bytes, ROWS rows, WALL s wall, CPU s CPU
 *
 * ROWS is 0 except in expat-rows. The time runs from opening the zip to
 * closing it. Exit status: 0 ok, 1 the file or a part cannot be read, 2 usage.
 */
#include <expat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unzip.h>

#include "engine/util.h"

#define CHUNK (256 * 1024) /* as ingest/xlsx.c */

enum mode { INFLATE, EXPAT, EXPAT_ROWS };

struct run {
	enum mode mode;
	unsigned long long bytes, rows;
	unsigned char *buf; /* INFLATE's buffer; expat has its own */
};

static double now(clockid_t clock)
{
	struct timespec ts;
	clock_gettime(clock, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void XMLCALL count_row(void *ud, const XML_Char *el, const XML_Char **attr)
{
	struct run *r = ud;
	if (strcmp(el, "row") == 0)
		r->rows++;
}

/* Next chunk of the open part into expat's buffer (or ours): the count,
 * 0 at the end, < 0 on error. */
static int next_chunk(unzFile uf, struct run *r, XML_Parser p, void **buf)
{
	*buf = p ? XML_GetBuffer(p, CHUNK) : r->buf;
	if (!*buf) {
		fputs("xlsxfloor: out of memory (XML buffer)\n", stderr);
		return -1;
	}
	int n = unzReadCurrentFile(uf, *buf, CHUNK);
	if (n > 0)
		r->bytes += (unsigned long long)n;
	return n;
}

/* Streams the open part through the mode's work. 0 ok, -1 error. */
static int stream_part(unzFile uf, struct run *r, const char *part)
{
	XML_Parser p = NULL;
	if (r->mode != INFLATE) {
		p = XML_ParserCreate("UTF-8");
		if (!p) {
			fputs("xlsxfloor: out of memory (XML parser)\n", stderr);
			return -1;
		}
		XML_SetUserData(p, r);
		if (r->mode == EXPAT_ROWS)
			XML_SetStartElementHandler(p, count_row);
	}
	int n, rc = 0;
	void *buf;
	do {
		n = next_chunk(uf, r, p, &buf);
		if (n < 0) {
			fprintf(stderr, "xlsxfloor: part %s cannot be unpacked (error %d)\n", part,
				n);
			rc = -1;
		} else if (p && XML_ParseBuffer(p, n, n == 0) != XML_STATUS_OK) {
			fprintf(stderr, "xlsxfloor: part %s is not well-formed XML: %s\n", part,
				XML_ErrorString(XML_GetErrorCode(p)));
			rc = -1;
		}
	} while (n > 0 && rc == 0);
	if (p)
		XML_ParserFree(p);
	return rc;
}

static int do_part(unzFile uf, struct run *r, const char *part)
{
	if (unzLocateFile(uf, part, 2) != UNZ_OK) {
		fprintf(stderr, "xlsxfloor: the zip has no part %s\n", part);
		return -1;
	}
	if (unzOpenCurrentFile(uf) != UNZ_OK) {
		fprintf(stderr, "xlsxfloor: part %s cannot be opened\n", part);
		return -1;
	}
	int rc = stream_part(uf, r, part);
	if (unzCloseCurrentFile(uf) == UNZ_CRCERROR) {
		fprintf(stderr, "xlsxfloor: part %s: checksum mismatch\n", part);
		rc = -1;
	}
	return rc;
}

static int usage(void)
{
	fputs("usage: xlsxfloor inflate|expat|expat-rows FILE.xlsx [PART...]\n", stderr);
	return 2;
}

int main(int argc, char **argv)
{
	static const char *const names[] = {"inflate", "expat", "expat-rows"};
	struct run r = {0};
	if (argc < 3)
		return usage();
	for (r.mode = INFLATE; r.mode <= EXPAT_ROWS && strcmp(argv[1], names[r.mode]); r.mode++)
		;
	if (r.mode > EXPAT_ROWS)
		return usage();
	double wall = now(CLOCK_MONOTONIC), cpu = now(CLOCK_PROCESS_CPUTIME_ID);
	unzFile uf = unzOpen64(argv[2]);
	if (!uf) {
		fprintf(stderr, "xlsxfloor: %s: not a zip file, or unreadable\n", argv[2]);
		return 1;
	}
	r.buf = xmalloc(CHUNK);
	int rc = 0;
	if (argc > 3) {
		for (int i = 3; i < argc && rc == 0; i++)
			rc = do_part(uf, &r, argv[i]);
	} else {
		if (unzLocateFile(uf, "xl/sharedStrings.xml", 2) == UNZ_OK)
			rc = do_part(uf, &r, "xl/sharedStrings.xml");
		if (rc == 0)
			rc = do_part(uf, &r, "xl/worksheets/sheet1.xml");
	}
	unzClose(uf);
	free(r.buf);
	if (rc)
		return 1;
	printf("xlsxfloor: %s: %llu bytes, %llu rows, %.2f s wall, %.2f s CPU\n", names[r.mode],
	       r.bytes, r.rows, now(CLOCK_MONOTONIC) - wall, now(CLOCK_PROCESS_CPUTIME_ID) - cpu);
	return 0;
}
