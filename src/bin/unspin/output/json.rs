//! `--format json`: one JSON object per document.

use serde::{Deserialize, Serialize};
use unspin::{Part, Score};

use crate::document::{Document, LineIndex};

/// The JSON report of `doc`.
pub fn report(doc: &Document) -> JsonDocument {
    let index = LineIndex::new(&doc.text);
    let part = |p: &Part| JsonPart {
        start: p.span.start,
        end: p.span.end,
        line: index.position(&doc.text, p.span.start).0,
        verdict: p.verdict.to_string(),
        probability: round(p.score.probability(), 3),
    };
    JsonDocument {
        path: doc.name.clone(),
        verdict: doc.assessment().verdict().to_string(),
        score: JsonScore::new(&doc.assessment().score()),
        windows: doc.assessment().windows.iter().map(part).collect(),
        paragraphs: doc.assessment().paragraphs.iter().map(part).collect(),
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

fn round(x: f64, digits: i32) -> f64 {
    let scale = 10f64.powi(digits);
    (x * scale).round() / scale
}

/// The JSON object written for each document with `--format json`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JsonDocument {
    /// The input's path, or `<stdin>`.
    pub path: String,
    /// `clean`, `suspicious` or `spun`: the most spun window's.
    pub verdict: String,
    /// The score of the most spun window.
    pub score: JsonScore,
    /// Each window of 2,000 words, as auto mode judges it.
    pub windows: Vec<JsonPart>,
    /// Each paragraph, with its verdict.
    pub paragraphs: Vec<JsonPart>,
    pub edits: Vec<JsonEdit>,
}

/// The score in a JSON report: the probability, the signals and what each
/// adds to the logit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JsonScore {
    pub probability: f64,
    pub logit: f64,
    pub words: usize,
    pub fix_matches: usize,
    pub distinct_fix_entries: usize,
    pub context_matches: usize,
    pub distinct_context_entries: usize,
    pub article_disagreements: usize,
    pub spun_forms: f64,
    pub original_forms: f64,
    /// The signals, the one that adds most to the logit first.
    pub reasons: Vec<JsonReason>,
}

impl JsonScore {
    fn new(s: &Score) -> JsonScore {
        JsonScore {
            probability: round(s.probability(), 3),
            logit: round(s.logit(), 3),
            words: s.words,
            fix_matches: s.fix_matches,
            distinct_fix_entries: s.distinct_fix_entries,
            context_matches: s.context_matches,
            distinct_context_entries: s.distinct_context_entries,
            article_disagreements: s.article_disagreements,
            spun_forms: round(s.spun_forms, 3),
            original_forms: round(s.original_forms, 3),
            reasons: s
                .reasons()
                .iter()
                .map(|r| JsonReason {
                    signal: r.signal.to_string(),
                    input: round(r.input, 3),
                    contribution: round(r.contribution, 3),
                })
                .collect(),
        }
    }
}

/// One signal's part in a score.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JsonReason {
    /// `fix entries`, `article slips`, `context entries` or `balance`.
    pub signal: String,
    /// The model's input for it.
    pub input: f64,
    /// What it adds to the logit.
    pub contribution: f64,
}

/// A window or paragraph: its byte span, its first line, its verdict and
/// its own probability.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JsonPart {
    pub start: usize,
    pub end: usize,
    pub line: usize,
    pub verdict: String,
    pub probability: f64,
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
