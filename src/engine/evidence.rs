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
//!   decide ([`Neighbours::choose`]);
//! * a `context` entry is not repaired where the neighbours favour the
//!   spun word over its original: that is the word used in its own sense,
//!   a one-way swap the other way ([`Neighbours::prefer_spun`]).

use std::cell::RefCell;

use crate::dict::frequencies_builtin::FREQUENCIES;
use crate::dict::memo::{remembered, Memo};
use crate::text::fold::is_apostrophe;
use crate::text::words;
use crate::tier::Tier;

/// Whether the neighbours' evidence may leave a match of this entry
/// unrepaired: its original lists alternatives (none chosen when the
/// neighbours do not decide), or it is a one-word `context` swap (kept
/// where the neighbours favour the spun word). Every other match of a tier
/// the mode applies is repaired.
pub(crate) fn weighs(tier: Tier, spun: &str, original: &str) -> bool {
    original.contains('|') || (tier == Tier::Context && one_word(spun) && one_word(original))
}

/// Whether `s` is one word (or none): it has no second word start. Asked
/// of every match: a run of ASCII letters and digits, the common case, is
/// one word at a glance; otherwise the word starts are counted.
fn one_word(s: &str) -> bool {
    s.bytes().all(|b| b.is_ascii_alphanumeric())
        || words::nth_word_start(s, 0, 1, s.len()).is_none()
}

/// The longest decision key remembered, in bytes.
const DECISION_KEY: usize = 64;

/// The tag of [`Neighbours::prefer_spun`]'s decisions in [`DECISIONS`].
const PREFER_SPUN: u32 = 1;

thread_local! {
    /// The decisions this thread made last, by the words they were made
    /// on: one lookup instead of the four to eight of weighing anew. On the
    /// input of `benches/compare.sh` the weighing is remembered for most
    /// matches, which repeat; see the module docs of [`Memo`].
    static DECISIONS: RefCell<Memo<DECISION_KEY>> = const { RefCell::new(Memo::new(2048)) };
}

/// How much better, in natural log units, the favoured phrase must join its
/// neighbours: e^3 ≈ 20 times as likely.
pub(crate) const MARGIN: f64 = 3.0;

/// Stupid backoff's discount for a pair the lists do not have.
const BACKOFF: f64 = 0.4;

/// The words next to a match: the nearest on each side, across whitespace
/// only and within [`words::NEIGHBOUR_BYTES`] (so that a stream, which
/// holds that much around a window, decides as the whole text does).
/// Lookups fold case themselves, so the words are kept as written.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Neighbours<'t> {
    left: Option<&'t str>,
    right: Option<&'t str>,
}

