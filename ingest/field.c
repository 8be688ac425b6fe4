/* field.c - levels, statuses and actions from their many spellings. */
#include "ingest/field.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "engine/util.h"

size_t field_fold_label(const char *s, size_t len, char *out)
{
	size_t n = 0;
	int space = 1; /* drops leading separators */
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '-' || c == '_' ||
		    c == '.' || c == '/' || c == ':' || c == '(' || c == ')') {
			if (!space)
				out[n++] = ' ';
			space = 1;
			continue;
		}
		/* U+00A0 no-break space, U+200B..U+200D, U+FEFF: separators too */
		if (c == 0xC2 && i + 1 < len && (unsigned char)s[i + 1] == 0xA0) {
			i++;
			if (!space)
				out[n++] = ' ';
			space = 1;
			continue;
		}
		if (c == 0xE2 && i + 2 < len && (unsigned char)s[i + 1] == 0x80 &&
		    (unsigned char)s[i + 2] >= 0x8B && (unsigned char)s[i + 2] <= 0x8D) {
			i += 2;
			continue;
		}
		if (c == 0xEF && i + 2 < len && (unsigned char)s[i + 1] == 0xBB &&
		    (unsigned char)s[i + 2] == 0xBF) {
			i += 2;
			continue;
		}
		out[n++] = (char)tolower(c);
		space = 0;
	}
	while (n && out[n - 1] == ' ')
		n--;
	out[n] = 0;
	return n;
}

struct synonym {
	const char *text; /* already folded */
	int value;
};

static int lookup(const struct synonym *tab, const char *s, size_t len)
{
	char stackbuf[256];
	char *buf = len < sizeof(stackbuf) ? stackbuf : xmalloc(len + 1);
	field_fold_label(s, len, buf);
	int v = 0;
	for (; tab->text; tab++) {
		if (!strcmp(tab->text, buf)) {
			v = tab->value;
			break;
		}
	}
	if (buf != stackbuf)
		free(buf);
	return v;
}

static const struct synonym statuses[] = {{"open", ST_OPEN},
					  {"pending", ST_OPEN},
					  {"लंबित", ST_OPEN},
					  {"लम्बित", ST_OPEN},
					  {"खुली", ST_OPEN},
					  {"खुला", ST_OPEN},
					  {"प्रचलित", ST_OPEN},
					  {"new", ST_OPEN},
					  {"in progress", ST_OPEN},
					  {"attended", ST_ATTENDED},
					  {"अटेंडेड", ST_ATTENDED},
					  {"अटेन्डेड", ST_ATTENDED},
					  {"अटेंड", ST_ATTENDED},
					  {"non attended", ST_NON_ATTENDED},
					  {"nonattended", ST_NON_ATTENDED},
					  {"not attended", ST_NON_ATTENDED},
					  {"नॉन अटेंडेड", ST_NON_ATTENDED},
					  {"नान अटेंडेड", ST_NON_ATTENDED},
					  {"नॉनअटेंडेड", ST_NON_ATTENDED},
					  {"अनअटेंडेड", ST_NON_ATTENDED},
					  {"closed with satisfaction", ST_CLOSED_SATISFIED},
					  {"closed satisfied", ST_CLOSED_SATISFIED},
					  {"satisfactorily closed", ST_CLOSED_SATISFIED},
					  {"closed", ST_CLOSED_SATISFIED},
					  {"संतुष्टि के साथ बंद", ST_CLOSED_SATISFIED},
					  {"संतुष्टिपूर्वक बंद", ST_CLOSED_SATISFIED},
					  {"संतुष्टि पूर्वक बंद", ST_CLOSED_SATISFIED},
					  {"closed with low quality", ST_CLOSED_LOW_QUALITY},
					  {"low quality closed", ST_CLOSED_LOW_QUALITY},
					  {"closed low quality", ST_CLOSED_LOW_QUALITY},
					  {"closed unsatisfied", ST_CLOSED_LOW_QUALITY},
					  {"closed without satisfaction", ST_CLOSED_LOW_QUALITY},
					  {"असंतुष्टि के साथ बंद", ST_CLOSED_LOW_QUALITY},
					  {"गुणवत्ताहीन निराकरण", ST_CLOSED_LOW_QUALITY},
					  {"असंतुष्ट बंद", ST_CLOSED_LOW_QUALITY},
					  {"force close", ST_FORCE_CLOSED},
					  {"force closed", ST_FORCE_CLOSED},
					  {"forcefully closed", ST_FORCE_CLOSED},
					  {"फोर्स क्लोज", ST_FORCE_CLOSED},
					  {"फ़ोर्स क्लोज़", ST_FORCE_CLOSED},
					  {"फोर्स क्लोज़", ST_FORCE_CLOSED},
					  {"बलपूर्वक बंद", ST_FORCE_CLOSED},
					  {"special close", ST_SPECIAL_CLOSED},
					  {"special closed", ST_SPECIAL_CLOSED},
					  {"विशेष क्लोज", ST_SPECIAL_CLOSED},
					  {"विशेष क्लोज़", ST_SPECIAL_CLOSED},
					  {"स्पेशल क्लोज", ST_SPECIAL_CLOSED},
					  {"विशेष बंद", ST_SPECIAL_CLOSED},
					  {"out of jurisdiction", ST_OUT_OF_JURISDICTION},
					  {"कार्यक्षेत्र से बाहर", ST_OUT_OF_JURISDICTION},
					  {"क्षेत्राधिकार से बाहर", ST_OUT_OF_JURISDICTION},
					  {NULL, 0}};

