/* schema.c - the tables, as forward migrations (see schema.h). */
#include "engine/schema.h"

/*
 * Texts several migrations spell the same: the name forms read back from
 * their k_ columns (v7), the body of the triggers that mark a complaint for
 * matching, the complainants view over match_persons (v6).
 */
#define NAME_FORMS                                                             \
	"  name_display TEXT AS (nullif(coalesce(k_display, name_raw), '')),\n" \
	"  name_cmp TEXT AS (nullif(coalesce(k_cmp, name_display), '')),\n"     \
	"  name_bridge TEXT AS (nullif(coalesce(k_bridge, name_cmp), '')),\n"   \
	"  father_cmp TEXT AS (nullif(coalesce(k_fcmp, father_raw), '')),\n"    \
	"  father_bridge TEXT AS (nullif(coalesce(k_fbridge, father_cmp), ''))\n"
#define MARK_DIRTY                                                  \
	"  INSERT INTO match_dirty (id) SELECT NEW.id WHERE NOT EXISTS\n" \
	"    (SELECT 1 FROM match_dirty WHERE id = NEW.id);\n"           \
	"  INSERT INTO match_dirty (id) SELECT OLD.id WHERE NOT EXISTS\n" \
	"    (SELECT 1 FROM match_dirty WHERE id = OLD.id); END;\n"
#define COMPLAINANTS_VIEW                                                   \
	"CREATE VIEW complainants AS\n"                                         \
	"  SELECT c.id AS id, c.complaint_id AS complaint_id,\n"                \
	"    coalesce(p.complaint_id, c.complaint_id) AS complainant_id\n"      \
	"  FROM complaints c LEFT JOIN match_persons m ON m.id = c.id\n"        \
	"    LEFT JOIN complaints p ON p.id = m.person\n"                       \
	"  WHERE " SCHEMA_COMPARED("c") ";\n"

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
/*
 * v2: what engine/analytics.c computes for an as-of date (the night a run
 * stands for). Every table but nightly_summary is keyed by as_of, so a past
 * night can be read back (and recomputed: a run for the same as_of replaces
 * that night's rows). Detail rows older than [analytics] keep_days are pruned;
 * nightly_summary keeps one row a night for the trend. Dates are 'YYYY-MM-DD'.
 * "The period" is the month of as_of up to as_of. engine/analytics.h
 * documents each column's meaning at length.
 */
