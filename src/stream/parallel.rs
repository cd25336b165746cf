//! Deciding windows ahead of their turn, on several threads.
//!
//! With more than one thread, the stream reads about 1 MiB of text per
//! thread, cuts it into windows and gives each thread a run of consecutive
//! windows. A thread decides its run's first window as if nothing came
//! before it, and the next ones with what its run has seen (a
//! [`PartialCarry`]). When the stream reaches a window in turn, it uses the
//! decisions made ahead if [`PartialCarry::holds`] says that the actual
//! carry gives the same ones, and decides the window again otherwise. So
//! the output is the sequential output, byte for byte.

use std::collections::VecDeque;
use std::ops::Range;

use crate::engine::edit::Decision;
use crate::engine::window::{
    window_end, Carry, Decider, PartialCarry, LOOKAHEAD, MAX_WINDOW_BYTES,
};

/// Text read ahead per thread (small in unit tests, so that they cross
/// many batches).
const BATCH_PER_THREAD: usize = if cfg!(test) { 4096 } else { 1 << 20 };

/// The text to read ahead for `threads` threads: at least one window of the
/// largest size per thread and one more, so that text cut into 1 MiB
/// windows (no spaces) still gives every thread a window.
pub(crate) fn batch_bytes(threads: usize) -> usize {
    let per_thread = if cfg!(test) {
        BATCH_PER_THREAD
    } else {
        BATCH_PER_THREAD.max(MAX_WINDOW_BYTES + LOOKAHEAD)
    };
    per_thread * (threads + 1)
}

/// A window decided ahead of its turn.
#[derive(Debug)]
pub(crate) struct Ahead<'d> {
    /// The window, in absolute offsets.
    pub window: Range<usize>,
    /// Its decisions, with absolute spans.
    pub decisions: Vec<Decision<'d>>,
    /// The carry it was decided with.
    assumed: PartialCarry,
    /// What its run knew after it.
    after: PartialCarry,
}

impl<'d> Ahead<'d> {
    /// The window's decisions and the carry after it, if they are the ones
    /// the `actual` carry gives.
    pub fn take_if_holds(self, actual: Carry) -> Option<(Vec<Decision<'d>>, Carry)> {
        let first = self.decisions.first();
        self.assumed
            .holds(self.window.start, actual, first)
            .then(|| (self.decisions, self.after.over(actual)))
    }
}

/// Text a stream has read and not yet decided.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Batch<'b> {
    /// The stream's buffer.
    pub buf: &'b str,
    /// `buf`'s absolute offset.
    pub base: usize,
    /// Where the first undecided window starts in `buf`.
    pub from: usize,
    /// Whether the input goes on after `buf`.
    pub input: Input,
}

/// Whether a stream's input goes on after what it has read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Input {
    Continues,
    Ended,
}

/// Decides, in parallel on up to `threads` threads, every window of the
/// batch that is complete (its end known, and the lookahead after it
/// read), each run of windows as if nothing came before it.
pub(crate) fn decide_ahead<'d>(
    decider: Decider<'d>,
    words: usize,
    threads: usize,
    batch: Batch<'_>,
) -> VecDeque<Ahead<'d>> {
    let Batch {
        buf,
        base,
        from,
        input,
    } = batch;
    let eof = input == Input::Ended;
    let mut windows = Vec::new();
    let mut start = from;
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
    let threads = threads.min(windows.len()).max(1);
    let per_thread = buf.len().saturating_sub(from) / threads + 1;
    // Contiguous runs of about the same number of bytes.
    let mut runs: Vec<&[Range<usize>]> = Vec::with_capacity(threads);
    let mut rest = &windows[..];
    while !rest.is_empty() {
        let first = rest[0].start;
        let take = rest
            .iter()
            .position(|w| w.end - first >= per_thread)
            .map_or(rest.len(), |i| i + 1);
        let (run, tail) = rest.split_at(take);
        runs.push(run);
        rest = tail;
    }
    let decide_run = |run: &[Range<usize>]| -> Vec<Ahead<'d>> {
        // Offsets relative to `buf`, as the stream keeps them.
        let mut known = PartialCarry::default();
        run.iter()
            .map(|w| {
                let mut decisions = Vec::new();
                let assumed = known;
                let mut carry = assumed.assumed();
                decider.decide(buf, w.clone(), &mut carry, &mut decisions);
                known.learn(carry);
                for d in &mut decisions {
                    d.span = base + d.span.start..base + d.span.end;
                }
                Ahead {
                    window: base + w.start..base + w.end,
                    decisions,
                    assumed: assumed.shifted_on(base),
                    after: known.shifted_on(base),
                }
            })
            .collect()
    };
    let results: Vec<Vec<Ahead<'d>>> = std::thread::scope(|scope| {
        let handles: Vec<_> = runs
            .iter()
            .skip(1)
            .map(|run| scope.spawn(move || decide_run(run)))
            .collect();
        let mut results = vec![runs.first().map_or_else(Vec::new, |r| decide_run(r))];
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
