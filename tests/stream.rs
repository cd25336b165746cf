//! Streaming repair gives exactly the in-memory result, whatever the chunk
//! sizes and the window size.

use std::io::Read;

use unspin::{Mode, StreamError, Unspinner};

/// Yields its data in chunks of the given sizes (cycling), like a socket.
struct Chunked<'a> {
    data: &'a [u8],
    sizes: Vec<usize>,
    next: usize,
}

impl Read for Chunked<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let size = self.sizes[self.next % self.sizes.len()].max(1);
        self.next += 1;
        let n = size.min(buf.len()).min(self.data.len());
        buf[..n].copy_from_slice(&self.data[..n]);
        self.data = &self.data[n..];
        Ok(n)
    }
}

fn stream(unspin: &Unspinner, data: &[u8], sizes: Vec<usize>) -> Result<Vec<u8>, StreamError> {
    let mut out = Vec::new();
    unspin.repair_stream(
        Chunked {
            data,
            sizes,
            next: 0,
        },
        &mut out,
    )?;
    Ok(out)
}

fn sample(max_bytes: usize) -> String {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/samples/spun-article.txt"
    ))
    .unwrap();
    let mut end = max_bytes.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    format!(
        "{} An entrepreneur said “Planet War\u{a0}II”, and caf\u{e9} 1000’s.",
        &text[..end]
    )
}

#[test]
fn every_split_point_gives_the_in_memory_result() {
    let text = sample(500);
    for mode in [Mode::Auto, Mode::Aggressive] {
        for window in [4, 30] {
            let unspin = Unspinner::builder()
                .mode(mode)
                .window_words(window)
                .build()
                .unwrap();
            let want = unspin.repair(&text).text.into_owned();
            for split in 0..=text.len() {
                let got = stream(&unspin, text.as_bytes(), vec![split, text.len()]).unwrap();
                assert_eq!(
                    String::from_utf8(got).unwrap(),
                    want,
                    "mode {mode:?}, window {window}, split at byte {split}"
                );
            }
        }
    }
}

#[test]
fn random_chunk_sizes_give_the_in_memory_result() {
    let text = sample(usize::MAX).repeat(3);
    let mut seed = 0x2545_f491_4f6c_dd1d_u64;
    for window in [1, 7, 100, unspin::WINDOW_WORDS] {
        let unspin = Unspinner::builder().window_words(window).build().unwrap();
        let want = unspin.repair(&text).text.into_owned();
        for _ in 0..8 {
            let sizes: Vec<usize> = (0..16)
                .map(|_| {
                    seed ^= seed << 13;
                    seed ^= seed >> 7;
                    seed ^= seed << 17;
                    (seed % 97) as usize + 1
                })
                .collect();
            let got = stream(&unspin, text.as_bytes(), sizes.clone()).unwrap();
            assert_eq!(
                String::from_utf8(got).unwrap(),
                want,
                "window {window}, sizes {sizes:?}"
            );
        }
    }
}

#[test]
fn edge_texts() {
    let unspin = Unspinner::builder().window_words(2).build().unwrap();
    for text in [
        "",
        " ",
        "\n\n",
        "a",
        "an entrepreneur",
        "  Planet War II  ",
        "x\u{301}\u{301}",
    ] {
        let got = stream(&unspin, text.as_bytes(), vec![1]).unwrap();
        assert_eq!(
            String::from_utf8(got).unwrap(),
            unspin.repair(text).text,
            "{text:?}"
        );
    }
}

