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
    fn the_run_of_letters_and_digits_is_counted_byte_by_byte() {
        // Every byte value at every place of the eight, after letters.
        for place in 0..8 {
            for b in 0..=255u8 {
                let mut chunk = *b"aZ09zA9a";
                chunk[place] = b;
                let want = chunk
                    .iter()
                    .position(|c| !c.is_ascii_alphanumeric())
                    .unwrap_or(8);
                assert_eq!(alnum_run(u64::from_le_bytes(chunk)), want, "{chunk:?}");
            }
        }
    }

    #[test]
    fn eight_bytes_are_sorted_as_the_table_sorts_each() {
        for place in 0..8 {
            for b in 0..=255u8 {
                let mut chunk = *b"a'Z 09\xff.";
                chunk[place] = b;
                let (alnum, apostrophes) = alnum_and_apostrophes(u64::from_le_bytes(chunk));
                for (k, &c) in chunk.iter().enumerate() {
                    let bit = |m: u64| m >> (8 * k + 7) & 1 == 1;
                    assert_eq!(bit(alnum), of(c) == WORD, "{chunk:?} at {k}");
                    assert_eq!(bit(apostrophes), of(c) == QUOTE, "{chunk:?} at {k}");
                }
            }
        }
    }
}
