//! `--format json`: one JSON object per document.

use serde::{Deserialize, Serialize};

use crate::document::{Document, LineIndex};

/// The JSON report of `doc`.
pub fn report(doc: &Document) -> JsonDocument {
    let index = LineIndex::new(&doc.text);
    let s = &doc.score;
    JsonDocument {
        path: doc.name.clone(),
        verdict: s.verdict().to_string(),
        score: JsonScore {
            density: (s.density() * 100.0).round() / 100.0,
            words: s.words,
            fix_matches: s.fix_matches,
            distinct_fix_entries: s.distinct_fix_entries,
            context_matches: s.context_matches,
            article_disagreements: s.article_disagreements,
        },
        edits: doc
            .edits
            .iter()
            .map(|e| {
                let (line, column) = index.position(&doc.text, e.span.start);
                JsonEdit {
                    start: e.span.start,
                    end: e.span.end,
                    line,
                    column,
                    spun: e.spun.clone(),
                    replacement: e.replacement.clone(),
                    kind: e.kind.as_str().to_string(),
                    tier: e.tier.to_string(),
                    dictionary: e.location.dictionary.to_string(),
                    dictionary_line: e.location.line,
                }
            })
            .collect(),
    }
}

/// The JSON object written for each document with `--format json`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JsonDocument {
    /// The input's path, or `<stdin>`.
    pub path: String,
    /// `clean`, `suspicious` or `spun`.
    pub verdict: String,
    pub score: JsonScore,
    pub edits: Vec<JsonEdit>,
}

/// The score in a JSON report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JsonScore {
    pub density: f64,
    pub words: usize,
    pub fix_matches: usize,
    pub distinct_fix_entries: usize,
    pub context_matches: usize,
    pub article_disagreements: usize,
}

/// One edit in a JSON report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JsonEdit {
    /// Byte offsets of the spun text in the input.
    pub start: usize,
    pub end: usize,
    /// 1-based line and column (in characters) of `start`.
    pub line: usize,
    pub column: usize,
    pub spun: String,
    pub replacement: String,
    /// `phrase` or `article`.
    pub kind: String,
    /// `fix` or `context`.
    pub tier: String,
    pub dictionary: String,
    pub dictionary_line: usize,
}
