#!/usr/bin/env python3
"""Writes benches/RESULTS.md from what benches/compare.sh measured.

Usage: python3 benches/compare/report.py OUTDIR RESULTS.md

OUTDIR (target/compare) holds, for each program KEY of PROGRAMS below:
  times-KEY.txt   one wall time in seconds a line, one line a timed run
  rss-KEY.txt     the peak resident set size in KiB of one separate run (optional)
  output-KEY.txt  that run's standard output (optional)
and meta.env, KEY=VALUE lines written by compare.sh (input path, machine,
versions, command lines, how the runs were timed).
"""

import os
import statistics
import sys

out_dir, results_path = sys.argv[1], sys.argv[2]

# (key, label, input): unspin's runs, then its peers; "main" is the large
# input, "small" the one flashtext (per line, and far slower) is run on.
PROGRAMS = [
    ("unspin-auto", "unspin (default `--mode auto`, 2 threads)", "main"),
    ("unspin-auto-1t", "unspin (default mode) `--threads 1`", "main"),
    ("unspin-aggressive", "unspin `--mode aggressive`", "main"),
    ("unspin-aggressive-1t", "unspin `--mode aggressive --threads 1`", "main"),
    ("aho-peer", "aho-corasick program", "main"),
    ("unspin-auto-small", "unspin (default mode, 2 threads)", "small"),
    ("flashtext", "Python flashtext", "small"),
]
# (peer, unspin run, target, what is compared): issue 17's targets, then the
# aggressive mode beside them for reference (no target of its own).
TARGETS = [
    ("aho-peer", "unspin-auto", 3.0, "default mode, 2 threads, vs the aho-corasick program"),
    ("aho-peer", "unspin-auto-1t", 1.5, "default mode, one thread, vs the aho-corasick program"),
    ("flashtext", "unspin-auto-small", 50.0, "default mode, 2 threads, vs flashtext per line"),
    ("aho-peer", "unspin-aggressive", None, "`--mode aggressive`, 2 threads, vs the aho-corasick program"),
    ("aho-peer", "unspin-aggressive-1t", None, "`--mode aggressive`, one thread, vs the aho-corasick program"),
]


