#!/usr/bin/env bash
# Specification of the command line: every subcommand runs against a fresh SQLite data
# directory and does what it says. Usage: cli_test.sh PATH/TO/lianjian
set -euo pipefail
lianjian="$1"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export LIANJIAN_DATA_DIR="$work/data"
unset LIANJIAN_DB
# A config file would win over LIANJIAN_DATA_DIR: never read /etc/lianjian/lianjian.conf here.
touch "$work/empty.conf"
export LIANJIAN_CONFIG="$work/empty.conf"
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

# --db and --data-dir after the subcommand's name, for every subcommand: each must use the
# database named there (a separate folder), not LIANJIAN_DATA_DIR's.
x="$work/after"
db="sqlite:$x/lianjian.db"
check after-migrate "$lianjian" migrate --db "$db" --data-dir "$x"
contains "schema version"
test -s "$x/lianjian.db" || { failed=$((failed + 1)); echo "FAILED: migrate --db after the subcommand did not use it"; }
LIANJIAN_DEMO_PASSWORD='After-Pass-2026' check after-demo "$lianjian" demo --db "$db" --data-dir "$x"
contains "演示账号"
check after-user-add "$lianjian" user add wangwu --display-name 王五 --role viewer --db "$db" --data-dir "$x"
contains "created wangwu"
check after-user-passwd "$lianjian" user passwd wangwu --db "$db" --data-dir "$x"
contains "password: "
check after-user-lock "$lianjian" user lock wangwu --db "$db" --data-dir "$x"
contains "locked wangwu"
check after-user-unlock "$lianjian" user unlock --db "$db" --data-dir "$x" wangwu
contains "unlocked wangwu"
check_fails after-user-elsewhere "$lianjian" user lock wangwu  # not in LIANJIAN_DATA_DIR's database
check after-audit-verify "$lianjian" audit verify --db "$db" --data-dir "$x"
contains "audit chain intact"
check after-backup "$lianjian" backup --db "$db" --data-dir "$x" --to "$work/after-backup.db"
test -s "$work/after-backup.db" || { failed=$((failed + 1)); echo "FAILED: no backup file (options after backup)"; }
check after-restore "$lianjian" restore --db "$db" --data-dir "$x" --from "$work/after-backup.db"
contains "restored $db"
# The ledger chains: intact over the demo, and a forged entry is named by alliance, sequence and
# activity (exit 1).
check ledger-verify "$lianjian" ledger verify --db "$db" --data-dir "$x"
contains "ledger chains intact"
# The forged entry follows the first alliance's last real one, so the chain breaks there.
forged_seq=$(sqlite3 "$x/lianjian.db" "SELECT COALESCE(MAX(sequence), 0) + 1 FROM ledger_entry WHERE alliance_id = (SELECT MIN(id) FROM alliance)")
sqlite3 "$x/lianjian.db" "INSERT INTO activity (id, alliance_id, year, linkage, kind, title, starts_at, ends_at, host_unit_id, state, created_at, updated_at) SELECT 900, a.id, 2026, 'theory_study', 'other', '伪造的活动', '2026-01-01T00:00:00.000Z', '2026-01-01T01:00:00.000Z', a.lead_unit_id, 'archived', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z' FROM alliance a ORDER BY a.id LIMIT 1; INSERT INTO ledger_entry (alliance_id, sequence, activity_id, kind, content, previous_hash, entry_hash, created_at) SELECT alliance_id, $forged_seq, 900, 'archive', '{}', '', 'forged', '2026-01-01T00:00:00.000Z' FROM activity WHERE id = 900;"
check_fails ledger-verify-forged "$lianjian" ledger verify --db "$db" --data-dir "$x"
contains "ledger chain BROKEN"
contains "at sequence $forged_seq, activity 900"
contains "伪造的活动"
check_fails after-unknown-option "$lianjian" migrate --no-such-option
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$lianjian" serve --db "$db" --data-dir "$x" --listen "127.0.0.1:$port" >"$work/serve.log" 2>&1 &
serve_pid=$!
served=0
for _ in $(seq 1 100); do
    if curl -sf "http://127.0.0.1:$port/api/v1/health" >/dev/null 2>&1; then served=1; break; fi
    sleep 0.2
done
# The demo password of the database named after `serve` signs in: it is the one served.
login=$(curl -s -o /dev/null -w '%{http_code}' -H 'X-Requested-With: XMLHttpRequest' \
    -H 'Content-Type: application/json' -d '{"username":"admin","password":"After-Pass-2026"}' \
    "http://127.0.0.1:$port/api/v1/auth/login" || true)
kill "$serve_pid"; wait "$serve_pid" || true
if [ "$served" -eq 1 ] && [ "$login" = "200" ]; then passed=$((passed + 1)); else
    failed=$((failed + 1)); echo "FAILED: serve with --db/--data-dir after the subcommand"; cat "$work/serve.log"; fi

