//! Read → Write repair, window by window, with the result of in-memory
//! repair.
//!
//! The stream is cut into the same windows as [`Unspinner::repair`] cuts a
//! whole text (see [`WINDOW_WORDS`](crate::WINDOW_WORDS)), because window
//! boundaries depend only on word counts. A window is repaired once the
//! buffer holds it, one character before it, and enough words after it to
//! finish any match that starts inside it; then it is written out and
//! dropped, except for a trailing "a" or "an", which an article repair in
//! the next window may still change. Windows hold at most 2,000 words or
//! 1 MiB and matches span at most 64 KiB, so memory stays bounded whatever
//! the input: a 100 MB line without a space is cut into 1 MiB windows. Both paths decide edits with the same function,
//! so the output is the same whatever the chunk sizes.

use std::collections::VecDeque;
use std::io::{self, Read, Write};
use std::ops::Range;

use crate::article::Article;
use crate::matcher::{window_end, MAX_MATCH_BYTES};
use crate::repair::{Fix, Unspinner};
use crate::rules::CONTEXT_BYTES;

/// An error while repairing a stream.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StreamError {
    /// Reading the input failed.
    #[error("cannot read input after byte offset {offset}: {source}")]
    Read {
        /// Bytes of input read before the failure.
        offset: u64,
        /// The underlying I/O error.
        source: io::Error,
    },
    /// Writing the output failed.
    #[error("cannot write output after byte offset {offset} of the output: {source}")]
    Write {
        /// Bytes of output written before the failure.
        offset: u64,
        /// The underlying I/O error.
        source: io::Error,
    },
    /// The input is not UTF-8. The output holds the repaired text of the
    /// windows before the error.
    #[error("input is not valid UTF-8 at line {line}, column {column} (byte offset {offset})")]
    NotUtf8 {
        /// Offset of the first invalid byte, from the start of the input.
        offset: u64,
        /// 1-based line of the invalid byte.
        line: u64,
        /// 1-based column, in characters, of the invalid byte.
        column: u64,
        /// The invalid byte, or `None` when the input ends inside a
        /// character.
        byte: Option<u8>,
    },
}

/// What a stream repair did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct StreamSummary {
    /// Bytes read.
    pub bytes: u64,
    /// Edits made.
    pub edits: usize,
    /// Windows processed.
    pub windows: usize,
}

const CHUNK: usize = 64 * 1024;

/// Text read ahead per thread when a stream is repaired on several (small
/// in unit tests, so that they cross many batches).
const BATCH_PER_THREAD: usize = if cfg!(test) { 4096 } else { 1 << 20 };

/// The text to read ahead for `threads` threads: at least one window of the
/// largest size per thread and one more, so that text cut into 1 MiB
/// windows (no spaces) still gives every thread a window.
fn batch_bytes(threads: usize) -> usize {
    let per_thread = if cfg!(test) {
        BATCH_PER_THREAD
    } else {
        BATCH_PER_THREAD.max(crate::matcher::MAX_WINDOW_BYTES + LOOKAHEAD)
    };
    per_thread * (threads + 1)
}

/// A window repaired ahead of its turn, by a thread that repairs a run of
/// windows in order.
///
/// The edits of a window depend on what came before only through where
/// the last edit ended (`done`) and where the allowed phrases seen so far
/// end (`protected`): a match cannot start inside an earlier one or inside
/// an allowed phrase, and an article before the first match is changed
/// only if it lies after both. The first window of a run is repaired as
/// if nothing came before it; that gives the sequential result exactly
/// when the earlier edits and allowed phrases end at or before the
/// window's start and before the article its first edit changes, if any.
/// The next windows of the run carry `done` and `protected` over as the
/// sequential repair does, each once known, which is exact when the
/// window before was. [`Speculated::holds`] checks; a window that fails is
/// repaired again in turn.
#[derive(Debug)]
struct Speculated<'d> {
    /// The window, in absolute offsets.
    window: Range<usize>,
    /// Its edits, with absolute spans.
    edits: Vec<Fix<'d>>,
    /// The `done` and `protected` it was repaired with.
    assumed: Carry,
    /// The `done` and `protected` after it.
    after: Carry,
}

