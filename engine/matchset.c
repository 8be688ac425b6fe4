/* matchset.c - reading the complaints for matching into flat memory. */
#include "engine/matchset.h"

#include <ctype.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/date.h"
#include "engine/keypack.h"
#include "engine/normalize.h"
#include "engine/phone.h"
#include "engine/vocab.h"

#ifdef _OPENMP
#include <omp.h>
#endif

_Static_assert(KEYPACK_KEYS == MSET_KEYS, "match_keys holds every block key");

#define FNV_OFF   1469598103934665603ULL
#define FNV_PRIME 1099511628211ULL

static uint64_t fnv(uint64_t h, const char *s)
{
	for (; s && *s; s++)
		h = (h ^ (unsigned char)*s) * FNV_PRIME;
	return (h ^ 0x1f) * FNV_PRIME; /* a separator, so "ab","c" != "a","bc" */
}

static uint32_t hash32(const char *s, size_t n)
{
	uint32_t h = 2166136261u;
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 16777619u;
	return h;
}

void mset_fp_hex(uint64_t fp, char out[17])
{
	xsnprintf(out, 17, "%016llx", (unsigned long long)fp);
}

const char *mset_str(const struct mset *set, int32_t id)
{
	return id < 0 || (uint32_t)id >= set->nstrs ? "" : set->strs[id];
}

static void ht_grow(struct mset *set)
{
	uint32_t cap = set->ht_cap ? set->ht_cap * 2 : 1024;
	uint32_t *ht = xcalloc(cap, sizeof(*ht));
	for (uint32_t i = 0; i < set->nstrs; i++) {
		const char *s = set->strs[i];
		uint32_t h = hash32(s, strlen(s)) & (cap - 1);
		while (ht[h])
			h = (h + 1) & (cap - 1);
		ht[h] = i + 1;
	}
	free(set->ht);
	set->ht = ht;
	set->ht_cap = cap;
}

/* Interns s with its white space collapsed; -1 for NULL or blank. */
static int32_t intern(struct mset *set, const char *s, struct strbuf *tmp)
{
	if (!s)
		return -1;
	strbuf_reset(tmp);
	strbuf_grow(tmp, strlen(s) + 1);
	char *w = tmp->buf;
	int gap = 0;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p == ' ' || (*p >= '\t' && *p <= '\r')) {
			gap = w != tmp->buf;
			continue;
		}
		if (gap)
			*w++ = ' ', gap = 0;
		*w++ = (char)(*p >= 'A' && *p <= 'Z' ? *p + 32 : *p);
	}
	strbuf_setlen(tmp, (size_t)(w - tmp->buf));
	if (!tmp->len)
		return -1;
	if ((set->nstrs + 1) * 2 > set->ht_cap)
		ht_grow(set);
	uint32_t h = hash32(tmp->buf, tmp->len) & (set->ht_cap - 1);
	while (set->ht[h]) {
		if (!strcmp(set->strs[set->ht[h] - 1], tmp->buf))
			return (int32_t)(set->ht[h] - 1);
		h = (h + 1) & (set->ht_cap - 1);
	}
	ALLOC_GROW(set->strs, set->nstrs + 1, set->strs_alloc);
	set->strs[set->nstrs] = arena_strndup(&set->arena, tmp->buf, tmp->len);
	set->ht[h] = ++set->nstrs;
	return (int32_t)(set->nstrs - 1);
}

static enum mobile_class class_of(enum phone_kind k)
{
	switch (k) {
	case PHONE_EMPTY: return MOB_NONE;
	case PHONE_MOBILE: return MOB_MOBILE;
	case PHONE_LANDLINE: return MOB_LANDLINE;
	default: return MOB_BAD;
	}
}

enum mobile_class mset_mobile(const char *raw, uint64_t *out)
{
	char d[16];
	enum mobile_class c = class_of(phone_normalize(raw ? raw : "", raw ? strlen(raw) : 0, d));
	*out = c == MOB_MOBILE || c == MOB_LANDLINE ? strtoull(d, NULL, 10) : 0;
	return c;
}

/* The stored key: kind by name, digits as a number. */
static enum mobile_class stored_mobile(const char *kind, const char *digits, uint64_t *out)
{
	enum mobile_class c = MOB_BAD;
	if (!strcmp(kind, "empty"))
		c = MOB_NONE;
	else if (!strcmp(kind, "mobile"))
		c = MOB_MOBILE;
	else if (!strcmp(kind, "landline"))
		c = MOB_LANDLINE;
	*out = (c == MOB_MOBILE || c == MOB_LANDLINE) && digits ? strtoull(digits, NULL, 10) : 0;
	if (!*out && c != MOB_NONE)
		c = MOB_BAD;
	return c;
}

/* Whether a description is written mostly in Latin letters (English or
 * romanised Hindi): its signature cannot meet a Devanagari one. */
static int mostly_latin(const char *d)
{
	long latin = 0, deva = 0;
	const unsigned char *p = (const unsigned char *)(d ? d : "");
	for (int i = 0; i < 96 && *p; i++, p++) {
		if (isalpha(*p))
			latin++;
		else if (p[0] == 0xE0 && (p[1] == 0xA4 || p[1] == 0xA5))
			deva++;
	}
	return latin > deva * 2;
}

