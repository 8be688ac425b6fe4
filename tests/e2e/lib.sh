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

# big_export: $big, an export of 150 copies of the night-2 sample with new
# ids (BIG-000-...), and $rows, its records (a description may span two lines)
big_export() {
	big=$WORK/big-2026-11-27.csv
	awk -F, 'NR == 1 { print; next }
		 { rows[NR] = $0 }
		 END { for (k = 0; k < 150; k++) for (i = 2; i <= NR; i++) {
			r = rows[i]; sub(/^CMH-2026-/, sprintf("BIG-%03d-", k), r); print r } }' \
		samples/complaints-2026-11-27.csv >"$big"
	rows=$(grep -c "^BIG-" "$big")
}

# VOCAB_USED: the texts complaints' columns stored once (schema 10) use, sorted
VOCAB_USED="SELECT t FROM ("
for c in district tehsil block village department category sub_category status_raw \
	officer_name satisfaction prev_category; do
	VOCAB_USED="$VOCAB_USED SELECT $c AS t FROM complaints UNION"
done
VOCAB_USED="${VOCAB_USED% UNION}) WHERE t NOT NULL ORDER BY 1"

finish() {
	echo "RESULT $T_PASSED $T_FAILED"
	[ "$T_FAILED" -eq 0 ]
}

# fault_shim: for the fault-injection scripts, builds tests/fault/failshim.c
# into $SHIM, or ends the script where it cannot run (a sanitizer runtime
# replaces malloc itself, so the shim cannot sit under it).
fault_shim() {
	local me
	me=$(basename "$0")
	if grep -qaE '__(asan|tsan)_init' "$NK"; then
		echo "$me: skipped under a sanitizer build" >&2
		check_eq "$me runs only on a plain build" 1 1
		finish
		exit
	fi
	SHIM=$WORK/failshim.so
	if ! ${CC:-cc} -std=c11 -O2 -fPIC -shared -o "$SHIM" tests/fault/failshim.c -ldl; then
		fail "cannot build tests/fault/failshim.c"
		finish
		exit
	fi
	export OMP_NUM_THREADS=1 # the same allocations in the same order every run
}

# report_db: a db of the first sample night, analysed and matched, ready for
# `nirakaran report $C`; sets DB and C.
report_db() {
	DB=$WORK/n.db
	C="--db $DB --config samples/district.ini --as-of 2026-11-26"
	"$NK" ingest -q --db "$DB" samples/complaints-2026-11-26.csv
	"$NK" ingest -q --db "$DB" --kind officers samples/officers.csv
	"$NK" analyze -q $C && "$NK" match -q $C --out "$WORK/m"
}

# upgrade_dbs: for a test of an upgrade - NEW, a fresh db with the sample
# masters, and the path OLD for the old-schema twin; T and S the tools and
# samples folders.
upgrade_dbs() {
	T=${NKTOOLS:-$PWD/build/tools}
	S=samples
	NEW=$WORK/new.db
	OLD=$WORK/old.db
	"$NK" init --db "$NEW" 2>/dev/null
	for f in categories officers; do "$NK" ingest -q --db "$NEW" --kind $f $S/$f.csv; done
}

# copy_tables_sql EXCEPT: after "ATTACH NEW AS n", the statements that copy
# into each table of OLD but meta and those quoted in EXCEPT ('a', 'b') the
# rows of NEW's table or view of that name, in the columns OLD's schema has
# (later schemas add some, and read complaints through a view).
copy_tables_sql() {
	for t in $(q "$OLD" "SELECT name FROM sqlite_schema WHERE type = 'table'
			AND name NOT IN ('meta'${1:+, $1}) AND name NOT LIKE 'sqlite_%'"); do
		cols=$(q "$OLD" "SELECT group_concat(name, ', ') FROM pragma_table_info('$t')")
		echo "INSERT INTO main.$t ($cols) SELECT $cols FROM n.$t;"
	done
}
