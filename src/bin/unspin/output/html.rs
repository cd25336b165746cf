//! `--html`: a self-contained HTML report of the repaired documents.
//!
//! One page, no external resources: inline CSS, and a little inline
//! JavaScript for toggling the spun wording. For each document it shows a
//! summary (name, verdict, probability and why, edits by tier, words) and
//! the repaired
//! text, in which every edit is a `<mark class="edit">` holding the
//! replacement. The spun wording is in the mark's `title` (shown on hover)
//! and in `data-spun`, which CSS shows inline, struck through, when the
//! mark is clicked or activated from the keyboard. Because that inline
//! view is generated content, the article's text content stays exactly the
//! repaired text.

use std::fmt::Write;

use std::ops::Range;

use unspin::{Edit, EditKind, Tier, Verdict};

use crate::document::Document;
use crate::output::count::{count, reasons, signal_counts, thousands};

/// Renders the report for `docs`, in order.
pub fn render(docs: &[Document]) -> String {
    let mut html = String::with_capacity(
        8192 + docs
            .iter()
            .map(|d| d.repaired.len() * 2 + d.edits.len() * 200)
            .sum::<usize>(),
    );
    let total_edits: usize = docs.iter().map(|d| d.edits.len()).sum();
    html.push_str(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>unspin report</title>\n<style>\n",
    );
    html.push_str(STYLE);
    html.push_str("</style>\n</head>\n<body>\n<header class=\"page\">\n<h1>unspin report</h1>\n");
    let _ = writeln!(
        html,
        "<p class=\"overview\">{}, {}.</p>",
        count(docs.len(), "document", "documents"),
        count(total_edits, "edit", "edits"),
    );
    html.push_str(LEGEND);
    if docs.len() > 1 {
        html.push_str("<nav><ol>\n");
        for (i, doc) in docs.iter().enumerate() {
            let _ = writeln!(
                html,
                "<li><a href=\"#doc-{}\">{}</a> <span class=\"verdict\" data-verdict=\"{}\">{}</span></li>",
                i + 1,
                escape(&doc.name),
                doc.assessment().verdict(),
                doc.assessment().verdict()
            );
        }
        html.push_str("</ol></nav>\n");
    }
    html.push_str("</header>\n<main>\n");
    for (i, doc) in docs.iter().enumerate() {
        document(&mut html, i + 1, doc);
    }
    if docs.is_empty() {
        html.push_str("<p class=\"empty\">No documents were processed.</p>\n");
    }
    html.push_str("</main>\n<script>\n");
    html.push_str(SCRIPT);
    html.push_str("</script>\n</body>\n</html>\n");
    html
}

/// One document: its summary and its repaired text.
fn document(html: &mut String, number: usize, doc: &Document) {
    let s = &doc.assessment().score();
    let edits_of = |tier: Tier, kind: EditKind| {
        doc.edits
            .iter()
            .filter(|e| e.tier == tier && e.kind == kind)
            .count()
    };
    let fix = edits_of(Tier::Fix, EditKind::Phrase);
    let context = edits_of(Tier::Context, EditKind::Phrase);
    let articles = doc
        .edits
        .iter()
        .filter(|e| e.kind == EditKind::Article)
        .count();
    let _ = writeln!(
        html,
        "<section class=\"document\" id=\"doc-{number}\" data-edits=\"{}\">",
        doc.edits.len()
    );
    let _ = writeln!(
        html,
        "<h2 class=\"name\" id=\"name-{number}\">{}</h2>",
        escape(&doc.name)
    );
    html.push_str("<dl class=\"summary\">\n");
    let verdict = s.verdict();
    let _ = writeln!(
        html,
        "<div><dt>Verdict</dt><dd><span class=\"verdict\" data-verdict=\"{verdict}\">{verdict}</span></dd></div>"
    );
    let _ = writeln!(
        html,
        "<div title=\"the probability that the text was spun; spun from {:.3}\"><dt>Probability</dt><dd>{:.3}<small>spun</small></dd></div>",
        1.0 / (1.0 + (-unspin::MODEL.spun_logit).exp()),
        s.probability()
    );
    let stats = [
        ("Edits", doc.edits.len(), "all edits", ""),
        (
            "Fix",
            fix,
            "fix-tier edits: phrases that practically never occur in clean English",
            "fix",
        ),
        (
            "Context",
            context,
            "context-tier edits: ordinary words repaired because the text is spun",
            "context",
        ),
        (
            "A/an",
            articles,
            "a/an changed to agree with a repair",
            "article",
        ),
        ("Words", doc.assessment().words(), "words in the input", ""),
    ];
    for (label, value, help, key) in stats {
        let _ = writeln!(
            html,
            "<div title=\"{help}\"{}><dt>{label}</dt><dd>{}</dd></div>",
            if key.is_empty() {
                String::new()
            } else {
                format!(" class=\"stat-{key}\"")
            },
            thousands(value)
        );
    }
    html.push_str("</dl>\n");
    let _ = writeln!(
        html,
        "<p class=\"detail\">Why: {} (added to the log-odds). Signals: {}.</p>",
        reasons(s),
        signal_counts(s),
    );
    let shaded = doc
        .assessment()
        .paragraphs
        .iter()
        .filter(|p| p.verdict == Verdict::Spun)
        .count();
    if shaded > 0 {
        let _ = writeln!(
            html,
            "<p class=\"detail\">{} of {} shaded as spun.</p>",
            count(shaded, "paragraph", "paragraphs"),
            thousands(doc.assessment().paragraphs.len())
        );
    }
    if !doc.edits.is_empty() {
        let _ = writeln!(
            html,
            "<p class=\"tools\"><button type=\"button\" class=\"show-all\" aria-pressed=\"false\" data-target=\"text-{number}\">Show all spun wording</button></p>"
        );
    }
    let _ = write!(
        html,
        "<article class=\"text\" id=\"text-{number}\" aria-labelledby=\"name-{number}\">"
    );
    article(html, doc);
    html.push_str("</article>\n</section>\n");
}

