//! Edits: what the engine decides to change, applying it, and the public
//! records of it ([`Edit`], [`Repair`]).

use std::borrow::Cow;
use std::ops::Range;

use crate::dict::compile::Compiled;
use crate::error::Location;
use crate::tier::Tier;

/// An edit as the engine decides it: a span of the text and what replaces
/// it, borrowed from the dictionary whenever the case allows. The public
/// [`Edit`] is made from it only where it is asked for, so streaming and
/// [`Unspinner::repair_text`](crate::Unspinner::repair_text) allocate
/// nothing per edit.
#[derive(Debug, Clone)]
pub(crate) struct Decision<'d> {
    pub span: Range<usize>,
    pub replacement: Cow<'d, str>,
    pub kind: EditKind,
    /// The entry behind the edit: its tier and location.
    pub entry: usize,
}

impl Decision<'_> {
    /// The public record of this decision, made in `text`.
    pub fn to_edit(&self, compiled: &Compiled, text: &str) -> Edit {
        Edit {
            span: self.span.clone(),
            spun: text[self.span.clone()].to_string(),
            replacement: self.replacement.to_string(),
            kind: self.kind,
            tier: compiled.entries.get(self.entry).tier,
            location: compiled.location(self.entry),
        }
    }
}

/// Replaces every decision's span with its replacement.
pub(crate) fn apply<'t>(text: &'t str, decisions: &[Decision<'_>]) -> Cow<'t, str> {
    if decisions.is_empty() {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + text.len() / 16);
    let mut done = 0;
    for d in decisions {
        out.push_str(&text[done..d.span.start]);
        out.push_str(&d.replacement);
        done = d.span.end;
    }
    out.push_str(&text[done..]);
    Cow::Owned(out)
}

/// The result of [`Unspinner::repair`](crate::Unspinner::repair).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Repair<'t> {
    /// The repaired text; borrowed from the input when nothing changed.
    pub text: Cow<'t, str>,
    /// The edits made, in order of position. They do not overlap, and
    /// applying them to the input gives `text`.
    pub edits: Vec<Edit>,
}

/// One change made by a repair.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    /// Byte span of the changed text in the input.
    pub span: Range<usize>,
    /// The input text in `span`, as it was.
    pub spun: String,
    /// What replaced it, with the case of `spun` carried over.
    pub replacement: String,
    /// Why the edit was made.
    pub kind: EditKind,
    /// The tier of the dictionary entry behind the edit.
    pub tier: Tier,
    /// The dictionary line behind the edit.
    pub location: Location,
}

/// Why an [`Edit`] was made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum EditKind {
    /// A spun phrase replaced by its original.
    Phrase,
    /// An `a`/`an` changed to agree with the phrase edit that follows it
    /// (whose tier and location it shares).
    ///
    /// ```
    /// let unspin = unspin::Unspinner::builder()
    ///     .builtin(false)
    ///     .dictionary_str("mine.tsv", "ownerpreneur\tbusinessman\tfix\texample\n")
    ///     .build()?;
    /// let repaired = unspin.repair("He is an ownerpreneur.");
    /// assert_eq!(repaired.text, "He is a businessman.");
    /// assert_eq!(repaired.edits[0].kind, unspin::EditKind::Article);
    /// assert_eq!(repaired.edits[1].kind, unspin::EditKind::Phrase);
    /// # Ok::<(), unspin::Error>(())
    /// ```
    Article,
}

impl EditKind {
    /// `phrase` or `article`.
    pub fn as_str(self) -> &'static str {
        match self {
            EditKind::Phrase => "phrase",
            EditKind::Article => "article",
        }
    }
}
