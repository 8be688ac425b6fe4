# ingest_batches.sh - a complaints export larger than the batches the loader
# keeps in flight (ingest/load.c: the worker reads and checks batches ahead
# while they are stored) loads the same with one thread and with two, in one
# transaction and in steps: bad rows, a repeated id and a header again far
# apart in the file. Cut short at its end, or unreadable late in a workbook,
# the file fails with the same message and leaves nothing behind, the steps
# committed before the failure undone.
. tests/e2e/lib.sh
T=${NKTOOLS:-$PWD/build/tools}
CONF=$WORK/steps.ini
printf '[ingest]\ncommit_rows = 2000\n' >"$CONF"

# 96,000 complaints: twice 48,000 made from the night-2 sample with new ids,
# twice as many as the loader keeps in flight (BATCHES of BATCH_ROWS)
big_export
huge=$WORK/huge-2026-11-27.csv
{ cat "$big"; tail -n +2 "$big" | sed 's/^BIG-/BIH-/'; } >"$huge"
rows=$((rows * 2))
# records A to B of $huge (to the end without B); a record may span two lines
recs() {
	awk -v a="$1" -v b="${2:-0}" '/^BI[GH]-/ { n++ } n >= a && (b == 0 || n <= b)' "$huge"
}
# the first two columns swapped, as a second export might order them
swap12() { awk -F, -v OFS=, '/^(BI[GH]-|Complaint No)/ { t = $1; $1 = $2; $2 = t } { print }'; }

# mixed: 60,000 records, bad rows among them, then the rest under a header
# whose first two columns are swapped
mixed=$WORK/mixed-2026-11-27.csv
{
	head -n 1 "$huge"
	recs 1 9000
	printf 'BAD-0001,31-02-2026,x,,9826012345,Sehore,,,Revenue,Land,d,L1,Open,,,,,,\n'
	printf '\n\n'
	recs 9001 51000
	printf 'BAD-0002,01-11-2026,x,,9826012345,Sehore,,,Revenue,Land,d,L1,Half done,,,,,,\n'
	printf 'BAD-0003,01-11-2026,x\n'
	recs 1 1 # a repeated id, 51,000 records after its first
	recs 51001 60000
	{ head -n 1 "$huge"; recs 60001; } | swap12
} >"$mixed"
line_of() { grep -n "^$1" "$mixed" | sed -n "${2:-1}p" | cut -d: -f1; }
first_id=$(recs 1 1 | cut -d, -f1)

# ingest DB FILE [ENV...]: a fresh db, FILE ingested with ENV set; sets rc
# and leaves stderr in $WORK/err
ingest() {
	local db=$1 file=$2
	shift 2
	rm -f "$db" "$db"-*
	"$NK" init -q --db "$db" 2>/dev/null
	env "$@" "$NK" ingest -q --db "$db" ${STEPS_CONF:+--config "$STEPS_CONF"} "$file" \
		>/dev/null 2>"$WORK/err"
	rc=$?
}
# dump DB: a digest of what the load stored
dump() {
	q "$1" "SELECT * FROM complaints ORDER BY id;
		SELECT row_number, code, column_name, reason, reason_hi, raw FROM quarantine ORDER BY id;
		SELECT path, kind, format, rows_read, rows_loaded, rows_quarantined, rows_empty
			FROM ingest_files" | md5sum
}

ingest "$WORK/one.db" "$mixed" OMP_NUM_THREADS=1
check_eq "mixed, one thread: exit (quarantined)" 3 "$rc"
ref=$(dump "$WORK/one.db")
check_eq "mixed: rows read, loaded, quarantined, empty" "$((rows + 4))|$rows|4|2" \
	"$(q "$WORK/one.db" 'SELECT rows_read, rows_loaded, rows_quarantined, rows_empty FROM ingest_files')"
check_eq "mixed: what was quarantined, where" \
	"$(line_of BAD-0001)|bad_date|Registration Date
$(line_of BAD-0002)|unknown_status|Status
$(line_of BAD-0003)|field_count|
$(line_of "$first_id" 2)|duplicate_in_file|Complaint No" \
	"$(q "$WORK/one.db" 'SELECT row_number, code, column_name FROM quarantine ORDER BY row_number')"
