#!/usr/bin/env python3
"""End-to-end scale benchmark: `make bench` runs this.

Generates corpora with ../shared/bench/gen_corpus.py (cached under $BENCH_DIR,
default /tmp/crossclaim-bench), times `crossclaim compare` on each (wall, CPU,
peak memory via /usr/bin/time -v), scores claim-pair F1 against the corpus
truth, runs the Python peers on the ~300k corpus when ../shared/bench is
present, and writes BENCHMARKS.md. Standard library only.

  python3 scripts/bench.py                 # sizes 10k, 100k, 300k, 1M sentences, with peers
  python3 scripts/bench.py --quick         # 10k and 100k, no peers
  python3 scripts/bench.py --no-peers
  python3 scripts/bench.py --baseline 1109e7c   # also times that commit's binary at 300k, same run
"""
import argparse
import csv
import json
import os
import re
import shutil
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = os.path.join(os.path.dirname(ROOT), "shared", "bench")
BIN = os.path.join(ROOT, "target", "release", "crossclaim")
# stories -> about that many body sentences (gen_corpus README: ~149.5 per story)
SIZES = {"10k": 67, "100k": 670, "300k": 2000, "1M": 6700}
# the peers' tuned thresholds, from ../shared/bench/PEERS.md
PEERS = [
    ("pysbd", ["--pipeline", "pysbd"]),
    ("quantulum3", ["--pipeline", "quantulum"]),
    ("rapidfuzz token_set_ratio within stories", ["--pipeline", "rf_story", "--scorer", "token_set_ratio", "--threshold", "76"]),
    ("datasketch MinHash-LSH char5", ["--pipeline", "minhash", "--shingle", "char5", "--threshold", "0.55"]),
]
csv.field_size_limit(1 << 30)


def log(*a):
    print(*a, file=sys.stderr, flush=True)


def corpus(bench_dir, stories):
    out = os.path.join(bench_dir, f"s{stories}")
    if not os.path.exists(os.path.join(out, "meta.json")):
        shutil.rmtree(out, ignore_errors=True)
        log(f"generating {stories} stories into {out}")
        subprocess.run([sys.executable, os.path.join(SHARED, "gen_corpus.py"), "--stories", str(stories),
                        "--seed", "1", "--out", out, "--quiet", "--jobs", "2"], check=True)
    return out


def story_dirs(d):
    return sorted(os.path.join(d, n) for n in os.listdir(d) if os.path.isdir(os.path.join(d, n)))


def flatten(d):
    """The same articles with the story folders flattened away (corpus mode)."""
    flat = d + "-flat"
    if not os.path.isdir(flat):
        os.makedirs(flat + ".part", exist_ok=True)
        for s in story_dirs(d):
            for f in os.listdir(s):
                os.link(os.path.join(s, f), os.path.join(flat + ".part", f"{os.path.basename(s)}--{f}"))
        os.rename(flat + ".part", flat)
    return flat


def timed(cmd):
    """Runs cmd under /usr/bin/time -v; returns wall s, cpu s, peak MB."""
    t0 = time.perf_counter()
    p = subprocess.run(["/usr/bin/time", "-v"] + cmd, capture_output=True, text=True)
    wall = time.perf_counter() - t0
    if p.returncode not in (0, 4):
        raise RuntimeError(f"{' '.join(cmd)} failed ({p.returncode}):\n{p.stderr[-2000:]}")
    field = lambda name: re.search(name + r":\s*([\d.:]+)", p.stderr).group(1)
    cpu = float(field("User time \\(seconds\\)")) + float(field("System time \\(seconds\\)"))
    return {"wall_s": round(wall, 2), "cpu_s": round(cpu, 2), "peak_mb": round(int(field("Maximum resident set size \\(kbytes\\)")) / 1024, 1)}


