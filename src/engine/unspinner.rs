//! [`Unspinner`]: the engine's public face. It holds the compiled
//! dictionary and the settings, and repairs, finds and scores text.

use std::borrow::Cow;
use std::panic::AssertUnwindSafe;
use std::sync::{Arc, OnceLock};

use fst::Streamer;

use crate::dict::builtin;
use crate::dict::compile::Compiled;
use crate::dict::source::Kind;
use crate::dict::table::Value;
use crate::engine::assess::{self, Assessment};
use crate::engine::edit::{apply, Decision, Repair};
use crate::engine::entry::{EntryRef, FindIter};
use crate::engine::mode::Mode;
use crate::engine::window::{windows, Carry, Decider, WINDOW_WORDS};
use crate::error::Location;
use crate::scan::{AllowedPhrases, FastPaths, Scan};
use crate::score::Score;
use crate::text::fold::fold_key;
use crate::tier::TierSet;

/// Finds and repairs spun phrases.
///
/// [`Unspinner::new`] uses the bundled dictionaries in the default
/// [`Mode::Auto`]; [`Unspinner::builder`] adds dictionaries, drops
/// the bundled ones, allows phrases and sets the mode. An `Unspinner` is
/// cheap to clone (the compiled dictionary is shared) and can be used from
/// many threads at once.
///
/// ```
/// let unspin = unspin::Unspinner::new();
/// let repaired = unspin.repair("now nearing its sixth thirty day period, said The Associated Push.");
/// assert_eq!(repaired.text, "now nearing its sixth month, said The Associated Press.");
/// assert_eq!(repaired.edits.len(), 2);
/// ```
#[derive(Clone)]
pub struct Unspinner {
    compiled: Arc<Compiled>,
    /// The threads of parallel streams, made on first use and shared by
    /// clones: see [`Unspinner::workers`]. A pool stays sound when a job
    /// panics (rayon hands the panic to the caller), which the wrapper
    /// says, so that an `Unspinner` stays unwind-safe.
    workers: Arc<OnceLock<Option<AssertUnwindSafe<rayon::ThreadPool>>>>,
    mode: Mode,
    window_words: usize,
    /// Off only where a test or the fuzz target proves the fast paths
    /// change nothing.
    fast_paths: FastPaths,
    /// Threads [`Unspinner::repair_stream`] may use.
    threads: usize,
}

impl Default for Unspinner {
    fn default() -> Unspinner {
        Unspinner::new()
    }
}

impl Unspinner {
    /// This unspinner with the scanner's fast paths (prefilter, word table,
    /// root table) on or off: the matches and edits are the same either way.
    pub(crate) fn with_fast_paths(&self, fast_paths: FastPaths) -> Unspinner {
        Unspinner {
            fast_paths,
            ..self.clone()
        }
    }

    /// The bundled dictionaries in the default [`Mode::Auto`].
    ///
    /// The embedded dictionary is loaded on the first call and shared by
    /// every `Unspinner` after that.
    pub fn new() -> Unspinner {
        Unspinner::with(Arc::clone(&builtin::BUILTIN), Mode::default(), None, None)
    }

    /// An unspinner over `compiled`, with the defaults for the settings
    /// not given.
    pub(crate) fn with(
        compiled: Arc<Compiled>,
        mode: Mode,
        window_words: Option<usize>,
        threads: Option<usize>,
    ) -> Unspinner {
        Unspinner {
            compiled,
            workers: Arc::default(),
            mode,
            window_words: window_words.unwrap_or(WINDOW_WORDS),
            fast_paths: FastPaths::On,
            threads: threads.unwrap_or(1),
        }
    }

    /// The mode repairs use.
    pub fn mode(&self) -> Mode {
        self.mode
    }

    /// The number of words in a window; see
    /// [`Builder::window_words`](crate::Builder::window_words).
    pub fn window_words(&self) -> usize {
        self.window_words
    }

    /// The number of threads [`Unspinner::repair_stream`] may use; see
    /// [`Builder::threads`](crate::Builder::threads).
    pub fn threads(&self) -> usize {
        self.threads
    }

