# ingest.sh - the real binary on the bundled samples: counts, quarantine
# reasons and row numbers, idempotent re-ingest, history after the second
# snapshot, out-of-order snapshots, masters, exit codes.
. tests/e2e/lib.sh
DB=$WORK/n.db
S=samples

"$NK" init --db "$DB" 2>/dev/null
check_eq "init exit code" 0 $?
check_eq "schema version recorded" 10 "$(q "$DB" 'PRAGMA user_version')"
check_eq "WAL mode" wal "$(q "$DB" 'PRAGMA journal_mode')"

"$NK" ingest --db "$DB" --kind categories $S/categories.csv 2>/dev/null
check_eq "categories exit" 0 $?
"$NK" ingest --db "$DB" --kind officers $S/officers.csv 2>/dev/null
check_eq "officers exit" 0 $?
check_eq "categories loaded" "$(($(wc -l <$S/categories.csv) - 1))" "$(q "$DB" 'SELECT count(*) FROM categories')"
check_eq "officers loaded" "$(($(wc -l <$S/officers.csv) - 1))" "$(q "$DB" 'SELECT count(*) FROM officers')"

out=$("$NK" ingest --db "$DB" $S/complaints-2026-11-26.csv 2>&1)
check_eq "night 1 exits 3 (rows quarantined)" 3 $?
check_contains "summary line" "310 rows read, 300 loaded (300 new" "$out"
check_contains "first reason shown" 'line 19, column "शिकायत क्रमांक": the complaint number is empty' "$out"
check_eq "rows read = loaded + quarantined" "310|300|10" \
	"$(q "$DB" "SELECT rows_read||'|'||rows_loaded||'|'||rows_quarantined FROM ingest_files WHERE path LIKE '%11-26.csv'")"
check_eq "complaints in db" 300 "$(q "$DB" 'SELECT count(*) FROM complaints')"
check_eq "snapshot date from file name" 2026-11-26 "$(q "$DB" "SELECT DISTINCT snapshot_date FROM complaints")"

# Quarantine rows: line numbers, columns and codes as samples/README.md lists them.
check_eq "quarantine lines and codes" \
"19|शिकायत क्रमांक|empty_id
46|दर्ज दिनांक|bad_date
76|दर्ज दिनांक|bad_date
104|दर्ज दिनांक|bad_date
137|वर्तमान स्थिति|unknown_status
160|वर्तमान स्थिति|unknown_status
197|वर्तमान स्तर|bad_level
225|वर्तमान स्तर|bad_level
258||field_count
292|शिकायतकर्ता का नाम|bad_encoding" \
	"$(q "$DB" "SELECT row_number||'|'||coalesce(column_name,'')||'|'||code FROM quarantine ORDER BY row_number")"
check_eq "bad date reason" 'complaints-2026-11-26.csv: line 46, column "दर्ज दिनांक": "31-02-2026" is not a date: there is no day 31 in February 2026 (expected dd-mm-yyyy)' \
	"$(q "$DB" 'SELECT reason FROM quarantine WHERE row_number = 46')"
check_contains "level reason names the limit" 'above the highest level configured (L4)' \
	"$(q "$DB" 'SELECT reason FROM quarantine WHERE row_number = 197')"
check_contains "field count reason" 'this row has 20 values but the header has 19 columns' \
	"$(q "$DB" 'SELECT reason FROM quarantine WHERE row_number = 258')"
check_contains "Hindi reason kept too" 'सही दिनांक नहीं है' \
	"$(q "$DB" 'SELECT reason_hi FROM quarantine WHERE row_number = 76')"
check_contains "raw row kept" 'CMH-2026-9000005' "$(q "$DB" 'SELECT raw FROM quarantine WHERE row_number = 137')"
# A record whose description spans lines 64-65 is loaded, and the next record keeps its line number.
check_eq "multi-line record loaded" 64 "$(q "$DB" "SELECT src_row FROM complaints WHERE complaint_id='CMH-2026-0001421'")"
# Statuses: the README's counts of the good rows.
check_eq "status counts" "attended 28,closed_low_quality 27,closed_satisfied 124,force_closed 40,non_attended 16,open 49,out_of_jurisdiction 7,special_closed 9" \
	"$(q "$DB" "SELECT group_concat(s, ',') FROM (SELECT status||' '||count(*) s FROM complaints GROUP BY status ORDER BY status)")"

# Keys computed once at load: names, relation split, mobiles, text signature.
check_eq "S/O split off the name into the father's keys" "Narendra Thakur|lakhan" \
	"$(q "$DB" "SELECT name_display||'|'||father_cmp FROM complaints WHERE complaint_id='CMH-2026-0001463'")"
check_eq "damaged mobile flagged, not converted" "9.16E+09||damaged" \
	"$(q "$DB" "SELECT mobile_raw||'|'||coalesce(mobile,'')||'|'||mobile_kind FROM complaints WHERE complaint_id='CMH-2026-0001575'")"
check_eq "placeholder mobile" placeholder "$(q "$DB" "SELECT mobile_kind FROM complaints WHERE complaint_id='CMH-2026-0002961'")"
check_eq "formatted mobiles agree" "8342860100|8342860100" \
	"$(q "$DB" "SELECT group_concat(mobile, '|') FROM complaints WHERE complaint_id IN ('CMH-2026-0002198','CMH-2026-0002352')")"
check_eq "both scripts meet on the bridge key" 1 \
	"$(q "$DB" "SELECT count(DISTINCT name_bridge) FROM complaints WHERE complaint_id IN ('CMH-2026-0002373','CMH-2026-0002555')")"
check_eq "every loaded complaint has a text signature" 0 "$(q "$DB" 'SELECT count(*) FROM complaints WHERE length(text_sig) <> 64')"

