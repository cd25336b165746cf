//! Deciding windows ahead of their turn, on several threads.
//!
//! With more than one thread, the stream reads about 1 MiB of text per
//! thread and gives each thread a run of consecutive windows: each thread
//! cuts its own run into windows and hands the rest of the batch to the
//! next thread before deciding (see [`decide_ahead`]). The threads are the
//! `Unspinner`'s workers (a rayon pool made on first use and kept), so no
//! batch waits for a thread to start, and what a thread remembers carries
//! over to the next batch. A thread decides its run's first window as if
//! nothing came before it, and the next ones with what its run has seen (a
//! [`PartialCarry`]). When the stream reaches a window in turn, it uses the
//! decisions made ahead if [`PartialCarry::holds`] says that the actual
//! carry gives the same ones, and decides the window again otherwise. So
//! the output is the sequential output, byte for byte.

use std::collections::VecDeque;
use std::ops::Range;

use crate::engine::edit::Decision;
use crate::engine::window::{
    window_end, Carry, Decider, Input, PartialCarry, LOOKAHEAD, MAX_WINDOW_BYTES,
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

/// Decides, in parallel on the threads of `workers`, every window of the
/// batch that is complete (its end known, and the lookahead after it
/// read), each run of windows as if nothing came before it.
///
/// The batch is cut into runs of about the same number of bytes, one per
/// worker. Each worker finds its own run's windows, hands the rest of the
/// batch to an idle worker (`rayon::join`), and only then decides its run:
/// so the window ends are found on the threads that decide them, and each
/// thread but the first finds its run's while the threads before it
/// decide theirs.
pub(crate) fn decide_ahead<'d>(
    decider: Decider<'d>,
    words: usize,
    workers: &rayon::ThreadPool,
    batch: Batch<'_>,
) -> VecDeque<Ahead<'d>> {
    let Batch {
        buf,
        base,
        from,
        input,
    } = batch;
    let threads = workers.current_num_threads().max(1);
    let runs = Runs {
        decider,
        buf,
        base,
        words,
        eof: input == Input::Ended,
        per_thread: buf.len().saturating_sub(from) / threads + 1,
    };
    workers.install(|| runs.decide_from(from, threads)).into()
}

/// A batch being cut into runs and decided: see [`decide_ahead`].
struct Runs<'b, 'd> {
    decider: Decider<'d>,
    buf: &'b str,
    /// `buf`'s absolute offset.
    base: usize,
    words: usize,
    eof: bool,
    /// The bytes a run takes before the next one starts.
    per_thread: usize,
}

impl<'d> Runs<'_, 'd> {
    /// The window that starts at `start`, if it is complete, and whether
    /// another may follow it.
    fn window_at(&self, start: usize) -> (Option<Range<usize>>, bool) {
        let len = self.buf.len();
        match window_end(self.buf, start, self.words) {
            Some(end) if self.eof || end + LOOKAHEAD <= len => (Some(start..end), true),
            Some(_) => (None, false),
            None => ((self.eof && start < len).then_some(start..len), false),
        }
    }

    /// Finds the run of windows that starts at `start`, hands what follows
    /// it to another worker while `threads` allows, decides the run, and
    /// returns its windows with those of the workers after it.
    fn decide_from(&self, start: usize, threads: usize) -> Vec<Ahead<'d>> {
        let mut run = Vec::new();
        let mut at = start;
        let mut more = true;
        while more {
            let (window, next) = self.window_at(at);
            more = next;
            if let Some(window) = window {
                at = window.end;
                run.push(window);
            }
            if at - start >= self.per_thread && threads > 1 {
                break;
            }
        }
        if more && threads > 1 {
            // The rest goes to an idle worker; this one decides its run.
            let (mut decided, rest) = rayon::join(
                || self.decide_run(&run),
                || self.decide_from(at, threads - 1),
            );
            decided.extend(rest);
            decided
        } else {
            self.decide_run(&run)
        }
    }

    /// Decides a run of windows, the first as if nothing came before it.
    fn decide_run(&self, run: &[Range<usize>]) -> Vec<Ahead<'d>> {
        let base = self.base;
        // Offsets relative to `buf`, as the stream keeps them.
        let mut known = PartialCarry::default();
        run.iter()
            .map(|w| {
                let mut decisions = Vec::new();
                let assumed = known;
                let mut carry = assumed.assumed();
                self.decider
                    .decide(self.buf, w.clone(), &mut carry, &mut decisions);
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
    }
}
