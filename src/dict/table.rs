//! The compiled entry table, and the two codecs that point into it.
//!
//! A compiled dictionary is an `fst` map from folded key to a [`Value`],
//! plus this table of entries in the order of the values' indices. Each
//! entry is a fixed-size [record](RECORD) whose strings live in one shared
//! blob, so a table built at run time and one embedded in the binary are
//! the same bytes, read in place, with nothing decoded or allocated per
//! entry:
//!
//! | bytes | field |
//! |---|---|
//! | 0 | tier ([`Tier::code`]) |
//! | 1 | kind: 0 replace, 1 allow |
//! | 2..4 | dictionary index (u16) |
//! | 4..8 | line (u32) |
//! | 8..16 | spun phrase: offset and length in the blob (u32 each) |
//! | 16..24 | original: offset and length |
//! | 24..32 | context rule (the `when` column): offset and length |
//!
//! Numbers are little-endian. [`Fields`] is the one reader and writer of
//! this layout. The map's [`Value`] packs the entry's index with what the
//! scanner needs while it walks (tier, kind, whether a rule must be
//! checked), so a walk never reads the table.

use std::borrow::Cow;
use std::ops::Range;

use crate::dict::source::Kind;
use crate::tier::Tier;

/// Bytes of one record.
pub(crate) const RECORD: usize = 32;

/// One entry, borrowed from a table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Entry<'a> {
    pub spun: &'a str,
    pub original: &'a str,
    /// The context rule as written, or empty.
    pub when: &'a str,
    pub tier: Tier,
    pub kind: Kind,
    /// Index into the compiled dictionary's names.
    pub dictionary: u32,
    pub line: u32,
}

/// A record's fields, with its strings as spans of the blob.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Fields {
    tier: u8,
    kind: u8,
    dictionary: u16,
    line: u32,
    /// Spun phrase, original and rule.
    strings: [Range<usize>; 3],
}

impl Fields {
    #[inline]
    fn read(record: &[u8; RECORD]) -> Fields {
        let u32_at =
            |i: usize| u32::from_le_bytes([record[i], record[i + 1], record[i + 2], record[i + 3]]);
        let span = |i: usize| {
            let (offset, len) = (u32_at(i) as usize, u32_at(i + 4) as usize);
            offset..offset.saturating_add(len)
        };
        Fields {
            tier: record[0],
            kind: record[1],
            dictionary: u16::from_le_bytes([record[2], record[3]]),
            line: u32_at(4),
            strings: [span(8), span(16), span(24)],
        }
    }

    fn write(&self, out: &mut Vec<u8>) {
        out.push(self.tier);
        out.push(self.kind);
        out.extend_from_slice(&self.dictionary.to_le_bytes());
        out.extend_from_slice(&self.line.to_le_bytes());
        for span in &self.strings {
            out.extend_from_slice(&(span.start as u32).to_le_bytes());
            out.extend_from_slice(&(span.len() as u32).to_le_bytes());
        }
    }
}

/// A record's bytes as an array, so that reading its fields needs no
/// bounds checks.
#[inline]
fn record_array(bytes: &[u8]) -> &[u8; RECORD] {
    // ok: every caller passes a `chunks_exact(RECORD)` chunk or a slice of
    // `RECORD` bytes.
    bytes.first_chunk().expect("a whole record")
}

fn kind_code(kind: Kind) -> u8 {
    match kind {
        Kind::Replace => 0,
        Kind::Allow => 1,
    }
}

fn kind_from_code(code: u8) -> Option<Kind> {
    match code {
        0 => Some(Kind::Replace),
        1 => Some(Kind::Allow),
        _ => None,
    }
}

/// The entry table: records and the string blob they point into, owned
/// when compiled at run time, borrowed when embedded.
#[derive(Debug, Clone, Default)]
pub(crate) struct Table {
    records: Cow<'static, [u8]>,
    strings: Cow<'static, str>,
}

impl Table {
    /// Appends an entry; returns its index.
    pub fn push(&mut self, entry: Entry<'_>) -> usize {
        let strings = self.strings.to_mut();
        let mut span = |text: &str| {
            let start = strings.len();
            strings.push_str(text);
            start..strings.len()
        };
        let fields = Fields {
            tier: entry.tier.code(),
            kind: kind_code(entry.kind),
            dictionary: entry.dictionary as u16,
            line: entry.line,
            strings: [span(entry.spun), span(entry.original), span(entry.when)],
        };
        fields.write(self.records.to_mut());
        self.len() - 1
    }

