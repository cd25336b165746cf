//! Whether two documents are one story, one of them spun, and which.
//!
//! Two candidates from the fingerprints are aligned word by word (a Myers
//! diff of their folded words, as [`crate::mine::align`] does). They are
//! one story when most words align; the story was spun when many short
//! stretches differ one for one ("mentioned" for "said", "Fox Information"
//! for "Fox News"), which a person's light edit does not do; and the spun
//! side is the one the evidence points to:
//!
//! * **known substitutions**: stretches where one side is a spun phrase of
//!   the dictionaries and the other its original;
//! * **the spin probability** of each side ([`crate::Score`]);
//! * **English frequency**: a spinner's thesaurus picks rarer words than
//!   the reporter's ("commenced" for "began"), so the side whose swapped
//!   words are rarer in the bundled frequency lists is the spun one.
//!
//! Each gives a vote, weighed as [`Direction::weight`] says; no vote, or
//! votes that cancel, leave the pair undecided, and it is not mined. The
//! dictionaries must have a say: rarer words alone do not make a side
//! spun ([`Direction::evidence`]).

use similar::{capture_diff_slices_deadline, Algorithm, DiffTag};
use std::time::{Duration, Instant};

use crate::dict::frequencies_builtin::FREQUENCIES;
use crate::engine::unspinner::Unspinner;
use crate::mine::align::{fold, MAX_WORDS};
use crate::text::words;

/// Documents longer than this (in words) are not aligned: a story is a few
/// thousand words, and the diff's cost grows with the product of lengths
/// where they differ.
pub const MAX_PAIR_WORDS: usize = 20_000;
/// The least share of the longer document's words that must align for two
/// documents to be one story.
pub const MIN_SHARED: f64 = 0.5;
/// The least share of a document's words in one-for-one stretches of at
/// most [`MAX_WORDS`] words for the pair to count as spun: the development
/// stories' spinners change 6% to 30% of the words, a person editing a
/// story lightly far fewer in such stretches.
pub const MIN_SWAPPED: f64 = 0.04;
/// The least number of such stretches.
pub const MIN_SWAPS: usize = 5;
/// The least share of the first document's changed words (those outside
/// the aligned stretches) that lie in one-for-one swaps. A spinner changes
/// words in place, so in the development stories 58% to 90% of the
/// changed words are swaps; two tellings of one story by people (the
/// parallel passages of the Gospels, say) add, drop and reorder, and stay
/// under 40%.
pub const MIN_SWAP_SHARE: f64 = 0.5;

/// How long one alignment may take before the diff settles for a coarser
/// answer.
const DEADLINE: Duration = Duration::from_millis(200);

/// What comparing two documents found.
#[derive(Debug, Clone, PartialEq)]
pub struct Comparison {
    /// The share of the longer document's words that align.
    pub shared: f64,
    /// One-for-one stretches of at most [`MAX_WORDS`] words a side.
    pub swaps: usize,
    /// The swaps as the first document has them.
    pub first: Swaps,
    /// The swaps as the second document has them.
    pub second: Swaps,
    /// The evidence on which side was spun.
    pub direction: Direction,
}

/// How much of one side of a pair its swaps are.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Swaps {
    /// The share of the side's words in swaps.
    pub swapped: f64,
    /// The share of the side's changed words (those that do not align)
    /// that are in swaps.
    pub swap_share: f64,
}

impl Swaps {
    /// Whether a side with these swaps reads as a spinner's work: enough
    /// swaps, and changes that are mostly swaps.
    fn spun_like(&self, swaps: usize) -> bool {
        swaps >= MIN_SWAPS && self.swapped >= MIN_SWAPPED && self.swap_share >= MIN_SWAP_SHARE
    }
}

/// The votes on which side of a pair was spun: positive for the first,
/// negative for the second.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Direction {
    /// Stretches where the first side is a known spun phrase of the
    /// second, less those where the second is a known spun phrase of the
    /// first.
    pub known: i64,
    /// The first side's spin probability less the second's.
    pub probability: f64,
    /// The mean, over one-word swaps, of ln(frequency of the second side's
    /// word / frequency of the first's): positive when the first side's
    /// words are rarer.
    pub rarity: f64,
}

impl Direction {
    /// The votes summed: each known substitution counts 1, a difference of
    /// spin probability counts 3 times itself, and the rarity counts 2
    /// times its mean log ratio (bounded to ±2). Positive: the first side
    /// was spun.
    pub fn weight(&self) -> f64 {
        self.known as f64 + 3.0 * self.probability + 2.0 * self.rarity.clamp(-2.0, 2.0)
    }

    /// The dictionaries' votes alone (known substitutions, and 3 times the
    /// difference of spin probability), positive for the first side. Rarer
    /// words alone do not make a text spun: two people telling one story
    /// (the parallel passages of the Gospels) also differ in rarity, so a
    /// side is only found spun with at least [`MIN_EVIDENCE`] of these.
    pub fn evidence(&self) -> f64 {
        self.known as f64 + 3.0 * self.probability
    }
}

/// The least dictionary evidence ([`Direction::evidence`]) for a side to be
/// found spun: one known substitution, or a spin probability 0.2 above the
/// other side's.
pub const MIN_EVIDENCE: f64 = 0.6;

/// The verdict on a pair of documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// The first document is a spun copy of the second.
    FirstSpun,
    /// The second document is a spun copy of the first.
    SecondSpun,
    /// One story, but not spun: too few one-for-one swaps, or too few of
    /// the changes are swaps.
    NotSpun,
    /// One story, spun, but the evidence does not say which side.
    Undecided,
    /// Not one story: too few words align.
    Different,
}

