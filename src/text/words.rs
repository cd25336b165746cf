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

use crate::text::class;
use crate::text::fold::is_apostrophe;
use crate::text::hash::{WordHash, WordHasher};

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
    } else if ('\u{4E00}'..='\u{9FFF}').contains(&c) || ('\u{AC00}'..='\u{D7A3}').contains(&c) {
        // CJK Unified Ideographs and Hangul Syllables: letters, every one,
        // and most of the text where they occur.
        true
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
/// `limit`, until `f` returns `false`: what the tests check the counts
/// against.
#[cfg(test)]
pub(crate) fn for_each_word_start(
    text: &str,
    from: usize,
    limit: usize,
    f: impl FnMut(usize) -> bool,
) {
    word_starts(text, from, limit, |_| false, f);
}

/// Calls `f` with the start of every word at or after `from` and before
/// `limit`, until `f` returns `false`; but first asks `skip` of every block
/// of ASCII bytes read at once whether it may pass over the `n` words that
/// start there without `f` hearing of them. Blocks of ASCII are classified
/// with vector compares; other characters are decoded.
fn word_starts(
    text: &str,
    from: usize,
    limit: usize,
    mut skip: impl FnMut(usize) -> bool,
    mut f: impl FnMut(usize) -> bool,
) {
    let bytes = text.as_bytes();
    let limit = limit.min(bytes.len());
    // True when the character before `i` is a word character: only a
    // letter, digit or combining mark can be (an apostrophe that belongs to
    // a word is always followed by one of those).
    let within = &bytes[..limit];
    let mut prev_word = word_before(text, from);
    let mut i = from;
    while i < limit {
        // Sixty-four ASCII bytes at a time, then sixteen; then those before
        // the first byte outside ASCII, less an apostrophe at their end
        // (whether it joins two words depends on the character after it).
        // Whole blocks are tested apart, so that where the next block
        // starts does not wait for this one to be classified. At a byte
        // outside ASCII no block is read: text in another script goes to
        // the character-by-character path at once.
        let ascii_here = bytes[i] < 0x80;
        while let Some(block) =
            class::SixtyFour::at(within, i).filter(|b| ascii_here && b.all_ascii())
        {
            let (alnum, apostrophes) = (block.alnum, block.apostrophes);
            if !visit_block(alnum, apostrophes, 64, i, &mut prev_word, &mut skip, &mut f) {
                return;
            }
            i += 64;
        }
        let mut block = class::Sixteen::at(within, i).filter(|_| ascii_here);
        while let Some(sixteen) = block.filter(|b| b.all_ascii()) {
            let (alnum, apostrophes) = (sixteen.alnum.into(), sixteen.apostrophes.into());
            if !visit_block(alnum, apostrophes, 16, i, &mut prev_word, &mut skip, &mut f) {
                return;
            }
            i += 16;
            block = class::Sixteen::at(within, i);
        }
        if let Some(block) = block {
            let n = block.ascii_prefix();
            if n > 0 {
                let (alnum, apostrophes) = (block.alnum.into(), block.apostrophes.into());
                if !visit_block(alnum, apostrophes, n, i, &mut prev_word, &mut skip, &mut f) {
                    return;
                }
                i += n;
                continue;
            }
        }
        if i >= limit {
            break;
        }
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

/// Calls `f` with the start of every word that starts in `text[from..to]`
/// and, for a word of ASCII letters and digits with apostrophes of any
/// kind between them, its [`WordHash`] (`None` for a word with other
/// characters). A word that runs on past `to` is read to its end; one that
/// starts before `from` is not a word of the range. One pass, in tight
/// loops over ASCII: the score counts words and originals with it.
pub(crate) fn for_each_word(
    text: &str,
    from: usize,
    to: usize,
    mut f: impl FnMut(usize, Option<WordHash>),
) {
    let bytes = text.as_bytes();
    let to = to.min(bytes.len());
    let mut i = from;
    if word_before(text, from) {
        // The range starts inside a word: skip its rest.
        while let Some(c) = text[i..].chars().next() {
            if !word_char_at(text, i, c) {
                break;
            }
            i += c.len_utf8();
        }
    }
    while i < to {
        let b = bytes[i];
        if b < 0x80 && !b.is_ascii_alphanumeric() {
            // Spaces and punctuation: an apostrophe here cannot start a
            // word, since no word character comes before it.
            i += 1;
            while i < to && bytes[i] < 0x80 && !bytes[i].is_ascii_alphanumeric() {
                i += 1;
            }
            continue;
        }
        if b >= 0x80 {
            let Some(c) = text[i..].chars().next() else {
                break;
            };
            if !is_word_char(c) {
                i += c.len_utf8();
                continue;
            }
        }
        let (end, hash) = read_word(text, i);
        f(i, hash);
        i = end;
    }
}

/// The end of the word that starts at `start`, and its [`WordHash`] if it
/// is ASCII letters and digits with apostrophes of any kind between them.
#[inline]
pub(crate) fn read_word(text: &str, start: usize) -> (usize, Option<WordHash>) {
    let bytes = text.as_bytes();
    let mut i = start;
    let mut hash = WordHasher::new();
    let mut ascii = true;
    loop {
        (hash, i) = hash.push_alnum(bytes, i);
        // The common ends of a word, without decoding: ASCII that is not
        // an apostrophe, or one not followed by a word character.
        match (bytes.get(i), bytes.get(i + 1)) {
            (None, _) => break,
            (Some(&b), _) if b < 0x80 && b != b'\'' => break,
            (Some(b'\''), Some(&next)) if next < 0x80 => {
                if !next.is_ascii_alphanumeric() || i == start {
                    break;
                }
                hash = hash.push(b'\'');
                i += 1;
                continue;
            }
            _ => {}
        }
        let Some(c) = text[i..].chars().next() else {
            break;
        };
        if !word_char_at(text, i, c) {
            break;
        }
        if is_apostrophe(c) {
            hash = hash.push(b'\'');
        } else {
            ascii = false;
        }
        i += c.len_utf8();
    }
    (i, ascii.then(|| hash.finish()))
}

/// Calls `f` with the word starts among the first `n` bytes of a block
/// that starts at `at` (ASCII, and not ending in an apostrophe), whose
/// letters and digits and apostrophes are the bits of `alnum` and
/// `apostrophes`, unless `skip` passes over them; `prev_word` says whether
/// the character before them is a word character, and is updated. `false`
/// when `f` says stop.
#[inline(always)]
fn visit_block(
    alnum: u64,
    apostrophes: u64,
    n: usize,
    at: usize,
    prev_word: &mut bool,
    skip: &mut impl FnMut(usize) -> bool,
    f: &mut impl FnMut(usize) -> bool,
) -> bool {
    let keep = u64::MAX >> (64 - n);
    let alnum = alnum & keep;
    let prev = u64::from(*prev_word);
    // An apostrophe between two letters or digits belongs to the word.
    let joined = apostrophes & keep & ((alnum << 1) | prev) & (alnum >> 1);
    let word = alnum | joined;
    let starts = word & !((word << 1) | prev);
    *prev_word = word >> (n - 1) & 1 == 1;
    let mut bits = if skip(starts.count_ones() as usize) {
        0
    } else {
        starts
    };
    while bits != 0 {
        if !f(at + bits.trailing_zeros() as usize) {
            return false;
        }
        bits &= bits - 1;
    }
    true
}

/// Counts the words of `text`.
pub(crate) fn count_words(text: &str) -> usize {
    count_word_starts(text, 0, text.len())
}

/// Counts the words that start at or after `from` and before `limit` (one
/// that starts before `from` does not count).
pub(crate) fn count_word_starts(text: &str, from: usize, limit: usize) -> usize {
    // A block's words are counted whole; the others one by one.
    let words = std::cell::Cell::new(0);
    let count = |n: usize| {
        words.set(words.get() + n);
        true
    };
    word_starts(text, from, limit, count, |_| count(1));
    words.get()
}

/// The start of the `n`-th word (counting from 0) at or after `from` and
/// before `limit`, or `None`.
pub(crate) fn nth_word_start(text: &str, from: usize, n: usize, limit: usize) -> Option<usize> {
    nth_or_count(text, from, n, limit).ok()
}

/// [`nth_word_start`] in `Ok`, or, when there is none, in `Err` how many
/// words start there (at most `n`): one pass tells where a count of `n`
/// words runs out, or how much of it the range uses.
pub(crate) fn nth_or_count(
    text: &str,
    from: usize,
    n: usize,
    limit: usize,
) -> Result<usize, usize> {
    // Blocks of ASCII bytes that do not hold the word are counted, not
    // visited one start at a time.
    let seen = std::cell::Cell::new(0);
    let mut found = None;
    let skip = |count: usize| {
        let passed = seen.get() + count <= n;
        if passed {
            seen.set(seen.get() + count);
        }
        passed
    };
    word_starts(text, from, limit, skip, |start| {
        if seen.get() == n {
            found = Some(start);
            return false;
        }
        seen.set(seen.get() + 1);
        true
    });
    found.ok_or(seen.get())
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
    // ASCII, byte by byte; from the first byte outside it on (a char
    // boundary, after ASCII), character by character.
    let mut previous_word_char = false;
    let mut ascii = 0;
    for &b in text.as_bytes() {
        if b >= 0x80 {
            break;
        }
        if b.is_ascii_alphanumeric() {
            previous_word_char = true;
        } else if b == b'\'' && previous_word_char {
            previous_word_char = false;
        } else {
            return &text[..ascii];
        }
        ascii += 1;
    }
    let mut end = ascii;
    for (i, c) in text[ascii..].char_indices() {
        if is_word_char(c) || (is_apostrophe(c) && previous_word_char) {
            end = ascii + i + c.len_utf8();
            previous_word_char = is_word_char(c);
        } else {
            break;
        }
    }
    &text[..end]
}

/// How far the words next to a match are looked for, in bytes, on each
/// side. Bounding it keeps what a streamed window must hold before and
/// after itself bounded, so that a decision that reads the neighbours is
/// the same in a stream as in memory.
pub(crate) const NEIGHBOUR_BYTES: usize = 64;

/// The char boundary at or before `at`, which must be at most
/// `text.len()` (`str::floor_char_boundary`, stable only after this
/// crate's minimum Rust).
pub(crate) fn floor_char_boundary(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// The text within [`NEIGHBOUR_BYTES`] before `start` and after `end`,
/// cut at char boundaries.
pub(crate) fn surroundings(text: &str, start: usize, end: usize) -> (&str, &str) {
    let mut from = start.saturating_sub(NEIGHBOUR_BYTES);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let to = floor_char_boundary(text, (end + NEIGHBOUR_BYTES).min(text.len()));
    (&text[from..start], &text[end..to])
}

/// The word that ends `before`, after trailing whitespace: none when
/// something else comes first (the match is glued to it, or follows
/// punctuation) or there is only whitespace.
pub(crate) fn word_ending(before: &str) -> Option<&str> {
    let trimmed = before.trim_end();
    if trimmed.len() == before.len() {
        return None;
    }
    Some(last_word(trimmed)).filter(|w| !w.is_empty())
}

/// The word that starts `after`, after leading whitespace, as
/// [`word_ending`] reads the other side.
pub(crate) fn word_starting(after: &str) -> Option<&str> {
    let trimmed = after.trim_start();
    if trimmed.len() == after.len() {
        return None;
    }
    Some(first_word(trimmed)).filter(|w| !w.is_empty())
}

/// The nearest word on each side of `start..end`, across whitespace only
/// and within [`NEIGHBOUR_BYTES`].
pub(crate) fn neighbours(text: &str, start: usize, end: usize) -> (Option<&str>, Option<&str>) {
    let (before, after) = surroundings(text, start, end);
    (word_ending(before), word_starting(after))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::random::{self, Spaces};

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
        for c in ('\u{4E00}'..='\u{9FFF}').chain('\u{AC00}'..='\u{D7A3}') {
            assert!(c.is_alphanumeric(), "{c:?}");
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
    fn the_nth_word_start_counted_by_chunks_is_the_one_visited() {
        // Texts of words, spaces, apostrophes and characters outside ASCII,
        // so that chunks of eight are counted, split and skipped; every n,
        // from every start and up to every limit.
        let pieces = [
            "ab", " ", "'", "x'y", "  ", "\u{e9}", "\u{2019}", "1", "-", "e\u{301}",
        ];
        for text in random::texts(&pieces, 200, 40, Spaces::None) {
            // As the definition cuts the words.
            let starts: Vec<usize> = spans(&text).map(|s| s.start).collect();
            let boundaries = (0..=text.len()).filter(|&i| text.is_char_boundary(i));
            for from in boundaries.clone().step_by(3) {
                for limit in boundaries.clone().filter(|&l| l >= from).step_by(5) {
                    let visited: Vec<usize> = starts
                        .iter()
                        .copied()
                        .filter(|&s| {
                            s >= from && s < limit && !(s == from && word_before(&text, from))
                        })
                        .collect();
                    for n in 0..visited.len() + 2 {
                        assert_eq!(
                            nth_word_start(&text, from, n, limit),
                            visited.get(n).copied(),
                            "{text:?} from {from} to {limit}, n = {n}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn the_fused_pass_finds_the_same_words_and_hashes_them_folded() {
        let hash = |word: &str| WordHash::of(word.as_bytes());
        let texts = [
            "Don't say \"regulation-enforcement\" twice, parents' caf\u{e9}",
            "1000\u{2019}s 'tis e\u{301}t\u{e9} PEOPLE\u{2019}S x'y'' ''a",
            "\u{4e2d}\u{6587} said\u{201d} \u{2018}said\u{2019}",
            "",
            "'",
            "a\u{301}b",
        ];
        for text in texts {
            let mut starts = Vec::new();
            for_each_word_start(text, 0, text.len(), |s| {
                starts.push(s);
                true
            });
            let mut fused = Vec::new();
            for_each_word(text, 0, text.len(), |s, _| fused.push(s));
            assert_eq!(fused, starts, "{text:?}");
            // From any char boundary, the words that start there or after.
            for from in (0..=text.len()).filter(|&i| text.is_char_boundary(i)) {
                let mut part = Vec::new();
                for_each_word(text, from, text.len(), |s, _| part.push(s));
                let want: Vec<usize> = starts.iter().copied().filter(|&s| s >= from).collect();
                assert_eq!(part, want, "{text:?} from {from}");
            }
        }
        let mut hashes = Vec::new();
        let text = "Don\u{2019}t SAID said\u{201d} caf\u{e9} it's";
        for_each_word(text, 0, text.len(), |_, h| hashes.push(h));
        assert_eq!(
            hashes,
            [
                Some(hash("don't")),
                Some(hash("said")),
                Some(hash("said")),
                None,
                Some(hash("it's"))
            ]
        );
    }

    #[test]
    fn a_word_read_eight_bytes_at_a_time_hashes_as_its_folded_letters() {
        let pieces = [
            "Internationalization",
            "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789",
            "seven77",
            "eightLET",
            "don't",
            "x\u{2019}y",
            "caf\u{e9}",
            "'",
            " ",
            "\n",
            "-",
        ];
        for text in random::texts(&pieces, 200, 12, Spaces::AfterSome) {
            let mut i = 0;
            let starts_word = |k: usize| {
                text.is_char_boundary(k)
                    && text[k..]
                        .chars()
                        .next()
                        .is_some_and(|c| word_char_at(&text, k, c))
            };
            while let Some(start) = (i..text.len()).find(|&k| starts_word(k)) {
                let (end, hash) = read_word(&text, start);
                let word = &text[start..end];
                let folded: Option<Vec<u8>> = word
                    .chars()
                    .map(|c| match c {
                        c if c.is_ascii_alphanumeric() => Some(c.to_ascii_lowercase() as u8),
                        c if is_apostrophe(c) => Some(b'\''),
                        _ => None,
                    })
                    .collect();
                assert_eq!(
                    hash,
                    folded.map(|f| WordHash::of(&f)),
                    "{word:?} in {text:?}"
                );
                i = end.max(start + 1);
            }
        }
    }

    #[test]
    fn blocks_at_a_time_find_the_starts_one_at_a_time_finds() {
        // Random texts of up to 199 characters of an alphabet of the cases
        // that matter, mostly ASCII (so that blocks of sixty-four and of
        // sixteen bytes are read whole, cut and split), checked against a
        // character-by-character reading of the definition, and counted.
        let ascii = [b'a', b'Z', b'7', b'\'', b' ', b'-', b'.'];
        let reference = |text: &str| -> Vec<usize> {
            let chars: Vec<(usize, char)> = text.char_indices().collect();
            let mut starts = Vec::new();
            let mut prev = false;
            for &(i, c) in &chars {
                let w = word_char_at(text, i, c);
                if w && !prev {
                    starts.push(i);
                }
                prev = w;
            }
            starts
        };
        let mut state = 0x9E37_79B9_7F4A_7C15u64;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for _ in 0..20_000 {
            let len = (next() % 200) as usize;
            let text: String = (0..len)
                .map(|_| match next() % 64 {
                    0 => char::from(0xE9),
                    r => ascii[r as usize % ascii.len()] as char,
                })
                .collect();
            let mut starts = Vec::new();
            for_each_word_start(&text, 0, text.len(), |s| {
                starts.push(s);
                true
            });
            let want = reference(&text);
            assert_eq!(starts, want, "{text:?}");
            for n in [0, want.len() / 2, want.len().saturating_sub(1), want.len()] {
                assert_eq!(
                    nth_word_start(&text, 0, n, text.len()),
                    want.get(n).copied()
                );
            }
            // Counted over a range that may start or end inside a word.
            let (from, to) = (
                floor_char_boundary(&text, len / 3),
                floor_char_boundary(&text, len * 3 / 4),
            );
            let inside = want
                .iter()
                .filter(|&&s| s >= from && s < to && !(s == from && word_before(&text, from)))
                .count();
            assert_eq!(
                count_word_starts(&text, from, to),
                inside,
                "{text:?} {from}..{to}"
            );
        }
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

    #[test]
    fn the_first_word_is_read_as_characters_read_it() {
        fn by_characters(text: &str) -> &str {
            let (mut end, mut previous_word_char) = (0, false);
            for (i, c) in text.char_indices() {
                if !(is_word_char(c) || (is_apostrophe(c) && previous_word_char)) {
                    break;
                }
                (end, previous_word_char) = (i + c.len_utf8(), is_word_char(c));
            }
            &text[..end]
        }
        let pieces = [
            "a", "Z", "7", "'", "''", " ", ".", "-", "\u{e9}", "\u{2019}", "\u{a0}", "\u{301}",
            "\u{4e00}", "\u{2014}",
        ];
        for text in random::texts(&pieces, 3000, 6, Spaces::None) {
            assert_eq!(first_word(&text), by_characters(&text), "{text:?}");
        }
    }
}
