# hostile.sh - the faults of issue 17 that take more than one file to show
# (tests/data/bad/cases.tsv has the single files): the lock through a
# symlinked --db, another program's SQLite file, a disk out of inodes, an
# inbox with a file still being copied, an empty file, Excel's lock file and
# a folder, unfinished report files of a killed run, an export on a
# workbook's second sheet at night, and formulas in the CSV outputs.
. tests/e2e/lib.sh
T=${NKTOOLS:-$PWD/build/tools}
S=$PWD/samples
H='Complaint No,Registration Date,Complainant Name,Mobile No,District,Department,Category,Description,Level,Status'
rows() { # rows FIRST LAST: complaints CMH-FIRST..CMH-LAST
	for i in $(seq "$1" "$2"); do
		printf 'CMH-%d,20-11-2026,Ram Kumar %d,98260%05d,Sehore,Revenue,Land record,Boundary dispute %d,L1,Open\n' \
			"$i" "$i" "$i" "$i"
	done
}
export_csv() { printf '%s\n' "$H"; rows "$@"; }

# ---- the lock is taken on the database itself, whatever name reaches it
mkdir -p "$WORK/lock"
"$NK" init -q --db "$WORK/lock/real.db"
ln -s real.db "$WORK/lock/link.db"
export_csv 1 3 >"$WORK/lock/c-2026-11-26.csv"
mkfifo "$WORK/release"
(
	exec 9>>"$WORK/lock/real.db.lock"
	flock -x 9 && touch "$WORK/held"
	read -r _ <"$WORK/release"
) &
holder=$!
for i in $(seq 1 250); do
	[ -f "$WORK/held" ] && break
	sleep 0.02
done
out=$("$NK" ingest --db "$WORK/lock/link.db" "$WORK/lock/c-2026-11-26.csv" 2>&1)
check_eq "a symlinked --db waits for the real db's lock (exit 4)" 4 $?
check_contains "and says so" "another nirakaran run is using $WORK/lock/link.db" "$out"
echo >"$WORK/release"
wait $holder
check_eq "no second lock file beside the link" no "$([ -e "$WORK/lock/link.db.lock" ] && echo yes || echo no)"
"$NK" ingest -q --db "$WORK/lock/link.db" "$WORK/lock/c-2026-11-26.csv"
check_eq "once free, the link loads into the real db" 3 "$(q "$WORK/lock/real.db" 'SELECT count(*) FROM complaints')"

# ---- another program's SQLite file is refused, and left as it was
q "$WORK/other.db" "CREATE TABLE users (id INTEGER, name TEXT); CREATE TABLE orders (id INTEGER)"
out=$("$NK" ingest --db "$WORK/other.db" "$WORK/lock/c-2026-11-26.csv" 2>&1)
check_eq "another program's db: exit 1" 1 $?
check_contains "it says whose tables it holds" \
	"other.db is not a nirakaran database: it holds 2 table(s) of another program (\"orders\", \"users\") and none of ours" "$out"
check_eq "none of our tables added" "orders users" "$(q "$WORK/other.db" "SELECT group_concat(name, ' ') FROM (SELECT name FROM sqlite_master ORDER BY 1)")"
out=$("$NK" status --db "$WORK/other.db" 2>&1)
check_contains "status says the same" "is not a nirakaran database" "$out"

# ---- a disk with room for bytes but none for one more file
I=$WORK/inodes
mkdir -p "$I"
if mount -t tmpfs -o size=16M,nr_inodes=64 tmpfs "$I" 2>/dev/null; then
	"$NK" init -q --db "$I/n.db"
	i=0
	while touch "$I/f$i" 2>/dev/null; do i=$((i + 1)); done
	out=$("$NK" ingest --db "$I/n.db" "$WORK/lock/c-2026-11-26.csv" 2>&1)
	check_eq "out of inodes: exit 1" 1 $?
	check_contains "out of inodes: said in words" "has no room for new files (no free inodes" "$out"
	umount "$I"
else
	echo "hostile.sh: cannot mount a tmpfs here (not root?): inodes not checked" >&2
fi

# ---- the nightly inbox
D=$WORK/night
mkdir -p "$D/inbox/old exports"
cp $S/district.ini $S/holidays.txt "$D/"
printf '[inbox]\nsettle_seconds = 1\nwait_seconds = 60\n' >>"$D/district.ini"
: >"$D/inbox/empty-2026-11-26.csv"
printf 'lock' >"$D/inbox/~\$complaints.xlsx"
export_csv 900 901 >"$D/inbox/old exports/complaints-2026-11-01.csv"
# an export on the second sheet of a workbook, after a sheet of notes
{ printf '%s\n' "$H"; rows 500 501; } >"$WORK/sheet.csv"
"$T/csv2xlsx" "$WORK/sheet.csv" "$WORK/one-sheet.xlsx"
mkdir -p "$WORK/x2" && (cd "$WORK/x2" && unzip -q "$WORK/one-sheet.xlsx")
mv "$WORK/x2/xl/worksheets/sheet1.xml" "$WORK/x2/xl/worksheets/sheet2.xml"
printf '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>How to read this export</t></is></c></row></sheetData></worksheet>\n' \
	>"$WORK/x2/xl/worksheets/sheet1.xml"
sed -i 's|<sheet name="\([^"]*\)" sheetId="1" r:id="\([^"]*\)"/>|<sheet name="Notes" sheetId="1" r:id="rIdNotes"/><sheet name="\1" sheetId="2" r:id="\2"/>|' "$WORK/x2/xl/workbook.xml"
sed -i 's|worksheets/sheet1.xml"/>|worksheets/sheet2.xml"/><Relationship Id="rIdNotes" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>|' \
	"$WORK/x2/xl/_rels/workbook.xml.rels"
