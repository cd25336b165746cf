//! Command-line arguments.

use std::path::PathBuf;

use clap::{Parser, ValueEnum};
use unspin::Mode;

/// The examples `--help` and `-h` end with.
const EXAMPLES: &str = "\
Examples:
  unspin article.txt > clean.txt            repair a file (a summary line on a terminal)
  unspin --explain articles/                what would change and why, in every file below
  unspin --diff article.txt                 the repairs as a unified diff
  unspin --write articles/                  repair files in place, atomically
  unspin --format json article.txt          edits, verdict and score as JSON
  unspin --html report.html article.txt     a page with every repair highlighted
  unspin --jsonl --add-score corpus.jsonl   repair the \"text\" field of JSON lines
  unspin -d mine.tsv article.txt            also use a dictionary of spun<TAB>original lines
  unspin --mine mined.tsv spun.txt src.txt  propose entries from a spun text and its source
  unspin --learn learned.tsv --jsonl corpus.jsonl  learn a spinner's table from a corpus";

/// Repair spun text: article-spinner synonym swaps and tortured phrases.
///
/// Reads each FILE (directories are searched recursively; `-` or no FILE
/// reads stdin) and writes the repaired text to stdout. By default
/// (`--mode auto`) `fix`-tier phrases, which practically never occur in
/// clean English, are repaired wherever they occur, and `context`-tier phrases only in
/// text whose spin score says `spun`.
///
/// Exit status: 0 on success (with --check: no spun phrase found); 1 with
/// --check when spun phrases were found; 2 on any error (a file or
/// dictionary that cannot be read, input that is not UTF-8, a failed
/// write). Binary files found in directories are skipped with a note.
#[derive(Parser, Debug)]
#[command(name = "unspin", version, about, long_about, after_help = EXAMPLES)]
pub struct Args {
    /// Files or directories to repair; `-` or none reads stdin.
    #[arg(value_name = "FILE")]
    pub files: Vec<PathBuf>,

    /// Report what would be repaired (one line per edit) and repair nothing.
    /// Exit 0 when nothing is found, 1 when spun phrases are found.
    #[arg(long, group = "action")]
    pub check: bool,

    /// Print one line per edit, `file:line:column: spun -> original (tier,
    /// dictionary:line)`, and each file's verdict and score.
    #[arg(long, group = "action")]
    pub explain: bool,

    /// Print a unified diff of each input against its repair.
    #[arg(long, group = "action")]
    pub diff: bool,

    /// Repair files in place, atomically, keeping line endings, a UTF-8 BOM
    /// and permissions.
    #[arg(long, group = "action")]
    pub write: bool,

    /// Output format of reports: `text`, or `json` for one JSON object per
    /// document (path, verdict, score, edits) instead of the text output.
    #[arg(long, value_enum, default_value_t = Format::Text, conflicts_with = "diff")]
    pub format: Format,

    /// When to colour --diff output: `auto` colours a terminal unless
    /// NO_COLOR is set.
    #[arg(long, value_enum, default_value_t = Color::Auto, value_name = "WHEN")]
    pub color: Color,

    /// Replace invalid UTF-8 with U+FFFD instead of failing.
    #[arg(long)]
    pub lossy: bool,

    /// Also load this dictionary: TSV with the columns spun, original,
    /// tier, source and optionally forms, note, when (the format is
    /// described in the crate docs, `unspin::dictionary_format`).
    /// Repeatable.
    #[arg(short = 'd', long = "dictionary", value_name = "FILE")]
    pub dictionaries: Vec<PathBuf>,

    /// Do not load the bundled dictionaries.
    #[arg(long)]
    pub no_builtin: bool,

    /// Never edit this phrase (matched like a dictionary key). Repeatable.
    #[arg(long, value_name = "PHRASE")]
    pub allow: Vec<String>,

    /// Never edit the phrases of this allowlist: TSV lines of `phrase`,
    /// `source` and an optional `note`, like the bundled allow.tsv.
    /// Repeatable.
    #[arg(long, value_name = "FILE")]
    pub allow_file: Vec<PathBuf>,

    /// Which entries to apply.
    #[arg(long, value_enum, default_value_t = ModeArg::Auto)]
    pub mode: ModeArg,

    /// Print each input's verdict, spin probability and why on stderr.
    #[arg(long)]
    pub score: bool,

