/*
 * whatsapp.h - the lists L1, L2 and L3 officers share over WhatsApp: for
 * each such officer with open complaints due within WHATSAPP_DUE_DAYS days
 * or overdue on the night (from sla_status), messages addressed to each of
 * the officer's subordinates in the officers master (reports_to), or to the
 * officer when there is none. A message line reads
 *   "1. CMH-2026-0001372 | तालपुरा | हैंडपंप खराब | 12 दिन देर / overdue"
 * and a list is split into parts so no part's text passes WHATSAPP_MAX_TEXT
 * characters nor its link Excel's 2,079.
 *
 * Output: the sheet WHATSAPP_SHEET of sla-report.xlsx (officer, recipient, part,
 * link https://wa.me/91XXXXXXXXXX?text=<URL-encoded text>), its CSV
 * sla-whatsapp.csv, and whatsapp/<officer_id>.txt with the parts' plain
 * text for pasting.
 */
#ifndef NK_WHATSAPP_H
#define NK_WHATSAPP_H

#include "reports/report.h"

#define WHATSAPP_SHEET    "व्हाट्सऐप - WhatsApp"
#define WHATSAPP_DUE_DAYS 3
#define WHATSAPP_MAX_TEXT 1500

/* Percent-encodes UTF-8 text for a URL query (RFC 3986 unreserved kept). */
void whatsapp_url_encode(const char *text, struct strbuf *out);

struct book;
struct sla_sheet_rows;
/*
 * Adds the WhatsApp sheet to b (shown whole whatever the cap: each row is a
 * message to send) and writes the text files; returns the number of links
 * or -1 with err set. *rows says what the sheet holds.
 */
long whatsapp_sheet(const struct report_ctx *rc, struct book *b, struct sla_sheet_rows *rows,
		    struct strbuf *err);

#endif