/// `done` and `protected` as a run of windows repaired ahead knows them,
/// each `None` (taken as 0, no bound) until a match, or an allowed phrase,
/// is seen in the run.
#[derive(Debug, Clone, Copy, Default)]
struct Carry {
    done: Option<usize>,
    protected: Option<usize>,
}

impl Carry {
    fn shifted(self, by: usize) -> Carry {
        Carry {
            done: self.done.map(|d| d + by),
            protected: self.protected.map(|p| p + by),
        }
    }
}

impl Speculated<'_> {
    /// Are this window's edits the ones the sequential repair makes, with
    /// `done` and `protected` as it has them?
    fn holds(&self, done: usize, protected: usize) -> bool {
        // A known value must be the sequential one; an unknown one was
        // taken as 0, which gives the same scan when the sequential value
        // is not past the window's start.
        let same = |assumed: Option<usize>, actual: usize| {
            assumed.map_or(actual <= self.window.start, |a| a == actual)
        };
        // An article before the first match may lie before the window,
        // where the sequential bound may be later than the assumed one.
        let floor = done.max(protected);
        same(self.assumed.done, done)
            && same(self.assumed.protected, protected)
            && self.edits.first().is_none_or(|first| {
                first.kind != crate::EditKind::Article || first.span.start >= floor
            })
    }
}

/// Bytes past a window's end that must be read before the window is
/// repaired: room for a match and for an allowed phrase inside it.
const LOOKAHEAD: usize = 2 * MAX_MATCH_BYTES + CONTEXT_BYTES + 16;

/// The start of a trailing article ("a", "an") in `buf[from..end]`,
/// followed only by whitespace.
fn article_tail(buf: &str, from: usize, end: usize) -> Option<usize> {
    let head = buf[from..end].trim_end();
    // An article has at most two letters: three are enough to tell (a
    // longer word fails the whole-word check below).
    let word_len = head
        .chars()
        .rev()
        .take(3)
        .take_while(|c| c.is_alphanumeric())
        .map(char::len_utf8)
        .sum::<usize>();
    let start = from + head.len() - word_len;
    let whole = !buf[..start].ends_with(char::is_alphanumeric);
    (word_len > 0 && whole && Article::parse(&buf[start..from + head.len()]).is_some())
        .then_some(start)
}

