#!/usr/bin/env bash
# Renders a page of the reports in headless Chromium and saves a PNG, so that a
# person can look at the page as a reader sees it. Installs Debian's chromium
# when missing.
# Usage: scripts/screenshot.sh [REPORT_DIR] [OUT.png]
#   WIDTH=400 for a phone-sized window (default 1280), HEIGHT (default 2000),
#   PAGE=stories/<slug>.html for a story's page of a corpus (default report.html);
#   default REPORT_DIR: reports of fixtures/report-flood written to target/screenshot/
set -euo pipefail
cd "$(dirname "$0")/.."
out_png="${2:-target/screenshot/report.png}"
mkdir -p "$(dirname "$out_png")"
if ! command -v chromium >/dev/null 2>&1; then
    apt-get update
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium fonts-dejavu-core
fi
if [ -n "${1:-}" ]; then
    dir="$1"
else
    cargo build --release --locked --quiet
    dir=target/screenshot/reports
    # Exit 4 (inputs skipped) still writes the reports; anything else is an error.
    target/release/crossclaim compare fixtures/report-flood/valley-floods fixtures/report-flood/unrelated \
        -o "$dir" --quiet || [ $? -eq 4 ]
fi
profile="$(mktemp -d)"
trap 'rm -rf "$profile"' EXIT
chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$profile" --hide-scrollbars --window-size="${WIDTH:-1280},${HEIGHT:-2000}" \
    --screenshot="$(realpath -m "$out_png")" "file://$(realpath "$dir/${PAGE:-report.html}")" 2>/dev/null
test -s "$out_png"
echo "screenshot: $out_png"
