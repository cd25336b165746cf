//! The map's keys by whole words: a hash table of every key prefix that
//! ends at a word, so that the scanner walks a phrase in one probe per
//! word instead of one `fst` transition per byte.
//!
//! Most keys are *plain*: ASCII words (letters, digits, apostrophes between
//! them, as [`token_at`] reads them) separated by single spaces, such as
//! `regulation enforcement` or `don't`. For those, matching a text
//! character by character against the folded key comes down to matching
//! it word by word, where words are separated by any run of whitespace.
//! So the table holds, for every plain key `w1 w2 … wn`, the prefixes
//! `w1`, `w1 w2`, …, each under a hash of its words' hashes, and says of
//! each:
//!
//! * whether a key ends there (which one: its bytes are kept, and a hit is
//!   checked against them, so a hash collision can never make a match);
//! * whether a key goes on with a space and another ASCII word (`MORE`);
//! * whether a key that is not plain goes on from there in some other way
//!   (`COMPLEX`): `u.s. army` after `u`, `12 months-old` after
//!   `12 months`. One that goes on with a space and a word with a
//!   character outside ASCII (`coup d'état` after `coup`) sets `MORE` too,
//!   so that the scanner reads the text's next word, finds it is not ASCII
//!   either, and leaves the walk to the map.
//!
//! The scanner walks the table while the text goes on with whitespace and
//! an ASCII word; where it goes on otherwise and a key might too, it walks
//! the `fst` map from the start instead. A key might where the prefix is
//! `COMPLEX` and the text's next byte is of a class such a key goes on with
//! (the payload keeps six classes: whitespace, `-`, `.`, `'`, other ASCII,
//! outside ASCII; `12 months.` is not walked again for `12 months-old`),
//! or where the prefix has `MORE` and a character outside ASCII comes
//! next, which might be a space such as U+00A0. The map
//! stays the source of truth: the table is derived from it and only ever
//! answers as a walk of it would.
//!
//! A counter-example that pins the rule down: with the keys `a b` and
//! `a-b`, the text `a  b` (two spaces) matches `a b` in the table alone;
//! `a-b` sends the walk to the map (`COMPLEX` after `a`, and the text goes
//! on with `-`); `a\u{a0}b` (a no-break space) also goes to the map
//! (`MORE` after `a`, and the text goes on outside ASCII), which folds the
//! no-break space to a space and matches `a b`.

use std::borrow::Cow;

use crate::dict::prefilter::{mix, token_at, Token};
use crate::text::fold::fold_ascii;
use crate::text::hash::WordHash;

/// A key goes on from this prefix with a space and an ASCII word.
pub(crate) const MORE: u32 = 1 << 31;
/// A key that is not plain goes on from this prefix.
pub(crate) const COMPLEX: u32 = 1 << 30;
/// With [`COMPLEX`]: which bytes the keys that go on from the prefix
/// otherwise go on with, right after its last word, by class (see
/// [`follow_class`]). Text that goes on with a byte of no class here
/// matches none of them, and needs no walk of the map.
const FOLLOW_SHIFT: u32 = 24;
const FOLLOW_BITS: u32 = 0x3F << FOLLOW_SHIFT;
/// The bits of a payload that hold the index of the key ending there, plus
/// one (zero: none).
const KEY_BITS: u32 = (1 << FOLLOW_SHIFT) - 1;
/// Two prefixes that the table cannot tell apart: walk the map instead.
pub(crate) const AMBIGUOUS: u32 = u32::MAX;

/// Bytes per key record: the map's value (u64), then the key's offset and
/// length in the blob (u32 each).
const KEY_RECORD: usize = 16;

const SEQUENCE: u64 = 0x4528_21E6_38D0_1377;

/// The hash of a prefix's first word.
#[inline]
pub(crate) fn first_word(word: WordHash) -> u64 {
    mix(word.value() ^ SEQUENCE)
}

/// The hash of a prefix whose hash is `prefix`, followed by `word`.
#[inline]
pub(crate) fn next_word(prefix: u64, word: WordHash) -> u64 {
    mix(prefix.rotate_left(29) ^ word.value())
}

