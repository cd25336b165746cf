//! The bundled dictionaries are kept canonical, like the `typos` dictionary:
//! every rule below names the `file:line` that breaks it.

use std::path::{Path, PathBuf};

use unspin::{Mode, Unspinner};

/// Source tokens a row may cite; see dictionaries/README.md.
const SOURCES: &[&str] = &[
    "sample:",
    "dev:",
    "dev2:",
    "dev3:",
    "spinner-synonyms",
    "pps",
    "collocation",
    "test",
];

fn dictionary_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("dictionaries")
}

/// Every bundled TSV file: (relative name, text, is an allowlist).
fn files() -> Vec<(String, String, bool)> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dictionary_dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "tsv"))
        .collect();
    paths.sort();
    assert!(paths.len() >= 2, "no bundled dictionaries found");
    paths
        .into_iter()
        .map(|p| {
            let name = format!("dictionaries/{}", p.file_name().unwrap().to_string_lossy());
            let text = std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{name}: {e}"));
            let allow = name.starts_with("dictionaries/allow");
            (name, text, allow)
        })
        .collect()
}

/// The entry lines of a file with their 1-based numbers.
fn rows(text: &str) -> impl Iterator<Item = (usize, Vec<&str>)> {
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.is_empty() && !l.starts_with('#'))
        .map(|(i, l)| (i + 1, l.split('\t').collect()))
}

#[test]
fn rows_are_well_formed() {
    let mut problems = Vec::new();
    for (name, text, allow) in files() {
        let mut seen_entry = false;
        for (i, line) in text.lines().enumerate() {
            let at = format!("{name}:{}", i + 1);
            if line.starts_with('#') && seen_entry {
                problems.push(format!(
                    "{at}: comments belong in the header, before the first entry"
                ));
            }
            if line.is_empty() && seen_entry {
                problems.push(format!("{at}: blank line among the entries"));
            }
            seen_entry |= !line.is_empty() && !line.starts_with('#');
        }
        for (line, fields) in rows(&text) {
            let at = format!("{name}:{line}");
            let (min, max) = if allow { (2, 3) } else { (4, 7) };
            if fields.len() < min || fields.len() > max {
                problems.push(format!(
                    "{at}: {} columns, expected {min} to {max}",
                    fields.len()
                ));
                continue;
            }
            for field in &fields {
                if field.trim() != *field || field.contains("  ") {
                    problems.push(format!("{at}: stray whitespace in {field:?}"));
                }
            }
            let key = fields[0];
            if key != key.to_lowercase() {
                problems.push(format!("{at}: key {key:?} is not lowercase"));
            }
            if key.contains([
                '\u{2018}', '\u{2019}', '\u{201c}', '\u{201d}', '\u{2010}', '\u{2011}', '\u{2013}',
                '\u{a0}',
            ]) {
                problems.push(format!(
                    "{at}: key {key:?} must use straight quotes, plain hyphens and spaces"
                ));
            }
            let source = if allow { fields[1] } else { fields[3] };
            if !SOURCES.iter().any(|s| source.starts_with(s)) {
                problems.push(format!(
                    "{at}: unknown source {source:?}, expected one of {SOURCES:?}"
                ));
            }
            if !allow && !["fix", "context"].contains(&fields[2]) {
                problems.push(format!("{at}: tier {:?} is not fix or context", fields[2]));
            }
            if !allow && fields[0].to_lowercase() == fields[1].to_lowercase() {
                problems.push(format!("{at}: {key:?} is mapped to itself"));
            }
        }
    }
    assert!(problems.is_empty(), "\n{}", problems.join("\n"));
}