/// The repaired text with every edit marked. If the edits do not rebuild
/// the repaired text exactly (they always should), the text is shown
/// unmarked rather than wrong.
fn article(html: &mut String, doc: &Document) {
    let shades: Vec<(Range<usize>, Verdict)> = doc
        .assessment()
        .paragraphs
        .iter()
        .filter(|p| p.verdict != Verdict::Clean)
        .map(|p| (p.span.clone(), p.verdict))
        .collect();
    match marked(&doc.text, &doc.edits, &shades) {
        Some((marked, plain)) if plain == doc.repaired => html.push_str(&marked),
        _ => push_text(html, &doc.repaired),
    }
}

/// Applies `edits` to `text`, returning the marked-up HTML and the plain
/// repaired text, or `None` when the edits are out of order, overlap or
/// fall outside the text. Each paragraph of `shades` is wrapped in a span
/// with its verdict; a paragraph boundary inside an edit moves to the
/// edit's end.
fn marked(
    text: &str,
    edits: &[Edit],
    shades: &[(Range<usize>, Verdict)],
) -> Option<(String, String)> {
    // Span tags by offset, a closing tag before an opening one.
    let mut tags: Vec<(usize, bool, String)> = Vec::new();
    for (span, verdict) in shades {
        let open = format!("<span class=\"paragraph\" data-verdict=\"{verdict}\">");
        tags.push((span.start, true, open));
        tags.push((span.end, false, "</span>".to_string()));
    }
    tags.sort_by_key(|(at, open, _)| (*at, *open));
    let mut tags = tags.into_iter().peekable();
    let mut html = String::with_capacity(text.len() * 2);
    let mut plain = String::with_capacity(text.len());
    let mut done = 0;
    let mut text_until = |html: &mut String, plain: &mut String, done: &mut usize, to: usize| {
        while let Some((at, _, tag)) = tags.next_if(|(at, _, _)| *at <= to) {
            let piece = text.get(*done..at.max(*done))?;
            push_text(html, piece);
            plain.push_str(piece);
            html.push_str(&tag);
            *done = at.max(*done);
        }
        let piece = text.get(*done..to)?;
        push_text(html, piece);
        plain.push_str(piece);
        *done = to;
        Some(())
    };
    for edit in edits {
        if edit.span.start < done {
            return None;
        }
        text_until(&mut html, &mut plain, &mut done, edit.span.start)?;
        text.get(edit.span.clone())?;
        mark(&mut html, edit);
        plain.push_str(&edit.replacement);
        done = edit.span.end;
    }
    text_until(&mut html, &mut plain, &mut done, text.len())?;
    Some((html, plain))
}

