//! `--learn OUT.tsv`: a spinner's table learned from a corpus (the
//! library's [`unspin::Learner`]), written to `OUT.tsv` for review, with
//! the report on stderr.

use std::path::Path;

use unspin::{Learner, Unspinner};

use crate::args::Args;
use crate::inputs::{self, Decoding, Input};
use crate::output::count::count;
use crate::write;

/// Reads the corpus the arguments name, learns from it and writes `out`.
/// A document that cannot be read or decoded, or a JSON line that is not
/// an object, is reported and left out, and the run goes on; it returns
/// whether nothing was left out (the exit status is 2 otherwise).
pub fn run(unspinner: &Unspinner, args: &Args, out: &Path) -> Result<bool, String> {
    // Where OUT goes is checked before the corpus is read and learned.
    let dir = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    if !dir.is_dir() {
        return Err(format!(
            "{}: cannot write: {} is not a directory",
            out.display(),
            dir.display()
        ));
    }
    let (inputs, errors) = inputs::expand(&args.files);
    let mut left_out = errors.len();
    for error in errors {
        eprintln!("unspin: {error}");
    }
    let decoding = if args.lossy {
        Decoding::Lossy
    } else {
        Decoding::Strict
    };
    let mut learner = Learner::new(unspinner);
    let mut records_out = Records::default();
    for input in &inputs {
        let text = match inputs::read(input, decoding) {
            Ok(text) => text,
            Err(e) => {
                eprintln!("unspin: {e}; left out");
                left_out += 1;
                continue;
            }
        };
        if args.jsonl {
            records(&mut learner, input, &text, &args.field, &mut records_out);
        } else {
            learner.add(input.name(), text);
        }
    }
    if records_out.without_field > 0 {
        eprintln!(
            "unspin: {} without a string field {:?} (see --field)",
            count(records_out.without_field, "record", "records"),
            args.field
        );
    }
    if learner.is_empty() {
        return Err("--learn found no document to learn from".into());
    }
    let threads = args.threads.map_or(0, |n| n.get());
    let learned = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .map_err(|e| format!("cannot start worker threads: {e}"))?
        .install(|| learner.learn());
    // The report first: a failed write does not lose it.
    eprint!("{}", learned.report());
    write::create(out, &learned.dictionary())?;
    left_out += records_out.bad;
    if left_out > 0 {
        eprintln!(
            "unspin: {} left out",
            count(left_out, "input or record", "inputs or records")
        );
    }
    eprintln!(
        "unspin: learned from {}: {} written to {}",
        count(learned.pairs.len(), "spun document", "spun documents"),
        count(
            learned
                .entries
                .iter()
                .filter(|c| matches!(c.proposal, unspin::Proposal::Entry(_)))
                .count(),
            "entry",
            "entries"
        ),
        out.display()
    );
    Ok(left_out == 0)
}

/// What the JSON lines inputs left out.
#[derive(Default)]
struct Records {
    /// Lines that are not JSON objects.
    bad: usize,
    /// Objects without the field as a string (not an error: reported).
    without_field: usize,
}

/// The documents of a JSON lines input: each record's string `field`,
/// named `file:line`.
fn records(learner: &mut Learner<'_>, input: &Input, text: &str, field: &str, out: &mut Records) {
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let name = format!("{}:{}", input.name(), n + 1);
        match serde_json::from_str::<serde_json::Value>(line) {
            Ok(serde_json::Value::Object(record)) => match record.get(field) {
                Some(serde_json::Value::String(document)) => learner.add(name, document.clone()),
                _ => out.without_field += 1,
            },
            Ok(_) => {
                eprintln!("unspin: {name}: not a JSON object; left out");
                out.bad += 1;
            }
            Err(e) => {
                eprintln!("unspin: {name}: not JSON ({e}); left out");
                out.bad += 1;
            }
        }
    }
}
