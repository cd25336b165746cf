//! Mining dictionary entries from spun texts and their originals.
//!
//! Research-integrity staff who hold a spun paper and its source, and corpus
//! builders who hold a spun copy and the wire story, have what a spinner
//! did to it: [`Miner::add_pair`] aligns the two word by word
//! ([`align`]) and collects every substitution, with its counts, its
//! neighbours and where it was seen. [`Miner::candidates`] weighs each
//! against the evidence and proposes an entry:
//!
//! * **`fix`** for a phrase that clean English hardly uses: a word rare in
//!   the bundled frequency lists (Google Books counts, see
//!   `data/frequency/README.md`), a phrase whose word pairs they do not
//!   list, or a common word rejoined with the neighbour it was swapped
//!   next to ("Associated Push" for *Associated Press*, where "push" alone
//!   is ordinary);
//! * **`context`** for an ordinary word or phrase, repaired only in text
//!   judged spun;
//! * **rejected**, written as a comment with the reason, where repairing
//!   would damage clean text: the original texts themselves use the spun
//!   form, the spun form stands for several originals, it is a number or
//!   a function word, or it is very common.
//!
//! [`write_dictionary`] writes them in the dictionary format, with the
//! evidence in the note column, ready to review and load with `-d`.
//!
//! ```
//! let unspin = unspin::Unspinner::new();
//! let mut miner = unspin::Miner::new(&unspin);
//! miner.add_pair(
//!     "story-1",
//!     "The Globe Wellbeing Firm warned. Officials mentioned the risk.",
//!     "The World Health Organization warned. Officials said the risk.",
//! );
//! let candidates = miner.candidates();
//! let found: Vec<(&str, &str)> = candidates
//!     .iter()
//!     .map(|c| (c.spun.as_str(), c.original.as_str()))
//!     .collect();
//! assert!(found.contains(&("globe wellbeing firm", "World Health Organization")));
//! ```

pub mod align;

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::fmt::Write as _;

use crate::dict::frequencies_builtin::FREQUENCIES;
use crate::engine::unspinner::Unspinner;
use crate::mine::align::{fold, folded_words, substitutions, Substitution};
use crate::text::fold::fold_key;
use crate::tier::Tier;

/// A single word at least this common in the frequency lists is never a
/// `fix` entry: clean English uses it too often.
const COMMON: u64 = 10_000_000;
/// A single word at least this common is not mined at all: a swap of it
/// damages more clean text than it repairs.
const VERY_COMMON: u64 = 100_000_000;
/// A single word this rare in the frequency lists may be a `fix` entry.
const RARE: u64 = 1_000_000;

/// Closed-class words: a swap among them is grammar, not a spinner's
/// synonym, and is left out.
const FUNCTION_WORDS: &[&str] = &[
    "a", "about", "after", "against", "all", "also", "am", "an", "and", "any", "are", "as", "at",
    "be", "been", "before", "being", "both", "but", "by", "can", "could", "did", "do", "does",
    "during", "each", "either", "every", "few", "for", "from", "had", "has", "have", "he", "her",
    "hers", "him", "his", "how", "however", "i", "if", "in", "into", "is", "it", "its", "many",
    "may", "might", "more", "most", "much", "must", "my", "neither", "no", "nor", "not", "of",
    "on", "once", "only", "or", "other", "our", "out", "over", "own", "shall", "she", "should",
    "since", "so", "some", "such", "than", "that", "the", "their", "them", "then", "there",
    "these", "they", "this", "those", "through", "till", "to", "too", "under", "until", "up",
    "upon", "us", "very", "was", "we", "were", "what", "when", "where", "whether", "which",
    "while", "who", "whom", "whose", "why", "will", "with", "within", "without", "would", "yet",
    "you", "your",
];

/// What the evidence makes of a candidate.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Proposal {
    /// An entry of this tier.
    Entry(Tier),
    /// No entry, for this reason.
    Rejected(String),
}