impl Unspinner {
    /// Repairs UTF-8 text from `input` into `output`, window by window,
    /// holding about one window in memory. The output is exactly what
    /// [`Unspinner::repair`] gives for the whole input.
    ///
    /// ```
    /// let unspin = unspin::Unspinner::new();
    /// let mut out = Vec::new();
    /// let input: &[u8] = b"Planet War II veterans met regulation enforcement.";
    /// let summary = unspin.repair_stream(input, &mut out)?;
    /// assert_eq!(out, b"World War II veterans met law enforcement.");
    /// assert_eq!(summary.edits, 2);
    /// # Ok::<(), unspin::StreamError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`StreamError::Read`] or [`StreamError::Write`] when I/O fails, with
    /// how many bytes were read or written before, and
    /// [`StreamError::NotUtf8`] with the line, column and byte offset when
    /// the input is not UTF-8. Output already written stays written;
    /// nothing after the failing window is.
    pub fn repair_stream(
        &self,
        mut input: impl Read,
        mut output: impl Write,
    ) -> Result<StreamSummary, StreamError> {
        let words = self.window_words();
        let mut summary = StreamSummary::default();
        // Bytes written to `output`, for errors.
        let mut written = 0u64;
        // `buf` holds the text from absolute offset `base` on.
        let mut buf = String::new();
        let mut base = 0usize;
        let mut pending: Vec<u8> = Vec::new();
        let mut eof = false;
        let mut chunk = vec![0u8; CHUNK];
        let (mut window_start, mut done, mut emitted) = (0usize, 0usize, 0usize);
        // Where the allowed phrases seen so far end, absolute.
        let mut protected = 0usize;
        let mut position = Position::default();
        // The current window's end once found (it does not move as more
        // text arrives), and the buffer length at which to look again while
        // it is not: looking after every chunk would rescan a long window
        // over and over.
        let mut known_end: Option<usize> = None;
        let mut look_at = 0usize;
        // Windows repaired ahead of time by other threads, in order.
        let mut ahead: VecDeque<Speculated> = VecDeque::new();
        let parallel = self.threads() > 1;
        let batch = batch_bytes(self.threads());
        loop {
            let ws = window_start - base;
            if known_end.is_none() {
                // A window repaired ahead has its end already.
                known_end = ahead
                    .front()
                    .filter(|g| g.window.start == window_start && g.window.end < base + buf.len())
                    .map(|g| g.window.end);
            }
            if known_end.is_none() && (eof || buf.len() >= look_at) {
                known_end = window_end(&buf, ws, words).map(|e| base + e);
                look_at = buf.len() + (buf.len() - ws).max(CHUNK);
            }
            let end = known_end.map(|e| e - base);
            // A match that starts in the window ends within MAX_MATCH_BYTES
            // (and a protecting allowed phrase within as much again).
            let mut ready = eof || end.is_some_and(|e| buf.len() >= e + LOOKAHEAD);
            if ready && parallel && ahead.is_empty() {
                // Read a batch, then repair its windows on all threads.
                if !eof && buf.len() - ws < batch {
                    ready = false;
                } else {
                    ahead = self.speculate(&buf, base, ws, eof);
                }
            }
            if !ready {
                let n = loop {
                    match input.read(&mut chunk) {
                        Ok(n) => break n,
                        Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                        Err(source) => {
                            let offset = summary.bytes;
                            return Err(StreamError::Read { offset, source });
                        }
                    }
                };
                if n == 0 {
                    eof = true;
                    if !pending.is_empty() {
                        return Err(position.error(summary.bytes - pending.len() as u64, None));
                    }
                    continue;
                }
                let start_offset = summary.bytes - pending.len() as u64;
                summary.bytes += n as u64;
                pending.extend_from_slice(&chunk[..n]);
                let (valid, bad) = match std::str::from_utf8(&pending) {
                    Ok(_) => (pending.len(), false),
                    Err(e) => (e.valid_up_to(), e.error_len().is_some()),
                };
                // An incomplete sequence at the end waits for more bytes.
                let text = std::str::from_utf8(&pending[..valid]).unwrap_or_default();
                position.advance(text);
                if bad {
                    let offset = start_offset + valid as u64;
                    return Err(position.error(offset, Some(pending[valid])));
                }
                buf.push_str(text);
                pending.drain(..valid);
                continue;
            }
            let last = end.is_none();
            let we = end.unwrap_or(buf.len());
            summary.windows += usize::from(we > ws);
            let mut edits: Vec<Fix<'_>> = Vec::new();
            let mut done_rel = done.saturating_sub(base);
            let mut protected_rel = protected.saturating_sub(base);
            let guess = ahead.pop_front();
            match guess.filter(|g| g.window == (base + ws..base + we) && g.holds(done, protected)) {
                Some(g) => {
                    #[cfg(test)]
                    tests::AHEAD_USED.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    edits = g.edits;
                    for edit in &mut edits {
                        edit.span = edit.span.start - base..edit.span.end - base;
                    }
                    if let Some(last) = g.after.done {
                        done_rel = done_rel.max(last.saturating_sub(base));
                    }
                    if let Some(until) = g.after.protected {
                        protected_rel = protected_rel.max(until.saturating_sub(base));
                    }
                }
                None => {
                    self.window_edits(&buf, ws..we, &mut done_rel, &mut protected_rel, &mut edits)
                }
            }
            done = done.max(base + done_rel);
            protected = protected.max(base + protected_rel);
            summary.edits += edits.len();
            // Hold back a trailing "a"/"an": a repair at the start of the
            // next window may change it.
            let safe = if last {
                buf.len()
            } else {
                article_tail(&buf, ws, we).unwrap_or(we).max(done - base)
            };
            let mut cursor = emitted - base;
            for edit in &edits {
                write(&mut output, &mut written, &buf[cursor..edit.span.start])?;
                write(&mut output, &mut written, &edit.replacement)?;
                cursor = edit.span.end;
            }
            let safe = safe.max(cursor);
            write(&mut output, &mut written, &buf[cursor..safe])?;
            emitted = base + safe;
            if last {
                break;
            }
            window_start = base + we;
            known_end = None;
            look_at = 0;
            // Keep what word boundaries and context rules look at before
            // the text still needed.
            let mut keep_from =
                (emitted.min(window_start) - base).saturating_sub(CONTEXT_BYTES + 8);
            while !buf.is_char_boundary(keep_from) {
                keep_from -= 1;
            }
            // Drop the consumed text only once it is most of the buffer:
            // dropping it after every window would move the lookahead
            // each time, copying every byte many times over.
            if keep_from >= buf.len() / 2 {
                buf.drain(..keep_from);
                base += keep_from;
            }
        }
        output.flush().map_err(|source| StreamError::Write {
            offset: written,
            source,
        })?;
        Ok(summary)
    }
}

