#!/usr/bin/env bash
# Read throughput on city-scale data (lianjian demo --scale city: 2,000 units, 400 alliances,
# 100,000 members), beside nginx serving the very same bytes as a static file, in one run on
# loopback. For each endpoint: requests/s of lianjian and of nginx and their ratio (wrk, closed
# loop), then the p50/p99 latency of lianjian at half its own rate (wrk paced by
# bench/paced.lua), and at the end the server's resident memory.
#
# Usage: server/bench/run.sh [path/to/lianjian] [seconds per measurement]
#   BENCH_DATA_DIR=DIR   reuse (or create there) the city data instead of a temporary copy
#   BENCH_GENERATOR=BIN  the binary that creates the data (default: the one measured), so an
#                        older build can be measured on the same data
#   BENCH_SERVER_ARGS    extra `serve` options (e.g. --read-cache-ms 0 for a build that has it)
#   BENCH_CONNECTIONS    wrk connections for the throughput runs (default 32)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
lianjian=$(realpath "${1:-build/release/server/lianjian}")
seconds=${2:-10}
connections=${BENCH_CONNECTIONS:-32}
generator=$(realpath "${BENCH_GENERATOR:-$lianjian}")
password='Bench-Pass-2026'
work=$(mktemp -d)
data=${BENCH_DATA_DIR:-$work/data}
server_pid=""
nginx_pid=""
cleanup() {
    if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true; fi
    if [ -n "$nginx_pid" ]; then kill "$nginx_pid" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

if [ ! -f "$data/lianjian.db" ] || [ -n "${BENCH_REGENERATE:-}" ]; then
    start=$(date +%s.%N)
    LIANJIAN_DEMO_PASSWORD=$password "$generator" demo --scale city --data-dir "$data" >"$work/demo.log"
    end=$(date +%s.%N)
    awk -v s="$start" -v e="$end" 'BEGIN { printf "city data generated in %.1f s\n", e - s }'
fi

app_port=$(free_port)
"$lianjian" --data-dir "$data" serve --listen "127.0.0.1:$app_port" ${BENCH_SERVER_ARGS:-} \
    >"$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 100); do
    curl -sf "http://127.0.0.1:$app_port/api/v1/health" >/dev/null && break
    sleep 0.1
done
cookie=$(curl -s -D - -o /dev/null -H 'X-Requested-With: XMLHttpRequest' -H 'Content-Type: application/json' \
    -d "{\"username\":\"admin\",\"password\":\"$password\"}" "http://127.0.0.1:$app_port/api/v1/auth/login" |
    sed -n 's/^Set-Cookie: \([^;]*\).*/\1/ip')
[ -n "$cookie" ] || { echo "login failed"; cat "$work/server.log"; exit 1; }

alliance_id=$(curl -sf -H "Cookie: $cookie" "http://127.0.0.1:$app_port/api/v1/alliances?page=1&page_size=1" |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["items"][-1]["id"])')
search=$(python3 -c 'import urllib.parse; print(urllib.parse.quote("王伟"))')
endpoints=(
    "/api/v1/units?page_size=20"
    "/api/v1/members?page_size=20&q=$search"
    "/api/v1/alliances?page_size=20"
    "/api/v1/alliances/$alliance_id"
)

nginx_port=$(free_port)
mkdir -p "$work/nginx" "$work/static"
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
    server { listen 127.0.0.1:$nginx_port; root $work/static; location / { } }
}
CONF
nginx -c "$work/nginx/nginx.conf" &
nginx_pid=$!

rate() { wrk -t2 -c"$connections" -d"${seconds}s" "$@" | awk '/Requests\/sec/ {print $2}'; }
# Paced at about `target` requests/s: each connection waits 10 ms between requests.
paced() {
    local target=$1
    shift
    local paced_connections=$(((target + 50) / 100))
    [ "$paced_connections" -ge 1 ] || paced_connections=1
    local threads=2
    [ "$paced_connections" -ge 2 ] || threads=1
    wrk -t"$threads" -c"$paced_connections" -d"${seconds}s" --latency -s "$here/paced.lua" "$@"
}

printf '%-42s %8s %10s %10s %6s %12s %9s %9s\n' endpoint bytes lianjian nginx ratio "half load" p50 p99
index=0
for endpoint in "${endpoints[@]}"; do
    index=$((index + 1))
    curl -sf -H "Cookie: $cookie" "http://127.0.0.1:$app_port$endpoint" >"$work/static/$index.json"
    size=$(stat -c %s "$work/static/$index.json")
    for _ in $(seq 1 50); do
        curl -sf "http://127.0.0.1:$nginx_port/$index.json" >/dev/null && break
        sleep 0.1
    done
    app_rate=$(rate -H "Cookie: $cookie" "http://127.0.0.1:$app_port$endpoint")
    nginx_rate=$(rate "http://127.0.0.1:$nginx_port/$index.json")
    half=$(awk -v a="$app_rate" 'BEGIN { printf "%d", a / 2 }')
    paced "$half" -H "Cookie: $cookie" "http://127.0.0.1:$app_port$endpoint" >"$work/paced.txt"
    achieved=$(awk '/Requests\/sec/ {printf "%d", $2}' "$work/paced.txt")
    p50=$(awk '$1 == "50%" {print $2}' "$work/paced.txt")
    p99=$(awk '$1 == "99%" {print $2}' "$work/paced.txt")
    label=$endpoint
    [ "$index" -eq 2 ] && label="/api/v1/members?page_size=20&q=王伟"
    printf '%-42s %8s %10s %10s %6s %12s %9s %9s\n' "$label" "$size" "$app_rate" "$nginx_rate" \
        "$(awk -v a="$app_rate" -v n="$nginx_rate" 'BEGIN { printf "%.3f", a / n }')" \
        "$achieved/s" "$p50" "$p99"
done
rss=$(ps -o rss= -p "$server_pid" | tr -d ' ')
echo "server RSS after the run: $((rss / 1024)) MiB"
