#!/usr/bin/env python3
"""Scale measurements of the distributed path (issue 21), written as Markdown tables.

  python3 scripts/scale_bench.py steps --sizes 10k,100k,300k,1M --shards 1,2,4,8
  python3 scripts/scale_bench.py engines --size 300k      # plain, xargs -P2, Spark 2 and 8 shards

`steps` times each step on its own, one process at a time with --threads 1: the corpus table in
N parts (`boilerplate --part i/N`) and their `--merge`, each of N shards (`compare --boilerplate
--shard i/N`), and `merge`; and checks the merged reports against one plain run, byte for byte.
`engines` times whole pipelines under /usr/bin/time (wall, CPU of every process, the largest
process's peak memory). Corpora come from ../shared/bench/gen_corpus.py --seed 1, as in
scripts/bench.py. The machine is shared: the figures carry whatever else ran.
"""

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = os.path.join(os.path.dirname(ROOT), "shared", "bench")
BIN = os.path.join(ROOT, "target", "release", "crossclaim")
VENV_PY = os.path.join(ROOT, "target", "spark-venv", "bin", "python")
SIZES = {"10k": 67, "100k": 670, "300k": 2000, "1M": 6700}
REPORTS = ["claims.csv", "disagreements.csv", "report.json", "summary.md", "report.html", "report.xlsx"]


def log(*a):
    print(*a, file=sys.stderr, flush=True)


def corpus(bench, stories):
    """A folder of the generated corpus's story folders (links), generated when missing."""
    gen = os.path.join(bench, f"s{stories}")
    if not os.path.exists(os.path.join(gen, "meta.json")):
        shutil.rmtree(gen, ignore_errors=True)
        log(f"generating {stories} stories")
        subprocess.run([sys.executable, os.path.join(SHARED, "gen_corpus.py"), "--stories", str(stories),
                        "--seed", "1", "--out", gen, "--quiet", "--jobs", "2"], check=True)
    linked = gen + "-stories"
    if not os.path.isdir(linked):
        os.makedirs(linked + ".part", exist_ok=True)
        for name in sorted(os.listdir(gen)):
            if os.path.isdir(os.path.join(gen, name)):
                os.symlink(os.path.join(gen, name), os.path.join(linked + ".part", name))
        os.rename(linked + ".part", linked)
    return linked


