//! The public engine: [`Unspinner`], its [`Builder`], detection and repair.

use std::borrow::Cow;
use std::ops::Range;
use std::path::PathBuf;
use std::sync::Arc;

use crate::article::{self, Article};
use crate::builtin;
use crate::case;
use crate::compiled::{Compiled, Kind, Sources};
use crate::dictionary::{self, Tier};
use crate::error::{Error, Location};
use crate::matcher::{count_words, windows, RawMatch, Scan, Tiers};
use crate::score::{Score, Verdict};
use crate::validate;

/// The number of words in a window: `Mode::Auto` scores and gates each
/// window of this many words on its own, so that a long text or a stream
/// is judged piece by piece and gives the same result whole or in chunks.
pub const WINDOW_WORDS: usize = 2000;

/// Which entries a repair applies.
///
/// ```
/// use unspin::{Mode, Unspinner};
///
/// let text = "Regulation enforcement arrived, Tabalov claimed.";
/// let default = Unspinner::new();
/// assert_eq!(default.repair(text).text, "Law enforcement arrived, Tabalov claimed.");
/// let aggressive = Unspinner::builder().mode(Mode::Aggressive).build()?;
/// assert_eq!(aggressive.repair(text).text, "Law enforcement arrived, Tabalov said.");
/// # Ok::<(), unspin::Error>(())
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Mode {
    /// Only [`Tier::Fix`] entries, which practically never occur in clean
    /// English.
    Conservative,
    /// [`Tier::Fix`] entries everywhere, and [`Tier::Context`] entries in
    /// each window of [`WINDOW_WORDS`] words whose [`Score`] verdict is
    /// [`Verdict::Spun`](crate::Verdict::Spun). The default.
    #[default]
    Auto,
    /// Every entry, [`Tier::Context`] included. Use it on text known to be
    /// spun: on clean text it changes ordinary words ("claimed" becomes
    /// "said").
    Aggressive,
}

impl Mode {
    /// The tiers applied everywhere (`Auto` adds `context` per window).
    fn tiers(self) -> Tiers {
        match self {
            Mode::Conservative | Mode::Auto => FIX_ONLY,
            Mode::Aggressive => Tiers::ALL,
        }
    }

    /// `conservative`, `auto` or `aggressive`.
    pub fn as_str(self) -> &'static str {
        match self {
            Mode::Conservative => "conservative",
            Mode::Auto => "auto",
            Mode::Aggressive => "aggressive",
        }
    }
}

const FIX_ONLY: Tiers = Tiers {
    fix: true,
    context: false,
};

impl std::str::FromStr for Mode {
    type Err = String;

    fn from_str(s: &str) -> Result<Mode, String> {
        match s {
            "conservative" => Ok(Mode::Conservative),
            "auto" => Ok(Mode::Auto),
            "aggressive" => Ok(Mode::Aggressive),
            _ => Err(format!(
                "unknown mode {s:?}: expected conservative, auto or aggressive"
            )),
        }
    }
}

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
    mode: Mode,
    window_words: usize,
    /// Whether scans take the fast paths; off only in the test that proves
    /// they change nothing.
    fast_paths: bool,
    /// Threads [`Unspinner::repair_stream`] may use.
    threads: usize,
}

impl Default for Unspinner {
    fn default() -> Unspinner {
        Unspinner::new()
    }
}

impl Unspinner {
    /// The bundled dictionaries in the default [`Mode::Auto`].
    ///
    /// The embedded dictionary is loaded on the first call and shared by
    /// every `Unspinner` after that.
    pub fn new() -> Unspinner {
        Unspinner {
            compiled: Arc::clone(&builtin::BUILTIN),
            mode: Mode::default(),
            window_words: WINDOW_WORDS,
            fast_paths: true,
            threads: 1,
        }
    }

    /// A builder, starting from the bundled dictionaries and the default
    /// [`Mode::Auto`].
    pub fn builder() -> Builder {
        Builder::default()
    }

    /// The mode repairs use.
    pub fn mode(&self) -> Mode {
        self.mode
    }

    /// The number of words in a window; see [`Builder::window_words`].
    pub fn window_words(&self) -> usize {
        self.window_words
    }

    /// The number of threads [`Unspinner::repair_stream`] may use; see
    /// [`Builder::threads`].
    pub fn threads(&self) -> usize {
        self.threads
    }

