/*
 * xlsx_numfmt.h - how the XLSX reader turns a cell's number into the text a
 * clerk would expect: numbers in their shortest exact form, and date/time
 * serials (recognised through the cell's number format) as ISO 8601.
 *
 * Everything here is pure: no allocation, output goes to caller buffers.
 */
#ifndef NK_XLSX_NUMFMT_H
#define NK_XLSX_NUMFMT_H

#include <stddef.h>

/* What a number format says a number means. */
enum xnf_kind {
	XNF_NUMBER = 0, /* plain number */
	XNF_DATE,       /* a calendar date (time shown only if not midnight) */
	XNF_DATETIME,   /* a date with a time of day */
	XNF_TIME,       /* a time of day ("h:mm") */
	XNF_ELAPSED     /* a duration ("[h]:mm:ss"): hours may pass 24 */
};

/* Buffers handed to the functions below must hold at least this much. */
#define XNF_BUFSZ 48

/* The kind of Excel's built-in format numFmtId id (14-22 dates and times,
 * 45-47 times, 27-36 and 50-58 East Asian dates); XNF_NUMBER otherwise. */
enum xnf_kind xnf_builtin(unsigned long id);

/*
 * The kind of a custom format code such as "dd-mm-yyyy" or "[h]:mm":
 * date/time letters count only outside quotes, escapes and [brackets];
 * only the first section (before ';') is looked at.
 */
enum xnf_kind xnf_classify(const char *code);

/*
 * Write v in its shortest form that reads back as the same double, without
 * an exponent for |v| < 1e21 (so 9876543210 stays "9876543210"); returns the
 * length. out must hold XNF_BUFSZ bytes. v must be finite.
 */
size_t xnf_number(double v, char *out);

/*
 * Normalise the text of a numeric cell (<v>) into out (XNF_BUFSZ bytes).
 * Returns the length, or 0 when s is not a finite decimal number. *value
 * receives the number. Text that is already shortest is copied as is.
 */
size_t xnf_number_text(const char *s, size_t len, char *out, double *value);

/*
 * Write a date/time serial as "YYYY-MM-DD", "YYYY-MM-DD HH:MM:SS",
 * "HH:MM:SS" (time of day or duration) according to kind, under the 1900
 * system (with Excel's fictitious 1900-02-29, serial 60) or, if date1904,
 * the 1904 system. Returns the length, or 0 when the serial has no calendar
 * date (negative, day 0 of 1900 in a date format, after 9999-12-31): the
 * caller then shows the plain number.
 */
size_t xnf_serial(double serial, int date1904, enum xnf_kind kind, char *out);

#endif
