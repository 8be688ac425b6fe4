/* csvout.c - the CSV writer of the reports (see csvout.h). */
#include "reports/csvout.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "reports/outfile.h"

struct csvout {
	FILE *f;
	char *path, *tmp;
	int nfield; /* fields in the current row */
	long rows;
	int err; /* first errno seen, 0 when none */
	struct outfile_set *defer; /* committed by the caller, or NULL */
};

struct csvout *csvout_open(const char *path, struct strbuf *err)
{
	struct strbuf tmp = STRBUF_INIT;
	outfile_tmpname(path, &tmp);
	FILE *f = fopen(tmp.buf, "wb");
	if (!f) {
		strbuf_addf(err, "cannot write %s: %s", path, strerror(errno));
		strbuf_release(&tmp);
		return NULL;
	}
	struct csvout *c = xcalloc(1, sizeof(*c));
	c->f = f;
	c->path = xstrdup(path);
	c->tmp = strbuf_detach(&tmp, NULL);
	return c;
}

static int needs_quotes(const char *s, size_t len)
{
	if (!len)
		return 0;
	if (s[0] == ' ' || s[len - 1] == ' ')
		return 1;
	for (size_t i = 0; i < len; i++)
		if (s[i] == ',' || s[i] == '"' || s[i] == '\n' || s[i] == '\r')
			return 1;
	return 0;
}

/* A number as a spreadsheet reads one: -5, +91, 3.25, 1e-3. */
static int plain_number(const char *s, size_t len)
{
	size_t i = s[0] == '-' || s[0] == '+', digits = 0;
	for (; i < len && s[i] >= '0' && s[i] <= '9'; i++)
		digits++;
	if (i < len && s[i] == '.')
		for (i++; i < len && s[i] >= '0' && s[i] <= '9'; i++)
			digits++;
	if (digits && i < len && (s[i] == 'e' || s[i] == 'E')) {
		i += i + 1 < len && (s[i + 1] == '-' || s[i + 1] == '+') ? 2 : 1;
		size_t at = i;
		while (i < len && s[i] >= '0' && s[i] <= '9')
			i++;
		if (i == at)
			return 0;
	}
	return digits && i == len;
}

/*
 * Text a spreadsheet would run as a formula when the CSV is opened
 * (=HYPERLINK(...), +cmd|..., @SUM(...), -2+3, or after a tab or CR): a
 * complaint's text is the complainant's, not ours to execute. Such a field
 * gets a leading ' (the spreadsheet's own mark for "text"); numbers do not.
 */
static int formula_like(const char *s, size_t len)
{
	return (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' || s[0] == '\t' ||
		s[0] == '\r') &&
	       !plain_number(s, len);
}

void csvout_field_len(struct csvout *c, const char *s, size_t len)
{
	if (c->nfield++)
		putc(',', c->f);
	if (!s || !len)
		return;
	int quote = needs_quotes(s, len), guard = formula_like(s, len);
	if (quote)
		putc('"', c->f);
	if (guard)
		putc('\'', c->f);
	if (!quote) {
		fwrite(s, 1, len, c->f);
		return;
	}
	/* a run up to and with each quote, then the quote doubled */
	for (const char *q; len && (q = memchr(s, '"', len)); len -= (size_t)(q + 1 - s), s = q + 1) {
		fwrite(s, 1, (size_t)(q + 1 - s), c->f);
		putc('"', c->f);
	}
	fwrite(s, 1, len, c->f);
	putc('"', c->f);
}

void csvout_field(struct csvout *c, const char *s)
{
	csvout_field_len(c, s, s ? strlen(s) : 0);
}

void csvout_int(struct csvout *c, long long v)
{
	char buf[32];
	xsnprintf(buf, sizeof(buf), "%lld", v);
	csvout_field(c, buf);
}

void csvout_num(struct csvout *c, double v)
{
	char buf[40];
	xsnprintf(buf, sizeof(buf), "%.15g", v);
	csvout_field(c, buf);
}

void csvout_end_row(struct csvout *c)
{
	putc('\n', c->f);
	c->nfield = 0;
	c->rows++;
	if (!c->err && ferror(c->f))
		c->err = errno ? errno : EIO;
}

long csvout_rows(const struct csvout *c)
{
	return c->rows;
}

static void csv_free(struct csvout *c)
{
	free(c->path);
	free(c->tmp);
	free(c);
}

void csvout_defer(struct csvout *c, struct outfile_set *set)
{
	c->defer = set;
}

enum nk_err csvout_close(struct csvout *c, struct strbuf *err)
{
	if (fflush(c->f) && !c->err)
		c->err = errno;
	if (ferror(c->f) && !c->err)
		c->err = EIO;
	if (fclose(c->f) && !c->err)
		c->err = errno;
	if (c->err) {
		strbuf_addf(err, "cannot write %s: %s", c->path, strerror(c->err));
		unlink(c->tmp);
		csv_free(c);
		return NK_EIO;
	}
	enum nk_err e = NK_OK;
	if (c->defer)
		outfile_set_add(c->defer, -1, c->tmp, c->path);
	else
		e = outfile_commit(c->tmp, c->path, err);
	csv_free(c);
	return e;
}

void csvout_abort(struct csvout *c)
{
	if (!c)
		return;
	fclose(c->f);
	unlink(c->tmp);
	csv_free(c);
}
