/*
 * fuzz_normalize.c - libFuzzer target for the key functions that read
 * untrusted cells: name_keys, phone_normalize, text_keys, and
 * name_similarity on the keys they produce. Besides crashes it checks that
 * the display and comparison forms are stable when normalised again.
 *
 *   clang -std=c11 -D_GNU_SOURCE -g -O1 -I. -fsanitize=fuzzer,address,undefined \
 *     tests/fuzz/fuzz_normalize.c engine/normalize.c engine/translit.c \
 *     engine/namesim.c engine/phone.c engine/text.c engine/util.c \
 *     -lutf8proc -lcrypto -lm -o build-fuzz/fuzz_normalize
 *   build-fuzz/fuzz_normalize -max_total_time=30 -max_len=512
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "engine/namesim.h"
#include "engine/normalize.h"
#include "engine/phone.h"
#include "engine/text.h"

static struct name_scratch s1 = NAME_SCRATCH_INIT, s2 = NAME_SCRATCH_INIT;
static struct text_scratch ts;
static struct strbuf tok = STRBUF_INIT;
static struct name_sim_scratch *sim;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct name_keys k1, k2;
	char out[16];
	uint32_t sig[TEXT_SIG_LEN];
	if (!sim)
		sim = name_sim_scratch_new();
	const char *raw = (const char *)data;
	phone_normalize(raw, size, out);
	if (strlen(out) > 15)
		abort();
	text_keys(raw, size, &ts, &tok, sig, NULL, NULL);
	if (name_keys(raw, size, &s1, &k1) < 0) {
		if (!k1.error || k1.error_at >= size)
			abort();
		return 0;
	}
	char *disp = strdup(k1.display), *cmp = strdup(k1.cmp);
	char *bridge = strdup(k1.bridge);
	if (name_keys(disp, strlen(disp), &s2, &k2) < 0 || strcmp(k2.display, disp) != 0 ||
	    strcmp(k2.cmp, cmp) != 0)
		abort(); /* the display form must be a fixed point */
	if (name_keys(cmp, strlen(cmp), &s2, &k2) < 0 || strcmp(k2.cmp, cmp) != 0)
		abort();
	double sc = name_similarity(cmp, bridge, k2.cmp, k2.bridge, sim, NULL);
	if (!(sc >= 0 && sc <= 1) || (k1.nwords && sc != 1))
		abort();
	free(disp);
	free(cmp);
	free(bridge);
	return 0;
}
