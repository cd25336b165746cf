//! What a byte is to the word rules, read from a table: one load per byte
//! instead of a chain of comparisons, on the ASCII fast paths of the
//! scanner and the prefilter. [`crate::text::words`] defines the rules; this
//! table only sorts bytes by them.

/// An ASCII letter or digit.
pub(crate) const WORD: u8 = 1;
/// ASCII whitespace: tab, line feed, vertical tab, form feed, carriage
/// return, space (what [`crate::text::fold::fold_ascii`] folds to a space).
pub(crate) const SPACE: u8 = 2;
/// The ASCII apostrophe, a word character only between two others.
pub(crate) const QUOTE: u8 = 3;
/// A byte of a character outside ASCII.
pub(crate) const HIGH: u8 = 4;
/// Any other ASCII byte: punctuation, symbols, control characters.
pub(crate) const OTHER: u8 = 0;

static TABLE: [u8; 256] = {
    let mut table = [OTHER; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        table[b] = if c >= 0x80 {
            HIGH
        } else if c.is_ascii_alphanumeric() {
            WORD
        } else if matches!(c, b' ' | 9..=13) {
            SPACE
        } else if c == b'\'' {
            QUOTE
        } else {
            OTHER
        };
        b += 1;
    }
    table
};

/// The class of byte `b`.
#[inline(always)]
pub(crate) fn of(b: u8) -> u8 {
    TABLE[usize::from(b)]
}

/// Eight bytes at once (`chunk`, the first byte lowest): the high bit of
/// each byte that is an ASCII letter or digit, and of each that is an
/// ASCII apostrophe. Bytes outside ASCII are neither.
#[inline]
pub(crate) fn alnum_and_apostrophes(chunk: u64) -> (u64, u64) {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // The high bit of each byte strictly between `low` and `high`, for
    // bytes below 0x80: the high bits are cleared first, and the bytes
    // that had one are masked out after.
    let x = chunk & !HIGH;
    let between = |low: u64, high: u64, x: u64| {
        (ONES * (127 + high) - x) & !x & (x + ONES * (127 - low)) & HIGH & !chunk
    };
    let alnum = between(0x60, 0x7B, x | (ONES * 0x20)) | between(0x2F, 0x3A, x);
    (alnum, between(0x26, 0x28, x))
}

/// The eight bytes of `bytes` from `at` on as one number, the first byte
/// lowest: what the functions below read. `None` when fewer than eight
/// are left.
#[inline(always)]
pub(crate) fn chunk_at(bytes: &[u8], at: usize) -> Option<u64> {
    let eight = bytes.get(at..at + 8)?;
    let mut chunk = [0u8; 8];
    chunk.copy_from_slice(eight);
    Some(u64::from_le_bytes(chunk))
}

/// Up to sixteen bytes classified at once: one bit per byte, the first
/// byte lowest, for each class the word rules need.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Sixteen {
    /// ASCII letters and digits.
    pub alnum: u32,
    /// ASCII apostrophes.
    pub apostrophes: u32,
    /// Bytes outside ASCII.
    pub high: u32,
    /// How many bytes were read: sixteen, or fewer at the end of the slice
    /// (the bits of the missing ones are clear).
    pub len: usize,
}

impl Sixteen {
    /// The sixteen bytes of `bytes` from `at` on (those left, at its end),
    /// in one pass of 16-byte vector compares where the target has them;
    /// `None` when none are left.
    #[inline(always)]
    pub fn at(bytes: &[u8], at: usize) -> Option<Sixteen> {
        if let Some(block) = bytes.get(at..at + 16) {
            return <&[u8; 16]>::try_from(block)
                .ok()
                .map(|b| Sixteen::of(b, 16));
        }
        let rest = bytes.get(at..).filter(|rest| !rest.is_empty())?;
        // Byte by byte: a copy of a length not known here would be a call.
        let block = std::array::from_fn(|k| rest.get(k).copied().unwrap_or(0));
        Some(Sixteen::of(&block, rest.len()))
    }

