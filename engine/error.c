/* error.c - descriptions of the error codes. */
#include "engine/error.h"

const char *nk_strerror(enum nk_err e)
{
	switch (e) {
	case NK_OK: return "success";
	case NK_EIO: return "input/output error";
	case NK_EFORMAT: return "file format error";
	case NK_EDB: return "database error";
	case NK_ELOCKED: return "database locked by another run";
	case NK_ECONFIG: return "configuration error";
	case NK_ENOTFOUND: return "not found";
	case NK_EREFUSED: return "refused";
	case NK_EUSAGE: return "usage error";
	}
	return "unknown error";
}
