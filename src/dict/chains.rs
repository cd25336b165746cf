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
use std::ops::Range;

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

/// Reports the first chain that the entries `user` of a dictionary laid
/// over a chain-free base bring ([`crate::dict::layer`]), at the user's
/// line either way: a user original that holds a spun phrase (found by
/// `first_match` in the whole dictionary), or a user spun phrase inside an
/// original of the base (found by `first_user_match`, which gives the
/// index of the user entry whose key it finds).
pub(crate) fn check_layered(
    compiled: &Compiled,
    user: Range<usize>,
    first_match: impl Fn(&str) -> Option<usize>,
    first_user_match: impl Fn(&str) -> Option<usize>,
) -> Result<(), Error> {
    let entries = &compiled.entries;
    for index in user.clone().filter(|&i| compiled.reachable(i)) {
        let e = entries.get(index);
        if e.kind != Kind::Replace {
            continue;
        }
        if let Some(key) = e.original.split('|').find_map(&first_match) {
            return Err(Error::Dictionary {
                location: compiled.location(index),
                kind: Box::new(DictionaryErrorKind::Chain {
                    original: e.original.to_string(),
                    key: entries.get(key).spun.to_string(),
                    key_location: compiled.location(key),
                }),
            });
        }
    }
    let first = (0..user.start)
        .filter(|&i| compiled.reachable(i) && entries.get(i).kind == Kind::Replace)
        .filter_map(|index| {
            let key = entries
                .get(index)
                .original
                .split('|')
                .find_map(&first_user_match)?;
            Some((compiled.location(key), index, key))
        })
        .min();
    match first {
        None => Ok(()),
        Some((location, index, key)) => Err(Error::Dictionary {
            location,
            kind: Box::new(DictionaryErrorKind::ChainInto {
                key: entries.get(key).spun.to_string(),
                original: entries.get(index).original.to_string(),
                original_location: compiled.location(index),
            }),
        }),
    }
}
