/*
 * fuzz_review_import.c - libFuzzer harness for the review import, the path
 * of 'nirakaran review import': a returned merge-review workbook read by
 * ingest/review_book.c, then checked and applied by review_import()
 * (engine/review.c).
 *
 * At the first call it builds, in a temporary folder, a district db from a
 * small export with duplicates (load_file, match_run), writes its
 * merge-review.xlsx with the report's own code (merge_review_write), reads
 * it back as the template and keeps a copy of the db in memory, put back
 * after every input that changed the db. An input is one of:
 *   - a workbook (it starts with "PK"): read from memory and imported;
 *   - rows (first byte even): a returned file built from the template's
 *     rows, with decisions, remarks, hidden ids, run id and db id chosen
 *     or mutated by the bytes, and maybe a complaint changed since the
 *     workbook was made (its fingerprint), handed to review_import();
 *   - the same (first byte odd) written as a workbook by libxlsxwriter and
 *     read back by review_book_read(), which must give every cell as
 *     written, then imported.
 * Built rows may be followed by a second file (another copy of the
 * workbook, decided again) imported into the db the first left.
 *
 * Aborts when a promise is broken: a refusal always has a message naming
 * the file and changes nothing; an import applies every decided row or
 * none; built rows are refused exactly when the workbook is not this db's
 * or its run's, a decision is not one of the three, hidden ids do not name
 * a proposal of the run, two rows decide one proposal, a complaint changed
 * since, or a duplicate merged by an earlier file is decided otherwise; an
 * applied import records each decision on its proposal (pair, remarks,
 * status, merge), merges no complaint without a Merge on its proposal, and
 * taken again changes nothing; PRAGMA integrity_check stays ok.
 *
 * NK_FUZZ_SEEDS=DIR: write seed inputs into DIR and exit (seeds.sh does).
 */
#include <ftw.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <utf8proc.h>
#include <xlsxwriter.h>

#include "engine/config.h"
#include "engine/date.h"
#include "engine/match.h"
#include "engine/review.h"
#include "ingest/load.h"
#include "ingest/review_book.h"
#include "ingest/xlsx.h"
#include "reports/merge_review.h"
#include "tests/fuzz/fuzz_seeds.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define DB_ID   "fuzz-review-db"
#define OFFICER "SEH-REV-L2"
#define MAXROWS 12
#define MAXCOLS 32

/* Ten complaints, four duplicate groups (R1, R2, R3), five proposals. */
static const char export_csv[] =
	"Complaint No,Registration Date,Complainant Name,Father Name,Mobile No,District,Tehsil,"
	"Village/Ward,Department,Category,Description,Level,Status\n"
	"CMH-2026-0000101,02-11-2026,Ramesh Kumar Sharma,Suresh Sharma,9826012345,Sehore,Budhni,"
	"Shahganj,Health,Doctor absent,No doctor has come to the Shahganj health centre for 15 "
	"days; patients are sent back.,L1,Pending\n"
	"CMH-2026-0000102,05-11-2026,Ramesh Kr. Sharma,Suresh Sharma,9826012345,Sehore,Budhni,"
	"Shahganj,Health,Doctor absent,For 15 days no doctor comes to the health centre in "
	"Shahganj and patients are sent back.,L1,Pending\n"
	"CMH-2026-0000103,09-11-2026,रमेश कुमार शर्मा,सुरेश शर्मा,9826012345,Sehore,Budhni,"
	"Shahganj,Health,Doctor absent,Shahganj health centre: no doctor for 15 days; patients "
	"sent back.,L2,Pending\n"
	"CMH-2026-0000104,03-11-2026,Sunita Devi,Mohan Lal,7000123456,Sehore,Ashta,Kothri,"
	"Urban Development,Drain cleaning,The drain in ward 4 of Kothri has not been cleaned "
	"for a week and dirty water flows on the road.,L1,Open\n"
	"CMH-2026-0000105,06-11-2026,Smt Sunita Devi,Mohan Lal,7000654321,Sehore,Ashta,Kothri,"
	"Urban Development,Drain cleaning,Drain of ward 4 Kothri not cleaned for a week; dirty "
	"water on the road.,L1,Open\n"
	"CMH-2026-0000106,04-11-2026,मंगल सिंह उइके,दीपक उइके,8926351720,Sehore,Sehore,Chandbad,"
	"Revenue,Land record,The khasra of my land in Chandbad shows another name; correction "
	"applied for three months ago.,L1,Pending\n"
	"CMH-2026-0000107,08-11-2026,मंगल सिह उइके,दीपक उइके,8926351720,Sehore,Sehore,Chandbad,"
	"Revenue,Land record,Khasra of my Chandbad land shows another name; applied for "
	"correction three months ago.,L1,Pending\n"
	"CMH-2026-0000108,07-11-2026,Anil Jain,Prakash Jain,9425012345,Sehore,Ichhawar,"
	"Bilkisganj,Electricity,No supply,No electricity in Bilkisganj for four days after the "
	"transformer burnt.,L1,Pending\n"
	"CMH-2026-0000109,10-11-2026,Kamla Bai,Ramprasad,6261234567,Sehore,Nasrullaganj,Lodhi,"
	"Food,Ration not given,The ration shop of Lodhi has not given wheat this month.,L1,"
	"Attended\n"
	"CMH-2026-0000110,11-11-2026,Kamla Bai,Ramprasad,6261234567,Sehore,Nasrullaganj,Lodhi,"
	"Food,Ration not given,Wheat not given this month by the ration shop in Lodhi.,L1,"
	"Pending\n";

