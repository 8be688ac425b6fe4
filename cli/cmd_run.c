/* cmd_run.c - nirakaran run: the unattended nightly job. */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli/commands.h"
#include "cli/common.h"
#include "cli/night.h"
#include "engine/date.h"
#include "engine/store.h"
#include "ingest/load.h"

static const char usage_text[] =
	"usage: nirakaran run --config district.ini [--as-of DATE]\n\n"
	"The nightly job, unattended: takes the database's lock; ingests every new file in\n"
	"the inbox (masters, exports, movement logs; a file seen before is skipped) and moves\n"
	"it to archive/DATE/; imports reviewed workbooks when OTP is off, else leaves them\n"
	"for 'nirakaran review import'; finds duplicates; computes the SLA analytics; writes\n"
	"the night's folder out/DATE/ with every workbook and CSV. One log line per stage on\n"
	"stderr, then a line with the paths.\n\n"
	"Exit codes: 0 done, 3 done but rows were quarantined, 1 a stage failed,\n"
	"2 usage error, 4 another run holds the lock.\n\n";

/* How long a file must have been left alone before it is read, and the
 * longest the run waits for that ([inbox] settle_seconds, wait_seconds). */
#define SETTLE_SECONDS 2
#define WAIT_SECONDS   600

static double mtime_of(const struct stat *sb)
{
	return (double)sb->st_mtim.tv_sec + sb->st_mtim.tv_nsec / 1e9;
}

static double wall_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/*
 * A file still being copied into the inbox would be read half. A file is
 * settled once it has not changed for settle seconds: at once when its
 * time is that old, else once its size and time stay the same that long
 * while we watch (a time in the future, from another machine's clock, is
 * watched too). A file that keeps changing for wait_seconds is left in
 * the inbox for the next run, and the night fails. 1 when settled.
 */
static int settled(struct night *n, const char *path)
{
	long settle, wait;
	struct strbuf err = STRBUF_INIT;
	if (config_int(&n->c->cfg, "inbox", "settle_seconds", SETTLE_SECONDS, &settle, &err) ||
	    config_int(&n->c->cfg, "inbox", "wait_seconds", WAIT_SECONDS, &wait, &err)) {
		log_error("ingest", "%s", err.buf);
		strbuf_release(&err);
		n->failed++;
		return 0;
	}
	struct stat a, b;
	double start = wall_now(), quiet = start;
	if (stat(path, &a) || start - mtime_of(&a) >= (double)settle)
		return 1;
	for (;;) {
		double now = wall_now();
		if (now - quiet >= (double)settle)
			return 1;
		if (now - start >= (double)wait) {
			log_error("ingest",
				  "%s is still being written after %ld s (its size or time keeps "
				  "changing); left in the inbox for the next run",
				  path, wait);
			n->failed++;
			return 0;
		}
		usleep(100000);
		if (stat(path, &b))
			return 1; /* gone: the load says so */
		if (b.st_size != a.st_size || mtime_of(&b) != mtime_of(&a)) {
			a = b;
			quiet = wall_now();
		}
	}
}

/* An inbox file with the kind and date that order the night's loading. */
struct inbox_file {
	char *path;
	enum file_kind kind;
	int day;
};

static int file_order(const void *a, const void *b)
{
	/* Masters first (categories, officers), then exports by date, then logs. */
	static const int rank[KIND_COUNT] = {[KIND_CATEGORIES] = 0,
					     [KIND_OFFICERS] = 1,
					     [KIND_COMPLAINTS] = 2,
					     [KIND_MOVEMENTS] = 3};
	const struct inbox_file *x = a, *y = b;
	if (rank[x->kind] != rank[y->kind])
		return rank[x->kind] - rank[y->kind];
	if (x->day != y->day)
		return x->day < y->day ? -1 : 1;
	return strcmp(x->path, y->path);
}

/*
 * Why an inbox entry is not a file to load, or NULL when it is one: a clerk
 * who finds a file still in the inbox reads here why it stayed.
 */
static const char *not_an_export(const char *name, const struct stat *sb)
{
	if (S_ISDIR(sb->st_mode))
		return "a folder: files inside folders are not read; move them into the inbox "
		       "itself";
	if (!S_ISREG(sb->st_mode))
		return "not a regular file";
	if (!strncmp(name, "~$", 2))
		return "Excel's lock file of a workbook someone has open, not an export";
	return NULL;
}

