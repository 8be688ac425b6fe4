/* header.c - header aliases (English and Hindi) to canonical fields. */
#include "ingest/header.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ingest/field.h"

struct field_spec {
	const char *name;  /* canonical name, also the config's [columns] key */
	const char *label; /* English label for messages */
	int required;
	const char *aliases; /* '|' separated, most specific first */
};

static const struct field_spec complaint_fields[F_COMPLAINT_COUNT] = {
	[F_ID] = {"complaint_id", "Complaint No", 1,
		  "Complaint No|Complaint ID|Complaint Number|Complaint No.|Complaint Id No|"
		  "शिकायत क्रमांक|शिकायत संख्या|शिकायत नंबर|शिकायत क्र|क्रमांक"},
	[F_REG_DATE] = {"reg_date", "Registration Date", 1,
			"Registration Date|Complaint Date|Date of Registration|Registered On|"
			"दर्ज दिनांक|पंजीयन दिनांक|शिकायत दिनांक|Date|दिनांक"},
	[F_NAME] = {"name", "Complainant Name", 1,
		    "Complainant Name|Applicant Name|Complainant|Name|"
		    "शिकायतकर्ता का नाम|आवेदक का नाम|शिकायतकर्ता|नाम"},
	[F_FATHER] = {"father", "Father/Husband Name", 0,
		      "Father/Husband Name|Father Name|Husband Name|Father's Name|Guardian Name|"
		      "पिता/पति का नाम|पिता का नाम|पति का नाम|पिता पति का नाम"},
	[F_MOBILE] = {"mobile", "Mobile No", 1,
		      "Mobile No|Mobile Number|Mobile|Phone|Phone No|Contact No|"
		      "मोबाइल नंबर|मोबाइल नं|मोबाइल क्रमांक|मोबाइल|फोन"},
	[F_DISTRICT] = {"district", "District", 1, "District|District Name|जिला|जिले का नाम"},
	[F_TEHSIL] = {"tehsil", "Tehsil", 0, "Tehsil|Tahsil|तहसील"},
	[F_BLOCK] = {"block", "Block", 0, "Block|Development Block|विकासखंड|विकासखण्ड|ब्लॉक|जनपद"},
	[F_VILLAGE] = {"village", "Village/Ward", 0,
		       "Village/Ward|Village|Ward|Village Name|ग्राम/वार्ड|ग्राम|वार्ड|गांव"},
	[F_ADDRESS] = {"address", "Address", 0, "Address|पता"},
	[F_DEPARTMENT] = {"department", "Department", 1,
			  "Department|Department Name|विभाग|विभाग का नाम"},
	[F_CATEGORY] = {"category", "Category", 1,
			"Category|Complaint Type|Complaint Category|Subject|"
			"शिकायत का प्रकार|प्रारूप|विषय|श्रेणी"},
	[F_SUB_CATEGORY] = {"sub_category", "Sub Category", 0,
			    "Sub Category|Sub Subject|Subcategory|उप विषय|उपविषय|उप प्रारूप"},
	[F_DESCRIPTION] = {"description", "Description", 1,
			   "Description|Complaint Details|Complaint Description|Details|"
			   "शिकायत का विवरण|विवरण|शिकायत विवरण"},
	[F_LEVEL] = {"level", "Current Level", 1, "Current Level|Level|वर्तमान स्तर|स्तर|लेवल"},
	[F_STATUS] = {"status", "Status", 1,
		      "Status|Current Status|Complaint Status|वर्तमान स्थिति|स्थिति"},
	[F_OFFICER_ID] = {"officer_id", "Officer ID", 0,
			  "Officer ID|Current Officer|Officer|Officer Id No|अधिकारी आईडी|अधिकारी"},
	[F_OFFICER_NAME] = {"officer_name", "Officer Name", 0, "Officer Name|अधिकारी का नाम"},
	[F_LEVEL_SINCE] = {"level_since", "Current Level Since", 0,
			   "Current Level Since|Level Date|Level Since|"
			   "वर्तमान स्तर पर दिनांक|स्तर दिनांक"},
	[F_CLOSED_DATE] =
		{"closed_date", "Closing Date", 0,
		 "Closing Date|Closed On|Close Date|Disposal Date|बंद दिनांक|निराकरण दिनांक"},
	[F_SATISFACTION] = {"satisfaction", "Satisfaction", 0,
			    "Satisfaction|Complainant Satisfaction|Feedback|संतुष्टि|संतुष्टि स्तर"},
	[F_PREV_CATEGORY] = {"prev_category", "Previous Category", 0,
			     "Previous Category|Old Category|पूर्व प्रारूप|पुराना प्रारूप"},
	[F_CATEGORY_CHANGED] = {"category_changed", "Category Change Date", 0,
				"Category Change Date|Category Changed On|प्रारूप परिवर्तन दिनांक"},
	[F_OJ_DATE] = {"oj_date", "Out of Jurisdiction Date", 0,
		       "Out of Jurisdiction Date|OJ Date|कार्यक्षेत्र से बाहर दिनांक"},
	[F_OJ_LEVEL] = {"oj_level", "Out of Jurisdiction By Level", 0,
			"Out of Jurisdiction By Level|OJ Level|कार्यक्षेत्र से बाहर स्तर"},
	[F_OJ_OFFICER] = {"oj_officer", "Out of Jurisdiction By Officer", 0,
			  "Out of Jurisdiction By Officer|OJ Officer|कार्यक्षेत्र से बाहर अधिकारी"},
};

