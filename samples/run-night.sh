#!/usr/bin/env bash
# run-night.sh - the nightly job on the bundled samples (what `make sample` runs).
# Usage: samples/run-night.sh PATH/TO/nirakaran
# Makes a fresh working folder out-sample/ laid out as district.ini says
# (inbox/, archive/, out/, the masters and the holidays), puts the night-1
# export in its inbox and runs the stages that exist so far.
# Exit code 3 from ingest means "some rows were quarantined": the samples
# have bad rows on purpose, so it counts as success here.
set -eu
NK=${1:?usage: samples/run-night.sh PATH/TO/nirakaran}
case $NK in /*) ;; *) NK=$PWD/$NK ;; esac
cd "$(dirname "$0")/.."
S=samples
W=out-sample
DB=$W/nirakaran.db

rm -rf "$W"
mkdir -p "$W/inbox" "$W/archive" "$W/review-inbox" "$W/out"
cp "$S/district.ini" "$S/holidays.txt" "$S/categories.csv" "$S/officers.csv" "$W/"
cp "$S/complaints-2026-11-26.csv" "$W/inbox/"

# run CMD...: runs one stage, accepting exit 0 and 3 (rows quarantined)
run() {
	local rc=0
	echo "+ nirakaran ${*:2}" >&2
	"$@" || rc=$?
	if [ "$rc" -ne 0 ] && [ "$rc" -ne 3 ]; then
		echo "run-night: stage failed with exit code $rc: $*" >&2
		exit "$rc"
	fi
}

run "$NK" init --db "$DB"
run "$NK" ingest --db "$DB" --kind categories "$W/categories.csv"
run "$NK" ingest --db "$DB" --kind officers "$W/officers.csv"
run "$NK" ingest --db "$DB" "$W/inbox/complaints-2026-11-26.csv"
run "$NK" ingest --db "$DB" "$S/complaints-2026-11-27.csv"
run "$NK" status --db "$DB"

echo "run-night: done; the database is $DB, the night's outputs go to $W/out/" >&2
