/* review.c - checking and applying a supervisor's merge decisions. */
#include "engine/review.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "engine/match.h"

static const struct {
	const char *text;
	enum review_decision d;
} decisions[] = {
	{REVIEW_MERGE, REVIEW_DO_MERGE},   {"मर्ज करें", REVIEW_DO_MERGE},
	{"Merge", REVIEW_DO_MERGE},        {REVIEW_REJECT, REVIEW_DO_REJECT},
	{"मर्ज न करें", REVIEW_DO_REJECT},    {"Not duplicate", REVIEW_DO_REJECT},
	{REVIEW_UNSURE, REVIEW_DO_UNSURE}, {"संदेह", REVIEW_DO_UNSURE},
	{"Unsure", REVIEW_DO_UNSURE},
};

int review_parse_decision(const char *text, enum review_decision *out)
{
	size_t n = strlen(text);
	while (n && (text[n - 1] == ' ' || text[n - 1] == '\t'))
		n--;
	while (n && (*text == ' ' || *text == '\t'))
		text++, n--;
	if (!n) {
		*out = REVIEW_NONE;
		return 0;
	}
	for (size_t i = 0; i < sizeof(decisions) / sizeof(decisions[0]); i++) {
		if (strlen(decisions[i].text) == n && !strncasecmp(decisions[i].text, text, n)) {
			*out = decisions[i].d;
			return 0;
		}
	}
	return -1;
}

const char *review_decision_name(enum review_decision d)
{
	switch (d) {
	case REVIEW_DO_MERGE: return "merge";
	case REVIEW_DO_REJECT: return "reject";
	case REVIEW_DO_UNSURE: return "unsure";
	case REVIEW_NONE: break;
	}
	return "";
}

/* The stored proposal a row names, for the checks. Ids are any length
 * (from malloc); fingerprints are 16 hex digits. */
struct proposal {
	int64_t id, run_id;
	char *complaint_id, *primary_id;
	char fp[17], primary_fp[17];
	int again; /* the pair's latest decision is already this one */
};

static char *column_dup(sqlite3_stmt *s, int i)
{
	const char *t = (const char *)sqlite3_column_text(s, i);
	return xstrdup(t ? t : "");
}

static int load_proposal(struct store *st, int64_t id, struct proposal *p)
{
	sqlite3_stmt *s =
		store_prepare(st, "SELECT run_id, complaint_id, primary_id, fp, primary_fp"
				  " FROM proposals WHERE id = ?");
	sqlite3_bind_int64(s, 1, id);
	int found = sqlite3_step(s) == SQLITE_ROW;
	if (found) {
		p->id = id;
		p->run_id = sqlite3_column_int64(s, 0);
		free(p->complaint_id);
		free(p->primary_id);
		p->complaint_id = column_dup(s, 1);
		p->primary_id = column_dup(s, 2);
		xsnprintf(p->fp, sizeof(p->fp), "%s", sqlite3_column_text(s, 3));
		xsnprintf(p->primary_fp, sizeof(p->primary_fp), "%s", sqlite3_column_text(s, 4));
	}
	sqlite3_finalize(s);
	return found;
}

static void proposals_free(struct proposal *p, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(p[i].complaint_id);
		free(p[i].primary_id);
	}
	free(p);
}

/* An id as the engine writes it: digits, no sign, space or leading zero.
 * Anything else was edited, even when strtoll would read the same number. */
static int parse_id(const char *text, int64_t *out)
{
	size_t n = strspn(text, "0123456789");
	if (!n || n > 18 || text[n] || text[0] == '0')
		return -1;
	*out = strtoll(text, NULL, 10);
	return 0;
}

/* Whether the run's proposals were removed as too old (engine/match.c keeps the last few runs'). */
static int run_pruned(struct store *st, int64_t run_id)
{
	char *from = store_meta_get(st, "proposals_kept_from_run");
	int pruned = from && run_id < strtoll(from, NULL, 10);
	free(from);
	return pruned;
}

