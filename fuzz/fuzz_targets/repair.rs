//! The repair path, in memory and streamed, with the bundled dictionary.
//!
//! Input layout: byte 0 picks the configuration, byte 1 the chunking, and
//! the rest is the text.
//!
//! * byte 0: bits 0-1 the mode (`0` conservative, `1` auto, `2` and `3`
//!   aggressive), bit 2 two threads for the stream instead of one, bits
//!   3-7 the window size in words, 1 to 32;
//! * byte 1: the seed of the chunk sizes the stream is read in (1 byte to
//!   1 << (byte & 7) bytes per read, with an occasional `Interrupted`), and
//!   of how many bytes the writer takes per call.
//!
//! Valid UTF-8 text is repaired in memory and checked: the edits are in
//! order, do not overlap, lie on char boundaries and say what they replaced;
//! applying them gives the repaired text, so every byte outside them is
//! kept; `repair_text` gives the same text; in aggressive mode the phrase
//! edits are `find_iter`'s matches, less those the frequency evidence holds
//! back; the scanner's fast paths change no match and no edit; outside
//! auto mode the window size changes nothing; its lines repaired as the parts of one document
//! (`repair_parts`) give edits that hold up within each line. Then the text
//! is streamed through `repair_stream_with` and must come out byte for byte
//! as the in-memory repair, with the same edits and verdict.
//!
//! Other bytes must make `repair_stream` and `validate_utf8` fail with
//! `StreamError::NotUtf8` at the first invalid byte (or where the input
//! ends inside a character), with the right line, column and byte, after
//! writing only a prefix of the repair of the valid part.

#![no_main]

use std::io::{self, Read, Write};

use libfuzzer_sys::fuzz_target;
use unspin::{EditKind, Mode, Repair, StreamError, Unspinner};

fuzz_target!(|data: &[u8]| {
    let (config, seed, text) = match data {
        [config, seed, text @ ..] => (*config, *seed, text),
        _ => return,
    };
    let mode = match config & 3 {
        0 => Mode::Conservative,
        1 => Mode::Auto,
        _ => Mode::Aggressive,
    };
    let threads = if config & 4 == 0 { 1 } else { 2 };
    let window = usize::from(config >> 3) + 1;
    let unspin = Unspinner::builder()
        .mode(mode)
        .window_words(window)
        .threads(threads)
        .build()
        .expect("the bundled dictionary builds");
    match std::str::from_utf8(text) {
        Ok(text) => check_text(&unspin, text, seed),
        Err(e) => check_not_utf8(&unspin, text, seed, &e),
    }
});

fn check_text(unspin: &Unspinner, text: &str, seed: u8) {
    let repair = unspin.repair(text);
    check_edits(text, &repair);
    assert_eq!(unspin.repair_text(text), repair.text, "repair_text");

    // The scanner's fast paths (the prefilter, the word table, the root
    // table) change no match and no edit.
    let (slow_text, slow_found) = unspin::__without_fast_paths(unspin, text);
    assert_eq!(slow_text, repair.text, "fast paths change the repair");
    let found: Vec<_> = unspin
        .find_iter(text)
        .map(|m| (m.span(), m.entry().location()))
        .collect();
    assert_eq!(slow_found, found, "fast paths change the matches");

    if unspin.mode() == Mode::Aggressive {
        // Every phrase edit is a match detection finds; a match is left
        // unedited only where the frequency evidence holds it back: a
        // `context` entry, or one with alternative originals.
        let mut found = unspin.find_iter(text).peekable();
        let mut held_back = Vec::new();
        for edit in repair.edits.iter().filter(|e| e.kind == EditKind::Phrase) {
            while let Some(m) = found.next_if(|m| m.span() != edit.span) {
                held_back.push(m);
            }
            let m = found.next().expect("an edit is a match detection finds");
            assert_eq!(
                m.entry().location(),
                edit.location,
                "aggressive repair and find_iter disagree"
            );
        }
        held_back.extend(found);
        for m in held_back {
            let entry = m.entry();
            assert!(
                entry.may_be_held_back(),
                "{:?} ({}) was found but not edited",
                m.span(),
                entry.location()
            );
        }
    }
    if unspin.mode() != Mode::Auto {
        // Windows matter only to auto mode's per-window verdict.
        let whole = Unspinner::builder()
            .mode(unspin.mode())
            .build()
            .expect("the bundled dictionary builds");
        assert_eq!(
            whole.repair(text),
            repair,
            "the window size changed a repair"
        );
    }

    // Lines repaired as the parts of one document: each part's edits hold
    // up on their own.
    let lines: Vec<&str> = text.split('\n').collect();
    let parts = unspin.repair_parts(&lines);
    for (part, line) in parts.iter().zip(&lines) {
        check_edits(line, part);
    }

    let mut out = Chunked::writer(seed);
    let mut streamed = Vec::new();
    let report = unspin
        .repair_stream_with(Chunked::reader(text.as_bytes(), seed), &mut out, |e| {
            streamed.push(e)
        })
        .expect("streaming valid UTF-8 from memory cannot fail");
    assert_eq!(streamed, repair.edits, "the streamed edits");
    assert_eq!(report.verdict(), unspin.score(text).verdict());
    let summary = report.summary;
    assert!(
        out.written == repair.text.as_bytes(),
        "streaming repair differs from in-memory repair:\n{:?}\n{:?}",
        String::from_utf8_lossy(&out.written),
        repair.text
    );
    assert_eq!(summary.bytes, text.len() as u64);
    assert_eq!(summary.edits, repair.edits.len());
    assert_eq!(
        unspin::validate_utf8(Chunked::reader(text.as_bytes(), seed)).expect("valid UTF-8"),
        text.len() as u64
    );
}

