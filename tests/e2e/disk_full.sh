# disk_full.sh - a night that runs out of disk space fails with a clear
# message and leaves the database and the previous night's outputs as they
# were. Needs a small filesystem: a tmpfs mounted for the test (root, as in
# CI); where mounting is not allowed the test says so and checks nothing.
. tests/e2e/lib.sh
S=$PWD/samples
D=$WORK/disk
mkdir -p "$D"
if ! mount -t tmpfs -o size=8M tmpfs "$D" 2>/dev/null; then
	echo "disk_full.sh: cannot mount a small tmpfs here (not root?): not checked" >&2
	finish
	exit
fi
trap 'umount "$D" 2>/dev/null; rm -rf "$WORK"' EXIT
mkdir -p "$D/inbox"
cp $S/district.ini $S/holidays.txt "$D/"
cp $S/categories.csv $S/officers.csv $S/complaints-2026-11-26.csv "$D/inbox/"
"$NK" run --config "$D/district.ini" --as-of 2026-11-26 2>/dev/null
check_eq "night 1 on the small disk" 3 $?
before_db=$(q "$D/nirakaran.db" "SELECT count(*), sum(length(name_cmp)) FROM complaints")
outputs() { (cd "$D/out/2026-11-26" && find . -type f -exec sha256sum {} + | sort); }
before_out=$(outputs)

# Fill the disk, leaving a few kilobytes, and drop night 2's export in.
cp $S/complaints-2026-11-27.csv "$D/inbox/"
dd if=/dev/zero of="$D/filler" bs=4k 2>/dev/null
out=$("$NK" run --config "$D/district.ini" --as-of 2026-11-27 2>&1)
rc=$?
check_eq "night 2 on a full disk fails" 1 "$rc"
check_contains "the message says the disk is full" "is full" "$out"
check_contains "and that nothing was changed" "nothing was changed" "$out"
check_eq "night 1's outputs untouched" "$before_out" "$(outputs)"
check_eq "the export stays in the inbox for the next night" 1 "$(ls "$D/inbox" | grep -c 2026-11-27)"
check_eq "no half-written report left behind" "" "$(find "$D/out" -name '.*tmp*' 2>/dev/null)"

# Space again (SQLite cannot even read a WAL database on a full disk).
rm -f "$D/filler"
check_eq "the database passes its integrity check" ok "$(q "$D/nirakaran.db" 'PRAGMA integrity_check')"
check_eq "the database holds what it held" "$before_db" "$(q "$D/nirakaran.db" "SELECT count(*), sum(length(name_cmp)) FROM complaints")"
"$NK" run --config "$D/district.ini" --as-of 2026-11-27 2>/dev/null
check_eq "night 2 once there is space" 0 $?
check_eq "night 2's complaints loaded" 320 "$(q "$D/nirakaran.db" 'SELECT count(*) FROM complaints')"
finish
