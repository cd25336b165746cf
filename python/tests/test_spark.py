"""unspin on Spark (local[2]): the same output as the command line's corpus mode."""

import json
import os
import pathlib
import subprocess
import sys

import pytest

from conftest import need, need_java

need("pyspark")
need("pyarrow")
need_java()

import pyarrow.parquet as pq  # noqa: E402
from pyspark.sql import SparkSession  # noqa: E402

import unspin  # noqa: E402
from unspin.spark import repair_column  # noqa: E402

REPO = pathlib.Path(__file__).resolve().parents[2]
PYTHON = pathlib.Path(__file__).resolve().parents[1]


def run_example(script, *args):
    """Runs python/examples/SCRIPT with ARGS as a user would, in a fresh
    interpreter whose Spark workers use that same interpreter; fails the
    test with the end of its stderr unless it succeeds."""
    run = subprocess.run(
        [sys.executable, str(PYTHON / "examples" / script), *map(str, args)],
        capture_output=True,
        text=True,
        env={k: v for k, v in os.environ.items() if k != "PYSPARK_PYTHON"},
    )
    assert run.returncode == 0, run.stderr[-3000:]
    return run


def binary() -> pathlib.Path:
    for profile in ("release", "debug"):
        path = REPO / "target" / profile / "unspin"
        if path.exists():
            return path
    pytest.fail("build the unspin binary first (cargo build --release)")


def records():
    """Spun and clean paragraphs, non-ASCII text, a null text and an empty one."""
    out = []
    sample = (REPO / "samples" / "spun-article.txt").read_text(encoding="utf-8")
    out += [{"id": f"sample-{i}", "text": p} for i, p in enumerate(sample.splitlines()) if p]
    out.append({"id": "whole-sample", "text": sample})
    shared = REPO.parent / "shared" / "samples"
    for story in sorted(shared.glob("dev*/*/")):
        for name in ("spun.txt", "original.txt"):
            out.append({"id": f"{story.name}/{name}", "text": (story / name).read_text(encoding="utf-8")})
    clean = (REPO / "tests" / "fixtures" / "clean-en.txt").read_text(encoding="utf-8")
    out += [{"id": f"clean-{i}", "text": line} for i, line in enumerate(clean.splitlines()) if line]
    out.append({"id": "unicode", "text": "Zoë’s café 🙂 said regulation enforcement — “Planet War II”."})
    out.append({"id": "null", "text": None})
    out.append({"id": "empty", "text": ""})
    return out


@pytest.fixture(scope="module")
def spark():
    # The workers run this interpreter, the one that has the package.
    os.environ["PYSPARK_PYTHON"] = sys.executable
    session = (
        SparkSession.builder.master("local[2]")
        .appName("unspin-tests")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.sql.execution.arrow.maxRecordsPerBatch", "64")
        .getOrCreate()
    )
    yield session
    session.stop()


def test_repair_column_equals_the_command_line(spark, tmp_path):
    docs = records()
    assert len(docs) > 500
    jsonl = tmp_path / "in.jsonl"
    with open(jsonl, "w", encoding="utf-8") as f:
        for doc in docs:
            f.write(json.dumps(doc, ensure_ascii=False) + "\n")
    cli = subprocess.run(
        [str(binary()), "--jsonl", "--field", "text", "--add-score", str(jsonl)],
        check=True,
        capture_output=True,
    )
    expected = {}
    for line in cli.stdout.decode("utf-8").splitlines():
        record = json.loads(line)
        expected[record["id"]] = record

    df = spark.read.json(str(jsonl)).repartition(4)
    out = repair_column(
        df,
        "text",
        output="repaired",
        verdict_column="verdict",
        probability_column="probability",
        edits_column="edits",
    ).collect()
    assert len(out) == len(docs)
    spun = 0
    for row in out:
        want = expected[row["id"]]
        assert row["repaired"] == want["text"], row["id"]
        if row["text"] is None:
            assert (row["verdict"], row["probability"], row["edits"]) == (None, None, None)
            continue
        assert row["verdict"] == want["unspin_verdict"], row["id"]
        assert round(row["probability"], 3) == pytest.approx(want["unspin_probability"], abs=1e-9)
        assert row["edits"] == len(unspin.Unspinner().repair(row["text"]).edits)
        spun += row["verdict"] == "spun"
    assert spun > 10


def test_repair_column_replaces_the_column_by_default(spark):
    df = spark.createDataFrame(
        [("a", "regulation enforcement arrived"), ("b", None)], "id string, text string"
    )
    rows = {r["id"]: r for r in repair_column(df, "text").collect()}
    assert rows["a"]["text"] == "law enforcement arrived"
    assert rows["b"]["text"] is None
    assert repair_column(df, "text").columns == ["id", "text"]


def test_user_dictionaries_travel_with_the_job(spark, tmp_path):
    path = tmp_path / "house.tsv"
    path.write_text("huge outflow\tlarge outflow\n", encoding="utf-8")
    df = spark.createDataFrame([("a huge outflow",)], "text string")
    job = repair_column(df, "text", dictionaries=[str(path)], builtin=False)
    path.unlink()  # read on the driver, shipped as text
    assert job.collect()[0]["text"] == "a large outflow"


