/*
 * csv.c - streaming CSV reader; csv.h says what it promises.
 *
 * Two layers. The source layer (src_read, fill) keeps a window of UTF-8
 * text in buf: UTF-8 files are read straight into it, UTF-16 files are
 * decoded into it. The parser (step) is a resumable state machine over that
 * window, so a record may straddle any number of reads; it copies field
 * bytes into rec and only checks UTF-8 once a record is complete.
 */
#include "ingest/csv.h"

#include "ingest/sniff.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

enum enc { ENC_UTF8, ENC_UTF8_BOM, ENC_UTF8_UTF16BOM, ENC_UTF16LE, ENC_UTF16BE };

enum state {
	S_REC_START,   /* between records: blank lines are skipped here */
	S_FIELD_START, /* right after a delimiter or a record's start */
	S_UNQUOTED,
	S_QUOTED,
	S_QUOTE_SEEN /* a quote inside quotes: closing, or first of "" */
};

/*
 * A byte that never occurs in UTF-8. The UTF-16 decoder writes it where a
 * lone surrogate (or a stray last byte) was, so the row check that finds
 * invalid UTF-8 also finds bad UTF-16, on the right row and column.
 */
#define BAD_UNIT 0xFF
#define NO_FIX   ((size_t)-1)

struct csv_reader {
	char *name;               /* from malloc: the path, for messages */
	int fd;                   /* -1 when reading memory */
	const unsigned char *mem; /* the caller's, when reading memory */
	size_t mem_len, mem_pos;
	long long size, nread;
	int src_eof, failed, done;
	int last_byte; /* the last byte of text added to buf: did the file end a line? */
	size_t read_size, field_cap;

	enum enc enc;
	unsigned char delim;
	unsigned char stop[256];  /* bytes that end an unquoted run */
	unsigned char qstop[256]; /* bytes that end a quoted run */

	unsigned char *buf; /* UTF-8 text; [pos, end) not yet parsed */
	size_t pos, end, cap;
	unsigned char *raw; /* UTF-16 bytes; [rpos, rend) not decoded */
	size_t rpos, rend, rcap;

	enum state state;
	int skip_lf; /* a CR ended the window: a LF next is
				       part of the same line break */
	long line;   /* physical line of buf[pos] */
	long blank;

	/* The record being built: fields back to back, each NUL-terminated. */
	long rec_line, quote_line;
	unsigned char *rec;
	size_t rec_len, rec_alloc;
	size_t field_start;
	int field_cut;
	size_t nf, falloc;
	size_t *foff, *flen, *fixat; /* per field: offset in rec, length,
					offset in fix or NO_FIX */
	char **fptr;
	struct strbuf fix; /* repaired copies of bad fields */
	struct strbuf problem;
	int pcol;
	struct strbuf err;
};

/* ---- source ---- */

/* Up to n bytes (at most read_size) into dst: count, 0 at the end, -1. */
static ssize_t src_read(struct csv_reader *r, unsigned char *dst, size_t n)
{
	if (n > r->read_size)
		n = r->read_size;
	if (r->fd < 0) {
		size_t k = r->mem_len - r->mem_pos;
		if (k > n)
			k = n;
		memcpy(dst, r->mem + r->mem_pos, k);
		r->mem_pos += k;
		r->nread += (long long)k;
		return (ssize_t)k;
	}
	for (;;) {
		ssize_t k = read(r->fd, dst, n);
		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0) {
			strbuf_reset(&r->err);
			strbuf_addf(&r->err, "%s: cannot read the file: %s", r->name,
				    strerror(errno));
			return -1;
		}
		r->nread += k;
		return k;
	}
}

static unsigned char *put_utf8(unsigned char *o, unsigned cp)
{
	if (cp < 0x80) {
		*o++ = (unsigned char)cp;
	} else if (cp < 0x800) {
		*o++ = (unsigned char)(0xC0 | cp >> 6);
		*o++ = (unsigned char)(0x80 | (cp & 0x3F));
	} else if (cp < 0x10000) {
		*o++ = (unsigned char)(0xE0 | cp >> 12);
		*o++ = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
		*o++ = (unsigned char)(0x80 | (cp & 0x3F));
	} else {
		*o++ = (unsigned char)(0xF0 | cp >> 18);
		*o++ = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
		*o++ = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
		*o++ = (unsigned char)(0x80 | (cp & 0x3F));
	}
	return o;
}