def gold(d):
    """(story, outlet, sentence text) -> truth claim number, or -1 for a filler sentence."""
    labels = {}
    spans = {}
    for line in open(os.path.join(d, "segments.jsonl"), encoding="utf-8"):
        r = json.loads(line)
        text = open(os.path.join(d, r["path"]), encoding="utf-8").read()
        spans[(r["story"], r["outlet"])] = [text[a:b] for a, b in r["spans"]]
        for (a, b), k in zip(r["spans"], r["kinds"]):
            if k == "s":
                labels[(r["story"], r["outlet"], text[a:b])] = -1
    for n, line in enumerate(open(os.path.join(d, "truth.jsonl"), encoding="utf-8")):
        r = json.loads(line)
        for v in r["variants"]:
            labels[(r["story"], v["outlet"], spans[(r["story"], v["outlet"])][v["sentence_index"]])] = n
    return labels


def gold_text(known, story, outlet, text):
    """The gold sentence our sentence is: the same text, or the gold text with a dateline
    ("CITY, Country -- ") in front, which the tool keeps as metadata and not in the sentence."""
    if (story, outlet, text) in known:
        return text
    for g in known.get((story, outlet), ()):
        if g.endswith(text) and len(g) - len(text) < 80 and g[: len(g) - len(text)].rstrip()[-1:] in "-\u2014":
            return g
    return text


def by_article(keys):
    """(story, outlet) -> its sentence texts, beside the keys themselves."""
    keys = list(keys)
    out = dict.fromkeys(keys)
    for story, outlet, text in keys:
        out.setdefault((story, outlet), []).append(text)
    return out


def score(d, out_dir, labels):
    """Claim-pair precision, recall and F1 over cross-outlet pairs of gold body sentences."""
    truth_sizes = {}
    for lab in labels.values():
        if lab >= 0:
            truth_sizes[lab] = truth_sizes.get(lab, 0) + 1
    truth_pairs = sum(n * (n - 1) // 2 for n in truth_sizes.values())
    groups = {}
    matched = rows = 0
    known = by_article(labels)
    with open(os.path.join(out_dir, "claims.csv"), encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f):
            rows += 1
            parts = r["source"].replace("\\", "/").split("/")
            name = parts[-1].rsplit(".", 1)[0]
            story, outlet = (name.split("--", 1) if "--" in name else (parts[-2], name))
            text = r["sentence"][1:] if r["sentence"].startswith("'") else r["sentence"]
            lab = labels.get((story, outlet, gold_text(known, story, outlet, text)))
            if lab is None:
                continue
            matched += 1
            groups.setdefault(r["claim_id"], []).append((story, outlet, lab))
    pred = tp = 0
    for members in groups.values():
        for i in range(len(members)):
            for j in range(i + 1, len(members)):
                a, b = members[i], members[j]
                if a[:2] != b[:2]:
                    pred += 1
                    tp += a[2] >= 0 and a[2] == b[2]
    p = tp / pred if pred else 0.0
    r = tp / truth_pairs if truth_pairs else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 3), "recall": round(r, 3), "f1": round(f1, 3), "rows": rows,
            "gold_sentences_matched": round(matched / max(1, len(labels)), 4)}


def disagreement_truth(d):
    """Pairs {dissenter sentence, other variant} of the planted numeric disagreements, and
    their claim number; sentences as (story, outlet, text)."""
    spans = {}
    for line in open(os.path.join(d, "segments.jsonl"), encoding="utf-8"):
        r = json.loads(line)
        text = open(os.path.join(d, r["path"]), encoding="utf-8").read()
        spans[(r["story"], r["outlet"])] = [text[a:b] for a, b in r["spans"]]
    pairs = {}
    for n, line in enumerate(open(os.path.join(d, "truth.jsonl"), encoding="utf-8")):
        r = json.loads(line)
        if r["kind"] != "numeric" or not r.get("disagreement"):
            continue
        keys = [(r["story"], v["outlet"], spans[(r["story"], v["outlet"])][v["sentence_index"]], v.get("disagrees"))
                for v in r["variants"]]
        for dissenter in (k for k in keys if k[3]):
            for other in (k for k in keys if not k[3]):
                pairs[frozenset([dissenter[:3], other[:3]])] = n
    return pairs


