"""Tests of the Python package's native layer."""

import concurrent.futures
import multiprocessing
import pathlib
import pickle
import subprocess
import sys

import pytest

import unspin

SPUN = (
    "The Associated Push reported that regulation enforcement officers, now nearing "
    "its sixth thirty day period of Planet War II drills, had a enormous outflow."
)
REPO = pathlib.Path(__file__).resolve().parents[2]
SAMPLE = (REPO / "samples" / "spun-article.txt").read_text(encoding="utf-8")


def test_the_one_liner_repairs_with_the_bundled_dictionaries():
    assert unspin.repair("regulation enforcement") == "law enforcement"
    assert unspin.repair("Planet War II") == "World War II"
    clean = "The court ruled on Tuesday that the agency had acted lawfully."
    assert unspin.repair(clean) == clean


def test_edits_index_the_python_string_on_non_ascii_text():
    # Characters of 2, 3 and 4 UTF-8 bytes before and between the phrases:
    # byte offsets would point past them.
    text = "Zoë’s café 🙂 said regulation enforcement — and “Planet War II” 🙂🙂 too."
    repair = unspin.Unspinner().repair(text)
    assert repair.text == "Zoë’s café 🙂 said law enforcement — and “World War II” 🙂🙂 too."
    assert [e.spun for e in repair.edits] == ["regulation enforcement", "Planet War II"]
    for edit in repair.edits:
        assert text[edit.start : edit.end] == edit.spun
    # Applying the edits to the input gives the output.
    out, at = [], 0
    for edit in repair.edits:
        out.append(text[at : edit.start])
        out.append(edit.replacement)
        at = edit.end
    out.append(text[at:])
    assert "".join(out) == repair.text


def test_an_edit_says_where_it_came_from():
    edit = unspin.Unspinner().repair("regulation enforcement").edits[0]
    assert (edit.tier, edit.kind) == ("fix", "phrase")
    assert edit.dictionary.endswith("news.tsv")
    assert edit.line > 0
    assert edit.to_dict()["replacement"] == "law enforcement"
    assert "regulation enforcement" in repr(edit)


def test_an_article_edit_is_its_own_kind():
    u = unspin.Unspinner(builtin=False, dictionaries=[("mine.tsv", "ownerpreneur\tbusinessman\tfix\tex\n")])
    repair = u.repair("He is an ownerpreneur.")
    assert repair.text == "He is a businessman."
    assert [(e.spun, e.kind) for e in repair.edits] == [("an", "article"), ("ownerpreneur", "phrase")]
    assert all(e.dictionary == "mine.tsv" and e.line == 1 for e in repair.edits)


def test_modes():
    text = "Regulation enforcement mentioned the suspect fled."
    assert unspin.Unspinner(mode="conservative").repair(text).text == (
        "Law enforcement mentioned the suspect fled."
    )
    assert unspin.Unspinner(mode="aggressive").repair(text).text == (
        "Law enforcement said the suspect fled."
    )
    assert unspin.Unspinner().mode == "auto"


def test_score_gives_the_verdict_probability_and_reasons():
    score = unspin.Unspinner().score(SPUN)
    assert score.verdict == "spun"
    assert score.probability > 0.99
    assert score.reasons[0].signal == "fix entries"
    assert score.fix_matches >= 4 and score.distinct_fix_entries >= 4
    assert score.words == len(SPUN.split())
    assert score.density == pytest.approx(score.fix_matches * 1000 / score.words)
    as_dict = score.to_dict()
    assert as_dict["verdict"] == "spun" and len(as_dict["reasons"]) == 4
    assert unspin.score("The court ruled on Tuesday.").verdict == "clean"
    for text in ["", "   ", "word", "… — !"]:
        assert unspin.score(text).verdict == "clean"


def test_repair_can_carry_the_score():
    repair = unspin.Unspinner().repair(SAMPLE, score=True)
    assert repair.score.verdict == "spun"
    assert unspin.Unspinner().repair(SAMPLE).score is None


