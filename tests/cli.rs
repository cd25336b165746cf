//! End-to-end tests of the `unspin` binary.

mod common;
mod needs;

use common::{stderr, stdout, unspin, Scratch};

use std::path::Path;

#[test]
fn repairs_stdin() {
    let cases = [
        (
            "now nearing its sixth thirty day period, said The Associated Push.\n",
            "now nearing its sixth month, said The Associated Press.\n",
        ),
        ("Planet War II\n", "World War II\n"),
        ("regulation enforcement\n", "law enforcement\n"),
        ("COUNTERFEIT CONSCIOUSNESS\n", "ARTIFICIAL INTELLIGENCE\n"),
        ("Counterfeit consciousness\n", "Artificial intelligence\n"),
        (
            "The Associated\nPush\u{2019}s reporter and regulation\u{a0}enforcement.\n",
            "The Associated Press\u{2019}s reporter and law enforcement.\n",
        ),
        (
            "He facial areas charges in three thirty day periods.\n",
            "He faces charges in three thirty day periods.\n",
        ),
        (
            "overregulation enforcement\n",
            "overregulation enforcement\n",
        ),
    ];
    for (input, want) in cases {
        let out = unspin(&[], input.as_bytes());
        assert!(out.status.success(), "{}", stderr(&out));
        assert_eq!(stdout(&out), want);
        let out = unspin(&["-"], input.as_bytes());
        assert_eq!(stdout(&out), want);
    }
}

#[test]
fn files_are_repaired_in_order_and_clean_ones_are_byte_identical() {
    let dir = Scratch::new("files");
    let clean = "He claimed the thirty-day period ended.\r\nNo\u{a0}change\u{2019}s here.";
    let a = dir.file("a.txt", clean.as_bytes());
    let b = dir.file("b.txt", b"Planet War II\n");
    let out = unspin(&[&a, &b], b"");
    assert!(out.status.success());
    assert_eq!(out.stdout, format!("{clean}World War II\n").as_bytes());
}

#[test]
fn missing_file_is_named_and_others_still_processed() {
    let dir = Scratch::new("missing");
    let b = dir.file("b.txt", b"Planet War II\n");
    let out = unspin(&["no-such-file.txt", &b], b"");
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(stdout(&out), "World War II\n");
    assert!(
        stderr(&out).starts_with("unspin: no-such-file.txt: cannot read: "),
        "{}",
        stderr(&out)
    );
}

#[test]
fn directories_are_searched_and_binary_files_skipped() {
    let dir = Scratch::new("dir");
    std::fs::create_dir_all(dir.0.join("sub")).unwrap();
    dir.file("b.txt", b"regulation enforcement\n");
    dir.file("sub/a.txt", b"Planet War II\n");
    dir.file("sub/image.bin", b"Planet\0War II\n");
    let out = unspin(&[dir.0.to_str().unwrap()], b"");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    // Sorted walk: b.txt, then sub/a.txt.
    assert_eq!(stdout(&out), "law enforcement\nWorld War II\n");
    assert!(
        stderr(&out).contains(&format!(
            "skipping {}: binary file",
            dir.0.join("sub/image.bin").display()
        )),
        "{}",
        stderr(&out)
    );
    // Named on the command line, the same file is an error, worded alike;
    // the others are still repaired.
    let image = dir.0.join("sub/image.bin");
    let text = dir.0.join("b.txt");
    let out = unspin(&[image.to_str().unwrap(), text.to_str().unwrap()], b"");
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(stdout(&out), "law enforcement\n");
    assert_eq!(
        stderr(&out),
        format!(
            "unspin: {}: binary file (a NUL byte in its first 8 KiB); not repaired\n",
            image.display()
        )
    );
}

#[test]
fn a_pipe_named_as_a_file_is_read_once() {
    // `/dev/stdin` fed by a pipe, as `<(cmd)` or a named pipe would be: it
    // cannot be read twice (once to check, once to repair), so it is
    // repaired as stdin is, on one thread or two.
    let text =
        "caf\u{e9} \u{201c}Planet War II\u{201d} and regulation enforcement.\n".repeat(4_000);
    let want = text
        .replace("Planet War II", "World War II")
        .replace("regulation enforcement", "law enforcement");
    for threads in ["1", "2"] {
        let out = unspin(&["--threads", threads, "/dev/stdin"], text.as_bytes());
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        assert!(stdout(&out) == want, "{threads} thread(s)");
    }
}

