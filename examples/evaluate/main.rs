//! Measures how well unspin repairs spun text against known originals.
//!
//! ```text
//! cargo run --release --example evaluate -- [--mode MODE] [--leave-one-out] DIR...
//! ```
//!
//! Each DIR holds `spun.txt` and `original.txt`, with the same paragraphs
//! on the same lines. The harness repairs `spun.txt` and prints, per
//! document, per set and spinner site, and in total, recall, precision and
//! damage as defined in `metric.rs` (and the README), plus the document's
//! verdict.
//!
//! With `--leave-one-out`, each story is repaired with dictionaries built
//! from the repository's `dictionaries/` without the lines mined from that
//! story (or from a story that shares its source): those whose `source`
//! column names it, as `dev2:17`. That is the honest estimate of unseen
//! text; the plain figures, with every line, are the in-sample ones.
//!
//! With `--edits FILE.tsv`, every edit is written to `FILE.tsv`, judged
//! `right` when each word it put in the repair matches the original.
//!
//! A story is named by its set and number: `DIR` = `…/dev2/17-some-story`
//! is `dev2:17` (the first set, `dev`, writes `dev:NN`). Its spinner site is
//! the last word of its folder name.

#[path = "../shared/devmine.rs"]
mod devmine;
#[path = "../shared/heldout.rs"]
mod heldout;
mod metric;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use heldout::{samples, story_of, Dictionaries};
use unspin::{Mode, Unspinner};

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let mut mode = Mode::default();
    let mut leave_one_out = false;
    let mut errors: Option<PathBuf> = None;
    let mut dirs: Vec<PathBuf> = Vec::new();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--mode" => {
                let Some(value) = args.next() else {
                    eprintln!("evaluate: --mode needs a value");
                    return ExitCode::from(2);
                };
                mode = match value.parse() {
                    Ok(m) => m,
                    Err(e) => {
                        eprintln!("evaluate: {e}");
                        return ExitCode::from(2);
                    }
                };
            }
            "--leave-one-out" => leave_one_out = true,
            "--edits" => {
                let Some(value) = args.next() else {
                    eprintln!("evaluate: --edits needs a file");
                    return ExitCode::from(2);
                };
                errors = Some(PathBuf::from(value));
            }
            "-h" | "--help" => {
                println!("usage: evaluate [--mode conservative|auto|aggressive] [--leave-one-out] [--edits FILE.tsv] DIR...\n\nEach DIR holds spun.txt and original.txt (same paragraphs on the same lines).");
                return ExitCode::SUCCESS;
            }
            _ => dirs.push(PathBuf::from(arg)),
        }
    }
    if dirs.is_empty() {
        eprintln!("evaluate: give at least one DIR holding spun.txt and original.txt");
        return ExitCode::from(2);
    }
    match run(mode, leave_one_out, errors.as_deref(), &dirs) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("evaluate: {e}");
            ExitCode::from(2)
        }
    }
}

fn run(
    mode: Mode,
    leave_one_out: bool,
    edits_file: Option<&Path>,
    dirs: &[PathBuf],
) -> Result<(), String> {
    let mut edits_out = String::from("story\tjudged\tspun\treplacement\ttier\tentry\tcontext\n");
    let plain = Unspinner::builder()
        .mode(mode)
        .build()
        .map_err(|e| e.to_string())?;
    let dictionaries = if leave_one_out {
        Some(Dictionaries::remining(&samples())?)
    } else {
        None
    };
    println!(
        "{:<48} {:>6} {:>7} {:>9} {:>7}  verdict",
        "document", "words", "recall", "precision", "damage"
    );
    let mut total = metric::Counts::default();
    let mut groups: BTreeMap<String, metric::Counts> = BTreeMap::new();
    for dir in dirs {
        let spun = read(&dir.join("spun.txt"))?;
        let original = read(&dir.join("original.txt"))?;
        let story = story_of(dir);
        let held_out;
        let unspin = match (&dictionaries, &story) {
            (Some(dictionaries), Some(story)) => {
                held_out = dictionaries.without(story, mode)?;
                &held_out
            }
            _ => &plain,
        };
        let repaired = unspin.repair(&spun);
        let counts = metric::count(&spun, &repaired.text, &original);
        for (edit, right) in repaired
            .edits
            .iter()
            .zip(metric::judge(&spun, &repaired, &original))
        {
            let mut from = edit.span.start.saturating_sub(40);
            while !spun.is_char_boundary(from) {
                from -= 1;
            }
            let mut to = (edit.span.end + 40).min(spun.len());
            while !spun.is_char_boundary(to) {
                to += 1;
            }
            let context = format!(
                "{}[{}]{}",
                &spun[from..edit.span.start],
                &spun[edit.span.clone()],
                &spun[edit.span.end..to]
            )
            .replace(['\n', '\t'], " ");
            edits_out.push_str(&format!(
                "{}\t{}\t{}\t{}\t{}\t{}\t{}\n",
                name(dir),
                right.as_str(),
                edit.spun,
                edit.replacement,
                edit.tier,
                edit.location,
                context
            ));
        }
        total.add(&counts);
        if let Some(story) = &story {
            for group in [story.set.clone(), format!("site {}", story.site)] {
                groups.entry(group).or_default().add(&counts);
            }
        }
        println!(
            "{:<48} {:>6} {:>7.3} {:>9.3} {:>7.2}  {}",
            name(dir),
            counts.original_words,
            counts.recall(),
            counts.precision(),
            counts.damage(),
            unspin.score(&spun).verdict()
        );
    }
    if groups.len() > 1 {
        println!();
        for (group, counts) in &groups {
            line(group, counts);
        }
    }
    line("TOTAL", &total);
    if let Some(path) = edits_file {
        std::fs::write(path, edits_out).map_err(|e| format!("{}: {e}", path.display()))?;
    }
    Ok(())
}

fn line(label: &str, counts: &metric::Counts) {
    println!(
        "{:<48} {:>6} {:>7.3} {:>9.3} {:>7.2}",
        label,
        counts.original_words,
        counts.recall(),
        counts.precision(),
        counts.damage()
    );
}

fn read(path: &Path) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))
}

fn name(dir: &Path) -> String {
    dir.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| dir.display().to_string())
}
