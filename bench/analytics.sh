# analytics.sh - nirakaran analyze on N generated complaints (1,000,000 by
# default) with a movement log of 3N rows. Target (issue 6): <= 10 s.
# The database is built once and kept in $BENCH_DIR (delete it to rebuild).
. bench/lib.sh
N=${BENCH_N:-1000000}
D=$BENCH_DIR/sla-$N
db=$D/analytics.db
mkdir -p "$D"
if [ ! -s "$db.ready" ]; then
	rm -f "$db" "$db"-wal "$db"-shm
	"$NKTOOLS/nkgen" -n "$N" --seed 11 --snapshot-date 2026-11-27 --out "$D/c.csv" \
		--truth "$D/t.csv" --categories "$D/cat.csv" --officers "$D/off.csv" \
		--movements "$D/mv.csv" --history-rows $((3 * N)) >/dev/null 2>&1 ||
		{ echo "nkgen failed" >&2; exit 1; }
	"$NK" init --db "$db" 2>/dev/null
	"$NK" ingest -q --db "$db" --kind categories "$D/cat.csv"
	"$NK" ingest -q --db "$db" --kind officers "$D/off.csv"
	timed "ingest $N complaints (setup)" "$NK" ingest -q --db "$db" "$D/c.csv"
	timed "ingest the movement log (setup)" "$NK" ingest -q --db "$db" --kind movements "$D/mv.csv"
	rm -f "$D"/*.csv
	echo ok >"$db.ready"
fi
printf '   %s complaints, %s movement rows, %s history rows\n' \
	"$(sqlite3 "$db" 'SELECT count(*) FROM complaints')" \
	"$(sqlite3 "$db" 'SELECT count(*) FROM movements')" \
	"$(sqlite3 "$db" 'SELECT count(*) FROM complaint_history')"
timed "nirakaran analyze, $N complaints" "$NK" analyze -q --db "$db" --as-of 2026-11-27
awk -v t="$T_WALL" 'BEGIN { printf "   target <= 10 s: %s\n", t <= 10 ? "met" : "NOT met" }'
