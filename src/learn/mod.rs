//! Learning a spinner's table from a corpus.
//!
//! Spam sites republish wire stories that also exist, unspun, elsewhere in
//! the same crawl. A [`Learner`] holds a corpus, finds in it the documents
//! that are one story told twice, one copy spun, and mines what the spinner
//! did with the [`Miner`] of `--mine`:
//!
//! 1. **Exact duplicates** are set aside, so a page crawled a thousand
//!    times costs one.
//! 2. **Fingerprints** ([`fingerprint`]): each document's MinHash signature
//!    over pairs of its *immutables* (numbers and names, which spinners
//!    keep); documents that share a band of it are candidates.
//! 3. **Comparison** ([`pair`]): each candidate pair is aligned word by
//!    word; it is kept when most words align, enough short stretches were
//!    swapped one for one, and the evidence says which side is spun.
//! 4. **Mining**: each spun document with its best original goes to the
//!    [`Miner`]; every other document judged clean (not found spun, not an
//!    original) counts against the candidates: a spun phrase the clean
//!    documents use is rejected unless spinners use it far more often
//!    ([`SPUN_TO_CLEAN_RATIO`]).
//!
//! ```
//! let unspin = unspin::Unspinner::new();
//! let mut learner = unspin::Learner::new(&unspin);
//! let original = "On Monday, President Donald Trump told Fox News in Washington that 3,000 \
//!     tests had arrived from Germany. Governor Andrew Cuomo of New York said 40 hospitals \
//!     in Albany and Buffalo were ready, and Mayor Bill de Blasio said the city would \
//!     begin testing on March 12 with 500 kits from Roche.";
//! let spun = "On Monday, President Donald Trump instructed Fox Information in Washington that 3,000 \
//!     assessments had arrived from Germany. Governor Andrew Cuomo of New York stated 40 hospitals \
//!     in Albany and Buffalo have been prepared, and Mayor Bill de Blasio mentioned the town would \
//!     commence testing on March 12 with 500 kits from Roche.";
//! learner.add("wire/story.txt", original);
//! learner.add("spam/story.txt", spun);
//! learner.add("other.txt", "A different text, with nothing of the story in it at all.");
//! let learned = learner.learn();
//! assert_eq!(learned.pairs.len(), 1);
//! assert_eq!(learned.name(learned.pairs[0].spun), "spam/story.txt");
//! assert!(learned.entries.iter().any(|c| c.spun == "fox information" && c.original == "Fox News"));
//! ```

pub mod fingerprint;
pub mod pair;

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::fmt::Write;

use rayon::prelude::*;

use crate::engine::unspinner::Unspinner;
use crate::mine::{write_dictionary, Candidate, Miner, PhraseCounter, Proposal};
use crate::score::Verdict as SpinVerdict;
use crate::tier::Tier;
use fingerprint::{bands, similarity, Fingerprinter};
use pair::{compare_scored, Comparison, Verdict};

/// The least estimated similarity of two fingerprints for their documents
/// to be compared.
pub const MIN_SIMILARITY: f64 = 0.2;

/// A spun document and its original, found in a corpus.
#[derive(Debug, Clone, PartialEq)]
pub struct Pair {
    /// The spun document's index, in the order documents were added.
    pub spun: usize,
    /// The original's index.
    pub original: usize,
    /// What comparing them found.
    pub comparison: Comparison,
}

/// What [`Learner::learn`] found.
#[derive(Debug, Clone)]
pub struct Learned {
    names: Vec<String>,
    /// Documents given.
    pub documents: usize,
    /// Documents that repeat an earlier one exactly (set aside).
    pub duplicates: usize,
    /// Documents with too few immutables to fingerprint.
    pub unfingerprinted: usize,
    /// Bands shared by more than [`MAX_CROWDED_BAND`] documents (skipped).
    pub crowded_bands: usize,
    /// Candidate pairs aligned.
    pub compared: usize,
    /// Spun documents with their originals.
    pub pairs: Vec<Pair>,
    /// Pairs that are one story but not spun (a person's edit, a
    /// correction): by document indices.
    pub not_spun: Vec<(usize, usize)>,
    /// Pairs that look spun but whose spun side the evidence does not
    /// tell.
    pub undecided: Vec<(usize, usize)>,
    /// What the pairs teach: proposed entries and rejected candidates.
    pub entries: Vec<Candidate>,
}

impl Learned {
    /// The name document `index` was added with.
    pub fn name(&self, index: usize) -> &str {
        self.names.get(index).map_or("", String::as_str)
    }

