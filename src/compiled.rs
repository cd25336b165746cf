//! The compiled dictionary: an `fst` map from folded key to an index into
//! an entry table.
//!
//! Compiling folds every spun phrase with [`fold_key`], sorts the keys and
//! rejects duplicates and conflicts with the location of both lines. The
//! map's value for a key is the index of its [`Entry`], which holds the
//! replacement, the tier and where the entry came from.
//!
//! The map's value packs the entry's tier and kind beside its index (see
//! [`pack`]), so the scanner never touches the entry table while walking.
//!
//! The bundled dictionaries are compiled by `build.rs` with this same code
//! and embedded as bytes ([`Compiled::to_bytes`]). Loading them
//! ([`Compiled::from_static`]) validates the bytes once and then reads
//! entries in place: the table is fixed-size records pointing into one
//! string blob, so nothing is decoded or allocated per entry.

use std::borrow::Cow;
use std::sync::Arc;

use crate::dictionary::{SourceEntry, Tier};
use crate::error::{DictionaryErrorKind, Error, Location};
use crate::normalize::fold_key;
use crate::prefilter::Prefilter;
use crate::rules::Rule;

/// What a matched entry does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// Replace the spun phrase with the original.
    Replace,
    /// Protect the phrase: no edit may touch it.
    Allow,
}

/// One entry, owned, as gathered before compiling.
#[derive(Debug, Clone)]
pub(crate) struct Entry {
    pub spun: Cow<'static, str>,
    pub original: Cow<'static, str>,
    /// The context rule as written, or empty.
    pub when: Cow<'static, str>,
    pub tier: Tier,
    pub kind: Kind,
    /// Index into [`Compiled::dictionaries`].
    pub dictionary: u32,
    pub line: u32,
}

/// One entry of a compiled table, borrowed from it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct EntryView<'a> {
    pub spun: &'a str,
    pub original: &'a str,
    pub when: &'a str,
    pub tier: Tier,
    pub kind: Kind,
    /// Index into [`Compiled::dictionaries`].
    pub dictionary: u32,
    pub line: u32,
}

/// Bytes of one record of an embedded table: tier, kind, dictionary (u16),
/// line, then offset and length of the spun phrase, of the original and of
/// the rule in the string blob (u32 each, little-endian).
const RECORD: usize = 32;

/// The entry table, in the order of the map's values.
pub(crate) enum Table {
    /// Built at run time.
    Owned(Vec<Entry>),
    /// Embedded: validated records and the string blob they point into.
    Static {
        records: &'static [u8],
        strings: &'static str,
    },
}

impl Table {
    pub fn len(&self) -> usize {
        match self {
            Table::Owned(entries) => entries.len(),
            Table::Static { records, .. } => records.len() / RECORD,
        }
    }

    /// The entry at `index`; `index` comes from the map, so it is in range.
    pub fn get(&self, index: usize) -> EntryView<'_> {
        match self {
            Table::Owned(entries) => {
                let e = &entries[index];
                EntryView {
                    spun: &e.spun,
                    original: &e.original,
                    when: &e.when,
                    tier: e.tier,
                    kind: e.kind,
                    dictionary: e.dictionary,
                    line: e.line,
                }
            }
            Table::Static { records, strings } => {
                let r = &records[index * RECORD..(index + 1) * RECORD];
                let u32_at =
                    |i: usize| u32::from_le_bytes([r[i], r[i + 1], r[i + 2], r[i + 3]]) as usize;
                let (spun, spun_len) = (u32_at(8), u32_at(12));
                let (original, original_len) = (u32_at(16), u32_at(20));
                let (when, when_len) = (u32_at(24), u32_at(28));
                EntryView {
                    spun: &strings[spun..spun + spun_len],
                    original: &strings[original..original + original_len],
                    when: &strings[when..when + when_len],
                    tier: if r[0] == 0 { Tier::Fix } else { Tier::Context },
                    kind: if r[1] == 0 {
                        Kind::Replace
                    } else {
                        Kind::Allow
                    },
                    dictionary: u32::from(u16::from_le_bytes([r[2], r[3]])),
                    line: u32_at(4) as u32,
                }
            }
        }
    }

    pub fn iter(&self) -> impl Iterator<Item = EntryView<'_>> + '_ {
        (0..self.len()).map(move |i| self.get(i))
    }
}