def test_bad_arguments_fail_on_the_driver(spark, tmp_path):
    df = spark.createDataFrame([(1, "x")], "n int, text string")
    with pytest.raises(ValueError, match="no column"):
        repair_column(df, "body")
    with pytest.raises(ValueError, match="not a string"):
        repair_column(df, "n")
    with pytest.raises(ValueError, match="already exists"):
        repair_column(df, "text", verdict_column="n")
    bad = tmp_path / "bad.tsv"
    bad.write_text("only one column\n", encoding="utf-8")
    with pytest.raises(unspin.DictionaryError, match=r"bad\.tsv:1"):
        repair_column(df, "text", dictionaries=[str(bad)])


def test_the_example_job_writes_parquet(tmp_path):
    jsonl = tmp_path / "in.jsonl"
    sample = (REPO / "samples" / "spun-article.txt").read_text(encoding="utf-8")
    with open(jsonl, "w", encoding="utf-8") as f:
        f.write(json.dumps({"url": "u1", "text": sample}) + "\n")
        f.write(json.dumps({"url": "u2", "text": "The court ruled on Tuesday."}) + "\n")
    out = tmp_path / "out"
    run = run_example("spark_clean.py", jsonl, out, "--master", "local[2]")
    assert "spun: 1 documents" in run.stdout
    table = pq.read_table(str(out)).to_pylist()
    rows = {r["url"]: r for r in table}
    assert rows["u1"]["text"] == unspin.Unspinner().repair(sample).text
    assert rows["u1"]["unspin_verdict"] == "spun"
    assert rows["u1"]["unspin_edits"] > 100
    assert rows["u2"]["unspin_verdict"] == "clean" and rows["u2"]["unspin_edits"] == 0
    # Parquet in, too.
    again = tmp_path / "again"
    run_example("spark_clean.py", out, again, "--master", "local[2]", "--mode", "conservative")
    assert len(pq.read_table(str(again))) == 2


def test_spark_submit_gives_the_master(tmp_path):
    jsonl = tmp_path / "in.jsonl"
    jsonl.write_text(json.dumps({"text": "regulation enforcement arrived"}) + "\n", encoding="utf-8")
    submit = pathlib.Path(sys.executable).parent / "spark-submit"
    if not submit.exists():
        pytest.fail(f"no spark-submit beside {sys.executable}")
    env = {**os.environ, "PYSPARK_PYTHON": sys.executable, "PYSPARK_DRIVER_PYTHON": sys.executable}
    run = subprocess.run(
        [str(submit), "--master", "local[2]", str(PYTHON / "examples" / "spark_clean.py"), str(jsonl), str(tmp_path / "out")],
        capture_output=True,
        text=True,
        env=env,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    assert "master: local[2]" in run.stdout
    rows = pq.read_table(str(tmp_path / "out")).to_pylist()
    assert rows[0]["text"] == "law enforcement arrived"


def learning_corpus(tmp_path):
    """A directory of documents: the bundled sample and its original, the
    development stories and their originals when ../shared is there, and
    the clean fixture in pieces."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    texts = [
        (REPO / "samples" / "spun-article.txt").read_text(encoding="utf-8"),
        (REPO / "samples" / "spun-article.original.txt").read_text(encoding="utf-8"),
    ]
    for story in sorted((REPO.parent / "shared" / "samples").glob("dev2/*/")):
        texts.append((story / "spun.txt").read_text(encoding="utf-8"))
        texts.append((story / "original.txt").read_text(encoding="utf-8"))
    clean = (REPO / "tests" / "fixtures" / "clean-en.txt").read_text(encoding="utf-8").splitlines()
    texts += ["\n".join(clean[i : i + 20]) for i in range(0, len(clean), 20)]
    texts.append(texts[-1])  # an exact duplicate
    # Shuffled: the order says nothing.
    order = sorted(range(len(texts)), key=lambda i: (i * 7919) % len(texts))
    for n, i in enumerate(order):
        (corpus / f"doc-{n:04d}.txt").write_text(texts[i], encoding="utf-8")
    return corpus


def test_learning_on_spark_equals_the_command_line(spark, tmp_path):
    from unspin.spark import learn

    corpus = learning_corpus(tmp_path)
    out = tmp_path / "learned.tsv"
    cli = subprocess.run(
        [str(binary()), "--learn", str(out), str(corpus)], capture_output=True, text=True
    )
    assert cli.returncode == 0, cli.stderr
    rows = [(str(path), path.read_text(encoding="utf-8")) for path in sorted(corpus.iterdir())]
    df = spark.createDataFrame(rows, "id string, text string").repartition(3)
    result = learn(df, "text", id_column="id")
    assert result.dictionary == out.read_text(encoding="utf-8")
    pairs = result.pairs.collect()
    assert len(pairs) >= 1
    assert f"{len(pairs)} spun document" in cli.stderr
    assert all(p["known"] > 0 or p["probability"] > 0.2 for p in pairs)


def test_the_learning_job_writes_the_dictionary(tmp_path):
    corpus = learning_corpus(tmp_path)
    jsonl = tmp_path / "corpus.jsonl"
    with open(jsonl, "w", encoding="utf-8") as f:
        for path in sorted(corpus.iterdir()):
            f.write(json.dumps({"url": path.name, "text": path.read_text(encoding="utf-8")}) + "\n")
    out = tmp_path / "learned.tsv"
    run = run_example("spark_learn.py", jsonl, out, "--id-column", "url", "--master", "local[2]")
    assert "spun documents paired" in run.stdout or "spun document paired" in run.stdout
    learned = out.read_text(encoding="utf-8")
    assert "four persons\tfour people\tcontext" in learned
    # The learned dictionary loads.
    unspin.Unspinner(dictionaries=[out])