/*
 * Record i's signature: the stored one, or one computed from the
 * description. *bytes, *len: the signature as the fingerprint hashes it,
 * the stored BLOB or else the 32-bit buckets in full (in full: whole, a
 * row's fingerprint stays what it was before v9 folded the buckets).
 */
static void load_sig(struct mset *set, uint32_t i, sqlite3_stmt *s, int c_sig, int c_desc,
		     struct text_scratch *ts, struct strbuf *tmp, uint32_t full[TEXT_SIG_LEN],
		     const void **bytes, size_t *len)
{
	ALLOC_GROW(set->sig, ((size_t)i + 1) * TEXT_SIG_LEN, set->sig_alloc);
	text_bits *sig = set->sig + (size_t)i * TEXT_SIG_LEN;
	*bytes = sqlite3_column_blob(s, c_sig);
	*len = (size_t)sqlite3_column_bytes(s, c_sig);
	if (*bytes && text_sig_unpack(*bytes, *len, sig) == 0)
		return;
	const char *d = (const char *)sqlite3_column_text(s, c_desc);
	if (text_keys(d ? d : "", d ? strlen(d) : 0, ts, tmp, full, NULL, NULL) < 0)
		for (int k = 0; k < TEXT_SIG_LEN; k++)
			full[k] = TEXT_SIG_EMPTY;
	text_sig_fold(full, sig);
	*bytes = full;
	*len = TEXT_SIG_LEN * sizeof(full[0]);
}

static const char *col(sqlite3_stmt *s, int i)
{
	return (const char *)sqlite3_column_text(s, i);
}

static const char *adup(struct mset *set, const char *s)
{
	return arena_strdup(&set->arena, s ? s : "");
}

static const char *aname(struct mset *set, const char *s)
{
	return nameset_get(&set->names, &set->arena, s);
}

/* SQL's nullif(s, ''). */
static const char *nonempty(const char *s)
{
	return s && *s ? s : NULL;
}

/*
 * Queues record i's form that goes to its field at (an offsetof): k, its
 * k_ column, or when k is NULL the form at like (SIZE_MAX: the text
 * like_s), as the generated columns derive them (schema.c: name_cmp is
 * nullif(coalesce(k_cmp, name_display), '')). Read so, a form that is its
 * source is that string, without a lookup, and SQLite computes no column.
 */
static void wait_form(struct mset *set, uint32_t i, size_t at, const char *k, size_t like,
		      const char *like_s)
{
	size_t rec = (size_t)i * sizeof(struct mrec);
	if (k)
		nameset_wait(&set->names, rec + at, SIZE_MAX, nonempty(k));
	else if (like != SIZE_MAX)
		nameset_wait(&set->names, rec + at, rec + like, NULL);
	else
		nameset_wait(&set->names, rec + at, SIZE_MAX, nonempty(like_s));
}

/* Name keys from the raw name when ingest stored none. */
static void fill_name(struct mset *set, const char *raw, const char **cmp, const char **bridge,
		      const char **phon, const char **display, uint32_t *flags,
		      struct name_scratch *ns)
{
	struct name_keys k;
	if (name_keys(raw ? raw : "", raw ? strlen(raw) : 0, ns, &k) < 0)
		memset(&k, 0, sizeof(k));
	*cmp = aname(set, k.cmp);
	*bridge = aname(set, k.bridge);
	if (phon)
		*phon = aname(set, k.phon);
	if (display)
		*display = aname(set, k.display);
	if (flags)
		*flags = k.flags;
}

enum {
	C_ID,
	C_CID,
	C_DATE,
	C_TIME,
	C_NAME,
	C_FATHER,
	C_MOBRAW,
	C_DISTRICT,
	C_TEHSIL,
	C_VILLAGE,
	C_DEPT,
	C_CAT,
	C_PREVCAT,
	C_DESC,
	C_KDISP,
	C_KCMP,
	C_KBRIDGE,
	C_NPHON,
	C_NFLAGS,
	C_KFCMP,
	C_KFBRIDGE,
	C_MOBILE,
	C_MOBKIND,
	C_SIG,
	C_LATER
};

/* from complaint_rows: the place and category texts are vocab ids (engine/vocab.h) */
#define LOAD_COLUMNS                                                                        \
	"SELECT id, complaint_id, reg_date, reg_time, name_raw, father_raw, mobile_raw,"    \
	" v_district, v_tehsil, v_village, v_department, v_category, v_prev_category,"      \
	" CASE WHEN text_sig IS NULL THEN description ELSE substr(description, 1, 32) END," \
	" k_display, k_cmp, k_bridge, name_phon, name_flags, k_fcmp, k_fbridge,"           \
	" mobile, mobile_kind, text_sig, reg_date > ?1 FROM complaint_rows"
static const char load_sql[] = LOAD_COLUMNS " WHERE reg_date <= ?1";

static int parse_seconds(const char *t)
{
	/* "HH:MM" or "HH:MM:SS", as records.c stores it */
	if (!t || !isdigit((unsigned char)t[0]) || !isdigit((unsigned char)t[1]) || t[2] != ':' ||
	    !isdigit((unsigned char)t[3]) || !isdigit((unsigned char)t[4]))
		return -1;
	int v = ((t[0] - '0') * 10 + t[1] - '0') * 3600 + ((t[3] - '0') * 10 + t[4] - '0') * 60;
	if (t[5] == ':' && isdigit((unsigned char)t[6]) && isdigit((unsigned char)t[7]))
		v += (t[6] - '0') * 10 + t[7] - '0';
	return v;
}

