/*
 * header.h - maps an export's header row to canonical fields through
 * English and Hindi aliases (and those the config's [columns] section adds).
 * Matching folds case, spaces, '-', '_', '.', '/' and a BOM (see
 * field_fold_label), so "Mobile No.", "mobile_no" and "MOBILE NO" agree.
 */
#ifndef NK_HEADER_H
#define NK_HEADER_H

#include "engine/config.h"
#include "engine/util.h"
#include "ingest/row.h"

enum file_kind { KIND_COMPLAINTS, KIND_CATEGORIES, KIND_OFFICERS, KIND_MOVEMENTS };
#define KIND_COUNT 4

const char *file_kind_name(enum file_kind k);            /* "complaints", ... */
int file_kind_parse(const char *s, enum file_kind *out); /* 0 or -1 */

/* Complaint export fields. */
enum {
	F_ID,
	F_REG_DATE,
	F_NAME,
	F_FATHER,
	F_MOBILE,
	F_DISTRICT,
	F_TEHSIL,
	F_BLOCK,
	F_VILLAGE,
	F_ADDRESS,
	F_DEPARTMENT,
	F_CATEGORY,
	F_SUB_CATEGORY,
	F_DESCRIPTION,
	F_LEVEL,
	F_STATUS,
	F_OFFICER_ID,
	F_OFFICER_NAME,
	F_LEVEL_SINCE,
	F_CLOSED_DATE,
	F_SATISFACTION,
	F_PREV_CATEGORY,
	F_CATEGORY_CHANGED,
	F_OJ_DATE,
	F_OJ_LEVEL,
	F_OJ_OFFICER,
	F_COMPLAINT_COUNT
};
/* Categories master. */
enum { C_CATEGORY, C_DEPARTMENT, C_DAYS1, C_DAYS2, C_DAYS3, C_DAYS4, C_DAYS5, C_COUNT };
/* Officers master. */
enum {
	O_ID,
	O_NAME,
	O_DESIGNATION,
	O_LEVEL,
	O_DEPARTMENT,
	O_DISTRICT,
	O_MOBILE,
	O_REPORTS_TO,
	O_COUNT
};
/* Movement log. */
enum {
	M_ID,
	M_DATE,
	M_ACTION,
	M_FROM_LEVEL,
	M_TO_LEVEL,
	M_FROM_OFFICER,
	M_TO_OFFICER,
	M_OLD_CATEGORY,
	M_NEW_CATEGORY,
	M_REMARKS,
	M_COUNT
};

#define HEADER_MAX_FIELDS 32

struct header_map {
	enum file_kind kind;
	int nfields;                /* canonical fields of this kind */
	int col[HEADER_MAX_FIELDS]; /* column of each field, -1 when absent */
	/* A second column under the same name ("Mobile No" twice), or -1:
	 * header_get takes whichever of the two is filled in. */
	int col2[HEADER_MAX_FIELDS];
	int repeated;       /* fields with a col2 */
	size_t ncols;       /* columns in the header row */
	size_t ncols_named; /* up to its last non-empty name */
	char **names;       /* header text of each column (malloc'd) */
	int *unmapped;      /* columns no field took (1) */
};

/* Canonical name of field f of kind k ("complaint_id"), and its English label. */
const char *header_field_name(enum file_kind k, int f);
const char *header_field_label(enum file_kind k, int f);

/*
 * Maps the columns of hdr. When a required field has no column, returns -1
 * and err says which are missing, what the file has, and what names are
 * accepted. Where two columns match one field, the one matching the more
 * specific alias wins ("दर्ज दिनांक" over "दिनांक").
 */
int header_map_build(struct header_map *m, enum file_kind kind, const struct row *hdr,
		     const struct config *cfg, struct strbuf *err);
/* How many required fields of kind the row maps (to find a header row below a title). */
int header_required_hits(enum file_kind kind, const struct row *hdr, const struct config *cfg);
void header_map_release(struct header_map *m);
/* How many fields of kind are required. */
int header_required_count(enum file_kind kind);

/* Field f's text in row, or "" when the column is absent or the row short;
 * of two columns under one name, the first that is not empty. */
const char *header_get(const struct header_map *m, const struct row *row, int f);
/*
 * A field whose two columns under one name both hold text, and different
 * text, in row: which one is meant cannot be told. The field, or -1.
 */
int header_conflict(const struct header_map *m, const struct row *row);
/* The header text of field f's column ("" when absent). */
const char *header_column_name(const struct header_map *m, int f);

#endif
