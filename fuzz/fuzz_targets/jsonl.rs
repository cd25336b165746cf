//! The `--jsonl` record logic (`src/bin/unspin/record.rs`, included as it
//! is): one line of a JSON lines corpus in, what to write out.
//!
//! Input layout: byte 0 picks the options, the rest up to the first `\n`
//! is the line (the corpus reader splits lines on `\n`).
//!
//! * bit 0: `--add-score`;
//! * bit 1: `--lossy`;
//! * bits 2-3: the mode (conservative, auto, aggressive, aggressive);
//! * bits 4-5: the field: `text`, `t`, `unspin_verdict` or the empty key.
//!
//! `process` must never panic. A bad record must be one: invalid UTF-8 at
//! the reported byte (without `--lossy`), or a line that is not a JSON
//! object. Otherwise the output is checked field by field against the
//! input, parsed independently: the same keys in the same order, every
//! byte between and around the values identical, every value identical
//! except the field's strings, which decode to the repair of what they
//! decoded to (and stay byte for byte when the repair changes nothing),
//! and, with `--add-score`, the score fields, replaced in place or
//! appended at the end. When the input is valid JSON, so is the output.

#![no_main]

use std::borrow::Cow;
use std::fmt;
use std::ops::Range;

use libfuzzer_sys::fuzz_target;
use serde::de::{Deserialize, Deserializer, MapAccess, Visitor};
use serde_json::value::RawValue;
use unspin::{Mode, Unspinner};

#[allow(dead_code)]
#[path = "../../src/bin/unspin/record.rs"]
mod record;

use record::{Options, Outcome, Problem, Then, PROBABILITY_KEY, VERDICT_KEY};

fuzz_target!(|data: &[u8]| {
    let Some((&config, rest)) = data.split_first() else {
        return;
    };
    let line = rest.split(|&b| b == b'\n').next().unwrap_or(rest);
    let mode = match (config >> 2) & 3 {
        0 => Mode::Conservative,
        1 => Mode::Auto,
        _ => Mode::Aggressive,
    };
    let unspin = Unspinner::builder()
        .mode(mode)
        .build()
        .expect("the bundled dictionary builds");
    let options = Options {
        unspinner: &unspin,
        field: ["text", "t", VERDICT_KEY, ""][usize::from((config >> 4) & 3)],
        add_score: config & 1 != 0,
        lossy: config & 2 != 0,
    };
    let outcome = record::process(line, &options);

    let text = match std::str::from_utf8(line) {
        Ok(text) => Cow::Borrowed(text),
        Err(e) => {
            if !options.lossy {
                let Outcome::Bad(Problem::Utf8 { at, byte }) = outcome else {
                    panic!("invalid UTF-8 not reported as such");
                };
                assert_eq!((at, byte), (e.valid_up_to(), line[e.valid_up_to()]));
                return;
            }
            String::from_utf8_lossy(line)
        }
    };
    let output: &[u8] = match &outcome {
        Outcome::Unchanged => {
            assert!(matches!(text, Cow::Borrowed(_)), "a lossy line unchanged");
            line
        }
        Outcome::Changed(new) => new,
        Outcome::Bad(problem) => {
            let message = problem.describe(0, Then::PassThrough);
            assert!(matches!(problem, Problem::Malformed(_)), "{message}");
            assert!(
                serde_json::from_str::<serde_json::Map<String, serde_json::Value>>(&text).is_err(),
                "a JSON object reported as malformed: {message}"
            );
            return;
        }
    };
    let output = std::str::from_utf8(output).expect("the output is UTF-8");
    if serde_json::from_str::<serde_json::Value>(&text).is_ok() {
        if let Err(e) = serde_json::from_str::<serde_json::Value>(output) {
            panic!("valid JSON in, invalid out ({e}): {output}");
        }
    }
    if text.trim_matches([' ', '\t', '\r']).is_empty() {
        assert_eq!(output, text, "a blank line changed");
        return;
    }
    check_fields(&text, output, &options);
});

