#!/usr/bin/env bash
# match.sh - speed and memory of nirakaran match on generated complaints.
# For each size: a full match with 1 and with 2 threads (wall time, peak RSS,
# candidate pairs, pairs/s, speed-up), and a nightly increment of 10,000 new
# complaints. Targets: 1,000,000 in <= 30 s and <= 2 GB; increment of 10,000
# against 1,000,000 in <= 3 s; 1->2 threads >= 1.8x.
# Each measurement runs MATCH_RUNS times (default 3; 1 and 2 threads in
# turn), each on a fresh copy of the db, and the figures are the medians:
# a shared machine's speed drifts from one run to the next.
# Usage: NK=... NKTOOLS=... bench/match.sh [SIZES...]   (default 100000 300000 1000000)
set -eu
NK=${NK:-$PWD/build/nirakaran}
NKTOOLS=${NKTOOLS:-$PWD/build/tools}
SIZES=${*:-${BENCH_N:-100000 300000 1000000}}
INC=10000
RUNS=${MATCH_RUNS:-3}
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

# median FILE COLUMN: the middle value of a column of numbers
median() {
	cut -d' ' -f"$2" "$1" | sort -g | awk '{ v[NR] = $1 }
		END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# run DB NAME THREADS [ARGS...]: a match of a fresh copy of DB; appends
# "wall rss score" to $W/NAME.times, keeps the log in $W/NAME.log, the CSV in $W/NAME/
run() {
	local db=$1 name=$2 threads=$3
	shift 3
	rm -f "$W/copy"*
	cp "$db" "$W/copy"
	sync # else the run's checkpoint waits for the copy to reach the disk
	timed "$W/$name.log" env OMP_NUM_THREADS="$threads" "$NK" match --db "$W/copy" \
		--as-of 2099-12-31 --out "$W/$name" "$@"
	echo "$WALL $RSS $(grep -o 'score [0-9.]*' "$W/$name.log" | cut -d' ' -f2)" >>"$W/$name.times"
}

for n in $SIZES; do
	total=$((n + INC))
	"$NKTOOLS/nkgen" -n "$total" --seed 3 --out "$W/all.csv" --truth "$W/truth.csv" 2>/dev/null
	head -n $((n + 1)) "$W/all.csv" >"$W/base.csv"
	{ head -n 1 "$W/all.csv"; tail -n +$((n + 2)) "$W/all.csv"; } >"$W/new.csv"
	rm -f "$W/db"* "$W/"*.times
	"$NK" init --db "$W/db" >/dev/null 2>&1
	"$NK" ingest -q --db "$W/db" "$W/base.csv"
	# every run is a db's first: it writes every key and complainant row
	for r in $(seq "$RUNS"); do
		run "$W/db" t1 1 --full
		run "$W/db" t2 2 --full
	done
	w1=$(median "$W/t1.times" 1) w2=$(median "$W/t2.times" 1)
	s1=$(median "$W/t1.times" 3) s2=$(median "$W/t2.times" 3)
	printf 'match %8d: %s candidate pairs, %s pairs/s; 1 thread %s s (%s MB), 2 threads %s s (%s MB); speed-up %s (scoring %s); medians of %d; proposals.csv %s\n' \
		"$n" "$(figure "$W/t2.log" 'candidate pairs')" "$(figure "$W/t2.log" 'pairs/s')" \
		"$w1" "$(median "$W/t1.times" 2)" "$w2" "$(median "$W/t2.times" 2)" \
		"$(awk -v a="$w1" -v b="$w2" 'BEGIN { printf "%.2fx", a / b }')" \
		"$(awk -v a="$s1" -v b="$s2" 'BEGIN { printf "%.2fx", a / (b > 0 ? b : 1e-9) }')" "$RUNS" \
		"$(cmp -s "$W/t1/proposals.csv" "$W/t2/proposals.csv" && echo identical || echo DIFFERENT)"
	grep -o 'load [0-9.]*.*' "$W/t1.log" | sed 's/^/    1 thread:  /'
	grep -o 'load [0-9.]*.*' "$W/t2.log" | sed 's/^/    2 threads: /'
	# the night after: a full run, then 10,000 new complaints
	"$NK" match -q --db "$W/db" --as-of 2099-12-31 --full --out "$W/night1"
	"$NK" ingest -q --db "$W/db" "$W/new.csv"
	for r in $(seq "$RUNS"); do
		run "$W/db" inc 2
	done
	printf 'match %8d + %d new (increment): %s s, %s MB (medians of %d); %s candidate pairs\n' \
		"$n" "$INC" "$(median "$W/inc.times" 1)" "$(median "$W/inc.times" 2)" "$RUNS" \
		"$(figure "$W/inc.log" 'candidate pairs')"
	grep -o 'load [0-9.]*.*' "$W/inc.log" | sed 's/^/    increment: /'
	"$NK" match -q --db "$W/copy" --as-of 2099-12-31 --full --out "$W/full"
	printf '    increment vs full run on the same db: proposals.csv %s\n' \
		"$(cmp -s "$W/inc/proposals.csv" "$W/full/proposals.csv" && echo identical || echo DIFFERENT)"
done
