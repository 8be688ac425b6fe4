/* load.c - rows of an export into records, bad rows into quarantine. */
#include "ingest/load.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/date.h"
#include "engine/keys.h"
#include "engine/strmap.h"
#include "ingest/field.h"
#include "ingest/filehash.h"

#define HEADER_SEARCH_ROWS 10
#define PROGRESS_EVERY     4096
/*
 * Complaint rows come a batch at a time from the worker of the keys' pool
 * (engine/keys.c), which reads them from the file, checks and parses them
 * and computes their keys; meanwhile this thread stores the batches before,
 * in file order, as the one SQLite writer. Storing is the slower half, so
 * everything that needs no database is the worker's, the reading too.
 * BATCHES take turns, so the worker reads on while a step is committed
 * and checkpointed, which takes as long as some ten batches are read; each
 * holds some 7 MB.
 */
#define BATCH_ROWS 4096
#define BATCHES    12 /* no more than KEYS_QUEUE: storing never waits to submit */

/* What the worker made of a batched row: a complaint, or why it is quarantined. */
struct prep {
	int bad;                    /* 1: quarantined for code, in column */
	const char *code, *column;  /* static, or the header map's */
	const char *en, *hi;        /* the reasons, in the batch's arena */
};

struct reading;

struct batch {
	struct complaint *c;
	struct prep *p;
	struct row *rows; /* copies, for the raw text if one must be quarantined */
	size_t n;
	struct arena arena;   /* the copies' fields, reasons and keys; emptied once stored */
	struct reading *from; /* who reads it (read_job) */
	/*
	 * The header map its rows came under, the reading's arrays; a header
	 * again ends a batch, so it has one. When map_ends, the rows after it
	 * have another map and the batch frees this one once stored.
	 */
	struct header_map map;
	int map_ends;
	int end; /* ROW_OK: rows follow; ROW_EOF: the file's last; ROW_ERROR: see reading's err */
	long progress_rows; /* a progress point among its rows: rows read then; else 0 */
	long long progress_done, progress_total;
};

/* Everything one file's load needs, passed to the per-kind row loaders. */
struct loader {
	struct store *st;
	struct records *rec;
	const struct load_options *opt;
	const char *path;
	struct header_map map;
	int64_t file_id;
	int snapshot_day;
	int is_csv;
	struct load_result *res;
	struct strbuf raw, reason, reason_hi, scratch;
	struct keys_pool *keys;
	struct strmap seen; /* masters: ids so far, a repeat is quarantined */
	long *seen_row;     /* the row each one came on */
	size_t seen_alloc;
	/*
	 * In the reading's view of the loader only: where quarantine() and
	 * load_complaint_row() put their verdict instead of storing it.
	 */
	struct prep *defer;
	struct complaint *defer_c;
	struct arena *defer_arena;
	long step_rows; /* commit every this many rows; 0: one transaction */
	long in_step;   /* rows stored since the last commit */
	int stepped;    /* a step was committed: a failure must undo it */
	struct filehash hash; /* the file's sha256, read beside the load */
	int hash_settled;     /* waited for, checked and recorded */
	int seen_before;      /* it is that of a file ingested before */
};

/*
 * The worker's side of a complaints load. Its view of the loader has
 * reason buffers, counts and a header map of its own and no store; this
 * thread touches none of it while a batch is being read.
 */
struct reading {
	struct loader view;
	struct load_result res; /* rows read and empty, headers again */
	struct reader *rd;
	int end;           /* ROW_OK until the file's end or a failure */
	struct strbuf err; /* why the reading failed (a batch's end is ROW_ERROR) */
};

/* A row problem: code, column (field index or -1), English and Hindi reason. */
struct problem {
	const char *code;
	int field; /* canonical field, or -1 */
	int col;   /* column index when no field applies, or -1 */
};

static const char *base_name(const char *path)
{
	const char *s = strrchr(path, '/');
	return s ? s + 1 : path;
}

/* Eight digits standing alone: yyyymmdd, else ddmmyyyy. */
static int eight_digits(const char *p, const char *start)
{
	int a, b, c;
	for (int i = 0; i < 8; i++)
		if (!isdigit((unsigned char)p[i]))
			return DAY_NONE;
	if ((p > start && isdigit((unsigned char)p[-1])) || isdigit((unsigned char)p[8]))
		return DAY_NONE;
	if (sscanf(p, "%4d%2d%2d", &a, &b, &c) == 3 && a >= 1990 && date_valid_ymd(a, b, c))
		return date_from_ymd(a, b, c);
	if (sscanf(p, "%2d%2d%4d", &a, &b, &c) == 3 && c >= 1990 && date_valid_ymd(c, b, a))
		return date_from_ymd(c, b, a);
	return DAY_NONE;
}

int load_date_from_name(const char *path)
{
	const char *n = base_name(path);
	for (const char *p = n; *p; p++) {
		int a, b, c;
		char s1, s2;
		if (!isdigit((unsigned char)*p) || (p > n && isdigit((unsigned char)p[-1])))
			continue;
		if (sscanf(p, "%4d%c%2d%c%2d", &a, &s1, &b, &s2, &c) == 5 && a >= 1900 &&
		    (s1 == '-' || s1 == '_') && s2 == s1 && date_valid_ymd(a, b, c) &&
		    isdigit((unsigned char)p[3]))
			return date_from_ymd(a, b, c);
		if (sscanf(p, "%2d%c%2d%c%4d", &a, &s1, &b, &s2, &c) == 5 &&
		    (s1 == '-' || s1 == '_' || s1 == '.') && s2 == s1 && date_valid_ymd(c, b, a))
			return date_from_ymd(c, b, a);
		int day = eight_digits(p, n);
		if (day != DAY_NONE)
			return day;
	}
	return DAY_NONE;
}

/* dd-mm-yyyy, the form clerks read, into buf[11]. */
static const char *dmy(int day, char buf[11])
{
	int y, m, d;
	date_to_ymd(day, &y, &m, &d);
	xsnprintf(buf, 11, "%02d-%02d-%04d", d % 100, m % 100, y % 10000);
	return buf;
}

/* The row as CSV text, so the clerk sees exactly what was read. */
static void row_as_csv(const struct row *row, struct strbuf *out)
{
	strbuf_reset(out);
	for (size_t i = 0; i < row->nfields; i++) {
		const char *f = row->field[i];
		if (i)
			strbuf_addch(out, ',');
		if (strpbrk(f, ",\"\r\n")) {
			strbuf_addch(out, '"');
			for (; *f; f++) {
				if (*f == '"')
					strbuf_addch(out, '"');
				strbuf_addch(out, *f);
			}
			strbuf_addch(out, '"');
		} else {
			strbuf_addstr(out, f);
		}
	}
}

static int row_is_empty(const struct row *row)
{
	for (size_t i = 0; i < row->nfields; i++) {
		const char *p = row->field[i], *e = p + row->len[i];
		size_t k;
		while (p < e && (k = field_blank_at(p, (size_t)(e - p))))
			p += k;
		if (p < e)
			return 0;
	}
	return 1;
}

