//! How well `unspin --learn` finds and mines spun copies in a corpus.
//!
//! ```text
//! cargo run --release --example learn -- [--samples DIR] [--fortunes DIR]
//!     [--clean NAME=FILE.jsonl ...] [--folds K]
//! ```
//!
//! Builds a test corpus, unlabelled and shuffled: the spun stories of
//! `../shared/samples/dev*` and their originals as separate documents;
//! clean documents (Debian's fortunes, the clean fixture, and the JSON
//! lines corpora of `scripts/clean-corpus.py` given with `--clean`); two
//! light edits of every original by a "person" (a sentence dropped, one
//! added, a word or two changed), which are near-duplicates but not spun;
//! a thousand exact copies of a few clean documents, empty ones, a huge
//! one, and a few in other languages. With the dictionaries built without
//! any development story (every line whose source names one left out, and
//! `mined.tsv` left out), it then reports:
//!
//! 1. **pairing**: how many of the stories' (spun, original) pairs are
//!    found, and how many reported pairs are right;
//! 2. **mining**: how many of the substitution types that aligned mining
//!    finds on the true pairs the corpus's learned entries reproduce;
//! 3. **repair on held-out stories**: the stories are cut into `--folds`
//!    folds (a story with its twin); each fold's spun stories are repaired
//!    by the story-free dictionaries plus what was learned from the corpus
//!    without that fold, beside the story-free dictionaries alone;
//! 4. **clean text**: edits and `spun` verdicts that the learned
//!    dictionary (from the whole corpus) makes on the clean documents, in
//!    the default mode;
//! 5. the time `Learner::learn` took.

#[path = "../shared/devmine.rs"]
mod devmine;
#[path = "../shared/heldout.rs"]
mod heldout;
#[path = "../evaluate/metric.rs"]
#[allow(dead_code)]
mod metric;

use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use unspin::{Learner, Mode, Proposal, Unspinner, Verdict};

struct Options {
    samples: PathBuf,
    fortunes: PathBuf,
    clean: Vec<(String, PathBuf)>,
    folds: usize,
}

fn options() -> Result<Options, String> {
    let mut o = Options {
        samples: PathBuf::from("../shared/samples"),
        fortunes: PathBuf::from("/usr/share/games/fortunes"),
        clean: Vec::new(),
        folds: 5,
    };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = |name: &str| args.next().ok_or(format!("{name} needs a value"));
        match arg.as_str() {
            "--samples" => o.samples = PathBuf::from(value("--samples")?),
            "--fortunes" => o.fortunes = PathBuf::from(value("--fortunes")?),
            "--clean" => {
                let v = value("--clean")?;
                let (name, path) = v.split_once('=').ok_or("--clean takes NAME=FILE")?;
                o.clean.push((name.to_string(), PathBuf::from(path)));
            }
            "--folds" => {
                o.folds = value("--folds")?
                    .parse()
                    .map_err(|e| format!("--folds: {e}"))?
            }
            _ => {
                return Err(format!(
                    "unknown argument {arg:?}; see examples/learn/main.rs"
                ))
            }
        }
    }
    Ok(o)
}

fn main() -> ExitCode {
    match options().and_then(|o| run(&o)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("learn: {e}");
            ExitCode::from(2)
        }
    }
}

/// What a corpus document is, known to the evaluation only.
#[derive(Clone, Debug, PartialEq)]
enum Kind {
    /// The spun copy of story `token`.
    Spun { token: String, fold: usize },
    /// The original of story `token`.
    Original { token: String },
    /// A light edit of the original of story `token`, not spun.
    Edited { token: String },
    /// Clean text of corpus `set`.
    Clean { set: String },
    /// An exact copy, an empty document, a huge one or another language.
    Hostile,
}

struct Doc {
    name: String,
    text: String,
    kind: Kind,
}

