/* labels.c - the codes' words in Hindi and English (see labels.h). */
#include "engine/labels.h"

#include <stdio.h>
#include <string.h>

struct label {
	const char *code, *hi, *en, *both;
};

/* An entry; its "हिंदी / English" made by the compiler, not at each call. */
#define L(code, hi, en)                   \
	{                                 \
		code, hi, en, hi " / " en \
	}

static const struct label status[] = {
	L("open", "लंबित", "open"),
	L("attended", "अटेंडेड", "attended"),
	L("non_attended", "नॉन अटेंडेड", "non-attended"),
	L("closed_satisfied", "संतुष्टि के साथ बंद", "closed with satisfaction"),
	L("closed_low_quality", "असंतुष्टि के साथ बंद", "closed, low quality"),
	L("force_closed", "फोर्स क्लोज", "force closed"),
	L("special_closed", "विशेष क्लोज", "special close"),
	L("out_of_jurisdiction", "कार्यक्षेत्र से बाहर", "out of jurisdiction"),
	L("unknown", "अज्ञात", "unknown"),
	{NULL, NULL, NULL, NULL},
};

static const struct label violation[] = {
	L("category_change_late", "प्रारूप देर से बदला", "category changed too late"),
	L("category_change_not_l1", "प्रारूप L1 के बजाय ऊपर के अधिकारी ने बदला",
	  "category changed above L1"),
	L("oj_below_level", "निचले स्तर पर कार्यक्षेत्र से बाहर",
	  "out of jurisdiction below the allowed level"),
	L("oj_back_to_same_officer", "कार्यक्षेत्र से बाहर कर उसी अधिकारी को वापस",
	  "sent back to the same officer as out of jurisdiction"),
	L("closed_without_feedback", "संतुष्टि लिए बिना बंद",
	  "closed without the complainant's feedback"),
	L("force_close_not_informed", "शिकायतकर्ता को सूचित किए बिना फोर्स क्लोज",
	  "force closed without informing the complainant"),
	{NULL, NULL, NULL, NULL},
};

static const struct label source[] = {
	L("export", "निर्यात फ़ाइल", "export file"),
	L("movement", "कार्यवाही लॉग", "movement log"),
	L("snapshot", "दो रातों की तुलना", "comparing two nights"),
	L("status", "शिकायत की स्थिति", "complaint status"),
	L("registration", "पंजीयन दिनांक", "registration date"),
	L("computed", "गणना से (दिनांक नहीं मिला)", "computed (no date found)"),
	{NULL, NULL, NULL, NULL},
};

static const struct label dq[] = {
	L("quarantined", "पंक्ति अलग रखी गई", "row quarantined"),
	L("unknown_category", "अज्ञात प्रारूप", "unknown category"),
	L("officer_mobile", "अधिकारी का मोबाइल", "officer mobile"),
	L("unknown_officer", "अधिकारी सूची में नहीं", "officer not in the master"),
	L("movement_unknown_complaint", "अज्ञात शिकायत की कार्यवाही",
	  "log row for an unknown complaint"),
	L("level_start_computed", "स्तर पर पहुँचने का दिनांक नहीं", "no date for reaching the level"),
	L("legacy_font_name", "नाम पुराने फ़ॉन्ट में", "name in a legacy font"),
	L("damaged_mobile", "मोबाइल नंबर ख़राब", "damaged mobile number"),
	L("missing_column", "निर्यात में कॉलम नहीं", "column missing from the export"),
	{NULL, NULL, NULL, NULL},
};

static const struct label field[] = {
	L("complaint_id", "शिकायत क्रमांक", "complaint number"),
	L("reg_date", "दर्ज दिनांक", "registration date"),
	L("name", "नाम", "name"),
	L("father", "पिता/पति का नाम", "father/husband name"),
	L("mobile", "मोबाइल", "mobile"),
	L("district", "जिला", "district"),
	L("tehsil", "तहसील", "tehsil"),
	L("block", "विकासखंड", "block"),
	L("village", "ग्राम/वार्ड", "village/ward"),
	L("address", "पता", "address"),
	L("department", "विभाग", "department"),
	L("category", "प्रारूप", "category"),
	L("sub_category", "उप विषय", "sub-category"),
	L("description", "विवरण", "description"),
	L("level", "स्तर", "level"),
	L("status", "स्थिति", "status"),
	L("officer_id", "अधिकारी", "officer"),
	L("officer_name", "अधिकारी का नाम", "officer name"),
	L("level_since", "स्तर दिनांक", "level date"),
	L("closed_date", "बंद दिनांक", "closing date"),
	L("satisfaction", "संतुष्टि", "satisfaction"),
	L("prev_category", "पूर्व प्रारूप", "previous category"),
	L("category_changed", "प्रारूप परिवर्तन दिनांक", "category change date"),
	{NULL, NULL, NULL, NULL},
};

