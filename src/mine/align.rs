//! Aligning a spun text with its original, word by word, and reading off
//! the substitutions: where the spinner put one phrase for another.
//!
//! Both texts are cut into words ([`crate::text::words`]), compared
//! folded (case, apostrophes), and aligned with a Myers diff. A stretch the
//! diff replaces (spun words on one side, original words on the other) is
//! a substitution, with the words on either side of it as its context. A
//! stretch with as many words on each side is read word for word ("Push
//! mentioned" for "Press said" is two swaps, each with its neighbours; the
//! miner rejoins a swap with its neighbour where that is what recurs), one
//! with different counts as one phrase ("well being" for "health").
//! Stretches of more than [`MAX_WORDS`] words on a side are paraphrase or
//! misalignment rather than a spinner's swap, and are left out; so are
//! pure insertions and deletions.
//!
//! Texts whose lines correspond (the same number of non-empty lines) are
//! aligned line by line, which keeps a shifted paragraph from misaligning
//! the rest; other texts are aligned whole.

use std::ops::Range;

use similar::{capture_diff_slices, Algorithm, DiffTag};

use crate::text::words;

/// The most words on either side of a substitution.
pub const MAX_WORDS: usize = 4;

/// One substitution found in a pair of texts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Substitution {
    /// The spun phrase as the spun text writes it (whitespace runs made
    /// one space).
    pub spun: String,
    /// The original phrase as the original writes it.
    pub original: String,
    /// The spun text's word before and after the phrase, as written.
    pub spun_context: (Option<String>, Option<String>),
    /// The original's word before and after the phrase, as written.
    pub original_context: (Option<String>, Option<String>),
    /// Whether the original phrase starts a sentence (its capital may be
    /// the sentence's, not a name's).
    pub sentence_start: bool,
}

/// A word of a text: its span and its folded form.
struct Word {
    span: Range<usize>,
    folded: String,
}

fn words_of(text: &str) -> Vec<Word> {
    words::spans(text)
        .map(|span| Word {
            folded: fold(&text[span.clone()]),
            span,
        })
        .collect()
}

/// A word folded for comparison: lowercase, apostrophes straight.
pub(crate) fn fold(word: &str) -> String {
    word.chars()
        .flat_map(char::to_lowercase)
        .map(|c| {
            if crate::text::fold::is_apostrophe(c) {
                '\''
            } else {
                c
            }
        })
        .collect()
}

/// The substitutions of `spun` against `original`: line by line when their
/// non-empty lines correspond one to one, else over the whole texts.
pub fn substitutions(spun: &str, original: &str) -> Vec<Substitution> {
    let (spun_lines, original_lines) = (non_empty_lines(spun), non_empty_lines(original));
    if spun_lines.len() == original_lines.len() && spun_lines.len() > 1 {
        spun_lines
            .iter()
            .zip(&original_lines)
            .flat_map(|(s, o)| align(s, o))
            .collect()
    } else {
        align(spun, original)
    }
}

fn non_empty_lines(text: &str) -> Vec<&str> {
    text.lines().filter(|l| !l.trim().is_empty()).collect()
}

