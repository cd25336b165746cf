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
            &[("a.tsv", "# header\n\nplanet war\tWorld War\tfix\n")],
            "a.tsv:3: expected 4 to 7 tab-separated columns (spun, original, tier, source[, forms[, note[, when]]]), found 3",
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
fn conflicting_with_the_bundled_dictionary_is_an_error() {
    let err = Unspinner::builder()
        .dictionary_str("mine.tsv", "regulation enforcement\tpolicing\tfix\tmine\n")
        .build()
        .unwrap_err();
    let message = err.to_string();
    assert!(message.starts_with("mine.tsv:1: \"regulation enforcement\" is mapped to \"policing\" here but to \"law enforcement\" at dictionaries/"), "{message}");
}
