//! `unspin._unspin`: the native half of the Python package.
//!
//! A thin layer over the Rust library: each Python call converts its
//! arguments once, releases the GIL for the repair itself, and converts the
//! result back. Offsets cross the boundary as Python string indices (code
//! points), not the library's byte offsets, so `text[e.start:e.end] ==
//! e.spun` holds in Python. The pure-Python modules of the package
//! (`unspin/__init__.py`, `spark.py`, `datatrove.py`) sit on top of this
//! one; `unspin/_unspin.pyi` holds its type stubs.

use std::path::PathBuf;
use std::sync::{Arc, Mutex, OnceLock};

use pyo3::exceptions::{PyOSError, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString, PyTuple};
use rayon::prelude::*;

pyo3::create_exception!(
    unspin,
    DictionaryError,
    PyValueError,
    "A dictionary line that cannot be used; the message starts with its `file:line`."
);

/// One dictionary as the binding keeps it: its name (the path it was read
/// from, or the name given with its text) and its text. Keeping the text,
/// not the path, lets a pickled `Unspinner` rebuild on a machine that does
/// not have the file.
#[derive(Clone)]
struct DictionarySource {
    name: String,
    text: String,
}

/// What an `Unspinner` was built from: enough to build it again.
#[derive(Clone)]
struct Settings {
    mode: unspin::Mode,
    dictionaries: Vec<DictionarySource>,
    allow: Vec<String>,
    builtin: bool,
    window_words: Option<usize>,
}

impl Settings {
    fn build(&self) -> PyResult<unspin::Unspinner> {
        let mut builder = unspin::Unspinner::builder()
            .mode(self.mode)
            .builtin(self.builtin);
        for source in &self.dictionaries {
            builder = builder.dictionary_str(source.name.clone(), source.text.clone());
        }
        for phrase in &self.allow {
            builder = builder.allow(phrase.clone());
        }
        if let Some(words) = self.window_words {
            builder = builder.window_words(words);
        }
        builder.build().map_err(library_error)
    }
}

/// The library's error as a Python exception: a bad dictionary line is a
/// `DictionaryError` (a `ValueError`) whose message starts with `file:line`;
/// a file that cannot be read is an `OSError` naming it.
fn library_error(error: unspin::Error) -> PyErr {
    match &error {
        unspin::Error::Io { path, source } => PyOSError::new_err((
            source.raw_os_error().unwrap_or(0),
            format!("cannot read dictionary: {source}"),
            path.display().to_string(),
        )),
        _ => DictionaryError::new_err(error.to_string()),
    }
}

/// Reads a dictionary file for the binding. A file that is not UTF-8 is
/// left to the library, whose error gives the line and byte of the bad
/// sequence.
fn read_dictionary(path: PathBuf) -> PyResult<DictionarySource> {
    let name = path.display().to_string();
    let bytes = std::fs::read(&path).map_err(|source| {
        library_error(unspin::Error::Io {
            path: path.clone(),
            source,
        })
    })?;
    match String::from_utf8(bytes) {
        Ok(text) => Ok(DictionarySource { name, text }),
        Err(_) => match unspin::Unspinner::builder()
            .builtin(false)
            .dictionary_file(&path)
            .build()
        {
            Err(error) => Err(library_error(error)),
            Ok(_) => Err(DictionaryError::new_err(format!("{name}: not UTF-8"))),
        },
    }
}

/// One item of `dictionaries=`: a path (`str` or `os.PathLike`), or a
/// `(name, text)` pair for a dictionary held in memory.
fn dictionary_argument(item: &Bound<'_, PyAny>) -> PyResult<DictionarySource> {
    if let Ok(tuple) = item.cast::<PyTuple>() {
        if tuple.len() != 2 {
            return Err(PyTypeError::new_err(
                "a dictionary is a path or a (name, text) pair",
            ));
        }
        return Ok(DictionarySource {
            name: tuple.get_item(0)?.extract()?,
            text: tuple.get_item(1)?.extract()?,
        });
    }
    // `os.fsdecode` takes str, bytes and path-like objects alike.
    let decoded = item
        .py()
        .import("os")?
        .call_method1("fsdecode", (item,))
        .map_err(|_| PyTypeError::new_err("a dictionary is a path or a (name, text) pair"))?;
    let path: PathBuf = decoded.extract()?;
    read_dictionary(path)
}

