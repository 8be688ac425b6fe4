/* outfile.c - temporary name, fsync and rename (see outfile.h). */
#include "reports/outfile.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/*
 * Temporary names handed out and not yet committed. When the process exits
 * on its own before committing them (out of memory: xmalloc exits), an
 * atexit handler removes them, so no half-written file stays behind; so
 * does a fatal signal (a crash in a library, a kill from the console).
 */
static char **pending;
static size_t npending, pending_alloc;
static pthread_mutex_t pending_lock = PTHREAD_MUTEX_INITIALIZER; /* not the handlers' */

static void remove_pending(void)
{
	for (size_t i = 0; i < npending; i++)
		if (pending[i])
			unlink(pending[i]);
}

/* Removes the files, then lets the signal take its usual course
 * (SA_RESETHAND restored the default action; unlink is async-signal-safe). */
static void on_fatal_signal(int sig)
{
	remove_pending();
	raise(sig);
}

static void catch_fatal_signals(void)
{
	static const int sigs[] = {SIGSEGV, SIGBUS,  SIGABRT, SIGFPE,
				   SIGILL,  SIGTERM, SIGINT,  SIGHUP};
	struct sigaction sa, old;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_fatal_signal;
	sa.sa_flags = SA_RESETHAND | SA_NODEFER;
	sigemptyset(&sa.sa_mask);
	for (size_t i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++) {
		/* A signal ignored (nohup) or caught (a sanitizer) stays so. */
		if (!sigaction(sigs[i], NULL, &old) && old.sa_handler == SIG_DFL)
			sigaction(sigs[i], &sa, NULL);
	}
}

static void forget_pending(const char *tmp)
{
	pthread_mutex_lock(&pending_lock);
	for (size_t i = 0; i < npending; i++) {
		if (pending[i] && !strcmp(pending[i], tmp)) {
			free(pending[i]);
			pending[i] = NULL;
		}
	}
	pthread_mutex_unlock(&pending_lock);
}

void outfile_tmpname(const char *path, struct strbuf *tmp)
{
	const char *slash = strrchr(path, '/');
	const char *base = slash ? slash + 1 : path;
	size_t start = tmp->len;
	strbuf_add(tmp, path, (size_t)(base - path));
	strbuf_addf(tmp, ".%s.tmp-%ld", base, (long)getpid());
	pthread_mutex_lock(&pending_lock);
	if (!pending_alloc) {
		atexit(remove_pending);
		catch_fatal_signals();
	}
	ALLOC_GROW(pending, npending + 1, pending_alloc);
	pending[npending++] = xstrdup(tmp->buf + start);
	pthread_mutex_unlock(&pending_lock);
}

/* The folder of path, for the fsync that makes the rename durable. */
static void dir_of(const char *path, struct strbuf *dir)
{
	const char *slash = strrchr(path, '/');
	if (!slash)
		strbuf_addstr(dir, ".");
	else if (slash == path)
		strbuf_addstr(dir, "/");
	else
		strbuf_add(dir, path, (size_t)(slash - path));
}

static int fsync_path(const char *path, int flags)
{
	int fd = open(path, flags | O_CLOEXEC);
	if (fd < 0)
		return -1;
	int rc = fsync(fd);
	int saved = errno;
	close(fd);
	errno = saved;
	return rc;
}

enum nk_err outfile_commit(const char *tmp, const char *path, struct strbuf *err)
{
	struct strbuf dir = STRBUF_INIT;
	if (fsync_path(tmp, O_RDONLY)) {
		strbuf_addf(err, "cannot write %s: saving to disk failed: %s", path,
			    strerror(errno));
		unlink(tmp);
		return NK_EIO;
	}
	if (rename(tmp, path)) {
		strbuf_addf(err, "cannot write %s: renaming %s to it failed: %s", path, tmp,
			    strerror(errno));
		unlink(tmp);
		return NK_EIO;
	}
	forget_pending(tmp);
	dir_of(path, &dir);
	/* A folder fsync can fail on some filesystems (EINVAL); the file itself is safe. */
	if (fsync_path(dir.buf, O_RDONLY | O_DIRECTORY) && errno != EINVAL) {
		strbuf_addf(err, "cannot write %s: saving folder %s to disk failed: %s", path,
			    dir.buf, strerror(errno));
		strbuf_release(&dir);
		return NK_EIO;
	}
	strbuf_release(&dir);
	return NK_OK;
}

