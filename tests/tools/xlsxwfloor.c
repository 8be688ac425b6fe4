/*
 * xlsxwfloor - the floor under the SLA report's writing speed: what
 * libxlsxwriter alone costs to write the Breaches sheet that bench/report.sh
 * has `nirakaran report` write, and how much of that is zlib's deflate,
 * which libxlsxwriter runs at a fixed level 6 (Z_DEFAULT_COMPRESSION).
 *
 *   xlsxwfloor OUT.xlsx ROWS
 *	Writes the sheet straight through libxlsxwriter, no db and no book
 *	layer: the same 18 columns, cell types, formats, header, frozen pane,
 *	filter and colour scale as reports/sla_report.c and reports/book.c
 *	give it, the values bench/report.sh puts in the db for complaints
 *	1..ROWS, in the report's order (days overdue and age down, then id);
 *	constant_memory mode with the temporary files beside OUT, as book.c.
 *	Only the column widths are fixed instead of measured.
 *
 *   xlsxwfloor -z FILE.xlsx [PART]
 *	Unpacks PART (default xl/worksheets/sheet1.xml, the sheet the first
 *	form writes) and deflates it as libxlsxwriter's minizip does (raw
 *	deflate, 15-bit window, memLevel 8, the default strategy, 16 KiB in a
 *	call, 64 KiB out) at level 6 and, for comparison, at level 1, timing
 *	only the deflate calls (and the CRC-32 zip adds, apart) in CPU time,
 *	which other jobs on the machine inflate less than wall time: the
 *	share of the zip step in the first form's CPU time.
 *
 * Each prints one line on stdout:
 *
 *   xlsxwfloor: write: ROWS rows, WALL s wall, CPU s CPU
 *   xlsxwfloor: deflate PART: BYTES bytes; level 6: S s, OUT bytes;
 *	level 1: S s, OUT bytes; crc32: S s      (seconds of CPU)
 *
 * Exit status: 0 ok, 1 cannot write or read the file, 2 usage.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unzip.h>
#include <xlsxwriter.h>
#include <zlib.h>

#include "engine/util.h"

#define NCOLS   18
#define AS_OF   46353 /* 2026-11-27, bench/report.sh's night, as an Excel serial */
#define LXW_IN  16384 /* LXW_ZIP_BUFFER_SIZE: what libxlsxwriter hands minizip */
#define ZIP_OUT 65536 /* minizip's Z_BUFSIZE */

/* reports/sla_report.c's breach_cols: Hindi over English. */
static const char *const HEADER[NCOLS] = {
	"शिकायत क्रमांक\nComplaint No",
	"समय-सीमा से अधिक दिन\nDays overdue",
	"स्तर\nLevel",
	"अधिकारी\nOfficer",
	"अधिकारी का नाम\nOfficer name",
	"विभाग\nDepartment",
	"प्रारूप\nCategory",
	"ग्राम/वार्ड\nVillage/Ward",
	"तहसील\nTehsil",
	"दर्ज दिनांक\nRegistration date",
	"स्तर पर दिनांक\nAt this level since",
	"समय-सीमा (दिन)\nDays allowed",
	"नियत दिनांक\nDue date",
	"कुल आयु (दिन)\nAge (days)",
	"आयु वर्ग\nAge bucket",
	"स्थिति\nStatus",
	"बिना कार्रवाई शीर्ष स्तर तक\nReached the top with no action",
	"स्तर दिनांक का स्रोत\nLevel date from",
};