/// A proposed entry and the evidence behind it.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    /// The spun phrase, lowercase.
    pub spun: String,
    /// The original phrase: lowercase, unless the texts always write it
    /// with capitals inside a sentence (a name).
    pub original: String,
    /// Occurrences in the pairs.
    pub count: usize,
    /// The pairs it was seen in, by the names given to [`Miner::add_pair`].
    pub sources: BTreeSet<String>,
    /// The spun text's neighbouring words, folded, with how often each
    /// pair of neighbours was seen.
    pub contexts: BTreeMap<(String, String), usize>,
    /// Times the original texts (and any clean text added) use the spun
    /// phrase themselves.
    pub clean_uses: usize,
    /// How common the spun phrase is in English: the frequency lists'
    /// count of a word, or the least count of a phrase's word pairs (0
    /// when a pair is not listed).
    pub frequency: u64,
    /// Whether the phrase was only ever seen as a swapped word rejoined
    /// with a neighbour the spinner left ("Associated Push").
    pub anchored: bool,
    /// The original a bundled or loaded entry already gives the spun
    /// phrase, if any.
    pub known: Option<String>,
    /// The entry the evidence proposes.
    pub proposal: Proposal,
}

/// What is collected about one substitution.
#[derive(Debug, Default)]
struct Tally {
    count: usize,
    sources: BTreeSet<String>,
    contexts: BTreeMap<(String, String), usize>,
    /// Occurrences whose original was capitalised inside a sentence.
    capitalised: usize,
    /// The original as first written.
    original: String,
    /// For a word rejoined with a neighbour ([`anchor`]), the one-word
    /// substitution it came from, folded; `None` once it is seen on its own.
    anchored: Option<(String, String)>,
    /// Occurrences seen as a substitution of their own, not rejoined.
    direct: usize,
}

/// Collects substitutions from pairs of spun and original texts.
pub struct Miner<'u> {
    unspinner: &'u Unspinner,
    /// By (folded spun, folded original).
    found: HashMap<(String, String), Tally>,
    /// The original texts and any clean text, for the clean uses.
    clean: Vec<String>,
    /// Uses counted in clean text held elsewhere, by folded phrase.
    clean_counts: HashMap<String, usize>,
}

impl std::fmt::Debug for Miner<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Miner")
            .field("substitutions", &self.found.len())
            .finish()
    }
}