/* name_cmp and father_cmp: record r's, which may not be set yet */
static uint64_t fingerprint(const struct mset *set, const struct mrec *r, sqlite3_stmt *s,
			    const char *name_cmp, const char *father_cmp, const unsigned char *sig,
			    size_t sig_len)
{
	uint64_t h = FNV_OFF;
	h = fnv(h, col(s, C_DATE));
	h = fnv(h, name_cmp);
	h = fnv(h, father_cmp);
	const uint64_t mob[2] = {r->mobile, r->mob_class};
	for (size_t i = 0; i < sizeof(mob); i++)
		h = (h ^ ((const unsigned char *)mob)[i]) * FNV_PRIME;
	/*
	 * Not the district: a database holds one district, and exports name it
	 * in either language ("सीहोर", "Sehore"), which must not look like a
	 * change that voids a supervisor's decision.
	 */
	const int32_t ids[] = {r->tehsil, r->village, r->department, r->category, r->prev_category};
	for (size_t i = 0; i < sizeof(ids) / sizeof(ids[0]); i++)
		h = fnv(h, mset_str(set, ids[i]));
	for (size_t i = 0; i < sig_len; i++)
		h = (h ^ sig[i]) * FNV_PRIME;
	return h;
}

/* A reading thread's working memory for load_row_at. */
struct row_scratch {
	struct name_scratch ns;
	struct text_scratch ts;
	struct strbuf tmp;
	struct vocab_texts vocab; /* the texts of the v_* columns */
	int32_t *interned;        /* vocab id -> the set's string, -1 none, -2 not yet */
	size_t ninterned;
};

static void row_scratch_init(struct row_scratch *x, sqlite3 *db)
{
	memset(x, 0, sizeof(*x));
	x->ns = (struct name_scratch)NAME_SCRATCH_INIT;
	strbuf_init(&x->tmp, 0);
	vocab_texts_init(&x->vocab, db);
}

static void row_scratch_release(struct row_scratch *x)
{
	text_scratch_release(&x->ts);
	name_scratch_release(&x->ns);
	strbuf_release(&x->tmp);
	vocab_texts_release(&x->vocab);
	free(x->interned);
}

/* The set's string of the vocab id in column c (each id interned once). */
static int32_t intern_vocab(struct mset *set, sqlite3_stmt *s, int c, struct row_scratch *x)
{
	int64_t id = sqlite3_column_int64(s, c);
	if (id <= 0)
		return -1;
	if ((size_t)id >= x->ninterned) {
		size_t was = x->ninterned;
		x->ninterned = (size_t)id + 64;
		x->interned = xrealloc(x->interned, x->ninterned * sizeof(int32_t));
		for (size_t k = was; k < x->ninterned; k++)
			x->interned[k] = -2;
	}
	if (x->interned[id] == -2)
		x->interned[id] = intern(set, vocab_texts_get(&x->vocab, id), &x->tmp);
	return x->interned[id];
}

