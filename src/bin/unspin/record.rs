//! One record of corpus mode: the pure, per-line part of `--jsonl`.
//!
//! [`process`] takes one line (without its `\n`) and says what to write
//! instead: the line unchanged, a new line, or a bad-record problem. The
//! record is never re-serialized: the line is parsed into its top-level
//! keys and raw value spans, only the target field's string is decoded,
//! repaired and encoded again, and the new text is spliced into the
//! original line, so every other byte is kept.
//!
//! This file uses nothing of the binary but `unspin`, serde and
//! serde_json, so that the fuzz target `fuzz/fuzz_targets/jsonl.rs` can
//! include it as it is.

use std::borrow::Cow;
use std::fmt;
use std::ops::Range;

use serde::de::{Deserialize, Deserializer, MapAccess, Visitor};
use serde_json::value::RawValue;
use unspin::Unspinner;

/// The keys `--add-score` writes.
pub(crate) const VERDICT_KEY: &str = "unspin_verdict";
pub(crate) const PROBABILITY_KEY: &str = "unspin_probability";

/// What to do with each record.
pub(crate) struct Options<'a> {
    pub unspinner: &'a Unspinner,
    /// The string field to repair (`--field`).
    pub field: &'a str,
    /// `--add-score`.
    pub add_score: bool,
    /// `--lossy`.
    pub lossy: bool,
}

/// What to write for one line.
pub(crate) enum Outcome {
    /// The line as read.
    Unchanged,
    /// This, instead of the line's content (the `\n` is kept).
    Changed(Vec<u8>),
    /// A bad record.
    Bad(Problem),
}

/// Why a line is a bad record.
pub(crate) enum Problem {
    /// Not JSON, or not a JSON object.
    Malformed(String),
    /// Invalid UTF-8 at this byte of the line.
    Utf8 { at: usize, byte: u8 },
}

/// What happens after a bad record: the run stops, or the line is written
/// unchanged and the run goes on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Then {
    Stop,
    PassThrough,
}

impl Problem {
    /// The message after `FILE:LINE: `; `line_offset` is the input's byte
    /// offset of the line.
    pub(crate) fn describe(&self, line_offset: u64, then: Then) -> String {
        let then = match then {
            Then::Stop => "stopping",
            Then::PassThrough => "passed through",
        };
        match self {
            Problem::Malformed(reason) => format!("malformed JSON record: {reason}; {then}"),
            Problem::Utf8 { at, byte } => format!(
                "not valid UTF-8 at byte offset {} (0x{byte:02X}); {then} \
                 (--lossy replaces invalid bytes)",
                line_offset + *at as u64
            ),
        }
    }
}

/// Repairs one line (without its `\n`).
pub(crate) fn process(line: &[u8], options: &Options) -> Outcome {
    let text = match std::str::from_utf8(line) {
        Ok(text) => Cow::Borrowed(text),
        Err(_) if options.lossy => String::from_utf8_lossy(line),
        Err(e) => {
            let at = e.valid_up_to();
            return Outcome::Bad(Problem::Utf8 { at, byte: line[at] });
        }
    };
    let unchanged = || match &text {
        Cow::Borrowed(_) => Outcome::Unchanged,
        Cow::Owned(lossy) => Outcome::Changed(lossy.clone().into_bytes()),
    };
    if text.trim_matches([' ', '\t', '\r']).is_empty() {
        return unchanged();
    }
    let fields = match serde_json::from_str::<Fields>(&text) {
        Ok(fields) => fields.0,
        Err(e) => return Outcome::Bad(Problem::Malformed(reason(&e, &text))),
    };
    let span = |raw: &RawValue| {
        let start = raw.get().as_ptr() as usize - text.as_ptr() as usize;
        start..start + raw.get().len()
    };
    // Splices into the line: (span to replace, new text).
    let mut splices: Vec<(Range<usize>, String)> = Vec::new();
    let mut scored = None;
    for (key, raw) in &fields {
        if key != options.field || !raw.get().starts_with('"') {
            continue;
        }
        let Ok(value) = serde_json::from_str::<String>(raw.get()) else {
            continue; // cannot happen: serde_json checked the string
        };
        let repair = options.unspinner.repair(&value);
        if !repair.edits.is_empty() {
            let encoded = serde_json::to_string(&*repair.text).expect("a string encodes");
            splices.push((span(raw), encoded));
        }
        if options.add_score {
            scored = Some(options.unspinner.score(&value));
        }
    }
    if let Some(score) = scored {
        let verdict = serde_json::to_string(score.verdict().as_str()).expect("a string encodes");
        let probability = format!("{:.3}", score.probability());
        for (key, value) in [(VERDICT_KEY, verdict), (PROBABILITY_KEY, probability)] {
            // An earlier run's score is replaced in place, the last one if
            // the key is repeated.
            match fields.iter().rev().find(|(k, _)| k == key) {
                Some((_, raw)) => splices.push((span(raw), value)),
                None => {
                    let end = fields.last().map_or(0, |(_, raw)| span(raw).end);
                    splices.push((end..end, format!(",{}:{value}", serde_json::json!(key))));
                }
            }
        }
    }
    if splices.is_empty() {
        return unchanged();
    }
    // Insertions at the same point keep their order (stable sort).
    splices.sort_by_key(|(range, _)| range.start);
    let mut new = String::with_capacity(text.len() + 64);
    let mut at = 0;
    for (range, replacement) in splices {
        if range.start < at {
            continue; // overlapping (`--field unspin_verdict`): keep the first
        }
        new.push_str(&text[at..range.start]);
        new.push_str(&replacement);
        at = range.end;
    }
    new.push_str(&text[at..]);
    Outcome::Changed(new.into_bytes())
}

/// serde_json's message, with the column but without "line 1" (each record
/// is one line).
fn reason(e: &serde_json::Error, line: &str) -> String {
    if e.classify() == serde_json::error::Category::Data {
        // Valid JSON, but not an object.
        let what = match line.trim_start().bytes().next() {
            Some(b'[') => "an array",
            Some(b'"') => "a string",
            Some(b't' | b'f') => "a boolean",
            Some(b'n') => "null",
            _ => "a number",
        };
        return format!("not a JSON object but {what}");
    }
    let message = e.to_string();
    let position = format!(" at line {} column {}", e.line(), e.column());
    match message.strip_suffix(&position) {
        Some(reason) if e.column() > 0 => format!("{reason} at column {}", e.column()),
        Some(reason) => reason.to_string(),
        None => message,
    }
}

/// A record's top-level fields in order: decoded keys and raw values
/// borrowed from the line.
struct Fields<'a>(Vec<(String, &'a RawValue)>);

impl<'de> Deserialize<'de> for Fields<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(FieldsVisitor)
    }
}

struct FieldsVisitor;

impl<'de> Visitor<'de> for FieldsVisitor {
    type Value = Fields<'de>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<M: MapAccess<'de>>(self, mut map: M) -> Result<Fields<'de>, M::Error> {
        let mut fields = Vec::with_capacity(map.size_hint().unwrap_or(8));
        while let Some(key) = map.next_key::<String>()? {
            fields.push((key, map.next_value::<&'de RawValue>()?));
        }
        Ok(Fields(fields))
    }
}
