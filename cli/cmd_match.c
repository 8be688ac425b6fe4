/* cmd_match.c - nirakaran match: find duplicates and propose merges. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli/commands.h"
#include "cli/common.h"
#include "engine/date.h"
#include "engine/match.h"
#include "engine/score.h"
#include "engine/store.h"

static const char usage_text[] =
	"usage: nirakaran match [--out DIR] [--threads N] [--full]\n\n"
	"Finds complaints filed again by the same complainant for the same grievance and\n"
	"proposes merges under the helpline's rules R1 (same name and mobile), R2 (another\n"
	"mobile), R3 (a typing mistake in the name). Writes the proposals to the database\n"
	"and to DIR/proposals.csv. After the first run only new and changed complaints are\n"
	"compared (against all); a pair a supervisor rejected is not proposed again unless\n"
	"one of the two complaints changes.\n\n"
	"  --out DIR     where proposals.csv goes (default: [paths] out/YYYY-MM-DD of --as-of)\n"
	"  --threads N   threads for scoring (default: OMP_NUM_THREADS or all cores)\n"
	"  --full        compare every pair again, not only what changed\n\n"
	"Weights and thresholds are read from the [match] section of the config.\n\n";

struct match_args {
	const char *out;
	int threads, full;
};

static int parse_args(int argc, char **argv, struct match_args *a)
{
	memset(a, 0, sizeof(*a));
	for (int i = 1; i < argc; i++) {
		const char *arg = argv[i];
		if ((!strcmp(arg, "--out") || !strcmp(arg, "--threads")) && i + 1 >= argc)
			return usage_error("match", "option %s needs a value", arg);
		if (!strcmp(arg, "--out")) {
			a->out = argv[++i];
		} else if (!strcmp(arg, "--threads")) {
			char *end;
			long n = strtol(argv[++i], &end, 10);
			if (*end || n < 1 || n > 1024)
				return usage_error("match",
						   "--threads %s: expected a number from 1 to 1024",
						   argv[i]);
			a->threads = (int)n;
		} else if (!strcmp(arg, "--full")) {
			a->full = 1;
		} else {
			return usage_error("match", "unknown argument '%s'", arg);
		}
	}
	return 0;
}

/* mkdir -p; 0 or -1 with err set. */
static int make_dirs(const char *path, struct strbuf *err)
{
	char buf[4096];
	xsnprintf(buf, sizeof(buf), "%s", path);
	for (char *p = buf + 1;; p++) {
		if (*p == '/' || !*p) {
			char c = *p;
			*p = 0;
			if (mkdir(buf, 0755) && errno != EEXIST) {
				strbuf_addf(err, "cannot create the folder %s: %s", buf,
					    strerror(errno));
				return -1;
			}
			*p = c;
			if (!c)
				return 0;
		}
	}
}

static void report(const struct common *c, const struct match_summary *m)
{
	long over = 0;
	for (int k = 0; k < BK_COUNT; k++)
		over += m->blocks.oversized[k];
	log_info(c, "match",
		 "%s run %lld: %ld complaints, %ld new or changed; %ld candidate pairs "
		 "(%ld oversized blocks windowed, %ld mobiles shared by too many names); "
		 "%ld accepted now, %ld standing; %ld groups (%ld linked through a chain), %ld "
		 "proposals; "
		 "%ld complainants",
		 m->full ? "full" : "incremental", (long long)m->run_id, m->complaints, m->changed,
		 m->candidate_pairs, over, m->blocks.shared_mobiles, m->accepted_pairs,
		 m->standing_pairs, m->groups, m->review_groups, m->proposals, m->complainants);
	log_info(c, "match",
		 "refused: %ld family, %ld neighbour, %ld other name, %ld namesake, "
		 "%ld other grievance, %ld other nature, %ld far apart, %ld rejected before, "
		 "%ld weak, %ld other district",
		 m->refused[G_FAMILY], m->refused[G_NEIGHBOUR], m->refused[G_NAME],
		 m->refused[G_NAMESAKE], m->refused[G_GRIEVANCE], m->refused[G_NATURE],
		 m->refused[G_FAR], m->refused[G_REJECTED], m->refused[G_LOW],
		 m->refused[G_DISTRICT]);
	log_info(c, "match",
		 "%.2f s (load %.2f%s, block %.2f, score %.2f on %d threads, "
		 "%.0f pairs/s, cluster %.2f, write %.2f)",
		 m->seconds, m->load_seconds, m->light ? " from the stored keys" : "",
		 m->block_seconds, m->score_seconds, m->threads,
		 m->candidate_pairs / (m->score_seconds > 0 ? m->score_seconds : 1e-9),
		 m->cluster_seconds, m->write_seconds);
	if (m->keys_damaged)
		log_info(c, "match",
			 "the keys the last run stored are damaged: every complaint"
			 " was compared again, and they are stored anew");
	if (m->keys_computed)
		log_info(c, "match", "%ld complaints had no stored name keys; computed them now",
			 m->keys_computed);
}

static int run(struct common *c, const struct match_args *a, struct strbuf *err)
{
	struct store *st;
	enum nk_err e = store_open(&st, c->db, STORE_WRITE, err);
	if (e)
		return exit_for(e);
	struct match_options opt = {.full = a->full, .threads = a->threads};
	struct match_summary m;
	e = match_run(st, &c->cfg, c->as_of, &opt, &m, err);
	if (!e) {
		report(c, &m);
		struct strbuf dir = STRBUF_INIT, path = STRBUF_INIT;
		if (a->out) {
			strbuf_addstr(&dir, a->out);
		} else {
			char *base = config_path(&c->cfg, "paths", "out", "out");
			char day[11];
			strbuf_addf(&dir, "%s/%s", base, date_format(c->as_of, day));
			free(base);
		}
		strbuf_addf(&path, "%s/proposals.csv", dir.buf);
		long rows =
			make_dirs(dir.buf, err) ? -1 : match_write_csv(st, m.run_id, path.buf, err);
		if (rows < 0)
			e = NK_EIO;
		else
			log_info(c, "match", "wrote %s (%ld rows)", path.buf, rows);
		strbuf_release(&dir);
		strbuf_release(&path);
	}
	store_close(st);
	return e ? exit_for(e) : EXIT_OK;
}

int cmd_match(int argc, char **argv)
{
	struct common c;
	struct match_args a;
	struct strbuf err = STRBUF_INIT;
	int code;
	if (common_parse(&c, &argc, argv, "match", usage_text, &code))
		return code;
	if (!(code = parse_args(argc, argv, &a))) {
		code = run(&c, &a, &err);
		if (code)
			log_error("match", "%s", err.buf);
	}
	strbuf_release(&err);
	common_release(&c);
	return code;
}