/// A small deterministic generator (64-bit LCG), so the corpus is the same
/// on every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// A person's light edit: one sentence dropped, one added, and one or two
/// words changed as an editor would ("says" for "said", a number
/// corrected).
fn light_edit(text: &str, rng: &mut Rng) -> String {
    let mut sentences: Vec<String> = text
        .split_inclusive(['.', '\n'])
        .map(str::to_string)
        .collect();
    if sentences.len() > 4 {
        let drop = 1 + rng.below(sentences.len() - 2);
        sentences.remove(drop);
    }
    let at = rng.below(sentences.len());
    sentences.insert(
        at,
        " This story has been updated with more details. ".to_string(),
    );
    let mut out: String = sentences.concat();
    for (from, to) in [(" said ", " says "), (" on Monday", " on Tuesday")] {
        if let Some(i) = out.find(from) {
            out.replace_range(i..i + from.len(), to);
        }
    }
    out
}

/// The names of the stories that are twins (one source, two spinners) share
/// a group, and a group goes to one fold.
fn group_of(token: &str) -> String {
    let source = heldout::source_of(token);
    heldout::SHARED
        .iter()
        .find(|(a, b)| *a == source || *b == source)
        .map_or(source.to_string(), |(a, _)| a.to_string())
}

fn corpus(o: &Options, rng: &mut Rng) -> Result<Vec<Doc>, String> {
    let mut docs = Vec::new();
    let stories = devmine::stories(&o.samples)?;
    let groups: BTreeSet<String> = stories.iter().map(|s| group_of(&s.token)).collect();
    let groups: Vec<String> = groups.into_iter().collect();
    for story in &stories {
        let fold = groups
            .iter()
            .position(|g| *g == group_of(&story.token))
            .unwrap_or(0)
            % o.folds.max(1);
        docs.push(Doc {
            name: String::new(),
            text: story.spun.clone(),
            kind: Kind::Spun {
                token: story.token.clone(),
                fold,
            },
        });
        docs.push(Doc {
            name: String::new(),
            text: story.original.clone(),
            kind: Kind::Original {
                token: story.token.clone(),
            },
        });
        for _ in 0..2 {
            docs.push(Doc {
                name: String::new(),
                text: light_edit(&story.original, rng),
                kind: Kind::Edited {
                    token: story.token.clone(),
                },
            });
        }
    }
    let mut clean = Vec::new();
    clean.extend(
        fortunes(&o.fortunes)?
            .into_iter()
            .map(|t| ("fortunes".to_string(), t)),
    );
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/clean-en.txt");
    let fixture = std::fs::read_to_string(&fixture).map_err(|e| format!("{e}"))?;
    for chunk in fixture.lines().collect::<Vec<_>>().chunks(20) {
        clean.push(("fixture".to_string(), chunk.join("\n")));
    }
    for (set, path) in &o.clean {
        let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
        for line in text.lines().filter(|l| !l.trim().is_empty()) {
            let record: serde_json::Value =
                serde_json::from_str(line).map_err(|e| format!("{}: {e}", path.display()))?;
            let text = record["text"].as_str().unwrap_or_default().to_string();
            clean.push((set.clone(), text));
        }
    }
    for (set, text) in &clean {
        docs.push(Doc {
            name: String::new(),
            text: text.clone(),
            kind: Kind::Clean { set: set.clone() },
        });
    }
    // Hostile documents: exact copies, empty, huge, other languages.
    for k in 0..1000 {
        let (_, text) = &clean[k % 5];
        docs.push(Doc {
            name: String::new(),
            text: text.clone(),
            kind: Kind::Hostile,
        });
    }
    for text in [
        String::new(),
        " \n\n ".to_string(),
        fixture.repeat(40),
        "Die Bundesregierung hat am Montag in Berlin mitgeteilt, dass 3.000 Tests aus \
         München eingetroffen sind. Gesundheitsminister Jens Spahn sagte, die Lage in \
         Bayern und Hessen sei ernst."
            .to_string(),
        "Le gouvernement a annoncé lundi à Paris que 3 000 tests étaient arrivés de Lyon. \
         Le ministre Olivier Véran a déclaré que la situation en Bretagne restait grave."
            .to_string(),
        "東京都は月曜日、新たに３０００件の検査を行ったと発表した。".to_string(),
    ] {
        docs.push(Doc {
            name: String::new(),
            text,
            kind: Kind::Hostile,
        });
    }
    // Shuffled and unlabelled: names say nothing of the kind.
    for i in (1..docs.len()).rev() {
        let j = rng.below(i + 1);
        docs.swap(i, j);
    }
    for (i, doc) in docs.iter_mut().enumerate() {
        doc.name = format!("doc-{:05}", i + 1);
    }
    Ok(docs)
}