    /// Repairs `text`: returns the repaired text, borrowed when nothing
    /// changed, and the edits made, in order.
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
        let fixes = self.fixes(text);
        Repair {
            text: apply(text, &fixes),
            edits: fixes.iter().map(|fix| self.edit(text, fix)).collect(),
        }
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
        apply(text, &self.fixes(text))
    }

    /// The fixes for the whole of `text`, window by window.
    fn fixes(&self, text: &str) -> Vec<Fix<'_>> {
        let mut fixes = Vec::new();
        let (mut done, mut protected) = (0, 0);
        for window in windows(text, self.window_words) {
            self.window_edits(text, window, &mut done, &mut protected, &mut fixes);
        }
        fixes
    }

    /// The public record of `fix`, made in `text`.
    pub(crate) fn edit(&self, text: &str, fix: &Fix<'_>) -> Edit {
        Edit {
            span: fix.span.clone(),
            spun: text[fix.span.clone()].to_string(),
            replacement: fix.replacement.to_string(),
            kind: fix.kind,
            tier: self.compiled.entries.get(fix.entry).tier,
            location: self.compiled.location(fix.entry),
        }
    }

    /// Appends the fixes for the matches that start in `window` of `text`.
    /// `done` is where the last edit ended; `protected` is where the
    /// allowed phrases seen so far end (an allowed phrase that starts in
    /// an earlier window may run into this one, and no edit may touch its
    /// tail). Both are updated.
    ///
    /// This is the one place where repairs are decided: the in-memory and
    /// the streaming paths both call it, window by window, on text that
    /// holds the window, one character before it, and enough words after
    /// it to finish any match that starts inside it.
    pub(crate) fn window_edits<'u>(
        &'u self,
        text: &str,
        window: Range<usize>,
        done: &mut usize,
        protected: &mut usize,
        fixes: &mut Vec<Fix<'u>>,
    ) {
        let from = (*done).max(window.start);
        let matches = match self.mode {
            Mode::Auto => self.auto_matches(text, &window, from, protected),
            mode => {
                let mut scan = self
                    .scan(mode.tiers(), text, from)
                    .protected(*protected)
                    .starts_before(window.end);
                let matches = scan.by_ref().collect();
                *protected = scan.protected_until();
                matches
            }
        };
        for m in matches {
            let entry = self.compiled.entries.get(m.entry);
            let spun = &text[m.start..m.end];
            let sounds = (entry.spun, entry.original);
            // The article may lie neither in an earlier edit nor in an
            // allowed phrase.
            let floor = (*done).max(m.protected);
            if let Some((span, replacement)) = fix_article(text, floor, &m, sounds) {
                fixes.push(Fix {
                    span,
                    replacement: Cow::Borrowed(replacement),
                    kind: EditKind::Article,
                    entry: m.entry,
                });
            }
            *done = m.end;
            fixes.push(Fix {
                span: m.start..m.end,
                replacement: case::carry(spun, entry.original),
                kind: EditKind::Phrase,
                entry: m.entry,
            });
        }
    }

    /// The matches auto mode repairs in `window`: the `context` tier's too
    /// when the window scores as spun, only the `fix` tier's otherwise.
    ///
    /// The window's score counts the matches that start in the window, as
    /// the repair would find them (with the text around the window in
    /// view), and its words and article disagreements. Each scan is done
    /// at most once and its matches are what gets repaired; the `context`
    /// scan, the word count and the articles are skipped when the `fix`
    /// matches alone rule out a spun verdict, as on almost all clean text.
    ///
    /// `protected` is as in [`Unspinner::window_edits`], and is updated
    /// from the scan whose matches are returned.
    fn auto_matches(
        &self,
        text: &str,
        window: &Range<usize>,
        from: usize,
        protected: &mut usize,
    ) -> Vec<RawMatch> {
        let mut scan = self
            .scan(FIX_ONLY, text, from)
            .protected(*protected)
            .starts_before(window.end);
        if self.fast_paths {
            scan = scan.recording();
        }
        let fix: Vec<RawMatch> = scan.by_ref().collect();
        let fix_protected = scan.protected_until();
        let mut distinct: Vec<usize> = fix.iter().map(|m| m.entry).collect();
        distinct.sort_unstable();
        distinct.dedup();
        if distinct.len() < crate::score::SPUN_DISTINCT {
            *protected = fix_protected;
            return fix;
        }
        // The second scan reuses the first one's walks where it can.
        let mut all_scan = self
            .scan(Tiers::ALL, text, from)
            .protected(*protected)
            .starts_before(window.end)
            .replaying(scan.into_walks());
        let all: Vec<RawMatch> = all_scan.by_ref().collect();
        let all_protected = all_scan.protected_until();
        let slice = &text[window.clone()];
        let score = Score {
            words: count_words(slice),
            fix_matches: fix.len(),
            distinct_fix_entries: distinct.len(),
            context_matches: all
                .iter()
                .filter(|m| self.compiled.entries.get(m.entry).tier == Tier::Context)
                .count(),
            article_disagreements: article::disagreements(slice),
        };
        if score.verdict() == Verdict::Spun {
            *protected = all_protected;
            all
        } else {
            *protected = fix_protected;
            fix
        }
    }

    /// A scan of `text` from `from` with this unspinner's dictionary.
    pub(crate) fn scan<'t>(&self, tiers: Tiers, text: &'t str, from: usize) -> Scan<'_, 't> {
        Scan::starting_at(&self.compiled, tiers, text, from).fast_paths(self.fast_paths)
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
        FindIter {
            unspinner: self,
            scan: self.scan(Tiers::ALL, text, 0),
        }
    }

    /// Scores `text`: counts the signals of spinning and gives a
    /// [`Verdict`](crate::Verdict). The score does not depend on the mode.
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
        let fix = FIX_ONLY;
        let mut distinct = std::collections::HashSet::new();
        let mut fix_matches = 0;
        for m in self.scan(fix, text, 0) {
            fix_matches += 1;
            distinct.insert(m.entry);
        }
        let context_matches = self
            .scan(Tiers::ALL, text, 0)
            .filter(|m| self.compiled.entries.get(m.entry).tier == Tier::Context)
            .count();
        Score {
            words: count_words(text),
            fix_matches,
            distinct_fix_entries: distinct.len(),
            context_matches,
            article_disagreements: article::disagreements(text),
        }
    }

    /// Every compiled entry, sorted by folded spun phrase. Allowed phrases
    /// are not entries and are not listed.
    ///
    /// ```
    /// let unspin = unspin::Unspinner::new();
    /// assert!(unspin.entries().any(|e| e.spun() == "planet war ii"));
    /// ```
    pub fn entries(&self) -> impl Iterator<Item = EntryRef<'_>> + '_ {
        (0..self.compiled.entries.len())
            .map(move |index| EntryRef {
                unspinner: self,
                index,
            })
            .filter(|e| e.raw().kind == Kind::Replace)
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
        let entry = EntryRef {
            unspinner: self,
            index,
        };
        (entry.raw().kind == Kind::Replace).then_some(entry)
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
        let key = crate::normalize::fold_key(phrase);
        let mut scored: Vec<(f64, EntryRef<'_>)> = self
            .entries()
            .map(|e| {
                let other = crate::normalize::fold_key(e.spun());
                (strsim::normalized_levenshtein(&key, &other), e)
            })
            .filter(|(score, _)| *score >= 0.75)
            .collect();
        scored.sort_by(|a, b| b.0.total_cmp(&a.0));
        scored.into_iter().take(limit).map(|(_, e)| e).collect()
    }
}