/* Every spelling review_parse_decision() accepts, and what it means. */
static const struct {
	const char *text;
	enum review_decision d;
} spellings[] = {
	{REVIEW_MERGE, REVIEW_DO_MERGE},   {"मर्ज करें", REVIEW_DO_MERGE},
	{"Merge", REVIEW_DO_MERGE},        {REVIEW_REJECT, REVIEW_DO_REJECT},
	{"मर्ज न करें", REVIEW_DO_REJECT},    {"Not duplicate", REVIEW_DO_REJECT},
	{REVIEW_UNSURE, REVIEW_DO_UNSURE}, {"संदेह", REVIEW_DO_UNSURE},
	{"Unsure", REVIEW_DO_UNSURE},
};
#define NSPELL (sizeof(spellings) / sizeof(spellings[0]))

/* The world built at the first call. */
static struct {
	char dir[64];
	struct store *st;
	sqlite3 *pristine; /* in-memory copy of the db as built */
	void *book;        /* the template merge-review.xlsx */
	size_t book_len;
	struct review_book tb; /* the template, read back */
	char *hdr[MAXCOLS];    /* its header row and cells, for written books */
	char *cell[MAXROWS][MAXCOLS];
	size_t ncols;
	int col[6]; /* decision, remarks, proposal, run, complaint, primary */
} W;

static void cleanup(void);

static void die(const char *what, const char *why)
{
	fprintf(stderr, "fuzz_review_import: %s: %s\n", what, why ? why : "");
	cleanup();
	abort();
}

/* --- the bytes of an input ---------------------------------------------- */

struct in {
	const uint8_t *p;
	size_t n;
};

static unsigned take(struct in *in)
{
	if (!in->n)
		return 0;
	in->n--;
	return *in->p++;
}

/* Up to 47 bytes of the input as a string (an embedded NUL ends it). */
static const char *take_text(struct in *in, struct arena *a)
{
	size_t len = take(in) % 48;
	if (len > in->n)
		len = in->n;
	const char *s = arena_strndup(a, (const char *)in->p, len);
	in->p += len;
	in->n -= len;
	return s;
}

/* --- the db ------------------------------------------------------------- */

/* Everything an import may change, as one string (malloc'd). */
static char *state(void)
{
	sqlite3_stmt *s = store_prepare(
		W.st,
		"SELECT (SELECT count(*) FROM pair_decisions) || '|' ||"
		" (SELECT count(*) FROM review_imports) || '|' ||"
		" (SELECT coalesce(group_concat(id || status, ','), '') FROM proposals) || '|' ||"
		" (SELECT coalesce(group_concat(complaint_id || '>' || merged_into, ','), '')"
		"  FROM complaints WHERE merged_into IS NOT NULL)");
	if (sqlite3_step(s) != SQLITE_ROW)
		die("state", sqlite3_errmsg(W.st->db));
	char *v = xstrdup((const char *)sqlite3_column_text(s, 0));
	sqlite3_finalize(s);
	return v;
}

/* count(*) of sql with ?1..?n bound to texts. */
static long countv(const char *sql, int n, const char *const *texts)
{
	sqlite3_stmt *s = store_prepare(W.st, sql);
	for (int i = 0; i < n; i++)
		sqlite3_bind_text(s, i + 1, texts[i], -1, SQLITE_STATIC);
	if (sqlite3_step(s) != SQLITE_ROW)
		die(sql, sqlite3_errmsg(W.st->db));
	long v = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return v;
}

static void check_integrity(void)
{
	sqlite3_stmt *s = store_prepare(W.st, "PRAGMA integrity_check");
	if (sqlite3_step(s) != SQLITE_ROW || strcmp((const char *)sqlite3_column_text(s, 0), "ok"))
		die("integrity_check", (const char *)sqlite3_column_text(s, 0));
	sqlite3_finalize(s);
}

static void copy_db(sqlite3 *to, sqlite3 *from)
{
	sqlite3_backup *b = sqlite3_backup_init(to, "main", from, "main");
	if (!b || sqlite3_backup_step(b, -1) != SQLITE_DONE ||
	    sqlite3_backup_finish(b) != SQLITE_OK)
		die("copying the db", sqlite3_errmsg(to));
}

/* The db back as it was built. */
static void restore(void)
{
	copy_db(W.st->db, W.pristine);
}

