/*
 * test_csv.c - the CSV reader.
 *
 * Table-driven part: every tests/data/csv/<dir>/X has X.expected beside it
 * (records as "line<TAB>field<TAB>...", plus @delimiter, @blank, @problem,
 * @error lines); each file is read at several read sizes so that records
 * are cut at every byte boundary. The rest builds inputs in code: BOM,
 * UTF-16, NUL bytes, field caps, big fields, a random round trip.
 */
#include "engine/util.h"
#include "ingest/csv.h"
#include "tests/test.h"

#include <dirent.h>
#include <stdlib.h>
#include <unistd.h>

static const size_t read_sizes[] = {0, 1, 2, 3, 5, 64};
#define NSIZES (sizeof(read_sizes) / sizeof(read_sizes[0]))

struct exp_rec {
	long line;
	size_t nf;
	char **f;
	char *problem; /* NULL: the row must be clean */
	int pcol;
};

struct expect {
	int delim;  /* 0: not checked */
	long blank; /* -1: not checked */
	char *error;
	struct exp_rec *rec;
	size_t nrec, alloc;
};

static char *unescape(const char *s, size_t n)
{
	struct strbuf sb = STRBUF_INIT;
	for (size_t i = 0; i < n; i++) {
		if (s[i] != '\\' || i + 1 == n) {
			strbuf_addch(&sb, s[i]);
			continue;
		}
		char c = s[++i];
		strbuf_addch(&sb, c == 'n' ? '\n' : c == 'r' ? '\r' : c == 't' ? '\t' : c);
	}
	return strbuf_detach(&sb, NULL);
}

static void parse_record_line(struct expect *e, const char *line)
{
	struct exp_rec *r;
	ALLOC_GROW(e->rec, e->nrec + 1, e->alloc);
	r = &e->rec[e->nrec++];
	memset(r, 0, sizeof(*r));
	r->pcol = -1;
	r->line = strtol(line, NULL, 10);
	const char *p = strchr(line, '\t');
	while (p) {
		const char *q = strchr(p + 1, '\t');
		size_t n = q ? (size_t)(q - p - 1) : strlen(p + 1);
		r->f = xrealloc(r->f, (r->nf + 1) * sizeof(*r->f));
		r->f[r->nf++] = unescape(p + 1, n);
		p = q;
	}
}

/* Problems are listed before the records; attach them afterwards. */
struct pending {
	long line;
	int col;
	char *text;
};

static int load_expect(const char *path, struct expect *e)
{
	FILE *f = fopen(path, "r");
	char line[4096];
	struct pending pend[32];
	size_t npend = 0;

	memset(e, 0, sizeof(*e));
	e->blank = -1;
	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f)) {
		line[strcspn(line, "\n")] = 0;
		if (line[0] == '#')
			continue;
		if (!strncmp(line, "@delimiter ", 11))
			e->delim = !strcmp(line + 11, "tab") ? '\t' : line[11];
		else if (!strncmp(line, "@blank ", 7))
			e->blank = strtol(line + 7, NULL, 10);
		else if (!strncmp(line, "@error ", 7))
			e->error = xstrdup(line + 7);
		else if (!strncmp(line, "@problem ", 9) && npend < 32) {
			char *end;
			pend[npend].line = strtol(line + 9, &end, 10);
			pend[npend].col = (int)strtol(end, &end, 10);
			pend[npend++].text = xstrdup(end + 1);
		} else
			parse_record_line(e, line);
	}
	fclose(f);
	for (size_t i = 0; i < npend; i++)
		for (size_t j = 0; j < e->nrec; j++)
			if (e->rec[j].line == pend[i].line) {
				e->rec[j].problem = pend[i].text;
				e->rec[j].pcol = pend[i].col;
			}
	return 0;
}

static void free_expect(struct expect *e)
{
	for (size_t i = 0; i < e->nrec; i++) {
		for (size_t j = 0; j < e->rec[i].nf; j++)
			free(e->rec[i].f[j]);
		free(e->rec[i].f);
		free(e->rec[i].problem);
	}
	free(e->rec);
	free(e->error);
}

