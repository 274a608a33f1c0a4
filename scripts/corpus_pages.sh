#!/usr/bin/env bash
# The HTML report of a generated corpus as a reader meets it (issue 20): writes
# the reports of STORIES stories (default 1000, ../shared/bench/gen_corpus.py,
# seed 7), prints the size of report.html and of the story pages and the
# render time in headless Chromium, and renders the index and the story at
# its top at 1280 and 400 px to target/screenshot/corpus-*.png.
set -euo pipefail
cd "$(dirname "$0")/.."
stories="${STORIES:-1000}"
work=target/screenshot
corpus="$work/corpus-$stories"
out="$work/corpus-$stories-reports"
if [ ! -d "$corpus" ]; then
    python3 ../shared/bench/gen_corpus.py --stories "$stories" --seed 7 --jobs 2 --quiet \
        --out "$corpus.part"
    # Only the story folders: the generator's truth files are no articles.
    mkdir -p "$corpus.truth"
    mv "$corpus.part"/*.json* "$corpus.truth/"
    mv "$corpus.part" "$corpus"
fi
cargo build --release --locked --quiet
TIMEFORMAT="compare: %R s for $stories stories"
time (target/release/crossclaim compare "$corpus" -o "$out" --quiet || [ $? -eq 4 ])
top=$(grep -o -m1 'href="stories/[^"]*"' "$out/report.html" | cut -d'"' -f2)
largest="stories/$(ls -S "$out/stories" | head -1)"
echo "report.html: $(stat -c %s "$out/report.html") bytes (the index);" \
    "$(ls "$out/stories" | wc -l) story pages, $(du -sb "$out/stories" | cut -f1) bytes in all," \
    "the largest $largest at $(stat -c %s "$out/$largest") bytes; the index's top story is $top"
pages=("$out/report.html" "$out/$top")
[ "$largest" = "$top" ] || pages+=("$out/$largest")
python3 scripts/page_timing.py "${pages[@]}" --runs 5
for width in 1280 400; do
    suffix=$([ "$width" = 1280 ] && echo "" || echo "-$width")
    WIDTH=$width scripts/screenshot.sh "$out" "$work/corpus-$stories$suffix.png"
    WIDTH=$width PAGE="$top" scripts/screenshot.sh "$out" "$work/corpus-$stories-top$suffix.png"
done