/// One edit as a focusable, clickable mark.
fn mark(html: &mut String, edit: &Edit) {
    let kind = match edit.kind {
        EditKind::Article => "article",
        _ => "phrase",
    };
    let why = match edit.kind {
        EditKind::Article => format!("a/an agreement with the next repair, {}", edit.location),
        _ => format!("{} tier, {}", edit.tier, edit.location),
    };
    let title = format!("spun: {}\n{why}", edit.spun);
    let _ = write!(
        html,
        "<mark class=\"edit\" data-tier=\"{}\" data-kind=\"{kind}\" data-spun=\"{}\" title=\"{}\" tabindex=\"0\" role=\"button\" aria-expanded=\"false\">",
        edit.tier,
        escape(&edit.spun),
        escape(&title)
    );
    push_text(html, &edit.replacement);
    html.push_str("</mark>");
}

/// Appends `text` escaped as HTML text. Carriage returns are written as
/// character references, which the parser keeps (a literal CR LF would be
/// read as LF), so the page's text is the repaired text byte for byte.
fn push_text(html: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => html.push_str("&amp;"),
            '<' => html.push_str("&lt;"),
            '>' => html.push_str("&gt;"),
            '"' => html.push_str("&quot;"),
            '\'' => html.push_str("&#39;"),
            '\r' => html.push_str("&#13;"),
            // The parser drops a literal NUL from text.
            '\0' => html.push('\u{FFFD}'),
            c => html.push(c),
        }
    }
}

/// `text` escaped for HTML text and quoted attribute values.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    push_text(&mut out, text);
    out
}

const LEGEND: &str = "<ul class=\"legend\">\n\
<li><mark class=\"edit sample\" data-tier=\"fix\" data-kind=\"phrase\">fix</mark> a phrase that practically never occurs in clean English</li>\n\
<li><mark class=\"edit sample\" data-tier=\"context\" data-kind=\"phrase\">context</mark> an ordinary word, repaired because the text is spun</li>\n\
<li><mark class=\"edit sample\" data-tier=\"fix\" data-kind=\"article\">a/an</mark> an article changed to agree with a repair</li>\n\
<li><span class=\"paragraph\" data-verdict=\"spun\">shaded</span> a paragraph judged spun</li>\n\
</ul>\n\
<p class=\"hint\">Hover over a repair to see the spun wording; click it, or press Enter on it, to show the spun wording in the text.</p>\n";

