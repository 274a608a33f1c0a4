#!/usr/bin/env python3
"""Scores `crossclaim quantities` against the blind figure annotations of the 66 ECB+ stories
(data/ecbplus/figures/*.json, guideline data/ecbplus/GUIDELINE.md): value precision, recall and F1,
the strict way.

Lines: every line of every file that has a digit or a number word (scripts/ecb_lines.py's
`--numbers` test) or a gold figure, the URL line of ecbplus files left out. Each story is one run
of the binary: its lines joined by blank lines, output offsets mapped back to the lines.

Outputs: every quantity whose kind is a figure (not year, date, time, ordinal or other).
Gold: every annotated figure.

A gold figure and an output match when their spans overlap on the line and
- the gold value is a number: the output's `number` (the figure as written, multipliers applied,
  no unit conversion, as the annotation stores it) is within 1% of it, or for a range the
  output's ends are the gold ends;
- the gold value is null (a vague word): the output is vague.
Each gold figure is matched by at most one output and each output by at most one gold figure (a
maximum matching); every output that matches nothing counts against precision.

Conventions of the annotation the scoring follows (GUIDELINE.md section 1): "a"/"an" is never a
figure ("a week", "an hour"), while the tool reads "a week" as one week so that it meets "seven
days". Those outputs (written with no number: the span, its hedge words left out, starts with
"a", "an" or "another") are
left out of the `main` score (unless they match a gold figure) and counted in `strict`,
which scores every output. Win-loss
records and match scores are no figures in either.

Splits: `train` is every story outside the dev topics of split_cybulska_barhom (2, 5, 12, 18, 21,
23, 34, 35), `dev` those topics; nothing was tuned on dev.

    cargo build --profile fast -j 1
    python3 scripts/ecb_quantities.py --bin target/fast/crossclaim [--show train] [--limit 60]
"""
import argparse
import glob
import json
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.dirname(__file__))
from ecb_lines import NUMBER_WORDS, story_lines  # noqa: E402

NOT_FIGURES = {"year", "date", "time", "ordinal", "other"}
DEV_TOPICS = {2, 5, 12, 18, 21, 23, 34, 35}
IMPLIED = re.compile(r"^(?:a|an|another)\b", re.I)


def implied(q):
    """Whether the output states a figure with no number: "a week", "less than a minute"."""
    text = q["text"]
    hedge = q.get("hedge_words") or ""
    if hedge and text.lower().startswith(hedge):
        text = text[len(hedge):].lstrip()
    return bool(IMPLIED.match(text))


def topic(story):
    return int(story[1:3])


def nth_span(line, text, nth):
    at = -1
    for _ in range(nth + 1):
        at = line.find(text, at + 1 if at < 0 else at + len(text))
        if at < 0:
            return None
    return at, at + len(text)


def close(a, b):
    return a is not None and b is not None and abs(a - b) <= 0.01 * max(abs(a), abs(b)) + 1e-9


def written(q):
    """The output's interval in the unit as written."""
    factor = q["value"] / q["number"] if q["number"] else 1.0
    if not factor or q["kind"] == "temperature":
        factor = 1.0
    return tuple(None if v is None else v / factor for v in (q["low"], q["high"]))


def matches(g, q):
    if g["value"] is None:
        return q["hedge"] == "vague"
    if close(g["value"], q["number"]):
        return True
    if "low" in g and q["hedge"] == "range":
        lo, hi = written(q)
        return close(g["low"], lo) and close(g["high"], hi)
    return False


def max_matching(edges, n_gold):
    """Maximum bipartite matching (augmenting paths): gold index -> output index."""
    match_out = {}

    def augment(gi, seen):
        for qi in edges[gi]:
            if qi in seen:
                continue
            seen.add(qi)
            if qi not in match_out or augment(match_out[qi], seen):
                match_out[qi] = gi
                return True
        return False

    for gi in range(n_gold):
        augment(gi, set())
    return {gi: qi for qi, gi in match_out.items()}