/// The least |weight| of the direction votes that decides a pair.
pub const MIN_DIRECTION: f64 = 0.5;

impl Comparison {
    /// The verdict the thresholds give. The swaps are judged on the side
    /// the evidence finds spun, so the verdict of the pair seen the other
    /// way round is the mirror of this one ([`Comparison::flipped`]).
    pub fn verdict(&self) -> Verdict {
        let (w, e) = (self.direction.weight(), self.direction.evidence());
        let first = self.first.spun_like(self.swaps);
        let second = self.second.spun_like(self.swaps);
        if self.shared < MIN_SHARED {
            Verdict::Different
        } else if w >= MIN_DIRECTION && e >= MIN_EVIDENCE {
            if first {
                Verdict::FirstSpun
            } else {
                Verdict::NotSpun
            }
        } else if w <= -MIN_DIRECTION && e <= -MIN_EVIDENCE {
            if second {
                Verdict::SecondSpun
            } else {
                Verdict::NotSpun
            }
        } else if first || second {
            Verdict::Undecided
        } else {
            Verdict::NotSpun
        }
    }

    /// The comparison seen from the other side: the sides exchanged, the
    /// votes reversed.
    pub fn flipped(&self) -> Comparison {
        Comparison {
            shared: self.shared,
            swaps: self.swaps,
            first: self.second,
            second: self.first,
            direction: Direction {
                known: -self.direction.known,
                probability: -self.direction.probability,
                rarity: -self.direction.rarity,
            },
        }
    }
}

/// A word of a document: its folded form and its text.
struct Word<'t> {
    folded: String,
    text: &'t str,
}

fn words_of(text: &str) -> Vec<Word<'_>> {
    words::spans(text)
        .map(|span| Word {
            folded: fold(&text[span.clone()]),
            text: &text[span],
        })
        .collect()
}

/// Compares two documents; `None` when either is longer than
/// [`MAX_PAIR_WORDS`] or has no words.
pub fn compare(unspinner: &Unspinner, first: &str, second: &str) -> Option<Comparison> {
    let probabilities = (
        unspinner.score(first).probability(),
        unspinner.score(second).probability(),
    );
    compare_scored(unspinner, first, second, probabilities)
}

/// [`compare`], with each document's spin probability computed already (a
/// document met in many pairs is scored once).
pub fn compare_scored(
    unspinner: &Unspinner,
    first: &str,
    second: &str,
    probabilities: (f64, f64),
) -> Option<Comparison> {
    let (a, b) = (words_of(first), words_of(second));
    if a.is_empty() || b.is_empty() || a.len() > MAX_PAIR_WORDS || b.len() > MAX_PAIR_WORDS {
        return None;
    }
    let af: Vec<&str> = a.iter().map(|w| w.folded.as_str()).collect();
    let bf: Vec<&str> = b.iter().map(|w| w.folded.as_str()).collect();
    let deadline = Instant::now() + DEADLINE;
    let (mut equal, mut swaps, mut swapped_a, mut swapped_b) = (0, 0, 0, 0);
    let mut known = 0i64;
    let (mut rarity, mut rare_swaps) = (0.0, 0usize);
    for op in capture_diff_slices_deadline(Algorithm::Myers, &af, &bf, Some(deadline)) {
        let (tag, ra, rb) = op.as_tag_tuple();
        match tag {
            DiffTag::Equal => equal += ra.len(),
            DiffTag::Replace
                if ra.len() <= MAX_WORDS && rb.len() <= MAX_WORDS && !ra.is_empty() =>
            {
                swaps += 1;
                swapped_a += ra.len();
                swapped_b += rb.len();
                let phrase =
                    |words: &[Word<'_>]| words.iter().map(|w| w.text).collect::<Vec<_>>().join(" ");
                let (pa, pb) = (phrase(&a[ra.clone()]), phrase(&b[rb.clone()]));
                let (fa, fb) = (fold_all(&pa), fold_all(&pb));
                if unspinner
                    .lookup(&pa)
                    .is_some_and(|e| fold_all(e.original()) == fb)
                {
                    known += 1;
                }
                if unspinner
                    .lookup(&pb)
                    .is_some_and(|e| fold_all(e.original()) == fa)
                {
                    known -= 1;
                }
                if ra.len() == 1 && rb.len() == 1 {
                    let (ca, cb) = (
                        FREQUENCIES.unigram(&a[ra.start].folded),
                        FREQUENCIES.unigram(&b[rb.start].folded),
                    );
                    if ca > 0 && cb > 0 {
                        rarity += (cb as f64 / ca as f64).ln();
                        rare_swaps += 1;
                    }
                }
            }
            _ => {}
        }
    }
    let longer = a.len().max(b.len());
    let side = |swapped: usize, words: usize| Swaps {
        swapped: swapped as f64 / words as f64,
        swap_share: swapped as f64 / words.saturating_sub(equal).max(1) as f64,
    };
    Some(Comparison {
        shared: equal as f64 / longer as f64,
        swaps,
        first: side(swapped_a, a.len()),
        second: side(swapped_b, b.len()),
        direction: Direction {
            known,
            probability: probabilities.0 - probabilities.1,
            rarity: if rare_swaps == 0 {
                0.0
            } else {
                rarity / rare_swaps as f64
            },
        },
    })
}

fn fold_all(phrase: &str) -> String {
    words::spans(phrase)
        .map(|span| fold(&phrase[span]))
        .collect::<Vec<_>>()
        .join(" ")
}
