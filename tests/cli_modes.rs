//! The binary's report modes: --check, --explain, --diff, --format json and
//! --write, with their exit codes and error paths.

mod common;

use common::{unspin, Scratch};

use serde_json::Value;

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).unwrap()
}

#[test]
fn check_exit_codes() {
    let out = unspin(&["--check"], b"A clean sentence.\n");
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stdout.is_empty());
    let out = unspin(&["--check"], b"The law.\nPlanet War II ended.\n");
    assert_eq!(out.status.code(), Some(1));
    let report = text(&out.stdout);
    assert!(
        report
            .starts_with("<stdin>:2:1: Planet War II -> World War II (fix, dictionaries/news.tsv:"),
        "{report}"
    );
    assert!(
        report.ends_with(")\n") && report.lines().count() == 1,
        "{report}"
    );
    let out = unspin(&["--check", "no-such-file.txt"], b"");
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn explain_gives_positions_and_the_verdict() {
    let out = unspin(
        &["--explain"],
        "x\n  caf\u{e9} regulation enforcement\n".as_bytes(),
    );
    assert_eq!(out.status.code(), Some(0));
    let lines: Vec<String> = text(&out.stdout).lines().map(String::from).collect();
    assert_eq!(lines.len(), 2, "{lines:?}");
    assert!(
        lines[0].starts_with(
            "<stdin>:2:8: regulation enforcement -> law enforcement (fix, dictionaries/news.tsv:"
        ),
        "{}",
        lines[0]
    );
    assert!(
        lines[1].starts_with("<stdin>: suspicious (p "),
        "{}",
        lines[1]
    );
}

#[test]
fn diff_is_unified_and_coloured_on_request() {
    let input = b"one\nPlanet War II\nthree\n";
    let out = unspin(&["--diff"], input);
    assert_eq!(
        text(&out.stdout),
        "--- <stdin>\n+++ <stdin> (repaired)\n@@ -1,3 +1,3 @@\n one\n-Planet War II\n+World War II\n three\n"
    );
    let out = unspin(&["--diff", "--color", "always"], input);
    assert!(text(&out.stdout).contains("\x1b[31m-Planet War II\x1b[0m"));
    // Not a terminal: auto means no colour.
    let out = unspin(&["--diff", "--color", "auto"], input);
    assert!(!text(&out.stdout).contains('\x1b'));
    let out = unspin(&["--diff"], b"clean\n");
    assert!(out.stdout.is_empty());
}

#[test]
fn json_reports_round_trip_and_follow_the_schema() {
    let out = unspin(
        &["--format", "json", "samples/spun-article.txt", "-"],
        "He fought in Planet War II.".as_bytes(),
    );
    assert_eq!(out.status.code(), Some(0));
    let lines: Vec<&str> = std::str::from_utf8(&out.stdout).unwrap().lines().collect();
    assert_eq!(lines.len(), 2);
    let sample: Value = serde_json::from_str(lines[0]).unwrap();
    assert_eq!(sample["path"], "samples/spun-article.txt");
    assert_eq!(sample["verdict"], "spun");
    for key in [
        "probability",
        "logit",
        "words",
        "fix_matches",
        "distinct_fix_entries",
        "context_matches",
        "distinct_context_entries",
        "article_disagreements",
        "spun_forms",
        "original_forms",
    ] {
        assert!(sample["score"][key].is_number(), "score.{key}");
    }
    let reasons = sample["score"]["reasons"].as_array().unwrap();
    assert_eq!(reasons.len(), 4);
    assert!(reasons[0]["contribution"].as_f64() >= reasons[3]["contribution"].as_f64());
    assert_eq!(sample["windows"].as_array().unwrap().len(), 1);
    let paragraphs = sample["paragraphs"].as_array().unwrap();
    assert!(paragraphs.len() > 10);
    assert!(paragraphs.iter().any(|p| p["verdict"] == "spun"));
    let edits = sample["edits"].as_array().unwrap();
    assert!(edits.len() > 25);
    let original = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/samples/spun-article.txt"
    ))
    .unwrap();
    for edit in edits {
        let (start, end) = (
            edit["start"].as_u64().unwrap() as usize,
            edit["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(&original[start..end], edit["spun"].as_str().unwrap());
        for key in ["line", "column", "dictionary_line"] {
            assert!(edit[key].as_u64().unwrap() >= 1);
        }
        assert!(["fix", "context"].contains(&edit["tier"].as_str().unwrap()));
        assert!(["phrase", "article"].contains(&edit["kind"].as_str().unwrap()));
        assert!(edit["dictionary"]
            .as_str()
            .unwrap()
            .starts_with("dictionaries/"));
    }
    // A round trip through serde keeps every field.
    let stdin: Value = serde_json::from_str(lines[1]).unwrap();
    let again: Value = serde_json::from_str(&serde_json::to_string(&stdin).unwrap()).unwrap();
    assert_eq!(stdin, again);
    assert_eq!(stdin["path"], "<stdin>");
    let kinds: Vec<&str> = stdin["edits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["phrase"]);
    assert_eq!(stdin["edits"][0]["line"], 1);
    assert_eq!(stdin["edits"][0]["column"], 14);
    assert_eq!(stdin["edits"][0]["replacement"], "World War II");
}

#[test]
fn write_repairs_in_place_keeping_bom_line_endings_and_permissions() {
    let dir = Scratch::new("write");
    let spun = dir.file(
        "spun.txt",
        "\u{feff}Planet War II\r\nregulation enforcement\r\n".as_bytes(),
    );
    let clean = dir.file("clean.txt", b"Nothing to do.\n");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&spun, std::fs::Permissions::from_mode(0o640)).unwrap();
    }
    let out = unspin(&["--write", &spun, &clean], b"");
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(out.stdout.is_empty());
    assert_eq!(
        std::fs::read_to_string(&spun).unwrap(),
        "\u{feff}World War II\r\nlaw enforcement\r\n"
    );
    assert_eq!(std::fs::read_to_string(&clean).unwrap(), "Nothing to do.\n");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&spun).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o640);
    }
    assert!(
        text(&out.stderr).contains("repaired"),
        "{}",
        text(&out.stderr)
    );
    // No temporary file is left behind.
    let names: Vec<String> = std::fs::read_dir(&dir.0)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 2, "{names:?}");
}

