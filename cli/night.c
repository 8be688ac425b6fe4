/* night.c - the nightly run's state and its stages after ingest. */
#include "cli/night.h"

#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/commands.h"
#include "cli/match_reports.h"
#include "engine/analytics.h"
#include "engine/date.h"
#include "engine/match.h"
#include "reports/outfile.h"
#include "reports/report.h"

int night_mkdirs(const char *path)
{
	char *p = xstrdup(path);
	for (char *s = p + 1; *s; s++) {
		if (*s != '/')
			continue;
		*s = 0;
		if (mkdir(p, 0755) != 0 && errno != EEXIST) {
			free(p);
			return -1;
		}
		*s = '/';
	}
	int rc = mkdir(p, 0755) != 0 && errno != EEXIST ? -1 : 0;
	free(p);
	return rc;
}

int night_cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

void night_archive(struct night *n, const char *path, const char *sub)
{
	char day[11];
	struct strbuf dir = STRBUF_INIT, dest = STRBUF_INIT;
	const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
	strbuf_addf(&dir, "%s/%s%s%s", n->archive, date_format(n->as_of, day), sub ? "/" : "",
		    sub ? sub : "");
	if (night_mkdirs(dir.buf) != 0) {
		log_error("run", "cannot create %s: %s", dir.buf, strerror(errno));
		n->failed++;
		goto out;
	}
	strbuf_addf(&dest, "%s/%s", dir.buf, base);
	for (int i = 1; access(dest.buf, F_OK) == 0; i++) {
		strbuf_reset(&dest);
		strbuf_addf(&dest, "%s/%s.%d", dir.buf, base, i);
	}
	if (rename(path, dest.buf) != 0) {
		log_error("run", "cannot move %s to %s: %s", path, dest.buf, strerror(errno));
		n->failed++;
	}
out:
	strbuf_release(&dir);
	strbuf_release(&dest);
}

static enum nk_err start_run(struct night *n, struct strbuf *err)
{
	sqlite3_stmt *s =
		store_prepare(n->st, "INSERT INTO runs (as_of, started_at, stage)"
				     " VALUES (?, datetime('now','localtime'), 'started')");
	store_bind_day(s, 1, n->as_of);
	enum nk_err rc = store_step_once(n->st, s, "cannot record the run", err);
	n->run_id = sqlite3_last_insert_rowid(n->st->db);
	if (rc)
		return rc;
	/*
	 * A run of the same night that died before finishing had quarantined
	 * rows that this run will find already loaded: it still owes the clerk
	 * exit code 3 for them.
	 */
	s = store_prepare(n->st, "SELECT quarantined FROM runs WHERE id = (SELECT max(id) FROM runs"
				 " WHERE id < ?1) AND as_of = ?2 AND finished_at IS NULL");
	sqlite3_bind_int64(s, 1, n->run_id);
	store_bind_day(s, 2, n->as_of);
	if (sqlite3_step(s) == SQLITE_ROW)
		n->quarantined = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return NK_OK;
}

int night_open(struct night *n, struct common *c, struct strbuf *err)
{
	char day[11];
	long levels;
	memset(n, 0, sizeof(*n));
	n->c = c;
	n->as_of = c->as_of;
	if (config_int(&c->cfg, "levels", "count", 4, &levels, err))
		return EXIT_FAILURE_;
	n->max_level = (int)levels;
	n->inbox = config_path(&c->cfg, "paths", "inbox", "inbox");
	n->archive = config_path(&c->cfg, "paths", "archive", "archive");
	n->review_inbox = config_path(&c->cfg, "paths", "review_inbox", "review-inbox");
	n->outdir = common_night_dir(c);
	enum nk_err e = store_open(&n->st, c->db, STORE_WRITE, err);
	if (!e)
		e = start_run(n, err);
	if (e) {
		/* night_close is not called after a failed open */
		if (n->st)
			store_close(n->st);
		free(n->inbox);
		free(n->archive);
		free(n->review_inbox);
		free(n->outdir);
		return exit_for(e);
	}
	log_info(c, "run", "night of %s: database %s, inbox %s", date_format(n->as_of, day), c->db,
		 n->inbox);
	return EXIT_OK;
}

