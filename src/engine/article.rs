//! `a`/`an` agreement after a replacement.
//!
//! When a repair changes the first sound of the word after an indefinite
//! article, the article has to change too: "an entrepreneur" repaired to
//! businessman must read "a businessman". The article is only changed when
//! it agreed with the spun word; an article the spinner already broke is
//! left as it stands, because it is evidence of the original ("a enormous
//! outflow" was "a huge outflow").
//!
//! The choice goes by sound, from spelling, with the usual exceptions:
//! "a university", "a one-off", "a European", "an hour", "an honest". When
//! the spelling does not say (digits, acronyms), nothing is changed.
//!
//! Articles are also a signal of spinning: [`disagreements`] counts the
//! articles that do not fit the next word, for the spin score.

use std::ops::Range;

use crate::scan::MAX_MATCH_BYTES;
use crate::text::words;

/// The most whitespace between an article and the word it belongs to:
/// past this, "a" is not read as the article of what follows (and a
/// stream need not hold it back).
pub(crate) const MAX_GAP: usize = MAX_MATCH_BYTES;

/// An indefinite article.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Article {
    A,
    An,
}

impl Article {
    /// Reads `a` or `an` in any case.
    pub fn parse(word: &str) -> Option<Article> {
        if word.eq_ignore_ascii_case("a") {
            Some(Article::A)
        } else if word.eq_ignore_ascii_case("an") {
            Some(Article::An)
        } else {
            None
        }
    }

    /// Writes this article in the case of `like` (`a`, `A`, `an`, `An`,
    /// `AN`); `shout` asks for all capitals when `like` is the ambiguous
    /// single capital `A`.
    pub fn spelled_like(self, like: &str, shout: bool) -> &'static str {
        let upper_first = like.starts_with(|c: char| c.is_uppercase());
        let all_upper = like.len() > 1 && like.chars().all(char::is_uppercase);
        match (self, upper_first, all_upper || (shout && upper_first)) {
            (Article::A, false, _) => "a",
            (Article::A, true, _) => "A",
            (Article::An, false, _) => "an",
            (Article::An, true, false) => "An",
            (Article::An, true, true) => "AN",
        }
    }
}

/// Prefixes of vowel-letter words that begin with a consonant sound.
const A_BEFORE_VOWEL: &[&str] = &[
    "eu", "ewe", "once", "one", "ouija", "ubiq", "ukr", "uran", "ure", "uri", "uro", "usa", "use",
    "usu", "uten", "uti", "uto", "uvu",
];

/// Prefixes of consonant-letter words that begin with a vowel sound.
const AN_BEFORE_CONSONANT: &[&str] = &["heir", "herb", "honest", "honor", "honour", "hour"];

/// The article the word at the start of `text` takes, if its spelling
/// tells.
pub(crate) fn for_word(text: &str) -> Option<Article> {
    let word = words::first_word(text);
    let first = word.chars().next()?;
    if !first.is_alphabetic() {
        return None;
    }
    // An acronym: read as letters or as a word, unknown. (Most words have
    // a lowercase letter early, so that test comes first.)
    if word.chars().all(|c| !c.is_lowercase())
        && word.chars().filter(|c| c.is_alphabetic()).nth(1).is_some()
    {
        return None;
    }
    // A consonant letter other than `h` needs no list.
    if first.is_ascii()
        && !matches!(
            first.to_ascii_lowercase(),
            'a' | 'e' | 'i' | 'o' | 'u' | 'h'
        )
    {
        return Some(Article::A);
    }
    // The prefixes below are at most six letters: lowercase no more, on
    // the stack when they are ASCII (the score asks after every `a` and
    // `an`). The lists and the letters compared are ASCII, so the bytes
    // of the lowercase text answer as its characters would.
    let head = match word.char_indices().nth(8) {
        Some((i, _)) => &word[..i],
        None => word,
    };
    let mut ascii = [0u8; 8];
    let unicode;
    let lower: &[u8] = if head.len() <= ascii.len() && head.is_ascii() {
        let lower = &mut ascii[..head.len()];
        lower.copy_from_slice(head.as_bytes());
        lower.make_ascii_lowercase();
        lower
    } else {
        unicode = head.to_lowercase();
        unicode.as_bytes()
    };
    let starts_with = |prefixes: &[&str]| prefixes.iter().any(|p| lower.starts_with(p.as_bytes()));
    if starts_with(AN_BEFORE_CONSONANT) {
        return Some(Article::An);
    }
    if starts_with(A_BEFORE_VOWEL) {
        return Some(Article::A);
    }
    if let Some(rest) = lower.strip_prefix(b"uni") {
        // "a unit", "a university", but "an unimportant", "an unnamed".
        return Some(match rest.first() {
            Some(b'd' | b'm' | b'n') => Article::An,
            _ => Article::A,
        });
    }
    Some(match lower.first() {
        Some(b'a' | b'e' | b'i' | b'o' | b'u') => Article::An,
        _ => Article::A,
    })
}

