#!/usr/bin/env bash
# Specification of the command line: every subcommand runs against a fresh SQLite data
# directory and does what it says. Usage: cli_test.sh PATH/TO/lianjian
set -euo pipefail
lianjian="$1"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export LIANJIAN_DATA_DIR="$work/data"
unset LIANJIAN_DB
passed=0
failed=0
check() {  # check NAME COMMAND... : the command must succeed
    if "${@:2}" >"$work/out" 2>&1; then passed=$((passed + 1)); else
        failed=$((failed + 1)); echo "FAILED: $1"; cat "$work/out"; fi
}
check_fails() {
    if "${@:2}" >"$work/out" 2>&1; then
        failed=$((failed + 1)); echo "FAILED (should have failed): $1"; cat "$work/out"; else passed=$((passed + 1)); fi
}
contains() { grep -q -- "$1" "$work/out" || { failed=$((failed + 1)); echo "FAILED: output lacks '$1'"; cat "$work/out"; }; }

check version "$lianjian" --version
contains "lianjian "
check migrate "$lianjian" migrate
contains "schema version"
LIANJIAN_DEMO_PASSWORD= check demo-generated "$lianjian" demo
contains "演示账号的初始密码"
check demo-again "$lianjian" demo
if grep -q "演示账号的初始密码" "$work/out"; then failed=$((failed + 1)); echo "FAILED: demo not idempotent"; fi
check user-add "$lianjian" user add zhangsan --display-name 张三 --role viewer
contains "password: "
check_fails user-add-separation "$lianjian" user add both --display-name x --role system_admin --role auditor
contains "三员分立"
check user-passwd "$lianjian" user passwd zhangsan
contains "password: "
check user-lock "$lianjian" user lock zhangsan
check user-unlock "$lianjian" user unlock zhangsan
check audit-verify "$lianjian" audit verify
contains "audit chain intact"
check backup "$lianjian" backup --to "$work/backup.db"
test -s "$work/backup.db" || { failed=$((failed + 1)); echo "FAILED: no backup file"; }
# A user added after the backup is gone once the backup is restored.
check user-add-later "$lianjian" user add lisi --display-name 李四 --role viewer
check restore "$lianjian" restore --from "$work/backup.db"
check_fails user-gone-after-restore "$lianjian" user lock lisi
check audit-verify-after-restore "$lianjian" audit verify
# Tampering with a record is found by `audit verify` (the trigger must be dropped to do it).
sqlite3 "$work/data/lianjian.db" "DROP TRIGGER audit_event_no_update; UPDATE audit_event SET detail='forged' WHERE id=2;"
check_fails audit-verify-tampered "$lianjian" audit verify
contains "BROKEN at record 2"
check_fails restore-garbage sh -c "echo nonsense > '$work/garbage.db' && '$lianjian' restore --from '$work/garbage.db'"
# The deployment's time zone is an IANA name ICU knows; anything else stops the start.
check_fails unknown-time-zone env LIANJIAN_TIME_ZONE=Mars/Olympus "$lianjian" serve --listen 127.0.0.1:0
contains "未知的时区"

echo "cli: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