/// An edit as the engine decides it: a span of the text and what replaces
/// it, borrowed from the dictionary whenever the case allows. The public
/// [`Edit`] is made from it only where it is asked for.
#[derive(Debug, Clone)]
pub(crate) struct Fix<'d> {
    pub span: Range<usize>,
    pub replacement: Cow<'d, str>,
    pub kind: EditKind,
    /// The entry behind the fix: its tier and location.
    pub entry: usize,
}

/// Replaces every fix's span with its replacement.
fn apply<'t>(text: &'t str, edits: &[Fix<'_>]) -> Cow<'t, str> {
    if edits.is_empty() {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + text.len() / 16);
    let mut done = 0;
    for edit in edits {
        out.push_str(&text[done..edit.span.start]);
        out.push_str(&edit.replacement);
        done = edit.span.end;
    }
    out.push_str(&text[done..]);
    Cow::Owned(out)
}

/// The article edit a repair needs (its span and the article that
/// replaces it), if the word before the match is an
/// article that agreed with the spun word and disagrees with the
/// replacement. The sounds are read from the entry's `(spun, original)` as
/// the dictionary writes them, so ALL CAPS text is not mistaken for
/// acronyms. `done` is where the previous edit or allowed phrase ended:
/// the article must lie after it.
fn fix_article(
    text: &str,
    done: usize,
    m: &RawMatch,
    (spun_word, original): (&str, &str),
) -> Option<(Range<usize>, &'static str)> {
    let before = &text[done..m.start];
    let gap = before.len() - before.trim_end().len();
    if gap == 0 {
        return None;
    }
    let head = &before[..before.len() - gap];
    let word_start = head
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_alphanumeric())
        .last()
        .map(|(i, _)| i)?;
    let word = &head[word_start..];
    let current = Article::parse(word)?;
    // The article must be a whole word: not the end of "banana".
    if text[..done + word_start].ends_with(char::is_alphanumeric) {
        return None;
    }
    let spun = &text[m.start..m.end];
    let wanted = article::for_word(original)?;
    if article::for_word(spun_word)? != current || wanted == current {
        return None;
    }
    let shout = case::pattern(spun) == case::Pattern::Upper;
    let start = done + word_start;
    Some((start..start + word.len(), wanted.spelled_like(word, shout)))
}