static void check_row(const char *what, const struct row *row, const struct exp_rec *x)
{
	CHECK_MSG(row->number == x->line,
		  "%s: record at line %ld, expected "
		  "line %ld",
		  what, row->number, x->line);
	CHECK_MSG(row->nfields == x->nf,
		  "%s line %ld: %zu fields, expected "
		  "%zu",
		  what, x->line, row->nfields, x->nf);
	for (size_t i = 0; i < row->nfields && i < x->nf; i++) {
		CHECK_MSG(row->len[i] == strlen(x->f[i]) &&
				  !memcmp(row->field[i], x->f[i], row->len[i]),
			  "%s line %ld field %zu: \"%s\", expected \"%s\"", what, x->line, i + 1,
			  row->field[i], x->f[i]);
		CHECK_MSG(row->field[i][row->len[i]] == 0,
			  "%s line %ld field %zu: not NUL-terminated", what, x->line, i + 1);
	}
	if (x->problem) {
		CHECK_MSG(row->problem && !strcmp(row->problem, x->problem),
			  "%s line %ld: problem \"%s\", expected \"%s\"", what, x->line,
			  row->problem ? row->problem : "(none)", x->problem);
		CHECK_MSG(row->problem_col == x->pcol,
			  "%s line %ld: problem "
			  "column %d, expected %d",
			  what, x->line, row->problem_col, x->pcol);
	} else {
		CHECK_MSG(!row->problem && row->problem_col == -1,
			  "%s line %ld: unexpected problem \"%s\"", what, x->line, row->problem);
	}
}

static void run_case(const char *path, const struct expect *e, size_t rs)
{
	struct csv_options opt = {0, rs, 0};
	struct strbuf err = STRBUF_INIT;
	struct csv_reader *r = csv_open_opts(path, &opt, &err);
	char what[512];
	struct row row;
	size_t n = 0;
	int rc;

	xsnprintf(what, sizeof(what), "%s (read size %zu)", path, rs);
	if (e->error) {
		struct strbuf want = STRBUF_INIT;
		const char *at = strstr(e->error, "{file}");
		strbuf_add(&want, e->error, (size_t)(at - e->error));
		strbuf_addstr(&want, path);
		strbuf_addstr(&want, at + 6);
		CHECK_MSG(!r && !strcmp(err.buf, want.buf), "%s: error \"%s\", expected \"%s\"",
			  what, err.buf, want.buf);
		strbuf_release(&want);
		csv_close(r);
		strbuf_release(&err);
		return;
	}
	CHECK_MSG(r != NULL, "%s: open failed: %s", what, err.buf);
	strbuf_release(&err);
	if (!r)
		return;
	if (e->delim)
		CHECK_MSG(csv_delimiter(r) == e->delim,
			  "%s: delimiter '%c', "
			  "expected '%c'",
			  what, csv_delimiter(r), e->delim);
	while ((rc = csv_next(r, &row)) == ROW_OK) {
		if (n < e->nrec)
			check_row(what, &row, &e->rec[n]);
		n++;
	}
	CHECK_MSG(rc == ROW_EOF, "%s: ended with %d, not EOF", what, rc);
	CHECK_MSG(n == e->nrec, "%s: %zu records, expected %zu", what, n, e->nrec);
	CHECK_MSG(csv_next(r, &row) == ROW_EOF, "%s: EOF does not stay", what);
	if (e->blank >= 0)
		CHECK_MSG(csv_blank_lines(r) == e->blank,
			  "%s: %ld blank lines, "
			  "expected %ld",
			  what, csv_blank_lines(r), e->blank);
	CHECK_MSG(csv_bytes_read(r) == csv_size(r),
		  "%s: read %lld of %lld "
		  "bytes",
		  what, csv_bytes_read(r), csv_size(r));
	csv_close(r);
}

static int run_dir(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	int cases = 0;
	CHECK_MSG(d != NULL, "cannot open %s", dir);
	while (d && (de = readdir(d))) {
		size_t n = strlen(de->d_name);
		char data[512], exp[512];
		struct expect e;
		if (n < 10 || strcmp(de->d_name + n - 9, ".expected"))
			continue;
		xsnprintf(exp, sizeof(exp), "%s/%s", dir, de->d_name);
		xsnprintf(data, sizeof(data), "%s/%.*s", dir, (int)(n - 9), de->d_name);
		CHECK_MSG(load_expect(exp, &e) == 0, "cannot read %s", exp);
		for (size_t i = 0; i < NSIZES; i++)
			run_case(data, &e, read_sizes[i]);
		free_expect(&e);
		cases++;
	}
	if (d)
		closedir(d);
	return cases;
}