/// Byte offsets of one text, turned into Python string indices. Offsets
/// must be asked for in increasing order (edits are), so the whole text is
/// counted once.
struct CharIndex<'t> {
    text: &'t str,
    ascii: bool,
    byte: usize,
    char: usize,
}

impl<'t> CharIndex<'t> {
    fn new(text: &'t str) -> CharIndex<'t> {
        CharIndex {
            text,
            ascii: text.is_ascii(),
            byte: 0,
            char: 0,
        }
    }

    fn at(&mut self, byte: usize) -> usize {
        if self.ascii {
            return byte;
        }
        self.char += self.text[self.byte..byte].chars().count();
        self.byte = byte;
        self.char
    }
}

/// A repair computed without the GIL, ready to become Python objects.
struct Repaired {
    text: Option<String>,
    edits: Vec<EditData>,
    score: Option<unspin::Score>,
}

struct EditData {
    start: usize,
    end: usize,
    edit: unspin::Edit,
}

fn repair_one(unspinner: &unspin::Unspinner, text: &str, with_score: bool) -> Repaired {
    let repair = unspinner.repair(text);
    let mut index = CharIndex::new(text);
    let edits = repair
        .edits
        .into_iter()
        .map(|edit| EditData {
            start: index.at(edit.span.start),
            end: index.at(edit.span.end),
            edit,
        })
        .collect();
    let changed = match repair.text {
        std::borrow::Cow::Borrowed(_) => None,
        std::borrow::Cow::Owned(text) => Some(text),
    };
    Repaired {
        text: changed,
        edits,
        score: with_score.then(|| unspinner.score(text)),
    }
}

/// The pool of the last call that asked for more than one thread: its
/// process (a forked child must not use its parent's threads, which it does
/// not have), its size and the pool.
static POOL: Mutex<Option<(u32, usize, Arc<rayon::ThreadPool>)>> = Mutex::new(None);

/// A pool of `n` threads for this process, kept for the calls that follow.
fn pool(n: usize) -> PyResult<Arc<rayon::ThreadPool>> {
    let pid = std::process::id();
    let mut cached = POOL.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    if let Some((p, size, pool)) = cached.as_ref() {
        if *p == pid && *size == n {
            return Ok(Arc::clone(pool));
        }
    }
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(n)
        .build()
        .map(Arc::new)
        .map_err(|e| PyOSError::new_err(format!("cannot start {n} threads: {e}")))?;
    *cached = Some((pid, n, Arc::clone(&pool)));
    Ok(pool)
}

/// `f` of every item, in order, on `threads` threads (`None`: one per
/// core; never more threads than items; `Some(1)`: on the calling thread).
fn map_on_threads<T: Sync, R: Send>(
    threads: Option<usize>,
    items: &[T],
    f: impl Fn(&T) -> R + Send + Sync,
) -> PyResult<Vec<R>> {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let n = match threads {
        Some(0) => return Err(PyValueError::new_err("threads must be at least 1")),
        Some(n) => n,
        None => cores,
    }
    .min(items.len());
    if n <= 1 {
        return Ok(items.iter().map(f).collect());
    }
    Ok(pool(n)?.install(|| items.par_iter().map(f).collect()))
}

/// One change made by a repair.
///
/// `start` and `end` index the input string, so
/// `text[edit.start:edit.end] == edit.spun`.
#[pyclass(module = "unspin._unspin", frozen, get_all)]
struct Edit {
    /// Index of the first changed character in the input.
    start: usize,
    /// Index just past the changed text in the input.
    end: usize,
    /// The input text that was changed.
    spun: String,
    /// What replaced it, with the case of `spun` carried over.
    replacement: String,
    /// The tier of the dictionary entry: `"fix"` or `"context"`.
    tier: &'static str,
    /// `"phrase"`, or `"article"` for an a/an changed to agree with the
    /// phrase edit after it.
    kind: &'static str,
    /// The dictionary the entry came from: a path, or `"<builtin>/…"` for
    /// the bundled ones.
    dictionary: String,
    /// The entry's 1-based line in that dictionary.
    line: usize,
}

#[pymethods]
impl Edit {
    fn __repr__(&self) -> String {
        format!(
            "Edit(start={}, end={}, spun={:?}, replacement={:?}, tier={:?}, kind={:?}, dictionary={:?}, line={})",
            self.start, self.end, self.spun, self.replacement, self.tier, self.kind, self.dictionary, self.line
        )
    }

    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other.cast::<Edit>().is_ok_and(|other| {
            let other = other.get();
            (self.start, self.end, &self.spun, &self.replacement)
                == (other.start, other.end, &other.spun, &other.replacement)
                && (self.tier, self.kind, &self.dictionary, self.line)
                    == (other.tier, other.kind, &other.dictionary, other.line)
        })
    }

