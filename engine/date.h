/*
 * date.h - calendar dates as day numbers, and the date forms exports use.
 *
 * A day number counts days since 1970-01-01 (negative before), so date
 * arithmetic is integer arithmetic and comparisons are plain.
 */
#ifndef NK_DATE_H
#define NK_DATE_H

#include <stddef.h>

struct datetime {
	int day;     /* day number */
	int seconds; /* seconds since midnight, 0 when no time was given */
	int has_time;
};

int date_from_ymd(int y, int m, int d); /* no validation */
void date_to_ymd(int day, int *y, int *m, int *d);
int date_valid_ymd(int y, int m, int d);
int date_weekday(int day); /* 0 = Sunday */

/* "YYYY-MM-DD" into buf (at least 11 bytes); returns buf. */
char *date_format(int day, char *buf);
/* "DD-MM-YYYY", as a clerk reads a date inside text; buf >= 11 bytes. */
char *date_format_dmy(int day, char *buf);
/* "YYYY-MM-DD HH:MM:SS", or just the date when !has_time; buf >= 20 bytes. */
char *datetime_format(const struct datetime *dt, char *buf);

/*
 * Parses the date forms of the data contract: dd-mm-yyyy, dd/mm/yyyy,
 * dd.mm.yyyy, d-Mon-yyyy (English month names), each with an optional
 * HH:MM[:SS] [AM|PM]; ISO 8601 yyyy-mm-dd[Thh:mm[:ss][Z|+hh:mm]]; and Excel
 * serial numbers (1900 system, honouring Excel's fictitious 1900-02-29 =
 * serial 60, which is refused). Leading and trailing spaces are ignored.
 *
 * Returns 0 on success. On failure returns -1 and, when why is not NULL,
 * points *why at a static English phrase saying what was wrong
 * ("there is no 31st day in February 2026").
 */
int date_parse(const char *s, size_t len, struct datetime *out, const char **why);

/* Excel serial (1900 or 1904 system) to a datetime; -1 if out of range. */
int date_from_excel_serial(double serial, int date1904, struct datetime *out);

/* Today's date in local time, as a day number. */
int date_today(void);

#endif
