//! End-to-end tests of corpus mode, `unspin --jsonl`.

mod common;

use common::{stderr, stdout, unspin, Scratch};

const SPUN: &str = "Planet War II veterans met regulation enforcement.";
const REPAIRED: &str = "World War II veterans met law enforcement.";
/// A record that is spun throughout.
const STORY: &str = "The Associated Push reported that regulation enforcement, now nearing its sixth thirty day period of Planet War II drills, had a enormous outflow.";
const STORY_REPAIRED: &str = "The Associated Press reported that law enforcement, now nearing its sixth month of World War II drills, had a huge outflow.";

#[test]
fn repairs_the_text_field_and_keeps_every_other_byte() {
    let line = format!(
        r#"{{"id": 7,  "price":1.50,"big":1e5,"neg":-0.0,"name":"caf\u00e9 \"q\"","text":"{SPUN}","nested":{{"a":[1,2.0,{{"b":null}}],"z":true}},"raw":"caf√©"}}"#
    );
    let expected = line.replace(SPUN, REPAIRED);
    let output = unspin(&["--jsonl"], format!("{line}\n").as_bytes());
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(stdout(&output), format!("{expected}\n"));
    assert_eq!(stderr(&output), "");
}

#[test]
fn repaired_text_is_encoded_as_json() {
    // Escapes in the field itself are decoded before the repair and the
    // new string is encoded again.
    let line = r#"{"text":"\"Planet War II\"\n\ttab \u00e9"}"#;
    let output = unspin(&["--jsonl"], format!("{line}\n").as_bytes());
    assert_eq!(
        stdout(&output),
        "{\"text\":\"\\\"World War II\\\"\\n\\ttab é\"}\n"
    );
    let record: serde_json::Value = serde_json::from_str(stdout(&output).trim_end()).unwrap();
    assert_eq!(record["text"], "\"World War II\"\n\ttab \u{e9}");
}

#[test]
fn unchanged_records_are_written_byte_for_byte() {
    let input = "{\"text\" : \"nothing to repair here\" , \"n\":1.50}\r\n{\"a\":\"\\u00e9\",\"text\":\"clean\"}\n";
    let output = unspin(&["--jsonl"], input.as_bytes());
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(output.stdout, input.as_bytes());
}

#[test]
fn keeps_carriage_returns_and_adds_a_missing_final_newline() {
    let input = format!("{{\"text\":\"{SPUN}\"}}\r\n{{\"text\":\"{SPUN}\"}}");
    let output = unspin(&["--jsonl"], input.as_bytes());
    assert_eq!(
        stdout(&output),
        format!("{{\"text\":\"{REPAIRED}\"}}\r\n{{\"text\":\"{REPAIRED}\"}}\n")
    );
}

#[test]
fn keeps_order_across_many_records_and_threads() {
    let mut input = String::new();
    let mut expected = String::new();
    for i in 0..10_000 {
        // Records of very different lengths, so that threads finish out of
        // order.
        let text = if i % 3 == 0 {
            format!("{i}: {}", SPUN.repeat(1 + i % 40))
        } else {
            format!("{i}: clean words")
        };
        let repaired = text.replace(SPUN, REPAIRED);
        input.push_str(&format!("{{\"index\":{i},\"text\":\"{text}\"}}\n"));
        expected.push_str(&format!("{{\"index\":{i},\"text\":\"{repaired}\"}}\n"));
    }
    let output = unspin(&["--jsonl", "--threads", "2"], input.as_bytes());
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let out = stdout(&output);
    assert_eq!(out.lines().count(), 10_000);
    for (i, line) in out.lines().enumerate() {
        let record: serde_json::Value = serde_json::from_str(line).unwrap();
        assert_eq!(record["index"], i, "line {}", i + 1);
    }
    assert!(out == expected, "output differs from the expected records");
}