/* --- building the world ------------------------------------------------- */

static int rm_one(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	return remove(path);
}

static void cleanup(void)
{
	if (W.st)
		store_close(W.st);
	W.st = NULL;
	if (W.dir[0])
		nftw(W.dir, rm_one, 8, FTW_DEPTH | FTW_PHYS);
}

static void path_in(char *out, size_t cap, const char *name)
{
	xsnprintf(out, cap, "%s/%s", W.dir, name);
}

static void write_file(const char *path, const void *data, size_t len)
{
	FILE *f = fopen(path, "wb");
	if (!f || fwrite(data, 1, len, f) != len || fclose(f))
		die(path, "cannot write");
}

static void *read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t alloc = 0, n = 0, got;
	if (!f)
		die(path, "cannot read");
	do {
		ALLOC_GROW(buf, n + 4096, alloc);
		got = fread(buf + n, 1, alloc - n, f);
		n += got;
	} while (got);
	fclose(f);
	*len = n;
	return buf;
}

/* A db holding a match run with proposals, and its merge-review.xlsx. */
static void build_db(void)
{
	struct strbuf err = STRBUF_INIT;
	struct config cfg;
	char path[128];
	int day = date_from_ymd(2026, 11, 26);
	const char *tmp = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
	xsnprintf(W.dir, sizeof(W.dir), "%s/nk-fuzz-review-XXXXXX", tmp);
	if (!mkdtemp(W.dir))
		die(W.dir, "mkdtemp");
	atexit(cleanup);
	path_in(path, sizeof(path), "complaints-2026-11-26.csv");
	write_file(path, export_csv, sizeof(export_csv) - 1);
	struct load_options lo = {
		.kind = KIND_COMPLAINTS, .as_of = day, .snapshot_day = DAY_NONE, .max_level = 4};
	struct load_result lr;
	struct match_options mo = {.full = 1, .threads = 1};
	struct match_summary ms;
	char db[128];
	path_in(db, sizeof(db), "district.db");
	if (config_load(&cfg, NULL, &err) || store_open(&W.st, db, STORE_WRITE, &err) ||
	    store_meta_set(W.st, "db_id", DB_ID, &err) ||
	    ((lo.cfg = &cfg), load_file(W.st, path, &lo, &lr, &err)) ||
	    match_run(W.st, &cfg, day, &mo, &ms, &err))
		die("building the db", err.buf);
	struct report_ctx rc = {.st = W.st, .out_dir = W.dir, .as_of = day};
	if (merge_review_write(&rc, NULL, &err) || ms.proposals < 3)
		die("writing merge-review.xlsx", err.buf);
	config_release(&cfg);
	strbuf_release(&err);
	if (sqlite3_open(":memory:", &W.pristine) != SQLITE_OK)
		die("sqlite3_open", ":memory:");
	copy_db(W.pristine, W.st->db);
}

static int english_is(const char *header, const char *name)
{
	const char *nl = strrchr(header, '\n');
	return !strcmp(nl ? nl + 1 : header, name);
}

/* The template's header and cells, as the reader gives them. */
static void read_template_cells(void)
{
	static const char *names[6] = {REVIEW_COL_DECISION,  REVIEW_COL_REMARKS,
				       REVIEW_COL_PROPOSAL,  REVIEW_COL_RUN,
				       REVIEW_COL_COMPLAINT, REVIEW_COL_PRIMARY};
	struct strbuf err = STRBUF_INIT;
	struct xlsx_options o = {.sheet = REVIEW_SHEET};
	struct xlsx_reader *r = xlsx_open_mem(W.book, W.book_len, "template", &o, &err);
	struct row row;
	if (!r)
		die("template", err.buf);
	/* The title rows above the header are not the template's to vary. */
	while (xlsx_next(r, &row) == ROW_OK && row.nfields &&
	       !english_is(row.field[row.nfields > 5 ? 5 : 0], REVIEW_COL_DECISION))
		;
	for (size_t y = 0; y <= W.tb.f.nrows; y++) {
		if (y && xlsx_next(r, &row) != ROW_OK)
			break;
		if (!y && (W.ncols = row.nfields) > MAXCOLS)
			die("template", "too many columns");
		for (size_t c = 0; c < W.ncols; c++)
			*(y ? &W.cell[y - 1][c] : &W.hdr[c]) =
				xstrdup(c < row.nfields ? row.field[c] : "");
	}
	xlsx_close(r);
	for (int k = 0; k < 6; k++) {
		W.col[k] = -1;
		for (size_t c = 0; c < W.ncols; c++)
			if (english_is(W.hdr[c], names[k]))
				W.col[k] = (int)c;
		if (W.col[k] < 0)
			die("template lacks a column", names[k]);
	}
	strbuf_release(&err);
}

