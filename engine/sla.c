/* sla.c - time limits, due dates, ageing (see sla.h). */
#include "engine/sla.h"

#include <stdlib.h>
#include <string.h>

static enum nk_err bad(struct strbuf *err, const char *sec, const char *key, const char *v,
		       const char *expected)
{
	strbuf_addf(err, "configuration [%s] %s = \"%s\": expected %s", sec, key, v, expected);
	return NK_ECONFIG;
}

static enum nk_err parse_default_days(struct sla_config *sc, const char *v, struct strbuf *err)
{
	const char *p = v;
	int n = 0;
	while (*p && n < SLA_MAX_LEVELS) {
		char *end;
		long d = strtol(p, &end, 10);
		if (end == p || d < 0 || d > 3650)
			return bad(err, "sla", "default_days", v,
				   "days per level separated by commas, such as 7, 7, 15, 30");
		sc->default_days[n++] = (int)d;
		p = end;
		while (*p == ' ' || *p == ',' || *p == '\t')
			p++;
	}
	for (int i = n; i < SLA_MAX_LEVELS; i++)
		sc->default_days[i] = sc->default_days[n - 1];
	return NK_OK;
}

static enum nk_err parse_auto(struct sla_config *sc, const char *v, struct strbuf *err)
{
	const char *p = v;
	sc->auto_mask = 0;
	while (*p) {
		while (*p == ' ' || *p == ',' || *p == '\t')
			p++;
		if (!*p)
			break;
		char *end;
		long a = strtol(p, &end, 10), b;
		if (end == p || *end != '-')
			return bad(err, "levels", "auto_escalate", v, "steps such as 1-2, 2-3");
		p = end + 1;
		b = strtol(p, &end, 10);
		if (end == p || b != a + 1 || a < 1 || a >= SLA_MAX_LEVELS)
			return bad(err, "levels", "auto_escalate", v,
				   "steps from one level to the next, such as 1-2, 2-3");
		sc->auto_mask |= 1u << a;
		p = end;
	}
	return NK_OK;
}

static int get_int(const struct config *cfg, const char *sec, const char *key, long def, long lo,
		   long hi, int *out, struct strbuf *err)
{
	long v;
	if (config_int(cfg, sec, key, def, &v, err))
		return -1;
	if (v < lo || v > hi) {
		strbuf_addf(err, "configuration [%s] %s = %ld: expected %ld to %ld", sec, key, v,
			    lo, hi);
		return -1;
	}
	*out = (int)v;
	return 0;
}

enum nk_err sla_config_load(struct sla_config *sc, const struct config *cfg, struct strbuf *err)
{
	memset(sc, 0, sizeof(*sc));
	if (get_int(cfg, "levels", "count", 4, 1, SLA_MAX_LEVELS, &sc->levels, err) ||
	    get_int(cfg, "sla", "category_change_days", 3, 0, 365, &sc->category_change_days,
		    err) ||
	    get_int(cfg, "levels", "oj_level", 4, 1, SLA_MAX_LEVELS, &sc->oj_level, err) ||
	    get_int(cfg, "levels", "state_level", 4, 1, SLA_MAX_LEVELS, &sc->state_level, err))
		return NK_ECONFIG;
	if (parse_default_days(sc, config_str(cfg, "sla", "default_days", "7, 7, 15, 30, 30"), err))
		return NK_ECONFIG;
	if (parse_auto(sc, config_str(cfg, "levels", "auto_escalate", "1-2, 2-3"), err))
		return NK_ECONFIG;
	return NK_OK;
}

void sla_categories_init(struct sla_categories *c)
{
	memset(c, 0, sizeof(*c));
	strmap_init(&c->names);
}

void sla_categories_release(struct sla_categories *c)
{
	for (size_t i = 0; i < c->names.n; i++)
		free(c->department[i]);
	free(c->department);
	free(c->days);
	strmap_release(&c->names);
	memset(c, 0, sizeof(*c));
}

void sla_categories_add(struct sla_categories *c, const char *name, const char *department,
			const int days[5])
{
	int added;
	long i = strmap_put(&c->names, name, &added);
	if (added) {
		/* department and days grow together: one alloc counts both */
		ALLOC_GROW(c->department, c->names.n, c->alloc);
		c->days = xrealloc(c->days, c->alloc * sizeof(*c->days));
		c->department[i] = NULL;
	}
	free(c->department[i]);
	c->department[i] = xstrdup(department ? department : "");
	for (int l = 0; l < SLA_MAX_LEVELS; l++)
		c->days[i][l] = l < 5 ? days[l] : -1;
}

enum nk_err sla_categories_load(struct sla_categories *c, struct store *st, struct strbuf *err)
{
	sqlite3_stmt *s = store_prepare(st, "SELECT category, department, days_l1, days_l2,"
					    " days_l3, days_l4, days_l5 FROM categories");
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		int days[5];
		for (int l = 0; l < 5; l++)
			days[l] = sqlite3_column_type(s, 2 + l) == SQLITE_NULL
					  ? -1
					  : sqlite3_column_int(s, 2 + l);
		sla_categories_add(c, (const char *)sqlite3_column_text(s, 0),
				   (const char *)sqlite3_column_text(s, 1), days);
	}
	sqlite3_finalize(s);
	return rc == SQLITE_DONE ? NK_OK : store_error(st, "cannot read the categories", err);
}

int sla_days(const struct sla_config *sc, const struct sla_categories *c, long cat, int level,
	     int *from_default)
{
	if (level < 1)
		level = 1;
	if (level > SLA_MAX_LEVELS)
		level = SLA_MAX_LEVELS;
	int d = cat >= 0 ? c->days[cat][level - 1] : -1;
	if (from_default)
		*from_default = d < 0;
	return d >= 0 ? d : sc->default_days[level - 1];
}

int sla_level_start_computed(const struct sla_config *sc, const struct sla_categories *c,
			     const struct calendar *cal, long cat, int reg_day, int level)
{
	int d = reg_day;
	for (int l = 1; l < level && l <= SLA_MAX_LEVELS; l++)
		d = calendar_add(cal, d, sla_days(sc, c, cat, l, NULL));
	return d;
}

const char *sla_age_bucket(int age)
{
	static const struct {
		int max;
		const char *name;
	} b[] = {{7, "0-7"},    {15, "8-15"},    {30, "16-30"},
		 {50, "31-50"}, {100, "51-100"}, {300, "101-300"}};
	for (size_t i = 0; i < sizeof(b) / sizeof(b[0]); i++)
		if (age <= b[i].max)
			return b[i].name;
	return ">300";
}

int sla_step_is_auto(const struct sla_config *sc, int from_level)
{
	return from_level >= 1 && from_level < SLA_MAX_LEVELS && (sc->auto_mask >> from_level) & 1;
}