impl<'u> Miner<'u> {
    /// A miner that checks its candidates against the dictionaries of
    /// `unspinner` (what is known already, and what would not load).
    pub fn new(unspinner: &'u Unspinner) -> Miner<'u> {
        Miner {
            unspinner,
            found: HashMap::new(),
            clean: Vec::new(),
            clean_counts: HashMap::new(),
        }
    }

    /// Adds a spun text and its original, named `source` in the
    /// candidates' provenance. Texts whose non-empty lines correspond are
    /// aligned line by line, others whole.
    pub fn add_pair(&mut self, source: &str, spun: &str, original: &str) {
        for s in substitutions(spun, original) {
            self.add(source, &s, None);
            // A word swapped next to a word the spinner left is also
            // offered with that neighbour, for when the word alone is too
            // common to be an entry ("Associated Push").
            let base = (fold_phrase(&s.spun), fold_phrase(&s.original));
            for anchored in anchor(&s) {
                self.add(source, &anchored, Some(&base));
            }
        }
        self.clean.push(original.to_string());
    }

    /// Adds text known to be clean: a use of a spun phrase in it counts
    /// against that phrase, as a use in an original does.
    pub fn add_clean(&mut self, text: &str) {
        self.clean.push(text.to_string());
    }

    fn add(&mut self, source: &str, s: &Substitution, base: Option<&(String, String)>) {
        let key = (fold_phrase(&s.spun), fold_phrase(&s.original));
        if key.0.is_empty() || key.0 == key.1 {
            return;
        }
        let tally = self.found.entry(key).or_default();
        match base {
            None => tally.direct += 1,
            Some(base) if tally.direct == 0 => tally.anchored = Some(base.clone()),
            Some(_) => {}
        }
        if tally.direct > 0 {
            tally.anchored = None;
        }
        tally.count += 1;
        tally.sources.insert(source.to_string());
        let neighbour = |w: &Option<String>| w.as_deref().map(fold).unwrap_or_default();
        *tally
            .contexts
            .entry((neighbour(&s.spun_context.0), neighbour(&s.spun_context.1)))
            .or_default() += 1;
        if !s.sentence_start && s.original.starts_with(char::is_uppercase) {
            tally.capitalised += 1;
        }
        if tally.original.is_empty() {
            tally.original = s.original.clone();
        }
    }

    /// Every substitution seen, weighed: in order of the spun phrase.
    pub fn candidates(&self) -> Vec<Candidate> {
        let clean = self.clean_uses();
        let mut originals_of: HashMap<&str, usize> = HashMap::new();
        for (spun, _) in self.found.keys() {
            *originals_of.entry(spun.as_str()).or_default() += 1;
        }
        let mut candidates: Vec<Candidate> = self
            .found
            .iter()
            .map(|((spun, original), tally)| {
                let original = if tally.capitalised == tally.count {
                    tally.original.clone()
                } else {
                    original.clone()
                };
                let known = self
                    .unspinner
                    .lookup(spun)
                    .map(|e| e.original().to_string());
                let mut c = Candidate {
                    spun: spun.clone(),
                    original,
                    count: tally.count,
                    sources: tally.sources.clone(),
                    contexts: tally.contexts.clone(),
                    clean_uses: clean.get(spun.as_str()).copied().unwrap_or(0),
                    frequency: frequency(spun),
                    anchored: tally.anchored.is_some(),
                    known,
                    proposal: Proposal::Rejected(String::new()),
                };
                c.proposal = propose(&c, originals_of[spun.as_str()]);
                c
            })
            .collect();
        candidates.sort_by(|a, b| (&a.spun, &a.original).cmp(&(&b.spun, &b.original)));
        self.reject_redundant_anchors(&mut candidates);
        self.reject_chains(&mut candidates);
        candidates
    }

    /// Rejects a word rejoined with its neighbour where the word alone is
    /// proposed already: the pair would only repeat it.
    fn reject_redundant_anchors(&self, candidates: &mut [Candidate]) {
        let entries: HashSet<(String, String)> = candidates
            .iter()
            .filter(|c| matches!(c.proposal, Proposal::Entry(_)))
            .map(|c| (c.spun.clone(), fold_phrase(&c.original)))
            .collect();
        for c in candidates.iter_mut() {
            let tally = &self.found[&(c.spun.clone(), fold_phrase(&c.original))];
            if let Some(base) = &tally.anchored {
                if entries.contains(base) && matches!(c.proposal, Proposal::Entry(_)) {
                    c.proposal = Proposal::Rejected(format!(
                        "the word alone is proposed: {:?} for {:?}",
                        base.0, base.1
                    ));
                }
            }
        }
    }

    /// Rejects the proposed entries that would not load beside the
    /// dictionaries: an original that holds a spun phrase, or a spun phrase
    /// inside an original (a chain, see [`crate::dictionary_format`]).
    fn reject_chains(&self, candidates: &mut [Candidate]) {
        let proposed: Vec<usize> = (0..candidates.len())
            .filter(|&i| matches!(candidates[i].proposal, Proposal::Entry(_)))
            .collect();
        // Originals that hold a spun phrase of the dictionaries.
        for &i in &proposed {
            let c = &candidates[i];
            if let Some(m) = self.unspinner.find_iter(&c.original).next() {
                let why = format!(
                    "its original holds the spun phrase {:?} ({})",
                    m.entry().spun(),
                    m.entry().location()
                );
                candidates[i].proposal = Proposal::Rejected(why);
            }
        }
        // Spun phrases inside an original, of the dictionaries or of
        // another candidate: the candidates' keys, compiled with stand-in
        // originals, scanned over every original.
        let proposed: Vec<usize> = proposed
            .into_iter()
            .filter(|&i| matches!(candidates[i].proposal, Proposal::Entry(_)))
            .collect();
        // The stand-in original is no phrase a key could be.
        let keys: String = proposed
            .iter()
            .map(|&i| format!("{}\t[candidate]\tfix\tmined\n", candidates[i].spun))
            .collect();
        let finder = match Unspinner::builder()
            .builtin(false)
            .mode(crate::engine::mode::Mode::Aggressive)
            .dictionary_str("candidates", keys)
            .build()
        {
            Ok(finder) => finder,
            Err(e) => {
                // Unchecked proposals would not load: none is made.
                for &i in &proposed {
                    candidates[i].proposal =
                        Proposal::Rejected(format!("the chain check could not run: {e}"));
                }
                return;
            }
        };
        let originals = self
            .unspinner
            .entries()
            .map(|e| (e.original().to_string(), e.location().to_string()))
            .chain(proposed.iter().map(|&i| {
                let c = &candidates[i];
                (c.original.clone(), format!("the candidate {:?}", c.spun))
            }))
            .collect::<Vec<_>>();
        let mut inside: HashMap<String, String> = HashMap::new();
        for (original, location) in &originals {
            for m in finder.find_iter(original) {
                inside
                    .entry(fold_phrase(m.entry().spun()))
                    .or_insert_with(|| location.clone());
            }
        }
        for &i in &proposed {
            if let Some(location) = inside.get(&candidates[i].spun) {
                candidates[i].proposal =
                    Proposal::Rejected(format!("the original of {location} holds it"));
            }
        }
    }

    /// How often the clean texts use each spun phrase.
    fn clean_uses(&self) -> HashMap<&str, usize> {
        let counter = PhraseCounter::new(self.found.keys().map(|(spun, _)| spun.as_str()));
        let mut uses: HashMap<String, usize> = HashMap::new();
        for text in &self.clean {
            counter.count_into(text, &mut uses);
        }
        self.found
            .keys()
            .map(|(spun, _)| {
                let key = folded_words(spun).join(" ");
                let n = uses.get(&key).copied().unwrap_or(0)
                    + self.clean_counts.get(&key).copied().unwrap_or(0);
                (spun.as_str(), n)
            })
            .collect()
    }

    /// The spun phrases of every substitution found so far, as
    /// [`PhraseCounter`] counts them: what to count in clean text held
    /// elsewhere, for [`Miner::add_clean_uses`].
    pub fn spun_phrases(&self) -> Vec<String> {
        let mut phrases: Vec<String> = self
            .found
            .keys()
            .map(|(spun, _)| folded_words(spun).join(" "))
            .collect();
        phrases.sort();
        phrases.dedup();
        phrases
    }

    /// How many times each spun phrase was seen swapped, over all its
    /// originals, keyed as [`Miner::spun_phrases`] gives them.
    pub fn swap_counts(&self) -> HashMap<String, usize> {
        let mut counts = HashMap::new();
        for ((spun, _), tally) in &self.found {
            *counts.entry(folded_words(spun).join(" ")).or_default() += tally.count;
        }
        counts
    }

    /// Adds uses of spun phrases counted in clean text that the miner does
    /// not hold (a corpus on other machines): each phrase as
    /// [`Miner::spun_phrases`] gives it, with its count. They weigh as the
    /// uses in text given to [`Miner::add_clean`] do.
    pub fn add_clean_uses(&mut self, uses: impl IntoIterator<Item = (String, usize)>) {
        for (phrase, n) in uses {
            *self.clean_counts.entry(phrase).or_default() += n;
        }
    }
}

/// Counts the uses of a set of phrases in texts, by words folded as the
/// miner folds them (case, apostrophes): what a corpus's clean documents
/// say against candidate entries.
///
/// ```
/// let counter = unspin::PhraseCounter::new(["fox information", "stated"]);
/// let uses = counter.count("Fox Information stated it. She stated nothing.");
/// assert_eq!(uses.get("stated"), Some(&2));
/// assert_eq!(uses.get("fox information"), Some(&1));
/// ```
#[derive(Debug, Clone)]
pub struct PhraseCounter {
    phrases: HashSet<Vec<String>>,
    longest: usize,
}

impl PhraseCounter {
    /// A counter of `phrases`.
    pub fn new<'a>(phrases: impl IntoIterator<Item = &'a str>) -> PhraseCounter {
        let phrases: HashSet<Vec<String>> = phrases
            .into_iter()
            .map(folded_words)
            .filter(|w| !w.is_empty())
            .collect();
        let longest = phrases.iter().map(Vec::len).max().unwrap_or(0);
        PhraseCounter { phrases, longest }
    }

