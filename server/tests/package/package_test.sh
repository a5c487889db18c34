#!/usr/bin/env bash
# Specification of the Debian package (issue 14): `cpack -G DEB` on a build directory makes
# lianjian_<version>_amd64.deb whose control data and file list are as the README says; the
# packaged config names every `serve` option; the backup script rotates and the restore drill
# restores and verifies (and fails on a damaged backup). When run as root with
# LIANJIAN_PACKAGE_INSTALL_TEST=1 (`make test`, CI on a fresh Debian 12), the package is
# installed with dpkg -i, its binary is started (without systemd) as the user lianjian with the
# packaged config and serves the web and the API, and a purge removes the user and the data.
# Usage: package_test.sh BUILD_DIR SOURCE_DIR VERSION
set -euo pipefail
build_dir="$1"
source_dir="$2"
version="$3"
lianjian="$build_dir/server/lianjian"
work=$(mktemp -d)
server_pid=""
installed=0
cleanup() {
    if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
    # A failed run leaves no package behind: its config would be read by every later command.
    if [ "$installed" -eq 1 ]; then dpkg --purge lianjian >/dev/null 2>&1 || true; fi
    rm -rf "$work"
}
trap cleanup EXIT
passed=0
failed=0
pass() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); echo "FAILED: $*"; }
expect() {  # expect DESCRIPTION COMMAND...
    if "${@:2}" >/dev/null 2>&1; then pass; else fail "$1"; fi
}

if [ ! -f "$source_dir/web/dist/index.html" ]; then
    echo "FAILED: the web build $source_dir/web/dist is missing; the package needs it." >&2
    echo "        Run \`make web\` (or cd web && npm run build) first." >&2
    exit 1
fi

# ---- The package: control data and file list. ----
# No compression: the test build's binary is large and the test must stay quick.
if ! (cd "$build_dir" && cpack -G DEB -B "$work/out" -D CPACK_DEBIAN_COMPRESSION_TYPE=none \
    >"$work/cpack.log" 2>&1); then
    cat "$work/cpack.log"
    echo "FAILED: cpack"
    exit 1
fi
deb="$work/out/lianjian_${version}_amd64.deb"
if [ ! -f "$deb" ]; then
    ls "$work/out"
    echo "FAILED: $deb not made"
    exit 1
fi
pass
dpkg-deb --info "$deb" >"$work/info"
dpkg-deb --field "$deb" Package | grep -qx lianjian && pass || fail "Package is not lianjian"
dpkg-deb --field "$deb" Version | grep -qx "$version" && pass || fail "Version is not $version"
dpkg-deb --field "$deb" Architecture | grep -qx amd64 && pass || fail "Architecture is not amd64"
depends=$(dpkg-deb --field "$deb" Depends)
# dpkg-shlibdeps found the libraries: libc, libsodium, libsqlite3 at least.
for library in libc6 libsodium libsqlite3 adduser; do
    case "$depends" in *"$library"*) pass ;; *) fail "Depends lacks $library: $depends" ;; esac
done
grep -q "conffiles" "$work/info" && pass || fail "no conffiles in the control data"
dpkg-deb --ctrl-tarfile "$deb" | tar -xO ./conffiles >"$work/conffiles"
grep -qx /etc/lianjian/lianjian.conf "$work/conffiles" && pass || fail "lianjian.conf is not a conffile"
for script in postinst prerm postrm; do
    grep -q " $script" "$work/info" && pass || fail "no $script"
done
dpkg-deb --contents "$deb" | awk '{print $1, $NF}' >"$work/contents"
for path in ./usr/bin/lianjian ./usr/share/lianjian/web/index.html ./etc/lianjian/lianjian.conf \
    ./usr/lib/systemd/system/lianjian.service ./usr/lib/systemd/system/lianjian-backup.service \
    ./usr/lib/systemd/system/lianjian-backup.timer ./usr/lib/lianjian/lianjian-backup \
    ./usr/sbin/lianjian-restore-drill ./usr/share/doc/lianjian/nginx-lianjian.conf \
    ./usr/share/doc/lianjian/README.md; do
    grep -q " $path\$" "$work/contents" && pass || fail "the package lacks $path"
