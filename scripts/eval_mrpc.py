#!/usr/bin/env python3
"""Scores `crossclaim pairs` on the MRPC paraphrase files (read from ../shared at
run time; never copied into the project): accuracy, precision, recall and F1.

  python3 scripts/eval_mrpc.py [train|test]...      (default: both)
"""
import csv
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = os.path.join(os.path.dirname(ROOT), "shared", "benchmarks", "paraphrase")
BIN = os.path.join(ROOT, "target", "release", "crossclaim")


def score(split):
    path = os.path.join(DATA, f"mrpc_{split}.tsv")
    labels = [line.split("\t")[0] == "1" for line in open(path, encoding="utf-8").read().splitlines()[1:] if line.strip()]
    out = subprocess.run([BIN, "pairs", path], capture_output=True, text=True, check=True).stdout
    pred = [r["same_claim"] == "true" for r in csv.DictReader(out.splitlines())]
    assert len(pred) == len(labels), (len(pred), len(labels))
    tp = sum(p and l for p, l in zip(pred, labels))
    fp = sum(p and not l for p, l in zip(pred, labels))
    fn = sum(l and not p for p, l in zip(pred, labels))
    acc = sum(p == l for p, l in zip(pred, labels)) / len(labels)
    prec, rec = tp / max(1, tp + fp), tp / max(1, tp + fn)
    f1 = 2 * prec * rec / max(1e-9, prec + rec)
    print(f"mrpc {split}: accuracy {acc:.3f}  F1 {f1:.3f}  (P {prec:.3f} R {rec:.3f}, {len(labels)} pairs)")


for split in sys.argv[1:] or ["train", "test"]:
    score(split)