    /// The sixteen bytes of `bytes` from `at` on, classified, and as two
    /// numbers (the first byte lowest); `None` when fewer than sixteen are
    /// left.
    #[inline(always)]
    pub fn with_chunks(bytes: &[u8], at: usize) -> Option<(Sixteen, [u64; 2])> {
        let block = <&[u8; 16]>::try_from(bytes.get(at..at + 16)?).ok()?;
        let (low, high) = block.split_at(8);
        let chunks = [
            u64::from_le_bytes(low.try_into().ok()?),
            u64::from_le_bytes(high.try_into().ok()?),
        ];
        Some((Sixteen::of(block, 16), chunks))
    }

    /// Whether all sixteen bytes were read, are ASCII, and the last is not
    /// an apostrophe: [`Sixteen::ascii_prefix`] is 16.
    #[inline(always)]
    pub fn all_ascii(self) -> bool {
        self.len == 16 && (self.high | self.apostrophes & 0x8000) == 0
    }

    /// How many of the bytes from the first on are ASCII, less an
    /// apostrophe at their end: those the word rules decide from the block
    /// alone (an apostrophe belongs to a word when a word character follows
    /// it, and the character after the block is not known).
    #[inline(always)]
    pub fn ascii_prefix(self) -> usize {
        let mut n = (self.high.trailing_zeros() as usize).min(self.len);
        if n > 0 && self.apostrophes >> (n - 1) & 1 == 1 {
            n -= 1;
        }
        n
    }

    #[inline(always)]
    fn of(block: &[u8; 16], len: usize) -> Sixteen {
        use wide::{i8x16, CmpEq, CmpLt};
        let v = i8x16::new(block.map(|b| b as i8));
        // Each range is moved to start at -128, so that one signed
        // comparison tells whether a byte lies in it; bytes outside ASCII
        // cannot land there.
        let shifted = |v: i8x16, low: u8| v + i8x16::splat(128u8.wrapping_sub(low) as i8);
        let below = |n: i8| i8x16::splat(-128 + n);
        let letters = shifted(v | i8x16::splat(0x20), b'a').cmp_lt(below(26));
        let digits = shifted(v, b'0').cmp_lt(below(10));
        Sixteen {
            alnum: (letters | digits).move_mask() as u32,
            apostrophes: v.cmp_eq(i8x16::splat(b'\'' as i8)).move_mask() as u32,
            high: v.move_mask() as u32,
            len,
        }
    }
}

/// Sixty-four ASCII-or-not bytes classified at once, as four blocks of
/// [`Sixteen`]: one bit per byte, the first byte lowest.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct SixtyFour {
    /// ASCII letters and digits.
    pub alnum: u64,
    /// ASCII apostrophes.
    pub apostrophes: u64,
    /// Bytes outside ASCII.
    pub high: u64,
}

impl SixtyFour {
    /// The sixty-four bytes of `bytes` from `at` on; `None` when fewer are
    /// left.
    #[inline(always)]
    pub fn at(bytes: &[u8], at: usize) -> Option<SixtyFour> {
        let block = bytes.get(at..at + 64)?;
        let mut all = SixtyFour {
            alnum: 0,
            apostrophes: 0,
            high: 0,
        };
        for k in 0..4 {
            let sixteen = <&[u8; 16]>::try_from(&block[16 * k..16 * k + 16]).ok()?;
            let part = Sixteen::of(sixteen, 16);
            all.alnum |= u64::from(part.alnum) << (16 * k);
            all.apostrophes |= u64::from(part.apostrophes) << (16 * k);
            all.high |= u64::from(part.high) << (16 * k);
        }
        Some(all)
    }

    /// Whether all sixty-four bytes are ASCII and the last is not an
    /// apostrophe, so that the word rules decide every one of them.
    #[inline(always)]
    pub fn all_ascii(self) -> bool {
        (self.high | self.apostrophes & 1 << 63) == 0
    }
}

