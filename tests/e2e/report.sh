# report.sh - nirakaran report on the two sample nights: every workbook is
# read back with our XLSX reader and compared with the db; every sheet's XML
# carries the print setup (landscape A4, one page wide, header repeated,
# district, night and page in the footer); no sheet shows a raw code; the
# merge review is laid out for the decision; the cap keeps what fits a
# meeting and says where the rest is; a night never analysed is refused.
. tests/e2e/lib.sh
DB=$WORK/n.db
S=samples
DUMP=${NKTOOLS:-$ROOT/build/tools}/xlsxdump
C="--db $DB --config $S/district.ini --as-of 2026-11-27"
BREACHES="समय-सीमा बाहर - Breaches"
QUALITY="डेटा गुणवत्ता - Data quality"
WHATSAPP="व्हाट्सऐप - WhatsApp"
REVIEW="समीक्षा - Review"

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

# A night never analysed is refused, and nothing is written.
out=$("$NK" report $C --out "$WORK/early" 2>&1)
check_eq "a night not analysed: exit 1" 1 $?
check_contains "a night not analysed: says what to run" "run 'nirakaran analyze --as-of 2026-11-27' first" "$out"
check_eq "a night not analysed: no workbook" "" "$(ls "$WORK/early" 2>/dev/null | grep -v '^whatsapp$')"

"$NK" analyze -q $C >/dev/null 2>&1
"$NK" match -q $C --out "$WORK/m" >/dev/null 2>&1
O=$WORK/out
"$NK" report -q $C --out "$O"
check_eq "report exits 0" 0 "$?"
X=$O/sla-report.xlsx

check_eq "sheets, named in Hindi and English" \
	"सारांश - Summary|$BREACHES|एस्केलेशन - Escalations|अधिकारी - Officer scorecard|नियम उल्लंघन - Rule violations|ग्रेडिंग - Grading|$QUALITY|बार-बार - Repeat complainants|$WHATSAPP" \
	"$("$DUMP" -l "$X" | paste -sd'|')"
check_eq "no temporary files left" "" "$(ls -A "$O" | grep '\.tmp-')"

# Breaches: one row per breached complaint, worst first, values as in the db.
check_eq "breach rows" "$(q "$DB" "SELECT count(*) FROM sla_status WHERE as_of='2026-11-27' AND breached")" \
	"$("$DUMP" -s "$BREACHES" "$X" | tail -n +2 | wc -l)"
check_eq "breach header" 'शिकायत क्रमांक\nComplaint No' "$("$DUMP" -s "$BREACHES" "$X" | head -1 | cut -f1)"
check_eq "worst breach first" \
	"$(q "$DB" "SELECT complaint_id || '|' || days_overdue || '|' || due_date FROM sla_status WHERE as_of='2026-11-27' AND breached ORDER BY days_overdue DESC, age_days DESC, complaint_id LIMIT 1")" \
	"$("$DUMP" -s "$BREACHES" "$X" | sed -n 2p | awk -F'\t' '{print $1 "|" $2 "|" $13}')"
sheet2=$(unzip -p "$X" xl/worksheets/sheet2.xml)
check_contains "days overdue is a number" '<c r="B2" s=' "$sheet2"
check_contains "days overdue colour scale" '<colorScale>' "$sheet2"
check_contains "frozen header" 'state="frozen"' "$sheet2"
check_contains "autofilter" '<autoFilter ref="A1:' "$sheet2"
case $(printf '%s' "$sheet2" | grep -o '<c r="M2"[^>]*>') in
*t=*) fail "due date written as text" ;;
*) pass ;;
esac

