//! Read → Write repair, window by window, with the result of in-memory
//! repair.
//!
//! The stream is cut into the same windows as
//! [`Unspinner::repair`](crate::Unspinner::repair) cuts a whole text (see
//! [`WINDOW_WORDS`](crate::WINDOW_WORDS)), because window boundaries depend
//! only on the text. A window is decided once the buffer holds it, the text
//! before it that deciding reads, and the lookahead after it; then it is
//! written out and dropped, except for a trailing "a" or "an", which an
//! article repair in the next window may still change. On one thread the
//! window's end is found by the scan that decides it (each word counted
//! as the scan passes it), once 256 KiB past its start and the lookahead
//! are in view; a window longer than that has its end found first. Windows hold at
//! most 2,000 words or 1 MiB and matches span at most 64 KiB, so memory
//! stays bounded whatever the input: a 100 MB line without a space is cut
//! into 1 MiB windows. Both paths decide edits with the same function, so
//! the output is the same whatever the chunk sizes.
//!
//! ```text
//! utf8.rs      chunks of bytes → text, with the position of a bad byte
//! mod.rs       the loop: read, decide (finding the window's end), write,
//!              drop
//! parallel.rs  windows decided ahead on other threads, checked in turn
//! ```

mod parallel;
mod utf8;

use std::collections::VecDeque;
use std::io::{Read, Write};

use crate::engine::article;
use crate::engine::assess;
use crate::engine::edit::{Decision, Edit};
use crate::engine::unspinner::Unspinner;
use crate::engine::window::{window_end, Carry, Input, LOOKAHEAD, LOOKBEHIND};
use crate::error::StreamError;
use crate::score::{Score, Verdict};
use crate::stream::parallel::{batch_bytes, decide_ahead, Ahead, Batch};
use crate::stream::utf8::{Utf8Reader, CHUNK};
use crate::text::words;

/// Text past a window's start, besides [`LOOKAHEAD`], held before a stream
/// on one thread decides the window without knowing its end (see
/// [`crate::engine::window::Decider::decide_open`]): enough for a window
/// of [`crate::engine::window::WINDOW_WORDS`] words of any prose. A longer
/// window has its end found first. Small in unit tests, so that they
/// take both ways.
const OPEN_VIEW: usize = if cfg!(test) { 64 } else { 256 * 1024 };

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

/// What [`Unspinner::repair_stream_with`] found: the summary, and how spun
/// the text looks, as [`Unspinner::score`] would say of the whole input.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct StreamReport {
    /// Bytes, edits and windows.
    pub summary: StreamSummary,
    /// The score of the most spun window (the empty score for an empty
    /// input).
    pub score: Score,
}

impl StreamReport {
    /// The text's verdict: its most spun window's.
    pub fn verdict(&self) -> Verdict {
        self.score.verdict()
    }
}

/// What the stream reports as it goes, when asked.
struct Reporter<'f> {
    on_edit: &'f mut dyn FnMut(Edit),
    /// The most spun window's score so far.
    worst: Option<Score>,
}

impl Unspinner {
    /// Repairs UTF-8 text from `input` into `output` like
    /// [`Unspinner::repair_stream`], and also hands every edit to `on_edit`
    /// as it is made (its span in bytes of the whole input) and returns the
    /// text's score and verdict. Each window is scored as it passes, which
    /// costs about as much again as deciding it.
    ///
    /// ```
    /// use unspin::{Unspinner, Verdict};
    ///
    /// let unspin = Unspinner::new();
    /// let (mut out, mut edits) = (Vec::new(), Vec::new());
    /// let input: &[u8] = b"Planet War II veterans met regulation enforcement.";
    /// let report = unspin.repair_stream_with(input, &mut out, |edit| edits.push(edit))?;
    /// assert_eq!(out, b"World War II veterans met law enforcement.");
    /// assert_eq!(edits[1].span, 27..49);
    /// assert_eq!(edits[1].replacement, "law enforcement");
    /// assert_eq!(report.summary.edits, 2);
    /// assert_eq!(report.verdict(), unspin.score(std::str::from_utf8(input).unwrap()).verdict());
    /// # Ok::<(), unspin::StreamError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// As [`Unspinner::repair_stream`]; the edits handed on before the error
    /// are those of the output written.
    pub fn repair_stream_with(
        &self,
        input: impl Read,
        output: impl Write,
        mut on_edit: impl FnMut(Edit),
    ) -> Result<StreamReport, StreamError> {
        let mut reporter = Reporter {
            on_edit: &mut on_edit,
            worst: None,
        };
        let summary = self.stream(input, output, Some(&mut reporter))?;
        Ok(StreamReport {
            summary,
            score: reporter.worst.unwrap_or_default(),
        })
    }

