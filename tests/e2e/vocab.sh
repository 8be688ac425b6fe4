# vocab.sh - the texts complaints repeat are stored once (schema 10,
# engine/vocab.h) and read back through the view complaints as the export
# gave them; an UPDATE, INSERT or DELETE on complaints still writes the rows.
. tests/e2e/lib.sh
DB=$WORK/v.db
"$NK" ingest -q --db "$DB" samples/complaints-2026-11-26.csv
check_eq "complaints is a view over complaint_rows" "table view" \
	"$(q "$DB" "SELECT group_concat(type, ' ') FROM (SELECT type FROM sqlite_schema
		WHERE name IN ('complaints', 'complaint_rows') ORDER BY name)")"

# Each text once: after one load vocab holds exactly the texts the rows use.
check_eq "vocab holds the texts the complaints use, each once" \
	"$(q "$DB" "$VOCAB_USED" | md5sum)" "$(q "$DB" "SELECT text FROM vocab ORDER BY 1" | md5sum)"

# The next export's own columns, through sqlite3's CSV reader, against the view.
"$NK" ingest -q --db "$DB" samples/complaints-2026-11-27.csv
X=$WORK/export.db
sqlite3 -batch "$X" ".import --csv samples/complaints-2026-11-27.csv e"
check_eq "the export has its rows" 1 "$(q "$X" "SELECT count(*) > 300 FROM e")"
for p in district:District tehsil:Tehsil village:Village/Ward department:Department \
	category:Category status_raw:Status satisfaction:Satisfaction \
	prev_category:'Previous Category'; do
	col=${p%%:*} head=${p#*:}
	check_eq "$col reads as the export wrote it" 0 "$(q "$X" "ATTACH '$DB' AS d;
		SELECT count(*) FROM e LEFT JOIN d.complaints c ON c.complaint_id = e.\"Complaint No\"
		WHERE c.$col IS NOT nullif(trim(e.\"$head\"), '')")"
done

# Writes through the view land in complaint_rows, and matching hears of them.
id=$(q "$DB" "SELECT min(id) FROM complaints")
cid=$(q "$DB" "SELECT complaint_id FROM complaints WHERE id = $id")
q "$DB" "DELETE FROM match_dirty;
	UPDATE complaints SET village = 'नया गाँव', department = NULL WHERE id = $id" >/dev/null
check_eq "an UPDATE on complaints writes the row" "नया गाँव||$cid" "$(q "$DB" "SELECT village,
	department, complaint_id FROM complaints WHERE id = $id")"
check_eq "its new text is in vocab" 1 "$(q "$DB" "SELECT count(*) FROM vocab WHERE text = 'नया गाँव'")"
check_eq "matching is told of the change" "$id" "$(q "$DB" "SELECT group_concat(id) FROM match_dirty")"
q "$DB" "INSERT INTO complaints (complaint_id, reg_date, name_raw, level, status, snapshot_date,
	first_seen, changed_at, district, category) VALUES ('T-1', '2026-11-27', 'राम', 1, 'open',
	'2026-11-27', '2026-11-27', '2026-11-27', 'सीहोर', 'नया प्रकार')" >/dev/null
check_eq "an INSERT on complaints adds a row" "सीहोर|नया प्रकार|0" "$(q "$DB" "SELECT district,
	category, name_flags FROM complaints WHERE complaint_id = 'T-1'")"
tid=$(q "$DB" "SELECT id FROM complaints WHERE complaint_id = 'T-1'")
q "$DB" "DELETE FROM match_dirty; DELETE FROM complaints WHERE complaint_id = 'T-1'" >/dev/null
check_eq "a DELETE on complaints removes it" "0 $tid" "$(q "$DB" "SELECT (SELECT count(*)
	FROM complaint_rows WHERE complaint_id = 'T-1'), (SELECT group_concat(id) FROM match_dirty)" |
	tr '|' ' ')"
check_eq "the database is sound" ok "$(q "$DB" 'PRAGMA integrity_check')"
finish
