# Common tasks. `make test` is the test command CI runs.
CARGO ?= cargo
BIN := target/release/crossclaim
# The commit `make bench` also times at 300k in the same run (the last one before the
# figure-pair model of issue 17).
BASELINE ?= 1109e7c

.PHONY: build run test reports check check-reports bench bench-quick fmt lint readme-example check-office render-xlsx screenshot screenshot-corpus fuzz golden completions man

build:
	$(CARGO) build --release --locked

run: build
	$(BIN) compare seeds -o reports

test:
	$(CARGO) test --locked

reports: build
	$(BIN) compare seeds -o reports --quiet

# Fails with a diff when the committed reports differ from what the code writes.
check-reports: build
	$(BIN) compare seeds -o reports --quiet --check

check: fmt lint test check-reports

fmt:
	$(CARGO) fmt --check

lint:
	$(CARGO) clippy --all-targets --locked -- -D warnings

# Criterion benches of the hot kernels, then the end-to-end scale run (writes BENCHMARKS.md).
bench: build
	$(CARGO) bench --locked
	python3 scripts/bench.py --baseline $(BASELINE)

bench-quick: build
	python3 scripts/bench.py --quick --out /tmp/BENCHMARKS-quick.md

# Pastes the head of reports/summary.md into the README's worked example.
readme-example: reports
	python3 scripts/readme_example.py

# Opens the CSV reports in LibreOffice Calc (installs it when missing; not run in CI).
check-office:
	scripts/check_libreoffice.sh

# Renders every sheet of the seeds' report.xlsx with headless LibreOffice to
# target/render-xlsx/report-N.png (installs it when missing; not run in CI).
render-xlsx:
	scripts/render_xlsx.sh

# Renders the HTML report in headless Chromium at 1280 and 400 px wide (installs
# Chromium when missing): the seeds' page (target/screenshot/seeds.png, seeds-400.png),
# and a two-story fixture corpus, its index (report.png, report-400.png) and the
# page of its story with a disagreement (story.png, story-400.png).
screenshot: build
	$(BIN) compare seeds -o target/screenshot/seeds --quiet
	scripts/screenshot.sh target/screenshot/seeds target/screenshot/seeds.png
	WIDTH=400 scripts/screenshot.sh target/screenshot/seeds target/screenshot/seeds-400.png
	scripts/screenshot.sh
	WIDTH=400 scripts/screenshot.sh target/screenshot/reports target/screenshot/report-400.png
	PAGE=stories/valley-floods.html scripts/screenshot.sh target/screenshot/reports target/screenshot/story.png
	PAGE=stories/valley-floods.html WIDTH=400 scripts/screenshot.sh target/screenshot/reports target/screenshot/story-400.png

# The HTML report of a generated 1,000-story corpus (STORIES=n for another size):
# page sizes, render time in headless Chromium, and renders of the index and of the
# story at its top at 1280 and 400 px (target/screenshot/corpus-1000*.png). Not in CI.
screenshot-corpus: build
	scripts/corpus_pages.sh

# Every fuzz target for FUZZ_SECONDS each (default 600); not in CI.
fuzz:
	scripts/fuzz.sh

# The English Golden Rules score of `crossclaim sentences`.
golden:
	$(CARGO) test --release --test ingest golden -- --nocapture

# Shell completions for every shell clap_complete knows, into target/completions/.
completions: build
	mkdir -p target/completions
	$(BIN) completions bash > target/completions/crossclaim.bash
	$(BIN) completions zsh > target/completions/_crossclaim
	$(BIN) completions fish > target/completions/crossclaim.fish
	$(BIN) completions elvish > target/completions/crossclaim.elv
	$(BIN) completions powershell > target/completions/_crossclaim.ps1

# The man pages (crossclaim.1 and one per command) into target/man/.
man: build
	$(BIN) man -o target/man