impl<'t> Neighbours<'t> {
    /// The neighbours of `text[start..end]`.
    pub fn of(text: &'t str, start: usize, end: usize) -> Neighbours<'t> {
        let (left, right) = words::neighbours(text, start, end);
        Neighbours { left, right }
    }

    /// The alternative of `alternatives` (separated by `|`) that the
    /// neighbours favour by at least [`MARGIN`] over every other, judged on
    /// a listed pair; none when they do not decide.
    pub fn choose<'a>(&self, alternatives: &'a str) -> Option<&'a str> {
        let mut scored: Vec<(f64, bool, &str)> = alternatives
            .split('|')
            .map(|a| {
                let (score, listed) = self.join(a);
                (score, listed, a)
            })
            .collect();
        scored.sort_by(|a, b| b.0.total_cmp(&a.0));
        match scored.as_slice() {
            [(best, true, a), (second, ..), ..] if best - second >= MARGIN => Some(a),
            _ => None,
        }
    }

    /// Whether the neighbours favour `spun`, the text matched, over
    /// `original` by at least [`MARGIN`], with a listed pair on the spun
    /// side.
    ///
    /// Only a one-word swap is weighed: a phrase's own first and last words
    /// ("in opposition to") join anything, so the joins say nothing of it.
    pub fn prefer_spun(&self, spun: &str, original: &str) -> bool {
        let mut buffer = [0u8; DECISION_KEY];
        let Some(key) = self.decision_key(spun, original, &mut buffer) else {
            return self.weigh_spun(spun, original);
        };
        remembered(&DECISIONS, PREFER_SPUN, key, || {
            u64::from(self.weigh_spun(spun, original))
        }) == 1
    }

    /// [`Neighbours::prefer_spun`], weighed anew.
    fn weigh_spun(&self, spun: &str, original: &str) -> bool {
        if !one_word(spun) || !one_word(original) {
            return false;
        }
        let (kept, listed) = self.join(spun);
        // Without a listed pair on the spun side nothing is decided, so
        // the original's joins are not looked up.
        listed && kept - self.join(original).0 >= MARGIN
    }

    /// The key a decision about `spun` and `original` between these
    /// neighbours is remembered by: the four lowercased, each followed by
    /// 0xFF (a missing neighbour by 0xFE alone), which no text holds. The
    /// lookups fold ASCII case themselves, so the decision is the key's.
    /// None for text outside ASCII or too long to remember.
    fn decision_key<'b>(
        &self,
        spun: &str,
        original: &str,
        buffer: &'b mut [u8; DECISION_KEY],
    ) -> Option<&'b [u8]> {
        let mut len = 0;
        for part in [self.left, Some(spun), Some(original), self.right] {
            let bytes = part.map_or(&[][..], str::as_bytes);
            let end = len + bytes.len() + 1;
            if end > DECISION_KEY || !bytes.is_ascii() {
                return None;
            }
            for (to, from) in buffer[len..].iter_mut().zip(bytes) {
                *to = from.to_ascii_lowercase();
            }
            buffer[end - 1] = if part.is_some() { 0xFF } else { 0xFE };
            len = end;
        }
        Some(&buffer[..len])
    }

    /// How well `phrase` joins the neighbours, and whether any of the
    /// pairs that decide it is listed.
    fn join(&self, phrase: &str) -> (f64, bool) {
        let mut spans = words::spans(phrase);
        let Some(first) = spans.next().map(|s| listed_form(&phrase[s])) else {
            return (0.0, false);
        };
        let last = spans.last().map_or(first, |s| listed_form(&phrase[s]));
        let sides = [
            self.left.map(|l| follows(listed_form(l), first)),
            self.right.map(|r| follows(last, listed_form(r))),
        ];
        sides
            .into_iter()
            .flatten()
            .fold((0.0, false), |(score, listed), (s, l)| {
                (score + s, listed || l)
            })
    }
}

/// The word as the lists have it: a possessive the lists lack is looked up
/// without its `'s` ("nation's" as "nation").
fn listed_form(word: &str) -> &str {
    let mut tail = word.char_indices().rev();
    match (tail.next(), tail.next()) {
        (Some((_, 's' | 'S')), Some((at, c)))
            if is_apostrophe(c) && FREQUENCIES.unigram(word) == 0 =>
        {
            &word[..at]
        }
        _ => word,
    }
}