#[test]
fn non_utf8_input_reports_the_byte_offset_and_writes_nothing_for_it() {
    let dir = Scratch::new("utf8");
    let bad = dir.file("bad.txt", b"Planet War II\nok \xC3\x28 bad\n");
    let good = dir.file("good.txt", b"regulation enforcement\n");
    // One thread checks the file before repairing it; two check it beside
    // the repair and hold the output back until the check is done.
    for threads in ["1", "2"] {
        let out = unspin(&["--threads", threads, &bad, &good], b"");
        assert_eq!(out.status.code(), Some(2));
        assert_eq!(stdout(&out), "law enforcement\n");
        assert_eq!(
            stderr(&out),
            format!(
                "unspin: {bad}:2:4: not valid UTF-8 at byte offset 17 (0xC3); nothing written for this input (--lossy replaces invalid bytes)\n"
            )
        );
    }
    // A bad byte far into a file: none of the repair before it is written.
    let mut long = "Planet War II and regulation enforcement.\n"
        .repeat(30_000)
        .into_bytes();
    long.extend_from_slice(b"\xFF\n");
    let long = dir.file("long.txt", &long);
    for threads in ["1", "2"] {
        let out = unspin(&["--threads", threads, &long], b"");
        assert_eq!(out.status.code(), Some(2));
        assert!(out.stdout.is_empty(), "{threads} thread(s)");
        assert!(
            stderr(&out).starts_with(&format!("unspin: {long}:30001:1: not valid UTF-8")),
            "{}",
            stderr(&out)
        );
    }
    let out = unspin(&[], b"\xFFPlanet War II");
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    assert!(stderr(&out).starts_with("unspin: <stdin>:1:1: not valid UTF-8 at byte offset 0"));
}

#[test]
fn bad_dictionary_fails_with_file_and_line() {
    let dir = Scratch::new("dict");
    let dict = dir.file(
        "mine.tsv",
        b"# mine\nok\tfine\tfix\tme\nbad\tworse\tsometimes\tme\n",
    );
    let out = unspin(&["--dictionary", &dict], b"ok\n");
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    assert_eq!(
        stderr(&out),
        format!("unspin: {dict}:3: unknown tier \"sometimes\": expected `fix` or `context`\n")
    );
    let out = unspin(&["--dictionary", "absent.tsv"], b"ok\n");
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).starts_with("unspin: cannot read dictionary absent.tsv: "));
}

#[test]
fn user_dictionary_allow_and_no_builtin() {
    let dir = Scratch::new("user");
    let dict = dir.file("mine.tsv", b"glimmering hope\tglimmer of hope\tfix\tme\n");
    let out = unspin(
        &["-d", &dict, "--no-builtin"],
        b"a glimmering hope after Planet War II\n",
    );
    assert!(out.status.success());
    assert_eq!(stdout(&out), "a glimmer of hope after Planet War II\n");
    let out = unspin(
        &["--allow", "planet war ii"],
        b"Planet War II and regulation enforcement\n",
    );
    assert_eq!(stdout(&out), "Planet War II and law enforcement\n");
    assert_eq!(stderr(&out), "");
    // A dictionary phrase, allowed: no note, though the allowed phrase has
    // taken its entry's place.
    let out = unspin(
        &["--allow", "regulation enforcement"],
        b"regulation enforcement\n",
    );
    assert_eq!(stdout(&out), "regulation enforcement\n");
    assert_eq!(stderr(&out), "");
    // A phrase that protects a dictionary phrase inside it: no note.
    let out = unspin(
        &["--allow", "police officers", "--mode", "aggressive"],
        b"police officers\n",
    );
    assert_eq!(stdout(&out), "police officers\n");
    assert_eq!(stderr(&out), "");
    let allow = dir.file("allow.tsv", b"# ours\nplanet war ii\thouse style\n");
    let out = unspin(&["--allow-file", &allow], b"Planet War II\n");
    assert_eq!(stdout(&out), "Planet War II\n");
    let bad = dir.file("bad-allow.tsv", b"planet war ii\n");
    let out = unspin(&["--allow-file", &bad], b"x\n");
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("bad-allow.tsv:1: expected 2 or 3 tab-separated columns"),
        "{}",
        stderr(&out)
    );
    // Two allowed phrases, one inside the other, the inner one a
    // dictionary phrase: the outer one protects it.
    let out = unspin(
        &[
            "--allow",
            "regulation enforcement",
            "--allow",
            "the regulation enforcement office",
        ],
        b"x\n",
    );
    assert_eq!(stderr(&out), "");
    let out = unspin(&["--allow", "the regulation enforcement"], b"x\n");
    assert_eq!(stderr(&out), "");
    let out = unspin(&["--allow", "quite ordinary words"], b"x\n");
    assert_eq!(
        stderr(&out),
        "unspin: note: --allow \"quite ordinary words\" protects nothing: it neither is nor contains a dictionary phrase\n"
    );
    let out = unspin(&["--allow", "regulation enforcment"], b"x\n");
    assert!(out.status.success());
    assert!(
        stderr(&out).contains("did you mean \"regulation enforcement\""),
        "{}",
        stderr(&out)
    );
}

