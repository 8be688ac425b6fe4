/* sniff.c - classify a file by its first bytes. */
#include "ingest/sniff.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "engine/util.h"

static const unsigned char zip_magic[4] = {'P', 'K', 3, 4};
static const unsigned char zip_empty[4] = {'P', 'K', 5, 6};
static const unsigned char ole_magic[8] = {0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1};

static int has_prefix(const unsigned char *p, size_t n, const void *m, size_t mlen)
{
	return n >= mlen && memcmp(p, m, mlen) == 0;
}

static int lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

/* Case-insensitive: does s[0..n) start with the lowercase word w? */
static int starts_word(const char *s, size_t n, const char *w)
{
	size_t wl = strlen(w);
	if (n < wl)
		return 0;
	for (size_t i = 0; i < wl; i++)
		if (lower((unsigned char)s[i]) != w[i])
			return 0;
	return 1;
}

static int contains_word(const char *s, size_t n, const char *w)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] == '<' && starts_word(s + i, n - i, w))
			return 1;
	return 0;
}

/*
 * s is ASCII-ish text (a UTF-8 file, or the low bytes of UTF-16 units).
 * Returns SNIFF_HTML, SNIFF_XML or -1 when it is neither.
 */
static int markup_kind(const char *s, size_t n)
{
	size_t i = 0;
	if (n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0)
		i = 3;
	while (i < n &&
	       (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '\n' || s[i] == '\f'))
		i++;
	s += i;
	n -= i;
	if (starts_word(s, n, "<html") || starts_word(s, n, "<!doctype html") ||
	    starts_word(s, n, "<table"))
		return SNIFF_HTML;
	if (starts_word(s, n, "<?xml"))
		return contains_word(s, n, "<html") ? SNIFF_HTML : SNIFF_XML;
	return -1;
}

/* Look at UTF-16 text through its ASCII characters, for an HTML check. */
static int utf16_markup_kind(const unsigned char *p, size_t n, int big_endian)
{
	char ascii[512];
	size_t k = 0;
	for (size_t i = 2; i + 1 < n && k < sizeof(ascii); i += 2) {
		unsigned lo = big_endian ? p[i + 1] : p[i];
		unsigned hi = big_endian ? p[i] : p[i + 1];
		ascii[k++] = (hi == 0 && lo != 0 && lo < 0x80) ? (char)lo : '?';
	}
	return markup_kind(ascii, k);
}

/*
 * After a UTF-16 byte-order mark: UTF-8 text rather than UTF-16? UTF-16
 * text has a zero byte in every ASCII character, and a CSV line has at
 * least its delimiters and line breaks; UTF-8 has none. The block may end
 * inside a character.
 */
static int utf8_behind(const unsigned char *p, size_t n)
{
	if (n < 8 || memchr(p, 0, n))
		return 0;
	for (size_t cut = 0; cut < 4 && cut < n; cut++)
		if (utf8_valid((const char *)p, n - cut))
			return 1;
	return 0;
}

int sniff_buffer(const void *data, size_t n)
{
	const unsigned char *p = data;
	int m;

	if (n == 0)
		return SNIFF_EMPTY;
	if (has_prefix(p, n, zip_magic, 4) || has_prefix(p, n, zip_empty, 4))
		return SNIFF_ZIP;
	if (has_prefix(p, n, ole_magic, 8))
		return SNIFF_OLE;
	if ((has_prefix(p, n, "\xFF\xFE", 2) || has_prefix(p, n, "\xFE\xFF", 2)) &&
	    utf8_behind(p + 2, n - 2))
		return SNIFF_TEXT_UTF8_UTF16BOM;
	if (has_prefix(p, n, "\xFF\xFE", 2)) {
		m = utf16_markup_kind(p, n, 0);
		return m >= 0 ? m : SNIFF_TEXT_UTF16LE;
	}
	if (has_prefix(p, n, "\xFE\xFF", 2)) {
		m = utf16_markup_kind(p, n, 1);
		return m >= 0 ? m : SNIFF_TEXT_UTF16BE;
	}
	m = markup_kind((const char *)p, n);
	if (m >= 0)
		return m;
	if (memchr(p, 0, n))
		return SNIFF_BINARY;
	if (has_prefix(p, n, "\xEF\xBB\xBF", 3))
		return SNIFF_TEXT_UTF8_BOM;
	return SNIFF_TEXT_UTF8;
}

int sniff_file(const char *path, enum sniff_kind *out)
{
	unsigned char buf[SNIFF_BYTES];
	size_t have = 0;
	struct stat st;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return -1;
	if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
		close(fd);
		errno = EISDIR;
		return -1;
	}
	while (have < sizeof(buf)) {
		ssize_t k = read(fd, buf + have, sizeof(buf) - have);
		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0) {
			int e = errno;
			close(fd);
			errno = e;
			return -1;
		}
		if (k == 0)
			break;
		have += (size_t)k;
	}
	close(fd);
	*out = (enum sniff_kind)sniff_buffer(buf, have);
	return 0;
}

const char *sniff_describe(enum sniff_kind kind)
{
	switch (kind) {
	case SNIFF_TEXT_UTF8: return "a text file (UTF-8)";
	case SNIFF_TEXT_UTF8_BOM: return "a text file (UTF-8 with a byte-order mark)";
	case SNIFF_TEXT_UTF16LE: return "a text file (UTF-16LE, Excel's \"Unicode Text\")";
	case SNIFF_TEXT_UTF16BE: return "a text file (UTF-16BE)";
	case SNIFF_TEXT_UTF8_UTF16BOM: return "a text file (UTF-8 behind a UTF-16 byte-order mark)";
	case SNIFF_ZIP: return "a zip file (probably an Excel .xlsx workbook)";
	case SNIFF_OLE:
		return "an old Excel .xls file (OLE/BIFF) — save it as .xlsx "
		       "or CSV";
	case SNIFF_HTML:
		return "an HTML page saved with an .xls name — open it in "
		       "Excel and save it as .xlsx or CSV";
	case SNIFF_BINARY:
		return "a binary file, not text (it has zero bytes; a UTF-16 "
		       "file without a byte-order mark looks like this too)";
	case SNIFF_EMPTY: return "an empty file (0 bytes)";
	case SNIFF_XML:
		return "an XML file (perhaps an Excel 2003 XML spreadsheet) — "
		       "open it in Excel and save it as .xlsx or CSV";
	}
	return "a file of unknown kind";
}

int sniff_is_text(enum sniff_kind kind)
{
	return kind == SNIFF_TEXT_UTF8 || kind == SNIFF_TEXT_UTF8_BOM ||
	       kind == SNIFF_TEXT_UTF8_UTF16BOM || kind == SNIFF_TEXT_UTF16LE ||
	       kind == SNIFF_TEXT_UTF16BE || kind == SNIFF_EMPTY;
}
