/* test_report_book.c - reports/book.h: a workbook written, read back with
 * our XLSX reader and its XML, and the CSV twin compared byte for byte. */
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "engine/date.h"
#include "engine/labels.h"
#include "reports/book.h"
#include "reports/csvout.h"
#include "tests/test.h"
#include "tests/unit/test_report_util.h"

static char dir[] = "/tmp/nk-test-book.XXXXXX";

static const struct book_col cols[] = {
	{"complaint_id", "शिकायत क्रमांक", "Complaint No", BOOK_TEXT, 0, 0},
	{"reg_date", "दर्ज दिनांक", "Registration date", BOOK_DATE, 0, 0},
	{"days_overdue", "समय-सीमा से अधिक दिन", "Days overdue", BOOK_INT, 0, 0},
	{"rate", NULL, "Rate", BOOK_PCT, 0, 0},
	{"score", NULL, "Score", BOOK_NUM, 0, 0},
	{"link", NULL, "Link", BOOK_URL, 0, 0},
	{"description", "विवरण", "Description", BOOK_TEXT, BOOK_WRAP, 0},
};

static void path_in(struct strbuf *sb, const char *name)
{
	strbuf_reset(sb);
	strbuf_addf(sb, "%s/%s", dir, name);
}

static void test_basic(void)
{
	struct strbuf err = STRBUF_INIT, p = STRBUF_INIT, c = STRBUF_INIT;
	path_in(&p, "basic.xlsx");
	path_in(&c, "basic.csv");
	struct book *b = book_open(p.buf, &err);
	CHECK(b != NULL);
	struct book_sheet *s = book_sheet_new(b, "Breaches", cols, 7, c.buf);
	book_color_scale(s, 2);
	book_row(s);
	book_text(s, 0, "CMH-2026-0001");
	book_date(s, 1, "2026-11-28");
	book_int(s, 2, 12);
	book_num(s, 3, 0.25);
	book_num(s, 4, 3.5);
	book_url(s, 5, "https://wa.me/919826012345?text=%E0%A4%95", "संदेश 1");
	book_text(s, 6, "सड़क पर पानी, \"गड्ढे\"\nline two");
	book_row(s); /* a row with blanks and a bad date kept as text */
	book_text(s, 0, "CMH-2026-0002");
	book_date(s, 1, "2026-02-30");
	book_int(s, 2, -3);
	book_row(s);
	book_text(s, 0, "CMH-2026-0003");
	book_text(s, 6, "_x0041_ and _x00e9_ stay, _x12_ too");
	CHECK_INT(book_rows(s), 3);
	CHECK_INT(book_parts(s), 1);
	CHECK_INT(book_close(b, &err), NK_OK);
	CHECK_STR(err.buf, "");
	CHECK_INT(leftover_tmp_files(dir), 0);

	struct tab t = tab_read(p.buf, "Breaches");
	CHECK(t.error == NULL);
	CHECK_INT(t.nrows, 4);
	CHECK_STR(tab_at(&t, 0, 0), "शिकायत क्रमांक\nComplaint No");
	CHECK_STR(tab_at(&t, 0, 3), "Rate");
	CHECK_STR(tab_at(&t, 1, 0), "CMH-2026-0001");
	CHECK_STR(tab_at(&t, 1, 1), "2026-11-28");
	CHECK_STR(tab_at(&t, 1, 2), "12");
	CHECK_STR(tab_at(&t, 1, 3), "0.25");
	CHECK_STR(tab_at(&t, 1, 4), "3.5");
	CHECK_STR(tab_at(&t, 1, 5), "संदेश 1");
	CHECK_STR(tab_at(&t, 1, 6), "सड़क पर पानी, \"गड्ढे\"\nline two");
	CHECK_STR(tab_at(&t, 2, 1), "2026-02-30");
	CHECK_STR(tab_at(&t, 2, 2), "-3");
	CHECK_STR(tab_at(&t, 2, 3), "");
	CHECK_STR(tab_at(&t, 3, 0), "CMH-2026-0003");
	CHECK_STR(tab_at(&t, 3, 6), "_x0041_ and _x00e9_ stay, _x12_ too"); /* not "A", "é" */
	tab_free(&t);

	char *x = zip_part(p.buf, "xl/worksheets/sheet1.xml");
	CHECK(strstr(x, "state=\"frozen\"") != NULL);
	CHECK(strstr(x, "<autoFilter ref=\"A1:G4\"/>") != NULL);
	CHECK(!cell_has(x, "B2", "t=") && strstr(x, "<v>46354</v>")); /* a real date */
	CHECK(!cell_has(x, "C2", "t=") && strstr(x, "<v>12</v>"));    /* a number */
	CHECK(cell_has(x, "B3", "t=\"inlineStr\""));                  /* bad date: text */
	CHECK(strstr(x, "<colorScale>") && strstr(x, "sqref=\"C2:C4\""));
	CHECK(strstr(x, "<hyperlink ref=\"F2\"") != NULL);
	CHECK(strstr(x, "<col min=\"7\" max=\"7\"") != NULL);
	free(x);
	x = zip_part(p.buf, "xl/styles.xml");
	CHECK(strstr(x, "formatCode=\"dd-mm-yyyy\"") != NULL);
	free(x);

	char *csv = slurp(c.buf);
	CHECK_STR(csv, "complaint_id,reg_date,days_overdue,rate,score,link,description\n"
		       "CMH-2026-0001,2026-11-28,12,0.25,3.5,"
		       "https://wa.me/919826012345?text=%E0%A4%95,"
		       "\"सड़क पर पानी, \"\"गड्ढे\"\"\nline two\"\n"
		       "CMH-2026-0002,2026-02-30,-3,,,,\n"
		       "CMH-2026-0003,,,,,,\"_x0041_ and _x00e9_ stay, _x12_ too\"\n");
	free(csv);
	strbuf_release(&err);
	strbuf_release(&p);
	strbuf_release(&c);
}