    /// The edit as a dict of its fields, for JSON or a DataFrame.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let dict = PyDict::new(py);
        dict.set_item("start", self.start)?;
        dict.set_item("end", self.end)?;
        dict.set_item("spun", &self.spun)?;
        dict.set_item("replacement", &self.replacement)?;
        dict.set_item("tier", self.tier)?;
        dict.set_item("kind", self.kind)?;
        dict.set_item("dictionary", &self.dictionary)?;
        dict.set_item("line", self.line)?;
        Ok(dict)
    }
}

/// What one signal adds to a score's logit.
#[pyclass(module = "unspin._unspin", frozen, get_all)]
struct Reason {
    /// The signal's name: `"fix entries"`, `"article slips"`,
    /// `"context entries"` or `"balance"`.
    signal: &'static str,
    /// The model's input for it.
    input: f64,
    /// Its weight times its input, in nats.
    contribution: f64,
}

#[pymethods]
impl Reason {
    fn __repr__(&self) -> String {
        format!(
            "Reason(signal={:?}, input={:.3}, contribution={:.3})",
            self.signal, self.input, self.contribution
        )
    }
}

/// How spun a text looks: the verdict, the probability and the signals
/// behind them (the figures of the Rust `unspin::Score`).
#[pyclass(module = "unspin._unspin", frozen)]
struct Score {
    score: unspin::Score,
}