    /// A table from embedded records and strings, each record checked, so
    /// that reading entries later cannot fail. `dictionaries` is how many
    /// dictionary names there are.
    pub fn from_static(
        records: &'static [u8],
        strings: &'static str,
        dictionaries: usize,
    ) -> Result<Table, String> {
        if records.len() % RECORD != 0 {
            return Err("the entry table is cut short".into());
        }
        for (index, record) in records.chunks_exact(RECORD).enumerate() {
            let f = Fields::read(record_array(record));
            let in_blob = |span: &Range<usize>| {
                span.end <= strings.len()
                    && strings.is_char_boundary(span.start)
                    && strings.is_char_boundary(span.end)
            };
            if Tier::from_code(f.tier).is_none()
                || kind_from_code(f.kind).is_none()
                || usize::from(f.dictionary) >= dictionaries
                || !f.strings.iter().all(in_blob)
            {
                return Err(format!("entry record {index} is malformed"));
            }
        }
        Ok(Table {
            records: Cow::Borrowed(records),
            strings: Cow::Borrowed(strings),
        })
    }

    /// The records and the string blob, for embedding.
    pub fn as_parts(&self) -> (&[u8], &str) {
        (&self.records, &self.strings)
    }

    pub fn len(&self) -> usize {
        self.records.len() / RECORD
    }

    /// The entry at `index`, which comes from the map and so is in range.
    #[inline]
    pub fn get(&self, index: usize) -> Entry<'_> {
        let f = Fields::read(record_array(
            &self.records[index * RECORD..(index + 1) * RECORD],
        ));
        let [spun, original, when] = f.strings.map(|span| &self.strings[span]);
        Entry {
            spun,
            original,
            when,
            // Checked when the table was made (pushed or loaded).
            tier: Tier::from_code(f.tier).unwrap_or(Tier::Fix),
            kind: kind_from_code(f.kind).unwrap_or(Kind::Replace),
            dictionary: u32::from(f.dictionary),
            line: f.line,
        }
    }

    pub fn iter(&self) -> impl Iterator<Item = Entry<'_>> + '_ {
        (0..self.len()).map(move |i| self.get(i))
    }

    /// The bytes the table occupies.
    pub fn size_bytes(&self) -> usize {
        self.records.len() + self.strings.len()
    }
}

/// What the map's value says about an entry: its index in the table and
/// what the scanner needs to know while it walks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Value {
    pub index: usize,
    pub tier: Tier,
    pub kind: Kind,
    /// The entry has a context rule to check where it matches.
    pub ruled: bool,
}

/// Bits of a value below the index: the tier's code (two bits, room for
/// four tiers), the kind, and whether the entry has a rule.
const VALUE_FLAGS: u32 = 4;
const _: () = assert!(
    Tier::ALL.len() <= 4,
    "a tier code takes two bits of a map value"
);

impl Value {
    /// The map value.
    pub fn encode(self) -> u64 {
        ((self.index as u64) << VALUE_FLAGS)
            | (u64::from(self.ruled) << 3)
            | (u64::from(kind_code(self.kind)) << 2)
            | u64::from(self.tier.code())
    }

    /// Reads a map value written by [`Value::encode`].
    #[inline]
    pub fn decode(value: u64) -> Value {
        Value {
            index: (value >> VALUE_FLAGS) as usize,
            tier: Tier::from_code((value & 3) as u8).unwrap_or(Tier::Fix),
            kind: if value & 4 == 0 {
                Kind::Replace
            } else {
                Kind::Allow
            },
            ruled: value & 8 != 0,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_and_values_round_trip() {
        let mut table = Table::default();
        let entries = [
            Entry {
                spun: "planet war",
                original: "World War",
                when: "",
                tier: Tier::Fix,
                kind: Kind::Replace,
                dictionary: 0,
                line: 12,
            },
            Entry {
                spun: "claimed",
                original: "said",
                when: "after:@name",
                tier: Tier::Context,
                kind: Kind::Replace,
                dictionary: 1,
                line: 7,
            },
            Entry {
                spun: "navy blue",
                original: "",
                when: "",
                tier: Tier::Fix,
                kind: Kind::Allow,
                dictionary: 1,
                line: 3,
            },
        ];
        for (i, e) in entries.iter().enumerate() {
            assert_eq!(table.push(*e), i);
        }
        assert_eq!(table.iter().collect::<Vec<_>>(), entries);
        let (records, strings) = table.as_parts();
        let records: &'static [u8] = Box::leak(records.to_vec().into_boxed_slice());
        let strings: &'static str = Box::leak(strings.to_string().into_boxed_str());
        let loaded = Table::from_static(records, strings, 2).unwrap();
        assert_eq!(loaded.iter().collect::<Vec<_>>(), entries);
        assert_eq!(
            Table::from_static(records, strings, 1).unwrap_err(),
            "entry record 1 is malformed"
        );
        for tier in Tier::ALL {
            for kind in [Kind::Replace, Kind::Allow] {
                for ruled in [false, true] {
                    let v = Value {
                        index: 12_345,
                        tier,
                        kind,
                        ruled,
                    };
                    assert_eq!(Value::decode(v.encode()), v);
                }
            }
        }
    }
}