/* Decode whole UTF-16 units from raw into buf while 4 bytes of room last. */
static void decode_utf16(struct csv_reader *r)
{
	const unsigned char *p = r->raw + r->rpos, *e = r->raw + r->rend;
	unsigned char *o = r->buf + r->end, *oe = r->buf + r->cap - 4;
	int be = r->enc == ENC_UTF16BE;

	while (e - p >= 2 && o <= oe) {
		unsigned u = be ? (unsigned)p[0] << 8 | p[1] : (unsigned)p[1] << 8 | p[0];
		if (u < 0xD800 || u > 0xDFFF) {
			o = put_utf8(o, u);
			p += 2;
			continue;
		}
		if (u <= 0xDBFF && e - p < 4 && !r->src_eof)
			break; /* its partner is in the next read */
		if (u <= 0xDBFF && e - p >= 4) {
			unsigned v = be ? (unsigned)p[2] << 8 | p[3] : (unsigned)p[3] << 8 | p[2];
			if (v >= 0xDC00 && v <= 0xDFFF) {
				o = put_utf8(o, 0x10000 + ((u - 0xD800) << 10) + (v - 0xDC00));
				p += 4;
				continue;
			}
		}
		*o++ = BAD_UNIT;
		p += 2;
	}
	r->rpos = (size_t)(p - r->raw);
	r->end = (size_t)(o - r->buf);
	if (r->end)
		r->last_byte = r->buf[r->end - 1];
}

static ssize_t fill_utf16(struct csv_reader *r)
{
	size_t start = r->end;
	for (;;) {
		decode_utf16(r);
		if (r->end > start)
			return (ssize_t)(r->end - start);
		if (r->cap - r->end < 4)
			return 0;
		if (r->src_eof) {
			if (r->rpos == r->rend)
				return 0;
			r->buf[r->end++] = BAD_UNIT; /* an odd last byte */
			r->rpos = r->rend;
			return 1;
		}
		memmove(r->raw, r->raw + r->rpos, r->rend - r->rpos);
		r->rend -= r->rpos;
		r->rpos = 0;
		ssize_t k = src_read(r, r->raw + r->rend, r->rcap - r->rend);
		if (k < 0)
			return -1;
		if (k == 0)
			r->src_eof = 1;
		r->rend += (size_t)k;
	}
}

/*
 * Slide the unparsed text to the front of buf and add more after it.
 * Returns bytes added; 0 at the end of the file or when buf is full; -1.
 */
static ssize_t fill(struct csv_reader *r)
{
	if (r->pos > 0) {
		memmove(r->buf, r->buf + r->pos, r->end - r->pos);
		r->end -= r->pos;
		r->pos = 0;
	}
	if (r->enc == ENC_UTF16LE || r->enc == ENC_UTF16BE)
		return fill_utf16(r);
	if (r->end == r->cap || r->src_eof)
		return 0;
	ssize_t k = src_read(r, r->buf + r->end, r->cap - r->end);
	if (k == 0)
		r->src_eof = 1;
	if (k > 0)
		r->end += (size_t)k;
	if (r->end)
		r->last_byte = r->buf[r->end - 1];
	return k;
}

/* ---- building a record ---- */