/* Quotes doubled wherever they fall, and only fields that need it quoted. */
static void test_csv_quotes(void)
{
	struct strbuf err = STRBUF_INIT, c = STRBUF_INIT;
	path_in(&c, "quotes.csv");
	struct csvout *o = csvout_open(c.buf, &err);
	CHECK(o != NULL);
	static const char *const f[] = {"\"", "\"\"", "\"start", "end\"", "a\"\"b\"c",
					"plain", "", "two, \"q\"", "=1+2", " pad"};
	for (size_t i = 0; i < sizeof(f) / sizeof(f[0]); i++)
		csvout_field(o, f[i]);
	csvout_end_row(o);
	CHECK_INT(csvout_close(o, &err), NK_OK);
	char *csv = slurp(c.buf);
	CHECK_STR(csv, "\"\"\"\",\"\"\"\"\"\",\"\"\"start\",\"end\"\"\",\"a\"\"\"\"b\"\"c\","
		       "plain,,\"two, \"\"q\"\"\",'=1+2,\" pad\"\n");
	free(csv);
	strbuf_release(&err);
	strbuf_release(&c);
}

static void test_continuation(void)
{
	struct strbuf err = STRBUF_INIT, p = STRBUF_INIT, c = STRBUF_INIT;
	const char *longname = "Officer scorecard and breaches!"; /* 31 characters */
	path_in(&p, "cont.xlsx");
	path_in(&c, "cont.csv");
	struct book *b = book_open(p.buf, &err);
	book_set_max_rows(b, 4); /* header + 3 data rows a sheet */
	struct book_sheet *s = book_sheet_new(b, "Breaches", cols, 3, c.buf);
	struct book_sheet *l = book_sheet_new(b, longname, cols, 1, NULL);
	for (int i = 1; i <= 7; i++) {
		book_row(s);
		book_int(s, 2, i);
		book_row(l);
		book_int(l, 0, i);
	}
	CHECK_INT(book_parts(s), 3);
	CHECK_INT(book_rows(s), 7);
	CHECK_INT(book_close(b, &err), NK_OK);
	char *names = tab_sheets(p.buf);
	CHECK_STR(names,
		  "Breaches|Officer scorecard and breaches!|Breaches (2)|"
		  "Officer scorecard and breac (2)|Breaches (3)|Officer scorecard and breac (3)");
	free(names);
	const char *parts[] = {"Breaches", "Breaches (2)", "Breaches (3)"};
	int want_rows[] = {4, 4, 2}, first[] = {1, 4, 7};
	for (int i = 0; i < 3; i++) {
		struct tab t = tab_read(p.buf, parts[i]);
		CHECK_INT(t.nrows, want_rows[i]);
		CHECK_STR(tab_at(&t, 0, 2), "समय-सीमा से अधिक दिन\nDays overdue");
		char want[8];
		xsnprintf(want, sizeof(want), "%d", first[i]);
		CHECK_STR(tab_at(&t, 1, 2), want);
		tab_free(&t);
	}
	char *csv = slurp(c.buf);
	CHECK_STR(csv, "complaint_id,reg_date,days_overdue\n,,1\n,,2\n,,3\n,,4\n,,5\n,,6\n,,7\n");
	free(csv);
	strbuf_release(&err);
	strbuf_release(&p);
	strbuf_release(&c);
}

