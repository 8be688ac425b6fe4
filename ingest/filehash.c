/* filehash.c - a file's sha256 on a thread (see filehash.h). */
#include "ingest/filehash.h"

#include <errno.h>

#include "engine/util.h"

static void hash_now(struct filehash *h)
{
	errno = 0;
	h->err = sha256_file(h->path, h->hex) ? (errno ? errno : EIO) : 0;
	__atomic_store_n(&h->done, 1, __ATOMIC_RELEASE);
}

static void *hash_main(void *arg)
{
	hash_now(arg);
	return NULL;
}

void filehash_start(struct filehash *h, const char *path)
{
	h->path = path;
	h->done = 0;
	h->running = util_threads() > 1 && pthread_create(&h->thread, NULL, hash_main, h) == 0;
	if (!h->running)
		hash_now(h);
}

int filehash_ready(struct filehash *h)
{
	return __atomic_load_n(&h->done, __ATOMIC_ACQUIRE);
}

int filehash_wait(struct filehash *h)
{
	if (h->running)
		pthread_join(h->thread, NULL);
	h->running = 0;
	return h->err ? -1 : 0;
}
