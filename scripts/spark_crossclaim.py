#!/usr/bin/env python3
"""crossclaim on Spark: a corpus folder (one sub-folder per story) in, one set of reports out,
byte-identical to `crossclaim compare CORPUS -o OUT`.

Three steps, each a Spark job of plain `crossclaim` processes on a binary shipped with
SparkFiles (executors need no install, only a view of CORPUS and WORK, e.g. a shared volume):

1. `crossclaim boilerplate CORPUS --part i/P`, P tasks: the corpus table in parts, each file
   counted once, added up on the driver (`boilerplate --merge`);
2. `crossclaim compare CORPUS --boilerplate TABLE --stories-from BIN_i --shard i/N`, N tasks:
   each reads only its own story folders; bins are balanced by the stories' bytes;
3. `crossclaim merge` on the driver, story by story.

With --records the executors need no view of the corpus: the articles are a DataFrame
(id = the path a folder run shows, story, text), as a cluster keeps them; each partition pipes
its rows as JSON Lines into `crossclaim boilerplate -`, and each bin's rows, grouped by story
into one partition, into `crossclaim compare -`. Same reports, byte for byte (articles files
.txt, .md and .html; the folder run's list of skipped non-article files is not in a DataFrame).

Exit 4 (some inputs skipped, listed in the reports) is a normal end of every step; the driver
exits with merge's status. Usage:

    python3 scripts/spark_crossclaim.py CORPUS -o OUT [--shards N] [--master local[2]] [--records]
"""

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import time

# Exit statuses of crossclaim that end a step normally: success, inputs skipped.
NORMAL = (0, 4)


def log(*a):
    print("spark_crossclaim:", *a, file=sys.stderr, flush=True)


def run(cmd, what, stdin=None):
    """Runs one crossclaim step; exit 0 or 4 is normal, anything else fails the job.
    Returns the status, the process's CPU seconds and its peak memory in MB."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    proc = subprocess.run(cmd, input=stdin, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          text=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode not in NORMAL:
        raise RuntimeError(f"{what}: exit {proc.returncode}: {proc.stderr.strip()[-2000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return proc.returncode, cpu, after.ru_maxrss / 1024


def tree_usage(pid):
    """CPU seconds of a process and all its live descendants (their own: what they reaped,
    the crossclaim tasks, is counted by the tasks), and the largest peak memory among them
    in MB (Linux /proc)."""
    tick = os.sysconf("SC_CLK_TCK")
    parents, stats = {}, {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            with open(f"/proc/{entry}/status") as f:
                hwm = next((int(l.split()[1]) for l in f if l.startswith("VmHWM:")), 0)
        except OSError:
            continue
        parents[int(entry)] = int(fields[1])
        stats[int(entry)] = (sum(int(x) for x in fields[11:13]) / tick, hwm / 1024)
    tree, grew = {pid}, True
    while grew:
        more = {p for p, parent in parents.items() if parent in tree} - tree
        tree |= more
        grew = bool(more)
    cpu = sum(stats[p][0] for p in tree if p in stats)
    mb = max((stats[p][1] for p in tree if p in stats), default=0)
    return cpu, mb


def shipped(name):
    """The path of the binary SparkFiles put on this executor, made executable."""
    from pyspark import SparkFiles

    path = SparkFiles.get(name)
    mode = os.stat(path).st_mode
    if not mode & 0o100:
        os.chmod(path, mode | 0o755)
    return path


def table_stories(table):
    """The story names a corpus table lists."""
    names = []
    with open(table, encoding="utf-8") as f:
        next(f)
        for line in f:
            entry = json.loads(line)
            if entry[0] == "story":
                names.append(entry[1])
            elif entry[0] == "lines":
                break
    return names


def story_bytes(corpus, name):
    """The bytes of a story's folder (0 for a story of export records without one)."""
    folder = os.path.join(corpus, name)
    if not os.path.isdir(folder):
        return 0
    return sum(e.stat().st_size for e in os.scandir(folder) if e.is_file())


def balanced_bins(sizes, n):
    """Stories into n bins of about equal bytes: largest first, each to the lightest bin
    (ties by bin number, so the bins are the same on every run)."""
    bins = [[] for _ in range(n)]
    load = [0] * n
    for name, size in sorted(sizes.items(), key=lambda kv: (-kv[1], kv[0])):
        i = min(range(n), key=lambda b: (load[b], b))
        bins[i].append(name)
        load[i] += size
    return bins


