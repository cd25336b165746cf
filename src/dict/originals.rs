//! The one-word originals of `context` entries, looked up by word hash:
//! what the spin score's balance signal counts.
//!
//! A spun story says "stated" and "mentioned" and hardly ever "said";
//! clean text that happens to say "stated" also says "said". So the score
//! weighs the `context` phrases a text uses against the originals it uses
//! ([`Score`](crate::Score)). Counting an original needs no walk of the
//! map: the scanner already hashes every ASCII word for the prefilter,
//! and this table answers "is this word an original, and which?" from the
//! hash. Originals of more than one word, or outside ASCII, are left out;
//! the one-word ones carry the signal.

use crate::dict::source::Kind;
use crate::dict::table::Entry;
use crate::text::hash::WordHash;
use crate::tier::Tier;

/// Word hash → slot, for the one-word originals of `context` entries.
#[derive(Debug, Clone, Default)]
pub(crate) struct Originals {
    /// One bit per hash bucket, set when an original falls in it: most
    /// words are ruled out here, in a table small enough to stay in the
    /// first-level cache, before the table of places is read.
    buckets: Vec<u64>,
    /// Open addressing: `(hash, slot)`, a hash of 0 marking an empty place.
    places: Vec<(u64, u32)>,
    /// `places.len() - 1`; the length is a power of two.
    mask: usize,
    /// How many distinct originals there are: slots run from 0 to this.
    slots: usize,
}

impl Originals {
    /// The one-word originals of the `context` entries of `entries`.
    pub fn from_entries<'e>(entries: impl Iterator<Item = Entry<'e>>) -> Originals {
        let mut hashes: Vec<u64> = entries
            .filter(|e| e.kind == Kind::Replace && e.tier == Tier::Context)
            .filter_map(|e| word_hash(e.original))
            .collect();
        hashes.sort_unstable();
        hashes.dedup();
        let size = (hashes.len() * 4).max(16).next_power_of_two();
        let mut originals = Originals {
            buckets: vec![0; BUCKET_WORDS],
            places: vec![(0, 0); size],
            mask: size - 1,
            slots: hashes.len(),
        };
        for (slot, hash) in hashes.into_iter().enumerate() {
            let (word, bit) = bucket(hash);
            originals.buckets[word] |= bit;
            let mut i = place(hash) & originals.mask;
            while originals.places[i].0 != 0 {
                i = (i + 1) & originals.mask;
            }
            originals.places[i] = (hash, slot as u32);
        }
        originals
    }

    /// How many distinct originals the table holds.
    pub fn len(&self) -> usize {
        self.slots
    }

    /// The slot of the word with this hash, if it is an original.
    #[inline]
    pub fn slot(&self, word: WordHash) -> Option<usize> {
        let hash = nonzero(word.value());
        let (bucket_word, bit) = bucket(hash);
        if self.buckets.get(bucket_word).is_none_or(|w| w & bit == 0) {
            return None;
        }
        let mut i = place(hash) & self.mask;
        loop {
            let (h, slot) = self.places[i];
            if h == hash {
                return Some(slot as usize);
            }
            if h == 0 {
                return None;
            }
            i = (i + 1) & self.mask;
        }
    }
}

/// The hash of `original` if it is one ASCII word (letters, digits and
/// apostrophes between them), folded to lowercase as the scanner folds it.
fn word_hash(original: &str) -> Option<u64> {
    let bytes = original.as_bytes();
    let word = |i: usize| {
        let b = bytes[i];
        b.is_ascii_alphanumeric()
            || (b == b'\'' && i > 0 && i + 1 < bytes.len() && bytes[i + 1].is_ascii_alphanumeric())
    };
    if bytes.is_empty() || !(0..bytes.len()).all(word) {
        return None;
    }
    let hash = WordHash::of(&original.to_ascii_lowercase().into_bytes());
    Some(nonzero(hash.value()))
}

/// Words of the bucket bitmap: 16,384 buckets in 2 KiB.
const BUCKET_WORDS: usize = 256;

/// The word and bit of a hash's bucket.
#[inline]
fn bucket(hash: u64) -> (usize, u64) {
    let b = (hash.wrapping_mul(0xD6E8_FEB8_6659_FD93) >> 50) as usize;
    (b / 64 % BUCKET_WORDS, 1u64 << (b % 64))
}

/// Hashes are stored non-zero: 0 marks an empty place.
#[inline]
fn nonzero(hash: u64) -> u64 {
    hash | 1
}

/// Where a hash's probe starts: its bits mixed once more, so that the low
/// bits of the place depend on all of them.
#[inline]
fn place(hash: u64) -> usize {
    (hash.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 32) as usize
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dict::table::Entry;
    use crate::dict::table::Table;

    fn entry<'a>(spun: &'a str, original: &'a str, tier: Tier) -> Entry<'a> {
        Entry {
            spun,
            original,
            when: "",
            tier,
            kind: Kind::Replace,
            dictionary: 0,
            line: 1,
        }
    }

    fn hash(word: &str) -> WordHash {
        WordHash::of(word.as_bytes())
    }

    #[test]
    fn one_word_originals_of_context_entries_only() {
        let mut table = Table::default();
        table.push(entry("stated", "said", Tier::Context));
        table.push(entry("mentioned", "said", Tier::Context));
        table.push(entry("folks", "People", Tier::Context));
        table.push(entry("by means of", "by", Tier::Context));
        table.push(entry(
            "regulation enforcement",
            "law enforcement",
            Tier::Context,
        ));
        table.push(entry("planet war", "world", Tier::Fix));
        table.push(entry("who've", "who've been", Tier::Context));
        table.push(entry("does not", "doesn't", Tier::Context));
        let originals = Originals::from_entries(table.iter());
        assert_eq!(originals.len(), 4, "said, people, by, doesn't");
        let slots: Vec<_> = ["said", "people", "by", "doesn't"]
            .iter()
            .map(|w| originals.slot(hash(w)).unwrap())
            .collect();
        let mut distinct = slots.clone();
        distinct.sort();
        distinct.dedup();
        assert_eq!(distinct, [0, 1, 2, 3]);
        for word in ["law", "world", "stated", "the", "been"] {
            assert_eq!(originals.slot(hash(word)), None, "{word}");
        }
    }
}
