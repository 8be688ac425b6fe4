/* whatsapp.c - WhatsApp lists for officers (see whatsapp.h). */
#include "reports/whatsapp.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "engine/date.h"
#include "engine/labels.h"
#include "reports/book.h"
#include "reports/outfile.h"
#include "reports/sla_summary.h"

#define URL_PREFIX_MAX 70 /* "https://wa.me/91XXXXXXXXXX?text=" and the part number */

static int url_safe(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
	       c == '-' || c == '_' || c == '.' || c == '~';
}

void whatsapp_url_encode(const char *text, struct strbuf *out)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t n = strlen(text);
	strbuf_grow(out, 3 * n); /* then byte by byte without a check each */
	char *w = out->buf + out->len;
	for (const unsigned char *p = (const unsigned char *)text; *p; p++) {
		if (url_safe(*p)) {
			*w++ = (char)*p;
		} else {
			*w++ = '%';
			*w++ = hex[*p >> 4];
			*w++ = hex[*p & 15];
		}
	}
	*w = 0;
	out->len = (size_t)(w - out->buf);
}

/* The length of text once encoded, and its characters (UTF-8 sequences). */
struct text_size {
	size_t encoded, chars;
};

static struct text_size line_size(const char *s)
{
	struct text_size z = {0, 0};
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		z.encoded += url_safe(*p) ? 1 : 3;
		z.chars += (*p & 0xC0) != 0x80;
	}
	return z;
}

/* The officer's complaints needing action, one message line each. */
static int officer_lines(const struct report_ctx *rc, const char *officer, char ***lines)
{
	sqlite3_stmt *s = report_prepare(
		rc, "SELECT complaint_id, village, category, days_left FROM temp.whatsapp_due"
		    " WHERE officer_id = ?2 ORDER BY days_left, complaint_id");
	sqlite3_bind_text(s, 2, officer, -1, SQLITE_STATIC);
	int n = 0;
	size_t alloc = 0;
	struct strbuf l = STRBUF_INIT;
	while (store_row(s)) {
		int left = sqlite3_column_int(s, 3);
		strbuf_reset(&l);
		strbuf_addf(&l, "%d. %s | %s | %s | ", n + 1, store_column_text(s, 0),
			    store_column_text(s, 1), store_column_text(s, 2));
		if (left < 0)
			strbuf_addf(&l, "%d दिन देर / overdue", -left);
		else
			strbuf_addf(&l, "%d दिन शेष / left", left);
		ALLOC_GROW(*lines, (size_t)n + 1, alloc);
		(*lines)[n++] = xstrdup(l.buf);
	}
	strbuf_release(&l);
	sqlite3_finalize(s);
	return n;
}

/* Splits lines into message texts that fit both limits. */
static int split_parts(const char *head, char **lines, int n, char ***parts)
{
	struct strbuf cur = STRBUF_INIT;
	struct text_size hz = line_size(head), sz = {0, 0};
	int np = 0, in = 0;
	size_t alloc = 0;
	for (int i = 0; i <= n; i++) {
		if (i < n) {
			size_t was = cur.len;
			struct text_size lz = line_size(lines[i]), grown = sz;
			if (!in) {
				strbuf_addf(&cur, "%s\n", head);
				grown = (struct text_size){hz.encoded + 3, hz.chars + 1};
			}
			strbuf_addf(&cur, "%s\n", lines[i]);
			grown.encoded += lz.encoded + 3; /* the newline is %0A */
			grown.chars += lz.chars + 1;
			int fits = grown.chars + 10 <= WHATSAPP_MAX_TEXT &&
				   grown.encoded + URL_PREFIX_MAX <= BOOK_MAX_URL;
			if (fits || !in) { /* a single line too long still goes alone */
				in++;
				sz = grown;
				continue;
			}
			strbuf_setlen(&cur, was);
		}
		if (!in)
			break;
		ALLOC_GROW(*parts, (size_t)np + 1, alloc);
		(*parts)[np++] = strbuf_detach(&cur, NULL);
		in = 0;
		if (i < n)
			i--; /* this line starts the next part */
	}
	strbuf_release(&cur);
	return np;
}