#[test]
fn each_file_is_sorted_without_duplicate_keys() {
    let mut problems = Vec::new();
    for (name, text, _) in files() {
        let mut previous: Option<(usize, String)> = None;
        for (line, fields) in rows(&text) {
            let key = fields[0].to_string();
            if let Some((prev_line, prev)) = &previous {
                if key.as_bytes() == prev.as_bytes() {
                    problems.push(format!(
                        "{name}:{line}: duplicate key {key:?}, first at line {prev_line}"
                    ));
                } else if key.as_bytes() < prev.as_bytes() {
                    problems.push(format!(
                        "{name}:{line}: {key:?} is out of order: it sorts before {prev:?} at line {prev_line}"
                    ));
                }
            }
            previous = Some((line, key));
        }
    }
    assert!(problems.is_empty(), "\n{}", problems.join("\n"));
}

#[test]
fn all_files_load_together_without_duplicates_conflicts_or_chains() {
    // The library's loader checks duplicates and conflicts across files,
    // and chains and cycles across all entries, and names file:line.
    let mut builder = Unspinner::builder().builtin(false);
    for (name, _, allow) in files() {
        if !allow {
            builder = builder.dictionary_file(Path::new(env!("CARGO_MANIFEST_DIR")).join(&name));
        }
    }
    if let Err(e) = builder.build() {
        panic!("{e}");
    }
}

#[test]
fn the_embedded_dictionary_is_the_files() {
    // What build.rs embedded is exactly what the files compile to at run
    // time: no entry lost, none added, none changed.
    let mut from_files = Unspinner::builder().builtin(false);
    for (name, _, allow) in files() {
        if !allow {
            from_files =
                from_files.dictionary_file(Path::new(env!("CARGO_MANIFEST_DIR")).join(&name));
        }
    }
    let from_files = from_files.build().unwrap();
    let embedded = Unspinner::new();
    let entries = |u: &Unspinner| -> Vec<(String, String, String, Option<String>, usize)> {
        u.entries()
            .map(|e| {
                (
                    e.spun().to_string(),
                    e.original().to_string(),
                    e.tier().to_string(),
                    e.rule().map(String::from),
                    e.line(),
                )
            })
            .collect()
    };
    let (a, b) = (entries(&embedded), entries(&from_files));
    assert_eq!(a.len(), b.len());
    assert!(a == b, "the embedded dictionary differs from the files");
}

#[test]
fn allowlisted_phrases_are_left_unchanged_and_each_protects_something() {
    let aggressive = Unspinner::builder().mode(Mode::Aggressive).build().unwrap();
    let unprotected = Unspinner::builder().builtin(false).mode(Mode::Aggressive);
    let mut unprotected = unprotected;
    for (name, _, allow) in files() {
        if !allow {
            unprotected =
                unprotected.dictionary_file(Path::new(env!("CARGO_MANIFEST_DIR")).join(&name));
        }
    }
    let unprotected = unprotected.build().unwrap();
    let mut problems = Vec::new();
    for (name, text, allow) in files() {
        if !allow {
            continue;
        }
        for (line, fields) in rows(&text) {
            let phrase = fields[0];
            for variant in [phrase.to_string(), format!("They said {phrase} today.")] {
                let repaired = aggressive.repair(&variant);
                if repaired.text != variant {
                    problems.push(format!(
                        "{name}:{line}: {variant:?} became {:?}",
                        repaired.text
                    ));
                }
            }
            if unprotected.find_iter(phrase).next().is_none() {
                problems.push(format!("{name}:{line}: {phrase:?} contains no dictionary phrase, so allowing it does nothing"));
            }
        }
    }
    assert!(problems.is_empty(), "\n{}", problems.join("\n"));
}

/// The README's table of bundled dictionaries states entries per file and
/// tier after expansion; keep it true.
#[test]
fn readme_table_matches_the_dictionaries() {
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let mut problems = Vec::new();
    let mut seen = 0;
    for (name, _, allow) in files() {
        if allow {
            continue;
        }
        let unspin = Unspinner::builder()
            .builtin(false)
            .dictionary_file(Path::new(env!("CARGO_MANIFEST_DIR")).join(&name))
            .build()
            .unwrap();
        let fix = unspin
            .entries()
            .filter(|e| e.tier() == unspin::Tier::Fix)
            .count();
        let context = unspin.entries().count() - fix;
        let prefix = format!("| `{name}` |");
        let Some(row) = readme.lines().find(|l| l.starts_with(&prefix)) else {
            problems.push(format!("README.md has no table row for {name}"));
            continue;
        };
        seen += 1;
        let cells: Vec<&str> = row.split('|').map(str::trim).collect();
        let numbers: Vec<usize> = cells
            .iter()
            .filter_map(|c| c.replace(',', "").parse().ok())
            .collect();
        if numbers.get(..2) != Some(&[fix, context][..]) {
            problems.push(format!("README.md row for {name} says {numbers:?}, the file compiles to {fix} fix and {context} context"));
        }
    }
    assert!(seen >= 2);
    assert!(problems.is_empty(), "\n{}", problems.join("\n"));
}

