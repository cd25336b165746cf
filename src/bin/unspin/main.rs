//! `unspin`: repair spun text from files, directories or stdin.
//!
//! A thin layer over the library: parse arguments, build an `Unspinner`,
//! choose the [`Output`] once, then stream each input or turn it into a
//! [`Document`] and write what the output asks for. Exit codes: 0 on success, 1 when `--check` finds spun
//! phrases, 2 when any input, dictionary or write failed, and 128 plus the
//! signal's number (130, 143) when SIGINT or SIGTERM stopped `--write`.

mod args;
mod checked;
mod corpus;
mod document;
mod inputs;
mod learn;
mod mine;
mod output;
mod write;

use std::io::{self, IsTerminal, Seek, Write};
use std::process::ExitCode;

use clap::Parser;
use unspin::{Protection, Unspinner};

use args::{Args, Color};
use checked::Checked;
use document::Document;
use inputs::{Decoding, Input};
use output::{Destination, Output};

fn main() -> ExitCode {
    let args = Args::parse();
    match run(&args) {
        Ok(code) => ExitCode::from(code),
        Err(Failure::BrokenPipe) => ExitCode::SUCCESS,
        Err(Failure::Interrupted(signal)) => {
            eprintln!(
                "unspin: stopped by {}; every file is either repaired or left as it was",
                write::signal_name(signal)
            );
            ExitCode::from(u8::try_from(128 + signal).unwrap_or(255))
        }
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
    /// SIGINT or SIGTERM (the number) arrived during `--write` or while
    /// the HTML report was written; the files are consistent.
    Interrupted(i32),
}

/// Stops with [`Failure::Interrupted`] once a caught signal has arrived.
fn stop_if_interrupted() -> Result<(), Failure> {
    match write::interrupted() {
        Some(signal) => Err(Failure::Interrupted(signal)),
        None => Ok(()),
    }
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

/// Runs the command and returns the exit code.
fn run(args: &Args) -> Result<u8, Failure> {
    let unspinner = build(args).map_err(|e| Failure::Message(e.to_string()))?;
    warn_about_allowed_phrases(args, &unspinner);
    if args.explain {
        for (entry, bundled) in unspinner.overrides() {
            eprintln!(
                "unspin: note: {}: {:?} overrides the bundled entry at {bundled}",
                entry.location(),
                entry.spun()
            );
        }
    }
    let stdout = io::stdout();
    let color = match args.color {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => {
            stdout.is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    };
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
        return Ok(0);
    }
    if let Some(out) = &args.mine {
        mine::run(&unspinner, &args.files, out).map_err(Failure::Message)?;
        return Ok(0);
    }
    if let Some(out) = &args.learn {
        let complete = learn::run(&unspinner, args, out).map_err(Failure::Message)?;
        return Ok(if complete { 0 } else { 2 });
    }
    let (inputs, errors) = inputs::expand(&args.files);
    let mut failed = !errors.is_empty();
    for error in errors {
        eprintln!("unspin: {error}");
    }
    if args.jsonl {
        let ok = corpus::run(args, &unspinner, &inputs, &mut out)?;
        out.flush()?;
        return Ok(if failed || !ok { 2 } else { 0 });
    }
    if args.write && inputs.contains(&Input::Stdin) {
        return Err(Failure::Message(
            "--write repairs files in place; it cannot write to stdin".into(),
        ));
    }
    if args.write {
        // From here SIGINT and SIGTERM let the file being written be
        // abandoned cleanly, and the run stops between files.
        if let Err(message) = write::catch_interrupts() {
            eprintln!("unspin: note: {message}");
        }
    }
    let output = Output::from_args(args, color);
    let decoding = if args.lossy {
        Decoding::Lossy
    } else {
        Decoding::Strict
    };
    // Streams check UTF-8 strictly: lossy decoding reads inputs whole.
    let streams = output.streams() && decoding == Decoding::Strict;
    // Plain repair says what it did, one line per input, to a person at a
    // terminal; the report modes say it themselves, and --write says which
    // files it repaired.
    let summaries = if output.streams()
        && output.destination == Destination::Stdout
        && !args.quiet
        && io::stderr().is_terminal()
    {
        Summaries::Print
    } else {
        Summaries::Skip
    };
    let mut found = false;
    // Kept only for --html, which needs every document at the end.
    let mut docs = Vec::new();
    for input in &inputs {
        stop_if_interrupted()?;
        if streams {
            match stream_input(&unspinner, input, output.destination, summaries, &mut out) {
                Ok(edits) => found |= edits > 0,
                Err(Failure::Message(message)) => {
                    out.flush()?;
                    report_failure(input, &message);
                    failed = true;
                }
                Err(other) => return Err(other),
            }
            continue;
        }
        let read = match input {
            Input::File(path) if output.destination == Destination::InPlace => {
                read_target(path, decoding)
            }
            _ => inputs::read(input, decoding).map(|text| (text, None)),
        };
        let (text, target) = match read {
            Ok(read) => read,
            Err(message) => {
                // Flush what earlier inputs produced so output and errors stay in order.
                out.flush()?;
                report_failure(input, &message);
                failed = true;
                continue;
            }
        };
        let doc = Document::new(&unspinner, input.name(), text);
        found |= !doc.edits.is_empty();
        if let Some(target) = target.filter(|_| !doc.edits.is_empty()) {
            match write::atomic(&target, &doc.repaired) {
                Ok(_) => eprintln!("unspin: repaired {} ({})", doc.name, edits(doc.edits.len())),
                Err(message) => {
                    report_failure(input, &message);
                    failed = true;
                }
            }
        }
        output.document(&doc, &mut out)?;
        if summaries == Summaries::Print {
            out.flush()?;
            summarize(&doc.name, doc.edits.len(), doc.assessment().verdict());
        }
        if output.html.is_some() {
            // Assessed now, while a signal still stops the program at
            // once: the report is rendered with signals caught.
            doc.assessment();
            docs.push(doc);
        }
    }
    out.flush()?;
    stop_if_interrupted()?;
    if let Some(path) = &output.html {
        // Reading is over, so a signal can be caught without a blocked
        // read of stdin ignoring it; the report's temporary file is then
        // removed, not left behind.
        if let Err(message) = write::catch_interrupts() {
            eprintln!("unspin: note: {message}");
        }
        if let Err(message) = write::create(path, &output::html::render(&docs)) {
            eprintln!("unspin: {message}");
            failed = true;
        }
    }
    stop_if_interrupted()?;
    Ok(if failed {
        2
    } else if args.check && found {
        1
    } else {
        0
    })
}

/// Whether plain repair prints a summary line per input on stderr.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Summaries {
    Print,
    Skip,
}

/// "1 edit", "2 edits".
fn edits(n: usize) -> String {
    output::count::count(n, "edit", "edits")
}

/// The summary line of one input, on stderr.
fn summarize(name: &str, edits: usize, verdict: unspin::Verdict) {
    eprintln!(
        "unspin: {name}: {}, verdict {verdict}",
        output::count::count(edits, "repair", "repairs")
    );
}

/// Repairs from `reader` into `out`; with [`Summaries::Print`] it also
/// scores the input and prints its summary line. Returns the edits.
fn stream_one(
    unspinner: &Unspinner,
    name: &str,
    reader: impl io::Read,
    out: &mut impl Write,
    summaries: Summaries,
) -> Result<usize, unspin::StreamError> {
    match summaries {
        Summaries::Skip => Ok(unspinner.repair_stream(reader, out)?.edits),
        Summaries::Print => {
            let report = unspinner.repair_stream_with(reader, &mut *out, |_| {})?;
            // The summary goes after the text it is about.
            let _ = out.flush();
            summarize(name, report.summary.edits, report.verdict());
            Ok(report.summary.edits)
        }
    }
}

/// Repairs one input in bounded memory: to `out`, or in place with
/// [`Destination::InPlace`]. A file is checked for UTF-8 before any of its
/// output is written, so nothing is written for a file that is not (with
/// more than one thread the check runs beside the repair: see
/// [`checked`]); stdin, a pipe or a device can only be read once, so its
/// output stops at the first invalid byte. Returns the number of edits.
fn stream_input(
    unspinner: &Unspinner,
    input: &Input,
    destination: Destination,
    summaries: Summaries,
    out: &mut impl Write,
) -> Result<usize, Failure> {
    let name = input.name();
    let path = match input {
        Input::Stdin => {
            return stream_one(unspinner, &name, io::stdin().lock(), out, summaries)
                .map_err(|e| stream_failure(&name, e, "output for this input stops here"));
        }
        Input::File(path) => path,
    };
    if destination == Destination::Stdout {
        let open = || inputs::open(path).map_err(Failure::Message);
        let stops = "output for this input stops here";
        let nothing = "nothing written for this input";
        let file = open()?;
        // A pipe or a device (`<(cmd)`, a named pipe) can be read only
        // once: it is repaired as it is read, as stdin is.
        if !file.metadata().is_ok_and(|m| m.is_file()) {
            return stream_one(unspinner, &name, file, out, summaries)
                .map_err(|e| stream_failure(&name, e, stops));
        }
        // With threads to spare, the check runs beside the repair.
        let check = if unspinner.threads() > 1 {
            checked::start(open()?).ok()
        } else {
            None
        };
        let Some(check) = check else {
            // Checked, then repaired from the start, through one handle:
            // what is checked is what is repaired.
            let mut file = file;
            unspin::validate_utf8(io::BufReader::new(&mut file))
                .map_err(|e| stream_failure(&name, e, nothing))?;
            file.rewind()
                .map_err(|e| Failure::Message(format!("{name}: cannot read: {e}")))?;
            return stream_one(unspinner, &name, file, out, summaries)
                .map_err(|e| stream_failure(&name, e, stops));
        };
        let mut checked = Checked::new(check, out);
        let repaired = stream_one(unspinner, &name, file, &mut checked, summaries);
        checked
            .finish()
            .map_err(|e| stream_failure(&name, e, nothing))?;
        return repaired.map_err(|e| stream_failure(&name, e, stops));
    }
    // The file is opened once, so that what is checked for UTF-8, what is
    // repaired and what `write` checks before the rename are the same file.
    let (target, mut source) = write::Target::open(path).map_err(Failure::Message)?;
    unspin::validate_utf8(io::BufReader::new(&mut source))
        .map_err(|e| stream_failure(&name, e, "nothing written for this input"))?;
    source.rewind(&name).map_err(Failure::Message)?;
    let mut edits = 0;
    let replaced = write::atomic_with(&target, |temp| {
        let summary = unspinner
            .repair_stream(&mut source, temp)
            .map_err(|e| inputs::stream_message(&name, e, "the file is left as it was"))?;
        edits = summary.edits;
        Ok(edits > 0)
    })
    .map_err(Failure::Message)?;
    if replaced {
        eprintln!("unspin: repaired {name} ({})", self::edits(edits));
    }
    Ok(edits)
}

/// Reports the failure of an input on stderr. Once a signal has arrived,
/// the failure is the interruption (a read or write that the signal cut
/// short), and the file being repaired in place is left as it was.
fn report_failure(input: &Input, message: &str) {
    if write::interrupted().is_some() {
        eprintln!(
            "unspin: {}: interrupted; the file is left as it was",
            input.name()
        );
    } else {
        eprintln!("unspin: {message}");
    }
}

/// Reads a file to repair in place, in memory, from the file `--write`
/// will replace.
fn read_target(
    path: &std::path::Path,
    decoding: Decoding,
) -> Result<(String, Option<write::Target>), String> {
    let (target, mut source) = write::Target::open(path)?;
    let mut bytes = Vec::new();
    io::Read::read_to_end(&mut source, &mut bytes)
        .map_err(|e| format!("{}: cannot read: {e}", target.name()))?;
    let text = inputs::decode(target.name(), bytes, decoding)?;
    Ok((text, Some(target)))
}

/// Words a streaming error for the user; a closed stdout stops quietly.
fn stream_failure(name: &str, error: unspin::StreamError, consequence: &str) -> Failure {
    match error {
        unspin::StreamError::Write { source, .. } if source.kind() == io::ErrorKind::BrokenPipe => {
            Failure::BrokenPipe
        }
        e => Failure::Message(inputs::stream_message(name, e, consequence)),
    }
}

fn build(args: &Args) -> Result<Unspinner, unspin::Error> {
    let threads = args.threads.map_or_else(
        || std::thread::available_parallelism().map_or(1, |n| n.get()),
        |n| n.get(),
    );
    let mut builder = Unspinner::builder()
        .builtin(!args.no_builtin)
        .mode(args.mode.into())
        .threads(threads);
    for path in &args.dictionaries {
        builder = builder.dictionary_file(path);
    }
    for phrase in &args.allow {
        builder = builder.allow(phrase);
    }
    for path in &args.allow_file {
        builder = builder.allow_file(path);
    }
    builder.build()
}

/// Notes `--allow` phrases that are not dictionary phrases: with the
/// nearest ones, when some are close, or when the phrase protects nothing
/// at all. A phrase that protects dictionary phrases inside it ("police
/// officers") is noted only when it looks like a misspelt one (two edits
/// or fewer away).
fn warn_about_allowed_phrases(args: &Args, unspinner: &Unspinner) {
    for phrase in &args.allow {
        let protection = unspinner.protection(phrase);
        if protection == Protection::SpunPhrase {
            continue;
        }
        let folded = phrase.to_lowercase();
        let near: Vec<String> = unspinner
            .suggest(phrase, 3)
            .iter()
            .filter(|e| {
                protection == Protection::Nothing
                    || strsim::levenshtein(&folded, &e.spun().to_lowercase()) <= 2
            })
            .map(|e| format!("{:?}", e.spun()))
            .collect();
        if !near.is_empty() {
            eprintln!(
                "unspin: note: --allow {phrase:?} is not a dictionary phrase; did you mean {}?",
                near.join(" or ")
            );
        } else if protection == Protection::Nothing {
            eprintln!(
                "unspin: note: --allow {phrase:?} protects nothing: it neither is nor contains a dictionary phrase"
            );
        }
    }
}
