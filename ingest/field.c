/* field.c - levels, statuses and actions from their many spellings. */
#include "ingest/field.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

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

int status_is_bare_closed(const char *s, size_t len)
{
	static const struct synonym bare[] = {{"closed", 1}, {"close", 1},  {"बंद", 1}, {"क्लोज", 1},
					      {"क्लोज़", 1},   {"निराकृत", 1}, {NULL, 0}};
	return lookup(bare, s, len);
}

size_t field_blank_at(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	if (!n)
		return 0;
	if (p[0] < 0x80)
		return p[0] == ' ' || (p[0] >= '\t' && p[0] <= '\r');
	if (n >= 2 && p[0] == 0xC2 && (p[1] == 0xA0 || p[1] == 0xAD))
		return 2; /* no-break space, soft hyphen */
	if (n < 3)
		return 0;
	if (p[0] == 0xE2 && p[1] == 0x80 &&
	    ((p[2] >= 0x80 && p[2] <= 0x8D) || p[2] == 0xA8 || p[2] == 0xA9 || p[2] == 0xAF))
		return 3; /* U+2000..U+200D spaces and zero-widths, U+2028/9, U+202F */
	if (p[0] == 0xE2 && p[1] == 0x81 && (p[2] == 0x9F || p[2] == 0xA0))
		return 3; /* U+205F, word joiner U+2060 */
	if ((p[0] == 0xE3 && p[1] == 0x80 && p[2] == 0x80) ||
	    (p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF) ||
	    (p[0] == 0xE1 && p[1] == 0x9A && p[2] == 0x80))
		return 3; /* U+3000, U+FEFF, U+1680 */
	return 0;
}

/* Length of a blank character ending at s + n, or 0. */
static size_t blank_before(const char *s, size_t n)
{
	for (size_t k = 1; k <= 3 && k <= n; k++)
		if (((unsigned char)s[n - k] & 0xC0) != 0x80)
			return field_blank_at(s + n - k, k) == k ? k : 0;
	return 0;
}

size_t field_trim(char *s, size_t n)
{
	size_t b = 0, k;
	while ((k = field_blank_at(s + b, n - b)))
		b += k;
	while (n > b && (k = blank_before(s + b, n - b)))
		n -= k;
	if (b)
		memmove(s, s + b, n - b);
	s[n - b] = 0;
	return n - b;
}

/* Zero-width characters, the BOM and the soft hyphen: nothing a clerk can see. */
static int invisible(const unsigned char *p, size_t k)
{
	if (k == 2)
		return p[1] == 0xAD;
	return k == 3 && ((p[0] == 0xE2 && ((p[1] == 0x80 && p[2] >= 0x8B && p[2] <= 0x8D) ||
					    (p[1] == 0x81 && p[2] == 0xA0))) ||
			  p[0] == 0xEF);
}

size_t field_fold_id(char *s, size_t n)
{
	size_t o = 0;
	for (size_t i = 0; i < n;) {
		size_t k = (unsigned char)s[i] < 0x80 ? 0 : field_blank_at(s + i, n - i);
		if (!k) {
			s[o++] = s[i++];
			continue;
		}
		if (!invisible((const unsigned char *)s + i, k))
			s[o++] = ' '; /* a no-break or wide space reads as a space */
		i += k;
	}
	s[o] = 0;
	return o;
}

static const struct {
	const char *text, *en, *hi;
} excel_errors[] = {
	{"#N/A", "a lookup that found nothing", "खोज में कुछ नहीं मिला"},
	{"#REF!", "a formula whose cells were deleted", "फ़ॉर्मूले के सेल हटाए जा चुके हैं"},
	{"#VALUE!", "a formula given the wrong kind of value", "फ़ॉर्मूले को गलत प्रकार का मान मिला"},
	{"#DIV/0!", "a division by zero", "शून्य से भाग"},
	{"#NAME?", "a formula with a name Excel does not know", "फ़ॉर्मूले में अनजाना नाम"},
	{"#NUM!", "a number that cannot be computed", "संख्या की गणना नहीं हो सकी"},
	{"#NULL!", "a formula with ranges that do not meet", "फ़ॉर्मूले की रेंज आपस में नहीं मिलतीं"},
	{"#SPILL!", "a formula whose result has no room", "फ़ॉर्मूले के परिणाम के लिए जगह नहीं"},
	{"#CALC!", "a formula Excel could not calculate", "फ़ॉर्मूले की गणना नहीं हो सकी"},
	{"#GETTING_DATA", "a value still being fetched", "मान अभी लाया जा रहा था"},
};

int field_excel_error(const char *s, const char **en, const char **hi)
{
	if (s[0] != '#')
		return 0;
	for (size_t i = 0; i < sizeof(excel_errors) / sizeof(excel_errors[0]); i++) {
		if (!strcasecmp(s, excel_errors[i].text)) {
			*en = excel_errors[i].en;
			*hi = excel_errors[i].hi;
			return 1;
		}
	}
	return 0;
}
