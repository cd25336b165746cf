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

    #[test]
    fn eight_bytes_are_read_as_the_table_reads_each() {
        // Every byte value at every place of the eight, among letters (so
        // that the run of them ends anywhere) and among bytes of every
        // class.
        for base in [b"aZ09zA9a", b"a'Z 09\xff."] {
            for place in 0..8 {
                for b in 0..=255u8 {
                    let mut chunk = *base;
                    chunk[place] = b;
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
                }
            }
        }
        assert_eq!(chunk_at(b"1234567", 0), None);
        assert_eq!(
            chunk_at(b"123456789", 1),
            Some(u64::from_le_bytes(*b"23456789"))
        );
        assert_eq!(chunk_at(b"123456789", 2), None);
    }
}