#[test]
fn every_entry_is_found_by_its_own_spun_phrase() {
    let unspin = Unspinner::builder().mode(Mode::Aggressive).build().unwrap();
    let mut problems = Vec::new();
    for entry in unspin.entries() {
        match unspin.lookup(entry.spun()) {
            Some(found) if found.spun() == entry.spun() && found.original() == entry.original() => {
            }
            other => problems.push(format!(
                "{}: lookup({:?}) gave {other:?}",
                entry.location(),
                entry.spun()
            )),
        }
        if entry.rule().is_some() {
            continue; // found only where its rule holds
        }
        let text = format!("x {} x", entry.spun());
        let matches: Vec<_> = unspin
            .find_iter(&text)
            .map(|m| (m.span(), m.entry().spun()))
            .collect();
        if matches != [(2..2 + entry.spun().len(), entry.spun())] {
            problems.push(format!(
                "{}: {:?} in a sentence gives {matches:?}",
                entry.location(),
                entry.spun()
            ));
        }
    }
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems[..problems.len().min(30)].join("\n")
    );
}

/// The blocks of `dictionaries/README.md` fenced as `tsv`: the documented
/// example lines.
fn documented_examples() -> Vec<String> {
    let readme = std::fs::read_to_string(dictionary_dir().join("README.md")).unwrap();
    let mut blocks = Vec::new();
    let mut current: Option<String> = None;
    for line in readme.lines() {
        match (&mut current, line.trim_end()) {
            (None, "```tsv") => current = Some(String::new()),
            (Some(block), "```") => {
                blocks.push(std::mem::take(block));
                current = None;
            }
            (Some(block), _) => {
                block.push_str(line);
                block.push('\n');
            }
            (None, _) => {}
        }
    }
    blocks
}

#[test]
fn the_documented_example_lines_load_and_do_what_the_text_says() {
    let blocks = documented_examples();
    assert_eq!(blocks.len(), 3, "the README's tsv blocks changed");
    let build = |mode| {
        Unspinner::builder()
            .builtin(false)
            .dictionary_str("dictionaries/README.md", blocks.concat())
            .mode(mode)
            .build()
            .unwrap_or_else(|e| panic!("a documented example does not load: {e}"))
    };
    let auto = build(Mode::Auto);
    assert_eq!(
        auto.repair("its sixth thirty day period").text,
        "its sixth month"
    );
    assert_eq!(auto.repair("two thirty day periods").text, "two months");
    let aggressive = build(Mode::Aggressive);
    assert_eq!(aggressive.repair("Tabalov claimed").text, "Tabalov said");
    assert_eq!(
        aggressive.repair("the claimed benefits").text,
        "the claimed benefits"
    );
    // Two columns: a fix entry, its source the dictionary's name.
    let two = auto.lookup("glimmering hope").unwrap();
    assert_eq!(
        (two.tier(), two.original()),
        (unspin::Tier::Fix, "glimmer of hope")
    );
    assert_eq!(auto.repair("a glimmering hope").text, "a glimmer of hope");
    // Alternatives: the neighbours decide, or nothing is repaired.
    assert_eq!(
        aggressive
            .repair("information shared throughout different teams")
            .text,
        "information shared across different teams"
    );
    assert_eq!(
        aggressive.repair("halted throughout broadcast").text,
        "halted throughout broadcast"
    );
}
