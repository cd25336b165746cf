#!/usr/bin/env python3
"""Writes a JSON lines corpus for measuring `unspin --jsonl`.

Usage: python3 benches/make-corpus.py OUT.jsonl [MEGABYTES]   (default 200)

Each record has an id, a source, a score with two decimals, tags, a nested
object and a "text" field. Every fourth text is one to three paragraphs of
samples/spun-article.txt; the others are three to twelve sentences of
tests/fixtures/clean-en.txt. The output is the same on every run (fixed
seed). Run from the repository root.
"""

import json
import random
import sys

out_path = sys.argv[1]
target = int(sys.argv[2] if len(sys.argv) > 2 else 200) * 1_000_000

with open("samples/spun-article.txt", encoding="utf-8") as f:
    paragraphs = [p.strip() for p in f if p.strip()]
with open("tests/fixtures/clean-en.txt", encoding="utf-8") as f:
    sentences = [s.strip() for s in f if s.strip() and not s.startswith("#")]

rng = random.Random(20261126)
written = 0
with open(out_path, "w", encoding="utf-8") as out:
    i = 0
    while written < target:
        if i % 4 == 0:
            k = rng.randint(1, 3)
            start = rng.randrange(len(paragraphs))
            text = "\n".join(paragraphs[(start + j) % len(paragraphs)] for j in range(k))
            source = "spun"
        else:
            text = " ".join(rng.choice(sentences) for _ in range(rng.randint(3, 12)))
            source = "clean"
        record = {
            "id": i,
            "source": source,
            "quality": f"{rng.random():.2f}",
            "tags": ["news", "caf\u00e9"] if i % 7 == 0 else [],
            "meta": {"lang": "en", "len": len(text)},
            "text": text,
        }
        line = json.dumps(record, ensure_ascii=i % 2 == 0)
        # A number written with a trailing zero, which re-serializing would lose.
        line = line.replace('"quality": "', '"quality": ', 1).replace('", "tags"', ', "tags"', 1)
        out.write(line + "\n")
        written += len(line.encode("utf-8")) + 1
        i += 1
print(f"{out_path}: {i} records, {written:,} bytes", file=sys.stderr)
