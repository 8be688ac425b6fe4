/* test_header.c - header aliases in Hindi and English, config aliases, messages. */
#include <stdlib.h>
#include <string.h>

#include "ingest/header.h"
#include "tests/test.h"

/* A row from '|'-separated names. */
static struct row make_row(char *spec, char **fields, size_t *lens)
{
	struct row r = {.number = 1, .field = fields, .len = lens, .problem_col = -1};
	char *s = spec;
	while (s) {
		char *bar = strchr(s, '|');
		if (bar)
			*bar = 0;
		fields[r.nfields] = s;
		lens[r.nfields] = strlen(s);
		r.nfields++;
		s = bar ? bar + 1 : NULL;
	}
	return r;
}

int main(void)
{
	char *f[40];
	size_t l[40];
	struct header_map m;
	struct strbuf err = STRBUF_INIT;
	struct config cfg;
	config_load(&cfg, NULL, &err);

	char hindi[] =
		"\xEF\xBB\xBFशिकायत क्रमांक|दर्ज दिनांक|शिकायतकर्ता का नाम|पिता/पति का नाम|मोबाइल नंबर|"
		"जिला|तहसील|ग्राम/वार्ड|विभाग|शिकायत का प्रकार|शिकायत का विवरण|वर्तमान स्तर|"
		"वर्तमान स्थिति|अधिकारी|वर्तमान स्तर पर दिनांक";
	struct row r = make_row(hindi, f, l);
	CHECK_INT(header_map_build(&m, KIND_COMPLAINTS, &r, &cfg, &err), 0);
	CHECK_INT(m.col[F_ID], 0);
	CHECK_INT(m.col[F_REG_DATE], 1);
	CHECK_INT(m.col[F_FATHER], 3);
	CHECK_INT(m.col[F_VILLAGE], 7);
	CHECK_INT(m.col[F_CATEGORY], 9);
	CHECK_INT(m.col[F_LEVEL_SINCE], 14);
	CHECK_INT(m.col[F_OFFICER_ID], 13);
	CHECK_INT(m.col[F_CLOSED_DATE], -1);
	header_map_release(&m);

	/* Case, spaces and punctuation do not matter; the specific alias wins. */
	char english[] =
		"  DATE |complaint_no.|Registration Date|NAME|Mobile No|district|DEPARTMENT|"
		"Complaint Type|Complaint Details|Current Level|status|Extra Column";
	r = make_row(english, f, l);
	CHECK_INT(header_map_build(&m, KIND_COMPLAINTS, &r, &cfg, &err), 0);
	CHECK_INT(m.col[F_ID], 1);
	CHECK_INT(m.col[F_REG_DATE], 2); /* "Registration Date" over "Date" */
	CHECK_INT(m.col[F_CATEGORY], 7);
	CHECK_INT(m.unmapped[0], 1);
	CHECK_INT(m.unmapped[11], 1);
	header_map_release(&m);

	/* A missing required column names what is missing and what was found. */
	char missing[] =
		"Complaint No|Date|Name|District|Department|Category|Description|Level|Status";
	r = make_row(missing, f, l);
	strbuf_reset(&err);
	CHECK_INT(header_map_build(&m, KIND_COMPLAINTS, &r, &cfg, &err), -1);
	CHECK(strstr(err.buf, "required column(s) missing: Mobile No") != NULL);
	CHECK(strstr(err.buf, "मोबाइल नंबर") != NULL);
	CHECK(strstr(err.buf, "The header row has: \"Complaint No\", \"Date\"") != NULL);
	header_map_release(&m);

	/* The config adds aliases, which rank before the built-in ones. */
	config_set(&cfg, "columns", "complaint_id", "Ref No | संदर्भ क्रमांक");
	config_set(&cfg, "columns", "mobile", "Contact");
	char custom[] =
		"संदर्भ क्रमांक|Date|Name|Contact|District|Department|Category|Description|Level|Status";
	r = make_row(custom, f, l);
	strbuf_reset(&err);
	CHECK_INT(header_map_build(&m, KIND_COMPLAINTS, &r, &cfg, &err), 0);
	CHECK_INT(m.col[F_ID], 0);
	CHECK_INT(m.col[F_MOBILE], 3);
	CHECK_STR(header_column_name(&m, F_MOBILE), "Contact");
	header_map_release(&m);

	/* Masters and the movement log. */
	char cats[] = "Category|Department|L1 Days|L2 Days|L3 Days|L4 Days";
	r = make_row(cats, f, l);
	CHECK_INT(header_map_build(&m, KIND_CATEGORIES, &r, &cfg, &err), 0);
	CHECK_INT(m.col[C_DAYS4], 5);
	CHECK_INT(m.col[C_DAYS5], -1);
	header_map_release(&m);
	char mv[] = "शिकायत क्रमांक|कार्यवाही दिनांक|कार्यवाही|से स्तर|को स्तर|से अधिकारी|को अधिकारी|"
		    "पुराना प्रारूप|नया प्रारूप|टिप्पणी";
	r = make_row(mv, f, l);
	CHECK_INT(header_map_build(&m, KIND_MOVEMENTS, &r, &cfg, &err), 0);
	CHECK_INT(m.col[M_NEW_CATEGORY], 8);
	CHECK_INT(m.col[M_REMARKS], 9);
	header_map_release(&m);

	enum file_kind k;
	CHECK_INT(file_kind_parse("Officers", &k), 0);
	CHECK_INT(k, KIND_OFFICERS);
	CHECK_INT(file_kind_parse("people", &k), -1);
	config_release(&cfg);
	strbuf_release(&err);
	TEST_DONE();
}