void night_hook(const char *point)
{
	/*
	 * For the crash-safety test only: the run kills itself at a named
	 * point, as a power cut or an OOM killer would, so a rerun can be
	 * compared with a run that was never interrupted.
	 */
	static int seen;
	const char *at = getenv("NIRAKARAN_TEST_KILL_AT");
	const char *nth = getenv("NIRAKARAN_TEST_KILL_NTH"); /* the Nth time (default 1) */
	if (at && !strcmp(at, point) && ++seen >= (nth && atoi(nth) > 0 ? atoi(nth) : 1))
		raise(SIGKILL);
}

void night_mark(struct night *n, const char *stage)
{
	sqlite3_stmt *s =
		store_prepare(n->st, "UPDATE runs SET stage = ?, quarantined = ? WHERE id = ?");
	sqlite3_bind_text(s, 1, stage, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 2, n->quarantined);
	sqlite3_bind_int64(s, 3, n->run_id);
	sqlite3_step(s);
	sqlite3_finalize(s);
	night_hook(stage);
}

static void stage_analytics(struct night *n)
{
	struct analytics_summary sum;
	struct strbuf err = STRBUF_INIT;
	if (analytics_run(n->st, &n->c->cfg, n->as_of, n->run_id, &sum, &err)) {
		log_error("analyze", "%s", err.buf);
		n->failed++;
	} else {
		log_info(n->c, "analyze",
			 "%ld open, %ld breached, %ld escalated tonight, %ld rule "
			 "violations; district grade %s (%.1f points); %.1f s",
			 sum.open, sum.breached, sum.escalated_today, sum.violations,
			 sum.district_grade, sum.district_total, sum.seconds);
		n->analysed = 1;
		night_mark(n, "analyze");
	}
	strbuf_release(&err);
}

/*
 * What the match depends on: the night, the files loaded and the decisions
 * recorded. A rerun of a night that finds the same (a run killed after its
 * match) keeps that match instead of making a second, identical one.
 */
static char *match_inputs(struct night *n)
{
	char day[11];
	struct strbuf sb = STRBUF_INIT;
	sqlite3_stmt *s =
		store_prepare(n->st, "SELECT (SELECT coalesce(max(id), 0) FROM ingest_files),"
				     " (SELECT coalesce(max(id), 0) FROM pair_decisions),"
				     " (SELECT coalesce(max(id), 0) FROM match_runs)");
	if (sqlite3_step(s) == SQLITE_ROW)
		strbuf_addf(&sb, "%s files %lld decisions %lld run %lld",
			    date_format(n->as_of, day), sqlite3_column_int64(s, 0),
			    sqlite3_column_int64(s, 1), sqlite3_column_int64(s, 2));
	sqlite3_finalize(s);
	return strbuf_detach(&sb, NULL);
}

/* The night's match and the note that it is done commit together. */
static enum nk_err record_match_inputs(struct store *st, int64_t run_id, void *arg,
				       struct strbuf *err)
{
	(void)run_id; /* match_inputs reads it back as max(match_runs.id) */
	char *inputs = match_inputs(arg);
	enum nk_err e = store_meta_set(st, "night_match_inputs", inputs, err);
	free(inputs);
	return e;
}

/* Proposals of the run in band review, as the workbook's Band column counts them. */
static long band_review(struct store *st, int64_t run_id)
{
	sqlite3_stmt *s = store_prepare(st, "SELECT count(*) FROM proposals WHERE run_id = ?"
					    " AND band = 'review' AND complaint_id <> primary_id");
	sqlite3_bind_int64(s, 1, run_id);
	long n = sqlite3_step(s) == SQLITE_ROW ? (long)sqlite3_column_int64(s, 0) : 0;
	sqlite3_finalize(s);
	return n;
}

