#!/usr/bin/env bash
# Opens the CSV reports in a real spreadsheet: LibreOffice Calc converts them
# headless, and the test `libreoffice_reads_csv_cells_unicode_and_no_formulas`
# (tests/report.rs) checks that every cell and the Unicode survive, that figures
# are numbers and that no text cell turns into a formula. Installs Debian's
# libreoffice-calc when missing; CI does not run this (the install is slow).
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v soffice >/dev/null 2>&1; then
    apt-get update
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends libreoffice-calc
fi
soffice --version
# With this set, the test fails instead of skipping when soffice is missing.
CROSSCLAIM_REQUIRE_OFFICE=1 cargo test --locked --test report libreoffice -- --nocapture
