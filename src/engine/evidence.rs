//! Frequency evidence at one place of a text: which of several originals
//! its neighbours favour, and whether they favour the spun word itself.
//!
//! A phrase is scored by how well it joins its neighbours, the nearest word
//! on each side (none across punctuation), in the bundled English counts
//! (`data/frequency/`): log P(first word | left neighbour) + log P(right
//! neighbour | last word), with the pair counts where the lists have the
//! pair and a backed-off unigram estimate where they do not. The lists keep
//! only pairs seen 6.4 million times or more, so a missing pair is weak
//! evidence; a decision needs a listed pair and a clear margin
//! ([`MARGIN`]), and is left undecided otherwise.
//!
//! Two decisions use it:
//!
//! * an entry with alternative originals (`asked|ordered`) is repaired
//!   with the one the neighbours favour, and left alone when they do not
//!   decide ([`choose`]);
//! * a `context` entry is not repaired where the neighbours favour the
//!   spun word over its original: that is the word used in its own sense,
//!   a one-way swap the other way ([`prefers_spun`]).

use std::ops::Range;

use crate::dict::frequencies_builtin::FREQUENCIES;
use crate::text::words;

/// How much better, in natural log units, the favoured phrase must join its
/// neighbours: e^3 ≈ 20 times as likely.
pub(crate) const MARGIN: f64 = 3.0;

/// Stupid backoff's discount for a pair the lists do not have.
const BACKOFF: f64 = 0.4;

/// The neighbours of `span` in `text`, lowercased: the nearest word on
/// each side, separated from the span by whitespace only.
fn neighbours(text: &str, span: &Range<usize>) -> (Option<String>, Option<String>) {
    let before = &text[..span.start];
    let trimmed = before.trim_end();
    let left = (trimmed.len() < before.len())
        .then(|| words::last_word(trimmed))
        .filter(|w| !w.is_empty() && trimmed.ends_with(*w));
    let after = &text[span.end..];
    let trimmed = after.trim_start();
    let right = (trimmed.len() < after.len())
        .then(|| words::first_word(trimmed))
        .filter(|w| !w.is_empty() && trimmed.starts_with(*w));
    (left.map(str::to_lowercase), right.map(str::to_lowercase))
}

/// The word as the lists have it: a possessive the lists lack is looked up
/// without its `'s` ("nation's" as "nation").
fn listed_form(word: &str) -> &str {
    match word
        .strip_suffix("'s")
        .or_else(|| word.strip_suffix("\u{2019}s"))
    {
        Some(stem) if FREQUENCIES.unigram(word) == 0 => stem,
        _ => word,
    }
}

/// log P(`second` | `first`) from the pair counts, and whether the lists
/// have the pair; without it, the backed-off estimate log(0.4 · P(second)).
fn follows(first: &str, second: &str) -> (f64, bool) {
    let f = &*FREQUENCIES;
    let (pair, base) = (f.bigram(first, second), f.unigram(first));
    if pair > 0 && base > 0 {
        ((pair as f64 / base as f64).ln(), true)
    } else {
        let total = f.total().max(1) as f64;
        (
            (BACKOFF * f.unigram(second).max(1) as f64 / total).ln(),
            false,
        )
    }
}

/// How well `phrase` joins `left` and `right`, and whether any of the
/// pairs that decide it is listed.
fn join(left: Option<&str>, phrase: &str, right: Option<&str>) -> (f64, bool) {
    let lower = phrase.to_lowercase();
    let mut spans = words::spans(&lower);
    let Some(first) = spans.next().map(|s| listed_form(&lower[s])) else {
        return (0.0, false);
    };
    let last = spans.last().map_or(first, |s| listed_form(&lower[s]));
    let sides = [
        left.map(|l| follows(listed_form(l), first)),
        right.map(|r| follows(last, listed_form(r))),
    ];
    sides
        .into_iter()
        .flatten()
        .fold((0.0, false), |(score, listed), (s, l)| {
            (score + s, listed || l)
        })
}

/// The alternative of `alternatives` (separated by `|`) that the neighbours
/// of `span` favour by at least [`MARGIN`] over every other, if any.
pub(crate) fn choose<'a>(
    text: &str,
    span: &Range<usize>,
    alternatives: &'a str,
) -> Option<&'a str> {
    if !alternatives.contains('|') {
        return Some(alternatives);
    }
    let (left, right) = neighbours(text, span);
    let mut scored: Vec<(f64, bool, &str)> = alternatives
        .split('|')
        .map(|a| {
            let (score, listed) = join(left.as_deref(), a, right.as_deref());
            (score, listed, a)
        })
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0));
    match scored.as_slice() {
        [(best, true, a), (second, ..), ..] if best - second >= MARGIN => Some(a),
        _ => None,
    }
}

/// Whether the neighbours of `span` favour the text there over `original`
/// by at least [`MARGIN`], with a listed pair on the text's side.
///
/// Only a one-word swap is weighed: a phrase's own first and last words
/// ("in opposition to") join anything, so the joins say nothing of it.
pub(crate) fn prefers_spun(text: &str, span: &Range<usize>, original: &str) -> bool {
    let one_word = |s: &str| words::spans(s).nth(1).is_none();
    if !one_word(&text[span.clone()]) || !one_word(original) {
        return false;
    }
    let (left, right) = neighbours(text, span);
    let (spun, listed) = join(left.as_deref(), &text[span.clone()], right.as_deref());
    let (restored, _) = join(left.as_deref(), original, right.as_deref());
    listed && spun - restored >= MARGIN
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(marked: &str) -> (String, Range<usize>) {
        let start = marked.find('[').unwrap();
        let end = marked.find(']').unwrap() - 1;
        (marked.replace(['[', ']'], ""), start..end)
    }

    #[test]
    fn neighbours_stop_at_punctuation() {
        let (text, span) = at("He said, [quickly] and then");
        assert_eq!(neighbours(&text, &span), (None, Some("and".into())));
        let (text, span) = at("the [Nation] Leisure");
        assert_eq!(
            neighbours(&text, &span),
            (Some("the".into()), Some("leisure".into()))
        );
    }

    #[test]
    fn the_neighbours_choose_an_alternative_or_nothing() {
        // "the United States" is far likelier than "the United Kingdom" only
        // in counts, not in sense: the choice is by the joins alone.
        let (text, span) = at("they [requested] him to leave");
        assert_eq!(choose(&text, &span, "asked|ordered"), Some("asked"));
        let (text, span) = at("shared [throughout] different teams");
        assert_eq!(choose(&text, &span, "during|across"), Some("across"));
        // "a large number" is likelier than "a great number", but not by
        // enough to decide.
        let (text, span) = at("a [huge] number of");
        assert_eq!(choose(&text, &span, "large|great"), None);
        // Without a listed pair nothing is decided.
        let (text, span) = at("halted [throughout] broadcast");
        assert_eq!(choose(&text, &span, "during|across"), None);
        // One original is always the choice.
        assert_eq!(choose(&text, &span, "during"), Some("during"));
    }

    #[test]
    fn the_spun_word_in_its_own_sense_is_kept() {
        let (text, span) = at("in the [nation] of");
        assert!(!prefers_spun(&text, &span, "country"));
        let (text, span) = at("at the same [time] as");
        assert!(prefers_spun(&text, &span, "occasion"));
        // Phrases are not weighed.
        let (text, span) = at("voted [in opposition to] the bill");
        assert!(!prefers_spun(&text, &span, "against"));
    }
}