static void set_problem(struct csv_reader *r, int force, size_t col, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void set_problem(struct csv_reader *r, int force, size_t col, const char *fmt, ...)
{
	va_list ap;
	if (r->problem.len && !force)
		return;
	strbuf_reset(&r->problem);
	va_start(ap, fmt);
	strbuf_vaddf(&r->problem, fmt, ap);
	va_end(ap);
	r->pcol = (int)col;
}

static void rec_reserve(struct csv_reader *r, size_t n)
{
	if (r->rec_len + n <= r->rec_alloc)
		return;
	size_t na = r->rec_alloc ? r->rec_alloc : 1024;
	while (na < r->rec_len + n)
		na *= 2;
	r->rec = xrealloc(r->rec, na);
	r->rec_alloc = na;
}

static void rec_add(struct csv_reader *r, const unsigned char *s, size_t n)
{
	size_t have = r->rec_len - r->field_start;
	if (have + n > r->field_cap) {
		r->field_cut = 1;
		n = have < r->field_cap ? r->field_cap - have : 0;
	}
	rec_reserve(r, n + 1);
	memcpy(r->rec + r->rec_len, s, n);
	r->rec_len += n;
}

/* Length of s[0..n) without an incomplete UTF-8 sequence at its end. */
static size_t utf8_cut(const unsigned char *s, size_t n)
{
	for (size_t back = 1; back <= 4 && back <= n; back++) {
		unsigned c = s[n - back];
		if ((c & 0xC0) == 0x80)
			continue;
		if (c < 0xC2 || c > 0xF4)
			return n; /* not a lead byte: nothing to keep whole */
		size_t need = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
		return need > back ? n - back : n;
	}
	return n;
}

static void describe_cap(size_t cap, char *out, size_t n)
{
	if (cap >= ((size_t)1 << 20) && cap % ((size_t)1 << 20) == 0)
		xsnprintf(out, n, "%zu MiB", cap >> 20);
	else
		xsnprintf(out, n, "%zu bytes", cap);
}

static void fields_grow(struct csv_reader *r, size_t need)
{
	if (need <= r->falloc)
		return;
	size_t na = r->falloc ? r->falloc * 2 : 64;
	while (na < need)
		na *= 2;
	r->foff = xrealloc(r->foff, na * sizeof(*r->foff));
	r->flen = xrealloc(r->flen, na * sizeof(*r->flen));
	r->fixat = xrealloc(r->fixat, na * sizeof(*r->fixat));
	r->fptr = xrealloc(r->fptr, na * sizeof(*r->fptr));
	r->falloc = na;
}

static void end_field(struct csv_reader *r)
{
	size_t len = r->rec_len - r->field_start;
	if (r->field_cut) {
		char cap[32];
		describe_cap(r->field_cap, cap, sizeof(cap));
		len = utf8_cut(r->rec + r->field_start, len);
		r->rec_len = r->field_start + len;
		set_problem(r, 0, r->nf,
			    "the text in column %zu is longer than %s; only "
			    "its first %s were kept",
			    r->nf + 1, cap, cap);
		r->field_cut = 0;
	}
	fields_grow(r, r->nf + 1);
	r->foff[r->nf] = r->field_start;
	r->flen[r->nf] = len;
	r->nf++;
	rec_reserve(r, 1);
	r->rec[r->rec_len++] = 0;
	r->field_start = r->rec_len;
}

static void begin_record(struct csv_reader *r)
{
	r->rec_len = 0;
	r->nf = 0;
	r->field_start = 0;
	r->field_cut = 0;
	strbuf_reset(&r->problem);
	r->pcol = -1;
	r->rec_line = r->line;
}

/* ---- checking a record's text ---- */

/* True when s[0..n) is ASCII without NUL: the common case, 8 bytes a step. */
static int plain_ascii(const unsigned char *s, size_t n)
{
	const uint64_t ones = 0x0101010101010101ULL;
	const uint64_t highs = 0x8080808080808080ULL;
	size_t i = 0;
	for (; i + 8 <= n; i += 8) {
		uint64_t w;
		memcpy(&w, s + i, 8);
		if ((w | ((w - ones) & ~w)) & highs)
			return 0;
	}
	for (; i < n; i++)
		if (s[i] == 0 || s[i] >= 0x80)
			return 0;
	return 1;
}

/* Length of the valid UTF-8 sequence at s (n > 0 bytes left), or 0. */
static size_t utf8_seq(const unsigned char *s, size_t n)
{
	unsigned c = s[0], min, cp;
	size_t k;
	if (c < 0x80)
		return 1;
	if (c >= 0xC2 && c <= 0xDF)
		k = 1, min = 0x80;
	else if (c >= 0xE0 && c <= 0xEF)
		k = 2, min = 0x800;
	else if (c >= 0xF0 && c <= 0xF4)
		k = 3, min = 0x10000;
	else
		return 0;
	if (n <= k)
		return 0;
	cp = c & (0x3Fu >> k);
	for (size_t i = 1; i <= k; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3F);
	}
	if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		return 0;
	return k + 1;
}