/* Counts UTF-16 units, as Excel counts a cell's length. */
static long units(const char *s)
{
	long n = 0;
	for (; *s; s++)
		if ((*s & 0xC0) != 0x80)
			n += ((unsigned char)*s >= 0xF0) ? 2 : 1;
	return n;
}

static void test_cut(void)
{
	struct strbuf err = STRBUF_INIT, p = STRBUF_INIT, c = STRBUF_INIT, big = STRBUF_INIT;
	for (int i = 0; i < 40000; i++)
		strbuf_addstr(&big, "क");
	strbuf_addstr(&big, "😀"); /* a character of two UTF-16 units */
	CHECK_INT(book_cut_at("abc", 3), 3);
	size_t cut = book_cut_at(big.buf, big.len);
	CHECK(cut % 3 == 0 && cut < big.len);
	path_in(&p, "cut.xlsx");
	path_in(&c, "cut.csv");
	struct book *b = book_open(p.buf, &err);
	struct book_sheet *s = book_sheet_new(b, "Long", cols + 6, 1, c.buf);
	book_row(s);
	book_text(s, 0, big.buf);
	CHECK_INT(book_close(b, &err), NK_OK);
	struct tab t = tab_read(p.buf, NULL);
	const char *v = tab_at(&t, 1, 0);
	size_t vl = strlen(v), ml = strlen(BOOK_CUT_MARKER);
	CHECK(vl > ml && !strcmp(v + vl - ml, BOOK_CUT_MARKER));
	CHECK_INT(units(v), BOOK_MAX_CHARS);
	CHECK(!strncmp(v, big.buf, vl - ml));
	tab_free(&t);
	char *csv = slurp(c.buf); /* the CSV keeps the whole text */
	CHECK(csv && strlen(csv) == strlen("description\n") + big.len + 1);
	free(csv);
	strbuf_release(&big);
	strbuf_release(&err);
	strbuf_release(&p);
	strbuf_release(&c);
}

static void test_protection(void)
{
	static const struct book_col rc[] = {
		{"proposal_id", NULL, "Proposal id", BOOK_INT, BOOK_HIDDEN, 0},
		{"complaint_id", "शिकायत क्रमांक", "Complaint No", BOOK_TEXT, 0, 0},
		{"decision", "निर्णय", "Decision", BOOK_TEXT, BOOK_UNLOCKED, 0},
	};
	static const char *const values[] = {"मर्ज करें / Merge", "मर्ज न करें / Not duplicate",
					     "संदेह / Unsure"};
	struct strbuf err = STRBUF_INIT, p = STRBUF_INIT;
	path_in(&p, "prot.xlsx");
	struct book *b = book_open(p.buf, &err);
	struct book_sheet *s = book_sheet_new(b, "Review", rc, 3, NULL);
	struct book_sheet *h = book_sheet_new(b, "meta", rc, 1, NULL);
	book_list_validation(s, 2, values, 3);
	book_protect(s);
	book_hide(h);
	book_row(s);
	book_int(s, 0, 77);
	book_text(s, 1, "CMH-1");
	book_blank(s, 2);
	book_row(h);
	book_int(h, 0, 1);
	CHECK_INT(book_close(b, &err), NK_OK);
	char *x = zip_part(p.buf, "xl/worksheets/sheet1.xml");
	CHECK(strstr(x, "<sheetProtection ") && !strstr(x, "password="));
	CHECK(strstr(x, "autoFilter=\"0\"") != NULL); /* filtering stays allowed */
	CHECK(strstr(x, "<dataValidation type=\"list\"") && strstr(x, "sqref=\"C2\""));
	CHECK(strstr(x, "मर्ज करें / Merge,मर्ज न करें / Not duplicate,संदेह / Unsure") != NULL);
	CHECK(strstr(x, "<col min=\"1\" max=\"1\"") && strstr(x, "hidden=\"1\""));
	free(x);
	x = zip_part(p.buf, "xl/styles.xml");
	CHECK(strstr(x, "<protection locked=\"0\"/>") != NULL);
	free(x);
	char *names = tab_sheets(p.buf);
	CHECK_STR(names, "Review|meta\thidden");
	free(names);
	struct tab t = tab_read(p.buf, "Review");
	CHECK_STR(tab_at(&t, 1, 0), "77"); /* hidden, but there */
	tab_free(&t);
	strbuf_release(&err);
	strbuf_release(&p);
}