check_contains "mixed: the repeated id names its first line" "already appears on line 2 of this file" \
	"$(q "$WORK/one.db" "SELECT reason FROM quarantine WHERE code = 'duplicate_in_file'")"

ingest "$WORK/two.db" "$mixed"
check_eq "mixed, two threads: exit" 3 "$rc"
check_eq "mixed, two threads: the same db as one" "$ref" "$(dump "$WORK/two.db")"
STEPS_CONF=$CONF ingest "$WORK/steps.db" "$mixed"
check_eq "mixed, in steps: exit" 3 "$rc"
check_eq "mixed, in steps: the same db" "$ref" "$(dump "$WORK/steps.db")"

# Cut short at the end, inside a quoted value or after some of the columns:
# found by the worker while earlier batches are being stored and steps
# committed.
cut=$WORK/cut-2026-11-27.csv
n=$(($(wc -l <"$huge") + 1))
# stderr without its time stamp
said() { sed 's/^[0-9-]* [0-9:]* //' "$WORK/err"; }
for run in "quoted 1" "quoted 2 $CONF" "columns 2" "columns 1 $CONF"; do
	read -r how threads conf <<<"$run"
	if [ $how = quoted ]; then
		{ cat "$huge"; printf 'CUT-1,01-11-2026,x,,9826012345,Sehore,,,Revenue,Land,"half a desc'; } >"$cut"
		msg="inside a quoted value"
	else
		{ cat "$huge"; printf 'CUT-1,01-11-2026,x,,9826012345'; } >"$cut"
		msg="after 5 of the header's 19 columns"
	fi
	what="cut short ($how, $threads thread(s)${conf:+, in steps})"
	STEPS_CONF=$conf ingest "$WORK/cut.db" "$cut" OMP_NUM_THREADS=$threads
	check_eq "$what: exit" 1 "$rc"
	check_eq "$what: message" "ingest: error: $cut: the last line (line $n) is cut off: it ends without a line break $msg; the file may still be being copied, or the copy was cut short. Nothing from this file was loaded: copy it again" \
		"$(said)"
	check_eq "$what: nothing left" "0|0|0|ok" \
		"$(q "$WORK/cut.db" "SELECT (SELECT count(*) FROM complaints), (SELECT count(*) FROM quarantine),
			count(*), (SELECT * FROM pragma_integrity_check) FROM ingest_files")"
done

# A workbook of 48,000 rows whose sheet breaks off late: the XLSX reader
# fails (ROW_ERROR) after many batches.
xl=$WORK/x
mkdir -p "$xl"
"$T/csv2xlsx" "$big" "$xl/late.xlsx"
(cd "$xl" && unzip -q late.xlsx -d parts && rm late.xlsx)
sheet=$xl/parts/xl/worksheets/sheet1.xml
# the closing tag of a cell near the end, broken
awk 'BEGIN { RS = "</row>"; ORS = "</row>" } { n++; r[n] = $0 } END {
	for (i = 1; i <= n; i++) { if (i == n - 20) sub(/<\/c>/, "</x>", r[i]); printf "%s", r[i] (i < n ? ORS : "") } }' \
	"$sheet" >"$sheet.new" && mv "$sheet.new" "$sheet"
(cd "$xl/parts" && zip -q -X -r ../late-2026-11-27.xlsx .)
first=
for run in "1" "2 $CONF"; do
	read -r threads conf <<<"$run"
	what="xlsx broken late ($threads thread(s)${conf:+, in steps})"
	STEPS_CONF=$conf ingest "$WORK/xl.db" "$xl/late-2026-11-27.xlsx" OMP_NUM_THREADS=$threads
	check_eq "$what: exit" 1 "$rc"
	check_contains "$what: message" "is not well-formed XML" "$(said)"
	check_contains "$what: nothing loaded" "; nothing from this file was loaded" "$(said)"
	check_eq "$what: nothing left" "0|0|0" \
		"$(q "$WORK/xl.db" "SELECT (SELECT count(*) FROM complaints), (SELECT count(*) FROM quarantine),
			count(*) FROM ingest_files")"
	first=${first:-$(said)}
	check_eq "$what: the same message each way" "$first" "$(said)"
done
finish