static void build_world(void)
{
	struct strbuf err = STRBUF_INIT;
	char path[128];
	build_db();
	path_in(path, sizeof(path), MERGE_REVIEW_FILE);
	W.book = read_file(path, &W.book_len);
	if (review_book_read_mem(&W.tb, W.book, W.book_len, "template", &err))
		die("reading the template", err.buf);
	if (!W.tb.f.db_id || strcmp(W.tb.f.db_id, DB_ID) || !W.tb.f.run_id || W.tb.f.nrows < 3 ||
	    W.tb.f.nrows > MAXROWS)
		die("template", "not the workbook expected");
	read_template_cells();
	strbuf_release(&err);
}

/* --- a returned file built from the input ------------------------------- */

struct built {
	struct review_file f;
	struct review_row rows[MAXROWS];
	int src[MAXROWS];    /* the template row it was built from */
	int tpl[MAXROWS];    /* the template row whose four ids it carries, or -1 */
	const char *changed; /* complaint changed since the workbook, or NULL */
	int then;            /* another file follows */
	struct arena arena;
};

/* "_x0041_", which Excel and the reader take for "A" */
static int excel_escape(const char *s)
{
	return s[0] == '_' && s[1] == 'x' && strspn(s + 2, "0123456789abcdefABCDEF") >= 4 &&
	       s[6] == '_';
}

/*
 * What libxlsxwriter cannot write as XML text (bytes that are not UTF-8,
 * U+FFFE, U+FFFF) becomes '?', so a written workbook must read back. And
 * "_xHHHH_" becomes "-xHHHH_": libxlsxwriter 1.1.4 writes it as it is,
 * where Excel writes "_x005F_xHHHH_", so it reads back as the character
 * (tests/fuzz/regress/review_import/libxlsxwriter-writes-x-escape-as-is).
 */
static const char *xml_text(const char *s, struct arena *a)
{
	char *t = arena_strdup(a, s);
	size_t n = strlen(t);
	for (size_t i = 0; i + 7 <= n; i++)
		if (excel_escape(t + i))
			t[i] = '-';
	for (size_t i = 0; i < n;) {
		utf8proc_int32_t c;
		utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)t + i,
						      (utf8proc_ssize_t)(n - i), &c);
		if (k > 0 && c != 0xFFFE && c != 0xFFFF) {
			i += (size_t)k;
			continue;
		}
		k = k > 0 ? k : 1;
		memset(t + i, '?', (size_t)k);
		i += (size_t)k;
	}
	return t;
}

static const char *text(struct in *in, struct built *b, int xml)
{
	const char *s = take_text(in, &b->arena);
	return xml ? xml_text(s, &b->arena) : s;
}

/* A Decision cell: a spelling of the drop-down (maybe padded, maybe in
 * upper case), blank, or any text. */
static const char *decision(struct in *in, struct built *b, int xml)
{
	unsigned k = take(in);
	if (k % 16 >= 13)
		return text(in, b, xml);
	if (k % 16 >= NSPELL)
		return k & 16 ? " \t" : "";
	struct strbuf sb = STRBUF_INIT;
	strbuf_addf(&sb, k & 32 ? " %s\t" : "%s", spellings[k % 16].text);
	for (size_t i = 0; (k & 16) && i < sb.len; i++)
		if (sb.buf[i] >= 'a' && sb.buf[i] <= 'z')
			sb.buf[i] -= 32;
	const char *s = arena_strdup(&b->arena, sb.buf);
	strbuf_release(&sb);
	return s;
}

/* The template row whose four ids r carries exactly, or -1. */
static int template_row(const struct review_row *r)
{
	for (size_t j = 0; j < W.tb.f.nrows; j++) {
		const struct review_row *t = &W.tb.f.rows[j];
		if (!strcmp(r->proposal_id, t->proposal_id) && !strcmp(r->run_id, t->run_id) &&
		    !strcmp(r->complaint_id, t->complaint_id) &&
		    !strcmp(r->primary_id, t->primary_id))
			return (int)j;
	}
	return -1;
}

static void build_row(struct in *in, struct built *b, size_t i, int xml)
{
	size_t nt = W.tb.f.nrows;
	struct review_row *r = &b->rows[i];
	b->src[i] = (int)(take(in) % nt);
	const struct review_row *t = &W.tb.f.rows[b->src[i]];
	unsigned m = take(in);
	r->row = (long)i + 2;
	r->decision = decision(in, b, xml);
	if (m & 32)
		t = &W.tb.f.rows[take(in) % nt]; /* ids of another row */
	r->proposal_id = m & 1 ? text(in, b, xml) : t->proposal_id;
	r->run_id = m & 2 ? text(in, b, xml) : t->run_id;
	r->complaint_id = m & 4 ? W.tb.f.rows[take(in) % nt].complaint_id : t->complaint_id;
	r->primary_id = m & 8 ? text(in, b, xml) : t->primary_id;
	r->remarks = m & 16 ? text(in, b, xml) : "";
	b->tpl[i] = template_row(r);
}

/* db id or run id: as written, missing, or any text. */
static const char *identity(struct in *in, struct built *b, unsigned how, const char *good, int xml)
{
	return how < 2 ? good : how == 2 ? NULL : text(in, b, xml);
}