enum trouble { T_NONE, T_BAD, T_NUL };

static enum trouble first_trouble(const unsigned char *s, size_t n)
{
	size_t i = 0;
	while (i < n) {
		if (s[i] == 0)
			return T_NUL;
		size_t k = utf8_seq(s + i, n - i);
		if (!k)
			return T_BAD;
		i += k;
	}
	return T_NONE;
}

/* Copy field i into fix with each NUL and invalid byte made U+FFFD. */
static void repair(struct csv_reader *r, size_t i)
{
	const unsigned char *s = r->rec + r->foff[i];
	size_t n = r->flen[i], at = r->fix.len, j = 0;
	while (j < n) {
		size_t k = s[j] ? utf8_seq(s + j, n - j) : 0;
		if (k) {
			strbuf_add(&r->fix, s + j, k);
			j += k;
		} else {
			strbuf_add(&r->fix, "\xEF\xBF\xBD", 3);
			j++;
		}
	}
	strbuf_addch(&r->fix, 0);
	r->fixat[i] = at;
	r->flen[i] = r->fix.len - 1 - at;
}

static void check_field(struct csv_reader *r, size_t i)
{
	const unsigned char *s = r->rec + r->foff[i];
	enum trouble t;
	r->fixat[i] = NO_FIX;
	if (plain_ascii(s, r->flen[i]))
		return;
	t = first_trouble(s, r->flen[i]);
	if (t == T_NONE)
		return;
	if (t == T_NUL)
		set_problem(r, 0, i,
			    "a NUL byte (a zero byte, not text) in "
			    "column %zu",
			    i + 1);
	else if (r->enc == ENC_UTF16LE || r->enc == ENC_UTF16BE)
		set_problem(r, 0, i,
			    "invalid UTF-16 (a lone surrogate, not "
			    "Unicode text) in column %zu",
			    i + 1);
	else
		set_problem(r, 0, i,
			    "invalid UTF-8 (not Unicode text) in "
			    "column %zu",
			    i + 1);
	repair(r, i);
}

static void finish_row(struct csv_reader *r, struct row *row)
{
	strbuf_reset(&r->fix);
	for (size_t i = 0; i < r->nf; i++)
		check_field(r, i);
	for (size_t i = 0; i < r->nf; i++)
		r->fptr[i] = r->fixat[i] == NO_FIX ? (char *)r->rec + r->foff[i]
						   : r->fix.buf + r->fixat[i];
	row->number = r->rec_line;
	row->nfields = r->nf;
	row->field = r->fptr;
	row->len = r->flen;
	row->problem = r->problem.len ? r->problem.buf : NULL;
	row->problem_col = r->problem.len ? r->pcol : -1;
	row->cut = 0;
}

/* ---- the parser ---- */

/*
 * A line break c was consumed and p is just past it: count the line, and
 * take the LF of a CRLF with it (into the field when keep is set). When
 * the CR is the last byte of the window, the next step() does that.
 */
static const unsigned char *line_break(struct csv_reader *r, int c, const unsigned char *p,
				       const unsigned char *e, int keep)
{
	r->line++;
	if (c != '\r')
		return p;
	if (p == e) {
		r->skip_lf = 1;
	} else if (*p == '\n') {
		if (keep)
			rec_add(r, p, 1);
		p++;
	}
	return p;
}

/* After a closing quote, or in an unquoted field: the byte at *p ends
   the field. Returns 1 when it also ends the record. */
static int field_end(struct csv_reader *r, const unsigned char **pp, const unsigned char *e)
{
	int c = *(*pp)++;
	end_field(r);
	if (c == r->delim) {
		r->state = S_FIELD_START;
		return 0;
	}
	*pp = line_break(r, c, *pp, e, 0);
	r->state = S_REC_START;
	return 1;
}