impl Unspinner {
    /// Repairs, in parallel, every window of `buf` from `ws` on that is
    /// complete (its end known, and the lookahead after it read), as if no
    /// edit came before each. `base` is `buf`'s absolute offset.
    fn speculate(&self, buf: &str, base: usize, ws: usize, eof: bool) -> VecDeque<Speculated<'_>> {
        let words = self.window_words();
        let mut windows = Vec::new();
        let mut start = ws;
        loop {
            match window_end(buf, start, words) {
                Some(end) if eof || end + LOOKAHEAD <= buf.len() => {
                    windows.push(start..end);
                    start = end;
                }
                Some(_) => break,
                None => {
                    if eof && start < buf.len() {
                        windows.push(start..buf.len());
                    }
                    break;
                }
            }
        }
        let threads = self.threads().min(windows.len()).max(1);
        let per_thread = buf.len().saturating_sub(ws) / threads + 1;
        // Contiguous groups of about the same number of bytes.
        let mut groups: Vec<&[Range<usize>]> = Vec::with_capacity(threads);
        let mut rest = &windows[..];
        while !rest.is_empty() {
            let first = rest[0].start;
            let take = rest
                .iter()
                .position(|w| w.end - first >= per_thread)
                .map_or(rest.len(), |i| i + 1);
            let (group, tail) = rest.split_at(take);
            groups.push(group);
            rest = tail;
        }
        let repair_group = |group: &[Range<usize>]| -> Vec<Speculated<'_>> {
            // `done` and `protected` relative to `buf`, as the sequential
            // loop keeps them, once known.
            let mut carry = Carry::default();
            group
                .iter()
                .map(|w| {
                    let mut edits = Vec::new();
                    let assumed = carry;
                    let mut rel = assumed.done.unwrap_or(0);
                    let mut until = assumed.protected.unwrap_or(0);
                    self.window_edits(buf, w.clone(), &mut rel, &mut until, &mut edits);
                    if rel > assumed.done.unwrap_or(0) {
                        carry.done = Some(rel);
                    }
                    if until > assumed.protected.unwrap_or(0) {
                        carry.protected = Some(until);
                    }
                    for edit in &mut edits {
                        edit.span = base + edit.span.start..base + edit.span.end;
                    }
                    Speculated {
                        window: base + w.start..base + w.end,
                        edits,
                        assumed: assumed.shifted(base),
                        after: carry.shifted(base),
                    }
                })
                .collect()
        };
        let results: Vec<Vec<Speculated<'_>>> = std::thread::scope(|scope| {
            let handles: Vec<_> = groups
                .iter()
                .skip(1)
                .map(|group| scope.spawn(move || repair_group(group)))
                .collect();
            let mut results = vec![groups.first().map_or_else(Vec::new, |g| repair_group(g))];
            for handle in handles {
                // A panic in a worker is a bug; let it surface as one.
                results.push(
                    handle
                        .join()
                        .unwrap_or_else(|e| std::panic::resume_unwind(e)),
                );
            }
            results
        });
        results.into_iter().flatten().collect()
    }
}

