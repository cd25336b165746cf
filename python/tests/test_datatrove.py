"""The datatrove steps in a small local pipeline: JSONL in, JSONL out."""

import gzip
import json
import pathlib

import pytest

from conftest import need  # noqa: E402

need("datatrove")
need("datatrove.pipeline.filters")  # needs datatrove's own `regex` dependency
need("orjson")  # JsonlReader and JsonlWriter need it

from datatrove.executor import LocalPipelineExecutor  # noqa: E402
from datatrove.pipeline.readers import JsonlReader  # noqa: E402
from datatrove.pipeline.writers import JsonlWriter  # noqa: E402

import unspin  # noqa: E402
from unspin.datatrove import UnspinFilter, UnspinFormatter  # noqa: E402

REPO = pathlib.Path(__file__).resolve().parents[2]
SAMPLE = (REPO / "samples" / "spun-article.txt").read_text(encoding="utf-8")
CLEAN = (REPO / "tests" / "fixtures" / "clean-en.txt").read_text(encoding="utf-8")


def records():
    lines = [line for line in CLEAN.splitlines() if line.strip()]
    clean_paragraphs = ["\n".join(lines[i : i + 20]) for i in range(0, 120, 20)]
    docs = [{"id": "spun-sample", "text": SAMPLE}]
    docs += [{"id": f"clean-{i}", "text": p} for i, p in enumerate(clean_paragraphs)]
    docs.append({"id": "one-phrase", "text": "Officials said regulation enforcement arrived."})
    return docs


def run(tmp_path, steps):
    source = tmp_path / "in"
    source.mkdir()
    with open(source / "docs.jsonl", "w", encoding="utf-8") as f:
        for record in records():
            f.write(json.dumps(record) + "\n")
    out = tmp_path / "out"
    LocalPipelineExecutor(
        pipeline=[JsonlReader(str(source)), *steps, JsonlWriter(str(out))],
        tasks=1,
        logging_dir=str(tmp_path / "logs"),
    ).run()
    written = []
    for path in sorted(out.glob("*.jsonl.gz")):
        with gzip.open(path, "rt", encoding="utf-8") as f:
            written += [json.loads(line) for line in f]
    return {doc["id"]: doc for doc in written}


def test_the_formatter_repairs_and_the_filter_tags(tmp_path):
    docs = run(tmp_path, [UnspinFilter(tag_only=True), UnspinFormatter(batch_size=3)])
    u = unspin.Unspinner()
    assert set(docs) == {r["id"] for r in records()}
    for record in records():
        doc = docs[record["id"]]
        repair = u.repair(record["text"], score=True)
        assert doc["text"] == repair.text
        assert doc["metadata"]["unspin_edits"] == len(repair.edits)
        assert doc["metadata"]["unspin_verdict"] == repair.score.verdict
    assert docs["spun-sample"]["metadata"]["unspin_verdict"] == "spun"
    assert docs["one-phrase"]["text"] == "Officials said law enforcement arrived."
    assert all(
        docs[r["id"]]["metadata"]["unspin_verdict"] == "clean"
        for r in records()
        if r["id"].startswith("clean")
    )


def test_the_filter_drops_spun_documents(tmp_path):
    docs = run(tmp_path, [UnspinFilter()])
    assert "spun-sample" not in docs
    assert len(docs) == len(records()) - 1


def test_one_verdict_may_be_given_as_a_string():
    assert UnspinFilter(drop="spun").drop == frozenset({"spun"})


def test_bad_filter_arguments():
    with pytest.raises(ValueError, match="unknown verdicts"):
        UnspinFilter(drop=["dirty"])
    with pytest.raises(ValueError, match="batch_size"):
        UnspinFormatter(batch_size=0)
