#!/usr/bin/env bash
# check.sh - proves a real office suite reads our workbooks: LibreOffice
# (headless) converts sla-report.xlsx and merge-review.xlsx of the sample
# nights to CSV and PDF, the CSV values are compared with our own reader's,
# the printed pages are counted (landscape, one page wide: the sample's
# sla-report once printed as 51 portrait pages, its merge review as 8), and
# the first page of each sheet is rendered to PNG for a person to look at.
# Usage: tests/data/reports/check-office.sh BUILD_DIR   (make check-office)
set -u
B=${1:-build}
NK=${NK:-$PWD/$B/nirakaran}
DUMP=$PWD/$B/tools/xlsxdump
OUT=$PWD/$B/office
rm -rf "$OUT" && mkdir -p "$OUT"
DB=$OUT/n.db
C="--db $DB --config samples/district.ini --as-of 2026-11-27"
fail=0
"$NK" init -q --db "$DB"
for a in "--kind categories samples/categories.csv" "--kind officers samples/officers.csv" \
	samples/complaints-2026-11-26.csv samples/complaints-2026-11-27.csv \
	"--kind movements samples/movements-2026-11-27.csv"; do
	"$NK" ingest -q $C $a
done
"$NK" analyze -q $C >/dev/null 2>&1
"$NK" match -q $C --out "$OUT/m" >/dev/null 2>&1
"$NK" report -q $C --out "$OUT" || { echo "check-office: report failed"; exit 1; }
export HOME=$OUT/home # a private LibreOffice profile
for book in sla-report merge-review; do
	# sheet N of the workbook to CSV (UTF-8, comma, quoted text): filter option 76,34,76,1,,0,false,true,false,false,false,N
	i=0
	"$DUMP" -l "$OUT/$book.xlsx" | cut -f1 | while read -r sheet; do
		i=$((i + 1))
		soffice --headless --convert-to "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,$i" \
			--outdir "$OUT/lo-$book-$i" "$OUT/$book.xlsx" >/dev/null 2>&1
		lo=$(ls "$OUT/lo-$book-$i"/*.csv 2>/dev/null | head -1)
		if [ -z "$lo" ]; then
			echo "FAIL $book / $sheet: LibreOffice wrote no CSV"
			echo 1 >"$OUT/failed"
			continue
		fi
		# Compare the first column (ids, labels) and the row count with our reader.
		ours=$("$DUMP" -s "$sheet" "$OUT/$book.xlsx" | cut -f1 | sed 's/\\n/ /g' | grep -c .)
		theirs=$(python3 -c 'import csv,sys; print(sum(1 for r in csv.reader(open(sys.argv[1], encoding="utf-8")) if r and r[0].strip()))' "$lo")
		if [ "$ours" = "$theirs" ]; then
			echo "ok   $book / $sheet: $ours rows agree"
		else
			echo "FAIL $book / $sheet: our reader sees $ours rows, LibreOffice $theirs"
			echo 1 >"$OUT/failed"
		fi
	done
done
# Values as LibreOffice reads them: the Breaches sheet's first row (the due
# date a real date, whatever display form the office suite's locale picks).
lo=$(ls "$OUT"/lo-sla-report-2/*.csv | head -1)
want=$("$DUMP" -s "समय-सीमा बाहर - Breaches" "$OUT/sla-report.xlsx" | sed -n 2p | awk -F'\t' '{print $1 "," $2 "," $13}')
got=$(python3 - "$lo" <<'PY'
import csv, sys, datetime
r = list(csv.reader(open(sys.argv[1], encoding="utf-8")))[1]
for f in ("%d-%m-%Y", "%m/%d/%Y", "%Y-%m-%d", "%d/%m/%Y"):
    try:
        d = datetime.datetime.strptime(r[12], f).date().isoformat(); break
    except ValueError:
        d = "not a date: " + r[12]
print(r[0] + "," + r[1] + "," + d)
PY
)
if [ "$want" = "$got" ]; then echo "ok   Breaches row 2 as LibreOffice reads it: $got"; else echo "FAIL Breaches row 2: LibreOffice reads $got, expected $want"; echo 1 >"$OUT/failed"; fi
# The printed pages: landscape, one page wide, every page a header row.
for book in sla-report:20 merge-review:6; do
	name=${book%:*} most=${book#*:}
	soffice --headless --convert-to pdf --outdir "$OUT" "$OUT/$name.xlsx" >/dev/null 2>&1
	if [ ! -s "$OUT/$name.pdf" ]; then
		echo "FAIL $name: no PDF"; echo 1 >"$OUT/failed"; continue
	fi
	pages=$(pdfinfo "$OUT/$name.pdf" | awk '/^Pages:/ {print $2}')
	size=$(pdfinfo "$OUT/$name.pdf" | awk '/^Page size:/ {print ($3 > $5) ? "landscape" : "portrait"}')
	if [ "$pages" -le "$most" ] && [ "$size" = landscape ]; then
		echo "ok   $name prints as $pages $size pages (at most $most)"
	else
		echo "FAIL $name prints as $pages $size pages (at most $most landscape)"; echo 1 >"$OUT/failed"
	fi
	pdftoppm -png -r 70 "$OUT/$name.pdf" "$OUT/page-$name" && echo "ok   pages to look at: $OUT/page-$name-*.png"
done
[ -f "$OUT/failed" ] && exit 1
exit 0
