# report_fault.sh - fault injection for report writing, after SQLite's
# method (fault.sh does ingest): `nirakaran report` runs while the Nth
# allocation fails (N = 1, 2, ... until the run completes), then while the
# Nth write/fsync fails with ENOSPC (once, and from then on: a full disk).
# The output folder holds the previous night's complete reports before each
# try. After every try:
#   - exit 0 and every file equals the reference (xlsxdump sheet by sheet,
#     and every member of the zip but its timestamp byte for byte, so a
#     chart title or a format lost to a failed allocation shows), or exit 1
#     with a message on stderr that is not an "internal error" and names
#     what was being written (the output folder) or read (the db, the
#     configuration);
#   - the folder holds exactly the reference's files, each whole (the old
#     one or a complete new one), and no temporary file;
#   - no crash, abort or hang (timeout);
#   - the db passes PRAGMA integrity_check and its content is unchanged
#     (report only reads the db: it writes no row, not even in runs/meta).
# tests/fault/failshim.c does the failing.
#
# Libraries that do not survive a failure of their own (Debian bookworm's):
#   - libxlsxwriter 1.1.4 crashes on many failed allocations: in
#     worksheet_write_string (lxw_escape_control_characters writes through
#     the NULL it got), when it flushes a row whose string copy failed
#     (lxw_escape_data), in workbook_add_worksheet (lxw_utf8_strlen of a
#     name it could not copy), and while it packs the zip
#     (lxw_new_attribute_str and _dbl copy into memory they did not check).
#     Elsewhere it drops what it could not allocate and says LXW_NO_ERROR:
#     a cell, a sheet's quoted name, a content type or a relationship while
#     packing. And it writes each sheet's XML to a temporary file without
#     checking the write, so a write that fails once there leaves a hole in
#     the workbook and LXW_NO_ERROR.
#   - minizip's zipOpenNewFileInZip4_64 writes through an allocation it
#     does not check.
# We cannot patch Debian's libraries, and vendoring them is not wanted.
# What nirakaran does (reports/book.c): every call into libxlsxwriter is
# followed by a check of its result and of errno (ENOMEM, ENOSPC, EIO: the
# library's silent failures leave them), the names of a new sheet are
# checked, and a NULL from a constructor is never passed on; a crash still
# removes the temporary files (reports/outfile.c catches fatal signals) and
# leaves the previous reports in place. So the test:
#   1. fails every allocation but those made from libxlsxwriter and
#      minizip (and from libcrypto and libgomp, see below): ours, SQLite's,
#      libc's, zlib's - strictly, as above;
#   2. fails libxlsxwriter's own allocations while the sheets of
#      sla-report.xlsx are written (up to the last file nirakaran opens
#      before it closes the workbook, the last WhatsApp text: FAIL_MARK): a
#      crash is allowed there (the files must still be whole and no
#      temporary file left), but never exit 0 with a report that is not
#      whole. Its allocations in workbook_close are not failed: there it
#      both crashes and drops parts unsaid (_prepare_defined_names,
#      _prepare_drawings, the content types), which nothing outside it can
#      tell;
#   3. fails writes once, except those to libxlsxwriter's temporary files,
#      and from then on (a full disk: every write, theirs too).
# Choosing to spare rather than to check the workbook back after writing:
# a read-back would cost a second pass over every workbook, and would not
# see a relationship dropped from well-formed XML anyway.
#
# FAULT_STEP=1 tries every allocation and write; the default tries the first
# 80 allocations, then every 331st (libxlsxwriter's: the first 30, then
# every 149th), and the first 30 writes, then every 7th, which keeps
# `make test` near a minute.
. tests/e2e/lib.sh
fault_shim
STEP=${FAULT_STEP:-331}
LSTEP=${FAULT_STEP:-149}
WSTEP=${FAULT_STEP:-7}
T=${NKTOOLS:-$PWD/build/tools}
# OpenSSL 3.0 crashes on a failed start-up allocation (fault.sh); libgomp
# exits with its own message when one fails before main, before any code
# of ours runs.
SPARE=libcrypto:libgomp

