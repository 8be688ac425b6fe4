#!/usr/bin/env bash
# eval.sh - matching quality on generated data (what `make eval` runs):
# nkgen writes N complaints with a truth file, nirakaran ingests and matches
# them, and bench/match_eval.awk prints pairwise precision, recall, F1 and the
# false positives per negative kind. Targets at N = 100000: precision >= 0.99,
# recall >= 0.95. Usage: NK=... NKTOOLS=... bench/eval.sh [N] [SEED]
set -eu
NK=${NK:-$PWD/build/nirakaran}
NKTOOLS=${NKTOOLS:-$PWD/build/tools}
N=${1:-100000}
SEED=${2:-7}
W=$(mktemp -d "${TMPDIR:-/tmp}/nk-eval.XXXXXX")
trap 'rm -rf "$W"' EXIT
"$NKTOOLS/nkgen" -n "$N" --seed "$SEED" --out "$W/complaints.csv" --truth "$W/truth.csv" 2>/dev/null
"$NK" init --db "$W/db" >/dev/null 2>&1
"$NK" ingest -q --db "$W/db" "$W/complaints.csv"
"$NK" match --db "$W/db" --as-of 2099-12-31 --out "$W/out" 2>&1 | sed 's/^[0-9-]* [0-9:]* /  /'
echo "eval: $N generated complaints, seed $SEED"
awk -F, -f bench/match_eval.awk "$W/truth.csv" "$W/out/proposals.csv"
# the rule each true pair was proposed under, against the kind nkgen planted
awk -F, 'FNR == 1 { f++; next } f == 1 { k[$1] = $4; next }
	{ c[k[$2] "->" $4]++ } END { s = "rules (planted->proposed):"
	for (x in c) { s = s " " x " " c[x] } print s }' "$W/truth.csv" "$W/out/proposals.csv"
