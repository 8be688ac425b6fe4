/*
 * outfile.h - how every report file reaches the output folder: it is
 * written under a temporary name beside its final name, closed, fsync'ed,
 * renamed over the final name and the folder fsync'ed, so a crash (or a full
 * disk) at any moment leaves either the previous complete file or the new
 * complete file, never a half-written one.
 */
#ifndef NK_OUTFILE_H
#define NK_OUTFILE_H

#include "engine/error.h"
#include "engine/util.h"

/*
 * The temporary name for path: ".NAME.tmp-PID" in the same folder (so the
 * rename stays on one filesystem). Appended to tmp.
 */
void outfile_tmpname(const char *path, struct strbuf *tmp);

/*
 * fsyncs the written file tmp, renames it to path and fsyncs path's folder.
 * On failure removes tmp, returns NK_EIO and appends a message naming path.
 */
enum nk_err outfile_commit(const char *tmp, const char *path, struct strbuf *err);

/*
 * Many files of one folder written as one set (the WhatsApp texts): each is
 * handed to the disk as soon as it is written (outfile_set_add), and at the
 * end outfile_set_commit fsyncs and renames them all and fsyncs the folder
 * once. A file-by-file commit waited for a journal commit per file and per
 * rename. On failure the files not yet renamed are removed.
 */
struct outfile_set {
	struct outfile_pair {
		char *tmp, *path;
	} *f;
	size_t n, alloc;
	size_t renamed; /* f[0 .. renamed) are in place */
};

/* tmp was written to fd, still open (-1: closed already), and becomes path
 * at the commit. */
void outfile_set_add(struct outfile_set *set, int fd, const char *tmp, const char *path);
enum nk_err outfile_set_commit(struct outfile_set *set, struct strbuf *err);
void outfile_set_release(struct outfile_set *set); /* removes what was not committed */

/* Creates dir and its missing parents (mode 0777 & umask). 0, or -1 with err set. */
int outfile_mkdirs(const char *dir, struct strbuf *err);

#endif
