//! The whole-dictionary check that needs the scanner: chains.
//!
//! A chain is an entry whose original contains another entry's spun phrase
//! (on word boundaries, as the scanner would see it). The single pass never
//! rescans replaced text, so it would leave text that a second run would
//! change again: `repair(repair(x))` would differ from `repair(x)`. Cycles
//! (`a -> b`, `b -> a`) are the shortest chains.
//!
//! The scanner sits above the dictionary, so the caller passes it in as
//! `first_match`: the entry index of the first match in a text, if any.

use crate::dict::compile::Compiled;
use crate::dict::source::Kind;
use crate::error::{DictionaryErrorKind, Error};

/// Reports the first chain, in dictionary order.
pub(crate) fn check(
    compiled: &Compiled,
    first_match: impl Fn(&str) -> Option<usize>,
) -> Result<(), Error> {
    let first = compiled
        .entries
        .iter()
        .enumerate()
        .filter(|(_, e)| e.kind == Kind::Replace)
        .filter_map(|(index, e)| {
            let key = e.original.split('|').find_map(&first_match)?;
            Some(((e.dictionary, e.line), index, key))
        })
        .min();
    match first {
        None => Ok(()),
        Some((_, index, key)) => Err(Error::Dictionary {
            location: compiled.location(index),
            kind: Box::new(DictionaryErrorKind::Chain {
                original: compiled.entries.get(index).original.to_string(),
                key: compiled.entries.get(key).spun.to_string(),
                key_location: compiled.location(key),
            }),
        }),
    }
}
