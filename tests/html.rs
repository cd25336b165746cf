//! `--html`: the report, as a real browser parses and runs it.
//!
//! The browser tests render the report with headless Chromium
//! (`--dump-dom`, which prints the DOM after the page's scripts ran) and
//! read the result. They need Chromium, so they are ignored unless asked
//! for (`cargo test -- --ignored`, as CI does).

mod common;
mod needs;

use common::{unspin, Scratch};

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn text(bytes: &[u8]) -> &str {
    std::str::from_utf8(bytes).unwrap()
}

/// The DOM of `page` after Chromium loaded it and ran its scripts.
fn dump_dom(browser: &Path, page: &Path, scratch: &Scratch) -> String {
    let profile = scratch.path("chromium-profile");
    std::fs::create_dir_all(&profile).unwrap();
    let page = std::fs::canonicalize(page).unwrap();
    let mut child = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg("--dump-dom")
        .arg(format!("file://{}", page.display()))
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("chromium starts");
    // Read stdout on a thread so a large DOM cannot fill the pipe while we
    // wait with a deadline.
    let mut stdout = child.stdout.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut dom = String::new();
        std::io::Read::read_to_string(&mut stdout, &mut dom).unwrap();
        dom
    });
    let deadline = Instant::now() + Duration::from_secs(120);
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("chromium did not finish within 120 s");
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let dom = reader.join().unwrap();
    assert!(status.success(), "chromium failed: {status}");
    assert!(dom.contains("<body"), "no DOM from chromium: {dom:?}");
    dom
}

/// The value of `name` on the first start tag that begins with `tag`.
fn attribute<'a>(dom: &'a str, tag: &str, name: &str) -> Option<&'a str> {
    let start = dom.find(tag)?;
    let end = start + dom[start..].find('>')?;
    let element = &dom[start..end];
    let key = format!(" {name}=\"");
    let at = element.find(&key)? + key.len();
    let len = element[at..].find('"')?;
    Some(&element[at..at + len])
}

/// Decodes the character references Chromium writes when it serializes
/// text and attributes.
fn decode(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let semi = rest.find(';').expect("a terminated character reference");
        let entity = &rest[1..semi];
        let c = match entity {
            "amp" => '&',
            "lt" => '<',
            "gt" => '>',
            "quot" => '"',
            "nbsp" => '\u{a0}',
            _ if entity.starts_with("#x") => {
                char::from_u32(u32::from_str_radix(&entity[2..], 16).unwrap()).unwrap()
            }
            _ if entity.starts_with('#') => char::from_u32(entity[1..].parse().unwrap()).unwrap(),
            _ => panic!("unexpected entity &{entity};"),
        };
        out.push(c);
        rest = &rest[semi + 1..];
    }
    out.push_str(rest);
    out
}

/// One `<article class="text">` of the dumped DOM: its text content and
/// the edit marks in it.
struct Article {
    text: String,
    marks: usize,
    /// Paragraphs shaded with their verdict.
    shaded: usize,
    /// `textContent.length` as the page's script measured it.
    script_length: usize,
}

fn articles(dom: &str) -> Vec<Article> {
    let mut found = Vec::new();
    let mut rest = dom;
    while let Some(start) = rest.find("<article class=\"text\"") {
        let tag = &rest[start..];
        let script_length = attribute(tag, "<article", "data-text-length")
            .expect("the page's script ran")
            .parse()
            .unwrap();
        let open = start + rest[start..].find('>').unwrap() + 1;
        let close = open + rest[open..].find("</article>").unwrap();
        let inner = &rest[open..close];
        let mut content = String::new();
        let mut marks = 0;
        let mut shaded = 0;
        let mut in_tag = false;
        let mut tag_text = String::new();
        for c in inner.chars() {
            match c {
                '<' => {
                    in_tag = true;
                    tag_text.clear();
                }
                '>' if in_tag => {
                    in_tag = false;
                    if tag_text.starts_with("mark class=\"edit\"") {
                        marks += 1;
                    } else if tag_text.starts_with("span class=\"paragraph\" data-verdict=") {
                        shaded += 1;
                    } else {
                        assert!(
                            tag_text == "/mark" || tag_text == "/span",
                            "unexpected element in the article: <{tag_text}>"
                        );
                    }
                }
                c if in_tag => tag_text.push(c),
                c => content.push(c),
            }
        }
        found.push(Article {
            text: decode(&content),
            marks,
            shaded,
            script_length,
        });
        rest = &rest[close..];
    }
    found
}

