#!/usr/bin/env python3
"""Inter-annotator agreement of the ECB+ figure annotations: the second annotator's stories
(data/ecbplus/second/) against the first annotation of the same stories (data/ecbplus/figures/).

    python3 scripts/ecb_agreement.py

Figures match when they are on the same line of the same file and their texts overlap (one
contains the other, or they share a span); each figure matches at most one. Reported:
- figures: precision, recall and F1 of the second annotation against the first;
- same measure: over every cross-file pair of figures that both annotators marked, whether both
  put the two in one measure (observed agreement and Cohen's kappa);
- conflicts: over the cross-file pairs both annotators put in one measure, whether both listed
  the pair as conflicting (observed agreement and kappa), and how many each listed.
"""
import json
import os
import sys

ROOT = os.path.join(os.path.dirname(__file__), "..")


def spans(doc, lines):
    """Each figure's (file, line, start, end) on its line, by id."""
    out = {}
    for f in doc["figures"]:
        line = lines.get((f["file"], f["line"]), "")
        at, n = -1, f.get("nth", 0)
        for _ in range(n + 1):
            at = line.find(f["text"], at + 1)
            if at < 0:
                break
        if at >= 0:
            out[f["id"]] = (f["file"], f["line"], at, at + len(f["text"]))
    return out


def match(a, b):
    """Pairs (id_a, id_b) of overlapping figures, greedily by overlap, one to one."""
    cands = []
    for ia, (fa, la, sa, ea) in a.items():
        for ib, (fb, lb, sb, eb) in b.items():
            if (fa, la) == (fb, lb) and sa < eb and sb < ea:
                cands.append((min(ea, eb) - max(sa, sb), ia, ib))
    cands.sort(key=lambda c: (-c[0], c[1], c[2]))
    used_a, used_b, pairs = set(), set(), []
    for _, ia, ib in cands:
        if ia not in used_a and ib not in used_b:
            used_a.add(ia)
            used_b.add(ib)
            pairs.append((ia, ib))
    return pairs


def kappa(pairs):
    """Cohen's kappa of a list of (bool, bool)."""
    n = len(pairs)
    if not n:
        return 0.0, 0.0
    agree = sum(x == y for x, y in pairs) / n
    pa = sum(x for x, _ in pairs) / n
    pb = sum(y for _, y in pairs) / n
    chance = pa * pb + (1 - pa) * (1 - pb)
    return agree, (agree - chance) / (1 - chance) if chance < 1 else 1.0


def main():
    sys.path.insert(0, os.path.dirname(__file__))
    from ecb_lines import story_lines
    ecb = os.path.join(ROOT, "..", "shared", "benchmarks", "ecbplus")
    second_dir = os.path.join(ROOT, "data", "ecbplus", "second")
    tp = n_first = n_second = 0
    measure_pairs, conflict_pairs = [], []
    conflicts_first = conflicts_second = 0
    for name in sorted(os.listdir(second_dir)):
        story = name[:-5]
        first = json.load(open(os.path.join(ROOT, "data", "ecbplus", "figures", name), encoding="utf-8"))
        second = json.load(open(os.path.join(second_dir, name), encoding="utf-8"))
        lines = {(f, i): t for f, i, t in story_lines(ecb, story)}
        sa, sb = spans(first, lines), spans(second, lines)
        pairs = match(sa, sb)
        tp += len(pairs)
        n_first += len(sa)
        n_second += len(sb)
        ma = {f["id"]: f["measure"] for f in first["figures"]}
        mb = {f["id"]: f["measure"] for f in second["figures"]}
        ca = {frozenset((c["a"], c["b"])) for c in first["conflicts"]}
        cb = {frozenset((c["a"], c["b"])) for c in second["conflicts"]}
        for i in range(len(pairs)):
            for j in range(i + 1, len(pairs)):
                (a1, b1), (a2, b2) = pairs[i], pairs[j]
                if sa[a1][0] == sa[a2][0]:
                    continue
                same_a, same_b = ma[a1] == ma[a2], mb[b1] == mb[b2]
                measure_pairs.append((same_a, same_b))
                if same_a and same_b:
                    conf_a = frozenset((a1, a2)) in ca
                    conf_b = frozenset((b1, b2)) in cb
                    conflict_pairs.append((conf_a, conf_b))
                    conflicts_first += conf_a
                    conflicts_second += conf_b
        print(f"{story}: figures {len(sa)} / {len(sb)}, matched {len(pairs)}")
    p, r = tp / max(1, n_second), tp / max(1, n_first)
    print(f"figures: first {n_first}, second {n_second}, matched {tp}: precision {p:.3f}, recall {r:.3f}, F1 {2 * p * r / max(1e-9, p + r):.3f}")
    agree, k = kappa(measure_pairs)
    both = sum(x and y for x, y in measure_pairs)
    print(f"same measure, {len(measure_pairs)} cross-file pairs of figures both marked: agreement {agree:.3f}, kappa {k:.3f} "
          f"(one measure for both annotators: {both}; first only {sum(x and not y for x, y in measure_pairs)}; second only {sum(y and not x for x, y in measure_pairs)})")
    agree, k = kappa(conflict_pairs)
    print(f"conflicts, {len(conflict_pairs)} pairs both put in one measure: agreement {agree:.3f}, kappa {k:.3f} "
          f"(first listed {conflicts_first}, second {conflicts_second}, both {sum(x and y for x, y in conflict_pairs)})")


if __name__ == "__main__":
    main()
