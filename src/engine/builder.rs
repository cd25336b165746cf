//! [`Builder`]: an [`Unspinner`] with other dictionaries, allowed phrases,
//! another mode or more threads.

use std::path::PathBuf;
use std::sync::Arc;

use crate::dict::builtin;
use crate::dict::chains;
use crate::dict::compile::{Compiled, Sources};
use crate::dict::layer;
use crate::dict::source::{self, Kind, SourceEntry};
use crate::engine::mode::Mode;
use crate::engine::unspinner::Unspinner;
use crate::error::Error;
use crate::scan;
use crate::tier::TierSet;

impl Unspinner {
    /// A builder, starting from the bundled dictionaries and the default
    /// [`Mode::Auto`].
    pub fn builder() -> Builder {
        Builder::default()
    }
}

/// A dictionary or allowlist to load, and where from.
struct Source {
    origin: Origin,
    list: List,
}

enum Origin {
    File(PathBuf),
    Text { name: String, text: String },
}

/// What a source lists.
#[derive(Clone, Copy, PartialEq, Eq)]
enum List {
    /// Entries: spun phrase, original, tier, source...
    Dictionary,
    /// Allowed phrases: phrase, source.
    Allowlist,
}

impl Source {
    /// Reads and parses the source.
    fn parse(self) -> Result<(String, Vec<SourceEntry>), Error> {
        let (name, bytes) = match self.origin {
            Origin::File(path) => {
                let bytes = std::fs::read(&path).map_err(|source| Error::Io {
                    path: path.clone(),
                    source,
                })?;
                (path.display().to_string(), bytes)
            }
            Origin::Text { name, text } => (name, text.into_bytes()),
        };
        let entries = match self.list {
            List::Dictionary => source::parse(&name, &bytes)?,
            List::Allowlist => source::parse_allow(&name, &bytes)?,
        };
        Ok((name, entries))
    }
}

/// Builds an [`Unspinner`] with other dictionaries, allowed phrases or
/// another mode.
///
/// Nothing is read or checked until [`Builder::build`], which reports the
/// first problem with its `file:line`.
///
/// ```
/// use unspin::{Mode, Unspinner};
///
/// let unspin = Unspinner::builder()
///     .dictionary_str("house-style.tsv", "huge outflow\tlarge outflow\tcontext\tstyle guide\n")
///     .allow("Planet War II")
///     .mode(Mode::Aggressive)
///     .build()?;
/// assert_eq!(
///     unspin.repair("a huge outflow after Planet War II").text,
///     "a large outflow after Planet War II"
/// );
/// # Ok::<(), unspin::Error>(())
/// ```
#[derive(Default)]
pub struct Builder {
    no_builtin: bool,
    sources: Vec<Source>,
    allow: Vec<String>,
    mode: Mode,
    window_words: Option<usize>,
    threads: Option<usize>,
}

impl std::fmt::Debug for Builder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Builder")
            .field("builtin", &!self.no_builtin)
            .field("sources", &self.sources.len())
            .field("allow", &self.allow)
            .field("mode", &self.mode)
            .field("window_words", &self.window_words)
            .field("threads", &self.threads)
            .finish()
    }
}

impl Builder {
    /// Keeps (`true`, the default) or drops the bundled dictionaries.
    pub fn builtin(mut self, yes: bool) -> Builder {
        self.no_builtin = !yes;
        self
    }

    /// Adds a dictionary file in the format of [`dictionary_format`]. It is
    /// read by [`Builder::build`]; errors name its path and line.
    ///
    /// [`dictionary_format`]: crate::dictionary_format
    pub fn dictionary_file(mut self, path: impl Into<PathBuf>) -> Builder {
        self.sources.push(Source {
            origin: Origin::File(path.into()),
            list: List::Dictionary,
        });
        self
    }

    /// Adds a dictionary from text. `name` stands for the file name in
    /// errors and edit locations.
    pub fn dictionary_str(mut self, name: impl Into<String>, text: impl Into<String>) -> Builder {
        self.sources.push(Source {
            origin: Origin::Text {
                name: name.into(),
                text: text.into(),
            },
            list: List::Dictionary,
        });
        self
    }

    /// Allows a phrase: wherever it occurs (matched like a key, on word
    /// boundaries), no edit touches it. If it is also a spun phrase, that
    /// entry is dropped.
    ///
    /// ```
    /// let unspin = unspin::Unspinner::builder().allow("regulation enforcement").build()?;
    /// let text = "regulation enforcement, Planet War II";
    /// assert_eq!(unspin.repair(text).text, "regulation enforcement, World War II");
    /// # Ok::<(), unspin::Error>(())
    /// ```
    pub fn allow(mut self, phrase: impl Into<String>) -> Builder {
        self.allow.push(phrase.into());
        self
    }

