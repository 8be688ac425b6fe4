# report_review.sh - the review import's promises beyond the round trip of
# nights.sh: every problem of a file listed at once (one correction round,
# one OTP); a copy of an imported file saved again records nothing twice;
# complaint numbers of any length; a full out/ disk leaves the decisions
# recorded and the same command run again writes approved-merges.csv.
. tests/e2e/lib.sh
T=${NKTOOLS:-$PWD/build/tools}
S=samples
D=$WORK/d
mkdir -p "$D/inbox"
sed 's/^required = yes/required = no/' $S/district.ini >"$D/district.ini"
cp $S/holidays.txt "$D/"
cp $S/categories.csv $S/officers.csv $S/complaints-2026-11-26.csv "$D/inbox/"
DB=$D/nirakaran.db
"$NK" run --config "$D/district.ini" --as-of 2026-11-26 2>/dev/null
O=$D/out/2026-11-26
imp() { "$NK" review import "$1" --officer SEH-REV-L2 --config "$D/district.ini" --as-of 2026-11-26; }
decisions() { q "$DB" 'SELECT count(*) FROM pair_decisions'; }

# Three problems in one file: all three named, nothing recorded.
other=$(q "$DB" "SELECT id FROM proposals WHERE complaint_id='CMH-2026-0002555'")
"$T/review_fill" "$O/merge-review.xlsx" "$WORK/bad.xlsx" CMH-2026-0002121=merge \
	CMH-2026-0001953="हाँ" CMH-2026-0001974=ok "CMH-2026-0002247=merge@$other"
out=$(imp "$WORK/bad.xlsx" 2>&1)
check_eq "a file with three problems refused" 1 $?
check_contains "the count of problems" "3 problems; nothing was imported" "$out"
check_contains "the first bad decision" 'column Decision: "हाँ" is not one of' "$out"
check_contains "the second bad decision" 'column Decision: "ok" is not one of' "$out"
check_contains "the edited id" "the hidden ids do not match complaints CMH-2026-0002247" "$out"
check_eq "one line a problem" 3 "$(printf '%s\n' "$out" | grep -c '^  row ')"
check_eq "nothing recorded from it" 0 "$(decisions)"

# A copy saved again: another sha256, the same decisions.
"$T/review_fill" "$O/merge-review.xlsx" "$WORK/good.xlsx" CMH-2026-0002121=merge CMH-2026-0001974=reject
imp "$WORK/good.xlsx" 2>/dev/null
check_eq "the file imported" 2 "$(decisions)"
"$T/review_fill" "$O/merge-review.xlsx" "$WORK/copy.xlsx" CMH-2026-0002121=merge:"फिर से सहेजा" \
	CMH-2026-0001974=reject proposals=0
check_eq "the copy's bytes differ" 1 "$(cmp -s "$WORK/good.xlsx" "$WORK/copy.xlsx" || echo 1)"
out=$(imp "$WORK/copy.xlsx" 2>&1)
check_eq "the copy is taken" 0 $?
check_contains "the copy: nothing counted twice" "2 decision(s) were recorded already by an earlier import" "$out"
check_contains "the copy: no new merge" "0 merged, 0 not duplicate" "$out"
check_eq "the copy recorded no decision twice" 2 "$(decisions)"
check_eq "the merge once in approved-merges.csv" 1 "$(grep -c ',CMH-2026-0002121,' "$O/approved-merges.csv")"
"$T/review_fill" "$O/merge-review.xlsx" "$WORK/more.xlsx" CMH-2026-0002121=merge CMH-2026-0001974=reject \
	CMH-2026-0001715=unsure
out=$(imp "$WORK/more.xlsx" 2>&1)
check_contains "a copy with a new decision records only it" "0 merged, 0 not duplicate, 1 unsure" "$out"
check_eq "one more decision" 3 "$(decisions)"

