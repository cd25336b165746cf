//! `--check` and `--explain`: one line per edit, and with `--explain` the
//! document's verdict and score; `--score` prints the same summary line on
//! stderr.

use unspin::EditKind;

use crate::document::{Document, LineIndex};

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

/// The verdict and score line.
pub fn summary(doc: &Document) -> String {
    let s = &doc.score;
    format!(
        "{}: {} (density {:.1} per 1,000 words: {} fix matches of {} entries, {} context matches, {} article slips, {} words; {} edits)",
        doc.name,
        s.verdict(),
        s.density(),
        s.fix_matches,
        s.distinct_fix_entries,
        s.context_matches,
        s.article_disagreements,
        s.words,
        doc.edits.len()
    )
}

/// Shows line breaks inside a matched phrase as spaces in one-line output.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