/*
 * White space trimmed from both ends in place (fields are the reader's),
 * the no-break and zero-width spaces of copied text too.
 */
static void trim_fields(struct row *row)
{
	for (size_t i = 0; i < row->nfields; i++) {
		const unsigned char *s = (const unsigned char *)row->field[i];
		size_t n = row->len[i];
		/* Most fields start and end with a visible ASCII character. */
		if (!n || (s[0] > ' ' && s[0] < 0x80 && s[n - 1] > ' ' && s[n - 1] < 0x80))
			continue;
		row->len[i] = field_trim(row->field[i], n);
	}
}

/* An id field folded in place: invisible characters out (see field_fold_id). */
static void fold_id(struct loader *L, struct row *row, int f)
{
	int c = L->map.col[f];
	if (c < 0 || (size_t)c >= row->nfields)
		return;
	for (const char *p = row->field[c]; *p; p++)
		if ((unsigned char)*p >= 0x80) {
			size_t n = field_fold_id(row->field[c], row->len[c]);
			row->len[c] = field_trim(row->field[c], n);
			return;
		}
}

static enum nk_err quarantine(struct loader *L, const struct row *row, const char *code,
			      const char *column)
{
	if (L->defer) { /* the worker: the storing thread quarantines it (store_batch) */
		*L->defer = (struct prep){1, code, column,
					  arena_strdup(L->defer_arena, L->reason.buf),
					  arena_strdup(L->defer_arena, L->reason_hi.buf)};
		return NK_OK;
	}
	struct quarantine_row q = {row->number,   column,           code,
				   L->reason.buf, L->reason_hi.buf, L->raw.buf};
	L->res->counts.quarantined++;
	row_as_csv(row, &L->raw);
	q.raw = L->raw.buf;
	return records_quarantine(L->rec, L->file_id, &q, &L->scratch);
}

/* Sets the reason texts; "where" is prepended to both. */
static void say(struct loader *L, const struct row *row, const char *column, const char *en,
		const char *hi)
{
	const char *unit = L->is_csv ? "line" : "row";
	const char *unit_hi = L->is_csv ? "पंक्ति" : "पंक्ति";
	strbuf_reset(&L->reason);
	strbuf_reset(&L->reason_hi);
	if (column) {
		strbuf_addf(&L->reason, "%s: %s %ld, column \"%s\": %s", base_name(L->path), unit,
			    row->number, column, en);
		strbuf_addf(&L->reason_hi, "%s: %s %ld, कॉलम \"%s\": %s", base_name(L->path),
			    unit_hi, row->number, column, hi);
	} else {
		strbuf_addf(&L->reason, "%s: %s %ld: %s", base_name(L->path), unit, row->number,
			    en);
		strbuf_addf(&L->reason_hi, "%s: %s %ld: %s", base_name(L->path), unit_hi,
			    row->number, hi);
	}
}

/*
 * say() with the texts made from one list of arguments: en's, which the
 * Hindi format takes in the same order (it may leave the last ones out).
 */
static void sayf(struct loader *L, const struct row *row, const char *column, const char *en_fmt,
		 const char *hi_fmt, ...) __attribute__((format(printf, 4, 6)));
static void sayf(struct loader *L, const struct row *row, const char *column, const char *en_fmt,
		 const char *hi_fmt, ...)
{
	char en[768], hi[768];
	va_list ap, aq;
	va_start(ap, hi_fmt);
	va_copy(aq, ap);
	vsnprintf(en, sizeof(en), en_fmt, ap);
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
	vsnprintf(hi, sizeof(hi), hi_fmt, aq);
#pragma GCC diagnostic pop
	va_end(aq);
	va_end(ap);
	say(L, row, column, en, hi);
}

/*
 * Values no row may hold: an Excel error (#REF!, #N/A) where a value was
 * expected, or two columns of one name that disagree.
 */
static int value_problem(struct loader *L, const struct row *row, enum nk_err *rc)
{
	char en[512], hi[512];
	const char *what_en, *what_hi;
	for (size_t i = 0; i < row->nfields && i < L->map.ncols; i++) {
		if (!field_excel_error(row->field[i], &what_en, &what_hi))
			continue;
		xsnprintf(en, sizeof(en),
			  "the cell holds Excel's error %s (%s), not a value; correct the "
			  "formula in the workbook and export again",
			  row->field[i], what_en);
		xsnprintf(hi, sizeof(hi),
			  "सेल में Excel की त्रुटि %s है (%s), कोई मान नहीं; वर्कबुक में फ़ॉर्मूला "
			  "ठीक करके दोबारा निर्यात करें",
			  row->field[i], what_hi);
		say(L, row, L->map.names[i], en, hi);
		*rc = quarantine(L, row, "excel_error", L->map.names[i]);
		return 1;
	}
	int f = header_conflict(&L->map, row);
	if (f < 0)
		return 0;
	int a = L->map.col[f], b = L->map.col2[f];
	sayf(L, row, L->map.names[a],
	     "the file has two columns named \"%s\" (columns %d and %d) and this row holds "
	     "different values in them (\"%s\" and \"%s\"); which one is meant cannot be told",
	     "फ़ाइल में \"%s\" नाम के दो कॉलम हैं (कॉलम %d और %d) और इस पंक्ति में उनके मान अलग हैं "
	     "(\"%s\" और \"%s\"); कौन-सा सही है, यह तय नहीं हो सकता",
	     L->map.names[a], a + 1, b + 1, row->field[a], row->field[b]);
	*rc = quarantine(L, row, "two_columns", L->map.names[a]);
	return 1;
}

/* Checks that apply to every kind: reader problems, field counts, values. */
static int common_problem(struct loader *L, const struct row *row, enum nk_err *rc)
{
	char en[512], hi[512];
	if (row->problem) {
		const char *col = row->problem_col >= 0 && (size_t)row->problem_col < L->map.ncols
					  ? L->map.names[row->problem_col]
					  : NULL;
		/* an XLSX reader's problem says what to do itself */
		xsnprintf(en, sizeof(en), "%s; the row is kept here unchanged%s", row->problem,
			  L->is_csv ? ". Export the file again as \"CSV UTF-8\" or .xlsx" : "");
		xsnprintf(hi, sizeof(hi),
			  "पंक्ति पढ़ी नहीं जा सकी (%s); फ़ाइल को \"CSV UTF-8\" या .xlsx "
			  "में दोबारा निर्यात करें",
			  row->problem);
		say(L, row, col, en, hi);
		*rc = quarantine(L, row, strstr(row->problem, "UTF") ? "bad_encoding" : "bad_row",
				 col);
		return 1;
	}
	size_t want = L->map.ncols, have = row->nfields, used = have;
	/*
	 * A CSV row must have the header's count: a value shifted by an
	 * unquoted comma leaves the last column empty, so trailing empties
	 * prove nothing there. Columns after the header's last name (a sheet
	 * saved with empty columns on the right) may be missing, though. An
	 * XLSX row ends at its last non-empty cell.
	 */
	while (!L->is_csv && used > want && !*row->field[used - 1])
		used--;
	if (used > want || (L->is_csv && have < L->map.ncols_named)) {
		xsnprintf(en, sizeof(en),
			  "this row has %zu values but the header has %zu columns; "
			  "a comma inside a value may be missing its quotes",
			  have, want);
		xsnprintf(hi, sizeof(hi),
			  "इस पंक्ति में %zu मान हैं पर शीर्षक में %zu कॉलम हैं; किसी मान के "
			  "भीतर का कॉमा उद्धरण चिह्न (\"\") में नहीं है",
			  have, want);
		say(L, row, NULL, en, hi);
		*rc = quarantine(L, row, "field_count", NULL);
		return 1;
	}
	return value_problem(L, row, rc);
}