static const struct label mobile[] = {
	L("empty", "खाली", "empty"),
	L("mobile", "मोबाइल", "mobile"),
	L("landline", "लैंडलाइन", "landline"),
	L("damaged", "एक्सेल से ख़राब", "damaged by Excel"),
	L("placeholder", "नकली नंबर", "placeholder number"),
	L("invalid", "गलत नंबर", "invalid number"),
	{NULL, NULL, NULL, NULL},
};

static const struct label band[] = {
	L("high", "प्रबल प्रमाण", "strong evidence"),
	L("review", "ध्यान से जाँचें", "check carefully"),
	{NULL, NULL, NULL, NULL},
};

static const struct label rule[] = {
	L("R1", "R1: वही शिकायतकर्ता, वही शिकायत", "R1: same complainant, same complaint"),
	L("R2", "R2: वही शिकायतकर्ता व शिकायत, मोबाइल अलग",
	  "R2: same complainant and complaint, other mobile"),
	L("R3", "R3: नाम में टाइपिंग की गलती, वही शिकायत",
	  "R3: a typing mistake in the name, same complaint"),
	{NULL, NULL, NULL, NULL},
};

static const struct label scope[] = {
	L("district", "जिला", "district"),
	L("department", "विभाग", "department"),
	{NULL, NULL, NULL, NULL},
};

static const struct label how[] = {
	L("auto", "स्वतः", "automatic"),
	L("officer", "अधिकारी द्वारा", "by an officer"),
	{NULL, NULL, NULL, NULL},
};

static const struct label decision[] = {
	L("merge", "मर्ज करें", "Merge"),
	L("reject", "मर्ज न करें", "Not duplicate"),
	L("unsure", "संदेह", "Unsure"),
	{NULL, NULL, NULL, NULL},
};

static const struct label yes[] = {
	L("1", "हाँ", "yes"),
	{NULL, NULL, NULL, NULL},
};

static const struct {
	const char *name;
	const struct label *l;
} sets[] = {
	{"status", status}, {"violation", violation}, {"source", source},
	{"dq", dq},         {"field", field},         {"mobile", mobile},
	{"band", band},     {"rule", rule},           {"scope", scope},
	{"how", how},       {"decision", decision},   {"yes", yes},
};

static const struct label *set_of(const char *name)
{
	for (size_t i = 0; name && i < sizeof(sets) / sizeof(sets[0]); i++)
		if (!strcmp(sets[i].name, name))
			return sets[i].l;
	return NULL;
}

const char *label_of(const char *set, const char *code, enum label_lang lang)
{
	const struct label *l = set_of(set);
	if (!code)
		return NULL;
	for (; l && l->code; l++) {
		if (strcmp(l->code, code))
			continue;
		return lang == LABEL_HI ? l->hi : lang == LABEL_EN ? l->en : l->both;
	}
	return code;
}

const char *label_level(int level, char *buf, size_t n)
{
	if (level <= 0)
		xsnprintf(buf, n, "%s", "");
	else
		xsnprintf(buf, n, "L%d", level);
	return buf;
}

const char *label_code(const char *set, int i)
{
	const struct label *l = set_of(set);
	for (int k = 0; l && l[k].code; k++)
		if (k == i)
			return l[k].code;
	return NULL;
}

/* nk_label(set, code[, lang]): NULL stays NULL (a blank cell). */
static void sql_label(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const char *set = (const char *)sqlite3_value_text(argv[0]);
	const char *code = (const char *)sqlite3_value_text(argv[1]);
	const char *lang = argc > 2 ? (const char *)sqlite3_value_text(argv[2]) : NULL;
	enum label_lang lg = !lang ? LABEL_BOTH : !strcmp(lang, "hi") ? LABEL_HI : LABEL_EN;
	const char *out = label_of(set, code, lg);
	if (!out)
		sqlite3_result_null(ctx);
	else if (out == code) /* not in the table: the value's own text */
		sqlite3_result_text(ctx, out, -1, SQLITE_TRANSIENT);
	else
		sqlite3_result_text(ctx, out, -1, SQLITE_STATIC);
}

/* nk_level(n): "L2"; NULL or 0 a blank cell. */
static void sql_level(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	char buf[16];
	(void)argc;
	int level = sqlite3_value_type(argv[0]) == SQLITE_NULL ? 0 : sqlite3_value_int(argv[0]);
	if (level > 0)
		sqlite3_result_text(ctx, label_level(level, buf, sizeof(buf)), -1,
				    SQLITE_TRANSIENT);
	else
		sqlite3_result_null(ctx);
}

int label_register(sqlite3 *db)
{
	int flags = SQLITE_UTF8 | SQLITE_DETERMINISTIC;
	int rc = sqlite3_create_function(db, "nk_label", 2, flags, NULL, sql_label, NULL, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_create_function(db, "nk_label", 3, flags, NULL, sql_label, NULL, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_create_function(db, "nk_level", 1, flags, NULL, sql_level, NULL, NULL);
	return rc;
}
