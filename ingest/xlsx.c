/*
 * xlsx.c - the workbook layer of the XLSX reader: finds the workbook, its
 * sheets, number formats and shared strings, then streams one worksheet
 * through expat, pausing the parser at each </row> so the caller gets rows
 * one at a time while only a chunk of the XML is in memory.
 */
#include "ingest/xlsx.h"

#include <ctype.h>
#include <expat.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ingest/xlsx_numfmt.h"
#include "ingest/xlsx_zip.h"

#define CHUNK    (256 * 1024)
#define MAX_COLS 16384L /* A..XFD */

struct sheet {
	char *name, *rid, *part; /* from malloc */
	int hidden, chart;
};

struct rel {
	char *id, *type, *target; /* from malloc; type is the tail after '/' */
};

struct numfmt {
	unsigned long id;
	enum xnf_kind kind;
};

/* A value of the row being built: bytes rowbuf[off, off+len). */
struct cell {
	long col;
	size_t off, len;
};

enum ctype { T_NUM, T_SST, T_INLINE, T_STR, T_BOOL, T_ERR, T_DATE };

struct xlsx_reader {
	struct xzip *zip;
	const char *name; /* the zip's copy of the path */
	struct strbuf err;
	int failed, done;

	/* workbook */
	char *wb_part, *sst_part, *styles_part;
	struct sheet *sheets;
	size_t nsheets, asheets;
	struct rel *rels;
	size_t nrels, arels;
	int date1904, cur;

	/* styles: the kind of each cellXfs entry */
	struct numfmt *fmts;
	size_t nfmts, afmts;
	unsigned long *xf_fmt;
	size_t nxf, axf;
	unsigned char *xf_kind;
	int in_cellxfs;

	/* shared strings (in the arena) */
	struct arena sst_arena;
	char **sst;
	size_t *sst_len;
	size_t nsst, asst;

	/* expat: the part being parsed, and text being collected */
	XML_Parser p;
	const char *part;
	const char *rel_source; /* the part a .rels part speaks for */
	struct strbuf text, tmp;
	int collect, in_si, in_is, rph;

	/* the worksheet */
	int suspended, final_fed, row_ready, in_data, in_c;
	int cformula, cvalue; /* the cell has an <f>, a <v> */
	long rownum, last_row, next_col, ccol, empty_rows;
	enum ctype ctype;
	unsigned long cstyle;
	struct cell *cells;
	size_t ncells, acells;
	long maxcol;
	struct strbuf rowbuf;
	char **field;
	size_t *flen, afield, header_width;
	struct strbuf problem;
	int problem_col;
};

/* --- small helpers --- */

/* The name without its namespace prefix ("x:c" -> "c"). Names are a few
 * bytes, so a loop beats a call to strrchr on every element. */
static inline const char *local(const char *name)
{
	const char *l = name;
	if (!name[0] || !name[1]) /* "c", "v", "t": no room for a prefix */
		return name;
	for (const char *p = name; *p; p++)
		if (*p == ':')
			l = p + 1;
	return l;
}

/* The decimal whole number that is all of s, into *out: 1, or 0 when s is
 * empty, has anything but digits or passes max. */
static int whole(const char *s, unsigned long max, unsigned long *out)
{
	unsigned long v = 0;
	if (!*s)
		return 0;
	for (; *s; s++) {
		unsigned d = (unsigned)(*s - '0');
		if (d > 9 || v > (max - d) / 10)
			return 0;
		v = v * 10 + d;
	}
	*out = v;
	return 1;
}

static const char *attr(const char **atts, const char *want)
{
	for (; *atts; atts += 2)
		if (strcmp(local(atts[0]), want) == 0)
			return atts[1];
	return NULL;
}

static const char *tail(const char *type)
{
	const char *s = strrchr(type, '/');
	return s ? s + 1 : type;
}

static const char *sheet_name(const struct xlsx_reader *r)
{
	return r->sheets[r->cur].name;
}

/* "A", "AB", ... for column col (0-based). */
static void col_name(long col, char out[8])
{
	char tmp[8];
	int n = 0;
	for (col++; col > 0 && n < 7; col = (col - 1) / 26)
		tmp[n++] = (char)('A' + (col - 1) % 26);
	for (int i = 0; i < n; i++)
		out[i] = tmp[n - 1 - i];
	out[n] = 0;
}