# Print setup, every sheet of both workbooks: landscape A4, one page wide,
# gridlines, the sheet's name on top, district, night and page below; data
# sheets repeat their header row on every page.
R=$O/merge-review.xlsx
for book in "$X" "$R"; do
	n=$(unzip -l "$book" | grep -c 'xl/worksheets/sheet[0-9]*\.xml')
	wbx=$(unzip -p "$book" xl/workbook.xml)
	for i in $(seq 1 "$n"); do
		x=$(unzip -p "$book" "xl/worksheets/sheet$i.xml")
		name="$(basename "$book") sheet $i"
		check_contains "$name: landscape A4, as tall as it needs" '<pageSetup paperSize="9" fitToHeight="0" orientation="landscape"/>' "$x"
		check_contains "$name: one page wide" '<pageSetUpPr fitToPage="1"/>' "$x"
		check_contains "$name: gridlines printed" '<printOptions gridLines="1"/>' "$x"
		check_contains "$name: footer with district, night and page" \
			'<oddFooter>&amp;Lसीहोर / Sehore&amp;Cरात / night 27-11-2026&amp;Rपृष्ठ / page &amp;P / &amp;N</oddFooter>' "$x"
		check_contains "$name: the sheet's name on top" '<oddHeader>&amp;L&amp;A</oddHeader>' "$x"
	done
	# free-form sheets (Summary, Instructions) have no header row to repeat
	check_eq "$(basename "$book"): header rows repeated on every data sheet" \
		"$(printf '%s' "$wbx" | grep -o '_xlnm._FilterDatabase' | wc -l)" \
		"$(printf '%s' "$wbx" | grep -o '_xlnm.Print_Titles' | wc -l)"
done
check_contains "the review repeats its header row, below the title rows" \
	"_xlnm.Print_Titles\" localSheetId=\"0\">'$REVIEW'!\$3:\$3" "$(unzip -p "$R" xl/workbook.xml)"

# No raw code in any sheet: statuses, rule kinds, sources, data-quality kinds
# and bands are words; levels read L1-L5 wherever a level is shown; dates
# inside text read dd-mm-yyyy.
codes='non_attended|closed_satisfied|closed_low_quality|force_closed|special_closed|out_of_jurisdiction|category_change_late|category_change_not_l1|oj_below_level|oj_back_to_same_officer|closed_without_feedback|force_close_not_informed|damaged_mobile|legacy_font_name|level_start_computed|unknown_officer|unknown_category|movement_unknown_complaint|missing_column'
cells='export|movement|snapshot|registration|computed|status|high|review|open|attended|auto|district|department|R1|R2|R3|category|mobile|satisfaction'
for book in "$X" "$R"; do
	"$DUMP" -l "$book" | grep -v 'hidden$' | while IFS= read -r sheet; do
		d=$("$DUMP" -s "$sheet" "$book")
		found=$(printf '%s\n' "$d" | grep -oE "(^|[^a-z_])($codes)([^a-z_]|$)" | head -3 | tr '\n' ' ')
		[ -z "$found" ] && echo pass || echo "fail $sheet: raw code $found"
		found=$(printf '%s\n' "$d" | tr '\t' '\n' | grep -xE "$cells" | sort -u | tr '\n' ' ')
		[ -z "$found" ] && echo pass || echo "fail $sheet: a cell holding only a code: $found"
	done
done >"$WORK/codes"
check_eq "no raw codes in any sheet" "" "$(grep '^fail' "$WORK/codes")"
check_eq "every sheet looked at" 22 "$(grep -c . "$WORK/codes")"
levels() { # sheet, column(s) of levels: the distinct values
	"$DUMP" -s "$1" "$X" | tail -n +2 | cut -f"$2" | tr '\t' '\n' | grep . | sort -u | paste -sd' '
}
check_eq "levels in Breaches" "$(q "$DB" "SELECT group_concat(l, ' ') FROM (SELECT DISTINCT 'L' || level AS l FROM sla_status WHERE as_of = '2026-11-27' AND breached ORDER BY 1)")" \
	"$(levels "$BREACHES" 3)"