static const char *const status_names[ST_COUNT] = {"unknown",
						   "open",
						   "attended",
						   "non_attended",
						   "closed_satisfied",
						   "closed_low_quality",
						   "force_closed",
						   "special_closed",
						   "out_of_jurisdiction"};

static const char *const status_labels_hi[ST_COUNT] = {
	"अज्ञात",           "लंबित",      "अटेंडेड",      "नॉन अटेंडेड",       "संतुष्टि के साथ बंद",
	"असंतुष्टि के साथ बंद", "फोर्स क्लोज", "विशेष क्लोज", "कार्यक्षेत्र से बाहर"};

enum status status_parse(const char *s, size_t len)
{
	return (enum status)lookup(statuses, s, len);
}

const char *status_name(enum status st)
{
	return (unsigned)st < ST_COUNT ? status_names[st] : "unknown";
}

const char *status_label_hi(enum status st)
{
	return (unsigned)st < ST_COUNT ? status_labels_hi[st] : status_labels_hi[0];
}

enum status status_from_name(const char *name)
{
	for (int i = 1; i < ST_COUNT; i++)
		if (!strcmp(status_names[i], name))
			return (enum status)i;
	return ST_UNKNOWN;
}

int status_is_open(enum status st)
{
	return st == ST_OPEN || st == ST_ATTENDED || st == ST_NON_ATTENDED;
}

/* Words that may stand before a level number. */
static const char *const level_words[] = {"level", "lvl", "l", "लेवल", "लेवेल", "एल", "स्तर", NULL};

static int devanagari_digit(const unsigned char *p)
{
	/* U+0966..U+096F is E0 A5 A6..AF */
	return p[0] == 0xE0 && p[1] == 0xA5 && p[2] >= 0xA6 && p[2] <= 0xAF ? p[2] - 0xA6 : -1;
}

int level_parse(const char *s, size_t len, int max_level)
{
	char stackbuf[128];
	if (len >= sizeof(stackbuf))
		return 0;
	size_t n = field_fold_label(s, len, stackbuf);
	const char *p = stackbuf, *end = stackbuf + n;
	for (int i = 0; level_words[i]; i++) {
		size_t wl = strlen(level_words[i]);
		if ((size_t)(end - p) > wl && !strncmp(p, level_words[i], wl)) {
			const char *q = p + wl;
			if (*q == ' ')
				q++;
			if (q < end && (isdigit((unsigned char)*q) ||
					devanagari_digit((const unsigned char *)q) >= 0)) {
				p = q;
				break;
			}
		}
	}
	int v = 0, digits = 0;
	while (p < end) {
		int d;
		if (isdigit((unsigned char)*p)) {
			d = *p - '0';
			p++;
		} else if (end - p >= 3 && (d = devanagari_digit((const unsigned char *)p)) >= 0) {
			p += 3;
		} else {
			return 0;
		}
		v = v * 10 + d;
		if (++digits > 2)
			return 0;
	}
	if (!digits || v < 1)
		return 0;
	return v > max_level ? -v : v;
}

static const struct synonym actions[] = {{"escalated", ACT_ESCALATED},
					 {"escalate", ACT_ESCALATED},
					 {"escalation", ACT_ESCALATED},
					 {"forwarded", ACT_ESCALATED},
					 {"अग्रेषित", ACT_ESCALATED},
					 {"एस्केलेट", ACT_ESCALATED},
					 {"एस्केलेटेड", ACT_ESCALATED},
					 {"उच्च स्तर पर भेजा", ACT_ESCALATED},
					 {"transferred", ACT_TRANSFERRED},
					 {"transfer", ACT_TRANSFERRED},
					 {"स्थानांतरित", ACT_TRANSFERRED},
					 {"स्थानान्तरित", ACT_TRANSFERRED},
					 {"ट्रांसफर", ACT_TRANSFERRED},
					 {"category changed", ACT_CATEGORY_CHANGED},
					 {"category change", ACT_CATEGORY_CHANGED},
					 {"प्रारूप परिवर्तन", ACT_CATEGORY_CHANGED},
					 {"प्रारूप बदला", ACT_CATEGORY_CHANGED},
					 {"श्रेणी परिवर्तन", ACT_CATEGORY_CHANGED},
					 {"out of jurisdiction", ACT_OUT_OF_JURISDICTION},
					 {"कार्यक्षेत्र से बाहर", ACT_OUT_OF_JURISDICTION},
					 {"returned", ACT_RETURNED},
					 {"return", ACT_RETURNED},
					 {"sent back", ACT_RETURNED},
					 {"वापस", ACT_RETURNED},
					 {"वापिस", ACT_RETURNED},
					 {"लौटाया", ACT_RETURNED},
					 {"attended", ACT_ATTENDED},
					 {"अटेंडेड", ACT_ATTENDED},
					 {"अटेंड", ACT_ATTENDED},
					 {"closed", ACT_CLOSED},
					 {"close", ACT_CLOSED},
					 {"बंद", ACT_CLOSED},
					 {"निराकृत", ACT_CLOSED},
					 {NULL, 0}};

static const char *const action_names[] = {
	"unknown",  "escalated", "transferred", "category_changed", "out_of_jurisdiction",
	"returned", "attended",  "closed"};

enum action action_parse(const char *s, size_t len)
{
	return (enum action)lookup(actions, s, len);
}

const char *action_name(enum action a)
{
	return (unsigned)a <= ACT_CLOSED ? action_names[a] : "unknown";
}
