//! Dictionaries, from TSV source to the compiled map the scanner walks.
//!
//! ```text
//! source.rs    TSV lines → SourceEntry (inflect.rs expands the forms column,
//!              rule.rs parses the when column)
//! compile.rs   SourceEntry from every dictionary → Compiled: the fst map,
//!              the entry table (table.rs), the prefilter (prefilter.rs),
//!              the originals the score counts (originals.rs), the
//!              word table of its plain keys (wordmap.rs)
//! layer.rs     user entries laid over the compiled bundle, without
//!              compiling it again
//! chains.rs    the whole-dictionary check, run with the scanner
//! embed.rs     Compiled ⇄ bytes, for the bundled dictionaries (builtin.rs)
//! frequency.rs English word and word-pair counts, for the evidence of
//!              context (frequencies_builtin.rs loads the bundled ones)
//! memo.rs      a thread's cache of recent answers, by key
//! ```
//!
//! `build.rs` compiles the bundled dictionaries with these same modules
//! (all but `builtin`), so a bad bundled line fails the build exactly as a
//! bad user dictionary fails at run time.

pub(crate) mod builtin;
pub(crate) mod chains;
pub(crate) mod compile;
pub(crate) mod embed;
pub(crate) mod frequencies_builtin;
pub(crate) mod frequency;
pub(crate) mod inflect;
pub(crate) mod layer;
pub(crate) mod memo;
pub(crate) mod originals;
pub(crate) mod prefilter;
pub(crate) mod rule;
pub(crate) mod source;
pub(crate) mod table;
pub(crate) mod wordmap;