static int step_unquoted(struct csv_reader *r, const unsigned char **pp, const unsigned char *e)
{
	const unsigned char *p = *pp, *s = p;
	while (p < e && !r->stop[*p])
		p++;
	if (p > s)
		rec_add(r, s, (size_t)(p - s));
	*pp = p;
	return p < e ? field_end(r, pp, e) : 0;
}

static void step_quoted(struct csv_reader *r, const unsigned char **pp, const unsigned char *e)
{
	const unsigned char *p = *pp, *s = p;
	while (p < e && !r->qstop[*p])
		p++;
	if (p > s)
		rec_add(r, s, (size_t)(p - s));
	if (p < e) {
		int c = *p++;
		if (c == '"') {
			r->state = S_QUOTE_SEEN;
		} else {
			rec_add(r, p - 1, 1);
			p = line_break(r, c, p, e, 1);
		}
	}
	*pp = p;
}

/* Parse from buf[pos] to the end of the window or of a record; returns
   1 when a record is complete. */
static int step(struct csv_reader *r)
{
	const unsigned char *p = r->buf + r->pos, *e = r->buf + r->end;
	int done = 0;

	if (r->skip_lf) {
		r->skip_lf = 0;
		if (*p == '\n') {
			if (r->state == S_QUOTED)
				rec_add(r, p, 1);
			p++;
		}
	}
	while (p < e && !done) {
		switch (r->state) {
		case S_REC_START:
			if (*p == '\n' || *p == '\r') {
				r->blank++;
				p++;
				p = line_break(r, p[-1], p, e, 0);
				break;
			}
			begin_record(r);
			r->state = S_FIELD_START;
			/* fall through */
		case S_FIELD_START:
			if (*p == '"') {
				r->quote_line = r->line;
				r->state = S_QUOTED;
				p++;
				break;
			}
			r->state = S_UNQUOTED;
			/* fall through */
		case S_UNQUOTED: done = step_unquoted(r, &p, e); break;
		case S_QUOTED: step_quoted(r, &p, e); break;
		case S_QUOTE_SEEN:
			if (*p == '"') {
				rec_add(r, p++, 1);
				r->state = S_QUOTED;
			} else if (r->stop[*p]) {
				done = field_end(r, &p, e);
			} else {
				r->state = S_UNQUOTED; /* "ab"cd: Excel's abcd */
			}
			break;
		}
	}
	r->pos = (size_t)(p - r->buf);
	return done;
}

static int at_eof(struct csv_reader *r, struct row *row)
{
	r->done = 1;
	if (r->state == S_REC_START)
		return ROW_EOF;
	int quoted = r->state == S_QUOTED;
	if (quoted)
		set_problem(r, 1, r->nf,
			    "unterminated quoted field starting on line %ld "
			    "(column %zu): a closing \" is missing",
			    r->quote_line, r->nf + 1);
	end_field(r);
	r->state = S_REC_START;
	finish_row(r, row);
	if (r->last_byte != '\n' && r->last_byte != '\r')
		row->cut = quoted ? 2 : 1;
	return ROW_OK;
}

int csv_next(struct csv_reader *r, struct row *row)
{
	if (r->failed)
		return ROW_ERROR;
	if (r->done)
		return ROW_EOF;
	for (;;) {
		if (r->pos == r->end) {
			ssize_t k = fill(r);
			if (k < 0) {
				r->failed = 1;
				return ROW_ERROR;
			}
			if (k == 0)
				return at_eof(r, row);
		}
		if (step(r)) {
			finish_row(r, row);
			return ROW_OK;
		}
	}
}

/* ---- opening ---- */

/*
 * Count comma, tab and semicolon outside quotes on each of the first
 * non-blank lines (up to DETECT_LINES). The delimiter wins that the most
 * lines hold the same number of, then the one a line holds most of, comma
 * on ties (then tab): a title above the header ("CM Helpline 181; District
 * Sehore") does not decide, nor one description full of unquoted commas
 * in a file separated by semicolons.
 */
#define DETECT_LINES 10