/// What the map's value says about an entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Packed {
    pub index: usize,
    pub tier: Tier,
    pub kind: Kind,
    /// The entry has a context rule to check.
    pub ruled: bool,
}

/// Packs an entry's index, tier, kind and whether it has a rule into a map
/// value.
pub(crate) fn pack(index: usize, tier: Tier, kind: Kind, ruled: bool) -> u64 {
    ((index as u64) << 3)
        | (u64::from(ruled) << 2)
        | (u64::from(kind == Kind::Allow) << 1)
        | u64::from(tier == Tier::Context)
}

/// Unpacks a map value.
#[inline]
pub(crate) fn unpack(value: u64) -> Packed {
    Packed {
        index: (value >> 3) as usize,
        tier: if value & 1 == 0 {
            Tier::Fix
        } else {
            Tier::Context
        },
        kind: if value & 2 == 0 {
            Kind::Replace
        } else {
            Kind::Allow
        },
        ruled: value & 4 != 0,
    }
}

/// The compiled map plus its entry table.
pub(crate) struct Compiled {
    pub fst: fst::raw::Fst<Cow<'static, [u8]>>,
    pub entries: Table,
    pub dictionaries: Vec<Cow<'static, str>>,
    /// The same names, shared with the locations of edits.
    pub names: Vec<Arc<str>>,
    pub has_allow: bool,
    /// The parsed rules of the entries that have one, by entry index.
    pub rules: Vec<(usize, Rule)>,
    /// The root's transition for each first byte, decoded once: the
    /// scanner starts a walk at every word, so this saves decoding and
    /// searching the root node each time.
    pub root_next: Vec<Option<(usize, u64)>>,
    /// The first two words of every key, to skip words no key starts with.
    pub prefilter: Prefilter,
    /// The same for the allowed phrases alone.
    pub allow_prefilter: Prefilter,
}

