//! What a paragraph is.
//!
//! In text with blank lines (lines of nothing but whitespace), a paragraph
//! is a block of lines between them. In text without any, each line is a
//! paragraph: web text and news copy often put one paragraph on a line.
//! A paragraph's span leaves out the whitespace around it; empty
//! paragraphs are not listed.
//!
//! ```text
//! One paragraph,            │  First paragraph.
//! wrapped.                  │  Second paragraph.
//!                           │
//! Another one.              │
//! (2 paragraphs)            │  (2 paragraphs: no blank line, one per line)
//! ```

use std::ops::Range;

/// The paragraphs of `text`, in order.
pub(crate) fn paragraphs(text: &str) -> Vec<Range<usize>> {
    let lines: Vec<Range<usize>> = line_spans(text).collect();
    let blank = |line: &Range<usize>| text[line.clone()].trim().is_empty();
    let by_block = lines.iter().any(blank);
    let mut out = Vec::new();
    let mut current: Option<Range<usize>> = None;
    for line in &lines {
        if blank(line) {
            out.extend(current.take());
            continue;
        }
        if !by_block {
            out.push(line.clone());
            continue;
        }
        current = Some(match current {
            Some(block) => block.start..line.end,
            None => line.clone(),
        });
    }
    out.extend(current);
    out.into_iter()
        .map(|span| {
            let part = &text[span.clone()];
            let start = span.start + (part.len() - part.trim_start().len());
            start..span.start + part.trim_end().len()
        })
        .collect()
}

/// The spans of the lines of `text`, without their line breaks.
fn line_spans(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let mut start = 0;
    text.split_inclusive('\n').map(move |line| {
        let span = start..start + line.trim_end_matches(['\n', '\r']).len();
        start += line.len();
        span
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<&str> {
        paragraphs(text).into_iter().map(|p| &text[p]).collect()
    }

    #[test]
    fn blocks_between_blank_lines_or_else_lines() {
        assert_eq!(
            texts("One paragraph,\nwrapped.\n\n  \nAnother one.\n"),
            ["One paragraph,\nwrapped.", "Another one."]
        );
        assert_eq!(
            texts("First paragraph.\r\nSecond paragraph.\r\n"),
            ["First paragraph.", "Second paragraph."]
        );
        assert_eq!(texts("  just one  "), ["just one"]);
        assert!(texts("").is_empty());
        assert!(texts("\n \n\t\n").is_empty());
    }
}
