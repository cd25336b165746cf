//! Word hashes: what the prefilter, the word table and the score know a
//! word by.
//!
//! A word is hashed by its folded bytes (ASCII lowercase, and `'` for
//! every apostrophe), eight at a time: each chunk of eight, read as a
//! little-endian number, is mixed in with one multiply, and the length
//! goes into the last. The scanner reads the letters of an ASCII word
//! eight at a time and hashes them as it reads them; the other readers
//! push one byte at a time. Both ways give the same hash (a test holds
//! them to it).

use crate::text::class;

/// The hash of a word: its folded bytes (ASCII lowercase, and `'` for
/// every apostrophe) taken eight at a time, as little-endian numbers, each
/// mixed in with a multiply, and the length last. The prefilter, the word
/// table and the score hash words with it, through a [`WordHasher`].
///
/// Reading eight bytes at once is what makes it cheap: a word of up to
/// seven letters costs one multiply, and two words of up to seven bytes
/// never share a hash (one step, a bijection of the bytes and the length).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct WordHash(u64);

impl WordHash {
    /// The hash's bits.
    #[inline]
    pub fn value(self) -> u64 {
        self.0
    }

    /// The hash of a word whose bytes are already folded.
    pub fn of(folded: &[u8]) -> WordHash {
        folded
            .iter()
            .fold(WordHasher::new(), |h, &b| h.push(b))
            .finish()
    }
}

/// A [`WordHash`] being computed, a byte or up to eight bytes at a time;
/// both ways give the same hash.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct WordHasher {
    /// The chunks of eight bytes taken so far, mixed.
    state: u64,
    /// The bytes of the chunk being filled, first byte lowest.
    pending: u64,
    /// The bytes pushed so far.
    len: u32,
}

const SEED: u64 = 0xCBF2_9CE4_8422_2325;
const MULTIPLIER: u64 = 0x9E37_79B9_7F4A_7C15;

/// Mixes one chunk into the state: a bijection of the chunk for a given
/// state, and of the state for a given chunk.
#[inline]
const fn round(state: u64, chunk: u64) -> u64 {
    (state ^ chunk).wrapping_mul(MULTIPLIER).rotate_left(29)
}

impl WordHasher {
    #[inline]
    pub const fn new() -> WordHasher {
        WordHasher {
            state: SEED,
            pending: 0,
            len: 0,
        }
    }

    /// Adds one folded byte.
    #[inline]
    pub const fn push(self, folded: u8) -> WordHasher {
        let fill = self.len % 8;
        let pending = self.pending | (folded as u64) << (8 * fill);
        if fill == 7 {
            WordHasher {
                state: round(self.state, pending),
                pending: 0,
                len: self.len + 1,
            }
        } else {
            WordHasher {
                state: self.state,
                pending,
                len: self.len + 1,
            }
        }
    }

    /// Pushes the ASCII letters and digits of `bytes` from `start` on,
    /// folded (`| 0x20` lowercases a letter and keeps a digit): eight at a
    /// time while eight bytes remain, then one at a time. Returns the
    /// hasher and where the letters and digits end.
    #[inline(always)]
    pub fn push_alnum(self, bytes: &[u8], start: usize) -> (WordHasher, usize) {
        let (mut hash, mut i) = (self, start);
        while let Some(chunk) = class::chunk_at(bytes, i) {
            let run = class::alnum_run(chunk);
            hash = hash.push_bytes(chunk | 0x2020_2020_2020_2020, run);
            i += run;
            if run < 8 {
                return (hash, i);
            }
        }
        while let Some(&b) = bytes.get(i).filter(|b| b.is_ascii_alphanumeric()) {
            hash = hash.push(b | 0x20);
            i += 1;
        }
        (hash, i)
    }