/// The identity a slot keeps of a prefix's hash (never zero, which marks
/// an empty slot).
#[inline]
fn fingerprint(hash: u64) -> u32 {
    ((hash >> 32) as u32).max(1)
}

/// The table (see the module docs).
#[derive(Clone)]
pub(crate) struct WordMap {
    /// Slots of 8 bytes, little-endian: the fingerprint in the high half,
    /// the payload in the low half; zero when empty.
    slots: Cow<'static, [u8]>,
    /// The number of slots less one (a power of two less one).
    mask: usize,
    /// Key records ([`KEY_RECORD`] bytes each).
    keys: Cow<'static, [u8]>,
    /// The plain keys' bytes.
    blob: Cow<'static, [u8]>,
}

impl std::fmt::Debug for WordMap {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WordMap")
            .field("slots", &(self.mask + 1))
            .field("keys", &(self.keys.len() / KEY_RECORD))
            .finish()
    }
}

/// What a key's words say about it: its ASCII words, read as the scanner
/// reads text (each word's hash and where it ends in the key), and how the
/// key goes on after them.
struct KeyWords {
    words: Vec<(WordHash, usize)>,
    rest: Rest,
}

/// How a key goes on after the ASCII words the table can hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Rest {
    /// It does not: the key is plain.
    Nothing,
    /// With a space and a word that has a character outside ASCII
    /// (`coup d'état` after `coup`): the scanner reads that word of the
    /// text as it reads the next ASCII word, and leaves it to the map.
    Word,
    /// Otherwise: punctuation, a character outside ASCII after a space, or
    /// two spaces' worth of something the scanner reads as one.
    Other,
}

/// The class bit (among [`FOLLOW_BITS`]) of the byte a key goes on with
/// after a prefix, or of the text's byte there, folded as the map folds
/// it: whitespace, `-`, `.`, `'`, other ASCII, or a byte outside ASCII.
/// (A letter or digit would continue the word, so it is never one.)
#[inline]
fn follow_class(b: Option<u8>) -> u32 {
    let class = match b.map(fold_ascii) {
        Some(b' ') => 0,
        Some(b'-') => 1,
        Some(b'.') => 2,
        Some(b'\'') => 3,
        Some(b) if b < 0x80 => 4,
        _ => 5,
    };
    1 << (FOLLOW_SHIFT + class)
}

/// Reads a folded key as the scanner reads text: ASCII words joined by
/// single spaces for as long as that lasts. A key whose first word is not
/// ASCII (or that does not start with a word) yields no words, and no text
/// that starts with an ASCII word can match it.
fn key_words(key: &[u8]) -> KeyWords {
    let mut words = Vec::new();
    let mut i = 0;
    let rest = loop {
        if !key.get(i).is_some_and(u8::is_ascii_alphanumeric) {
            break Rest::Other;
        }
        let Token::Ascii { end, hash } = token_at(key, i) else {
            // A word that starts in ASCII and has a character outside it.
            break if words.is_empty() {
                Rest::Other
            } else {
                Rest::Word
            };
        };
        words.push((hash, end));
        match key.get(end) {
            None => break Rest::Nothing,
            Some(b' ') => i = end + 1,
            Some(_) => break Rest::Other,
        }
    };
    KeyWords { words, rest }
}

