//! Fits and measures the spin detector.
//!
//! ```text
//! cargo run --release --example detection -- [OPTIONS] fit
//! cargo run --release --example detection -- [OPTIONS] report
//!
//! --samples DIR         the real spun stories: DIR/dev*/NN-…/{spun,original}.txt
//!                       (default ../shared/samples)
//! --clean NAME=FILE     a clean corpus in JSON lines (source, text), such as
//!                       scripts/clean-corpus.py writes; repeatable
//! --fortunes DIR        Debian's fortunes (default /usr/share/games/fortunes)
//! --all-lines           score the stories with every dictionary line, even
//!                       those mined from them (in-sample)
//! ```
//!
//! Each story is scored with dictionaries built without the lines mined
//! from it (`examples/shared/heldout.rs`), as a story the dictionaries have
//! never seen would be, unless `--all-lines` is given.
//!
//! `fit` fits the model of `src/score.rs` (a logistic regression on the
//! four inputs of `Score::inputs`) and prints its coefficients, with
//! leave-one-story-out figures: each story is scored by a model fitted
//! without it (and without any story of the same source), each clean
//! document by one fitted without its tenth of the clean corpus. Those are
//! the honest estimate of unseen text; the plain fit's figures are printed
//! beside them. The spun stories and the clean documents weigh the same in
//! total; within the clean side, the stories' originals weigh one each and
//! the clean corpora share as much again.
//!
//! `report` measures the bundled model: verdicts and probabilities per set,
//! paragraph verdicts, and the synthetic detection curve (clean text spun
//! with the inverse of the bundled dictionaries; see `synth.rs`).

mod corpora;
#[path = "../shared/devmine.rs"]
mod devmine;
mod fit;
#[path = "../shared/heldout.rs"]
mod heldout;
mod synth;

use std::path::PathBuf;
use std::process::ExitCode;

use corpora::Document;
use unspin::{Score, Unspinner, Verdict, MODEL};

struct Options {
    samples: PathBuf,
    clean: Vec<(String, PathBuf)>,
    fortunes: PathBuf,
    all_lines: bool,
    command: String,
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("detection: {e}");
            ExitCode::from(2)
        }
    }
}

fn options() -> Result<Options, String> {
    let mut options = Options {
        samples: PathBuf::from("../shared/samples"),
        clean: Vec::new(),
        fortunes: PathBuf::from("/usr/share/games/fortunes"),
        all_lines: false,
        command: String::new(),
    };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = |name: &str| args.next().ok_or(format!("{name} needs a value"));
        match arg.as_str() {
            "--samples" => options.samples = PathBuf::from(value("--samples")?),
            "--fortunes" => options.fortunes = PathBuf::from(value("--fortunes")?),
            "--clean" => {
                let v = value("--clean")?;
                let (name, path) = v.split_once('=').ok_or("--clean takes NAME=FILE")?;
                options.clean.push((name.to_string(), PathBuf::from(path)));
            }
            "--all-lines" => options.all_lines = true,
            "fit" | "report" => options.command = arg,
            _ => {
                return Err(format!(
                    "unknown argument {arg:?}; see the header of examples/detection/main.rs"
                ))
            }
        }
    }
    if options.command.is_empty() {
        return Err("give a command: fit or report".into());
    }
    Ok(options)
}

/// A document and its score.
struct Scored {
    doc: Document,
    score: Score,
}

