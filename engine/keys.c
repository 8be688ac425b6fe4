/* keys.c - computes a complaint's comparison keys at load. */
#include "engine/keys.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

struct keys_scratch {
	char mobile[16];
};

struct keys_scratch *keys_scratch_new(void)
{
	return xcalloc(1, sizeof(struct keys_scratch));
}

void keys_scratch_free(struct keys_scratch *ks)
{
	free(ks);
}

const char *keys_phone(const char *raw, char out[16])
{
	size_t n = 0;
	for (const char *p = raw; *p && n < 15; p++)
		if (isdigit((unsigned char)*p))
			out[n++] = *p;
	out[n] = 0;
	return n ? "unchecked" : "empty";
}

void keys_complaint(struct keys_scratch *ks, struct complaint *c)
{
	c->mobile_kind = keys_phone(c->mobile_raw, ks->mobile);
	c->mobile = ks->mobile;
}