check_eq "levels in Escalations" "L1 L2 L3 L4" "$(levels "एस्केलेशन - Escalations" 3,4)"
check_eq "levels in the scorecard" "L1 L2 L3 L4" "$(levels "अधिकारी - Officer scorecard" 4)"
check_eq "levels in WhatsApp" "L1 L2 L3" "$(levels "$WHATSAPP" 3)"
check_eq "every status in Breaches in both languages" "$("$DUMP" -s "$BREACHES" "$X" | tail -n +2 | wc -l)" \
	"$("$DUMP" -s "$BREACHES" "$X" | tail -n +2 | cut -f16 | grep -cE '^[^ -~]+.* / [a-z]')"
viol=$("$DUMP" -s "नियम उल्लंघन - Rule violations" "$X")
check_contains "a rule kind in words" 'कार्यक्षेत्र से बाहर कर उसी अधिकारी को वापस / sent back to the same officer as out of jurisdiction' "$viol"
check_contains "a source in words" 'कार्यवाही लॉग / movement log' "$viol"
check_eq "dates in the details read dd-mm-yyyy" "" \
	"$(printf '%s\n' "$viol" | cut -f9,10 | grep -oE '[0-9]{4}-[0-9]{2}-[0-9]{2}' | head -1)"
check_contains "a detail's date as a clerk reads it" "25-11-2026" "$viol"
check_eq "WhatsApp messages date dd-mm-yyyy" "" \
	"$("$DUMP" -s "$WHATSAPP" "$X" | cut -f10 | grep -oE '[0-9]{4}-[0-9]{2}-[0-9]{2}' | head -1)"
check_contains "the CSV twin has the words too" "नॉन अटेंडेड / non-attended" "$(cat "$O/sla-breaches.csv")"

# Data quality: the ten bad rows of night 1 with file, row and reason.
dq=$("$DUMP" -s "$QUALITY" "$X")
check_eq "quarantined rows listed" "$(q "$DB" 'SELECT count(*) FROM quarantine')" \
	"$(printf '%s\n' "$dq" | grep -c 'row quarantined')"
check_contains "bad date row 46" $'samples/complaints-2026-11-26.csv\t46\tदर्ज दिनांक' "$dq"
check_contains "unknown category" 'गैस कनेक्शन नहीं मिलना' "$dq"
check_contains "officer mobile shared" 'the same mobile number is entered for another officer' "$dq"

# Summary: what to open first, the figures as the db has them, the grade
# apart from its score, what each sheet holds.
sm=$("$DUMP" "$X")
check_contains "open first: the breaches" "$BREACHES: $(q "$DB" "SELECT breached FROM nightly_summary WHERE as_of='2026-11-27'") शिकायतें समय-सीमा से बाहर" "$sm"
check_contains "open figure" "$(printf 'Open\t%s' "$(q "$DB" "SELECT count(*) FROM complaints WHERE merged_into IS NULL AND status IN ('open','attended','non_attended')")")" "$sm"
check_contains "breached figure" "$(printf 'Past the time limit (breached)\t%s' "$(q "$DB" "SELECT breached FROM nightly_summary WHERE as_of='2026-11-27'")")" "$sm"
check_contains "violations figure" "$(printf 'Rule violations\t%s' "$(q "$DB" "SELECT violations FROM nightly_summary WHERE as_of='2026-11-27'")")" "$sm"
check_contains "the month's escalations" "$(printf 'Escalated this month\t%s' "$(q "$DB" "SELECT escalated_period FROM nightly_summary WHERE as_of='2026-11-27'")")" "$sm"
check_contains "the grading score is a number" "$(printf 'Grading score (district, of 100)\t%s' "$(q "$DB" "SELECT district_total FROM nightly_summary WHERE as_of='2026-11-27'")")" "$sm"
check_contains "the grade apart" "$(printf 'Grade (district)\t%s' "$(q "$DB" "SELECT district_grade FROM nightly_summary WHERE as_of='2026-11-27'")")" "$sm"
check_contains "what the Breaches sheet holds" "$(printf '%s\tsla-breaches.csv\t23\t23' "$BREACHES")" "$sm"
check_eq "three charts" 3 "$(unzip -l "$X" | grep -c 'xl/charts/chart[0-9]*.xml')"
check_contains "the department chart names every department" '<c:tickLblSkip val="1"/>' "$(unzip -p "$X" xl/charts/chart1.xml)"
check_contains "the department chart shows its values" '<c:showVal val="1"/>' "$(unzip -p "$X" xl/charts/chart1.xml)"
check_eq "summary CSV" "quarantined,अलग रखी गई पंक्तियाँ,Rows quarantined,10," "$(grep '^quarantined,' "$O/sla-summary.csv")"
check_eq "breaches CSV rows" "$("$DUMP" -s "$BREACHES" "$X" | wc -l)" "$(wc -l <"$O/sla-breaches.csv")"

