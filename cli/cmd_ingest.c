/* cmd_ingest.c - nirakaran ingest: load exports and masters. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/commands.h"
#include "cli/common.h"
#include "cli/night.h"
#include "engine/date.h"
#include "engine/store.h"
#include "ingest/load.h"

static const char usage_text[] =
	"usage: nirakaran ingest [--kind KIND] [--sheet NAME] [--snapshot DATE] FILE...\n\n"
	"Loads each FILE (CSV in UTF-8, UTF-8 with BOM or UTF-16; or XLSX) into the database,\n"
	"one transaction per file: all of its good rows, plus its bad rows in quarantine with\n"
	"the reason. A file already ingested (same content) is skipped.\n\n"
	"  --kind KIND      complaints (default), categories, officers or movements\n"
	"  --sheet NAME     XLSX: the sheet to read (default: the first)\n"
	"  --snapshot DATE  the date the export was taken (default: a date in the file name,\n"
	"                   else --as-of)\n\n";

struct ingest_args {
	enum file_kind kind;
	const char *sheet;
	int snapshot_day;
	char **files;
	int nfiles;
};

static int parse_args(int argc, char **argv, struct ingest_args *a)
{
	memset(a, 0, sizeof(*a));
	a->snapshot_day = DAY_NONE;
	a->files = argv + 1;
	for (int i = 1; i < argc; i++) {
		const char *arg = argv[i];
		if ((!strcmp(arg, "--kind") || !strcmp(arg, "--sheet") ||
		     !strcmp(arg, "--snapshot")) &&
		    i + 1 >= argc)
			return usage_error("ingest", "option %s needs a value", arg);
		if (!strcmp(arg, "--kind")) {
			if (file_kind_parse(argv[++i], &a->kind))
				return usage_error("ingest",
						   "--kind %s: expected complaints, categories, "
						   "officers or movements",
						   argv[i]);
		} else if (!strcmp(arg, "--sheet")) {
			a->sheet = argv[++i];
		} else if (!strcmp(arg, "--snapshot")) {
			struct datetime dt;
			const char *why;
			const char *v = argv[++i];
			if (date_parse(v, strlen(v), &dt, &why))
				return usage_error("ingest", "--snapshot %s: %s", argv[i], why);
			a->snapshot_day = dt.day;
		} else if (arg[0] == '-' && arg[1]) {
			return usage_error("ingest", "unknown option '%s'", arg);
		} else {
			a->files[a->nfiles++] = argv[i];
		}
	}
	if (!a->nfiles)
		return usage_error("ingest", "no file given");
	return 0;
}

/* The first few quarantine reasons of a file, so the clerk sees them at once. */
static void show_quarantine(struct store *st, int64_t file_id, const struct common *c)
{
	sqlite3_stmt *s = store_prepare(st, "SELECT reason FROM quarantine WHERE file_id = ?"
					    " ORDER BY row_number LIMIT ?");
	int limit = c->verbosity > 0 ? 1000000 : 5;
	sqlite3_bind_int64(s, 1, file_id);
	sqlite3_bind_int(s, 2, limit);
	while (sqlite3_step(s) == SQLITE_ROW)
		log_info(c, "ingest", "  quarantined: %s", sqlite3_column_text(s, 0));
	sqlite3_finalize(s);
}

static void report(struct store *st, const struct common *c, const char *path,
		   const struct load_result *r)
{
	char day[11];
	if (r->skipped) {
		log_info(c, "ingest", "%s: skipped, the same file was ingested on %s (as %s)", path,
			 r->seen.finished_at, r->seen.path);
		return;
	}
	const struct file_counts *k = &r->counts;
	if (r->inserted + r->updated + r->unchanged + k->older == 0) { /* a master or a log */
		log_info(c, "ingest",
			 "%s: %s: %ld rows read, %ld loaded, %ld quarantined, %ld empty "
			 "skipped; %.1f s",
			 path, r->format, k->read, k->loaded, k->quarantined, k->empty, r->seconds);
	} else {
		log_info(
			c, "ingest",
			"%s: %s, snapshot %s (%s): %ld rows read, %ld loaded (%ld new, %ld changed, "
			"%ld unchanged, %ld older than held), %ld quarantined, %ld empty skipped; "
			"%.1f s, %.0f rows/s",
			path, r->format, date_format(r->snapshot_day, day), r->snapshot_source,
			k->read, k->loaded, r->inserted, r->updated, r->unchanged, k->older,
			k->quarantined, k->empty, r->seconds,
			k->read / (r->seconds > 0 ? r->seconds : 1e-9));
	}
	if (r->headers)
		log_info(c, "ingest",
			 "  %ld more header row(s) below the first, the last on %s %ld: the rows "
			 "below each were read by its column names",
			 r->headers, r->format[0] == 'C' ? "line" : "row", r->header_row);
	if (k->quarantined) {
		show_quarantine(st, r->file_id, c);
		if (k->quarantined > 5 && c->verbosity <= 0)
			log_info(c, "ingest",
				 "  ... and %ld more: 'nirakaran status --quarantine' lists them",
				 k->quarantined - 5);
	}
}

int cmd_ingest(int argc, char **argv)
{
	struct common c;
	struct ingest_args a;
	struct strbuf err = STRBUF_INIT;
	struct store *st;
	int code, failed = 0, quarantined = 0;
	if (common_parse(&c, &argc, argv, "ingest", usage_text, &code))
		return code;
	if ((code = parse_args(argc, argv, &a))) {
		common_release(&c);
		return code;
	}
	long max_level;
	if (config_int(&c.cfg, "levels", "count", 4, &max_level, &err)) {
		log_error("ingest", "%s", err.buf);
		code = EXIT_FAILURE_;
		goto out;
	}
	enum nk_err e = store_open(&st, c.db, STORE_WRITE, &err);
	if (e) {
		log_error("ingest", "%s", err.buf);
		code = exit_for(e);
		goto out;
	}
	for (int i = 0; i < a.nfiles; i++) {
		struct load_options lo = {.kind = a.kind,
					  .as_of = c.as_of,
					  .snapshot_day = a.snapshot_day,
					  .max_level = (int)max_level,
					  .cfg = &c.cfg,
					  .ropt = {.sheet = a.sheet},
					  .step_hook = night_hook};
		struct load_result r;
		struct progress p;
		progress_init(&p, &c, a.files[i]);
		lo.progress = progress_update;
		lo.progress_ctx = &p;
		strbuf_reset(&err);
		e = load_file(st, a.files[i], &lo, &r, &err);
		progress_end(&p);
		if (e) {
			log_error("ingest", "%s", err.buf);
			failed++;
			continue;
		}
		report(st, &c, a.files[i], &r);
		quarantined += r.counts.quarantined > 0;
	}
	store_close(st);
	code = failed ? EXIT_FAILURE_ : quarantined ? EXIT_QUARANTINED : EXIT_OK;
out:
	strbuf_release(&err);
	common_release(&c);
	return code;
}