static int run_exists(struct store *st, int64_t run_id)
{
	sqlite3_stmt *s = store_prepare(st, "SELECT 1 FROM match_runs WHERE id = ?");
	sqlite3_bind_int64(s, 1, run_id);
	int found = sqlite3_step(s) == SQLITE_ROW;
	sqlite3_finalize(s);
	return found;
}

/* The file as a whole: this db, a known run. */
static enum nk_err check_identity(struct store *st, const struct review_file *f, int64_t *run_id,
				  struct strbuf *err)
{
	char *db_id = store_meta_get(st, "db_id");
	enum nk_err rc = NK_OK;
	if (!f->db_id) {
		strbuf_addf(err,
			    "%s is not a merge-review workbook made by nirakaran (its hidden sheet "
			    "'%s' is missing or changed) / यह nirakaran की मर्ज समीक्षा फ़ाइल नहीं है",
			    f->path, REVIEW_META_SHEET);
		rc = NK_EREFUSED;
	} else if (!db_id || !f->db_id || strcmp(db_id, f->db_id)) {
		strbuf_addf(err,
			    "%s belongs to another district's database (its id %s, this one %s); "
			    "import it where it was made / यह फ़ाइल किसी दूसरे जिले के डेटाबेस की है",
			    f->path, f->db_id ? f->db_id : "missing", db_id ? db_id : "missing");
		rc = NK_EREFUSED;
	} else if (!f->run_id || parse_id(f->run_id, run_id) || !run_exists(st, *run_id)) {
		strbuf_addf(err, "%s: the run id in the hidden sheet is missing or edited",
			    f->path);
		rc = NK_EREFUSED;
	} else if (run_pruned(st, *run_id)) {
		strbuf_addf(
			err,
			"%s was made from match run %lld, whose proposals are no longer kept "
			"([match] keep_runs); decide on tonight's merge-review.xlsx instead / यह "
			"फ़ाइल बहुत पुरानी है; आज रात की फ़ाइल पर निर्णय लें",
			f->path, (long long)*run_id);
		rc = NK_EREFUSED;
	}
	free(db_id);
	return rc;
}

/* One decided row: the ids it shows match the proposal, and nothing changed since. */
static enum nk_err check_row(struct store *st, int64_t run_id, const struct review_row *r,
			     struct proposal *p, struct strbuf *err)
{
	int64_t pid, rid;
	char fp[17], pfp[17];
	struct strbuf dummy = STRBUF_INIT;
	if (parse_id(r->proposal_id, &pid) || parse_id(r->run_id, &rid) || rid != run_id ||
	    !load_proposal(st, pid, p) || p->run_id != run_id ||
	    strcmp(p->complaint_id, r->complaint_id) || strcmp(p->primary_id, r->primary_id)) {
		strbuf_addf(err,
			    "row %ld: the hidden ids do not match complaints %s and %s; the "
			    "workbook was edited outside the Decision and Remarks columns. Use the "
			    "workbook as the engine wrote it / पंक्ति %ld में छिपे हुए क्रमांक बदले गए हैं",
			    r->row, r->complaint_id, r->primary_id, r->row);
		return NK_EREFUSED;
	}
	int changed = match_fingerprint(st, p->complaint_id, fp, &dummy) ||
		      match_fingerprint(st, p->primary_id, pfp, &dummy) || strcmp(fp, p->fp) ||
		      strcmp(pfp, p->primary_fp);
	strbuf_release(&dummy);
	if (changed) {
		strbuf_addf(
			err,
			"row %ld: complaint %s or %s has changed since this workbook was "
			"made; decide on tonight's merge-review.xlsx instead / पंक्ति %ld की शिकायत "
			"इस फ़ाइल के बनने के बाद बदल गई है; आज रात की फ़ाइल पर निर्णय लें",
			r->row, p->complaint_id, p->primary_id, r->row);
		return NK_EREFUSED;
	}
	return NK_OK;
}

/*
 * A duplicate merged already (by an earlier file) takes only the same merge
 * again: any other word would leave it merged under a decision that says
 * otherwise, and on approved-merges.csv. 'review undo' comes first.
 */