/* 1 when the inbox entry name (at path) is a file to load now; else why not is logged. */
static int to_load(struct night *n, const char *name, const char *path)
{
	struct stat sb;
	const char *why = stat(path, &sb) ? strerror(errno) : not_an_export(name, &sb);
	if (!why && !settled(n, path))
		return 0; /* settled() said why */
	if (!why && stat(path, &sb) == 0 && sb.st_size == 0)
		why = "empty (0 bytes), nothing to load; left in the inbox";
	if (why)
		log_info(n->c, "ingest", "%s: skipped: %s", path, why);
	return !why;
}

/* Lists the inbox's files (not hidden ones) with their kinds; unknown ones are logged. */
static size_t list_inbox(struct night *n, struct inbox_file **out)
{
	DIR *d = opendir(n->inbox);
	struct dirent *e;
	size_t count = 0, alloc = 0;
	*out = NULL;
	if (!d) {
		log_error("ingest", "cannot open the inbox %s: %s", n->inbox, strerror(errno));
		n->failed++;
		return 0;
	}
	while ((e = readdir(d))) {
		struct strbuf path = STRBUF_INIT, err = STRBUF_INIT;
		enum file_kind kind;
		if (e->d_name[0] == '.')
			continue;
		strbuf_addf(&path, "%s/%s", n->inbox, e->d_name);
		struct load_options lo = {.cfg = &n->c->cfg};
		if (!to_load(n, e->d_name, path.buf)) {
			strbuf_release(&path);
			continue;
		}
		if (load_detect_kind(path.buf, &lo, &kind, &err)) {
			log_error("ingest", "%s", err.buf);
			n->failed++;
			strbuf_release(&path);
		} else {
			ALLOC_GROW(*out, count + 1, alloc);
			(*out)[count].path = strbuf_detach(&path, NULL);
			(*out)[count].kind = kind;
			(*out)[count].day = load_date_from_name(e->d_name);
			count++;
		}
		strbuf_release(&err);
	}
	closedir(d);
	if (count)
		qsort(*out, count, sizeof(**out), file_order);
	return count;
}

static void stage_ingest(struct night *n)
{
	struct inbox_file *files;
	size_t count = list_inbox(n, &files);
	long read = 0, loaded = 0, quarantined = 0, skipped = 0;
	for (size_t i = 0; i < count; i++) {
		struct load_options lo = {.kind = files[i].kind,
					  .as_of = n->as_of,
					  .snapshot_day = DAY_NONE,
					  .max_level = n->max_level,
					  .cfg = &n->c->cfg,
					  .step_hook = night_hook};
		struct load_result r;
		struct strbuf err = STRBUF_INIT;
		if (load_file(n->st, files[i].path, &lo, &r, &err)) {
			log_error("ingest", "%s", err.buf);
			n->failed++;
		} else {
			night_hook("ingest-loaded"); /* committed, not yet marked */
			read += r.counts.read;
			loaded += r.counts.loaded;
			quarantined += r.counts.quarantined;
			n->quarantined += r.counts.quarantined;
			/* still in the inbox: loaded by a run that died before
			 * archiving it, whose clerk never got exit 3 for its rows */
			if (r.skipped)
				n->quarantined += r.seen.quarantined;
			skipped += r.skipped;
			if (n->c->verbosity > 0 || r.counts.quarantined)
				log_info(n->c, "ingest",
					 "%s (%s): %ld rows read, %ld loaded, %ld quarantined%s",
					 files[i].path, file_kind_name(files[i].kind),
					 r.counts.read, r.counts.loaded, r.counts.quarantined,
					 r.skipped ? ", seen before" : "");
			night_mark(n, "ingest-file"); /* loaded, not yet archived */
			night_archive(n, files[i].path, NULL);
		}
		strbuf_release(&err);
		free(files[i].path);
	}
	free(files);
	log_info(n->c, "ingest",
		 "%zu files (%ld seen before): %ld rows read, %ld loaded, %ld quarantined", count,
		 skipped, read, loaded, quarantined);
}

int cmd_run(int argc, char **argv)
{
	struct common c;
	struct night n;
	struct strbuf err = STRBUF_INIT;
	int code;
	if (common_parse(&c, &argc, argv, "run", usage_text, &code))
		return code;
	if (argc > 1) {
		common_release(&c);
		return usage_error("run", "unexpected argument '%s'", argv[1]);
	}
	if (!c.config_path) {
		common_release(&c);
		return usage_error("run",
				   "--config is required: the run takes its folders from it");
	}
	if ((code = night_open(&n, &c, &err)) != EXIT_OK) {
		log_error("run", "%s", err.buf);
		goto out;
	}
	stage_ingest(&n);
	night_mark(&n, "ingest");
	night_after_ingest(&n);
	code = night_close(&n);
out:
	strbuf_release(&err);
	common_release(&c);
	return code;
}
