//! The signals of spinning in a text, counted from its matches and its
//! words: what a [`Score`] is made of.

use std::ops::Range;

use crate::dict::compile::Compiled;
use crate::engine::article;
use crate::scan::{RawMatch, Tally};
use crate::score::Score;
use crate::tier::Tier;

/// The part of a score that the matches give: `fix` and `context` matches,
/// distinct entries and spun forms. `all` are the matches of every tier
/// that start in the text scored, as the scan finds them.
///
/// Entries are counted as their dictionaries write them, by line: the
/// forms one line generates ("modify", "modifying") are one entry, so that
/// a text does not look more spun for inflecting one word.
pub(crate) fn from_matches(compiled: &Compiled, all: &[RawMatch]) -> Score {
    // Each entry's source line as one number, in the order of (tier,
    // dictionary, line): a tier's code follows the tiers' order, and the
    // table keeps dictionary indices in 16 bits.
    let mut lines: Vec<u64> = all
        .iter()
        .map(|m| {
            let e = compiled.entries.get(m.entry);
            debug_assert!(e.dictionary <= 0xFFFF);
            u64::from(e.tier.code()) << 48 | u64::from(e.dictionary) << 32 | u64::from(e.line)
        })
        .collect();
    lines.sort_unstable();
    let mut score = Score::default();
    for run in lines.chunk_by(|a, b| a == b) {
        let forms = log2_1p(run.len() as u32);
        match Tier::from_code((run[0] >> 48) as u8).unwrap_or(Tier::Fix) {
            Tier::Fix => {
                score.fix_matches += run.len();
                score.distinct_fix_entries += 1;
            }
            Tier::Context => {
                score.context_matches += run.len();
                score.distinct_context_entries += 1;
            }
        }
        score.spun_forms += forms;
    }
    score
}

/// The words a scan passed over, as it tallied them.
pub(crate) struct Tallied {
    /// Where the scan started: the words before it, in the window, are not
    /// in the tally.
    pub from: usize,
    pub tally: Tally,
}

/// Adds to `score` what the words of `text[window]` give: their number,
/// the article slips and the original forms. `tallied` holds the words a
/// scan already counted, when it did; the rest are counted here.
pub(crate) fn add_words(
    compiled: &Compiled,
    text: &str,
    window: Range<usize>,
    tallied: Option<Tallied>,
    score: &mut Score,
) {
    let tally = match tallied {
        Some(Tallied { from, mut tally }) => {
            tally.words_in(compiled, text, window.start, from);
            tally
        }
        None => {
            let mut tally = Tally::new(compiled);
            tally.words_in(compiled, text, window.start, window.end);
            tally
        }
    };
    score.words = tally.words;
    score.article_disagreements = tally
        .articles
        .iter()
        .filter(|&&start| article::disagrees_at(text, start))
        .count();
    score.original_forms = tally
        .originals
        .iter()
        .filter(|&&n| n > 0)
        .map(|&n| log2_1p(n))
        .sum();
}

/// The score of `text[window]`, whose matches of every tier are `all`.
pub(crate) fn score(
    compiled: &Compiled,
    text: &str,
    window: Range<usize>,
    all: &[RawMatch],
    tallied: Option<Tallied>,
) -> Score {
    let mut score = from_matches(compiled, all);
    add_words(compiled, text, window, tallied, &mut score);
    score
}

/// log2(1 + n): how a count weighs in the balance. Counts are mostly
/// small: those below 256 are computed once and looked up.
fn log2_1p(n: u32) -> f64 {
    static SMALL: std::sync::LazyLock<[f64; 256]> =
        std::sync::LazyLock::new(|| std::array::from_fn(|n| compute_log2_1p(n as u32)));
    match SMALL.get(n as usize) {
        Some(&value) => value,
        None => compute_log2_1p(n),
    }
}

fn compute_log2_1p(n: u32) -> f64 {
    f64::from(n).ln_1p() / std::f64::consts::LN_2
}