def score_disagreements(out_dir, truth):
    """Pair precision and recall of disagreements.csv (updates left out) against the planted ones."""
    flagged = set()
    known = by_article(k for pair in truth for k in pair)
    with open(os.path.join(out_dir, "disagreements.csv"), encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f):
            if r["verdict"] == "update":
                continue
            side = []
            for o, s in ((r["outlet_a"], r["sentence_a"]), (r["outlet_b"], r["sentence_b"])):
                story, outlet = o.split("--", 1) if "--" in o else (r["story"].split("/")[0], o)
                text = s[1:] if s.startswith("'") else s
                side.append((story, outlet, gold_text(known, story, outlet, text)))
            flagged.add(frozenset(side))
    tp = flagged & set(truth)
    claims = len(set(truth.values()))
    return {"dis_flagged": len(flagged), "dis_precision": round(len(tp) / max(1, len(flagged)), 3),
            "dis_recall": round(len(tp) / max(1, len(truth)), 3),
            "dis_claim_recall": round(len({truth[p] for p in tp}) / max(1, claims), 3)}


def same_output(a, b):
    """Whether two report folders hold byte-identical files, the story pages under
    `stories/` included."""
    names = sorted(os.listdir(a))
    if names != sorted(os.listdir(b)):
        return False
    for n in names:
        x, y = os.path.join(a, n), os.path.join(b, n)
        if os.path.isdir(x) != os.path.isdir(y):
            return False
        if os.path.isdir(x):
            if not same_output(x, y):
                return False
        elif open(x, "rb").read() != open(y, "rb").read():
            return False
    return True


def baseline_binary(ref, bench_dir):
    """The release binary of git commit `ref`, built once in a worktree under bench_dir."""
    tree = os.path.join(bench_dir, f"baseline-{ref}")
    binary = os.path.join(tree, "target", "release", "crossclaim")
    if not os.path.exists(binary):
        if not os.path.isdir(tree):
            subprocess.run(["git", "-C", ROOT, "worktree", "add", "--detach", tree, ref], check=True)
        log(f"building the baseline {ref}")
        subprocess.run(["cargo", "build", "--release", "--locked"], cwd=tree, check=True)
    return binary


def run_ours(d, label, threads, mode, labels, bench_dir, binary=BIN, name="crossclaim"):
    out = os.path.join(bench_dir, "out", f"{name}-{label}-{mode}-t{threads}")
    inputs = story_dirs(d) if mode == "story" else [flatten(d)]
    list_file = None
    cmd = [binary, "compare", "--quiet", "--threads", str(threads), "-o", out]
    if len(inputs) > 1000:  # keep the command line short: pass a parent with only story folders
        list_file = d + "-stories"
        if not os.path.isdir(list_file):
            os.makedirs(list_file + ".part", exist_ok=True)
            for s in inputs:
                os.symlink(s, os.path.join(list_file + ".part", os.path.basename(s)))
            os.rename(list_file + ".part", list_file)
        inputs = [list_file]
    log(f"{name} {label} {mode} threads={threads}")
    res = timed(cmd + inputs)
    res.update(score(d, out, labels))
    res.update(score_disagreements(out, disagreement_truth(d)))
    res.update({"size": label, "mode": mode, "threads": threads, "out": out})
    return res


def run_peers(d, bench_dir):
    env = os.path.join(bench_dir, "peerenv")
    py = os.path.join(env, "bin", "python")
    if not os.path.exists(py):
        log("installing the Python peers into", env)
        subprocess.run([sys.executable, "-m", "venv", env], check=True)
        subprocess.run([py, "-m", "pip", "install", "-q", "rapidfuzz", "datasketch", "pysbd", "quantulum3",
                        "numpy", "scipy"], check=True)
    results = []
    for name, args in PEERS:
        log("peer", name)
        cmd = [py, os.path.join(SHARED, "peers.py"), "worker", "--corpus", d] + args
        t0 = time.perf_counter()
        p = subprocess.run(cmd, capture_output=True, text=True)
        if p.returncode != 0:
            log(p.stderr[-2000:])
            continue
        r = json.loads(p.stdout.strip().splitlines()[-1])
        r["name"] = name
        r["process_wall_s"] = round(time.perf_counter() - t0, 1)
        results.append(r)
    return results