/* Reads the row of s into record i (allocated by the caller). */
static void load_row_at(struct mset *set, uint32_t i, sqlite3_stmt *s, struct row_scratch *x)
{
	struct name_scratch *ns = &x->ns;
	struct text_scratch *ts = &x->ts;
	struct strbuf *tmp = &x->tmp;
	struct mrec *r = &set->r[i];
	memset(r, 0, sizeof(*r));
	r->full = 1;
	r->fresh = 1;
	r->rowid = sqlite3_column_int64(s, C_ID);
	r->cid = adup(set, col(s, C_CID));
	r->day = store_column_day(s, C_DATE);
	r->seconds = parse_seconds(col(s, C_TIME));
	/*
	 * The name forms are set when the queue is settled (read_rows), from
	 * their k_ columns (wait_form); fp_name and fp_father are the compared
	 * forms' texts for the fingerprint meanwhile.
	 */
	const char *kd = col(s, C_KDISP), *kc = col(s, C_KCMP), *kf = col(s, C_KFCMP);
	const char *disp = nonempty(kd ? kd : col(s, C_NAME));
	const char *cmp = kc ? nonempty(kc) : disp;
	const char *fcmp = kf ? nonempty(kf) : nonempty(col(s, C_FATHER));
	const char *fp_name = cmp, *fp_father = fcmp ? fcmp : "";
	if (cmp) {
		wait_form(set, i, offsetof(struct mrec, name_display), kd, SIZE_MAX, col(s, C_NAME));
		wait_form(set, i, offsetof(struct mrec, name_cmp), kc,
			  offsetof(struct mrec, name_display), NULL);
		wait_form(set, i, offsetof(struct mrec, name_bridge), col(s, C_KBRIDGE),
			  offsetof(struct mrec, name_cmp), NULL);
		wait_form(set, i, offsetof(struct mrec, name_phon), col(s, C_NPHON), SIZE_MAX, NULL);
		r->name_flags = (uint32_t)sqlite3_column_int(s, C_NFLAGS);
	} else {
		fill_name(set, col(s, C_NAME), &r->name_cmp, &r->name_bridge, &r->name_phon,
			  &r->name_display, &r->name_flags, ns);
		set->keys_computed++;
		fp_name = r->name_cmp;
	}
	if (fcmp || !col(s, C_FATHER)) {
		wait_form(set, i, offsetof(struct mrec, father_cmp), kf, SIZE_MAX, col(s, C_FATHER));
		wait_form(set, i, offsetof(struct mrec, father_bridge), col(s, C_KFBRIDGE),
			  offsetof(struct mrec, father_cmp), NULL);
	} else {
		fill_name(set, col(s, C_FATHER), &r->father_cmp, &r->father_bridge, NULL, NULL,
			  NULL, ns);
		fp_father = r->father_cmp;
	}
	r->district = intern_vocab(set, s, C_DISTRICT, x);
	r->tehsil = intern_vocab(set, s, C_TEHSIL, x);
	r->village = intern_vocab(set, s, C_VILLAGE, x);
	r->department = intern_vocab(set, s, C_DEPT, x);
	r->category = intern_vocab(set, s, C_CAT, x);
	r->prev_category = intern_vocab(set, s, C_PREVCAT, x);
	const char *kind = col(s, C_MOBKIND);
	if (kind && strcmp(kind, "unchecked"))
		r->mob_class = (uint8_t)stored_mobile(kind, col(s, C_MOBILE), &r->mobile);
	else
		r->mob_class = (uint8_t)mset_mobile(col(s, C_MOBRAW), &r->mobile);
	r->mob_ident = r->mob_class == MOB_MOBILE || r->mob_class == MOB_LANDLINE;
	uint32_t full[TEXT_SIG_LEN];
	const void *sig;
	size_t sig_len;
	load_sig(set, i, s, C_SIG, C_DESC, ts, tmp, full, &sig, &sig_len);
	r->text_latin = (uint8_t)mostly_latin(col(s, C_DESC));
	r->fp = fingerprint(set, r, s, fp_name, fp_father, sig, sig_len);
}

static void load_row(struct mset *set, sqlite3_stmt *s, struct row_scratch *x)
{
	ALLOC_GROW(set->r, set->n + 1, set->alloc);
	load_row_at(set, set->n++, s, x);
}

/* The table mset_find reads, filled by the threads: a slot once taken is
 * never given up, so wherever a race puts a record it is found. */
static void index_cids(struct mset *set)
{
	set->cid_cap = 1024;
	while (set->cid_cap < set->n * 2)
		set->cid_cap *= 2;
	set->cid_ht = xcalloc(set->cid_cap, sizeof(uint32_t));
#pragma omp parallel for schedule(static) if (set->n > 50000)
	for (uint32_t i = 0; i < set->n; i++) {
		const char *c = set->r[i].cid;
		uint32_t h = hash32(c, strlen(c)) & (set->cid_cap - 1), empty = 0;
		while (!__atomic_compare_exchange_n(&set->cid_ht[h], &empty, i + 1, 0,
						    __ATOMIC_RELAXED, __ATOMIC_RELAXED))
			h = (h + 1) & (set->cid_cap - 1), empty = 0;
	}
}

/* Reads the rows of stmt s (bound by the caller) into set, but only the
 * rowid of those registered after as_of (set->later); SQLite's code. */
static int read_rows(struct mset *set, sqlite3_stmt *s)
{
	struct row_scratch x;
	row_scratch_init(&x, sqlite3_db_handle(s));
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (sqlite3_column_int(s, C_LATER)) {
			ALLOC_GROW(set->later, set->nlater + 1, set->later_alloc);
			set->later[set->nlater++] = sqlite3_column_int64(s, C_ID);
			continue;
		}
		load_row(set, s, &x);
		if (set->names.nwait >= NAMESET_BATCH)
			nameset_settle(&set->names, &set->arena, (char *)set->r);
	}
	nameset_settle(&set->names, &set->arena, (char *)set->r);
	if (rc == SQLITE_DONE && x.vocab.rc)
		rc = x.vocab.rc;
	row_scratch_release(&x);
	return rc;
}

/* The few complaints of only[0..nonly), on the store's own connection. */
static enum nk_err load_only(struct mset *set, struct store *st, int as_of, const char *const *only,
			     int nonly, struct strbuf *err)
{
	struct strbuf sql = STRBUF_INIT;
	strbuf_addf(&sql, "%s AND complaint_id IN (", load_sql);
	for (int i = 0; i < nonly; i++)
		strbuf_addf(&sql, "%s?%d", i ? "," : "", i + 2);
	strbuf_addstr(&sql, ") ORDER BY id");
	sqlite3_stmt *s = store_prepare(st, sql.buf);
	store_bind_day(s, 1, as_of);
	for (int i = 0; i < nonly; i++)
		sqlite3_bind_text(s, i + 2, only[i], -1, SQLITE_STATIC);
	enum nk_err e = NK_OK;
	if (read_rows(set, s) != SQLITE_DONE)
		e = store_error(st, "reading complaints for matching", err);
	sqlite3_finalize(s);
	strbuf_release(&sql);
	return e;
}

