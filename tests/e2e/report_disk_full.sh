# report_disk_full.sh - the disk fills while the reports are written, at
# many points (a small tmpfs of growing size): each time the command either
# writes everything or exits 1 saying the disk is full, and every report
# file present is complete, never half-written, with no temporary file left.
. tests/e2e/lib.sh
T=${NKTOOLS:-$PWD/build/tools}
report_db
"$NK" report -q $C --out "$WORK/ref"
check_eq "reference reports" 0 $?
mkdir -p "$WORK/disk"
if ! mount -t tmpfs -o size=64k tmpfs "$WORK/disk" 2>/dev/null; then
	echo "report_disk_full.sh: cannot mount a small tmpfs here (not root?): not checked" >&2
	finish
	exit
fi
umount "$WORK/disk"
trap 'umount "$WORK/disk" 2>/dev/null; rm -rf "$WORK"' EXIT

full=0
for kb in 24 48 72 96 128 160 200 240 280 320 400 480 640 1024; do
	mount -t tmpfs -o size=${kb}k tmpfs "$WORK/disk"
	out=$("$NK" report $C --out "$WORK/disk/out" 2>&1)
	rc=$?
	case $rc in
	0) full=$((full + 1)) ;;
	1) check_contains "at ${kb} KB the message says the disk is full" "No space left on device" "$out" ;;
	*) fail "at ${kb} KB: exit $rc: $out" ;;
	esac
	left=$(find "$WORK/disk" -name '.*tmp*' | wc -l)
	check_eq "at ${kb} KB no temporary file is left" 0 "$left"
	for f in "$WORK/disk/out"/*.xlsx; do
		[ -e "$f" ] || continue
		b=$(basename "$f")
		if "$T/xlsxdump" -l "$f" >/dev/null 2>&1 &&
			[ "$("$T/xlsxdump" -s "$("$T/xlsxdump" -l "$WORK/ref/$b" | head -n 1 | cut -f1)" "$f" | wc -l)" \
				-eq "$("$T/xlsxdump" -s "$("$T/xlsxdump" -l "$WORK/ref/$b" | head -n 1 | cut -f1)" "$WORK/ref/$b" | wc -l)" ]; then
			pass
		else
			fail "at ${kb} KB $b is there but not whole"
		fi
	done
	umount "$WORK/disk"
done
[ "$full" -ge 1 ] && pass || fail "no size was large enough for the whole report"
[ "$full" -lt 14 ] && pass || fail "the disk never filled: the sizes test nothing"
finish