# Audit retention (at least 180 days), purge refusals, and the auditor's signed archive verified
# offline, in a data directory of their own.
a="$work/audit-archive"
LIANJIAN_DEMO_PASSWORD=Audit-Pass-2026 check archive-demo "$lianjian" demo --data-dir "$a"
check_fails retention-too-short "$lianjian" audit purge --before 2000-01-01 --audit-retention-days 90 --data-dir "$a"
contains "不得少于 180 天"
contains "at least 180 days"
check_fails serve-retention-too-short "$lianjian" serve --listen 127.0.0.1:0 --audit-retention-days 179 --data-dir "$a"
contains "at least 180 days"
check_fails purge-inside-window "$lianjian" audit purge --before "$(TZ=Asia/Shanghai date +%F)" --data-dir "$a"
contains "不能清除保存期内的审计记录"
check_fails purge-bad-date "$lianjian" audit purge --before 2026-02-30 --data-dir "$a"
check purge-nothing-old "$lianjian" audit purge --before 2000-01-01 --data-dir "$a"
contains "no audit records before 2000-01-01"
check audit-verify-after-purge-refusals "$lianjian" audit verify --data-dir "$a"
contains "audit chain intact"
check audit-public-key "$lianjian" audit public-key --data-dir "$a"
public_key=$(tr -d '\n' <"$work/out")
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$lianjian" serve --data-dir "$a" --listen "127.0.0.1:$port" >"$work/serve-archive.log" 2>&1 &
serve_pid=$!
for _ in $(seq 1 100); do
    curl -sf "http://127.0.0.1:$port/api/v1/health" >/dev/null 2>&1 && break
    sleep 0.2
done
today=$(TZ=Asia/Shanghai date +%F)
curl -s -c "$work/cookies" -o /dev/null -H 'X-Requested-With: XMLHttpRequest' \
    -H 'Content-Type: application/json' -d '{"username":"auditor","password":"Audit-Pass-2026"}' \
    "http://127.0.0.1:$port/api/v1/auth/login" || true
archive_status=$(curl -s -b "$work/cookies" -o "$work/archive.zip" -w '%{http_code}' \
    "http://127.0.0.1:$port/api/v1/audit/archive?from=$today&to=$today" || true)
kill "$serve_pid"; wait "$serve_pid" || true
[ "$archive_status" = "200" ] && passed=$((passed + 1)) || { failed=$((failed + 1)); echo "FAILED: archive download ($archive_status)"; cat "$work/serve-archive.log"; }
check archive-verify "$lianjian" audit verify --archive "$work/archive.zip"
contains "audit archive verified"
check archive-verify-key "$lianjian" audit verify --archive "$work/archive.zip" --public-key "$public_key"
check_fails archive-verify-other-key "$lianjian" audit verify --archive "$work/archive.zip" --public-key "$(printf '0%.0s' $(seq 64))"
contains "REFUSED"
# One byte changed in the workbook, in the proof, in the signature: each refused, saying which.
flip() {  # flip FILE OFFSET: a copy with the byte at OFFSET changed
    python3 -c 'import sys; b=bytearray(open(sys.argv[1],"rb").read()); o=int(sys.argv[2]); b[o]^=1; open(sys.argv[1]+".flipped","wb").write(b)' "$1" "$2"
}
offset_of() {  # offset_of FILE ENTRY [SKIP]: where ENTRY's stored bytes start in the ZIP, plus SKIP
    python3 -c 'import sys,zipfile; z=zipfile.ZipFile(sys.argv[1]); i=z.getinfo(sys.argv[2]); f=open(sys.argv[1],"rb"); f.seek(i.header_offset+26); import struct; n,e=struct.unpack("<HH",f.read(4)); print(i.header_offset+30+n+e+int(sys.argv[3]))' "$1" "$2" "${3:-0}"
}
flip "$work/archive.zip" "$(offset_of "$work/archive.zip" audit.xlsx 100)"
check_fails archive-xlsx-flipped "$lianjian" audit verify --archive "$work/archive.zip.flipped"
contains "audit.xlsx"
flip "$work/archive.zip" "$(offset_of "$work/archive.zip" proof.json 20)"
check_fails archive-proof-flipped "$lianjian" audit verify --archive "$work/archive.zip.flipped"
contains "proof.json"
flip "$work/archive.zip" "$(offset_of "$work/archive.zip" proof.sig 5)"
check_fails archive-signature-flipped "$lianjian" audit verify --archive "$work/archive.zip.flipped"
contains "proof.sig"

