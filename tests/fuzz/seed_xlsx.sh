#!/usr/bin/env bash
# seed_xlsx.sh DIR - fill DIR with a seed corpus for fuzz_xlsx: every
# hand-built case of tests/data/xlsx zipped both stored (so mutations reach
# the XML) and deflated, plus the committed .xlsx files. Needs `zip`.
set -eu
out=${1:?usage: seed_xlsx.sh DIR}
mkdir -p "$out"
out=$(cd "$out" && pwd)
data=$(cd "$(dirname "$0")/../data/xlsx" && pwd)
for d in "$data"/cases/*/; do
	n=$(basename "$d")
	t=$(mktemp -d)
	cp -r "$data/base/." "$t/"
	[ -f "$d/like" ] && cp -r "$data/cases/$(cat "$d/like")/." "$t/"
	cp -r "$d/." "$t/"
	rm -f "$t/expect" "$t/DROP" "$t/like" "$t/sheet"
	(cd "$t" && zip -q -0 -r "$out/$n-stored.xlsx" . && zip -q -r "$out/$n.xlsx" .)
	rm -rf "$t"
done
cp "$data"/*.xlsx "$out/"
