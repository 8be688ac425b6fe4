/* test_sniff.c - what a file is, from its first bytes. */
#include "engine/util.h"
#include "ingest/sniff.h"
#include "tests/test.h"

#include <errno.h>

#define B(s) s, sizeof(s) - 1

static const struct {
	const char *what;
	const char *bytes;
	size_t n;
	int kind;
} cases[] = {
	{"nothing", B(""), SNIFF_EMPTY},
	{"plain CSV", B("a,b\n1,2\n"), SNIFF_TEXT_UTF8},
	{"Hindi CSV", B("\xE0\xA4\xA8\xE0\xA4\xBE\xE0\xA4\xAE\n"), SNIFF_TEXT_UTF8},
	{"Latin-1 is still text", B("caf\xE9,1\n"), SNIFF_TEXT_UTF8},
	{"one byte", B("a"), SNIFF_TEXT_UTF8},
	{"UTF-8 BOM",
	 B("\xEF\xBB\xBF"
	   "a,b\n"),
	 SNIFF_TEXT_UTF8_BOM},
	{"BOM only", B("\xEF\xBB\xBF"), SNIFF_TEXT_UTF8_BOM},
	{"UTF-16LE",
	 B("\xFF\xFE"
	   "a\0,\0b\0\n\0"),
	 SNIFF_TEXT_UTF16LE},
	{"UTF-16BE",
	 B("\xFE\xFF"
	   "\0a\0,\0b\0\n"),
	 SNIFF_TEXT_UTF16BE},
	{"UTF-16LE BOM only", B("\xFF\xFE"), SNIFF_TEXT_UTF16LE},
	{"UTF-8 behind a UTF-16LE BOM",
	 B("\xFF\xFE"
	   "Complaint No,Date\n"),
	 SNIFF_TEXT_UTF8_UTF16BOM},
	{"UTF-8 Hindi behind a UTF-16BE BOM", B("\xFE\xFF\xE0\xA4\xA8\xE0\xA4\xBE,x\n"),
	 SNIFF_TEXT_UTF8_UTF16BOM},
	{"UTF-16LE Hindi stays UTF-16", B("\xFF\xFE\x28\x09\x3E\x09,\0\x2E\x09\n\0"),
	 SNIFF_TEXT_UTF16LE},
	{"zip", B("PK\x03\x04\x14\0\0\0"), SNIFF_ZIP},
	{"empty zip", B("PK\x05\x06\0\0\0\0"), SNIFF_ZIP},
	{"PK text", B("PK,1\n"), SNIFF_TEXT_UTF8},
	{"OLE", B("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0\0"), SNIFF_OLE},
	{"OLE magic cut short is not OLE", B("\xD0\xCF\x11\xE0\xA1\xB1\x1A"), SNIFF_TEXT_UTF8},
	{"html", B("<html><body>"), SNIFF_HTML},
	{"HTML upper", B("<HTML>"), SNIFF_HTML},
	{"doctype", B("<!DOCTYPE html>\n<html>"), SNIFF_HTML},
	{"doctype lower", B("<!doctype HTML>"), SNIFF_HTML},
	{"table", B("<Table border=1>"), SNIFF_HTML},
	{"spaces then html", B(" \t\r\n<html>"), SNIFF_HTML},
	{"BOM then html", B("\xEF\xBB\xBF\r\n<html>"), SNIFF_HTML},
	{"xml then html", B("<?xml version=\"1.0\"?>\n<html xmlns=\"x\">"), SNIFF_HTML},
	{"xml, no html", B("<?xml version=\"1.0\"?>\n<Workbook>"), SNIFF_XML},
	{"text mentioning html", B("note,<html> is a tag\n"), SNIFF_TEXT_UTF8},
	{"<htm is not html", B("<htm"), SNIFF_TEXT_UTF8},
	{"UTF-16LE html", B("\xFF\xFE<\0h\0t\0m\0l\0>\0"), SNIFF_HTML},
	{"UTF-16BE html", B("\xFE\xFF\0<\0T\0A\0B\0L\0E"), SNIFF_HTML},
	{"NUL", B("abc\0def"), SNIFF_BINARY},
	{"NUL first", B("\0\0\0\0"), SNIFF_BINARY},
	{"UTF-16LE without BOM", B("a\0,\0b\0"), SNIFF_BINARY},
};

static void test_buffers(void)
{
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		int k = sniff_buffer(cases[i].bytes, cases[i].n);
		CHECK_MSG(k == cases[i].kind, "%s: kind %d, expected %d", cases[i].what, k,
			  cases[i].kind);
	}
}

/* A NUL anywhere in the first block makes a file binary. */
static void test_nul_far(void)
{
	char buf[SNIFF_BYTES];
	memset(buf, 'a', sizeof(buf));
	CHECK_INT(sniff_buffer(buf, sizeof(buf)), SNIFF_TEXT_UTF8);
	buf[sizeof(buf) - 1] = 0;
	CHECK_INT(sniff_buffer(buf, sizeof(buf)), SNIFF_BINARY);
}

static void test_files(void)
{
	static const struct {
		const char *path;
		enum sniff_kind kind;
	} files[] = {
		{"tests/data/csv/spectrum/simple.csv", SNIFF_TEXT_UTF8},
		{"tests/data/csv/cases/empty_file.csv", SNIFF_EMPTY},
		{"tests/data/csv/refuse/page.xls", SNIFF_HTML},
		{"tests/data/csv/refuse/old.xls", SNIFF_OLE},
		{"tests/data/csv/refuse/book.xlsx", SNIFF_ZIP},
		{"tests/data/csv/refuse/binary.csv", SNIFF_BINARY},
		{"tests/data/csv/refuse/ss2003.xml", SNIFF_XML},
	};
	for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		enum sniff_kind k = SNIFF_EMPTY;
		int rc = sniff_file(files[i].path, &k);
		CHECK_MSG(rc == 0 && k == files[i].kind,
			  "%s: rc %d kind %d, "
			  "expected %d",
			  files[i].path, rc, k, files[i].kind);
	}
	enum sniff_kind k;
	errno = 0;
	CHECK_INT(sniff_file("tests/data/csv/no-such-file", &k), -1);
	CHECK_INT(errno, ENOENT);
	errno = 0;
	CHECK_INT(sniff_file("tests/data/csv", &k), -1);
	CHECK_INT(errno, EISDIR);
}

static void test_describe(void)
{
	CHECK_STR(sniff_describe(SNIFF_OLE),
		  "an old Excel .xls file (OLE/BIFF) — save it as .xlsx or CSV");
	CHECK(strstr(sniff_describe(SNIFF_HTML), "HTML page") != NULL);
	CHECK(strstr(sniff_describe(SNIFF_ZIP), "zip file") != NULL);
	/* every kind has its own words */
	for (int a = SNIFF_TEXT_UTF8; a <= SNIFF_XML; a++)
		for (int b = a + 1; b <= SNIFF_XML; b++)
			CHECK_MSG(strcmp(sniff_describe(a), sniff_describe(b)),
				  "kinds %d and %d read the same", a, b);
	CHECK(sniff_is_text(SNIFF_TEXT_UTF16BE));
	CHECK(sniff_is_text(SNIFF_EMPTY));
	CHECK(!sniff_is_text(SNIFF_HTML));
	CHECK(!sniff_is_text(SNIFF_BINARY));
	CHECK(!sniff_is_text(SNIFF_XML));
}

int main(void)
{
	test_buffers();
	test_nul_far();
	test_files();
	test_describe();
	TEST_DONE();
}
