# lib.sh - helpers for benchmarks: timing with /usr/bin/time -v.
NK=${NK:-$PWD/build/nirakaran}
NKTOOLS=${NKTOOLS:-$PWD/build/tools}
BENCH_DIR=${BENCH_DIR:-${TMPDIR:-/tmp}/nirakaran-bench}
mkdir -p "$BENCH_DIR"

# timed LABEL CMD...: runs CMD, prints wall seconds and peak RSS; sets
# T_WALL (seconds) and T_RSS_MB.
timed() {
	local label=$1
	shift
	local log=$BENCH_DIR/time.$$
	/usr/bin/time -v "$@" >/dev/null 2>"$log"
	local rc=$?
	T_WALL=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0;
		for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s }' "$log")
	T_RSS_MB=$(awk -F': ' '/Maximum resident set size/ { printf "%.1f", $2 / 1024 }' "$log")
	printf '   %-44s %8.2f s  %8s MB peak RSS  (exit %d)\n' "$label" "$T_WALL" "$T_RSS_MB" "$rc"
	[ $rc -eq 0 ] || [ $rc -eq 3 ] || tail -n 5 "$log" | sed 's/^/      /'
	rm -f "$log"
}

# gen N: a generated export of N complaints at $BENCH_DIR/gen-N.csv (cached).
gen() {
	local n=$1 f=$BENCH_DIR/gen-$1.csv
	if [ ! -s "$f" ]; then
		"$NKTOOLS/nkgen" -n "$n" --seed 7 --out "$f" --truth "$BENCH_DIR/gen-$n.truth.csv" \
			--categories "$BENCH_DIR/gen-$n.categories.csv" --officers "$BENCH_DIR/gen-$n.officers.csv" \
			>/dev/null 2>&1 || { echo "nkgen failed" >&2; return 1; }
	fi
	echo "$f"
}