const STYLE: &str = r#":root {
  color-scheme: light;
  --ink: #1f2328;
  --muted: #59636e;
  --rule: #d8dee4;
  --paper: #ffffff;
  --page: #f6f8fa;
  --fix-bg: #fff1a8;
  --fix-line: #c99a00;
  --context-bg: #dbeafe;
  --context-line: #3b6fd1;
  --article-bg: #dcf5dc;
  --article-line: #2f8a3c;
  --spun: #9a1b1b;
}
* { box-sizing: border-box; }
body {
  margin: 0;
  background: var(--page);
  color: var(--ink);
  font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
}
header.page, main { max-width: 52rem; margin: 0 auto; padding: 0 1.25rem; }
header.page { padding-top: 1.5rem; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
.overview { margin: 0 0 .75rem; color: var(--muted); }
.legend { list-style: none; display: flex; flex-wrap: wrap; gap: .25rem 1.5rem; padding: 0; margin: 0 0 .5rem; font-size: .9rem; color: var(--muted); }
.legend .edit { cursor: default; margin-right: .35rem; color: var(--ink); }
.hint { font-size: .9rem; color: var(--muted); margin: 0 0 1rem; }
nav ol { margin: 0 0 1rem; padding-left: 1.5rem; }
nav li { margin: .15rem 0; }
section.document {
  background: var(--paper);
  border: 1px solid var(--rule);
  border-radius: 8px;
  padding: 1.25rem 1.5rem 1.5rem;
  margin: 0 0 1.5rem;
}
h2.name { font-size: 1.2rem; margin: 0 0 .75rem; overflow-wrap: anywhere; font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
dl.summary {
  display: grid;
  grid-template-columns: repeat(auto-fit, minmax(5.6rem, 1fr));
  gap: .4rem;
  margin: 0 0 .5rem;
}
dl.summary > div { border: 1px solid var(--rule); border-radius: 6px; padding: .4rem .6rem; }
dl.summary dt { font-size: .75rem; text-transform: uppercase; letter-spacing: .02em; white-space: nowrap; color: var(--muted); }
dl.summary dd { margin: 0; font-size: 1.35rem; font-weight: 600; font-variant-numeric: tabular-nums; }
dl.summary dd small { display: block; font-size: .75rem; font-weight: 400; color: var(--muted); }
dl.summary .stat-fix { border-left: 4px solid var(--fix-line); }
dl.summary .stat-context { border-left: 4px solid var(--context-line); }
dl.summary .stat-article { border-left: 4px solid var(--article-line); }
.verdict { display: inline-block; padding: 0 .5rem; border-radius: 999px; font-size: 1rem; font-weight: 600; color: #fff; background: #6e7781; }
.verdict[data-verdict="spun"] { background: #b42318; }
.verdict[data-verdict="suspicious"] { background: #b54708; }
.verdict[data-verdict="clean"] { background: #1a7f37; }
.detail { font-size: .85rem; color: var(--muted); margin: 0 0 .75rem; }
.tools { margin: 0 0 .75rem; }
button.show-all {
  font: inherit; font-size: .85rem; padding: .25rem .7rem; cursor: pointer;
  border: 1px solid var(--rule); border-radius: 6px; background: var(--page); color: var(--ink);
}
button.show-all[aria-pressed="true"] { background: #fde8e8; border-color: var(--spun); }
article.text {
  white-space: pre-wrap;
  overflow-wrap: break-word;
  font-family: Georgia, "Iowan Old Style", "Times New Roman", serif;
  font-size: 1.1rem;
  line-height: 1.7;
  border-top: 1px solid var(--rule);
  padding-top: 1rem;
}
mark.edit {
  color: inherit;
  border-radius: 3px;
  padding: 0 .1em;
  cursor: pointer;
  background: var(--fix-bg);
  box-shadow: inset 0 -2px 0 var(--fix-line);
}
mark.edit[data-tier="context"] {
  background: var(--context-bg);
  box-shadow: none;
  border-bottom: 2px dashed var(--context-line);
}
mark.edit[data-kind="article"] {
  background: var(--article-bg);
  box-shadow: inset 0 -2px 0 var(--article-line);
}
mark.edit:hover { filter: brightness(.95); }
.paragraph[data-verdict="spun"] { background: #fdecea; box-shadow: -.5rem 0 0 #fdecea, .5rem 0 0 #fdecea; }
.paragraph[data-verdict="suspicious"] { background: #fff4e5; box-shadow: -.5rem 0 0 #fff4e5, .5rem 0 0 #fff4e5; }
mark.edit:focus-visible { outline: 2px solid var(--ink); outline-offset: 1px; }
mark.edit:empty::after { content: "\2205"; color: var(--muted); }
mark.edit.open::before, article.show-all mark.edit::before {
  content: attr(data-spun);
  color: var(--spun);
  text-decoration: line-through;
  font-style: italic;
  margin-right: .3em;
}
@media print {
  body { background: #fff; }
  section.document { border: 0; padding: 0; }
  .tools { display: none; }
}
"#;

const SCRIPT: &str = r#"(function () {
  "use strict";
  function toggle(mark) {
    var open = mark.classList.toggle("open");
    mark.setAttribute("aria-expanded", open ? "true" : "false");
  }
  var marks = document.querySelectorAll("article.text mark.edit");
  Array.prototype.forEach.call(marks, function (mark) {
    mark.addEventListener("click", function () { toggle(mark); });
    mark.addEventListener("keydown", function (event) {
      if (event.key === "Enter" || event.key === " ") {
        event.preventDefault();
        toggle(mark);
      }
    });
  });
  Array.prototype.forEach.call(document.querySelectorAll("button.show-all"), function (button) {
    button.addEventListener("click", function () {
      var article = document.getElementById(button.getAttribute("data-target"));
      var on = article.classList.toggle("show-all");
      button.setAttribute("aria-pressed", on ? "true" : "false");
      button.textContent = on ? "Hide spun wording" : "Show all spun wording";
    });
  });
  // What the browser made of the page, for checks of the report itself.
  document.body.setAttribute("data-edit-count", String(marks.length));
  Array.prototype.forEach.call(document.querySelectorAll("article.text"), function (article) {
    article.setAttribute("data-text-length", String(article.textContent.length));
  });
})();
"#;

#[cfg(test)]
mod tests {
    use super::*;
    use unspin::Unspinner;

    fn doc(text: &str) -> Document {
        let unspinner = Unspinner::builder()
            .mode(unspin::Mode::Aggressive)
            .build()
            .unwrap();
        Document::new(&unspinner, "in<put>&\"'.txt".into(), text.into())
    }

    /// The article element's content, tags removed and entities decoded.
    fn article_text(html: &str) -> String {
        let start = html.find("<article").unwrap();
        let start = start + html[start..].find('>').unwrap() + 1;
        let end = start + html[start..].find("</article>").unwrap();
        let mut text = String::new();
        let mut in_tag = false;
        for c in html[start..end].chars() {
            match c {
                '<' => in_tag = true,
                '>' => in_tag = false,
                c if !in_tag => text.push(c),
                _ => {}
            }
        }
        text.replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&#39;", "'")
            .replace("&#13;", "\r")
            .replace("&amp;", "&")
    }

    #[test]
    fn escapes_text_and_attributes() {
        assert_eq!(
            escape("<script>alert('x') & \"y\"</script>\r\n"),
            "&lt;script&gt;alert(&#39;x&#39;) &amp; &quot;y&quot;&lt;/script&gt;&#13;\n"
        );
        assert_eq!(escape("plain text"), "plain text");
    }

    #[test]
    fn input_cannot_inject_markup() {
        let text =
            "<script>alert(1)</script> The Associated Push said <img src=x onerror=\"alert(2)\">\n";
        let d = doc(text);
        assert!(!d.edits.is_empty());
        let html = render(std::slice::from_ref(&d));
        assert!(!html.contains("<script>alert"));
        assert!(!html.contains("<img"));
        assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assert!(html.contains("in&lt;put&gt;&amp;&quot;&#39;.txt"));
        // Only the report's own script element.
        assert_eq!(html.matches("<script").count(), 1);
    }

    #[test]
    fn spun_text_in_attributes_is_escaped() {
        let d = doc("The Associated Push said so.\n");
        let mut edit = d.edits[0].clone();
        edit.spun = "x\" onmouseover=\"alert(1)".into();
        let mut html = String::new();
        mark(&mut html, &edit);
        assert!(!html.contains("\" onmouseover"));
        assert!(html.contains("data-spun=\"x&quot; onmouseover=&quot;alert(1)\""));
    }

    #[test]
    fn marks_every_edit_and_keeps_the_repaired_text() {
        let text = "Regulation enforcement officers came.\r\n\r\nTabalov claimed it was an job interview with The Associated Push.\nIt had an absolute dermoscopic score.\n";
        let d = doc(text);
        let html = render(std::slice::from_ref(&d));
        assert_eq!(html.matches("<mark class=\"edit\"").count(), d.edits.len());
        assert_eq!(article_text(&html), d.repaired);
        assert!(html.contains("data-tier=\"context\""));
        assert!(html.contains("data-tier=\"fix\""));
        assert!(html
            .contains("data-kind=\"article\" data-spun=\"an\" title=\"spun: an\na/an agreement"));
        assert!(
            html.contains(">Total dermoscopy score</mark>")
                || html.contains(">total dermoscopy score</mark>")
        );
        assert!(html.contains("title=\"spun: Associated Push\nfix tier, dictionaries/news.tsv:"));
        assert!(html.contains("data-spun=\"Regulation enforcement\""));
    }

    #[test]
    fn structure() {
        let docs = [doc("Planet War II\n"), doc("nothing spun here\n")];
        let html = render(&docs);
        assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"));
        assert!(html.ends_with("</html>\n"));
        assert_eq!(html.matches("<section class=\"document\"").count(), 2);
        assert_eq!(html.matches("<article class=\"text\"").count(), 2);
        assert!(html.contains("<a href=\"#doc-2\">"));
        assert!(html.contains("<span class=\"verdict\" data-verdict=\"clean\">clean</span>"));
        assert!(html.contains("<p class=\"overview\">2 documents, 1 edit.</p>"));
        // Self-contained: nothing is fetched.
        for external in ["src=", "href=\"http", "<link", "@import", "url("] {
            assert!(!html.contains(external), "{external}");
        }
        assert!(render(&[]).contains("No documents were processed."));
    }

    #[test]
    fn falls_back_to_plain_text_when_edits_do_not_fit() {
        let mut d = doc("The Associated Push said so.\n");
        d.edits[0].span = 100..120;
        let html = render(std::slice::from_ref(&d));
        assert_eq!(html.matches("<mark class=\"edit\"").count(), 0);
        assert_eq!(article_text(&html), d.repaired);
    }

    #[test]
    fn thousands_separators() {
        assert_eq!(thousands(1234567), "1,234,567");
    }
}
