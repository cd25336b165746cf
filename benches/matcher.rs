//! Matcher core against the `aho-corasick` crate, on the same keys and text.
//!
//! Corpora, each repeated to at least 4 MiB; throughput is in bytes of text:
//! * clean: `tests/fixtures/clean-en.txt`, clean English sentences;
//! * spun: `samples/spun-article.txt`, a spun news article (the sample
//!   article's spinner density).
//!
//! Dictionaries:
//! * bundled: the embedded dictionary in aggressive mode (every tier);
//! * synthetic-1k, -10k, -100k: that many `fix` phrases of 2 to 4 real English
//!   words (the distinct words of the clean corpus and of the bundled keys),
//!   drawn by a fixed-seed xorshift generator, so every run sees the same
//!   phrases and the 1k set is a prefix of the 10k set, itself a prefix of
//!   the 100k set. They show how the cost grows with the dictionary.
//!
//! Groups:
//! * `detect/{corpus}/{dictionary}`: counting matches with `unspin`
//!   (`find_iter`) and with aho-corasick's contiguous NFA and DFA engines;
//! * `floor/{corpus}`: a pass that only finds word starts
//!   (`word-starts`), the ceiling for any matcher that looks up phrases at
//!   word starts; and one that also hashes every word (with the word reader
//!   of unspin's score) and asks the bundled prefilter about it
//!   (`hashed-words`), about the ceiling for a matcher that looks words up,
//!   as unspin's does;
//! * `repair/{corpus}/bundled`: `Unspinner::repair` (text and the list of
//!   edits) and `Unspinner::repair_text` (the text alone, like the peers)
//!   against an aho-corasick DFA replace with a word-boundary check (one
//!   output allocation) and against plain `AhoCorasick::replace_all`;
//! * `load`: the embedded dictionary against compiling the TSV files at run
//!   time, and a user dictionary of 1 or 100 lines laid over the embedded
//!   one.
//!
//! At start-up it prints (to stderr) the resident-memory growth of loading
//! the bundled dictionary and scanning the corpora once (Linux only, from
//! `VmRSS` in `/proc/self/status`), and, for every dictionary, the bytes of
//! unspin's compiled dictionary next to `memory_usage()` of the aho-corasick
//! automata, with their build times.
//!
//! aho-corasick is configured as its users would for this job: the folded
//! spun phrases of the same dictionary, `MatchKind::LeftmostLongest`, ASCII
//! case-insensitive. It does less work than unspin: no Unicode folding
//! (whitespace runs, apostrophes, hyphens, non-ASCII case), no case carrying
//! onto the replacement, no context rules (every entry applies), and no
//! word-boundary check in detection. The boundary check of the repair
//! reference only looks at ASCII alphanumeric neighbours, and a match it
//! rejects is skipped without looking for a shorter or later match inside it.
//!
//! Run with `cargo bench --bench matcher` (about 4 minutes on a 2-core
//! machine, most of it measuring); `cargo bench --bench matcher -- detect/clean`
//! runs a subset, but the dictionaries and automata are built in any case.
//! The README has the figures.

use std::borrow::Cow;
use std::collections::{BTreeSet, HashSet};
use std::hint::black_box;
use std::time::{Duration, Instant};

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use criterion::{criterion_group, criterion_main, Criterion, SamplingMode, Throughput};
use unspin::{Mode, Unspinner};

/// Every corpus is repeated to at least this many bytes.
const MIN_LEN: usize = 4 << 20;

/// Synthetic dictionary sizes, in phrases.
const SYNTHETIC_SIZES: [usize; 3] = [1_000, 10_000, 100_000];

/// An aho-corasick DFA that takes longer than this to build is not
/// benchmarked. (On the 2-core reference machine the 100k DFA builds in
/// about 4 s and takes about 400 MiB, so every size runs.)
const DFA_BUILD_LIMIT: Duration = Duration::from_secs(60);

const CORPORA: [(&str, &str); 2] = [
    ("clean", "tests/fixtures/clean-en.txt"),
    ("spun", "samples/spun-article.txt"),
];

/// The file at `path`, repeated to at least `MIN_LEN` bytes, in one
/// allocation (so no freed buffer is reused by what is measured next).
fn corpus(path: &str) -> String {
    let path = format!("{}/{path}", env!("CARGO_MANIFEST_DIR"));
    let one = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let copies = MIN_LEN.div_ceil(one.len());
    let text = one.repeat(copies);
    assert!(text.len() >= MIN_LEN);
    text
}

