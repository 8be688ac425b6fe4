/*
 * test_xlsx.c - the XLSX reader: hand-built workbooks from
 * tests/data/xlsx/cases (zipped here with minizip), a workbook written by
 * libxlsxwriter in the test, one written by LibreOffice, and every error
 * message (not a zip, OLE, HTML, truncated, damaged, zip bomb ...).
 */
#define _XOPEN_SOURCE 700
#include <dirent.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <xlsxwriter.h>
#include <zip.h>

#include "ingest/xlsx.h"
#include "ingest/xlsx_numfmt.h"
#include "tests/test.h"

#define DATA "tests/data/xlsx"

static char tmpdir[] = "/tmp/nk-test-xlsx-XXXXXX";

static char *tmp_path(const char *name)
{
	struct strbuf sb = STRBUF_INIT;
	strbuf_addf(&sb, "%s/%s", tmpdir, name);
	return strbuf_detach(&sb, NULL);
}

static int slurp(const char *path, struct strbuf *out)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return -1;
	char buf[8192];
	size_t n;
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		strbuf_add(out, buf, n);
	fclose(f);
	return 0;
}

static void spit(const char *path, const void *data, size_t len)
{
	FILE *f = fopen(path, "wb");
	if (!f || fwrite(data, 1, len, f) != len || fclose(f)) {
		perror(path);
		exit(1);
	}
}

/* --- rows as text, in the form of xlsxdump -n -e --- */

static void put_field(struct strbuf *out, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		switch (s[i]) {
		case '\\': strbuf_addstr(out, "\\\\"); break;
		case '\t': strbuf_addstr(out, "\\t"); break;
		case '\n': strbuf_addstr(out, "\\n"); break;
		case '\r': strbuf_addstr(out, "\\r"); break;
		default: strbuf_addch(out, s[i]);
		}
	}
}

static void dump(struct xlsx_reader *r, struct strbuf *out)
{
	struct row row;
	int st;
	while ((st = xlsx_next(r, &row)) == ROW_OK) {
		strbuf_addf(out, "%ld", row.number);
		for (size_t i = 0; i < row.nfields; i++) {
			strbuf_addch(out, '\t');
			CHECK_INT(strlen(row.field[i]), row.len[i]);
			put_field(out, row.field[i], row.len[i]);
		}
		strbuf_addch(out, '\n');
		if (row.problem)
			strbuf_addf(out, "problem %d: %s\n", row.problem_col, row.problem);
	}
	if (st == ROW_ERROR)
		strbuf_addf(out, "error: %s\n", xlsx_error(r));
	else
		strbuf_addf(out, "empty rows: %ld\n", xlsx_empty_rows(r));
}

/* Open and dump; an open error is dumped as "error: ..." too. */
static void read_all(struct xlsx_reader *r, const struct strbuf *err, struct strbuf *out)
{
	if (!r) {
		strbuf_addf(out, "error: %s\n", err->buf);
		return;
	}
	dump(r, out);
	xlsx_close(r);
}

static void check_text(const char *what, const char *got, const char *want)
{
	CHECK_MSG(strcmp(got, want) == 0, "%s:\n--- got\n%s--- expected\n%s", what, got, want);
}

/* --- hand-built workbooks: base/ + cases/LIKE/ + cases/NAME/ zipped --- */

struct member {
	char name[256];
	char path[512];
};
static struct member members[64];
static int nmembers;
static const char *layer_root;

static int is_control(const char *rel)
{
	static const char *names[] = {"expect", "DROP", "like", "sheet"};
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strcmp(rel, names[i]) == 0)
			return 1;
	return 0;
}

static int add_member(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
	if (type != FTW_F)
		return 0;
	const char *rel = path + strlen(layer_root) + 1;
	if (is_control(rel))
		return 0;
	int i = 0;
	while (i < nmembers && strcmp(members[i].name, rel) != 0)
		i++;
	if (i == nmembers && nmembers < 64)
		nmembers++;
	xsnprintf(members[i].name, sizeof(members[i].name), "%s", rel);
	xsnprintf(members[i].path, sizeof(members[i].path), "%s", path);
	return 0;
}

static void add_layer(const char *dir)
{
	layer_root = dir;
	nftw(dir, add_member, 8, FTW_PHYS);
}

