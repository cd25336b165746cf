//! Precision first: the bundled dictionaries must not touch clean text, and
//! what they do to the bundled spun sample must restore the original.

mod needs;

use std::path::{Path, PathBuf};

use unspin::{Mode, Tier, Unspinner, Verdict};

fn read(path: &str) -> String {
    let path = format!("{}/{path}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

#[test]
fn clean_fixture_is_byte_for_byte_identical() {
    let text = read("tests/fixtures/clean-en.txt");
    assert!(text.lines().count() >= 300);
    let unspin = Unspinner::new();
    for (n, line) in text.lines().enumerate() {
        let repaired = unspin.repair(line);
        assert!(
            repaired.edits.is_empty(),
            "clean-en.txt:{}: {:?} -> {:?}",
            n + 1,
            line,
            repaired.text
        );
    }
    assert_eq!(unspin.repair(&text).text, text);
    let context = unspin
        .find_iter(&text)
        .filter(|m| m.entry().tier() == Tier::Context)
        .count();
    eprintln!("clean-en.txt: {context} context-tier matches, 0 edits");
}

#[test]
fn sample_original_is_untouched() {
    let original = read("samples/spun-article.original.txt");
    assert_eq!(Unspinner::new().repair(&original).text, original);
}

#[test]
fn every_fix_edit_on_the_sample_restores_the_original_wording() {
    let spun = read("samples/spun-article.txt");
    let original = read("samples/spun-article.original.txt");
    assert_eq!(spun.lines().count(), original.lines().count());
    let unspin = Unspinner::builder()
        .mode(Mode::Conservative)
        .build()
        .unwrap();
    let mut edits = 0;
    for (n, (spun, original)) in spun.lines().zip(original.lines()).enumerate() {
        for edit in unspin.repair(spun).edits {
            assert_eq!(edit.tier, Tier::Fix);
            assert!(
                original.contains(&edit.replacement),
                "spun-article.txt:{}: {:?} -> {:?} is not in the original line",
                n + 1,
                edit.spun,
                edit.replacement
            );
            edits += 1;
        }
    }
    assert!(edits >= 25, "only {edits} edits on the sample");
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let entry = entry.unwrap();
        let path = entry.path();
        // Debian links every file as `name.u8` too: read each file once.
        let kind = entry.file_type().unwrap();
        if kind.is_dir() {
            walk(&path, out);
        } else if kind.is_file() && path.extension().is_none_or(|x| x != "dat") {
            out.push(path);
        }
    }
}

fn line_of(text: &str, offset: usize) -> usize {
    1 + text[..offset].bytes().filter(|&b| b == b'\n').count()
}

/// A real third-party corpus of clean English: zero default-mode edits.
#[test]
#[ignore = "needs Debian's fortunes"]
fn fortunes_get_zero_default_edits() {
    let dir = needs::fortunes();
    let mut files = Vec::new();
    walk(&dir, &mut files);
    files.sort();
    let unspin = Unspinner::new();
    let (mut bytes, mut context, mut documents) = (0, 0, 0);
    let mut highest = 0.0f64;
    let mut problems = Vec::new();
    for path in &files {
        let text = String::from_utf8_lossy(&std::fs::read(path).unwrap()).into_owned();
        bytes += text.len();
        // Fortunes grouped into documents of about 300 words are all clean.
        let mut document = String::new();
        let mut fortunes = text.split("\n%\n").peekable();
        while let Some(fortune) = fortunes.next() {
            document.push_str(fortune);
            document.push('\n');
            if document.split_whitespace().count() >= 300 || fortunes.peek().is_none() {
                let score = unspin.score(&document);
                highest = highest.max(score.probability());
                if score.verdict() != Verdict::Clean {
                    problems.push(format!(
                        "{}: a document is {:?}: {score:?}",
                        path.display(),
                        score.verdict()
                    ));
                }
                documents += 1;
                document.clear();
            }
        }
        for edit in unspin.repair(&text).edits {
            problems.push(format!(
                "{}:{}: {:?} -> {:?} ({})",
                path.display(),
                line_of(&text, edit.span.start),
                edit.spun,
                edit.replacement,
                edit.location
            ));
        }
        context += unspin
            .find_iter(&text)
            .filter(|m| m.entry().tier() == Tier::Context)
            .count();
    }
    assert!(bytes > 1_000_000, "only {bytes} bytes of fortunes");
    eprintln!(
        "fortunes: {} files, {bytes} bytes, {documents} documents of ~300 words \
         (highest spin probability {highest:.3}), {context} context-tier matches, {} problems",
        files.len(),
        problems.len()
    );
    assert!(problems.is_empty(), "\n{}", problems.join("\n"));
}

#[test]
fn verdicts_of_the_bundled_sample_and_its_original() {
    let unspin = Unspinner::new();
    let spun = unspin.score(&read("samples/spun-article.txt"));
    assert_eq!(spun.verdict(), Verdict::Spun, "{spun:?}");
    let original = unspin.score(&read("samples/spun-article.original.txt"));
    assert_eq!(original.verdict(), Verdict::Clean, "{original:?}");
    let fixture = unspin.score(&read("tests/fixtures/clean-en.txt"));
    assert_eq!(fixture.verdict(), Verdict::Clean, "{fixture:?}");
}

#[test]
fn auto_mode_repairs_context_words_only_in_spun_text() {
    let unspin = Unspinner::new();
    assert_eq!(unspin.mode(), Mode::Auto);
    // A spun text: context entries are applied.
    let spun = read("samples/spun-article.txt");
    let repaired = unspin.repair(&spun);
    assert!(repaired.edits.iter().any(|e| e.tier == Tier::Context));
    // Context words in clean text are left alone, though aggressive mode
    // would change them.
    let clean = read("tests/fixtures/clean-en.txt");
    assert!(unspin.repair(&clean).edits.is_empty());
    let aggressive = Unspinner::builder().mode(Mode::Aggressive).build().unwrap();
    assert!(aggressive.repair(&clean).edits.len() > 50);
}
