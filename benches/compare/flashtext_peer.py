#!/usr/bin/env python3
"""The flashtext peer of benches/compare.sh.

Usage: python flashtext_peer.py DICTIONARY.tsv INPUT > OUTPUT

DICTIONARY.tsv is the output of `unspin --dump-dictionary` (spun, original,
tier, ... separated by tabs); every entry is applied, whatever its tier. The
keywords go into a KeywordProcessor with its defaults (case-insensitive), and
the input is replaced line by line, because flashtext gets quadratically
slower on one long string.

flashtext 2.7 fails with an IndexError on a line that `str.lower()` makes
longer, such as one with "İ" (U+0130, which lowercases to two characters): the
clean sample has two such sentences. Such a line is replaced piece by piece
around those characters instead, which a user hitting the error would do too.
"""

import sys

from flashtext import KeywordProcessor


def replace_line(kp, line):
    try:
        return kp.replace_keywords(line)
    except IndexError:
        parts = []
        start = 0
        for i, c in enumerate(line):
            if len(c.lower()) != 1:
                parts.append(kp.replace_keywords(line[start:i]))
                parts.append(c)
                start = i + 1
        parts.append(kp.replace_keywords(line[start:]))
        return "".join(parts)


def main():
    if len(sys.argv) != 3:
        print("usage: flashtext_peer.py DICTIONARY.tsv INPUT", file=sys.stderr)
        return 2
    kp = KeywordProcessor()
    with open(sys.argv[1], encoding="utf-8") as f:
        for line in f:
            fields = line.rstrip("\n").split("\t")
            if len(fields) >= 2 and fields[0]:
                kp.add_keyword(fields[0], fields[1])
    out = sys.stdout
    out.reconfigure(encoding="utf-8")
    with open(sys.argv[2], encoding="utf-8", newline="") as f:
        for line in f:
            out.write(replace_line(kp, line))
    out.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