static void drop_members(const char *dropfile)
{
	struct strbuf sb = STRBUF_INIT;
	if (slurp(dropfile, &sb) < 0)
		return;
	for (char *line = sb.buf, *nl; *line; line = nl + 1) {
		nl = strchr(line, '\n');
		if (!nl)
			break;
		*nl = 0;
		for (int i = 0; i < nmembers; i++)
			if (strcmp(line, "*") == 0 || strcmp(members[i].name, line) == 0)
				members[i--] = members[--nmembers];
	}
	strbuf_release(&sb);
}

/* Zip the members into path with minizip, deflated like Excel does. */
static void write_zip(const char *path)
{
	zipFile zf = zipOpen(path, APPEND_STATUS_CREATE);
	for (int i = 0; i < nmembers; i++) {
		struct strbuf data = STRBUF_INIT;
		slurp(members[i].path, &data);
		zipOpenNewFileInZip(zf, members[i].name, NULL, NULL, 0, NULL, 0, NULL, Z_DEFLATED,
				    Z_DEFAULT_COMPRESSION);
		zipWriteInFileInZip(zf, data.buf, (unsigned)data.len);
		zipCloseFileInZip(zf);
		strbuf_release(&data);
	}
	zipClose(zf, NULL);
}

static void build_case(const char *name, const char *out)
{
	struct strbuf dir = STRBUF_INIT, like = STRBUF_INIT;
	nmembers = 0;
	add_layer(DATA "/base");
	strbuf_addf(&dir, DATA "/cases/%s/like", name);
	if (slurp(dir.buf, &like) == 0) {
		strbuf_trim(&like);
		strbuf_reset(&dir);
		strbuf_addf(&dir, DATA "/cases/%s", like.buf);
		add_layer(dir.buf);
	}
	strbuf_reset(&dir);
	strbuf_addf(&dir, DATA "/cases/%s/DROP", name);
	drop_members(dir.buf);
	strbuf_setlen(&dir, dir.len - 5);
	add_layer(dir.buf);
	write_zip(out);
	strbuf_release(&dir);
	strbuf_release(&like);
}

static void run_case(const char *name)
{
	struct strbuf path = STRBUF_INIT, zip = STRBUF_INIT, want = STRBUF_INIT;
	struct strbuf sheet = STRBUF_INIT, got = STRBUF_INIT, err = STRBUF_INIT;
	struct strbuf zname = STRBUF_INIT;
	strbuf_addf(&zname, "%s.xlsx", name);
	char *out = tmp_path(zname.buf);
	build_case(name, out);
	CHECK(slurp(out, &zip) == 0);
	strbuf_addf(&path, DATA "/cases/%s/expect", name);
	CHECK(slurp(path.buf, &want) == 0);
	strbuf_reset(&path);
	strbuf_addf(&path, DATA "/cases/%s/sheet", name);
	struct xlsx_options opt = {0};
	if (slurp(path.buf, &sheet) == 0) {
		strbuf_trim(&sheet);
		opt.sheet = sheet.buf;
	}
	/* From memory, so messages name the case, not the temp file. */
	read_all(xlsx_open_mem(zip.buf, zip.len, zname.buf, &opt, &err), &err, &got);
	check_text(name, got.buf, want.buf);
	free(out);
	strbuf_release(&path), strbuf_release(&zip), strbuf_release(&want);
	strbuf_release(&sheet), strbuf_release(&got), strbuf_release(&err);
	strbuf_release(&zname);
}