def test_the_sample_is_repaired_as_the_command_line_repairs_it():
    binary = REPO / "target" / "release" / "unspin"
    if not binary.exists():
        binary = REPO / "target" / "debug" / "unspin"
    if not binary.exists():
        pytest.fail("build the unspin binary first (cargo build --release)")
    expected = subprocess.run(
        [str(binary), str(REPO / "samples" / "spun-article.txt")],
        check=True,
        capture_output=True,
    ).stdout.decode("utf-8")
    assert unspin.Unspinner().repair(SAMPLE).text == expected
    assert unspin.Unspinner().repair_text(SAMPLE) == expected
    assert unspin.repair(SAMPLE) == expected


def test_batch_equals_single():
    u = unspin.Unspinner()
    texts = [SAMPLE, SPUN, "", "clean words only", "Zoë 🙂 regulation enforcement"] * 7
    singles = [u.repair(t, score=True) for t in texts]
    for threads in (None, 1, 3):
        batch = u.repair_batch(texts, threads, score=True)
        assert [r.text for r in batch] == [r.text for r in singles]
        assert [r.edits for r in batch] == [r.edits for r in singles]
        assert [r.score.to_dict() for r in batch] == [r.score.to_dict() for r in singles]
    assert [s.to_dict() for s in u.score_batch(texts)] == [u.score(t).to_dict() for t in texts]
    assert u.repair_batch([]) == []
    with pytest.raises(ValueError, match="threads"):
        u.repair_batch(texts, 0)


def test_a_bad_dictionary_names_its_file_and_line(tmp_path):
    path = tmp_path / "house.tsv"
    path.write_text("good phrase\tfine phrase\tfix\tme\nbad line without tabs\n", encoding="utf-8")
    with pytest.raises(unspin.DictionaryError, match=r"house\.tsv:2:") as error:
        unspin.Unspinner(dictionaries=[path])
    assert isinstance(error.value, ValueError)


def test_a_dictionary_that_is_not_utf8_names_its_line(tmp_path):
    path = tmp_path / "latin1.tsv"
    path.write_bytes(b"ok phrase\tfine\tfix\tme\ncaf\xe9 phrase\tcafe\tfix\tme\n")
    with pytest.raises(unspin.DictionaryError, match=r"latin1\.tsv:2"):
        unspin.Unspinner(dictionaries=[str(path)])


def test_a_missing_dictionary_is_an_os_error_naming_it(tmp_path):
    missing = tmp_path / "nowhere.tsv"
    with pytest.raises(FileNotFoundError) as error:
        unspin.Unspinner(dictionaries=[missing])
    assert error.value.filename == str(missing)


def test_bad_arguments_raise():
    with pytest.raises(ValueError, match="unknown mode"):
        unspin.Unspinner(mode="bold")
    with pytest.raises(TypeError):
        unspin.Unspinner(dictionaries=[42])
    with pytest.raises(TypeError):
        unspin.Unspinner(allow="one phrase, not a list")
    with pytest.raises(ValueError, match="window_words"):
        unspin.Unspinner(window_words=0)
    with pytest.raises(TypeError):
        unspin.repair(b"bytes are not text")


def test_user_dictionaries_and_allowed_phrases(tmp_path):
    path = tmp_path / "two-columns.tsv"
    path.write_text("huge outflow\tlarge outflow\n", encoding="utf-8")
    u = unspin.Unspinner(dictionaries=[path], allow=["Planet War II"])
    assert u.repair("a huge outflow in Planet War II").text == "a large outflow in Planet War II"
    assert u.dictionaries == [str(path)]
    assert u.allow == ["Planet War II"]
    only_mine = unspin.Unspinner(dictionaries=[path], builtin=False)
    assert only_mine.repair("regulation enforcement").text == "regulation enforcement"