    /// The threads that decide a parallel stream's windows: made by the
    /// first stream that needs them and kept, so that no batch waits for
    /// a new thread and what each thread remembers (the evidence's counts
    /// and decisions, `dict::memo`) carries from one batch and one stream
    /// to the next. None when they cannot be made: the stream then decides
    /// on its own thread.
    pub(crate) fn workers(&self) -> Option<&rayon::ThreadPool> {
        self.workers
            .get_or_init(|| {
                rayon::ThreadPoolBuilder::new()
                    .num_threads(self.threads)
                    .thread_name(|i| format!("unspin-{i}"))
                    .build()
                    .ok()
                    .map(AssertUnwindSafe)
            })
            .as_ref()
            .map(|pool| &pool.0)
    }

    /// What deciding edits needs, for the windows of a stream.
    pub(crate) fn decider(&self) -> Decider<'_> {
        Decider {
            compiled: &self.compiled,
            mode: self.mode,
            fast: self.fast_paths,
        }
    }

    /// Repairs `text`: returns the repaired text, borrowed when nothing
    /// changed, and the edits made, in order.
    ///
    /// In [`Mode::Auto`] the `context` tier is applied per window of
    /// [`window_words`](Unspinner::window_words) words, judged on its own:
    /// a text repaired in pieces (line by line, say) is judged piece by
    /// piece, on less evidence than the whole, and may get fewer repairs.
    /// [`Unspinner::repair_parts`] repairs pieces as the one document they
    /// make.
    ///
    /// ```
    /// let unspin = unspin::Unspinner::new();
    /// let clean = "Law enforcement officers arrived within the hour.";
    /// let repaired = unspin.repair(clean);
    /// assert!(matches!(repaired.text, std::borrow::Cow::Borrowed(_)));
    /// assert!(repaired.edits.is_empty());
    ///
    /// let spun = "REGULATION ENFORCEMENT officers arrived.";
    /// let repaired = unspin.repair(spun);
    /// assert_eq!(repaired.text, "LAW ENFORCEMENT officers arrived.");
    /// let edit = &repaired.edits[0];
    /// assert_eq!(edit.span, 0..22);
    /// assert_eq!(edit.spun, "REGULATION ENFORCEMENT");
    /// assert_eq!(edit.replacement, "LAW ENFORCEMENT");
    /// assert_eq!(edit.tier, unspin::Tier::Fix);
    /// ```
    pub fn repair<'t>(&self, text: &'t str) -> Repair<'t> {
        let decisions = self.decisions(text);
        Repair {
            text: apply(text, &decisions),
            edits: decisions
                .iter()
                .map(|d| d.to_edit(&self.compiled, text))
                .collect(),
        }
    }

    /// Repairs the parts of one document (its paragraphs, the fields of a
    /// record, lines read one by one) as that document: each window of the
    /// parts taken together is judged on all of its evidence, as
    /// [`Unspinner::repair`] would judge the joined text, and each part gets
    /// its own [`Repair`], with spans in the part. Parts are hard breaks: no
    /// phrase, rule or article reaches from one part into the next.
    ///
    /// ```
    /// let unspin = unspin::Unspinner::new();
    /// let lines = [
    ///     "The Associated Push reported that regulation enforcement stated",
    ///     "that the suspect was caught after a thirty day period,",
    ///     "as Fox Information and other outlets mentioned.",
    ///     "Officials claimed the worst was over.",
    /// ];
    /// // Line by line, the last line is judged alone: too little to call it spun.
    /// assert_eq!(unspin.repair(lines[3]).text, lines[3]);
    /// // As one document, its "claimed" is repaired with the rest.
    /// let parts = unspin.repair_parts(&lines);
    /// assert_eq!(parts[3].text, "Officials said the worst was over.");
    /// assert_eq!(parts[3].edits[0].span, 10..17);
    /// ```
    pub fn repair_parts<'t>(&self, parts: &[&'t str]) -> Vec<Repair<'t>> {
        // A line holding only a NUL ends every phrase, rule and article:
        // only whitespace joins neighbours, and no dictionary phrase holds
        // a control character (they are refused when loaded).
        const BREAK: &str = "\n\u{0}\n";
        let joined = parts.join(BREAK);
        let mut decisions = self.decisions(&joined).into_iter().peekable();
        let mut start = 0;
        parts
            .iter()
            .map(|&part| {
                let end = start + part.len();
                let mut own = Vec::new();
                while let Some(mut d) = decisions.next_if(|d| d.span.start < end) {
                    d.span = d.span.start - start..d.span.end - start;
                    own.push(d);
                }
                start = end + BREAK.len();
                Repair {
                    text: apply(part, &own),
                    edits: own
                        .iter()
                        .map(|d| d.to_edit(&self.compiled, part))
                        .collect(),
                }
            })
            .collect()
    }

    /// Repairs `text` and returns only the repaired text, borrowed when
    /// nothing changed: the same text as [`Unspinner::repair`], without
    /// building the list of edits. Use it where the edits are not read.
    ///
    /// ```
    /// let unspin = unspin::Unspinner::new();
    /// let spun = "Regulation enforcement met after Planet War II.";
    /// assert_eq!(unspin.repair_text(spun), unspin.repair(spun).text);
    /// assert_eq!(unspin.repair_text(spun), "Law enforcement met after World War II.");
    /// ```
    pub fn repair_text<'t>(&self, text: &'t str) -> Cow<'t, str> {
        apply(text, &self.decisions(text))
    }

    /// The decisions for the whole of `text`, window by window.
    fn decisions(&self, text: &str) -> Vec<Decision<'_>> {
        let decider = self.decider();
        let mut decisions = Vec::new();
        let mut carry = Carry::default();
        for window in windows(text, self.window_words) {
            decider.decide(text, window, &mut carry, &mut decisions);
        }
        decisions
    }

    /// A scan of the whole of `text`.
    fn scan<'t>(&self, tiers: TierSet, text: &'t str) -> Scan<'_, 't> {
        self.decider().scan(tiers, text, 0)
    }

    /// Finds every spun phrase of every tier, whatever the mode, without
    /// repairing anything. Matches are leftmost-longest and do not overlap.
    ///
    /// ```
    /// use unspin::Tier;
    ///
    /// let unspin = unspin::Unspinner::new();
    /// let text = "Tabalov claimed regulation enforcement was involved.";
    /// let found: Vec<(&str, &str, Tier)> = unspin
    ///     .find_iter(text)
    ///     .map(|m| (&text[m.span()], m.entry().original(), m.entry().tier()))
    ///     .collect();
    /// assert_eq!(
    ///     found,
    ///     [
    ///         ("claimed", "said", Tier::Context),
    ///         ("regulation enforcement", "law enforcement", Tier::Fix),
    ///     ]
    /// );
    /// ```
    pub fn find_iter<'u, 't>(&'u self, text: &'t str) -> FindIter<'u, 't> {
        FindIter::new(&self.compiled, self.scan(TierSet::ALL, text))
    }

    /// Scores `text`: counts the signals of spinning, as
    /// [`Mode::Auto`] does before it repairs, and gives a probability and
    /// a [`Verdict`](crate::Verdict). A text longer than one window
    /// ([`window_words`](Unspinner::window_words)) gets the score of its
    /// most spun window; [`Unspinner::assess`] gives every window's, and
    /// every paragraph's. The score does not depend on the mode.
    ///
    /// ```
    /// use unspin::{Unspinner, Verdict};
    ///
    /// let unspin = Unspinner::new();
    /// let clean = unspin.score("The court ruled on Tuesday that the law enforcement agency had acted lawfully.");
    /// assert_eq!(clean.verdict(), Verdict::Clean);
    ///
    /// let spun = unspin.score(
    ///     "The Associated Push reported that regulation enforcement officers, now nearing \
    ///      its sixth thirty day period of Planet War II drills, had a enormous outflow.",
    /// );
    /// assert_eq!(spun.fix_matches, 5); // "had a enormous" is one too
    /// assert_eq!(spun.article_disagreements, 1);
    /// assert_eq!(spun.verdict(), Verdict::Spun);
    /// ```
    pub fn score(&self, text: &str) -> Score {
        let (windows, _) = assess::score_windows(&self.decider(), text, self.window_words);
        Assessment {
            windows,
            paragraphs: Vec::new(),
        }
        .score()
    }

    /// How spun `text` looks, window by window (as [`Mode::Auto`] judges
    /// them) and paragraph by paragraph.
    ///
    /// ```
    /// use unspin::{Unspinner, Verdict};
    ///
    /// let page = "Regulation enforcement officers stated that the Associated Push was \
    ///             nearing its sixth thirty day period of coverage, as Fox Information \
    ///             mentioned.\n\nAll rights reserved.\n";
    /// let assessment = Unspinner::new().assess(page);
    /// assert_eq!(assessment.verdict(), Verdict::Spun);
    /// let verdicts: Vec<Verdict> = assessment.paragraphs.iter().map(|p| p.verdict).collect();
    /// assert_eq!(verdicts, [Verdict::Spun, Verdict::Clean]);
    /// ```
    pub fn assess(&self, text: &str) -> Assessment {
        assess::assess(&self.decider(), text, self.window_words)
    }

    /// Every compiled entry, sorted by folded spun phrase. Allowed phrases
    /// are not entries and are not listed.
    ///
    /// ```
    /// let unspin = unspin::Unspinner::new();
    /// assert!(unspin.entries().any(|e| e.spun() == "planet war ii"));
    /// ```
    pub fn entries(&self) -> impl Iterator<Item = EntryRef<'_>> + '_ {
        let compiled: &Compiled = &self.compiled;
        let replacing = |index: &usize| {
            compiled.entries.get(*index).kind == Kind::Replace && compiled.reachable(*index)
        };
        let indices: Vec<usize> = match &compiled.layer {
            // A compiled table is in key order.
            None => (0..compiled.entries.len()).filter(replacing).collect(),
            // The bundled entries, then the user's: merged by key.
            Some(layer) => {
                let mut keyed: Vec<(Vec<u8>, usize)> = Vec::new();
                for fst in [&compiled.fst, &layer.fst] {
                    let mut stream = fst.stream();
                    while let Some((key, output)) = stream.next() {
                        keyed.push((key.to_vec(), Value::decode(output.value()).index));
                    }
                }
                keyed.sort();
                keyed
                    .into_iter()
                    .map(|(_, i)| i)
                    .filter(replacing)
                    .collect()
            }
        };
        indices
            .into_iter()
            .map(move |index| EntryRef::new(compiled, index))
    }

    /// The entries of the dictionaries loaded with the [`Builder`] that
    /// take the place of a bundled entry with the same spun phrase, each
    /// with the bundled entry's location.
    ///
    /// ```
    /// let unspin = unspin::Unspinner::builder()
    ///     .dictionary_str("mine.tsv", "regulation enforcement\tpolice\n")
    ///     .build()?;
    /// let (entry, bundled) = unspin.overrides().next().unwrap();
    /// assert_eq!((entry.original(), entry.location().to_string()), ("police", "mine.tsv:1".into()));
    /// assert!(bundled.to_string().starts_with("dictionaries/news.tsv:"));
    /// assert_eq!(unspin.repair("regulation enforcement").text, "police");
    /// # Ok::<(), unspin::Error>(())
    /// ```
    pub fn overrides(&self) -> impl Iterator<Item = (EntryRef<'_>, Location)> + '_ {
        let compiled: &Compiled = &self.compiled;
        compiled
            .overrides
            .iter()
            .map(move |(index, base)| (EntryRef::new(compiled, *index), base.clone()))
    }

    /// The entry whose spun phrase folds to the same key as `phrase`.
    ///
    /// ```
    /// let unspin = unspin::Unspinner::new();
    /// let entry = unspin.lookup("Regulation  Enforcement").unwrap();
    /// assert_eq!(entry.original(), "law enforcement");
    /// assert!(unspin.lookup("law enforcement").is_none());
    /// ```
    pub fn lookup(&self, phrase: &str) -> Option<EntryRef<'_>> {
        let index = self.compiled.get(phrase)?;
        (self.compiled.entries.get(index).kind == Kind::Replace)
            .then(|| EntryRef::new(&self.compiled, index))
    }

    /// What allowing `phrase` protects: a spun phrase of the dictionaries
    /// (as they were before the allowed phrases took their places), spun
    /// phrases inside it, or nothing (it is most likely misspelt).
    ///
    /// ```
    /// use unspin::Protection;
    ///
    /// let unspin = unspin::Unspinner::builder().allow("regulation enforcement").build()?;
    /// assert_eq!(unspin.protection("Regulation Enforcement"), Protection::SpunPhrase);
    /// assert_eq!(unspin.protection("police officers"), Protection::SpunPhrasesInside);
    /// assert_eq!(unspin.protection("regulaton enforcment"), Protection::Nothing);
    /// # Ok::<(), unspin::Error>(())
    /// ```
    pub fn protection(&self, phrase: &str) -> Protection {
        let key = fold_key(phrase);
        if self.compiled.displaced.binary_search(&key).is_ok() || self.lookup(phrase).is_some() {
            return Protection::SpunPhrase;
        }
        let inside = self
            .scan(TierSet::ALL, phrase)
            .allowed_phrases(AllowedPhrases::Ignore)
            .next();
        match inside {
            Some(_) => Protection::SpunPhrasesInside,
            None => Protection::Nothing,
        }
    }

    /// Up to `limit` entries whose spun phrases are closest to `phrase`
    /// (normalized Levenshtein similarity of at least 0.75), best first:
    /// what to suggest for a phrase that is not in the dictionary.
    ///
    /// ```
    /// let unspin = unspin::Unspinner::new();
    /// let near = unspin.suggest("regulation enforcment", 3);
    /// assert_eq!(near[0].spun(), "regulation enforcement");
    /// ```
    pub fn suggest(&self, phrase: &str, limit: usize) -> Vec<EntryRef<'_>> {
        let key = fold_key(phrase);
        let mut scored: Vec<(f64, EntryRef<'_>)> = self
            .entries()
            .map(|e| (strsim::normalized_levenshtein(&key, &fold_key(e.spun())), e))
            .filter(|(score, _)| *score >= 0.75)
            .collect();
        scored.sort_by(|a, b| b.0.total_cmp(&a.0));
        scored.into_iter().take(limit).map(|(_, e)| e).collect()
    }

    /// The compiled dictionary, for the benchmark hooks.
    pub(crate) fn compiled(&self) -> &Compiled {
        &self.compiled
    }
}

