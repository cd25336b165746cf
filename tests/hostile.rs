//! Hostile inputs: text shaped to trip the scanner, the windows or the
//! stream. For every shape, on small sizes:
//!
//! * nothing panics;
//! * streaming repair (one and two threads, whole reads and odd chunks
//!   that split characters) gives exactly the in-memory repair, with the
//!   same number of edits;
//! * the output differs from the input only inside the reported edits,
//!   which are in order, do not overlap, lie on char boundaries and, applied
//!   to the input, give the output;
//! * a shape that holds no dictionary phrase comes back unchanged, with no
//!   edit, and detection finds nothing in it; one that holds only
//!   `context` phrases also comes back unchanged in the default mode.
//!
//! Each shape is checked with the default unspinner; shapes of a few
//! hundred kilobytes also with 64-word windows (so that they cross many
//! windows), and shapes with phrases also in aggressive mode. Shapes with
//! few words are made longer than the 1 MiB window cap instead. A last test
//! walks a phrase across the 64 KiB match cap.
//!
//! The shapes are generated here, deterministically, and shared with
//! `benches/hostile.rs`, which times them at 10 MB and 100 MB to show that
//! the cost stays linear.

#![allow(dead_code)] // the bench uses the generators, not the checks

use unspin::Unspinner;

/// One hostile shape of text.
pub struct Shape {
    /// A short name for tables and failure messages.
    pub name: &'static str,
    /// What the text looks like.
    pub about: String,
    /// What a repair may do to it.
    pub expect: Expect,
    /// The size the tests use, in bytes (large enough to cross windows
    /// where that matters, small enough for a debug build).
    pub test_size: usize,
    /// Makes about `size` bytes of the shape (never more).
    pub make: Box<dyn Fn(usize) -> String + Send + Sync>,
}

/// What a shape holds, and so what a default-mode repair may do to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expect {
    /// No dictionary phrase of any tier: detection finds nothing, and the
    /// repair returns the input, borrowed, with no edit.
    Nothing,
    /// Only `context` phrases, and no `fix` one, so no window is spun:
    /// detection finds them, but the default repair returns the input.
    Unchanged,
    /// Phrases of either tier: repaired, and only inside the edits.
    Phrases,
}

/// `unit` repeated until the text is `size` bytes, cut at a char boundary.
pub fn repeat_to(head: &str, unit: &str, size: usize) -> String {
    let mut text = String::with_capacity(size + unit.len() + head.len());
    text.push_str(head);
    while text.len() < size {
        text.push_str(unit);
    }
    truncate(&mut text, size);
    text
}

/// Cuts `text` to at most `size` bytes, at a char boundary.
fn truncate(text: &mut String, size: usize) {
    if text.len() > size {
        let mut end = size;
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        text.truncate(end);
    }
}

/// A deterministic xorshift generator.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[(self.next() % items.len() as u64) as usize]
    }
}