static const struct book_col cols[] = {
	{"officer_id", "अधिकारी", "Officer", BOOK_TEXT, 0, 0},
	{"officer_name", "अधिकारी का नाम", "Officer name", BOOK_TEXT, 0, 0},
	{"level", "स्तर", "Level", BOOK_TEXT, 0, 0},
	{"recipient_id", "प्राप्तकर्ता", "Send to", BOOK_TEXT, 0, 0},
	{"recipient_name", "प्राप्तकर्ता का नाम", "Send to (name)", BOOK_TEXT, 0, 0},
	{"recipient_mobile", "मोबाइल", "Mobile", BOOK_TEXT, 0, 0},
	{"part", "भाग", "Part", BOOK_TEXT, 0, 0},
	{"complaints", "शिकायतें", "Complaints", BOOK_INT, 0, 0},
	{"link", "व्हाट्सऐप लिंक", "WhatsApp link", BOOK_URL, 0, 0},
	{"text", "संदेश", "Message", BOOK_TEXT, BOOK_WRAP, 0},
};

struct recipient {
	char *id, *name, *mobile; /* mobile: 10 digits, or NULL when not a valid mobile */
};

static int recipients(const struct report_ctx *rc, const char *officer, struct recipient **out)
{
	sqlite3_stmt *s = report_prepare(
		rc,
		"SELECT officer_id, name, mobile FROM temp.whatsapp_to WHERE reports_to = ?2"
		" UNION ALL SELECT officer_id, coalesce(name, ''), CASE WHEN mobile_kind = 'mobile'"
		" THEN mobile END FROM officers WHERE officer_id = ?2 AND NOT EXISTS"
		" (SELECT 1 FROM temp.whatsapp_to WHERE reports_to = ?2) ORDER BY 1");
	sqlite3_bind_text(s, 2, officer, -1, SQLITE_STATIC);
	int n = 0;
	size_t alloc = 0;
	while (store_row(s)) {
		ALLOC_GROW(*out, (size_t)n + 1, alloc);
		const char *m = store_column_text(s, 2);
		(*out)[n++] =
			(struct recipient){xstrdup(store_column_text(s, 0)),
					   xstrdup(store_column_text(s, 1)), m ? xstrdup(m) : NULL};
	}
	sqlite3_finalize(s);
	return n;
}

static enum nk_err write_text_file(const struct report_ctx *rc, const char *officer, char **parts,
				   int np, struct outfile_set *texts, struct strbuf *err)
{
	struct strbuf path = STRBUF_INIT, tmp = STRBUF_INIT;
	strbuf_addf(&path, "%s/whatsapp/", rc->out_dir);
	for (const char *p = officer; *p; p++) /* an id is a file name, never a path */
		strbuf_addch(&path, (*p == '/' || (*p == '.' && p == officer)) ? '_' : *p);
	strbuf_addstr(&path, ".txt");
	outfile_tmpname(path.buf, &tmp);
	FILE *f = fopen(tmp.buf, "wb");
	enum nk_err e = NK_OK;
	if (!f) {
		strbuf_addf(err, "cannot write %s: %s", path.buf, strerror(errno));
		e = NK_EIO;
	} else {
		for (int i = 0; i < np; i++)
			fprintf(f, "--- संदेश / message %d/%d ---\n%s\n", i + 1, np, parts[i]);
		int bad = fflush(f) | ferror(f);
		if (!bad) /* the set removes it again if anything fails later */
			outfile_set_add(texts, fileno(f), tmp.buf, path.buf);
		if (fclose(f) | bad) {
			strbuf_addf(err, "cannot write %s: %s", path.buf, strerror(errno));
			unlink(tmp.buf); /* never leave a half-written file behind */
			e = NK_EIO;
		}
	}
	strbuf_release(&path);
	strbuf_release(&tmp);
	return e;
}