    /// The key a phrase is counted under: its folded words joined with
    /// spaces.
    pub fn key(phrase: &str) -> String {
        folded_words(phrase).join(" ")
    }

    /// The uses of each phrase in `text` (phrases not used are left out),
    /// keyed by the phrase's folded words joined with spaces.
    pub fn count(&self, text: &str) -> HashMap<String, usize> {
        let mut uses = HashMap::new();
        self.count_into(text, &mut uses);
        uses
    }

    fn count_into(&self, text: &str, uses: &mut HashMap<String, usize>) {
        let words: Vec<String> = folded_words(text);
        for i in 0..words.len() {
            for n in 1..=self.longest.min(words.len() - i) {
                let key = &words[i..i + n];
                if self.phrases.contains(key) {
                    *uses.entry(key.join(" ")).or_default() += 1;
                }
            }
        }
    }
}

/// The phrase folded as dictionary keys are ([`fold_key`]): a candidate's
/// spun phrase is written so, and so matches what it was mined from.
fn fold_phrase(phrase: &str) -> String {
    fold_key(phrase)
}

/// A one-word substitution with a neighbour the spinner left, rejoined:
/// the neighbour and the word on both sides.
fn anchor(s: &Substitution) -> Vec<Substitution> {
    if s.spun.contains(' ') || s.original.contains(' ') {
        return Vec::new();
    }
    let mut out = Vec::new();
    // Only content words are rejoined, with content words: a contraction
    // ("it's", "didn't") is a function word too.
    let content = |w: &str| {
        let w = fold(w);
        !w.contains('\'') && !FUNCTION_WORDS.contains(&w.as_str())
    };
    if !content(&s.spun) || !content(&s.original) {
        return out;
    }
    // The neighbour must be one the spinner left as it was.
    let same = |a: &str, b: &str| fold(a) == fold(b);
    if let (Some(sb), Some(ob)) = (&s.spun_context.0, &s.original_context.0) {
        if content(sb) && same(sb, ob) {
            out.push(Substitution {
                spun: format!("{sb} {}", s.spun),
                original: format!("{ob} {}", s.original),
                spun_context: (None, s.spun_context.1.clone()),
                original_context: (None, s.original_context.1.clone()),
                sentence_start: false,
            });
        }
    }
    if let (Some(sa), Some(oa)) = (&s.spun_context.1, &s.original_context.1) {
        if content(sa) && same(sa, oa) {
            out.push(Substitution {
                spun: format!("{} {sa}", s.spun),
                original: format!("{} {oa}", s.original),
                spun_context: (s.spun_context.0.clone(), None),
                original_context: (s.original_context.0.clone(), None),
                sentence_start: s.sentence_start,
            });
        }
    }
    out
}

