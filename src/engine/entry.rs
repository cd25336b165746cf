//! Handles on the compiled dictionary for callers: [`EntryRef`], and the
//! [`Match`]es that [`Unspinner::find_iter`](crate::Unspinner::find_iter)
//! yields.

use std::ops::Range;

use crate::dict::compile::Compiled;
use crate::dict::table::Entry;
use crate::error::Location;
use crate::scan::Scan;
use crate::tier::Tier;

/// A dictionary entry, borrowed from an [`Unspinner`](crate::Unspinner).
#[derive(Clone, Copy)]
pub struct EntryRef<'u> {
    compiled: &'u Compiled,
    index: usize,
}

impl<'u> EntryRef<'u> {
    pub(crate) fn new(compiled: &'u Compiled, index: usize) -> EntryRef<'u> {
        EntryRef { compiled, index }
    }

    fn raw(&self) -> Entry<'u> {
        self.compiled.entries.get(self.index)
    }

    /// The entry's index in the compiled table.
    #[cfg(test)]
    pub(crate) fn index(&self) -> usize {
        self.index
    }

    /// The spun phrase as written in the dictionary.
    pub fn spun(&self) -> &'u str {
        self.raw().spun
    }

    /// The original phrase as written in the dictionary.
    pub fn original(&self) -> &'u str {
        self.raw().original
    }

    /// The entry's tier.
    pub fn tier(&self) -> Tier {
        self.raw().tier
    }

    /// The dictionary's name: a path, or the name of an in-memory
    /// dictionary.
    pub fn dictionary(&self) -> &'u str {
        &self.compiled.dictionaries[self.raw().dictionary as usize]
    }

    /// Whether the frequency evidence may leave a match of this entry
    /// unrepaired in a mode that applies its tier: its original lists
    /// alternatives and the neighbours choose none, or it is a one-word
    /// `context` swap whose neighbours favour the spun word (see
    /// [`dictionary_format`](crate::dictionary_format)). Every other match
    /// of an applied tier is repaired.
    ///
    /// ```
    /// let unspin = unspin::Unspinner::new();
    /// assert!(!unspin.lookup("regulation enforcement").unwrap().may_be_held_back());
    /// ```
    pub fn may_be_held_back(&self) -> bool {
        let raw = self.raw();
        crate::engine::evidence::weighs(raw.tier, raw.spun, raw.original)
    }

    /// The entry's context rule (the `when` column), if it has one.
    pub fn rule(&self) -> Option<&'u str> {
        Some(self.raw().when).filter(|w| !w.is_empty())
    }

    /// The 1-based line of the entry in its dictionary.
    pub fn line(&self) -> usize {
        self.raw().line as usize
    }

    /// The dictionary and line, as a [`Location`].
    pub fn location(&self) -> Location {
        self.compiled.location(self.index)
    }
}

impl std::fmt::Debug for EntryRef<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("EntryRef")
            .field("spun", &self.spun())
            .field("original", &self.original())
            .field("tier", &self.tier())
            .field("location", &self.location())
            .finish()
    }
}

/// A spun phrase found by [`Unspinner::find_iter`](crate::Unspinner::find_iter).
#[derive(Debug, Clone, Copy)]
pub struct Match<'u> {
    start: usize,
    end: usize,
    entry: EntryRef<'u>,
}

impl<'u> Match<'u> {
    /// The byte offset where the match starts.
    pub fn start(&self) -> usize {
        self.start
    }

    /// The byte offset just after the match.
    pub fn end(&self) -> usize {
        self.end
    }

    /// The byte span `start..end`.
    pub fn span(&self) -> Range<usize> {
        self.start..self.end
    }

    /// The dictionary entry that matched.
    pub fn entry(&self) -> EntryRef<'u> {
        self.entry
    }
}

/// The iterator returned by [`Unspinner::find_iter`](crate::Unspinner::find_iter).
#[derive(Debug)]
pub struct FindIter<'u, 't> {
    compiled: &'u Compiled,
    scan: Scan<'u, 't>,
}

impl<'u, 't> FindIter<'u, 't> {
    pub(crate) fn new(compiled: &'u Compiled, scan: Scan<'u, 't>) -> FindIter<'u, 't> {
        FindIter { compiled, scan }
    }
}

impl<'u> Iterator for FindIter<'u, '_> {
    type Item = Match<'u>;

    fn next(&mut self) -> Option<Match<'u>> {
        let m = self.scan.next()?;
        Some(Match {
            start: m.start,
            end: m.end,
            entry: EntryRef::new(self.compiled, m.entry),
        })
    }
}
