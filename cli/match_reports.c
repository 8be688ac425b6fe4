/* match_reports.c - matching's reports on a thread (see match_reports.h). */
#include "cli/match_reports.h"

#include <pthread.h>
#include <stdlib.h>

#include "cli/commands.h"
#include "reports/outfile.h"

struct match_reports {
	struct report_ctx rc;
	struct store *st;          /* the thread's connection */
	struct outfile_set files;  /* what it wrote, not yet in place */
	struct strbuf notes, err;
	enum nk_err e;
	pthread_t thread;
};

static void *writer_main(void *arg)
{
	struct match_reports *mr = arg;
	mr->e = report_write_matches(&mr->rc, &mr->notes, &mr->err);
	return NULL;
}

static void free_job(struct match_reports *mr)
{
	store_close(mr->st);
	outfile_set_release(&mr->files); /* removes what was not put in place */
	strbuf_release(&mr->notes);
	strbuf_release(&mr->err);
	free(mr);
}

struct match_reports *match_reports_start(const struct report_ctx *rc)
{
	if (util_threads() < 2)
		return NULL;
	struct match_reports *mr = xcalloc(1, sizeof(*mr));
	strbuf_init(&mr->notes, 0);
	strbuf_init(&mr->err, 0);
	mr->rc = *rc;
	if (!outfile_mkdirs(rc->out_dir, &mr->err) &&
	    store_open(&mr->st, rc->st->path, STORE_READ, &mr->err) == NK_OK) {
		mr->rc.st = mr->st;
		mr->rc.defer = &mr->files;
		if (pthread_create(&mr->thread, NULL, writer_main, mr) == 0)
			return mr;
	}
	free_job(mr);
	return NULL;
}

enum nk_err match_reports_finish(struct match_reports *mr, int keep, struct strbuf *notes,
				 struct strbuf *err)
{
	pthread_join(mr->thread, NULL);
	enum nk_err e = keep ? mr->e : NK_OK;
	if (keep && !e)
		e = outfile_set_commit(&mr->files, &mr->err);
	if (keep && !e)
		strbuf_addstr(notes, mr->notes.buf);
	else if (keep)
		strbuf_addstr(err, mr->err.buf);
	free_job(mr);
	return e;
}
