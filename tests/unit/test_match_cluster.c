/*
 * test_match_cluster.c - union-find groups: the primary is the earliest
 * registered, a cannot-link (a rejected pair) is never joined through a
 * third complaint, group ids carry over to the group holding most of the
 * old members, and the complainant of a set is its earliest complaint.
 */
#include <stdlib.h>
#include <string.h>

#include "engine/cluster.h"
#include "engine/complainant.h"
#include "tests/test.h"

/* A set of n bare records: day[i], ids "C<i>", names and mobiles given. */
static void make_set(struct mset *set, int n, const int *day, const char *const *phon,
		     const uint64_t *mobile)
{
	static char ids[16][8];
	memset(set, 0, sizeof(*set));
	set->r = xcalloc((size_t)n, sizeof(struct mrec));
	set->n = (uint32_t)n;
	for (int i = 0; i < n; i++) {
		struct mrec *r = &set->r[i];
		xsnprintf(ids[i], sizeof(ids[i]), "C%d", i);
		r->cid = ids[i];
		r->day = day[i];
		r->seconds = -1;
		r->name_phon = phon ? phon[i] : "";
		r->father_bridge = "";
		r->village = -1;
		r->mobile = mobile ? mobile[i] : 0;
		r->mob_ident = r->mobile != 0;
	}
}

static void test_primary_and_order(void)
{
	struct mset set;
	const int day[] = {50, 10, 30, 5, 100};
	make_set(&set, 5, day, NULL, NULL);
	struct edge e[] = {{0, 1, 8, 1}, {1, 2, 9, 1}, {3, 4, 7, 2}};
	struct clustering c;
	cluster_build(&set, e, 3, NULL, 0, &c);
	CHECK_INT(c.ng, 2);
	/* groups ordered by their primary: {3,4} (day 5) before {1,2,0} (day 10) */
	CHECK_INT(c.members[c.g[0].off], 3);
	CHECK_INT(c.g[0].n, 2);
	CHECK_INT(c.members[c.g[1].off], 1);
	CHECK_INT(c.members[c.g[1].off + 1], 2);
	CHECK_INT(c.members[c.g[1].off + 2], 0);
	cluster_release(&c);
	free(set.r);
}

static void test_cannot_link(void)
{
	struct mset set;
	const int day[] = {1, 2, 3};
	make_set(&set, 3, day, NULL, NULL);
	/* 0~1 strongest, then 1~2; 0 and 2 were rejected: 2 stays out */
	struct edge e[] = {{1, 2, 5, 1}, {0, 1, 9, 1}};
	uint64_t cannot[] = {(uint64_t)0 << 32 | 2};
	struct clustering c;
	cluster_build(&set, e, 2, cannot, 1, &c);
	CHECK_INT(c.ng, 1);
	CHECK_INT(c.g[0].n, 2);
	CHECK_INT(c.members[0], 0);
	CHECK_INT(c.members[1], 1);
	cluster_release(&c);
	free(set.r);
}

static void test_ids(void)
{
	struct mset set;
	const int day[] = {1, 2, 3, 4, 5, 6};
	make_set(&set, 6, day, NULL, NULL);
	/* last night: {0,1,2,3} was group 7. Tonight it split into {0,1} and
	 * {2,3,4}; {5} joined nobody. Each part holds two old members: the tie
	 * goes to the earlier group, the other part gets a new id. */
	struct edge e[] = {{0, 1, 9, 1}, {2, 3, 9, 1}, {3, 4, 9, 1}};
	int64_t prev[] = {7, 7, 7, 7, -1, -1};
	struct clustering c;
	cluster_build(&set, e, 3, NULL, 0, &c);
	int64_t next = 20;
	cluster_assign_ids(&c, prev, &next);
	CHECK_INT(c.ng, 2);
	CHECK_INT(c.g[0].gid, 7);
	CHECK_INT(c.g[1].gid, 20);
	CHECK_INT(next, 21);
	cluster_release(&c);
	/* a group that grows keeps its id */
	struct edge e2[] = {{0, 1, 9, 1}, {1, 5, 9, 1}};
	int64_t prev2[] = {3, 3, -1, -1, -1, -1};
	cluster_build(&set, e2, 2, NULL, 0, &c);
	cluster_assign_ids(&c, prev2, &next);
	CHECK_INT(c.ng, 1);
	CHECK_INT(c.g[0].n, 3);
	CHECK_INT(c.g[0].gid, 3);
	cluster_release(&c);
	free(set.r);
}

static void test_complainant(void)
{
	struct mset set;
	const int day[] = {5, 1, 9, 3, 4};
	const char *const phon[] = {"rms sh", "rms sh", "rms sh", "sta sh", "rms sh"};
	const uint64_t mob[] = {9826012345ULL, 9826012345ULL, 0, 9826012345ULL, 9425012345ULL};
	make_set(&set, 5, day, phon, mob);
	uint8_t shared[5] = {0};
	/* 2 has no mobile but is a duplicate of 0; 3 shares the mobile under
	 * another name (family); 4 has the same name on another mobile */
	struct edge e[] = {{0, 2, 9, 1}};
	uint32_t rep[5];
	complainant_link(&set, shared, e, 1, rep);
	CHECK_INT(rep[0], 1);
	CHECK_INT(rep[1], 1);
	CHECK_INT(rep[2], 1);
	CHECK_INT(rep[3], 3);
	CHECK_INT(rep[4], 4);
	free(set.r);
}

/*
 * The nightly match links complainants on one thread while another builds
 * the groups from the same edges: cluster_build() must only read them. When
 * it sorted them in place, the linker on the other thread saw some edges
 * twice and others not at all, and the complainants changed from run to run.
 */
static void test_edges_only_read(void)
{
	struct mset set;
	const int day[] = {1, 2, 3, 4, 5, 6};
	make_set(&set, 6, day, NULL, NULL);
	struct edge e[] = {{0, 1, 2, 1}, {4, 5, 9, 2}, {2, 3, 5, 1}, {1, 2, 7, 3}};
	struct edge given[4];
	memcpy(given, e, sizeof(e));
	struct clustering c;
	cluster_build(&set, e, 4, NULL, 0, &c);
	CHECK(memcmp(given, e, sizeof(e)) == 0);
	CHECK_INT(c.ng, 2);
	CHECK_INT(c.g[0].n, 4);
	cluster_release(&c);
	free(set.r);
}

int main(void)
{
	test_primary_and_order();
	test_cannot_link();
	test_ids();
	test_complainant();
	test_edges_only_read();
	TEST_DONE();
}
