//! `unspin`: repair spun text from files, directories or stdin.
//!
//! A thin layer over the library: parse arguments, build an `Unspinner`,
//! turn each input into a [`report::Document`], and print it the way the
//! chosen mode asks. Exit codes: 0 on success, 1 when `--check` finds spun
//! phrases, 2 when any input, dictionary or write failed.

mod args;
mod corpus;
mod diff;
mod html;
mod inputs;
mod report;
mod write;

use std::io::{self, IsTerminal, Write};
use std::process::ExitCode;

use clap::Parser;
use unspin::Unspinner;

use args::{Args, Color, Format};
use inputs::Input;
use report::Document;

fn main() -> ExitCode {
    let args = Args::parse();
    match run(&args) {
        Ok(code) => ExitCode::from(code),
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

/// Runs the command and returns the exit code.
fn run(args: &Args) -> Result<u8, Failure> {
    let unspinner = build(args).map_err(|e| Failure::Message(e.to_string()))?;
    warn_about_allowed_phrases(args, &unspinner);
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
    let mut found = false;
    // Kept only for --html, which needs every document at the end.
    let mut docs = Vec::new();
    // Plain repair and --write need no report, so they stream in bounded
    // memory, whatever the size of the input.
    let streaming = !(args.check
        || args.explain
        || args.diff
        || args.format == Format::Json
        || args.html.is_some()
        || args.score
        || args.lossy);
    for input in &inputs {
        if streaming {
            match stream_input(&unspinner, input, args.write, &mut out) {
                Ok(edits) => found |= edits > 0,
                Err(Failure::Message(message)) => {
                    out.flush()?;
                    eprintln!("unspin: {message}");
                    failed = true;
                }
                Err(broken_pipe) => return Err(broken_pipe),
            }
            continue;
        }
        let text = match inputs::read(input, args.lossy) {
            Ok(text) => text,
            Err(message) => {
                // Flush what earlier inputs produced so output and errors stay in order.
                out.flush()?;
                eprintln!("unspin: {message}");
                failed = true;
                continue;
            }
        };
        let doc = Document::new(&unspinner, input.name(), text);
        found |= !doc.edits.is_empty();
        if args.write && !doc.edits.is_empty() {
            if let Input::File(path) = input {
                match write::atomic(path, &doc.repaired) {
                    Ok(()) => {
                        eprintln!("unspin: repaired {} ({} edits)", doc.name, doc.edits.len())
                    }
                    Err(message) => {
                        eprintln!("unspin: {message}");
                        failed = true;
                    }
                }
            }
        }
        if args.format == Format::Json {
            let line = serde_json::to_string(&doc.json())
                .map_err(|e| Failure::Message(format!("cannot encode JSON: {e}")))?;
            writeln!(out, "{line}")?;
        } else if args.check || args.explain {
            for line in doc.explain_lines() {
                writeln!(out, "{line}")?;
            }
            if args.explain {
                writeln!(out, "{}", doc.summary())?;
            }
        } else if args.diff {
            out.write_all(diff::unified(&doc.name, &doc.text, &doc.repaired, color).as_bytes())?;
        } else if !args.write {
            out.write_all(doc.repaired.as_bytes())?;
        }
        if args.score {
            out.flush()?;
            eprintln!("{}", doc.summary());
        }
        if args.html.is_some() {
            docs.push(doc);
        }
    }
    out.flush()?;
    if let Some(path) = &args.html {
        if let Err(message) = write::create(path, &html::render(&docs)) {
            eprintln!("unspin: {message}");
            failed = true;
        }
    }
    Ok(if failed {
        2
    } else if args.check && found {
        1
    } else {
        0
    })
}

/// Repairs one input in bounded memory: to `out`, or in place with
/// `write_in_place`. A file is checked for UTF-8 first, so nothing is
/// written for a file that is not; stdin can only be read once, so its
/// output stops at the first invalid byte. Returns the number of edits.
fn stream_input(
    unspinner: &Unspinner,
    input: &Input,
    write_in_place: bool,
    out: &mut impl Write,
) -> Result<usize, Failure> {
    let name = input.name();
    let path = match input {
        Input::Stdin => {
            return unspinner
                .repair_stream(io::stdin().lock(), out)
                .map(|summary| summary.edits)
                .map_err(|e| stream_failure(&name, e, "output for this input stops here"));
        }
        Input::File(path) => path,
    };
    let open = || {
        if path.is_dir() {
            return Err(Failure::Message(format!("{name}: is a directory")));
        }
        std::fs::File::open(path).map_err(|e| Failure::Message(format!("{name}: cannot read: {e}")))
    };
    unspin::validate_utf8(io::BufReader::new(open()?))
        .map_err(|e| stream_failure(&name, e, "nothing written for this input"))?;
    if !write_in_place {
        return unspinner
            .repair_stream(open()?, out)
            .map(|summary| summary.edits)
            .map_err(|e| stream_failure(&name, e, "output for this input stops here"));
    }
    let mut edits = 0;
    let file = open()?;
    let replaced = write::atomic_with(path, |temp| {
        let summary = unspinner.repair_stream(file, temp).map_err(|e| {
            match stream_failure(&name, e, "the file is left as it was") {
                Failure::Message(message) => message,
                Failure::BrokenPipe => format!("{name}: cannot write the repaired file"),
            }
        })?;
        edits = summary.edits;
        Ok(edits > 0)
    })
    .map_err(Failure::Message)?;
    if replaced {
        eprintln!("unspin: repaired {name} ({edits} edits)");
    }
    Ok(edits)
}

/// Words a streaming error for the user; a closed stdout stops quietly.
fn stream_failure(name: &str, error: unspin::StreamError, consequence: &str) -> Failure {
    match error {
        unspin::StreamError::Write(e) if e.kind() == io::ErrorKind::BrokenPipe => {
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
    builder.build()
}

/// Notes `--allow` phrases that are not dictionary phrases, with the
/// nearest ones.
fn warn_about_allowed_phrases(args: &Args, unspinner: &Unspinner) {
    for phrase in &args.allow {
        if unspinner.lookup(phrase).is_some() {
            continue;
        }
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