/* Parses a date field: DAY_NONE when empty and not required; 1 on a bad date (reason set). */
static int parse_date(struct loader *L, const struct row *row, int f, int required, int *day,
		      int *secs)
{
	const char *s = header_get(&L->map, row, f);
	struct datetime dt;
	const char *why;
	*day = DAY_NONE;
	if (secs)
		*secs = -1;
	if (!*s && !required)
		return 0;
	if (date_parse(s, strlen(s), &dt, &why)) {
		char en[512], hi[512];
		xsnprintf(en, sizeof(en), "\"%s\" is not a date: %s (expected dd-mm-yyyy)", s, why);
		xsnprintf(hi, sizeof(hi),
			  "\"%s\" सही दिनांक नहीं है (दिनांक dd-mm-yyyy रूप में होना चाहिए)", s);
		say(L, row, header_column_name(&L->map, f), en, hi);
		return 1;
	}
	*day = dt.day;
	if (secs && dt.has_time)
		*secs = dt.seconds;
	return 0;
}

/* Parses a level field; 1 on a bad level (reason set). Empty gives 0 when optional. */
static int parse_level(struct loader *L, const struct row *row, int f, int required, int *out)
{
	const char *s = header_get(&L->map, row, f);
	char en[512], hi[512];
	*out = 0;
	if (!*s && !required)
		return 0;
	int v = level_parse(s, strlen(s), L->opt->max_level);
	if (v > 0) {
		*out = v;
		return 0;
	}
	if (v < 0) {
		xsnprintf(en, sizeof(en),
			  "level \"%s\" is above the highest level configured (L%d); "
			  "raise [levels] count in the config if L%d is in use",
			  s, L->opt->max_level, -v);
		xsnprintf(hi, sizeof(hi), "स्तर \"%s\" कॉन्फ़िग में तय सबसे ऊँचे स्तर (L%d) से ऊपर है", s,
			  L->opt->max_level);
	} else {
		xsnprintf(en, sizeof(en),
			  "\"%s\" is not a level (expected L1 to L%d, or लेवल-1 ...)", s,
			  L->opt->max_level);
		xsnprintf(hi, sizeof(hi),
			  "\"%s\" कोई स्तर नहीं है (L1 से L%d, या लेवल-1 ... होना चाहिए)", s,
			  L->opt->max_level);
	}
	say(L, row, header_column_name(&L->map, f), en, hi);
	return 1;
}

/* An empty required value; 1 with reason set. */
static int require(struct loader *L, const struct row *row, int f, const char *what_en,
		   const char *what_hi)
{
	if (*header_get(&L->map, row, f))
		return 0;
	char en[256], hi[256];
	xsnprintf(en, sizeof(en), "the %s is empty", what_en);
	xsnprintf(hi, sizeof(hi), "%s खाली है", what_hi);
	say(L, row, header_column_name(&L->map, f), en, hi);
	return 1;
}

#define GET(f) header_get(&L->map, row, (f))

/*
 * A complaint number Excel turned into a number and printed in scientific
 * notation ("2.61100394E+09"): its last digits are gone. 1 with reason set.
 */
static int rounded_id(struct loader *L, const struct row *row, int f)
{
	const char *s = header_get(&L->map, row, f), *p = s;
	if (*p == '+' || *p == '-')
		p++;
	if (!isdigit((unsigned char)*p))
		return 0;
	while (isdigit((unsigned char)*p) || *p == '.' || *p == ',')
		p++;
	if (*p != 'E' && *p != 'e')
		return 0;
	p += p[1] == '+' || p[1] == '-' ? 2 : 1;
	if (!isdigit((unsigned char)*p))
		return 0;
	while (isdigit((unsigned char)*p))
		p++;
	if (*p)
		return 0;
	sayf(L, row, header_column_name(&L->map, f),
	     "\"%s\" is a number Excel rounded and wrote in scientific notation: the complaint "
	     "number's last digits are lost; format the column as Text in Excel and export again",
	     "\"%s\" Excel द्वारा गोल की गई संख्या है (वैज्ञानिक रूप में): शिकायत क्रमांक के अंतिम अंक "
	     "खो गए हैं; Excel में कॉलम को Text बनाकर दोबारा निर्यात करें",
	     s);
	return 1;
}

/* A registration after the export was taken: a wrong date or a wrong snapshot. */
static int after_snapshot(struct loader *L, const struct row *row, int day)
{
	char d1[11], d2[11];
	if (day <= L->snapshot_day)
		return 0;
	sayf(L, row, header_column_name(&L->map, F_REG_DATE),
	     "the registration date %s is after the date of this export, %s (%s); a complaint "
	     "cannot be registered after the export was taken",
	     "दर्ज दिनांक %s इस निर्यात के दिनांक %s के बाद की है; निर्यात के बाद दर्ज शिकायत इसमें "
	     "नहीं हो सकती",
	     dmy(day, d1), dmy(L->snapshot_day, d2), L->res->snapshot_source);
	return 1;
}

static void say_unknown_status(struct loader *L, const struct row *row, const char *v)
{
	const char *col = header_column_name(&L->map, F_STATUS);
	if (status_is_bare_closed(v, strlen(v)))
		sayf(L, row, col,
		     "status \"%s\" says the complaint was closed but not how (with satisfaction, "
		     "with low quality, force close or special close); a closure is not guessed: "
		     "export the full status",
		     "स्थिति \"%s\" से पता नहीं चलता कि शिकायत कैसे बंद हुई (संतुष्टि के साथ, असंतुष्टि के "
		     "साथ, फोर्स क्लोज या विशेष क्लोज); अनुमान नहीं लगाया जाता: पूरी स्थिति के साथ निर्यात करें",
		     v);
	else
		sayf(L, row, col,
		     "status \"%s\" is not one the engine knows (open, attended, non-attended, "
		     "closed with satisfaction, closed with low quality, force close, special close, "
		     "out of jurisdiction); it is not guessed",
		     "स्थिति \"%s\" पहचानी नहीं गई (लंबित, अटेंडेड, नॉन अटेंडेड, संतुष्टि के साथ बंद, "
		     "असंतुष्टि के साथ बंद, फोर्स क्लोज, विशेष क्लोज, कार्यक्षेत्र से बाहर)",
		     v);
}