/*
 * One slice of the rowids, read on a connection of its own: SQLite
 * connections are not shared between threads, but several may read one
 * db at once (WAL), which halves the load on two cores.
 */
static int load_slice(struct mset *part, const char *path, int as_of, int64_t lo, int64_t hi)
{
	/* sized for the slice's rowids at once (growing a fifth of a GB by
	 * doubling remaps it while the other thread faults its pages in), up to
	 * 4 million records, past which (rowids far apart) it grows as needed;
	 * or given by mset_load, a slice of the set's own arrays */
	int64_t span = hi - lo + 2;
	if (!part->r) {
		part->alloc = (uint32_t)(span < (1 << 22) ? span : (1 << 22));
		part->r = xmalloc(part->alloc * sizeof(*part->r));
		part->sig_alloc = part->alloc * (size_t)TEXT_SIG_LEN;
		part->sig = xmalloc(part->sig_alloc * sizeof(text_bits));
	}
	sqlite3 *db = NULL;
	store_sqlite_init();
	int rc = sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL);
	sqlite3_stmt *s = NULL;
	if (rc == SQLITE_OK) {
		sqlite3_busy_timeout(db, 10000);
		char sql[1024];
		xsnprintf(sql, sizeof(sql),
			  "%s WHERE merged_into IS NULL AND id BETWEEN ?2 AND ?3 ORDER BY id",
			  LOAD_COLUMNS);
		rc = sqlite3_prepare_v2(db, sql, -1, &s, NULL);
	}
	if (rc == SQLITE_OK) {
		store_bind_day(s, 1, as_of);
		sqlite3_bind_int64(s, 2, lo);
		sqlite3_bind_int64(s, 3, hi);
		rc = read_rows(part, s);
		rc = rc == SQLITE_DONE ? SQLITE_OK : rc;
	}
	sqlite3_finalize(s);
	sqlite3_close(db);
	return rc;
}

/* Points record r's interned ids through map (a part's ids to the set's). */
static void remap_ids(struct mrec *r, const int32_t *map)
{
	int32_t *ids[] = {&r->district,   &r->tehsil,   &r->village,
			  &r->department, &r->category, &r->prev_category};
	for (size_t k = 0; k < sizeof(ids) / sizeof(ids[0]); k++)
		if (*ids[k] >= 0)
			*ids[k] = map[*ids[k]];
}

/* The interned strings of part added to set: part's id -> set's id. */
static int32_t *intern_part(struct mset *set, const struct mset *part, struct strbuf *tmp)
{
	int32_t *map = xmalloc((part->nstrs + 1) * sizeof(int32_t));
	for (uint32_t i = 0; i < part->nstrs; i++)
		map[i] = intern(set, part->strs[i], tmp);
	return map;
}

/*
 * parts[0..nt), in order, into set: the strings re-interned here, the
 * records and signatures copied by the threads (a million records are a
 * fifth of a GB); the parts' arenas, which hold the records' strings, move.
 */
/* Rowid spans up to this are read into arrays made once (mset_load). */
#define MSET_SHARED_MAX (1 << 26)

static void merge_parts(struct mset *set, struct mset *parts, int nt)
{
	struct strbuf tmp = STRBUF_INIT;
	size_t n = 0;
	int shared = set->r != NULL; /* the parts are slices of set's arrays */
	for (int t = 0; t < nt; t++)
		n += parts[t].n;
	if (!shared) {
		set->r = xmalloc((n + 1) * sizeof(*set->r));
		set->alloc = (uint32_t)n + 1;
		set->sig = xmalloc((n + 1) * TEXT_SIG_LEN * sizeof(text_bits));
		set->sig_alloc = (n + 1) * TEXT_SIG_LEN;
	}
	for (int t = 0; t < nt; t++) {
		struct mset *part = &parts[t];
		int32_t *map = intern_part(set, part, &tmp);
		size_t at = set->n;
		if (shared) { /* moved down over the rowids the slices before left empty */
			memmove(set->r + at, part->r, part->n * sizeof(*set->r));
			memmove(set->sig + at * TEXT_SIG_LEN, part->sig,
				part->n * TEXT_SIG_LEN * sizeof(text_bits));
			part->r = NULL;
			part->sig = NULL;
		}
#pragma omp parallel for schedule(static)
		for (uint32_t i = 0; i < part->n; i++) {
			if (!shared) {
				set->r[at + i] = part->r[i];
				memcpy(set->sig + (at + i) * TEXT_SIG_LEN,
				       part->sig + (size_t)i * TEXT_SIG_LEN,
				       TEXT_SIG_LEN * sizeof(text_bits));
			}
			remap_ids(&set->r[at + i], map);
		}
		set->n += part->n;
		for (size_t i = 0; i < part->nlater; i++) {
			ALLOC_GROW(set->later, set->nlater + 1, set->later_alloc);
			set->later[set->nlater++] = part->later[i];
		}
		set->keys_computed += part->keys_computed;
		ALLOC_GROW(set->arenas, set->narenas + 1, set->arenas_alloc);
		set->arenas[set->narenas++] = part->arena;
		memset(&part->arena, 0, sizeof(part->arena));
		free(map);
		mset_release(part);
	}
	strbuf_release(&tmp);
}

