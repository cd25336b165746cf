//! Table-driven conformance tests for the matcher and repair semantics,
//! on a small in-memory dictionary so each case reads on one line.

use unspin::{EditKind, Mode, Tier, Unspinner};

const DICTIONARY: &str = "\
# spun\toriginal\ttier\tsource
thirty day\tmonth\tfix\ttest
thirty day period\tmonth\tfix\ttest
sixth thirty day period\tsixth month\tfix\ttest
associated push\tAssociated Press\tfix\ttest
regulation enforcement\tlaw enforcement\tfix\ttest
planet war\tWorld War\tfix\ttest
cost-free\tfree\tfix\ttest
1000's\tthousands\tfix\ttest
gulagu.internet\tGulagu.net\tfix\ttest
caf\u{e9} society\tcoffee society\tfix\ttest
\u{4e2d}\u{56fd} \u{653f}\u{5e9c}\tChinese government\tfix\ttest
enormous\thuge\tfix\ttest
entrepreneur\tbusinessman\tfix\ttest
counterfeit consciousness\tartificial intelligence\tfix\ttest
claimed\tsaid\tcontext\ttest
law officer's\tpolice officer's\tfix\ttest
wouldn't front\twouldn't face\tfix\ttest
";

fn unspinner(mode: Mode) -> Unspinner {
    Unspinner::builder()
        .builtin(false)
        .dictionary_str("test.tsv", DICTIONARY)
        .mode(mode)
        .build()
        .expect("test dictionary is valid")
}

fn check(cases: &[(&str, &str)]) {
    let unspin = unspinner(Mode::Conservative);
    for (input, want) in cases {
        let got = unspin.repair(input);
        assert_eq!(got.text, *want, "input {input:?}");
    }
}

#[test]
fn prefix_and_superset_phrases() {
    check(&[
        ("thirty day period", "month"),
        ("thirty day periods", "month periods"),
        ("thirty day periodical", "month periodical"),
        ("thirty days", "thirty days"),
        ("thirty day", "month"),
        ("the thirty day period.", "the month."),
        ("its sixth thirty day period", "its sixth month"),
        ("its sixth thirty day periods", "its sixth month periods"),
        ("sixth thirty days", "sixth thirty days"),
        ("associated", "associated"),
        ("associated pushes", "associated pushes"),
    ]);
}

#[test]
fn adjacent_matches_and_text_edges() {
    check(&[
        ("regulation enforcement", "law enforcement"),
        (
            "regulation enforcement regulation enforcement",
            "law enforcement law enforcement",
        ),
        (
            "regulation enforcement,planet war",
            "law enforcement,World War",
        ),
        ("planet warplanet war", "planet warplanet war"),
        ("planet war planet war", "World War World War"),
        ("", ""),
        (" ", " "),
        ("regulation", "regulation"),
        ("x regulation enforcement", "x law enforcement"),
    ]);
}

#[test]
fn punctuation_and_hyphens_around_and_inside() {
    check(&[
        ("(regulation enforcement)", "(law enforcement)"),
        (
            "\u{201c}regulation enforcement\u{201d}",
            "\u{201c}law enforcement\u{201d}",
        ),
        ("\"planet war\"", "\"World War\""),
        ("regulation-enforcement", "regulation-enforcement"),
        ("regulation enforcement-related", "law enforcement-related"),
        ("anti-regulation enforcement", "anti-law enforcement"),
        ("cost-free", "free"),
        ("cost\u{2011}free", "free"),
        ("cost\u{2013}free", "free"),
        ("cost free", "cost free"),
        ("cost--free", "cost--free"),
        ("the Gulagu.internet team", "the Gulagu.net team"),
        ("Gulagu.internets", "Gulagu.internets"),
        ("regulation enforcement.", "law enforcement."),
        (
            "regulation enforcement\u{2014}then",
            "law enforcement\u{2014}then",
        ),
    ]);
}