done
grep -q '^-rwxr-xr-x ./usr/bin/lianjian$' "$work/contents" && pass || fail "/usr/bin/lianjian is not 0755"

# ---- The packaged config names every option of `lianjian serve` and the global ones. ----
conf="$source_dir/packaging/lianjian.conf"
options=$("$lianjian" --help; "$lianjian" serve --help) 
for option in $(printf '%s\n' "$options" | grep -oE '^ +--[a-z][a-z0-9-]+' | tr -d ' ' | sort -u); do
    case "$option" in --help | --version | --config) continue ;; esac
    grep -qE "^#? ?${option#--} = " "$conf" && pass || fail "packaging/lianjian.conf does not mention $option"
done
# ... and is what the binary accepts.
mkdir -p "$work/conf-data"
sed "s|^data-dir = .*|data-dir = \"$work/conf-data\"|" "$conf" >"$work/lianjian.conf"
expect "the packaged config is accepted" "$lianjian" --config "$work/lianjian.conf" migrate

# ---- The unit files' hardening, as the README lists it. ----
unit="$source_dir/packaging/systemd/lianjian.service"
for setting in User=lianjian ExecStart=/usr/bin/lianjian NoNewPrivileges=yes ProtectSystem=strict \
    ProtectHome=yes PrivateTmp=yes ReadWritePaths=/var/lib/lianjian CapabilityBoundingSet= \
    SystemCallFilter=@system-service MemoryDenyWriteExecute=yes; do
    grep -q "^${setting}" "$unit" && pass || fail "lianjian.service lacks $setting"
done
grep -q '^OnCalendar=' "$source_dir/packaging/systemd/lianjian-backup.timer" && pass || fail "no OnCalendar"

# ---- The backup script rotates; the restore drill restores and verifies. ----
export LIANJIAN_CONFIG="$work/ops.conf"
printf 'data-dir = "%s"\n' "$work/ops-data" >"$LIANJIAN_CONFIG"
# A small database with an audited account (the demo data would cost the sanitizer build 20 s).
"$lianjian" user add opsadmin --display-name 运维 --role system_admin --password Ops-Pass-2026 >/dev/null
backup_env=(env LIANJIAN_BIN="$lianjian" LIANJIAN_BACKUP_DIR="$work/backups" LIANJIAN_BACKUP_KEEP=2)
for round in 1 2 3; do
    expect "backup $round" "${backup_env[@]}" "$source_dir/packaging/scripts/lianjian-backup"
    [ "$round" -lt 3 ] && sleep 1.1  # names carry the second
done
kept=$(find "$work/backups" -maxdepth 1 -name 'lianjian-*.db' | wc -l)
[ "$kept" -eq 2 ] && pass || fail "rotation kept $kept backups, not 2"
kept_folders=$(find "$work/backups" -maxdepth 1 -name 'lianjian-*.db.attachments' | wc -l)
[ "$kept_folders" -le 2 ] && pass || fail "rotation kept $kept_folders attachment folders"
drill=(env LIANJIAN_BIN="$lianjian" LIANJIAN_KEY_FILE="$work/ops-data/secret.key" TMPDIR="$work")
if "${drill[@]}" "$source_dir/packaging/scripts/lianjian-restore-drill" "$work/backups" >"$work/drill.log" 2>&1; then
    grep -q "restore drill passed" "$work/drill.log" && pass || fail "drill did not say it passed"
else
    fail "restore drill on a sound backup"; cat "$work/drill.log"
fi
# The live data is untouched by the drill, and its scratch folder is gone.
[ -z "$(find "$work" -maxdepth 1 -name 'lianjian-drill.*')" ] && pass || fail "drill left its scratch folder"
# A backup whose audit record was altered fails the drill at `audit verify`.
latest=$(find "$work/backups" -maxdepth 1 -name 'lianjian-*.db' | sort | tail -n 1)
sqlite3 "$latest" "DROP TRIGGER IF EXISTS audit_event_no_update; UPDATE audit_event SET detail = 'altered' WHERE id = (SELECT MIN(id) FROM audit_event);"
if "${drill[@]}" "$source_dir/packaging/scripts/lianjian-restore-drill" "$work/backups" >"$work/drill.log" 2>&1; then
    fail "restore drill passed a tampered backup"; cat "$work/drill.log"
