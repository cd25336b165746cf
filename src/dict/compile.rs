//! Compiling: entries from several dictionaries become one `fst` map from
//! folded key to a [`Value`], an entry [`Table`], and the lookup tables
//! the scanner starts its walks from.
//!
//! Compiling folds every spun phrase with [`fold_key`], sorts the keys and
//! rejects duplicates and conflicts with the location of both lines. An
//! allowed phrase silently takes the place of an entry with the same key:
//! that is what allowing is for.

use std::borrow::Cow;
use std::sync::Arc;

use crate::dict::originals::Originals;
use crate::dict::prefilter::Prefilter;
use crate::dict::rule::Rule;
use crate::dict::source::{Kind, SourceEntry};
use crate::dict::table::{Entry, Table, Value};
use crate::dict::wordmap::WordMap;
use crate::error::{DictionaryErrorKind, Error, Location};
use crate::text::fold::{fold_char, fold_key};

/// A compiled dictionary: the map, its entries, and what the scanner
/// needs to start walks quickly.
pub(crate) struct Compiled {
    pub fst: fst::raw::Fst<Cow<'static, [u8]>>,
    pub entries: Table,
    /// The dictionaries' names, by index.
    pub dictionaries: Vec<Cow<'static, str>>,
    /// The same names, shared with the locations of edits.
    names: Vec<Arc<str>>,
    pub has_allow: bool,
    /// The parsed rules of the entries that have one, by entry index.
    rules: Vec<(usize, Rule)>,
    /// The root's transition for each first byte, decoded once: the
    /// scanner starts a walk at every word, so this saves decoding and
    /// searching the root node each time.
    pub root_next: Vec<Option<(usize, u64)>>,
    /// The first three words of every key, to skip words no key starts with.
    pub prefilter: Prefilter,
    /// The map's plain keys by whole words, walked in its place where the
    /// text is plain ASCII words ([`crate::dict::wordmap`]).
    pub words: WordMap,
    /// The same for the allowed phrases alone.
    pub allow_prefilter: Prefilter,
    /// The folded keys of entries that an allowed phrase took the place
    /// of, sorted: allowing them did protect something.
    pub displaced: Vec<String>,
    /// The one-word originals of the `context` entries, for the score.
    pub originals: Originals,
    /// A second map laid over this one ([`crate::dict::layer`]): user
    /// entries, walked after the bundled map at every start.
    pub layer: Option<Layer>,
    /// Entries that a map reaches but that are not seen: a bundled entry a
    /// laid entry took the place of, or a laid entry an allowed phrase of
    /// the base displaced. Sorted.
    hidden: Vec<usize>,
    /// Entries laid over a base entry with the same key, which they took
    /// the place of: (the entry, the base entry's location).
    pub overrides: Vec<(usize, Location)>,
}

/// The map of entries laid over a compiled dictionary.
pub(crate) struct Layer {
    pub fst: fst::raw::Fst<Cow<'static, [u8]>>,
    /// The first bytes of its keys.
    pub first_bytes: [bool; 256],
}

/// What [`Compiled::laid_over`] adds to a compiled dictionary.
pub(crate) struct Laid {
    /// The base's table with the laid entries appended.
    pub entries: Table,
    /// The base's dictionary names, then the laid ones.
    pub dictionaries: Vec<Cow<'static, str>>,
    pub layer: Layer,
    /// The prefilters of both maps together (for keys, for allowed phrases).
    pub prefilters: (Prefilter, Prefilter),
    pub displaced: Vec<String>,
    /// Entries reached but not seen, sorted.
    pub hidden: Vec<usize>,
    /// Laid entries that took a base entry's place, with its location.
    pub overrides: Vec<(usize, Location)>,
}

/// Entries gathered from several dictionaries, ready to compile.
#[derive(Debug, Clone, Default)]
pub(crate) struct Sources {
    dictionaries: Vec<Cow<'static, str>>,
    /// Each entry with the index of its dictionary.
    entries: Vec<(u32, SourceEntry)>,
}

impl Sources {
    /// Adds the parsed lines of one dictionary (or allowlist).
    pub fn add_dictionary(&mut self, name: &str, entries: Vec<SourceEntry>) {
        let index = self.dictionary_index(name);
        self.entries.extend(entries.into_iter().map(|e| (index, e)));
    }

