//! Corpus mode, `--jsonl`: repair one string field in every line of JSON
//! lines input.
//!
//! Lines are read in batches (up to [`BATCH_LINES`] lines or [`BATCH_BYTES`]
//! bytes), each batch is processed in parallel with rayon, and its lines are
//! written in input order before the next batch is read, so memory stays
//! bounded whatever the input's size.
//!
//! A record is never re-serialized. Each line is parsed into its top-level
//! keys and raw value spans; only the target field's string is decoded,
//! repaired and encoded again, and the new text is spliced into the original
//! line. Every other byte (numbers, escapes, spacing, key order) is kept,
//! and a line in which nothing changed is written exactly as read.

use std::fs::File;
use std::io::{self, BufRead, BufReader, IsTerminal, Read, Write};
use std::ops::Range;
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;
use unspin::Unspinner;

use crate::args::{Args, BadRecord};
use crate::inputs::Input;

// The per-line logic, in its own file so that the fuzz target can include
// it (`fuzz/fuzz_targets/jsonl.rs`).
#[path = "record.rs"]
mod record;

use record::{process, Options, Outcome, Then};

/// Most lines in one batch.
const BATCH_LINES: usize = 4096;
/// A batch ends once it holds this many bytes (a longer line is one batch).
const BATCH_BYTES: usize = 16 << 20;
/// Files larger than this get a progress bar on a terminal at once; other
/// inputs get one once they have taken [`PROGRESS_AFTER`].
const PROGRESS_MIN_BYTES: u64 = 16 << 20;
const PROGRESS_AFTER: Duration = Duration::from_secs(2);

/// Repairs the `--field` of every record of every input and writes the
/// records to `out`. Problems with the input (unreadable files, malformed
/// records, invalid UTF-8) are reported on stderr; the result is `false`
/// when there was any. Only write errors are returned as errors.
pub fn run(
    args: &Args,
    unspinner: &Unspinner,
    inputs: &[Input],
    out: &mut dyn Write,
) -> io::Result<bool> {
    let pool = match rayon::ThreadPoolBuilder::new()
        .num_threads(args.threads.map_or(0, |n| n.get()))
        .build()
    {
        Ok(pool) => pool,
        Err(e) => {
            eprintln!("unspin: cannot start worker threads: {e}");
            return Ok(false);
        }
    };
    let options = Options {
        unspinner,
        field: &args.field,
        add_score: args.add_score,
        lossy: args.lossy,
    };
    let mut ok = true;
    for input in inputs {
        match corpus_input(input, &options, &pool, args.bad_record, out)? {
            Flow::Continue(input_ok) => ok &= input_ok,
            Flow::Stop => return Ok(false),
        }
    }
    Ok(ok)
}

enum Flow {
    /// Go on with the next input; `false` when this one had a problem.
    Continue(bool),
    /// `--bad-record stop` met a bad record.
    Stop,
}

/// Processes one input, batch by batch.
fn corpus_input(
    input: &Input,
    options: &Options,
    pool: &rayon::ThreadPool,
    bad_record: BadRecord,
    out: &mut dyn Write,
) -> io::Result<Flow> {
    let name = input.name();
    let (reader, size): (Box<dyn Read>, Option<u64>) = match input {
        Input::Stdin => (Box::new(io::stdin()), None),
        Input::File(path) => match File::open(path) {
            Ok(file) => {
                let size = file
                    .metadata()
                    .ok()
                    .filter(|m| m.is_file())
                    .map(|m| m.len());
                (Box::new(file), size)
            }
            Err(e) => {
                out.flush()?;
                eprintln!("unspin: {name}: cannot read: {e}");
                return Ok(Flow::Continue(false));
            }
        },
    };
    let mut reader = BufReader::with_capacity(1 << 20, reader);
    let mut progress = Progress::new(&name, size);
    let mut batch = Batch::new();
    let mut ok = true;
    loop {
        let read = batch.fill(&mut reader);
        let outcomes: Vec<Outcome> = pool.install(|| {
            batch
                .lines
                .par_iter()
                .with_min_len(8)
                .map(|range| process(content(&batch.buf[range.clone()]), options))
                .collect()
        });
        for (i, (range, outcome)) in batch.lines.iter().zip(outcomes).enumerate() {
            let line = content(&batch.buf[range.clone()]);
            match outcome {
                Outcome::Unchanged => out.write_all(line)?,
                Outcome::Changed(new) => out.write_all(&new)?,
                Outcome::Bad(problem) => {
                    ok = false;
                    let then = match bad_record {
                        BadRecord::Stop => Then::Stop,
                        BadRecord::Pass => Then::PassThrough,
                    };
                    let offset = batch.offset + range.start as u64;
                    out.flush()?;
                    progress.message(&format!(
                        "{name}:{}: {}",
                        batch.first_line + i,
                        problem.describe(offset, then)
                    ));
                    if then == Then::Stop {
                        progress.finish();
                        return Ok(Flow::Stop);
                    }
                    out.write_all(line)?;
                }
            }
            // Also ends a last line that had no `\n`.
            out.write_all(b"\n")?;
        }
        progress.update(batch.offset + batch.buf.len() as u64);
        if let Err(e) = read {
            out.flush()?;
            progress.message(&format!("{name}: cannot read: {e}"));
            ok = false;
            break;
        }
        if batch.lines.is_empty() {
            break;
        }
    }
    progress.finish();
    Ok(Flow::Continue(ok))
}

