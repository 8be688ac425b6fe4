/*
 * failshim.c - fault injection for tests, after SQLite's method: loaded with
 * LD_PRELOAD, it makes one chosen call fail so a test can check that the
 * program fails cleanly at every point (tests/e2e/fault.sh).
 *
 *   FAIL_MALLOC=N   the Nth malloc/calloc/realloc/posix_memalign of the
 *                   process returns NULL (errno ENOMEM)
 *   FAIL_WRITE=N    the Nth write/pwrite/pwrite64/writev/fsync/fdatasync on
 *                   a file descriptor above 2 fails with ENOSPC (stderr and
 *                   stdout are left alone, so messages still get out).
 *                   glibc's stdio writes through its own internal write,
 *                   so while FAIL_WRITE is set (0: count only) a stream
 *                   fopen/fdopen opens for writing is made with fopencookie
 *                   over the write above: a buffer flushed is a write.
 *   FAIL_PERSIST=1  every call from the Nth on fails, not just the Nth
 *                   (a full disk stays full)
 *   FAIL_REPORT=F   at exit, F gets "mallocs M writes W injected I only O
 *                   mark K": the calls counted, the failures injected, the
 *                   allocations FAIL_ONLY counted, and FAIL_MARK's count
 *   FAIL_MARK=s     K is the count of allocations (FAIL_ONLY's, if set) when
 *                   a file whose path contains s was last opened by fopen
 *                   (-1: never), so a test can bound N to a phase of a run
 *   FAIL_SPARE=a:b  allocations called from a shared object whose path
 *                   contains a or b are never failed; the failure moves to
 *                   the next allocation. (OpenSSL 3.0 dereferences a NULL
 *                   lock when an allocation of its lazy start-up fails: a
 *                   bug of the library, which the test must not stop at.)
 *                   With FAIL_WRITE, a stream such an object opens is left
 *                   as it is: its writes are neither counted nor failed.
 *   FAIL_ONLY=a:b   only allocations called from a shared object whose path
 *                   contains a or b count for FAIL_MALLOC (N is the Nth of
 *                   those); the others never fail
 *
 * Built as a shared object (not part of libnk): glibc's __libc_malloc and
 * friends give the real allocator without dlsym, which itself allocates,
 * as _IO_fopen and _IO_fdopen give the real fopen and fdopen; writes go
 * straight to the system calls.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

void *__libc_malloc(size_t n);
void *__libc_calloc(size_t n, size_t size);
void *__libc_realloc(void *p, size_t n);
void *__libc_memalign(size_t align, size_t n);

static long fail_malloc = -1, fail_write = -1;
static int persist, ready, only, streams;
static long n_malloc, n_write, injected, n_only, mark = -1;
static _Thread_local int in_dladdr; /* dladdr should not allocate; if it does, pass */

/* Reads the settings once; before that (in the loader) nothing fails. */
static void setup(void)
{
	if (ready)
		return;
	ready = 1;
	const char *s;
	if ((s = getenv("FAIL_MALLOC")) && *s)
		fail_malloc = atol(s);
	if ((s = getenv("FAIL_WRITE")) && *s) {
		fail_write = atol(s);
		streams = 1;
	}
	persist = (s = getenv("FAIL_PERSIST")) && *s == '1';
	only = (s = getenv("FAIL_ONLY")) && *s;
}

static int hit(long n, long target)
{
	if (target <= 0 || n < target || (n > target && !persist))
		return 0;
	__atomic_add_fetch(&injected, 1, __ATOMIC_RELAXED);
	return 1;
}

/* Is the caller at address pc in one of the objects the variable names? */
static int from(void *pc, const char *var)
{
	const char *spare = getenv(var);
	Dl_info info;
	if (!spare || !*spare || in_dladdr)
		return 0;
	in_dladdr = 1;
	int found = dladdr(pc, &info) && info.dli_fname;
	in_dladdr = 0;
	if (!found)
		return 0;
	for (const char *p = spare; *p;) {
		size_t n = strcspn(p, ":");
		char name[64];
		if (n && n < sizeof(name)) {
			memcpy(name, p, n);
			name[n] = 0;
			if (strstr(info.dli_fname, name))
				return 1;
		}
		p += n + (p[n] == ':');
	}
	return 0;
}

static int malloc_fails(void *caller)
{
	setup();
	long n = __atomic_add_fetch(&n_malloc, 1, __ATOMIC_RELAXED);
	if (only) {
		if (in_dladdr || !from(caller, "FAIL_ONLY"))
			return 0;
		n = __atomic_add_fetch(&n_only, 1, __ATOMIC_RELAXED);
	}
	if (n == fail_malloc && from(caller, "FAIL_SPARE")) {
		fail_malloc++;
		return 0;
	}
	return hit(n, fail_malloc);
}

static int write_fails(int fd)
{
	setup();
	if (fd <= 2)
		return 0;
	if (hit(__atomic_add_fetch(&n_write, 1, __ATOMIC_RELAXED), fail_write)) {
		errno = ENOSPC;
		return 1;
	}
	return 0;
}

void *malloc(size_t n)
{
	if (malloc_fails(__builtin_return_address(0))) {
		errno = ENOMEM;
		return NULL;
	}
	return __libc_malloc(n);
}

