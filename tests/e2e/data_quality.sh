# data_quality.sh - what the keys found wrong in a complaint's own fields
# reaches the Data quality sheet: a name typed in Kruti Dev, a mobile Excel
# turned into 9.16E+09.
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
finish
