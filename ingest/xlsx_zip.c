/* xlsx_zip.c - magic-byte check and bounded streaming of zip parts. */
#include "ingest/xlsx_zip.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unzip.h>

struct xzip {
	unzFile uf;
	char *name;
	struct xzip_limits lim;
	const unsigned char *mem; /* memory variant: the caller's bytes */
	size_t mem_len;
	char *part; /* open part, NULL when none */
	unsigned long long part_packed;
	unsigned long long part_out;  /* bytes unpacked from the open part */
	unsigned long long total_out; /* over all parts */
};

#define MIB (1024ULL * 1024)

/* --- the memory variant's I/O callbacks for minizip --- */

struct memstream {
	const struct xzip *z;
	unsigned long long pos;
};

static voidpf ZCALLBACK mem_open(voidpf opaque, const void *name, int mode)
{
	struct memstream *s = xcalloc(1, sizeof(*s));
	s->z = opaque;
	return s;
}

static uLong ZCALLBACK mem_read(voidpf opaque, voidpf stream, void *buf, uLong size)
{
	struct memstream *s = stream;
	size_t len = s->z->mem_len;
	if (s->pos >= len)
		return 0;
	uLong n = (uLong)(len - s->pos) < size ? (uLong)(len - s->pos) : size;
	memcpy(buf, s->z->mem + s->pos, n);
	s->pos += n;
	return n;
}

static uLong ZCALLBACK mem_write(voidpf opaque, voidpf stream, const void *buf, uLong size)
{
	return 0;
}

static ZPOS64_T ZCALLBACK mem_tell(voidpf opaque, voidpf stream)
{
	return ((struct memstream *)stream)->pos;
}

static long ZCALLBACK mem_seek(voidpf opaque, voidpf stream, ZPOS64_T off, int origin)
{
	struct memstream *s = stream;
	unsigned long long base = origin == ZLIB_FILEFUNC_SEEK_SET   ? 0
				  : origin == ZLIB_FILEFUNC_SEEK_CUR ? s->pos
								     : s->z->mem_len;
	if (off > s->z->mem_len || base + off > s->z->mem_len)
		return -1;
	s->pos = base + off;
	return 0;
}

static int ZCALLBACK mem_close(voidpf opaque, voidpf stream)
{
	free(stream);
	return 0;
}

static int ZCALLBACK mem_error(voidpf opaque, voidpf stream)
{
	return 0;
}

/* --- what the file is, from its first bytes --- */

static const unsigned char OLE_MAGIC[8] = {0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1};

/* Does UTF-16LE word occur in data? (OLE directory entry names) */
static int has_utf16(const unsigned char *data, size_t len, const char *word)
{
	unsigned char pat[64];
	size_t n = strlen(word);
	for (size_t i = 0; i < n; i++) {
		pat[2 * i] = (unsigned char)word[i];
		pat[2 * i + 1] = 0;
	}
	return memmem(data, len, pat, 2 * n) != NULL;
}

/*
 * An OLE compound file is a legacy .xls, an encrypted .xlsx (Office keeps
 * the encrypted package inside OLE) or some other Office file; its directory
 * names the streams, so look for them.
 */
static void describe_ole(const unsigned char *data, size_t len, const char *name,
			 struct strbuf *err)
{
	if (has_utf16(data, len, "EncryptionInfo") || has_utf16(data, len, "EncryptedPackage"))
		strbuf_addf(err,
			    "%s: this is an encrypted (password-protected) "
			    "workbook; open it in Excel, remove the password "
			    "and save it again as .xlsx",
			    name);
	else if (has_utf16(data, len, "Workbook") || has_utf16(data, len, "Book"))
		strbuf_addf(err,
			    "%s: this is a legacy Excel 97-2003 workbook "
			    "(.xls), not .xlsx; open it in Excel and save it as "
			    ".xlsx or CSV",
			    name);
	else
		strbuf_addf(err,
			    "%s: this is an old-style Office (OLE) file, not "
			    "an Excel workbook; save it as .xlsx or CSV",
			    name);
}

/* Skip a UTF-8 BOM and white space; then is it markup starting with tag? */
static int starts_with_tag(const unsigned char *p, size_t len, const char *tag)
{
	size_t i = 0, n = strlen(tag);
	if (len >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF)
		i = 3;
	while (i < len && isspace(p[i]))
		i++;
	return len - i >= n && strncasecmp((const char *)p + i, tag, n) == 0;
}

static int contains_ci(const unsigned char *p, size_t len, const char *word)
{
	size_t n = strlen(word);
	for (size_t i = 0; i + n <= len; i++)
		if (strncasecmp((const char *)p + i, word, n) == 0)
			return 1;
	return 0;
}