fn fortunes(dir: &Path) -> Result<Vec<String>, String> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| format!("{}: {e} (apt-get install fortunes)", dir.display()))?
        .filter_map(|e| e.ok())
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .map(|e| e.path())
        .filter(|p| p.extension().is_none())
        .collect();
    files.sort();
    let mut docs = Vec::new();
    for path in files {
        let text =
            String::from_utf8_lossy(&std::fs::read(&path).map_err(|e| e.to_string())?).into_owned();
        let mut doc = String::new();
        for piece in text.split("\n%\n") {
            doc.push_str(piece);
            doc.push('\n');
            if doc.split_whitespace().count() >= 300 {
                docs.push(std::mem::take(&mut doc));
            }
        }
    }
    Ok(docs)
}

/// The bundled dictionaries without any line mined from a development
/// story, and without `mined.tsv`.
/// Dictionaries as (name, text), allowlists, and the unspinner they build.
type Built = (Vec<(String, String)>, Vec<PathBuf>, Unspinner);

fn story_free(mode: Mode) -> Result<Built, String> {
    let d = heldout::Dictionaries::read()?;
    let files: Vec<(String, String)> = d
        .lines_without(|token| token.starts_with("dev"))
        .into_iter()
        .filter(|(name, _)| name != heldout::MINED)
        .collect();
    let (_, allow) = d.parts();
    let unspinner = heldout::build(&files, allow, mode)?;
    Ok((files, allow.to_vec(), unspinner))
}

fn learn(base: &Unspinner, docs: &[&Doc]) -> unspin::Learned {
    let mut learner = Learner::new(base);
    for doc in docs {
        learner.add(doc.name.clone(), doc.text.clone());
    }
    learner.learn()
}