static const struct field_spec category_fields[C_COUNT] = {
	[C_CATEGORY] = {"category", "Category", 1,
			"Category|Complaint Type|Subject|प्रारूप|शिकायत का प्रकार|विषय|श्रेणी"},
	[C_DEPARTMENT] = {"department", "Department", 1, "Department|विभाग"},
	[C_DAYS1] = {"days_l1", "L1 Days", 1,
		     "L1 Days|Days L1|L1|L1 दिवस|एल1 दिवस|स्तर 1 दिवस|लेवल 1 दिवस"},
	[C_DAYS2] = {"days_l2", "L2 Days", 0,
		     "L2 Days|Days L2|L2|L2 दिवस|एल2 दिवस|स्तर 2 दिवस|लेवल 2 दिवस"},
	[C_DAYS3] = {"days_l3", "L3 Days", 0,
		     "L3 Days|Days L3|L3|L3 दिवस|एल3 दिवस|स्तर 3 दिवस|लेवल 3 दिवस"},
	[C_DAYS4] = {"days_l4", "L4 Days", 0,
		     "L4 Days|Days L4|L4|L4 दिवस|एल4 दिवस|स्तर 4 दिवस|लेवल 4 दिवस"},
	[C_DAYS5] = {"days_l5", "L5 Days", 0,
		     "L5 Days|Days L5|L5|L5 दिवस|एल5 दिवस|स्तर 5 दिवस|लेवल 5 दिवस"},
};

static const struct field_spec officer_fields[O_COUNT] = {
	[O_ID] = {"officer_id", "Officer ID", 1,
		  "Officer ID|Officer Id No|Officer|अधिकारी आईडी|अधिकारी क्रमांक"},
	[O_NAME] = {"name", "Name", 1, "Name|Officer Name|नाम|अधिकारी का नाम"},
	[O_DESIGNATION] = {"designation", "Designation", 0, "Designation|Post|पद|पदनाम"},
	[O_LEVEL] = {"level", "Level", 1, "Level|स्तर|लेवल"},
	[O_DEPARTMENT] = {"department", "Department", 0, "Department|विभाग"},
	[O_DISTRICT] = {"district", "District", 0, "District|जिला"},
	[O_MOBILE] = {"mobile", "Mobile", 0, "Mobile|Mobile No|Phone|मोबाइल|मोबाइल नंबर"},
	[O_REPORTS_TO] = {"reports_to", "Reports To", 0,
			  "Reports To|Superior|Senior Officer|वरिष्ठ अधिकारी|रिपोर्टिंग अधिकारी"},
};

