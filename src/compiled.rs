//! The compiled dictionary: an `fst` map from folded key to an index into
//! an entry table.
//!
//! Compiling folds every spun phrase with [`fold_key`], sorts the keys and
//! rejects duplicates and conflicts with the location of both lines. The
//! map's value for a key is the index of its [`Entry`], which holds the
//! replacement, the tier and where the entry came from.
//!
//! The bundled dictionaries are compiled by `build.rs` with this same code
//! and embedded as bytes ([`Compiled::to_bytes`]), so loading them
//! ([`Compiled::from_static`]) only checks a header and slices strings out
//! of a static buffer.

use std::borrow::Cow;

use crate::dictionary::{SourceEntry, Tier};
use crate::error::{DictionaryErrorKind, Error, Location};
use crate::normalize::fold_key;

/// What a matched entry does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// Replace the spun phrase with the original.
    Replace,
    /// Protect the phrase: no edit may touch it.
    Allow,
}

/// One compiled entry.
#[derive(Debug, Clone)]
pub(crate) struct Entry {
    pub spun: Cow<'static, str>,
    pub original: Cow<'static, str>,
    pub tier: Tier,
    pub kind: Kind,
    /// Index into [`Compiled::dictionaries`].
    pub dictionary: u32,
    pub line: u32,
}

/// The compiled map plus its entry table.
pub(crate) struct Compiled {
    pub fst: fst::raw::Fst<Cow<'static, [u8]>>,
    pub entries: Vec<Entry>,
    pub dictionaries: Vec<Cow<'static, str>>,
    pub has_allow: bool,
}

impl std::fmt::Debug for Compiled {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Compiled")
            .field("fst_bytes", &self.fst.as_bytes().len())
            .field("entries", &self.entries.len())
            .field("dictionaries", &self.dictionaries)
            .finish()
    }
}

/// Entries gathered from several dictionaries, ready to compile.
#[derive(Debug, Default)]
pub(crate) struct Sources {
    pub dictionaries: Vec<Cow<'static, str>>,
    pub entries: Vec<Entry>,
}

impl Sources {
    /// Adds the parsed lines of one dictionary.
    pub fn add_dictionary(&mut self, name: &str, entries: Vec<SourceEntry>) {
        let index = self.dictionary_index(name);
        self.entries.extend(entries.into_iter().map(|e| Entry {
            spun: Cow::Owned(e.spun),
            original: Cow::Owned(e.original),
            tier: e.tier,
            kind: Kind::Replace,
            dictionary: index,
            line: e.line as u32,
        }));
    }

    /// Adds a phrase that must never be edited, from the allowlist `name`
    /// at `line`.
    pub fn add_allow(&mut self, name: &str, phrase: &str, line: usize) -> Result<(), Error> {
        let index = self.dictionary_index(name);
        if fold_key(phrase).is_empty() {
            return Err(Error::Dictionary {
                location: Location::new(name, line),
                kind: Box::new(DictionaryErrorKind::EmptyField { column: "spun" }),
            });
        }
        self.entries.push(Entry {
            spun: Cow::Owned(phrase.to_string()),
            original: Cow::Borrowed(""),
            tier: Tier::Fix,
            kind: Kind::Allow,
            dictionary: index,
            line: line as u32,
        });
        Ok(())
    }

    /// Adds every entry of an already compiled dictionary (the bundled
    /// one), keeping its locations.
    pub fn add_compiled(&mut self, compiled: &Compiled) {
        for entry in &compiled.entries {
            let name = &compiled.dictionaries[entry.dictionary as usize];
            let index = self.dictionary_index(name);
            self.entries.push(Entry {
                dictionary: index,
                ..entry.clone()
            });
        }
    }

    fn dictionary_index(&mut self, name: &str) -> u32 {
        match self.dictionaries.iter().position(|d| d == name) {
            Some(i) => i as u32,
            None => {
                self.dictionaries.push(Cow::Owned(name.to_string()));
                (self.dictionaries.len() - 1) as u32
            }
        }
    }

    fn location(&self, entry: &Entry) -> Location {
        Location::new(
            self.dictionaries[entry.dictionary as usize].to_string(),
            entry.line as usize,
        )
    }
}

