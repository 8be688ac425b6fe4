# upgrade_sig.sh - schema 9 stores a description's signature as the low 16
# bits of each bucket. A database of schema 8, whose signatures hold the
# whole 32-bit buckets, is upgraded by 'nirakaran init': it matches as a
# fresh database does, and its stored signatures stay while their
# description does, so the fingerprints a supervisor decided against change
# only where the complaint did (as in a database loaded fresh).
. tests/e2e/lib.sh
upgrade_dbs
"$NK" ingest -q --db "$NEW" $S/complaints-2026-11-26.csv
check_eq "a fresh load stores the 16-bit buckets" "0 1" "$(q "$NEW" "SELECT
	sum(length(text_sig) <> 64), count(text_sig) > 250 FROM complaints" | tr '|' ' ')"

# The old database: schema 8 and the same rows, each bucket widened to 32
# bits (high bits all ones, so an empty bucket is still all ones).
"$T/schema_at" "$OLD" 8
wide="CAST(substr(text_sig, 1, 2) || X'FFFF'"
for i in $(seq 1 31); do wide="$wide || substr(text_sig, $((2 * i + 1)), 2) || X'FFFF'"; done
wide="$wide AS BLOB)"
{
	echo "ATTACH '$NEW' AS n; BEGIN;"
	copy_tables_sql
	echo "UPDATE main.complaints SET text_sig = $wide WHERE text_sig IS NOT NULL;"
	echo "COMMIT;"
} >"$WORK/fill.sql"
sqlite3 -batch "$OLD" <"$WORK/fill.sql"
check_eq "the old database holds 32-bit buckets" 0 \
	"$(q "$OLD" "SELECT count(*) FROM complaints WHERE length(text_sig) <> 128")"
"$NK" init --db "$OLD" 2>/dev/null
check_eq "init upgrades it to schema 10" 10 "$(q "$OLD" 'PRAGMA user_version')"
check_eq "the upgrade leaves the stored signatures" 0 \
	"$(q "$OLD" "SELECT count(*) FROM complaints WHERE length(text_sig) <> 128")"

# fps DB: each proposed complaint's fingerprint in the latest match run
fps() { q "$1" "SELECT complaint_id, fp FROM proposals
	WHERE run_id = (SELECT max(id) FROM match_runs) ORDER BY 1"; }
night() {
	for db in "$NEW" "$OLD"; do
		"$NK" match -q --db "$db" --config $S/district.ini --as-of "$1" --out "$db.out"
		check_eq "match as of $1 on $(basename "$db")" 0 $?
	done
	check_eq "proposals.csv as of $1 agrees" "$(md5sum <"$NEW.out/proposals.csv")" \
		"$(md5sum <"$OLD.out/proposals.csv")"
}
night 2026-11-26
fps "$NEW" >"$WORK/new1"
fps "$OLD" >"$WORK/old1"
check_eq "complaints are proposed" 1 "$([ "$(wc -l <"$WORK/new1")" -gt 10 ] && echo 1)"

# The next night's export updates 300 complaints (status, level) and leaves
# their descriptions: the old signatures stay, and so do the fingerprints.
for db in "$NEW" "$OLD"; do "$NK" ingest -q --db "$db" $S/complaints-2026-11-27.csv; done
check_eq "complaints were updated" 1 "$(q "$OLD" "SELECT count(*) > 100 FROM complaints
	WHERE snapshot_date = '2026-11-27' AND first_seen = '2026-11-26'")"
check_eq "an updated complaint keeps its stored signature" 0 \
	"$(q "$OLD" "SELECT count(*) FROM complaints WHERE first_seen = '2026-11-26'
	AND length(text_sig) <> 128")"
check_eq "a new complaint stores the 16-bit buckets" 0 \
	"$(q "$OLD" "SELECT count(*) FROM complaints WHERE first_seen = '2026-11-27'
	AND length(text_sig) <> 64")"
night 2026-11-27
fps "$NEW" >"$WORK/new2"
fps "$OLD" >"$WORK/old2"
# the complaints whose fingerprint changed from night to night: the same in both
changed() { join "$1" "$2" -t '|' | awk -F'|' '$2 != $3 { print $1 }'; }
check_eq "fingerprints change where a fresh database's do" "$(changed "$WORK/new1" "$WORK/new2")" \
	"$(changed "$WORK/old1" "$WORK/old2")"
check_eq "most fingerprints stay" 1 "$(join -t '|' "$WORK/old1" "$WORK/old2" |
	awk -F'|' '$2 == $3 { s++ } END { print (s * 2 > NR) }')"
finish
