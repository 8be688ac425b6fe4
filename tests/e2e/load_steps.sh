# load_steps.sh - a large file into an empty database is committed in steps
# ([ingest] commit_rows), so the write-ahead log holds a step and not the
# file; killed after some steps, the file is undone by the next command that
# opens the database for writing, and loaded whole by the next ingest; a
# movement log likewise.
. tests/e2e/lib.sh
DB=$WORK/n.db
S=samples
CONF=$WORK/d.ini
printf '[ingest]\ncommit_rows = 2000\n' >"$CONF"

# 45,000 complaints made from the night-2 sample with new ids.
big_export

"$NK" init --db "$DB" 2>/dev/null
NIRAKARAN_TEST_KILL_AT=ingest-step NIRAKARAN_TEST_KILL_NTH=15 \
	"$NK" ingest -q --db "$DB" --config "$CONF" "$big" 2>/dev/null
check_eq "killed after the 15th step" 137 $?
db_bytes=$(stat -c %s "$DB")
wal_bytes=$(stat -c %s "$DB-wal")
# each step is copied into the db as it is committed: the log holds one
# step (2000 rows, 2 MB) beside 30,000 rows
[ "$wal_bytes" -gt 0 ] && [ $((wal_bytes * 5)) -lt "$db_bytes" ] && pass ||
	fail "the log holds more than a step: $wal_bytes bytes beside a $db_bytes-byte db"
n=$(q "$DB" 'SELECT count(*) FROM complaints')
[ "$n" -gt 20000 ] && [ "$n" -lt "$rows" ] && pass || fail "after 15 steps the db holds $n complaints"
check_eq "the file is marked unfinished" "1|0" \
	"$(q "$DB" "SELECT count(*), count(finished_at) FROM ingest_files")"
check_eq "a reader may look meanwhile" 0 "$("$NK" status --db "$DB" >/dev/null 2>&1; echo $?)"

"$NK" init -q --db "$DB" 2>/dev/null
check_eq "the next writer undoes the file" "0|0|0|0" \
	"$(q "$DB" "SELECT (SELECT count(*) FROM complaints), (SELECT count(*) FROM quarantine),
		(SELECT count(*) FROM match_dirty), count(*) FROM ingest_files")"
check_eq "integrity after the undo" ok "$(q "$DB" 'PRAGMA integrity_check')"

"$NK" ingest -q --db "$DB" --config "$CONF" "$big" 2>/dev/null
check_eq "then the file loads whole" "$rows|$rows|1" \
	"$(q "$DB" "SELECT (SELECT count(*) FROM complaints), rows_read, count(*) FROM ingest_files")"
check_eq "the rowids are those of an uninterrupted load" "1|$rows" \
	"$(q "$DB" "SELECT min(id), max(id) FROM complaints")"

# The same file in one transaction ([ingest] commit_rows = 0) stores the same.
one=$WORK/one.db
printf '[ingest]\ncommit_rows = 0\n' >"$WORK/one.ini"
"$NK" init --db "$one" 2>/dev/null
"$NK" ingest -q --db "$one" --config "$WORK/one.ini" "$big" 2>/dev/null
check_eq "in one transaction: the same rows" \
	"$(q "$DB" "SELECT * FROM complaints ORDER BY id" | md5sum)" \
	"$(q "$one" "SELECT * FROM complaints ORDER BY id" | md5sum)"

# A movement log is loaded in steps into a database that holds complaints.
printf '[ingest]\ncommit_rows = 3\n' >"$CONF"
"$NK" ingest -q --db "$DB" $S/complaints-2026-11-26.csv 2>/dev/null
NIRAKARAN_TEST_KILL_AT=ingest-step NIRAKARAN_TEST_KILL_NTH=2 \
	"$NK" ingest -q --db "$DB" --config "$CONF" --kind movements $S/movements-2026-11-27.csv 2>/dev/null
check_eq "movements: killed after the second step" 137 $?
check_eq "movements: two steps committed, unfinished" "6|" \
	"$(q "$DB" "SELECT count(*), (SELECT finished_at FROM ingest_files WHERE kind = 'movements') FROM movements")"
"$NK" ingest -q --db "$DB" --config "$CONF" --kind movements $S/movements-2026-11-27.csv 2>/dev/null
"$NK" ingest -q --db "$one" --kind movements $S/movements-2026-11-27.csv 2>/dev/null
check_eq "movements: undone, then loaded whole" \
	"$(q "$one" 'SELECT count(*), count(DISTINCT file_id) FROM movements')" \
	"$(q "$DB" 'SELECT count(*), count(DISTINCT file_id) FROM movements')"
check_eq "movements: one file recorded" 1 \
	"$(q "$DB" "SELECT count(*) FROM ingest_files WHERE kind = 'movements'")"

# A file ingested before, under another name, is skipped: its hash is read
# beside the load, which stops before its first step is committed.
before=$(q "$DB" "SELECT (SELECT count(*) FROM movements), (SELECT count(*) FROM complaints),
	(SELECT count(*) FROM quarantine), count(*) FROM ingest_files")
cp $S/movements-2026-11-27.csv "$WORK/moves-again.csv"
out=$("$NK" ingest --db "$DB" --config "$CONF" --kind movements "$WORK/moves-again.csv" 2>&1)
check_eq "a movement log seen before: done" 0 $?
check_contains "a movement log seen before: skipped" "skipped, the same file was ingested" "$out"
cp "$big" "$WORK/big-again-2026-11-27.csv"
out=$("$NK" ingest --db "$DB" --config "$CONF" "$WORK/big-again-2026-11-27.csv" 2>&1)
check_contains "an export seen before: skipped" "skipped, the same file was ingested" "$out"
check_eq "files seen before change nothing" "$before" \
	"$(q "$DB" "SELECT (SELECT count(*) FROM movements), (SELECT count(*) FROM complaints),
	(SELECT count(*) FROM quarantine), count(*) FROM ingest_files")"
check_eq "and leave no file half recorded" 0 \
	"$(q "$DB" "SELECT count(*) FROM ingest_files WHERE finished_at IS NULL OR sha256 NOT GLOB '[0-9a-f]*'")"
finish