def write_markdown(ours, peers, path, argv, base=None):
    lines = ["# Benchmarks", "",
             f"Generated by `python3 scripts/bench.py {' '.join(argv)}` (`make bench`) on this machine "
             f"({os.cpu_count()} cores). Corpora from `../shared/bench/gen_corpus.py --seed 1`; "
             "claim-pair F1 against its `truth.jsonl` over cross-outlet pairs of gold body sentences.", "",
             "## crossclaim compare, end to end", "",
             "| size | mode | threads | sentences (rows) | wall s | CPU s | peak MB | pair P | pair R | pair F1 "
             "| disagreement P | disagreement R |",
             "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in ours:
        lines.append(f"| {r['size']} | {r['mode']} | {r['threads']} | {r['rows']:,} | {r['wall_s']} | {r['cpu_s']} | "
                     f"{r['peak_mb']} | {r['precision']} | {r['recall']} | {r['f1']} | {r['dis_precision']} | "
                     f"{r['dis_recall']} |")
    lines += ["", "Disagreement P/R: rows of `disagreements.csv` (updates left out) against the planted numeric "
              "disagreements (pairs of the dissenting outlet's sentence with each other variant)."]
    by = {(r["size"], r["mode"], r["threads"]): r for r in ours}
    lines += ["", "## Ratios", ""]
    for size in SIZES:
        one, two = by.get((size, "story", 1)), by.get((size, "story", 2))
        flat = by.get((size, "corpus", 2))
        if one and two:
            same = "byte-identical" if same_output(one["out"], two["out"]) else "DIFFERENT"
            lines.append(f"- {size}: 1 -> 2 threads speed-up {one['wall_s'] / two['wall_s']:.2f}x; reports {same}")
        if two and flat:
            lines.append(f"- {size}: corpus mode (no story folders) / story mode wall time {flat['wall_s'] / two['wall_s']:.2f}x")
    if peers:
        ref = by.get(("300k", "story", 2))
        lines += ["", "## Peers on the 300k corpus (same run)", "",
                  "| peer | wall s (pipeline) | peak MB | pair F1 | crossclaim speed-up |", "|---|---:|---:|---:|---:|"]
        for p in peers:
            f1 = p.get("cc", {}).get("f1", "")
            speed = f"{p['wall_s'] / ref['wall_s']:.0f}x" if ref else ""
            lines.append(f"| {p['name']} | {p['wall_s']} | {p['peak_rss_mb']} | {f1} | {speed} |")
        seg = next((p for p in peers if p["name"] == "pysbd"), None)
        qua = next((p for p in peers if p["name"] == "quantulum3"), None)
        if ref and seg and qua:
            lines.append("")
            lines.append(f"- The peer pipeline that also segments and extracts numbers (pysbd + quantulum3 + rapidfuzz): "
                         f"{seg['wall_s'] + qua['wall_s'] + peers[2]['wall_s']:.1f} s, "
                         f"{(seg['wall_s'] + qua['wall_s'] + peers[2]['wall_s']) / ref['wall_s']:.0f}x crossclaim's {ref['wall_s']} s.")
    if base:
        ref = by.get(("300k", "story", 2))
        lines += ["", f"## Baseline {base['ref']} on the 300k corpus (same run)", "",
                  "| binary | wall s | CPU s | peak MB | disagreement P | disagreement R |", "|---|---:|---:|---:|---:|---:|",
                  f"| {base['ref']} | {base['wall_s']} | {base['cpu_s']} | {base['peak_mb']} | {base['dis_precision']} | {base['dis_recall']} |"]
        if ref:
            lines.append(f"| this commit | {ref['wall_s']} | {ref['cpu_s']} | {ref['peak_mb']} | {ref['dis_precision']} | {ref['dis_recall']} |")
    lines += targets(by, peers, base)
    text = "\n".join(lines) + "\n"
    # What follows KEEP in the file (the profile behind a missed target, written
    # by hand) survives a new run.
    if os.path.exists(path):
        with open(path) as f:
            old = f.read()
        if KEEP in old:
            text += "\n" + old[old.index(KEEP):]
    with open(path, "w") as f:
        f.write(text)


KEEP = "<!-- kept by scripts/bench.py: -->"


def targets(by, peers, base=None):
    """The scale issue's targets, each met or missed by this run's figures."""
    out = ["", "## Targets", ""]
    mark = lambda ok: "met" if ok else "MISSED"
    big = by.get(("1M", "story", 2))
    if big:
        out.append(f"- 1M sentences, story folders, under 30 s and 2 GB: {big['wall_s']} s, {big['peak_mb']} MB: "
                   f"{mark(big['wall_s'] < 30 and big['peak_mb'] < 2048)}")
    ref = by.get(("300k", "story", 2))
    named = {p["name"]: p for p in peers}
    minhash = next((p for n, p in named.items() if n.startswith("datasketch")), None)
    if ref and minhash:
        x = minhash["wall_s"] / ref["wall_s"]
        out.append(f"- 300k: at least 20x faster than MinHash-LSH: {x:.1f}x: {mark(x >= 20)}")
    if ref and all(n in named for n in ("pysbd", "quantulum3")) and len(peers) > 2:
        total = named["pysbd"]["wall_s"] + named["quantulum3"]["wall_s"] + peers[2]["wall_s"]
        x = total / ref["wall_s"]
        out.append(f"- 300k: at least 50x faster than the peer pipeline: {x:.0f}x: {mark(x >= 50)}")
    f1s = [p["cc"]["f1"] for p in peers if p.get("cc", {}).get("f1") not in (None, "")]
    if ref and f1s:
        out.append(f"- 300k: claim-pair F1 above every peer: {ref['f1']} vs best peer {max(f1s)}: "
                   f"{mark(ref['f1'] > max(f1s))}")
    flat = by.get(("300k", "corpus", 2))
    if ref and flat:
        x = flat["wall_s"] / ref["wall_s"]
        out.append(f"- 300k: corpus mode within 3x of story mode: {x:.2f}x: {mark(x <= 3)}")
    if ref and base:
        x = ref["wall_s"] / base["wall_s"]
        out.append(f"- 300k: wall time no more than 1.3x the baseline {base['ref']}'s in the same run: {x:.2f}x: "
                   f"{mark(x <= 1.3)}")
    if ref:
        out.append(f"- 300k: disagreement recall at least 0.6 with precision at least 0.85: recall {ref['dis_recall']}, "
                   f"precision {ref['dis_precision']}: {mark(ref['dis_recall'] >= 0.6 and ref['dis_precision'] >= 0.85)}")
    for size in ("100k", "300k"):
        one, two = by.get((size, "story", 1)), by.get((size, "story", 2))
        if one and two:
            x = one["wall_s"] / two["wall_s"]
            same = same_output(one["out"], two["out"])
            out.append(f"- {size}: 1 -> 2 threads at least 1.7x, byte-identical: {x:.2f}x, "
                       f"{'identical' if same else 'DIFFERENT'}: {mark(x >= 1.7 and same)}")
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true", help="10k and 100k only, no peers")
    ap.add_argument("--no-peers", action="store_true")
    ap.add_argument("--sizes", default=None, help="comma-separated subset of " + ",".join(SIZES))
    ap.add_argument("--out", default=os.path.join(ROOT, "BENCHMARKS.md"))
    ap.add_argument("--baseline", default=None, help="a git commit whose release binary is timed at 300k in the same run")
    a = ap.parse_args()
    bench_dir = os.environ.get("BENCH_DIR", "/tmp/crossclaim-bench")
    os.makedirs(bench_dir, exist_ok=True)
    if not os.path.isdir(SHARED):
        sys.exit(f"{SHARED} not found: the corpus generator lives there")
    sizes = a.sizes.split(",") if a.sizes else (["10k", "100k"] if a.quick else list(SIZES))
    ours, peers, base = [], [], None
    for size in sizes:
        d = corpus(bench_dir, SIZES[size])
        labels = gold(d)
        threads = [1, 2] if size in ("100k", "300k") else [2]
        for t in threads:
            ours.append(run_ours(d, size, t, "story", labels, bench_dir))
        if size != "1M":
            ours.append(run_ours(d, size, 2, "corpus", labels, bench_dir))
        if size == "300k" and a.baseline:
            binary = baseline_binary(a.baseline, bench_dir)
            base = run_ours(d, size, 2, "story", labels, bench_dir, binary, f"baseline-{a.baseline}")
            base["ref"] = a.baseline
        if size == "300k" and not (a.quick or a.no_peers):
            peers = run_peers(d, bench_dir)
    write_markdown(ours, peers, a.out, sys.argv[1:], base)
    log("wrote", a.out)


if __name__ == "__main__":
    main()
