//! Windows: how a text is cut, what one window hands on to the next, and
//! the one function that decides a window's edits.
//!
//! A text is repaired window by window, each of at most
//! [`WINDOW_WORDS`] words (or [`MAX_WINDOW_BYTES`], for text without
//! spaces). Window boundaries depend on the text alone, so a stream is cut
//! exactly as a whole text is. [`Mode::Auto`] judges each window on its
//! own.
//!
//! The edits of a window depend on the windows before it only through a
//! [`Carry`]: where the last edit ended (no match may start inside it) and
//! where the allowed phrases seen so far end (no match, and no article
//! edit, may touch them). In-memory repair, streaming repair and the
//! threads that repair windows ahead all call [`Decider::decide`] with it.

use std::ops::Range;

use crate::dict::compile::Compiled;
use crate::dict::rule::CONTEXT_BYTES;
use crate::engine::article;
use crate::engine::case;
use crate::engine::edit::{Decision, EditKind};
use crate::engine::evidence::{self, Neighbours};
use crate::engine::mode::Mode;
use crate::engine::signals::{self, Tallied};
use crate::scan::{FastPaths, RawMatch, Scan, MAX_MATCH_BYTES};
use crate::score::Verdict;
use crate::text::words;
use crate::tier::{Tier, TierSet};

/// The number of words in a window: [`Mode::Auto`] scores and gates each
/// window of this many words on its own, so that a long text or a stream
/// is judged piece by piece and gives the same result whole or in chunks.
pub const WINDOW_WORDS: usize = 2000;

/// The most bytes in a window, however few words it has: text without
/// spaces (or one enormous word) is still cut into bounded pieces.
pub(crate) const MAX_WINDOW_BYTES: usize = 1 << 20;

/// Bytes past a window's end that must be in view before the window is
/// decided: room for a match that starts in it and for an allowed phrase
/// inside that match, and for a rule's look past it.
pub(crate) const LOOKAHEAD: usize = 2 * MAX_MATCH_BYTES + CONTEXT_BYTES + 16;

/// Bytes before a window's first undecided byte that deciding it reads:
/// word boundaries and rules look back this far.
pub(crate) const LOOKBEHIND: usize = CONTEXT_BYTES + 8;

/// Where the window that starts at `start` ends: at the start of its
/// `words`+1-th word, or after [`MAX_WINDOW_BYTES`] (at a char boundary),
/// whichever comes first; `None` when it runs to the end of `text`.
pub(crate) fn window_end(text: &str, start: usize, words: usize) -> Option<usize> {
    let cap = window_cap(text, start);
    match words::nth_word_start(text, start, words.max(1), cap.unwrap_or(text.len())) {
        Some(word) => Some(word),
        None => cap,
    }
}

/// Where the window that starts at `start` ends at the latest: after
/// [`MAX_WINDOW_BYTES`], at a char boundary; `None` when that is not before
/// the end of `text`.
fn window_cap(text: &str, start: usize) -> Option<usize> {
    let mut cap = start + MAX_WINDOW_BYTES;
    while cap < text.len() && !text.is_char_boundary(cap) {
        cap += 1;
    }
    (cap < text.len()).then_some(cap)
}

/// Splits `text` into windows (see [`window_end`]).
pub(crate) fn windows(text: &str, words: usize) -> Vec<Range<usize>> {
    let mut bounds = vec![0];
    while let Some(end) = window_end(text, bounds[bounds.len() - 1], words) {
        bounds.push(end);
    }
    bounds.push(text.len());
    bounds.dedup();
    bounds.windows(2).map(|w| w[0]..w[1]).collect()
}

/// Whether the text a window is decided in goes on after what has been
/// read of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Input {
    Continues,
    Ended,
}

/// What deciding one window hands on to the next. Offsets are into the
/// text the windows are cut from.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Carry {
    /// Where the last edit ended: no match starts before it.
    pub edited_to: usize,
    /// Where the allowed phrases seen so far end: no edit touches the text
    /// before it, an article included.
    pub protected_to: usize,
}

impl Carry {
    /// The same carry, in a text that starts `by` bytes later (offsets
    /// before its start become 0).
    pub fn shifted_back(self, by: usize) -> Carry {
        Carry {
            edited_to: self.edited_to.saturating_sub(by),
            protected_to: self.protected_to.saturating_sub(by),
        }
    }