static enum nk_err check_merged(struct store *st, const struct review_row *r,
				const struct proposal *p, enum review_decision d,
				struct strbuf *err)
{
	sqlite3_stmt *s =
		store_prepare(st, "SELECT merged_into FROM complaints WHERE complaint_id = ?"
				  " AND merged_into IS NOT NULL");
	sqlite3_bind_text(s, 1, p->complaint_id, -1, SQLITE_STATIC);
	enum nk_err rc = NK_OK;
	if (sqlite3_step(s) == SQLITE_ROW) {
		const char *into = (const char *)sqlite3_column_text(s, 0);
		if (d != REVIEW_DO_MERGE || strcmp(into, p->primary_id)) {
			strbuf_addf(err,
				    "row %ld: complaint %s was merged into %s by an earlier "
				    "import; to decide on it again, run 'nirakaran review undo %s' "
				    "first / पंक्ति %ld: शिकायत %s पहले ही मर्ज हो चुकी है; दोबारा "
				    "निर्णय के लिए पहले review undo चलाएँ",
				    r->row, p->complaint_id, into, p->complaint_id, r->row,
				    p->complaint_id);
			rc = NK_EREFUSED;
		}
	}
	sqlite3_finalize(s);
	return rc;
}

static int already_imported(struct store *st, const char *sha, struct review_result *res)
{
	sqlite3_stmt *s =
		store_prepare(st, "SELECT imported_at FROM review_imports WHERE sha256 = ?");
	sqlite3_bind_text(s, 1, sha, -1, SQLITE_STATIC);
	int found = sqlite3_step(s) == SQLITE_ROW;
	if (found)
		xsnprintf(res->imported_at, sizeof(res->imported_at), "%s",
			  sqlite3_column_text(s, 0));
	sqlite3_finalize(s);
	return found;
}

static enum nk_err record_import(struct store *st, const struct review_file *f, int64_t run_id,
				 const char *officer, int otp, struct review_result *res,
				 struct strbuf *err)
{
	sqlite3_stmt *s =
		store_prepare(st, "INSERT INTO review_imports (path, sha256, run_id,"
				  " officer_id, otp_checked, imported_at, merged, rejected,"
				  " unsure) VALUES (?,?,?,?,?, datetime('now','localtime'),"
				  " 0, 0, 0)");
	sqlite3_bind_text(s, 1, f->path, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, f->sha256, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 3, run_id);
	sqlite3_bind_text(s, 4, officer, -1, SQLITE_STATIC);
	sqlite3_bind_int(s, 5, otp);
	enum nk_err rc = store_step_once(st, s, "cannot record the import", err);
	res->import_id = sqlite3_last_insert_rowid(st->db);
	return rc;
}

static enum nk_err apply_decision(struct store *st, const struct proposal *p,
				  enum review_decision d, const struct review_row *r,
				  const char *officer, const char *sha, struct strbuf *err)
{
	const char *a =
		strcmp(p->complaint_id, p->primary_id) < 0 ? p->complaint_id : p->primary_id;
	const char *b = a == p->complaint_id ? p->primary_id : p->complaint_id;
	const char *fa = a == p->complaint_id ? p->fp : p->primary_fp;
	const char *fb = a == p->complaint_id ? p->primary_fp : p->fp;
	sqlite3_stmt *s =
		store_prepare(st, "INSERT INTO pair_decisions (a, b, decision, fp_a, fp_b,"
				  " proposal_id, officer_id, decided_at, file_sha256, remarks)"
				  " VALUES (?,?,?,?,?,?,?, datetime('now','localtime'), ?, ?)");
	const char *vals[] = {a, b, review_decision_name(d), fa, fb};
	for (int i = 0; i < 5; i++)
		sqlite3_bind_text(s, i + 1, vals[i], -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 6, p->id);
	sqlite3_bind_text(s, 7, officer, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 8, sha, -1, SQLITE_STATIC);
	store_bind_text(s, 9, r->remarks);
	enum nk_err rc = store_step_once(st, s, "cannot record a decision", err);
	if (rc)
		return rc;
	s = store_prepare(st, "UPDATE proposals SET status = ? WHERE id = ?");
	sqlite3_bind_text(s, 1,
			  d == REVIEW_DO_MERGE    ? "merged"
			  : d == REVIEW_DO_REJECT ? "rejected"
						  : "unsure",
			  -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 2, p->id);
	rc = store_step_once(st, s, "cannot mark a proposal", err);
	if (rc || d != REVIEW_DO_MERGE)
		return rc;
	/* Nothing is deleted: the duplicate only points at its primary. */
	s = store_prepare(st, "UPDATE complaint_rows SET merged_into = ? WHERE complaint_id = ?");
	sqlite3_bind_text(s, 1, p->primary_id, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, p->complaint_id, -1, SQLITE_STATIC);
	rc = store_step_once(st, s, "cannot record a merge", err);
	return rc;
}

