//! How spun a text looks: its signals ([`Score`]), the probability that
//! it was spun, and the [`Verdict`].
//!
//! # Signals
//!
//! A score counts, over a text or a window of at most
//! [`WINDOW_WORDS`](crate::WINDOW_WORDS) words, what the single pass sees:
//!
//! * **`fix` entries** matched, distinct. A `fix` phrase practically never
//!   occurs in clean English.
//! * **`context` entries** matched, distinct. Clean text uses a few
//!   ("team", "claimed"); a spun story uses dozens of different ones.
//!   Distinct entries, not matches, so that a song repeating "everybody"
//!   does not look spun.
//! * **The balance** between spun and original forms. A spun story says
//!   "stated" and "mentioned" and almost never "said"; clean text that says
//!   "stated" also says "said". `spun_forms` sums, over the entries
//!   matched, log2(1 + matches); `original_forms` sums, over the one-word
//!   originals of `context` entries, log2(1 + occurrences). Counts are
//!   taken sublinearly, so one word repeated a hundred times weighs little
//!   more than one used seven times.
//! * **Article slips**: "a enormous", "an job interview". A synonym swap
//!   changes a noun's first sound but leaves its article.
//!
//! # The model
//!
//! A logistic regression turns the signals into a probability. With `n`
//! words, `F` distinct `fix` entries, `C` distinct `context` entries, `A`
//! article slips, `S` spun forms and `O` original forms:
//!
//! ```text
//! z = b + w₁·ln(1 + 1000·F/(n+100)) + w₂·ln(1 + 1000·A/(n+100))
//!       + w₃·ln(1 + 1000·C/(n+100)) + w₄·ln((S + 0.5)/(O + 4.5))
//! p = 1 / (1 + e^−z)
//! ```
//!
//! The 100 pseudo-words keep a short text from looking dense on one
//! phrase. The coefficients are in [`MODEL`]; `examples/detection` fits
//! them (leave-one-story-out, on the project's spun stories and clean
//! corpora) and prints how. The two classes weigh the same in the fit, so
//! `p` assumes one spun text for one clean one.
//!
//! # Verdicts
//!
//! | verdict | rule |
//! |---|---|
//! | `spun` | `p ≥ 0.937` (logit 2.7), and at least 3 distinct entries with a `fix` entry among them or at least 5 distinct `context` entries |
//! | `suspicious` | not spun, and any `fix` match, or `p ≥ 0.8` with at least 2 distinct entries |
//! | `clean` | otherwise |
//!
//! The `spun` threshold lies above every clean document of the project's
//! clean corpora (thousands of documents of news, documentation, fortunes
//! and old books). The guard on distinct entries keeps one phrase, however
//! often repeated, from making a text spun, and a short text from being
//! judged on a few ordinary words: no paragraph of those corpora, scored
//! alone, is judged spun.
//!
//! An entry is counted as its dictionary writes it, by line: the forms one
//! line generates ("modify", "modifying") are one entry.

/// The coefficients of the spin model and its thresholds.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Model {
    /// The intercept `b`.
    pub intercept: f64,
    /// The weights of the inputs, in the order of [`Signal::ALL`].
    pub weights: [f64; 4],
    /// The logit from which a text may be judged spun.
    pub spun_logit: f64,
}

/// The bundled model, fitted by `examples/detection` (see the module docs).
pub const MODEL: Model = Model {
    intercept: -0.377,
    weights: [1.380, 0.709, 1.331, 2.162],
    spun_logit: 2.7,
};

/// Distinct entries (`fix` and `context`) a `spun` text needs at least.
const SPUN_MIN_ENTRIES: usize = 3;
/// Distinct `context` entries a `spun` text needs without a `fix` entry.
const SPUN_MIN_CONTEXT_ENTRIES: usize = 5;
/// Distinct entries a `suspicious` text needs, without a `fix` match.
const SUSPICIOUS_MIN_ENTRIES: usize = 2;
/// The logit from which a text with that many entries is suspicious
/// (p ≥ 0.8).
const SUSPICIOUS_LOGIT: f64 = 1.386;
/// Pseudo-words added to a text's length in the rates.
const PSEUDO_WORDS: f64 = 100.0;

/// How spun a text looks. The default is `Clean`, an empty text's.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Verdict {
    /// No sign of a spinner.
    #[default]
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

/// One input of the model.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Signal {
    /// Distinct `fix` entries per 1,000 words.
    FixEntries,
    /// Article slips per 1,000 words.
    ArticleSlips,
    /// Distinct `context` entries per 1,000 words.
    ContextEntries,
    /// Spun forms against original forms.
    Balance,
}

impl Signal {
    /// Every signal, in the order of [`Model::weights`].
    pub const ALL: [Signal; 4] = [
        Signal::FixEntries,
        Signal::ArticleSlips,
        Signal::ContextEntries,
        Signal::Balance,
    ];

    /// `fix entries`, `article slips`, `context entries` or `balance`.
    pub fn as_str(self) -> &'static str {
        match self {
            Signal::FixEntries => "fix entries",
            Signal::ArticleSlips => "article slips",
            Signal::ContextEntries => "context entries",
            Signal::Balance => "balance",
        }
    }
}

