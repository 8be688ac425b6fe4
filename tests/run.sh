#!/usr/bin/env bash
# run.sh - runs every unit test binary and end-to-end script, adds up their
# RESULT lines and ends with "N passed, N failed" (the line CI reads).
# Usage: tests/run.sh BUILD_DIR [PREFIX_COMMAND]
set -u
build=${1:-build}
passed=0
failed=0
broken=0
run_one() {
	local name=$1
	shift
	local out
	out=$("$@" 2>"$build/test-logs/$name.err")
	local rc=$?
	local line
	line=$(printf '%s\n' "$out" | grep '^RESULT ' | tail -n 1)
	if [ -z "$line" ]; then
		echo "FAIL $name (exit $rc, no RESULT line)"
		sed 's/^/    /' "$build/test-logs/$name.err" | tail -n 20
		broken=$((broken + 1))
		return
	fi
	set -- $line
	passed=$((passed + $2))
	failed=$((failed + $3))
	if [ "$3" -ne 0 ] || [ "$rc" -ne 0 ]; then
		echo "FAIL $name ($2 passed, $3 failed, exit $rc)"
		sed 's/^/    /' "$build/test-logs/$name.err" | tail -n 30
		[ "$3" -eq 0 ] && broken=$((broken + 1))
	else
		echo "ok   $name ($2 checks)"
	fi
}
mkdir -p "$build/test-logs"
for t in "$build"/tests/test_*; do
	[ -x "$t" ] || continue
	run_one "$(basename "$t")" "$t"
done
for t in tests/e2e/*.sh; do
	[ -f "$t" ] && [ "$(basename "$t")" != lib.sh ] || continue
	run_one "$(basename "$t" .sh)" bash "$t"
done
failed=$((failed + broken))
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