def read_meta():
    meta = {}
    with open(os.path.join(out_dir, "meta.env"), encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if "=" in line:
                k, v = line.split("=", 1)
                meta[k] = v
    return meta


def read_lines(path):
    try:
        with open(path, encoding="utf-8") as f:
            return [line.strip() for line in f if line.strip()]
    except FileNotFoundError:
        return []


meta = read_meta()
input_path = meta["INPUT"]
input_bytes = os.path.getsize(input_path)
mb = input_bytes / 1e6
with open(input_path, "rb") as f:
    input_lines = f.read().count(b"\n")
small_path = meta["INPUT_SMALL"]
small_bytes = os.path.getsize(small_path)
SIZES = {"main": input_bytes, "small": small_bytes}
NAMES = {
    "main": f"{input_bytes / 2**20:.0f} MiB",
    "small": f"{small_bytes / 2**20:.0f} MiB",
}
tiers = {}
with open(meta["DICT"], encoding="utf-8") as f:
    for line in f:
        fields = line.rstrip("\n").split("\t")
        if len(fields) >= 3:
            tiers[fields[2]] = tiers.get(fields[2], 0) + 1
dict_entries = sum(tiers.values())
dict_tiers = ", ".join(f"{n:,} {t}" for t, n in sorted(tiers.items(), key=lambda kv: -kv[1]))

rows = {}
for key, label, which in PROGRAMS:
    times = [float(t) for t in read_lines(os.path.join(out_dir, f"times-{key}.txt"))]
    if not times:
        sys.exit(f"report.py: no times for {key}")
    rss = read_lines(os.path.join(out_dir, f"rss-{key}.txt"))
    rows[key] = {
        "label": label,
        "input": which,
        "times": times,
        "median": statistics.median(times),
        "rss_mib": int(rss[-1]) / 1024 if rss and rss[-1].isdigit() else None,
    }


def runs(n, word="run"):
    return f"{n} {word}" + ("" if n == "1" else "s")


def fmt_s(x):
    return f"{x:.3f}" if x < 10 else f"{x:.2f}"


def ratio(peer, own):
    return rows[peer]["median"] / rows[own]["median"]


# How each output differs from the input and from `unspin --mode aggressive`.
def lines_of(path):
    with open(path, "rb") as f:
        return f.read().split(b"\n")


agreement = []
try:
    source = lines_of(input_path)
    reference = lines_of(os.path.join(out_dir, "output-unspin-aggressive.txt"))
    nonblank = sum(1 for line in source if line.strip())
    for key, _, which in PROGRAMS:
        if which != "main":
            continue
        path = os.path.join(out_dir, f"output-{key}.txt")
        if not os.path.exists(path):
            continue
        out = lines_of(path)
        if len(out) != len(source):
            agreement.append((key, os.path.getsize(path), None, None))
            continue
        changed = sum(1 for a, b in zip(source, out) if a != b)
        same = sum(1 for a, b in zip(reference, out) if a == b and a.strip())
        agreement.append((key, os.path.getsize(path), changed, same))
except FileNotFoundError:
    agreement = []

L = []
w = L.append
w("## Whole-process comparison")
w("")
w(
    "Written by `bash benches/compare.sh` (issues 6 and 17). Rerun that one command "
    "from the repository root to measure again and rewrite this file; everything it "
    "builds and generates goes under `target/compare/`."
)
w("")
w(f"- **Date:** {meta['DATE']}")
w(
    f"- **Machine:** {meta['CPU']}, {meta['NPROC']} cores (`nproc`), "
    f"{meta['MEM']} of memory, {meta['KERNEL']}"
)
w(
    f"- **Software:** {meta['RUSTC']}; {meta['PYTHON']}; aho-corasick {meta['AHO_VERSION']}; "
    f"flashtext {meta['FLASHTEXT_VERSION']}; timing: {meta['TIMER']}"
)
w(f"- **unspin:** commit {meta['COMMIT']}, built with `cargo build --release`")
w(
    f"- **Input:** `{input_path}`, {input_bytes:,} bytes ({input_bytes / 2**20:.1f} MiB, "
    f"{mb:.1f} MB), {input_lines:,} lines, made by `benches/compare/make-text.py`: "
    "paragraphs of `tests/fixtures/clean-en.txt` sentences, with every fourth paragraph "
    f"taken from `samples/spun-article.txt` ({meta['INPUT_SPUN']} of the bytes). "
    f"flashtext, which replaces line by line and is far slower, is compared on "
    f"`{small_path}`, {small_bytes:,} bytes of the same mix."
)
w(
    f"- **Dictionary:** `unspin --dump-dictionary` (`{meta['DICT']}`), {dict_entries:,} "
    f"entries ({dict_tiers}); both peers load every entry from that TSV."
)
w("")
w("### Commands")
w("")
w("Each program's standard output goes to `/dev/null` in the timed runs.")
w("")
w("| program | command |")
w("|---|---|")
for key, label, _ in PROGRAMS:
    w(f"| {label} | `{meta['CMD_' + key.upper().replace('-', '_')]}` |")
w("")
w("### Results")
w("")
w(
    f"Median wall time of {runs(meta['RUNS'])} after {runs(meta['WARMUP'], 'warm-up run')} "
    "for every program but flashtext, the programs run in turn (a round runs each once), "
    f"so that a busy spell of the machine falls on all of them; for flashtext, the slowest, of "
    f"{runs(meta['SLOW_RUNS'])} without a warm-up (the input is in the page cache by "
    f"then). MB/s is the input's bytes / 10^6 / the median. Peak RSS is from one more "
    "run of each under `/usr/bin/time`, whose output is kept for the agreement check below."
)
w("")
w("| program | input | runs | median (s) | min (s) | max (s) | MB/s | peak RSS (MiB) |")
w("|---|---|---:|---:|---:|---:|---:|---:|")
for key, _, which in PROGRAMS:
    r = rows[key]
    rss = f"{r['rss_mib']:.0f}" if r["rss_mib"] is not None else "n/a"
    w(
        f"| {r['label']} | {NAMES[which]} | {len(r['times'])} | {fmt_s(r['median'])} "
        f"| {fmt_s(min(r['times']))} | {fmt_s(max(r['times']))} "
        f"| {SIZES[which] / 1e6 / r['median']:.1f} | {rss} |"
    )
w("")
w("### Targets (issue 17)")
w("")
w(
    "Each ratio is the peer's median over unspin's on the same input: how many times "
    "faster unspin is."
)
w("")
w("| whole process | input | target | unspin is N× faster | met |")
w("|---|---|---:|---:|---|")
for peer, own, target, what in TARGETS:
    x = ratio(peer, own)
    goal = f"≥ {target:g}×" if target else "—"
    met = ("yes" if x >= target else "no") if target else "—"
    w(f"| {what} | {NAMES[rows[own]['input']]} | {goal} | {x:.2f}× | {met} |")
w("")
w(
    "`--mode aggressive` applies every entry, like both peers; the default `auto` mode "
    "also scores the text in windows of 2,000 words and applies `context` entries only "
    "in windows judged spun."
)
w("")
if agreement:
    w("### Output agreement")
    w("")
    w(
        f"Of the input's {len(source):,} lines ({nonblank:,} not blank): lines each program "
        "changed, and non-blank lines where its output equals `unspin --mode aggressive`'s. "
        "This is a sanity check that every program did the work, not a quality measure."
    )
    w("")
    w("| program | output bytes | lines changed | non-blank lines equal to unspin aggressive |")
    w("|---|---:|---:|---:|")
    for key, size, changed, same in agreement:
        label = rows[key]["label"]
        if changed is None:
            w(f"| {label} | {size:,} | line count differs | — |")
        else:
            w(f"| {label} | {size:,} | {changed:,} | {same:,} |")
    w("")
w("### What each program does")
w("")
w(
    "- **unspin** matches on folded text (Unicode case folding and canonical "
    "(de)composition, any run of whitespace as one space, typographic quotes and hyphen "
    "variants as plain ones), only on whole words (Unicode letters, digits, combining "
    "marks, inner apostrophes), takes the longest key that ends on a word boundary, "
    "carries the matched text's case onto the replacement, fixes `a`/`an` before a "
    "replacement, honours the allowlist and the reporting verbs' attribution rule, and "
    "checks that the input is UTF-8. In `auto` mode it also computes a spin score per "
    "window."
)
w(
    "- **The aho-corasick program** (`benches/compare/aho-peer/`) is the replacer a Rust "
    "user would write: `AhoCorasick::builder().match_kind(MatchKind::LeftmostLongest)"
    ".ascii_case_insensitive(true)` with the crate's default engine choice, the whole "
    "file read into memory, a match replaced only if the bytes on either side are not "
    "ASCII letters or digits, written through a `BufWriter`. It folds ASCII case only, "
    "no whitespace, quotes or Unicode; it writes the dictionary's original as is (no "
    "case carrying, no articles, no allowlist or rules); and a leftmost-longest match "
    "that fails the boundary check hides any shorter key at the same place."
)
w(
    "- **flashtext** (`benches/compare/flashtext_peer.py`) is a `KeywordProcessor()` with "
    "its defaults (case-insensitive through `str.lower()`, word characters "
    "`[A-Za-z0-9_]`), fed the input line by line with `replace_keywords`, which also "
    "writes the original as is. flashtext 2.7 raises `IndexError` on a line that "
    "`str.lower()` lengthens (the clean sample's two sentences with \"İ\"); the peer "
    "replaces such a line piece by piece around those characters."
)
w("")
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from results_file import write_section  # noqa: E402

write_section(results_path, "whole-process", "\n".join(L))
print(f"wrote the whole-process section of {results_path}", file=sys.stderr)