/* One officer's messages: a row per recipient and part, and the text file. */
static long write_officer(const struct report_ctx *rc, struct book_sheet *s, sqlite3_stmt *o,
			  struct outfile_set *texts, struct strbuf *err)
{
	const char *id = store_column_text(o, 0);
	const char *name = store_column_text(o, 1);
	char **lines = NULL, **parts = NULL, day[11], lv[16];
	struct recipient *rcp = NULL;
	long links = 0;
	int n = officer_lines(rc, id, &lines);
	if (!n)
		return 0;
	struct strbuf head = STRBUF_INIT, url = STRBUF_INIT, label = STRBUF_INIT;
	strbuf_addf(&head, "निराकरण हेतु शिकायतें / Complaints needing action: %s (%s), %s", name, id,
		    date_format_dmy(rc->as_of, day));
	int np = split_parts(head.buf, lines, n, &parts);
	int nr = recipients(rc, id, &rcp);
	for (int r = 0; r < nr; r++) {
		for (int k = 0, line = 0; k < np; k++) {
			int in_part = 0;
			for (const char *p = parts[k]; (p = strchr(p, '\n')); p++)
				in_part++;
			in_part--; /* the heading line */
			strbuf_reset(&url);
			strbuf_addf(&url, "https://wa.me/%s%s?text=", rcp[r].mobile ? "91" : "",
				    rcp[r].mobile ? rcp[r].mobile : "");
			whatsapp_url_encode(parts[k], &url);
			strbuf_reset(&label);
			strbuf_addf(&label, "%d/%d", k + 1, np);
			book_row(s);
			book_text(s, 0, id);
			book_text(s, 2, label_level(sqlite3_column_int(o, 2), lv, sizeof(lv)));
			book_text(s, 1, name);
			book_text(s, 3, rcp[r].id);
			book_text(s, 4, rcp[r].name);
			book_text(s, 5,
				  rcp[r].mobile ? rcp[r].mobile : "— (मोबाइल नहीं / no mobile)");
			book_text(s, 6, label.buf);
			book_int(s, 7, in_part);
			book_url(s, 8, url.buf, "WhatsApp");
			book_text(s, 9, parts[k]);
			line += in_part;
			links++;
		}
	}
	if (write_text_file(rc, id, parts, np, texts, err))
		links = -1;
	for (int i = 0; i < n; i++)
		free(lines[i]);
	for (int i = 0; i < np; i++)
		free(parts[i]);
	for (int i = 0; i < nr; i++) {
		free(rcp[i].id);
		free(rcp[i].name);
		free(rcp[i].mobile);
	}
	free(lines);
	free(parts);
	free(rcp);
	strbuf_release(&head);
	strbuf_release(&url);
	strbuf_release(&label);
	return links;
}

long whatsapp_sheet(const struct report_ctx *rc, struct book *b, struct sla_sheet_rows *rows,
		    struct strbuf *err)
{
	struct strbuf dir = STRBUF_INIT, csv = STRBUF_INIT;
	char day[11];
	long total = 0;
	*rows = (struct sla_sheet_rows){NULL, "whatsapp", 0, 0};
	strbuf_addf(&dir, "%s/whatsapp", rc->out_dir);
	if (outfile_mkdirs(dir.buf, err)) {
		strbuf_release(&dir);
		return -1;
	}
	/* The night's due complaints once, by officer: a query a officer over
	 * sla_status read the whole night's rows 800 times at a million. Who
	 * reports to whom likewise (a scan of officers an officer). */
	char sql[1024];
	xsnprintf(sql, sizeof(sql),
		  "DROP TABLE IF EXISTS temp.whatsapp_due;"
		  " CREATE TEMP TABLE whatsapp_due AS SELECT officer_id, complaint_id,"
		  " coalesce(village, '') AS village, coalesce(category, '') AS category, days_left"
		  " FROM sla_status WHERE as_of = '%s' AND days_left <= %d;"
		  " CREATE INDEX temp.whatsapp_due_officer ON whatsapp_due(officer_id);"
		  " DROP TABLE IF EXISTS temp.whatsapp_to;"
		  " CREATE TEMP TABLE whatsapp_to AS SELECT reports_to, officer_id,"
		  " coalesce(name, '') AS name, CASE WHEN mobile_kind = 'mobile' THEN mobile END"
		  " AS mobile FROM officers WHERE reports_to IS NOT NULL;"
		  " CREATE INDEX temp.whatsapp_to_boss ON whatsapp_to(reports_to, officer_id)",
		  date_format(rc->as_of, day), WHATSAPP_DUE_DAYS);
	if (store_exec(rc->st, sql, err)) {
		strbuf_release(&dir);
		return -1;
	}
	report_path(rc, "sla-whatsapp.csv", &csv);
	struct book_sheet *s =
		book_sheet_new(b, WHATSAPP_SHEET, cols, 10, rc->csv ? csv.buf : NULL);
	book_uncapped(s);
	sqlite3_stmt *o = report_prepare(
		rc, "SELECT officer_id, coalesce(name, officer_id), level FROM officers"
		    " WHERE level BETWEEN 1 AND 3 ORDER BY level, officer_id");
	struct outfile_set texts = {0};
	while (total >= 0 && store_row(o)) {
		long n = write_officer(rc, s, o, &texts, err);
		total = n < 0 ? -1 : total + n;
	}
	sqlite3_finalize(o);
	if (total >= 0 && outfile_set_commit(&texts, err))
		total = -1;
	outfile_set_release(&texts);
	store_exec(rc->st, "DROP TABLE temp.whatsapp_due; DROP TABLE temp.whatsapp_to", err);
	*rows = (struct sla_sheet_rows){WHATSAPP_SHEET, "whatsapp", book_rows(s), book_shown(s)};
	strbuf_release(&dir);
	strbuf_release(&csv);
	return total;
}
