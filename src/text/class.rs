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