#[test]
fn score_flag_reports_the_verdict_on_stderr() {
    let out = unspin(&["--score", "samples/spun-article.txt"], b"");
    assert!(out.status.success());
    let err = stderr(&out);
    assert!(
        err.starts_with("samples/spun-article.txt: spun (p "),
        "{err}"
    );
    let out = unspin(&["--score", "tests/fixtures/clean-en.txt"], b"");
    assert!(stderr(&out).starts_with("tests/fixtures/clean-en.txt: clean (p "));
    let out = unspin(&["--score", "--mode", "conservative"], b"Planet War II\n");
    assert_eq!(stdout(&out), "World War II\n");
    assert!(
        stderr(&out).starts_with("<stdin>: suspicious (p "),
        "{}",
        stderr(&out)
    );
}

#[test]
fn aggressive_mode_applies_context_entries() {
    let out = unspin(&["--mode", "aggressive"], b"Tabalov claimed it.\n");
    assert_eq!(stdout(&out), "Tabalov said it.\n");
    let out = unspin(&[], b"Tabalov claimed it.\n");
    assert_eq!(stdout(&out), "Tabalov claimed it.\n");
}

#[test]
fn dump_dictionary_prints_every_entry() {
    let out = unspin(&["--dump-dictionary"], b"");
    assert!(out.status.success());
    let lines: Vec<&str> = stdout(&out).lines().collect();
    assert!(lines.len() >= 100, "{} entries", lines.len());
    for line in &lines {
        let fields: Vec<&str> = line.split('\t').collect();
        assert_eq!(fields.len(), 3, "{line:?}");
        assert!(fields[2] == "fix" || fields[2] == "context", "{line:?}");
    }
    assert!(lines.contains(&"regulation enforcement\tlaw enforcement\tfix"));
}

#[test]
fn readme_sample_is_repaired() {
    let out = unspin(&["samples/spun-article.txt"], b"");
    assert!(out.status.success(), "{}", stderr(&out));
    let original = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/spun-article.txt"),
    )
    .unwrap();
    assert_ne!(stdout(&out), original);
    assert_eq!(stdout(&out).lines().count(), original.lines().count());
}

/// Plain repair prints one summary line per input on stderr, after its
/// text, when stderr is a terminal; `-q` silences it, and a pipe never
/// gets it.
#[test]
#[ignore = "needs script(1) from util-linux, for a terminal"]
fn a_terminal_gets_a_summary_line_per_input() {
    let script = needs::script();
    let dir = Scratch::new("summary");
    let spun = dir.file(
        "spun.txt",
        b"Planet War II veterans met regulation enforcement.\n",
    );
    let one = dir.file("one.txt", b"They met regulation enforcement.\n");
    let clean = dir.file("clean.txt", b"Nothing to see.\n");
    let run = |extra: &str| {
        let command = format!(
            "{} {extra} {spun} {one} {clean} > /dev/null",
            env!("CARGO_BIN_EXE_unspin")
        );
        let out = std::process::Command::new(&script)
            .args(["-qec", &command, "/dev/null"])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap().replace('\r', "")
    };
    assert_eq!(
        run(""),
        format!(
            "unspin: {spun}: 2 repairs, verdict suspicious\n\
             unspin: {one}: 1 repair, verdict suspicious\n\
             unspin: {clean}: 0 repairs, verdict clean\n"
        )
    );
    assert_eq!(run("-q"), "");
    assert_eq!(run("--quiet"), "");
    // Without a terminal, nothing on stderr.
    let out = unspin(&[&spun], b"");
    assert_eq!(stderr(&out), "");
}