static double now(clockid_t clock)
{
	struct timespec ts;
	clock_gettime(clock, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Sheet row r holds complaint i as bench/report.sh fills sla_status. Column
 * 16 ("no action to top") is '' for all, which book.c leaves blank. */
static void breach_row(lxw_worksheet *ws, lxw_row_t r, long i, lxw_format *n, lxw_format *d)
{
	char id[32], off[32];
	snprintf(id, sizeof(id), "CMH-2026-%07ld", i);
	snprintf(off, sizeof(off), "SEH-REV-L%ld-%02ld", 1 + i % 4, i % 37);
	worksheet_write_string(ws, r, 0, id, NULL);
	worksheet_write_number(ws, r, 1, (double)(1 + i % 60), n);
	worksheet_write_number(ws, r, 2, (double)(1 + i % 4), n);
	worksheet_write_string(ws, r, 3, off, NULL);
	worksheet_write_string(ws, r, 4, "प्रकाश धुर्वे", NULL);
	worksheet_write_string(ws, r, 5, "राजस्व विभाग", NULL);
	worksheet_write_string(ws, r, 6, "सीमांकन/नामांतरण", NULL);
	worksheet_write_string(ws, r, 7, "मुंगावली", NULL);
	worksheet_write_string(ws, r, 8, "आष्टा", NULL);
	worksheet_write_number(ws, r, 9, (double)(AS_OF - i % 400), d);
	worksheet_write_number(ws, r, 10, (double)(AS_OF - i % 90), d);
	worksheet_write_number(ws, r, 11, 30, n);
	worksheet_write_number(ws, r, 12, (double)(AS_OF - 1 - i % 60), d);
	worksheet_write_number(ws, r, 13, (double)(i % 400), n);
	worksheet_write_string(ws, r, 14, "101-300", NULL);
	worksheet_write_string(ws, r, 15, "open", NULL);
	worksheet_write_string(ws, r, 17, "export", NULL);
}

/*
 * The report's ORDER BY days_overdue DESC, age_days DESC, complaint_id.
 * Days overdue (1 + i % 60) and age (i % 400) depend on i % 1200 alone, and
 * no two residues share both; so for each days-overdue value, walk its 20
 * residues by age, down, each residue's complaints by id, up. Returns the
 * last row written.
 */
static lxw_row_t breach_rows(lxw_worksheet *ws, long rows, lxw_format *n, lxw_format *d)
{
	lxw_row_t r = 0;
	for (long od = 59; od >= 0; od--) {
		long res[20];
		for (int k = 0; k < 20; k++) {
			long v = od + 60 * k, j = k;
			for (; j > 0 && res[j - 1] % 400 < v % 400; j--)
				res[j] = res[j - 1];
			res[j] = v;
		}
		for (int k = 0; k < 20; k++)
			for (long i = res[k] ? res[k] : 1200; i <= rows; i += 1200)
				breach_row(ws, ++r, i, n, d);
	}
	return r;
}

/* What book.c does to a sheet once its rows are in. */
static void finish_sheet(lxw_worksheet *ws, lxw_row_t last)
{
	worksheet_freeze_panes(ws, 1, 0);
	worksheet_autofilter(ws, 0, 0, last, NCOLS - 1);
	for (lxw_col_t c = 0; c < NCOLS; c++)
		worksheet_set_column_opt(ws, c, c, 16.0, NULL, &(lxw_row_col_options){0});
	lxw_conditional_format cf = {.type = LXW_CONDITIONAL_3_COLOR_SCALE,
				     .min_color = 0x63BE7B,
				     .mid_color = 0xFFEB84,
				     .max_color = 0xF8696B};
	if (last >= 1)
		worksheet_conditional_format_range(ws, 1, 1, last, 1, &cf);
}

static int write_breaches(const char *path, long rows)
{
	struct strbuf dir = STRBUF_INIT;
	const char *slash = strrchr(path, '/');
	strbuf_add(&dir, slash ? path : ".", slash ? (size_t)(slash - path + (slash == path)) : 1);
	lxw_workbook_options opt = {.constant_memory = LXW_TRUE, .tmpdir = dir.buf};
	lxw_workbook *wb = workbook_new_opt(path, &opt);
	strbuf_release(&dir);
	if (!wb) {
		fprintf(stderr, "xlsxwfloor: cannot create %s\n", path);
		return 1;
	}
	lxw_format *h = workbook_add_format(wb), *n = workbook_add_format(wb),
		   *d = workbook_add_format(wb);
	format_set_bold(h);
	format_set_text_wrap(h);
	format_set_align(h, LXW_ALIGN_VERTICAL_TOP);
	format_set_bg_color(h, 0xDDEBF7);
	format_set_bottom(h, LXW_BORDER_THIN);
	format_set_num_format(n, "#,##0");
	format_set_num_format(d, "dd-mm-yyyy");
	lxw_worksheet *ws = workbook_add_worksheet(wb, "Breaches");
	worksheet_set_row(ws, 0, 36.0, NULL);
	for (lxw_col_t c = 0; c < NCOLS; c++)
		worksheet_write_string(ws, 0, c, HEADER[c], h);
	finish_sheet(ws, breach_rows(ws, rows, n, d));
	lxw_error e = workbook_close(wb);
	if (e != LXW_NO_ERROR) {
		fprintf(stderr, "xlsxwfloor: %s: %s\n", path, lxw_strerror(e));
		return 1;
	}
	return 0;
}

/* One deflate stream at a level, and the time spent in it. */
struct zrun {
	z_stream z;
	int level;
	double secs;
};

static void zrun_feed(struct zrun *zr, const unsigned char *in, unsigned n, int flush,
		      unsigned char *out)
{
	double t = now(CLOCK_THREAD_CPUTIME_ID);
	zr->z.next_in = (unsigned char *)in;
	zr->z.avail_in = n;
	do {
		zr->z.next_out = out;
		zr->z.avail_out = ZIP_OUT;
		deflate(&zr->z, flush);
	} while (zr->z.avail_in > 0 || (flush == Z_FINISH && zr->z.avail_out == 0));
	zr->secs += now(CLOCK_THREAD_CPUTIME_ID) - t;
}

static int deflate_part(unzFile uf, const char *part, struct zrun *zr, int nz)
{
	unsigned char *in = xmalloc(LXW_IN), *out = xmalloc(ZIP_OUT);
	unsigned long long bytes = 0;
	unsigned long crc = crc32(0, NULL, 0);
	double crc_secs = 0;
	int n;
	while ((n = unzReadCurrentFile(uf, in, LXW_IN)) >= 0) {
		double t = now(CLOCK_THREAD_CPUTIME_ID);
		crc = crc32(crc, in, (unsigned)n);
		crc_secs += now(CLOCK_THREAD_CPUTIME_ID) - t;
		for (int k = 0; k < nz; k++)
			zrun_feed(&zr[k], in, (unsigned)n, n ? Z_NO_FLUSH : Z_FINISH, out);
		bytes += (unsigned)n;
		if (n == 0)
			break;
	}
	free(in);
	free(out);
	if (n < 0) {
		fprintf(stderr, "xlsxwfloor: part %s cannot be unpacked (error %d)\n", part, n);
		return 1;
	}
	printf("xlsxwfloor: deflate %s: %llu bytes", part, bytes);
	for (int k = 0; k < nz; k++)
		printf("; level %d: %.2f s, %lu bytes", zr[k].level, zr[k].secs, zr[k].z.total_out);
	printf("; crc32: %.2f s\n", crc_secs);
	return 0;
}

static int time_deflate(const char *path, const char *part)
{
	struct zrun zr[2] = {{.level = 6}, {.level = 1}};
	unzFile uf = unzOpen64(path);
	if (!uf || unzLocateFile(uf, part, 2) != UNZ_OK || unzOpenCurrentFile(uf) != UNZ_OK) {
		fprintf(stderr, "xlsxwfloor: %s: no readable part %s\n", path, part);
		if (uf)
			unzClose(uf);
		return 1;
	}
	for (int k = 0; k < 2; k++)
		deflateInit2(&zr[k].z, zr[k].level, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY);
	int rc = deflate_part(uf, part, zr, 2);
	for (int k = 0; k < 2; k++)
		deflateEnd(&zr[k].z);
	unzCloseCurrentFile(uf);
	unzClose(uf);
	return rc;
}

int main(int argc, char **argv)
{
	if (argc >= 3 && argc <= 4 && strcmp(argv[1], "-z") == 0)
		return time_deflate(argv[2], argc == 4 ? argv[3] : "xl/worksheets/sheet1.xml");
	if (argc != 3 || argv[1][0] == '-') {
		fputs("usage: xlsxwfloor OUT.xlsx ROWS\n"
		      "       xlsxwfloor -z FILE.xlsx [PART]\n",
		      stderr);
		return 2;
	}
	long rows = atol(argv[2]);
	double wall = now(CLOCK_MONOTONIC), cpu = now(CLOCK_PROCESS_CPUTIME_ID);
	if (write_breaches(argv[1], rows))
		return 1;
	printf("xlsxwfloor: write: %ld rows, %.2f s wall, %.2f s CPU\n", rows,
	       now(CLOCK_MONOTONIC) - wall, now(CLOCK_PROCESS_CPUTIME_ID) - cpu);
	return 0;
}
