# concurrency.sh - two nightly runs at once on one db: the second exits 4 at
# once with a message naming the db and changes nothing; an ingest during a
# run is refused the same way; status reads during a run (WAL). The first
# run is held still with SIGSTOP once it has the lock, so the test does not
# depend on timing.
. tests/e2e/lib.sh
S=$ROOT/samples
D=$WORK/night
mkdir -p "$D/inbox"
cp "$S/district.ini" "$S/holidays.txt" "$D/"
cp "$S/categories.csv" "$S/officers.csv" "$S/complaints-2026-11-26.csv" "$D/inbox/"
# A bigger second export, so the first run is surely still going when stopped.
awk -F, 'NR == 1 { print; next } { rows[NR] = $0 }
	 END { for (k = 0; k < 20; k++) for (i = 2; i <= NR; i++) {
		r = rows[i]; sub(/^CMH-2026-/, sprintf("BIG-%03d-", k), r); print r } }' \
	"$S/complaints-2026-11-27.csv" >"$D/inbox/complaints-2026-11-27.csv"
DB=$D/nirakaran.db
"$NK" init -q --db "$DB" # as every district's db is, before its nights

"$NK" run --config "$D/district.ini" --as-of 2026-11-27 2>"$WORK/first.err" &
first=$!
for _ in $(seq 1 500); do
	grep -q "^process $first," "$DB.lock" 2>/dev/null && break # its note: it holds the lock
	sleep 0.01
done
if kill -STOP "$first" 2>/dev/null; then
	out=$("$NK" run --config "$D/district.ini" --as-of 2026-11-27 2>&1)
	rc=$?
	check_eq "second run exits 4" 4 "$rc"
	check_contains "second run names the db" "another nirakaran run is using $DB" "$out"
	check_contains "second run says nothing changed" "this run stops without changing anything" "$out"
	out=$("$NK" ingest --db "$DB" "$S/complaints-2026-11-27.csv" 2>&1)
	check_eq "an ingest during a run exits 4" 4 "$?"
	check_contains "the ingest says why" "another nirakaran run is using $DB" "$out"
	st=$("$NK" status --db "$DB" 2>&1)
	check_eq "status during a run" 0 "$?"
	check_contains "status prints during a run" "database $DB" "$st"
	kill -CONT "$first"
else
	fail "the first run ended before it could be held; make its input bigger"
fi
wait "$first"
rc=$?
check_eq "first run finishes (rows quarantined)" 3 "$rc"
check_eq "integrity after both" ok "$(q "$DB" 'PRAGMA integrity_check')"
check_eq "each export ingested once" "2" \
	"$(q "$DB" "SELECT count(*) FROM ingest_files WHERE path LIKE '%complaints-%'")"
# Everything the second run would have done, the first did: a third run
# finds nothing new in the inbox.
out=$("$NK" run --config "$D/district.ini" --as-of 2026-11-27 2>&1)
check_eq "a later run works" 0 "$?"
check_contains "a later run finds the inbox empty" "ingest: 0 files" "$out"
finish