static void test_errors(void)
{
	struct strbuf err = STRBUF_INIT, p = STRBUF_INIT;
	/* A failed write leaves the previous report whole. */
	path_in(&p, "keep.xlsx");
	struct book *b = book_open(p.buf, &err);
	struct book_sheet *s = book_sheet_new(b, "A", cols, 1, NULL);
	book_row(s);
	book_text(s, 0, "old");
	CHECK_INT(book_close(b, &err), NK_OK);
	b = book_open(p.buf, &err);
	book_sheet_new(b, "A", cols, 1, NULL);
	s = book_sheet_new(b, "a", cols, 1, NULL); /* Excel names ignore case */
	book_row(s);
	book_text(s, 0, "ignored after the error");
	CHECK_INT(book_close(b, &err), NK_EIO);
	CHECK(strstr(err.buf, "cannot add sheet 'a'") && strstr(err.buf, p.buf) &&
	      strstr(err.buf, "already in use"));
	struct tab t = tab_read(p.buf, NULL);
	CHECK_STR(tab_at(&t, 1, 0), "old");
	tab_free(&t);
	CHECK_INT(leftover_tmp_files(dir), 0);

	strbuf_reset(&err);
	path_in(&p, "no-such-folder/x.xlsx");
	b = book_open(p.buf, &err);
	s = book_sheet_new(b, "A", cols, 1, NULL);
	CHECK_INT(book_close(b, &err), NK_EIO);
	CHECK(strstr(err.buf, "cannot write ") && strstr(err.buf, p.buf));
	CHECK(access(p.buf, F_OK) != 0);

	strbuf_reset(&err);
	path_in(&p, "badname.xlsx");
	b = book_open(p.buf, &err);
	book_sheet_new(b, "Bad[name]", cols, 1, NULL);
	CHECK_INT(book_close(b, &err), NK_EIO);
	CHECK(strstr(err.buf, "'Bad[name]'") && strstr(err.buf, "invalid character"));
	CHECK(access(p.buf, F_OK) != 0);
	strbuf_release(&err);
	strbuf_release(&p);
}

/* A title row a callback writes, above the header. */
static void title(struct book_sheet *s, lxw_worksheet *ws, void *arg)
{
	book_put_text(book_of(s), ws, 0, 0, arg, BOOK_FMT_TITLE);
	book_put_formula(book_of(s), ws, 0, 1, "=1+1", 2, BOOK_FMT_INT);
}

/*
 * The cap: rows past it reach the CSV only, and a row under the last shown
 * says how many there are and where; a title row above the header; a
 * marked cell; wrapped rows as tall as their text; text not UTF-8 repaired;
 * the page setup of every sheet.
 */
