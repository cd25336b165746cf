//! Compiles the bundled dictionaries (`dictionaries/*.tsv`) into the
//! library's embedded format, with the same parser, compiler and checks
//! the library runs on user dictionaries. A bad line fails the build with
//! its `file:line`.
//!
//! It also compiles the word frequency lists in `data/frequency/` into the
//! form `dict/frequency.rs` reads.
//!
//! The library's lower layers (tier, error, text, dict and scan, which use
//! nothing above them) are compiled into this script as they are; only the
//! embedded data itself, `dict/builtin.rs` and
//! `dict/frequencies_builtin.rs`, is left out, since it is what this script
//! makes.

#[allow(dead_code)]
#[path = "src/error.rs"]
mod error;
#[allow(dead_code)]
#[path = "src/scan/mod.rs"]
mod scan;
#[allow(dead_code)]
#[path = "src/text/mod.rs"]
mod text;
#[allow(dead_code)]
#[path = "src/tier.rs"]
mod tier;

#[allow(dead_code)]
#[path = "src/dict"]
mod dict {
    pub mod chains;
    pub mod compile;
    pub mod embed;
    pub mod frequency;
    pub mod inflect;
    pub mod memo;
    pub mod originals;
    pub mod prefilter;
    pub mod rule;
    pub mod source;
    pub mod table;
    pub mod wordmap;
}

use std::path::{Path, PathBuf};

use dict::compile::{Compiled, Sources};

fn main() {
    for path in [
        "dictionaries",
        "src/dict",
        "src/text",
        "src/error.rs",
        "src/scan",
        "src/tier.rs",
    ] {
        println!("cargo:rerun-if-changed={path}");
    }
    let mut files: Vec<PathBuf> = std::fs::read_dir("dictionaries")
        .unwrap_or_else(|e| fail(&format!("cannot list dictionaries/: {e}")))
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == "tsv"))
        .collect();
    files.sort();
    let mut sources = Sources::default();
    for path in &files {
        let name = path.display().to_string();
        let bytes = std::fs::read(path).unwrap_or_else(|e| fail(&format!("{name}: {e}")));
        let parsed = if is_allowlist(path) {
            dict::source::parse_allow(&name, &bytes)
        } else {
            dict::source::parse(&name, &bytes)
        };
        match parsed {
            Ok(entries) => sources.add_dictionary(&name, entries),
            Err(e) => fail(&e.to_string()),
        }
    }
    let compiled = Compiled::build(sources).unwrap_or_else(|e| fail(&e.to_string()));
    if let Err(e) = dict::chains::check(&compiled, |text| scan::first_match(&compiled, text)) {
        fail(&e.to_string());
    }
    let out = PathBuf::from(std::env::var_os("OUT_DIR").unwrap_or_else(|| fail("OUT_DIR unset")));
    std::fs::write(out.join("builtin.bin"), dict::embed::to_bytes(&compiled))
        .unwrap_or_else(|e| fail(&format!("cannot write builtin.bin: {e}")));
    write_frequencies(&out);
}

/// Compiles the word frequency lists, `data/frequency/unigrams.txt` and
/// `bigrams.txt`, into `frequencies.bin` (see `dict/frequency.rs`).
fn write_frequencies(out: &Path) {
    println!("cargo:rerun-if-changed=data/frequency");
    let read = |path: &'static str| {
        std::fs::read_to_string(path).unwrap_or_else(|e| fail(&format!("{path}: {e}")))
    };
    let (unigrams, bigrams) = ("data/frequency/unigrams.txt", "data/frequency/bigrams.txt");
    let (unigram_text, bigram_text) = (read(unigrams), read(bigrams));
    let frequencies = dict::frequency::Frequencies::compile(
        dict::frequency::List {
            name: unigrams,
            text: &unigram_text,
        },
        dict::frequency::List {
            name: bigrams,
            text: &bigram_text,
        },
    )
    .unwrap_or_else(|e| fail(&e.to_string()));
    std::fs::write(out.join("frequencies.bin"), frequencies.to_bytes())
        .unwrap_or_else(|e| fail(&format!("cannot write frequencies.bin: {e}")));
}

/// Allowlists (`allow*.tsv`) are not phrase dictionaries.
fn is_allowlist(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.starts_with("allow"))
}

fn fail(message: &str) -> ! {
    eprintln!("error: bundled dictionary: {message}");
    std::process::exit(1)
}