enum nk_err mset_load(struct mset *set, struct store *st, int as_of, const char *const *only,
		      int nonly, struct strbuf *err)
{
	memset(set, 0, sizeof(*set));
	enum nk_err e = NK_OK;
	if (only) {
		e = load_only(set, st, as_of, only, nonly, err);
		index_cids(set);
		return e;
	}
	/* not count(*): it reads every page of the table; rowids are nearly dense */
	sqlite3_stmt *s = store_prepare(st, "SELECT coalesce(min(id), 0), coalesce(max(id), 0)"
					    " FROM complaints");
	sqlite3_step(s);
	int64_t lo = sqlite3_column_int64(s, 0), hi = sqlite3_column_int64(s, 1);
	int64_t rows = hi - lo + 1;
	sqlite3_finalize(s);
	int nt = 1;
#ifdef _OPENMP
	nt = rows < 20000 ? 1 : omp_get_max_threads();
#endif
	nt = nt > 8 ? 8 : nt;
	struct mset *parts = xcalloc((size_t)nt, sizeof(*parts));
	int *rcs = xcalloc((size_t)nt, sizeof(int));
	int64_t span = (hi - lo) / nt + 1;
	/*
	 * Rowids nearly dense (a db's usual state): the set's arrays are made
	 * once, for every rowid, and each slice fills its own part of them, so
	 * the records are never held twice (ten million records and their
	 * signatures are 3.4 GB).
	 */
	if (rows > 0 && rows <= MSET_SHARED_MAX) {
		set->alloc = (uint32_t)rows + 1;
		set->r = xmalloc(set->alloc * sizeof(*set->r));
		set->sig_alloc = set->alloc * (size_t)TEXT_SIG_LEN;
		set->sig = xmalloc(set->sig_alloc * sizeof(text_bits));
		for (int t = 0; t < nt; t++) {
			int64_t from = lo + t * span, to = t == nt - 1 ? hi : from + span - 1;
			parts[t].r = set->r + (from - lo);
			parts[t].alloc = (uint32_t)(to - from + 1);
			parts[t].sig = set->sig + (size_t)(from - lo) * TEXT_SIG_LEN;
			parts[t].sig_alloc = parts[t].alloc * (size_t)TEXT_SIG_LEN;
		}
	}
#pragma omp parallel for num_threads(nt) schedule(static, 1)
	for (int t = 0; t < nt; t++)
		rcs[t] = load_slice(&parts[t], st->path, as_of, lo + t * span,
				    t == nt - 1 ? hi : lo + (t + 1) * span - 1);
	for (int t = 0; t < nt; t++)
		if (rcs[t] != SQLITE_OK && !e) {
			strbuf_addf(err, "%s: reading complaints for matching: %s", st->path,
				    sqlite3_errstr(rcs[t]));
			e = NK_EDB;
		}
	merge_parts(set, parts, nt);
	free(parts);
	free(rcs);
	index_cids(set);
	return e;
}

void mset_release(struct mset *set)
{
	free(set->r);
	free(set->sig);
	free(set->strs);
	free(set->ht);
	free(set->cid_ht);
	nameset_release(&set->names);
	free(set->later);
	arena_release(&set->arena);
	for (size_t i = 0; i < set->narenas; i++)
		arena_release(&set->arenas[i]);
	free(set->arenas);
	memset(set, 0, sizeof(*set));
}

long mset_find(const struct mset *set, const char *cid)
{
	if (!set->cid_cap)
		return -1;
	uint32_t h = hash32(cid, strlen(cid)) & (set->cid_cap - 1);
	while (set->cid_ht[h]) {
		if (!strcmp(set->r[set->cid_ht[h] - 1].cid, cid))
			return (long)set->cid_ht[h] - 1;
		h = (h + 1) & (set->cid_cap - 1);
	}
	return -1;
}

/* A light record from what match_keys keeps of it (cid points into the blob). */
static void light_row(struct mset *set, const struct keyrec *k)
{
	ALLOC_GROW(set->r, set->n + 1, set->alloc);
	struct mrec *r = &set->r[set->n++];
	memset(r, 0, sizeof(*r));
	r->rowid = k->rowid;
	r->cid = k->cid;
	r->name_display = r->name_cmp = r->name_bridge = r->name_phon = "";
	r->father_cmp = r->father_bridge = "";
	r->day = k->day;
	r->seconds = k->seconds;
	r->district = r->tehsil = r->village = r->department = r->category = r->prev_category = -1;
	memcpy(r->key, k->key, sizeof(r->key));
	r->phon_hash = k->phon_hash;
	memcpy(r->tf, k->tf, sizeof(r->tf));
	memcpy(r->link, k->link, sizeof(r->link));
	r->fp = k->fp;
	r->person = k->person;
	r->shared_was = (uint8_t)k->shared;
	r->stored = 1;
	r->keyed = 1;
}

int64_t *mset_dirty_ids(struct store *st, size_t *n)
{
	int64_t *v = NULL;
	size_t alloc = 0;
	*n = 0;
	sqlite3_stmt *s = store_prepare(st, "SELECT id FROM match_dirty ORDER BY id");
	while (sqlite3_step(s) == SQLITE_ROW) {
		ALLOC_GROW(v, *n + 1, alloc);
		v[(*n)++] = sqlite3_column_int64(s, 0);
	}
	sqlite3_finalize(s);
	return v;
}

