//! Matcher core against the `aho-corasick` crate, on the same keys and text.
//!
//! Corpora, each repeated to at least 2 MB:
//! * clean: `tests/fixtures/clean-en.txt`, clean English sentences;
//! * spun: `samples/spun-article.txt`, a spun news article.
//!
//! aho-corasick is configured as its users would for this job: the folded
//! spun phrases of the same dictionary, `MatchKind::LeftmostLongest`, ASCII
//! case-insensitive. It does no word-boundary check, no whitespace or
//! apostrophe folding, and no case carrying, so it does less work than
//! unspin.
//!
//! Run with `cargo bench --bench matcher`; the README has the figures.

use std::hint::black_box;
use std::time::Duration;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use unspin::{Mode, Unspinner};

const MIN_LEN: usize = 2 << 20;

fn corpus(path: &str) -> String {
    let path = format!("{}/{path}", env!("CARGO_MANIFEST_DIR"));
    let one = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let mut text = String::with_capacity(MIN_LEN + one.len());
    while text.len() < MIN_LEN {
        text.push_str(&one);
    }
    text
}

fn aho_corasick(unspin: &Unspinner, kind: AhoCorasickKind) -> (AhoCorasick, Vec<String>) {
    let (keys, replacements): (Vec<String>, Vec<String>) = unspin
        .entries()
        .map(|e| (e.spun().to_lowercase(), e.original().to_string()))
        .unzip();
    let ac = AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .ascii_case_insensitive(true)
        .kind(Some(kind))
        .build(&keys)
        .expect("aho-corasick builds");
    (ac, replacements)
}

fn matching(c: &mut Criterion) {
    let unspin = Unspinner::builder().mode(Mode::Aggressive).build().unwrap();
    let (nfa, replacements) = aho_corasick(&unspin, AhoCorasickKind::ContiguousNFA);
    let (dfa, _) = aho_corasick(&unspin, AhoCorasickKind::DFA);
    for (name, path) in [
        ("clean", "tests/fixtures/clean-en.txt"),
        ("spun", "samples/spun-article.txt"),
    ] {
        let text = corpus(path);
        let mut group = c.benchmark_group(format!("detect/{name}"));
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_function("unspin", |b| {
            b.iter(|| unspin.find_iter(black_box(&text)).count())
        });
        group.bench_function("aho-corasick-nfa", |b| {
            b.iter(|| nfa.find_iter(black_box(&text)).count())
        });
        group.bench_function("aho-corasick-dfa", |b| {
            b.iter(|| dfa.find_iter(black_box(&text)).count())
        });
        group.bench_function("word-starts-floor", |b| {
            b.iter(|| {
                let mut n = 0usize;
                let mut pos = 0;
                while let Some(start) = unspin::__next_word_start(black_box(&text), pos) {
                    n += 1;
                    pos = start + text[start..].chars().next().map_or(1, char::len_utf8);
                }
                n
            })
        });
        group.finish();

        let mut group = c.benchmark_group(format!("repair/{name}"));
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_function("unspin", |b| {
            b.iter(|| unspin.repair(black_box(&text)).text.len())
        });
        group.bench_function("aho-corasick-dfa-replace-all", |b| {
            b.iter(|| dfa.replace_all(black_box(&text), &replacements).len())
        });
        group.finish();
    }
}

fn loading(c: &mut Criterion) {
    let mut group = c.benchmark_group("load");
    group.bench_function("embedded (build-time FST)", |b| {
        b.iter(unspin::__load_builtin_uncached)
    });
    // The alternative design: parse and compile the TSV sources at run time.
    let sources: Vec<(String, String)> =
        std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/dictionaries"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| {
                p.extension().is_some_and(|x| x == "tsv")
                    && !p
                        .file_name()
                        .unwrap()
                        .to_string_lossy()
                        .starts_with("allow")
            })
            .map(|p| {
                (
                    p.display().to_string(),
                    std::fs::read_to_string(&p).unwrap(),
                )
            })
            .collect();
    group.bench_function("runtime compile from TSV", |b| {
        b.iter(|| {
            let mut builder = Unspinner::builder().builtin(false);
            for (name, text) in &sources {
                builder = builder.dictionary_str(name.as_str(), text.as_str());
            }
            builder.build().unwrap().entries().count()
        })
    });
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
        .sample_size(20);
    targets = matching, loading
}
criterion_main!(benches);
