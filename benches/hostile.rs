//! Cost on hostile input: every shape of `tests/hostile.rs` (no whitespace,
//! only whitespace, one long line, dictionary prefixes that never complete,
//! runs of apostrophes and hyphens, stacked combining marks, emoji, CJK),
//! generated at 10 MB and at 100 MB.
//!
//! For each size it times `Unspinner::repair_stream` (the bundled
//! dictionary, the default mode, one thread) from an in-memory reader into
//! `io::sink()`, and prints the median of three runs as MiB/s. The cost is
//! linear when the throughput at 100 MB is about that at 10 MB, so their
//! ratio should be near 1. It also times detection,
//! `find_iter().count()`, once on the 100 MB text.
//!
//! The rates come from the time the thread spent on a CPU
//! (`/proc/thread-self/schedstat`), so that other processes on a busy
//! machine do not skew the ratio; the ratio of wall-clock rates is shown
//! next to it. The 10 MB and 100 MB runs alternate for the same reason.
//!
//! A second table times the command line's report modes (`--check`,
//! `--explain`, `--diff`, `--format json`, `--html`), which read a document
//! whole, on the shapes with the most edits per byte and on plain text, at
//! 10 MB and 100 MB: the `unspin` binary is run on a file of each size, and
//! the rate comes from the child's CPU time (`/proc/self/stat`).
//!
//! Run with `cargo bench --bench hostile` (a few minutes on a 2-core
//! machine); `cargo bench --bench hostile -- emoji cjk` runs the shapes
//! whose names contain one of the words. Without `--bench` (as under
//! `cargo test --benches`) it only repairs every shape once at 100 kB.
//! `benches/HOSTILE.md` has the figures.

use std::hint::black_box;
use std::io;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use unspin::Unspinner;

// The generators are shared with the tests; the checks in the same file
// are only compiled, never run, here.
#[allow(unused_imports)]
#[path = "../tests/hostile.rs"]
mod hostile;

const SMALL: usize = 10_000_000;
const LARGE: usize = 100_000_000;
const RUNS: usize = 3;
const MIB: f64 = (1 << 20) as f64;

/// Nanoseconds this thread has spent on a CPU (Linux), if known.
fn cpu_ns() -> Option<u64> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    stat.split_whitespace().next()?.parse().ok()
}

/// The wall and on-CPU time of `f`; the CPU time is the wall time where
/// the kernel does not tell.
fn timed<T>(f: impl FnOnce() -> T) -> (T, Duration, Duration) {
    let cpu = cpu_ns();
    let started = Instant::now();
    let value = f();
    let wall = started.elapsed();
    let on_cpu = match (cpu, cpu_ns()) {
        (Some(before), Some(after)) => Duration::from_nanos(after - before),
        _ => wall,
    };
    (value, wall, on_cpu)
}

/// One streaming repair of `text`: its wall and on-CPU time, and the edits.
fn stream(unspin: &Unspinner, text: &str) -> (Duration, Duration, usize) {
    let (summary, wall, cpu) = timed(|| {
        unspin
            .repair_stream(black_box(text.as_bytes()), io::sink())
            .expect("the repair runs")
    });
    assert_eq!(summary.bytes, text.len() as u64);
    (wall, cpu, summary.edits)
}

/// CPU time of the waited-for children of this process (Linux), if known.
fn children_cpu() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // The fields after the command's closing parenthesis; cutime and
    // cstime are the 16th and 17th of the whole line.
    let after = stat.rsplit_once(')')?.1;
    let fields: Vec<&str> = after.split_whitespace().collect();
    let ticks: u64 = fields.get(13)?.parse::<u64>().ok()? + fields.get(14)?.parse::<u64>().ok()?;
    Some(Duration::from_millis(ticks * 10))
}

/// One run of the binary in a report mode on `file`: wall and CPU time.
fn report(mode: &[&str], file: &Path) -> (Duration, Duration) {
    let html = file.with_extension("html");
    let mut args: Vec<&str> = mode.to_vec();
    if mode == ["--html"] {
        args = vec!["--check", "--html", html.to_str().expect("a UTF-8 path")];
    }
    let before = children_cpu();
    let started = Instant::now();
    let status = Command::new(env!("CARGO_BIN_EXE_unspin"))
        .args(&args)
        .arg(file)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .expect("the binary runs");
    let wall = started.elapsed();
    assert!(matches!(status.code(), Some(0 | 1)), "{args:?}: {status}");
    let cpu = match (before, children_cpu()) {
        (Some(a), Some(b)) => b - a,
        _ => wall,
    };
    let _ = std::fs::remove_file(&html);
    (wall, cpu)
}