fn corpora() -> Vec<(&'static str, String)> {
    CORPORA
        .iter()
        .map(|&(name, path)| (name, corpus(path)))
        .collect()
}

/// The word-start floor: count the places where a phrase may start.
fn floor(text: &str) -> usize {
    unspin::__count_word_starts(text)
}

/// Replace-all with a word-boundary check, the way a Rust user would
/// repair with aho-corasick: a match with an ASCII alphanumeric byte just
/// before or after it is skipped; the output is built in one allocation
/// (with headroom for replacements longer than their keys), and the input
/// is returned borrowed when nothing matched, as `Unspinner::repair` does.
fn aho_corasick_repair<'t>(
    ac: &AhoCorasick,
    replacements: &[String],
    text: &'t str,
) -> Cow<'t, str> {
    let bytes = text.as_bytes();
    let mut out: Option<String> = None;
    let mut last = 0;
    for m in ac.find_iter(text) {
        let (start, end) = (m.start(), m.end());
        if (start > 0 && bytes[start - 1].is_ascii_alphanumeric())
            || bytes.get(end).is_some_and(u8::is_ascii_alphanumeric)
        {
            continue;
        }
        let out = out.get_or_insert_with(|| String::with_capacity(text.len() + text.len() / 8));
        out.push_str(&text[last..start]);
        out.push_str(&replacements[m.pattern().as_usize()]);
        last = end;
    }
    match out {
        None => Cow::Borrowed(text),
        Some(mut out) => {
            out.push_str(&text[last..]);
            Cow::Owned(out)
        }
    }
}

/// The resident set size of this process, in bytes; `None` where
/// `/proc/self/status` is not available.
fn vm_rss() -> Option<usize> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    let kb: usize = line
        .trim_start_matches("VmRSS:")
        .trim()
        .trim_end_matches("kB")
        .trim()
        .parse()
        .ok()?;
    Some(kb * 1024)
}

fn mib(bytes: usize) -> String {
    format!("{:.2} MiB", bytes as f64 / (1 << 20) as f64)
}

/// A tiny xorshift64* generator: deterministic, no dependency.
struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// The distinct lowercase ASCII words of the clean corpus and of the
/// bundled dictionary's keys, sorted, so the vocabulary does not depend on
/// hashing. Tokens with an apostrophe, a digit or a non-ASCII letter are
/// left out.
fn vocabulary(bundled: &Unspinner) -> Vec<String> {
    let clean = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/clean-en.txt"
    ))
    .expect("clean corpus");
    let mut words = BTreeSet::new();
    let keys: Vec<String> = bundled.entries().map(|e| e.spun().to_string()).collect();
    for text in std::iter::once(clean.as_str()).chain(keys.iter().map(String::as_str)) {
        for token in text.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’')) {
            if !token.is_empty() && token.bytes().all(|b| b.is_ascii_alphabetic()) {
                words.insert(token.to_ascii_lowercase());
            }
        }
    }
    words.into_iter().collect()
}

/// `n` distinct phrases of 2 to 4 vocabulary words (no word twice in a
/// row). The sequence does not depend on `n`: a smaller set is a prefix of
/// a larger one.
fn synthetic_phrases(vocabulary: &[String], n: usize) -> Vec<String> {
    let mut rng = XorShift(0x9E37_79B9_7F4A_7C15);
    let mut seen = HashSet::with_capacity(n);
    let mut phrases = Vec::with_capacity(n);
    while phrases.len() < n {
        let len = 2 + rng.below(3);
        let mut words: Vec<&str> = Vec::with_capacity(len);
        while words.len() < len {
            let word = vocabulary[rng.below(vocabulary.len())].as_str();
            if words.last() != Some(&word) {
                words.push(word);
            }
        }
        let phrase = words.join(" ");
        if seen.insert(phrase.clone()) {
            phrases.push(phrase);
        }
    }
    phrases
}

/// A dictionary TSV for `phrases`. The originals are one token with digits
/// (`orig000042`): never a key, and never containing one, since every key
/// has at least two alphabetic words, so the builder finds no chain.
fn synthetic_tsv(phrases: &[String]) -> String {
    let mut tsv = String::from("# synthetic benchmark dictionary\n");
    for (i, phrase) in phrases.iter().enumerate() {
        tsv.push_str(&format!("{phrase}\torig{i:06}\tfix\ttest\n"));
    }
    tsv
}