#[pymethods]
impl Score {
    /// `"clean"`, `"suspicious"` or `"spun"`.
    #[getter]
    fn verdict(&self) -> &'static str {
        self.score.verdict().as_str()
    }

    /// The probability that the text was spun, from the fitted model.
    #[getter]
    fn probability(&self) -> f64 {
        self.score.probability()
    }

    /// The model's log-odds, of which `probability` is the logistic.
    #[getter]
    fn logit(&self) -> f64 {
        self.score.logit()
    }

    /// Words in the text (in its most spun window, for a long text).
    #[getter]
    fn words(&self) -> usize {
        self.score.words
    }

    /// `fix`-tier matches.
    #[getter]
    fn fix_matches(&self) -> usize {
        self.score.fix_matches
    }

    /// Distinct `fix`-tier entries matched.
    #[getter]
    fn distinct_fix_entries(&self) -> usize {
        self.score.distinct_fix_entries
    }

    /// `context`-tier matches, whatever the mode.
    #[getter]
    fn context_matches(&self) -> usize {
        self.score.context_matches
    }

    /// Distinct `context`-tier entries matched.
    #[getter]
    fn distinct_context_entries(&self) -> usize {
        self.score.distinct_context_entries
    }

    /// `a`/`an` that disagree with the next word's first sound.
    #[getter]
    fn article_disagreements(&self) -> usize {
        self.score.article_disagreements
    }

    /// Entries matched, each counted as log2(1 + matches).
    #[getter]
    fn spun_forms(&self) -> f64 {
        self.score.spun_forms
    }

    /// One-word originals of `context` entries in the text, each counted as
    /// log2(1 + occurrences).
    #[getter]
    fn original_forms(&self) -> f64 {
        self.score.original_forms
    }

    /// `fix` matches per 1,000 words.
    #[getter]
    fn density(&self) -> f64 {
        if self.score.words == 0 {
            0.0
        } else {
            self.score.fix_matches as f64 * 1000.0 / self.score.words as f64
        }
    }

    /// What each signal adds to the logit, largest first.
    #[getter]
    fn reasons(&self) -> Vec<Reason> {
        self.score
            .reasons()
            .iter()
            .map(|reason| Reason {
                signal: reason.signal.as_str(),
                input: reason.input,
                contribution: reason.contribution,
            })
            .collect()
    }

    /// The score as a dict (the shape of the `score` object of
    /// `unspin --format json`, with the verdict added).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let dict = PyDict::new(py);
        dict.set_item("verdict", self.verdict())?;
        dict.set_item("probability", self.probability())?;
        dict.set_item("logit", self.logit())?;
        dict.set_item("words", self.score.words)?;
        dict.set_item("fix_matches", self.score.fix_matches)?;
        dict.set_item("distinct_fix_entries", self.score.distinct_fix_entries)?;
        dict.set_item("context_matches", self.score.context_matches)?;
        dict.set_item(
            "distinct_context_entries",
            self.score.distinct_context_entries,
        )?;
        dict.set_item("article_disagreements", self.score.article_disagreements)?;
        dict.set_item("spun_forms", self.score.spun_forms)?;
        dict.set_item("original_forms", self.score.original_forms)?;
        let reasons = PyList::empty(py);
        for reason in self.score.reasons() {
            let item = PyDict::new(py);
            item.set_item("signal", reason.signal.as_str())?;
            item.set_item("input", reason.input)?;
            item.set_item("contribution", reason.contribution)?;
            reasons.append(item)?;
        }
        dict.set_item("reasons", reasons)?;
        Ok(dict)
    }

    fn __repr__(&self) -> String {
        format!(
            "Score(verdict={:?}, probability={:.3}, words={}, fix_matches={}, context_matches={})",
            self.verdict(),
            self.probability(),
            self.score.words,
            self.score.fix_matches,
            self.score.context_matches
        )
    }
}

/// The result of a repair: the repaired text and the edits that made it.
#[pyclass(module = "unspin._unspin", frozen)]
struct Repair {
    text: Py<PyString>,
    edits: Py<PyList>,
    score: Option<Py<Score>>,
}

#[pymethods]
impl Repair {
    /// The repaired text (the input itself when nothing changed).
    #[getter]
    fn text(&self, py: Python<'_>) -> Py<PyString> {
        self.text.clone_ref(py)
    }

    /// The edits, in order; applying them to the input gives `text`.
    #[getter]
    fn edits(&self, py: Python<'_>) -> Py<PyList> {
        self.edits.clone_ref(py)
    }

    /// The input's score when asked for with `score=True`, else `None`.
    #[getter]
    fn score(&self, py: Python<'_>) -> Option<Py<Score>> {
        self.score.as_ref().map(|score| score.clone_ref(py))
    }

    fn __repr__(&self, py: Python<'_>) -> String {
        format!(
            "Repair(edits={}, text={:?})",
            self.edits.bind(py).len(),
            self.text.bind(py).to_string()
        )
    }
}

