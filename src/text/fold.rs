//! Character folding: what every character looks like to the scanner.
//!
//! One function, [`fold_char`], decides it. Dictionary keys go through the same function
//! when they are compiled ([`fold_key`]), so keys and text can never
//! disagree about what is equivalent:
//!
//! * letters are lowercased (`char::to_lowercase`) and canonically
//!   decomposed, so `É`, `é` and `e\u{301}` all fold to `e\u{301}`;
//! * every whitespace character (space, tab, line break, NBSP, ...) folds
//!   to one ASCII space, and the scanner collapses a run of them;
//! * typographic apostrophes fold to `'`, typographic double quotes to `"`;
//! * hyphen variants (U+2010..U+2013, U+2212, U+FE63, U+FF0D) fold to `-`.
//!
//! Folding never changes the input: the scanner folds one character at a
//! time as it walks, so every offset it reports is a byte offset into the
//! text it was given.

use unicode_normalization::char::decompose_canonical;
use unicode_normalization::UnicodeNormalization;

/// Calls `emit` with the folded form of `c`: one character, or several when
/// lowercasing or canonical decomposition expands it (`İ` gives `i` and
/// U+0307).
#[inline]
pub(crate) fn fold_char(c: char, mut emit: impl FnMut(char)) {
    if c.is_ascii() {
        emit(fold_ascii(c as u8) as char);
        return;
    }
    if c.is_whitespace() {
        emit(' ');
        return;
    }
    match c {
        '\u{2018}' | '\u{2019}' | '\u{201B}' | '\u{02BC}' | '\u{FF07}' => emit('\''),
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{FF02}' => emit('"'),
        '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2212}' | '\u{FE63}'
        | '\u{FF0D}' => emit('-'),
        _ => {
            for lower in c.to_lowercase() {
                decompose_canonical(lower, &mut emit);
            }
        }
    }
}

/// The folded form of an ASCII byte: lowercase letters, whitespace to space.
#[inline]
pub(crate) fn fold_ascii(b: u8) -> u8 {
    match b {
        b'A'..=b'Z' => b | 0x20,
        b'\t' | b'\n' | b'\x0B' | b'\x0C' | b'\r' => b' ',
        _ => b,
    }
}

/// Folds a dictionary phrase into the key the compiled map stores: NFC,
/// then [`fold_char`] on every character, with whitespace runs collapsed to
/// one space and trimmed at both ends.
pub(crate) fn fold_key(phrase: &str) -> String {
    let mut key = String::with_capacity(phrase.len());
    for c in phrase.nfc() {
        fold_char(c, |f| {
            if f == ' ' && (key.is_empty() || key.ends_with(' ')) {
                return;
            }
            key.push(f);
        });
    }
    if key.ends_with(' ') {
        key.pop();
    }
    key
}

/// Is `c` a character that folds to the straight apostrophe?
#[inline]
pub(crate) fn is_apostrophe(c: char) -> bool {
    matches!(
        c,
        '\'' | '\u{2018}' | '\u{2019}' | '\u{201B}' | '\u{02BC}' | '\u{FF07}'
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fold_str(s: &str) -> String {
        let mut out = String::new();
        for c in s.chars() {
            fold_char(c, |f| out.push(f));
        }
        out
    }

    #[test]
    fn folds_case_quotes_hyphens_and_space() {
        let cases = [
            ("Associated PUSH", "associated push"),
            ("Conscript\u{2019}s", "conscript's"),
            ("\u{201C}work\u{201D}", "\"work\""),
            ("center\u{2011}college", "center-college"),
            ("a\u{00A0}b\tc\nd", "a b c d"),
            ("\u{0130}", "i\u{307}"),
            ("\u{00C9}", "e\u{301}"),
            ("e\u{301}", "e\u{301}"),
        ];
        for (input, want) in cases {
            assert_eq!(fold_str(input), want, "input {input:?}");
        }
    }

    #[test]
    fn keys_are_nfc_then_folded_and_trimmed() {
        assert_eq!(
            fold_key("  Thirty\u{00A0}\u{00A0}Day   Period "),
            "thirty day period"
        );
        assert_eq!(fold_key("caf\u{00E9}"), fold_key("cafe\u{301}"));
        assert_eq!(fold_key(" \t "), "");
    }
}
