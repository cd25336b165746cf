//! Error types.
//!
//! Loading a dictionary and streaming are the only fallible steps:
//! matching and repairing text in memory cannot fail. Every dictionary
//! error names the file (or the name given to an in-memory dictionary) and
//! the 1-based line it is about, and prints as `file:line: message`, the
//! form editors and terminals turn into links. A stream error says how far
//! the stream got: the byte offset, and the line and column of a byte that
//! is not UTF-8.

use std::fmt;
use std::io;
use std::path::PathBuf;
use std::sync::Arc;

/// Where a dictionary entry came from: a dictionary name and a 1-based line.
///
/// Displays as `name:line`.
///
/// ```
/// let loc = unspin::Location::new("news.tsv", 12);
/// assert_eq!(loc.to_string(), "news.tsv:12");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Location {
    /// The dictionary's name: its path for a file, or the name given to an
    /// in-memory dictionary. Shared, so that copying a location (every
    /// [`Edit`](crate::Edit) has one) does not copy the name.
    pub dictionary: Arc<str>,
    /// The 1-based line number.
    pub line: usize,
}

impl Location {
    /// Makes a location from a dictionary name and a 1-based line number.
    pub fn new(dictionary: impl Into<Arc<str>>, line: usize) -> Location {
        Location {
            dictionary: dictionary.into(),
            line,
        }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.dictionary, self.line)
    }
}

/// An error of the library: loading dictionaries (what is wrong and
/// where), or a stream repair ([`StreamError`]).
///
/// ```
/// let err = unspin::Unspinner::builder()
///     .builtin(false)
///     .dictionary_str("mine.tsv", "planet war\n")
///     .build()
///     .unwrap_err();
/// assert_eq!(
///     err.to_string(),
///     "mine.tsv:1: expected 2 to 7 tab-separated columns \
///      (spun, original[, tier[, source[, forms[, note[, when]]]]]), found 1"
/// );
/// ```
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A dictionary file could not be read.
    #[error("cannot read dictionary {}: {source}", path.display())]
    Io {
        /// The file that could not be read.
        path: PathBuf,
        /// The underlying I/O error.
        source: std::io::Error,
    },
    /// A dictionary line is malformed or conflicts with another entry.
    #[error("{location}: {kind}")]
    Dictionary {
        /// The line the error is about.
        location: Location,
        /// What is wrong with it.
        kind: Box<DictionaryErrorKind>,
    },
    /// A stream repair failed. With it, one `?` carries both kinds of
    /// error out of a function that returns [`Error`]:
    ///
    /// ```
    /// fn clean(input: &[u8]) -> Result<Vec<u8>, unspin::Error> {
    ///     let unspin = unspin::Unspinner::builder().build()?;
    ///     let mut out = Vec::new();
    ///     unspin.repair_stream(input, &mut out)?;
    ///     Ok(out)
    /// }
    /// assert_eq!(clean(b"regulation enforcement").unwrap(), b"law enforcement");
    /// assert!(matches!(clean(b"\xFF"), Err(unspin::Error::Stream(_))));
    /// ```
    #[error(transparent)]
    Stream(#[from] StreamError),
}

impl Error {
    /// The location of a dictionary error, or `None` for an I/O error.
    pub fn location(&self) -> Option<&Location> {
        match self {
            Error::Dictionary { location, .. } => Some(location),
            Error::Io { .. } | Error::Stream(_) => None,
        }
    }

    /// The kind of a dictionary error, or `None` for an I/O error.
    pub fn dictionary_error(&self) -> Option<&DictionaryErrorKind> {
        match self {
            Error::Dictionary { kind, .. } => Some(kind),
            Error::Io { .. } | Error::Stream(_) => None,
        }
    }
}