/// How common a phrase is: a word's count, or the least count of its
/// word pairs.
fn frequency(phrase: &str) -> u64 {
    let words = folded_words(phrase);
    match words.as_slice() {
        [] => 0,
        [word] => FREQUENCIES.unigram(word),
        _ => words
            .windows(2)
            .map(|w| FREQUENCIES.bigram(&w[0], &w[1]))
            .min()
            .unwrap_or(0),
    }
}

/// The entry the evidence proposes for `c`, whose spun phrase has
/// `originals` different originals among the substitutions.
fn propose(c: &Candidate, originals: usize) -> Proposal {
    let reject = |why: &str| Proposal::Rejected(why.to_string());
    let spun_words = folded_words(&c.spun);
    let original_words = folded_words(&c.original);
    if let Some(known) = &c.known {
        return if fold_phrase(known) == fold_phrase(&c.original) {
            reject("already an entry")
        } else {
            reject(&format!("an entry gives it another original: {known:?}"))
        };
    }
    if c.spun.chars().any(|ch| ch.is_ascii_digit())
        || c.original.chars().any(|ch| ch.is_ascii_digit())
    {
        return reject("numbers");
    }
    let function = |w: &[String]| w.iter().all(|w| FUNCTION_WORDS.contains(&w.as_str()));
    if function(&spun_words) && function(&original_words) {
        return reject("function words");
    }
    if originals > 1 {
        return reject(&format!("the spun form stands for {originals} originals"));
    }
    if c.clean_uses > 0 {
        return reject(&format!(
            "the original texts use it {}",
            times(c.clean_uses)
        ));
    }
    let single = spun_words.len() == 1;
    if single && c.frequency >= VERY_COMMON {
        return reject("a very common word");
    }
    let rare = if single {
        c.frequency < RARE
    } else {
        c.frequency == 0
    };
    if rare {
        Proposal::Entry(Tier::Fix)
    } else if single && c.frequency >= COMMON && c.count < 2 {
        reject("a common word, seen once")
    } else {
        Proposal::Entry(Tier::Context)
    }
}