static void test_cap_and_layout(void)
{
	struct strbuf err = STRBUF_INIT, p = STRBUF_INIT, c = STRBUF_INIT;
	path_in(&p, "cap.xlsx");
	path_in(&c, "sla-cap.csv");
	struct book *b = book_open(p.buf, &err);
	book_set_cap(b, 3);
	book_set_page(b, "सीहोर", "Sehore & Co", date_from_ymd(2026, 11, 27));
	struct book_sheet_opt opt = {1, title, "शीर्षक / Title", 2, 0};
	struct book_sheet *s = book_sheet_new_opt(b, "Breaches", cols, 7, c.buf, &opt);
	struct book_sheet *w = book_sheet_new(b, "All", cols, 1, NULL);
	book_uncapped(w);
	CHECK_INT(book_header_row(s), 1);
	for (int i = 1; i <= 5; i++) {
		char id[16];
		xsnprintf(id, sizeof(id), "C-%d", i);
		book_row(s);
		book_text(s, 0, id);
		if (i == 2)
			book_text_mark(s, 0, "C-2*");
		book_int(s, 2, i);
		book_text(s, 6,
			  i == 1   ? "एक बहुत लंबा विवरण जो एक पंक्ति में नहीं समाता और कई पंक्तियाँ "
				     "लेता है, सड़क पर पानी भरा है और कोई सुनवाई नहीं"
				     " हुई है, कृपया शीघ्र कार्यवाही करें"
			  : i == 3 ? "bad \xff byte"
				   : "short");
		book_row(w);
		book_int(w, 0, i);
	}
	CHECK_INT(book_rows(s), 5);
	CHECK_INT(book_shown(s), 3);
	CHECK_INT(book_shown(w), 5);
	CHECK_INT(book_close(b, &err), NK_OK);
	CHECK_STR(err.buf, "");
	struct tab t = tab_read(p.buf, "Breaches");
	CHECK(t.error == NULL);
	CHECK_INT(t.nrows, 6); /* title, header, 3 rows, the note */
	CHECK_STR(tab_at(&t, 0, 0), "शीर्षक / Title");
	CHECK_STR(tab_at(&t, 0, 1), "2");
	CHECK_STR(tab_at(&t, 1, 0), "शिकायत क्रमांक\nComplaint No");
	CHECK_STR(tab_at(&t, 2, 0), "C-1");
	CHECK_STR(tab_at(&t, 3, 0), "C-2*");
	CHECK_STR(tab_at(&t, 4, 6), "bad \xEF\xBF\xBD byte");
	CHECK(strstr(tab_at(&t, 5, 0), "the first 3 of 5 rows") != NULL);
	CHECK(strstr(tab_at(&t, 5, 0), "the full list: sla-cap.csv") != NULL);
	CHECK_INT(t.number[5], 7); /* a row below the last shown */
	tab_free(&t);
	t = tab_read(p.buf, "All");
	CHECK_INT(t.nrows, 6);
	tab_free(&t);
	char *csv = slurp(c.buf);
	CHECK(strstr(csv, "C-5,,5,") != NULL && strstr(csv, "C-4,,4,") != NULL);
	CHECK(strstr(csv, "bad \xEF\xBF\xBD byte") != NULL);
	free(csv);
	char *x = zip_part(p.buf, "xl/worksheets/sheet1.xml");
	CHECK(strstr(x, "<pane xSplit=\"2\" ySplit=\"2\" topLeftCell=\"C3\"") != NULL);
	CHECK(strstr(x, "<autoFilter ref=\"A2:G5\"/>") != NULL);
	CHECK(strstr(x,
		     "<pageSetup paperSize=\"9\" fitToHeight=\"0\" orientation=\"landscape\"/>"));
	CHECK(strstr(x, "<pageSetUpPr fitToPage=\"1\"/>") != NULL);
	CHECK(strstr(x, "&amp;Lसीहोर / Sehore &amp;&amp; Co&amp;Cरात / night 27-11-2026"
			"&amp;Rपृष्ठ / page &amp;P / &amp;N") != NULL);
	CHECK(strstr(x, "<f>1+1</f><v>2</v>") != NULL);
	/* the long description's row is taller than one line, the short ones are not */
	CHECK(strstr(x, "<row r=\"3\" ht=\"") != NULL);
	CHECK(strstr(x, "<row r=\"4\">") != NULL);
	CHECK(cell_has(x, "A4", "s=") && !strstr(x, "<c r=\"A4\" s=\"0\""));
	free(x);
	x = zip_part(p.buf, "xl/workbook.xml");
	CHECK(strstr(x, ">Breaches!$2:$2<") != NULL); /* the header printed on every page */
	free(x);
	x = zip_part(p.buf, "xl/styles.xml");
	CHECK(strstr(x, "rgb=\"FFFCE4D6\"") != NULL); /* the mark's colour */
	free(x);
	strbuf_release(&err);
	strbuf_release(&p);
	strbuf_release(&c);
}

