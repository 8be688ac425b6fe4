#!/usr/bin/env bash
# match.sh - speed and memory of nirakaran match on generated complaints.
# For each size: a full match with 1 and with 2 threads (wall time, peak RSS,
# candidate pairs, pairs/s, speed-up), and at the largest size a nightly
# increment of 10,000 new complaints. Targets: 1,000,000 in <= 30 s and
# <= 2 GB; increment of 10,000 against 1,000,000 in <= 3 s; 1->2 threads >= 1.8x.
# Usage: NK=... NKTOOLS=... bench/match.sh [SIZES...]   (default 100000 300000 1000000)
set -eu
NK=${NK:-$PWD/build/nirakaran}
NKTOOLS=${NKTOOLS:-$PWD/build/tools}
SIZES=${*:-${BENCH_N:-100000 300000 1000000}}
INC=10000
W=$(mktemp -d "${TMPDIR:-/tmp}/nk-bench-match.XXXXXX")
trap 'rm -rf "$W"' EXIT

# timed OUT CMD...: runs CMD under /usr/bin/time -v; sets WALL (s) and RSS (MB)
timed() {
	local out=$1
	shift
	/usr/bin/time -v "$@" >"$out" 2>&1
	WALL=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, t, ":"); s = 0;
		for (i = 1; i <= n; i++) s = s * 60 + t[i]; printf "%.2f", s }' "$out")
	RSS=$(awk -F': ' '/Maximum resident/ { printf "%.0f", $2 / 1024 }' "$out")
}

# figure LOG KEY: a number from the match log line ("161927 candidate pairs")
figure() { grep -o "[0-9.]* $2" "$1" | head -1 | cut -d' ' -f1; }

for n in $SIZES; do
	total=$((n + INC))
	"$NKTOOLS/nkgen" -n "$total" --seed 3 --out "$W/all.csv" --truth "$W/truth.csv" 2>/dev/null
	head -n $((n + 1)) "$W/all.csv" >"$W/base.csv"
	{ head -n 1 "$W/all.csv"; tail -n +$((n + 2)) "$W/all.csv"; } >"$W/new.csv"
	rm -f "$W/db"*
	"$NK" init --db "$W/db" >/dev/null 2>&1
	"$NK" ingest -q --db "$W/db" "$W/base.csv"
	# each thread count on its own copy, so both do the same work (the
	# first run of a db also writes every complainant and key row)
	cp "$W/db" "$W/db1"
	timed "$W/t1" env OMP_NUM_THREADS=1 "$NK" match --db "$W/db1" --as-of 2099-12-31 --full --out "$W/o1"
	w1=$WALL r1=$RSS
	rm -f "$W/db1"*
	score1=$(grep -o 'score [0-9.]*' "$W/t1" | cut -d' ' -f2)
	timed "$W/t2" env OMP_NUM_THREADS=2 "$NK" match --db "$W/db" --as-of 2099-12-31 --full --out "$W/o2"
	score2=$(grep -o 'score [0-9.]*' "$W/t2" | cut -d' ' -f2)
	same=$(cmp -s "$W/o1/proposals.csv" "$W/o2/proposals.csv" && echo identical || echo DIFFERENT)
	printf 'match %8d: %s candidate pairs, %s pairs/s; 1 thread %s s (%s MB), 2 threads %s s (%s MB); speed-up %s (scoring %s); proposals.csv %s\n' \
		"$n" "$(figure "$W/t2" 'candidate pairs')" "$(figure "$W/t2" 'pairs/s')" "$w1" "$r1" "$WALL" "$RSS" \
		"$(awk -v a="$w1" -v b="$WALL" 'BEGIN { printf "%.2fx", a / b }')" \
		"$(awk -v a="$score1" -v b="$score2" 'BEGIN { printf "%.2fx", a / (b > 0 ? b : 1e-9) }')" "$same"
	grep -o 'load [0-9.]*.*' "$W/t1" | sed 's/^/    1 thread:  /'
	grep -o 'load [0-9.]*.*' "$W/t2" | sed 's/^/    2 threads: /'
	"$NK" ingest -q --db "$W/db" "$W/new.csv"
	timed "$W/t3" "$NK" match --db "$W/db" --as-of 2099-12-31 --out "$W/o3"
	printf 'match %8d + %d new (increment): %s s, %s MB; %s candidate pairs\n' "$n" "$INC" "$WALL" "$RSS" \
		"$(figure "$W/t3" 'candidate pairs')"
	grep -o 'load [0-9.]*.*' "$W/t3" | sed 's/^/    increment: /'
	"$NK" match -q --db "$W/db" --as-of 2099-12-31 --full --out "$W/o4"
	printf '    increment vs full run on the same db: proposals.csv %s\n' \
		"$(cmp -s "$W/o3/proposals.csv" "$W/o4/proposals.csv" && echo identical || echo DIFFERENT)"
done