/// Writes `candidates` as a dictionary: each proposed entry as a line, each
/// rejected one as a comment with its reason, and the evidence in the note
/// column. `source` prefixes the provenance column (`mined` gives
/// `mined:story-1,story-2`; an empty one leaves the names as they are).
pub fn write_dictionary(candidates: &[Candidate], source: &str) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# Mined by unspin from aligned spun and original texts. Columns: spun, original,\n\
         # tier, source, forms, note (the evidence). Rejected candidates are comments, with\n\
         # the reason. Review before use: load with `unspin -d FILE`."
    );
    for c in candidates {
        let sources: Vec<&str> = c.sources.iter().map(String::as_str).collect();
        let contexts: Vec<String> = c
            .contexts
            .iter()
            .take(3)
            .map(|((before, after), n)| format!("{}_{} ×{n}", or_dash(before), or_dash(after)))
            .collect();
        let note = format!(
            "seen {} in {}; neighbours {}; English frequency {}",
            times(c.count),
            count_of(c.sources.len(), "text", "texts"),
            contexts.join(", "),
            c.frequency
        );
        let provenance = if source.is_empty() {
            sources.join(",")
        } else {
            format!("{source}:{}", sources.join(","))
        };
        match &c.proposal {
            Proposal::Entry(tier) => {
                let _ = writeln!(
                    out,
                    "{}\t{}\t{tier}\t{provenance}\t\t{note}",
                    c.spun, c.original
                );
            }
            Proposal::Rejected(why) => {
                let _ = writeln!(
                    out,
                    "# {}\t{}\t-\t{provenance}\t\trejected: {why}; {note}",
                    c.spun, c.original
                );
            }
        }
    }
    out
}

fn or_dash(word: &str) -> &str {
    if word.is_empty() {
        "-"
    } else {
        word
    }
}

fn times(n: usize) -> String {
    if n == 1 {
        "once".to_string()
    } else {
        format!("{n} times")
    }
}

