//! How sure an entry is: its [`Tier`], and sets of tiers.
//!
//! The tier is the one piece of an entry that every layer reads: the
//! dictionary parses it, the compiled table stores it, the scanner reports
//! only the tiers it is asked for, and the mode decides which tiers a
//! repair applies. It is defined here once, with its name and its code
//! (which the table and the map store), so that a new tier starts here: a
//! variant, its name, its code; then the mode that applies it and the
//! reports that count it by tier.

use crate::error::DictionaryErrorKind;

/// How sure an entry is, which decides when it is applied.
///
/// ```
/// use unspin::Tier;
/// assert_eq!("fix".parse::<Tier>(), Ok(Tier::Fix));
/// assert_eq!(Tier::Context.as_str(), "context");
/// assert!("Fix".parse::<Tier>().is_err());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Tier {
    /// The spun phrase practically never occurs in clean English, so it is
    /// repaired wherever it occurs ("regulation enforcement", "Planet War II").
    Fix,
    /// The spun phrase is also ordinary English ("claimed", "girl",
    /// "facial area"): it is always detected, and repaired in text judged
    /// spun ([`Mode::Auto`](crate::Mode::Auto), the default) or everywhere
    /// ([`Mode::Aggressive`](crate::Mode::Aggressive)).
    Context,
}

impl Tier {
    /// Every tier, in order.
    pub const ALL: [Tier; 2] = [Tier::Fix, Tier::Context];

    /// The tier's name as written in a dictionary: `fix` or `context`.
    pub fn as_str(self) -> &'static str {
        match self {
            Tier::Fix => "fix",
            Tier::Context => "context",
        }
    }

    /// The tier's number in the compiled table (its position in
    /// [`Tier::ALL`]).
    pub(crate) const fn code(self) -> u8 {
        match self {
            Tier::Fix => 0,
            Tier::Context => 1,
        }
    }

    /// The tier with this number, if there is one.
    pub(crate) fn from_code(code: u8) -> Option<Tier> {
        Tier::ALL.get(usize::from(code)).copied()
    }
}

impl std::fmt::Display for Tier {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for Tier {
    type Err = DictionaryErrorKind;

    fn from_str(s: &str) -> Result<Tier, DictionaryErrorKind> {
        if let Some(tier) = Tier::ALL.into_iter().find(|t| t.as_str() == s) {
            return Ok(tier);
        }
        let lower = s.to_lowercase();
        let did_you_mean = Tier::ALL
            .into_iter()
            .map(Tier::as_str)
            .find(|t| strsim::levenshtein(&lower, t) <= 2);
        Err(DictionaryErrorKind::UnknownTier {
            tier: s.to_string(),
            did_you_mean,
        })
    }
}

/// A set of tiers: which tiers a scan reports or a mode applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct TierSet(u8);

impl TierSet {
    /// Every tier.
    pub const ALL: TierSet = TierSet((1 << Tier::ALL.len()) - 1);

    /// The set holding `tier` alone.
    pub const fn only(tier: Tier) -> TierSet {
        TierSet(1 << tier.code())
    }

    /// Is `tier` in the set?
    #[inline]
    pub fn contains(self, tier: Tier) -> bool {
        self.0 & (1 << tier.code()) != 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_sets_hold_their_tiers() {
        for tier in Tier::ALL {
            assert_eq!(Tier::from_code(tier.code()), Some(tier));
            assert_eq!(tier.code(), tier as u8);
            assert!(TierSet::ALL.contains(tier));
            assert!(TierSet::only(tier).contains(tier));
        }
        assert_eq!(Tier::from_code(Tier::ALL.len() as u8), None);
        assert!(!TierSet::only(Tier::Fix).contains(Tier::Context));
        assert!(!TierSet::default().contains(Tier::Fix));
    }
}
