//! The signals of spinning in a text, counted from its scans: what a
//! [`Score`] is made of.

use crate::dict::compile::Compiled;
use crate::engine::article;
use crate::scan::RawMatch;
use crate::score::Score;
use crate::text::words;
use crate::tier::Tier;

/// The score of `text` from its `fix`-tier matches (`fix`) and its matches
/// of every tier (`all`), found by scans of that text.
pub(crate) fn score(compiled: &Compiled, text: &str, fix: &[RawMatch], all: &[RawMatch]) -> Score {
    Score {
        words: words::count_words(text),
        context_matches: all
            .iter()
            .filter(|m| compiled.entries.get(m.entry).tier == Tier::Context)
            .count(),
        article_disagreements: article::disagreements(text),
        ..fix_evidence(fix)
    }
}

/// The part of a score that the `fix`-tier matches give, the rest empty:
/// enough for [`Score::could_be_spun`].
pub(crate) fn fix_evidence(fix: &[RawMatch]) -> Score {
    let mut distinct: Vec<usize> = fix.iter().map(|m| m.entry).collect();
    distinct.sort_unstable();
    distinct.dedup();
    Score {
        fix_matches: fix.len(),
        distinct_fix_entries: distinct.len(),
        ..Score::default()
    }
}
