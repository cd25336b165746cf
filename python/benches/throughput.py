"""Throughput of unspin on one JSONL corpus: the binary, Python, Spark.

    python python/benches/throughput.py [--megabytes 200] [--work DIR] [--skip-spark]

Builds a JSONL corpus of about ``--megabytes`` MB (records of one document
each, under "text": the bundled spun sample and the clean fixture cut into
documents, the development stories of ../shared/samples when present, and
Debian's fortunes when installed, cycled until the size is reached) and
times, on that file:

1. ``unspin --jsonl --field text`` (the release binary, every core);
2. Python: reading the records with ``json``, ``Unspinner.repair_batch``
   over batches of 2,000 texts (every core), writing JSON lines; the
   repair alone is timed too;
3. ``python/examples/spark_clean.py`` on ``local[1]`` pinned to one core
   and on ``local[2]`` (JSONL in, Parquet out, verdict and edit count
   added), and Spark alone (a session that reads and counts the records).

The binary and Python are also timed with the score added
(``--add-score``, ``score=True``), as the Spark job adds it.

It prints a Markdown table for the README. Wall times are one run each.
"""

import argparse
import json
import os
import pathlib
import resource
import subprocess
import sys
import time

REPO = pathlib.Path(__file__).resolve().parents[2]


def documents():
    sample = (REPO / "samples" / "spun-article.txt").read_text(encoding="utf-8")
    yield sample
    clean = (REPO / "tests" / "fixtures" / "clean-en.txt").read_text(encoding="utf-8").splitlines()
    for i in range(0, len(clean), 15):
        yield "\n".join(clean[i : i + 15])
    for story in sorted((REPO.parent / "shared" / "samples").glob("dev*/*/")):
        for name in ("spun.txt", "original.txt"):
            path = story / name
            if path.exists():
                yield path.read_text(encoding="utf-8")
    fortunes = pathlib.Path("/usr/share/games/fortunes")
    if fortunes.is_dir():
        for path in sorted(fortunes.iterdir()):
            if path.is_file() and not path.is_symlink() and path.suffix == "":
                text = path.read_text(encoding="utf-8", errors="replace")
                chunk = []
                for fortune in text.split("\n%\n"):
                    chunk.append(fortune)
                    if sum(len(c) for c in chunk) > 2000:
                        yield "\n".join(chunk)
                        chunk = []


def build_corpus(path: pathlib.Path, megabytes: int) -> int:
    docs = list(documents())
    target = megabytes * 1_000_000
    written = records = 0
    with open(path, "w", encoding="utf-8") as f:
        while written < target:
            for doc in docs:
                line = json.dumps({"id": records, "text": doc}, ensure_ascii=False) + "\n"
                f.write(line)
                written += len(line.encode("utf-8"))
                records += 1
                if written >= target:
                    break
    return records


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(command, **kwargs):
    """Runs `command`: its wall time and the CPU time of it and its children."""
    cpu = children_cpu()
    started = time.perf_counter()
    subprocess.run(command, check=True, **kwargs)
    return time.perf_counter() - started, children_cpu() - cpu


def python_run(corpus: pathlib.Path, out: pathlib.Path, score: bool):
    """Repairs the corpus in this process: (wall, CPU) of the whole run and
    the wall time of the repair alone."""
    import unspin

    cpu = time.process_time()
    started = time.perf_counter()
    u = unspin.Unspinner()
    repairing = 0.0
    with open(corpus, encoding="utf-8") as f, open(out, "w", encoding="utf-8") as w:
        batch = []

        def flush():
            nonlocal repairing
            t = time.perf_counter()
            repairs = u.repair_batch([r["text"] for r in batch], score=score)
            repairing += time.perf_counter() - t
            for record, repair in zip(batch, repairs):
                record["text"] = repair.text
                if score:
                    record["unspin_verdict"] = repair.score.verdict
                    record["unspin_probability"] = round(repair.score.probability, 3)
                w.write(json.dumps(record, ensure_ascii=False) + "\n")
            batch.clear()

        for line in f:
            batch.append(json.loads(line))
            if len(batch) == 2000:
                flush()
        if batch:
            flush()
    return time.perf_counter() - started, time.process_time() - cpu, repairing


