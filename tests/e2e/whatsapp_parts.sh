# whatsapp_parts.sh - an officer with more due complaints than one WhatsApp
# message holds: the list is split into parts that each fit a message
# (1,500 characters) and an Excel link (2,079 characters), numbered k/N;
# every complaint is in exactly one part, in order; the text file carries
# the same parts.
. tests/e2e/lib.sh
report_db
OFF=SEH-REV-L1-01
N=150
# N more of the officer's complaints due within the three days, in the night's
# analysis itself: long Devanagari village names make each line long.
q "$DB" "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $N)
INSERT INTO sla_status SELECT '2026-11-26', printf('WAP-%04d', i), '2026-11-20', 'open', 1,
 '$OFF', NULL, 'राजस्व विभाग', 'सीमांकन/नामांतरण', 'सीमांकन/नामांतरण', 1, NULL,
 'गोपालपुरा खुर्द ' || i, NULL, '2026-11-20', 'export', 7, '2026-11-27', i % 3, 0, 0, 6,
 '0-7', 0, 0, 0 FROM n"
"$NK" report -q $C --out "$WORK/out"
check_eq "report exit" 0 $?
CSV=$WORK/out/sla-whatsapp.csv

parts=$(sqlite3 -csv -noheader ":memory:" ".import --csv $CSV w" \
	"SELECT count(*) FROM w WHERE officer_id = '$OFF' AND recipient_id = '$OFF'")
[ "$parts" -gt 2 ] && pass || fail "$N due complaints should need several parts, got $parts"
imp() { sqlite3 -noheader ":memory:" ".import --csv $CSV w" "$1"; }
check_eq "parts numbered 1/N .. N/N" \
	"$(seq 1 "$parts" | sed "s|\$|/$parts|" | tr '\n' ' ')" \
	"$(imp "SELECT part FROM w WHERE officer_id = '$OFF' AND recipient_id = '$OFF'
		ORDER BY rowid" | tr '\n' ' ')"
check_eq "every link fits Excel's 2,079 characters" 0 \
	"$(imp "SELECT count(*) FROM w WHERE length(link) > 2079")"
check_eq "every message fits 1,500 characters" 0 \
	"$(imp "SELECT count(*) FROM w WHERE length(text) > 1500")"
# every complaint once, in the order of the numbered lines
lines=$(imp "SELECT text FROM w WHERE officer_id = '$OFF' AND recipient_id = '$OFF' ORDER BY rowid" |
	grep -o '^[0-9]*\. [A-Z0-9-]*')
check_eq "lines numbered 1 .. all, once each" "$(seq 1 "$(echo "$lines" | wc -l)" | tr '\n' ' ')" \
	"$(echo "$lines" | cut -d. -f1 | tr '\n' ' ')"
check_eq "each added complaint in exactly one part" "$N" \
	"$(echo "$lines" | grep -o 'WAP-[0-9]*' | sort -u | wc -l)"
check_eq "no complaint twice" "$(echo "$lines" | wc -l)" \
	"$(echo "$lines" | awk '{ print $2 }' | sort -u | wc -l)"
# each link carries its own part's text, encoded
imp "SELECT rowid FROM w WHERE officer_id = '$OFF' AND recipient_id = '$OFF'" >"$WORK/ids"
decoded=0
while read -r id; do
	enc=$(imp "SELECT substr(link, instr(link, '?text=') + 6) FROM w WHERE rowid = $id")
	[ "$(printf '%b' "$(printf '%s' "$enc" | sed 's/%/\\x/g')")" = \
		"$(imp "SELECT text FROM w WHERE rowid = $id")" ] && decoded=$((decoded + 1))
done <"$WORK/ids"
check_eq "every link decodes to its own message" "$parts" "$decoded"
TXT=$WORK/out/whatsapp/$OFF.txt
check_eq "the text file has the parts" "$parts" "$(grep -c '^--- संदेश / message [0-9]*/'"$parts"' ---$' "$TXT")"
check_eq "the text file has every line" "$(echo "$lines" | wc -l)" "$(grep -c '^[0-9]*\. ' "$TXT")"
check_eq "no temporary file left" "" "$(ls -A "$WORK/out/whatsapp" | grep -v '\.txt$')"
finish