/// Every count of one takes the singular, in every output.
#[test]
fn a_count_of_one_takes_the_singular() {
    let dir = Scratch::new("singular");
    let file = dir.file("one.txt", b"regulation enforcement\n");
    let html = dir.path("one.html");
    let mut said = String::new();
    for args in [
        vec!["--explain", file.as_str()],
        vec!["--check", file.as_str()],
        vec!["--score", file.as_str()],
        vec!["--check", "--html", html.to_str().unwrap(), file.as_str()],
        vec!["--write", file.as_str()],
    ] {
        let out = unspin(&args, b"");
        said.push_str(stdout(&out));
        said.push_str(stderr(&out));
    }
    said.push_str(&std::fs::read_to_string(&html).unwrap());
    assert!(said.contains("1 edit"), "{said}");
    assert!(said.contains("(1 edit)"), "the --write note: {said}");
    let plural = [
        "edits",
        "entries",
        "matches",
        "slips",
        "words",
        "repairs",
        "documents",
    ];
    for noun in plural {
        for one in [
            format!(" 1 {noun}"),
            format!(">1 {noun}"),
            format!("(1 {noun}"),
        ] {
            assert!(!said.contains(&one), "{one:?} in:\n{said}");
        }
    }
}

/// A two-column user dictionary loads as `fix` entries; one that overrides
/// a bundled entry says so under `--explain`.
#[test]
fn user_dictionaries_of_two_columns_and_overrides() {
    let dir = Scratch::new("two-columns");
    let dict = dir.file(
        "mine.tsv",
        b"# my fixes\nglimmering hope\tglimmer of hope\nregulation enforcement\tpolicing\n",
    );
    let out = unspin(
        &["-d", &dict],
        b"a glimmering hope for regulation enforcement\n",
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout(&out), "a glimmer of hope for policing\n");
    assert_eq!(stderr(&out), "");
    let out = unspin(&["-d", &dict, "--explain"], b"regulation enforcement\n");
    assert!(
        stderr(&out).contains(&format!(
            "unspin: note: {dict}:3: \"regulation enforcement\" overrides the bundled entry at dictionaries/news.tsv:"
        )),
        "{}",
        stderr(&out)
    );
    assert!(
        stdout(&out).contains(&format!("policing (fix, {dict}:3)")),
        "{}",
        stdout(&out)
    );
}

/// The README's block that follows `marker`, as its lines.
fn readme_block(marker: &str) -> Vec<String> {
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let after = &readme[readme.find(marker).unwrap_or_else(|| panic!("{marker:?}"))..];
    let body = &after[after.find("```").unwrap()..];
    let body = &body[body.find('\n').unwrap() + 1..];
    let body = &body[..body.find("```").unwrap()];
    body.lines().map(str::to_string).collect()
}

/// The README shows `--explain` lines of the bundled sample: they are the
/// lines the binary prints today.
#[test]
fn readme_explain_example_is_what_the_binary_prints() {
    let out = unspin(&["--explain", "samples/spun-article.txt"], b"");
    assert!(out.status.success(), "{}", stderr(&out));
    let printed: Vec<&str> = stdout(&out).lines().collect();
    let shown = readme_block("`--check` and `--explain` print the same edit lines");
    assert_eq!(shown.len(), 2);
    for line in &shown {
        assert!(printed.contains(&line.as_str()), "README shows {line:?}");
    }
}

/// The README's JSON example, unwrapped, is made of pieces of the JSON the
/// binary prints for the bundled sample (`…` marks what it leaves out).
#[test]
fn readme_json_example_is_what_the_binary_prints() {
    let out = unspin(&["--format", "json", "samples/spun-article.txt"], b"");
    assert!(out.status.success(), "{}", stderr(&out));
    let shown: String = readme_block("**JSON schema**")
        .iter()
        .map(|line| line.trim_start())
        .collect();
    assert!(shown.starts_with("{\"path\":\"samples/spun-article.txt\""));
    for piece in shown.split(", …") {
        assert!(stdout(&out).contains(piece), "README shows {piece:?}");
    }
}
