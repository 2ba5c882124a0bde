#!/usr/bin/env python3
"""
Settle a JSON-lines claim file with `yibao settle --in - --out -` as a stage of Spark, in local mode.
The recipe it runs is docs/beyond-one-machine.md; it is optional and not part of CI.

    python3 scripts/spark_settle.py --in claims.jsonl --out settled.jsonl [--partitions 4] [--mode partitions|pipe]

Needs: pyspark (pip install pyspark), a Java runtime (JAVA_HOME or java on PATH), Node 20 and the built
command line (npm ci, or npm run build:cli). When one is missing it says which and exits 2.

What it does: reads the claims (one JSON object a line), keys each by person (ID number, else name, else
claim id), partitions by that key and orders each partition by person and settlement date (so that a
person's claims reach one process, in order: the year-to-date fields, see the doc), runs one `yibao settle`
process per non-empty partition, pairs every output line with its input line by position (the command line
answers one line per line, in order; a claim it cannot settle is an {"id", "error"} line), checks the
counts, and writes the results in the input's order.
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import threading
import zlib

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CLI = os.environ.get("YIBAO_CLI") or os.path.join(ROOT, "bin", "yibao.cjs")
BUILT = os.path.join(ROOT, "dist", "cli", "main.js")


def missing():
    """What this machine lacks for the run, each with how to get it (empty when nothing is missing)."""
    out = []
    try:
        import pyspark  # noqa: F401
    except ImportError:
        out.append("pyspark is not installed: pip install pyspark (3.4 or later)")
    java_home = os.environ.get("JAVA_HOME")
    java = os.path.join(java_home, "bin", "java") if java_home else shutil.which("java")
    if not java or not os.path.exists(java):
        out.append("no Java runtime: set JAVA_HOME or put java on PATH (Debian: apt-get install openjdk-17-jre-headless)")
    if not shutil.which("node"):
        out.append("node is not on PATH: install Node 20")
    if not os.path.exists(BUILT):
        out.append(f"the command line is not built ({BUILT}): run npm ci or npm run build:cli in {ROOT}")
    return out


def person_key(line):
    """The key a claim is partitioned by: its person (ID number, else name), else its own id."""
    try:
        o = json.loads(line)
    except ValueError:
        return ("", "", "")  # yibao answers the bad line with its error, in its place
    if not isinstance(o, dict):
        return ("", "", "")
    who = o.get("idNumber") or o.get("身份证号") or o.get("name") or o.get("姓名") or o.get("id") or o.get("编号") or ""
    day = o.get("settlementDate") or o.get("结算日期") or o.get("dischargeDate") or o.get("出院日期") or o.get("serviceDate") or o.get("就诊日期") or ""
    return (str(who), str(day))


def command(extra):
    return ["node", CLI, "settle", "--in", "-", "--format", "jsonl", "--out", "-", "--quiet"] + extra


def settle_partition(cmd):
    def run(rows):
        rows = list(rows)  # [(order, line)]: one partition, already in person/date order
        if not rows:
            return iter(())  # an empty partition starts no process
        p = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)

        def feed():
            try:
                for _, line in rows:
                    p.stdin.write(line.encode("utf-8") + b"\n")
            finally:
                p.stdin.close()

        feeder = threading.Thread(target=feed)
        feeder.start()
        errs = []
        drain = threading.Thread(target=lambda: errs.append(p.stderr.read()))
        drain.start()
        out = p.stdout.read().decode("utf-8").splitlines()
        feeder.join()
        drain.join()
        code = p.wait()
        tail = (errs[0] if errs else b"").decode("utf-8", "replace")[-800:]
        # exit 2 with one error line per claim is "every claim of this partition was refused", not a failure
        all_refused = code == 2 and out and all('"error"' in line for line in out)
        if len(out) != len(rows) or (code != 0 and not all_refused):
            raise RuntimeError(f"yibao settle exited {code} with {len(out)} lines for {len(rows)} claims: {tail}")
        return ((order, line) for (order, _), line in zip(rows, out))

    return run


def pair_up(p):
    """One partition's input order numbers and its output lines, paired by position (the counts must agree)."""
    order, out = p
    if len(order) != len(out):
        raise RuntimeError(f"yibao settle answered {len(out)} lines for {len(order)} claims")
    return zip(order, out)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--in", dest="input", required=True, help="claims, one JSON object a line")
    ap.add_argument("--out", required=True, help="results, one JSON line per claim, in the input's order")
    ap.add_argument("--partitions", type=int, default=4)
    ap.add_argument("--mode", choices=["partitions", "pipe"], default="partitions", help="partitions: mapPartitions with a process per partition (default); pipe: RDD.pipe")
    ap.add_argument("--params", help="a parameter table passed to yibao --params (shipped with the job)")
    ap.add_argument("--no-spark", action="store_true", help="the same partitioning, ordering, per-partition processes and checks in plain Python, without Spark (to try the stage where pyspark is not installed)")
    a = ap.parse_args()

    lack = [m for m in missing() if not (a.no_spark and ("pyspark" in m or "Java" in m))]
    if lack:
        print("spark_settle.py cannot run on this machine:", file=sys.stderr)
        for m in lack:
            print(f"  - {m}", file=sys.stderr)
        return 2
    if os.path.exists(a.out):
        print(f"{a.out} exists: not written over (remove it or name another file)", file=sys.stderr)
        return 2

    extra = ["--params", os.path.abspath(a.params)] if a.params else []
    cmd = command(extra)
    if a.no_spark:
        with open(a.input, encoding="utf-8") as f:
            lines = [(line.rstrip("\r\n"), i) for i, line in enumerate(f) if line.strip() != ""]
        n_in = len(lines)
        parts = [[] for _ in range(a.partitions)]
        for line, i in lines:
            k = person_key(line)
            parts[zlib.crc32(k[0].encode("utf-8")) % a.partitions].append(((k, i), line))
        run = settle_partition(cmd)
        results = []
        for part in parts:
            part.sort(key=lambda kv: kv[0])
            results.extend(run([(kv[0][1], kv[1]) for kv in part]))
        rows = [line for _, line in sorted(results)]
        return finish(rows, n_in, a.out)

    from pyspark.sql import SparkSession

    spark = SparkSession.builder.master("local[2]").appName("yibao settle").getOrCreate()
    sc = spark.sparkContext
    try:
        lines = sc.textFile(a.input).zipWithIndex().filter(lambda x: x[0].strip() != "")
        n_in = lines.count()
        # key by person and date; partition by person; order within a partition by (person, date, input order)
        keyed = lines.map(lambda x: ((person_key(x[0]), x[1]), x[0]))
        # a stable hash (Python's own string hash differs from process to process)
        ordered = keyed.repartitionAndSortWithinPartitions(a.partitions, partitionFunc=lambda k: zlib.crc32(k[0][0].encode("utf-8"))).cache()
        if a.mode == "pipe":
            # RDD.pipe: output line i of a partition is its input line i; checkCode makes a dead process fail the task
            order = ordered.map(lambda kv: kv[0][1]).glom()
            out = ordered.map(lambda kv: kv[1]).pipe(" ".join(cmd), checkCode=True).glom()
            results = order.zip(out).flatMap(pair_up)
        else:
            results = ordered.map(lambda kv: (kv[0][1], kv[1])).mapPartitions(settle_partition(cmd))
        rows = results.sortByKey().values().collect()
    finally:
        spark.stop()

    return finish(rows, n_in, a.out)


def finish(rows, n_in, out):
    """Write the results in the input's order, only when there is one for every claim."""
    if len(rows) != n_in:
        print(f"{len(rows)} results for {n_in} claims: nothing written", file=sys.stderr)
        return 1
    refused = sum(1 for r in rows if '"error"' in r)
    tmp = f"{out}.part"
    with open(tmp, "w", encoding="utf-8") as f:
        for r in rows:
            f.write(r + "\n")
    os.replace(tmp, out)
    print(f"{n_in} claims: {n_in - refused} settled, {refused} refused (their error in their place) → {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