/// The article that ends at byte `end` of `text`, as a whole word that
/// starts at or after `floor`: its start, and which article it is.
fn article_ending_at(text: &str, floor: usize, end: usize) -> Option<(usize, Article)> {
    // An article has at most two letters: three characters are enough to
    // tell (a longer word fails to parse), and a long word is not read.
    let len: usize = text[floor..end]
        .chars()
        .rev()
        .take(3)
        .take_while(|&c| words::is_word_char(c))
        .map(char::len_utf8)
        .sum();
    let start = end - len;
    let article = Article::parse(&text[start..end])?;
    (!words::word_before(text, start)).then_some((start, article))
}

/// The article edit a repair of `text[span]` needs (its span and the
/// article that replaces it): when the word before the span, across
/// whitespace and not before `floor`, is an article that agreed with the
/// spun phrase and disagrees with the original. The sounds are read from
/// the entry's `spun` and `original` as the dictionary writes them, so ALL
/// CAPS text is not mistaken for acronyms; `floor` is where the previous
/// edit or allowed phrase ended.
pub(crate) fn edit_before(
    text: &str,
    floor: usize,
    span: Range<usize>,
    (spun, original): (&str, &str),
) -> Option<(Range<usize>, &'static str)> {
    let before = &text[floor..span.start];
    let head = before.trim_end().len();
    if head == before.len() || before.len() - head > MAX_GAP {
        return None;
    }
    let (start, current) = article_ending_at(text, floor, floor + head)?;
    let wanted = for_word(original)?;
    if for_word(spun)? != current || wanted == current {
        return None;
    }
    let shout = crate::engine::case::pattern(&text[span]) == crate::engine::case::Pattern::Upper;
    let word = &text[start..floor + head];
    Some((start..floor + head, wanted.spelled_like(word, shout)))
}

/// The start of an article that ends `text[from..end]`, followed only by
/// whitespace, and not more than [`MAX_GAP`] of it: a repair just after
/// `end` may still change it, so a stream holds it back.
pub(crate) fn trailing(text: &str, from: usize, end: usize) -> Option<usize> {
    let head = text[from..end].trim_end().len();
    if end - from - head > MAX_GAP {
        return None;
    }
    article_ending_at(text, from, from + head).map(|(start, _)| start)
}