    /// The learned dictionary in the dictionary format: proposed entries as
    /// lines, rejected candidates as comments, each with its evidence and
    /// the spun documents it came from.
    pub fn dictionary(&self) -> String {
        write_dictionary(&self.entries, "learned")
    }

    /// A report for people: the corpus, the pairs, the substitutions by
    /// frequency, and the candidates that collide with clean usage.
    pub fn report(&self) -> String {
        let mut out = String::new();
        let proposed = |tier: &str| {
            self.entries
                .iter()
                .filter(|c| matches!(&c.proposal, Proposal::Entry(t) if t.as_str() == tier))
                .count()
        };
        let _ = writeln!(
            out,
            "{} ({} set aside, {} too short in names and numbers to fingerprint, {} skipped); {} aligned",
            plural(self.documents, "document", "documents"),
            plural(self.duplicates, "exact duplicate", "exact duplicates"),
            self.unfingerprinted,
            plural(self.crowded_bands, "crowded band", "crowded bands"),
            plural(self.compared, "candidate pair", "candidate pairs")
        );
        let _ = writeln!(
            out,
            "{} paired with {}; {} one story but not spun; {} spun with no clear side",
            plural(self.pairs.len(), "spun document", "spun documents"),
            if self.pairs.len() == 1 {
                "its original"
            } else {
                "their originals"
            },
            plural(self.not_spun.len(), "pair", "pairs"),
            plural(self.undecided.len(), "pair", "pairs")
        );
        for p in &self.pairs {
            let c = &p.comparison;
            let _ = writeln!(
                out,
                "  spun {} <- original {}: {:.0}% of words aligned, {} ({:.0}% of the spun words); evidence: {} known, spin probability {:+.2}, rarity {:+.2}",
                self.name(p.spun),
                self.name(p.original),
                100.0 * c.shared,
                plural(c.swaps, "swap", "swaps"),
                100.0 * c.first.swapped,
                c.direction.known,
                c.direction.probability,
                c.direction.rarity
            );
        }
        for (what, list) in [("not spun", &self.not_spun), ("undecided", &self.undecided)] {
            for (a, b) in list.iter().take(LISTED) {
                let _ = writeln!(out, "  {what}: {} ~ {}", self.name(*a), self.name(*b));
            }
            if list.len() > LISTED {
                let _ = writeln!(out, "  {what}: {} more", list.len() - LISTED);
            }
        }
        let _ = writeln!(
            out,
            "{}: {}, {}, {} rejected",
            plural(self.entries.len(), "substitution", "substitutions"),
            plural(proposed("fix"), "fix entry", "fix entries"),
            plural(proposed("context"), "context entry", "context entries"),
            self.entries
                .iter()
                .filter(|c| matches!(c.proposal, Proposal::Rejected(_)))
                .count()
        );
        let mut by_count: Vec<&Candidate> = self.entries.iter().collect();
        by_count.sort_by(|a, b| b.count.cmp(&a.count).then(a.spun.cmp(&b.spun)));
        let _ = writeln!(out, "most frequent substitutions:");
        for c in by_count.iter().take(LISTED) {
            let _ = writeln!(
                out,
                "  {} -> {}: {} in {} ({})",
                c.spun,
                c.original,
                plural(c.count, "time", "times"),
                plural(c.sources.len(), "document", "documents"),
                proposal_word(&c.proposal)
            );
        }
        let clean: Vec<&&Candidate> = by_count.iter().filter(|c| c.clean_uses > 0).collect();
        let _ = writeln!(
            out,
            "{} whose spun phrase the originals or the clean documents also use (counted against them):",
            plural(clean.len(), "candidate", "candidates")
        );
        for c in clean.iter().take(LISTED) {
            let _ = writeln!(
                out,
                "  {} -> {}: {} ({})",
                c.spun,
                c.original,
                plural(c.clean_uses, "clean use", "clean uses"),
                proposal_word(&c.proposal)
            );
        }
        out
    }
}

/// Lines of each list the report shows before it says how many more.
const LISTED: usize = 20;

/// `n` and the noun that agrees with it.
fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn proposal_word(p: &Proposal) -> String {
    match p {
        Proposal::Entry(tier) => tier.as_str().to_string(),
        Proposal::Rejected(why) => format!("rejected: {why}"),
    }
}

/// Collects a corpus and learns from it; see the [module docs](self).
pub struct Learner<'u> {
    unspinner: &'u Unspinner,
    names: Vec<String>,
    texts: Vec<String>,
}

impl std::fmt::Debug for Learner<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Learner")
            .field("documents", &self.texts.len())
            .finish()
    }
}