static const char v2_analytics[] =
	"-- open complaints (open, attended, non-attended) on as_of and their time limit\n"
	"CREATE TABLE sla_status (\n"
	"  as_of TEXT NOT NULL, complaint_id TEXT NOT NULL,\n"
	"  reg_date TEXT NOT NULL, status TEXT NOT NULL, level INTEGER NOT NULL,\n"
	"  officer_id TEXT, officer_name TEXT, department TEXT, category TEXT,\n"
	"  sla_category TEXT,              -- category whose limits apply (not reset by a bad change)\n"
	"  category_known INTEGER NOT NULL, -- 0: not in the master, default days used\n"
	"  complainant TEXT, village TEXT, tehsil TEXT,\n"
	"  level_start TEXT NOT NULL, sla_source TEXT NOT NULL, -- export|movement|snapshot|registration|computed\n"
	"  days_allowed INTEGER NOT NULL, due_date TEXT NOT NULL,\n"
	"  days_left INTEGER NOT NULL,     -- due_date - as_of in calendar days, negative when overdue\n"
	"  days_overdue INTEGER NOT NULL,  -- max(0, as_of - due_date)\n"
	"  breached INTEGER NOT NULL,      -- as_of > due_date\n"
	"  age_days INTEGER NOT NULL, age_bucket TEXT NOT NULL, -- since registration\n"
	"  pending_over_50 INTEGER NOT NULL, pending_over_100 INTEGER NOT NULL,\n"
	"  no_action_to_top INTEGER NOT NULL, -- reached the state level with no action recorded\n"
	"  PRIMARY KEY (as_of, complaint_id)\n"
	") WITHOUT ROWID;\n"
	"-- escalations dated in the period, and the lower officer charged with each\n"
	"CREATE TABLE escalation_events (\n"
	"  as_of TEXT NOT NULL, complaint_id TEXT NOT NULL, event_date TEXT NOT NULL,\n"
	"  from_level INTEGER NOT NULL, to_level INTEGER NOT NULL, is_auto INTEGER NOT NULL,\n"
	"  charged_officer TEXT, charged_officer_name TEXT, to_officer TEXT,\n"
	"  department TEXT, category TEXT, village TEXT,\n"
	"  source TEXT NOT NULL             -- movement | snapshot\n"
	");\n"
	"CREATE INDEX escalation_events_as_of ON escalation_events(as_of, charged_officer);\n"
	"-- one row per officer seen in the master or in the complaints\n"
	"CREATE TABLE officer_scores (\n"
	"  as_of TEXT NOT NULL, officer_id TEXT NOT NULL, name TEXT, designation TEXT,\n"
	"  level INTEGER, department TEXT, in_master INTEGER NOT NULL,\n"
	"  pending INTEGER NOT NULL, breached INTEGER NOT NULL,\n"
	"  disposed INTEGER NOT NULL, disposed_in_time INTEGER NOT NULL,\n"
	"  escalated INTEGER NOT NULL, escalated_auto INTEGER NOT NULL, escalation_rate REAL,\n"
	"  category_changes INTEGER NOT NULL, category_violations INTEGER NOT NULL,\n"
	"  oj_marks INTEGER NOT NULL, oj_violations INTEGER NOT NULL,\n"
	"  closed_satisfied INTEGER NOT NULL, closed_low_quality INTEGER NOT NULL,\n"
	"  satisfaction_rate REAL,          -- NULL when nothing was closed with or without satisfaction\n"
	"  force_special INTEGER NOT NULL, repeat_after_close INTEGER NOT NULL,\n"
	"  PRIMARY KEY (as_of, officer_id)\n"
	");\n"
	"-- officer_scores added up per department (the officers' own department)\n"
	"CREATE VIEW department_scores AS SELECT as_of, department,\n"
	"  count(*) AS officers, sum(pending) AS pending, sum(breached) AS breached,\n"
	"  sum(disposed) AS disposed, sum(disposed_in_time) AS disposed_in_time,\n"
	"  sum(escalated) AS escalated, sum(escalated_auto) AS escalated_auto,\n"
	"  CAST(sum(escalated) AS REAL) / nullif(sum(pending + disposed + escalated), 0)\n"
	"    AS escalation_rate,\n"
	"  sum(category_violations) + sum(oj_violations) AS violations\n"
	"  FROM officer_scores GROUP BY as_of, department;\n"
	"-- every breach of the helpline's rules known on as_of (engine/violations.h)\n"
	"CREATE TABLE rule_violations (\n"
	"  as_of TEXT NOT NULL, complaint_id TEXT NOT NULL,\n"
	"  kind TEXT NOT NULL,              -- category_change_late | category_change_not_l1 | oj_below_level\n"
	"                                   -- | oj_back_to_same_officer | closed_without_feedback\n"
	"                                   -- | force_close_not_informed\n"
	"  event_date TEXT, level INTEGER, officer_id TEXT, officer_name TEXT,\n"
	"  department TEXT, category TEXT, village TEXT,\n"
	"  source TEXT NOT NULL,            -- movement | export | snapshot | status\n"
	"  detail_en TEXT NOT NULL, detail_hi TEXT NOT NULL\n"
	");\n"
	"CREATE INDEX rule_violations_as_of ON rule_violations(as_of, kind);\n"
	"-- the grading preview of the period (engine/grading.h): the district, then departments\n"
	"CREATE TABLE grading (\n"
	"  as_of TEXT NOT NULL, period_start TEXT NOT NULL,\n"
	"  scope TEXT NOT NULL, name TEXT NOT NULL, -- 'district' | 'department'\n"
	"  received INTEGER NOT NULL, satisfied INTEGER NOT NULL, low_quality INTEGER NOT NULL,\n"
	"  non_attended INTEGER NOT NULL, old_pending INTEGER NOT NULL, old_satisfied INTEGER NOT NULL,\n"
	"  capped_out INTEGER NOT NULL,     -- complaints left out by the per-complainant cap\n"
	"  pts_satisfied REAL NOT NULL, pts_pending50 REAL NOT NULL,\n"
	"  pts_low_quality REAL NOT NULL, pts_non_attended REAL NOT NULL,\n"
	"  total REAL NOT NULL, grade TEXT NOT NULL\n"
	");\n"
	"CREATE INDEX grading_as_of ON grading(as_of);\n"
	"-- officers whose mobile number is missing, invalid, shared or a complainant's\n"
	"CREATE TABLE officer_quality (\n"
	"  as_of TEXT NOT NULL, officer_id TEXT NOT NULL, officer_name TEXT, department TEXT,\n"
	"  level INTEGER, mobile TEXT,\n"
	"  problem TEXT NOT NULL,           -- no_mobile | invalid_mobile | shared_mobile | complainant_mobile\n"
	"  detail_en TEXT NOT NULL, detail_hi TEXT NOT NULL\n"
	");\n"
	"CREATE INDEX officer_quality_as_of ON officer_quality(as_of);\n"
	"-- what the analytics had to guess or could not place\n"
	"CREATE TABLE data_quality (\n"
	"  as_of TEXT NOT NULL,\n"
	"  kind TEXT NOT NULL,              -- unknown_category | unknown_officer | movement_unknown_complaint\n"
	"                                   -- | level_start_computed | legacy_font_name | damaged_mobile\n"
	"  subject TEXT NOT NULL,           -- the category, officer id, complaint id or level\n"
	"  count INTEGER NOT NULL,          -- complaints (or log rows) concerned\n"
	"  detail_en TEXT NOT NULL, detail_hi TEXT NOT NULL\n"
	");\n"
	"CREATE INDEX data_quality_as_of ON data_quality(as_of);\n"
	"-- one row a night: the key figures and the trend chart's series\n"
	"CREATE TABLE nightly_summary (\n"
	"  as_of TEXT PRIMARY KEY, run_id INTEGER,\n"
	"  open INTEGER NOT NULL, breached INTEGER NOT NULL,\n"
	"  escalated_today INTEGER NOT NULL, escalated_period INTEGER NOT NULL,\n"
	"  pending_50 INTEGER NOT NULL, pending_100 INTEGER NOT NULL,\n"
	"  no_action_to_top INTEGER NOT NULL, violations INTEGER NOT NULL,\n"
	"  unknown_categories INTEGER NOT NULL, officer_problems INTEGER NOT NULL,\n"
	"  district_total REAL, district_grade TEXT,\n"
	"  calendar TEXT NOT NULL,          -- 'calendar days' | 'working days'\n"
	"  complainant_key TEXT NOT NULL,   -- where complainant identity came from\n"
	"  computed_at TEXT NOT NULL\n"
	");\n";
