/*
 * test.h - the assertion macros of the unit tests. Each test binary prints
 * one failure line per failed check and ends with "RESULT <passed> <failed>",
 * which tests/run.sh adds up.
 */
#ifndef NK_TEST_H
#define NK_TEST_H

#include <stdio.h>
#include <string.h>

static int t_passed, t_failed;

#define CHECK(cond)                                                                        \
	do {                                                                               \
		if (cond)                                                                  \
			t_passed++;                                                        \
		else {                                                                     \
			t_failed++;                                                        \
			fprintf(stderr, "%s:%d: failed: %s\n", __FILE__, __LINE__, #cond); \
		}                                                                          \
	} while (0)

#define CHECK_INT(got, want)                                                                     \
	do {                                                                                     \
		long long g_ = (long long)(got), w_ = (long long)(want);                         \
		if (g_ == w_)                                                                    \
			t_passed++;                                                              \
		else {                                                                           \
			t_failed++;                                                              \
			fprintf(stderr, "%s:%d: %s = %lld, expected %lld\n", __FILE__, __LINE__, \
				#got, g_, w_);                                                   \
		}                                                                                \
	} while (0)

#define CHECK_STR(got, want)                                                               \
	do {                                                                               \
		const char *g_ = (got), *w_ = (want);                                      \
		if (g_ && w_ && strcmp(g_, w_) == 0)                                       \
			t_passed++;                                                        \
		else {                                                                     \
			t_failed++;                                                        \
			fprintf(stderr, "%s:%d: %s = \"%s\", expected \"%s\"\n", __FILE__, \
				__LINE__, #got, g_ ? g_ : "(null)", w_ ? w_ : "(null)");   \
		}                                                                          \
	} while (0)

/* A check with a message built by the caller (for table-driven tests). */
#define CHECK_MSG(cond, ...)                                            \
	do {                                                            \
		if (cond)                                               \
			t_passed++;                                     \
		else {                                                  \
			t_failed++;                                     \
			fprintf(stderr, "%s:%d: ", __FILE__, __LINE__); \
			fprintf(stderr, __VA_ARGS__);                   \
			fputc('\n', stderr);                            \
		}                                                       \
	} while (0)

#define TEST_DONE()                                           \
	do {                                                  \
		printf("RESULT %d %d\n", t_passed, t_failed); \
		return t_failed ? 1 : 0;                      \
	} while (0)

#endif