static const struct field_spec movement_fields[M_COUNT] = {
	[M_ID] = {"complaint_id", "Complaint No", 1,
		  "Complaint No|Complaint ID|Complaint Number|शिकायत क्रमांक|शिकायत संख्या|शिकायत नंबर"},
	[M_DATE] = {"action_date", "Action Date", 1, "Action Date|Date|कार्यवाही दिनांक|दिनांक"},
	[M_ACTION] = {"action", "Action", 1, "Action|कार्यवाही"},
	[M_FROM_LEVEL] = {"from_level", "From Level", 0, "From Level|से स्तर"},
	[M_TO_LEVEL] = {"to_level", "To Level", 0, "To Level|को स्तर"},
	[M_FROM_OFFICER] = {"from_officer", "From Officer", 0, "From Officer|से अधिकारी"},
	[M_TO_OFFICER] = {"to_officer", "To Officer", 0, "To Officer|को अधिकारी"},
	[M_OLD_CATEGORY] = {"old_category", "Old Category", 0, "Old Category|पुराना प्रारूप"},
	[M_NEW_CATEGORY] = {"new_category", "New Category", 0, "New Category|नया प्रारूप"},
	[M_REMARKS] = {"remarks", "Remarks", 0, "Remarks|टिप्पणी"},
};

static const struct {
	const char *name;
	const struct field_spec *fields;
	int n;
} kinds[KIND_COUNT] = {
	{"complaints", complaint_fields, F_COMPLAINT_COUNT},
	{"categories", category_fields, C_COUNT},
	{"officers", officer_fields, O_COUNT},
	{"movements", movement_fields, M_COUNT},
};

const char *file_kind_name(enum file_kind k)
{
	return kinds[k].name;
}

int file_kind_parse(const char *s, enum file_kind *out)
{
	for (int k = 0; k < KIND_COUNT; k++) {
		if (!strcasecmp(s, kinds[k].name)) {
			*out = (enum file_kind)k;
			return 0;
		}
	}
	return -1;
}

const char *header_field_name(enum file_kind k, int f)
{
	return kinds[k].fields[f].name;
}

const char *header_field_label(enum file_kind k, int f)
{
	return kinds[k].fields[f].label;
}

/*
 * Rank of a folded header against a '|' list of aliases: 1 for the first
 * alias, 2 for the second, ...; 0 when none matches.
 */
static int alias_rank(const char *folded, const char *aliases)
{
	char buf[256];
	int rank = 1;
	const char *p = aliases;
	while (*p) {
		const char *bar = strchr(p, '|');
		size_t n = bar ? (size_t)(bar - p) : strlen(p);
		if (n < sizeof(buf)) {
			field_fold_label(p, n, buf);
			if (!strcmp(buf, folded))
				return rank;
		}
		rank++;
		p += n + (bar != NULL);
	}
	return 0;
}

/* Best field for one header text; config aliases rank before built-in ones. */
static int match_column(enum file_kind kind, const char *text, size_t len, const struct config *cfg,
			int *rank_out)
{
	char stackbuf[256];
	if (len >= sizeof(stackbuf))
		return -1;
	field_fold_label(text, len, stackbuf);
	if (!*stackbuf)
		return -1;
	int best = -1, best_rank = 0;
	for (int f = 0; f < kinds[kind].n; f++) {
		const char *extra =
			cfg ? config_get(cfg, "columns", kinds[kind].fields[f].name) : NULL;
		int r = extra ? alias_rank(stackbuf, extra) : 0;
		if (!r) {
			r = alias_rank(stackbuf, kinds[kind].fields[f].aliases);
			r = r ? r + 100 : 0;
		}
		if (r && (best < 0 || r < best_rank)) {
			best = f;
			best_rank = r;
		}
	}
	*rank_out = best_rank;
	return best;
}

int header_required_hits(enum file_kind kind, const struct row *hdr, const struct config *cfg)
{
	int seen[HEADER_MAX_FIELDS] = {0}, hits = 0, rank;
	for (size_t c = 0; c < hdr->nfields; c++) {
		int f = match_column(kind, hdr->field[c], hdr->len[c], cfg, &rank);
		if (f >= 0 && kinds[kind].fields[f].required && !seen[f]) {
			seen[f] = 1;
			hits++;
		}
	}
	return hits;
}