/*
 * Matching (engine/match.c and friends). proposals keeps every run's rows,
 * so a returned review workbook can be checked against the run it came
 * from; match_pairs and match_keys hold the state after the last run,
 * which a nightly increment starts from. Fingerprints (16 hex digits) are
 * of the fields matching reads: a decision on a pair holds while both
 * fingerprints are unchanged. match_keys and match_dirty let an increment
 * read only what changed (engine/match.h).
 */
static const char v3_matching[] =
	"CREATE TABLE match_runs (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  as_of TEXT NOT NULL,\n"
	"  started_at TEXT NOT NULL,\n"
	"  finished_at TEXT NOT NULL,\n"
	"  mode TEXT NOT NULL,            -- full | increment\n"
	"  threads INTEGER NOT NULL,\n"
	"  complaints INTEGER NOT NULL,   -- compared (not merged, registered by as_of)\n"
	"  changed INTEGER NOT NULL,      -- new or changed since the run before\n"
	"  candidate_pairs INTEGER NOT NULL,\n"
	"  accepted_pairs INTEGER NOT NULL,\n"
	"  groups INTEGER NOT NULL,\n"
	"  proposals INTEGER NOT NULL,\n"
	"  review_groups INTEGER NOT NULL, -- groups whose members do not all link to the primary\n"
	"  oversized_blocks INTEGER NOT NULL,\n"
	"  shared_mobiles INTEGER NOT NULL, -- mobiles used by too many names to identify anyone\n"
	"  seconds REAL NOT NULL\n"
	");\n"
	"CREATE TABLE match_pairs (       -- accepted pairs standing after the last run\n"
	"  a TEXT NOT NULL, b TEXT NOT NULL, -- complaint ids, a < b\n"
	"  weight REAL NOT NULL,\n"
	"  rule TEXT NOT NULL,\n"
	"  run_id INTEGER NOT NULL,       -- the run that scored it\n"
	"  PRIMARY KEY (a, b)\n"
	") WITHOUT ROWID;\n"
	"CREATE TABLE complainants (      -- one person across complaints, mobiles, spellings\n"
	"  complaint_id TEXT PRIMARY KEY,\n"
	"  complainant_id TEXT NOT NULL,  -- complaint_id of the person's earliest complaint\n"
	"  fp TEXT NOT NULL,              -- fingerprint when last matched\n"
	"  run_id INTEGER NOT NULL\n"
	") WITHOUT ROWID;\n"
	"CREATE INDEX complainants_person ON complainants(complainant_id);\n"
	"CREATE TABLE proposals (         -- one row per complaint proposed to merge\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  run_id INTEGER NOT NULL REFERENCES match_runs(id),\n"
	"  group_id INTEGER NOT NULL,     -- stable across runs while the group lives\n"
	"  complaint_id TEXT NOT NULL,\n"
	"  primary_id TEXT NOT NULL,      -- the group's earliest complaint\n"
	"  rule TEXT NOT NULL,            -- R1 | R2 | R3\n"
	"  score REAL NOT NULL,           -- probability of a duplicate, 0..1\n"
	"  weight REAL NOT NULL,          -- prior + the fields' weights (log2 odds)\n"
	"  band TEXT NOT NULL,            -- high | review\n"
	"  review_reason TEXT,            -- why in review: weak, chain (not linked to the primary)\n"
	"  name_level TEXT, name_reason TEXT, name_sim REAL, father_level TEXT,\n"
	"  mobile_level TEXT, place_level TEXT, nature_level TEXT, text_sim REAL, days_apart INTEGER,\n"
	"  w_name REAL, w_father REAL, w_mobile REAL, w_place REAL, w_nature REAL, w_text REAL,\n"
	"  w_days REAL,\n"
	"  fp TEXT NOT NULL, primary_fp TEXT NOT NULL,\n"
	"  reason_en TEXT NOT NULL, reason_hi TEXT NOT NULL,\n"
	"  status TEXT NOT NULL DEFAULT 'proposed',\n"
	"  UNIQUE (run_id, complaint_id)\n"
	");\n"
	"CREATE INDEX proposals_group ON proposals(run_id, group_id);\n"
	"CREATE TABLE pair_decisions (    -- a supervisor's word on a pair (the review stage writes)\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  a TEXT NOT NULL, b TEXT NOT NULL, -- complaint ids, a < b\n"
	"  decision TEXT NOT NULL CHECK (decision IN ('merge', 'reject', 'unsure')),\n"
	"  fp_a TEXT NOT NULL, fp_b TEXT NOT NULL, -- fingerprints when decided\n"
	"  proposal_id INTEGER, officer_id TEXT, decided_at TEXT NOT NULL,\n"
	"  file_sha256 TEXT, remarks TEXT\n"
	");\n"
	"CREATE INDEX pair_decisions_ab ON pair_decisions(a, b);\n"
	"-- what matching keeps of each complaint it compared in the last run, so a\n"
	"-- nightly increment reads these narrow rows instead of the wide complaints\n"
	"CREATE TABLE match_keys (\n"
	"  id INTEGER PRIMARY KEY,        -- complaints.id\n"
	"  complaint_id TEXT NOT NULL,\n"
	"  day INTEGER NOT NULL, secs INTEGER NOT NULL, -- registration (day number, seconds or -1)\n"
	"  k_mobile INTEGER NOT NULL, k_phon INTEGER NOT NULL, -- block keys (engine/block.h), 0: none\n"
	"  k_bridge INTEGER NOT NULL, k_place INTEGER NOT NULL,\n"
	"  h_phon INTEGER NOT NULL,       -- hash of the phonetic name (names on one mobile)\n"
	"  l_mobile INTEGER NOT NULL, l_father INTEGER NOT NULL, -- complainant keys, 0: none\n"
	"  fp INTEGER NOT NULL,           -- fingerprint (as complainants.fp, as a number)\n"
	"  person INTEGER NOT NULL,       -- match_keys.id of the complainant's earliest complaint\n"
	"  shared INTEGER NOT NULL        -- 1: its mobile is used by too many names\n"
	");\n"
	"-- complaints inserted, or updated in a field matching reads, since the last\n"
	"-- match run: the triggers keep it, whoever writes the complaints (no OR IGNORE:\n"
	"-- the upsert's conflict clause would override it inside a trigger)\n"
	"CREATE TABLE match_dirty (id INTEGER PRIMARY KEY);\n"
	"-- new complaints are those above the rowid seen by the last run (meta\n"
	"-- match_seen_id): a trigger on every insert cost the load a third of its time\n"
	"CREATE TRIGGER match_dirty_update AFTER UPDATE ON complaints WHEN\n"
	"  OLD.id IS NOT NEW.id OR OLD.complaint_id IS NOT NEW.complaint_id OR\n"
	"  OLD.reg_date IS NOT NEW.reg_date OR OLD.reg_time IS NOT NEW.reg_time OR\n"
	"  OLD.name_raw IS NOT NEW.name_raw OR OLD.father_raw IS NOT NEW.father_raw OR\n"
	"  OLD.mobile_raw IS NOT NEW.mobile_raw OR OLD.district IS NOT NEW.district OR\n"
	"  OLD.tehsil IS NOT NEW.tehsil OR OLD.village IS NOT NEW.village OR\n"
	"  OLD.department IS NOT NEW.department OR OLD.category IS NOT NEW.category OR\n"
	"  OLD.prev_category IS NOT NEW.prev_category OR OLD.description IS NOT NEW.description OR\n"
	"  OLD.name_display IS NOT NEW.name_display OR OLD.name_cmp IS NOT NEW.name_cmp OR\n"
	"  OLD.name_bridge IS NOT NEW.name_bridge OR OLD.name_phon IS NOT NEW.name_phon OR\n"
	"  OLD.name_flags IS NOT NEW.name_flags OR OLD.father_cmp IS NOT NEW.father_cmp OR\n"
	"  OLD.father_bridge IS NOT NEW.father_bridge OR OLD.mobile IS NOT NEW.mobile OR\n"
	"  OLD.mobile_kind IS NOT NEW.mobile_kind OR OLD.text_sig IS NOT NEW.text_sig OR\n"
	"  OLD.merged_into IS NOT NEW.merged_into BEGIN\n"
	MARK_DIRTY
	"CREATE TRIGGER match_dirty_delete AFTER DELETE ON complaints BEGIN\n"
	"  INSERT INTO match_dirty (id) SELECT OLD.id WHERE NOT EXISTS\n"
	"    (SELECT 1 FROM match_dirty WHERE id = OLD.id); END;\n";
