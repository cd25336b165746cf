//! Rules about the library's own source.
//!
//! * **No panics on input.** No `unwrap`, no `panic!` or `unreachable!`,
//!   and an `expect` only where the value cannot depend on input, with a
//!   `// ok:` comment just above saying why.
//! * **Data flows one way.** Every module has a rank in [`LAYERS`], and its
//!   code may use only modules of a lower rank: the scanner knows nothing
//!   of edits, the engine nothing of streams. A total order leaves no room
//!   for cycles.
//! * **Small files.** No library file holds more than [`MAX_LINES`] lines
//!   outside its tests.
//!
//! Items under `#[cfg(test)]` (a test module, or a statement that only
//! tests compile) and comments are exempt. The checker itself is tested on
//! small snippets at the end.

use std::path::{Path, PathBuf};

/// The library's modules, lowest first.
const LAYERS: &[&str] = &[
    "error",
    "tier",
    "text::class",
    "text::fold",
    "text::hash",
    "text::words",
    "text::paragraphs",
    "text::random",
    "text",
    "dict::inflect",
    "dict::rule",
    "dict::source",
    "dict::prefilter",
    "dict::table",
    "dict::wordmap",
    "dict::originals",
    "dict::memo",
    "dict::frequency",
    "dict::compile",
    "dict::layer",
    "dict::chains",
    "dict::embed",
    "dict::builtin",
    "dict::frequencies_builtin",
    "dict",
    "scan",
    "scan::walk",
    "score",
    "engine::case",
    "engine::evidence",
    "engine::article",
    "engine::edit",
    "engine::mode",
    "engine::signals",
    "engine::window",
    "engine::assess",
    "engine::entry",
    "engine::unspinner",
    "engine::builder",
    "engine",
    "mine::align",
    "mine",
    "learn::fingerprint",
    "learn::pair",
    "learn",
    "stream::utf8",
    "stream::parallel",
    "stream",
    "bench_hooks",
    "lib",
];

const MAX_LINES: usize = 600;

/// The lines of `text` that are code the rules apply to: 1-based line
/// numbers and the code, without comment lines and `#[cfg(test)]` items.
///
/// The item under a `#[cfg(test)]` is skipped: on the attribute's own line
/// if it is there, else the next item: a block to its closing brace
/// (braces in string and character literals do not count), or a
/// statement, field or match arm to its `;` or `,`.
fn code_lines(text: &str) -> Vec<(usize, &str)> {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let code = lines[i].trim_start();
        if let Some(rest) = code.strip_prefix("#[cfg(test)]") {
            i += 1;
            if !rest.trim().is_empty() {
                continue; // the item is on the attribute's own line
            }
            while i < lines.len() && lines[i].trim_start().starts_with("#[") {
                i += 1;
            }
            let mut depth = 0i64;
            let mut block = false;
            while i < lines.len() {
                let line = without_literals(lines[i]);
                block |= line.contains('{');
                depth += line.matches('{').count() as i64 - line.matches('}').count() as i64;
                i += 1;
                let end = line.trim_end();
                let ends_item = end.ends_with(';') || end.ends_with(',') || end.ends_with('}');
                if depth <= 0 && (ends_item || block) {
                    break;
                }
            }
            continue;
        }
        if !code.starts_with("//") {
            out.push((i + 1, lines[i]));
        }
        i += 1;
    }
    out
}

/// `line` without its string and character literals, for counting braces.
fn without_literals(line: &str) -> String {
    let mut out = String::new();
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' => {
                while let Some(c) = chars.next() {
                    match c {
                        '\\' => {
                            chars.next();
                        }
                        '"' => break,
                        _ => {}
                    }
                }
            }
            '\'' => {
                // A character literal ('{', '\'', '\u{e9}'), not a lifetime
                // ('a).
                let ahead: Vec<char> = chars.clone().take(3).collect();
                if ahead.first() == Some(&'\\') && ahead.get(1) == Some(&'u') {
                    // A Unicode escape: up to the closing quote.
                    for c in chars.by_ref() {
                        if c == '\'' {
                            break;
                        }
                    }
                } else if ahead.first() == Some(&'\\') {
                    chars.nth(2);
                } else if ahead.get(1) == Some(&'\'') {
                    chars.nth(1);
                } else {
                    out.push(c);
                }
            }
            _ => out.push(c),
        }
    }
    out
}