/// log P(`second` | `first`) from the pair counts, and whether the lists
/// have the pair; without it, the backed-off estimate log(0.4 · P(second)).
fn follows(first: &str, second: &str) -> (f64, bool) {
    let f = &*FREQUENCIES;
    let pair = f.bigram(first, second);
    // The word's own count is looked up only for a listed pair.
    let base = if pair > 0 { f.unigram(first) } else { 0 };
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_word_agrees_with_reading_the_words() {
        // Every sequence of up to four pieces.
        let pieces = [
            "a", "Z9", "'", " ", "-", "''", "x'y", "\t", ".", "don't", "é",
        ];
        let mut level = vec![String::new()];
        let mut cases = level.clone();
        for _ in 0..4 {
            level = level
                .iter()
                .flat_map(|c| pieces.iter().map(move |p| format!("{c}{p}")))
                .collect();
            cases.extend(level.iter().cloned());
        }
        for case in &cases {
            let want = words::spans(case).nth(1).is_none();
            assert_eq!(one_word(case), want, "{case:?}");
        }
    }

    /// The neighbours of the `[...]`-marked match, and the match.
    fn at(marked: &str) -> (String, std::ops::Range<usize>) {
        let start = marked.find('[').unwrap();
        let end = marked.find(']').unwrap() - 1;
        (marked.replace(['[', ']'], ""), start..end)
    }

    fn near<'t>(text: &'t str, span: &std::ops::Range<usize>) -> Neighbours<'t> {
        Neighbours::of(text, span.start, span.end)
    }

    #[test]
    fn neighbours_stop_at_punctuation_and_at_the_bound() {
        let (text, span) = at("He said, [quickly] and then");
        let n = near(&text, &span);
        assert_eq!((n.left, n.right), (None, Some("and")));
        let (text, span) = at("the [Nation] Leisure");
        let n = near(&text, &span);
        assert_eq!((n.left, n.right), (Some("the"), Some("Leisure")));
        // A word farther than the bound is no neighbour, as a stream could
        // not see it.
        let text = format!("the{}nation of", " ".repeat(words::NEIGHBOUR_BYTES));
        let start = text.find("nation").unwrap();
        let n = Neighbours::of(&text, start, start + 6);
        assert_eq!((n.left, n.right), (None, Some("of")));
    }

    #[test]
    fn the_neighbours_choose_an_alternative_or_nothing() {
        let (text, span) = at("they [requested] him to leave");
        assert_eq!(near(&text, &span).choose("asked|ordered"), Some("asked"));
        let (text, span) = at("shared [throughout] different teams");
        assert_eq!(near(&text, &span).choose("during|across"), Some("across"));
        // "a large number" is likelier than "a great number", but not by
        // enough to decide.
        let (text, span) = at("a [huge] number of");
        assert_eq!(near(&text, &span).choose("large|great"), None);
        // Without a listed pair nothing is decided.
        let (text, span) = at("halted [throughout] broadcast");
        assert_eq!(near(&text, &span).choose("during|across"), None);
    }

    #[test]
    fn the_spun_word_in_its_own_sense_is_kept() {
        let (text, span) = at("in the [nation] of");
        assert!(!near(&text, &span).prefer_spun("nation", "country"));
        let (text, span) = at("at the same [time] as");
        assert!(near(&text, &span).prefer_spun("time", "occasion"));
        // Case and a possessive the lists lack do not hide the evidence.
        let (text, span) = at("AT THE SAME [TIME] AS");
        assert!(near(&text, &span).prefer_spun("TIME", "occasion"));
        assert_eq!(listed_form("nation\u{2019}s"), "nation");
        // Phrases are not weighed.
        let (text, span) = at("voted [in opposition to] the bill");
        assert!(!near(&text, &span).prefer_spun("in opposition to", "against"));
    }

    #[test]
    fn a_remembered_decision_is_the_one_weighed() {
        let texts = [
            "at the same [time] as",
            "AT THE SAME [TIME] AS",
            "at the same [Time]",
            "[time] as",
            "in the [nation] of",
            "in the [Nation] Of",
            "he [stated] that",
            "she [mentioned] the",
            "the [nation\u{2019}s] capital",
        ];
        for marked in texts {
            let (text, span) = at(marked);
            let n = near(&text, &span);
            let spun = &text[span.clone()];
            for original in ["occasion", "country", "said", "Country", "in opposition"] {
                let weighed = n.weigh_spun(spun, original);
                // The first answer may be weighed or remembered (tests
                // share threads); the second is remembered.
                assert_eq!(
                    n.prefer_spun(spun, original),
                    weighed,
                    "{marked} {original}"
                );
                assert_eq!(
                    n.prefer_spun(spun, original),
                    weighed,
                    "{marked} {original}"
                );
            }
        }
        // The key keeps the four apart: a missing neighbour is not an
        // empty one, and the words do not run together.
        let key = |left, right, spun, original| {
            let n = Neighbours { left, right };
            let mut buffer = [0; DECISION_KEY];
            n.decision_key(spun, original, &mut buffer)
                .map(<[u8]>::to_vec)
        };
        assert_ne!(
            key(None, Some("ab"), "c", "d"),
            key(Some("ab"), None, "c", "d")
        );
        assert_ne!(
            key(Some("a"), None, "bc", "d"),
            key(Some("ab"), None, "c", "d")
        );
        assert_eq!(
            key(Some("The"), None, "TIME", "x"),
            key(Some("the"), None, "time", "x")
        );
        assert_eq!(key(Some("caf\u{e9}"), None, "time", "x"), None);
        assert_eq!(key(None, None, &"x".repeat(61), "y"), None);
    }
}
