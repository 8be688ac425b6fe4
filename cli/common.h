/*
 * common.h - what every subcommand shares: the common options (--db,
 * --config, --as-of, -q, -v), exit codes, log lines on stderr and the
 * progress bar.
 */
#ifndef NK_CLI_COMMON_H
#define NK_CLI_COMMON_H

#include "engine/config.h"
#include "engine/error.h"
#include "engine/util.h"

enum exit_code {
	EXIT_OK = 0,
	EXIT_FAILURE_ = 1,
	EXIT_USAGE = 2,
	EXIT_QUARANTINED = 3,
	EXIT_LOCKED = 4
};

struct common {
	const char *db;          /* --db, else [paths] db, else nirakaran.db */
	const char *config_path; /* --config */
	struct config cfg;
	int as_of;     /* --as-of, default today */
	int verbosity; /* -q: -1, default 0, -v: 1 */
	char *db_owned;
};

/*
 * Takes the common options out of argv (compacting it) and loads the config.
 * Returns -1 when the command should stop with exit code *code: after
 * printing usage and common_usage on stdout for -h/--help (EXIT_OK), or a
 * message on stderr when the options are wrong (EXIT_USAGE) or the config
 * cannot be read (EXIT_FAILURE_).
 */
int common_parse(struct common *c, int *argc, char **argv, const char *cmd, const char *usage,
		 int *code);
void common_release(struct common *c);

/* The night's output folder: [paths] out (default "out") + "/YYYY-MM-DD" of --as-of; malloc'd. */
char *common_night_dir(const struct common *c);

/* The usage lines of the common options, for each command's --help. */
extern const char common_usage[];

/* Exit code for an engine error (ELOCKED → 4, EUSAGE → 2, else 1). */
int exit_for(enum nk_err e);

/* A log line on stderr: "2026-11-28 02:00:01 stage: message". -q hides info. */
void log_info(const struct common *c, const char *stage, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void log_error(const char *stage, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Prints a usage error for cmd and returns EXIT_USAGE. */
int usage_error(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* A progress bar on stderr when it is a terminal; nothing otherwise. */
struct progress {
	int enabled;
	double start, last;
	const char *label;
};
void progress_init(struct progress *p, const struct common *c, const char *label);
void progress_update(void *ctx, long rows, long long done, long long total);
void progress_end(struct progress *p);

#endif
