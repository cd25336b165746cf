#!/usr/bin/env python3
"""Runs the matcher benchmarks and writes their section of benches/RESULTS.md.

Usage, from the repository root:

    python3 benches/criterion-results.py            # run `cargo bench --bench matcher`, then write
    python3 benches/criterion-results.py --no-run   # write from the last run's figures

Throughputs are the input's bytes over criterion's median time per
iteration, in MiB/s. Memory and build times come from what the benchmark
prints at start-up (kept in target/criterion-results.log).
"""

import datetime
import glob
import json
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "benches"))
from results_file import write_section  # noqa: E402

TARGET = os.environ.get("CARGO_TARGET_DIR", os.path.join(ROOT, "target"))
CRITERION = os.path.join(TARGET, "criterion")
LOG = os.path.join(TARGET, "criterion-results.log")
RESULTS = os.path.join(ROOT, "benches", "RESULTS.md")

def git(*args):
    return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True).stdout.strip()


if "--no-run" not in sys.argv:
    dirty = " (with uncommitted changes)" if git("status", "--porcelain", "--untracked-files=no") else ""
    with open(LOG, "w", encoding="utf-8") as log:
        # The run's commit and time, read back by --no-run.
        log.write(f"# commit {git('rev-parse', '--short', 'HEAD')}{dirty}\n")
        log.write(f"# date {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC\n")
        log.flush()
        done = subprocess.run(
            ["cargo", "bench", "--bench", "matcher"], cwd=ROOT, stderr=log, stdout=sys.stderr
        )
    if done.returncode != 0:
        sys.exit(f"cargo bench failed; see {LOG}")

# full id ("detect/clean/bundled/unspin") -> (bytes, median ns)
runs = {}
for path in glob.glob(os.path.join(CRITERION, "**", "new", "benchmark.json"), recursive=True):
    meta = json.load(open(path, encoding="utf-8"))
    estimates = json.load(open(os.path.join(os.path.dirname(path), "estimates.json")))
    bytes_ = (meta.get("throughput") or {}).get("Bytes")
    runs[meta["full_id"]] = (bytes_, estimates["median"]["point_estimate"])


def mibps(full_id):
    if full_id not in runs or not runs[full_id][0]:
        return None
    bytes_, ns = runs[full_id]
    return bytes_ / (ns / 1e9) / 2**20


def fmt(x):
    return "—" if x is None else f"{x:.1f}"


def ratio(a, b):
    return None if a is None or b is None else a / b


def fmt_ratio(x):
    return "—" if x is None else f"{x:.2f}×"


log_text = open(LOG, encoding="utf-8").read() if os.path.exists(LOG) else ""
compiled = re.search(r"bundled: first load ([^;]+); compiled dictionary ([\d.]+) MiB \((\d+) B\)", log_text)
resident = re.search(r"bundled: resident set .*", log_text)
sizes = re.findall(r"^(\S+): (\d+) keys; (.*)$", log_text, re.M)


