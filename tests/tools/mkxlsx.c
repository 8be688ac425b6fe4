/*
 * mkxlsx - write a large complaints-like workbook for the XLSX reader's
 * benchmark: a header and ROWS data rows of 15 columns (strings in Hindi and
 * English, a mobile number stored as a number, a date with a date format),
 * with libxlsxwriter in constant-memory mode so writing it stays small too.
 *
 *   mkxlsx OUT.xlsx ROWS
 *
 * The data are deterministic (a fixed linear congruential sequence).
 */
#include <stdio.h>
#include <stdlib.h>
#include <xlsxwriter.h>

static const char *HEAD[15] = {
	"Complaint No", "Registration Date", "Complainant Name",
	"Father/Husband Name", "Mobile No", "District", "Tehsil",
	"Department", "Category", "Description", "Level", "Status",
	"Officer ID", "Days Pending", "Remarks"};
static const char *NAMES[] = {"रामलाल शर्मा", "Sita Devi", "मोहन सिंह",
			      "Abdul Karim", "सुनीता बाई", "Rajesh Kumar"};
static const char *DISTRICTS[] = {"भोपाल", "Indore", "जबलपुर", "Gwalior"};
static const char *DEPTS[] = {"राजस्व विभाग", "Urban Development",
			      "ऊर्जा विभाग", "Public Health Engineering"};
static const char *STATUS[] = {"Open", "Attended", "संतुष्टि के साथ बंद",
			       "Force Close"};

static unsigned long long seed = 181;
static unsigned pick(unsigned n)
{
	seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
	return (unsigned)(seed >> 33) % n;
}
#define PICK(a) a[pick(sizeof(a) / sizeof(a[0]))]

static void write_row(lxw_worksheet *ws, lxw_row_t r, lxw_format *date)
{
	char id[32], desc[160];
	snprintf(id, sizeof(id), "CMH-2024-%07u", (unsigned)r);
	snprintf(desc, sizeof(desc), "हैंडपंप खराब है, वार्ड %u में पानी नहीं "
		 "आ रहा / handpump broken in ward %u", pick(60), pick(60));
	worksheet_write_string(ws, r, 0, id, NULL);
	worksheet_write_number(ws, r, 1, 45292 + pick(400), date);
	worksheet_write_string(ws, r, 2, PICK(NAMES), NULL);
	worksheet_write_string(ws, r, 3, PICK(NAMES), NULL);
	worksheet_write_number(ws, r, 4, 9000000000.0 + pick(999999999), NULL);
	worksheet_write_string(ws, r, 5, PICK(DISTRICTS), NULL);
	worksheet_write_string(ws, r, 6, "हुजूर", NULL);
	worksheet_write_string(ws, r, 7, PICK(DEPTS), NULL);
	worksheet_write_string(ws, r, 8, "पेयजल / Drinking water", NULL);
	worksheet_write_string(ws, r, 9, desc, NULL);
	worksheet_write_string(ws, r, 10, pick(2) ? "L1" : "L2", NULL);
	worksheet_write_string(ws, r, 11, PICK(STATUS), NULL);
	worksheet_write_number(ws, r, 12, 10000 + pick(5000), NULL);
	worksheet_write_number(ws, r, 13, pick(90) + 0.5 * pick(2), NULL);
	worksheet_write_boolean(ws, r, 14, pick(2), NULL);
}

int main(int argc, char **argv)
{
	if (argc != 3) {
		fputs("usage: mkxlsx OUT.xlsx ROWS\n", stderr);
		return 2;
	}
	long rows = atol(argv[2]);
	lxw_workbook_options opt = {.constant_memory = LXW_TRUE,
				    .use_zip64 = LXW_TRUE};
	lxw_workbook *wb = workbook_new_opt(argv[1], &opt);
	if (!wb) {
		fprintf(stderr, "mkxlsx: cannot create %s\n", argv[1]);
		return 1;
	}
	lxw_worksheet *ws = workbook_add_worksheet(wb, "Complaints");
	lxw_format *date = workbook_add_format(wb);
	format_set_num_format(date, "dd-mm-yyyy");
	for (int c = 0; c < 15; c++)
		worksheet_write_string(ws, 0, (lxw_col_t)c, HEAD[c], NULL);
	for (long r = 1; r <= rows; r++)
		write_row(ws, (lxw_row_t)r, date);
	lxw_error e = workbook_close(wb);
	if (e != LXW_NO_ERROR) {
		fprintf(stderr, "mkxlsx: %s: %s\n", argv[1], lxw_strerror(e));
		return 1;
	}
	return 0;
}