#[test]
fn apostrophes() {
    check(&[
        ("1000's of people", "thousands of people"),
        ("1000\u{2019}s of people", "thousands of people"),
        (
            "the associated push's reporter",
            "the associated push's reporter",
        ),
        (
            "the associated push\u{2019}s reporter",
            "the associated push\u{2019}s reporter",
        ),
        ("'regulation enforcement'", "'law enforcement'"),
        ("the planet war' end", "the World War' end"),
        ("o'regulation enforcement", "o'regulation enforcement"),
    ]);
}

#[test]
fn line_breaks_and_other_whitespace_inside_a_phrase() {
    check(&[
        ("regulation\nenforcement", "law enforcement"),
        ("regulation \r\n  enforcement", "law enforcement"),
        ("regulation\tenforcement", "law enforcement"),
        ("regulation\u{a0}enforcement", "law enforcement"),
        ("regulation\u{2003}\u{2003}enforcement", "law enforcement"),
        ("planet war\n", "World War\n"),
        ("\nplanet war", "\nWorld War"),
    ]);
}

#[test]
fn non_ascii_letters_next_to_a_phrase() {
    check(&[
        (
            "\u{e9}regulation enforcement",
            "\u{e9}regulation enforcement",
        ),
        (
            "regulation enforcement\u{e9}",
            "regulation enforcement\u{e9}",
        ),
        (
            "\u{130}regulation enforcement",
            "\u{130}regulation enforcement",
        ),
        (
            "regulation enforcement\u{130}",
            "regulation enforcement\u{130}",
        ),
        (
            "\u{4e2d}regulation enforcement",
            "\u{4e2d}regulation enforcement",
        ),
        (
            "regulation enforcement\u{4e2d}",
            "regulation enforcement\u{4e2d}",
        ),
        ("regulation enforcement\u{3002}", "law enforcement\u{3002}"),
        (
            "regulation enforcement\u{301}",
            "regulation enforcement\u{301}",
        ),
        ("\u{4e2d}\u{56fd} \u{653f}\u{5e9c}", "Chinese government"),
        (
            "\u{4e2d}\u{56fd}\u{653f}\u{5e9c}",
            "\u{4e2d}\u{56fd}\u{653f}\u{5e9c}",
        ),
        ("\u{130} planet war \u{130}", "\u{130} World War \u{130}"),
        (
            "\u{1f600}planet war\u{1f600}",
            "\u{1f600}World War\u{1f600}",
        ),
        ("caf\u{e9} society", "coffee society"),
        ("CAF\u{c9} SOCIETY", "COFFEE SOCIETY"),
    ]);
}

#[test]
fn words_containing_keys_are_untouched() {
    check(&[
        ("overregulation enforcement", "overregulation enforcement"),
        ("regulation enforcements", "regulation enforcements"),
        ("deregulation enforcement", "deregulation enforcement"),
        ("planet warfare", "planet warfare"),
        ("subplanet war", "subplanet war"),
        ("regulation enforcement2", "regulation enforcement2"),
        ("2regulation enforcement", "2regulation enforcement"),
    ]);
}

#[test]
fn case_is_carried_word_by_word() {
    check(&[
        ("Regulation enforcement", "Law enforcement"),
        ("Regulation Enforcement", "Law Enforcement"),
        ("REGULATION ENFORCEMENT", "LAW ENFORCEMENT"),
        ("Planet War II", "World War II"),
        ("planet war II", "World War II"),
        ("The Associated Push", "The Associated Press"),
        ("the associated push", "the Associated Press"),
        ("COUNTERFEIT CONSCIOUSNESS", "ARTIFICIAL INTELLIGENCE"),
        ("Counterfeit consciousness", "Artificial intelligence"),
        ("Counterfeit Consciousness", "Artificial Intelligence"),
        ("cOUNTERFEIT consciousness", "artificial intelligence"),
        // A word's apostrophe is inside the word (text/words.rs): Title
        // Case capitalises "Officer's", never "Officer'S".
        ("Law Officer's Report", "Police Officer's Report"),
        ("Wouldn't Front", "Wouldn't Face"),
        ("WOULDN'T FRONT", "WOULDN'T FACE"),
    ]);
}

