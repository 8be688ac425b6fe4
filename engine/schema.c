/* schema.c - the tables, as forward migrations (see schema.h). */
#include "engine/schema.h"

/*
 * Dates are 'YYYY-MM-DD' text and times 'HH:MM:SS', so SQLite's date
 * functions and plain comparisons both work on them.
 */
static const char v1_core[] =
	"CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);\n"
	"CREATE TABLE ingest_files (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  path TEXT NOT NULL,\n"
	"  sha256 TEXT NOT NULL UNIQUE,\n"
	"  kind TEXT NOT NULL,            -- complaints | categories | officers | movements\n"
	"  format TEXT,                   -- 'CSV (UTF-8, comma)', 'XLSX (sheet Sheet1)'\n"
	"  snapshot_date TEXT NOT NULL,\n"
	"  rows_read INTEGER NOT NULL DEFAULT 0,\n"
	"  rows_loaded INTEGER NOT NULL DEFAULT 0,\n"
	"  rows_quarantined INTEGER NOT NULL DEFAULT 0,\n"
	"  rows_empty INTEGER NOT NULL DEFAULT 0,\n"
	"  rows_older INTEGER NOT NULL DEFAULT 0, -- valid rows older than the state we hold\n"
	"  started_at TEXT NOT NULL,\n"
	"  finished_at TEXT\n"
	");\n"
	"CREATE TABLE quarantine (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  file_id INTEGER NOT NULL REFERENCES ingest_files(id),\n"
	"  row_number INTEGER NOT NULL,   -- line (CSV) or sheet row (XLSX)\n"
	"  column_name TEXT,              -- header as written in the file\n"
	"  code TEXT NOT NULL,            -- bad_date, unknown_status, ...\n"
	"  reason TEXT NOT NULL,          -- English, for the clerk\n"
	"  reason_hi TEXT NOT NULL,       -- Hindi, for the clerk\n"
	"  raw TEXT NOT NULL              -- the row as read, fields joined as CSV\n"
	");\n"
	"CREATE INDEX quarantine_file ON quarantine(file_id, row_number);\n"
	"CREATE TABLE categories (\n"
	"  category TEXT PRIMARY KEY,\n"
	"  department TEXT NOT NULL,\n"
	"  days_l1 INTEGER, days_l2 INTEGER, days_l3 INTEGER, days_l4 INTEGER, days_l5 INTEGER,\n"
	"  file_id INTEGER REFERENCES ingest_files(id)\n"
	");\n"
	"CREATE TABLE officers (\n"
	"  officer_id TEXT PRIMARY KEY,\n"
	"  name TEXT, designation TEXT, level INTEGER, department TEXT, district TEXT,\n"
	"  mobile_raw TEXT, mobile TEXT, mobile_kind TEXT,\n"
	"  reports_to TEXT,\n"
	"  file_id INTEGER REFERENCES ingest_files(id)\n"
	");\n"
	"CREATE TABLE complaints (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  complaint_id TEXT NOT NULL UNIQUE,\n"
	"  reg_date TEXT NOT NULL, reg_time TEXT,\n"
	"  name_raw TEXT NOT NULL, father_raw TEXT, mobile_raw TEXT,\n"
	"  district TEXT, tehsil TEXT, block TEXT, village TEXT, address TEXT,\n"
	"  department TEXT, category TEXT, sub_category TEXT, description TEXT,\n"
	"  level INTEGER NOT NULL,\n"
	"  status TEXT NOT NULL,          -- canonical: see ingest/field.h\n"
	"  status_raw TEXT,\n"
	"  officer_id TEXT, officer_name TEXT,\n"
	"  level_since TEXT, closed_date TEXT, satisfaction TEXT,\n"
	"  prev_category TEXT, category_changed TEXT,\n"
	"  oj_date TEXT, oj_level INTEGER, oj_officer TEXT,\n"
	"  -- keys computed once at load (engine/normalize, phone, text)\n"
	"  name_display TEXT, name_cmp TEXT, name_phon TEXT, name_bridge TEXT,\n"
	"  name_sorted TEXT, name_flags INTEGER NOT NULL DEFAULT 0,\n"
	"  father_cmp TEXT, father_bridge TEXT,\n"
	"  mobile TEXT, mobile_kind TEXT,\n"
	"  text_tokens TEXT, text_sig BLOB,\n"
	"  -- provenance\n"
	"  snapshot_date TEXT NOT NULL,   -- the export this state was seen in\n"
	"  file_id INTEGER REFERENCES ingest_files(id),\n"
	"  src_row INTEGER,\n"
	"  first_seen TEXT NOT NULL,\n"
	"  changed_at TEXT NOT NULL,      -- snapshot date of the last change\n"
	"  merged_into TEXT               -- primary's complaint_id once a merge is approved\n"
	");\n"
	"CREATE TABLE complaint_history (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  complaint_id TEXT NOT NULL,\n"
	"  snapshot_date TEXT NOT NULL,   -- when the change was seen (or done, for movements)\n"
	"  field TEXT NOT NULL,           -- level | status | category | officer_id\n"
	"  old_value TEXT, new_value TEXT,\n"
	"  source TEXT NOT NULL,          -- snapshot | movement\n"
	"  file_id INTEGER REFERENCES ingest_files(id)\n"
	");\n"
	"CREATE INDEX complaint_history_id ON complaint_history(complaint_id, snapshot_date);\n"
	"CREATE TABLE movements (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  complaint_id TEXT NOT NULL,\n"
	"  action_date TEXT NOT NULL, action_time TEXT,\n"
	"  action TEXT NOT NULL,          -- escalated | transferred | category_changed | ...\n"
	"  from_level INTEGER, to_level INTEGER,\n"
	"  from_officer TEXT, to_officer TEXT,\n"
	"  old_category TEXT, new_category TEXT,\n"
	"  remarks TEXT,\n"
	"  file_id INTEGER REFERENCES ingest_files(id),\n"
	"  src_row INTEGER\n"
	");\n"
	"CREATE INDEX movements_id ON movements(complaint_id, action_date);\n"
	"-- the same log row ingested twice (overlapping logs) is kept once\n"
	"CREATE UNIQUE INDEX movements_once ON movements(complaint_id, action_date,\n"
	"  coalesce(action_time, ''), action, coalesce(from_level, 0), coalesce(to_level, 0),\n"
	"  coalesce(from_officer, ''), coalesce(to_officer, ''));\n"
	"CREATE TABLE runs (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  as_of TEXT NOT NULL,\n"
	"  started_at TEXT NOT NULL,\n"
	"  finished_at TEXT,\n"
	"  stage TEXT,                    -- last stage completed\n"
	"  exit_code INTEGER\n"
	");\n";

/*
 * One slot per stage, so stages developed side by side never edit the same
 * string. A slot that is not yet used holds a no-op.
 */
static const char v2_analytics[] = "SELECT 1;"; /* engine/sla.c and friends */
static const char v3_matching[] = "SELECT 1;";  /* engine/match.c and friends */
/* engine/otp.c and engine/review.c */
static const char v4_review[] =
	"CREATE TABLE officer_otp (\n"
	"  officer_id TEXT PRIMARY KEY,\n"
	"  secret TEXT NOT NULL,          -- base32, as the authenticator app has it\n"
	"  enrolled_at TEXT NOT NULL,\n"
	"  last_counter INTEGER NOT NULL DEFAULT -1, -- TOTP step of the last accepted code\n"
	"  failures INTEGER NOT NULL DEFAULT 0,      -- wrong codes in a row\n"
	"  locked_until INTEGER NOT NULL DEFAULT 0   -- unix time\n"
	");\n";

const char *const schema_migrations[] = {
	v1_core,
	v2_analytics,
	v3_matching,
	v4_review,
};

const int schema_migration_count = sizeof(schema_migrations) / sizeof(schema_migrations[0]);
