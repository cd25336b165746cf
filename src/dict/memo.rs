//! A small cache of numbers by byte key, one per thread and per use: the
//! last value each slot saw, direct-mapped by the key's hash.
//!
//! The words next to matches repeat ("the", "said", "of the"), and so do
//! the questions asked about them, while each answer costs walks of the
//! frequency maps. A [`Memo`] remembers answers by key. A slot keeps its
//! key's bytes, so an answer is only ever its own key's; a key longer than
//! a slot holds is not remembered at all.
//!
//! ```text
//! slot = hash(tag, key) mod slots
//! get: the slot's value if its tag and key are these
//! put: the slot is overwritten
//! ```

use std::cell::RefCell;
use std::thread::LocalKey;

/// The value of `key` under `tag` in this thread's `memo`: remembered, or
/// from `look`, then remembered. The memo is not borrowed while `look`
/// runs, so `look` may ask other memos (or this one).
pub(crate) fn remembered<const KEY: usize>(
    memo: &'static LocalKey<RefCell<Memo<KEY>>>,
    tag: u32,
    key: &[u8],
    look: impl FnOnce() -> u64,
) -> u64 {
    if let Some(value) = memo.with(|memo| memo.borrow().get(tag, key)) {
        return value;
    }
    let value = look();
    memo.with(|memo| memo.borrow_mut().put(tag, key, value));
    value
}

/// One thread's cache: slots of keys of up to `KEY` bytes.
pub(crate) struct Memo<const KEY: usize> {
    slots: Vec<Slot<KEY>>,
    /// How many slots to make on first use (a power of two).
    size: usize,
}

#[derive(Clone, Copy)]
struct Slot<const KEY: usize> {
    /// Which question the key was asked of (a map's number, say); 0 marks
    /// an empty slot.
    tag: u32,
    len: u8,
    key: [u8; KEY],
    value: u64,
}

impl<const KEY: usize> Memo<KEY> {
    /// An empty cache that makes `size` slots on first use, so that a
    /// thread that never asks holds none.
    pub const fn new(size: usize) -> Memo<KEY> {
        assert!(size.is_power_of_two() && KEY < 256);
        Memo {
            slots: Vec::new(),
            size,
        }
    }

    /// The value remembered for `key` under `tag`, if its slot still holds it.
    #[inline]
    pub fn get(&self, tag: u32, key: &[u8]) -> Option<u64> {
        let slot = self.slots.get(self.at(tag, key)?)?;
        (slot.tag == tag && &slot.key[..usize::from(slot.len)] == key).then_some(slot.value)
    }

    /// Remembers `value` for `key` under `tag` (a tag of 0 or a key longer
    /// than `KEY` is not remembered).
    pub fn put(&mut self, tag: u32, key: &[u8], value: u64) {
        let Some(at) = self.at(tag, key) else {
            return;
        };
        if self.slots.is_empty() {
            let empty = Slot {
                tag: 0,
                len: 0,
                key: [0; KEY],
                value: 0,
            };
            self.slots = vec![empty; self.size];
        }
        let slot = &mut self.slots[at];
        slot.tag = tag;
        slot.len = key.len() as u8;
        slot.key[..key.len()].copy_from_slice(key);
        slot.value = value;
    }

    /// The slot of `key` under `tag`, if such a key can be remembered.
    #[inline]
    fn at(&self, tag: u32, key: &[u8]) -> Option<usize> {
        if tag == 0 || key.len() > KEY {
            return None;
        }
        // FNV-1a, salted with the tag.
        let mut h = 0xCBF2_9CE4_8422_2325u64 ^ u64::from(tag);
        for &b in key {
            h = (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01B3);
        }
        Some((h >> 20) as usize & (self.size - 1))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_value_is_only_ever_its_own_keys() {
        let mut memo = Memo::<4>::new(2);
        assert_eq!(memo.get(1, b"ab"), None);
        memo.put(1, b"ab", 7);
        assert_eq!(memo.get(1, b"ab"), Some(7));
        // Another tag, a longer or shorter key: not this slot's.
        assert_eq!(memo.get(2, b"ab"), None);
        assert_eq!(memo.get(1, b"abc"), None);
        assert_eq!(memo.get(1, b"a"), None);
        // Two slots hold at most two keys; the last put wins its slot.
        for (i, key) in [&b"a"[..], b"b", b"c", b"d", b"ab"].iter().enumerate() {
            memo.put(1, key, i as u64);
            assert_eq!(memo.get(1, key), Some(i as u64));
        }
        // Tag 0 and keys longer than a slot are never remembered.
        memo.put(0, b"ab", 1);
        assert_eq!(memo.get(0, b"ab"), None);
        memo.put(1, b"abcde", 1);
        assert_eq!(memo.get(1, b"abcde"), None);
        assert_eq!(memo.get(1, b"ab"), Some(4));
    }
}