fn run() -> Result<(), String> {
    let options = options()?;
    let unspin = Unspinner::new();
    let mut docs = corpora::stories(&options.samples)?;
    docs.extend(corpora::fortunes(&options.fortunes, 300)?);
    let fixture = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/clean-en.txt");
    docs.extend(corpora::prose(&fixture, "fixture", 300)?);
    for (name, path) in &options.clean {
        docs.extend(corpora::jsonl(path, name)?);
    }
    // The honest figures score each story with dictionaries built without
    // it; `--all-lines` scores everything with the bundled ones.
    let dictionaries = if options.all_lines {
        None
    } else {
        Some(heldout::Dictionaries::remining(&options.samples)?)
    };
    let mut held_out: std::collections::HashMap<String, Unspinner> = Default::default();
    let mut scored = Vec::with_capacity(docs.len());
    for doc in docs {
        let story = doc.folder.as_deref().and_then(heldout::story_of);
        let score = match story {
            Some(story) if dictionaries.is_some() => {
                if !held_out.contains_key(&story.token) {
                    let dictionaries = dictionaries.as_ref().ok_or("no dictionaries")?;
                    let unspinner = dictionaries.without(&story, unspin::Mode::Auto)?;
                    held_out.insert(story.token.clone(), unspinner);
                }
                held_out[&story.token].score(&doc.text)
            }
            _ => unspin.score(&doc.text),
        };
        scored.push(Scored { score, doc });
    }
    match options.command.as_str() {
        "fit" => fit_command(&scored),
        _ => report_command(&unspin, &scored, &options),
    }
    Ok(())
}

/// The sets in report order.
fn sets(scored: &[Scored]) -> Vec<String> {
    let mut sets: Vec<String> = Vec::new();
    for s in scored {
        if !sets.contains(&s.doc.set) {
            sets.push(s.doc.set.clone());
        }
    }
    sets
}