static void build(struct in *in, struct built *b, const char *sha, int xml)
{
	memset(b, 0, sizeof(*b));
	unsigned h = take(in);
	b->f.path = "returned-review.xlsx";
	xsnprintf(b->f.sha256, sizeof(b->f.sha256), "%s", sha);
	b->f.db_id = identity(in, b, h & 3, DB_ID, xml);
	b->f.run_id = identity(in, b, (h >> 2) & 3, W.tb.f.run_id, xml);
	b->then = !!(h & 64);
	if (h & 16) {
		const struct review_row *t = &W.tb.f.rows[take(in) % W.tb.f.nrows];
		b->changed = take(in) & 1 ? t->primary_id : t->complaint_id;
	}
	b->f.nrows = take(in) % (MAXROWS + 1);
	b->f.rows = b->rows;
	for (size_t i = 0; i < b->f.nrows; i++)
		build_row(in, b, i, xml);
}

/* Complaints changed since the workbook was made, in this input. */
static const char *changed[2];
static int nchanged;

static int was_changed(const char *id)
{
	for (int i = 0; i < nchanged; i++)
		if (!strcmp(changed[i], id))
			return 1;
	return 0;
}

/* A decided row on a duplicate merged already: only the same merge again
 * is consistent; anything else needs 'review undo' first. */
static int merged_otherwise(const struct review_row *r, enum review_decision d)
{
	const char *v[] = {r->complaint_id, r->primary_id};
	long merged = countv("SELECT count(*) FROM complaints WHERE complaint_id = ?1"
			     " AND merged_into IS NOT NULL",
			     1, v);
	return merged && (d != REVIEW_DO_MERGE ||
			  !countv("SELECT count(*) FROM complaints WHERE complaint_id = ?1"
				  " AND merged_into = ?2",
				  2, v));
}

/* Should review_import() take b, in the db as it is now? Refused exactly
 * when the file is not this db's or its run's, or a decided row is wrong. */
static int acceptable(const struct built *b)
{
	int seen[MAXROWS] = {0};
	if (!b->f.db_id || strcmp(b->f.db_id, DB_ID) || !b->f.run_id ||
	    strcmp(b->f.run_id, W.tb.f.run_id))
		return 0;
	for (size_t i = 0; i < b->f.nrows; i++) {
		const struct review_row *r = &b->rows[i];
		enum review_decision d;
		if (review_parse_decision(r->decision, &d))
			return 0;
		if (d == REVIEW_NONE)
			continue;
		if (b->tpl[i] < 0 || seen[b->tpl[i]]++ || was_changed(r->complaint_id) ||
		    was_changed(r->primary_id) || merged_otherwise(r, d))
			return 0;
	}
	return 1;
}

/* A complaint changed since the workbook was made: its fingerprint moves. */
static void change_complaint(const char *id)
{
	if (nchanged < 2)
		changed[nchanged++] = id;
	sqlite3_stmt *s =
		store_prepare(W.st, "UPDATE complaints SET village ="
				    " coalesce(village, '') || '~' WHERE complaint_id = ?");
	sqlite3_bind_text(s, 1, id, -1, SQLITE_STATIC);
	struct strbuf err = STRBUF_INIT;
	if (store_step_once(W.st, s, "changing a complaint", &err))
		die("change_complaint", err.buf);
	strbuf_release(&err);
}

/* --- the checks after an import ----------------------------------------- */

/* Whatever the file: what was recorded matches the counts and the
 * proposals of the run. */
static void check_recorded(const struct review_file *f, const struct review_result *res)
{
	const char *sha[] = {f->sha256, W.tb.f.run_id};
	long n = res->merged + res->rejected + res->unsure;
	if (countv("SELECT count(*) FROM pair_decisions WHERE file_sha256 = ?1", 1, sha) != n ||
	    countv("SELECT count(*) FROM review_imports WHERE sha256 = ?1 AND merged + rejected +"
		   " unsure = (SELECT count(*) FROM pair_decisions WHERE file_sha256 = ?1)",
		   1, sha) != 1)
		die("an import recorded other counts than it reported", f->path);
	if (countv("SELECT count(*) FROM pair_decisions d LEFT JOIN proposals p"
		   " ON p.id = d.proposal_id WHERE d.file_sha256 = ?1 AND (p.id IS NULL OR"
		   " p.run_id <> ?2 OR d.a >= d.b OR NOT ((d.a = p.complaint_id AND d.b ="
		   " p.primary_id) OR (d.b = p.complaint_id AND d.a = p.primary_id)))",
		   2, sha) != 0)
		die("a decision recorded on a pair that is not its proposal's", f->path);
	if (countv("SELECT count(*) FROM complaints c WHERE merged_into IS NOT NULL AND NOT"
		   " EXISTS (SELECT 1 FROM proposals p WHERE p.complaint_id = c.complaint_id"
		   " AND p.primary_id = c.merged_into AND p.status = 'merged')",
		   0, NULL) != 0)
		die("a complaint merged without a Merge decision on its proposal", f->path);
}

