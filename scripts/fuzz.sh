#!/usr/bin/env bash
# Runs every cargo-fuzz target for FUZZ_SECONDS each (default 600) on stable Rust
# (`-s none`: no sanitizer), one after another. Not part of CI: `make fuzz`.
# Crashes land in fuzz/artifacts/<target>/; keep each one as a regression test.
set -euo pipefail
cd "$(dirname "$0")/../fuzz"
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
seconds="${FUZZ_SECONDS:-600}"
for target in ${FUZZ_TARGETS:-segment quantity ingest pipeline}; do
    echo "== $target for ${seconds}s"
    cargo fuzz run -s none "$target" -- -max_total_time="$seconds" -timeout=10 -max_len=16384 2>&1 |
        grep -E "^#[0-9]+ *(DONE|pulse)|ERROR|SUMMARY|panicked|Test unit written|stat::number_of_executed_units" || true
done