impl<'u> Learner<'u> {
    /// A learner that judges spin and mines with the dictionaries of
    /// `unspinner`.
    pub fn new(unspinner: &'u Unspinner) -> Learner<'u> {
        Learner {
            unspinner,
            names: Vec::new(),
            texts: Vec::new(),
        }
    }

    /// Adds a document, named `name` in the report and the provenance.
    pub fn add(&mut self, name: impl Into<String>, text: impl Into<String>) {
        self.names.push(name.into());
        self.texts.push(text.into());
    }

    /// Documents added so far.
    pub fn len(&self) -> usize {
        self.texts.len()
    }

    /// Whether no document was added.
    pub fn is_empty(&self) -> bool {
        self.texts.is_empty()
    }

    /// Pairs the documents and mines the pairs; see the [module
    /// docs](self). Fingerprints and alignments run on rayon's threads.
    pub fn learn(&self) -> Learned {
        let texts = &self.texts;
        // 1. Exact duplicates: the first of each is kept.
        let mut seen: HashSet<&str> = HashSet::new();
        let mut kept = Vec::new();
        for (i, text) in texts.iter().enumerate() {
            if seen.insert(text.trim()) {
                kept.push(i);
            }
        }
        let duplicates = texts.len() - kept.len();
        // 2. Fingerprints and their bands.
        let fingerprinter = Fingerprinter::new();
        let signatures: Vec<Option<Vec<u32>>> = kept
            .par_iter()
            .map(|&i| fingerprinter.signature(&texts[i]))
            .collect();
        let unfingerprinted = signatures.iter().filter(|s| s.is_none()).count();
        let mut buckets: HashMap<u64, Vec<usize>> = HashMap::new();
        for (k, signature) in signatures.iter().enumerate() {
            if let Some(signature) = signature {
                for key in bands(signature) {
                    buckets.entry(key).or_default().push(k);
                }
            }
        }
        let mut crowded_bands = 0;
        let mut candidates: HashSet<(usize, usize)> = HashSet::new();
        for members in buckets.values() {
            if members.len() > MAX_CROWDED_BAND {
                crowded_bands += 1;
                continue;
            }
            let sigs: Vec<&[u32]> = members
                .iter()
                .map(|&k| signatures[k].as_deref().unwrap_or_default())
                .collect();
            for (x, y) in band_pairs(&sigs) {
                let (a, b) = (members[x], members[y]);
                candidates.insert((a.min(b), a.max(b)));
            }
        }
        let mut candidates: Vec<(usize, usize)> = candidates
            .into_iter()
            .filter(|&(a, b)| match (&signatures[a], &signatures[b]) {
                (Some(x), Some(y)) => similarity(x, y) >= MIN_SIMILARITY,
                _ => false,
            })
            .map(|(a, b)| (kept[a], kept[b]))
            .collect();
        candidates.sort_unstable();
        // 3. Comparison: each document scored once; each pair aligned in
        // the order of its texts, so the order documents were added in does
        // not matter.
        let involved: BTreeSet<usize> = candidates.iter().flat_map(|&(a, b)| [a, b]).collect();
        let involved: Vec<usize> = involved.into_iter().collect();
        let probabilities: HashMap<usize, f64> = involved
            .par_iter()
            .map(|&i| (i, self.unspinner.score(&texts[i]).probability()))
            .collect();
        let compared: Vec<((usize, usize), Comparison)> = candidates
            .par_iter()
            .filter_map(|&(a, b)| {
                let (x, y) = if texts[a] <= texts[b] { (a, b) } else { (b, a) };
                let c = compare_scored(
                    self.unspinner,
                    &texts[x],
                    &texts[y],
                    (probabilities[&x], probabilities[&y]),
                )?;
                Some(if x == a {
                    ((a, b), c)
                } else {
                    ((a, b), c.flipped())
                })
            })
            .collect();
        let mut spun_with: BTreeMap<usize, Vec<(usize, Comparison)>> = BTreeMap::new();
        let (mut not_spun, mut undecided) = (Vec::new(), Vec::new());
        for ((a, b), comparison) in &compared {
            match comparison.verdict() {
                Verdict::FirstSpun => spun_with
                    .entry(*a)
                    .or_default()
                    .push((*b, comparison.clone())),
                Verdict::SecondSpun => spun_with
                    .entry(*b)
                    .or_default()
                    .push((*a, comparison.flipped())),
                Verdict::NotSpun => not_spun.push((*a, *b)),
                Verdict::Undecided => undecided.push((*a, *b)),
                Verdict::Different => {}
            }
        }
        // Each spun document's best original: the one most of its words
        // align with, and not itself found spun.
        let spun: HashSet<usize> = spun_with.keys().copied().collect();
        let mut pairs = Vec::new();
        for (s, options) in &spun_with {
            let best = options
                .iter()
                .filter(|(o, _)| !spun.contains(o))
                .max_by(|x, y| x.1.shared.total_cmp(&y.1.shared).then(y.0.cmp(&x.0)));
            if let Some((o, comparison)) = best {
                pairs.push(Pair {
                    spun: *s,
                    original: *o,
                    comparison: comparison.clone(),
                });
            }
        }
        // 4. Mining, with every document not found spun, nor an original,
        // and judged clean, as clean text.
        let mined: Vec<(&str, &str, &str)> = pairs
            .iter()
            .map(|p| {
                (
                    self.names[p.spun].as_str(),
                    texts[p.spun].as_str(),
                    texts[p.original].as_str(),
                )
            })
            .collect();
        // One miner aligns the pairs once: its phrases are counted in the
        // clean documents, then it finishes with those counts.
        let mining = Mining::new(self.unspinner, &mined);
        let counter = PhraseCounter::new(mining.spun_phrases().iter().map(String::as_str));
        let originals: HashSet<usize> = pairs.iter().map(|p| p.original).collect();
        let clean_uses = kept
            .par_iter()
            .filter(|i| !spun.contains(i) && !originals.contains(i))
            .filter(|&&i| self.unspinner.score(&texts[i]).verdict() == SpinVerdict::Clean)
            .map(|&i| CleanUses::of(&counter, &texts[i]))
            .reduce(CleanUses::default, |mut a, b| {
                a.merge(b);
                a
            });
        let entries = mining.finish(clean_uses);
        Learned {
            names: self.names.clone(),
            documents: texts.len(),
            duplicates,
            unfingerprinted,
            crowded_bands,
            compared: compared.len(),
            pairs,
            not_spun,
            undecided,
            entries,
        }
    }
}

/// The spun phrases the pairs' substitutions have, to count in clean text
/// (with [`PhraseCounter`]) for [`mine`]. `pairs` are (name, spun text,
/// original text).
pub fn spun_phrases(unspinner: &Unspinner, pairs: &[(&str, &str, &str)]) -> Vec<String> {
    Mining::new(unspinner, pairs).spun_phrases()
}

/// Mines the pairs (name, spun text, original text) as [`Learner::learn`]
/// does, with the uses of their spun phrases counted in the corpus's clean
/// documents, wherever they are: the step a distributed run ends with, on
/// the machine that writes the dictionary.
pub fn mine(
    unspinner: &Unspinner,
    pairs: &[(&str, &str, &str)],
    clean: CleanUses,
) -> Vec<Candidate> {
    Mining::new(unspinner, pairs).finish(clean)
}

/// The pairs aligned once, between asking which phrases to count in clean
/// text and weighing the counts.
struct Mining<'u> {
    miner: Miner<'u>,
    /// Words of the spun texts.
    spun_words: usize,
    /// The original (trimmed) behind each spun document: reposts of one
    /// spun copy are one piece of evidence.
    original_of: HashMap<String, String>,
}