/* engine/otp.c and engine/review.c */
static const char v4_review[] =
	"CREATE TABLE officer_otp (\n"
	"  officer_id TEXT PRIMARY KEY,\n"
	"  secret TEXT NOT NULL,          -- base32, as the authenticator app has it\n"
	"  enrolled_at TEXT NOT NULL,\n"
	"  last_counter INTEGER NOT NULL DEFAULT -1, -- TOTP step of the last accepted code\n"
	"  failures INTEGER NOT NULL DEFAULT 0,      -- wrong codes in a row\n"
	"  locked_until INTEGER NOT NULL DEFAULT 0   -- unix time\n"
	");\n"
	"CREATE TABLE review_imports (    -- each returned workbook taken in: the audit\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  path TEXT NOT NULL,\n"
	"  sha256 TEXT NOT NULL UNIQUE,\n"
	"  run_id INTEGER NOT NULL,       -- the match run the workbook was made from\n"
	"  officer_id TEXT NOT NULL,\n"
	"  otp_checked INTEGER NOT NULL,  -- 0 when the config switched OTP off\n"
	"  imported_at TEXT NOT NULL,\n"
	"  merged INTEGER NOT NULL, rejected INTEGER NOT NULL, unsure INTEGER NOT NULL\n"
	");\n"
	"-- the few complaints data quality lists, found without scanning them all\n"
	"CREATE INDEX complaints_legacy_name ON complaints(reg_date) WHERE name_flags & 2;\n"
	"CREATE INDEX complaints_damaged_mobile ON complaints(reg_date)\n"
	"  WHERE mobile_kind = 'damaged';\n"
	"-- rows quarantined by a run, so a rerun after a crash still says so\n"
	"ALTER TABLE runs ADD COLUMN quarantined INTEGER NOT NULL DEFAULT 0;\n"
	"CREATE TABLE merge_undos (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  complaint_id TEXT NOT NULL, primary_id TEXT NOT NULL,\n"
	"  officer_id TEXT NOT NULL, undone_at TEXT NOT NULL\n"
	");\n";