/// A dictionary under test, with the aho-corasick automata over its keys.
struct Dictionary {
    name: String,
    unspin: Unspinner,
    nfa: AhoCorasick,
    /// `None` when the DFA took longer than `DFA_BUILD_LIMIT` to build, or
    /// failed to build.
    dfa: Option<AhoCorasick>,
    /// The original of each aho-corasick pattern, by pattern index.
    replacements: Vec<String>,
}

fn aho_corasick(keys: &[String], kind: AhoCorasickKind) -> Result<AhoCorasick, String> {
    AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .ascii_case_insensitive(true)
        .kind(Some(kind))
        .build(keys)
        .map_err(|e| e.to_string())
}

impl Dictionary {
    fn new(name: String, unspin: Unspinner, unspin_build: Duration) -> Dictionary {
        let (keys, replacements): (Vec<String>, Vec<String>) = unspin
            .entries()
            .map(|e| (e.spun().to_lowercase(), e.original().to_string()))
            .unzip();
        let started = Instant::now();
        let nfa = aho_corasick(&keys, AhoCorasickKind::ContiguousNFA)
            .unwrap_or_else(|e| panic!("{name}: aho-corasick NFA: {e}"));
        let nfa_build = started.elapsed();
        let started = Instant::now();
        let dfa = aho_corasick(&keys, AhoCorasickKind::DFA);
        let dfa_build = started.elapsed();
        let dfa = match dfa {
            Ok(_) if dfa_build > DFA_BUILD_LIMIT => {
                eprintln!(
                    "{name}: aho-corasick DFA took {dfa_build:.1?} to build; not benchmarked"
                );
                None
            }
            Ok(dfa) => Some(dfa),
            Err(e) => {
                eprintln!("{name}: aho-corasick DFA failed to build ({e}); not benchmarked");
                None
            }
        };
        eprintln!(
            "{name}: {} keys; unspin compiled {} (built in {unspin_build:.1?}); \
             aho-corasick NFA {} (built in {nfa_build:.1?}), DFA {} (built in {dfa_build:.1?})",
            keys.len(),
            mib(unspin::__compiled_bytes(&unspin)),
            mib(nfa.memory_usage()),
            dfa.as_ref()
                .map_or("-".to_string(), |d| mib(d.memory_usage())),
        );
        Dictionary {
            name,
            unspin,
            nfa,
            dfa,
            replacements,
        }
    }
}

/// The bundled dictionary and the synthetic ones, smallest first.
fn dictionaries(bundled: Unspinner, bundled_load: Duration) -> Vec<Dictionary> {
    let vocabulary = vocabulary(&bundled);
    eprintln!("synthetic vocabulary: {} words", vocabulary.len());
    let largest = SYNTHETIC_SIZES.iter().copied().max().unwrap_or(0);
    let phrases = synthetic_phrases(&vocabulary, largest);
    let mut dictionaries = vec![Dictionary::new(
        "bundled".to_string(),
        bundled,
        bundled_load,
    )];
    for size in SYNTHETIC_SIZES {
        let name = format!("synthetic-{}k", size / 1000);
        let tsv = synthetic_tsv(&phrases[..size]);
        let started = Instant::now();
        let unspin = Unspinner::builder()
            .builtin(false)
            .mode(Mode::Aggressive)
            .dictionary_str(format!("{name}.tsv"), tsv)
            .build()
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        let built = started.elapsed();
        assert_eq!(unspin.entries().count(), size, "{name}: entry count");
        dictionaries.push(Dictionary::new(name, unspin, built));
    }
    dictionaries
}

