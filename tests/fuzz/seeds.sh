#!/usr/bin/env bash
# seeds.sh TARGET DIR [HARNESS] - fill DIR with the seed corpus of
# fuzz_TARGET, taken from the test data: whole files for the readers, one
# value a file for the field parsers (each tab-separated field of the tables,
# each column value of the sample exports). fuzz_review_import writes its own
# (HARNESS, the built binary). Run from the repository root.
set -eu
t=${1:?usage: seeds.sh TARGET DIR [HARNESS]}
out=${2:?usage: seeds.sh TARGET DIR [HARNESS]}
mkdir -p "$out"

# values FILE... : every tab-separated field of the non-comment lines, a file each
values() {
	cat "$@" | grep -v '^#' | tr '\t' '\n' | sort -u |
		awk -v d="$out" 'length($0) { f = sprintf("%s/v%05d", d, NR); printf "%s", $0 > f; close(f) }'
}

# column N of the sample exports (CSV, naive split: good enough for seeds)
column() {
	for f in samples/*.csv; do
		[ -f "$f" ] || continue
		tail -n +2 "$f" | cut -d, -f"$1"
	done | sort -u | head -n 300 | tr '\n' '\t' | sed 's/\t$/\n/'
}

case $t in
csv)
	find tests/data/csv -type f ! -name '*.expected' -exec cp {} "$out/" \;
	find tests/data/bad/files -maxdepth 1 -type f -name '*.csv' -size -64k -exec cp {} "$out/" \; 2>/dev/null || true
	;;
xlsx)
	bash tests/fuzz/seed_xlsx.sh "$out"
	find tests/data/bad/files -maxdepth 1 -type f \( -name '*.xlsx' -o -name '*.xls' \) -size -64k \
		-exec cp {} "$out/" \; 2>/dev/null || true
	;;
date)
	grep -ohE '(ok|bad)\("[^"]*"' tests/unit/test_date.c | sed -E 's/^(ok|bad)\("//; s/"$//' >"$out/.list"
	column 2 >>"$out/.list"
	values "$out/.list"
	rm -f "$out/.list"
	;;
field)
	cut -f2 tests/data/fields/synonyms.tsv >"$out/.list"
	printf 'CMH-1\u00a0\t\u200bCMH-1\t\u00a0 Ram \u3000\tCMH\u200d-\ufeff1\t#REF!\t#N/A\tClosed\tबंद\n' >>"$out/.list"
	values "$out/.list"
	rm -f "$out/.list"
	;;
phone)
	{ column 5; printf '9.83E+09\t098260-12345\t+91 98260 12345, 94250 12345\t०९८२६०१२३४५\t091-98260-12345\n'; } >"$out/.list"
	values "$out/.list"
	rm -f "$out/.list"
	;;
review)
	# the Decision drop-down's values and their halves (engine/review.h)
	printf 'मर्ज करें / Merge\tमर्ज न करें / Not duplicate\tसंदेह / Unsure\tMerge\tमर्ज करें\tunsure\n' >"$out/.list"
	values "$out/.list"
	rm -f "$out/.list"
	;;
review_import)
	# the merge-review.xlsx of the harness's own db, written by the report's
	# code, blank and decided, and rows inputs; each workbook also stored
	# (zip -0), so that mutations reach its XML
	out=$(cd "$out" && pwd)
	NK_FUZZ_SEEDS=$out "${3:?seeds.sh review_import DIR HARNESS}"
	for f in "$out"/*.xlsx; do
		d=$(mktemp -d)
		(cd "$d" && unzip -q "$f" && zip -q -0 -r "${f%.xlsx}-stored.xlsx" .)
		rm -rf "$d"
	done
	;;
keypack)
	# blobs of one to three records, packed by the harness
	out=$(cd "$out" && pwd)
	NK_FUZZ_SEEDS=$out "${3:?seeds.sh keypack DIR HARNESS}"
	;;
normalize | name | text)
	values tests/data/names/*.tsv
	;;
*)
	# a new harness: its own folder of test data, when there is one
	if [ -d "tests/data/$t" ]; then
		find "tests/data/$t" -type f -size -256k -exec cp {} "$out/" \;
	fi
	;;
esac
