//! Read → Write repair, window by window, with the result of in-memory
//! repair.
//!
//! The stream is cut into the same windows as [`Unspinner::repair`] cuts a
//! whole text (see [`WINDOW_WORDS`](crate::WINDOW_WORDS)), because window
//! boundaries depend only on word counts. A window is repaired once the
//! buffer holds it, one character before it, and enough words after it to
//! finish any match that starts inside it; then it is written out and
//! dropped, except for its last word, which an article repair in the next
//! window may still change. Both paths decide edits with the same function,
//! so the output is the same whatever the chunk sizes.

use std::io::{self, Read, Write};

use crate::matcher::nth_word_start;
use crate::repair::{Edit, Unspinner};

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
    #[error("input is not valid UTF-8 at byte offset {offset}")]
    NotUtf8 {
        /// Offset of the first invalid byte, from the start of the input.
        offset: u64,
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
        let lookahead = self.longest_key_words() + 2;
        let words = self.window_words();
        let mut summary = StreamSummary::default();
        // `buf` holds the text from absolute offset `base` on.
        let mut buf = String::new();
        let mut base = 0usize;
        let mut pending: Vec<u8> = Vec::new();
        let mut eof = false;
        let mut chunk = vec![0u8; CHUNK];
        let (mut window_start, mut done, mut emitted) = (0usize, 0usize, 0usize);
        loop {
            let ws = window_start - base;
            let end = nth_word_start(&buf, ws, words);
            let ready = match end {
                Some(e) => eof || nth_word_start(&buf, e, lookahead).is_some(),
                None => eof,
            };
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
                        return Err(StreamError::NotUtf8 {
                            offset: summary.bytes - pending.len() as u64,
                        });
                    }
                    continue;
                }
                let start_offset = summary.bytes - pending.len() as u64;
                summary.bytes += n as u64;
                pending.extend_from_slice(&chunk[..n]);
                match std::str::from_utf8(&pending) {
                    Ok(text) => {
                        buf.push_str(text);
                        pending.clear();
                    }
                    Err(e) => {
                        let valid = e.valid_up_to();
                        if e.error_len().is_some() {
                            return Err(StreamError::NotUtf8 {
                                offset: start_offset + valid as u64,
                            });
                        }
                        // An incomplete sequence at the end: wait for more.
                        buf.push_str(std::str::from_utf8(&pending[..valid]).unwrap_or_default());
                        pending.drain(..valid);
                    }
                }
                continue;
            }
            let last = end.is_none();
            let we = end.unwrap_or(buf.len());
            if we > ws || last {
                summary.windows += usize::from(we > ws);
                let mut edits: Vec<Edit> = Vec::new();
                let mut done_rel = done.saturating_sub(base);
                self.window_edits(&buf, ws..we, &mut done_rel, &mut edits);
                done = done.max(base + done_rel);
                summary.edits += edits.len();
                // Keep the window's last word back: an article repair in the
                // next window may change it.
                let safe = if last {
                    buf.len()
                } else {
                    let last_word = nth_word_start(&buf, ws, words - 1).unwrap_or(we);
                    last_word.max(done - base)
                };
                let mut cursor = emitted - base;
                for edit in &edits {
                    write(&mut output, &buf[cursor..edit.span.start])?;
                    write(&mut output, &edit.replacement)?;
                    cursor = edit.span.end;
                }
                write(&mut output, &buf[cursor..safe.max(cursor)])?;
                emitted = base + safe.max(cursor);
                if last {
                    break;
                }
            }
            window_start = base + we;
            // Keep one character before what is still needed, for word
            // boundaries.
            let keep_from = (emitted.min(window_start) - base).saturating_sub(1);
            let keep_from = (0..=keep_from)
                .rev()
                .find(|&i| buf.is_char_boundary(i))
                .unwrap_or(0);
            buf.drain(..keep_from);
            base += keep_from;
        }
        output.flush().map_err(StreamError::Write)?;
        Ok(summary)
    }
}

fn write(output: &mut impl Write, text: &str) -> Result<(), StreamError> {
    output
        .write_all(text.as_bytes())
        .map_err(StreamError::Write)
}