/// Loads the bundled dictionary and scans the corpora once, printing the
/// growth of the resident set at each step; returns the loaded dictionary.
/// It must be the first use of the bundled dictionary in the process, which
/// caches it.
fn resident(corpora: &[(&str, String)]) -> (Unspinner, Duration) {
    let before = vm_rss();
    let started = Instant::now();
    let bundled = Unspinner::builder().mode(Mode::Aggressive).build().unwrap();
    let load = started.elapsed();
    let loaded = vm_rss();
    let matches: usize = corpora
        .iter()
        .map(|(_, text)| bundled.find_iter(text).count())
        .sum();
    let scanned = vm_rss();
    eprintln!(
        "bundled: first load {load:.1?}; compiled dictionary {} ({} B); {matches} matches in the corpora",
        mib(unspin::__compiled_bytes(&bundled)),
        unspin::__compiled_bytes(&bundled),
    );
    match (before, loaded, scanned) {
        (Some(before), Some(loaded), Some(scanned)) => eprintln!(
            "bundled: resident set {} before, +{} after loading, +{} after scanning {} of text \
             (+{} in all)",
            mib(before),
            mib(loaded.saturating_sub(before)),
            mib(scanned.saturating_sub(loaded)),
            mib(corpora.iter().map(|(_, t)| t.len()).sum()),
            mib(scanned.saturating_sub(before)),
        ),
        _ => eprintln!("bundled: resident set not measured (no /proc/self/status)"),
    }
    (bundled, load)
}

fn matching(c: &mut Criterion) {
    let corpora = corpora();
    let (bundled, load) = resident(&corpora);
    let dictionaries = dictionaries(bundled, load);
    for (corpus, text) in &corpora {
        for d in &dictionaries {
            eprintln!(
                "{corpus} x {}: unspin {} matches, aho-corasick {} (no boundary check)",
                d.name,
                d.unspin.find_iter(text).count(),
                d.nfa.find_iter(text).count(),
            );
        }
    }

    for (corpus, text) in &corpora {
        for dictionary in &dictionaries {
            let mut group = c.benchmark_group(format!("detect/{corpus}/{}", dictionary.name));
            group.throughput(Throughput::Bytes(text.len() as u64));
            group.sampling_mode(SamplingMode::Flat);
            let unspin = &dictionary.unspin;
            group.bench_function("unspin", |b| {
                b.iter(|| unspin.find_iter(black_box(text)).count())
            });
            let nfa = &dictionary.nfa;
            group.bench_function("aho-corasick-nfa", |b| {
                b.iter(|| nfa.find_iter(black_box(text)).count())
            });
            if let Some(dfa) = &dictionary.dfa {
                group.bench_function("aho-corasick-dfa", |b| {
                    b.iter(|| dfa.find_iter(black_box(text)).count())
                });
            }
            group.finish();
        }

        let mut group = c.benchmark_group(format!("floor/{corpus}"));
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.sampling_mode(SamplingMode::Flat);
        group.bench_function("word-starts", |b| b.iter(|| floor(black_box(text))));
        let hashing = &dictionaries[0].unspin;
        group.bench_function("hashed-words", |b| {
            b.iter(|| unspin::__hash_words(hashing, black_box(text)))
        });
        group.finish();

        let bundled = &dictionaries[0];
        let mut group = c.benchmark_group(format!("repair/{corpus}/{}", bundled.name));
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.sampling_mode(SamplingMode::Flat);
        // unspin's repair of the spun corpus takes about 0.1 s an iteration.
        group.measurement_time(Duration::from_secs(5));
        group.bench_function("unspin", |b| {
            b.iter(|| bundled.unspin.repair(black_box(text)).text.len())
        });
        group.bench_function("unspin-text-only", |b| {
            b.iter(|| bundled.unspin.repair_text(black_box(text)).len())
        });
        if let Some(dfa) = &bundled.dfa {
            let replacements = &bundled.replacements;
            group.bench_function("aho-corasick-dfa-boundary", |b| {
                b.iter(|| aho_corasick_repair(dfa, replacements, black_box(text)).len())
            });
            group.bench_function("aho-corasick-dfa-replace-all", |b| {
                b.iter(|| dfa.replace_all(black_box(text), replacements).len())
            });
        }
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
    // A user dictionary laid over the embedded one, as `-d FILE` does.
    group.bench_function("embedded + one-line user dictionary", |b| {
        b.iter(|| {
            Unspinner::builder()
                .dictionary_str("mine.tsv", "glimmering hope\tglimmer of hope\n")
                .build()
                .unwrap()
        })
    });
    let hundred: String = (0..100)
        .map(|i| format!("glimmering hope {i}\tglimmer of hope {i}\n"))
        .collect();
    group.bench_function("embedded + 100-line user dictionary", |b| {
        b.iter(|| {
            Unspinner::builder()
                .dictionary_str("mine.tsv", hundred.as_str())
                .build()
                .unwrap()
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
