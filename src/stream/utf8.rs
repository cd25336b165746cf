//! Reading UTF-8 text in chunks: the one decoder behind streaming repair
//! and [`validate_utf8`](crate::validate_utf8).
//!
//! A chunk may end inside a character; its first bytes wait for the next
//! chunk. The decoder knows the line and column it has reached, so that
//! an invalid byte is reported where it is.

use std::io::{self, Read};

use crate::error::StreamError;

/// Bytes read at a time.
pub(crate) const CHUNK: usize = 64 * 1024;

/// Reads `input` as UTF-8 text, chunk by chunk.
pub(crate) struct Utf8Reader<R> {
    input: R,
    /// The chunk read last, after the bytes carried over from the one
    /// before: the start of a character that chunk's end cut (at most
    /// three bytes). Its length never changes, so that reading into it
    /// neither copies nor clears.
    buffer: Vec<u8>,
    /// How many bytes at the start of `buffer` the last call handed out.
    handed_out: usize,
    /// How many bytes of `buffer` hold input.
    filled: usize,
    /// Bytes read from `input`.
    read: u64,
    position: Position,
}

impl<R: Read> Utf8Reader<R> {
    pub fn new(input: R) -> Utf8Reader<R> {
        Utf8Reader {
            input,
            buffer: vec![0; CHUNK + 3],
            handed_out: 0,
            filled: 0,
            read: 0,
            position: Position::default(),
        }
    }

    /// Bytes read so far.
    pub fn bytes_read(&self) -> u64 {
        self.read
    }

    /// The text of the next chunk (possibly empty, when the chunk held
    /// only the start of a character), or `None` at the end of the input.
    ///
    /// # Errors
    ///
    /// [`StreamError::Read`] when reading fails, and
    /// [`StreamError::NotUtf8`] at the first invalid byte, or at the end
    /// when the input stops inside a character. The text before an invalid
    /// byte in the same chunk is not handed out.
    pub fn next_text(&mut self) -> Result<Option<&str>, StreamError> {
        let carried = self.filled - self.handed_out;
        self.buffer.copy_within(self.handed_out..self.filled, 0);
        self.handed_out = 0;
        self.filled = carried;
        let n = loop {
            match self.input.read(&mut self.buffer[carried..carried + CHUNK]) {
                Ok(n) => break n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(source) => {
                    let offset = self.read;
                    return Err(StreamError::Read { offset, source });
                }
            }
        };
        let start = self.read - carried as u64;
        if n == 0 {
            if carried == 0 {
                return Ok(None);
            }
            return Err(self.position.error(start, None));
        }
        self.read += n as u64;
        self.filled = carried + n;
        let bytes = &self.buffer[..self.filled];
        // Checked once; the text before an error, or before a character
        // the chunk cuts, is checked again.
        let (text, bad) = match std::str::from_utf8(bytes) {
            Ok(text) => (text, false),
            Err(e) => (
                std::str::from_utf8(&bytes[..e.valid_up_to()]).unwrap_or_default(),
                e.error_len().is_some(),
            ),
        };
        let valid = text.len();
        self.position.advance(text);
        if bad {
            let byte = bytes[valid];
            // Nothing is carried past an error: a further call reads on
            // (the callers stop here).
            self.handed_out = self.filled;
            return Err(self.position.error(start + valid as u64, Some(byte)));
        }
        self.handed_out = valid;
        Ok(Some(text))
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

/// Counts the line feeds of `bytes` (with `memchr`, which looks at many
/// bytes at once).
fn count_newlines(bytes: &[u8]) -> u64 {
    memchr::memchr_iter(b'\n', bytes).count() as u64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reading_on_after_a_bad_byte_does_not_panic() {
        // A chunk of CHUNK bytes with a bad byte in it: the error carries
        // nothing over, so a further call reads on instead of slicing past
        // the buffer.
        let mut input = vec![b'a'; CHUNK * 2];
        input[10] = 0xFF;
        let mut reader = Utf8Reader::new(&input[..]);
        let err = reader.next_text().unwrap_err();
        assert!(
            matches!(err, StreamError::NotUtf8 { offset: 10, .. }),
            "{err:?}"
        );
        assert_eq!(reader.next_text().unwrap().map(str::len), Some(CHUNK));
    }
}