/* ---- inputs built in code ---- */

/* Every row as "line:f1|f2|..." plus " !col problem", one a line. */
static int read_all(struct csv_reader *r, struct strbuf *out)
{
	struct row row;
	int rc;
	while ((rc = csv_next(r, &row)) == ROW_OK) {
		strbuf_addf(out, "%ld:", row.number);
		for (size_t i = 0; i < row.nfields; i++) {
			if (i)
				strbuf_addch(out, '|');
			strbuf_add(out, row.field[i], row.len[i]);
			if (strlen(row.field[i]) != row.len[i])
				strbuf_addstr(out, "<LEN MISMATCH>");
		}
		if (row.problem)
			strbuf_addf(out, " !%d %s", row.problem_col, row.problem);
		strbuf_addch(out, '\n');
	}
	return rc;
}

/* Open data as memory with the given read size and field cap, read it all,
   and compare with want. */
static void check_mem(const char *what, const void *data, size_t n, size_t rs, size_t cap,
		      const char *want)
{
	struct csv_options opt = {cap, rs, 0};
	struct strbuf err = STRBUF_INIT, got = STRBUF_INIT;
	struct csv_reader *r = csv_open_mem(data, n, what, &opt, &err);
	CHECK_MSG(r != NULL, "%s: open failed: %s", what, err.buf);
	if (r) {
		int rc = read_all(r, &got);
		CHECK_MSG(rc == ROW_EOF, "%s (read size %zu): ended with %d", what, rs, rc);
		CHECK_MSG(!strcmp(got.buf, want),
			  "%s (read size %zu): got\n%s"
			  "expected\n%s",
			  what, rs, got.buf, want);
		CHECK_MSG(csv_bytes_read(r) == (long long)n,
			  "%s: read %lld of "
			  "%zu bytes",
			  what, csv_bytes_read(r), n);
	}
	csv_close(r);
	strbuf_release(&err);
	strbuf_release(&got);
}

static void check_mem_sizes(const char *what, const void *data, size_t n, const char *want)
{
	for (size_t i = 0; i < NSIZES; i++)
		check_mem(what, data, n, read_sizes[i], 0, want);
}

static const char *encoding_of(const void *data, size_t n)
{
	static char enc[32];
	struct csv_reader *r = csv_open_mem(data, n, "x", NULL, NULL);
	xsnprintf(enc, sizeof(enc), "%s", r ? csv_encoding(r) : "(refused)");
	csv_close(r);
	return enc;
}

static void test_bom(void)
{
	static const char bom[] = "\xEF\xBB\xBFname,mobile\n\xE0\xA4\xB0,98\n";
	check_mem_sizes("BOM", bom, sizeof(bom) - 1, "1:name|mobile\n2:\xE0\xA4\xB0|98\n");
	CHECK_STR(encoding_of(bom, sizeof(bom) - 1), "UTF-8 with BOM");
	CHECK_STR(encoding_of("a,b\n", 4), "UTF-8");
}

/* UTF-8 text to UTF-16 with a BOM; units given in extra are appended raw. */
static void to_utf16(const char *s, int be, const unsigned *extra, size_t nextra,
		     struct strbuf *out)
{
	const unsigned char *p = (const unsigned char *)s;
	unsigned units[4096];
	size_t n = 0;
	units[n++] = 0xFEFF;
	while (*p) {
		unsigned cp = *p, k = 0;
		if (cp >= 0xF0)
			cp &= 0x07, k = 3;
		else if (cp >= 0xE0)
			cp &= 0x0F, k = 2;
		else if (cp >= 0xC0)
			cp &= 0x1F, k = 1;
		p++;
		while (k--)
			cp = cp << 6 | (*p++ & 0x3F);
		if (cp >= 0x10000) {
			units[n++] = 0xD800 + ((cp - 0x10000) >> 10);
			units[n++] = 0xDC00 + ((cp - 0x10000) & 0x3FF);
		} else {
			units[n++] = cp;
		}
	}
	for (size_t i = 0; i < nextra; i++)
		units[n++] = extra[i];
	for (size_t i = 0; i < n; i++) {
		strbuf_addch(out, be ? units[i] >> 8 : units[i] & 0xFF);
		strbuf_addch(out, be ? units[i] & 0xFF : units[i] >> 8);
	}
}

