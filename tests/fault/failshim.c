/*
 * failshim.c - fault injection for tests, after SQLite's method: loaded with
 * LD_PRELOAD, it makes one chosen call fail so a test can check that the
 * program fails cleanly at every point (tests/e2e/fault.sh).
 *
 *   FAIL_MALLOC=N   the Nth malloc/calloc/realloc/posix_memalign of the
 *                   process returns NULL (errno ENOMEM)
 *   FAIL_WRITE=N    the Nth write/pwrite/pwrite64/writev/fsync/fdatasync on
 *                   a file descriptor above 2 fails with ENOSPC (stderr and
 *                   stdout are left alone, so messages still get out)
 *   FAIL_PERSIST=1  every call from the Nth on fails, not just the Nth
 *                   (a full disk stays full)
 *   FAIL_REPORT=F   at exit, F gets "mallocs M writes W injected I": the
 *                   calls counted and the failures injected
 *   FAIL_SPARE=a:b  allocations called from a shared object whose path
 *                   contains a or b are never failed; the failure moves to
 *                   the next allocation. (OpenSSL 3.0 dereferences a NULL
 *                   lock when an allocation of its lazy start-up fails: a
 *                   bug of the library, which the test must not stop at.)
 *
 * Built as a shared object (not part of libnk): glibc's __libc_malloc and
 * friends give the real allocator without dlsym, which itself allocates;
 * writes go straight to the system calls.
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
static int persist, ready;
static long n_malloc, n_write, injected;

/* Reads the settings once; before that (in the loader) nothing fails. */
static void setup(void)
{
	if (ready)
		return;
	ready = 1;
	const char *s;
	if ((s = getenv("FAIL_MALLOC")) && *s)
		fail_malloc = atol(s);
	if ((s = getenv("FAIL_WRITE")) && *s)
		fail_write = atol(s);
	persist = (s = getenv("FAIL_PERSIST")) && *s == '1';
}

static int hit(long n, long target)
{
	if (target <= 0 || n < target || (n > target && !persist))
		return 0;
	__atomic_add_fetch(&injected, 1, __ATOMIC_RELAXED);
	return 1;
}

/* Is the caller at address pc in one of the objects FAIL_SPARE names? */
static int spared(void *pc)
{
	const char *spare = getenv("FAIL_SPARE");
	Dl_info info;
	if (!spare || !*spare || !dladdr(pc, &info) || !info.dli_fname)
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
	if (n == fail_malloc && spared(caller)) {
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
	int n = snprintf(line, sizeof(line), "mallocs %ld writes %ld injected %ld\n", n_malloc,
			 n_write, injected);
	int fd = (int)syscall(SYS_openat, AT_FDCWD, path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd >= 0) {
		syscall(SYS_write, fd, line, (size_t)n);
		syscall(SYS_close, fd);
	}
}
