# xlsx_ingest.sh - the same complaints as CSV and as XLSX (dates as Excel
# dates, mobiles as numbers) load to identical rows; an XLSX row with a bad
# date is quarantined with its sheet row.
. tests/e2e/lib.sh
S=samples
T=${NKTOOLS:-$PWD/build/tools}
cols="complaint_id, reg_date, reg_time, name_raw, father_raw, mobile_raw, district, tehsil,
	village, department, category, description, level, status, officer_id, level_since,
	closed_date, satisfaction, prev_category, category_changed, name_cmp, name_bridge,
	father_cmp, mobile, mobile_kind, hex(text_sig), snapshot_date"

cp $S/complaints-2026-11-27.csv "$WORK/night-2026-11-27.csv"
"$T/csv2xlsx" "$WORK/night-2026-11-27.csv" "$WORK/night-2026-11-27.xlsx"
check_eq "converted" 0 $?
"$NK" ingest --db "$WORK/csv.db" "$WORK/night-2026-11-27.csv" 2>/dev/null
check_eq "CSV ingest" 0 $?
out=$("$NK" ingest --db "$WORK/xlsx.db" "$WORK/night-2026-11-27.xlsx" 2>&1)
check_eq "XLSX ingest" 0 $?
check_contains "format named" "XLSX (sheet Complaints)" "$out"
q "$WORK/csv.db" "SELECT $cols FROM complaints ORDER BY complaint_id" >"$WORK/csv.rows"
q "$WORK/xlsx.db" "SELECT $cols FROM complaints ORDER BY complaint_id" >"$WORK/xlsx.rows"
check_eq "same number of complaints" 320 "$(q "$WORK/xlsx.db" 'SELECT count(*) FROM complaints')"
if cmp -s "$WORK/csv.rows" "$WORK/xlsx.rows"; then pass; else
	fail "CSV and XLSX rows differ: $(diff "$WORK/csv.rows" "$WORK/xlsx.rows" | head -5)"
fi
# The workbook really holds numbers and dates, not text that looks like them.
sheet=$(unzip -p "$WORK/night-2026-11-27.xlsx" xl/worksheets/sheet1.xml)
n_num=$(printf '%s' "$sheet" | grep -o '<c r="E[0-9]*"[^>]*><v>[0-9]*</v>' | wc -l)
n_date=$(printf '%s' "$sheet" | grep -o '<c r="B[0-9]*" s="[0-9]*"><v>[0-9.]*</v>' | wc -l)
[ "$n_num" -gt 250 ] && pass || fail "only $n_num mobiles stored as numbers"
[ "$n_date" -gt 250 ] && pass || fail "only $n_date registration dates stored as dates"

# A bad date typed as text in a sheet: quarantined with the sheet's row number.
head -n 4 $S/complaints-2026-11-27.csv >"$WORK/bad-2026-11-28.csv"
sed -i '3s/^\(CMH-[0-9-]*\),[^,]*,/\1,31-02-2026,/' "$WORK/bad-2026-11-28.csv"
"$T/csv2xlsx" "$WORK/bad-2026-11-28.csv" "$WORK/bad-2026-11-28.xlsx"
"$NK" ingest --db "$WORK/bad.db" "$WORK/bad-2026-11-28.xlsx" 2>/dev/null
check_eq "bad xlsx row exits 3" 3 $?
check_eq "quarantined at sheet row 3" "3|bad_date" "$(q "$WORK/bad.db" "SELECT row_number||'|'||code FROM quarantine")"
check_contains "reason says row, not line" 'row 3, column "Registration Date": "31-02-2026" is not a date' \
	"$(q "$WORK/bad.db" 'SELECT reason FROM quarantine')"
check_eq "the other rows loaded" 2 "$(q "$WORK/bad.db" 'SELECT count(*) FROM complaints')"
finish