    /// Repairs UTF-8 text from `input` into `output`, window by window,
    /// holding a window and a few hundred KiB after it in memory. The
    /// output is exactly what
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
        input: impl Read,
        output: impl Write,
    ) -> Result<StreamSummary, StreamError> {
        self.stream(input, output, None)
    }

    fn stream(
        &self,
        input: impl Read,
        mut output: impl Write,
        mut reporter: Option<&mut Reporter<'_>>,
    ) -> Result<StreamSummary, StreamError> {
        let words = self.window_words();
        let decider = self.decider();
        let mut reader = Utf8Reader::new(input);
        let mut summary = StreamSummary::default();
        // Bytes written to `output`, for errors.
        let mut written = 0u64;
        // `buf` holds the text from absolute offset `base` on.
        let mut buf = String::new();
        let mut base = 0usize;
        let mut eof = false;
        let (mut window_start, mut emitted) = (0usize, 0usize);
        // What the windows decided so far hand on, in absolute offsets.
        let mut carry = Carry::default();
        // The current window's end once found (it does not move as more
        // text arrives), and the buffer length at which to look again while
        // it is not: looking after every chunk would rescan a long window
        // over and over.
        let mut known_end: Option<usize> = None;
        let mut look_at = 0usize;
        // Windows decided ahead of time by other threads, in order.
        let mut ahead: VecDeque<Ahead> = VecDeque::new();
        let workers = if self.threads() > 1 {
            self.workers()
        } else {
            None
        };
        let batch = batch_bytes(self.threads());
        // The window decided once its end is known: one whose end, found
        // by the scan that decides it, lay past what was in view, or one
        // after a window longer than the view (text without spaces), which
        // most likely is long too.
        let mut open_failed = None;
        loop {
            let ws = window_start - base;
            // On one thread, a window whose end is not known is decided in
            // the same scan that finds its end, once enough text is in view
            // that the end most likely is.
            let try_open =
                workers.is_none() && known_end.is_none() && open_failed != Some(window_start);
            let mut open = None;
            if try_open && (eof || buf.len() >= ws + LOOKAHEAD + OPEN_VIEW) {
                let mut rel = carry.shifted_back(base);
                let mut decisions = Vec::new();
                let input = if eof { Input::Ended } else { Input::Continues };
                match decider.decide_open(&buf, ws, words, input, &mut rel, &mut decisions) {
                    Some(we) => {
                        #[cfg(test)]
                        tests::OPEN_USED.with(|n| n.set(n.get() + 1));
                        open = Some((we, decisions, rel));
                    }
                    None => open_failed = Some(window_start),
                }
            }
            let (we, last, decisions, rel) = if let Some((we, decisions, rel)) = open {
                (we, eof && we == buf.len(), decisions, rel)
            } else if try_open {
                // Not enough text in view yet to decide the window open.
                eof = read_more(&mut reader, &mut buf)?;
                continue;
            } else {
                if known_end.is_none() {
                    // A window decided ahead has its end already.
                    known_end = ahead
                        .front()
                        .filter(|a| {
                            a.window.start == window_start && a.window.end < base + buf.len()
                        })
                        .map(|a| a.window.end);
                }
                if known_end.is_none() && (eof || buf.len() >= look_at) {
                    known_end = window_end(&buf, ws, words).map(|e| base + e);
                    look_at = buf.len() + (buf.len() - ws).max(CHUNK);
                }
                let end = known_end.map(|e| e - base);
                let mut ready = eof || end.is_some_and(|e| buf.len() >= e + LOOKAHEAD);
                if let Some(workers) = workers.filter(|_| ready && ahead.is_empty()) {
                    // Read a batch, then decide its windows on all threads.
                    if !eof && buf.len() - ws < batch {
                        ready = false;
                    } else {
                        let batch = Batch {
                            buf: &buf,
                            base,
                            from: ws,
                            input: if eof { Input::Ended } else { Input::Continues },
                        };
                        ahead = decide_ahead(decider, words, workers, batch);
                    }
                }
                if !ready {
                    eof = read_more(&mut reader, &mut buf)?;
                    continue;
                }
                let we = end.unwrap_or(buf.len());
                let mut decisions: Vec<Decision<'_>> = Vec::new();
                let mut rel = carry.shifted_back(base);
                let taken = ahead
                    .pop_front()
                    .filter(|a| a.window == (base + ws..base + we))
                    .and_then(|a| a.take_if_holds(carry));
                match taken {
                    Some((ahead_decisions, after)) => {
                        #[cfg(test)]
                        tests::AHEAD_USED.with(|n| n.set(n.get() + 1));
                        decisions = ahead_decisions;
                        for d in &mut decisions {
                            d.span = d.span.start - base..d.span.end - base;
                        }
                        rel = rel.max(after.shifted_back(base));
                    }
                    None => decider.decide(&buf, ws..we, &mut rel, &mut decisions),
                }
                (we, end.is_none(), decisions, rel)
            };
            summary.windows += usize::from(we > ws);
            if we - ws > OPEN_VIEW {
                open_failed = Some(base + we);
            }
            carry = carry.max(rel.shifted_on(base));
            summary.edits += decisions.len();
            if let Some(r) = reporter.as_deref_mut() {
                for d in &decisions {
                    let mut edit = d.to_edit(decider.compiled, &buf);
                    edit.span = base + edit.span.start..base + edit.span.end;
                    (r.on_edit)(edit);
                }
                if we > ws {
                    let (score, _) = assess::score_window(&decider, &buf, ws..we);
                    if r.worst
                        .is_none_or(|w| assess::more_spun(&score, &w).is_gt())
                    {
                        r.worst = Some(score);
                    }
                }
            }
            // Hold back a trailing "a"/"an", even one held back before and
            // followed by a window of whitespace: a repair at the start of
            // a later window may change it.
            let safe = if last {
                buf.len()
            } else {
                let edited_to = carry.edited_to - base;
                let from = (emitted - base).min(ws);
                article::trailing(&buf, from, we)
                    .unwrap_or(we)
                    .max(edited_to)
            };
            let mut cursor = emitted - base;
            for d in &decisions {
                write(&mut output, &mut written, &buf[cursor..d.span.start])?;
                write(&mut output, &mut written, &d.replacement)?;
                cursor = d.span.end;
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
            // Keep what deciding the next window reads before the text
            // still needed.
            let keep_from = words::floor_char_boundary(
                &buf,
                (emitted.min(window_start) - base).saturating_sub(LOOKBEHIND),
            );
            // Drop the consumed text only once it is most of the buffer:
            // dropping it after every window would move the lookahead
            // each time, copying every byte many times over.
            if keep_from >= buf.len() / 2 {
                buf.drain(..keep_from);
                base += keep_from;
            }
        }
        summary.bytes = reader.bytes_read();
        output.flush().map_err(|source| StreamError::Write {
            offset: written,
            source,
        })?;
        Ok(summary)
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
pub fn validate_utf8(input: impl Read) -> Result<u64, StreamError> {
    let mut reader = Utf8Reader::new(input);
    while reader.next_text()?.is_some() {}
    Ok(reader.bytes_read())
}

/// Reads the next chunk of `reader` onto `buf`; `true` at the end of the
/// input.
fn read_more(reader: &mut Utf8Reader<impl Read>, buf: &mut String) -> Result<bool, StreamError> {
    match reader.next_text()? {
        Some(text) => {
            buf.push_str(text);
            Ok(false)
        }
        None => Ok(true),
    }
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
    use std::io;

    thread_local! {
        /// Windows whose edits were repaired ahead and used as they were
        /// (counted on the stream's thread, which is the test's own).
        pub(super) static AHEAD_USED: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
        /// Windows decided with their ends found by the scan (one thread,
        /// which is the test's own: tests running beside it do not count).
        pub(super) static OPEN_USED: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
    }

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
    fn the_workers_are_made_once_and_shared_by_clones() {
        let two = Unspinner::builder().threads(2).build().unwrap();
        let text = "regulation enforcement ".repeat(5_000);
        let mut out = Vec::new();
        two.repair_stream(text.as_bytes(), &mut out).unwrap();
        let workers = two.workers().map(|w| w as *const rayon::ThreadPool);
        assert_eq!(two.workers().map(|w| w.current_num_threads()), Some(2));
        assert_eq!(two.clone().workers().map(|w| w as *const _), workers);
        // A second stream uses the same workers.
        two.repair_stream(text.as_bytes(), &mut out).unwrap();
        assert_eq!(two.workers().map(|w| w as *const _), workers);
    }

    /// Spun and clean text alternating, `parts` pieces, with articles and
    /// phrases at every kind of window edge.
    fn spun_and_clean(parts: usize) -> String {
        let [spun, clean] = crate::text::random::samples();
        let mut text = String::new();
        for i in 0..parts {
            text.push_str(if i % 2 == 0 {
                &spun
            } else {
                &clean[..clean.len() / 4]
            });
            text.push_str(" a Planet War II an regulation enforcement\n");
        }
        text
    }

    /// `text` repaired by `unspin` as a stream read `chunk` bytes at a time.
    fn streamed(unspin: &Unspinner, text: &str, chunk: usize) -> (String, StreamSummary) {
        let mut out = Vec::new();
        let summary = unspin
            .repair_stream(Chunked(text.as_bytes(), chunk), &mut out)
            .unwrap();
        (String::from_utf8(out).unwrap(), summary)
    }

    #[test]
    fn threads_give_the_sequential_output() {
        let text = spun_and_clean(6);
        let (mut reused, before) = (0, AHEAD_USED.with(|n| n.get()));
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
                        let (out, summary) = streamed(&many, &text, chunk);
                        assert_eq!(
                            out, want,
                            "{mode:?}, {words} words, {threads} threads, chunks of {chunk}"
                        );
                        reused += summary.windows;
                        assert!(summary.edits > 0);
                    }
                }
            }
        }
        // Windows are repaired ahead, on other threads too, and hardly any
        // is decided again in turn: a run's carry holds wherever it decides
        // alike (PartialCarry::holds; with equal carries only, 81% were).
        let used = AHEAD_USED.with(|n| n.get()) - before;
        assert!(
            used * 1000 >= reused * 999,
            "{used} of {reused} windows repaired ahead"
        );
    }

    #[test]
    fn one_thread_finds_the_window_ends_as_it_decides() {
        let text = spun_and_clean(3);
        let (mut windows, before) = (0, OPEN_USED.with(|n| n.get()));
        for mode in [Mode::Auto, Mode::Aggressive, Mode::Conservative] {
            // Windows that end inside the 64 bytes in view in tests, and
            // windows longer, whose ends are found first.
            for words in [1, 3, 8, 50, 2000] {
                let unspin = Unspinner::builder()
                    .mode(mode)
                    .window_words(words)
                    .threads(1)
                    .build()
                    .unwrap();
                let want = unspin.repair(&text).text.into_owned();
                for chunk in [7, 1000, 65536] {
                    let (out, summary) = streamed(&unspin, &text, chunk);
                    assert_eq!(out, want, "{mode:?}, {words} words, chunks of {chunk}");
                    windows += summary.windows;
                }
            }
        }
        let open = OPEN_USED.with(|n| n.get()) - before;
        assert!(
            open * 2 > windows,
            "{open} of {windows} windows decided open"
        );
    }
}