/* Appends dirty record d (of part, strings re-interned through map) to set,
 * with what was stored for it (old, or NULL when new). */
static void add_dirty(struct mset *set, const struct mset *part, uint32_t d, const int32_t *map,
		      const struct mrec *old)
{
	struct mrec *r = &set->r[set->n];
	*r = part->r[d];
	remap_ids(r, map);
	r->stored = old && old->fp == r->fp;
	r->changed = !r->stored;
	r->person = old ? old->person : 0;
	r->shared_was = old ? old->shared_was : 0;
	memcpy(set->sig + (size_t)set->n * TEXT_SIG_LEN, part->sig + (size_t)d * TEXT_SIG_LEN,
	       TEXT_SIG_LEN * sizeof(text_bits));
	set->n++;
}

/* The light records of parts[0..nparts) in turn, by rowid. */
struct light_iter {
	struct mset *parts;
	int nparts, t;
	uint32_t i;
};

static const struct mrec *light_peek(struct light_iter *it)
{
	while (it->t < it->nparts && it->i >= it->parts[it->t].n)
		it->t++, it->i = 0;
	return it->t < it->nparts ? &it->parts[it->t].r[it->i] : NULL;
}

/* set = the light records (minus the dirty ones) and part, ordered by rowid. */
static void combine(struct mset *set, struct mset *parts, int nparts, struct mset *part,
		    const int64_t *dirty, size_t ndirty)
{
	struct strbuf tmp = STRBUF_INIT;
	int32_t *map = intern_part(set, part, &tmp);
	size_t cap = (size_t)part->n + 1;
	for (int t = 0; t < nparts; t++)
		cap += parts[t].n;
	set->r = xmalloc(cap * sizeof(*set->r));
	set->alloc = (uint32_t)cap;
	set->sig = xcalloc(cap * TEXT_SIG_LEN, sizeof(text_bits));
	set->sig_alloc = cap * TEXT_SIG_LEN;
	struct light_iter it = {parts, nparts, 0, 0};
	uint32_t j = 0;
	size_t d = 0;
	const struct mrec *l;
	while ((l = light_peek(&it)) || j < part->n) {
		if (j < part->n && (!l || part->r[j].rowid <= l->rowid)) {
			int same = l && l->rowid == part->r[j].rowid;
			add_dirty(set, part, j++, map, same ? l : NULL);
			it.i += same;
			continue;
		}
		while (d < ndirty && dirty[d] < l->rowid)
			d++;
		it.i++;
		if (d < ndirty && dirty[d] == l->rowid)
			continue; /* merged, deleted or registered later now */
		set->r[set->n++] = *l;
	}
	set->keys_computed = part->keys_computed;
	ALLOC_GROW(set->arenas, set->narenas + nparts + 1, set->arenas_alloc);
	for (int t = 0; t < nparts; t++) {
		set->arenas[set->narenas++] = parts[t].arena;
		memset(&parts[t].arena, 0, sizeof(parts[t].arena));
	}
	set->arenas[set->narenas++] = part->arena;
	memset(&part->arena, 0, sizeof(part->arena));
	free(map);
	strbuf_release(&tmp);
}

/* SQLITE_OK, an SQLite error, or this when a blob of match_keys is damaged */
#define KEYS_DAMAGED (-1)

/* The records of blob (of the block at lo) appended light to part; the blob
 * is copied into part's arena, where their cids point. */
static int light_blob(struct mset *part, const void *blob, size_t n, int64_t lo)
{
	void *copy = arena_alloc(&part->arena, n ? n : 1);
	memcpy(copy, blob, n);
	struct keypack_iter it;
	struct keyrec k;
	if (keypack_start(&it, copy, n, lo))
		return KEYS_DAMAGED;
	int rc;
	while ((rc = keypack_next(&it, &k)) == 1)
		light_row(part, &k);
	return rc ? KEYS_DAMAGED : SQLITE_OK;
}

/* The light records of the blocks lo..hi, on a connection of its own (as
 * load_slice). */
static int light_slice(struct mset *part, const char *path, int64_t lo, int64_t hi, int64_t expect)
{
	sqlite3 *db = NULL;
	store_sqlite_init();
	int rc = sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL);
	sqlite3_stmt *s = NULL;
	if (rc == SQLITE_OK) {
		sqlite3_busy_timeout(db, 10000);
		rc = sqlite3_prepare_v2(db,
					"SELECT lo, data FROM match_keys WHERE lo BETWEEN ?1 AND ?2"
					" ORDER BY lo",
					-1, &s, NULL);
	}
	if (rc == SQLITE_OK) {
		sqlite3_bind_int64(s, 1, lo);
		sqlite3_bind_int64(s, 2, hi);
		part->alloc = (uint32_t)(expect + 16);
		part->r = xmalloc(part->alloc * sizeof(*part->r));
		while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
			const void *blob = sqlite3_column_blob(s, 1);
			size_t n = (size_t)sqlite3_column_bytes(s, 1);
			if ((rc = light_blob(part, blob, n, sqlite3_column_int64(s, 0))))
				break;
		}
		rc = rc == SQLITE_DONE ? SQLITE_OK : rc;
	}
	sqlite3_finalize(s);
	sqlite3_close(db);
	return rc;
}

