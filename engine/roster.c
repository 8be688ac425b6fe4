/* roster.c - the officers master in memory (see roster.h). */
#include "engine/roster.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

void roster_init(struct roster *r)
{
	memset(r, 0, sizeof(*r));
	strmap_init(&r->ids);
}

void roster_release(struct roster *r)
{
	strmap_release(&r->ids);
	free(r->o);
	arena_release(&r->arena);
	memset(r, 0, sizeof(*r));
}

int roster_mobile10(const char *raw, char out[11])
{
	char d[32];
	size_t n = 0;
	int other = 0;
	out[0] = 0;
	if (!raw)
		return ROSTER_MOBILE_NONE;
	for (const char *p = raw; *p; p++) {
		if (isdigit((unsigned char)*p)) {
			if (n < sizeof(d) - 1)
				d[n++] = *p;
		} else if (*p == 'e' || *p == 'E' || *p == '.') {
			other = 1;
		}
	}
	d[n] = 0;
	if (!n && !other)
		return ROSTER_MOBILE_NONE;
	const char *s = d;
	if (n == 12 && !strncmp(d, "91", 2))
		s += 2, n -= 2;
	else if (n == 11 && d[0] == '0')
		s += 1, n -= 1;
	if (other || n != 10 || s[0] < '6')
		return ROSTER_MOBILE_INVALID;
	int same = 1;
	for (size_t i = 1; i < 10; i++)
		same &= s[i] == s[0];
	if (same)
		return ROSTER_MOBILE_INVALID;
	memcpy(out, s, 10);
	out[10] = 0;
	return ROSTER_MOBILE_VALID;
}

static const char *dup(struct roster *r, const char *s)
{
	return s && *s ? arena_strdup(&r->arena, s) : NULL;
}

long roster_add(struct roster *r, const char *id, const char *name, const char *designation,
		int level, const char *department, const char *mobile_raw, int in_master)
{
	int added;
	long i = strmap_put(&r->ids, id, &added);
	if (added) {
		ALLOC_GROW(r->o, r->ids.n, r->alloc);
		memset(&r->o[i], 0, sizeof(r->o[i]));
		r->o[i].id = r->ids.key[i];
	}
	struct officer *o = &r->o[i];
	if (!in_master)
		return i;
	o->in_master = 1;
	o->name = dup(r, name);
	o->designation = dup(r, designation);
	o->department = dup(r, department);
	o->mobile_raw = dup(r, mobile_raw);
	o->level = level;
	o->mobile_state = roster_mobile10(mobile_raw, o->mobile);
	return i;
}

long roster_ref(struct roster *r, const char *id)
{
	if (!id || !*id)
		return -1;
	long i = strmap_get(&r->ids, id);
	return i >= 0 ? i : roster_add(r, id, NULL, NULL, 0, NULL, NULL, 0);
}

enum nk_err roster_load(struct roster *r, struct store *st, struct strbuf *err)
{
	sqlite3_stmt *s = store_prepare(st, "SELECT officer_id, name, designation, level,"
					    " department, coalesce(mobile_raw, mobile), reports_to"
					    " FROM officers ORDER BY officer_id");
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		const char *t[7];
		for (int i = 0; i < 7; i++)
			t[i] = (const char *)sqlite3_column_text(s, i);
		long i = roster_add(r, t[0], t[1], t[2], sqlite3_column_int(s, 3), t[4], t[5], 1);
		r->o[i].reports_to = dup(r, t[6]);
	}
	sqlite3_finalize(s);
	return rc == SQLITE_DONE ? NK_OK : store_error(st, "cannot read the officers", err);
}
