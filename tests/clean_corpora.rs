//! The clean corpora of the detection issue: thousands of documents of
//! well-edited English prose from Debian's documentation packages (and,
//! as a hard case, the King James Bible and Jane Austen's novels), built
//! by `scripts/clean-corpus.py` from the installed packages. No document
//! may be judged spun, and the default mode may not change a byte of any.

mod needs;

use unspin::{Unspinner, Verdict};

/// The documents of one JSON lines corpus: source and text.
fn documents(path: &std::path::Path) -> Vec<(String, String)> {
    let text = std::fs::read_to_string(path).unwrap();
    text.lines()
        .map(|line| {
            let record: serde_json::Value = serde_json::from_str(line).unwrap();
            (
                record["source"].as_str().unwrap().to_string(),
                record["text"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
#[ignore = "needs Debian's documentation packages: python3 scripts/clean-corpus.py --packages"]
fn debian_prose_is_never_judged_spun_or_edited() {
    let dir = needs::clean_corpora();
    let unspin = Unspinner::new();
    for (name, min_documents) in [("clean.jsonl", 3000), ("archaic.jsonl", 2500)] {
        let docs = documents(&dir.join(name));
        assert!(
            docs.len() >= min_documents,
            "{name}: {} documents",
            docs.len()
        );
        let mut highest = (0.0f64, String::new());
        let mut problems = Vec::new();
        for (source, text) in &docs {
            let score = unspin.score(text);
            if score.probability() > highest.0 {
                highest = (score.probability(), source.clone());
            }
            if score.verdict() == Verdict::Spun {
                problems.push(format!("{source}: judged spun: {score:?}"));
            }
            for edit in unspin.repair(text).edits {
                problems.push(format!(
                    "{source}: {:?} -> {:?} ({})",
                    edit.spun, edit.replacement, edit.location
                ));
            }
        }
        eprintln!(
            "{name}: {} documents, highest spin probability {:.3} ({})",
            docs.len(),
            highest.0,
            highest.1
        );
        assert!(problems.is_empty(), "{name}:\n{}", problems.join("\n"));
    }
}
