//! Compiles the bundled dictionaries (`dictionaries/*.tsv`) into the
//! library's embedded format, with the same parser, compiler and checks
//! the library runs on user dictionaries. A bad line fails the build with
//! its `file:line`.

#[allow(dead_code)]
#[path = "src/compiled.rs"]
mod compiled;
#[allow(dead_code)]
#[path = "src/dictionary.rs"]
mod dictionary;
#[allow(dead_code)]
#[path = "src/error.rs"]
mod error;
#[allow(dead_code)]
#[path = "src/inflect.rs"]
mod inflect;
#[allow(dead_code)]
#[path = "src/matcher.rs"]
mod matcher;
#[allow(dead_code)]
#[path = "src/normalize.rs"]
mod normalize;
#[allow(dead_code)]
#[path = "src/prefilter.rs"]
mod prefilter;
#[allow(dead_code)]
#[path = "src/rules.rs"]
mod rules;
#[allow(dead_code)]
#[path = "src/validate.rs"]
mod validate;

use std::path::{Path, PathBuf};

fn main() {
    println!("cargo:rerun-if-changed=dictionaries");
    for module in [
        "compiled",
        "dictionary",
        "error",
        "inflect",
        "matcher",
        "normalize",
        "prefilter",
        "rules",
        "validate",
    ] {
        println!("cargo:rerun-if-changed=src/{module}.rs");
    }
    let mut files: Vec<PathBuf> = std::fs::read_dir("dictionaries")
        .unwrap_or_else(|e| fail(&format!("cannot list dictionaries/: {e}")))
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == "tsv"))
        .collect();
    files.sort();
    let (allowlists, files): (Vec<PathBuf>, Vec<PathBuf>) =
        files.into_iter().partition(|path| is_allowlist(path));
    let mut sources = compiled::Sources::default();
    for path in &files {
        println!("cargo:rerun-if-changed={}", path.display());
        let name = path.display().to_string();
        let bytes = std::fs::read(path).unwrap_or_else(|e| fail(&format!("{name}: {e}")));
        match dictionary::parse(&name, &bytes) {
            Ok(entries) => sources.add_dictionary(&name, entries),
            Err(e) => fail(&e.to_string()),
        }
    }
    for path in allowlists {
        println!("cargo:rerun-if-changed={}", path.display());
        let name = path.display().to_string();
        let bytes = std::fs::read(&path).unwrap_or_else(|e| fail(&format!("{name}: {e}")));
        let entries =
            dictionary::parse_allow(&name, &bytes).unwrap_or_else(|e| fail(&e.to_string()));
        for entry in entries {
            if let Err(e) = sources.add_allow(&name, &entry.phrase, entry.line) {
                fail(&e.to_string());
            }
        }
    }
    let compiled = compiled::Compiled::build(sources).unwrap_or_else(|e| fail(&e.to_string()));
    if let Err(e) = validate::check_chains(&compiled) {
        fail(&e.to_string());
    }
    let out = PathBuf::from(std::env::var_os("OUT_DIR").unwrap_or_else(|| fail("OUT_DIR unset")));
    std::fs::write(out.join("builtin.bin"), compiled.to_bytes())
        .unwrap_or_else(|e| fail(&format!("cannot write builtin.bin: {e}")));
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