/// Checks that `input` is UTF-8, reading it in chunks. Returns the number
/// of bytes read.
///
/// ```
/// assert_eq!(unspin::validate_utf8(&b"caf\xC3\xA9"[..])?, 5);
/// let err = unspin::validate_utf8(&b"ok\n\xFF"[..]).unwrap_err();
/// assert_eq!(err.to_string(), "input is not valid UTF-8 at line 2, column 1 (byte offset 3)");
/// # Ok::<(), unspin::StreamError>(())
/// ```
///
/// # Errors
///
/// [`StreamError::Read`] when reading fails (with the bytes read before),
/// [`StreamError::NotUtf8`] at the
/// first invalid byte.
pub fn validate_utf8(mut input: impl Read) -> Result<u64, StreamError> {
    let mut chunk = vec![0u8; CHUNK];
    let mut pending: Vec<u8> = Vec::new();
    let mut position = Position::default();
    let mut bytes = 0u64;
    loop {
        let n = match input.read(&mut chunk) {
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(source) => {
                return Err(StreamError::Read {
                    offset: bytes,
                    source,
                })
            }
        };
        if n == 0 {
            if pending.is_empty() {
                return Ok(bytes);
            }
            return Err(position.error(bytes - pending.len() as u64, None));
        }
        let start_offset = bytes - pending.len() as u64;
        bytes += n as u64;
        pending.extend_from_slice(&chunk[..n]);
        let (valid, bad) = match std::str::from_utf8(&pending) {
            Ok(_) => (pending.len(), false),
            Err(e) => (e.valid_up_to(), e.error_len().is_some()),
        };
        position.advance(std::str::from_utf8(&pending[..valid]).unwrap_or_default());
        if bad {
            return Err(position.error(start_offset + valid as u64, Some(pending[valid])));
        }
        pending.drain(..valid);
    }
}

/// Line and column of the end of the text read so far.
#[derive(Default)]
struct Position {
    /// Line breaks seen.
    newlines: u64,
    /// Characters since the last line break.
    column_chars: u64,
}

impl Position {
    fn advance(&mut self, text: &str) {
        match text.rfind('\n') {
            Some(i) => {
                self.newlines += count_newlines(text.as_bytes());
                self.column_chars = text[i + 1..].chars().count() as u64;
            }
            None => self.column_chars += text.chars().count() as u64,
        }
    }

    fn error(&self, offset: u64, byte: Option<u8>) -> StreamError {
        StreamError::NotUtf8 {
            offset,
            line: self.newlines + 1,
            column: self.column_chars + 1,
            byte,
        }
    }
}

/// Counts the line feeds of `bytes`, 255 bytes at a time so that the
/// compiler can sum the comparisons in vector registers.
fn count_newlines(bytes: &[u8]) -> u64 {
    bytes
        .chunks(255)
        .map(|chunk| {
            let n = chunk
                .iter()
                .fold(0u8, |n, &b| n.wrapping_add(u8::from(b == b'\n')));
            u64::from(n)
        })
        .sum()
}

