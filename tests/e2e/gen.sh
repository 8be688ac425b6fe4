#!/usr/bin/env bash
# gen.sh - checks of the generator nkgen: determinism, counts, the truth file,
# the planted kinds and what makes each kind what it is.
. tests/e2e/lib.sh
GEN=${NKTOOLS:-$ROOT/build/tools}/nkgen
D=$WORK

# Fields 1-5 (id, date, name, father, mobile) are never quoted: no comma in them.
N=20000
"$GEN" -n $N --seed 42 --out $D/a.csv --truth $D/a.truth --categories $D/a.cat \
	--officers $D/a.off --movements $D/a.mov --history-rows 60000 2>$D/a.err
check_eq "nkgen exit code" 0 $?
"$GEN" -n $N --seed 42 --out $D/b.csv --truth $D/b.truth --categories $D/b.cat \
	--officers $D/b.off --movements $D/b.mov --history-rows 60000 2>/dev/null
for f in csv truth cat off mov; do
	if cmp -s $D/a.$f $D/b.$f; then pass; else fail "same seed, different .$f output"; fi
done
"$GEN" -n $N --seed 43 --out $D/c.csv --truth $D/c.truth 2>/dev/null
if cmp -s $D/a.csv $D/c.csv; then fail "seeds 42 and 43 gave the same output"; else pass; fi

check_eq "rows = N + header" $((N + 1)) "$(wc -l <$D/a.csv)"
check_eq "truth rows = N + header" $((N + 1)) "$(wc -l <$D/a.truth)"
check_eq "header" "Complaint No,Registration Date,Complainant Name,Father/Husband Name,Mobile No,District,Tehsil,Village/Ward,Department,Category,Description,Current Level,Status,Officer ID,Current Level Since,Closing Date,Satisfaction,Previous Category,Category Change Date" \
	"$(head -n 1 $D/a.csv)"
check_eq "truth header" "complaint_id,person_id,grievance_id,kind,dup_group,neg_of" "$(head -n 1 $D/a.truth)"
if cmp -s <(cut -d, -f1 $D/a.csv) <(cut -d, -f1 $D/a.truth | sed '1s/.*/Complaint No/'); then
	pass
else
	fail "truth ids are not the complaint ids in order"
fi
check_eq "complaint ids unique" $N "$(tail -n +2 $D/a.csv | cut -d, -f1 | sort -u | wc -l)"
check_eq "every row has 19 fields" "" "$(awk -F, 'NR > 1 { n = 0; q = 0
	for (i = 1; i <= length($0); i++) { c = substr($0, i, 1)
		if (c == "\"") q = !q; else if (c == "," && !q) n++ }
	if (n != 18) { print NR; exit } }' $D/a.csv)"

# proportions: re-filings (group members after the first) ~ dup-rate, negatives ~ neg-rate
read -r groups members negs <<<"$(awk -F, 'NR > 1 && $5 != "" { m++; g[$5] = 1 }
	NR > 1 && $6 != "" { n++ } END { print length(g), m, n }' $D/a.truth)"
refiled=$((members - groups))
if [ $refiled -gt $((N * 8 / 100 * 85 / 100)) ] && [ $refiled -lt $((N * 8 / 100 * 115 / 100)) ]; then
	pass
else
	fail "re-filings $refiled not within 15% of 8% of $N"
fi
if [ $negs -gt $((N * 4 / 100 * 80 / 100)) ] && [ $negs -lt $((N * 4 / 100 * 120 / 100)) ]; then
	pass
else
	fail "hard negatives $negs not within 20% of 4% of $N"
fi
for k in unique R1 R2 R3 neg_family neg_neighbour neg_other_grievance neg_namesake neg_far neg_district; do
	c=$(awk -F, -v k=$k '$4 == k' $D/a.truth | wc -l)
	if [ "$c" -gt 0 ]; then pass; else fail "no complaint of kind $k"; fi
