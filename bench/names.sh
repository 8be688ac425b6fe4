#!/usr/bin/env bash
# names.sh - quality of `nirakaran similar` on real names: the pairs of
# ../shared/data/cmu-indian-names (a romanised and a Devanagari spelling
# of one name), the same names shuffled (two names: must be "different"),
# and variants built from them the way clerks write names: doubled vowels
# and consonants, th for t, initials in every form (R.K., आर.के., आर० के०,
# RK, आर के), relation words and honorifics in the name field; against
# them, namesakes that differ only in an initial or a given name.
# Prints recall per class and precision over all. Target: precision >= 0.99.
# Usage: NK=... bench/names.sh
set -eu
NK=${NK:-$PWD/build/nirakaran}
CMU=${CMU:-$(dirname "$0")/../../shared/data/cmu-indian-names/names.tsv}
W=$(mktemp -d "${TMPDIR:-/tmp}/nk-bench-names.XXXXXX")
trap 'rm -rf "$W"' EXIT
[ -n "${NAMES_KEEP:-}" ] && trap - EXIT && echo "names.sh: pairs kept in $W"
[ -r "$CMU" ] || { echo "names.sh: $CMU not found (the shared data sets)"; exit 1; }
# class<TAB>expected<TAB>a<TAB>b
awk -F'\t' 'NR > 1 && $1 != "" && $2 != "" && $1 !~ /^#/ { en[n] = $1; hi[n] = $2; n++ }
END {
	srand(11)
	split("Sharma Verma Yadav Patel Singh Gupta Jain Khan", sur_en, " ")
	split("शर्मा वर्मा यादव पटेल सिंह गुप्ता जैन खान", sur_hi, " ")
	split("R K S M D P A B", le, " ")
	split("आर के एस एम डी पी ए बी", lh, " ")
	for (i = 0; i < n; i++) {
		e = en[i]; h = hi[i]; o = (i * 7919 + 13) % n; s = 1 + i % 8
		print "cross-script\tsame\t" e "\t" h
		if (tolower(substr(en[o], 1, 3)) != tolower(substr(e, 1, 3)) && hi[o] != h)
			print "other name\tdifferent\t" e "\t" en[o]
		if (hi[o] != h && en[o] != e)
			print "other name\tdifferent\t" h " " sur_hi[s] "\t" hi[o] " " sur_hi[s]
		v = e; if (sub(/a/, "aa", v)) print "doubled vowel\tsame\t" v " " sur_en[s] "\t" e " " sur_en[s]
		v = e; if (sub(/ee/, "i", v)) print "ee/i\tsame\t" v "\t" e
		v = e; if (sub(/t/, "th", v) && e !~ /th/) print "th for t\tsame\t" v "\t" e
		v = e; if (match(v, /[bcdfgjklmnprstv][aeiou]/)) {
			v = substr(v, 1, RSTART) substr(v, RSTART, 1) substr(v, RSTART + 1)
			print "doubled consonant\tsame\t" v "\t" e }
		print "relation word\tsame\t" e " S/O " en[o] "\t" e
		print "relation word\tsame\t" h " पुत्र " hi[o] "\t" h
		print "relation word\tsame\tस्व. " h "\t" h
		print "honorific\tsame\tAdv. " e " " sur_en[s] "\t" e " " sur_en[s]
		print "honorific\tsame\tडॉ. " h " " sur_hi[s] "\t" h " " sur_hi[s]
		a = 1 + i % 8; b = 1 + (i * 3 + 1) % 8; c = 1 + (a % 8)
		print "initials\tsame\t" le[a] "." le[b] ". " sur_en[s] "\t" lh[a] "० " lh[b] "० " sur_hi[s]
		print "initials\tsame\t" le[a] le[b] " " sur_en[s] "\t" lh[a] " " lh[b] " " sur_hi[s]
		print "initials\tsame\t" sur_en[s] " " le[a] "." le[b] ".\t" lh[a] "." lh[b] ". " sur_hi[s]
		print "other initial\tdifferent\t" le[a] "." le[b] ". " sur_en[s] "\t" le[c] "." le[b] ". " sur_en[s]
		print "other initial\tdifferent\t" lh[a] " " lh[b] " " sur_hi[s] "\t" lh[c] " " lh[b] " " sur_hi[s]
	}
}' "$CMU" >"$W/pairs"
cut -f3,4 "$W/pairs" | "$NK" similar >"$W/out"
paste "$W/pairs" <(cut -f4 "$W/out") | awk -F'\t' '
	{ n[$1]++; ok[$1] += $2 == $5; want[$1] = $2
	  if ($5 == "same") { said++; if ($2 == "same") right++ } }
	END { for (c in n) printf "  %-18s %-9s %6d pairs, %.4f judged %s\n", c, want[c], n[c], ok[c] / n[c], want[c]
	      printf "names: precision %.4f over %d pairs judged same (target >= 0.99)\n", right / said, said }' | sort
