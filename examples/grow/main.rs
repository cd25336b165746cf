//! Writes `dictionaries/mined.tsv`: the entries mined from the development
//! stories, and the names garbled with their word table (see
//! `examples/shared/devmine.rs` for the policy).
//!
//! ```text
//! cargo run --release --example grow [-- --check]
//! ```
//!
//! The stories are read from `../shared/samples/dev*`, beside the
//! repository. With `--check`, nothing is written: the run fails if the
//! file differs from what the stories give today.

#[path = "../shared/devmine.rs"]
mod devmine;
#[path = "../shared/heldout.rs"]
mod heldout;

use std::path::Path;
use std::process::ExitCode;

fn main() -> ExitCode {
    let check = std::env::args().skip(1).any(|a| a == "--check");
    match run(check) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(e) => {
            eprintln!("grow: {e}");
            ExitCode::from(2)
        }
    }
}

/// Mines the dictionary; returns whether the file is (now) up to date.
fn run(check: bool) -> Result<bool, String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let text = devmine::grown(&root.join("../shared/samples"))?;
    let path = root.join(heldout::MINED);
    let old = std::fs::read_to_string(&path).unwrap_or_default();
    let entries = text.lines().filter(|l| !l.starts_with('#')).count();
    if check {
        if old != text {
            eprintln!(
                "grow: {} is out of date ({entries} entries today): run `cargo run --release --example grow`",
                path.display()
            );
        }
        return Ok(old == text);
    }
    std::fs::write(&path, &text).map_err(|e| format!("{}: {e}", path.display()))?;
    eprintln!("grow: wrote {entries} entries to {}", path.display());
    Ok(true)
}
