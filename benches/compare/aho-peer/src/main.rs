//! The aho-corasick peer of `benches/compare.sh`: the dictionary replacer a
//! Rust user would write with the `aho-corasick` crate.
//!
//! Usage: `aho-peer DICTIONARY.tsv INPUT > OUTPUT`
//!
//! DICTIONARY.tsv is the output of `unspin --dump-dictionary` (spun, original,
//! tier, ... separated by tabs). Every entry is applied, whatever its tier.
//! The matcher is built with the crate's default engine choice,
//! leftmost-longest semantics and ASCII case-insensitivity; a match is replaced
//! by its original when the bytes on either side of it are not ASCII letters or
//! digits, and kept as it is otherwise.

use std::fs;
use std::io::{self, BufWriter, Write};
use std::process::ExitCode;

use aho_corasick::{AhoCorasick, MatchKind};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().collect();
    if args.len() != 3 {
        eprintln!("usage: aho-peer DICTIONARY.tsv INPUT");
        return ExitCode::from(2);
    }
    match run(&args[1], &args[2]) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("aho-peer: {e}");
            ExitCode::from(2)
        }
    }
}

fn run(dictionary: &str, input: &str) -> io::Result<()> {
    let tsv = fs::read_to_string(dictionary)?;
    let mut spun = Vec::new();
    let mut original = Vec::new();
    for line in tsv.lines() {
        let mut fields = line.split('\t');
        if let (Some(s), Some(o)) = (fields.next(), fields.next()) {
            if !s.is_empty() {
                spun.push(s);
                original.push(o);
            }
        }
    }

    let ac = AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .ascii_case_insensitive(true)
        .build(&spun)
        .map_err(io::Error::other)?;

    let text = fs::read(input)?;
    let stdout = io::stdout();
    let mut out = BufWriter::with_capacity(1 << 16, stdout.lock());
    let mut last = 0;
    for m in ac.find_iter(&text) {
        let (start, end) = (m.start(), m.end());
        let before_ok = start == 0 || !text[start - 1].is_ascii_alphanumeric();
        let after_ok = end == text.len() || !text[end].is_ascii_alphanumeric();
        if before_ok && after_ok {
            out.write_all(&text[last..start])?;
            out.write_all(original[m.pattern().as_usize()].as_bytes())?;
            last = end;
        }
    }
    out.write_all(&text[last..])?;
    out.flush()
}
