#!/usr/bin/env bash
# Runs every cargo-fuzz target for FUZZ_SECONDS each (default 600) on stable Rust
# (`-s none`: no sanitizer), FUZZ_JOBS targets at a time (default 1). Not part of
# CI: `make fuzz`. Prints each target's executions, coverage and any crash; crashes
# land in fuzz/artifacts/<target>/: keep each one as a regression test.
set -euo pipefail
cd "$(dirname "$0")/../fuzz"
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
seconds="${FUZZ_SECONDS:-600}"
targets="${FUZZ_TARGETS:-segment quantity ingest pipeline}"
mkdir -p logs
for target in $targets; do
    cargo fuzz build -s none "$target"
done
run() {
    cargo fuzz run -s none "$1" -- -max_total_time="$seconds" -timeout=10 -max_len=16384 \
        >"logs/$1.log" 2>&1 || true
    echo "== $1 ($seconds s): $(grep -E '^Done [0-9]+ runs' "logs/$1.log" || echo 'no summary')"
    grep -E "^#[0-9]+[[:space:]]+DONE|ERROR|panicked|Test unit written|SUMMARY" "logs/$1.log" || true
}
export -f run
export seconds
printf '%s\n' $targets | xargs -P "${FUZZ_JOBS:-1}" -I{} bash -c 'run {}'
