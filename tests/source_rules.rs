//! Rules about the library's own source that keep its error promises.
//!
//! The library must not panic on anything a user can pass it: no
//! `unwrap`, no `panic!` or `unreachable!`, and an `expect` only where the
//! value cannot depend on input, with a `// ok:` comment just above saying
//! why. Test modules (from the first `#[cfg(test)]` of a file on) and doc
//! examples are exempt.

use std::path::Path;

#[test]
fn the_library_has_no_unwrap_and_every_expect_is_justified() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files: Vec<_> = std::fs::read_dir(&src)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "rs"))
        .collect();
    files.sort();
    assert!(files.len() >= 10, "{files:?}");
    let mut problems = Vec::new();
    for path in &files {
        let text = std::fs::read_to_string(path).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        for (i, line) in lines.iter().enumerate() {
            let code = line.trim_start();
            if code.starts_with("#[cfg(test)]") {
                break;
            }
            if code.starts_with("//") {
                continue;
            }
            let name = path.file_name().unwrap().to_string_lossy();
            for banned in [".unwrap()", "panic!(", "unreachable!(", "unwrap_unchecked"] {
                if code.contains(banned) {
                    problems.push(format!("src/{name}:{}: {banned}: {code}", i + 1));
                }
            }
            if code.contains(".expect(") {
                // The justification is in the comment lines just above the
                // statement the call belongs to.
                let justified = lines[..i]
                    .iter()
                    .rev()
                    .take(4)
                    .any(|l| l.trim_start().starts_with("// ok:"));
                if !justified {
                    problems.push(format!(
                        "src/{name}:{}: expect without an `// ok:` comment: {code}",
                        i + 1
                    ));
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