#[test]
fn invalid_utf8_is_reported_with_its_position() {
    let unspin = Unspinner::new();
    let mut data = b"Planet War II ".to_vec();
    data.extend_from_slice(b"ok \xC3\x28 bad");
    let err = stream(&unspin, &data, vec![3]).unwrap_err();
    assert!(
        matches!(
            err,
            StreamError::NotUtf8 {
                offset: 17,
                line: 1,
                column: 18,
                byte: Some(0xC3)
            }
        ),
        "{err:?}"
    );
    assert_eq!(
        err.to_string(),
        "input is not valid UTF-8 at line 1, column 18 (byte offset 17)"
    );
    let err = stream(
        &unspin,
        "caf\u{e9}\nx\ny\u{e9}\u{fffd}"
            .as_bytes()
            .iter()
            .copied()
            .take(14)
            .chain([0xFF])
            .collect::<Vec<u8>>()
            .as_slice(),
        vec![2],
    )
    .unwrap_err();
    assert!(
        matches!(
            err,
            StreamError::NotUtf8 {
                line: 3,
                column: 4,
                ..
            }
        ),
        "{err:?}"
    );
    // A sequence cut off by the end of input.
    let err = stream(&unspin, b"caf\xC3", vec![2]).unwrap_err();
    assert!(
        matches!(
            err,
            StreamError::NotUtf8 {
                offset: 3,
                byte: None,
                ..
            }
        ),
        "{err:?}"
    );
}

#[test]
fn pathological_inputs_give_the_in_memory_result() {
    let unspin = Unspinner::new();
    let long_word = "x".repeat(3 << 20);
    let cases = [
        // One 3 MiB "word": cut into byte-capped windows.
        format!("Planet War II {long_word} regulation enforcement"),
        // A phrase split by 200 KiB of spaces is too long to be a match.
        format!(
            "regulation{}enforcement and Planet War II",
            " ".repeat(200 << 10)
        ),
        // Non-ASCII around the byte cap.
        format!("{} an entrepreneur", "\u{e9}".repeat(700 << 10)),
        // A trailing article at a window's end.
        format!("{} a enormous outflow", "word ".repeat(1999)),
    ];
    for text in &cases {
        let want = unspin.repair(text).text.into_owned();
        for sizes in [vec![65536], vec![7, 4093, 65521]] {
            let got = stream(&unspin, text.as_bytes(), sizes).unwrap();
            assert!(
                got == want.as_bytes(),
                "input of {} bytes differs",
                text.len()
            );
        }
    }
    let spaced = &cases[1];
    assert!(unspin.repair(spaced).text.starts_with("regulation "));
    assert!(unspin.repair(spaced).text.ends_with("and World War II"));
}

#[test]
fn an_article_before_windows_of_whitespace_gives_the_in_memory_result() {
    let unspin = Unspinner::builder()
        .builtin(false)
        .dictionary_str("t.tsv", "entrepreneur\tbusinessman\tfix\ttest\n")
        .window_words(2)
        .build()
        .unwrap();
    // Held back while a repair after the whitespace may change it (10 KiB
    // of spaces), written out once it cannot (3 MiB).
    for (spaces, want) in [(10 << 10, "word a "), (3 << 20, "word an ")] {
        let text = format!("word an{}entrepreneur", " ".repeat(spaces));
        let repaired = unspin.repair(&text).text.into_owned();
        assert!(repaired.starts_with(want), "{spaces} spaces");
        assert!(repaired.ends_with("businessman"));
        for sizes in [vec![65536], vec![7, 4093, 65521]] {
            let got = stream(&unspin, text.as_bytes(), sizes).unwrap();
            assert!(got == repaired.as_bytes(), "{spaces} spaces differ");
        }
    }
}

