/* util.c - allocation, strbuf, arena, sha256, UTF-8 check. */
#include "engine/util.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#ifdef _OPENMP
#include <omp.h>
#endif

#include <openssl/evp.h>
#include <openssl/sha.h>

/* In a fixed buffer: it must be there when memory has run out. */
static char doing[512];

void xalloc_doing(const char *fmt, ...)
{
	va_list ap;
	doing[0] = '\0';
	if (!fmt)
		return;
	va_start(ap, fmt);
	vsnprintf(doing, sizeof(doing), fmt, ap);
	va_end(ap);
}

void die_msg(const char *fmt, ...)
{
	va_list ap;
	fputs("nirakaran: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "%s%s\n", doing[0] ? " while " : "", doing);
	exit(1);
}

static void die_oom(size_t n)
{
	die_msg("out of memory (asked for %zu bytes)", n);
}

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		die_oom(n);
	return p;
}

/*
 * A large calloc is pages mapped fresh, which a hash table first reads:
 * each page is then the shared zero page, copied on the first write, and
 * the copy flushes every core's TLB (an interrupt to each, costly in a
 * VM: 4% of a match's time). Zeroed by writing, each page is made once.
 */
#define XCALLOC_WRITE_MIN (1 << 20)

void *xcalloc(size_t n, size_t size)
{
	n = n ? n : 1;
	size = size ? size : 1;
	if (n > SIZE_MAX / size)
		die_oom(SIZE_MAX);
	if (n * size < XCALLOC_WRITE_MIN) {
		void *p = calloc(n, size);
		if (!p)
			die_oom(n * size);
		return p;
	}
	return memset(xmalloc(n * size), 0, n * size);
}

void *xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);
	if (!q)
		die_oom(n);
	return q;
}

char *xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = 0;
	return p;
}

char *xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

void xsnprintf(char *dst, size_t n, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int len = vsnprintf(dst, n, fmt, ap);
	va_end(ap);
	if (n == 0 || len < 0 || (size_t)len < n)
		return;
	/* Truncated: drop a sequence the cut left without all its bytes. */
	size_t end = n - 1, start = end;
	while (start > 0 && ((unsigned char)dst[start - 1] & 0xC0) == 0x80)
		start--;
	if (start > 0) {
		unsigned char lead = (unsigned char)dst[start - 1];
		size_t want = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
		if (want > 1 && end - (start - 1) < want)
			dst[start - 1] = 0;
	}
}

/* ---- strbuf ---- */

char strbuf_slopbuf[1];

void strbuf_init(struct strbuf *sb, size_t hint)
{
	sb->alloc = sb->len = 0;
	sb->buf = strbuf_slopbuf;
	if (hint)
		strbuf_grow(sb, hint);
}

void strbuf_release(struct strbuf *sb)
{
	if (sb->alloc)
		free(sb->buf);
	strbuf_init(sb, 0);
}

char *strbuf_detach(struct strbuf *sb, size_t *len)
{
	char *res;
	strbuf_grow(sb, 0);
	res = sb->buf;
	if (len)
		*len = sb->len;
	strbuf_init(sb, 0);
	return res;
}

void strbuf_grow(struct strbuf *sb, size_t extra)
{
	size_t need = sb->len + extra + 1;
	if (need <= sb->alloc)
		return;
	size_t na = sb->alloc ? sb->alloc * 2 : 64;
	while (na < need)
		na *= 2;
	if (!sb->alloc) {
		sb->buf = xmalloc(na);
		sb->buf[0] = 0;
	} else {
		sb->buf = xrealloc(sb->buf, na);
	}
	sb->alloc = na;
}

void strbuf_setlen(struct strbuf *sb, size_t len)
{
	if (!sb->alloc)
		return; /* the slop buffer is already "" */
	sb->len = len;
	sb->buf[len] = 0;
}

void strbuf_add(struct strbuf *sb, const void *data, size_t len)
{
	strbuf_grow(sb, len);
	memcpy(sb->buf + sb->len, data, len);
	sb->len += len;
	sb->buf[sb->len] = 0;
}

void strbuf_addstr(struct strbuf *sb, const char *s)
{
	strbuf_add(sb, s, strlen(s));
}

void strbuf_addch(struct strbuf *sb, int c)
{
	strbuf_grow(sb, 1);
	sb->buf[sb->len++] = (char)c;
	sb->buf[sb->len] = 0;
}

void strbuf_vaddf(struct strbuf *sb, const char *fmt, va_list ap)
{
	va_list cp;
	va_copy(cp, ap);
	int n = vsnprintf(sb->buf + sb->len, sb->alloc ? sb->alloc - sb->len : 0, fmt, cp);
	va_end(cp);
	if (n < 0)
		return;
	if ((size_t)n >= (sb->alloc ? sb->alloc - sb->len : 0)) {
		strbuf_grow(sb, (size_t)n);
		vsnprintf(sb->buf + sb->len, sb->alloc - sb->len, fmt, ap);
	}
	sb->len += (size_t)n;
}

