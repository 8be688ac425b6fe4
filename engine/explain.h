/*
 * explain.h - the one-line reason a supervisor reads beside a proposal, in
 * English and Hindi, built from a pair's evidence (engine/score.h):
 *   "नाम में टाइपिंग भिन्नता (रमेश/रमेस), मोबाइल अलग, वही ग्राम, वही प्रारूप,
 *    विवरण 92% समान"
 * and, for `nirakaran explain`, the full table of evidence.
 */
#ifndef NK_EXPLAIN_H
#define NK_EXPLAIN_H

#include "engine/score.h"

/*
 * Appends the reason for records a and b of set to en and hi. For a
 * refused pair the reason starts with why it is not proposed; with
 * in_group (b is proposed as a duplicate of primary a because the group
 * links them through other complaints) with why a alone would not link it.
 * A differing name is named by its first pair of differing words, titles
 * left out: "(Lakhan/लखन)".
 */
void explain_reason(const struct mset *set, uint32_t a, uint32_t b, const struct evidence *ev,
		    int in_group, struct strbuf *en, struct strbuf *hi);

/* Why a refused pair is not proposed, English and Hindi (static strings). */
const char *explain_guard_en(int guard);
const char *explain_guard_hi(int guard);

/*
 * Appends a multi-line report: both complaints' fields side by side, each
 * field's level and weight, the total, the decision and the reason lines.
 */
void explain_report(const struct mset *set, uint32_t a, uint32_t b, const struct evidence *ev,
		    const struct score_params *p, struct strbuf *out);

#endif