/* A built file: each decided row recorded on its proposal, as decided. */
/* Rows whose pair's latest decision was already theirs before the import:
 * a copy of an earlier file records them again nowhere (res->again). */
static int again_before[MAXROWS];

static void note_again(const struct built *b)
{
	for (size_t i = 0; i < b->f.nrows && i < MAXROWS; i++) {
		const struct review_row *r = &b->rows[i];
		enum review_decision d;
		again_before[i] = 0;
		if (review_parse_decision(r->decision, &d) || d == REVIEW_NONE)
			continue;
		const char *v[] = {r->proposal_id, review_decision_name(d), r->complaint_id,
				   r->primary_id};
		again_before[i] =
			countv("SELECT count(*) FROM (SELECT decision, proposal_id FROM"
			       " pair_decisions WHERE (a = ?3 AND b = ?4) OR (a = ?4 AND b = ?3)"
			       " ORDER BY id DESC LIMIT 1) WHERE decision = ?2 AND"
			       " proposal_id = ?1",
			       4, v) == 1;
	}
}

static void check_rows(const struct built *b, const struct review_result *res)
{
	long want[4] = {0}, want_again = 0;
	for (size_t i = 0; i < b->f.nrows; i++) {
		const struct review_row *r = &b->rows[i];
		enum review_decision d;
		review_parse_decision(r->decision, &d);
		if (d != REVIEW_NONE && i < MAXROWS && again_before[i]) {
			want_again++;
			continue;
		}
		want[d]++;
		if (d == REVIEW_NONE)
			continue;
		const char *name = review_decision_name(d);
		const char *v[] = {b->f.sha256,
				   r->proposal_id,
				   name,
				   r->remarks,
				   r->complaint_id,
				   r->primary_id,
				   d == REVIEW_DO_MERGE    ? "merged"
				   : d == REVIEW_DO_REJECT ? "rejected"
							   : "unsure"};
		if (countv("SELECT count(*) FROM pair_decisions WHERE file_sha256 = ?1 AND"
			   " proposal_id = ?2 AND decision = ?3 AND coalesce(remarks, '') = ?4 AND"
			   " ((a = ?5 AND b = ?6) OR (a = ?6 AND b = ?5)) AND officer_id = '" OFFICER
			   "'",
			   6, v) != 1 ||
		    countv("SELECT count(*) FROM proposals WHERE id = ?2 AND status = ?7", 7, v) !=
			    1 ||
		    (d == REVIEW_DO_MERGE &&
		     countv("SELECT count(*) FROM complaints WHERE complaint_id = ?5 AND"
			    " merged_into = ?6",
			    6, v) != 1))
			die("a decided row not recorded as decided", r->proposal_id);
	}
	if (res->undecided != want[REVIEW_NONE] || res->merged != want[REVIEW_DO_MERGE] ||
	    res->rejected != want[REVIEW_DO_REJECT] || res->unsure != want[REVIEW_DO_UNSURE] ||
	    res->again != want_again)
		die("the counts of an import are not its rows'", b->f.path);
}

/* A refused import: said why, naming the file, and changed nothing. */
static void check_refused(const struct review_file *f, const struct strbuf *err, const char *before,
			  int want)
{
	char *after = state();
	if (!err->len || !strstr(err->buf, f->path))
		die("a refusal without a message naming the file", err->buf);
	if (strcmp(after, before))
		die("a refused import changed the db", err->buf);
	if (want == 1)
		die("a good file refused", err->buf);
	free(after);
}

/* An applied import: recorded as reported; taken again, it changes nothing. */
static void check_applied(const struct review_file *f, const struct built *b,
			  const struct review_result *res, int want)
{
	struct strbuf err = STRBUF_INIT;
	struct review_result again;
	if (res->already || want == 0)
		die("a file taken that should have been refused", f->path);
	check_recorded(f, res);
	if (b)
		check_rows(b, res);
	check_integrity();
	char *after = state();
	if (review_import(W.st, f, OFFICER, 1, &again, &err) || !again.already)
		die("importing the same file again", err.buf);
	char *now = state();
	if (strcmp(now, after))
		die("importing the same file again changed the db", f->path);
	free(now);
	free(after);
	strbuf_release(&err);
}

/* Imports f and checks every promise; b (or NULL) is what f was built
 * from. Returns 1 when the db changed. */
