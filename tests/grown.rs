//! `dictionaries/mined.tsv` is generated: it must be exactly what the
//! `grow` example mines from the development stories today, and every
//! line must name the stories it came from, so that leave-one-out
//! evaluation can leave them out.

#[path = "../examples/shared/devmine.rs"]
mod devmine;
#[path = "../examples/shared/heldout.rs"]
mod heldout;
mod needs;

use std::path::Path;

fn bundled() -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(heldout::MINED);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
#[ignore = "needs ../shared/samples"]
fn the_mined_dictionary_is_what_the_stories_give() {
    let samples = needs::shared_samples();
    let grown = devmine::grown(&samples).unwrap();
    assert!(
        grown == bundled(),
        "dictionaries/mined.tsv is out of date: run `cargo run --release --example grow`"
    );
}

#[test]
fn every_mined_line_names_its_stories() {
    let mut entries = 0;
    for (i, line) in bundled().lines().enumerate() {
        if line.starts_with('#') {
            continue;
        }
        entries += 1;
        let fields: Vec<&str> = line.split('\t').collect();
        let at = format!("{}:{}", heldout::MINED, i + 1);
        assert_eq!(fields.len(), 7, "{at}: seven columns");
        let stories = fields[3].split(',').all(|t| {
            t == "spinner-synonyms"
                || t.split_once(':').is_some_and(|(set, n)| {
                    ["dev", "dev2", "dev3"].contains(&set)
                        && n.len() == 2
                        && n.chars().all(|c| c.is_ascii_digit())
                })
        });
        assert!(stories, "{at}: the source lists stories: {:?}", fields[3]);
        // Only names are `fix`, and only in Title Case.
        match fields[2] {
            "fix" => assert_eq!(fields[6], "case:title", "{at}"),
            tier => assert_eq!(tier, "context", "{at}"),
        }
    }
    // The grown file is hundreds of lines; a truncated one must not pass.
    assert!(entries > 800, "only {entries} mined entries");
}
