//! A file repaired to stdout while another thread checks that it is UTF-8.
//!
//! Nothing is written for a file that is not UTF-8, so the file is checked
//! before any of its repair is written. On one thread the check is a pass
//! of its own before the repair. With more, [`Checked`] runs it beside the
//! repair: the repair's output is held in memory until the check is done,
//! and dropped if it fails. The check reads far faster than the repair, so
//! little is held; past [`HOLD`] bytes the repair waits for the check, so
//! memory stays bounded on any input.
//!
//! ```text
//! check thread:  validate_utf8(file) ──────────► Ok(bytes) | Err(where)
//! repair:        stream ─► Checked ─► held ─┬──► out   (the check passed)
//!                                           └──► drop  (it failed)
//! ```

use std::fs::File;
use std::io::{self, BufReader, Write};
use std::thread::JoinHandle;

use unspin::StreamError;

/// The most output held before the repair waits for the check.
const HOLD: usize = 8 << 20;

/// What the check of a file's UTF-8 found, as [`unspin::validate_utf8`]
/// says it.
type Verdict = Result<u64, StreamError>;

/// Output held until the check of its input is done: see the module docs.
pub(crate) struct Checked<'w, W: Write> {
    out: &'w mut W,
    held: Vec<u8>,
    check: Check,
    /// Bytes written to `out`.
    passed: u64,
}

enum Check {
    Running(JoinHandle<Verdict>),
    Passed,
    Failed(StreamError),
}

/// Starts checking `file` on a thread of its own; the error is the
/// thread's when none can be made.
pub(crate) fn start(file: File) -> io::Result<JoinHandle<Verdict>> {
    std::thread::Builder::new()
        .name("unspin-check".into())
        .spawn(move || unspin::validate_utf8(BufReader::new(file)))
}

impl<'w, W: Write> Checked<'w, W> {
    /// Output for `out`, held until `check` (from [`start`]) is done.
    pub fn new(check: JoinHandle<Verdict>, out: &'w mut W) -> Checked<'w, W> {
        Checked {
            out,
            held: Vec::new(),
            check: Check::Running(check),
            passed: 0,
        }
    }

    /// Waits for the check. Once it has passed, the held output is written
    /// and the rest goes straight through; when it has failed, the output
    /// is dropped.
    fn settle(&mut self) -> io::Result<()> {
        let check = match std::mem::replace(&mut self.check, Check::Passed) {
            Check::Running(check) => check,
            done => {
                self.check = done;
                return Ok(());
            }
        };
        // A panic in the check is a bug; let it surface as one.
        let verdict = check
            .join()
            .unwrap_or_else(|e| std::panic::resume_unwind(e));
        let held = std::mem::take(&mut self.held);
        match verdict {
            Ok(_) => {
                self.out.write_all(&held)?;
                self.passed += held.len() as u64;
            }
            Err(e) => self.check = Check::Failed(e),
        }
        Ok(())
    }

    /// Waits for the check and writes what it allows; the error is the
    /// check's when it failed.
    pub fn finish(mut self) -> Result<(), StreamError> {
        let written = self.settle();
        match self.check {
            Check::Failed(e) => Err(e),
            _ => written.map_err(|source| StreamError::Write {
                offset: self.passed,
                source,
            }),
        }
    }
}

impl<W: Write> Write for Checked<'_, W> {
    fn write(&mut self, data: &[u8]) -> io::Result<usize> {
        if let Check::Running(check) = &self.check {
            if !check.is_finished() && self.held.len() + data.len() <= HOLD {
                self.held.extend_from_slice(data);
                return Ok(data.len());
            }
            self.settle()?;
        }
        match self.check {
            Check::Passed => {
                let n = self.out.write(data)?;
                self.passed += n as u64;
                Ok(n)
            }
            // The input is not UTF-8: the repair stops here rather than
            // run on to the bad byte for output that would be dropped.
            _ => Err(not_utf8()),
        }
    }

    /// Waits for the check first, so that nothing the caller writes after
    /// (a summary on stderr) comes before the text it is about.
    fn flush(&mut self) -> io::Result<()> {
        self.settle()?;
        match self.check {
            Check::Passed => self.out.flush(),
            // Failing here too keeps a repair that wrote everything before
            // the check failed from ending as if it had succeeded.
            _ => Err(not_utf8()),
        }
    }
}

/// What a write says once the check has failed; [`Checked::finish`] then
/// gives the check's own error, with where the bad byte is.
fn not_utf8() -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, "the input is not UTF-8")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file_with(name: &str, bytes: &[u8]) -> File {
        let dir = std::env::temp_dir().join(format!("unspin-checked-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join(name);
        std::fs::write(&path, bytes).unwrap();
        File::open(&path).unwrap()
    }

    #[test]
    fn output_passes_once_the_check_passes() {
        let mut out = Vec::new();
        let check = start(file_with("good", "caf\u{e9} ok\n".as_bytes())).unwrap();
        let mut checked = Checked::new(check, &mut out);
        checked.write_all(b"first ").unwrap();
        checked.flush().unwrap();
        checked.write_all(b"second").unwrap();
        checked.finish().unwrap();
        assert_eq!(out, b"first second");
    }

    #[test]
    fn nothing_passes_when_the_check_fails() {
        // The check still running when the repair writes, or already done.
        for wait in [false, true] {
            let mut out = Vec::new();
            let check = start(file_with("bad", b"fine\nthen \xff here")).unwrap();
            while wait && !check.is_finished() {
                std::thread::yield_now();
            }
            let mut checked = Checked::new(check, &mut out);
            // Held, or refused once the check has failed: either way none
            // of it reaches the output.
            let first = checked.write_all(b"some repaired text");
            assert!(!wait || first.is_err());
            // Once the check has failed, writing and flushing fail, so the
            // repair stops.
            assert!(checked.flush().is_err());
            assert!(checked.write_all(b"and more").is_err());
            let err = checked.finish().unwrap_err();
            assert!(out.is_empty(), "{out:?}");
            assert!(
                matches!(
                    err,
                    StreamError::NotUtf8 {
                        offset: 10,
                        line: 2,
                        column: 6,
                        ..
                    }
                ),
                "{err:?}"
            );
        }
    }

    #[test]
    fn more_than_the_hold_waits_for_the_check() {
        let mut out = Vec::new();
        let check = start(file_with("big", b"ok")).unwrap();
        let mut checked = Checked::new(check, &mut out);
        let chunk = vec![b'x'; HOLD / 2 + 1];
        checked.write_all(&chunk).unwrap();
        // The second chunk would pass the hold: the check is waited for,
        // and everything goes through.
        checked.write_all(&chunk).unwrap();
        assert!(matches!(checked.check, Check::Passed));
        assert!(checked.held.is_empty());
        checked.finish().unwrap();
        assert_eq!(out.len(), chunk.len() * 2);
    }
}
