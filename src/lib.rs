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
//! * **A word at a time.** Most keys are plain words (`regulation
//!   enforcement`); those are looked up a word at a time, in a table of
//!   every key prefix that ends at a word, and a hit is checked against the
//!   key's bytes. The map is walked a character at a time only where a key
//!   or the text goes on otherwise (`u.s. army`, a no-break space, an
//!   accented letter), so both ways find the same matches.
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
//! occur in clean English and are repaired wherever they occur. [`Tier::Context`]
//! phrases are also ordinary English ("claimed" for *said*): they are
//! always found by [`Unspinner::find_iter`], and repaired where the text
//! is judged spun. The [`Mode`] decides:
//!
//! * [`Mode::Auto`], the default, repairs `fix` entries everywhere and
//!   `context` entries in each window of [`WINDOW_WORDS`] words whose
//!   [`Score`] says [`Verdict::Spun`];
//! * [`Mode::Conservative`] repairs `fix` entries only;
//! * [`Mode::Aggressive`] repairs every entry, for text known to be spun,
//!   save one-word swaps whose neighbours show the word in its own sense.
//!
//! ```
//! let text = "Tabalov claimed that regulation enforcement arrived.";
//! // One garble is not enough to judge the text spun: "claimed" stays.
//! assert_eq!(
//!     unspin::Unspinner::new().repair(text).text,
//!     "Tabalov claimed that law enforcement arrived."
//! );
//! ```
//!
//! # Dictionaries
//!
//! Dictionaries are UTF-8 TSV files, one entry a line, described in
//! [`dictionary_format`]. The bundled ones are compiled at build time and
//! embedded; add your own with [`Builder::dictionary_file`] or
//! [`Builder::dictionary_str`]. Loading reports problems with their
//! `file:line` (see [`Error`]).
//!
//! A spun word may stand for several originals; an entry can list them
//! (`throughout → during | across`), and the engine picks the one the
//! neighbouring words favour in the bundled English word-pair counts, or
//! none:
//!
//! ```
//! let unspin = unspin::Unspinner::builder()
//!     .builtin(false)
//!     .dictionary_str("mine.tsv", "throughout\tduring | across\tfix\texample\n")
//!     .build()?;
//! assert_eq!(
//!     unspin.repair("shared throughout different teams").text,
//!     "shared across different teams"
//! );
//! // Nothing decides here, so nothing is repaired.
//! assert_eq!(unspin.repair("halted throughout broadcast").text, "halted throughout broadcast");
//! # Ok::<(), unspin::Error>(())
//! ```
//!
//! [`Miner`] proposes entries from a spun text and its original (the
//! command line's `--mine`).
//!
//! # How the code is laid out
//!
//! The modules follow the data, each one using only those above it:
//!
//! ```text
//! tier, error     what every layer shares
//! text/           fold.rs: what a character looks like; words.rs: what a word is
//! dict/           TSV source → compiled fst map, word table, entry table (build.rs uses these too)
//! scan            the single pass: matches of dictionary keys, left to right
//! score           Score and Verdict
//! engine/         matches → decisions → edits, window by window; Unspinner, Builder
//! stream/         Read → Write repair in bounded memory, on several threads
//! mine/           a spun text aligned with its original → proposed entries
//! ```
//!
//! `ARCHITECTURE.md` in the repository follows a text through them.

#![deny(missing_docs)]
#![forbid(unsafe_code)]

mod bench_hooks;
mod dict;
mod engine;
mod error;
#[cfg(feature = "learn")]
pub mod learn;
mod mine;
mod scan;
mod score;
mod stream;
mod text;
mod tier;

#[doc(hidden)]
pub use bench_hooks::{
    __compiled_bytes, __count_word_starts, __hash_words, __load_builtin_uncached,
    __without_fast_paths,
};
pub use engine::assess::{Assessment, Part};
pub use engine::builder::Builder;
pub use engine::edit::{Edit, EditKind, Repair};
pub use engine::entry::{EntryRef, FindIter, Match};
pub use engine::mode::Mode;
pub use engine::unspinner::{Protection, Unspinner};
pub use engine::window::WINDOW_WORDS;
pub use error::{DictionaryErrorKind, Error, Location, StreamError};
#[cfg(feature = "learn")]
pub use learn::{CleanUses, Learned, Learner};
pub use mine::{write_dictionary, Candidate, Miner, PhraseCounter, Proposal};
pub use score::{Model, Reason, Score, Signal, Verdict, MODEL};
pub use stream::{validate_utf8, StreamReport, StreamSummary};
pub use tier::Tier;

/// The dictionary format: the TSV columns, tiers, forms, context rules and
/// the checks made when dictionaries load. This is `dictionaries/README.md`
/// of the repository, the one place the format is stated.
#[doc = include_str!("../dictionaries/README.md")]
pub mod dictionary_format {}

#[doc = include_str!("../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;