static enum nk_err finish_counts(struct store *st, const struct review_result *res,
				 struct strbuf *err)
{
	sqlite3_stmt *s = store_prepare(st, "UPDATE review_imports SET merged = ?, rejected = ?,"
					    " unsure = ? WHERE id = ?");
	sqlite3_bind_int64(s, 1, res->merged);
	sqlite3_bind_int64(s, 2, res->rejected);
	sqlite3_bind_int64(s, 3, res->unsure);
	sqlite3_bind_int64(s, 4, res->import_id);
	enum nk_err rc = store_step_once(st, s, "cannot record the import", err);
	return rc;
}

struct decided {
	int64_t id; /* the proposal */
	long row;
	const struct review_row *r;
};

static int by_proposal(const void *a, const void *b)
{
	const struct decided *x = a, *y = b;
	if (x->id != y->id)
		return x->id < y->id ? -1 : 1;
	return x->row < y->row ? -1 : x->row > y->row;
}

/* The problems of a file, all of them, so one correction round is enough. */
struct problems {
	struct strbuf lines; /* "\n  row 5, ...": one a problem */
	long n;
};

#define PROBLEMS_LISTED 100 /* past these, only how many more */

static void problem(struct problems *pr, const struct strbuf *one)
{
	if (++pr->n <= PROBLEMS_LISTED)
		strbuf_addf(&pr->lines, "\n  %s", one->buf);
}

/* One decision a proposal: a second row naming it (a copied row) would
 * have it decided twice, maybe both ways. Rows not ok were refused already. */
static void check_once(const struct review_file *f, const enum review_decision *d,
		       const struct proposal *p, const char *ok, struct problems *pr)
{
	struct decided *v = xcalloc(f->nrows + 1, sizeof(*v));
	struct strbuf one = STRBUF_INIT;
	size_t n = 0;
	for (size_t i = 0; i < f->nrows; i++)
		if (d[i] != REVIEW_NONE && ok[i])
			v[n++] = (struct decided){p[i].id, f->rows[i].row, &f->rows[i]};
	qsort(v, n, sizeof(*v), by_proposal);
	for (size_t k = 1; k < n; k++) {
		if (v[k].id != v[k - 1].id)
			continue;
		strbuf_reset(&one);
		strbuf_addf(&one,
			    "rows %ld and %ld both decide on complaints %s and %s; the workbook "
			    "was edited outside the Decision and Remarks columns. Use the workbook "
			    "as the engine wrote it / पंक्ति %ld और %ld एक ही जोड़ी पर निर्णय देती हैं",
			    v[k - 1].row, v[k].row, v[k].r->complaint_id, v[k].r->primary_id,
			    v[k - 1].row, v[k].row);
		problem(pr, &one);
	}
	strbuf_release(&one);
	free(v);
}