/*
 * complainants held a row per compared complaint with the same facts as
 * match_keys (its person, its fingerprint): writing both cost a full run a
 * million rows twice, in the part of matching no second thread can share.
 * It becomes a view over match_keys, read as before. (Likewise
 * complaints.text_tokens of v1 is no longer written: matching reads only
 * text_sig, and the tokens were a tenth of the database.)
 */
static const char v5_complainants_view[] =
	"DROP TABLE complainants;\n"
	"CREATE VIEW complainants AS\n"
	"  SELECT k.id AS id, k.complaint_id AS complaint_id, p.complaint_id AS complainant_id\n"
	"  FROM match_keys k JOIN match_keys p ON p.id = k.person;\n";

/*
 * match_keys a row per complaint still cost a full run 1.5 s of inserts on
 * a million complaints: it becomes a blob per 1024 rowids
 * (engine/keypack.h). The complainant of each compared complaint moves to
 * match_persons, which holds only those whose complainant filed an
 * earlier complaint (a tenth of them); the others are their own. A
 * complaint was compared by the last run when its rowid is at most
 * match_seen_id, it was registered by that run's as_of and is not merged.
 * The keys stored so far are gone: the next run compares everything.
 */
static const char v6_packed_keys[] =
	"DROP VIEW complainants;\n"
	"DROP TABLE match_keys;\n"
	"CREATE TABLE match_keys (        -- engine/keypack.h\n"
	"  lo INTEGER PRIMARY KEY,        -- the complaints of rowids lo .. lo + 1023\n"
	"  n INTEGER NOT NULL,            -- how many\n"
	"  data BLOB NOT NULL\n"
	");\n"
	"CREATE TABLE match_persons (     -- a compared complaint whose complainant filed one earlier\n"
	"  id INTEGER PRIMARY KEY,        -- complaints.id\n"
	"  person INTEGER NOT NULL        -- complaints.id of the person's earliest complaint\n"
	");\n"
	"DELETE FROM meta WHERE key IN ('match_state', 'match_seen_id');\n"
	COMPLAINANTS_VIEW;

/*
 * complaints without the stored forms that cost bytes but not work: a
 * name's display form is its raw text in all but a handful of rows, its
 * comparison form is the display form in most Devanagari names, its bridge
 * (romanised) form is the comparison form in every Latin name, and the
 * father's forms likewise; name_sorted was never read. Each is now kept
 * (k_*) only where it differs from the form it would be derived from, and
 * read as before through a virtual column of the old name, which gives
 * exactly the old value (NULL when empty). k_* = '' stands for an empty
 * form where the fallback is not empty. v1's text_tokens goes too.
 * Triggers, indexes and the view on complaints are made again over the
 * new table; match_dirty_update compares the stored forms.
 */