/// The edits are ordered, disjoint, on char boundaries, record what they
/// replaced, and applying them to `text` gives the repaired text.
fn check_edits(text: &str, repair: &Repair<'_>) {
    let mut applied = String::new();
    let mut done = 0;
    for edit in &repair.edits {
        let span = edit.span.clone();
        assert!(span.start < span.end, "empty edit {edit:?}");
        assert!(done <= span.start, "edits out of order or overlapping");
        assert!(span.end <= text.len(), "edit past the end");
        assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end));
        assert_eq!(edit.spun, text[span.clone()], "spun text of {edit:?}");
        applied.push_str(&text[done..span.start]);
        applied.push_str(&edit.replacement);
        done = span.end;
    }
    applied.push_str(&text[done..]);
    assert_eq!(applied, repair.text, "applying the edits");
    if repair.edits.is_empty() {
        assert!(matches!(repair.text, std::borrow::Cow::Borrowed(_)));
    }
}

fn check_not_utf8(unspin: &Unspinner, data: &[u8], seed: u8, e: &std::str::Utf8Error) {
    let valid = e.valid_up_to();
    let prefix = std::str::from_utf8(&data[..valid]).expect("valid up to");
    let byte = e.error_len().map(|_| data[valid]);
    let line = 1 + prefix.matches('\n').count() as u64;
    let column = 1 + prefix.rsplit('\n').next().unwrap_or("").chars().count() as u64;
    let check = |err: StreamError| match err {
        StreamError::NotUtf8 {
            offset,
            line: l,
            column: c,
            byte: b,
        } => {
            assert_eq!(offset, valid as u64, "offset");
            assert_eq!((l, c), (line, column), "line and column");
            assert_eq!(b, byte, "byte");
        }
        other => panic!("expected NotUtf8, got {other:?}"),
    };

    let mut out = Chunked::writer(seed);
    let err = unspin
        .repair_stream(Chunked::reader(data, seed), &mut out)
        .expect_err("invalid UTF-8 must fail");
    check(err);
    // What was written before the error is repaired text of the valid part.
    let repaired = unspin.repair_text(prefix);
    assert!(
        repaired.as_bytes().starts_with(&out.written),
        "output before the error is not a prefix of the repair"
    );
    check(unspin::validate_utf8(Chunked::reader(data, seed)).expect_err("invalid UTF-8"));
}

/// A reader that hands out its bytes in pseudo-random chunk sizes, and a
/// writer that takes a pseudo-random number of bytes per call.
struct Chunked<'a> {
    data: &'a [u8],
    rng: u32,
    max: usize,
    written: Vec<u8>,
}

impl<'a> Chunked<'a> {
    fn reader(data: &'a [u8], seed: u8) -> Chunked<'a> {
        Chunked {
            data,
            rng: u32::from(seed).wrapping_mul(0x9E37_79B9) | 1,
            max: 1 << (seed & 7),
            written: Vec::new(),
        }
    }

    fn writer(seed: u8) -> Chunked<'static> {
        Chunked {
            data: &[],
            rng: u32::from(seed).rotate_left(16) | 1,
            max: 1 << (seed >> 5),
            written: Vec::new(),
        }
    }

    /// 1 to `max`, from a xorshift generator.
    fn next(&mut self) -> usize {
        self.rng ^= self.rng << 13;
        self.rng ^= self.rng >> 17;
        self.rng ^= self.rng << 5;
        1 + self.rng as usize % self.max
    }
}

impl Read for Chunked<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.next();
        if n % 13 == 7 {
            return Err(io::ErrorKind::Interrupted.into());
        }
        let n = n.min(buf.len()).min(self.data.len());
        buf[..n].copy_from_slice(&self.data[..n]);
        self.data = &self.data[n..];
        Ok(n)
    }
}

impl Write for Chunked<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.next().min(buf.len());
        self.written.extend_from_slice(&buf[..n]);
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}
