/*
 * night.h - one nightly run's state, shared by the stages that cmd_run.c
 * wires: the folders from the config, the locked store, the run's row in
 * the runs table, and the counts that make the exit code.
 */
#ifndef NK_CLI_NIGHT_H
#define NK_CLI_NIGHT_H

#include <stdint.h>

#include "cli/common.h"
#include "engine/store.h"

struct night {
	struct common *c;
	struct store *st;
	int as_of;
	int max_level;
	int64_t run_id;
	char *inbox, *archive, *review_inbox, *outdir; /* outdir: out/YYYY-MM-DD */
	long quarantined;                              /* rows quarantined tonight */
	int failed;                                    /* stages or files that failed */
	int analysed;                                  /* the night's analytics committed */
};

/* Reads the folders, takes the lock, records the run. An exit code; err on failure. */
int night_open(struct night *n, struct common *c, struct strbuf *err);
/* Kills the process at point when NIRAKARAN_TEST_KILL_AT names it (tests). */
void night_hook(const char *point);
/* Records that a stage finished (the last one is kept on the run's row). */
void night_mark(struct night *n, const char *stage);
/* The stages after ingest: reviews, matching, analytics, reports. */
void night_after_ingest(struct night *n);
/* Finishes the run's row, prints the final line, frees; returns the exit code. */
int night_close(struct night *n);

/* Moves a processed file to archive/DATE[/sub]/, never over another file. */
void night_archive(struct night *n, const char *path, const char *sub);
/* qsort comparison of char * strings. */
int night_cmp_str(const void *a, const void *b);

/* mkdir -p; 0 or -1 with errno. */
int night_mkdirs(const char *path);

#endif