static void fail(struct xlsx_reader *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void fail(struct xlsx_reader *r, const char *fmt, ...)
{
	if (r->failed)
		return;
	va_list ap;
	va_start(ap, fmt);
	strbuf_addf(&r->err, "%s: ", r->name);
	strbuf_vaddf(&r->err, fmt, ap);
	va_end(ap);
	r->failed = 1;
}

/* From inside an expat handler: record the failure and stop the parser. */
#define FAIL_XML(r, ...)                           \
	do {                                       \
		fail((r), __VA_ARGS__);            \
		XML_StopParser((r)->p, XML_FALSE); \
	} while (0)

/* The first problem of the row being built wins. */
static void row_problem(struct xlsx_reader *r, long col, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void row_problem(struct xlsx_reader *r, long col, const char *fmt, ...)
{
	if (r->problem.len)
		return;
	va_list ap;
	va_start(ap, fmt);
	strbuf_vaddf(&r->problem, fmt, ap);
	va_end(ap);
	r->problem_col = (int)col;
}

/* Resolve an OPC relationship target against the part that names it. */
static char *resolve(const char *from, const char *target)
{
	struct strbuf path = STRBUF_INIT;
	if (target[0] == '/') {
		target++;
	} else {
		const char *slash = strrchr(from, '/');
		if (slash)
			strbuf_add(&path, from, (size_t)(slash - from + 1));
	}
	strbuf_addstr(&path, target);
	/* Fold "./" and "dir/../" so the name matches the zip's. */
	struct strbuf out = STRBUF_INIT;
	char *save = path.buf;
	while (*save) {
		char *end = strchr(save, '/');
		size_t n = end ? (size_t)(end - save) : strlen(save);
		if (n == 2 && save[0] == '.' && save[1] == '.') {
			while (out.len && out.buf[out.len - 1] == '/')
				strbuf_setlen(&out, out.len - 1);
			char *up = strrchr(out.buf, '/');
			strbuf_setlen(&out, up ? (size_t)(up - out.buf + 1) : 0);
		} else if (!(n == 1 && save[0] == '.') && n) {
			strbuf_add(&out, save, n);
			if (end)
				strbuf_addch(&out, '/');
		}
		save += n + (end ? 1 : 0);
	}
	strbuf_release(&path);
	return strbuf_detach(&out, NULL);
}

/* Append s[0..n) to out with Excel's _xHHHH_ escapes decoded. */
static int hex4(const char *s)
{
	int v = 0;
	for (int i = 0; i < 4; i++) {
		int c = s[i], d;
		if (c >= '0' && c <= '9')
			d = c - '0';
		else if (c >= 'a' && c <= 'f')
			d = c - 'a' + 10;
		else if (c >= 'A' && c <= 'F')
			d = c - 'A' + 10;
		else
			return -1;
		v = v * 16 + d;
	}
	return v;
}

static void add_utf8(struct strbuf *out, unsigned cp)
{
	char b[4];
	size_t n;
	if (cp < 0x80) {
		b[0] = (char)cp, n = 1;
	} else if (cp < 0x800) {
		b[0] = (char)(0xC0 | cp >> 6), b[1] = (char)(0x80 | (cp & 0x3F));
		n = 2;
	} else if (cp < 0x10000) {
		b[0] = (char)(0xE0 | cp >> 12);
		b[1] = (char)(0x80 | (cp >> 6 & 0x3F));
		b[2] = (char)(0x80 | (cp & 0x3F)), n = 3;
	} else {
		b[0] = (char)(0xF0 | cp >> 18);
		b[1] = (char)(0x80 | (cp >> 12 & 0x3F));
		b[2] = (char)(0x80 | (cp >> 6 & 0x3F));
		b[3] = (char)(0x80 | (cp & 0x3F)), n = 4;
	}
	strbuf_add(out, b, n);
}

/* One escape at s[0..n) (s[0] == '_'): its length, or 0 if none. */
static size_t escape_at(const char *s, size_t n, unsigned *cp)
{
	int hi, lo;
	if (n < 7 || s[1] != 'x' || s[6] != '_' || (hi = hex4(s + 2)) < 0)
		return 0;
	*cp = (unsigned)hi;
	if (hi >= 0xD800 && hi <= 0xDBFF && n >= 14 && s[7] == '_' && s[8] == 'x' && s[13] == '_' &&
	    (lo = hex4(s + 9)) >= 0xDC00 && lo <= 0xDFFF) {
		*cp = 0x10000 + ((unsigned)(hi - 0xD800) << 10) + (unsigned)(lo - 0xDC00);
		return 14;
	}
	/* A lone surrogate or NUL cannot be stored in a UTF-8 C string. */
	if (*cp == 0 || (*cp >= 0xD800 && *cp <= 0xDFFF))
		*cp = 0xFFFD;
	return 7;
}

static void add_unescaped(struct strbuf *out, const char *s, size_t n)
{
	size_t i = 0;
	while (i < n) {
		const char *u = memchr(s + i, '_', n - i);
		if (!u) {
			strbuf_add(out, s + i, n - i);
			return;
		}
		size_t k = (size_t)(u - s), used;
		unsigned cp;
		strbuf_add(out, s + i, k - i);
		if ((used = escape_at(u, n - k, &cp))) {
			add_utf8(out, cp);
			i = k + used;
		} else {
			strbuf_addch(out, '_');
			i = k + 1;
		}
	}
}

/* --- running expat over a whole (small) part --- */

static void XMLCALL on_text(void *ud, const XML_Char *s, int len)
{
	struct xlsx_reader *r = ud;
	if (r->collect)
		strbuf_add(&r->text, s, (size_t)len);
}

static void XMLCALL on_doctype(void *ud, const XML_Char *name, const XML_Char *sysid,
			       const XML_Char *pubid, int has_internal)
{
	struct xlsx_reader *r = ud;
	FAIL_XML(r,
		 "part %s has a document type declaration (<!DOCTYPE>), "
		 "which workbooks never have; refusing it",
		 r->part);
}

static void *xml_buffer(XML_Parser p)
{
	void *buf = XML_GetBuffer(p, CHUNK);
	if (!buf) {
		fputs("nirakaran: out of memory (XML buffer)\n", stderr);
		exit(1);
	}
	return buf;
}

static XML_Parser xml_new(struct xlsx_reader *r, XML_StartElementHandler s, XML_EndElementHandler e)
{
	XML_Parser p = XML_ParserCreate("UTF-8");
	if (!p) {
		fputs("nirakaran: out of memory (XML parser)\n", stderr);
		exit(1);
	}
	XML_SetUserData(p, r);
	XML_SetElementHandler(p, s, e);
	XML_SetCharacterDataHandler(p, on_text);
	XML_SetStartDoctypeDeclHandler(p, on_doctype);
	r->collect = 0;
	strbuf_reset(&r->text);
	return p;
}

/* Say where expat found the XML broken. what: "part xl/x.xml" or so. */
static void xml_error(struct xlsx_reader *r, const char *what)
{
	if (r->failed)
		return;
	fail(r,
	     "%s is not well-formed XML: %s at line %lu, column %lu; the "
	     "file is damaged or was not written by a spreadsheet program",
	     what, XML_ErrorString(XML_GetErrorCode(r->p)),
	     (unsigned long)XML_GetCurrentLineNumber(r->p),
	     (unsigned long)XML_GetCurrentColumnNumber(r->p) + 1);
}

/* Parse the whole of part: 1 done, 0 the zip has no such part, -1 error. */
static int parse_part(struct xlsx_reader *r, const char *part, XML_StartElementHandler s,
		      XML_EndElementHandler e)
{
	int st = xzip_open_part(r->zip, part, &r->err);
	if (st <= 0) {
		r->failed = st < 0;
		return st;
	}
	r->part = part;
	r->p = xml_new(r, s, e);
	struct strbuf what = STRBUF_INIT;
	strbuf_addf(&what, "part %s", part);
	for (;;) {
		void *buf = xml_buffer(r->p);
		long n = xzip_read(r->zip, buf, CHUNK, &r->err);
		if (n < 0) {
			r->failed = 1;
			break;
		}
		if (XML_ParseBuffer(r->p, (int)n, n == 0) != XML_STATUS_OK) {
			xml_error(r, what.buf);
			break;
		}
		if (n == 0)
			break;
	}
	strbuf_release(&what);
	XML_ParserFree(r->p);
	r->p = NULL;
	return r->failed ? -1 : 1;
}

/* --- the package: relationships, workbook, styles, shared strings --- */

static void XMLCALL rels_start(void *ud, const XML_Char *el, const XML_Char **a)
{
	struct xlsx_reader *r = ud;
	if (strcmp(local(el), "Relationship") != 0)
		return;
	const char *id = attr(a, "Id"), *type = attr(a, "Type");
	const char *target = attr(a, "Target"), *mode = attr(a, "TargetMode");
	if (!id || !type || !target || (mode && strcmp(mode, "External") == 0))
		return;
	ALLOC_GROW(r->rels, r->nrels + 1, r->arels);
	struct rel *rel = &r->rels[r->nrels++];
	rel->id = xstrdup(id);
	rel->type = xstrdup(tail(type));
	rel->target = resolve(r->rel_source, target);
}

static void XMLCALL no_end(void *ud, const XML_Char *el)
{
}

static void free_rels(struct xlsx_reader *r)
{
	for (size_t i = 0; i < r->nrels; i++) {
		free(r->rels[i].id);
		free(r->rels[i].type);
		free(r->rels[i].target);
	}
	r->nrels = 0;
}

static const struct rel *rel_by(const struct xlsx_reader *r, const char *id, const char *type)
{
	for (size_t i = 0; i < r->nrels; i++)
		if ((!id || strcmp(r->rels[i].id, id) == 0) &&
		    (!type || strcasecmp(r->rels[i].type, type) == 0))
			return &r->rels[i];
	return NULL;
}

/* The zip is not a workbook: say what it is instead, if we can tell. */
static void not_a_workbook(struct xlsx_reader *r)
{
	const char *what = "a zip file, but not an Excel workbook (it has no "
			   "xl/workbook.xml inside)";
	if (xzip_has(r->zip, "word/document.xml"))
		what = "a Word document (.docx), not an Excel workbook";
	else if (xzip_has(r->zip, "ppt/presentation.xml"))
		what = "a PowerPoint file (.pptx), not an Excel workbook";
	else if (xzip_has(r->zip, "content.xml") && xzip_has(r->zip, "mimetype"))
		what = "an OpenDocument file (.ods), not an Excel workbook";
	fail(r, "this is %s; save it from Excel as .xlsx or CSV", what);
}

/* Find xl/workbook.xml through the package's own relationships. */
static int find_workbook(struct xlsx_reader *r)
{
	r->rel_source = ""; /* the package itself */
	if (parse_part(r, "_rels/.rels", rels_start, no_end) < 0)
		return -1;
	const struct rel *rel = rel_by(r, NULL, "officeDocument");
	r->wb_part = xstrdup(rel ? rel->target : "xl/workbook.xml");
	free_rels(r);
	if (!xzip_has(r->zip, r->wb_part)) {
		not_a_workbook(r);
		return -1;
	}
	return 0;
}

static int is_true(const char *v)
{
	return v && (strcmp(v, "1") == 0 || strcasecmp(v, "true") == 0);
}

static void XMLCALL wb_start(void *ud, const XML_Char *el, const XML_Char **a)
{
	struct xlsx_reader *r = ud;
	const char *name = local(el);
	if (strcmp(name, "workbookPr") == 0) {
		r->date1904 = is_true(attr(a, "date1904"));
	} else if (strcmp(name, "sheet") == 0) {
		const char *sn = attr(a, "name"), *rid = attr(a, "id");
		const char *state = attr(a, "state");
		if (!sn || !rid)
			return;
		ALLOC_GROW(r->sheets, r->nsheets + 1, r->asheets);
		struct sheet *s = &r->sheets[r->nsheets++];
		memset(s, 0, sizeof(*s));
		s->name = xstrdup(sn);
		s->rid = xstrdup(rid);
		s->hidden = state && strcmp(state, "visible") != 0;
	}
}

/* Read the workbook and its relationships: sheet names and their parts,
 * the date system, where shared strings and styles are. */
static int read_workbook(struct xlsx_reader *r)
{
	if (parse_part(r, r->wb_part, wb_start, no_end) < 0)
		return -1;
	char *dir = resolve(r->wb_part, "_rels/");
	const char *base = strrchr(r->wb_part, '/');
	struct strbuf rels = STRBUF_INIT;
	strbuf_addf(&rels, "%s%s.rels", dir, base ? base + 1 : r->wb_part);
	free(dir);
	r->rel_source = r->wb_part;
	int st = parse_part(r, rels.buf, rels_start, no_end);
	if (st == 0)
		fail(r,
		     "the workbook has no %s part, so its sheets cannot be "
		     "found; the file is damaged",
		     rels.buf);
	strbuf_release(&rels);
	if (st <= 0)
		return -1;
	for (size_t i = 0; i < r->nsheets; i++) {
		const struct rel *rel = rel_by(r, r->sheets[i].rid, NULL);
		if (!rel)
			continue;
		r->sheets[i].part = xstrdup(rel->target);
		r->sheets[i].chart = strcasecmp(rel->type, "worksheet") != 0;
	}
	const struct rel *rel = rel_by(r, NULL, "sharedStrings");
	r->sst_part = rel ? xstrdup(rel->target) : NULL;
	rel = rel_by(r, NULL, "styles");
	r->styles_part = rel ? xstrdup(rel->target) : NULL;
	free_rels(r);
	return 0;
}

static void XMLCALL styles_start(void *ud, const XML_Char *el, const XML_Char **a)
{
	struct xlsx_reader *r = ud;
	const char *name = local(el), *id;
	if (strcmp(name, "numFmt") == 0) {
		const char *code = attr(a, "formatCode");
		if (!(id = attr(a, "numFmtId")) || !code)
			return;
		ALLOC_GROW(r->fmts, r->nfmts + 1, r->afmts);
		r->fmts[r->nfmts].id = strtoul(id, NULL, 10);
		r->fmts[r->nfmts++].kind = xnf_classify(code);
	} else if (strcmp(name, "cellXfs") == 0) {
		r->in_cellxfs = 1;
	} else if (strcmp(name, "xf") == 0 && r->in_cellxfs) {
		ALLOC_GROW(r->xf_fmt, r->nxf + 1, r->axf);
		id = attr(a, "numFmtId");
		r->xf_fmt[r->nxf++] = id ? strtoul(id, NULL, 10) : 0;
	}
}

static void XMLCALL styles_end(void *ud, const XML_Char *el)
{
	struct xlsx_reader *r = ud;
	if (strcmp(local(el), "cellXfs") == 0)
		r->in_cellxfs = 0;
}

/* The kind (date, time, number) of each cell style. */
static int read_styles(struct xlsx_reader *r)
{
	if (!r->styles_part)
		return 0;
	if (parse_part(r, r->styles_part, styles_start, styles_end) < 0)
		return -1;
	r->xf_kind = xcalloc(r->nxf ? r->nxf : 1, 1);
	for (size_t i = 0; i < r->nxf; i++) {
		enum xnf_kind k = xnf_builtin(r->xf_fmt[i]);
		/* A custom format may redefine any id. */
		for (size_t j = 0; j < r->nfmts; j++)
			if (r->fmts[j].id == r->xf_fmt[i])
				k = r->fmts[j].kind;
		r->xf_kind[i] = (unsigned char)k;
	}
	return 0;
}

static void XMLCALL sst_start(void *ud, const XML_Char *el, const XML_Char **a)
{
	struct xlsx_reader *r = ud;
	const char *name = local(el);
	if (strcmp(name, "si") == 0) {
		r->in_si = 1;
		strbuf_reset(&r->text);
	} else if (strcmp(name, "rPh") == 0) {
		r->rph++; /* phonetic guide: not part of the text */
	} else if (strcmp(name, "t") == 0 && r->in_si && !r->rph) {
		r->collect = 1;
	}
}

static void XMLCALL sst_end(void *ud, const XML_Char *el)
{
	struct xlsx_reader *r = ud;
	const char *name = local(el);
	if (strcmp(name, "t") == 0) {
		r->collect = 0;
	} else if (strcmp(name, "rPh") == 0) {
		r->rph--;
	} else if (strcmp(name, "si") == 0 && r->in_si) {
		r->in_si = 0;
		strbuf_reset(&r->tmp);
		add_unescaped(&r->tmp, r->text.buf, r->text.len);
		size_t had = r->asst;
		ALLOC_GROW(r->sst, r->nsst + 1, r->asst);
		if (r->asst != had)
			r->sst_len = xrealloc(r->sst_len, r->asst * sizeof(*r->sst_len));
		r->sst[r->nsst] = arena_strndup(&r->sst_arena, r->tmp.buf, r->tmp.len);
		r->sst_len[r->nsst++] = r->tmp.len;
	}
}

static int read_shared_strings(struct xlsx_reader *r)
{
	/* Absent is fine: a workbook of numbers or inline strings has none. */
	if (!r->sst_part)
		return 0;
	return parse_part(r, r->sst_part, sst_start, sst_end) < 0 ? -1 : 0;
}

/* --- the worksheet, streamed --- */

/* Column (0-based) of a cell reference like "C5"; -1 if it is not one. */
static long parse_ref(const char *s)
{
	long c = 0;
	int n = 0;
	for (; isalpha((unsigned char)*s); s++) {
		if (++n > 3)
			return -1;
		c = c * 26 + (toupper((unsigned char)*s) - 'A' + 1);
	}
	if (n == 0 || c > MAX_COLS)
		return -1;
	while (isdigit((unsigned char)*s))
		s++;
	return *s ? -1 : c - 1;
}

static void row_start(struct xlsx_reader *r, const char **a)
{
	if (r->row_ready) {
		FAIL_XML(r,
			 "internal error: the XML parser did not pause "
			 "after row %ld",
			 r->rownum);
		return;
	}
	const char *rs = attr(a, "r");
	long n = r->last_row + 1;
	if (rs) {
		unsigned long u;
		char *end;
		if (whole(rs, 1UL << 40, &u)) {
			n = (long)u;
		} else { /* strtol also takes an odd writer's " 5" */
			n = strtol(rs, &end, 10);
			if (*end || end == rs)
				n = 0;
		}
		if (n < 1 || n > (1L << 40)) {
			FAIL_XML(r,
				 "sheet \"%s\": row number \"%s\" after row "
				 "%ld is not a whole number from 1 up; the file "
				 "is damaged",
				 sheet_name(r), rs, r->last_row);
			return;
		}
	}
	if (n > r->last_row + 1)
		r->empty_rows += n - r->last_row - 1;
	r->rownum = n;
	r->ncells = 0;
	r->maxcol = -1;
	r->next_col = 0;
	strbuf_setlen(&r->rowbuf, 1); /* offset 0 is the "" of empty fields */
	strbuf_reset(&r->problem);
	r->problem_col = -1;
}

static enum ctype cell_type(const char *t)
{
	if (!t)
		return T_NUM;
	if (t[0] && !t[1]) {
		switch (t[0]) {
		case 'n': return T_NUM;
		case 's': return T_SST;
		case 'b': return T_BOOL;
		case 'e': return T_ERR;
		case 'd': return T_DATE;
		}
	}
	return strcmp(t, "inlineStr") == 0 ? T_INLINE : T_STR;
}

static void cell_start(struct xlsx_reader *r, const char **a)
{
	const char *ref = NULL, *t = NULL, *s = NULL;
	for (; *a; a += 2) {
		const char *k = local(a[0]);
		if (k[0] && !k[1]) {
			if (k[0] == 'r')
				ref = a[1];
			else if (k[0] == 't')
				t = a[1];
			else if (k[0] == 's')
				s = a[1];
		}
	}
	long col = ref ? parse_ref(ref) : r->next_col;
	if (col < 0 || col >= MAX_COLS) {
		FAIL_XML(r,
			 "sheet \"%s\", row %ld: \"%s\" is not a valid cell "
			 "reference (columns run from A to XFD); the file is "
			 "damaged",
			 sheet_name(r), r->rownum, ref ? ref : "?");
		return;
	}
	r->ccol = col;
	r->next_col = col + 1;
	r->ctype = cell_type(t);
	if (!s)
		r->cstyle = 0;
	else if (!whole(s, ULONG_MAX, &r->cstyle))
		r->cstyle = strtoul(s, NULL, 10);
	r->in_c = 1;
	r->in_is = 0;
	r->rph = 0;
	r->cformula = r->cvalue = 0;
	strbuf_reset(&r->text);
}

static void XMLCALL sheet_start(void *ud, const XML_Char *el, const XML_Char **a)
{
	struct xlsx_reader *r = ud;
	const char *name = local(el);
	if (!r->in_data) {
		r->in_data = strcmp(name, "sheetData") == 0;
		return;
	}
	switch (name[0]) {
	case 'c':
		if (!name[1])
			cell_start(r, a);
		break;
	case 'v':
		if (!name[1] && r->in_c)
			r->collect = r->cvalue = 1;
		break;
	case 'f':
		if (!name[1] && r->in_c)
			r->cformula = 1;
		break;
	case 't':
		if (!name[1] && r->in_is && !r->rph)
			r->collect = 1;
		break;
	case 'i':
		if (strcmp(name, "is") == 0)
			r->in_is = 1;
		break;
	case 'r':
		if (strcmp(name, "row") == 0)
			row_start(r, a);
		else if (strcmp(name, "rPh") == 0)
			r->rph++;
		break;
	}
}

static void sst_value(struct xlsx_reader *r, const char *v)
{
	char cn[8];
	unsigned long i;
	if (!whole(v, ULONG_MAX, &i) || i >= r->nsst) {
		col_name(r->ccol, cn);
		row_problem(r, r->ccol,
			    "sheet \"%s\", cell %s%ld: refers to "
			    "shared string \"%s\", but the workbook has %zu; "
			    "the file is damaged",
			    sheet_name(r), cn, r->rownum, v, r->nsst);
		return;
	}
	strbuf_add(&r->rowbuf, r->sst[i], r->sst_len[i]);
}

/*
 * A number of 16 digits or more, past what a double (and Excel, which
 * keeps 15) holds exactly: an 18-digit complaint number stored as a
 * number. Written out in full digits it is taken as written; in any other
 * form its last digits are gone, and the row says so. 1 when handled.
 */
static int long_number(struct xlsx_reader *r, const char *v, size_t n, double d)
{
	size_t i = v[0] == '-';
	while (i < n && isdigit((unsigned char)v[i]))
		i++;
	if (i == n && n > (size_t)(v[0] == '-')) {
		strbuf_add(&r->rowbuf, v, n);
		return 1;
	}
	/* Excel writes 15 significant digits, others 16 or 17: all it had */
	size_t sig = 0;
	for (i = 0; i < n && v[i] != 'E' && v[i] != 'e'; i++)
		sig += isdigit((unsigned char)v[i]) && (sig || v[i] != '0');
	if (d != floor(d) || sig < 15)
		return 0;
	char cn[8];
	col_name(r->ccol, cn);
	row_problem(r, r->ccol,
		    "sheet \"%s\", cell %s%ld: holds the number %.40s, which has more digits "
		    "than Excel keeps exactly (15): its last digits are lost; if it is a "
		    "complaint number or a mobile, format the column as Text and export again",
		    sheet_name(r), cn, r->rownum, v);
	return 0;
}

static void num_value(struct xlsx_reader *r, const char *v, size_t n)
{
	char buf[XNF_BUFSZ], date[XNF_BUFSZ], cn[8];
	double d;
	size_t m = xnf_number_text(v, n, buf, &d);
	if (!m) {
		col_name(r->ccol, cn);
		row_problem(r, r->ccol,
			    "sheet \"%s\", cell %s%ld: expected a "
			    "number, found \"%.40s\"",
			    sheet_name(r), cn, r->rownum, v);
		strbuf_add(&r->rowbuf, v, n);
		return;
	}
	if (r->cstyle < r->nxf && r->xf_kind[r->cstyle] != XNF_NUMBER) {
		size_t k = xnf_serial(d, r->date1904, (enum xnf_kind)r->xf_kind[r->cstyle], date);
		if (k) {
			strbuf_add(&r->rowbuf, date, k);
			return;
		}
	}
	if (fabs(d) >= 1e15 && long_number(r, v, n, d))
		return;
	strbuf_add(&r->rowbuf, buf, m);
}

/* t="d": an ISO 8601 date, as "YYYY-MM-DD" or "YYYY-MM-DD HH:MM:SS". */
static void iso_value(struct xlsx_reader *r, const char *v, size_t n)
{
	if (n >= 19 && v[10] == 'T' && v[13] == ':' && v[16] == ':') {
		strbuf_add(&r->rowbuf, v, 10);
		strbuf_addch(&r->rowbuf, ' ');
		strbuf_add(&r->rowbuf, v + 11, 8);
	} else {
		strbuf_add(&r->rowbuf, v, n);
	}
}

/*
 * A cell with no value that should have one: a formula never calculated
 * (written by a program that does not compute formulas), or a shared
 * string that names none. Its row is not empty: it is damaged.
 */
static void missing_value(struct xlsx_reader *r)
{
	char cn[8];
	col_name(r->ccol, cn);
	if (r->cformula && !r->cvalue)
		row_problem(r, r->ccol,
			    "sheet \"%s\", cell %s%ld: holds a formula whose value was never "
			    "calculated (the program that wrote the file does not compute "
			    "formulas); open the file in Excel or LibreOffice, save it, and load "
			    "it again",
			    sheet_name(r), cn, r->rownum);
	else if (r->ctype == T_SST)
		row_problem(r, r->ccol,
			    "sheet \"%s\", cell %s%ld: is marked as a shared string but names "
			    "none; the file is damaged",
			    sheet_name(r), cn, r->rownum);
}

static void cell_end(struct xlsx_reader *r)
{
	const char *v = r->text.buf;
	size_t n = r->text.len, start = r->rowbuf.len;
	r->in_c = 0;
	if (n == 0) {
		missing_value(r);
		return;
	}
	switch (r->ctype) {
	case T_SST: sst_value(r, v); break;
	case T_INLINE:
	case T_STR: add_unescaped(&r->rowbuf, v, n); break;
	case T_BOOL:
		strbuf_addstr(&r->rowbuf, strcmp(v, "0") == 0   ? "FALSE"
					  : strcmp(v, "1") == 0 ? "TRUE"
								: v);
		break;
	case T_ERR: strbuf_add(&r->rowbuf, v, n); break;
	case T_DATE: iso_value(r, v, n); break;
	case T_NUM: num_value(r, v, n); break;
	}
	if (r->rowbuf.len == start)
		return;
	ALLOC_GROW(r->cells, r->ncells + 1, r->acells);
	r->cells[r->ncells++] = (struct cell){r->ccol, start, r->rowbuf.len - start};
	strbuf_addch(&r->rowbuf, 0);
	if (r->ccol > r->maxcol)
		r->maxcol = r->ccol;
}

/* Lay the row's values out as fields, and pause the parser to hand it over. */
static void row_end(struct xlsx_reader *r)
{
	if (r->rownum > r->last_row)
		r->last_row = r->rownum;
	if (r->ncells == 0 && !r->problem.len) {
		r->empty_rows++;
		return;
	}
	size_t width = (size_t)(r->maxcol + 1);
	if (!r->header_width)
		r->header_width = width;
	if (width < r->header_width)
		width = r->header_width;
	size_t had = r->afield;
	ALLOC_GROW(r->field, width, r->afield);
	if (had != r->afield)
		r->flen = xrealloc(r->flen, r->afield * sizeof(*r->flen));
	for (size_t i = 0; i < width; i++) {
		r->field[i] = r->rowbuf.buf;
		r->flen[i] = 0;
	}
	for (size_t i = 0; i < r->ncells; i++) {
		r->field[r->cells[i].col] = r->rowbuf.buf + r->cells[i].off;
		r->flen[r->cells[i].col] = r->cells[i].len;
	}
	r->ncells = width; /* now the field count */
	r->row_ready = 1;
	XML_StopParser(r->p, XML_TRUE);
}

static void XMLCALL sheet_end(void *ud, const XML_Char *el)
{
	struct xlsx_reader *r = ud;
	const char *name = local(el);
	if (!r->in_data)
		return;
	switch (name[0]) {
	case 'v':
	case 't':
		if (!name[1])
			r->collect = 0;
		break;
	case 'c':
		if (!name[1] && r->in_c)
			cell_end(r);
		break;
	case 'i':
		if (strcmp(name, "is") == 0)
			r->in_is = 0;
		break;
	case 'r':
		if (strcmp(name, "row") == 0)
			row_end(r);
		else if (strcmp(name, "rPh") == 0)
			r->rph--;
		break;
	case 's':
		if (strcmp(name, "sheetData") == 0)
			r->in_data = 0;
		break;
	}
}

static int open_sheet(struct xlsx_reader *r)
{
	const struct sheet *s = &r->sheets[r->cur];
	int st = xzip_open_part(r->zip, s->part, &r->err);
	if (st == 0)
		fail(r,
		     "sheet \"%s\" should be in part %s, which the zip does "
		     "not have; the file is damaged",
		     s->name, s->part);
	if (st <= 0) {
		r->failed = 1;
		return -1;
	}
	r->part = s->part;
	r->p = xml_new(r, sheet_start, sheet_end);
	return 0;
}

/* One step of the sheet's parser: resume it, or feed it the next chunk. */
static enum XML_Status feed(struct xlsx_reader *r)
{
	if (r->suspended)
		return XML_ResumeParser(r->p);
	void *buf = xml_buffer(r->p);
	long n = xzip_read(r->zip, buf, CHUNK, &r->err);
	if (n < 0) {
		r->failed = 1;
		return XML_STATUS_ERROR;
	}
	r->final_fed = n == 0;
	return XML_ParseBuffer(r->p, (int)n, n == 0);
}

int xlsx_next(struct xlsx_reader *r, struct row *row)
{
	r->row_ready = 0;
	while (!r->failed && !r->done) {
		enum XML_Status st = feed(r);
		r->suspended = st == XML_STATUS_SUSPENDED;
		if (st == XML_STATUS_ERROR) {
			struct strbuf what = STRBUF_INIT;
			strbuf_addf(&what, "sheet \"%s\" (%s)", sheet_name(r), r->part);
			xml_error(r, what.buf);
			strbuf_release(&what);
			break;
		}
		if (r->row_ready) {
			row->number = r->rownum;
			row->nfields = r->ncells;
			row->field = r->field;
			row->len = r->flen;
			row->problem = r->problem.len ? r->problem.buf : NULL;
			row->problem_col = r->problem.len ? r->problem_col : -1;
			row->cut = 0;
			return ROW_OK;
		}
		if (st == XML_STATUS_OK && r->final_fed)
			r->done = 1;
	}
	return r->failed ? ROW_ERROR : ROW_EOF;
}

/* --- opening, choosing the sheet, closing --- */

int xlsx_select_sheet(struct xlsx_reader *r, int i)
{
	if (i < 0 || (size_t)i >= r->nsheets || !r->sheets[i].part || r->sheets[i].chart) {
		fail(r, "the workbook has no worksheet number %d", i + 1);
		return -1;
	}
	if (r->p)
		XML_ParserFree(r->p);
	r->p = NULL;
	r->suspended = r->final_fed = r->row_ready = r->in_data = r->in_c = 0;
	r->done = r->collect = 0;
	r->rownum = r->last_row = r->next_col = r->empty_rows = 0;
	r->ncells = r->header_width = 0;
	r->cur = i;
	return r->failed ? -1 : open_sheet(r);
}

static int choose_sheet(struct xlsx_reader *r, const char *want)
{
	int pick = -1;
	for (size_t i = 0; want && pick < 0 && i < r->nsheets; i++)
		if (strcmp(r->sheets[i].name, want) == 0)
			pick = (int)i;
	for (size_t i = 0; want && pick < 0 && i < r->nsheets; i++)
		if (strcasecmp(r->sheets[i].name, want) == 0)
			pick = (int)i;
	for (size_t i = 0; !want && pick < 0 && i < r->nsheets; i++)
		if (r->sheets[i].part && !r->sheets[i].chart && !r->sheets[i].hidden)
			pick = (int)i;
	for (size_t i = 0; !want && pick < 0 && i < r->nsheets; i++)
		if (r->sheets[i].part && !r->sheets[i].chart)
			pick = (int)i;
	if (pick < 0 && want) {
		struct strbuf names = STRBUF_INIT;
		for (size_t i = 0; i < r->nsheets; i++)
			strbuf_addf(&names, "%s\"%s\"", i ? ", " : "", r->sheets[i].name);
		fail(r,
		     "the workbook has no sheet named \"%s\"; its sheets "
		     "are: %s",
		     want, names.len ? names.buf : "(none)");
		strbuf_release(&names);
		return -1;
	}
	if (pick < 0) {
		fail(r, "the workbook has no worksheet to read");
		return -1;
	}
	r->cur = pick;
	if (!r->sheets[pick].part) {
		fail(r,
		     "sheet \"%s\" has no entry in the workbook's "
		     "relationships; the file is damaged",
		     r->sheets[pick].name);
		return -1;
	}
	if (r->sheets[pick].chart) {
		fail(r,
		     "sheet \"%s\" is a chart, not a table of rows; choose "
		     "another sheet",
		     r->sheets[pick].name);
		return -1;
	}
	return 0;
}

static void set_limits(const struct xlsx_options *opt, struct xzip_limits *l)
{
	l->max_total = opt && opt->max_uncompressed ? opt->max_uncompressed
						    : XLSX_DEFAULT_MAX_UNCOMPRESSED;
	l->max_ratio = opt && opt->max_ratio ? opt->max_ratio : XLSX_DEFAULT_MAX_RATIO;
}

static struct xlsx_reader *open_zip(struct xzip *z, const struct xlsx_options *opt,
				    struct strbuf *err)
{
	if (!z)
		return NULL;
	struct xlsx_reader *r = xcalloc(1, sizeof(*r));
	r->zip = z;
	r->name = xzip_name(z);
	strbuf_init(&r->err, 0);
	strbuf_init(&r->text, 0);
	strbuf_init(&r->tmp, 0);
	strbuf_init(&r->rowbuf, 0);
	strbuf_init(&r->problem, 0);
	strbuf_addch(&r->rowbuf, 0);
	r->problem_col = -1;
	if (find_workbook(r) < 0 || read_workbook(r) < 0 ||
	    choose_sheet(r, opt ? opt->sheet : NULL) < 0 || read_styles(r) < 0 ||
	    read_shared_strings(r) < 0 || open_sheet(r) < 0) {
		strbuf_add(err, r->err.buf, r->err.len);
		xlsx_close(r);
		return NULL;
	}
	return r;
}

struct xlsx_reader *xlsx_open(const char *path, const struct xlsx_options *opt, struct strbuf *err)
{
	struct xzip_limits lim;
	set_limits(opt, &lim);
	return open_zip(xzip_open_file(path, &lim, err), opt, err);
}

struct xlsx_reader *xlsx_open_mem(const void *data, size_t len, const char *name,
				  const struct xlsx_options *opt, struct strbuf *err)
{
	struct xzip_limits lim;
	set_limits(opt, &lim);
	return open_zip(xzip_open_mem(data, len, name, &lim, err), opt, err);
}

const char *xlsx_error(const struct xlsx_reader *r)
{
	return r->err.buf;
}

long xlsx_empty_rows(const struct xlsx_reader *r)
{
	return r->empty_rows;
}

int xlsx_sheet_count(const struct xlsx_reader *r)
{
	return (int)r->nsheets;
}

const char *xlsx_sheet_name(const struct xlsx_reader *r, int i)
{
	return i >= 0 && (size_t)i < r->nsheets ? r->sheets[i].name : NULL;
}

int xlsx_sheet_hidden(const struct xlsx_reader *r, int i)
{
	return i >= 0 && (size_t)i < r->nsheets && r->sheets[i].hidden;
}

int xlsx_sheet_readable(const struct xlsx_reader *r, int i)
{
	return i >= 0 && (size_t)i < r->nsheets && r->sheets[i].part && !r->sheets[i].chart &&
	       !r->sheets[i].hidden;
}

int xlsx_sheet_current(const struct xlsx_reader *r)
{
	return r->cur;
}

int xlsx_date1904(const struct xlsx_reader *r)
{
	return r->date1904;
}

void xlsx_close(struct xlsx_reader *r)
{
	if (!r)
		return;
	if (r->p)
		XML_ParserFree(r->p);
	xzip_close(r->zip);
	for (size_t i = 0; i < r->nsheets; i++) {
		free(r->sheets[i].name);
		free(r->sheets[i].rid);
		free(r->sheets[i].part);
	}
	free(r->sheets);
	free_rels(r);
	free(r->rels);
	free(r->wb_part);
	free(r->sst_part);
	free(r->styles_part);
	free(r->fmts);
	free(r->xf_fmt);
	free(r->xf_kind);
	arena_release(&r->sst_arena);
	free(r->sst);
	free(r->sst_len);
	free(r->cells);
	free(r->field);
	free(r->flen);
	strbuf_release(&r->err);
	strbuf_release(&r->text);
	strbuf_release(&r->tmp);
	strbuf_release(&r->rowbuf);
	strbuf_release(&r->problem);
	free(r);
}
