#!/usr/bin/env python3
"""Checks one figure-annotation file of an ECB+ story against data/ecbplus/GUIDELINE.md: fields and
their values, every figure's text on its line, ids, measures and conflicts. Prints `ok` or the
problems, one per line, and exits 1 on any.

    python3 scripts/ecb_check.py data/ecbplus/figures/t19-ecbplus.json [--root ../shared/benchmarks/ecbplus]
"""
import argparse
import json
import os
import sys

sys.path.insert(0, os.path.dirname(__file__))
from ecb_lines import story_lines  # noqa: E402

HEDGES = {"exact", "approximate", "lower_bound", "upper_bound", "range", "vague"}
KINDS = {"count", "money", "percent", "duration", "length", "area", "volume", "mass", "speed",
         "temperature", "magnitude", "age", "score", "other"}
ROLES = {"main", "past", "age", "background"}
STANCES = {"asserted", "disputed", "hypothetical"}
TYPES = {"disagreement", "update", "source"}
TAGS = {"verbless_event", "stock", "named_before", "other_noun", "restated", "kind_unit",
        "words_or_zero", "nominal", "part"}


def check(path, root):
    doc = json.load(open(path, encoding="utf-8"))
    problems = []
    story = doc.get("story")
    lines = {(f, i): t for f, i, t in story_lines(root, story)}
    measures = {}
    for m in doc.get("measures", []):
        if m.get("id") in measures:
            problems.append(f"measure {m.get('id')}: id used twice")
        measures[m.get("id")] = m
        for t in m.get("tags", []):
            if t not in TAGS:
                problems.append(f"measure {m['id']}: unknown tag {t}")
    figures = {}
    used = set()
    for n, f in enumerate(doc.get("figures", [])):
        fid = f.get("id", f"#{n}")
        where = f"figure {fid}"
        if fid in figures:
            problems.append(f"{where}: id used twice")
        figures[fid] = f
        line = lines.get((f.get("file"), f.get("line")))
        if line is None:
            problems.append(f"{where}: no line {f.get('line')} in {f.get('file')}")
        elif f.get("line") == 0 and line.startswith("http"):
            problems.append(f"{where}: line 0 is the URL")
        else:
            text = f.get("text", "")
            count = line.count(text) if text else 0
            if count == 0:
                problems.append(f"{where}: text {text!r} is not on the line")
            elif count > 1 and "nth" not in f:
                problems.append(f"{where}: text {text!r} occurs {count} times on the line: give nth")
            elif f.get("nth", 0) >= count:
                problems.append(f"{where}: nth {f.get('nth')} but {text!r} occurs {count} times")
        v = f.get("value", "missing")
        if v == "missing" or not (v is None or isinstance(v, (int, float))):
            problems.append(f"{where}: value must be a number or null")
        if f.get("hedge") not in HEDGES:
            problems.append(f"{where}: hedge {f.get('hedge')!r}")
        if f.get("hedge") == "range" and not all(isinstance(f.get(k), (int, float)) for k in ("low", "high")):
            problems.append(f"{where}: a range needs low and high")
        if f.get("kind") not in KINDS:
            problems.append(f"{where}: kind {f.get('kind')!r}")
        if not isinstance(f.get("unit"), str):
            problems.append(f"{where}: unit must be a string")
        if f.get("role", "main") not in ROLES:
            problems.append(f"{where}: role {f.get('role')!r}")
        if f.get("stance", "asserted") not in STANCES:
            problems.append(f"{where}: stance {f.get('stance')!r}")
        if f.get("measure") not in measures:
            problems.append(f"{where}: measure {f.get('measure')!r} is not in measures")
        used.add(f.get("measure"))
    for m in measures:
        if m not in used:
            problems.append(f"measure {m}: no figure states it")
    seen = set()
    for c in doc.get("conflicts", []):
        a, b = figures.get(c.get("a")), figures.get(c.get("b"))
        where = f"conflict {c.get('a')}-{c.get('b')}"
        if a is None or b is None:
            problems.append(f"{where}: unknown figure")
            continue
        if a["file"] == b["file"]:
            problems.append(f"{where}: both figures are in {a['file']}")
        if a.get("measure") != b.get("measure"):
            problems.append(f"{where}: the figures state different measures")
        if c.get("type") not in TYPES:
            problems.append(f"{where}: type {c.get('type')!r}")
        key = frozenset([c["a"], c["b"]])
        if key in seen:
            problems.append(f"{where}: listed twice")
        seen.add(key)
    return problems


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("files", nargs="+")
    ap.add_argument("--root", default=os.path.join(os.path.dirname(__file__), "..", "..", "shared", "benchmarks", "ecbplus"))
    a = ap.parse_args()
    bad = False
    for path in a.files:
        problems = check(path, a.root)
        for p in problems:
            print(f"{path}: {p}")
        if not problems:
            print(f"{path}: ok")
        bad |= bool(problems)
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
