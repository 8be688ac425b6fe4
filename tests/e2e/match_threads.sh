# match_threads.sh - a full match gives the same complainants (match_persons)
# and the same proposals on two threads as on one, run after run. The race
# this pins (the groups were built by sorting the edges in place while the
# complainants were linked from them on the other thread) showed in about
# half of the two-thread runs on 100,000 complaints with many re-filings, so
# the two-thread match runs several times, each on a fresh copy of the db.
. tests/e2e/lib.sh
GEN=${NKTOOLS:-$ROOT/build/tools}/nkgen
RUNS=${MATCH_THREAD_RUNS:-6}
"$GEN" -n 100000 --seed 7 --dup-rate 0.6 --out "$WORK/c.csv" --truth "$WORK/t.csv" 2>/dev/null
"$NK" ingest -q --db "$WORK/base.db" --snapshot 2026-11-27 "$WORK/c.csv"
check_eq "the generated export loads" 100000 "$(q "$WORK/base.db" 'SELECT count(*) FROM complaints')"

# match THREADS NAME: a full match of a fresh copy; keeps its persons and proposals
match() {
	rm -f "$WORK/r.db"*
	cp "$WORK/base.db" "$WORK/r.db"
	"$NK" match -q --db "$WORK/r.db" --threads "$1" --as-of 2026-11-27 --out "$WORK/$2" 2>/dev/null
	q "$WORK/r.db" 'SELECT id, person FROM match_persons ORDER BY id' | md5sum >"$WORK/$2.persons"
	q "$WORK/r.db" 'SELECT count(*) FROM match_persons' >"$WORK/$2.count"
}
match 1 one
persons=$(cat "$WORK/one.count")
[ "$persons" -gt 10000 ] && pass || fail "one thread linked only $persons repeat complaints"
for i in $(seq 1 "$RUNS"); do
	match 2 two
	check_eq "two threads, run $i: complainants" "$persons" "$(cat "$WORK/two.count")"
	check_eq "two threads, run $i: the same persons" "$(cat "$WORK/one.persons")" "$(cat "$WORK/two.persons")"
	check_eq "two threads, run $i: proposals.csv" "$(md5sum <"$WORK/one/proposals.csv")" \
		"$(md5sum <"$WORK/two/proposals.csv")"
done
finish
