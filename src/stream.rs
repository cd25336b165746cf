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

use std::io::{self, Read, Write};

use crate::article::Article;
use crate::matcher::{window_end, MAX_MATCH_BYTES};
use crate::repair::{Edit, Unspinner};
use crate::rules::CONTEXT_BYTES;

/// An error while repairing a stream.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StreamError {
    /// Reading the input failed.
    #[error("cannot read input: {0}")]
    Read(#[source] io::Error),
    /// Writing the output failed.
    #[error("cannot write output: {0}")]
    Write(#[source] io::Error),
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

/// Bytes past a window's end that must be read before the window is
/// repaired: room for a match and for an allowed phrase inside it.
const LOOKAHEAD: usize = 2 * MAX_MATCH_BYTES + CONTEXT_BYTES + 16;

/// The start of a trailing article ("a", "an") in `buf[from..end]`,
/// followed only by whitespace.
fn article_tail(buf: &str, from: usize, end: usize) -> Option<usize> {
    let head = buf[from..end].trim_end();
    let word_len = head
        .chars()
        .rev()
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
    /// [`StreamError::Read`] or [`StreamError::Write`] when I/O fails, and
    /// [`StreamError::NotUtf8`] with the byte offset when the input is not
    /// UTF-8. Output already written stays written; nothing after the
    /// failing window is.
    pub fn repair_stream(
        &self,
        mut input: impl Read,
        mut output: impl Write,
    ) -> Result<StreamSummary, StreamError> {
        let words = self.window_words();
        let mut summary = StreamSummary::default();
        // `buf` holds the text from absolute offset `base` on.
        let mut buf = String::new();
        let mut base = 0usize;
        let mut pending: Vec<u8> = Vec::new();
        let mut eof = false;
        let mut chunk = vec![0u8; CHUNK];
        let (mut window_start, mut done, mut emitted) = (0usize, 0usize, 0usize);
        let mut position = Position::default();
        // The current window's end once found (it does not move as more
        // text arrives), and the buffer length at which to look again while
        // it is not: looking after every chunk would rescan a long window
        // over and over.
        let mut known_end: Option<usize> = None;
        let mut look_at = 0usize;
        loop {
            let ws = window_start - base;
            if known_end.is_none() && (eof || buf.len() >= look_at) {
                known_end = window_end(&buf, ws, words).map(|e| base + e);
                look_at = buf.len() + (buf.len() - ws).max(CHUNK);
            }
            let end = known_end.map(|e| e - base);
            // A match that starts in the window ends within MAX_MATCH_BYTES
            // (and a protecting allowed phrase within as much again).
            let ready = eof || end.is_some_and(|e| buf.len() >= e + LOOKAHEAD);
            if !ready {
                let n = loop {
                    match input.read(&mut chunk) {
                        Ok(n) => break n,
                        Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                        Err(e) => return Err(StreamError::Read(e)),
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
            let mut edits: Vec<Edit> = Vec::new();
            let mut done_rel = done.saturating_sub(base);
            self.window_edits(&buf, ws..we, &mut done_rel, &mut edits);
            done = done.max(base + done_rel);
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
                write(&mut output, &buf[cursor..edit.span.start])?;
                write(&mut output, &edit.replacement)?;
                cursor = edit.span.end;
            }
            let safe = safe.max(cursor);
            write(&mut output, &buf[cursor..safe])?;
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
        output.flush().map_err(StreamError::Write)?;
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
/// [`StreamError::Read`] when reading fails, [`StreamError::NotUtf8`] at the
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
            Err(e) => return Err(StreamError::Read(e)),
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

fn write(output: &mut impl Write, text: &str) -> Result<(), StreamError> {
    output
        .write_all(text.as_bytes())
        .map_err(StreamError::Write)
}
