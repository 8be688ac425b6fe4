/*
 * csv2xlsx - writes a CSV export as an .xlsx the way a portal's Excel export
 * looks: dates as real Excel dates with a dd-mm-yyyy format, 10-digit mobiles
 * as numbers, everything else as text. Used to prove that the same complaints
 * ingest identically from CSV and XLSX.
 *
 *   csv2xlsx IN.csv OUT.xlsx
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

#include "engine/date.h"
#include "ingest/csv.h"

static int is_date_header(const char *h)
{
	return strstr(h, "Date") || strstr(h, "दिनांक") || strstr(h, "Since") ||
	       strstr(h, "Closed On");
}

static int is_mobile_header(const char *h)
{
	return strstr(h, "Mobile") || strstr(h, "मोबाइल");
}

static int all_digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return n > 0;
}

int main(int argc, char **argv)
{
	struct strbuf err = STRBUF_INIT;
	struct row row;
	if (argc != 3) {
		fprintf(stderr, "usage: csv2xlsx IN.csv OUT.xlsx\n");
		return 2;
	}
	struct csv_reader *r = csv_open(argv[1], &err);
	if (!r) {
		fprintf(stderr, "csv2xlsx: %s\n", err.buf);
		return 1;
	}
	lxw_workbook *wb = workbook_new(argv[2]);
	lxw_worksheet *ws = workbook_add_worksheet(wb, "Complaints");
	lxw_format *datefmt = workbook_add_format(wb);
	format_set_num_format(datefmt, "dd-mm-yyyy");
	lxw_format *timefmt = workbook_add_format(wb);
	format_set_num_format(timefmt, "dd-mm-yyyy hh:mm:ss");
	int date_col[256] = {0}, mobile_col[256] = {0};
	lxw_row_t y = 0;
	while (csv_next(r, &row) == ROW_OK) {
		for (size_t x = 0; x < row.nfields && x < 256; x++) {
			const char *v = row.field[x];
			struct datetime dt;
			if (y == 0) {
				date_col[x] = is_date_header(v);
				mobile_col[x] = is_mobile_header(v);
			} else if (date_col[x] && !date_parse(v, row.len[x], &dt, NULL)) {
				int yy, mm, dd;
				date_to_ymd(dt.day, &yy, &mm, &dd);
				lxw_datetime d = {yy,
						  mm,
						  dd,
						  dt.seconds / 3600,
						  dt.seconds / 60 % 60,
						  dt.seconds % 60};
				worksheet_write_datetime(ws, y, (lxw_col_t)x, &d,
							 dt.has_time ? timefmt : datefmt);
				continue;
			} else if (mobile_col[x] && row.len[x] == 10 && all_digits(v, row.len[x])) {
				worksheet_write_number(ws, y, (lxw_col_t)x, strtod(v, NULL), NULL);
				continue;
			}
			if (*v)
				worksheet_write_string(ws, y, (lxw_col_t)x, v, NULL);
		}
		y++;
	}
	csv_close(r);
	lxw_error e = workbook_close(wb);
	if (e) {
		fprintf(stderr, "csv2xlsx: %s\n", lxw_strerror(e));
		return 1;
	}
	return 0;
}
