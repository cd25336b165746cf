//! Precision first: the bundled dictionaries must not touch clean text, and
//! what they do to the bundled spun sample must restore the original.

use unspin::{Tier, Unspinner};

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
    let unspin = Unspinner::new();
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
