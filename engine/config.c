/* config.c - INI configuration through libinih. */
#include "engine/config.h"

#include <errno.h>
#include <ini.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static void add_entry(struct config *cfg, const char *section, const char *key, const char *value)
{
	ALLOC_GROW(cfg->e, cfg->n + 1, cfg->alloc);
	struct config_entry *e = &cfg->e[cfg->n++];
	e->section = xstrdup(section);
	e->key = xstrdup(key);
	e->value = xstrdup(value ? value : "");
	e->used = 0;
}

/* Debian's libinih is built without line numbers in the handler. */
static int on_entry(void *user, const char *section, const char *key, const char *value)
{
	add_entry(user, section, key, value);
	return 1;
}

int config_load(struct config *cfg, const char *path, struct strbuf *err)
{
	memset(cfg, 0, sizeof(*cfg));
	if (!path)
		return 0;
	cfg->path = xstrdup(path);
	const char *slash = strrchr(path, '/');
	cfg->dir = slash ? xstrndup(path, (size_t)(slash - path)) : xstrdup(".");
	FILE *f = fopen(path, "r");
	if (!f) {
		strbuf_addf(err, "cannot open the configuration file %s: %s", path,
			    strerror(errno));
		return -1;
	}
	int rc = ini_parse_file(f, on_entry, cfg);
	fclose(f);
	if (rc != 0) {
		strbuf_addf(err, "%s:%d: this line is not 'key = value' nor '[section]'", path, rc);
		return -1;
	}
	return 0;
}

void config_release(struct config *cfg)
{
	for (size_t i = 0; i < cfg->n; i++) {
		free(cfg->e[i].section);
		free(cfg->e[i].key);
		free(cfg->e[i].value);
	}
	free(cfg->e);
	free(cfg->path);
	free(cfg->dir);
	memset(cfg, 0, sizeof(*cfg));
}

static struct config_entry *find(const struct config *cfg, const char *section, const char *key)
{
	/* Later entries win, as in most INI readers. */
	for (size_t i = cfg->n; i-- > 0;)
		if (!strcasecmp(cfg->e[i].section, section) && !strcasecmp(cfg->e[i].key, key))
			return &cfg->e[i];
	return NULL;
}

const char *config_get(const struct config *cfg, const char *section, const char *key)
{
	struct config_entry *e = find(cfg, section, key);
	if (!e)
		return NULL;
	e->used = 1;
	return e->value;
}

const char *config_str(const struct config *cfg, const char *section, const char *key,
		       const char *def)
{
	const char *v = config_get(cfg, section, key);
	return v && *v ? v : def;
}

static void where(const struct config *cfg, const char *section, const char *key,
		  struct strbuf *err)
{
	struct config_entry *e = find(cfg, section, key);
	strbuf_addf(err, "%s: [%s] %s = %s: ", cfg->path ? cfg->path : "(settings)", section, key,
		    e ? e->value : "");
}

int config_int(const struct config *cfg, const char *section, const char *key, long def, long *out,
	       struct strbuf *err)
{
	const char *v = config_str(cfg, section, key, NULL);
	char *end;
	if (!v) {
		*out = def;
		return 0;
	}
	errno = 0;
	long n = strtol(v, &end, 10);
	while (*end == ' ')
		end++;
	if (errno || end == v || *end) {
		where(cfg, section, key, err);
		strbuf_addstr(err, "expected a whole number");
		return -1;
	}
	*out = n;
	return 0;
}

int config_double(const struct config *cfg, const char *section, const char *key, double def,
		  double *out, struct strbuf *err)
{
	const char *v = config_str(cfg, section, key, NULL);
	char *end;
	if (!v) {
		*out = def;
		return 0;
	}
	double d = strtod(v, &end);
	while (*end == ' ')
		end++;
	if (end == v || *end) {
		where(cfg, section, key, err);
		strbuf_addstr(err, "expected a number such as 0.85");
		return -1;
	}
	*out = d;
	return 0;
}

int config_bool(const struct config *cfg, const char *section, const char *key, int def, int *out,
		struct strbuf *err)
{
	static const char *yes[] = {"yes", "true", "on", "1"}, *no[] = {"no", "false", "off", "0"};
	const char *v = config_str(cfg, section, key, NULL);
	if (!v) {
		*out = def;
		return 0;
	}
	for (int i = 0; i < 4; i++) {
		if (!strcasecmp(v, yes[i])) {
			*out = 1;
			return 0;
		}
		if (!strcasecmp(v, no[i])) {
			*out = 0;
			return 0;
		}
	}
	where(cfg, section, key, err);
	strbuf_addstr(err, "expected yes or no");
	return -1;
}

char *config_path(const struct config *cfg, const char *section, const char *key, const char *def)
{
	const char *v = config_str(cfg, section, key, def);
	if (!v)
		return NULL;
	if (v[0] == '/' || !cfg->dir)
		return xstrdup(v);
	struct strbuf sb = STRBUF_INIT;
	strbuf_addf(&sb, "%s/%s", cfg->dir, v);
	return strbuf_detach(&sb, NULL);
}

void config_each(const struct config *cfg, const char *section,
		 void (*fn)(const char *key, const char *value, void *ctx), void *ctx)
{
	for (size_t i = 0; i < cfg->n; i++) {
		if (!strcasecmp(cfg->e[i].section, section)) {
			cfg->e[i].used = 1;
			fn(cfg->e[i].key, cfg->e[i].value, ctx);
		}
	}
}

void config_set(struct config *cfg, const char *section, const char *key, const char *value)
{
	add_entry(cfg, section, key, value);
}