(cd "$WORK/x2" && zip -q -X -r "$D/inbox/second-sheet-2026-11-26.xlsx" .)
check_eq "the workbook's first sheet is the notes" "How to read this export" \
	"$("$T/xlsxdump" "$D/inbox/second-sheet-2026-11-26.xlsx" | head -n 1)"
# unfinished report files of a run killed long ago (its process is gone)
sh -c 'exit 0' &
dead=$!
wait $dead
mkdir -p "$D/out/2026-11-25/whatsapp"
: >"$D/out/2026-11-25/.sla-report.xlsx.tmp-$dead"
: >"$D/out/2026-11-25/whatsapp/.SEH-1.txt.tmp-$dead"
# an export still being copied while the run starts: written in four
# pieces, less than settle_seconds apart
export_csv 1 400 >"$WORK/big.csv"
size=$(stat -c %s "$WORK/big.csv")
piece=$((size / 4 + 1))
(
	for k in 0 1 2 3; do
		dd if="$WORK/big.csv" bs="$piece" skip=$k count=1 2>/dev/null >>"$D/inbox/complaints-2026-11-26.csv"
		sleep 0.6
	done
) &
writer=$!
sleep 0.2
"$NK" run --config "$D/district.ini" --as-of 2026-11-26 2>"$WORK/night1.log"
rc=$?
wait $writer
log=$(cat "$WORK/night1.log")
check_eq "night 1 with a file still being copied: exit 0" 0 "$rc"
check_eq "the copied file loaded whole" "400 400 0" \
	"$(q "$D/nirakaran.db" "SELECT rows_read || ' ' || rows_loaded || ' ' || rows_quarantined FROM ingest_files WHERE path LIKE '%complaints-2026-11-26.csv'")"
check_eq "the export on the second sheet loaded" "XLSX (sheet Complaints) 2" \
	"$(q "$D/nirakaran.db" "SELECT format || ' ' || rows_loaded FROM ingest_files WHERE path LIKE '%second-sheet%'")"
check_contains "a folder is named, not passed over" "inbox/old exports: skipped: a folder: files inside folders are not read" "$log"
check_contains "Excel's lock file is named" "skipped: Excel's lock file of a workbook someone has open" "$log"
check_contains "an empty file is named" "empty-2026-11-26.csv: skipped: empty (0 bytes), nothing to load; left in the inbox" "$log"
check_eq "what was skipped stays in the inbox" "empty-2026-11-26.csv old exports ~\$complaints.xlsx" \
	"$(ls "$D/inbox" | LC_ALL=C sort | tr '\n' ' ' | sed 's/ $//')"
check_contains "the killed run's files are swept" "removed 2 unfinished file(s) that a killed run left" "$log"
check_eq "and gone" "" "$(find "$D/out" -name '.*.tmp-*')"

# ---- a file that keeps growing is left for the next night
printf '[inbox]\nsettle_seconds = 1\nwait_seconds = 2\n' >>"$D/district.ini"
export_csv 1001 1400 >"$WORK/big2.csv"
size=$(stat -c %s "$WORK/big2.csv")
piece=$((size / 8 + 1))
(
	for k in 0 1 2 3 4 5 6 7; do
		dd if="$WORK/big2.csv" bs="$piece" skip=$k count=1 2>/dev/null >>"$D/inbox/complaints-2026-11-27.csv"
		sleep 0.5
	done
) &
writer=$!
sleep 0.2
out=$("$NK" run --config "$D/district.ini" --as-of 2026-11-27 2>&1)
rc=$?
wait $writer
check_eq "a file still growing after wait_seconds fails the night" 1 "$rc"
check_contains "and says why" "complaints-2026-11-27.csv is still being written after 2 s" "$out"
check_eq "it stays in the inbox" yes "$([ -f "$D/inbox/complaints-2026-11-27.csv" ] && echo yes || echo no)"
check_eq "nothing of it was loaded" 0 "$(q "$D/nirakaran.db" "SELECT count(*) FROM ingest_files WHERE path LIKE '%11-27%'")"
sleep 1.1
"$NK" run --config "$D/district.ini" --as-of 2026-11-27 2>/dev/null
check_eq "the next run loads it whole" 400 \
	"$(q "$D/nirakaran.db" "SELECT rows_loaded FROM ingest_files WHERE path LIKE '%11-27%'")"

# ---- a complaint's text never runs as a formula in a CSV output
F=$WORK/formula
mkdir -p "$F"
{
	printf '%s\n' "$H"
	printf 'CMH-1,01-10-2026,"=HYPERLINK(""http://x.example/"",""click"")",9826012345,Sehore,Revenue,Land record,@SUM(A1),L1,Open\n'
	printf 'CMH-2,02-10-2026,"=HYPERLINK(""http://x.example/"",""click"")",9826012345,Sehore,Revenue,Land record,+cmd|calc,L1,Open\n'
} >"$F/c-2026-11-26.csv"
"$NK" ingest -q --db "$F/n.db" "$F/c-2026-11-26.csv"
"$NK" match -q --db "$F/n.db" --as-of 2026-11-26 --out "$F/m"
"$NK" analyze -q --db "$F/n.db" --as-of 2026-11-26
"$NK" report -q --db "$F/n.db" --as-of 2026-11-26 --out "$F/o"
check_contains "the name is in the repeat complainants' CSV, marked as text" ",\"'=HYPERLINK(" \
	"$(cat "$F/o/sla-repeat-complainants.csv")"
check_eq "no CSV field starts a formula" "" "$(grep -hE '(^|,)"?[=@]' "$F/o"/*.csv)"
finish