/* The one table of labels: every code in both languages, also through SQL. */
static void test_labels(void)
{
	static const char *const sets[] = {"status", "violation", "source",   "dq",
					   "field",  "mobile",    "band",     "rule",
					   "scope",  "how",       "decision", "yes"};
	struct strbuf b = STRBUF_INIT;
	for (size_t i = 0; i < sizeof(sets) / sizeof(sets[0]); i++) {
		CHECK_MSG(label_code(sets[i], 0) != NULL, "set %s is empty", sets[i]);
		for (int k = 0; label_code(sets[i], k); k++) {
			const char *code = label_code(sets[i], k);
			const char *both = label_of(sets[i], code, LABEL_BOTH);
			CHECK_MSG(both != code && strstr(both, " / ") && strstr(both, "\xE0\xA4"),
				  "%s %s: [%s]", sets[i], code, both);
		}
	}
	CHECK_STR(label_of("status", "non_attended", LABEL_BOTH), "नॉन अटेंडेड / non-attended");
	CHECK_STR(label_of("status", "closed_satisfied", LABEL_EN), "closed with satisfaction");
	CHECK_STR(label_of("status", "no_such_code", LABEL_BOTH), "no_such_code");
	CHECK(label_of("status", NULL, LABEL_BOTH) == NULL);
	char lv[16];
	CHECK_STR(label_level(3, lv, sizeof(lv)), "L3");
	CHECK_STR(label_level(0, lv, sizeof(lv)), "");
	sqlite3 *db;
	sqlite3_stmt *st;
	CHECK(sqlite3_open(":memory:", &db) == SQLITE_OK && label_register(db) == SQLITE_OK);
	CHECK(sqlite3_prepare_v2(
		      db,
		      "SELECT nk_label('violation', 'oj_below_level'), nk_level(2),"
		      " nk_level(NULL), nk_label('mobile', 'damaged', 'hi'), nk_label('yes', 1)",
		      -1, &st, NULL) == SQLITE_OK);
	CHECK(sqlite3_step(st) == SQLITE_ROW);
	CHECK_STR((const char *)sqlite3_column_text(st, 0),
		  "निचले स्तर पर कार्यक्षेत्र से बाहर / out of jurisdiction below the allowed level");
	CHECK_STR((const char *)sqlite3_column_text(st, 1), "L2");
	CHECK(sqlite3_column_type(st, 2) == SQLITE_NULL);
	CHECK_STR((const char *)sqlite3_column_text(st, 3), "एक्सेल से ख़राब");
	CHECK_STR((const char *)sqlite3_column_text(st, 4), "हाँ / yes");
	sqlite3_finalize(st);
	sqlite3_close(db);
	strbuf_release(&b);
}

static void test_helpers(void)
{
	CHECK(book_excel_date("2026-11-28") == 46354.0);
	CHECK(book_excel_date("1900-03-01") == 61.0);
	CHECK(book_excel_date("2026-11-28 10:00:00") == 46354.0);
	CHECK(book_excel_date("2026-02-30") < 0);
	CHECK(book_excel_date("28-11-2026") < 0);
	CHECK(book_excel_date("kal") < 0);
	CHECK(book_excel_date(NULL) < 0);
	CHECK(book_excel_date("1900-02-28") < 0); /* before Excel's false 29 February */
	CHECK(book_excel_date("2026-11-2") < 0);  /* short: the NUL stops it */
	CHECK(book_excel_date("2026-11-2x") < 0);
	CHECK(book_excel_date("") < 0);
	CHECK(book_excel_date("9999-12-31") == 2958465.0);
	CHECK(book_text_width("abc", 3) == 3.0);
	CHECK(book_text_width("कि", strlen("कि")) == 2.0); /* letter + vowel sign beside */
	CHECK(book_text_width("कु", strlen("कु")) == 1.4);   /* vowel sign below: no room */
	CHECK(book_text_width("क्ष", strlen("क्ष")) == 2.8); /* the virama joins */
	char cut[8];
	xsnprintf(cut, sizeof(cut), "%s", "कमला"); /* 12 bytes into 8: never half a letter */
	CHECK_STR(cut, "कम");
	CHECK(utf8_valid(cut, strlen(cut)));
	xsnprintf(cut, sizeof(cut), "%s", "abcdefghij");
	CHECK_STR(cut, "abcdefg");
}

int main(void)
{
	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		return 1;
	}
	test_helpers();
	test_basic();
	test_csv_quotes();
	test_continuation();
	test_cap_and_layout();
	test_labels();
	test_cut();
	test_protection();
	test_errors();
	if (getenv("KEEP"))
		TEST_DONE();
	char cmd[128];
	xsnprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	if (system(cmd))
		fprintf(stderr, "could not remove %s\n", dir);
	TEST_DONE();
}
