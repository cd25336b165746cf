//! `--mine OUT.tsv`: dictionary entries mined from spun texts and their
//! originals, written to `OUT.tsv` for review, with a summary on stderr.

use std::path::{Path, PathBuf};

use unspin::{write_dictionary, Miner, Proposal, Tier, Unspinner};

use crate::output::count::count;
use crate::write;

/// A spun text and its original, and the name they go by in provenance.
struct Pair {
    name: String,
    spun: PathBuf,
    original: PathBuf,
}

/// The pairs the inputs name: two files (spun, then original), or
/// directories, each holding `spun.txt` and `original.txt` itself or in
/// folders below it.
fn pairs(inputs: &[PathBuf]) -> Result<Vec<Pair>, String> {
    if let [spun, original] = inputs {
        if spun.is_file() && original.is_file() {
            let name = spun.file_name().map_or_else(
                || spun.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            );
            return Ok(vec![Pair {
                name,
                spun: spun.clone(),
                original: original.clone(),
            }]);
        }
    }
    let mut pairs = Vec::new();
    for input in inputs {
        if !input.is_dir() {
            return Err(format!(
                "{}: --mine takes two files (SPUN ORIGINAL) or directories of spun.txt and original.txt",
                input.display()
            ));
        }
        walk(input, &mut pairs)?;
    }
    if pairs.is_empty() {
        return Err("--mine found no folder holding spun.txt and original.txt".into());
    }
    Ok(pairs)
}

fn walk(dir: &Path, pairs: &mut Vec<Pair>) -> Result<(), String> {
    let (spun, original) = (dir.join("spun.txt"), dir.join("original.txt"));
    if spun.is_file() && original.is_file() {
        let name = dir.file_name().map_or_else(
            || dir.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        pairs.push(Pair {
            name,
            spun,
            original,
        });
        return Ok(());
    }
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| format!("{}: cannot read directory: {e}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_dir())
        .collect();
    entries.sort();
    for entry in entries {
        walk(&entry, pairs)?;
    }
    Ok(())
}

fn read(path: &Path) -> Result<String, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("{}: cannot read: {e}", path.display()))?;
    crate::inputs::decode(
        &path.display().to_string(),
        bytes,
        crate::inputs::Decoding::Strict,
    )
}

/// Mines the pairs of `inputs` into `out`. Returns a message for a failure.
pub fn run(unspinner: &Unspinner, inputs: &[PathBuf], out: &Path) -> Result<(), String> {
    let pairs = pairs(inputs)?;
    let mut miner = Miner::new(unspinner);
    for pair in &pairs {
        miner.add_pair(&pair.name, &read(&pair.spun)?, &read(&pair.original)?);
    }
    let candidates = miner.candidates();
    write::create(out, &write_dictionary(&candidates, "mined"))?;
    let tier = |t: Tier| {
        candidates
            .iter()
            .filter(|c| c.proposal == Proposal::Entry(t))
            .count()
    };
    let rejected = candidates
        .iter()
        .filter(|c| matches!(c.proposal, Proposal::Rejected(_)))
        .count();
    eprintln!(
        "unspin: mined {} from {}: {} and {} written to {}, {} left as comments",
        count(candidates.len(), "substitution", "substitutions"),
        count(pairs.len(), "pair", "pairs"),
        count(tier(Tier::Fix), "fix entry", "fix entries"),
        count(tier(Tier::Context), "context entry", "context entries"),
        out.display(),
        rejected
    );
    Ok(())
}