static void test_utf16(void)
{
	const char *text = "शिकायत\tनाम\r\n1\t\"राम\nश्याम\"\r\n2\t😀 x\r\n";
	const char *want = "1:शिकायत|नाम\n2:1|राम\nश्याम\n4:2|😀 x\n";
	for (int be = 0; be <= 1; be++) {
		struct strbuf b = STRBUF_INIT;
		to_utf16(text, be, NULL, 0, &b);
		check_mem_sizes(be ? "UTF-16BE" : "UTF-16LE", b.buf, b.len, want);
		CHECK_STR(encoding_of(b.buf, b.len), be ? "UTF-16BE" : "UTF-16LE");
		strbuf_release(&b);
	}
}

#define BAD16 "invalid UTF-16 (a lone surrogate, not Unicode text) in column "
#define FFFD  "\xEF\xBF\xBD"

static void test_utf16_damage(void)
{
	/* high alone, low alone, high + non-low, high at the very end */
	static const unsigned units[] = {0xD800, ',', 0xDC00, 'x',  '\n', 0xDBFF, 'q',   ',',
					 'a',    0,   'b',    '\n', 'z',  ',',    0xD83D};
	struct strbuf b = STRBUF_INIT;
	to_utf16("a,b\n", 0, units, sizeof(units) / sizeof(units[0]), &b);
	check_mem_sizes("UTF-16 lone surrogates", b.buf, b.len,
			"1:a|b\n"
			"2:" FFFD "|" FFFD "x !0 " BAD16 "1\n"
			"3:" FFFD "q|a" FFFD "b !0 " BAD16 "1\n"
			"4:z|" FFFD " !1 " BAD16 "2\n");
	strbuf_setlen(&b, 0);
	to_utf16("a,b\nc,d", 1, NULL, 0, &b);
	strbuf_addch(&b, 'e'); /* an odd last byte */
	check_mem_sizes("UTF-16 odd length", b.buf, b.len, "1:a|b\n2:c|d" FFFD " !1 " BAD16 "2\n");
	strbuf_setlen(&b, 0);
	to_utf16("a,b\n", 0, (const unsigned[]){'x', 0, 'y'}, 3, &b);
	check_mem_sizes("UTF-16 NUL", b.buf, b.len,
			"1:a|b\n2:x" FFFD "y !0 a NUL byte (a zero byte, not "
			"text) in column 1\n");
	strbuf_release(&b);
}

/* A NUL past the sniffed block is a row problem, not a refusal. */
static void test_nul_late(void)
{
	struct strbuf in = STRBUF_INIT, want = STRBUF_INIT;
	for (int i = 1; i <= 2000; i++) {
		strbuf_addstr(&in, "x,y\n");
		strbuf_addf(&want, "%d:x|y\n", i);
	}
	strbuf_add(&in, "1,a\0b\n", 6);
	strbuf_addstr(&want, "2001:1|a" FFFD "b !1 a NUL byte (a zero byte, "
			     "not text) in column 2\n");
	check_mem_sizes("late NUL", in.buf, in.len, want.buf);
	strbuf_release(&in);
	strbuf_release(&want);
}

#define CUT10                                                           \
	"the text in column 1 is longer than 10 bytes; only its first " \
	"10 bytes were kept"

static void test_field_cap(void)
{
	static const char in[] = "abcdefghijklmno,x\n\"quoted \"\"long\"\" "
				 "text\",y\n\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9"
				 "\xC3\xA9\xC3\xA9,z\nshort,w\n";
	check_mem("cap 10", in, sizeof(in) - 1, 3, 10,
		  "1:abcdefghij|x !0 " CUT10 "\n"
		  "2:quoted \"lo|y !0 " CUT10 "\n"
		  "3:\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9|z !0 " CUT10 "\n"
		  "4:short|w\n");
	/* a cut inside a character backs off to the character before */
	check_mem("cap 9", "\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9,z\n", 12, 0, 9,
		  "1:\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9|z !0 the text in column 1 "
		  "is longer than 9 bytes; only its first 9 bytes were kept\n");
	/* the cap counts bytes read: 4 bad bytes kept become 4 U+FFFD */
	check_mem("cap and bad bytes", "\xFF\xFF\xFF\xFF\xFF\xFF,z\n", 9, 0, 4,
		  "1:" FFFD FFFD FFFD FFFD "|z !0 the text in column 1 is "
		  "longer than 4 bytes; only its first 4 bytes were kept\n");
	/* an unterminated quote is the cause: it wins over the cut */
	check_mem("cap and unterminated", "a,\"abcdefgh", 11, 0, 4,
		  "1:a|abcd !1 unterminated quoted field starting on line 1 "
		  "(column 2): a closing \" is missing\n");
}