impl std::fmt::Display for Signal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What one signal adds to a score's logit: a reason for the verdict.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Reason {
    /// The signal.
    pub signal: Signal,
    /// The model's input for it (see the module docs).
    pub input: f64,
    /// Its weight times its input: what it adds to the logit, in nats.
    pub contribution: f64,
}

/// The signals of spinning measured on a text, and what the model makes of
/// them.
///
/// ```
/// use unspin::{Unspinner, Verdict};
///
/// let unspin = Unspinner::new();
/// let spun = unspin.score(
///     "The Associated Push reported that regulation enforcement officers, now nearing \
///      its sixth thirty day period of Planet War II drills, had a enormous outflow.",
/// );
/// assert_eq!(spun.verdict(), Verdict::Spun);
/// assert!(spun.probability() > 0.99);
/// let top = spun.reasons()[0];
/// assert_eq!(top.signal, unspin::Signal::FixEntries);
///
/// let clean = unspin.score("The court ruled on Tuesday that the agency had acted lawfully.");
/// assert_eq!(clean.verdict(), Verdict::Clean);
/// ```
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
    /// Distinct `context`-tier entries matched.
    pub distinct_context_entries: usize,
    /// `a`/`an` that disagree with the next word's first sound.
    pub article_disagreements: usize,
    /// The entries matched, of both tiers, each counted as
    /// log2(1 + matches).
    pub spun_forms: f64,
    /// The one-word originals of `context` entries in the text, each
    /// counted as log2(1 + occurrences).
    pub original_forms: f64,
}

impl Score {
    /// The model's inputs, in the order of [`Signal::ALL`]: the rates of
    /// distinct `fix` entries, article slips and distinct `context` entries
    /// (as `ln(1 + 1000·count/(words+100))`) and the balance
    /// (`ln((spun_forms + 0.5)/(original_forms + 4.5))`).
    pub fn inputs(&self) -> [f64; 4] {
        let rate =
            |count: usize| (1000.0 * count as f64 / (self.words as f64 + PSEUDO_WORDS)).ln_1p();
        [
            rate(self.distinct_fix_entries),
            rate(self.article_disagreements),
            rate(self.distinct_context_entries),
            ((self.spun_forms + 0.5) / (self.original_forms + 4.5)).ln(),
        ]
    }

    /// The log-odds that the text was spun, under `model`.
    pub fn logit_with(&self, model: &Model) -> f64 {
        let inputs = self.inputs();
        model.intercept
            + model
                .weights
                .iter()
                .zip(inputs)
                .map(|(w, x)| w * x)
                .sum::<f64>()
    }

    /// The log-odds that the text was spun, under the bundled [`MODEL`].
    pub fn logit(&self) -> f64 {
        self.logit_with(&MODEL)
    }

    /// The probability that the text was spun, under the bundled [`MODEL`].
    pub fn probability(&self) -> f64 {
        1.0 / (1.0 + (-self.logit()).exp())
    }

    /// What each signal adds to the logit, the largest first.
    pub fn reasons(&self) -> [Reason; 4] {
        let inputs = self.inputs();
        let mut reasons = Signal::ALL.map(|signal| {
            let i = signal as usize;
            Reason {
                signal,
                input: inputs[i],
                contribution: MODEL.weights[i] * inputs[i],
            }
        });
        reasons.sort_by(|a, b| b.contribution.total_cmp(&a.contribution));
        reasons
    }

    /// Distinct entries matched, of both tiers.
    fn distinct_entries(&self) -> usize {
        self.distinct_fix_entries + self.distinct_context_entries
    }

    /// Whether the entries matched leave a spun verdict possible, whatever
    /// the words, article slips and original forms: `false` unless at
    /// least three distinct entries matched, a `fix` entry among them, or
    /// at least five distinct `context` entries. [`Mode::Auto`] asks this
    /// first, and skips scoring a window any further when the answer is
    /// no.
    ///
    /// [`Mode::Auto`]: crate::Mode::Auto
    ///
    /// ```
    /// let two = unspin::Score { fix_matches: 9, distinct_fix_entries: 1, distinct_context_entries: 1, ..Default::default() };
    /// assert!(!two.could_be_spun());
    /// let three = unspin::Score { distinct_fix_entries: 1, distinct_context_entries: 2, ..Default::default() };
    /// assert!(three.could_be_spun());
    /// let context = unspin::Score { distinct_context_entries: 4, ..Default::default() };
    /// assert!(!context.could_be_spun());
    /// ```
    pub fn could_be_spun(&self) -> bool {
        self.distinct_entries() >= SPUN_MIN_ENTRIES
            && (self.distinct_fix_entries > 0
                || self.distinct_context_entries >= SPUN_MIN_CONTEXT_ENTRIES)
    }

    /// The verdict; see the module docs for the rule.
    pub fn verdict(&self) -> Verdict {
        let z = self.logit();
        if self.could_be_spun() && z >= MODEL.spun_logit {
            Verdict::Spun
        } else if self.fix_matches > 0
            || (z >= SUSPICIOUS_LOGIT && self.distinct_entries() >= SUSPICIOUS_MIN_ENTRIES)
        {
            Verdict::Suspicious
        } else {
            Verdict::Clean
        }
    }
}