/// The record `output` is the record `text` with only the field's strings
/// and the score fields changed.
fn check_fields(text: &str, output: &str, options: &Options<'_>) {
    let before = fields(text).expect("a record that was not reported bad parses");
    let after = fields(output).expect("the output record parses");
    let score_keys = [VERDICT_KEY, PROBABILITY_KEY];

    // The score, computed as --add-score must: from the last string value
    // of the field.
    let mut score = None;
    for f in &before {
        if f.key == options.field && f.raw.starts_with('"') {
            if let Ok(value) = serde_json::from_str::<String>(f.raw) {
                if options.add_score {
                    score = Some(options.unspinner.score(&value));
                }
            }
        }
    }
    let appended = match score {
        Some(_) => score_keys
            .iter()
            .filter(|k| !before.iter().any(|f| f.key == **k))
            .count(),
        None => 0,
    };
    assert_eq!(after.len(), before.len() + appended, "field count");
    let overlap = options.add_score && score_keys.contains(&options.field);

    // Bytes between values, then each value.
    let mut at = (0, 0);
    for (i, (b, a)) in before.iter().zip(&after).enumerate() {
        assert_eq!(
            text[at.0..b.span.start],
            output[at.1..a.span.start],
            "bytes before field {i}"
        );
        at = (b.span.end, a.span.end);
        assert_eq!(b.key, a.key);
        let last_of_key = !before[i + 1..].iter().any(|f| f.key == b.key);
        if let (Some(score), true) = (score, score_keys.contains(&b.key.as_str()) && last_of_key) {
            if b.key == options.field {
                continue; // the field and a score field overlap: either may win
            }
            assert_eq!(a.raw, score_value(&b.key, score), "score field {:?}", b.key);
        } else if b.key == options.field && b.raw.starts_with('"') && !overlap {
            match serde_json::from_str::<String>(b.raw) {
                Ok(value) => {
                    let repair = options.unspinner.repair(&value);
                    if repair.edits.is_empty() {
                        assert_eq!(a.raw, b.raw, "an unrepaired field changed");
                    } else {
                        let new: String = serde_json::from_str(a.raw).expect("a string");
                        assert_eq!(new, repair.text, "the repaired field");
                    }
                }
                Err(_) => assert_eq!(a.raw, b.raw, "an undecodable field changed"),
            }
        } else if !overlap {
            assert_eq!(a.raw, b.raw, "field {i} ({:?}) changed", b.key);
        }
    }
    // After the last value: the appended score fields, then the rest.
    let tail = &text[at.0..];
    let mut out_tail = &output[at.1..];
    if appended > 0 {
        let extra = &after[before.len()..];
        let added = &output[at.1..extra.last().expect("appended").span.end];
        let mut want = String::new();
        for key in score_keys {
            if !before.iter().any(|f| f.key == key) {
                let value = score_value(key, score.expect("scored"));
                want.push_str(&format!(",{}:{value}", serde_json::json!(key)));
            }
        }
        assert_eq!(added, want, "appended score fields");
        out_tail = &output[at.1 + added.len()..];
    }
    assert_eq!(tail, out_tail, "bytes after the last field");
}

/// What `--add-score` writes for `key`.
fn score_value(key: &str, score: unspin::Score) -> String {
    if key == VERDICT_KEY {
        serde_json::to_string(score.verdict().as_str()).expect("a string encodes")
    } else {
        format!("{:.3}", score.probability())
    }
}

/// A top-level field: its decoded key, its raw value and where that is.
struct Field<'a> {
    key: String,
    raw: &'a str,
    span: Range<usize>,
}

/// The top-level fields of a JSON object, parsed independently of
/// `record.rs`.
fn fields(text: &str) -> Option<Vec<Field<'_>>> {
    let raw: Raw = serde_json::from_str(text).ok()?;
    Some(
        raw.0
            .into_iter()
            .map(|(key, value)| {
                let start = value.get().as_ptr() as usize - text.as_ptr() as usize;
                Field {
                    key,
                    raw: value.get(),
                    span: start..start + value.get().len(),
                }
            })
            .collect(),
    )
}

struct Raw<'a>(Vec<(String, &'a RawValue)>);

impl<'de> Deserialize<'de> for Raw<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Raw<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an object")
            }
            fn visit_map<M: MapAccess<'de>>(self, mut map: M) -> Result<Raw<'de>, M::Error> {
                let mut fields = Vec::new();
                while let Some(entry) = map.next_entry::<String, &'de RawValue>()? {
                    fields.push(entry);
                }
                Ok(Raw(fields))
            }
        }
        deserializer.deserialize_map(V)
    }
}
