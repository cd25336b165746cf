//! Hooks for the benchmarks, hidden from the documentation: they are not
//! part of the API and may change at any time.

use crate::dict::builtin;
use crate::engine::unspinner::Unspinner;
use crate::error::Location;
use crate::scan::FastPaths;
use crate::text::words;

/// Counts the word starts of `text` and does nothing else: the floor of
/// the scanning benchmarks.
pub fn __count_word_starts(text: &str) -> usize {
    words::count_words(text)
}

/// Hashes every word of `text`, eight bytes at a time, with the word
/// reader the score's count uses ([`words::for_each_word`], which also
/// reads words outside ASCII), and asks the unspinner's prefilter whether a
/// key may start with it, and does nothing else: about the least work per
/// word of a matcher that looks words up, the second floor of the scanning
/// benchmarks. Returns how many words the
/// prefilter lets through.
pub fn __hash_words(unspinner: &Unspinner, text: &str) -> usize {
    let prefilter = &unspinner.compiled().prefilter;
    let mut through = 0;
    words::for_each_word(text, 0, text.len(), |_, hash| {
        let (single, first) = hash.map_or((true, true), |h| prefilter.starts(h));
        through += usize::from(single || first);
    });
    through
}

/// Loads the embedded dictionary without the cache, for the load-time
/// benchmark. Returns the number of entries.
pub fn __load_builtin_uncached() -> usize {
    builtin::load().entries.len()
}

/// The bytes the unspinner's compiled dictionary occupies, for the
/// resident-size benchmark.
pub fn __compiled_bytes(unspinner: &Unspinner) -> usize {
    unspinner.compiled().size_bytes()
}

/// The text `unspinner` repairs, and the matches it finds (span and the
/// entry's location), with the scanner's fast paths off: the map walked a byte at a
/// time from every word. The fuzz target requires the same as with them on.
pub fn __without_fast_paths(
    unspinner: &Unspinner,
    text: &str,
) -> (String, Vec<(std::ops::Range<usize>, Location)>) {
    let slow = unspinner.with_fast_paths(FastPaths::Off);
    let found = slow
        .find_iter(text)
        .map(|m| (m.span(), m.entry().location()))
        .collect();
    (slow.repair_text(text).into_owned(), found)
}