def run_story(binary, root, story, gold_lines):
    """(lines, outputs per line): every scored line of the story and the tool's figures on it."""
    lines = [(f, i, t) for f, i, t in story_lines(root, story)
             if not (i == 0 and t.startswith("http"))
             and (re.search(r"\d", t) or NUMBER_WORDS.search(t) or (f, i) in gold_lines)]
    text, starts = "", []
    for _, _, t in lines:
        starts.append(len(text.encode()))
        text += t + "\n\n"
    out = subprocess.run([binary, "quantities", "-"], input=text.encode(), capture_output=True, check=False)
    if out.returncode != 0:
        raise SystemExit(f"binary failed on {story}: {out.stderr.decode()}")
    per_line = [[] for _ in lines]
    for row in out.stdout.decode().splitlines():
        q = json.loads(row)
        k = max(0, next((j for j, s in enumerate(starts) if s > q["start"]), len(starts)) - 1)
        raw = lines[k][2].encode()
        a, b = q["start"] - starts[k], q["end"] - starts[k]
        if b > len(raw):
            raise SystemExit(f"{story}: output {q['text']!r} crosses a line end")
        q["span"] = (len(raw[:a].decode()), len(raw[:b].decode()))
        per_line[k].append(q)
    return lines, per_line


def score_story(binary, root, path):
    doc = json.load(open(path, encoding="utf-8"))
    story = doc["story"]
    by_line = {}
    for g in doc["figures"]:
        by_line.setdefault((g["file"], g["line"]), []).append(g)
    lines, outputs = run_story(binary, root, story, set(by_line))
    rows = []
    for (f, i, line), qs in zip(lines, outputs):
        gold = by_line.get((f, i), [])
        for g in gold:
            g["span"] = nth_span(line, g["text"], g.get("nth", 0))
        figs = [q for q in qs if q["kind"] not in NOT_FIGURES]
        edges = [[k for k, q in enumerate(figs)
                  if g["span"] and q["span"][0] < g["span"][1] and g["span"][0] < q["span"][1] and matches(g, q)]
                 for g in gold]
        m = max_matching(edges, len(gold))
        matched_out = set(m.values())
        rows.append(dict(story=story, file=f, line=i, text=line, gold=gold, figs=figs, m=m, matched_out=matched_out))
    return rows


def tally(rows, strict):
    t = dict(sentences=0, gold=0, out=0, tp=0)
    for r in rows:
        t["sentences"] += 1
        t["gold"] += len(r["gold"])
        t["tp"] += len(r["m"])
        t["out"] += sum(1 for k, q in enumerate(r["figs"])
                        if strict or k in r["matched_out"] or not implied(q))
    p = t["tp"] / max(t["out"], 1)
    rc = t["tp"] / max(t["gold"], 1)
    t.update(p=p, r=rc, f1=2 * p * rc / max(p + rc, 1e-12))
    return t


def show(rows, limit):
    n = 0
    for r in rows:
        fn = [g for gi, g in enumerate(r["gold"]) if gi not in r["m"]]
        fp = [q for k, q in enumerate(r["figs"]) if k not in r["matched_out"]]
        if not fn and not fp:
            continue
        print(f"{r['story']} {r['file']}:{r['line']}  {r['text'][:220]}")
        for g in fn:
            print(f"   MISS {g['text']!r} value={g['value']} unit={g['unit']} kind={g['kind']}")
        for q in fp:
            print(f"   EXTRA {q['text']!r} number={q['number']} hedge={q['hedge']} kind={q['kind']} unit={q['unit']}")
        n += 1
        if n >= limit:
            break


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.dirname(here)
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default=os.path.join(root, "target", "release", "crossclaim"))
    ap.add_argument("--root", default=os.path.join(root, "..", "shared", "benchmarks", "ecbplus"))
    ap.add_argument("--show", choices=["train", "dev", "all"], help="print misses and extra outputs")
    ap.add_argument("--limit", type=int, default=1_000_000, help="at most this many lines with errors")
    ap.add_argument("--json", help="write the scores here")
    a = ap.parse_args()
    rows = []
    for path in sorted(glob.glob(os.path.join(root, "data", "ecbplus", "figures", "*.json"))):
        rows += score_story(a.bin, a.root, path)
    splits = {
        "all": rows,
        "train": [r for r in rows if topic(r["story"]) not in DEV_TOPICS],
        "dev": [r for r in rows if topic(r["story"]) in DEV_TOPICS],
    }
    if a.show:
        show(splits[a.show], a.limit)
    print(f"{'split':6} {'score':6} {'sentences':>9} {'gold':>5} {'output':>6} {'matched':>7} "
          f"{'precision':>9} {'recall':>6} {'F1':>6}")
    scores = {}
    for name, part in splits.items():
        for strict in (False, True):
            t = tally(part, strict)
            label = "strict" if strict else "main"
            scores[f"{name}/{label}"] = t
            print(f"{name:6} {label:6} {t['sentences']:9} {t['gold']:5} {t['out']:6} {t['tp']:7} "
                  f"{t['p']:9.3f} {t['r']:6.3f} {t['f1']:6.3f}")
    if a.json:
        json.dump(scores, open(a.json, "w"), indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
