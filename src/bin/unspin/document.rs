//! One input read whole, repaired and scored: what the report formats
//! are made from.

use std::cell::OnceCell;

use unspin::{Assessment, Edit, Unspinner};

/// An input after repair.
pub struct Document {
    pub name: String,
    pub text: String,
    pub repaired: String,
    pub edits: Vec<Edit>,
    /// Windows and paragraphs, with their verdicts: made on first use,
    /// since plain repair does not need them (assessing scans the text
    /// again and counts every paragraph's words).
    assessment: OnceCell<Assessment>,
    unspinner: Unspinner,
}

impl Document {
    pub fn new(unspinner: &Unspinner, name: String, text: String) -> Document {
        let repair = unspinner.repair(&text);
        let repaired = repair.text.into_owned();
        let edits = repair.edits;
        Document {
            name,
            text,
            repaired,
            edits,
            assessment: OnceCell::new(),
            unspinner: unspinner.clone(),
        }
    }

    /// The windows and paragraphs with their verdicts; the most spun
    /// window's score is the document's.
    pub fn assessment(&self) -> &Assessment {
        self.assessment
            .get_or_init(|| self.unspinner.assess(&self.text))
    }
}

/// Byte offsets of line starts, for turning offsets into line and column.
///
/// Columns count characters from the line's start. Offsets asked in
/// increasing order (the edits of a document, its paragraphs) count on from
/// the previous one, so a report on one long line costs linear time, not
/// quadratic.
pub struct LineIndex {
    starts: Vec<usize>,
    /// The last offset asked, with its line and column.
    last: std::cell::Cell<(usize, usize, usize)>,
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex {
            starts,
            last: std::cell::Cell::new((0, 1, 1)),
        }
    }

    /// 1-based line and character column of `offset`.
    pub fn position(&self, text: &str, offset: usize) -> (usize, usize) {
        let line = self.starts.partition_point(|&s| s <= offset);
        let start = self.starts[line - 1];
        let (last_offset, last_line, last_column) = self.last.get();
        let column = if last_line == line && last_offset <= offset {
            last_column + text[last_offset..offset].chars().count()
        } else {
            text[start..offset].chars().count() + 1
        };
        self.last.set((offset, line, column));
        (line, column)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_index_gives_character_columns() {
        let text = "ab\ncaf\u{e9} x\n\nz";
        let index = LineIndex::new(text);
        assert_eq!(index.position(text, 0), (1, 1));
        assert_eq!(index.position(text, 3), (2, 1));
        assert_eq!(index.position(text, text.find('x').unwrap()), (2, 6));
        assert_eq!(index.position(text, text.find('z').unwrap()), (4, 1));
        // Asked out of order, and again in order on one line.
        assert_eq!(index.position(text, text.find('x').unwrap()), (2, 6));
        assert_eq!(index.position(text, 4), (2, 2));
        assert_eq!(index.position(text, text.find('x').unwrap()), (2, 6));
    }
}
