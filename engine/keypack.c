/* keypack.c - match_keys blobs (see keypack.h). */
#include "engine/keypack.h"

#include <string.h>

#define KEYPACK_VERSION 3 /* 2: the term-frequency keys; 3: the text key a word at a time */

static unsigned char *put_varint(unsigned char *p, uint64_t v)
{
	do {
		*p++ = (unsigned char)((v & 0x7f) | (v > 0x7f ? 0x80 : 0));
		v >>= 7;
	} while (v);
	return p;
}

static uint64_t zigzag(int64_t v)
{
	return ((uint64_t)v << 1) ^ (uint64_t)(v >> 63);
}

/* a - b, wrapping: a damaged blob may hold any difference */
static int64_t wrap_sub(int64_t a, int64_t b)
{
	return (int64_t)((uint64_t)a - (uint64_t)b);
}

static int64_t unzigzag(uint64_t v)
{
	return (int64_t)(v >> 1) ^ -(int64_t)(v & 1);
}

static unsigned char *put_u64(unsigned char *p, uint64_t v)
{
	for (int i = 0; i < 8; i++)
		*p++ = (unsigned char)(v >> (8 * i));
	return p;
}

int keypack_same(const struct keyrec *a, const struct keyrec *b)
{
	return a->rowid == b->rowid && a->person == b->person && !strcmp(a->cid, b->cid) &&
	       a->day == b->day && a->seconds == b->seconds &&
	       !memcmp(a->key, b->key, sizeof(a->key)) && a->phon_hash == b->phon_hash &&
	       !memcmp(a->link, b->link, sizeof(a->link)) && a->fp == b->fp &&
	       a->shared == b->shared && !memcmp(a->tf, b->tf, sizeof(a->tf));
}

void keypack_begin(struct strbuf *b)
{
	strbuf_setlen(b, 0);
	strbuf_addch(b, KEYPACK_VERSION);
}

/* The fields stored only when not 0, in the order of the mask's bits. */
static void hash_fields(struct keyrec *r, uint64_t *f[7])
{
	for (int k = 0; k < KEYPACK_KEYS; k++)
		f[k] = &r->key[k];
	f[4] = &r->phon_hash;
	f[5] = &r->link[0];
	f[6] = &r->link[1];
}

/* The most a record takes but its complaint_id: 4 varints, the masks, 8
 * numbers of 8 bytes and KEYPACK_TF of 4. */
#define RECORD_MAX (4 * 10 + 2 + 8 * 8 + 4 * KEYPACK_TF)

void keypack_put(struct strbuf *b, int64_t prev, const struct keyrec *r)
{
	struct keyrec c = *r;
	uint64_t *f[7];
	hash_fields(&c, f);
	size_t cid_len = strlen(c.cid) + 1;
	/* written in place: a full run packs a million of these */
	strbuf_grow(b, RECORD_MAX + cid_len);
	unsigned char *start = (unsigned char *)b->buf + b->len, *p = start;
	p = put_varint(p, (uint64_t)(c.rowid - prev));
	p = put_varint(p, zigzag(c.day));
	p = put_varint(p, zigzag(c.seconds));
	p = put_varint(p, zigzag(wrap_sub(c.rowid, c.person)));
	unsigned mask = c.shared ? 0x80 : 0;
	for (int k = 0; k < 7; k++)
		mask |= *f[k] ? 1u << k : 0;
	*p++ = (unsigned char)mask;
	unsigned tf_mask = 0;
	for (int k = 0; k < KEYPACK_TF; k++)
		tf_mask |= c.tf[k] ? 1u << k : 0;
	*p++ = (unsigned char)tf_mask;
	for (int k = 0; k < 7; k++)
		if (*f[k])
			p = put_u64(p, *f[k]);
	for (int k = 0; k < KEYPACK_TF; k++)
		for (int i = 0; c.tf[k] && i < 4; i++)
			*p++ = (unsigned char)(c.tf[k] >> (8 * i));
	p = put_u64(p, c.fp);
	memcpy(p, c.cid, cid_len);
	strbuf_setlen(b, b->len + (size_t)(p - start) + cid_len);
}

int keypack_start(struct keypack_iter *it, const void *blob, size_t n, int64_t lo)
{
	it->p = blob;
	it->end = it->p + n;
	it->rowid = lo - 1;
	it->hi = lo + KEYPACK_SPAN - 1;
	if (!n || *it->p != KEYPACK_VERSION)
		return -1;
	it->p++;
	return 0;
}

static int get_varint(struct keypack_iter *it, uint64_t *v)
{
	*v = 0;
	for (int shift = 0; shift < 64 && it->p < it->end; shift += 7) {
		unsigned char c = *it->p++;
		*v |= (uint64_t)(c & 0x7f) << shift;
		if (!(c & 0x80))
			return 0;
	}
	return -1;
}

static int get_u64(struct keypack_iter *it, uint64_t *v)
{
	if (it->end - it->p < 8)
		return -1;
	*v = 0;
	for (int i = 0; i < 8; i++)
		*v |= (uint64_t)it->p[i] << (8 * i);
	it->p += 8;
	return 0;
}

int keypack_next(struct keypack_iter *it, struct keyrec *r)
{
	if (it->p == it->end)
		return 0;
	memset(r, 0, sizeof(*r));
	uint64_t v[4];
	for (int i = 0; i < 4; i++)
		if (get_varint(it, &v[i]))
			return -1;
	int64_t day = unzigzag(v[1]), secs = unzigzag(v[2]);
	if (!v[0] || v[0] > (uint64_t)(it->hi - it->rowid) || day != (int32_t)day ||
	    secs != (int32_t)secs || it->p == it->end)
		return -1;
	r->rowid = it->rowid += (int64_t)v[0];
	r->day = (int32_t)day;
	r->seconds = (int32_t)secs;
	r->person = wrap_sub(r->rowid, unzigzag(v[3]));
	unsigned mask = *it->p++;
	r->shared = (mask & 0x80) != 0;
	if (it->p == it->end || *it->p >> KEYPACK_TF)
		return -1;
	unsigned tf_mask = *it->p++;
	uint64_t *f[7];
	hash_fields(r, f);
	for (int k = 0; k < 7; k++)
		if ((mask & (1u << k)) && get_u64(it, f[k]))
			return -1;
	for (int k = 0; k < KEYPACK_TF; k++) {
		if (!(tf_mask & (1u << k)))
			continue;
		if (it->end - it->p < 4)
			return -1;
		for (int i = 0; i < 4; i++)
			r->tf[k] |= (uint32_t)it->p[i] << (8 * i);
		it->p += 4;
	}
	if (get_u64(it, &r->fp))
		return -1;
	const unsigned char *nul = memchr(it->p, 0, (size_t)(it->end - it->p));
	if (!nul)
		return -1;
	r->cid = (const char *)it->p;
	it->p = nul + 1;
	return 1;
}