impl<'u> Mining<'u> {
    fn new(unspinner: &'u Unspinner, pairs: &[(&str, &str, &str)]) -> Mining<'u> {
        let mut miner = Miner::new(unspinner);
        let mut spun_words = 0;
        let mut original_of = HashMap::new();
        for (name, spun, original) in pairs {
            miner.add_pair(name, spun, original);
            spun_words += crate::text::words::count_words(spun);
            original_of.insert(name.to_string(), original.trim().to_string());
        }
        Mining {
            miner,
            spun_words,
            original_of,
        }
    }

    fn spun_phrases(&self) -> Vec<String> {
        self.miner.spun_phrases()
    }

    /// The candidates, with the clean uses weighed against how often the
    /// spinners used each phrase.
    fn finish(mut self, clean: CleanUses) -> Vec<Candidate> {
        let swaps = self.miner.swap_counts();
        let mut outweighed = HashSet::new();
        let mut weighed = HashMap::new();
        for (phrase, uses) in clean.uses {
            let spun_rate =
                swaps.get(&phrase).copied().unwrap_or(0) as f64 / self.spun_words.max(1) as f64;
            let clean_rate = uses as f64 / clean.words.max(1) as f64;
            if spun_rate >= SPUN_TO_CLEAN_RATIO * clean_rate {
                outweighed.insert(phrase);
            } else {
                weighed.insert(phrase, uses);
            }
        }
        self.miner.add_clean_uses(weighed);
        let mut candidates = tiered(self.miner.candidates(), &self.original_of);
        for c in &mut candidates {
            if outweighed.contains(&PhraseCounter::key(&c.spun))
                && c.proposal == Proposal::Entry(Tier::Fix)
            {
                c.proposal = Proposal::Entry(Tier::Context);
            }
        }
        candidates
    }
}

/// Uses of a phrase in the corpus's clean documents, and how many words
/// those documents hold: what the learning weighs a candidate against.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CleanUses {
    /// Uses of each spun phrase, keyed as [`PhraseCounter`] keys them.
    pub uses: HashMap<String, usize>,
    /// Words in the clean documents counted.
    pub words: usize,
}

