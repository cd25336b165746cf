//! Learning a spinner's table from a corpus: the library's `Learner` and
//! the binary's `--learn`.

mod common;
mod needs;

use common::{stderr, unspin, Scratch};

use std::path::Path;

use unspin::{Learner, Proposal, Unspinner};

fn repo(path: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(path)).unwrap()
}

/// The clean fixture cut into documents of 20 lines.
fn clean_documents() -> Vec<String> {
    let fixture = repo("tests/fixtures/clean-en.txt");
    let lines: Vec<&str> = fixture.lines().collect();
    lines.chunks(20).map(|c| c.join("\n")).collect()
}

#[test]
fn the_spun_sample_is_paired_with_its_original_among_clean_documents() {
    let unspin = Unspinner::new();
    let mut learner = Learner::new(&unspin);
    for (i, doc) in clean_documents().iter().enumerate() {
        learner.add(format!("clean-{i}"), doc.clone());
    }
    learner.add("spun", repo("samples/spun-article.txt"));
    learner.add("original", repo("samples/spun-article.original.txt"));
    let learned = learner.learn();
    assert_eq!(learned.pairs.len(), 1, "{}", learned.report());
    let pair = &learned.pairs[0];
    assert_eq!(
        (learned.name(pair.spun), learned.name(pair.original)),
        ("spun", "original")
    );
    assert!(pair.comparison.direction.known > 0);
    // What the sample's spinner did is learned: a phrase swapped word by word.
    let found = |spun: &str, original: &str| {
        learned
            .entries
            .iter()
            .any(|c| c.spun == spun && c.original.eq_ignore_ascii_case(original))
    };
    assert!(
        found("four persons", "four people"),
        "{}",
        learned.dictionary()
    );
    // Seen in one document only, it is proposed as `context`, not `fix`.
    let four = learned
        .entries
        .iter()
        .find(|c| c.spun == "four persons")
        .unwrap();
    assert_eq!(four.proposal, Proposal::Entry(unspin::Tier::Context));
    // Learning is deterministic.
    let again = {
        let mut learner = Learner::new(&unspin);
        for (i, doc) in clean_documents().iter().enumerate() {
            learner.add(format!("clean-{i}"), doc.clone());
        }
        learner.add("spun", repo("samples/spun-article.txt"));
        learner.add("original", repo("samples/spun-article.original.txt"));
        learner.learn()
    };
    assert_eq!(again.dictionary(), learned.dictionary());
}

#[test]
fn a_light_edit_is_one_story_but_not_spun() {
    let unspin = Unspinner::new();
    let original = repo("samples/spun-article.original.txt");
    let edited =
        original
            .replacen(" said ", " says ", 2)
            .replacen(".", ". This story has been updated.", 1);
    let mut learner = Learner::new(&unspin);
    learner.add("original", original);
    learner.add("edited", edited);
    let learned = learner.learn();
    assert!(learned.pairs.is_empty(), "{}", learned.report());
    assert_eq!(learned.not_spun.len(), 1, "{}", learned.report());
}

#[test]
fn hostile_corpora_end_with_a_report() {
    let unspin = Unspinner::new();
    let mut learner = Learner::new(&unspin);
    let clean = clean_documents();
    // Thousands of exact copies cost one document.
    for i in 0..3000 {
        learner.add(format!("copy-{i}"), clean[0].clone());
    }
    learner.add("empty", "");
    learner.add("blank", " \n\t\n");
    learner.add("one word", "Word");
    learner.add(
        "german",
        "Die Bundesregierung hat am Montag in Berlin mitgeteilt, dass 3.000 Tests aus \
         München eingetroffen sind. Minister Jens Spahn sagte, die Lage in Bayern sei ernst.",
    );
    learner.add(
        "japanese",
        "東京都は月曜日、新たに３０００件の検査を行ったと発表した。",
    );
    // A document past the alignment's limit, twice with one word changed.
    let huge = repo("tests/fixtures/clean-en.txt").repeat(30);
    learner.add("huge", huge.clone());
    learner.add("huge-edited", huge.replacen("governor", "mayor", 1));
    let learned = learner.learn();
    assert_eq!(learned.documents, 3007);
    // The empty and the blank document are one after trimming.
    assert_eq!(learned.duplicates, 3000);
    assert!(learned.pairs.is_empty(), "{}", learned.report());
    // The huge pair is past the alignment's limit: never compared, so not
    // even judged "one story, not spun".
    assert!(learned.not_spun.is_empty(), "{}", learned.report());
    assert!(
        learned
            .report()
            .contains("3007 documents (3000 exact duplicates set aside"),
        "{}",
        learned.report()
    );
}

