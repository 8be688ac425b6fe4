# report_feedback.sh - "closed without feedback" fires only where the export
# carries the satisfaction column: an export without it floods nothing and
# gives one data-quality finding; with the column, an empty cell is a breach.
. tests/e2e/lib.sh
DUMP=${NKTOOLS:-$ROOT/build/tools}/xlsxdump
H="Complaint No,Registration Date,Complainant Name,Mobile No,District,Department,Category,Description,Current Level,Status,Closing Date"
rows() { # $1: the satisfaction column's cells, or "" for none
	local sep=${1:+,}
	printf '%s%s\n' "$H" "${1:+,Satisfaction}"
	printf 'CMH-1,01-11-2026,Ram Lal,9826012345,Sehore,Revenue,Encroachment,land,L1,Closed with satisfaction,10-11-2026%s%s\n' "$sep" "${1:+Satisfied}"
	printf 'CMH-2,02-11-2026,Sita Bai,9826012346,Sehore,Revenue,Encroachment,land,L1,Closed with satisfaction,11-11-2026%s\n' "$sep"
	printf 'CMH-3,03-11-2026,Mohan Das,9826012347,Sehore,Revenue,Encroachment,road,L2,Closed with low quality,12-11-2026%s\n' "$sep"
	printf 'CMH-4,04-11-2026,Gita Devi,9826012348,Sehore,Revenue,Encroachment,well,L1,Open,%s\n' "$sep"
}
night() { # $1: folder, $2: the satisfaction cells
	mkdir -p "$WORK/$1"
	rows "$2" >"$WORK/$1/complaints-2026-11-27.csv"
	DB=$WORK/$1/n.db
	"$NK" ingest -q --db "$DB" "$WORK/$1/complaints-2026-11-27.csv"
	"$NK" analyze -q --db "$DB" --as-of 2026-11-27
	"$NK" report -q --db "$DB" --as-of 2026-11-27 --out "$WORK/$1/out" 2>/dev/null
}

night with x
check_eq "with the column: the two closures without feedback are breaches" "CMH-2 CMH-3" \
	"$(q "$DB" "SELECT group_concat(complaint_id, ' ') FROM rule_violations WHERE kind = 'closed_without_feedback'")"
check_eq "with the column: no missing-column finding" 0 \
	"$(q "$DB" "SELECT count(*) FROM data_quality WHERE kind = 'missing_column'")"

night without ""
check_eq "the export's fields are recorded without satisfaction" "" \
	"$(q "$DB" "SELECT 1 FROM ingest_files WHERE instr(fields, ' satisfaction ')")"
check_eq "without the column: no closure is a breach" 0 \
	"$(q "$DB" "SELECT count(*) FROM rule_violations WHERE kind = 'closed_without_feedback'")"
check_eq "without the column: one finding for the three closures" "satisfaction|3" \
	"$(q "$DB" "SELECT subject || '|' || count FROM data_quality WHERE kind = 'missing_column'")"
dq=$("$DUMP" -s "$("$DUMP" -l "$WORK/without/out/sla-report.xlsx" | grep -m1 'Data quality')" \
	"$WORK/without/out/sla-report.xlsx")
check_contains "the Data quality sheet says which export lacks the column" \
	"the export complaints-2026-11-27.csv has no satisfaction column" "$dq"
check_eq "the Data quality sheet lists it once" 1 "$(printf '%s\n' "$dq" | grep -c 'no satisfaction column')"
finish