#[test]
fn the_report_gives_the_in_memory_edits_and_verdict() {
    // The sample, repeated past several windows, and half of it spun and
    // half clean, with small windows so that the verdicts differ.
    let spun = sample(usize::MAX);
    let clean = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/samples/spun-article.original.txt"
    ))
    .unwrap();
    let text = format!("{clean}\n{spun}\n{clean}\n{spun}");
    for (window, threads) in [(None, 1), (Some(120), 1), (Some(120), 2), (None, 2)] {
        let mut builder = Unspinner::builder().threads(threads);
        if let Some(words) = window {
            builder = builder.window_words(words);
        }
        let unspin = builder.build().unwrap();
        let whole = unspin.repair(&text);
        for sizes in [vec![1 << 20], vec![7, 300, 4096]] {
            let mut edits = Vec::new();
            let mut out = Vec::new();
            let reader = Chunked {
                data: text.as_bytes(),
                sizes: sizes.clone(),
                next: 0,
            };
            let report = unspin
                .repair_stream_with(reader, &mut out, |e| edits.push(e))
                .unwrap();
            let what = format!("window {window:?}, {threads} threads, chunks {sizes:?}");
            assert_eq!(String::from_utf8(out).unwrap(), whole.text, "{what}");
            assert_eq!(edits, whole.edits, "{what}");
            assert_eq!(report.summary.edits, whole.edits.len(), "{what}");
            let score = unspin.score(&text);
            assert_eq!(report.verdict(), score.verdict(), "{what}");
            assert_eq!(report.score, score, "{what}");
        }
    }
}

#[test]
fn a_document_in_parts_is_repaired_as_the_whole() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/samples/spun-article.txt"
    ))
    .unwrap();
    for words in [2_000, 150] {
        let unspin = Unspinner::builder().window_words(words).build().unwrap();
        let whole = unspin.repair(&text);
        let lines: Vec<&str> = text.split('\n').collect();
        // Line by line, each line is judged alone: fewer repairs.
        let alone: usize = lines.iter().map(|l| unspin.repair(l).edits.len()).sum();
        assert!(
            alone < whole.edits.len(),
            "{alone} vs {}",
            whole.edits.len()
        );
        // As parts of one document, the whole document's repairs (no
        // phrase of the sample crosses a line break).
        let parts = unspin.repair_parts(&lines);
        let joined: Vec<&str> = parts.iter().map(|p| p.text.as_ref()).collect();
        assert_eq!(joined.join("\n"), whole.text, "windows of {words} words");
        let edits: usize = parts.iter().map(|p| p.edits.len()).sum();
        assert_eq!(edits, whole.edits.len());
        for (part, line) in parts.iter().zip(&lines) {
            for e in &part.edits {
                assert_eq!(&line[e.span.clone()], e.spun);
            }
        }
    }
    // Parts are hard breaks: a phrase split between two parts is not one.
    let unspin = Unspinner::new();
    let parts = unspin.repair_parts(&["regulation", "enforcement"]);
    assert!(parts.iter().all(|p| p.edits.is_empty()));
    assert_eq!(
        unspin.repair("regulation\nenforcement").text,
        "law enforcement"
    );
}

/// The frequency evidence reads the words next to a match; a stream holds
/// only so much text before a window, so the evidence must read no farther,
/// whatever the whitespace between a match and its neighbour.
#[test]
fn evidence_reads_the_same_neighbours_in_a_stream() {
    let unspin = Unspinner::builder()
        .builtin(false)
        .dictionary_str(
            "mine.tsv",
            "conscious\taware\tcontext\ttest\nhuge\tlarge | great\tfix\ttest\n",
        )
        .mode(Mode::Aggressive)
        .window_words(1)
        .build()
        .unwrap();
    for filler in (0..300).step_by(37) {
        for gap in [1, 30, 55, 63, 64, 65, 66, 80, 200] {
            let text = format!(
                "{}the{}conscious. a{}huge number of",
                "word ".repeat(filler),
                " ".repeat(gap),
                " ".repeat(gap)
            );
            let whole = unspin.repair(&text);
            for sizes in [vec![1 << 16], vec![3, 17]] {
                let out = stream(&unspin, text.as_bytes(), sizes.clone()).unwrap();
                assert_eq!(
                    String::from_utf8(out).unwrap(),
                    whole.text,
                    "filler {filler}, gap {gap}, chunks {sizes:?}"
                );
            }
        }
    }
}

#[test]
fn an_unspinner_is_shared_across_threads_and_unwind_safe() {
    fn shared<T>()
    where
        T: Send + Sync + Clone + std::panic::UnwindSafe + std::panic::RefUnwindSafe,
    {
    }
    shared::<Unspinner>();
}