fn names(dictionaries: &[Cow<'static, str>]) -> Vec<Arc<str>> {
    dictionaries.iter().map(|d| Arc::from(d.as_ref())).collect()
}

/// Decodes the root node's transitions into a table indexed by byte.
fn root_table(fst: &fst::raw::Fst<Cow<'static, [u8]>>) -> Vec<Option<(usize, u64)>> {
    let mut table = vec![None; 256];
    for t in fst.root().transitions() {
        table[usize::from(t.inp)] = Some((t.addr, t.out.value()));
    }
    table
}

impl Compiled {
    /// The bytes the compiled dictionary occupies: the map, the entry
    /// table and its strings, the rules and the lookup tables built at load.
    pub fn size_bytes(&self) -> usize {
        let table = match &self.entries {
            Table::Owned(entries) => entries
                .iter()
                .map(|e| {
                    std::mem::size_of::<Entry>() + e.spun.len() + e.original.len() + e.when.len()
                })
                .sum(),
            Table::Static { records, strings } => records.len() + strings.len(),
        };
        let rules = self.rules.len() * std::mem::size_of::<(usize, Rule)>();
        let root = self.root_next.len() * std::mem::size_of::<Option<(usize, u64)>>();
        let filters = self.prefilter.as_bytes().len() + self.allow_prefilter.as_bytes().len();
        self.fst.as_bytes().len() + table + rules + root + filters
    }
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
            when: Cow::Owned(e.when),
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
            when: Cow::Borrowed(""),
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
        for entry in compiled.entries.iter() {
            let name = &compiled.dictionaries[entry.dictionary as usize];
            let index = self.dictionary_index(name);
            self.entries.push(Entry {
                spun: Cow::Owned(entry.spun.to_string()),
                original: Cow::Owned(entry.original.to_string()),
                when: Cow::Owned(entry.when.to_string()),
                tier: entry.tier,
                kind: entry.kind,
                dictionary: index,
                line: entry.line,
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

        let prefilter = Prefilter::build(unique.iter().map(|(key, _)| key.as_bytes()));
        let allow_prefilter = Prefilter::build(
            unique
                .iter()
                .filter(|(_, index)| sources.entries[*index].kind == Kind::Allow)
                .map(|(key, _)| key.as_bytes()),
        );
        let mut builder = fst::raw::Builder::memory();
        let mut entries = Vec::with_capacity(unique.len());
        let mut slots: Vec<Option<Entry>> = sources.entries.into_iter().map(Some).collect();
        for (key, index) in unique {
            let Some(entry) = slots[index].take() else {
                continue;
            };
            let value = pack(
                entries.len(),
                entry.tier,
                entry.kind,
                !entry.when.is_empty(),
            );
            // ok: keys are sorted and unique, and a memory builder does no I/O.
            builder
                .insert(key.as_bytes(), value)
                .expect("sorted unique keys");
            entries.push(entry);
        }
        let has_allow = entries.iter().any(|e| e.kind == Kind::Allow);
        // ok: finishing an in-memory builder does no I/O, and its output is a valid FST.
        let bytes = builder.into_inner().expect("in-memory FST");
        let fst = fst::raw::Fst::new(Cow::Owned(bytes)).expect("freshly built FST");
        let entries = Table::Owned(entries);
        let root_next = root_table(&fst);
        let rules = parse_rules(&entries).map_err(|(index, kind)| {
            let e = entries.get(index);
            Error::Dictionary {
                location: Location::new(
                    sources.dictionaries[e.dictionary as usize].to_string(),
                    e.line as usize,
                ),
                kind: Box::new(kind),
            }
        })?;
        Ok(Compiled {
            fst,
            entries,
            names: names(&sources.dictionaries),
            dictionaries: sources.dictionaries,
            has_allow,
            rules,
            root_next,
            prefilter,
            allow_prefilter,
        })
    }

    /// Serializes the compiled dictionary for embedding (used by
    /// `build.rs`): the dictionary names, the fixed-size entry records, the
    /// string blob they point into, then the map.
    #[cfg_attr(not(test), allow(dead_code))]
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::new();
        out.extend_from_slice(MAGIC);
        put_u32(&mut out, self.dictionaries.len() as u32);
        for name in &self.dictionaries {
            put_u32(&mut out, name.len() as u32);
            out.extend_from_slice(name.as_bytes());
        }
        let mut strings = String::new();
        put_u32(&mut out, self.entries.len() as u32);
        for e in self.entries.iter() {
            out.push(u8::from(e.tier == Tier::Context));
            out.push(u8::from(e.kind == Kind::Allow));
            out.extend_from_slice(&(e.dictionary as u16).to_le_bytes());
            put_u32(&mut out, e.line);
            for text in [e.spun, e.original, e.when] {
                put_u32(&mut out, strings.len() as u32);
                put_u32(&mut out, text.len() as u32);
                strings.push_str(text);
            }
        }
        put_u32(&mut out, strings.len() as u32);
        out.extend_from_slice(strings.as_bytes());
        let fst = self.fst.as_bytes();
        put_u32(&mut out, fst.len() as u32);
        out.extend_from_slice(fst);
        for filter in [&self.prefilter, &self.allow_prefilter] {
            let bytes = filter.as_bytes();
            put_u32(&mut out, bytes.len() as u32);
            out.extend_from_slice(bytes);
        }
        out
    }

    /// Loads a dictionary serialized by [`Compiled::to_bytes`], in place.
    /// Every record is checked here, so reading entries later cannot fail.
    pub fn from_static(bytes: &'static [u8]) -> Result<Compiled, String> {
        let mut r = Reader { bytes, pos: 0 };
        if r.take(MAGIC.len())? != MAGIC {
            return Err("not a compiled unspin dictionary of this version".into());
        }
        let n = r.u32()? as usize;
        let mut dictionaries = Vec::with_capacity(n);
        for _ in 0..n {
            dictionaries.push(Cow::Borrowed(r.str()?));
        }
        let n = r.u32()? as usize;
        let records = r.take(n.checked_mul(RECORD).ok_or("entry count overflows")?)?;
        let strings = r.str()?;
        let len = r.u32()? as usize;
        let fst = fst::raw::Fst::new(Cow::Borrowed(r.take(len)?)).map_err(|e| e.to_string())?;
        let len = r.u32()? as usize;
        let prefilter = Prefilter::from_bytes(Cow::Borrowed(r.take(len)?))?;
        let len = r.u32()? as usize;
        let allow_prefilter = Prefilter::from_bytes(Cow::Borrowed(r.take(len)?))?;
        for (index, record) in records.chunks_exact(RECORD).enumerate() {
            let u32_at = |i: usize| {
                u32::from_le_bytes([record[i], record[i + 1], record[i + 2], record[i + 3]])
                    as usize
            };
            let in_blob = |offset: usize, len: usize| {
                offset.checked_add(len).is_some_and(|end| {
                    end <= strings.len()
                        && strings.is_char_boundary(offset)
                        && strings.is_char_boundary(end)
                })
            };
            let dictionary = usize::from(u16::from_le_bytes([record[2], record[3]]));
            if record[0] > 1
                || record[1] > 1
                || dictionary >= dictionaries.len()
                || !in_blob(u32_at(8), u32_at(12))
                || !in_blob(u32_at(16), u32_at(20))
                || !in_blob(u32_at(24), u32_at(28))
            {
                return Err(format!("entry record {index} is malformed"));
            }
        }
        let entries = Table::Static { records, strings };
        let root_next = root_table(&fst);
        let has_allow = entries.iter().any(|e| e.kind == Kind::Allow);
        let rules = parse_rules(&entries)
            .map_err(|(index, kind)| format!("entry record {index}: {kind}"))?;
        Ok(Compiled {
            fst,
            entries,
            names: names(&dictionaries),
            dictionaries,
            has_allow,
            rules,
            root_next,
            prefilter,
            allow_prefilter,
        })
    }

    /// Looks up the entry for a phrase, folding it first.
    pub fn get(&self, phrase: &str) -> Option<usize> {
        let value = self.fst.get(fold_key(phrase).as_bytes())?.value();
        Some(unpack(value).index)
    }
}

const MAGIC: &[u8] = b"UNSPIN\x00\x04";

/// Parses the rules of the entries that have one.
fn parse_rules(entries: &Table) -> Result<Vec<(usize, Rule)>, (usize, DictionaryErrorKind)> {
    let mut rules = Vec::new();
    for (index, e) in entries.iter().enumerate() {
        if !e.when.is_empty() {
            rules.push((index, Rule::parse(e.when).map_err(|k| (index, k))?));
        }
    }
    Ok(rules)
}

impl Compiled {
    /// Where entry `index` was defined.
    pub fn location(&self, index: usize) -> Location {
        let e = self.entries.get(index);
        Location::new(
            Arc::clone(&self.names[e.dictionary as usize]),
            e.line as usize,
        )
    }

    /// The rule of entry `index`, if it has one.
    pub fn rule(&self, index: usize) -> Option<&Rule> {
        let at = self.rules.binary_search_by_key(&index, |(i, _)| *i).ok()?;
        Some(&self.rules[at].1)
    }
}

#[cfg_attr(not(test), allow(dead_code))]
fn put_u32(out: &mut Vec<u8>, v: u32) {
    out.extend_from_slice(&v.to_le_bytes());
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
        assert_eq!(compiled.entries.get(0).kind, Kind::Allow);
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
        for (a, b) in loaded.entries.iter().zip(compiled.entries.iter()) {
            assert_eq!(
                (&a.spun, &a.original, a.tier, a.line),
                (&b.spun, &b.original, b.tier, b.line)
            );
        }
        assert_eq!(loaded.get("CLAIMED"), Some(0));
        assert!(Compiled::from_static(b"UNSPIN\x00\x03\x05").is_err());
        // A record pointing outside the string blob is refused at load.
        let mut broken = compiled.to_bytes();
        let first_record = 8 + 4 + 4 + "d.tsv".len() + 4;
        broken[first_record + 12] = 0xFF;
        let broken: &'static [u8] = Box::leak(broken.into_boxed_slice());
        assert_eq!(
            Compiled::from_static(broken).unwrap_err(),
            "entry record 0 is malformed"
        );
        assert!(Compiled::from_static(b"garbage!").is_err());
    }
}