/// What is wrong with a dictionary line.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum DictionaryErrorKind {
    /// The line is not valid UTF-8.
    #[error("not valid UTF-8 (byte {offset} of the file)")]
    NotUtf8 {
        /// Byte offset of the first invalid byte, from the start of the file.
        offset: usize,
    },
    /// The line does not have 2 to 7 tab-separated columns.
    #[error(
        "expected 2 to 7 tab-separated columns (spun, original[, tier[, source[, forms[, note[, when]]]]]), found {found}"
    )]
    Columns {
        /// How many columns the line has.
        found: usize,
    },
    /// A required column is empty (or only whitespace).
    #[error("the {column} column is empty")]
    EmptyField {
        /// The column's name: `spun`, `original`, `tier` or `source`.
        column: &'static str,
    },
    /// A phrase holds a control character (a NUL, a form feed…): no text
    /// a key should match holds one, and an original must not put one in.
    #[error("the {column} column holds the control character U+{code:04X}")]
    ControlCharacter {
        /// The column's name: `spun`, `original` or `phrase`.
        column: &'static str,
        /// The character's code point.
        code: u32,
    },
    /// The original column lists alternatives (`asked|ordered`) and one of
    /// them is empty.
    #[error("the original column {original:?} has an empty alternative")]
    EmptyAlternative {
        /// The original column as written.
        original: String,
    },
    /// The tier column holds something other than `fix` or `context`.
    #[error("unknown tier {tier:?}: expected `fix` or `context`{}", suggestion(.did_you_mean))]
    UnknownTier {
        /// The tier as written.
        tier: String,
        /// The nearest valid tier, when the spelling is close.
        did_you_mean: Option<&'static str>,
    },
    /// An allowlist line does not have 2 or 3 tab-separated columns.
    #[error("expected 2 or 3 tab-separated columns (phrase, source[, note]), found {found}")]
    AllowColumns {
        /// How many columns the line has.
        found: usize,
    },
    /// The `when` column is not a valid context rule.
    #[error("bad rule {rule:?} in the when column: {reason}")]
    BadRule {
        /// The rule as written.
        rule: String,
        /// What is wrong with it.
        reason: &'static str,
    },
    /// An item of the `forms` column is not understood.
    #[error("bad form {item:?} in the forms column: {reason}")]
    BadForm {
        /// The item as written.
        item: String,
        /// What is wrong with it.
        reason: &'static str,
    },
    /// The spun phrase folds to the same key as its original, so the entry
    /// would replace a phrase with itself.
    #[error("{spun:?} is mapped to itself")]
    SelfMap {
        /// The spun phrase.
        spun: String,
    },
    /// The same spun phrase appears twice with the same original.
    #[error("duplicate entry for {spun:?}, first at {first}")]
    Duplicate {
        /// The spun phrase.
        spun: String,
        /// Where it was first defined.
        first: Location,
    },
    /// The same spun phrase is mapped to two different originals.
    #[error("{spun:?} is mapped to {original:?} here but to {other:?} at {first}")]
    Conflict {
        /// The spun phrase.
        spun: String,
        /// The original on this line.
        original: String,
        /// The original of the first definition.
        other: String,
        /// Where it was first defined.
        first: Location,
    },
    /// The dictionaries pass a limit of the compiled table: more than
    /// 65,536 dictionaries, or more than 4 GiB of phrases.
    #[error("{what}: the compiled table holds at most {limit}")]
    TooLarge {
        /// What is too large.
        what: &'static str,
        /// The limit, worded.
        limit: &'static str,
    },
    /// The original contains a spun phrase of another entry, so the output
    /// of one repair would be repaired again by a second pass.
    #[error(
        "chain: the original {original:?} contains the spun phrase {key:?} of {key_location}; \
         a single pass would leave text that it would repair again"
    )]
    Chain {
        /// The original on this line.
        original: String,
        /// The spun phrase found inside it.
        key: String,
        /// Where that spun phrase is defined.
        key_location: Location,
    },
    /// The spun phrase on this line (of a user dictionary) is found inside
    /// the original of another entry (of the bundled dictionaries): the
    /// same chain as [`DictionaryErrorKind::Chain`], reported at the line
    /// that brought it.
    #[error(
        "chain: the spun phrase {key:?} is inside the original {original:?} of {original_location}; \
         a single pass would leave text that it would repair again"
    )]
    ChainInto {
        /// The spun phrase on this line.
        key: String,
        /// The original that holds it.
        original: String,
        /// Where that original is defined.
        original_location: Location,
    },
}

fn suggestion(did_you_mean: &Option<&'static str>) -> String {
    match did_you_mean {
        Some(s) => format!(" (did you mean `{s}`?)"),
        None => String::new(),
    }
}

/// An error while repairing a stream.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StreamError {
    /// Reading the input failed.
    #[error("cannot read input after byte offset {offset}: {source}")]
    Read {
        /// Bytes of input read before the failure.
        offset: u64,
        /// The underlying I/O error.
        source: io::Error,
    },
    /// Writing the output failed.
    #[error("cannot write output after byte offset {offset} of the output: {source}")]
    Write {
        /// Bytes of output written before the failure.
        offset: u64,
        /// The underlying I/O error.
        source: io::Error,
    },
    /// The input is not UTF-8. The output holds the repaired text of the
    /// windows before the error.
    #[error("input is not valid UTF-8 at line {line}, column {column} (byte offset {offset})")]
    NotUtf8 {
        /// Offset of the first invalid byte, from the start of the input.
        offset: u64,
        /// 1-based line of the invalid byte.
        line: u64,
        /// 1-based column, in characters, of the invalid byte.
        column: u64,
        /// The invalid byte, or `None` when the input ends inside a
        /// character.
        byte: Option<u8>,
    },
}
