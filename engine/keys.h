/*
 * keys.h - the comparison keys of a complaint, computed once when it is
 * loaded (names, mobile, text) so that matching never normalises again.
 * One struct keys_scratch per thread; nothing is allocated per row.
 */
#ifndef NK_KEYS_H
#define NK_KEYS_H

#include "engine/records.h"

struct keys_scratch;

struct keys_scratch *keys_scratch_new(void);
void keys_scratch_free(struct keys_scratch *ks);

/*
 * Fills the key fields of c from its raw fields. The strings point into ks
 * and stay valid until the next call with the same ks.
 */
void keys_complaint(struct keys_scratch *ks, struct complaint *c);

/* Normalises a phone number into out (digits); returns its kind's name. */
const char *keys_phone(const char *raw, char out[16]);

#endif