/// Calls on `unwrap`, `panic!`, `unreachable!` and unjustified `expect`.
fn panics(text: &str) -> Vec<String> {
    let all: Vec<&str> = text.lines().collect();
    let mut problems = Vec::new();
    for (n, line) in code_lines(text) {
        let code = line.trim_start();
        for banned in [".unwrap()", "panic!(", "unreachable!(", "unwrap_unchecked"] {
            if code.contains(banned) {
                problems.push(format!("{n}: {banned}: {code}"));
            }
        }
        if code.contains(".expect(") {
            // The justification is in the comment lines just above the
            // statement the call belongs to.
            let justified = all[..n - 1]
                .iter()
                .rev()
                .take(4)
                .any(|l| l.trim_start().starts_with("// ok:"));
            if !justified {
                problems.push(format!("{n}: expect without an `// ok:` comment: {code}"));
            }
        }
    }
    problems
}

/// The module a path below `crate::` names: the longest prefix in
/// [`LAYERS`]. A path to a re-export at the crate root (`crate::Mode`)
/// names `lib`.
fn module_of(path: &str) -> &'static str {
    let parts: Vec<&str> = path.split("::").collect();
    for n in (1..=parts.len()).rev() {
        let prefix = parts[..n].join("::");
        if let Some(m) = LAYERS.iter().find(|m| **m == prefix) {
            return m;
        }
    }
    "lib"
}

fn rank(module: &str) -> usize {
    LAYERS
        .iter()
        .position(|m| *m == module)
        .unwrap_or_else(|| panic!("module {module} is not in LAYERS"))
}

/// The uses of higher modules in the code of `module`. Paths start at
/// `crate::`; a `use crate::a::{b, c::d}` group names each of its items;
/// `super::` is refused outside tests (write the path from `crate::`).
fn upward_uses(module: &str, text: &str) -> Vec<String> {
    let own = rank(module);
    let mut problems = Vec::new();
    let code = code_lines(text);
    let mut k = 0;
    while k < code.len() {
        let (n, first) = code[k];
        // A `use` statement may run over several lines: read it whole.
        let mut statement = first.to_string();
        if first.trim_start().starts_with("use ") {
            while !statement.contains(';') && k + 1 < code.len() {
                k += 1;
                statement.push_str(code[k].1);
            }
        }
        k += 1;
        if statement.contains("super::") {
            problems.push(format!("{n}: {module} uses super::: {}", first.trim()));
        }
        let mut rest = statement.as_str();
        while let Some(at) = rest.find("crate::") {
            rest = &rest[at + "crate::".len()..];
            for path in paths(rest) {
                let target = module_of(&path);
                if rank(target) > own {
                    problems.push(format!("{n}: {module} uses {target}: {}", first.trim()));
                }
            }
        }
    }
    problems
}

/// The paths a `crate::` reference names, from the text after `crate::`:
/// one path, or one per item of a `{…}` group.
fn paths(rest: &str) -> Vec<String> {
    let head: String = rest
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == ':')
        .collect();
    let prefix = head.trim_end_matches(':').to_string();
    let Some(group) = rest[head.len()..].strip_prefix('{') else {
        return vec![prefix];
    };
    // The group's items, split at its top-level commas.
    let mut items = Vec::new();
    let (mut depth, mut item) = (0, String::new());
    for c in group.chars() {
        match c {
            '{' => depth += 1,
            '}' if depth == 0 => break,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                items.push(std::mem::take(&mut item));
                continue;
            }
            _ => {}
        }
        item.push(c);
    }
    items.push(item);
    items
        .iter()
        .map(|item| {
            let name: String = item
                .trim()
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == ':')
                .collect();
            name.trim_end_matches(':').to_string()
        })
        .filter(|name| !name.is_empty() && name != "self")
        .map(|name| match prefix.as_str() {
            "" => name,
            p => format!("{p}::{name}"),
        })
        .collect()
}

/// The library's source files and their module names.
fn library_files() -> Vec<(String, PathBuf)> {
    fn walk(dir: &Path, files: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                if path.file_name().unwrap() != "bin" {
                    walk(&path, files);
                }
            } else if path.extension().is_some_and(|x| x == "rs") {
                files.push(path);
            }
        }
    }
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    walk(&src, &mut files);
    files.sort();
    files
        .into_iter()
        .map(|path| {
            let rel = path.strip_prefix(&src).unwrap().with_extension("");
            let mut parts: Vec<String> = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            if parts.last().is_some_and(|p| p == "mod") {
                parts.pop();
            }
            (parts.join("::"), path)
        })
        .collect()
}