done
for k in R1 R2 R3; do
	share=$(awk -F, -v k=$k 'NR > 1 && $5 != "" { t++; if ($4 == k) c++ } END { print int(100 * c / t) }' $D/a.truth)
	if [ "$share" -ge 20 ] && [ "$share" -le 45 ]; then pass; else fail "$k is $share% of group members"; fi
done
for k in neg_family neg_neighbour neg_other_grievance neg_namesake; do
	share=$(awk -F, -v k=$k 'NR > 1 && $6 != "" { t++; if ($4 == k) c++ } END { print int(100 * c / t) }' $D/a.truth)
	if [ "$share" -ge 12 ] && [ "$share" -le 30 ]; then pass; else fail "$k is $share% of negatives"; fi
done

# what each kind means, member against the group's first complaint (or the anchor)
paste -d'\t' <(cut -d, -f1-5 $D/a.csv | tr ',' '\t') <(cut -d, -f2- $D/a.truth | tr ',' '\t') \
	<(cut -d, -f6,8 $D/a.csv | tr ',' '\t') | tail -n +2 >$D/joined.tsv
# joined: 1 id 2 date 3 name 4 father 5 mobile 6 person 7 grievance 8 kind 9 group 10 neg_of
#         11 district 12 village
AWK_DAYS='function days(s,  d, m, y) { d = substr(s, 1, 2) + 0; m = substr(s, 4, 2) + 0
	y = substr(s, 7, 4) + 0; if (m <= 2) { y--; m += 12 }
	return 365 * y + int(y / 4) - int(y / 100) + int(y / 400) + int((153 * (m - 3) + 2) / 5) + d }'