impl WordMap {
    /// Builds the table for the map's keys and values, in any order.
    pub fn build<'k>(keys: impl Iterator<Item = (&'k [u8], u64)>) -> WordMap {
        // Every prefix by its full hash, with its payload and its bytes.
        let mut prefixes: std::collections::HashMap<u64, (u32, &[u8])> =
            std::collections::HashMap::new();
        let mut records = Vec::new();
        let mut blob = Vec::new();
        for (key, value) in keys {
            let KeyWords { words, rest } = key_words(key);
            let last = words.len().saturating_sub(1);
            let mut hash = 0;
            for (n, &(word, end)) in words.iter().enumerate() {
                hash = if n == 0 {
                    first_word(word)
                } else {
                    next_word(hash, word)
                };
                let bits = if n < last {
                    MORE
                } else {
                    match rest {
                        Rest::Nothing => {
                            let index = records.len() / KEY_RECORD + 1;
                            match u32::try_from(index).ok().filter(|&i| i < KEY_BITS) {
                                Some(index) => {
                                    records.extend_from_slice(&value.to_le_bytes());
                                    records.extend_from_slice(&(blob.len() as u32).to_le_bytes());
                                    records.extend_from_slice(&(key.len() as u32).to_le_bytes());
                                    blob.extend_from_slice(key);
                                    index
                                }
                                // Beyond 2^24 keys there is no room for the index.
                                None => AMBIGUOUS,
                            }
                        }
                        // The scanner reads the text's next word, finds it
                        // is not ASCII, and leaves the walk to the map.
                        Rest::Word => MORE | COMPLEX | follow_class(key.get(end).copied()),
                        Rest::Other => COMPLEX | follow_class(key.get(end).copied()),
                    }
                };
                let prefix = &key[..end];
                let slot = prefixes.entry(hash).or_insert((0, prefix));
                if slot.1 != prefix || bits == AMBIGUOUS {
                    // Two prefixes with one hash (words that hash alike
                    // included): leave them to the map.
                    slot.0 = AMBIGUOUS;
                } else if slot.0 != AMBIGUOUS {
                    slot.0 |= bits;
                }
            }
        }
        let size = (prefixes.len() + prefixes.len() / 4 + 1)
            .next_power_of_two()
            .max(16);
        let mask = size - 1;
        let mut slots = vec![0u64; size];
        let mut sorted: Vec<(u64, u32)> = prefixes.into_iter().map(|(h, (p, _))| (h, p)).collect();
        // Insert in a fixed order, so the same keys give the same bytes.
        sorted.sort_unstable();
        for (hash, payload) in sorted {
            let fp = fingerprint(hash);
            let mut i = hash as usize & mask;
            loop {
                let slot = slots[i];
                if slot == 0 {
                    slots[i] = u64::from(fp) << 32 | u64::from(payload);
                    break;
                }
                if (slot >> 32) as u32 == fp {
                    // Another prefix the lookup would take for this one.
                    slots[i] = u64::from(fp) << 32 | u64::from(AMBIGUOUS);
                    break;
                }
                i = (i + 1) & mask;
            }
        }
        WordMap {
            slots: Cow::Owned(slots.iter().flat_map(|s| s.to_le_bytes()).collect()),
            mask,
            keys: Cow::Owned(records),
            blob: Cow::Owned(blob),
        }
    }

    /// Wraps the parts written by [`WordMap::as_parts`], checking that the
    /// key records point inside the blob.
    pub fn from_parts(
        slots: Cow<'static, [u8]>,
        keys: Cow<'static, [u8]>,
        blob: Cow<'static, [u8]>,
    ) -> Result<WordMap, String> {
        let count = slots.len() / 8;
        if slots.len() % 8 != 0 || !count.is_power_of_two() || count < 16 {
            return Err(format!("word table of {} bytes", slots.len()));
        }
        if keys.len() % KEY_RECORD != 0 {
            return Err(format!("word table keys of {} bytes", keys.len()));
        }
        let map = WordMap {
            slots,
            mask: count - 1,
            keys,
            blob,
        };
        if (0..count).all(|i| map.slot(i) != 0) {
            return Err("word table without an empty slot".into());
        }
        for key in 0..map.keys.len() / KEY_RECORD {
            let (offset, len) = map.key_span(key);
            if offset
                .checked_add(len)
                .is_none_or(|end| end > map.blob.len())
            {
                return Err(format!("word table key {key} is out of bounds"));
            }
        }
        for i in 0..count {
            let payload = map.slot(i) as u32;
            if payload == AMBIGUOUS {
                continue;
            }
            if (payload & KEY_BITS) as usize > map.keys.len() / KEY_RECORD {
                return Err(format!("word table slot {i} names no key"));
            }
            if (payload & FOLLOW_BITS != 0) != (payload & COMPLEX != 0) {
                return Err(format!(
                    "word table slot {i}: keys going on otherwise without their bytes"
                ));
            }
        }
        Ok(map)
    }

    /// The table's slots, key records and blob, for [`WordMap::from_parts`].
    pub fn as_parts(&self) -> [&[u8]; 3] {
        [&self.slots, &self.keys, &self.blob]
    }

    /// The bytes the table takes.
    pub fn size(&self) -> usize {
        self.slots.len() + self.keys.len() + self.blob.len()
    }

    #[inline]
    fn slot(&self, i: usize) -> u64 {
        u64_at(&self.slots, i * 8)
    }

    /// The payload of the prefix whose hash is `hash`, if the table has
    /// one under it: the [`MORE`] and [`COMPLEX`] bits and the key (see
    /// [`WordMap::key_of`]), or [`AMBIGUOUS`]. A prefix of the text that
    /// is no key's may be answered for too, when its hash's fingerprint
    /// and slot agree with a key prefix's; keys are checked, so that only
    /// costs a probe more.
    #[inline]
    pub fn probe(&self, hash: u64) -> Option<u32> {
        let fp = fingerprint(hash);
        let mut i = hash as usize & self.mask;
        loop {
            let slot = self.slot(i);
            if slot == 0 {
                return None;
            }
            if (slot >> 32) as u32 == fp {
                return Some(slot as u32);
            }
            i = (i + 1) & self.mask;
        }
    }

    /// Whether a key that is not plain may go on from a prefix with this
    /// payload where the text goes on with `next` (the byte right after
    /// the prefix's last word, if any) otherwise than with whitespace and
    /// an ASCII word. A byte outside ASCII may fold to anything, so it
    /// always may (its class is not read here; it records that some key
    /// goes on outside ASCII, so that every `COMPLEX` prefix has a class).
    #[inline]
    pub fn goes_on(payload: u32, next: Option<u8>) -> bool {
        payload & COMPLEX != 0
            && next.is_some_and(|b| b >= 0x80 || payload & follow_class(Some(b)) != 0)
    }

    /// The key a payload says ends at its prefix, if any.
    #[inline]
    pub fn key_of(payload: u32) -> Option<usize> {
        match payload & KEY_BITS {
            0 => None,
            n => Some(n as usize - 1),
        }
    }

    fn key_span(&self, key: usize) -> (usize, usize) {
        let span = u64_at(&self.keys, key * KEY_RECORD + 8);
        // The offset in the low half, the length in the high.
        ((span & 0xFFFF_FFFF) as usize, (span >> 32) as usize)
    }

    /// The map's value for `key`.
    #[inline]
    pub fn value(&self, key: usize) -> u64 {
        u64_at(&self.keys, key * KEY_RECORD)
    }

    /// Whether the words of `text` at `spans` (ASCII words, in order) are
    /// `key`'s, once folded.
    pub fn is_key(&self, key: usize, text: &[u8], spans: &[(usize, usize)]) -> bool {
        let (offset, len) = self.key_span(key);
        let key = &self.blob[offset..offset + len];
        let mut at = 0;
        for (n, &(start, end)) in spans.iter().enumerate() {
            if n > 0 {
                if key.get(at) != Some(&b' ') {
                    return false;
                }
                at += 1;
            }
            let word = &text[start..end];
            let Some(part) = key.get(at..at + word.len()) else {
                return false;
            };
            if !part
                .iter()
                .zip(word)
                .all(|(k, w)| *k == w.to_ascii_lowercase())
            {
                return false;
            }
            at += word.len();
        }
        at == key.len()
    }
}