/// How many of the eight bytes of `chunk` (first byte lowest) are ASCII
/// letters or digits before the first that is not.
#[inline]
pub(crate) fn alnum_run(chunk: u64) -> usize {
    let (alnum, _) = alnum_and_apostrophes(chunk);
    ((!alnum & 0x8080_8080_8080_8080).trailing_zeros() / 8) as usize
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Calls `check` with each of `bases` with every byte value put at
    /// every place: among letters (so that a run of them ends anywhere)
    /// and among bytes of every class.
    fn every_byte_everywhere<const N: usize>(bases: [&[u8; N]; 2], mut check: impl FnMut([u8; N])) {
        for base in bases {
            for place in 0..N {
                for b in 0..=255u8 {
                    let mut block = *base;
                    block[place] = b;
                    check(block);
                }
            }
        }
    }

    #[test]
    fn eight_bytes_are_read_as_the_table_reads_each() {
        every_byte_everywhere([b"aZ09zA9a", b"a'Z 09\xff."], |chunk| {
            let number = u64::from_le_bytes(chunk);
            assert_eq!(chunk_at(&chunk, 0), Some(number));
            let (alnum, apostrophes) = alnum_and_apostrophes(number);
            for (k, &c) in chunk.iter().enumerate() {
                let bit = |m: u64| m >> (8 * k + 7) & 1 == 1;
                assert_eq!(bit(alnum), of(c) == WORD, "{chunk:?} at {k}");
                assert_eq!(bit(apostrophes), of(c) == QUOTE, "{chunk:?} at {k}");
            }
            let run = chunk.iter().position(|&c| of(c) != WORD).unwrap_or(8);
            assert_eq!(alnum_run(number), run, "{chunk:?}");
        });
        assert_eq!(chunk_at(b"1234567", 0), None);
        assert_eq!(
            chunk_at(b"123456789", 1),
            Some(u64::from_le_bytes(*b"23456789"))
        );
        assert_eq!(chunk_at(b"123456789", 2), None);
    }

    #[test]
    fn sixteen_bytes_are_read_as_the_table_reads_each() {
        let bases = [b"aZ09zA9a'bcdwxyz", b"a'Z 09\xff.@[`{/:\x7f\0"];
        every_byte_everywhere(bases, |block| {
            let Some(read) = Sixteen::at(&block, 0) else {
                panic!("sixteen bytes not read");
            };
            for (k, &c) in block.iter().enumerate() {
                let bit = |m: u32| m >> k & 1 == 1;
                assert_eq!(bit(read.alnum), of(c) == WORD, "{block:?} at {k}");
                assert_eq!(bit(read.apostrophes), of(c) == QUOTE, "{block:?} at {k}");
                assert_eq!(bit(read.high), of(c) == HIGH, "{block:?} at {k}");
            }
            let ascii = block.iter().position(|&c| c >= 0x80).unwrap_or(16);
            let decided = ascii - usize::from(ascii > 0 && block[ascii - 1] == b'\'');
            assert_eq!(read.ascii_prefix(), decided, "{block:?}");
            assert_eq!(read.all_ascii(), decided == 16, "{block:?}");
        });
        // Fewer than sixteen left: the missing bytes are in no class.
        for base in bases {
            for at in 0..=16 {
                let Some(read) = Sixteen::at(base, at) else {
                    assert_eq!(at, 16);
                    continue;
                };
                let mut padded = [0u8; 16];
                padded[..16 - at].copy_from_slice(&base[at..]);
                let whole = Sixteen::of(&padded, 16 - at);
                assert_eq!(read, whole, "{base:?} from {at}");
                let ascii = base[at..]
                    .iter()
                    .position(|&c| c >= 0x80)
                    .unwrap_or(16 - at);
                let decided = ascii - usize::from(ascii > 0 && base[at + ascii - 1] == b'\'');
                assert_eq!(read.ascii_prefix(), decided, "{base:?} from {at}");
                assert_eq!(read.all_ascii(), at == 0 && decided == 16);
            }
        }
    }
}
