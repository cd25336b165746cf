//! A document's fingerprint on what spinners keep.
//!
//! A spinner swaps ordinary words and leaves the *immutables*: numbers,
//! dates, and the capitalised words inside a sentence that are mostly
//! names. Two copies of one story, spun or not, share the sequence of their
//! immutables, while two different stories rarely do. A fingerprint is the
//! set of the immutables (folded) and of their consecutive pairs, reduced
//! to a MinHash signature ([`gaoya`]'s `MinHasher32`): the share of equal
//! values in two signatures estimates the Jaccard similarity of the two
//! sets. The banding is written here rather than taken from gaoya's index
//! so that a crowded band can be thinned ([`crate::learn::band_pairs`]).
//!
//! [`bands`] cuts a signature into the bands of locality-sensitive
//! hashing: documents that agree on every value of one band are
//! candidates. With [`BANDS`] bands of [`ROWS`] values, two documents whose
//! immutables have a Jaccard similarity of 0.5 become candidates with a
//! probability of 1 − (1 − 0.5⁴)³² ≈ 0.87 per document pair; at 0.7 it is
//! above 0.9999, and at 0.2 it is 0.05.

use std::hash::{Hash, Hasher};

use gaoya::minhash::{MinHasher, MinHasher32};

use crate::mine::align::fold;
use crate::text::words;

/// Bands of the locality-sensitive hashing.
pub const BANDS: usize = 32;
/// Values of the signature in each band.
pub const ROWS: usize = 4;
/// Fewer shingles (immutables and their pairs) than this give no
/// fingerprint: too little to tell one story from another.
pub const MIN_SHINGLES: usize = 6;

/// The MinHash signature of a document's immutables, or `None` when it
/// has fewer than [`MIN_SHINGLES`] pairs of them.
pub(crate) struct Fingerprinter {
    hasher: MinHasher32<fnv::FnvBuildHasher>,
}

impl Fingerprinter {
    pub(crate) fn new() -> Fingerprinter {
        Fingerprinter {
            hasher: MinHasher32::new(BANDS * ROWS),
        }
    }

    /// The signature of `text`, if it has enough immutables.
    pub(crate) fn signature(&self, text: &str) -> Option<Vec<u32>> {
        let immutables = immutables(text);
        // Each immutable on its own, and each with the next: a garbled
        // name costs its own word and two pairs, not the whole story.
        let shingles: Vec<u64> = immutables
            .iter()
            .map(|word| {
                let mut h = fnv::FnvHasher::default();
                word.hash(&mut h);
                h.finish()
            })
            .chain(immutables.windows(2).map(|pair| {
                let mut h = fnv::FnvHasher::default();
                pair.hash(&mut h);
                h.finish()
            }))
            .collect();
        if shingles.len() < MIN_SHINGLES {
            return None;
        }
        Some(self.hasher.create_signature(shingles.into_iter()))
    }
}

/// The estimated Jaccard similarity of the immutables of two texts, or
/// `None` when either has too few to fingerprint.
///
/// ```
/// use unspin::learn::fingerprint::estimate;
/// let a = "Officials in Paris said on March 3 that Air France and KLM would cut 4,000 flights to New York and Boston.";
/// let b = "Officials in Paris stated on March 3 that Air France and KLM would reduce 4,000 flights to New York and Boston.";
/// assert!(estimate(a, b).unwrap() > 0.9);
/// ```
pub fn estimate(a: &str, b: &str) -> Option<f64> {
    let f = Fingerprinter::new();
    Some(similarity(&f.signature(a)?, &f.signature(b)?))
}

/// The MinHash signature of the immutables of `text` ([`BANDS`] ×
/// [`ROWS`] values), or `None` when it has fewer than [`MIN_SHINGLES`]
/// shingles: what a distributed run computes for each document.
pub fn signature(text: &str) -> Option<Vec<u32>> {
    Fingerprinter::new().signature(text)
}