    /// The same carry, in a text that starts `by` bytes earlier.
    pub fn shifted_on(self, by: usize) -> Carry {
        Carry {
            edited_to: self.edited_to + by,
            protected_to: self.protected_to + by,
        }
    }

    /// The later of the two, field by field.
    pub fn max(self, other: Carry) -> Carry {
        Carry {
            edited_to: self.edited_to.max(other.edited_to),
            protected_to: self.protected_to.max(other.protected_to),
        }
    }
}

/// A carry as a run of windows decided ahead of its turn knows it: each
/// field unknown (`None`) until an edit, or an allowed phrase, is seen in
/// the run. The run's first window is decided as if nothing came before
/// it; the next ones with what the run has seen.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct PartialCarry {
    edited_to: Option<usize>,
    protected_to: Option<usize>,
}

impl PartialCarry {
    /// The carry to decide with: an unknown field taken as 0, which is
    /// "nothing before".
    pub fn assumed(self) -> Carry {
        Carry {
            edited_to: self.edited_to.unwrap_or(0),
            protected_to: self.protected_to.unwrap_or(0),
        }
    }

    /// What the run knows after a window decided with [`Self::assumed`]
    /// handed on `after`.
    pub fn learn(&mut self, after: Carry) {
        let assumed = self.assumed();
        if after.edited_to > assumed.edited_to {
            self.edited_to = Some(after.edited_to);
        }
        if after.protected_to > assumed.protected_to {
            self.protected_to = Some(after.protected_to);
        }
    }

    /// The same carry, in a text that starts `by` bytes earlier.
    pub fn shifted_on(self, by: usize) -> PartialCarry {
        PartialCarry {
            edited_to: self.edited_to.map(|d| d + by),
            protected_to: self.protected_to.map(|p| p + by),
        }
    }

    /// The carry to hand on after a window decided ahead and found to
    /// hold: the known fields of `self` over `actual`.
    pub fn over(self, actual: Carry) -> Carry {
        Carry {
            edited_to: actual.edited_to.max(self.edited_to.unwrap_or(0)),
            protected_to: actual.protected_to.max(self.protected_to.unwrap_or(0)),
        }
    }

    /// Are the decisions of the window at `start`, made with this carry
    /// assumed, the ones that the `actual` carry gives? A field assumed at
    /// or below the actual one, which is at or below the window's start,
    /// decides the same as the actual one: no match starts before the
    /// window anyway. (An unknown field was taken as 0.) Only an article
    /// edit before the window's first match may reach back before its
    /// start, where the later actual bound would forbid it: so the first
    /// decision, when it is an article, must lie after the actual bounds.
    /// A field assumed above the actual one might have forbidden an
    /// article the actual one allows, so it must be the actual one, as
    /// must one past the window's start.
    ///
    /// A run's first window assumes nothing, and each later one what the
    /// run saw before it, such as an allowed phrase that ended a window
    /// earlier: when the actual carry has moved on since (to another
    /// allowed phrase, still before the window), the decisions still hold.
    pub fn holds(self, start: usize, actual: Carry, first: Option<&Decision<'_>>) -> bool {
        let same = |assumed: Option<usize>, actual: usize| {
            let assumed = assumed.unwrap_or(0);
            assumed == actual || (assumed <= actual && actual <= start)
        };
        let floor = actual.edited_to.max(actual.protected_to);
        same(self.edited_to, actual.edited_to)
            && same(self.protected_to, actual.protected_to)
            && first.is_none_or(|d| d.kind != EditKind::Article || d.span.start >= floor)
    }
}

/// What deciding edits needs: the compiled dictionary, the mode and
/// whether scans take their fast paths.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Decider<'u> {
    pub compiled: &'u Compiled,
    pub mode: Mode,
    pub fast: FastPaths,
}

