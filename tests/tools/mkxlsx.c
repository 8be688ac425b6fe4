/*
 * mkxlsx - write a large complaints-like workbook for the XLSX reader's
 * benchmark: a header and ROWS data rows of 15 columns (strings in Hindi and
 * English, a mobile number stored as a number, a date with a date format).
 *
 *   mkxlsx [-s] OUT.xlsx ROWS
 *
 * By default it writes with libxlsxwriter in constant-memory mode, which
 * puts every string inline in the sheet (<is><t>..</t></is>). With -s it
 * writes the workbook the way Excel saves one: every string once in
 * xl/sharedStrings.xml (in order of first use) and cells that refer to it
 * by index, rows with spans; the sheet's XML is then about half as long.
 * Both forms hold the same values, so a reader must give the same rows.
 *
 * The data are deterministic (a fixed linear congruential sequence).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>
#include <zip.h>

#include "engine/util.h"

#define NCOLS 15

static const char *HEAD[NCOLS] = {"Complaint No",
				  "Registration Date",
				  "Complainant Name",
				  "Father/Husband Name",
				  "Mobile No",
				  "District",
				  "Tehsil",
				  "Department",
				  "Category",
				  "Description",
				  "Level",
				  "Status",
				  "Officer ID",
				  "Days Pending",
				  "Remarks"};
static const char *NAMES[] = {"रामलाल शर्मा", "Sita Devi", "मोहन सिंह",
			      "Abdul Karim", "सुनीता बाई", "Rajesh Kumar"};
static const char *DISTRICTS[] = {"भोपाल", "Indore", "जबलपुर", "Gwalior"};
static const char *DEPTS[] = {"राजस्व विभाग", "Urban Development", "ऊर्जा विभाग",
			      "Public Health Engineering"};
static const char *STATUS[] = {"Open", "Attended", "संतुष्टि के साथ बंद", "Force Close"};

static unsigned long long seed = 181;
static unsigned pick(unsigned n)
{
	seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
	return (unsigned)(seed >> 33) % n;
}
#define PICK(a) a[pick(sizeof(a) / sizeof(a[0]))]

/* One cell of a generated row: a string, a number, a date or a boolean. */
enum kind { K_STR, K_NUM, K_DATE, K_BOOL };
struct cell {
	enum kind kind;
	const char *s;
	double v;
};

/* Row r's values (the strings point into id and desc). */
static void make_row(unsigned r, struct cell c[NCOLS], char id[32], char desc[160])
{
	snprintf(id, 32, "CMH-2024-%07u", r);
	snprintf(desc, 160,
		 "हैंडपंप खराब है, वार्ड %u में पानी नहीं "
		 "आ रहा / handpump broken in ward %u",
		 pick(60), pick(60));
	c[0] = (struct cell){K_STR, id, 0};
	c[1] = (struct cell){K_DATE, NULL, 45292 + pick(400)};
	c[2] = (struct cell){K_STR, PICK(NAMES), 0};
	c[3] = (struct cell){K_STR, PICK(NAMES), 0};
	c[4] = (struct cell){K_NUM, NULL, 9000000000.0 + pick(999999999)};
	c[5] = (struct cell){K_STR, PICK(DISTRICTS), 0};
	c[6] = (struct cell){K_STR, "हुजूर", 0};
	c[7] = (struct cell){K_STR, PICK(DEPTS), 0};
	c[8] = (struct cell){K_STR, "पेयजल / Drinking water", 0};
	c[9] = (struct cell){K_STR, desc, 0};
	c[10] = (struct cell){K_STR, pick(2) ? "L1" : "L2", 0};
	c[11] = (struct cell){K_STR, PICK(STATUS), 0};
	c[12] = (struct cell){K_NUM, NULL, 10000 + pick(5000)};
	c[13] = (struct cell){K_NUM, NULL, pick(90) + 0.5 * pick(2)};
	c[14] = (struct cell){K_BOOL, NULL, pick(2)};
}

static void header_row(struct cell c[NCOLS])
{
	for (int i = 0; i < NCOLS; i++)
		c[i] = (struct cell){K_STR, HEAD[i], 0};
}

/* ---- libxlsxwriter, constant memory: inline strings ---- */

