//! Measures how well unspin repairs spun text against known originals.
//!
//! ```text
//! cargo run --release --example evaluate -- [--mode MODE] DIR...
//! ```
//!
//! Each DIR holds `spun.txt` and `original.txt`, with the same paragraphs
//! on the same lines. The harness repairs `spun.txt` and prints, per
//! document and in total, recall, precision and damage as defined in
//! `metric.rs` (and the README), plus the document's verdict.

mod metric;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use unspin::{Mode, Unspinner};

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let mut mode = Mode::default();
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
            "-h" | "--help" => {
                println!("usage: evaluate [--mode conservative|auto|aggressive] DIR...\n\nEach DIR holds spun.txt and original.txt (same paragraphs on the same lines).");
                return ExitCode::SUCCESS;
            }
            _ => dirs.push(PathBuf::from(arg)),
        }
    }
    if dirs.is_empty() {
        eprintln!("evaluate: give at least one DIR holding spun.txt and original.txt");
        return ExitCode::from(2);
    }
    let unspin = match Unspinner::builder().mode(mode).build() {
        Ok(u) => u,
        Err(e) => {
            eprintln!("evaluate: {e}");
            return ExitCode::from(2);
        }
    };
    println!(
        "{:<48} {:>6} {:>7} {:>9} {:>7}  verdict",
        "document", "words", "recall", "precision", "damage"
    );
    let mut total = metric::Counts::default();
    for dir in &dirs {
        let (spun, original) = match (read(&dir.join("spun.txt")), read(&dir.join("original.txt")))
        {
            (Ok(s), Ok(o)) => (s, o),
            (Err(e), _) | (_, Err(e)) => {
                eprintln!("evaluate: {e}");
                return ExitCode::from(2);
            }
        };
        let repaired = unspin.repair(&spun);
        let counts = metric::count(&spun, &repaired.text, &original);
        total.add(&counts);
        println!(
            "{:<48} {:>6} {:>7.3} {:>9.3} {:>7.2}  {}",
            name(dir),
            counts.original_words,
            counts.recall(),
            counts.precision(),
            counts.damage(),
            verdict(&unspin, &spun)
        );
    }
    println!(
        "{:<48} {:>6} {:>7.3} {:>9.3} {:>7.2}",
        "TOTAL",
        total.original_words,
        total.recall(),
        total.precision(),
        total.damage()
    );
    ExitCode::SUCCESS
}

fn read(path: &Path) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))
}

fn name(dir: &Path) -> String {
    dir.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| dir.display().to_string())
}

fn verdict(unspin: &Unspinner, text: &str) -> unspin::Verdict {
    unspin.score(text).verdict()
}