/// The result of [`Unspinner::repair`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Repair<'t> {
    /// The repaired text; borrowed from the input when nothing changed.
    pub text: Cow<'t, str>,
    /// The edits made, in order of position. They do not overlap, and
    /// applying them to the input gives `text`.
    pub edits: Vec<Edit>,
}

/// One change made by a repair.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    /// Byte span of the changed text in the input.
    pub span: Range<usize>,
    /// The input text in `span`, as it was.
    pub spun: String,
    /// What replaced it, with the case of `spun` carried over.
    pub replacement: String,
    /// Why the edit was made.
    pub kind: EditKind,
    /// The tier of the dictionary entry behind the edit.
    pub tier: Tier,
    /// The dictionary line behind the edit.
    pub location: Location,
}

/// Why an [`Edit`] was made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum EditKind {
    /// A spun phrase replaced by its original.
    Phrase,
    /// An `a`/`an` changed to agree with the phrase edit that follows it
    /// (whose tier and location it shares).
    ///
    /// ```
    /// let unspin = unspin::Unspinner::builder()
    ///     .builtin(false)
    ///     .dictionary_str("mine.tsv", "ownerpreneur\tbusinessman\tfix\texample\n")
    ///     .build()?;
    /// let repaired = unspin.repair("He is an ownerpreneur.");
    /// assert_eq!(repaired.text, "He is a businessman.");
    /// assert_eq!(repaired.edits[0].kind, unspin::EditKind::Article);
    /// assert_eq!(repaired.edits[1].kind, unspin::EditKind::Phrase);
    /// # Ok::<(), unspin::Error>(())
    /// ```
    Article,
}

/// A dictionary entry, borrowed from an [`Unspinner`].
#[derive(Clone, Copy)]
pub struct EntryRef<'u> {
    unspinner: &'u Unspinner,
    index: usize,
}

impl<'u> EntryRef<'u> {
    fn raw(&self) -> crate::compiled::EntryView<'u> {
        self.unspinner.compiled.entries.get(self.index)
    }

    /// The spun phrase as written in the dictionary.
    pub fn spun(&self) -> &'u str {
        self.raw().spun
    }

    /// The original phrase as written in the dictionary.
    pub fn original(&self) -> &'u str {
        self.raw().original
    }

    /// The entry's tier.
    pub fn tier(&self) -> Tier {
        self.raw().tier
    }

    /// The dictionary's name: a path, or the name of an in-memory
    /// dictionary.
    pub fn dictionary(&self) -> &'u str {
        &self.unspinner.compiled.dictionaries[self.raw().dictionary as usize]
    }

    /// The entry's context rule (the `when` column), if it has one.
    pub fn rule(&self) -> Option<&'u str> {
        Some(self.raw().when).filter(|w| !w.is_empty())
    }

    /// The 1-based line of the entry in its dictionary.
    pub fn line(&self) -> usize {
        self.raw().line as usize
    }

    /// The dictionary and line, as a [`Location`].
    pub fn location(&self) -> Location {
        self.unspinner.compiled.location(self.index)
    }
}

impl std::fmt::Debug for EntryRef<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("EntryRef")
            .field("spun", &self.spun())
            .field("original", &self.original())
            .field("tier", &self.tier())
            .field("location", &self.location())
            .finish()
    }
}

/// A spun phrase found by [`Unspinner::find_iter`].
#[derive(Debug, Clone, Copy)]
pub struct Match<'u> {
    start: usize,
    end: usize,
    entry: EntryRef<'u>,
}