# merge-review.xlsx: one row per proposal of the run, ids hidden, meta sheet.
check_eq "review sheets" "$REVIEW|निर्देश - Instructions|meta	hidden" "$("$DUMP" -l "$R" | paste -sd'|')"
run=$(q "$DB" 'SELECT max(id) FROM match_runs')
rv=$("$DUMP" -s "$REVIEW" "$R")
check_eq "review rows" "$(q "$DB" "SELECT count(*) FROM proposals WHERE run_id=$run AND complaint_id<>primary_id")" \
	"$(printf '%s\n' "$rv" | tail -n +4 | wc -l)"
check_eq "the first columns: ids, group, complaints, Decision, Remarks" \
	'Proposal id|Run id|समूह\nGroup|मुख्य शिकायत\nPrimary complaint|दोहरी शिकायत\nDuplicate complaint|निर्णय\nDecision|टिप्पणी\nRemarks' \
	"$(printf '%s\n' "$rv" | sed -n 3p | cut -f1-7 | tr '\t' '|')"
check_eq "meta db_id" "$(q "$DB" "SELECT value FROM meta WHERE key='db_id'")" \
	"$("$DUMP" -s meta "$R" | awk -F'\t' '$1=="db_id"{print $2}')"
check_eq "hidden ids match proposals" "" \
	"$(printf '%s\n' "$rv" | tail -n +4 | while IFS=$'\t' read -r id rid g p c rest; do
		[ "$(q "$DB" "SELECT complaint_id FROM proposals WHERE id=$id AND run_id=$rid")" = "$c" ] || echo "$id"
	done)"
check_eq "strong evidence first" "प्रबल प्रमाण / strong evidence" "$(printf '%s\n' "$rv" | sed -n 4p | cut -f9)"
check_eq "certainty as a fraction, cut not rounded" \
	"$(q "$DB" "SELECT CAST(score * 1000 AS INTEGER) / 1000.0 FROM proposals WHERE id = $(printf '%s\n' "$rv" | sed -n 4p | cut -f1)" | sed 's/0*$//')" \
	"$(printf '%s\n' "$rv" | sed -n 4p | cut -f8)"