fn fit_command(scored: &[Scored]) {
    let stories = scored.iter().filter(|s| s.doc.spun).count() as f64;
    let originals = scored.iter().filter(|s| s.doc.set == "originals").count() as f64;
    let corpora = scored
        .iter()
        .filter(|s| !s.doc.spun && s.doc.set != "originals")
        .count() as f64;
    let example = |s: &Scored| fit::Example {
        inputs: s.score.inputs(),
        spun: s.doc.spun,
        weight: if s.doc.spun {
            (originals * 2.0) / stories
        } else if s.doc.set == "originals" {
            1.0
        } else {
            originals / corpora
        },
    };
    let all: Vec<fit::Example> = scored.iter().map(example).collect();
    let plain = fit::fit(&all);
    // Leave one fold out: a story with its original (and any story of the
    // same source), or a tenth of a clean corpus.
    let mut folds: Vec<&str> = scored.iter().map(|s| s.doc.fold.as_str()).collect();
    folds.sort_unstable();
    folds.dedup();
    let mut held_out = vec![0.0; scored.len()];
    let mut ranges = [[f64::INFINITY, f64::NEG_INFINITY]; 5];
    for fold in &folds {
        let train: Vec<fit::Example> = scored
            .iter()
            .filter(|s| s.doc.fold != *fold)
            .map(example)
            .collect();
        let beta = fit::fit(&train);
        for (range, b) in ranges.iter_mut().zip(beta) {
            range[0] = range[0].min(b);
            range[1] = range[1].max(b);
        }
        for (i, s) in scored.iter().enumerate() {
            if s.doc.fold == *fold {
                held_out[i] = fit::logit(&beta, &s.score.inputs());
            }
        }
    }
    let plain_logits: Vec<f64> = scored
        .iter()
        .map(|s| fit::logit(&plain, &s.score.inputs()))
        .collect();
    println!(
        "## Coefficients (plain fit; range over {} leave-one-out fits)\n",
        folds.len()
    );
    println!("| input | coefficient | leave-one-out range |\n|---|---:|---|");
    for (i, name) in [
        "intercept",
        "fix entries",
        "article slips",
        "context entries",
        "balance",
    ]
    .iter()
    .enumerate()
    {
        println!(
            "| {name} | {:.3} | {:.2} .. {:.2} |",
            plain[i], ranges[i][0], ranges[i][1]
        );
    }
    let clean_max = |logits: &[f64]| {
        scored
            .iter()
            .zip(logits)
            .filter(|(s, _)| !s.doc.spun)
            .max_by(|a, b| a.1.total_cmp(b.1))
            .map(|(s, z)| (*z, s.doc.source.clone()))
            .unwrap_or((f64::NEG_INFINITY, String::new()))
    };
    let (top, top_doc) = clean_max(&held_out);
    println!(
        "\nHighest clean logit, held out: {top:.2} (p {:.3}), {top_doc}; plain fit: {:.2}",
        fit::sigmoid(top),
        clean_max(&plain_logits).0
    );
    let mut spun: Vec<(f64, &str)> = scored
        .iter()
        .zip(&held_out)
        .filter(|(s, _)| s.doc.spun)
        .map(|(s, z)| (*z, s.doc.source.as_str()))
        .collect();
    spun.sort_by(|a, b| a.0.total_cmp(&b.0));
    println!("\nLowest spun logits, held out:");
    for (z, source) in spun.iter().take(10) {
        println!("- {z:.2} (p {:.3}) {source}", fit::sigmoid(*z));
    }
    println!("\n## Judged spun at each threshold (held out; plain fit in the last column)\n");
    let sets = sets(scored);
    print!("| logit (p) |");
    for set in &sets {
        print!(" {set} |");
    }
    println!(" plain fit: spun stories / clean |");
    println!("|---|{}---|", "---:|".repeat(sets.len()));
    for t in [0.0, 1.0, 1.5, 2.0, 2.5, MODEL.spun_logit, 3.0, 3.5] {
        let judged =
            |logits: &[f64], s: &Scored, i: usize| s.score.could_be_spun() && logits[i] >= t;
        print!("| {t:.2} ({:.3}) |", fit::sigmoid(t));
        for set in &sets {
            let (n, total) = scored
                .iter()
                .enumerate()
                .filter(|(_, s)| &s.doc.set == set)
                .fold((0, 0), |(n, total), (i, s)| {
                    (n + usize::from(judged(&held_out, s, i)), total + 1)
                });
            print!(" {n}/{total} |");
        }
        let (spun, clean) = scored.iter().enumerate().fold((0, 0), |(a, b), (i, s)| {
            let j = usize::from(judged(&plain_logits, s, i));
            if s.doc.spun {
                (a + j, b)
            } else {
                (a, b + j)
            }
        });
        println!(" {spun} / {clean} |");
    }
    println!(
        "\n```rust\npub const MODEL: Model = Model {{\n    intercept: {:.3},\n    weights: [{:.3}, {:.3}, {:.3}, {:.3}],\n    spun_logit: {:.2},\n}};\n```",
        plain[0], plain[1], plain[2], plain[3], plain[4], MODEL.spun_logit
    );
}

fn report_command(unspin: &Unspinner, scored: &[Scored], options: &Options) {
    println!("## Verdicts of the bundled model\n");
    println!("| set | documents | spun | suspicious | clean | probability: min / median / max |");
    println!("|---|---:|---:|---:|---:|---|");
    for set in sets(scored) {
        let mut p: Vec<f64> = Vec::new();
        let mut counts = [0usize; 3];
        for s in scored.iter().filter(|s| s.doc.set == set) {
            p.push(s.score.probability());
            counts[s.score.verdict() as usize] += 1;
        }
        p.sort_by(f64::total_cmp);
        println!(
            "| {set} | {} | {} | {} | {} | {:.3} / {:.3} / {:.3} |",
            p.len(),
            counts[Verdict::Spun as usize],
            counts[Verdict::Suspicious as usize],
            counts[Verdict::Clean as usize],
            p[0],
            p[p.len() / 2],
            p[p.len() - 1]
        );
    }
    let extreme = |spun: bool| {
        scored
            .iter()
            .filter(|s| s.doc.spun == spun)
            .map(|s| (s.score.probability(), s))
            .reduce(|a, b| if (a.0 < b.0) == spun { a } else { b })
    };
    if let (Some((hi, clean)), Some((lo, spun))) = (extreme(false), extreme(true)) {
        println!(
            "\nHighest clean probability: {hi:.3} ({}). Lowest spun probability: {lo:.3} ({}).",
            clean.doc.source, spun.doc.source
        );
    }
    paragraphs(unspin, scored);
    curve(unspin, scored, options);
}