static void test_default_cap(void)
{
	size_t big = CSV_FIELD_CAP + 5;
	struct strbuf in = STRBUF_INIT;
	struct csv_reader *r;
	struct row row;

	strbuf_addstr(&in, "1,");
	strbuf_grow(&in, big + 16);
	memset(in.buf + in.len, 'a', big);
	strbuf_setlen(&in, in.len + big);
	strbuf_addstr(&in, ",b\n2,c\n");
	r = csv_open_mem(in.buf, in.len, "big", NULL, NULL);
	CHECK(r != NULL);
	if (r) {
		CHECK_INT(csv_next(r, &row), ROW_OK);
		CHECK_INT(row.nfields, 3);
		CHECK_INT(row.len[1], CSV_FIELD_CAP);
		CHECK_STR(row.field[2], "b");
		CHECK_STR(row.problem, "the text in column 2 is longer than "
				       "16 MiB; only its first 16 MiB were kept");
		CHECK_INT(row.problem_col, 1);
		CHECK_INT(csv_next(r, &row), ROW_OK);
		CHECK_STR(row.field[1], "c");
		CHECK(row.problem == NULL);
		CHECK_INT(csv_next(r, &row), ROW_EOF);
	}
	csv_close(r);
	strbuf_release(&in);
}

/* A 1 MiB quoted field (Devanagari, commas, quotes, line breaks) in a real
   file: read back byte for byte, and the next record's line is right. */
static void test_big_field_file(void)
{
	char path[] = "/tmp/nk-test-csv-XXXXXX";
	struct strbuf field = STRBUF_INIT, file = STRBUF_INIT;
	long breaks = 0;
	int fd = mkstemp(path);
	CHECK(fd >= 0);
	if (fd < 0)
		return;
	while (field.len < ((size_t)1 << 20)) {
		strbuf_addstr(&field, "शिकायत, \"नाली\" जाम;");
		if (field.len % 7 == 0) {
			strbuf_addstr(&field, "\r\n");
			breaks++;
		}
	}
	strbuf_addstr(&file, "id,text\n1,\"");
	for (size_t i = 0; i < field.len; i++) {
		if (field.buf[i] == '"')
			strbuf_addch(&file, '"');
		strbuf_addch(&file, field.buf[i]);
	}
	strbuf_addstr(&file, "\"\n2,after\n");
	CHECK(write(fd, file.buf, file.len) == (ssize_t)file.len);
	close(fd);

	struct strbuf err = STRBUF_INIT;
	struct csv_reader *r = csv_open(path, &err);
	struct row row;
	CHECK_MSG(r != NULL, "open %s: %s", path, err.buf);
	if (r) {
		CHECK_INT(csv_size(r), file.len);
		CHECK_INT(csv_next(r, &row), ROW_OK);
		CHECK_INT(csv_next(r, &row), ROW_OK);
		CHECK_INT(row.number, 2);
		CHECK_INT(row.len[1], field.len);
		CHECK(row.len[1] == field.len && !memcmp(row.field[1], field.buf, field.len));
		CHECK(row.problem == NULL);
		CHECK_INT(csv_next(r, &row), ROW_OK);
		CHECK_INT(row.number, 3 + breaks);
		CHECK_STR(row.field[1], "after");
		CHECK_INT(csv_next(r, &row), ROW_EOF);
		CHECK_INT(csv_bytes_read(r), file.len);
	}
	csv_close(r);
	unlink(path);
	strbuf_release(&err);
	strbuf_release(&field);
	strbuf_release(&file);
}

static void test_open_errors(void)
{
	struct strbuf err = STRBUF_INIT;
	CHECK(csv_open("tests/data/csv/no-such-file.csv", &err) == NULL);
	CHECK_STR(err.buf, "tests/data/csv/no-such-file.csv: cannot open the "
			   "file: No such file or directory");
	strbuf_reset(&err);
	CHECK(csv_open("tests/data/csv", &err) == NULL);
	CHECK_STR(err.buf, "tests/data/csv: cannot open the file: it is a "
			   "folder");
	CHECK(csv_open("tests/data/csv/refuse/old.xls", NULL) == NULL);
	strbuf_release(&err);
}

