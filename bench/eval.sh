#!/usr/bin/env bash
# eval.sh - matching quality on generated data (what `make eval` runs):
# nkgen writes N complaints over 25 districts with a truth file, nirakaran
# ingests and matches them, and bench/match_eval.awk prints pairwise
# precision, recall, F1, the false positives per negative kind and the
# pairs proposed across districts. Targets at 1,000,000: precision >= 0.995,
# recall >= 0.98, and no pair of two districts without one mobile.
# Usage: NK=... NKTOOLS=... bench/eval.sh [N...]   (default 100000 1000000;
# EVAL_SEED picks the seed, default 7)
set -eu
NK=${NK:-$PWD/build/nirakaran}
NKTOOLS=${NKTOOLS:-$PWD/build/tools}
SIZES=${*:-${EVAL_N:-100000 1000000}}
SEED=${EVAL_SEED:-7}
W=$(mktemp -d "${TMPDIR:-/tmp}/nk-eval.XXXXXX")
trap 'rm -rf "$W"' EXIT
for N in $SIZES; do
	rm -rf "$W"/*
	"$NKTOOLS/nkgen" -n "$N" --seed "$SEED" --out "$W/complaints.csv" --truth "$W/truth.csv" 2>/dev/null
	"$NK" init --db "$W/db" >/dev/null 2>&1
	"$NK" ingest -q --db "$W/db" "$W/complaints.csv"
	"$NK" match --db "$W/db" --as-of 2099-12-31 --out "$W/out" 2>&1 | sed 's/^[0-9-]* [0-9:]* /  /'
	echo "eval: $N generated complaints, seed $SEED"
	awk -F, -f bench/match_eval.awk "$W/truth.csv" "$W/complaints.csv" "$W/out/proposals.csv"
	# the rule each true pair was proposed under, against the kind nkgen planted
	awk -F, 'FNR == 1 { f++; next } f == 1 { k[$1] = $4; next }
		{ c[k[$2] "->" $4]++ } END { s = "rules (planted->proposed):"
		for (x in c) { s = s " " x " " c[x] } print s }' "$W/truth.csv" "$W/out/proposals.csv"
done