static void put_lxw_row(lxw_worksheet *ws, lxw_row_t r, const struct cell *c, lxw_format *date)
{
	for (int i = 0; i < NCOLS; i++) {
		lxw_col_t col = (lxw_col_t)i;
		switch (c[i].kind) {
		case K_STR: worksheet_write_string(ws, r, col, c[i].s, NULL); break;
		case K_NUM: worksheet_write_number(ws, r, col, c[i].v, NULL); break;
		case K_DATE: worksheet_write_number(ws, r, col, c[i].v, date); break;
		case K_BOOL: worksheet_write_boolean(ws, r, col, (int)c[i].v, NULL); break;
		}
	}
}

static int write_inline(const char *path, long rows)
{
	lxw_workbook_options opt = {.constant_memory = LXW_TRUE, .use_zip64 = LXW_TRUE};
	lxw_workbook *wb = workbook_new_opt(path, &opt);
	if (!wb) {
		fprintf(stderr, "mkxlsx: cannot create %s\n", path);
		return 1;
	}
	lxw_worksheet *ws = workbook_add_worksheet(wb, "Complaints");
	lxw_format *date = workbook_add_format(wb);
	format_set_num_format(date, "dd-mm-yyyy");
	struct cell c[NCOLS];
	char id[32], desc[160];
	header_row(c);
	put_lxw_row(ws, 0, c, date);
	for (long r = 1; r <= rows; r++) {
		make_row((unsigned)r, c, id, desc);
		put_lxw_row(ws, (lxw_row_t)r, c, date);
	}
	lxw_error e = workbook_close(wb);
	if (e != LXW_NO_ERROR) {
		fprintf(stderr, "mkxlsx: %s: %s\n", path, lxw_strerror(e));
		return 1;
	}
	return 0;
}

/* ---- Excel's way: a shared string table ---- */

/* The table: strings in order of first use, and an open-addressing index. */
struct sst {
	char **str;
	size_t n, alloc;
	long *slot; /* index into str, -1 empty */
	size_t nslot;
	long uses;
};

static size_t hash(const char *s)
{
	size_t h = 14695981039346656037ULL;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h;
}

static void sst_rehash(struct sst *t)
{
	free(t->slot);
	t->nslot = t->nslot ? t->nslot * 2 : 1024;
	t->slot = xmalloc(t->nslot * sizeof(*t->slot));
	memset(t->slot, 0xff, t->nslot * sizeof(*t->slot));
	for (size_t i = 0; i < t->n; i++) {
		size_t h = hash(t->str[i]) & (t->nslot - 1);
		while (t->slot[h] >= 0)
			h = (h + 1) & (t->nslot - 1);
		t->slot[h] = (long)i;
	}
}

static long sst_index(struct sst *t, const char *s)
{
	t->uses++;
	if (2 * (t->n + 1) > t->nslot)
		sst_rehash(t);
	size_t h = hash(s) & (t->nslot - 1);
	for (; t->slot[h] >= 0; h = (h + 1) & (t->nslot - 1))
		if (strcmp(t->str[t->slot[h]], s) == 0)
			return t->slot[h];
	ALLOC_GROW(t->str, t->n + 1, t->alloc);
	t->str[t->n] = xstrdup(s);
	t->slot[h] = (long)t->n;
	return (long)t->n++;
}

/* Output to the open zip member through a buffer. */
struct out {
	zipFile zf;
	struct strbuf buf;
	int err;
};

static void flush_out(struct out *o, int all)
{
	if (o->buf.len < (1u << 20) && !all)
		return;
	if (zipWriteInFileInZip(o->zf, o->buf.buf, (unsigned)o->buf.len) != ZIP_OK)
		o->err = 1;
	strbuf_reset(&o->buf);
}

static void xml_text(struct strbuf *b, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '&': strbuf_addstr(b, "&amp;"); break;
		case '<': strbuf_addstr(b, "&lt;"); break;
		case '>': strbuf_addstr(b, "&gt;"); break;
		default: strbuf_addch(b, *s);
		}
	}
}

static void begin_part(struct out *o, const char *name)
{
	zip_fileinfo zi = {0};
	if (zipOpenNewFileInZip64(o->zf, name, &zi, NULL, 0, NULL, 0, NULL, Z_DEFLATED,
				  Z_DEFAULT_COMPRESSION, 1) != ZIP_OK)
		o->err = 1;
}

