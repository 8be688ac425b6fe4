# db_default.sh - with no [paths] db the database is nirakaran.db beside the
# config file, as the inbox and out folders are, wherever the command runs
# from (a cron job's folder is not the district's).
. tests/e2e/lib.sh
mkdir -p "$WORK/district/inbox" "$WORK/elsewhere"
printf '[district]\nname = Sehore\n' >"$WORK/district/district.ini"
cp samples/officers.csv "$WORK/district/inbox/officers.csv"
touch -d "1 hour ago" "$WORK/district/inbox/officers.csv"
(cd "$WORK/elsewhere" && "$NK" run -q --config ../district/district.ini --as-of 2026-11-27 2>/dev/null)
check_eq "the run's officers are in the db beside the config" \
	"$(wc -l <samples/officers.csv | awk '{ print $1 - 1 }')" \
	"$(q "$WORK/district/nirakaran.db" "SELECT count(*) FROM officers" 2>/dev/null)"
check_eq "no db where the command ran" "" "$(ls "$WORK/elsewhere")"
# an explicit [paths] db is read beside the config too, and --db still wins
printf '[paths]\ndb = data/d.db\n' >>"$WORK/district/district.ini"
mkdir -p "$WORK/district/data"
(cd "$WORK/elsewhere" && "$NK" init -q --config ../district/district.ini 2>/dev/null)
check_eq "[paths] db beside the config" yes "$([ -s "$WORK/district/data/d.db" ] && echo yes)"
(cd "$WORK/elsewhere" && "$NK" init -q --config ../district/district.ini --db x.db 2>/dev/null)
check_eq "--db as given" yes "$([ -s "$WORK/elsewhere/x.db" ] && echo yes)"
finish