impl Repaired {
    fn into_py(self, py: Python<'_>, input: &Py<PyString>) -> PyResult<Repair> {
        let text = match self.text {
            Some(text) => PyString::new(py, &text).unbind(),
            None => exact_str(py, input),
        };
        let edits = PyList::empty(py);
        for data in self.edits {
            let location = data.edit.location;
            edits.append(Edit {
                start: data.start,
                end: data.end,
                spun: data.edit.spun,
                replacement: data.edit.replacement,
                tier: data.edit.tier.as_str(),
                kind: data.edit.kind.as_str(),
                dictionary: location.dictionary.to_string(),
                line: location.line,
            })?;
        }
        let score = match self.score {
            Some(score) => Some(Py::new(py, Score { score })?),
            None => None,
        };
        Ok(Repair {
            text,
            edits: edits.unbind(),
            score,
        })
    }
}

/// Repairs spun text with the bundled dictionaries and any of your own.
///
/// An `Unspinner` is immutable: share one between threads, and pickle it
/// to ship it to worker processes (it is rebuilt there from its mode, its
/// dictionaries' text and its allowed phrases).
#[pyclass(module = "unspin._unspin", frozen)]
struct Unspinner {
    inner: unspin::Unspinner,
    settings: Settings,
}

#[pymethods]
impl Unspinner {
    #[new]
    #[pyo3(
        signature = (mode = "auto", dictionaries = Vec::new(), allow = Vec::new(), builtin = true, window_words = None),
        text_signature = "(mode='auto', dictionaries=(), allow=(), builtin=True, window_words=None)"
    )]
    fn new(
        py: Python<'_>,
        mode: &str,
        dictionaries: Vec<Bound<'_, PyAny>>,
        allow: Vec<String>,
        builtin: bool,
        window_words: Option<usize>,
    ) -> PyResult<Unspinner> {
        let mode = mode
            .parse::<unspin::Mode>()
            .map_err(PyValueError::new_err)?;
        if window_words == Some(0) {
            return Err(PyValueError::new_err("window_words must be at least 1"));
        }
        let dictionaries = dictionaries
            .iter()
            .map(dictionary_argument)
            .collect::<PyResult<Vec<_>>>()?;
        let settings = Settings {
            mode,
            dictionaries,
            allow,
            builtin,
            window_words,
        };
        let inner = py.detach(|| settings.build())?;
        Ok(Unspinner { inner, settings })
    }

    /// The mode: `"conservative"`, `"auto"` or `"aggressive"`.
    #[getter]
    fn mode(&self) -> &'static str {
        self.settings.mode.as_str()
    }

    /// The names of the user dictionaries, in the order given.
    #[getter]
    fn dictionaries(&self) -> Vec<String> {
        self.settings
            .dictionaries
            .iter()
            .map(|d| d.name.clone())
            .collect()
    }

    /// The allowed phrases given.
    #[getter]
    fn allow(&self) -> Vec<String> {
        self.settings.allow.clone()
    }

    /// Whether the bundled dictionaries are used.
    #[getter]
    fn builtin(&self) -> bool {
        self.settings.builtin
    }

    /// Words per window of the auto mode's verdict.
    #[getter]
    fn window_words(&self) -> usize {
        self.inner.window_words()
    }

    /// Repairs `text`. With `score=True` the result also carries the text's
    /// score. The GIL is released while it works.
    #[pyo3(signature = (text, *, score = false))]
    fn repair(&self, py: Python<'_>, text: Py<PyString>, score: bool) -> PyResult<Repair> {
        let owned: String = text.bind(py).extract()?;
        let repaired = py.detach(|| repair_one(&self.inner, &owned, score));
        repaired.into_py(py, &text)
    }

    /// The repaired text only: faster than `repair(text).text` as no edit
    /// records are made.
    fn repair_text(&self, py: Python<'_>, text: Py<PyString>) -> PyResult<Py<PyString>> {
        let owned: String = text.bind(py).extract()?;
        let repaired = py.detach(|| match self.inner.repair_text(&owned) {
            std::borrow::Cow::Borrowed(_) => None,
            std::borrow::Cow::Owned(text) => Some(text),
        });
        Ok(match repaired {
            Some(repaired) => PyString::new(py, &repaired).unbind(),
            None => exact_str(py, &text),
        })
    }

    /// Scores `text`: how likely it is that it was spun, and why.
    fn score(&self, py: Python<'_>, text: String) -> Score {
        let score = py.detach(|| self.inner.score(&text));
        Score { score }
    }

    /// Repairs every text of `texts` in parallel, on `threads` threads
    /// (default: one per core), with the GIL released. The result is in the
    /// order of `texts` and equals `[self.repair(t) for t in texts]`.
    #[pyo3(signature = (texts, threads = None, *, score = false))]
    fn repair_batch(
        &self,
        py: Python<'_>,
        texts: Vec<Py<PyString>>,
        threads: Option<usize>,
        score: bool,
    ) -> PyResult<Vec<Repair>> {
        let owned = texts
            .iter()
            .map(|text| text.bind(py).extract::<String>())
            .collect::<PyResult<Vec<String>>>()?;
        let repaired = py.detach(|| {
            map_on_threads(threads, &owned, |text| repair_one(&self.inner, text, score))
        })?;
        repaired
            .into_iter()
            .zip(&texts)
            .map(|(repaired, text)| repaired.into_py(py, text))
            .collect()
    }

    /// Scores every text of `texts` in parallel, like `repair_batch`.
    #[pyo3(signature = (texts, threads = None))]
    fn score_batch(
        &self,
        py: Python<'_>,
        texts: Vec<String>,
        threads: Option<usize>,
    ) -> PyResult<Vec<Score>> {
        let scores =
            py.detach(|| map_on_threads(threads, &texts, |text| self.inner.score(text)))?;
        Ok(scores.into_iter().map(|score| Score { score }).collect())
    }

    /// Compares two documents: one story? spun? which side? `None` when
    /// either is empty or too long to align.
    fn compare(&self, py: Python<'_>, first: String, second: String) -> Option<Comparison> {
        py.detach(|| unspin::learn::pair::compare(&self.inner, &first, &second))
            .map(Comparison::from)
    }

    /// The spun phrases of the substitutions of `pairs` ((name, spun,
    /// original) triples): what to count in the clean documents.
    fn spun_phrases(&self, py: Python<'_>, pairs: Triples) -> Vec<String> {
        py.detach(|| unspin::learn::spun_phrases(&self.inner, &borrowed(&pairs)))
    }

    /// Mines `pairs` with `clean_uses` (phrase → uses in the clean
    /// documents, as `PhraseCounter.clean_uses` counts them) and
    /// `clean_words` (the words of those documents), and returns the
    /// learned dictionary, as `unspin --learn` writes it.
    #[pyo3(signature = (pairs, clean_uses = std::collections::HashMap::new(), clean_words = 0))]
    fn learn_dictionary(
        &self,
        py: Python<'_>,
        pairs: Triples,
        clean_uses: std::collections::HashMap<String, usize>,
        clean_words: usize,
    ) -> String {
        py.detach(|| {
            let clean = unspin::CleanUses {
                uses: clean_uses,
                words: clean_words,
            };
            let entries = unspin::learn::mine(&self.inner, &borrowed(&pairs), clean);
            unspin::write_dictionary(&entries, "learned")
        })
    }

    /// Pickles as the arguments that rebuild it, with the dictionaries'
    /// text rather than their paths.
    fn __reduce__<'py>(
        slf: &Bound<'py, Self>,
    ) -> PyResult<(Bound<'py, PyAny>, Bound<'py, PyTuple>)> {
        let py = slf.py();
        let settings = &slf.get().settings;
        let dictionaries: Vec<(String, String)> = settings
            .dictionaries
            .iter()
            .map(|d| (d.name.clone(), d.text.clone()))
            .collect();
        let args = (
            settings.mode.as_str(),
            dictionaries,
            settings.allow.clone(),
            settings.builtin,
            settings.window_words,
        )
            .into_pyobject(py)?;
        Ok((slf.get_type().into_any(), args))
    }

    fn __repr__(&self) -> String {
        format!(
            "Unspinner(mode={:?}, dictionaries={:?}, allow={:?}, builtin={}, window_words={})",
            self.mode(),
            self.dictionaries(),
            self.settings.allow,
            if self.settings.builtin {
                "True"
            } else {
                "False"
            },
            self.inner.window_words()
        )
    }
}

