# report.sh - nirakaran report on the two sample nights: every workbook is
# read back with our XLSX reader and compared with the db, and the sheet XML
# carries the drop-down, the protection and the hidden ids.
. tests/e2e/lib.sh
DB=$WORK/n.db
S=samples
DUMP=${NKTOOLS:-$ROOT/build/tools}/xlsxdump
C="--db $DB --config $S/district.ini --as-of 2026-11-27"

if ! "$NK" report --help >/dev/null 2>&1; then
	fail "'nirakaran report' is not in the command table (cli/main.c)"
	finish
	exit 1
fi
"$NK" init -q --db "$DB"
for a in "--kind categories $S/categories.csv" "--kind officers $S/officers.csv" \
	"$S/complaints-2026-11-26.csv" "$S/complaints-2026-11-27.csv" \
	"--kind movements $S/movements-2026-11-27.csv"; do
	"$NK" ingest -q $C $a
done
"$NK" analyze -q $C >/dev/null 2>&1
"$NK" match -q $C --out "$WORK/m" >/dev/null 2>&1
O=$WORK/out
"$NK" report -q $C --out "$O"
check_eq "report exits 0" 0 "$?"
X=$O/sla-report.xlsx

check_eq "sheets" "सारांश - Summary|Breaches|Escalations|Officer scorecard|Rule violations|Grading|Data quality|Repeat complainants|WhatsApp" \
	"$("$DUMP" -l "$X" | paste -sd'|')"
check_eq "no temporary files left" "" "$(ls -A "$O" | grep '\.tmp-')"

# Breaches: one row per breached complaint, worst first, values as in the db.
check_eq "breach rows" "$(q "$DB" "SELECT count(*) FROM sla_status WHERE as_of='2026-11-27' AND breached")" \
	"$("$DUMP" -s Breaches "$X" | tail -n +2 | wc -l)"
check_eq "breach header" 'शिकायत क्रमांक\nComplaint No' "$("$DUMP" -s Breaches "$X" | head -1 | cut -f1)"
check_eq "worst breach first" \
	"$(q "$DB" "SELECT complaint_id || '|' || days_overdue || '|' || due_date FROM sla_status WHERE as_of='2026-11-27' AND breached ORDER BY days_overdue DESC, age_days DESC, complaint_id LIMIT 1")" \
	"$("$DUMP" -s Breaches "$X" | sed -n 2p | awk -F'\t' '{print $1 "|" $2 "|" $13}')"
sheet1=$(unzip -p "$X" xl/worksheets/sheet2.xml)
check_contains "days overdue is a number" '<c r="B2" s=' "$sheet1"
check_contains "days overdue colour scale" '<colorScale>' "$sheet1"
check_contains "frozen header" 'state="frozen"' "$sheet1"
check_contains "autofilter" '<autoFilter ref="A1:' "$sheet1"
# The due date is a real date cell: a number with a date format, read back as a date.
case $(printf '%s' "$sheet1" | grep -o '<c r="M2"[^>]*>') in
*t=*) fail "due date written as text" ;;
*) pass ;;
esac

# Data quality: the ten bad rows of night 1 with file, row and reason.
dq=$("$DUMP" -s "Data quality" "$X")
check_eq "quarantined rows listed" "$(q "$DB" 'SELECT count(*) FROM quarantine')" \
	"$(printf '%s\n' "$dq" | grep -c 'Row quarantined')"
check_contains "bad date row 46" $'samples/complaints-2026-11-26.csv\t46\tदर्ज दिनांक' "$dq"
check_contains "unknown category" 'गैस कनेक्शन नहीं मिलना' "$dq"
check_contains "officer mobile shared" 'the same mobile number is entered for another officer' "$dq"