/// Writes `text`, counting the bytes written in `written`.
fn write(output: &mut impl Write, written: &mut u64, text: &str) -> Result<(), StreamError> {
    output
        .write_all(text.as_bytes())
        .map_err(|source| StreamError::Write {
            offset: *written,
            source,
        })?;
    *written += text.len() as u64;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Mode;
    use std::sync::atomic::{AtomicUsize, Ordering};

    /// Windows whose edits were repaired ahead and used as they were.
    pub(super) static AHEAD_USED: AtomicUsize = AtomicUsize::new(0);

    /// Reads `chunk` bytes at a time.
    struct Chunked<'a>(&'a [u8], usize);

    impl Read for Chunked<'_> {
        fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
            let n = self.0.len().min(self.1).min(out.len());
            out[..n].copy_from_slice(&self.0[..n]);
            self.0 = &self.0[n..];
            Ok(n)
        }
    }

    /// Gives `good` bytes, then fails.
    struct FailingReader(usize);

    impl Read for FailingReader {
        fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
            if self.0 == 0 {
                return Err(io::Error::other("disk on fire"));
            }
            let n = self.0.min(out.len()).min(1000);
            out[..n].fill(b'x');
            self.0 -= n;
            Ok(n)
        }
    }

    /// Takes `room` bytes, then fails.
    struct FailingWriter(usize);

    impl Write for FailingWriter {
        fn write(&mut self, data: &[u8]) -> io::Result<usize> {
            if self.0 == 0 {
                return Err(io::Error::new(io::ErrorKind::StorageFull, "no space"));
            }
            let n = data.len().min(self.0);
            self.0 -= n;
            Ok(n)
        }

        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn io_errors_say_where() {
        let unspin = Unspinner::new();
        let err = unspin
            .repair_stream(FailingReader(5000), io::sink())
            .unwrap_err();
        assert!(
            matches!(err, StreamError::Read { offset: 5000, .. }),
            "{err:?}"
        );
        assert_eq!(
            err.to_string(),
            "cannot read input after byte offset 5000: disk on fire"
        );
        let text = "Planet War II. ".repeat(10_000);
        let err = unspin
            .repair_stream(text.as_bytes(), FailingWriter(70_000))
            .unwrap_err();
        let StreamError::Write { offset, .. } = err else {
            panic!("{err:?}");
        };
        assert!(offset <= 70_000, "{offset}");
        assert!(err
            .to_string()
            .starts_with("cannot write output after byte offset "));
        let err = crate::validate_utf8(FailingReader(3)).unwrap_err();
        assert!(
            matches!(err, StreamError::Read { offset: 3, .. }),
            "{err:?}"
        );
    }

    #[test]
    fn threads_give_the_sequential_output() {
        let root = env!("CARGO_MANIFEST_DIR");
        let spun = std::fs::read_to_string(format!("{root}/samples/spun-article.txt")).unwrap();
        let clean = std::fs::read_to_string(format!("{root}/tests/fixtures/clean-en.txt")).unwrap();
        // Spun and clean text alternating, with articles and phrases at
        // every kind of window edge.
        let mut text = String::new();
        for i in 0..6 {
            text.push_str(if i % 2 == 0 {
                &spun
            } else {
                &clean[..clean.len() / 4]
            });
            text.push_str(" a Planet War II an regulation enforcement\n");
        }
        let mut reused = 0;
        for mode in [Mode::Auto, Mode::Aggressive] {
            for words in [3, 50, 700] {
                let one = Unspinner::builder()
                    .mode(mode)
                    .window_words(words)
                    .build()
                    .unwrap();
                let want = one.repair(&text).text.into_owned();
                for threads in [2, 3] {
                    let many = Unspinner::builder()
                        .mode(mode)
                        .window_words(words)
                        .threads(threads)
                        .build()
                        .unwrap();
                    for chunk in [1000, 65536] {
                        let mut out = Vec::new();
                        let summary = many
                            .repair_stream(Chunked(text.as_bytes(), chunk), &mut out)
                            .unwrap();
                        assert_eq!(
                            String::from_utf8(out).unwrap(),
                            want,
                            "{mode:?}, {words} words, {threads} threads, chunks of {chunk}"
                        );
                        reused += summary.windows;
                        assert!(summary.edits > 0);
                    }
                }
            }
        }
        // Most windows were repaired ahead, on other threads too.
        let used = AHEAD_USED.load(Ordering::Relaxed);
        assert!(
            used * 10 > reused * 8,
            "{used} of {reused} windows repaired ahead"
        );
    }
}
