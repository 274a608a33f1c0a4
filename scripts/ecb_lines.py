#!/usr/bin/env python3
"""Prints the lines of one ECB+ story as `file<TAB>line<TAB>text`, the line numbers the figure
annotations use (ECB+'s sentence numbers: non-blank lines from 0, the URL line of an ecbplus file
included). `--numbers` keeps only lines with a digit or a number word. Reads the shared texts only.

    python3 scripts/ecb_lines.py t19-ecbplus [--numbers] [--root ../shared/benchmarks/ecbplus]
"""
import argparse
import json
import os
import re

NUMBER_WORDS = re.compile(
    r"\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|"
    r"sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|"
    r"hundreds?|thousands?|millions?|billions?|trillions?|dozens?|half|quarter|third|double|twice|"
    r"triple|several|no one|nobody|none|zero|single|pair|couple)\b",
    re.I,
)


def story_lines(root, story):
    """(file, line number, text) of every non-blank line, files in meta.json order."""
    meta = json.load(open(os.path.join(root, "annotations", story, "meta.json"), encoding="utf-8"))
    for name in meta["files"]:
        text = open(os.path.join(root, "stories", story, name), encoding="utf-8").read()
        lines = [l for l in text.split("\n") if l.strip()]
        for i, line in enumerate(lines):
            yield name, i, line


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("story")
    ap.add_argument("--numbers", action="store_true")
    ap.add_argument("--root", default=os.path.join(os.path.dirname(__file__), "..", "..", "shared", "benchmarks", "ecbplus"))
    a = ap.parse_args()
    for name, i, line in story_lines(a.root, a.story):
        if a.numbers and not (re.search(r"\d", line) or NUMBER_WORDS.search(line)):
            continue
        print(f"{name}\t{i}\t{line}")


if __name__ == "__main__":
    main()