def timed(cmd, cwd=None, shell=False):
    """Runs a command under /usr/bin/time: wall s, CPU s, peak MB of the largest process."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as t:
        full = ["/usr/bin/time", "-f", "%e %U %S %M", "-o", t.name]
        full += ["bash", "-c", cmd] if shell else cmd
        proc = subprocess.run(full, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        if proc.returncode not in (0, 4):
            raise SystemExit(f"exit {proc.returncode}: {cmd}: {proc.stderr[-2000:]}")
        wall, user, system, rss = t.read().split()[-4:]
    result = {"wall": float(wall), "cpu": float(user) + float(system), "mb": int(rss) / 1024}
    # The Spark driver counts its JVM, workers and tasks itself (they are not its reaped children).
    m = re.search(r"CPU s: crossclaim ([\d.]+), JVM and workers ([\d.]+), driver ([\d.]+); "
                  r"peak MB: crossclaim (\d+), JVM and workers (\d+), driver (\d+)", proc.stderr)
    if m:
        v = [float(x) for x in m.groups()]
        result.update(cpu=v[0] + v[1] + v[2], mb=max(v[3:]), split=v)
    return result


def same(a, b):
    """Whether two report folders hold the same bytes: the reports and the story pages."""
    def read(d, f):
        return open(os.path.join(d, f), "rb").read()

    def pages(d):
        folder = os.path.join(d, "stories")
        return sorted(os.listdir(folder)) if os.path.isdir(folder) else []

    return (all(read(a, f) == read(b, f) for f in REPORTS) and pages(a) == pages(b)
            and all(read(a, "stories/" + p) == read(b, "stories/" + p) for p in pages(a)))


def steps(a):
    rows = []
    for size in a.sizes.split(","):
        c = corpus(a.bench, SIZES[size])
        work = os.path.join(a.bench, "steps", size)
        shutil.rmtree(work, ignore_errors=True)
        os.makedirs(work)
        plain = os.path.join(work, "plain")
        one = timed([BIN, "compare", "--quiet", "--threads", "1", c, "-o", plain])
        sentences = sum(1 for _ in open(os.path.join(plain, "claims.csv"), encoding="utf-8")) - 1
        log(f"{size}: plain run {one}")
        for n in [int(x) for x in a.shards.split(",")]:
            tables = [timed([BIN, "boilerplate", c, "--part", f"{i}/{n}", "-o", f"{work}/t{n}.{i}"])
                      for i in range(n)]
            tmerge = timed([BIN, "boilerplate", "--merge"] + [f"{work}/t{n}.{i}" for i in range(n)]
                           + ["-o", f"{work}/t{n}"])
            shards = [timed([BIN, "compare", "--quiet", "--threads", "1", c, "--boilerplate", f"{work}/t{n}",
                             "--shard", f"{i}/{n}", "-o", f"{work}/o{n}.{i}"]) for i in range(n)]
            merge = timed([BIN, "merge", "--quiet"] + [f"{work}/o{n}.{i}" for i in range(n)]
                          + ["-o", f"{work}/m{n}"])
            rows.append({
                "size": size, "sentences": sentences, "n": n, "plain": one,
                "table_wall": max(t["wall"] for t in tables), "table_cpu": sum(t["cpu"] for t in tables),
                "table_mb": max(t["mb"] for t in tables), "tmerge": tmerge,
                "shard_wall": max(s["wall"] for s in shards), "shard_cpu": sum(s["cpu"] for s in shards),
                "shard_mb": max(s["mb"] for s in shards), "merge": merge,
                "table_bytes": os.path.getsize(f"{work}/t{n}"),
                "same": same(plain, f"{work}/m{n}"),
            })
            log(rows[-1])
    out = ["| size | sentences | shards | plain run wall s (1 thread) | table: slowest part s / CPU s / MB | "
           "table merge s / MB | table MB on disk | shard: slowest s / CPU s / MB | merge wall s / MB | "
           "identical |", "|---|---:|---:|---:|---|---|---:|---|---|---|"]
    for r in rows:
        out.append(f"| {r['size']} | {r['sentences']:,} | {r['n']} | {r['plain']['wall']:.2f} | "
                   f"{r['table_wall']:.2f} / {r['table_cpu']:.2f} / {r['table_mb']:.0f} | "
                   f"{r['tmerge']['wall']:.2f} / {r['tmerge']['mb']:.0f} | {r['table_bytes'] / 1e6:.1f} | "
                   f"{r['shard_wall']:.2f} / {r['shard_cpu']:.2f} / {r['shard_mb']:.0f} | "
                   f"{r['merge']['wall']:.2f} / {r['merge']['mb']:.0f} | {'yes' if r['same'] else 'NO'} |")
    return "\n".join(out)


def engines(a):
    c = corpus(a.bench, SIZES[a.size])
    work = os.path.join(a.bench, "engines")
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    rows = []
    plain = os.path.join(work, "plain")
    rows.append(("one plain run, --threads 2", f"crossclaim compare --threads 2 CORPUS",
                 timed([BIN, "compare", "--quiet", "--threads", "2", c, "-o", plain])))
    x = os.path.join(work, "xargs")
    script = (f"set -e; B={BIN}; C={c}; W={x}; mkdir -p $W; "
              "printf '%s\\n' 0 1 | xargs -P2 -I{} $B boilerplate $C --part {}/2 -o $W/t{} || [ $? = 123 ]; "
              "$B boilerplate --merge $W/t0 $W/t1 -o $W/t; "
              "printf '%s\\n' 0 1 | xargs -P2 -I{} $B compare --quiet --threads 1 $C --boilerplate $W/t "
              "--shard {}/2 -o $W/o{} || [ $? = 123 ]; "
              "$B merge --quiet $W/o0 $W/o1 -o $W/m || [ $? = 4 ]")
    rows.append(("xargs -P2, 2 shards", "boilerplate --part x2, --merge, compare --shard x2, merge",
                 timed(script, shell=True)))
    ok = {"xargs -P2, 2 shards": same(plain, os.path.join(x, "m"))}
    for n in [int(s) for s in a.spark_shards.split(",")]:
        out = os.path.join(work, f"spark{n}")
        label = f"Spark local[2], {n} shards"
        rows.append((label, f"spark_crossclaim.py --master local[2] --shards {n}",
                     timed([VENV_PY, os.path.join(ROOT, "scripts", "spark_crossclaim.py"), c, "-o", out,
                            "--master", "local[2]", "--shards", str(n), "--binary", BIN])))
        ok[label] = same(plain, out)
    lines = ["| pipeline | command | wall s | CPU s | peak MB (largest process) | identical to the plain run |",
             "|---|---|---:|---:|---:|---|"]
    for label, cmd, t in rows:
        mark = "" if label not in ok else ("yes" if ok[label] else "NO")
        cpu = f"{t['cpu']:.2f}"
        if "split" in t:
            cpu += f" (crossclaim {t['split'][0]:.1f}, JVM+workers {t['split'][1]:.1f}, driver {t['split'][2]:.1f})"
        lines.append(f"| {label} | `{cmd}` | {t['wall']:.2f} | {cpu} | {t['mb']:.0f} | {mark} |")
    return "\n".join(lines)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("what", choices=["steps", "engines"])
    ap.add_argument("--sizes", default="10k,100k,300k,1M")
    ap.add_argument("--shards", default="1,2,4,8")
    ap.add_argument("--size", default="300k")
    ap.add_argument("--spark-shards", default="2,8")
    ap.add_argument("--bench", default=os.path.join(tempfile.gettempdir(), "crossclaim-scale"))
    a = ap.parse_args()
    os.makedirs(a.bench, exist_ok=True)
    print(steps(a) if a.what == "steps" else engines(a))


if __name__ == "__main__":
    main()