void outfile_set_add(struct outfile_set *set, int fd, const char *tmp, const char *path)
{
	/* starts the write-back now, so the fsyncs at the end find it done */
	if (fd >= 0)
		sync_file_range(fd, 0, 0, SYNC_FILE_RANGE_WRITE);
	ALLOC_GROW(set->f, set->n + 1, set->alloc);
	set->f[set->n++] = (struct outfile_pair){xstrdup(tmp), xstrdup(path)};
}

/* Removes the files not yet renamed. */
static void set_drop(struct outfile_set *set)
{
	for (size_t i = set->renamed; i < set->n; i++) {
		unlink(set->f[i].tmp);
		forget_pending(set->f[i].tmp);
	}
	set->renamed = set->n;
}

enum nk_err outfile_set_commit(struct outfile_set *set, struct strbuf *err)
{
	for (size_t i = set->renamed; i < set->n; i++) {
		if (fsync_path(set->f[i].tmp, O_RDONLY)) {
			strbuf_addf(err, "cannot write %s: saving to disk failed: %s",
				    set->f[i].path, strerror(errno));
			set_drop(set);
			return NK_EIO;
		}
	}
	size_t first = set->renamed;
	for (; set->renamed < set->n; set->renamed++) {
		struct outfile_pair *p = &set->f[set->renamed];
		if (rename(p->tmp, p->path)) {
			strbuf_addf(err, "cannot write %s: renaming %s to it failed: %s", p->path,
				    p->tmp, strerror(errno));
			set_drop(set);
			return NK_EIO;
		}
		forget_pending(p->tmp);
	}
	if (first == set->n)
		return NK_OK;
	struct strbuf dir = STRBUF_INIT;
	enum nk_err rc = NK_OK;
	dir_of(set->f[first].path, &dir);
	if (fsync_path(dir.buf, O_RDONLY | O_DIRECTORY) && errno != EINVAL) {
		strbuf_addf(err, "cannot write %s: saving folder %s to disk failed: %s",
			    set->f[first].path, dir.buf, strerror(errno));
		rc = NK_EIO;
	}
	strbuf_release(&dir);
	return rc;
}

void outfile_set_release(struct outfile_set *set)
{
	set_drop(set);
	for (size_t i = 0; i < set->n; i++) {
		free(set->f[i].tmp);
		free(set->f[i].path);
	}
	free(set->f);
	memset(set, 0, sizeof(*set));
}

int outfile_mkdirs(const char *dir, struct strbuf *err)
{
	struct strbuf p = STRBUF_INIT;
	strbuf_addstr(&p, dir);
	for (size_t i = 1; i <= p.len; i++) {
		if (i < p.len && p.buf[i] != '/')
			continue;
		char saved = p.buf[i];
		p.buf[i] = '\0';
		if (mkdir(p.buf, 0777) && errno != EEXIST) {
			strbuf_addf(err, "cannot create folder %s: %s", p.buf, strerror(errno));
			strbuf_release(&p);
			return -1;
		}
		p.buf[i] = saved;
	}
	struct stat sb;
	if (stat(dir, &sb) || !S_ISDIR(sb.st_mode)) {
		strbuf_addf(err, "cannot create folder %s: a file of that name is in the way", dir);
		strbuf_release(&p);
		return -1;
	}
	strbuf_release(&p);
	return 0;
}
