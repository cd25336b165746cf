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
/// an object, is reported and left out; the run goes on.
pub fn run(unspinner: &Unspinner, args: &Args, out: &Path) -> Result<(), String> {
    let (inputs, errors) = inputs::expand(&args.files);
    for error in errors {
        eprintln!("unspin: {error}");
    }
    let decoding = if args.lossy {
        Decoding::Lossy
    } else {
        Decoding::Strict
    };
    let mut learner = Learner::new(unspinner);
    let mut skipped = 0;
    for input in &inputs {
        let text = match inputs::read(input, decoding) {
            Ok(text) => text,
            Err(e) => {
                eprintln!("unspin: {e}");
                skipped += 1;
                continue;
            }
        };
        if args.jsonl {
            records(&mut learner, input, &text, &args.field, &mut skipped);
        } else {
            learner.add(input.name(), text);
        }
    }
    if learner.is_empty() {
        return Err("--learn found no document to learn from".into());
    }
    let learned = learner.learn();
    write::create(out, &learned.dictionary())?;
    eprint!("{}", learned.report());
    if skipped > 0 {
        eprintln!("unspin: {} left out", count(skipped, "input", "inputs"));
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
    Ok(())
}

/// The documents of a JSON lines input: each record's string `field`,
/// named `file:line`.
fn records(learner: &mut Learner<'_>, input: &Input, text: &str, field: &str, skipped: &mut usize) {
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let name = format!("{}:{}", input.name(), n + 1);
        match serde_json::from_str::<serde_json::Value>(line) {
            Ok(serde_json::Value::Object(record)) => {
                if let Some(serde_json::Value::String(document)) = record.get(field) {
                    learner.add(name, document.clone());
                }
            }
            Ok(_) => {
                eprintln!("unspin: {name}: not a JSON object; left out");
                *skipped += 1;
            }
            Err(e) => {
                eprintln!("unspin: {name}: not JSON ({e}); left out");
                *skipped += 1;
            }
        }
    }
}