report_db
REF=$WORK/ref
"$NK" report -q $C --out "$REF"
check_eq "reference reports" 0 $?
DBSUM=$(q "$DB" .sha3sum)
OUT=$WORK/out

# fingerprint FILE: what must not change between two complete writes of a
# report: the sheets as our reader sees them and, for a workbook, every zip
# member but docProps/core.xml (its creation time).
fingerprint() {
	case $1 in
	*.xlsx)
		"$T/xlsxdump" -l "$1" || return 1
		"$T/xlsxdump" -l "$1" | cut -f1 | while IFS= read -r sheet; do
			echo "== $sheet"
			"$T/xlsxdump" -s "$sheet" "$1" || echo "unreadable"
		done
		unzip -Z1 "$1" && unzip -p "$1" -x docProps/core.xml | cksum
		;;
	*) cksum <"$1" ;;
	esac
}
# state DIR: the names in DIR and a checksum of every file
state() { (cd "$1" && find . | LC_ALL=C sort && find . -type f -print0 | LC_ALL=C sort -z | xargs -0 cksum); }
files() { (cd "$1" && find . | LC_ALL=C sort); }
REFSTATE=$(state "$REF")
REFFILES=$(files "$REF")
for f in $(cd "$REF" && find . -name '*.xlsx'); do
	fingerprint "$REF/$f" >"$WORK/fp.$(basename "$f")"
done

# report ENV...: the previous night's reports copied into OUT, then the
# report written over them under the shim with ENV set; sets rc, leaves
# stderr in $WORK/err.
report() {
	rm -rf "$OUT" "$WORK/rep"
	cp -a "$REF" "$OUT"
	# only nirakaran runs under the shim, not timeout; the subshell keeps
	# bash's "Segmentation fault" of an allowed crash out of the log
	(timeout 60 env "$@" FAIL_REPORT="$WORK/rep" LD_PRELOAD="$SHIM" "$NK" report -q $C \
		--out "$OUT" >/dev/null 2>"$WORK/err"
	exit $?) 2>/dev/null
	rc=$?
}

