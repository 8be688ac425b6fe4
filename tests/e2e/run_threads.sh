# run_threads.sh - the nightly run on two threads writes matching's reports
# (merge-review.xlsx, proposals.csv, approved-merges.csv) while the night is
# analysed, on one after the SLA workbook: the two nights of the samples
# give the same files and the same report lines either way, and a night
# whose analysis fails leaves no night folder behind on either.
. tests/e2e/lib.sh
DUMP=${NKTOOLS:-$ROOT/build/tools}/xlsxdump
S=samples

# district DIR: a district folder with the samples' masters and config
district() {
	mkdir -p "$1/inbox"
	cp $S/district.ini $S/holidays.txt "$1/"
	cp $S/categories.csv $S/officers.csv "$1/inbox/"
}

# night THREADS DIR DAY EXIT: one night's run, which exits EXIT; the report
# lines kept in DIR/DAY.log
night() {
	cp $S/complaints-$3.csv "$2/inbox/"
	touch -d "1 hour ago" "$2/inbox/complaints-$3.csv"
	OMP_NUM_THREADS=$1 "$NK" run --config "$2/district.ini" --as-of "$3" 2>"$2/$3.err"
	check_eq "night $3 on $1 thread(s): done (3: the first night's bad rows quarantined)" \
		"$4" $?
	grep -o ' report: .*' "$2/$3.err" | sed "s/ written in .*//; s#$2#D#g" >"$2/$3.log"
}

# digest DIR DAY: what the night's folder holds, workbooks as their cells,
# the district's folder (in the paths of files quarantined from) as D
digest() {
	local o=$1/out/$2 f
	for f in merge-review.xlsx sla-report.xlsx; do "$DUMP" "$o/$f" | sed "s#$1#D#g" | md5sum; done
	for f in proposals.csv approved-merges.csv "$o"/sla-*.csv; do
		echo "$(basename "$f") $(sed "s#$1#D#g" "$o/$(basename "$f")" | md5sum)"
	done
	ls -A "$o"
}

for t in 1 2; do
	district "$WORK/d$t"
	night $t "$WORK/d$t" 2026-11-26 3
	night $t "$WORK/d$t" 2026-11-27 0
done
for day in 2026-11-26 2026-11-27; do
	check_eq "$day: the same files on one thread and on two" \
		"$(digest "$WORK/d1" $day)" "$(digest "$WORK/d2" $day)"
	check_eq "$day: the same report lines, in the same order" \
		"$(cat "$WORK/d1/$day.log")" "$(cat "$WORK/d2/$day.log")"
	check_contains "$day: the merge review is logged" "merge-review.xlsx: " \
		"$(cat "$WORK/d2/$day.log")"
	check_eq "$day: nothing temporary left" "" \
		"$(find "$WORK/d2/out/$day" -name '.*.tmp-*')"
done
check_eq "the merge review has proposals" 1 \
	"$(awk -F, 'NR > 1 { n++ } END { print (n > 5) }' "$WORK/d2/out/2026-11-27/proposals.csv")"

# Without its holiday list the analysis fails: matching's reports, begun
# beside it, are dropped with their folder.
for t in 1 2; do
	rm -rf "$WORK/f$t"
	district "$WORK/f$t"
	rm "$WORK/f$t/holidays.txt"
	cp $S/complaints-2026-11-26.csv "$WORK/f$t/inbox/"
	out=$(OMP_NUM_THREADS=$t "$NK" run --config "$WORK/f$t/district.ini" --as-of 2026-11-26 2>&1)
	check_eq "$t thread(s): a run whose analysis failed exits 1" 1 $?
	check_contains "$t thread(s): says the reports were not written" \
		"not written: the night was not analysed" "$out"
	check_eq "$t thread(s): no night folder" "no" \
		"$([ -e "$WORK/f$t/out/2026-11-26" ] && echo yes || echo no)"
	check_eq "$t thread(s): the match ran" 1 \
		"$(q "$WORK/f$t/nirakaran.db" 'SELECT count(*) > 0 FROM proposals')"
done
finish