#[test]
fn write_with_a_report_repairs_the_file_and_prints_the_report() {
    let dir = Scratch::new("write-json");
    let spun = dir.file("spun.txt", b"Planet War II\n");
    let out = unspin(&["--write", "--format", "json", &spun], b"");
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(std::fs::read_to_string(&spun).unwrap(), "World War II\n");
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["edits"][0]["replacement"], "World War II");
    let spun = dir.file("again.txt", b"Planet War II\n");
    let out = unspin(&["--write", "--score", &spun], b"");
    assert!(out.stdout.is_empty());
    assert_eq!(std::fs::read_to_string(&spun).unwrap(), "World War II\n");
}

#[cfg(unix)]
#[test]
fn write_follows_symlinks_and_refuses_stdin() {
    let dir = Scratch::new("symlink");
    let target = dir.file("target.txt", b"Planet War II\n");
    let link = dir.0.join("link.txt");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    let out = unspin(&["--write", link.to_str().unwrap()], b"");
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(std::fs::symlink_metadata(&link)
        .unwrap()
        .file_type()
        .is_symlink());
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "World War II\n");
    let out = unspin(&["--write"], b"Planet War II\n");
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("cannot write to stdin"));
}

#[test]
fn lossy_replaces_invalid_bytes() {
    let out = unspin(&["--lossy"], b"Planet War II \xFF\n");
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(text(&out.stdout), "World War II \u{fffd}\n");
}

#[test]
fn help_documents_every_mode_and_the_exit_codes() {
    let out = unspin(&["--help"], b"");
    let help = text(&out.stdout);
    for flag in [
        "--check",
        "--explain",
        "--diff",
        "--write",
        "--format",
        "--color",
        "--lossy",
        "--mode",
        "--score",
        "Exit status",
    ] {
        assert!(help.contains(flag), "--help lacks {flag}");
    }
}

/// Every example that `--help` ends with runs as written (in a folder
/// holding the files it names) and exits 0 or 1, never with a usage error.
#[test]
fn the_help_examples_run() {
    let help = text(&unspin(&["--help"], b"").stdout);
    let examples: Vec<&str> = help
        .split("Examples:\n")
        .nth(1)
        .expect("--help ends with examples")
        .lines()
        .filter(|l| l.trim_start().starts_with("unspin "))
        .collect();
    assert!(examples.len() >= 8, "{examples:?}");
    let dir = std::env::temp_dir().join(format!("unspin-help-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("articles")).unwrap();
    let spun = "The Associated Push said regulation enforcement arrived.\n";
    for (name, body) in [
        ("article.txt", spun),
        ("articles/a.txt", spun),
        ("spun.txt", spun),
        (
            "src.txt",
            "The Associated Press said law enforcement arrived.\n",
        ),
        ("mine.tsv", "glimmering hope\tglimmer of hope\n"),
        ("corpus.jsonl", "{\"text\": \"regulation enforcement\"}\n"),
    ] {
        std::fs::write(dir.join(name), body).unwrap();
    }
    for example in examples {
        // The command is what comes before its description (two spaces).
        let command = example.trim().split("  ").next().unwrap();
        let command = command.split(" > ").next().unwrap();
        let args: Vec<&str> = command.split_whitespace().skip(1).collect();
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_unspin"))
            .args(&args)
            .current_dir(&dir)
            .output()
            .unwrap();
        assert!(
            matches!(out.status.code(), Some(0 | 1)),
            "{command}: {}",
            text(&out.stderr)
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}