/// The substitutions of one aligned stretch of text.
fn align(spun: &str, original: &str) -> Vec<Substitution> {
    let s = words_of(spun);
    let o = words_of(original);
    let sf: Vec<&str> = s.iter().map(|w| w.folded.as_str()).collect();
    let of: Vec<&str> = o.iter().map(|w| w.folded.as_str()).collect();
    let mut found = Vec::new();
    for op in capture_diff_slices(Algorithm::Myers, &sf, &of) {
        let (tag, rs, ro) = op.as_tag_tuple();
        if tag != DiffTag::Replace
            || rs.is_empty()
            || ro.is_empty()
            || rs.len() > MAX_WORDS
            || ro.len() > MAX_WORDS
        {
            continue;
        }
        let mut pieces: Vec<(Range<usize>, Range<usize>)> = if rs.len() == ro.len() {
            (0..rs.len())
                .map(|k| {
                    (
                        rs.start + k..rs.start + k + 1,
                        ro.start + k..ro.start + k + 1,
                    )
                })
                .collect()
        } else {
            Vec::new()
        };
        // A name is also taken whole ("Globe Wellbeing Firm" for "World
        // Health Organization"): its words are garbled one by one, but it
        // recurs as a name.
        let name = ro.len() > 1
            && o[ro.clone()]
                .iter()
                .all(|w| original[w.span.clone()].starts_with(char::is_uppercase));
        if rs.len() != ro.len() || name {
            pieces.push((rs, ro));
        }
        for (rs, ro) in pieces {
            let start = o[ro.start].span.start;
            let sentence_start = original[..start]
                .trim_end()
                .chars()
                .next_back()
                .is_none_or(|c| matches!(c, '.' | '!' | '?' | '"' | '\u{201c}' | ':'));
            found.push(Substitution {
                spun: phrase(spun, &s, &rs),
                original: phrase(original, &o, &ro),
                spun_context: context(spun, &s, &rs),
                original_context: context(original, &o, &ro),
                sentence_start,
            });
        }
    }
    found
}

/// The text of words `r`, whitespace runs made one space.
fn phrase(text: &str, w: &[Word], r: &Range<usize>) -> String {
    let span = w[r.start].span.start..w[r.end - 1].span.end;
    text[span].split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The words just before and after words `r`, as written.
fn context(text: &str, w: &[Word], r: &Range<usize>) -> (Option<String>, Option<String>) {
    let word = |i: usize| text[w[i].span.clone()].to_string();
    (
        r.start.checked_sub(1).map(word),
        w.get(r.end).map(|_| word(r.end)),
    )
}

/// The folded words of a phrase.
pub(crate) fn folded_words(phrase: &str) -> Vec<String> {
    words::spans(phrase).map(|s| fold(&phrase[s])).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaced_stretches_become_substitutions() {
        let spun = "The Associated Push mentioned regulation enforcement arrived.";
        let original = "The Associated Press said law enforcement arrived.";
        let found = substitutions(spun, original);
        let pairs: Vec<(&str, &str)> = found
            .iter()
            .map(|s| (s.spun.as_str(), s.original.as_str()))
            .collect();
        assert_eq!(
            pairs,
            [
                ("Push", "Press"),
                ("mentioned", "said"),
                ("regulation", "law")
            ]
        );
        assert_eq!(
            found[0].spun_context,
            (Some("Associated".into()), Some("mentioned".into()))
        );
        assert_eq!(
            found[1].original_context,
            (Some("Press".into()), Some("law".into()))
        );
        let found = substitutions(
            "the Globe Wellbeing Firm said",
            "the World Health Organization said",
        );
        assert_eq!(found.len(), 4);
        assert_eq!(found[3].spun, "Globe Wellbeing Firm");
        assert_eq!(found[3].original, "World Health Organization");
        let found = substitutions("for his well being now", "for his health now");
        assert_eq!(found.len(), 1);
        assert_eq!(
            (found[0].spun.as_str(), found[0].original.as_str()),
            ("well being", "health")
        );
        // Line by line, when the lines correspond.
        let spun = "Fox Information reported.\nHe mentioned it.\n";
        let original = "Fox News reported.\nHe said it.\n";
        let found = substitutions(spun, original);
        assert_eq!(found.len(), 2);
        assert_eq!(
            (found[0].spun.as_str(), found[0].original.as_str()),
            ("Information", "News")
        );
        assert_eq!(
            found[0].original_context,
            (Some("Fox".into()), Some("reported".into()))
        );
        assert!(!found[0].sentence_start);
        assert_eq!(found[1].spun_context.1.as_deref(), Some("it"));
    }

    #[test]
    fn case_and_apostrophes_are_not_substitutions() {
        assert!(substitutions("Don\u{2019}t PANIC", "don't panic").is_empty());
        // Long rewrites and pure insertions are left out.
        assert!(substitutions("a b c d e f g", "h i j k l m n").is_empty());
        assert!(substitutions("a b c", "a x y b c").is_empty());
    }
}
