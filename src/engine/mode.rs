//! Modes: which entries a repair applies.

use crate::tier::{Tier, TierSet};

/// Which entries a repair applies.
///
/// ```
/// use unspin::{Mode, Unspinner};
///
/// let text = "Regulation enforcement arrived, Tabalov claimed.";
/// let default = Unspinner::new();
/// assert_eq!(default.repair(text).text, "Law enforcement arrived, Tabalov claimed.");
/// let aggressive = Unspinner::builder().mode(Mode::Aggressive).build()?;
/// assert_eq!(aggressive.repair(text).text, "Law enforcement arrived, Tabalov said.");
/// # Ok::<(), unspin::Error>(())
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Mode {
    /// Only [`Tier::Fix`] entries, which practically never occur in clean
    /// English.
    Conservative,
    /// [`Tier::Fix`] entries everywhere, and [`Tier::Context`] entries in
    /// each window of [`WINDOW_WORDS`](crate::WINDOW_WORDS) words whose
    /// [`Score`](crate::Score) verdict is
    /// [`Verdict::Spun`](crate::Verdict::Spun). The default.
    #[default]
    Auto,
    /// Every entry, [`Tier::Context`] included. Use it on text known to be
    /// spun: on clean text it changes ordinary words ("claimed" becomes
    /// "said"). A one-word `context` swap whose neighbouring words show the
    /// spun word in its own sense is still left alone (the frequency
    /// evidence described in [`dictionary_format`](crate::dictionary_format)).
    Aggressive,
}

impl Mode {
    /// Every mode, from the most careful to the boldest.
    pub const ALL: [Mode; 3] = [Mode::Conservative, Mode::Auto, Mode::Aggressive];

    /// `conservative`, `auto` or `aggressive`.
    pub fn as_str(self) -> &'static str {
        match self {
            Mode::Conservative => "conservative",
            Mode::Auto => "auto",
            Mode::Aggressive => "aggressive",
        }
    }

    /// The tiers applied everywhere; `Auto` adds the `context` tier in
    /// windows judged spun.
    pub(crate) fn tiers(self) -> TierSet {
        match self {
            Mode::Conservative | Mode::Auto => TierSet::only(Tier::Fix),
            Mode::Aggressive => TierSet::ALL,
        }
    }
}

impl std::fmt::Display for Mode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for Mode {
    type Err = String;

    fn from_str(s: &str) -> Result<Mode, String> {
        Mode::ALL
            .into_iter()
            .find(|m| m.as_str() == s)
            .ok_or_else(|| format!("unknown mode {s:?}: expected conservative, auto or aggressive"))
    }
}