static enum nk_err load_complaint_row(struct loader *L, struct row *row)
{
	struct complaint c;
	memset(&c, 0, sizeof(c));
	fold_id(L, row, F_ID);
	fold_id(L, row, F_OFFICER_ID);
	if (require(L, row, F_ID, "complaint number", "शिकायत क्रमांक"))
		return quarantine(L, row, "empty_id", header_column_name(&L->map, F_ID));
	if (rounded_id(L, row, F_ID))
		return quarantine(L, row, "rounded_id", header_column_name(&L->map, F_ID));
	c.complaint_id = GET(F_ID);
	if (parse_date(L, row, F_REG_DATE, 1, &c.reg_day, &c.reg_seconds))
		return quarantine(L, row, "bad_date", header_column_name(&L->map, F_REG_DATE));
	if (after_snapshot(L, row, c.reg_day))
		return quarantine(L, row, "date_after_snapshot",
				  header_column_name(&L->map, F_REG_DATE));
	if (parse_level(L, row, F_LEVEL, 1, &c.level))
		return quarantine(L, row, "bad_level", header_column_name(&L->map, F_LEVEL));
	enum status st = status_parse(GET(F_STATUS), strlen(GET(F_STATUS)));
	if (st == ST_UNKNOWN) {
		say_unknown_status(L, row, GET(F_STATUS));
		return quarantine(L, row, "unknown_status", header_column_name(&L->map, F_STATUS));
	}
	static const int date_fields[] = {F_LEVEL_SINCE, F_CLOSED_DATE, F_CATEGORY_CHANGED,
					  F_OJ_DATE};
	int *date_out[] = {&c.level_since, &c.closed_day, &c.category_changed_day, &c.oj_day};
	for (int i = 0; i < 4; i++)
		if (parse_date(L, row, date_fields[i], 0, date_out[i], NULL))
			return quarantine(L, row, "bad_date",
					  header_column_name(&L->map, date_fields[i]));
	if (parse_level(L, row, F_OJ_LEVEL, 0, &c.oj_level))
		return quarantine(L, row, "bad_level", header_column_name(&L->map, F_OJ_LEVEL));
	c.status = status_name(st);
	c.status_raw = GET(F_STATUS);
	c.name_raw = GET(F_NAME);
	c.father_raw = GET(F_FATHER);
	c.mobile_raw = GET(F_MOBILE);
	c.district = GET(F_DISTRICT);
	c.tehsil = GET(F_TEHSIL);
	c.block = GET(F_BLOCK);
	c.village = GET(F_VILLAGE);
	c.address = GET(F_ADDRESS);
	c.department = GET(F_DEPARTMENT);
	c.category = GET(F_CATEGORY);
	c.sub_category = GET(F_SUB_CATEGORY);
	c.description = GET(F_DESCRIPTION);
	c.officer_id = GET(F_OFFICER_ID);
	c.officer_name = GET(F_OFFICER_NAME);
	c.satisfaction = GET(F_SATISFACTION);
	c.prev_category = GET(F_PREV_CATEGORY);
	c.oj_officer = GET(F_OJ_OFFICER);
	*L->defer_c = c;
	return NK_OK;
}

/*
 * A master names each category or officer once: a second row of the same
 * one would silently replace the first. 1 with reason set; else the id is
 * remembered with its row.
 */
static int repeated_in_file(struct loader *L, const struct row *row, int f, const char *what_en,
			    const char *what_hi)
{
	int added;
	const char *id = header_get(&L->map, row, f);
	long i = strmap_put(&L->seen, id, &added);
	if (added) {
		ALLOC_GROW(L->seen_row, (size_t)i + 1, L->seen_alloc);
		L->seen_row[i] = row->number;
		return 0;
	}
	char en[512], hi[512];
	xsnprintf(en, sizeof(en),
		  "%s \"%s\" already appears on %s %ld of this file; the first one was kept",
		  what_en, id, L->is_csv ? "line" : "row", L->seen_row[i]);
	xsnprintf(hi, sizeof(hi), "%s \"%s\" इसी फ़ाइल की पंक्ति %ld में पहले से है; पहली वाली ली गई",
		  what_hi, id, L->seen_row[i]);
	say(L, row, header_column_name(&L->map, f), en, hi);
	return 1;
}

static enum nk_err load_category_row(struct loader *L, const struct row *row)
{
	struct category_rec c;
	if (require(L, row, C_CATEGORY, "category", "प्रारूप"))
		return quarantine(L, row, "empty_category",
				  header_column_name(&L->map, C_CATEGORY));
	if (require(L, row, C_DEPARTMENT, "department", "विभाग"))
		return quarantine(L, row, "empty_department",
				  header_column_name(&L->map, C_DEPARTMENT));
	c.category = GET(C_CATEGORY);
	c.department = GET(C_DEPARTMENT);
	if (repeated_in_file(L, row, C_CATEGORY, "category", "प्रारूप"))
		return quarantine(L, row, "duplicate_in_file",
				  header_column_name(&L->map, C_CATEGORY));
	for (int i = 0; i < 5; i++) {
		const char *s = GET(C_DAYS1 + i);
		char *end;
		c.days[i] = -1;
		if (!*s && i > 0)
			continue;
		long v = strtol(s, &end, 10);
		if (!*s || *end || v < 0 || v > 3650) {
			char en[256], hi[256];
			xsnprintf(en, sizeof(en),
				  "\"%s\" is not a number of days (expected a whole number "
				  "such as 7)",
				  s);
			xsnprintf(hi, sizeof(hi), "\"%s\" दिनों की संख्या नहीं है (जैसे 7)", s);
			say(L, row, header_column_name(&L->map, C_DAYS1 + i), en, hi);
			return quarantine(L, row, "bad_days",
					  header_column_name(&L->map, C_DAYS1 + i));
		}
		c.days[i] = (int)v;
	}
	L->res->counts.loaded++;
	return records_upsert_category(L->rec, &c, L->file_id, &L->scratch);
}

static enum nk_err load_officer_row(struct loader *L, struct row *row)
{
	struct officer_rec o;
	char mobile[16];
	memset(&o, 0, sizeof(o));
	fold_id(L, row, O_ID);
	fold_id(L, row, O_REPORTS_TO);
	if (require(L, row, O_ID, "officer id", "अधिकारी आईडी"))
		return quarantine(L, row, "empty_id", header_column_name(&L->map, O_ID));
	if (repeated_in_file(L, row, O_ID, "officer", "अधिकारी"))
		return quarantine(L, row, "duplicate_in_file", header_column_name(&L->map, O_ID));
	if (parse_level(L, row, O_LEVEL, 1, &o.level))
		return quarantine(L, row, "bad_level", header_column_name(&L->map, O_LEVEL));
	o.officer_id = GET(O_ID);
	o.name = GET(O_NAME);
	o.designation = GET(O_DESIGNATION);
	o.department = GET(O_DEPARTMENT);
	o.district = GET(O_DISTRICT);
	o.mobile_raw = GET(O_MOBILE);
	o.reports_to = GET(O_REPORTS_TO);
	o.mobile_kind = keys_phone(o.mobile_raw, mobile);
	o.mobile = mobile;
	L->res->counts.loaded++;
	return records_upsert_officer(L->rec, &o, L->file_id, &L->scratch);
}