    /// Adds an allowlist file: one allowed phrase per line, as
    /// `phrase<TAB>source[<TAB>note]` (the format of the bundled
    /// `dictionaries/allow.tsv`, see [`dictionary_format`]). It is read by
    /// [`Builder::build`]; errors name its path and line.
    ///
    /// [`dictionary_format`]: crate::dictionary_format
    ///
    /// ```
    /// # let dir = std::env::temp_dir().join(format!("unspin-doc-{}", std::process::id()));
    /// # std::fs::create_dir_all(&dir)?;
    /// let path = dir.join("house-allow.tsv");
    /// std::fs::write(&path, "# phrases our style guide uses\nregulation enforcement\thouse style\n")?;
    /// let unspin = unspin::Unspinner::builder().allow_file(&path).build()?;
    /// assert_eq!(unspin.repair("regulation enforcement").text, "regulation enforcement");
    /// # std::fs::remove_dir_all(&dir)?;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn allow_file(mut self, path: impl Into<PathBuf>) -> Builder {
        self.sources.push(Source {
            origin: Origin::File(path.into()),
            list: List::Allowlist,
        });
        self
    }

    /// Sets the mode; see [`Mode`].
    pub fn mode(mut self, mode: Mode) -> Builder {
        self.mode = mode;
        self
    }

    /// Sets how many words make a window, the unit that [`Mode::Auto`]
    /// scores and gates on its own (default [`WINDOW_WORDS`](crate::WINDOW_WORDS); at least 1).
    /// Smaller windows react to spinning that starts mid-text but judge on
    /// less evidence.
    pub fn window_words(mut self, words: usize) -> Builder {
        self.window_words = Some(words.max(1));
        self
    }

    /// Sets how many threads [`Unspinner::repair_stream`] may use (default
    /// 1; at least 1). With more than one, the stream reads ahead about
    /// 1 MiB per thread and repairs those windows in parallel, each thread
    /// a run of consecutive windows; the output is the same as with one
    /// thread, byte for byte. The threads are made by the first stream
    /// that needs them and kept for the life of the `Unspinner` (its
    /// clones share them); the stream's own thread waits while they work.
    ///
    /// ```
    /// let unspin = unspin::Unspinner::builder().threads(2).build()?;
    /// assert_eq!(unspin.threads(), 2);
    /// # Ok::<(), unspin::Error>(())
    /// ```
    pub fn threads(mut self, threads: usize) -> Builder {
        self.threads = Some(threads.max(1));
        self
    }

    /// Reads, checks and compiles the dictionaries.
    ///
    /// # Errors
    ///
    /// [`Error::Io`] when a dictionary or allowlist file cannot be read,
    /// and [`Error::Dictionary`] with the `file:line` of the first bad
    /// line: wrong column count, an empty field, an unknown tier, a bad
    /// form or rule, invalid UTF-8, a phrase mapped to itself, a duplicate
    /// or conflicting spun phrase (also across dictionaries), a chain (an
    /// original containing a spun phrase), or dictionaries past the
    /// compiled table's limits (see [`DictionaryErrorKind`]).
    ///
    /// [`DictionaryErrorKind`]: crate::DictionaryErrorKind
    pub fn build(self) -> Result<Unspinner, Error> {
        let settings = (self.mode, self.window_words, self.threads);
        let unspinner = |compiled| Unspinner::with(compiled, settings.0, settings.1, settings.2);
        if self.sources.is_empty() && self.allow.is_empty() && !self.no_builtin {
            return Ok(unspinner(Arc::clone(&builtin::BUILTIN)));
        }
        let mut sources = Sources::default();
        for source in self.sources {
            let (name, entries) = source.parse()?;
            sources.add_dictionary(&name, entries);
        }
        for (i, phrase) in self.allow.iter().enumerate() {
            sources.add_allow("<allow>", phrase, i + 1)?;
        }
        if self.no_builtin {
            let compiled = Compiled::build(sources)?;
            chains::check(&compiled, |text| scan::first_match(&compiled, text))?;
            return Ok(unspinner(Arc::new(compiled)));
        }
        // Over the bundled dictionaries, as they are embedded: only what the
        // user entries add is compiled and checked.
        let own = Compiled::build(sources.clone())?;
        let layered = layer::layer(&builtin::BUILTIN, sources)?;
        let compiled = layered.compiled;
        chains::check_layered(
            &compiled,
            layered.user,
            |text| scan::first_match(&compiled, text),
            // Any user key in the text that stands (an allowed phrase of
            // the bundle may have displaced it): the user entries alone,
            // compiled on their own, are scanned far faster than the whole.
            |text| {
                scan::Scan::new(&own, TierSet::ALL, text).find_map(|m| {
                    let entry = own.entries.get(m.entry);
                    (entry.kind == Kind::Replace)
                        .then(|| compiled.get(entry.spun))
                        .flatten()
                        .filter(|&i| compiled.entries.get(i).kind == Kind::Replace)
                })
            },
        )?;
        Ok(unspinner(Arc::new(compiled)))
    }
}
