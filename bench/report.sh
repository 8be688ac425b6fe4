#!/usr/bin/env bash
# report.sh - time and peak memory of `nirakaran report` writing a Breaches
# sheet of 1,000,000 rows (constant_memory mode; CSV twins off), as in make
# bench. Target: <= 8 s and <= 100 MB peak RSS.
# Usage: NK=path/to/nirakaran bench/report.sh [ROWS]
set -eu
NK=${NK:-$PWD/build/nirakaran}
ROWS=${1:-1000000}
T=$(mktemp -d "${TMPDIR:-/tmp}/nk-bench-report.XXXXXX")
trap 'rm -rf "$T"' EXIT
"$NK" init -q --db "$T/n.db"
# Breached complaints of one night, straight into the analytics table.
sqlite3 "$T/n.db" "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $ROWS)
INSERT INTO sla_status SELECT '2026-11-27', printf('CMH-2026-%07d', i), date('2026-11-27', '-' || (i % 400) || ' days'),
 'open', 1 + i % 4, printf('SEH-REV-L%d-%02d', 1 + i % 4, i % 37), 'प्रकाश धुर्वे', 'राजस्व विभाग', 'सीमांकन/नामांतरण',
 'सीमांकन/नामांतरण', 1, 'रामकली उइके', 'मुंगावली', 'आष्टा', date('2026-11-27', '-' || (i % 90) || ' days'), 'export',
 30, date('2026-11-27', '-' || (1 + i % 60) || ' days'), -(1 + i % 60), 1 + i % 60, 1, i % 400, '101-300', 1, 0, 0 FROM n"
/usr/bin/time -v "$NK" report -q --db "$T/n.db" --as-of 2026-11-27 --out "$T/out" --no-csv 2>"$T/time"
wall=$(grep 'Elapsed (wall clock)' "$T/time" | awk '{print $NF}')
rss=$(grep 'Maximum resident set size' "$T/time" | awk '{print $NF}')
echo "report: $ROWS-row Breaches sheet written in $wall (m:ss) wall, peak RSS $((rss / 1024)) MB," \
	"sla-report.xlsx $(du -m "$T/out/sla-report.xlsx" | cut -f1) MB (target <= 8 s, <= 100 MB)"
