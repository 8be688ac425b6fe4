#!/usr/bin/env bash
# analytics.sh - `nirakaran analyze` on the samples (both nights and the
# movement log) as of 2026-11-27, checked against the cases samples/README.md
# lists: each rule case, each officer-mobile problem, the unknown category,
# the night's escalations; then a recomputation and a past night.
. "$(dirname "$0")/lib.sh"
S=$ROOT/samples
DB=$WORK/nk.db
cp "$S/district.ini" "$S/holidays.txt" "$WORK/"
CFG=$WORK/district.ini

if ! "$NK" analyze --help >/dev/null 2>&1; then
	fail "nirakaran analyze is not available (is cmd_analyze in cli/main.c's table?)"
	finish
	exit 1
fi
"$NK" init --db "$DB" 2>/dev/null
"$NK" ingest --db "$DB" --kind categories "$S/categories.csv" 2>/dev/null
"$NK" ingest --db "$DB" --kind officers "$S/officers.csv" 2>/dev/null
"$NK" ingest --db "$DB" "$S/complaints-2026-11-26.csv" 2>/dev/null
"$NK" ingest --db "$DB" "$S/complaints-2026-11-27.csv" 2>/dev/null
"$NK" ingest --db "$DB" --kind movements "$S/movements-2026-11-27.csv" 2>/dev/null
log=$("$NK" analyze --db "$DB" --config "$CFG" --as-of 27-11-2026 2>&1)
check_eq "analyze exit code" 0 $?
check_contains "summary line for the rules" "rule violations: 5" "$log"
check_contains "summary line for the grading" "grading: district" "$log"

A="as_of = '2026-11-27'"
viol() { q "$DB" "SELECT group_concat(kind, ' ') FROM (SELECT kind FROM rule_violations WHERE $A AND complaint_id = '$1' ORDER BY kind)"; }
check_eq "late category change" "category_change_late" "$(viol CMH-2026-0002800)"
check_eq "category change by L2" "category_change_late category_change_not_l1" "$(viol CMH-2026-0002296)"
check_eq "out of jurisdiction at L2" "oj_below_level" "$(viol CMH-2026-0002338)"
check_eq "sent back to the same L3 officer" "oj_back_to_same_officer" "$(viol CMH-2026-0001694)"
check_eq "L1 change on day 1 is allowed" "" "$(viol CMH-2026-0003038)"
check_eq "out of jurisdiction at L4 is allowed" "" "$(viol CMH-2026-0001568)"
check_eq "returned L2 to L1 is not a violation" "" "$(viol CMH-2026-0002933)"
check_eq "officer of the late change" "SEH-REV-L1-02" \
	"$(q "$DB" "SELECT officer_id FROM rule_violations WHERE $A AND complaint_id = 'CMH-2026-0002800'")"

# the allowed change resets the time limit to the new category's
check_eq "time limit from the new category" "नाली सफाई" \
	"$(q "$DB" "SELECT sla_category FROM sla_status WHERE $A AND complaint_id = 'CMH-2026-0003038'")"
# the L2 officer's change does not: the old category's limits stay
check_eq "time limit not reset by L2" "सड़क निर्माण" \
	"$(q "$DB" "SELECT coalesce(sla_category, 'closed') FROM sla_status WHERE $A AND complaint_id = 'CMH-2026-0002296'")"

dq() { q "$DB" "SELECT group_concat(problem, ' ') FROM officer_quality WHERE $A AND officer_id = '$1'"; }
check_eq "invalid officer mobile" "invalid_mobile" "$(dq SEH-REV-L1-04)"
check_eq "shared mobile (1)" "shared_mobile" "$(dq SEH-ENG-L1-02)"
check_eq "shared mobile (2)" "shared_mobile" "$(dq SEH-UDH-L2)"
check_eq "no mobile" "no_mobile" "$(dq SEH-FCS-L1-02)"
check_eq "complainant's mobile" "complainant_mobile" "$(dq SEH-HLT-L1-06)"
check_contains "complainant's mobile names the complaint" "CMH-2026-0001015" \
	"$(q "$DB" "SELECT detail_en FROM officer_quality WHERE $A AND officer_id = 'SEH-HLT-L1-06'")"