#[test]
fn articles_follow_the_new_first_sound() {
    check(&[
        ("an entrepreneur", "a businessman"),
        ("An entrepreneur", "A businessman"),
        ("AN ENTREPRENEUR", "A BUSINESSMAN"),
        ("a enormous outflow", "a huge outflow"),
        ("an enormous outflow", "a huge outflow"),
        ("A enormous outflow", "A huge outflow"),
        ("banana entrepreneur", "banana businessman"),
        ("an\nentrepreneur", "a\nbusinessman"),
        ("a  entrepreneur", "a  businessman"),
        ("the entrepreneur", "the businessman"),
        // An "an" joined to the word before by an apostrophe is part of
        // that word, not an article (text/words.rs).
        ("l'an entrepreneur", "l'an businessman"),
        // An article in quotes is an article.
        ("'an entrepreneur'", "'a businessman'"),
        (
            "\u{2018}an entrepreneur\u{2019}",
            "\u{2018}a businessman\u{2019}",
        ),
    ]);
}

#[test]
fn nfd_input_matches_and_offsets_are_those_of_the_input() {
    let unspin = unspinner(Mode::Conservative);
    let text = "Le cafe\u{301} society, then regulation enforcement.";
    let repaired = unspin.repair(text);
    assert_eq!(repaired.text, "Le coffee society, then law enforcement.");
    let spans: Vec<_> = repaired.edits.iter().map(|e| e.span.clone()).collect();
    assert_eq!(spans, [3..17, 24..46]);
    for edit in &repaired.edits {
        assert_eq!(&text[edit.span.clone()], edit.spun);
    }
    // Combining marks alone, or after spaces, never panic.
    for text in [
        "\u{301}",
        " \u{301}\u{301} ",
        "e\u{301}\u{301}\u{301}",
        "\u{301}planet war",
    ] {
        let _ = unspin.repair(text);
    }
}

#[test]
fn edits_describe_the_change() {
    let unspin = unspinner(Mode::Conservative);
    let text = "He is an entrepreneur. Planet War II.";
    let repaired = unspin.repair(text);
    let edits: Vec<_> = repaired
        .edits
        .iter()
        .map(|e| {
            (
                e.span.clone(),
                e.spun.as_str(),
                e.replacement.as_str(),
                e.kind,
                e.location.to_string(),
            )
        })
        .collect();
    assert_eq!(
        edits,
        [
            (
                6..8,
                "an",
                "a",
                EditKind::Article,
                "test.tsv:14".to_string()
            ),
            (
                9..21,
                "entrepreneur",
                "businessman",
                EditKind::Phrase,
                "test.tsv:14".to_string()
            ),
            (
                23..33,
                "Planet War",
                "World War",
                EditKind::Phrase,
                "test.tsv:7".to_string()
            ),
        ]
    );
}

#[test]
fn unchanged_text_is_borrowed() {
    let unspin = unspinner(Mode::Conservative);
    let repaired = unspin.repair("nothing to see here, he claimed");
    assert!(matches!(repaired.text, std::borrow::Cow::Borrowed(_)));
    assert!(repaired.edits.is_empty());
}

