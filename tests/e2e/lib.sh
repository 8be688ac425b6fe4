# lib.sh - helpers for end-to-end tests: each script sources this, runs the
# real binary on real files, reads back what it wrote, and calls finish.
# Run from the repository root (tests/run.sh does).
set -u
NK=${NK:-$PWD/build/nirakaran}
ROOT=$PWD
SHARED=${SHARED:-$ROOT/../shared}
T_PASSED=0
T_FAILED=0
WORK=$(mktemp -d "${TMPDIR:-/tmp}/nk-e2e.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

pass() { T_PASSED=$((T_PASSED + 1)); }
fail() { T_FAILED=$((T_FAILED + 1)); echo "$(basename "$0"): failed: $*" >&2; }

# check_eq DESCRIPTION EXPECTED ACTUAL
check_eq() {
	if [ "$2" = "$3" ]; then pass; else fail "$1: got [$3], expected [$2]"; fi
}

# check_contains DESCRIPTION NEEDLE HAYSTACK
check_contains() {
	case "$3" in
	*"$2"*) pass ;;
	*) fail "$1: [$2] not found in [$3]" ;;
	esac
}

# q DB SQL: one query through the sqlite3 shell, rows on stdout
q() { sqlite3 -batch -noheader "$1" "$2"; }

finish() {
	echo "RESULT $T_PASSED $T_FAILED"
	[ "$T_FAILED" -eq 0 ]
}