impl CleanUses {
    /// The uses `counter` counts in one clean document, and its words.
    pub fn of(counter: &PhraseCounter, text: &str) -> CleanUses {
        CleanUses {
            uses: counter.count(text),
            words: crate::text::words::count_words(text),
        }
    }

    /// Adds another part of the corpus's counts (a reduce step).
    pub fn merge(&mut self, other: CleanUses) {
        for (phrase, n) in other.uses {
            *self.uses.entry(phrase).or_default() += n;
        }
        self.words += other.words;
    }
}

/// How much more often a phrase must be a spinner's swap in the spun
/// documents than a word of the clean ones, per word, for its clean uses
/// to be outweighed: then it is proposed as `context` (repaired only in
/// text judged spun) instead of rejected. A big corpus uses nearly every
/// word somewhere; what matters is whether spinners put it in far more
/// often than writers do. (20 was tried first: on the held-out stories it
/// repaired more, 0.164 against 0.148, at a precision of 0.870 against
/// 0.889; precision comes first.)
pub const SPUN_TO_CLEAN_RATIO: f64 = 50.0;

/// The learning's own tiering on top of the miner's: a `fix` entry needs
/// spun documents of two originals or more. One document's swap ("four persons" for
/// "four people") may be the spinner's whim in a phrase clean English
/// also uses, so it stays `context`, repaired only in text judged spun.
fn tiered(mut candidates: Vec<Candidate>, original_of: &HashMap<String, String>) -> Vec<Candidate> {
    for c in &mut candidates {
        let originals: HashSet<&str> = c
            .sources
            .iter()
            .map(|s| original_of.get(s).map_or(s.as_str(), String::as_str))
            .collect();
        if c.proposal == Proposal::Entry(Tier::Fix) && originals.len() < MIN_FIX_DOCUMENTS {
            c.proposal = Proposal::Entry(Tier::Context);
        }
    }
    candidates
}

/// The spun documents, of different originals, a learned `fix` entry must
/// be seen in (one spun copy posted twice counts once).
pub const MIN_FIX_DOCUMENTS: usize = 2;

/// The pairs of a band's members (by their signatures, in the order
/// documents were added) to compare: every pair of a band of at most
/// [`MAX_BAND_DOCUMENTS`]; in a crowded band (many near-copies of one page,
/// a story on a hundred sites), each member with its [`NEIGHBOURS`] most
/// similar others, so the spun copy still meets its originals; none in a
/// band of more than [`MAX_CROWDED_BAND`], which is boilerplate.
///
/// ```
/// use unspin::learn::band_pairs;
/// let a = [1, 2, 3, 4];
/// assert_eq!(band_pairs(&[&a[..], &a[..], &a[..]]), [(0, 1), (0, 2), (1, 2)]);
/// ```
pub fn band_pairs(signatures: &[&[u32]]) -> Vec<(usize, usize)> {
    let n = signatures.len();
    if !(2..=MAX_CROWDED_BAND).contains(&n) {
        return Vec::new();
    }
    if n <= MAX_BAND_DOCUMENTS {
        return (0..n)
            .flat_map(|a| (a + 1..n).map(move |b| (a, b)))
            .collect();
    }
    let mut pairs = BTreeSet::new();
    for a in 0..n {
        let mut near: Vec<(f64, usize)> = (0..n)
            .filter(|&b| b != a)
            .map(|b| (similarity(signatures[a], signatures[b]), b))
            .filter(|&(sim, _)| sim >= MIN_SIMILARITY)
            .collect();
        near.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)));
        for &(_, b) in near.iter().take(NEIGHBOURS) {
            pairs.insert((a.min(b), a.max(b)));
        }
    }
    pairs.into_iter().collect()
}

/// A band of more members than this gives each member only its nearest
/// neighbours ([`band_pairs`]).
pub const MAX_BAND_DOCUMENTS: usize = 64;
/// A band of more members than this gives no candidates.
pub const MAX_CROWDED_BAND: usize = 1_000;
/// The neighbours each member of a crowded band is compared with.
pub const NEIGHBOURS: usize = 8;
