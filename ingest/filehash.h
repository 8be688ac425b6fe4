/*
 * filehash.h - a file's sha256, read on a thread of its own while the file
 * is loaded. A million-row export is 700 MB: read for its hash before the
 * load, it kept both cores but one idle for 0.4 s.
 */
#ifndef NK_FILEHASH_H
#define NK_FILEHASH_H

#include <pthread.h>

struct filehash {
	const char *path;
	char hex[65];
	int err;     /* errno when the file could not be read */
	int done;    /* set once hex or err is final (read with filehash_ready) */
	int running; /* a thread is reading it */
	pthread_t thread;
};

/* Starts reading path's sha256: on a thread when the process may run two,
 * else at once. path must outlive filehash_wait. */
void filehash_start(struct filehash *h, const char *path);
/* Whether filehash_wait would return at once. */
int filehash_ready(struct filehash *h);
/* Waits for it: 0 with h->hex, or -1 with h->err. Call once. */
int filehash_wait(struct filehash *h);

#endif