static enum nk_err load_movement_row(struct loader *L, struct row *row)
{
	struct movement_rec m;
	memset(&m, 0, sizeof(m));
	fold_id(L, row, M_ID);
	if (require(L, row, M_ID, "complaint number", "शिकायत क्रमांक"))
		return quarantine(L, row, "empty_id", header_column_name(&L->map, M_ID));
	if (rounded_id(L, row, M_ID))
		return quarantine(L, row, "rounded_id", header_column_name(&L->map, M_ID));
	if (require(L, row, M_DATE, "action date", "कार्यवाही दिनांक") ||
	    parse_date(L, row, M_DATE, 0, &m.day, &m.seconds))
		return quarantine(L, row, "bad_date", header_column_name(&L->map, M_DATE));
	enum action a = action_parse(GET(M_ACTION), strlen(GET(M_ACTION)));
	if (a == ACT_UNKNOWN) {
		char en[512], hi[512];
		xsnprintf(
			en, sizeof(en),
			"action \"%s\" is not one the engine knows (escalated, "
			"transferred, category changed, out of jurisdiction, returned, attended, closed)",
			GET(M_ACTION));
		xsnprintf(hi, sizeof(hi),
			  "कार्यवाही \"%s\" पहचानी नहीं गई (अग्रेषित, स्थानांतरित, प्रारूप "
			  "परिवर्तन, कार्यक्षेत्र से बाहर, वापस, अटेंडेड, बंद)",
			  GET(M_ACTION));
		say(L, row, header_column_name(&L->map, M_ACTION), en, hi);
		return quarantine(L, row, "unknown_action", header_column_name(&L->map, M_ACTION));
	}
	if (parse_level(L, row, M_FROM_LEVEL, 0, &m.from_level))
		return quarantine(L, row, "bad_level", header_column_name(&L->map, M_FROM_LEVEL));
	if (parse_level(L, row, M_TO_LEVEL, 0, &m.to_level))
		return quarantine(L, row, "bad_level", header_column_name(&L->map, M_TO_LEVEL));
	m.complaint_id = GET(M_ID);
	m.action = action_name(a);
	m.from_officer = GET(M_FROM_OFFICER);
	m.to_officer = GET(M_TO_OFFICER);
	m.old_category = GET(M_OLD_CATEGORY);
	m.new_category = GET(M_NEW_CATEGORY);
	m.remarks = GET(M_REMARKS);
	int added;
	L->res->counts.loaded++;
	return records_add_movement(L->rec, &m, L->file_id, row->number, &added, &L->scratch);
}

#undef GET

/* A row of a master or a movement log (complaints go in batches: load_complaints). */
static enum nk_err load_row(struct loader *L, struct row *row)
{
	enum nk_err rc = NK_OK;
	if (common_problem(L, row, &rc))
		return rc;
	switch (L->opt->kind) {
	case KIND_COMPLAINTS: break;
	case KIND_CATEGORIES: return load_category_row(L, row);
	case KIND_OFFICERS: return load_officer_row(L, row);
	case KIND_MOVEMENTS: return load_movement_row(L, row);
	}
	return NK_OK;
}

/* The fields the header mapped, for the rules that need a column (schema v7). */
static enum nk_err record_fields(struct loader *L, struct strbuf *err)
{
	struct strbuf f = STRBUF_INIT;
	strbuf_addch(&f, ' ');
	for (int i = 0; i < L->map.nfields; i++)
		if (L->map.col[i] >= 0)
			strbuf_addf(&f, "%s ", header_field_name(L->opt->kind, i));
	enum nk_err rc = records_file_fields(L->rec, L->file_id, f.buf, err);
	strbuf_release(&f);
	return rc;
}

/*
 * Finds the header row: the first of the top rows that maps every required
 * field. Portals sometimes put a title above it; those rows are counted.
 */
static int header_in_sheet(struct loader *L, struct reader *rd, struct strbuf *err)
{
	struct row row;
	struct strbuf best_err = STRBUF_INIT;
	int best_hits = -1;
	for (int i = 0; i < HEADER_SEARCH_ROWS; i++) {
		int rc = reader_next(rd, &row);
		if (rc == ROW_ERROR) {
			strbuf_addstr(err, reader_error(rd));
			goto fail;
		}
		if (rc == ROW_EOF)
			break;
		if (row_is_empty(&row))
			continue;
		trim_fields(&row);
		struct strbuf e = STRBUF_INIT;
		if (header_map_build(&L->map, L->opt->kind, &row, L->opt->cfg, &e) == 0) {
			L->res->header_row = row.number;
			strbuf_release(&e);
			strbuf_release(&best_err);
			return 0;
		}
		header_map_release(&L->map);
		int hits = header_required_hits(L->opt->kind, &row, L->opt->cfg);
		if (hits > best_hits) {
			best_hits = hits;
			strbuf_reset(&best_err);
			strbuf_addf(&best_err, "%s (%s %ld)", e.buf, L->is_csv ? "line" : "row",
				    row.number);
		}
		strbuf_release(&e);
		L->res->title_rows++;
	}
	if (best_hits < 0)
		strbuf_addf(err, "%s: the file has no rows; expected a header row and complaints",
			    L->path);
	else
		strbuf_addf(err, "%s: not a %s file: %s", L->path, file_kind_name(L->opt->kind),
			    best_err.buf);
	strbuf_release(&best_err);
	return 1;
fail:
	strbuf_release(&best_err);
	return -1;
}

/*
 * The header row, on the first sheet of a workbook that has one when no
 * sheet was named: a workbook may open with a sheet of instructions or a
 * summary before the export's rows. The format names the sheet read.
 */
static enum nk_err find_header(struct loader *L, struct reader *rd, struct strbuf *err)
{
	size_t at = err->len;
	struct strbuf other = STRBUF_INIT, names = STRBUF_INIT;
	int rc = header_in_sheet(L, rd, err), more;
	while (rc == 1 && (more = reader_next_sheet(rd)) != 0) {
		if (more < 0) {
			strbuf_setlen(err, at);
			strbuf_addstr(err, reader_error(rd));
			rc = -1;
			break;
		}
		strbuf_addf(&names, "%s\"%s\"", names.len ? ", " : "", reader_sheet(rd));
		strbuf_reset(&other);
		L->res->title_rows = 0;
		rc = header_in_sheet(L, rd, &other);
		if (rc <= 0) {
			strbuf_setlen(err, at);
			strbuf_add(err, other.buf, other.len);
		}
	}
	if (rc == 1 && names.len)
		strbuf_addf(err, "; the workbook's other sheets (%s) have no such header either",
			    names.buf);
	strbuf_release(&other);
	strbuf_release(&names);
	return rc ? NK_EFORMAT : NK_OK;
}

/*
 * A header row again below the first (two exports joined into one file,
 * perhaps with their columns in another order): the columns after it are
 * read by its names. Only a row whose date (or days) column holds no
 * number is looked at, so data rows cost nothing. 1 for such a row, with
 * its map in *again for the caller to put in place of L->map (rows read
 * before it may still need the old one); else 0.
 */
