#!/usr/bin/env bash
# similar.sh - nirakaran similar: output format, verdicts, bad lines, usage.
. tests/e2e/lib.sh

out=$(printf 'Ramesh\tरमेश\nराम\tरमा\nश्री रमेश कुमार जी\tRamesh Kumar\n' | "$NK" similar 2>"$WORK/err")
check_eq "exit status on good input" 0 $?
check_eq "three lines" 3 "$(printf '%s\n' "$out" | wc -l)"
check_eq "cross-script pair" "Ramesh	रमेश	1.000	same" "$(printf '%s\n' "$out" | sed -n 1p)"
check_eq "राम / रमा are different" "different" "$(printf '%s\n' "$out" | sed -n 2p | cut -f4)"
check_eq "titles and script" "same" "$(printf '%s\n' "$out" | sed -n 3p | cut -f4)"
check_eq "nothing on stderr" "" "$(cat "$WORK/err")"

# names as clerks write them: initials, relation words, honorifics, Bengali spellings
out=$(printf '%s\n' 'आर० के० शर्मा	R.K. Sharma' 'RK Sharma	आर के शर्मा' 'रमेश पुत्र सुरेश	रमेश' \
	'Adv. Ramesh Sharma	Ramesh Sharma' 'मु० सलीम	Mohammad Salim' 'Anwarul Hoque	अनवरुल हक' \
	'R.K. Sharma	S.K. Sharma' 'विजय परमार	संजय परमार' | "$NK" similar | cut -f4 | tr '\n' ' ')
check_eq "initials, relations, honorifics, spellings" \
	"same same same same same same different different " "$out"

out=$(printf 'Ramesh\tRakesh\n' | "$NK" similar --reason)
check_eq "--reason adds a column" "different" "$(printf '%s\n' "$out" | cut -f5)"

out=$(printf 'ok\tok\nbad\xff\tx\nnotab\n' | "$NK" similar 2>"$WORK/err")
check_eq "exit 1 when lines were skipped" 1 $?
check_eq "the good line is still scored" "ok	ok	1.000	same" "$out"
check_contains "invalid UTF-8 names its line" "stdin line 2: name 1 is not valid UTF-8" "$(cat "$WORK/err")"
check_contains "missing TAB names its line" "stdin line 3: expected two names separated by a TAB" "$(cat "$WORK/err")"

"$NK" similar --help >"$WORK/help"
check_eq "--help exits 0" 0 $?
check_contains "--help prints usage" "usage: nirakaran similar" "$(cat "$WORK/help")"
"$NK" similar --nonsense 2>"$WORK/err" </dev/null
check_eq "bad usage exits 2" 2 $?
check_contains "bad usage says what" "unknown argument '--nonsense'" "$(cat "$WORK/err")"
finish