void *calloc(size_t n, size_t size)
{
	if (malloc_fails(__builtin_return_address(0))) {
		errno = ENOMEM;
		return NULL;
	}
	return __libc_calloc(n, size);
}

void *realloc(void *p, size_t n)
{
	if (n && malloc_fails(__builtin_return_address(0))) {
		errno = ENOMEM;
		return NULL;
	}
	return __libc_realloc(p, n);
}

int posix_memalign(void **out, size_t align, size_t n)
{
	if (malloc_fails(__builtin_return_address(0)))
		return ENOMEM;
	void *p = __libc_memalign(align, n);
	if (!p)
		return ENOMEM;
	*out = p;
	return 0;
}

void *aligned_alloc(size_t align, size_t n)
{
	if (malloc_fails(__builtin_return_address(0))) {
		errno = ENOMEM;
		return NULL;
	}
	return __libc_memalign(align, n);
}

ssize_t write(int fd, const void *buf, size_t n)
{
	if (write_fails(fd))
		return -1;
	return syscall(SYS_write, fd, buf, n);
}

ssize_t pwrite(int fd, const void *buf, size_t n, off_t off)
{
	if (write_fails(fd))
		return -1;
	return syscall(SYS_pwrite64, fd, buf, n, off);
}

ssize_t pwrite64(int fd, const void *buf, size_t n, off_t off)
{
	return pwrite(fd, buf, n, off);
}

ssize_t writev(int fd, const struct iovec *iov, int cnt)
{
	if (write_fails(fd))
		return -1;
	return syscall(SYS_writev, fd, iov, cnt);
}

int fsync(int fd)
{
	if (write_fails(fd))
		return -1;
	return (int)syscall(SYS_fsync, fd);
}

int fdatasync(int fd)
{
	if (write_fails(fd))
		return -1;
	return (int)syscall(SYS_fdatasync, fd);
}

__attribute__((destructor)) static void report(void)
{
	const char *path = getenv("FAIL_REPORT");
	if (!path || !*path)
		return;
	char line[128];
	int n = snprintf(line, sizeof(line),
			 "mallocs %ld writes %ld injected %ld only %ld mark %ld\n", n_malloc,
			 n_write, injected, n_only, mark);
	int fd = (int)syscall(SYS_openat, AT_FDCWD, path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd >= 0) {
		syscall(SYS_write, fd, line, (size_t)n);
		syscall(SYS_close, fd);
	}
}

/* ---- stdio streams over the counted write ---- */

FILE *_IO_fopen(const char *path, const char *mode);
FILE *_IO_fdopen(int fd, const char *mode);

static ssize_t cookie_read(void *c, char *buf, size_t n)
{
	return syscall(SYS_read, (int)(long)c, buf, n);
}

/* The bytes written; fewer (0 at worst) sets the stream's error flag. */
static ssize_t cookie_write(void *c, const char *buf, size_t n)
{
	size_t done = 0;
	while (done < n) {
		ssize_t k = write((int)(long)c, buf + done, n - done);
		if (k <= 0)
			break;
		done += (size_t)k;
	}
	return (ssize_t)done;
}

static int cookie_seek(void *c, off64_t *pos, int whence)
{
	off64_t r = lseek64((int)(long)c, *pos, whence);
	if (r < 0)
		return -1;
	*pos = r;
	return 0;
}

static int cookie_close(void *c)
{
	return close((int)(long)c);
}

/* A stream for writing, not opened from an object FAIL_SPARE names. */
static int counted(const char *mode, void *caller)
{
	setup();
	return streams && strpbrk(mode, "wa+") && !from(caller, "FAIL_SPARE");
}

static const cookie_io_functions_t counted_io = {cookie_read, cookie_write, cookie_seek,
						 cookie_close};

/* fd as a stream whose writes go through write() above; closes fd on failure. */
static FILE *counted_stream(int fd, const char *mode)
{
	if (fd < 0)
		return NULL;
	FILE *f = fopencookie((void *)(long)fd, mode, counted_io);
	if (!f) {
		int saved = errno;
		close(fd);
		errno = saved;
	}
	return f;
}

static FILE *open_stream(const char *path, const char *mode, void *caller)
{
	const char *m = getenv("FAIL_MARK");
	if (m && *m && strstr(path, m))
		mark = only ? n_only : n_malloc;
	if (!counted(mode, caller))
		return _IO_fopen(path, mode);
	int flags = strchr(mode, '+') ? O_RDWR : O_WRONLY;
	if (*mode == 'w')
		flags |= O_CREAT | O_TRUNC;
	else if (*mode == 'a')
		flags |= O_CREAT | O_APPEND;
	if (strchr(mode, 'x'))
		flags |= O_EXCL;
	if (strchr(mode, 'e'))
		flags |= O_CLOEXEC;
	return counted_stream(open(path, flags, 0666), mode);
}

FILE *fopen(const char *path, const char *mode)
{
	return open_stream(path, mode, __builtin_return_address(0));
}

FILE *fopen64(const char *path, const char *mode)
{
	return open_stream(path, mode, __builtin_return_address(0));
}

FILE *fdopen(int fd, const char *mode)
{
	if (!counted(mode, __builtin_return_address(0)))
		return _IO_fdopen(fd, mode);
	return fopencookie((void *)(long)fd, mode, counted_io); /* fd stays open on failure */
}
