/*
 * matchset.h - the complaints that matching compares, read from the store
 * once into flat memory (an arena of strings, an array of records, one
 * array of text signatures), so the OpenMP stages never touch SQLite.
 *
 * Place, department and category strings are interned to small integers
 * (equal strings, equal ids), so comparing them in the hot loop is an
 * integer compare. Keys that ingest did not store (a db loaded before the
 * key columns were filled) are computed here from the raw fields, once.
 */
#ifndef NK_MATCHSET_H
#define NK_MATCHSET_H

#include <stdint.h>

#include "engine/nameset.h"
#include "engine/store.h"
#include "engine/text.h"

enum mobile_class {
	MOB_NONE = 0, /* empty */
	MOB_MOBILE,   /* a valid 10-digit mobile */
	MOB_LANDLINE, /* a valid landline: a household's, weakly identifying */
	MOB_BAD,      /* placeholder, damaged (1.23E+09), wrong length */
};

#define MSET_KEYS 4 /* block keys a record has: BK_COUNT (block.h) */
#define MSET_TF   3 /* term-frequency keys: father, village, text (freq.h) */

/*
 * A record is full when read from the complaints table. An increment reads
 * most records light, from match_keys (engine/keypack.h): then only rowid, cid, day, seconds,
 * fp, key, phon_hash, link, person and shared_was are set, the strings are
 * "" and the place ids -1; mset_fill() makes chosen records full before
 * they are scored.
 */
struct mrec {
	/*
	 * No padding between fields (a million records a run); what scoring
	 * reads in the first two cache lines, the keys after.
	 */
	int64_t rowid;
	const char *cid;          /* complaint_id; arena */
	const char *name_display; /* arena, never NULL ("" when absent) */
	const char *name_cmp, *name_bridge, *name_phon;
	const char *father_cmp, *father_bridge;
	int day;     /* registration day number */
	int seconds; /* registration time of day, -1 when unknown */
	int32_t district, tehsil, village, department, category, prev_category; /* -1: none */
	uint64_t mobile;         /* 10 digits as a number; 0 when none */
	uint32_t name_flags;
	uint8_t mob_class;       /* enum mobile_class */
	uint8_t mob_ident;       /* 1 when the mobile identifies one person */
	uint8_t changed;         /* 1 when new or changed since the last run */
	uint8_t stored;          /* 1 when the stored fingerprint is this one */
	uint8_t text_latin;      /* the description is mostly in Latin letters */
	uint8_t full;            /* 1: every field loaded; 0: a light record (below) */
	uint8_t fresh;           /* read from complaints as new or dirty (every record of
				      mset_load), not only filled in by mset_fill */
	uint8_t shared_was;      /* mobile_shared as stored by the last run */
	uint8_t freq[1 + MSET_TF]; /* floor(log2) of the complaints sharing the name
				      (key[phonetic]) and each tf key in the run
				      (engine/freq.h); 0 until counted */
	uint8_t keyed;           /* 1: key, phon_hash and link are set (else computed
				      from the strings where needed) */
	uint32_t tf[MSET_TF];    /* father, village, text keys (block_record_keys), 0: none */
	uint64_t fp;             /* fingerprint of the fields matching reads */
	uint64_t key[MSET_KEYS]; /* block keys (block_record_keys), 0: none */
	uint64_t phon_hash;      /* hash of name_phon (block_record_keys) */
	uint64_t link[2];        /* complainant keys (complainant_keys), 0: none */
	int64_t person;          /* stored: rowid of the complainant's first complaint, 0: none */
};
_Static_assert(sizeof(struct mrec) == 208, "struct mrec grew: a million of them are held a run");

struct mset {
	struct mrec *r; /* sorted by rowid */
	uint32_t n, alloc;
	text_bits *sig; /* record i's MinHash, folded: sig[i * TEXT_SIG_LEN ..] */
	size_t sig_alloc;
	char **strs; /* interned id -> string */
	uint32_t nstrs, strs_alloc;
	uint32_t *ht; /* interned strings: open addressing, id + 1, 0 empty */
	uint32_t ht_cap;
	uint32_t *cid_ht; /* complaint_id -> record index + 1 */
	struct nameset names; /* the records' name forms, each text once */
	uint32_t cid_cap;
	long keys_computed; /* records whose name keys were missing */
	int64_t *later;     /* mset_load: rowids of complaints registered after as_of */
	size_t nlater, later_alloc;
	struct arena arena;
	struct arena *arenas; /* of the slices read in parallel */
	size_t narenas, arenas_alloc;
};

/*
 * Loads every complaint registered on or before as_of that is not merged
 * into another (merged_into IS NULL). When only is not NULL, loads just the
 * complaints whose complaint_id is in only[0..nonly), merged or not (for
 * explain).
 * Returns NK_OK or NK_EDB with err set.
 */
enum nk_err mset_load(struct mset *set, struct store *st, int as_of, const char *const *only,
		      int nonly, struct strbuf *err);
void mset_release(struct mset *set);

/*
 * Loads an increment's records: every row of match_keys light, then the
 * rows of match_dirty full (new, changed, merged, deleted or registered
 * after as_of: those not compared now are left out). Records stay sorted by
 * rowid. A dirty record is changed when its fingerprint differs from the
 * stored one (or none is stored). NK_OK, NK_EFORMAT when a stored blob is
 * damaged (the caller loads everything instead), or NK_EDB, with err set.
 */
enum nk_err mset_load_light(struct mset *set, struct store *st, int as_of, struct strbuf *err);

/*
 * Makes records idx[0..n) full (reads their complaints rows); records that
 * are full already are skipped. The stored fp, person and shared_was stay.
 * NK_OK or NK_EDB with err set (a record gone from complaints).
 */
enum nk_err mset_fill(struct mset *set, struct store *st, const uint32_t *idx, size_t n,
		      struct strbuf *err);

/* The rowids of match_dirty, ascending, *n of them (the caller frees). */
int64_t *mset_dirty_ids(struct store *st, size_t *n);

/* Index of the record with this complaint_id, or -1. */
long mset_find(const struct mset *set, const char *cid);

/* The interned string of id ("" for -1). */
const char *mset_str(const struct mset *set, int32_t id);

/* Normalises a stored or raw mobile into 10 digits and classifies it. */
enum mobile_class mset_mobile(const char *raw, uint64_t *out);

/* A fingerprint as 16 lowercase hex digits + NUL. */
void mset_fp_hex(uint64_t fp, char out[17]);

#endif