/// What comparing two documents found (see `unspin::learn::pair`).
#[pyclass(module = "unspin._unspin", frozen, get_all)]
struct Comparison {
    /// `"first_spun"`, `"second_spun"`, `"not_spun"` (one story, a
    /// person's edit), `"undecided"` (spun, side unclear) or `"different"`.
    verdict: &'static str,
    /// The share of the longer document's words that align.
    shared: f64,
    /// One-for-one swaps of at most four words a side.
    swaps: usize,
    /// The share of the first document's words in swaps.
    swapped: f64,
    /// The share of the first document's changed words in swaps.
    swap_share: f64,
    /// The share of the second document's words in swaps.
    second_swapped: f64,
    /// The share of the second document's changed words in swaps.
    second_swap_share: f64,
    /// Known substitutions from the first side to the second, less the
    /// reverse.
    known: i64,
    /// The first side's spin probability less the second's.
    probability: f64,
    /// Mean log ratio of the swapped words' English frequencies; positive
    /// when the first side's are rarer.
    rarity: f64,
}

#[pymethods]
impl Comparison {
    fn __repr__(&self) -> String {
        format!(
            "Comparison(verdict={:?}, shared={:.3}, swaps={}, known={}, probability={:+.3}, rarity={:+.3})",
            self.verdict, self.shared, self.swaps, self.known, self.probability, self.rarity
        )
    }
}

