//! Repair quality, measured with the evaluation harness's metric: clean
//! documents stay clean and untouched, the bundled spun pairs are repaired
//! without damage, and the real spun sample meets the quality targets.

#[path = "../examples/shared/devmine.rs"]
mod devmine;
#[path = "../examples/shared/heldout.rs"]
mod heldout;
#[allow(dead_code)]
#[path = "../examples/evaluate/metric.rs"]
mod metric;
mod needs;

use std::path::{Path, PathBuf};

use unspin::{Unspinner, Verdict};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn pair_dirs() -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(root().join("tests/data/pairs"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    dirs.sort();
    dirs
}

#[test]
fn clean_documents_are_clean_and_untouched() {
    let mut docs: Vec<PathBuf> = std::fs::read_dir(root().join("tests/data/clean"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    docs.extend(pair_dirs().into_iter().map(|d| d.join("original.txt")));
    docs.push(root().join("samples/spun-article.original.txt"));
    assert!(docs.len() >= 7);
    assert_clean(&docs);
}

/// The originals of the real spun news: clean news, from other writers.
#[test]
#[ignore = "needs ../shared/samples beside the repository"]
fn the_originals_of_the_shared_samples_are_clean_and_untouched() {
    let shared = needs::shared_samples();
    let mut docs = vec![shared.join("spun-news-article.original.txt")];
    for set in ["dev", "dev2", "dev3"] {
        for entry in std::fs::read_dir(shared.join(set)).unwrap() {
            let original = entry.unwrap().path().join("original.txt");
            if original.is_file() {
                docs.push(original);
            }
        }
    }
    assert!(docs.len() > 40, "{} originals", docs.len());
    assert_clean(&docs);
}

/// Every document of `docs` is judged clean and gets no edit.
fn assert_clean(docs: &[PathBuf]) {
    let unspin = Unspinner::new();
    let mut problems = Vec::new();
    for doc in docs {
        let text = read(doc);
        let score = unspin.score(&text);
        if score.verdict() == Verdict::Spun {
            problems.push(format!(
                "{}: verdict {} ({score:?})",
                doc.display(),
                score.verdict()
            ));
        }
        for edit in unspin.repair(&text).edits {
            problems.push(format!(
                "{}: {:?} -> {:?}",
                doc.display(),
                edit.spun,
                edit.replacement
            ));
        }
    }
    assert!(problems.is_empty(), "\n{}", problems.join("\n"));
}

/// Measures auto-mode repair of one spun/original pair.
fn measure(spun: &Path, original: &Path) -> metric::Counts {
    let spun = read(spun);
    let repaired = Unspinner::new().repair(&spun).text.into_owned();
    metric::count(&spun, &repaired, &read(original))
}

#[test]
fn spun_pairs_are_repaired_without_damage() {
    for dir in pair_dirs() {
        let c = measure(&dir.join("spun.txt"), &dir.join("original.txt"));
        let name = dir.display();
        assert!(c.recall() > 0.0, "{name}: nothing restored: {c:?}");
        assert!(
            c.precision() >= PAIR_PRECISION,
            "{name}: precision {:.3}",
            c.precision()
        );
        assert!(
            c.damage() <= PAIR_DAMAGE,
            "{name}: damage {:.2}",
            c.damage()
        );
    }
}

/// Floors for the bundled pairs, in auto mode. The three are judged spun,
/// so their `context` entries apply, and two of those have more than one
/// original ("throughout" for *during* and *across*, "harm" for *hurt* and
/// *damage*): one in seven of storm-school's repairs is the wrong original.
const PAIR_PRECISION: f64 = 0.84;
const PAIR_DAMAGE: f64 = 0.0;

/// Targets for the real spun AP article, in auto mode.
const AP_RECALL: f64 = 0.75;
const AP_PRECISION: f64 = 0.95;
const AP_DAMAGE: f64 = 1.0;

#[test]
#[ignore = "needs ../shared/samples beside the repository"]
fn the_real_sample_meets_the_targets() {
    let shared = needs::shared_samples();
    let c = measure(
        &shared.join("spun-news-article.txt"),
        &shared.join("spun-news-article.original.txt"),
    );
    eprintln!(
        "AP sample, auto mode: recall {:.3}, precision {:.3}, damage {:.2}",
        c.recall(),
        c.precision(),
        c.damage()
    );
    assert!(c.recall() >= AP_RECALL, "recall {:.3}", c.recall());
    assert!(
        c.precision() >= AP_PRECISION,
        "precision {:.3}",
        c.precision()
    );
    assert!(c.damage() <= AP_DAMAGE, "damage {:.2}", c.damage());
}

/// The honest figure does not fall back: every development story repaired
/// by dictionaries built without it (`evaluate --leave-one-out`), pooled.
/// The floors sit just under the figures of README.md ("How well it
/// works"), so a change that loses what carries over to unseen text fails.
#[test]
#[ignore = "needs ../shared/samples beside the repository"]
fn leave_one_story_out_keeps_its_figures() {
    let samples = needs::shared_samples();
    let dictionaries = heldout::Dictionaries::remining(&samples).unwrap();
    let mut total = metric::Counts::default();
    for story in devmine::stories(&samples).unwrap() {
        let held = heldout::story_of(&story.dir).unwrap();
        let unspin = dictionaries.without(&held, unspin::Mode::Auto).unwrap();
        let repaired = unspin.repair(&story.spun);
        total.add(&metric::count(&story.spun, &repaired.text, &story.original));
    }
    let (recall, precision, damage) = (total.recall(), total.precision(), total.damage());
    let measured = format!("{recall:.3} / {precision:.3} / {damage:.2}");
    eprintln!("leave one out: {measured}");
    // The README's table states this figure: it must be today's.
    let readme = read(&root().join("README.md"));
    let row = readme
        .lines()
        .find(|l| l.starts_with("| all 42 |"))
        .expect("README.md has the leave-one-out table");
    let stated = row.trim_end_matches('|').rsplit('|').next().unwrap().trim();
    assert_eq!(stated.trim_matches('*'), measured, "README.md: {row}");
    assert!(recall >= 0.20, "recall {recall:.3}");
    assert!(precision >= 0.85, "precision {precision:.3}");
    assert!(damage <= 4.5, "damage {damage:.2}");
}
