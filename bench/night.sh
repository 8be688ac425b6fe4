#!/usr/bin/env bash
# night.sh - the end-to-end targets of a district's first night and the
# night after, on generated data (nkgen), each figure beside its target:
#   ingest + first full match of N (1,000,000)          <= 13 s
#   the whole first `nirakaran run` of N                <= 30 s
#   a nightly `run` adding 10,000 to the N-complaint db <= 10 s
#   the whole first run on 1 thread and on 2, in turn   >= 1.7x
# and with BENCH_10M=1 also 10,000,000 complaints: first load + match
# <= 300 s, peak RSS <= 4 GB, the db <= 1.5x the CSV (16 GB of disk).
# Each figure is the median of NIGHT_RUNS runs (default 3), 1 and 2
# threads taken in turn so a shared machine's drift falls on both.
. bench/lib.sh
N=${BENCH_N:-1000000}
INC=10000
RUNS=${NIGHT_RUNS:-3}
D=$BENCH_DIR/night-$N
DAY1=2026-11-27 DAY2=2026-11-28
mkdir -p "$D"

# data N: base-N-DAY1.csv (N complaints), new-N-DAY2.csv (INC more), masters
data() {
	local n=$1
	[ -s "$D/new-$n-$DAY2.csv" ] && return
	"$NKTOOLS/nkgen" -n $((n + INC)) --seed 7 --snapshot-date $DAY1 --out "$D/all.csv" \
		--truth "$D/truth.csv" --categories "$D/cat.csv" --officers "$D/off.csv" \
		>/dev/null 2>&1 || { echo "nkgen failed" >&2; exit 1; }
	head -n $((n + 1)) "$D/all.csv" >"$D/base-$n-$DAY1.csv"
	{ head -n 1 "$D/all.csv"; tail -n +$((n + 2)) "$D/all.csv"; } >"$D/new-$n-$DAY2.csv"
	rm -f "$D/all.csv" "$D/truth.csv"
}

