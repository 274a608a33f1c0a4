#!/usr/bin/env bash
# The Spark driver against one plain run: 200 generated stories, `--master local[2]`, 4 shards,
# once over the corpus folder and once over a DataFrame of its articles piped to the tasks
# (`--records`); the five reports must be byte-identical to the plain run's each time. Installs Java (when missing) and pyspark (pinned, in
# a venv under target/); skipped with a line saying so only where Java cannot be installed.
# Uses the release binary that `make build` (and so `make check-reports`) leaves.
set -euo pipefail
cd "$(dirname "$0")/.."
PYSPARK=pyspark==3.5.9
BIN=${CROSSCLAIM_BIN:-target/release/crossclaim}
WORK=target/spark-test
VENV=target/spark-venv
SHARED=../shared/bench
start=$SECONDS

[ -x "$BIN" ] || { echo "spark test: no $BIN (run make build first)" >&2; exit 2; }
if ! command -v java >/dev/null 2>&1; then
    echo "spark test: installing Java (openjdk-17-jre-headless)" >&2
    if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
            openjdk-17-jre-headless >/dev/null; } 2>&1 | tail -3 >&2 \
        || ! command -v java >/dev/null 2>&1; then
        echo "spark test: SKIPPED: Java is missing and could not be installed"
        exit 0
    fi
fi
if ! "$VENV/bin/python" -c "import pyspark" 2>/dev/null; then
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install -q --disable-pip-version-check "$PYSPARK"
fi

rm -rf "$WORK" && mkdir -p "$WORK/corpus"
python3 "$SHARED/gen_corpus.py" --stories 200 --seed 3 --out "$WORK/gen" --quiet --jobs 2
# A corpus folder of the story folders only (the generator's truth files stay beside it).
for story in "$WORK"/gen/s*/; do ln -s "$(cd "$story" && pwd)" "$WORK/corpus/$(basename "$story")"; done

cd "$WORK"
status() { "$@" && echo 0 || echo $?; }
plain=$(status "../../$BIN" compare corpus -o plain --quiet --threads 2)
case $plain in 0|4) ;; *) echo "spark test: the plain run failed (exit $plain)"; exit 1 ;; esac
failed=0
for mode in folder records; do
    flag=; [ "$mode" = records ] && flag=--records
    spark=$(status "../../$VENV/bin/python" ../../scripts/spark_crossclaim.py corpus -o "spark-$mode" \
        --master 'local[2]' --shards 4 --binary "../../$BIN" $flag)
    if [ "$spark" != "$plain" ]; then
        echo "spark test ($mode): the driver exited $spark, the plain run $plain"
        failed=$((failed + 1))
        continue
    fi
    for f in claims.csv disagreements.csv report.json summary.md report.html report.xlsx; do
        cmp "plain/$f" "spark-$mode/$f" || { failed=$((failed + 1)); continue 2; }
    done
    # The story pages beside report.html (a corpus has one per story).
    diff -r -q plain/stories "spark-$mode/stories" || failed=$((failed + 1))
done
stories=$(ls corpus | wc -l)
if [ "$failed" = 0 ]; then
    echo "spark test: $stories stories, 4 shards on local[2], from the folder and from a DataFrame: the six reports and the story pages are byte-identical to a plain run ($((SECONDS - start)) s)"
    echo "2 passed, 0 failed"
else
    echo "spark test: $failed of 2 driver runs differ from the plain run"
    echo "$((2 - failed)) passed, $failed failed"
    exit 1
fi
