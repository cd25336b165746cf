//! One processed document, and the text and JSON reports made from it.

use serde::{Deserialize, Serialize};
use unspin::{Edit, EditKind, Score, Unspinner};

/// An input after repair.
pub struct Document {
    pub name: String,
    pub text: String,
    pub repaired: String,
    pub edits: Vec<Edit>,
    pub score: Score,
}

impl Document {
    pub fn new(unspinner: &Unspinner, name: String, text: String) -> Document {
        let repair = unspinner.repair(&text);
        let repaired = repair.text.into_owned();
        let edits = repair.edits;
        let score = unspinner.score(&text);
        Document {
            name,
            text,
            repaired,
            edits,
            score,
        }
    }

    /// One line per edit, `file:line:column: spun -> original (tier,
    /// dictionary:line)`.
    pub fn explain_lines(&self) -> Vec<String> {
        let index = LineIndex::new(&self.text);
        self.edits
            .iter()
            .map(|e| {
                let (line, column) = index.position(&self.text, e.span.start);
                let kind = match e.kind {
                    EditKind::Article => ", article",
                    _ => "",
                };
                format!(
                    "{}:{line}:{column}: {} -> {} ({}{kind}, {})",
                    self.name,
                    one_line(&e.spun),
                    e.replacement,
                    e.tier,
                    e.location
                )
            })
            .collect()
    }

    /// The verdict and score line.
    pub fn summary(&self) -> String {
        let s = &self.score;
        format!(
            "{}: {} (density {:.1} per 1,000 words: {} fix matches of {} entries, {} context matches, {} article slips, {} words; {} edits)",
            self.name,
            s.verdict(),
            s.density(),
            s.fix_matches,
            s.distinct_fix_entries,
            s.context_matches,
            s.article_disagreements,
            s.words,
            self.edits.len()
        )
    }

    /// The JSON report.
    pub fn json(&self) -> JsonDocument {
        let index = LineIndex::new(&self.text);
        let s = &self.score;
        JsonDocument {
            path: self.name.clone(),
            verdict: s.verdict().to_string(),
            score: JsonScore {
                density: (s.density() * 100.0).round() / 100.0,
                words: s.words,
                fix_matches: s.fix_matches,
                distinct_fix_entries: s.distinct_fix_entries,
                context_matches: s.context_matches,
                article_disagreements: s.article_disagreements,
            },
            edits: self
                .edits
                .iter()
                .map(|e| {
                    let (line, column) = index.position(&self.text, e.span.start);
                    JsonEdit {
                        start: e.span.start,
                        end: e.span.end,
                        line,
                        column,
                        spun: e.spun.clone(),
                        replacement: e.replacement.clone(),
                        kind: match e.kind {
                            EditKind::Article => "article".to_string(),
                            _ => "phrase".to_string(),
                        },
                        tier: e.tier.to_string(),
                        dictionary: e.location.dictionary.to_string(),
                        dictionary_line: e.location.line,
                    }
                })
                .collect(),
        }
    }
}

/// Shows line breaks inside a matched phrase as spaces in one-line output.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
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

/// Byte offsets of line starts, for turning offsets into line and column.
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { starts }
    }

    /// 1-based line and character column of `offset`.
    pub fn position(&self, text: &str, offset: usize) -> (usize, usize) {
        let line = self.starts.partition_point(|&s| s <= offset);
        let start = self.starts[line - 1];
        (line, text[start..offset].chars().count() + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_index_gives_character_columns() {
        let text = "ab\ncaf\u{e9} x\n\nz";
        let index = LineIndex::new(text);
        assert_eq!(index.position(text, 0), (1, 1));
        assert_eq!(index.position(text, 3), (2, 1));
        assert_eq!(index.position(text, text.find('x').unwrap()), (2, 6));
        assert_eq!(index.position(text, text.find('z').unwrap()), (4, 1));
    }
}