/// A line without its `\n`.
fn content(line: &[u8]) -> &[u8] {
    line.strip_suffix(b"\n").unwrap_or(line)
}

/// Lines read from an input, in one buffer.
struct Batch {
    buf: Vec<u8>,
    /// Each line's bytes in `buf`, with its `\n` when it has one.
    lines: Vec<Range<usize>>,
    /// The 1-based number of the first line.
    first_line: usize,
    /// The input's byte offset of `buf[0]`.
    offset: u64,
}

impl Batch {
    fn new() -> Batch {
        Batch {
            buf: Vec::new(),
            lines: Vec::new(),
            first_line: 1,
            offset: 0,
        }
    }

    /// Replaces the batch with the next lines of `reader`. No lines means
    /// the end of the input. On a read error the batch holds the complete
    /// lines read before it.
    fn fill(&mut self, reader: &mut impl BufRead) -> io::Result<()> {
        self.offset += self.buf.len() as u64;
        self.first_line += self.lines.len();
        self.buf.clear();
        self.lines.clear();
        while self.lines.len() < BATCH_LINES && self.buf.len() < BATCH_BYTES {
            let start = self.buf.len();
            match reader.read_until(b'\n', &mut self.buf) {
                Ok(0) => break,
                Ok(_) => self.lines.push(start..self.buf.len()),
                Err(e) => {
                    self.buf.truncate(start);
                    return Err(e);
                }
            }
        }
        Ok(())
    }
}

/// The progress bar: shown on a terminal only, for a large file at once or
/// for any input once it has taken a while.
struct Progress {
    name: String,
    size: Option<u64>,
    enabled: bool,
    started: Instant,
    bar: Option<ProgressBar>,
}

impl Progress {
    fn new(name: &str, size: Option<u64>) -> Progress {
        Progress {
            name: name.to_string(),
            size,
            enabled: io::stderr().is_terminal(),
            started: Instant::now(),
            bar: None,
        }
    }

    /// `done` bytes of the input are processed.
    fn update(&mut self, done: u64) {
        if !self.enabled {
            return;
        }
        if self.bar.is_none()
            && (self.size.is_some_and(|s| s > PROGRESS_MIN_BYTES)
                || self.started.elapsed() >= PROGRESS_AFTER)
        {
            let bar = match self.size {
                Some(size) => ProgressBar::new(size).with_style(
                    ProgressStyle::with_template(
                        "{msg} [{bar:30}] {bytes}/{total_bytes} {binary_bytes_per_sec} eta {eta}",
                    )
                    .expect("valid template")
                    .progress_chars("=> "),
                ),
                None => ProgressBar::new_spinner().with_style(
                    ProgressStyle::with_template("{spinner} {msg} {bytes} {binary_bytes_per_sec}")
                        .expect("valid template"),
                ),
            };
            bar.set_message(self.name.clone());
            self.bar = Some(bar);
        }
        if let Some(bar) = &self.bar {
            bar.set_position(done);
        }
    }

    /// Prints `unspin: {message}` on stderr, around the bar.
    fn message(&self, message: &str) {
        match &self.bar {
            Some(bar) => bar.suspend(|| eprintln!("unspin: {message}")),
            None => eprintln!("unspin: {message}"),
        }
    }

    fn finish(&mut self) {
        if let Some(bar) = self.bar.take() {
            bar.finish_and_clear();
        }
    }
}
