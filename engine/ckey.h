/*
 * ckey.h - the complainant key the analytics use for the per-complainant
 * cap of the grading and for repeat complaints after a closure. The one
 * place that decides where the identity comes from, so the analytics switch
 * to the matching stage's identity (engine/complainant.h) without a change:
 *
 *   1. a column complaints.complainant_id, when the matcher adds one;
 *   2. else the complainants a match run links (match_persons, schema
 *      v6), once one has run: the view complainants, spelt out;
 *   3. else the complainant's mobile number, normalised to 10 digits, when
 *      valid (roster_mobile10: placeholders such as 9999999999 are no one).
 * A complaint the matcher has not seen yet (ingested after its last run)
 * falls back to 3. A complaint with no identity is counted on its own
 * (never capped).
 */
#ifndef NK_CKEY_H
#define NK_CKEY_H

#include "engine/store.h"

enum ckey_source { CK_COLUMN, CK_TABLE, CK_MOBILE };

/* Looks at the schema (PRAGMA table_info) to choose the source. */
enum ckey_source ckey_detect(struct store *st);
const char *ckey_source_name(enum ckey_source s); /* static text */

/* The SQL expression (over complaints c) to select, and the join it needs. */
const char *ckey_select_sql(enum ckey_source s);
const char *ckey_join_sql(enum ckey_source s);

/*
 * The key of one complaint: the selected identity when there is one, else
 * "m:" + mobile10 (NULL when mobile10 is NULL). Points into buf or selected.
 */
const char *ckey_key(enum ckey_source s, const char *selected, const char *mobile10, char *buf,
		     size_t bufsize);

#endif