/// Whether the word at `start` is an article, `a` or `an`, that disagrees
/// with the sound of the next word ("a enormous", "an job"): a sign that
/// the next word was substituted. Articles and words are read as
/// whitespace-separated tokens here: the article must be a token of its
/// own, and the next token must start with a letter whose sound the
/// spelling tells. The score counts these, at the starts of the words
/// `a` and `an` a scan has seen.
pub(crate) fn disagrees_at(text: &str, start: usize) -> bool {
    let starts_token = text[..start]
        .chars()
        .next_back()
        .is_none_or(char::is_whitespace);
    if !starts_token {
        return false;
    }
    // An article is one or two bytes long; look no further than that.
    let short = text[start..]
        .char_indices()
        .take(3)
        .find(|(_, c)| c.is_whitespace())
        .map_or(text.len() - start, |(n, _)| n);
    let Some(article) = Article::parse(&text[start..start + short]) else {
        return false;
    };
    // The next token. `for_word` reads only the word at its start, which
    // stops at whitespace, so the token's end need not be found.
    let next = text[start + short..].trim_start();
    next.starts_with(char::is_alphabetic) && for_word(next).is_some_and(|a| a != article)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::random::{self, Spaces};
    use crate::text::words;

    /// The article disagreements of `text`, as the score counts them: at
    /// the starts of the words `a` and `an`.
    fn disagreements(text: &str) -> usize {
        let mut count = 0;
        words::for_each_word(text, 0, text.len(), |start, _| {
            let word = words::read_word(text, start).0;
            if Article::parse(&text[start..word]).is_some() && disagrees_at(text, start) {
                count += 1;
            }
        });
        count
    }

    /// The plain definition that [`disagreements`] must agree with.
    fn disagreements_by_definition(text: &str) -> usize {
        let mut count = 0;
        let mut tokens = text.split_whitespace().peekable();
        while let Some(token) = tokens.next() {
            let Some(article) = Article::parse(token) else {
                continue;
            };
            let Some(next) = tokens.peek() else {
                break;
            };
            if next.starts_with(char::is_alphabetic) && for_word(next).is_some_and(|a| a != article)
            {
                count += 1;
            }
        }
        count
    }

    #[test]
    fn the_count_at_words_agrees_with_the_token_definition() {
        let mut texts: Vec<String> = random::samples().into();
        let pieces = [
            "a",
            "an",
            "A",
            "AN",
            "aN",
            "An",
            "enormous",
            "job",
            "hour",
            "a\u{a0}",
            "\u{2003}",
            " ",
            "\n",
            "ax",
            "ana",
            "\u{e9}t\u{e9}",
            "banana",
            "Aa",
            ".",
            "\"a",
            "(an",
        ];
        texts.extend(random::texts(&pieces, 300, 40, Spaces::AfterSome));
        for text in &texts {
            assert_eq!(
                disagreements(text),
                disagreements_by_definition(text),
                "{text:?}"
            );
        }
    }

    /// The rules of [`for_word`] as first written: characters decoded,
    /// the head lowercased into a `String`.
    fn for_word_by_definition(text: &str) -> Option<Article> {
        let word = words::first_word(text);
        let first = word.chars().next()?;
        if !first.is_alphabetic()
            || (word.chars().all(|c| !c.is_lowercase())
                && word.chars().filter(|c| c.is_alphabetic()).count() > 1)
        {
            return None;
        }
        let lower: String = word.chars().take(8).collect::<String>().to_lowercase();
        if AN_BEFORE_CONSONANT.iter().any(|p| lower.starts_with(p)) {
            return Some(Article::An);
        }
        if A_BEFORE_VOWEL.iter().any(|p| lower.starts_with(p)) {
            return Some(Article::A);
        }
        if let Some(rest) = lower.strip_prefix("uni") {
            return Some(match rest.chars().next() {
                Some('d' | 'm' | 'n') => Article::An,
                _ => Article::A,
            });
        }
        Some(match lower.chars().next() {
            Some('a' | 'e' | 'i' | 'o' | 'u') => Article::An,
            _ => Article::A,
        })
    }

    #[test]
    fn the_article_is_the_one_the_rules_give() {
        let mut pieces: Vec<&str> = vec![
            "a", "E", "h", "u", "ni", "D", "x", "7", "'", "''", " ", "-", ".", "\u{e9}", "\u{c9}",
            "\u{130}", "\u{2019}", "\u{a0}", "HONEST", "Uni", "m", "one", "Eu", "USA",
        ];
        pieces.extend(AN_BEFORE_CONSONANT);
        pieces.extend(A_BEFORE_VOWEL);
        for text in random::texts(&pieces, 3000, 4, Spaces::AfterSome) {
            assert_eq!(for_word(&text), for_word_by_definition(&text), "{text:?}");
        }
    }

    #[test]
    fn article_by_sound() {
        let cases = [
            ("businessman", Some(Article::A)),
            ("entrepreneur", Some(Article::An)),
            ("huge", Some(Article::A)),
            ("enormous outflow", Some(Article::An)),
            ("interview", Some(Article::An)),
            ("university", Some(Article::A)),
            ("unimportant", Some(Article::An)),
            ("unusual", Some(Article::An)),
            ("user", Some(Article::A)),
            ("European", Some(Article::A)),
            ("one-off", Some(Article::A)),
            ("hour", Some(Article::An)),
            ("honest", Some(Article::An)),
            ("house", Some(Article::A)),
            ("FBI", None),
            ("80", None),
            ("", None),
        ];
        for (word, want) in cases {
            assert_eq!(for_word(word), want, "{word:?}");
        }
    }

    #[test]
    fn disagreements_are_counted() {
        let cases = [
            ("a huge outflow and an interview", 0),
            ("a enormous outflow and an job interview", 2),
            ("A enormous outflow", 1),
            ("a, enormous", 0),
            ("an FBI agent and a 80-year-old", 0),
            ("a university and an hour and a one-off", 0),
            ("banana enormous", 0),
            ("a", 0),
        ];
        for (text, want) in cases {
            assert_eq!(disagreements(text), want, "{text:?}");
        }
    }

    #[test]
    fn article_keeps_case() {
        assert_eq!(Article::An.spelled_like("a", false), "an");
        assert_eq!(Article::An.spelled_like("A", false), "An");
        assert_eq!(Article::An.spelled_like("A", true), "AN");
        assert_eq!(Article::A.spelled_like("An", false), "A");
        assert_eq!(Article::A.spelled_like("AN", false), "A");
        assert_eq!(Article::A.spelled_like("an", false), "a");
    }
}
