//! Inputs: files, directories searched recursively, stdin; reading them as
//! UTF-8.

use std::io::Read;
use std::path::{Path, PathBuf};

/// One input to process.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    Stdin,
    File(PathBuf),
}

impl Input {
    /// How the input is named in messages and reports.
    pub fn name(&self) -> String {
        match self {
            Input::Stdin => "<stdin>".to_string(),
            Input::File(path) => path.display().to_string(),
        }
    }
}

/// Expands the command line's FILE arguments: directories become the files
/// below them, sorted. Problems (unreadable directories, a binary file named
/// on the command line) are returned as messages beside the inputs; binary
/// files found in a directory are skipped with a note on stderr.
pub fn expand(args: &[PathBuf]) -> (Vec<Input>, Vec<String>) {
    let mut inputs = Vec::new();
    let mut errors = Vec::new();
    if args.is_empty() {
        inputs.push(Input::Stdin);
    }
    for arg in args {
        if arg.as_os_str() == "-" {
            inputs.push(Input::Stdin);
        } else if arg.is_dir() {
            walk(arg, &mut inputs, &mut errors);
        } else if arg.is_file() && is_binary(arg) {
            errors.push(format!(
                "{}: binary file (a NUL byte in its first 8 KiB); not repaired",
                arg.display()
            ));
        } else {
            inputs.push(Input::File(arg.clone()));
        }
    }
    (inputs, errors)
}

fn walk(dir: &Path, inputs: &mut Vec<Input>, errors: &mut Vec<String>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            errors.push(format!("{}: cannot read directory: {e}", dir.display()));
            return;
        }
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for path in paths {
        if path.is_dir() {
            walk(&path, inputs, errors);
        } else if path.is_file() {
            if is_binary(&path) {
                eprintln!(
                    "unspin: skipping {}: binary file (a NUL byte in its first 8 KiB)",
                    path.display()
                );
            } else {
                inputs.push(Input::File(path));
            }
        }
    }
}

/// A file is binary when its first 8 KiB hold a NUL byte.
fn is_binary(path: &Path) -> bool {
    let mut head = [0u8; 8192];
    let Ok(mut file) = std::fs::File::open(path) else {
        return false; // reading it will report the error
    };
    let n = file.read(&mut head).unwrap_or(0);
    head[..n].contains(&0)
}

/// Opens a file to read. Errors are worded for the user and name the file:
/// a directory, a dangling symbolic link, or what the system says.
pub fn open(path: &Path) -> Result<std::fs::File, String> {
    let name = path.display();
    if path.is_dir() {
        return Err(format!("{name}: is a directory"));
    }
    std::fs::File::open(path).map_err(|e| match std::fs::read_link(path) {
        Ok(to) if e.kind() == std::io::ErrorKind::NotFound => format!(
            "{name}: a symbolic link to {}, which does not exist",
            to.display()
        ),
        _ => format!("{name}: cannot read: {e}"),
    })
}

/// How input that is not UTF-8 is read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Decoding {
    /// It is an error, with its position.
    Strict,
    /// Invalid bytes become U+FFFD (`--lossy`).
    Lossy,
}

/// Reads an input as UTF-8, decoding as `decoding` says. Errors are worded
/// for the user and name the input.
pub fn read(input: &Input, decoding: Decoding) -> Result<String, String> {
    let name = input.name();
    let mut bytes = Vec::new();
    match input {
        Input::Stdin => std::io::stdin().lock().read_to_end(&mut bytes),
        Input::File(path) => open(path)?.read_to_end(&mut bytes),
    }
    .map_err(|e| format!("{name}: cannot read: {e}"))?;
    decode(&name, bytes, decoding)
}

/// Decodes the bytes of input `name` as UTF-8. Lossy decoding replaces
/// invalid bytes with U+FFFD; strict decoding gives the position of the
/// first.
pub fn decode(name: &str, bytes: Vec<u8>, decoding: Decoding) -> Result<String, String> {
    match String::from_utf8(bytes) {
        Ok(text) => Ok(text),
        Err(e) if decoding == Decoding::Lossy => {
            Ok(String::from_utf8_lossy(e.as_bytes()).into_owned())
        }
        Err(e) => match unspin::validate_utf8(e.as_bytes()) {
            Err(error) => Err(stream_message(
                name,
                error,
                "nothing written for this input",
            )),
            Ok(_) => Err(format!("{name}: not valid UTF-8")),
        },
    }
}

/// Words a streaming error about input `name` for the user; `consequence`
/// says what happened to the output.
pub fn stream_message(name: &str, error: unspin::StreamError, consequence: &str) -> String {
    match error {
        unspin::StreamError::NotUtf8 {
            offset,
            line,
            column,
            byte,
        } => {
            let byte = byte.map_or("an incomplete character".to_string(), |b| {
                format!("0x{b:02X}")
            });
            format!(
                "{name}:{line}:{column}: not valid UTF-8 at byte offset {offset} ({byte}); \
                 {consequence} (--lossy replaces invalid bytes)"
            )
        }
        unspin::StreamError::Read { offset, source } => {
            format!("{name}: cannot read after byte offset {offset}: {source}")
        }
        unspin::StreamError::Write { source, .. } => format!("cannot write output: {source}"),
        e => format!("{name}: {e}"),
    }
}