#[test]
fn context_entries_are_always_detected_and_repaired_by_mode() {
    let text = "Tabalov claimed regulation enforcement was there.";
    // One garble is not enough to judge a text spun: auto mode leaves the
    // context entry, as conservative mode always does.
    assert_eq!(
        unspinner(Mode::Auto).repair(text).text,
        "Tabalov claimed law enforcement was there."
    );
    let spun = "Tabalov claimed regulation enforcement arrived after Planet War II.";
    assert_eq!(
        unspinner(Mode::Auto).repair(spun).text,
        "Tabalov said law enforcement arrived after World War II."
    );
    let conservative = unspinner(Mode::Conservative);
    assert_eq!(
        conservative.repair(text).text,
        "Tabalov claimed law enforcement was there."
    );
    let found: Vec<_> = conservative
        .find_iter(text)
        .map(|m| (m.span(), m.entry().tier()))
        .collect();
    assert_eq!(found, [(8..15, Tier::Context), (16..38, Tier::Fix)]);
    let aggressive = unspinner(Mode::Aggressive);
    assert_eq!(
        aggressive.repair(text).text,
        "Tabalov said law enforcement was there."
    );
    // In aggressive mode, detection and repair agree.
    let detected: Vec<_> = aggressive.find_iter(text).map(|m| m.span()).collect();
    let repaired: Vec<_> = aggressive
        .repair(text)
        .edits
        .into_iter()
        .map(|e| e.span)
        .collect();
    assert_eq!(detected, repaired);
}

#[test]
fn allowed_phrases_are_never_touched() {
    let unspin = Unspinner::builder()
        .builtin(false)
        .dictionary_str("test.tsv", DICTIONARY)
        .allow("period ends")
        .allow("planet war")
        .allow("the associated")
        .build()
        .unwrap();
    let cases = [
        // An allowed phrase inside the longest key leaves the shorter key.
        ("thirty day period ends", "month period ends"),
        ("thirty day period ended", "month ended"),
        ("thirty day period", "month"),
        // An allowed phrase that is also a key removes the entry.
        ("Planet War II", "Planet War II"),
        // An allowed phrase before the key protects its own span.
        ("the associated push", "the associated push"),
        ("associated push", "Associated Press"),
    ];
    for (input, want) in cases {
        assert_eq!(unspin.repair(input).text, want, "input {input:?}");
    }
}

#[test]
fn repairing_twice_changes_nothing() {
    let unspin = unspinner(Mode::Aggressive);
    let text = "An entrepreneur claimed, in Planet War II, that 1000's of regulation \
                enforcement officers its sixth thirty day period of the Gulagu.internet.";
    let once = unspin.repair(text).text.into_owned();
    assert_eq!(unspin.repair(&once).text, once);
}

#[test]
fn context_rules_narrow_where_an_entry_applies() {
    let dictionary = "\
claimed\tsaid\tcontext\ttest\t\tattribution\tafter:@quote | after:@name | after:@pronoun | before:@name | before:@pronoun
go\tmove\tcontext\ttest\t\tnoun sense\tafter:@det
go that\tmove that\tcontext\ttest\t\t\tafter:a
";
    let unspin = Unspinner::builder()
        .builtin(false)
        .dictionary_str("rules.tsv", dictionary)
        .mode(Mode::Aggressive)
        .build()
        .unwrap();
    let cases = [
        (
            "\u{201c}We are ready,\u{201d} claimed Alexei Tabalov.",
            "\u{201c}We are ready,\u{201d} said Alexei Tabalov.",
        ),
        (
            "Tabalov claimed in an interview",
            "Tabalov said in an interview",
        ),
        ("she claimed he left", "she said he left"),
        // A name in quotes, or with a possessive apostrophe, is a name.
        (
            "\u{2018}Jones\u{2019} claimed it",
            "\u{2018}Jones\u{2019} said it",
        ),
        ("'Jones' claimed it", "'Jones' said it"),
        ("the Joneses\u{2019} claimed", "the Joneses\u{2019} said"),
        ("the claimed benefits", "the claimed benefits"),
        (
            "officials claimed responsibility",
            "officials claimed responsibility",
        ),
        ("a go that could hurt", "a move that could hurt"),
        ("the go ahead", "the move ahead"),
        ("to go home", "to go home"),
        // The rule of the longer key fails, so the shorter key matches.
        ("the go that", "the move that"),
    ];
    for (input, want) in cases {
        assert_eq!(unspin.repair(input).text, want, "input {input:?}");
    }
    // Detection reports only the matches whose rule holds, too.
    assert_eq!(unspin.find_iter("the claimed benefits").count(), 0);
    assert_eq!(unspin.find_iter("she claimed").count(), 1);
}
