/*
 * config.h - the district's INI configuration (read with libinih).
 *
 * Values are kept as text by section and key; typed getters apply the
 * documented defaults, so each stage reads only the keys it owns. Relative
 * paths in [paths] and [sla] holidays are resolved against the folder of
 * the configuration file.
 */
#ifndef NK_CONFIG_H
#define NK_CONFIG_H

#include "engine/util.h"

struct config_entry {
	char *section, *key, *value;
	int used;
};

struct config {
	char *path; /* NULL when no file was given: every getter returns its default */
	char *dir;  /* folder of path, for relative paths */
	struct config_entry *e;
	size_t n, alloc;
};

/* Loads path into cfg (path NULL: an empty config). 0, or -1 with err set. */
int config_load(struct config *cfg, const char *path, struct strbuf *err);
void config_release(struct config *cfg);

const char *config_get(const struct config *cfg, const char *section, const char *key);
const char *config_str(const struct config *cfg, const char *section, const char *key,
		       const char *def);
/* Integer value; on a value that is not an integer, -1 with err set. */
int config_int(const struct config *cfg, const char *section, const char *key, long def, long *out,
	       struct strbuf *err);
int config_double(const struct config *cfg, const char *section, const char *key, double def,
		  double *out, struct strbuf *err);
/* yes/no, true/false, on/off, 1/0. */
int config_bool(const struct config *cfg, const char *section, const char *key, int def, int *out,
		struct strbuf *err);
/* A path resolved against the config's folder; malloc'd, or NULL when unset and def is NULL. */
char *config_path(const struct config *cfg, const char *section, const char *key, const char *def);

/* Calls fn for each key of a section, in file order. */
void config_each(const struct config *cfg, const char *section,
		 void (*fn)(const char *key, const char *value, void *ctx), void *ctx);

/* Sets a value (used by tests and by command-line overrides). */
void config_set(struct config *cfg, const char *section, const char *key, const char *value);

#endif