static void end_part(struct out *o)
{
	flush_out(o, 1);
	if (zipCloseFileInZip(o->zf) != ZIP_OK)
		o->err = 1;
}

static void small_part(struct out *o, const char *name, const char *xml)
{
	begin_part(o, name);
	strbuf_addstr(&o->buf, "<?xml version=\"1.0\" encoding=\"UTF-8\" "
			       "standalone=\"yes\"?>\n");
	strbuf_addstr(&o->buf, xml);
	end_part(o);
}

/* Excel row r; the columns are A..O, one letter each. */
static void sst_row(struct out *o, struct sst *t, unsigned r, const struct cell *c)
{
	struct strbuf *b = &o->buf;
	strbuf_addf(b, "<row r=\"%u\" spans=\"1:%d\" x14ac:dyDescent=\"0.25\">", r, NCOLS);
	for (int i = 0; i < NCOLS; i++) {
		char ref = (char)('A' + i);
		switch (c[i].kind) {
		case K_STR:
			strbuf_addf(b, "<c r=\"%c%u\" t=\"s\"><v>%ld</v></c>", ref, r,
				    sst_index(t, c[i].s));
			break;
		case K_NUM: strbuf_addf(b, "<c r=\"%c%u\"><v>%.15g</v></c>", ref, r, c[i].v); break;
		case K_DATE:
			strbuf_addf(b, "<c r=\"%c%u\" s=\"1\"><v>%.15g</v></c>", ref, r, c[i].v);
			break;
		case K_BOOL:
			strbuf_addf(b, "<c r=\"%c%u\" t=\"b\"><v>%d</v></c>", ref, r, (int)c[i].v);
			break;
		}
	}
	strbuf_addstr(b, "</row>");
	flush_out(o, 0);
}

#define NS_MAIN "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
#define NS_REL  "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define NS_PKG  "http://schemas.openxmlformats.org/package/2006/relationships"
#define CT_SML  "application/vnd.openxmlformats-officedocument.spreadsheetml."

static void sst_sheet(struct out *o, struct sst *t, long rows)
{
	struct cell c[NCOLS];
	char id[32], desc[160];
	begin_part(o, "xl/worksheets/sheet1.xml");
	strbuf_addf(&o->buf,
		    "<?xml version=\"1.0\" encoding=\"UTF-8\" "
		    "standalone=\"yes\"?>\n<worksheet xmlns=\"" NS_MAIN "\" "
		    "xmlns:r=\"" NS_REL "\" xmlns:mc=\"http://schemas."
		    "openxmlformats.org/markup-compatibility/2006\" "
		    "mc:Ignorable=\"x14ac\" xmlns:x14ac=\"http://schemas."
		    "microsoft.com/office/spreadsheetml/2009/9/ac\">"
		    "<dimension ref=\"A1:O%ld\"/><sheetViews><sheetView "
		    "tabSelected=\"1\" workbookViewId=\"0\"/></sheetViews>"
		    "<sheetFormatPr defaultRowHeight=\"15\" "
		    "x14ac:dyDescent=\"0.25\"/><sheetData>",
		    rows + 1);
	header_row(c);
	sst_row(o, t, 1, c);
	for (long r = 1; r <= rows; r++) {
		make_row((unsigned)r, c, id, desc);
		sst_row(o, t, (unsigned)r + 1, c);
	}
	strbuf_addstr(&o->buf, "</sheetData><pageMargins left=\"0.7\" "
			       "right=\"0.7\" top=\"0.75\" bottom=\"0.75\" header=\"0.3\" "
			       "footer=\"0.3\"/></worksheet>");
	end_part(o);
}

static void sst_strings(struct out *o, struct sst *t)
{
	begin_part(o, "xl/sharedStrings.xml");
	strbuf_addf(&o->buf,
		    "<?xml version=\"1.0\" encoding=\"UTF-8\" "
		    "standalone=\"yes\"?>\n<sst xmlns=\"" NS_MAIN "\" "
		    "count=\"%ld\" uniqueCount=\"%zu\">",
		    t->uses, t->n);
	for (size_t i = 0; i < t->n; i++) {
		strbuf_addstr(&o->buf, "<si><t>");
		xml_text(&o->buf, t->str[i]);
		strbuf_addstr(&o->buf, "</t></si>");
		flush_out(o, 0);
	}
	strbuf_addstr(&o->buf, "</sst>");
	end_part(o);
}

