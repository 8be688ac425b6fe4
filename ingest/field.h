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

#endif