static int header_again(struct loader *L, const struct row *row, struct header_map *again)
{
	static const int probe[KIND_COUNT] = {[KIND_COMPLAINTS] = F_REG_DATE,
					      [KIND_MOVEMENTS] = M_DATE,
					      [KIND_CATEGORIES] = C_DAYS1,
					      [KIND_OFFICERS] = -1};
	enum file_kind kind = L->opt->kind;
	struct header_map m;
	struct strbuf e = STRBUF_INIT;
	if (probe[kind] >= 0) {
		const char *s = header_get(&L->map, row, probe[kind]);
		if (!*s || isdigit((unsigned char)*s))
			return 0;
	}
	if (header_required_hits(kind, row, L->opt->cfg) < header_required_count(kind))
		return 0;
	int rc = header_map_build(&m, kind, row, L->opt->cfg, &e);
	strbuf_release(&e);
	if (rc) {
		header_map_release(&m);
		return 0;
	}
	*again = m;
	L->res->headers++;
	L->res->header_row = row->number;
	return 1;
}

/* The file ends inside its last row: still being copied, or cut short. */
static int cut_short(struct loader *L, const struct row *row, struct strbuf *err)
{
	if (!row->cut || (row->cut == 1 && row->nfields >= L->map.ncols_named))
		return 0;
	strbuf_addf(err, "%s: the last line (line %ld) is cut off: it ends without a line break ",
		    L->path, row->number);
	if (row->cut == 2)
		strbuf_addstr(err, "inside a quoted value");
	else
		strbuf_addf(err, "after %zu of the header's %zu columns", row->nfields,
			    L->map.ncols_named);
	strbuf_addstr(err, "; the file may still be being copied, or the copy was cut short. "
			   "Nothing from this file was loaded: copy it again");
	return 1;
}

/*
 * The file's sha256, once read: a file ingested before stops the load
 * (L->seen_before, NK_EREFUSED; nothing of it is committed), another has
 * its hash recorded in place of the stand-in the load began with. Before
 * the first commit at the latest; every stored batch asks, so a file seen
 * before is not read much further than its hash.
 */
/* Waits for the file's sha256, once; NK_EIO with err when it could not be read. */
static enum nk_err wait_hash(struct loader *L, struct strbuf *err)
{
	L->hash_settled = 1;
	if (!filehash_wait(&L->hash))
		return NK_OK;
	strbuf_addf(err, "%s: cannot read the file: %s", L->path, strerror(L->hash.err));
	return NK_EIO;
}

static enum nk_err settle_hash(struct loader *L, struct strbuf *err)
{
	if (L->hash_settled)
		return NK_OK;
	enum nk_err e = wait_hash(L, err);
	if (e)
		return e;
	if (records_file_seen(L->rec, L->hash.hex, &L->res->seen)) {
		L->seen_before = 1;
		return NK_EREFUSED;
	}
	return records_file_sha(L->rec, L->file_id, L->hash.hex, err);
}

static enum nk_err settle_hash_if_read(struct loader *L, struct strbuf *err)
{
	return filehash_ready(&L->hash) ? settle_hash(L, err) : NK_OK;
}

/* Commits the rows stored so far and opens the next step's transaction. */
static enum nk_err commit_step(struct loader *L, struct strbuf *err)
{
	enum nk_err rc = settle_hash(L, err);
	if (!rc)
		rc = store_commit(L->st, err);
	if (rc)
		return rc;
	store_checkpoint(L->st);
	L->stepped = 1;
	L->in_step = 0;
	if (L->opt->step_hook)
		L->opt->step_hook("ingest-step");
	return store_begin(L->st, err);
}

/*
 * The next row to load, its fields trimmed; empty rows are counted and
 * passed over. ROW_OK; ROW_EOF; ROW_HEADER for a header again, its map in
 * *again (header_again); ROW_ERROR with err set when the file is cut short
 * or cannot be read on.
 */
enum { ROW_HEADER = 2 };
static int next_row(struct loader *L, struct reader *rd, struct row *row, struct header_map *again,
		    struct strbuf *err)
{
	int rc;
	while ((rc = reader_next(rd, row)) == ROW_OK) {
		/* a row the reader could not read whole is not empty: it is quarantined */
		if (!row->problem && row_is_empty(row)) {
			L->res->counts.empty++;
			continue;
		}
		trim_fields(row);
		if (cut_short(L, row, err))
			return ROW_ERROR;
		if (header_again(L, row, again))
			return ROW_HEADER;
		L->res->counts.read++;
		return ROW_OK;
	}
	if (rc == ROW_ERROR)
		strbuf_addf(err, "%s; nothing from this file was loaded", reader_error(rd));
	else
		L->res->counts.empty += reader_blank_rows(rd);
	return rc;
}

static void progress(struct loader *L, long rows, long long done, long long total)
{
	if (L->opt->progress)
		L->opt->progress(L->opt->progress_ctx, rows, done, total);
}

/* A copy of row in the batch's arena: the reader reuses its buffers. */
static void keep_row(struct batch *b, const struct row *row)
{
	struct row *k = &b->rows[b->n++];
	*k = *row;
	k->field = arena_alloc(&b->arena, row->nfields * sizeof(char *));
	k->len = arena_alloc(&b->arena, row->nfields * sizeof(size_t));
	for (size_t i = 0; i < row->nfields; i++) {
		k->field[i] = arena_strndup(&b->arena, row->field[i], row->len[i]);
		k->len[i] = row->len[i];
	}
	if (row->problem) /* the reader's, valid only until its next row */
		k->problem = arena_strdup(&b->arena, row->problem);
}

/*
 * The next rows of the file into b, until it is full, a header again, the
 * file's end or a failure; b->end says which (a batch after the end is
 * empty and says it again). 1 after a header again, its map in *again, for
 * the rows after the batch's.
 */
static int fill_batch(struct reading *R, struct batch *b, struct header_map *again)
{
	struct loader *W = &R->view;
	struct row row;
	int rc = R->end;
	b->map = W->map;
	b->map_ends = 0;
	b->progress_rows = 0;
	while (rc == ROW_OK && b->n < BATCH_ROWS &&
	       (rc = next_row(W, R->rd, &row, again, &R->err)) == ROW_OK) {
		keep_row(b, &row);
		if (W->opt->progress && W->res->counts.read % PROGRESS_EVERY == 0) {
			b->progress_rows = W->res->counts.read;
			b->progress_done = reader_progress(R->rd, &b->progress_total);
		}
	}
	b->map_ends = rc == ROW_HEADER;
	b->end = R->end = rc == ROW_HEADER ? ROW_OK : rc;
	return b->map_ends;
}

/*
 * The worker's part of batched row i: the checks of every kind, the
 * complaint's fields, then its keys. It reads the header map and options,
 * writes only the batch, and leaves storing to store_batch.
 */
static void prep_row(struct loader *W, struct batch *b, size_t i)
{
	enum nk_err rc = NK_OK;
	W->defer = &b->p[i];
	W->defer_c = &b->c[i];
	W->defer_arena = &b->arena;
	*W->defer = (struct prep){0};
	if (!common_problem(W, &b->rows[i], &rc))
		load_complaint_row(W, &b->rows[i]);
	if (!b->p[i].bad)
		keys_compute(W->keys, &b->c[i], &b->arena);
}