impl From<unspin::learn::pair::Comparison> for Comparison {
    fn from(c: unspin::learn::pair::Comparison) -> Comparison {
        use unspin::learn::pair::Verdict;
        Comparison {
            verdict: match c.verdict() {
                Verdict::FirstSpun => "first_spun",
                Verdict::SecondSpun => "second_spun",
                Verdict::NotSpun => "not_spun",
                Verdict::Undecided => "undecided",
                Verdict::Different => "different",
            },
            shared: c.shared,
            swaps: c.swaps,
            swapped: c.first.swapped,
            swap_share: c.first.swap_share,
            second_swapped: c.second.swapped,
            second_swap_share: c.second.swap_share,
            known: c.direction.known,
            probability: c.direction.probability,
            rarity: c.direction.rarity,
        }
    }
}

/// Counts uses of phrases in texts, as the learner counts them against its
/// candidates. Pickles as its phrases.
#[pyclass(module = "unspin._unspin", frozen)]
struct PhraseCounter {
    phrases: Vec<String>,
    counter: unspin::PhraseCounter,
}

#[pymethods]
impl PhraseCounter {
    #[new]
    fn new(phrases: Vec<String>) -> PhraseCounter {
        let counter = unspin::PhraseCounter::new(phrases.iter().map(String::as_str));
        PhraseCounter { phrases, counter }
    }

    /// The uses of each phrase in `text` (unused phrases left out).
    fn count(&self, py: Python<'_>, text: String) -> std::collections::HashMap<String, usize> {
        py.detach(|| self.counter.count(&text))
    }

    /// The uses of each phrase in the clean document `text`, and its words:
    /// one document's share of what `Unspinner.learn_dictionary` weighs.
    fn clean_uses(
        &self,
        py: Python<'_>,
        text: String,
    ) -> (std::collections::HashMap<String, usize>, usize) {
        let uses = py.detach(|| unspin::CleanUses::of(&self.counter, &text));
        (uses.uses, uses.words)
    }

    fn __reduce__<'py>(
        slf: &Bound<'py, Self>,
    ) -> PyResult<(Bound<'py, PyAny>, Bound<'py, PyTuple>)> {
        let args = (slf.get().phrases.clone(),).into_pyobject(slf.py())?;
        Ok((slf.get_type().into_any(), args))
    }
}

