/* keys.c - a complaint's comparison keys, computed at load, in parallel. */
#include "engine/keys.h"

#include <omp.h>
#include <stdlib.h>
#include <string.h>

#include "engine/normalize.h"
#include "engine/phone.h"
#include "engine/text.h"

/* One thread's working memory; the arena holds the batch's key strings. */
struct keys_thread {
	struct arena arena;
	struct name_scratch names;
	struct text_scratch text;
	struct strbuf tokens;
};

struct keys_pool {
	int nthreads;
	struct keys_thread *t;
};

struct keys_pool *keys_pool_new(void)
{
	struct keys_pool *p = xcalloc(1, sizeof(*p));
	p->nthreads = omp_get_max_threads();
	p->t = xcalloc((size_t)p->nthreads, sizeof(*p->t));
	for (int i = 0; i < p->nthreads; i++) {
		name_scratch_init(&p->t[i].names);
		strbuf_init(&p->t[i].tokens, 0);
	}
	return p;
}

void keys_pool_free(struct keys_pool *p)
{
	if (!p)
		return;
	for (int i = 0; i < p->nthreads; i++) {
		arena_release(&p->t[i].arena);
		name_scratch_release(&p->t[i].names);
		text_scratch_release(&p->t[i].text);
		strbuf_release(&p->t[i].tokens);
	}
	free(p->t);
	free(p);
}

const char *keys_phone(const char *raw, char out[16])
{
	return phone_kind_name(phone_normalize(raw, strlen(raw), out));
}

static const char *keep(struct keys_thread *t, const char *s)
{
	return *s ? arena_strdup(&t->arena, s) : NULL;
}

/*
 * The father's or husband's keys come from that column, or else from the
 * part of the name after S/O, W/O, पुत्र ... when the clerk typed it there.
 */
static void relation_keys(struct keys_thread *t, struct complaint *c, const char *from_name)
{
	struct name_keys k;
	const char *raw = c->father_raw && *c->father_raw ? c->father_raw : from_name;
	if (!raw || !*raw || name_keys(raw, strlen(raw), &t->names, &k))
		return;
	c->father_cmp = keep(t, k.cmp);
	c->father_bridge = keep(t, k.bridge);
}

static void name_fields(struct keys_thread *t, struct complaint *c)
{
	struct name_keys k;
	const char *raw = c->name_raw ? c->name_raw : "";
	if (name_keys(raw, strlen(raw), &t->names, &k)) {
		c->name_flags = NAME_EMPTY;
		return;
	}
	c->name_display = keep(t, k.display);
	c->name_cmp = keep(t, k.cmp);
	c->name_phon = keep(t, k.phon);
	c->name_bridge = keep(t, k.bridge);
	c->name_sorted = keep(t, k.sorted);
	c->name_flags = (int)k.flags;
	const char *relation = keep(t, k.relation); /* before the scratch is reused */
	relation_keys(t, c, relation);
}

static void keys_one(struct keys_thread *t, struct complaint *c)
{
	char mobile[16];
	const char *error;
	size_t error_at;
	uint32_t sig[TEXT_SIG_LEN];
	name_fields(t, c);
	c->mobile_kind = keys_phone(c->mobile_raw ? c->mobile_raw : "", mobile);
	c->mobile = keep(t, mobile);
	const char *d = c->description ? c->description : "";
	strbuf_reset(&t->tokens);
	if (text_keys(d, strlen(d), &t->text, &t->tokens, sig, &error, &error_at) == 0) {
		unsigned char *blob = arena_alloc(&t->arena, TEXT_SIG_LEN * 4);
		text_sig_pack(sig, blob);
		c->text_tokens = keep(t, t->tokens.buf);
		c->text_sig = blob;
		c->text_sig_bytes = TEXT_SIG_LEN * 4;
	}
}

void keys_batch(struct keys_pool *p, struct complaint *c, size_t n)
{
	for (int i = 0; i < p->nthreads; i++)
		arena_release(&p->t[i].arena);
#pragma omp parallel num_threads(p->nthreads)
	{
		struct keys_thread *t = &p->t[omp_get_thread_num()];
#pragma omp for schedule(dynamic, 64)
		for (size_t i = 0; i < n; i++)
			keys_one(t, &c[i]);
	}
}