check_eq "only those five" 5 "$(q "$DB" "SELECT count(*) FROM officer_quality WHERE $A")"

check_eq "unknown category listed" "गैस कनेक्शन नहीं मिलना" \
	"$(q "$DB" "SELECT subject FROM data_quality WHERE $A AND kind = 'unknown_category'")"
check_eq "unknown category: default days" 0 \
	"$(q "$DB" "SELECT count(*) FROM sla_status WHERE $A AND category = 'गैस कनेक्शन नहीं मिलना' AND category_known")"

# night 2's 16 escalations (README), each charged to the log's lower officer
check_eq "escalations of the night" 16 \
	"$(q "$DB" "SELECT count(*) FROM escalation_events WHERE $A AND event_date = '2026-11-27'")"
check_eq "escalation charged" "1 2 SEH-UDH-L1-08 1 movement" \
	"$(q "$DB" "SELECT from_level || ' ' || to_level || ' ' || charged_officer || ' ' || is_auto || ' ' || source FROM escalation_events WHERE $A AND complaint_id = 'CMH-2026-0002982'")"
check_eq "manual L3->L4 of 23-11" "0 SEH-PRD-L3" \
	"$(q "$DB" "SELECT is_auto || ' ' || charged_officer FROM escalation_events WHERE $A AND complaint_id = 'CMH-2026-0001694'")"
check_eq "escalated L2->L3 now at L3" 3 \
	"$(q "$DB" "SELECT level FROM sla_status WHERE $A AND complaint_id = 'CMH-2026-0002968'")"
check_eq "closed complaints are not in sla_status" 0 \
	"$(q "$DB" "SELECT count(*) FROM sla_status WHERE $A AND complaint_id = 'CMH-2026-0001904'")"

# the breach figures agree with their rows
check_eq "summary = rows" "$(q "$DB" "SELECT count(*) || ' ' || sum(breached) FROM sla_status WHERE $A")" \
	"$(q "$DB" "SELECT open || ' ' || breached FROM nightly_summary WHERE $A")"
check_eq "every open complaint has a due date" 0 \
	"$(q "$DB" "SELECT count(*) FROM sla_status WHERE $A AND (due_date IS NULL OR level_start IS NULL)")"
check_eq "grading rows: the district and departments" 1 \
	"$(q "$DB" "SELECT count(*) FROM grading WHERE $A AND scope = 'district' AND name = 'Sehore'")"

# recomputing replaces the night; a past night is computed from the history
before=$(q "$DB" "SELECT count(*) FROM rule_violations WHERE $A")
"$NK" analyze --db "$DB" --config "$CFG" --as-of 2026-11-27 2>/dev/null
check_eq "recomputed night: same rows" "$before" "$(q "$DB" "SELECT count(*) FROM rule_violations WHERE $A")"
"$NK" analyze --db "$DB" --config "$CFG" --as-of 2026-11-26 2>/dev/null
check_eq "night 1: CMH-2026-0002982 still at L1" 1 \
	"$(q "$DB" "SELECT level FROM sla_status WHERE as_of = '2026-11-26' AND complaint_id = 'CMH-2026-0002982'")"
check_eq "two nights in the trend" 2 "$(q "$DB" "SELECT count(*) FROM nightly_summary")"

# working days: a bad holiday list is refused with its line
printf '2026-01-26\nnot a date\n' >"$WORK/holidays.txt"
sed -i 's/^working_days = no/working_days = yes/' "$CFG"
out=$("$NK" analyze --db "$DB" --config "$CFG" --as-of 2026-11-27 2>&1)
check_eq "bad holiday list: exit code" 1 $?
check_contains "bad holiday list: file and line" "holidays.txt:2:" "$out"
finish