bad=0
failj() {
	fail "$@"
	bad=$((bad + 1))
}
# whole FILE: FILE is the reference's, the old copy or a complete new one.
whole() {
	cmp -s "$OUT/$1" "$REF/$1" && return 0
	case $1 in
	*.xlsx) [ "$(fingerprint "$OUT/$1" 2>&1)" = "$(cat "$WORK/fp.$(basename "$1")")" ] ;;
	*) return 1 ;;
	esac
}
# judge WHAT: the outcome of the last try
judge() {
	local what=$1 f
	if [ "$(sqlite3 -batch "$DB" 'PRAGMA integrity_check' .sha3sum 2>&1)" != "ok
$DBSUM" ]; then
		failj "$what: the db changed or is damaged: $(q "$DB" 'PRAGMA integrity_check' 2>&1 | head -3)"
		return
	fi
	if [ "$rc" -gt 128 ] && [ "$rc" -lt 160 ] && [ "${crash_ok:-0}" = 1 ]; then
		echo "crashed: SIG$(kill -l $((rc - 128)))" >>"$WORK/err"
		rc=1 # a known crash inside a library: the files are judged as for exit 1
	elif [ "$rc" != 0 ] && [ "$rc" != 1 ]; then
		failj "$what: exit $rc: $(head -c 300 "$WORK/err")"
		return
	fi
	if [ "$(state "$OUT")" != "$REFSTATE" ]; then # not every file the old one
		if [ "$(files "$OUT")" != "$REFFILES" ]; then
			failj "$what: exit $rc, the folder holds other files: $(diff <(echo "$REFFILES") <(files "$OUT") | grep '^[<>]' | head -5 | tr '\n' ' ')"
			return
		fi
		for f in $(cd "$REF" && find . -type f); do
			if ! whole "$f"; then
				failj "$what: exit $rc, $f is not a whole report; stderr: $(head -c 300 "$WORK/err")"
				return
			fi
		done
	fi
	if [ "$rc" = 1 ] && ! grep -q '^crashed: ' "$WORK/err"; then
		if [ ! -s "$WORK/err" ] || grep -q 'internal error' "$WORK/err" ||
			! grep -qF -e "$OUT" -e "$DB" -e "samples/district.ini" "$WORK/err"; then
			failj "$what: exit 1 without a clear message naming the file: [$(head -c 300 "$WORK/err")]"
			return
		fi
	fi
	pass
}

report
check_eq "clean run under the shim: exit" 0 "$rc"
judge "clean run under the shim"
read -r _ mallocs _ _ <"$WORK/rep"
# libxlsxwriter's allocations until the last WhatsApp text is opened,
# just before sla-report.xlsx is closed
report FAIL_ONLY=libxlsxwriter FAIL_MARK=/whatsapp/.
read -r _ _ _ _ _ _ _ libx _ libxbuild <"$WORK/rep"
[ "$libxbuild" -gt 1000 ] && pass ||
	fail "FAIL_MARK: the WhatsApp texts were not opened after 1000 allocations ($libxbuild)"
report FAIL_WRITE=0 # counts the writes of stdio streams too
read -r _ _ _ writes _ <"$WORK/rep"
report FAIL_WRITE=0 FAIL_SPARE=libxlsxwriter
read -r _ _ _ wspared _ <"$WORK/rep"
echo "report_fault.sh: a clean report makes $mallocs allocations ($libx from libxlsxwriter, $libxbuild of them while the sheets of sla-report.xlsx are written) and $writes writes ($wspared not to libxlsxwriter's temporary files)" >&2

tries=0
# sweep WHAT LAST FIRST STEP ENV...: N = 1 .. FIRST, then every STEP-th, as
# FAIL_MALLOC or FAIL_WRITE (WHAT) with ENV, until a run completes (or N
# passes $upto, when set). LAST is the count of a clean run, for messages.
sweep() {
	local what=$1 last=$2 first=$3 step=$4 n=1
	shift 4
	while :; do
		report "$what=$n" "$@"
		judge "$what=$n of $last fails ($*)"
		tries=$((tries + 1))
		[ "$bad" -gt 20 ] && break
		grep -q 'injected 0' "$WORK/rep" 2>/dev/null && break # the run completed
		if [ "$n" -lt "$first" ]; then n=$((n + 1)); else n=$((n + step)); fi
		[ -n "${upto:-}" ] && [ "$n" -gt "$upto" ] && return
		# a step past a clean run's count: the count just past it must complete
		[ "$n" -gt "$last" ] && [ $((n - step)) -le "$last" ] && n=$((last + 1))
		[ "$n" -gt $((last + 200)) ] && {
			fail "$what: failures never ran out ($*)"
			break
		}
	done
	check_eq "$what ($*): the last run completed" 0 "$rc"
}

# 1. Every allocation but libxlsxwriter's and minizip's.
sweep FAIL_MALLOC "$mallocs" 80 "$STEP" FAIL_SPARE=$SPARE:libxlsxwriter:libminizip
# 2. libxlsxwriter's own while the sheets of sla-report.xlsx are written.
crash_ok=1 upto=$libxbuild sweep FAIL_MALLOC "$libxbuild" 30 "$LSTEP" FAIL_SPARE=$SPARE FAIL_ONLY=libxlsxwriter
# 3. Writes, once (not to libxlsxwriter's temporary files) and from then on.
sweep FAIL_WRITE "$wspared" 30 "$WSTEP" FAIL_PERSIST=0 FAIL_SPARE=libxlsxwriter
sweep FAIL_WRITE "$writes" 30 "$WSTEP" FAIL_PERSIST=1
echo "report_fault.sh: $tries tries in $SECONDS s" >&2

# A full disk from the first write on: exit 1 and a message saying so.
report FAIL_WRITE=1 FAIL_PERSIST=1
check_eq "disk full: exit" 1 "$rc"
judge "disk full"
grep -qE 'is full|No space left on device' "$WORK/err" && pass ||
	fail "disk full: the message does not say so: $(cat "$WORK/err")"
finish