    /// Adds a phrase that must never be edited, from the allowlist `name`
    /// at `line`.
    pub fn add_allow(&mut self, name: &str, phrase: &str, line: usize) -> Result<(), Error> {
        let checked = if fold_key(phrase).is_empty() {
            Err(DictionaryErrorKind::EmptyField { column: "spun" })
        } else {
            crate::dict::source::no_control("phrase", phrase)
        };
        if let Err(kind) = checked {
            return Err(Error::Dictionary {
                location: Location::new(name, line),
                kind: Box::new(kind),
            });
        }
        let index = self.dictionary_index(name);
        let source = "allow";
        self.entries
            .push((index, SourceEntry::allowed(phrase, source, line)));
        Ok(())
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

    /// The dictionaries' names, by index.
    pub fn dictionaries(&self) -> &[Cow<'static, str>] {
        &self.dictionaries
    }

    /// Entry `index` with its dictionary's index.
    pub fn entry(&self, index: usize) -> (u32, &SourceEntry) {
        let (dictionary, entry) = &self.entries[index];
        (*dictionary, entry)
    }

    fn location(&self, (dictionary, entry): &(u32, SourceEntry)) -> Location {
        Location::new(
            self.dictionaries[*dictionary as usize].to_string(),
            entry.line,
        )
    }
}

/// The folded keys of `sources`, sorted, each with the entry it stands
/// for, and the keys of entries an allowed phrase took the place of. Two
/// entries whose spun phrases fold to the same key are an error
/// (`Duplicate` when they agree, `Conflict` when they do not), reported at
/// the later line; when several lines are wrong, the first in dictionary
/// order is reported.
#[allow(clippy::type_complexity)]
pub(crate) fn unique_keys(sources: &Sources) -> Result<(Vec<(String, usize)>, Vec<String>), Error> {
    let mut keyed: Vec<(String, usize)> = sources
        .entries
        .iter()
        .enumerate()
        .map(|(i, (_, e))| (fold_key(&e.spun), i))
        .collect();
    // Stable: entries with equal keys stay in dictionary order.
    keyed.sort_by(|a, b| a.0.cmp(&b.0));

    let mut errors: Vec<(usize, Error)> = Vec::new();
    let mut unique: Vec<(String, usize)> = Vec::with_capacity(keyed.len());
    let mut displaced = Vec::new();
    for (key, index) in keyed {
        let Some(last) = unique.last_mut().filter(|(k, _)| *k == key) else {
            unique.push((key, index));
            continue;
        };
        let first = &sources.entries[last.1];
        let this = &sources.entries[index];
        match (first.1.kind, this.1.kind) {
            (Kind::Allow, Kind::Allow) => {}
            (Kind::Allow, Kind::Replace) => displaced.push(key),
            (Kind::Replace, Kind::Allow) => {
                displaced.push(key);
                last.1 = index;
            }
            (Kind::Replace, Kind::Replace) => {
                let kind = if first.1.original == this.1.original {
                    DictionaryErrorKind::Duplicate {
                        spun: this.1.spun.clone(),
                        first: sources.location(first),
                    }
                } else {
                    DictionaryErrorKind::Conflict {
                        spun: this.1.spun.clone(),
                        original: this.1.original.clone(),
                        other: first.1.original.clone(),
                        first: sources.location(first),
                    }
                };
                let location = sources.location(this);
                let kind = Box::new(kind);
                errors.push((index, Error::Dictionary { location, kind }));
            }
        }
    }
    if let Some((_, error)) = errors.into_iter().min_by_key(|(i, _)| *i) {
        return Err(error);
    }
    Ok((unique, displaced))
}

impl Compiled {
    /// Compiles the gathered entries, checked as [`unique_keys`] says.
    pub fn build(sources: Sources) -> Result<Compiled, Error> {
        let (unique, mut displaced) = unique_keys(&sources)?;
        let prefilter = Prefilter::build(unique.iter().map(|(key, _)| key.as_bytes()));
        let allow_prefilter = Prefilter::build(
            unique
                .iter()
                .filter(|(_, index)| sources.entries[*index].1.kind == Kind::Allow)
                .map(|(key, _)| key.as_bytes()),
        );
        let mut builder = fst::raw::Builder::memory();
        let mut table = Table::default();
        let mut text_bytes = 0usize;
        // The map's value of each key, in the keys' order, for the word table.
        let mut values = Vec::with_capacity(unique.len());
        for (key, index) in &unique {
            let (dictionary, e) = &sources.entries[*index];
            text_bytes += e.spun.len() + e.original.len() + e.when.len();
            let limit = if *dictionary > u32::from(u16::MAX) {
                Some(("too many dictionaries", "65,536 dictionaries"))
            } else if u32::try_from(text_bytes).is_err() {
                Some(("too much text", "4 GiB of phrases"))
            } else {
                None
            };
            if let Some((what, limit)) = limit {
                return Err(Error::Dictionary {
                    location: sources.location(&sources.entries[*index]),
                    kind: Box::new(DictionaryErrorKind::TooLarge { what, limit }),
                });
            }
            let entry = Entry {
                spun: &e.spun,
                original: &e.original,
                when: &e.when,
                tier: e.tier,
                kind: e.kind,
                dictionary: *dictionary,
                line: e.line as u32,
            };
            let value = Value {
                index: table.push(entry),
                tier: e.tier,
                kind: e.kind,
                ruled: !e.when.is_empty(),
            };
            let value = value.encode();
            values.push(value);
            // ok: keys are sorted and unique, and a memory builder does no I/O.
            builder
                .insert(key.as_bytes(), value)
                .expect("sorted unique keys");
        }
        let words = WordMap::build(
            unique
                .iter()
                .zip(&values)
                .map(|((key, _), &value)| (key.as_bytes(), value)),
        );
        // ok: finishing an in-memory builder does no I/O, and its output is a valid FST.
        let bytes = builder.into_inner().expect("in-memory FST");
        // ok: the bytes were just written by fst's own builder.
        let fst = fst::raw::Fst::new(Cow::Owned(bytes)).expect("freshly built FST");
        displaced.sort();
        displaced.dedup();
        Compiled::assemble(
            fst,
            table,
            sources.dictionaries.clone(),
            (prefilter, allow_prefilter),
            words,
            displaced,
            Vec::new(),
        )
        .map_err(|(index, kind)| {
            let (dictionary, e) = &sources.entries[unique[index].1];
            let location = Location::new(
                sources.dictionaries[*dictionary as usize].to_string(),
                e.line,
            );
            Error::Dictionary {
                location,
                kind: Box::new(kind),
            }
        })
    }