/* One row: its decision one of the three, its ids the proposal's, nothing changed. */
static enum nk_err check_one(struct store *st, int64_t run_id, const struct review_row *r,
			     enum review_decision *d, struct proposal *p, struct strbuf *one)
{
	if (review_parse_decision(r->decision, d)) {
		strbuf_addf(
			one,
			"row %ld, column Decision: \"%s\" is not one of \"%s\", \"%s\", \"%s\" / "
			"निर्णय कॉलम में सूची में से एक चुनें",
			r->row, r->decision, REVIEW_MERGE, REVIEW_REJECT, REVIEW_UNSURE);
		return NK_EREFUSED;
	}
	if (*d == REVIEW_NONE)
		return NK_OK;
	enum nk_err rc = check_row(st, run_id, r, p, one);
	return rc ? rc : check_merged(st, r, p, *d, one);
}

/*
 * Whether the pair's latest decision is already d on this proposal, with
 * the same fingerprints: a copy of a file imported before (saved again, so
 * another sha256) must not record it a second time.
 */
static int decided_already(struct store *st, const struct proposal *p, enum review_decision d)
{
	const char *a =
		strcmp(p->complaint_id, p->primary_id) < 0 ? p->complaint_id : p->primary_id;
	const char *b = a == p->complaint_id ? p->primary_id : p->complaint_id;
	sqlite3_stmt *s = store_prepare(
		st, "SELECT decision = ?3 AND proposal_id = ?4 AND fp_a = ?5 AND fp_b = ?6"
		    " FROM pair_decisions WHERE a = ?1 AND b = ?2 ORDER BY id DESC LIMIT 1");
	sqlite3_bind_text(s, 1, a, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, b, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, review_decision_name(d), -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 4, p->id);
	sqlite3_bind_text(s, 5, a == p->complaint_id ? p->fp : p->primary_fp, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 6, a == p->complaint_id ? p->primary_fp : p->fp, -1, SQLITE_STATIC);
	int same = sqlite3_step(s) == SQLITE_ROW && sqlite3_column_int(s, 0);
	sqlite3_finalize(s);
	return same;
}

/* Every row checked before anything is written; every problem listed. */
static enum nk_err check_all(struct store *st, const struct review_file *f, int64_t run_id,
			     enum review_decision *d, struct proposal *p, long *undecided,
			     struct strbuf *err)
{
	struct problems pr = {STRBUF_INIT, 0};
	struct strbuf one = STRBUF_INIT;
	char *ok = xcalloc(f->nrows + 1, 1);
	for (size_t i = 0; i < f->nrows; i++) {
		strbuf_reset(&one);
		if (check_one(st, run_id, &f->rows[i], &d[i], &p[i], &one)) {
			problem(&pr, &one);
			continue;
		}
		ok[i] = 1;
		if (d[i] == REVIEW_NONE)
			(*undecided)++;
		else
			p[i].again = decided_already(st, &p[i], d[i]);
	}
	check_once(f, d, p, ok, &pr);
	if (pr.n == 1) {
		strbuf_addf(err, "%s: %s", f->path, pr.lines.buf + 3);
	} else if (pr.n > 1) {
		strbuf_addf(err,
			    "%s: %ld problems; nothing was imported. Correct them all and return "
			    "the file / %ld गलतियाँ, कुछ भी दर्ज नहीं हुआ; सब सुधारकर फ़ाइल लौटाएँ:%s",
			    f->path, pr.n, pr.n, pr.lines.buf);
		if (pr.n > PROBLEMS_LISTED)
			strbuf_addf(err, "\n  ... and %ld more / और %ld", pr.n - PROBLEMS_LISTED,
				    pr.n - PROBLEMS_LISTED);
	}
	strbuf_release(&pr.lines);
	strbuf_release(&one);
	free(ok);
	return pr.n ? NK_EREFUSED : NK_OK;
}