static int import(const struct review_file *f, const struct built *b)
{
	struct strbuf err = STRBUF_INIT;
	struct review_result res;
	const char *sha[] = {f->sha256};
	int seen = countv("SELECT count(*) FROM review_imports WHERE sha256 = ?1", 1, sha) > 0;
	int want = b && !seen ? acceptable(b) : -1;
	char *before = state();
	if (b)
		note_again(b);
	enum nk_err rc = review_import(W.st, f, OFFICER, 1, &res, &err);
	if (getenv("NK_FUZZ_VERBOSE")) /* to see what an input does */
		fprintf(stderr, "review_import: %s %s\n", rc ? "refused:" : "applied", err.buf);
	if (rc != NK_OK && rc != NK_EREFUSED)
		die("review_import failed", err.buf);
	if (seen && (rc || !res.already))
		die("a file imported before not taken as such", f->path);
	if (rc)
		check_refused(f, &err, before, want);
	else if (!seen)
		check_applied(f, b, &res, want);
	free(before);
	strbuf_release(&err);
	return !rc && !seen;
}

/* --- a built file as a workbook ------------------------------------------ */

static int digits(const char *s)
{
	size_t n = strspn(s, "0123456789");
	return n && n <= 15 && !s[n] && (s[0] != '0' || n == 1);
}

/* As the engine writes it: ids that are numbers as numbers. */
static void put(lxw_worksheet *ws, size_t y, size_t c, const char *s, int id)
{
	if (!*s)
		return; /* a blank cell reads back "" */
	lxw_error e = id && digits(s)
			      ? worksheet_write_number(ws, (lxw_row_t)y, (lxw_col_t)c,
						       strtod(s, NULL), NULL)
			      : worksheet_write_string(ws, (lxw_row_t)y, (lxw_col_t)c, s, NULL);
	if (e)
		die("libxlsxwriter", lxw_strerror(e));
}

static void put_row(lxw_worksheet *ws, const struct built *b, size_t i)
{
	const struct review_row *r = &b->rows[i];
	const char *v[6] = {r->decision, r->remarks,      r->proposal_id,
			    r->run_id,   r->complaint_id, r->primary_id};
	for (size_t c = 0; c < W.ncols; c++) {
		const char *s = W.cell[b->src[i]][c];
		int k = 0;
		while (k < 6 && W.col[k] != (int)c)
			k++;
		put(ws, i + 1, c, k < 6 ? v[k] : s, k == 2 || k == 3);
	}
}

static void write_book(const struct built *b, const char *path)
{
	lxw_workbook_options o = {.tmpdir = W.dir}; /* in memory, when /dev/shm */
	lxw_workbook *wb = workbook_new_opt(path, &o);
	lxw_worksheet *ws = wb ? workbook_add_worksheet(wb, REVIEW_SHEET) : NULL;
	lxw_worksheet *meta = wb ? workbook_add_worksheet(wb, REVIEW_META_SHEET) : NULL;
	if (!meta)
		die("libxlsxwriter", path);
	for (size_t c = 0; c < W.ncols; c++)
		put(ws, 0, c, W.hdr[c], 0);
	for (size_t i = 0; i < b->f.nrows; i++)
		put_row(ws, b, i);
	const char *kv[3][2] = {{"key", "value"}, {"db_id", b->f.db_id}, {"run_id", b->f.run_id}};
	for (size_t y = 0, k = 0; k < 3; k++)
		if (kv[k][1]) {
			put(meta, y, 0, kv[k][0], 0);
			put(meta, y++, 1, kv[k][1], 0);
		}
	lxw_error e = workbook_close(wb);
	if (e)
		die("libxlsxwriter", lxw_strerror(e));
}

static void same(const char *what, const char *wrote, const char *read)
{
	if (wrote == read || (wrote && read && !strcmp(wrote, read)))
		return;
	fprintf(stderr, "%s: wrote \"%s\", read \"%s\"\n", what, wrote ? wrote : "(none)",
		read ? read : "(none)");
	die("a cell did not read back as written", what);
}

/* The reader gives back every cell as written. */
static void check_read_back(const struct built *b, const struct review_file *f)
{
	same("db_id", b->f.db_id, f->db_id);
	same("run_id", b->f.run_id, f->run_id);
	if (f->nrows != b->f.nrows)
		die("rows read back", "not as many as written");
	for (size_t i = 0; i < f->nrows; i++) {
		const struct review_row *w = &b->rows[i], *r = &f->rows[i];
		same("Decision", w->decision, r->decision);
		same("Remarks", w->remarks, r->remarks);
		same("Proposal id", w->proposal_id, r->proposal_id);
		same("Run id", w->run_id, r->run_id);
		same("Duplicate complaint", w->complaint_id, r->complaint_id);
		same("Primary complaint", w->primary_id, r->primary_id);
	}
}

/* --- the three kinds of input -------------------------------------------- */

static int from_workbook(const uint8_t *data, size_t size)
{
	struct review_book rb;
	struct strbuf err = STRBUF_INIT;
	int dirty = 0;
	if (review_book_read_mem(&rb, data, size, "returned-review.xlsx", &err)) {
		if (!err.len || !strstr(err.buf, "returned-review.xlsx"))
			die("a workbook refused without a message naming it", err.buf);
	} else {
		dirty = import(&rb.f, NULL);
	}
	review_book_release(&rb);
	strbuf_release(&err);
	return dirty;
}