static const char v7_lean_complaints[] =
	"DROP VIEW complainants;\n"
	"DROP TRIGGER match_dirty_update;\n"
	"DROP TRIGGER match_dirty_delete;\n"
	"DROP INDEX complaints_legacy_name;\n"
	"DROP INDEX complaints_damaged_mobile;\n"
	"ALTER TABLE complaints RENAME TO complaints_v6;\n"
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
	"  -- keys computed once at load (engine/normalize, phone, text); k_*: see above\n"
	"  k_display TEXT, k_cmp TEXT, name_phon TEXT, k_bridge TEXT,\n"
	"  name_flags INTEGER NOT NULL DEFAULT 0,\n"
	"  k_fcmp TEXT, k_fbridge TEXT,\n"
	"  mobile TEXT, mobile_kind TEXT,\n"
	"  text_sig BLOB,\n"
	"  -- provenance\n"
	"  snapshot_date TEXT NOT NULL,   -- the export this state was seen in\n"
	"  file_id INTEGER REFERENCES ingest_files(id),\n"
	"  src_row INTEGER,\n"
	"  first_seen TEXT NOT NULL,\n"
	"  changed_at TEXT NOT NULL,      -- snapshot date of the last change\n"
	"  merged_into TEXT,              -- primary's complaint_id once a merge is approved\n"
	NAME_FORMS
	");\n"
	"INSERT INTO complaints (id, complaint_id, reg_date, reg_time, name_raw, father_raw,\n"
	"  mobile_raw, district, tehsil, block, village, address, department, category,\n"
	"  sub_category, description, level, status, status_raw, officer_id, officer_name,\n"
	"  level_since, closed_date, satisfaction, prev_category, category_changed, oj_date,\n"
	"  oj_level, oj_officer, k_display, k_cmp, name_phon, k_bridge, name_flags, k_fcmp,\n"
	"  k_fbridge, mobile, mobile_kind, text_sig, snapshot_date, file_id, src_row,\n"
	"  first_seen, changed_at, merged_into)\n"
	"SELECT id, complaint_id, reg_date, reg_time, name_raw, father_raw,\n"
	"  mobile_raw, district, tehsil, block, village, address, department, category,\n"
	"  sub_category, description, level, status, status_raw, officer_id, officer_name,\n"
	"  level_since, closed_date, satisfaction, prev_category, category_changed, oj_date,\n"
	"  oj_level, oj_officer,\n"
	"  CASE WHEN coalesce(name_display, '') = name_raw THEN NULL\n"
	"    ELSE coalesce(name_display, '') END,\n"
	"  CASE WHEN coalesce(name_cmp, '') = coalesce(name_display, '') THEN NULL\n"
	"    ELSE coalesce(name_cmp, '') END,\n"
	"  name_phon,\n"
	"  CASE WHEN coalesce(name_bridge, '') = coalesce(name_cmp, '') THEN NULL\n"
	"    ELSE coalesce(name_bridge, '') END,\n"
	"  name_flags,\n"
	"  CASE WHEN coalesce(father_cmp, '') = coalesce(father_raw, '') THEN NULL\n"
	"    ELSE coalesce(father_cmp, '') END,\n"
	"  CASE WHEN coalesce(father_bridge, '') = coalesce(father_cmp, '') THEN NULL\n"
	"    ELSE coalesce(father_bridge, '') END,\n"
	"  mobile, mobile_kind, text_sig, snapshot_date, file_id, src_row,\n"
	"  first_seen, changed_at, merged_into FROM complaints_v6 ORDER BY id;\n"
	"DROP TABLE complaints_v6;\n"
	"CREATE INDEX complaints_legacy_name ON complaints(reg_date) WHERE name_flags & 2;\n"
	"CREATE INDEX complaints_damaged_mobile ON complaints(reg_date)\n"
	"  WHERE mobile_kind = 'damaged';\n"
	"CREATE TRIGGER match_dirty_update AFTER UPDATE ON complaints WHEN\n"
	"  OLD.id IS NOT NEW.id OR OLD.complaint_id IS NOT NEW.complaint_id OR\n"
	"  OLD.reg_date IS NOT NEW.reg_date OR OLD.reg_time IS NOT NEW.reg_time OR\n"
	"  OLD.name_raw IS NOT NEW.name_raw OR OLD.father_raw IS NOT NEW.father_raw OR\n"
	"  OLD.mobile_raw IS NOT NEW.mobile_raw OR OLD.district IS NOT NEW.district OR\n"
	"  OLD.tehsil IS NOT NEW.tehsil OR OLD.village IS NOT NEW.village OR\n"
	"  OLD.department IS NOT NEW.department OR OLD.category IS NOT NEW.category OR\n"
	"  OLD.prev_category IS NOT NEW.prev_category OR OLD.description IS NOT NEW.description OR\n"
	"  OLD.k_display IS NOT NEW.k_display OR OLD.k_cmp IS NOT NEW.k_cmp OR\n"
	"  OLD.k_bridge IS NOT NEW.k_bridge OR OLD.name_phon IS NOT NEW.name_phon OR\n"
	"  OLD.name_flags IS NOT NEW.name_flags OR OLD.k_fcmp IS NOT NEW.k_fcmp OR\n"
	"  OLD.k_fbridge IS NOT NEW.k_fbridge OR OLD.mobile IS NOT NEW.mobile OR\n"
	"  OLD.mobile_kind IS NOT NEW.mobile_kind OR OLD.text_sig IS NOT NEW.text_sig OR\n"
	"  OLD.merged_into IS NOT NEW.merged_into BEGIN\n"
	MARK_DIRTY
	"CREATE TRIGGER match_dirty_delete AFTER DELETE ON complaints BEGIN\n"
	"  INSERT INTO match_dirty (id) SELECT OLD.id WHERE NOT EXISTS\n"
	"    (SELECT 1 FROM match_dirty WHERE id = OLD.id); END;\n"
	COMPLAINANTS_VIEW;

/*
 * A rule that needs a column (closed without feedback needs satisfaction)
 * may fire only on complaints whose export carries it: an export without
 * the column says nothing about feedback. ingest records the fields each
 * file's header mapped; analytics lists a missing one as data_quality kind
 * 'missing_column' with the field as its subject.
 */
static const char v8_file_fields[] =
	"-- canonical fields the file's header mapped, a space before and after each\n"
	"-- (' complaint_id reg_date ... '); NULL for files ingested before v8\n"
	"ALTER TABLE ingest_files ADD COLUMN fields TEXT;\n";

/*
 * A text signature is stored as the low 16 bits of each bucket (engine/
 * text.h), half the bytes. Signatures stored before stay as they are until
 * the complaint's description changes, so its fingerprint stays too: a
 * supervisor's decision is not voided by the upgrade. The term-frequency
 * key of a text is now taken from the folded buckets, so the keys the
 * last run kept no longer fit: the next run compares everything.
 */
static const char v9_folded_signatures[] =
	"DELETE FROM meta WHERE key IN ('match_state', 'match_seen_id');\n";

/*
 * The texts a district repeats in every complaint (its places, departments
 * and categories, the export's status and feedback words, officers' names)
 * are held once in vocab and referred to by id: they were a fifth of the
 * rows' bytes. complaints becomes a view over complaint_rows that reads
 * exactly the old columns in the old order, so every reader stays as it
 * was, and its INSTEAD OF triggers let an UPDATE, INSERT or DELETE on
 * complaints write complaint_rows as before. ingest writes complaint_rows
 * itself (engine/vocab.h). The indexes, triggers and view on complaints
 * are made again over the new table.
 */