#[test]
fn add_score_appends_verdict_and_probability() {
    let input = format!(
        "{{\"id\":1,\"text\":\"{STORY}\",\"after\":[1]}}\n{{\"text\":\"a clean sentence\" }}\n"
    );
    let output = unspin(&["--jsonl", "--add-score"], input.as_bytes());
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let lines: Vec<&str> = stdout(&output).lines().collect();
    assert_eq!(lines.len(), 2);
    assert!(
        lines[0].starts_with(&format!(
            "{{\"id\":1,\"text\":\"{STORY_REPAIRED}\",\"after\":[1],\"unspin_verdict\":\"spun\",\"unspin_probability\":"
        )),
        "{}",
        lines[0]
    );
    let probability = lines[0]
        .rsplit_once("\"unspin_probability\":")
        .unwrap()
        .1
        .trim_end_matches('}');
    assert_eq!(
        probability.split_once('.').unwrap().1.len(),
        3,
        "{probability}"
    );
    assert!(probability.parse::<f64>().unwrap() > 0.99);
    assert_eq!(
        lines[1],
        "{\"text\":\"a clean sentence\",\"unspin_verdict\":\"clean\",\"unspin_probability\":0.006 }"
    );
    // Scoring the output again replaces the fields instead of repeating them.
    let again = unspin(&["--jsonl", "--add-score"], &output.stdout);
    let record = std::str::from_utf8(&again.stdout)
        .unwrap()
        .lines()
        .nth(1)
        .unwrap();
    assert_eq!(
        record,
        "{\"text\":\"a clean sentence\",\"unspin_verdict\":\"clean\",\"unspin_probability\":0.006 }"
    );
}

#[test]
fn records_without_a_string_field_pass_through() {
    let input = "{\"id\":1}\n{\"text\":5, \"n\":1.50}\n{\"text\":null}\n{\"text\":[\"Planet War II\"]}\n{\"nested\":{\"text\":\"Planet War II\"}}\n{}\n";
    for args in [&["--jsonl"][..], &["--jsonl", "--add-score"]] {
        let output = unspin(args, input.as_bytes());
        assert_eq!(output.status.code(), Some(0), "{args:?}");
        assert_eq!(stdout(&output), input, "{args:?}");
        assert_eq!(stderr(&output), "");
    }
}

#[test]
fn malformed_records_pass_through_with_an_error() {
    let input = format!(
        "{{\"text\":\"{SPUN}\"}}\nnot json\n{{\"text\":\"x\"\n[1,2]\n{{\"text\":\"{SPUN}\"}}\n"
    );
    let output = unspin(&["--jsonl"], input.as_bytes());
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        stdout(&output),
        format!(
            "{{\"text\":\"{REPAIRED}\"}}\nnot json\n{{\"text\":\"x\"\n[1,2]\n{{\"text\":\"{REPAIRED}\"}}\n"
        )
    );
    let errors: Vec<&str> = stderr(&output).lines().collect();
    assert_eq!(errors.len(), 3, "{errors:?}");
    assert!(errors[0].starts_with("unspin: <stdin>:2: malformed JSON record: "));
    assert!(errors[1].starts_with("unspin: <stdin>:3: malformed JSON record: "));
    assert_eq!(
        errors[2],
        "unspin: <stdin>:4: malformed JSON record: not a JSON object but an array; passed through"
    );
    assert!(errors.iter().all(|e| e.ends_with("; passed through")));
}

#[test]
fn bad_record_stop_stops_at_the_first_one() {
    let scratch = Scratch::new("stop");
    let input = format!(
        "{{\"text\":\"{SPUN}\"}}\n{{\"text\":\"a\" \"b\"}}\n{{\"text\":\"{SPUN}\"}}\nbad\n"
    );
    let file = scratch.file("in.jsonl", input.as_bytes());
    let other = scratch.file("other.jsonl", b"{\"text\":\"later\"}\n");
    let output = unspin(&["--jsonl", "--bad-record", "stop", &file, &other], b"");
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(stdout(&output), format!("{{\"text\":\"{REPAIRED}\"}}\n"));
    let errors: Vec<&str> = stderr(&output).lines().collect();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        errors[0].starts_with(&format!("unspin: {file}:2: malformed JSON record: ")),
        "{}",
        errors[0]
    );
    assert!(errors[0].ends_with("; stopping"), "{}", errors[0]);
}

