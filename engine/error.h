/*
 * error.h - the error codes every stage returns. The message with its
 * context (file, row, column) is recorded by the callee in a struct strbuf
 * the caller passes; only cli/ prints it.
 */
#ifndef NK_ERROR_H
#define NK_ERROR_H

enum nk_err {
	NK_OK = 0,    /* success */
	NK_EIO,       /* a file could not be read or written */
	NK_EFORMAT,   /* a file is not what it should be (bad header, not a CSV, ...) */
	NK_EDB,       /* SQLite reported an error */
	NK_ELOCKED,   /* another run holds the database's lock */
	NK_ECONFIG,   /* the configuration file is wrong */
	NK_ENOTFOUND, /* a named thing (complaint, officer, sheet) does not exist */
	NK_EREFUSED,  /* a request that the rules refuse (wrong OTP, stale workbook) */
	NK_EUSAGE     /* the command was called wrongly */
};

/* A short English description of the code, for logs. */
const char *nk_strerror(enum nk_err e);

#endif
