//! What a word is: the one definition every part of unspin uses.
//!
//! A *word character* is a letter or a digit (`char::is_alphanumeric`) or a
//! combining mark, which continues the word it is attached to. An
//! apostrophe (any character that folds to `'`) is a word character only
//! between two word characters: `don't` and `1000's` are one word each,
//! while in `parents' house` and `'tis` the apostrophe stands outside.
//! A *word* is a run of word characters.
//!
//! So a match can never begin or end inside a word: "overregulation
//! enforcement" does not contain `regulation enforcement`, and "Push's"
//! does not contain `push`.
//!
//! ```text
//! text:   Don't say "regulation-enforcement" twice, parents' café
//! words:  Don't say  regulation enforcement  twice  parents  café
//! ```
//!
//! Two readers look at the words *next to* a match rather than at its
//! boundaries: context rules ("after a name") and `a`/`an` agreement (the
//! spelling of the next word). They read a neighbouring word with the
//! apostrophes that follow its letters, as [`last_word`] and
//! [`first_word`] do: `Jones’` is read whole, because a possessive is
//! still a name, while in `‘Jones’` the first quote stays outside.

use unicode_normalization::char::is_combining_mark;

use crate::text::fold::is_apostrophe;

/// Is `c` a letter or digit, or a combining mark (which continues the
/// word it is attached to)? Apostrophes are word characters only between
/// two of these; see [`word_char_at`].
#[inline]
pub(crate) fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else if ('\u{0300}'..='\u{036F}').contains(&c) {
        // Combining Diacritical Marks: they continue the word they are on,
        // and the Unicode tables below are slow to say so.
        true
    } else if ('\u{2000}'..='\u{206F}').contains(&c) {
        // General Punctuation (spaces, dashes, quotes, ellipsis): common
        // in web text, never a word character, and slow to look up.
        false
    } else {
        c.is_alphanumeric() || is_combining_mark(c)
    }
}

/// Does the character `c` at byte `i` of `text` belong to a word, taking
/// its neighbours into account for apostrophes?
pub(crate) fn word_char_at(text: &str, i: usize, c: char) -> bool {
    if is_word_char(c) {
        return true;
    }
    if !is_apostrophe(c) {
        return false;
    }
    let before = text[..i].chars().next_back().is_some_and(is_word_char);
    let after = text[i + c.len_utf8()..]
        .chars()
        .next()
        .is_some_and(is_word_char);
    before && after
}

/// Is the character before byte `i` part of a word?
pub(crate) fn word_before(text: &str, i: usize) -> bool {
    match text[..i].chars().next_back() {
        Some(c) => word_char_at(text, i - c.len_utf8(), c),
        None => false,
    }
}

/// May a span whose last character is `c`, at byte `at`, end at `end`
/// without cutting a word?
pub(crate) fn ends_word(text: &str, at: usize, c: char, end: usize) -> bool {
    if !word_char_at(text, at, c) {
        return true;
    }
    match text[end..].chars().next() {
        Some(next) => !word_char_at(text, end, next),
        None => true,
    }
}

/// The offset just after the character at `i` (or `i` at the end).
pub(crate) fn next_char(text: &str, i: usize) -> usize {
    text[i..].chars().next().map_or(i, |c| i + c.len_utf8())
}

/// Calls `f` with the start of every word at or after `from` and before
/// `limit`, until `f` returns `false`. ASCII is classified a byte at a
/// time; other characters are decoded.
pub(crate) fn for_each_word_start(
    text: &str,
    from: usize,
    limit: usize,
    mut f: impl FnMut(usize) -> bool,
) {
    let bytes = text.as_bytes();
    let limit = limit.min(bytes.len());
    // True when the character before `i` is a word character: only a
    // letter, digit or combining mark can be (an apostrophe that belongs to
    // a word is always followed by one of those).
    let mut prev_word = word_before(text, from);
    let mut i = from;
    while i < limit {
        let b = bytes[i];
        if b.is_ascii_alphanumeric() {
            if !prev_word && !f(i) {
                return;
            }
            // The rest of an ASCII word, in a tight loop.
            i += 1;
            while i < limit && bytes[i].is_ascii_alphanumeric() {
                i += 1;
            }
            prev_word = true;
        } else if b < 0x80 && b != b'\'' {
            // Spaces and punctuation, in a tight loop.
            i += 1;
            while i < limit
                && bytes[i] < 0x80
                && !bytes[i].is_ascii_alphanumeric()
                && bytes[i] != b'\''
            {
                i += 1;
            }
            prev_word = false;
        } else {
            let (word, len) = if b == b'\'' {
                (prev_word && word_char_at(text, i, '\''), 1)
            } else {
                let Some(c) = text[i..].chars().next() else {
                    break;
                };
                (word_char_at(text, i, c), c.len_utf8())
            };
            if word && !prev_word && !f(i) {
                return;
            }
            prev_word = word;
            i += len;
        }
    }
}

/// Counts the words of `text`.
pub(crate) fn count_words(text: &str) -> usize {
    let mut words = 0;
    for_each_word_start(text, 0, text.len(), |_| {
        words += 1;
        true
    });
    words
}

