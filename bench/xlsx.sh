#!/usr/bin/env bash
# xlsx.sh - speed and memory of the XLSX reader on a generated workbook.
#
# Writes ROWS (default 1,000,000) rows of 15 columns twice with
# tests/tools/mkxlsx: as Excel saves a workbook (strings once in
# xl/sharedStrings.xml, cells refer to them: "shared"), and as libxlsxwriter's
# constant-memory mode does (every string inline in the sheet, about twice
# the XML: "inline"). Both hold the same values. Each is read with
# `xlsxdump -c` (our reader, every cell converted, nothing printed) and, for
# reference, with xlsx2csv (Debian package xlsx2csv, installed here if
# missing); rows/s and peak RSS of each are printed. Beside them, the floor:
# tests/tools/xlsxfloor going through the same parts (shared strings, if
# any, and the sheet) with minizip and expat alone, no handlers, no cells:
# no reader built on these two libraries can be faster on this machine.
# Targets for our reader: >= 150,000 rows/s on one core, peak RSS < 150 MB.
#
# Usage: NKTOOLS=build/tools bash bench/xlsx.sh [ROWS]   (make bench sets NKTOOLS)
set -eu
rows=${1:-${XLSX_BENCH_ROWS:-1000000}}
tools=${NKTOOLS:-build/tools}
work=${BENCH_DIR:-${TMPDIR:-/tmp}/nk-bench-xlsx}
mkdir -p "$work"

if ! command -v xlsx2csv >/dev/null; then
	# A reference point only: install it if we may, else skip.
	if [ "$(id -u)" -eq 0 ]; then
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq xlsx2csv >/dev/null 2>&1 || true
	fi
fi

# measure LABEL CMD...: wall seconds and peak RSS (KB) via /usr/bin/time -v
measure() {
	local label=$1
	shift
	local log=$work/time-$label.log
	/usr/bin/time -v "$@" >"$work/out-$label" 2>"$log"
	local secs rss
	secs=$(sed -n 's/.*Elapsed (wall clock) time.*: //p' "$log" |
		awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; print s }')
	rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$log")
	awk -v l="$label" -v r="$rows" -v s="$secs" -v m="$rss" 'BEGIN {
		printf "xlsx bench: %-18s %8.2f s %10.0f rows/s  peak RSS %6.1f MB\n",
			l, s, (s > 0 ? r / s : 0), m / 1024 }'
}

# floor LABEL MODE WHAT BOOK: xlsxfloor's wall time as rows/s, and its CPU time
floor() {
	local out secs cpu
	out=$("$tools/xlsxfloor" "$2" "$4") || { echo "xlsx bench: xlsxfloor $2 $4 failed"; return 1; }
	secs=$(printf '%s\n' "$out" | sed -n 's/.* \([0-9.]*\) s wall.*/\1/p')
	cpu=$(printf '%s\n' "$out" | sed -n 's/.* \([0-9.]*\) s CPU.*/\1/p')
	awk -v l="$1" -v w="$3" -v r="$rows" -v s="$secs" -v c="$cpu" 'BEGIN {
		printf "xlsx bench: %-18s %8.2f s %10.0f rows/s  (%s; %.2f s CPU)\n",
			l, s, (s > 0 ? r / s : 0), w, c }'
}

for form in shared inline; do
	book=$work/complaints-$form-$rows.xlsx
	if [ ! -s "$book" ]; then
		echo "xlsx bench: writing $rows rows ($form strings) to $book"
		if [ $form = shared ]; then
			"$tools/mkxlsx" -s "$book" "$rows"
		else
			"$tools/mkxlsx" "$book" "$rows"
		fi
	fi
	xml=$(unzip -l "$book" xl/worksheets/sheet1.xml | awk 'NR == 4 { print $1 }')
	echo "xlsx bench: $form strings: $(du -hL "$book" | cut -f1) zipped," \
		"sheet XML $((xml / 1000000)) MB ($((xml / (rows + 1))) bytes a row)"
	measure "nirakaran-$form" "$tools/xlsxdump" -c "$book"
	grep -q "^rows: $((rows + 1))$" "$work/out-nirakaran-$form" ||
		{ echo "xlsx bench: expected $((rows + 1)) rows, got: $(cat "$work/out-nirakaran-$form")"; exit 1; }
	floor "inflate-$form" inflate "minizip inflate alone" "$book"
	floor "floor-$form" expat "minizip inflate + expat with no handlers" "$book"
	if command -v xlsx2csv >/dev/null; then
		measure "xlsx2csv-$form" xlsx2csv "$book"
	else
		echo "xlsx bench: xlsx2csv not installed (apt-get install xlsx2csv); no reference"
	fi
done
echo "xlsx bench: floor = minizip + expat alone on the same parts, no cells built;" \
	"a reader on these libraries cannot beat it here (tests/tools/xlsxfloor)"
