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

/// Reports the first chain, in the order of the lines that bring them,
/// that the entries `user` of a dictionary laid over a chain-free base add
/// ([`crate::dict::layer`]), at the user's line either way: a user original
/// that holds a spun phrase (found by `first_match` in the whole
/// dictionary), or a user spun phrase inside an original of the base
/// (found by `user_match`, which gives the index of a user entry whose key
/// it finds there).
pub(crate) fn check_layered(
    compiled: &Compiled,
    user: Range<usize>,
    first_match: impl Fn(&str) -> Option<usize>,
    user_match: impl Fn(&str) -> Option<usize>,
) -> Result<(), Error> {
    let entries = &compiled.entries;
    let line_of = |index: usize| {
        let e = entries.get(index);
        (e.dictionary, e.line)
    };
    let replacing =
        |index: &usize| compiled.reachable(*index) && entries.get(*index).kind == Kind::Replace;
    let find = |index: usize, find: &dyn Fn(&str) -> Option<usize>| {
        entries.get(index).original.split('|').find_map(find)
    };
    // (the user line, the entry whose original holds a key, the key's entry)
    let holding = user
        .clone()
        .filter(replacing)
        .filter_map(|index| Some((line_of(index), index, find(index, &first_match)?)));
    let held = (0..user.start).filter(replacing).filter_map(|index| {
        let key = find(index, &user_match)?;
        Some((line_of(key), index, key))
    });
    let Some((_, index, key)) = holding.chain(held).min() else {
        return Ok(());
    };
    let (original, key_entry) = (entries.get(index).original.to_string(), entries.get(key));
    let kind = if user.contains(&index) {
        DictionaryErrorKind::Chain {
            original,
            key: key_entry.spun.to_string(),
            key_location: compiled.location(key),
        }
    } else {
        DictionaryErrorKind::ChainInto {
            key: key_entry.spun.to_string(),
            original,
            original_location: compiled.location(index),
        }
    };
    let location = compiled.location(if user.contains(&index) { index } else { key });
    Err(Error::Dictionary {
        location,
        kind: Box::new(kind),
    })
}
