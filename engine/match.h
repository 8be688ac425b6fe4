/*
 * match.h - the nightly duplicate search: load, block, score (OpenMP),
 * cluster, and store the proposals with their evidence and reasons.
 *
 * Stages: engine/matchset (load), engine/block (candidate pairs),
 * engine/score (evidence and guards), engine/cluster (groups, primaries,
 * stable ids), engine/explain (reason lines), engine/complainant (person
 * identity). Output does not depend on the number of threads: pairs are
 * scored into an array in a fixed order and merged sequentially.
 *
 * Increments: after a first run, a run compares only complaints that are
 * new or whose matching fields changed (their fingerprint in match_keys
 * differs) against everything; pairs accepted earlier between unchanged
 * complaints stand. --full rescores every pair. Complaints merged into
 * another (merged_into) are left out; a pair whose latest decision is
 * 'reject' is never proposed again while both fingerprints are unchanged.
 *
 * An increment reads the narrow match_keys rows the last run wrote (keys,
 * fingerprint, complainant) and only the rows of match_dirty (complaints
 * inserted or updated since, kept by triggers) from the wide complaints
 * table, plus the block-mates it scores and the members of groups that
 * changed; groups that did not change have their proposal rows copied from
 * the last run. Its output equals a full run's (tests compare them). It
 * falls back to reading every complaint when match_keys was not written by
 * the last run, the [match] parameters changed, or the last run
 * was as of a later day.
 */
#ifndef NK_MATCH_H
#define NK_MATCH_H

#include <stdint.h>

#include "engine/block.h"
#include "engine/config.h"
#include "engine/store.h"

struct match_options {
	int full;    /* rescore everything, not only what changed */
	int threads; /* 0: OpenMP's default (OMP_NUM_THREADS or the cores) */
	/*
	 * Optional: the caller's own record of the run, written in the run's
	 * transaction just before it commits, so that a kill leaves both or
	 * neither. An error from it rolls the run back.
	 */
	enum nk_err (*record)(struct store *st, int64_t run_id, void *arg, struct strbuf *err);
	void *record_arg;
};

struct match_summary {
	int64_t run_id;
	int full; /* 1 when every pair was scored */
	int threads;
	long complaints, changed, keys_computed;
	long candidate_pairs, accepted_pairs, standing_pairs, rejected_pairs;
	long groups, proposals, review_groups, complainants;
	long refused[16]; /* candidate pairs refused, by enum guard */
	struct block_stats blocks;
	int light;        /* 1 when the increment started from match_keys */
	int keys_damaged; /* 1 when match_keys could not be read: everything was compared */
	double seconds, load_seconds, block_seconds, score_seconds, cluster_seconds, write_seconds;
};

/*
 * Runs the match as of day as_of and stores the run, its proposals, the
 * standing pairs and the complainant ids in one transaction. The store
 * must be open for writing. NK_OK, or an error with err set (nothing is
 * written then).
 */
enum nk_err match_run(struct store *st, const struct config *cfg, int as_of,
		      const struct match_options *opt, struct match_summary *out,
		      struct strbuf *err);

/*
 * Writes the proposals of run_id as CSV to path (through a temporary file
 * renamed into place): group_id,complaint_id,primary_id,rule,score, then
 * band and the evidence columns and both reason lines; rows by group, then
 * registration. Returns the rows written, or -1 with err set.
 */
long match_write_csv(struct store *st, int64_t run_id, const char *path, struct strbuf *err);

/*
 * Evidence for two complaints as `nirakaran explain` shows it, appended to
 * out. NK_ENOTFOUND when either is not in the db (err says which).
 */
enum nk_err match_explain(struct store *st, const struct config *cfg, const char *id1,
			  const char *id2, struct strbuf *out, struct strbuf *err);

/* The current fingerprint of a complaint (16 hex digits + NUL), for the
 * review stage to store with a decision. NK_ENOTFOUND when unknown. */
enum nk_err match_fingerprint(struct store *st, const char *complaint_id, char out[17],
			      struct strbuf *err);

#endif
