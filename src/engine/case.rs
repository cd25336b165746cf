//! Case patterns of a matched span, and how to carry them onto the
//! replacement.
//!
//! Keys are matched case-insensitively, so the replacement has to take on
//! the case of the text it replaces. The pattern is read from the whole
//! span, then applied word by word (never character by character, which
//! would turn "Counterfeit consciousness" into "Artificial iNtelligence"):
//!
//! | matched text                 | replacement as written | result                      |
//! |------------------------------|------------------------|-----------------------------|
//! | `regulation enforcement`     | `law enforcement`      | `law enforcement`           |
//! | `Regulation enforcement`     | `law enforcement`      | `Law enforcement`           |
//! | `Planet War II`              | `World War II`         | `World War II`              |
//! | `Free Of Charge Basis`       | `free foundation`      | `Free Foundation`           |
//! | `COUNTERFEIT CONSCIOUSNESS`  | `artificial intelligence` | `ARTIFICIAL INTELLIGENCE` |
//! | `the associated push`        | `the Associated Press` | `the Associated Press`      |
//!
//! Capitals written in the replacement are always kept. The apostrophe
//! style is carried too: a match written with `’` gets `’` in the
//! replacement.

use std::borrow::Cow;

use crate::text::words;

/// The case pattern of a matched span.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Pattern {
    /// No capital to carry: the replacement is used as written.
    AsWritten,
    /// The first cased letter is a capital (sentence start).
    Capitalized,
    /// Every word of two or more starts with a capital (small words such
    /// as "of" may stay lowercase).
    Title,
    /// Two or more cased letters, all capitals.
    Upper,
}

/// Words that Title Case leaves in lowercase when they are not first.
const SMALL_WORDS: &[&str] = &[
    "a", "an", "and", "as", "at", "but", "by", "for", "in", "nor", "of", "on", "or", "the", "to",
    "via", "with",
];

fn word_texts(text: &str) -> impl Iterator<Item = &str> {
    words::spans(text).map(|span| &text[span])
}

fn has_case(c: char) -> bool {
    c.is_uppercase() || c.is_lowercase()
}

/// Reads the case pattern of `matched`.
pub(crate) fn pattern(matched: &str) -> Pattern {
    // One pass over the characters, without allocating: most matches are
    // lowercase, and the first cased letter settles those.
    let mut cased = 0usize;
    let mut all_upper = true;
    let mut first_upper = false;
    for c in matched.chars() {
        let upper = c.is_uppercase();
        if !upper && !c.is_lowercase() {
            continue;
        }
        if cased == 0 {
            first_upper = upper;
            if !upper {
                return Pattern::AsWritten;
            }
        }
        cased += 1;
        all_upper &= upper;
    }
    if cased == 0 {
        return Pattern::AsWritten;
    }
    if cased >= 2 && all_upper {
        return Pattern::Upper;
    }
    if !first_upper {
        return Pattern::AsWritten;
    }
    let cased_words: Vec<&str> = word_texts(matched)
        .filter(|w| w.chars().any(has_case))
        .collect();
    let title = cased_words.len() >= 2
        && cased_words.iter().enumerate().all(|(i, w)| {
            let initial_upper = w
                .chars()
                .find(|&c| has_case(c))
                .is_some_and(char::is_uppercase);
            initial_upper || (i > 0 && SMALL_WORDS.contains(&w.to_lowercase().as_str()))
        });
    if title {
        Pattern::Title
    } else {
        Pattern::Capitalized
    }
}

/// Applies the case pattern of `matched` to `replacement`, and its
/// apostrophe style: when the matched text uses the typographic apostrophe
/// (U+2019), so does the replacement.
pub(crate) fn carry<'r>(matched: &str, replacement: &'r str) -> Cow<'r, str> {
    let cased = carry_case(matched, replacement);
    if matched.contains('\u{2019}') && cased.contains('\'') {
        Cow::Owned(cased.replace('\'', "\u{2019}"))
    } else {
        cased
    }
}

fn carry_case<'r>(matched: &str, replacement: &'r str) -> Cow<'r, str> {
    match pattern(matched) {
        Pattern::AsWritten => Cow::Borrowed(replacement),
        Pattern::Upper => Cow::Owned(replacement.to_uppercase()),
        Pattern::Capitalized => capitalize_words(replacement, |index, _| index == 0),
        Pattern::Title => capitalize_words(replacement, |index, word| {
            index == 0 || !SMALL_WORDS.contains(&word.to_lowercase().as_str())
        }),
    }
}

/// Uppercases the first letter of each word for which `which(index, word)`
/// holds. Everything between words is copied as is.
fn capitalize_words<'r>(text: &'r str, which: impl Fn(usize, &str) -> bool) -> Cow<'r, str> {
    let mut out = String::with_capacity(text.len());
    let mut done = 0;
    for (index, span) in words::spans(text).enumerate() {
        out.push_str(&text[done..span.start]);
        let word = &text[span.clone()];
        if which(index, word) {
            let mut chars = word.chars();
            if let Some(first) = chars.next() {
                out.extend(first.to_uppercase());
                out.push_str(chars.as_str());
            }
        } else {
            out.push_str(word);
        }
        done = span.end;
    }
    out.push_str(&text[done..]);
    if out == text {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns() {
        let cases = [
            ("regulation enforcement", Pattern::AsWritten),
            ("Regulation enforcement", Pattern::Capitalized),
            ("Claimed", Pattern::Capitalized),
            ("Planet War II", Pattern::Title),
            ("The Associated Push", Pattern::Title),
            ("Free of Charge Basis", Pattern::Title),
            ("World Well being Group", Pattern::Capitalized),
            ("COUNTERFEIT CONSCIOUSNESS", Pattern::Upper),
            ("1000's", Pattern::AsWritten),
            ("I", Pattern::Capitalized),
            ("\u{00C9}COLE", Pattern::Upper),
        ];
        for (text, want) in cases {
            assert_eq!(pattern(text), want, "{text:?}");
        }
    }

    #[test]
    fn carries_case_word_by_word() {
        let cases = [
            (
                "regulation enforcement",
                "law enforcement",
                "law enforcement",
            ),
            (
                "Regulation enforcement",
                "law enforcement",
                "Law enforcement",
            ),
            (
                "Counterfeit consciousness",
                "artificial intelligence",
                "Artificial intelligence",
            ),
            (
                "COUNTERFEIT CONSCIOUSNESS",
                "artificial intelligence",
                "ARTIFICIAL INTELLIGENCE",
            ),
            (
                "Counterfeit Consciousness",
                "artificial intelligence",
                "Artificial Intelligence",
            ),
            ("Planet War II", "World War II", "World War II"),
            (
                "the associated push",
                "the Associated Press",
                "the Associated Press",
            ),
            (
                "Free Of Charge Basis",
                "free of the foundation",
                "Free of the Foundation",
            ),
            ("Center-college", "middle-school", "Middle-school"),
            ("Center-College", "middle-school", "Middle-School"),
            ("Mentioned", "said", "Said"),
            ("1000's", "thousands", "thousands"),
            (
                "Associated Push\u{2019}s",
                "Associated Press's",
                "Associated Press\u{2019}s",
            ),
            (
                "associated push's",
                "Associated Press's",
                "Associated Press's",
            ),
        ];
        for (matched, replacement, want) in cases {
            assert_eq!(carry(matched, replacement), want, "{matched:?}");
        }
    }
}