/* Every record of match_keys, light, read in parallel slices of blocks:
 * parts[0..*nparts), each ordered by rowid, one after the other. */
static enum nk_err load_light_rows(struct mset **parts, int *nparts, struct store *st,
				   struct strbuf *err)
{
	sqlite3_stmt *s = store_prepare(st, "SELECT coalesce(min(lo), 0), coalesce(max(lo), 0),"
					    " coalesce(sum(n), 0) FROM match_keys");
	sqlite3_step(s);
	int64_t lo = sqlite3_column_int64(s, 0), hi = sqlite3_column_int64(s, 1);
	int64_t rows = sqlite3_column_int64(s, 2);
	sqlite3_finalize(s);
	int nt = 1;
#ifdef _OPENMP
	nt = rows < 50000 ? 1 : omp_get_max_threads();
#endif
	nt = nt > 8 ? 8 : nt;
	*parts = xcalloc((size_t)nt, sizeof(**parts));
	*nparts = nt;
	int *rcs = xcalloc((size_t)nt, sizeof(int));
	int64_t blocks = (hi - lo) / KEYPACK_SPAN + 1;
	int64_t span = (blocks / nt + 1) * KEYPACK_SPAN;
	/* rowids are nearly dense: a slice holds about its share of the rows */
	int64_t expect =
		(int64_t)((double)rows / (double)blocks * (double)(span / KEYPACK_SPAN) * 1.02);
#pragma omp parallel for num_threads(nt) schedule(static, 1)
	for (int t = 0; t < nt; t++)
		rcs[t] = light_slice(&(*parts)[t], st->path, lo + t * span,
				     t == nt - 1 ? hi : lo + (t + 1) * span - 1, expect);
	enum nk_err e = NK_OK;
	for (int t = 0; t < nt && !e; t++)
		if (rcs[t] == KEYS_DAMAGED) {
			strbuf_addf(err, "%s: the stored matching keys are damaged", st->path);
			e = NK_EFORMAT;
		} else if (rcs[t] != SQLITE_OK) {
			strbuf_addf(err, "%s: reading the matching keys: %s", st->path,
				    sqlite3_errstr(rcs[t]));
			e = NK_EDB;
		}
	free(rcs);
	return e;
}

enum nk_err mset_load_light(struct mset *set, struct store *st, int as_of, struct strbuf *err)
{
	memset(set, 0, sizeof(*set));
	struct mset part;
	memset(&part, 0, sizeof(part));
	struct mset *parts = NULL;
	int nparts = 0;
	enum nk_err e = load_light_rows(&parts, &nparts, st, err);
	sqlite3_stmt *s;
	size_t ndirty = 0;
	int64_t *dirty = mset_dirty_ids(st, &ndirty);
	char sql[1024];
	xsnprintf(sql, sizeof(sql),
		  "%s AND merged_into IS NULL AND id IN (SELECT id FROM"
		  " match_dirty) ORDER BY id",
		  load_sql);
	s = store_prepare(st, sql);
	store_bind_day(s, 1, as_of);
	if (!e && read_rows(&part, s) != SQLITE_DONE)
		e = store_error(st, "reading new and changed complaints for matching", err);
	sqlite3_finalize(s);
	if (!e)
		combine(set, parts, nparts, &part, dirty, ndirty);
	free(dirty);
	for (int t = 0; t < nparts; t++)
		mset_release(&parts[t]);
	free(parts);
	mset_release(&part);
	index_cids(set);
	return e;
}

enum nk_err mset_fill(struct mset *set, struct store *st, const uint32_t *idx, size_t n,
		      struct strbuf *err)
{
	char sql[1024];
	xsnprintf(sql, sizeof(sql), "%s AND id = ?2", load_sql);
	sqlite3_stmt *s = store_prepare(st, sql);
	store_bind_day(s, 1, date_from_ymd(9999, 12, 31));
	struct row_scratch x;
	row_scratch_init(&x, st->db);
	enum nk_err e = NK_OK;
	for (size_t k = 0; k < n && !e; k++) {
		struct mrec *r = &set->r[idx[k]];
		if (r->full)
			continue;
		struct mrec keep = *r;
		sqlite3_bind_int64(s, 2, r->rowid);
		if (sqlite3_step(s) != SQLITE_ROW) {
			strbuf_addf(err, "complaint %s is no longer in the database", keep.cid);
			e = NK_EDB;
		} else {
			load_row_at(set, idx[k], s, &x);
			r->changed = keep.changed, r->stored = keep.stored, r->fresh = 0;
			r->person = keep.person, r->shared_was = keep.shared_was;
			memcpy(r->freq, keep.freq, sizeof(r->freq));
			memcpy(r->tf, keep.tf, sizeof(r->tf));
			memcpy(r->key, keep.key, sizeof(r->key));
			memcpy(r->link, keep.link, sizeof(r->link));
			r->phon_hash = keep.phon_hash;
			r->keyed = keep.keyed;
		}
		sqlite3_reset(s);
	}
	nameset_settle(&set->names, &set->arena, (char *)set->r);
	sqlite3_finalize(s);
	if (!e && x.vocab.rc)
		e = store_error(st, "reading the complaints' place and category names", err);
	row_scratch_release(&x);
	return e;
}