/// Paragraph verdicts of the stories and the clean corpora: within their
/// documents, and scored alone (as a short record of a corpus is).
fn paragraphs(unspin: &Unspinner, scored: &[Scored]) {
    println!("\n## Paragraph verdicts\n");
    println!("| documents | paragraphs | in their document: spun / suspicious / clean | alone: spun / suspicious / clean |\n|---|---:|---|---|");
    for (label, spun) in [("spun stories", true), ("clean documents", false)] {
        let mut within = [0usize; 3];
        let mut alone = [0usize; 3];
        for s in scored.iter().filter(|s| s.doc.spun == spun) {
            for p in unspin.assess(&s.doc.text).paragraphs {
                within[p.verdict as usize] += 1;
                alone[unspin.score(&s.doc.text[p.span]).verdict() as usize] += 1;
            }
        }
        let total: usize = within.iter().sum();
        let show = |c: [usize; 3]| format!("{} / {} / {}", c[2], c[1], c[0]);
        println!("| {label} | {total} | {} | {} |", show(within), show(alone));
    }
}

/// The synthetic detection curve: base documents of each length, spun at
/// each rate, three times each, judged by the bundled model.
fn curve(unspin: &Unspinner, scored: &[Scored], options: &Options) {
    let inverse = synth::Inverse::new(unspin);
    let news: String = scored
        .iter()
        .filter(|s| s.doc.set == "originals")
        .map(|s| s.doc.text.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    let mut bases: Vec<(String, Vec<String>)> = vec![];
    for words in [150, 300, 1000] {
        bases.push((format!("news, {words} words"), cut(&news, words, 1000)));
    }
    for (name, _) in &options.clean {
        let prose: String = scored
            .iter()
            .filter(|s| &s.doc.set == name)
            .map(|s| s.doc.text.as_str())
            .collect::<Vec<_>>()
            .join("\n\n");
        for (words, count) in [(150, 300), (300, 200), (1000, 80)] {
            bases.push((format!("{name}, {words} words"), cut(&prose, words, count)));
        }
    }
    println!("\n## Synthetic detection curve\n");
    println!(
        "Share judged `spun`; the `0%` column is the false-positive rate on the base documents.\n"
    );
    println!("| base text | visible swaps | documents | 0% | 5% | 10% | 20% | 30% |\n|---|---|---:|---:|---:|---:|---:|---:|");
    let mut rng = synth::Rng(0x9E37_79B9_7F4A_7C15);
    for (name, docs) in &bases {
        for visible in [1.0, 0.3] {
            print!("| {name} | {:.0}% | {} |", visible * 100.0, docs.len());
            for rate in [0.0, 0.05, 0.10, 0.20, 0.30] {
                let mut judged = 0;
                let mut total = 0;
                for doc in docs {
                    for _ in 0..if rate == 0.0 { 1 } else { 3 } {
                        let text = synth::spin(doc, &inverse, rate, visible, &mut rng);
                        judged += usize::from(unspin.score(&text).verdict() == Verdict::Spun);
                        total += 1;
                    }
                }
                print!(" {:.1}% |", 100.0 * judged as f64 / total.max(1) as f64);
            }
            println!();
        }
    }
}

/// Up to `count` documents of exactly `words` words cut from `text`.
fn cut(text: &str, words: usize, count: usize) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = text;
    while out.len() < count {
        let Some(piece) = synth::first_words(rest, words) else {
            break;
        };
        out.push(piece.to_string());
        rest = &rest[piece.len()..];
    }
    out
}