#define V10_READ(c) " (SELECT text FROM vocab WHERE id = v_" #c ") AS " #c ","
#define V10_ID(p, c) " (SELECT id FROM vocab WHERE text = " p "." #c "),"
/* the stored columns of complaint_rows, and their values from row p of complaints */
#define V10_COLUMNS                                                                            \
	"id, complaint_id, reg_date, reg_time, name_raw, father_raw, mobile_raw, v_district,"    \
	" v_tehsil, v_block, v_village, address, v_department, v_category, v_sub_category,"      \
	" description, level, status, v_status_raw, officer_id, v_officer_name, level_since,"    \
	" closed_date, v_satisfaction, v_prev_category, category_changed, oj_date, oj_level,"    \
	" oj_officer, k_display, k_cmp, name_phon, k_bridge, name_flags, k_fcmp, k_fbridge,"     \
	" mobile, mobile_kind, text_sig, snapshot_date, file_id, src_row, first_seen,"          \
	" changed_at, merged_into"
#define V10_ROW(p)                                                                              \
	p ".id, " p ".complaint_id, " p ".reg_date, " p ".reg_time, " p ".name_raw, " p           \
	".father_raw, " p ".mobile_raw," V10_ID(p, district) V10_ID(p, tehsil) V10_ID(p, block) \
	V10_ID(p, village) " " p ".address," V10_ID(p, department) V10_ID(p, category)          \
	V10_ID(p, sub_category) " " p ".description, " p ".level, " p ".status,"                \
	V10_ID(p, status_raw) " " p ".officer_id," V10_ID(p, officer_name) " " p                 \
	".level_since, " p ".closed_date," V10_ID(p, satisfaction) V10_ID(p, prev_category)     \
	" " p ".category_changed, " p ".oj_date, " p ".oj_level, " p ".oj_officer, " p          \
	".k_display, " p ".k_cmp, " p ".name_phon, " p ".k_bridge, coalesce(" p                  \
	".name_flags, 0), " p ".k_fcmp, " p ".k_fbridge, " p ".mobile, " p ".mobile_kind, " p    \
	".text_sig, " p ".snapshot_date, " p ".file_id, " p ".src_row, " p ".first_seen, " p     \
	".changed_at, " p ".merged_into"
#define V10_TEXTS(x)                                                                            \
	x(district) x(tehsil) x(block) x(village) x(department) x(category) x(sub_category)     \
	x(status_raw) x(officer_name) x(satisfaction) x(prev_category)
#define V10_FILL(c) \
	"INSERT OR IGNORE INTO vocab (text) SELECT " #c " FROM complaints_v9 WHERE " #c " NOT NULL;\n"
#define V10_NEW(c) " UNION ALL SELECT NEW." #c
#define V10_ADD_NEW                                                                    \
	"  INSERT OR IGNORE INTO vocab (text) SELECT t FROM (SELECT NULL AS t" V10_TEXTS( \
		V10_NEW) ") WHERE t NOT NULL;\n"
