/*
 * roster.h - the officers master in memory for the analytics: who an
 * officer id is (name, designation, level, department) and their mobile
 * number checked the way the helpline's SMS needs it.
 */
#ifndef NK_ROSTER_H
#define NK_ROSTER_H

#include "engine/store.h"
#include "engine/strmap.h"

struct officer {
	const char *id, *name, *designation, *department, *reports_to, *mobile_raw;
	int level;
	int in_master;    /* 0: seen only in complaints or the log */
	char mobile[11];  /* the 10-digit mobile, "" when absent or not valid */
	int mobile_state; /* ROSTER_MOBILE_* */
};

enum { ROSTER_MOBILE_NONE = 0, ROSTER_MOBILE_VALID = 1, ROSTER_MOBILE_INVALID = 2 };

struct roster {
	struct strmap ids; /* officer id -> index into o */
	struct officer *o;
	size_t alloc;
	struct arena arena;
};

void roster_init(struct roster *r);
void roster_release(struct roster *r);
/* Reads the officers table. */
enum nk_err roster_load(struct roster *r, struct store *st, struct strbuf *err);
/* Adds (or completes) one officer; strings are copied. Returns the index. */
long roster_add(struct roster *r, const char *id, const char *name, const char *designation,
		int level, const char *department, const char *mobile_raw, int in_master);
/* The index of id, adding an officer known only by id; -1 for NULL or "". */
long roster_ref(struct roster *r, const char *id);

/*
 * An Indian mobile number as its 10 digits: spaces, dashes, +91, 91 and a
 * leading 0 are dropped; valid when 10 digits remain, the first 6-9, not all
 * the same digit (9999999999 is a placeholder), and the text is not in
 * scientific notation (9.82601E+09, a spreadsheet's damage).
 * Returns ROSTER_MOBILE_VALID (out filled), _INVALID or _NONE (empty).
 */
int roster_mobile10(const char *raw, char out[11]);

#endif
