/*
 * util.h - small helpers every stage uses: checked allocation, a growable
 * string buffer in the style of git's strbuf, and an arena for the many
 * small strings of a run.
 *
 * Allocation failure is not recoverable in a batch job: xmalloc() and
 * friends print "out of memory" and exit(1).
 */
#ifndef NK_UTIL_H
#define NK_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

/*
 * Names what the process is doing in the message of an exit for want of
 * memory: "nirakaran: out of memory (asked for 24 bytes) while <doing>".
 * Formatted into a fixed buffer, so it costs no allocation; NULL clears it.
 */
void xalloc_doing(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Prints "nirakaran: " and the message, then " while <doing>", and exits 1. */
void die_msg(const char *fmt, ...) __attribute__((noreturn, format(printf, 1, 2)));

/* Grow an array *p of *alloc elements of size sz so it holds at least need. */
#define ALLOC_GROW(p, need, alloc)                               \
	do {                                                     \
		if ((need) > (alloc)) {                          \
			size_t na_ = (alloc) ? (alloc)*2 : 16;   \
			while (na_ < (need))                     \
				na_ *= 2;                        \
			(p) = xrealloc((p), na_ * sizeof(*(p))); \
			(alloc) = na_;                           \
		}                                                \
	} while (0)

/*
 * A growable buffer. buf is never NULL and always NUL-terminated, so it can
 * be passed to any C string function. STRBUF_INIT needs no allocation.
 */
struct strbuf {
	size_t alloc;
	size_t len;
	char *buf;
};
extern char strbuf_slopbuf[];
#define STRBUF_INIT                  \
	{                            \
		0, 0, strbuf_slopbuf \
	}

void strbuf_init(struct strbuf *sb, size_t hint);
void strbuf_release(struct strbuf *sb);              /* frees; sb is reusable after */
char *strbuf_detach(struct strbuf *sb, size_t *len); /* caller frees */
void strbuf_grow(struct strbuf *sb, size_t extra);
void strbuf_setlen(struct strbuf *sb, size_t len);
#define strbuf_reset(sb) strbuf_setlen((sb), 0)
void strbuf_add(struct strbuf *sb, const void *data, size_t len);
void strbuf_addstr(struct strbuf *sb, const char *s);
void strbuf_addch(struct strbuf *sb, int c);
void strbuf_addf(struct strbuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void strbuf_vaddf(struct strbuf *sb, const char *fmt, va_list ap);
void strbuf_trim(struct strbuf *sb); /* ASCII white space at both ends */

/*
 * An arena: many small allocations freed at once. Memory is handed out in
 * blocks of at least 64 KiB; nothing is freed before arena_release().
 */
struct arena_block;
struct arena {
	struct arena_block *head;
	size_t used, cap;
};
#define ARENA_INIT      \
	{               \
		0, 0, 0 \
	}
void *arena_alloc(struct arena *a, size_t n); /* 8-byte aligned */
char *arena_strndup(struct arena *a, const char *s, size_t n); /* not aligned */
char *arena_strdup(struct arena *a, const char *s);
void arena_release(struct arena *a);

/*
 * Checked bounded formatting: always NUL-terminates, truncates silently,
 * never inside a UTF-8 sequence (a cut Devanagari letter would make the
 * text, and a workbook holding it, invalid).
 */
void xsnprintf(char *dst, size_t n, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* sha256 of a whole file as 64 lowercase hex digits + NUL; 0 or -1 (errno). */
int sha256_file(const char *path, char out[65]);
void sha256_hex(const void *data, size_t len, char out[65]);

/* True when s[0..len) is well-formed UTF-8 (no overlongs, no surrogates). */
int utf8_valid(const char *s, size_t len);

/* Monotonic seconds, for rates in progress lines. */
double now_seconds(void);

/* The threads this process may run at once: OMP_NUM_THREADS, the cores; 1
 * in a build without OpenMP. */
int util_threads(void);

#include "engine/banned.h"

#endif
