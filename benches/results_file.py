"""Writes one generated section of benches/RESULTS.md, keeping the others.

`benches/criterion-results.py` writes the "criterion" section and
`benches/compare/report.py` (run by `benches/compare.sh`) the
"whole-process" one. Each lies between `<!-- NAME: begin -->` and
`<!-- NAME: end -->`; a missing file or section is created.
"""

import os

HEADER = """# Benchmark results

Two scripts write this file, each its own section; rerun either from the
repository root to measure again:

- `python3 benches/criterion-results.py` runs `cargo bench --bench matcher`
  (criterion) and writes the matcher-core section: detection and repair
  against aho-corasick, the word-start floor, dictionary growth, load time
  and resident size.
- `bash benches/compare.sh` times whole processes on 64 MiB of text against
  an aho-corasick program and Python flashtext.

Every ratio compares figures from one run on one machine; runs on this
virtual machine vary by up to about 30%, so compare within a section.
"""

SECTIONS = ["criterion", "whole-process"]


def write_section(path, name, body):
    text = open(path, encoding="utf-8").read() if os.path.exists(path) else ""
    if "<!-- criterion: begin -->" not in text and "<!-- whole-process: begin -->" not in text:
        text = HEADER
    for section in SECTIONS:
        if f"<!-- {section}: begin -->" not in text:
            text = text.rstrip("\n") + f"\n\n<!-- {section}: begin -->\n<!-- {section}: end -->\n"
    begin, end = f"<!-- {name}: begin -->", f"<!-- {name}: end -->"
    head, rest = text.split(begin, 1)
    _, tail = rest.split(end, 1)
    text = head + begin + "\n" + body.strip("\n") + "\n" + end + tail
    with open(path + ".tmp", "w", encoding="utf-8") as f:
        f.write(text)
    os.replace(path + ".tmp", path)