static void test_given_delimiter(void)
{
	struct csv_options opt = {0, 0, ';'};
	struct strbuf got = STRBUF_INIT;
	struct csv_reader *r = csv_open_mem("a,b;c\n1,2;3\n", 12, "d", &opt, NULL);
	CHECK(r != NULL);
	if (r) {
		CHECK_INT(csv_delimiter(r), ';');
		CHECK_STR(csv_error(r), "");
		CHECK_INT(read_all(r, &got), ROW_EOF);
		CHECK_STR(got.buf, "1:a,b|c\n2:1,2|3\n");
	}
	csv_close(r);
	strbuf_release(&got);
}

/* ---- random round trip ---- */

static unsigned long rng = 20240601;

static unsigned rnd(unsigned n)
{
	rng = rng * 6364136223846793005UL + 1442695040888963407UL;
	return (unsigned)(rng >> 33) % n;
}

static long count_breaks(const char *s, size_t n)
{
	long k = 0;
	for (size_t i = 0; i < n; i++)
		if (s[i] == '\n' || (s[i] == '\r' && (i + 1 == n || s[i + 1] != '\n')))
			k++;
	return k;
}

static void random_field(char d, struct strbuf *in, struct strbuf *want, int lone)
{
	static const char *pieces[] = {"a",  "bb",   "",  ",", ";",   "\t",   "\"",      "\n",
				       "\r", "\r\n", " ", "ʤ", "राम", "x\"y", "9.88E+09"};
	struct strbuf f = STRBUF_INIT;
	int quote = rnd(4) == 0;
	for (unsigned k = rnd(4); k > 0; k--)
		strbuf_addstr(&f, pieces[rnd(sizeof(pieces) / sizeof(pieces[0]))]);
	for (size_t i = 0; i < f.len; i++)
		if (f.buf[i] == d || strchr("\"\r\n", f.buf[i]))
			quote = 1;
	if (lone && f.len == 0)
		quote = 1; /* else it is a blank line */
	if (quote)
		strbuf_addch(in, '"');
	for (size_t i = 0; i < f.len; i++) {
		if (f.buf[i] == '"')
			strbuf_addch(in, '"');
		strbuf_addch(in, f.buf[i]);
	}
	if (quote)
		strbuf_addch(in, '"');
	strbuf_add(want, f.buf, f.len);
	strbuf_release(&f);
}

static void test_round_trip(char d)
{
	static const char *ends[] = {"\n", "\r\n", "\r"};
	struct strbuf in = STRBUF_INIT, want = STRBUF_INIT;
	strbuf_addf(&in, "h1%ch2%ch3\n", d, d);
	strbuf_addstr(&want, "1:h1|h2|h3\n");
	for (int rec = 0; rec < 1500; rec++) {
		unsigned nf = 1 + rnd(6);
		strbuf_addf(&want, "%ld:", 1 + count_breaks(in.buf, in.len));
		for (unsigned i = 0; i < nf; i++) {
			if (i) {
				strbuf_addch(&in, d);
				strbuf_addch(&want, '|');
			}
			random_field(d, &in, &want, nf == 1);
		}
		strbuf_addch(&want, '\n');
		strbuf_addstr(&in, ends[rnd(3)]);
	}
	for (size_t i = 0; i < NSIZES; i++) {
		char what[32];
		xsnprintf(what, sizeof(what), "round trip '%c'", d);
		check_mem(what, in.buf, in.len, read_sizes[i], 0, want.buf);
	}
	strbuf_release(&in);
	strbuf_release(&want);
}

static void test_built(void)
{
	test_bom();
	test_utf16();
	test_utf16_damage();
	test_nul_late();
	test_field_cap();
	test_default_cap();
	test_big_field_file();
	test_open_errors();
	test_given_delimiter();
	test_round_trip(',');
	test_round_trip(';');
	test_round_trip('\t');
}

int main(void)
{
	CHECK_INT(run_dir("tests/data/csv/spectrum"), 12);
	CHECK(run_dir("tests/data/csv/cases") >= 18);
	CHECK(run_dir("tests/data/csv/refuse") >= 9);
	test_built();
	TEST_DONE();
}