#[test]
fn the_command_line_learns_from_files_and_json_lines() {
    let dir = Scratch::new("learn");
    let spun = repo("samples/spun-article.txt");
    let original = repo("samples/spun-article.original.txt");
    dir.file("corpus/spun.txt", spun.as_bytes());
    dir.file("corpus/original.txt", original.as_bytes());
    for (i, doc) in clean_documents().iter().enumerate() {
        dir.file(&format!("corpus/clean-{i:02}.txt"), doc.as_bytes());
    }
    dir.file("corpus/latin1.txt", b"caf\xe9 au lait\n");
    let out = dir.path("learned.tsv");
    let run = unspin(
        &[
            "--learn",
            out.to_str().unwrap(),
            dir.path("corpus").to_str().unwrap(),
        ],
        b"",
    );
    // The file that is not UTF-8 is left out: the dictionary is written,
    // and the exit status says something was left out.
    assert_eq!(run.status.code(), Some(2), "{}", stderr(&run));
    let report = stderr(&run);
    assert!(report.contains("1 input or record left out"), "{report}");
    assert!(
        report.contains("1 spun document paired with its original"),
        "{report}"
    );
    assert!(report.contains("latin1.txt"), "{report}");
    let learned = std::fs::read_to_string(&out).unwrap();
    assert!(
        learned.contains("four persons\tfour people\tcontext"),
        "{learned}"
    );

    // The learned dictionary, loaded with -d, leaves clean text alone in the
    // default mode.
    let clean = dir.file("clean.txt", repo("tests/fixtures/clean-en.txt").as_bytes());
    let run = unspin(&["-d", out.to_str().unwrap(), "--check", &clean], b"");
    assert_eq!(run.status.code(), Some(0), "{}", common::stdout(&run));

    // The same corpus as JSON lines.
    let mut jsonl = String::new();
    for (id, text) in [("s", &spun), ("o", &original)] {
        jsonl.push_str(&format!(
            "{{\"id\":\"{id}\",\"body\":{}}}\n",
            serde_json::to_string(text).unwrap()
        ));
    }
    jsonl.push_str("not json\n");
    jsonl.push_str("{\"id\":\"x\",\"text\":\"no body here\"}\n");
    let records = dir.file("corpus.jsonl", jsonl.as_bytes());
    let out2 = dir.path("learned2.tsv");
    let run = unspin(
        &[
            "--learn",
            out2.to_str().unwrap(),
            "--jsonl",
            "--field",
            "body",
            &records,
        ],
        b"",
    );
    assert_eq!(run.status.code(), Some(2), "{}", stderr(&run));
    assert!(
        stderr(&run).contains("1 record without a string field \"body\""),
        "{}",
        stderr(&run)
    );
    assert!(
        stderr(&run).contains("corpus.jsonl:3: not JSON"),
        "{}",
        stderr(&run)
    );
    assert!(
        stderr(&run).contains("corpus.jsonl:1 <- original"),
        "{}",
        stderr(&run)
    );
    let learned2 = std::fs::read_to_string(&out2).unwrap();
    assert!(
        learned2.contains("four persons\tfour people\tcontext"),
        "{learned2}"
    );
}

#[test]
fn nothing_to_learn_from_is_an_error() {
    let dir = Scratch::new("learn-empty");
    let empty = dir.path("empty");
    std::fs::create_dir_all(&empty).unwrap();
    let run = unspin(
        &[
            "--learn",
            dir.path("out.tsv").to_str().unwrap(),
            empty.to_str().unwrap(),
        ],
        b"",
    );
    assert_eq!(run.status.code(), Some(2));
    assert!(stderr(&run).contains("no document"), "{}", stderr(&run));
    assert!(!dir.path("out.tsv").exists());
}

/// The development stories mixed with Debian's fortunes: pairs found and
/// right (the full evaluation is `cargo run --release --example learn`).
#[test]
#[ignore = "needs ../shared/samples and Debian's fortunes"]
fn the_development_stories_are_found_among_clean_documents() {
    let samples = needs::shared_samples();
    let fortunes = needs::fortunes();
    let unspin = Unspinner::new();
    let mut learner = Learner::new(&unspin);
    let mut truth = Vec::new();
    for set in ["dev", "dev2", "dev3"] {
        let mut dirs: Vec<_> = std::fs::read_dir(samples.join(set))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.join("spun.txt").is_file())
            .collect();
        dirs.sort();
        for dir in dirs {
            let name = dir.file_name().unwrap().to_string_lossy().into_owned();
            let original = std::fs::read_to_string(dir.join("original.txt")).unwrap();
            learner.add(
                format!("{set}/{name}/spun"),
                std::fs::read_to_string(dir.join("spun.txt")).unwrap(),
            );
            learner.add(format!("{set}/{name}/original"), original.clone());
            truth.push((format!("{set}/{name}/spun"), original));
        }
    }
    let mut files: Vec<_> = std::fs::read_dir(&fortunes)
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_type().unwrap().is_file())
        .map(|e| e.path())
        .filter(|p| p.extension().is_none())
        .collect();
    files.sort();
    let mut n = 0;
    for path in files {
        let text = String::from_utf8_lossy(&std::fs::read(&path).unwrap()).into_owned();
        let mut doc = String::new();
        for piece in text.split("\n%\n") {
            doc.push_str(piece);
            doc.push('\n');
            if doc.split_whitespace().count() >= 300 {
                learner.add(format!("fortune-{n}"), std::mem::take(&mut doc));
                n += 1;
            }
        }
    }
    let learned = learner.learn();
    // Right: the spun story with its own original, or with an original of
    // the same text (twin stories' originals may be one text, kept once).
    let original_of: std::collections::HashMap<&str, &str> = truth
        .iter()
        .map(|(spun, original)| (spun.as_str(), original.as_str()))
        .collect();
    let right = learned
        .pairs
        .iter()
        .filter(|p| {
            let spun = learned.name(p.spun);
            let original = learned.name(p.original);
            original_of.get(spun).is_some_and(|want| {
                original_of
                    .iter()
                    .any(|(s, text)| s.replace("/spun", "/original") == original && text == want)
            })
        })
        .count();
    let recall = right as f64 / truth.len() as f64;
    let precision = right as f64 / learned.pairs.len().max(1) as f64;
    assert!(
        recall >= 0.9 && precision >= 0.95,
        "recall {recall}, precision {precision}\n{}",
        learned.report()
    );
    assert!(learned
        .entries
        .iter()
        .any(|c| matches!(c.proposal, Proposal::Entry(_))));
}

