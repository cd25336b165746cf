//! `unspin`: repair spun text from files or stdin.
//!
//! A thin layer over the library: parse arguments, build an `Unspinner`,
//! read each input, write the repaired text. Exit codes: 0 on success, 2
//! when any input or dictionary could not be processed.

use std::io::{self, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, ValueEnum};
use unspin::{Mode, Unspinner};

/// Repair spun text: article-spinner synonym swaps and tortured phrases.
///
/// Reads each FILE (or stdin when there is none, or for `-`) and writes the
/// repaired text to stdout. By default (`--mode auto`) `fix`-tier phrases,
/// which practically never occur in clean English, are always repaired,
/// and `context`-tier phrases only in text whose spin score says `spun`.
///
/// Exit status: 0 on success; 2 when a file or dictionary could not be
/// read, or an input is not UTF-8 (nothing is written for that input).
#[derive(Parser, Debug)]
#[command(name = "unspin", version, about, long_about)]
struct Args {
    /// Files to repair; `-` or none reads stdin.
    #[arg(value_name = "FILE")]
    files: Vec<PathBuf>,

    /// Also load this dictionary (TSV: spun, original, tier, source[, note]).
    /// Repeatable.
    #[arg(short = 'd', long = "dictionary", value_name = "FILE")]
    dictionaries: Vec<PathBuf>,

    /// Do not load the bundled dictionaries.
    #[arg(long)]
    no_builtin: bool,

    /// Never edit this phrase (matched like a dictionary key). Repeatable.
    #[arg(long, value_name = "PHRASE")]
    allow: Vec<String>,

    /// Which entries to apply.
    #[arg(long, value_enum, default_value_t = ModeArg::Auto)]
    mode: ModeArg,

    /// Print each input's spin score and verdict on stderr.
    #[arg(long)]
    score: bool,

    /// Print every compiled entry as `spun<TAB>original<TAB>tier` and exit.
    #[arg(long)]
    dump_dictionary: bool,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum ModeArg {
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

fn main() -> ExitCode {
    let args = Args::parse();
    match run(&args) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(2),
        Err(Failure::BrokenPipe) => ExitCode::SUCCESS,
        Err(Failure::Message(message)) => {
            eprintln!("unspin: {message}");
            ExitCode::from(2)
        }
    }
}

enum Failure {
    /// stdout was closed (e.g. `unspin file | head`): stop quietly.
    BrokenPipe,
    /// A fatal error, already worded for the user.
    Message(String),
}

impl From<io::Error> for Failure {
    fn from(e: io::Error) -> Failure {
        if e.kind() == io::ErrorKind::BrokenPipe {
            Failure::BrokenPipe
        } else {
            Failure::Message(format!("cannot write output: {e}"))
        }
    }
}

/// Runs the command; `Ok(false)` means some input failed but the others
/// were processed.
fn run(args: &Args) -> Result<bool, Failure> {
    let unspinner = build(args).map_err(|e| Failure::Message(e.to_string()))?;
    for phrase in &args.allow {
        if unspinner.lookup(phrase).is_none() {
            let near: Vec<String> = unspinner
                .suggest(phrase, 3)
                .iter()
                .map(|e| format!("{:?}", e.spun()))
                .collect();
            let hint = if near.is_empty() {
                String::new()
            } else {
                format!("; did you mean {}?", near.join(" or "))
            };
            eprintln!("unspin: note: --allow {phrase:?} is not a dictionary phrase{hint}");
        }
    }
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    if args.dump_dictionary {
        for entry in unspinner.entries() {
            writeln!(
                out,
                "{}\t{}\t{}",
                entry.spun(),
                entry.original(),
                entry.tier()
            )?;
        }
        out.flush()?;
        return Ok(true);
    }
    let stdin_only = [PathBuf::from("-")];
    let files: &[PathBuf] = if args.files.is_empty() {
        &stdin_only
    } else {
        &args.files
    };
    let mut ok = true;
    for path in files {
        match read_input(path) {
            Ok((name, text)) => {
                let repaired = unspinner.repair(&text);
                out.write_all(repaired.text.as_bytes())?;
                if args.score {
                    out.flush()?;
                    let s = unspinner.score(&text);
                    eprintln!(
                        "{name}: {} (density {:.1} per 1,000 words: {} fix matches of {} entries, {} context matches, {} article slips, {} words; {} edits)",
                        s.verdict(),
                        s.density(),
                        s.fix_matches,
                        s.distinct_fix_entries,
                        s.context_matches,
                        s.article_disagreements,
                        s.words,
                        repaired.edits.len()
                    );
                }
            }
            Err(message) => {
                // Flush what earlier files produced so output and errors stay in order.
                out.flush()?;
                eprintln!("unspin: {message}");
                ok = false;
            }
        }
    }
    out.flush()?;
    Ok(ok)
}

fn build(args: &Args) -> Result<Unspinner, unspin::Error> {
    let mut builder = Unspinner::builder()
        .builtin(!args.no_builtin)
        .mode(args.mode.into());
    for path in &args.dictionaries {
        builder = builder.dictionary_file(path);
    }
    for phrase in &args.allow {
        builder = builder.allow(phrase);
    }
    builder.build()
}

/// Reads a whole input and checks that it is UTF-8: its display name and
/// text. Errors are worded for the user and name the input.
fn read_input(path: &PathBuf) -> Result<(String, String), String> {
    let (name, bytes) = if path.as_os_str() == "-" {
        let mut bytes = Vec::new();
        io::stdin()
            .lock()
            .read_to_end(&mut bytes)
            .map_err(|e| format!("<stdin>: cannot read: {e}"))?;
        ("<stdin>".to_string(), bytes)
    } else {
        let name = path.display().to_string();
        if path.is_dir() {
            return Err(format!("{name}: is a directory"));
        }
        let bytes = std::fs::read(path).map_err(|e| format!("{name}: cannot read: {e}"))?;
        (name, bytes)
    };
    let text = String::from_utf8(bytes).map_err(|e| {
        let offset = e.utf8_error().valid_up_to();
        let bytes = e.as_bytes();
        let line = 1 + bytes[..offset].iter().filter(|&&b| b == b'\n').count();
        let column = offset - bytes[..offset].iter().rposition(|&b| b == b'\n').map_or(0, |p| p + 1) + 1;
        format!(
            "{name}:{line}:{column}: not valid UTF-8 at byte offset {offset} (0x{:02X}); nothing written for this input",
            bytes[offset]
        )
    })?;
    Ok((name, text))
}