/// The band keys of a signature: one per band, the band's index hashed
/// with its values. Documents that share a key are candidates.
pub fn bands(signature: &[u32]) -> impl Iterator<Item = u64> + '_ {
    signature.chunks(ROWS).enumerate().map(|(band, values)| {
        let mut h = fnv::FnvHasher::default();
        band.hash(&mut h);
        values.hash(&mut h);
        h.finish()
    })
}

/// The share of equal values of two signatures: the estimate of the
/// Jaccard similarity of their immutables.
pub fn similarity(a: &[u32], b: &[u32]) -> f64 {
    if a.is_empty() || a.len() != b.len() {
        return 0.0;
    }
    let equal = a.iter().zip(b).filter(|(x, y)| x == y).count();
    equal as f64 / a.len() as f64
}

/// The immutables of `text`, folded, in order: words with a digit, and
/// capitalised words that do not start a sentence.
///
/// ```text
/// "On March 3, Fox News said 12 people..." → ["march", "3", "fox", "news", "12"]
/// ```
pub(crate) fn immutables(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for span in words::spans(text) {
        let word = &text[span.clone()];
        let digit = word.chars().any(|c| c.is_ascii_digit());
        let capital = word.chars().next().is_some_and(char::is_uppercase);
        if digit || (capital && !starts_sentence(text, span.start)) {
            out.push(fold(word));
        }
    }
    out
}

/// Whether the word at `start` opens a sentence: nothing but spaces,
/// quotes, brackets and dashes since the start of the text or a `.`, `!`,
/// `?`, `:` or line break.
fn starts_sentence(text: &str, start: usize) -> bool {
    for c in text[..start].chars().rev() {
        match c {
            '.' | '!' | '?' | '\n' | ':' => return true,
            c if c.is_whitespace() => continue,
            '"' | '\'' | '“' | '‘' | '(' | '[' | '«' | '—' | '-' => continue,
            _ => return false,
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn immutables_are_numbers_and_names_inside_sentences() {
        let text = "On March 3, Fox News said 12 people. They met Dr. Smith in Rome.";
        // "On" and "They" open sentences; the full stop of "Dr." reads as
        // a sentence's end, so "Smith" is lost: a name the rest make up for.
        assert_eq!(
            immutables(text),
            ["march", "3", "fox", "news", "12", "dr", "rome"]
        );
    }

    #[test]
    fn a_spun_copy_keeps_the_fingerprint_of_its_original() {
        let original = "The World Health Organization said on Monday that 3,000 people in \
            Italy and 1,200 in Spain had tested positive, and President Donald Trump told \
            Fox News that the United States was ready. Governor Andrew Cuomo of New York \
            said 40 hospitals in Albany were preparing.";
        let spun = "The World Well being Group stated on Monday that 3,000 folks in \
            Italy and 1,200 in Spain had examined optimistic, and President Donald Trump instructed \
            Fox Information that the United States was prepared. Governor Andrew Cuomo of New York \
            mentioned 40 hospitals in Albany had been making ready.";
        let other = "Apple said on Friday that 467 stores outside China would close until \
            March 27, and Tim Cook wrote that Apple would pay hourly workers. Netflix cut \
            bitrates in Europe for 30 days after Thierry Breton of the European Commission asked.";
        let f = Fingerprinter::new();
        let (a, b, c) = (
            f.signature(original).unwrap(),
            f.signature(spun).unwrap(),
            f.signature(other).unwrap(),
        );
        assert!(similarity(&a, &b) > 0.5, "{}", similarity(&a, &b));
        assert!(similarity(&a, &c) < 0.1, "{}", similarity(&a, &c));
        let shared = bands(&a).zip(bands(&b)).filter(|(x, y)| x == y).count();
        assert!(shared > 0);
    }

    #[test]
    fn too_few_immutables_give_no_fingerprint() {
        let f = Fingerprinter::new();
        assert!(f.signature("").is_none());
        assert!(f
            .signature("all lower case words and nothing else at all")
            .is_none());
    }
}
