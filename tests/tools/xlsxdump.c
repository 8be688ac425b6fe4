/*
 * xlsxdump - print a sheet of a workbook, read through nirakaran's XLSX
 * reader, as tab-separated text: one line a row, fields separated by TAB,
 * with "\\", "\t", "\n" and "\r" escaped so every row stays on one line.
 * End-to-end tests use it to read back the workbooks the engine writes.
 *
 *   xlsxdump [-n] [-s SHEET] FILE.xlsx   print a sheet (default: the first)
 *   xlsxdump -l FILE.xlsx                list sheets, one a line
 *                                        ("name" or "name\thidden")
 *   -n  start each line with the sheet's row number and a TAB
 *   -e  after the rows, print "empty rows: N" (rows skipped as empty)
 *   -c  print only "rows: N" (N rows read) and "empty rows: N" (benchmarks)
 *
 * Exit status: 0 ok, 1 the file cannot be read (message on stderr), 2 usage.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "ingest/xlsx.h"

static void put_field(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		switch (s[i]) {
		case '\\': fputs("\\\\", stdout); break;
		case '\t': fputs("\\t", stdout); break;
		case '\n': fputs("\\n", stdout); break;
		case '\r': fputs("\\r", stdout); break;
		default: putchar(s[i]);
		}
	}
}

static int usage(void)
{
	fputs("usage: xlsxdump [-n] [-e] [-s SHEET] FILE.xlsx\n"
	      "       xlsxdump -l FILE.xlsx\n",
	      stderr);
	return 2;
}

static void list_sheets(const struct xlsx_reader *r)
{
	for (int i = 0; i < xlsx_sheet_count(r); i++)
		printf("%s%s\n", xlsx_sheet_name(r, i), xlsx_sheet_hidden(r, i) ? "\thidden" : "");
}

int main(int argc, char **argv)
{
	struct xlsx_options opt = {0};
	int numbers = 0, list = 0, empties = 0, count = 0, c;
	while ((c = getopt(argc, argv, "nlecs:h")) != -1) {
		switch (c) {
		case 'n': numbers = 1; break;
		case 'l': list = 1; break;
		case 'e': empties = 1; break;
		case 'c': count = empties = 1; break;
		case 's': opt.sheet = optarg; break;
		default: return usage();
		}
	}
	if (optind != argc - 1)
		return usage();
	struct strbuf err = STRBUF_INIT;
	struct xlsx_reader *r = xlsx_open(argv[optind], &opt, &err);
	if (!r) {
		fprintf(stderr, "xlsxdump: %s\n", err.buf);
		strbuf_release(&err);
		return 1;
	}
	if (list) {
		list_sheets(r);
		xlsx_close(r);
		return 0;
	}
	struct row row;
	long n = 0;
	int st;
	while ((st = xlsx_next(r, &row)) == ROW_OK) {
		if (count && ++n)
			continue;
		if (numbers)
			printf("%ld\t", row.number);
		for (size_t i = 0; i < row.nfields; i++) {
			if (i)
				putchar('\t');
			put_field(row.field[i], row.len[i]);
		}
		putchar('\n');
		if (row.problem)
			fprintf(stderr, "xlsxdump: row %ld: %s\n", row.number, row.problem);
	}
	if (st == ROW_ERROR)
		fprintf(stderr, "xlsxdump: %s\n", xlsx_error(r));
	if (count && st != ROW_ERROR)
		printf("rows: %ld\n", n);
	if (empties && st != ROW_ERROR)
		printf("empty rows: %ld\n", xlsx_empty_rows(r));
	xlsx_close(r);
	return st == ROW_ERROR ? 1 : 0;
}
