//! What the command writes, chosen once from the arguments: one [`Main`]
//! output on stdout, whether the files themselves are replaced by their
//! repair ([`Destination`]), and the extras beside them (`--score` on
//! stderr, `--html` to a file).
//!
//! Whether inputs can stream in bounded memory follows from the choice:
//! each output says whether it needs a whole document
//! ([`Main::needs_document`], an exhaustive match), so a new format cannot
//! be forgotten on the streaming path.

pub mod check;
pub mod count;
pub mod diff;
pub mod html;
pub mod json;

use std::io::{self, Write};
use std::path::PathBuf;

use crate::args::{Args, Format};
use crate::document::Document;

/// The main output, on stdout.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Main {
    /// The repaired text (the default; nothing with `--write`, whose
    /// repaired text goes to the files).
    Repaired,
    /// One line per edit (`--check`).
    Check,
    /// One line per edit, then the verdict (`--explain`).
    Explain,
    /// A unified diff (`--diff`), coloured or not.
    Diff { color: bool },
    /// One JSON object per document (`--format json`).
    Json,
}

impl Main {
    /// Is this output made from a whole document in memory, rather than
    /// streamed?
    pub fn needs_document(self) -> bool {
        match self {
            Main::Repaired => false,
            Main::Check | Main::Explain | Main::Diff { .. } | Main::Json => true,
        }
    }
}

/// Where the repaired text of a file goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Destination {
    /// To stdout, as the main output says (the default).
    Stdout,
    /// Into the file itself, which is replaced by its repair (`--write`).
    InPlace,
}

/// Everything the command writes for its inputs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Output {
    pub main: Main,
    pub destination: Destination,
    /// `--score`: each input's verdict and score on stderr.
    pub score: bool,
    /// `--html FILE`: a report of every input, written at the end.
    pub html: Option<PathBuf>,
}

impl Output {
    /// The output the arguments ask for; `color` says whether a diff is
    /// coloured.
    pub fn from_args(args: &Args, color: bool) -> Output {
        let main = if args.format == Format::Json {
            Main::Json
        } else if args.check {
            Main::Check
        } else if args.explain {
            Main::Explain
        } else if args.diff {
            Main::Diff { color }
        } else {
            Main::Repaired
        };
        let destination = if args.write {
            Destination::InPlace
        } else {
            Destination::Stdout
        };
        Output {
            main,
            destination,
            score: args.score,
            html: args.html.clone(),
        }
    }

    /// Can the inputs stream in bounded memory? Not when any part of the
    /// output needs a whole document.
    pub fn streams(&self) -> bool {
        !(self.main.needs_document() || self.score || self.html.is_some())
    }

    /// Writes what `doc` gives: the main output to `out` (not the
    /// repaired text of a file repaired in place, which the caller
    /// writes), then its `--score` line on stderr.
    pub fn document(&self, doc: &Document, out: &mut impl Write) -> io::Result<()> {
        match self.main {
            Main::Repaired => {
                if self.destination == Destination::Stdout {
                    out.write_all(doc.repaired.as_bytes())?
                }
            }
            Main::Check => {
                for line in check::edit_lines(doc) {
                    writeln!(out, "{line}")?;
                }
            }
            Main::Explain => {
                for line in check::edit_lines(doc) {
                    writeln!(out, "{line}")?;
                }
                writeln!(out, "{}", check::summary(doc))?;
            }
            Main::Diff { color } => {
                let diff = diff::unified(&doc.name, &doc.text, &doc.repaired, color);
                out.write_all(diff.as_bytes())?;
            }
            Main::Json => {
                let line = serde_json::to_string(&json::report(doc)).map_err(io::Error::other)?;
                writeln!(out, "{line}")?;
            }
        }
        if self.score {
            out.flush()?;
            eprintln!("{}", check::summary(doc));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    fn output(args: &[&str]) -> Output {
        let mut all = vec!["unspin"];
        all.extend_from_slice(args);
        Output::from_args(&Args::parse_from(all), false)
    }

    #[test]
    fn the_output_is_chosen_once_and_says_whether_it_streams() {
        assert_eq!(output(&[]).main, Main::Repaired);
        assert!(output(&[]).streams());
        assert!(output(&["--write", "f"]).streams());
        assert!(!output(&["--write", "--score", "f"]).streams());
        let json = output(&["--write", "--format", "json", "f"]);
        assert_eq!(
            (json.main, json.destination),
            (Main::Json, Destination::InPlace)
        );
        assert!(!json.streams());
        assert!(!output(&["--html", "r.html"]).streams());
        for (args, main) in [
            (&["--check"][..], Main::Check),
            (&["--explain"], Main::Explain),
            (&["--diff"], Main::Diff { color: false }),
            (&["--format", "json"], Main::Json),
            (&["--check", "--format", "json"], Main::Json),
        ] {
            let o = output(args);
            assert_eq!(o.main, main, "{args:?}");
            assert!(!o.streams(), "{args:?}");
        }
    }
}