row=$(printf '%s\n' "$rv" | grep -P '\tCMH-2026-0002142\t')
check_contains "both sides of every field: name" 'महेश कुरैशी\nमहेश कुरैशी' "$row"
check_contains "both sides: father/husband" "$(q "$DB" "SELECT a.father_raw || '\\n' || d.father_raw FROM complaints a, complaints d WHERE a.complaint_id = 'CMH-2026-0001967' AND d.complaint_id = 'CMH-2026-0002142'")" "$row"
check_contains "both sides: mobile as typed" '074165-38289\n7416538289' "$row"
check_contains "both sides: status and level" 'संतुष्टि के साथ बंद / closed with satisfaction, L' "$row"
check_contains "both sides: dates and days apart" '17-09-2026\n27-09-2026\n(10 दिन / days)' "$row"
check_contains "a rule in words" 'R1: वही शिकायतकर्ता, वही शिकायत / R1: same complainant, same complaint' "$row"
check_contains "the reason in both languages" 'वही नाम, वही पिता/पति, वही मोबाइल' "$row"
rx=$(unzip -p "$R" xl/worksheets/sheet1.xml)
check_contains "ids, Decision and Remarks frozen with the header" '<pane xSplit="7" ySplit="3" topLeftCell="H4"' "$rx"
check_contains "decision drop-down" '<dataValidation type="list"' "$rx"
check_contains "three decisions" 'मर्ज करें / Merge,मर्ज न करें / Not duplicate,संदेह / Unsure' "$rx"
check_contains "the drop-down from the first data row" 'sqref="F4:F' "$rx"
check_contains "sheet protected" '<sheetProtection ' "$rx"
case $rx in *'<sheetProtection '*password=*) fail "protection has a password" ;; *) pass ;; esac
check_eq "id columns hidden" 2 "$(printf '%s' "$rx" | grep -o '<col min="[12]" max="[12]"[^>]*hidden="1"' | wc -l)"
check_contains "unlocked cells" '<protection locked="0"/>' "$(unzip -p "$R" xl/styles.xml)"
n=$(printf '%s\n' "$rv" | tail -n +4 | wc -l)
check_contains "decided so far, counted as the supervisor chooses" "<f>COUNTA(F4:F$((n + 3)))</f><v>0</v>" "$rx"
check_contains "remaining" "<f>$n-COUNTA(F4:F$((n + 3)))</f><v>$n</v>" "$rx"
check_contains "wrapped rows as tall as their text" 'customHeight="1"' "$(printf '%s' "$rx" | grep -o '<row r="4"[^>]*>')"
# the differing mobile is marked: its cell's style has a fill the same field's plain cells lack
mstyle=$(printf '%s' "$rx" | grep -oP '<c r="O([4-9]|[1-9][0-9]+)" s="\d+"' | sed 's/.* s="\([0-9]*\)"/\1/' | sort -u | wc -l)
check_eq "differing mobiles marked apart from equal ones" 2 "$mstyle"
style_of() { printf '%s' "$rx" | grep -o "<c r=\"$1\" s=\"[0-9]*\"" | sed 's/.*s="//; s/"//'; }
rown() { "$DUMP" -n -s "$REVIEW" "$R" | grep -P "\t$1\t" | cut -f1; }
check_eq "074165-38289 against 7416538289 is marked, the same number twice is not" 1 \
	"$([ "$(style_of "O$(rown CMH-2026-0002142)")" != "$(style_of "O$(rown CMH-2026-0002121)")" ] && echo 1)"
help=$("$DUMP" -s "निर्देश - Instructions" "$R")
for want in "R1: वही शिकायतकर्ता, वही शिकायत / R1: same complainant, same complaint" \
	"R2: वही शिकायतकर्ता व शिकायत, मोबाइल अलग" "R3: नाम में टाइपिंग की गलती" \
	"प्रबल प्रमाण / strong evidence" "ध्यान से जाँचें / check carefully" "मर्ज करें / Merge:" \
	"A coloured cell means the two differ"; do
	check_contains "the legend: $want" "$want" "$help"
done
check_eq "proposals.csv header" "group_id,complaint_id,primary_id,rule,score" \
	"$(head -1 "$O/proposals.csv" | cut -d, -f1-5)"

# WhatsApp: links URL-encode the Hindi text; one text file per officer listed.
link=$(grep -o 'https://wa.me/91[0-9]\{10\}?text=[^,]*' "$O/sla-whatsapp.csv" | head -1)
check_contains "link text encoded" '?text=%E0%A4%A8%E0%A4%BF' "$link"
check_eq "one text file per officer" "$("$DUMP" -s "$WHATSAPP" "$X" | tail -n +2 | cut -f1 | sort -u | wc -l)" \
	"$(ls "$O/whatsapp" | wc -l)"