# The same file again: skipped, nothing changes.
before=$(q "$DB" 'SELECT count(*) FROM ingest_files')
out=$("$NK" ingest --db "$DB" $S/complaints-2026-11-26.csv 2>&1)
check_eq "re-ingest exit" 0 $?
check_contains "re-ingest says skipped" "skipped, the same file was ingested on" "$out"
check_eq "re-ingest adds no file" "$before" "$(q "$DB" 'SELECT count(*) FROM ingest_files')"
check_eq "re-ingest adds no quarantine" 10 "$(q "$DB" 'SELECT count(*) FROM quarantine')"

# Night 2: updates and history.
"$NK" ingest --db "$DB" $S/complaints-2026-11-27.csv 2>/dev/null
check_eq "night 2 exit" 0 $?
check_eq "complaints after night 2" 320 "$(q "$DB" 'SELECT count(*) FROM complaints')"
check_eq "escalation in history" "level|1|2|2026-11-27" \
	"$(q "$DB" "SELECT field||'|'||old_value||'|'||new_value||'|'||snapshot_date FROM complaint_history WHERE complaint_id='CMH-2026-0002982' AND field='level'")"
check_eq "closure in history" "status|open|closed_low_quality" \
	"$(q "$DB" "SELECT field||'|'||old_value||'|'||new_value FROM complaint_history WHERE complaint_id='CMH-2026-0002562' AND field='status'")"
check_eq "officer change in history" "SEH-PHE-L1-01|SEH-PHE-L1-03" \
	"$(q "$DB" "SELECT old_value||'|'||new_value FROM complaint_history WHERE complaint_id='CMH-2026-0003052' AND field='officer_id'")"
check_eq "16 escalations seen" 16 \
	"$(q "$DB" "SELECT count(*) FROM complaint_history WHERE field='level' AND CAST(new_value AS INT) > CAST(old_value AS INT)")"
check_eq "current level updated" 2 "$(q "$DB" "SELECT level FROM complaints WHERE complaint_id='CMH-2026-0002982'")"

# An older snapshot after a newer one changes nothing; its date is read
# from a yyyymmdd name too, and the ingest line says where it came from.
cp $S/complaints-2026-11-26.csv "$WORK/old-export_20261120.csv"
printf '\n' >>"$WORK/old-export_20261120.csv" # other bytes, same rows
out=$("$NK" ingest --db "$DB" "$WORK/old-export_20261120.csv" 2>&1)
check_eq "older snapshot exit 3" 3 $?
check_contains "older snapshot's date and its source" "snapshot 2026-11-20 (from the file name)" "$out"
check_eq "older snapshot keeps the newer level" 2 "$(q "$DB" "SELECT level FROM complaints WHERE complaint_id='CMH-2026-0002982'")"
# Rows registered after 20-11-2026 cannot be in an export of that day: quarantined, not loaded.
check_eq "older snapshot counted" 288 "$(q "$DB" "SELECT rows_older FROM ingest_files WHERE path LIKE '%old-export%'")"
check_eq "registrations after the snapshot quarantined" 13 \
	"$(q "$DB" "SELECT count(*) FROM quarantine q JOIN ingest_files f ON f.id = q.file_id
		WHERE f.path LIKE '%old-export%' AND code = 'date_after_snapshot'")"
check_eq "older snapshot adds no history" 0 "$(q "$DB" "SELECT count(*) FROM complaint_history h JOIN ingest_files f ON f.id=h.file_id WHERE f.path LIKE '%old-export%'")"

# Movement log.
"$NK" ingest --db "$DB" --kind movements $S/movements-2026-11-27.csv 2>/dev/null
check_eq "movements exit" 0 $?
check_eq "movements loaded" "$(($(wc -l <$S/movements-2026-11-27.csv) - 1))" "$(q "$DB" 'SELECT count(*) FROM movements')"

# Status reads while nothing holds the lock, and reports the quarantine.
out=$("$NK" status --db "$DB" 2>&1)
check_eq "status exit" 0 $?
check_contains "status counts complaints" "complaints: 320" "$out"
check_contains "status lists quarantine codes" "bad_date                  6" "$out"

# Usage and runtime errors.
"$NK" ingest --db "$DB" 2>/dev/null
check_eq "no file is a usage error" 2 $?
"$NK" ingest --db "$DB" --kind people x.csv 2>/dev/null
check_eq "bad kind is a usage error" 2 $?
"$NK" frobnicate 2>/dev/null
check_eq "unknown command" 2 $?
"$NK" help >/dev/null
check_eq "help exits 0" 0 $?
"$NK" ingest --help | grep -q -- '--kind KIND'
check_eq "ingest --help on stdout" 0 $?
out=$("$NK" ingest --db "$DB" "$WORK/nope.csv" 2>&1)
check_eq "missing file exit 1" 1 $?
check_contains "missing file message" "nope.csv: cannot read the file: No such file or directory" "$out"
printf 'Complaint No,Date,Name\n1,2,3\n' >"$WORK/short.csv"
out=$("$NK" ingest --db "$DB" "$WORK/short.csv" 2>&1)
check_eq "missing columns exit 1" 1 $?
check_contains "missing columns message" "short.csv: not a complaints file: required column(s) missing: Mobile No" "$out"
printf '<html><body><table><tr><td>x</td></tr></table></body></html>' >"$WORK/export.xls"
out=$("$NK" ingest --db "$DB" "$WORK/export.xls" 2>&1)
check_eq "html exit 1" 1 $?
check_contains "html named" "HTML" "$out"
"$NK" status --db "$WORK/none.db" 2>/dev/null
check_eq "status on a missing db" 1 $?
finish
