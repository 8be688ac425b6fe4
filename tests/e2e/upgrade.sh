# upgrade.sh - a database of schema 6 (made by the engine's own migrations
# up to 6, then filled in the old layout with the two sample nights) is
# upgraded by 'nirakaran init' to the lean complaints of schema 7 and the
# texts stored once of schema 10: every value read through the old column
# names is what it was, the stored forms are those a fresh load writes, and
# matching and reports agree with a database loaded fresh.
. tests/e2e/lib.sh
upgrade_dbs
check_eq "a fresh database is at schema 10" 10 "$(q "$NEW" 'PRAGMA user_version')"
"$NK" ingest -q --db "$NEW" $S/complaints-2026-11-26.csv $S/complaints-2026-11-27.csv
"$NK" ingest -q --db "$NEW" --kind movements $S/movements-2026-11-27.csv

# The old database: schema 6 and the same rows, complaints in the v6 layout.
"$T/schema_at" "$OLD" 6
check_eq "the old database is at schema 6" 6 "$(q "$OLD" 'PRAGMA user_version')"
v6cols="id, complaint_id, reg_date, reg_time, name_raw, father_raw, mobile_raw, district,
	tehsil, block, village, address, department, category, sub_category, description, level,
	status, status_raw, officer_id, officer_name, level_since, closed_date, satisfaction,
	prev_category, category_changed, oj_date, oj_level, oj_officer, name_display, name_cmp,
	name_phon, name_bridge, name_flags, father_cmp, father_bridge, mobile, mobile_kind,
	text_sig, snapshot_date, file_id, src_row, first_seen, changed_at, merged_into"
{
	echo "ATTACH '$NEW' AS n; BEGIN;"
	copy_tables_sql "'complaints'" # in the columns schema 6 has (e.g. no ingest_files.fields)
	echo "INSERT INTO main.complaints ($v6cols, name_sorted) SELECT $v6cols, 'never read' FROM n.complaints;"
	# the corners of the old layout: forms empty where their source is not
	echo "UPDATE main.complaints SET name_display = NULL, name_cmp = NULL, name_bridge = NULL,
		father_cmp = NULL WHERE complaint_id = 'CMH-2026-0001001';"
	echo "UPDATE main.complaints SET name_bridge = NULL, father_bridge = NULL
		WHERE complaint_id = 'CMH-2026-0001008';"
	echo "COMMIT;"
} >"$WORK/fill.sql"
sqlite3 -batch "$OLD" <"$WORK/fill.sql"
olddump() { q "$1" "SELECT $v6cols FROM complaints ORDER BY id" | md5sum; }
before=$(olddump "$OLD")

out=$("$NK" init --db "$OLD" 2>&1)
check_eq "init upgrades the old database" 0 $?
check_eq "it is at schema 10" 10 "$(q "$OLD" 'PRAGMA user_version')"
check_eq "every old column reads as before" "$before" "$(olddump "$OLD")"
check_eq "empty forms stay empty" "|||" "$(q "$OLD" "SELECT name_display, name_cmp, name_bridge,
	father_cmp FROM complaints WHERE complaint_id = 'CMH-2026-0001001'")"
check_eq "an empty bridge stays empty" "|" "$(q "$OLD" "SELECT name_bridge, father_bridge
	FROM complaints WHERE complaint_id = 'CMH-2026-0001008'")"
check_eq "each text the rows use is in vocab, once" \
	"$(q "$OLD" "$VOCAB_USED" | md5sum)" "$(q "$OLD" "SELECT text FROM vocab ORDER BY 1" | md5sum)"
check_eq "name_sorted is gone" 0 "$(q "$OLD" "SELECT count(*) FROM pragma_table_xinfo('complaints')
	WHERE name IN ('name_sorted', 'text_tokens')")"
# Stored forms: the upgrade's SQL and a fresh load's C write the same.
k="id, k_display, k_cmp, k_bridge, k_fcmp, k_fbridge"
q "$OLD" "UPDATE complaints SET k_display = NULL, k_cmp = NULL, k_bridge = NULL, k_fcmp = NULL
	WHERE complaint_id IN ('CMH-2026-0001001', 'CMH-2026-0001008');
	UPDATE complaints SET k_bridge = NULL, k_fbridge = NULL WHERE complaint_id = 'CMH-2026-0001008'" >/dev/null
check_eq "the stored forms are a fresh load's" \
	"$(q "$NEW" "SELECT $k FROM complaints WHERE complaint_id NOT IN ('CMH-2026-0001001', 'CMH-2026-0001008') ORDER BY id" | md5sum)" \
	"$(q "$OLD" "SELECT $k FROM complaints WHERE complaint_id NOT IN ('CMH-2026-0001001', 'CMH-2026-0001008') ORDER BY id" | md5sum)"
check_eq "most rows store no display form" 0 \
	"$(q "$NEW" "SELECT sum(k_display IS NOT NULL) * 100 > count(*) FROM complaints")"
check_eq "the upgraded database is sound" ok "$(q "$OLD" 'PRAGMA integrity_check')"

# Matching, analytics and reports on both give the same outputs.
for db in "$NEW" "$OLD"; do
	C="--db $db --config $S/district.ini --as-of 2026-11-27"
	"$NK" match -q $C --out "$db.out" && "$NK" analyze -q $C && "$NK" report -q $C --out "$db.out"
	check_eq "match, analyze, report on $(basename "$db")" 0 $?
done
for f in proposals.csv sla-breaches.csv; do
	check_eq "$f agrees" "$(md5sum <"$NEW.out/$f")" "$(md5sum <"$OLD.out/$f")"
done
check_eq "the trigger still marks a changed name" 1 "$(q "$OLD" "UPDATE complaints SET k_cmp = 'x'
	WHERE id = (SELECT min(id) FROM complaints); SELECT count(*) FROM match_dirty
	WHERE id = (SELECT min(id) FROM complaints)")"
finish
