# fault.sh - fault injection after SQLite's method: ingest one export while
# the Nth allocation fails (N = 1, 2, ... until the run completes), then
# while the Nth write/fsync fails with ENOSPC (once, and from then on: a
# full disk). After every run the db passes integrity_check and holds either
# the whole file (exit 3, exactly what a clean run stores) or none of it
# (exit 1, with a message on stderr); anything else - a crash, an abort, a
# row lost or changed - fails. tests/fault/failshim.c does the failing.
#
# FAULT_STEP=1 tries every allocation; the default tries the first 150 and
# then every 41st, which keeps `make test` fast (the writes are all tried).
. tests/e2e/lib.sh
fault_shim
STEP=${FAULT_STEP:-41}
export FAIL_SPARE=libcrypto # OpenSSL 3.0 crashes on a failed start-up allocation

IN=$WORK/small-2026-11-26.csv
{
	head -n 21 samples/complaints-2026-11-26.csv
	printf 'CMH-BAD,31-02-2026,x,9826012345,Sehore,Revenue,Land,d,L1,Open,,,,,,,,,\n'
} >"$IN"
BASE=$WORK/base.db
"$NK" init -q --db "$BASE" 2>/dev/null
DB=$WORK/n.db

dump() {
	q "$1" "SELECT * FROM complaints ORDER BY complaint_id;
		SELECT row_number, code, column_name, reason, reason_hi, raw FROM quarantine ORDER BY row_number;
		SELECT path, sha256, kind, format, snapshot_date, rows_read, rows_loaded, rows_quarantined FROM ingest_files"
}

# ingest ENV...: a fresh copy of the base db, the input ingested under the
# shim with ENV set; sets rc, and leaves stderr in $WORK/err
ingest() {
	rm -f "$DB" "$DB"-* "$WORK/rep"
	cp "$BASE" "$DB"
	# only nirakaran runs under the shim, not timeout
	timeout 60 env "$@" FAIL_REPORT="$WORK/rep" LD_PRELOAD="$SHIM" "$NK" ingest -q --db "$DB" \
		${CONF:+--config "$CONF"} "$IN" >/dev/null 2>"$WORK/err"
	rc=$?
	# a load in steps cut short is undone by the next writer (load.h)
	[ -z "${CONF:-}" ] || "$NK" init -q --db "$DB" 2>>"$WORK/err"
}

ingest
check_eq "clean run under the shim: exit" 3 "$rc"
REF=$(dump "$DB")
read -r _ mallocs _ writes _ _ <"$WORK/rep"
check_eq "clean run: 19 complaints, 2 quarantined" "19 2" \
	"$(q "$DB" 'SELECT count(*) FROM complaints') $(q "$DB" 'SELECT count(*) FROM quarantine')"

bad=0
failj() { fail "$@"; bad=$((bad + 1)); }
# judge WHAT: the outcome of the last run
judge() {
	local what=$1 ic
	ic=$(q "$DB" 'PRAGMA integrity_check' 2>&1)
	if [ "$ic" != ok ]; then
		failj "$what: integrity_check says $ic"
	elif [ "$rc" = 3 ] && [ "$(dump "$DB")" = "$REF" ]; then
		pass
	elif [ "$rc" = 1 ] && [ "$(dump "$DB")" = "$REF" ] && [ -s "$WORK/err" ]; then
		pass # loaded whole; the failure came after the commit, in the summary
	elif [ "$rc" = 1 ] && [ "$(q "$DB" 'SELECT (SELECT count(*) FROM complaints) + (SELECT count(*) FROM quarantine) + (SELECT count(*) FROM ingest_files)')" = 0 ]; then
		if [ -s "$WORK/err" ] && ! grep -q 'internal error' "$WORK/err"; then
			pass
		else
			failj "$what: exit 1 without a message: [$(head -c 300 "$WORK/err")]"
		fi
	else
		failj "$what: exit $rc, $(q "$DB" 'SELECT count(*) FROM complaints') complaints: neither the whole file nor none of it; stderr: $(head -c 300 "$WORK/err")"
	fi
}

# Allocations: every N up to 150, then every STEP-th, then past the end.
n=1
while :; do
	ingest FAIL_MALLOC=$n
	judge "allocation $n of $mallocs fails"
	[ "$bad" -gt 20 ] && break
	grep -q 'injected 0' "$WORK/rep" 2>/dev/null && break # the run completed
	if [ "$n" -lt 150 ]; then n=$((n + 1)); else n=$((n + STEP)); fi
	[ "$n" -gt $((mallocs + 200)) ] && { fail "allocation failures never ran out"; break; }
done
check_eq "allocations: the last run completed" 3 "$rc"

# Writes, once and from then on (a full disk).
for persist in 0 1; do
	n=1
	while :; do
		ingest FAIL_WRITE=$n FAIL_PERSIST=$persist
		judge "write $n of $writes fails (persist=$persist)"
		[ "$bad" -gt 20 ] && break
		grep -q 'injected 0' "$WORK/rep" 2>/dev/null && break
		n=$((n + 1))
		[ "$n" -gt $((writes + 50)) ] && { fail "write failures never ran out"; break; }
	done
	check_eq "writes (persist=$persist): the last run completed" 3 "$rc"
done

# The same file loaded in steps of 4 rows, each committed ([ingest]
# commit_rows): a failure after some steps leaves what they committed until
# the next writer (here 'nirakaran init') undoes it, so each outcome is judged
# after that. Allocations every 23rd, writes once and from then on.
CONF=$WORK/steps.ini
printf '[ingest]\ncommit_rows = 4\n' >"$CONF"
ingest
check_eq "in steps: a clean run stores what one transaction does" "$REF" "$(dump "$DB")"
read -r _ mallocs _ writes _ _ <"$WORK/rep"
for spec in MALLOC:0:23 WRITE:0:1 WRITE:1:1; do
	IFS=: read -r kind persist every <<<"$spec"
	n=1
	while :; do
		ingest FAIL_$kind=$n FAIL_PERSIST=$persist
		judge "in steps: $kind $n fails (persist=$persist)"
		[ "$bad" -gt 20 ] && break
		grep -q 'injected 0' "$WORK/rep" 2>/dev/null && break
		n=$((n + every))
		[ "$n" -gt $((mallocs + writes + 200)) ] && { fail "$kind failures never ran out"; break; }
	done
	check_eq "in steps, $spec: the last run completed" 3 "$rc"
done
unset CONF

# A full disk from the first write on: exit 1 and a message naming the db.
ingest FAIL_WRITE=1 FAIL_PERSIST=1
check_eq "disk full: exit" 1 "$rc"
check_contains "disk full: the message names the db" "ingest: error: $DB: " "$(cat "$WORK/err")"
finish