def usage(results):
    """The summed CPU seconds and the largest peak MB of tasks' (status, cpu, mb) results."""
    return sum(r[1] for r in results), max((r[2] for r in results), default=0)


def in_dir(cwd, name, threads, cmd):
    """A Spark task that runs crossclaim with the arguments `cmd(i)` in `cwd`."""
    def task(i):
        os.chdir(cwd)
        return run([shipped(name), "--threads", threads, "--quiet"] + cmd(i), f"task {i}")
    return task


def write_bins(work, sizes, shards):
    """The bins as --stories-from files; returns {story: bin}."""
    bin_of = {}
    for i, members in enumerate(balanced_bins(sizes, shards)):
        with open(os.path.join(work, f"bin.{i}"), "w", encoding="utf-8") as f:
            f.write("".join(m + "\n" for m in members))
        bin_of.update((m, i) for m in members)
    return bin_of


def folder_steps(sc, named, corpus, work, shards, parts, binary, name, threads, cwd):
    """The table in parts of the corpus's files, then shards that read their own folders."""
    # 1. The corpus table, in parts that add up.
    t = time.time()
    table_part = lambda i: os.path.join(work, f"table.{i}")
    used = [usage(sc.parallelize(range(parts), parts).map(in_dir(cwd, name, threads,
        lambda i: ["boilerplate", named, "--part", f"{i}/{parts}", "-o", table_part(i)])).collect())]
    table = os.path.join(work, "table")
    used.append(run([binary, "boilerplate", "--merge"] + [table_part(i) for i in range(parts)]
                    + ["-o", table], "boilerplate --merge")[1:])
    log(f"corpus table in {time.time() - t:.1f} s")

    # 2. The shards, bins balanced by bytes.
    t = time.time()
    write_bins(work, {n: story_bytes(corpus, n) for n in table_stories(table)}, shards)
    shard_dir = lambda i: os.path.join(work, f"shard.{i}")
    used.append(usage(sc.parallelize(range(shards), shards).map(in_dir(cwd, name, threads,
        lambda i: ["compare", named, "--boilerplate", table, "--stories-from",
                   os.path.join(work, f"bin.{i}"), "--shard", f"{i}/{shards}",
                   "-o", shard_dir(i)])).collect()))
    log(f"{shards} shards in {time.time() - t:.1f} s")
    return used


ARTICLE_FILES = (".txt", ".text", ".md", ".markdown", ".html", ".htm", ".xhtml")