/// The report modes at both sizes, on a few shapes.
fn report_modes(unspin: &Unspinner, filters: &[String]) {
    const MODES: [&[&str]; 5] = [
        &["--check"],
        &["--explain"],
        &["--diff"],
        &["--format", "json"],
        &["--html"],
    ];
    println!();
    println!("Report modes: the `unspin` binary on a file, default mode; MiB/s from the child's CPU time, one run per size");
    println!();
    println!("| shape | mode | MiB/s at 10 MB | MiB/s at 100 MB | ratio | seconds at 100 MB |");
    println!("|---|---|---:|---:|---:|---:|");
    let dir = std::env::temp_dir().join(format!("unspin-hostile-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temporary directory");
    for shape in hostile::shapes(unspin) {
        if !["one-line", "key-repeat", "letters+punct"].contains(&shape.name)
            || (!filters.is_empty() && !filters.iter().any(|f| shape.name.contains(f.as_str())))
        {
            continue;
        }
        let (small, large) = (dir.join("small.txt"), dir.join("large.txt"));
        std::fs::write(&small, (shape.make)(SMALL)).expect("write");
        std::fs::write(&large, (shape.make)(LARGE)).expect("write");
        for mode in MODES {
            let (_, small_cpu) = report(mode, &small);
            let (large_wall, large_cpu) = report(mode, &large);
            let (a, b) = (rate(SMALL, small_cpu), rate(LARGE, large_cpu));
            println!(
                "| {} | `{}` | {a:.1} | {b:.1} | {:.2} | {:.1} |",
                shape.name,
                mode.join(" "),
                b / a,
                large_wall.as_secs_f64()
            );
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

fn rate(bytes: usize, time: Duration) -> f64 {
    bytes as f64 / MIB / time.as_secs_f64()
}

fn main() {
    // `cargo bench` passes `--bench`; other arguments filter the shapes.
    let filters: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    let unspin = Unspinner::new();
    assert_eq!(unspin.threads(), 1);
    if !std::env::args().any(|a| a == "--bench") {
        // Run by `cargo test --benches` (debug, no `--bench`): one small
        // repair of every shape, as a smoke test, instead of minutes.
        for shape in hostile::shapes(&unspin) {
            let text = (shape.make)(100_000);
            stream(&unspin, &text);
        }
        println!("hostile: every shape ran once at 100 kB (pass --bench to measure)");
        return;
    }
    let started = Instant::now();
    let clock = if cpu_ns().is_some() {
        "on-CPU time of the thread"
    } else {
        "wall time"
    };
    println!(
        "repair_stream, bundled dictionary, {} mode, 1 thread; MiB/s from the {clock}, \
         median of {RUNS} runs, the 10 MB and 100 MB runs interleaved; find_iter once",
        unspin.mode().as_str()
    );
    println!();
    println!(
        "| shape | MiB/s at 10 MB | MiB/s at 100 MB | ratio | wall-clock ratio | edits at 100 MB | find_iter MiB/s at 100 MB | matches at 100 MB |"
    );
    println!("|---|---:|---:|---:|---:|---:|---:|---:|");
    let mut ratios: Vec<(f64, &str)> = Vec::new();
    for shape in hostile::shapes(&unspin) {
        if !filters.is_empty() && !filters.iter().any(|f| shape.name.contains(f.as_str())) {
            continue;
        }
        let small = (shape.make)(SMALL);
        let large = (shape.make)(LARGE);
        // One run to warm up, not timed; then interleaved, so that both
        // sizes see the same machine.
        stream(&unspin, &small);
        let (mut small_times, mut large_times) = (Vec::new(), Vec::new());
        let mut edits = 0;
        for _ in 0..RUNS {
            let (wall, cpu, _) = stream(&unspin, &small);
            small_times.push((wall, cpu));
            let (wall, cpu, n) = stream(&unspin, &large);
            large_times.push((wall, cpu));
            edits = n;
        }
        let (matches, _, find_cpu) = timed(|| unspin.find_iter(black_box(&large)).count());
        let cpu = |times: &[(Duration, Duration)]| median(times.iter().map(|t| t.1).collect());
        let wall = |times: &[(Duration, Duration)]| median(times.iter().map(|t| t.0).collect());
        let (small_rate, large_rate) = (
            rate(small.len(), cpu(&small_times)),
            rate(large.len(), cpu(&large_times)),
        );
        let ratio = large_rate / small_rate;
        let wall_ratio =
            rate(large.len(), wall(&large_times)) / rate(small.len(), wall(&small_times));
        ratios.push((ratio, shape.name));
        println!(
            "| {} | {small_rate:.1} | {large_rate:.1} | {ratio:.2} | {wall_ratio:.2} | {edits} | {:.1} | {matches} |",
            shape.name,
            rate(large.len(), find_cpu)
        );
    }
    println!();
    for shape in hostile::shapes(&unspin) {
        if filters.is_empty() || filters.iter().any(|f| shape.name.contains(f.as_str())) {
            println!("- `{}`: {}", shape.name, shape.about);
        }
    }
    println!();
    ratios.sort_by(|a, b| a.0.total_cmp(&b.0));
    if let (Some(low), Some(high)) = (ratios.first(), ratios.last()) {
        println!(
            "ratio from {:.2} ({}) to {:.2} ({})",
            low.0, low.1, high.0, high.1
        );
    }
    report_modes(&unspin, &filters);
    println!();
    println!("total time: {:.0?}", started.elapsed());
}