/* b as it is, or written by libxlsxwriter and read back; imported. */
static int import_built(struct built *b, int as_book)
{
	struct review_book rb;
	struct strbuf err = STRBUF_INIT;
	char path[128];
	if (b->changed)
		change_complaint(b->changed);
	if (!as_book)
		return import(&b->f, b) || b->changed;
	path_in(path, sizeof(path), "returned-review.xlsx");
	write_book(b, path);
	if (review_book_read(&rb, path, &err))
		die("a workbook written by libxlsxwriter did not read", err.buf);
	check_read_back(b, &rb.f);
	memcpy(b->f.sha256, rb.f.sha256, sizeof(b->f.sha256));
	int dirty = import(&rb.f, b) || b->changed;
	review_book_release(&rb);
	strbuf_release(&err);
	return dirty;
}

/* One returned file, or two in a row (a second copy of the workbook
 * decided again). */
static int from_rows(const uint8_t *data, size_t size, int as_book)
{
	struct in in = {data + 1, size - 1};
	struct built b[2];
	char sha[65];
	int dirty = 0, n = 0;
	nchanged = 0;
	do {
		sha256_hex(in.p - 1, in.n + 1, sha);
		build(&in, &b[n], sha, as_book);
		dirty |= import_built(&b[n], as_book);
	} while (b[n++].then && n < 2);
	while (n--)
		arena_release(&b[n].arena);
	return dirty;
}

/* The world, and a check that the harness can make a complaint "changed". */
static void init(void)
{
	struct strbuf err = STRBUF_INIT;
	char fp[2][17];
	build_world();
	const char *id = W.tb.f.rows[0].complaint_id;
	for (int i = 0; i < 2; i++) {
		if (i)
			change_complaint(id);
		if (match_fingerprint(W.st, id, fp[i], &err))
			die("match_fingerprint", err.buf);
	}
	if (!strcmp(fp[0], fp[1]))
		die("changing a complaint", "its fingerprint stays");
	restore();
	strbuf_release(&err);
}

/* --- seeds ---------------------------------------------------------------- */

static void write_seed(const char *dir, const char *name, const void *data, size_t len)
{
	char path[512];
	xsnprintf(path, sizeof(path), "%s/%s", dir, name);
	write_file(path, data, len);
}

/* Rows inputs: mode, header, rows, then per row: template row, flags,
 * decision (and the texts the flags ask for); a second file after the
 * first when the header says so (64). */
static const struct {
	const char *name;
	size_t len;
	const uint8_t bytes[64];
} row_seeds[] = {
	{"rows-decided", 18, {0, 0, 5, 0, 0, 0, 1, 0, 3, 2, 0, 6, 3, 0, 10, 4, 0, 1}},
	{"book-decided", 18, {1, 0, 5, 0, 0, 0, 1, 0, 3, 2, 0, 6, 3, 0, 10, 4, 0, 1}},
	{"rows-remarks", 16, {0, 0, 2, 0, 16, 2, 6, 'd', 'u', 'p', 'l', 'i', 'c', 1, 0, 5}},
	{"book-changed", 11, {1, 16, 1, 0, 2, 0, 0, 0, 1, 0, 0}},
	{"rows-twice", 9, {0, 0, 2, 1, 0, 0, 1, 0, 3}},
	{"rows-edited-id", 9, {0, 0, 1, 2, 1, 0, 2, '9', '9'}},
	{"rows-merge-then-merge", 11, {0, 64, 1, 1, 0, 0, 0, 1, 1, 0, 0}},
	{"rows-merge-then-reject", 11, {0, 64, 1, 1, 0, 0, 0, 1, 1, 0, 3}},
	{"book-other-db", 13, {1, 3, 6, 'S', 'e', 'h', 'o', 'r', 'e', 1, 0, 0, 0}},
};

static void write_seeds(const char *dir)
{
	char path[128];
	init();
	write_seed(dir, "merge-review-blank.xlsx", W.book, W.book_len);
	for (size_t i = 0; i < sizeof(row_seeds) / sizeof(row_seeds[0]); i++) {
		const uint8_t *p = row_seeds[i].bytes;
		size_t n = row_seeds[i].len;
		write_seed(dir, row_seeds[i].name, p, n);
		from_rows(p, n, p[0] & 1);
		restore();
		if (!(p[0] & 1))
			continue;
		size_t len;
		path_in(path, sizeof(path), "returned-review.xlsx");
		void *book = read_file(path, &len);
		xsnprintf(path, sizeof(path), "merge-review-%s.xlsx", row_seeds[i].name);
		write_seed(dir, path, book, len);
		free(book);
	}
}

FUZZ_WRITES_SEEDS(write_seeds)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!W.st)
		init();
	if (size < 1)
		return 0;
	int dirty = size >= 2 && data[0] == 'P' && data[1] == 'K'
			    ? from_workbook(data, size)
			    : from_rows(data, size, data[0] & 1);
	if (dirty)
		restore();
	return 0;
}
