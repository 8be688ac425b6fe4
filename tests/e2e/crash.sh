# crash.sh - a run killed with SIGKILL in the middle of a file leaves the db as
# it was before that file, and a rerun loads the file whole; a second run at
# the same time is refused with exit 4 (concurrency.sh holds a real run still
# with SIGSTOP; here the lock is held by flock(1) so no timing matters).
. tests/e2e/lib.sh
DB=$WORK/n.db
S=samples

# A big export made from the night-2 sample: 150 copies with new ids.
big_export

"$NK" init --db "$DB" 2>/dev/null
"$NK" ingest --db "$DB" $S/complaints-2026-11-26.csv 2>/dev/null
before=$(q "$DB" 'SELECT count(*) FROM complaints')
check_eq "night 1 loaded" 300 "$before"

# Kill a load part-way, at several points.
for delay in 0.05 0.3 0.8; do
	"$NK" ingest --db "$DB" "$big" 2>/dev/null &
	pid=$!
	sleep $delay
	kill -9 $pid 2>/dev/null
	wait $pid 2>/dev/null
	check_eq "after SIGKILL at ${delay}s: integrity" ok "$(q "$DB" 'PRAGMA integrity_check')"
	n=$(q "$DB" 'SELECT count(*) FROM complaints')
	case $n in
	"$before" | "$((before + rows))") pass ;;
	*) fail "after SIGKILL at ${delay}s the db holds $n complaints: neither $before nor $((before + rows))" ;;
	esac
	[ "$n" = "$before" ] || break # the load finished before the kill
done

# A second run while one holds the lock is refused at once with exit 4. The
# lock is held by a process that keeps it as a run does (flock on DB.lock with
# its note inside) for as long as the test needs: a real load could finish
# before the second run starts on a fast machine.
printf 'process 4242, started 2026-11-27 01:30:00\n' >"$DB.lock"
mkfifo "$WORK/release"
(
	exec 9>>"$DB.lock"
	flock -x 9 && touch "$WORK/held"
	read -r _ <"$WORK/release"
) &
holder=$!
for i in $(seq 1 250); do
	[ -f "$WORK/held" ] && break
	sleep 0.02
done
out=$("$NK" ingest --db "$DB" "$big" 2>&1)
rc=$?
st=$("$NK" status --db "$DB" 2>&1)
strc=$?
echo >"$WORK/release"
wait $holder
check_eq "second run exits 4" 4 "$rc"
check_contains "second run says why" "another nirakaran run is using $DB (process 4242" "$out"
check_eq "status works during a run" 0 "$strc"
check_contains "status prints during a run" "database $DB" "$st"

# After all that, the big file is loaded whole, once.
"$NK" ingest --db "$DB" "$big" 2>/dev/null
check_eq "big file loaded whole" $((before + rows)) "$(q "$DB" 'SELECT count(*) FROM complaints')"
check_eq "file recorded once" 1 "$(q "$DB" "SELECT count(*) FROM ingest_files WHERE path LIKE '%big-%'")"
check_eq "rows read recorded" "$rows" "$(q "$DB" "SELECT rows_read FROM ingest_files WHERE path LIKE '%big-%'")"
finish
