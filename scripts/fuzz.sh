#!/usr/bin/env bash
# Runs every libFuzzer target for SECONDS each (at nice 19), starting from the checked-in seeds,
# and prints executions and crashes per target and in total. Usage: fuzz.sh BUILD_DIR SECONDS
# New interesting inputs go to BUILD_DIR/fuzz-corpus/<target>; a crashing input is written to
# BUILD_DIR/fuzz-findings/ and should be added to server/fuzz/corpus/<target>/ once fixed.
set -uo pipefail
build="$1"
seconds="${2:-60}"
root="$(cd "$(dirname "$0")/.." && pwd)"
total_runs=0
total_crashes=0
mkdir -p "$build/fuzz-findings"
for target in http_request json_input member_import; do
    binary="$build/server/fuzz/fuzz_$target"
    work="$build/fuzz-corpus/$target"
    mkdir -p "$work"
    log="$build/fuzz-$target.log"
    ASAN_OPTIONS=detect_leaks=0:abort_on_error=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
        nice -n 19 "$binary" -max_total_time="$seconds" -print_final_stats=1 -rss_limit_mb=4096 \
        -artifact_prefix="$build/fuzz-findings/$target-" "$work" "$root/server/fuzz/corpus/$target" \
        >"$log" 2>&1
    status=$?
    runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -n 1)
    runs=${runs:-0}
    crashes=0
    if [ "$status" -ne 0 ]; then crashes=1; tail -n 30 "$log"; fi
    echo "fuzz $target: $runs executions in ${seconds} s, $crashes crashes"
    total_runs=$((total_runs + runs))
    total_crashes=$((total_crashes + crashes))
done
echo "fuzz total: $total_runs executions, $total_crashes crashes"
[ "$total_crashes" -eq 0 ]
