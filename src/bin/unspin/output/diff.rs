//! Unified diffs of inputs against their repairs, coloured on request.

use similar::{ChangeTag, TextDiff};

const RED: &str = "\x1b[31m";
const GREEN: &str = "\x1b[32m";
const CYAN: &str = "\x1b[36m";
const BOLD: &str = "\x1b[1m";
const RESET: &str = "\x1b[0m";

/// A unified diff of `old` against `new` for the file `name`, with three
/// lines of context; empty when they are equal.
pub fn unified(name: &str, old: &str, new: &str, color: bool) -> String {
    if old == new {
        return String::new();
    }
    let diff = TextDiff::from_lines(old, new);
    let paint = |code: &str, text: &str| {
        if color {
            format!("{code}{text}{RESET}")
        } else {
            text.to_string()
        }
    };
    let mut out = String::new();
    out.push_str(&paint(
        BOLD,
        &format!("--- {name}\n+++ {name} (repaired)\n"),
    ));
    for hunk in diff.unified_diff().context_radius(3).iter_hunks() {
        out.push_str(&paint(CYAN, &format!("{}\n", hunk.header())));
        for change in hunk.iter_changes() {
            let (sign, code) = match change.tag() {
                ChangeTag::Delete => ("-", Some(RED)),
                ChangeTag::Insert => ("+", Some(GREEN)),
                ChangeTag::Equal => (" ", None),
            };
            let mut line = format!("{sign}{}", change.value());
            if !line.ends_with('\n') {
                line.push_str("\n\\ No newline at end of file\n");
            }
            match code {
                Some(code) => {
                    let body = line.trim_end_matches('\n');
                    out.push_str(&paint(code, body));
                    out.push('\n');
                }
                None => out.push_str(&line),
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_and_coloured() {
        let plain = unified(
            "a.txt",
            "one\nPlanet War II\nthree\n",
            "one\nWorld War II\nthree\n",
            false,
        );
        assert_eq!(
            plain,
            "--- a.txt\n+++ a.txt (repaired)\n@@ -1,3 +1,3 @@\n one\n-Planet War II\n+World War II\n three\n"
        );
        let coloured = unified("a.txt", "x\n", "y\n", true);
        assert!(coloured.contains("\x1b[31m-x\x1b[0m"));
        assert!(coloured.contains("\x1b[32m+y\x1b[0m"));
        assert_eq!(unified("a.txt", "same", "same", true), "");
    }
}