static void describe_other(const unsigned char *p, size_t len, const char *name, struct strbuf *err)
{
	size_t head = len < 4096 ? len : 4096;
	if (contains_ci(p, head, "urn:schemas-microsoft-com:office:spreadsheet"))
		strbuf_addf(err,
			    "%s: this is an Excel 2003 XML spreadsheet, not "
			    ".xlsx; open it in Excel and save it as .xlsx or CSV",
			    name);
	else if (starts_with_tag(p, len, "<html") || starts_with_tag(p, len, "<!doctype html") ||
		 starts_with_tag(p, len, "<table") ||
		 (starts_with_tag(p, len, "<") && contains_ci(p, head, "<table")))
		strbuf_addf(err,
			    "%s: this is an HTML table saved with an Excel "
			    "name, not a real workbook; open it in Excel and save "
			    "it as .xlsx or CSV",
			    name);
	else if (utf8_valid((const char *)p, head < 512 ? head : 512) && !memchr(p, 0, head))
		strbuf_addf(err,
			    "%s: not an Excel workbook: expected a zip file "
			    "(.xlsx), found plain text (is it a CSV file?)",
			    name);
	else
		strbuf_addf(err,
			    "%s: not an Excel workbook: expected a zip file "
			    "(.xlsx, starting with \"PK\"), found bytes "
			    "%02x %02x %02x %02x",
			    name, len > 0 ? p[0] : 0, len > 1 ? p[1] : 0, len > 2 ? p[2] : 0,
			    len > 3 ? p[3] : 0);
}

/* 1 when data (the file's first len bytes) starts like a zip; else 0 with
 * what the file is instead in err. */
static int sniff(const unsigned char *data, size_t len, const char *name, struct strbuf *err)
{
	if (len == 0) {
		strbuf_addf(err,
			    "%s: the file is empty (0 bytes); expected an "
			    "Excel workbook (.xlsx)",
			    name);
		return 0;
	}
	if (len >= 4 && data[0] == 'P' && data[1] == 'K' &&
	    (data[2] == 3 || data[2] == 5 || data[2] == 7))
		return 1;
	if (len >= 8 && memcmp(data, OLE_MAGIC, 8) == 0)
		describe_ole(data, len, name, err);
	else
		describe_other(data, len, name, err);
	return 0;
}

/* The first bytes of a file, and up to 8 MiB of it when it is OLE (the
 * directory sits anywhere in it). Caller frees *out. */
static int read_head(const char *path, unsigned char **out, size_t *len, struct strbuf *err)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		strbuf_addf(err, "%s: cannot open: %s", path, strerror(errno));
		return -1;
	}
	size_t cap = 4096, n = fread(*out = xmalloc(cap), 1, cap, f);
	if (n >= 8 && memcmp(*out, OLE_MAGIC, 8) == 0) {
		cap = 8 * MIB;
		*out = xrealloc(*out, cap);
		n += fread(*out + n, 1, cap - n, f);
	}
	int bad = ferror(f);
	fclose(f);
	if (bad) {
		strbuf_addf(err, "%s: cannot read: %s", path, strerror(errno));
		free(*out);
		return -1;
	}
	*len = n;
	return 0;
}

/*
 * An intact zip ends with its end-of-directory record (22 bytes and a
 * comment of up to 64 KiB). minizip may open a zip cut short after finding
 * an older record inside it, so check that one ends the file exactly.
 */
#define TAIL_MAX (22 + 65535)
static int has_end_record(const unsigned char *t, size_t n)
{
	if (n < 22)
		return 0;
	for (size_t i = n - 22 + 1; i-- > 0 && n - i <= TAIL_MAX;)
		if (t[i] == 'P' && t[i + 1] == 'K' && t[i + 2] == 5 && t[i + 3] == 6 &&
		    i + 22 + (t[i + 20] | t[i + 21] << 8) == n)
			return 1;
	return 0;
}

static int file_has_end_record(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return 0;
	unsigned char *t = xmalloc(TAIL_MAX);
	size_t n = 0;
	if (fseeko(f, 0, SEEK_END) == 0) {
		off_t size = ftello(f);
		off_t from = size > TAIL_MAX ? size - TAIL_MAX : 0;
		if (size >= 0 && fseeko(f, from, SEEK_SET) == 0)
			n = fread(t, 1, TAIL_MAX, f);
	}
	fclose(f);
	int ok = has_end_record(t, n);
	free(t);
	return ok;
}

static struct xzip *xzip_new(const char *name, const struct xzip_limits *lim)
{
	struct xzip *z = xcalloc(1, sizeof(*z));
	z->name = xstrdup(name);
	z->lim = *lim;
	return z;
}

static struct xzip *finish_open(struct xzip *z, struct strbuf *err)
{
	if (z->uf)
		return z;
	strbuf_addf(err,
		    "%s: the zip file is truncated or damaged (its "
		    "directory at the end is missing or unreadable); copy or "
		    "download it again",
		    z->name);
	xzip_close(z);
	return NULL;
}

struct xzip *xzip_open_file(const char *path, const struct xzip_limits *lim, struct strbuf *err)
{
	unsigned char *head;
	size_t len;
	if (read_head(path, &head, &len, err) < 0)
		return NULL;
	int ok = sniff(head, len, path, err);
	free(head);
	if (!ok)
		return NULL;
	struct xzip *z = xzip_new(path, lim);
	if (file_has_end_record(path))
		z->uf = unzOpen64(path);
	return finish_open(z, err);
}

