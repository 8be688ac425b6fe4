/* common.c - options, logging and progress shared by all subcommands. */
#include "cli/common.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "engine/date.h"

const char common_usage[] =
	"Common options:\n"
	"  --db PATH        the district database (default: [paths] db, or nirakaran.db\n"
	"                   beside the --config file)\n"
	"  --config FILE    the district's INI configuration\n"
	"  --as-of DATE     the night the run stands for (default: today), dd-mm-yyyy or yyyy-mm-dd\n"
	"  -q, --quiet      only errors on stderr\n"
	"  -v, --verbose    more detail on stderr\n"
	"  -h, --help       this help\n";

int exit_for(enum nk_err e)
{
	switch (e) {
	case NK_OK: return EXIT_OK;
	case NK_ELOCKED: return EXIT_LOCKED;
	case NK_EUSAGE: return EXIT_USAGE;
	default: return EXIT_FAILURE_;
	}
}

static void stamp(char *buf, size_t n)
{
	time_t t = time(NULL);
	struct tm tm;
	localtime_r(&t, &tm);
	strftime(buf, n, "%Y-%m-%d %H:%M:%S", &tm);
}

void log_info(const struct common *c, const char *stage, const char *fmt, ...)
{
	char ts[32];
	va_list ap;
	if (c && c->verbosity < 0)
		return;
	stamp(ts, sizeof(ts));
	fprintf(stderr, "%s %s: ", ts, stage);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

void log_error(const char *stage, const char *fmt, ...)
{
	char ts[32];
	va_list ap;
	stamp(ts, sizeof(ts));
	fprintf(stderr, "%s %s: error: ", ts, stage);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

int usage_error(const char *cmd, const char *fmt, ...)
{
	va_list ap;
	fprintf(stderr, "nirakaran %s: ", cmd);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nTry 'nirakaran %s --help'.\n", cmd);
	return EXIT_USAGE;
}

/* Value of "--opt VALUE" or "--opt=VALUE" at argv[*i]; NULL when not this option. */
static const char *opt_value(int argc, char **argv, int *i, const char *name, int *missing)
{
	size_t n = strlen(name);
	if (strncmp(argv[*i], name, n))
		return NULL;
	if (argv[*i][n] == '=')
		return argv[*i] + n + 1;
	if (argv[*i][n])
		return NULL;
	if (*i + 1 >= argc) {
		*missing = 1;
		return NULL;
	}
	return argv[++*i];
}

int common_parse(struct common *c, int *argc, char **argv, const char *cmd, const char *usage,
		 int *code)
{
	for (int i = 1; i < *argc && strcmp(argv[i], "--"); i++) {
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			memset(c, 0, sizeof(*c));
			printf("%s%s", usage, common_usage);
			*code = EXIT_OK;
			return -1;
		}
	}
	int out = 1, missing = 0;
	const char *as_of = NULL, *v;
	struct strbuf err = STRBUF_INIT;
	memset(c, 0, sizeof(*c));
	*code = EXIT_USAGE;
	for (int i = 1; i < *argc; i++) {
		if (!strcmp(argv[i], "--")) {
			while (i < *argc)
				argv[out++] = argv[i++];
			break;
		}
		if ((v = opt_value(*argc, argv, &i, "--db", &missing)))
			c->db = v;
		else if ((v = opt_value(*argc, argv, &i, "--config", &missing)))
			c->config_path = v;
		else if ((v = opt_value(*argc, argv, &i, "--as-of", &missing)))
			as_of = v;
		else if (!strcmp(argv[i], "-q") || !strcmp(argv[i], "--quiet"))
			c->verbosity = -1;
		else if (!strcmp(argv[i], "-v") || !strcmp(argv[i], "--verbose"))
			c->verbosity = 1;
		else if (missing)
			break;
		else
			argv[out++] = argv[i];
		if (missing) {
			usage_error(cmd, "option %s needs a value", argv[i]);
			return -1;
		}
	}
	*argc = out;
	argv[out] = NULL;
	c->as_of = date_today();
	if (as_of) {
		struct datetime dt;
		const char *why;
		if (date_parse(as_of, strlen(as_of), &dt, &why)) {
			usage_error(cmd, "--as-of %s: %s", as_of, why);
			return -1;
		}
		c->as_of = dt.day;
	}
	if (c->config_path)
		xalloc_doing("reading the configuration file %s", c->config_path);
	int bad = config_load(&c->cfg, c->config_path, &err);
	xalloc_doing(NULL);
	if (bad) {
		log_error(cmd, "%s", err.buf);
		strbuf_release(&err);
		*code = EXIT_FAILURE_;
		return -1;
	}
	if (!c->db) /* beside the config, as the other [paths] are (a cron job's
		     * folder is not the district's) */
		c->db = c->db_owned = config_path(&c->cfg, "paths", "db", "nirakaran.db");
	return 0;
}

char *common_night_dir(const struct common *c)
{
	char day[11];
	char *out = config_path(&c->cfg, "paths", "out", "out");
	struct strbuf sb = STRBUF_INIT;
	strbuf_addf(&sb, "%s/%s", out, date_format(c->as_of, day));
	free(out);
	return strbuf_detach(&sb, NULL);
}

void common_release(struct common *c)
{
	config_release(&c->cfg);
	free(c->db_owned);
}

void progress_init(struct progress *p, const struct common *c, const char *label)
{
	p->enabled = c->verbosity >= 0 && isatty(STDERR_FILENO);
	p->start = p->last = now_seconds();
	p->label = label;
}

void progress_update(void *ctx, long rows, long long done, long long total)
{
	struct progress *p = ctx;
	double now = now_seconds();
	if (!p->enabled || now - p->last < 0.2)
		return;
	p->last = now;
	double rate = rows / (now - p->start > 0 ? now - p->start : 1e-9);
	if (total > 0) {
		int width = 30, fill = (int)(width * (double)done / (double)total);
		char bar[32];
		for (int i = 0; i < width; i++)
			bar[i] = i < fill ? '#' : '.';
		bar[width] = 0;
		fprintf(stderr, "\r%s [%s] %3d%%  %ld rows  %.0f rows/s ", p->label, bar,
			(int)(100.0 * (double)done / (double)total), rows, rate);
	} else {
		fprintf(stderr, "\r%s %ld rows  %.0f rows/s ", p->label, rows, rate);
	}
}

void progress_end(struct progress *p)
{
	if (p->enabled && now_seconds() - p->start >= 0.2)
		fputs("\r\033[K", stderr);
}