    /// Adds the `n` lowest bytes of `bytes` (`n` at most 8), first byte
    /// lowest, already folded: as `n` calls of [`WordHasher::push`].
    #[inline]
    pub fn push_bytes(self, bytes: u64, n: usize) -> WordHasher {
        debug_assert!(n <= 8);
        if n == 0 {
            return self;
        }
        let bytes = if n == 8 {
            bytes
        } else {
            bytes & ((1u64 << (8 * n)) - 1)
        };
        let fill = (self.len % 8) as usize;
        let pending = self.pending | bytes << (8 * fill);
        let len = self.len + n as u32;
        if fill + n < 8 {
            return WordHasher {
                state: self.state,
                pending,
                len,
            };
        }
        // The chunk is full; what is left of `bytes` starts the next one.
        let rest = if fill == 0 {
            0
        } else {
            bytes >> (8 * (8 - fill))
        };
        WordHasher {
            state: round(self.state, pending),
            pending: rest,
            len,
        }
    }

    /// The hash of a word of `n` folded bytes (fewer than eight), the
    /// lowest of `bytes`: what pushing them one by one and finishing gives,
    /// in one step.
    #[inline(always)]
    pub fn short_word(bytes: u64, n: usize) -> WordHash {
        debug_assert!(n < 8);
        let bytes = bytes & ((1u64 << (8 * n)) - 1);
        WordHash(round(SEED, bytes | (n as u64) << 56))
    }

    /// The hash of a word of `8 + n` folded bytes (`n` fewer than eight):
    /// the eight of `first`, then the lowest `n` of `rest`. What pushing
    /// them one by one and finishing gives, in two steps.
    #[inline(always)]
    pub fn medium_word(first: u64, rest: u64, n: usize) -> WordHash {
        debug_assert!(n < 8);
        let rest = rest & ((1u64 << (8 * n)) - 1);
        WordHash(round(round(SEED, first), rest | ((8 + n) as u64) << 56))
    }

    /// The hash of the bytes pushed. The length goes into the last chunk's
    /// top byte, which its bytes never fill.
    #[inline]
    pub const fn finish(self) -> WordHash {
        WordHash(round(
            self.state,
            self.pending | (self.len as u64 & 0xFF) << 56,
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hash_is_the_same_whichever_way_its_bytes_come() {
        let word = b"abcdefghijklmnopqrstuvwxyz0123456789";
        for len in 0..word.len() {
            let word = &word[..len];
            let want = WordHash::of(word);
            // Split into pieces of every size up to eight.
            for piece in 1..=8 {
                let mut hasher = WordHasher::new();
                for part in word.chunks(piece) {
                    let mut bytes = [0u8; 8];
                    bytes[..part.len()].copy_from_slice(part);
                    // Bytes beyond the piece must not count.
                    bytes[part.len()..].fill(b'#');
                    hasher = hasher.push_bytes(u64::from_le_bytes(bytes), part.len());
                }
                assert_eq!(hasher.finish(), want, "{len} by {piece}");
            }
        }
        // A short word in one step, whatever follows it in the chunk.
        for len in 1..8 {
            let mut bytes = *b"########";
            bytes[..len].copy_from_slice(&word[..len]);
            let short = WordHasher::short_word(u64::from_le_bytes(bytes), len);
            assert_eq!(short, WordHash::of(&word[..len]), "{len}");
        }
        // A word of eight to fifteen bytes in two.
        for len in 8..16 {
            let first = u64::from_le_bytes(word[..8].try_into().unwrap());
            let mut bytes = *b"########";
            bytes[..len - 8].copy_from_slice(&word[8..len]);
            let medium = WordHasher::medium_word(first, u64::from_le_bytes(bytes), len - 8);
            assert_eq!(medium, WordHash::of(&word[..len]), "{len}");
        }
        // Lengths that differ only by trailing zero bytes hash apart.
        assert_ne!(WordHash::of(b"ab"), WordHash::of(b"ab\0"));
        assert_ne!(WordHash::of(b""), WordHash::of(b"\0"));
    }
}