# ---- Reliability (issue 12): operations that lose data refuse. ----
# Waits until a server started in the background answers on its port, or fails.
wait_for_server() {  # wait_for_server PORT
    for _ in $(seq 1 100); do
        if curl -s -o /dev/null "http://127.0.0.1:$1/api/v1/health"; then return 0; fi
        sleep 0.2
    done
    return 1
}
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
# Given a running server on the data directory,
port=$(free_port)
"$lianjian" serve --listen "127.0.0.1:$port" >"$work/serve.log" 2>&1 &
server_pid=$!
if wait_for_server "$port"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAILED: server did not start"; cat "$work/serve.log"; fi
# restore refuses while it runs, and the database is left as it was,
before=$(sha256sum "$work/data/lianjian.db" | cut -d' ' -f1)
check_fails restore-while-serving "$lianjian" restore --from "$work/backup.db"
contains "正由另一个联建服务器进程使用"
contains "in use by another Lianjian server"
after=$(sha256sum "$work/data/lianjian.db" | cut -d' ' -f1)
[ "$before" = "$after" ] && passed=$((passed + 1)) || { failed=$((failed + 1)); echo "FAILED: database changed by a refused restore"; }
# a second server on the same SQLite file is refused,
check_fails second-server "$lianjian" serve --listen "127.0.0.1:$(free_port)"
contains "正由另一个联建服务器进程使用"
# and the running server keeps answering.
curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/api/v1/health" | grep -q 200 && passed=$((passed + 1)) || { failed=$((failed + 1)); echo "FAILED: server stopped answering"; }
kill -TERM "$server_pid"; wait "$server_pid" || true
# Once the server has stopped, restore works and keeps the previous database aside.
check user-add-before-restore "$lianjian" user add wangwu --display-name 王五 --role viewer
check restore-after-stop "$lianjian" restore --from "$work/backup.db"
contains "the previous database is kept as"
aside=$(ls "$work/data"/lianjian.db.before-restore-* | tail -n 1)
sqlite3 "$aside" "SELECT username FROM app_user WHERE username='wangwu'" | grep -q wangwu && passed=$((passed + 1)) || { failed=$((failed + 1)); echo "FAILED: previous database not kept aside whole"; }
check audit-verify-after-second-restore "$lianjian" audit verify
contains "audit chain intact"
# The audit chain is keyed and checkpointed: truncating its tail is found and counted.
check user-add-audited "$lianjian" user add zhaoliu --display-name 赵六 --role viewer
sqlite3 "$work/data/lianjian.db" "DROP TRIGGER audit_event_no_delete; DELETE FROM audit_event WHERE id = (SELECT MAX(id) FROM audit_event);"
check_fails audit-verify-truncated "$lianjian" audit verify
contains "records missing at the end"
contains "缺少 1 条记录"
sqlite3 "$work/data/lianjian.db" "DELETE FROM audit_event;"
check_fails audit-verify-emptied "$lianjian" audit verify
contains "records missing at the end"
# A missing key beside sealed or chained data stops every command; no new key is made over it.
mv "$work/data/secret.key" "$work/secret.key.saved"
for command in "audit verify" "user lock zhangsan" "migrate" "demo" "backup --to $work/backup-nokey.db"; do
    # shellcheck disable=SC2086
    check_fails "no-key: $command" "$lianjian" $command
    contains "缺少密钥文件"
    contains "secret.key"
    test ! -e "$work/data/secret.key" && passed=$((passed + 1)) || { failed=$((failed + 1)); echo "FAILED: a key was generated over existing data by '$command'"; rm -f "$work/data/secret.key"; }
done
check_fails no-key-serve "$lianjian" serve --listen "127.0.0.1:$(free_port)"
contains "缺少密钥文件"
mv "$work/secret.key.saved" "$work/data/secret.key"
check key-restored "$lianjian" user lock zhangsan

# ---- Deployment (issue 14): a config file sets any option; bad trusted proxies stop at start. ----
mkdir -p "$work/configured"
cat >"$work/lianjian.conf" <<CONF
data-dir = "$work/configured"
[serve]
trusted-proxy = ["127.0.0.1", "10.0.0.0/8", "fd00::/8"]
CONF
check config-file "$lianjian" --config "$work/lianjian.conf" migrate
test -e "$work/configured/lianjian.db" && passed=$((passed + 1)) || { failed=$((failed + 1)); echo "FAILED: --config's data-dir not used"; }
check config-file-from-environment env LIANJIAN_CONFIG="$work/lianjian.conf" "$lianjian" backup --to "$work/configured-backup.db"
test -e "$work/configured-backup.db" && passed=$((passed + 1)) || { failed=$((failed + 1)); echo "FAILED: LIANJIAN_CONFIG not read"; }
check_fails config-file-missing "$lianjian" --config "$work/no-such.conf" migrate
for bad in 10.0.0.0/33 10.0.0/8 not-an-address fd00::/129; do
    check_fails "trusted-proxy $bad" "$lianjian" serve --trusted-proxy 127.0.0.1 --trusted-proxy "$bad" --listen "127.0.0.1:$(free_port)"
    contains "--trusted-proxy: '$bad'"
done
printf 'data-dir = "%s"\n[serve]\ntrusted-proxy = ["10.0.0.0/33"]\n' "$work/configured" >"$work/bad.conf"
check_fails trusted-proxy-bad-in-config "$lianjian" --config "$work/bad.conf" serve --listen "127.0.0.1:$(free_port)"
contains "10.0.0.0/33"

echo "cli: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