fn learn_from(docs: &[(&str, String)]) -> unspin::Learned {
    let unspin = Unspinner::new();
    let mut learner = Learner::new(&unspin);
    for (name, text) in docs {
        learner.add(*name, text.clone());
    }
    learner.learn()
}

/// Which document comes first does not change what is found, even when
/// the original holds more than the spun copy (an excerpt).
#[test]
fn the_order_of_the_documents_does_not_matter() {
    let spun = repo("samples/spun-article.txt");
    let clean = clean_documents();
    // The original with about 200 more words than the spun copy.
    let extra: String = clean[0]
        .split_whitespace()
        .take(200)
        .collect::<Vec<_>>()
        .join(" ");
    let original = format!("{}\n{extra}\n", repo("samples/spun-article.original.txt"));
    let one = learn_from(&[("original", original.clone()), ("spun", spun.clone())]);
    let two = learn_from(&[("spun", spun.clone()), ("original", original.clone())]);
    assert_eq!(one.pairs.len(), 1, "{}", one.report());
    assert_eq!(two.pairs.len(), 1, "{}", two.report());
    assert_eq!(one.dictionary(), two.dictionary());
    let unspin = Unspinner::new();
    let ab = unspin::learn::pair::compare(&unspin, &spun, &original).unwrap();
    let ba = unspin::learn::pair::compare(&unspin, &original, &spun).unwrap();
    assert_eq!(ab.verdict(), unspin::learn::pair::Verdict::FirstSpun);
    assert_eq!(ba.verdict(), unspin::learn::pair::Verdict::SecondSpun);
    assert_eq!(ab.flipped().verdict(), ba.verdict());
}

/// A story on a hundred sites (near-copies that differ in a footer) still
/// pairs with its spun copy: a crowded band gives each member its nearest
/// neighbours.
#[test]
fn a_story_copied_a_hundred_times_still_pairs() {
    let original = repo("samples/spun-article.original.txt");
    let mut docs: Vec<(String, String)> = (0..100)
        .map(|i| {
            (
                format!("copy-{i:03}"),
                format!("{original}\nRead more at site number {i}."),
            )
        })
        .collect();
    docs.push(("spun".to_string(), repo("samples/spun-article.txt")));
    let docs: Vec<(&str, String)> = docs.iter().map(|(n, t)| (n.as_str(), t.clone())).collect();
    let learned = learn_from(&docs);
    assert_eq!(learned.pairs.len(), 1, "{}", learned.report());
    assert_eq!(learned.name(learned.pairs[0].spun), "spun");
    assert_eq!(learned.crowded_bands, 0);
}

/// One spun copy posted twice is one piece of evidence: it makes no `fix`
/// entry that one copy would not.
#[test]
fn a_reposted_spun_copy_counts_once() {
    let spun = repo("samples/spun-article.txt");
    let original = repo("samples/spun-article.original.txt");
    let fixes = |learned: &unspin::Learned| {
        learned
            .entries
            .iter()
            .filter(|c| c.proposal == Proposal::Entry(unspin::Tier::Fix))
            .count()
    };
    let once = learn_from(&[("original", original.clone()), ("spun", spun.clone())]);
    let twice = learn_from(&[
        ("original", original),
        ("spun", format!("{spun}\nShared from site A.")),
        ("spun again", format!("{spun}\nShared from site B.")),
    ]);
    assert_eq!(twice.pairs.len(), 2, "{}", twice.report());
    assert_eq!(fixes(&twice), fixes(&once));
}