SPARK_STARTUP = """
import sys
from pyspark.sql import SparkSession
spark = SparkSession.builder.master(sys.argv[1]).config("spark.ui.enabled", "false").getOrCreate()
print(spark.read.json(sys.argv[2]).count())
spark.stop()
"""


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--megabytes", type=int, default=200)
    parser.add_argument("--work", default=str(REPO / "target" / "throughput"))
    parser.add_argument("--skip-spark", action="store_true")
    args = parser.parse_args()
    work = pathlib.Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    corpus = work / "corpus.jsonl"
    records = build_corpus(corpus, args.megabytes)
    size = corpus.stat().st_size
    mb = size / 1_000_000
    print(f"corpus: {records:,} records, {mb:,.1f} MB", file=sys.stderr)

    binary = REPO / "target" / "release" / "unspin"
    subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=REPO, check=True)
    rows = []
    for name, extra, out in (
        ("`unspin --jsonl` (2 threads)", [], "cli.jsonl"),
        ("`unspin --jsonl --threads 1`", ["--threads", "1"], "cli-1.jsonl"),
        ("`unspin --jsonl --add-score` (2 threads)", ["--add-score"], "cli-score.jsonl"),
    ):
        with open(work / out, "wb") as f:
            command = [str(binary), "--jsonl", "--field", "text", *extra, str(corpus)]
            rows.append((name, *timed(command, stdout=f)))

    wall, cpu, repairing = python_run(corpus, work / "python.jsonl", score=False)
    rows.append(("Python: `json` + `repair_batch` + `json` (2 threads)", wall, cpu))
    rows.append(("Python: `repair_batch` alone (2 threads)", repairing, None))
    same = (work / "python.jsonl").read_bytes() == (work / "cli.jsonl").read_bytes()
    if not same:
        print("Python's output differs from the binary's", file=sys.stderr)
        return 1
    wall, cpu, repairing = python_run(corpus, work / "python-score.jsonl", score=True)
    rows.append(("Python, `score=True`: `json` + `repair_batch` + `json` (2 threads)", wall, cpu))

    if not args.skip_spark:
        env = {**os.environ, "PYSPARK_PYTHON": sys.executable}
        job = REPO / "python" / "examples" / "spark_clean.py"
        quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
        # The JVM and the Python workers are not this process's waited-for
        # children, so their CPU time is not shown. `local[1]` still runs
        # the JVM beside the Python worker, on two cores if it has them: it
        # is pinned to one core to compare one core with two.
        for master, pin, label in (
            ("local[1]", ["taskset", "-c", "0"], "`local[1]` on one core (`taskset -c 0`)"),
            ("local[2]", [], "`local[2]` on two cores"),
        ):
            command = [*pin, sys.executable, str(job), str(corpus), str(work / f"spark-{master[6]}"), "--master", master]
            wall, _ = timed(command, env=env, **quiet)
            rows.append((f"Spark job, {label}: JSONL in, Parquet out, verdict added", wall, None))
        for master, pin, label in (
            ("local[1]", ["taskset", "-c", "0"], "`local[1]` on one core"),
            ("local[2]", [], "`local[2]` on two cores"),
        ):
            command = [*pin, sys.executable, "-c", SPARK_STARTUP, master, str(corpus)]
            wall, _ = timed(command, env=env, **quiet)
            rows.append((f"Spark alone, {label}: start, read and count the JSONL", wall, None))

    print(f"| run ({mb:,.0f} MB, {records:,} records) | wall (s) | CPU (s) | MB/s |")
    print("|---|---:|---:|---:|")
    for name, seconds, cpu in rows:
        cpu = "" if cpu is None else f"{cpu:.1f}"
        print(f"| {name} | {seconds:.1f} | {cpu} | {mb / seconds:.1f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