/// The MinHash signature of the names and numbers of `text` (128 values),
/// or `None` when it has too few of them to fingerprint.
#[pyfunction]
fn fingerprint(py: Python<'_>, text: String) -> Option<Vec<u32>> {
    py.detach(|| unspin::learn::fingerprint::signature(&text))
}

/// The locality-sensitive hashing band keys of a signature: documents that
/// share one are candidates.
#[pyfunction]
fn band_keys(signature: Vec<u32>) -> Vec<u64> {
    unspin::learn::fingerprint::bands(&signature).collect()
}

/// The pairs of a band's members to compare (indices into `signatures`,
/// given in the order the documents were added): all pairs of a small
/// band, each member's nearest neighbours in a crowded one, none in a band
/// too crowded to be a story.
#[pyfunction]
fn band_pairs(signatures: Vec<Vec<u32>>) -> Vec<(usize, usize)> {
    let borrowed: Vec<&[u32]> = signatures.iter().map(Vec::as_slice).collect();
    unspin::learn::band_pairs(&borrowed)
}

/// The share of equal values of two signatures.
#[pyfunction]
fn fingerprint_similarity(first: Vec<u32>, second: Vec<u32>) -> f64 {
    unspin::learn::fingerprint::similarity(&first, &second)
}

/// (name, spun text, original text) triples from Python.
type Triples = Vec<(String, String, String)>;

fn borrowed(pairs: &Triples) -> Vec<(&str, &str, &str)> {
    pairs
        .iter()
        .map(|(n, s, o)| (n.as_str(), s.as_str(), o.as_str()))
        .collect()
}

/// The input returned unchanged, as a `str` even when it was a subclass of
/// `str` (a changed text is always a new `str`).
fn exact_str(py: Python<'_>, text: &Py<PyString>) -> Py<PyString> {
    let bound = text.bind(py);
    if bound.is_exact_instance_of::<PyString>() {
        text.clone_ref(py)
    } else {
        match bound.extract::<String>() {
            Ok(owned) => PyString::new(py, &owned).unbind(),
            Err(_) => text.clone_ref(py),
        }
    }
}

/// The default `Unspinner`, built once for the module-level functions.
fn default_unspinner() -> &'static unspin::Unspinner {
    static DEFAULT: OnceLock<unspin::Unspinner> = OnceLock::new();
    DEFAULT.get_or_init(unspin::Unspinner::new)
}

/// Repairs `text` with the bundled dictionaries in the default mode and
/// returns the repaired text.
#[pyfunction]
fn repair(py: Python<'_>, text: Py<PyString>) -> PyResult<Py<PyString>> {
    let owned: String = text.bind(py).extract()?;
    let repaired = py.detach(|| match default_unspinner().repair_text(&owned) {
        std::borrow::Cow::Borrowed(_) => None,
        std::borrow::Cow::Owned(text) => Some(text),
    });
    Ok(match repaired {
        Some(repaired) => PyString::new(py, &repaired).unbind(),
        None => exact_str(py, &text),
    })
}

/// Scores `text` with the bundled dictionaries.
#[pyfunction]
fn score(py: Python<'_>, text: String) -> Score {
    let score = py.detach(|| default_unspinner().score(&text));
    Score { score }
}

#[pymodule]
mod _unspin {
    #[pymodule_export]
    use super::{
        band_keys, band_pairs, fingerprint, fingerprint_similarity, repair, score, Comparison,
        DictionaryError, Edit, PhraseCounter, Reason, Repair, Score, Unspinner,
    };

    #[pymodule_init]
    fn init(module: &pyo3::Bound<'_, pyo3::types::PyModule>) -> pyo3::PyResult<()> {
        use pyo3::types::PyModuleMethods;
        module.add("__version__", env!("CARGO_PKG_VERSION"))?;
        // The learning's thresholds, for the Spark steps to use as they are.
        module.add("MIN_SIMILARITY", unspin::learn::MIN_SIMILARITY)
    }
}
