/* calendar.c - calendar and working days, holidays (see calendar.h). */
#include "engine/calendar.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/date.h"

void calendar_init(struct calendar *cal)
{
	memset(cal, 0, sizeof(*cal));
	cal->off_mask = (1u << 0) | (1u << 6);
}

void calendar_release(struct calendar *cal)
{
	free(cal->hol);
	calendar_init(cal);
}

void calendar_add_holiday(struct calendar *cal, int day)
{
	if (!cal->hol) {
		cal->hol_first = day;
		cal->hol_len = 1;
		cal->hol = xcalloc(1, 1);
	} else if (day < cal->hol_first || day >= cal->hol_first + cal->hol_len) {
		int first = day < cal->hol_first ? day : cal->hol_first;
		int last = day >= cal->hol_first + cal->hol_len ? day
								: cal->hol_first + cal->hol_len - 1;
		uint8_t *n = xcalloc((size_t)(last - first + 1), 1);
		memcpy(n + (cal->hol_first - first), cal->hol, (size_t)cal->hol_len);
		free(cal->hol);
		cal->hol = n;
		cal->hol_first = first;
		cal->hol_len = last - first + 1;
	}
	if (!cal->hol[day - cal->hol_first])
		cal->nholidays++;
	cal->hol[day - cal->hol_first] = 1;
}

int calendar_is_holiday(const struct calendar *cal, int day)
{
	return cal->hol && day >= cal->hol_first && day < cal->hol_first + cal->hol_len &&
	       cal->hol[day - cal->hol_first];
}

int calendar_is_working(const struct calendar *cal, int day)
{
	return !(cal->off_mask & (1u << date_weekday(day))) && !calendar_is_holiday(cal, day);
}

int calendar_add(const struct calendar *cal, int start, int n)
{
	if (n <= 0)
		return start;
	if (!cal->working)
		return start + n;
	/* A config with every weekday off would never finish: count 7 a week then. */
	if (cal->off_mask == 0x7f)
		return start + n;
	int d = start;
	while (n > 0) {
		d++;
		if (calendar_is_working(cal, d))
			n--;
	}
	return d;
}

static const struct {
	const char *name;
	int wday;
} weekdays[] = {
	{"sun", 0}, {"sunday", 0},    {"रवि", 0}, {"रविवार", 0},  {"mon", 1}, {"monday", 1},
	{"सोम", 1}, {"सोमवार", 1},    {"tue", 2}, {"tuesday", 2}, {"मंगल", 2}, {"मंगलवार", 2},
	{"wed", 3}, {"wednesday", 3}, {"बुध", 3},  {"बुधवार", 3},   {"thu", 4}, {"thursday", 4},
	{"गुरु", 4},  {"गुरुवार", 4},     {"fri", 5}, {"friday", 5},  {"शुक्र", 5}, {"शुक्रवार", 5},
	{"sat", 6}, {"saturday", 6},  {"शनि", 6}, {"शनिवार", 6},
};

static enum nk_err parse_weekly_off(struct calendar *cal, const char *v, struct strbuf *err)
{
	unsigned mask = 0;
	const char *p = v;
	while (*p) {
		while (*p == ' ' || *p == ',' || *p == '\t')
			p++;
		const char *s = p;
		while (*p && *p != ',' && *p != ' ' && *p != '\t')
			p++;
		if (p == s)
			break;
		char word[32];
		size_t len =
			(size_t)(p - s) < sizeof(word) - 1 ? (size_t)(p - s) : sizeof(word) - 1;
		for (size_t i = 0; i < len; i++)
			word[i] = (char)tolower((unsigned char)s[i]);
		word[len] = 0;
		size_t k;
		for (k = 0; k < sizeof(weekdays) / sizeof(weekdays[0]); k++)
			if (!strcmp(weekdays[k].name, word))
				break;
		if (k == sizeof(weekdays) / sizeof(weekdays[0])) {
			strbuf_addf(err,
				    "[sla] weekly_off: \"%s\" is not a day of the week "
				    "(expected names like sat, sun)",
				    word);
			return NK_ECONFIG;
		}
		mask |= 1u << weekdays[k].wday;
	}
	cal->off_mask = mask;
	return NK_OK;
}

/* One line of the holiday file: blank, comment, header (line 1) or a date. */
static enum nk_err holiday_line(struct calendar *cal, char *line, const char *path, int lineno,
				struct strbuf *err)
{
	char *s = line;
	while (*s == ' ' || *s == '\t' || *s == '"')
		s++;
	if (lineno == 1 && !strncmp(s, "\xef\xbb\xbf", 3))
		s += 3;
	size_t len = strcspn(s, ",;\t\r\n#");
	while (len && (s[len - 1] == ' ' || s[len - 1] == '"'))
		len--;
	if (!len)
		return NK_OK;
	struct datetime dt;
	const char *why = NULL;
	if (date_parse(s, len, &dt, &why) == 0) {
		calendar_add_holiday(cal, dt.day);
		return NK_OK;
	}
	int has_digit = 0;
	for (size_t i = 0; i < len; i++)
		has_digit |= isdigit((unsigned char)s[i]) != 0;
	if (lineno == 1 && !has_digit)
		return NK_OK; /* a header such as "Date,Holiday" */
	strbuf_addf(err, "%s:%d: expected a holiday date such as 2026-01-26, found \"%.*s\" (%s)",
		    path, lineno, (int)len, s, why ? why : "not a date");
	return NK_ECONFIG;
}

static enum nk_err load_holidays(struct calendar *cal, const char *path, struct strbuf *err)
{
	FILE *f = fopen(path, "r");
	if (!f) {
		strbuf_addf(err, "cannot read the holiday list %s ([sla] holidays): %s", path,
			    strerror(errno));
		return NK_EIO;
	}
	char line[1024];
	int lineno = 0;
	enum nk_err rc = NK_OK;
	while (!rc && fgets(line, sizeof(line), f))
		rc = holiday_line(cal, line, path, ++lineno, err);
	fclose(f);
	return rc;
}

enum nk_err calendar_load(struct calendar *cal, const struct config *cfg, struct strbuf *err)
{
	calendar_init(cal);
	if (config_bool(cfg, "sla", "working_days", 0, &cal->working, err))
		return NK_ECONFIG;
	const char *off = config_get(cfg, "sla", "weekly_off");
	if (off && parse_weekly_off(cal, off, err))
		return NK_ECONFIG;
	char *path = config_path(cfg, "sla", "holidays", NULL);
	enum nk_err rc = path && *path ? load_holidays(cal, path, err) : NK_OK;
	free(path);
	return rc;
}
