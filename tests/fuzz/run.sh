#!/usr/bin/env bash
# run.sh DIR SECONDS - runs every fuzz harness built in DIR/fuzz_* for SECONDS
# each: first the regression inputs of tests/fuzz/regress/TARGET (every crash
# found so far), then libFuzzer on DIR/corpus-TARGET (kept between runs)
# seeded from the test data. Prints executions and crashes per target, keeps
# them in DIR/summary.tsv, and exits 1 when any target crashed.
# Run from the repository root (make fuzz does).
set -u
dir=${1:?usage: run.sh DIR SECONDS}
secs=${2:-60}
crashed=0
printf 'target\tseconds\texecutions\tcrashes\tcorpus\n' >"$dir/summary.tsv"
for bin in "$dir"/fuzz_*; do
	[ -x "$bin" ] && [ -f "$bin" ] || continue
	t=${bin##*/fuzz_}
	corpus=$dir/corpus-$t
	seeds=$dir/seeds-$t
	rm -rf "$seeds"
	mkdir -p "$corpus" "$seeds" "$dir/crashes"
	bash tests/fuzz/seeds.sh "$t" "$seeds" "$bin" >/dev/null 2>&1 || echo "fuzz_$t: seeds incomplete" >&2
	crashes=0
	if [ -d "tests/fuzz/regress/$t" ]; then
		if ! "$bin" tests/fuzz/regress/"$t"/* >"$dir/regress-$t.log" 2>&1; then
			echo "fuzz_$t: a regression input crashes again; see $dir/regress-$t.log" >&2
			crashes=1
		fi
	fi
	# -rss_limit_mb: the readers' own limits must hold well below this
	"$bin" -max_total_time="$secs" -rss_limit_mb=2048 -timeout=20 -print_final_stats=1 \
		-artifact_prefix="$dir/crashes/$t-" "$corpus" "$seeds" >"$dir/fuzz-$t.log" 2>&1
	rc=$?
	execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$dir/fuzz-$t.log" | grep -o '[0-9]*$' | tail -n 1)
	[ -n "$execs" ] || execs=$(grep -oE '^#[0-9]+' "$dir/fuzz-$t.log" | tail -n 1 | tr -d '#')
	if [ $rc -ne 0 ]; then
		crashes=$((crashes + 1))
		echo "fuzz_$t: CRASH (exit $rc); input and log: $dir/crashes/$t-*, $dir/fuzz-$t.log" >&2
		grep -m 3 -E 'ERROR|SUMMARY|Assertion|abort' "$dir/fuzz-$t.log" | sed 's/^/    /' >&2
	fi
	[ $crashes -eq 0 ] || crashed=1
	n=$(ls "$corpus" | wc -l)
	printf '%s\t%s\t%s\t%s\t%s\n' "fuzz_$t" "$secs" "${execs:-0}" "$crashes" "$n" >>"$dir/summary.tsv"
	printf '%-16s %4s s  %10s executions  %d crashes  corpus %s\n' "fuzz_$t" "$secs" "${execs:-0}" "$crashes" "$n"
done
exit $crashed
