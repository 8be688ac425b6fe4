/*
 * field.h - parsers for the coded fields of an export: levels, statuses and
 * movement actions, in their Hindi and English spellings. Unknown values are
 * reported, never guessed.
 */
#ifndef NK_FIELD_H
#define NK_FIELD_H

#include <stddef.h>

/*
 * Canonical statuses. The text names (status_name) are what the db stores.
 */
enum status {
	ST_UNKNOWN = 0,
	ST_OPEN,             /* open / pending / लंबित */
	ST_ATTENDED,         /* अटेंडेड */
	ST_NON_ATTENDED,     /* नॉन अटेंडेड */
	ST_CLOSED_SATISFIED, /* संतुष्टि के साथ बंद */
	ST_CLOSED_LOW_QUALITY, /* असंतुष्टि के साथ बंद / low quality */
	ST_FORCE_CLOSED,       /* फोर्स क्लोज */
	ST_SPECIAL_CLOSED,     /* विशेष क्लोज */
	ST_OUT_OF_JURISDICTION /* कार्यक्षेत्र से बाहर */
};
#define ST_COUNT 9

enum status status_parse(const char *s, size_t len);
const char *status_name(enum status st);     /* "open", "closed_satisfied", ... */
const char *status_label_hi(enum status st); /* Hindi label for reports */
enum status status_from_name(const char *name);
/* Open means still pending disposal: open, attended, non-attended. */
int status_is_open(enum status st);
/*
 * "Closed" or "बंद" alone: closed, but not saying how (with satisfaction, low
 * quality, force, special). status_parse gives ST_UNKNOWN for it; the loader
 * says why, since a closure is never guessed (grading weighs each kind).
 */
int status_is_bare_closed(const char *s, size_t len);

/*
 * Levels: "L1", "l-2", "Level 3", "लेवल-1", "एल-1", "स्तर 2", "2", ...
 * Returns 1..max_level, 0 when the text is not a level, or -N when it is
 * level N above max_level.
 */
int level_parse(const char *s, size_t len, int max_level);

enum action {
	ACT_UNKNOWN = 0,
	ACT_ESCALATED,
	ACT_TRANSFERRED,
	ACT_CATEGORY_CHANGED,
	ACT_OUT_OF_JURISDICTION,
	ACT_RETURNED,
	ACT_ATTENDED,
	ACT_CLOSED
};
enum action action_parse(const char *s, size_t len);
const char *action_name(enum action a);

/*
 * Folds a label for comparison with a synonym table: NFC is assumed;
 * lower-cases ASCII, turns '-', '_', '.', '/' and runs of white space
 * into one space, and trims. out must hold len + 1 bytes.
 */
size_t field_fold_label(const char *s, size_t len, char *out);

/*
 * Length in bytes of the white space or invisible character at s[0..n):
 * ASCII white space, U+00A0 no-break space, U+00AD soft hyphen, the spaces
 * and zero-widths U+2000..U+200D, U+2028/9, U+202F, U+205F, U+2060, U+1680,
 * U+3000, U+FEFF; 0 when s starts with anything else.
 */
size_t field_blank_at(const char *s, size_t n);
/* Trims those characters from both ends of s[0..n) in place; the new length. */
size_t field_trim(char *s, size_t n);
/*
 * An identifier as a clerk sees it, in place: invisible characters dropped
 * (zero-widths, BOM, soft hyphen) and no-break or wide spaces made ' ', so
 * "CMH-1<NBSP>" and "<ZWSP>CMH-1" are the complaint CMH-1 (after trimming).
 */
size_t field_fold_id(char *s, size_t n);
/*
 * 1 when s is one of Excel's error values (#N/A, #REF!, #VALUE!, ...), with
 * what it means in English and Hindi; 0 otherwise.
 */
int field_excel_error(const char *s, const char **en, const char **hi);

#endif