def records_steps(sc, spark, a, named, work, shards, name, threads, cwd):
    """The same steps on a DataFrame of articles, piped to the tasks as JSON Lines."""
    from pyspark.sql import Row, functions as F

    t = time.time()
    files = sc.wholeTextFiles(os.path.join(os.path.abspath(a.corpus), "*", "*"))
    # A record's id is the path a folder run shows: CORPUS-as-named/story/file.
    df = spark.createDataFrame(files.filter(lambda kv: kv[0].lower().endswith(ARTICLE_FILES)).map(
        lambda kv: Row(id="/".join([named] + kv[0].rsplit("/", 2)[-2:]),
                       story=kv[0].rsplit("/", 2)[-2], text=kv[1])))
    df = df.cache()
    as_json = lambda r: json.dumps({"id": r.id, "story": r.story, "text": r.text}) + "\n"

    def pipe(cmd):
        def task(i, rows):
            os.chdir(cwd)
            text = "".join(as_json(r) for r in rows)
            yield run([shipped(name), "--threads", threads, "--quiet"] + cmd(i) + ["-"], f"task {i}",
                      stdin=text)
        return task

    # 1. The table: each partition's articles counted once, added up.
    table_part = lambda i: os.path.join(work, f"table.{i}")
    n_parts = df.rdd.getNumPartitions()
    used = [usage(df.rdd.mapPartitionsWithIndex(
        pipe(lambda i: ["boilerplate", "-o", table_part(i)])).collect())]
    table = os.path.join(work, "table")
    used.append(run([shipped(name), "boilerplate", "--merge"]
                    + [table_part(i) for i in range(n_parts)] + ["-o", table],
                    "boilerplate --merge")[1:])
    log(f"corpus table from {n_parts} partitions in {time.time() - t:.1f} s")

    # 2. Bins balanced by the stories' bytes; each bin's rows in one partition.
    t = time.time()
    sizes = {r.story: r.size for r in df.groupBy("story").agg(F.sum(F.length("text")).alias("size")).collect()}
    bin_of = sc.broadcast(write_bins(work, sizes, shards))
    shard_dir = lambda i: os.path.join(work, f"shard.{i}")
    used.append(usage(
        df.rdd.map(lambda r: (bin_of.value[r.story], r)).partitionBy(shards, lambda k: k).values()
        .mapPartitionsWithIndex(pipe(lambda i: [
            "compare", "--boilerplate", table, "--stories-from", os.path.join(work, f"bin.{i}"),
            "--shard", f"{i}/{shards}", "-o", shard_dir(i)])).collect()))
    log(f"{shards} shards in {time.time() - t:.1f} s")
    return used


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", help="a folder of story folders")
    ap.add_argument("-o", "--out", required=True, help="folder for the merged reports")
    ap.add_argument("--shards", type=int, default=4, help="compare tasks (default 4)")
    ap.add_argument("--parts", type=int, default=None, help="boilerplate tasks (default: --shards)")
    ap.add_argument("--master", default="local[2]", help="Spark master (default local[2])")
    ap.add_argument("--binary", default=None,
                    help="crossclaim binary to ship (default: target/release/crossclaim, else on PATH)")
    ap.add_argument("--work", default=None, help="folder for tables and shard reports (default OUT.work)")
    ap.add_argument("--threads", type=int, default=1, help="--threads of each task (default 1)")
    ap.add_argument("--records", action="store_true",
                    help="feed the tasks a DataFrame of articles on standard input")
    a = ap.parse_args()

    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    binary = a.binary or os.path.join(root, "target", "release", "crossclaim")
    if not os.path.isfile(binary):
        binary = shutil.which("crossclaim") or sys.exit(f"no crossclaim binary at {binary} or on PATH")
    binary = os.path.abspath(binary)
    corpus = os.path.abspath(a.corpus)
    # The reports name files by their path from the corpus's parent: run where a plain run would.
    cwd = os.getcwd()
    named = a.corpus.rstrip("/") or "/"
    out = os.path.abspath(a.out)
    work = os.path.abspath(a.work or out + ".work")
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    shards, parts = a.shards, a.parts or a.shards

    # Spark binds to the host's address unless told; a container's name may not resolve.
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    from pyspark.sql import SparkSession

    started = time.time()
    spark = (SparkSession.builder.master(a.master).appName("crossclaim")
             .config("spark.ui.enabled", "false")
             .config("spark.ui.showConsoleProgress", "false").getOrCreate())
    spark.sparkContext.setLogLevel("ERROR")
    sc = spark.sparkContext
    sc.addFile(binary)
    name = os.path.basename(binary)
    log(f"spark up in {time.time() - started:.1f} s ({a.master})")
    threads = str(a.threads)

    if a.records:
        used = records_steps(sc, spark, a, named, work, shards, name, threads, cwd)
    else:
        used = folder_steps(sc, named, corpus, work, shards, parts, binary, name, threads, cwd)
    # The JVM and its Python workers, before they go (the crossclaim tasks are counted above).
    jvm = getattr(getattr(sc, "_gateway", None), "proc", None)
    jvm_cpu, jvm_mb = tree_usage(jvm.pid) if jvm else (0.0, 0.0)
    spark.stop()

    # 3. Merge on the driver.
    shard_dir = lambda i: os.path.join(work, f"shard.{i}")
    t = time.time()
    try:
        code, cpu, mb = run([binary, "merge", "--quiet"] + [shard_dir(i) for i in range(shards)]
                            + ["-o", out], "merge")
    except RuntimeError as e:
        log(e)
        return 2
    used.append((cpu, mb))
    me = resource.getrusage(resource.RUSAGE_SELF)
    tasks_cpu = sum(u[0] for u in used)
    log(f"merge in {time.time() - t:.1f} s, exit {code}; total {time.time() - started:.1f} s")
    log(f"CPU s: crossclaim {tasks_cpu:.1f}, JVM and workers {jvm_cpu:.1f}, "
        f"driver {me.ru_utime + me.ru_stime:.1f}; peak MB: crossclaim {max(u[1] for u in used):.0f}, "
        f"JVM and workers {jvm_mb:.0f}, driver {me.ru_maxrss / 1024:.0f}")
    return code


if __name__ == "__main__":
    sys.exit(main())