    /// Do not print the summary line that plain repair prints for each
    /// input on stderr when stderr is a terminal (`unspin: FILE: 123
    /// repairs, verdict spun`).
    #[arg(short, long)]
    pub quiet: bool,

    /// Also write a self-contained HTML report to FILE (atomically): each
    /// input's verdict, spin probability and why, and edits by tier, and
    /// its repaired text with every edit highlighted and spun paragraphs
    /// shaded; hover over or click an edit to see the spun wording. Combines with --check, --explain, --diff, --write and
    /// --format json.
    #[arg(long, value_name = "FILE")]
    pub html: Option<PathBuf>,

    /// Mine dictionary entries from spun texts and their originals into
    /// OUT.tsv, for review: FILE... are two files (spun, then original) or
    /// directories of folders holding spun.txt and original.txt. Each
    /// substitution is proposed as a fix or context entry by the evidence
    /// (how rare the spun phrase is in English, whether the originals use
    /// it, how many originals it stands for), or left as a comment with the
    /// reason.
    #[arg(long, value_name = "OUT.tsv", group = "action")]
    pub mine: Option<PathBuf>,

    /// Learn a spinner's table from a corpus into OUT.tsv: find the
    /// documents that are one story told twice, one copy spun (fingerprints
    /// of names and numbers, then a word alignment), mine what the spinner
    /// swapped, and write the entries by the evidence (the corpus's clean
    /// documents count against them). FILE... are documents (files, or
    /// directories of them), or JSON lines files with --jsonl (each
    /// record's --field is a document). The report goes to stderr.
    #[arg(long, value_name = "OUT.tsv", conflicts_with_all = ["check", "explain", "diff", "write", "mine", "html", "score", "add_score", "dump_dictionary", "format", "bad_record", "quiet"])]
    pub learn: Option<PathBuf>,

    /// Print every compiled entry as `spun<TAB>original<TAB>tier` and exit.
    #[arg(long)]
    pub dump_dictionary: bool,

    /// Corpus mode: read JSON lines and write each record with its --field
    /// repaired, one output line per input line, in order. Every other byte
    /// of a record is kept; records without the field (or where it is not a
    /// string) pass through unchanged.
    #[arg(long, group = "action", conflicts_with_all = ["format", "score", "html"])]
    pub jsonl: bool,

    /// With --jsonl: the string field to repair.
    #[arg(long, value_name = "NAME", default_value = "text", requires = "jsonl")]
    pub field: String,

    /// With --jsonl: add `"unspin_verdict"` (clean, suspicious or spun) and
    /// `"unspin_probability"` (that the text was spun) to each record that
    /// has the field.
    #[arg(long, requires = "jsonl")]
    pub add_score: bool,

    /// With --jsonl: what to do with a line that is not a JSON object (or
    /// not UTF-8): `pass` writes it unchanged and reports it, `stop` stops
    /// there. Either way the exit status is 2.
    #[arg(long, value_enum, value_name = "WHAT", default_value_t = BadRecord::Pass, requires = "jsonl")]
    pub bad_record: BadRecord,

    /// Worker threads (default: one per core). Plain repair and --write
    /// give each a run of windows (about 1 MiB); --jsonl a share of each
    /// batch of records. With more than one, plain repair of a file checks
    /// its UTF-8 on another thread beside the repair, instead of in a pass
    /// before it. The output is the same with any number.
    #[arg(long, value_name = "N")]
    pub threads: Option<std::num::NonZeroUsize>,
}

/// What `--jsonl` does with a bad record.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum BadRecord {
    /// Write it unchanged, report it, and go on.
    Pass,
    /// Report it and stop.
    Stop,
}

/// Report formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Text for people.
    Text,
    /// JSON lines, one object per document.
    Json,
}

/// When to colour output.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Color {
    /// On a terminal, unless NO_COLOR is set.
    Auto,
    /// Always.
    Always,
    /// Never.
    Never,
}

/// The repair modes.
#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum ModeArg {
    /// Only `fix`-tier entries.
    Conservative,
    /// `fix` entries, plus `context` entries in text whose verdict is `spun`
    /// (judged per window of 2,000 words).
    Auto,
    /// Every entry, `context` tier included.
    Aggressive,
}

impl From<ModeArg> for Mode {
    fn from(mode: ModeArg) -> Mode {
        match mode {
            ModeArg::Conservative => Mode::Conservative,
            ModeArg::Auto => Mode::Auto,
            ModeArg::Aggressive => Mode::Aggressive,
        }
    }
}