# Summary: figures equal the db's.
sm=$("$DUMP" "$X")
check_contains "open figure" "$(printf 'Open\t%s' "$(q "$DB" "SELECT count(*) FROM complaints WHERE merged_into IS NULL AND status IN ('open','attended','non_attended')")")" "$sm"
check_contains "breached figure" "$(printf 'Past the time limit (breached)\t%s' "$(q "$DB" "SELECT breached FROM nightly_summary WHERE as_of='2026-11-27'")")" "$sm"
check_eq "three charts" 3 "$(unzip -l "$X" | grep -c 'xl/charts/chart[0-9]*.xml')"
check_eq "summary CSV" "quarantined,अलग रखी गई पंक्तियाँ,Rows quarantined,10" "$(grep '^quarantined,' "$O/sla-summary.csv")"
check_eq "breaches CSV rows" "$("$DUMP" -s Breaches "$X" | wc -l)" "$(wc -l <"$O/sla-breaches.csv")"

# merge-review.xlsx: one row per proposal of the run, ids hidden, meta sheet.
R=$O/merge-review.xlsx
check_eq "review sheets" "Review|meta	hidden" "$("$DUMP" -l "$R" | paste -sd'|')"
run=$(q "$DB" 'SELECT max(id) FROM match_runs')
check_eq "review rows" "$(q "$DB" "SELECT count(*) FROM proposals WHERE run_id=$run AND complaint_id<>primary_id")" \
	"$("$DUMP" -s Review "$R" | tail -n +2 | wc -l)"
check_eq "meta db_id" "$(q "$DB" "SELECT value FROM meta WHERE key='db_id'")" \
	"$("$DUMP" -s meta "$R" | awk -F'\t' '$1=="db_id"{print $2}')"
check_eq "hidden ids match proposals" "" \
	"$("$DUMP" -s Review "$R" | tail -n +2 | while IFS=$'\t' read -r id rid band g rule score p c rest; do
		[ "$(q "$DB" "SELECT complaint_id FROM proposals WHERE id=$id AND run_id=$rid")" = "$c" ] || echo "$id"
	done)"
check_eq "high band first" "high" "$("$DUMP" -s Review "$R" | sed -n 2p | cut -f3)"
rx=$(unzip -p "$R" xl/worksheets/sheet1.xml)
check_contains "decision drop-down" '<dataValidation type="list"' "$rx"
check_contains "three decisions" 'मर्ज करें / Merge,मर्ज न करें / Not duplicate,संदेह / Unsure' "$rx"
check_contains "sheet protected" '<sheetProtection ' "$rx"
case $rx in *'<sheetProtection '*password=*) fail "protection has a password" ;; *) pass ;; esac
check_eq "id columns hidden" 2 "$(printf '%s' "$rx" | grep -o '<col min="[12]" max="[12]"[^>]*hidden="1"' | wc -l)"
check_contains "unlocked cells" '<protection locked="0"/>' "$(unzip -p "$R" xl/styles.xml)"
check_eq "proposals.csv header" "group_id,complaint_id,primary_id,rule,score" \
	"$(head -1 "$O/proposals.csv" | cut -d, -f1-5)"

# WhatsApp: links URL-encode the Hindi text; one text file per officer listed.
W=$O/sla-report.xlsx
link=$(grep -o 'https://wa.me/91[0-9]\{10\}?text=[^,]*' "$O/sla-whatsapp.csv" | head -1)
check_contains "link text encoded" '?text=%E0%A4%A8%E0%A4%BF' "$link"
check_eq "one text file per officer" "$("$DUMP" -s WhatsApp "$W" | tail -n +2 | cut -f1 | sort -u | wc -l)" \
	"$(ls "$O/whatsapp" | wc -l)"

# A second run replaces the files whole; an unwritable folder is a clear error.
"$NK" report -q $C --out "$O"
check_eq "rerun exits 0" 0 "$?"
err=$("$NK" report $C --out /proc/nk-no 2>&1)
check_eq "unwritable folder exits 1" 1 "$?"
check_contains "says which folder" "/proc/nk-no" "$err"
finish
