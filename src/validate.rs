//! Checks on a whole compiled dictionary that need the matcher: chains.
//!
//! A chain is an entry whose original contains another entry's spun phrase
//! (on word boundaries, as the scanner would see it). The single pass never
//! rescans replaced text, so it would leave text that a second run would
//! change again: `repair(repair(x))` would differ from `repair(x)`. Cycles
//! (`a -> b`, `b -> a`) are the shortest chains.

use crate::compiled::{Compiled, Kind};
use crate::error::{DictionaryErrorKind, Error};
use crate::matcher::{Scan, Tiers};

/// Reports the first chain, in dictionary order.
pub(crate) fn check_chains(compiled: &Compiled) -> Result<(), Error> {
    let first = compiled
        .entries
        .iter()
        .enumerate()
        .filter(|(_, e)| e.kind == Kind::Replace)
        .filter_map(|(index, e)| {
            let m = Scan::new(compiled, Tiers::ALL, e.original).next()?;
            Some(((e.dictionary, e.line), index, m.entry))
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
