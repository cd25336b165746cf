"""Clean a corpus with unspin on Spark.

    python examples/spark_clean.py IN OUT [--column text] [--mode auto]
        [--dictionary FILE ...] [--allow PHRASE ...] [--master local[*]]

IN is JSON lines (``*.jsonl``, ``*.json``, optionally compressed, or a
directory of them) or Parquet (``*.parquet`` or a directory of Parquet
files); it needs a string column with the text (``--column``, default
``text``). OUT is written as Parquet: every input column, the text column
repaired, and ``unspin_verdict`` (the verdict on the text as it came in),
``unspin_probability`` and ``unspin_edits`` (how many edits were made).

Run it with ``spark-submit`` on a cluster, or with plain ``python`` for a
local Spark (``--master``, default ``local[*]``). The job prints the
verdict counts when it is done.
"""

import argparse
import pathlib
import sys

from pyspark.sql import functions as F

from unspin import DictionaryError
from unspin.spark import repair_column, session

OUTPUT_COLUMNS = ("unspin_verdict", "unspin_probability", "unspin_edits")


def is_parquet(path: str) -> bool:
    """Parquet: a *.parquet file, or a directory with one anywhere below
    (partitioned datasets nest them). Name the format with --format where
    the path is not local (s3://...)."""
    p = pathlib.Path(path)
    if p.is_dir():
        return any(p.rglob("*.parquet"))
    return p.suffix == ".parquet"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("input")
    parser.add_argument("output")
    parser.add_argument("--column", default="text")
    parser.add_argument("--mode", default="auto", choices=["conservative", "auto", "aggressive"])
    parser.add_argument("--dictionary", action="append", default=[])
    parser.add_argument("--allow", action="append", default=[])
    parser.add_argument("--master", default=None)
    parser.add_argument("--format", choices=["json", "parquet"], default=None,
                        help="the input's format (default: from its name)")
    args = parser.parse_args(argv)

    spark = session("unspin", args.master)
    print(f"master: {spark.sparkContext.master}")
    try:
        if args.format == "parquet" or (args.format is None and is_parquet(args.input)):
            df = spark.read.parquet(args.input)
        else:
            df = spark.read.json(args.input)
        # A second run over this job's output scores the text afresh.
        df = df.drop(*[c for c in OUTPUT_COLUMNS if c in df.columns])
        try:
            cleaned = repair_column(
                df,
                args.column,
                mode=args.mode,
                dictionaries=args.dictionary,
                allow=args.allow,
                verdict_column="unspin_verdict",
                probability_column="unspin_probability",
                edits_column="unspin_edits",
            )
        except (DictionaryError, OSError, ValueError) as error:
            print(f"spark_clean: {error}", file=sys.stderr)
            return 2
        cleaned.write.mode("overwrite").parquet(args.output)
        counts = (
            spark.read.parquet(args.output)
            .groupBy("unspin_verdict")
            .agg(F.count("*").alias("documents"), F.sum("unspin_edits").alias("edits"))
            .orderBy("unspin_verdict")
            .collect()
        )
        for row in counts:
            print(f"{row['unspin_verdict']}: {row['documents']} documents, {row['edits']} edits")
    finally:
        spark.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
