//! How long `Learner::learn` takes on 10,000 documents of about 500 words.
//!
//! ```text
//! cargo bench --bench learn
//! ```
//!
//! The corpus: clean documents of about 500 words, each a deterministic
//! mix of the clean fixture's sentences (so that many share names and
//! numbers, and the fingerprints give candidates to align), with the
//! bundled spun sample and its original, and, when `../shared/samples` is
//! beside the repository, the 42 development stories and their originals.
//! It prints the documents, the words, the pairs found and the wall time
//! of one run of `learn` on every core, then of one on a single thread.

use std::path::Path;
use std::time::Instant;

use unspin::{Learner, Unspinner};

const DOCUMENTS: usize = 10_000;
const WORDS: usize = 500;

fn corpus() -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let read = |p: &Path| std::fs::read_to_string(p).expect("the repository's files read");
    let mut docs = vec![
        (
            "spun".to_string(),
            read(&root.join("samples/spun-article.txt")),
        ),
        (
            "original".to_string(),
            read(&root.join("samples/spun-article.original.txt")),
        ),
    ];
    let samples = root.join("../shared/samples");
    for set in ["dev", "dev2", "dev3"] {
        let Ok(dirs) = std::fs::read_dir(samples.join(set)) else {
            continue;
        };
        let mut dirs: Vec<_> = dirs.filter_map(|e| e.ok().map(|e| e.path())).collect();
        dirs.sort();
        for dir in dirs.iter().filter(|d| d.join("spun.txt").is_file()) {
            let name = dir.display().to_string();
            docs.push((format!("{name}/spun"), read(&dir.join("spun.txt"))));
            docs.push((format!("{name}/original"), read(&dir.join("original.txt"))));
        }
    }
    let fixture = read(&root.join("tests/fixtures/clean-en.txt"));
    let sentences: Vec<&str> = fixture.lines().filter(|l| !l.trim().is_empty()).collect();
    let mut state: u64 = 0x5eed;
    let mut next = || {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (state >> 33) as usize
    };
    while docs.len() < DOCUMENTS {
        let mut doc = String::new();
        while doc.split_whitespace().count() < WORDS {
            doc.push_str(sentences[next() % sentences.len()]);
            doc.push(' ');
        }
        docs.push((format!("clean-{}", docs.len()), doc));
    }
    docs
}

fn run(unspin: &Unspinner, docs: &[(String, String)]) -> (f64, usize) {
    let mut learner = Learner::new(unspin);
    for (name, text) in docs {
        learner.add(name.clone(), text.clone());
    }
    let started = Instant::now();
    let learned = learner.learn();
    (started.elapsed().as_secs_f64(), learned.pairs.len())
}

fn main() {
    if !std::env::args().any(|a| a == "--bench") {
        return; // `cargo test` runs benches as tests: nothing to time there.
    }
    let docs = corpus();
    let words: usize = docs.iter().map(|(_, t)| t.split_whitespace().count()).sum();
    let unspin = Unspinner::new();
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let (all, pairs) = run(&unspin, &docs);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .expect("a thread starts");
    let (one, _) = pool.install(|| run(&unspin, &docs));
    println!(
        "learn: {} documents, {words} words, {pairs} pairs found: {all:.1} s on {threads} threads, {one:.1} s on 1",
        docs.len()
    );
}