static int by_name(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

static void test_cases(void)
{
	struct dirent **list;
	int n = scandir(DATA "/cases", &list, NULL, by_name), ran = 0;
	CHECK(n > 0);
	for (int i = 0; i < n; i++) {
		if (list[i]->d_name[0] != '.') {
			run_case(list[i]->d_name);
			ran++;
		}
		free(list[i]);
	}
	free(list);
	CHECK(ran >= 20);
}

/* --- number formats and number text --- */

static void test_numfmt(void)
{
	static const struct {
		const char *code;
		enum xnf_kind kind;
	} fmts[] = {
		{"dd-mm-yyyy", XNF_DATE},
		{"dd\\-mm\\-yyyy", XNF_DATE},
		{"d/m/yy", XNF_DATE},
		{"mmm-yy", XNF_DATE},
		{"[$-F800]dddd, mmmm dd, yyyy", XNF_DATE},
		{"yyyy-mm-dd hh:mm:ss", XNF_DATETIME},
		{"dd/mm/yyyy h:mm AM/PM", XNF_DATETIME},
		{"h:mm AM/PM", XNF_TIME},
		{"mm:ss", XNF_TIME},
		{"[h]:mm:ss", XNF_ELAPSED},
		{"[mm]:ss", XNF_ELAPSED},
		{"General", XNF_NUMBER},
		{"0.00", XNF_NUMBER},
		{"#,##0.00 \"days\"", XNF_NUMBER},
		{"[Red]0.00", XNF_NUMBER},
		{"0\\d", XNF_NUMBER},
		{"0.00_);(0.00)", XNF_NUMBER},
		{"0.00E+00", XNF_NUMBER},
		{"@", XNF_NUMBER},
		{"0;[Red]dd-mm-yyyy", XNF_NUMBER},
	};
	for (size_t i = 0; i < sizeof(fmts) / sizeof(fmts[0]); i++)
		CHECK_MSG(xnf_classify(fmts[i].code) == fmts[i].kind,
			  "xnf_classify(\"%s\") = %d, expected %d", fmts[i].code,
			  xnf_classify(fmts[i].code), fmts[i].kind);
	CHECK_INT(xnf_builtin(14), XNF_DATE);
	CHECK_INT(xnf_builtin(22), XNF_DATETIME);
	CHECK_INT(xnf_builtin(20), XNF_TIME);
	CHECK_INT(xnf_builtin(46), XNF_ELAPSED);
	CHECK_INT(xnf_builtin(2), XNF_NUMBER);
	CHECK_INT(xnf_builtin(49), XNF_NUMBER);

	static const struct {
		double v;
		const char *text;
	} nums[] = {
		{9876543210.0, "9876543210"},
		{0.1, "0.1"},
		{-2.5, "-2.5"},
		{1e20, "100000000000000000000"},
		{1e21, "1E+21"},
		{1.5e-7, "1.5E-7"},
		{0.000001, "0.000001"},
		{100, "100"},
		{0.1 + 0.2, "0.30000000000000004"},
		{45292.75, "45292.75"},
		{-0.0, "0"},
		{123456789.125, "123456789.125"},
	};
	char buf[XNF_BUFSZ];
	for (size_t i = 0; i < sizeof(nums) / sizeof(nums[0]); i++) {
		xnf_number(nums[i].v, buf);
		CHECK_STR(buf, nums[i].text);
	}
	double d;
	CHECK_INT(xnf_number_text("inf", 3, buf, &d), 0);
	CHECK_INT(xnf_number_text("0x10", 4, buf, &d), 0);
	CHECK_INT(xnf_number_text("", 0, buf, &d), 0);
	CHECK_INT(xnf_number_text(" 12 ", 4, buf, &d), 2);
	CHECK_STR(buf, "12");
	CHECK_INT(xnf_number_text(".5", 2, buf, &d), 3);
	CHECK_STR(buf, "0.5");
	CHECK_INT(xnf_serial(45292, 0, XNF_DATE, buf), 10);
	CHECK_STR(buf, "2024-01-01");
	/* 0.1 s short of midnight rounds to the next day, not to 24:00:00. */
	xnf_serial(45292 + (86399.9 / 86400), 0, XNF_DATETIME, buf);
	CHECK_STR(buf, "2024-01-02 00:00:00");
	xnf_serial(1.5, 0, XNF_DATETIME, buf);
	CHECK_STR(buf, "1900-01-01 12:00:00");
	xnf_serial(2958465 + 86399.0 / 86400, 0, XNF_DATETIME, buf);
	CHECK_STR(buf, "9999-12-31 23:59:59");
	xnf_serial(0, 1, XNF_DATE, buf);
	CHECK_STR(buf, "1904-01-01");
}

/*
 * Plain decimals skip strtod (a fast path); the value must still be
 * strtod's to the last bit, and the text kept as written. Ones with more
 * than 15 digits, or past 22 decimals, go through strtod.
 */
static void test_number_fast_path(void)
{
	static const char *const plain[] = {
		"0",
		"7",
		"-7",
		"62.5",
		"0.1",
		"0.3",
		"-0.007",
		"9876543210",
		"123456789012345",
		"0.123456789012345",
		"45292.75",
		"0.0000000000000000000001",
		"999999999999999",
		"1.7976931348",
	};
	char buf[XNF_BUFSZ];
	double d;
	for (size_t i = 0; i < sizeof(plain) / sizeof(plain[0]); i++) {
		size_t n = strlen(plain[i]);
		CHECK_INT(xnf_number_text(plain[i], n, buf, &d), n);
		CHECK_STR(buf, plain[i]);
		CHECK_MSG(d == strtod(plain[i], NULL), "value of %s", plain[i]);
	}
	/* Every 1..4-decimal value of a sweep, bit for bit against strtod. */
	int bad = 0;
	for (long m = 1; m < 2000000; m += 997) {
		for (int k = 0; k <= 4; k++) {
			char t[40];
			snprintf(t, sizeof(t), "%ld", m);
			size_t n = strlen(t);
			if (k && (size_t)k < n && t[n - 1] != '0') {
				memmove(t + n - k + 1, t + n - k, (size_t)k + 1);
				t[n - k] = '.';
				n++;
			}
			if (xnf_number_text(t, n, buf, &d) != n || d != strtod(t, NULL) ||
			    strcmp(buf, t) != 0)
				bad++;
		}
	}
	CHECK_INT(bad, 0);
	CHECK_INT(xnf_number_text("1234567890123456", 16, buf, &d), 16);
	CHECK(d == 1234567890123456.0);
	CHECK_INT(xnf_number_text("0.10", 4, buf, &d), 3);
	CHECK_STR(buf, "0.1");
	/* 23 decimals: strtod's value, the text as written. */
	CHECK_INT(xnf_number_text("0.00000000000000000000001", 25, buf, &d), 25);
	CHECK(d == strtod("1e-23", NULL));
}

/* --- a workbook written by libxlsxwriter --- */

static void write_lxw(const char *path)
{
	lxw_workbook *wb = workbook_new(path);
	lxw_worksheet *ws = workbook_add_worksheet(wb, "शिकायतें");
	lxw_worksheet *rv = workbook_add_worksheet(wb, "review");
	lxw_format *date = workbook_add_format(wb);
	format_set_num_format(date, "dd/mm/yyyy");
	lxw_format *dt = workbook_add_format(wb);
	format_set_num_format(dt, "dd-mm-yyyy hh:mm");
	const char *head[] = {"Complaint No", "नाम",   "Mobile", "Date",
			      "Closed",       "Total", "Note",   "Amount"};
	for (int c = 0; c < 8; c++)
		worksheet_write_string(ws, 0, (lxw_col_t)c, head[c], NULL);
	lxw_datetime d1 = {2024, 3, 5, 0, 0, 0}, d2 = {2024, 12, 31, 14, 30, 0};
	worksheet_write_string(ws, 1, 0, "CMH-1", NULL);
	worksheet_write_string(ws, 1, 1, "रामलाल शर्मा", NULL);
	worksheet_write_number(ws, 1, 2, 9876543210.0, NULL);
	worksheet_write_datetime(ws, 1, 3, &d1, date);
	worksheet_write_boolean(ws, 1, 4, 1, NULL);
	worksheet_write_formula_num(ws, 1, 5, "=2+3", NULL, 5);
	worksheet_write_string(ws, 1, 6, "line1\r\nline2", NULL);
	worksheet_write_number(ws, 1, 7, 1250.75, NULL);
	/* row 3 (index 2) left empty; row 4 sparse */
	worksheet_write_string(ws, 3, 0, "CMH-2", NULL);
	worksheet_write_number(ws, 3, 2, 9425012345.0, NULL);
	worksheet_write_datetime(ws, 3, 3, &d2, dt);
	worksheet_write_boolean(ws, 3, 4, 0, NULL);
	worksheet_write_formula_str(ws, 3, 5, "=\"a\"&\"b\"", NULL, "ab");
	worksheet_write_number(ws, 3, 7, -0.5, NULL);
	worksheet_write_string(rv, 0, 0, "decision", NULL);
	worksheet_hide(rv);
	CHECK_INT(workbook_close(wb), LXW_NO_ERROR);
}

static void test_libxlsxwriter(void)
{
	char *path = tmp_path("lxw.xlsx");
	write_lxw(path);
	struct strbuf err = STRBUF_INIT, got = STRBUF_INIT;
	struct xlsx_reader *r = xlsx_open(path, NULL, &err);
	CHECK(r != NULL);
	if (r) {
		CHECK_INT(xlsx_sheet_count(r), 2);
		CHECK_STR(xlsx_sheet_name(r, 0), "शिकायतें");
		CHECK_STR(xlsx_sheet_name(r, 1), "review");
		CHECK(xlsx_sheet_name(r, 2) == NULL);
		CHECK_INT(xlsx_sheet_hidden(r, 0), 0);
		CHECK_INT(xlsx_sheet_hidden(r, 1), 1);
		CHECK_INT(xlsx_sheet_current(r), 0);
		CHECK_INT(xlsx_date1904(r), 0);
	}
	read_all(r, &err, &got);
	check_text("libxlsxwriter", got.buf,
		   "1\tComplaint No\tनाम\tMobile\tDate\tClosed\tTotal\tNote\t"
		   "Amount\n"
		   "2\tCMH-1\tरामलाल शर्मा\t9876543210\t2024-03-05\tTRUE\t5\t"
		   "line1\\r\\nline2\t1250.75\n"
		   "4\tCMH-2\t\t9425012345\t2024-12-31 14:30:00\tFALSE\tab\t\t"
		   "-0.5\n"
		   "empty rows: 1\n");
	/* The review import finds a hidden sheet by name. */
	struct xlsx_options opt = {.sheet = "review"};
	strbuf_reset(&got);
	read_all(xlsx_open(path, &opt, &err), &err, &got);
	check_text("hidden sheet", got.buf, "1\tdecision\nempty rows: 0\n");
	free(path);
	strbuf_release(&err);
	strbuf_release(&got);
}

static void test_libreoffice(void)
{
	struct strbuf err = STRBUF_INIT, got = STRBUF_INIT, want = STRBUF_INIT;
	CHECK(slurp(DATA "/libreoffice.expect", &want) == 0);
	read_all(xlsx_open(DATA "/libreoffice.xlsx", NULL, &err), &err, &got);
	check_text("LibreOffice", got.buf, want.buf);
	strbuf_release(&err);
	strbuf_release(&got);
	strbuf_release(&want);
}

/* --- errors --- */

/* Write data as fname, open it, and expect "PATH: " + want (or, when
 * contains, a message containing want). */
static void expect_error(const char *fname, const void *data, size_t len,
			 const struct xlsx_options *opt, const char *want, int contains)
{
	char *path = tmp_path(fname);
	struct strbuf err = STRBUF_INIT, full = STRBUF_INIT;
	if (data)
		spit(path, data, len);
	struct xlsx_reader *r = xlsx_open(path, opt, &err);
	CHECK_MSG(r == NULL, "%s: opened, expected an error", fname);
	xlsx_close(r);
	strbuf_addf(&full, "%s: %s", path, want);
	if (contains)
		CHECK_MSG(strstr(err.buf, want) != NULL, "%s:\n got      %s\n expected %s", fname,
			  err.buf, want);
	else
		check_text(fname, err.buf, full.buf);
	free(path);
	strbuf_release(&err);
	strbuf_release(&full);
}

static void test_not_a_zip(void)
{
	unsigned char ole[4096] = {0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1};
	const char *names[] = {"EncryptionInfo", "Workbook", "WordDocument"};
	const char *want[] = {"this is an encrypted (password-protected) workbook; open it in "
			      "Excel, remove the password and save it again as .xlsx",
			      "this is a legacy Excel 97-2003 workbook (.xls), not .xlsx; open "
			      "it in Excel and save it as .xlsx or CSV",
			      "this is an old-style Office (OLE) file, not an Excel workbook; "
			      "save it as .xlsx or CSV"};
	for (int i = 0; i < 3; i++) {
		memset(ole + 8, 0, sizeof(ole) - 8);
		/* a directory entry name, UTF-16LE, in the second sector */
		for (size_t k = 0; names[i][k]; k++)
			ole[1024 + 2 * k] = (unsigned char)names[i][k];
		expect_error("ole.xls", ole, sizeof(ole), NULL, want[i], 0);
	}
	const char *html = "\xEF\xBB\xBF\r\n  <HTML><body><table><tr><td>1</td>"
			   "</tr></table></body></html>";
	const char *html_msg = "this is an HTML table saved with an Excel name, "
			       "not a real workbook; open it in Excel and save "
			       "it as .xlsx or CSV";
	expect_error("report.xls", html, strlen(html), NULL, html_msg, 0);
	const char *meta = "<meta charset=utf-8><table><tr><td>1</td></tr>";
	expect_error("meta.xls", meta, strlen(meta), NULL, html_msg, 0);
	const char *x2003 = "<?xml version=\"1.0\"?>\n<?mso-application progid="
			    "\"Excel.Sheet\"?>\n<Workbook xmlns=\"urn:schemas-"
			    "microsoft-com:office:spreadsheet\"></Workbook>";
	expect_error("x2003.xls", x2003, strlen(x2003), NULL,
		     "this is an Excel 2003 XML spreadsheet, not .xlsx; open "
		     "it in Excel and save it as .xlsx or CSV",
		     0);
	const char *csv = "Complaint No,Name\n1,राम\n";
	expect_error("csv.xlsx", csv, strlen(csv), NULL,
		     "not an Excel workbook: expected a zip file (.xlsx), found "
		     "plain text (is it a CSV file?)",
		     0);
	expect_error("gz.xlsx", "\x1f\x8b\x08\x00\x00\x00", 6, NULL,
		     "not an Excel workbook: expected a zip file (.xlsx, "
		     "starting with \"PK\"), found bytes 1f 8b 08 00",
		     0);
	expect_error("empty.xlsx", "", 0, NULL,
		     "the file is empty (0 bytes); expected an Excel workbook "
		     "(.xlsx)",
		     0);
	expect_error("absent.xlsx", NULL, 0, NULL, "cannot open: No such file or directory", 0);
}

static void test_truncated(void)
{
	struct strbuf zip = STRBUF_INIT;
	char *path = tmp_path("lxw.xlsx");
	CHECK(slurp(path, &zip) == 0 && zip.len > 1000);
	const char *want = "the zip file is truncated or damaged (its directory "
			   "at the end is missing or unreadable); copy or "
			   "download it again";
	expect_error("half.xlsx", zip.buf, zip.len / 2, NULL, want, 0);
	expect_error("short.xlsx", zip.buf, zip.len - 10, NULL, want, 0);
	expect_error("head.xlsx", zip.buf, 4, NULL, want, 0);
	free(path);
	strbuf_release(&zip);
}

/* The zip of base/ with sheet1.xml = data, compressed by method. */
static void zip_with_sheet(const char *path, const char *data, size_t len, int method)
{
	nmembers = 0;
	add_layer(DATA "/base");
	zipFile zf = zipOpen(path, APPEND_STATUS_CREATE);
	for (int i = 0; i <= nmembers; i++) {
		struct strbuf sb = STRBUF_INIT;
		const char *name = "xl/worksheets/sheet1.xml";
		if (i < nmembers) {
			slurp(members[i].path, &sb);
			name = members[i].name;
		} else {
			strbuf_add(&sb, data, len);
		}
		zipOpenNewFileInZip(zf, name, NULL, NULL, 0, NULL, 0, NULL, method,
				    Z_DEFAULT_COMPRESSION);
		zipWriteInFileInZip(zf, sb.buf, (unsigned)sb.len);
		zipCloseFileInZip(zf);
		strbuf_release(&sb);
	}
	zipClose(zf, NULL);
}

static const char SHEET_HEAD[] =
	"<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/"
	"2006/main\"><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is>"
	"<t>Complaint No</t></is></c></row>";
static const char SHEET_TAIL[] = "</sheetData></worksheet>";

/* Offset of the data of member name in the zip bytes. */
static size_t member_data(const struct strbuf *zip, const char *name)
{
	size_t n = strlen(name);
	for (size_t i = 0; i + 30 + n <= zip->len; i++) {
		const unsigned char *p = (const unsigned char *)zip->buf + i;
		if (memcmp(p, "PK\3\4", 4) == 0 && (size_t)(p[26] + 256 * p[27]) == n &&
		    memcmp(p + 30, name, n) == 0)
			return i + 30 + n + p[28] + 256 * (size_t)p[29];
	}
	return 0;
}

static void test_damaged(void)
{
	struct strbuf sheet = STRBUF_INIT, zip = STRBUF_INIT, got = STRBUF_INIT;
	struct strbuf err = STRBUF_INIT;
	strbuf_addf(&sheet, "%s%s", SHEET_HEAD, SHEET_TAIL);
	char *path = tmp_path("damaged.xlsx");

	/* Stored, one byte changed: only the checksum can tell. */
	zip_with_sheet(path, sheet.buf, sheet.len, 0);
	slurp(path, &zip);
	size_t at = member_data(&zip, "xl/worksheets/sheet1.xml");
	char *hit = memmem(zip.buf + at, zip.len - at, "Complaint No", 12);
	CHECK(at > 0 && hit);
	if (hit)
		hit[11] = 'x'; /* "Complaint Nx" */
	read_all(xlsx_open_mem(zip.buf, zip.len, "crc.xlsx", NULL, &err), &err, &got);
	check_text("checksum", got.buf,
		   "1\tComplaint Nx\nerror: crc.xlsx: part "
		   "xl/worksheets/sheet1.xml of the zip is damaged (its "
		   "checksum does not match); copy or download the file "
		   "again\n");

	/* Deflated, first block header made invalid (block type 3). */
	zip_with_sheet(path, sheet.buf, sheet.len, Z_DEFLATED);
	strbuf_reset(&zip);
	slurp(path, &zip);
	at = member_data(&zip, "xl/worksheets/sheet1.xml");
	zip.buf[at] = (char)0xFF;
	strbuf_reset(&got);
	read_all(xlsx_open_mem(zip.buf, zip.len, "inflate.xlsx", NULL, &err), &err, &got);
	check_text("inflate", got.buf,
		   "error: inflate.xlsx: part xl/worksheets/sheet1.xml of the "
		   "zip is damaged (it cannot be unpacked, error -3); copy or "
		   "download the file again\n");
	free(path);
	strbuf_release(&sheet), strbuf_release(&zip), strbuf_release(&got);
	strbuf_release(&err);
}

static void test_zip_bomb(void)
{
	/* 3 MiB of white space inside a valid sheet: deflates ~1000 times. */
	struct strbuf sheet = STRBUF_INIT;
	strbuf_addstr(&sheet, SHEET_HEAD);
	for (int i = 0; i < 3 * 1024; i++)
		strbuf_addf(&sheet, "%1024s", "");
	strbuf_addstr(&sheet, SHEET_TAIL);
	char *path = tmp_path("bomb.xlsx");
	zip_with_sheet(path, sheet.buf, sheet.len, Z_DEFLATED);
	struct strbuf zip = STRBUF_INIT;
	slurp(path, &zip);
	struct xlsx_options small = {.max_uncompressed = 1 << 20};
	expect_error("bomb.xlsx", zip.buf, zip.len, &small,
		     "part xl/worksheets/sheet1.xml unpacks to more than the "
		     "limit of 1048576 bytes (",
		     1);
	expect_error("bomb.xlsx", zip.buf, zip.len, NULL,
		     "more than 500 times its size; refusing it as a possible "
		     "zip bomb",
		     1);
	/* With a generous ratio the same file reads. */
	struct xlsx_options lax = {.max_ratio = 100000};
	struct strbuf err = STRBUF_INIT, got = STRBUF_INIT;
	read_all(xlsx_open(path, &lax, &err), &err, &got);
	check_text("lax bomb", got.buf, "1\tComplaint No\nempty rows: 0\n");
	free(path);
	strbuf_release(&sheet), strbuf_release(&zip);
	strbuf_release(&err), strbuf_release(&got);
}

static int rm_entry(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
	return remove(path);
}

int main(void)
{
	if (!mkdtemp(tmpdir)) {
		perror("mkdtemp");
		return 1;
	}
	test_numfmt();
	test_number_fast_path();
	test_cases();
	test_libxlsxwriter();
	test_libreoffice();
	test_not_a_zip();
	test_truncated();
	test_damaged();
	test_zip_bomb();
	nftw(tmpdir, rm_entry, 8, FTW_DEPTH | FTW_PHYS);
	TEST_DONE();
}