enum nk_err review_import(struct store *st, const struct review_file *f, const char *officer_id,
			  int otp_checked, struct review_result *res, struct strbuf *err)
{
	int64_t run_id = 0;
	memset(res, 0, sizeof(*res));
	if (already_imported(st, f->sha256, res)) {
		res->already = 1;
		return NK_OK;
	}
	enum nk_err rc = check_identity(st, f, &run_id, err);
	if (rc)
		return rc;
	enum review_decision *d = xcalloc(f->nrows + 1, sizeof(*d));
	struct proposal *p = xcalloc(f->nrows + 1, sizeof(*p));
	if ((rc = check_all(st, f, run_id, d, p, &res->undecided, err)))
		goto out;
	if ((rc = store_begin(st, err)) ||
	    (rc = record_import(st, f, run_id, officer_id, otp_checked, res, err)))
		goto rollback;
	for (size_t i = 0; i < f->nrows; i++) {
		if (d[i] == REVIEW_NONE)
			continue;
		if (p[i].again) {
			res->again++;
			continue;
		}
		if ((rc = apply_decision(st, &p[i], d[i], &f->rows[i], officer_id, f->sha256, err)))
			goto rollback;
		res->merged += d[i] == REVIEW_DO_MERGE;
		res->rejected += d[i] == REVIEW_DO_REJECT;
		res->unsure += d[i] == REVIEW_DO_UNSURE;
	}
	if ((rc = finish_counts(st, res, err)))
		goto rollback;
	rc = store_commit(st, err);
	goto out;
rollback:
	if (st->in_tx)
		store_rollback(st);
out:
	free(d);
	proposals_free(p, f->nrows);
	return rc;
}

enum nk_err review_undo(struct store *st, const char *complaint_id, const char *officer_id,
			struct strbuf *err)
{
	enum nk_err rc;
	sqlite3_stmt *s =
		store_prepare(st, "SELECT merged_into FROM complaints WHERE complaint_id = ?");
	sqlite3_bind_text(s, 1, complaint_id, -1, SQLITE_STATIC);
	char *primary = NULL;
	if (sqlite3_step(s) == SQLITE_ROW && sqlite3_column_text(s, 0))
		primary = xstrdup((const char *)sqlite3_column_text(s, 0));
	sqlite3_finalize(s);
	if (!primary) {
		strbuf_addf(err, "complaint %s is not merged into another; nothing to undo",
			    complaint_id);
		return NK_ENOTFOUND;
	}
	if ((rc = store_begin(st, err)))
		goto out;
	s = store_prepare(
		st, "INSERT INTO merge_undos (complaint_id, primary_id, officer_id, undone_at)"
		    " VALUES (?, ?, ?, datetime('now','localtime'))");
	sqlite3_bind_text(s, 1, complaint_id, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, primary, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, officer_id, -1, SQLITE_STATIC);
	rc = store_step_once(st, s, "cannot record the undo", err);
	if (!rc) {
		/* The pair goes back to the queue: its latest word becomes "unsure". */
		s = store_prepare(
			st,
			"INSERT INTO pair_decisions (a, b, decision, fp_a, fp_b,"
			" proposal_id, officer_id, decided_at, remarks)"
			" SELECT a, b, 'unsure', fp_a, fp_b, proposal_id, ?1,"
			" datetime('now','localtime'), 'merge undone' FROM pair_decisions"
			" WHERE decision = 'merge' AND ((a = ?2 AND b = ?3) OR (a = ?3 AND b = ?2))"
			" ORDER BY id DESC LIMIT 1");
		sqlite3_bind_text(s, 1, officer_id, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 2, complaint_id, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 3, primary, -1, SQLITE_STATIC);
		rc = store_step_once(st, s, "cannot record the undo", err);
	}
	if (!rc) {
		s = store_prepare(
			st, "UPDATE proposals SET status = 'unsure' WHERE id ="
			    " (SELECT proposal_id FROM pair_decisions ORDER BY id DESC LIMIT 1)");
		rc = store_step_once(st, s, "cannot record the undo", err);
	}
	if (!rc) {
		s = store_prepare(
			st, "UPDATE complaint_rows SET merged_into = NULL WHERE complaint_id = ?");
		sqlite3_bind_text(s, 1, complaint_id, -1, SQLITE_STATIC);
		rc = store_step_once(st, s, "cannot undo the merge", err);
	}
	rc = rc ? (store_rollback(st), rc) : store_commit(st, err);
out:
	free(primary);
	return rc;
}