def test_pickling_rebuilds_from_the_arguments_without_the_files(tmp_path):
    path = tmp_path / "mine.tsv"
    path.write_text("huge outflow\tlarge outflow\tfix\tme\n", encoding="utf-8")
    u = unspin.Unspinner(mode="aggressive", dictionaries=[path], allow=["Planet War II"])
    data = pickle.dumps(u)
    assert len(data) < 1000
    path.unlink()  # the copy does not need the file
    copy = pickle.loads(data)
    assert (copy.mode, copy.dictionaries, copy.allow, copy.builtin) == (
        "aggressive",
        [str(path)],
        ["Planet War II"],
        True,
    )
    text = "a huge outflow mentioned in Planet War II"
    assert copy.repair(text).text == u.repair(text).text


def _repair_in_child(args):
    unspinner, text = args
    return unspinner.repair(text).text


def test_an_unspinner_ships_to_other_processes():
    u = unspin.Unspinner(mode="conservative")
    context = multiprocessing.get_context("spawn")
    with context.Pool(2) as pool:
        out = pool.map(_repair_in_child, [(u, SPUN)] * 4)
    assert out == [u.repair(SPUN).text] * 4


def test_one_unspinner_serves_many_threads():
    u = unspin.Unspinner()
    texts = [SAMPLE, SPUN] * 50
    expected = [u.repair(t).text for t in texts]
    with concurrent.futures.ThreadPoolExecutor(8) as pool:
        got = list(pool.map(lambda t: u.repair(t).text, texts))
    assert got == expected


def test_the_docstring_examples_run():
    import doctest

    failures, tried = doctest.testmod(unspin, verbose=False)
    assert tried > 0 and failures == 0


def test_the_package_is_typed():
    package = pathlib.Path(unspin.__file__).parent
    assert (package / "py.typed").exists()
    assert (package / "_unspin.pyi").exists()
    assert unspin.__version__ == "0.1.0"
    assert sys.version_info >= (3, 9)


def test_a_forked_child_repairs_in_parallel_after_its_parent_did():
    # The parent's thread pool does not exist in a forked child: the child
    # must build its own rather than wait on it forever.
    u = unspin.Unspinner()
    texts = [SPUN, SAMPLE] * 8
    expected = [r.text for r in u.repair_batch(texts)]
    context = multiprocessing.get_context("fork")
    with context.Pool(1) as pool:
        got = pool.apply_async(_batch_in_child, ((u, texts),)).get(timeout=60)
    assert got == expected


def _batch_in_child(args):
    unspinner, texts = args
    return [r.text for r in unspinner.repair_batch(texts)]


def test_a_dictionary_path_may_be_bytes(tmp_path):
    path = tmp_path / "mine.tsv"
    path.write_text("huge outflow\tlarge outflow\n", encoding="utf-8")
    u = unspin.Unspinner(dictionaries=[bytes(path)], builtin=False)
    assert u.repair("a huge outflow").text == "a large outflow"
    with pytest.raises(FileNotFoundError):
        unspin.Unspinner(dictionaries=[bytes(tmp_path / "missing.tsv")])


def test_the_dictionary_error_is_the_packages_and_pickles(tmp_path):
    path = tmp_path / "bad.tsv"
    path.write_text("one column only\n", encoding="utf-8")
    with pytest.raises(unspin.DictionaryError) as error:
        unspin.Unspinner(dictionaries=[path])
    assert type(error.value).__module__ == "unspin"
    copy = pickle.loads(pickle.dumps(error.value))
    assert str(copy) == str(error.value)


def test_window_words_is_kept():
    u = unspin.Unspinner(window_words=50)
    assert u.window_words == 50
    assert pickle.loads(pickle.dumps(u)).window_words == 50
    assert "window_words=50" in repr(u)


def test_a_str_subclass_comes_back_as_str():
    class Text(str):
        pass

    for text in (Text("clean words"), Text("regulation enforcement")):
        assert type(unspin.repair(text)) is str
        assert type(unspin.Unspinner().repair(text).text) is str
        assert type(unspin.Unspinner().repair_text(text)) is str