impl Compiled {
    /// Compiles the gathered entries.
    ///
    /// Two entries whose spun phrases fold to the same key are an error
    /// (`Duplicate` when they agree, `Conflict` when they do not), reported
    /// at the later line; when several lines are wrong, the first in
    /// dictionary order is reported. An allowed phrase silently takes the
    /// place of an entry with the same key: that is what allowing is for.
    pub fn build(sources: Sources) -> Result<Compiled, Error> {
        let mut keyed: Vec<(String, usize)> = sources
            .entries
            .iter()
            .enumerate()
            .map(|(i, e)| (fold_key(&e.spun), i))
            .collect();
        // Stable: entries with equal keys stay in dictionary order.
        keyed.sort_by(|a, b| a.0.cmp(&b.0));

        let mut errors: Vec<(usize, Error)> = Vec::new();
        let mut unique: Vec<(String, usize)> = Vec::with_capacity(keyed.len());
        for (key, index) in keyed {
            let Some(last) = unique.last_mut().filter(|(k, _)| *k == key) else {
                unique.push((key, index));
                continue;
            };
            let first = &sources.entries[last.1];
            let this = &sources.entries[index];
            match (first.kind, this.kind) {
                (Kind::Allow, _) => {}
                (Kind::Replace, Kind::Allow) => last.1 = index,
                (Kind::Replace, Kind::Replace) => {
                    let kind = if first.original == this.original {
                        DictionaryErrorKind::Duplicate {
                            spun: this.spun.to_string(),
                            first: sources.location(first),
                        }
                    } else {
                        DictionaryErrorKind::Conflict {
                            spun: this.spun.to_string(),
                            original: this.original.to_string(),
                            other: first.original.to_string(),
                            first: sources.location(first),
                        }
                    };
                    let location = sources.location(this);
                    errors.push((
                        index,
                        Error::Dictionary {
                            location,
                            kind: Box::new(kind),
                        },
                    ));
                }
            }
        }
        if let Some((_, error)) = errors.into_iter().min_by_key(|(i, _)| *i) {
            return Err(error);
        }

        let mut builder = fst::raw::Builder::memory();
        let mut entries = Vec::with_capacity(unique.len());
        let mut slots: Vec<Option<Entry>> = sources.entries.into_iter().map(Some).collect();
        for (value, (key, index)) in unique.into_iter().enumerate() {
            // ok: keys are sorted and unique, and a memory builder does no I/O.
            builder
                .insert(key.as_bytes(), value as u64)
                .expect("sorted unique keys");
            entries.extend(slots[index].take());
        }
        let has_allow = entries.iter().any(|e| e.kind == Kind::Allow);
        // ok: finishing an in-memory builder does no I/O, and its output is a valid FST.
        let bytes = builder.into_inner().expect("in-memory FST");
        let fst = fst::raw::Fst::new(Cow::Owned(bytes)).expect("freshly built FST");
        Ok(Compiled {
            fst,
            entries,
            dictionaries: sources.dictionaries,
            has_allow,
        })
    }

    /// Serializes the compiled dictionary for embedding (used by
    /// `build.rs`).
    #[cfg_attr(not(test), allow(dead_code))]
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::new();
        out.extend_from_slice(MAGIC);
        put_u32(&mut out, self.dictionaries.len() as u32);
        for name in &self.dictionaries {
            put_str(&mut out, name);
        }
        put_u32(&mut out, self.entries.len() as u32);
        for e in &self.entries {
            out.push(match e.tier {
                Tier::Fix => 0,
                Tier::Context => 1,
            });
            out.push(match e.kind {
                Kind::Replace => 0,
                Kind::Allow => 1,
            });
            put_u32(&mut out, e.dictionary);
            put_u32(&mut out, e.line);
            put_str(&mut out, &e.spun);
            put_str(&mut out, &e.original);
        }
        let fst = self.fst.as_bytes();
        put_u32(&mut out, fst.len() as u32);
        out.extend_from_slice(fst);
        out
    }

    /// Loads a dictionary serialized by [`Compiled::to_bytes`], borrowing
    /// its strings and map from `bytes`.
    pub fn from_static(bytes: &'static [u8]) -> Result<Compiled, String> {
        let mut r = Reader { bytes, pos: 0 };
        if r.take(MAGIC.len())? != MAGIC {
            return Err("not a compiled unspin dictionary".into());
        }
        let n = r.u32()? as usize;
        let mut dictionaries = Vec::with_capacity(n);
        for _ in 0..n {
            dictionaries.push(Cow::Borrowed(r.str()?));
        }
        let n = r.u32()? as usize;
        let mut entries = Vec::with_capacity(n);
        let mut has_allow = false;
        for _ in 0..n {
            let tier = match r.take(1)?[0] {
                0 => Tier::Fix,
                _ => Tier::Context,
            };
            let kind = match r.take(1)?[0] {
                0 => Kind::Replace,
                _ => Kind::Allow,
            };
            has_allow |= kind == Kind::Allow;
            let dictionary = r.u32()?;
            let line = r.u32()?;
            let spun = Cow::Borrowed(r.str()?);
            let original = Cow::Borrowed(r.str()?);
            entries.push(Entry {
                spun,
                original,
                tier,
                kind,
                dictionary,
                line,
            });
        }
        let len = r.u32()? as usize;
        let fst = fst::raw::Fst::new(Cow::Borrowed(r.take(len)?)).map_err(|e| e.to_string())?;
        Ok(Compiled {
            fst,
            entries,
            dictionaries,
            has_allow,
        })
    }

    /// Looks up the entry for a phrase, folding it first.
    pub fn get(&self, phrase: &str) -> Option<usize> {
        self.fst
            .get(fold_key(phrase).as_bytes())
            .map(|o| o.value() as usize)
    }
}