# A full out/ disk: the decisions are committed, the portal's list is not
# written; the same command, once there is room, writes it.
mkdir -p "$WORK/disk"
if mount -t tmpfs -o size=64k tmpfs "$WORK/disk" 2>/dev/null; then
	trap 'umount "$WORK/disk" 2>/dev/null; rm -rf "$WORK"' EXIT
	mkdir -p "$WORK/disk/out/2026-11-26"
	dd if=/dev/zero of="$WORK/disk/fill" bs=1k count=64 2>/dev/null
	sed "s|^out = out|out = $WORK/disk/out|" "$D/district.ini" >"$D/full.ini"
	"$T/review_fill" "$O/merge-review.xlsx" "$WORK/full.xlsx" CMH-2026-0002142=merge
	full() { "$NK" review import "$WORK/full.xlsx" --officer SEH-REV-L2 --config "$D/full.ini" --as-of 2026-11-26; }
	out=$(full 2>&1)
	check_eq "a full disk: exit 1" 1 $?
	check_contains "a full disk: says the decisions are recorded" \
		"the decisions are recorded, but the portal's list is not written: free the space and run the same command again" "$out"
	check_eq "a full disk: the merge is recorded" CMH-2026-0001967 \
		"$(q "$DB" "SELECT merged_into FROM complaints WHERE complaint_id = 'CMH-2026-0002142'")"
	rm "$WORK/disk/fill"
	out=$(full 2>&1)
	check_eq "the same command again: exit 0" 0 $?
	check_contains "the same command again: nothing imported twice" "imported already" "$out"
	check_contains "the same command again: the list written" "approved-merges.csv: 2 merges" "$out"
	check_contains "the list has the merge" ",CMH-2026-0002142," "$(cat "$WORK/disk/out/2026-11-26/approved-merges.csv")"
	umount "$WORK/disk"
else
	echo "report_review.sh: cannot mount a small tmpfs here (not root?): full disk not checked" >&2
fi

# Complaint numbers longer than 63 bytes (a fixed buffer once refused them).
L=$WORK/long
mkdir -p "$L"
id1="CMH-2026-$(printf 'X%.0s' $(seq 1 70))-0001"
id2="CMH-2026-$(printf 'X%.0s' $(seq 1 70))-0002"
{
	echo "Complaint No,Registration Date,Complainant Name,Father/Husband Name,Mobile No,District,Tehsil,Village/Ward,Department,Category,Description,Current Level,Status"
	echo "$id1,01-11-2026,रामलाल पटेल,मोहन पटेल,9826012345,Sehore,सीहोर,आमला,राजस्व विभाग,अतिक्रमण,आमला में सरकारी भूमि पर अतिक्रमण हो गया है कृपया हटवाएं,L1,Open"
	echo "$id2,05-11-2026,रामलाल पटेल,मोहन पटेल,9826012345,Sehore,सीहोर,आमला,राजस्व विभाग,अतिक्रमण,आमला में सरकारी भूमि पर अतिक्रमण हो गया है कृपया हटवाएं,L1,Open"
} >"$L/complaints-2026-11-26.csv"
LC="--db $L/n.db --config $D/district.ini --as-of 2026-11-26"
"$NK" ingest -q $LC "$L/complaints-2026-11-26.csv" &&
	"$NK" match -q $LC --out "$L/m" && "$NK" analyze -q $LC && "$NK" report -q $LC --out "$L/out"
check_eq "the long ids proposed" "$id1" "$(q "$L/n.db" "SELECT primary_id FROM proposals WHERE complaint_id = '$id2'")"
"$T/review_fill" "$L/out/merge-review.xlsx" "$L/r.xlsx" "$id2=merge"
out=$("$NK" review import "$L/r.xlsx" --officer SEH-REV-L2 $LC 2>&1)
check_eq "a workbook with long ids taken" 0 $?
check_contains "its merge counted" "1 merged" "$out"
check_eq "the long id merged" "$id1" "$(q "$L/n.db" "SELECT merged_into FROM complaints WHERE complaint_id = '$id2'")"
finish
