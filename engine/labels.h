/*
 * labels.h - the words a reader sees for each code the db stores: one
 * table, Hindi and English, for every workbook and CSV (reports/) and for
 * the engine's own detail texts. "non_attended" reaches no sheet: it is
 * "नॉन अटेंडेड / non-attended".
 *
 * The sets and their codes:
 *   status      open attended non_attended closed_satisfied closed_low_quality
 *               force_closed special_closed out_of_jurisdiction unknown
 *   violation   the rule kinds of engine/violations.h
 *   source      where a fact came from: export movement snapshot status
 *               registration computed
 *   dq          data_quality kinds (engine/analytics.h) and the Data quality
 *               sheet's own: quarantined unknown_category officer_mobile
 *   field       canonical export fields (complaint_id ... satisfaction)
 *   mobile      phone kinds (engine/phone.h): empty mobile landline damaged
 *               placeholder invalid
 *   band        high review
 *   rule        R1 R2 R3 (the helpline's merge rules, DESIGN.md)
 *   scope       district department
 *   how         auto officer (who escalated)
 *   decision    merge reject unsure
 *   yes         1 (yes; anything else is blank)
 * A level is not a set: label_level() writes "L2" everywhere.
 *
 * A code not in its set is given back as it is, never lost.
 */
#ifndef NK_LABELS_H
#define NK_LABELS_H

#include <sqlite3.h>

#include "engine/util.h"

enum label_lang { LABEL_BOTH, LABEL_HI, LABEL_EN };

/*
 * The label of code in set (a set name above): "हिंदी / English" for
 * LABEL_BOTH, one language otherwise; a static string. NULL code gives
 * NULL; an unknown set or code gives code.
 */
const char *label_of(const char *set, const char *code, enum label_lang lang);

/* "L<level>" into buf (10 bytes at least); "" for level 0 or less. */
const char *label_level(int level, char *buf, size_t n);

/*
 * Registers the SQL functions nk_label(set, code[, 'hi'|'en']) and
 * nk_level(n) on db, so report queries label codes where they select them.
 * Returns SQLITE_OK or an SQLite error code.
 */
int label_register(sqlite3 *db);

/* For tests: the i-th code of a set, NULL past its end or for an unknown set. */
const char *label_code(const char *set, int i);

#endif
