#!/usr/bin/env python3
"""Scores `crossclaim quantities` on ../shared/benchmarks/quantities/*.jsonl.

Follows ../shared/benchmarks/README.md section 3. Each case's text goes to the
release binary on stdin. An expected item is found when some output quantity's
`number` (the figure as written, before unit conversion) equals its value
(math.isclose rel 1e-6, abs 1e-9); for an output range, its written ends count too.
Bound and range items (those with an `interval`) are found when some output has the
same interval in written units: low == min and high == max, an open side open
("interval match", stricter than the peer method); the peer-style check (every
finite bound equals some output number or end) is printed too. A negative case
"gives a figure" when some output has a kind other than year/date/time/ordinal/other.

Usage: cargo build --release && python3 scripts/quantity_bench.py [--bin PATH] [--show-misses]
"""

import argparse
import glob
import json
import math
import os
import subprocess
import sys

NOT_FIGURES = {"year", "date", "time", "ordinal", "other"}


def close(a, b):
    return a is not None and b is not None and math.isclose(a, b, rel_tol=1e-6, abs_tol=1e-9)


def written(q):
    """The output's interval in the unit as written (value / number is the unit factor)."""
    factor = q["value"] / q["number"] if q["number"] else 1.0
    if not factor or q["kind"] == "temperature":
        factor = 1.0
    conv = lambda v: None if v is None else v / factor
    return conv(q["low"]), conv(q["high"])


def candidates(q):
    vals = [q["number"]]
    if q["hedge"] in ("range", "vague"):
        vals += [v for v in written(q) if v is not None]
    return vals


def run(binary, text):
    out = subprocess.run([binary, "quantities", "-"], input=text.encode(), capture_output=True, check=False)
    if out.returncode != 0:
        raise SystemExit(f"binary failed on {text!r}: {out.stderr.decode()}")
    return [json.loads(line) for line in out.stdout.decode().splitlines() if line.strip()]


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.dirname(here)
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default=os.path.join(root, "target", "release", "crossclaim"))
    ap.add_argument("--data", default=os.path.join(root, "..", "shared", "benchmarks", "quantities"))
    ap.add_argument("--show-misses", action="store_true")
    args = ap.parse_args()
    files = sorted(glob.glob(os.path.join(args.data, "*.jsonl")))
    if not files:
        raise SystemExit(f"no benchmark files under {args.data}")
    tot = dict(cases=0, expected=0, found=0, neg=0, neg_out=0, iv=0, iv_match=0, iv_peer=0)
    print(f"{'file':34} {'cases':>5} {'expected':>8} {'recall':>7} {'intervals':>11} {'negatives w/ figure':>20}")
    for path in files:
        t = dict(cases=0, expected=0, found=0, neg=0, neg_out=0, iv=0, iv_match=0, iv_peer=0)
        for line in open(path, encoding="utf-8"):
            case = json.loads(line)
            got = run(args.bin, case["text"])
            t["cases"] += 1
            if not case["expected"]:
                t["neg"] += 1
                figs = [q for q in got if q["kind"] not in NOT_FIGURES]
                if figs:
                    t["neg_out"] += 1
                    if args.show_misses:
                        print("  NEG", repr(case["text"][:100]), [(q["text"], q["kind"]) for q in figs])
            for e in case["expected"]:
                t["expected"] += 1
                if "interval" in e:
                    t["iv"] += 1
                    match = any(
                        (close(lo, e["min"]) or (lo is None and e["min"] is None))
                        and (close(hi, e["max"]) or (hi is None and e["max"] is None))
                        for lo, hi in map(written, got)
                    )
                    vals = [v for q in got for v in candidates(q) + [x for x in written(q) if x is not None]]
                    peer = all(any(close(b, v) for v in vals) for b in (e["min"], e["max"]) if b is not None)
                    t["iv_match"] += match
                    t["iv_peer"] += peer
                    ok = match
                else:
                    ok = any(close(e["value"], v) for q in got for v in candidates(q))
                t["found"] += ok
                if not ok and args.show_misses:
                    print("  MISS", repr(case["text"][:100]), e["span"], e.get("value"), e.get("interval"),
                          "got", [(q["text"], q["number"], q["hedge"]) for q in got])
        for k in tot:
            tot[k] += t[k]
        name = os.path.basename(path)
        print(f"{name:34} {t['cases']:5} {t['expected']:8} {t['found'] / max(t['expected'], 1):7.3f} "
              f"{t['iv_match']:5}/{t['iv']:<5} {t['neg_out']:9}/{t['neg']}")
    print(f"{'all':34} {tot['cases']:5} {tot['expected']:8} {tot['found'] / tot['expected']:7.3f} "
          f"{tot['iv_match']:5}/{tot['iv']:<5} {tot['neg_out']:9}/{tot['neg']}")
    print(f"interval items: exact interval match {tot['iv_match']}/{tot['iv']}, "
          f"peer-style bound match {tot['iv_peer']}/{tot['iv']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
