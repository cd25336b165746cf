//! Dictionary loading errors, checked through the public builder: each
//! case is a set of in-memory dictionaries and the exact message, which
//! must name `file:line`.

use unspin::{DictionaryErrorKind, Error, Unspinner};

fn build(dictionaries: &[(&str, &str)]) -> Result<Unspinner, Error> {
    let mut builder = Unspinner::builder().builtin(false);
    for (name, text) in dictionaries {
        builder = builder.dictionary_str(*name, *text);
    }
    builder.build()
}

#[test]
fn errors_name_file_and_line() {
    let cases: &[(&[(&str, &str)], &str)] = &[
        (
            &[("a.tsv", "# header\n\nplanet war\n")],
            "a.tsv:3: expected 2 to 7 tab-separated columns (spun, original[, tier[, source[, forms[, note[, when]]]]]), found 1",
        ),
        (
            &[("a.tsv", "x\ty\tfix\ts\n\t\tfix\ts\n")],
            "a.tsv:2: the spun column is empty",
        ),
        (
            &[("a.tsv", "x\ty\tcontxt\ts\n")],
            "a.tsv:1: unknown tier \"contxt\": expected `fix` or `context` (did you mean `context`?)",
        ),
        (
            &[("a.tsv", "x\ty\tfix\ts\nPlanet War\tplanet war\tfix\ts\n")],
            "a.tsv:2: \"Planet War\" is mapped to itself",
        ),
        (
            &[("a.tsv", "planet war\tWorld War\tfix\ts\nx\ty\tfix\ts\nplanet war\tglobal war\tfix\ts\n")],
            "a.tsv:3: \"planet war\" is mapped to \"global war\" here but to \"World War\" at a.tsv:1",
        ),
        (
            &[
                ("a.tsv", "planet war\tWorld War\tfix\ts\n"),
                ("b.tsv", "# mine\nPLANET\u{a0}WAR\tWorld War\tcontext\ts\n"),
            ],
            "b.tsv:2: duplicate entry for \"PLANET\\u{a0}WAR\", first at a.tsv:1",
        ),
        (
            &[("a.tsv", "girl\twoman\tcontext\ts\nlady\tgirl\tcontext\ts\n")],
            "a.tsv:2: chain: the original \"girl\" contains the spun phrase \"girl\" of a.tsv:1; \
             a single pass would leave text that it would repair again",
        ),
        (
            &[("a.tsv", "team\tgroup\tcontext\ts\ngroup\tteam\tcontext\ts\n")],
            "a.tsv:1: chain: the original \"group\" contains the spun phrase \"group\" of a.tsv:2; \
             a single pass would leave text that it would repair again",
        ),
        (
            &[
                ("a.tsv", "lawful help group\tlegal aid group\tfix\ts\n"),
                ("b.tsv", "aid\thelp\tcontext\ts\n"),
            ],
            "a.tsv:1: chain: the original \"legal aid group\" contains the spun phrase \"aid\" of b.tsv:1; \
             a single pass would leave text that it would repair again",
        ),
    ];
    for (dictionaries, want) in cases {
        let err = build(dictionaries).unwrap_err();
        assert_eq!(err.to_string(), *want);
        assert!(err.location().is_some());
    }
}

#[test]
fn a_chain_needs_a_whole_word_match() {
    // "aid" inside "aide" is not a chain.
    build(&[("a.tsv", "helper\taide\tfix\ts\naid\thelp\tcontext\ts\n")]).unwrap();
}