static void missing_message(const struct header_map *m, const struct row *hdr, struct strbuf *err)
{
	const struct field_spec *fs = kinds[m->kind].fields;
	strbuf_addstr(err, "required column(s) missing: ");
	int first = 1;
	for (int f = 0; f < m->nfields; f++) {
		if (fs[f].required && m->col[f] < 0) {
			strbuf_addf(err, "%s%s (accepted names: ", first ? "" : "; ", fs[f].label);
			for (const char *p = fs[f].aliases; *p; p++)
				strbuf_addstr(err, *p == '|' ? ", " : (char[]){*p, 0});
			strbuf_addch(err, ')');
			first = 0;
		}
	}
	strbuf_addstr(err, ". The header row has: ");
	for (size_t c = 0; c < hdr->nfields; c++)
		strbuf_addf(err, "%s\"%s\"", c ? ", " : "", hdr->field[c]);
	strbuf_addstr(err,
		      ". Add a name under [columns] in the config if the portal uses another one.");
}

int header_map_build(struct header_map *m, enum file_kind kind, const struct row *hdr,
		     const struct config *cfg, struct strbuf *err)
{
	int rank[HEADER_MAX_FIELDS];
	memset(m, 0, sizeof(*m));
	m->kind = kind;
	m->nfields = kinds[kind].n;
	for (int f = 0; f < HEADER_MAX_FIELDS; f++)
		m->col[f] = m->col2[f] = -1;
	m->ncols = hdr->nfields;
	m->names = xcalloc(hdr->nfields + 1, sizeof(char *));
	m->unmapped = xcalloc(hdr->nfields + 1, sizeof(int));
	for (size_t c = 0; c < hdr->nfields; c++) {
		int r;
		m->names[c] = xstrdup(hdr->field[c]);
		if (*hdr->field[c])
			m->ncols_named = c + 1;
		int f = match_column(kind, hdr->field[c], hdr->len[c], cfg, &r);
		if (f < 0) {
			m->unmapped[c] = 1;
			continue;
		}
		if (m->col[f] < 0 || r < rank[f]) {
			if (m->col[f] >= 0)
				m->unmapped[m->col[f]] = 1;
			m->repeated -= m->col2[f] >= 0;
			m->col[f] = (int)c;
			m->col2[f] = -1;
			rank[f] = r;
		} else {
			if (r == rank[f] && m->col2[f] < 0) {
				m->col2[f] = (int)c; /* the same name again */
				m->repeated++;
			}
			m->unmapped[c] = 1;
		}
	}
	for (int f = 0; f < m->nfields; f++) {
		if (kinds[kind].fields[f].required && m->col[f] < 0) {
			missing_message(m, hdr, err);
			return -1;
		}
	}
	return 0;
}

int header_required_count(enum file_kind kind)
{
	int n = 0;
	for (int f = 0; f < kinds[kind].n; f++)
		n += kinds[kind].fields[f].required;
	return n;
}

void header_map_release(struct header_map *m)
{
	for (size_t c = 0; m->names && c < m->ncols; c++)
		free(m->names[c]);
	free(m->names);
	free(m->unmapped);
	m->names = NULL;
	m->unmapped = NULL;
}

static const char *cell(const struct row *row, int c)
{
	return c >= 0 && (size_t)c < row->nfields ? row->field[c] : "";
}

const char *header_get(const struct header_map *m, const struct row *row, int f)
{
	const char *v = cell(row, m->col[f]);
	return *v || m->col2[f] < 0 ? v : cell(row, m->col2[f]);
}

int header_conflict(const struct header_map *m, const struct row *row)
{
	for (int f = 0; m->repeated && f < m->nfields; f++) {
		if (m->col2[f] < 0)
			continue;
		const char *a = cell(row, m->col[f]), *b = cell(row, m->col2[f]);
		if (*a && *b && strcmp(a, b))
			return f;
	}
	return -1;
}

const char *header_column_name(const struct header_map *m, int f)
{
	int c = m->col[f];
	return c >= 0 ? m->names[c] : "";
}
