#!/usr/bin/env bash
# Runs every cargo-fuzz target for FUZZ_SECONDS each (default 600) on stable Rust
# (`-s none`: no sanitizer), FUZZ_JOBS targets at a time (default: one per core).
# Not part of CI: `make fuzz`. Prints each target's runs, coverage and any crash
# or timeout; crashes land in fuzz/artifacts/<target>/: keep each one as a
# regression test. FUZZ_TARGETS picks targets (default: all of them).
set -euo pipefail
cd "$(dirname "$0")/../fuzz"
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
seconds="${FUZZ_SECONDS:-600}"
targets="${FUZZ_TARGETS:-$(cargo fuzz list | tr '\n' ' ')}"
jobs="${FUZZ_JOBS:-$(nproc 2>/dev/null || echo 1)}"
mkdir -p logs
for target in $targets; do
    cargo fuzz build -s none "$target"
done
run() {
    local log="logs/$1.log"
    # -timeout: a single input that runs 10 s is a failure (a stall);
    # -rss_limit_mb: one that needs 2 GB is one too.
    cargo fuzz run -s none "$1" -- -max_total_time="$seconds" -timeout=10 \
        -rss_limit_mb=2048 -max_len=16384 -print_final_stats=1 >"$log" 2>&1 || true
    local runs cov slow problem
    runs=$(grep -oE '^Done [0-9]+ runs' "$log" | grep -oE '[0-9]+' || echo '?')
    cov=$(grep -oE 'cov: [0-9]+ ft: [0-9]+' "$log" | tail -1 || true)
    slow=$(grep -oE 'slowest_unit_time_sec: +[0-9]+' "$log" | grep -oE '[0-9]+$' || echo '?')
    problem=$(grep -E '^==[0-9]+== ERROR|panicked at|deadly signal|^SUMMARY: libFuzzer' "$log" |
        head -2 | tr '\n' ' ' || true)
    echo "== $1: ${runs} runs in ${seconds} s, ${cov:-no coverage line}, slowest input ${slow} s${problem:+, FAILED: $problem}"
}
export -f run
export seconds
printf '%s\n' $targets | xargs -P "$jobs" -I{} bash -c 'run {}'
