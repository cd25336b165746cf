#!/usr/bin/env python3
"""Writes the plain-text input of benches/compare.sh.

Usage: python3 benches/compare/make-text.py OUT.txt [MEBIBYTES]   (default 64)

The same mix as benches/make-corpus.py, as plain text instead of JSON lines:
every fourth paragraph is one to three paragraphs of samples/spun-article.txt
(one per line); the others are three to twelve sentences of
tests/fixtures/clean-en.txt joined on one line. Paragraphs are separated by a
blank line. The output is the same on every run (fixed seed) and is at least
MEBIBYTES * 2^20 bytes. Run from the repository root.
"""

import random
import sys

out_path = sys.argv[1]
target = int(sys.argv[2] if len(sys.argv) > 2 else 64) * 1024 * 1024

with open("samples/spun-article.txt", encoding="utf-8") as f:
    paragraphs = [p.strip() for p in f if p.strip()]
with open("tests/fixtures/clean-en.txt", encoding="utf-8") as f:
    sentences = [s.strip() for s in f if s.strip() and not s.startswith("#")]

rng = random.Random(20261126)
written = 0
spun = 0
i = 0
with open(out_path, "w", encoding="utf-8", newline="\n") as out:
    while written < target:
        if i % 4 == 0:
            k = rng.randint(1, 3)
            start = rng.randrange(len(paragraphs))
            text = "\n".join(paragraphs[(start + j) % len(paragraphs)] for j in range(k))
        else:
            text = " ".join(rng.choice(sentences) for _ in range(rng.randint(3, 12)))
        chunk = text + "\n\n"
        out.write(chunk)
        n = len(chunk.encode("utf-8"))
        written += n
        if i % 4 == 0:
            spun += n
        i += 1
print(
    f"{out_path}: {i} paragraphs, {written:,} bytes, {100 * spun / written:.1f}% from the spun sample",
    file=sys.stderr,
)
