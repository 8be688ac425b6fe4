#!/usr/bin/env bash
# report.sh - time and peak memory of `nirakaran report` writing a Breaches
# sheet of 1,000,000 rows (constant_memory mode), as in make bench, three ways:
#   xlsx        the workbook alone (--no-csv), what the target speaks of;
#   xlsx+csv    the workbook with its CSV twins, as the nightly run writes;
#   lxw alone   the same sheet straight through libxlsxwriter, no db and no
#               book layer (tests/tools/xlsxwfloor): the floor under the first;
# then how much of the floor is zlib's deflate at libxlsxwriter's fixed level
# 6 (xlsxwfloor -z deflates the floor's sheet XML at levels 6 and 1).
# Target for the first: <= 8 s and <= 100 MB peak RSS. These write every
# row ([report] max_rows = 0): they measure the sheet, not the cap.
#
# Then the report of a whole generated night of ROWS complaints (nkgen, one
# `nirakaran run` to ingest, match and analyse it, cached in BENCH_DIR), as
# the nightly run writes it: the workbooks keep what fits a review meeting
# ([report] max_rows, default 1000 rows a sheet), the CSVs every row. The
# figure a 1M night's report once cost: 51-72 s and a 36 MB workbook.
# Usage: NK=path/to/nirakaran NKTOOLS=path/to/tools bench/report.sh [ROWS]
set -eu
NK=${NK:-$PWD/build/nirakaran}
TOOLS=${NKTOOLS:-$(dirname "$NK")/tools}
ROWS=${1:-${BENCH_N:-1000000}}
BENCH_DIR=${BENCH_DIR:-${TMPDIR:-/tmp}/nirakaran-bench} # as bench/lib.sh, for the cached night
T=$(mktemp -d "${TMPDIR:-/tmp}/nk-bench-report.XXXXXX")
trap 'rm -rf "$T"' EXIT
"$NK" init -q --db "$T/n.db"
printf '[report]\nmax_rows = 0\n' >"$T/all.ini"
# Breached complaints of one night, straight into the analytics table.
sqlite3 "$T/n.db" "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $ROWS)
INSERT INTO sla_status SELECT '2026-11-27', printf('CMH-2026-%07d', i), date('2026-11-27', '-' || (i % 400) || ' days'),
 'open', 1 + i % 4, printf('SEH-REV-L%d-%02d', 1 + i % 4, i % 37), 'प्रकाश धुर्वे', 'राजस्व विभाग', 'सीमांकन/नामांतरण',
 'सीमांकन/नामांतरण', 1, 'रामकली उइके', 'मुंगावली', 'आष्टा', date('2026-11-27', '-' || (i % 90) || ' days'), 'export',
 30, date('2026-11-27', '-' || (1 + i % 60) || ' days'), -(1 + i % 60), 1 + i % 60, 1, i % 400, '101-300', 1, 0, 0 FROM n;
INSERT INTO nightly_summary VALUES ('2026-11-27', NULL, $ROWS, $ROWS, 0, 0, 0, 0, 0, 0, 0, 0, NULL, NULL,
 'calendar days', 'mobile', datetime('now'))"

# run LABEL OUTFILE CMD...: wall, CPU and peak RSS via /usr/bin/time -v
run() {
	local label=$1 out=$2
	shift 2
	/usr/bin/time -v "$@" 2>"$T/time"
	awk -v l="$label" -v r="$ROWS" -v mb="$(du -sm "$out" | cut -f1)" -F': ' '
		/Elapsed \(wall clock\)/ { n = split($2, p, ":"); for (i = 1; i <= n; i++) w = w * 60 + p[i] }
		/User time/ { u = $2 } /System time/ { s = $2 }
		/Maximum resident set size/ { m = $2 }
		END { printf "report: %-9s %d rows: %6.2f s wall, %6.2f s CPU, peak RSS %4d MB, %d MB written\n",
			l, r, w, u + s, m / 1024, mb }' "$T/time"
}

