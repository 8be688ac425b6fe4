#!/usr/bin/env bash
# norm.sh - speed of the normalisers (engine/normalize, phone, text) on
# BENCH_N (default 1,000,000) generated names, mobile numbers and ~200-
# character descriptions, at 1 and 2 threads, with peak RSS. Builds nothing:
# runs $NKTOOLS/benchnorm. Targets (issue 4): names >= 1,000,000/s and
# descriptions >= 200,000/s per core. "/cpu-s" is the rate per CPU-second,
# the steadier figure when other work shares the machine.
set -u
NKTOOLS=${NKTOOLS:-$PWD/build/tools}
N=${BENCH_N:-1000000}
log=$(mktemp "${TMPDIR:-/tmp}/nk-bench-norm.XXXXXX")
trap 'rm -f "$log"' EXIT
for what in names phones texts; do
	/usr/bin/time -v "$NKTOOLS/benchnorm" -n "$N" -t 2 -o "$what" >"$log" 2>&1
	rc=$?
	grep -E '^(names|phones|descriptions) ' "$log" | sed 's/^/   /'
	awk -F': ' -v w="$what" '/Maximum resident set size/ {
		printf "   %-13s peak RSS %.0f MB (the generated inputs included)\n",
			w, $2 / 1024 }' "$log"
	[ $rc -eq 0 ] || { tail -n 5 "$log" | sed 's/^/      /'; exit 1; }
done
