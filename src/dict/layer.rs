//! User entries laid over an already compiled dictionary (the bundled
//! one), without compiling it again.
//!
//! Compiling the bundled dictionaries from their source takes tens of
//! milliseconds (twelve thousand lines to parse, fold, sort and check);
//! they are embedded compiled, and a user dictionary of a few lines is laid
//! over them instead:
//!
//! * the user entries are folded, sorted and checked among themselves as
//!   [`Compiled::build`] checks any dictionary;
//! * they get a map of their own, which the scanner walks after the
//!   base's at every start (a key of either map may be the longest), and
//!   are appended to the base's entry table, whose entries keep their
//!   indices;
//! * a user entry whose key is a base entry's takes its place (an
//!   override, reported): the base entry is hidden, reached by its map but
//!   never seen; an allowed phrase displaces an entry of the other side as
//!   it always does;
//! * the user keys are added to a copy of the base's prefilters, and the
//!   base's map, rules and root table are kept as they are.
//!
//! The chain check that needs the scanner is left to the caller, which
//! checks only what the user entries add (see [`Layered`]).

use std::borrow::Cow;

use crate::dict::compile::{unique_keys, Compiled, Laid, Layer, Sources};
use crate::dict::source::Kind;
use crate::dict::table::{Entry, Value};
use crate::error::{DictionaryErrorKind, Error, Location};

/// A dictionary laid over a base, and what the caller still checks.
pub(crate) struct Layered {
    /// The whole dictionary; its `overrides` lists the base entries that
    /// user entries took the place of.
    pub compiled: Compiled,
    /// The table indices of the user entries (they follow the base's).
    pub user: std::ops::Range<usize>,
}

/// Lays the entries of `sources` over `base`.
pub(crate) fn layer(base: &Compiled, sources: Sources) -> Result<Layered, Error> {
    let (unique, mut displaced) = unique_keys(&sources)?;
    let locate = |i: usize| {
        let (dictionary, e) = sources.entry(unique[i].1);
        Location::new(
            sources.dictionaries()[dictionary as usize].to_string(),
            e.line,
        )
    };
    let mut entries = base.entries.clone();
    let mut dictionaries: Vec<Cow<'static, str>> = base.dictionaries.clone();
    let offset = dictionaries.len();
    dictionaries.extend(sources.dictionaries().iter().cloned());
    if dictionaries.len() > usize::from(u16::MAX) + 1 {
        return Err(Error::Dictionary {
            location: Location::new(
                sources
                    .dictionaries()
                    .last()
                    .map_or("", |d| d.as_ref())
                    .to_string(),
                1,
            ),
            kind: Box::new(DictionaryErrorKind::TooLarge {
                what: "too many dictionaries",
                limit: "65,536 dictionaries",
            }),
        });
    }
    let first = entries.len();
    let mut builder = fst::raw::Builder::memory();
    let mut first_bytes = [false; 256];
    let (mut hidden, mut overrides) = (Vec::new(), Vec::new());
    let mut text_bytes = entries.size_bytes();
    for (i, (key, index)) in unique.iter().enumerate() {
        let (dictionary, e) = sources.entry(*index);
        text_bytes += e.spun.len() + e.original.len() + e.when.len();
        if u32::try_from(text_bytes).is_err() {
            return Err(Error::Dictionary {
                location: locate(i),
                kind: Box::new(DictionaryErrorKind::TooLarge {
                    what: "too much text",
                    limit: "4 GiB of phrases",
                }),
            });
        }
        let value = Value {
            index: entries.push(Entry {
                spun: &e.spun,
                original: &e.original,
                when: &e.when,
                tier: e.tier,
                kind: e.kind,
                dictionary: dictionary + offset as u32,
                line: e.line as u32,
            }),
            tier: e.tier,
            kind: e.kind,
            ruled: !e.when.is_empty(),
        };
        // A key of both maps: one of the two entries is hidden.
        if let Some(output) = base.fst.get(key.as_bytes()) {
            let theirs = Value::decode(output.value());
            match (theirs.kind, e.kind) {
                (Kind::Replace, Kind::Replace) => {
                    overrides.push((value.index, base.location(theirs.index)));
                    hidden.push(theirs.index);
                }
                (Kind::Replace, Kind::Allow) => {
                    displaced.push(key.clone());
                    hidden.push(theirs.index);
                }
                (Kind::Allow, Kind::Replace) => {
                    displaced.push(key.clone());
                    hidden.push(value.index);
                }
                (Kind::Allow, Kind::Allow) => hidden.push(value.index),
            }
        }
        if let Some(&b) = key.as_bytes().first() {
            first_bytes[usize::from(b)] = true;
        }
        // ok: keys are sorted and unique, and a memory builder does no I/O.
        builder
            .insert(key.as_bytes(), value.encode())
            .expect("sorted unique keys");
    }
    let user = first..entries.len();
    // ok: finishing an in-memory builder does no I/O.
    let bytes = builder.into_inner().expect("in-memory FST");
    // ok: the bytes were just written by fst's own builder.
    let fst = fst::raw::Fst::new(Cow::Owned(bytes)).expect("freshly built FST");
    let keys = || unique.iter().map(|(k, _)| k.as_str());
    let allowed = || {
        unique
            .iter()
            .filter(|(_, i)| sources.entry(*i).1.kind == Kind::Allow)
            .map(|(k, _)| k.as_str())
    };
    let prefilters = (
        base.prefilter.with_keys(keys()),
        base.allow_prefilter.with_keys(allowed()),
    );
    displaced.extend(base.displaced.iter().cloned());
    displaced.sort();
    displaced.dedup();
    hidden.sort_unstable();
    let laid = Laid {
        entries,
        dictionaries,
        layer: Layer { fst, first_bytes },
        prefilters,
        displaced,
        hidden,
        overrides,
    };
    // Rules were parsed when their lines were; a failure here names the
    // entry all the same.
    let compiled = base
        .laid_over(laid)
        .map_err(|(index, kind)| Error::Dictionary {
            location: locate(index - first),
            kind: Box::new(kind),
        })?;
    Ok(Layered { compiled, user })
}
