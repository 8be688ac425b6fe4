/* test_keypack.c - match_keys blobs: what goes in comes out, damage is seen. */
#include <stdint.h>
#include <string.h>

#include "engine/keypack.h"
#include "tests/test.h"

static const struct keyrec recs[] = {
	/* the block's first rowid: a delta of 1 from lo - 1 */
	{1024, 1024, "CMH-2026-00001024", 20454, 40560, {1, 2, 3, 4}, 5, {6, 7}, 8, 0, {9, 10, 11}},
	/* no time (-1), hashes 0 (not stored), its complainant earlier */
	{1030, 17, "CMH-2026-00001030", 20455, -1, {0, UINT64_MAX, 0, 0}, 0, {0, 9}, 0, 1,
	 {0, UINT32_MAX, 0}},
	/* the block's last rowid, a day before 1970, an empty complaint id */
	{2047, 2047, "", -3, 86399, {0, 0, 0, 0}, 0, {0, 0}, UINT64_MAX, 0, {0, 0, 0}},
};
#define NRECS (sizeof(recs) / sizeof(recs[0]))

static void pack(struct strbuf *b)
{
	keypack_begin(b);
	int64_t prev = 1023;
	for (size_t i = 0; i < NRECS; i++) {
		keypack_put(b, prev, &recs[i]);
		prev = recs[i].rowid;
	}
}

static void test_round_trip(void)
{
	struct strbuf b = STRBUF_INIT;
	pack(&b);
	CHECK_INT(keypack_lo(1024), 1024);
	CHECK_INT(keypack_lo(2047), 1024);
	struct keypack_iter it;
	struct keyrec r;
	CHECK_INT(keypack_start(&it, b.buf, b.len, 1024), 0);
	for (size_t i = 0; i < NRECS; i++) {
		CHECK_INT(keypack_next(&it, &r), 1);
		CHECK_MSG(keypack_same(&r, &recs[i]), "record %zu differs after a round trip", i);
	}
	CHECK_INT(keypack_next(&it, &r), 0);
	strbuf_release(&b);
}

/* Every cut of the blob short of its end, and a wrong version, are damage. */
static void test_damage(void)
{
	struct strbuf b = STRBUF_INIT;
	pack(&b);
	struct keypack_iter it;
	struct keyrec r;
	int seen = 0;
	for (size_t cut = 1; cut < b.len; cut++) {
		int rc, n = 0;
		CHECK_INT(keypack_start(&it, b.buf, cut, 1024), 0);
		while ((rc = keypack_next(&it, &r)) == 1)
			n++;
		/* a cut between two records ends cleanly with fewer of them */
		seen += rc == -1;
		CHECK_MSG(rc == -1 || n < (int)NRECS, "cut at %zu read every record", cut);
	}
	CHECK(seen > 0);
	CHECK_INT(keypack_start(&it, b.buf, 0, 1024), -1);
	char version = b.buf[0];
	b.buf[0] = (char)(version + 1);
	CHECK_INT(keypack_start(&it, b.buf, b.len, 1024), -1);
	b.buf[0] = 1; /* version 1: before the tf keys */
	CHECK_INT(keypack_start(&it, b.buf, b.len, 1024), -1);
	b.buf[0] = version;
	/* a rowid outside the block */
	struct keyrec far = recs[0];
	far.rowid = 2048;
	keypack_begin(&b);
	keypack_put(&b, 1023, &far);
	CHECK_INT(keypack_start(&it, b.buf, b.len, 1024), 0);
	CHECK_INT(keypack_next(&it, &r), -1);
	strbuf_release(&b);
}

int main(void)
{
	test_round_trip();
	test_damage();
	TEST_DONE();
}
