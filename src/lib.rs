//! Find and repair *spun text*.
//!
//! Spam sites copy articles and run them through "article spinners" that
//! swap words and phrases for thesaurus synonyms: "its sixth thirty day
//! period" for *its sixth month*, "The Associated Push" for *The Associated
//! Press*, "regulation enforcement" for *law enforcement*. Paper mills do
//! the same to science ("counterfeit consciousness" for *artificial
//! intelligence*). `unspin` finds such phrases with a dictionary and puts
//! the original wording back, reporting every edit it makes.
//!
//! ```
//! let unspin = unspin::Unspinner::new();
//! let repaired = unspin.repair("Planet War II veterans met regulation enforcement.");
//! assert_eq!(repaired.text, "World War II veterans met law enforcement.");
//! for edit in &repaired.edits {
//!     println!("{:?}: {} -> {} ({})", edit.span, edit.spun, edit.replacement, edit.location);
//! }
//! ```
//!
//! # How matching works
//!
//! Data flows one way: dictionary text is parsed and checked, compiled into
//! an [`fst`] map, and scanned left to right in one pass; each match
//! becomes an [`Edit`], and the edits are applied to produce the output.
//!
//! * **Folding.** Keys and text are compared after folding: case,
//!   canonical decomposition, any run of whitespace (a line break or NBSP
//!   included) as one space, typographic apostrophes and double quotes as
//!   straight ones, hyphen variants as `-`. The text is folded one
//!   character at a time while scanning, so offsets are always those of
//!   the input.
//! * **Word boundaries.** A match never starts or ends inside a word, so
//!   "overregulation enforcement" is left alone. Apostrophes between
//!   letters belong to the word ("Push's" is not "Push").
//! * **Leftmost-longest, on boundaries.** At each word start the longest
//!   key *that ends on a word boundary* wins. With keys `thirty day` and
//!   `thirty day period`, the text `thirty day periods` matches `thirty
//!   day`: the longer key would end inside the word "periods".
//! * **One pass.** Matches never overlap, and replaced text is never
//!   scanned again. Dictionaries are checked for chains (an original that
//!   contains a spun phrase), so one pass is all there is to do.
//!
//! ```
//! let unspin = unspin::Unspinner::builder()
//!     .builtin(false)
//!     .dictionary_str("demo.tsv", "thirty day\tmonth\tfix\tdemo\nthirty day period\tmonth\tfix\tdemo\n")
//!     .build()?;
//! assert_eq!(unspin.repair("thirty day periods").text, "month periods");
//! assert_eq!(unspin.repair("thirty\u{a0}Day  period.").text, "month.");
//! assert_eq!(unspin.repair("thirty days").text, "thirty days");
//! # Ok::<(), unspin::Error>(())
//! ```
//!
//! # Case and articles
//!
//! The case of the matched text is carried onto the replacement word by
//! word: lowercase stays as the dictionary wrote it, a capital first
//! letter gives a capital first letter, Title Case gives Title Case and ALL
//! CAPS gives ALL CAPS. Capitals written in the dictionary are kept. When a
//! repair changes the sound after `a`/`an`, the article follows ("an
//! entrepreneur" becomes "a businessman"), unless the spinner had already
//! broken it.
//!
//! ```
//! let unspin = unspin::Unspinner::new();
//! assert_eq!(
//!     unspin.repair("COUNTERFEIT CONSCIOUSNESS and Counterfeit consciousness").text,
//!     "ARTIFICIAL INTELLIGENCE and Artificial intelligence"
//! );
//! ```
//!
//! # Tiers and modes
//!
//! Every entry has a [`Tier`]. [`Tier::Fix`] phrases practically never
//! occur in clean English and are always repaired. [`Tier::Context`]
//! phrases are also ordinary English ("claimed" for *said*): they are found
//! by [`Unspinner::find_iter`] but repaired only in [`Mode::Aggressive`].
//!
//! # Dictionaries
//!
//! Dictionaries are UTF-8 TSV files, one entry a line:
//! `spun<TAB>original<TAB>tier<TAB>source[<TAB>forms[<TAB>note]]`, `#` for
//! comments; `forms` generates inflected entries (`s`, `'s`, `ed`, `ing`).
//! The bundled ones are compiled at build time and embedded; add your own
//! with [`Builder::dictionary_file`] or [`Builder::dictionary_str`].
//! Loading reports problems with their `file:line` (see [`Error`]).

#![deny(missing_docs)]
#![forbid(unsafe_code)]

mod article;
mod builtin;
mod case;
mod compiled;
mod dictionary;
mod error;
mod inflect;
mod matcher;
mod normalize;
mod prefilter;
mod repair;
mod rules;
mod score;
mod stream;
mod validate;

pub use dictionary::Tier;
pub use error::{DictionaryErrorKind, Error, Location};
#[doc(hidden)]
pub use repair::{__compiled_bytes, __count_word_starts, __load_builtin_uncached};
pub use repair::{
    Builder, Edit, EditKind, EntryRef, FindIter, Match, Mode, Repair, Unspinner, WINDOW_WORDS,
};
pub use score::{Score, Verdict};
pub use stream::{validate_utf8, StreamError, StreamSummary};

#[doc = include_str!("../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;