    /// Puts a compiled dictionary together from its parts, decoding the
    /// root's transitions and parsing the rules. A rule that does not parse
    /// is returned with its entry's index. `hidden` lists, sorted, the
    /// entries of the table that the map does not reach (entries of a base
    /// that a layered entry took the place of). `words` is the map's word
    /// table.
    pub fn assemble(
        fst: fst::raw::Fst<Cow<'static, [u8]>>,
        entries: Table,
        dictionaries: Vec<Cow<'static, str>>,
        (prefilter, allow_prefilter): (Prefilter, Prefilter),
        words: WordMap,
        displaced: Vec<String>,
        hidden: Vec<usize>,
    ) -> Result<Compiled, (usize, DictionaryErrorKind)> {
        let mut rules = Vec::new();
        let mut has_allow = false;
        for (index, e) in entries.iter().enumerate() {
            has_allow |= e.kind == Kind::Allow;
            if !e.when.is_empty() {
                rules.push((index, Rule::parse(e.when).map_err(|k| (index, k))?));
            }
        }
        let originals = Originals::from_entries(
            entries
                .iter()
                .enumerate()
                .filter(|(i, _)| hidden.binary_search(i).is_err())
                .map(|(_, e)| e),
        );
        let mut root_next = vec![None; 256];
        for t in fst.root().transitions() {
            root_next[usize::from(t.inp)] = Some((t.addr, t.out.value()));
        }
        Ok(Compiled {
            has_allow,
            names: dictionaries.iter().map(|d| Arc::from(d.as_ref())).collect(),
            fst,
            entries,
            dictionaries,
            rules,
            root_next,
            prefilter,
            allow_prefilter,
            words,
            displaced,
            originals,
            layer: None,
            hidden,
            overrides: Vec::new(),
        })
    }

    /// This dictionary with the entries of `laid` laid over it (see
    /// [`crate::dict::layer`]): its own map, table prefix, rules and root
    /// table are kept as they are. A rule of a laid entry that does not
    /// parse is returned with the entry's index.
    pub fn laid_over(&self, laid: Laid) -> Result<Compiled, (usize, DictionaryErrorKind)> {
        let base = self.entries.len();
        let mut rules = self.rules.clone();
        let mut has_allow = self.has_allow;
        for index in base..laid.entries.len() {
            let e = laid.entries.get(index);
            has_allow |= e.kind == Kind::Allow;
            if !e.when.is_empty() {
                rules.push((index, Rule::parse(e.when).map_err(|k| (index, k))?));
            }
        }
        let hidden = laid.hidden;
        let originals = Originals::from_entries(
            laid.entries
                .iter()
                .enumerate()
                .filter(|(i, _)| hidden.binary_search(i).is_err())
                .map(|(_, e)| e),
        );
        // ok: the bytes are those of a map already in use.
        let fst = fst::raw::Fst::new(self.fst.as_inner().clone()).expect("a valid map");
        Ok(Compiled {
            fst,
            entries: laid.entries,
            names: laid
                .dictionaries
                .iter()
                .map(|d| Arc::from(d.as_ref()))
                .collect(),
            dictionaries: laid.dictionaries,
            has_allow,
            rules,
            root_next: self.root_next.clone(),
            words: self.words.clone(),
            prefilter: laid.prefilters.0,
            allow_prefilter: laid.prefilters.1,
            displaced: laid.displaced,
            originals,
            layer: Some(laid.layer),
            hidden,
            overrides: laid.overrides,
        })
    }

