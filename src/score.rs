//! Spin score and verdict for a document or a window of one.
//!
//! Clean English practically never contains a `fix`-tier phrase, while a
//! spun article contains dozens per thousand words, so the density of
//! `fix` matches is the main signal. Two more signals add to it:
//!
//! * **article disagreements**: "a enormous", "an job interview". A synonym
//!   swap changes a noun's first sound but leaves the article, so an
//!   article that disagrees with the next word gives away a substitution.
//!   Careful writers rarely get it wrong;
//! * **context density**: `context`-tier phrases ("claimed", "girl",
//!   "team") occur in clean text too, about 7 per 1,000 words in the
//!   fortunes corpus, but several times more often in spun text. Only the
//!   excess over that baseline counts, at a low weight.
//!
//! ```text
//! points  = 1.0 × fix matches
//!         + 1.0 × article disagreements
//!         + 0.25 × max(0, context matches − 10 per 1,000 words)
//! density = points per 1,000 words
//! ```
//!
//! | verdict | rule |
//! |---|---|
//! | `spun` | density ≥ 8 and at least 2 distinct `fix` entries |
//! | `suspicious` | any `fix` match |
//! | `clean` | no `fix` match |
//!
//! Only `fix` matches can make a text `suspicious` or `spun`: article slips
//! and `context` words also occur in clean text (old poems say "an
//! historic"), so they only add weight to evidence that is already there.
//! Measured on the fortunes corpus in documents of about 300 words, the
//! other two signals alone reach a density of 16.3; spun news articles of the
//! development set score 11 to 78. Density, not counts, so a long clean
//! document with one odd phrase is not condemned; the distinct-entries rule
//! keeps one repeated phrase from making a short text `spun`.

/// Weights and thresholds; see the module docs.
const FIX_WEIGHT: f64 = 1.0;
const ARTICLE_WEIGHT: f64 = 1.0;
const CONTEXT_WEIGHT: f64 = 0.25;
const CONTEXT_BASELINE_PER_1000: f64 = 10.0;
const SPUN_DENSITY: f64 = 8.0;
const SPUN_DISTINCT: usize = 2;

/// How spun a document looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Verdict {
    /// No sign of a spinner.
    Clean,
    /// Some signs, not enough to repair `context` phrases.
    Suspicious,
    /// Spun: [`Mode::Auto`](crate::Mode::Auto) also repairs `context`
    /// phrases here.
    Spun,
}

impl Verdict {
    /// `clean`, `suspicious` or `spun`.
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Clean => "clean",
            Verdict::Suspicious => "suspicious",
            Verdict::Spun => "spun",
        }
    }
}

impl std::fmt::Display for Verdict {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The signals measured on a text, its density and its verdict.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Score {
    /// Words in the text.
    pub words: usize,
    /// `fix`-tier matches.
    pub fix_matches: usize,
    /// Distinct `fix`-tier entries matched.
    pub distinct_fix_entries: usize,
    /// `context`-tier matches (found by detection, whatever the mode).
    pub context_matches: usize,
    /// `a`/`an` that disagree with the next word's first sound.
    pub article_disagreements: usize,
}

impl Score {
    /// Weighted points per 1,000 words.
    pub fn density(&self) -> f64 {
        if self.words == 0 {
            return 0.0;
        }
        let per_1000 = 1000.0 / self.words as f64;
        let context_excess =
            (self.context_matches as f64 * per_1000 - CONTEXT_BASELINE_PER_1000).max(0.0);
        (FIX_WEIGHT * self.fix_matches as f64 + ARTICLE_WEIGHT * self.article_disagreements as f64)
            * per_1000
            + CONTEXT_WEIGHT * context_excess
    }

    /// Whether more evidence could still make this score [`Verdict::Spun`]:
    /// `false` when its `fix` matches alone rule it out, whatever `context`
    /// matches, article slips and words are added. [`Mode::Auto`] asks this
    /// first, and skips scoring a window any further when the answer is no.
    ///
    /// [`Mode::Auto`]: crate::Mode::Auto
    ///
    /// ```
    /// let one_entry = unspin::Score { fix_matches: 9, distinct_fix_entries: 1, ..Default::default() };
    /// assert!(!one_entry.could_be_spun());
    /// let two = unspin::Score { fix_matches: 2, distinct_fix_entries: 2, ..Default::default() };
    /// assert!(two.could_be_spun());
    /// ```
    pub fn could_be_spun(&self) -> bool {
        self.distinct_fix_entries >= SPUN_DISTINCT
    }

    /// The verdict the thresholds give.
    pub fn verdict(&self) -> Verdict {
        if self.fix_matches == 0 {
            Verdict::Clean
        } else if self.could_be_spun() && self.density() >= SPUN_DENSITY {
            Verdict::Spun
        } else {
            Verdict::Suspicious
        }
    }
}