#[test]
fn empty_lines_pass_through() {
    let input = format!("\n{{\"text\":\"{SPUN}\"}}\n\n  \n\r\n");
    let output = unspin(&["--jsonl"], input.as_bytes());
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(
        stdout(&output),
        format!("\n{{\"text\":\"{REPAIRED}\"}}\n\n  \n\r\n")
    );
}

#[test]
fn reads_files_in_order_and_stdin() {
    let scratch = Scratch::new("files");
    let a = scratch.file("a.jsonl", format!("{{\"text\":\"a {SPUN}\"}}\n").as_bytes());
    let b = scratch.file("b.jsonl", b"{\"text\":\"b\"}");
    let output = unspin(
        &["--jsonl", &a, "-", &b],
        format!("{{\"text\":\"stdin {SPUN}\"}}\n").as_bytes(),
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(
        stdout(&output),
        format!(
            "{{\"text\":\"a {REPAIRED}\"}}\n{{\"text\":\"stdin {REPAIRED}\"}}\n{{\"text\":\"b\"}}\n"
        )
    );
    let missing = scratch.0.join("missing.jsonl").display().to_string();
    let output = unspin(&["--jsonl", &missing, &a], b"");
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(stdout(&output), format!("{{\"text\":\"a {REPAIRED}\"}}\n"));
    assert!(stderr(&output).starts_with(&format!("unspin: {missing}: cannot read: ")));
}

#[test]
fn field_names_another_field() {
    let input = format!("{{\"text\":\"{SPUN}\",\"body\":\"{SPUN}\"}}\n");
    let output = unspin(&["--jsonl", "--field", "body"], input.as_bytes());
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(
        stdout(&output),
        format!("{{\"text\":\"{SPUN}\",\"body\":\"{REPAIRED}\"}}\n")
    );
    // Keys are compared after decoding their escapes.
    let output = unspin(
        &["--jsonl", "--field", "body"],
        format!("{{\"b\\u006fdy\":\"{SPUN}\"}}\n").as_bytes(),
    );
    assert_eq!(
        stdout(&output),
        format!("{{\"b\\u006fdy\":\"{REPAIRED}\"}}\n")
    );
}

#[test]
fn invalid_utf8_is_an_error_unless_lossy() {
    let mut input = format!("{{\"text\":\"{SPUN}\"}}\n").into_bytes();
    input.extend_from_slice(b"{\"text\":\"a\xff b\"}\n");
    let output = unspin(&["--jsonl"], &input);
    assert_eq!(output.status.code(), Some(2));
    let mut expected = format!("{{\"text\":\"{REPAIRED}\"}}\n").into_bytes();
    expected.extend_from_slice(b"{\"text\":\"a\xff b\"}\n");
    assert_eq!(output.stdout, expected);
    let offset = format!("{{\"text\":\"{SPUN}\"}}\n").len() + 10;
    assert!(
        stderr(&output).starts_with(&format!(
            "unspin: <stdin>:2: not valid UTF-8 at byte offset {offset} (0xFF); passed through"
        )),
        "{}",
        stderr(&output)
    );

    let output = unspin(&["--jsonl", "--lossy"], &input);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(
        stdout(&output),
        format!("{{\"text\":\"{REPAIRED}\"}}\n{{\"text\":\"a\u{fffd} b\"}}\n")
    );
}

#[test]
fn conflicting_and_dependent_flags_are_refused() {
    for args in [
        &["--jsonl", "--diff"][..],
        &["--jsonl", "--write", "x.jsonl"],
        &["--jsonl", "--format", "json"],
        &["--jsonl", "--html", "report.html"],
        &["--field", "body"],
        &["--add-score"],
    ] {
        let output = unspin(args, b"");
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert!(stderr(&output).starts_with("error: "), "{args:?}");
    }
}