const MAGIC: &[u8] = b"UNSPIN\x00\x01";

#[cfg_attr(not(test), allow(dead_code))]
fn put_u32(out: &mut Vec<u8>, v: u32) {
    out.extend_from_slice(&v.to_le_bytes());
}

#[cfg_attr(not(test), allow(dead_code))]
fn put_str(out: &mut Vec<u8>, s: &str) {
    put_u32(out, s.len() as u32);
    out.extend_from_slice(s.as_bytes());
}

struct Reader {
    bytes: &'static [u8],
    pos: usize,
}

impl Reader {
    fn take(&mut self, n: usize) -> Result<&'static [u8], String> {
        let bytes: &'static [u8] = self.bytes;
        let end = self.pos.checked_add(n).filter(|&e| e <= bytes.len());
        let end = end.ok_or_else(|| format!("truncated at byte {}", self.pos))?;
        let slice = &bytes[self.pos..end];
        self.pos = end;
        Ok(slice)
    }

    fn u32(&mut self) -> Result<u32, String> {
        let b = self.take(4)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }

    fn str(&mut self) -> Result<&'static str, String> {
        let n = self.u32()? as usize;
        let at = self.pos;
        std::str::from_utf8(self.take(n)?).map_err(|e| format!("bad UTF-8 at byte {at}: {e}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dictionary::parse;

    fn sources(text: &str) -> Sources {
        let mut sources = Sources::default();
        sources.add_dictionary("d.tsv", parse("d.tsv", text.as_bytes()).unwrap());
        sources
    }

    #[test]
    fn duplicates_and_conflicts_name_both_lines() {
        let text = "planet war\tWorld War\tfix\ts\nx\ty\tfix\ts\nPlanet  War\tWorld War\tfix\ts\n";
        let err = Compiled::build(sources(text)).unwrap_err().to_string();
        assert_eq!(
            err,
            "d.tsv:3: duplicate entry for \"Planet  War\", first at d.tsv:1"
        );
        let text = "planet war\tWorld War\tfix\ts\nplanet war\tglobal war\tfix\ts\n";
        let err = Compiled::build(sources(text)).unwrap_err().to_string();
        assert_eq!(
            err,
            "d.tsv:2: \"planet war\" is mapped to \"global war\" here but to \"World War\" at d.tsv:1"
        );
    }

    #[test]
    fn allowed_phrase_replaces_entry_with_same_key() {
        let mut s = sources("planet war\tWorld War\tfix\ts\n");
        s.add_allow("<allow>", "Planet War", 1).unwrap();
        let compiled = Compiled::build(s).unwrap();
        assert_eq!(compiled.entries.len(), 1);
        assert_eq!(compiled.entries[0].kind, Kind::Allow);
        assert!(compiled.has_allow);
    }

    #[test]
    fn serialized_form_round_trips() {
        let text = "planet war\tWorld War\tfix\ts\nclaimed\tsaid\tcontext\ts\n";
        let compiled = Compiled::build(sources(text)).unwrap();
        let bytes: &'static [u8] = Box::leak(compiled.to_bytes().into_boxed_slice());
        let loaded = Compiled::from_static(bytes).unwrap();
        assert_eq!(loaded.fst.as_bytes(), compiled.fst.as_bytes());
        assert_eq!(loaded.dictionaries, compiled.dictionaries);
        for (a, b) in loaded.entries.iter().zip(&compiled.entries) {
            assert_eq!(
                (&a.spun, &a.original, a.tier, a.line),
                (&b.spun, &b.original, b.tier, b.line)
            );
        }
        assert_eq!(loaded.get("CLAIMED"), Some(0));
        assert!(Compiled::from_static(b"UNSPIN\x00\x01\x05").is_err());
        assert!(Compiled::from_static(b"garbage!").is_err());
    }
}