static void stage_match(struct night *n)
{
	struct match_options opt = {.record = record_match_inputs, .record_arg = n};
	struct match_summary m;
	struct strbuf err = STRBUF_INIT;
	char *inputs = match_inputs(n), *last = store_meta_get(n->st, "night_match_inputs");
	int same = last && !strcmp(inputs, last);
	free(inputs);
	free(last);
	if (same) {
		log_info(n->c, "match",
			 "up to date: nothing loaded or decided since this night's match");
	} else if (match_run(n->st, &n->c->cfg, n->as_of, &opt, &m, &err)) {
		log_error("match", "%s", err.buf);
		n->failed++;
		goto out;
	} else {
		night_hook("match-committed"); /* committed, not yet marked */
		long review = band_review(n->st, m.run_id);
		log_info(n->c, "match",
			 "%s: %ld complaints (%ld new or changed), %ld candidate pairs, "
			 "%ld groups, %ld proposals (%ld band high, %ld band review); %.1f s",
			 m.full ? "full" : "increment", m.complaints, m.changed, m.candidate_pairs,
			 m.groups, m.proposals, m.proposals - review, review, m.seconds);
	}
	night_mark(n, "match");
out:
	strbuf_release(&err);
}

/*
 * Files a report writer had not yet renamed into place when its process
 * was killed (".NAME.tmp-PID", see reports/outfile.h), in dir: removed once
 * their process is gone. The count removed.
 */
static long sweep_dir(const char *dir, int depth)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	long removed = 0;
	if (!d)
		return 0;
	while ((e = readdir(d))) {
		struct strbuf p = STRBUF_INIT;
		const char *t = NULL, *s = e->d_name;
		while ((s = strstr(s, ".tmp-")))
			t = s++;
		strbuf_addf(&p, "%s/%s", dir, e->d_name);
		if (e->d_name[0] != '.' && depth > 0 &&
		    (e->d_type == DT_DIR || e->d_type == DT_UNKNOWN)) {
			removed += sweep_dir(p.buf, depth - 1); /* a night's folder, whatsapp/ */
		} else if (e->d_name[0] == '.' && t) {
			char *end;
			long pid = strtol(t + 5, &end, 10);
			if (!*end && pid > 0 && pid != (long)getpid() && kill((pid_t)pid, 0) != 0 &&
			    errno == ESRCH && unlink(p.buf) == 0)
				removed++;
		}
		strbuf_release(&p);
	}
	closedir(d);
	return removed;
}

static void sweep_tmp(struct night *n)
{
	char *out = config_path(&n->c->cfg, "paths", "out", "out");
	long removed = sweep_dir(out, 2);
	if (removed)
		log_info(n->c, "report",
			 "removed %ld unfinished file(s) that a killed run left in %s", removed,
			 out);
	free(out);
}

static struct report_ctx night_report_ctx(struct night *n)
{
	return (struct report_ctx){.st = n->st,
				   .out_dir = n->outdir,
				   .as_of = n->as_of,
				   .csv = 1,
				   .district = config_get(&n->c->cfg, "district", "name"),
				   .district_hi = config_get(&n->c->cfg, "district", "name_hi")};
}

/*
 * Matching's reports, begun while the night is analysed (cli/
 * match_reports.h); NULL when they wait for the SLA workbook instead. A
 * night folder made for them goes again if the night is not reported.
 */
static struct match_reports *start_match_reports(struct night *n, int *made_dir)
{
	struct report_ctx rc, base = night_report_ctx(n);
	struct strbuf err = STRBUF_INIT;
	struct stat sb;
	*made_dir = stat(n->outdir, &sb) != 0;
	struct match_reports *mr = NULL;
	if (!report_settings(n->c, &base, &rc, &err))
		mr = match_reports_start(&rc);
	strbuf_release(&err); /* the same error comes again from stage_reports */
	return mr;
}

/* The night's folder, when the analysis it reports on was made: a failed
 * run leaves the previous files as they were, never fresh empty ones. */