static const char v10_vocab[] =
	"DROP VIEW complainants;\n"
	"DROP TRIGGER match_dirty_update;\n"
	"DROP TRIGGER match_dirty_delete;\n"
	"DROP INDEX complaints_legacy_name;\n"
	"DROP INDEX complaints_damaged_mobile;\n"
	"ALTER TABLE complaints RENAME TO complaints_v9;\n"
	"CREATE TABLE vocab (             -- engine/vocab.h\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  text TEXT NOT NULL UNIQUE\n"
	");\n"
	"CREATE TABLE complaint_rows (    -- read through the view complaints\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  complaint_id TEXT NOT NULL UNIQUE,\n"
	"  reg_date TEXT NOT NULL, reg_time TEXT,\n"
	"  name_raw TEXT NOT NULL, father_raw TEXT, mobile_raw TEXT,\n"
	"  -- v_*: the vocab id of the text of complaints' column of the same name\n"
	"  v_district INTEGER, v_tehsil INTEGER, v_block INTEGER, v_village INTEGER,\n"
	"  address TEXT,\n"
	"  v_department INTEGER, v_category INTEGER, v_sub_category INTEGER,\n"
	"  description TEXT,\n"
	"  level INTEGER NOT NULL,\n"
	"  status TEXT NOT NULL,          -- canonical: see ingest/field.h\n"
	"  v_status_raw INTEGER,\n"
	"  officer_id TEXT, v_officer_name INTEGER,\n"
	"  level_since TEXT, closed_date TEXT, v_satisfaction INTEGER,\n"
	"  v_prev_category INTEGER, category_changed TEXT,\n"
	"  oj_date TEXT, oj_level INTEGER, oj_officer TEXT,\n"
	"  k_display TEXT, k_cmp TEXT, name_phon TEXT, k_bridge TEXT,\n"
	"  name_flags INTEGER NOT NULL DEFAULT 0,\n"
	"  k_fcmp TEXT, k_fbridge TEXT,\n"
	"  mobile TEXT, mobile_kind TEXT,\n"
	"  text_sig BLOB,\n"
	"  snapshot_date TEXT NOT NULL,\n"
	"  file_id INTEGER REFERENCES ingest_files(id),\n"
	"  src_row INTEGER,\n"
	"  first_seen TEXT NOT NULL,\n"
	"  changed_at TEXT NOT NULL,\n"
	"  merged_into TEXT,\n"
	NAME_FORMS
	");\n" V10_TEXTS(V10_FILL)
	"INSERT INTO complaint_rows (" V10_COLUMNS ")\n"
	"  SELECT " V10_ROW("c") " FROM complaints_v9 c ORDER BY id;\n"
	"DROP TABLE complaints_v9;\n"
	"CREATE VIEW complaints AS SELECT\n"
	"  id, complaint_id, reg_date, reg_time, name_raw, father_raw, mobile_raw,\n"
	" " V10_READ(district) V10_READ(tehsil) V10_READ(block) V10_READ(village) "\n"
	"  address," V10_READ(department) V10_READ(category) V10_READ(sub_category) "\n"
	"  description, level, status," V10_READ(status_raw) "\n"
	"  officer_id," V10_READ(officer_name) " level_since, closed_date,\n"
	" " V10_READ(satisfaction) V10_READ(prev_category) "\n"
	"  category_changed, oj_date, oj_level, oj_officer,\n"
	"  k_display, k_cmp, name_phon, k_bridge, name_flags, k_fcmp, k_fbridge,\n"
	"  mobile, mobile_kind, text_sig, snapshot_date, file_id, src_row,\n"
	"  first_seen, changed_at, merged_into,\n"
	"  name_display, name_cmp, name_bridge, father_cmp, father_bridge\n"
	"FROM complaint_rows;\n"
	"CREATE TRIGGER complaints_insert INSTEAD OF INSERT ON complaints BEGIN\n" V10_ADD_NEW
	"  INSERT INTO complaint_rows (" V10_COLUMNS ")\n"
	"    VALUES (" V10_ROW("NEW") "); END;\n"
	"CREATE TRIGGER complaints_update INSTEAD OF UPDATE ON complaints BEGIN\n" V10_ADD_NEW
	"  UPDATE complaint_rows SET (" V10_COLUMNS ")\n"
	"    = (" V10_ROW("NEW") ") WHERE id = OLD.id; END;\n"
	"CREATE TRIGGER complaints_delete INSTEAD OF DELETE ON complaints BEGIN\n"
	"  DELETE FROM complaint_rows WHERE id = OLD.id; END;\n"
	"CREATE INDEX complaints_legacy_name ON complaint_rows(reg_date) WHERE name_flags & 2;\n"
	"CREATE INDEX complaints_damaged_mobile ON complaint_rows(reg_date)\n"
	"  WHERE mobile_kind = 'damaged';\n"
	"CREATE TRIGGER match_dirty_update AFTER UPDATE ON complaint_rows WHEN\n"
	"  OLD.id IS NOT NEW.id OR OLD.complaint_id IS NOT NEW.complaint_id OR\n"
	"  OLD.reg_date IS NOT NEW.reg_date OR OLD.reg_time IS NOT NEW.reg_time OR\n"
	"  OLD.name_raw IS NOT NEW.name_raw OR OLD.father_raw IS NOT NEW.father_raw OR\n"
	"  OLD.mobile_raw IS NOT NEW.mobile_raw OR OLD.v_district IS NOT NEW.v_district OR\n"
	"  OLD.v_tehsil IS NOT NEW.v_tehsil OR OLD.v_village IS NOT NEW.v_village OR\n"
	"  OLD.v_department IS NOT NEW.v_department OR OLD.v_category IS NOT NEW.v_category OR\n"
	"  OLD.v_prev_category IS NOT NEW.v_prev_category OR\n"
	"  OLD.description IS NOT NEW.description OR\n"
	"  OLD.k_display IS NOT NEW.k_display OR OLD.k_cmp IS NOT NEW.k_cmp OR\n"
	"  OLD.k_bridge IS NOT NEW.k_bridge OR OLD.name_phon IS NOT NEW.name_phon OR\n"
	"  OLD.name_flags IS NOT NEW.name_flags OR OLD.k_fcmp IS NOT NEW.k_fcmp OR\n"
	"  OLD.k_fbridge IS NOT NEW.k_fbridge OR OLD.mobile IS NOT NEW.mobile OR\n"
	"  OLD.mobile_kind IS NOT NEW.mobile_kind OR OLD.text_sig IS NOT NEW.text_sig OR\n"
	"  OLD.merged_into IS NOT NEW.merged_into BEGIN\n"
	MARK_DIRTY
	"CREATE TRIGGER match_dirty_delete AFTER DELETE ON complaint_rows BEGIN\n"
	"  INSERT INTO match_dirty (id) SELECT OLD.id WHERE NOT EXISTS\n"
	"    (SELECT 1 FROM match_dirty WHERE id = OLD.id); END;\n"
	COMPLAINANTS_VIEW;

const char *const schema_migrations[] = {
	v1_core,        v2_analytics,       v3_matching,    v4_review, v5_complainants_view,
	v6_packed_keys, v7_lean_complaints, v8_file_fields, v9_folded_signatures, v10_vocab,
};

const int schema_migration_count = sizeof(schema_migrations) / sizeof(schema_migrations[0]);