/*
 * The worker's job (keys_submit_job, a job of one): the next batch read,
 * checked and keyed.
 */
static void read_job(void *arg, size_t unused)
{
	struct batch *b = arg;
	struct loader *W = &b->from->view;
	struct header_map again;
	int header = fill_batch(b->from, b, &again);
	(void)unused;
	for (size_t i = 0; i < b->n; i++)
		prep_row(W, b, i);
	/* the batch's rows are checked by the map they came under, the next by this one */
	if (header)
		W->map = again;
}

static void batch_empty(struct batch *b)
{
	b->n = 0;
	arena_release(&b->arena);
	if (b->map_ends)
		header_map_release(&b->map);
	b->map_ends = 0;
}

/* Stores one batched complaint; a repeated id goes to quarantine. */
static enum nk_err store_complaint(struct loader *L, const struct complaint *c,
				   const struct row *row)
{
	enum upsert_result ur;
	long dup_row = 0;
	enum nk_err rc = records_upsert_complaint(L->rec, c, L->file_id, row->number,
						  L->snapshot_day, &ur, &dup_row, &L->scratch);
	if (rc)
		return rc;
	switch (ur) {
	case UPSERT_DUPLICATE: {
		char en[256], hi[256];
		xsnprintf(en, sizeof(en),
			  "complaint %s already appears on %s %ld of this file; "
			  "the first one was loaded",
			  c->complaint_id, L->is_csv ? "line" : "row", dup_row);
		xsnprintf(hi, sizeof(hi),
			  "शिकायत %s इसी फ़ाइल की पंक्ति %ld में पहले से है; पहली वाली ली गई",
			  c->complaint_id, dup_row);
		say(L, row, header_column_name(&L->map, F_ID), en, hi);
		return quarantine(L, row, "duplicate_in_file", header_column_name(&L->map, F_ID));
	}
	case UPSERT_INSERTED: L->res->inserted++; break;
	case UPSERT_UPDATED: L->res->updated++; break;
	case UPSERT_UNCHANGED: L->res->unchanged++; break;
	case UPSERT_OLDER: L->res->counts.older++; break;
	}
	L->res->counts.loaded++;
	return NK_OK;
}

/*
 * Stores a batch the worker is done with, row by row in file order,
 * committing a step every L->step_rows rows; then empties it.
 */
static enum nk_err store_batch(struct loader *L, struct batch *b, struct strbuf *err)
{
	enum nk_err rc = NK_OK;
	L->map = b->map; /* for the reasons of a repeated id */
	for (size_t i = 0; i < b->n && !rc; i++) {
		const struct prep *p = &b->p[i];
		if (!p->bad) {
			rc = store_complaint(L, &b->c[i], &b->rows[i]);
		} else {
			strbuf_reset(&L->reason);
			strbuf_reset(&L->reason_hi);
			strbuf_addstr(&L->reason, p->en);
			strbuf_addstr(&L->reason_hi, p->hi);
			rc = quarantine(L, &b->rows[i], p->code, p->column);
		}
		if (rc) {
			strbuf_add(err, L->scratch.buf, L->scratch.len);
			break;
		}
		if (L->step_rows && ++L->in_step >= L->step_rows)
			rc = commit_step(L, err);
	}
	if (!rc)
		rc = settle_hash_if_read(L, err);
	if (!rc && b->progress_rows)
		progress(L, b->progress_rows, b->progress_done, b->progress_total);
	batch_empty(b);
	return rc;
}

/*
 * The complaints of the file, a batch at a time: the worker reads the next
 * batches while this thread stores the one before, and each is read again
 * once stored. With no worker (keys_submit_job runs the job at once) there
 * is nothing to read ahead for: one batch is read and stored in turn. A
 * failure to read is reported after the rows before it are stored, so
 * errors come in file order whichever thread meets them.
 */
static enum nk_err load_complaints(struct loader *L, struct reader *rd, struct strbuf *err)
{
	struct reading R = {
		.view = *L, .res = *L->res, .rd = rd, .end = ROW_OK, .err = STRBUF_INIT};
	struct batch batch[BATCHES] = {{0}};
	size_t ticket[BATCHES];
	int nb = keys_pool_has_worker(L->keys) ? BATCHES : 1;
	enum nk_err rc = NK_OK;
	/* the view owns the header map now; storing borrows each batch's */
	R.view.res = &R.res;
	R.view.st = NULL;
	R.view.rec = NULL;
	R.view.raw = R.view.scratch = (struct strbuf)STRBUF_INIT;
	strbuf_init(&R.view.reason, 0);
	strbuf_init(&R.view.reason_hi, 0);
	for (int i = 0; i < nb; i++) {
		batch[i].c = xcalloc(BATCH_ROWS, sizeof(struct complaint));
		batch[i].p = xcalloc(BATCH_ROWS, sizeof(struct prep));
		batch[i].rows = xcalloc(BATCH_ROWS, sizeof(struct row));
		batch[i].from = &R;
	}
	for (int i = 0; i < nb; i++)
		ticket[i] = keys_submit_job(L->keys, read_job, &batch[i], 1);
	for (size_t k = 0;; k++) {
		struct batch *b = &batch[k % nb];
		keys_wait_job(L->keys, ticket[k % nb]);
		if (b->end == ROW_ERROR) {
			strbuf_add(err, R.err.buf, R.err.len);
			rc = NK_EFORMAT;
			break;
		}
		if ((rc = store_batch(L, b, err)) || b->end == ROW_EOF)
			break;
		ticket[k % nb] = keys_submit_job(L->keys, read_job, b, 1);
	}
	keys_wait(L->keys); /* the batches read ahead */
	L->map = R.view.map;
	L->res->counts.read = R.res.counts.read;
	L->res->counts.empty = R.res.counts.empty;
	L->res->headers = R.res.headers;
	L->res->header_row = R.res.header_row;
	for (int i = 0; i < nb; i++) {
		batch_empty(&batch[i]);
		free(batch[i].c);
		free(batch[i].p);
		free(batch[i].rows);
	}
	strbuf_release(&R.view.reason);
	strbuf_release(&R.view.reason_hi);
	strbuf_release(&R.err);
	return rc;
}

static enum nk_err load_rows(struct loader *L, struct reader *rd, struct strbuf *err)
{
	struct header_map again;
	struct row row;
	int rc;
	if (L->opt->kind == KIND_COMPLAINTS)
		return load_complaints(L, rd, err);
	while ((rc = next_row(L, rd, &row, &again, err)) != ROW_EOF) {
		if (rc == ROW_ERROR)
			return NK_EFORMAT;
		if (rc == ROW_HEADER) {
			header_map_release(&L->map);
			L->map = again;
			continue;
		}
		enum nk_err e = load_row(L, &row);
		if (e) {
			strbuf_add(err, L->scratch.buf, L->scratch.len);
			return e;
		}
		if (L->step_rows && ++L->in_step >= L->step_rows && (e = commit_step(L, err)))
			return e;
		if (L->res->counts.read % 4096 == 0 && (e = settle_hash_if_read(L, err)))
			return e;
		if (L->opt->progress && L->res->counts.read % PROGRESS_EVERY == 0) {
			long long total, done = reader_progress(rd, &total);
			progress(L, L->res->counts.read, done, total);
		}
	}
	return NK_OK;
}