/// The start of the `n`-th word (counting from 0) at or after `from` and
/// before `limit`, or `None`.
pub(crate) fn nth_word_start(text: &str, from: usize, n: usize, limit: usize) -> Option<usize> {
    let mut seen = 0;
    let mut found = None;
    for_each_word_start(text, from, limit, |start| {
        if seen == n {
            found = Some(start);
            return false;
        }
        seen += 1;
        true
    });
    found
}

/// The spans of the words of `text`, in order.
pub(crate) fn spans(text: &str) -> impl Iterator<Item = std::ops::Range<usize>> + '_ {
    let mut pos = 0;
    std::iter::from_fn(move || {
        let (offset, _) = text[pos..]
            .char_indices()
            .find(|&(i, c)| word_char_at(text, pos + i, c))?;
        let start = pos + offset;
        let end = text[start..]
            .char_indices()
            .find(|&(i, c)| !word_char_at(text, start + i, c))
            .map_or(text.len(), |(i, _)| start + i);
        pos = end;
        Some(start..end)
    })
}

/// The word, read with its apostrophes, that ends `text` (empty when
/// `text` does not end with one): `Jones’` in `said Jones’`. An apostrophe
/// belongs to it after a word character (`Jones’`, `don't`), not before
/// one: in `‘Jones`, the quote opens.
pub(crate) fn last_word(text: &str) -> &str {
    let mut start = text.len();
    let mut chars = text.char_indices().rev().peekable();
    while let Some((i, c)) = chars.next() {
        let after_word_char = chars.peek().is_some_and(|&(_, p)| is_word_char(p));
        if is_word_char(c) || (is_apostrophe(c) && after_word_char) {
            start = i;
        } else {
            break;
        }
    }
    &text[start..]
}

/// The word, read with its apostrophes, that starts `text` (empty when
/// `text` does not start with one): `Jones’` in `Jones’ lawyer`. As in
/// [`last_word`], an apostrophe belongs to it after a word character.
pub(crate) fn first_word(text: &str) -> &str {
    let mut end = 0;
    let mut previous_word_char = false;
    for (i, c) in text.char_indices() {
        if is_word_char(c) || (is_apostrophe(c) && previous_word_char) {
            end = i + c.len_utf8();
            previous_word_char = is_word_char(c);
        } else {
            break;
        }
    }
    &text[..end]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_characters() {
        for c in ['a', 'Z', '7', '\u{00E9}', '\u{0130}', '\u{4E2D}', '\u{301}'] {
            assert!(is_word_char(c), "{c:?}");
        }
        for c in [
            ' ',
            '-',
            '\'',
            '\u{2019}',
            '.',
            '\u{2014}',
            '\u{1F600}',
            '\u{2026}',
            '\u{200B}',
        ] {
            assert!(!is_word_char(c), "{c:?}");
        }
    }

    #[test]
    fn the_punctuation_shortcut_agrees_with_the_unicode_tables() {
        for c in '\u{2000}'..='\u{206F}' {
            assert!(!(c.is_alphanumeric() || is_combining_mark(c)), "{c:?}");
        }
        for c in '\u{0300}'..='\u{036F}' {
            assert!(is_combining_mark(c), "{c:?}");
        }
    }

    /// The words of `text`, as [`spans`] cuts them; checks that the word
    /// starts agree.
    fn words(text: &str) -> Vec<&str> {
        let mut starts = Vec::new();
        for_each_word_start(text, 0, text.len(), |s| {
            starts.push(s);
            true
        });
        let spans: Vec<_> = spans(text).collect();
        assert_eq!(starts, spans.iter().map(|s| s.start).collect::<Vec<_>>());
        spans.into_iter().map(|s| &text[s]).collect()
    }

    #[test]
    fn apostrophes_join_words_only_between_word_characters() {
        assert_eq!(
            words("Don't say \"regulation-enforcement\" twice, parents' caf\u{e9}"),
            [
                "Don't",
                "say",
                "regulation",
                "enforcement",
                "twice",
                "parents",
                "caf\u{e9}"
            ]
        );
        assert_eq!(
            words("1000\u{2019}s 'tis e\u{301}t\u{e9}"),
            ["1000\u{2019}s", "tis", "e\u{301}t\u{e9}"]
        );
        assert_eq!(count_words("  "), 0);
        assert_eq!(nth_word_start("one two three", 0, 2, 13), Some(8));
        assert_eq!(nth_word_start("one two three", 0, 2, 8), None);
    }

    #[test]
    fn boundaries() {
        let text = "overregulation Push's";
        assert!(word_before(text, 4));
        assert!(!word_before(text, 0));
        assert!(!word_before(text, 15));
        // "Push" may not end before "'s".
        assert!(!ends_word(text, 18, 'h', 19));
        assert!(ends_word(text, 20, 's', 21));
    }

    #[test]
    fn neighbouring_words_keep_the_apostrophes_after_their_letters() {
        assert_eq!(last_word("said Jones\u{2019}"), "Jones\u{2019}");
        assert_eq!(last_word("said \u{2018}Jones\u{2019}"), "Jones\u{2019}");
        assert_eq!(last_word("it's"), "it's");
        assert_eq!(last_word("the end."), "");
        assert_eq!(first_word("Jones\u{2019} lawyer"), "Jones\u{2019}");
        assert_eq!(first_word("don't go"), "don't");
        assert_eq!(first_word("'til dawn"), "");
        assert_eq!(first_word(" x"), "");
    }
}