/* How many of the lines share the most common non-zero count, and that count. */
static void delimiter_score(const long *count, int lines, long *agree, long *most)
{
	*agree = *most = 0;
	for (int i = 0; i < lines; i++) {
		long same = 0;
		for (int j = 0; j < lines && count[i]; j++)
			same += count[j] == count[i];
		if (same > *agree || (same == *agree && count[i] > *most)) {
			*agree = same;
			*most = count[i];
		}
	}
}

static int detect_delimiter(struct csv_reader *r)
{
	long n[3][DETECT_LINES + 1] = {{0}}; /* comma, tab, semicolon on each line */
	int st = S_FIELD_START, seen = 0, lines = 0;
	size_t i = 0;
	for (;;) {
		const unsigned char *s = r->buf + r->pos;
		size_t len = r->end - r->pos;
		for (; i < len && lines < DETECT_LINES; i++) {
			int c = s[i];
			if (st == S_QUOTED) {
				st = c == '"' ? S_QUOTE_SEEN : S_QUOTED;
				continue;
			}
			if (c == '"' && st == S_QUOTE_SEEN) {
				st = S_QUOTED;
				continue;
			}
			if (c == '\n' || c == '\r') {
				lines += seen;
				seen = 0;
				st = S_FIELD_START;
				continue;
			}
			seen = 1;
			if (c == '"' && st == S_FIELD_START) {
				st = S_QUOTED;
				continue;
			}
			st = S_UNQUOTED;
			if (c == ',' || c == '\t' || c == ';') {
				n[c == ',' ? 0 : c == '\t' ? 1 : 2][lines]++;
				st = S_FIELD_START;
			}
		}
		if (lines >= DETECT_LINES || len + 4 >= r->cap)
			break;
		ssize_t k = fill(r);
		if (k < 0)
			return -1;
		if (k == 0)
			break;
	}
	lines += seen; /* a last line without a line break */
	long agree[3], most[3];
	for (int k = 0; k < 3; k++)
		delimiter_score(n[k], lines, &agree[k], &most[k]);
	int w = 0;
	for (int k = 1; k < 3; k++)
		if (agree[k] > agree[w] || (agree[k] == agree[w] && most[k] > most[w]))
			w = k;
	r->delim = (unsigned char)",\t;"[w];
	return 0;
}

static void build_tables(struct csv_reader *r)
{
	memset(r->stop, 0, sizeof(r->stop));
	memset(r->qstop, 0, sizeof(r->qstop));
	r->stop[r->delim] = r->stop['\n'] = r->stop['\r'] = 1;
	r->qstop['"'] = r->qstop['\n'] = r->qstop['\r'] = 1;
}

/* Read the first block, refuse what is not text, set the encoding. */
static int start(struct csv_reader *r, struct strbuf *err)
{
	while (r->end < SNIFF_BYTES && !r->src_eof) {
		ssize_t k = src_read(r, r->buf + r->end, SNIFF_BYTES - r->end);
		if (k < 0) {
			strbuf_addstr(err, r->err.buf);
			return -1;
		}
		r->src_eof = k == 0;
		r->end += (size_t)k;
	}
	if (r->end)
		r->last_byte = r->buf[r->end - 1];
	enum sniff_kind kind = (enum sniff_kind)sniff_buffer(r->buf, r->end);
	if (!sniff_is_text(kind)) {
		strbuf_addf(err, "%s: not a CSV file: this is %s", r->name, sniff_describe(kind));
		if (kind == SNIFF_ZIP)
			strbuf_addstr(err, "; open it with the XLSX reader");
		return -1;
	}
	r->enc = ENC_UTF8;
	if (kind == SNIFF_TEXT_UTF8_BOM) {
		r->enc = ENC_UTF8_BOM;
		r->pos = 3;
	} else if (kind == SNIFF_TEXT_UTF8_UTF16BOM) {
		r->enc = ENC_UTF8_UTF16BOM;
		r->pos = 2;
	} else if (kind == SNIFF_TEXT_UTF16LE || kind == SNIFF_TEXT_UTF16BE) {
		r->enc = kind == SNIFF_TEXT_UTF16LE ? ENC_UTF16LE : ENC_UTF16BE;
		r->raw = xmalloc(r->rcap);
		memcpy(r->raw, r->buf + 2, r->end - 2);
		r->rend = r->end - 2;
		r->end = 0;
	}
	if (!r->delim && detect_delimiter(r) < 0) {
		strbuf_addstr(err, r->err.buf);
		return -1;
	}
	build_tables(r);
	return 0;
}