run xlsx "$T/out/sla-report.xlsx" \
	"$NK" report -q --db "$T/n.db" --config "$T/all.ini" --as-of 2026-11-27 --out "$T/out" --no-csv
rm -rf "$T/out"
run xlsx+csv "$T/out" \
	"$NK" report -q --db "$T/n.db" --config "$T/all.ini" --as-of 2026-11-27 --out "$T/out"
rm -rf "$T/out"
mkdir "$T/lxw"
lxw=$(run "lxw alone" "$T/lxw/breaches.xlsx" "$TOOLS/xlsxwfloor" "$T/lxw/breaches.xlsx" "$ROWS")
printf '%s\n' "$lxw" | grep '^report:'
z=$("$TOOLS/xlsxwfloor" -z "$T/lxw/breaches.xlsx")
printf '%s\n%s\n' "$lxw" "$z" | awk '
	/^report: lxw alone/ { sub(/.* rows: */, ""); wall = $1; cpu = $4 }
	/^xlsxwfloor: deflate/ { n = split($0, f, "; ")
		for (i = 1; i <= n; i++) if (f[i] ~ /^level [0-9]+: /) { split(f[i], p, " "); t[p[2] + 0] = p[3] }
		split(f[1], b, ": "); mb = b[3] / 1e6 }
	END { printf "report: floor (libxlsxwriter alone, same sheet) %.2f s wall, %.2f s CPU; of which deflate" \
		" level 6 ~%.2f s CPU (level 1 would take ~%.2f s: floor ~%.2f s CPU)\n", wall, cpu, t[6], t[1],
		cpu - t[6] + t[1]
		printf "report: (floor: tests/tools/xlsxwfloor; deflate: zlib timed apart on its %.0f MB of sheet XML" \
		" as libxlsxwriter calls it; Debian'"'"'s libxlsxwriter fixes level 6)\n", mb }'
echo "report: target for xlsx <= 8 s wall and <= 100 MB peak RSS"

# A whole night: generated once, analysed and matched by a first run.
N=$BENCH_DIR/report-night-$ROWS
if [ ! -s "$N/nirakaran.db" ] || [ ! -f "$N/done" ]; then
	rm -rf "$N" && mkdir -p "$N/inbox"
	"$TOOLS/nkgen" -n "$ROWS" --seed 7 --snapshot-date 2026-11-27 --out "$N/inbox/complaints-2026-11-27.csv" \
		--truth "$N/truth.csv" --categories "$N/inbox/categories.csv" --officers "$N/inbox/officers.csv" \
		>/dev/null 2>&1
	printf '[district]\nname = Bench\nname_hi = बेंच\n[otp]\nrequired = yes\n' >"$N/district.ini"
	rc=0
	"$NK" run -q --config "$N/district.ini" --as-of 2026-11-27 2>/dev/null || rc=$?
	[ $rc -le 3 ] && touch "$N/done"
fi
rm -rf "$T/night"
run night "$T/night" "$NK" report -q --config "$N/district.ini" --as-of 2026-11-27 --out "$T/night"
for f in sla-report.xlsx merge-review.xlsx; do
	printf 'report: night %d complaints: %s %d MB (%s)\n' "$ROWS" "$f" \
		"$(du -m "$T/night/$f" | cut -f1)" \
		"$("$TOOLS/xlsxdump" -l "$T/night/$f" | grep -v hidden | while IFS= read -r s; do
			printf '%s %s; ' "${s##* - }" "$("$TOOLS/xlsxdump" -c -s "$s" "$T/night/$f" | sed -n 's/^rows: //p')"
		done)"
done
printf 'report: night %d complaints: the CSVs %d MB, every row\n' "$ROWS" \
	"$(cat "$T/night"/*.csv | wc -c | awk '{printf "%d", $1 / 1e6}')"