fn run(o: &Options) -> Result<(), String> {
    let mut rng = Rng(0x5eed);
    let docs = corpus(o, &mut rng)?;
    let (files, allow, base) = story_free(Mode::Auto)?;
    let count = |f: &dyn Fn(&Kind) -> bool| docs.iter().filter(|d| f(&d.kind)).count();
    println!(
        "corpus: {} documents: {} spun stories, {} originals, {} light edits, {} clean, {} hostile (exact copies, empty, huge, other languages)",
        docs.len(),
        count(&|k| matches!(k, Kind::Spun { .. })),
        count(&|k| matches!(k, Kind::Original { .. })),
        count(&|k| matches!(k, Kind::Edited { .. })),
        count(&|k| matches!(k, Kind::Clean { .. })),
        count(&|k| matches!(k, Kind::Hostile)),
    );

    // 1. Pairing on the whole corpus.
    let all: Vec<&Doc> = docs.iter().collect();
    let started = Instant::now();
    let learned = learn(&base, &all);
    let seconds = started.elapsed().as_secs_f64();
    let original_text: HashMap<&str, &str> = docs
        .iter()
        .filter_map(|d| match &d.kind {
            Kind::Original { token } => Some((token.as_str(), d.text.as_str())),
            _ => None,
        })
        .collect();
    // Right: a spun story with its original, or with a person's light edit
    // of it (an unspun copy of the story all the same; counted apart).
    let edit_of = |spun: usize, original: usize| match (&docs[spun].kind, &docs[original].kind) {
        (Kind::Spun { token, .. }, Kind::Edited { token: t }) => token == t,
        _ => false,
    };
    let right = |spun: usize, original: usize| match &docs[spun].kind {
        Kind::Spun { token, .. } => {
            original_text.get(token.as_str()) == Some(&docs[original].text.as_str())
                || edit_of(spun, original)
        }
        _ => false,
    };
    let found = learned
        .pairs
        .iter()
        .filter(|p| right(p.spun, p.original))
        .count();
    let with_edits = learned
        .pairs
        .iter()
        .filter(|p| edit_of(p.spun, p.original))
        .count();
    let stories = count(&|k| matches!(k, Kind::Spun { .. }));
    println!("learn: {seconds:.1} s for {} documents", docs.len());
    println!(
        "pairing: {found} of {stories} stories found (recall {:.3}); {} pairs reported, {found} right (precision {:.3}); {} near-duplicate pairs judged not spun, {} undecided",
        found as f64 / stories as f64,
        learned.pairs.len(),
        found as f64 / learned.pairs.len().max(1) as f64,
        learned.not_spun.len(),
        learned.undecided.len(),
    );
    println!(
        "  of the right pairs, {with_edits} have a light edit of the original as the original"
    );
    for p in &learned.pairs {
        if !right(p.spun, p.original) || std::env::var_os("LEARN_DEBUG").is_some() {
            println!(
                "  {} pair: {:?} <- {:?}: {:?}",
                if right(p.spun, p.original) {
                    "right"
                } else {
                    "wrong"
                },
                docs[p.spun].kind,
                docs[p.original].kind,
                p.comparison
            );
        }
    }
    let paired: HashSet<usize> = learned.pairs.iter().map(|p| p.spun).collect();
    for (i, d) in docs.iter().enumerate() {
        if let Kind::Spun { token, .. } = &d.kind {
            if !paired.contains(&i) {
                let with: Vec<String> = learned
                    .not_spun
                    .iter()
                    .chain(&learned.undecided)
                    .filter(|(a, b)| *a == i || *b == i)
                    .map(|(a, b)| format!("{:?}", docs[if *a == i { *b } else { *a }].kind))
                    .collect();
                let comparison =
                    unspin::learn::pair::compare(&base, &d.text, original_text[token.as_str()]);
                println!("  missed: {token} (judged with: {}); against its original: {comparison:?}, fingerprints {:?}", with.join("; "), unspin::learn::fingerprint::estimate(&d.text, original_text[token.as_str()]));
            }
        }
    }

    // 2. Mining on the true pairs, as --mine does, against the learned.
    let mut miner = unspin::Miner::new(&base);
    for d in &docs {
        if let Kind::Spun { token, .. } = &d.kind {
            miner.add_pair(token, &d.text, original_text[token.as_str()]);
        }
    }
    let aligned: HashSet<(String, String)> = miner
        .candidates()
        .into_iter()
        .map(|c| (c.spun.to_lowercase(), c.original.to_lowercase()))
        .collect();
    let learned_types: HashSet<(String, String)> = learned
        .entries
        .iter()
        .map(|c| (c.spun.to_lowercase(), c.original.to_lowercase()))
        .collect();
    let reproduced = aligned.intersection(&learned_types).count();
    println!(
        "mining: {reproduced} of {} substitution types that aligned mining finds on the true pairs are found among the candidates learned from the corpus ({:.3}); {} learned types in all",
        aligned.len(),
        reproduced as f64 / aligned.len().max(1) as f64,
        learned_types.len()
    );
    let proposed = |tier: &str| {
        learned
            .entries
            .iter()
            .filter(|c| matches!(&c.proposal, Proposal::Entry(t) if t.as_str() == tier))
            .count()
    };
    println!(
        "learned dictionary: {} fix entries, {} context entries",
        proposed("fix"),
        proposed("context")
    );

    // 3. Repair of held-out stories.
    let mut with_learned = metric::Counts::default();
    let mut with_mined = metric::Counts::default();
    let mut alone = metric::Counts::default();
    let dev_stories = devmine::stories(&o.samples)?;
    let names = devmine::names()?;
    for fold in 0..o.folds {
        let held = |d: &Doc| matches!(&d.kind, Kind::Spun { fold: f, .. } if *f == fold);
        let held_tokens: HashSet<&str> = docs
            .iter()
            .filter_map(|d| match &d.kind {
                Kind::Spun { token, fold: f } if *f == fold => Some(token.as_str()),
                _ => None,
            })
            .collect();
        // The corpus without the fold: its spun stories and originals left
        // out (their light edits stay, as unspun copies of other stories
        // would in a crawl).
        let training: Vec<&Doc> = docs
            .iter()
            .filter(|d| !held(d))
            .filter(|d| !matches!(&d.kind, Kind::Original { token } if held_tokens.contains(token.as_str())))
            .collect();
        let learned = learn(&base, &training);
        let mut learned_files = files.clone();
        learned_files.push(("learned.tsv".to_string(), learned.dictionary()));
        let with = match heldout::build(&learned_files, &allow, Mode::Auto) {
            Ok(u) => u,
            Err(e) => {
                return Err(format!(
                    "fold {fold}: the learned dictionary does not load: {e}"
                ))
            }
        };
        // The hand-mined entries: mined.tsv as `grow` mines it from the
        // fold's training stories (their true pairs).
        let training_stories: Vec<&devmine::DevStory> = dev_stories
            .iter()
            .filter(|s| !held_tokens.contains(s.token.as_str()))
            .collect();
        let mined = devmine::mine(&base, &training_stories, &names);
        let mut mined_files = files.clone();
        let mined = devmine::loadable(&mined_files, &allow, heldout::MINED, mined);
        mined_files.push((heldout::MINED.to_string(), mined));
        let hand = heldout::build(&mined_files, &allow, Mode::Auto)?;
        for d in docs.iter().filter(|d| held(d)) {
            let Kind::Spun { token, .. } = &d.kind else {
                continue;
            };
            let original = original_text[token.as_str()];
            with_mined.add(&metric::count(
                &d.text,
                &hand.repair(&d.text).text,
                original,
            ));
            with_learned.add(&metric::count(
                &d.text,
                &with.repair(&d.text).text,
                original,
            ));
            alone.add(&metric::count(
                &d.text,
                &base.repair(&d.text).text,
                original,
            ));
        }
    }
    println!(
        "held-out repair ({} folds; recall / precision / damage per 1,000 words):",
        o.folds
    );
    for (name, c) in [
        ("story-free dictionaries alone", &alone),
        (
            "story-free + mined.tsv mined from the training stories' true pairs",
            &with_mined,
        ),
        (
            "story-free + learned from the corpus without the fold",
            &with_learned,
        ),
    ] {
        println!(
            "  {name}: {:.3} / {:.3} / {:.2}",
            c.recall(),
            c.precision(),
            c.damage()
        );
    }

    // 4. Clean text with the learned dictionary of the whole corpus, over
    // the bundled dictionaries (as `-d` loads it) and over the story-free
    // ones.
    // Over the bundle, learned as `unspin --learn` learns: with the bundle.
    let bundle = Unspinner::new();
    let learned_with_bundle = learn(&bundle, &all);
    let bundled_plus = Unspinner::builder()
        .dictionary_str("learned.tsv", learned_with_bundle.dictionary())
        .build()
        .map_err(|e| format!("the learned dictionary does not load over the bundle: {e}"))?;
    let mut files_plus = files.clone();
    files_plus.push(("learned.tsv".to_string(), learned.dictionary()));
    let free_plus = heldout::build(&files_plus, &allow, Mode::Auto)?;
    for (name, unspinner) in [
        ("bundled + learned", &bundled_plus),
        ("story-free + learned", &free_plus),
    ] {
        let (mut edits, mut spun, mut n) = (0, 0, 0);
        for d in docs.iter().filter(|d| {
            matches!(
                d.kind,
                Kind::Clean { .. } | Kind::Original { .. } | Kind::Edited { .. }
            )
        }) {
            n += 1;
            edits += unspinner.repair(&d.text).edits.len();
            spun += usize::from(unspinner.score(&d.text).verdict() == Verdict::Spun);
        }
        println!("clean documents ({n}), {name}: {edits} edits, {spun} judged spun");
    }
    println!("\n{}", learned.report());
    Ok(())
}
