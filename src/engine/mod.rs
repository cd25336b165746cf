//! The engine: from matches to edits.
//!
//! ```text
//! unspinner.rs  Unspinner: repair, find, score (builder.rs builds one)
//!   window.rs   cuts the text into windows and decides each one's edits,
//!               carrying what one window hands on to the next
//!     mode.rs     which tiers apply; Auto asks signals.rs for the
//!                 window's score first
//!     article.rs  a/an agreement: an extra edit before a match
//!     case.rs     the matched text's case, carried onto the replacement
//!   edit.rs     the decisions, applied; the public Edit and Repair
//!   entry.rs    EntryRef, Match, FindIter: handles on the dictionary
//! ```

pub(crate) mod article;
pub(crate) mod assess;
pub(crate) mod builder;
pub(crate) mod case;
pub(crate) mod edit;
pub(crate) mod entry;
pub(crate) mod evidence;
pub(crate) mod mode;
pub(crate) mod signals;
pub(crate) mod unspinner;
pub(crate) mod window;
