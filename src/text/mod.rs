//! Text as the scanner sees it: how characters fold ([`fold`]) and what a
//! word is ([`words`]). Dictionary keys and the scanned text go through the
//! same two modules, so they can never disagree. The score also reads text
//! by [`paragraphs`]; the fast paths sort bytes by a table ([`class`]), and
//! words are known by their [`hash`].

pub(crate) mod class;
pub(crate) mod fold;
pub(crate) mod hash;
pub(crate) mod paragraphs;
#[cfg(test)]
pub(crate) mod random;
pub(crate) mod words;