fn count_of(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mined(pairs: &[(&str, &str, &str)]) -> Vec<Candidate> {
        let unspin = Unspinner::builder().builtin(false).build().unwrap();
        let mut miner = Miner::new(&unspin);
        for (source, spun, original) in pairs {
            miner.add_pair(source, spun, original);
        }
        miner.candidates()
    }

    fn proposal<'c>(candidates: &'c [Candidate], spun: &str, original: &str) -> &'c Proposal {
        &candidates
            .iter()
            .find(|c| c.spun == spun && fold_phrase(&c.original) == original)
            .unwrap_or_else(|| panic!("no candidate {spun:?} -> {original:?}"))
            .proposal
    }

    #[test]
    fn the_evidence_tiers_and_rejects() {
        let candidates = mined(&[
            (
                "a",
                "The Associated Push reported 12 deaths till Monday. She was wed.",
                "The Associated Press reported 11 deaths until Monday. She was married.",
            ),
            ("b", "He was wed in May.", "He was engaged in May."),
        ]);
        // A word too common alone is rejoined with the neighbour it was
        // swapped beside.
        assert_eq!(
            proposal(&candidates, "push", "press"),
            &Proposal::Rejected("a common word, seen once".into())
        );
        assert_eq!(
            proposal(&candidates, "associated push", "associated press"),
            &Proposal::Entry(Tier::Fix)
        );
        assert_eq!(
            proposal(&candidates, "12", "11"),
            &Proposal::Rejected("numbers".into())
        );
        assert_eq!(
            proposal(&candidates, "till", "until"),
            &Proposal::Rejected("function words".into())
        );
        // One spun word, two originals: no entry either way.
        assert_eq!(
            proposal(&candidates, "wed", "married"),
            &Proposal::Rejected("the spun form stands for 2 originals".into())
        );
    }

    #[test]
    fn a_rejoined_word_is_dropped_when_the_word_alone_is_an_entry() {
        let candidates = mined(&[
            (
                "a",
                "Officials stated the plan failed.",
                "Officials said the plan failed.",
            ),
            ("b", "She stated it.", "She said it."),
        ]);
        assert_eq!(
            proposal(&candidates, "stated", "said"),
            &Proposal::Entry(Tier::Context)
        );
        assert!(matches!(
            proposal(&candidates, "officials stated", "officials said"),
            Proposal::Rejected(why) if why.starts_with("the word alone is proposed")
        ));
    }

    #[test]
    fn a_proposal_whose_original_is_a_spun_phrase_is_rejected() {
        let unspin = Unspinner::builder()
            .builtin(false)
            .dictionary_str("d.tsv", "abode\thome\tcontext\ttest\n")
            .build()
            .unwrap();
        let mut miner = Miner::new(&unspin);
        for source in ["a", "b"] {
            miner.add_pair(source, "A dwelling stood there.", "A abode stood there.");
        }
        let dwelling = miner
            .candidates()
            .into_iter()
            .find(|c| c.spun == "dwelling")
            .unwrap();
        assert_eq!(
            dwelling.proposal,
            Proposal::Rejected("its original holds the spun phrase \"abode\" (d.tsv:1)".into())
        );
    }

    #[test]
    fn a_proposal_inside_an_original_of_the_dictionaries_is_rejected() {
        let unspin = Unspinner::builder()
            .builtin(false)
            .dictionary_str("d.tsv", "stronghold\tcastle\tcontext\ttest\n")
            .build()
            .unwrap();
        let mut miner = Miner::new(&unspin);
        for source in ["a", "b"] {
            miner.add_pair(
                source,
                "They kept the castle safe.",
                "They kept the keep safe.",
            );
        }
        let castle = miner
            .candidates()
            .into_iter()
            .find(|c| c.spun == "castle")
            .unwrap();
        assert_eq!(
            castle.proposal,
            Proposal::Rejected("the original of d.tsv:1 holds it".into())
        );
    }
}
