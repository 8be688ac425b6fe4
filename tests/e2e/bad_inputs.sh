# bad_inputs.sh - the bad-input catalogue (tests/data/bad/cases.tsv): each
# malformed export is ingested into a fresh db, and the exit code and the
# exact message the user gets (the error line, or the quarantine reason read
# back from the db, or a value of the db) are checked. After every case the
# db must also keep ingest's promises: integrity_check ok, rows read = rows
# loaded + rows quarantined, a failed file leaves nothing behind.
# Big and binary inputs are made here at run time, not committed.
#
# BAD_PRINT=1 prints what each case actually gives, in the table's form.
. tests/e2e/lib.sh
BAD=$ROOT/tests/data/bad
IN=$WORK/in
mkdir -p "$IN"

H='Complaint No,Registration Date,Complainant Name,Mobile No,District,Department,Category,Description,Level,Status'
good_row() { printf 'CMH-1,26-11-2026,Ram Kumar,9826012345,Sehore,Revenue,Land record,Boundary dispute,L1,Open\n'; }

# repeat N CHAR: CHAR written N times
repeat() { head -c "$1" /dev/zero | tr '\0' "$2"; }

# xlsx NAME: tests/data/bad/sheets/NAME.xml as the sheet of the hand-built
# workbook of tests/data/xlsx/base (or the folder sheets/NAME/ laid over
# it, for more parts), zipped to stdout
xlsx() {
	local d=$WORK/x-$1
	rm -rf "$d" && mkdir -p "$d/xl/worksheets"
	cp -r "$ROOT/tests/data/xlsx/base/." "$d/"
	if [ -d "$BAD/sheets/$1" ]; then
		cp -r "$BAD/sheets/$1/." "$d/"
	else
		cp "$BAD/sheets/$1.xml" "$d/xl/worksheets/sheet1.xml"
	fi
	(cd "$d" && zip -q -X -r - .)
}

# gen CASE FILE: writes the inputs that are not committed
gen() {
	case $1 in
	binary_junk) printf '%b' "$(awk 'BEGIN { for (i = 0; i < 4096; i++) printf "\\%03o", (i * 37 + 11) % 256 }')" ;;
	utf16le_no_bom) { printf '%s\n' "$H"; good_row; } | iconv -f UTF-8 -t UTF-16LE ;;
	utf16be_no_bom) { printf '%s\n' "$H"; good_row; } | iconv -f UTF-8 -t UTF-16BE ;;
	utf16le_bom) { printf '\xff\xfe'; { printf '%s\r\n' "$H"; good_row; } | iconv -f UTF-8 -t UTF-16LE; } ;;
	nul_late_in_file)
		printf '%s\n' "$H"
		for i in $(seq 1 3000); do printf 'CMH-%d,26-11-2026,Ram Kumar,9826012345,Sehore,Revenue,Land record,Boundary dispute,L1,Open\n' "$i"; done
		printf 'CMH-X,26-11-2026,Ram\0Kumar,9826012345,Sehore,Revenue,Land record,Boundary dispute,L1,Open\n' ;;
	nul_in_field) printf '%s\nCMH-1,26-11-2026,Ram\0Kumar,9826012345,Sehore,Revenue,Land record,Boundary dispute,L1,Open\n' "$H" ;;
	ole_xls) printf '\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1'; repeat 4088 '\0' ;;
	encrypted_ole)
		printf '\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1'; repeat 1016 '\0'
		printf 'E\0n\0c\0r\0y\0p\0t\0e\0d\0P\0a\0c\0k\0a\0g\0e\0'; repeat 1000 '\0' ;;
	truncated_xlsx) xlsx good | head -c 900 ;;
	zip_not_workbook)
		mkdir -p "$WORK/z" && printf 'holiday photos\n' >"$WORK/z/readme.txt"
		(cd "$WORK/z" && zip -q -X - readme.txt) ;;
	zip_bomb)
		# 64 MiB of spaces as the sheet: packs to ~64 KiB, a ratio over 1000
		local d=$WORK/bomb
		rm -rf "$d" && mkdir -p "$d/xl/worksheets"
		cp -r "$ROOT/tests/data/xlsx/base/." "$d/"
		repeat $((64 << 20)) ' ' >"$d/xl/worksheets/sheet1.xml"
		(cd "$d" && zip -q -X -r - .) ;;
	gzip_csv) { printf '%s\n' "$H"; good_row; } | gzip -n -c ;;
	field_10mb) printf '%s\nCMH-1,26-11-2026,Ram Kumar,9826012345,Sehore,Revenue,Land record,' "$H"
		repeat $((10 << 20)) a; printf ',L1,Open\n' ;;
	field_17mb) printf '%s\nCMH-1,26-11-2026,Ram Kumar,9826012345,Sehore,Revenue,Land record,' "$H"
		repeat $((17 << 20)) a; printf ',L1,Open\n' ;;
	million_columns) printf '%s' "$H"; repeat 1000000 ','; printf '\n'; good_row ;;
	million_columns_row) printf '%s\n' "$H"; good_row | tr -d '\n'; repeat 1000000 ','; printf '\n' ;;
	xlsx_*) xlsx "${1#xlsx_}" ;;
	*) echo "bad_inputs.sh: no input for case $1" >&2; return 1 ;;
	esac
}