    /// Whether entry `index` is seen: reached by a map and not hidden.
    #[inline]
    pub fn reachable(&self, index: usize) -> bool {
        self.hidden.is_empty() || self.hidden.binary_search(&index).is_err()
    }

    /// Whether a key of the maps may start with byte `b` (a byte that is
    /// not a word character: the scanner's words go through the
    /// prefilter).
    #[inline]
    pub fn starts_with_byte(&self, b: u8) -> bool {
        self.root_next[usize::from(b)].is_some()
            || self
                .layer
                .as_ref()
                .is_some_and(|l| l.first_bytes[usize::from(b)])
    }

    /// Whether a key of the maps may start with the character `c`, which
    /// is outside ASCII and neither a word character nor whitespace: the
    /// first byte of its folded form must start one. A walk from `c` feeds
    /// that byte to the map first, so where it starts no key the walk
    /// finds nothing. (A character that folds to nothing may start any
    /// key.)
    ///
    /// Most such characters in text are quotes and dashes, which no key
    /// starts with.
    #[inline]
    pub fn starts_with_char(&self, c: char) -> bool {
        let mut first = None;
        fold_char(c, |f| {
            first.get_or_insert(f);
        });
        match first {
            Some(f) => {
                let mut buf = [0u8; 4];
                self.starts_with_byte(f.encode_utf8(&mut buf).as_bytes()[0])
            }
            None => true,
        }
    }

    /// Looks up the entry for a phrase, folding it first.
    pub fn get(&self, phrase: &str) -> Option<usize> {
        let key = fold_key(phrase);
        let maps = self
            .layer
            .as_ref()
            .map(|l| &l.fst)
            .into_iter()
            .chain([&self.fst]);
        maps.filter_map(|fst| fst.get(key.as_bytes()))
            .map(|output| Value::decode(output.value()).index)
            .find(|&index| self.reachable(index))
    }

    /// Where entry `index` was defined.
    pub fn location(&self, index: usize) -> Location {
        let e = self.entries.get(index);
        Location::new(
            Arc::clone(&self.names[e.dictionary as usize]),
            e.line as usize,
        )
    }

    /// Is entry `index` an allowed phrase that took an entry's place?
    pub fn displacing(&self, index: usize) -> bool {
        let e = self.entries.get(index);
        e.kind == Kind::Allow && self.displaced.binary_search(&fold_key(e.spun)).is_ok()
    }

    /// The rule of entry `index`, if it has one.
    pub fn rule(&self, index: usize) -> Option<&Rule> {
        let at = self.rules.binary_search_by_key(&index, |(i, _)| *i).ok()?;
        Some(&self.rules[at].1)
    }

    /// The bytes the compiled dictionary occupies: the map, the entry
    /// table and its strings, the rules and the lookup tables built at load.
    pub fn size_bytes(&self) -> usize {
        let rules = self.rules.len() * std::mem::size_of::<(usize, Rule)>();
        let root = self.root_next.len() * std::mem::size_of::<Option<(usize, u64)>>();
        let filters = self.prefilter.as_bytes().len()
            + self.allow_prefilter.as_bytes().len()
            + self.words.size();
        let layer = self.layer.as_ref().map_or(0, |l| l.fst.as_bytes().len());
        self.fst.as_bytes().len() + layer + self.entries.size_bytes() + rules + root + filters
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dict::source::parse;
    use crate::tier::Tier;

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
        let mut s = sources("planet war\tWorld War\tfix\ts\nclaimed\tsaid\tcontext\ts\n");
        s.add_allow("<allow>", "Planet War", 1).unwrap();
        let compiled = Compiled::build(s).unwrap();
        assert_eq!(compiled.entries.len(), 2);
        assert_eq!(compiled.entries.get(1).kind, Kind::Allow);
        assert_eq!(compiled.entries.get(0).tier, Tier::Context);
        assert!(compiled.has_allow);
        assert_eq!(compiled.displaced, ["planet war"]);
        assert_eq!(compiled.get("CLAIMED"), Some(0));
    }
}