static void sst_package(struct out *o)
{
	small_part(o, "[Content_Types].xml",
		   "<Types xmlns=\"http://schemas.openxmlformats.org/package/"
		   "2006/content-types\"><Default Extension=\"rels\" "
		   "ContentType=\"application/vnd.openxmlformats-package."
		   "relationships+xml\"/><Default Extension=\"xml\" "
		   "ContentType=\"application/xml\"/><Override PartName=\"/xl/"
		   "workbook.xml\" ContentType=\"" CT_SML "sheet.main+xml\"/>"
		   "<Override PartName=\"/xl/worksheets/sheet1.xml\" "
		   "ContentType=\"" CT_SML "worksheet+xml\"/><Override "
		   "PartName=\"/xl/styles.xml\" ContentType=\"" CT_SML
		   "styles+xml\"/><Override PartName=\"/xl/sharedStrings.xml\" "
		   "ContentType=\"" CT_SML "sharedStrings+xml\"/></Types>");
	small_part(o, "_rels/.rels",
		   "<Relationships xmlns=\"" NS_PKG "\"><Relationship Id=\"rId1\" "
		   "Type=\"" NS_REL "/officeDocument\" Target=\"xl/workbook.xml\"/>"
		   "</Relationships>");
	small_part(o, "xl/workbook.xml",
		   "<workbook xmlns=\"" NS_MAIN "\" xmlns:r=\"" NS_REL "\">"
		   "<workbookPr/><sheets><sheet name=\"Complaints\" sheetId=\"1\" "
		   "r:id=\"rId1\"/></sheets></workbook>");
	small_part(o, "xl/_rels/workbook.xml.rels",
		   "<Relationships xmlns=\"" NS_PKG "\"><Relationship Id=\"rId1\" "
		   "Type=\"" NS_REL "/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
		   "<Relationship Id=\"rId2\" Type=\"" NS_REL "/styles\" "
		   "Target=\"styles.xml\"/><Relationship Id=\"rId3\" Type=\"" NS_REL
		   "/sharedStrings\" Target=\"sharedStrings.xml\"/>"
		   "</Relationships>");
	small_part(o, "xl/styles.xml",
		   "<styleSheet xmlns=\"" NS_MAIN "\"><numFmts count=\"1\"><numFmt "
		   "numFmtId=\"164\" formatCode=\"dd-mm-yyyy\"/></numFmts><fonts "
		   "count=\"1\"><font><sz val=\"11\"/><name val=\"Calibri\"/>"
		   "</font></fonts><fills count=\"1\"><fill><patternFill "
		   "patternType=\"none\"/></fill></fills><borders count=\"1\">"
		   "<border/></borders><cellStyleXfs count=\"1\"><xf numFmtId=\"0\""
		   "/></cellStyleXfs><cellXfs count=\"2\"><xf numFmtId=\"0\" "
		   "xfId=\"0\"/><xf numFmtId=\"164\" xfId=\"0\" "
		   "applyNumberFormat=\"1\"/></cellXfs></styleSheet>");
}

static int write_shared(const char *path, long rows)
{
	struct out o = {zipOpen64(path, APPEND_STATUS_CREATE), STRBUF_INIT, 0};
	struct sst t = {0};
	if (!o.zf) {
		fprintf(stderr, "mkxlsx: cannot create %s\n", path);
		return 1;
	}
	sst_package(&o);
	sst_sheet(&o, &t, rows);
	sst_strings(&o, &t);
	if (zipClose(o.zf, NULL) != ZIP_OK)
		o.err = 1;
	for (size_t i = 0; i < t.n; i++)
		free(t.str[i]);
	free(t.str);
	free(t.slot);
	strbuf_release(&o.buf);
	if (o.err)
		fprintf(stderr, "mkxlsx: cannot write %s\n", path);
	return o.err;
}

int main(int argc, char **argv)
{
	char mode = argc == 4 && argv[1][0] == '-' ? argv[1][1] : 0;
	if (argc != 3 + (mode != 0) || (mode && mode != 's')) {
		fputs("usage: mkxlsx [-s] OUT.xlsx ROWS\n", stderr);
		return 2;
	}
	const char *path = argv[1 + (mode != 0)];
	long rows = atol(argv[2 + (mode != 0)]);
	return mode == 's' ? write_shared(path, rows) : write_inline(path, rows);
}
