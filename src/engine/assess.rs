//! How spun a whole text looks: a [`Score`] for each window, as auto mode
//! judges them, and a verdict for each paragraph.
//!
//! A window is judged on its own signals. A paragraph is too short to be
//! judged alone (a spun paragraph of 50 words often holds one or two
//! phrases of the dictionaries), so it takes its window's verdict when it
//! shows a sign of its own, and is clean otherwise: the boilerplate of a
//! spun page ("All rights reserved.") stays clean. Outside spun windows a
//! paragraph is at most suspicious, like the window itself.

use std::ops::Range;

use crate::engine::signals::{self, Tallied};
use crate::engine::window::{windows, Decider};
use crate::scan::RawMatch;
use crate::score::{Score, Verdict};
use crate::text::paragraphs::paragraphs;
use crate::tier::TierSet;

/// A window or paragraph of a text, and how spun it looks.
#[derive(Debug, Clone, PartialEq)]
pub struct Part {
    /// Its byte span in the text.
    pub span: Range<usize>,
    /// Its signals, counted on it alone.
    pub score: Score,
    /// Its verdict: the score's for a window; see [`Assessment`] for a
    /// paragraph's.
    pub verdict: Verdict,
}

/// How spun a text looks, window by window and paragraph by paragraph;
/// from [`Unspinner::assess`](crate::Unspinner::assess).
///
/// A window of a long text is judged on its own: the text's verdict and
/// probability are those of its most spun window.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Assessment {
    /// The windows of [`WINDOW_WORDS`](crate::WINDOW_WORDS) words that
    /// [`Mode::Auto`](crate::Mode::Auto) judges and repairs one by one.
    pub windows: Vec<Part>,
    /// The paragraphs (blocks between blank lines, or lines when there is
    /// no blank line). A paragraph is spun when its window (the one that
    /// holds most of it) is spun and it holds a phrase of the dictionaries
    /// or an article slip itself.
    pub paragraphs: Vec<Part>,
}

impl Assessment {
    /// The most spun window, if the text has any: see [`more_spun`].
    fn worst(&self) -> Option<&Part> {
        self.windows
            .iter()
            .max_by(|a, b| more_spun(&a.score, &b.score))
    }

    /// The text's verdict: its most spun window's.
    pub fn verdict(&self) -> Verdict {
        self.worst().map_or(Verdict::Clean, |w| w.verdict)
    }

    /// The probability that the text was spun: its most spun window's.
    pub fn probability(&self) -> f64 {
        self.score().probability()
    }

    /// The score of the most spun window (of an empty text, the empty
    /// score).
    pub fn score(&self) -> Score {
        self.worst().map(|w| w.score).unwrap_or_default()
    }

    /// Words in the whole text.
    pub fn words(&self) -> usize {
        self.windows.iter().map(|w| w.score.words).sum()
    }
}

/// Which of two windows' scores is the more spun: the higher verdict, then
/// the higher logit (the verdict also needs enough distinct entries, so
/// the window of the highest logit need not have the highest verdict). A
/// text is judged by its most spun window.
pub(crate) fn more_spun(a: &Score, b: &Score) -> std::cmp::Ordering {
    (a.verdict(), a.logit())
        .partial_cmp(&(b.verdict(), b.logit()))
        .unwrap_or(std::cmp::Ordering::Equal)
}

/// The windows of `text` with their scores, and every match of every tier,
/// in order.
pub(crate) fn score_windows(
    decider: &Decider<'_>,
    text: &str,
    words: usize,
) -> (Vec<Part>, Vec<RawMatch>) {
    let mut parts = Vec::new();
    let mut all = Vec::new();
    for window in windows(text, words) {
        let (score, matches) = score_window(decider, text, window.clone());
        parts.push(Part {
            span: window,
            verdict: score.verdict(),
            score,
        });
        all.extend(matches);
    }
    (parts, all)
}