else
    # `restore` itself refuses a chain that does not verify; `audit verify` would catch it next.
    grep -qE "FAILED at: (restore|audit verify)" "$work/drill.log" && grep -q "audit chain" "$work/drill.log" && pass ||
        { fail "drill failed elsewhere"; cat "$work/drill.log"; }
fi
expect "drill without backups fails" bash -c "! ${drill[*]} $source_dir/packaging/scripts/lianjian-restore-drill $work/none"

# ---- The nginx example in front of the server: TLS, HSTS, Secure cookie via the proxy. ----
if command -v nginx >/dev/null && command -v openssl >/dev/null; then
    free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
    app_port=$(free_port); https_port=$(free_port); http_port=$(free_port)
    mkdir -p "$work/nginx/tmp"
    openssl req -x509 -newkey rsa:2048 -nodes -keyout "$work/nginx/key.pem" -out "$work/nginx/cert.pem" \
        -days 1 -subj /CN=localhost >/dev/null 2>&1
    sed -e "s|/etc/ssl/lianjian/fullchain.pem|$work/nginx/cert.pem|" \
        -e "s|/etc/ssl/lianjian/privkey.pem|$work/nginx/key.pem|" \
        -e "s|127.0.0.1:8080|127.0.0.1:$app_port|" -e '/listen \[::\]/d' \
        -e "s|listen 80;|listen 127.0.0.1:$http_port;|" -e "s|listen 443 ssl|listen 127.0.0.1:$https_port ssl|" \
        "$source_dir/packaging/nginx/nginx-lianjian.conf" >"$work/nginx/site.conf"
    cat >"$work/nginx/nginx.conf" <<NGINX
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log;
daemon off;
events {}
http {
    access_log off;
    client_body_temp_path $work/nginx/tmp; proxy_temp_path $work/nginx/tmp;
    fastcgi_temp_path $work/nginx/tmp; uwsgi_temp_path $work/nginx/tmp; scgi_temp_path $work/nginx/tmp;
    include $work/nginx/site.conf;
}
NGINX
    expect "nginx -t accepts the example site" nginx -t -q -c "$work/nginx/nginx.conf" -p "$work/nginx"
    "$lianjian" serve --listen "127.0.0.1:$app_port" --trusted-proxy 127.0.0.1 >"$work/proxied.log" 2>&1 &
    server_pid=$!
    nginx -c "$work/nginx/nginx.conf" -p "$work/nginx" >"$work/nginx/out.log" 2>&1 &
    nginx_pid=$!
    for _ in $(seq 1 100); do
        curl -skf -o /dev/null "https://127.0.0.1:$https_port/api/v1/health" && break
        sleep 0.2
    done
    curl -sk -D "$work/nginx/health.head" -o /dev/null "https://127.0.0.1:$https_port/api/v1/health"
    grep -q "^HTTP/[0-9.]* 200" "$work/nginx/health.head" && grep -qi "^strict-transport-security: max-age=63072000; includeSubDomains" "$work/nginx/health.head" && pass ||
        { fail "no HSTS over the nginx example"; cat "$work/nginx/health.head" "$work/proxied.log"; }
    # The client signs in from 127.0.0.3 (nginx reaches the server from 127.0.0.1, the one
    # trusted proxy) and forges an X-Forwarded-For.
    curl -sk --interface 127.0.0.3 -D "$work/nginx/login.head" -o /dev/null -H 'X-Requested-With: XMLHttpRequest' \
        -H 'Content-Type: application/json' -H 'X-Forwarded-For: 198.51.100.99' \
        -d '{"username":"opsadmin","password":"Ops-Pass-2026"}' "https://127.0.0.1:$https_port/api/v1/auth/login"
    grep -qi '^set-cookie: lianjian_session=.*; Secure' "$work/nginx/login.head" && pass ||
        { fail "the session cookie over nginx TLS is not Secure"; cat "$work/nginx/login.head"; }
    redirect=$(curl -s -o /dev/null -w '%{http_code} %{redirect_url}' "http://127.0.0.1:$http_port/x")
    case "$redirect" in "301 https://"*) pass ;; *) fail "port 80 does not redirect to HTTPS: $redirect" ;; esac
    kill "$nginx_pid" 2>/dev/null || true; wait "$nginx_pid" 2>/dev/null || true
    kill "$server_pid"; wait "$server_pid" || true; server_pid=""
    # The forged X-Forwarded-For of the client is not the address audited: the one nginx saw is.
    sqlite3 "$work/ops-data/lianjian.db" \
        "SELECT source_ip FROM audit_event WHERE action = 'auth.login' ORDER BY id DESC LIMIT 1" >"$work/source"
    grep -qx 127.0.0.3 "$work/source" && pass || fail "audited address through nginx: $(cat "$work/source")"
