# run_crash.sh - a nightly run killed with SIGKILL at each stage marker, then
# started again, ends with the same database contents and the same reports
# as a run that was never interrupted.
. tests/e2e/lib.sh
T=${NKTOOLS:-$PWD/build/tools}
S=$PWD/samples

setup() {
	rm -rf "$1"
	mkdir -p "$1/inbox"
	cp $S/district.ini $S/holidays.txt "$1/"
	# night 1 into an empty db and the movement log load in steps (load.h)
	printf '[ingest]\ncommit_rows = 40\n' >>"$1/district.ini"
	# -p: files dropped earlier in the day, which the run does not wait to settle
	cp -p $S/categories.csv $S/officers.csv $S/complaints-2026-11-26.csv $S/movements-2026-11-27.csv "$1/inbox/"
}

# What must come out the same: the db's content (no ids, times or run
# numbers) and every report's values.
snapshot() {
	local d=$1 db=$1/nirakaran.db o=$1/out/2026-11-26
	{
		q "$db" "SELECT complaint_id, reg_date, level, status, name_cmp, mobile, hex(text_sig), merged_into FROM complaints ORDER BY 1"
		q "$db" "SELECT complaint_id, snapshot_date, field, old_value, new_value FROM complaint_history ORDER BY 1, 2, 3"
		q "$db" "SELECT f.path, q.row_number, q.code, q.reason FROM quarantine q JOIN ingest_files f ON f.id = q.file_id ORDER BY 1, 2"
		q "$db" "SELECT path, rows_read, rows_loaded, rows_quarantined FROM ingest_files ORDER BY path"
		q "$db" "SELECT count(*) FROM movements"
		q "$db" "SELECT group_id, complaint_id, primary_id, rule, round(score, 6), band FROM proposals WHERE run_id = (SELECT max(id) FROM match_runs) ORDER BY 2"
		q "$db" "SELECT complaint_id, complainant_id FROM complainants ORDER BY 1"
		ls "$d/inbox" "$d/archive/2026-11-26"
		for f in "$o"/*.csv; do echo "== $(basename "$f")"; cat "$f"; done
		for sheet in $("$T/xlsxdump" -l "$o/sla-report.xlsx" | tr ' ' '_'); do
			echo "== sheet $sheet"
			"$T/xlsxdump" -s "$(echo "$sheet" | tr '_' ' ')" "$o/sla-report.xlsx"
		done
		echo "== review"
		"$T/xlsxdump" -s "समीक्षा - Review" "$o/merge-review.xlsx" | cut -f 3-
	} | sed "s|$d|DIR|g"
}

setup "$WORK/ref"
"$NK" run --config "$WORK/ref/district.ini" --as-of 2026-11-26 2>/dev/null
check_eq "uninterrupted run" 3 $?
snapshot "$WORK/ref" >"$WORK/ref.snap"
[ "$(wc -l <"$WORK/ref.snap")" -gt 400 ] && pass || fail "the reference snapshot is too small"

for point in ingest-step ingest-step4 ingest-step8 ingest-loaded ingest-loaded3 ingest-file ingest-file2 ingest-file3 ingest match-committed match analyze report; do
	setup "$WORK/k"
	NIRAKARAN_TEST_KILL_AT=${point%[0-9]} NIRAKARAN_TEST_KILL_NTH=${point##*[!0-9]} "$NK" run --config "$WORK/k/district.ini" --as-of 2026-11-26 2>/dev/null
	check_eq "killed at $point" 137 $?
	check_eq "db intact after a kill at $point" ok "$(q "$WORK/k/nirakaran.db" 'PRAGMA integrity_check')"
	"$NK" run --config "$WORK/k/district.ini" --as-of 2026-11-26 2>/dev/null
	check_eq "rerun after a kill at $point" 3 $?
	snapshot "$WORK/k" >"$WORK/k.snap"
	if cmp -s "$WORK/ref.snap" "$WORK/k.snap"; then pass; else
		fail "kill at $point: the result differs: $(diff "$WORK/ref.snap" "$WORK/k.snap" | head -n 6)"
	fi
done

# And at moments no marker chooses: SIGKILL after a delay spread over the
# uninterrupted run's length (whatever the point, the rerun must agree).
t0=$(date +%s%N)
setup "$WORK/t"
"$NK" run --config "$WORK/t/district.ini" --as-of 2026-11-26 2>/dev/null
ms=$((($(date +%s%N) - t0) / 1000000))
killed=0
for frac in 5 15 25 35 45 55 65 75 85 95; do
	setup "$WORK/k"
	"$NK" run --config "$WORK/k/district.ini" --as-of 2026-11-26 2>/dev/null &
	pid=$!
	sleep "$(awk -v ms="$ms" -v f="$frac" 'BEGIN { printf "%.3f", ms * f / 100000 }')"
	kill -9 $pid 2>/dev/null
	wait $pid 2>/dev/null
	rc=$?
	check_eq "db intact after a kill at ${frac}% of a run" ok "$(q "$WORK/k/nirakaran.db" 'PRAGMA integrity_check' 2>&1)"
	want=3
	if [ $rc -eq 137 ]; then
		killed=$((killed + 1))
		# killed while closing, its work recorded as finished: the rerun
		# has nothing to do (the quarantine was the finished run's to say)
		[ -n "$(q "$WORK/k/nirakaran.db" 'SELECT finished_at FROM runs' 2>/dev/null)" ] && want=0
		"$NK" run --config "$WORK/k/district.ini" --as-of 2026-11-26 2>/dev/null
		rc=$?
	fi
	# killed: the rerun's exit; done before the kill (a slower reference run): its own
	check_eq "run killed at ${frac}% of a run, then rerun" $want $rc
	snapshot "$WORK/k" >"$WORK/k.snap"
	if cmp -s "$WORK/ref.snap" "$WORK/k.snap"; then pass; else
		fail "kill at ${frac}% of a run: the result differs: $(diff "$WORK/ref.snap" "$WORK/k.snap" | head -n 6)"
	fi
done
[ "$killed" -ge 5 ] && pass || fail "only $killed of 10 runs were still running when killed"
finish
