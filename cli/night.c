/* night.c - the nightly run's state and its stages after ingest. */
#include "cli/night.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "engine/date.h"

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

static enum nk_err start_run(struct night *n, struct strbuf *err)
{
	sqlite3_stmt *s = store_prepare(n->st, "INSERT INTO runs (as_of, started_at, stage)"
					       " VALUES (?, datetime('now','localtime'), 'started')");
	store_bind_day(s, 1, n->as_of);
	enum nk_err rc = sqlite3_step(s) == SQLITE_DONE ? NK_OK
						       : store_error(n->st, "cannot record the run", err);
	sqlite3_finalize(s);
	n->run_id = sqlite3_last_insert_rowid(n->st->db);
	return rc;
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
	char *out = config_path(&c->cfg, "paths", "out", "out");
	struct strbuf sb = STRBUF_INIT;
	strbuf_addf(&sb, "%s/%s", out, date_format(n->as_of, day));
	n->outdir = strbuf_detach(&sb, NULL);
	free(out);
	enum nk_err e = store_open(&n->st, c->db, STORE_WRITE, err);
	if (!e)
		e = start_run(n, err);
	if (e)
		return exit_for(e);
	log_info(c, "run", "night of %s: database %s, inbox %s", day, c->db, n->inbox);
	return EXIT_OK;
}

void night_mark(struct night *n, const char *stage)
{
	sqlite3_stmt *s = store_prepare(n->st, "UPDATE runs SET stage = ? WHERE id = ?");
	sqlite3_bind_text(s, 1, stage, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 2, n->run_id);
	sqlite3_step(s);
	sqlite3_finalize(s);
}

void night_after_ingest(struct night *n)
{
	(void)n;
}

int night_close(struct night *n)
{
	int code = n->failed ? EXIT_FAILURE_ : n->quarantined ? EXIT_QUARANTINED : EXIT_OK;
	sqlite3_stmt *s = store_prepare(n->st, "UPDATE runs SET finished_at = datetime('now','localtime'),"
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
