# match_eval.awk - pairwise quality of proposals.csv against nkgen's truth file.
# Usage: awk -F, -f bench/match_eval.awk truth.csv complaints.csv proposals.csv
# True pairs: all pairs within a dup_group. Proposed pairs: all pairs within a
# proposed group (group_id). A false positive (a, b) is charged to the negative
# kind of b when b's neg_of is a (or the other way round), else to "other".
# complaints.csv gives each complaint's district and mobile (fields 5 and 6,
# never quoted), to count the pairs proposed across two districts.
FNR == 1 { file++; next }
file == 1 {
	grp[$1] = $5; kind[$1] = $4; negof[$1] = $6
	if ($5 != "") gsize[$5]++
	next
}
file == 2 {
	dist[$1] = $6
	d = $5; gsub(/[^0-9]/, "", d)
	mob[$1] = ($5 ~ /E/ || length(d) < 10) ? "" : substr(d, length(d) - 9)
	if (mob[$1] == "9999999999") mob[$1] = ""
	next
}
file == 3 {
	g = $1
	if (!(g in seen)) { seen[g] = 1; members[g] = $3; n[g] = 1; rule[$3] = "" }
	members[g] = members[g] " " $2; n[g]++; rule[$2] = $4
}
END {
	truepairs = 0
	for (x in gsize) truepairs += gsize[x] * (gsize[x] - 1) / 2
	tp = 0; fp = 0
	for (g in members) {
		k = split(members[g], m, " ")
		for (i = 1; i <= k; i++) for (j = i + 1; j <= k; j++) {
			a = m[i]; b = m[j]
			cross = dist[a] != dist[b]
			if (cross) { xp++; if (mob[a] == "" || mob[a] != mob[b]) xnomob++ }
			if (grp[a] != "" && grp[a] == grp[b]) { tp++; continue }
			fp++
			xfp += cross
			if (negof[b] == a) fpk[kind[b]]++
			else if (negof[a] == b) fpk[kind[a]]++
			else fpk["other"]++
		}
	}
	p = tp + fp ? tp / (tp + fp) : 0
	r = truepairs ? tp / truepairs : 0
	f1 = p + r ? 2 * p * r / (p + r) : 0
	printf "true pairs %d, proposed pairs %d, true positives %d, false positives %d\n", truepairs, tp + fp, tp, fp
	printf "precision %.4f  recall %.4f  F1 %.4f  (targets: precision >= 0.995, recall >= 0.98)\n", p, r, f1
	split("neg_family neg_neighbour neg_other_grievance neg_namesake neg_far neg_district other", kinds, " ")
	line = "false positives by kind:"
	for (i = 1; i <= 7; i++) line = line sprintf(" %s %d", kinds[i], fpk[kinds[i]] + 0)
	print line
	printf "across districts: %d pairs proposed, %d of them false, %d without one mobile (target 0)\n", xp, xfp, xnomob
}
