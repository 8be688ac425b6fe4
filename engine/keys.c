/* keys.c - a complaint's comparison keys, computed at load, in parallel. */
#include "engine/keys.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/normalize.h"
#include "engine/phone.h"
#include "engine/text.h"

/* The worker's working memory, reused for every complaint. */
struct keys_thread {
	struct arena *arena; /* the current batch's */
	struct name_scratch names;
	struct text_scratch text;
	struct strbuf tokens;
};

/* A batch of work: job(arg, i) for i < n. */
struct keys_batch {
	keys_job_fn *job;
	void *arg;
	size_t n;
};

struct keys_pool {
	pthread_t worker;
	pthread_mutex_t lock;
	pthread_cond_t cond;
	struct keys_batch queue[KEYS_QUEUE]; /* batch k at k % KEYS_QUEUE */
	size_t submitted, done;              /* batches so far; done <= submitted */
	int quit;
	int inline_only; /* one thread allowed (OMP_NUM_THREADS=1): no worker */
	struct keys_thread t;
};

static void keys_one(struct keys_thread *t, struct complaint *c);

static void *worker_main(void *arg)
{
	struct keys_pool *p = arg;
	pthread_mutex_lock(&p->lock);
	for (;;) {
		while (p->done == p->submitted && !p->quit)
			pthread_cond_wait(&p->cond, &p->lock);
		if (p->done == p->submitted) /* quit, and nothing is left to do */
			break;
		struct keys_batch b = p->queue[p->done % KEYS_QUEUE];
		pthread_mutex_unlock(&p->lock);
		for (size_t i = 0; i < b.n; i++)
			b.job(b.arg, i);
		pthread_mutex_lock(&p->lock);
		p->done++;
		pthread_cond_broadcast(&p->cond);
	}
	pthread_mutex_unlock(&p->lock);
	return NULL;
}

struct keys_pool *keys_pool_new(void)
{
	struct keys_pool *p = xcalloc(1, sizeof(*p));
	name_scratch_init(&p->t.names);
	strbuf_init(&p->t.tokens, 0);
	pthread_mutex_init(&p->lock, NULL);
	pthread_cond_init(&p->cond, NULL);
	p->inline_only = util_threads() == 1;
	if (!p->inline_only && pthread_create(&p->worker, NULL, worker_main, p) != 0) {
		fprintf(stderr, "nirakaran: cannot start a thread\n");
		exit(1);
	}
	return p;
}

int keys_pool_has_worker(const struct keys_pool *p)
{
	return !p->inline_only;
}

void keys_wait_job(struct keys_pool *p, size_t ticket)
{
	pthread_mutex_lock(&p->lock);
	while (p->done < ticket)
		pthread_cond_wait(&p->cond, &p->lock);
	pthread_mutex_unlock(&p->lock);
}

void keys_wait(struct keys_pool *p)
{
	pthread_mutex_lock(&p->lock);
	size_t all = p->submitted;
	pthread_mutex_unlock(&p->lock);
	keys_wait_job(p, all);
}

size_t keys_submit_job(struct keys_pool *p, keys_job_fn *job, void *arg, size_t n)
{
	if (p->inline_only) {
		for (size_t i = 0; i < n; i++)
			job(arg, i);
		return p->done = ++p->submitted;
	}
	pthread_mutex_lock(&p->lock);
	while (p->submitted - p->done >= KEYS_QUEUE)
		pthread_cond_wait(&p->cond, &p->lock);
	p->queue[p->submitted % KEYS_QUEUE] = (struct keys_batch){job, arg, n};
	size_t ticket = ++p->submitted;
	pthread_cond_broadcast(&p->cond);
	pthread_mutex_unlock(&p->lock);
	return ticket;
}

void keys_pool_free(struct keys_pool *p)
{
	if (!p)
		return;
	pthread_mutex_lock(&p->lock);
	p->quit = 1;
	pthread_cond_broadcast(&p->cond);
	pthread_mutex_unlock(&p->lock);
	if (!p->inline_only)
		pthread_join(p->worker, NULL);
	pthread_mutex_destroy(&p->lock);
	pthread_cond_destroy(&p->cond);
	name_scratch_release(&p->t.names);
	text_scratch_release(&p->t.text);
	strbuf_release(&p->t.tokens);
	free(p);
}

const char *keys_phone(const char *raw, char out[16])
{
	return phone_kind_name(phone_normalize(raw, strlen(raw), out));
}

static const char *keep(struct keys_thread *t, const char *s)
{
	return *s ? arena_strdup(t->arena, s) : NULL;
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
	c->name_flags = (int)k.flags;
	const char *relation = keep(t, k.relation); /* before the scratch is reused */
	relation_keys(t, c, relation);
}

void keys_compute(struct keys_pool *p, struct complaint *c, struct arena *out)
{
	p->t.arena = out;
	keys_one(&p->t, c);
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
		unsigned char *blob = arena_alloc(t->arena, TEXT_SIG_BYTES);
		text_sig_pack(sig, blob);
		c->text_sig = blob;
		c->text_sig_bytes = TEXT_SIG_BYTES;
	}
}