/// The score of the window `window` of `text`, and its matches of every
/// tier: those that start in it, found with the text around it in view.
pub(crate) fn score_window(
    decider: &Decider<'_>,
    text: &str,
    window: Range<usize>,
) -> (Score, Vec<RawMatch>) {
    let mut scan = decider
        .scan(TierSet::ALL, text, window.start)
        .starts_before(window.end)
        .tallying();
    let matches: Vec<RawMatch> = scan.by_ref().collect();
    let tallied = scan.tally().map(|tally| Tallied {
        from: window.start,
        tally,
    });
    let score = signals::score(decider.compiled, text, window, &matches, tallied);
    (score, matches)
}

/// The window that holds most of `span`: the last of those that hold as
/// much, or the last window of all when none holds any of it (an empty
/// span). `windows` are in order and touch, so only those that overlap
/// `span` are looked at, found by a binary search: looking at every
/// window for every paragraph made [`assess`] quadratic.
fn holding<'w>(windows: &'w [Part], span: &Range<usize>) -> Option<&'w Part> {
    let overlap = |w: &Part| overlap(&w.span, span);
    let from = windows.partition_point(|w| w.span.end <= span.start);
    windows[from..]
        .iter()
        .take_while(|w| w.span.start < span.end)
        .max_by_key(|w| overlap(w))
        .filter(|w| overlap(w) > 0)
        .or(windows.last())
}

/// The assessment of `text`, in windows of `words` words.
pub(crate) fn assess(decider: &Decider<'_>, text: &str, words: usize) -> Assessment {
    let (windows, all) = score_windows(decider, text, words);
    let paragraphs = paragraphs(text)
        .into_iter()
        .map(|span| {
            let first = all.partition_point(|m| m.start < span.start);
            let last = all.partition_point(|m| m.start < span.end);
            let score = signals::score(
                decider.compiled,
                text,
                span.clone(),
                &all[first..last],
                None,
            );
            let window = holding(&windows, &span).map_or(Verdict::Clean, |w| w.verdict);
            let signs = score.fix_matches + score.context_matches + score.article_disagreements;
            let verdict = if window == Verdict::Spun && signs > 0 {
                Verdict::Spun
            } else {
                score.verdict().min(Verdict::Suspicious)
            };
            Part {
                span,
                score,
                verdict,
            }
        })
        .collect();
    Assessment {
        windows,
        paragraphs,
    }
}

/// How many bytes two spans share.
fn overlap(a: &Range<usize>, b: &Range<usize>) -> usize {
    a.end.min(b.end).saturating_sub(a.start.max(b.start))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The window that holds most of `span`, looked for among all the
    /// windows (the last of those that hold as much): what [`holding`]
    /// must find.
    fn by_every_window<'w>(windows: &'w [Part], span: &Range<usize>) -> Option<&'w Part> {
        windows.iter().max_by_key(|w| overlap(&w.span, span))
    }

    fn part(span: Range<usize>) -> Part {
        Part {
            span,
            score: Score::default(),
            verdict: Verdict::Clean,
        }
    }

    #[test]
    fn the_holding_window_is_the_one_every_window_gives() {
        // Windows 0..4, 4..8, 8..12: a tie goes to the later window, an
        // empty span to the last window of all.
        let windows = [part(0..4), part(4..8), part(8..12)];
        let at = |span: Range<usize>| holding(&windows, &span).map(|w| w.span.clone());
        assert_eq!(at(2..6), Some(4..8));
        assert_eq!(at(1..6), Some(0..4));
        assert_eq!(at(3..12), Some(8..12));
        assert_eq!(at(5..5), Some(8..12));
        assert_eq!(holding(&[], &(0..3)), None);
        // Every span over some cuts of 0..30 into windows.
        let mut state = 0x9E37_79B9u64;
        let mut next = |n: usize| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % n as u64) as usize
        };
        for _ in 0..200 {
            let mut windows = Vec::new();
            let mut start = 0;
            while start < 30 {
                let end = (start + 1 + next(8)).min(30);
                windows.push(part(start..end));
                start = end;
            }
            for a in 0..=30 {
                for b in a..=30 {
                    let want = by_every_window(&windows, &(a..b)).map(|w| w.span.clone());
                    let got = holding(&windows, &(a..b)).map(|w| w.span.clone());
                    assert_eq!(got, want, "{a}..{b} in {windows:?}");
                }
            }
        }
    }
}
