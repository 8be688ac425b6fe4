# officer.sh - OTP enrolment and checks through the real binary; codes come
# from an independent RFC 6238 implementation (tests/tools/totp), as from
# an authenticator app.
. tests/e2e/lib.sh
DB=$WORK/n.db
T=${NKTOOLS:-$PWD/build/tools}
"$NK" ingest --db "$DB" --kind officers samples/officers.csv 2>/dev/null
out=$("$NK" officer enroll SEH-REV-L2 --db "$DB" 2>&1)
check_eq "enroll exits 0" 0 $?
uri=$(printf '%s\n' "$out" | grep '^otpauth://')
check_contains "otpauth link" "otpauth://totp/nirakaran:SEH-REV-L2?secret=" "$uri"
check_contains "QR code drawn" "█" "$out"
secret=$(printf '%s' "$uri" | sed 's/.*secret=\([A-Z2-7]*\).*/\1/')
check_eq "secret kept in the db" "$secret" "$(q "$DB" "SELECT secret FROM officer_otp WHERE officer_id='SEH-REV-L2'")"
code=$("$T/totp" "$secret")
"$NK" officer verify SEH-REV-L2 "$code" --db "$DB" 2>/dev/null
check_eq "current code accepted" 0 $?
out=$("$NK" officer verify SEH-REV-L2 "$code" --db "$DB" 2>&1)
check_eq "same code refused" 1 $?
check_contains "reuse explained" "was used already" "$out"
out=$("$NK" officer enroll NOBODY --db "$DB" 2>&1)
check_eq "unknown officer" 1 $?
check_contains "unknown officer explained" "officer NOBODY is not in the officers master" "$out"
"$NK" officer frob --db "$DB" 2>/dev/null
check_eq "bad usage" 2 $?
finish
