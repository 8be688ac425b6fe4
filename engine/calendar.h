/*
 * calendar.h - how time limits are counted: calendar days (the default) or
 * working days, which skip the weekly offs and a list of holidays.
 *
 * Configuration ([sla] section):
 *   working_days = no         yes: count working days instead of calendar days
 *   weekly_off   = sat, sun   days that are not working days (sun mon tue wed
 *                             thu fri sat, or Hindi रवि/शनि). Madhya Pradesh
 *                             government offices work a five-day week; set
 *                             "sun" where field offices work on Saturdays.
 *   holidays     = FILE       one date a line (any form date_parse reads), or a
 *                             CSV whose first column is the date; '#' starts a
 *                             comment; a first line without a date is a header.
 *                             Relative to the configuration file's folder.
 * Holidays and weekly offs are read in calendar mode too, but only working
 * mode uses them.
 */
#ifndef NK_CALENDAR_H
#define NK_CALENDAR_H

#include <stdint.h>

#include "engine/config.h"
#include "engine/error.h"
#include "engine/util.h"

struct calendar {
	int working;       /* 1: working days */
	unsigned off_mask; /* bit w set: weekday w (0 = Sunday) is off */
	int hol_first;     /* day number of hol[0] */
	int hol_len;       /* hol[i] is 1 when hol_first + i is a holiday */
	uint8_t *hol;      /* from malloc, NULL when no holidays */
	int nholidays;
};

/* Calendar days, no holidays, Saturday and Sunday off. */
void calendar_init(struct calendar *cal);
void calendar_release(struct calendar *cal);

/*
 * Reads [sla] working_days, weekly_off and holidays from cfg. On a bad value
 * or an unreadable holiday file returns NK_ECONFIG / NK_EIO with err naming
 * the file, line and what was expected.
 */
enum nk_err calendar_load(struct calendar *cal, const struct config *cfg, struct strbuf *err);

/* Adds one holiday (tests and the loader). */
void calendar_add_holiday(struct calendar *cal, int day);

int calendar_is_holiday(const struct calendar *cal, int day);
/* A working day: not a weekly off and not a holiday. */
int calendar_is_working(const struct calendar *cal, int day);

/*
 * The day n counted days after start: start + n in calendar mode; in working
 * mode the n-th working day after start (start itself never counts, so a
 * complaint that reaches a level on a Sunday with 1 day allowed is due on
 * Monday). n <= 0 gives start.
 */
int calendar_add(const struct calendar *cal, int start, int n);

#endif
