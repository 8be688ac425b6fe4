/*
 * fuzz_keypack.c - libFuzzer harness for the match_keys blobs
 * (engine/keypack.h), which an increment decodes from the database: a blob
 * damaged on disk must be found damaged, never read past or believed.
 *
 * The first two bytes of the input choose the block (lo = their value *
 * KEYPACK_SPAN), the rest is the blob, copied into a buffer of exactly its
 * length. Besides the sanitizers, it aborts when a promise is broken:
 *  - decoding ends (each record takes at least a byte) in 0 or -1;
 *  - the records' rowids rise strictly and stay in [lo, lo + SPAN);
 *  - each complaint id lies inside the blob, NUL-terminated there;
 *  - the records read before the end or the damage, packed again, give
 *    a blob that reads back to the same records (and is no longer).
 *
 * NK_FUZZ_SEEDS=DIR: write seed blobs into DIR and exit (seeds.sh does).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/keypack.h"
#include "tests/fuzz/fuzz_seeds.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAX_RECS (KEYPACK_SPAN + 1)

static void fail(const char *why)
{
	fprintf(stderr, "keypack: %s\n", why);
	abort();
}

/* Reads blob[0..n) of block lo into r[]; returns the records read. */
static size_t read_all(const unsigned char *blob, size_t n, int64_t lo, struct keyrec *r, int *rc)
{
	struct keypack_iter it;
	size_t k = 0;
	*rc = keypack_start(&it, blob, n, lo);
	if (*rc)
		return 0;
	while ((*rc = keypack_next(&it, &r[k])) == 1) {
		if (r[k].rowid < lo || r[k].rowid >= lo + KEYPACK_SPAN ||
		    (k && r[k].rowid <= r[k - 1].rowid))
			fail("a rowid out of order or outside the block");
		const unsigned char *c = (const unsigned char *)r[k].cid;
		if (c < blob || c >= blob + n || !memchr(c, 0, (size_t)(blob + n - c)))
			fail("a complaint id outside the blob");
		if (++k == MAX_RECS)
			fail("more records than rowids in a block");
	}
	if (*rc != 0 && *rc != -1)
		fail("keypack_next returned neither 1, 0 nor -1");
	return k;
}

static void write_seeds(const char *dir)
{
	const struct keyrec recs[] = {
		{1024, 1024, "CMH-2026-00001024", 20454, 40560, {1, 2, 3, 4}, 5, {6, 7}, 8, 0, {9, 10, 11}},
		{1030, 17, "CMH-2026-00001030", 20455, -1, {0, 9, 0, 0}, 0, {0, 9}, 0, 1, {0, 12, 0}},
		{2047, 2047, "", -3, 86399, {0, 0, 0, 0}, 0, {0, 0}, UINT64_MAX, 0, {0, 0, 0}},
	};
	for (size_t n = 1; n <= 3; n++) {
		struct strbuf b = STRBUF_INIT;
		strbuf_add(&b, "\x01\x00", 2); /* block 1: lo 1024 */
		struct strbuf blob = STRBUF_INIT;
		keypack_begin(&blob);
		for (size_t i = 0; i < n; i++)
			keypack_put(&blob, i ? recs[i - 1].rowid : 1023, &recs[i]);
		strbuf_add(&b, blob.buf, blob.len);
		char path[4096];
		snprintf(path, sizeof(path), "%s/blob%zu", dir, n);
		FILE *f = fopen(path, "wb");
		if (!f || fwrite(b.buf, 1, b.len, f) != b.len || fclose(f))
			fail("cannot write a seed");
		strbuf_release(&blob);
		strbuf_release(&b);
	}
}

FUZZ_WRITES_SEEDS(write_seeds)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct keyrec r[MAX_RECS], again[MAX_RECS];
	if (size < 2)
		return 0;
	int64_t lo = (int64_t)(data[0] | data[1] << 8) * KEYPACK_SPAN;
	size_t n = size - 2;
	unsigned char *blob = malloc(n ? n : 1);
	memcpy(blob, data + 2, n);
	int rc;
	size_t k = read_all(blob, n, lo, r, &rc);
	struct strbuf b = STRBUF_INIT;
	keypack_begin(&b);
	for (size_t i = 0; i < k; i++)
		keypack_put(&b, i ? r[i - 1].rowid : lo - 1, &r[i]);
	int rc2;
	size_t k2 = read_all((const unsigned char *)b.buf, b.len, lo, again, &rc2);
	if (rc2 != 0 || k2 != k)
		fail("the records read, packed again, do not read back");
	for (size_t i = 0; i < k; i++)
		if (!keypack_same(&r[i], &again[i]))
			fail("a record changed when packed again");
	if (rc == 0 && b.len > n)
		fail("packed again, a whole blob grew");
	strbuf_release(&b);
	free(blob);
	return 0;
}
