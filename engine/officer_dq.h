/*
 * officer_dq.h - officers whose mobile number keeps them from the
 * helpline's SMS and OTPs (the OTP-on-profile circular's problem):
 *
 *   no_mobile           the master gives no mobile
 *   invalid_mobile      not a 10-digit Indian mobile (roster_mobile10)
 *   shared_mobile       the same number as another officer's
 *   complainant_mobile  the same number as a complainant's (they entered
 *                       someone else's number, or file complaints themselves)
 *
 * Only officers of the master are checked.
 */
#ifndef NK_OFFICER_DQ_H
#define NK_OFFICER_DQ_H

#include "engine/roster.h"

struct officer_dq {
	const struct roster *r;
	struct strmap mobiles; /* valid officer mobile -> index */
	long *officers;        /* officers per mobile index */
	long *hits;            /* complaints per mobile index */
	const char **first;    /* first complaint id per mobile index, in arena */
	struct arena arena;
};

struct officer_finding {
	long officer; /* roster index */
	const char *problem;
	char detail_en[320], detail_hi[400];
};

void officer_dq_init(struct officer_dq *q, const struct roster *r);
void officer_dq_release(struct officer_dq *q);

/* A complaint whose complainant's 10-digit mobile is mobile10 (NULL: none). */
void officer_dq_note_complaint(struct officer_dq *q, const char *mobile10,
			       const char *complaint_id);

/* The findings, in officer id order; *out malloc'd (free it). */
size_t officer_dq_findings(struct officer_dq *q, struct officer_finding **out);

#endif
