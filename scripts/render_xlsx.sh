#!/usr/bin/env bash
# Opens report.xlsx headless in LibreOffice Calc and renders every sheet to PNG
# (through PDF, one page image each), so that a person can look at the
# spreadsheet as a reader opens it. Installs Debian's libreoffice-calc and
# poppler-utils when missing; CI does not run this (the install is slow).
# Usage: scripts/render_xlsx.sh [REPORT_DIR] [OUT_DIR]
#   default REPORT_DIR: reports of the seeds written to target/render-xlsx/reports
set -euo pipefail
cd "$(dirname "$0")/.."
out="${2:-target/render-xlsx}"
mkdir -p "$out"
if ! command -v soffice >/dev/null 2>&1 || ! command -v pdftoppm >/dev/null 2>&1; then
    apt-get update
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
        libreoffice-calc poppler-utils fonts-dejavu-core
fi
if [ -n "${1:-}" ]; then
    dir="$1"
else
    cargo build --release --locked --quiet
    dir="$out/reports"
    # Exit 4 (inputs skipped) still writes the reports; anything else is an error.
    target/release/crossclaim compare seeds -o "$dir" --quiet || [ $? -eq 4 ]
fi
profile="$(mktemp -d)"
trap 'rm -rf "$profile"' EXIT
soffice --headless --norestore "-env:UserInstallation=file://$profile" \
    --convert-to pdf --outdir "$out" "$dir/report.xlsx" >/dev/null
rm -f "$out"/report-*.png
pdftoppm -png -r 110 "$out/report.pdf" "$out/report"
ls "$out"/report-*.png