bad=$(awk -F'\t' "$AWK_DAYS"'
	$9 == $1 { name[$1] = $3; mob[$1] = $5; day[$1] = days($2); per[$1] = $6; gr[$1] = $7; next }
	$9 != "" { if (!($9 in name)) { print "member before its group: " $1; next }
		if (per[$9] != $6 || gr[$9] != $7) print "group member of another person/grievance: " $1
		dd = days($2) - day[$9]; if (dd < 0 || dd >= 90) print "outside the window: " $1 " " dd
		if ($8 == "R1" && ($3 != name[$9] || $5 != mob[$9])) print "R1 name/mobile differ: " $1
		if ($8 == "R2" && ($3 != name[$9] || $5 == mob[$9])) print "R2 name differs or mobile same: " $1
		if ($8 == "R3" && $3 == name[$9]) print "R3 name not changed: " $1 " " $3 }' $D/joined.tsv)
check_eq "groups: R1 same name+mobile, R2 other mobile, R3 changed name, within 90 days" "" "$bad"
r3changed=$(awk -F'\t' '$8 == "R3" && $9 != $1' $D/joined.tsv | wc -l)
if [ "$r3changed" -gt 50 ]; then pass; else fail "only $r3changed R3 re-filings"; fi

bad=$(awk -F'\t' "$AWK_DAYS"'
	{ name[$1] = $3; fa[$1] = $4; mob[$1] = $5; day[$1] = days($2); per[$1] = $6; gr[$1] = $7
	  dist[$1] = $11; vil[$1] = $12 }
	$10 != "" { a = $10; if (!(a in name)) { print "anchor missing: " $1; next }
		if ($9 != "") print "negative in a group: " $1
		if ($8 == "neg_family" && (mob[a] != $5 || per[a] == $6 || name[a] == $3)) print "family: " $1
		if ($8 == "neg_neighbour" && (per[a] == $6 || gr[a] != $7 || name[a] == $3)) print "neighbour: " $1
		if ($8 == "neg_other_grievance" && (per[a] != $6 || gr[a] == $7)) print "other grievance: " $1
		if ($8 == "neg_namesake" && (name[a] != $3 || fa[a] == $4 || mob[a] == $5 || per[a] == $6)) print "namesake: " $1
		if ($8 == "neg_district" && (name[a] != $3 || mob[a] == $5 || per[a] == $6 || dist[a] == $11))
			print "district: " $1
		if ($8 == "neg_district" && vil[a] == $12) samevil++
		if ($8 == "neg_district") nd++
		if ($8 == "neg_far" && (per[a] != $6 || gr[a] != $7 || days($2) - day[a] <= 90)) print "far: " $1 }
	END { if (samevil < nd * 0.8) print "neg_district: only " samevil " of " nd " in a same-named village" }' $D/joined.tsv)
check_eq "hard negatives are what their kind says" "" "$bad"

# the hard world: names repeat (a few very common), villages' names repeat
# across districts, stock sentences stand for many complaints
top=$(cut -d, -f3 $D/a.csv | sed 's/^\(Shri\|Smt\|श्री\|श्रीमती\) //' | sort | uniq -c | sort -rn | head -1 | awk '{ print $1 }')
if [ "$top" -ge 15 ]; then pass; else fail "the commonest name has only $top complaints of $N"; fi
shared=$(cut -d, -f6,8 $D/a.csv | tail -n +2 | sort -u | awk -F, '{ n[$2]++ } END { for (v in n) if (n[v] > 1) s++; print s + 0 }')
if [ "$shared" -ge 200 ]; then pass; else fail "only $shared village names in more than one district"; fi
check_eq "at least 20 districts" 1 "$(cut -d, -f6 $D/a.csv | tail -n +2 | sort -u | wc -l | awk '{ print ($1 >= 20) }')"
stock=$(grep -o ',"[^"]*के संबंध में शिकायत, कृपया निराकरण करें।"' $D/a.csv | sort | uniq -c | sort -rn | head -1 | awk '{ print $1 }')
if [ "$stock" -ge 20 ]; then pass; else fail "the commonest description stands for only $stock complaints"; fi

# masters and movements
check_eq "categories master rows" 21 "$(wc -l <$D/a.cat)"
check_eq "officers report to listed officers" "" "$(awk -F, 'NR > 1 { id[$1] = 1; to[$1] = $8 }
	END { for (o in to) if (to[o] != "" && !(to[o] in id)) print o }' $D/a.off)"
check_eq "complaints name listed officers" "" "$(awk -F, 'NR == FNR { if (FNR > 1) id[$1] = 1; next }
	FNR > 1 { n = split($0, f, ","); for (i = 1; i <= n; i++) if (f[i] ~ /^(MP|[A-Z][A-Z][A-Z])-[A-Z][A-Z][A-Z]-L[1-4]/ && !(f[i] in id)) { print f[i]; exit } }' $D/a.off $D/a.csv)"
movs=$(($(wc -l <$D/a.mov) - 1))
if [ $movs -ge 57000 ] && [ $movs -le 70000 ]; then pass; else fail "movements: $movs rows for --history-rows 60000"; fi
check_eq "movements name known complaints" "" "$(awk -F, 'NR == FNR { id[$1] = 1; next }
	FNR > 1 && !($1 in id) { print $1; exit }' $D/a.csv $D/a.mov)"
check_contains "summary line" "nkgen: $N complaints" "$(cat $D/a.err)"

# --xlsx-friendly: BOM and CRLF
"$GEN" -n 50 --seed 1 --xlsx-friendly --out $D/x.csv --truth $D/x.truth 2>/dev/null
check_eq "BOM" "efbbbf" "$(head -c 3 $D/x.csv | od -An -tx1 | tr -d ' \n')"
check_eq "CRLF rows" 51 "$(grep -c $'\r$' $D/x.csv)"

# usage errors
"$GEN" --out $D/u.csv --truth $D/u.truth 2>$D/u.err
check_eq "missing -n exits 2" 2 $?
check_contains "missing -n message" "-n N is required" "$(cat $D/u.err)"
"$GEN" -n 10 --dup-rate lots --out $D/u.csv --truth $D/u.truth 2>$D/u.err
check_eq "bad number exits 2" 2 $?
check_contains "bad number message" 'found "lots"' "$(cat $D/u.err)"
"$GEN" -n 10 --out /nonexistent-dir/x.csv --truth $D/u.truth 2>$D/u.err
check_eq "unwritable output exits 1" 1 $?
check_contains "unwritable output message" "cannot create /nonexistent-dir/x.csv" "$(cat $D/u.err)"
finish