# district DIR N: a fresh district folder, night 1's files in its inbox
district() {
	rm -rf "$1"
	mkdir -p "$1/inbox"
	cp "$D/cat.csv" "$1/inbox/categories.csv"
	cp "$D/off.csv" "$1/inbox/officers.csv"
	ln "$D/base-$2-$DAY1.csv" "$1/inbox/complaints-$DAY1.csv"
	# in the inbox before the night's run, as the export is: no wait to settle
	touch -d "1 hour ago" "$1"/inbox/*.csv
	printf '[district]\nname = Bench\n[paths]\ndb = nirakaran.db\nout = out\n' >"$1/district.ini"
}

# stages LOG: the seconds each stage of a run took, from its log lines
stages() {
	awk '/ match: .* s$/ { m = $(NF - 1) } / analyze: .* s$/ { a = $(NF - 1) }
		/ report: .* written in / { r = $(NF - 1) }
		END { printf "      stages: match %s s, analyze %s s, sla-report.xlsx %s s\n", m, a, r }' "$1"
}

median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
verdict() { awk -v v="$1" -v t="$2" -v o="$3" 'BEGIN { m = o == "<=" ? v <= t : v >= t; printf "%s", m ? "met" : "NOT met" }'; }

data "$N"
rm -f "$D"/*.times
for r in $(seq "$RUNS"); do
	# ingest + first full match, 2 threads
	db=$D/im.db
	rm -f "$db" "$db"-*
	"$NK" init -q --db "$db"
	"$NK" ingest -q --db "$db" --kind categories "$D/cat.csv"
	"$NK" ingest -q --db "$db" --kind officers "$D/off.csv"
	timed "ingest $N (run $r)" "$NK" ingest -q --db "$db" "$D/base-$N-$DAY1.csv"
	ing=$T_WALL
	timed "first full match $N (run $r)" "$NK" match -q --db "$db" --as-of $DAY1 --out "$D/m"
	echo "$ing $T_WALL" | awk '{ print $1 + $2 }' >>"$D/im.times"
	echo "$T_RSS_MB" >>"$D/match-rss.times"
	# the whole first run, 1 thread then 2
	for t in 1 2; do
		district "$D/d$t" "$N"
		timed "first run $N, $t thread(s) (run $r)" env OMP_NUM_THREADS=$t \
			sh -c 'exec "$0" run --config "$1" --as-of "$2" 2>"$3"' "$NK" \
			"$D/d$t/district.ini" $DAY1 "$D/run.log"
		stages "$D/run.log"
		echo "$T_WALL" >>"$D/run$t.times"
	done
	# the night after on the 2-thread db: 10,000 more
	cp "$D/new-$N-$DAY2.csv" "$D/d2/inbox/complaints-$DAY2.csv"
	# dropped in the inbox during the day, long before the night's run: no wait to settle
	touch -d "1 hour ago" "$D/d2/inbox/complaints-$DAY2.csv"
	timed "nightly run + $INC (run $r)" sh -c 'exec "$0" run --config "$1" --as-of "$2" 2>"$3"' \
		"$NK" "$D/d2/district.ini" $DAY2 "$D/run.log"
	stages "$D/run.log"
	echo "$T_WALL" >>"$D/inc.times"
done
im=$(median <"$D/im.times") r1=$(median <"$D/run1.times") r2=$(median <"$D/run2.times")
inc=$(median <"$D/inc.times")
sp=$(awk -v a="$r1" -v b="$r2" 'BEGIN { printf "%.2f", a / b }')
csv=$(stat -c %s "$D/base-$N-$DAY1.csv") dbb=$(stat -c %s "$D/d2/nirakaran.db")
echo "   medians of $RUNS:"
printf '   ingest + first full match of %d: %.2f s (target <= 13 s: %s); match peak RSS %s MB\n' "$N" "$im" \
	"$(verdict "$im" 13 '<=')" "$(median <"$D/match-rss.times")"
printf '   whole first run of %d: %.2f s on 2 threads (target <= 30 s: %s), %.2f s on 1\n' "$N" "$r2" \
	"$(verdict "$r2" 30 '<=')" "$r1"
printf '   1 -> 2 threads on the whole run: %sx (target >= 1.7x: %s)\n' "$sp" "$(verdict "$sp" 1.7 '>=')"
printf '   nightly run adding %d to %d: %.2f s (target <= 10 s: %s)\n' "$INC" "$N" "$inc" \
	"$(verdict "$inc" 10 '<=')"
printf '   db after two nights: %.2fx the first night'"'"'s CSV\n' "$(awk -v a="$dbb" -v b="$csv" 'BEGIN { print a / b }')"
rm -rf "$D/d1" "$D/d2" "$D/im.db"*

[ "${BENCH_10M:-0}" = 1 ] || { echo "   (10,000,000: set BENCH_10M=1; it needs about 16 GB of disk)"; exit 0; }
N=10000000
D=$BENCH_DIR/night-$N
mkdir -p "$D"
data "$N"
db=$D/big.db
rm -f "$db" "$db"-*
"$NK" init -q --db "$db"
( while sleep 2; do stat -c %s "$db-wal" 2>/dev/null; done ) >"$D/wal.sizes" &
watch=$!
timed "ingest $N" "$NK" ingest -q --db "$db" "$D/base-$N-$DAY1.csv"
ing=$T_WALL
timed "first full match $N" "$NK" match -q --db "$db" --as-of $DAY1 --out "$D/m"
kill $watch 2>/dev/null
tot=$(awk -v a="$ing" -v b="$T_WALL" 'BEGIN { print a + b }')
csv=$(stat -c %s "$D/base-$N-$DAY1.csv") dbb=$(stat -c %s "$db")
printf '   10M first load + match: %.0f s (target <= 300 s: %s); match peak RSS %s MB (target <= 4096: %s)\n' \
	"$tot" "$(verdict "$tot" 300 '<=')" "$T_RSS_MB" "$(verdict "$T_RSS_MB" 4096 '<=')"
ratio=$(awk -v a="$dbb" -v b="$csv" 'BEGIN { printf "%.2f", a / b }')
printf '   db %.1f GB for a %.1f GB CSV: %sx (target <= 1.5x: %s); largest WAL seen %s MB\n' \
	"$(awk -v a="$dbb" 'BEGIN { print a / 1e9 }')" "$(awk -v a="$csv" 'BEGIN { print a / 1e9 }')" "$ratio" \
	"$(verdict "$ratio" 1.5 '<=')" "$(sort -n "$D/wal.sizes" | tail -1 | awk '{ printf "%.0f", $1 / 1048576 }')"
rm -rf "$D"
