# ingest.sh - full ingest of a generated export against the sqlite3 shell's
# bare .import of the same file into a table of the same columns.
# Target (issue 2): within 2x of .import, peak RSS under 200 MB.
. bench/lib.sh
N=${BENCH_N:-1000000}
f=$(gen "$N") || exit 1
db=$BENCH_DIR/ingest.db
rm -f "$db" "$db"-wal "$db"-shm
"$NK" init --db "$db" 2>/dev/null
timed "nirakaran ingest, $N rows" "$NK" ingest -q --db "$db" "$f"
ours=$T_WALL
awk -v n="$N" -v t="$ours" 'BEGIN { printf "   rows/s: %.0f\n", n / t }'
raw=$BENCH_DIR/import.db
rm -f "$raw"
cols=$(head -n 1 "$f" | sed 's/^\xEF\xBB\xBF//; s/\r$//' | awk -F, '{ for (i = 1; i <= NF; i++) printf "%s\"%s\" TEXT", (i > 1 ? ", " : ""), $i }')
sqlite3 "$raw" "CREATE TABLE t ($cols);"
timed "sqlite3 .import, same file" sqlite3 "$raw" ".mode csv" ".import --skip 1 $f t"
awk -v a="$ours" -v b="$T_WALL" 'BEGIN { printf "   ratio ours/.import: %.2f (target <= 2)\n", a / b }'
