#!/usr/bin/env bash
# Throughput of an authenticated read endpoint beside nginx serving a static JSON file of the
# same size, in one run, on loopback. Prints requests per second for both and their ratio.
# Usage: server/bench/run.sh [path/to/lianjian] [seconds]
set -euo pipefail
lianjian=${1:-build/release/server/lianjian}
seconds=${2:-10}
connections=${BENCH_CONNECTIONS:-32}
endpoint=${BENCH_ENDPOINT:-/api/v1/units?page_size=20}
work=$(mktemp -d)
server_pid=""
nginx_pid=""
cleanup() {
    [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true
    [ -n "$nginx_pid" ] && kill "$nginx_pid" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

app_port=$(free_port)
LIANJIAN_DEMO_PASSWORD='Bench-Pass-2026' "$lianjian" --data-dir "$work/data" serve --demo \
    --listen "127.0.0.1:$app_port" ${BENCH_SERVER_ARGS:-} >"$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 100); do
    curl -sf "http://127.0.0.1:$app_port/api/v1/health" >/dev/null && break
    sleep 0.1
done
cookie=$(curl -s -D - -o /dev/null -H 'X-Requested-With: XMLHttpRequest' -H 'Content-Type: application/json' \
    -d '{"username":"admin","password":"Bench-Pass-2026"}' "http://127.0.0.1:$app_port/api/v1/auth/login" |
    sed -n 's/^Set-Cookie: \([^;]*\).*/\1/ip')
[ -n "$cookie" ] || { echo "login failed"; cat "$work/server.log"; exit 1; }
curl -sf -H "Cookie: $cookie" "http://127.0.0.1:$app_port$endpoint" >"$work/static.json"
size=$(stat -c %s "$work/static.json")

nginx_port=$(free_port)
mkdir -p "$work/nginx"
cat >"$work/nginx/nginx.conf" <<CONF
worker_processes auto;
daemon off;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log;
events { worker_connections 1024; }
http {
    access_log off;
    types { application/json json; }
    client_body_temp_path $work/nginx; proxy_temp_path $work/nginx; fastcgi_temp_path $work/nginx;
    uwsgi_temp_path $work/nginx; scgi_temp_path $work/nginx;
    server { listen 127.0.0.1:$nginx_port; root $work; location / { } }
}
CONF
nginx -c "$work/nginx/nginx.conf" &
nginx_pid=$!
for _ in $(seq 1 50); do
    curl -sf "http://127.0.0.1:$nginx_port/static.json" >/dev/null && break
    sleep 0.1
done

rate() { wrk -t2 -c"$connections" -d"${seconds}s" "$@" | awk '/Requests\/sec/ {print $2}'; }
app_rate=$(rate -H "Cookie: $cookie" "http://127.0.0.1:$app_port$endpoint")
nginx_rate=$(rate "http://127.0.0.1:$nginx_port/static.json")
echo "response size:                 $size bytes"
echo "lianjian GET $endpoint (authenticated): $app_rate req/s"
echo "nginx static file of the same size:      $nginx_rate req/s"
awk -v a="$app_rate" -v n="$nginx_rate" 'BEGIN { printf "ratio lianjian / nginx: %.2f\n", a / n }'