/// Runs `unspin --html` on `input` and checks the rendered report against
/// the text and JSON output for the same input; returns the DOM.
fn check_report(browser: &Path, scratch: &Scratch, input: &str) -> String {
    let report = scratch.path("out.html");
    let html = unspin(&[input, "--html", report.to_str().unwrap()], b"");
    assert_eq!(html.status.code(), Some(0), "{}", text(&html.stderr));

    let repaired = unspin(&[input], b"");
    assert_eq!(repaired.status.code(), Some(0));
    // --html leaves the normal output alone.
    assert_eq!(html.stdout, repaired.stdout);
    let repaired = text(&repaired.stdout);

    let json = unspin(&["--format", "json", input], b"");
    assert_eq!(json.status.code(), Some(0));
    let json: serde_json::Value = serde_json::from_str(text(&json.stdout)).unwrap();
    let edits = json["edits"].as_array().unwrap().len();
    assert!(edits > 0);

    let dom = dump_dom(browser, &report, scratch);
    let found = articles(&dom);
    assert_eq!(found.len(), 1);
    let article = &found[0];
    assert_eq!(article.marks, edits);
    let shaded = json["paragraphs"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["verdict"] != "clean")
        .count();
    assert_eq!(article.shaded, shaded);
    assert_eq!(
        attribute(&dom, "<body", "data-edit-count"),
        Some(edits.to_string().as_str())
    );
    assert_eq!(article.text, repaired);
    assert_eq!(article.script_length, repaired.encode_utf16().count());
    dom
}

#[test]
#[ignore = "needs chromium"]
fn the_browser_renders_every_edit_and_the_repaired_text() {
    let browser = needs::chromium();
    let scratch = Scratch::new("sample");
    let dom = check_report(&browser, &scratch, "samples/spun-article.txt");
    assert!(dom.contains(">samples/spun-article.txt</h2>"));
    assert!(dom.contains("data-verdict=\"spun\">spun</span>"));
    assert!(dom.contains("data-tier=\"context\""));
    assert!(dom.contains("<span class=\"paragraph\" data-verdict=\"spun\">"));
    assert!(dom.contains("title=\"spun: Associated Push\nfix tier, dictionaries/news.tsv:"));
}

#[test]
#[ignore = "needs chromium"]
fn input_cannot_inject_markup_or_script() {
    let browser = needs::chromium();
    let scratch = Scratch::new("inject");
    let input = scratch.path("x<img src=x onerror=alert(1)>.txt");
    std::fs::write(
        &input,
        "<script>document.body.setAttribute('data-pwned', 'script')</script>\r\n\
         The Associated Push said <img src=x onerror=\"document.body.setAttribute('data-pwned', 'img')\"> &amp; &lt;b&gt;\r\n\
         Regulation enforcement \"officers\" </article><b>bold</b> <!-- comment --> ]]>\n",
    )
    .unwrap();
    let dom = check_report(&browser, &scratch, input.to_str().unwrap());
    assert_eq!(
        attribute(&dom, "<body", "data-pwned"),
        None,
        "input ran as script"
    );
    assert!(!dom.contains("data-pwned=\""), "input ran as script");
    assert!(!dom.contains("<img"));
    assert!(!dom.contains("<b>"));
    assert_eq!(
        dom.matches("<script").count(),
        1,
        "only the report's script"
    );
    // The file name is shown as text.
    let open = "<h2 class=\"name\" id=\"name-1\">";
    let start = dom.find(open).unwrap() + open.len();
    let end = start + dom[start..].find("</h2>").unwrap();
    assert_eq!(decode(&dom[start..end]), input.to_str().unwrap());
}

#[test]
fn html_works_with_other_modes_and_replaces_atomically() {
    let scratch = Scratch::new("modes");
    let report = scratch.path("report.html");
    std::fs::write(&report, "old").unwrap();
    let out = unspin(
        &[
            "--check",
            "samples/spun-article.txt",
            "--html",
            report.to_str().unwrap(),
        ],
        b"",
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stdout).starts_with("samples/spun-article.txt:1:"));
    let html = std::fs::read_to_string(&report).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains("samples/spun-article.txt"));
    // No temporary file is left behind.
    let names: Vec<_> = std::fs::read_dir(&scratch.0)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, ["report.html"]);
}

#[test]
fn an_unwritable_report_is_an_error() {
    let scratch = Scratch::new("unwritable");
    let report = scratch.path("missing-dir/report.html");
    let out = unspin(
        &[
            "samples/spun-article.txt",
            "--html",
            report.to_str().unwrap(),
        ],
        b"",
    );
    assert_eq!(out.status.code(), Some(2));
    // The text output is still written.
    assert!(!out.stdout.is_empty());
    let stderr = text(&out.stderr);
    assert!(
        stderr.starts_with(&format!("unspin: {}: ", report.display())),
        "{stderr}"
    );
}