impl<'u> Match<'u> {
    /// The byte offset where the match starts.
    pub fn start(&self) -> usize {
        self.start
    }

    /// The byte offset just after the match.
    pub fn end(&self) -> usize {
        self.end
    }

    /// The byte span `start..end`.
    pub fn span(&self) -> Range<usize> {
        self.start..self.end
    }

    /// The dictionary entry that matched.
    pub fn entry(&self) -> EntryRef<'u> {
        self.entry
    }
}

/// The iterator returned by [`Unspinner::find_iter`].
#[derive(Debug)]
pub struct FindIter<'u, 't> {
    unspinner: &'u Unspinner,
    scan: Scan<'u, 't>,
}

impl<'u> Iterator for FindIter<'u, '_> {
    type Item = Match<'u>;

    fn next(&mut self) -> Option<Match<'u>> {
        let m = self.scan.next()?;
        Some(Match {
            start: m.start,
            end: m.end,
            entry: EntryRef {
                unspinner: self.unspinner,
                index: m.entry,
            },
        })
    }
}

impl std::fmt::Debug for Unspinner {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Unspinner")
            .field("entries", &self.compiled.entries.len())
            .field("mode", &self.mode)
            .finish()
    }
}

enum DictionarySource {
    File(PathBuf),
    Text { name: String, text: String },
}

/// Builds an [`Unspinner`] with other dictionaries, allowed phrases or
/// another mode.
///
/// Nothing is read or checked until [`Builder::build`], which reports the
/// first problem with its `file:line`.
///
/// ```
/// use unspin::{Mode, Unspinner};
///
/// let unspin = Unspinner::builder()
///     .dictionary_str("house-style.tsv", "huge outflow\tlarge outflow\tcontext\tstyle guide\n")
///     .allow("Planet War II")
///     .mode(Mode::Aggressive)
///     .build()?;
/// assert_eq!(
///     unspin.repair("a huge outflow after Planet War II").text,
///     "a large outflow after Planet War II"
/// );
/// # Ok::<(), unspin::Error>(())
/// ```
#[derive(Default)]
pub struct Builder {
    no_builtin: bool,
    dictionaries: Vec<DictionarySource>,
    allow: Vec<String>,
    mode: Mode,
    window_words: Option<usize>,
    threads: Option<usize>,
}

impl std::fmt::Debug for Builder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Builder")
            .field("builtin", &!self.no_builtin)
            .field("dictionaries", &self.dictionaries.len())
            .field("allow", &self.allow)
            .field("mode", &self.mode)
            .field("window_words", &self.window_words)
            .field("threads", &self.threads)
            .finish()
    }
}

impl Builder {
    /// Keeps (`true`, the default) or drops the bundled dictionaries.
    pub fn builtin(mut self, yes: bool) -> Builder {
        self.no_builtin = !yes;
        self
    }

    /// Adds a dictionary file in the TSV format described in the crate
    /// docs. It is read by [`Builder::build`]; errors name its path.
    pub fn dictionary_file(mut self, path: impl Into<PathBuf>) -> Builder {
        self.dictionaries.push(DictionarySource::File(path.into()));
        self
    }

    /// Adds a dictionary from text. `name` stands for the file name in
    /// errors and edit locations.
    pub fn dictionary_str(mut self, name: impl Into<String>, text: impl Into<String>) -> Builder {
        self.dictionaries.push(DictionarySource::Text {
            name: name.into(),
            text: text.into(),
        });
        self
    }

    /// Allows a phrase: wherever it occurs (matched like a key, on word
    /// boundaries), no edit touches it. If it is also a spun phrase, that
    /// entry is dropped.
    ///
    /// ```
    /// let unspin = unspin::Unspinner::builder().allow("regulation enforcement").build()?;
    /// let text = "regulation enforcement, Planet War II";
    /// assert_eq!(unspin.repair(text).text, "regulation enforcement, World War II");
    /// # Ok::<(), unspin::Error>(())
    /// ```
    pub fn allow(mut self, phrase: impl Into<String>) -> Builder {
        self.allow.push(phrase.into());
        self
    }

    /// Sets the mode; see [`Mode`].
    pub fn mode(mut self, mode: Mode) -> Builder {
        self.mode = mode;
        self
    }

    /// Sets how many words make a window, the unit that [`Mode::Auto`]
    /// scores and gates on its own (default [`WINDOW_WORDS`]; at least 1).
    /// Smaller windows react to spinning that starts mid-text but judge on
    /// less evidence.
    pub fn window_words(mut self, words: usize) -> Builder {
        self.window_words = Some(words.max(1));
        self
    }