else
    echo "package: nginx example not tried (nginx or openssl missing)"
fi
unset LIANJIAN_CONFIG

# ---- Installed with dpkg (root, LIANJIAN_PACKAGE_INSTALL_TEST=1). ----
if [ "${LIANJIAN_PACKAGE_INSTALL_TEST:-0}" = "1" ] && [ "$(id -u)" -eq 0 ]; then
    if dpkg -s lianjian >/dev/null 2>&1; then
        echo "FAILED: a lianjian package is installed already; not touching it"
        exit 1
    fi
    installed=1
    if dpkg -i "$deb" >"$work/dpkg.log" 2>&1; then pass; else fail "dpkg -i"; cat "$work/dpkg.log"; fi
    getent passwd lianjian >/dev/null && pass || fail "no user lianjian"
    [ "$(stat -c '%a %U %G' /var/lib/lianjian)" = "700 lianjian lianjian" ] && pass ||
        fail "/var/lib/lianjian is $(stat -c '%a %U %G' /var/lib/lianjian)"
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
    # As the service would run it: the user lianjian, /etc/lianjian/lianjian.conf, no systemd.
    setpriv --reuid=lianjian --regid=lianjian --init-groups --inh-caps=-all \
        env -u LIANJIAN_CONFIG -u LIANJIAN_DATA_DIR -u LIANJIAN_DB \
        /usr/bin/lianjian serve --listen "127.0.0.1:$port" >"$work/serve.log" 2>&1 &
    server_pid=$!
    ready=""
    for _ in $(seq 1 150); do
        ready=$(curl -s -o "$work/ready.json" -w '%{http_code}' "http://127.0.0.1:$port/api/v1/health/ready" || true)
        [ "$ready" = "200" ] && break
        sleep 0.2
    done
    [ "$ready" = "200" ] && pass || { fail "readiness of the installed server: $ready"; cat "$work/serve.log"; }
    grep -q '"status":"ready"' "$work/ready.json" && pass || fail "ready body: $(cat "$work/ready.json")"
    curl -s "http://127.0.0.1:$port/" | grep -qi '<div id="app"' && pass || fail "the web is not served"
    [ -f /var/lib/lianjian/lianjian.db ] && [ "$(stat -c %U /var/lib/lianjian/lianjian.db)" = lianjian ] && pass ||
        fail "the database is not in /var/lib/lianjian, owned by lianjian"
    kill "$server_pid"; wait "$server_pid" || true; server_pid=""
    if dpkg --purge lianjian >"$work/dpkg.log" 2>&1; then pass; else fail "dpkg --purge"; cat "$work/dpkg.log"; fi
    installed=0
    getent passwd lianjian >/dev/null && fail "user lianjian left after purge" || pass
    [ ! -e /var/lib/lianjian ] && pass || fail "/var/lib/lianjian left after purge"
    [ ! -e /etc/lianjian/lianjian.conf ] && pass || fail "conffile left after purge"
else
    echo "package: dpkg -i not tried (it needs root and LIANJIAN_PACKAGE_INSTALL_TEST=1)"
fi

echo "package: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