# the error line of an ingest run, without its time stamp
error_line() { sed -n 's/^[0-9: -]*ingest: error: //p' "$1" | head -n 1; }

# check_db CASE RC: ingest's promises, whatever the input
check_db() {
	local db=$1 rc=$2 c=$3
	check_eq "$c: integrity" ok "$(q "$db" 'PRAGMA integrity_check')"
	local files
	files=$(q "$db" 'SELECT count(*) FROM ingest_files')
	case $rc in
	0 | 3)
		check_eq "$c: file recorded" 1 "$files"
		check_eq "$c: rows read = loaded + quarantined" 0 \
			"$(q "$db" 'SELECT rows_read - rows_loaded - rows_quarantined FROM ingest_files')"
		check_eq "$c: quarantine rows counted" \
			"$(q "$db" 'SELECT rows_quarantined FROM ingest_files')" \
			"$(q "$db" 'SELECT count(*) FROM quarantine')"
		if [ "$rc" = 3 ]; then
			check_eq "$c: exit 3 means something quarantined" 1 \
				"$(q "$db" 'SELECT count(*) > 0 FROM quarantine')"
		else
			check_eq "$c: exit 0 means nothing quarantined" 0 "$(q "$db" 'SELECT count(*) FROM quarantine')"
		fi ;;
	*)
		check_eq "$c: a failed file leaves nothing" "0 0 0" \
			"$files $(q "$db" 'SELECT count(*) FROM complaints') $(q "$db" 'SELECT count(*) FROM quarantine')" ;;
	esac
}

ncases=0
while IFS=$'\t' read -r name file opts want check expect; do
	case $name in '' | '#'*) continue ;; esac
	ncases=$((ncases + 1))
	dir=$IN/$name
	mkdir -p "$dir"
	if [ -e "$BAD/files/$file" ]; then
		cp "$BAD/files/$file" "$dir/$file"
	elif [ "$file" != nosuch.csv ] && [ "$file" != folder.csv ]; then
		gen "$name" >"$dir/$file" || { fail "$name: cannot make its input"; continue; }
	fi
	[ "$file" = folder.csv ] && mkdir -p "$dir/folder.csv"
	db=$dir/n.db
	"$NK" init -q --db "$db" 2>/dev/null
	[ "$opts" = - ] && opts=
	# shellcheck disable=SC2086 # opts are words
	# the night is fixed: a file named without a date is a snapshot of it
	(cd "$dir" && timeout 120 "$NK" ingest --db n.db --as-of 2026-11-30 $opts "$file") \
		>"$dir/out" 2>"$dir/err"
	rc=$?
	case $check in
	error) got=$(error_line "$dir/err") ;;
	usage) got=$(head -n 1 "$dir/err") ;;
	quarantine) got=$(q "$db" "SELECT code || ': ' || reason FROM quarantine ORDER BY row_number LIMIT 1") ;;
	sql:*) got=$(q "$db" "${check#sql:}") ;;
	*) got="unknown check $check" ;;
	esac
	if [ -n "${BAD_PRINT:-}" ]; then
		printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$file" "${opts:--}" "$rc" "$check" "$got"
		continue
	fi
	check_eq "$name: exit code" "$want" "$rc"
	check_eq "$name: message" "$expect" "$got"
	if [ "$rc" = 124 ] || [ "$rc" -ge 128 ]; then
		fail "$name: ingest hung or crashed (exit $rc): $(tail -n 3 "$dir/err")"
	fi
	[ -f "$db" ] && check_db "$db" "$rc" "$name"
	rm -rf "$dir" # the big inputs go at once
done <"$BAD/cases.tsv"
check_eq "the catalogue has at least 40 cases" 1 "$((ncases >= 40))"
finish
