//! What some tests need from outside the repository.
//!
//! Those tests are marked `#[ignore = "needs …"]`, so that a plain `cargo
//! test` on a fresh clone lists them as ignored rather than passing them.
//! `cargo test -- --ignored` runs them (CI does, after installing what they
//! need), and then a missing requirement fails the test with what to
//! install: it is never a silent skip.

#![allow(dead_code)] // each test file uses a different subset

use std::path::{Path, PathBuf};

/// `../shared/samples`, beside the repository: the real spun news the
/// project studies.
pub fn shared_samples() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/samples");
    assert!(
        dir.is_dir(),
        "{} is missing: this test needs the project's shared samples beside the repository",
        dir.display()
    );
    dir
}

/// Debian's fortunes corpus.
pub fn fortunes() -> PathBuf {
    let dir = PathBuf::from("/usr/share/games/fortunes");
    assert!(
        dir.is_dir(),
        "{} is missing: apt-get install fortunes",
        dir.display()
    );
    dir
}

/// The Chromium binary, for the browser checks of the HTML report.
pub fn chromium() -> PathBuf {
    ["chromium", "chromium-browser", "google-chrome"]
        .iter()
        .find_map(|name| {
            std::env::split_paths(&std::env::var_os("PATH")?)
                .map(|dir| dir.join(name))
                .find(|path| path.is_file())
        })
        .expect("chromium is not installed: apt-get install chromium")
}

/// util-linux's `script`, which runs a command with a terminal, for the
/// output that only a terminal gets.
pub fn script() -> PathBuf {
    std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default())
        .map(|dir| dir.join("script"))
        .find(|path| path.is_file())
        .expect("script(1) is not installed: apt-get install bsdutils (util-linux)")
}

/// The clean corpora `scripts/clean-corpus.py` builds from Debian's
/// documentation packages, built once into `target/clean-corpora`.
pub fn clean_corpora() -> PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = root.join("target/clean-corpora");
    if dir.join("archaic.jsonl").is_file() {
        return dir;
    }
    std::fs::create_dir_all(&dir).unwrap();
    let status = std::process::Command::new("python3")
        .arg(root.join("scripts/clean-corpus.py"))
        .arg(dir.join("clean.jsonl"))
        .arg("--archaic")
        .arg(dir.join("archaic.jsonl"))
        .status()
        .expect("python3 runs");
    assert!(
        status.success(),
        "scripts/clean-corpus.py failed: install the packages that \
         `python3 scripts/clean-corpus.py --packages` lists"
    );
    dir
}