enum nk_err load_detect_kind(const char *path, const struct load_options *opt, enum file_kind *out,
			     struct strbuf *err)
{
	/* Most specific first: an export names far more columns than a master. */
	static const enum file_kind order[KIND_COUNT] = {KIND_COMPLAINTS, KIND_MOVEMENTS,
							 KIND_OFFICERS, KIND_CATEGORIES};
	struct reader *rd = reader_open(path, &opt->ropt, err);
	struct row row;
	if (!rd)
		return NK_EFORMAT;
	do {
		for (int i = 0; i < HEADER_SEARCH_ROWS && reader_next(rd, &row) == ROW_OK; i++) {
			trim_fields(&row);
			for (int k = 0; k < KIND_COUNT; k++) {
				if (header_required_hits(order[k], &row, opt->cfg) ==
				    header_required_count(order[k])) {
					*out = order[k];
					reader_close(rd);
					return NK_OK;
				}
			}
		}
	} while (reader_next_sheet(rd) > 0); /* a workbook's export may be on a later sheet */
	reader_close(rd);
	strbuf_addf(
		err,
		"%s: the header row is not that of a complaints export, a movement log, "
		"an officers master or a categories master; move it out of the inbox or load it "
		"with 'nirakaran ingest --kind'",
		path);
	return NK_EFORMAT;
}

/* How many rows a step of this load holds (load.h); 0: one transaction. */
static enum nk_err step_size(struct loader *L, struct strbuf *err)
{
	long n = LOAD_COMMIT_ROWS;
	struct strbuf e = STRBUF_INIT;
	if (L->opt->cfg && config_int(L->opt->cfg, "ingest", "commit_rows", n, &n, &e)) {
		strbuf_addf(err, "%s", e.buf);
		strbuf_release(&e);
		return NK_ECONFIG;
	}
	strbuf_release(&e);
	int adds_only = L->opt->kind == KIND_MOVEMENTS ||
			(L->opt->kind == KIND_COMPLAINTS && records_complaints_empty(L->rec));
	L->step_rows = adds_only && n > 0 ? n : 0;
	return NK_OK;
}

static void loader_release(struct loader *L)
{
	header_map_release(&L->map);
	records_free(L->rec);
	keys_pool_free(L->keys);
	strbuf_release(&L->raw);
	strbuf_release(&L->reason);
	strbuf_release(&L->reason_hi);
	strbuf_release(&L->scratch);
	strmap_release(&L->seen);
	free(L->seen_row);
}

/*
 * A load that failed before its hash was checked ends as the hash says
 * first, as when the hash was read before the load: a file that cannot
 * be read, then one ingested before (skipped, not a failure), then rc.
 */
static enum nk_err hash_first(struct loader *L, enum nk_err rc, size_t err_at,
			      struct strbuf *err)
{
	struct strbuf why = STRBUF_INIT;
	if (wait_hash(L, &why)) {
		strbuf_setlen(err, err_at);
		strbuf_addstr(err, why.buf);
		strbuf_release(&why);
		return NK_EIO;
	}
	L->seen_before = records_file_seen(L->rec, L->hash.hex, &L->res->seen);
	return rc;
}

/* A file ingested before: nothing done but saying when. */
static void as_skipped(struct load_result *res)
{
	struct file_info seen = res->seen;
	memset(res, 0, sizeof(*res));
	res->seen = seen;
	res->skipped = 1;
}

/* What the load begins with for the file's sha256 until it is read; never
 * committed (settle_hash replaces it first). */
#define HASH_UNREAD "(being read)"

enum nk_err load_file(struct store *st, const char *path, const struct load_options *opt,
		      struct load_result *res, struct strbuf *err)
{
	double t0 = now_seconds();
	size_t err_at = err->len;
	struct loader L = {.st = st,
			   .opt = opt,
			   .path = path,
			   .res = res,
			   .raw = STRBUF_INIT,
			   .reason = STRBUF_INIT,
			   .reason_hi = STRBUF_INIT,
			   .scratch = STRBUF_INIT};
	memset(res, 0, sizeof(*res));
	filehash_start(&L.hash, path);
	L.rec = records_new(st);
	L.keys = keys_pool_new();
	strmap_init(&L.seen);
	enum nk_err rc = NK_EFORMAT;
	struct reader *rd = reader_open(path, &opt->ropt, err);
	if (!rd)
		goto out;
	xsnprintf(res->format, sizeof(res->format), "%s", reader_format(rd));
	L.is_csv = res->format[0] == 'C';
	L.snapshot_day = opt->snapshot_day;
	res->snapshot_source = "given with --snapshot";
	if (L.snapshot_day == DAY_NONE) {
		L.snapshot_day = load_date_from_name(path);
		res->snapshot_source = "from the file name";
	}
	if (L.snapshot_day == DAY_NONE) {
		L.snapshot_day = opt->as_of;
		res->snapshot_source = "the night's date: the file name carries none";
	}
	res->snapshot_day = L.snapshot_day;
	rc = find_header(&L, rd, err);
	if (rc || (rc = step_size(&L, err)))
		goto out;
	xsnprintf(res->format, sizeof(res->format), "%s", reader_format(rd)); /* the sheet found */
	if ((rc = store_begin(st, err)))
		goto out;
	L.file_id = records_file_begin(L.rec, path, HASH_UNREAD, file_kind_name(opt->kind),
				       res->format, L.snapshot_day, err);
	if (L.file_id < 0) {
		rc = NK_EDB;
		goto rollback;
	}
	res->file_id = L.file_id;
	if ((rc = record_fields(&L, err)))
		goto rollback;
	if ((rc = load_rows(&L, rd, err)))
		goto rollback;
	if ((rc = settle_hash(&L, err)) ||
	    (rc = records_file_finish(L.rec, L.file_id, &res->counts, err)))
		goto rollback;
	rc = store_commit(st, err);
	goto out;
rollback:
	store_rollback(st);
	if (L.stepped) {
		struct strbuf e2 = STRBUF_INIT;
		if (records_undo_unfinished(st, NULL, &e2))
			strbuf_addf(err, "; undoing the steps committed failed too (%s): the next"
				    " run undoes them", e2.buf);
		strbuf_release(&e2);
	}
out:
	if (!L.hash_settled)
		rc = hash_first(&L, rc, err_at, err);
	if (L.seen_before) {
		as_skipped(res);
		strbuf_setlen(err, err_at);
		rc = NK_OK;
	}
	if (opt->progress && !rc && !res->skipped) {
		long long total, done = reader_progress(rd, &total);
		opt->progress(opt->progress_ctx, res->counts.read, done, total);
	}
	reader_close(rd);
	loader_release(&L);
	res->seconds = now_seconds() - t0;
	return rc;
}