impl<'u> Decider<'u> {
    /// A scan of `text` from `from` with this dictionary.
    pub fn scan<'t>(&self, tiers: TierSet, text: &'t str, from: usize) -> Scan<'u, 't> {
        Scan::starting_at(self.compiled, tiers, text, from).fast_paths(self.fast)
    }

    /// Appends the decisions for the matches that start in `window` of
    /// `text`, and updates `carry`.
    ///
    /// This is the one place where edits are decided: the in-memory and
    /// the streaming paths both call it, window by window, on text that
    /// holds the window, [`LOOKBEHIND`] bytes before it, and
    /// [`LOOKAHEAD`] bytes after it.
    pub fn decide(
        &self,
        text: &str,
        window: Range<usize>,
        carry: &mut Carry,
        out: &mut Vec<Decision<'u>>,
    ) {
        self.decide_until(text, window, None, carry, out);
    }

    /// [`Decider::decide`] for the window of `words` words that starts at
    /// `start`, its end not yet known: it is found in the same scan as the
    /// window's matches, each word counted as the scan passes it, rather
    /// than in a pass of its own before. `text` holds the window's start
    /// and, unless `input` says it ends there, [`LOOKAHEAD`] bytes past
    /// what can be decided. Returns the window's end, or `None` (nothing
    /// decided, `carry` and `out` as they were) when the end lies beyond
    /// what can be decided, or the fast paths are off.
    pub fn decide_open(
        &self,
        text: &str,
        start: usize,
        words: usize,
        input: Input,
        carry: &mut Carry,
        out: &mut Vec<Decision<'u>>,
    ) -> Option<usize> {
        if self.fast == FastPaths::Off {
            return None;
        }
        let words = words.max(1);
        let cap = window_cap(text, start);
        let view = match input {
            Input::Ended => text.len(),
            Input::Continues => {
                words::floor_char_boundary(text, text.len().checked_sub(LOOKAHEAD)?)
            }
        };
        let bound = cap.map_or(view, |cap| cap.min(view));
        // Where the window ends when its words do not run out before
        // `bound`, if that is known.
        let at_bound = match cap {
            Some(cap) if cap <= view => Some(cap),
            _ => (input == Input::Ended).then_some(text.len()),
        };
        // The words between the window's start and where its scan starts
        // (after an edit that ran into it) count too.
        let from = carry.edited_to.max(start).min(bound);
        let left = match words::nth_or_count(text, start, words, from) {
            Ok(end) => {
                self.decide(text, start..end, carry, out);
                return Some(end);
            }
            Err(before) => words - before,
        };
        let (mut tried, before) = (*carry, out.len());
        let end = self.decide_until(text, start..bound, Some(left), &mut tried, out);
        // Short of `bound` the words ran out; at it, the window ends there
        // when `at_bound` says so.
        if end < bound || at_bound.is_some() {
            *carry = tried;
            Some(end)
        } else {
            out.truncate(before);
            None
        }
    }

    /// Decides the window `window`, or, with `words`, the one that ends
    /// where that many words from where its scan starts have passed (if
    /// before `window.end`): see [`Decider::decide_open`]. Returns where
    /// the window ends.
    fn decide_until(
        &self,
        text: &str,
        window: Range<usize>,
        words: Option<usize>,
        carry: &mut Carry,
        out: &mut Vec<Decision<'u>>,
    ) -> usize {
        let from = carry.edited_to.max(window.start);
        let (matches, end) = match self.mode {
            Mode::Auto => self.auto_matches(text, &window, from, words, &mut carry.protected_to),
            mode => {
                let mut scan = self
                    .scan(mode.tiers(), text, from)
                    .protected(carry.protected_to)
                    .starts_before(window.end)
                    .ends_after_words(words);
                let matches = scan.by_ref().collect();
                carry.protected_to = scan.protected_to();
                (matches, scan.words_end().unwrap_or(window.end))
            }
        };
        for m in matches {
            let entry = self.compiled.entries.get(m.entry);
            let span = m.start..m.end;
            // An entry with alternative originals takes the one its
            // neighbours favour, and none when they do not decide; a
            // context entry is left where they favour the spun word.
            let weighed = evidence::weighs(entry.tier, entry.spun, entry.original);
            let near = weighed.then(|| Neighbours::of(text, m.start, m.end));
            let original = match near {
                Some(near) if entry.original.contains('|') => match near.choose(entry.original) {
                    Some(original) => original,
                    None => continue,
                },
                _ => entry.original,
            };
            if let Some(near) = near.filter(|_| entry.tier == Tier::Context) {
                if near.prefer_spun(&text[span.clone()], original) {
                    continue;
                }
            }
            // The article may lie neither in an earlier edit nor in an
            // allowed phrase.
            let floor = carry.edited_to.max(m.protected_to);
            let sounds = (entry.spun, original);
            if let Some((span, article)) = article::edit_before(text, floor, m.start..m.end, sounds)
            {
                out.push(Decision {
                    span,
                    replacement: article.into(),
                    kind: EditKind::Article,
                    entry: m.entry,
                });
            }
            carry.edited_to = m.end;
            out.push(Decision {
                span: m.start..m.end,
                replacement: case::carry(&text[m.start..m.end], original),
                kind: EditKind::Phrase,
                entry: m.entry,
            });
        }
        end
    }

    /// The matches auto mode repairs in `window`: the `context` tier's too
    /// when the window scores as spun, only the `fix` tier's otherwise.
    ///
    /// The window's score counts the matches of every tier that start in
    /// the window, as the repair would find them (with the text around the
    /// window in view), and its words, article slips and original forms.
    /// One pass finds the matches of both segmentations; the words are not
    /// read when the entries matched rule out a spun verdict.
    /// `protected` is updated from the segmentation whose matches are
    /// returned.
    fn auto_matches(
        &self,
        text: &str,
        window: &Range<usize>,
        from: usize,
        words: Option<usize>,
        protected_to: &mut usize,
    ) -> (Vec<RawMatch>, usize) {
        // One pass gives both segmentations: the fix tier's alone, and
        // every tier's.
        let mut both = self
            .scan(TierSet::ALL, text, from)
            .protected(*protected_to)
            .starts_before(window.end)
            .ends_after_words(words)
            .tallying()
            .both(TierSet::only(Tier::Fix));
        let window = window.start..both.words_end.unwrap_or(window.end);
        let mut score = signals::from_matches(self.compiled, &both.wide);
        let spun = score.could_be_spun() && {
            let tallied = both.tally.take().map(|tally| Tallied { from, tally });
            signals::add_words(self.compiled, text, window.clone(), tallied, &mut score);
            score.verdict() == Verdict::Spun
        };
        let matches = if spun {
            *protected_to = both.wide_protected;
            both.wide
        } else {
            *protected_to = both.narrow_protected;
            both.narrow
        };
        (matches, window.end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_cover_the_text_and_cut_at_word_starts() {
        let text = "one two  three, four\nfive";
        assert_eq!(windows(text, 2), [0..9, 9..21, 21..25]);
        assert_eq!(windows(text, 10), vec![0..25]);
        assert!(windows("", 2).is_empty());
        let long = "x".repeat(MAX_WINDOW_BYTES + 10);
        assert_eq!(
            windows(&long, 2),
            [0..MAX_WINDOW_BYTES, MAX_WINDOW_BYTES..long.len()]
        );
    }

    #[test]
    fn a_partial_carry_holds_only_where_it_decides_alike() {
        let unknown = PartialCarry::default();
        let at = |edited_to, protected_to| Carry {
            edited_to,
            protected_to,
        };
        assert!(unknown.holds(100, at(90, 100), None));
        assert!(!unknown.holds(100, at(101, 0), None));
        let mut run = PartialCarry::default();
        run.learn(at(120, 0));
        assert_eq!(run.assumed(), at(120, 0));
        assert!(run.holds(130, at(120, 5), None));
        assert!(!run.holds(130, at(119, 5), None));
        let article = Decision {
            span: 95..96,
            replacement: "an".into(),
            kind: EditKind::Article,
            entry: 0,
        };
        // An article edit before the window, behind a later actual bound.
        assert!(!unknown.holds(100, at(97, 0), Some(&article)));
        assert!(unknown.holds(100, at(90, 0), Some(&article)));
        // What a run knew of an allowed phrase, overtaken by a later one
        // that still ends before the window: the same decisions.
        let mut run = PartialCarry::default();
        run.learn(at(120, 50));
        assert!(run.holds(130, at(120, 80), None));
        assert!(run.holds(130, at(120, 130), None));
        // Not a bound that ends inside the window, nor one below what the
        // run assumed (the assumed one may have forbidden an article that
        // the actual one allows).
        assert!(!run.holds(130, at(120, 131), None));
        assert!(!run.holds(130, at(120, 40), None));
    }

    /// How often [`a_carry_that_holds_decides_alike`] saw each outcome.
    #[derive(Default)]
    struct Held {
        held: usize,
        /// Held, the first decision an article.
        articles: usize,
        /// Refused, the first decision an article.
        refused: usize,
    }

    /// Decides `window` with the `actual` carry and with assumed ones
    /// around it, and wherever [`PartialCarry::holds`] says they decide
    /// alike, requires the same decisions and the same carry handed on.
    fn check_carries(
        decider: &Decider<'_>,
        text: &str,
        window: Range<usize>,
        actual: Carry,
        seen: &mut Held,
    ) {
        let decide = |carry: &mut Carry| {
            let mut out = Vec::new();
            decider.decide(text, window.clone(), carry, &mut out);
            out
        };
        let compared = |out: &[Decision<'_>]| -> Vec<_> {
            out.iter()
                .map(|d| (d.span.clone(), d.replacement.to_string(), d.kind, d.entry))
                .collect()
        };
        let mut after_actual = actual;
        let want = decide(&mut after_actual);
        let start = window.start;
        let around = |b: usize| {
            [
                None,
                Some(b),
                Some(words::floor_char_boundary(text, b / 2)),
                Some(start),
            ]
        };
        for edited_to in around(actual.edited_to) {
            for protected_to in around(actual.protected_to) {
                let assumed = PartialCarry {
                    edited_to,
                    protected_to,
                };
                let mut carry = assumed.assumed();
                let got = decide(&mut carry);
                let first = got.first();
                let article = first.is_some_and(|d| d.kind == EditKind::Article);
                if !assumed.holds(start, actual, first) {
                    seen.refused += usize::from(article);
                    continue;
                }
                seen.held += 1;
                seen.articles += usize::from(article);
                assert_eq!(
                    compared(&got),
                    compared(&want),
                    "{window:?} {assumed:?} {actual:?} {text:?}"
                );
                let mut known = assumed;
                known.learn(carry);
                assert_eq!(known.over(actual), after_actual, "{window:?}");
            }
        }
    }

    /// Wherever [`PartialCarry::holds`] says a window's decisions hold,
    /// deciding the window with the actual carry gives the same decisions,
    /// and the carry handed on is the one deciding in turn hands on. The
    /// actual carries are the sequential one and, in short windows, bounds
    /// just before the window's start (an article edited there must be
    /// told apart); the assumed ones lie around them.
    #[test]
    fn a_carry_that_holds_decides_alike() {
        use crate::engine::unspinner::Unspinner;
        use crate::text::random::{self, Spaces};
        // Windows of three words over context words that change their
        // article ("an apprehensive" → "a worried") and an allowed phrase,
        // so that articles are edited across window starts; and the
        // samples, in windows of sixty words.
        let pieces = [
            "an ",
            "a ",
            "apprehensive ",
            "man ",
            "regulation ",
            "enforcement ",
            "baby girl ",
            "affirmed ",
            ". ",
        ];
        let mut texts: Vec<(String, usize)> = random::texts(&pieces, 30, 60, Spaces::None)
            .into_iter()
            .map(|t| (t, 3))
            .collect();
        texts.push((random::samples().concat(), 60));
        let mut seen = Held::default();
        for mode in [Mode::Auto, Mode::Aggressive] {
            let unspin = Unspinner::builder().mode(mode).build().unwrap();
            let decider = unspin.decider();
            for (text, words) in &texts {
                let mut sequential = Carry::default();
                for window in windows(text, *words) {
                    let before = words::floor_char_boundary(text, window.start.saturating_sub(1));
                    let near = |bound| match *words {
                        3 => vec![bound, before, window.start],
                        _ => vec![bound],
                    };
                    for edited_to in near(sequential.edited_to) {
                        for protected_to in near(sequential.protected_to) {
                            let actual = Carry {
                                edited_to,
                                protected_to,
                            };
                            check_carries(&decider, text, window.clone(), actual, &mut seen);
                        }
                    }
                    decider.decide(text, window, &mut sequential, &mut Vec::new());
                }
            }
        }
        // The rule was put to the test: decisions that open with an
        // article were kept, and others refused.
        let Held {
            held,
            articles,
            refused,
        } = seen;
        assert!(
            held > 10_000 && articles > 100 && refused > 100,
            "{held} {articles} {refused}"
        );
    }
}