static struct csv_reader *reader_new(const char *name, const struct csv_options *opt)
{
	struct csv_reader *r = xcalloc(1, sizeof(*r));
	r->name = xstrdup(name);
	r->fd = -1;
	r->read_size = opt && opt->read_size ? opt->read_size : CSV_READ_SIZE;
	r->field_cap = opt && opt->field_cap ? opt->field_cap : CSV_FIELD_CAP;
	r->delim = opt ? (unsigned char)opt->delimiter : 0;
	r->cap = r->read_size > CSV_READ_SIZE ? r->read_size : CSV_READ_SIZE;
	r->rcap = r->cap;
	r->buf = xmalloc(r->cap);
	r->line = 1;
	r->pcol = -1;
	strbuf_init(&r->fix, 0);
	strbuf_init(&r->problem, 0);
	strbuf_init(&r->err, 0);
	return r;
}

struct csv_reader *csv_open_mem(const void *data, size_t n, const char *name,
				const struct csv_options *opt, struct strbuf *err)
{
	struct strbuf dummy = STRBUF_INIT;
	struct csv_reader *r = reader_new(name, opt);
	r->mem = data;
	r->mem_len = n;
	r->size = (long long)n;
	if (start(r, err ? err : &dummy) < 0) {
		csv_close(r);
		r = NULL;
	}
	strbuf_release(&dummy);
	return r;
}

static int open_fd(struct csv_reader *r, struct strbuf *err)
{
	struct stat st;
	r->fd = open(r->name, O_RDONLY | O_CLOEXEC);
	if (r->fd < 0) {
		strbuf_addf(err, "%s: cannot open the file: %s", r->name, strerror(errno));
		return -1;
	}
	if (fstat(r->fd, &st) == 0 && S_ISDIR(st.st_mode)) {
		strbuf_addf(err, "%s: cannot open the file: it is a folder", r->name);
		return -1;
	}
	r->size = S_ISREG(st.st_mode) ? (long long)st.st_size : -1;
	return 0;
}

struct csv_reader *csv_open_opts(const char *path, const struct csv_options *opt,
				 struct strbuf *err)
{
	struct strbuf dummy = STRBUF_INIT;
	struct csv_reader *r = reader_new(path, opt);
	if (!err)
		err = &dummy;
	if (open_fd(r, err) < 0 || start(r, err) < 0) {
		csv_close(r);
		r = NULL;
	}
	strbuf_release(&dummy);
	return r;
}

struct csv_reader *csv_open(const char *path, struct strbuf *err)
{
	return csv_open_opts(path, NULL, err);
}

/* ---- accessors ---- */

const char *csv_error(const struct csv_reader *r)
{
	return r->err.buf;
}

char csv_delimiter(const struct csv_reader *r)
{
	return (char)r->delim;
}

const char *csv_encoding(const struct csv_reader *r)
{
	switch (r->enc) {
	case ENC_UTF8_BOM: return "UTF-8 with BOM";
	case ENC_UTF8_UTF16BOM: return "UTF-8 behind a UTF-16 BOM";
	case ENC_UTF16LE: return "UTF-16LE";
	case ENC_UTF16BE: return "UTF-16BE";
	default: return "UTF-8";
	}
}

long long csv_bytes_read(const struct csv_reader *r)
{
	return r->nread;
}

long long csv_size(const struct csv_reader *r)
{
	return r->size;
}

long csv_blank_lines(const struct csv_reader *r)
{
	return r->blank;
}

void csv_close(struct csv_reader *r)
{
	if (!r)
		return;
	if (r->fd >= 0)
		close(r->fd);
	free(r->name);
	free(r->buf);
	free(r->raw);
	free(r->rec);
	free(r->foff);
	free(r->flen);
	free(r->fixat);
	free(r->fptr);
	strbuf_release(&r->fix);
	strbuf_release(&r->problem);
	strbuf_release(&r->err);
	free(r);
}
