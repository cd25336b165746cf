//! The spin score on the inputs at its edges: every one gets a verdict,
//! without error, and the obvious ones the obvious verdict.

use unspin::{Mode, Unspinner, Verdict};

#[test]
fn degenerate_inputs_get_a_verdict() {
    let unspin = Unspinner::new();
    let long_word = "x".repeat(3 << 20);
    let cases: Vec<(String, Verdict)> = vec![
        (String::new(), Verdict::Clean),
        ("   \n\t ".into(), Verdict::Clean),
        ("... !!! ???".into(), Verdict::Clean),
        ("Hello".into(), Verdict::Clean),
        ("everybody".into(), Verdict::Clean),
        // One repeated context word is one entry, however often.
        ("everybody ".repeat(300), Verdict::Clean),
        // One fix phrase: a sign, not enough to be judged spun.
        ("regulation enforcement".into(), Verdict::Suspicious),
        // A 3 MiB word, and 3 MiB of spaces: windows cut by bytes.
        (long_word.clone(), Verdict::Clean),
        (
            format!("{}regulation enforcement", " ".repeat(3 << 20)),
            Verdict::Suspicious,
        ),
        ("\u{4e2d}\u{6587}".repeat(100_000), Verdict::Clean),
        ("1 2 3 4 5 6 7 8 9 ".repeat(1000), Verdict::Clean),
    ];
    for (text, want) in &cases {
        let score = unspin.score(text);
        let p = score.probability();
        assert!((0.0..=1.0).contains(&p), "{p}");
        assert_eq!(
            score.verdict(),
            *want,
            "{:?}…: {score:?}",
            &text[..text.len().min(40)]
        );
        let assessment = unspin.assess(text);
        assert_eq!(assessment.verdict(), *want);
        assert!(assessment.paragraphs.iter().all(|p| p.verdict <= *want));
    }
    assert!(unspin.score("").words == 0);
}

#[test]
fn a_long_text_is_judged_by_its_most_spun_window() {
    let unspin = Unspinner::builder().window_words(200).build().unwrap();
    let clean = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/clean-en.txt"
    ))
    .unwrap();
    let spun = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/samples/spun-article.txt"
    ))
    .unwrap();
    let text = format!("{clean}\n\n{spun}");
    let assessment = unspin.assess(&text);
    assert!(assessment.windows.len() > 10);
    assert_eq!(assessment.verdict(), Verdict::Spun);
    assert_eq!(unspin.score(&text).verdict(), Verdict::Spun);
    // The clean windows stay clean, and so do their paragraphs.
    let clean_end = clean.len();
    for w in assessment
        .windows
        .iter()
        .filter(|w| w.span.end <= clean_end)
    {
        assert_ne!(w.verdict, Verdict::Spun, "{:?}", w.span);
    }
    assert!(assessment
        .paragraphs
        .iter()
        .filter(|p| p.span.end <= clean_end)
        .all(|p| p.verdict != Verdict::Spun));
    // Auto mode repairs context entries only where the window is spun.
    let auto = Unspinner::builder()
        .window_words(200)
        .mode(Mode::Auto)
        .build()
        .unwrap();
    let repaired = auto.repair(&text);
    assert!(repaired
        .edits
        .iter()
        .all(|e| e.span.start > clean_end || e.tier == unspin::Tier::Fix));
    assert!(repaired
        .edits
        .iter()
        .any(|e| e.tier == unspin::Tier::Context));
}
