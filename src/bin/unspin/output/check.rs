//! `--check` and `--explain`: one line per edit, and with `--explain` the
//! document's verdict and why; `--score` prints the same summary line on
//! stderr.

use unspin::EditKind;

use crate::document::{Document, LineIndex};
use crate::output::count::{count, reasons, signal_counts};

/// One line per edit, `file:line:column: spun -> original (tier,
/// dictionary:line)`.
pub fn edit_lines(doc: &Document) -> Vec<String> {
    let index = LineIndex::new(&doc.text);
    doc.edits
        .iter()
        .map(|e| {
            let (line, column) = index.position(&doc.text, e.span.start);
            let kind = match e.kind {
                EditKind::Article => ", article",
                _ => "",
            };
            format!(
                "{}:{line}:{column}: {} -> {} ({}{kind}, {})",
                doc.name,
                one_line(&e.spun),
                e.replacement,
                e.tier,
                e.location
            )
        })
        .collect()
}

/// The verdict line: the probability, what each signal adds to the
/// logit (largest first), and the counts behind them. A document of more
/// than one window is judged by its most spun window, whose counts these
/// are.
pub fn summary(doc: &Document) -> String {
    let s = &doc.assessment().score();
    let windows = doc.assessment().windows.len();
    let words = if windows > 1 {
        format!(
            "{} in the most spun of {windows} windows",
            count(s.words, "word", "words")
        )
    } else {
        count(s.words, "word", "words")
    };
    format!(
        "{}: {} (p {:.3}: {}; {}, {}; {})",
        doc.name,
        s.verdict(),
        s.probability(),
        reasons(s),
        signal_counts(s),
        words,
        count(doc.edits.len(), "edit", "edits")
    )
}

/// Shows line breaks inside a matched phrase as spaces in one-line output.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