struct xzip *xzip_open_mem(const void *data, size_t len, const char *name,
			   const struct xzip_limits *lim, struct strbuf *err)
{
	if (!sniff(data, len, name, err))
		return NULL;
	struct xzip *z = xzip_new(name, lim);
	z->mem = data;
	z->mem_len = len;
	zlib_filefunc64_def ff = {mem_open, mem_read,  mem_write, mem_tell,
				  mem_seek, mem_close, mem_error, z};
	if (has_end_record(data, len))
		z->uf = unzOpen2_64(name, &ff);
	return finish_open(z, err);
}

const char *xzip_name(const struct xzip *z)
{
	return z->name;
}

static void close_part(struct xzip *z)
{
	if (!z->part)
		return;
	unzCloseCurrentFile(z->uf);
	free(z->part);
	z->part = NULL;
}

void xzip_close(struct xzip *z)
{
	if (!z)
		return;
	if (z->uf) {
		close_part(z);
		unzClose(z->uf);
	}
	free(z->name);
	free(z);
}

int xzip_has(struct xzip *z, const char *part)
{
	close_part(z);
	return unzLocateFile(z->uf, part, 2) == UNZ_OK;
}

/* Would part, unpacking to out bytes from packed, after before bytes of
 * other parts, pass the limits? Then say so in err. */
static int bomb(struct xzip *z, const char *part, unsigned long long out, unsigned long long packed,
		unsigned long long before, struct strbuf *err)
{
	if (before + out > z->lim.max_total) {
		strbuf_addf(err,
			    "%s: part %s unpacks to more than the limit of "
			    "%llu bytes (%llu bytes); refusing it as a possible "
			    "zip bomb (raise the limit if the file is genuine)",
			    z->name, part, z->lim.max_total, before + out);
		return 1;
	}
	if (out > MIB && out / (packed ? packed : 1) > z->lim.max_ratio) {
		strbuf_addf(err,
			    "%s: part %s unpacks from %llu to %llu bytes, "
			    "more than %llu times its size; refusing it as a "
			    "possible zip bomb",
			    z->name, part, packed, out, z->lim.max_ratio);
		return 1;
	}
	return 0;
}

int xzip_open_part(struct xzip *z, const char *part, struct strbuf *err)
{
	close_part(z);
	if (unzLocateFile(z->uf, part, 2) != UNZ_OK)
		return 0;
	unz_file_info64 fi;
	if (unzGetCurrentFileInfo64(z->uf, &fi, NULL, 0, NULL, 0, NULL, 0) != UNZ_OK) {
		strbuf_addf(err,
			    "%s: the zip directory entry of part %s is "
			    "damaged",
			    z->name, part);
		return -1;
	}
	if (fi.flag & 1) {
		strbuf_addf(err,
			    "%s: part %s is encrypted inside the zip; save "
			    "the workbook again without a password",
			    z->name, part);
		return -1;
	}
	if (fi.compression_method != 0 && fi.compression_method != Z_DEFLATED) {
		strbuf_addf(err,
			    "%s: part %s uses compression method %lu, which "
			    "Excel does not write (expected 0 or 8, deflate)",
			    z->name, part, fi.compression_method);
		return -1;
	}
	if (bomb(z, part, fi.uncompressed_size, fi.compressed_size, z->total_out, err))
		return -1;
	if (unzOpenCurrentFile(z->uf) != UNZ_OK) {
		strbuf_addf(err,
			    "%s: part %s of the zip is damaged (its header "
			    "cannot be read); copy or download the file again",
			    z->name, part);
		return -1;
	}
	z->part = xstrdup(part);
	z->part_packed = fi.compressed_size;
	z->part_out = 0;
	return 1;
}

long xzip_read(struct xzip *z, void *buf, size_t n, struct strbuf *err)
{
	if (!z->part)
		return 0;
	if (n > 1U << 30)
		n = 1U << 30;
	int got = unzReadCurrentFile(z->uf, buf, (unsigned)n);
	if (got < 0) {
		strbuf_addf(err,
			    "%s: part %s of the zip is damaged (it cannot be "
			    "unpacked, error %d); copy or download the file again",
			    z->name, z->part, got);
		return -1;
	}
	if (got == 0) {
		if (unzCloseCurrentFile(z->uf) == UNZ_CRCERROR) {
			strbuf_addf(err,
				    "%s: part %s of the zip is damaged (its "
				    "checksum does not match); copy or download "
				    "the file again",
				    z->name, z->part);
			free(z->part);
			z->part = NULL;
			return -1;
		}
		free(z->part);
		z->part = NULL;
		return 0;
	}
	/* Sizes in the directory may lie: count what really comes out. */
	z->part_out += (unsigned long long)got;
	z->total_out += (unsigned long long)got;
	if (bomb(z, z->part, z->part_out, z->part_packed, z->total_out - z->part_out, err))
		return -1;
	return got;
}