# The cap: at most [report] max_rows rows a sheet, the most important first;
# the CSV keeps them all; the sheet and the Summary say so.
sed 's/^\[otp\]$/[report]\nmax_rows = 5\n[otp]/' $S/district.ini >"$WORK/capped.ini"
cp $S/holidays.txt "$WORK/"
"$NK" report -q --db "$DB" --config "$WORK/capped.ini" --as-of 2026-11-27 --out "$WORK/cap"
check_eq "capped report exits 0" 0 $?
cb=$("$DUMP" -s "$BREACHES" "$WORK/cap/sla-report.xlsx")
check_eq "capped: the five worst breaches, then the note" \
	"$("$DUMP" -s "$BREACHES" "$X" | sed -n 2,6p | cut -f1)" "$(printf '%s\n' "$cb" | sed -n 2,6p | cut -f1)"
check_contains "capped: the note says how many and where" \
	"this sheet shows the first 5 of 23 rows (most important first); the full list: sla-breaches.csv" \
	"$(printf '%s\n' "$cb" | tail -n 1)"
check_eq "capped: the CSV has every row" 24 "$(wc -l <"$WORK/cap/sla-breaches.csv")"
check_contains "capped: the Summary says so" "$(printf '%s\tsla-breaches.csv\t23\t5' "$BREACHES")" \
	"$("$DUMP" "$WORK/cap/sla-report.xlsx")"
check_eq "capped: WhatsApp keeps every message" "$("$DUMP" -s "$WHATSAPP" "$X" | wc -l)" \
	"$("$DUMP" -s "$WHATSAPP" "$WORK/cap/sla-report.xlsx" | wc -l)"
cr=$("$DUMP" -s "$REVIEW" "$WORK/cap/merge-review.xlsx")
shown=$(printf '%s\n' "$cr" | tail -n +4 | wc -l)
check_eq "capped review: whole groups, the first reaching five rows" \
	"$(printf '%s\n' "$rv" | tail -n +4 | cut -f3 | awk 'n < 5 || $1 == last { print; n++; last = $1; next } { exit }' | wc -l)" "$shown"
check_contains "capped review: the title says where the rest are" \
	"$shown of $n proposals here, the most certain first; the rest are in proposals.csv" "$(printf '%s\n' "$cr" | sed -n 2p)"
check_eq "capped review: meta counts" "$n $shown" \
	"$("$DUMP" -s meta "$WORK/cap/merge-review.xlsx" | awk -F'\t' '$1=="proposals"{p=$2} $1=="shown"{s=$2} END{print p, s}')"

# A second run replaces the files whole; an unwritable folder is a clear error.
"$NK" report -q $C --out "$O"
check_eq "rerun exits 0" 0 "$?"
err=$("$NK" report $C --out /proc/nk-no 2>&1)
check_eq "unwritable folder exits 1" 1 "$?"
check_contains "says which folder" "/proc/nk-no" "$err"

# The Summary's figures are gathered on a second connection when two threads
# are allowed, inline with one: the same workbook and CSVs either way.
OMP_NUM_THREADS=1 "$NK" report -q $C --out "$WORK/t1" && OMP_NUM_THREADS=2 "$NK" report -q $C --out "$WORK/t2"
check_eq "reports on 1 and 2 threads" 0 "$?"
check_eq "the same Summary on 1 and 2 threads" "$("$DUMP" -s "सारांश - Summary" "$WORK/t1/sla-report.xlsx")" \
	"$("$DUMP" -s "सारांश - Summary" "$WORK/t2/sla-report.xlsx")"
check_eq "the same CSVs on 1 and 2 threads" "" "$(diff -r -x '*.xlsx' "$WORK/t1" "$WORK/t2")"
check_contains "the Summary has its figures" "$(q "$DB" "SELECT count(*) FROM complaints WHERE merged_into IS NULL")" \
	"$(grep '^complaints,' "$WORK/t2/sla-summary.csv")"
finish