fn read(path: &str) -> String {
    let path = format!("{}/{path}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The spun sample and the clean fixture, one after the other.
fn prose() -> String {
    read("samples/spun-article.txt") + &read("tests/fixtures/clean-en.txt")
}

/// Prefixes of bundled keys that never complete: every key of three or
/// more words, less its last word, where that prefix is not a key itself
/// and its repetition ("p p p ") holds no key of any tier. Longest first.
pub fn unfinished_prefixes(unspin: &Unspinner) -> Vec<String> {
    let mut found: Vec<String> = unspin
        .entries()
        .filter_map(|entry| {
            let words: Vec<&str> = entry.spun().split_whitespace().collect();
            if words.len() < 3 {
                return None;
            }
            let prefix = words[..words.len() - 1].join(" ");
            unspin.lookup(&prefix).is_none().then_some(prefix)
        })
        .collect();
    found.sort_by(|a, b| b.len().cmp(&a.len()).then_with(|| a.cmp(b)));
    found.dedup();
    found.retain(|p| {
        let text = format!("{p} {p}\n{p}, {p} ");
        unspin.find_iter(&text).next().is_none()
    });
    found
}

/// Every hostile shape. `unspin` supplies the bundled keys that some shapes
/// are built from.
pub fn shapes(unspin: &Unspinner) -> Vec<Shape> {
    let prefixes = unfinished_prefixes(unspin);
    assert!(
        prefixes.len() >= 20,
        "only {} unfinished prefixes",
        prefixes.len()
    );
    let longest = prefixes[0].clone();
    let cycle: String = prefixes[..20].iter().map(|p| format!("{p} ")).collect();
    let prose = prose();
    let one_line = prose.split_whitespace().collect::<Vec<_>>().join(" ") + " ";
    let glued: String = prose.split_whitespace().collect();
    let gap = " ".repeat(100 << 10);
    vec![
        // a. No whitespace at all.
        Shape {
            name: "letters",
            about: "\"aaaa…\": one word, no whitespace".into(),
            expect: Expect::Nothing,
            test_size: 1_100_000,
            make: Box::new(|size| "a".repeat(size)),
        },
        Shape {
            name: "letters+punct",
            about: "random ASCII letters, digits and punctuation, no whitespace".into(),
            expect: Expect::Phrases,
            test_size: 400_000,
            make: Box::new(|size| {
                let alphabet: Vec<char> =
                    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.,;:!?-'\"()/&"
                        .chars()
                        .collect();
                let mut rng = Rng(0x2545_F491_4F6C_DD1D);
                (0..size).map(|_| *rng.pick(&alphabet)).collect()
            }),
        },
        Shape {
            name: "glued-prose",
            about: "the spun sample and clean fixture with every whitespace removed".into(),
            expect: Expect::Phrases,
            test_size: 400_000,
            make: Box::new(move |size| repeat_to("", &glued, size)),
        },
        // b. Nothing but whitespace.
        Shape {
            name: "spaces",
            about: "only spaces".into(),
            expect: Expect::Nothing,
            test_size: 1_100_000,
            make: Box::new(|size| " ".repeat(size)),
        },
        Shape {
            name: "newlines",
            about: "only line feeds".into(),
            expect: Expect::Nothing,
            test_size: 1_100_000,
            make: Box::new(|size| "\n".repeat(size)),
        },
        Shape {
            name: "tab-nbsp",
            about: "tab and NBSP alternating".into(),
            expect: Expect::Nothing,
            test_size: 1_100_000,
            make: Box::new(|size| repeat_to("", "\t\u{a0}", size)),
        },
        Shape {
            name: "unicode-spaces",
            about: "CR LF, U+2003, U+3000, U+2028, U+0085, U+202F cycling".into(),
            expect: Expect::Nothing,
            test_size: 1_100_000,
            make: Box::new(|size| {
                repeat_to("", "\r\n\u{2003}\u{3000}\u{2028}\u{85}\u{202f}", size)
            }),
        },
        // c. One line of spun and clean prose.
        Shape {
            name: "one-line",
            about: "the spun sample and clean fixture, repeated, with no line break".into(),
            expect: Expect::Phrases,
            test_size: 300_000,
            make: Box::new(move |size| repeat_to("", &one_line, size)),
        },
        // d. Dictionary prefixes that never complete.
        Shape {
            name: "prefix-repeat",
            about: format!("\"{longest}\" repeated (a key less its last word)"),
            expect: Expect::Nothing,
            test_size: 300_000,
            make: Box::new({
                let unit = format!("{longest} ");
                move |size| repeat_to("", &unit, size)
            }),
        },
        Shape {
            name: "prefix-cycle",
            about: "the 20 longest unfinished key prefixes, cycled".into(),
            expect: Expect::Nothing,
            test_size: 300_000,
            make: Box::new(move |size| repeat_to("", &cycle, size)),
        },
        Shape {
            name: "first-word-repeat",
            about: "\"regulation regulation …\" (a `context` key, on its own)".into(),
            expect: Expect::Unchanged,
            test_size: 300_000,
            make: Box::new(|size| repeat_to("", "regulation ", size)),
        },
        Shape {
            name: "key-repeat",
            about: "\"regulation enforcement …\": a key, back to back".into(),
            expect: Expect::Phrases,
            test_size: 300_000,
            make: Box::new(|size| repeat_to("", "regulation enforcement ", size)),
        },
        Shape {
            name: "wide-key",
            about: "\"regulation\" and \"enforcement\" apart by 100 KiB of spaces, repeated".into(),
            expect: Expect::Unchanged,
            test_size: 1_100_000,
            make: Box::new(move |size| {
                repeat_to("", &format!("regulation{gap}enforcement{gap}"), size)
            }),
        },
        Shape {
            name: "wide-key-nbsp",
            about: "\"Planet War II\" with 30 KB of NBSP after each word: 60 KB matches".into(),
            expect: Expect::Phrases,
            test_size: 1_100_000,
            make: Box::new(|size| {
                let gap = "\u{a0}".repeat(15_000);
                repeat_to("", &format!("Planet{gap}War{gap}II{gap}"), size)
            }),
        },
        Shape {
            name: "window-edge-giant",
            about: "2,000 words ending in \"Planet War II\", then a 1.2 MB word: \
                    a window ends where the giant word starts"
                .into(),
            expect: Expect::Phrases,
            test_size: 2_500_000,
            make: Box::new(|size| {
                let unit = format!(
                    "{}Planet War II {} ",
                    "word ".repeat(1997),
                    "b".repeat(1_200_000)
                );
                repeat_to("", &unit, size)
            }),
        },
        Shape {
            name: "prefix+ascii-punct",
            about: format!("\"{longest}\", then ASCII punctuation to the end"),
            expect: Expect::Nothing,
            test_size: 1_100_000,
            make: Box::new({
                let head = format!("{longest} ");
                move |size| repeat_to(&head, ".,;:!?-'\"()[]/*&%#", size)
            }),
        },
        Shape {
            name: "prefix+unicode-punct",
            about: format!("\"{longest}\", then typographic punctuation to the end"),
            expect: Expect::Nothing,
            test_size: 1_100_000,
            make: Box::new({
                let head = format!("{longest} ");
                move |size| {
                    repeat_to(
                        &head,
                        "\u{2026}\u{2014}\u{201c}\u{201d}\u{ab}\u{bb}\u{2022}",
                        size,
                    )
                }
            }),
        },
        // e. Apostrophes and hyphens.
        Shape {
            name: "apostrophes",
            about: "\"''''…\"".into(),
            expect: Expect::Nothing,
            test_size: 1_100_000,
            make: Box::new(|size| "'".repeat(size)),
        },
        Shape {
            name: "hyphens",
            about: "\"----…\"".into(),
            expect: Expect::Nothing,
            test_size: 1_100_000,
            make: Box::new(|size| "-".repeat(size)),
        },
        Shape {
            name: "a'a'a",
            about: "\"a'a'a'…\": one word joined by apostrophes".into(),
            expect: Expect::Nothing,
            test_size: 1_100_000,
            make: Box::new(|size| repeat_to("", "a'", size)),
        },
        Shape {
            name: "a-a-a",
            about: "\"a-a-a-…\"".into(),
            expect: Expect::Nothing,
            test_size: 1_100_000,
            make: Box::new(|size| repeat_to("", "a-", size)),
        },
        Shape {
            name: "typographic-'-",
            about: "\"a’a‐a'a-’‐'-…\": straight and typographic apostrophes and hyphens".into(),
            expect: Expect::Nothing,
            test_size: 1_100_000,
            make: Box::new(|size| repeat_to("", "a\u{2019}a\u{2010}a'a-\u{2019}\u{2010}'-", size)),
        },
        // f. Marks, emoji and CJK without spaces.
        Shape {
            name: "combining",
            about: "\"e\" and then U+0301 to the end: one letter, stacked".into(),
            expect: Expect::Nothing,
            test_size: 1_100_000,
            make: Box::new(|size| repeat_to("e", "\u{301}", size)),
        },
        Shape {
            name: "emoji",
            about: "emoji with skin tones and ZWJ sequences, no spaces".into(),
            expect: Expect::Nothing,
            test_size: 1_100_000,
            make: Box::new(|size| {
                repeat_to(
                    "",
                    "\u{1f600}\u{1f389}\u{1f44d}\u{1f3fd}\u{1f468}\u{200d}\u{1f469}\u{200d}\u{1f467}\u{2764}\u{fe0f}",
                    size,
                )
            }),
        },
        Shape {
            name: "cjk",
            about: "Chinese, Japanese and Korean characters, no spaces".into(),
            expect: Expect::Nothing,
            test_size: 1_100_000,
            make: Box::new(|size| repeat_to("", "中文字符测试日本語のテキスト한국어", size)),
        },
        Shape {
            name: "dotted-capital-i",
            about: "\"İİİ…\": a letter whose folding is two characters, no spaces".into(),
            expect: Expect::Nothing,
            test_size: 1_100_000,
            make: Box::new(|size| "\u{130}".repeat(size / 2)),
        },
    ]
}

#[cfg(test)]
mod checks {
    use super::*;
    use std::borrow::Cow;
    use std::io::Read;
    use std::panic::{catch_unwind, AssertUnwindSafe};
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::Mutex;
    use std::time::Instant;
    use unspin::Mode;

    /// Yields its data `size` bytes at a time, splitting characters.
    struct Chunked<'a>(&'a [u8], usize);

    impl Read for Chunked<'_> {
        fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
            let n = self.0.len().min(self.1).min(out.len());
            out[..n].copy_from_slice(&self.0[..n]);
            self.0 = &self.0[n..];
            Ok(n)
        }
    }

    /// Checks one text with one unspinner; returns the number of edits.
    fn check(unspin: &Unspinner, text: &str, expect: Expect, what: &str) -> usize {
        let repaired = unspin.repair(text);
        // The edits: in order, apart, on char boundaries, and they rebuild
        // the output from the input (so nothing outside them changed).
        let mut rebuilt = String::with_capacity(text.len());
        let mut cursor = 0;
        for edit in &repaired.edits {
            let span = edit.span.clone();
            assert!(
                cursor <= span.start && span.start < span.end && span.end <= text.len(),
                "{what}: edit {span:?} out of order (previous ended at {cursor})"
            );
            assert!(
                text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
                "{what}: edit {span:?} not on char boundaries"
            );
            assert_eq!(edit.spun, text[span.clone()], "{what}: edit {span:?}");
            rebuilt.push_str(&text[cursor..span.start]);
            rebuilt.push_str(&edit.replacement);
            cursor = span.end;
        }
        rebuilt.push_str(&text[cursor..]);
        assert!(
            rebuilt == repaired.text,
            "{what}: the edits do not rebuild the output"
        );
        if expect != Expect::Phrases {
            assert!(
                repaired.edits.is_empty(),
                "{what}: {} edits in text with no phrase, first {:?}",
                repaired.edits.len(),
                repaired.edits.first()
            );
            assert!(
                matches!(repaired.text, Cow::Borrowed(t) if t == text),
                "{what}: the output is not the input"
            );
        }
        if expect == Expect::Nothing {
            let found: Vec<_> = unspin.find_iter(text).take(3).map(|m| m.span()).collect();
            assert!(found.is_empty(), "{what}: detection found {found:?}");
        } else {
            let mut end = 0;
            for m in unspin.find_iter(text) {
                assert!(
                    end <= m.start() && m.start() < m.end(),
                    "{what}: match {:?}",
                    m.span()
                );
                assert!(text.is_char_boundary(m.start()) && text.is_char_boundary(m.end()));
                end = m.end();
            }
        }
        // Streaming, on one and on two threads, in whole reads and in
        // chunks of a prime size that split characters.
        for (threads, chunk) in [(1, usize::MAX), (1, 4099), (2, 4099)] {
            let streamer = Unspinner::builder()
                .mode(unspin.mode())
                .window_words(unspin.window_words())
                .threads(threads)
                .build()
                .unwrap();
            {
                let mut out = Vec::with_capacity(repaired.text.len());
                let summary = streamer
                    .repair_stream(Chunked(text.as_bytes(), chunk), &mut out)
                    .unwrap_or_else(|e| panic!("{what}: stream: {e}"));
                let how = format!("{what}, {threads} threads, chunks of {chunk}");
                assert!(
                    out == repaired.text.as_bytes(),
                    "{how}: the stream differs from the in-memory repair at byte {}",
                    out.iter()
                        .zip(repaired.text.as_bytes())
                        .position(|(a, b)| a != b)
                        .unwrap_or(out.len().min(repaired.text.len()))
                );
                assert_eq!(summary.edits, repaired.edits.len(), "{how}: edits");
                assert_eq!(summary.bytes, text.len() as u64, "{how}: bytes");
            }
        }
        repaired.edits.len()
    }

    /// The default unspinner; for texts of a few hundred kilobytes,
    /// one with small windows so that they cross many window boundaries.
    /// (Texts with few words are cut by the 1 MiB cap alone, so they are
    /// made longer than that instead.)
    /// Shapes with phrases are also repaired in aggressive mode, which
    /// applies every tier and so checks the context rules on them.
    fn unspinners(size: usize, expect: Expect) -> Vec<(&'static str, Unspinner)> {
        let mut all = vec![("default", Unspinner::new())];
        if size < 1 << 20 {
            let small = Unspinner::builder().window_words(64).build().unwrap();
            all.push(("64-word windows", small));
        }
        if expect == Expect::Phrases {
            let aggressive = Unspinner::builder().mode(Mode::Aggressive).build().unwrap();
            all.push(("aggressive", aggressive));
        }
        all
    }

    #[test]
    fn hostile_shapes_stream_like_memory_and_change_only_their_edits() {
        let bundled = Unspinner::new();
        let shapes = shapes(&bundled);
        // The shapes are checked on every core, a shape at a time each.
        let next = AtomicUsize::new(0);
        let reports = Mutex::new(Vec::new());
        let failures = Mutex::new(Vec::new());
        let workers = std::thread::available_parallelism().map_or(2, |n| n.get().min(4));
        std::thread::scope(|scope| {
            for _ in 0..workers {
                scope.spawn(|| {
                    while let Some(shape) = shapes.get(next.fetch_add(1, Ordering::Relaxed)) {
                        let started = Instant::now();
                        let text = (shape.make)(shape.test_size);
                        assert!(
                            text.len() <= shape.test_size && text.len() + 64 >= shape.test_size
                        );
                        let mut edits = Vec::new();
                        for (how, unspin) in unspinners(text.len(), shape.expect) {
                            let what = format!("{} ({} bytes, {how})", shape.name, text.len());
                            match catch_unwind(AssertUnwindSafe(|| {
                                check(&unspin, &text, shape.expect, &what)
                            })) {
                                Ok(n) => edits.push(n),
                                Err(panic) => failures.lock().unwrap().push(format!(
                                    "{what}: {}",
                                    panic
                                        .downcast_ref::<String>()
                                        .map(String::as_str)
                                        .or_else(|| panic.downcast_ref::<&str>().copied())
                                        .unwrap_or("panic")
                                )),
                            }
                        }
                        reports.lock().unwrap().push(format!(
                            "{:<22} {:>9} bytes  edits {:?}  {:.2?}",
                            shape.name,
                            text.len(),
                            edits,
                            started.elapsed()
                        ));
                    }
                });
            }
        });
        for line in reports.into_inner().unwrap() {
            eprintln!("{line}");
        }
        let failures = failures.into_inner().unwrap();
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }

    /// The command line's report modes, which read a document whole, give
    /// every shape's edits: `--check` and `--explain` one line per edit,
    /// `--format json` the same number of edits, `--diff` and `--html` a
    /// clean exit. (Their cost is in `benches/HOSTILE.md`.)
    #[test]
    fn report_modes_list_every_edit_of_every_shape() {
        use std::process::Command;
        let unspin = Unspinner::new();
        let dir =
            std::env::temp_dir().join(format!("unspin-hostile-reports-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let run = |args: &[&str]| {
            let out = Command::new(env!("CARGO_BIN_EXE_unspin"))
                .args(args)
                .output()
                .unwrap();
            assert!(
                matches!(out.status.code(), Some(0 | 1)),
                "{args:?}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            String::from_utf8(out.stdout).unwrap()
        };
        for shape in shapes(&unspin) {
            let text = (shape.make)(shape.test_size.min(300_000));
            let file = dir.join("shape.txt");
            std::fs::write(&file, &text).unwrap();
            let path = file.to_str().unwrap();
            let edits = unspin.repair(&text).edits.len();
            let check = run(&["--check", path]);
            assert_eq!(check.lines().count(), edits, "{}: --check", shape.name);
            let explain = run(&["--explain", path]);
            assert_eq!(
                explain.lines().count(),
                edits + 1,
                "{}: --explain",
                shape.name
            );
            let json = run(&["--format", "json", path]);
            let doc: serde_json::Value = serde_json::from_str(&json).unwrap();
            assert_eq!(
                doc["edits"].as_array().unwrap().len(),
                edits,
                "{}: json",
                shape.name
            );
            let diff = run(&["--diff", "--color", "never", path]);
            assert_eq!(diff.is_empty(), edits == 0, "{}: --diff", shape.name);
            let html = dir.join("shape.html");
            run(&["--check", "--html", html.to_str().unwrap(), path]);
            assert!(std::fs::metadata(&html).unwrap().len() as usize > text.len() / 2);
        }
        let _ = std::fs::remove_dir_all(&dir);
    }

    /// The shapes said to hold phrases do: detection finds some, and the
    /// repair edits the prose shapes (so the agreement above is not
    /// between two outputs that do nothing).
    #[test]
    fn the_shapes_with_phrases_hold_phrases() {
        let unspin = Unspinner::new();
        for shape in shapes(&unspin) {
            if shape.expect != Expect::Phrases {
                continue;
            }
            let text = (shape.make)(100_000);
            let found = unspin.find_iter(&text).count();
            let edits = unspin.repair(&text).edits.len();
            eprintln!("{:<16} {found:>5} matches {edits:>5} edits", shape.name);
            assert!(found > 0, "{}: no phrase in {:?}", shape.name, &text[..200]);
            if matches!(shape.name, "one-line" | "key-repeat") {
                assert!(edits > 0, "{}: no edit", shape.name);
            }
        }
    }

    /// A phrase may stretch over a run of whitespace up to the match cap
    /// (64 KiB); just past it, it is no match. Memory and the stream agree
    /// on either side of the cap, whatever the whitespace.
    #[test]
    fn the_match_length_cap_is_the_same_in_memory_and_streaming() {
        let unspin = Unspinner::new();
        let mut seen = Vec::new();
        for unit in [" ", "\n", "\u{a0}", "\t\u{a0}"] {
            let mut flipped = None;
            for gap in (65_500..65_540).step_by(unit.len()) {
                let run = unit.repeat(gap / unit.len());
                let text = format!("x regulation{run}enforcement.\n");
                let edits = check(
                    &unspin,
                    &text,
                    Expect::Phrases,
                    &format!("gap {gap} of {unit:?}"),
                );
                let matched = edits > 0;
                match flipped {
                    None if !matched => flipped = Some(gap),
                    Some(_) => assert!(!matched, "{unit:?}: a match again at gap {gap}"),
                    None => {}
                }
            }
            seen.push((unit, flipped));
        }
        // Every kind of whitespace stops matching near 64 KiB.
        for (unit, flipped) in seen {
            let gap = flipped.unwrap_or_else(|| panic!("{unit:?}: still a match at 65,540"));
            assert!(gap > 65_500, "{unit:?}: no match from gap {gap}");
        }
    }
}