def machine():
    cpu = "unknown CPU"
    try:
        for line in open("/proc/cpuinfo", encoding="utf-8"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        kib = int(open("/proc/meminfo").readline().split()[1])
        mem = f", {kib / 2**20:.1f} GiB of memory"
    except (OSError, ValueError, IndexError):
        pass
    rustc = subprocess.run(["rustc", "--version"], capture_output=True, text=True).stdout.strip()
    return cpu, os.cpu_count(), mem, rustc


cpu, cores, mem, rustc = machine()
commit = re.search(r"^# commit (.*)$", log_text, re.M)
commit = commit.group(1) if commit else "unknown"
when = re.search(r"^# date (.*)$", log_text, re.M)
when = when.group(1) if when else "unknown"
L = []
w = L.append
w("## Matcher core (criterion)")
w("")
w(f"- **Date:** {when}")
w(f"- **Machine:** {cpu}, {cores} cores{mem}; {rustc}")
w(f"- **unspin:** commit {commit}; `cargo bench --bench matcher` (see its module docs)")
w(
    "- **Text:** `clean` is `tests/fixtures/clean-en.txt` and `spun` is "
    "`samples/spun-article.txt`, each repeated to at least 4 MiB. One thread."
)
w(
    "- **Peers:** the aho-corasick crate on the same folded keys, "
    "`MatchKind::LeftmostLongest`, ASCII case-insensitive. It does no word-boundary "
    "check in detection, no Unicode, whitespace or quote folding, no case carrying, "
    "no articles, allowlist or rules."
)
w("")
w("### Detection, MiB/s (median)")
w("")
w("| corpus | dictionary | unspin | aho-corasick NFA | aho-corasick DFA | unspin / DFA |")
w("|---|---|---:|---:|---:|---:|")
for corpus in ["clean", "spun"]:
    for dictionary in ["bundled", "synthetic-1k", "synthetic-10k", "synthetic-100k"]:
        base = f"detect/{corpus}/{dictionary}"
        u, n, d = (mibps(f"{base}/{f}") for f in ["unspin", "aho-corasick-nfa", "aho-corasick-dfa"])
        w(f"| {corpus} | {dictionary} | {fmt(u)} | {fmt(n)} | {fmt(d)} | {fmt_ratio(ratio(u, d))} |")
w("")
w("### Repair with the bundled dictionary, MiB/s (median)")
w("")
w(
    "`repair` also builds the list of edits (an `Edit` with two strings each); "
    "`repair_text` returns the text alone, as the peers do. The word-start floor "
    "only counts word starts; the hashed-words floor also hashes every word (with "
    "the word reader of the score) and asks the prefilter about it, about the least "
    "a matcher that looks words up does."
)
w("")
w(
    "| corpus | unspin `repair` | unspin `repair_text` | aho-corasick DFA, boundary check "
    "| aho-corasick `replace_all` | word-start floor | hashed-words floor |"
)
w("|---|---:|---:|---:|---:|---:|---:|")
for corpus in ["clean", "spun"]:
    base = f"repair/{corpus}/bundled"
    cells = [
        mibps(f"{base}/unspin"),
        mibps(f"{base}/unspin-text-only"),
        mibps(f"{base}/aho-corasick-dfa-boundary"),
        mibps(f"{base}/aho-corasick-dfa-replace-all"),
        mibps(f"floor/{corpus}/word-starts"),
        mibps(f"floor/{corpus}/hashed-words"),
    ]
    w(f"| {corpus} | " + " | ".join(fmt(c) for c in cells) + " |")
w("")
w("### Dictionaries: size and build time")
w("")
if sizes:
    w("| dictionary | keys | as printed by the benchmark |")
    w("|---|---:|---|")
    for name, keys, rest in sizes:
        w(f"| {name} | {int(keys):,} | {rest} |")
    w("")
if resident:
    w(f"Resident memory ({resident.group(0).split(': ', 1)[1]}).")
    w("")
load_ns = runs.get("load/embedded (build-time FST)", (None, None))[1]
runtime_ns = runs.get("load/runtime compile from TSV", (None, None))[1]
w("### Targets (issues 6 and 17)")
w("")
w("| measure | target | clean | spun | met |")
w("|---|---|---:|---:|---|")


def row(label, target, test, clean, spun, fmt_cell=fmt_ratio):
    met = "—"
    if clean is not None and spun is not None:
        both = test(clean) and test(spun)
        either = test(clean) or test(spun)
        met = "yes" if both else ("clean only" if test(clean) else ("spun only" if either else "no"))
    w(f"| {label} | {target} | {fmt_cell(clean)} | {fmt_cell(spun)} | {met} |")


det = {c: ratio(mibps(f"detect/{c}/bundled/unspin"), mibps(f"detect/{c}/bundled/aho-corasick-dfa")) for c in ["clean", "spun"]}
row("detection, bundled dictionary, against aho-corasick DFA", "≥ 2.0×", lambda x: x >= 2.0, det["clean"], det["spun"])
rep = {
    c: ratio(mibps(f"repair/{c}/bundled/unspin-text-only"), mibps(f"repair/{c}/bundled/aho-corasick-dfa-boundary"))
    for c in ["clean", "spun"]
}
row("repair (`repair_text`) against aho-corasick DFA replace with boundary check", "≥ 1.5×", lambda x: x >= 1.5, rep["clean"], rep["spun"])
flo = {c: ratio(mibps(f"repair/{c}/bundled/unspin-text-only"), mibps(f"floor/{c}/word-starts")) for c in ["clean", "spun"]}
row("repair (`repair_text`) against the word-start floor", "≥ 0.5×", lambda x: x >= 0.5, flo["clean"], flo["spun"])
grow = {
    c: ratio(mibps(f"detect/{c}/synthetic-1k/unspin"), mibps(f"detect/{c}/synthetic-100k/unspin"))
    for c in ["clean", "spun"]
}
row(
    "detection with 100k phrases: times slower than with 1k",
    "≤ 2×",
    lambda x: x <= 2.0,
    grow["clean"],
    grow["spun"],
)
if compiled:
    mib = float(compiled.group(2))
    w(f"| compiled bundled dictionary | ≤ 2 MB | {int(compiled.group(3)):,} bytes ({mib:.2f} MiB) | | {'yes' if int(compiled.group(3)) <= 2_000_000 else 'no'} |")
if load_ns is not None:
    w(
        f"| bundled dictionary load (median) | ≤ 1 ms | {load_ns / 1000:.0f} µs | | "
        f"{'yes' if load_ns <= 1e6 else 'no'} |"
    )
if runtime_ns is not None:
    w("")
    w(f"For comparison, compiling the same dictionaries from their TSV at run time takes {runtime_ns / 1e6:.1f} ms.")
w("")
w("The whole-process targets are in the next section.")

write_section(RESULTS, "criterion", "\n".join(L))
print(f"wrote the criterion section of {RESULTS}", file=sys.stderr)