    /// Sets how many threads [`Unspinner::repair_stream`] may use (default
    /// 1; at least 1). With more than one, the stream reads ahead about
    /// 1 MiB per thread and repairs those windows in parallel, each thread
    /// a run of consecutive windows; the output is the same as with one
    /// thread, byte for byte.
    ///
    /// ```
    /// let unspin = unspin::Unspinner::builder().threads(2).build()?;
    /// assert_eq!(unspin.threads(), 2);
    /// # Ok::<(), unspin::Error>(())
    /// ```
    pub fn threads(mut self, threads: usize) -> Builder {
        self.threads = Some(threads.max(1));
        self
    }

    /// Reads, checks and compiles the dictionaries.
    ///
    /// # Errors
    ///
    /// [`Error::Io`] when a dictionary file cannot be read, and
    /// [`Error::Dictionary`] with the `file:line` of the first bad line:
    /// wrong column count, an empty field, an unknown tier, invalid UTF-8,
    /// a phrase mapped to itself, a duplicate or conflicting spun phrase
    /// (also across dictionaries), or a chain (an original containing a
    /// spun phrase).
    pub fn build(self) -> Result<Unspinner, Error> {
        if self.dictionaries.is_empty() && self.allow.is_empty() && !self.no_builtin {
            return Ok(Unspinner {
                compiled: Arc::clone(&builtin::BUILTIN),
                mode: self.mode,
                window_words: self.window_words.unwrap_or(WINDOW_WORDS),
                fast_paths: true,
                threads: self.threads.unwrap_or(1),
            });
        }
        let mut sources = Sources::default();
        if !self.no_builtin {
            sources.add_compiled(&builtin::BUILTIN);
        }
        for source in self.dictionaries {
            match source {
                DictionarySource::File(path) => {
                    let bytes = std::fs::read(&path).map_err(|source| Error::Io {
                        path: path.clone(),
                        source,
                    })?;
                    let name = path.display().to_string();
                    sources.add_dictionary(&name, dictionary::parse(&name, &bytes)?);
                }
                DictionarySource::Text { name, text } => {
                    sources.add_dictionary(&name, dictionary::parse(&name, text.as_bytes())?);
                }
            }
        }
        for (i, phrase) in self.allow.iter().enumerate() {
            sources.add_allow("<allow>", phrase, i + 1)?;
        }
        let compiled = Compiled::build(sources)?;
        validate::check_chains(&compiled)?;
        Ok(Unspinner {
            compiled: Arc::new(compiled),
            mode: self.mode,
            window_words: self.window_words.unwrap_or(WINDOW_WORDS),
            fast_paths: true,
            threads: self.threads.unwrap_or(1),
        })
    }
}

/// Counts the word starts of `text` and does nothing else: the floor of
/// the scanning benchmarks.
#[doc(hidden)]
pub fn __count_word_starts(text: &str) -> usize {
    crate::matcher::count_word_starts(text)
}

/// Loads the embedded dictionary without the cache, for the load-time
/// benchmark. Returns the number of entries.
#[doc(hidden)]
pub fn __load_builtin_uncached() -> usize {
    builtin::load().entries.len()
}

/// The bytes the unspinner's compiled dictionary occupies, for the
/// resident-size benchmark.
#[doc(hidden)]
pub fn __compiled_bytes(unspinner: &Unspinner) -> usize {
    unspinner.compiled.size_bytes()
}

#[cfg(test)]
mod fast_path_tests {
    //! The fast paths (prefilter, root table, ASCII folding shortcut) must
    //! not change a single result. This compares an unspinner with them
    //! against one without, over every bundled key in disguise and over
    //! every real text the repository (and `../shared`, when present) has.

    use super::*;

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
            root.join("../shared/samples"),
            root.join("../shared/samples/dev"),
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
            let slow = Unspinner {
                fast_paths: false,
                ..fast.clone()
            };
            let mut edits = 0;
            for text in &texts {
                let (a, b) = (fast.repair(text), slow.repair(text));
                assert_eq!(a, b, "mode {mode:?}");
                edits += a.edits.len();
                if mode == Mode::Aggressive {
                    let found = |u: &Unspinner| -> Vec<(Range<usize>, usize)> {
                        u.find_iter(text)
                            .map(|m| (m.span(), m.entry().index))
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