/// The little-endian u64 at byte `at` of `bytes`.
#[inline]
fn u64_at(bytes: &[u8], at: usize) -> u64 {
    let mut b = [0u8; 8];
    b.copy_from_slice(&bytes[at..at + 8]);
    u64::from_le_bytes(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hash(word: &str) -> WordHash {
        WordHash::of(word.as_bytes())
    }

    fn prefix(words: &[&str]) -> u64 {
        let mut h = first_word(hash(words[0]));
        for w in &words[1..] {
            h = next_word(h, hash(w));
        }
        h
    }

    fn map(keys: &[&str]) -> WordMap {
        WordMap::build(
            keys.iter()
                .enumerate()
                .map(|(i, k)| (k.as_bytes(), i as u64 * 100)),
        )
    }

    #[test]
    fn plain_keys_are_words_joined_by_single_spaces() {
        let rest = |key: &[u8]| key_words(key).rest;
        assert_eq!(rest(b"regulation enforcement"), Rest::Nothing);
        assert_eq!(rest(b"don't"), Rest::Nothing);
        assert_eq!(rest(b"u.s. army"), Rest::Other);
        let hashes = |key: &[u8]| key_words(key).words.iter().map(|w| w.0).collect::<Vec<_>>();
        assert_eq!(hashes(b"u.s. army"), [hash("u")]);
        assert_eq!(key_words(b"12 months-old").words[1].1, "12 months".len());
        assert_eq!(rest(b"12 months-old"), Rest::Other);
        assert_eq!(hashes(b"12 months-old").len(), 2);
        assert!(hashes(b"-fold").is_empty());
        assert!(hashes(b"caf\xc3\xa9").is_empty());
        assert_eq!(rest(b"parents'"), Rest::Other);
        // A word that starts in ASCII and goes on outside it.
        assert_eq!(rest("coup d'e\u{301}tat".as_bytes()), Rest::Word);
        assert_eq!(hashes("coup d'e\u{301}tat".as_bytes()), [hash("coup")]);
        assert_eq!(rest("prototypical \u{3b2}-glucan".as_bytes()), Rest::Other);
    }

    #[test]
    fn a_prefix_knows_what_its_other_keys_go_on_with() {
        let m = map(&["12 months-old", "u.s. army", "coup d'\u{e9}tat", "a b"]);
        let months = m.probe(prefix(&["12", "months"])).unwrap();
        assert!(WordMap::goes_on(months, Some(b'-')));
        assert!(!WordMap::goes_on(months, Some(b'.')));
        assert!(!WordMap::goes_on(months, Some(b' ')));
        assert!(!WordMap::goes_on(months, None));
        // A byte outside ASCII may fold to `-` (U+2010 does).
        assert!(WordMap::goes_on(months, Some(0xE2)));
        let u = m.probe(prefix(&["u"])).unwrap();
        assert!(WordMap::goes_on(u, Some(b'.')));
        assert!(!WordMap::goes_on(u, Some(b'-')));
        // Whitespace of any kind folds to the key's space.
        let coup = m.probe(prefix(&["coup"])).unwrap();
        assert!(WordMap::goes_on(coup, Some(b'\t')));
        // A plain prefix has nothing to go on with otherwise.
        let a = m.probe(prefix(&["a"])).unwrap();
        assert!(!WordMap::goes_on(a, Some(b'-')) && !WordMap::goes_on(a, Some(b' ')));
    }

    #[test]
    fn prefixes_say_what_goes_on_from_them() {
        let m = map(&["a b", "a-b", "a b c", "said"]);
        let a = m.probe(prefix(&["a"])).unwrap();
        assert_eq!(a & (MORE | COMPLEX), MORE | COMPLEX);
        assert_eq!(WordMap::key_of(a), None);
        let ab = m.probe(prefix(&["a", "b"])).unwrap();
        assert_eq!(ab & (MORE | COMPLEX), MORE);
        let key = WordMap::key_of(ab).unwrap();
        assert_eq!(m.value(key), 0);
        let text = b"A   B";
        assert!(m.is_key(key, text, &[(0, 1), (4, 5)]));
        assert!(!m.is_key(key, text, &[(0, 1)]));
        assert!(!m.is_key(key, b"a bb", &[(0, 1), (2, 4)]));
        let said = m.probe(prefix(&["said"])).unwrap();
        assert_eq!(said & (MORE | COMPLEX), 0);
        assert_eq!(m.value(WordMap::key_of(said).unwrap()), 300);
        assert_eq!(m.probe(prefix(&["b"])), None);
        assert_eq!(m.probe(prefix(&["b", "a"])), None);
    }

    #[test]
    fn the_parts_round_trip_and_are_checked() {
        let m = map(&["a b", "said", "u.s. army"]);
        let [slots, keys, blob] = m
            .as_parts()
            .map(|p| Cow::<'static, [u8]>::Owned(p.to_vec()));
        let loaded = WordMap::from_parts(slots.clone(), keys.clone(), blob).unwrap();
        assert_eq!(loaded.as_parts(), m.as_parts());
        let short = Cow::Owned(b"ab".to_vec());
        assert!(WordMap::from_parts(slots, keys, short).is_err());
    }
}