#[test]
fn the_library_has_no_unwrap_and_every_expect_is_justified() {
    let files = library_files();
    assert!(files.len() >= 25, "{files:?}");
    let mut problems = Vec::new();
    for (_, path) in &files {
        let text = std::fs::read_to_string(path).unwrap();
        for p in panics(&text) {
            problems.push(format!("{}:{p}", path.display()));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn modules_use_only_the_layers_below_them() {
    let files = library_files();
    let mut problems = Vec::new();
    for (module, path) in &files {
        let text = std::fs::read_to_string(path).unwrap();
        for p in upward_uses(module, &text) {
            problems.push(format!("{}:{p}", path.display()));
        }
    }
    let listed: Vec<&str> = files.iter().map(|(m, _)| m.as_str()).collect();
    for m in LAYERS {
        assert!(listed.contains(m), "LAYERS names {m}, which has no file");
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn no_library_file_is_longer_than_the_limit_outside_its_tests() {
    for (_, path) in library_files() {
        let text = std::fs::read_to_string(&path).unwrap();
        let lines = code_lines(&text).len();
        assert!(
            lines <= MAX_LINES,
            "{}: {lines} lines of code outside its tests",
            path.display()
        );
    }
}

#[test]
fn the_checker_reads_past_a_test_only_statement() {
    // A `#[cfg(test)]` statement in the middle of a function must not hide
    // the code after it (it once hid the rest of the streaming module).
    let text = "fn f() {\n    #[cfg(test)]\n    COUNT.fetch_add(1, Relaxed);\n    let x = y.unwrap();\n}\n";
    assert_eq!(panics(text), ["4: .unwrap(): let x = y.unwrap();"]);
    // A test module is skipped to its closing brace, and no further.
    let text = "#[cfg(test)]\nmod tests {\n    fn t() {\n        a.unwrap();\n    }\n}\nfn g() {\n    panic!(\"no\");\n}\n";
    assert_eq!(panics(text), ["8: panic!(: panic!(\"no\");"]);
    let text = "    // ok: the builder's keys are sorted.\n    b.insert(k).expect(\"sorted\");\n    d();\n    e();\n    f();\n    c.expect(\"why\");\n";
    assert_eq!(
        panics(text),
        ["6: expect without an `// ok:` comment: c.expect(\"why\");"]
    );
}

#[test]
fn the_checker_skips_only_the_item_under_cfg_test() {
    let text = "#[cfg(test)] use std::fmt;\nlet a = b.unwrap();\n";
    assert_eq!(panics(text), ["2: .unwrap(): let a = b.unwrap();"]);
    let text =
        "struct S {\n    #[cfg(test)]\n    field: u8,\n    other: u8,\n}\nfn f() { x.unwrap() }\n";
    assert_eq!(panics(text), ["6: .unwrap(): fn f() { x.unwrap() }"]);
    let text =
        "#[cfg(test)]\nfn t() {\n    let c = '{';\n    a.unwrap();\n}\nfn g() { y.unwrap() }\n";
    assert_eq!(panics(text), ["6: .unwrap(): fn g() { y.unwrap() }"]);
    // A Unicode escape's braces are not the block's.
    let text = "#[cfg(test)]\nmod t {\n    fn u() {\n        let c = '\\u{e9}';\n    }\n    fn v() { a.unwrap(); }\n}\n";
    assert!(panics(text).is_empty(), "{:?}", panics(text));
}

#[test]
fn the_checker_finds_uses_that_run_up() {
    let text = "use crate::engine::edit::Decision;\nuse crate::text::words;\n";
    assert_eq!(
        upward_uses("scan", text),
        ["1: scan uses engine::edit: use crate::engine::edit::Decision;"]
    );
    assert!(upward_uses("engine::window", text).is_empty());
    assert_eq!(
        upward_uses("stream::utf8", "x: crate::EditKind,\n").len(),
        1
    );
    assert_eq!(module_of("dict::table::Value"), "dict::table");
    assert_eq!(module_of("text"), "text");
}
