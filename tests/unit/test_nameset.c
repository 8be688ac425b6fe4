/* test_nameset.c - each text once, queued forms settled where they go. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "engine/nameset.h"
#include "tests/test.h"

struct rec {
	const char *name, *same, *other;
};

static void test_shared(void)
{
	struct nameset ns = NAMESET_INIT;
	struct arena a = ARENA_INIT;
	const char *x = nameset_get(&ns, &a, "Sunita Meena");
	char copy[] = "Sunita Meena";
	CHECK(nameset_get(&ns, &a, copy) == x);
	CHECK_STR(x, "Sunita Meena");
	CHECK(x != copy);
	CHECK(nameset_get(&ns, &a, "Sunita Meena ") != x);
	CHECK_STR(nameset_get(&ns, &a, NULL), "");
	CHECK_STR(nameset_get(&ns, &a, ""), "");
	CHECK_INT(ns.n, 2);
	nameset_release(&ns);
	arena_release(&a);
}

/* Queued across a table that grows: each form lands where it was sent. */
static void test_settle(void)
{
	struct nameset ns = NAMESET_INIT;
	struct arena a = ARENA_INIT;
	enum { N = 5000 };
	static struct rec r[N];
	char text[32];
	for (size_t i = 0; i < N; i++) {
		size_t at = i * sizeof(struct rec);
		snprintf(text, sizeof(text), "name %zu", i % 1500); /* each text thrice or more */
		nameset_wait(&ns, at + offsetof(struct rec, name), SIZE_MAX, text);
		nameset_wait(&ns, at + offsetof(struct rec, same), at + offsetof(struct rec, name),
			     NULL);
		nameset_wait(&ns, at + offsetof(struct rec, other), SIZE_MAX, i % 2 ? "" : NULL);
	}
	nameset_settle(&ns, &a, (char *)r);
	CHECK_INT(ns.nwait, 0);
	CHECK_INT(ns.n, 1500);
	int bad = 0;
	for (size_t i = 0; i < N; i++) {
		snprintf(text, sizeof(text), "name %zu", i % 1500);
		bad += !r[i].name || strcmp(r[i].name, text) || r[i].same != r[i].name ||
		       !r[i].other || *r[i].other || r[i].name != r[i % 1500].name;
	}
	CHECK_INT(bad, 0);
	/* a later batch finds the texts of the first */
	struct rec one;
	nameset_wait(&ns, offsetof(struct rec, name), SIZE_MAX, "name 7");
	nameset_settle(&ns, &a, (char *)&one);
	CHECK(one.name == r[7].name);
	nameset_settle(&ns, &a, (char *)&one); /* nothing queued */
	nameset_release(&ns);
	arena_release(&a);
}

int main(void)
{
	test_shared();
	test_settle();
	TEST_DONE();
}
