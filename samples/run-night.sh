#!/usr/bin/env bash
# run-night.sh - the nightly job on the bundled samples (what `make sample` runs).
# Usage: samples/run-night.sh PATH/TO/nirakaran
# Makes a fresh working folder out-sample/ laid out as district.ini says
# (inbox/, archive/, review-inbox/, out/), drops night 1's files (the masters,
# the export) in the inbox and runs `nirakaran run` for 26-11-2026, then
# night 2's export and movement log for 27-11-2026, as cron would.
# Exit code 3 means "done, some rows were quarantined": the samples have bad
# rows on purpose, so it counts as success here.
set -eu
NK=${1:?usage: samples/run-night.sh PATH/TO/nirakaran}
case $NK in /*) ;; *) NK=$PWD/$NK ;; esac
cd "$(dirname "$0")/.."
S=samples
W=out-sample

rm -rf "$W"
mkdir -p "$W/inbox" "$W/review-inbox"
cp "$S/district.ini" "$S/holidays.txt" "$W/"

# night DATE FILE...: drops the files in the inbox and runs that night
night() {
	local day=$1 rc=0
	shift
	cp "$@" "$W/inbox/"
	echo "+ nirakaran run --config $W/district.ini --as-of $day" >&2
	"$NK" run --config "$W/district.ini" --as-of "$day" || rc=$?
	if [ "$rc" -ne 0 ] && [ "$rc" -ne 3 ]; then
		echo "run-night: the run of $day failed with exit code $rc" >&2
		exit "$rc"
	fi
}

night 2026-11-26 "$S/categories.csv" "$S/officers.csv" "$S/complaints-2026-11-26.csv"
night 2026-11-27 "$S/complaints-2026-11-27.csv" "$S/movements-2026-11-27.csv"
"$NK" status --db "$W/nirakaran.db" --quarantine >"$W/status.txt"

echo "run-night: done. Database: $W/nirakaran.db; each night's workbooks and CSVs:" >&2
ls -d "$W"/out/*/ >&2
echo "Quarantined rows and their reasons: $W/status.txt" >&2
