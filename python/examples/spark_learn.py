"""Learn a spinner's table from a corpus on Spark.

    python examples/spark_learn.py IN OUT.tsv [--column text] [--id-column ID]
        [--format json|parquet] [--master local[*]]

IN is JSON lines or Parquet with a text column; OUT.tsv gets the learned
dictionary, as ``unspin --learn`` writes it (review it, then load it with
``unspin -d OUT.tsv``). The job prints the pairs it found. Run it with
``spark-submit`` on a cluster, or with plain ``python`` for a local Spark.
"""

import argparse
import os
import pathlib
import sys

from unspin import DictionaryError
from unspin.spark import learn, session


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("input")
    parser.add_argument("output")
    parser.add_argument("--column", default="text")
    parser.add_argument("--id-column", default=None)
    parser.add_argument("--format", choices=["json", "parquet"], default=None)
    parser.add_argument("--dictionary", action="append", default=[])
    parser.add_argument("--master", default=None)
    args = parser.parse_args(argv)

    spark = session("unspin-learn", args.master)
    try:
        parquet = args.format == "parquet" or (
            args.format is None
            and (args.input.endswith(".parquet") or any(pathlib.Path(args.input).rglob("*.parquet")))
        )
        df = spark.read.parquet(args.input) if parquet else spark.read.json(args.input)
        try:
            result = learn(df, args.column, id_column=args.id_column, dictionaries=args.dictionary)
        except (DictionaryError, OSError, ValueError) as error:
            print(f"spark_learn: {error}", file=sys.stderr)
            return 2
        pairs = result.pairs.collect()
        for row in pairs:
            print(f"spun {row['spun_id']} <- original {row['original_id']}: {row['swaps']} swaps, {row['known']} known")
        noun = "document" if len(pairs) == 1 else "documents"
        print(f"{len(pairs)} spun {noun} paired with their originals")
        tmp = pathlib.Path(args.output + ".tmp")
        tmp.write_text(result.dictionary, encoding="utf-8")
        os.replace(tmp, args.output)
    finally:
        spark.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