static void stage_reports(struct night *n, struct match_reports *mr, int made_dir)
{
	struct strbuf err = STRBUF_INIT, notes = STRBUF_INIT;
	sweep_tmp(n);
	if (!n->analysed) {
		if (mr)
			match_reports_finish(mr, 0, NULL, NULL);
		if (made_dir)
			rmdir(n->outdir);
		log_error("report",
			  "not written: the night was not analysed (see above); %s keeps its"
			  " previous files / विश्लेषण नहीं हुआ, रिपोर्ट नहीं बनी",
			  n->outdir);
		n->failed++;
		return;
	}
	struct report_ctx rc, base = night_report_ctx(n);
	enum nk_err e = outfile_mkdirs(n->outdir, &err) ? NK_EIO
							 : report_settings(n->c, &base, &rc, &err);
	report_doing(n->outdir);
	if (!e)
		e = report_write_sla(n->c, &rc, &err);
	if (mr) {
		enum nk_err m = match_reports_finish(mr, !e, &notes, &err);
		e = e ? e : m;
	} else if (!e) {
		e = report_write_matches(&rc, &notes, &err);
	}
	report_doing(NULL);
	report_log_notes(n->c, &notes);
	if (e) {
		log_error("report", "%s", err.buf);
		n->failed++;
	} else {
		night_mark(n, "report");
	}
	strbuf_release(&notes);
	strbuf_release(&err);
}

/* Returned merge-review workbooks in the review inbox, sorted by name. */
static size_t list_reviews(struct night *n, char ***out)
{
	DIR *d = opendir(n->review_inbox);
	struct dirent *e;
	size_t count = 0, alloc = 0;
	*out = NULL;
	if (!d)
		return 0; /* no review inbox: nothing returned yet */
	while ((e = readdir(d))) {
		size_t len = strlen(e->d_name);
		if (e->d_name[0] == '.' || len < 5 || strcmp(e->d_name + len - 5, ".xlsx"))
			continue;
		ALLOC_GROW(*out, count + 1, alloc);
		struct strbuf p = STRBUF_INIT;
		strbuf_addf(&p, "%s/%s", n->review_inbox, e->d_name);
		(*out)[count++] = strbuf_detach(&p, NULL);
	}
	closedir(d);
	if (count)
		qsort(*out, count, sizeof(char *), night_cmp_str);
	return count;
}

/*
 * An OTP cannot be typed at night, so returned workbooks wait for
 * 'review import' by their officer. Only a district whose config switches
 * OTP off ([otp] required = no, for testing) has them imported here, in the
 * name of [review] officer.
 */
static void stage_reviews(struct night *n)
{
	char **files;
	size_t count = list_reviews(n, &files);
	int required = 1;
	struct strbuf err = STRBUF_INIT;
	const char *officer = config_str(&n->c->cfg, "review", "officer", NULL);
	if (config_bool(&n->c->cfg, "otp", "required", 1, &required, &err)) {
		log_error("review", "%s", err.buf);
		n->failed++;
	} else if (count && required) {
		log_info(n->c, "review",
			 "%zu returned workbook(s) in %s wait for 'nirakaran review "
			 "import FILE --officer ID --otp CODE' (an OTP cannot be given at night)",
			 count, n->review_inbox);
	} else if (count && !officer) {
		log_error("review",
			  "OTP is off but [review] officer is not set: the %zu workbook(s) in "
			  "%s wait",
			  count, n->review_inbox);
	} else {
		for (size_t i = 0; i < count; i++) {
			int code = review_import_file(n->c, n->st, files[i], officer, NULL);
			if (code == EXIT_OK)
				night_archive(n, files[i], "reviews");
			else
				n->failed++;
		}
	}
	for (size_t i = 0; i < count; i++)
		free(files[i]);
	free(files);
	strbuf_release(&err);
}

void night_after_ingest(struct night *n)
{
	int made_dir;
	stage_reviews(n);
	stage_match(n);
	struct match_reports *mr = start_match_reports(n, &made_dir);
	stage_analytics(n);
	stage_reports(n, mr, made_dir);
}

int night_close(struct night *n)
{
	int code = n->failed ? EXIT_FAILURE_ : n->quarantined ? EXIT_QUARANTINED : EXIT_OK;
	sqlite3_stmt *s =
		store_prepare(n->st, "UPDATE runs SET finished_at = datetime('now','localtime'),"
				     " exit_code = ? WHERE id = ?");
	sqlite3_bind_int(s, 1, code);
	sqlite3_bind_int64(s, 2, n->run_id);
	sqlite3_step(s);
	sqlite3_finalize(s);
	log_info(n->c, "run", "done (exit %d): database %s, outputs %s", code, n->c->db, n->outdir);
	store_close(n->st);
	free(n->inbox);
	free(n->archive);
	free(n->review_inbox);
	free(n->outdir);
	return code;
}