/// What an allowed phrase protects; see [`Unspinner::protection`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Protection {
    /// The phrase is a spun phrase of the dictionaries.
    SpunPhrase,
    /// The phrase is not a spun phrase but contains some ("officers" in
    /// "police officers").
    SpunPhrasesInside,
    /// The phrase neither is nor contains a spun phrase.
    Nothing,
}

impl std::fmt::Debug for Unspinner {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Unspinner")
            .field("entries", &self.compiled.entries.len())
            .field("mode", &self.mode)
            .finish()
    }
}

#[cfg(test)]
mod fast_path_tests {
    //! The fast paths (prefilter, root table, ASCII folding shortcut) must
    //! not change a single result. This compares an unspinner with them
    //! against one without, over every bundled key in disguise and over
    //! every real text the repository has.

    use super::*;
    use std::ops::Range;

    /// A tiny deterministic generator (xorshift64*).
    struct Rng(u64);

    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 >> 12;
            self.0 ^= self.0 << 25;
            self.0 ^= self.0 >> 27;
            self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
        }

        fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
            items[(self.next() % items.len() as u64) as usize]
        }
    }

    /// Every bundled key, some of them cut short or run on, in random case
    /// and with typographic variants, between separators that include
    /// punctuation, non-ASCII words, combining marks, `İ`, emoji and CJK.
    fn disguised_keys(unspin: &Unspinner, rng: &mut Rng) -> String {
        let separators = [
            " ",
            "  ",
            "\n",
            ", ",
            ". ",
            " -- ",
            "\u{a0}",
            " \u{2014} ",
            "'",
            "' ",
            " '",
            "-",
            " (",
            ") ",
            "\"",
            " \u{201c}",
            "\u{201d} ",
            "\u{2019}",
            "\u{2019}s ",
            "\u{2bc} ",
            "\u{2bc}\u{2bc}",
            " \u{2018}",
            "\u{2026} ",
            "\t",
            "...",
            "",
        ];
        let words = [
            "the",
            "a",
            "an",
            "said",
            "caf\u{e9}",
            "e\u{301}t\u{e9}",
            "\u{130}stanbul",
            "\u{1F600}",
            "\u{4E2D}\u{6587}",
            "don't",
            "don\u{2019}t",
            "1000's",
            "U.S.",
            "x",
            "regulation",
            "enforcement",
            "thirty",
            "day",
            "planet",
            "war",
        ];
        let mut text = String::new();
        for entry in unspin.entries() {
            let mut key = entry.spun().to_string();
            match rng.next() % 8 {
                0 => key = key.to_uppercase(),
                1 => key = key.replace('\'', "\u{2019}"),
                2 => key = key.replace(' ', "  "),
                3 => key.push_str(rng.pick(&words)),
                4 => {
                    let cut = key.char_indices().map(|(i, _)| i).nth(key.len() / 2);
                    key.truncate(cut.unwrap_or(key.len()));
                }
                5 => key = key.replace(' ', "\u{a0}"),
                _ => {}
            }
            text.push_str(rng.pick(&separators));
            if rng.next() % 3 == 0 {
                text.push_str(rng.pick(&words));
                text.push_str(rng.pick(&separators));
            }
            text.push_str(&key);
        }
        text
    }

    fn real_texts() -> Vec<String> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut dirs = vec![
            root.join("samples"),
            root.join("tests/fixtures"),
            root.join("tests/data/clean"),
        ];
        for pair in ["council-budget", "storm-school", "trial-verdict"] {
            dirs.push(root.join("tests/data/pairs").join(pair));
        }
        let mut texts = Vec::new();
        for dir in dirs {
            let Ok(list) = std::fs::read_dir(&dir) else {
                continue;
            };
            let mut paths: Vec<_> = list.filter_map(|e| e.ok().map(|e| e.path())).collect();
            paths.sort();
            for path in paths {
                if path.extension().is_some_and(|x| x == "txt") {
                    if let Ok(text) = std::fs::read_to_string(&path) {
                        texts.push(text);
                    }
                }
            }
        }
        texts
    }

    #[test]
    fn fast_paths_change_nothing() {
        let fast = Unspinner::builder().mode(Mode::Aggressive).build().unwrap();
        let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
        let mut texts = real_texts();
        assert!(
            texts.len() >= 5,
            "the repository's sample texts are missing"
        );
        for _ in 0..4 {
            texts.push(disguised_keys(&fast, &mut rng));
        }
        let total: usize = texts.iter().map(String::len).sum();
        assert!(total > 1_000_000, "only {total} bytes of text");
        for mode in [Mode::Conservative, Mode::Auto, Mode::Aggressive] {
            let fast = Unspinner {
                mode,
                window_words: 300,
                ..fast.clone()
            };
            let slow = fast.with_fast_paths(FastPaths::Off);
            let mut edits = 0;
            for text in &texts {
                let (a, b) = (fast.repair(text), slow.repair(text));
                assert_eq!(a, b, "mode {mode:?}");
                edits += a.edits.len();
                if mode == Mode::Aggressive {
                    let found = |u: &Unspinner| -> Vec<(Range<usize>, usize)> {
                        u.find_iter(text)
                            .map(|m| (m.span(), m.entry().index()))
                            .collect()
                    };
                    assert_eq!(found(&fast), found(&slow));
                    assert_eq!(fast.score(text), slow.score(text));
                }
            }
            assert!(edits > 10_000, "mode {mode:?}: only {edits} edits compared");
        }
    }
}
