# data_quality.sh - what the keys found wrong in a complaint's own fields
# reaches the Data quality sheet: a name typed in Kruti Dev, a mobile Excel
# turned into 9.16E+09; and what the report finds across the complaints: an
# officer's mobile that is a complainant's, a category not in the master.
. tests/e2e/lib.sh
T=${NKTOOLS:-$PWD/build/tools}
S=samples
DB=$WORK/n.db
{ head -n 1 $S/complaints-2026-11-27.csv
  grep '^CMH-2026-0001015,' $S/complaints-2026-11-27.csv | sed "s/सविता गुर्जर/lfork xqtZj/"
  grep '^CMH-2026-0001575,' $S/complaints-2026-11-27.csv; } >"$WORK/export-2026-11-27.csv"
"$NK" ingest --db "$DB" "$WORK/export-2026-11-27.csv" 2>/dev/null
check_eq "loaded" 2 "$(q "$DB" 'SELECT count(*) FROM complaints')"
check_eq "the legacy-font name is flagged at load" 1 \
	"$(q "$DB" "SELECT (name_flags & 2) > 0 FROM complaints WHERE complaint_id = 'CMH-2026-0001015'")"
"$NK" analyze --db "$DB" --as-of 2026-11-27 2>/dev/null
check_eq "analyze" 0 $?
check_eq "data quality findings" "damaged_mobile|CMH-2026-0001575
legacy_font_name|CMH-2026-0001015" \
	"$(q "$DB" "SELECT kind||'|'||subject FROM data_quality WHERE kind IN ('damaged_mobile', 'legacy_font_name') ORDER BY 1")"
"$NK" report --db "$DB" --as-of 2026-11-27 --out "$WORK/out" 2>/dev/null
sheet=$("$T/xlsxdump" -s "डेटा गुणवत्ता - Data quality" "$WORK/out/sla-report.xlsx")
check_contains "the sheet names the Kruti Dev name" 'the name "lfork xqtZj" is in a legacy Devanagari font' "$sheet"
check_contains "and says it in Hindi" 'पुराने फ़ॉन्ट (कृतिदेव) में है' "$sheet"
check_contains "the sheet names the damaged mobile" 'the mobile "9.16E+09" was turned into a number by Excel' "$sheet"

# A sample night whose officer has a complainant's mobile and two of whose
# complaints have a category the master lacks.
DB=$WORK/m.db
for a in "--kind categories $S/categories.csv" "--kind officers $S/officers.csv" \
	"$S/complaints-2026-11-27.csv"; do
	"$NK" ingest -q --db "$DB" $a
done
first=$(q "$DB" "SELECT complaint_id FROM complaints WHERE mobile_kind = 'mobile' ORDER BY 1 LIMIT 1")
mob=$(q "$DB" "SELECT mobile FROM complaints WHERE complaint_id = '$first'")
q "$DB" "UPDATE officers SET mobile_raw = '$mob', mobile = '$mob', mobile_kind = 'mobile'
	WHERE officer_id = 'SEH-REV-L1-02'"
set -- $(q "$DB" "SELECT complaint_id FROM complaints ORDER BY 1 LIMIT 2 OFFSET 10")
q "$DB" "UPDATE complaints SET category = 'नया प्रकार' WHERE complaint_id IN ('$1', '$2')"
row=$(q "$DB" "SELECT src_row FROM complaints WHERE complaint_id = '$1'")
"$NK" analyze -q --db "$DB" --as-of 2026-11-27 && "$NK" report -q --db "$DB" --as-of 2026-11-27 --out "$WORK/m"
check_eq "analyze and report" 0 $?
dq=$WORK/m/sla-data-quality.csv
check_contains "the officer's mobile is a complainant's, from the first complaint" \
	"this mobile number is a complainant's (complaint $first)" "$(grep "SEH-REV-L1-02" "$dq")"
check_contains "the unknown category with its count" \
	'category ""नया प्रकार"" is not in the categories master; default time limits were used for 2 complaint(s)' \
	"$(grep "नया प्रकार" "$dq")"
check_contains "and the file and row of its first complaint" \
	"complaints-2026-11-27.csv,$row," "$(grep "नया प्रकार" "$dq")"
check_eq "each finding once" "1 1" \
	"$(grep -c "is a complainant's.*SEH-REV-L1-02" "$dq") $(grep -c 'नया प्रकार"" is not in' "$dq")"
finish
