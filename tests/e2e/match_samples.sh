#!/usr/bin/env bash
# match_samples.sh - nirakaran match on the two sample nights: exactly the
# planted groups of samples/README.md are proposed, each under its rule, with
# the earliest complaint as primary and none of the hard negatives; the CSV is
# byte-identical for 1 and 2 threads; explain shows the evidence.
. tests/e2e/lib.sh
DB=$WORK/db
"$NK" init --db "$DB" >/dev/null 2>&1
"$NK" ingest -q --db "$DB" samples/complaints-2026-11-26.csv
"$NK" ingest -q --db "$DB" samples/complaints-2026-11-27.csv
OMP_NUM_THREADS=1 "$NK" match -q --db "$DB" --as-of 2026-11-27 --out "$WORK/t1"
check_eq "match exit code" 0 $?

# complaint,primary,rule expected from the truth file: members after the first
awk -F, 'NR > 1 && $3 ~ /^R/ { if (!($2 in p)) p[$2] = $1; else print $1 "," p[$2] "," $3 }' \
	samples/complaints-truth.csv | sort >"$WORK/expected"
awk -F, 'NR > 1 { print $2 "," $3 "," $4 }' "$WORK/t1/proposals.csv" | sort >"$WORK/got"
check_eq "proposals = planted groups" "$(cat "$WORK/expected")" "$(cat "$WORK/got")"
check_eq "proposal rows" 24 "$(q "$DB" "SELECT count(*) FROM proposals")"
check_eq "groups" 21 "$(q "$DB" "SELECT count(DISTINCT group_id) FROM proposals")"

# no hard negative is proposed
negs=$(awk -F, '$3 ~ /^neg_/ { print $1 }' samples/complaints-truth.csv)
hit=""
for id in $negs; do
	grep -q ",$id," "$WORK/t1/proposals.csv" && hit="$hit $id"
done
check_eq "hard negatives proposed" "" "$hit"
check_eq "negatives in the truth file" 26 "$(echo $negs | wc -w)"

check_eq "CSV header" "group_id,complaint_id,primary_id,rule,score,band" \
	"$(head -1 "$WORK/t1/proposals.csv" | cut -d, -f1-6)"

# the same result with 2 threads, full and incremental, byte for byte
OMP_NUM_THREADS=2 "$NK" match -q --db "$DB" --as-of 2026-11-27 --full --out "$WORK/t2"
check_eq "1 vs 2 threads" "$(md5sum <"$WORK/t1/proposals.csv")" "$(md5sum <"$WORK/t2/proposals.csv")"
"$NK" match -q --db "$DB" --as-of 2026-11-27 --out "$WORK/t3"
check_eq "full vs increment" "$(md5sum <"$WORK/t1/proposals.csv")" "$(md5sum <"$WORK/t3/proposals.csv")"
check_eq "runs recorded" "full full increment" \
	"$(q "$DB" "SELECT group_concat(mode, ' ') FROM (SELECT mode FROM match_runs ORDER BY id)")"

# explain: R3-2 (श/स) is proposed with the reason in both languages
out=$("$NK" explain --db "$DB" CMH-2026-0001603 CMH-2026-0001953)
check_contains "explain decision" "decision: proposed under R3" "$out"
check_contains "explain Hindi reason" "नाम में टाइपिंग भिन्नता (रमेश/रमेस)" "$out"
# a name shared by more than 2^tf_ref complaints weighs less, and explain says so
printf '[match]\ntf_ref = 0\n' >"$WORK/tf.ini"
out=$("$NK" explain --config "$WORK/tf.ini" --db "$DB" CMH-2026-0001603 CMH-2026-0001953)
check_contains "explain weighs the name by its count in the district" "a common name in the district" "$out"
# F-1: husband and wife on one mobile
out=$("$NK" explain --db "$DB" CMH-2026-0001918 CMH-2026-0002044)
check_contains "explain family" "a family member sharing the mobile" "$out"
"$NK" explain --db "$DB" CMH-2026-0001918 CMH-2099-0000000 >/dev/null 2>"$WORK/err"
check_eq "explain unknown id exit" 1 $?
check_contains "explain unknown id message" "CMH-2099-0000000 is not in the database" "$(cat "$WORK/err")"
"$NK" match --db "$DB" --threads 0 2>"$WORK/err"
check_eq "bad --threads exit" 2 $?
check_contains "bad --threads message" "expected a number from 1 to 1024" "$(cat "$WORK/err")"

# the default folder is [paths] out/YYYY-MM-DD of --as-of
(cd "$WORK" && "$NK" match -q --db "$DB" --as-of 2026-11-27)
check_eq "default out folder" 25 "$(wc -l <"$WORK/out/2026-11-27/proposals.csv")"
finish