void strbuf_addf(struct strbuf *sb, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	strbuf_vaddf(sb, fmt, ap);
	va_end(ap);
}

static int is_space(int c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v';
}

void strbuf_trim(struct strbuf *sb)
{
	size_t b = 0, e = sb->len;
	while (b < e && is_space((unsigned char)sb->buf[b]))
		b++;
	while (e > b && is_space((unsigned char)sb->buf[e - 1]))
		e--;
	if (b)
		memmove(sb->buf, sb->buf + b, e - b);
	strbuf_setlen(sb, e - b);
}

/* ---- arena ---- */

struct arena_block {
	struct arena_block *next;
	max_align_t data[];
};

/* n bytes at a multiple of align (a power of two) in a's current block, or in a new one. */
static void *arena_take(struct arena *a, size_t n, size_t align)
{
	size_t at = (a->used + align - 1) & ~(align - 1);
	if (!a->head || at + n > a->cap) {
		size_t cap = n > 65536 ? n : 65536;
		struct arena_block *b = xmalloc(sizeof(*b) + cap);
		b->next = a->head;
		a->head = b;
		a->cap = cap;
		at = 0;
	}
	a->used = at + n;
	return (char *)a->head->data + at;
}

void *arena_alloc(struct arena *a, size_t n)
{
	return arena_take(a, n, 8);
}

/* Strings need no alignment: packed end to end, a name costs its bytes
 * and its NUL, not a multiple of 8 (millions of names in a match). */
char *arena_strndup(struct arena *a, const char *s, size_t n)
{
	char *p = arena_take(a, n + 1, 1);
	memcpy(p, s, n);
	p[n] = 0;
	return p;
}

char *arena_strdup(struct arena *a, const char *s)
{
	return arena_strndup(a, s, strlen(s));
}

void arena_release(struct arena *a)
{
	struct arena_block *b = a->head;
	while (b) {
		struct arena_block *next = b->next;
		free(b);
		b = next;
	}
	a->head = NULL;
	a->used = a->cap = 0;
}

/* ---- UTF-8 ---- */

int utf8_valid(const char *str, size_t len)
{
	const unsigned char *s = (const unsigned char *)str, *end = s + len;
	while (s < end) {
		unsigned c = *s;
		if (c < 0x80) {
			s++;
			continue;
		}
		size_t n;
		unsigned min;
		if (c >= 0xC2 && c <= 0xDF)
			n = 1, min = 0x80;
		else if (c >= 0xE0 && c <= 0xEF)
			n = 2, min = 0x800;
		else if (c >= 0xF0 && c <= 0xF4)
			n = 3, min = 0x10000;
		else
			return 0;
		if ((size_t)(end - s) <= n)
			return 0;
		unsigned cp = c & (0x3F >> n);
		for (size_t i = 1; i <= n; i++) {
			if ((s[i] & 0xC0) != 0x80)
				return 0;
			cp = (cp << 6) | (s[i] & 0x3F);
		}
		if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
			return 0;
		s += n + 1;
	}
	return 1;
}

double now_seconds(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* ---- sha256, through OpenSSL (SHA-NI where the CPU has it) ---- */

void sha256_hex(const void *data, size_t len, char out[65])
{
	unsigned char md[32];
	SHA256(data, len, md);
	for (int i = 0; i < 32; i++)
		snprintf(out + 2 * i, 3, "%02x", md[i]);
}

int sha256_file(const char *path, char out[65])
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return -1;
	EVP_MD_CTX *ctx = EVP_MD_CTX_new();
	unsigned char buf[1 << 16], md[32];
	unsigned int mdlen = 0;
	size_t n;
	/* OpenSSL fails only for want of memory; an unchecked failure would
	 * give a made-up sha256 and so a wrong "already ingested". */
	if (!ctx || !EVP_DigestInit_ex(ctx, EVP_sha256(), NULL))
		die_oom(sizeof(buf));
	int ok = 1;
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		ok &= EVP_DigestUpdate(ctx, buf, n);
	int err = ferror(f);
	int saved = errno;
	fclose(f);
	ok &= EVP_DigestFinal_ex(ctx, md, &mdlen);
	EVP_MD_CTX_free(ctx);
	if (!ok || mdlen != 32)
		die_oom(sizeof(buf));
	if (err) {
		errno = saved;
		return -1;
	}
	for (int i = 0; i < 32; i++)
		snprintf(out + 2 * i, 3, "%02x", md[i]);
	return 0;
}

int util_threads(void)
{
#ifdef _OPENMP
	return omp_get_max_threads();
#else
	return 1;
#endif
}