#[test]
fn invalid_utf8_in_a_file_reports_line_and_offset() {
    let dir = std::env::temp_dir().join(format!("unspin-validation-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("bad.tsv");
    std::fs::write(&path, b"ok\tfine\tfix\ts\nb\xFFad\tgood\tfix\ts\n").unwrap();
    let err = Unspinner::builder()
        .builtin(false)
        .dictionary_file(&path)
        .build()
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        format!(
            "{}:2: not valid UTF-8 (byte 15 of the file)",
            path.display()
        )
    );
    assert_eq!(
        err.dictionary_error(),
        Some(&DictionaryErrorKind::NotUtf8 { offset: 15 })
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn missing_file_is_an_io_error_naming_the_path() {
    let err = Unspinner::builder()
        .dictionary_file("no/such/dictionary.tsv")
        .build()
        .unwrap_err();
    assert!(matches!(err, Error::Io { .. }));
    assert!(
        err.to_string()
            .starts_with("cannot read dictionary no/such/dictionary.tsv: "),
        "{err}"
    );
    assert!(err.location().is_none());
}

#[test]
fn user_dictionaries_extend_the_bundled_one() {
    let unspin = Unspinner::builder()
        .dictionary_str("mine.tsv", "glimmering hope\tglimmer of hope\tfix\tmine\n")
        .build()
        .unwrap();
    let repaired = unspin.repair("a glimmering hope after Planet War II");
    assert_eq!(repaired.text, "a glimmer of hope after World War II");
    assert_eq!(repaired.edits[0].location.to_string(), "mine.tsv:1");
    assert!(repaired.edits[1]
        .location
        .dictionary
        .starts_with("dictionaries/"));
}

#[test]
fn a_user_entry_overrides_a_bundled_one() {
    let unspin = Unspinner::builder()
        .dictionary_str("mine.tsv", "regulation enforcement\tpolicing\tfix\tmine\n")
        .build()
        .unwrap();
    assert_eq!(unspin.repair("regulation enforcement").text, "policing");
    let overrides: Vec<_> = unspin
        .overrides()
        .map(|(entry, bundled)| (entry.location().to_string(), bundled.dictionary.to_string()))
        .collect();
    assert_eq!(
        overrides,
        [(
            "mine.tsv:1".to_string(),
            "dictionaries/news.tsv".to_string()
        )]
    );
    let entry = unspin.lookup("regulation enforcement").unwrap();
    assert_eq!(entry.original(), "policing");
    assert_eq!(
        unspin
            .entries()
            .filter(|e| e.spun() == "regulation enforcement")
            .count(),
        1,
        "the bundled entry is no longer listed"
    );
    // Two user dictionaries that disagree are still an error.
    let err = Unspinner::builder()
        .dictionary_str("a.tsv", "glimmering hope\tglimmer of hope\n")
        .dictionary_str("b.tsv", "glimmering hope\tspark of hope\n")
        .build()
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "b.tsv:1: \"glimmering hope\" is mapped to \"spark of hope\" here but to \"glimmer of hope\" at a.tsv:1"
    );
}

#[test]
fn a_two_column_dictionary_is_fix_entries_sourced_from_its_file() {
    let unspin = Unspinner::builder()
        .builtin(false)
        .dictionary_str("house.tsv", "# spun, original\nglimmering hope\tglimmer of hope\nhuge outflow\tlarge outflow\tcontext\n")
        .build()
        .unwrap();
    let entries: Vec<_> = unspin
        .entries()
        .map(|e| (e.spun(), e.tier(), e.location().to_string()))
        .collect();
    assert_eq!(
        entries,
        [
            (
                "glimmering hope",
                unspin::Tier::Fix,
                "house.tsv:2".to_string()
            ),
            (
                "huge outflow",
                unspin::Tier::Context,
                "house.tsv:3".to_string()
            ),
        ]
    );
}

#[test]
fn chains_with_the_bundled_dictionary_name_the_user_line() {
    // The user's original holds a bundled spun phrase.
    let err = Unspinner::builder()
        .dictionary_str(
            "mine.tsv",
            "# a comment\nglimmering hope\tregulation enforcement hope\n",
        )
        .build()
        .unwrap_err();
    let message = err.to_string();
    assert!(
        message.starts_with("mine.tsv:2: chain: the original \"regulation enforcement hope\" contains the spun phrase \"regulation enforcement\" of dictionaries/news.tsv:"),
        "{message}"
    );
    // The user's spun phrase is inside a bundled original: "Associated
    // Press" is the original of "associated push".
    let err = Unspinner::builder()
        .dictionary_str("mine.tsv", "press\tnewspapers\n")
        .build()
        .unwrap_err();
    let message = err.to_string();
    assert!(
        message.starts_with("mine.tsv:1: chain: the spun phrase \"press\" is inside the original "),
        "{message}"
    );
}

/// A user dictionary laid over the embedded bundle gives what compiling
/// the bundled files and it from scratch gives: the same entries and the
/// same repairs.
#[test]
fn layering_over_the_bundle_equals_compiling_everything() {
    let user = "glimmering hope\tglimmer of hope\tfix\tmine\n\
                huge outflow\tlarge outflow\tcontext\tmine\t\t\tafter:@det\n\
                tremendous outpouring\tlarge outflow | big outflow\tcontext\tmine\n";
    let layered = Unspinner::builder()
        .dictionary_str("mine.tsv", user)
        .allow("Planet War II")
        .mode(unspin::Mode::Aggressive)
        .build()
        .unwrap();
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("dictionaries");
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tsv"))
        .collect();
    names.sort();
    let mut full = Unspinner::builder()
        .builtin(false)
        .mode(unspin::Mode::Aggressive);
    for name in &names {
        let text = std::fs::read_to_string(dir.join(name)).unwrap();
        if name.starts_with("allow") {
            full = full.allow_file(dir.join(name));
        } else {
            full = full.dictionary_str(format!("dictionaries/{name}"), text);
        }
    }
    let full = full
        .dictionary_str("mine.tsv", user)
        .allow("Planet War II")
        .build()
        .unwrap();
    let listed = |u: &Unspinner| -> Vec<(String, String, unspin::Tier, String)> {
        u.entries()
            .map(|e| {
                (
                    e.spun().to_string(),
                    e.original().to_string(),
                    e.tier(),
                    e.location().to_string(),
                )
            })
            .collect()
    };
    assert_eq!(listed(&layered), listed(&full));
    let text = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/spun-article.txt"),
    )
    .unwrap();
    let text = format!("{text}\nA glimmering hope, the huge outflow after Planet War II and a tremendous outpouring of grief.");
    assert_eq!(layered.repair(&text), full.repair(&text));
    assert_eq!(layered.score(&text), full.score(&text));
}

/// With or without the bundle beneath, the first chain reported is that of
/// the earliest line, and each line is checked against every key.
#[test]
fn layered_chain_errors_are_reported_in_line_order() {
    let text = "zeta qq\tfoo bar\nalpha qq\tzeta qq x\nfoo\tbaz\n";
    for builtin in [false, true] {
        let err = Unspinner::builder()
            .builtin(builtin)
            .dictionary_str("m.tsv", text)
            .build()
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with("m.tsv:1: chain: the original \"foo bar\" contains the spun phrase \"foo\" of m.tsv:3"),
            "builtin {builtin}: {err}"
        );
    }
}
